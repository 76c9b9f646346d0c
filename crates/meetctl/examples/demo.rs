//! The main job, end to end: start the emulator, then on Tencent Meeting set and revoke a co-host,
//! close a video, list the participants, mute one and end the meeting; on Huawei Cloud Meeting
//! apply for and relinquish the host role, list the participants, mute one and end the
//! conference; printing each result and the state the emulator then holds.
//!
//! ```sh
//! cargo run -p meetctl --example demo
//! ```

use std::process::ExitCode;

use meetctl::huawei::{AccountAuth, ConferenceAuth, HuaweiClient, Region};
use meetctl::tencent::{Instance, TencentClient, TencentCredentials, TencentUser};
use meetctl::{ClientConfig, ProxySetting, Secret};
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::Value;

const MEETING: &str = "1242152152161";
const CONFERENCE: &str = "914083136";
const ALICE_HW: &str = "d2c3ae64216e11eabc510dc9b62e3a80";
const BOB_HW: &str = "a1b2c3d4e5f611eabc510dc9b62e3a81";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("demo failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::start(demo_scenario())?;
    println!("emulator listening on {}", emulator.url());
    let config = ClientConfig::new().base_url(emulator.url()).proxy(ProxySetting::Disabled);

    // Tencent Meeting: an enterprise self-built app; Alice (host, iPhone) acts on Bob (Mac).
    let tencent = TencentClient::new(
        TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None),
        config.clone(),
    )?;
    let alice = TencentUser::ms_open_id("afagsagwags", Instance::Ios);
    let bob = TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Mac);

    tencent.set_cohost(MEETING, &alice, &bob)?;
    println!(
        "tencent  set_cohost     ok   bob's role: {}",
        tencent_field(&emulator, "agaqwwgdkkddd", "role")
    );
    tencent.revoke_cohost(MEETING, &alice, &bob)?;
    println!(
        "tencent  revoke_cohost  ok   bob's role: {}",
        tencent_field(&emulator, "agaqwwgdkkddd", "role")
    );
    tencent.close_video(MEETING, &alice, &bob)?;
    println!(
        "tencent  close_video    ok   bob's video on: {}",
        tencent_field(&emulator, "agaqwwgdkkddd", "video")
    );

    // Huawei Cloud Meeting: App ID auth, a conference handle that gets its own control token.
    let huawei = HuaweiClient::new(
        Region::CnNorth4,
        AccountAuth::app_id("demoappid0001", "demo-app-key-0001", Some("bob".into()), None),
        config,
    )?;
    let conference = huawei.conference(CONFERENCE, ConferenceAuth::Password(Secret::new("246810")))?;
    conference.apply_host(BOB_HW, "157599")?;
    println!("huawei   apply_host     ok   host: {}", huawei_host(&emulator));
    conference.relinquish_host(BOB_HW)?;
    println!("huawei   relinquish     ok   host: {}", huawei_host(&emulator));

    // And what a refusal looks like: Bob is an attendee, so he may not close Alice's video.
    match tencent.close_video(MEETING, &bob, &alice) {
        Err(e) => println!("tencent  close_video as an attendee is refused: {e}"),
        Ok(()) => return Err("an attendee closed the host's video".into()),
    }

    // Who is in the meeting? Then mute someone picked from the list, and end the meeting.
    let people = tencent.participants(MEETING, &TencentUser::userid("alice", Instance::Ios))?;
    println!("tencent  participants   ok   {} in the meeting:", people.len());
    for p in &people {
        let name = p.user_name.as_deref().or(p.userid.as_deref()).unwrap_or("?");
        let role = p.role.map_or("?", |r| r.name());
        println!("           {name:<8} {role:<12} muted: {}", yes_no(p.audio_on.map(|on| !on)));
    }
    let carol = people.iter().find(|p| p.userid.as_deref() == Some("carol")).and_then(|p| p.as_user());
    let carol = carol.ok_or("carol is not in the meeting")?;
    tencent.mute(MEETING, &alice, &carol)?;
    println!(
        "tencent  mute           ok   carol muted: {}",
        tencent_field(&emulator, "msopenid-carol", "muted")
    );
    tencent.end_meeting(MEETING, &alice)?;
    println!("tencent  end_meeting    ok   meeting ended: {}", meeting_ended(&emulator));

    // Huawei: the host's handle lists who is online, mutes one of them and ends the conference.
    let chair = huawei.conference(CONFERENCE, ConferenceAuth::Password(Secret::new("157599")))?;
    chair.apply_host(ALICE_HW, "157599")?;
    let info = chair.info()?;
    println!("huawei   info           ok   {} online:", info.participants.len());
    for p in &info.participants {
        println!(
            "           {:<8} {:<12} muted: {}",
            p.name.as_deref().unwrap_or("?"),
            p.role.name(),
            yes_no(p.muted)
        );
    }
    chair.mute(BOB_HW)?;
    println!("huawei   mute           ok   bob muted: {}", huawei_participant(&emulator, BOB_HW, "muted"));
    chair.end()?;
    println!("huawei   end            ok   conference ended: {}", huawei_conference(&emulator)["ended"]);
    Ok(())
}

fn tencent_field(emulator: &Emulator, ms_open_id: &str, field: &str) -> Value {
    let state = emulator.state();
    let participants = state["tencent"]["meetings"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["meeting_id"] == MEETING))
        .map(|m| m["participants"].clone())
        .unwrap_or_default();
    participants
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["ms_open_id"] == ms_open_id))
        .map(|p| p[field].clone())
        .unwrap_or_default()
}

fn yes_no(flag: Option<bool>) -> &'static str {
    match flag {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    }
}

fn meeting_ended(emulator: &Emulator) -> Value {
    let state = emulator.state();
    state["tencent"]["meetings"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["meeting_id"] == MEETING))
        .map(|m| m["ended"].clone())
        .unwrap_or_default()
}

fn huawei_conference(emulator: &Emulator) -> Value {
    let state = emulator.state();
    state["huawei"]["conferences"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["conference_id"] == CONFERENCE))
        .cloned()
        .unwrap_or_default()
}

fn huawei_host(emulator: &Emulator) -> Value {
    huawei_conference(emulator)["host"].clone()
}

fn huawei_participant(emulator: &Emulator, participant_id: &str, field: &str) -> Value {
    huawei_conference(emulator)["participants"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["participant_id"] == participant_id))
        .map(|p| p[field].clone())
        .unwrap_or_default()
}
