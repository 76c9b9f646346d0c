//! From the vendor's POST to the app's `next()`: p50 and p99 over a burst of 2,000 signed events
//! sent back to back on one keep-alive connection, beside a bare hyper server (the same runtime:
//! HTTP/1 on a single-threaded tokio) answering 200 to the same requests, measured in the same run.
//! Tails move with the host: compare each figure with its floor's, never chase them. Run with
//! `cargo bench -p meetctl --features receiver --bench receiver_latency`; `scripts/bench.sh
//! webhook` runs it too.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use meetctl::tencent::receiver::{ReceiverConfig, TencentReceiver};
use meetctl::tencent::webhook::{TencentWebhook, signature_hex};

const TOKEN: &str = "bVPU6F8Htxl5XkAbp3jGV2xWp";
const EVENTS: usize = 2000;

/// The burst's requests: `(id, bytes)`, signed (no age check on the receiving side).
fn requests() -> Vec<(String, Vec<u8>)> {
    (0..EVENTS)
        .map(|i| {
            let id = format!("bench-{i}");
            let plain = format!(
                r#"{{"event":"meeting.participant-joined","trace_id":"{id}","payload":[{{"operate_time":1,"operator":{{"ms_open_id":"ms-{i}","instance_id":"1"}},"meeting_info":{{"meeting_id":"m","meeting_code":"806724161"}}}}]}}"#
            );
            let data = base64::engine::general_purpose::STANDARD.encode(plain);
            let signature = signature_hex(TOKEN, "1609239040864", "1", &data);
            let body = format!("{{\"data\":\"{data}\"}}");
            let head = format!(
                "POST /hook HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntimestamp: 1609239040864\r\n\
                 nonce: 1\r\nsignature: {signature}\r\ncontent-length: {}\r\n\r\n",
                body.len()
            );
            (id, [head.into_bytes(), body.into_bytes()].concat())
        })
        .collect()
}

/// Sends each request on one keep-alive connection and reads its answer; the send instants.
fn send_all(addr: SocketAddr, requests: &[(String, Vec<u8>)]) -> Vec<(Instant, Duration)> {
    let stream = TcpStream::connect(addr).expect("connect");
    stream.set_nodelay(true).expect("nodelay");
    let mut writer = stream.try_clone().expect("clone");
    let mut reader = BufReader::new(stream);
    let mut out = Vec::with_capacity(requests.len());
    for (_, bytes) in requests {
        let sent = Instant::now();
        writer.write_all(bytes).expect("write");
        let mut length = 0usize;
        let mut line = String::new();
        loop {
            line.clear();
            reader.read_line(&mut line).expect("read");
            if line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0u8; length];
        reader.read_exact(&mut body).expect("body");
        out.push((sent, sent.elapsed()));
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

/// A bare hyper server answering 200 to everything, on its own thread's single-threaded runtime.
fn bare_server() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(
                        |request: hyper::Request<hyper::body::Incoming>| async move {
                            use http_body_util::BodyExt;
                            let _ = request.into_body().collect().await;
                            Ok::<_, std::convert::Infallible>(hyper::Response::new(
                                http_body_util::Full::new(hyper::body::Bytes::from_static(
                                    b"successfully received callback",
                                )),
                            ))
                        },
                    );
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    });
    addr
}

fn main() {
    let requests = requests();

    // The floor: the same requests to a bare hyper server, answer time.
    let floor_addr = bare_server();
    let mut floor: Vec<Duration> = send_all(floor_addr, &requests).into_iter().map(|(_, d)| d).collect();
    floor.sort_unstable();

    // The receiver: from the write of each request to the app's next() returning its event.
    let webhook = TencentWebhook::new(TOKEN, None).expect("token").max_age(None);
    let receiver =
        TencentReceiver::start(webhook, ReceiverConfig { queue: EVENTS, ..ReceiverConfig::default() })
            .expect("receiver");
    let addr = receiver.local_addr();
    let (tx, rx) = mpsc::channel();
    let consumer = std::thread::spawn(move || {
        let mut got = HashMap::with_capacity(EVENTS);
        while got.len() < EVENTS {
            match receiver.next(Duration::from_secs(30)) {
                Some(event) => {
                    got.insert(event.id, Instant::now());
                }
                None => break,
            }
        }
        let _ = tx.send(got);
    });
    let sent = send_all(addr, &requests);
    let got = rx.recv().expect("the consumer's times");
    consumer.join().expect("consumer");
    let mut latency: Vec<Duration> = requests
        .iter()
        .zip(&sent)
        .filter_map(|((id, _), (at, _))| got.get(id).map(|done| done.saturating_duration_since(*at)))
        .collect();
    assert_eq!(latency.len(), EVENTS, "every event reached next()");
    latency.sort_unstable();

    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "floor  bare hyper answer: p50 {:8.1} us  p99 {:8.1} us",
        us(percentile(&floor, 0.5)),
        us(percentile(&floor, 0.99))
    );
    println!(
        "       POST to next():     p50 {:8.1} us  p99 {:8.1} us",
        us(percentile(&latency, 0.5)),
        us(percentile(&latency, 0.99))
    );
    println!("RESULT webhook.latency_floor_p50_us {:.1} -", us(percentile(&floor, 0.5)));
    println!("RESULT webhook.latency_floor_p99_us {:.1} -", us(percentile(&floor, 0.99)));
    println!("RESULT webhook.latency_p50_us {:.1} -", us(percentile(&latency, 0.5)));
    println!("RESULT webhook.latency_p99_us {:.1} -", us(percentile(&latency, 0.99)));
    println!(
        "RESULT webhook.latency_p50_ratio {:.3} -",
        percentile(&latency, 0.5).as_secs_f64() / percentile(&floor, 0.5).as_secs_f64()
    );
}
