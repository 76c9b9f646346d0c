//! From a state change in the emulator to the app's `next()` over the Huawei conference-control
//! WebSocket: p50 and p99 over 1,000 changes (a participant's hand raised and lowered in turn
//! through the emulator's admin route, on one keep-alive connection), beside the floor measured
//! in the same loop: the admin request's own round trip (sent → answered), in which the change is
//! made and published. `next()` can only follow the answer's publication, so the gap between the
//! two is what the WebSocket push, the frame's parsing, the roster and the queue add. Tails move
//! with the host: compare each figure with its floor's, never chase them. Run with
//! `cargo bench -p meetctl --bench live_latency`; `scripts/bench.sh live` runs it too.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use meetctl::huawei::{AccountAuth, ConferenceAuth, HuaweiClient, HuaweiLiveEvent, LiveOptions, Region};
use meetctl::{ClientConfig, ProxySetting, Secret};
use meetctl_emulator::{Emulator, demo_scenario};

const CONF: &str = "914083136";
/// Bob, online in the demo conference.
const BOB: &str = "a1b2c3d4e5f611eabc510dc9b62e3a81";
const CHANGES: usize = 1000;
const WARM_UP: usize = 100;

/// One admin request on a kept-alive connection; returns when its answer has been read.
fn post(writer: &mut TcpStream, reader: &mut BufReader<TcpStream>, body: &str) {
    let request = format!(
        "POST /_emulator/huawei/conferences/{CONF}/hand HTTP/1.1\r\nhost: emulator\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    writer.write_all(request.as_bytes()).expect("write");
    let mut length = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        reader.read_line(&mut line).expect("read");
        if line == "\r\n" {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().expect("length");
        }
    }
    let mut rest = vec![0; length];
    reader.read_exact(&mut rest).expect("body");
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() {
    let emu = Emulator::start(demo_scenario()).expect("emulator");
    let config = ClientConfig::new()
        .base_url(emu.url())
        .proxy(ProxySetting::Disabled)
        .timeout(Duration::from_secs(10));
    let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config).expect("client");
    let conference =
        client.conference(CONF, ConferenceAuth::Password(Secret::new("157599"))).expect("conference");
    let stream = conference.live_events(LiveOptions::new()).expect("stream");
    // The initial roster first.
    let online = conference.info().expect("info").participants.len();
    let mut initial = 0;
    while initial < online {
        if let Some(HuaweiLiveEvent::Joined { .. }) = stream.next(Duration::from_secs(10)).expect("next") {
            initial += 1;
        }
    }
    let socket = TcpStream::connect(emu.addr()).expect("connect");
    socket.set_nodelay(true).expect("nodelay");
    let mut writer = socket.try_clone().expect("clone");
    let mut reader = BufReader::new(socket);

    let mut to_next = Vec::with_capacity(CHANGES);
    let mut floor = Vec::with_capacity(CHANGES);
    for i in 0..CHANGES + WARM_UP {
        let body = format!(r#"{{"pid":"{BOB}","raised":{}}}"#, i % 2 == 0);
        let sent = Instant::now();
        post(&mut writer, &mut reader, &body);
        let answered = sent.elapsed();
        loop {
            match stream.next(Duration::from_secs(10)).expect("next") {
                Some(HuaweiLiveEvent::Changed { .. }) => break,
                Some(_) => continue,
                None => panic!("no change within 10 s"),
            }
        }
        let seen = sent.elapsed();
        if i >= WARM_UP {
            floor.push(answered);
            to_next.push(seen);
        }
    }
    floor.sort();
    to_next.sort();
    let (f50, f99) = (percentile(&floor, 0.5), percentile(&floor, 0.99));
    let (n50, n99) = (percentile(&to_next, 0.5), percentile(&to_next, 0.99));
    println!(
        "floor  the admin request's round trip (the change made and published): p50 {:8.1} us  p99 {:8.1} us",
        us(f50),
        us(f99)
    );
    println!(
        "       the change to next() over the WebSocket:                  p50 {:8.1} us  p99 {:8.1} us",
        us(n50),
        us(n99)
    );
    println!(
        "       p50 / floor p50 {:.2}x, p99 / floor p99 {:.2}x [for information: the host moves it]",
        us(n50) / us(f50),
        us(n99) / us(f99)
    );
    println!("RESULT live.floor_p50_us {:.1} -", us(f50));
    println!("RESULT live.floor_p99_us {:.1} -", us(f99));
    println!("RESULT live.next_p50_us {:.1} -", us(n50));
    println!("RESULT live.next_p99_us {:.1} -", us(n99));
    println!("RESULT live.next_p50_ratio {:.3} -", us(n50) / us(f50));
}
