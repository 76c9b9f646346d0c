//! End-to-end tests over loopback with a minimal HTTP/1.1 client (std::net only).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::*;
use meetctl_emulator::{Emulator, Fault, demo_scenario};
use serde_json::{Value, json};

fn cohost_body(action: bool) -> Vec<u8> {
    json!({
        "operator_id": "afagsagwags",
        "operator_id_type": 4,
        "instanceid": 4,
        "action": action,
        "user": {"to_operator_id": "agaqwwgdkkddd", "to_operator_id_type": 4, "instanceid": 2}
    })
    .to_string()
    .into_bytes()
}

// ---------------------------------------------------------------------------------------------

#[test]
fn admin_state_and_request_ids() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    assert!(emulator.url().starts_with("http://127.0.0.1:"));
    let response = get(&emulator, "/_emulator/state");
    assert_eq!(response.status, 200);
    let id = response.header("x-request-id").expect("request id");
    assert_eq!(id.len(), 32);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    let state = response.json();
    assert_eq!(state["tencent"]["meetings"].as_array().map(Vec::len), Some(10));
    assert_eq!(state["huawei"]["conferences"][0]["host"], "d2c3ae64216e11eabc510dc9b62e3a80");
    assert_eq!(state["request_count"], 0);
    assert_eq!(emulator.state()["huawei"]["control_tokens_issued"], 0);
}

#[test]
fn signed_cohost_call_changes_state_and_replay_is_refused() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let uri = format!("/v1/real-control/meetings/{MEETING}/cohosts");
    let response = tencent(&mut client, "PUT", &uri, &cohost_body(true), "10001");
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    assert_eq!(response.json(), json!({}));
    assert_eq!(participant(&emulator.state(), MEETING, "bob")["role"], "cohost");

    // Same connection (keep-alive), same nonce and timestamp: a replay.
    let timestamp = now().to_string();
    let body = cohost_body(false);
    let signature = tencent_signature("PUT", "10002", &timestamp, &uri, &body);
    let headers = [
        ("X-TC-Key", SECRET_ID),
        ("X-TC-Timestamp", timestamp.as_str()),
        ("X-TC-Nonce", "10002"),
        ("X-TC-Signature", signature.as_str()),
        ("AppId", APP_ID),
    ];
    let first = client.send("PUT", &uri, &headers, &body).expect("first");
    assert_eq!(first.status, 200);
    assert_eq!(participant(&emulator.state(), MEETING, "bob")["role"], "attendee");
    let replay = client.send("PUT", &uri, &headers, &body).expect("replay");
    assert_eq!(replay.status, 400);
    assert_eq!(replay.json()["error_info"]["error_code"], 190_301);
    assert_eq!(replay.json()["error_info"]["new_error_code"], 200_190_301);

    let state = emulator.state();
    assert_eq!(state["request_count"], 3);
    assert_eq!(state["requests"][0]["method"], "PUT");
    assert_eq!(state["requests"][0]["path"], uri);
    assert_eq!(state["requests"][2]["status"], 400);
}

#[test]
fn get_meeting_signs_the_query() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let uri = format!("/v1/meetings/{MEETING}?userid=alice&instanceid=1");
    let response = tencent(&mut client, "GET", &uri, b"", "777");
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    let body = response.json();
    assert_eq!(body["meeting_info_list"][0]["meeting_id"], MEETING);
    assert_eq!(body["meeting_info_list"][0]["participant_count"], 6);
    assert_eq!(emulator.state()["requests"][0]["query"], "userid=alice&instanceid=1");
}

