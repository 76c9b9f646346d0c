//! The demo scenario's Huawei conference, shared by the Huawei control tests: a handle opened on
//! it and the emulator's record of it and of its participants.
#![allow(dead_code)]

use std::time::Duration;

use meetctl::huawei::{AccountAuth, Conference, ConferenceAuth, HuaweiClient, Region};
use meetctl::{ClientConfig, ProxySetting, Secret};
use meetctl_emulator::Emulator;
use serde_json::Value;

pub const CONFERENCE: &str = "914083136";
pub const HOST_PASSWORD: &str = "157599";
pub const GUEST_PASSWORD: &str = "246810";
pub const BOB: &str = "a1b2c3d4e5f611eabc510dc9b62e3a81";
/// Muted at the start.
pub const CAROL: &str = "c3d4e5f6a7b811eabc510dc9b62e3a82";

pub fn config(emu: &Emulator) -> ClientConfig {
    ClientConfig::new().base_url(emu.url()).proxy(ProxySetting::Disabled).timeout(Duration::from_secs(5))
}

/// The conference, opened with `password` (the host's or the guests').
pub fn conference(emu: &Emulator, password: &str) -> Conference {
    let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(emu)).unwrap();
    client.conference(CONFERENCE, ConferenceAuth::Password(Secret::new(password))).unwrap()
}

/// The emulator's record of the conference.
pub fn conf_state(emu: &Emulator) -> Value {
    let state = emu.state();
    state["huawei"]["conferences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["conference_id"] == CONFERENCE)
        .unwrap()
        .clone()
}

/// The emulator's record of participant `id`.
pub fn pid(emu: &Emulator, id: &str) -> Value {
    conf_state(emu)["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["participant_id"] == id)
        .unwrap()
        .clone()
}

/// How many requests the emulator has seen.
pub fn request_count(emu: &Emulator) -> u64 {
    emu.state()["request_count"].as_u64().unwrap()
}

/// How many requests the emulator saw at `path`.
pub fn hits(emu: &Emulator, path: &str) -> usize {
    emu.state()["requests"].as_array().unwrap().iter().filter(|r| r["path"] == path).count()
}
