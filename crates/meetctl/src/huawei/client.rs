//! The Huawei Cloud Meeting client: transport, region and the account-level access token.

use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use super::access_token::{access_token_request, parse_access_token};
use super::credentials::AccountAuth;
use super::region::Region;
use super::response::answer;
use super::token_cache::TokenCache;
use crate::clock::{Clock, RandomSource, hex_nonce};
use crate::config::ClientConfig;
use crate::error::Error;
use crate::http::{HttpRequest, PreparedRequest};
use crate::secret::Secret;
use crate::transport::{Sent, Transport};

/// A Huawei Cloud Meeting client. Cheap to clone; `Send + Sync`; its access token (if any) is
/// cached and refreshed for every thread and every conference handle it makes.
#[derive(Clone)]
pub struct HuaweiClient {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    region: Region,
    pub(crate) auth: AccountAuth,
    access_tokens: TokenCache,
    transport: Transport,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) random: Arc<dyn RandomSource>,
}

impl HuaweiClient {
    /// A client for `region` (its endpoint unless `config` has a base URL) authenticating with
    /// `auth`; checks everything before anything is sent.
    pub fn new(region: Region, auth: AccountAuth, config: ClientConfig) -> Result<Self, Error> {
        auth.validate()?;
        let transport = Transport::new(&config, region.base_url())?;
        Ok(HuaweiClient {
            inner: Arc::new(Inner {
                region,
                auth,
                access_tokens: TokenCache::default(),
                transport,
                clock: config.clock,
                random: config.random,
            }),
        })
    }

    /// The account-level access token (`X-Access-Token`), fetched or refreshed when needed;
    /// `None` for a client without account authentication.
    pub fn access_token(&self) -> Result<Option<Secret>, Error> {
        self.access_token_replacing(None, self.deadline())
    }

    /// As [`access_token`](Self::access_token), but a `rejected` token is not handed out again,
    /// and waiting or fetching ends by `deadline`.
    pub(crate) fn access_token_replacing(
        &self,
        rejected: Option<&Secret>,
        deadline: Instant,
    ) -> Result<Option<Secret>, Error> {
        let inner = &*self.inner;
        if inner.auth == AccountAuth::None {
            return Ok(None);
        }
        let token = inner.access_tokens.get(inner.clock.as_ref(), deadline, rejected, || {
            let nonce = hex_nonce(inner.random.as_ref())?;
            let Some(request) = access_token_request(&inner.auth, inner.clock.now_secs(), &nonce)? else {
                return Err(Error::invalid("auth", "no account authentication is configured"));
            };
            let sent = self.send(request, deadline)?;
            let attempts = sent.attempts;
            parse_access_token(&answer(sent)?, inner.clock.now_millis())
                .map_err(|e| e.with_attempts(attempts))
        })?;
        Ok(Some(token))
    }

    /// The deadline of an API call starting now.
    pub(crate) fn deadline(&self) -> Instant {
        self.inner.transport.deadline()
    }

    /// The request with its absolute URL and a JSON content type when it has a body.
    pub(crate) fn prepare(&self, request: HttpRequest) -> Result<PreparedRequest, Error> {
        let url = self.inner.transport.url_for(&request)?;
        let mut headers = request.headers;
        if !request.body.is_empty() {
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        Ok(PreparedRequest {
            method: request.method,
            url,
            headers,
            body: request.body,
            safe_to_repeat: request.safe_to_repeat,
        })
    }

    /// Sends a request as is, by `deadline`, retrying as the policy allows; returns the last
    /// answer as received.
    pub(crate) fn send(&self, request: HttpRequest, deadline: Instant) -> Result<Sent, Error> {
        self.inner.transport.send_retrying(
            || self.prepare(request.clone()),
            deadline,
            super::response::api_error,
        )
    }

    /// The transport (the live stream opens its WebSocket through it).
    pub(crate) fn transport(&self) -> &Transport {
        &self.inner.transport
    }

    /// Where requests go (for `meetctl doctor`).
    pub(crate) fn route(&self) -> &crate::transport::Route {
        self.inner.transport.route()
    }

    /// The region this client was made for.
    pub fn region(&self) -> Region {
        self.inner.region
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.inner.transport.base_url()
    }
}

impl fmt::Debug for HuaweiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HuaweiClient")
            .field("region", &self.inner.region)
            .field("auth", &self.inner.auth)
            .field("base_url", &self.inner.transport.base_url())
            .finish_non_exhaustive()
    }
}
