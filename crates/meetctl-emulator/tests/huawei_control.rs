//! The Huawei meeting-control APIs end to end: state changes visible in the admin state and in
//! `realTimeInfo`, the token's rights, validation, `stop`, and the `Basic` token form.

mod common;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::*;
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};

const CONF: &str = "914083136";
const HOST_PWD: &str = "157599";
const GUEST_PWD: &str = "246810";
const ALICE: &str = "d2c3ae64216e11eabc510dc9b62e3a80";
const BOB: &str = "a1b2c3d4e5f611eabc510dc9b62e3a81";
const CAROL: &str = "c3d4e5f6a7b811eabc510dc9b62e3a82";

/// An emulator, a client, and a host (chair) control token for the demo conference.
fn start() -> (Emulator, Client, String) {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let token = control_token(&mut client, CONF, HOST_PWD);
    (emulator, client, token)
}

fn put(client: &mut Client, token: &str, path: &str, participant: Option<&str>, body: Value) -> Response {
    let query = participant.map(|p| format!("&participantID={p}")).unwrap_or_default();
    hw_call(client, "PUT", CONF, path, &query, token, body.to_string().as_bytes())
}

fn info(client: &mut Client, token: &str) -> Value {
    ok(&hw_call(client, "GET", CONF, "realTimeInfo", "", token, b""))
}

fn listed<'a>(info: &'a Value, pid: &str) -> Option<&'a Value> {
    info["participants"].as_array().and_then(|ps| ps.iter().find(|p| p["pid"] == pid))
}

fn pids(info: &Value) -> Vec<String> {
    info["participants"]
        .as_array()
        .map_or_else(Vec::new, |ps| ps.iter().filter_map(|p| p["pid"].as_str().map(str::to_string)).collect())
}

#[test]
fn real_time_info_lists_the_conference() {
    let (_emulator, mut client, token) = start();
    let now = info(&mut client, &token);
    assert_eq!(now["attendees"], json!([]));
    assert_eq!(now["confInfo"], json!({"chairID": ALICE, "coHosts": ["p-dora"]}));
    assert_eq!(pids(&now), [ALICE, BOB, CAROL, "p-dora", "p-evan"], "waiting-room members are not listed");
    assert_eq!(
        listed(&now, "p-evan"),
        Some(
            &json!({"pid": "p-evan", "name": "Evan", "phone": "+8613800000005", "state": 0, "video": 0, "mute": 0, "hand": 1})
        )
    );
    assert_eq!(listed(&now, CAROL).map(|c| c["mute"].clone()), Some(json!(1)));
    assert!(listed(&now, BOB).is_some_and(|b| b["phone"] == "+8613800000002"), "the number as phone");
    // Any live token may read it, the guest's too.
    let guest = control_token(&mut client, CONF, GUEST_PWD);
    assert_eq!(pids(&info(&mut client, &guest)).len(), 5);
}

