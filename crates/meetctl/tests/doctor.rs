//! `meetctl::doctor` against the emulator: everything working, a skewed clock, wrong
//! credentials, an unreachable host, and a Huawei account, with nothing changed in any meeting.

use meetctl::doctor::{DoctorReport, check_huawei, check_tencent};
use meetctl::huawei::{AccountAuth, HuaweiClient, Region};
use meetctl::tencent::{Instance, TencentClient, TencentCredentials, TencentUser};
use meetctl::{ClientConfig, ProxySetting};
use meetctl_emulator::{Emulator, demo_scenario};

fn config(url: &str) -> ClientConfig {
    ClientConfig::new().base_url(url).proxy(ProxySetting::Disabled).timeout(std::time::Duration::from_secs(5))
}

fn tencent(url: &str, secret_key: &str) -> TencentClient {
    let credentials = TencentCredentials::enterprise("210000001", "AKIDdemo0001", secret_key, None);
    TencentClient::new(credentials, config(url)).unwrap()
}

fn check<'a>(report: &'a DoctorReport, name: &str) -> &'a meetctl::doctor::DoctorCheck {
    report.checks.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no {name} check in {report:#?}"))
}

fn alice() -> TencentUser {
    TencentUser::userid("alice", Instance::Pc)
}

#[test]
fn everything_working_is_ok_and_changes_nothing() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let before = emu.state()["tencent"].clone();
    let report = check_tencent(&tencent(&emu.url(), "demo-secret-key-0001"), Some(&alice()));
    assert!(report.ok, "{report:#?}");
    for name in ["route", "dns", "reach", "tls", "clock", "credentials", "permission"] {
        assert_eq!(check(&report, name).status, "ok", "{name}: {report:#?}");
    }
    assert!(check(&report, "route").summary.contains("directly"));
    assert!(
        check(&report, "clock").summary.contains("within a second of")
            || check(&report, "clock").summary.contains(" s ")
    );
    assert_eq!(emu.state()["tencent"], before, "the doctor changed nothing");
}

#[test]
fn a_clock_six_minutes_off_is_named_as_the_cause() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    emu.set_clock_offset(-360);
    let report = check_tencent(&tencent(&emu.url(), "demo-secret-key-0001"), Some(&alice()));
    assert!(!report.ok);
    let clock = check(&report, "clock");
    assert_eq!(clock.status, "failed", "{report:#?}");
    assert!(clock.summary.contains("6 min 0 s ahead of"), "{}", clock.summary);
    assert!(clock.summary.contains("more than 5 minutes off"), "{}", clock.summary);
    assert!(clock.next_step.as_deref().unwrap().contains("clock"));
    let credentials = check(&report, "credentials");
    assert_eq!(credentials.status, "failed");
    assert!(credentials.next_step.as_deref().unwrap().contains("clock"), "{credentials:?}");
}

#[test]
fn a_clock_two_minutes_off_is_a_warning_that_still_works() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    emu.set_clock_offset(120);
    let report = check_tencent(&tencent(&emu.url(), "demo-secret-key-0001"), Some(&alice()));
    assert!(report.ok, "{report:#?}");
    let clock = check(&report, "clock");
    assert_eq!(clock.status, "warning");
    assert!(clock.summary.contains("behind"), "{}", clock.summary);
}

#[test]
fn wrong_credentials_are_refused_and_say_what_to_check() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let report = check_tencent(&tencent(&emu.url(), "not-the-key"), None);
    assert!(!report.ok);
    assert_eq!(check(&report, "clock").status, "ok");
    let credentials = check(&report, "credentials");
    assert_eq!(credentials.status, "failed", "{report:#?}");
    assert!(credentials.next_step.as_deref().unwrap().contains("SecretKey"));
    let text = format!("{report:?}");
    assert!(!text.contains("not-the-key") && !text.contains("demo-secret-key"), "no secret in the report");
}

#[test]
fn an_unreachable_host_is_reported_and_the_rest_skipped() {
    // A port that was just free: nothing listens on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let report = check_tencent(&tencent(&format!("http://127.0.0.1:{port}"), "k"), None);
    assert!(!report.ok);
    let reach = check(&report, "reach");
    assert_eq!(reach.status, "failed", "{report:#?}");
    assert!(reach.summary.contains(&format!("127.0.0.1:{port}")));
    assert!(reach.next_step.is_some());
    assert_eq!(check(&report, "credentials").status, "skipped");
}

#[test]
fn a_name_that_does_not_resolve_fails_at_dns() {
    let client = tencent("https://meetctl-doctor-test.invalid", "k");
    let report = check_tencent(&client, None);
    assert!(!report.ok);
    assert_eq!(check(&report, "dns").status, "failed", "{report:#?}");
}

#[test]
fn huawei_account_credentials_and_permission() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let good = AccountAuth::app_id("demoappid0001", "demo-app-key-0001", None, None);
    let client = HuaweiClient::new(Region::CnNorth4, good, config(&emu.url())).unwrap();
    let report = check_huawei(&client);
    assert!(report.ok, "{report:#?}");
    assert_eq!(check(&report, "permission").status, "ok");

    let bad = AccountAuth::app_id("demoappid0001", "wrong-key", None, None);
    let client = HuaweiClient::new(Region::CnNorth4, bad, config(&emu.url())).unwrap();
    let report = check_huawei(&client);
    assert!(!report.ok);
    assert_eq!(check(&report, "credentials").status, "failed", "{report:#?}");
}

#[test]
fn an_auth_error_from_a_skewed_clock_names_the_clock() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(&emu.url(), "demo-secret-key-0001");
    emu.set_clock_offset(420);
    let e = client.meeting("1242152152161", &alice()).unwrap_err();
    assert_eq!(e.kind(), meetctl::ErrorKind::Auth);
    assert!(e.message().contains("7 min") || e.message().contains("420 s behind"), "{e}");
    assert!(e.message().contains("more than 5 minutes off"), "{e}");
    emu.set_clock_offset(0);
    let e = tencent(&emu.url(), "wrong").meeting("1242152152161", &alice()).unwrap_err();
    assert!(!e.message().contains("clock"), "a wrong key is not blamed on the clock: {e}");
}

#[test]
fn huawei_without_an_account_still_checks_the_host_and_the_clock() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    emu.set_clock_offset(-90);
    let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(&emu.url())).unwrap();
    let report = check_huawei(&client);
    assert!(report.ok, "{report:#?}");
    assert_eq!(check(&report, "reach").status, "ok");
    assert_eq!(check(&report, "clock").status, "warning", "{report:#?}");
    assert_eq!(check(&report, "credentials").status, "skipped");
}
