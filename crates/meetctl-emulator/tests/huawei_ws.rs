//! The Huawei conference-control WebSocket end to end, with a plain tungstenite client: the
//! token checks, subscribing, the full messages, increments after control calls and admin
//! routes, versions, heartbeats, the socket faults, and the close when the conference ends.

mod common;

use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::*;
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};
use tungstenite::client::IntoClientRequest;
use tungstenite::protocol::frame::coding::CloseCode;
use tungstenite::{Message, WebSocket};

const CONF: &str = "914083136";
const HOST_PWD: &str = "157599";
const ALICE: &str = "d2c3ae64216e11eabc510dc9b62e3a80";
const BOB: &str = "a1b2c3d4e5f611eabc510dc9b62e3a81";
const CAROL: &str = "c3d4e5f6a7b811eabc510dc9b62e3a82";
const ALL: [&str; 4] =
    ["ConfBasicInfoNotify", "ConfDynamicInfoNotify", "ParticipantsNotify", "SpeakerChangeNotify"];

type Socket = WebSocket<TcpStream>;

fn start() -> (Emulator, Client, String) {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let token = control_token(&mut client, CONF, HOST_PWD);
    (emulator, client, token)
}

fn ws_token(client: &mut Client, control: &str) -> String {
    let response = hw_call(client, "GET", CONF, "wsToken", "", control, b"");
    ok(&response)["webSocketToken"].as_str().expect("webSocketToken").to_string()
}

/// Opens the socket; `Err(status)` when the upgrade is refused.
fn open(emulator: &Emulator, conf: &str, tmp_token: &str) -> Result<Socket, u16> {
    let url = format!(
        "ws://{}/cms/open/websocket/confctl/increment/conn?confID={conf}&tmpToken={tmp_token}",
        emulator.addr()
    );
    let stream = TcpStream::connect(emulator.addr()).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    let request = url.into_client_request().expect("request");
    match tungstenite::client::client(request, stream) {
        Ok((socket, response)) => {
            assert_eq!(response.status(), 101);
            Ok(socket)
        }
        Err(tungstenite::HandshakeError::Failure(tungstenite::Error::Http(response))) => {
            let body = response.body().clone().unwrap_or_default();
            let body: Value = serde_json::from_slice(&body).expect("Huawei error JSON");
            assert!(body["error_code"].is_string(), "{body}");
            Err(response.status().as_u16())
        }
        Err(e) => panic!("handshake: {e}"),
    }
}

fn opened(emulator: &Emulator, client: &mut Client, control: &str) -> Socket {
    let tmp = ws_token(client, control);
    open(emulator, CONF, &tmp).expect("upgrade")
}

fn send(socket: &mut Socket, value: &Value) {
    socket.send(Message::text(value.to_string())).expect("send");
}

/// The next text frame, as JSON.
fn next(socket: &mut Socket) -> Value {
    loop {
        match socket.read().expect("read") {
            Message::Text(t) => return serde_json::from_str(t.as_str()).expect("JSON frame"),
            Message::Ping(_) | Message::Pong(_) => {}
            other => panic!("unexpected frame {other:?}"),
        }
    }
}

/// Whether no frame arrives within `wait`.
fn silent(socket: &mut Socket, wait: Duration) -> bool {
    socket.get_mut().set_read_timeout(Some(wait)).expect("timeout");
    let result = match socket.read() {
        Err(tungstenite::Error::Io(e))
            if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
        {
            true
        }
        Err(e) => panic!("read: {e}"),
        Ok(m) => panic!("unexpected frame {m:?}"),
    };
    socket.get_mut().set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    result
}

fn subscribe_frame(control: &str, types: &[&str]) -> Value {
    let data = json!({"subscribeType": types, "confToken": control}).to_string();
    json!({"sequence": "000001", "action": "Subscribe", "data": data})
}