#[test]
fn participant_controls_change_state_and_real_time_info() {
    let (emulator, mut client, token) = start();

    // Co-host: only a non-host participant.
    ok(&put(&mut client, &token, "participants/cohost", Some(BOB), json!({"isCohost": 1})));
    assert_eq!(hw_member(&emulator.state(), CONF, BOB)["role"], "cohost");
    assert_eq!(info(&mut client, &token)["confInfo"]["coHosts"], json!([BOB, "p-dora"]));
    let host = put(&mut client, &token, "participants/cohost", Some(ALICE), json!({"isCohost": 1}));
    assert_eq!((host.status, huawei_code(&host)), (400, "MMC.111070001".to_string()));
    assert_eq!(hw_member(&emulator.state(), CONF, ALICE)["role"], "host");
    ok(&put(&mut client, &token, "participants/cohost", Some("p-dora"), json!({"isCohost": 0})));
    assert_eq!(hw_member(&emulator.state(), CONF, "p-dora")["role"], "participant");

    // Video (status 1 = off, inverted) and hands.
    ok(&put(&mut client, &token, "participants/video", Some(BOB), json!({"status": 1})));
    ok(&put(&mut client, &token, "participants/video", Some("p-evan"), json!({"status": 0})));
    ok(&put(&mut client, &token, "participants/hands", Some("p-evan"), json!({"handsState": 0})));
    let state = emulator.state();
    assert_eq!(hw_member(&state, CONF, BOB)["video"], false);
    let evan = hw_member(&state, CONF, "p-evan");
    assert_eq!((evan["video"].clone(), evan["hand_raised"].clone()), (json!(true), json!(false)));
    let now = info(&mut client, &token);
    assert_eq!(listed(&now, BOB).map(|b| b["video"].clone()), Some(json!(0)));
    assert_eq!(
        listed(&now, "p-evan").map(|e| (e["video"].clone(), e["hand"].clone())),
        Some((json!(1), json!(0)))
    );

    // Rename: by participantID (+ its number), or by number alone.
    let rename = |pid: Option<&str>, number: &str, name: &str| {
        let mut body = json!({"number": number, "newName": name});
        if let Some(pid) = pid {
            body["participantID"] = json!(pid);
        }
        body
    };
    ok(&put(
        &mut client,
        &token,
        "participants/name",
        None,
        rename(Some("p-evan"), "+8613800000005", "Evan Li"),
    ));
    ok(&put(&mut client, &token, "participants/name", None, rename(None, "+8613800000004", "Dora W")));
    ok(&put(&mut client, &token, "participants/name", None, rename(Some(BOB), "+8613800000002", "Bobby")));
    let state = emulator.state();
    assert_eq!(hw_member(&state, CONF, "p-evan")["name"], "Evan Li");
    assert_eq!(hw_member(&state, CONF, "p-dora")["name"], "Dora W");
    assert_eq!(listed(&info(&mut client, &token), BOB).map(|b| b["name"].clone()), Some(json!("Bobby")));
    let wrong_number = put(&mut client, &token, "participants/name", None, rename(Some("p-evan"), "+1", "X"));
    assert_eq!(huawei_code(&wrong_number), "MMC.111071011");
    let no_number =
        put(&mut client, &token, "participants/name", None, json!({"participantID": BOB, "newName": "X"}));
    assert_eq!(huawei_code(&no_number), "MMC.111070001");
    let waiting =
        put(&mut client, &token, "participants/name", None, rename(Some("p-fay"), "+8613800000006", "X"));
    assert_eq!(huawei_code(&waiting), "MMC.111071011", "waiting-room members are not in the conference");

    // Hang up: all listed must be there, or nothing happens.
    let hang_up = |client: &mut Client, ids: Value| {
        let body = json!({"bulkHangUpParticipants": ids}).to_string();
        hw_call(client, "POST", CONF, "participants/delete", "", &token, body.as_bytes())
    };
    assert_eq!(huawei_code(&hang_up(&mut client, json!([CAROL, "p-nobody"]))), "MMC.111071011");
    assert_eq!(hw_member(&emulator.state(), CONF, CAROL)["removed"], false);
    assert_eq!(huawei_code(&hang_up(&mut client, json!([]))), "MMC.111070001");
    assert_eq!(huawei_code(&hang_up(&mut client, json!("p-evan"))), "MMC.111070001");
    ok(&hang_up(&mut client, json!([CAROL, BOB])));
    assert_eq!(hw_member(&emulator.state(), CONF, CAROL)["removed"], true);
    let now = info(&mut client, &token);
    assert_eq!(pids(&now), [ALICE, "p-dora", "p-evan"]);
    assert_eq!(now["confInfo"]["coHosts"], json!([]), "a hung-up co-host is no co-host any more");
    let gone = put(&mut client, &token, "participants/mute", Some(CAROL), json!({"isMute": 0}));
    assert_eq!(huawei_code(&gone), "MMC.111071011");

    // Body validation names the field.
    for (path, body, field) in [
        ("participants/cohost", json!({"isCohost": 2}), "isCohost"),
        ("participants/video", json!({"status": "1"}), "status"),
        ("participants/hands", json!({}), "handsState"),
    ] {
        let response = put(&mut client, &token, path, Some(ALICE), body);
        assert_eq!(huawei_code(&response), "MMC.111070001", "{path}");
        assert!(response.json()["error_msg"].as_str().is_some_and(|m| m.contains(field)), "{path}");
    }
}

