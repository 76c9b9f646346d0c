//! HTTP/1.1 as meetctl speaks it: one request written whole, one response read in full.
//!
//! Requests carry `Host`, `User-Agent`, `Accept`, the prepared headers in their order and case,
//! and `Content-Length` when there is a body (or the method expects one). Responses may be framed
//! by `Content-Length`, by chunks, or by the end of the connection; interim `1xx` answers are
//! skipped; the head is at most [`MAX_HEAD_BYTES`] and the body at most the client's limit.

use std::time::Instant;

use super::connection::Connection;
use super::failure::Failure;
use crate::error::Error;
use crate::http::{HeaderText, HttpResponse, Method};

/// The largest response head read (status line and headers).
pub(crate) const MAX_HEAD_BYTES: usize = 64 * 1024;

/// The most response headers read.
const MAX_HEADERS: usize = 100;

/// Response headers meetctl reads; the rest are not kept.
const KEPT_HEADERS: &[&str] = &["x-request-id", "x-tc-trace", "retry-after", "content-type"];

/// What the HTTP layer needs of a request besides its headers and body.
pub(crate) struct RequestLine<'a> {
    pub(crate) method: Method,
    /// Path and query, as sent on the request line.
    pub(crate) target: &'a str,
    /// The `Host` header.
    pub(crate) host: &'a str,
}

/// Refuses a header that cannot be sent as it is: a name that is not an HTTP token, or a value
/// with a line break or another control character (which would end the header early and let
/// the rest pass as headers of its own).
pub(crate) fn check_headers(headers: &[(HeaderText, HeaderText)]) -> Result<(), Error> {
    for (name, value) in headers {
        let name_ok = !name.is_empty() && name.as_bytes().iter().all(|&b| TOKEN_BYTES[usize::from(b)]);
        if !name_ok || !is_sendable_value(value.as_bytes()) {
            return Err(Error::invalid(
                "request",
                "has a header that cannot be sent (a control character or line break)",
            ));
        }
    }
    Ok(())
}

/// The bytes of an HTTP token (RFC 9110 §5.6.2): what a header name is made of.
const TOKEN_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'.'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'|'
                    | b'~'
            );
        b += 1;
    }
    table
};

/// Whether a header value has no control character but tab. Every byte is looked at (no early
/// exit), which lets the check run many bytes at a time.
fn is_sendable_value(value: &[u8]) -> bool {
    value.iter().fold(true, |ok, &b| ok & ((b == b'\t') | ((b >= 0x20) & (b != 0x7f))))
}

