//! Reliability and hostile input, through the real clients against the real emulator: one
//! deadline per API call, single-flight token refresh under failure, URLs that cannot leave the
//! configured host.

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use meetctl::huawei::{AccountAuth, ConferenceAuth, HuaweiCall, HuaweiClient, Region};

use meetctl::tencent::{Instance, TencentCall, TencentClient, TencentCredentials, TencentUser};
use meetctl::{ClientConfig, Error, ErrorKind, HttpRequest, Method, ProxySetting, Secret};
use meetctl_emulator::{Emulator, Fault, demo_scenario};

const TOKEN_PATH: &str = "/v1/mmc/control/conferences/token";

fn config(emu: &Emulator, timeout: Duration) -> ClientConfig {
    ClientConfig::new().base_url(emu.url()).proxy(ProxySetting::Disabled).timeout(timeout)
}

const MUTE_PATH: &str = "/v1/mmc/control/conferences/participants/mute";
const BOB: &str = "a1b2c3d4e5f611eabc510dc9b62e3a81";

/// Mutes Bob through the generic call (the same on every version of the API).
fn mute_bob(conf: &meetctl::huawei::Conference) -> Result<serde_json::Value, Error> {
    conf.request(Method::Put, MUTE_PATH, &[("participantID", BOB)], Some(&serde_json::json!({"isMute": 1})))
}

#[test]
fn a_dead_token_endpoint_is_asked_once_and_every_caller_returns_within_its_deadline() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    // The token endpoint answers only after 10 s: far beyond the callers' 1 s.
    emu.inject(Fault::delay(10_000).on_path(TOKEN_PATH).times(1));
    let client =
        HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(&emu, Duration::from_secs(1))).unwrap();
    let conf = client.conference("914083136", ConferenceAuth::Password(Secret::new("157599"))).unwrap();
    let start = Arc::new(Barrier::new(8));
    let began = Instant::now();
    let callers: Vec<_> = (0..8)
        .map(|_| {
            let (conf, start) = (conf.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                let e = mute_bob(&conf).unwrap_err();
                (e.kind(), began.elapsed())
            })
        })
        .collect();
    for caller in callers {
        let (kind, elapsed) = caller.join().unwrap();
        assert_eq!(kind, ErrorKind::Timeout);
        // Before: each waiter fetched in turn after the previous one failed (8 x 1 s).
        assert!(elapsed < Duration::from_millis(1_500), "returned after {elapsed:?}");
    }
    // The delay is one-shot: a second fetch would have got a token at once and its caller would
    // have succeeded. So every caller failing proves one fetch served all eight.
    assert!(emu.state()["faults_pending"].as_array().unwrap().is_empty(), "the slow fetch happened");
    // The failure is remembered briefly: a call right after fails fast, without asking again
    // (which would now succeed).
    let again = Instant::now();
    assert_eq!(mute_bob(&conf).unwrap_err().kind(), ErrorKind::Timeout);
    assert!(again.elapsed() < Duration::from_millis(100));
}

#[test]
fn one_deadline_covers_every_exchange_of_a_call() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    // The token and the call each take 700 ms: fine for a 1 s timeout per exchange, too slow for
    // a 1 s timeout per call.
    emu.inject(Fault::delay(700).on_path(TOKEN_PATH).times(1));
    emu.inject(Fault::delay(700).on_path(MUTE_PATH).times(1));
    let client =
        HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(&emu, Duration::from_secs(1))).unwrap();
    let conf = client.conference("914083136", ConferenceAuth::Password(Secret::new("157599"))).unwrap();
    let began = Instant::now();
    let e = mute_bob(&conf).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(began.elapsed() < Duration::from_millis(1_100), "{:?}", began.elapsed());
}

