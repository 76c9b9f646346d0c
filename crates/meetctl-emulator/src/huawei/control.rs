//! The meeting-control pipeline every `/v1/mmc/control/conferences/...` API shares: conference,
//! control token (raw or `Basic base64(token)`), ended conference, the token's rights, the body;
//! then the API itself, on the live conference.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value};

use super::error::{HuaweiError, codes, empty_ok};
use crate::http_util::{header_opt, json_object, json_response, query_param};
use crate::state::{Conference, Shared, WsToken};

/// Which control tokens may call an API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rights {
    /// Any live token of the conference (host or guest password).
    AnyToken,
    /// Only a token issued with the host password (role 1).
    Chair,
}

/// Whether an API reads a JSON body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Body {
    /// The body must be a JSON object.
    Json,
    /// The body is ignored.
    None,
}

/// One control call that passed the common checks.
pub(crate) struct Control<'a> {
    /// The conference it controls.
    pub(crate) conference: &'a mut Conference,
    /// The request (for `participantID`).
    pub(crate) parts: &'a Parts,
    /// The JSON body (empty for APIs without one).
    pub(crate) body: &'a Map<String, Value>,
    /// The WebSocket tokens issued so far (`wsToken` adds one).
    pub(crate) ws_tokens: &'a mut HashMap<String, WsToken>,
    /// The role of the caller's control token (1 host, 0 guest).
    pub(crate) role: u8,
    /// The emulator (its clock and random source).
    pub(crate) shared: &'a Shared,
}

impl Control<'_> {
    /// Issues and remembers a WebSocket token for the conference.
    pub(crate) fn issue_ws_token(&mut self) -> String {
        let token = self.shared.random.hex(48);
        let record = WsToken {
            conference_id: self.conference.conference_id.clone(),
            role: self.role,
            issued_at_ms: self.shared.clock.now_millis(),
            used: false,
        };
        self.ws_tokens.insert(token.clone(), record);
        token
    }
}

/// A control API: `Ok(None)` answers 200 with an empty body, `Ok(Some(v))` 200 with `v`.
pub(crate) type ControlHandler = fn(&mut Control<'_>) -> Result<Option<Value>, HuaweiError>;

/// The control token in `X-Conference-Authorization`: the raw token, or `Basic base64(token)`.
/// `None` when the header is missing or empty; `Some(None)` when a `Basic` value does not decode.
pub(crate) fn control_token(parts: &Parts) -> Option<Option<String>> {
    let value = header_opt(&parts.headers, "X-Conference-Authorization")?.trim();
    if value.is_empty() {
        return None;
    }
    let (scheme, encoded) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("basic") {
        return Some(Some(value.to_string()));
    }
    let encoded = encoded.trim();
    if encoded.is_empty() {
        return None;
    }
    Some(
        STANDARD
            .decode(encoded)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .filter(|t| !t.is_empty()),
    )
}

/// Runs a control API after the common checks, in this order: `conferenceID` missing or unknown
/// (400 MMC.111070005); token missing or empty (401 MMC.111070111); token unknown, expired, for
/// another conference or an undecodable `Basic` value (401 MMC.111070004); conference stopped
/// (400 MMC.111070005); guest token on a chair API (403 MMC.111070002); body not a JSON object
/// (400 MMC.111070001).
pub(crate) fn run(
    shared: &Shared,
    parts: &Parts,
    body: &Bytes,
    rights: Rights,
    wants: Body,
    handler: ControlHandler,
) -> Result<Response, HuaweiError> {
    let conference_id = query_param(parts.uri.query(), "conferenceID").unwrap_or_default();
    let mut state = shared.state();
    let huawei = &mut state.huawei;
    let index =
        huawei.conferences.iter().position(|c| c.conference_id == conference_id).ok_or_else(|| {
            HuaweiError::bad_request(
                codes::MMC_NO_SUCH_CONFERENCE,
                format!("conference {conference_id:?} does not exist"),
            )
        })?;
    let token = control_token(parts).ok_or_else(|| {
        HuaweiError::new(
            StatusCode::UNAUTHORIZED,
            codes::MMC_TOKEN_EMPTY,
            "X-Conference-Authorization (meeting control token) is empty",
        )
    })?;
    let now = shared.clock.now_millis();
    let role = token
        .and_then(|t| huawei.control_tokens.get(&t))
        .filter(|t| t.conference_id == conference_id && t.expires_at_ms > now)
        .map(|t| t.role)
        .ok_or_else(HuaweiError::mmc_auth_failed)?;
    let conference = huawei.conferences.get_mut(index).ok_or_else(HuaweiError::mmc_auth_failed)?;
    if conference.ended {
        return Err(HuaweiError::bad_request(
            codes::MMC_CONFERENCE_ENDED,
            format!("conference {conference_id:?} has ended"),
        ));
    }
    if rights == Rights::Chair && role != 1 {
        return Err(HuaweiError::new(
            StatusCode::FORBIDDEN,
            codes::MMC_NO_PERMISSION,
            "insufficient permissions: this control token was issued with the guest password",
        ));
    }
    let body = match wants {
        Body::Json => {
            json_object(body).map_err(|msg| HuaweiError::bad_request(codes::MMC_INVALID_PARAM, msg))?
        }
        Body::None => Map::new(),
    };
    let ws_tokens = &mut huawei.ws_tokens;
    let answer = handler(&mut Control { conference, parts, body: &body, ws_tokens, role, shared });
    // Whatever the handler changed is announced here, for every control API alike.
    super::notify::publish(shared, huawei, index);
    Ok(answer?.map_or_else(empty_ok, |v| json_response(StatusCode::OK, &v)))
}

/// A 400 MMC.111070001.
pub(crate) fn invalid(message: impl Into<String>) -> HuaweiError {
    HuaweiError::bad_request(codes::MMC_INVALID_PARAM, message)
}

/// A 400 MMC.111071011 for `participant_id`.
pub(crate) fn no_such_participant(participant_id: &str) -> HuaweiError {
    HuaweiError::bad_request(
        codes::MMC_NO_SUCH_PARTICIPANT,
        format!("participant {participant_id:?} is not in the conference"),
    )
}

/// A required integer field that must be one of `allowed` (400 MMC.111070001 naming it).
pub(crate) fn choice(body: &Map<String, Value>, key: &str, allowed: &[i64]) -> Result<i64, HuaweiError> {
    optional_choice(body, key, allowed)?.ok_or_else(|| invalid(format!("{key} is required")))
}

/// An optional integer field that must be one of `allowed` when given.
pub(crate) fn optional_choice(
    body: &Map<String, Value>,
    key: &str,
    allowed: &[i64],
) -> Result<Option<i64>, HuaweiError> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => match v.as_i64() {
            Some(n) if allowed.contains(&n) => Ok(Some(n)),
            _ => Err(invalid(format!("{key} must be one of {allowed:?}"))),
        },
    }
}

