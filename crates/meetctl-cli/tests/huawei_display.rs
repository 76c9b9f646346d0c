//! `meetctl huawei` display and interpretation subcommands (display mode, saved layouts: the
//! `layouts` lookup and `delete-layout`, simultaneous interpretation, language channels), against
//! the emulator. The management site's status, a lookup with no token: tests/lookups.rs.

mod common;

use common::*;
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};

fn conference(emu: &Emulator) -> Value {
    huawei_conference(&emu.state(), CONFERENCE)
}

#[test]
fn huawei_display_and_interpretation_subcommands() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let url = emu.url();
    let host = |args: &[&str]| huawei_host(&url, args);
    host(&["switch-display-mode", "--mode", "VAS", "--multi-picture", "true"]);
    assert_eq!(conference(&emu)["display_mode"], json!({"switch_mode": "VAS", "image_type": 1}));
    host(&["start-interpretation"]);
    assert_eq!(conference(&emu)["interpretation"], true);
    host(&["stop-interpretation"]);
    assert_eq!(conference(&emu)["interpretation"], false);
    host(&[
        "set-language-channel",
        "--participant",
        BOB_HW,
        "--channel",
        "en",
        "--include-original-voice",
        "true",
    ]);
    let bob = huawei_participant(&emu.state(), CONFERENCE, BOB_HW);
    assert_eq!((bob["language_channel"].clone(), bob["original_voice"].clone()), (json!("en"), json!(true)));

    // Saved layouts: listed (the layouts lookup, meetctl's records) and deleted.
    emu.admin(
        "POST",
        &format!("/_emulator/huawei/conferences/{CONFERENCE}/layouts"),
        &json!({"uuid": "cli-layout-1", "layOutName": "cli", "imageType": "Two", "picNum": 2,
            "subscriberInPics": [{"index": 2, "id": ["+992"], "share": 1}]}),
    )
    .unwrap();
    let run = host(&["layouts", "--json"]);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let layout = &doc["result"][0];
    assert_eq!(
        (&layout["layout_id"], &layout["name"], &layout["image_type"], &layout["picture_count"]),
        (&json!("cli-layout-1"), &json!("cli"), &json!("Two"), &json!(2)),
        "{}",
        run.stdout
    );
    assert_eq!(
        layout["pictures"],
        json!([{"index": 2, "numbers": ["+992"], "auxiliary_stream": true}]),
        "{}",
        run.stdout
    );
    assert_eq!(doc["result"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["conference_id"], CONFERENCE);
    let text = host(&["layouts"]).stdout;
    assert!(text.contains("cli-layout-1"), "{text}");
    host(&["delete-layout", "--layout-id", "cli-layout-1"]);
    assert_eq!(conference(&emu)["layouts"], json!([]));
    assert_eq!(host(&["layouts", "--json"]).json()["result"], json!([]));

    // Bad input: a usage error naming the option, nothing sent.
    let before = emu.state()["request_count"].clone();
    for (args, named) in [
        (&["switch-display-mode", "--mode", "vas", "--multi-picture", "true"][..], "mode"),
        (&["set-language-channel", "--channel", "en"][..], "participant"),
        (&["delete-layout"][..], "layout-id"),
        (&["layouts", "--layout-id", "x"][..], "--layout-id"),
    ] {
        let run = Cli::new()
            .huawei(&url, HOST_PASSWORD)
            .args(&["huawei"])
            .args(args)
            .args(&["--conference", CONFERENCE, "--json"])
            .expect(2);
        assert!(run.stderr.contains(named), "{args:?}: {}", run.stderr);
    }
    assert_eq!(emu.state()["request_count"], before);
}

#[test]
fn huawei_nested_body_subcommands_take_json() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let url = emu.url();
    let host = |args: &[&str]| huawei_host(&url, args);
    host(&[
        "set-custom-multi-picture",
        "--manual",
        "true",
        "--pictures",
        r#"[{"index":1,"numbers":["+8613800000002"]}]"#,
    ]);
    assert_eq!(
        conference(&emu)["multi_picture"],
        json!({"manualSet": 1, "subscriberInPics": [{"index": 1, "subscriber": ["+8613800000002"]}]})
    );
    host(&["save-layout", "--layout", r#"{"layout_id":"cli-2","name":"two"}"#]);
    assert_eq!(conference(&emu)["layouts"], json!([{"uuid": "cli-2", "layOutName": "two"}]));
    host(&[
        "set-interpreter-groups",
        "--groups",
        r#"[{"group_id":"g1","first_language":"zh","second_language":"en"}]"#,
    ]);
    assert_eq!(conference(&emu)["interpreter_groups"][0]["groupID"], "g1");

    // A nested field out of range: a usage error naming its path, nothing sent.
    let before = emu.state()["request_count"].clone();
    let run = Cli::new()
        .huawei(&url, HOST_PASSWORD)
        .args(&["huawei", "set-custom-multi-picture", "--manual", "true", "--pictures", r#"[{"index":0}]"#])
        .args(&["--conference", CONFERENCE, "--json"])
        .expect(2);
    assert!(run.stderr.contains("pictures[0].index"), "{}", run.stderr);
    assert_eq!(emu.state()["request_count"], before);
}
