//! The emulator over HTTPS: the real `meetctl` client calls both vendors trusting the emulator's
//! CA (`extra_ca_pem`) and gets a TLS error without it; faults work over TLS (a connection reset
//! as it is accepted, after the handshake); and the binary's `--tls` / `--ca-out`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

use meetctl::huawei::{AccountAuth, ConferenceAuth, HuaweiClient, Region};
use meetctl::tencent::{Instance, TencentClient, TencentCredentials, TencentUser};
use meetctl::{ClientConfig, ErrorKind, ProxySetting, RetryPolicy, Secret};
use meetctl_emulator::{Emulator, Fault, FaultKind, demo_scenario};
use serde_json::Value;
use tokio_rustls::rustls::pki_types::CertificateDer;
use tokio_rustls::rustls::pki_types::pem::PemObject;

const MEETING: &str = "1242152152161";
const CONFERENCE: &str = "914083136";
const BOB_HW: &str = "a1b2c3d4e5f611eabc510dc9b62e3a81";

fn config(url: &str) -> ClientConfig {
    ClientConfig::new().base_url(url).proxy(ProxySetting::Disabled).timeout(Duration::from_secs(10))
}

fn tencent(config: ClientConfig) -> TencentClient {
    let credentials =
        TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None);
    TencentClient::new(credentials, config).expect("client")
}

fn alice() -> TencentUser {
    TencentUser::ms_open_id("afagsagwags", Instance::Ios)
}

fn bob() -> TencentUser {
    TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Mac)
}

fn tencent_role(state: &Value, userid: &str) -> Value {
    let meeting = state["tencent"]["meetings"]
        .as_array()
        .expect("meetings")
        .iter()
        .find(|m| m["meeting_id"] == MEETING);
    let participants = meeting.expect("meeting")["participants"].as_array().expect("participants");
    participants.iter().find(|p| p["userid"] == userid).expect("participant")["role"].clone()
}

fn huawei_host(state: &Value) -> Value {
    let conferences = state["huawei"]["conferences"].as_array().expect("conferences");
    conferences.iter().find(|c| c["conference_id"] == CONFERENCE).expect("conference")["host"].clone()
}

/// Tencent set co-host, then Huawei apply for the host role, through `config`.
fn call_both_vendors(emulator_url: &str, ca_pem: &[u8]) {
    let config = config(emulator_url).extra_ca_pem(ca_pem.to_vec());
    tencent(config.clone()).set_cohost(MEETING, &alice(), &bob()).expect("Tencent set co-host over TLS");
    let huawei = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config).expect("client");
    let conference =
        huawei.conference(CONFERENCE, ConferenceAuth::Password(Secret::new("246810"))).expect("conf");
    conference.apply_host(BOB_HW, "157599").expect("Huawei apply for host over TLS");
}

#[test]
fn the_client_calls_both_vendors_over_tls_trusting_the_emulators_ca() {
    let emulator = Emulator::start_tls(demo_scenario()).expect("start");
    let url = emulator.url();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    let ca_pem = emulator.ca_pem().expect("a TLS emulator has a CA").to_owned();
    assert!(ca_pem.starts_with("-----BEGIN CERTIFICATE-----"), "{ca_pem}");
    assert_eq!(CertificateDer::pem_slice_iter(ca_pem.as_bytes()).count(), 1);

    assert_eq!(tencent_role(&emulator.state(), "bob"), "attendee");
    assert_eq!(huawei_host(&emulator.state()), "d2c3ae64216e11eabc510dc9b62e3a80");
    call_both_vendors(&url, ca_pem.as_bytes());
    let state = emulator.state();
    assert_eq!(tencent_role(&state, "bob"), "cohost");
    assert_eq!(huawei_host(&state), BOB_HW);
}

