//! The one place Huawei conference changes are announced from: after anything changes a
//! conference (a control API through the control pipeline, an admin route), [`publish`] compares
//! the conference with what was last announced and sends the differences to the conference's
//! broadcast channel (the control WebSockets listen to it) and to the enterprise webhook queue.
//! No handler announces anything itself, so none can forget to.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde_json::{Map, Value, json};
use tokio::sync::broadcast;

use crate::scenario::HuaweiRole;
use crate::state::{Broadcast, Conference, ConferenceMember, HuaweiState, MmrRecording, Shared};

/// How many notices a slow socket may fall behind before it is closed (1011).
const CHANNEL_CAPACITY: usize = 4096;

/// The `speakingVolume` of the current speaker (the emulator has no audio).
pub(crate) const SPEAKING_VOLUME: i64 = 80;

/// A member as the announcements describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Announced {
    /// `pid`.
    pub(crate) pid: String,
    /// Display name.
    pub(crate) name: String,
    /// Number (empty when none).
    pub(crate) number: String,
    /// `ROLE`: "1" the host, "0" anyone else (the page's "2" is a webinar's audience, which the
    /// emulator has none of; a co-host is "0": the push names none).
    pub(crate) role: &'static str,
    /// Hand raised.
    pub(crate) hand: bool,
    /// Muted.
    pub(crate) muted: bool,
    /// Video on.
    pub(crate) video: bool,
    /// When it joined (emulator ms).
    pub(crate) added_ms: i64,
    /// Broadcast now (`BROADCAST`).
    pub(crate) broadcast: bool,
    /// Roll-called now (`ROLLCALL`).
    pub(crate) roll_call: bool,
}

impl Announced {
    fn of(c: &Conference, m: &ConferenceMember, added_ms: i64) -> Announced {
        let chosen = |b: &Broadcast| b.pid() == Some(m.participant_id.as_str());
        Announced {
            broadcast: matches!(c.broadcast, Broadcast::Participant(_)) && chosen(&c.broadcast),
            roll_call: matches!(c.broadcast, Broadcast::RollCall(_)) && chosen(&c.broadcast),
            pid: m.participant_id.clone(),
            name: m.name.clone(),
            number: m.number.clone().unwrap_or_default(),
            role: role_code(m.role),
            hand: m.hand_raised,
            muted: m.muted,
            video: m.video,
            added_ms,
        }
    }

    /// `pinfoMap` with every key.
    pub(crate) fn pinfo(&self) -> BTreeMap<&'static str, String> {
        let flag = |b: bool| if b { "1" } else { "0" }.to_owned();
        BTreeMap::from([
            ("NAME", self.name.clone()),
            ("TEL", self.number.clone()),
            ("ROLE", self.role.to_owned()),
            ("STATE", "0".to_owned()),
            ("HAND", flag(self.hand)),
            ("MUTE", flag(self.muted)),
            ("VIDEO", flag(self.video)),
            ("SHARE", "0".to_owned()),
            ("ADDTIME", self.added_ms.to_string()),
            ("BROADCAST", flag(self.broadcast)),
            ("ROLLCALL", flag(self.roll_call)),
        ])
    }

    /// The webhooks' `role`: 1 host, 0 anyone else (as `ROLE`).
    pub(crate) fn role_number(&self) -> i64 {
        self.role.parse().unwrap_or(0)
    }
}

/// `ROLE` of a role: "1" the host, "0" a participant or a co-host (page meeting_21_1514 lists
/// "1" host, "0" ordinary participant and "2" audience, and no co-host).
pub(crate) fn role_code(role: HuaweiRole) -> &'static str {
    match role {
        HuaweiRole::Host => "1",
        HuaweiRole::Cohost | HuaweiRole::Participant => "0",
    }
}

/// One change of a conference, as the sockets send it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Change {
    /// `ConfBasicInfoNotify`: every basic field (flattened into the frame).
    Basic(Map<String, Value>),
    /// `ConfDynamicInfoNotify`: every dynamic field (flattened into the frame).
    Dynamic(Map<String, Value>),
    /// `ParticipantsNotify`: the `data` items (`{pid, mode: 0, pinfoMap}` changed or joined,
    /// `{pid, mode: 1}` left).
    Participants(Vec<Value>),
    /// `SpeakerChangeNotify`: `data`, or `None` when nobody speaks.
    Speaker(Option<Value>),
    /// The conference has ended (after its `Dynamic` change): the sockets close.
    Ended,
}

impl Change {
    /// The frame's `action`.
    pub(crate) fn action(&self) -> &'static str {
        match self {
            Change::Basic(_) => "ConfBasicInfoNotify",
            Change::Dynamic(_) => "ConfDynamicInfoNotify",
            Change::Participants(_) => "ParticipantsNotify",
            Change::Speaker(_) => "SpeakerChangeNotify",
            Change::Ended => "",
        }
    }
}

