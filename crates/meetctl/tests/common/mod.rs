//! Shared set-up for the integration tests: a scenario, an emulator, clients pointed at it.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use meetctl::clock::{Clock, RandomSource};
use meetctl::tencent::{Instance, TencentClient, TencentCredentials, TencentUser};
use meetctl::{ClientConfig, ProxySetting};
use meetctl_emulator::{Emulator, Scenario};
use serde_json::Value;

pub const MEETING: &str = "1242152152161";
pub const OAUTH_MEETING: &str = "oauth-meeting-1";
pub const APP_ID: &str = "210000001";
pub const SECRET_ID: &str = "AKIDtestkey";
pub const SECRET_KEY: &str = "tc-secret-key-do-not-print";
pub const SDK_APP_ID: &str = "210000002";
pub const SDK_SECRET_ID: &str = "AKIDsdkkey";
pub const SDK_SECRET_KEY: &str = "sdk-secret-key-do-not-print";
pub const SDK_ID: &str = "20001";
pub const OAUTH_OPEN_ID: &str = "oauth-open-1";
pub const OAUTH_TOKEN: &str = "oauth-token-do-not-print";
pub const NOSCOPE_OPEN_ID: &str = "oauth-noscope";
pub const NOSCOPE_TOKEN: &str = "oauth-noscope-token";

pub const CONF: &str = "914083136";
pub const CONF_NOT_STARTED: &str = "500000001";
pub const HOST_PWD: &str = "157599";
pub const GUEST_PWD: &str = "246810";
pub const PARTICIPANT: &str = "d2c3ae64216e11eabc510dc9b62e3a80";
pub const FIRST_HOST: &str = "first-host-participant";
pub const HW_APP_ID: &str = "hw-app-1";
pub const HW_APP_KEY: &str = "hw-app-key-do-not-print";
pub const HW_ACCOUNT: &str = "alice@example.com";
pub const HW_PASSWORD: &str = "alice-password-do-not-print";

pub fn scenario_json(rate_limit_per_minute: u32) -> String {
    serde_json::json!({
        "tencent": {
            "apps": [
                {"app_id": APP_ID, "secret_id": SECRET_ID, "secret_key": SECRET_KEY},
                {"app_id": SDK_APP_ID, "secret_id": SDK_SECRET_ID, "secret_key": SDK_SECRET_KEY, "sdk_id": SDK_ID}
            ],
            "oauth": [
                {"open_id": OAUTH_OPEN_ID, "access_token": OAUTH_TOKEN, "scopes": ["MANAGE_MEETING"]},
                {"open_id": NOSCOPE_OPEN_ID, "access_token": NOSCOPE_TOKEN, "scopes": []}
            ],
            "rate_limit_per_minute": rate_limit_per_minute,
            "meetings": [
                {"meeting_id": MEETING, "participants": [
                    {"ms_open_id": "afagsagwags", "uuid": "host-uuid", "instanceid": 4, "role": "host"},
                    {"ms_open_id": "agaqwwgdkkddd", "uuid": "att-uuid", "instanceid": 2, "role": "attendee"},
                    {"ms_open_id": "plain-attendee", "uuid": "plain-uuid", "instanceid": 1, "role": "attendee"},
                    {"uuid": "rooms-uuid", "instanceid": 20, "role": "attendee", "video_closable": false}
                ]},
                {"meeting_id": OAUTH_MEETING, "oauth_open_id": OAUTH_OPEN_ID, "participants": [
                    {"openid": OAUTH_OPEN_ID, "ms_open_id": "oauth-host-ms", "instanceid": 1, "role": "creator"},
                    {"ms_open_id": "oauth-att", "instanceid": 3, "role": "attendee"}
                ]}
            ]
        },
        "huawei": {
            "apps": [{"app_id": HW_APP_ID, "app_key": HW_APP_KEY}],
            "accounts": [{"account": HW_ACCOUNT, "password": HW_PASSWORD}],
            "access_token_ttl_secs": 43200,
            "control_token_ttl_secs": 1800,
            "conferences": [
                {"conference_id": CONF, "host_password": HOST_PWD, "guest_password": GUEST_PWD, "started": true,
                 "participants": [
                    {"participant_id": FIRST_HOST, "name": "Alice", "role": "host"},
                    {"participant_id": PARTICIPANT, "name": "Bob", "role": "participant"}
                 ]},
                {"conference_id": CONF_NOT_STARTED, "host_password": HOST_PWD, "guest_password": GUEST_PWD,
                 "started": false, "participants": []}
            ]
        }
    })
    .to_string()
}

