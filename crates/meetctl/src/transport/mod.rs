//! The blocking HTTP transport: ureq, with a resolver and a TCP layer of meetctl's own, one
//! pooled agent per client, every call bounded in time and cancellable.
//!
//! ureq speaks HTTP/1.1, keeps the pool, tunnels through an HTTP proxy and runs rustls. meetctl
//! plugs into its extension points only what ureq does not do:
//!
//! - [`resolver`]: no thread per call (an IP literal is answered at once, a name is kept for a
//!   while);
//! - [`tcp`]: connecting, reading and writing in slices a [`CancelToken`](crate::CancelToken)
//!   can end, writes that never raise `SIGPIPE`, and few system calls per pooled call;
//! - [`exchange`]: the exchange in flight on this thread (its deadline, how much it may read),
//!   when its request starts to go out (so that a cancelled call says whether the operation may
//!   have taken effect), and a connection lost before the answer was whole taken as a failure;
//! - [`tls`]: the bundled roots plus a caller's CA, checked when the client is made.
//!
//! The chain a connection is made through: proxy `CONNECT` → TCP → rustls → exchange.
//! Around ureq: the proxy chosen with curl's rules, plain http to loopback only, one deadline per
//! call across every exchange, the response size cap, no redirects, statuses as responses, and
//! ureq's errors mapped to meetctl's kinds ([`failure`]). A forked child builds a fresh agent.

mod exchange;
mod failure;
mod origin;
mod resolver;
mod tcp;
mod tls;
pub(crate) mod websocket;

use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use ureq::http;

use self::failure::TransportFailure;
use self::origin::{Origin, Proxy};
use crate::cancel;
use crate::clock::RandomSource;
use crate::config::{ClientConfig, MAX_TIMEOUT, ProxySetting};
use crate::error::{Error, ErrorKind};
use crate::http::{HeaderText, HttpRequest, HttpResponse, Method, PreparedRequest};
use crate::retry::{self, RetryPolicy};

/// The `User-Agent` every request carries.
pub const USER_AGENT: &str = concat!("meetctl/", env!("CARGO_PKG_VERSION"));

/// The largest response body cap accepted (64 MiB).
pub const MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// Idle connections kept for reuse (a client talks to one host; one client serves many threads).
const MAX_IDLE_CONNECTIONS: usize = 32;

/// An idle connection older than this is closed rather than reused: servers and middleboxes drop
/// idle connections, sometimes without a word.
const MAX_IDLE_AGE: Duration = Duration::from_secs(15);

/// Response headers meetctl reads; the rest are not kept.
const KEPT_HEADERS: [http::HeaderName; 5] = [
    http::HeaderName::from_static("x-request-id"),
    http::HeaderName::from_static("x-tc-trace"),
    http::header::RETRY_AFTER,
    http::header::CONTENT_TYPE,
    // The server's clock: `meetctl doctor` and a Tencent signature refused for its time read it.
    http::header::DATE,
];

/// Where a client's requests go and how: one ureq agent (rebuilt in a forked child) and the
/// limits, all fixed when the client is made.
pub(crate) struct Transport {
    /// The process the agent belongs to, and the agent: a forked child (multiprocessing, a
    /// pre-forking server) never shares its parent's connections, it builds its own pool.
    agent: RwLock<(u32, ureq::Agent)>,
    agent_config: ureq::config::Config,
    base_url: String,
    max_response_bytes: u64,
    timeout: Duration,
    retry: RetryPolicy,
    random: Arc<dyn RandomSource>,
    route: Route,
    /// Whether plain http (and ws) may go to a host that is not loopback.
    allow_insecure_http: bool,
}

/// Where a client's requests go, as `meetctl doctor` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Route {
    /// Whether the base URL is `https://`.
    pub(crate) tls: bool,
    /// The base URL's host.
    pub(crate) host: String,
    /// Its port.
    pub(crate) port: u16,
    /// The proxy's `host:port`, when one is used.
    pub(crate) proxy: Option<String>,
    /// Why that proxy, or why none.
    pub(crate) proxy_reason: String,
}

