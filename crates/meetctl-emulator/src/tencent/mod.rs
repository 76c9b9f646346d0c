//! Tencent Meeting: error format, the request pipeline (authenticate, rate-limit, parse, act) and
//! the routes.

mod auth;
mod cohost;
mod meeting;
mod mute;
mod operator;
mod video;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::routing::{get, put};
use serde_json::{Map, Value, json};

use crate::http_util::{json_object, json_response, path_segment, read_body};
use crate::scenario::TencentMeeting;
use crate::state::{Shared, State as EmulatorState};

pub(crate) use auth::Identity;

/// Tencent error codes the emulator uses.
pub(crate) mod codes {
    /// Bad meeting id.
    pub(crate) const BAD_MEETING_ID: i64 = 9002;
    /// Meeting does not exist (or is not visible to the caller).
    pub(crate) const NO_SUCH_MEETING: i64 = 9003;
    /// No permission: the operator is not the creator, host or a co-host.
    pub(crate) const NO_PERMISSION: i64 = 9042;
    /// This device's video cannot be stopped.
    pub(crate) const VIDEO_NOT_CLOSABLE: i64 = 9104;
    /// Invalid parameter.
    pub(crate) const INVALID_PARAM: i64 = 190_004;
    /// Timestamp too far from the server clock.
    pub(crate) const BAD_TIMESTAMP: i64 = 190_300;
    /// Replayed timestamp + nonce.
    pub(crate) const REPLAY: i64 = 190_301;
    /// Unknown key, AppId or SdkId (or OAuth token).
    pub(crate) const BAD_CREDENTIALS: i64 = 190_303;
    /// Per-minute rate limit.
    pub(crate) const RATE_LIMITED: i64 = 190_310;
    /// Signature mismatch.
    pub(crate) const BAD_SIGNATURE: i64 = 200_003;
}

/// A Tencent-format error response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TencentError {
    /// HTTP status.
    pub(crate) status: StatusCode,
    /// `error_code`.
    pub(crate) code: i64,
    /// `message`.
    pub(crate) message: String,
    /// `Retry-After` seconds, for rate limiting.
    pub(crate) retry_after: Option<u64>,
}

impl TencentError {
    /// A 400 error with `code`.
    pub(crate) fn new(code: i64, message: impl Into<String>) -> TencentError {
        TencentError { status: StatusCode::BAD_REQUEST, code, message: message.into(), retry_after: None }
    }

    /// A 400 invalid-parameter error (190004).
    pub(crate) fn param(message: impl Into<String>) -> TencentError {
        TencentError::new(codes::INVALID_PARAM, message)
    }

    /// The same error with another status.
    pub(crate) fn with_status(mut self, status: StatusCode) -> TencentError {
        self.status = status;
        self
    }

    /// The error as a response.
    pub(crate) fn into_response(self) -> Response {
        let mut response = json_response(self.status, &error_body(self.code, &self.message));
        if let Some(secs) = self.retry_after {
            response.headers_mut().insert("retry-after", HeaderValue::from(secs));
        }
        response
    }
}

/// `{"error_info":{"error_code":N,"new_error_code":200000000+N,"message":"..."}}`; the new code
/// only for codes of six digits or more.
pub(crate) fn error_body(code: i64, message: &str) -> Value {
    let mut info = Map::new();
    info.insert("error_code".into(), json!(code));
    if code >= 100_000 {
        info.insert("new_error_code".into(), json!(200_000_000 + code));
    }
    info.insert("message".into(), json!(message));
    json!({ "error_info": info })
}

/// The emulator's Tencent APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Api {
    Cohosts,
    Video,
    Mutes,
    GetMeeting,
}

/// The Tencent routes.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route(
            "/v1/real-control/meetings/{meeting_id}/cohosts",
            put(|State(s): State<Arc<Shared>>, req: Request| serve(s, req, Api::Cohosts)),
        )
        .route(
            "/v1/real-control/meetings/{meeting_id}/video",
            put(|State(s): State<Arc<Shared>>, req: Request| serve(s, req, Api::Video)),
        )
        .route(
            "/v1/real-control/meetings/{meeting_id}/mutes",
            put(|State(s): State<Arc<Shared>>, req: Request| serve(s, req, Api::Mutes)),
        )
        .route(
            "/v1/meetings/{meeting_id}",
            get(|State(s): State<Arc<Shared>>, req: Request| serve(s, req, Api::GetMeeting)),
        )
}

/// The 404 for a path that is no Tencent API.
pub(crate) fn not_found(method: &Method, path: &str) -> Response {
    TencentError::new(404, format!("no such API: {method} {path}"))
        .with_status(StatusCode::NOT_FOUND)
        .into_response()
}

async fn serve(shared: Arc<Shared>, req: Request, api: Api) -> Response {
    let (parts, body) = req.into_parts();
    let Some(body) = read_body(body).await else {
        return TencentError::param("request body could not be read (too large or cut short)")
            .into_response();
    };
    match handle(&shared, &parts, &body, api) {
        Ok(value) => json_response(StatusCode::OK, &value),
        Err(e) => e.into_response(),
    }
}

fn handle(shared: &Shared, parts: &Parts, body: &Bytes, api: Api) -> Result<Value, TencentError> {
    let identity = auth::authenticate(shared, parts, body)?;
    auth::rate_limit(shared, &identity)?;
    let object = if parts.method == Method::PUT || parts.method == Method::POST {
        json_object(body).map_err(TencentError::param)?
    } else {
        Map::new()
    };
    let path = parts.uri.path();
    let segment = if api == Api::GetMeeting { 3 } else { 4 };
    let meeting_id = path_segment(path, segment)
        .ok_or_else(|| TencentError::new(codes::BAD_MEETING_ID, "meeting id is not valid UTF-8"))?;
    match api {
        Api::Cohosts => cohost::set(shared, &identity, &meeting_id, &object),
        Api::Video => video::close(shared, &identity, &meeting_id, &object),
        Api::Mutes => mute::set(shared, &identity, &meeting_id, &object),
        Api::GetMeeting => meeting::get(shared, &identity, &meeting_id, parts.uri.query()),
    }
}

/// The meeting `meeting_id` as the caller may see it: unknown, another app's, or (for OAuth)
/// another user's meeting → 9003.
pub(crate) fn visible_meeting<'a>(
    state: &'a mut EmulatorState,
    identity: &Identity,
    meeting_id: &str,
) -> Result<&'a mut TencentMeeting, TencentError> {
    let not_found =
        || TencentError::new(codes::NO_SUCH_MEETING, format!("meeting {meeting_id} does not exist"));
    let meeting =
        state.tencent.meetings.iter_mut().find(|m| m.meeting_id == meeting_id).ok_or_else(not_found)?;
    let visible = match identity {
        Identity::AkSk { app_id, .. } => meeting.app_id.as_ref().is_none_or(|a| a == app_id),
        Identity::OAuth { open_id, .. } => meeting.oauth_open_id.as_ref() == Some(open_id),
    };
    if visible { Ok(meeting) } else { Err(not_found()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_error_code_only_for_long_codes() {
        let b = error_body(190_303, "x");
        assert_eq!(b["error_info"]["new_error_code"], json!(200_190_303));
        let b = error_body(9003, "x");
        assert!(b["error_info"].get("new_error_code").is_none());
        assert_eq!(b["error_info"]["error_code"], json!(9003));
    }
}
