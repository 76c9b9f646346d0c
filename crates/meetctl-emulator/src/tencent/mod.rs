//! Tencent Meeting: the request pipeline (authenticate, rate-limit, parse, act) and the routes;
//! the error format is in `error.rs`, what every API is given in `call.rs`.

mod auth;
mod call;
pub(crate) mod calls;
mod cohost;
mod dismiss;
mod error;
mod fields;
mod history;
pub(crate) mod layouts;
mod lookup;
mod meeting;
mod mute;
mod operator;
mod participants;
mod query;
mod reach;
mod real_control;
mod rooms;
mod settings;
mod video;
mod waiting_list;
mod waiting_room;
pub(crate) mod webhook;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::routing::{MethodFilter, on};
use serde_json::{Map, Value};

use crate::http_util::{json_object, json_response, path_segment, read_body};
use crate::state::Shared;

use call::Call;
pub(crate) use error::{TencentError, codes};

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
const MEETINGS: [(MethodFilter, &str, Handler); 10] = [
    (MethodFilter::POST, "/layouts", layouts::add),
    (MethodFilter::POST, "/advanced-layouts", layouts::add_advanced),
    (MethodFilter::PUT, "/applying-layout", layouts::apply),
    (MethodFilter::POST, "/release-rooms", reach::release_rooms),
    (MethodFilter::GET, "", meeting::get),
    (MethodFilter::POST, "/dismiss", dismiss::dismiss),
    (MethodFilter::GET, "/real-time-participants", participants::list),
    (MethodFilter::GET, "/ms-open-id", participants::ms_open_id),
    (MethodFilter::GET, "/waiting-room-participants", waiting_list::list),
    (MethodFilter::GET, "/participants", history::list),
];

/// The other APIs that change something: (method, path, path segment of the meeting id, API).
const CHANGES: [(MethodFilter, &str, Option<usize>, Handler); 5] = [
    (MethodFilter::PUT, "/v1/meeting-rooms/room-call", None, reach::room_call),
    (MethodFilter::PUT, "/v1/meeting-rooms/cancel-room-call", None, reach::cancel_room_call),
    (MethodFilter::POST, "/v1/meeting-rooms/room-call-info", None, reach::room_call_info),
    (MethodFilter::POST, "/v1/meeting/{meeting_id}/phone/callout", Some(3), reach::phone_callout),
    (MethodFilter::POST, "/v1/meeting/{meeting_id}/phone/cancelcall", Some(3), reach::cancel_phone_callout),
];

/// Routes whose path has no meeting id, or another id: (path, path segment of the id, API).
const OTHERS: [(&str, Option<usize>, Handler); 2] = [
    ("/v1/meetings", None, lookup::list),
    ("/v1/meeting-rooms/{operator_id}/meetings", Some(3), rooms::meetings),
];

/// The Tencent routes.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    let mut router = Router::new();
    for (suffix, handler) in REAL_CONTROL {
        router = router.route(
            &format!("/v1/real-control/meetings/{{meeting_id}}/{suffix}"),
            on(MethodFilter::PUT, move |State(s): State<Arc<Shared>>, req: Request| {
                serve(s, req, handler, Some(4))
            }),
        );
    }
    for (method, suffix, handler) in MEETINGS {
        router = router.route(
            &format!("/v1/meetings/{{meeting_id}}{suffix}"),
            on(method, move |State(s): State<Arc<Shared>>, req: Request| serve(s, req, handler, Some(3))),
        );
    }
    for (method, path, segment, handler) in CHANGES {
        router = router.route(
            path,
            on(method, move |State(s): State<Arc<Shared>>, req: Request| serve(s, req, handler, segment)),
        );
    }
    for (path, segment, handler) in OTHERS {
        router = router.route(
            path,
            on(MethodFilter::GET, move |State(s): State<Arc<Shared>>, req: Request| {
                serve(s, req, handler, segment)
            }),
        );
    }
    router
}

pub(crate) use reach::answer as answer_call;

/// The 404 for a path that is no Tencent API.
pub(crate) fn not_found(method: &Method, path: &str) -> Response {
    TencentError::new(404, format!("no such API: {method} {path}"))
        .with_status(StatusCode::NOT_FOUND)
        .into_response()
}

async fn serve(shared: Arc<Shared>, req: Request, handler: Handler, segment: Option<usize>) -> Response {
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
/// `segment`, when the path has one), then runs the API; afterwards every meeting's join/leave
/// records follow what the API changed.
fn handle(
    shared: &Shared,
    parts: &Parts,
    body: &Bytes,
    handler: Handler,
    segment: Option<usize>,
) -> Result<Value, TencentError> {
    let identity = auth::authenticate(shared, parts, body)?;
    auth::rate_limit(shared, &identity)?;
    let object = if parts.method == Method::PUT || parts.method == Method::POST {
        json_object(body).map_err(TencentError::param)?
    } else {
        Map::new()
    };
    let meeting_id = match segment {
        Some(segment) => path_segment(parts.uri.path(), segment)
            .ok_or_else(|| TencentError::new(codes::BAD_MEETING_ID, "meeting id is not valid UTF-8"))?,
        None => String::new(),
    };
    let answer = handler(&Call {
        shared,
        identity: &identity,
        meeting_id: &meeting_id,
        body: &object,
        query: parts.uri.query(),
    });
    sync_attendance(shared);
    webhook::publish(shared, webhook::Actor::from_body(&object).as_ref());
    answer
}

/// Closes and opens join/leave records of every meeting after a change (an API call, a rejoin).
pub(crate) fn sync_attendance(shared: &Shared) {
    let now = shared.clock.now_secs();
    for meeting in &mut shared.state().tencent.meetings {
        meeting.sync_attendance(now);
    }
}
