//! [`Emulator`]: a running server (HTTP or HTTPS) on a background thread with its own tokio
//! runtime.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::Value;
use tokio::sync::oneshot;

use crate::faults::Fault;
use crate::scenario::{Scenario, TencentWebhook};
use crate::server;
use crate::state::Shared;
use crate::tls::Tls;

/// How [`Emulator::start_with`] starts an emulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartOptions {
    /// Address to bind (port 0 picks a free port); default `127.0.0.1:0`.
    pub addr: SocketAddr,
    /// Serve HTTPS with a certificate from a CA made at start (as [`Emulator::start_tls`]).
    pub tls: bool,
    /// The clock's offset from real time at start, in seconds (negative: behind).
    pub clock_skew_secs: i64,
}

impl Default for StartOptions {
    fn default() -> Self {
        StartOptions { addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), tls: false, clock_skew_secs: 0 }
    }
}

/// A running emulator. Its methods are synchronous; dropping it stops the server and joins its
/// thread.
#[derive(Debug)]
pub struct Emulator {
    addr: SocketAddr,
    /// The CA certificate (PEM) of an HTTPS emulator; `None` for plain HTTP.
    ca_pem: Option<String>,
    shared: Arc<Shared>,
    /// The server's runtime (the webhooks' work is spawned on it).
    runtime: tokio::runtime::Handle,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Starts an emulator for `scenario` on `127.0.0.1` and a free port.
    pub fn start(scenario: Scenario) -> io::Result<Emulator> {
        Emulator::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), scenario)
    }

    /// Starts an emulator for `scenario` on `addr` (port 0 picks a free port).
    ///
    /// Fails if the address cannot be bound, the runtime cannot be built, or the scenario is
    /// inconsistent (see [`Scenario::validate`]; reported as [`io::ErrorKind::InvalidInput`]).
    pub fn start_on(addr: SocketAddr, scenario: Scenario) -> io::Result<Emulator> {
        Emulator::launch(addr, scenario, None, 0)
    }

    /// Starts an emulator as `options` say (address, TLS, clock skew); fails as
    /// [`start_on`](Self::start_on) and [`start_tls_on`](Self::start_tls_on) do.
    ///
    /// With a clock skew the emulator's clock starts `clock_skew_secs` away from real time, before
    /// the scenario's relative times are fixed, so its meetings are where the scenario puts them
    /// on the emulator's own clock.
    pub fn start_with(scenario: Scenario, options: StartOptions) -> io::Result<Emulator> {
        let tls = if options.tls { Some(Tls::generate()?) } else { None };
        Emulator::launch(options.addr, scenario, tls, options.clock_skew_secs)
    }

    /// Starts an HTTPS emulator for `scenario` on `127.0.0.1` and a free port: [`url`](Self::url)
    /// is `https://127.0.0.1:PORT`, and the server's certificate (for 127.0.0.1, ::1 and
    /// localhost) is signed by a CA made for this emulator alone, fresh keys each time, whose
    /// certificate [`ca_pem`](Self::ca_pem) gives. Clients trust it as an extra CA (in `meetctl`,
    /// `ClientConfig::extra_ca_pem`).
    pub fn start_tls(scenario: Scenario) -> io::Result<Emulator> {
        Emulator::start_tls_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), scenario)
    }

    /// [`start_tls`](Self::start_tls) on `addr` (port 0 picks a free port); fails as
    /// [`start_on`](Self::start_on) does, or if the certificates cannot be made.
    pub fn start_tls_on(addr: SocketAddr, scenario: Scenario) -> io::Result<Emulator> {
        Emulator::launch(addr, scenario, Some(Tls::generate()?), 0)
    }

    fn launch(
        addr: SocketAddr,
        scenario: Scenario,
        tls: Option<Tls>,
        clock_skew_secs: i64,
    ) -> io::Result<Emulator> {
        scenario.validate().map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("meetctl-emulator-worker")
            .enable_all()
            .build()?;
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        let shared = Arc::new(Shared::with_clock_offset(scenario, clock_skew_secs));
        let (shutdown, shutdown_rx) = oneshot::channel();
        let server_shared = Arc::clone(&shared);
        let (ca_pem, acceptor) = match tls {
            Some(tls) => (Some(tls.ca_pem), Some(tls.acceptor)),
            None => (None, None),
        };
        let handle = runtime.handle().clone();
        crate::tencent::webhook::start_scenario(&shared, &handle);
        let thread = std::thread::Builder::new().name("meetctl-emulator".into()).spawn(move || {
            runtime.block_on(server::serve(listener, server_shared, acceptor, shutdown_rx));
            runtime.shutdown_timeout(Duration::from_secs(2));
        })?;
        Ok(Emulator { addr, ca_pem, shared, runtime: handle, shutdown: Some(shutdown), thread: Some(thread) })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL, `http://127.0.0.1:PORT` (`https://` when started with TLS; no trailing
    /// slash). An unspecified listen address (`0.0.0.0`, `::`) is reported as the matching
    /// loopback address.
    pub fn url(&self) -> String {
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        let scheme = if self.ca_pem.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", SocketAddr::new(ip, self.addr.port()))
    }

    /// The PEM text of the CA certificate that signed the server's certificate, for an emulator
    /// started with TLS; `None` for plain HTTP.
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// The state as `GET /_emulator/state` returns it.
    pub fn state(&self) -> Value {
        self.shared.snapshot()
    }

    /// How many requests it has answered (the state's `request_count`).
    pub fn request_count(&self) -> u64 {
        self.state()["request_count"].as_u64().unwrap_or(0)
    }

    /// The HTTP statuses it answered at `path` (no query), oldest first, from the state's request
    /// log: what a test of retries counts.
    pub fn statuses_at(&self, path: &str) -> Vec<u64> {
        let state = self.state();
        let log = state["requests"].as_array().map(Vec::as_slice).unwrap_or(&[]);
        log.iter().filter(|r| r["path"] == path).filter_map(|r| r["status"].as_u64()).collect()
    }

    /// Queues a fault, as `POST /_emulator/faults` does.
    pub fn inject(&self, fault: Fault) {
        self.shared.faults().push(fault);
    }

    /// Removes every queued fault, as `DELETE /_emulator/faults` does.
    pub fn clear_faults(&self) {
        self.shared.faults().clear();
    }

    /// Moves the emulator clock forward by `secs` seconds (negative moves it back).
    pub fn advance_clock(&self, secs: i64) {
        self.shared.clock.advance(secs);
    }

    /// Sets the emulator clock's offset from real time to `secs` seconds (a fake skew: the `Date`
    /// header and every time check follow it), as `POST /_emulator/clock {"offset_secs": N}` does.
    pub fn set_clock_offset(&self, secs: i64) {
        self.shared.clock.set_offset(secs);
    }

    /// The emulator clock's offset from real time, in seconds.
    pub fn clock_offset(&self) -> i64 {
        self.shared.clock.offset_secs()
    }

    /// Invalidates every Huawei control token of `conference_id`, as
    /// `POST /_emulator/huawei/revoke-tokens` does; returns how many were revoked.
    pub fn revoke_control_tokens(&self, conference_id: &str) -> usize {
        crate::huawei::revoke_control_tokens(&self.shared, conference_id)
    }
}

impl Emulator {
    /// A Tencent participant leaves and joins again on device `instanceid`, as
    /// `POST /_emulator/tencent/rejoin` does: the ms_open_id stays, the device changes.
    pub fn tencent_rejoin(&self, meeting_id: &str, ms_open_id: &str, instanceid: i64) -> Result<(), String> {
        let req = crate::admin::RejoinRequest {
            meeting_id: meeting_id.to_owned(),
            ms_open_id: ms_open_id.to_owned(),
            instanceid,
        };
        crate::admin::rejoin(&self.shared, &req).map_err(|(_, message)| message)
    }
}

/// Any admin route, over loopback as a harness in another language calls it.
impl Emulator {
    /// Calls the admin route `path` (`/_emulator/...`) with `method` and a JSON `body`: `Ok` is
    /// the answer's JSON (`null` for an empty body) when the status is 200, `Err` the status
    /// line and body otherwise. One connection per call, closed after it.
    pub fn admin(&self, method: &str, path: &str, body: &Value) -> Result<Value, String> {
        use std::io::{Read, Write};
        if !path.starts_with("/_emulator/") || path.contains(['\r', '\n', ' ']) {
            return Err(format!("{path:?} is not an admin path"));
        }
        let body = body.to_string();
        let mut stream = std::net::TcpStream::connect(self.addr()).map_err(|e| e.to_string())?;
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: emulator\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .map_err(|e| e.to_string())?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer).map_err(|e| e.to_string())?;
        let (head, body) = answer.split_once("\r\n\r\n").ok_or_else(|| format!("no answer: {answer}"))?;
        if !head.starts_with("HTTP/1.1 200") {
            return Err(format!("{} {body}", head.lines().next().unwrap_or("")));
        }
        Ok(serde_json::from_str(body).unwrap_or(Value::Null))
    }
}

