//! Huawei's MMR recording (`mmrRecord`), MMR live streaming (`mmrLive`) and live broadcast
//! (`live`) against the emulator's demo scenario: each call's effect, the wire as the vendor
//! documents it, the vendor's rights, that they are repeated after a 504 (each sets a state), and
//! what the control WebSocket shows.

mod demo_conference;

use std::time::Duration;

use demo_conference::*;
use meetctl::huawei::{Conference, ConferenceControl, HuaweiOperation};
use meetctl::{Args, ErrorKind};
use meetctl_emulator::{Emulator, Fault, demo_scenario};
use serde_json::{Value, json};

const NEW: [HuaweiOperation; 7] = [
    HuaweiOperation::StartMmrRecording,
    HuaweiOperation::PauseMmrRecording,
    HuaweiOperation::StopMmrRecording,
    HuaweiOperation::StartMmrLive,
    HuaweiOperation::StopMmrLive,
    HuaweiOperation::StartLive,
    HuaweiOperation::StopLive,
];

fn media(emu: &Emulator) -> (Value, Value, Value) {
    let c = conf_state(emu);
    (c["mmr_recording"].clone(), c["mmr_live"].clone(), c["live"].clone())
}

#[test]
fn mmr_recording_starts_pauses_resumes_and_stops() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    assert_eq!(conf_state(&emu)["mmr_recording"], "stopped");
    // Pausing what is not running changes nothing.
    conf.pause_mmr_recording().unwrap();
    assert_eq!(conf_state(&emu)["mmr_recording"], "stopped");
    conf.start_mmr_recording().unwrap();
    assert_eq!(conf_state(&emu)["mmr_recording"], "recording");
    conf.pause_mmr_recording().unwrap();
    assert_eq!(conf_state(&emu)["mmr_recording"], "paused");
    conf.start_mmr_recording().unwrap();
    assert_eq!(conf_state(&emu)["mmr_recording"], "recording");
    conf.stop_mmr_recording().unwrap();
    assert_eq!(conf_state(&emu)["mmr_recording"], "stopped");
    // Cloud recording (`record`) is another state.
    assert_eq!(conf_state(&emu)["settings"]["isRecord"], 0);
}

#[test]
fn live_and_mmr_live_on_and_off() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    assert_eq!(media(&emu), (json!("stopped"), json!(false), json!(false)));
    conf.start_live().unwrap();
    assert_eq!(media(&emu), (json!("stopped"), json!(false), json!(true)));
    conf.start_mmr_live().unwrap();
    assert_eq!(media(&emu), (json!("stopped"), json!(true), json!(true)));
    conf.stop_live().unwrap();
    conf.stop_live().unwrap();
    assert_eq!(media(&emu), (json!("stopped"), json!(true), json!(false)));
    // The generic call sends the same as the named method.
    conf.call(&ConferenceControl::new(HuaweiOperation::StopMmrLive)).unwrap();
    assert_eq!(media(&emu), (json!("stopped"), json!(false), json!(false)));
}

#[test]
fn a_guest_token_may_not_and_extra_input_is_refused_before_io() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let guest = conference(&emu, GUEST_PASSWORD);
    for e in [
        guest.start_mmr_recording().unwrap_err(),
        guest.start_mmr_live().unwrap_err(),
        guest.start_live().unwrap_err(),
    ] {
        assert_eq!((e.kind(), e.code()), (ErrorKind::PermissionDenied, Some("MMC.111070002")), "{e}");
    }
    assert_eq!(media(&emu), (json!("stopped"), json!(false), json!(false)));

    let conf = conference(&emu, HOST_PASSWORD);
    let before = emu.state()["request_count"].as_u64().unwrap();
    for op in NEW {
        let e = conf.call(&ConferenceControl::new(op).participant(BOB)).unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("participant_id")), "{op:?}");
        let e = conf.call(&ConferenceControl::new(op).args(Args::new().with("isLive", 1))).unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("isLive")), "{op:?}: {e}");
    }
    assert_eq!(emu.state()["request_count"].as_u64().unwrap(), before, "nothing was sent");
}

#[test]
fn the_wire_as_the_vendor_documents_it() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    let q = format!("?conferenceID={CONFERENCE}");
    let want = [
        (format!("mmrRecord{q}"), r#"{"recordType":1}"#),
        (format!("mmrRecord{q}"), r#"{"recordType":0}"#),
        (format!("mmrRecord{q}"), r#"{"recordType":2}"#),
        (format!("mmrLive{q}"), r#"{"liveState":1}"#),
        (format!("mmrLive{q}"), r#"{"liveState":0}"#),
        (format!("live{q}"), r#"{"isLive":1}"#),
        (format!("live{q}"), r#"{"isLive":0}"#),
    ];
    for (op, (uri, body)) in NEW.into_iter().zip(want) {
        let p = conf.prepare(&ConferenceControl::new(op)).unwrap();
        let rest = p.url.split_once("/v1/mmc/control/conferences/").map(|(_, r)| r.to_owned()).unwrap();
        assert_eq!(
            (p.method.to_string(), rest, String::from_utf8(p.body.clone()).unwrap()),
            ("PUT".to_owned(), uri, body.to_owned()),
            "{op:?}"
        );
        assert!(op.spec().safe_to_repeat, "{op:?} sets a state");
    }
}

#[test]
fn after_a_504_each_is_sent_again() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    conf.control_token().unwrap();
    for (path, call) in [
        ("/v1/mmc/control/conferences/mmrRecord", Conference::start_mmr_recording as fn(&Conference) -> _),
        ("/v1/mmc/control/conferences/mmrLive", Conference::start_mmr_live),
        ("/v1/mmc/control/conferences/live", Conference::start_live),
    ] {
        emu.inject(Fault::status(504).on_path(path));
        call(&conf).unwrap();
        assert_eq!(hits(&emu, path), 2, "{path}: repeated once after the 504");
    }
    assert_eq!(media(&emu), (json!("recording"), json!(true), json!(true)));
}

#[test]
fn the_control_websocket_shows_mmr_recording_as_rec_state() {
    use meetctl::huawei::{HuaweiLiveEvent, LiveOptions};
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    let stream = conf.live_events(LiveOptions::new()).unwrap();
    let rec_state_seen = |want: i64| {
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(HuaweiLiveEvent::ConferenceState { raw, .. })) =
                stream.next(Duration::from_millis(200))
            {
                if raw["recState"] == want {
                    return;
                }
            }
        }
        panic!("recState {want} not seen within 10 s")
    };
    rec_state_seen(0);
    conf.start_mmr_recording().unwrap();
    rec_state_seen(1);
    conf.pause_mmr_recording().unwrap();
    rec_state_seen(0);
    stream.close();
}
