//! `PUT /v1/real-control/meetings/{meetingId}/cohosts`: set or revoke a co-host (seed 000).

use serde_json::{Map, Value, json};

use super::operator::{OperatorTypes, boolean, parse_operator, parse_target, resolve};
use super::{Identity, TencentError, visible_meeting};
use crate::scenario::TencentRole;
use crate::state::Shared;

/// Sets (`action: true`) or revokes (`action: false`) the target's co-host role.
pub(crate) fn set(
    shared: &Shared,
    identity: &Identity,
    meeting_id: &str,
    body: &Map<String, Value>,
) -> Result<Value, TencentError> {
    if matches!(identity, Identity::OAuth { .. }) {
        return Err(TencentError::param("OAuth 2.0 is not supported by this API"));
    }
    let operator = parse_operator(body, OperatorTypes::MsOpenId, identity)?;
    let action = boolean(body, "action")?;
    let target = parse_target(body)?;
    let mut state = shared.state();
    let meeting = visible_meeting(&mut state, identity, meeting_id)?;
    let Some(index) = resolve(meeting, &operator, &target)? else {
        return Ok(json!({}));
    };
    if let Some(p) = meeting.participants.get_mut(index) {
        match (action, p.role) {
            (true, TencentRole::Attendee) => p.role = TencentRole::Cohost,
            (false, TencentRole::Cohost) => p.role = TencentRole::Attendee,
            _ => {}
        }
    }
    Ok(json!({}))
}