/// A response and how many attempts it took.
pub(crate) struct Sent {
    /// The last response.
    pub(crate) response: HttpResponse,
    /// Attempts made (1 when the first succeeded).
    pub(crate) attempts: u32,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport").field("base_url", &self.base_url).finish_non_exhaustive()
    }
}

impl Transport {
    /// Checks `config` and builds the agent; `default_base_url` is used when the config has none.
    pub(crate) fn new(config: &ClientConfig, default_base_url: &str) -> Result<Self, Error> {
        let (base_url, origin) = normalise_base_url(config.base_url.as_deref().unwrap_or(default_base_url))?;
        if !origin.tls && !config.allow_insecure_http && !origin.is_loopback() {
            return Err(Error::invalid(
                "base_url",
                "plain http:// is only accepted for a loopback host (credentials would cross the network \
                 in clear text); use https://, or set allow_insecure_http if you really mean it",
            ));
        }
        for (field, value) in [
            ("timeout", config.timeout),
            ("connect_timeout", config.connect_timeout),
            ("read_timeout", config.read_timeout),
        ] {
            if value.is_zero() || value > MAX_TIMEOUT {
                return Err(Error::invalid(field, "must be more than zero and at most an hour"));
            }
        }
        if config.max_response_bytes == 0 || config.max_response_bytes > MAX_RESPONSE_BYTES {
            return Err(Error::invalid("max_response_bytes", "must be from 1 byte to 64 MiB"));
        }
        let mut proxy_reason = String::new();
        let proxy = match &config.proxy {
            ProxySetting::FromEnvironment => match env_proxy(&origin, |name| std::env::var(name).ok()) {
                None => {
                    proxy_reason = "no proxy: none is set in the environment for this host (or NO_PROXY names it)".into();
                    None
                }
                Some((name, url)) => Some(Proxy::parse(&url).inspect(|_| {
                    proxy_reason = format!("the proxy {name} names in the environment");
                }).map_err(|why| {
                    Error::invalid(
                        "proxy",
                        format!(
                            "{name} (from the environment) {why}; name this host in NO_PROXY, or turn \
                             the proxy setting off"
                        ),
                    )
                })?),
            },
            ProxySetting::Disabled => {
                proxy_reason = "no proxy: the client's proxy setting is off".into();
                None
            }
            ProxySetting::Url(url) => {
                proxy_reason = "the proxy the client's configuration names".into();
                Some(Proxy::parse(url).map_err(|why| Error::invalid("proxy", why))?)
            }
        };
        let route = Route {
            tls: origin.tls,
            host: origin.host.clone(),
            port: origin.port,
            proxy: proxy.as_ref().map(|p| format!("{}:{}", p.host, p.port)),
            proxy_reason,
        };
        // Checked all the same for http://, so a bad PEM is found before the switch to https.
        let tls = tls::config(config.extra_ca_pem.as_deref())?;
        config.retry.validate(MAX_TIMEOUT)?;
        let agent_config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(USER_AGENT)
            .accept(ureq::config::AutoHeaderValue::None)
            .accept_encoding(ureq::config::AutoHeaderValue::None)
            // Always set: ureq's default reads the environment with rules of its own.
            .proxy(proxy.map(|p| p.into_ureq()).transpose()?)
            .tls_config(tls)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_recv_response(Some(config.read_timeout))
            .timeout_recv_body(Some(config.read_timeout))
            .max_idle_connections_per_host(MAX_IDLE_CONNECTIONS)
            .max_idle_connections(MAX_IDLE_CONNECTIONS)
            .max_idle_age(MAX_IDLE_AGE)
            .build();
        Ok(Transport {
            agent: RwLock::new((std::process::id(), new_agent(agent_config.clone()))),
            agent_config,
            base_url,
            max_response_bytes: config.max_response_bytes,
            timeout: config.timeout,
            retry: config.retry,
            random: config.random.clone(),
            route,
            allow_insecure_http: config.allow_insecure_http,
        })
    }

