//! Huawei enterprise webhooks end to end: the management calls (link-config, change-status with
//! the `meeting.verify` check), events after people join and leave and the conference ends, the
//! signature over the exact bytes of `eventInfo`, and retries.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::*;
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};

const CONF: &str = "914083136";
const KEY: &str = "push-secret-0001";
const SUBSCRIBER: &str = "subscriber-0001";

/// What a receiver answers to one request body: status and body.
type Answer = Box<dyn Fn(usize, &Value) -> (u16, String) + Send>;

/// A receiver on loopback: every request body is passed on (raw text), answered by `answer`
/// (given the request's number, from 0, and its JSON).
fn receiver(answer: Answer) -> (SocketAddr, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(stream) = stream else { continue };
            let mut reader = BufReader::new(stream);
            let mut length = 0usize;
            let mut line = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                let l = line.trim_end();
                if l.is_empty() {
                    break;
                }
                if let Some((name, value)) = l.split_once(':') {
                    if name.eq_ignore_ascii_case("content-length") {
                        length = value.trim().parse().unwrap_or(0);
                    }
                }
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).is_err() {
                continue;
            }
            let text = String::from_utf8_lossy(&body).into_owned();
            let parsed: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            let (status, reply) = answer(n, &parsed);
            let _ = tx.send(text);
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                reply.len()
            );
            let stream = reader.get_mut();
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    (addr, rx)
}

/// Answers `meeting.verify` as it must be answered, and events with 200.
fn good_receiver() -> Answer {
    Box::new(|_, body| {
        let info = &body["eventInfo"];
        if info["event"] == "meeting.verify" {
            (200, json!({"event": "meeting.verify", "nonce": body["nonce"]}).to_string())
        } else {
            (200, String::new())
        }
    })
}

fn access_token(client: &mut Client) -> String {
    let basic = format!("Basic {}", STANDARD.encode("demo-account:Demo@Passw0rd"));
    let body = json!({"account": "demo-account", "clientType": 72}).to_string();
    let response = client
        .send("POST", "/v1/usg/acs/auth/account", &[("Authorization", basic.as_str())], body.as_bytes())
        .expect("auth");
    ok(&response)["accessToken"].as_str().expect("accessToken").to_string()
}

fn manage(client: &mut Client, token: &str, method: &str, body: &Value) -> Response {
    let path = if method == "PUT" {
        "/v1/mmc/management/webhook/change-status"
    } else {
        "/v1/mmc/management/webhook/link-config"
    };
    let body = if body.is_null() { Vec::new() } else { body.to_string().into_bytes() };
    client.send(method, path, &[("X-Access-Token", token)], &body).expect("request")
}

/// The raw `eventInfo` text of a body: what follows `"eventInfo":` up to the closing brace.
fn raw_event_info(body: &str) -> &str {
    let start = body.find("\"eventInfo\":").expect("eventInfo") + "\"eventInfo\":".len();
    body[start..].strip_suffix('}').expect("closing brace")
}

/// Checks the signature over the exact bytes; returns the parsed body.
fn verified(body: &str) -> Value {
    let parsed: Value = serde_json::from_str(body).expect("JSON body");
    let info = raw_event_info(body);
    assert!(info.contains("\"event\": "), "eventInfo has a space after each colon: {info}");
    let msg = format!(
        "{}{}{}{}",
        parsed["appID"].as_str().expect("appID"),
        parsed["timestamp"].as_i64().expect("timestamp"),
        parsed["nonce"].as_str().expect("nonce"),
        info
    );
    assert_eq!(parsed["signature"].as_str(), Some(hmac_sha256_hex(KEY, msg.as_bytes()).as_str()));
    // Re-serialised, the signature would not match.
    let canonical = parsed["eventInfo"].to_string();
    assert_ne!(canonical, info);
    parsed
}

fn hmac_sha256_hex(key: &str, msg: &[u8]) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).expect("key");
    mac.update(msg);
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

fn admin(client: &mut Client, method: &str, path: &str, body: &Value) -> Value {
    let response = client.send(method, path, &[], body.to_string().as_bytes()).expect("admin");
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    response.json()
}

fn idle(client: &mut Client) {
    let r = client.send("GET", "/_emulator/huawei/webhook/idle?timeout_ms=20000", &[], b"").expect("idle");
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({"idle": true}));
}

fn next_event(rx: &mpsc::Receiver<String>) -> Value {
    let body = rx.recv_timeout(Duration::from_secs(10)).expect("an event");
    verified(&body)
}