#[test]
fn conference_controls_and_settings() {
    let (emulator, mut client, token) = start();
    ok(&put(&mut client, &token, "participants/mute", Some(ALICE), json!({"isMute": 0})));

    // Mute all: everyone but the host, with the self-unmute permission.
    ok(&put(&mut client, &token, "mute", None, json!({"isMute": 1, "allowUnmuteByOneself": 0})));
    let state = emulator.state();
    for (pid, muted) in [(ALICE, false), (BOB, true), ("p-dora", true), ("p-evan", true)] {
        assert_eq!(hw_member(&state, CONF, pid)["muted"], muted, "{pid}");
    }
    let settings = &conference(&state, CONF)["settings"];
    assert_eq!((settings["isMute"].clone(), settings["allowUnmuteByOneself"].clone()), (json!(1), json!(0)));
    assert_eq!(listed(&info(&mut client, &token), BOB).map(|b| b["mute"].clone()), Some(json!(1)));
    // The host muted by hand stays muted through unmute-all too.
    ok(&put(&mut client, &token, "participants/mute", Some(ALICE), json!({"isMute": 1})));
    ok(&put(&mut client, &token, "mute", None, json!({"isMute": 0})));
    let state = emulator.state();
    assert_eq!(hw_member(&state, CONF, ALICE)["muted"], true);
    assert_eq!(hw_member(&state, CONF, CAROL)["muted"], false);
    assert_eq!(conference(&state, CONF)["settings"]["isMute"], 0);

    // Lock, record, extend.
    ok(&put(&mut client, &token, "lock", None, json!({"isLock": 1})));
    ok(&put(&mut client, &token, "record", None, json!({"isRecord": 1})));
    ok(&put(&mut client, &token, "duration", None, json!({"auto": 0, "duration": 30})));
    ok(&put(&mut client, &token, "duration", None, json!({"auto": 0})));
    ok(&put(&mut client, &token, "duration", None, json!({"auto": 1})));
    let state = emulator.state();
    let conf = conference(&state, CONF);
    assert_eq!(
        (conf["settings"]["isLock"].clone(), conf["settings"]["isRecord"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!((conf["extended_minutes"].clone(), conf["auto_extend"].clone()), (json!(45), json!(true)));

    // updateStartedConfConfig: only known settings with allowed values; isLock is the same lock.
    let update =
        json!({"lockSharing": 1, "chatPermission": 2, "callInRestriction": 3, "allowRename": 0, "isLock": 0});
    ok(&put(&mut client, &token, "updateStartedConfConfig", None, update));
    let state = emulator.state();
    let settings = &conference(&state, CONF)["settings"];
    assert_eq!(settings["lockSharing"], 1);
    assert_eq!(settings["chatPermission"], 2);
    assert_eq!(settings["callInRestriction"], 3);
    assert_eq!(settings["allowRename"], 0);
    assert_eq!(settings["isLock"], 0);
    assert_eq!(settings["allowOpenCamera"], 1, "untouched");
    for (path, body, field) in [
        ("updateStartedConfConfig", json!({"chatPermission": 5}), "chatPermission"),
        ("updateStartedConfConfig", json!({"callInRestriction": 1}), "callInRestriction"),
        ("updateStartedConfConfig", json!({"lockSharing": 1, "isLocked": 1}), "isLocked"),
        ("updateStartedConfConfig", json!({"isRecord": 1}), "isRecord"),
        ("updateStartedConfConfig", json!({}), "at least one setting"),
        ("mute", json!({"isMute": 1, "allowUnmuteByOneself": 2}), "allowUnmuteByOneself"),
        ("lock", json!({"isLock": true}), "isLock"),
        ("record", json!({}), "isRecord"),
        ("duration", json!({"auto": 0, "duration": 0}), "duration"),
        ("duration", json!({"duration": 10}), "auto"),
    ] {
        let response = put(&mut client, &token, path, None, body);
        assert_eq!(huawei_code(&response), "MMC.111070001", "{path} {field}");
        let message = response.json()["error_msg"].as_str().unwrap_or_default().to_string();
        assert!(message.contains(field), "{path}: {message}");
    }
    assert_eq!(
        conference(&emulator.state(), CONF)["settings"]["lockSharing"],
        1,
        "a refused update changes nothing"
    );
}

#[test]
fn waiting_room_admit_and_move() {
    let (emulator, mut client, token) = start();
    ok(&put(&mut client, &token, "allowWaitingParticipant", None, json!({"participantID": "p-fay"})));
    assert_eq!(hw_member(&emulator.state(), CONF, "p-fay")["in_waiting_room"], false);
    assert!(listed(&info(&mut client, &token), "p-fay").is_some());

    let move_in = json!({"batchParticipants": [BOB, CAROL]});
    ok(&put(&mut client, &token, "batchMoveToWaitingRoom", None, move_in));
    let state = emulator.state();
    assert_eq!(hw_member(&state, CONF, BOB)["in_waiting_room"], true);
    assert_eq!(pids(&info(&mut client, &token)), [ALICE, "p-dora", "p-evan", "p-fay"]);

    // Admitting someone who is not waiting, or an unknown id: MMC.111071011.
    for body in [json!({"participantID": ALICE}), json!({"participantID": "p-nobody"})] {
        assert_eq!(
            huawei_code(&put(&mut client, &token, "allowWaitingParticipant", None, body)),
            "MMC.111071011"
        );
    }
    for body in [json!({}), json!({"allowAll": "yes"}), json!({"allowAll": false})] {
        assert_eq!(
            huawei_code(&put(&mut client, &token, "allowWaitingParticipant", None, body)),
            "MMC.111070001"
        );
    }
    let unknown = json!({"batchParticipants": ["p-evan", "p-nobody"]});
    assert_eq!(
        huawei_code(&put(&mut client, &token, "batchMoveToWaitingRoom", None, unknown)),
        "MMC.111071011"
    );
    assert_eq!(hw_member(&emulator.state(), CONF, "p-evan")["in_waiting_room"], false);
    assert_eq!(
        huawei_code(&put(&mut client, &token, "batchMoveToWaitingRoom", None, json!({}))),
        "MMC.111070001"
    );

    ok(&put(&mut client, &token, "allowWaitingParticipant", None, json!({"allowAll": true})));
    let state = emulator.state();
    for pid in [BOB, CAROL, "p-gus"] {
        assert_eq!(hw_member(&state, CONF, pid)["in_waiting_room"], false, "{pid}");
    }
    assert_eq!(pids(&info(&mut client, &token)).len(), 7);
}

#[test]
fn guest_tokens_have_no_control_rights() {
    let (emulator, mut client, _host) = start();
    let guest = control_token(&mut client, CONF, GUEST_PWD);
    for (path, participant, body) in [
        ("lock", None, json!({"isLock": 1})),
        ("mute", None, json!({"isMute": 1})),
        ("participants/cohost", Some(BOB), json!({"isCohost": 1})),
        ("updateStartedConfConfig", None, json!({"lockSharing": 1})),
        ("stop", None, json!({})),
    ] {
        let response = put(&mut client, &guest, path, participant, body);
        assert_eq!((response.status, huawei_code(&response)), (403, "MMC.111070002".to_string()), "{path}");
    }
    let state = emulator.state();
    assert_eq!(conference(&state, CONF)["settings"]["isLock"], 0);
    assert_eq!(conference(&state, CONF)["ended"], false);
    assert_eq!(hw_member(&state, CONF, BOB)["role"], "participant");
    // Muting one participant needs the chair's token too; only the role API (which carries the
    // chairman password) accepts any live token.
    let refused = put(&mut client, &guest, "participants/mute", Some(BOB), json!({"isMute": 1}));
    assert_eq!(refused.status, 403);
    assert_eq!(hw_member(&emulator.state(), CONF, BOB)["muted"], false);
}

#[test]
fn stop_ends_every_control_call() {
    let (emulator, mut client, token) = start();
    assert!(ok(&put(&mut client, &token, "stop", None, json!({}))).is_null());
    assert_eq!(conference(&emulator.state(), CONF)["ended"], true);
    let after = [
        put(&mut client, &token, "lock", None, json!({"isLock": 1})),
        put(&mut client, &token, "participants/mute", Some(BOB), json!({"isMute": 1})),
        put(&mut client, &token, "participants/role", Some(BOB), json!({"applyChair": 0})),
        put(&mut client, &token, "stop", None, json!({})),
        hw_call(&mut client, "GET", CONF, "realTimeInfo", "", &token, b""),
    ];
    for response in &after {
        assert_eq!((response.status, huawei_code(response)), (400, "MMC.111070005".to_string()));
        assert!(response.json()["error_msg"].as_str().is_some_and(|m| m.contains("ended")));
    }
    let uri = format!("/v1/mmc/control/conferences/token?conferenceID={CONF}");
    let token =
        client.send("GET", &uri, &[("X-Password", HOST_PWD), ("X-Login-Type", "1")], b"").expect("token");
    assert_eq!((token.status, huawei_code(&token)), (400, "MMC.111070005".to_string()));
    assert_eq!(hw_member(&emulator.state(), CONF, BOB)["muted"], false);
    // Other conferences are unaffected.
    let other = control_token(&mut client, "914083138", "333333");
    ok(&hw_call(&mut client, "PUT", "914083138", "lock", "", &other, br#"{"isLock":1}"#));
}

#[test]
fn basic_token_form_is_accepted() {
    let (emulator, mut client, token) = start();
    let basic = format!("Basic {}", STANDARD.encode(&token));
    ok(&hw_call(&mut client, "PUT", CONF, "lock", "", &basic, br#"{"isLock":1}"#));
    assert_eq!(conference(&emulator.state(), CONF)["settings"]["isLock"], 1);
    let seed =
        format!("/v1/mmc/control/conferences/participants/mute?conferenceID={CONF}&participantID={BOB}");
    let response = client
        .send("PUT", &seed, &[("X-Conference-Authorization", &basic)], br#"{"isMute":1}"#)
        .expect("mute");
    ok(&response);
    assert_eq!(hw_member(&emulator.state(), CONF, BOB)["muted"], true);

    // A Basic value that does not decode to a live token: 401 MMC.111070004; an empty one: MMC.111070111.
    for (value, code) in [
        ("Basic !!!not-base64".to_string(), "MMC.111070004"),
        (format!("Basic {}", STANDARD.encode("stb-unknown")), "MMC.111070004"),
        ("Basic ".to_string(), "MMC.111070111"),
    ] {
        let response = hw_call(&mut client, "PUT", CONF, "lock", "", &value, br#"{"isLock":0}"#);
        assert_eq!((response.status, huawei_code(&response)), (401, code.to_string()), "{value}");
    }
    // Refreshing a token sent in the Basic form.
    let uri = format!("/v1/mmc/control/conferences/token?conferenceID={CONF}");
    let refreshed = client
        .send("GET", &uri, &[("X-Conference-Authorization", &basic), ("X-Login-Type", "1")], b"")
        .expect("token");
    assert_eq!(ok(&refreshed)["data"]["role"], 1);
}