#[test]
fn auth_rejections_use_the_tencent_error_format() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let uri = format!("/v1/real-control/meetings/{MEETING}/cohosts");
    let body = cohost_body(true);
    let timestamp = now().to_string();

    // No credentials at all: the first missing header is named.
    let response = client.send("PUT", &uri, &[], &body).expect("request");
    assert_eq!(response.status, 400);
    let info = &response.json()["error_info"];
    assert_eq!(info["error_code"], 190_004);
    assert!(info["message"].as_str().is_some_and(|m| m.contains("X-TC-Key")));

    // A signature over a different body: 200003.
    let signature = tencent_signature("PUT", "5", &timestamp, &uri, b"{}");
    let headers = [
        ("X-TC-Key", SECRET_ID),
        ("X-TC-Timestamp", timestamp.as_str()),
        ("X-TC-Nonce", "5"),
        ("X-TC-Signature", signature.as_str()),
        ("AppId", APP_ID),
    ];
    let response = client.send("PUT", &uri, &headers, &body).expect("request");
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["error_info"]["error_code"], 200_003);

    // An SdkId the app does not have: 190303.
    let signature = tencent_signature("PUT", "6", &timestamp, &uri, &body);
    let headers = [
        ("X-TC-Key", SECRET_ID),
        ("X-TC-Timestamp", timestamp.as_str()),
        ("X-TC-Nonce", "6"),
        ("X-TC-Signature", signature.as_str()),
        ("AppId", APP_ID),
        ("SdkId", "20001"),
    ];
    let response = client.send("PUT", &uri, &headers, &body).expect("request");
    assert_eq!(response.json()["error_info"]["error_code"], 190_303);

    // A stale timestamp: 190300.
    emulator.advance_clock(301);
    let response = tencent(&mut client, "PUT", &uri, &body, "7");
    assert_eq!(response.json()["error_info"]["error_code"], 190_300);
    emulator.advance_clock(-301);

    // Signed, but the body is not UTF-8: 190004.
    let response = tencent(&mut client, "PUT", &uri, b"{\"a\":\"\xff\"}", "8");
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["error_info"]["error_code"], 190_004);

    // Signed, but the operator is an attendee: 9042, and no new_error_code.
    let attendee = json!({
        "operator_id": "agaqwwgdkkddd", "operator_id_type": 4, "instanceid": 2, "action": true,
        "user": {"to_operator_id": "msopenid-dave", "to_operator_id_type": 4, "instanceid": 3}
    })
    .to_string();
    let response = tencent(&mut client, "PUT", &uri, attendee.as_bytes(), "9");
    let info = &response.json()["error_info"];
    assert_eq!(info["error_code"], 9042);
    assert!(info.get("new_error_code").is_none());
    assert_eq!(participant(&emulator.state(), MEETING, "dave")["role"], "attendee");
}

#[test]
fn faults_status_rate_limit_malformed_delay_and_reset() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let uri = format!("/v1/meetings/{MEETING}?userid=alice&instanceid=1");

    emulator.inject(Fault::status(503).on_path("/v1/meetings"));
    let response = get(&emulator, &uri);
    assert_eq!(response.status, 503);
    assert_eq!(response.json()["error_info"]["error_code"], 503);
    assert!(response.header("x-request-id").is_some());

    // Faults do not touch admin paths and are used up.
    emulator.inject(Fault::rate_limit(3).on_path("/v1/mmc"));
    assert_eq!(get(&emulator, "/_emulator/state").status, 200);
    let response = get(&emulator, "/v1/mmc/control/conferences/token?conferenceID=914083136");
    assert_eq!(response.status, 429);
    assert_eq!(response.header("retry-after"), Some("3"));
    assert_eq!(response.json()["error_code"], "100000429");

    // Through the admin endpoint: malformed.
    let mut admin = Client::connect(&emulator);
    let added = admin.send("POST", "/_emulator/faults", &[], br#"{"kind":"malformed"}"#).expect("add fault");
    assert_eq!(added.status, 200);
    let response = get(&emulator, &uri);
    assert_eq!(response.status, 200);
    assert_eq!(response.body, b"{\"error_info\": ");
    assert!(serde_json::from_slice::<Value>(&response.body).is_err());

    // Delay, then the real answer (an auth error: the request is unsigned).
    emulator.inject(Fault::delay(150));
    let started = std::time::Instant::now();
    let response = get(&emulator, &uri);
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(response.json()["error_info"]["error_code"], 190_004);

    // Reset: no response at all.
    emulator.inject(Fault::reset());
    let mut client = Client::connect(&emulator);
    assert!(client.send("GET", &uri, &[], b"").is_err());

    // Clearing the queue.
    emulator.inject(Fault::status(500).times(5));
    let cleared = admin.send("DELETE", "/_emulator/faults", &[], b"").expect("clear");
    assert_eq!(cleared.status, 200);
    assert_eq!(get(&emulator, &uri).status, 400);

    let state = emulator.state();
    let statuses: Vec<u64> =
        state["requests"].as_array().expect("log").iter().filter_map(|r| r["status"].as_u64()).collect();
    assert_eq!(statuses, vec![503, 429, 200, 400, 0, 400]);

    // A bad fault is refused.
    let bad = admin.send("POST", "/_emulator/faults", &[], br#"{"kind":"explode"}"#).expect("bad fault");
    assert_eq!(bad.status, 400);
}

#[test]
fn unknown_paths_get_vendor_404s() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let response = get(&emulator, "/v1/nothing-here");
    assert_eq!(response.status, 404);
    assert!(response.json()["error_info"]["error_code"].is_i64());
    let response = get(&emulator, "/v1/mmc/control/nothing");
    assert_eq!(response.status, 404);
    assert!(response.json()["error_code"].is_string());
    // Known path, wrong method.
    let response = get(&emulator, "/v1/real-control/meetings/1/cohosts");
    assert_eq!(response.status, 404);
    assert!(response.json()["error_info"].is_object());
}

