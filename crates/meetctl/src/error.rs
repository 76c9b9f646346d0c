//! The one error type of the crate, with kinds a caller can match on.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

/// What went wrong, in the terms a caller acts on.
///
/// The numeric [`ErrorKind::code`] of each kind is stable and is what the C and Python bindings
/// expose; a number is never reused for another kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An argument or configuration value is unusable; nothing was sent. [`Error::field`] names it.
    InvalidArgument,
    /// The server rejected the credentials, signature, timestamp, nonce or token.
    Auth,
    /// The caller is authenticated but may not do this (e.g. the operator is not a host).
    PermissionDenied,
    /// The meeting, conference or participant does not exist.
    NotFound,
    /// Too many requests; see [`Error::retry_after`].
    RateLimited,
    /// Any other error answer from the server; see [`Error::api`].
    Api,
    /// The request did not complete within the configured timeouts.
    Timeout,
    /// The connection could not be made or was lost (refused, reset, DNS, proxy).
    Connection,
    /// TLS failed (certificate not trusted, handshake error).
    Tls,
    /// The server's answer could not be understood (bad JSON, too large, not HTTP).
    MalformedResponse,
    /// The vendor cannot do this operation (e.g. make someone host on Tencent Meeting); nothing
    /// was sent. [`Meeting::capabilities`](crate::Meeting::capabilities) says what a meeting can do.
    Unsupported,
    /// The call was cancelled through its [`CancelToken`](crate::CancelToken) (in Python, by
    /// Ctrl-C). [`Error::request_may_have_been_sent`] says whether the operation may have taken
    /// effect.
    Cancelled,
    /// What was looked up (a meeting code) means more than one meeting and the rule could not
    /// pick one; [`Error::candidates`] lists them. Nothing was changed.
    Ambiguous,
}

impl ErrorKind {
    /// Every kind, in the order of their numbers.
    pub const ALL: [ErrorKind; 13] = [
        ErrorKind::InvalidArgument,
        ErrorKind::Auth,
        ErrorKind::PermissionDenied,
        ErrorKind::NotFound,
        ErrorKind::RateLimited,
        ErrorKind::Api,
        ErrorKind::Timeout,
        ErrorKind::Connection,
        ErrorKind::Tls,
        ErrorKind::MalformedResponse,
        ErrorKind::Unsupported,
        ErrorKind::Cancelled,
        ErrorKind::Ambiguous,
    ];

    /// The stable number of this kind (as `meetctl_error_kind` in C).
    pub fn code(self) -> u32 {
        match self {
            ErrorKind::InvalidArgument => 1,
            ErrorKind::Auth => 2,
            ErrorKind::PermissionDenied => 3,
            ErrorKind::NotFound => 4,
            ErrorKind::RateLimited => 5,
            ErrorKind::Api => 6,
            ErrorKind::Timeout => 7,
            ErrorKind::Connection => 8,
            ErrorKind::Tls => 9,
            ErrorKind::MalformedResponse => 10,
            ErrorKind::Unsupported => 11,
            ErrorKind::Cancelled => 12,
            ErrorKind::Ambiguous => 13,
        }
    }

    /// One line on what happened, as every binding documents the kind.
    pub fn description(self) -> &'static str {
        match self {
            ErrorKind::InvalidArgument => "An argument or configuration value is unusable; nothing was sent",
            ErrorKind::Auth => "The server rejected the credentials, signature, timestamp, nonce or token",
            ErrorKind::PermissionDenied => "Authenticated, but not allowed (e.g. the operator is not a host)",
            ErrorKind::NotFound => "The meeting, conference or participant does not exist",
            ErrorKind::RateLimited => "Too many requests",
            ErrorKind::Api => "Any other error answer from the server",
            ErrorKind::Timeout => "The request did not complete within the configured timeouts",
            ErrorKind::Connection => {
                "The connection could not be made or was lost (refused, reset, DNS, proxy)"
            }
            ErrorKind::Tls => "TLS failed (certificate not trusted, handshake error)",
            ErrorKind::MalformedResponse => {
                "The server's answer could not be understood (bad JSON, too large, not HTTP)"
            }
            ErrorKind::Unsupported => "The meeting's vendor cannot do this operation; nothing was sent",
            ErrorKind::Cancelled => "The call was cancelled while it waited",
            ErrorKind::Ambiguous => "What was looked up means several meetings; the error lists them",
        }
    }

    /// A short lowercase name (`"invalid_argument"`, `"not_found"`, …).
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::Auth => "auth",
            ErrorKind::PermissionDenied => "permission_denied",
            ErrorKind::NotFound => "not_found",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Api => "api",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Connection => "connection",
            ErrorKind::Tls => "tls",
            ErrorKind::MalformedResponse => "malformed_response",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Ambiguous => "ambiguous",
        }
    }

    /// Whether this kind comes from an answer of the server (and so carries [`ApiDetails`]).
    pub fn is_api(self) -> bool {
        matches!(
            self,
            ErrorKind::Auth
                | ErrorKind::PermissionDenied
                | ErrorKind::NotFound
                | ErrorKind::RateLimited
                | ErrorKind::Api
        )
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which vendor answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vendor {
    /// Tencent Meeting.
    Tencent,
    /// Huawei Cloud Meeting.
    Huawei,
}

/// What the server said when it refused a request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiDetails {
    /// HTTP status code.
    pub status: u16,
    /// The vendor's error code as text: `"9003"` (Tencent) or `"MMC.111070005"` (Huawei).
    pub code: Option<String>,
    /// Tencent's `new_error_code`, when the answer had one.
    pub new_code: Option<String>,
    /// The vendor's message.
    pub message: Option<String>,
    /// The request id the server gave (`X-Request-Id`), for support tickets.
    pub request_id: Option<String>,
}

