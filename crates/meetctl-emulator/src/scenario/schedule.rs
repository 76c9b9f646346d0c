//! Scenario types for when things happen and where: a Tencent meeting's state, its occurrences
//! (recurring meetings), its join/leave history, and the Rooms devices and meeting rooms that
//! have meetings. Every time is an offset in seconds from the emulator's start.

use serde::{Deserialize, Serialize};

/// How a Tencent meeting stands when the emulator starts; the live status is worked out from this,
/// who is in the meeting, and the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TencentMeetingState {
    /// Scheduled or in progress: `MEETING_STATE_STARTED` while anyone is in it, else
    /// `MEETING_STATE_INIT` before its end and `MEETING_STATE_NULL` after.
    #[default]
    Live,
    /// Over (`MEETING_STATE_ENDED`): answers as a dismissed meeting does.
    Ended,
    /// Cancelled before it started (`MEETING_STATE_CANCELLED`).
    Cancelled,
}

/// One occurrence of a recurring Tencent meeting (`meeting_type` 1).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TencentSubMeeting {
    /// `sub_meeting_id`.
    pub sub_meeting_id: String,
    /// When it starts, seconds from the emulator's start.
    pub start_offset_secs: i64,
    /// When it ends, seconds from the emulator's start.
    pub end_offset_secs: i64,
}

/// A past stay in a Tencent meeting: who, on which device, from when to when (a join/leave
/// record of `GET /v1/meetings/{id}/participants`). People in the meeting now get their open
/// record from their participant entry instead.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TencentAttendance {
    /// Enterprise user id.
    #[serde(default)]
    pub userid: Option<String>,
    /// OAuth open id.
    #[serde(default)]
    pub openid: Option<String>,
    /// Meeting-scoped open id.
    #[serde(default)]
    pub ms_open_id: Option<String>,
    /// Unique user id.
    #[serde(default)]
    pub uuid: Option<String>,
    /// Nick name (reported base64-encoded as `user_name`).
    #[serde(default)]
    pub name: Option<String>,
    /// The device type.
    pub instanceid: i64,
    /// When the user joined, seconds from the emulator's start.
    pub join_offset_secs: i64,
    /// When the user left, seconds from the emulator's start.
    pub left_offset_secs: i64,
    /// The occurrence of a recurring meeting the stay belongs to.
    #[serde(default)]
    pub sub_meeting_id: Option<String>,
}

/// A Tencent Rooms device and/or meeting room, and the meetings booked on it
/// (`GET /v1/meeting-rooms/{operator_id}/meetings`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TencentRooms {
    /// The Rooms device id (`operator_id_type` 3).
    #[serde(default)]
    pub rooms_id: Option<String>,
    /// The meeting room id (`operator_id_type` 5).
    #[serde(default)]
    pub meeting_room_id: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Ids of the meetings booked on it (each a meeting of the scenario).
    #[serde(default)]
    pub meetings: Vec<String>,
}