#[test]
fn link_config_verify_and_events() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let token = access_token(&mut client);
    let (addr, rx) = receiver(good_receiver());

    // Without an access token.
    let r = client.send("GET", "/v1/mmc/management/webhook/link-config", &[], b"").expect("get");
    assert_eq!(r.status, 401);
    let r = manage(&mut client, &token, "GET", &Value::Null);
    assert_eq!(r.status, 404);
    assert_eq!(huawei_code(&r), "MMC.111076002");

    let url = format!("http://{addr}/hook");
    let config = json!({"corpId": "corp", "subscriberId": SUBSCRIBER, "subscriberKey": KEY, "url": url});
    let r = manage(&mut client, &token, "POST", &config);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let got = manage(&mut client, &token, "GET", &Value::Null).json();
    assert_eq!(got["subscriberId"], SUBSCRIBER);
    assert_eq!(got["url"], url.as_str());
    assert_eq!(got["status"], 1);
    assert!(!got.to_string().contains(KEY), "the key is never shown");
    let id = got["id"].as_str().expect("id").to_string();

    let r = manage(&mut client, &token, "PUT", &json!({"id": "nope", "status": 0}));
    assert_eq!(r.status, 400);
    let r = manage(&mut client, &token, "PUT", &json!({"id": id, "status": 0}));
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let verify = next_event(&rx);
    assert_eq!(verify["appID"], SUBSCRIBER);
    assert_eq!(verify["eventInfo"]["event"], "meeting.verify");
    assert_eq!(manage(&mut client, &token, "GET", &Value::Null).json()["status"], 0);

    let joined = admin(
        &mut client,
        "POST",
        &format!("/_emulator/huawei/conferences/{CONF}/join"),
        &json!({"name": "Ivy", "number": "+861390000"}),
    );
    let pid = joined["pid"].as_str().expect("pid").to_string();
    let event = next_event(&rx);
    let info = &event["eventInfo"];
    assert_eq!(info["event"], "meeting.join");
    assert_eq!(info["payload"]["meetingInfo"]["meetingID"], CONF);
    assert!(info["payload"]["meetingInfo"]["meetingUUID"].is_string());
    let attendee = &info["payload"]["attendeeInfo"];
    assert_eq!(attendee["participantID"], pid.as_str());
    assert_eq!(attendee["displayName"], "Ivy");
    assert_eq!(attendee["callNumber"], "+861390000");
    assert_eq!(attendee["role"], 0);
    assert!(attendee["joinTime"].as_i64().is_some_and(|t| t > 0));

    admin(&mut client, "POST", &format!("/_emulator/huawei/conferences/{CONF}/leave"), &json!({"pid": pid}));
    let event = next_event(&rx);
    assert_eq!(event["eventInfo"]["event"], "meeting.left");
    assert_eq!(event["eventInfo"]["payload"]["attendeeInfo"]["participantID"], pid.as_str());
    assert!(event["eventInfo"]["payload"]["attendeeInfo"]["leftTime"].as_i64().is_some_and(|t| t > 0));

    // The control API's hang-up is announced too.
    let mut control = Client::connect(&emulator);
    let ctoken = control_token(&mut control, CONF, "157599");
    let body = br#"{"bulkHangUpParticipants":["a1b2c3d4e5f611eabc510dc9b62e3a81"]}"#;
    assert_eq!(hw_call(&mut control, "POST", CONF, "participants/delete", "", &ctoken, body).status, 200);
    let event = next_event(&rx);
    assert_eq!(event["eventInfo"]["event"], "meeting.left");
    assert_eq!(event["eventInfo"]["payload"]["attendeeInfo"]["displayName"], "Bob");

    // Ending: everyone still there leaves, then the end.
    assert_eq!(hw_call(&mut control, "PUT", CONF, "stop", "", &ctoken, b"").status, 200);
    let mut names = Vec::new();
    loop {
        let event = next_event(&rx);
        match event["eventInfo"]["event"].as_str() {
            Some("meeting.left") => {
                names.push(event["eventInfo"]["payload"]["attendeeInfo"]["displayName"].clone())
            }
            Some("meeting.end") => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(names, ["Alice", "Carol", "Dora", "Evan"]);
    idle(&mut client);

    // Disabling stops the events; deleting removes the configuration.
    let r = manage(&mut client, &token, "PUT", &json!({"id": id, "status": 1}));
    assert_eq!(r.status, 200);
    admin(&mut client, "POST", "/_emulator/huawei/conferences/914083138/join", &json!({"name": "Quiet"}));
    assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
    assert_eq!(manage(&mut client, &token, "DELETE", &Value::Null).status, 200);
    assert_eq!(manage(&mut client, &token, "GET", &Value::Null).status, 404);
}

#[test]
fn verify_failure_keeps_it_disabled() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let token = access_token(&mut client);
    let (addr, rx) = receiver(Box::new(|n, body| match n {
        0 => (200, json!({"event": "meeting.verify", "nonce": "wrong"}).to_string()),
        1 => (500, String::new()),
        _ => (200, json!({"event": "meeting.verify", "nonce": body["nonce"]}).to_string()),
    }));
    let config = json!({"subscriberId": SUBSCRIBER, "subscriberKey": KEY, "url": format!("http://{addr}/")});
    assert_eq!(manage(&mut client, &token, "POST", &config).status, 200);
    let id = manage(&mut client, &token, "GET", &Value::Null).json()["id"].as_str().expect("id").to_string();
    for _ in 0..2 {
        let r = manage(&mut client, &token, "PUT", &json!({"id": id, "status": 0}));
        assert_eq!(r.status, 400);
        assert_eq!(huawei_code(&r), "MMC.111076001");
        assert!(r.json()["error_msg"].as_str().is_some_and(|m| m.contains("verification failed")));
        assert_eq!(manage(&mut client, &token, "GET", &Value::Null).json()["status"], 1);
        verified(&rx.recv_timeout(Duration::from_secs(5)).expect("verify request"));
    }
    assert_eq!(manage(&mut client, &token, "PUT", &json!({"id": id, "status": 0})).status, 200);
    assert_eq!(manage(&mut client, &token, "GET", &Value::Null).json()["status"], 0);

    // Only loopback http:// URLs.
    for url in ["http://192.0.2.1/hook", "https://127.0.0.1/hook"] {
        let config = json!({"subscriberId": SUBSCRIBER, "subscriberKey": KEY, "url": url});
        let r = manage(&mut client, &token, "POST", &config);
        assert_eq!(r.status, 400, "{url}");
    }
}

