//! `meetctl huawei` screen and voice subcommands (broadcast, roll call, hands, what hardware
//! terminals watch, pause, the single waiting-room move, audience, local recording) and the
//! neutral `meetctl meeting broadcast | cancel-broadcast | lower-all-hands`, against the emulator.

mod common;

use common::*;
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};

fn conference(emu: &Emulator) -> Value {
    huawei_conference(&emu.state(), CONFERENCE)
}

fn person(emu: &Emulator, pid: &str) -> Value {
    huawei_participant(&emu.state(), CONFERENCE, pid)
}

fn request_count(emu: &Emulator) -> Value {
    emu.state()["request_count"].clone()
}

#[test]
fn huawei_screen_and_voice_subcommands() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let url = emu.url();
    let host = |args: &[&str]| huawei_host(&url, args);

    host(&["broadcast", "--participant", BOB_HW]);
    assert_eq!(
        (conference(&emu)["mode"].clone(), conference(&emu)["broadcast"].clone()),
        (json!("BROADCAST"), json!(BOB_HW))
    );
    host(&["cancel-broadcast"]);
    assert_eq!(conference(&emu)["mode"], "FREE");
    host(&["roll-call", "--participant", BOB_HW]);
    assert_eq!(
        (conference(&emu)["mode"].clone(), person(&emu, "p-dora")["muted"].clone()),
        (json!("ROLLCALL"), json!(true))
    );
    host(&["lower-hands", "--participant", "p-evan", "--participant", BOB_HW]);
    assert_eq!(person(&emu, "p-evan")["hand_raised"], false);

    host(&["host-view", "--participant", BOB_HW]);
    assert_eq!(conference(&emu)["host_view"], json!({"type": "participant", "participant_id": BOB_HW}));
    host(&["host-view-multi-picture"]);
    assert_eq!(conference(&emu)["host_view"], json!({"type": "multi_picture"}));
    host(&["start-host-polling", "--switch-seconds", "30"]);
    assert_eq!(conference(&emu)["host_view"], json!({"type": "polling", "switch_seconds": 30}));
    host(&["stop-host-polling"]);
    assert_eq!(conference(&emu)["host_view"], Value::Null);
    host(&["participant-view", "--participant", ALICE_HW, "--watched-id", "p-dora"]);
    assert_eq!(person(&emu, ALICE_HW)["watching"], "p-dora");
    host(&["lock-view", "--participant", ALICE_HW, "--source-id", BOB_HW]);
    assert_eq!(person(&emu, ALICE_HW)["locked_source"], BOB_HW);
    host(&["unlock-view", "--participant", ALICE_HW, "--source-id", BOB_HW]);
    assert_eq!(person(&emu, ALICE_HW)["locked_source"], Value::Null);

    host(&["pause"]);
    assert_eq!(conference(&emu)["paused"], true);
    host(&["resume"]);
    assert_eq!(conference(&emu)["paused"], false);
    host(&["allow-audience"]);
    assert_eq!(conference(&emu)["allow_audience"], true);
    host(&["allow-client-record", "--participant", BOB_HW, "--allow", "true"]);
    assert_eq!(person(&emu, BOB_HW)["client_record"], true);
    host(&["move-one-to-waiting-room", "--participant", BOB_HW]);
    assert_eq!(person(&emu, BOB_HW)["in_waiting_room"], true);

    // Bad arguments: a usage error (exit 2) naming the flag or the field, nothing sent.
    let before = request_count(&emu);
    for (args, named) in [
        (&["start-host-polling", "--switch-seconds", "5"][..], "--switch-seconds"),
        (&["participant-view", "--participant", ALICE_HW, "--watched-id", ""][..], "watched_id"),
        (&["broadcast", "--participant", BOB_HW, "--participant", "p-dora"][..], "participant"),
    ] {
        let run = Cli::new()
            .huawei(&url, HOST_PASSWORD)
            .args(&["huawei"])
            .args(args)
            .args(&["--conference", CONFERENCE, "--json"])
            .expect(2);
        assert!(run.stderr.contains(named), "{named}: {}", run.stderr);
    }
    assert_eq!(request_count(&emu), before);

    // Only a hardware terminal: Bob runs a soft client (the vendor's 400, exit code of an API error).
    let run = Cli::new()
        .huawei(&url, HOST_PASSWORD)
        .args(&[
            "huawei",
            "lock-view",
            "--conference",
            CONFERENCE,
            "--participant",
            "p-dora",
            "--source-id",
            ALICE_HW,
            "--json",
        ])
        .run();
    assert_ne!(run.code, 0);
    assert_eq!(run.error_json()["error"]["code"], "MMC.111070001", "{}", run.stderr);
}

#[test]
fn neutral_broadcast_and_lower_all_hands() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let url = emu.url();
    let huawei = |args: &[&str]| {
        Cli::new().huawei(&url, HOST_PASSWORD).args(&["meeting"]).args(args).args(&[
            "--vendor",
            "huawei",
            "--meeting",
            CONFERENCE,
        ])
    };
    huawei(&["broadcast", "--participant", &format!("huawei:{BOB_HW}")]).expect(0);
    assert_eq!(conference(&emu)["broadcast"], BOB_HW);
    huawei(&["cancel-broadcast"]).expect(0);
    assert_eq!(conference(&emu)["mode"], "FREE");
    huawei(&["lower-all-hands"]).expect(0);
    assert_eq!(person(&emu, "p-evan")["hand_raised"], false);

    let before = request_count(&emu);
    for args in
        [&["broadcast", "--participant", BOB][..], &["cancel-broadcast"][..], &["lower-all-hands"][..]]
    {
        let run = Cli::new()
            .tencent(&url)
            .args(&["meeting"])
            .args(args)
            .args(&["--vendor", "tencent", "--meeting", MEETING, "--operator", ALICE, "--json"])
            .expect(21);
        assert_eq!(run.error_json()["error"]["kind"], "unsupported");
    }
    assert_eq!(request_count(&emu), before, "nothing was sent");
}
