//! Tencent webhooks end to end: a receiver on loopback, written here from the vendor's pages and
//! independent of the emulator's code, checks each request's signature with its own SHA-1 code,
//! decodes (and decrypts) the data and records what arrived.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aes::Aes256;
use base64::Engine as _;
use base64::alphabet::STANDARD as ALPHABET;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, KeyIvInit};
use common::*;
use meetctl_emulator::{Emulator, Scenario, TencentWebhook, demo_scenario, tencent_webhook_signature};
use serde_json::{Value, json};
use sha1::{Digest, Sha1};

const TOKEN: &str = "bVPU6F8Htxl5XkAbp3jGV2xWp";
const AES_KEY: &str = "IJUiXNpvGbODwKEBSEsAeOAPAhkqHqNCF6g19t9wfg2";
const ROOM: &str = "7000000000000000001";

// ---------------------------------------------------------------------------------------------
// The receiver's own signing and decoding.

/// `sha1(concat(sort([token, timestamp, nonce, data])))`, lower-case hex.
fn sign(token: &str, timestamp: &str, nonce: &str, data: &str) -> String {
    let mut parts = [token, timestamp, nonce, data];
    parts.sort();
    let digest = Sha1::digest(parts.concat().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Base64 with or without padding, the unused low bits ignored (as Go's `StdEncoding`).
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &ALPHABET,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The plaintext of `data`: base64-decoded, then decrypted with the EncodingAESKey when given.
fn decode(data: &str, aes_key: Option<&str>) -> Vec<u8> {
    let bytes = LENIENT.decode(data).expect("data is base64");
    let Some(aes_key) = aes_key else { return bytes };
    let key = LENIENT.decode(format!("{aes_key}=")).expect("key");
    assert_eq!(key.len(), 32);
    cbc::Decryptor::<Aes256>::new_from_slices(&key, &key[..16])
        .expect("cipher")
        .decrypt_padded_vec_mut::<Pkcs7>(&bytes)
        .expect("decrypts")
}

// ---------------------------------------------------------------------------------------------
// The receiver.

/// How the receiver answers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The URL check with the plaintext, events with 200.
    Good,
    /// The URL check with something else.
    WrongCheck,
    /// The URL check right, events with 500.
    Fails,
}

/// One request as it arrived.
#[derive(Debug, Clone)]
struct Arrived {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// The signature checked out.
    signed: bool,
    /// The decoded plaintext (of `check_str` or of the body's `data`).
    plaintext: Vec<u8>,
    /// The `data` (or `check_str`) as sent.
    data: String,
}

impl Arrived {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn event(&self) -> Value {
        serde_json::from_slice(&self.plaintext).expect("the event is JSON")
    }
}

struct Receiver {
    addr: SocketAddr,
    arrived: Arc<Mutex<Vec<Arrived>>>,
}

impl Receiver {
    fn start(mode: Mode, aes_key: Option<&'static str>) -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let arrived = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&arrived);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                serve(stream, mode, aes_key, &log);
            }
        });
        Receiver { addr, arrived }
    }

    fn url(&self) -> String {
        format!("http://{}/tencent/hook", self.addr)
    }

    fn arrived(&self) -> Vec<Arrived> {
        self.arrived.lock().expect("lock").clone()
    }

    fn posts(&self) -> Vec<Arrived> {
        self.arrived().into_iter().filter(|a| a.method == "POST").collect()
    }

    fn events(&self) -> Vec<Value> {
        self.posts().iter().map(Arrived::event).collect()
    }
}

