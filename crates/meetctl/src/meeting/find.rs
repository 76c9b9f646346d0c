//! Finding a [`Meeting`]: from a Tencent meeting code or join link, a Huawei room's SIP number or
//! conference id; and what a found meeting is ([`MeetingDetails`]).

use serde_json::Value;

use super::{Backend, Meeting, tencent::TencentMeeting};
use crate::args::Args;
use crate::error::{Error, ErrorKind, Vendor};
use crate::find::{Candidate, choose, normalise_code, tencent_candidates};
use crate::huawei::{ConferenceAuth, HuaweiClient, HuaweiConferenceSummary, HuaweiLookup};
use crate::record;
use crate::record::Fields;
use crate::secret::Secret;
use crate::tencent::{TencentClient, TencentMeetingInfo, TencentUser};

record! {
    /// One occurrence of a recurring meeting.
    pub struct MeetingOccurrence {
        /// The occurrence's id (Tencent's sub-meeting id).
        pub occurrence: String,
        /// When it starts, Unix seconds.
        pub start_time: Option<i64>,
        /// When it ends, Unix seconds.
        pub end_time: Option<i64>,
    }
}

record! {
    /// What a meeting is, on either vendor.
    pub struct MeetingDetails {
        /// `"tencent"` or `"huawei"`.
        pub vendor: String,
        /// The meeting (conference) id.
        pub meeting_id: String,
        /// The occurrence this meeting handle acts on, for a recurring meeting.
        pub occurrence: Option<String>,
        /// The code people type: Tencent's meeting code, Huawei's cloud meeting room id when it is held in one.
        pub code: Option<String>,
        /// The subject.
        pub subject: Option<String>,
        /// Whether it is in progress now.
        pub in_progress: bool,
        /// The vendor's status, as it reports it.
        pub status: Option<String>,
        /// Its scheduled start, Unix seconds.
        pub start_time: Option<i64>,
        /// Its scheduled end, Unix seconds.
        pub end_time: Option<i64>,
        /// The hosts (Tencent user ids; Huawei the scheduler's name).
        pub hosts: Vec<String>,
        /// Whether it is a recurring meeting.
        pub recurring: bool,
        /// Its occurrences, for a recurring meeting.
        pub occurrences: Vec<MeetingOccurrence>,
    }
}

impl MeetingDetails {
    pub(crate) fn from_tencent(info: TencentMeetingInfo, occurrence: Option<String>) -> MeetingDetails {
        MeetingDetails {
            vendor: "tencent".into(),
            meeting_id: info.meeting_id,
            occurrence,
            code: info.meeting_code,
            subject: info.subject,
            in_progress: info.in_progress,
            status: info.status,
            start_time: info.start_time,
            end_time: info.end_time,
            hosts: info.hosts,
            recurring: info.recurring,
            occurrences: info
                .occurrences
                .into_iter()
                .map(|o| MeetingOccurrence {
                    occurrence: o.sub_meeting_id,
                    start_time: o.start_time,
                    end_time: o.end_time,
                })
                .collect(),
        }
    }

    pub(crate) fn from_huawei(c: HuaweiConferenceSummary) -> MeetingDetails {
        MeetingDetails {
            vendor: "huawei".into(),
            meeting_id: c.conference_id,
            occurrence: None,
            code: c.vmr_conference_id,
            subject: c.subject,
            in_progress: c.in_progress,
            status: c.state,
            start_time: c.start_time,
            end_time: c.end_time,
            hosts: c.scheduler_name.into_iter().collect(),
            recurring: false,
            occurrences: Vec::new(),
        }
    }
}

impl TencentClient {
    /// The meeting a typed code or join link means, by the one rule (see [`crate::find`]):
    /// one match, else the one in progress, else the one whose time contains now (this client's
    /// clock), else [`ErrorKind::Ambiguous`] listing the candidates; [`ErrorKind::NotFound`]
    /// when no meeting of this app has the code.
    pub fn find(&self, code_or_link: &str, operator: &TencentUser) -> Result<Candidate, Error> {
        let code = normalise_code(code_or_link, "code")?;
        // The vendor answers a code no meeting of this app has with "meeting does not exist".
        let meetings = match self.meetings_by_code(&code, operator) {
            Err(e) if e.kind() == ErrorKind::NotFound => Vec::new(),
            other => other?,
        };
        let now = self.now_secs();
        choose(tencent_candidates(&meetings, now), now, &format!("code {code}"))
    }
}

