//! Shared by the integration tests: a minimal HTTP/1.1 client over loopback and the vendors'
//! request signing, implemented independently of the emulator.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use meetctl_emulator::Emulator;
use serde_json::Value;
use sha2::Sha256;

// ---------------------------------------------------------------------------------------------
// A minimal HTTP/1.1 client.

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }
}

pub struct Client {
    reader: BufReader<TcpStream>,
}

impl Client {
    pub fn connect(emulator: &Emulator) -> Client {
        let stream = TcpStream::connect(emulator.addr()).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
        stream.set_nodelay(true).expect("nodelay");
        Client { reader: BufReader::new(stream) }
    }

    pub fn send(
        &mut self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Response> {
        let mut head = format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !body.is_empty() || method != "GET" {
            head.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let stream = self.reader.get_mut();
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        stream.flush()?;

        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "no response"));
        }
        let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("status line");
        let mut headers = Vec::new();
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let trimmed = line.trim_end();
            if trimmed.is_empty() {
                break;
            }
            let (name, value) = trimmed.split_once(':').expect("header line");
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
        let length: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body)?;
        Ok(Response { status, headers, body })
    }
}

pub fn get(emulator: &Emulator, target: &str) -> Response {
    Client::connect(emulator).send("GET", target, &[], b"").expect("request")
}

// ---------------------------------------------------------------------------------------------
// Vendor signing, implemented independently of the emulator.

pub const SECRET_ID: &str = "AKIDdemo0001";
pub const SECRET_KEY: &str = "demo-secret-key-0001";
pub const APP_ID: &str = "210000001";
pub const MEETING: &str = "1242152152161";

pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("time").as_secs()
}

pub fn hmac_hex(key: &str, msg: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("key");
    mac.update(msg);
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

pub fn tencent_signature(method: &str, nonce: &str, timestamp: &str, uri: &str, body: &[u8]) -> String {
    let mut msg =
        format!("{method}\nX-TC-Key={SECRET_ID}&X-TC-Nonce={nonce}&X-TC-Timestamp={timestamp}\n{uri}\n")
            .into_bytes();
    msg.extend_from_slice(body);
    STANDARD.encode(hmac_hex(SECRET_KEY, &msg))
}

/// Sends a signed Tencent request with the given nonce.
pub fn tencent(client: &mut Client, method: &str, uri: &str, body: &[u8], nonce: &str) -> Response {
    let timestamp = now().to_string();
    let signature = tencent_signature(method, nonce, &timestamp, uri, body);
    let headers = [
        ("X-TC-Key", SECRET_ID),
        ("X-TC-Timestamp", timestamp.as_str()),
        ("X-TC-Nonce", nonce),
        ("X-TC-Signature", signature.as_str()),
        ("AppId", APP_ID),
        ("X-TC-Registered", "1"),
    ];
    client.send(method, uri, &headers, body).expect("request")
}

pub fn participant<'a>(state: &'a Value, meeting: &str, userid: &str) -> &'a Value {
    state["tencent"]["meetings"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["meeting_id"] == meeting))
        .and_then(|m| m["participants"].as_array())
        .and_then(|ps| ps.iter().find(|p| p["userid"] == userid))
        .expect("participant")
}

/// The emulator's own clock, for timestamps.
pub fn emulator_now(emulator: &Emulator) -> u64 {
    emulator.state()["clock"]["now"].as_u64().expect("clock")
}

pub fn tencent_with_timestamp(
    client: &mut Client,
    method: &str,
    uri: &str,
    body: &[u8],
    nonce: &str,
    timestamp: u64,
) -> Response {
    let timestamp = timestamp.to_string();
    let signature = tencent_signature(method, nonce, &timestamp, uri, body);
    let headers = [
        ("X-TC-Key", SECRET_ID),
        ("X-TC-Timestamp", timestamp.as_str()),
        ("X-TC-Nonce", nonce),
        ("X-TC-Signature", signature.as_str()),
        ("AppId", APP_ID),
    ];
    client.send(method, uri, &headers, body).expect("request")
}

pub fn oauth(
    client: &mut Client,
    open_id: &str,
    token: &str,
    uri: &str,
    body: &str,
    nonce: &str,
) -> Response {
    let timestamp = now().to_string();
    let headers = [
        ("AccessToken", token),
        ("OpenId", open_id),
        ("X-TC-Timestamp", timestamp.as_str()),
        ("X-TC-Nonce", nonce),
    ];
    client.send("PUT", uri, &headers, body.as_bytes()).expect("request")
}

// ---------------------------------------------------------------------------------------------
// Helpers for the control-API tests.

/// A Tencent AK/SK app of the demo scenario.
pub struct App {
    pub app_id: &'static str,
    pub secret_id: &'static str,
    pub secret_key: &'static str,
    pub sdk_id: Option<&'static str>,
}

/// App `210000001` (no SdkId): meeting 1242152152161.
pub const APP1: App = App { app_id: APP_ID, secret_id: SECRET_ID, secret_key: SECRET_KEY, sdk_id: None };

/// App `210000002` (SdkId 20002): meeting 1242152152163.
pub const APP2: App = App {
    app_id: "210000002",
    secret_id: "AKIDdemo0002",
    secret_key: "demo-secret-key-0002",
    sdk_id: Some("20002"),
};

