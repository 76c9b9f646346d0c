//! `PUT /v1/real-control/meetings/{meetingId}/cohosts`: set or revoke a co-host (seed 000).

use serde_json::{Value, json};

use super::auth::Identity;
use super::call::{Call, live_meeting};
use super::error::TencentError;
use super::fields::boolean;
use super::operator::{OperatorTypes, parse_operator, parse_target, resolve};
use crate::scenario::TencentRole;

/// Sets (`action: true`) or revokes (`action: false`) the target's co-host role.
pub(crate) fn set(call: &Call<'_>) -> Result<Value, TencentError> {
    if matches!(call.identity, Identity::OAuth { .. }) {
        return Err(TencentError::param("OAuth 2.0 is not supported by this API"));
    }
    let operator = parse_operator(call.body, OperatorTypes::MsOpenIdOnly, call.identity)?;
    let action = boolean(call.body, "action")?;
    let target = parse_target(call.body)?;
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    let Some(index) = resolve(meeting, &operator, &target)? else {
        return Ok(json!({}));
    };
    if let Some(p) = meeting.members.get_mut(index) {
        match (action, p.role) {
            (true, TencentRole::Attendee) => p.role = TencentRole::Cohost,
            (false, TencentRole::Cohost) => p.role = TencentRole::Attendee,
            _ => {}
        }
    }
    Ok(json!({}))
}