    /// The agent's ureq configuration (proxy, TLS, timeouts): what a WebSocket connection is made
    /// with ([`websocket`]).
    pub(crate) fn agent_config(&self) -> &ureq::config::Config {
        &self.agent_config
    }

    /// Whether plain http (and ws) may go to a host that is not loopback.
    pub(crate) fn allows_insecure_http(&self) -> bool {
        self.allow_insecure_http
    }

    /// Where requests go.
    pub(crate) fn route(&self) -> &Route {
        &self.route
    }

    /// This process's agent: after a fork, a new one with an empty pool (the parent's sockets
    /// stay open in the parent; this process only lets go of its copies).
    fn agent(&self) -> ureq::Agent {
        let pid = std::process::id();
        {
            let current = self.agent.read().unwrap_or_else(|e| e.into_inner());
            if current.0 == pid {
                return current.1.clone();
            }
        }
        let mut current = self.agent.write().unwrap_or_else(|e| e.into_inner());
        if current.0 != pid {
            log::debug!("running in a forked process: starting a fresh connection pool");
            *current = (pid, new_agent(self.agent_config.clone()));
        }
        current.1.clone()
    }

    /// Sends what `prepare` makes, again while the retry policy allows (each attempt prepared
    /// afresh), all by `deadline`. Any request is repeated when it certainly never left (no
    /// connection could be made) or the vendor said it was rate-limited (`api_error`, the
    /// vendor's reading of an error answer, says [`ErrorKind::RateLimited`]); one that is
    /// [`safe_to_repeat`](PreparedRequest::safe_to_repeat) also after 408, 502, 503 and 504 and a
    /// connection lost mid-exchange. A failure carries the attempts made. The token bound to the
    /// thread ([`CancelToken`](crate::CancelToken)) ends the call, waiting or sleeping.
    pub(crate) fn send_retrying(
        &self,
        mut prepare: impl FnMut() -> Result<PreparedRequest, Error>,
        deadline: Instant,
        api_error: fn(&HttpResponse) -> Error,
    ) -> Result<Sent, Error> {
        cancel::request_starts();
        let mut attempt = 1;
        loop {
            cancel::check_fired().map_err(|e| e.with_attempts(attempt - 1))?;
            let prepared = prepare()?;
            let safe_to_repeat = prepared.safe_to_repeat;
            let (retry_after, outcome) = match self.send(prepared, deadline) {
                Ok(response)
                    if retry::rate_limited(&response, api_error)
                        || (safe_to_repeat && retry::retryable_status(response.status)) =>
                {
                    (response.retry_after(), Ok(response))
                }
                Ok(response) => return Ok(Sent { response, attempts: attempt }),
                Err(failure)
                    if failure.retry_safe
                        || (safe_to_repeat && failure.error.kind() == ErrorKind::Connection) =>
                {
                    (None, Err(failure.error))
                }
                Err(failure) => return Err(failure.error.with_attempts(attempt)),
            };
            match self.retry.delay(attempt, retry_after, deadline, self.random.as_ref()) {
                Some(wait) => {
                    log::debug!("attempt {attempt} failed; retrying in {} ms", wait.as_millis());
                    cancel::sleep_until(Instant::now() + wait).map_err(|e| e.with_attempts(attempt))?;
                    attempt += 1;
                }
                None => {
                    return match outcome {
                        Ok(response) => Ok(Sent { response, attempts: attempt }),
                        Err(error) => Err(error.with_attempts(attempt)),
                    };
                }
            }
        }
    }

    /// The deadline of an API call starting now: every exchange it makes (tokens, the call, a
    /// refresh and its retry) must end by then.
    pub(crate) fn deadline(&self) -> Instant {
        Instant::now() + self.timeout
    }

