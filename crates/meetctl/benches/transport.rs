//! One signed Tencent call over a real socket, next to its floor, in the same run.
//!
//! Against the HTTP server at `MEETCTL_BENCH_URL` (scripts/bench.sh starts nginx answering 200
//! `{}` to everything and sets it):
//!
//! - floor: a bare `std::net::TcpStream` (one keep-alive connection, `TCP_NODELAY`) writing the
//!   exact bytes of one signed set_cohost request — request line, `Host`, the prepared headers,
//!   `Content-Length`, body — and reading the whole response (headers, then `Content-Length`
//!   bytes of body);
//! - meetctl: `TencentClient::set_cohost`, sequential, one client, `base_url` the server.
//!
//! Both connections are on the same nginx worker (the script's nginx tells which on `GET
//! /_worker`; the floor reconnects until it matches): on a busy 2-core machine, which worker
//! serves a connection changes the round trip more than the client's own cost does.
//!
//! Warm-up 2,000 calls each, then `MEETCTL_BENCH_N` (default 20,000) calls each, interleaved in
//! blocks of 1,000 (floor block, meetctl block, ...) so drift hits both alike. Each call is timed
//! with `Instant`; prints p50, p99, mean and calls/s of each and the ratios meetctl/floor, and one
//! `RESULT <key> <value> <target>` line per figure for the script (target `-`: for information).
//! For the tail, also the p95 and p99.9 ratios and the share of each one's calls taking over
//! twice the floor's p50 (what puts a p99 on a VM's rare stalls or just short of them).
//! Every call must succeed: an error ends the bench, it is never counted as a call.
//!
//! With `MEETCTL_BENCH_MODE=meetctl-only`, only the meetctl loop (warm-up, then N calls) runs and
//! one `SEQ <mean ns> <p50 ns> <calls>` line is printed: scripts/bench.sh alternates it with the
//! C bench (scripts/bench/bench_c.c) to compare the two bindings at the same N.
//!
//! With `MEETCTL_BENCH_MODE=threads`, `MEETCTL_BENCH_THREADS` threads (default 8) call for
//! `MEETCTL_BENCH_SECONDS` (default 1) with the floor's client (each thread its own connection)
//! and then with one shared `TencentClient`, and one `THREADS <floor|meetctl> <threads> <calls/s>`
//! line is printed for each: scripts/bench.sh runs it with 1 thread pinned beside the server and
//! with 8 on every CPU, to show how far the server and this machine let blocking callers scale,
//! the bound for the Python threads figure.
//!
//! Plain `main` (harness = false) because criterion gives no p99. Without `MEETCTL_BENCH_URL`
//! it prints a note and does nothing (so `cargo bench -p meetctl` still works).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use meetctl::tencent::{
    Instance, TencentClient, TencentControl, TencentCredentials, TencentOperation, TencentUser,
};
use meetctl::{ClientConfig, Method, ProxySetting};

const MEETING: &str = "1242152152161";
const WARM_UP: usize = 2_000;
const BLOCK: usize = 1_000;
const DEFAULT_N: usize = 20_000;

