//! Live Huawei conferences: their members, settings, extensions and whether they have ended.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Presence;
use crate::scenario::{DEFAULT_START_OFFSET, HuaweiConference, HuaweiParticipant, HuaweiRole};

/// `accessNumber` when the scenario gives none.
const DEFAULT_ACCESS_NUMBER: &str = "+991117";

/// `timeZoneID` when the scenario gives none (the vendor's examples use 56).
const DEFAULT_TIME_ZONE_ID: &str = "56";

/// A conference setting: its wire name, the integers it accepts, its value when the conference
/// starts, and whether `updateStartedConfConfig` may change it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConferenceSetting {
    /// Wire name (as in the request bodies and the state JSON).
    pub(crate) key: &'static str,
    /// Accepted values.
    pub(crate) allowed: &'static [i64],
    /// Initial value.
    pub(crate) initial: i64,
    /// Changeable through `updateStartedConfConfig`.
    pub(crate) configurable: bool,
}

const fn setting(
    key: &'static str,
    allowed: &'static [i64],
    initial: i64,
    configurable: bool,
) -> ConferenceSetting {
    ConferenceSetting { key, allowed, initial, configurable }
}

const ZERO_ONE: &[i64] = &[0, 1];

/// Every conference setting. `isLock` is shared by `lock` and `updateStartedConfConfig`,
/// `allowUnmuteByOneself` by `mute` (mute all) and `updateStartedConfConfig`; `isMute` is set by
/// `mute`, `isRecord` by `record`.
pub(crate) const CONFERENCE_SETTINGS: [ConferenceSetting; 9] = [
    setting("isLock", ZERO_ONE, 0, true),
    setting("allowUnmuteByOneself", ZERO_ONE, 1, true),
    setting("lockSharing", ZERO_ONE, 0, true),
    setting("allowOpenCamera", ZERO_ONE, 1, true),
    setting("allowRename", ZERO_ONE, 1, true),
    setting("chatPermission", &[1, 2, 3, 4], 4, true),
    setting("callInRestriction", &[0, 2, 3], 0, true),
    setting("isMute", ZERO_ONE, 0, false),
    setting("isRecord", ZERO_ONE, 0, false),
];

/// A live Huawei conference.
#[derive(Debug, Clone)]
pub(crate) struct Conference {
    /// `conferenceID`.
    pub(crate) conference_id: String,
    /// Host (chair) password.
    pub(crate) host_password: String,
    /// Guest password.
    pub(crate) guest_password: String,
    /// Whether it has started (control tokens are refused until it has).
    pub(crate) started: bool,
    /// Whether it has been stopped (`PUT .../stop`).
    pub(crate) ended: bool,
    /// The subject.
    pub(crate) subject: String,
    /// Scheduled start, Unix seconds.
    pub(crate) start_time: i64,
    /// Scheduled end, Unix seconds.
    pub(crate) end_time: i64,
    /// The scheduler's account name.
    pub(crate) scheduser_name: String,
    /// `accessNumber`.
    pub(crate) access_number: String,
    /// `vmrConferenceID`, when held in a cloud meeting room.
    pub(crate) vmr_conference_id: Option<String>,
    /// `timeZoneID`.
    pub(crate) time_zone_id: String,
    /// Members in scenario order (removed ones stay, marked so).
    pub(crate) members: Vec<ConferenceMember>,
    /// Current settings by wire name.
    pub(crate) settings: BTreeMap<&'static str, i64>,
    /// Minutes added by `duration` with `auto: 0`.
    pub(crate) extended_minutes: i64,
    /// Whether `duration` with `auto: 1` turned automatic extension on.
    pub(crate) auto_extend: bool,
    /// The member speaking now (an index in `members`), set by the admin API.
    pub(crate) speaker: Option<usize>,
    /// Whom everyone sees or hears.
    pub(crate) broadcast: Broadcast,
    /// What the host's hardware terminal watches, when told.
    pub(crate) host_view: Option<HostView>,
    /// Paused (`pause`).
    pub(crate) paused: bool,
    /// A webinar's audience may join (`allowAudience`).
    pub(crate) allow_audience: bool,
    /// MMR recording (`mmrRecord`).
    pub(crate) mmr_recording: MmrRecording,
    /// MMR live streaming (`mmrLive`).
    pub(crate) mmr_live: bool,
    /// Live broadcast (`live`).
    pub(crate) live: bool,
    /// The numbers taken off the invitation list (`attendees/delete`), until invited again.
    pub(crate) removed_attendees: Vec<String>,
    /// The video display mode (`display/mode`), once set.
    pub(crate) display_mode: Option<DisplayMode>,
    /// The multi-picture layouts saved in the conference, oldest first (released when it ends).
    pub(crate) layouts: Vec<SavedLayout>,
    /// Simultaneous interpretation on (`simultaneousInterpretation`).
    pub(crate) interpretation: bool,
    /// The custom multi-picture (`display/customMultiPicture`) as last set: the request body.
    pub(crate) multi_picture: Option<Value>,
    /// The interpreter groups (`interpreterGroup`) as last set: `interpreterGroups`.
    pub(crate) interpreter_groups: Vec<Value>,
}