/// What a conference's sockets are told.
#[derive(Debug, Clone)]
pub(crate) enum Notice {
    /// Changes, in order.
    Changes(Arc<Vec<Change>>),
    /// Drop the socket at once (no close frame).
    Drop,
    /// The next increment skips one version number.
    SkipVersion,
    /// Send one garbage frame.
    Garbage(Garbage),
}

/// A garbage frame a socket sends when told to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Garbage {
    /// A text frame that is not JSON.
    Text,
    /// A binary frame.
    Binary,
    /// A text frame of this many bytes of valid JSON (padding).
    Oversized(usize),
}

/// Counters and switches of a conference's sockets (shared with the socket tasks).
#[derive(Debug)]
pub(crate) struct WsStats {
    /// Sockets accepted (upgraded) so far.
    pub(crate) connections: AtomicU64,
    /// Sockets open now.
    pub(crate) open: AtomicU64,
    /// Heartbeats received.
    pub(crate) heartbeats: AtomicU64,
    /// Whether heartbeats are answered.
    pub(crate) answer_heartbeats: AtomicBool,
    /// Connection attempts still to refuse with 401.
    pub(crate) refuse: AtomicU64,
}

impl Default for WsStats {
    fn default() -> Self {
        WsStats {
            connections: AtomicU64::new(0),
            open: AtomicU64::new(0),
            heartbeats: AtomicU64::new(0),
            answer_heartbeats: AtomicBool::new(true),
            refuse: AtomicU64::new(0),
        }
    }
}

impl WsStats {
    /// `{"connections","open","heartbeats"}`.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "connections": self.connections.load(Ordering::SeqCst),
            "open": self.open.load(Ordering::SeqCst),
            "heartbeats": self.heartbeats.load(Ordering::SeqCst),
        })
    }
}

/// What was last announced of one conference, and where its announcements go.
#[derive(Debug)]
pub(crate) struct Feed {
    /// The conference's sockets listen here.
    pub(crate) tx: broadcast::Sender<Notice>,
    /// Socket counters and fault switches.
    pub(crate) ws: Arc<WsStats>,
    /// `meetingUUID` in the webhooks (random, fixed for the conference).
    pub(crate) meeting_uuid: String,
    /// Basic fields last announced.
    pub(crate) basic: Map<String, Value>,
    /// Dynamic fields last announced.
    pub(crate) dynamic: Map<String, Value>,
    /// Members online, by their index in the conference's members.
    pub(crate) members: BTreeMap<usize, Announced>,
    /// The speaker last announced (a member index).
    pub(crate) speaker: Option<usize>,
    /// Whether the conference was announced as started.
    pub(crate) started: bool,
    /// Whether the conference was announced as ended.
    pub(crate) ended: bool,
}

fn basic_fields(c: &Conference) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("confID".into(), json!(c.conference_id));
    m.insert("displayID".into(), json!(c.vmr_conference_id.as_deref().unwrap_or(&c.conference_id)));
    m.insert("title".into(), json!(c.subject));
    m.insert("startTime".into(), json!(c.start_time.saturating_mul(1000).to_string()));
    let end = c.end_time.saturating_add(c.extended_minutes.saturating_mul(60));
    m.insert("endTime".into(), json!(end.saturating_mul(1000).to_string()));
    m.insert("scheduserName".into(), json!(c.scheduser_name));
    m
}

fn dynamic_fields(c: &Conference) -> Map<String, Value> {
    let setting = |k: &str| c.settings.get(k).copied().unwrap_or(0);
    let mut m = Map::new();
    m.insert("state".into(), json!(if c.ended { "Destroyed" } else { "Created" }));
    m.insert("lock".into(), json!(setting("isLock")));
    m.insert("mute".into(), json!(setting("isMute")));
    // Cloud recording (`record`) or a running MMR recording (`mmrRecord`).
    let recording = setting("isRecord") == 1 || c.mmr_recording == MmrRecording::Recording;
    m.insert("recState".into(), json!(i64::from(recording)));
    m.insert("allowUnmute".into(), json!(setting("allowUnmuteByOneself")));
    m.insert("mode".into(), json!(c.broadcast.mode()));
    m.insert("pause".into(), json!(c.paused));
    m.insert("allowAudience".into(), json!(c.allow_audience));
    // Voice activation (`display/mode` `switchMode` VAS): 1 on, 0 off.
    let vas = c.display_mode.as_ref().is_some_and(|d| d.switch_mode == "VAS");
    m.insert("vas".into(), json!(i64::from(vas)));
    m
}

impl Feed {
    /// The feed of a conference as it is at the emulator's start (its members joined at `now_ms`).
    pub(crate) fn new(c: &Conference, meeting_uuid: String, now_ms: i64) -> Feed {
        let (tx, _) = broadcast::channel(CHANNEL_CAPACITY);
        let members = online(c).map(|(i, m)| (i, Announced::of(c, m, now_ms))).collect();
        Feed {
            tx,
            ws: Arc::new(WsStats::default()),
            meeting_uuid,
            basic: basic_fields(c),
            dynamic: dynamic_fields(c),
            members,
            speaker: c.speaker.filter(|s| c.members.get(*s).is_some_and(ConferenceMember::in_meeting)),
            started: c.in_progress() || c.ended,
            ended: c.ended,
        }
    }

