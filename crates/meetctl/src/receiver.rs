//! The ready webhook receiver, written once for every vendor: hyper 1's HTTP/1 server on a
//! single-threaded tokio runtime of its own thread, answering the vendor within its few seconds
//! and queueing events for the app. [`crate::tencent::receiver::TencentReceiver`] and
//! [`crate::huawei::HuaweiReceiver`] wrap it with their vendor's verifier.
//!
//! Limits (all [`ReceiverConfig`]): bound to 127.0.0.1 unless told otherwise, at most 64
//! connections at once (more wait in the listen backlog), 5 s to read a request's head (a client
//! sending one byte a second is dropped), 10 s per request, a 1 MiB body (the verifier is given
//! the same cap), optional TLS reloadable while running.
//!
//! A slow app never loses an event: the queue is bounded, and when it is full the delivery is
//! answered 503 and its id forgotten, so the vendor's retry is delivered. An event the receiver
//! acknowledged (200) is in the queue until the app takes it or closes the receiver.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};

use crate::error::{Error, ErrorKind};
use crate::webhook::{REFUSED, WebhookAnswer, WebhookRequest};

/// How a receiver listens and what it takes.
#[derive(Debug, Clone)]
pub struct ReceiverConfig {
    /// Where to listen. Default `127.0.0.1:0` (a free port on loopback).
    pub addr: SocketAddr,
    /// Most connections served at once. Default 64.
    pub max_connections: usize,
    /// Longest wait for a request's head. Default 5 s.
    pub head_timeout: Duration,
    /// Longest a request may take, body included. Default 10 s.
    pub request_timeout: Duration,
    /// Largest body (the handler is given the same cap). Default 1 MiB.
    pub max_body: usize,
    /// Most events waiting for the app; when full, deliveries are answered 503. Default 1024.
    pub queue: usize,
    /// Serve HTTPS with this certificate chain and key (PEM); `None`: plain HTTP. Replace them
    /// while running with the receiver's `reload_tls`.
    pub tls: Option<TlsPem>,
}

/// A certificate chain and its private key, in PEM.
#[derive(Clone)]
pub struct TlsPem {
    /// The certificate chain, the server's certificate first.
    pub cert_chain: String,
    /// The private key (PKCS#8, PKCS#1 or SEC1).
    pub key: crate::secret::Secret,
}

impl std::fmt::Debug for TlsPem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsPem").field("key", &self.key).finish_non_exhaustive()
    }
}

/// The TLS configuration a PEM pair makes; an invalid-argument error naming `tls` otherwise.
fn tls_config(pem: &TlsPem) -> Result<Arc<tokio_rustls::rustls::ServerConfig>, Error> {
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(pem.cert_chain.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|_| Error::invalid("tls.cert_chain", "is not a PEM certificate chain"))?;
    if chain.is_empty() {
        return Err(Error::invalid("tls.cert_chain", "holds no certificate"));
    }
    let key = PrivateKeyDer::from_pem_slice(pem.key.expose().as_bytes())
        .map_err(|_| Error::invalid("tls.key", "is not a PEM private key"))?;
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let mut config = tokio_rustls::rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::invalid("tls", e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| Error::invalid("tls", format!("the key does not fit the certificate: {e}")))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

impl Default for ReceiverConfig {
    fn default() -> Self {
        ReceiverConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            max_connections: 64,
            head_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(10),
            max_body: crate::webhook::MAX_BODY_BYTES,
            queue: 1024,
            tls: None,
        }
    }
}

