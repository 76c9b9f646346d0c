//! Huawei's screen and voice controls (broadcast, roll call, lowering hands, what hardware
//! terminals watch, pause, the single waiting-room move, the audience and local recording) and
//! the vendor-neutral broadcast and lower-all-hands, against the emulator's demo scenario: each
//! call's effect, validation before anything is sent, the vendor's rights and terminal checks, and
//! which of them are repeated after a 504.

mod demo_conference;

use std::time::Duration;

use demo_conference::*;
use meetctl::huawei::{ConferenceControl, HuaweiOperation};
use meetctl::tencent::{Instance, TencentClient, TencentCredentials, TencentUser};
use meetctl::{Args, ErrorKind, Meeting, MeetingOperation, Participant};
use meetctl_emulator::{Emulator, Fault, demo_scenario};
use serde_json::{Value, json};

/// The host, a hardware terminal in the demo scenario.
const ALICE: &str = "d2c3ae64216e11eabc510dc9b62e3a80";
/// A co-host.
const DORA: &str = "p-dora";
/// Hand raised at the start.
const EVAN: &str = "p-evan";

#[test]
fn broadcast_roll_call_and_cancel() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    assert_eq!(
        (conf_state(&emu)["mode"].clone(), conf_state(&emu)["broadcast"].clone()),
        (json!("FREE"), Value::Null)
    );

    conf.broadcast(BOB).unwrap();
    assert_eq!(
        (conf_state(&emu)["mode"].clone(), conf_state(&emu)["broadcast"].clone()),
        (json!("BROADCAST"), json!(BOB))
    );
    conf.broadcast(DORA).unwrap();
    assert_eq!(conf_state(&emu)["broadcast"], DORA, "one at a time: the last replaces the first");

    conf.roll_call(CAROL).unwrap();
    let state = conf_state(&emu);
    assert_eq!((&state["mode"], &state["broadcast"]), (&json!("ROLLCALL"), &json!(CAROL)));
    assert_eq!(pid(&emu, CAROL)["muted"], false, "the one called is heard");
    assert_eq!(
        (pid(&emu, BOB)["muted"].clone(), pid(&emu, DORA)["muted"].clone()),
        (json!(true), json!(true))
    );
    assert_eq!(pid(&emu, ALICE)["muted"], false, "the host is never muted by a roll call");

    conf.cancel_broadcast().unwrap();
    assert_eq!(
        (conf_state(&emu)["mode"].clone(), conf_state(&emu)["broadcast"].clone()),
        (json!("FREE"), Value::Null)
    );
    conf.cancel_broadcast().unwrap();

    // A broadcast participant who is moved out ends the broadcast.
    conf.broadcast(BOB).unwrap();
    conf.move_one_to_waiting_room(BOB).unwrap();
    assert_eq!(pid(&emu, BOB)["in_waiting_room"], true);
    assert_eq!(conf_state(&emu)["mode"], "FREE");
    // Nobody outside the conference can be broadcast.
    let e = conf.broadcast(BOB).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some("MMC.111071011")));
}

#[test]
fn hands_pause_audience_and_local_recording() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    assert_eq!(pid(&emu, EVAN)["hand_raised"], true);
    conf.lower_hands(&[EVAN, BOB]).unwrap();
    assert_eq!(pid(&emu, EVAN)["hand_raised"], false);
    let e = conf.lower_hands(&[EVAN, "p-nobody"]).unwrap_err();
    assert_eq!(e.code(), Some("MMC.111071011"));

    conf.pause().unwrap();
    assert_eq!(conf_state(&emu)["paused"], true);
    conf.resume().unwrap();
    assert_eq!(conf_state(&emu)["paused"], false);

    conf.allow_audience().unwrap();
    assert_eq!(conf_state(&emu)["allow_audience"], true);

    conf.allow_client_record(BOB, true).unwrap();
    assert_eq!(pid(&emu, BOB)["client_record"], true);
    conf.allow_client_record(BOB, false).unwrap();
    assert_eq!(pid(&emu, BOB)["client_record"], false);

    // The generic call sends the same as the named method.
    conf.call(
        &ConferenceControl::new(HuaweiOperation::AllowClientRecord)
            .participant(DORA)
            .args(Args::new().with("allow", true)),
    )
    .unwrap();
    assert_eq!(pid(&emu, DORA)["client_record"], true);
}

