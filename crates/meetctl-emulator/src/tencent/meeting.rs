//! `GET /v1/meetings/{meetingId}?userid=U&instanceid=N`: meeting details.

use serde_json::{Value, json};

use super::call::{Call, visible_meeting};
use super::error::TencentError;
use crate::http_util::query_param;
use crate::scenario::TENCENT_INSTANCE_IDS;

/// The meeting's id and how many devices are in it (waiting-room and removed members not
/// counted). Still answers after the meeting was dismissed.
pub(crate) fn get(call: &Call<'_>) -> Result<Value, TencentError> {
    let query = call.query;
    let userid = query_param(query, "userid").filter(|u| !u.is_empty());
    if userid.is_none() {
        return Err(TencentError::param("query parameter userid is required"));
    }
    let instanceid = query_param(query, "instanceid")
        .ok_or_else(|| TencentError::param("query parameter instanceid is required"))?;
    let valid = instanceid.parse::<i64>().is_ok_and(|n| TENCENT_INSTANCE_IDS.contains(&n));
    if !valid {
        return Err(TencentError::param(format!(
            "query parameter instanceid {instanceid:?} is not a valid device type"
        )));
    }
    let mut state = call.shared.state();
    let meeting = visible_meeting(&mut state, call.identity, call.meeting_id)?;
    Ok(json!({
        "meeting_number": 1,
        "meeting_info_list": [{
            "meeting_id": meeting.meeting_id,
            "participant_count": meeting.members.iter().filter(|m| m.in_meeting()).count(),
        }],
    }))
}
