//! The Huawei conference-control socket's frames (huawei/live): each input line is one text frame,
//! read and applied to the roster in turn, as the live stream does.
//!
//! Asserts: never a panic; a frame that is refused (not JSON, a participant entry that cannot be
//! read, a version gap) leaves the roster as it was; the events of a frame accepted turn the
//! roster before it into the roster after it when replayed (a join of someone not there, a leave
//! of someone there in their last known state, a change whose `before` is what was known and that
//! names at least one field); every participant's `raw` is a JSON object and its id is not empty.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use meetctl::fuzzing::{HuaweiLiveState, huawei_live_apply};
use meetctl::huawei::{HuaweiLiveEvent, HuaweiParticipant};

fuzz_target!(|data: &[u8]| {
    let mut state = HuaweiLiveState::default();
    for frame in data.split(|&b| b == b'\n') {
        let before = state.roster().clone();
        match huawei_live_apply(&mut state, frame) {
            Err(_) => assert_eq!(state.roster(), &before, "a refused frame changes nothing"),
            Ok(events) => {
                let mut replay: BTreeMap<String, HuaweiParticipant> = before;
                for event in &events {
                    match event {
                        HuaweiLiveEvent::Joined { participant, .. } => {
                            let id = participant.participant_id.clone();
                            assert!(replay.insert(id, participant.clone()).is_none(), "joined twice");
                        }
                        HuaweiLiveEvent::Left { participant, .. } => {
                            let known = replay.remove(&participant.participant_id);
                            assert_eq!(known.as_ref(), Some(participant), "left in the last known state");
                        }
                        HuaweiLiveEvent::Changed { before, after, changed, .. } => {
                            assert!(!changed.is_empty());
                            assert_eq!(before.participant_id, after.participant_id);
                            let known = replay.insert(after.participant_id.clone(), after.clone());
                            assert_eq!(known.as_ref(), Some(before), "changed from what was known");
                        }
                        other => panic!("a participant frame gave {other:?}"),
                    }
                }
                for (id, p) in state.roster() {
                    assert!(!id.is_empty() && id == &p.participant_id);
                    assert!(p.raw.is_object());
                    // Changes that name no field (ADDTIME, STATE) are merged without an event.
                    let replayed = replay.get(id).expect("everyone in the roster was announced");
                    assert_eq!(
                        (
                            &replayed.name,
                            replayed.role,
                            replayed.audio_muted,
                            replayed.video_on,
                            replayed.hand_raised
                        ),
                        (&p.name, p.role, p.audio_muted, p.video_on, p.hand_raised)
                    );
                }
                assert_eq!(replay.len(), state.roster().len());
            }
        }
    }
});