/// Reads one request, checks and decodes it, records it in `log` and answers as `mode` says
/// (recorded first: once the emulator has its answer, the test may look).
fn serve(stream: TcpStream, mode: Mode, aes_key: Option<&str>, log: &Mutex<Vec<Arrived>>) -> Option<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut words = line.split_whitespace();
    let (method, target) = (words.next()?.to_owned(), words.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (n, v) = h.split_once(':')?;
        headers.push((n.trim().to_owned(), v.trim().to_owned()));
    }
    let get = |name: &str| {
        headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone()).unwrap_or_default()
    };
    let length: usize = get("content-length").parse().unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let data = if method == "GET" {
        let query = target.split_once('?').map(|(_, q)| q).unwrap_or("");
        let raw = query.split('&').find_map(|kv| kv.strip_prefix("check_str="))?;
        percent_encoding::percent_decode_str(raw).decode_utf8().ok()?.into_owned()
    } else {
        let v: Value = serde_json::from_slice(&body).ok()?;
        v["data"].as_str()?.to_owned()
    };
    let signed = sign(TOKEN, &get("timestamp"), &get("nonce"), &data) == get("signature");
    let plaintext = decode(&data, aes_key);
    let (status, answer): (u16, Vec<u8>) = match (method.as_str(), mode) {
        ("GET", Mode::WrongCheck) => (200, b"not the check string".to_vec()),
        ("GET", _) if signed => (200, plaintext.clone()),
        ("GET", _) => (403, Vec::new()),
        (_, Mode::Fails) => (500, b"{}".to_vec()),
        _ => (200, Vec::new()),
    };
    log.lock().ok()?.push(Arrived { method, target, headers, body, signed, plaintext, data });
    let mut stream = reader.into_inner();
    let head =
        format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", answer.len());
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(&answer).ok()
}

// ---------------------------------------------------------------------------------------------
// Helpers.

/// One app, one meeting nobody is in yet.
fn scenario(webhook: Option<Value>) -> Scenario {
    let mut app = json!({"app_id": APP_ID, "secret_id": SECRET_ID, "secret_key": SECRET_KEY});
    if let Some(w) = webhook {
        app["webhook"] = w;
    }
    let text = json!({"tencent": {"apps": [app], "meetings": [{
        "meeting_id": ROOM, "app_id": APP_ID, "meeting_code": "700100200", "subject": "Webhooks",
        "creator": "alice", "start_offset_secs": -60, "end_offset_secs": 3600
    }]}});
    Scenario::from_json(&text.to_string()).expect("scenario")
}

fn webhook(receiver: &Receiver, aes_key: Option<&str>, retry_delays_ms: Option<Vec<u64>>) -> TencentWebhook {
    TencentWebhook {
        url: receiver.url(),
        token: TOKEN.into(),
        aes_key: aes_key.map(str::to_owned),
        retry_delays_ms,
    }
}

fn admin(emulator: &Emulator, method: &str, target: &str, body: &Value) -> Response {
    let body = if body.is_null() { Vec::new() } else { body.to_string().into_bytes() };
    Client::connect(emulator).send(method, target, &[], &body).expect("request")
}

fn idle(emulator: &Emulator) {
    assert!(emulator.webhooks_idle(Duration::from_secs(20)), "the webhook queues did not empty");
}

fn subscription(emulator: &Emulator) -> Value {
    emulator.state()["tencent"]["webhooks"][0].clone()
}

fn names(events: &[Value]) -> Vec<String> {
    events.iter().map(|e| e["event"].as_str().unwrap_or("?").to_owned()).collect()
}

// ---------------------------------------------------------------------------------------------
// Tests.

#[test]
fn the_signer_reproduces_the_vendors_worked_example() {
    let data = "eyJldmVudCI6Im1lZXRpbmcuY3JlYXRlZCIsInVuaXF1ZV9zZXF1ZW5jZSI6ImYyMDA5NmVlLThhYzgtNGRmMi1hN2RlLTA1NzQ2NDlmMjExYiIsInBheWxvYWQiOlt7Im9wZXJhdGVfdGltZSI6IjIwMjAtMTItMjkgMTc6NDE6MDYiLCJvcGVyYXRvciI6eyJ1c2VyaWQiOiJ0ZXN0ZXIwMDAwNmJhNWJhYjMzOTg1OGMxM2M5MzBjY2E5NTY4NCJ9LCJtZWV0aW5nX2luZm8iOnsibWVldGluZ19pZCI6IjYwNTg4OTAzODU0ODA5MjEwNTIiLCJtZWV0aW5nX2NvZGUiOiI1MzA4MTI0NTIiLCJzdWJqZWN0IjoibWVkaWEgdGVzdGVyIG1lZXRpbmciLCJjcmVhdG9yX2lkIjoidGVzdGVyMDAwMDZiYTViYWIzMzk4NThjMTNjOTMwY2NhOTU2ODQiLCJob3N0cyI6WyJ0ZXN0ZXIwMDAwNmJhNWJhYjMzOTg1OGMxM2M5MzBjY2E5NTY4NCJdLCJtZWV0aW5nX3R5cGUiOjAsInN0YXJ0X3RpbWUiOiIyMDIwLTEyLTI5IDE3OjQxOjA0IiwiZW5kX3RpbWUiOiIyMDIwLTEyLTI5IDE4OjAxOjA0In19XX0";
    let expected = "b11e507817336a91d7df0c8536ee2aca18bbbae8";
    assert_eq!(tencent_webhook_signature(TOKEN, "1609239040864", "14964161", data), expected);
    assert_eq!(sign(TOKEN, "1609239040864", "14964161", data), expected);
}