/// A vendor's typed receiver over [`Server`]: the struct, its methods and its `Debug`, written
/// once for both vendors.
macro_rules! typed_receiver {
    ($name:ident, $webhook:ty, $event:ty) => {
        /// A running receiver. `Send + Sync`: one thread may serve events to several consumers.
        /// Dropping it stops the server (as [`close`](Self::close)).
        pub struct $name {
            server: $crate::receiver::Server<$webhook>,
        }

        impl $name {
            /// Starts serving `webhook` on its own thread; the address is bound before this
            /// returns.
            pub fn start(
                webhook: $webhook,
                config: $crate::receiver::ReceiverConfig,
            ) -> Result<$name, $crate::error::Error> {
                Ok($name { server: $crate::receiver::Server::start(webhook, config)? })
            }

            /// The address it listens on (the port chosen when the config's was 0).
            pub fn local_addr(&self) -> std::net::SocketAddr {
                self.server.local_addr()
            }

            /// The next event of any meeting, waiting up to `timeout`; `None` when none came or
            /// the receiver is closed and drained.
            pub fn next(&self, timeout: std::time::Duration) -> Option<$event> {
                self.server.next(timeout)
            }

            /// The next event of meeting `meeting_id`, waiting up to `timeout`; other meetings'
            /// events stay queued for [`next`](Self::next) or their own `next_for`.
            pub fn next_for(&self, meeting_id: &str, timeout: std::time::Duration) -> Option<$event> {
                self.server.next_for(meeting_id, timeout)
            }

            /// Every event of any meeting as it comes, until none came within `idle` or the
            /// receiver is closed and drained.
            pub fn events(&self, idle: std::time::Duration) -> impl Iterator<Item = $event> + '_ {
                std::iter::from_fn(move || self.next(idle))
            }

            /// Every event of meeting `meeting_id` as it comes, until none came within `idle` or
            /// the receiver is closed and drained; other meetings' events stay queued.
            pub fn events_for<'a>(
                &'a self,
                meeting_id: &'a str,
                idle: std::time::Duration,
            ) -> impl Iterator<Item = $event> + 'a {
                std::iter::from_fn(move || self.next_for(meeting_id, idle))
            }

            /// Replaces the certificate and key of a receiver serving HTTPS: connections made
            /// from now on get the new ones (a renewed certificate needs no restart). Checked
            /// before it is used; a receiver started without TLS stays plain HTTP (an
            /// invalid-argument error naming `tls`).
            pub fn reload_tls(&self, pem: &$crate::receiver::TlsPem) -> Result<(), $crate::error::Error> {
                self.server.reload_tls(pem)
            }

            /// How many events wait for the app.
            pub fn pending(&self) -> usize {
                self.server.pending()
            }

            /// Stops the server (connections in flight are dropped) and wakes every waiting
            /// `next`; events already queued can still be taken. Any thread may call it, while
            /// others wait.
            pub fn close(&self) {
                self.server.close();
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("addr", &self.local_addr())
                    .field("pending", &self.pending())
                    .finish()
            }
        }
    };
}
pub(crate) use typed_receiver;

/// What a vendor's verifier gives the server: its answer to a request, and the few facts about
/// an event the queue needs.
pub(crate) trait Handler: Clone + Send + Sync + 'static {
    /// The vendor's event.
    type Event: Send + 'static;
    /// The vendor's name, for the log.
    const VENDOR: &'static str;
    /// Answers one request (never panics).
    fn handle(&self, request: &WebhookRequest<'_>) -> WebhookAnswer<Self::Event>;
    /// Forgets that event `id` was delivered.
    fn forget(&self, id: &str);
    /// The same handler with this body cap.
    fn capped(self, max_body: usize) -> Self;
    /// The event's id.
    fn event_id(event: &Self::Event) -> &str;
    /// The event's meeting id, when it has one.
    fn meeting_id(event: &Self::Event) -> Option<&str>;
}

/// What the server thread and the app share.
struct Shared<E> {
    queue: Mutex<VecDeque<E>>,
    ready: Condvar,
    capacity: usize,
    closed: AtomicBool,
}

impl<E> Shared<E> {
    /// Queues `event`; `false` when the queue is full.
    fn push(&self, event: E) -> bool {
        let mut queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        if queue.len() >= self.capacity {
            return false;
        }
        queue.push_back(event);
        self.ready.notify_all();
        true
    }
}