#[test]
fn huawei_app_auth_control_token_and_host_role() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);

    // App ID authentication.
    let nonce = "0123456789abcdef0123456789abcdef-e2e";
    let expire = (now() + 600).to_string();
    let msg = format!("demoappid0001:alice:{expire}:{nonce}");
    let signature = hmac_hex("demo-app-key-0001", msg.as_bytes()).to_ascii_uppercase();
    let authorization =
        format!("HMAC-SHA256 signature={signature},access={}", STANDARD.encode("demoappid0001"));
    let body = format!(
        r#"{{"appId":"demoappid0001","userId":"alice","expireTime":{expire},"nonce":"{nonce}","clientType":72}}"#
    );
    let response = client
        .send("POST", "/v2/usg/acs/auth/appauth", &[("Authorization", &authorization)], body.as_bytes())
        .expect("appauth");
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    let access_token = response.json()["accessToken"].as_str().expect("token").to_string();
    // The same nonce again is refused.
    let again = client
        .send("POST", "/v2/usg/acs/auth/appauth", &[("Authorization", &authorization)], body.as_bytes())
        .expect("appauth again");
    assert_eq!(again.status, 401);
    assert_eq!(again.json()["error_code"], "USG.000000007");

    // Control token with the guest password.
    let token_uri = "/v1/mmc/control/conferences/token?conferenceID=914083136";
    let headers =
        [("X-Password", "246810"), ("X-Login-Type", "1"), ("X-Access-Token", access_token.as_str())];
    let response = client.send("GET", token_uri, &headers, b"").expect("token");
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    let data = &response.json()["data"];
    assert_eq!(data["role"], 0);
    let token = data["token"].as_str().expect("token").to_string();
    assert!(token.starts_with("stb") && token.len() == 51);

    // Bob applies for host with the chairman password.
    let role_uri = "/v1/mmc/control/conferences/participants/role?conferenceID=914083136&participantID=a1b2c3d4e5f611eabc510dc9b62e3a81";
    let auth = [("X-Conference-Authorization", token.as_str())];
    let response =
        client.send("PUT", role_uri, &auth, br#"{"applyChair":1,"chairmanPwd":"157599"}"#).expect("role");
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    assert!(response.body.is_empty());
    let conference = &emulator.state()["huawei"]["conferences"][0];
    assert_eq!(conference["host"], "a1b2c3d4e5f611eabc510dc9b62e3a81");
    assert_eq!(conference["participants"][0]["role"], "participant");

    // Wrong chairman password: 403.
    let response =
        client.send("PUT", role_uri, &auth, br#"{"applyChair":1,"chairmanPwd":"000000"}"#).expect("role");
    assert_eq!(response.status, 403);
    assert_eq!(response.json()["error_code"], "MMC.111070002");

    // Revoked token: 401 MMC.111070004; no token: 401 MMC.111070111.
    assert_eq!(emulator.revoke_control_tokens("914083136"), 1);
    let response = client.send("PUT", role_uri, &auth, br#"{"applyChair":0}"#).expect("role");
    assert_eq!(response.status, 401);
    assert_eq!(response.json()["error_code"], "MMC.111070004");
    let response = client.send("PUT", role_uri, &[], br#"{"applyChair":0}"#).expect("role");
    assert_eq!(response.json()["error_code"], "MMC.111070111");
    assert_eq!(emulator.state()["huawei"]["access_tokens_issued"], 1);
    assert_eq!(emulator.state()["huawei"]["control_tokens_issued"], 1);
}

#[test]
fn binary_prints_url_and_exits_on_stdin_eof() {
    use std::process::{Command, Stdio};
    let scenario = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/demo.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_meetctl-emulator"))
        .args(["--listen", "127.0.0.1:0", "--scenario", scenario, "--exit-on-stdin-eof"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("first line");
    let url = line.trim();
    let addr = url.strip_prefix("http://").expect("http url");
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .write_all(b"GET /_emulator/state HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    drop(child.stdin.take());
    let status = child.wait().expect("wait");
    assert!(status.success());

    let bad = Command::new(env!("CARGO_BIN_EXE_meetctl-emulator"))
        .args(["--scenario", "/nonexistent.json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert_eq!(bad.code(), Some(2));
}

#[test]
fn per_minute_rate_limit() {
    let mut scenario = demo_scenario();
    scenario.tencent.rate_limit_per_minute = 2;
    let emulator = Emulator::start(scenario).expect("start");
    // Move to the start of a minute so the three requests share one window.
    let now = emulator_now(&emulator);
    emulator.advance_clock(i64::try_from(60 - now % 60).expect("small"));
    let now = emulator_now(&emulator);
    let mut client = Client::connect(&emulator);
    let uri = format!("/v1/meetings/{MEETING}?userid=alice&instanceid=1");
    for nonce in ["1", "2"] {
        assert_eq!(tencent_with_timestamp(&mut client, "GET", &uri, b"", nonce, now).status, 200);
    }
    let limited = tencent_with_timestamp(&mut client, "GET", &uri, b"", "3", now);
    assert_eq!(limited.status, 429);
    assert_eq!(limited.json()["error_info"]["error_code"], 190_310);
    assert!(limited.header("retry-after").is_some());
    // The next minute has a fresh budget.
    emulator.advance_clock(60);
    let later = tencent_with_timestamp(&mut client, "GET", &uri, b"", "4", now + 60);
    assert_eq!(later.status, 200);
}

#[test]
fn garbage_bodies_get_vendor_errors_never_a_dropped_connection() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let bodies: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"{".to_vec(),
        b"[]".to_vec(),
        b"null".to_vec(),
        b"\xff\xfe\x00".to_vec(),
        br#"{"operator_id":5}"#.to_vec(),
        br#"{"operator_id":"afagsagwags","operator_id_type":"4","instanceid":4}"#.to_vec(),
        br#"{"operator_id":"afagsagwags","operator_id_type":4,"instanceid":99999999999999999999999}"#.to_vec(),
        br#"{"operator_id":"afagsagwags","operator_id_type":4,"instanceid":4,"action":"yes","mute":1}"#.to_vec(),
        br#"{"operator_id":"afagsagwags","operator_id_type":4,"instanceid":4,"action":true,"mute":true,"user":[]}"#.to_vec(),
        br#"{"uuid":"uuid-alice","instanceid":4,"action":true,"mute":true,"user":{"uuid":7,"instanceid":2}}"#.to_vec(),
        br#"{"uuid":"uuid-alice","instanceid":4,"action":true,"mute":true,"user":{"uuid":"nobody","instanceid":2}}"#.to_vec(),
        format!("{}{}", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
        br#"{"applyChair":"1"}"#.to_vec(),
        br#"{"applyChair":1,"chairmanPwd":157599}"#.to_vec(),
        br#"{"isMute":true}"#.to_vec(),
    ];
    let mut nonce = 100u64;
    for api in ["cohosts", "video", "mutes"] {
        let uri = format!("/v1/real-control/meetings/{MEETING}/{api}");
        for body in &bodies {
            nonce += 1;
            let now = emulator_now(&emulator);
            let response = tencent_with_timestamp(&mut client, "PUT", &uri, body, &nonce.to_string(), now);
            assert_eq!(response.status, 400, "{api} {:?}", String::from_utf8_lossy(body));
            let code = &response.json()["error_info"]["error_code"];
            assert!(code == 190_004 || code == 9042, "{api}: {code}");
        }
    }

    let token_uri = "/v1/mmc/control/conferences/token?conferenceID=914083136";
    let response = client
        .send("GET", token_uri, &[("X-Password", "157599"), ("X-Login-Type", "1")], b"")
        .expect("token");
    assert_eq!(response.status, 200);
    let token = response.json()["data"]["token"].as_str().expect("token").to_string();
    for api in ["role", "mute"] {
        let uri = format!(
            "/v1/mmc/control/conferences/participants/{api}?conferenceID=914083136&participantID=p-none"
        );
        for body in &bodies {
            let response = client
                .send("PUT", &uri, &[("X-Conference-Authorization", token.as_str())], body)
                .expect("req");
            assert_eq!(response.status, 400, "{api} {:?}", String::from_utf8_lossy(body));
            let code = response.json()["error_code"].as_str().expect("code").to_string();
            assert!(code == "MMC.111070001" || code == "MMC.111071011", "{api}: {code}");
        }
    }
    for uri in ["/v2/usg/acs/auth/appauth", "/v1/usg/acs/auth/account"] {
        for body in &bodies {
            let response = client.send("POST", uri, &[("Authorization", "nonsense")], body).expect("req");
            assert_eq!(response.status, 401);
            assert_eq!(response.json()["error_code"], "USG.000000004");
        }
    }
    // The emulator still answers.
    assert_eq!(get(&emulator, "/_emulator/state").status, 200);
}

#[test]
fn video_with_oauth_and_aksk() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let oauth_meeting = "1242152152162";
    let uri = format!("/v1/real-control/meetings/{oauth_meeting}/video");
    let body = json!({
        "operator_id": "oauth-open-id-1", "operator_id_type": 2, "instanceid": 1,
        "user": {"uuid": "uuid-pete", "instanceid": 5}
    })
    .to_string();
    let response = oauth(&mut client, "oauth-open-id-1", "demo-oauth-token-1", &uri, &body, "1");
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    let state = emulator.state();
    assert_eq!(participant(&state, oauth_meeting, "pete")["video"], false);

    // No MANAGE_MEETING scope: 9042. Wrong token: 190303.
    let response = oauth(&mut client, "oauth-open-id-2", "demo-oauth-token-2", &uri, &body, "2");
    assert_eq!(response.json()["error_info"]["error_code"], 9042);
    let response = oauth(&mut client, "oauth-open-id-1", "wrong", &uri, &body, "3");
    assert_eq!(response.json()["error_info"]["error_code"], 190_303);
    // OAuth on a meeting the user did not create: 9003.
    let other = format!("/v1/real-control/meetings/{MEETING}/video");
    let response = oauth(&mut client, "oauth-open-id-1", "demo-oauth-token-1", &other, &body, "4");
    assert_eq!(response.json()["error_info"]["error_code"], 9003);
    // The cohosts API refuses OAuth.
    let cohosts = format!("/v1/real-control/meetings/{oauth_meeting}/cohosts");
    let response = oauth(&mut client, "oauth-open-id-1", "demo-oauth-token-1", &cohosts, &body, "5");
    let info = &response.json()["error_info"];
    assert_eq!(info["error_code"], 190_004);
    assert!(info["message"].as_str().is_some_and(|m| m.contains("OAuth 2.0")));

    // AK/SK: erin's video cannot be stopped (9104); bob named on the wrong device: no effect.
    let erin = json!({
        "operator_id": "afagsagwags", "operator_id_type": 4, "instanceid": 4,
        "user": {"to_operator_id": "msopenid-erin", "to_operator_id_type": 4, "instanceid": 1}
    })
    .to_string();
    let response = tencent(&mut client, "PUT", &other, erin.as_bytes(), "6");
    assert_eq!(response.json()["error_info"]["error_code"], 9104);
    let wrong_device = json!({
        "uuid": "uuid-alice", "instanceid": 4,
        "user": {"uuid": "uuid-bob", "instanceid": 1}
    })
    .to_string();
    let response = tencent(&mut client, "PUT", &other, wrong_device.as_bytes(), "7");
    assert_eq!(response.status, 200);
    assert_eq!(participant(&emulator.state(), MEETING, "bob")["video"], true);
    // With ms_open_id only devices 1-8 are accepted.
    let rooms = json!({
        "uuid": "uuid-alice", "instanceid": 4,
        "user": {"to_operator_id": "x", "to_operator_id_type": 4, "instanceid": 20}
    })
    .to_string();
    let response = tencent(&mut client, "PUT", &other, rooms.as_bytes(), "8");
    assert_eq!(response.json()["error_info"]["error_code"], 190_004);
    // Another app's meeting: 9003.
    let foreign = "/v1/real-control/meetings/1242152152163/video";
    let response = tencent(&mut client, "PUT", foreign, wrong_device.as_bytes(), "9");
    assert_eq!(response.json()["error_info"]["error_code"], 9003);
}

#[test]
fn drop_stops_the_server_even_with_open_connections() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let addr = emulator.addr();
    let mut idle = Client::connect(&emulator);
    assert_eq!(idle.send("GET", "/_emulator/state", &[], b"").expect("state").status, 200);
    emulator.inject(Fault::delay(60_000));
    let mut stuck = TcpStream::connect(addr).expect("connect");
    stuck.write_all(b"GET /v1/meetings/1 HTTP/1.1\r\nHost: x\r\n\r\n").expect("write");
    std::thread::sleep(Duration::from_millis(50));
    let started = std::time::Instant::now();
    drop(emulator);
    assert!(started.elapsed() < Duration::from_secs(3), "drop took {:?}", started.elapsed());
    assert!(TcpStream::connect(addr).is_err());
}