#[test]
fn the_demo_scenario_has_no_subscription() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    assert_eq!(emulator.state()["tencent"]["webhooks"], json!([]));
    assert!(emulator.webhooks_idle(Duration::from_millis(10)));
}

#[test]
fn a_url_answered_with_the_plaintext_is_verified() {
    let receiver = Receiver::start(Mode::Good, None);
    let emulator = Emulator::start(scenario(None)).expect("start");
    let sub = emulator.set_tencent_webhook(APP_ID, webhook(&receiver, None, None)).expect("subscribe");
    assert_eq!(sub["verified"], true, "{sub}");
    assert_eq!(sub["check"]["status"], 200);
    let arrived = receiver.arrived();
    assert_eq!(arrived.len(), 1);
    let check = &arrived[0];
    assert_eq!(check.method, "GET");
    assert!(check.target.starts_with("/tencent/hook?check_str="), "{}", check.target);
    assert!(check.signed, "the URL check's signature");
    let timestamp = check.header("timestamp").expect("timestamp");
    assert_eq!(timestamp.len(), 13, "milliseconds: {timestamp}");
    assert!(check.header("nonce").is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit())));
    assert_eq!(subscription(&emulator)["verified"], true);
}

#[test]
fn a_wrong_answer_leaves_the_subscription_unverified_and_silent() {
    let receiver = Receiver::start(Mode::WrongCheck, None);
    let emulator = Emulator::start(scenario(None)).expect("start");
    let sub = emulator.set_tencent_webhook(APP_ID, webhook(&receiver, None, None)).expect("subscribe");
    assert_eq!(sub["verified"], false, "{sub}");
    emulator.tencent_join(ROOM, Some("alice"), "ms-alice", 1, Some("Alice")).expect("join");
    emulator.tencent_end(ROOM).expect("end");
    idle(&emulator);
    assert!(receiver.posts().is_empty(), "no events for an unverified subscription");
    assert_eq!(subscription(&emulator)["deliveries"], json!([]));

    // Nothing listens: not verified either.
    let gone = TencentWebhook { url: "http://127.0.0.1:1/x".into(), ..webhook(&receiver, None, None) };
    let sub = emulator.set_tencent_webhook(APP_ID, gone).expect("subscribe");
    assert_eq!(sub["verified"], false);
    assert!(sub["check"]["error"].is_string());
}

