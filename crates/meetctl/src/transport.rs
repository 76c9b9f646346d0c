//! The blocking HTTP transport: one pooled `ureq` agent per client, every call bounded in time.

use std::fmt;
use std::io;
use std::time::Instant;

use ureq::http;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};

use crate::config::{ClientConfig, ProxySetting};
use crate::error::{Error, ErrorKind};
use crate::http::{HttpRequest, HttpResponse, Method, PreparedRequest};

/// The `User-Agent` every request carries.
pub const USER_AGENT: &str = concat!("meetctl/", env!("CARGO_PKG_VERSION"));

/// Response headers meetctl reads; the rest are not kept.
const KEPT_HEADERS: &[&str] = &["x-request-id", "x-tc-trace", "retry-after", "content-type"];

/// A pooled, configured HTTP agent bound to one base URL. Cheap to clone.
#[derive(Clone)]
pub(crate) struct Transport {
    agent: ureq::Agent,
    base_url: String,
    max_response_bytes: u64,
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
        for (field, value) in [
            ("timeout", config.timeout),
            ("connect_timeout", config.connect_timeout),
            ("read_timeout", config.read_timeout),
        ] {
            if value.is_zero() {
                return Err(Error::invalid(field, "must be more than zero"));
            }
        }
        let proxy = match &config.proxy {
            ProxySetting::FromEnvironment => ureq::Proxy::try_from_env(),
            ProxySetting::Disabled => None,
            ProxySetting::Url(url) => {
                Some(ureq::Proxy::new(url).map_err(|_| Error::invalid("proxy", "is not a valid proxy URL"))?)
            }
        };
        let mut tls = TlsConfig::builder();
        if let Some(pem) = &config.extra_ca_pem {
            tls = tls.root_certs(roots_with_extra(pem)?);
        }
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(USER_AGENT)
            .proxy(proxy)
            .tls_config(tls.build())
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.connect_timeout))
            .timeout_recv_response(Some(config.read_timeout))
            .timeout_recv_body(Some(config.read_timeout))
            .build()
            .new_agent();
        Ok(Transport { agent, base_url, max_response_bytes: config.max_response_bytes })
    }

    /// The base URL requests go to (no trailing `/`).
    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The absolute URL of `request`.
    pub(crate) fn url_for(&self, request: &HttpRequest) -> String {
        let mut url =
            String::with_capacity(self.base_url.len() + request.path.len() + request.query.len() + 1);
        url.push_str(&self.base_url);
        url.push_str(&request.path);
        if !request.query.is_empty() {
            url.push('?');
            url.push_str(&request.query);
        }
        url
    }

    /// Sends `prepared` and reads the whole response. Any status is a response, not an error.
    pub(crate) fn send(&self, prepared: &PreparedRequest) -> Result<HttpResponse, Error> {
        let started = Instant::now();
        let result = self.exchange(prepared);
        let elapsed = started.elapsed();
        let path = log_path(&prepared.url);
        match &result {
            Ok(resp) => {
                log::debug!("{} {} -> {} in {} ms", prepared.method, path, resp.status, elapsed.as_millis())
            }
            Err(e) => {
                log::debug!("{} {} -> {} after {} ms", prepared.method, path, e.kind(), elapsed.as_millis())
            }
        }
        result
    }

    fn exchange(&self, prepared: &PreparedRequest) -> Result<HttpResponse, Error> {
        let mut builder = http::Request::builder().method(prepared.method.as_str()).uri(&prepared.url);
        for (name, value) in &prepared.headers {
            builder = builder.header(name.as_ref(), value.as_ref());
        }
        let response = if prepared.body.is_empty() && matches!(prepared.method, Method::Get | Method::Delete)
        {
            let request = builder.body(()).map_err(request_build_error)?;
            self.agent.run(request)
        } else {
            let request = builder.body(prepared.body.as_slice()).map_err(request_build_error)?;
            self.agent.run(request)
        };
        let mut response = response.map_err(map_ureq_error)?;
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
            .map_err(map_ureq_error)?;
        Ok(HttpResponse { status, headers, body })
    }
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

fn request_build_error(e: http::Error) -> Error {
    Error::new(ErrorKind::Connection, "could not build the HTTP request").with_source(e)
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
}
