//! The emulator clock on the wire: every response's `Date` header follows it (both vendors,
//! errors, admin), a skew set at start (`--clock-skew`, `StartOptions`) or later (admin API,
//! `set_clock_offset`) moves it, and Tencent refuses timestamps more than 300 s from it.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use meetctl_emulator::{Emulator, StartOptions, demo_scenario};
use serde_json::json;

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Unix seconds of an IMF-fixdate (`Mon, 07 Dec 2026 14:00:00 GMT`), parsed independently.
fn parse_http_date(date: &str) -> i64 {
    let parts: Vec<&str> = date.split(' ').collect();
    assert_eq!(parts.len(), 6, "{date}");
    assert!(parts[0].ends_with(',') && parts[5] == "GMT", "{date}");
    let day: i64 = parts[1].parse().expect("day");
    let month = MONTHS.iter().position(|m| *m == parts[2]).expect("month") as i64 + 1;
    let year: i64 = parts[3].parse().expect("year");
    let hms: Vec<i64> = parts[4].split(':').map(|p| p.parse().expect("time")).collect();
    // Days from civil (proleptic Gregorian).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2]
}

fn date_of(response: &Response) -> i64 {
    parse_http_date(response.header("date").expect("a Date header"))
}

fn near(a: i64, b: i64) -> bool {
    (a - b).abs() <= 2
}

#[test]
fn every_response_carries_the_emulator_date() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let real = now() as i64;
    let tencent_ok =
        signed(&mut client, &APP1, "GET", &format!("/v1/meetings/{MEETING}?userid=alice&instanceid=1"), b"");
    assert_eq!(tencent_ok.status, 200);
    let tencent_err = client.send("GET", "/v1/meetings/1", &[], b"").expect("request");
    assert_eq!(tencent_err.status, 400);
    let huawei_err = client.send("GET", "/v1/mmc/management/conferences/online", &[], b"").expect("request");
    assert_eq!(huawei_err.status, 401);
    let not_found = client.send("GET", "/nowhere", &[], b"").expect("request");
    let admin = client.send("GET", "/_emulator/clock", &[], b"").expect("request");
    for response in [&tencent_ok, &tencent_err, &huawei_err, &not_found, &admin] {
        assert!(near(date_of(response), real), "{:?}", response.header("date"));
    }
    let clock = ok(&admin);
    assert_eq!(clock["offset_secs"], 0);
    assert_eq!(clock["date"].as_str(), admin.header("date"));
}

#[test]
fn admin_and_library_skew_move_the_date_and_the_timestamp_window() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let set = client
        .send("POST", "/_emulator/clock", &[], json!({"offset_secs": -3600}).to_string().as_bytes())
        .expect("request");
    let answer = ok(&set);
    assert_eq!(answer["offset_secs"], -3600);
    let real = now() as i64;
    assert!(near(date_of(&set), real - 3600));
    assert!(near(answer["now"].as_i64().expect("now"), real - 3600));
    assert_eq!(emulator.clock_offset(), -3600);

    // A request signed with real time is an hour off the emulator's clock: refused.
    let refused =
        signed(&mut client, &APP1, "GET", &format!("/v1/meetings/{MEETING}?userid=alice&instanceid=1"), b"");
    assert_eq!(tencent_code(&refused), 190_300);
    assert!(near(date_of(&refused), real - 3600), "the refusal's Date is the emulator's");

    // Moving it: advance_secs adds to the offset; both at once is refused.
    let moved = client
        .send("POST", "/_emulator/clock", &[], json!({"advance_secs": 600}).to_string().as_bytes())
        .expect("request");
    assert_eq!(ok(&moved)["offset_secs"], -3000);
    let both = client
        .send(
            "POST",
            "/_emulator/clock",
            &[],
            json!({"advance_secs": 1, "offset_secs": 1}).to_string().as_bytes(),
        )
        .expect("request");
    assert_eq!(both.status, 400);

    emulator.set_clock_offset(0);
    let fine =
        signed(&mut client, &APP1, "GET", &format!("/v1/meetings/{MEETING}?userid=alice&instanceid=1"), b"");
    assert_eq!(fine.status, 200);
    assert!(near(date_of(&fine), now() as i64));
}

#[test]
fn tencent_refuses_a_timestamp_six_minutes_off() {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let uri = format!("/v1/meetings/{MEETING}?userid=alice&instanceid=1");
    let clock = emulator_now(&emulator);
    for (offset, nonce) in [(360_i64, "7000001"), (-360, "7000002")] {
        let timestamp = (clock as i64 + offset) as u64;
        let response = tencent_with_timestamp(&mut client, "GET", &uri, b"", nonce, timestamp);
        assert_eq!(tencent_code(&response), 190_300, "{offset}");
        assert_eq!(response.json()["error_info"]["new_error_code"], 200_190_300);
    }
    let within = tencent_with_timestamp(&mut client, "GET", &uri, b"", "7000003", clock - 240);
    assert_eq!(within.status, 200, "4 minutes off is within the window");
}

#[test]
fn a_skew_at_start_keeps_the_scenario_on_the_emulators_clock() {
    let options = StartOptions { clock_skew_secs: 7200, ..StartOptions::default() };
    let emulator = Emulator::start_with(demo_scenario(), options).expect("start");
    let mut client = Client::connect(&emulator);
    let clock = emulator_now(&emulator);
    assert!(near(clock as i64, now() as i64 + 7200));
    let uri = "/v1/meetings?meeting_code=300100300&userid=alice&instanceid=1";
    let response = tencent_with_timestamp(&mut client, "GET", uri, b"", "7100001", clock);
    let meeting = &ok(&response)["meeting_info_list"][0];
    assert_eq!(
        meeting["current_sub_meeting_id"], "1700300002",
        "today's occurrence, on the emulator's clock"
    );
    assert!(near(date_of(&response), now() as i64 + 7200));
}

#[test]
fn the_binary_takes_clock_skew() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_meetctl-emulator"))
        .args(["--listen", "127.0.0.1:0", "--clock-skew", "-900", "--exit-on-stdin-eof"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut url = String::new();
    stdout.read_line(&mut url).expect("the URL");
    let addr = url.trim_end().trim_start_matches("http://").to_string();
    let mut stream = TcpStream::connect(&addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    stream
        .write_all(b"GET /_emulator/clock HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("write");
    let mut text = String::new();
    stream.read_to_string(&mut text).expect("read");
    let date = text
        .lines()
        .find_map(|l| l.strip_prefix("date: ").or_else(|| l.strip_prefix("Date: ")))
        .expect("a Date header");
    assert!(near(parse_http_date(date), now() as i64 - 900), "{date}");
    assert!(text.contains("\"offset_secs\":-900"), "{text}");
    drop(child.stdin.take());
    assert!(child.wait().expect("wait").success());

    let bad = Command::new(env!("CARGO_BIN_EXE_meetctl-emulator"))
        .args(["--clock-skew", "later"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--clock-skew"));
}

#[test]
fn parser_self_check() {
    assert_eq!(parse_http_date("Mon, 07 Dec 2026 14:00:00 GMT"), 1_796_652_000);
    assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
}
