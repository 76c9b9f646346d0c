//! A handle on one Huawei conference: owns its meeting control token and makes control calls.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::Value;

use super::call::{GenericConferenceCall, HuaweiCall};
use super::client::HuaweiClient;
use super::control::ConferenceControl;
use super::control_token::{parse_control_token, token_request};
use super::credentials::ConferenceAuth;
use super::endpoints::HuaweiOperation;
use super::info::HuaweiConferenceInfo;
use super::response::answer;
use super::token_cache::TokenCache;
use crate::args::Args;
use crate::cancel;
use crate::clock::hex_nonce;
use crate::encoding::{owned_pairs, require_id, require_secret};
use crate::error::Error;
use crate::http::{HttpRequest, Method, PreparedRequest};
use crate::secret::Secret;
use crate::transport::Sent;

/// A conference handle. Cheap to clone, `Send + Sync`: concurrent calls share one control token,
/// and when it needs refreshing they wait for one refresh rather than each making their own.
#[derive(Clone)]
pub struct Conference {
    inner: Arc<Inner>,
}

struct Inner {
    client: HuaweiClient,
    conference_id: String,
    auth: ConferenceAuth,
    control_tokens: TokenCache,
    /// The `wsURL` of the last control-token answer (where the conference-control WebSocket is).
    ws_url: Mutex<Option<String>>,
}

/// Conference handles are made by the client they call through.
impl HuaweiClient {
    /// A handle on one conference, authorised by a control token or a conference password.
    /// Nothing is sent until the first call.
    pub fn conference(&self, conference_id: &str, auth: ConferenceAuth) -> Result<Conference, Error> {
        require_id("conference_id", conference_id)?;
        match &auth {
            ConferenceAuth::Token(token) => require_secret("control_token", token)?,
            ConferenceAuth::Password(password) => require_secret("password", password)?,
        }
        Ok(Conference::new(self.clone(), conference_id.to_owned(), auth))
    }
}

impl Conference {
    fn new(client: HuaweiClient, conference_id: String, auth: ConferenceAuth) -> Self {
        Conference {
            inner: Arc::new(Inner {
                client,
                conference_id,
                auth,
                control_tokens: TokenCache::default(),
                ws_url: Mutex::new(None),
            }),
        }
    }

    /// The conference id.
    pub fn id(&self) -> &str {
        &self.inner.conference_id
    }

    /// The client this handle calls through.
    pub fn client(&self) -> &HuaweiClient {
        &self.inner.client
    }

    /// The conference now: host, co-hosts and everyone online.
    pub fn info(&self) -> Result<HuaweiConferenceInfo, Error> {
        let (answer, attempts) = self.call_counted(&ConferenceControl::new(HuaweiOperation::Info))?;
        HuaweiConferenceInfo::from_json(answer).map_err(|e| e.with_attempts(attempts))
    }

    /// Sends a control whose answer carries nothing (the named methods in `named.rs`).
    pub(super) fn act(
        &self,
        operation: HuaweiOperation,
        participant_ids: &[&str],
        args: Args,
    ) -> Result<(), Error> {
        let control =
            ConferenceControl::new(operation).participants(participant_ids.iter().copied()).args(args);
        self.call(&control).map(drop)
    }

    /// Any other meeting-control call on this conference; `conferenceID` is added to `query`.
    pub fn request(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&Value>,
    ) -> Result<Value, Error> {
        self.call(&GenericConferenceCall {
            method,
            path: path.to_owned(),
            query: owned_pairs(query),
            body: body.cloned(),
        })
    }

    /// Validates and sends `call` with the control token, every exchange (access token, control
    /// token, the call, a refresh and its retry) within the client's one whole-call timeout. With
    /// a password-based handle, a 401 answer refreshes the token once and repeats the call once.
    /// A call that goes without the token (`inviteWithPwd`) is sent as it is.
    pub fn call(&self, call: &impl HuaweiCall) -> Result<Value, Error> {
        self.call_counted(call).map(|(value, _)| value)
    }