    /// The base URL requests go to (no trailing `/`).
    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The absolute URL of `request`, once the request is found fit to send. The path must be
    /// absolute and URL-safe, the query percent-encoded, and no header one the transport writes
    /// ([`TRANSPORT_HEADERS`](crate::http::TRANSPORT_HEADERS)): whatever made the request (a typed
    /// call, a generic one, a caller's own `TencentCall` or `HuaweiCall`), it cannot reach
    /// another host, smuggle a fragment or a header, or reframe the message.
    pub(crate) fn url_for(&self, request: &HttpRequest) -> Result<String, Error> {
        crate::encoding::validate_api_path(&request.path)?;
        crate::encoding::validate_query(&request.query)?;
        request.check_headers()?;
        let mut url =
            String::with_capacity(self.base_url.len() + request.path.len() + request.query.len() + 1);
        url.push_str(&self.base_url);
        url.push_str(&request.path);
        if !request.query.is_empty() {
            url.push('?');
            url.push_str(&request.query);
        }
        Ok(url)
    }

    /// Sends `prepared` and reads the whole response. Any status is a response, not an error.
    /// One exchange, ending by `deadline`, the API call's.
    fn send(&self, prepared: PreparedRequest, deadline: Instant) -> Result<HttpResponse, TransportFailure> {
        let method = prepared.method;
        // What the debug record needs, taken only when it is wanted.
        let logged = log::log_enabled!(log::Level::Debug)
            .then(|| (log_path(&prepared.url).to_owned(), Instant::now()));
        let result = self.exchange(prepared, deadline);
        if let Some((path, started)) = logged {
            let elapsed = started.elapsed().as_millis();
            match &result {
                Ok(resp) => log::debug!("{method} {path} -> {} in {elapsed} ms", resp.status),
                Err(e) => log::debug!("{method} {path} -> {} after {elapsed} ms", e.error.kind()),
            }
        }
        result
    }

