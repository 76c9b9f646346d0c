//! Admin endpoints under `/_emulator/` (no authentication, never faulted, never logged).

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;

use crate::faults::Fault;
use crate::http_util::json_response;
use crate::huawei;
use crate::state::Shared;

/// The admin routes.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/_emulator/state", get(state))
        .route("/_emulator/faults", post(add_fault).delete(clear_faults))
        .route("/_emulator/clock", get(clock).post(set_clock))
        .route("/_emulator/huawei/revoke-tokens", post(revoke_tokens))
        .route("/_emulator/tencent/rejoin", post(tencent_rejoin))
        .merge(crate::admin_tencent::routes())
        .merge(crate::admin_huawei::routes())
}

/// An admin error: `{"error": "..."}`.
pub(crate) fn error(status: StatusCode, message: &str) -> Response {
    json_response(status, &json!({ "error": message }))
}

/// The 404 for an unknown admin path.
pub(crate) fn not_found(method: &Method, path: &str) -> Response {
    error(StatusCode::NOT_FOUND, &format!("no such admin endpoint: {method} {path}"))
}

/// Parses an admin request body; `Err` is the 400 response to send.
fn parse<T: for<'de> Deserialize<'de>>(body: &Bytes) -> Result<T, Box<Response>> {
    serde_json::from_slice(body)
        .map_err(|e| Box::new(error(StatusCode::BAD_REQUEST, &format!("invalid request body: {e}"))))
}

async fn state(State(shared): State<Arc<Shared>>) -> Response {
    json_response(StatusCode::OK, &shared.snapshot())
}

async fn add_fault(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    match parse::<Fault>(&body) {
        Ok(fault) => {
            let queued = fault.clone();
            shared.faults().push(fault);
            json_response(StatusCode::OK, &json!({ "queued": queued }))
        }
        Err(response) => *response,
    }
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> Response {
    shared.faults().clear();
    json_response(StatusCode::OK, &json!({ "cleared": true }))
}

/// `POST /_emulator/clock`: `{"advance_secs": N}` moves the clock by N seconds,
/// `{"offset_secs": N}` sets its offset from real time to N (a fake skew); not both.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockRequest {
    #[serde(default)]
    advance_secs: Option<i64>,
    #[serde(default)]
    offset_secs: Option<i64>,
}

/// The clock as the admin API reports it: `now` (Unix s), `offset_secs`, `date` (the `Date`
/// header the emulator sends now).
fn clock_json(shared: &Shared) -> serde_json::Value {
    let now = shared.clock.now_secs();
    json!({
        "now": now,
        "offset_secs": shared.clock.offset_secs(),
        "date": crate::timefmt::http_date(now),
    })
}

async fn clock(State(shared): State<Arc<Shared>>) -> Response {
    json_response(StatusCode::OK, &clock_json(&shared))
}

async fn set_clock(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    match parse::<ClockRequest>(&body) {
        Ok(ClockRequest { advance_secs: Some(secs), offset_secs: None }) => shared.clock.advance(secs),
        Ok(ClockRequest { advance_secs: None, offset_secs: Some(secs) }) => shared.clock.set_offset(secs),
        Ok(_) => {
            return error(StatusCode::BAD_REQUEST, "send exactly one of advance_secs and offset_secs");
        }
        Err(response) => return *response,
    }
    json_response(StatusCode::OK, &clock_json(&shared))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RevokeRequest {
    conference_id: String,
}

async fn revoke_tokens(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    match parse::<RevokeRequest>(&body) {
        Ok(req) => {
            let known =
                shared.state().huawei.conferences.iter().any(|c| c.conference_id == req.conference_id);
            if !known {
                return error(StatusCode::NOT_FOUND, &format!("no conference {:?}", req.conference_id));
            }
            let revoked = huawei::revoke_control_tokens(&shared, &req.conference_id);
            json_response(StatusCode::OK, &json!({ "revoked": revoked }))
        }
        Err(response) => *response,
    }
}

/// `POST /_emulator/tencent/rejoin`: a Tencent participant leaves and joins again on another
/// device (`{"meeting_id", "ms_open_id", "instanceid"}`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RejoinRequest {
    pub(crate) meeting_id: String,
    pub(crate) ms_open_id: String,
    pub(crate) instanceid: i64,
}

/// Applies a rejoin; `Err` is the status and message to answer with.
pub(crate) fn rejoin(shared: &Shared, req: &RejoinRequest) -> Result<(), (StatusCode, String)> {
    if !crate::scenario::TENCENT_INSTANCE_IDS.contains(&req.instanceid) {
        return Err((StatusCode::BAD_REQUEST, format!("{} is not a Tencent device type", req.instanceid)));
    }
    rejoin_locked(shared, req)?;
    crate::tencent::webhook::publish(shared, None);
    Ok(())
}

/// [`rejoin`] with the state locked.
fn rejoin_locked(shared: &Shared, req: &RejoinRequest) -> Result<(), (StatusCode, String)> {
    let now = shared.clock.now_secs();
    let mut state = shared.state();
    let meeting = state
        .tencent
        .meetings
        .iter_mut()
        .find(|m| m.meeting_id == req.meeting_id)
        .ok_or_else(|| (StatusCode::NOT_FOUND, format!("no meeting {:?}", req.meeting_id)))?;
    let index = meeting
        .members
        .iter()
        .position(|m| m.ms_open_id.as_deref() == Some(req.ms_open_id.as_str()))
        .ok_or_else(|| (StatusCode::NOT_FOUND, format!("no participant {:?}", req.ms_open_id)))?;
    let member = meeting.members.get_mut(index).ok_or((StatusCode::NOT_FOUND, String::new()))?;
    member.rejoin(req.instanceid).map_err(|why| (StatusCode::CONFLICT, why.to_owned()))?;
    // Leaving and joining again: the old stay ends, a new one starts.
    meeting.close_record(index, now);
    meeting.sync_attendance(now);
    Ok(())
}

async fn tencent_rejoin(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    match parse::<RejoinRequest>(&body) {
        Ok(req) => match rejoin(&shared, &req) {
            Ok(()) => json_response(StatusCode::OK, &json!({ "rejoined": true })),
            Err((status, message)) => error(status, &message),
        },
        Err(response) => *response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_rejects_garbage() {
        assert!(parse::<ClockRequest>(&Bytes::from_static(b"{")).is_err());
        assert!(parse::<ClockRequest>(&Bytes::from_static(b"{\"advance_secs\":\"x\"}")).is_err());
        assert!(parse::<ClockRequest>(&Bytes::from_static(b"{\"advance_secs\":5}")).is_ok());
        assert!(parse::<ClockRequest>(&Bytes::from_static(b"{\"offset_secs\":-5}")).is_ok());
        assert!(parse::<ClockRequest>(&Bytes::from_static(b"{\"skew\":5}")).is_err());
    }
}
