//! Every fault the emulator can inject, through the real clients: what the caller gets (a value
//! or an error kind) and how many attempts the emulator saw, against the retry rules — any call
//! is retried when no connection could be made or the vendor said it was rate-limited (429,
//! Retry-After up to 10 s); a call safe to repeat (a lookup, a token, setting a state) also after
//! 408, 502, 503, 504 and a connection lost mid-exchange; never a business error; at most 3
//! attempts, all inside the call's one deadline; redirects never followed.

mod common;

use std::io::ErrorKind as IoKind;
use std::net::TcpListener;
use std::time::{Duration, Instant};

use common::*;
use meetctl::huawei::{AccountAuth, ConferenceAuth, HuaweiClient, Region};
use meetctl::tencent::{TencentClient, TencentCredentials};
use meetctl::{ClientConfig, Error, ErrorKind, Method, Secret};
use meetctl_emulator::{Emulator, Fault, FaultKind};
use serde_json::Value;

const COHOSTS: &str = "/v1/real-control/meetings/1242152152161/cohosts";
const MEETING_INFO: &str = "/v1/meetings/1242152152161";
const TOKEN_PATH: &str = "/v1/mmc/control/conferences/token";
const MUTE_PATH: &str = "/v1/mmc/control/conferences/participants/mute";
const KICKOUT: &str = "/v1/real-control/meetings/1242152152161/kickout";
const HANG_UP: &str = "/v1/mmc/control/conferences/participants/delete";

/// The calls the faults are tried on: a Tencent PUT safe to repeat (co-host) and one that is not
/// (kick out), a Tencent GET, Huawei's control-token GET, and Huawei control calls safe to repeat
/// (mute) and not (hang up), their token fetched unharmed first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Call {
    TencentPut,
    TencentKick,
    TencentGet,
    HuaweiToken,
    HuaweiPut,
    HuaweiHangUp,
}

impl Call {
    /// The path the fault is put on and the attempts are counted at.
    fn path(self) -> &'static str {
        match self {
            Call::TencentPut => COHOSTS,
            Call::TencentKick => KICKOUT,
            Call::TencentGet => MEETING_INFO,
            Call::HuaweiToken => TOKEN_PATH,
            Call::HuaweiPut => MUTE_PATH,
            Call::HuaweiHangUp => HANG_UP,
        }
    }

    /// Makes the call with a fresh client (so no pooled connection, cached token or remembered
    /// failure carries over from another case).
    fn run(self, config: ClientConfig) -> Result<(), Error> {
        self.ready(config)()
    }

    /// A fresh client, ready to make the call.
    fn ready(self, config: ClientConfig) -> Box<dyn FnOnce() -> Result<(), Error>> {
        match self {
            Call::TencentPut => {
                let client = tencent_client(config);
                Box::new(move || client.set_cohost(MEETING, &host(), &attendee()))
            }
            Call::TencentKick => {
                let client = tencent_client(config);
                Box::new(move || client.kick_out(MEETING, &host(), &[&attendee()], true, None))
            }
            Call::TencentGet => {
                let client = tencent_client(config);
                Box::new(move || {
                    client
                        .request(Method::Get, MEETING_INFO, &[("userid", "alice"), ("instanceid", "1")], None)
                        .map(drop)
                })
            }
            Call::HuaweiToken => {
                let conference = huawei_conference(config);
                Box::new(move || conference.control_token().map(drop))
            }
            Call::HuaweiPut => {
                let conference = huawei_conference(config);
                Box::new(move || conference.mute(PARTICIPANT))
            }
            Call::HuaweiHangUp => {
                let conference = huawei_conference(config);
                Box::new(move || conference.hang_up(&[PARTICIPANT]))
            }
        }
    }
}

fn tencent_client(config: ClientConfig) -> TencentClient {
    TencentClient::new(TencentCredentials::enterprise(APP_ID, SECRET_ID, SECRET_KEY, None), config).unwrap()
}

fn huawei_conference(config: ClientConfig) -> meetctl::huawei::Conference {
    HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config)
        .unwrap()
        .conference(CONF, ConferenceAuth::Password(Secret::new(HOST_PWD)))
        .unwrap()
}

/// The requests the emulator logged for `path`: (status, fault name).
fn log_for(emu: &Emulator, path: &str) -> Vec<(u64, Option<String>)> {
    emu.state()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["path"] == path)
        .map(|r| (r["status"].as_u64().unwrap(), r["fault"].as_str().map(str::to_owned)))
        .collect()
}

/// What a call is expected to end in.
type Outcome = Result<(), ErrorKind>;

