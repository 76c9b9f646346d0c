//! Live Tencent meetings: their members, settings and whether they have ended.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Presence;
use super::attendance::Attendance;
use crate::scenario::{
    DEFAULT_DURATION, DEFAULT_START_OFFSET, TencentMeeting, TencentMeetingState, TencentParticipant,
    TencentRole,
};
use crate::tencent::calls::ReachCall;
use crate::tencent::layouts::Layouts;
use crate::tencent::webhook::{Announced, announced_now};

/// A meeting setting's type: a boolean, or an integer from a fixed set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SettingKind {
    /// `true` / `false`.
    Bool,
    /// One of these integers.
    Int(&'static [i64]),
}

/// A meeting setting: its wire name (as in the `status` body and the state JSON), its type, and
/// its value when the meeting starts (booleans as 0/1).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Setting {
    /// Wire name.
    pub(crate) key: &'static str,
    /// Type.
    pub(crate) kind: SettingKind,
    /// Initial value.
    pub(crate) initial: i64,
}

const fn flag(key: &'static str, initial: bool) -> Setting {
    Setting { key, kind: SettingKind::Bool, initial: initial as i64 }
}

/// The settings `PUT .../status` changes.
pub(crate) const STATUS_SETTINGS: [Setting; 10] = [
    flag("mute_all", false),
    flag("allow_unmute_by_self", true),
    flag("meeting_locked", false),
    flag("auto_waiting_room", false),
    flag("share_screen", true),
    Setting { key: "allow_chat", kind: SettingKind::Int(&[0, 1, 2]), initial: 0 },
    Setting { key: "participant_join_mute", kind: SettingKind::Int(&[0, 1, 2]), initial: 0 },
    flag("play_ivr_on_join", false),
    flag("only_enterprise_user_allowed", false),
    flag("hide_meeting_code_password", false),
];

/// Settings changed by their own APIs: `doc` and `asr`.
const OTHER_SETTINGS: [Setting; 2] = [flag("enable_upload_doc", true), flag("transcription", false)];

/// How a meeting was ended (`POST /v1/meetings/{id}/dismiss`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dismissal {
    /// `reason_code`.
    pub(crate) reason_code: i64,
    /// `reason_detail`, when given.
    pub(crate) reason_detail: Option<String>,
    /// `force_dismiss_meeting` (0/1).
    pub(crate) force_dismiss_meeting: i64,
    /// `retrieve_code` (0/1).
    pub(crate) retrieve_code: i64,
}

/// One occurrence of a recurring meeting, times in Unix seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SubMeeting {
    /// `sub_meeting_id`.
    pub(crate) sub_meeting_id: String,
    /// Scheduled start.
    pub(crate) start_time: i64,
    /// Scheduled end.
    pub(crate) end_time: i64,
}

/// A live Tencent meeting.
#[derive(Debug, Clone)]
pub(crate) struct Meeting {
    /// The meeting id used in request paths.
    pub(crate) meeting_id: String,
    /// The meeting code, when the scenario gives one.
    pub(crate) meeting_code: Option<String>,
    /// The subject.
    pub(crate) subject: String,
    /// The creator's userid, when known.
    pub(crate) creator: Option<String>,
    /// Scheduled start (Unix seconds); for a recurring meeting, its first occurrence's.
    pub(crate) start_time: i64,
    /// Scheduled end (Unix seconds); for a recurring meeting, its last occurrence's.
    pub(crate) end_time: i64,
    /// 0 ordinary, 1 recurring.
    pub(crate) meeting_type: i64,
    /// A recurring meeting's occurrences, by start time.
    pub(crate) sub_meetings: Vec<SubMeeting>,
    /// Cancelled before it started.
    pub(crate) cancelled: bool,
    /// Join/leave records, oldest join first.
    pub(crate) attendance: Vec<Attendance>,
    /// Only this AK/SK app may see the meeting, when set.
    pub(crate) app_id: Option<String>,
    /// The OAuth user that created it, when set.
    pub(crate) oauth_open_id: Option<String>,
    /// One entry per user and device, in scenario order (removed ones stay, marked so).
    pub(crate) members: Vec<MeetingMember>,
    /// Current settings by wire name (booleans and integers).
    pub(crate) settings: BTreeMap<&'static str, Value>,
    /// Set once the meeting has been dismissed.
    pub(crate) ended: Option<Dismissal>,
    /// Started through `POST /_emulator/tencent/meetings/{id}/start`: in progress even with
    /// nobody in it.
    pub(crate) admin_started: bool,
    /// What the webhooks have announced of the meeting.
    pub(crate) announced: Announced,
    /// The calls it made to meeting rooms, SIP/H.323 devices and phones, oldest first.
    pub(crate) calls: Vec<ReachCall>,
    /// How many room calls it made (numbers the `invite_id`s).
    pub(crate) room_calls_made: u32,
    /// The meeting rooms booked for it that were released (`release-rooms`).
    pub(crate) released_rooms: Vec<String>,
    /// Its layouts, basic and advanced, oldest first, the one applied and each user's own.
    pub(crate) layouts: Layouts,
}

