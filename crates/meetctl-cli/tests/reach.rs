//! `meetctl tencent` reaching people outside the meeting, against a real emulator: room-call (the
//! invite id printed), room-call-info, cancel-room-call, phone-callout and cancel-phone-callout
//! (list arguments as JSON), release-rooms (repeatable or comma-separated ids); bad arguments
//! refused as usage errors naming the option before anything is sent; a call-out not repeated on
//! a gateway timeout.

mod common;

use common::*;
use meetctl_emulator::{Emulator, Fault, demo_scenario};
use serde_json::{Value, json};

const BY_USERID: &str = "userid:alice@ios";

fn emulator() -> Emulator {
    Emulator::start(demo_scenario()).expect("emulator starts")
}

fn tencent(emu: &Emulator, args: &[&str]) -> Cli {
    Cli::new().tencent(&emu.url()).args(&["tencent"]).args(args)
}

fn calls(emu: &Emulator) -> Vec<Value> {
    tencent_meeting(&emu.state(), MEETING)["calls"].as_array().cloned().unwrap_or_default()
}

fn requests(emu: &Emulator) -> usize {
    emu.state()["requests"].as_array().map_or(0, Vec::len)
}

#[test]
fn a_room_is_called_answered_and_released() {
    let emu = emulator();
    let room = ["--meeting", MEETING, "--operator", BY_USERID, "--meeting-room-id", "mr-101"];
    let run = tencent(&emu, &[&["room-call"][..], &room, &["--json"]].concat()).expect(0);
    let invite = run.json()["result"]["invite_id"].as_str().unwrap().to_owned();
    let run = tencent(&emu, &[&["room-call-info"][..], &room, &["--json"]].concat()).expect(0);
    assert_eq!(run.json()["result"]["status"], 4, "ringing");
    emu.admin(
        "POST",
        &format!("/_emulator/tencent/meetings/{MEETING}/calls/answer"),
        &json!({"call_id": invite, "joins": true}),
    )
    .unwrap();
    let run = tencent(&emu, &[&["room-call-info"][..], &room].concat()).expect(0);
    assert!(run.stdout.contains("\"status\": 2"), "{}", run.stdout);
    // The same call by its snake_case name; the invite id is printed without --json too.
    let run = tencent(
        &emu,
        &["room_call", "--meeting", MEETING, "--operator", BY_USERID, "--sip-address", "sip:a@b"],
    )
    .expect(0);
    assert!(run.stdout.contains("invite_id"), "{}", run.stdout);
    let sip_invite = calls(&emu)[1]["call_id"].as_str().unwrap().to_owned();
    tencent(
        &emu,
        &[
            "cancel-room-call",
            "--meeting",
            MEETING,
            "--operator",
            BY_USERID,
            "--invite-id",
            &sip_invite,
            "--sip-address",
            "sip:a@b",
        ],
    )
    .expect(0);
    assert_eq!(calls(&emu)[1]["state"], "cancelled");
    tencent(
        &emu,
        &["release-rooms", "--meeting", MEETING, "--operator", BY_USERID, "--meeting-room-ids", "mr-101"],
    )
    .expect(0);
    let meeting = tencent_meeting(&emu.state(), MEETING);
    assert_eq!(meeting["released_rooms"], json!(["mr-101"]));
}

