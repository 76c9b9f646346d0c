//! The fault kinds on the wire, with a minimal HTTP/1.1 client (std::net only).

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::*;
use meetctl_emulator::{Emulator, Fault, FaultKind, UNLIMITED, demo_scenario};
use serde_json::{Value, json};

const COHOSTS: &str = "/v1/real-control/meetings/1242152152161/cohosts";

fn cohost_body() -> Vec<u8> {
    json!({
        "operator_id": "afagsagwags", "operator_id_type": 4, "instanceid": 4, "action": true,
        "user": {"to_operator_id": "agaqwwgdkkddd", "to_operator_id_type": 4, "instanceid": 2}
    })
    .to_string()
    .into_bytes()
}

/// The role of the demo meeting's attendee bob.
fn bob_role(emulator: &Emulator) -> Value {
    participant(&emulator.state(), MEETING, "bob")["role"].clone()
}

/// The last logged request.
fn last_request(emulator: &Emulator) -> Value {
    emulator.state()["requests"].as_array().and_then(|r| r.last().cloned()).expect("a logged request")
}

/// Sends `head` on a fresh connection and reads until the server closes it.
fn raw_exchange(emulator: &Emulator, head: &str) -> std::io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(emulator.addr())?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.write_all(head.as_bytes())?;
    let mut out = Vec::new();
    stream.read_to_end(&mut out)?;
    Ok(out)
}

#[test]
fn trickle_sends_the_real_answer_slowly() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let uri = format!("/v1/meetings/{MEETING}?userid=alice&instanceid=1");
    let quick = get(&emulator, &uri);
    emulator.inject(Fault::trickle(8, 40).on_path("/v1/meetings"));
    let started = Instant::now();
    let slow = get(&emulator, &uri);
    let elapsed = started.elapsed();
    assert_eq!((slow.status, slow.json()["error_info"]["error_code"].clone()), (400, json!(190_004)));
    assert_eq!(slow.body.len(), quick.body.len(), "the same answer");
    let pauses = u32::try_from(slow.body.len().div_ceil(8) - 1).expect("small");
    assert!(elapsed >= Duration::from_millis(40) * pauses, "{elapsed:?} for {pauses} pauses");
    assert_eq!(slow.header("content-length"), Some(slow.body.len().to_string().as_str()));
    assert_eq!(last_request(&emulator)["fault"], "trickle");
    assert_eq!(emulator.state()["requests"][0]["fault"], Value::Null);
}

#[test]
fn reset_before_processing_and_after_it() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    // `reset`: the head is parsed, nothing is processed.
    emulator.inject(Fault::reset().on_path(COHOSTS));
    let mut client = Client::connect(&emulator);
    let timestamp = now().to_string();
    let body = cohost_body();
    let signature = tencent_signature("PUT", "77", &timestamp, COHOSTS, &body);
    let headers = [
        ("X-TC-Key", SECRET_ID),
        ("X-TC-Timestamp", timestamp.as_str()),
        ("X-TC-Nonce", "77"),
        ("X-TC-Signature", signature.as_str()),
        ("AppId", APP_ID),
    ];
    assert!(client.send("PUT", COHOSTS, &headers, &body).is_err());
    assert_eq!(bob_role(&emulator), "attendee");
    let record = last_request(&emulator);
    assert_eq!((record["status"].clone(), record["fault"].clone()), (json!(0), json!("reset")));

    // `reset_after_request`: processed (bob is now co-host), only the answer is lost.
    emulator.inject(Fault::reset_after_request().on_path(COHOSTS));
    let mut client = Client::connect(&emulator);
    let err = client.send("PUT", COHOSTS, &headers, &body).err().expect("no answer");
    assert!(
        matches!(err.kind(), std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::UnexpectedEof),
        "{err:?}"
    );
    assert_eq!(bob_role(&emulator), "cohost");
    let record = last_request(&emulator);
    assert_eq!((record["status"].clone(), record["fault"].clone()), (json!(0), json!("reset_after_request")));
    // The nonce was used: the server did see the request.
    let mut client = Client::connect(&emulator);
    let replay = client.send("PUT", COHOSTS, &headers, &body).expect("answer");
    assert_eq!(replay.json()["error_info"]["error_code"], 190_301);
}

#[test]
fn reset_on_accept_resets_new_connections_only() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let uri = format!("/v1/meetings/{MEETING}?userid=alice&instanceid=1");
    // A connection opened (and used) before the fault is queued is not affected.
    let mut kept = Client::connect(&emulator);
    assert_eq!(kept.send("GET", &uri, &[], b"").expect("answer").status, 400);
    let accepted = emulator.state()["connections_accepted"].as_u64().expect("count");
    emulator.inject(Fault::reset_on_accept().on_path("/v1/meetings").times(2));
    // Another path on a new connection: served (the fault waits for a match).
    assert_eq!(get(&emulator, "/v1/mmc/control/conferences/token?conferenceID=1").status, 400);
    assert_eq!(kept.send("GET", &uri, &[], b"").expect("kept-alive connection").status, 400);
    let mut fresh = Client::connect(&emulator);
    assert!(fresh.send("GET", &uri, &[], b"").is_err());
    let record = last_request(&emulator);
    assert_eq!(
        (record["method"].clone(), record["path"].clone(), record["query"].clone(), record["fault"].clone()),
        (
            json!("GET"),
            json!(format!("/v1/meetings/{MEETING}")),
            json!("userid=alice&instanceid=1"),
            json!("reset_on_accept")
        )
    );
    assert_eq!(record["status"], 0);
    let mut fresh = Client::connect(&emulator);
    assert!(fresh.send("GET", &uri, &[], b"").is_err());
    assert_eq!(get(&emulator, &uri).status, 400, "used up");
    let state = emulator.state();
    assert_eq!(state["connections_accepted"].as_u64(), Some(accepted + 4));
    assert!(state["faults_pending"].as_array().expect("pending").is_empty());
}

