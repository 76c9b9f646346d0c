//! What the Huawei lookups answer, read from the vendor's JSON into meetctl's records.

use serde_json::Value;

use crate::record;
use crate::record::Fields;
use crate::secret::Secret;

/// The vendor's state of a conference in progress.
pub(crate) const CREATED: &str = "Created";

record! {
    /// A Huawei conference as the conference lookups report it.
    pub struct HuaweiConferenceSummary {
        /// The conference id (`conferenceID`): what a conference handle takes.
        pub conference_id: String,
        /// The subject.
        pub subject: Option<String>,
        /// The vendor's state (`Schedule`, `Creating`, `Created` (in progress), `Destroyed`).
        pub state: Option<String>,
        /// Whether it is in progress now (state `Created`).
        pub in_progress: bool,
        /// Its start, Unix seconds (the vendor's `startTime`, UTC).
        pub start_time: Option<i64>,
        /// Its end, Unix seconds (the vendor's `endTime`, UTC).
        pub end_time: Option<i64>,
        /// The number to dial in (`accessNumber`).
        pub access_number: Option<String>,
        /// The cloud meeting room id (`vmrConferenceID`), when it is held in one.
        pub vmr_conference_id: Option<String>,
        /// Who scheduled it (`scheduserName`).
        pub scheduler_name: Option<String>,
        /// How many parties it was booked for (`size`).
        pub size: Option<i64>,
    }
}

record! {
    /// Someone invited to a Huawei conference, as its details list them.
    pub struct HuaweiInvitee {
        /// The participant id the vendor gives (`participantID`), when it gives one.
        pub participant_id: Option<String>,
        /// The display name.
        pub name: Option<String>,
        /// Their role (`role`: 0 ordinary, 1 host).
        pub role: Option<i64>,
        /// Their state (`state`), as the vendor reports it.
        pub state: Option<String>,
    }
}

record! {
    /// A Huawei conference's details: the conference and the people invited to it.
    pub struct HuaweiConferenceDetails {
        /// The conference.
        pub conference: HuaweiConferenceSummary,
        /// Who is invited (the first page the vendor gives).
        pub invitees: Vec<HuaweiInvitee>,
    }
}

record! {
    /// Someone online in a Huawei conference now.
    pub struct HuaweiOnlineAttendee {
        /// The participant id (`participantID`).
        pub participant_id: Option<String>,
        /// The display name.
        pub name: Option<String>,
        /// The number of their device (SIP or telephone).
        pub number: Option<String>,
        /// Their role, as the vendor reports it.
        pub role: Option<String>,
        /// Their state, as the vendor reports it.
        pub state: Option<String>,
    }
}

record! {
    /// Whether a device's call number is in a conference now.
    pub struct HuaweiCallNumberStatus {
        /// Whether it is in a conference (`in_conf`).
        pub in_conference: bool,
        /// The conference it is in (`conf_id`).
        pub conference_id: Option<String>,
    }
}

record! {
    /// A token to open the conference-control WebSocket with. `Debug` hides it.
    pub struct HuaweiWsToken {
        /// The token.
        pub token: Secret,
        /// When it expires, Unix milliseconds, when the vendor says.
        pub expires_at_ms: Option<i64>,
        /// The WebSocket address the vendor gives, when it gives one.
        pub ws_url: Option<String>,
    }
}

record! {
    /// The enterprise webhook configuration (`GET /v1/mmc/management/webhook/link-config`).
    /// The subscriber key is never answered.
    pub struct HuaweiWebhookConfig {
        /// The configuration's id (`id`): what `HuaweiClient::set_webhook_status` takes.
        pub id: String,
        /// The subscriber id (`subscriberId`): the `appID` of every delivery.
        pub subscriber_id: Option<String>,
        /// Where events are pushed (`url`).
        pub url: Option<String>,
        /// `enabled` (vendor 0), `disabled` (1), `locked` (2), or another number as its digits.
        pub status: Option<String>,
    }
}

impl HuaweiWebhookConfig {
    /// Reads the vendor's answer; `None` without an id.
    pub(crate) fn from_vendor(raw: &Value) -> Option<HuaweiWebhookConfig> {
        let f = Fields(raw);
        let status = f.int("status").map(|code| match code {
            0 => "enabled".to_owned(),
            1 => "disabled".to_owned(),
            2 => "locked".to_owned(),
            other => other.to_string(),
        });
        Some(HuaweiWebhookConfig {
            id: f.text("id")?,
            subscriber_id: f.text("subscriberId"),
            url: f.text("url"),
            status: status.or_else(|| f.text("status")),
        })
    }
}

/// Unix seconds from the vendor's `yyyy-MM-dd HH:mm` (UTC; seconds accepted too).
pub(crate) fn vendor_time(text: &str) -> Option<i64> {
    let (date, time) = text.trim().split_once(' ')?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut t = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, min) = (t.next()??, t.next()??);
    let s = t.next().flatten().unwrap_or(0);
    crate::civil::unix_secs(y, m, day, h, min, s)
}

impl HuaweiConferenceSummary {
    /// Reads a `ConferenceInfo`; `None` without a conference id.
    pub(crate) fn from_vendor(raw: &Value) -> Option<HuaweiConferenceSummary> {
        let f = Fields(raw);
        let state = f.text("conferenceState");
        Some(HuaweiConferenceSummary {
            conference_id: f.text("conferenceID")?,
            subject: f.text("subject"),
            in_progress: state.as_deref() == Some(CREATED),
            state,
            start_time: f.text("startTime").as_deref().and_then(vendor_time),
            end_time: f.text("endTime").as_deref().and_then(vendor_time),
            access_number: f.text("accessNumber"),
            vmr_conference_id: f.text("vmrConferenceID"),
            scheduler_name: f.text("scheduserName"),
            size: f.int("size"),
        })
    }
}

impl HuaweiInvitee {
    pub(crate) fn from_vendor(raw: &Value) -> HuaweiInvitee {
        let f = Fields(raw);
        HuaweiInvitee {
            participant_id: f.text("participantID"),
            name: f.text("name"),
            role: f.int("role"),
            state: f.text("state"),
        }
    }
}

impl HuaweiOnlineAttendee {
    pub(crate) fn from_vendor(raw: &Value) -> HuaweiOnlineAttendee {
        let f = Fields(raw);
        HuaweiOnlineAttendee {
            participant_id: f.text("participantID").or_else(|| f.text("participant_id")),
            name: f.text("name").or_else(|| f.text("displayName")),
            number: f.text("number").or_else(|| f.text("phone")).or_else(|| f.text("call_number")),
            role: f.text("role"),
            state: f.text("state"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_times_are_utc_minutes() {
        // 2026-12-07 14:00 UTC, as `date -u -d '2026-12-07 14:00' +%s` gives it.
        assert_eq!(vendor_time("2026-12-07 14:00"), Some(1_796_652_000));
        assert_eq!(vendor_time("1970-01-01 00:00"), Some(0));
        assert_eq!(vendor_time("2024-02-29 23:59:30"), Some(1_709_251_170));
        for bad in ["", "2026-13-01 00:00", "2026-12-07", "x-y-z 1:2", "2026-12-07 25:00"] {
            assert_eq!(vendor_time(bad), None, "{bad}");
        }
    }
}
