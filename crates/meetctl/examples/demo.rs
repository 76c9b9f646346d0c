//! The main job, end to end: start the emulator, then set and revoke a Tencent co-host, close a
//! participant's video, and apply for and relinquish the Huawei host role, printing each result.
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

fn huawei_host(emulator: &Emulator) -> Value {
    let state = emulator.state();
    state["huawei"]["conferences"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["conference_id"] == CONFERENCE))
        .map(|c| c["host"].clone())
        .unwrap_or_default()
}
