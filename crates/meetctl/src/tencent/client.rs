//! The Tencent Meeting client: signs, sends and reads answers.

use std::fmt;
use std::sync::Arc;

use serde_json::Value;

use super::call::{GenericCall, TencentCall};
use super::control::{BorrowedControl, TencentControl};
use super::credentials::TencentCredentials;
use super::endpoints::TencentOperation;
use super::ids::TencentUser;
use super::participants::{TencentParticipant, parse_ms_open_id, parse_page};
use super::response::answer;
use super::signing::{key_part, signature_text, signature_with_key, string_to_sign_pieces};
use crate::args::Args;
use crate::clock::{Clock, RandomSource, positive_nonce};
use crate::config::ClientConfig;
use crate::encoding::owned_pairs;
use crate::error::{Error, ErrorKind};
use crate::http::{HeaderText, HttpRequest, Method, PreparedRequest};
use crate::secret::Secret;
use crate::transport::Transport;

/// How far this client's clock is ahead of the server's (its `Date` header), when it says.
fn clock_skew(response: &crate::http::HttpResponse, now_secs: i64) -> Option<i64> {
    response.header("date").and_then(crate::civil::parse_http_date).map(|server| now_secs - server)
}

/// Most pages of participants one listing fetches (50 each): a bound, should a server never end.
const MAX_PAGES: i64 = 1000;

const CONTENT_TYPE: HeaderText = HeaderText::from_static("Content-Type");
const APPLICATION_JSON: HeaderText = HeaderText::from_static("application/json");
const X_TC_TIMESTAMP: HeaderText = HeaderText::from_static("X-TC-Timestamp");
const X_TC_NONCE: HeaderText = HeaderText::from_static("X-TC-Nonce");
const X_TC_KEY: HeaderText = HeaderText::from_static("X-TC-Key");
const X_TC_SIGNATURE: HeaderText = HeaderText::from_static("X-TC-Signature");
const APP_ID: HeaderText = HeaderText::from_static("AppId");
const SDK_ID: HeaderText = HeaderText::from_static("SdkId");
const X_TC_REGISTERED: HeaderText = HeaderText::from_static("X-TC-Registered");
const ACCESS_TOKEN: HeaderText = HeaderText::from_static("AccessToken");
const OPEN_ID: HeaderText = HeaderText::from_static("OpenId");

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
    auth: Auth,
    transport: Transport,
    pub(super) clock: Arc<dyn Clock>,
    random: Arc<dyn RandomSource>,
}

/// What each request takes from the credentials, made once: the signing key prepared, and the
/// ids as header values made to be cloned into each request (a short one is copied, a long one
/// shared: a reference-count increment).
enum Auth {
    /// AK/SK: `X-TC-Key`, `AppId` and `SdkId`, and the key that signs.
    Enterprise {
        key: crate::hmac_sha256::Key,
        key_part: Box<[u8]>,
        secret_id: HeaderText,
        app_id: HeaderText,
        sdk_id: Option<HeaderText>,
    },
    /// OAuth 2.0: `OpenId`, and the access token, copied into each request (a `Secret`, wiped
    /// when the client is dropped, like the credentials' own).
    OAuth { open_id: HeaderText, access_token: Secret },
}

impl Auth {
    fn new(credentials: &TencentCredentials) -> Auth {
        match credentials {
            TencentCredentials::Enterprise(c) => Auth::Enterprise {
                key: crate::hmac_sha256::key(c.secret_key.expose().as_bytes()),
                key_part: key_part(&c.secret_id),
                secret_id: HeaderText::shared(&c.secret_id),
                app_id: HeaderText::shared(&c.app_id),
                sdk_id: c.sdk_id.as_deref().map(HeaderText::shared),
            },
            TencentCredentials::OAuth(c) => {
                Auth::OAuth { open_id: HeaderText::shared(&c.open_id), access_token: c.access_token.clone() }
            }
        }
    }
}

