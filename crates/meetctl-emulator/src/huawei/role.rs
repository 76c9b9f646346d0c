//! `PUT /v1/mmc/control/conferences/participants/role`: apply for or relinquish the host role
//! (seed 002).

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde_json::Value;

use super::{HuaweiError, authorize_control, codes, empty_ok, find_participant};
use crate::http_util::json_object;
use crate::scenario::HuaweiRole;
use crate::state::Shared;

/// `{"applyChair":1,"chairmanPwd":".."}` makes the participant host (the previous host becomes a
/// participant); `{"applyChair":0}` leaves the conference without a host if the participant was it.
pub(crate) fn set(shared: &Shared, parts: &Parts, body: &Bytes) -> Result<Response, HuaweiError> {
    let mut state = shared.state();
    let conference = authorize_control(shared, &state, parts)?;
    let bad = |msg: &str| HuaweiError::bad_request(codes::MMC_INVALID_PARAM, msg.to_string());
    let body = json_object(body).map_err(bad)?;
    let apply = match body.get("applyChair").and_then(Value::as_i64) {
        Some(n @ (0 | 1)) => n == 1,
        _ => return Err(bad("applyChair must be 0 or 1")),
    };
    let password = match body.get("chairmanPwd") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.as_str()),
        Some(_) => return Err(bad("chairmanPwd must be a string")),
    };
    let participant = find_participant(&state, conference, parts)?;
    let Some(conf) = state.huawei.conferences.get_mut(conference) else {
        return Err(bad("conference vanished"));
    };
    if apply {
        if password != Some(conf.host_password.as_str()) {
            return Err(HuaweiError::new(
                StatusCode::FORBIDDEN,
                codes::MMC_NO_PERMISSION,
                "insufficient permissions: wrong chairman password",
            ));
        }
        for (i, p) in conf.participants.iter_mut().enumerate() {
            p.role = if i == participant { HuaweiRole::Host } else { HuaweiRole::Participant };
        }
    } else if let Some(p) = conf.participants.get_mut(participant) {
        p.role = HuaweiRole::Participant;
    }
    Ok(empty_ok())
}