#[test]
fn what_hardware_terminals_watch() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    assert_eq!(pid(&emu, ALICE)["terminal"], true);

    conf.host_view(BOB).unwrap();
    assert_eq!(conf_state(&emu)["host_view"], json!({"type": "participant", "participant_id": BOB}));
    conf.host_view_multi_picture().unwrap();
    assert_eq!(conf_state(&emu)["host_view"], json!({"type": "multi_picture"}));
    conf.start_host_polling(30).unwrap();
    assert_eq!(conf_state(&emu)["host_view"], json!({"type": "polling", "switch_seconds": 30}));
    conf.stop_host_polling().unwrap();
    assert_eq!(conf_state(&emu)["host_view"], Value::Null);

    conf.participant_view(ALICE, DORA).unwrap();
    assert_eq!(pid(&emu, ALICE)["watching"], DORA);
    conf.lock_view(ALICE, BOB).unwrap();
    assert_eq!(pid(&emu, ALICE)["locked_source"], BOB);
    conf.unlock_view(ALICE, BOB).unwrap();
    assert_eq!(pid(&emu, ALICE)["locked_source"], Value::Null);

    // Only a hardware terminal: Bob runs a soft client.
    for e in [conf.participant_view(BOB, DORA).unwrap_err(), conf.lock_view(BOB, DORA).unwrap_err()] {
        assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some("MMC.111070001")), "{e}");
    }
    // chairView needs the host to be one: once Bob is the host, it is refused.
    conf.apply_host(BOB, HOST_PASSWORD).unwrap();
    let e = conf.host_view(DORA).unwrap_err();
    assert_eq!(e.code(), Some("MMC.111070001"), "{e}");
}

#[test]
fn a_guest_token_may_not_and_bad_input_is_refused_before_io() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let guest = conference(&emu, GUEST_PASSWORD);
    for e in
        [guest.broadcast(BOB).unwrap_err(), guest.pause().unwrap_err(), guest.roll_call(BOB).unwrap_err()]
    {
        assert_eq!((e.kind(), e.code()), (ErrorKind::PermissionDenied, Some("MMC.111070002")), "{e}");
    }
    assert_eq!(conf_state(&emu)["mode"], "FREE");

    let conf = conference(&emu, HOST_PASSWORD);
    let control = |op| ConferenceControl::new(op);
    let cases = [
        (control(HuaweiOperation::Broadcast), "participant_id"),
        (control(HuaweiOperation::Broadcast).participant(""), "participant_id"),
        (control(HuaweiOperation::CancelBroadcast).participant(BOB), "participant_id"),
        (control(HuaweiOperation::RollCall).participants([BOB, DORA]), "participant_id"),
        (control(HuaweiOperation::LowerHands), "participant_ids"),
        (control(HuaweiOperation::LowerHands).participants([EVAN, ""]), "participant_ids"),
        (control(HuaweiOperation::HostView), "participant_id"),
        (
            control(HuaweiOperation::StartHostPolling).args(Args::new().with("switch_seconds", 5)),
            "switch_seconds",
        ),
        (
            control(HuaweiOperation::StartHostPolling).args(Args::new().with("switch_seconds", 121)),
            "switch_seconds",
        ),
        (control(HuaweiOperation::ParticipantView).participant(ALICE), "watched_id"),
        (
            control(HuaweiOperation::ParticipantView)
                .participant(ALICE)
                .args(Args::new().with("watched_id", "")),
            "watched_id",
        ),
        (control(HuaweiOperation::LockView).participant(ALICE), "source_id"),
        (control(HuaweiOperation::UnlockView).args(Args::new().with("source_id", BOB)), "participant_id"),
        (control(HuaweiOperation::Pause).args(Args::new().with("pause", 1)), "pause"),
        (control(HuaweiOperation::MoveOneToWaitingRoom), "participant_id"),
        (control(HuaweiOperation::AllowClientRecord).participant(BOB), "allow"),
        (
            control(HuaweiOperation::AllowClientRecord)
                .participant(BOB)
                .args(Args::new().with("allow", "yes")),
            "allow",
        ),
    ];
    let before = request_count(&emu);
    for (c, field) in cases {
        let op = c.operation;
        let e = conf.call(&c).unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field)), "{op:?}: {e}");
    }
    let e = conf.lower_hands(&[]).unwrap_err();
    assert_eq!(e.field(), Some("participant_ids"));
    assert_eq!(request_count(&emu), before, "nothing was sent");
}

