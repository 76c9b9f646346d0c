//! Huawei enterprise webhooks, the cloud side: the configuration
//! (`/v1/mmc/management/webhook/link-config`, `.../change-status`, pages
//! zh-cn_topic_0000001149287612 and en-us_topic_0000001195047523), the `meeting.verify` check
//! made when a configuration is enabled, and the delivery of `meeting.started`, `meeting.join`,
//! `meeting.left` and `meeting.end` to the configured URL, signed, in order, each retried after
//! 1 s, 2 s and 4 s before it is given up.
//!
//! `eventInfo` is serialised once, deliberately with a space after every colon
//! (`{"event": "meeting.join", ...}`), and those exact bytes are spliced into the body and signed:
//! a verifier that re-serialises the parsed JSON gets other bytes and a wrong signature.

use std::collections::VecDeque;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, Uri};
use axum::response::Response;
use hmac::{Hmac, Mac};
use serde::Serialize;
use serde_json::{Map, Value, json};
use sha2::Sha256;
use tokio::sync::mpsc;

use super::error::{HuaweiError, codes, empty_ok};
use super::notify::Happening;
use super::online::require_access_token;
use crate::http_util::{json_object, json_response};
use crate::random::hex_lower;
use crate::state::Shared;
use crate::tencent::webhook::client::{self, Target};

/// The waits before the retries of a failed delivery.
pub(crate) const RETRY_DELAYS: [Duration; 3] =
    [Duration::from_secs(1), Duration::from_secs(2), Duration::from_secs(4)];

/// How many delivery records are kept (the most recent ones).
const DELIVERY_LOG_CAP: usize = 1000;

/// `status` of an enabled configuration.
const ENABLED: i64 = 0;
/// `status` of a disabled configuration.
const DISABLED: i64 = 1;

/// A webhook configuration.
#[derive(Debug, Clone)]
struct HookConfig {
    /// Its id (`id` in the GET answer and the change-status body).
    id: String,
    /// `subscriberId`: the envelope's `appID`.
    subscriber_id: String,
    /// `subscriberKey`: the HMAC key (never shown).
    key: String,
    /// The URL as given.
    url: String,
    /// Where it points.
    target: Target,
    /// `corpId` as given.
    corp_id: Option<String>,
    /// `spId` as given.
    sp_id: Option<String>,
    /// 0 enabled, 1 disabled.
    status: i64,
}

/// One queued event: its name and the exact bytes of its `eventInfo`.
#[derive(Debug)]
struct Job {
    /// The event's name.
    event: &'static str,
    /// The exact `eventInfo` text.
    event_info: Arc<str>,
}

/// One delivery attempt, for the state JSON.
#[derive(Debug, Clone, Serialize)]
struct Delivery {
    /// The event's name.
    event: &'static str,
    /// 1 for the first attempt.
    attempt: usize,
    /// The answer's status; `None` when none came.
    status: Option<u16>,
    /// Why it failed.
    error: Option<String>,
    /// `delivered`, `retry` or `failed`.
    outcome: &'static str,
    /// When (emulator ms).
    at_ms: i64,
}

/// The webhook's mutable part.
#[derive(Debug, Default)]
struct Inner {
    /// The configuration, when one is set.
    config: Option<HookConfig>,
    /// The queue of the enabled configuration (its delivery task holds the other end).
    queue: Option<mpsc::UnboundedSender<Job>>,
    /// Bumped whenever the configuration changes: a task of an older generation stops.
    generation: u64,
    /// The most recent delivery attempts.
    deliveries: VecDeque<Delivery>,
}

/// The enterprise webhook: configuration, queue, and the count of work not done yet.
#[derive(Debug, Default)]
pub(crate) struct WebhookHub {
    /// Configuration, queue, delivery log.
    inner: Mutex<Inner>,
    /// Events queued or being delivered.
    pending: AtomicUsize,
    /// Configuration ids issued so far.
    ids: AtomicU64,
}

impl WebhookHub {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether nothing is queued or being delivered.
    pub(crate) fn idle(&self) -> bool {
        self.pending.load(Ordering::SeqCst) == 0
    }

