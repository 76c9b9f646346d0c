//! One meeting, either vendor: mute everyone except the host, then end the meeting — the same
//! code for a Tencent meeting and a Huawei conference, run against the emulator.
//!
//! ```sh
//! cargo run -p meetctl --example either_vendor
//! ```

use std::process::ExitCode;

use meetctl::huawei::{AccountAuth, ConferenceAuth, HuaweiClient, Region};
use meetctl::tencent::{Instance, TencentClient, TencentCredentials, TencentUser};
use meetctl::{ClientConfig, Meeting, ProxySetting, Role, Secret};
use meetctl_emulator::{Emulator, demo_scenario};

/// The whole integration: written once, whichever vendor hosts the meeting.
fn mute_everyone_but_the_host_then_end(meeting: &Meeting) -> Result<(), meetctl::Error> {
    for p in meeting.participants()? {
        if p.role != Role::Host && p.controllable && p.audio_muted != Some(true) {
            meeting.mute(&p)?;
            println!("  muted {}", p.name.as_deref().unwrap_or(p.id()));
        }
    }
    meeting.end()
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("either_vendor failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::start(demo_scenario())?;
    let config = ClientConfig::new().base_url(emulator.url()).proxy(ProxySetting::Disabled);

    let tencent = TencentClient::new(
        TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None),
        config.clone(),
    )?;
    let huawei = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config)?;
    let meetings = [
        Meeting::tencent(tencent, "1242152152161", TencentUser::userid("alice", Instance::Ios))?,
        Meeting::huawei(huawei.conference("914083136", ConferenceAuth::Password(Secret::new("157599")))?),
    ];
    for meeting in &meetings {
        println!("{:?} meeting {}:", meeting.vendor(), meeting.id());
        mute_everyone_but_the_host_then_end(meeting)?;
        println!("  ended");
    }
    Ok(())
}