/// A running server for handler `H`: what every vendor's receiver wraps. `Send + Sync`; dropping
/// it stops the server (as [`close`](Self::close)).
pub(crate) struct Server<H: Handler> {
    addr: SocketAddr,
    shared: Arc<Shared<H::Event>>,
    /// The TLS configuration new connections are served with (`None`: plain HTTP).
    tls: Arc<std::sync::RwLock<Option<Arc<tokio_rustls::rustls::ServerConfig>>>>,
    stop: Mutex<Option<tokio::sync::oneshot::Sender<()>>>,
    thread: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl<H: Handler> Server<H> {
    /// Starts serving `webhook` on its own thread; the address is bound before this returns.
    pub(crate) fn start(webhook: H, config: ReceiverConfig) -> Result<Server<H>, Error> {
        if config.max_connections == 0 || config.queue == 0 || config.max_body == 0 {
            return Err(Error::invalid(
                "config",
                "max_connections, queue and max_body must be more than zero",
            ));
        }
        let tls = Arc::new(std::sync::RwLock::new(config.tls.as_ref().map(tls_config).transpose()?));
        let listener = std::net::TcpListener::bind(config.addr)
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .map_err(|e| {
                Error::new(ErrorKind::Connection, format!("cannot listen on {}: {e}", config.addr))
            })?;
        let addr = listener.local_addr().map_err(|e| Error::new(ErrorKind::Connection, e.to_string()))?;
        let shared = Arc::new(Shared {
            queue: Mutex::new(VecDeque::new()),
            ready: Condvar::new(),
            capacity: config.queue,
            closed: AtomicBool::new(false),
        });
        // One body cap: the handler takes what the server lets through.
        let webhook = webhook.capped(config.max_body);
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| Error::new(ErrorKind::Connection, format!("cannot start the receiver: {e}")))?;
        let (server_shared, server_tls) = (shared.clone(), tls.clone());
        let thread = std::thread::Builder::new()
            .name("meetctl-receiver".into())
            .spawn(move || {
                runtime.block_on(serve(listener, webhook, config, server_shared, server_tls, stopped))
            })
            .map_err(|e| {
                Error::new(ErrorKind::Connection, format!("cannot start the receiver's thread: {e}"))
            })?;
        Ok(Server { addr, shared, tls, stop: Mutex::new(Some(stop)), thread: Mutex::new(Some(thread)) })
    }

    /// The address it listens on (the port chosen when the config's was 0).
    pub(crate) fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The next event of any meeting, waiting up to `timeout`; `None` when none came or the
    /// receiver is closed and drained.
    pub(crate) fn next(&self, timeout: Duration) -> Option<H::Event> {
        self.next_matching(timeout, |_| true)
    }

    /// The next event of meeting `meeting_id`, waiting up to `timeout`; other meetings' events
    /// stay queued for [`next`](Self::next) or their own `next_for`.
    pub(crate) fn next_for(&self, meeting_id: &str, timeout: Duration) -> Option<H::Event> {
        self.next_matching(timeout, |e| H::meeting_id(e) == Some(meeting_id))
    }