    /// As [`call`](Self::call), with the attempts the answer took (for errors raised reading it).
    fn call_counted(&self, call: &impl HuaweiCall) -> Result<(Value, u32), Error> {
        let request = call.to_request(&self.inner.conference_id)?;
        let deadline = self.inner.client.deadline();
        if !call.needs_control_token() {
            let sent = self.inner.client.send(request, deadline)?;
            let attempts = sent.attempts;
            return Ok((answer(sent)?, attempts));
        }
        let token = cancel::preliminary(|| self.control_token_replacing(None, deadline))?;
        let mut sent = self.send_with(request.clone(), &token, deadline)?;
        if sent.response.status == 401 && matches!(self.inner.auth, ConferenceAuth::Password(_)) {
            log::debug!("control token refused; refreshing it once and retrying");
            // The first attempt was refused: nothing was done yet.
            let token = cancel::preliminary(|| self.control_token_replacing(Some(&token), deadline))?;
            sent = self.send_with(request, &token, deadline)?;
        }
        let attempts = sent.attempts;
        Ok((answer(sent)?, attempts))
    }

    /// Validates `call` and returns it with the control token, not sent, for callers with their
    /// own HTTP stack. May fetch the token (not for a call that goes without, `inviteWithPwd`).
    pub fn prepare(&self, call: &impl HuaweiCall) -> Result<PreparedRequest, Error> {
        let mut request = call.to_request(&self.inner.conference_id)?;
        if call.needs_control_token() {
            let token =
                cancel::preliminary(|| self.control_token_replacing(None, self.inner.client.deadline()))?;
            request.push_header("X-Conference-Authorization", token.expose().to_owned());
        }
        self.inner.client.prepare(request)
    }

    /// The current control token, fetched or refreshed when needed.
    pub fn control_token(&self) -> Result<Secret, Error> {
        self.control_token_replacing(None, self.inner.client.deadline())
    }

    /// The `wsURL` the last control-token answer gave (the conference-control WebSocket's host).
    pub(crate) fn ws_url(&self) -> Option<String> {
        self.inner.ws_url.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The conference password this handle was opened with, if it was.
    pub(crate) fn password(&self) -> Option<&Secret> {
        match &self.inner.auth {
            ConferenceAuth::Password(password) => Some(password),
            ConferenceAuth::Token(_) => None,
        }
    }

    fn control_token_replacing(&self, rejected: Option<&Secret>, deadline: Instant) -> Result<Secret, Error> {
        let inner = &*self.inner;
        let password = match &inner.auth {
            ConferenceAuth::Token(token) => return Ok(token.clone()),
            ConferenceAuth::Password(password) => password,
        };
        let clock = &inner.client.inner.clock;
        inner.control_tokens.get(clock.as_ref(), deadline, rejected, || {
            let sent = self.fetch_control_token(password, deadline)?;
            let attempts = sent.attempts;
            let answer = answer(sent)?;
            let ws_url = answer.get("data").unwrap_or(&answer).get("wsURL").and_then(Value::as_str);
            if let Some(ws_url) = ws_url.filter(|u| !u.is_empty()) {
                *inner.ws_url.lock().unwrap_or_else(|e| e.into_inner()) = Some(ws_url.to_owned());
            }
            parse_control_token(&answer, clock.now_millis()).map_err(|e| e.with_attempts(attempts))
        })
    }

    /// Asks for a control token, with the access token when the client has one; a 401 while an
    /// access token was sent renews the access token once and asks again.
    fn fetch_control_token(&self, password: &Secret, deadline: Instant) -> Result<Sent, Error> {
        let client = &self.inner.client;
        let ask = |access: Option<&Secret>| -> Result<Sent, Error> {
            let nonce = hex_nonce(client.inner.random.as_ref())?;
            client.send(token_request(&self.inner.conference_id, password, access, &nonce), deadline)
        };
        let access = client.access_token_replacing(None, deadline)?;
        let response = ask(access.as_ref())?;
        match access {
            Some(used) if response.response.status == 401 => {
                let renewed = client.access_token_replacing(Some(&used), deadline)?;
                ask(renewed.as_ref())
            }
            _ => Ok(response),
        }
    }

    fn send_with(&self, mut request: HttpRequest, token: &Secret, deadline: Instant) -> Result<Sent, Error> {
        request.push_header("X-Conference-Authorization", token.expose().to_owned());
        self.inner.client.send(request, deadline)
    }
}

impl fmt::Debug for Conference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth = match self.inner.auth {
            ConferenceAuth::Token(_) => "token",
            ConferenceAuth::Password(_) => "password",
        };
        f.debug_struct("Conference")
            .field("conference_id", &self.inner.conference_id)
            .field("auth", &auth)
            .finish_non_exhaustive()
    }
}