    /// The full message of `action` (without `msgMode`, `version`, ...): `None` for an unknown
    /// subscribe type.
    pub(crate) fn full(&self, action: &str) -> Option<Change> {
        match action {
            "ConfBasicInfoNotify" => Some(Change::Basic(self.basic.clone())),
            "ConfDynamicInfoNotify" => Some(Change::Dynamic(self.dynamic.clone())),
            "ParticipantsNotify" => Some(Change::Participants(
                self.members
                    .values()
                    .map(|a| json!({"pid": a.pid, "mode": 0, "pinfoMap": a.pinfo()}))
                    .collect(),
            )),
            "SpeakerChangeNotify" => Some(Change::Speaker(self.speaker_data())),
            _ => None,
        }
    }

    fn speaker_data(&self) -> Option<Value> {
        let a = self.members.get(&self.speaker?)?;
        Some(json!([{"pid": a.pid, "name": a.name, "speakingVolume": SPEAKING_VOLUME}]))
    }
}

/// Members in the conference, with their indexes.
fn online(c: &Conference) -> impl Iterator<Item = (usize, &ConferenceMember)> {
    c.members.iter().enumerate().filter(|(_, m)| m.in_meeting())
}

/// A webhook-worthy event found by [`publish`].
#[derive(Debug, Clone)]
pub(crate) enum Happening {
    /// The conference started.
    Started,
    /// Someone joined.
    Joined(Announced),
    /// Someone left, at this time (ms).
    Left(Announced, i64),
    /// The conference ended.
    Ended,
}

/// Announces the changes of conference `index` since the last call: to its sockets, and to the
/// enterprise webhook. Call it (with the state locked) after anything may have changed the
/// conference; nothing is sent when nothing changed.
pub(crate) fn publish(shared: &Shared, huawei: &mut HuaweiState, index: usize) {
    let now_ms = shared.clock.now_millis();
    let Some(c) = huawei.conferences.get(index) else { return };
    let Some(feed) = huawei.feeds.get_mut(&c.conference_id) else { return };
    let mut changes = Vec::new();
    let mut happenings = Vec::new();

    if c.in_progress() && !feed.started {
        feed.started = true;
        happenings.push(Happening::Started);
    }
    let basic = basic_fields(c);
    if basic != feed.basic {
        feed.basic = basic.clone();
        changes.push(Change::Basic(basic));
    }

    if !c.ended {
        let mut items = Vec::new();
        let mut now_online = BTreeMap::new();
        for (i, m) in online(c) {
            match feed.members.remove(&i) {
                Some(before) => {
                    let after = Announced::of(c, m, before.added_ms);
                    if after != before {
                        let (old, new) = (before.pinfo(), after.pinfo());
                        let changed: BTreeMap<&str, &String> = new
                            .iter()
                            .filter(|(k, v)| old.get(*k) != Some(v))
                            .map(|(k, v)| (*k, v))
                            .collect();
                        items.push(json!({"pid": after.pid, "mode": 0, "pinfoMap": changed}));
                    }
                    now_online.insert(i, after);
                }
                None => {
                    let after = Announced::of(c, m, now_ms);
                    items.push(json!({"pid": after.pid, "mode": 0, "pinfoMap": after.pinfo()}));
                    happenings.push(Happening::Joined(after.clone()));
                    now_online.insert(i, after);
                }
            }
        }
        for (_, gone) in std::mem::take(&mut feed.members) {
            items.push(json!({"pid": gone.pid, "mode": 1}));
            happenings.push(Happening::Left(gone, now_ms));
        }
        feed.members = now_online;
        if !items.is_empty() {
            changes.push(Change::Participants(items));
        }
        let speaker = c.speaker.filter(|s| feed.members.contains_key(s));
        if speaker != feed.speaker {
            feed.speaker = speaker;
            changes.push(Change::Speaker(feed.speaker_data()));
        }
    }

    let dynamic = dynamic_fields(c);
    if dynamic != feed.dynamic {
        feed.dynamic = dynamic.clone();
        changes.push(Change::Dynamic(dynamic));
    }
    if c.ended && !feed.ended {
        feed.ended = true;
        changes.push(Change::Ended);
        for gone in feed.members.values() {
            happenings.push(Happening::Left(gone.clone(), now_ms));
        }
        happenings.push(Happening::Ended);
    }

    if !changes.is_empty() {
        // No receiver is not an error: nobody listens yet.
        let _ = feed.tx.send(Notice::Changes(Arc::new(changes)));
    }
    if !happenings.is_empty() {
        let meeting = (c.conference_id.clone(), feed.meeting_uuid.clone());
        super::webhook::enqueue(shared, &meeting, &happenings, now_ms);
    }
}
