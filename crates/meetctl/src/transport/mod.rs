//! The blocking HTTP transport: pooled connections per client, every call bounded in time.
//!
//! meetctl speaks HTTP/1.1 itself ([`http1`]) over TCP ([`tcp`], [`connection`]), with rustls
//! for `https://` ([`tls`]) and HTTP proxies by tunnel ([`proxy`]). A call on a pooled
//! connection is one write and, for a small answer, one read: no thread, no lookup, no socket
//! option set, no allocation for the request's bytes.

mod connection;
mod failure;
mod http1;
mod origin;
mod pool;
mod proxy;
mod resolver;
mod tcp;
mod tls;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;

use self::connection::Connection;
use self::failure::Failure;
use self::origin::{Origin, Proxy};
use crate::clock::RandomSource;
use crate::config::{ClientConfig, ProxySetting};
use crate::error::{Error, ErrorKind};
use crate::http::{HttpRequest, HttpResponse, PreparedRequest};
use crate::retry::{self, RetryPolicy};

/// The `User-Agent` every request carries.
pub const USER_AGENT: &str = concat!("meetctl/", env!("CARGO_PKG_VERSION"));

/// The longest timeout accepted (an hour): beyond that a value is a mistake, and far beyond it
/// computing a deadline would overflow.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(3600);

/// The largest response body cap accepted (64 MiB).
pub const MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// Where a client's requests go and how: the origin, proxy and TLS settings, the connection
/// pool and the limits, all fixed when the client is made.
pub(crate) struct Transport {
    base_url: String,
    origin: Origin,
    proxy: Option<Proxy>,
    /// For `https://`: the settings and the name the certificate must carry.
    tls: Option<(Arc<rustls::ClientConfig>, ServerName<'static>)>,
    resolver: resolver::CachingResolver,
    pool: pool::Pool,
    connect_timeout: Duration,
    read_timeout: Duration,
    timeout: Duration,
    max_response_bytes: u64,
    retry: RetryPolicy,
    random: Arc<dyn RandomSource>,
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
    /// Checks `config` and fixes where requests go; `default_base_url` is used when the config
    /// has none.
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
        let proxy = match &config.proxy {
            ProxySetting::FromEnvironment => match env_proxy(&origin, |name| std::env::var(name).ok()) {
                None => None,
                Some((name, url)) => Some(Proxy::parse(&url).map_err(|why| {
                    Error::invalid(
                        "proxy",
                        format!(
                            "{name} (from the environment) {why}; name this host in NO_PROXY, or turn \
                             the proxy setting off"
                        ),
                    )
                })?),
            },
            ProxySetting::Disabled => None,
            ProxySetting::Url(url) => Some(Proxy::parse(url).map_err(|why| Error::invalid("proxy", why))?),
        };
        let tls = match origin.tls {
            true => {
                Some((tls::client_config(config.extra_ca_pem.as_deref())?, tls::server_name(&origin.host)?))
            }
            false => {
                if let Some(pem) = &config.extra_ca_pem {
                    // Checked all the same, so a bad PEM is found before the switch to https.
                    tls::client_config(Some(pem))?;
                }
                None
            }
        };
        config.retry.validate()?;
        Ok(Transport {
            base_url,
            origin,
            proxy,
            tls,
            resolver: resolver::CachingResolver::default(),
            pool: pool::Pool::default(),
            connect_timeout: config.connect_timeout,
            read_timeout: config.read_timeout,
            timeout: config.timeout,
            max_response_bytes: config.max_response_bytes,
            retry: config.retry,
            random: config.random.clone(),
        })
    }

    /// Sends what `prepare` makes, again while the retry policy allows (each attempt prepared
    /// afresh), all by `deadline`. Any request is repeated when it certainly never left (no
    /// connection could be made) or the vendor said it was rate-limited (`api_error`, the
    /// vendor's reading of an error answer, says [`ErrorKind::RateLimited`]); one that is
    /// [`safe_to_repeat`](PreparedRequest::safe_to_repeat) also after 408, 502, 503 and 504 and a
    /// connection lost mid-exchange. A failure carries the attempts made.
    pub(crate) fn send_retrying(
        &self,
        mut prepare: impl FnMut() -> Result<PreparedRequest, Error>,
        deadline: Instant,
        api_error: fn(&HttpResponse) -> Error,
    ) -> Result<Sent, Error> {
        let mut attempt = 1;
        loop {
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
    fn send(&self, prepared: PreparedRequest, deadline: Instant) -> Result<HttpResponse, Failure> {
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

    fn exchange(&self, prepared: PreparedRequest, deadline: Instant) -> Result<HttpResponse, Failure> {
        let now = Instant::now();
        if deadline <= now {
            let error = Error::new(ErrorKind::Timeout, "the call's deadline passed before this exchange");
            return Err(Failure::from(error));
        }
        let target = match prepared.url.starts_with(&self.base_url) {
            true => &prepared.url[self.origin.prefix_len..],
            false => "",
        };
        if !target.starts_with('/') {
            return Err(Failure::from(Error::invalid("request", "is not under the client's base URL")));
        }
        http1::check_headers(&prepared.headers)?;
        let mut conn = match self.pool.take(now) {
            Some(conn) => conn,
            None => self.connect(deadline)?,
        };
        let line = http1::RequestLine { method: prepared.method, target, host: &self.origin.host_header };
        http1::write_request(&mut conn.output, &line, &prepared.headers, &prepared.body);
        conn.send(deadline)?;
        let limits = http1::ReadLimits {
            head_by: now.checked_add(self.read_timeout).unwrap_or(deadline),
            body_time: self.read_timeout,
            deadline,
            max_body: self.max_response_bytes,
        };
        let (response, reusable) = http1::read_response(&mut conn, &limits)?;
        if reusable {
            self.pool.put(conn);
        }
        Ok(response)
    }

    /// A new connection to the origin (through the proxy's tunnel, TLS on top), made by the
    /// connect timeout or `deadline`, whichever comes first.
    fn connect(&self, deadline: Instant) -> Result<Connection, Failure> {
        let by = Instant::now().checked_add(self.connect_timeout).map_or(deadline, |t| t.min(deadline));
        let (host, port) = match &self.proxy {
            Some(proxy) => (proxy.host.as_str(), proxy.port),
            None => (self.origin.host.as_str(), self.origin.port),
        };
        let addrs = self.resolver.resolve(host, port, by)?;
        let mut conn = Connection::new(tcp::connect_any(&addrs, by)?);
        if let Some(proxy) = &self.proxy {
            proxy::open_tunnel(&mut conn, proxy, &self.origin.host_and_port(), by)?;
        }
        if let Some((config, name)) = &self.tls {
            conn.start_tls(Arc::clone(config), name.clone(), by)?;
        }
        Ok(conn)
    }
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