impl TencentClient {
    /// A client for `credentials`; checks them and `config` before anything is sent.
    pub fn new(credentials: TencentCredentials, config: ClientConfig) -> Result<Self, Error> {
        credentials.validate()?;
        let transport = Transport::new(&config, DEFAULT_BASE_URL)?;
        let auth = Auth::new(&credentials);
        Ok(TencentClient {
            inner: Arc::new(Inner {
                credentials,
                auth,
                transport,
                clock: config.clock,
                random: config.random,
            }),
        })
    }

    /// Everyone in the meeting now, every page fetched. The operator (creator, host or co-host)
    /// is named by userid or, with OAuth, the client's own open_id; its device is not sent.
    pub fn participants(
        &self,
        meeting_id: &str,
        operator: &TencentUser,
    ) -> Result<Vec<TencentParticipant>, Error> {
        self.participants_of(meeting_id, None, operator)
    }

    /// As [`participants`](Self::participants), for one `occurrence` of a recurring meeting
    /// (its sub_meeting_id, which the vendor requires for one).
    pub fn participants_of(
        &self,
        meeting_id: &str,
        occurrence: Option<&str>,
        operator: &TencentUser,
    ) -> Result<Vec<TencentParticipant>, Error> {
        let mut all = Vec::new();
        let deadline = self.inner.transport.deadline();
        for page in 1..=MAX_PAGES {
            let control = TencentControl::new(TencentOperation::Participants, meeting_id, operator.clone())
                .args(Args::new().with("page", page).with_opt("occurrence", occurrence));
            let (answer, attempts) = self.call_counted(&control, deadline)?;
            let page = parse_page(answer, page).map_err(|e| e.with_attempts(attempts))?;
            all.extend(page.participants);
            if !page.more {
                break;
            }
        }
        Ok(all)
    }

    /// The ms_open_id of `user` (by userid or open_id) in this meeting; works before it starts.
    pub fn ms_open_id(&self, meeting_id: &str, user: &TencentUser) -> Result<String, Error> {
        let control = TencentControl::new(TencentOperation::MsOpenId, meeting_id, user.clone());
        let (answer, attempts) = self.call_counted(&control, self.inner.transport.deadline())?;
        parse_ms_open_id(&answer).map_err(|e| e.with_attempts(attempts))
    }

    /// Sends a control whose answer carries nothing (the named methods in `named.rs`).
    pub(super) fn act(
        &self,
        operation: TencentOperation,
        meeting_id: &str,
        operator: &TencentUser,
        targets: &[&TencentUser],
        args: Args,
    ) -> Result<(), Error> {
        self.call(&BorrowedControl { operation, meeting_id, operator, targets, args: &args }).map(drop)
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
        self.call_until(call, self.inner.transport.deadline())
    }

    fn call_until(&self, call: &impl TencentCall, deadline: std::time::Instant) -> Result<Value, Error> {
        self.call_counted(call, deadline).map(|(value, _)| value)
    }

    /// As [`call`](Self::call), with the attempts the answer took (for errors raised reading it).
    pub(super) fn call_with_attempts(&self, call: &impl TencentCall) -> Result<(Value, u32), Error> {
        self.call_counted(call, self.inner.transport.deadline())
    }

    /// As [`call`](Self::call) by `deadline`, with the attempts the answer took (for errors
    /// raised reading it).
    pub(super) fn call_counted(
        &self,
        call: &impl TencentCall,
        deadline: std::time::Instant,
    ) -> Result<(Value, u32), Error> {
        // Every attempt is signed afresh: a nonce is good for one send.
        let mut first = Some(self.prepare(call)?);
        let prepare = || match first.take() {
            Some(prepared) => Ok(prepared),
            None => self.prepare(call),
        };
        let sent = self.inner.transport.send_retrying(prepare, deadline, super::response::api_error)?;
        let attempts = sent.attempts;
        let skew = clock_skew(&sent.response, self.inner.clock.now_secs());
        let value = answer(sent).map_err(|e| match skew {
            Some(secs) if e.kind() == ErrorKind::Auth && secs.abs() > crate::doctor::TENCENT_SIGNATURE_WINDOW_SECS => e.with_note(&format!(
                "this machine's clock is {} s {} the server's; Tencent refuses signatures made more than 5 minutes off: \
                 set the clock right, `meetctl doctor` checks it",
                secs.abs(),
                if secs > 0 { "ahead of" } else { "behind" }
            )),
            _ => e,
        })?;
        Ok((value, attempts))
    }