    /// The state JSON: `{"config": {...}|null, "pending", "deliveries": [...]}`.
    pub(crate) fn to_json(&self) -> Value {
        let inner = self.lock();
        let config = inner
            .config
            .as_ref()
            .map(|c| json!({"id": c.id, "subscriberId": c.subscriber_id, "url": c.url, "status": c.status}));
        json!({
            "config": config,
            "pending": self.pending.load(Ordering::SeqCst),
            "deliveries": inner.deliveries.iter().collect::<Vec<_>>(),
        })
    }

    fn generation_is(&self, generation: u64) -> bool {
        self.lock().generation == generation
    }

    fn record(&self, generation: u64, delivery: Delivery) {
        let mut inner = self.lock();
        if inner.generation != generation {
            return;
        }
        if inner.deliveries.len() >= DELIVERY_LOG_CAP {
            inner.deliveries.pop_front();
        }
        inner.deliveries.push_back(delivery);
    }
}

/// Serialises with `": "` between a key and its value (and nothing else added).
struct SpacedColon;

impl serde_json::ser::Formatter for SpacedColon {
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        writer.write_all(b": ")
    }
}

/// `value` as JSON text with a space after every colon.
fn spaced(value: &Value) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, SpacedColon);
    if value.serialize(&mut ser).is_err() {
        return value.to_string();
    }
    String::from_utf8(out).unwrap_or_else(|_| value.to_string())
}

/// `hex(HMAC-SHA256(key, app_id + timestamp + nonce + event_info))`.
pub(crate) fn signature(key: &str, app_id: &str, timestamp: &str, nonce: &str, event_info: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key.as_bytes()) else { return String::new() };
    for part in [app_id, timestamp, nonce, event_info] {
        mac.update(part.as_bytes());
    }
    hex_lower(&mac.finalize().into_bytes())
}

/// A nonce: 9 random digits.
fn nonce(shared: &Shared) -> String {
    let b = shared.random.bytes();
    let n = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) % 900_000_000 + 100_000_000;
    n.to_string()
}

/// The body of one request: the envelope with `event_info` spliced in as is.
fn envelope(shared: &Shared, config: &HookConfig, event_info: &str) -> (String, String) {
    let timestamp = shared.clock.now_millis().to_string();
    let nonce = nonce(shared);
    let signature = signature(&config.key, &config.subscriber_id, &timestamp, &nonce, event_info);
    let app_id = Value::String(config.subscriber_id.clone()).to_string();
    let body = format!(
        "{{\"appID\":{app_id},\"timestamp\":{timestamp},\"nonce\":\"{nonce}\",\"signature\":\"{signature}\",\"eventInfo\":{event_info}}}"
    );
    (body, nonce)
}

/// The `eventInfo` of a happening.
fn event_info(meeting: &(String, String), happening: &Happening, now_ms: i64) -> (&'static str, String) {
    let mut payload = Map::new();
    payload.insert("meetingInfo".into(), json!({"meetingID": meeting.0, "meetingUUID": meeting.1}));
    let (event, attendee) = match happening {
        Happening::Started => ("meeting.started", None),
        Happening::Ended => ("meeting.end", None),
        Happening::Joined(a) => ("meeting.join", Some((a, 0))),
        Happening::Left(a, at) => ("meeting.left", Some((a, *at))),
    };
    if let Some((a, left)) = attendee {
        payload.insert(
            "attendeeInfo".into(),
            json!({
                "userUUID": a.pid,
                "participantID": a.pid,
                "displayName": a.name,
                "role": a.role_number(),
                "callNumber": a.number,
                "joinTime": a.added_ms,
                "leftTime": left,
            }),
        );
    }
    (event, spaced(&json!({"event": event, "timestamp": now_ms, "payload": payload})))
}

