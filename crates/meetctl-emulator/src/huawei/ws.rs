//! The conference-control WebSocket
//! (`GET /cms/open/websocket/confctl/increment/conn?confID=&tmpToken=`, pages meeting_21_1510,
//! meeting_21_1508, meeting_21_1520): opened with a single-use `wsToken` at most 60 s old, then a
//! `Subscribe` frame with a live control token; the server sends a full message per subscribed
//! type, then increments of every change [`super::notify::publish`] announces, answers
//! heartbeats, and closes the socket when the conference ends or no frame came for 180 s.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::extract::ws::{
    CloseFrame, Message, WebSocket, WebSocketUpgrade, rejection::WebSocketUpgradeRejection,
};
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};
use tokio::sync::broadcast;

use super::error::{HuaweiError, codes};
use super::notify::{Change, Garbage, Notice, WsStats};
use crate::http_util::query_param;
use crate::state::Shared;

/// The route's path.
pub(crate) const PATH: &str = "/cms/open/websocket/confctl/increment/conn";

/// How old a `tmpToken` may be (emulator clock).
const TOKEN_MAX_AGE_MS: i64 = 60_000;

/// The socket is closed when no client frame came for this long (emulator clock).
const IDLE_LIMIT_MS: i64 = 180_000;

/// How often the idle limit is looked at.
const IDLE_CHECK: Duration = Duration::from_millis(250);

/// The largest client frame accepted.
const MAX_CLIENT_MESSAGE: usize = 1024 * 1024;

/// The largest garbage frame the admin API makes.
pub(crate) const MAX_GARBAGE_BYTES: usize = 64 * 1024 * 1024;

/// The close code of a refused subscription.
const CLOSE_SUBSCRIBE_FAILED: u16 = 4001;

/// `GET /cms/open/websocket/confctl/increment/conn?confID=&tmpToken=`: checks, in order, the
/// conference (unknown or ended: 404 MMC.111070005), the upgrade headers (400 MMC.111070001),
/// a pending `refuse` fault (401 MMC.111070004), the token (missing, unknown, for another
/// conference, used or older than 60 s: 401 MMC.111070004; the token is used up by the attempt),
/// then upgrades.
pub(crate) async fn connect(
    State(shared): State<Arc<Shared>>,
    RawQuery(query): RawQuery,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    match accept(&shared, query.as_deref(), upgrade) {
        Ok((upgrade, conference_id, stats)) => upgrade
            .max_message_size(MAX_CLIENT_MESSAGE)
            .on_upgrade(move |socket| session(shared, conference_id, stats, socket)),
        Err(e) => e.into_response(),
    }
}

