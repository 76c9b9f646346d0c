//! `meetctl doctor` against a real emulator: everything well, a clock skewed 6 minutes either
//! way, wrong credentials, a closed port; the exit code, the lines, the JSON reports, and that
//! nothing in a meeting changed.

mod common;

use common::*;
use meetctl_emulator::{Emulator, StartOptions, demo_scenario};
use serde_json::{Value, json};

fn emulator(skew: i64) -> Emulator {
    Emulator::start_with(demo_scenario(), StartOptions { clock_skew_secs: skew, ..StartOptions::default() })
        .expect("emulator starts")
}

/// Tencent and Huawei credentials, both against `url`.
fn both(url: &str) -> Cli {
    Cli::new().tencent(url).huawei(url, HOST_PASSWORD)
}

/// The line of check `name` in the text of `vendor`'s report.
fn line<'a>(stdout: &'a str, vendor: &str, name: &str) -> &'a str {
    let report = stdout.split_once(&format!("{vendor} (")).map_or("", |(_, rest)| rest);
    report
        .lines()
        .find(|l| l.trim_start().chars().skip(2).collect::<String>().starts_with(&format!("{name} ")))
        .unwrap_or_else(|| panic!("no {vendor} {name} line:\n{stdout}"))
}

/// The check `name` of `vendor`'s JSON report.
fn check(doc: &Value, vendor: &str, name: &str) -> Value {
    let report = doc["reports"].as_array().unwrap().iter().find(|r| r["vendor"] == vendor).unwrap();
    report["checks"].as_array().unwrap().iter().find(|c| c["name"] == name).cloned().unwrap_or(Value::Null)
}

#[test]
fn all_well_exits_zero_and_changes_nothing() {
    let emu = emulator(0);
    let url = emu.url();
    let meetings = emu.state()["tencent"]["meetings"].clone();
    let conferences = emu.state()["huawei"]["conferences"].clone();

    // Each vendor configured is checked.
    let run = both(&url).args(&["doctor"]).expect(0);
    for vendor in ["tencent", "huawei"] {
        assert!(run.stdout.contains(&format!("{vendor} ({url})")), "{}", run.stdout);
        for name in ["route", "dns", "reach", "tls", "clock", "credentials", "permission"] {
            assert!(
                line(&run.stdout, vendor, name).trim_start().starts_with('✓'),
                "{vendor} {name}:\n{}",
                run.stdout
            );
        }
    }
    assert!(!run.stdout.contains('✗'), "{}", run.stdout);
    let doc = both(&url).args(&["doctor", "--json", "--operator", "userid:alice"]).expect(0).json();
    assert_eq!(doc["ok"], true);
    let vendors: Vec<&str> =
        doc["reports"].as_array().unwrap().iter().filter_map(|r| r["vendor"].as_str()).collect();
    assert_eq!(vendors, ["tencent", "huawei"]);
    assert_eq!(check(&doc, "tencent", "clock")["status"], "ok");
    assert_eq!(check(&doc, "huawei", "credentials")["status"], "ok");
    assert_eq!(doc["reports"][0]["base_url"], url);

    // Only the vendor asked for; only the vendors configured by default.
    let doc = both(&url).args(&["doctor", "--vendor", "huawei", "--json"]).expect(0).json();
    assert_eq!(doc["reports"].as_array().unwrap().len(), 1);
    let doc = Cli::new().tencent(&url).args(&["doctor", "--json"]).expect(0).json();
    assert_eq!(doc["reports"][0]["vendor"], "tencent");
    assert_eq!(doc["reports"].as_array().unwrap().len(), 1);
    let run = Cli::new().env("MEETCTL_BASE_URL", &url).args(&["doctor"]).expect(2);
    assert!(run.stderr.contains("--vendor"), "{}", run.stderr);
    both(&url).args(&["doctor", "--vendor", "huawei", "--operator", "userid:alice"]).expect(2);
    both(&url).args(&["doctor", "--dry-run"]).expect(2);

    let state = emu.state();
    assert_eq!(state["tencent"]["meetings"], meetings, "the doctor changed a Tencent meeting");
    assert_eq!(state["huawei"]["conferences"], conferences, "the doctor changed a Huawei conference");
    let log = state["requests"].as_array().unwrap();
    assert!(
        log.iter()
            .all(|r| r["method"] == "GET" || r["path"].as_str().unwrap().starts_with("/v2/usg/acs/auth/")),
        "only reads and access-token requests: {log:?}"
    );
}

