//! A conference as it is now, as `GET …/realTimeInfo` reports it.

use serde_json::Value;

use crate::error::{Error, ErrorKind};

/// A participant's role in a Huawei conference, from the answer's `chairID` and `coHosts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HuaweiRole {
    /// The host (chair).
    Host,
    /// A co-host.
    Cohost,
    /// Anyone else.
    Attendee,
}

impl HuaweiRole {
    /// A short lowercase name (`"cohost"`).
    pub fn name(self) -> &'static str {
        match self {
            HuaweiRole::Host => "host",
            HuaweiRole::Cohost => "cohost",
            HuaweiRole::Attendee => "attendee",
        }
    }
}

/// One participant online in the conference. Flags are what the vendor reported, `None` where it
/// reported nothing (never guessed); `raw` is the entry as received.
#[derive(Debug, Clone, PartialEq)]
pub struct HuaweiParticipant {
    /// The participant id (`pid`): what the control operations take.
    pub participant_id: String,
    /// The display name.
    pub name: Option<String>,
    /// The registered number of the participant's device (`phone`: SIP or telephone number).
    pub number: Option<String>,
    /// Whether the microphone is muted (the vendor's `mute` 1).
    pub audio_muted: Option<bool>,
    /// Whether the participant has video on (`video` 1) rather than audio only.
    pub video_on: Option<bool>,
    /// Whether the hand is raised (`hand` 1).
    pub hand_raised: Option<bool>,
    /// The host, a co-host or an attendee, by the conference's `chairID` and `coHosts`.
    pub role: HuaweiRole,
    /// The vendor's entry, as received.
    pub raw: Value,
}

/// The conference now: who holds the host and co-host roles, and who is online.
#[derive(Debug, Clone, PartialEq)]
pub struct HuaweiConferenceInfo {
    /// The host's participant id (`confInfo.chairID`), when there is a host.
    pub host_id: Option<String>,
    /// The co-hosts' participant ids (`confInfo.coHosts`).
    pub cohost_ids: Vec<String>,
    /// Everyone online (in the meeting, being called or joining); waiting-room members are not.
    pub participants: Vec<HuaweiParticipant>,
    /// The answer as received.
    pub raw: Value,
}

impl HuaweiConferenceInfo {
    /// Reads a `realTimeInfo` answer; entries without a `pid` are skipped.
    pub fn from_json(raw: Value) -> Result<HuaweiConferenceInfo, Error> {
        if !raw.is_object() {
            return Err(Error::new(ErrorKind::MalformedResponse, "the conference info is not a JSON object"));
        }
        let conf = raw.get("confInfo");
        let host_id = conf
            .and_then(|c| c.get("chairID"))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        let cohost_ids: Vec<String> = conf
            .and_then(|c| c.get("coHosts"))
            .and_then(Value::as_array)
            .map(|ids| ids.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default();
        let entries = raw.get("participants").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
        let participants = entries
            .iter()
            .filter_map(|entry| {
                let participant_id =
                    entry.get("pid").and_then(Value::as_str).filter(|s| !s.is_empty())?.to_owned();
                let role = if host_id.as_deref() == Some(participant_id.as_str()) {
                    HuaweiRole::Host
                } else if cohost_ids.contains(&participant_id) {
                    HuaweiRole::Cohost
                } else {
                    HuaweiRole::Attendee
                };
                let text = |key: &str| entry.get(key).and_then(Value::as_str).map(str::to_owned);
                let flag = |key: &str| entry.get(key).and_then(Value::as_i64).map(|v| v == 1);
                Some(HuaweiParticipant {
                    participant_id,
                    name: text("name"),
                    number: text("phone"),
                    audio_muted: flag("mute"),
                    video_on: flag("video"),
                    hand_raised: flag("hand"),
                    role,
                    raw: entry.clone(),
                })
            })
            .collect();
        Ok(HuaweiConferenceInfo { host_id, cohost_ids, participants, raw })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn roles_and_flags() {
        let info = HuaweiConferenceInfo::from_json(json!({
            "participants": [
                {"pid": "a", "name": "Alice", "phone": "+86100", "mute": 0, "video": 1, "hand": 0},
                {"pid": "b", "mute": 1, "hand": 1},
                {"pid": "c"},
                {"name": "no pid"}
            ],
            "confInfo": {"chairID": "a", "coHosts": ["b"]}
        }))
        .unwrap();
        assert_eq!(info.host_id.as_deref(), Some("a"));
        let roles: Vec<HuaweiRole> = info.participants.iter().map(|p| p.role).collect();
        assert_eq!(roles, [HuaweiRole::Host, HuaweiRole::Cohost, HuaweiRole::Attendee]);
        let a = &info.participants[0];
        assert_eq!(
            (a.audio_muted, a.video_on, a.hand_raised, a.number.as_deref()),
            (Some(false), Some(true), Some(false), Some("+86100"))
        );
        let c = &info.participants[2];
        assert_eq!((c.audio_muted, c.video_on, c.hand_raised, c.name.as_deref()), (None, None, None, None));
        assert!(HuaweiConferenceInfo::from_json(json!([])).is_err());
        assert!(HuaweiConferenceInfo::from_json(json!({})).unwrap().participants.is_empty());
    }
}
