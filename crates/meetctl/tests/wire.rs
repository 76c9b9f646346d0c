//! The HTTP/1.1 layer against a scripted server on loopback: every way an answer can be framed,
//! what makes a connection reusable, and the answers that must be refused. The server answers
//! each request with the next reply of its script and records what it received.

mod common;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use meetctl::tencent::{TencentClient, TencentCredentials};
use meetctl::{ClientConfig, ErrorKind, Method, ProxySetting, RetryPolicy};
use serde_json::json;

/// One scripted answer.
#[derive(Clone)]
struct Reply {
    bytes: Vec<u8>,
    /// Sent first; the rest after `pause`.
    split_at: Option<usize>,
    pause: Duration,
    /// Close the connection once the answer is sent.
    close: bool,
}

fn reply(bytes: impl Into<Vec<u8>>) -> Reply {
    Reply { bytes: bytes.into(), split_at: None, pause: Duration::ZERO, close: false }
}

fn ok_json(body: &str) -> Reply {
    reply(format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ))
}

#[derive(Default)]
struct Seen {
    connections: usize,
    /// Each request as received, head and body.
    requests: Vec<String>,
}

struct ScriptedServer {
    port: u16,
    seen: Arc<Mutex<Seen>>,
}

impl ScriptedServer {
    fn start(script: Vec<Reply>) -> ScriptedServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Seen::default()));
        let script = Arc::new(Mutex::new(VecDeque::from(script)));
        let log = Arc::clone(&seen);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                log.lock().unwrap().connections += 1;
                let (log, script) = (Arc::clone(&log), Arc::clone(&script));
                thread::spawn(move || serve(stream, &log, &script));
            }
        });
        ScriptedServer { port, seen }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn connections(&self) -> usize {
        self.seen.lock().unwrap().connections
    }
}

fn serve(stream: TcpStream, log: &Mutex<Seen>, script: &Mutex<VecDeque<Reply>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    loop {
        let mut head = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            head.push_str(&line);
            if line == "\r\n" {
                break;
            }
        }
        let length = head
            .lines()
            .find_map(|l| l.split_once(':').filter(|(name, _)| name.eq_ignore_ascii_case("content-length")))
            .map_or(0, |(_, n)| n.trim().parse::<usize>().unwrap());
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        log.lock().unwrap().requests.push(head + &String::from_utf8_lossy(&body));
        let Some(reply) = script.lock().unwrap().pop_front() else { return };
        let (first, rest) = reply.bytes.split_at(reply.split_at.unwrap_or(reply.bytes.len()));
        if writer.write_all(first).is_err() {
            return;
        }
        if !rest.is_empty() {
            thread::sleep(reply.pause);
            if writer.write_all(rest).is_err() {
                return;
            }
        }
        if reply.close {
            return;
        }
    }
}

fn client(server: &ScriptedServer, config: impl FnOnce(ClientConfig) -> ClientConfig) -> TencentClient {
    let config = config(
        ClientConfig::new().base_url(server.url()).proxy(ProxySetting::Disabled).retry(RetryPolicy::none()),
    );
    TencentClient::new(TencentCredentials::enterprise(APP_ID, SECRET_ID, SECRET_KEY, None), config).unwrap()
}

fn get(client: &TencentClient) -> Result<serde_json::Value, meetctl::Error> {
    client.request(Method::Get, "/v1/wire", &[], None)
}

#[test]
fn a_request_is_sent_as_prepared_with_header_names_in_lower_case() {
    let server = ScriptedServer::start(vec![ok_json("{}")]);
    let client = client(&server, |c| c);
    client.set_cohost(MEETING, &host(), &attendee()).unwrap();
    let request = server.seen.lock().unwrap().requests[0].clone();
    // HTTP field names are case-insensitive and no vendor signature covers their case: ureq
    // writes them in lower case.
    let line = format!("PUT /v1/real-control/meetings/{MEETING}/cohosts HTTP/1.1\r\n");
    assert!(request.starts_with(&line), "{request}");
    for header in [
        format!("\r\nhost: 127.0.0.1:{}\r\n", server.port),
        "\r\nuser-agent: meetctl/".to_owned(),
        "\r\nx-tc-key: AKIDtestkey\r\n".to_owned(),
        "\r\nappid: 210000001\r\n".to_owned(),
        "\r\nx-tc-signature: ".to_owned(),
    ] {
        assert!(request.contains(&header), "{header:?} in {request}");
    }
    let body = request.split("\r\n\r\n").nth(1).unwrap();
    assert!(request.contains(&format!("\r\ncontent-length: {}\r\n", body.len())), "{request}");
    assert!(body.starts_with('{') && body.contains("\"action\":true"), "{body}");
}

