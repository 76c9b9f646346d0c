//! What [`Meeting::watch`](super::Meeting::watch) and [`Meeting::events`](super::Meeting::events)
//! yield: one vendor-neutral event type for both vendors.

use std::fmt;

use serde_json::Value;

use super::participant::Participant;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MeetingEventKind {
    /// Someone joined ([`MeetingEvent::participant`]). The roster a watch starts from arrives as
    /// joins too, with [`EventOrigin::Initial`].
    Joined = 1,
    /// Someone left ([`MeetingEvent::participant`]: their last known state).
    Left = 2,
    /// Someone's state changed: [`MeetingEvent::before`], [`MeetingEvent::participant`] after,
    /// and which fields in [`MeetingEvent::changed`].
    Changed = 3,
    /// The meeting started.
    Started = 4,
    /// The meeting ended; the stream finishes after it.
    Ended = 5,
    /// Changes may have been missed ([`MeetingEvent::reason`] says why): the events that follow
    /// with [`EventOrigin::Resync`] are the net difference once the state was read again. Someone
    /// who joined and left inside the gap is not seen.
    Gap = 6,
    /// Anything else the vendor reported ([`MeetingEvent::name`] and [`MeetingEvent::raw`]):
    /// Huawei's active speakers and conference state, Tencent's other webhook events.
    Other = 7,
}

impl MeetingEventKind {
    /// A short lowercase name (`"joined"`).
    pub fn name(self) -> &'static str {
        match self {
            MeetingEventKind::Joined => "joined",
            MeetingEventKind::Left => "left",
            MeetingEventKind::Changed => "changed",
            MeetingEventKind::Started => "started",
            MeetingEventKind::Ended => "ended",
            MeetingEventKind::Gap => "gap",
            MeetingEventKind::Other => "other",
        }
    }
}

/// How the event reached the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventOrigin {
    /// The vendor pushed it (a webhook, or Huawei's WebSocket).
    Pushed = 1,
    /// A poll of the participant list found it (Tencent).
    Polled = 2,
    /// The state read again after a [`Gap`](MeetingEventKind::Gap): the net change since the last
    /// known state.
    Resync = 3,
    /// The roster the watch started from: the participants already there, as joins.
    Initial = 4,
}

impl EventOrigin {
    /// A short lowercase name (`"pushed"`).
    pub fn name(self) -> &'static str {
        match self {
            EventOrigin::Pushed => "pushed",
            EventOrigin::Polled => "polled",
            EventOrigin::Resync => "resync",
            EventOrigin::Initial => "initial",
        }
    }
}

/// A participant's field a [`Changed`](MeetingEventKind::Changed) event names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ParticipantField {
    /// [`Participant::name`].
    Name = 1,
    /// [`Participant::role`].
    Role = 2,
    /// [`Participant::audio_muted`].
    AudioMuted = 3,
    /// [`Participant::video_on`].
    VideoOn = 4,
    /// [`Participant::hand_raised`].
    HandRaised = 5,
    /// [`Participant::sharing_screen`].
    SharingScreen = 6,
}

impl ParticipantField {
    /// Every field, in the order of their numbers.
    pub const ALL: [ParticipantField; 6] = [
        ParticipantField::Name,
        ParticipantField::Role,
        ParticipantField::AudioMuted,
        ParticipantField::VideoOn,
        ParticipantField::HandRaised,
        ParticipantField::SharingScreen,
    ];