/// The video display mode (`display/mode`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DisplayMode {
    /// `Fixed` (the broadcast participant) or `VAS` (voice-activated).
    pub(crate) switch_mode: String,
    /// `imageType`: 1 multi-picture, 0 single picture.
    pub(crate) image_type: i64,
}

/// A saved multi-picture layout: its uuid and the vendor's `restPicLayout` as saved (with the
/// uuid in it), which `GET layOut` answers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SavedLayout {
    /// `uuid`.
    pub(crate) uuid: String,
    /// The layout as `GET layOut` lists it.
    pub(crate) layout: Value,
}

/// The state of an MMR conference's recording (`mmrRecord`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MmrRecording {
    /// Not recording (at the start, and after `recordType` 2).
    Stopped,
    /// Recording (`recordType` 1).
    Recording,
    /// Paused (`recordType` 0 while recording).
    Paused,
}

impl MmrRecording {
    /// Its name in the state JSON.
    pub(crate) fn name(self) -> &'static str {
        match self {
            MmrRecording::Stopped => "stopped",
            MmrRecording::Recording => "recording",
            MmrRecording::Paused => "paused",
        }
    }
}

/// A member of a live Huawei conference.
#[derive(Debug, Clone)]
pub(crate) struct ConferenceMember {
    /// `participantID` / `pid`.
    pub(crate) participant_id: String,
    /// Display name.
    pub(crate) name: String,
    /// SIP or phone number, when known.
    pub(crate) number: Option<String>,
    /// Host, co-host or participant.
    pub(crate) role: HuaweiRole,
    /// Microphone muted.
    pub(crate) muted: bool,
    /// Video on.
    pub(crate) video: bool,
    /// Hand raised.
    pub(crate) hand_raised: bool,
    /// In the conference, in the waiting room, or removed.
    pub(crate) presence: Presence,
    /// Hardware terminal, local recording and what the member watches.
    pub(crate) screen: Screen,
}

/// What a member is and watches beyond sound and camera.
#[derive(Debug, Clone, Default)]
pub(crate) struct Screen {
    /// A professional hardware terminal (TE series and the like).
    pub(crate) terminal: bool,
    /// Allowed to record locally (`allowClientRecord`).
    pub(crate) client_record: bool,
    /// The participant this terminal watches (`partView`).
    pub(crate) watching: Option<String>,
    /// The participant whose video this terminal is locked to (`lockView`).
    pub(crate) locked_source: Option<String>,
    /// Asked to share the screen (`participants/share/invite`).
    pub(crate) share_invited: bool,
    /// The language channel the member listens and speaks in (`setAttendeeLanChannel`).
    pub(crate) language_channel: Option<String>,
    /// Whether the member also hears the original voice underneath (`includeOriginalVoice`).
    pub(crate) original_voice: bool,
}

impl Screen {
    /// A terminal, or not, that watches nothing chosen.
    pub(crate) fn of(terminal: bool) -> Screen {
        Screen { terminal, ..Screen::default() }
    }
}

/// Whom everyone sees or hears (the push's dynamic `mode`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum Broadcast {
    /// Nobody in particular (`FREE`).
    #[default]
    Free,
    /// This participant is broadcast (`BROADCAST`).
    Participant(String),
    /// This participant is roll-called (`ROLLCALL`): heard, everyone else but the host muted.
    RollCall(String),
}

impl Broadcast {
    /// `FREE`, `BROADCAST` or `ROLLCALL`.
    pub(crate) fn mode(&self) -> &'static str {
        match self {
            Broadcast::Free => "FREE",
            Broadcast::Participant(_) => "BROADCAST",
            Broadcast::RollCall(_) => "ROLLCALL",
        }
    }

    /// The participant broadcast or roll-called.
    pub(crate) fn pid(&self) -> Option<&str> {
        match self {
            Broadcast::Free => None,
            Broadcast::Participant(p) | Broadcast::RollCall(p) => Some(p),
        }
    }
}

/// What the host's hardware terminal watches (`chairView`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HostView {
    /// The participants in turn, switching every this many seconds.
    Polling(i64),
    /// The multi-picture.
    MultiPicture,
    /// One participant.
    Participant(String),
}

impl HostView {
    fn to_json(&self) -> Value {
        match self {
            HostView::Polling(secs) => json!({"type": "polling", "switch_seconds": secs}),
            HostView::MultiPicture => json!({"type": "multi_picture"}),
            HostView::Participant(pid) => json!({"type": "participant", "participant_id": pid}),
        }
    }
}

impl ConferenceMember {
    fn new(p: &HuaweiParticipant) -> ConferenceMember {
        ConferenceMember {
            participant_id: p.participant_id.clone(),
            name: p.name.clone(),
            number: p.number.clone(),
            role: p.role,
            muted: p.muted,
            video: p.video,
            hand_raised: p.hand_raised,
            presence: Presence::initial(p.in_waiting_room),
            screen: Screen::of(p.terminal),
        }
    }