/// An error from meetctl: a [`kind`](Error::kind) to match on plus the details behind it.
///
/// Cloning is cheap enough to hand one outcome to every caller waiting on the same token refresh.
#[derive(Clone)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone)]
struct Inner {
    kind: ErrorKind,
    message: Cow<'static, str>,
    field: Option<Cow<'static, str>>,
    vendor: Option<Vendor>,
    api: Option<ApiDetails>,
    retry_after: Option<Duration>,
    attempts: u32,
    /// For a cancelled call: whether its request may have reached the server.
    request_sent: Option<bool>,
    /// For an ambiguous lookup: the meetings it may mean.
    candidates: Vec<crate::find::Candidate>,
    source: Option<std::sync::Arc<dyn std::error::Error + Send + Sync>>,
}

/// The most characters of a server's text an error keeps.
pub const MAX_VENDOR_TEXT_CHARS: usize = 512;

/// A server's text, at most [`MAX_VENDOR_TEXT_CHARS`] characters (then `…`), control characters
/// escaped (`\r`, `\n`, `\u{1b}`).
pub(crate) fn vendor_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_VENDOR_TEXT_CHARS + 8));
    for (i, c) in text.chars().enumerate() {
        if i == MAX_VENDOR_TEXT_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The crate's `Result`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                message: message.into(),
                field: None,
                vendor: None,
                api: None,
                retry_after: None,
                attempts: 0,
                request_sent: None,
                candidates: Vec::new(),
                source: None,
            }),
        }
    }

    /// An invalid-argument error naming `field`.
    pub fn invalid(field: impl Into<Cow<'static, str>>, message: impl Into<Cow<'static, str>>) -> Self {
        let mut e = Error::new(ErrorKind::InvalidArgument, message);
        e.inner.field = Some(field.into());
        e
    }

    /// An unsupported-operation error: `vendor` cannot do `operation`.
    pub fn unsupported(vendor: Vendor, operation: &str) -> Self {
        let mut e = Error::new(ErrorKind::Unsupported, format!("{vendor:?} meetings cannot {operation}"));
        e.inner.vendor = Some(vendor);
        e
    }

    /// An ambiguous-lookup error: `what` (`"code 806724161"`) means each of `candidates`.
    pub(crate) fn ambiguous(what: &str, candidates: Vec<crate::find::Candidate>) -> Self {
        let listed: Vec<String> = candidates.iter().map(crate::find::describe).collect();
        let mut e = Error::new(
            ErrorKind::Ambiguous,
            format!("{what} means {} meetings: {}", candidates.len(), listed.join("; ")),
        );
        e.inner.candidates = candidates;
        e
    }

    /// For an [`ErrorKind::Ambiguous`] error, the meetings the lookup may mean; empty otherwise.
    pub fn candidates(&self) -> &[crate::find::Candidate] {
        &self.inner.candidates
    }

    /// The same error with `note` added to its message (a likely cause the answer does not say).
    pub(crate) fn with_note(mut self, note: &str) -> Self {
        self.inner.message = Cow::Owned(format!("{} ({note})", self.inner.message));
        self
    }

    /// The same error, noting that `attempts` attempts were made.
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.inner.attempts = attempts;
        self
    }

    pub(crate) fn with_request_sent(mut self, sent: bool) -> Self {
        self.inner.request_sent = Some(sent);
        self
    }

    pub(crate) fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.inner.source = Some(std::sync::Arc::new(source));
        self
    }

    pub(crate) fn from_api(
        kind: ErrorKind,
        vendor: Vendor,
        mut details: ApiDetails,
        retry_after: Option<Duration>,
    ) -> Self {
        // Whatever a server says is bounded and shown with its control characters escaped, so it
        // cannot flood a log, forge log lines or drive a terminal.
        for text in [&mut details.message, &mut details.code, &mut details.new_code, &mut details.request_id]
        {
            if let Some(t) = text.as_mut() {
                *t = vendor_text(t);
            }
        }
        let message = details
            .message
            .clone()
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| format!("HTTP {}", details.status));
        let mut e = Error::new(kind, message);
        e.inner.vendor = Some(vendor);
        e.inner.api = Some(details);
        e.inner.retry_after = retry_after;
        e
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// A human-readable description (never containing a secret).
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// For [`ErrorKind::InvalidArgument`]: the argument at fault (`"meeting_id"`, `"user.instanceid"`, …).
    pub fn field(&self) -> Option<&str> {
        self.inner.field.as_deref()
    }

    /// Which vendor answered, for errors that came from a server.
    pub fn vendor(&self) -> Option<Vendor> {
        self.inner.vendor
    }

    /// The server's answer, for errors that came from one.
    pub fn api(&self) -> Option<&ApiDetails> {
        self.inner.api.as_ref()
    }

    /// HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        self.api().map(|a| a.status)
    }

    /// Vendor error code, when the server gave one.
    pub fn code(&self) -> Option<&str> {
        self.api().and_then(|a| a.code.as_deref())
    }

    /// Request id, when the server gave one.
    pub fn request_id(&self) -> Option<&str> {
        self.api().and_then(|a| a.request_id.as_deref())
    }

    /// For [`ErrorKind::RateLimited`]: how long the server asked to wait, when it said.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    /// How many times the failing exchange was attempted (the retry policy may repeat one); 0
    /// when nothing was sent.
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// For an [`ErrorKind::Cancelled`] error: whether the request may have reached the server
    /// (`false`: it certainly did not, nothing was done); `None` for the other kinds.
    pub fn request_may_have_been_sent(&self) -> Option<bool> {
        self.inner.request_sent
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        match (&i.field, &i.api) {
            (Some(field), _) => write!(f, "invalid argument `{field}`: {}", i.message)?,
            (None, Some(api)) => {
                write!(f, "{}: HTTP {}", i.kind, api.status)?;
                if let Some(code) = &api.code {
                    write!(f, ", code {code}")?;
                }
                write!(f, ": {}", i.message)?;
                if let Some(id) = &api.request_id {
                    write!(f, " (request id {id})")?;
                }
            }
            (None, None) => write!(f, "{}: {}", i.kind, i.message)?,
        }
        if let Some(after) = i.retry_after {
            write!(f, " (retry after {}s)", after.as_secs())?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        let mut d = f.debug_struct("Error");
        d.field("kind", &i.kind).field("message", &i.message);
        if let Some(field) = &i.field {
            d.field("field", field);
        }
        if let Some(vendor) = &i.vendor {
            d.field("vendor", vendor);
        }
        if let Some(api) = &i.api {
            d.field("api", api);
        }
        if i.attempts > 0 {
            d.field("attempts", &i.attempts);
        }
        if let Some(r) = &i.retry_after {
            d.field("retry_after", r);
        }
        if let Some(sent) = i.request_sent {
            d.field("request_may_have_been_sent", &sent);
        }
        if let Some(s) = &i.source {
            d.field("source", &s.to_string());
        }
        d.finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source.as_deref().map(|s| s as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_text_is_bounded_and_escaped() {
        let long = format!("{}\r\nFAKE LOG LINE \u{1b}[31m{}", "a".repeat(100), "b".repeat(10_000));
        let e = Error::from_api(
            ErrorKind::Api,
            Vendor::Tencent,
            ApiDetails {
                status: 400,
                message: Some(long),
                code: Some("9\n1".into()),
                ..ApiDetails::default()
            },
            None,
        );
        let message = e.message();
        assert!(message.chars().count() <= MAX_VENDOR_TEXT_CHARS + 12, "{}", message.len());
        assert!(!message.chars().any(char::is_control), "{message:?}");
        assert!(message.contains("\\r\\nFAKE LOG LINE \\u{1b}[31m"));
        assert_eq!(e.code(), Some("9\\n1"));
        assert!(!e.to_string().contains('\n'));
    }

    #[test]
    fn kind_codes_are_distinct_and_stable() {
        let codes: Vec<u32> = ErrorKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes, (1..=13).collect::<Vec<_>>());
    }

    #[test]
    fn display_names_field_and_api_details() {
        let e = Error::invalid("meeting_id", "must not be empty");
        assert_eq!(e.to_string(), "invalid argument `meeting_id`: must not be empty");
        let details = ApiDetails {
            status: 400,
            code: Some("9003".into()),
            new_code: None,
            message: Some("meeting does not exist".into()),
            request_id: Some("abc".into()),
        };
        let e = Error::from_api(ErrorKind::NotFound, Vendor::Tencent, details, None);
        assert_eq!(e.to_string(), "not_found: HTTP 400, code 9003: meeting does not exist (request id abc)");
    }
}
