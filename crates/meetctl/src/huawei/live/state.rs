//! What the stream knows of the conference: the roster merged from full messages and increments,
//! the version of each notice type, and the events that turn one roster into another.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::HuaweiLiveEvent;
use super::frame::{Entry, Mode};
use crate::huawei::{HuaweiParticipant, HuaweiRole};

/// Participants by `pid`; each one's `raw` is its merged `pinfoMap` (a JSON object).
pub(crate) type People = BTreeMap<String, HuaweiParticipant>;

/// A text value of `pinfoMap` (a number is taken as its digits); empty is none.
fn text(map: &Map<String, Value>, key: &str) -> Option<String> {
    match map.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A flag of `pinfoMap`: "1" (or 1, true) is set, "0" (or 0, false) is not, anything else unknown.
pub(crate) fn flag(map: &Map<String, Value>, key: &str) -> Option<bool> {
    match map.get(key)? {
        Value::String(s) => match s.as_str() {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        },
        Value::Number(n) => match n.as_i64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        Value::Bool(b) => Some(*b),
        _ => None,
    }
}

/// `ROLE`: "1" the host, anything else an attendee: "0" an ordinary participant, "2" the audience
/// of a webinar (观众), as page meeting_21_1514 lists them. The push names no co-host: one shows
/// as an attendee.
fn role(map: &Map<String, Value>) -> HuaweiRole {
    match text(map, "ROLE").as_deref() {
        Some("1") => HuaweiRole::Host,
        _ => HuaweiRole::Attendee,
    }
}

/// A participant from its `pid` and whole `pinfoMap`.
pub(crate) fn participant(pid: String, pinfo: Map<String, Value>) -> HuaweiParticipant {
    HuaweiParticipant {
        participant_id: pid,
        name: text(&pinfo, "NAME"),
        number: text(&pinfo, "TEL"),
        audio_muted: flag(&pinfo, "MUTE"),
        video_on: flag(&pinfo, "VIDEO"),
        hand_raised: flag(&pinfo, "HAND"),
        role: role(&pinfo),
        raw: Value::Object(pinfo),
    }
}

/// Whether `p` shares its screen (`SHARE` in its raw `pinfoMap`).
fn sharing(p: &HuaweiParticipant) -> Option<bool> {
    p.raw.as_object().and_then(|m| flag(m, "SHARE"))
}

/// The fields that differ from `before` to `after`, by the names [`HuaweiLiveEvent::Changed`]
/// gives them.
pub(crate) fn changed_fields(before: &HuaweiParticipant, after: &HuaweiParticipant) -> Vec<&'static str> {
    let mut changed = Vec::new();
    if before.name != after.name {
        changed.push("name");
    }
    if before.role != after.role {
        changed.push("role");
    }
    if before.audio_muted != after.audio_muted {
        changed.push("audio_muted");
    }
    if before.video_on != after.video_on {
        changed.push("video_on");
    }
    if before.hand_raised != after.hand_raised {
        changed.push("hand_raised");
    }
    if sharing(before) != sharing(after) {
        changed.push("sharing_screen");
    }
    changed
}

/// The events that turn `before` into `after`: joins and changes in `after`'s order, then
/// leaves. Net differences only: who came and went between the two is not seen.
pub(crate) fn diff(before: &People, after: &People, resync: bool) -> Vec<HuaweiLiveEvent> {
    // From nobody (the first roster), everyone in `after` joins: one allocation for the lot.
    let mut events = Vec::with_capacity(if before.is_empty() { after.len() } else { 0 });
    for (pid, now) in after {
        match before.get(pid) {
            // Only the stream's first roster is diffed without a resync: those are its initial joins.
            None => {
                events.push(HuaweiLiveEvent::Joined { participant: now.clone(), resync, initial: !resync })
            }
            Some(then) => {
                let changed = changed_fields(then, now);
                if !changed.is_empty() {
                    events.push(HuaweiLiveEvent::Changed {
                        before: then.clone(),
                        after: now.clone(),
                        changed,
                        resync,
                    });
                }
            }
        }
    }
    for (pid, then) in before {
        if !after.contains_key(pid) {
            events.push(HuaweiLiveEvent::Left { participant: then.clone(), resync });
        }
    }
    events
}

