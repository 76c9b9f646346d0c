//! `POST /v1/meetings/{meetingId}/dismiss`: end the meeting.

use serde_json::{Value, json};

use super::call::{Call, live_meeting, require_manage_scope};
use super::error::TencentError;
use super::fields::{integer, non_empty_string, optional_choice};
use super::operator::{OperatorTypes, Rights, check_operator, parse_operator};
use crate::state::Dismissal;

/// Ends the meeting; from then on every control and listing API answers 9003. With
/// `force_dismiss_meeting: 0` the meeting is only ended when nobody but the operator is in it.
pub(crate) fn dismiss(call: &Call<'_>) -> Result<Value, TencentError> {
    require_manage_scope(call.identity)?;
    let body = call.body;
    let operator = parse_operator(body, OperatorTypes::UserIdOrMsOpenId, call.identity)?;
    let reason_code = integer(body, "reason_code", "reason_code")?;
    let reason_detail = non_empty_string(body, "reason_detail", "reason_detail")?.map(str::to_string);
    let force_dismiss_meeting = optional_choice(body, "force_dismiss_meeting", &[0, 1])?.unwrap_or(1);
    let retrieve_code = optional_choice(body, "retrieve_code", &[0, 1])?.unwrap_or(0);
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    let me = check_operator(meeting, &operator, Rights::Manager)?;
    let others = meeting.members.iter().enumerate().any(|(i, m)| i != me && m.in_meeting());
    if force_dismiss_meeting == 0 && others {
        return Err(TencentError::param("force_dismiss_meeting is 0 but the meeting still has participants"));
    }
    meeting.ended = Some(Dismissal { reason_code, reason_detail, force_dismiss_meeting, retrieve_code });
    Ok(json!({}))
}