/// Subscribes to `types` and reads the answer and the full messages (one per known type).
fn subscribed(socket: &mut Socket, control: &str, types: &[&str]) -> Vec<Value> {
    send(socket, &subscribe_frame(control, types));
    let answer = next(socket);
    assert_eq!(answer, json!({"action": "Subscribe", "sequence": "000001", "result": "success"}));
    let known = types.iter().filter(|t| ALL.contains(t)).count();
    (0..known).map(|_| next(socket)).collect()
}

fn admin(client: &mut Client, method: &str, path: &str, body: &Value) -> Value {
    let response = client.send(method, path, &[], body.to_string().as_bytes()).expect("admin");
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    response.json()
}

fn conf_admin(client: &mut Client, tail: &str, body: &Value) -> Value {
    admin(client, "POST", &format!("/_emulator/huawei/conferences/{CONF}/{tail}"), body)
}

fn ws_stats(client: &mut Client) -> Value {
    let response =
        client.send("GET", &format!("/_emulator/huawei/conferences/{CONF}/ws"), &[], b"").expect("stats");
    response.json()
}

#[test]
fn control_token_answer_names_the_socket_address() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let uri = format!("/v1/mmc/control/conferences/token?conferenceID={CONF}");
    let response =
        client.send("GET", &uri, &[("X-Password", HOST_PWD), ("X-Login-Type", "1")], b"").expect("token");
    // The test client sends `Host: 127.0.0.1`.
    assert_eq!(response.json()["data"]["wsURL"], "127.0.0.1");
}

#[test]
fn tokens_are_checked_single_use_and_short_lived() {
    let (emulator, mut client, control) = start();
    assert_eq!(open(&emulator, CONF, "no-such-token").err(), Some(401));
    let tmp = ws_token(&mut client, &control);
    assert_eq!(open(&emulator, "914083138", &tmp).err(), Some(401), "a token of another conference");
    // That attempt was for another conference: the token is still good here.
    let socket = open(&emulator, CONF, &tmp).expect("first use");
    drop(socket);
    assert_eq!(open(&emulator, CONF, &tmp).err(), Some(401), "second use");
    let old = ws_token(&mut client, &control);
    emulator.advance_clock(61);
    assert_eq!(open(&emulator, CONF, &old).err(), Some(401), "older than 60 s");
    emulator.advance_clock(-61);
    assert_eq!(open(&emulator, "999999999", &tmp).err(), Some(404), "unknown conference");
    let state = emulator.state();
    let used: Vec<bool> =
        state["huawei"]["ws_tokens"].as_array().expect("tokens").iter().map(|t| t["used"] == true).collect();
    assert_eq!(used, vec![true, true]);
}

#[test]
fn ended_conference_refuses_sockets() {
    let (emulator, mut client, control) = start();
    let tmp = ws_token(&mut client, &control);
    conf_admin(&mut client, "end", &json!({}));
    assert_eq!(open(&emulator, CONF, &tmp).err(), Some(404));
}

