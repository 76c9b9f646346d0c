//! `GET /v1/mmc/control/conferences/token`: meeting control tokens.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde_json::json;

use super::auth::access_token_is_live;
use super::control::control_token;
use super::error::{HuaweiError, codes};
use crate::http_util::{HeaderText, header, header_opt, json_response, query_param};
use crate::state::{ControlToken, Shared};

/// Issues a control token for `conferenceID`, by password or by refreshing a live token (sent raw
/// or as `Basic base64(token)`).
pub(crate) fn issue(shared: &Shared, parts: &Parts, _body: &Bytes) -> Result<Response, HuaweiError> {
    let headers = &parts.headers;
    let conference_id = query_param(parts.uri.query(), "conferenceID")
        .filter(|c| !c.is_empty())
        .ok_or_else(|| HuaweiError::bad_request(codes::MMC_INVALID_PARAM, "conferenceID is required"))?;
    if header_opt(headers, "X-Login-Type").map(str::trim) != Some("1") {
        return Err(HuaweiError::bad_request(codes::MMC_INVALID_PARAM, "X-Login-Type must be 1"));
    }
    match header(headers, "X-Access-Token") {
        HeaderText::Missing => {}
        HeaderText::Text(t) if access_token_is_live(shared, t) => {}
        _ => return Err(HuaweiError::usg_auth_failed()),
    }

    let now = shared.clock.now_millis();
    let ttl = shared.scenario.huawei.control_token_ttl_secs;
    let mut state = shared.state();
    let huawei = &mut state.huawei;
    let wrong =
        || HuaweiError::bad_request(codes::MMC_WRONG_PASSWORD, "conference not found or wrong password");
    let conference =
        huawei.conferences.iter().find(|c| c.conference_id == conference_id).ok_or_else(wrong)?;

    let refreshed_role = control_token(parts).map(|token| {
        token
            .and_then(|t| huawei.control_tokens.get(&t))
            .filter(|tok| tok.conference_id == conference_id && tok.expires_at_ms > now)
            .map(|tok| tok.role)
    });
    let role = match (refreshed_role, header(headers, "X-Password")) {
        (Some(Some(role)), _) => role,
        (Some(None), HeaderText::Missing) => return Err(HuaweiError::mmc_auth_failed()),
        (_, HeaderText::Text(p)) if p == conference.host_password => 1,
        (_, HeaderText::Text(p)) if p == conference.guest_password => 0,
        (None, HeaderText::Missing) => {
            return Err(HuaweiError::bad_request(
                codes::MMC_INVALID_PARAM,
                "X-Password (or X-Conference-Authorization) is required",
            ));
        }
        _ => return Err(wrong()),
    };
    if !conference.started {
        return Err(HuaweiError::bad_request(codes::MMC_NOT_STARTED, "conference has not started"));
    }
    if conference.ended {
        return Err(HuaweiError::bad_request(codes::MMC_CONFERENCE_ENDED, "conference has ended"));
    }

    let token = format!("stb{}", shared.random.hex(48));
    // Where the control WebSocket is: this emulator, as the client reached it.
    let ws_url = header_opt(headers, "Host").map(str::trim).filter(|h| !h.is_empty()).unwrap_or("127.0.0.1");
    let expires_at_ms = now.saturating_add(ttl.saturating_mul(1000));
    huawei.control_tokens.insert(token.clone(), ControlToken { conference_id, role, expires_at_ms });
    huawei.control_tokens_issued += 1;
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "httpCode": 200,
            "data": {
                "token": token,
                "role": role,
                "expireTime": expires_at_ms,
                "confTokenExpireTime": ttl,
                "wsURL": ws_url,
            },
        }),
    ))
}

/// Invalidates every control token of `conference_id`; returns how many there were.
pub(crate) fn revoke(shared: &Shared, conference_id: &str) -> usize {
    let mut state = shared.state();
    let tokens = &mut state.huawei.control_tokens;
    let before = tokens.len();
    tokens.retain(|_, t| t.conference_id != conference_id);
    before - tokens.len()
}
