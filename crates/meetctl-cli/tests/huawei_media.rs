//! `meetctl huawei` recording and live-streaming subcommands (MMR recording, MMR live streaming,
//! the live broadcast), against the emulator.

mod common;

use common::*;
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};

fn media(emu: &Emulator) -> (Value, Value, Value) {
    let c = huawei_conference(&emu.state(), CONFERENCE);
    (c["mmr_recording"].clone(), c["mmr_live"].clone(), c["live"].clone())
}

#[test]
fn huawei_recording_and_live_subcommands() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let url = emu.url();
    let host = |args: &[&str]| huawei_host(&url, args);
    host(&["start-mmr-recording"]);
    assert_eq!(media(&emu), (json!("recording"), json!(false), json!(false)));
    host(&["pause-mmr-recording"]);
    assert_eq!(media(&emu).0, "paused");
    host(&["stop-mmr-recording"]);
    assert_eq!(media(&emu).0, "stopped");
    host(&["start-mmr-live"]);
    host(&["start-live"]);
    assert_eq!(media(&emu), (json!("stopped"), json!(true), json!(true)));
    host(&["stop-mmr-live"]);
    host(&["stop-live"]);
    assert_eq!(media(&emu), (json!("stopped"), json!(false), json!(false)));

    // They take no participant: a usage error (exit 2), nothing sent.
    let before = emu.state()["request_count"].clone();
    let run = Cli::new()
        .huawei(&url, HOST_PASSWORD)
        .args(&["huawei", "start-live", "--participant", BOB_HW, "--conference", CONFERENCE, "--json"])
        .expect(2);
    assert!(run.stderr.contains("participant"), "{}", run.stderr);
    assert_eq!(emu.state()["request_count"], before);
}

#[test]
fn huawei_attendee_list_and_share_invitation_subcommands() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let url = emu.url();
    let host = |args: &[&str]| huawei_host(&url, args);
    let bob = || huawei_participant(&emu.state(), CONFERENCE, BOB_HW);
    host(&["invite-to-share", "--participant", BOB_HW]);
    assert_eq!(bob()["share_invited"], true);
    host(&["cancel-share-invitation", "--participant", BOB_HW]);
    assert_eq!(bob()["share_invited"], false);
    let attendees = format!(r#"[{{"number":"+8613800000002","participant_id":"{BOB_HW}"}}]"#);
    host(&["remove-attendees", "--attendees", &attendees]);
    assert_eq!(bob()["removed"], true);
    assert_eq!(huawei_conference(&emu.state(), CONFERENCE)["removed_attendees"], json!(["+8613800000002"]));

    // A field the item does not have: a usage error naming it, nothing sent.
    let before = emu.state()["request_count"].clone();
    let run = Cli::new()
        .huawei(&url, HOST_PASSWORD)
        .args(&["huawei", "remove-attendees", "--attendees", r#"[{"phone":"1"}]"#])
        .args(&["--conference", CONFERENCE, "--json"])
        .expect(2);
    assert!(run.stderr.contains("attendees[0]"), "{}", run.stderr);
    assert_eq!(emu.state()["request_count"], before);
}

#[test]
fn huawei_invite_with_password_takes_the_profile_password_and_masks_it() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let url = emu.url();
    let room = "sip:room-5f@example.com";
    Cli::new()
        .huawei(&url, HOST_PASSWORD)
        .args(&["huawei", "invite-with-password", "--conference", CONFERENCE, "--number", room])
        .expect(0);
    let joined = huawei_conference(&emu.state(), CONFERENCE)["participants"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["number"] == room && p["terminal"] == true);
    assert!(joined);

    // The dry run shows the body with the password masked.
    let run = Cli::new()
        .huawei(&url, HOST_PASSWORD)
        .args(&["huawei", "invite-with-password", "--conference", CONFERENCE, "--number", room, "--dry-run"])
        .expect(0);
    assert!(run.stdout.contains("inviteWithPwd") && run.stdout.contains(r#""pwd":"***""#), "{}", run.stdout);
    assert!(!run.stdout.contains(HOST_PASSWORD) && !run.stderr.contains(HOST_PASSWORD), "{}", run.stdout);
    assert!(!run.stdout.contains("X-Conference-Authorization"), "{}", run.stdout);
}