#[test]
fn started_join_and_retries() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    // The first two attempts of every event fail (a 500, then a 503), the third is answered.
    let (addr, rx) = receiver(Box::new(|n, _| {
        if n % 3 == 2 { (200, String::new()) } else { (500 + (n % 3) as u16 * 3, String::new()) }
    }));
    let set = json!({"url": format!("http://{addr}/h"), "subscriber_id": SUBSCRIBER, "subscriber_key": KEY});
    let answer = admin(&mut client, "PUT", "/_emulator/huawei/webhook", &set);
    assert_eq!(answer["status"], 0);
    let started = Instant::now();
    // Conference 914083137 has not started: the first join starts it.
    admin(
        &mut client,
        "POST",
        "/_emulator/huawei/conferences/914083137/join",
        &json!({"name": "Zed", "role": "host"}),
    );
    let mut seen = Vec::new();
    for _ in 0..6 {
        let event = next_event(&rx);
        seen.push((
            event["eventInfo"]["event"].as_str().unwrap_or_default().to_string(),
            event["nonce"].clone(),
        ));
    }
    let names: Vec<&str> = seen.iter().map(|(e, _)| e.as_str()).collect();
    assert_eq!(
        names,
        [
            "meeting.started",
            "meeting.started",
            "meeting.started",
            "meeting.join",
            "meeting.join",
            "meeting.join"
        ]
    );
    // Retried after 1 s and 2 s, twice: at least 6 s.
    assert!(started.elapsed() >= Duration::from_secs(6), "{:?}", started.elapsed());
    idle(&mut client);
    let state = emulator.state();
    let deliveries = state["huawei"]["webhook"]["deliveries"].as_array().expect("deliveries");
    let outcomes: Vec<&str> = deliveries.iter().filter_map(|d| d["outcome"].as_str()).collect();
    assert_eq!(outcomes, ["retry", "retry", "delivered", "retry", "retry", "delivered"]);
}

#[test]
fn a_failing_url_is_given_up_after_three_retries() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let (addr, rx) = receiver(Box::new(|_, _| (500, String::new())));
    let set = json!({"url": format!("http://{addr}/h"), "subscriber_id": SUBSCRIBER, "subscriber_key": KEY});
    admin(&mut client, "PUT", "/_emulator/huawei/webhook", &set);
    admin(
        &mut client,
        "POST",
        &format!("/_emulator/huawei/conferences/{CONF}/join"),
        &json!({"name": "Una"}),
    );
    for _ in 0..4 {
        assert_eq!(next_event(&rx)["eventInfo"]["event"], "meeting.join");
    }
    idle(&mut client);
    assert!(rx.recv_timeout(Duration::from_millis(200)).is_err(), "given up after 4 attempts");
    let state = emulator.state();
    let deliveries = state["huawei"]["webhook"]["deliveries"].as_array().expect("deliveries");
    assert_eq!(deliveries.last().and_then(|d| d["outcome"].as_str()), Some("failed"));
    assert_eq!(deliveries.len(), 4);
}
