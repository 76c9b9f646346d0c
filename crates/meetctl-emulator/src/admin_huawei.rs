//! Admin endpoints that drive Huawei conferences, their control WebSockets and the enterprise
//! webhook: people joining and leaving, hands, the speaker, a conference starting and ending, a
//! crowd for benchmarks (`/_emulator/huawei/conferences/{id}/...`), socket faults
//! (`.../ws/...`), the webhook shortcut (`PUT /_emulator/huawei/webhook`) and waiting for its
//! queue (`GET /_emulator/huawei/webhook/idle`). Every change is announced through
//! [`crate::huawei::notify::publish`], as the control APIs' are.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::admin::error;
use crate::admin_tencent::Failure;
use crate::http_util::{json_response, query_param};
use crate::huawei::notify::{Garbage, Notice, publish};
use crate::huawei::{webhook, ws};
use crate::scenario::HuaweiRole;
use crate::state::{Conference, ConferenceMember, Presence, SavedLayout, Screen, Shared};

/// The most participants one `crowd` call adds.
const MAX_CROWD: u64 = 100_000;

/// How long the idle wait waits by default, and at most (ms).
const IDLE_DEFAULT_MS: u64 = 10_000;
const IDLE_MAX_MS: u64 = 60_000;

/// The routes.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    let conf = |tail: &str| format!("/_emulator/huawei/conferences/{{conference_id}}/{tail}");
    Router::new()
        .route(&conf("join"), post(join))
        .route(&conf("leave"), post(leave))
        .route(&conf("hand"), post(hand))
        .route(&conf("speaker"), post(speaker))
        .route(&conf("start"), post(start))
        .route(&conf("end"), post(end))
        .route(&conf("crowd"), post(crowd))
        .route(&conf("layouts"), post(add_layout))
        .route("/_emulator/huawei/management-site", put(set_management_site))
        .route(&conf("ws"), get(ws_stats))
        .route(&conf("ws/drop"), post(ws_drop))
        .route(&conf("ws/heartbeats"), post(ws_heartbeats))
        .route(&conf("ws/skip-version"), post(ws_skip_version))
        .route(&conf("ws/garbage"), post(ws_garbage))
        .route(&conf("ws/refuse"), post(ws_refuse))
        .route("/_emulator/huawei/webhook", put(set_webhook))
        .route("/_emulator/huawei/webhook/idle", get(idle))
}

fn parse<T: for<'de> Deserialize<'de>>(body: &Bytes) -> Result<T, Failure> {
    let body: &[u8] = if body.is_empty() { b"{}" } else { body };
    serde_json::from_slice(body).map_err(|e| (StatusCode::BAD_REQUEST, format!("invalid request body: {e}")))
}

fn answer(result: Result<Value, Failure>) -> Response {
    match result {
        Ok(value) => json_response(StatusCode::OK, &value),
        Err((status, message)) => error(status, &message),
    }
}

/// Applies `change` to conference `conference_id` (which must not have ended), then announces
/// what changed.
fn change_conference<T>(
    shared: &Shared,
    conference_id: &str,
    change: impl FnOnce(&mut Conference) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let mut state = shared.state();
    let huawei = &mut state.huawei;
    let index = huawei
        .conferences
        .iter()
        .position(|c| c.conference_id == conference_id)
        .ok_or_else(|| (StatusCode::NOT_FOUND, format!("no conference {conference_id:?}")))?;
    let conference = huawei.conferences.get_mut(index).ok_or((StatusCode::NOT_FOUND, String::new()))?;
    if conference.ended {
        return Err((StatusCode::CONFLICT, format!("conference {conference_id:?} has ended")));
    }
    let result = change(conference);
    publish(shared, huawei, index);
    result
}

/// The index of online member `pid`, or 404.
fn online(c: &Conference, pid: &str) -> Result<usize, Failure> {
    c.members
        .iter()
        .position(|m| m.participant_id == pid && m.in_meeting())
        .ok_or_else(|| (StatusCode::NOT_FOUND, format!("participant {pid:?} is not in the conference")))
}