/// Tencent meetings driven from the library, and their webhooks (as the
/// `/_emulator/tencent/...` admin routes do).
impl Emulator {
    /// Sets Tencent app `app_id`'s webhook subscription and runs its URL check (up to 3 s), as
    /// `PUT /_emulator/tencent/apps/{app_id}/webhook` does: `Ok` is the subscription as the state
    /// JSON shows it (`verified` says whether the check passed), `Err` a bad subscription or an
    /// unknown app.
    pub fn set_tencent_webhook(&self, app_id: &str, webhook: TencentWebhook) -> Result<Value, String> {
        let (tx, rx) = std::sync::mpsc::channel();
        let shared = Arc::clone(&self.shared);
        let app_id = app_id.to_owned();
        self.runtime.spawn(async move {
            let result = crate::admin_tencent::subscribe(shared, app_id, &webhook).await;
            let _ = tx.send(result.map(|v| v["subscription"].clone()).map_err(|(_, message)| message));
        });
        rx.recv().unwrap_or_else(|_| Err("the emulator has stopped".into()))
    }

    /// Removes app `app_id`'s webhook subscription (what is queued is dropped); whether there
    /// was one.
    pub fn remove_tencent_webhook(&self, app_id: &str) -> bool {
        crate::tencent::webhook::unsubscribe(&self.shared, app_id)
    }