#[test]
fn join_leave_and_end_arrive_in_order_signed_and_decodable() {
    let receiver = Receiver::start(Mode::Good, None);
    let emulator = Emulator::start(scenario(None)).expect("start");
    let put = admin(
        &emulator,
        "PUT",
        &format!("/_emulator/tencent/apps/{APP_ID}/webhook"),
        &json!({"url": receiver.url(), "token": TOKEN}),
    );
    assert_eq!(put.status, 200);
    assert_eq!(put.json()["subscription"]["verified"], true);

    let join = json!({"userid": "alice", "ms_open_id": "ms-alice", "instanceid": 1, "name": "Alice"});
    assert_eq!(
        admin(&emulator, "POST", &format!("/_emulator/tencent/meetings/{ROOM}/join"), &join).status,
        200
    );
    let join = json!({"userid": "bob", "ms_open_id": "ms-bob", "instanceid": 3});
    assert_eq!(
        admin(&emulator, "POST", &format!("/_emulator/tencent/meetings/{ROOM}/join"), &join).status,
        200
    );
    let leave = json!({"ms_open_id": "ms-bob"});
    assert_eq!(
        admin(&emulator, "POST", &format!("/_emulator/tencent/meetings/{ROOM}/leave"), &leave).status,
        200
    );
    assert_eq!(
        admin(&emulator, "POST", &format!("/_emulator/tencent/meetings/{ROOM}/end"), &Value::Null).status,
        200
    );
    let idle = admin(&emulator, "GET", "/_emulator/tencent/webhook/idle?timeout_ms=20000", &Value::Null);
    assert_eq!((idle.status, idle.json()), (200, json!({"idle": true})));

    let posts = receiver.posts();
    for post in &posts {
        assert!(post.signed, "signature of {:?}", String::from_utf8_lossy(&post.plaintext));
        assert_eq!(post.header("content-type"), Some("application/json"));
        assert!(!post.data.contains('='), "data is base64 without padding");
        assert_eq!(post.target, "/tencent/hook");
        assert_eq!(
            serde_json::from_slice::<Value>(&post.body).expect("body").as_object().map(|o| o.len()),
            Some(1)
        );
    }
    let events = receiver.events();
    assert_eq!(
        names(&events),
        [
            "meeting.started",
            "meeting.participant-joined",
            "meeting.participant-joined",
            "meeting.participant-left",
            "meeting.participant-left",
            "meeting.end"
        ]
    );
    let mut traces: Vec<&str> = events.iter().filter_map(|e| e["trace_id"].as_str()).collect();
    traces.sort_unstable();
    traces.dedup();
    assert_eq!(traces.len(), events.len(), "each event has its own trace_id");

    let joined = &events[1]["payload"][0];
    assert!(joined["operate_time"].as_i64().is_some_and(|t| t > 1_600_000_000_000), "ms: {joined}");
    assert_eq!(
        joined["operator"],
        json!({"userid": "alice", "user_name": "Alice", "ms_open_id": "ms-alice", "instance_id": "1"})
    );
    let info = &joined["meeting_info"];
    assert_eq!(info["meeting_id"], ROOM);
    assert_eq!(info["meeting_code"], "700100200");
    assert_eq!(info["subject"], "Webhooks");
    assert_eq!(info["creator"], json!({"userid": "alice"}));
    assert_eq!(info["meeting_type"], 0);
    assert!(info["start_time"].as_i64().is_some_and(|t| t < 10_000_000_000), "seconds: {info}");
    assert!(info["end_time"].is_i64());
    assert_eq!(events[2]["payload"][0]["operator"]["instance_id"], "3");
    assert_eq!(events[3]["payload"][0]["operator"]["ms_open_id"], "ms-bob");
    assert_eq!(events[4]["payload"][0]["operator"]["ms_open_id"], "ms-alice");
    assert_eq!(events[5]["payload"][0]["meeting_end_type"], 0);
    assert_eq!(events[5]["payload"][0]["meeting_info"]["meeting_id"], ROOM);

    let deliveries = subscription(&emulator)["deliveries"].clone();
    assert_eq!(deliveries.as_array().map(Vec::len), Some(6));
    assert!(
        deliveries
            .as_array()
            .into_iter()
            .flatten()
            .all(|d| d["outcome"] == "delivered" && d["status"] == 200)
    );
    assert_eq!(deliveries[5]["event"], "meeting.end");
}

#[test]
fn with_an_aes_key_the_check_and_the_events_are_encrypted() {
    let receiver = Receiver::start(Mode::Good, Some(AES_KEY));
    let emulator = Emulator::start(scenario(None)).expect("start");
    let sub =
        emulator.set_tencent_webhook(APP_ID, webhook(&receiver, Some(AES_KEY), None)).expect("subscribe");
    assert_eq!((sub["verified"].clone(), sub["encrypted"].clone()), (json!(true), json!(true)));
    emulator.tencent_join(ROOM, Some("alice"), "ms-alice", 4, None).expect("join");
    idle(&emulator);
    let posts = receiver.posts();
    assert_eq!(posts.len(), 2);
    assert!(posts.iter().all(|p| p.signed));
    // The data is ciphertext, not the JSON in base64.
    assert!(!LENIENT.decode(&posts[1].data).expect("base64").starts_with(b"{"));
    let event = posts[1].event();
    assert_eq!(event["event"], "meeting.participant-joined");
    assert_eq!(event["payload"][0]["operator"]["instance_id"], "4");
}

