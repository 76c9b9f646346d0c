//! `PUT /v1/real-control/meetings/{meetingId}/mutes`: mute or unmute a participant.

use serde_json::{Value, json};

use super::call::{Call, live_meeting, require_manage_scope};
use super::error::TencentError;
use super::fields::boolean;
use super::operator::{OperatorTypes, parse_operator, parse_target, resolve};

/// Sets the target's `muted` to the body's `mute`.
pub(crate) fn set(call: &Call<'_>) -> Result<Value, TencentError> {
    require_manage_scope(call.identity)?;
    let operator = parse_operator(call.body, OperatorTypes::OpenIdOrMsOpenId, call.identity)?;
    let mute = boolean(call.body, "mute")?;
    let target = parse_target(call.body)?;
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    let index = resolve(meeting, &operator, &target)?;
    if let Some(p) = index.and_then(|i| meeting.members.get_mut(i)) {
        p.muted = mute;
    }
    Ok(json!({}))
}
