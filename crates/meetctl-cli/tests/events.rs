//! `meetctl events tencent`: the real binary receiving over loopback. The delivery is the worked
//! example of the vendor's signature page (its token, timestamp, nonce, data and signature), sent
//! with the age check off since its timestamp is from 2020.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

const TOKEN: &str = "bVPU6F8Htxl5XkAbp3jGV2xWp";
const TIMESTAMP: &str = "1609239040864";
const NONCE: &str = "14964161";
const SIGNATURE: &str = "b11e507817336a91d7df0c8536ee2aca18bbbae8";
const DATA: &str = "eyJldmVudCI6Im1lZXRpbmcuY3JlYXRlZCIsInVuaXF1ZV9zZXF1ZW5jZSI6ImYyMDA5NmVlLThhYzgtNGRmMi1hN2RlLTA1NzQ2NDlmMjExYiIsInBheWxvYWQiOlt7Im9wZXJhdGVfdGltZSI6IjIwMjAtMTItMjkgMTc6NDE6MDYiLCJvcGVyYXRvciI6eyJ1c2VyaWQiOiJ0ZXN0ZXIwMDAwNmJhNWJhYjMzOTg1OGMxM2M5MzBjY2E5NTY4NCJ9LCJtZWV0aW5nX2luZm8iOnsibWVldGluZ19pZCI6IjYwNTg4OTAzODU0ODA5MjEwNTIiLCJtZWV0aW5nX2NvZGUiOiI1MzA4MTI0NTIiLCJzdWJqZWN0IjoibWVkaWEgdGVzdGVyIG1lZXRpbmciLCJjcmVhdG9yX2lkIjoidGVzdGVyMDAwMDZiYTViYWIzMzk4NThjMTNjOTMwY2NhOTU2ODQiLCJob3N0cyI6WyJ0ZXN0ZXIwMDAwNmJhNWJhYjMzOTg1OGMxM2M5MzBjY2E5NTY4NCJdLCJtZWV0aW5nX3R5cGUiOjAsInN0YXJ0X3RpbWUiOiIyMDIwLTEyLTI5IDE3OjQxOjA0IiwiZW5kX3RpbWUiOiIyMDIwLTEyLTI5IDE4OjAxOjA0In19XX0";

fn post(addr: &str, signature: &str) -> u16 {
    let body = format!("{{\"data\":\"{DATA}\"}}");
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        stream,
        "POST /hook HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-type: application/json\r\n\
         timestamp: {TIMESTAMP}\r\nnonce: {NONCE}\r\nsignature: {signature}\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0)
}

#[test]
fn events_are_printed_one_json_line_each_and_once() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_meetctl"))
        .args(["events", "tencent", "--listen", "127.0.0.1:0", "--count", "1", "--max-age", "0"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir())
        .env("MEETCTL_TENCENT_WEBHOOK_TOKEN", TOKEN)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    let addr = first.trim().rsplit("http://").next().unwrap().to_owned();
    assert!(addr.starts_with("127.0.0.1:"), "{first}");

    assert_eq!(post(&addr, &"0".repeat(40)), 401, "a wrong signature is refused");
    assert_eq!(post(&addr, SIGNATURE), 200);
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let event: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(event["kind"], "meeting.created");
    assert_eq!(event["id"], "f20096ee-8ac8-4df2-a7de-0574649f211b");
    assert_eq!(event["meeting_code"], "530812452");
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert!(!rest.contains(TOKEN) && !stdout.contains(TOKEN), "the token is never printed");
}

#[test]
fn without_a_token_it_says_where_to_set_one() {
    let output = Command::new(env!("CARGO_BIN_EXE_meetctl"))
        .args(["events", "tencent", "--count", "1"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("MEETCTL_TENCENT_WEBHOOK_TOKEN"));
}

#[test]
fn tls_files_are_checked_before_listening() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_meetctl"))
            .args(["events", "tencent", "--count", "1"])
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", std::env::temp_dir())
            .env("MEETCTL_TENCENT_WEBHOOK_TOKEN", TOKEN)
            .output()
            .unwrap()
    };
    let alone = run(&["--tls-cert", "/nonexistent/cert.pem"]);
    assert_eq!(alone.status.code(), Some(2), "--tls-cert needs --tls-key");
    let missing = run(&["--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read /nonexistent/cert.pem"));
    let dir = std::env::temp_dir().join(format!("meetctl-events-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert, "not a certificate").unwrap();
    std::fs::write(&key, "not a key").unwrap();
    let bad = run(&["--tls-cert", cert.to_str().unwrap(), "--tls-key", key.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("tls.cert_chain"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