#[test]
fn subscribe_sends_full_messages() {
    let (emulator, mut client, control) = start();
    let mut socket = opened(&emulator, &mut client, &control);
    let types = [
        "ConfBasicInfoNotify",
        "NetConditionNotify",
        "ConfDynamicInfoNotify",
        "ParticipantsNotify",
        "SpeakerChangeNotify",
    ];
    let fulls = subscribed(&mut socket, &control, &types);
    let actions: Vec<&str> = fulls.iter().map(|f| f["action"].as_str().unwrap_or_default()).collect();
    assert_eq!(actions, ALL);
    for f in &fulls {
        assert_eq!(f["msgMode"], 0);
        assert_eq!(f["confID"], CONF);
        assert_eq!(f["version"], f["createTime"]);
        assert!(f["version"].as_i64().is_some_and(|v| v > 1_600_000_000_000), "{f}");
        assert!(f["msgID"].as_str().is_some_and(|id| id.len() == 32));
    }
    assert_eq!(fulls[0]["title"], "Demo conference");
    assert_eq!(fulls[0]["displayID"], CONF);
    assert!(fulls[0]["startTime"].as_str().is_some_and(|t| t.parse::<i64>().is_ok()));
    assert_eq!(fulls[1]["state"], "Created");
    assert_eq!(fulls[1]["lock"], 0);
    assert_eq!(fulls[1]["mute"], 0);
    assert_eq!(fulls[1]["recState"], 0);
    let people = fulls[2]["data"].as_array().expect("data");
    let pids: Vec<&str> = people.iter().map(|p| p["pid"].as_str().unwrap_or_default()).collect();
    assert_eq!(pids, [ALICE, BOB, CAROL, "p-dora", "p-evan"]);
    let pinfo = |pid: &str| people.iter().find(|p| p["pid"] == pid).expect("pid")["pinfoMap"].clone();
    assert_eq!(pinfo(ALICE)["ROLE"], "1");
    assert_eq!(pinfo(ALICE)["NAME"], "Alice");
    assert_eq!(pinfo(ALICE)["TEL"], "+8613800000001");
    assert_eq!(pinfo(CAROL)["MUTE"], "1");
    assert_eq!(pinfo("p-dora")["ROLE"], "0", "a co-host: the push names none");
    assert_eq!(pinfo("p-evan")["HAND"], "1");
    assert_eq!(pinfo("p-evan")["VIDEO"], "0");
    assert_eq!(pinfo(BOB)["STATE"], "0");
    assert!(people.iter().all(|p| p["mode"] == 0));
    assert!(fulls[3].get("data").is_none(), "nobody speaks: {}", fulls[3]);
    // The pids are the control API's: realTimeInfo lists the same ones.
    let info = ok(&hw_call(&mut client, "GET", CONF, "realTimeInfo", "", &control, b""));
    let listed: Vec<&str> = info["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .filter_map(|p| p["pid"].as_str())
        .collect();
    assert_eq!(listed, pids);
}

#[test]
fn subscribe_with_a_bad_control_token_is_refused_and_closed() {
    let (emulator, mut client, control) = start();
    let mut socket = opened(&emulator, &mut client, &control);
    send(&mut socket, &subscribe_frame("stb-not-a-token", &ALL));
    let answer = next(&mut socket);
    assert_eq!(answer["action"], "Subscribe");
    assert_eq!(answer["sequence"], "000001");
    assert_eq!(answer["result"], "failed");
    assert!(answer["reason"].is_string());
    match socket.read().expect("close") {
        Message::Close(Some(frame)) => assert_eq!(frame.code, CloseCode::from(4001)),
        other => panic!("expected a close frame, got {other:?}"),
    }
    // Garbage before subscribing is answered, not fatal.
    let mut socket = opened(&emulator, &mut client, &control);
    socket.send(Message::text("not json")).expect("send");
    assert_eq!(next(&mut socket)["result"], "failed");
    subscribed(&mut socket, &control, &["ParticipantsNotify"]);
}

#[test]
fn increments_follow_control_calls_and_admin_routes() {
    let (emulator, mut client, control) = start();
    let mut socket = opened(&emulator, &mut client, &control);
    subscribed(&mut socket, &control, &["ParticipantsNotify", "ConfDynamicInfoNotify"]);

    let r = hw_call(
        &mut client,
        "PUT",
        CONF,
        "participants/mute",
        &format!("&participantID={BOB}"),
        &control,
        br#"{"isMute":1}"#,
    );
    assert_eq!(r.status, 200);
    let f = next(&mut socket);
    assert_eq!(f["action"], "ParticipantsNotify");
    assert_eq!(f["msgMode"], 1);
    assert_eq!(f["version"], 1);
    assert_eq!(f["data"], json!([{"pid": BOB, "mode": 0, "pinfoMap": {"MUTE": "1"}}]));

    conf_admin(&mut client, "hand", &json!({"pid": BOB, "raised": true}));
    let f = next(&mut socket);
    assert_eq!(f["version"], 2);
    assert_eq!(f["data"], json!([{"pid": BOB, "mode": 0, "pinfoMap": {"HAND": "1"}}]));

    let pid = conf_admin(
        &mut client,
        "join",
        &json!({"name": "Hugo", "number": "+8613800000099", "role": "cohost"}),
    )["pid"]
        .as_str()
        .expect("pid")
        .to_string();
    let f = next(&mut socket);
    assert_eq!(f["version"], 3);
    let joined = &f["data"][0];
    assert_eq!(joined["pid"], pid.as_str());
    assert_eq!(joined["pinfoMap"]["ROLE"], "0", "a co-host is \"0\": the push names none");
    assert_eq!(joined["pinfoMap"]["NAME"], "Hugo");
    assert_eq!(joined["pinfoMap"].as_object().map(|m| m.len()), Some(11), "with BROADCAST and ROLLCALL");

    // The new participant's pid works with the control API.
    let r = hw_call(
        &mut client,
        "PUT",
        CONF,
        "participants/video",
        &format!("&participantID={pid}"),
        &control,
        br#"{"status":1}"#,
    );
    assert_eq!(r.status, 200);
    let f = next(&mut socket);
    assert_eq!(f["version"], 4);
    assert_eq!(f["data"], json!([{"pid": pid, "mode": 0, "pinfoMap": {"VIDEO": "0"}}]));

    conf_admin(&mut client, "ws/skip-version", &json!({}));
    conf_admin(&mut client, "leave", &json!({"pid": pid}));
    let f = next(&mut socket);
    assert_eq!(f["version"], 6, "one version skipped");
    assert_eq!(f["data"], json!([{"pid": pid, "mode": 1}]));

    let r = hw_call(&mut client, "PUT", CONF, "lock", "", &control, br#"{"isLock":1}"#);
    assert_eq!(r.status, 200);
    let f = next(&mut socket);
    assert_eq!(f["action"], "ConfDynamicInfoNotify");
    assert_eq!(f["msgMode"], 1);
    assert_eq!(f["version"], 1, "versions count per action");
    assert_eq!(f["lock"], 1);
    assert_eq!(f["state"], "Created");

    // Hanging up and a rejected call.
    let r = hw_call(
        &mut client,
        "POST",
        CONF,
        "participants/delete",
        "",
        &control,
        format!(r#"{{"bulkHangUpParticipants":["{CAROL}"]}}"#).as_bytes(),
    );
    assert_eq!(r.status, 200);
    let f = next(&mut socket);
    assert_eq!(f["data"], json!([{"pid": CAROL, "mode": 1}]));
    assert_eq!(f["version"], 7);
    let r = hw_call(
        &mut client,
        "PUT",
        CONF,
        "participants/mute",
        "&participantID=nobody",
        &control,
        br#"{"isMute":1}"#,
    );
    assert_eq!(r.status, 400);
    assert!(silent(&mut socket, Duration::from_millis(300)), "a failed call changes nothing");
}

#[test]
fn speaker_changes() {
    let (emulator, mut client, control) = start();
    let mut socket = opened(&emulator, &mut client, &control);
    subscribed(&mut socket, &control, &["SpeakerChangeNotify"]);
    conf_admin(&mut client, "speaker", &json!({"pid": BOB}));
    let f = next(&mut socket);
    assert_eq!(f["action"], "SpeakerChangeNotify");
    assert_eq!(f["version"], 1);
    assert_eq!(f["data"][0]["pid"], BOB);
    assert_eq!(f["data"][0]["name"], "Bob");
    assert!(f["data"][0]["speakingVolume"].is_i64());
    conf_admin(&mut client, "speaker", &json!({"pid": null}));
    let f = next(&mut socket);
    assert_eq!(f["version"], 2);
    assert!(f.get("data").is_none());
}

#[test]
fn heartbeats_are_echoed_until_switched_off() {
    let (emulator, mut client, control) = start();
    let mut socket = opened(&emulator, &mut client, &control);
    subscribed(&mut socket, &control, &["ConfDynamicInfoNotify"]);
    send(&mut socket, &json!({"sequence": "42", "action": "HeartBeat"}));
    assert_eq!(next(&mut socket), json!({"sequence": "42", "action": "HeartBeat"}));
    conf_admin(&mut client, "ws/heartbeats", &json!({"answer": false}));
    send(&mut socket, &json!({"sequence": "43", "action": "HeartBeat"}));
    assert!(silent(&mut socket, Duration::from_millis(400)));
    conf_admin(&mut client, "ws/heartbeats", &json!({"answer": true}));
    send(&mut socket, &json!({"sequence": "44", "action": "HeartBeat"}));
    assert_eq!(next(&mut socket)["sequence"], "44");
    let stats = ws_stats(&mut client);
    assert_eq!(stats, json!({"connections": 1, "open": 1, "heartbeats": 3}));
}

#[test]
fn silence_for_180_seconds_closes_the_socket() {
    let (emulator, mut client, control) = start();
    let mut socket = opened(&emulator, &mut client, &control);
    subscribed(&mut socket, &control, &["ConfDynamicInfoNotify"]);
    emulator.advance_clock(181);
    match socket.read().expect("close") {
        Message::Close(Some(frame)) => assert_eq!(frame.code, CloseCode::Normal),
        other => panic!("expected a close frame, got {other:?}"),
    }
}

#[test]
fn drop_closes_without_a_close_frame() {
    let (emulator, mut client, control) = start();
    let mut a = opened(&emulator, &mut client, &control);
    let mut b = opened(&emulator, &mut client, &control);
    subscribed(&mut a, &control, &["ParticipantsNotify"]);
    let give_up = Instant::now() + Duration::from_secs(5);
    while ws_stats(&mut client)["open"] != 2 && Instant::now() < give_up {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(ws_stats(&mut client)["open"], 2);
    conf_admin(&mut client, "ws/drop", &json!({}));
    for socket in [&mut a, &mut b] {
        match socket.read() {
            Err(tungstenite::Error::Protocol(
                tungstenite::error::ProtocolError::ResetWithoutClosingHandshake,
            )) => {}
            Err(tungstenite::Error::Io(_)) => {}
            other => panic!("expected an abrupt end, got {other:?}"),
        }
    }
    let give_up = Instant::now() + Duration::from_secs(5);
    while ws_stats(&mut client)["open"] != 0 && Instant::now() < give_up {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(ws_stats(&mut client), json!({"connections": 2, "open": 0, "heartbeats": 0}));
}

#[test]
fn garbage_frames() {
    let (emulator, mut client, control) = start();
    let mut socket = opened(&emulator, &mut client, &control);
    subscribed(&mut socket, &control, &["ParticipantsNotify"]);
    conf_admin(&mut client, "ws/garbage", &json!({"kind": "text"}));
    match socket.read().expect("text") {
        Message::Text(t) => assert!(serde_json::from_str::<Value>(t.as_str()).is_err()),
        other => panic!("{other:?}"),
    }
    conf_admin(&mut client, "ws/garbage", &json!({"kind": "binary"}));
    assert!(matches!(socket.read().expect("binary"), Message::Binary(_)));
    conf_admin(&mut client, "ws/garbage", &json!({"kind": "oversized", "bytes": 300_000}));
    match socket.read().expect("oversized") {
        Message::Text(t) => {
            assert_eq!(t.len(), 300_000);
            assert!(serde_json::from_str::<Value>(t.as_str()).is_ok());
        }
        other => panic!("{other:?}"),
    }
    let r = client
        .send(
            "POST",
            &format!("/_emulator/huawei/conferences/{CONF}/ws/garbage"),
            &[],
            br#"{"kind":"weird"}"#,
        )
        .expect("admin");
    assert_eq!(r.status, 400);
    // The socket still works.
    conf_admin(&mut client, "hand", &json!({"pid": BOB, "raised": true}));
    assert_eq!(next(&mut socket)["version"], 1);
}

#[test]
fn ending_sends_destroyed_then_closes() {
    let (emulator, mut client, control) = start();
    let mut socket = opened(&emulator, &mut client, &control);
    subscribed(&mut socket, &control, &["ConfDynamicInfoNotify", "ParticipantsNotify"]);
    let r = hw_call(&mut client, "PUT", CONF, "stop", "", &control, b"");
    assert_eq!(r.status, 200);
    let f = next(&mut socket);
    assert_eq!(f["action"], "ConfDynamicInfoNotify");
    assert_eq!(f["msgMode"], 1);
    assert_eq!(f["state"], "Destroyed");
    match socket.read().expect("close") {
        Message::Close(Some(frame)) => assert_eq!(frame.code, CloseCode::Normal),
        other => panic!("expected a close frame, got {other:?}"),
    }
    // The close handshake completes and the connection ends.
    loop {
        match socket.read() {
            Ok(_) => {}
            Err(tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed) => break,
            Err(e) => panic!("{e}"),
        }
    }
}

#[test]
fn ending_closes_sockets_that_never_subscribed() {
    let (emulator, mut client, control) = start();
    let mut socket = opened(&emulator, &mut client, &control);
    let give_up = Instant::now() + Duration::from_secs(5);
    while ws_stats(&mut client)["open"] != 1 && Instant::now() < give_up {
        std::thread::sleep(Duration::from_millis(10));
    }
    conf_admin(&mut client, "end", &json!({}));
    match socket.read().expect("close") {
        Message::Close(Some(frame)) => assert_eq!(frame.code, CloseCode::Normal),
        other => panic!("expected a close frame, got {other:?}"),
    }
}

#[test]
fn end_admin_route_closes_too() {
    let (emulator, mut client, control) = start();
    let mut socket = opened(&emulator, &mut client, &control);
    subscribed(&mut socket, &control, &["ConfDynamicInfoNotify"]);
    conf_admin(&mut client, "end", &json!({}));
    assert_eq!(next(&mut socket)["state"], "Destroyed");
    assert!(matches!(socket.read().expect("close"), Message::Close(Some(_))));
}

#[test]
fn refuse_count() {
    let (emulator, mut client, control) = start();
    conf_admin(&mut client, "ws/refuse", &json!({"count": 2}));
    let tmp = ws_token(&mut client, &control);
    assert_eq!(open(&emulator, CONF, &tmp).err(), Some(401));
    assert_eq!(open(&emulator, CONF, &tmp).err(), Some(401));
    // A refused attempt does not use the token up.
    let mut socket = open(&emulator, CONF, &tmp).expect("third attempt");
    subscribed(&mut socket, &control, &["ConfDynamicInfoNotify"]);
    assert_eq!(ws_stats(&mut client)["connections"], 1);
}

#[test]
fn crowd_adds_guests() {
    let (emulator, mut client, control) = start();
    let mut socket = opened(&emulator, &mut client, &control);
    subscribed(&mut socket, &control, &["ParticipantsNotify"]);
    let added = conf_admin(&mut client, "crowd", &json!({"count": 500}));
    assert_eq!(added["added"], 500);
    let f = next(&mut socket);
    let data = f["data"].as_array().expect("data");
    assert_eq!(data.len(), 500);
    assert_eq!(data[499]["pinfoMap"]["NAME"], "Guest 500");
    let mut other = opened(&emulator, &mut client, &control);
    let full = subscribed(&mut other, &control, &["ParticipantsNotify"]);
    assert_eq!(full[0]["data"].as_array().map(Vec::len), Some(505));
}