/// A caller's own call whose path tries to name another host.
struct Sneaky(&'static str);

impl TencentCall for Sneaky {
    fn to_request(&self, _: &TencentCredentials) -> Result<HttpRequest, Error> {
        Ok(HttpRequest::new(Method::Put, self.0))
    }
}

#[test]
fn a_custom_call_cannot_send_credentials_to_another_host() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let creds = TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None);
    let client = TencentClient::new(creds, config(&emu, Duration::from_secs(5))).unwrap();
    let before = emu.state()["request_count"].as_u64().unwrap();
    for path in [".evil.example/x", "@evil.example/x", "/v1/x?a=b#frag", "/v1/../admin", "/v1/a\r\nX-Evil: 1"]
    {
        let e = client.call(&Sneaky(path)).unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("path")), "{path:?}");
        assert!(client.prepare(&Sneaky(path)).is_err());
    }
    assert_eq!(emu.state()["request_count"].as_u64().unwrap(), before);
    // A well-formed one still goes through.
    let op = TencentUser::ms_open_id("afagsagwags", Instance::Ios);
    client
        .close_video("1242152152161", &op, &TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Mac))
        .unwrap();
}

/// A caller's own call that sets a header the transport writes.
struct Reframing(&'static str);

impl TencentCall for Reframing {
    fn to_request(&self, _: &TencentCredentials) -> Result<HttpRequest, Error> {
        let mut request = HttpRequest::new(Method::Put, "/v1/real-control/meetings/1242152152161/mutes");
        request.push_header("X-Fine", "1");
        request.push_header(self.0, "0");
        request.body = b"{}".to_vec();
        Ok(request)
    }
}

impl HuaweiCall for Reframing {
    fn to_request(&self, conference_id: &str) -> Result<HttpRequest, Error> {
        let mut request = HttpRequest::new(Method::Put, MUTE_PATH);
        request.query = format!("conferenceID={conference_id}&participantID={BOB}");
        request.push_header(self.0, "0");
        request.body = br#"{"isMute":1}"#.to_vec();
        Ok(request)
    }
}

#[test]
fn a_custom_call_cannot_set_the_headers_that_frame_the_message() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let creds = TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None);
    let client = TencentClient::new(creds, config(&emu, Duration::from_secs(5))).unwrap();
    let huawei =
        HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(&emu, Duration::from_secs(5))).unwrap();
    let conf = huawei.conference("914083136", ConferenceAuth::Password(Secret::new("157599"))).unwrap();
    mute_bob(&conf).unwrap(); // the control token is fetched: from here on, nothing more is sent
    let before = emu.state()["request_count"].as_u64().unwrap();
    for name in [
        "Host",
        "Content-Length",
        "content-length",
        "Transfer-Encoding",
        "Connection",
        "TE",
        "Upgrade",
        "Expect",
    ] {
        let field = format!("headers.{name}");
        for e in [client.call(&Reframing(name)).unwrap_err(), client.prepare(&Reframing(name)).unwrap_err()] {
            assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field.as_str())), "{e}");
        }
        for e in [conf.call(&Reframing(name)).unwrap_err(), conf.prepare(&Reframing(name)).unwrap_err()] {
            assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field.as_str())), "{e}");
        }
    }
    assert_eq!(emu.state()["request_count"].as_u64().unwrap(), before, "something was sent");
    // Any other header of the caller's goes out.
    conf.call(&Reframing("X-Also-Fine")).unwrap();
    assert_eq!(emu.state()["request_count"].as_u64().unwrap(), before + 1);
}

fn tencent(config: ClientConfig) -> TencentClient {
    let creds = TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None);
    TencentClient::new(creds, config).unwrap()
}

const COHOSTS: &str = "/v1/real-control/meetings/1242152152161/cohosts";

fn statuses(emu: &Emulator, path: &str) -> Vec<u64> {
    emu.state()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["path"] == path)
        .map(|r| r["status"].as_u64().unwrap())
        .collect()
}

#[test]
fn passing_faults_are_retried_each_attempt_signed_afresh() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(config(&emu, Duration::from_secs(10)));
    let (op, bob) = (
        TencentUser::ms_open_id("afagsagwags", Instance::Ios),
        TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Mac),
    );
    // A 503 and a 429 with Retry-After 1: the third attempt goes through. A reused nonce would be
    // refused as a replay (190301), so success also proves every attempt was signed afresh.
    emu.inject(Fault::status(503).on_path(COHOSTS).times(1));
    emu.inject(Fault::rate_limit(1).on_path(COHOSTS).times(1));
    let began = Instant::now();
    client.set_cohost("1242152152161", &op, &bob).unwrap();
    assert!(began.elapsed() >= Duration::from_secs(1), "Retry-After was honoured");
    assert_eq!(statuses(&emu, COHOSTS), [503, 429, 200]);
    // Out of attempts: the last answer, with the attempts made.
    emu.inject(Fault::status(502).on_path(COHOSTS).times(3));
    let e = client.revoke_cohost("1242152152161", &op, &bob).unwrap_err();
    assert_eq!((e.kind(), e.status(), e.attempts()), (ErrorKind::Api, Some(502), 3));
}

