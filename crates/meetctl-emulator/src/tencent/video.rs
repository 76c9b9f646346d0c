//! `PUT /v1/real-control/meetings/{meetingId}/video`: stop a participant's video (seed 001).

use serde_json::{Map, Value, json};

use super::operator::{OperatorTypes, parse_operator, parse_target, resolve};
use super::{Identity, TencentError, codes, visible_meeting};
use crate::state::Shared;

/// The OAuth 2.0 scope this API needs.
const MANAGE_MEETING: &str = "MANAGE_MEETING";

/// Turns the target's video off.
pub(crate) fn close(
    shared: &Shared,
    identity: &Identity,
    meeting_id: &str,
    body: &Map<String, Value>,
) -> Result<Value, TencentError> {
    require_manage_scope(identity)?;
    let operator = parse_operator(body, OperatorTypes::OpenIdOrMsOpenId, identity)?;
    let target = parse_target(body)?;
    let mut state = shared.state();
    let meeting = visible_meeting(&mut state, identity, meeting_id)?;
    let Some(index) = resolve(meeting, &operator, &target)? else {
        return Ok(json!({}));
    };
    if let Some(p) = meeting.participants.get_mut(index) {
        if !p.video_closable {
            return Err(TencentError::new(
                codes::VIDEO_NOT_CLOSABLE,
                "this device's video cannot be stopped",
            ));
        }
        p.video = false;
    }
    Ok(json!({}))
}

/// OAuth callers need the `MANAGE_MEETING` scope (9042 otherwise); AK/SK callers pass.
pub(crate) fn require_manage_scope(identity: &Identity) -> Result<(), TencentError> {
    match identity {
        Identity::OAuth { scopes, .. } if !scopes.iter().any(|s| s == MANAGE_MEETING) => {
            Err(TencentError::new(
                codes::NO_PERMISSION,
                "no permission: the OAuth 2.0 token lacks the MANAGE_MEETING scope",
            ))
        }
        _ => Ok(()),
    }
}
