//! The `meetctl` binary against a real emulator: vendor subcommands, the neutral layer, generic
//! requests, `--json`, `--dry-run` (the printed curl command run for real) and the exit codes.

mod common;

use common::*;
use meetctl_emulator::{Emulator, Fault, demo_scenario};
use serde_json::{Value, json};

fn emulator() -> Emulator {
    Emulator::start(demo_scenario()).expect("emulator starts")
}

fn tencent_ok(emu: &Emulator, args: &[&str]) -> Run {
    Cli::new().tencent(&emu.url()).args(&["tencent"]).args(args).expect(0)
}

fn bob_field(emu: &Emulator, field: &str) -> Value {
    tencent_participant(&emu.state(), MEETING, "userid", "bob")[field].clone()
}

#[test]
fn tencent_subcommands_change_the_meeting() {
    let emu = emulator();
    let on_bob = ["--meeting", MEETING, "--operator", ALICE, "--user", BOB];

    let run = tencent_ok(&emu, &[&["set-cohost"][..], &on_bob].concat());
    assert_eq!(run.stdout.trim(), format!("ok: tencent set-cohost (meeting {MEETING})"));
    assert_eq!(bob_field(&emu, "role"), "cohost");
    // The core's snake_case names work as aliases.
    tencent_ok(&emu, &[&["revoke_cohost"][..], &on_bob].concat());
    assert_eq!(bob_field(&emu, "role"), "attendee");
    tencent_ok(&emu, &[&["close-video"][..], &on_bob].concat());
    assert_eq!(bob_field(&emu, "video"), false);
    tencent_ok(&emu, &[&["mute"][..], &on_bob].concat());
    assert_eq!(bob_field(&emu, "muted"), true);
    tencent_ok(&emu, &[&["rename"][..], &on_bob, &["--nick-name", "Bob 会议室"]].concat());
    assert_eq!(bob_field(&emu, "name"), "Bob 会议室");

    // Several targets, a boolean argument given a value.
    tencent_ok(
        &emu,
        &[
            "kick-out",
            "--meeting",
            MEETING,
            "--operator",
            ALICE,
            "--user",
            BOB,
            "--user",
            "ms_open_id:msopenid-erin@pc",
            "--allow-rejoin",
            "false",
            "--reason",
            "demo",
        ],
    );
    let state = emu.state();
    for who in ["bob", "erin"] {
        let p = tencent_participant(&state, MEETING, "userid", who);
        assert_eq!((&p["removed"], &p["allow_rejoin"]), (&json!(true), &json!(false)), "{who}");
    }

    // Settings: a bare boolean option means true; only the options given are sent.
    tencent_ok(
        &emu,
        &[
            "set-meeting-status",
            "--meeting",
            MEETING,
            "--operator",
            "userid:alice@ios",
            "--meeting-locked",
            "--allow-chat",
            "2",
        ],
    );
    let settings = tencent_meeting(&emu.state(), MEETING)["settings"].clone();
    assert_eq!((&settings["meeting_locked"], &settings["allow_chat"]), (&json!(true), &json!(2)));
    assert_eq!(settings["mute_all"], false);

    tencent_ok(
        &emu,
        &[
            "admit-from-waiting-room",
            "--meeting",
            MEETING,
            "--operator",
            ALICE,
            "--user",
            "ms_open_id:msopenid-frank@pc",
        ],
    );
    assert_eq!(tencent_participant(&emu.state(), MEETING, "userid", "frank")["in_waiting_room"], false);

    let run = tencent_ok(
        &emu,
        &["end-meeting", "--meeting", MEETING, "--operator", ALICE, "--reason-detail", "done", "--json"],
    );
    assert_eq!(run.json()["operation"], "end_meeting");
    let meeting = tencent_meeting(&emu.state(), MEETING);
    assert_eq!((&meeting["ended"], &meeting["dismissal"]["reason_detail"]), (&json!(true), &json!("done")));
}