#[test]
fn the_wire_as_the_vendor_documents_it() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    let wire = |c: ConferenceControl| {
        let p = conf.prepare(&c).unwrap();
        let uri = p.url.split_once("/v1/mmc/control/conferences/").map(|(_, rest)| rest.to_owned()).unwrap();
        (p.method.to_string(), uri, String::from_utf8(p.body.clone()).unwrap())
    };
    let q = format!("?conferenceID={CONFERENCE}");
    let cases = [
        (
            ConferenceControl::new(HuaweiOperation::Broadcast).participant(BOB),
            format!("participants/broadcast{q}&participantID={BOB}"),
            "",
        ),
        (ConferenceControl::new(HuaweiOperation::CancelBroadcast), format!("cancelBroadcast{q}"), ""),
        (
            ConferenceControl::new(HuaweiOperation::RollCall).participant(BOB),
            format!("participants/rollCall{q}&participantID={BOB}"),
            "",
        ),
        (
            ConferenceControl::new(HuaweiOperation::LowerHands).participants([EVAN, BOB]),
            format!("participants/batch/hands{q}"),
            r#"{"handsState":0,"pids":["p-evan","a1b2c3d4e5f611eabc510dc9b62e3a81"]}"#,
        ),
        (
            ConferenceControl::new(HuaweiOperation::HostView).participant(BOB),
            format!("chairView{q}"),
            r#"{"viewType":2,"participantID":"a1b2c3d4e5f611eabc510dc9b62e3a81"}"#,
        ),
        (
            ConferenceControl::new(HuaweiOperation::HostViewMultiPicture),
            format!("chairView{q}"),
            r#"{"viewType":1}"#,
        ),
        (
            ConferenceControl::new(HuaweiOperation::StartHostPolling),
            format!("chairView{q}"),
            r#"{"viewType":0,"switchTime":10,"status":1}"#,
        ),
        (
            ConferenceControl::new(HuaweiOperation::StopHostPolling),
            format!("chairView{q}"),
            r#"{"viewType":0,"switchTime":10,"status":0}"#,
        ),
        (
            ConferenceControl::new(HuaweiOperation::ParticipantView)
                .participant(ALICE)
                .args(Args::new().with("watched_id", "p-dora")),
            format!("partView{q}&participantID={ALICE}"),
            r#"{"viewType":2,"participantID":"p-dora"}"#,
        ),
        (
            ConferenceControl::new(HuaweiOperation::LockView)
                .participant(ALICE)
                .args(Args::new().with("source_id", "p-dora")),
            format!("lockView{q}&participantID={ALICE}"),
            r#"{"status":1,"participantID":"p-dora"}"#,
        ),
        (
            ConferenceControl::new(HuaweiOperation::UnlockView)
                .participant(ALICE)
                .args(Args::new().with("source_id", "p-dora")),
            format!("lockView{q}&participantID={ALICE}"),
            r#"{"status":0,"participantID":"p-dora"}"#,
        ),
        (ConferenceControl::new(HuaweiOperation::Pause), format!("pause{q}"), r#"{"pause":1}"#),
        (ConferenceControl::new(HuaweiOperation::Resume), format!("pause{q}"), r#"{"pause":0}"#),
        (
            ConferenceControl::new(HuaweiOperation::MoveOneToWaitingRoom).participant(BOB),
            format!("moveToWaitingRoom{q}"),
            r#"{"participantID":"a1b2c3d4e5f611eabc510dc9b62e3a81"}"#,
        ),
        (
            ConferenceControl::new(HuaweiOperation::AllowAudience),
            format!("allowAudience{q}"),
            r#"{"allowAudience":1}"#,
        ),
        (
            ConferenceControl::new(HuaweiOperation::AllowClientRecord)
                .participant(BOB)
                .args(Args::new().with("allow", false)),
            format!("allowClientRecord{q}&participantID={BOB}"),
            r#"{"allowClientRecord":0}"#,
        ),
    ];
    for (c, uri, body) in cases {
        assert_eq!(wire(c), ("PUT".to_owned(), uri, body.to_owned()));
    }
}

#[test]
fn after_a_504_a_state_is_set_again_but_a_waiting_room_move_is_not_repeated() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    conf.control_token().unwrap();
    assert!(
        HuaweiOperation::Broadcast.spec().safe_to_repeat && HuaweiOperation::RollCall.spec().safe_to_repeat
    );
    assert!(!HuaweiOperation::MoveOneToWaitingRoom.spec().safe_to_repeat);

    const BROADCAST: &str = "/v1/mmc/control/conferences/participants/broadcast";
    emu.inject(Fault::status(504).on_path(BROADCAST));
    conf.broadcast(BOB).unwrap();
    assert_eq!(hits(&emu, BROADCAST), 2, "repeated once after the 504");
    assert_eq!(conf_state(&emu)["broadcast"], BOB);

    const MOVE: &str = "/v1/mmc/control/conferences/moveToWaitingRoom";
    emu.inject(Fault::status(504).on_path(MOVE));
    let e = conf.move_one_to_waiting_room(DORA).unwrap_err();
    assert_eq!(e.status(), Some(504), "{e}");
    assert_eq!(hits(&emu, MOVE), 1, "not repeated: the vendor may have moved her");
    assert_eq!(pid(&emu, DORA)["in_waiting_room"], false);
}