    /// The field's name as the [`Participant`] has it (`"audio_muted"`).
    pub fn name(self) -> &'static str {
        match self {
            ParticipantField::Name => "name",
            ParticipantField::Role => "role",
            ParticipantField::AudioMuted => "audio_muted",
            ParticipantField::VideoOn => "video_on",
            ParticipantField::HandRaised => "hand_raised",
            ParticipantField::SharingScreen => "sharing_screen",
        }
    }

    /// The field of that name.
    pub fn from_name(name: &str) -> Option<ParticipantField> {
        ParticipantField::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// One event of a meeting, whichever the vendor.
#[derive(Clone, PartialEq)]
pub struct MeetingEvent {
    /// What happened.
    pub kind: MeetingEventKind,
    /// How it reached the app.
    pub origin: EventOrigin,
    /// Who joined, left or changed (after the change): the same [`Participant`] the controls
    /// take, with the same id as [`Meeting::participants`](super::Meeting::participants) gives.
    pub participant: Option<Participant>,
    /// For [`Changed`](MeetingEventKind::Changed): the participant before the change.
    pub before: Option<Participant>,
    /// For [`Changed`](MeetingEventKind::Changed): the fields that changed.
    pub changed: Vec<ParticipantField>,
    /// For [`Gap`](MeetingEventKind::Gap): why changes may have been missed.
    pub reason: Option<String>,
    /// For [`Other`](MeetingEventKind::Other): the vendor's name of the event or notification
    /// (`"SpeakerChangeNotify"`, `"meeting.updated"`).
    pub name: Option<String>,
    /// The vendor's message this event came from, where there is one (`null` otherwise).
    pub raw: Value,
}

impl MeetingEvent {
    /// An event of `kind` with nothing else set.
    pub(crate) fn new(kind: MeetingEventKind, origin: EventOrigin) -> MeetingEvent {
        MeetingEvent {
            kind,
            origin,
            participant: None,
            before: None,
            changed: Vec::new(),
            reason: None,
            name: None,
            raw: Value::Null,
        }
    }

    /// `participant` joined.
    pub(crate) fn joined(participant: Participant, origin: EventOrigin) -> MeetingEvent {
        MeetingEvent { participant: Some(participant), ..MeetingEvent::new(MeetingEventKind::Joined, origin) }
    }

    /// `participant` left.
    pub(crate) fn left(participant: Participant, origin: EventOrigin) -> MeetingEvent {
        MeetingEvent { participant: Some(participant), ..MeetingEvent::new(MeetingEventKind::Left, origin) }
    }

    /// Changes may have been missed, for `reason`.
    pub(crate) fn gap(reason: impl Into<String>) -> MeetingEvent {
        MeetingEvent {
            reason: Some(reason.into()),
            ..MeetingEvent::new(MeetingEventKind::Gap, EventOrigin::Pushed)
        }
    }

    /// The vendor's `name`d event, raw.
    pub(crate) fn other(name: impl Into<String>, raw: Value, origin: EventOrigin) -> MeetingEvent {
        MeetingEvent { name: Some(name.into()), raw, ..MeetingEvent::new(MeetingEventKind::Other, origin) }
    }

    /// Whether the event is part of a resync after a gap.
    pub fn is_resync(&self) -> bool {
        self.origin == EventOrigin::Resync
    }

    /// The event as one JSON object (what `meetctl watch` prints): `kind`, `origin`, and where
    /// set `participant` (id, name, role and flags), `before`, `changed`, `reason`, `name`, `raw`.
    pub fn to_json(&self) -> Value {
        let mut out = serde_json::Map::new();
        out.insert("kind".into(), self.kind.name().into());
        out.insert("origin".into(), self.origin.name().into());
        if let Some(p) = &self.participant {
            out.insert("participant".into(), p.to_json());
        }
        if let Some(p) = &self.before {
            out.insert("before".into(), p.to_json());
        }
        if !self.changed.is_empty() {
            out.insert("changed".into(), self.changed.iter().map(|f| Value::from(f.name())).collect());
        }
        if let Some(reason) = &self.reason {
            out.insert("reason".into(), reason.as_str().into());
        }
        if let Some(name) = &self.name {
            out.insert("name".into(), name.as_str().into());
        }
        if !self.raw.is_null() {
            out.insert("raw".into(), self.raw.clone());
        }
        Value::Object(out)
    }
}

impl fmt::Debug for MeetingEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("MeetingEvent");
        d.field("kind", &self.kind).field("origin", &self.origin);
        if let Some(p) = &self.participant {
            d.field("participant", p);
        }
        if !self.changed.is_empty() {
            d.field("changed", &self.changed);
        }
        if let Some(reason) = &self.reason {
            d.field("reason", reason);
        }
        if let Some(name) = &self.name {
            d.field("name", name);
        }
        d.finish_non_exhaustive()
    }
}
