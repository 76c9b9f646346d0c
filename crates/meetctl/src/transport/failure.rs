//! A failed exchange as the transport reports it: the crate's error, and whether the request
//! certainly never reached the server. Every transport failure is mapped here, from ureq's
//! errors and from the two markers meetctl's own connector and resolver leave in them, so the
//! kinds and messages a caller sees are decided in one place.

use std::fmt;
use std::io;

use crate::error::{Error, ErrorKind};

/// A failed exchange, and whether it certainly never reached the server (so it may be retried).
#[derive(Debug)]
pub(crate) struct TransportFailure {
    pub(crate) error: Error,
    pub(crate) retry_safe: bool,
}

impl From<Error> for TransportFailure {
    fn from(error: Error) -> TransportFailure {
        TransportFailure { error, retry_safe: false }
    }
}

/// No connection was made to this address (refused, unreachable, no address): nothing was sent.
#[derive(Debug)]
struct NotConnected(io::Error);

impl fmt::Display for NotConnected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not connect: {}", self.0)
    }
}

impl std::error::Error for NotConnected {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// A call ended by its cancel token, with the crate's error already made.
#[derive(Debug)]
struct Interrupted(Error);

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Interrupted {}

/// The answer would take more off the wire than the exchange may read.
#[derive(Debug)]
struct Oversized;

impl fmt::Display for Oversized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the response exceeds the size limit")
    }
}

impl std::error::Error for Oversized {}

/// The connection was closed or reset before the answer was whole.
#[derive(Debug)]
struct Lost(io::Error);

impl fmt::Display for Lost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the connection was lost: {}", self.0)
    }
}