/// One user on one device in a live Tencent meeting.
#[derive(Debug, Clone)]
pub(crate) struct MeetingMember {
    /// Enterprise user id.
    pub(crate) userid: Option<String>,
    /// OAuth open id.
    pub(crate) openid: Option<String>,
    /// Meeting-scoped open id.
    pub(crate) ms_open_id: Option<String>,
    /// Unique user id.
    pub(crate) uuid: Option<String>,
    /// Device type.
    pub(crate) instanceid: i64,
    /// Role.
    pub(crate) role: TencentRole,
    /// Nick name.
    pub(crate) name: Option<String>,
    /// Video on.
    pub(crate) video: bool,
    /// Whether the host may stop this device's video.
    pub(crate) video_closable: bool,
    /// Microphone muted.
    pub(crate) muted: bool,
    /// A Rooms/MRA device.
    pub(crate) mra: bool,
    /// Sharing the screen.
    pub(crate) sharing_screen: bool,
    /// Hand raised.
    pub(crate) hand_raised: bool,
    /// In the meeting, in the waiting room, or removed.
    pub(crate) presence: Presence,
}

impl MeetingMember {
    /// The live member a scenario participant starts as.
    pub(crate) fn new(p: &TencentParticipant) -> MeetingMember {
        MeetingMember {
            userid: p.userid.clone(),
            openid: p.openid.clone(),
            ms_open_id: p.ms_open_id.clone(),
            uuid: p.uuid.clone(),
            instanceid: p.instanceid,
            role: p.role,
            name: p.name.clone(),
            video: p.video,
            video_closable: p.video_closable,
            muted: p.muted,
            mra: p.mra,
            sharing_screen: p.sharing_screen,
            hand_raised: p.hand_raised,
            presence: Presence::initial(p.in_waiting_room),
        }
    }

    /// The member leaves and joins again on `instanceid`: the ms_open_id stays (it is per
    /// meeting), the device changes (it is per join), and a removed member who may rejoin is back.
    /// `Err` says why not.
    pub(crate) fn rejoin(&mut self, instanceid: i64) -> Result<(), &'static str> {
        if self.presence == (Presence::Removed { allow_rejoin: false }) {
            return Err("was removed and may not rejoin");
        }
        self.instanceid = instanceid;
        self.presence = Presence::InMeeting;
        Ok(())
    }

    /// Whether the member is in the meeting (not waiting, not removed).
    pub(crate) fn in_meeting(&self) -> bool {
        self.presence == Presence::InMeeting
    }

    /// Whether the device is a Rooms device (`instanceid` 20–22) or an MRA device.
    pub(crate) fn is_rooms(&self) -> bool {
        self.mra || (20..=22).contains(&self.instanceid)
    }

    /// Takes the member out of the meeting or the waiting room.
    pub(crate) fn remove(&mut self, allow_rejoin: bool) {
        self.presence = Presence::Removed { allow_rejoin };
        self.sharing_screen = false;
        self.hand_raised = false;
    }

    fn to_json(&self) -> Value {
        json!({
            "userid": self.userid,
            "openid": self.openid,
            "ms_open_id": self.ms_open_id,
            "uuid": self.uuid,
            "instanceid": self.instanceid,
            "role": self.role.as_str(),
            "name": self.name,
            "video": self.video,
            "video_closable": self.video_closable,
            "muted": self.muted,
            "mra": self.mra,
            "sharing_screen": self.sharing_screen,
            "hand_raised": self.hand_raised,
            "in_waiting_room": self.presence == Presence::WaitingRoom,
            "removed": self.presence.is_removed(),
            "allow_rejoin": self.presence.allow_rejoin(),
        })
    }
}

