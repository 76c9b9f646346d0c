//! Live Tencent meetings: their members, settings and whether they have ended.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Presence;
use crate::scenario::{TencentMeeting, TencentParticipant, TencentRole};

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

/// A live Tencent meeting.
#[derive(Debug, Clone)]
pub(crate) struct Meeting {
    /// The meeting id used in request paths.
    pub(crate) meeting_id: String,
    /// The meeting code, when the scenario gives one.
    pub(crate) meeting_code: Option<String>,
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
    fn new(p: &TencentParticipant) -> MeetingMember {
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
    /// The live meeting a scenario meeting starts as.
    pub(crate) fn new(m: &TencentMeeting) -> Meeting {
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
        Meeting {
            meeting_id: m.meeting_id.clone(),
            meeting_code: m.meeting_code.clone(),
            app_id: m.app_id.clone(),
            oauth_open_id: m.oauth_open_id.clone(),
            members: m.participants.iter().map(MeetingMember::new).collect(),
            settings,
            ended: None,
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
        json!({
            "meeting_id": self.meeting_id,
            "meeting_code": self.meeting_code,
            "participants": members,
            "settings": self.settings,
            "ended": self.ended.is_some(),
            "dismissal": dismissal,
        })
    }
}
