//! The blocking HTTP transport: one pooled `ureq` agent per client, every call bounded in time.
//!
//! The agent runs on ureq's HTTP/1.1 and TLS code with a resolver ([`resolver`]) and a TCP layer
//! ([`tcp`]) of meetctl's own, which spare a call on a pooled connection the thread, the extra
//! writes and the socket option calls that ureq's defaults make.

mod resolver;
mod tcp;

use std::fmt;
use std::io;
use std::time::Instant;

use ureq::http;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};

use crate::clock::RandomSource;
use crate::config::{ClientConfig, ProxySetting};
use crate::error::{Error, ErrorKind};
use crate::http::{HttpRequest, HttpResponse, Method, PreparedRequest};
use crate::retry::{self, RetryPolicy};

/// The `User-Agent` every request carries.
pub const USER_AGENT: &str = concat!("meetctl/", env!("CARGO_PKG_VERSION"));

/// The longest timeout accepted (an hour): beyond that a value is a mistake, and far beyond it
/// computing a deadline would overflow.
pub const MAX_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3600);

/// The largest response body cap accepted (64 MiB).
pub const MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// Idle connections kept for reuse (one client talks to one host).
const IDLE_CONNECTIONS_PER_HOST: usize = 32;

/// Response headers meetctl reads; the rest are not kept.
const KEPT_HEADERS: &[&str] = &["x-request-id", "x-tc-trace", "retry-after", "content-type"];