#[test]
fn tencent_participants_as_a_table_and_as_json() {
    let emu = emulator();
    let args = ["participants", "--meeting", MEETING, "--operator", "userid:alice"];
    let run = tencent_ok(&emu, &args);
    assert!(run.stdout.contains(BOB) && run.stdout.contains("6 in the meeting"), "{}", run.stdout);
    assert!(run.stdout.lines().next().unwrap().starts_with("NAME"), "{}", run.stdout);

    // Every page, as the vendor's entries.
    let doc = tencent_ok(&emu, &[&args[..], &["--json"]].concat()).json();
    assert_eq!(
        (&doc["ok"], &doc["vendor"], &doc["operation"]),
        (&json!(true), &json!("tencent"), &json!("participants"))
    );
    let entries = doc["result"]["participants"].as_array().unwrap();
    assert_eq!(entries.len(), 6);
    assert!(entries.iter().any(|p| p["userid"] == "carol" && p["user_role"] == 6));

    // One page when a page option is given: the vendor's answer as it came.
    let page = tencent_ok(&emu, &[&args[..], &["--page-size", "4", "--page", "2", "--json"]].concat()).json();
    assert_eq!((&page["result"]["total_page"], &page["result"]["current_size"]), (&json!(2), &json!(2)));

    let lookup =
        tencent_ok(&emu, &["ms-open-id", "--meeting", MEETING, "--user", "userid:bob", "--json"]).json();
    assert_eq!(lookup["result"]["ms_open_id"], "agaqwwgdkkddd");
}