impl Meeting {
    /// The live meeting a scenario meeting starts as; `base` is the emulator's start (Unix
    /// seconds), which the scenario's offsets count from.
    pub(crate) fn new(m: &TencentMeeting, base: i64) -> Meeting {
        let settings = STATUS_SETTINGS
            .iter()
            .chain(OTHER_SETTINGS.iter())
            .map(|s| {
                let value = match s.kind {
                    SettingKind::Bool => Value::Bool(s.initial != 0),
                    SettingKind::Int(_) => Value::from(s.initial),
                };
                (s.key, value)
            })
            .collect();
        let at = |offset: i64| base.saturating_add(offset);
        let mut sub_meetings: Vec<SubMeeting> = m
            .sub_meetings
            .iter()
            .map(|s| SubMeeting {
                sub_meeting_id: s.sub_meeting_id.clone(),
                start_time: at(s.start_offset_secs),
                end_time: at(s.end_offset_secs),
            })
            .collect();
        sub_meetings.sort_by_key(|s| s.start_time);
        let start_offset = m.start_offset_secs.unwrap_or(DEFAULT_START_OFFSET);
        let end_offset = m.end_offset_secs.unwrap_or(start_offset.saturating_add(DEFAULT_DURATION));
        let (start_time, end_time) = match (sub_meetings.first(), sub_meetings.last()) {
            (Some(first), Some(last)) => (first.start_time, last.end_time),
            _ => (at(start_offset), at(end_offset)),
        };
        let creator = m.creator.clone().or_else(|| {
            m.participants.iter().find(|p| p.role == TencentRole::Creator).and_then(|p| p.userid.clone())
        });
        let ended = (m.state == TencentMeetingState::Ended).then(|| Dismissal {
            reason_code: 0,
            reason_detail: Some("ended before the emulator started".into()),
            force_dismiss_meeting: 1,
            retrieve_code: 0,
        });
        let mut meeting = Meeting {
            meeting_id: m.meeting_id.clone(),
            meeting_code: m.meeting_code.clone(),
            subject: m.subject.clone(),
            creator,
            start_time,
            end_time,
            meeting_type: m.meeting_type,
            sub_meetings,
            cancelled: m.state == TencentMeetingState::Cancelled,
            attendance: m.history.iter().map(|h| Attendance::past(h, base)).collect(),
            app_id: m.app_id.clone(),
            oauth_open_id: m.oauth_open_id.clone(),
            members: m.participants.iter().map(MeetingMember::new).collect(),
            settings,
            ended,
            admin_started: false,
            announced: Announced::default(),
            calls: Vec::new(),
            room_calls_made: 0,
            released_rooms: Vec::new(),
            layouts: Layouts::default(),
        };
        // Those in the meeting joined at their given time, or when it started (not before the
        // emulator did when no time is given).
        for (i, p) in m.participants.iter().enumerate() {
            let joined = p.joined_offset_secs.map_or_else(|| meeting.start_time.max(base), at);
            meeting.open_record(i, joined);
        }
        meeting.attendance.sort_by_key(|a| a.join_time);
        meeting.announced = announced_now(&meeting);
        meeting
    }

    /// Whether the meeting is over: dismissed, or ended in the scenario.
    pub(crate) fn is_over(&self) -> bool {
        self.ended.is_some()
    }