fn main() {
    let Ok(url) = std::env::var("MEETCTL_BENCH_URL") else {
        println!(
            "transport bench: MEETCTL_BENCH_URL is not set, nothing to do (scripts/bench.sh rust sets it)"
        );
        return;
    };
    let url = url.trim_end_matches('/').to_owned();
    let n = match std::env::var("MEETCTL_BENCH_N") {
        Ok(v) => v.parse::<usize>().expect("MEETCTL_BENCH_N must be a number of calls"),
        Err(_) => DEFAULT_N,
    }
    .max(1);
    let mode = std::env::var("MEETCTL_BENCH_MODE").unwrap_or_default();

    let client = TencentClient::new(
        TencentCredentials::enterprise(
            "210000001",
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA",
            "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA",
            None,
        ),
        ClientConfig::new().base_url(url.as_str()).proxy(ProxySetting::Disabled),
    )
    .expect("valid client");
    let operator = TencentUser::ms_open_id("afagsagwags", Instance::Ios);
    let user = TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Mac);
    let meetctl_call = || client.set_cohost(MEETING, &operator, &user).expect("set_cohost failed");

    if mode == "meetctl-only" {
        for _ in 0..WARM_UP {
            meetctl_call();
        }
        let mut times = Vec::with_capacity(n);
        for _ in 0..n {
            let start = Instant::now();
            meetctl_call();
            times.push(start.elapsed());
        }
        let s = Stats::of(&mut times);
        let worker = meetctl_worker(&client).map_or_else(|| "unknown".to_owned(), |w| w.to_string());
        println!(
            "rust meetctl-only: {n} calls, p50 {:.1} µs, mean {:.1} µs, {:.0} calls/s (nginx worker {worker})",
            us(s.p50),
            us(s.mean),
            s.calls_per_s()
        );
        println!("SEQ {} {} {n}", s.mean.as_nanos(), s.p50.as_nanos());
        return;
    }

    // The floor's request: the exact bytes of one signed request, sent again and again (nginx
    // does not check signatures or nonces).
    let call =
        TencentControl::new(TencentOperation::SetCohost, MEETING, operator.clone()).target(user.clone());
    let prepared = client.prepare(&call).expect("valid call");
    let host_port = url.strip_prefix("http://").expect("MEETCTL_BENCH_URL must be http://host:port");
    let path = prepared.url.strip_prefix(url.as_str()).expect("prepared URL under the base URL");
    let mut wire = format!("{} {} HTTP/1.1\r\nHost: {}\r\n", prepared.method, path, host_port);
    for (name, value) in &prepared.headers {
        wire.push_str(&format!("{name}: {value}\r\n"));
    }
    wire.push_str(&format!("Content-Length: {}\r\n\r\n", prepared.body.len()));
    let mut wire = wire.into_bytes();
    wire.extend_from_slice(&prepared.body);

    if mode == "threads" {
        let threads = env_number("MEETCTL_BENCH_THREADS", 8);
        let seconds = Duration::from_secs_f64(env_number("MEETCTL_BENCH_SECONDS", 1) as f64);
        let floor_rate = calls_per_second(threads, seconds, || {
            let mut floor = Floor::connect(host_port, wire.clone());
            move || floor.call()
        });
        println!("THREADS floor {threads} {floor_rate:.0}");
        let meetctl_rate = calls_per_second(threads, seconds, || meetctl_call);
        println!("THREADS meetctl {threads} {meetctl_rate:.0}");
        return;
    }

    let mut floor = Floor::connect(host_port, wire.clone());

    println!(
        "transport: {} {} ({} request bytes), {n} calls each after {WARM_UP} warm-up, interleaved blocks of {BLOCK}",
        prepared.method,
        path,
        floor.request.len()
    );
    for _ in 0..WARM_UP {
        floor.call();
        meetctl_call();
    }
    // Both connections on the same nginx worker: with two workers, which one serves a connection
    // (and where the scheduler puts it) changes the round trip by more than meetctl's own cost on
    // a busy machine, so a floor on the other worker would measure the server, not the client.
    let meetctl_on = meetctl_worker(&client);
    let mut floor_on = floor.worker(host_port);
    let mut reconnects = 0;
    while meetctl_on.is_some() && floor_on != meetctl_on && reconnects < 100 {
        floor = Floor::connect(host_port, wire.clone());
        floor_on = floor.worker(host_port);
        reconnects += 1;
    }
    if meetctl_on.is_some() && reconnects > 0 {
        for _ in 0..WARM_UP {
            floor.call();
        }
    }
    let show = |w: Option<u64>| w.map_or_else(|| "unknown".to_owned(), |w| w.to_string());
    println!(
        "nginx worker serving meetctl's connection: {}, the floor's: {} ({reconnects} reconnects to match)",
        show(meetctl_on),
        show(floor_on)
    );
    let mut floor_times = Vec::with_capacity(n);
    let mut meetctl_times = Vec::with_capacity(n);
    let started = Instant::now();
    while floor_times.len() < n {
        let block = BLOCK.min(n - floor_times.len());
        for _ in 0..block {
            let start = Instant::now();
            floor.call();
            floor_times.push(start.elapsed());
        }
        for _ in 0..block {
            let start = Instant::now();
            meetctl_call();
            meetctl_times.push(start.elapsed());
        }
    }
    let wall = started.elapsed();
    if meetctl_worker(&client) != meetctl_on || floor.worker(host_port) != floor_on {
        println!("note: a connection moved to another nginx worker during the run");
    }
    let f = Stats::of(&mut floor_times);
    let m = Stats::of(&mut meetctl_times);
    // The tail: on a VM a few calls in a hundred are held up by tens of µs (a timer tick, the
    // host running something else), whoever makes them, more often the longer a call is. When
    // they are about 1% of calls, p99 lands on them or just short of them.
    let slow = f.p50 * 2;
    let (f_slow, m_slow) = (share_over(&floor_times, slow), share_over(&meetctl_times, slow));

    println!("{:<30} {:>10} {:>10} {:>10} {:>10}", "", "p50 µs", "p99 µs", "mean µs", "calls/s");
    for (name, s) in [("floor (TcpStream, same bytes)", &f), ("meetctl set_cohost", &m)] {
        println!(
            "{:<30} {:>10.1} {:>10.1} {:>10.1} {:>10.0}",
            name,
            us(s.p50),
            us(s.p99),
            us(s.mean),
            s.calls_per_s()
        );
    }
    let p50_ratio = ratio(m.p50, f.p50);
    let p99_ratio = ratio(m.p99, f.p99);
    let mean_ratio = ratio(m.mean, f.mean);
    println!(
        "meetctl/floor  p50 {p50_ratio:.2}x [for information]   p99 {p99_ratio:.2}x [for information]   mean {mean_ratio:.2}x"
    );
    println!("(wall time of the measured blocks: {:.1} s)", wall.as_secs_f64());
    println!("RESULT rust.floor_p50_us {:.1} -", us(f.p50));
    println!("RESULT rust.floor_p99_us {:.1} -", us(f.p99));
    println!("RESULT rust.meetctl_p50_us {:.1} -", us(m.p50));
    println!("RESULT rust.meetctl_p99_us {:.1} -", us(m.p99));
    println!("RESULT rust.meetctl_calls_per_s {:.0} -", m.calls_per_s());
    println!("RESULT rust.p50_ratio {p50_ratio:.3} -");
    println!("RESULT rust.p99_ratio {p99_ratio:.3} -");
    println!("RESULT rust.mean_ratio {mean_ratio:.3} -");
    println!(
        "calls over twice the floor's p50 ({:.1} µs): floor {:.2}%, meetctl {:.2}%; p95 {:.2}x, p99.9 {:.2}x",
        us(slow),
        f_slow * 100.0,
        m_slow * 100.0,
        ratio(m.p95, f.p95),
        ratio(m.p999, f.p999)
    );
    println!("RESULT rust.floor_slow_percent {:.2} -", f_slow * 100.0);
    println!("RESULT rust.meetctl_slow_percent {:.2} -", m_slow * 100.0);
    println!("RESULT rust.p95_ratio {:.3} -", ratio(m.p95, f.p95));
}