fn accept(
    shared: &Shared,
    query: Option<&str>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<(WebSocketUpgrade, String, Arc<WsStats>), HuaweiError> {
    let conference_id = query_param(query, "confID").unwrap_or_default();
    let now = shared.clock.now_millis();
    let mut state = shared.state();
    let huawei = &mut state.huawei;
    let conference = huawei.conferences.iter().find(|c| c.conference_id == conference_id);
    let Some(conference) = conference.filter(|c| !c.ended) else {
        return Err(HuaweiError::new(
            StatusCode::NOT_FOUND,
            codes::MMC_NO_SUCH_CONFERENCE,
            format!("conference {conference_id:?} does not exist or has ended"),
        ));
    };
    let stats = huawei
        .feeds
        .get(&conference.conference_id)
        .map(|f| Arc::clone(&f.ws))
        .ok_or_else(HuaweiError::mmc_auth_failed)?;
    let upgrade = upgrade.map_err(|e| {
        HuaweiError::bad_request(codes::MMC_INVALID_PARAM, format!("a WebSocket upgrade is required: {e}"))
    })?;
    let refused = stats.refuse.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok();
    if refused {
        return Err(HuaweiError::mmc_auth_failed());
    }
    let token = query_param(query, "tmpToken").unwrap_or_default();
    let record = huawei.ws_tokens.get_mut(&token).filter(|t| t.conference_id == conference_id);
    let Some(record) = record else { return Err(HuaweiError::mmc_auth_failed()) };
    let fresh = !record.used && now.saturating_sub(record.issued_at_ms) <= TOKEN_MAX_AGE_MS;
    record.used = true;
    if !fresh {
        return Err(HuaweiError::mmc_auth_failed());
    }
    stats.connections.fetch_add(1, Ordering::SeqCst);
    Ok((upgrade, conference_id, stats))
}

/// Counts an open socket while it lives.
struct Open(Arc<WsStats>);

impl Open {
    fn new(stats: Arc<WsStats>) -> Open {
        stats.open.fetch_add(1, Ordering::SeqCst);
        Open(stats)
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}

/// How a socket's session ends.
enum End {
    /// Close with a close frame (code, reason).
    Close(u16, &'static str),
    /// Drop the connection, no close frame.
    Drop,
}

/// One socket.
struct Session {
    shared: Arc<Shared>,
    conference_id: String,
    stats: Arc<WsStats>,
    socket: WebSocket,
    /// Subscribed actions, in the order asked (none before a subscription).
    subscribed: Vec<&'static str>,
    /// The last increment version sent per action.
    versions: HashMap<&'static str, u64>,
    /// The next increment skips a version.
    skip: bool,
    /// When the client last sent a frame (emulator ms).
    last_frame_ms: i64,
}

/// The actions a subscription may name; others are ignored.
const KNOWN_TYPES: [&str; 4] =
    ["ConfBasicInfoNotify", "ConfDynamicInfoNotify", "ParticipantsNotify", "SpeakerChangeNotify"];

async fn session(shared: Arc<Shared>, conference_id: String, stats: Arc<WsStats>, socket: WebSocket) {
    let rx = {
        let state = shared.state();
        match state.huawei.feeds.get(&conference_id) {
            Some(feed) => feed.tx.subscribe(),
            None => return,
        }
    };
    // Counted as open once it listens (a fault sent after `open` counts it reaches it).
    let _open = Open::new(Arc::clone(&stats));
    let last_frame_ms = shared.clock.now_millis();
    let mut s = Session {
        shared,
        conference_id,
        stats,
        socket,
        subscribed: Vec::new(),
        versions: HashMap::new(),
        skip: false,
        last_frame_ms,
    };
    match s.run(rx).await {
        Ok(End::Close(code, reason)) => {
            let frame = CloseFrame { code, reason: reason.into() };
            if s.socket.send(Message::Close(Some(frame))).await.is_ok() {
                // Wait (briefly) for the client's close, so the close handshake completes.
                let _ = tokio::time::timeout(Duration::from_secs(2), async {
                    while let Some(Ok(m)) = s.socket.recv().await {
                        if matches!(m, Message::Close(_)) {
                            break;
                        }
                    }
                })
                .await;
            }
        }
        Ok(End::Drop) | Err(()) => {}
    }
}

impl Session {
    /// Serves the socket until it should end; `Err` when the connection failed.
    async fn run(&mut self, mut rx: broadcast::Receiver<Notice>) -> Result<End, ()> {
        let mut tick = tokio::time::interval(IDLE_CHECK);
        loop {
            tokio::select! {
                frame = self.socket.recv() => {
                    let Some(Ok(frame)) = frame else { return Err(()) };
                    self.last_frame_ms = self.shared.clock.now_millis();
                    if let Some(end) = self.on_frame(frame, &mut rx).await? {
                        return Ok(end);
                    }
                }
                notice = rx.recv() => match notice {
                    Ok(notice) => {
                        if let Some(end) = self.on_notice(notice).await? {
                            return Ok(end);
                        }
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => return Ok(End::Close(1011, "fell behind")),
                    Err(broadcast::error::RecvError::Closed) => return Ok(End::Close(1001, "going away")),
                },
                _ = tick.tick() => {
                    if self.shared.clock.now_millis().saturating_sub(self.last_frame_ms) >= IDLE_LIMIT_MS {
                        return Ok(End::Close(1000, "no frame for 180 s"));
                    }
                }
            }
        }
    }

    async fn send(&mut self, value: &Value) -> Result<(), ()> {
        self.socket.send(Message::text(value.to_string())).await.map_err(|_| ())
    }

    /// A client frame: heartbeat, subscribe, close; anything else is answered with a
    /// `result: failed` frame.
    async fn on_frame(
        &mut self,
        frame: Message,
        rx: &mut broadcast::Receiver<Notice>,
    ) -> Result<Option<End>, ()> {
        let text = match frame {
            Message::Text(t) => t,
            Message::Close(_) => return Err(()),
            Message::Ping(_) | Message::Pong(_) => return Ok(None),
            Message::Binary(_) => {
                self.send(&json!({"action": "Unknown", "result": "failed", "reason": "binary frames are not understood"}))
                    .await?;
                return Ok(None);
            }
        };
        let Ok(Value::Object(frame)) = serde_json::from_str::<Value>(text.as_str()) else {
            self.send(
                &json!({"action": "Unknown", "result": "failed", "reason": "the frame is not a JSON object"}),
            )
            .await?;
            return Ok(None);
        };
        let sequence = frame.get("sequence").cloned().unwrap_or(Value::Null);
        match frame.get("action").and_then(Value::as_str) {
            Some("HeartBeat") => {
                self.stats.heartbeats.fetch_add(1, Ordering::SeqCst);
                if self.stats.answer_heartbeats.load(Ordering::SeqCst) {
                    self.send(&json!({"sequence": sequence, "action": "HeartBeat"})).await?;
                }
                Ok(None)
            }
            Some("Subscribe") => self.subscribe(&frame, sequence, rx).await,
            other => {
                let action = other.unwrap_or("Unknown");
                self.send(&json!({
                    "action": action, "sequence": sequence, "result": "failed",
                    "reason": format!("unknown action {action:?}"),
                }))
                .await?;
                Ok(None)
            }
        }
    }

    /// `Subscribe`: checks `data` (a JSON string `{subscribeType, confToken}`) and the control
    /// token; a failure is answered and the socket closed with 4001.
    async fn subscribe(
        &mut self,
        frame: &Map<String, Value>,
        sequence: Value,
        rx: &mut broadcast::Receiver<Notice>,
    ) -> Result<Option<End>, ()> {
        let data = frame
            .get("data")
            .and_then(Value::as_str)
            .and_then(|d| serde_json::from_str::<Value>(d).ok())
            .filter(Value::is_object);
        let Some(data) = data else {
            return self
                .refuse(sequence, "data must be a JSON string holding {subscribeType, confToken}")
                .await;
        };
        let Some(types) = data.get("subscribeType").and_then(Value::as_array) else {
            return self.refuse(sequence, "subscribeType must be an array").await;
        };
        let token = data.get("confToken").and_then(Value::as_str).unwrap_or_default();
        let mut subscribed: Vec<&'static str> = Vec::new();
        for t in types.iter().filter_map(Value::as_str) {
            if let Some(known) = KNOWN_TYPES.iter().find(|k| **k == t) {
                if !subscribed.contains(known) {
                    subscribed.push(known);
                }
            }
        }
        // The full messages and the new receiver are taken together, so no change falls between.
        let fulls = {
            let now = self.shared.clock.now_millis();
            let state = self.shared.state();
            let live = state
                .huawei
                .control_tokens
                .get(token)
                .is_some_and(|t| t.conference_id == self.conference_id && t.expires_at_ms > now);
            match state.huawei.feeds.get(&self.conference_id) {
                Some(feed) if live && !feed.ended => {
                    *rx = feed.tx.subscribe();
                    Some(subscribed.iter().filter_map(|a| feed.full(a)).collect::<Vec<_>>())
                }
                _ => None,
            }
        };
        let Some(fulls) = fulls else {
            return self.refuse(sequence, "confToken is not a live control token of this conference").await;
        };
        self.send(&json!({"action": "Subscribe", "sequence": sequence, "result": "success"})).await?;
        self.subscribed = subscribed;
        self.versions.clear();
        for change in fulls {
            let frame = self.frame(&change, 0, None);
            self.send(&frame).await?;
        }
        Ok(None)
    }

    async fn refuse(&mut self, sequence: Value, reason: &str) -> Result<Option<End>, ()> {
        self.send(
            &json!({"action": "Subscribe", "sequence": sequence, "result": "failed", "reason": reason}),
        )
        .await?;
        Ok(Some(End::Close(CLOSE_SUBSCRIBE_FAILED, "subscription refused")))
    }

    /// A frame of `change`: `msgMode` 0 (full, `version` = now in ms) or 1 (increment,
    /// `version` = `increment`).
    fn frame(&self, change: &Change, mode: u8, increment: Option<u64>) -> Value {
        let now = self.shared.clock.now_millis();
        let mut f = Map::new();
        f.insert("action".into(), json!(change.action()));
        f.insert("msgMode".into(), json!(mode));
        f.insert("version".into(), json!(increment.map_or(now, |v| i64::try_from(v).unwrap_or(i64::MAX))));
        f.insert("createTime".into(), json!(now));
        f.insert("msgID".into(), json!(self.shared.random.hex(32)));
        f.insert("confID".into(), json!(self.conference_id));
        match change {
            Change::Basic(fields) | Change::Dynamic(fields) => {
                for (k, v) in fields {
                    f.insert(k.clone(), v.clone());
                }
            }
            Change::Participants(items) => {
                f.insert("data".into(), Value::Array(items.clone()));
            }
            Change::Speaker(Some(data)) => {
                f.insert("data".into(), data.clone());
            }
            Change::Speaker(None) | Change::Ended => {}
        }
        Value::Object(f)
    }

    async fn on_notice(&mut self, notice: Notice) -> Result<Option<End>, ()> {
        match notice {
            Notice::Drop => return Ok(Some(End::Drop)),
            Notice::SkipVersion => self.skip = true,
            Notice::Garbage(kind) => {
                let message = match kind {
                    Garbage::Text => Message::text("this is not JSON {{{"),
                    Garbage::Binary => Message::binary(vec![0xde, 0xad, 0xbe, 0xef, 0x00, 0xff]),
                    Garbage::Oversized(bytes) => Message::text(padding(bytes)),
                };
                self.socket.send(message).await.map_err(|_| ())?;
            }
            Notice::Changes(changes) => {
                if self.subscribed.is_empty() {
                    // Not subscribed: nothing to send, but the end still closes the socket.
                    let ended = changes.contains(&Change::Ended);
                    return Ok(ended.then_some(End::Close(1000, "conference ended")));
                }
                for change in changes.iter() {
                    if *change == Change::Ended {
                        return Ok(Some(End::Close(1000, "conference ended")));
                    }
                    let action = change.action();
                    if !self.subscribed.contains(&action) {
                        continue;
                    }
                    let step = if std::mem::take(&mut self.skip) { 2 } else { 1 };
                    let version = self.versions.entry(action).or_insert(0);
                    *version = version.saturating_add(step);
                    let version = *version;
                    let frame = self.frame(change, 1, Some(version));
                    self.send(&frame).await?;
                }
            }
        }
        Ok(None)
    }
}

/// A text frame of exactly `bytes` bytes (at least the wrapper's length) of valid JSON:
/// `{"action":"Padding","padding":"xxx..."}`.
fn padding(bytes: usize) -> String {
    let head = "{\"action\":\"Padding\",\"padding\":\"";
    let tail = "\"}";
    let fill = bytes.saturating_sub(head.len() + tail.len());
    let mut s = String::with_capacity(head.len() + fill + tail.len());
    s.push_str(head);
    s.extend(std::iter::repeat_n('x', fill));
    s.push_str(tail);
    s
}

/// Sends `notice` to every socket of conference `conference_id`; `false` when there is no such
/// conference.
pub(crate) fn tell(shared: &Shared, conference_id: &str, notice: Notice) -> bool {
    let state = shared.state();
    match state.huawei.feeds.get(conference_id) {
        Some(feed) => {
            let _ = feed.tx.send(notice);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_is_json_of_the_size() {
        for n in [0, 10, 100, 5000] {
            let p = padding(n);
            assert!(serde_json::from_str::<Value>(&p).is_ok());
            assert_eq!(p.len(), n.max(33));
        }
    }
}
