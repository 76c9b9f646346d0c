//! Tencent Meeting: error format, the request pipeline (authenticate, rate-limit, parse, act) and
//! the routes.

mod auth;
mod cohost;
mod dismiss;
mod fields;
mod meeting;
mod mute;
mod operator;
mod participants;
mod real_control;
mod settings;
mod video;
mod waiting_room;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::routing::{MethodFilter, on};
use serde_json::{Map, Value, json};

use crate::http_util::{json_object, json_response, path_segment, read_body};
use crate::state::{Meeting, Shared, State as EmulatorState};

pub(crate) use auth::Identity;

/// Tencent error codes the emulator uses.
pub(crate) mod codes {
    /// Bad meeting id.
    pub(crate) const BAD_MEETING_ID: i64 = 9002;
    /// Meeting does not exist (or is not visible to the caller).
    pub(crate) const NO_SUCH_MEETING: i64 = 9003;
    /// No permission: the operator is not the creator, host or a co-host.
    pub(crate) const NO_PERMISSION: i64 = 9042;
    /// Rooms devices cannot be moved to the waiting room.
    pub(crate) const ROOMS_NOT_MOVABLE: i64 = 9103;
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

/// One API call, parsed as far as every API shares: who sent it, the meeting, body and query.
pub(crate) struct Call<'a> {
    /// The emulator.
    pub(crate) shared: &'a Shared,
    /// The authenticated caller.
    pub(crate) identity: &'a Identity,
    /// The meeting id from the path (percent-decoded).
    pub(crate) meeting_id: &'a str,
    /// The JSON body (empty for GET).
    pub(crate) body: &'a Map<String, Value>,
    /// The raw query string.
    pub(crate) query: Option<&'a str>,
}

/// An API: the call → the 200 answer's JSON, or the error.
type Handler = fn(&Call<'_>) -> Result<Value, TencentError>;

/// `PUT /v1/real-control/meetings/{meetingId}/<suffix>`.
const REAL_CONTROL: [(&str, Handler); 10] = [
    ("cohosts", cohost::set),
    ("video", video::set),
    ("mutes", mute::set),
    ("kickout", real_control::kick_out),
    ("screen-shared", real_control::stop_screen_share),
    ("names", real_control::rename),
    ("waiting-room", waiting_room::operate),
    ("status", settings::status),
    ("doc", settings::doc),
    ("asr", settings::asr),
];

/// `/v1/meetings/{meetingId}<suffix>`.
const MEETINGS: [(MethodFilter, &str, Handler); 4] = [
    (MethodFilter::GET, "", meeting::get),
    (MethodFilter::POST, "/dismiss", dismiss::dismiss),
    (MethodFilter::GET, "/real-time-participants", participants::list),
    (MethodFilter::GET, "/ms-open-id", participants::ms_open_id),
];

/// The Tencent routes.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    let mut router = Router::new();
    for (suffix, handler) in REAL_CONTROL {
        router = router.route(
            &format!("/v1/real-control/meetings/{{meeting_id}}/{suffix}"),
            on(MethodFilter::PUT, move |State(s): State<Arc<Shared>>, req: Request| {
                serve(s, req, handler, 4)
            }),
        );
    }
    for (method, suffix, handler) in MEETINGS {
        router = router.route(
            &format!("/v1/meetings/{{meeting_id}}{suffix}"),
            on(method, move |State(s): State<Arc<Shared>>, req: Request| serve(s, req, handler, 3)),
        );
    }
    router
}

/// The 404 for a path that is no Tencent API.
pub(crate) fn not_found(method: &Method, path: &str) -> Response {
    TencentError::new(404, format!("no such API: {method} {path}"))
        .with_status(StatusCode::NOT_FOUND)
        .into_response()
}

async fn serve(shared: Arc<Shared>, req: Request, handler: Handler, segment: usize) -> Response {
    let (parts, body) = req.into_parts();
    let Some(body) = read_body(body).await else {
        return TencentError::param("request body could not be read (too large or cut short)")
            .into_response();
    };
    match handle(&shared, &parts, &body, handler, segment) {
        Ok(value) => json_response(StatusCode::OK, &value),
        Err(e) => e.into_response(),
    }
}

/// Authenticates, rate-limits, parses the body (PUT/POST) and the meeting id (path segment
/// `segment`), then runs the API.
fn handle(
    shared: &Shared,
    parts: &Parts,
    body: &Bytes,
    handler: Handler,
    segment: usize,
) -> Result<Value, TencentError> {
    let identity = auth::authenticate(shared, parts, body)?;
    auth::rate_limit(shared, &identity)?;
    let object = if parts.method == Method::PUT || parts.method == Method::POST {
        json_object(body).map_err(TencentError::param)?
    } else {
        Map::new()
    };
    let meeting_id = path_segment(parts.uri.path(), segment)
        .ok_or_else(|| TencentError::new(codes::BAD_MEETING_ID, "meeting id is not valid UTF-8"))?;
    handler(&Call {
        shared,
        identity: &identity,
        meeting_id: &meeting_id,
        body: &object,
        query: parts.uri.query(),
    })
}

/// The meeting `meeting_id` as the caller may see it: unknown, another app's, or (for OAuth)
/// another user's meeting → 9003.
pub(crate) fn visible_meeting<'a>(
    state: &'a mut EmulatorState,
    identity: &Identity,
    meeting_id: &str,
) -> Result<&'a mut Meeting, TencentError> {
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

/// The meeting as [`visible_meeting`] finds it, refused with 9003 once it has been dismissed
/// (every control and listing API after `dismiss`).
pub(crate) fn live_meeting<'a>(
    state: &'a mut EmulatorState,
    identity: &Identity,
    meeting_id: &str,
) -> Result<&'a mut Meeting, TencentError> {
    let meeting = visible_meeting(state, identity, meeting_id)?;
    if meeting.ended.is_some() {
        return Err(TencentError::new(codes::NO_SUCH_MEETING, format!("meeting {meeting_id} has ended")));
    }
    Ok(meeting)
}

/// OAuth callers need the `MANAGE_MEETING` scope (9042 otherwise); AK/SK callers pass.
pub(crate) fn require_manage_scope(identity: &Identity) -> Result<(), TencentError> {
    match identity {
        Identity::OAuth { scopes, .. } if !scopes.iter().any(|s| s == MANAGE_MEETING) => {
            Err(TencentError::new(
                codes::NO_PERMISSION,
                "no permission: the OAuth 2.0 token lacks the MANAGE_MEETING scope",
            ))
        }
        _ => Ok(()),
    }
}

/// The OAuth 2.0 scope the control APIs need.
const MANAGE_MEETING: &str = "MANAGE_MEETING";

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