#[test]
fn oversized_bodies_with_and_without_a_length() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    emulator.inject(Fault::oversized(3 * 1024 * 1024 + 7));
    let response = get(&emulator, "/v1/anything");
    assert_eq!(response.status, 200);
    assert_eq!(response.body.len(), 3 * 1024 * 1024 + 7);
    assert_eq!(response.header("content-type"), Some("application/json"));
    assert!(response.json()["pad"].is_string());
    assert_eq!(last_request(&emulator)["fault"], "oversized");

    emulator.inject(Fault::new(FaultKind::Oversized { bytes: 100_000, status: 503, chunked: true }));
    let raw =
        raw_exchange(&emulator, "GET /v1/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").expect("io");
    let text = String::from_utf8_lossy(&raw).to_ascii_lowercase();
    assert!(text.starts_with("http/1.1 503"), "{}", &text[..40]);
    assert!(text.contains("transfer-encoding: chunked"));
    assert!(!text.contains("content-length"));
    assert!(raw.len() > 100_000);
}

#[test]
fn wrong_content_type_and_redirect() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    emulator.inject(Fault::wrong_content_type(502));
    let response = get(&emulator, "/v1/mmc/control/conferences/token?conferenceID=1");
    assert_eq!(response.status, 502);
    assert_eq!(response.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(String::from_utf8_lossy(&response.body).starts_with("<!DOCTYPE html>"));
    assert!(String::from_utf8_lossy(&response.body).contains("502 Bad Gateway"));

    emulator.inject(Fault::redirect(302));
    let response = get(&emulator, "/v1/meetings/1?userid=a&instanceid=1");
    assert_eq!(response.status, 302);
    assert_eq!(response.header("location"), Some("http://127.0.0.2:1/v1/meetings/1?userid=a&instanceid=1"));
    let mut admin = Client::connect(&emulator);
    let added = admin
        .send(
            "POST",
            "/_emulator/faults",
            &[],
            br#"{"kind":"redirect","status":307,"location":"https://elsewhere.example/x"}"#,
        )
        .expect("add");
    assert_eq!(added.status, 200);
    let response = get(&emulator, "/v1/meetings/1");
    assert_eq!((response.status, response.header("location")), (307, Some("https://elsewhere.example/x")));
    let statuses: Vec<Value> =
        emulator.state()["requests"].as_array().expect("log").iter().map(|r| r["fault"].clone()).collect();
    assert_eq!(statuses, [json!("wrong_content_type"), json!("redirect"), json!("redirect")]);
}

#[test]
fn random_faults_apply_at_their_rate_until_cleared() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut admin = Client::connect(&emulator);
    let added = admin
        .send(
            "POST",
            "/_emulator/faults",
            &[],
            br#"{"kind":"status","status":503,"probability":0.3,"seed":11,"path_prefix":"/v1/meetings"}"#,
        )
        .expect("add");
    assert_eq!(added.status, 200);
    assert_eq!(added.json()["queued"]["times"], Value::Null);
    assert_eq!(added.json()["queued"]["probability"], 0.3);
    let mut client = Client::connect(&emulator);
    let run = |client: &mut Client| {
        (0..300)
            .map(|_| client.send("GET", "/v1/meetings/1", &[], b"").expect("answer").status)
            .collect::<Vec<_>>()
    };
    let statuses = run(&mut client);
    let hits = statuses.iter().filter(|s| **s == 503).count();
    assert!((60..120).contains(&hits), "{hits} of 300 at 30%");
    assert!(statuses.iter().all(|s| *s == 503 || *s == 400));
    let pending = emulator.state()["faults_pending"].clone();
    assert_eq!(pending[0]["seed"], 11, "still queued: {pending}");
    let logged = emulator.state()["requests"]
        .as_array()
        .expect("log")
        .iter()
        .filter(|r| r["fault"] == "status")
        .count();
    assert_eq!(logged, hits);

    // The same seed against the same requests: the same faults.
    let again = Emulator::start(demo_scenario()).expect("start");
    again.inject(
        Fault::random(FaultKind::Status { status: 503, body: None }, 0.3, 11).on_path("/v1/meetings"),
    );
    assert_eq!(again.state()["faults_pending"][0]["times"], Value::Null);
    assert_eq!(run(&mut Client::connect(&again)), statuses);

    let cleared = admin.send("DELETE", "/_emulator/faults", &[], b"").expect("clear");
    assert_eq!(cleared.status, 200);
    assert!(run(&mut client).iter().all(|s| *s == 400));

    // Unlimited deterministic faults exist too.
    emulator.inject(Fault::status(500).times(UNLIMITED));
    assert!((0..20).all(|_| client.send("GET", "/v1/x", &[], b"").expect("answer").status == 500));
    assert_eq!(emulator.state()["faults_pending"][0]["times"], Value::Null);
}

#[test]
fn bad_probabilistic_faults_are_refused() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut admin = Client::connect(&emulator);
    for bad in [
        r#"{"kind":"reset","probability":2}"#,
        r#"{"kind":"reset","seed":3}"#,
        r#"{"kind":"oversized"}"#,
        r#"{"kind":"trickle","chunk_bytes":-1}"#,
    ] {
        let response = admin.send("POST", "/_emulator/faults", &[], bad.as_bytes()).expect("answer");
        assert_eq!(response.status, 400, "{bad}");
    }
    assert!(emulator.state()["faults_pending"].as_array().expect("pending").is_empty());
}