    fn next_matching(&self, timeout: Duration, wanted: impl Fn(&H::Event) -> bool) -> Option<H::Event> {
        let deadline = Instant::now() + timeout;
        let mut queue = self.shared.queue.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(at) = queue.iter().position(&wanted) {
                return queue.remove(at);
            }
            let now = Instant::now();
            if now >= deadline || self.shared.closed.load(Ordering::SeqCst) {
                return None;
            }
            queue =
                self.shared.ready.wait_timeout(queue, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// Replaces the certificate and key of a receiver serving HTTPS: connections made from now on
    /// get the new ones (a renewed certificate needs no restart). Checked before it is used; a
    /// receiver started without TLS stays plain HTTP (an invalid-argument error naming `tls`).
    pub(crate) fn reload_tls(&self, pem: &TlsPem) -> Result<(), Error> {
        let config = tls_config(pem)?;
        let mut current = self.tls.write().unwrap_or_else(|e| e.into_inner());
        if current.is_none() {
            return Err(Error::invalid("tls", "this receiver was started without TLS"));
        }
        *current = Some(config);
        Ok(())
    }

    /// How many events wait for the app.
    pub(crate) fn pending(&self) -> usize {
        self.shared.queue.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Stops the server (connections in flight are dropped) and wakes every waiting `next`;
    /// events already queued can still be taken. Any thread may call it, while others wait.
    pub(crate) fn close(&self) {
        self.shared.closed.store(true, Ordering::SeqCst);
        {
            // Taken under the queue's lock, so that a `next` between its check and its wait
            // cannot miss the wake-up.
            let _queue = self.shared.queue.lock().unwrap_or_else(|e| e.into_inner());
            self.shared.ready.notify_all();
        }
        if let Some(stop) = self.stop.lock().unwrap_or_else(|e| e.into_inner()).take() {
            let _ = stop.send(());
        }
        let thread = self.thread.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(thread) = thread {
            let _ = thread.join();
        }
    }
}

impl<H: Handler> Drop for Server<H> {
    fn drop(&mut self) {
        self.close();
    }
}

/// The accept loop: a connection is served when one of `max_connections` permits is free.
async fn serve<H: Handler>(
    listener: std::net::TcpListener,
    webhook: H,
    config: ReceiverConfig,
    shared: Arc<Shared<H::Event>>,
    tls: Arc<std::sync::RwLock<Option<Arc<tokio_rustls::rustls::ServerConfig>>>>,
    mut stopped: tokio::sync::oneshot::Receiver<()>,
) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        log::error!("the webhook receiver could not take its socket");
        return;
    };
    let permits = Arc::new(tokio::sync::Semaphore::new(config.max_connections));
    loop {
        let permit = tokio::select! {
            _ = &mut stopped => return,
            permit = permits.clone().acquire_owned() => match permit { Ok(p) => p, Err(_) => return },
        };
        let stream = tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    log::warn!("webhook receiver: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let (webhook, shared, config) = (webhook.clone(), shared.clone(), config.clone());
        let head_timeout = config.head_timeout;
        let tls = tls.read().unwrap_or_else(|e| e.into_inner()).clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let (webhook, shared, config) = (webhook.clone(), shared.clone(), config.clone());
                async move { Ok::<_, Infallible>(answer(request, &webhook, &shared, &config).await) }
            });
            let http = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(head_timeout)
                .clone();
            // A head not read within head_timeout ends the connection (hyper); a body within
            // request_timeout (`answer`); a TLS handshake within head_timeout too.
            let served = match tls {
                None => http.serve_connection(hyper_util::rt::TokioIo::new(stream), service).await,
                Some(config) => {
                    let acceptor = tokio_rustls::TlsAcceptor::from(config);
                    match tokio::time::timeout(head_timeout, acceptor.accept(stream)).await {
                        Ok(Ok(tls_stream)) => {
                            http.serve_connection(hyper_util::rt::TokioIo::new(tls_stream), service).await
                        }
                        Ok(Err(e)) => {
                            log::debug!("webhook receiver: TLS handshake failed: {e}");
                            Ok(())
                        }
                        Err(_) => Ok(()),
                    }
                }
            };
            if let Err(e) = served {
                log::debug!("webhook receiver: connection ended: {e}");
            }
            drop(permit);
        });
    }
}

/// One request, answered within `request_timeout`.
async fn answer<H: Handler>(
    request: Request<Incoming>,
    webhook: &H,
    shared: &Shared<H::Event>,
    config: &ReceiverConfig,
) -> Response<Full<Bytes>> {
    let reply = |status: u16, body: Vec<u8>| {
        let mut response = Response::new(Full::new(Bytes::from(body)));
        *response.status_mut() =
            hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::BAD_REQUEST);
        response
    };
    let (parts, body) = request.into_parts();
    let body =
        match tokio::time::timeout(config.request_timeout, Limited::new(body, config.max_body).collect())
            .await
        {
            Ok(Ok(collected)) => collected.to_bytes(),
            Ok(Err(_)) => return reply(413, REFUSED.to_vec()),
            Err(_) => return reply(408, REFUSED.to_vec()),
        };
    let target = parts.uri.path_and_query().map_or("/", |pq| pq.as_str()).to_owned();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned())))
        .collect();
    let header_refs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let outcome = webhook.handle(&WebhookRequest {
        method: parts.method.as_str(),
        target: &target,
        headers: &header_refs,
        body: &body,
    });
    if let Some(event) = outcome.event {
        let id = H::event_id(&event).to_owned();
        if !shared.push(event) {
            // Full: the vendor retries a delivery that was not acknowledged; it must be delivered then.
            webhook.forget(&id);
            log::warn!(
                "{} webhook receiver: the queue is full; event {id} answered 503 for the vendor to retry",
                H::VENDOR
            );
            return reply(503, b"busy".to_vec());
        }
    }
    reply(outcome.status, outcome.body)
}