/// `POST .../join`: someone joins.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JoinRequest {
    /// Display name.
    pub(crate) name: String,
    /// Phone or SIP number.
    #[serde(default)]
    pub(crate) number: Option<String>,
    /// `host`, `cohost` or `attendee` (default).
    #[serde(default)]
    pub(crate) role: Option<String>,
    /// Muted (default false).
    #[serde(default)]
    pub(crate) muted: bool,
    /// Video on (default true).
    #[serde(default)]
    pub(crate) video: Option<bool>,
}

/// Someone joins conference `conference_id` (started by it when it had not started); the new
/// participant's id. A new host takes the role from the old one.
pub(crate) fn join_conference(
    shared: &Shared,
    conference_id: &str,
    req: &JoinRequest,
) -> Result<String, Failure> {
    let role = match req.role.as_deref() {
        None | Some("attendee" | "participant") => HuaweiRole::Participant,
        Some("host") => HuaweiRole::Host,
        Some("cohost") => HuaweiRole::Cohost,
        Some(other) => {
            return Err((
                StatusCode::BAD_REQUEST,
                format!("role must be host, cohost or attendee, not {other:?}"),
            ));
        }
    };
    if req.name.is_empty() {
        return Err((StatusCode::BAD_REQUEST, "name must not be empty".into()));
    }
    let pid = shared.random.hex(32);
    change_conference(shared, conference_id, |c| {
        c.started = true;
        if role == HuaweiRole::Host {
            for m in c.members.iter_mut().filter(|m| m.role == HuaweiRole::Host) {
                m.role = HuaweiRole::Participant;
            }
        }
        c.members.push(ConferenceMember {
            participant_id: pid.clone(),
            name: req.name.clone(),
            number: req.number.clone(),
            role,
            muted: req.muted,
            video: req.video.unwrap_or(true),
            hand_raised: false,
            presence: Presence::InMeeting,
            screen: Screen::default(),
        });
        Ok(())
    })?;
    Ok(pid)
}

/// `POST .../leave`: `{"pid"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PidRequest {
    /// The participant.
    pid: String,
}

/// Participant `pid` leaves conference `conference_id` (hand lowered, host or co-host role
/// dropped).
pub(crate) fn leave_conference(shared: &Shared, conference_id: &str, pid: &str) -> Result<(), Failure> {
    change_conference(shared, conference_id, |c| {
        let i = online(c, pid)?;
        if let Some(m) = c.members.get_mut(i) {
            m.presence = Presence::Removed { allow_rejoin: true };
            m.role = HuaweiRole::Participant;
            m.hand_raised = false;
        }
        if c.speaker == Some(i) {
            c.speaker = None;
        }
        c.forget(pid);
        Ok(())
    })
}

/// `POST .../hand`: `{"pid", "raised"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HandRequest {
    /// The participant.
    pid: String,
    /// Raised (true) or lowered.
    raised: bool,
}

/// `POST .../speaker`: `{"pid"}` (`null`: nobody speaks).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeakerRequest {
    /// The speaker.
    pid: Option<String>,
}

/// `POST .../crowd`: `{"count"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CrowdRequest {
    /// How many guests join.
    count: u64,
}

/// `POST .../ws/heartbeats`: `{"answer"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeartbeatsRequest {
    /// Whether heartbeats are answered from now on.
    answer: bool,
}

/// `POST .../ws/garbage`: `{"kind", "bytes"?}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GarbageRequest {
    /// `text`, `binary` or `oversized`.
    kind: String,
    /// The size of an `oversized` frame.
    #[serde(default)]
    bytes: Option<usize>,
}

/// `POST .../ws/refuse`: `{"count"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RefuseRequest {
    /// How many connection attempts to refuse.
    count: u64,
}

/// `PUT /_emulator/huawei/webhook`: `{"url", "subscriber_id", "subscriber_key"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WebhookRequest {
    /// Where events go.
    url: String,
    /// The envelope's `appID`.
    subscriber_id: String,
    /// The HMAC key.
    subscriber_key: String,
}