    fn exchange(
        &self,
        prepared: PreparedRequest,
        deadline: Instant,
    ) -> Result<HttpResponse, TransportFailure> {
        if deadline <= Instant::now() {
            let error = Error::new(ErrorKind::Timeout, "the call's deadline passed before this exchange");
            return Err(TransportFailure::from(error));
        }
        if !prepared.url.starts_with(&self.base_url) {
            return Err(TransportFailure::from(Error::invalid(
                "request",
                "is not under the client's base URL",
            )));
        }
        let agent = self.agent();
        let no_body = prepared.body.is_empty() && matches!(prepared.method, Method::Get | Method::Delete);
        let (head, body) = request_head(prepared)?;
        let exchange = exchange::Exchange::start(deadline, self.max_response_bytes);
        let response = match no_body {
            true => agent.run(http::Request::from_parts(head, ())),
            false => agent.run(http::Request::from_parts(head, body)),
        };
        let mut response = response.map_err(TransportFailure::from)?;
        check_framing(response.headers())?;
        let status = response.status().as_u16();
        let mut headers = Vec::new();
        for name in &KEPT_HEADERS {
            if let Some(value) = response.headers().get(name).and_then(|v| v.to_str().ok()) {
                headers.push((name.as_str().to_owned(), value.to_owned()));
            }
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(self.max_response_bytes)
            .read_to_vec()
            .map_err(TransportFailure::from)?;
        if !exchange.framing_fits(body.len()) {
            let error = Error::new(
                ErrorKind::MalformedResponse,
                "the response's head, framing and trailers exceed the limit",
            );
            return Err(TransportFailure::from(error));
        }
        Ok(HttpResponse { status, headers, body })
    }
}

/// Refuses an answer framed in a way meetctl does not read: a length and a transfer coding
/// together (RFC 9112 §6.1: a sign of request smuggling or response splitting, to be handled as
/// an error), or a transfer coding other than `chunked` alone (read as framed by the
/// connection's end, it would wait for a close that a kept-alive connection never makes). The
/// connection is dropped with its unread body, never reused.
fn check_framing(headers: &http::HeaderMap) -> Result<(), TransportFailure> {
    let mut codings = headers.get_all(http::header::TRANSFER_ENCODING).iter();
    let refused = match (codings.next(), codings.next()) {
        (None, _) => false,
        (Some(coding), None) => {
            !coding.as_bytes().trim_ascii().eq_ignore_ascii_case(b"chunked")
                || headers.contains_key(http::header::CONTENT_LENGTH)
        }
        (Some(_), Some(_)) => true,
    };
    match refused {
        false => Ok(()),
        true => Err(TransportFailure::from(Error::new(
            ErrorKind::MalformedResponse,
            "the response's framing is not one meetctl reads (a transfer coding other than chunked, or \
             with a length)",
        ))),
    }
}

/// An agent on meetctl's resolver and TCP layer, with ureq's `CONNECT` tunnel and rustls around
/// it (ureq's SOCKS connector, which opens sockets of its own, is not in the chain).
fn new_agent(config: ureq::config::Config) -> ureq::Agent {
    use ureq::unversioned::transport::{ConnectProxyConnector, Connector, RustlsConnector};
    let connector =
        ().chain(ConnectProxyConnector::default())
            .chain(tcp::TcpConnector)
            .chain(RustlsConnector::default())
            .chain(exchange::ExchangeConnector);
    ureq::Agent::with_parts(config, connector, resolver::CachingResolver::default())
}

/// The method, URL and headers of `prepared` as ureq takes them, and its body. A header value
/// that is a constant is not copied, and the names meetctl sends are constants.
fn request_head(prepared: PreparedRequest) -> Result<(http::request::Parts, Vec<u8>), TransportFailure> {
    let unsendable = || {
        TransportFailure::from(Error::invalid(
            "request",
            "has a header that cannot be sent (a control character or line break)",
        ))
    };
    let (mut head, ()) = http::Request::new(()).into_parts();
    head.method = match prepared.method {
        Method::Get => http::Method::GET,
        Method::Post => http::Method::POST,
        Method::Put => http::Method::PUT,
        Method::Delete => http::Method::DELETE,
        Method::Patch => http::Method::PATCH,
    };
    head.uri = http::Uri::try_from(prepared.url.as_str())
        .map_err(|_| TransportFailure::from(Error::invalid("request", "has a URL that cannot be sent")))?;
    head.headers.reserve(prepared.headers.len());
    for (name, value) in prepared.headers {
        let name = header_name(&name).ok_or_else(unsendable)?;
        let value = header_value(value).ok_or_else(unsendable)?;
        head.headers.append(name, value);
    }
    Ok((head, prepared.body))
}

/// A header value as ureq takes it; `None` when it cannot be sent (a control character).
fn header_value(text: HeaderText) -> Option<http::HeaderValue> {
    match text.as_static() {
        Some(constant) => {
            http::HeaderValue::from_maybe_shared(bytes::Bytes::from_static(constant.as_bytes()))
        }
        None => http::HeaderValue::from_str(text.as_str()),
    }
    .ok()
}

/// The name of a header meetctl sends as a constant, any other parsed (`None` when it is not an
/// HTTP token). Names go out in lower case.
fn header_name(name: &HeaderText) -> Option<http::HeaderName> {
    use http::HeaderName as H;
    const X_TC_KEY: H = H::from_static("x-tc-key");
    const X_TC_TIMESTAMP: H = H::from_static("x-tc-timestamp");
    const X_TC_NONCE: H = H::from_static("x-tc-nonce");
    const X_TC_SIGNATURE: H = H::from_static("x-tc-signature");
    const X_TC_REGISTERED: H = H::from_static("x-tc-registered");
    const APP_ID: H = H::from_static("appid");
    const SDK_ID: H = H::from_static("sdkid");
    const ACCESS_TOKEN: H = H::from_static("accesstoken");
    const OPEN_ID: H = H::from_static("openid");
    const X_ACCESS_TOKEN: H = H::from_static("x-access-token");
    const X_CONFERENCE_AUTHORIZATION: H = H::from_static("x-conference-authorization");
    Some(match name.as_str() {
        "Content-Type" => http::header::CONTENT_TYPE,
        "Authorization" => http::header::AUTHORIZATION,
        "X-TC-Key" => X_TC_KEY,
        "X-TC-Timestamp" => X_TC_TIMESTAMP,
        "X-TC-Nonce" => X_TC_NONCE,
        "X-TC-Signature" => X_TC_SIGNATURE,
        "X-TC-Registered" => X_TC_REGISTERED,
        "AppId" => APP_ID,
        "SdkId" => SDK_ID,
        "AccessToken" => ACCESS_TOKEN,
        "OpenId" => OPEN_ID,
        "X-Access-Token" => X_ACCESS_TOKEN,
        "X-Conference-Authorization" => X_CONFERENCE_AUTHORIZATION,
        other => H::from_bytes(other.as_bytes()).ok()?,
    })
}

/// The path of a URL, without scheme, host or query: what the log shows.
fn log_path(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    path.split('?').next().unwrap_or(path)
}

/// The base URL without a trailing `/`, and where it points.
fn normalise_base_url(url: &str) -> Result<(String, Origin), Error> {
    let trimmed = url.trim_end_matches('/');
    if trimmed.contains(['?', '#', ' ']) || trimmed.chars().any(char::is_control) {
        return Err(Error::invalid("base_url", "must be a plain URL with a host and no query or fragment"));
    }
    let origin = Origin::parse(trimmed).map_err(|why| Error::invalid("base_url", why))?;
    if trimmed.parse::<http::Uri>().is_err() {
        return Err(Error::invalid("base_url", "is not a valid URL"));
    }
    Ok((trimmed.to_owned(), origin))
}

/// The proxy variable and URL for `origin` from the environment, as curl chooses it:
/// `HTTPS_PROXY` for https (never `HTTP_PROXY`), lowercase `http_proxy` for http (the uppercase
/// one can be set by a CGI request's `Proxy:` header, "httpoxy"), then `ALL_PROXY`; none when
/// `NO_PROXY` names the host (`*`, the host itself, or a domain it is in).
fn env_proxy(origin: &Origin, env: impl Fn(&str) -> Option<String>) -> Option<(&'static str, String)> {
    let host = origin.host.to_ascii_lowercase();
    let no_proxy = env("NO_PROXY").or_else(|| env("no_proxy")).unwrap_or_default();
    let bypass = no_proxy.split(',').map(str::trim).filter(|e| !e.is_empty()).any(|entry| {
        let entry =
            entry.trim_start_matches('.').trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
        entry == "*" || host == entry || host.ends_with(&format!(".{entry}"))
    });
    if bypass {
        return None;
    }
    let names: &[&'static str] = if origin.tls {
        &["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
    } else {
        &["http_proxy", "ALL_PROXY", "all_proxy"]
    };
    names.iter().find_map(|name| env(name).filter(|v| !v.trim().is_empty()).map(|v| (*name, v)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn base_url_is_validated_and_trimmed() {
        assert_eq!(normalise_base_url("http://127.0.0.1:8080/").unwrap().0, "http://127.0.0.1:8080");
        for bad in ["ftp://x", "127.0.0.1", "http://", "http://x/?a=1", "https://x#f"] {
            assert_eq!(normalise_base_url(bad).unwrap_err().field(), Some("base_url"), "{bad}");
        }
    }

    #[test]
    fn log_path_drops_host_and_query() {
        assert_eq!(log_path("https://h:1/v1/a?x=1"), "/v1/a");
        assert_eq!(log_path("http://h"), "/");
    }

    #[test]
    fn zero_timeout_is_refused() {
        let config = ClientConfig::new().timeout(Duration::ZERO);
        assert_eq!(Transport::new(&config, "https://x").unwrap_err().field(), Some("timeout"));
    }

    #[test]
    fn absurd_settings_are_refused_naming_the_field() {
        let huge = Duration::from_secs(u64::MAX);
        for (config, field) in [
            (ClientConfig::new().timeout(huge), "timeout"),
            (ClientConfig::new().connect_timeout(Duration::from_secs(3601)), "connect_timeout"),
            (ClientConfig::new().read_timeout(huge), "read_timeout"),
            (ClientConfig::new().max_response_bytes(u64::MAX), "max_response_bytes"),
            (ClientConfig::new().max_response_bytes(0), "max_response_bytes"),
        ] {
            assert_eq!(Transport::new(&config, "https://x").unwrap_err().field(), Some(field));
        }
        assert!(Transport::new(&ClientConfig::new().timeout(MAX_TIMEOUT), "https://x").is_ok());
    }

    #[test]
    fn proxy_from_the_environment_follows_the_scheme_and_no_proxy() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
        };
        let origin = |url: &str| Origin::parse(url).unwrap();
        let proxy_of = |url: &str, vars| env_proxy(&origin(url), env(vars)).map(|(_, value)| value);
        // httpoxy: HTTP_PROXY never applies to https, nor (uppercase) to http.
        assert_eq!(proxy_of("https://api.meeting.qq.com", &[("HTTP_PROXY", "http://evil:1")]), None);
        assert_eq!(proxy_of("http://127.0.0.1:8", &[("HTTP_PROXY", "http://evil:1")]), None);
        assert_eq!(
            proxy_of("http://127.0.0.1:8", &[("http_proxy", "http://p:1")]).as_deref(),
            Some("http://p:1")
        );
        let both: &'static [(&str, &str)] = &[("HTTPS_PROXY", "http://s:1"), ("ALL_PROXY", "http://a:1")];
        assert_eq!(
            env_proxy(&origin("https://api.meeting.qq.com"), env(both)),
            Some(("HTTPS_PROXY", "http://s:1".to_owned()))
        );
        assert_eq!(
            env_proxy(&origin("https://x.y"), env(&[("all_proxy", "socks5://a:1")])),
            Some(("all_proxy", "socks5://a:1".to_owned()))
        );
        for no_proxy in ["*", "api.meeting.qq.com", ".qq.com", "example.com, qq.com"] {
            let vars: &'static [(&'static str, &'static str)] =
                Box::leak(vec![("HTTPS_PROXY", "http://s:1"), ("NO_PROXY", no_proxy)].into_boxed_slice());
            assert_eq!(proxy_of("https://api.meeting.qq.com", vars), None, "{no_proxy}");
        }
        let other: &'static [(&str, &str)] =
            &[("HTTPS_PROXY", "http://s:1"), ("NO_PROXY", "notqq.com,meeting.qq.co")];
        assert_eq!(proxy_of("https://api.meeting.qq.com", other).as_deref(), Some("http://s:1"));
        assert_eq!(proxy_of("http://[::1]:8", &[("http_proxy", "http://p:1"), ("no_proxy", "[::1]")]), None);
    }

    #[test]
    fn proxies_meetctl_cannot_use_are_refused_naming_the_variable() {
        let config = ClientConfig::new().proxy(ProxySetting::Url("socks5://127.0.0.1:1080".into()));
        assert_eq!(Transport::new(&config, "https://x").unwrap_err().field(), Some("proxy"));
        let config = ClientConfig::new().proxy(ProxySetting::Url("http://127.0.0.1:3128".into()));
        assert!(Transport::new(&config, "https://x").is_ok());
    }

    #[test]
    fn plain_http_only_to_loopback_unless_allowed() {
        for ok in ["http://127.0.0.1:8080", "http://127.3.2.1", "http://localhost:1", "http://[::1]:9"] {
            assert!(Transport::new(&ClientConfig::new().base_url(ok), "https://x").is_ok(), "{ok}");
        }
        for bad in ["http://api.meeting.qq.com", "http://10.0.0.1:80", "http://localhost.evil.example"] {
            let e = Transport::new(&ClientConfig::new().base_url(bad), "https://x").unwrap_err();
            assert_eq!(e.field(), Some("base_url"), "{bad}");
        }
        let insecure = ClientConfig::new().base_url("http://10.0.0.1").allow_insecure_http(true);
        assert!(Transport::new(&insecure, "https://x").is_ok());
    }
}
