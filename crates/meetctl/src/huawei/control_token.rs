//! Meeting control tokens: `GET /v1/mmc/control/conferences/token` and its answer.

use serde_json::Value;

use super::token_cache::{FreshToken, checked_token};
use crate::encoding::query_string;
use crate::error::{Error, ErrorKind};
use crate::http::{HttpRequest, Method};
use crate::secret::Secret;

/// Lifetime assumed when the answer states none (the documented 30 minutes).
const DEFAULT_CONTROL_TOKEN_SECS: i64 = 30 * 60;

/// The token request for `conference_id` with its host or guest `password`.
pub(crate) fn token_request(
    conference_id: &str,
    password: &Secret,
    access_token: Option<&Secret>,
    nonce: &str,
) -> HttpRequest {
    let mut request = HttpRequest::new(Method::Get, "/v1/mmc/control/conferences/token");
    request.query = query_string(&[("conferenceID", conference_id)]);
    request.push_header("X-Password", password.expose().to_owned());
    request.push_header("X-Login-Type", "1");
    request.push_header("X-Nonce", nonce.to_owned());
    if let Some(access_token) = access_token {
        request.push_header("X-Access-Token", access_token.expose().to_owned());
    }
    request
}

/// Reads `data.token` and its lifetime. `confTokenExpireTime` (seconds from now) is preferred to
/// the absolute `expireTime` (ms), so a skewed local clock cannot keep a dead token alive.
pub(crate) fn parse_control_token(answer: &Value, now_ms: i64) -> Result<FreshToken, Error> {
    let data = answer.get("data").unwrap_or(answer);
    let token = data
        .get("token")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::new(ErrorKind::MalformedResponse, "the answer has no data.token"))?;
    let token = checked_token(token, "control token")?;
    let expires_at_ms = if let Some(secs) = data.get("confTokenExpireTime").and_then(Value::as_i64) {
        now_ms.saturating_add(secs.saturating_mul(1000))
    } else if let Some(at_ms) = data.get("expireTime").and_then(Value::as_i64) {
        at_ms
    } else {
        now_ms.saturating_add(DEFAULT_CONTROL_TOKEN_SECS * 1000)
    };
    Ok(FreshToken::new(token, now_ms, expires_at_ms))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lifetime_sources_in_order() {
        let rel =
            parse_control_token(&json!({"data": {"token": "t", "confTokenExpireTime": 1800}}), 0).unwrap();
        assert_eq!(rel.refresh_at_ms, 1_500_000);
        let abs = parse_control_token(&json!({"data": {"token": "t", "expireTime": 1_000_000}}), 0).unwrap();
        assert_eq!(abs.refresh_at_ms, 800_000);
        let none = parse_control_token(&json!({"data": {"token": "t"}}), 0).unwrap();
        assert_eq!(none.refresh_at_ms, 1_500_000);
        assert!(parse_control_token(&json!({"data": {}}), 0).is_err());
        // Absurd values from a server saturate instead of overflowing.
        let huge =
            parse_control_token(&json!({"data": {"token": "t", "confTokenExpireTime": i64::MAX}}), i64::MAX);
        assert!(huge.is_ok());
        let past =
            parse_control_token(&json!({"data": {"token": "t", "expireTime": i64::MIN}}), i64::MAX).unwrap();
        assert_eq!(past.refresh_at_ms, i64::MAX, "saturates");
        // A token that arrives already expired is still used for a while, not refetched per call.
        let stale =
            parse_control_token(&json!({"data": {"token": "t", "expireTime": 5}}), 1_000_000).unwrap();
        assert_eq!(stale.refresh_at_ms, 1_010_000);
    }

    #[test]
    fn conference_id_cannot_inject_a_parameter() {
        let r = token_request("1&participantID=x", &Secret::new("p"), None, "n");
        assert_eq!(r.query, "conferenceID=1%26participantID%3Dx");
    }
}
