//! Cancelling calls: a [`CancelToken`] bound to the calling thread and fired from another ends a
//! call that waits — on a silent server, in a TLS handshake, in a retry's sleep, on a token fetch —
//! within a slice (50 ms), as a `Cancelled` error that says whether the request may have been
//! sent; a fired token ends the next call before anything is sent; and the client works on.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use meetctl::huawei::{ConferenceAuth, HuaweiClient, Region};
use meetctl::tencent::{TencentClient, TencentCredentials};
use meetctl::{CancelToken, ClientConfig, Error, ErrorKind, Method, ProxySetting, RetryPolicy};
use meetctl_emulator::Fault;

/// A server that reads each request head and answers with `answer` (nothing when empty), counting
/// the requests it read.
fn server(answer: &'static str) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let counter = Arc::clone(&counter);
            thread::spawn(move || serve(stream, answer, &counter));
        }
    });
    (url, seen)
}

fn serve(stream: TcpStream, answer: &str, seen: &AtomicUsize) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    loop {
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" {
                break;
            }
        }
        seen.fetch_add(1, Ordering::SeqCst);
        if answer.is_empty() {
            // Silent: hold the connection until the client goes.
            let _ = reader.read_line(&mut line);
            return;
        }
        if writer.write_all(answer.as_bytes()).is_err() {
            return;
        }
    }
}

fn tencent(url: &str, retry: RetryPolicy) -> TencentClient {
    let config = ClientConfig::new()
        .base_url(url)
        .proxy(ProxySetting::Disabled)
        .retry(retry)
        .timeout(Duration::from_secs(30))
        .read_timeout(Duration::from_secs(30));
    TencentClient::new(TencentCredentials::enterprise(APP_ID, SECRET_ID, SECRET_KEY, None), config).unwrap()
}

fn get(client: &TencentClient) -> Result<serde_json::Value, Error> {
    client.request(Method::Get, "/v1/cancel", &[], None)
}

/// Runs `call` with a fresh token bound, fired `after` from another thread; the outcome and how
/// long after the fire the call returned.
fn fired_after<T>(after: Duration, call: impl FnOnce() -> T) -> (T, Duration) {
    let token = CancelToken::new();
    let _bound = token.bind();
    let remote = token.clone();
    let fired = thread::spawn(move || {
        thread::sleep(after);
        remote.fire();
        Instant::now()
    });
    let outcome = call();
    let returned = Instant::now();
    let fired_at = fired.join().unwrap();
    (outcome, returned.saturating_duration_since(fired_at))
}

#[test]
fn a_call_waiting_on_a_silent_server_ends_cancelled_soon_after_the_fire() {
    let (url, seen) = server("");
    let client = tencent(&url, RetryPolicy::none());
    let started = Instant::now();
    let (outcome, late) = fired_after(Duration::from_millis(200), || get(&client));
    let e = outcome.unwrap_err();
    assert_eq!((e.kind(), e.request_may_have_been_sent()), (ErrorKind::Cancelled, Some(true)), "{e}");
    assert!(e.message().contains("may have taken effect"), "{e}");
    assert!(late < Duration::from_secs(1), "returned {late:?} after the fire");
    assert!(started.elapsed() < Duration::from_secs(2));
    println!("cancel: the call returned {} ms after the fire", late.as_millis());
    assert_eq!(seen.load(Ordering::SeqCst), 1);
}

#[test]
fn a_fired_token_ends_the_next_call_before_anything_is_sent_and_unbinding_frees_the_thread() {
    let (url, seen) =
        server("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
    let client = tencent(&url, RetryPolicy::default());
    let token = CancelToken::new();
    token.fire();
    {
        let _bound = token.bind();
        let e = get(&client).unwrap_err();
        assert_eq!(
            (e.kind(), e.request_may_have_been_sent(), e.attempts()),
            (ErrorKind::Cancelled, Some(false), 0)
        );
    }
    assert_eq!(seen.load(Ordering::SeqCst), 0, "nothing was sent");
    assert!(get(&client).is_ok(), "unbound: calls go through");
    // Another thread never sees a token bound here.
    let bound = token.bind();
    let other = client.clone();
    assert!(thread::spawn(move || get(&other).is_ok()).join().unwrap());
    drop(bound);
}

#[test]
fn a_retry_sleep_is_cancelled() {
    // 503 with Retry-After: 5 for a GET (safe to repeat): the client would sleep 5 s.
    let (url, seen) = server("HTTP/1.1 503 Busy\r\nRetry-After: 5\r\nContent-Length: 0\r\n\r\n");
    let client = tencent(&url, RetryPolicy::default());
    let (outcome, late) = fired_after(Duration::from_millis(300), || get(&client));
    let e = outcome.unwrap_err();
    assert_eq!(
        (e.kind(), e.attempts(), e.request_may_have_been_sent()),
        (ErrorKind::Cancelled, 1, Some(true))
    );
    assert!(late < Duration::from_secs(1), "{late:?}");
    assert_eq!(seen.load(Ordering::SeqCst), 1, "not tried again");
}

#[test]
fn a_tls_handshake_that_never_answers_is_cancelled_with_nothing_sent() {
    // A TCP server that accepts and never speaks TLS: the handshake waits for its hello.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        let held: Vec<TcpStream> = listener.incoming().flatten().collect();
        drop(held);
    });
    let client = tencent(&url, RetryPolicy::none());
    let (outcome, late) = fired_after(Duration::from_millis(200), || get(&client));
    let e = outcome.unwrap_err();
    assert_eq!((e.kind(), e.request_may_have_been_sent()), (ErrorKind::Cancelled, Some(false)), "{e}");
    assert!(late < Duration::from_secs(1), "{late:?}");
}

#[test]
fn a_huawei_call_cancelled_while_its_token_is_fetched_sent_nothing_of_the_operation() {
    let emu = start();
    let hw = HuaweiClient::new(Region::CnNorth4, meetctl::huawei::AccountAuth::None, config(&emu)).unwrap();
    let conf = hw.conference(CONF, ConferenceAuth::Password(meetctl::Secret::new(HOST_PWD))).unwrap();
    emu.inject(Fault::delay(3000).on_path("/v1/mmc/control/conferences/token"));
    let (outcome, late) = fired_after(Duration::from_millis(200), || conf.mute(PARTICIPANT));
    let e = outcome.unwrap_err();
    assert_eq!((e.kind(), e.request_may_have_been_sent()), (ErrorKind::Cancelled, Some(false)), "{e}");
    assert!(late < Duration::from_secs(1), "{late:?}");
    // The cancelled fetch is not remembered as a failure: the next call fetches afresh.
    emu.clear_faults();
    conf.mute(PARTICIPANT).unwrap();
}