fn huawei_meeting(emu: &Emulator) -> Meeting {
    Meeting::huawei(conference(emu, HOST_PASSWORD))
}

fn find(people: &[Participant], vendor_id: &str) -> Participant {
    people.iter().find(|p| p.id().ends_with(vendor_id)).unwrap().clone()
}

#[test]
fn neutral_broadcast_and_lower_all_hands_on_huawei() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let meeting = huawei_meeting(&emu);
    for op in
        [MeetingOperation::Broadcast, MeetingOperation::CancelBroadcast, MeetingOperation::LowerAllHands]
    {
        assert!(meeting.supports(op), "{op:?}");
    }
    let people = meeting.participants().unwrap();
    meeting.broadcast(&find(&people, BOB)).unwrap();
    assert_eq!(
        (conf_state(&emu)["mode"].clone(), conf_state(&emu)["broadcast"].clone()),
        (json!("BROADCAST"), json!(BOB))
    );
    meeting.cancel_broadcast().unwrap();
    assert_eq!(conf_state(&emu)["mode"], "FREE");

    // Evan's hand is raised: one info, one batch call with him alone.
    meeting.lower_all_hands().unwrap();
    assert_eq!(pid(&emu, EVAN)["hand_raised"], false);
    let last = emu.state()["requests"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["path"], "/v1/mmc/control/conferences/participants/batch/hands");
    // No hand raised: the listing only, nothing more.
    let before = hits(&emu, "/v1/mmc/control/conferences/participants/batch/hands");
    meeting.lower_all_hands().unwrap();
    assert_eq!(hits(&emu, "/v1/mmc/control/conferences/participants/batch/hands"), before);

    // Broadcast takes a participant; the others take none.
    let e = meeting.control(MeetingOperation::Broadcast, None, &Args::new()).unwrap_err();
    assert_eq!(e.field(), Some("participant"));
    let e = meeting
        .control(MeetingOperation::LowerAllHands, Some(&find(&people, BOB)), &Args::new())
        .unwrap_err();
    assert_eq!(e.field(), Some("participant"));
}

#[test]
fn neutral_broadcast_and_lower_all_hands_are_unsupported_on_tencent_before_io() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let creds = TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None);
    let client = TencentClient::new(creds, config(&emu)).unwrap();
    let meeting =
        Meeting::tencent(client, "1242152152161", TencentUser::userid("alice", Instance::Ios)).unwrap();
    let someone = Participant::from_id("tencent:2:agaqwwgdkkddd").unwrap();
    let before = request_count(&emu);
    for (op, result) in [
        (MeetingOperation::Broadcast, meeting.broadcast(&someone)),
        (MeetingOperation::CancelBroadcast, meeting.cancel_broadcast()),
        (MeetingOperation::LowerAllHands, meeting.lower_all_hands()),
    ] {
        assert!(!meeting.supports(op));
        let e = result.unwrap_err();
        assert_eq!((e.kind(), e.code()), (ErrorKind::Unsupported, None), "{op:?}");
    }
    assert_eq!(request_count(&emu), before, "nothing was sent");
}

#[test]
fn the_control_websocket_shows_the_broadcast_and_the_roll_call() {
    use meetctl::huawei::{HuaweiLiveEvent, LiveOptions};
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    let stream = conf.live_events(LiveOptions::new()).unwrap();
    let mode_seen = |want: &str| {
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(HuaweiLiveEvent::ConferenceState { raw, .. })) =
                stream.next(Duration::from_millis(200))
            {
                if raw["mode"] == want {
                    return raw;
                }
            }
        }
        panic!("mode {want} not seen within 10 s")
    };
    assert_eq!(mode_seen("FREE")["pause"], false);
    conf.broadcast(BOB).unwrap();
    mode_seen("BROADCAST");
    let bob = |stream: &meetctl::huawei::HuaweiLiveStream| {
        stream.participants().into_iter().find(|p| p.participant_id == BOB).unwrap().raw
    };
    assert_eq!(
        (bob(&stream)["BROADCAST"].clone(), bob(&stream)["ROLLCALL"].clone()),
        (json!("1"), json!("0"))
    );
    conf.roll_call(BOB).unwrap();
    mode_seen("ROLLCALL");
    assert_eq!(
        (bob(&stream)["BROADCAST"].clone(), bob(&stream)["ROLLCALL"].clone()),
        (json!("0"), json!("1"))
    );
    conf.pause().unwrap();
    let started = std::time::Instant::now();
    loop {
        if let Ok(Some(HuaweiLiveEvent::ConferenceState { raw, .. })) =
            stream.next(Duration::from_millis(200))
        {
            if raw["pause"] == true {
                break;
            }
        }
        assert!(started.elapsed() < Duration::from_secs(10), "pause not seen");
    }
    stream.close();
}