/// Applies a participant event to a roster (what the app would know after it).
#[cfg(test)]
pub(crate) fn apply_event(people: &mut People, event: &HuaweiLiveEvent) {
    match event {
        HuaweiLiveEvent::Joined { participant, .. } => {
            people.insert(participant.participant_id.clone(), participant.clone());
        }
        HuaweiLiveEvent::Changed { after, .. } => {
            people.insert(after.participant_id.clone(), after.clone());
        }
        HuaweiLiveEvent::Left { participant, .. } => {
            people.remove(&participant.participant_id);
        }
        _ => {}
    }
}

/// Undoes a participant event on a roster (the events the app was not given).
pub(crate) fn revert_event(people: &mut People, event: &HuaweiLiveEvent) {
    match event {
        HuaweiLiveEvent::Joined { participant, .. } => {
            people.remove(&participant.participant_id);
        }
        HuaweiLiveEvent::Changed { before, .. } => {
            people.insert(before.participant_id.clone(), before.clone());
        }
        HuaweiLiveEvent::Left { participant, .. } => {
            people.insert(participant.participant_id.clone(), participant.clone());
        }
        _ => {}
    }
}

/// A full `ParticipantsNotify` as a roster (a `mode` 1 entry in it is left out).
pub(crate) fn roster_of(entries: Vec<Entry>) -> People {
    let mut people = Vec::with_capacity(entries.len());
    people.extend(
        entries.into_iter().filter(|e| !e.left).map(|e| (e.pid.clone(), participant(e.pid, e.pinfo))),
    );
    // Built in bulk (sorted by id, the last of a duplicate id kept).
    people.into_iter().collect()
}

/// Applies an increment to `people`: each entry's keys merged into what is known (a `mode` 1
/// entry removes), and the events it makes.
pub(crate) fn apply_increment(
    people: &mut People,
    entries: Vec<Entry>,
    resync: bool,
) -> Vec<HuaweiLiveEvent> {
    let mut events = Vec::new();
    for entry in entries {
        if entry.left {
            if let Some(participant) = people.remove(&entry.pid) {
                events.push(HuaweiLiveEvent::Left { participant, resync });
            }
            continue;
        }
        match people.get_mut(&entry.pid) {
            None => {
                let now = participant(entry.pid.clone(), entry.pinfo);
                people.insert(entry.pid, now.clone());
                events.push(HuaweiLiveEvent::Joined { participant: now, resync, initial: false });
            }
            Some(known) => {
                let mut merged = match &known.raw {
                    Value::Object(map) => map.clone(),
                    _ => Map::new(),
                };
                merged.extend(entry.pinfo);
                let now = participant(entry.pid, merged);
                let changed = changed_fields(known, &now);
                let before = std::mem::replace(known, now);
                if !changed.is_empty() {
                    events.push(HuaweiLiveEvent::Changed { before, after: known.clone(), changed, resync });
                }
            }
        }
    }
    events
}

/// The version of each notice type on one socket: after a full message, increments are numbered
/// 1, 2, 3…; one that is not the previous plus one is a gap.
#[derive(Debug, Default)]
pub(crate) struct Versions {
    last: HashMap<&'static str, i64>,
}