    /// The vendor's `status` at `now`: `MEETING_STATE_CANCELLED`, `MEETING_STATE_ENDED`,
    /// `MEETING_STATE_STARTED` while anyone is in it (or once started through the admin API),
    /// else `MEETING_STATE_INIT` before its (last) scheduled end and `MEETING_STATE_NULL` after.
    pub(crate) fn status(&self, now: i64) -> &'static str {
        if self.cancelled {
            "MEETING_STATE_CANCELLED"
        } else if self.is_over() {
            "MEETING_STATE_ENDED"
        } else if self.admin_started || self.members.iter().any(MeetingMember::in_meeting) {
            "MEETING_STATE_STARTED"
        } else if now < self.end_time {
            "MEETING_STATE_INIT"
        } else {
            "MEETING_STATE_NULL"
        }
    }

    /// Whether the meeting is in progress (someone is in it, or started through the admin API;
    /// not over).
    pub(crate) fn in_progress(&self) -> bool {
        !self.is_over()
            && !self.cancelled
            && (self.admin_started || self.members.iter().any(MeetingMember::in_meeting))
    }

    /// A recurring meeting's current occurrence: the one in progress at `now`, else the next one;
    /// `None` when all are over (and for an ordinary meeting).
    pub(crate) fn current_sub_meeting(&self, now: i64) -> Option<&SubMeeting> {
        self.sub_meetings.iter().find(|s| s.end_time > now)
    }

    /// The scheduled start and end shown for the meeting at `now`: a recurring meeting's current
    /// occurrence's (its last one's when all are over); an ordinary meeting's own.
    pub(crate) fn schedule(&self, now: i64) -> (i64, i64) {
        match self.current_sub_meeting(now).or(self.sub_meetings.last()) {
            Some(s) => (s.start_time, s.end_time),
            None => (self.start_time, self.end_time),
        }
    }

    /// Opens a join record for member `index` at `join_time`.
    fn open_record(&mut self, index: usize, join_time: i64) {
        let Some(m) = self.members.get(index) else { return };
        if !m.in_meeting() || self.is_over() {
            return;
        }
        let role = self.user_role(m);
        let sub = self.current_sub_meeting(join_time).map(|s| s.sub_meeting_id.clone());
        let record = Attendance::open(index, m, role, join_time, sub);
        self.attendance.push(record);
    }

    /// Closes the open join record of member `index` at `now` (it left).
    pub(crate) fn close_record(&mut self, index: usize, now: i64) {
        for record in self.attendance.iter_mut().filter(|r| r.member == Some(index)) {
            record.left_time = Some(now);
            record.member = None;
        }
    }

    /// Brings the join/leave records in line with the members at `now`: a member who left (or
    /// whose meeting ended) gets its open record closed; a member in the meeting without an open
    /// record on its current device gets one.
    pub(crate) fn sync_attendance(&mut self, now: i64) {
        let over = self.is_over();
        let members = &self.members;
        for record in &mut self.attendance {
            let Some(i) = record.member else { continue };
            let stays =
                !over && members.get(i).is_some_and(|m| m.in_meeting() && m.instanceid == record.instanceid);
            if !stays {
                record.left_time = Some(now);
                record.member = None;
            }
        }
        for i in 0..self.members.len() {
            let open = self.attendance.iter().any(|r| r.member == Some(i));
            if !open {
                self.open_record(i, now);
            }
        }
    }

    /// The vendor's `user_role` of a member: 0 member, 1 creator, 2 host, 3 creator+host,
    /// 6 co-host. A creator counts as the host while no member in the meeting holds the host role.
    pub(crate) fn user_role(&self, member: &MeetingMember) -> i64 {
        match member.role {
            TencentRole::Attendee => 0,
            TencentRole::Host => 2,
            TencentRole::Cohost => 6,
            TencentRole::Creator => {
                let host_present = self.members.iter().any(|m| m.role == TencentRole::Host && m.in_meeting());
                if host_present { 1 } else { 3 }
            }
        }
    }

    /// The state JSON of the meeting.
    pub(crate) fn to_json(&self) -> Value {
        let members: Vec<Value> = self.members.iter().map(MeetingMember::to_json).collect();
        let dismissal = self.ended.as_ref().map(|d| {
            json!({
                "reason_code": d.reason_code,
                "reason_detail": d.reason_detail,
                "force_dismiss_meeting": d.force_dismiss_meeting,
                "retrieve_code": d.retrieve_code,
            })
        });
        let attendance: Vec<Value> = self.attendance.iter().map(Attendance::to_json).collect();
        json!({
            "meeting_id": self.meeting_id,
            "meeting_code": self.meeting_code,
            "subject": self.subject,
            "start_time": self.start_time,
            "end_time": self.end_time,
            "cancelled": self.cancelled,
            "attendance": attendance,
            "participants": members,
            "settings": self.settings,
            "ended": self.ended.is_some(),
            "dismissal": dismissal,
            "admin_started": self.admin_started,
            "calls": self.calls.iter().map(|c| c.to_json(&self.members)).collect::<Vec<_>>(),
            "released_rooms": self.released_rooms,
            "layouts": self.layouts.to_json(),
        })
    }
}