/// A pooled, configured HTTP agent bound to one base URL.
pub(crate) struct Transport {
    /// The process the pooled agent belongs to, and the agent: a forked child (multiprocessing,
    /// a pre-forking server) never shares its parent's connections, it builds its own pool.
    agent: std::sync::RwLock<(u32, ureq::Agent)>,
    agent_config: ureq::config::Config,
    base_url: String,
    max_response_bytes: u64,
    timeout: std::time::Duration,
    retry: RetryPolicy,
    random: std::sync::Arc<dyn RandomSource>,
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
    /// Builds the agent once from `config`; `default_base_url` is used when the config has none.
    pub(crate) fn new(config: &ClientConfig, default_base_url: &str) -> Result<Self, Error> {
        let base_url = normalise_base_url(config.base_url.as_deref().unwrap_or(default_base_url))?;
        if base_url.starts_with("http://") && !config.allow_insecure_http && !is_loopback_url(&base_url) {
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
        let proxy = match &config.proxy {
            ProxySetting::FromEnvironment => env_proxy(&base_url, |name| std::env::var(name).ok())
                .and_then(|url| ureq::Proxy::new(&url).ok()),
            ProxySetting::Disabled => None,
            ProxySetting::Url(url) => {
                Some(ureq::Proxy::new(url).map_err(|_| Error::invalid("proxy", "is not a valid proxy URL"))?)
            }
        };
        let mut tls = TlsConfig::builder();
        if let Some(pem) = &config.extra_ca_pem {
            tls = tls.root_certs(roots_with_extra(pem)?);
        }
        config.retry.validate()?;
        let agent_config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(USER_AGENT)
            .proxy(proxy)
            .tls_config(tls.build())
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.connect_timeout))
            .timeout_recv_response(Some(config.read_timeout))
            .timeout_recv_body(Some(config.read_timeout))
            // One client serves many threads: keep enough idle connections for them to reuse
            // (ureq keeps 3 per host by default, so an eighth concurrent caller reconnected).
            .max_idle_connections_per_host(IDLE_CONNECTIONS_PER_HOST)
            .max_idle_connections(IDLE_CONNECTIONS_PER_HOST)
            .build();
        let agent = new_agent(agent_config.clone());
        Ok(Transport {
            agent: std::sync::RwLock::new((std::process::id(), agent)),
            agent_config,
            base_url,
            max_response_bytes: config.max_response_bytes,
            timeout: config.timeout,
            retry: config.retry,
            random: config.random.clone(),
        })
    }

    /// This process's agent: after a fork, a new one with an empty pool.
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
    /// afresh), all by `deadline`. `idempotent` requests are also repeated after a connection
    /// lost mid-exchange. A failure carries the attempts made.
    pub(crate) fn send_retrying(
        &self,
        mut prepare: impl FnMut() -> Result<PreparedRequest, Error>,
        deadline: Instant,
        idempotent: bool,
    ) -> Result<Sent, Error> {
        let mut attempt = 1;
        loop {
            let prepared = prepare()?;
            let (retry_after, outcome) = match self.send(prepared, deadline) {
                Ok(response) if retry::retryable_status(response.status) => {
                    (response.retry_after(), Ok(response))
                }
                Ok(response) => return Ok(Sent { response, attempts: attempt }),
                Err(failure)
                    if failure.retry_safe
                        || (idempotent && failure.error.kind() == ErrorKind::Connection) =>
                {
                    (None, Err(failure.error))
                }
                Err(failure) => return Err(failure.error.with_attempts(attempt)),
            };
            match self.retry.delay(attempt, retry_after, deadline, self.random.as_ref()) {
                Some(wait) => {
                    log::debug!("attempt {attempt} failed; retrying in {} ms", wait.as_millis());
                    std::thread::sleep(wait);
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

    /// The absolute URL of `request`. The path must be absolute and URL-safe, and the query
    /// percent-encoded: whatever made the request (a typed call, a generic one, a caller's own
    /// `TencentCall`), it cannot reach another host or smuggle a fragment or a header.
    pub(crate) fn url_for(&self, request: &HttpRequest) -> Result<String, Error> {
        crate::encoding::validate_api_path(&request.path)?;
        crate::encoding::validate_query(&request.query)?;
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
    fn send(&self, prepared: PreparedRequest, deadline: Instant) -> Result<HttpResponse, Failure> {
        let started = Instant::now();
        let method = prepared.method;
        let path = log::log_enabled!(log::Level::Debug).then(|| log_path(&prepared.url).to_owned());
        let result = self.exchange(prepared, deadline);
        if let Some(path) = path {
            let elapsed = started.elapsed().as_millis();
            match &result {
                Ok(resp) => log::debug!("{method} {path} -> {} in {elapsed} ms", resp.status),
                Err(e) => log::debug!("{method} {path} -> {} after {elapsed} ms", e.error.kind()),
            }
        }
        result
    }

    fn exchange(&self, prepared: PreparedRequest, deadline: Instant) -> Result<HttpResponse, Failure> {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            let error = Error::new(ErrorKind::Timeout, "the call's deadline passed before this exchange");
            return Err(Failure { error, retry_safe: false });
        }
        let agent = self.agent();
        let no_body = prepared.body.is_empty() && matches!(prepared.method, Method::Get | Method::Delete);
        let (head, body) = request_head(prepared)?;
        let response = if no_body {
            let request = http::Request::from_parts(head, ());
            agent.run(agent.configure_request(request).timeout_global(Some(left)).build())
        } else {
            let request = http::Request::from_parts(head, body);
            agent.run(agent.configure_request(request).timeout_global(Some(left)).build())
        };
        let mut response = response.map_err(Failure::from)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .filter(|(name, _)| KEPT_HEADERS.contains(&name.as_str()))
            .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned())))
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(self.max_response_bytes)
            .read_to_vec()
            .map_err(Failure::from)?;
        Ok(HttpResponse { status, headers, body })
    }
}

/// An agent on meetctl's resolver and TCP layer, with ureq's HTTP `CONNECT` proxy and rustls TLS
/// around it (SOCKS proxies are not built in, as before).
fn new_agent(config: ureq::config::Config) -> ureq::Agent {
    use ureq::unversioned::transport::{ConnectProxyConnector, Connector, RustlsConnector};
    let connector =
        ().chain(ConnectProxyConnector::default()).chain(tcp::TcpConnector).chain(RustlsConnector::default());
    ureq::Agent::with_parts(config, connector, resolver::CachingResolver::default())
}

/// The path of a URL, without scheme, host or query: what the log shows.
fn log_path(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    path.split('?').next().unwrap_or(path)
}

fn normalise_base_url(url: &str) -> Result<String, Error> {
    let trimmed = url.trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or_else(|| Error::invalid("base_url", "must start with http:// or https://"))?;
    if rest.is_empty() || rest.contains(['?', '#', ' ']) || rest.chars().any(char::is_control) {
        return Err(Error::invalid("base_url", "must be a plain URL with a host and no query or fragment"));
    }
    if trimmed.parse::<http::Uri>().is_err() {
        return Err(Error::invalid("base_url", "is not a valid URL"));
    }
    Ok(trimmed.to_owned())
}

