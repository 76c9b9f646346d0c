//! The HTTP server: accept loop, one hyper HTTP/1.1 connection per socket (keep-alive), and the
//! per-request wrapper that applies faults, logs requests and stamps `X-Request-Id`.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::{Service as _, service_fn};
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, oneshot};

use crate::faults::FaultKind;
use crate::http_util::{Vendor, raw_response, status_or_500, vendor_of};
use crate::state::{RequestRecord, Shared};
use crate::{admin, huawei, tencent};

/// The body a `malformed` fault sends: JSON cut short.
const MALFORMED_BODY: &str = "{\"error_info\": ";

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

/// Accepts connections until `shutdown` fires (or its sender is dropped).
pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>, mut shutdown: oneshot::Receiver<()>) {
    let service = TowerToHyperService::new(router(Arc::clone(&shared)));
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(connection(stream, Arc::clone(&shared), service.clone()));
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

/// Serves one connection; a `reset` fault drops it with SO_LINGER 0 and no response.
async fn connection(stream: TcpStream, shared: Arc<Shared>, app: AppService) {
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
    let mut conn = http1::Builder::new().keep_alive(true).serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        result = &mut conn => {
            if let Err(e) = result {
                log::debug!("connection ended with an error: {e}");
            }
        }
        () = abort.notified() => {
            let parts = conn.into_parts();
            if let Err(e) = parts.io.inner().set_zero_linger() {
                log::debug!("cannot set SO_LINGER 0: {e}");
            }
            drop(parts);
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
        let fault = shared.faults().take(&path);
        if fault.is_some() {
            log::info!("fault {fault:?} applied to {method} {path}");
        }
        let response = match fault {
            None => route(&app, req).await,
            Some(FaultKind::Delay { ms }) => {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                route(&app, req).await
            }
            Some(FaultKind::Reset) => {
                shared.state().log_request(RequestRecord { method, path, query, status: 0 });
                abort.notify_one();
                return std::future::pending().await;
            }
            Some(FaultKind::Status { status, body }) => {
                injected_status(vendor, &path, status_or_500(status), body)
            }
            Some(FaultKind::RateLimit { retry_after }) => injected_rate_limit(vendor, retry_after),
            Some(FaultKind::Malformed { status }) => {
                raw_response(status_or_500(status), "application/json", MALFORMED_BODY)
            }
        };
        let status = response.status().as_u16();
        log::info!("{method} {path}{}{query} -> {status}", if query.is_empty() { "" } else { "?" });
        shared.state().log_request(RequestRecord { method, path, query, status });
        response
    };
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-request-id", value);
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
