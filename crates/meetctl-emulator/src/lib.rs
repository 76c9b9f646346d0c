//! A local, stateful stand-in for the Tencent Meeting and Huawei Cloud Meeting REST APIs.
//!
//! The emulator serves both vendors' APIs on one loopback port, checks every request the way the
//! vendors document (Tencent AK/SK signatures, nonces and timestamps, OAuth 2.0 tokens; Huawei
//! App ID signatures, access tokens and meeting control tokens), keeps the meetings' state, and
//! lets a test inject faults (delays, trickled bodies, error statuses, rate limits, connection
//! resets before and after a request is processed or as a connection is accepted, malformed,
//! oversized and non-JSON bodies, redirects to another host; once, n times, or at random with a
//! seeded probability) and move its clock forward. It speaks plain HTTP, or HTTPS with a
//! certificate from a CA it makes at start ([`Emulator::start_tls`], [`Emulator::ca_pem`]).
//!
//! ```no_run
//! use meetctl_emulator::{demo_scenario, Emulator, Fault};
//!
//! let emulator = Emulator::start(demo_scenario()).expect("start emulator");
//! let base_url = emulator.url();
//! emulator.inject(Fault::status(503).on_path("/v1/real-control").times(1));
//! // ... point a client at `base_url` ...
//! let state = emulator.state();
//! assert!(state["request_count"].is_u64());
//! ```
//!
//! The protocol it implements, the scenario format and every error code it returns are described
//! in `docs/emulator.md`.

mod admin;
mod admin_huawei;
mod admin_tencent;
mod clock;
mod emulator;
mod fault_bodies;
mod faults;
mod http_util;
mod huawei;
mod peeked;
mod random;
mod scenario;
mod server;
mod state;
mod tencent;
mod timefmt;
mod tls;

pub use emulator::{Emulator, StartOptions};
pub use faults::{Chance, Fault, FaultKind, UNLIMITED};
pub use scenario::{
    HuaweiAccount, HuaweiApp, HuaweiConference, HuaweiParticipant, HuaweiRole, HuaweiScenario, Scenario,
    ScenarioError, TencentApp, TencentMeeting, TencentOAuthUser, TencentParticipant, TencentRole,
    TencentScenario, TencentWebhook,
};

/// Tencent webhooks: the signature the emulator puts on every request (the vendor's
/// `sha1(sort(token, timestamp, nonce, data))`, page 1095/51612), for tests to check it against.
pub use tencent::webhook::signature as tencent_webhook_signature;

/// The demo scenario's JSON text (`scenarios/demo.json`), as shipped with the crate.
pub const DEMO_SCENARIO_JSON: &str = include_str!("../scenarios/demo.json");

/// The demo scenario (`scenarios/demo.json`), which the tests and the README demo run against.
///
/// The file is part of the crate and is checked by its tests, so this never fails in practice;
/// should it ever not parse, an empty scenario is returned rather than panicking.
pub fn demo_scenario() -> Scenario {
    Scenario::from_json(DEMO_SCENARIO_JSON).unwrap_or_default()
}