/// The proxy URL for `base_url` from the environment, as curl chooses it: `HTTPS_PROXY` for
/// https (never `HTTP_PROXY`), lowercase `http_proxy` for http (the uppercase one can be set by
/// a CGI request's `Proxy:` header, "httpoxy"), then `ALL_PROXY`; none when `NO_PROXY` names the
/// host (`*`, the host itself, or a domain it is in).
fn env_proxy(base_url: &str, env: impl Fn(&str) -> Option<String>) -> Option<String> {
    let host = base_url
        .parse::<http::Uri>()
        .ok()?
        .host()?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    let no_proxy = env("NO_PROXY").or_else(|| env("no_proxy")).unwrap_or_default();
    let bypass = no_proxy.split(',').map(str::trim).filter(|e| !e.is_empty()).any(|entry| {
        let entry = entry.trim_start_matches('.').to_ascii_lowercase();
        entry == "*" || host == entry || host.ends_with(&format!(".{entry}"))
    });
    if bypass {
        return None;
    }
    let names: &[&str] = if base_url.starts_with("https://") {
        &["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
    } else {
        &["http_proxy", "ALL_PROXY", "all_proxy"]
    };
    names.iter().find_map(|name| env(name).filter(|v| !v.trim().is_empty()))
}

/// Whether a normalised `http://` URL names a loopback host (`localhost`, 127.0.0.0/8, `[::1]`).
fn is_loopback_url(url: &str) -> bool {
    let Ok(uri) = url.parse::<http::Uri>() else { return false };
    let Some(host) = uri.host() else { return false };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The bundled Mozilla roots plus the certificates in `pem`.
fn roots_with_extra(pem: &[u8]) -> Result<RootCerts, Error> {
    let mut certs: Vec<Certificate<'static>> = webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .map(|der| Certificate::from_der(der.as_ref()).to_owned())
        .collect();
    let bundled = certs.len();
    for item in ureq::tls::parse_pem(pem) {
        match item {
            Ok(PemItem::Certificate(cert)) => certs.push(cert),
            Ok(_) => {}
            Err(_) => return Err(Error::invalid("extra_ca_pem", "is not valid PEM")),
        }
    }
    if certs.len() == bundled {
        return Err(Error::invalid("extra_ca_pem", "holds no CERTIFICATE block"));
    }
    Ok(RootCerts::new_with_certs(&certs))
}

/// A failed exchange, and whether it certainly never reached the server (so it may be retried).
pub(crate) struct Failure {
    error: Error,
    retry_safe: bool,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure { error, retry_safe: false }
    }
}

impl From<ureq::Error> for Failure {
    fn from(e: ureq::Error) -> Failure {
        // No connection was made: nothing was sent.
        let retry_safe = match &e {
            ureq::Error::ConnectionFailed
            | ureq::Error::HostNotFound
            | ureq::Error::ConnectProxyFailed(_) => true,
            ureq::Error::Io(io) => io.kind() == io::ErrorKind::ConnectionRefused,
            _ => false,
        };
        Failure { error: map_ureq_error(e), retry_safe }
    }
}

/// The method, URL and headers of `prepared` as the HTTP layer takes them, and its body. Header
/// values are moved, not copied, and the names meetctl sends are constants: a request costs no
/// allocation per header.
fn request_head(prepared: PreparedRequest) -> Result<(http::request::Parts, Vec<u8>), Failure> {
    let (mut head, ()) = http::Request::new(()).into_parts();
    head.method = match prepared.method {
        Method::Get => http::Method::GET,
        Method::Post => http::Method::POST,
        Method::Put => http::Method::PUT,
        Method::Delete => http::Method::DELETE,
        Method::Patch => http::Method::PATCH,
    };
    head.uri = http::Uri::try_from(prepared.url.as_str()).map_err(|e| request_build_error(e.into()))?;
    head.headers.reserve(prepared.headers.len());
    for (name, value) in prepared.headers {
        let value = http::HeaderValue::from_str(&value).map_err(|e| request_build_error(e.into()))?;
        head.headers.append(header_name(&name).map_err(|e| request_build_error(e.into()))?, value);
    }
    Ok((head, prepared.body))
}

/// The name of a header meetctl sends as a constant, any other parsed.
fn header_name(name: &str) -> Result<http::HeaderName, http::header::InvalidHeaderName> {
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
    Ok(match name {
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
        _ => H::from_bytes(name.as_bytes())?,
    })
}

/// A request the HTTP layer cannot build: validation should have refused its input first, so this
/// is reported as the input error it is (never as a connection failure).
fn request_build_error(e: http::Error) -> Error {
    Error::invalid("request", "could not be made into an HTTP request").with_source(e)
}

/// Maps a transport failure onto the crate's kinds.
fn map_ureq_error(e: ureq::Error) -> Error {
    use ureq::Error as U;
    let (kind, message): (ErrorKind, &'static str) = match &e {
        U::Timeout(_) => (ErrorKind::Timeout, "the request timed out"),
        U::Io(io) if io.kind() == io::ErrorKind::TimedOut => (ErrorKind::Timeout, "the request timed out"),
        // ureq passes a failed handshake (e.g. an untrusted certificate) up as an io::Error.
        U::Io(io) if io.get_ref().is_some_and(|inner| inner.is::<rustls::Error>()) => {
            (ErrorKind::Tls, "TLS failed")
        }
        U::Io(_) => (ErrorKind::Connection, "the connection failed or was lost"),
        U::HostNotFound => (ErrorKind::Connection, "the host name did not resolve"),
        U::ConnectionFailed => (ErrorKind::Connection, "could not connect"),
        U::ConnectProxyFailed(_) | U::InvalidProxyUrl => {
            (ErrorKind::Connection, "the proxy refused or failed")
        }
        U::Tls(_) | U::Pem(_) | U::Rustls(_) | U::TlsRequired => (ErrorKind::Tls, "TLS failed"),
        U::BodyExceedsLimit(_) => (ErrorKind::MalformedResponse, "the response body exceeds the size limit"),
        U::LargeResponseHeader(_, _) => (ErrorKind::MalformedResponse, "the response headers are too large"),
        U::Protocol(_) | U::BodyStalled => (ErrorKind::MalformedResponse, "the response is not valid HTTP"),
        _ => (ErrorKind::Connection, "the HTTP exchange failed"),
    };
    Error::new(kind, message).with_source(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn base_url_is_validated_and_trimmed() {
        assert_eq!(normalise_base_url("http://127.0.0.1:8080/").unwrap(), "http://127.0.0.1:8080");
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
    fn extra_ca_must_be_pem_with_a_certificate() {
        assert_eq!(roots_with_extra(b"nonsense").unwrap_err().field(), Some("extra_ca_pem"));
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
        // httpoxy: HTTP_PROXY never applies to https, nor (uppercase) to http.
        assert_eq!(env_proxy("https://api.meeting.qq.com", env(&[("HTTP_PROXY", "http://evil:1")])), None);
        assert_eq!(env_proxy("http://127.0.0.1:8", env(&[("HTTP_PROXY", "http://evil:1")])), None);
        assert_eq!(
            env_proxy("http://127.0.0.1:8", env(&[("http_proxy", "http://p:1")])).as_deref(),
            Some("http://p:1")
        );
        let both = env(&[("HTTPS_PROXY", "http://s:1"), ("ALL_PROXY", "http://a:1")]);
        assert_eq!(env_proxy("https://api.meeting.qq.com", both).as_deref(), Some("http://s:1"));
        assert_eq!(
            env_proxy("https://x.y", env(&[("all_proxy", "socks5://a:1")])).as_deref(),
            Some("socks5://a:1")
        );
        for no_proxy in ["*", "api.meeting.qq.com", ".qq.com", "example.com, qq.com"] {
            let vars: &'static [(&'static str, &'static str)] =
                Box::leak(vec![("HTTPS_PROXY", "http://s:1"), ("NO_PROXY", no_proxy)].into_boxed_slice());
            assert_eq!(env_proxy("https://api.meeting.qq.com", env(vars)), None, "{no_proxy}");
        }
        let other = env(&[("HTTPS_PROXY", "http://s:1"), ("NO_PROXY", "notqq.com,meeting.qq.co")]);
        assert_eq!(env_proxy("https://api.meeting.qq.com", other).as_deref(), Some("http://s:1"));
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
