//! The HTTP server: accept loop, one hyper HTTP/1.1 connection per socket (keep-alive; plain or
//! over TLS), and the per-request wrapper that applies faults, logs requests and stamps
//! `X-Request-Id` and `Date` (from the emulator clock).

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, DATE, LOCATION};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::{Service as _, service_fn};
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, oneshot};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;

use crate::fault_bodies::{Generated, Trickle};
use crate::faults::{FaultKind, Stage};
use crate::http_util::{Vendor, raw_response, status_or_500, vendor_of};
use crate::peeked::Peeked;
use crate::state::{RequestRecord, Shared};
use crate::timefmt::http_date;
use crate::{admin, huawei, tencent};

/// The body a `malformed` fault sends: JSON cut short.
const MALFORMED_BODY: &str = "{\"error_info\": ";

/// Where a `redirect` fault without a `location` points: another loopback host, where nothing
/// listens (the request's path and query follow).
const REDIRECT_HOST: &str = "http://127.0.0.2:1";

/// How long a TLS client has to finish its handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a connection with a `reset_on_accept` fault pending waits for its first request line.
const PEEK_TIMEOUT: Duration = Duration::from_secs(2);

/// The most bytes peeked at to find the first request line.
const PEEK_BYTES: usize = 8192;

type AppService = TowerToHyperService<Router>;

/// The application: admin, Tencent and Huawei routes, with vendor-format 404s for the rest.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .merge(admin::routes())
        .merge(tencent::routes())
        .merge(huawei::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .with_state(shared)
}

async fn not_found(req: Request) -> Response {
    let path = req.uri().path();
    match vendor_of(path) {
        Vendor::Admin => admin::not_found(req.method(), path),
        Vendor::Huawei => huawei::not_found(req.method(), path),
        Vendor::Tencent => tencent::not_found(req.method(), path),
    }
}

/// Accepts connections until `shutdown` fires (or its sender is dropped); with `tls`, each
/// connection speaks TLS first.
pub(crate) async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    tls: Option<TlsAcceptor>,
    mut shutdown: oneshot::Receiver<()>,
) {
    let service = TowerToHyperService::new(router(Arc::clone(&shared)));
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    shared.connections_accepted.fetch_add(1, Ordering::Relaxed);
                    let _ = stream.set_nodelay(true);
                    let shared = Arc::clone(&shared);
                    match &tls {
                        None => tokio::spawn(plain_connection(stream, shared, service.clone())),
                        Some(acceptor) => {
                            tokio::spawn(tls_connection(stream, acceptor.clone(), shared, service.clone()))
                        }
                    };
                }
                Err(e) => {
                    // Typically out of file descriptors: back off instead of spinning.
                    log::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            },
        }
    }
}

/// A connection HTTP is served on: plain TCP, or TLS over TCP.
trait Socket: AsyncRead + AsyncWrite + Unpin + Send + 'static {
    /// The TCP socket underneath (a reset is made on it).
    fn tcp(&self) -> &TcpStream;
}

impl Socket for TcpStream {
    fn tcp(&self) -> &TcpStream {
        self
    }
}

impl Socket for Peeked<TlsStream<TcpStream>> {
    fn tcp(&self) -> &TcpStream {
        self.get_ref().get_ref().0
    }
}

/// Closes the connection with SO_LINGER 0, so the client sees a reset (ECONNRESET).
fn reset(stream: &TcpStream) {
    if let Err(e) = stream.set_zero_linger() {
        log::debug!("cannot set SO_LINGER 0: {e}");
    }
}

/// A plain HTTP connection; a `reset_on_accept` fault resets it before anything is read from it.
async fn plain_connection(stream: TcpStream, shared: Arc<Shared>, app: AppService) {
    if shared.faults().has(Stage::Accept) {
        let line = peek_request_line(&stream).await;
        if line.is_some_and(|line| accept_fault(&line, &shared)) {
            reset(&stream);
            return;
        }
    }
    serve_http(stream, shared, app).await;
}

/// A TLS connection: the handshake, then HTTP. A `reset_on_accept` fault resets it after the
/// handshake, once its first request line has been read (TLS records cannot be peeked at);
/// otherwise what was read is handed to HTTP first.
async fn tls_connection(stream: TcpStream, acceptor: TlsAcceptor, shared: Arc<Shared>, app: AppService) {
    let mut stream = match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
        Ok(Ok(stream)) => stream,
        Ok(Err(e)) => {
            log::debug!("TLS handshake failed: {e}");
            return;
        }
        Err(_) => {
            log::debug!("TLS handshake not finished in {HANDSHAKE_TIMEOUT:?}");
            return;
        }
    };
    let mut ahead = Vec::new();
    if shared.faults().has(Stage::Accept) {
        let line = read_request_line(&mut stream, &mut ahead).await;
        if line.is_some_and(|line| accept_fault(&line, &shared)) {
            reset(stream.get_ref().0);
            return;
        }
    }
    serve_http(Peeked::new(ahead, stream), shared, app).await;
}