#[test]
fn the_certificate_names_localhost_too() {
    let emulator = Emulator::start_tls(demo_scenario()).expect("start");
    let url = format!("https://localhost:{}", emulator.addr().port());
    let ca_pem = emulator.ca_pem().expect("CA").as_bytes().to_vec();
    tencent(config(&url).extra_ca_pem(ca_pem)).set_cohost(MEETING, &alice(), &bob()).expect("via localhost");
    assert_eq!(tencent_role(&emulator.state(), "bob"), "cohost");
}

#[test]
fn without_the_emulators_ca_the_client_gets_a_tls_error_and_nothing_is_processed() {
    let emulator = Emulator::start_tls(demo_scenario()).expect("start");
    let config = config(&emulator.url()).retry(RetryPolicy::none());
    let err =
        tencent(config.clone()).set_cohost(MEETING, &alice(), &bob()).expect_err("untrusted certificate");
    assert_eq!(err.kind(), ErrorKind::Tls, "{err}");
    let huawei = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config).expect("client");
    let conference =
        huawei.conference(CONFERENCE, ConferenceAuth::Password(Secret::new("246810"))).expect("conf");
    let err = conference.apply_host(BOB_HW, "157599").expect_err("untrusted certificate");
    assert_eq!(err.kind(), ErrorKind::Tls, "{err}");

    // Another emulator's CA is no better: each run makes its own.
    let other = Emulator::start_tls(demo_scenario()).expect("start");
    let other_ca = other.ca_pem().expect("CA").as_bytes().to_vec();
    assert_ne!(other.ca_pem(), emulator.ca_pem());
    let err = tencent(self::config(&emulator.url()).extra_ca_pem(other_ca).retry(RetryPolicy::none()))
        .set_cohost(MEETING, &alice(), &bob())
        .expect_err("a different CA");
    assert_eq!(err.kind(), ErrorKind::Tls, "{err}");

    let state = emulator.state();
    assert_eq!(state["request_count"], 0);
    assert_eq!(tencent_role(&state, "bob"), "attendee");
}

#[test]
fn a_plain_emulator_has_no_ca_and_an_http_url() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    assert!(emulator.url().starts_with("http://127.0.0.1:"));
    assert_eq!(emulator.ca_pem(), None);
}

#[test]
fn faults_apply_over_tls() {
    let emulator = Emulator::start_tls(demo_scenario()).expect("start");
    let ca_pem = emulator.ca_pem().expect("CA").as_bytes().to_vec();
    let config = config(&emulator.url()).extra_ca_pem(ca_pem).retry(RetryPolicy::none());

    // A reset-on-accept fault for another path: the request line read to match it is handed on,
    // and the call goes through; the fault stays queued.
    emulator.inject(Fault::new(FaultKind::ResetOnAccept).on_path("/v1/mmc"));
    tencent(config.clone()).set_cohost(MEETING, &alice(), &bob()).expect("not the fault's path");
    assert_eq!(tencent_role(&emulator.state(), "bob"), "cohost");
    assert_eq!(emulator.state()["faults_pending"].as_array().map(Vec::len), Some(1));
    emulator.clear_faults();

    // Reset as the connection is accepted (after the handshake): nothing is processed.
    emulator.inject(Fault::new(FaultKind::ResetOnAccept).on_path("/v1/real-control"));
    let err = tencent(config.clone()).revoke_cohost(MEETING, &alice(), &bob()).expect_err("reset");
    assert_eq!(err.kind(), ErrorKind::Connection, "{err}");
    assert_eq!(tencent_role(&emulator.state(), "bob"), "cohost");

    // Reset after the request was processed: the change stands, the answer is lost.
    emulator.inject(Fault::reset_after_request().on_path("/v1/real-control"));
    let err = tencent(config.clone()).revoke_cohost(MEETING, &alice(), &bob()).expect_err("reset");
    assert_eq!(err.kind(), ErrorKind::Connection, "{err}");
    assert_eq!(tencent_role(&emulator.state(), "bob"), "attendee");

    // An injected status, in the vendor's format.
    emulator.inject(Fault::status(403).on_path("/v1/real-control"));
    let err = tencent(config).set_cohost(MEETING, &alice(), &bob()).expect_err("403");
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");

    let state = emulator.state();
    let faults: Vec<&Value> =
        state["requests"].as_array().expect("requests").iter().map(|r| &r["fault"]).collect();
    assert_eq!(
        faults,
        [&Value::Null, &"reset_on_accept".into(), &"reset_after_request".into(), &"status".into()]
    );
}