impl Meeting {
    /// The Tencent meeting a typed code (`"806 724 161"`) or join link means, acted on by
    /// `operator` (a user of the app by userid, or with OAuth the client's own open_id); for a
    /// recurring meeting, the occurrence the rule picks. See [`TencentClient::find`].
    pub fn find_tencent(
        client: &TencentClient,
        code_or_link: &str,
        operator: TencentUser,
    ) -> Result<Meeting, Error> {
        let found = client.find(code_or_link, &operator)?;
        Meeting::tencent_occurrence(client.clone(), &found.meeting_id, found.occurrence.as_deref(), operator)
    }

    /// A Tencent meeting's occurrence (a recurring meeting's sub-meeting id, or `None`), acted on
    /// by `operator`; the listings that take an occurrence get it.
    pub fn tencent_occurrence(
        client: TencentClient,
        meeting_id: &str,
        occurrence: Option<&str>,
        operator: TencentUser,
    ) -> Result<Meeting, Error> {
        let meeting = TencentMeeting::new(client, meeting_id, operator)?.with_occurrence(occurrence)?;
        Ok(Meeting { backend: std::sync::Arc::new(Backend::Tencent(meeting)) })
    }

    /// The Huawei conference a room device's call (SIP) number is in now. With `auth` `None`,
    /// the handle uses the host password the conference's details show this account (an
    /// administrator's, or the scheduler's); [`ErrorKind::NotFound`] when the number is in no
    /// conference.
    pub fn find_huawei_by_number(
        client: &HuaweiClient,
        sip_number: &str,
        auth: Option<ConferenceAuth>,
    ) -> Result<Meeting, Error> {
        let status = client.call_number_status(sip_number)?;
        let conference_id = match (status.in_conference, status.conference_id) {
            (true, Some(id)) => id,
            _ => {
                return Err(Error::new(
                    ErrorKind::NotFound,
                    format!("the call number {sip_number} is in no conference now"),
                ));
            }
        };
        Meeting::find_huawei_by_conference_id(client, &conference_id, auth)
    }

    /// The Huawei conference with this id, not yet ended (in progress or scheduled); `auth` as
    /// for [`find_huawei_by_number`](Self::find_huawei_by_number).
    pub fn find_huawei_by_conference_id(
        client: &HuaweiClient,
        conference_id: &str,
        auth: Option<ConferenceAuth>,
    ) -> Result<Meeting, Error> {
        let args = Args::new().with("conference_id", conference_id);
        let raw = client.lookup_raw(HuaweiLookup::ConferenceDetails, &args)?;
        let auth = match auth {
            Some(auth) => auth,
            None => ConferenceAuth::Password(host_password(&raw)?),
        };
        Ok(Meeting::huawei(client.conference(conference_id, auth)?))
    }

    /// What this meeting is: subject, status, times, hosts, occurrences. Asks the vendor.
    pub fn details(&self) -> Result<MeetingDetails, Error> {
        match &*self.backend {
            Backend::Tencent(t) => t.details(),
            Backend::Huawei(c) => {
                Ok(MeetingDetails::from_huawei(c.client().conference_details(c.id(), false)?.conference))
            }
        }
    }

    /// The occurrence of a recurring Tencent meeting this handle acts on.
    pub fn occurrence(&self) -> Option<&str> {
        match &*self.backend {
            Backend::Tencent(t) => t.occurrence(),
            Backend::Huawei(_) => None,
        }
    }
}

/// The host (chair) password in a conference's details, as the vendor shows it to its scheduler
/// or an administrator.
fn host_password(details: &Value) -> Result<Secret, Error> {
    let conference = Fields(details).object("conferenceData");
    let entries = conference.as_ref().map_or(&[][..], |c| c.list("passwordEntry"));
    entries
        .iter()
        .find(|e| Fields(e).text("conferenceRole").as_deref() == Some("chair"))
        .and_then(|e| e.get("password").and_then(Value::as_str))
        .filter(|p| !p.is_empty())
        .map(Secret::new)
        .ok_or_else(|| {
            let mut e = Error::invalid(
                "auth",
                "the conference's details show this account no host password; give the conference's password or control token",
            );
            if conference.is_none() {
                e = Error::new(ErrorKind::MalformedResponse, "the conference's details have no conferenceData");
            }
            e
        })
}

impl Vendor {
    /// `"tencent"` or `"huawei"`.
    pub fn name(self) -> &'static str {
        match self {
            Vendor::Tencent => "tencent",
            Vendor::Huawei => "huawei",
        }
    }
}
