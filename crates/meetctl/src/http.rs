//! Plain, inspectable HTTP requests and responses: what is signed and what goes over the wire.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

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

/// A header name or value, read as a `&str` (it dereferences to one).
///
/// It allocates only when it has to: a constant is a `&'static str`, a short value (up to 15
/// bytes: a timestamp, a nonce) is kept inline, a longer value shared with the client (a
/// credential's id) is an [`Arc<str>`] whose clone is a reference-count increment, and anything
/// else is a `String`. Equality,
/// ordering and hashing are those of the text, whatever the representation. `Debug` and `Display`
/// print the text as `str` does: header values may be credentials, so requests format their
/// headers through a redacting list, never one by one.
#[derive(Clone)]
pub struct HeaderText(Repr);

/// How a [`HeaderText`] holds its text.
#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Inline(Inline),
    Shared(Arc<str>),
    Owned(String),
}

/// Text of at most [`Inline::CAPACITY`] bytes, kept in place. Its bytes up to `len` are always a
/// whole `str`: they are only ever copied from one.
#[derive(Clone, Copy)]
struct Inline {
    len: u8,
    bytes: [u8; Inline::CAPACITY],
}

impl Inline {
    /// The longest text kept inline: a header pair stays as small as with a `Cow<str>` (three
    /// words each) and every decimal timestamp and nonce fits.
    const CAPACITY: usize = 15;

    fn new(text: &str) -> Option<Inline> {
        let len = u8::try_from(text.len()).ok().filter(|&len| usize::from(len) <= Self::CAPACITY)?;
        // The bytes are gathered in a register and stored whole, not copied into the array at
        // their length: a header is moved right after it is made, and reading it back in wide
        // words over the narrow stores of a copy stalls (about 15 ns a value, measured).
        let mut word = 0u128;
        for &b in text.as_bytes().iter().rev() {
            word = word << 8 | u128::from(b);
        }
        let mut bytes = [0u8; Self::CAPACITY];
        bytes.copy_from_slice(&word.to_le_bytes()[..Self::CAPACITY]);
        Some(Inline { len, bytes })
    }

    fn as_str(&self) -> &str {
        // Copied from a whole `str` in `new`: always valid UTF-8, so the fallback is never taken.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl HeaderText {
    /// A constant, without allocating (usable in `const` items).
    pub const fn from_static(text: &'static str) -> HeaderText {
        HeaderText(Repr::Static(text))
    }

    /// A copy of `text`: kept inline, without allocating, when it is short (up to 15 bytes, such
    /// as a timestamp or a nonce), in a new `String` otherwise.
    pub fn new(text: &str) -> HeaderText {
        match Inline::new(text) {
            Some(inline) => HeaderText(Repr::Inline(inline)),
            None => HeaderText(Repr::Owned(text.to_owned())),
        }
    }

    /// `text` to be cloned into many requests: kept inline when short (a clone is a copy), else
    /// in an [`Arc<str>`] (a clone is a reference-count increment).
    pub(crate) fn shared(text: &str) -> HeaderText {
        match Inline::new(text) {
            Some(inline) => HeaderText(Repr::Inline(inline)),
            None => HeaderText(Repr::Shared(Arc::from(text))),
        }
    }

    /// The text when it is a constant ([`HeaderText::from_static`]): the transport sends it
    /// without copying.
    pub(crate) fn as_static(&self) -> Option<&'static str> {
        match &self.0 {
            Repr::Static(text) => Some(text),
            _ => None,
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(text) => text,
            Repr::Inline(inline) => inline.as_str(),
            Repr::Shared(text) => text,
            Repr::Owned(text) => text,
        }
    }

    /// The text's UTF-8 bytes, as the wire takes them (without the check [`as_str`](Self::as_str)
    /// makes of a short text kept inline).
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Static(text) => text.as_bytes(),
            Repr::Inline(inline) => &inline.bytes[..usize::from(inline.len)],
            Repr::Shared(text) => text.as_bytes(),
            Repr::Owned(text) => text.as_bytes(),
        }
    }

    /// The text's length in bytes.
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for HeaderText {
    /// The empty text.
    fn default() -> Self {
        HeaderText::from_static("")
    }
}

impl std::ops::Deref for HeaderText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for HeaderText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for HeaderText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for HeaderText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for HeaderText {
    /// As `str`'s `Debug`: the quoted text, nothing about how it is held.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for HeaderText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for HeaderText {}

impl PartialEq<str> for HeaderText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for HeaderText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for HeaderText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialOrd for HeaderText {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for HeaderText {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for HeaderText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl From<&'static str> for HeaderText {
    /// A constant, without allocating.
    fn from(text: &'static str) -> Self {
        HeaderText::from_static(text)
    }
}

impl From<String> for HeaderText {
    /// Takes the `String` as it is, without copying.
    fn from(text: String) -> Self {
        HeaderText(Repr::Owned(text))
    }
}

impl From<Arc<str>> for HeaderText {
    /// Shares the text: a clone is a reference-count increment.
    fn from(text: Arc<str>) -> Self {
        HeaderText(Repr::Shared(text))
    }
}

impl From<Cow<'static, str>> for HeaderText {
    /// Borrowed text as a constant, owned text taken as it is.
    fn from(text: Cow<'static, str>) -> Self {
        match text {
            Cow::Borrowed(text) => HeaderText::from_static(text),
            Cow::Owned(text) => HeaderText::from(text),
        }
    }
}

impl From<HeaderText> for String {
    /// The text as a `String` (taken without copying when it is one).
    fn from(text: HeaderText) -> Self {
        match text.0 {
            Repr::Owned(text) => text,
            other => HeaderText(other).as_str().to_owned(),
        }
    }
}

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

/// Headers the transport writes itself, from the request and the connection: the message's
/// framing, its host, and what the connection does next. A request that sets one is refused
/// before anything is sent: its value could contradict what is sent (two lengths, a second
/// request smuggled in the body).
pub const TRANSPORT_HEADERS: [&str; 7] =
    ["Host", "Content-Length", "Transfer-Encoding", "Connection", "TE", "Upgrade", "Expect"];

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
    /// Whether sending it again after an uncertain outcome (a gateway timeout, a connection lost
    /// mid-exchange) can do no harm: from the operation's row; for any other request, only a
    /// `GET`. A request that is not is repeated only when it certainly never left, or when the
    /// vendor said it was rate-limited.
    pub safe_to_repeat: bool,
}