#[test]
fn a_failing_receiver_gets_retries_with_the_same_trace_id() {
    let receiver = Receiver::start(Mode::Fails, None);
    let emulator = Emulator::start(scenario(None)).expect("start");
    let sub = emulator
        .set_tencent_webhook(APP_ID, webhook(&receiver, None, Some(vec![20, 40, 80])))
        .expect("subscribe");
    assert_eq!(sub["verified"], true);
    emulator.tencent_start(ROOM).expect("start the meeting");
    idle(&emulator);
    let posts = receiver.posts();
    assert_eq!(posts.len(), 4, "one attempt and three retries");
    assert!(posts.iter().all(|p| p.data == posts[0].data && p.signed));
    let traces: Vec<Value> = posts.iter().map(|p| p.event()["trace_id"].clone()).collect();
    assert!(traces.iter().all(|t| *t == traces[0]));
    let outcomes: Vec<Value> = subscription(&emulator)["deliveries"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| d["outcome"].clone())
        .collect();
    assert_eq!(outcomes, [json!("retry"), json!("retry"), json!("retry"), json!("failed")]);
    assert_eq!(subscription(&emulator)["deliveries"][3]["status"], 500);
    assert_eq!(subscription(&emulator)["deliveries"][3]["attempt"], 4);
}

#[test]
fn a_scenario_subscription_is_checked_at_start() {
    let receiver = Receiver::start(Mode::Good, None);
    let emulator =
        Emulator::start(scenario(Some(json!({"url": receiver.url(), "token": TOKEN})))).expect("start");
    idle(&emulator);
    assert_eq!(subscription(&emulator)["verified"], true);
    emulator.tencent_join(ROOM, None, "ms-x", 5, None).expect("join");
    idle(&emulator);
    assert_eq!(names(&receiver.events()), ["meeting.started", "meeting.participant-joined"]);
}

#[test]
fn control_apis_send_left_joined_and_role_changed() {
    let receiver = Receiver::start(Mode::Good, None);
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let sub = emulator.set_tencent_webhook(APP_ID, webhook(&receiver, None, None)).expect("subscribe");
    assert_eq!(sub["verified"], true);
    let mut client = Client::connect(&emulator);
    let alice = json!({"operator_id": "afagsagwags", "operator_id_type": 4, "instanceid": 4});
    let with = |fields: Value| {
        let mut body = alice.clone();
        body.as_object_mut().expect("object").extend(fields.as_object().expect("object").clone());
        body
    };
    let bob = json!({"to_operator_id": "agaqwwgdkkddd", "to_operator_id_type": 4, "instanceid": 2});
    let frank = json!({"to_operator_id": "msopenid-frank", "to_operator_id_type": 4, "instanceid": 1});
    ok(&control(&mut client, &APP1, MEETING, "kickout", &with(json!({"users": [bob.clone()]}))));
    ok(&control(
        &mut client,
        &APP1,
        MEETING,
        "waiting-room",
        &with(json!({"operate_type": 1, "users": [frank]})),
    ));
    let dave = json!({"to_operator_id": "msopenid-dave", "to_operator_id_type": 4, "instanceid": 3});
    ok(&control(&mut client, &APP1, MEETING, "cohosts", &with(json!({"action": true, "user": dave}))));
    idle(&emulator);
    let events = receiver.events();
    assert_eq!(
        names(&events),
        ["meeting.participant-left", "meeting.participant-joined", "meeting.participant-role-changed"]
    );
    assert_eq!(events[0]["payload"][0]["operator"]["ms_open_id"], "agaqwwgdkkddd");
    assert_eq!(events[0]["payload"][0]["operator"]["instance_id"], "2");
    assert_eq!(events[1]["payload"][0]["operator"]["userid"], "frank");
    let role = &events[2]["payload"][0];
    assert_eq!(role["operator"]["ms_open_id"], "afagsagwags", "the operator who set the co-host");
    assert_eq!(role["to_operator"]["ms_open_id"], "msopenid-dave");
    assert_eq!(role["to_operator"]["user_role"], 6);
    assert_eq!(role["meeting_info"]["meeting_id"], MEETING);

    // Dismissed: everyone still there leaves, then the meeting ends, by alice.
    let dismiss = with(json!({"reason_code": 1}));
    ok(&signed(
        &mut client,
        &APP1,
        "POST",
        &format!("/v1/meetings/{MEETING}/dismiss"),
        dismiss.to_string().as_bytes(),
    ));
    idle(&emulator);
    let events = receiver.events();
    let after: Vec<String> = names(&events).split_off(3);
    assert_eq!(after.iter().filter(|n| *n == "meeting.participant-left").count(), 6, "{after:?}");
    assert_eq!(after.last().map(String::as_str), Some("meeting.end"));
    let end = &events[events.len() - 1]["payload"][0];
    assert_eq!(end["operator"]["ms_open_id"], "afagsagwags");
    assert_eq!(end["meeting_end_type"], 0);
}

