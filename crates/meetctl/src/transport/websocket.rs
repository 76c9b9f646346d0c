//! WebSocket connections (the Huawei conference-control socket): tungstenite's handshake and
//! framing over meetctl's own connector chain, so a socket goes through the same proxy tunnel,
//! cancellable TCP layer, resolver and rustls trust roots as every HTTP call of the client.
//!
//! The chain is `CONNECT` proxy → TCP → rustls, without the exchange link (which belongs to one
//! HTTP exchange). The connection details are filled here: the URI has scheme `https` for
//! `wss://` and `http` for `ws://`, so that the proxy and TLS connectors act as for the base URL.
//! Plain `ws://` is accepted only to a loopback host, unless the client allows insecure http (the
//! base URL's rule).
//!
//! [`WsStream`] is the connection as `Read + Write`. A read waits at most for its wait (the
//! handshake: until the deadline; then a short poll), and a read that finds nothing by then ends
//! with [`io::ErrorKind::WouldBlock`]: tungstenite keeps its state, and the caller looks at its own
//! deadlines (heartbeats, close) before reading again. Every wait is made of
//! [`SLICE`](crate::cancel::SLICE)s that the [`CancelToken`](crate::CancelToken) bound to the
//! thread can end.

use std::io::{self, Read, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tungstenite::client::IntoClientRequest;
use tungstenite::protocol::WebSocketConfig;
use ureq::http::{self, Uri};
use ureq::unversioned::resolver::Resolver;
use ureq::unversioned::transport::time::Duration as UreqDuration;
use ureq::unversioned::transport::{
    ConnectProxyConnector, ConnectionDetails, Connector, NextTimeout, RustlsConnector,
    Transport as UreqTransport,
};

use super::failure::TransportFailure;
use super::origin::Origin;
use super::{Transport, USER_AGENT, resolver, tcp};
use crate::error::{Error, ErrorKind};

/// The largest message (and frame) accepted unless the caller says otherwise: 4 MiB.
pub(crate) const DEFAULT_MAX_MESSAGE_BYTES: usize = 4 * 1024 * 1024;

/// How long a write (a heartbeat, the subscription, a close) may take at most.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// How a read waits for bytes.
#[derive(Debug, Clone, Copy)]
enum Wait {
    /// Until this instant (the handshake), then [`io::ErrorKind::TimedOut`].
    Until(Instant),
    /// At most this long per read, then [`io::ErrorKind::WouldBlock`].
    For(Duration),
}

/// A connection made through the client's chain, as `Read + Write` for tungstenite.
pub(crate) struct WsStream {
    inner: Box<dyn UreqTransport>,
    wait: Wait,
}

impl std::fmt::Debug for WsStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WsStream").field("wait", &self.wait).finish_non_exhaustive()
    }
}

impl WsStream {
    /// Each read from now on waits at most `poll` before it ends with `WouldBlock`.
    pub(crate) fn set_poll(&mut self, poll: Duration) {
        self.wait = Wait::For(poll.max(Duration::from_millis(1)));
    }
}

fn exact(after: Duration) -> NextTimeout {
    NextTimeout { after: UreqDuration::Exact(after), ..NextTimeout::default() }
}

/// A ureq error as an `io::Error` that [`TransportFailure`] reads back (cancel markers kept).
fn into_io(e: ureq::Error) -> io::Error {
    match e {
        ureq::Error::Timeout(_) => io::ErrorKind::TimedOut.into(),
        ureq::Error::Io(e)
            if e.kind() == io::ErrorKind::TimedOut || e.kind() == io::ErrorKind::WouldBlock =>
        {
            io::ErrorKind::TimedOut.into()
        }
        other => other.into_io(),
    }
}

