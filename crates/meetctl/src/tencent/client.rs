//! The Tencent Meeting client: signs, sends and reads answers.

use std::fmt;
use std::sync::Arc;

use ring::hmac;
use serde_json::Value;

use super::call::{GenericCall, TencentCall};
use super::cohost::SetCohost;
use super::credentials::TencentCredentials;
use super::ids::TencentUser;
use super::response::into_result;
use super::signing::{signature_with_key, string_to_sign_pieces};
use super::video::CloseVideo;
use crate::clock::{Clock, RandomSource, positive_nonce};
use crate::config::ClientConfig;
use crate::encoding::owned_pairs;
use crate::error::Error;
use crate::http::{HttpRequest, Method, PreparedRequest};
use crate::transport::Transport;

/// Tencent Meeting's public API endpoint.
pub const DEFAULT_BASE_URL: &str = "https://api.meeting.qq.com";

/// A Tencent Meeting client. Cheap to clone; `Send + Sync`, one client serves many threads and
/// pools its connections.
#[derive(Clone)]
pub struct TencentClient {
    inner: Arc<Inner>,
}

struct Inner {
    credentials: TencentCredentials,
    signing_key: hmac::Key,
    transport: Transport,
    clock: Arc<dyn Clock>,
    random: Arc<dyn RandomSource>,
}

impl TencentClient {
    /// A client for `credentials`; checks them and `config` before anything is sent.
    pub fn new(credentials: TencentCredentials, config: ClientConfig) -> Result<Self, Error> {
        credentials.validate()?;
        let transport = Transport::new(&config, DEFAULT_BASE_URL)?;
        // OAuth clients never sign; their key is over the empty string and unused.
        let signing_key = match &credentials {
            TencentCredentials::Enterprise(c) => {
                hmac::Key::new(hmac::HMAC_SHA256, c.secret_key.expose().as_bytes())
            }
            TencentCredentials::OAuth(_) => hmac::Key::new(hmac::HMAC_SHA256, b""),
        };
        Ok(TencentClient {
            inner: Arc::new(Inner {
                credentials,
                signing_key,
                transport,
                clock: config.clock,
                random: config.random,
            }),
        })
    }

    /// Makes `user` a co-host. Enterprise credentials only; ids by ms_open_id or uuid.
    pub fn set_cohost(
        &self,
        meeting_id: &str,
        operator: &TencentUser,
        user: &TencentUser,
    ) -> Result<(), Error> {
        self.call(&SetCohost::new(meeting_id, operator.clone(), user.clone(), true)).map(drop)
    }

    /// Takes the co-host role away from `user`. Enterprise credentials only.
    pub fn revoke_cohost(
        &self,
        meeting_id: &str,
        operator: &TencentUser,
        user: &TencentUser,
    ) -> Result<(), Error> {
        self.call(&SetCohost::new(meeting_id, operator.clone(), user.clone(), false)).map(drop)
    }

    /// Turns off `user`'s video.
    pub fn close_video(
        &self,
        meeting_id: &str,
        operator: &TencentUser,
        user: &TencentUser,
    ) -> Result<(), Error> {
        self.call(&CloseVideo::new(meeting_id, operator.clone(), user.clone())).map(drop)
    }

    /// Calls any other Tencent endpoint, signed; returns the JSON answer (`Null` when empty).
    pub fn request(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&Value>,
    ) -> Result<Value, Error> {
        self.call(&GenericCall {
            method,
            path: path.to_owned(),
            query: owned_pairs(query),
            body: body.cloned(),
        })
    }

    /// Validates, signs and sends `call`; returns the JSON answer (`Null` when empty).
    pub fn call(&self, call: &impl TencentCall) -> Result<Value, Error> {
        let prepared = self.prepare(call)?;
        let response = self.inner.transport.send(&prepared)?;
        into_result(response)
    }

    /// Validates and signs `call` without sending it, for callers with their own HTTP stack.
    /// Each prepared request carries a fresh nonce and may be sent once.
    pub fn prepare(&self, call: &impl TencentCall) -> Result<PreparedRequest, Error> {
        let request = call.to_request(&self.inner.credentials)?;
        Ok(self.sign(request))
    }

    /// Adds the common headers and the signature to an already validated request.
    pub fn sign(&self, request: HttpRequest) -> PreparedRequest {
        let inner = &*self.inner;
        let url = inner.transport.url_for(&request);
        let mut timestamp_buf = itoa::Buffer::new();
        let mut nonce_buf = itoa::Buffer::new();
        let timestamp = timestamp_buf.format(inner.clock.now_secs());
        let nonce = nonce_buf.format(positive_nonce(inner.random.as_ref()));
        let mut headers = request.headers;
        headers.reserve(9);
        headers.push(("Content-Type".into(), "application/json".into()));
        headers.push(("X-TC-Timestamp".into(), timestamp.to_owned().into()));
        headers.push(("X-TC-Nonce".into(), nonce.to_owned().into()));
        match &inner.credentials {
            TencentCredentials::Enterprise(c) => {
                let request_uri = if request.query.is_empty() {
                    request.path
                } else {
                    format!("{}?{}", request.path, request.query)
                };
                let pieces = string_to_sign_pieces(
                    request.method,
                    &c.secret_id,
                    nonce,
                    timestamp,
                    &request_uri,
                    &request.body,
                );
                headers.push(("X-TC-Key".into(), c.secret_id.clone().into()));
                headers
                    .push(("X-TC-Signature".into(), signature_with_key(&inner.signing_key, &pieces).into()));
                headers.push(("AppId".into(), c.app_id.clone().into()));
                if let Some(sdk_id) = &c.sdk_id {
                    headers.push(("SdkId".into(), sdk_id.clone().into()));
                }
                headers.push(("X-TC-Registered".into(), "1".into()));
            }
            TencentCredentials::OAuth(c) => {
                headers.push(("AccessToken".into(), c.access_token.expose().to_owned().into()));
                headers.push(("OpenId".into(), c.open_id.clone().into()));
            }
        }
        PreparedRequest { method: request.method, url, headers, body: request.body }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.inner.transport.base_url()
    }
}

impl fmt::Debug for TencentClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TencentClient")
            .field("credentials", &self.inner.credentials)
            .field("base_url", &self.inner.transport.base_url())
            .finish_non_exhaustive()
    }
}
