//! What the Tencent lookups answer, read from the vendor's JSON into meetctl's records.

use serde_json::Value;

use super::participants::decode_name;
use crate::record;
use crate::record::Fields;

/// The vendor's status of a meeting in progress.
pub(crate) const STARTED: &str = "MEETING_STATE_STARTED";

record! {
    /// One occurrence of a recurring Tencent meeting (the vendor's sub-meeting).
    pub struct TencentOccurrence {
        /// The occurrence's id (`sub_meeting_id`): what the listings of a recurring meeting take.
        pub sub_meeting_id: String,
        /// When it starts, Unix seconds.
        pub start_time: Option<i64>,
        /// When it ends, Unix seconds.
        pub end_time: Option<i64>,
        /// The vendor's status of the occurrence (0 normal, 1 deleted).
        pub status: Option<i64>,
    }
}

record! {
    /// A Tencent meeting as the meeting lookups report it.
    pub struct TencentMeetingInfo {
        /// The meeting id: what every control takes.
        pub meeting_id: String,
        /// The meeting code people type (9 digits); codes are reused over time.
        pub meeting_code: Option<String>,
        /// The subject.
        pub subject: Option<String>,
        /// The vendor's status (`MEETING_STATE_STARTED`, `MEETING_STATE_INIT`, …).
        pub status: Option<String>,
        /// Whether it is in progress now (status `MEETING_STATE_STARTED`).
        pub in_progress: bool,
        /// Its scheduled start, Unix seconds.
        pub start_time: Option<i64>,
        /// Its scheduled end, Unix seconds.
        pub end_time: Option<i64>,
        /// The hosts' user ids.
        pub hosts: Vec<String>,
        /// Whether it is a recurring meeting (`meeting_type` 1).
        pub recurring: bool,
        /// The occurrence the vendor calls current (`current_sub_meeting_id`), for a recurring meeting.
        pub current_occurrence: Option<String>,
        /// The occurrences of a recurring meeting the vendor listed.
        pub occurrences: Vec<TencentOccurrence>,
        /// The join link.
        pub join_url: Option<String>,
    }
}

record! {
    /// One person's attendance of a Tencent meeting: when they joined and left.
    pub struct TencentAttendee {
        /// The meeting-scoped open id: what the controls take.
        pub ms_open_id: Option<String>,
        /// The enterprise user id (same enterprise only).
        pub userid: Option<String>,
        /// The OAuth 2.0 open id.
        pub open_id: Option<String>,
        /// The display name, decoded from the vendor's base64.
        pub user_name: Option<String>,
        /// The device type (`instanceid`).
        pub instanceid: Option<i64>,
        /// When they joined, Unix seconds.
        pub join_time: Option<i64>,
        /// When they left, Unix seconds; `None` while they are in the meeting.
        pub left_time: Option<i64>,
    }
}

record! {
    /// Someone waiting in a Tencent meeting's waiting room.
    pub struct TencentWaitingMember {
        /// The meeting-scoped open id: what admitting or removing them takes.
        pub ms_open_id: Option<String>,
        /// The enterprise user id (same enterprise only).
        pub userid: Option<String>,
        /// The OAuth 2.0 open id.
        pub open_id: Option<String>,
        /// The display name, decoded from the vendor's base64.
        pub user_name: Option<String>,
        /// The device type (`instanceid`).
        pub instanceid: Option<i64>,
        /// When they entered the waiting room, Unix seconds.
        pub join_time: Option<i64>,
    }
}

impl TencentOccurrence {
    fn from_vendor(raw: &Value) -> Option<TencentOccurrence> {
        let f = Fields(raw);
        Some(TencentOccurrence {
            sub_meeting_id: f.text("sub_meeting_id")?,
            start_time: f.int("start_time"),
            end_time: f.int("end_time"),
            status: f.int("status"),
        })
    }
}

impl TencentMeetingInfo {
    /// Reads one entry of the vendor's `meeting_info_list`; `None` without a meeting id.
    pub(crate) fn from_vendor(raw: &Value) -> Option<TencentMeetingInfo> {
        let f = Fields(raw);
        let status = f.text("status");
        let hosts = f.list("hosts").iter().filter_map(|h| Fields(h).text("userid")).collect();
        Some(TencentMeetingInfo {
            meeting_id: f.text("meeting_id")?,
            meeting_code: f.text("meeting_code"),
            subject: f.text("subject"),
            in_progress: status.as_deref() == Some(STARTED),
            status,
            start_time: f.int("start_time"),
            end_time: f.int("end_time"),
            hosts,
            recurring: f.int("meeting_type") == Some(1),
            current_occurrence: f.text("current_sub_meeting_id"),
            occurrences: f.list("sub_meetings").iter().filter_map(TencentOccurrence::from_vendor).collect(),
            join_url: f.text("join_url"),
        })
    }
}

impl TencentAttendee {
    pub(crate) fn from_vendor(raw: &Value) -> TencentAttendee {
        let f = Fields(raw);
        TencentAttendee {
            ms_open_id: f.text("ms_open_id"),
            userid: f.text("userid"),
            open_id: f.text("open_id"),
            user_name: f.text("user_name").map(|n| decode_name(&n)),
            instanceid: f.int("instanceid"),
            join_time: f.int("join_time"),
            left_time: f.int("left_time").filter(|t| *t > 0),
        }
    }
}

impl TencentWaitingMember {
    pub(crate) fn from_vendor(raw: &Value) -> TencentWaitingMember {
        let f = Fields(raw);
        TencentWaitingMember {
            ms_open_id: f.text("ms_open_id"),
            userid: f.text("userid"),
            open_id: f.text("open_id"),
            user_name: f.text("user_name").or_else(|| f.text("nick_name")).map(|n| decode_name(&n)),
            instanceid: f.int("instanceid"),
            join_time: f.int("join_time"),
        }
    }
}
