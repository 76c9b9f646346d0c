//! The Tencent error format: the codes the emulator uses, `TencentError` and its JSON body.

use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::http_util::json_response;

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