#[test]
fn a_clock_six_minutes_off_fails_the_clock_line() {
    for skew in [360, -360] {
        let emu = emulator(skew);
        let url = emu.url();
        let run = Cli::new().tencent(&url).args(&["doctor"]).expect(3);
        let clock = line(&run.stdout, "tencent", "clock");
        assert!(clock.trim_start().starts_with('✗'), "{skew}: {clock}");
        assert!(
            clock.contains("Tencent refuses signatures") && clock.contains("more than 5 minutes off"),
            "{skew}: {clock}"
        );
        assert!(clock.contains(if skew > 0 { "behind" } else { "ahead of" }), "{skew}: {clock}");
        assert!(clock.contains("→ set this machine's clock right"), "{skew}: {clock}");
        assert!(run.stderr.contains("a check failed (tencent: clock"), "{}", run.stderr);

        let run = Cli::new().tencent(&url).args(&["doctor", "--json"]).expect(3);
        let doc = run.json();
        assert_eq!(doc["ok"], false);
        let clock = check(&doc, "tencent", "clock");
        assert_eq!(clock["status"], "failed", "{doc}");
        assert!(clock["next_step"].as_str().is_some_and(|s| !s.is_empty()), "{clock}");
        assert_eq!(run.error_json()["error"]["exit_code"], 3);
    }
}

#[test]
fn wrong_credentials_fail_the_credentials_line() {
    let emu = emulator(0);
    let url = emu.url();
    let run =
        Cli::new().tencent(&url).env("MEETCTL_TENCENT_SECRET_KEY", "not-the-key").args(&["doctor"]).expect(3);
    let credentials = line(&run.stdout, "tencent", "credentials");
    assert!(credentials.trim_start().starts_with('✗') && credentials.contains("refused"), "{credentials}");
    assert!(credentials.contains("→ check"), "{credentials}");
    assert!(line(&run.stdout, "tencent", "clock").trim_start().starts_with('✓'), "{}", run.stdout);
    assert!(!run.stdout.contains("not-the-key") && !run.stderr.contains("not-the-key"));

    let doc = Cli::new()
        .huawei(&url, HOST_PASSWORD)
        .env("MEETCTL_HUAWEI_APP_KEY", "not-the-app-key")
        .args(&["doctor", "--json"])
        .expect(3)
        .json();
    assert_eq!(check(&doc, "huawei", "credentials")["status"], "failed", "{doc}");
    assert!(!doc.to_string().contains("not-the-app-key"));

    // Settings too broken to make a client: a failed configuration check, not a crash.
    let doc = Cli::new()
        .tencent(&url)
        .env("MEETCTL_TENCENT_SECRET_ID", "")
        .args(&["doctor", "--json"])
        .expect(3)
        .json();
    let configuration = check(&doc, "tencent", "configuration");
    assert_eq!(configuration["status"], "failed", "{doc}");
    assert!(
        configuration["summary"].as_str().unwrap().contains("MEETCTL_TENCENT_SECRET_ID"),
        "{configuration}"
    );
}

#[test]
fn a_closed_port_fails_the_reach_line() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let run = both(&url).args(&["doctor"]).expect(3);
    for vendor in ["tencent", "huawei"] {
        let reach = line(&run.stdout, vendor, "reach");
        assert!(
            reach.trim_start().starts_with('✗') && reach.contains(&format!("127.0.0.1:{port}")),
            "{reach}"
        );
        assert!(reach.contains('→'), "{reach}");
    }
    assert!(line(&run.stdout, "tencent", "clock").trim_start().starts_with('-'), "skipped: {}", run.stdout);
    let doc = both(&url).args(&["doctor", "--json"]).expect(3).json();
    assert_eq!((&check(&doc, "tencent", "reach")["status"], &doc["ok"]), (&json!("failed"), &json!(false)));
}
