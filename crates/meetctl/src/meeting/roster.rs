//! The people in a meeting and their state, and the events that take one state to the next.

use std::collections::HashMap;

use super::event::{EventOrigin, MeetingEvent, MeetingEventKind, ParticipantField};
use super::participant::{Participant, Role};

/// Everyone known to be in a meeting, in the order they were first seen.
#[derive(Debug, Clone, Default)]
pub(crate) struct Roster {
    entries: Vec<Participant>,
    index: HashMap<String, usize>,
}

impl Roster {
    /// The participants, in the order they were first seen.
    pub(crate) fn participants(&self) -> &[Participant] {
        &self.entries
    }

    /// Takes `participant` in: a join when the id is new, else a change when a field the roster
    /// knew changed. A field the vendor left unknown keeps its last known value, and a field
    /// becoming known (unknown before) is not reported as a change.
    pub(crate) fn apply(
        &mut self,
        mut participant: Participant,
        origin: EventOrigin,
    ) -> Option<MeetingEvent> {
        let Some(&at) = self.index.get(participant.id()) else {
            self.index.insert(participant.id().to_owned(), self.entries.len());
            self.entries.push(participant.clone());
            return Some(MeetingEvent::joined(participant, origin));
        };
        let before = &self.entries[at];
        fill_unknown(&mut participant, before);
        let changed = changed_fields(before, &participant);
        let before = std::mem::replace(&mut self.entries[at], participant.clone());
        if changed.is_empty() {
            return None;
        }
        Some(MeetingEvent {
            participant: Some(participant),
            before: Some(before),
            changed,
            ..MeetingEvent::new(MeetingEventKind::Changed, origin)
        })
    }

    /// Takes out the participant `id`: a leave, or nothing when the id is unknown.
    pub(crate) fn remove(&mut self, id: &str, origin: EventOrigin) -> Option<MeetingEvent> {
        let at = self.index.remove(id)?;
        let gone = self.entries.remove(at);
        for entry in &self.entries[at..] {
            if let Some(i) = self.index.get_mut(entry.id()) {
                *i -= 1;
            }
        }
        Some(MeetingEvent::left(gone, origin))
    }

    /// Makes `now` the whole roster: joins, changes and leaves, in that order.
    pub(crate) fn replace_all(&mut self, now: Vec<Participant>, origin: EventOrigin) -> Vec<MeetingEvent> {
        let present: std::collections::HashSet<String> = now.iter().map(|p| p.id().to_owned()).collect();
        let mut events: Vec<MeetingEvent> = now.into_iter().filter_map(|p| self.apply(p, origin)).collect();
        let gone: Vec<String> =
            self.entries.iter().filter(|p| !present.contains(p.id())).map(|p| p.id().to_owned()).collect();
        events.extend(gone.iter().filter_map(|id| self.remove(id, origin)));
        events
    }

    /// Forgets everyone (the meeting ended).
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
    }
}

/// Gives `now` the values of `before` where the vendor said nothing this time.
fn fill_unknown(now: &mut Participant, before: &Participant) {
    let keep = |now: &mut Option<bool>, before: Option<bool>| {
        if now.is_none() {
            *now = before;
        }
    };
    keep(&mut now.audio_muted, before.audio_muted);
    keep(&mut now.video_on, before.video_on);
    keep(&mut now.hand_raised, before.hand_raised);
    keep(&mut now.sharing_screen, before.sharing_screen);
    if now.name.is_none() {
        now.name.clone_from(&before.name);
    }
    if now.device.is_none() {
        now.device.clone_from(&before.device);
    }
    if now.role == Role::Other {
        now.role = before.role;
    }
    if now.raw.is_null() {
        now.raw = before.raw.clone();
    }
}

/// The fields that were known in `before` and differ in `after`.
fn changed_fields(before: &Participant, after: &Participant) -> Vec<ParticipantField> {
    let flag = |b: Option<bool>, a: Option<bool>| b.is_some() && a != b;
    let mut changed = Vec::new();
    if before.name.is_some() && after.name != before.name {
        changed.push(ParticipantField::Name);
    }
    if before.role != Role::Other && after.role != before.role {
        changed.push(ParticipantField::Role);
    }
    for (field, b, a) in [
        (ParticipantField::AudioMuted, before.audio_muted, after.audio_muted),
        (ParticipantField::VideoOn, before.video_on, after.video_on),
        (ParticipantField::HandRaised, before.hand_raised, after.hand_raised),
        (ParticipantField::SharingScreen, before.sharing_screen, after.sharing_screen),
    ] {
        if flag(b, a) {
            changed.push(field);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tencent::TencentParticipant;
    use serde_json::json;

    fn tencent(ms: &str, muted: Option<bool>) -> Participant {
        let mut raw = json!({"ms_open_id": ms, "instanceid": 2, "user_role": 3, "user_name": "Qm9i"});
        if let Some(m) = muted {
            raw["audio_state"] = json!(!m);
        }
        Participant::from_tencent(TencentParticipant::from_json(raw))
    }

    #[test]
    fn joins_changes_and_leaves_from_two_snapshots() {
        let mut roster = Roster::default();
        let first = roster
            .replace_all(vec![tencent("a", Some(false)), tencent("b", Some(false))], EventOrigin::Polled);
        assert_eq!(first.iter().map(|e| e.kind).collect::<Vec<_>>(), [MeetingEventKind::Joined; 2]);
        let second =
            roster.replace_all(vec![tencent("b", Some(true)), tencent("c", None)], EventOrigin::Polled);
        let kinds: Vec<_> = second.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [MeetingEventKind::Changed, MeetingEventKind::Joined, MeetingEventKind::Left]);
        assert_eq!(second[0].changed, [ParticipantField::AudioMuted]);
        assert_eq!(second[0].before.as_ref().unwrap().audio_muted, Some(false));
        assert_eq!(second[2].participant.as_ref().unwrap().id(), "tencent:2:a");
        let ids: Vec<_> = roster.participants().iter().map(|p| p.id().to_owned()).collect();
        assert_eq!(ids, ["tencent:2:b", "tencent:2:c"]);
    }

    #[test]
    fn an_unknown_field_keeps_its_value_and_becoming_known_is_no_change() {
        let mut roster = Roster::default();
        roster.apply(tencent("a", None), EventOrigin::Pushed);
        assert!(roster.apply(tencent("a", Some(true)), EventOrigin::Polled).is_none());
        assert!(roster.apply(tencent("a", None), EventOrigin::Polled).is_none());
        assert_eq!(roster.participants()[0].audio_muted, Some(true));
        assert!(roster.remove("nobody", EventOrigin::Polled).is_none());
        assert!(roster.remove("tencent:2:a", EventOrigin::Polled).is_some());
        assert!(roster.participants().is_empty());
    }
}