/// Serves HTTP/1.1 (keep-alive) on one connection; a `reset` fault drops it with SO_LINGER 0 and
/// no response.
async fn serve_http<S: Socket>(stream: S, shared: Arc<Shared>, app: AppService) {
    let abort = Arc::new(Notify::new());
    let service = {
        let abort = Arc::clone(&abort);
        service_fn(move |req: hyper::Request<Incoming>| {
            let shared = Arc::clone(&shared);
            let app = app.clone();
            let abort = Arc::clone(&abort);
            async move { Ok::<_, Infallible>(handle(shared, app, abort, req).await) }
        })
    };
    let mut conn = http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service)
        .with_upgrades();
    tokio::select! {
        result = &mut conn => {
            if let Err(e) = result {
                log::debug!("connection ended with an error: {e}");
            }
        }
        () = abort.notified() => {
            if let Some(parts) = conn.into_parts() {
                reset(parts.io.inner().tcp());
                drop(parts);
            }
        }
    }
}

async fn route(app: &AppService, req: hyper::Request<Incoming>) -> Response {
    match app.call(req).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

async fn handle(
    shared: Arc<Shared>,
    app: AppService,
    abort: Arc<Notify>,
    req: hyper::Request<Incoming>,
) -> Response {
    let request_id = shared.random.hex(32);
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let query = req.uri().query().unwrap_or("").to_string();
    let vendor = vendor_of(&path);

    let mut response = if vendor == Vendor::Admin {
        route(&app, req).await
    } else {
        let fault = shared.faults().take(Stage::Request, &path);
        if fault.is_some() {
            log::info!("fault {fault:?} applied to {method} {path}");
        }
        let fault_name = fault.as_ref().map(FaultKind::name);
        let response = match fault {
            None => route(&app, req).await,
            Some(FaultKind::Delay { ms }) => {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                route(&app, req).await
            }
            Some(kind @ (FaultKind::Reset | FaultKind::ResetAfterRequest)) => {
                if kind == FaultKind::ResetAfterRequest {
                    // Read and processed in full; only the answer is lost.
                    drop(route(&app, req).await);
                }
                let record = RequestRecord { method, path, query, status: 0, fault: fault_name };
                shared.state().log_request(record);
                abort.notify_one();
                return std::future::pending().await;
            }
            Some(FaultKind::Trickle { chunk_bytes, interval_ms }) => {
                let response = route(&app, req).await;
                let (mut parts, body) = response.into_parts();
                let data = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
                parts.headers.remove(CONTENT_LENGTH);
                let chunk = usize::try_from(chunk_bytes).unwrap_or(usize::MAX);
                let body = Trickle::new(data, chunk, Duration::from_millis(interval_ms));
                Response::from_parts(parts, Body::new(body))
            }
            Some(FaultKind::Status { status, body }) => {
                injected_status(vendor, &path, status_or_500(status), body)
            }
            Some(FaultKind::RateLimit { retry_after }) => injected_rate_limit(vendor, retry_after),
            Some(FaultKind::Malformed { status }) => {
                raw_response(status_or_500(status), "application/json", MALFORMED_BODY)
            }
            Some(FaultKind::Oversized { bytes, status, chunked }) => raw_response(
                status_or_500(status),
                "application/json",
                Body::new(Generated::new(bytes, !chunked)),
            ),
            Some(FaultKind::WrongContentType { status, content_type, body }) => {
                wrong_content_type(status_or_500(status), &content_type, body)
            }
            Some(FaultKind::Redirect { status, location }) => {
                let location = location.unwrap_or_else(|| {
                    let query = if query.is_empty() { String::new() } else { format!("?{query}") };
                    format!("{REDIRECT_HOST}{path}{query}")
                });
                redirect(status_or_500(status), &location)
            }
            // Looked up when a connection is accepted, never here.
            Some(FaultKind::ResetOnAccept) => route(&app, req).await,
        };
        let status = response.status().as_u16();
        log::info!("{method} {path}{}{query} -> {status}", if query.is_empty() { "" } else { "?" });
        shared.state().log_request(RequestRecord { method, path, query, status, fault: fault_name });
        response
    };
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-request-id", value);
    }
    if let Ok(value) = HeaderValue::from_str(&http_date(shared.clock.now_secs())) {
        response.headers_mut().insert(DATE, value);
    }
    response
}