#[test]
fn huawei_subcommands_change_the_conference() {
    let emu = emulator();
    let url = emu.url();
    let guest =
        || Cli::new().huawei(&url, GUEST_PASSWORD).env("MEETCTL_HUAWEI_CHAIRMAN_PASSWORD", HOST_PASSWORD);
    let host = || Cli::new().huawei(&url, HOST_PASSWORD);
    let conference = |state: &Value| huawei_conference(state, CONFERENCE);

    guest().args(&["huawei", "apply-host", "--conference", CONFERENCE, "--participant", BOB_HW]).expect(0);
    assert_eq!(conference(&emu.state())["host"], BOB_HW);
    guest()
        .args(&["huawei", "relinquish-host", "--conference", CONFERENCE, "--participant", BOB_HW])
        .expect(0);
    assert_eq!(conference(&emu.state())["host"], Value::Null);

    host().args(&["huawei", "mute", "--conference", CONFERENCE, "--participant", BOB_HW]).expect(0);
    assert_eq!(huawei_participant(&emu.state(), CONFERENCE, BOB_HW)["muted"], true);
    host().args(&["huawei", "lock", "--conference", CONFERENCE]).expect(0);
    host().args(&["huawei", "extend", "--conference", CONFERENCE, "--minutes", "30"]).expect(0);
    host()
        .args(&[
            "huawei",
            "update-settings",
            "--conference",
            CONFERENCE,
            "--chat-permission",
            "2",
            "--allow-rename",
            "false",
        ])
        .expect(0);
    let state = conference(&emu.state());
    assert_eq!((&state["settings"]["isLock"], &state["extended_minutes"]), (&json!(1), &json!(30)));
    assert_eq!(
        (&state["settings"]["chatPermission"], &state["settings"]["allowRename"]),
        (&json!(2), &json!(0))
    );
    host()
        .args(&[
            "huawei",
            "hang-up",
            "--conference",
            CONFERENCE,
            "--participant",
            "p-dora",
            "--participant",
            "p-evan",
        ])
        .expect(0);
    host().args(&["huawei", "admit-from-waiting-room", "--conference", CONFERENCE, "--admit-all"]).expect(0);
    // A list argument is JSON; a bad item is a usage error naming it, before anything is sent.
    let requests_before = emu.state()["requests"].as_array().map_or(0, Vec::len);
    let run = host()
        .args(&[
            "huawei",
            "invite",
            "--conference",
            CONFERENCE,
            "--attendees",
            r#"[{"name":"Hana"}]"#,
            "--json",
        ])
        .expect(2);
    assert_eq!(run.error_json()["error"]["field"], "attendees[0].number", "{}", run.stderr);
    host().args(&["huawei", "invite", "--conference", CONFERENCE, "--attendees", "{}"]).expect(2);
    assert_eq!(emu.state()["requests"].as_array().map_or(0, Vec::len), requests_before);
    host()
        .args(&[
            "huawei",
            "invite",
            "--conference",
            CONFERENCE,
            "--attendees",
            r#"[{"name":"Hana","number":"+8613800000009","terminal_type":"mobile"}]"#,
        ])
        .expect(0);
    let hana = conference(&emu.state())["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["number"] == "+8613800000009")
        .cloned()
        .unwrap();
    assert_eq!((&hana["name"], &hana["removed"]), (&json!("Hana"), &json!(false)));
    let state = emu.state();
    assert_eq!(huawei_participant(&state, CONFERENCE, "p-dora")["removed"], true);
    assert_eq!(huawei_participant(&state, CONFERENCE, "p-gus")["in_waiting_room"], false);

    let info = host().args(&["huawei", "info", "--conference", CONFERENCE]).expect(0);
    assert!(info.stdout.contains("Carol") && info.stdout.contains("online, host: none"), "{}", info.stdout);
    let info = host().args(&["huawei", "info", "--conference", CONFERENCE, "--json"]).expect(0).json();
    let pids: Vec<&str> =
        info["result"]["participants"].as_array().unwrap().iter().filter_map(|p| p["pid"].as_str()).collect();
    assert!(pids.contains(&"p-gus") && !pids.contains(&"p-dora"), "{pids:?}");

    host().args(&["huawei", "end", "--conference", CONFERENCE]).expect(0);
    assert_eq!(conference(&emu.state())["ended"], true);
    // After the end: not found.
    let run = host()
        .args(&["huawei", "mute", "--conference", CONFERENCE, "--participant", BOB_HW, "--json"])
        .expect(14);
    assert_eq!(run.error_json()["error"]["code"], "MMC.111070005");
}

#[test]
fn the_neutral_layer_on_both_vendors() {
    let emu = emulator();
    let url = emu.url();
    let tencent = |args: &[&str]| {
        Cli::new().tencent(&url).args(&["meeting"]).args(args).args(&[
            "--vendor",
            "tencent",
            "--meeting",
            MEETING,
            "--operator",
            "userid:alice@ios",
        ])
    };
    let huawei = |args: &[&str]| {
        Cli::new().huawei(&url, HOST_PASSWORD).args(&["meeting"]).args(args).args(&[
            "--vendor",
            "huawei",
            "--meeting",
            CONFERENCE,
        ])
    };

    let doc = tencent(&["participants", "--json"]).expect(0).json();
    let people = doc["result"]["participants"].as_array().unwrap().clone();
    let carol = people.iter().find(|p| p["raw"]["userid"] == "carol").unwrap();
    assert_eq!((&carol["role"], &carol["controllable"]), (&json!("cohost"), &json!(true)));
    let carol_id = carol["id"].as_str().unwrap();
    tencent(&["mute", "--participant", carol_id]).expect(0);
    assert_eq!(tencent_participant(&emu.state(), MEETING, "userid", "carol")["muted"], true);
    tencent(&["rename", "--participant", "ms_open_id:msopenid-carol@pc", "--name", "Carol C"]).expect(0);
    assert_eq!(tencent_participant(&emu.state(), MEETING, "userid", "carol")["name"], "Carol C");
    // What Tencent cannot do: exit 21, nothing sent.
    let before = emu.state()["request_count"].clone();
    let run = tencent(&["make-host", "--participant", carol_id, "--json"]).expect(21);
    assert_eq!(run.error_json()["error"]["kind"], "unsupported");
    assert_eq!(emu.state()["request_count"], before);

    let table = huawei(&["participants"]).expect(0);
    assert!(table.stdout.contains(&format!("huawei:{BOB_HW}")), "{}", table.stdout);
    huawei(&["make-host", "--participant", BOB_HW]).expect(0);
    assert_eq!(huawei_conference(&emu.state(), CONFERENCE)["host"], BOB_HW);
    huawei(&["mute-all", "--allow-unmute-by-self", "false"]).expect(0);
    let state = huawei_conference(&emu.state(), CONFERENCE);
    assert_eq!(
        (&state["settings"]["isMute"], &state["settings"]["allowUnmuteByOneself"]),
        (&json!(1), &json!(0))
    );
    huawei(&["end"]).expect(0);
    tencent(&["end"]).expect(0);
    let state = emu.state();
    assert_eq!(huawei_conference(&state, CONFERENCE)["ended"], true);
    assert_eq!(tencent_meeting(&state, MEETING)["ended"], true);
}

#[test]
fn generic_requests_are_signed_and_authorised() {
    let emu = emulator();
    let url = emu.url();
    let doc = Cli::new()
        .tencent(&url)
        .args(&[
            "request",
            "tencent",
            "GET",
            &format!("/v1/meetings/{MEETING}"),
            "-q",
            "userid=alice",
            "-q",
            "instanceid=1",
            "--json",
        ])
        .expect(0)
        .json();
    assert_eq!(doc["result"]["meeting_info_list"][0]["participant_count"], 6);

    let body = r#"{"operator_id":"afagsagwags","operator_id_type":4,"instanceid":4,"mute":true,
                   "user":{"to_operator_id":"agaqwwgdkkddd","to_operator_id_type":4,"instanceid":2}}"#;
    Cli::new()
        .tencent(&url)
        .args(&[
            "request",
            "tencent",
            "put",
            &format!("/v1/real-control/meetings/{MEETING}/mutes"),
            "--body-file",
            "-",
        ])
        .stdin(body)
        .expect(0);
    assert_eq!(bob_field(&emu, "muted"), true);

    let run = Cli::new()
        .huawei(&url, HOST_PASSWORD)
        .args(&[
            "request",
            "huawei",
            "--conference",
            CONFERENCE,
            "PUT",
            "/v1/mmc/control/conferences/lock",
            "-d",
            r#"{"isLock":1}"#,
        ])
        .expect(0);
    assert!(run.stdout.starts_with("ok: PUT"), "{}", run.stdout);
    assert_eq!(huawei_conference(&emu.state(), CONFERENCE)["settings"]["isLock"], 1);

    let run = Cli::new()
        .tencent(&url)
        .args(&["request", "tencent", "PUT", "/v1/x", "--body", "{not json"])
        .expect(2);
    assert!(run.stderr.contains("--body is not valid JSON"), "{}", run.stderr);
    let run = Cli::new().tencent(&url).args(&["request", "tencent", "FETCH", "/v1/x"]).expect(2);
    assert!(run.stderr.contains("GET, POST, PUT, DELETE, PATCH"), "{}", run.stderr);
}

