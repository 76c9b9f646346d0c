//! `PUT /v1/real-control/meetings/{meetingId}/mutes`: mute or unmute a participant.

use serde_json::{Map, Value, json};

use super::operator::{OperatorTypes, boolean, parse_operator, parse_target, resolve};
use super::video::require_manage_scope;
use super::{Identity, TencentError, visible_meeting};
use crate::state::Shared;

/// Sets the target's `muted` to the body's `mute`.
pub(crate) fn set(
    shared: &Shared,
    identity: &Identity,
    meeting_id: &str,
    body: &Map<String, Value>,
) -> Result<Value, TencentError> {
    require_manage_scope(identity)?;
    let operator = parse_operator(body, OperatorTypes::MsOpenId, identity)?;
    let mute = boolean(body, "mute")?;
    let target = parse_target(body)?;
    let mut state = shared.state();
    let meeting = visible_meeting(&mut state, identity, meeting_id)?;
    let index = resolve(meeting, &operator, &target)?;
    if let Some(p) = index.and_then(|i| meeting.participants.get_mut(i)) {
        p.muted = mute;
    }
    Ok(json!({}))
}