/// Writes the whole request into `out` (cleared first); its headers have passed
/// [`check_headers`].
pub(crate) fn write_request(
    out: &mut Vec<u8>,
    line: &RequestLine<'_>,
    headers: &[(HeaderText, HeaderText)],
    body: &[u8],
) {
    out.clear();
    out.reserve(
        256 + line.target.len()
            + body.len()
            + headers.iter().map(|(n, v)| n.len() + v.len() + 4).sum::<usize>(),
    );
    for piece in [line.method.as_str(), " ", line.target, " HTTP/1.1\r\nHost: ", line.host] {
        out.extend_from_slice(piece.as_bytes());
    }
    out.extend_from_slice(b"\r\nUser-Agent: ");
    out.extend_from_slice(super::USER_AGENT.as_bytes());
    out.extend_from_slice(b"\r\nAccept: */*\r\n");
    for (name, value) in headers {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    if !body.is_empty() || matches!(line.method, Method::Post | Method::Put | Method::Patch) {
        out.extend_from_slice(b"Content-Length: ");
        out.extend_from_slice(itoa::Buffer::new().format(body.len()).as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
}

/// How long a response may take: its head by `head_by`, then its body within `body_time` of
/// the head (both within the exchange's deadline), and at most `max_body` bytes of body.
pub(crate) struct ReadLimits {
    pub(crate) head_by: Instant,
    pub(crate) body_time: std::time::Duration,
    pub(crate) deadline: Instant,
    pub(crate) max_body: u64,
}

/// How a response body ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    None,
    Length(u64),
    Chunked,
    UntilClose,
}

/// A parsed response head.
#[derive(Debug)]
struct Head {
    status: u16,
    headers: Vec<(String, String)>,
    framing: Framing,
    keep_alive: bool,
}

/// Reads one whole response from `conn`; the flag says whether the connection may carry
/// another request.
pub(crate) fn read_response(
    conn: &mut Connection,
    limits: &ReadLimits,
) -> Result<(HttpResponse, bool), Failure> {
    let head = read_head(conn, limits.head_by.min(limits.deadline))?;
    // The body's time starts once the head is in (read from the clock only when the body is
    // not already in with it).
    let body_by =
        || Instant::now().checked_add(limits.body_time).map_or(limits.deadline, |t| t.min(limits.deadline));
    let body = match head.framing {
        Framing::None => Vec::new(),
        Framing::Length(length) => {
            if length > limits.max_body {
                return Err(too_large());
            }
            let length = length as usize;
            if let Some(whole) = conn.buffered().get(..length) {
                let body = whole.to_vec();
                conn.consume(length);
                body
            } else {
                let mut body = Vec::with_capacity(length);
                take_exact(conn, length, &mut body, body_by())?;
                body
            }
        }
        Framing::Chunked => read_chunked(conn, limits.max_body, body_by())?,
        Framing::UntilClose => read_until_close(conn, limits.max_body, body_by())?,
    };
    let reusable = head.keep_alive && head.framing != Framing::UntilClose;
    Ok((HttpResponse { status: head.status, headers: head.headers, body }, reusable))
}

fn too_large() -> Failure {
    Failure::malformed("the response body exceeds the size limit")
}

/// Reads until a final (non-1xx) head is parsed, and consumes it.
fn read_head(conn: &mut Connection, by: Instant) -> Result<Head, Failure> {
    loop {
        if let Some((head, length)) = parse_head(conn.buffered())? {
            conn.consume(length);
            match head {
                Some(head) => return Ok(head),
                None => continue,
            }
        }
        if conn.buffered().len() >= MAX_HEAD_BYTES {
            return Err(Failure::malformed("the response headers are too large"));
        }
        if conn.fill(by)? == 0 {
            return Err(if conn.buffered().is_empty() {
                Failure::closed()
            } else {
                Failure::malformed("the response is not valid HTTP")
            });
        }
    }
}

/// The head at the start of `bytes` and its length, `None` for an interim (1xx) head; `None`
/// overall when more bytes are needed.
#[allow(clippy::type_complexity)]
fn parse_head(bytes: &[u8]) -> Result<Option<(Option<Head>, usize)>, Failure> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let length = match response.parse(bytes) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(Failure::malformed("the response has too many headers"));
        }
        Err(_) => return Err(Failure::malformed("the response is not valid HTTP")),
    };
    let status = response.code.unwrap_or(0);
    if (100..200).contains(&status) && status != 101 {
        return Ok(Some((None, length)));
    }
    let mut kept = Vec::new();
    let mut content_length: Option<u64> = None;
    let mut chunked = false;
    // HTTP/1.0 closes unless it says keep-alive; after a 101 the connection speaks another
    // protocol.
    let mut close = response.version == Some(0) || status == 101;
    for header in response.headers.iter() {
        let name = header.name;
        if name.eq_ignore_ascii_case("content-length") {
            let value = std::str::from_utf8(header.value).ok().map(str::trim);
            let parsed = value
                .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|v| v.parse().ok());
            match (parsed, content_length) {
                (Some(n), None) => content_length = Some(n),
                (Some(n), Some(previous)) if n == previous => {}
                _ => return Err(Failure::malformed("the response has an invalid Content-Length")),
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            let last = header.value.rsplit(|b| *b == b',').next().unwrap_or_default();
            if !last.trim_ascii().eq_ignore_ascii_case(b"chunked") {
                return Err(Failure::malformed("the response has a transfer coding this client cannot read"));
            }
            chunked = true;
        } else if name.eq_ignore_ascii_case("connection") {
            for option in header.value.split(|b| *b == b',') {
                let option = option.trim_ascii();
                if option.eq_ignore_ascii_case(b"close") {
                    close = true;
                } else if option.eq_ignore_ascii_case(b"keep-alive")
                    && response.version == Some(0)
                    && status != 101
                {
                    close = false;
                }
            }
        } else if let Some(kept_name) = KEPT_HEADERS.iter().find(|k| name.eq_ignore_ascii_case(k)) {
            if let Ok(value) = std::str::from_utf8(header.value) {
                kept.push(((*kept_name).to_owned(), value.to_owned()));
            }
        }
    }
    let framing = if status == 204 || status == 304 || status == 101 {
        Framing::None
    } else if chunked {
        // Two framings at once: a sign of request smuggling or response splitting, which RFC 9112
        // §6.3 says ought to be handled as an error.
        if content_length.is_some() {
            return Err(Failure::malformed("the response has both a Content-Length and a Transfer-Encoding"));
        }
        Framing::Chunked
    } else if let Some(length) = content_length {
        Framing::Length(length)
    } else {
        Framing::UntilClose
    };
    Ok(Some((Some(Head { status, headers: kept, framing, keep_alive: !close }), length)))
}