#[test]
fn a_business_error_is_sent_exactly_once() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(config(&emu, Duration::from_secs(10)));
    let bob = TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Mac);
    // Bob is an attendee: the vendor refuses (9042). Never repeated.
    let e = client.set_cohost("1242152152161", &bob, &bob).unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::PermissionDenied, 1));
    assert_eq!(statuses(&emu, COHOSTS).len(), 1);
    // Nothing sent at all: zero attempts.
    assert_eq!(client.set_cohost("", &bob, &bob).unwrap_err().attempts(), 0);
}

#[test]
fn a_refused_connection_is_retried_within_the_deadline() {
    // Nothing listens on this port: connecting fails at once, and is retried (it cannot have
    // reached a server) until the attempts run out.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let config = ClientConfig::new()
        .base_url(format!("http://127.0.0.1:{port}"))
        .proxy(ProxySetting::Disabled)
        .timeout(Duration::from_secs(5));
    let creds = TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None);
    let client = TencentClient::new(creds, config).unwrap();
    let op = TencentUser::ms_open_id("afagsagwags", Instance::Ios);
    let e = client.close_video("1", &op, &op).unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Connection, 3));
}

/// A random source that always fails, as a broken OS generator would.
#[derive(Debug)]
struct BrokenRandom;

impl meetctl::clock::RandomSource for BrokenRandom {
    fn fill(&self, _: &mut [u8]) -> Result<(), Error> {
        Err(meetctl::Error::invalid("random", "test: no randomness"))
    }
}

#[test]
fn no_randomness_means_no_request_never_a_guessable_nonce() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(config(&emu, Duration::from_secs(5)).random(Arc::new(BrokenRandom)));
    let op = TencentUser::ms_open_id("afagsagwags", Instance::Ios);
    assert!(client.close_video("1242152152161", &op, &op).is_err());
    assert_eq!(emu.state()["request_count"].as_u64().unwrap(), 0, "nothing was sent");
}

#[test]
fn huge_ids_are_refused_by_validation_naming_the_field() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(config(&emu, Duration::from_secs(5)));
    let huge = "1".repeat(1 << 20);
    let op = TencentUser::ms_open_id("afagsagwags", Instance::Ios);
    let e = client.close_video(&huge, &op, &op).unwrap_err();
    assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("meeting_id")));
    let e = client
        .close_video("1242152152161", &TencentUser::ms_open_id(huge.clone(), Instance::Ios), &op)
        .unwrap_err();
    assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("operator.id")));
    let hw =
        HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(&emu, Duration::from_secs(5))).unwrap();
    let e = hw.conference(&huge, ConferenceAuth::Password(Secret::new("157599"))).unwrap_err();
    assert_eq!(e.field(), Some("conference_id"));
    let e = hw.conference("914083136", ConferenceAuth::Password(Secret::new("x".repeat(5000)))).unwrap_err();
    assert_eq!(e.field(), Some("password"));
    assert_eq!(emu.state()["request_count"].as_u64().unwrap(), 0);
}

/// How many requests the emulator received on `path`, whatever became of them.
fn received(emu: &Emulator, path: &str) -> usize {
    emu.state()["requests"].as_array().unwrap().iter().filter(|r| r["path"] == path).count()
}

const KICKOUT: &str = "/v1/real-control/meetings/1242152152161/kickout";
const MUTES: &str = "/v1/real-control/meetings/1242152152161/mutes";
const DISMISS: &str = "/v1/meetings/1242152152161/dismiss";
const HANG_UP_PATH: &str = "/v1/mmc/control/conferences/participants/delete";

