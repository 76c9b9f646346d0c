//! `meetctl watch meeting`: the real binary watching the emulator's meetings, one JSON line per
//! change, ending when the meeting ends.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};

const MEETING: &str = "1242152152161";

fn spawn(emu: &Emulator, vendor_env: &[(&str, &str)], args: &[&str]) -> (Child, mpsc::Receiver<Value>) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_meetctl"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir())
        .env("MEETCTL_BASE_URL", emu.url())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (name, value) in vendor_env {
        command.env(name, value);
    }
    let mut child = command.spawn().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            let _ = tx.send(serde_json::from_str(&line).unwrap_or(Value::String(line)));
        }
    });
    (child, rx)
}

fn next(rx: &mpsc::Receiver<Value>) -> Value {
    rx.recv_timeout(Duration::from_secs(15)).expect("a line within 15 s")
}

#[test]
fn a_tencent_meeting_is_watched_until_it_ends() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let env = [
        ("MEETCTL_TENCENT_APP_ID", "210000001"),
        ("MEETCTL_TENCENT_SECRET_ID", "AKIDdemo0001"),
        ("MEETCTL_TENCENT_SECRET_KEY", "demo-secret-key-0001"),
    ];
    let args = [
        "watch",
        "meeting",
        "--vendor",
        "tencent",
        "--code",
        "806 724 161",
        "--operator",
        "userid:alice",
        "--poll-interval",
        "0.1",
    ];
    let (mut child, rx) = spawn(&emu, &env, &args);
    for _ in 0..6 {
        let line = next(&rx);
        assert_eq!(
            (line["kind"].as_str(), line["origin"].as_str()),
            (Some("joined"), Some("initial")),
            "{line}"
        );
        assert_eq!(line["meeting_id"], MEETING);
    }
    emu.tencent_join(MEETING, Some("zoe"), "ms-zoe", 1, Some("Zoe")).unwrap();
    let joined = next(&rx);
    assert_eq!(
        (joined["kind"].as_str(), joined["participant"]["name"].as_str()),
        (Some("joined"), Some("Zoe"))
    );
    assert_eq!(joined["participant"]["id"], "tencent:1:ms-zoe");
    emu.tencent_leave(MEETING, "ms-zoe").unwrap();
    assert_eq!(next(&rx)["kind"], "left");
    emu.tencent_end(MEETING).unwrap();
    assert_eq!(next(&rx)["kind"], "ended");
    let status = child.wait().unwrap();
    assert!(status.success(), "exit 0 when the meeting ends");
}

#[test]
fn bad_flags_are_refused_before_anything_is_sent() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let before = emu.state()["request_count"].as_u64().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_meetctl"))
        .env_clear()
        .env("MEETCTL_BASE_URL", emu.url())
        .args(["watch", "meeting", "--vendor", "huawei", "--meeting", "914083136", "--poll-interval", "1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--poll-interval"));
    assert_eq!(emu.state()["request_count"].as_u64().unwrap(), before, "nothing sent");
}

/// `POST`/`PUT` an admin route of the emulator with a JSON body; the JSON answer.
fn admin(emu: &Emulator, method: &str, path: &str, body: Value) -> Value {
    emu.admin(method, path, &body).unwrap()
}

const CONF: &str = "914083136";
const HUAWEI: [(&str, &str); 1] = [("MEETCTL_HUAWEI_CONFERENCE_PASSWORD", "157599")];

/// The lines after the initial joins (and the conference's own notices).
fn next_change(rx: &mpsc::Receiver<Value>) -> Value {
    loop {
        let line = next(rx);
        if line["origin"] != "initial" && line["kind"] != "other" {
            return line;
        }
    }
}

#[test]
fn a_huawei_conference_is_watched_until_it_ends() {
    for args in [
        &["watch", "meeting", "--vendor", "huawei", "--meeting", CONF][..],
        &["events", "huawei", "--conference", CONF][..],
    ] {
        let emu = Emulator::start(demo_scenario()).unwrap();
        let (mut child, rx) = spawn(&emu, &HUAWEI, args);
        let first = next(&rx);
        assert_eq!(first["meeting_id"], CONF, "{first}");
        // Joined once the initial roster was printed: wait for the first initial join.
        let mut line = first;
        while line["origin"] != "initial" {
            line = next(&rx);
        }
        let base = format!("/_emulator/huawei/conferences/{CONF}");
        let pid = admin(&emu, "POST", &format!("{base}/join"), json!({"name": "Zoe"}))["pid"].clone();
        let joined = next_change(&rx);
        assert_eq!(
            (joined["kind"].as_str(), joined["origin"].as_str()),
            (Some("joined"), Some("pushed")),
            "{joined}"
        );
        assert_eq!(joined["participant"]["name"], "Zoe");
        admin(&emu, "POST", &format!("{base}/hand"), json!({"pid": pid, "raised": true}));
        let hand = next_change(&rx);
        assert_eq!(
            (hand["kind"].as_str(), hand["changed"].clone()),
            (Some("changed"), json!(["hand_raised"])),
            "{hand}"
        );
        admin(&emu, "POST", &format!("{base}/end"), json!({}));
        let mut last = next_change(&rx);
        while last["kind"] == "left" {
            last = next_change(&rx);
        }
        assert_eq!(last["kind"], "ended", "{last}");
        assert!(child.wait().unwrap().success(), "{args:?}: exit 0 when the conference ends");
    }
}

#[test]
fn huawei_event_push_is_received_and_verified() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let env = [
        ("MEETCTL_HUAWEI_WEBHOOK_SUBSCRIBER_ID", "sub-cli-1"),
        ("MEETCTL_HUAWEI_WEBHOOK_SUBSCRIBER_KEY", "sub-cli-key-do-not-print"),
    ];
    let mut command = Command::new(env!("CARGO_BIN_EXE_meetctl"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir())
        .args(["events", "huawei", "--listen", "127.0.0.1:0", "--count", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    let addr = first.trim().rsplit("http://").next().unwrap().to_owned();
    admin(
        &emu,
        "PUT",
        "/_emulator/huawei/webhook",
        json!({"url": format!("http://{addr}/huawei"), "subscriber_id": "sub-cli-1", "subscriber_key": "sub-cli-key-do-not-print"}),
    );
    admin(&emu, "POST", &format!("/_emulator/huawei/conferences/{CONF}/join"), json!({"name": "Zoe"}));
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let event: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(
        (event["kind"].as_str(), event["display_name"].as_str()),
        (Some("meeting.join"), Some("Zoe")),
        "{event}"
    );
    assert_eq!(event["meeting_id"], CONF);
    assert!(!stdout.contains("do-not-print"));
}