#[test]
fn dry_run_prints_a_curl_command_that_works() {
    let emu = emulator();
    let url = emu.url();
    let mute = ["tencent", "mute", "--meeting", MEETING, "--operator", ALICE, "--user", BOB, "--dry-run"];

    let masked = Cli::new().tencent(&url).args(&mute).expect(0);
    assert!(
        masked.stdout.starts_with(&format!("curl -X PUT '{url}/v1/real-control/meetings/{MEETING}/mutes'")),
        "{}",
        masked.stdout
    );
    assert!(masked.stdout.contains("-H 'X-TC-Signature: ***'"), "{}", masked.stdout);
    assert!(masked.stdout.contains("-H 'X-TC-Key: AKIDdemo0001'"), "{}", masked.stdout);
    assert!(masked.stdout.contains(r#"--data-binary '{"operator_id":"afagsagwags","#), "{}", masked.stdout);
    assert!(masked.stderr.contains("nothing was sent"), "{}", masked.stderr);
    assert_eq!(emu.state()["request_count"], 0, "a dry run sends nothing");

    let doc = Cli::new().tencent(&url).args(&mute).args(&["--json"]).expect(0).json();
    assert_eq!((&doc["dry_run"], &doc["method"]), (&json!(true), &json!("PUT")));
    let signature =
        doc["headers"].as_array().unwrap().iter().find(|h| h["name"] == "X-TC-Signature").unwrap();
    assert_eq!(signature["value"], "***");

    let shown = Cli::new().tencent(&url).args(&mute).args(&["--show-secrets"]).revealing().expect(0);
    let line = shown.stdout.lines().find(|l| l.contains("X-TC-Signature")).unwrap();
    let value = line.split(": ").nth(1).unwrap().trim_end_matches(['\'', ' ', '\\']);
    assert_eq!(value.len(), 88, "a full signature: {line}");
    assert!(!shown.stdout.contains(SECRET_KEY), "the secret key signs and is never sent");

    // Huawei: the chairman password in the body and the control token are masked.
    let apply = ["huawei", "apply-host", "--conference", CONFERENCE, "--participant", BOB_HW, "--dry-run"];
    let huawei =
        || Cli::new().huawei(&url, GUEST_PASSWORD).env("MEETCTL_HUAWEI_CHAIRMAN_PASSWORD", HOST_PASSWORD);
    let masked = huawei().args(&apply).expect(0);
    assert!(
        masked.stdout.contains(r#"--data-binary '{"applyChair":1,"chairmanPwd":"***"}'"#),
        "{}",
        masked.stdout
    );
    assert!(masked.stdout.contains("-H 'X-Conference-Authorization: ***'"), "{}", masked.stdout);
    assert!(masked.stderr.contains("tokens were fetched"), "{}", masked.stderr);
    assert_eq!(
        huawei_conference(&emu.state(), CONFERENCE)["host"],
        ALICE_HW,
        "the control call was not sent"
    );
    let shown_hw = huawei().args(&apply).args(&["--show-secrets"]).revealing().expect(0);
    assert!(shown_hw.stdout.contains(&format!(r#""chairmanPwd":"{HOST_PASSWORD}""#)), "{}", shown_hw.stdout);

    if !have_curl() {
        println!("note: curl is not installed; the printed commands were not run");
        return;
    }
    let (ok, answer) = run_curl(&shown.stdout);
    assert!(ok, "the emulator refused the printed Tencent request: {answer}");
    assert_eq!(answer.trim(), "{}");
    assert_eq!(bob_field(&emu, "muted"), true, "the signature was accepted and the call took effect");
    let (ok, answer) = run_curl(&shown_hw.stdout);
    assert!(ok, "the emulator refused the printed Huawei request: {answer}");
    assert_eq!(huawei_conference(&emu.state(), CONFERENCE)["host"], BOB_HW);
    // The masked command is refused: *** is no signature.
    let (ok, answer) = run_curl(&masked.stdout);
    assert!(!ok, "{answer}");
}

#[test]
fn exit_codes_follow_the_error_kind() {
    let emu = emulator();
    let url = emu.url();
    let mute = |operator: &str, user: &str| {
        Cli::new().tencent(&url).args(&[
            "tencent",
            "mute",
            "--meeting",
            MEETING,
            "--operator",
            operator,
            "--user",
            user,
        ])
    };

    // Usage (2): clap's own checks, the CLI's user syntax, and the core's validation.
    let run =
        Cli::new().tencent(&url).args(&["tencent", "mute", "--operator", ALICE, "--user", BOB]).expect(2);
    assert!(run.stderr.contains("--meeting <MEETING_ID>"), "{}", run.stderr);
    let run = mute("afagsagwags@ios", BOB).expect(2);
    assert!(run.stderr.contains("--operator") && run.stderr.contains("KIND:ID@DEVICE"), "{}", run.stderr);
    let run = mute(ALICE, "userid:bob@mac").expect(2);
    assert!(run.stderr.contains("`user.id` (--user)") && run.stderr.contains("ms_open_id"), "{}", run.stderr);
    let run = Cli::new()
        .tencent(&url)
        .args(&[
            "tencent",
            "rename",
            "--meeting",
            MEETING,
            "--operator",
            ALICE,
            "--user",
            BOB,
            "--nick-name",
            &"x".repeat(21),
            "--json",
        ])
        .expect(2);
    let error = run.error_json()["error"].clone();
    assert_eq!(
        (&error["kind"], &error["flag"], &error["exit_code"]),
        (&json!("invalid_argument"), &json!("--nick-name"), &json!(2))
    );
    let run = Cli::new()
        .tencent(&url)
        .args(&["tencent", "set-meeting-status", "--meeting", MEETING, "--operator", ALICE])
        .expect(2);
    assert!(run.stderr.contains("--mute-all") && run.stderr.contains("--meeting-locked"), "{}", run.stderr);
    assert_eq!(emu.state()["request_count"], 0, "nothing was sent for bad input");

    // The server's answers.
    let run = mute(BOB, ALICE).expect(13);
    assert!(run.stderr.contains("code 9042"), "{}", run.stderr);
    Cli::new()
        .tencent(&url)
        .args(&["tencent", "mute", "--meeting", "999", "--operator", ALICE, "--user", BOB])
        .expect(14);
    mute(ALICE, BOB).env("MEETCTL_TENCENT_SECRET_KEY", "not-the-key").expect(12);
    emu.inject(Fault::rate_limit(3600));
    mute(ALICE, BOB).expect(15);
    emu.inject(Fault::status(500));
    let run = mute(ALICE, BOB).args(&["--json"]).expect(16);
    assert_eq!(run.error_json()["error"]["status"], 500);

    // Nobody listening.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let run = mute(ALICE, BOB).args(&["--base-url", &format!("http://127.0.0.1:{port}")]).expect(18);
    assert!(run.stderr.contains("connection"), "{}", run.stderr);

    // What the vendor cannot do.
    Cli::new()
        .tencent(&url)
        .args(&[
            "meeting",
            "make-host",
            "--vendor",
            "tencent",
            "--meeting",
            MEETING,
            "--operator",
            ALICE,
            "--participant",
            BOB,
        ])
        .expect(21);
}