    /// Whether the member is in the conference (not waiting, not removed).
    pub(crate) fn in_meeting(&self) -> bool {
        self.presence == Presence::InMeeting
    }

    fn to_json(&self) -> Value {
        json!({
            "participant_id": self.participant_id,
            "name": self.name,
            "number": self.number,
            "role": self.role.as_str(),
            "muted": self.muted,
            "video": self.video,
            "hand_raised": self.hand_raised,
            "in_waiting_room": self.presence == Presence::WaitingRoom,
            "removed": self.presence.is_removed(),
            "terminal": self.screen.terminal,
            "client_record": self.screen.client_record,
            "watching": self.screen.watching,
            "locked_source": self.screen.locked_source,
            "share_invited": self.screen.share_invited,
            "language_channel": self.screen.language_channel,
            "original_voice": self.screen.original_voice,
        })
    }
}

impl Conference {
    /// The live conference a scenario conference starts as; `base` is the emulator's start (Unix
    /// seconds), which the scenario's offsets count from.
    pub(crate) fn new(c: &HuaweiConference, base: i64) -> Conference {
        let (start, end) = scheduled_offsets(c);
        Conference {
            conference_id: c.conference_id.clone(),
            host_password: c.host_password.clone(),
            guest_password: c.guest_password.clone(),
            started: c.started,
            ended: false,
            subject: c.subject.clone(),
            start_time: base.saturating_add(start),
            end_time: base.saturating_add(end),
            scheduser_name: c.scheduser_name.clone(),
            access_number: c.access_number.clone().unwrap_or_else(|| DEFAULT_ACCESS_NUMBER.into()),
            vmr_conference_id: c.vmr_conference_id.clone(),
            time_zone_id: c.time_zone_id.clone().unwrap_or_else(|| DEFAULT_TIME_ZONE_ID.into()),
            members: c.participants.iter().map(ConferenceMember::new).collect(),
            settings: CONFERENCE_SETTINGS.iter().map(|s| (s.key, s.initial)).collect(),
            extended_minutes: 0,
            auto_extend: false,
            speaker: None,
            broadcast: Broadcast::Free,
            host_view: None,
            paused: false,
            allow_audience: false,
            mmr_recording: MmrRecording::Stopped,
            mmr_live: false,
            live: false,
            removed_attendees: Vec::new(),
            display_mode: None,
            layouts: Vec::new(),
            interpretation: false,
            multi_picture: None,
            interpreter_groups: Vec::new(),
        }
    }

    /// Whether the conference is in progress: started and not stopped.
    pub(crate) fn in_progress(&self) -> bool {
        self.started && !self.ended
    }

    /// A member left or went to the waiting room: a broadcast or roll call of it ends.
    pub(crate) fn forget(&mut self, participant_id: &str) {
        if self.broadcast.pid() == Some(participant_id) {
            self.broadcast = Broadcast::Free;
        }
    }

    /// The host's participant id, if the conference has a host.
    pub(crate) fn host(&self) -> Option<&str> {
        self.members.iter().find(|m| m.role == HuaweiRole::Host).map(|m| m.participant_id.as_str())
    }

    /// The state JSON of the conference.
    pub(crate) fn to_json(&self) -> Value {
        let members: Vec<Value> = self.members.iter().map(ConferenceMember::to_json).collect();
        json!({
            "conference_id": self.conference_id,
            "started": self.started,
            "ended": self.ended,
            "subject": self.subject,
            "start_time": self.start_time,
            "end_time": self.end_time,
            "host": self.host(),
            "participants": members,
            "settings": self.settings,
            "extended_minutes": self.extended_minutes,
            "auto_extend": self.auto_extend,
            "mode": self.broadcast.mode(),
            "broadcast": self.broadcast.pid(),
            "host_view": self.host_view.as_ref().map(HostView::to_json),
            "paused": self.paused,
            "allow_audience": self.allow_audience,
            "mmr_recording": self.mmr_recording.name(),
            "mmr_live": self.mmr_live,
            "live": self.live,
            "removed_attendees": self.removed_attendees,
            "display_mode": self.display_mode.as_ref().map(|d| json!({
                "switch_mode": d.switch_mode,
                "image_type": d.image_type,
            })),
            "layouts": self.layouts.iter().map(|l| l.layout.clone()).collect::<Vec<_>>(),
            "interpretation": self.interpretation,
            "multi_picture": self.multi_picture,
            "interpreter_groups": self.interpreter_groups,
        })
    }
}

/// A scenario conference's scheduled start and end, seconds from the emulator's start: as given,
/// else from 10 minutes ago (started) or in an hour (not started), one hour long.
pub(crate) fn scheduled_offsets(c: &HuaweiConference) -> (i64, i64) {
    let start = c.start_offset_secs.unwrap_or(if c.started { DEFAULT_START_OFFSET } else { 3600 });
    let end = c.end_offset_secs.unwrap_or(start.saturating_add(3600));
    (start, end)
}
