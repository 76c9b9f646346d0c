//! `PUT /v1/real-control/meetings/{meetingId}/video`: stop a participant's video (seed 001), or
//! open an MRA device's video.

use serde_json::{Value, json};

use super::call::{Call, live_meeting, require_manage_scope};
use super::error::{TencentError, codes};
use super::fields::optional_boolean;
use super::operator::{OperatorTypes, parse_operator, parse_target, resolve};

/// `video` absent or false: turns the target's video off (9104 when it cannot be stopped).
/// `video: true`: turns an MRA device's video on (190004 for any other device).
pub(crate) fn set(call: &Call<'_>) -> Result<Value, TencentError> {
    require_manage_scope(call.identity)?;
    let operator = parse_operator(call.body, OperatorTypes::OpenIdOrMsOpenId, call.identity)?;
    let open = optional_boolean(call.body, "video")?.unwrap_or(false);
    let target = parse_target(call.body)?;
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    let Some(p) = resolve(meeting, &operator, &target)?.and_then(|i| meeting.members.get_mut(i)) else {
        return Ok(json!({}));
    };
    if open {
        if !p.mra {
            return Err(TencentError::param(
                "video: true (open the video) is only supported for MRA devices",
            ));
        }
        p.video = true;
    } else {
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
