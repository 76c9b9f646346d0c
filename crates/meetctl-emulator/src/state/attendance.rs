//! Join/leave records of a Tencent meeting: the scenario's past stays, plus one record per stay
//! of a live member, opened when the member is in the meeting and closed when it leaves (kicked
//! out, moved to the waiting room, the meeting dismissed) or rejoins on another device.

use serde_json::{Value, json};

use crate::scenario::TencentAttendance;

use super::tencent::MeetingMember;

/// One stay in a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attendance {
    /// Enterprise user id.
    pub(crate) userid: Option<String>,
    /// OAuth open id.
    pub(crate) openid: Option<String>,
    /// Meeting-scoped open id.
    pub(crate) ms_open_id: Option<String>,
    /// Unique user id.
    pub(crate) uuid: Option<String>,
    /// Nick name when the user joined.
    pub(crate) name: Option<String>,
    /// Device type.
    pub(crate) instanceid: i64,
    /// The vendor's `user_role` when the user joined (0 for the scenario's past stays).
    pub(crate) user_role: i64,
    /// Join time, Unix seconds.
    pub(crate) join_time: i64,
    /// Leave time, Unix seconds; `None` while the user is still there.
    pub(crate) left_time: Option<i64>,
    /// The occurrence of a recurring meeting it belongs to.
    pub(crate) sub_meeting_id: Option<String>,
    /// The live member (index in the meeting's members) of an open record.
    pub(crate) member: Option<usize>,
}

impl Attendance {
    /// A scenario's past stay, with times made absolute from `base` (the emulator's start).
    pub(crate) fn past(h: &TencentAttendance, base: i64) -> Attendance {
        Attendance {
            userid: h.userid.clone(),
            openid: h.openid.clone(),
            ms_open_id: h.ms_open_id.clone(),
            uuid: h.uuid.clone(),
            name: h.name.clone(),
            instanceid: h.instanceid,
            user_role: 0,
            join_time: base.saturating_add(h.join_offset_secs),
            left_time: Some(base.saturating_add(h.left_offset_secs)),
            sub_meeting_id: h.sub_meeting_id.clone(),
            member: None,
        }
    }

    /// An open record of member `index` (`m`), joined at `join_time`.
    pub(crate) fn open(
        index: usize,
        m: &MeetingMember,
        user_role: i64,
        join_time: i64,
        sub_meeting_id: Option<String>,
    ) -> Attendance {
        Attendance {
            userid: m.userid.clone(),
            openid: m.openid.clone(),
            ms_open_id: m.ms_open_id.clone(),
            uuid: m.uuid.clone(),
            name: m.name.clone(),
            instanceid: m.instanceid,
            user_role,
            join_time,
            left_time: None,
            sub_meeting_id,
            member: Some(index),
        }
    }

    /// The state JSON of the record.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "userid": self.userid,
            "ms_open_id": self.ms_open_id,
            "uuid": self.uuid,
            "instanceid": self.instanceid,
            "join_time": self.join_time,
            "left_time": self.left_time,
            "sub_meeting_id": self.sub_meeting_id,
        })
    }
}
