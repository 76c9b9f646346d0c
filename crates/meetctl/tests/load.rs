//! Load: 8 threads x 2,000 calls through ONE client against the emulator, with about 5% of the
//! requests meeting a random fault (seeded, a mix of every kind). Every call must end in success
//! or the error its fault explains, nothing may panic, and file descriptors and memory must come
//! back flat.
//!
//! Figures go to the process's stderr directly, so they show without `--nocapture`. About 11 s
//! in a debug build on 2 cores; `cargo test --release -p meetctl --test load` is faster.

mod common;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::*;
use meetctl::tencent::{TencentClient, TencentCredentials};
use meetctl::{Error, ErrorKind, Method};
use meetctl_emulator::{Emulator, Fault, FaultKind};

const THREADS: usize = 8;
const CALLS_PER_THREAD: usize = 2_000;
/// Calls per thread before the baseline is taken.
const WARM_UP_CALLS: usize = 30;
const MEETING_INFO: &str = "/v1/meetings/1242152152161";
/// The client's response cap in this test; the `oversized` fault sends more.
const CAP: u64 = 64 * 1024;
/// How many more file descriptors than before the run are accepted afterwards (pooled
/// connections, both ends of each in this process).
const FD_MARGIN: usize = 16;
/// How much the resident set may grow over the run (the in-process emulator keeps a request log
/// of 10,000 entries and every nonce it saw; allocator arenas of 8 more threads).
const RSS_GROWTH_LIMIT_KB: u64 = 96 * 1024;

/// Writes a line to the process's stderr, past the test harness's output capture.
fn report(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map(Iterator::count).unwrap_or(0)
}