async fn join(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> Response {
    answer(
        parse::<JoinRequest>(&body)
            .and_then(|req| join_conference(&shared, &id, &req))
            .map(|pid| json!({"pid": pid})),
    )
}

async fn leave(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> Response {
    let result = parse::<PidRequest>(&body).and_then(|req| leave_conference(&shared, &id, &req.pid));
    answer(result.map(|()| json!({"left": true})))
}

async fn hand(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> Response {
    let result = parse::<HandRequest>(&body).and_then(|req| {
        change_conference(&shared, &id, |c| {
            let i = online(c, &req.pid)?;
            if let Some(m) = c.members.get_mut(i) {
                m.hand_raised = req.raised;
            }
            Ok(())
        })
    });
    answer(result.map(|()| json!({"ok": true})))
}

async fn speaker(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> Response {
    let result = parse::<SpeakerRequest>(&body).and_then(|req| {
        change_conference(&shared, &id, |c| {
            c.speaker = match &req.pid {
                Some(pid) => Some(online(c, pid)?),
                None => None,
            };
            Ok(())
        })
    });
    answer(result.map(|()| json!({"ok": true})))
}

async fn start(State(shared): State<Arc<Shared>>, Path(id): Path<String>, _body: Bytes) -> Response {
    answer(
        change_conference(&shared, &id, |c| {
            c.started = true;
            Ok(())
        })
        .map(|()| json!({"started": true})),
    )
}

/// Conference `conference_id` ends, as the `stop` API ends it.
pub(crate) fn end_conference(shared: &Shared, conference_id: &str) -> Result<(), Failure> {
    change_conference(shared, conference_id, |c| {
        c.ended = true;
        Ok(())
    })
}

async fn end(State(shared): State<Arc<Shared>>, Path(id): Path<String>, _body: Bytes) -> Response {
    answer(end_conference(&shared, &id).map(|()| json!({"ended": true})))
}

async fn crowd(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> Response {
    let result = parse::<CrowdRequest>(&body).and_then(|req| {
        if req.count > MAX_CROWD {
            return Err((StatusCode::BAD_REQUEST, format!("count must be at most {MAX_CROWD}")));
        }
        let pids: Vec<String> = (0..req.count).map(|_| shared.random.hex(32)).collect();
        change_conference(&shared, &id, |c| {
            c.started = true;
            for (n, pid) in pids.iter().enumerate() {
                c.members.push(ConferenceMember {
                    participant_id: pid.clone(),
                    name: format!("Guest {}", n + 1),
                    number: None,
                    role: HuaweiRole::Participant,
                    muted: true,
                    video: false,
                    hand_raised: false,
                    presence: Presence::InMeeting,
                    screen: Screen::default(),
                });
            }
            Ok(())
        })?;
        Ok(json!({"added": req.count, "pids": pids}))
    });
    answer(result)
}

/// The socket counters of a conference, or 404.
fn stats(shared: &Shared, id: &str) -> Result<Arc<crate::huawei::notify::WsStats>, Failure> {
    let state = shared.state();
    state
        .huawei
        .feeds
        .get(id)
        .map(|f| Arc::clone(&f.ws))
        .ok_or_else(|| (StatusCode::NOT_FOUND, format!("no conference {id:?}")))
}

fn tell(shared: &Shared, id: &str, notice: Notice) -> Result<Value, Failure> {
    if ws::tell(shared, id, notice) {
        Ok(json!({"ok": true}))
    } else {
        Err((StatusCode::NOT_FOUND, format!("no conference {id:?}")))
    }
}

async fn ws_stats(State(shared): State<Arc<Shared>>, Path(id): Path<String>, _body: Bytes) -> Response {
    answer(stats(&shared, &id).map(|s| s.to_json()))
}

async fn ws_drop(State(shared): State<Arc<Shared>>, Path(id): Path<String>, _body: Bytes) -> Response {
    answer(tell(&shared, &id, Notice::Drop))
}

async fn ws_skip_version(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    _body: Bytes,
) -> Response {
    answer(tell(&shared, &id, Notice::SkipVersion))
}

async fn ws_heartbeats(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> Response {
    let result = parse::<HeartbeatsRequest>(&body).and_then(|req| {
        stats(&shared, &id)?.answer_heartbeats.store(req.answer, Ordering::SeqCst);
        Ok(json!({"answer": req.answer}))
    });
    answer(result)
}

async fn ws_garbage(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> Response {
    let result = parse::<GarbageRequest>(&body).and_then(|req| {
        let kind = match (req.kind.as_str(), req.bytes) {
            ("text", _) => Garbage::Text,
            ("binary", _) => Garbage::Binary,
            ("oversized", bytes) => {
                let bytes = bytes.unwrap_or(1024 * 1024);
                if bytes > ws::MAX_GARBAGE_BYTES {
                    return Err((
                        StatusCode::BAD_REQUEST,
                        format!("bytes must be at most {}", ws::MAX_GARBAGE_BYTES),
                    ));
                }
                Garbage::Oversized(bytes)
            }
            (other, _) => {
                return Err((
                    StatusCode::BAD_REQUEST,
                    format!("kind must be text, binary or oversized, not {other:?}"),
                ));
            }
        };
        tell(&shared, &id, Notice::Garbage(kind))
    });
    answer(result)
}

async fn ws_refuse(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> Response {
    let result = parse::<RefuseRequest>(&body).and_then(|req| {
        stats(&shared, &id)?.refuse.store(req.count, Ordering::SeqCst);
        Ok(json!({"refuse": req.count}))
    });
    answer(result)
}

async fn set_webhook(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let result = parse::<WebhookRequest>(&body).and_then(|req| {
        webhook::configure_enabled(&shared, &req.url, &req.subscriber_id, &req.subscriber_key)
            .map_err(|e| (StatusCode::BAD_REQUEST, e))
    });
    answer(result.map(|id| json!({"id": id, "status": 0})))
}

/// `GET /_emulator/huawei/webhook/idle?timeout_ms=N`: waits until nothing is queued or being
/// delivered (default 10 s, at most 60 s): 200 `{"idle": true}`, or 504 `{"idle": false}`.
async fn idle(State(shared): State<Arc<Shared>>, RawQuery(query): RawQuery) -> Response {
    let timeout_ms = match query_param(query.as_deref(), "timeout_ms") {
        None => IDLE_DEFAULT_MS,
        Some(v) => match v.parse::<u64>() {
            Ok(ms) => ms.min(IDLE_MAX_MS),
            Err(_) => return error(StatusCode::BAD_REQUEST, "timeout_ms must be a whole number of ms"),
        },
    };
    let give_up = Instant::now() + Duration::from_millis(timeout_ms);
    loop {
        if shared.huawei_webhook.idle() {
            return json_response(StatusCode::OK, &json!({ "idle": true }));
        }
        if Instant::now() >= give_up {
            return json_response(StatusCode::GATEWAY_TIMEOUT, &json!({ "idle": false }));
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// `POST .../layouts` with a `restPicLayout` object: saves it as `PUT layOut` would, with a new
/// uuid unless it names one (then that layout is replaced); answers `{"uuid"}`.
async fn add_layout(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> Response {
    let result = parse::<Value>(&body).and_then(|layout| {
        let Value::Object(mut layout) = layout else {
            return Err((StatusCode::BAD_REQUEST, "the layout must be a JSON object".to_owned()));
        };
        let uuid = match layout.get("uuid").and_then(Value::as_str).filter(|u| !u.is_empty()) {
            Some(u) => u.to_owned(),
            None => shared.random.hex(32),
        };
        layout.insert("uuid".into(), json!(uuid));
        change_conference(&shared, &id, |c| {
            c.layouts.retain(|l| l.uuid != uuid);
            c.layouts.push(SavedLayout { uuid: uuid.clone(), layout: Value::Object(layout) });
            Ok(json!({"uuid": uuid}))
        })
    });
    answer(result)
}

#[derive(Deserialize)]
struct ManagementSiteRequest {
    fault: bool,
}

/// `PUT /_emulator/huawei/management-site` `{"fault": true|false}`: what `queryMgmtSiteStatus`
/// answers (`FAULT` or `NORMAL`).
async fn set_management_site(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let result = parse::<ManagementSiteRequest>(&body).map(|req| {
        shared.state().huawei.management_site_fault = req.fault;
        json!({"ok": true})
    });
    answer(result)
}
