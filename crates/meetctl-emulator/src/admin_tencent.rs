//! Admin endpoints that drive Tencent meetings and webhooks: subscriptions
//! (`/_emulator/tencent/apps/{app_id}/webhook`), people joining and leaving, a meeting starting
//! and ending (`/_emulator/tencent/meetings/{id}/...`), and waiting for the webhook queues.

use std::sync::Arc;
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
use crate::http_util::{json_response, query_param};
use crate::scenario::{TENCENT_INSTANCE_IDS, TencentParticipant, TencentRole, TencentWebhook};
use crate::state::{Dismissal, Meeting, MeetingMember, Shared};
use crate::tencent::{sync_attendance, webhook};

/// An admin failure: the status and message to answer with.
pub(crate) type Failure = (StatusCode, String);

/// How long `GET /_emulator/tencent/webhook/idle` waits by default, and at most (ms).
const IDLE_DEFAULT_MS: u64 = 10_000;
const IDLE_MAX_MS: u64 = 60_000;

/// How often the idle wait looks again.
const IDLE_POLL: Duration = Duration::from_millis(10);

/// The routes.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/_emulator/tencent/apps/{app_id}/webhook", put(set_webhook).delete(remove_webhook))
        .route("/_emulator/tencent/meetings/{meeting_id}/join", post(join))
        .route("/_emulator/tencent/meetings/{meeting_id}/leave", post(leave))
        .route("/_emulator/tencent/meetings/{meeting_id}/start", post(start))
        .route("/_emulator/tencent/meetings/{meeting_id}/end", post(end))
        .route("/_emulator/tencent/meetings/{meeting_id}/calls/answer", post(answer_call))
        .route("/_emulator/tencent/webhook/idle", get(idle))
}

/// `POST .../join`: someone joins on a device.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JoinRequest {
    /// Enterprise user id.
    #[serde(default)]
    pub(crate) userid: Option<String>,
    /// Meeting-scoped open id (required; it names the member from then on).
    pub(crate) ms_open_id: String,
    /// Device type.
    pub(crate) instanceid: i64,
    /// Nick name.
    #[serde(default)]
    pub(crate) name: Option<String>,
    /// Unique user id.
    #[serde(default)]
    pub(crate) uuid: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LeaveRequest {
    ms_open_id: String,
}

fn parse<T: for<'de> Deserialize<'de>>(body: &Bytes) -> Result<T, Failure> {
    serde_json::from_slice(body).map_err(|e| (StatusCode::BAD_REQUEST, format!("invalid request body: {e}")))
}

fn answer(result: Result<Value, Failure>) -> Response {
    match result {
        Ok(value) => json_response(StatusCode::OK, &value),
        Err((status, message)) => error(status, &message),
    }
}

/// Applies `change` to meeting `meeting_id`, then brings the join records and the webhooks up to
/// date.
fn change_meeting(
    shared: &Shared,
    meeting_id: &str,
    change: impl FnOnce(&mut Meeting) -> Result<(), Failure>,
) -> Result<(), Failure> {
    {
        let mut state = shared.state();
        let meeting = state
            .tencent
            .meetings
            .iter_mut()
            .find(|m| m.meeting_id == meeting_id)
            .ok_or_else(|| (StatusCode::NOT_FOUND, format!("no meeting {meeting_id:?}")))?;
        change(meeting)?;
    }
    sync_attendance(shared);
    webhook::publish(shared, None);
    Ok(())
}

fn live(meeting: &Meeting) -> Result<(), Failure> {
    if meeting.cancelled {
        Err((StatusCode::CONFLICT, format!("meeting {:?} was cancelled", meeting.meeting_id)))
    } else if meeting.is_over() {
        Err((StatusCode::CONFLICT, format!("meeting {:?} has ended", meeting.meeting_id)))
    } else {
        Ok(())
    }
}

/// Someone joins: a new member, or the member with that ms_open_id back (on that device).
pub(crate) fn join_meeting(shared: &Shared, meeting_id: &str, req: &JoinRequest) -> Result<(), Failure> {
    if !TENCENT_INSTANCE_IDS.contains(&req.instanceid) {
        return Err((StatusCode::BAD_REQUEST, format!("{} is not a Tencent device type", req.instanceid)));
    }
    if req.ms_open_id.is_empty() {
        return Err((StatusCode::BAD_REQUEST, "ms_open_id must not be empty".into()));
    }
    change_meeting(shared, meeting_id, |meeting| {
        live(meeting)?;
        let existing = meeting.members.iter_mut().find(|m| m.ms_open_id.as_deref() == Some(&req.ms_open_id));
        match existing {
            Some(m) if m.in_meeting() && m.instanceid == req.instanceid => {
                Err((StatusCode::CONFLICT, "already in the meeting on that device".into()))
            }
            Some(m) => {
                m.rejoin(req.instanceid).map_err(|why| (StatusCode::CONFLICT, why.to_owned()))?;
                if req.name.is_some() {
                    m.name.clone_from(&req.name);
                }
                Ok(())
            }
            None => {
                let p = TencentParticipant {
                    userid: req.userid.clone(),
                    openid: None,
                    ms_open_id: Some(req.ms_open_id.clone()),
                    uuid: req.uuid.clone(),
                    instanceid: req.instanceid,
                    role: TencentRole::Attendee,
                    video: true,
                    video_closable: true,
                    muted: false,
                    name: req.name.clone(),
                    mra: false,
                    sharing_screen: false,
                    hand_raised: false,
                    in_waiting_room: false,
                    joined_offset_secs: None,
                };
                meeting.members.push(MeetingMember::new(&p));
                Ok(())
            }
        }
    })
}