/// Appends exactly `n` more bytes of input to `body`.
fn take_exact(conn: &mut Connection, mut n: usize, body: &mut Vec<u8>, by: Instant) -> Result<(), Failure> {
    while n > 0 {
        if conn.buffered().is_empty() && conn.fill(by)? == 0 {
            return Err(Failure::closed());
        }
        let available = conn.buffered();
        let taken = available.len().min(n);
        body.extend_from_slice(&available[..taken]);
        conn.consume(taken);
        n -= taken;
    }
    Ok(())
}

/// The length of the line at the start of the input, without its `\r\n`, reading until one is
/// there; at most `max` bytes.
fn line_length(conn: &mut Connection, max: usize, by: Instant) -> Result<usize, Failure> {
    loop {
        if let Some(at) = conn.buffered().windows(2).position(|w| w == b"\r\n") {
            return Ok(at);
        }
        if conn.buffered().len() > max {
            return Err(Failure::malformed("the response's chunked body is not valid"));
        }
        if conn.fill(by)? == 0 {
            return Err(Failure::closed());
        }
    }
}

fn read_chunked(conn: &mut Connection, max_body: u64, by: Instant) -> Result<Vec<u8>, Failure> {
    let invalid = || Failure::malformed("the response's chunked body is not valid");
    let mut body = Vec::new();
    loop {
        let length = line_length(conn, 1024, by)?;
        let size = match httparse::parse_chunk_size(&conn.buffered()[..length + 2]) {
            Ok(httparse::Status::Complete((_, size))) => size,
            _ => return Err(invalid()),
        };
        conn.consume(length + 2);
        if size == 0 {
            break;
        }
        // The size is the server's: compared, never added to.
        if size > max_body.saturating_sub(body.len() as u64) {
            return Err(too_large());
        }
        take_exact(conn, size as usize, &mut body, by)?;
        if line_length(conn, 2, by)? != 0 {
            return Err(invalid());
        }
        conn.consume(2);
    }
    // Trailers, each ignored, up to the empty line.
    let mut trailer_bytes = 0;
    loop {
        let length = line_length(conn, MAX_HEAD_BYTES, by)?;
        conn.consume(length + 2);
        if length == 0 {
            return Ok(body);
        }
        trailer_bytes += length;
        if trailer_bytes > MAX_HEAD_BYTES {
            return Err(invalid());
        }
    }
}