#[test]
fn chunked_answers_after_an_interim_one_are_read_whole_and_the_connection_kept() {
    let chunked = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
                   5;name=value\r\n{\"a\":\r\n3\r\n 1}\r\n0\r\nX-Trailer: t\r\n\r\n";
    // The second answer arrives in two parts, the chunk size split from its data.
    let mut split = reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7\r\n{\"b\":2}\r\n0\r\n\r\n");
    split.split_at = Some(50);
    split.pause = Duration::from_millis(30);
    let server = ScriptedServer::start(vec![reply(chunked), split]);
    let client = client(&server, |c| c);
    assert_eq!(get(&client).unwrap(), json!({"a": 1}));
    assert_eq!(get(&client).unwrap(), json!({"b": 2}));
    assert_eq!(server.connections(), 1, "both answers on one connection");
}

#[test]
fn an_answer_ended_by_closing_the_connection_is_read_whole_and_not_reused() {
    let mut until_close = reply("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"c\":3}");
    until_close.close = true;
    let mut close_header =
        reply("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 7\r\n\r\n{\"d\":4}");
    close_header.close = true;
    let server = ScriptedServer::start(vec![until_close, close_header, ok_json("{\"e\":5}")]);
    let client = client(&server, |c| c);
    assert_eq!(get(&client).unwrap(), json!({"c": 3}));
    assert_eq!(get(&client).unwrap(), json!({"d": 4}));
    assert_eq!(get(&client).unwrap(), json!({"e": 5}));
    assert_eq!(server.connections(), 3);
}

#[test]
fn an_idle_connection_the_server_closed_is_not_used_again() {
    // Kept alive by the answer, then closed by the server while idle: a PUT (never repeated on
    // its own) must not be sent on it.
    let mut closes = ok_json("{}");
    closes.close = true;
    let server = ScriptedServer::start(vec![closes, ok_json("{}")]);
    let client = client(&server, |c| c);
    client.set_cohost(MEETING, &host(), &attendee()).unwrap();
    thread::sleep(Duration::from_millis(100));
    client.set_cohost(MEETING, &host(), &attendee()).unwrap();
    assert_eq!(server.connections(), 2);
}

#[test]
fn bodies_over_the_limit_are_refused_however_they_are_framed() {
    let big = "x".repeat(2000);
    let mut until_close = reply(format!("HTTP/1.1 200 OK\r\n\r\n{big}"));
    until_close.close = true;
    let server = ScriptedServer::start(vec![
        reply(format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{big}", big.len())),
        reply(format!("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n{big}\r\n0\r\n\r\n")),
        until_close,
    ]);
    let client = client(&server, |c| c.max_response_bytes(1000));
    for framing in ["length", "chunked", "close"] {
        let e = get(&client).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MalformedResponse, "{framing}: {e}");
        assert!(e.message().contains("size limit"), "{framing}: {e}");
    }
}

#[test]
fn answers_that_are_not_http_or_too_large_are_malformed() {
    let huge_head =
        format!("HTTP/1.1 200 OK\r\nX-Big: {}\r\nContent-Length: 2\r\n\r\n{{}}", "y".repeat(70 * 1024));
    let bad_chunk = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
    let server =
        ScriptedServer::start(vec![reply("SSH-2.0-OpenSSH_9.2\r\n\r\n"), reply(huge_head), reply(bad_chunk)]);
    let client = client(&server, |c| c);
    for (case, words) in [("garbage", "not valid HTTP"), ("head", "too large"), ("chunk", "chunked body")] {
        let e = get(&client).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MalformedResponse, "{case}: {e}");
        assert!(e.message().contains(words), "{case}: {e}");
    }
}

#[test]
fn a_connection_closed_mid_answer_is_a_connection_error() {
    let mut cut = reply("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{\"partial\":");
    cut.close = true;
    let mut silent = reply("");
    silent.close = true;
    let server = ScriptedServer::start(vec![cut, silent]);
    let client = client(&server, |c| c);
    for case in ["cut short", "no answer"] {
        let e = get(&client).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Connection, "{case}: {e}");
    }
}

#[test]
fn a_body_that_stalls_times_out_by_the_read_timeout() {
    let mut stalls = reply("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{\"f\":");
    stalls.split_at = Some(stalls.bytes.len() - 2);
    stalls.pause = Duration::from_secs(3);
    let server = ScriptedServer::start(vec![stalls]);
    let client = client(&server, |c| c.read_timeout(Duration::from_millis(300)));
    let started = Instant::now();
    let e = get(&client).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(started.elapsed() < Duration::from_millis(1500), "{:?}", started.elapsed());
}

#[test]
fn a_body_sent_after_its_head_is_waited_for_and_one_sent_with_it_taken_at_once() {
    let mut later = ok_json("{\"g\":7}");
    later.split_at = Some(later.bytes.len() - 7); // the head alone, the body 30 ms later
    later.pause = Duration::from_millis(30);
    let server = ScriptedServer::start(vec![later, ok_json("{\"h\":8}")]);
    let client = client(&server, |c| c);
    assert_eq!(get(&client).unwrap(), json!({"g": 7}));
    assert_eq!(get(&client).unwrap(), json!({"h": 8}));
    assert_eq!(server.connections(), 1, "both answers on one connection");
}