fn alice_and_bob() -> (TencentUser, TencentUser) {
    (
        TencentUser::ms_open_id("afagsagwags", Instance::Ios),
        TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Mac),
    )
}

#[test]
fn an_action_not_safe_to_repeat_is_sent_once_on_a_gateway_timeout() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(config(&emu, Duration::from_secs(10)));
    let (alice, bob) = alice_and_bob();
    // The gateway timed out; the vendor may have acted. Removing someone and ending the meeting
    // are not repeated on such an answer.
    for status in [504, 502, 503, 408] {
        emu.inject(Fault::status(status).on_path(KICKOUT).times(1));
        let e = client.kick_out("1242152152161", &alice, &[&bob], true, None).unwrap_err();
        assert_eq!((e.status(), e.attempts()), (Some(status), 1), "{e}");
    }
    assert_eq!(statuses(&emu, KICKOUT), [504, 502, 503, 408]);
    emu.inject(Fault::status(504).on_path(DISMISS).times(1));
    let e = client.end_meeting("1242152152161", &alice, meetctl::Args::new()).unwrap_err();
    assert_eq!((e.status(), e.attempts()), (Some(504), 1), "{e}");
    assert_eq!(statuses(&emu, DISMISS), [504]);
    // Huawei: hanging up.
    let huawei =
        HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(&emu, Duration::from_secs(10)))
            .unwrap();
    let conf = huawei.conference("914083136", ConferenceAuth::Password(Secret::new("157599"))).unwrap();
    emu.inject(Fault::status(504).on_path(HANG_UP_PATH).times(1));
    let e = conf.hang_up(&[BOB]).unwrap_err();
    assert_eq!((e.status(), e.attempts()), (Some(504), 1), "{e}");
    assert_eq!(statuses(&emu, HANG_UP_PATH), [504]);
}

#[test]
fn a_state_set_is_repeated_on_a_gateway_timeout() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(config(&emu, Duration::from_secs(10)));
    let (alice, bob) = alice_and_bob();
    emu.inject(Fault::status(504).on_path(MUTES).times(1));
    client.mute("1242152152161", &alice, &bob).unwrap();
    assert_eq!(statuses(&emu, MUTES), [504, 200]);
    let huawei =
        HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(&emu, Duration::from_secs(10)))
            .unwrap();
    let conf = huawei.conference("914083136", ConferenceAuth::Password(Secret::new("157599"))).unwrap();
    emu.inject(Fault::status(502).on_path(MUTE_PATH).times(1));
    conf.mute(BOB).unwrap();
    assert_eq!(statuses(&emu, MUTE_PATH), [502, 200]);
}

#[test]
fn an_action_not_safe_to_repeat_is_repeated_when_rate_limited() {
    // A rate-limited request was not acted on: repeating it does no harm.
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(config(&emu, Duration::from_secs(10)));
    let (alice, bob) = alice_and_bob();
    emu.inject(Fault::rate_limit(0).on_path(KICKOUT).times(1));
    client.kick_out("1242152152161", &alice, &[&bob], true, None).unwrap();
    assert_eq!(statuses(&emu, KICKOUT), [429, 200]);
}

#[test]
fn a_request_lost_on_a_reused_connection_is_repeated_only_when_safe() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(config(&emu, Duration::from_secs(10)));
    let (alice, bob) = alice_and_bob();
    client.unmute("1242152152161", &alice, &bob).unwrap(); // a pooled connection to reuse
    // The vendor acts on the request, then the connection drops before the answer.
    emu.inject(Fault::reset_after_request().on_path(KICKOUT).times(1));
    let e = client.kick_out("1242152152161", &alice, &[&bob], true, None).unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Connection, 1), "{e}");
    assert_eq!(received(&emu, KICKOUT), 1, "an unsafe request was repeated");
    // Bob is gone now; Dave is muted by the repeat of a mute that was lost the same way.
    let dave = TencentUser::ms_open_id("msopenid-dave", Instance::Android);
    emu.inject(Fault::reset_after_request().on_path(MUTES).times(1));
    client.mute("1242152152161", &alice, &dave).unwrap();
    assert_eq!(received(&emu, MUTES), 3, "the unmute, the lost mute and its repeat");
}
