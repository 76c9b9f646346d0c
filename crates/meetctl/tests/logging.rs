//! The `log` records meetctl emits (target `meetctl::*`): a summary per request, never a secret.
//!
//! No record of meetctl's, at any level, holds a secret, nor any record of the libraries
//! underneath at debug and above (ureq redacts headers it does not know). At trace, ureq's
//! protocol layer (`ureq_proto`) dumps the bytes on the wire, credentials included, as any HTTP
//! library's wire trace does: the README says so, and the Python binding forwards `meetctl`
//! records only.

mod common;

use std::sync::{Mutex, OnceLock};

use common::*;
use meetctl::huawei::{AccountAuth, ConferenceAuth, HuaweiClient, Region};
use meetctl::{ErrorKind, Secret};

struct Capture(Mutex<Vec<String>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        let line = format!("{} {} {}", record.level(), record.target(), record.args());
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(line);
    }
    fn flush(&self) {}
}

fn records() -> &'static Capture {
    static CAPTURE: OnceLock<&'static Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture: &'static Capture = Box::leak(Box::new(Capture(Mutex::new(Vec::new()))));
        log::set_logger(capture).expect("first logger");
        log::set_max_level(log::LevelFilter::Trace);
        capture
    })
}

#[test]
fn requests_are_logged_without_secrets() {
    let capture = records();
    let emu = start();
    let tencent = enterprise(&emu);
    tencent.set_cohost(MEETING, &host(), &attendee()).unwrap();
    let hw = HuaweiClient::new(
        Region::CnNorth4,
        AccountAuth::app_id(HW_APP_ID, HW_APP_KEY, Some("bob".into()), None),
        config(&emu),
    )
    .unwrap();
    let conf = hw.conference(CONF, ConferenceAuth::Password(Secret::new(HOST_PWD))).unwrap();
    conf.apply_host(PARTICIPANT, HOST_PWD).unwrap();
    let token = conf.control_token().unwrap();
    let e = oauth(&emu).set_cohost(MEETING, &host(), &attendee()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);

    let lines = capture.0.lock().unwrap().clone();
    let ours: Vec<&String> =
        lines.iter().filter(|l| l.split(' ').nth(1).is_some_and(|t| t.starts_with("meetctl"))).collect();
    let joined = ours.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("\n");
    assert!(joined.contains(&format!("PUT /v1/real-control/meetings/{MEETING}/cohosts -> 200")), "{joined}");
    assert!(joined.contains("GET /v1/mmc/control/conferences/token -> 200"), "{joined}");
    assert!(joined.contains("POST /v2/usg/acs/auth/appauth -> 200"), "{joined}");
    assert!(joined.contains("PUT /v1/mmc/control/conferences/participants/role -> 200"), "{joined}");
    // Every record of meetctl's, TRACE included, and every other of the client's side at DEBUG
    // and above (not the in-process emulator's own).
    let client_side: Vec<&str> = lines
        .iter()
        .map(String::as_str)
        .filter(|l| !l.contains(" meetctl_emulator"))
        .filter(|l| !l.starts_with("TRACE ") || l.split(' ').nth(1).is_some_and(|t| t.starts_with("meetctl")))
        .collect();
    assert!(lines.iter().any(|l| l.starts_with("DEBUG ureq")), "ureq's debug records are checked too");
    let everything = client_side.join("\n");
    for secret in [SECRET_KEY, OAUTH_TOKEN, HW_APP_KEY, HOST_PWD, token.expose()] {
        assert!(!everything.contains(secret), "{secret} leaked into the log:\n{everything}");
    }
}