impl Versions {
    /// Checks a notice of `action`; `Err` names the gap.
    pub(crate) fn check(
        &mut self,
        action: &'static str,
        mode: Mode,
        version: Option<i64>,
    ) -> Result<(), String> {
        match mode {
            Mode::Full => {
                self.last.insert(action, 0);
                Ok(())
            }
            Mode::Increment => {
                let Some(version) = version else { return Ok(()) };
                match self.last.get_mut(action) {
                    None => Err(format!("a {action} increment came before its full message")),
                    Some(last) if last.checked_add(1) == Some(version) => {
                        *last = version;
                        Ok(())
                    }
                    Some(last) => {
                        Err(format!("{action} version {version} after {last}: a message was missed"))
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(pid: &str, left: bool, pinfo: Value) -> Entry {
        Entry { pid: pid.into(), left, pinfo: pinfo.as_object().cloned().unwrap_or_default() }
    }

    fn full() -> People {
        roster_of(vec![
            entry(
                "a",
                false,
                json!({"NAME": "Alice", "ROLE": "1", "MUTE": "0", "VIDEO": "1", "HAND": "0", "SHARE": "0"}),
            ),
            entry("b", false, json!({"NAME": "Bob", "ROLE": "0", "MUTE": "1", "TEL": ""})),
            entry("gone", true, json!({})),
        ])
    }

    #[test]
    fn a_full_message_is_a_roster_with_roles_and_flags() {
        let people = full();
        assert_eq!(people.len(), 2);
        let a = &people["a"];
        assert_eq!(
            (a.role, a.audio_muted, a.video_on, a.hand_raised),
            (HuaweiRole::Host, Some(false), Some(true), Some(false))
        );
        let b = &people["b"];
        assert_eq!(
            (b.role, b.audio_muted, b.video_on, b.number.as_deref()),
            (HuaweiRole::Attendee, Some(true), None, None)
        );
        // "2" is a webinar's audience (the page's 观众), not a co-host.
        let audience = participant("c".into(), json!({"ROLE": "2"}).as_object().unwrap().clone());
        assert_eq!(audience.role, HuaweiRole::Attendee);
    }

    #[test]
    fn increments_merge_and_report_what_changed() {
        let mut people = full();
        let events = apply_increment(
            &mut people,
            vec![
                entry("a", false, json!({"HAND": "1", "SHARE": "1"})),
                entry("a", false, json!({"ADDTIME": "5"})),
                entry("c", false, json!({"NAME": "Carol"})),
                entry("b", true, json!({})),
                entry("nobody", true, json!({})),
            ],
            false,
        );
        assert_eq!(events.len(), 3, "{events:?}");
        let HuaweiLiveEvent::Changed { before, after, changed, resync: false } = &events[0] else { panic!() };
        assert_eq!(changed, &["hand_raised", "sharing_screen"]);
        assert_eq!(
            (before.hand_raised, after.hand_raised, after.name.as_deref()),
            (Some(false), Some(true), Some("Alice"))
        );
        assert!(
            matches!(&events[1], HuaweiLiveEvent::Joined { participant, .. } if participant.name.as_deref() == Some("Carol"))
        );
        assert!(
            matches!(&events[2], HuaweiLiveEvent::Left { participant, .. } if participant.name.as_deref() == Some("Bob"))
        );
        assert_eq!(people["a"].raw["ADDTIME"], "5", "merged keys stay");
        assert_eq!(people.keys().collect::<Vec<_>>(), ["a", "c"]);
    }

    #[test]
    fn the_diff_is_net_and_undoable() {
        let before = full();
        let mut after = before.clone();
        apply_increment(
            &mut after,
            vec![
                entry("b", true, json!({})),
                entry("d", false, json!({"NAME": "Dan"})),
                entry("a", false, json!({"MUTE": "1"})),
            ],
            false,
        );
        let events = diff(&before, &after, true);
        let kinds: Vec<&str> = events
            .iter()
            .map(|e| match e {
                HuaweiLiveEvent::Joined { .. } => "joined",
                HuaweiLiveEvent::Left { .. } => "left",
                HuaweiLiveEvent::Changed { .. } => "changed",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["changed", "joined", "left"]);
        let mut replay = before.clone();
        events.iter().for_each(|e| apply_event(&mut replay, e));
        assert_eq!(replay, after);
        events.iter().rev().for_each(|e| revert_event(&mut replay, e));
        assert_eq!(replay, before);
        assert!(diff(&after, &after, true).is_empty());
    }

    #[test]
    fn versions_count_from_the_full_message() {
        let mut v = Versions::default();
        assert!(v.check("ParticipantsNotify", Mode::Increment, Some(1)).is_err(), "no full message yet");
        v.check("ParticipantsNotify", Mode::Full, Some(1_700_000_000_000)).unwrap();
        v.check("ParticipantsNotify", Mode::Increment, Some(1)).unwrap();
        v.check("ParticipantsNotify", Mode::Increment, Some(2)).unwrap();
        v.check("ConfDynamicInfoNotify", Mode::Full, None).unwrap();
        v.check("ConfDynamicInfoNotify", Mode::Increment, Some(1)).unwrap();
        assert!(v.check("ParticipantsNotify", Mode::Increment, Some(4)).unwrap_err().contains("missed"));
        assert!(v.check("ParticipantsNotify", Mode::Increment, Some(i64::MIN)).is_err());
    }
}
