//! Plain, inspectable HTTP requests and responses: what is signed and what goes over the wire.

use std::borrow::Cow;
use std::fmt;

use crate::error::Error;

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
}

impl Method {
    /// The method as it appears on the wire (`"PUT"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
        }
    }
}

impl std::str::FromStr for Method {
    type Err = Error;

    /// Parses a method name, case-insensitively.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_uppercase().as_str() {
            "GET" => Ok(Method::Get),
            "POST" => Ok(Method::Post),
            "PUT" => Ok(Method::Put),
            "DELETE" => Ok(Method::Delete),
            "PATCH" => Ok(Method::Patch),
            _ => Err(Error::invalid("method", "must be one of GET, POST, PUT, DELETE, PATCH")),
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A header name or value: usually a constant, so it is only allocated when it has to be.
pub type HeaderText = Cow<'static, str>;

/// Header names whose values are credentials; `Debug` output shows them as `<redacted>`.
const SENSITIVE_HEADERS: &[&str] = &[
    "x-tc-signature",
    "accesstoken",
    "authorization",
    "x-access-token",
    "x-conference-authorization",
    "x-password",
];

/// Whether a header with this name carries a credential.
pub fn is_sensitive_header(name: &str) -> bool {
    SENSITIVE_HEADERS.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// A validated request before signing: method, percent-encoded path, query, headers, body bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The path, each segment already percent-encoded (`/v1/real-control/meetings/123/cohosts`).
    pub path: String,
    /// The query string without the leading `?`, already percent-encoded; empty for none.
    pub query: String,
    /// Headers in the order they are sent.
    pub headers: Vec<(HeaderText, HeaderText)>,
    /// The exact body bytes; empty for none.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// A request with no query, headers or body.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        HttpRequest { method, path: path.into(), query: String::new(), headers: Vec::new(), body: Vec::new() }
    }

    /// The path plus `?query` when there is one: what Tencent signs as the request URI.
    pub fn request_uri(&self) -> String {
        if self.query.is_empty() { self.path.clone() } else { format!("{}?{}", self.path, self.query) }
    }

    /// Appends a header.
    pub fn push_header(&mut self, name: impl Into<HeaderText>, value: impl Into<HeaderText>) {
        self.headers.push((name.into(), value.into()));
    }

    /// The value of the first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("uri", &self.request_uri())
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &BodyLen(self.body.len()))
            .finish()
    }
}

/// A fully signed request, ready to send with any HTTP client: method, absolute URL, headers, body.
///
/// Send exactly these bytes: the signature covers the body, and a Tencent signature is good for
/// one send only (the server refuses a replayed nonce).
#[derive(Clone, PartialEq, Eq)]
pub struct PreparedRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL, path and query percent-encoded.
    pub url: String,
    /// Headers, including the credentials and signature.
    pub headers: Vec<(HeaderText, HeaderText)>,
    /// The exact body bytes; empty for none.
    pub body: Vec<u8>,
}

impl PreparedRequest {
    /// The value of the first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PreparedRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &BodyLen(self.body.len()))
            .finish()
    }
}

fn find_header<'a, T: AsRef<str>>(headers: &'a [(T, T)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.as_ref().eq_ignore_ascii_case(name)).map(|(_, v)| v.as_ref())
}

/// `Debug` of a generic call: method and path, query keys without their values, and the body's
/// size only (it may carry a password, such as Huawei's `chairmanPwd`).
pub(crate) fn debug_generic_call(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    method: Method,
    path: &str,
    query: &[(String, String)],
    body: Option<&serde_json::Value>,
) -> fmt::Result {
    f.debug_struct(name)
        .field("method", &method)
        .field("path", &path)
        .field("query", &query.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>())
        .field("body", &body.map(|b| BodyLen(b.to_string().len())))
        .finish()
}

/// Bodies may hold passwords (Huawei's `chairmanPwd`), so `Debug` shows only their size.
struct BodyLen(usize);

impl fmt::Debug for BodyLen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

struct RedactedHeaders<'a>(&'a [(HeaderText, HeaderText)]);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (name, value) in self.0 {
            if is_sensitive_header(name) {
                list.entry(&format_args!("{name}: <redacted>"));
            } else {
                list.entry(&format_args!("{name}: {value}"));
            }
        }
        list.finish()
    }
}

/// A response as received: status, the headers meetctl reads, and the body bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// Response headers (names lowercase).
    pub headers: Vec<(String, String)>,
    /// Body bytes, at most the configured limit.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The value of the first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The request id the server gave, if any.
    pub fn request_id(&self) -> Option<String> {
        self.header("x-request-id").or_else(|| self.header("x-tc-trace")).map(str::to_owned)
    }

    /// `Retry-After` in seconds, when present and numeric.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        self.header("retry-after")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(std::time::Duration::from_secs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_credentials() {
        let p = PreparedRequest {
            method: Method::Put,
            url: "https://x/v1".into(),
            headers: vec![
                ("X-TC-Key".into(), "AKIDpublic".into()),
                ("X-TC-Signature".into(), "c2lnbmF0dXJl".into()),
                ("X-Conference-Authorization".into(), "stbtoken".into()),
            ],
            body: b"{}".to_vec(),
        };
        let s = format!("{p:?}");
        assert!(s.contains("AKIDpublic"));
        assert!(!s.contains("c2lnbmF0dXJl"));
        assert!(!s.contains("stbtoken"));
    }

    #[test]
    fn generic_calls_show_no_body_or_query_value() {
        let query = vec![("participantID".to_owned(), "pid-secret-ish".to_owned())];
        let body = Some(serde_json::json!({"applyChair": 1, "chairmanPwd": "hunter2"}));
        let tencent = crate::tencent::GenericCall {
            method: Method::Put,
            path: "/v1/x".into(),
            query: query.clone(),
            body: body.clone(),
        };
        let huawei =
            crate::huawei::GenericConferenceCall { method: Method::Put, path: "/v1/x".into(), query, body };
        for shown in [format!("{tencent:?}"), format!("{huawei:?}")] {
            assert!(!shown.contains("hunter2") && !shown.contains("pid-secret-ish"), "{shown}");
            assert!(shown.contains("participantID") && shown.contains("bytes"), "{shown}");
        }
    }

    #[test]
    fn request_uri_includes_query_only_when_present() {
        let mut r = HttpRequest::new(Method::Get, "/v1/meetings/1");
        assert_eq!(r.request_uri(), "/v1/meetings/1");
        r.query = "userid=a".into();
        assert_eq!(r.request_uri(), "/v1/meetings/1?userid=a");
    }

    #[test]
    fn method_parses_case_insensitively() {
        assert_eq!("put".parse::<Method>().unwrap(), Method::Put);
        assert_eq!("TRACE".parse::<Method>().unwrap_err().field(), Some("method"));
    }
}
