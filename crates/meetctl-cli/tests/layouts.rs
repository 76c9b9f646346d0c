//! `meetctl tencent` and a meeting's layouts, against a real emulator: add-layouts and
//! add-advanced-layouts (nested JSON list arguments; the new layout ids printed), apply-layout to
//! the meeting or to users; bad nested fields refused as usage errors naming their path before
//! anything is sent; an add not repeated on a gateway timeout; kick-out by open_id.

mod common;

use common::*;
use meetctl_emulator::{Emulator, Fault, demo_scenario};
use serde_json::{Value, json};

const BY_USERID: &str = "userid:alice@ios";
const CAROL: &str = "ms_open_id:msopenid-carol@pc";
const BASIC: &str = r#"[{"page_list":[{"layout_template_id":"2","user_seat_list":[{"grid_id":"1","grid_type":1,"userid":"bob"}]}]}]"#;
const ADVANCED: &str = r#"[{"layout_name":"rotation","page_list":[{"layout_template_id":"3","enable_polling":true,"polling_setting":{"polling_interval_unit":2,"polling_interval":1,"ignore_user_novideo":true,"ignore_user_absence":false},"user_seat_list":[{"grid_id":"1","grid_type":1,"video_type":3,"user_list":[{"ms_open_id":"agaqwwgdkkddd"}]}]}]}]"#;

fn emulator() -> Emulator {
    Emulator::start(demo_scenario()).expect("emulator starts")
}

fn tencent(emu: &Emulator, args: &[&str]) -> Cli {
    Cli::new().tencent(&emu.url()).args(&["tencent"]).args(args)
}

fn layouts(emu: &Emulator) -> Value {
    tencent_meeting(&emu.state(), MEETING)["layouts"].clone()
}

fn requests(emu: &Emulator) -> usize {
    emu.state()["requests"].as_array().map_or(0, Vec::len)
}

#[test]
fn layouts_are_added_and_applied() {
    let emu = emulator();
    let run = tencent(
        &emu,
        &["add-layouts", "--meeting", MEETING, "--operator", BY_USERID, "--layout-list", BASIC, "--json"],
    )
    .expect(0);
    let first = run.json()["result"]["layout_list"][0]["layout_id"].as_str().unwrap().to_owned();
    assert_eq!(layouts(&emu)["selected_layout_id"], json!(first));
    assert_eq!(layouts(&emu)["layout_list"][0]["page_list"][0]["user_seat_list"][0]["userid"], "bob");
    // Without --json the answer (with the new id) is printed too.
    let run = tencent(
        &emu,
        &["add_advanced_layouts", "--meeting", MEETING, "--operator", CAROL, "--layout-list", ADVANCED],
    )
    .expect(0);
    let rotation = layouts(&emu)["layout_list"][1]["layout_id"].as_str().unwrap().to_owned();
    assert!(run.stdout.contains(&rotation), "{}", run.stdout);
    assert_eq!(
        layouts(&emu)["layout_list"][1]["page_list"][0]["polling_setting"]["polling_interval_unit"],
        2
    );
    let users = r#"[{"ms_open_id":"agaqwwgdkkddd","instanceid":2}]"#;
    tencent(
        &emu,
        &[
            "apply-layout",
            "--meeting",
            MEETING,
            "--operator",
            CAROL,
            "--layout-id",
            &rotation,
            "--user-list",
            users,
        ],
    )
    .expect(0);
    assert_eq!(layouts(&emu)["user_layouts"], json!({"agaqwwgdkkddd": rotation}));
    tencent(&emu, &["apply-layout", "--meeting", MEETING, "--operator", BY_USERID, "--layout-id", &rotation])
        .expect(0);
    assert_eq!(layouts(&emu)["selected_layout_id"], json!(rotation));
    // An unknown layout id: the vendor's 20012.
    let run = tencent(
        &emu,
        &[
            "apply-layout",
            "--meeting",
            MEETING,
            "--operator",
            BY_USERID,
            "--layout-id",
            "layout-nope",
            "--json",
        ],
    )
    .run();
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("20012"), "{}", run.stderr);
    // Kick-out by open_id.
    tencent(
        &emu,
        &["kick-out", "--meeting", MEETING, "--operator", CAROL, "--user", "open_id:openid-dave@android"],
    )
    .expect(0);
    assert_eq!(tencent_participant(&emu.state(), MEETING, "userid", "dave")["removed"], true);
}

#[test]
fn bad_nested_arguments_are_usage_errors_and_nothing_is_sent() {
    let emu = emulator();
    let before = requests(&emu);
    let on = ["--meeting", MEETING, "--operator", BY_USERID];
    for (args, field) in [
        (
            vec![
                "add-layouts",
                "--layout-list",
                r#"[{"page_list":[{"layout_template_id":"2","user_seat_list":[{"grid_id":"1","grid_type":5}]}]}]"#,
            ],
            "layout_list[0].page_list[0].user_seat_list[0].grid_type",
        ),
        (
            vec![
                "add-advanced-layouts",
                "--layout-list",
                r#"[{"page_list":[{"layout_template_id":"3","user_seat_list":[{"grid_id":"1","grid_type":1}],"polling_setting":{"polling_interval_unit":1}}]}]"#,
            ],
            "layout_list[0].page_list[0].polling_setting.polling_interval",
        ),
        (
            vec!["apply-layout", "--layout-id", "l", "--user-list", r#"[{"ms_open_id":"m","instanceid":5}]"#],
            "user_list[0].instanceid",
        ),
    ] {
        let all: Vec<&str> = args[..1].iter().chain(on.iter()).chain(args[1..].iter()).copied().collect();
        let run = tencent(&emu, &[&all[..], &["--json"]].concat()).expect(2);
        assert_eq!(run.error_json()["error"]["field"], field, "{args:?}: {}", run.stderr);
    }
    // Not a JSON list at all: refused by the option's parser.
    let run = tencent(&emu, &[&["add-layouts"][..], &on, &["--layout-list", "{}"]].concat()).expect(2);
    assert!(run.stderr.contains("layout-list"), "{}", run.stderr);
    assert_eq!(requests(&emu), before);
}

#[test]
fn an_add_is_not_repeated_on_a_gateway_timeout() {
    let emu = emulator();
    let path = format!("/v1/meetings/{MEETING}/layouts");
    emu.inject(Fault::status(504).on_path(&path).times(1));
    let run = tencent(
        &emu,
        &["add-layouts", "--meeting", MEETING, "--operator", BY_USERID, "--layout-list", BASIC],
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
    assert_eq!(layouts(&emu)["layout_list"], json!([]));
}