/// A nonce never used before in this test process.
pub fn fresh_nonce() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(5_000_000);
    NEXT.fetch_add(1, Ordering::Relaxed).to_string()
}

/// Sends a request signed by `app` with a fresh nonce; `body` is sent as is.
pub fn signed(client: &mut Client, app: &App, method: &str, uri: &str, body: &[u8]) -> Response {
    let nonce = fresh_nonce();
    let timestamp = now().to_string();
    let mut msg = format!(
        "{method}\nX-TC-Key={}&X-TC-Nonce={nonce}&X-TC-Timestamp={timestamp}\n{uri}\n",
        app.secret_id
    )
    .into_bytes();
    msg.extend_from_slice(body);
    let signature = STANDARD.encode(hmac_hex(app.secret_key, &msg));
    let mut headers = vec![
        ("X-TC-Key", app.secret_id),
        ("X-TC-Timestamp", timestamp.as_str()),
        ("X-TC-Nonce", nonce.as_str()),
        ("X-TC-Signature", signature.as_str()),
        ("AppId", app.app_id),
    ];
    if let Some(sdk_id) = app.sdk_id {
        headers.push(("SdkId", sdk_id));
    }
    client.send(method, uri, &headers, body).expect("request")
}

/// A signed PUT of a JSON body to `/v1/real-control/meetings/{meeting}/{api}`.
pub fn control(client: &mut Client, app: &App, meeting: &str, api: &str, body: &Value) -> Response {
    let uri = format!("/v1/real-control/meetings/{meeting}/{api}");
    signed(client, app, "PUT", &uri, body.to_string().as_bytes())
}

/// An OAuth 2.0 request (no signature).
pub fn oauth_request(
    client: &mut Client,
    open_id: &str,
    token: &str,
    method: &str,
    uri: &str,
    body: &[u8],
) -> Response {
    let timestamp = now().to_string();
    let nonce = fresh_nonce();
    let headers = [
        ("AccessToken", token),
        ("OpenId", open_id),
        ("X-TC-Timestamp", timestamp.as_str()),
        ("X-TC-Nonce", nonce.as_str()),
    ];
    client.send(method, uri, &headers, body).expect("request")
}

/// The Tencent `error_code` of an error response (panics on a success).
pub fn tencent_code(response: &Response) -> Value {
    assert_ne!(response.status, 200, "expected an error: {}", String::from_utf8_lossy(&response.body));
    response.json()["error_info"]["error_code"].clone()
}

/// The Tencent error message.
pub fn tencent_message(response: &Response) -> String {
    response.json()["error_info"]["message"].as_str().unwrap_or_default().to_string()
}

/// Asserts a 200 and returns the JSON answer.
pub fn ok(response: &Response) -> Value {
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    if response.body.is_empty() { Value::Null } else { response.json() }
}

/// A Tencent meeting in the state.
pub fn meeting<'a>(state: &'a Value, meeting_id: &str) -> &'a Value {
    state["tencent"]["meetings"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["meeting_id"] == meeting_id))
        .expect("meeting")
}

/// A Tencent participant in the state, by any id field (`userid`, `uuid`, `ms_open_id`, ...).
pub fn member<'a>(state: &'a Value, meeting_id: &str, field: &str, id: &str) -> &'a Value {
    meeting(state, meeting_id)["participants"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p[field] == id))
        .expect("participant")
}

/// A Huawei conference in the state.
pub fn conference<'a>(state: &'a Value, conference_id: &str) -> &'a Value {
    state["huawei"]["conferences"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["conference_id"] == conference_id))
        .expect("conference")
}

/// A Huawei participant in the state.
pub fn hw_member<'a>(state: &'a Value, conference_id: &str, participant_id: &str) -> &'a Value {
    conference(state, conference_id)["participants"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["participant_id"] == participant_id))
        .expect("participant")
}

/// A Huawei control token for `conference_id` with `password`.
pub fn control_token(client: &mut Client, conference_id: &str, password: &str) -> String {
    let uri = format!("/v1/mmc/control/conferences/token?conferenceID={conference_id}");
    let response =
        client.send("GET", &uri, &[("X-Password", password), ("X-Login-Type", "1")], b"").expect("token");
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    response.json()["data"]["token"].as_str().expect("token").to_string()
}

/// A Huawei control call: `path` under `/v1/mmc/control/conferences/`, `query` after
/// `conferenceID=..`, the token sent raw in `X-Conference-Authorization`.
pub fn hw_call(
    client: &mut Client,
    method: &str,
    conference_id: &str,
    path: &str,
    query: &str,
    token: &str,
    body: &[u8],
) -> Response {
    let uri = format!("/v1/mmc/control/conferences/{path}?conferenceID={conference_id}{query}");
    client.send(method, &uri, &[("X-Conference-Authorization", token)], body).expect("request")
}

/// The Huawei `error_code` of an error response.
pub fn huawei_code(response: &Response) -> String {
    assert_ne!(response.status, 200, "expected an error: {}", String::from_utf8_lossy(&response.body));
    response.json()["error_code"].as_str().unwrap_or_default().to_string()
}
