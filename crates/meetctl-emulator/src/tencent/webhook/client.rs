//! The HTTP client the webhooks are sent with: hyper 1's HTTP/1.1 client connection over a tokio
//! TCP stream, one connection per request, `http://` URLs only (no TLS).

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::header::{CONNECTION, CONTENT_TYPE, HOST};
use axum::http::{Method, Request, Uri};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::task::JoinHandle;

/// How long a request may take, connecting included (the vendor's receivers answer within 3 s).
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(3);

/// The most of an answer's body that is read.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// Where a subscription's requests go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// `host:port`, as connected to and sent as `Host`.
    authority: String,
    /// Path and query of the URL (`/` when it has none).
    path_and_query: String,
}

impl Target {
    /// Parses an `http://host[:port][/path][?query]` URL; `Err` says why it cannot be used.
    pub(crate) fn parse(url: &str) -> Result<Target, String> {
        let uri: Uri = url.parse().map_err(|e| format!("url {url:?} is not a URL: {e}"))?;
        match uri.scheme_str() {
            Some("http") => {}
            Some("https") => return Err("url: only http:// is supported (the emulator sends no TLS)".into()),
            _ => return Err(format!("url {url:?} must start with http://")),
        }
        let authority = uri.authority().ok_or_else(|| format!("url {url:?} has no host"))?;
        if authority.as_str().contains('@') || authority.host().is_empty() {
            return Err(format!("url {url:?} must name a host, without user information"));
        }
        let port = authority.port_u16().unwrap_or(80);
        let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str());
        let path_and_query = if path_and_query.is_empty() { "/" } else { path_and_query };
        Ok(Target {
            authority: format!("{}:{port}", authority.host()),
            path_and_query: path_and_query.to_owned(),
        })
    }

    /// The request target with `name=value` added to the query (`value` already encoded).
    pub(crate) fn with_query(&self, name: &str, value: &str) -> String {
        let sep = if self.path_and_query.contains('?') { '&' } else { '?' };
        format!("{}{sep}{name}={value}", self.path_and_query)
    }

    /// The request target as configured.
    pub(crate) fn path_and_query(&self) -> &str {
        &self.path_and_query
    }
}

/// An answer: its status and its body (empty when longer than 64 KiB or cut short).
#[derive(Debug)]
pub(crate) struct Answer {
    /// HTTP status.
    pub(crate) status: u16,
    /// Body.
    pub(crate) body: Bytes,
}

/// Aborts the connection task when the request is done or given up.
struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Sends one request to `target` (request target `path_and_query`) with `headers`, and a JSON
/// `body` when given; `Err` describes a failure (connect, protocol, the 3 s timeout).
pub(crate) async fn send(
    target: &Target,
    method: Method,
    path_and_query: &str,
    headers: &[(&'static str, String)],
    body: Option<String>,
) -> Result<Answer, String> {
    let exchange = async {
        let stream = TcpStream::connect(&target.authority).await.map_err(|e| format!("connect: {e}"))?;
        let _ = stream.set_nodelay(true);
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| format!("handshake: {e}"))?;
        let _connection = AbortOnDrop(tokio::spawn(async move {
            let _ = connection.await;
        }));
        let mut request = Request::builder()
            .method(method)
            .uri(path_and_query)
            .header(HOST, &target.authority)
            .header(CONNECTION, "close");
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let request = match body {
            Some(body) => request.header(CONTENT_TYPE, "application/json").body(Body::from(body)),
            None => request.body(Body::empty()),
        }
        .map_err(|e| format!("request: {e}"))?;
        let response = sender.send_request(request).await.map_err(|e| format!("request failed: {e}"))?;
        let status = response.status().as_u16();
        // A body too long or cut short reads as empty: the status stands (an event needs only
        // the 200; a URL check's answer must be the plaintext, which an empty body is not).
        let body =
            axum::body::to_bytes(Body::new(response.into_body()), MAX_ANSWER_BYTES).await.unwrap_or_default();
        Ok(Answer { status, body })
    };
    match tokio::time::timeout(REQUEST_TIMEOUT, exchange).await {
        Ok(result) => result,
        Err(_) => Err(format!("no answer within {} s", REQUEST_TIMEOUT.as_secs())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let t = Target::parse("http://127.0.0.1:8080/hook?x=1").expect("parses");
        assert_eq!(t.authority, "127.0.0.1:8080");
        assert_eq!(t.with_query("check_str", "abc"), "/hook?x=1&check_str=abc");
        let t = Target::parse("http://example.com").expect("parses");
        assert_eq!(t.authority, "example.com:80");
        assert_eq!(t.with_query("a", "b"), "/?a=b");
        assert_eq!(Target::parse("http://[::1]:9/x").expect("v6").authority, "[::1]:9");
        assert!(Target::parse("https://example.com/").is_err());
        assert!(Target::parse("ftp://example.com/").is_err());
        assert!(Target::parse("example.com/x").is_err());
        assert!(Target::parse("http://u:p@example.com/").is_err());
        assert!(Target::parse("").is_err());
    }
}
