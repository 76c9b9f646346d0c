//! Huawei Cloud Meeting: error format, routes, and the checks shared by the control APIs.

mod auth;
mod conference;
mod control;
mod info;
mod invite;
mod participant;
mod role;
mod token;
mod waiting_room;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::routing::{MethodFilter, get, on, post};
use serde_json::{Value, json};

use crate::http_util::{json_response, raw_response, read_body};
use crate::state::Shared;
use control::{Body, ControlHandler, Rights};

pub(crate) use token::revoke as revoke_control_tokens;

/// Huawei error codes the emulator uses.
pub(crate) mod codes {
    /// Authentication failed (bad App ID signature, access token or account).
    pub(crate) const USG_AUTH_FAILED: &str = "USG.000000004";
    /// Invalid parameter in an authentication request.
    pub(crate) const USG_INVALID_PARAM: &str = "USG.000000005";
    /// The authentication request's `expireTime` has passed.
    pub(crate) const USG_EXPIRED: &str = "USG.000000006";
    /// The nonce was already used.
    pub(crate) const USG_NONCE_REUSED: &str = "USG.000000007";
    /// Generic meeting-control error (injected faults).
    pub(crate) const MMC_GENERIC: &str = "MMC.111070000";
    /// Invalid parameter.
    pub(crate) const MMC_INVALID_PARAM: &str = "MMC.111070001";
    /// Insufficient permissions.
    pub(crate) const MMC_NO_PERMISSION: &str = "MMC.111070002";
    /// Authentication failed (control token unknown, expired, revoked or for another conference).
    pub(crate) const MMC_AUTH_FAILED: &str = "MMC.111070004";
    /// Conference does not exist.
    pub(crate) const MMC_NO_SUCH_CONFERENCE: &str = "MMC.111070005";
    /// Conference has ended (`stop`): the emulator answers as for a conference that does not
    /// exist, with its own message.
    pub(crate) const MMC_CONFERENCE_ENDED: &str = MMC_NO_SUCH_CONFERENCE;
    /// Conference has not started.
    pub(crate) const MMC_NOT_STARTED: &str = "MMC.111070006";
    /// Control token is empty.
    pub(crate) const MMC_TOKEN_EMPTY: &str = "MMC.111070111";
    /// Participant does not exist.
    pub(crate) const MMC_NO_SUCH_PARTICIPANT: &str = "MMC.111071011";
    /// Conference not found or wrong password.
    pub(crate) const MMC_WRONG_PASSWORD: &str = "MMC.111072065";
    /// Flow control (rate limit).
    pub(crate) const FLOW_CONTROL: &str = "100000429";
    /// API gateway: no such API.
    pub(crate) const NO_SUCH_API: &str = "APIGW.0101";
}

/// The message of an authentication failure, shared by real checks and injected 401s.
const AUTH_FAILED_MSG: &str = "Authentication failed";

/// A Huawei-format error response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HuaweiError {
    /// HTTP status.
    pub(crate) status: StatusCode,
    /// `error_code`.
    pub(crate) code: &'static str,
    /// `error_msg`.
    pub(crate) message: String,
}

impl HuaweiError {
    /// An error with this status and code.
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        HuaweiError { status, code, message: message.into() }
    }

    /// 400 with `code`.
    pub(crate) fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        HuaweiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 401 USG.000000004.
    pub(crate) fn usg_auth_failed() -> Self {
        HuaweiError::new(StatusCode::UNAUTHORIZED, codes::USG_AUTH_FAILED, AUTH_FAILED_MSG)
    }

    /// 401 MMC.111070004.
    pub(crate) fn mmc_auth_failed() -> Self {
        HuaweiError::new(StatusCode::UNAUTHORIZED, codes::MMC_AUTH_FAILED, AUTH_FAILED_MSG)
    }

    /// The error as a response.
    pub(crate) fn into_response(self) -> Response {
        json_response(self.status, &error_body(self.code, &self.message))
    }
}

/// `{"error_code":"...","error_msg":"..."}`.
pub(crate) fn error_body(code: &str, message: &str) -> Value {
    json!({"error_code": code, "error_msg": message})
}

/// The response to an injected `status` fault on a Huawei path: a 401 is exactly the response of
/// a real authentication failure on that path; other statuses carry MMC.111070000.
pub(crate) fn injected_status(status: StatusCode, path: &str) -> Response {
    if status == StatusCode::UNAUTHORIZED {
        if path.starts_with("/v1/mmc") {
            HuaweiError::mmc_auth_failed().into_response()
        } else {
            HuaweiError::usg_auth_failed().into_response()
        }
    } else {
        HuaweiError::new(status, codes::MMC_GENERIC, format!("injected fault: HTTP {}", status.as_u16()))
            .into_response()
    }
}