impl Read for WsStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let started = Instant::now();
        loop {
            let input = self.inner.buffers().input();
            if !input.is_empty() {
                let n = input.len().min(buf.len());
                buf[..n].copy_from_slice(&input[..n]);
                self.inner.buffers().input_consume(n);
                return Ok(n);
            }
            let (left, ended) = match self.wait {
                Wait::Until(deadline) => {
                    (deadline.saturating_duration_since(Instant::now()), io::ErrorKind::TimedOut)
                }
                Wait::For(poll) => (poll.saturating_sub(started.elapsed()), io::ErrorKind::WouldBlock),
            };
            if left.is_zero() {
                return Err(ended.into());
            }
            match self.inner.await_input(exact(left)) {
                Ok(true) => {}
                Ok(false) => return Ok(0),
                Err(e) => {
                    let e = into_io(e);
                    if e.kind() == io::ErrorKind::TimedOut {
                        return Err(ended.into());
                    }
                    return Err(e);
                }
            }
        }
    }
}

impl Write for WsStream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let output = self.inner.buffers().output();
        let n = output.len().min(buf.len());
        output[..n].copy_from_slice(&buf[..n]);
        self.inner.transmit_output(n, exact(WRITE_TIMEOUT)).map_err(into_io)?;
        Ok(n)
    }

    /// Sends what the layers below hold back (meetctl's TCP layer sends a request's bytes when
    /// the answer is awaited): a wait for input of at most a millisecond, which sends first.
    /// Bytes that arrive meanwhile stay in the buffer for the next read.
    fn flush(&mut self) -> io::Result<()> {
        let timeout = NextTimeout {
            per_read: Some(UreqDuration::Exact(Duration::from_millis(1))),
            ..exact(WRITE_TIMEOUT)
        };
        match self.inner.await_input(timeout) {
            Ok(_) => Ok(()),
            Err(e) => match into_io(e) {
                e if e.kind() == io::ErrorKind::TimedOut => Ok(()),
                e => Err(e),
            },
        }
    }
}

/// How the socket is read: the largest message and frame, in bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) max_message_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_message_bytes: DEFAULT_MAX_MESSAGE_BYTES }
    }
}

/// Opens `url` (`ws://` or `wss://`) through the client's chain and runs the WebSocket
/// handshake, all by `deadline`. The socket's reads then wait at most 200 ms each
/// ([`WsStream::set_poll`] changes it).
pub(crate) fn connect(
    transport: &Transport,
    url: &str,
    deadline: Instant,
    limits: Limits,
) -> Result<tungstenite::WebSocket<WsStream>, Error> {
    let uri: Uri = url.parse().map_err(|_| Error::invalid("ws_url", "is not a valid WebSocket URL"))?;
    let tls = match uri.scheme_str() {
        Some("wss") => true,
        Some("ws") => false,
        _ => return Err(Error::invalid("ws_url", "must start with ws:// or wss://")),
    };
    let authority = uri.authority().ok_or_else(|| Error::invalid("ws_url", "has no host"))?.clone();
    let http_url = format!("{}://{}/", if tls { "https" } else { "http" }, authority);
    let origin = Origin::parse(&http_url).map_err(|why| Error::invalid("ws_url", why))?;
    if !tls && !origin.is_loopback() && !transport.allows_insecure_http() {
        return Err(Error::invalid(
            "ws_url",
            "plain ws:// is only accepted for a loopback host; use wss://, or set allow_insecure_http",
        ));
    }
    let http_uri: Uri = http_url.parse().map_err(|_| Error::invalid("ws_url", "has an invalid host"))?;
    let stream =
        open(transport.agent_config(), &http_uri, deadline).map_err(|e| TransportFailure::from(e).error)?;
    let mut stream = WsStream { inner: stream, wait: Wait::Until(deadline) };
    // The handshake's own wait; a fired token ends it within a slice.
    stream.wait = Wait::Until(deadline);

    let mut request =
        url.into_client_request().map_err(|_| Error::invalid("ws_url", "is not a valid WebSocket URL"))?;
    request.headers_mut().insert(http::header::USER_AGENT, http::HeaderValue::from_static(USER_AGENT));
    let config = WebSocketConfig::default()
        .max_message_size(Some(limits.max_message_bytes))
        .max_frame_size(Some(limits.max_message_bytes));
    let mut socket = match tungstenite::client::client_with_config(request, stream, Some(config)) {
        Ok((socket, _response)) => socket,
        Err(tungstenite::HandshakeError::Failure(e)) => return Err(ws_error(e)),
        Err(tungstenite::HandshakeError::Interrupted(_)) => {
            return Err(Error::new(ErrorKind::Timeout, "the WebSocket handshake timed out"));
        }
    };
    socket.get_mut().set_poll(Duration::from_millis(200));
    Ok(socket)
}