#[test]
fn admin_routes_check_what_they_are_given() {
    let emulator = Emulator::start(scenario(None)).expect("start");
    let path = format!("/_emulator/tencent/apps/{APP_ID}/webhook");
    let bad = [
        json!({"url": "https://127.0.0.1:9/x", "token": TOKEN}),
        json!({"url": "http://127.0.0.1:9/x", "token": "short"}),
        json!({"url": "http://127.0.0.1:9/x", "token": TOKEN, "aes_key": "not-a-key"}),
        json!({"url": "http://127.0.0.1:9/x", "token": TOKEN, "extra": 1}),
        json!({"url": "not a url", "token": TOKEN}),
    ];
    for body in bad {
        assert_eq!(admin(&emulator, "PUT", &path, &body).status, 400, "{body}");
    }
    let unknown = admin(
        &emulator,
        "PUT",
        "/_emulator/tencent/apps/999/webhook",
        &json!({"url": "http://127.0.0.1:9/", "token": TOKEN}),
    );
    assert_eq!(unknown.status, 404);
    assert_eq!(admin(&emulator, "DELETE", &path, &Value::Null).json(), json!({"removed": false}));

    let join = |body: Value| {
        admin(&emulator, "POST", &format!("/_emulator/tencent/meetings/{ROOM}/join"), &body).status
    };
    assert_eq!(join(json!({"ms_open_id": "m", "instanceid": 11})), 400);
    assert_eq!(join(json!({"ms_open_id": "m"})), 400);
    assert_eq!(join(json!({"ms_open_id": "m", "instanceid": 1})), 200);
    assert_eq!(join(json!({"ms_open_id": "m", "instanceid": 1})), 409);
    let nowhere = admin(
        &emulator,
        "POST",
        "/_emulator/tencent/meetings/404/join",
        &json!({"ms_open_id": "m", "instanceid": 1}),
    );
    assert_eq!(nowhere.status, 404);
    let leave = |id: &str| {
        admin(
            &emulator,
            "POST",
            &format!("/_emulator/tencent/meetings/{ROOM}/leave"),
            &json!({"ms_open_id": id}),
        )
        .status
    };
    assert_eq!(leave("nobody"), 404);
    assert_eq!(leave("m"), 200);
    assert_eq!(leave("m"), 409);
    let bad_idle = admin(&emulator, "GET", "/_emulator/tencent/webhook/idle?timeout_ms=soon", &Value::Null);
    assert_eq!(bad_idle.status, 400);

    // The meeting was started by the join; it ends once, then is over.
    let end =
        || admin(&emulator, "POST", &format!("/_emulator/tencent/meetings/{ROOM}/end"), &Value::Null).status;
    assert_eq!(end(), 200);
    assert_eq!(end(), 409);
    assert_eq!(join(json!({"ms_open_id": "n", "instanceid": 1})), 409);
}

#[test]
fn a_started_meeting_is_in_progress_for_the_rest_api() {
    let emulator = Emulator::start(scenario(None)).expect("start");
    assert!(emulator.tencent_end(ROOM).is_err(), "not started yet");
    emulator.tencent_start(ROOM).expect("start");
    let state = emulator.state();
    assert_eq!(meeting(&state, ROOM)["admin_started"], true);
    emulator.tencent_end(ROOM).expect("end");
    assert_eq!(meeting(&emulator.state(), ROOM)["ended"], true);
}