    /// Validates `call` as [`prepare`](Self::prepare) would, without signing or sending it.
    pub fn validate(&self, call: &impl TencentCall) -> Result<(), Error> {
        call.to_request(&self.inner.credentials).map(drop)
    }

    /// Validates and signs `call` without sending it, for callers with their own HTTP stack.
    /// Each prepared request carries a fresh nonce and may be sent once.
    pub fn prepare(&self, call: &impl TencentCall) -> Result<PreparedRequest, Error> {
        let request = call.to_request(&self.inner.credentials)?;
        self.sign(request)
    }

    /// Adds the common headers and the signature to an already validated request.
    pub fn sign(&self, request: HttpRequest) -> Result<PreparedRequest, Error> {
        let inner = &*self.inner;
        let url = inner.transport.url_for(&request)?;
        let mut timestamp_buf = itoa::Buffer::new();
        let mut nonce_buf = itoa::Buffer::new();
        let timestamp = timestamp_buf.format(inner.clock.now_secs());
        let nonce = nonce_buf.format(positive_nonce(inner.random.as_ref())?);
        // Decimal numbers: kept inline in the header text, no allocation.
        let (timestamp_text, nonce_text) = (HeaderText::new(timestamp), HeaderText::new(nonce));
        // Each list is made whole by `vec!`, which writes the pairs straight into the new buffer:
        // pushed one by one, each pair went through a stack copy read back in wider words than
        // it was written, which stalls (about 35 ns a request in all, measured).
        let signed = match &inner.auth {
            Auth::Enterprise { key, key_part, secret_id, app_id, sdk_id } => {
                let pieces = string_to_sign_pieces(
                    request.method,
                    key_part,
                    nonce,
                    timestamp,
                    &request.path,
                    &request.query,
                    &request.body,
                );
                // The path is signed and in the URL: its buffer takes the signature (the typed
                // calls leave room for it, so nothing is allocated).
                let signature = signature_text(&signature_with_key(key, &pieces), request.path);
                let mut headers = vec![
                    (CONTENT_TYPE, APPLICATION_JSON),
                    (X_TC_TIMESTAMP, timestamp_text),
                    (X_TC_NONCE, nonce_text),
                    (X_TC_KEY, secret_id.clone()),
                    (X_TC_SIGNATURE, signature.into()),
                    (APP_ID, app_id.clone()),
                    (X_TC_REGISTERED, HeaderText::from_static("1")),
                ];
                if let Some(sdk_id) = sdk_id {
                    // After AppId, as the vendor's SDK sends it.
                    headers.insert(6, (SDK_ID, sdk_id.clone()));
                }
                headers
            }
            Auth::OAuth { open_id, access_token } => vec![
                (CONTENT_TYPE, APPLICATION_JSON),
                (X_TC_TIMESTAMP, timestamp_text),
                (X_TC_NONCE, nonce_text),
                (ACCESS_TOKEN, access_token.expose().to_owned().into()),
                (OPEN_ID, open_id.clone()),
            ],
        };
        // Headers the request already had go first.
        let headers = if request.headers.is_empty() {
            signed
        } else {
            let mut headers = request.headers;
            headers.extend(signed);
            headers
        };
        Ok(PreparedRequest {
            method: request.method,
            url,
            headers,
            body: request.body,
            safe_to_repeat: request.safe_to_repeat,
        })
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.inner.transport.base_url()
    }