#[test]
fn phones_are_called_and_cancelled() {
    let emu = emulator();
    let on = ["--meeting", MEETING, "--operator", BY_USERID];
    tencent(
        &emu,
        &[
            &["phone-callout"][..],
            &on,
            &[
                "--phone-numbers",
                r#"[{"area":86,"phone":"13800000009","nick_name":"Hana"},{"area":86,"phone":"01012345678"}]"#,
            ],
        ]
        .concat(),
    )
    .expect(0);
    assert_eq!(calls(&emu).len(), 2);
    tencent(
        &emu,
        &[&["cancel-phone-callout"][..], &on, &["--phone-numbers", r#"[{"area":86,"phone":"01012345678"}]"#]]
            .concat(),
    )
    .expect(0);
    let states: Vec<Value> = calls(&emu).iter().map(|c| c["state"].clone()).collect();
    assert_eq!(states, [json!("ringing"), json!("cancelled")]);
}

#[test]
fn bad_arguments_are_usage_errors_and_nothing_is_sent() {
    let emu = emulator();
    let before = requests(&emu);
    let on = ["--meeting", MEETING, "--operator", BY_USERID];
    // Neither a room nor an address; both; a bad phone item; a second, empty room id.
    for (args, field) in [
        (vec!["room-call"], "meeting_room_id"),
        (vec!["room-call", "--meeting-room-id", "mr-101", "--h323-address", "10.0.0.1"], "h323_address"),
        (
            vec!["phone-callout", "--phone-numbers", r#"[{"area":86,"phone":"+86"}]"#],
            "phone_numbers[0].phone",
        ),
        (vec!["release-rooms", "--meeting-room-ids", "mr-101,"], "meeting_room_ids[1]"),
    ] {
        let all: Vec<&str> = args[..1].iter().chain(on.iter()).chain(args[1..].iter()).copied().collect();
        let run = tencent(&emu, &[&all[..], &["--json"]].concat()).expect(2);
        assert_eq!(run.error_json()["error"]["field"], field, "{args:?}: {}", run.stderr);
    }
    // The operator of these APIs is a userid.
    let run = tencent(
        &emu,
        &["room-call", "--meeting", MEETING, "--operator", ALICE, "--meeting-room-id", "mr-101"],
    )
    .expect(2);
    assert!(run.stderr.contains("operator"), "{}", run.stderr);
    assert_eq!(requests(&emu), before);
}

#[test]
fn a_call_out_is_not_repeated_on_a_gateway_timeout() {
    let emu = emulator();
    let path = format!("/v1/meeting/{MEETING}/phone/callout");
    emu.inject(Fault::status(504).on_path(&path).times(1));
    let run = tencent(
        &emu,
        &[
            "phone-callout",
            "--meeting",
            MEETING,
            "--operator",
            BY_USERID,
            "--phone-numbers",
            r#"[{"area":86,"phone":"13800000009"}]"#,
        ],
    )
    .run();
    assert_ne!(run.code, 0, "{}", run.stderr);
    let sent: Vec<Value> = emu.state()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["path"] == path.as_str())
        .map(|r| r["status"].clone())
        .collect();
    assert_eq!(sent, [json!(504)]);
    assert!(calls(&emu).is_empty());
}

/// `meetctl meeting invite | cancel-invite`: the same flags on both vendors; on Tencent a phone's
/// call-out is cancelled by a later command (a room call's cancel needs the invite id the same
/// process kept: a later command names the flag and sends nothing).
#[test]
fn neutral_invite_and_cancel_invite() {
    let emu = emulator();
    let url = emu.url();
    let tencent = |args: &[&str]| {
        Cli::new().tencent(&url).args(&["meeting"]).args(args).args(&[
            "--vendor",
            "tencent",
            "--meeting",
            MEETING,
            "--operator",
            BY_USERID,
            "--json",
        ])
    };
    tencent(&["invite", "--phone", "13800000009", "--name", "Hana"]).expect(0);
    assert_eq!(calls(&emu)[0]["state"], "ringing");
    tencent(&["cancel-invite", "--phone", "13800000009"]).expect(0);
    assert_eq!(calls(&emu)[0]["state"], "cancelled");
    tencent(&["invite", "--sip-address", "sip:cli@example.com"]).expect(0);
    assert_eq!(calls(&emu)[1]["target"], json!({"kind": "sip", "dial_string": "sip:cli@example.com"}));
    let before = requests(&emu);
    let run = tencent(&["cancel-invite", "--sip-address", "sip:cli@example.com"]).run();
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("sip_address") || run.stderr.contains("sip-address"), "{}", run.stderr);
    let run = tencent(&["invite"]).run();
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("phone"), "{}", run.stderr);
    assert_eq!(requests(&emu), before, "nothing was sent");

    let huawei = |args: &[&str]| {
        Cli::new().huawei(&url, HOST_PASSWORD).args(&["meeting"]).args(args).args(&[
            "--vendor",
            "huawei",
            "--meeting",
            CONFERENCE,
        ])
    };
    huawei(&["invite", "--h323-address", "10.1.2.3", "--name", "Room 7"]).expect(0);
    let room = huawei_conference(&emu.state(), CONFERENCE)["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["number"] == "10.1.2.3")
        .cloned()
        .expect("the H.323 device joined");
    assert_eq!((&room["name"], &room["terminal"]), (&json!("Room 7"), &json!(true)));
    huawei(&["cancel-invite", "--h323-address", "10.1.2.3"]).expect(0);
    let removed = &huawei_conference(&emu.state(), CONFERENCE)["removed_attendees"];
    assert!(removed.as_array().unwrap().contains(&json!("10.1.2.3")), "{removed}");
}
