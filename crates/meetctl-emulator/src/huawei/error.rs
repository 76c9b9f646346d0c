//! The Huawei error format: codes, `{"error_code","error_msg"}` bodies, and the answers every
//! API shares (injected faults, unknown paths, the empty 200 of the control APIs).

use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};

use crate::http_util::{json_response, raw_response};

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
    /// The webhook's `meeting.verify` was not answered as it must be (the emulator's choice).
    pub(crate) const WEBHOOK_VERIFY_FAILED: &str = "MMC.111076001";
    /// No webhook is configured (the emulator's choice).
    pub(crate) const WEBHOOK_NOT_CONFIGURED: &str = "MMC.111076002";
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