/// Queues the events of `happenings` of conference `meeting` (`(meetingID, meetingUUID)`) when
/// the webhook is enabled. Called by [`super::notify::publish`] with the state locked, so events
/// leave in the order of the changes.
pub(crate) fn enqueue(shared: &Shared, meeting: &(String, String), happenings: &[Happening], now_ms: i64) {
    let hub = &shared.huawei_webhook;
    let inner = hub.lock();
    let Some(queue) = &inner.queue else { return };
    for happening in happenings {
        let (event, info) = event_info(meeting, happening, now_ms);
        log::info!("huawei webhook event {event} ({})", meeting.0);
        hub.pending.fetch_add(1, Ordering::SeqCst);
        if queue.send(Job { event, event_info: Arc::from(info) }).is_err() {
            hub.pending.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Checks a URL: `http://` to a loopback address (`127.0.0.0/8`, `::1`, `localhost`) only.
fn check_url(url: &str) -> Result<Target, String> {
    let uri: Uri = url.parse().map_err(|e| format!("url {url:?} is not a URL: {e}"))?;
    let host = uri.host().unwrap_or_default().trim_start_matches('[').trim_end_matches(']');
    let loopback =
        host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if !loopback {
        return Err(format!("url {url:?}: the emulator only sends to http:// loopback addresses"));
    }
    Target::parse(url)
}

/// Sets the configuration (replacing any: the old queue is dropped), disabled; returns its id.
fn configure(
    shared: &Shared,
    subscriber_id: &str,
    key: &str,
    url: &str,
    corp_id: Option<String>,
    sp_id: Option<String>,
) -> Result<String, String> {
    if subscriber_id.is_empty() || key.is_empty() {
        return Err("subscriberId and subscriberKey must not be empty".into());
    }
    let target = check_url(url)?;
    let hub = &shared.huawei_webhook;
    let id = format!("{:016x}", hub.ids.fetch_add(1, Ordering::SeqCst) + 1);
    let mut inner = hub.lock();
    inner.generation += 1;
    inner.queue = None;
    inner.config = Some(HookConfig {
        id: id.clone(),
        subscriber_id: subscriber_id.to_owned(),
        key: key.to_owned(),
        url: url.to_owned(),
        target,
        corp_id,
        sp_id,
        status: DISABLED,
    });
    Ok(id)
}

/// Enables the configuration (no verify): starts its delivery task. `false` when there is none.
fn enable(shared: &Arc<Shared>) -> bool {
    let hub = &shared.huawei_webhook;
    let mut inner = hub.lock();
    let running = inner.queue.is_some();
    let Some(config) = inner.config.as_mut() else { return false };
    if config.status == ENABLED && running {
        return true;
    }
    config.status = ENABLED;
    let config = config.clone();
    inner.generation += 1;
    let (tx, rx) = mpsc::unbounded_channel();
    inner.queue = Some(tx);
    let task = Task { shared: Arc::clone(shared), generation: inner.generation, config };
    tokio::spawn(task.run(rx));
    true
}

/// Disables the configuration (what is queued is dropped).
fn disable(shared: &Shared) {
    let mut inner = shared.huawei_webhook.lock();
    inner.generation += 1;
    inner.queue = None;
    if let Some(c) = inner.config.as_mut() {
        c.status = DISABLED;
    }
}

/// The delivery task of one enabled configuration.
struct Task {
    /// The emulator.
    shared: Arc<Shared>,
    /// The configuration generation it delivers for (it stops when that changes).
    generation: u64,
    /// Where and how to send.
    config: HookConfig,
}

impl Task {
    async fn run(self, mut queue: mpsc::UnboundedReceiver<Job>) {
        while let Some(job) = queue.recv().await {
            if self.shared.huawei_webhook.generation_is(self.generation) {
                self.deliver(&job).await;
            }
            self.shared.huawei_webhook.pending.fetch_sub(1, Ordering::SeqCst);
        }
    }

    async fn deliver(&self, job: &Job) {
        let attempts = RETRY_DELAYS.len() + 1;
        for attempt in 1..=attempts {
            let (body, _) = envelope(&self.shared, &self.config, &job.event_info);
            let target = &self.config.target;
            let result = client::send(target, Method::POST, target.path_and_query(), &[], Some(body)).await;
            let (status, error) = match result {
                Ok(answer) if (200..300).contains(&answer.status) => (Some(answer.status), None),
                Ok(answer) => (Some(answer.status), Some(format!("HTTP {}", answer.status))),
                Err(e) => (None, Some(e)),
            };
            let delivered = error.is_none();
            let outcome = match (delivered, attempt < attempts) {
                (true, _) => "delivered",
                (false, true) => "retry",
                (false, false) => "failed",
            };
            log::info!("huawei webhook {} attempt {attempt}: {outcome}", job.event);
            let at_ms = self.shared.clock.now_millis();
            let record = Delivery { event: job.event, attempt, status, error, outcome, at_ms };
            self.shared.huawei_webhook.record(self.generation, record);
            if delivered {
                return;
            }
            let Some(&delay) = RETRY_DELAYS.get(attempt - 1) else { return };
            tokio::time::sleep(delay).await;
            if !self.shared.huawei_webhook.generation_is(self.generation) {
                return;
            }
        }
    }
}

/// Posts `meeting.verify` to the configured URL: `Ok` when the answer is 200 with
/// `{"event":"meeting.verify","nonce":"<the envelope's nonce>"}`, `Err` says what was wrong.
async fn verify(shared: &Shared, config: &HookConfig) -> Result<(), String> {
    let info = spaced(&json!({
        "event": "meeting.verify",
        "timestamp": shared.clock.now_millis(),
        "payload": {},
    }));
    let (body, nonce) = envelope(shared, config, &info);
    let target = &config.target;
    let answer = client::send(target, Method::POST, target.path_and_query(), &[], Some(body)).await?;
    if answer.status != 200 {
        return Err(format!("the URL answered HTTP {}", answer.status));
    }
    let parsed: Value =
        serde_json::from_slice(&answer.body).map_err(|_| "the URL's answer is not JSON".to_owned())?;
    if parsed["event"] != "meeting.verify" || parsed["nonce"] != nonce.as_str() {
        return Err(format!(
            "the URL's answer is not {{\"event\":\"meeting.verify\",\"nonce\":\"{nonce}\"}}"
        ));
    }
    Ok(())
}

fn invalid(message: impl Into<String>) -> HuaweiError {
    HuaweiError::bad_request(codes::MMC_INVALID_PARAM, message)
}

fn text_field(body: &Map<String, Value>, key: &str, required: bool) -> Result<Option<String>, HuaweiError> {
    match body.get(key) {
        None | Some(Value::Null) if !required => Ok(None),
        Some(Value::String(s)) if !required || !s.is_empty() => Ok(Some(s.clone())),
        None | Some(Value::Null) => Err(invalid(format!("{key} is required"))),
        Some(_) => Err(invalid(format!("{key} must be a non-empty string"))),
    }
}

/// `POST /v1/mmc/management/webhook/link-config`: `{corpId?, spId?, subscriberId,
/// subscriberKey, url}` sets the configuration, disabled (status 1); 200 with an empty body.
pub(crate) fn set_link_config(shared: &Shared, parts: &Parts, body: &Bytes) -> Result<Response, HuaweiError> {
    require_access_token(shared, parts)?;
    let body = json_object(body).map_err(invalid)?;
    let subscriber_id = text_field(&body, "subscriberId", true)?.unwrap_or_default();
    let key = text_field(&body, "subscriberKey", true)?.unwrap_or_default();
    let url = text_field(&body, "url", true)?.unwrap_or_default();
    let corp_id = text_field(&body, "corpId", false)?;
    let sp_id = text_field(&body, "spId", false)?;
    configure(shared, &subscriber_id, &key, &url, corp_id, sp_id).map_err(invalid)?;
    Ok(empty_ok())
}

/// `GET /v1/mmc/management/webhook/link-config`: `{"id","subscriberId","url","status"}` (plus
/// `corpId`/`spId` when given; never the key); 404 MMC.111076002 when none is set.
pub(crate) fn get_link_config(
    shared: &Shared,
    parts: &Parts,
    _body: &Bytes,
) -> Result<Response, HuaweiError> {
    require_access_token(shared, parts)?;
    let inner = shared.huawei_webhook.lock();
    let c = inner.config.as_ref().ok_or_else(|| {
        HuaweiError::new(StatusCode::NOT_FOUND, codes::WEBHOOK_NOT_CONFIGURED, "no webhook is configured")
    })?;
    let mut answer = Map::new();
    answer.insert("id".into(), json!(c.id));
    answer.insert("subscriberId".into(), json!(c.subscriber_id));
    answer.insert("url".into(), json!(c.url));
    answer.insert("status".into(), json!(c.status));
    if let Some(corp) = &c.corp_id {
        answer.insert("corpId".into(), json!(corp));
    }
    if let Some(sp) = &c.sp_id {
        answer.insert("spId".into(), json!(sp));
    }
    Ok(json_response(StatusCode::OK, &Value::Object(answer)))
}

/// `DELETE /v1/mmc/management/webhook/link-config`: removes the configuration (what is queued
/// is dropped); 200 with an empty body, whether there was one or not.
pub(crate) fn delete_link_config(
    shared: &Shared,
    parts: &Parts,
    _body: &Bytes,
) -> Result<Response, HuaweiError> {
    require_access_token(shared, parts)?;
    let mut inner = shared.huawei_webhook.lock();
    inner.generation += 1;
    inner.queue = None;
    inner.config = None;
    Ok(empty_ok())
}

/// `PUT /v1/mmc/management/webhook/change-status`: `{"id","status":0|1}`. 1 disables; 0 first
/// posts `meeting.verify` and enables only when the URL answers it (400 MMC.111076001 otherwise).
pub(crate) async fn change_status(shared: Arc<Shared>, parts: Parts, body: Bytes) -> Response {
    change_status_inner(&shared, &parts, &body).await.unwrap_or_else(HuaweiError::into_response)
}

async fn change_status_inner(
    shared: &Arc<Shared>,
    parts: &Parts,
    body: &Bytes,
) -> Result<Response, HuaweiError> {
    require_access_token(shared, parts)?;
    let body = json_object(body).map_err(invalid)?;
    let id = text_field(&body, "id", true)?.unwrap_or_default();
    let status = match body.get("status").and_then(Value::as_i64) {
        Some(s @ (ENABLED | DISABLED)) => s,
        _ => return Err(invalid("status must be 0 (enabled) or 1 (disabled)")),
    };
    let config = shared.huawei_webhook.lock().config.clone();
    let config =
        config.filter(|c| c.id == id).ok_or_else(|| invalid(format!("no webhook configuration {id:?}")))?;
    if status == DISABLED {
        disable(shared);
        return Ok(empty_ok());
    }
    if let Err(why) = verify(shared, &config).await {
        return Err(HuaweiError::bad_request(
            codes::WEBHOOK_VERIFY_FAILED,
            format!("webhook verification failed: {why}"),
        ));
    }
    // Enabled only if the configuration was not replaced meanwhile.
    let same = shared.huawei_webhook.lock().config.as_ref().is_some_and(|c| c.id == id);
    if !same || !enable(shared) {
        return Err(invalid(format!("no webhook configuration {id:?}")));
    }
    Ok(empty_ok())
}

/// The admin shortcut: configures and enables without the verify step; the configuration's id.
pub(crate) fn configure_enabled(
    shared: &Arc<Shared>,
    url: &str,
    subscriber_id: &str,
    key: &str,
) -> Result<String, String> {
    let id = configure(shared, subscriber_id, key, url, None, None)?;
    enable(shared);
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_json() {
        let v = json!({"event": "meeting.join", "payload": {"a": [1, {"b": "c:d"}]}});
        assert_eq!(spaced(&v), r#"{"event": "meeting.join","payload": {"a": [1,{"b": "c:d"}]}}"#);
    }

    #[test]
    fn loopback_only() {
        assert!(check_url("http://127.0.0.1:9/x").is_ok());
        assert!(check_url("http://localhost:9/x").is_ok());
        assert!(check_url("http://[::1]:9/x").is_ok());
        assert!(check_url("http://10.0.0.1:9/x").is_err());
        assert!(check_url("https://127.0.0.1:9/x").is_err());
        assert!(check_url("nonsense").is_err());
    }
}