    /// The deadline of a call starting now.
    pub(super) fn deadline(&self) -> std::time::Instant {
        self.inner.transport.deadline()
    }

    /// Where requests go (for `meetctl doctor`).
    pub(crate) fn route(&self) -> &crate::transport::Route {
        self.inner.transport.route()
    }

    /// Signs and sends `call`, retrying as the policy allows; the last answer as received, an
    /// error status included (for `meetctl doctor`, which reads its `Date`).
    pub(crate) fn send_raw(&self, call: &impl TencentCall) -> Result<crate::http::HttpResponse, Error> {
        let deadline = self.inner.transport.deadline();
        let sent = self.inner.transport.send_retrying(
            || self.prepare(call),
            deadline,
            super::response::api_error,
        )?;
        Ok(sent.response)
    }

    /// The client's clock (Unix seconds), for rules that depend on the time now.
    pub(crate) fn now_secs(&self) -> i64 {
        self.inner.clock.now_secs()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{CountingRandom, ManualClock};
    use crate::config::ProxySetting;

    const SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";
    const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";

    /// A client whose first nonce is `nonce` and whose clock shows `unix_secs`.
    fn client(credentials: TencentCredentials, unix_secs: i64, nonce: u64) -> TencentClient {
        let config = ClientConfig::new()
            .base_url("http://127.0.0.1:9")
            .proxy(ProxySetting::Disabled)
            .clock(Arc::new(ManualClock::new(unix_secs * 1000)))
            // positive_nonce draws n and sends n + 1.
            .random(Arc::new(CountingRandom::new(nonce - 1)));
        TencentClient::new(credentials, config).unwrap()
    }

    fn headers(prepared: &PreparedRequest) -> Vec<(&str, &str)> {
        prepared.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect()
    }

    /// Every header in its place, a query in the signed request URI (OpenSSL's vector in
    /// signing.rs), and headers a request already had kept in front.
    #[test]
    fn signed_headers_in_order_with_a_query() {
        let credentials =
            TencentCredentials::enterprise("210000001", SECRET_ID, SECRET_KEY, Some("sdk-7".into()));
        let client = client(credentials, 1_700_000_123, 99);
        let mut request = HttpRequest::new(Method::Get, "/v1/meetings/1242152152161");
        request.query = "userid=alice&instanceid=1".into();
        request.push_header("X-Extra", "kept");
        let prepared = client.sign(request).unwrap();
        assert_eq!(prepared.url, "http://127.0.0.1:9/v1/meetings/1242152152161?userid=alice&instanceid=1");
        assert_eq!(
            headers(&prepared),
            [
                ("X-Extra", "kept"),
                ("Content-Type", "application/json"),
                ("X-TC-Timestamp", "1700000123"),
                ("X-TC-Nonce", "99"),
                ("X-TC-Key", SECRET_ID),
                (
                    "X-TC-Signature",
                    "ZjBlYjEwMTRkYzQ1MjRiZWJiZTQ4ZmRjMWM3NDkxMTc3NWQ2MjgyNTUwZDVjZGIyMWE0ZTA4MmI0MDAxMmM1NA=="
                ),
                ("AppId", "210000001"),
                ("SdkId", "sdk-7"),
                ("X-TC-Registered", "1"),
            ]
        );
    }

    #[test]
    fn oauth_headers_in_order() {
        let client = client(TencentCredentials::oauth("open-id-1", "token-1"), 1_700_000_000, 5);
        let prepared = client.sign(HttpRequest::new(Method::Put, "/v1/x")).unwrap();
        assert_eq!(
            headers(&prepared),
            [
                ("Content-Type", "application/json"),
                ("X-TC-Timestamp", "1700000000"),
                ("X-TC-Nonce", "5"),
                ("AccessToken", "token-1"),
                ("OpenId", "open-id-1"),
            ]
        );
    }
}