/// The member with that ms_open_id leaves (the meeting or its waiting room; may join again).
pub(crate) fn leave_meeting(shared: &Shared, meeting_id: &str, ms_open_id: &str) -> Result<(), Failure> {
    change_meeting(shared, meeting_id, |meeting| {
        live(meeting)?;
        let m = meeting
            .members
            .iter_mut()
            .find(|m| m.ms_open_id.as_deref() == Some(ms_open_id))
            .ok_or_else(|| (StatusCode::NOT_FOUND, format!("no participant {ms_open_id:?}")))?;
        if m.presence.is_removed() {
            return Err((StatusCode::CONFLICT, format!("{ms_open_id:?} is not in the meeting")));
        }
        m.remove(true);
        Ok(())
    })
}

/// The meeting starts (in progress even with nobody in it).
pub(crate) fn start_meeting(shared: &Shared, meeting_id: &str) -> Result<(), Failure> {
    change_meeting(shared, meeting_id, |meeting| {
        live(meeting)?;
        meeting.admin_started = true;
        Ok(())
    })
}

/// The meeting ends, as a dismissal does.
pub(crate) fn end_meeting(shared: &Shared, meeting_id: &str) -> Result<(), Failure> {
    change_meeting(shared, meeting_id, |meeting| {
        live(meeting)?;
        if !meeting.in_progress() && !meeting.announced.started {
            return Err((StatusCode::CONFLICT, format!("meeting {meeting_id:?} has not started")));
        }
        meeting.ended = Some(Dismissal {
            reason_code: 0,
            reason_detail: Some("ended through the emulator's admin API".into()),
            force_dismiss_meeting: 1,
            retrieve_code: 0,
        });
        Ok(())
    })
}

/// Sets an app's subscription and runs its URL check.
pub(crate) async fn subscribe(
    shared: Arc<Shared>,
    app_id: String,
    w: &TencentWebhook,
) -> Result<Value, Failure> {
    let config = webhook::Config::new(w).map_err(|e| (StatusCode::BAD_REQUEST, e))?;
    let subscription =
        webhook::subscribe(shared, app_id, config).await.map_err(|e| (StatusCode::NOT_FOUND, e))?;
    Ok(json!({ "subscription": subscription }))
}

async fn set_webhook(State(shared): State<Arc<Shared>>, Path(app_id): Path<String>, body: Bytes) -> Response {
    let result = match parse::<TencentWebhook>(&body) {
        Ok(w) => subscribe(shared, app_id, &w).await,
        Err(e) => Err(e),
    };
    answer(result)
}

async fn remove_webhook(State(shared): State<Arc<Shared>>, Path(app_id): Path<String>) -> Response {
    answer(Ok(json!({ "removed": webhook::unsubscribe(&shared, &app_id) })))
}

async fn join(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> Response {
    answer(
        parse::<JoinRequest>(&body)
            .and_then(|req| join_meeting(&shared, &id, &req))
            .map(|()| json!({"joined": true})),
    )
}

async fn leave(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> Response {
    let result = parse::<LeaveRequest>(&body).and_then(|req| leave_meeting(&shared, &id, &req.ms_open_id));
    answer(result.map(|()| json!({"left": true})))
}

async fn start(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    answer(start_meeting(&shared, &id).map(|()| json!({"started": true})))
}

/// `POST .../calls/answer`: a call the meeting made (a room or SIP/H.323 device by its
/// `invite_id`, a phone as `area-phone[-extension]`) is answered: `joins` true joins it,
/// false refuses it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerRequest {
    call_id: String,
    #[serde(default = "yes")]
    joins: bool,
}

fn yes() -> bool {
    true
}

async fn answer_call(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> Response {
    answer(parse::<AnswerRequest>(&body).and_then(|req| {
        let now = shared.clock.now_secs();
        change_meeting(&shared, &id, |meeting| {
            live(meeting)?;
            crate::tencent::answer_call(meeting, &req.call_id, req.joins, now)
                .map_err(|why| (StatusCode::CONFLICT, why))
        })
        .map(|()| json!({ "answered": true }))
    }))
}

async fn end(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    answer(end_meeting(&shared, &id).map(|()| json!({"ended": true})))
}

/// `GET /_emulator/tencent/webhook/idle?timeout_ms=N`: waits until every queue is empty and no
/// URL check runs (default 10 s, at most 60 s): 200 `{"idle": true}`, or 504 `{"idle": false}`.
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
        if shared.webhooks.idle() {
            return json_response(StatusCode::OK, &json!({ "idle": true }));
        }
        if Instant::now() >= give_up {
            return json_response(StatusCode::GATEWAY_TIMEOUT, &json!({ "idle": false }));
        }
        tokio::time::sleep(IDLE_POLL).await;
    }
}