fn injected_status(vendor: Vendor, path: &str, status: StatusCode, body: Option<String>) -> Response {
    if let Some(body) = body {
        return raw_response(status, "application/json", body);
    }
    match vendor {
        Vendor::Huawei if status.is_success() => {
            let mut response = huawei::empty_ok();
            *response.status_mut() = status;
            response
        }
        Vendor::Huawei => huawei::injected_status(status, path),
        _ if status.is_success() => raw_response(status, "application/json", Body::from("{}")),
        _ => tencent::TencentError::new(
            i64::from(status.as_u16()),
            format!("injected fault: HTTP {}", status.as_u16()),
        )
        .with_status(status)
        .into_response(),
    }
}

fn injected_rate_limit(vendor: Vendor, retry_after: u64) -> Response {
    let mut response = match vendor {
        Vendor::Huawei => huawei::HuaweiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            huawei::codes::FLOW_CONTROL,
            "flow control: too many requests",
        )
        .into_response(),
        _ => {
            tencent::TencentError::new(tencent::codes::RATE_LIMITED, "too many requests: rate limit exceeded")
                .with_status(StatusCode::TOO_MANY_REQUESTS)
                .into_response()
        }
    };
    response.headers_mut().insert("retry-after", HeaderValue::from(retry_after));
    response
}

/// Whether a `reset_on_accept` fault takes the new connection whose first request line is
/// `line`; the reset is logged like a request.
fn accept_fault(line: &str, shared: &Shared) -> bool {
    let mut words = line.split(' ');
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let Some(kind) = shared.faults().take(Stage::Accept, path) else { return false };
    log::info!("fault {kind:?} applied to {method} {path}");
    shared.state().log_request(RequestRecord {
        method: method.to_owned(),
        path: path.to_owned(),
        query: query.to_owned(),
        status: 0,
        fault: Some(kind.name()),
    });
    true
}

/// The first line of what the client has sent over TLS, read into `ahead` (everything read stays
/// there, to be handed on); `None` when it does not come in time, is too long, or is not text.
async fn read_request_line<S: AsyncRead + Unpin>(stream: &mut S, ahead: &mut Vec<u8>) -> Option<String> {
    let give_up = Instant::now() + PEEK_TIMEOUT;
    let mut buf = vec![0u8; PEEK_BYTES];
    loop {
        let room = PEEK_BYTES.checked_sub(ahead.len()).filter(|&n| n > 0)?;
        let n = tokio::time::timeout_at(give_up.into(), stream.read(&mut buf[..room])).await.ok()?.ok()?;
        if n == 0 {
            return None;
        }
        ahead.extend_from_slice(&buf[..n]);
        if let Some(end) = ahead.windows(2).position(|w| w == b"\r\n") {
            return String::from_utf8(ahead[..end].to_vec()).ok();
        }
    }
}

/// The first line of what the client has sent, without reading it from the socket; `None` when
/// it does not come in time, is too long, or is not text.
async fn peek_request_line(stream: &TcpStream) -> Option<String> {
    let mut buf = vec![0u8; PEEK_BYTES];
    let give_up = Instant::now() + PEEK_TIMEOUT;
    let mut seen = 0;
    loop {
        let n = tokio::time::timeout_at(give_up.into(), stream.peek(&mut buf)).await.ok()?.ok()?;
        if let Some(end) = buf[..n].windows(2).position(|w| w == b"\r\n") {
            return String::from_utf8(buf[..end].to_vec()).ok();
        }
        if n == 0 || n == buf.len() || Instant::now() >= give_up {
            return None;
        }
        if n == seen {
            // Part of the line is here; peeking again returns at once until more arrives.
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        seen = n;
    }
}

fn wrong_content_type(status: StatusCode, content_type: &str, body: Option<String>) -> Response {
    let body = body.unwrap_or_else(|| {
        let title = format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or(""));
        format!(
            "<!DOCTYPE html>\n<html><head><title>{title}</title></head>\n<body><h1>{title}</h1>\n\
             <hr><p>gateway</p></body></html>\n"
        )
    });
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let content_type =
        HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("text/html; charset=utf-8"));
    response.headers_mut().insert(CONTENT_TYPE, content_type);
    response
}

fn redirect(status: StatusCode, location: &str) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status;
    let location = HeaderValue::from_str(location).unwrap_or(HeaderValue::from_static(REDIRECT_HOST));
    response.headers_mut().insert(LOCATION, location);
    response
}