// ------------------------------------------------------------------ the binary

/// `meetctl-emulator ARGS --tls --exit-on-stdin-eof`, its first two stdout lines.
struct Running {
    child: Child,
    url: String,
    ca_path: PathBuf,
    _stdout: BufReader<ChildStdout>,
}

impl Running {
    fn start(args: &[&str]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_meetctl-emulator"))
            .args(["--listen", "127.0.0.1:0", "--tls", "--exit-on-stdin-eof"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let (mut url, mut ca_path) = (String::new(), String::new());
        stdout.read_line(&mut url).expect("first line");
        stdout.read_line(&mut ca_path).expect("second line");
        Running {
            child,
            url: url.trim_end().to_owned(),
            ca_path: PathBuf::from(ca_path.trim_end()),
            _stdout: stdout,
        }
    }

    /// Closes stdin and waits for a clean exit.
    fn stop(mut self) {
        drop(self.child.stdin.take());
        let status = self.child.wait().expect("wait");
        assert!(status.success(), "{status}");
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // Only when a check failed before stop(): do not leave the process behind.
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn ca_certificates(path: &Path) -> Vec<CertificateDer<'static>> {
    CertificateDer::pem_file_iter(path).expect("the CA file opens").collect::<Result<_, _>>().expect("PEM")
}

#[test]
fn binary_with_tls_prints_the_url_and_the_ca_file_it_removes_at_exit() {
    let running = Running::start(&[]);
    assert!(running.url.starts_with("https://127.0.0.1:"), "{}", running.url);
    assert!(running.ca_path.is_absolute(), "{}", running.ca_path.display());
    assert_eq!(ca_certificates(&running.ca_path).len(), 1);
    let ca_pem = std::fs::read(&running.ca_path).expect("read the CA file");
    call_both_vendors(&running.url, &ca_pem);
    let ca_path = running.ca_path.clone();
    running.stop();
    assert!(!ca_path.exists(), "{} is left behind", ca_path.display());
    assert!(!ca_path.parent().expect("its directory").exists());
}

#[test]
fn binary_writes_the_ca_where_ca_out_says_and_leaves_it() {
    let dir = std::env::temp_dir().join(format!("meetctl-emulator-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let chosen = dir.join("emulator-ca.pem");
    let running = Running::start(&["--ca-out", chosen.to_str().expect("UTF-8 path")]);
    assert_eq!(running.ca_path, chosen);
    let ca_pem = std::fs::read(&chosen).expect("read the CA file");
    assert_eq!(ca_certificates(&chosen).len(), 1);
    tencent(config(&running.url).extra_ca_pem(ca_pem)).set_cohost(MEETING, &alice(), &bob()).expect("call");
    running.stop();
    assert!(chosen.exists(), "a file named by --ca-out stays");
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn binary_refuses_ca_out_without_tls_and_an_unwritable_ca_out() {
    let output = Command::new(env!("CARGO_BIN_EXE_meetctl-emulator"))
        .args(["--ca-out", "ca.pem"])
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--ca-out needs --tls"), "{stderr}");

    let output = Command::new(env!("CARGO_BIN_EXE_meetctl-emulator"))
        .args(["--tls", "--ca-out", "/nonexistent-dir/ca.pem"])
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--ca-out: cannot write /nonexistent-dir/ca.pem"), "{stderr}");
}