/// The 404 for a Huawei-prefixed path that is no API.
pub(crate) fn not_found(method: &Method, path: &str) -> Response {
    HuaweiError::new(
        StatusCode::NOT_FOUND,
        codes::NO_SUCH_API,
        format!("The API does not exist or has not been published in the environment: {method} {path}"),
    )
    .into_response()
}

/// A 200 with an empty body, as the control APIs answer.
pub(crate) fn empty_ok() -> Response {
    raw_response(StatusCode::OK, "application/json;charset=UTF-8", "")
}

type Handler = fn(&Shared, &Parts, &Bytes) -> Result<Response, HuaweiError>;

/// Reads the body (400 MMC.111070001 when it cannot be), then runs `handler`.
async fn serve<F>(shared: Arc<Shared>, req: Request, handler: F) -> Response
where
    F: FnOnce(&Shared, &Parts, &Bytes) -> Result<Response, HuaweiError>,
{
    let (parts, body) = req.into_parts();
    let Some(body) = read_body(body).await else {
        return HuaweiError::bad_request(
            codes::MMC_INVALID_PARAM,
            "request body could not be read (too large or cut short)",
        )
        .into_response();
    };
    handler(&shared, &parts, &body).unwrap_or_else(HuaweiError::into_response)
}

/// A meeting-control API under `/v1/mmc/control/conferences/`.
struct ControlRoute {
    method: MethodFilter,
    path: &'static str,
    rights: Rights,
    body: Body,
    handler: ControlHandler,
}

const fn route(
    method: MethodFilter,
    path: &'static str,
    rights: Rights,
    body: Body,
    handler: ControlHandler,
) -> ControlRoute {
    ControlRoute { method, path, rights, body, handler }
}

const PUT: MethodFilter = MethodFilter::PUT;
const CHAIR: Rights = Rights::Chair;

/// Every meeting-control API: path under `/v1/mmc/control/conferences/`, who may call it, whether
/// it reads a JSON body, and what it does.
const CONTROL: [ControlRoute; 18] = [
    route(PUT, "participants/role", Rights::AnyToken, Body::Json, role::set),
    route(PUT, "participants/mute", CHAIR, Body::Json, participant::mute),
    route(PUT, "participants/cohost", CHAIR, Body::Json, participant::cohost),
    route(PUT, "participants/video", CHAIR, Body::Json, participant::video),
    route(PUT, "participants/hands", CHAIR, Body::Json, participant::hands),
    route(PUT, "participants/name", CHAIR, Body::Json, participant::rename),
    route(MethodFilter::POST, "participants/delete", CHAIR, Body::Json, participant::hang_up),
    route(MethodFilter::POST, "participants", CHAIR, Body::Json, invite::invite),
    route(PUT, "mute", CHAIR, Body::Json, conference::mute_all),
    route(PUT, "mute/guestUnMute", CHAIR, Body::Json, conference::guest_unmute),
    route(PUT, "lock", CHAIR, Body::Json, conference::lock),
    route(PUT, "record", CHAIR, Body::Json, conference::record),
    route(PUT, "stop", CHAIR, Body::None, conference::stop),
    route(PUT, "duration", CHAIR, Body::Json, conference::duration),
    route(PUT, "updateStartedConfConfig", CHAIR, Body::Json, conference::update_settings),
    route(PUT, "allowWaitingParticipant", CHAIR, Body::Json, waiting_room::admit),
    route(PUT, "batchMoveToWaitingRoom", CHAIR, Body::Json, waiting_room::move_in),
    route(MethodFilter::GET, "realTimeInfo", Rights::AnyToken, Body::None, info::real_time_info),
];

/// The Huawei routes.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    let mut router = Router::new()
        .route(
            "/v2/usg/acs/auth/appauth",
            post(|State(s): State<Arc<Shared>>, req: Request| serve(s, req, auth::app_auth as Handler)),
        )
        .route(
            "/v1/usg/acs/auth/account",
            post(|State(s): State<Arc<Shared>>, req: Request| serve(s, req, auth::account_auth as Handler)),
        )
        .route(
            "/v1/mmc/control/conferences/token",
            get(|State(s): State<Arc<Shared>>, req: Request| serve(s, req, token::issue as Handler)),
        );
    for r in &CONTROL {
        let (rights, body, handler) = (r.rights, r.body, r.handler);
        router = router.route(
            &format!("/v1/mmc/control/conferences/{}", r.path),
            on(r.method, move |State(s): State<Arc<Shared>>, req: Request| {
                serve(s, req, move |shared, parts, bytes| {
                    control::run(shared, parts, bytes, rights, body, handler)
                })
            }),
        );
    }
    router
}
