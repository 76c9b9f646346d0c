//! Client configuration, built once and shared by every call of a client.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::clock::{Clock, RandomSource, SystemClock, SystemRandom};

/// The longest timeout accepted (an hour): beyond that a value is a mistake, and far beyond it
/// computing a deadline would overflow.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(3600);

/// How the client finds an HTTP(S) proxy.
#[derive(Clone, Default, PartialEq, Eq)]
pub enum ProxySetting {
    /// From the environment as curl reads it: `HTTPS_PROXY` for https, lowercase `http_proxy`
    /// for http, then `ALL_PROXY`, unless `NO_PROXY` names the host. Default. A proxy found
    /// there that is not an `http://` proxy makes creating the client fail, naming the variable.
    #[default]
    FromEnvironment,
    /// No proxy, whatever the environment says.
    Disabled,
    /// This HTTP proxy (`http://[user:pass@]host[:port]`); requests tunnel through it with
    /// `CONNECT`. SOCKS and `https://` proxies are refused when the client is made.
    Url(String),
}

impl fmt::Debug for ProxySetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxySetting::FromEnvironment => f.write_str("FromEnvironment"),
            ProxySetting::Disabled => f.write_str("Disabled"),
            // A proxy URL may carry a password.
            ProxySetting::Url(_) => f.write_str("Url(<redacted>)"),
        }
    }
}

/// Transport settings shared by the Tencent and Huawei clients.
///
/// Every call is bounded: by default 10 s to connect, 30 s to receive a response, 60 s overall.
#[derive(Clone)]
pub struct ClientConfig {
    pub(crate) base_url: Option<String>,
    pub(crate) connect_timeout: Duration,
    pub(crate) read_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) proxy: ProxySetting,
    pub(crate) extra_ca_pem: Option<Vec<u8>>,
    pub(crate) max_response_bytes: u64,
    pub(crate) allow_insecure_http: bool,
    pub(crate) retry: crate::retry::RetryPolicy,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) random: Arc<dyn RandomSource>,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: None,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            timeout: Duration::from_secs(60),
            proxy: ProxySetting::FromEnvironment,
            extra_ca_pem: None,
            max_response_bytes: 1024 * 1024,
            allow_insecure_http: false,
            retry: crate::retry::RetryPolicy::default(),
            clock: Arc::new(SystemClock),
            random: Arc::new(SystemRandom::new()),
        }
    }
}

impl ClientConfig {
    /// The defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends requests here instead of the vendor's public endpoint (private deployments, the
    /// emulator). `http://` and `https://` are accepted; a trailing `/` is ignored.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The whole call, from connecting to the last body byte, across every exchange it makes
    /// (tokens, retries). More than zero and at most an hour.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Connecting, including DNS, proxy and TLS handshake.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Waiting for the response headers, and then for the body.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// How to find a proxy.
    pub fn proxy(mut self, proxy: ProxySetting) -> Self {
        self.proxy = proxy;
        self
    }

    /// Also trusts the CA certificate(s) in this PEM text, besides the bundled Mozilla roots.
    pub fn extra_ca_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.extra_ca_pem = Some(pem.into());
        self
    }

    /// Allows a plain `http://` base URL to a host that is not loopback. Off by default: over
    /// plain HTTP, passwords, tokens and signatures cross the network in clear text.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// How failed exchanges are retried (default: [`RetryPolicy::new`](crate::RetryPolicy::new),
    /// 3 attempts; [`RetryPolicy::none`](crate::RetryPolicy::none) turns retrying off).
    pub fn retry(mut self, policy: crate::retry::RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Refuses response bodies larger than this (default 1 MiB, at most 64 MiB).
    pub fn max_response_bytes(mut self, bytes: u64) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Reads the time from this clock (signatures, token expiry). For tests.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Draws nonces from this source. For tests.
    pub fn random(mut self, random: Arc<dyn RandomSource>) -> Self {
        self.random = random;
        self
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url)
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("timeout", &self.timeout)
            .field("proxy", &self.proxy)
            .field("extra_ca_pem", &self.extra_ca_pem.as_ref().map(|_| "<pem>"))
            .field("max_response_bytes", &self.max_response_bytes)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}