impl std::error::Error for Lost {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// ureq's error for an answer over the exchange's cap; [`TransportFailure::from`] knows it again.
pub(crate) fn oversized() -> ureq::Error {
    ureq::Error::Io(io::Error::other(Oversized))
}

/// ureq's error for a connection closed or reset mid-answer (ureq would take it as the end of an
/// answer framed by the connection); [`TransportFailure::from`] knows it again.
pub(crate) fn lost(e: io::Error) -> ureq::Error {
    ureq::Error::Io(io::Error::other(Lost(e)))
}

/// ureq's error for a connection that could not be made; [`TransportFailure::from`] knows it again.
pub(crate) fn not_connected(e: io::Error) -> ureq::Error {
    ureq::Error::Io(io::Error::other(NotConnected(e)))
}

/// ureq's error for a call its token cancelled; [`TransportFailure::from`] gives `error` back.
pub(crate) fn interrupted(error: Error) -> ureq::Error {
    ureq::Error::Io(io::Error::other(Interrupted(error)))
}

impl From<ureq::Error> for TransportFailure {
    fn from(e: ureq::Error) -> TransportFailure {
        use ureq::Error as U;
        if let U::Io(io) = &e {
            if let Some(inner) = io.get_ref() {
                if let Some(Interrupted(error)) = inner.downcast_ref::<Interrupted>() {
                    return TransportFailure::from(error.clone());
                }
                if inner.is::<Oversized>() {
                    let error =
                        Error::new(ErrorKind::MalformedResponse, "the response exceeds the size limit");
                    return TransportFailure::from(error.with_source(e));
                }
                if let Some(Lost(lost)) = inner.downcast_ref::<Lost>() {
                    let (kind, message) = match lost.get_ref().is_some_and(|i| i.is::<rustls::Error>()) {
                        true => (ErrorKind::Tls, "TLS failed"),
                        false => (
                            ErrorKind::Connection,
                            "the connection was closed before the answer was complete",
                        ),
                    };
                    return TransportFailure::from(Error::new(kind, message).with_source(e));
                }
                if inner.is::<NotConnected>() {
                    let error = Error::new(ErrorKind::Connection, "could not connect").with_source(e);
                    return TransportFailure { error, retry_safe: true };
                }
            }
        }
        let (kind, message, retry_safe): (ErrorKind, &'static str, bool) = match &e {
            U::Timeout(_) => (ErrorKind::Timeout, "the request timed out", false),
            U::Io(io) if matches!(io.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock) => {
                (ErrorKind::Timeout, "the request timed out", false)
            }
            // A failed handshake (e.g. an untrusted certificate) comes up as an io::Error.
            U::Io(io) if io.get_ref().is_some_and(|inner| inner.is::<rustls::Error>()) => {
                (ErrorKind::Tls, "TLS failed", false)
            }
            U::Io(io) if io.kind() == io::ErrorKind::UnexpectedEof => {
                (ErrorKind::Connection, "the connection was closed before the answer was complete", false)
            }
            U::Io(_) => (ErrorKind::Connection, "the connection failed or was lost", false),
            U::HostNotFound => (ErrorKind::Connection, "the host name did not resolve", true),
            U::ConnectionFailed => (ErrorKind::Connection, "could not connect", true),
            // The tunnel was refused or failed before it was open: nothing reached the server.
            U::ConnectProxyFailed(_) | U::InvalidProxyUrl => {
                (ErrorKind::Connection, "the proxy refused or failed", true)
            }
            U::Tls(_) | U::Pem(_) | U::Rustls(_) | U::TlsRequired => (ErrorKind::Tls, "TLS failed", false),
            U::BodyExceedsLimit(_) => {
                (ErrorKind::MalformedResponse, "the response body exceeds the size limit", false)
            }
            U::LargeResponseHeader(_, _) => {
                (ErrorKind::MalformedResponse, "the response headers are too large", false)
            }
            U::Protocol(
                ureq_proto::Error::ChunkLenNotAscii
                | ureq_proto::Error::ChunkLenNotANumber
                | ureq_proto::Error::ChunkExpectedCrLf,
            ) => (ErrorKind::MalformedResponse, "the response's chunked body is not valid", false),
            U::Protocol(ureq_proto::Error::HttpParseTooManyHeaders) => {
                (ErrorKind::MalformedResponse, "the response has too many headers", false)
            }
            U::Protocol(
                ureq_proto::Error::BadContentLengthHeader | ureq_proto::Error::TooManyContentLengthHeaders,
            ) => (ErrorKind::MalformedResponse, "the response has an invalid Content-Length", false),
            U::Protocol(_) | U::BodyStalled => {
                (ErrorKind::MalformedResponse, "the response is not valid HTTP", false)
            }
            // Redirects are never followed (a 3xx is a response); a request ureq cannot build
            // was refused by validation first.
            U::Http(_) | U::BadUri(_) => (ErrorKind::InvalidArgument, "the request could not be sent", false),
            _ => (ErrorKind::Connection, "the HTTP exchange failed", false),
        };
        let error = match kind {
            ErrorKind::InvalidArgument => Error::invalid("request", message),
            _ => Error::new(kind, message),
        };
        TransportFailure { error: error.with_source(e), retry_safe }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markers_come_back_as_what_they_mean() {
        let f = TransportFailure::from(not_connected(io::ErrorKind::ConnectionRefused.into()));
        assert_eq!((f.error.kind(), f.retry_safe), (ErrorKind::Connection, true));
        let f = TransportFailure::from(interrupted(crate::cancel::cancelled(true)));
        assert_eq!((f.error.kind(), f.retry_safe), (ErrorKind::Cancelled, false));
        assert_eq!(f.error.request_may_have_been_sent(), Some(true));
        // Through rustls and ureq's adapter the marker travels as an io::Error and back.
        let through = ureq::Error::from(interrupted(crate::cancel::cancelled(false)).into_io());
        assert_eq!(TransportFailure::from(through).error.kind(), ErrorKind::Cancelled);
    }

    #[test]
    fn a_lost_connection_is_not_safe_to_repeat_and_a_timeout_is_a_timeout() {
        let f = TransportFailure::from(ureq::Error::Io(io::ErrorKind::ConnectionReset.into()));
        assert_eq!((f.error.kind(), f.retry_safe), (ErrorKind::Connection, false));
        let f = TransportFailure::from(ureq::Error::Timeout(ureq::Timeout::RecvResponse));
        assert_eq!(f.error.kind(), ErrorKind::Timeout);
        assert!(TransportFailure::from(ureq::Error::HostNotFound).retry_safe);
    }
}