fn read_until_close(conn: &mut Connection, max_body: u64, by: Instant) -> Result<Vec<u8>, Failure> {
    let mut body = Vec::new();
    loop {
        let available = conn.buffered();
        if body.len() as u64 + available.len() as u64 > max_body {
            return Err(too_large());
        }
        body.extend_from_slice(available);
        let taken = available.len();
        conn.consume(taken);
        if conn.fill(by)? == 0 {
            return Ok(body);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(bytes: &str) -> Head {
        match parse_head(bytes.as_bytes()) {
            Ok(Some((Some(head), length))) => {
                assert_eq!(length, bytes.find("\r\n\r\n").unwrap() + 4);
                head
            }
            other => panic!("{bytes:?}: {other:?}"),
        }
    }

    fn refused(bytes: &str) -> String {
        match parse_head(bytes.as_bytes()) {
            Err(failure) => failure.error.message().to_owned(),
            other => panic!("{bytes:?} accepted: {other:?}"),
        }
    }

    #[test]
    fn requests_are_written_whole_in_order() {
        let mut out = b"left over".to_vec();
        let headers: Vec<(HeaderText, HeaderText)> =
            vec![("Content-Type".into(), "application/json".into()), ("X-TC-Key".into(), "AKID".into())];
        let line = RequestLine { method: Method::Put, target: "/v1/x?a=1", host: "127.0.0.1:8" };
        write_request(&mut out, &line, &headers, b"{}");
        let expected = format!(
            "PUT /v1/x?a=1 HTTP/1.1\r\nHost: 127.0.0.1:8\r\nUser-Agent: {}\r\nAccept: */*\r\n\
             Content-Type: application/json\r\nX-TC-Key: AKID\r\nContent-Length: 2\r\n\r\n{{}}",
            super::super::USER_AGENT
        );
        assert_eq!(String::from_utf8(out.clone()).unwrap(), expected);
        // A GET without a body has no Content-Length; a POST without one says 0.
        write_request(&mut out, &RequestLine { method: Method::Get, ..line }, &[], b"");
        assert!(!String::from_utf8_lossy(&out).contains("Content-Length"));
        write_request(&mut out, &RequestLine { method: Method::Post, target: "/", host: "h" }, &[], b"");
        assert!(String::from_utf8_lossy(&out).ends_with("Content-Length: 0\r\n\r\n"));
    }

    #[test]
    fn headers_that_would_break_the_request_are_refused() {
        for (name, value) in
            [("X-A", "a\r\nX-Injected: 1"), ("X-A", "a\nb"), ("X-A", "nul\0"), ("Bad Name", "v"), ("", "v")]
        {
            let headers: Vec<(HeaderText, HeaderText)> =
                vec![(name.to_owned().into(), value.to_owned().into())];
            assert_eq!(check_headers(&headers).unwrap_err().field(), Some("request"), "{name:?}: {value:?}");
        }
        let fine: Vec<(HeaderText, HeaderText)> = vec![("X-A".into(), "tab\tand UTF-8 é".into())];
        assert!(check_headers(&fine).is_ok());
    }

    #[test]
    fn every_byte_is_judged_as_rfc_9110_says() {
        // tchar (RFC 9110 §5.6.2) and field-vchar / obs-text / SP / HTAB (§5.5), spelled out.
        let tchar = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
        let value_byte = |b: u8| b == b'\t' || b == b' ' || b.is_ascii_graphic() || b >= 0x80;
        for b in 0..=255u8 {
            assert_eq!(TOKEN_BYTES[usize::from(b)], tchar(b), "name byte {b:#04x}");
            // Alone, and at every place of a value long enough to be checked in wide steps.
            assert_eq!(is_sendable_value(&[b]), value_byte(b), "value byte {b:#04x}");
            for at in [0, 15, 16, 31, 63, 64, 99] {
                let mut value = [b'v'; 100];
                value[at] = b;
                assert_eq!(is_sendable_value(&value), value_byte(b), "value byte {b:#04x} at {at}");
            }
        }
    }

    #[test]
    fn heads_say_how_the_body_ends() {
        let h = head("HTTP/1.1 200 OK\r\nContent-Length: 12\r\nX-Request-Id: r1\r\nServer: x\r\n\r\n");
        assert_eq!((h.status, h.framing, h.keep_alive), (200, Framing::Length(12), true));
        assert_eq!(h.headers, [("x-request-id".to_owned(), "r1".to_owned())]);
        let h = head("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
        assert_eq!(h.framing, Framing::Chunked);
        for both in [
            "Transfer-Encoding: chunked\r\nContent-Length: 3",
            "Content-Length: 3\r\nTransfer-Encoding: chunked",
        ] {
            let refused = parse_head(format!("HTTP/1.1 200 OK\r\n{both}\r\n\r\n").as_bytes());
            assert!(refused.is_err(), "{both}");
        }
        let h = head("HTTP/1.1 500 Oops\r\nConnection: close\r\n\r\n");
        assert_eq!((h.framing, h.keep_alive), (Framing::UntilClose, false));
        let h = head("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
        assert!(!h.keep_alive);
        let h = head("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n");
        assert!(h.keep_alive);
        let h = head("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n");
        assert_eq!((h.framing, h.keep_alive), (Framing::None, true));
        let h = head("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
        assert_eq!((h.framing, h.keep_alive), (Framing::None, false));
        let h =
            head("HTTP/1.1 429 Too Many\r\nRetry-After: 2\r\ncontent-length: 2\r\ncontent-length: 2\r\n\r\n");
        assert_eq!((h.status, h.framing), (429, Framing::Length(2)));
        assert_eq!(h.headers, [("retry-after".to_owned(), "2".to_owned())]);
    }

    #[test]
    fn interim_answers_are_skipped_and_partial_heads_wait() {
        assert!(matches!(parse_head(b"HTTP/1.1 100 Continue\r\n\r\n"), Ok(Some((None, 25)))));
        assert!(matches!(parse_head(b"HTTP/1.1 200 OK\r\nContent-Len"), Ok(None)));
    }

    #[test]
    fn heads_that_cannot_be_trusted_are_refused() {
        assert!(
            refused("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n")
                .contains("Content-Length")
        );
        assert!(refused("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n").contains("Content-Length"));
        assert!(refused("HTTP/1.1 200 OK\r\nContent-Length: 1 2\r\n\r\n").contains("Content-Length"));
        assert!(
            refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n")
                .contains("transfer coding")
        );
        assert!(refused("SSH-2.0-OpenSSH\r\n\r\n").contains("not valid HTTP"));
        let many = format!("HTTP/1.1 200 OK\r\n{}\r\n", "X-A: 1\r\n".repeat(MAX_HEADERS + 1));
        assert!(refused(&many).contains("too many headers"));
    }
}