/// Runs the chain for `uri` (an http(s) URI with the socket's host and port).
fn open(
    config: &ureq::config::Config,
    uri: &Uri,
    deadline: Instant,
) -> Result<Box<dyn UreqTransport>, ureq::Error> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(ureq::Error::Timeout(ureq::Timeout::Connect));
    }
    let timeout = NextTimeout { reason: ureq::Timeout::Connect, ..exact(left) };
    let chain = Arc::new(
        ().chain(ConnectProxyConnector::default()).chain(tcp::TcpConnector).chain(RustlsConnector::default()),
    );
    let resolver = resolver::CachingResolver::default();
    // As ureq does: the proxy resolves the target's name, unless it is bypassed for this host.
    let proxied = config.proxy().is_some_and(|p| !p.is_no_proxy(uri) && !p.resolve_target());
    let addrs = match proxied {
        true => resolver.empty(),
        false => resolver.resolve(uri, config, timeout)?,
    };
    let run = Arc::clone(&chain);
    let details = ConnectionDetails {
        uri,
        addrs,
        config,
        request_level: false,
        resolver: &resolver,
        now: ureq::unversioned::transport::time::Instant::now(),
        timeout,
        current_time: Arc::new(ureq::unversioned::transport::time::Instant::now),
        run_connector: Arc::new(move |details: &ConnectionDetails| match run.connect(details, None)? {
            Some(transport) => Ok(Box::new(transport) as Box<dyn UreqTransport>),
            None => Err(ureq::Error::ConnectionFailed),
        }),
        register_shutdown: Arc::new(|_| Ok(())),
    };
    match chain.connect(&details, None)? {
        Some(transport) => {
            if uri.scheme_str() == Some("https") && !transport.is_tls() {
                return Err(ureq::Error::TlsRequired);
            }
            Ok(Box::new(transport))
        }
        None => Err(ureq::Error::ConnectionFailed),
    }
}

