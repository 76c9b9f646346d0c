//! `PUT /v1/mmc/control/conferences/participants/mute`: mute or unmute a participant.

use axum::body::Bytes;
use axum::http::request::Parts;
use axum::response::Response;
use serde_json::Value;

use super::{HuaweiError, authorize_control, codes, empty_ok, find_participant};
use crate::http_util::json_object;
use crate::state::Shared;

/// `{"isMute":1}` mutes the participant, `{"isMute":0}` unmutes it.
pub(crate) fn set(shared: &Shared, parts: &Parts, body: &Bytes) -> Result<Response, HuaweiError> {
    let mut state = shared.state();
    let conference = authorize_control(shared, &state, parts)?;
    let bad = |msg: &str| HuaweiError::bad_request(codes::MMC_INVALID_PARAM, msg.to_string());
    let body = json_object(body).map_err(bad)?;
    let mute = match body.get("isMute").and_then(Value::as_i64) {
        Some(n @ (0 | 1)) => n == 1,
        _ => return Err(bad("isMute must be 0 or 1")),
    };
    let participant = find_participant(&state, conference, parts)?;
    if let Some(p) =
        state.huawei.conferences.get_mut(conference).and_then(|c| c.participants.get_mut(participant))
    {
        p.muted = mute;
    }
    Ok(empty_ok())
}