struct Case {
    fault: Fault,
    call: Call,
    outcome: Outcome,
    /// Requests the emulator sees at the faulted path.
    attempts: usize,
}

fn case(fault: Fault, call: Call, outcome: Outcome, attempts: usize) -> Case {
    Case { fault, call, outcome, attempts }
}

/// Runs each case on its own emulator; returns the table rows, or panics listing every mismatch.
fn run_cases(cases: Vec<Case>, config: impl Fn(&Emulator) -> ClientConfig) {
    let mut failures = Vec::new();
    for Case { fault, call, outcome, attempts } in cases {
        let emu = start_with_rate_limit(100_000);
        let label = format!("{} on {call:?}", serde_json::to_string(&fault).unwrap());
        emu.inject(fault.on_path(call.path()));
        let result = call.run(config(&emu));
        let log = log_for(&emu, call.path());
        let got = result.as_ref().map(|_| ()).map_err(Error::kind);
        let row = format!(
            "{label:<90} -> {:<24} attempts {} (error says {})",
            match &got {
                Ok(()) => "ok".to_owned(),
                Err(kind) => kind.to_string(),
            },
            log.len(),
            result.as_ref().err().map_or("-".to_owned(), |e| e.attempts().to_string()),
        );
        eprintln!("{row}");
        if got != outcome || log.len() != attempts {
            failures.push(format!("{row}\n    expected {outcome:?}, {attempts} attempts; log {log:?}"));
        }
        // An error from the faulted exchange reports the attempts the emulator saw.
        if let Err(e) = &result {
            if e.attempts() as usize != attempts {
                failures.push(format!("{row}\n    the error reports {} attempts: {e:?}", e.attempts()));
            }
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

fn fault_config(emu: &Emulator) -> ClientConfig {
    config(emu).timeout(Duration::from_secs(5))
}

use Call::*;

const OK: Outcome = Ok(());
const CONNECTION: Outcome = Err(ErrorKind::Connection);
const API: Outcome = Err(ErrorKind::Api);
const MALFORMED: Outcome = Err(ErrorKind::MalformedResponse);
const RATE_LIMITED: Outcome = Err(ErrorKind::RateLimited);

#[test]
fn connection_faults_are_retried_only_where_nothing_can_have_been_done_twice() {
    run_cases(
        vec![
            // Reset with the request head parsed, nothing processed: a call safe to repeat is
            // repeated, one that is not is not (the client cannot know whether it was done).
            case(Fault::reset(), TencentPut, OK, 2),
            case(Fault::reset(), TencentKick, CONNECTION, 1),
            case(Fault::reset(), TencentGet, OK, 2),
            case(Fault::reset().times(3), TencentGet, CONNECTION, 3),
            case(Fault::reset(), HuaweiToken, OK, 2),
            case(Fault::reset(), HuaweiPut, OK, 2),
            case(Fault::reset(), HuaweiHangUp, CONNECTION, 1),
            // Reset after the request was processed: the same from the client's side.
            case(Fault::reset_after_request(), TencentPut, OK, 2),
            case(Fault::reset_after_request(), TencentKick, CONNECTION, 1),
            case(Fault::reset_after_request(), TencentGet, OK, 2),
            case(Fault::reset_after_request(), HuaweiToken, OK, 2),
            case(Fault::reset_after_request(), HuaweiPut, OK, 2),
            case(Fault::reset_after_request(), HuaweiHangUp, CONNECTION, 1),
            // Reset on accept, before a byte of the request is read: the connection was made and
            // the request written, so it is a lost exchange too.
            case(Fault::reset_on_accept(), TencentPut, OK, 2),
            case(Fault::reset_on_accept(), TencentKick, CONNECTION, 1),
            case(Fault::reset_on_accept(), TencentGet, OK, 2),
            case(Fault::reset_on_accept().times(3), TencentGet, CONNECTION, 3),
            case(Fault::reset_on_accept(), HuaweiToken, OK, 2),
            // Delays and trickled bodies inside the deadline are just slow.
            case(Fault::delay(300), TencentPut, OK, 1),
            case(Fault::delay(300), HuaweiToken, OK, 1),
            case(Fault::trickle(4, 10), TencentGet, OK, 1),
            case(Fault::trickle(1, 20), TencentPut, OK, 1),
            case(Fault::trickle(8, 10), HuaweiToken, OK, 1),
        ],
        fault_config,
    );
}

#[test]
fn status_faults_follow_the_retry_rules() {
    run_cases(
        vec![
            // 5xx bursts: 502, 503, 504 (and 408) are repeated, up to 3 attempts.
            case(Fault::status(503).times(2), TencentPut, OK, 3),
            case(Fault::status(503).times(3), TencentPut, API, 3),
            case(Fault::status(502), TencentPut, OK, 2),
            case(Fault::status(504), TencentGet, OK, 2),
            case(Fault::status(408), TencentPut, OK, 2),
            case(Fault::status(503).times(2), HuaweiToken, OK, 3),
            case(Fault::status(502).times(3), HuaweiToken, API, 3),
            case(Fault::status(503).times(2), HuaweiPut, OK, 3),
            // ... but not for a call that is not safe to repeat: the vendor may have acted.
            case(Fault::status(503), TencentKick, API, 1),
            case(Fault::status(504), TencentKick, API, 1),
            case(Fault::status(408), TencentKick, API, 1),
            case(Fault::status(502), HuaweiHangUp, API, 1),
            // Other statuses are answers: never repeated.
            case(Fault::status(500), TencentPut, API, 1),
            case(Fault::status(501), TencentGet, API, 1),
            case(Fault::status(500), HuaweiToken, API, 1),
            case(Fault::status(404), TencentPut, Err(ErrorKind::NotFound), 1),
            // 429: repeated after Retry-After (0 s here; 1 s and too long below).
            case(Fault::rate_limit(0).times(2), TencentPut, OK, 3),
            case(Fault::rate_limit(0).times(3), TencentPut, RATE_LIMITED, 3),
            case(Fault::rate_limit(0), HuaweiToken, OK, 2),
            case(Fault::rate_limit(0).times(3), HuaweiPut, RATE_LIMITED, 3),
            // A rate-limited call was not acted on: repeated whatever it is.
            case(Fault::rate_limit(0), TencentKick, OK, 2),
            case(Fault::rate_limit(0), HuaweiHangUp, OK, 2),
            // Retry-After beyond the 10 s cap: not waited for.
            case(Fault::rate_limit(11), TencentPut, RATE_LIMITED, 1),
            case(Fault::rate_limit(11), HuaweiToken, RATE_LIMITED, 1),
        ],
        fault_config,
    );
}

#[test]
fn bodies_that_cannot_be_understood() {
    let html_json = FaultKind::WrongContentType {
        status: 200,
        content_type: "text/html".into(),
        body: Some("{}".into()),
    };
    let chunked = |bytes| Fault::new(FaultKind::Oversized { bytes, status: 200, chunked: true });
    let oversized_503 = Fault::new(FaultKind::Oversized { bytes: 2 << 20, status: 503, chunked: false });
    run_cases(
        vec![
            // Truncated JSON.
            case(Fault::malformed(), TencentPut, MALFORMED, 1),
            case(Fault::malformed(), TencentGet, MALFORMED, 1),
            case(Fault::malformed(), HuaweiToken, MALFORMED, 1),
            case(Fault::malformed(), HuaweiPut, MALFORMED, 1),
            // Truncated JSON with a 503: the status asks for a retry, the body does not matter.
            case(Fault::new(FaultKind::Malformed { status: 503 }), TencentPut, OK, 2),
            case(Fault::new(FaultKind::Malformed { status: 503 }).times(3), TencentPut, API, 3),
            // Over the 1 MiB cap, declared or chunked: refused, not repeated.
            case(Fault::oversized(2 << 20), TencentGet, MALFORMED, 1),
            case(chunked(2 << 20), TencentPut, MALFORMED, 1),
            case(Fault::oversized(2 << 20), HuaweiToken, MALFORMED, 1),
            case(chunked(64 << 20), HuaweiPut, MALFORMED, 1),
            // A 503 whose body is over the cap: the body cannot be read, so no retry.
            case(oversized_503, TencentPut, MALFORMED, 1),
            // Under the cap and valid JSON: fine.
            case(Fault::oversized(100_000), TencentPut, OK, 1),
            case(Fault::oversized(100_000), TencentGet, OK, 1),
            // HTML from a gateway: a 200 cannot be read; a 502 is retried, then an API error.
            case(Fault::wrong_content_type(200), TencentPut, MALFORMED, 1),
            case(Fault::wrong_content_type(200), TencentGet, MALFORMED, 1),
            case(Fault::wrong_content_type(200), HuaweiToken, MALFORMED, 1),
            case(Fault::wrong_content_type(502), HuaweiToken, OK, 2),
            case(Fault::wrong_content_type(502).times(3), TencentPut, API, 3),
            case(Fault::wrong_content_type(500), TencentGet, API, 1),
            // The content type itself is not checked: JSON labelled text/html is read.
            case(Fault::new(html_json), TencentPut, OK, 1),
        ],
        fault_config,
    );
}

#[test]
fn redirects_are_answers_never_followed() {
    run_cases(
        vec![
            case(Fault::redirect(302), TencentPut, API, 1),
            case(Fault::redirect(301), TencentGet, API, 1),
            case(Fault::redirect(307), HuaweiToken, API, 1),
            case(Fault::redirect(308), HuaweiPut, API, 1),
            case(Fault::redirect(303), TencentGet, API, 1),
        ],
        fault_config,
    );
}

#[test]
fn credentials_never_go_to_the_host_a_redirect_names() {
    let other = TcpListener::bind("127.0.0.2:0").unwrap();
    other.set_nonblocking(true).unwrap();
    let other_base = format!("http://{}", other.local_addr().unwrap());
    for call in [TencentPut, TencentGet, HuaweiToken, HuaweiPut] {
        for status in [301, 302, 303, 307, 308] {
            let emu = start();
            emu.inject(
                Fault::new(FaultKind::Redirect {
                    status,
                    location: Some(format!("{other_base}{}?conferenceID={CONF}", call.path())),
                })
                .on_path(call.path()),
            );
            let e = call.run(fault_config(&emu)).unwrap_err();
            assert_eq!((e.kind(), e.status(), e.attempts()), (ErrorKind::Api, Some(status), 1), "{call:?}");
            assert!(!e.to_string().contains(&other_base), "{e}");
            assert_eq!(log_for(&emu, call.path()).len(), 1);
        }
    }
    std::thread::sleep(Duration::from_millis(50));
    match other.accept() {
        Err(e) if e.kind() == IoKind::WouldBlock => {}
        other => panic!("the other host was contacted: {other:?}"),
    }
}

#[test]
fn rate_limit_waits_retry_after_only_when_it_fits_the_deadline() {
    // Retry-After 1 s inside a 5 s deadline: waited, then the call goes through.
    let emu = start();
    emu.inject(Fault::rate_limit(1).on_path(COHOSTS));
    let began = Instant::now();
    TencentPut.run(fault_config(&emu)).unwrap();
    assert!(began.elapsed() >= Duration::from_secs(1), "{:?}", began.elapsed());
    assert_eq!(log_for(&emu, COHOSTS).len(), 2);
    // The same with a 500 ms deadline: not waited for, the 429 is the answer at once.
    for call in [TencentPut, HuaweiToken] {
        let emu = start();
        emu.inject(Fault::rate_limit(1).on_path(call.path()));
        let began = Instant::now();
        let e = call.run(config(&emu).timeout(Duration::from_millis(500))).unwrap_err();
        assert_eq!(
            (e.kind(), e.attempts(), e.retry_after()),
            (ErrorKind::RateLimited, 1, Some(Duration::from_secs(1)))
        );
        assert!(began.elapsed() < Duration::from_millis(400), "{:?}", began.elapsed());
    }
}

/// A timed-out call returns within its deadline plus this.
const SLACK: Duration = Duration::from_millis(100);

#[test]
fn a_timed_out_call_returns_within_its_deadline() {
    let deadline = Duration::from_millis(600);
    let cases = [
        // Too slow to answer.
        (Fault::delay(5_000), TencentPut, 1),
        (Fault::delay(5_000), TencentGet, 1),
        (Fault::delay(5_000), HuaweiToken, 1),
        (Fault::delay(5_000), HuaweiPut, 1),
        // Answering at once, but the body comes a byte every 150 ms.
        (Fault::trickle(1, 150), TencentGet, 1),
        (Fault::trickle(1, 150), HuaweiToken, 1),
        (Fault::trickle(1, 700), TencentPut, 1),
        // A burst of 503s, then a slow answer: the retries share the one deadline.
        (Fault::status(503), TencentPut, 2),
        (Fault::status(503), HuaweiToken, 2),
        // A reset GET, then a slow answer.
        (Fault::reset(), TencentGet, 2),
    ];
    let mut failures = Vec::new();
    for (fault, call, attempts) in cases {
        let emu = start();
        let label = format!("{} on {call:?}", serde_json::to_string(&fault).unwrap());
        let leading = !matches!(fault.kind, FaultKind::Delay { .. } | FaultKind::Trickle { .. });
        emu.inject(fault.on_path(call.path()));
        if leading {
            emu.inject(Fault::delay(5_000).on_path(call.path()));
        }
        let ready = call.ready(config(&emu).timeout(deadline));
        let began = Instant::now();
        let result = ready();
        let elapsed = began.elapsed();
        let seen = log_for(&emu, call.path()).len();
        let row = format!("{label:<60} -> {result:?} after {} ms, {seen} attempts", elapsed.as_millis());
        eprintln!("{row}");
        let e = match result {
            Ok(()) => {
                failures.push(row);
                continue;
            }
            Err(e) => e,
        };
        // The delayed request is logged only when its answer is produced: count the attempts
        // the client made.
        if e.kind() != ErrorKind::Timeout || elapsed > deadline + SLACK || e.attempts() != attempts {
            failures.push(row);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_business_error_is_sent_exactly_once() {
    // Tencent 9042: the operator (an attendee) may not do this.
    let emu = start();
    let e = tencent_client(fault_config(&emu)).set_cohost(MEETING, &attendee(), &attendee()).unwrap_err();
    assert_eq!((e.kind(), e.code(), e.attempts()), (ErrorKind::PermissionDenied, Some("9042"), 1));
    assert_eq!(log_for(&emu, COHOSTS).len(), 1);
    // Tencent 9003 on a GET: an unknown meeting is not asked about again.
    let e = tencent_client(fault_config(&emu))
        .request(Method::Get, "/v1/meetings/999", &[("userid", "alice"), ("instanceid", "1")], None)
        .unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::NotFound, 1), "{e:?}");
    assert_eq!(log_for(&emu, "/v1/meetings/999").len(), 1);
    // Huawei: a wrong conference password on the token GET, asked once.
    let conf = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, fault_config(&emu))
        .unwrap()
        .conference(CONF, ConferenceAuth::Password(Secret::new("000000")))
        .unwrap();
    let e = conf.mute(PARTICIPANT).unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Auth, 1), "{e:?}");
    assert_eq!(log_for(&emu, TOKEN_PATH).len(), 1);
    assert!(log_for(&emu, MUTE_PATH).is_empty());
}

#[test]
fn a_lost_answer_to_a_call_not_safe_to_repeat_is_not_repeated_and_its_change_stands() {
    let emu = start();
    emu.inject(Fault::reset_after_request().on_path(KICKOUT));
    let e = TencentKick.run(fault_config(&emu)).unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Connection, 1));
    // The server did it; the client was told it failed, and did not do it again.
    assert_eq!(participant(&emu, MEETING, "agaqwwgdkkddd")["removed"], true);
    assert_eq!(log_for(&emu, KICKOUT), [(0, Some("reset_after_request".to_owned()))]);
    // Before processing: not done, not repeated.
    let emu = start();
    emu.inject(Fault::reset().on_path(KICKOUT));
    assert_eq!(TencentKick.run(fault_config(&emu)).unwrap_err().attempts(), 1);
    assert_eq!(participant(&emu, MEETING, "agaqwwgdkkddd")["removed"], false);
    // A state set lost the same way is simply set again.
    let emu = start();
    emu.inject(Fault::reset_after_request().on_path(COHOSTS));
    TencentPut.run(fault_config(&emu)).unwrap();
    assert_eq!(participant(&emu, MEETING, "agaqwwgdkkddd")["role"], "cohost");
    assert_eq!(log_for(&emu, COHOSTS).len(), 2);
    // Huawei's token GET lost after it was issued: asked again, a second token issued.
    let emu = start();
    emu.inject(Fault::reset_after_request().on_path(TOKEN_PATH));
    HuaweiToken.run(fault_config(&emu)).unwrap();
    assert_eq!(huawei_count(&emu, "control_tokens_issued"), 2);
}

#[test]
fn every_state_request_record_names_its_fault() {
    let emu = start();
    emu.inject(Fault::status(503).on_path(COHOSTS));
    TencentPut.run(fault_config(&emu)).unwrap();
    let log: Vec<Value> = emu.state()["requests"].as_array().unwrap().clone();
    let faults: Vec<&Value> = log.iter().map(|r| &r["fault"]).collect();
    assert_eq!(faults, [&Value::from("status"), &Value::Null]);
}

/// Core issue: an answer that arrives but lacks what the call needs (a token answer without
/// `data.token`) is a `MalformedResponse` reporting 0 attempts, which the documentation of
/// `Error::attempts` reserves for "nothing was sent"; the emulator saw one request.
#[test]

fn an_unusable_answer_reports_the_attempt_that_fetched_it() {
    let emu = start();
    emu.inject(Fault::oversized(1_000).on_path(TOKEN_PATH));
    let e = HuaweiToken.run(fault_config(&emu)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MalformedResponse);
    assert_eq!(log_for(&emu, TOKEN_PATH).len(), 1);
    assert_eq!(e.attempts(), 1, "{e:?}");
}