/// A tungstenite error as meetctl's.
pub(crate) fn ws_error(e: tungstenite::Error) -> Error {
    use tungstenite::Error as W;
    match e {
        W::Io(io) if io.kind() == io::ErrorKind::WouldBlock || io.kind() == io::ErrorKind::TimedOut => {
            Error::new(ErrorKind::Timeout, "the WebSocket timed out")
        }
        W::Io(io) => {
            let error = TransportFailure::from(ureq::Error::from(io)).error;
            match error.kind() {
                ErrorKind::Connection | ErrorKind::Tls | ErrorKind::Timeout | ErrorKind::Cancelled => error,
                _ => Error::new(ErrorKind::Connection, "the WebSocket connection failed").with_source(error),
            }
        }
        W::Http(response) => {
            let status = response.status().as_u16();
            let (kind, what) = match status {
                401 => (ErrorKind::Auth, "the server refused the WebSocket token"),
                403 => (ErrorKind::PermissionDenied, "the server refused the WebSocket"),
                404 => (ErrorKind::NotFound, "the server has no such WebSocket"),
                429 => (ErrorKind::RateLimited, "the server refused the WebSocket for now (rate limited)"),
                500..=599 => (ErrorKind::Connection, "the server failed to open the WebSocket"),
                _ => (ErrorKind::MalformedResponse, "the server did not upgrade to a WebSocket"),
            };
            Error::new(kind, format!("{what} (HTTP {status})"))
        }
        W::ConnectionClosed | W::AlreadyClosed => {
            Error::new(ErrorKind::Connection, "the WebSocket was closed")
        }
        W::Tls(_) => Error::new(ErrorKind::Tls, "TLS failed on the WebSocket"),
        W::Capacity(_) => {
            Error::new(ErrorKind::MalformedResponse, "a WebSocket message exceeds the size limit")
        }
        W::WriteBufferFull(_) => Error::new(ErrorKind::Connection, "the WebSocket cannot take more to send"),
        W::Protocol(p) => {
            Error::new(ErrorKind::MalformedResponse, format!("the WebSocket broke its protocol: {p}"))
        }
        W::Utf8(_) => Error::new(ErrorKind::MalformedResponse, "a WebSocket text message is not UTF-8"),
        _ => Error::new(ErrorKind::MalformedResponse, "the WebSocket handshake or a frame is not valid"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ClientConfig;
    use std::net::TcpListener;
    use tungstenite::Message;

    fn transport() -> Transport {
        Transport::new(&ClientConfig::new().base_url("http://127.0.0.1:1"), "https://x").unwrap()
    }

    /// A one-connection echo server; answers `status` instead of upgrading when given.
    fn server(status: Option<u16>) -> (String, std::thread::JoinHandle<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let handle = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            if let Some(status) = status {
                let mut buf = [0; 2048];
                let _ = stream.read(&mut buf);
                let _ =
                    write!(stream, "HTTP/1.1 {status} No\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }
            let mut ws = tungstenite::accept(stream).unwrap();
            while let Ok(message) = ws.read() {
                match message {
                    Message::Text(t) if t.as_str() == "big" => {
                        ws.send(Message::Text("x".repeat(2048).into())).unwrap();
                    }
                    Message::Text(_) | Message::Binary(_) => ws.send(message).unwrap(),
                    Message::Close(_) => break,
                    _ => {}
                }
            }
        });
        (format!("ws://{addr}/cms/open/websocket?confID=1"), handle)
    }

    fn read_text(socket: &mut tungstenite::WebSocket<WsStream>) -> Result<String, tungstenite::Error> {
        let until = Instant::now() + Duration::from_secs(5);
        loop {
            match socket.read() {
                Ok(Message::Text(t)) => return Ok(t.to_string()),
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if e.kind() == io::ErrorKind::WouldBlock && Instant::now() < until => {}
                Err(e) => return Err(e),
            }
        }
    }

    #[test]
    fn a_socket_through_the_chain_echoes_and_caps_messages() {
        let (url, handle) = server(None);
        let limits = Limits { max_message_bytes: 1024 };
        let mut socket =
            connect(&transport(), &url, Instant::now() + Duration::from_secs(5), limits).unwrap();
        socket.send(Message::Text("hello".into())).unwrap();
        assert_eq!(read_text(&mut socket).unwrap(), "hello");
        socket.send(Message::Text("big".into())).unwrap();
        let e = ws_error(read_text(&mut socket).unwrap_err());
        assert_eq!(e.kind(), ErrorKind::MalformedResponse, "{e}");
        drop(socket);
        handle.join().unwrap();
    }

    #[test]
    fn a_refused_upgrade_is_an_auth_error() {
        let (url, handle) = server(Some(401));
        let e = connect(&transport(), &url, Instant::now() + Duration::from_secs(5), Limits::default())
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
        handle.join().unwrap();
    }

    #[test]
    fn plain_ws_only_to_loopback_and_bad_urls_are_refused() {
        let t = transport();
        let soon = Instant::now() + Duration::from_secs(1);
        for bad in ["ws://10.0.0.1:9/x", "http://127.0.0.1/x", "nonsense"] {
            assert_eq!(
                connect(&t, bad, soon, Limits::default()).unwrap_err().field(),
                Some("ws_url"),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_hanging_handshake_is_cancelled_promptly() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("ws://{}/x", listener.local_addr().unwrap());
        let token = crate::CancelToken::new();
        let _bound = token.bind();
        let remote = token.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            remote.fire();
        });
        let started = Instant::now();
        let e =
            connect(&transport(), &url, started + Duration::from_secs(20), Limits::default()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Cancelled, "{e}");
        assert!(started.elapsed() < Duration::from_secs(3));
        drop(listener);
    }
}