pub fn start() -> Emulator {
    start_with_rate_limit(300)
}

pub fn start_with_rate_limit(per_minute: u32) -> Emulator {
    let scenario = Scenario::from_json(&scenario_json(per_minute)).expect("test scenario parses");
    Emulator::start(scenario).expect("emulator starts")
}

pub fn config(emu: &Emulator) -> ClientConfig {
    ClientConfig::new().base_url(emu.url()).proxy(ProxySetting::Disabled).timeout(Duration::from_secs(5))
}

pub fn config_with(emu: &Emulator, clock: Arc<dyn Clock>, random: Arc<dyn RandomSource>) -> ClientConfig {
    config(emu).clock(clock).random(random)
}

pub fn enterprise(emu: &Emulator) -> TencentClient {
    TencentClient::new(TencentCredentials::enterprise(APP_ID, SECRET_ID, SECRET_KEY, None), config(emu))
        .expect("valid client")
}

pub fn oauth(emu: &Emulator) -> TencentClient {
    TencentClient::new(TencentCredentials::oauth(OAUTH_OPEN_ID, OAUTH_TOKEN), config(emu))
        .expect("valid client")
}

/// The meeting's host, by ms_open_id on iOS.
pub fn host() -> TencentUser {
    TencentUser::ms_open_id("afagsagwags", Instance::Ios)
}

/// An attendee, by ms_open_id on Mac.
pub fn attendee() -> TencentUser {
    TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Mac)
}

/// The emulator's view of one Tencent participant, found by any of its ids.
pub fn participant(emu: &Emulator, meeting: &str, id: &str) -> Value {
    let state = emu.state();
    let meetings = state["tencent"]["meetings"].as_array().expect("meetings array").clone();
    let m = meetings.into_iter().find(|m| m["meeting_id"] == meeting).expect("meeting in state");
    m["participants"]
        .as_array()
        .expect("participants array")
        .iter()
        .find(|p| ["ms_open_id", "uuid", "openid", "userid"].iter().any(|k| p[*k] == id))
        .cloned()
        .expect("participant in state")
}

/// How many non-admin requests the emulator has received.
pub fn request_count(emu: &Emulator) -> u64 {
    emu.state()["request_count"].as_u64().expect("request_count")
}

/// The emulator's view of one Huawei conference.
pub fn conference_state(emu: &Emulator, conference_id: &str) -> Value {
    let state = emu.state();
    state["huawei"]["conferences"]
        .as_array()
        .expect("conferences array")
        .iter()
        .find(|c| c["conference_id"] == conference_id)
        .cloned()
        .expect("conference in state")
}

/// A counter from the emulator's Huawei state (`control_tokens_issued`, `access_tokens_issued`).
pub fn huawei_count(emu: &Emulator, name: &str) -> u64 {
    emu.state()["huawei"][name].as_u64().expect("huawei counter")
}

/// How many requests the emulator received for `path`, and with which statuses.
pub fn statuses_for(emu: &Emulator, path: &str) -> Vec<u64> {
    emu.state()["requests"]
        .as_array()
        .expect("requests array")
        .iter()
        .filter(|r| r["path"] == path)
        .map(|r| r["status"].as_u64().expect("status"))
        .collect()
}
