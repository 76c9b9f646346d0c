//! A failed exchange as the transport reports it: the crate's error, and whether the request
//! certainly never reached the server. Every transport failure is made here, so the kinds and
//! messages a caller sees are decided in one place.

use std::io;

use crate::error::{Error, ErrorKind};

/// A failed exchange, and whether it certainly never reached the server (so it may be retried).
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) error: Error,
    pub(crate) retry_safe: bool,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure { error, retry_safe: false }
    }
}

impl Failure {
    fn new(kind: ErrorKind, message: &'static str) -> Failure {
        Failure { error: Error::new(kind, message), retry_safe: false }
    }

    /// The exchange's deadline (or the connect or read timeout within it) passed.
    pub(crate) fn timeout() -> Failure {
        Failure::new(ErrorKind::Timeout, "the request timed out")
    }

    /// The host name did not resolve: nothing was sent.
    pub(crate) fn not_found() -> Failure {
        Failure { retry_safe: true, ..Failure::new(ErrorKind::Connection, "the host name did not resolve") }
    }

    /// No connection could be made (refused, unreachable): nothing was sent.
    pub(crate) fn connect(e: io::Error) -> Failure {
        let error = Error::new(ErrorKind::Connection, "could not connect").with_source(e);
        Failure { error, retry_safe: true }
    }

    /// The proxy refused the tunnel or failed before it was open: nothing reached the server.
    pub(crate) fn proxy(why: &'static str) -> Failure {
        let error = Error::new(ErrorKind::Connection, "the proxy refused or failed").with_source(Reason(why));
        Failure { error, retry_safe: true }
    }

    /// A socket failure while talking to the proxy: a timeout stays one, anything else is the
    /// proxy failing before the tunnel was open.
    pub(crate) fn proxy_io(failure: Failure) -> Failure {
        if failure.error.kind() == ErrorKind::Timeout {
            return failure;
        }
        let error =
            Error::new(ErrorKind::Connection, "the proxy refused or failed").with_source(failure.error);
        Failure { error, retry_safe: true }
    }

    /// The server's answer is not HTTP this client can read.
    pub(crate) fn malformed(why: &'static str) -> Failure {
        Failure::from(Error::new(ErrorKind::MalformedResponse, why))
    }

    /// The connection closed before a whole answer arrived.
    pub(crate) fn closed() -> Failure {
        Failure::new(ErrorKind::Connection, "the connection was closed before the answer was complete")
    }

    /// A socket or TLS failure: a TLS error when rustls raised it, a timeout when the socket
    /// timed out, otherwise a lost connection.
    pub(crate) fn io(e: io::Error) -> Failure {
        let (kind, message) = if e.get_ref().is_some_and(|inner| inner.is::<rustls::Error>()) {
            (ErrorKind::Tls, "TLS failed")
        } else if matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock) {
            (ErrorKind::Timeout, "the request timed out")
        } else {
            (ErrorKind::Connection, "the connection failed or was lost")
        };
        Failure::from(Error::new(kind, message).with_source(e))
    }

    /// A TLS failure (handshake, certificate, alert).
    pub(crate) fn tls(e: rustls::Error) -> Failure {
        Failure::from(Error::new(ErrorKind::Tls, "TLS failed").with_source(e))
    }
}

/// Why a proxy failed, kept as the error's source.
#[derive(Debug)]
struct Reason(&'static str);

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Reason {}