/// An optional string field.
pub(crate) fn optional_string<'a>(
    body: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a str>, HuaweiError> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(invalid(format!("{key} must be a string"))),
    }
}

/// A required, non-empty string field.
pub(crate) fn required_string<'a>(body: &'a Map<String, Value>, key: &str) -> Result<&'a str, HuaweiError> {
    optional_string(body, key)?.filter(|s| !s.is_empty()).ok_or_else(|| invalid(format!("{key} is required")))
}

/// A required, non-empty list of non-empty strings (participant ids).
pub(crate) fn id_list<'a>(body: &'a Map<String, Value>, key: &str) -> Result<Vec<&'a str>, HuaweiError> {
    let items = match body.get(key) {
        None | Some(Value::Null) => return Err(invalid(format!("{key} is required"))),
        Some(Value::Array(items)) if items.is_empty() => {
            return Err(invalid(format!("{key} must not be empty")));
        }
        Some(Value::Array(items)) => items,
        Some(_) => return Err(invalid(format!("{key} must be an array of participant ids"))),
    };
    items
        .iter()
        .map(|v| v.as_str().filter(|s| !s.is_empty()))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| invalid(format!("{key} must hold non-empty strings only")))
}

/// The index of the member named by the `participantID` query parameter, who must be in the
/// conference (not waiting, not removed), or 400 MMC.111071011.
pub(crate) fn query_participant(ctl: &Control<'_>) -> Result<usize, HuaweiError> {
    let participant_id = query_param(ctl.parts.uri.query(), "participantID").unwrap_or_default();
    member_in_meeting(ctl.conference, &participant_id)
}

/// The index of the member `participant_id` if in the conference, or 400 MMC.111071011.
pub(crate) fn member_in_meeting(conference: &Conference, participant_id: &str) -> Result<usize, HuaweiError> {
    conference
        .members
        .iter()
        .position(|m| m.participant_id == participant_id && m.in_meeting())
        .ok_or_else(|| no_such_participant(participant_id))
}

#[cfg(test)]
mod tests {
    use axum::http::Request;

    use super::*;

    fn parts(value: Option<&str>) -> Parts {
        let mut builder = Request::builder().uri("/x");
        if let Some(v) = value {
            builder = builder.header("X-Conference-Authorization", v);
        }
        builder.body(()).map(|r| r.into_parts().0).unwrap_or_else(|_| Request::new(()).into_parts().0)
    }

    #[test]
    fn control_token_raw_and_basic() {
        assert_eq!(control_token(&parts(Some("stbabc"))), Some(Some("stbabc".into())));
        let basic = format!("Basic {}", STANDARD.encode("stbabc"));
        assert_eq!(control_token(&parts(Some(&basic))), Some(Some("stbabc".into())));
        let lower = format!("basic {}", STANDARD.encode("stbabc"));
        assert_eq!(control_token(&parts(Some(&lower))), Some(Some("stbabc".into())));
        assert_eq!(control_token(&parts(Some("Basic !!!"))), Some(None));
        assert_eq!(control_token(&parts(Some("Basic "))), None);
        assert_eq!(control_token(&parts(Some(""))), None);
        assert_eq!(control_token(&parts(None)), None);
    }
}