/// A whole number from the environment variable `name`, `default` when it is not set.
fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).map_or(default, |v| v.parse().unwrap_or_else(|_| panic!("{name} must be a number")))
}

/// Calls per second of `threads` threads, each calling what `caller` makes for it for as long
/// as `seconds` (after a warm-up of a tenth of that).
fn calls_per_second<C: FnMut() + Send>(
    threads: usize,
    seconds: Duration,
    caller: impl Fn() -> C + Sync,
) -> f64 {
    let stop = std::sync::atomic::AtomicBool::new(false);
    let counting = std::sync::atomic::AtomicBool::new(false);
    let total = std::sync::atomic::AtomicU64::new(0);
    let started = std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut call = caller();
                let mut calls = 0u64;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    call();
                    if counting.load(std::sync::atomic::Ordering::Relaxed) {
                        calls += 1;
                    }
                }
                total.fetch_add(calls, std::sync::atomic::Ordering::Relaxed);
            });
        }
        std::thread::sleep(seconds / 10);
        counting.store(true, std::sync::atomic::Ordering::Relaxed);
        let started = Instant::now();
        std::thread::sleep(seconds);
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        started
    });
    // The threads stop within a call of `stop`: the calls they finish after it count too, and
    // so does the time.
    total.load(std::sync::atomic::Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

/// The floor client: one keep-alive connection, the request's bytes, a reused read buffer.
struct Floor {
    stream: TcpStream,
    request: Vec<u8>,
    buf: Vec<u8>,
}

impl Floor {
    fn connect(host_port: &str, request: Vec<u8>) -> Self {
        let stream = TcpStream::connect(host_port).expect("connect to MEETCTL_BENCH_URL");
        stream.set_nodelay(true).expect("TCP_NODELAY");
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("read timeout");
        Floor { stream, request, buf: vec![0; 16 * 1024] }
    }

    /// One exchange of the signed request; the answer must be 200 `{}`.
    fn call(&mut self) {
        let request = std::mem::take(&mut self.request);
        let body = self.exchange(&request);
        assert_eq!(body, b"{}", "unexpected response body");
        self.request = request;
    }

    /// The pid of the nginx worker serving this connection (scripts/bench.sh's nginx answers
    /// `GET /_worker` with `{"worker":PID}`), when the server says.
    fn worker(&mut self, host_port: &str) -> Option<u64> {
        let probe = format!("GET /_worker HTTP/1.1\r\nHost: {host_port}\r\n\r\n").into_bytes();
        let body = self.exchange(&probe);
        serde_json::from_slice::<serde_json::Value>(body).ok()?.get("worker")?.as_u64()
    }

    /// One exchange: write `request`, read the status line and headers, then the body.
    fn exchange(&mut self, request: &[u8]) -> &[u8] {
        self.stream.write_all(request).expect("write request");
        let mut filled = 0;
        let head_end = loop {
            let read = self.stream.read(&mut self.buf[filled..]).expect("read response");
            assert!(read > 0, "the server closed the connection");
            filled += read;
            if let Some(i) = find(&self.buf[..filled], b"\r\n\r\n") {
                break i + 4;
            }
            assert!(filled < self.buf.len(), "response headers too long");
        };
        let head = std::str::from_utf8(&self.buf[..head_end]).expect("ASCII headers");
        assert!(head.starts_with("HTTP/1.1 200 "), "unexpected response: {head}");
        let length: usize = head
            .split("\r\n")
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse().ok())?
            })
            .expect("a Content-Length");
        let end = head_end + length;
        assert!(end <= self.buf.len(), "response body too long");
        while filled < end {
            let read = self.stream.read(&mut self.buf[filled..end]).expect("read body");
            assert!(read > 0, "the server closed the connection mid-body");
            filled += read;
        }
        assert_eq!(filled, end, "bytes past the response");
        &self.buf[head_end..end]
    }
}

/// The pid of the nginx worker serving the client's pooled connection (one sequential caller:
/// one connection), when the server says (see [`Floor::worker`]).
fn meetctl_worker(client: &TencentClient) -> Option<u64> {
    client.request(Method::Get, "/_worker", &[], None).ok()?.get("worker")?.as_u64()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

struct Stats {
    p50: Duration,
    p95: Duration,
    p99: Duration,
    p999: Duration,
    mean: Duration,
}

impl Stats {
    fn of(times: &mut [Duration]) -> Stats {
        times.sort_unstable();
        let rank = |q: f64| times[((q * times.len() as f64).ceil() as usize).clamp(1, times.len()) - 1];
        let total: Duration = times.iter().sum();
        Stats {
            p50: rank(0.50),
            p95: rank(0.95),
            p99: rank(0.99),
            p999: rank(0.999),
            mean: total / times.len() as u32,
        }
    }

    fn calls_per_s(&self) -> f64 {
        1.0 / self.mean.as_secs_f64()
    }
}

/// The share of `sorted` (ascending) over `limit`.
fn share_over(sorted: &[Duration], limit: Duration) -> f64 {
    (sorted.len() - sorted.partition_point(|&t| t <= limit)) as f64 / sorted.len() as f64
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}