    /// Waits until every webhook queue is empty and no URL check runs; `false` if that has not
    /// happened within `timeout`.
    pub fn webhooks_idle(&self, timeout: Duration) -> bool {
        let give_up = std::time::Instant::now() + timeout;
        loop {
            if self.shared.webhooks.idle() {
                return true;
            }
            if std::time::Instant::now() >= give_up {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Someone joins Tencent meeting `meeting_id` on device `instanceid`, as
    /// `POST /_emulator/tencent/meetings/{id}/join` does: a new member, or the member with that
    /// `ms_open_id` back.
    pub fn tencent_join(
        &self,
        meeting_id: &str,
        userid: Option<&str>,
        ms_open_id: &str,
        instanceid: i64,
        name: Option<&str>,
    ) -> Result<(), String> {
        let req = crate::admin_tencent::JoinRequest {
            userid: userid.map(str::to_owned),
            ms_open_id: ms_open_id.to_owned(),
            instanceid,
            name: name.map(str::to_owned),
            uuid: None,
        };
        crate::admin_tencent::join_meeting(&self.shared, meeting_id, &req).map_err(|(_, m)| m)
    }

    /// The member with `ms_open_id` leaves Tencent meeting `meeting_id`.
    pub fn tencent_leave(&self, meeting_id: &str, ms_open_id: &str) -> Result<(), String> {
        crate::admin_tencent::leave_meeting(&self.shared, meeting_id, ms_open_id).map_err(|(_, m)| m)
    }

    /// Tencent meeting `meeting_id` starts (in progress even with nobody in it).
    pub fn tencent_start(&self, meeting_id: &str) -> Result<(), String> {
        crate::admin_tencent::start_meeting(&self.shared, meeting_id).map_err(|(_, m)| m)
    }

    /// Tencent meeting `meeting_id` ends, as a dismissal does.
    pub fn tencent_end(&self, meeting_id: &str) -> Result<(), String> {
        crate::admin_tencent::end_meeting(&self.shared, meeting_id).map_err(|(_, m)| m)
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