impl HttpRequest {
    /// A request with no query, headers or body; safe to repeat when it is a `GET`.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        HttpRequest {
            method,
            path: path.into(),
            query: String::new(),
            headers: Vec::new(),
            body: Vec::new(),
            safe_to_repeat: method == Method::Get,
        }
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

    /// Refuses a header of [`TRANSPORT_HEADERS`], naming it as the request has it
    /// (`headers.Content-Length`).
    pub(crate) fn check_headers(&self) -> Result<(), Error> {
        match self
            .headers
            .iter()
            .find(|(name, _)| TRANSPORT_HEADERS.iter().any(|t| t.eq_ignore_ascii_case(name.as_str())))
        {
            None => Ok(()),
            Some((name, _)) => Err(Error::invalid(
                format!("headers.{}", name.as_str()),
                "is written by meetctl's transport from the request and the connection; a call may not set it",
            )),
        }
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
    /// Whether sending it again after an uncertain outcome can do no harm (see
    /// [`HttpRequest::safe_to_repeat`]); with your own HTTP stack, repeat it only if so (and
    /// prepare it afresh: a Tencent signature is good for one send).
    pub safe_to_repeat: bool,
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
            safe_to_repeat: true,
        };
        let s = format!("{p:?}");
        assert!(s.contains("AKIDpublic"));
        assert!(!s.contains("c2lnbmF0dXJl"));
        assert!(!s.contains("stbtoken"));
        // Every way a value can be held is redacted alike.
        let secret = "s3cr3t-token-value-longer-than-inline";
        for value in [
            HeaderText::from_static("s3cr3t"),
            HeaderText::new("s3cr3t"),
            HeaderText::new(secret),
            HeaderText::from(Arc::<str>::from(secret)),
            HeaderText::from(secret.to_owned()),
        ] {
            let p = PreparedRequest { headers: vec![("AccessToken".into(), value)], ..p.clone() };
            let s = format!("{p:?}");
            assert!(!s.contains("s3cr3t") && s.contains("AccessToken: <redacted>"), "{s}");
        }
    }

    #[test]
    fn header_text_is_its_text_however_it_is_held() {
        let shared: Arc<str> = Arc::from("AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA");
        let all = [
            HeaderText::from_static("AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA"),
            HeaderText::new("AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA"),
            HeaderText::shared("AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA"),
            HeaderText::from(shared.clone()),
            HeaderText::from("AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA".to_owned()),
            HeaderText::from(Cow::Borrowed("AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA")),
        ];
        let hash = |t: &HeaderText| {
            use std::hash::{BuildHasher, BuildHasherDefault};
            BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(t)
        };
        for text in &all {
            assert_eq!(text.as_str(), &*shared);
            assert_eq!(text.as_bytes(), shared.as_bytes());
            assert_eq!((text.len(), text.is_empty()), (shared.len(), false));
            assert_eq!(text, &all[0]);
            assert_eq!(*text, *"AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA");
            assert_eq!(hash(text), hash(&all[0]));
            assert_eq!(format!("{text}"), &*shared);
            assert_eq!(format!("{text:?}"), format!("{:?}", &*shared));
            assert_eq!(String::from(text.clone()), &*shared);
        }
        // Sharing counts references, it does not copy.
        drop(all);
        assert_eq!(Arc::strong_count(&shared), 1);
        let clones: Vec<HeaderText> = (0..3).map(|_| HeaderText::from(shared.clone())).collect();
        assert_eq!(Arc::strong_count(&shared), 4);
        drop(clones);

        // Up to 15 bytes are kept inline (any UTF-8), longer text in a String; both read back whole.
        for text in
            ["", "1", "1700000000", "123456789012345", "1234567890123456", "会议会议会", "会议会议会议"]
        {
            let t = HeaderText::new(text);
            assert_eq!(t.as_str(), text);
            assert_eq!((t.as_bytes(), t.len(), t.is_empty()), (text.as_bytes(), text.len(), text.is_empty()));
            assert_eq!(matches!(t.0, Repr::Inline(_)), text.len() <= 15, "{text}");
            assert_eq!(HeaderText::shared(text).as_str(), text);
        }
        // Debug shows exactly what `str`'s does: quoted and escaped, nothing about how it is held.
        assert_eq!(format!("{:?}", HeaderText::new("a\"b\n")), format!("{:?}", "a\"b\n"));
        assert_eq!(format!("{:>6}|", HeaderText::new("ab")), "    ab|");
        let mut map = std::collections::HashMap::new();
        map.insert(HeaderText::new("X-TC-Key"), 1);
        assert_eq!(map.get("X-TC-Key"), Some(&1));
        assert!(HeaderText::from_static("a") < HeaderText::new("b"));
        assert_eq!(HeaderText::default(), "");
    }

    /// A header pair is no bigger than with `Cow<'static, str>`: three words a text.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn header_text_is_three_words() {
        assert_eq!(std::mem::size_of::<HeaderText>(), std::mem::size_of::<Cow<'static, str>>());
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