fn rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// The fault mix: about 5% of requests in all (a miss falls through to the next fault).
fn inject_mix(emu: &Emulator) {
    let mix: [(FaultKind, f64); 11] = [
        (FaultKind::Delay { ms: 20 }, 0.006),
        (FaultKind::Trickle { chunk_bytes: 16, interval_ms: 2 }, 0.006),
        (FaultKind::Reset, 0.006),
        (FaultKind::ResetAfterRequest, 0.006),
        (FaultKind::ResetOnAccept, 0.006),
        (FaultKind::Status { status: 503, body: None }, 0.006),
        (FaultKind::RateLimit { retry_after: 0 }, 0.005),
        (FaultKind::Malformed { status: 200 }, 0.003),
        (FaultKind::Oversized { bytes: CAP + 1, status: 200, chunked: false }, 0.002),
        (FaultKind::WrongContentType { status: 200, content_type: "text/html".into(), body: None }, 0.002),
        (FaultKind::Redirect { status: 302, location: None }, 0.002),
    ];
    for (seed, (kind, p)) in (1u64..).zip(mix) {
        emu.inject(Fault::random(kind, p, seed));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Op {
    SetCohost,
    Get,
    RevokeCohost,
}

fn call(client: &TencentClient, op: Op) -> Result<(), Error> {
    match op {
        Op::SetCohost => client.set_cohost(MEETING, &host(), &attendee()),
        Op::RevokeCohost => client.revoke_cohost(MEETING, &host(), &attendee()),
        Op::Get => client
            .request(Method::Get, MEETING_INFO, &[("userid", "alice"), ("instanceid", "1")], None)
            .map(drop),
    }
}

/// Whether `e` is what a fault of the mix can make of `op`: a PUT whose connection was lost
/// (a GET is repeated), an answer that cannot be read, a redirect, or retryable answers until
/// the attempts ran out.
fn explained(op: Op, e: &Error) -> bool {
    match e.kind() {
        ErrorKind::Connection => op != Op::Get || e.attempts() == 3,
        ErrorKind::MalformedResponse => true,
        // A redirect ends the call whatever came before it; 503s only when all 3 were.
        ErrorKind::Api => match e.status() {
            Some(302) => true,
            Some(503) => e.attempts() == 3,
            _ => false,
        },
        ErrorKind::RateLimited => e.attempts() == 3,
        _ => false,
    }
}

#[test]
fn eight_threads_through_one_client_with_five_percent_faults() {
    let emu = start_with_rate_limit(u32::MAX);
    let fds_without_client = open_fds();
    let config = config(&emu).timeout(Duration::from_secs(10)).max_response_bytes(CAP);
    let client =
        TencentClient::new(TencentCredentials::enterprise(APP_ID, SECRET_ID, SECRET_KEY, None), config)
            .expect("valid client");
    let ops = [Op::SetCohost, Op::Get, Op::RevokeCohost];

    // Warm up without faults: threads, pools and allocator arenas exist before the baseline.
    std::thread::scope(|s| {
        for t in 0..THREADS {
            let client = &client;
            s.spawn(move || {
                for i in 0..WARM_UP_CALLS {
                    call(client, ops[(t + i) % ops.len()]).expect("no faults yet");
                }
            });
        }
    });
    let (fds_before, rss_before) = (open_fds(), rss_kb());
    let requests_before = emu.state()["request_count"].as_u64().unwrap();
    let connections_before = emu.state()["connections_accepted"].as_u64().unwrap();

    inject_mix(&emu);
    let outcomes: Mutex<BTreeMap<String, u64>> = Mutex::new(BTreeMap::new());
    let unexplained: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let began = Instant::now();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let (client, outcomes, unexplained) = (&client, &outcomes, &unexplained);
                s.spawn(move || {
                    let mut mine: BTreeMap<String, u64> = BTreeMap::new();
                    for i in 0..CALLS_PER_THREAD {
                        let op = ops[(t + i) % ops.len()];
                        let key = match call(client, op) {
                            Ok(()) => "ok".to_owned(),
                            Err(e) => {
                                if !explained(op, &e) {
                                    unexplained.lock().unwrap().push(format!("{op:?}: {e:?}"));
                                }
                                match e.status() {
                                    Some(status) => format!("{} (HTTP {status})", e.kind()),
                                    None => e.kind().to_string(),
                                }
                            }
                        };
                        *mine.entry(key).or_default() += 1;
                    }
                    let mut all = outcomes.lock().unwrap();
                    for (k, v) in mine {
                        *all.entry(k).or_default() += v;
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("no caller panicked");
        }
    });
    let elapsed = began.elapsed();
    emu.clear_faults();
    // Let the server ends of connections the client gave up go.
    std::thread::sleep(Duration::from_millis(200));
    let (fds_after, rss_after) = (open_fds(), rss_kb());
    drop(client);
    std::thread::sleep(Duration::from_millis(200));
    let fds_dropped = open_fds();

    let state = emu.state();
    let requests = state["request_count"].as_u64().unwrap() - requests_before;
    let connections = state["connections_accepted"].as_u64().unwrap() - connections_before;
    let faults: BTreeMap<String, u64> = state["faults_applied"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect();
    let outcomes = outcomes.into_inner().unwrap();
    let calls = (THREADS * CALLS_PER_THREAD) as u64;
    report(&format!(
        "load: {calls} calls ({THREADS} threads) in {:.2} s = {:.0} calls/s; {requests} requests, \
         {connections} new connections ({connections_before} in the {} warm-up calls)",
        elapsed.as_secs_f64(),
        calls as f64 / elapsed.as_secs_f64(),
        THREADS * WARM_UP_CALLS,
    ));
    report(&format!("load: outcomes {outcomes:?}"));
    report(&format!("load: faults applied {faults:?}"));
    report(&format!(
        "load: fds {fds_before} -> {fds_after} ({fds_without_client} without the client, \
         {fds_dropped} once it is dropped); VmRSS {rss_before} kB -> {rss_after} kB ({:+} kB)",
        rss_after as i64 - rss_before as i64
    ));

    let unexplained = unexplained.into_inner().unwrap();
    assert!(
        unexplained.is_empty(),
        "{} unexplained outcomes: {:#?}",
        unexplained.len(),
        &unexplained[..unexplained.len().min(20)]
    );
    assert_eq!(outcomes.values().sum::<u64>(), calls);
    let ok = outcomes.get("ok").copied().unwrap_or(0);
    assert!(ok >= calls * 9 / 10, "only {ok} of {calls} calls succeeded");
    assert!(requests >= calls, "{requests} requests for {calls} calls");
    // Every failure has a fault behind it.
    let applied = |names: &[&str]| names.iter().map(|n| faults.get(*n).copied().unwrap_or(0)).sum::<u64>();
    let failed =
        |prefix: &str| outcomes.iter().filter(|(k, _)| k.starts_with(prefix)).map(|(_, v)| *v).sum::<u64>();
    assert!(failed("connection") <= applied(&["reset", "reset_after_request", "reset_on_accept"]));
    assert!(failed("malformed_response") <= applied(&["malformed", "oversized", "wrong_content_type"]));
    assert!(failed("api (HTTP 302)") <= applied(&["redirect"]));
    assert!(failed("api (HTTP 503)") * 3 <= applied(&["status"]));
    assert!(failed("rate_limited") * 3 <= applied(&["rate_limit"]));
    let met: u64 = faults.values().sum();
    let share = met as f64 / requests as f64;
    assert!((0.03..0.07).contains(&share), "{met} faults in {requests} requests");
    assert!(fds_after <= fds_before + FD_MARGIN, "file descriptors: {fds_before} -> {fds_after}");
    assert!(fds_dropped <= fds_without_client + 2, "a dropped client keeps {fds_dropped} fds open");
    assert!(rss_after <= rss_before + RSS_GROWTH_LIMIT_KB, "resident set: {rss_before} kB -> {rss_after} kB");
}
