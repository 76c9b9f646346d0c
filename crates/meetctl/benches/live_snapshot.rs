//! A full `ParticipantsNotify` of 3,000 people (the Huawei conference-control socket) read and
//! turned into the roster and the events (the initial roster as 3,000 joins), next to its floor:
//! `serde_json::from_slice::<Value>` of the same bytes. Run with
//! `cargo bench -p meetctl --features fuzzing --bench live_snapshot` (the bench reaches the
//! stream's code through the hidden `meetctl::fuzzing`); the target is at most 2× the floor.
//! Five runs on a shared 2-core machine (load average 1.4-3.2): 1.36-1.43×, median 1.41× (1.78×
//! before the frame was read in one pass: the envelope, the entries and each `pinfoMap` together).
//! With `CARGO_TARGET_DIR` exported (as `scripts/bench.sh` does) about 1.8×: glibc then trims and
//! re-faults the heap's top every iteration, which costs this side (about 1.6 times the floor's
//! memory: the roster and each join's copy) far more than the floor.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use meetctl::fuzzing::{HuaweiLiveState, huawei_live_apply};
use serde_json::{Value, json};

/// People in the frame.
const PEOPLE: usize = 3_000;

/// The frame, every `pinfoMap` key set as the vendor sends them.
fn frame() -> Vec<u8> {
    let data: Vec<Value> = (0..PEOPLE)
        .map(|i| {
            json!({
                "pid": format!("{i:032x}"),
                "mode": 0,
                "pinfoMap": {
                    "NAME": format!("Participant {i}"),
                    "TEL": format!("+86100{i:06}"),
                    "ROLE": if i == 0 { "1" } else { "0" },
                    "STATE": "0",
                    "HAND": if i % 7 == 0 { "1" } else { "0" },
                    "MUTE": if i % 2 == 0 { "1" } else { "0" },
                    "VIDEO": if i % 3 == 0 { "0" } else { "1" },
                    "SHARE": "0",
                    "ADDTIME": (1_700_000_000_000_i64 + i as i64).to_string(),
                }
            })
        })
        .collect();
    json!({
        "action": "ParticipantsNotify",
        "version": 1_700_000_000_000_i64,
        "createTime": 1_700_000_000_000_i64,
        "msgID": "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "msgMode": 0,
        "confID": "914083136",
        "data": data,
    })
    .to_string()
    .into_bytes()
}

fn bench_snapshot(c: &mut Criterion) {
    let bytes = frame();
    let events = huawei_live_apply(&mut HuaweiLiveState::default(), &bytes).expect("a valid frame");
    assert_eq!(events.len(), PEOPLE, "one join each");
    let mut group = c.benchmark_group("live_snapshot");
    group.bench_function("roster_and_events", |b| {
        b.iter(|| {
            let mut state = HuaweiLiveState::default();
            let events = huawei_live_apply(&mut state, black_box(&bytes));
            black_box((events, state))
        })
    });
    group.bench_function("serde_value_floor", |b| {
        b.iter(|| black_box(serde_json::from_slice::<Value>(black_box(&bytes))))
    });
    group.finish();
}

criterion_group!(benches, bench_snapshot);
criterion_main!(benches);
