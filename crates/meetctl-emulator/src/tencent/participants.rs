//! Listing APIs: `GET /v1/meetings/{meetingId}/real-time-participants` and
//! `GET /v1/meetings/{meetingId}/ms-open-id`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use super::auth::Identity;
use super::call::{Call, live_meeting};
use super::error::{TencentError, codes};
use super::operator::{IdKind, Who, openid_operator};
use crate::http_util::query_param;
use crate::scenario::TencentRole;
use crate::state::MeetingMember;

/// The largest `page_size` the listing accepts.
const MAX_PAGE_SIZE: i64 = 50;

/// A required query parameter.
fn required(query: Option<&str>, name: &str) -> Result<String, TencentError> {
    query_param(query, name)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| TencentError::param(format!("query parameter {name} is required")))
}

/// A required integer query parameter.
fn required_int(query: Option<&str>, name: &str) -> Result<i64, TencentError> {
    required(query, name)?
        .parse()
        .map_err(|_| TencentError::param(format!("query parameter {name} must be an integer")))
}

/// `operator_id` + `operator_id_type` from the query: 1 userid, or 2 openid (an OAuth caller may
/// only name itself).
fn query_operator(query: Option<&str>, identity: &Identity) -> Result<(IdKind, String), TencentError> {
    let id = required(query, "operator_id")?;
    let kind = match required_int(query, "operator_id_type")? {
        1 => IdKind::UserId,
        2 if matches!(identity, Identity::AkSk { .. }) => IdKind::OpenId,
        2 => openid_operator(identity, &id)?,
        t => {
            return Err(TencentError::param(format!(
                "operator_id_type {t} is not supported by this API (1 userid, 2 openid)"
            )));
        }
    };
    Ok((kind, id))
}

/// The members in the meeting (not waiting, not removed), a page at a time. The operator must be
/// the creator, the host or a co-host, in the meeting on any device.
pub(crate) fn list(call: &Call<'_>) -> Result<Value, TencentError> {
    let (kind, id) = query_operator(call.query, call.identity)?;
    let page = required_int(call.query, "page")?;
    if page < 1 {
        return Err(TencentError::param(format!("query parameter page must be at least 1, not {page}")));
    }
    let page_size = required_int(call.query, "page_size")?;
    if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
        return Err(TencentError::param(format!(
            "query parameter page_size must be 1 to {MAX_PAGE_SIZE}, not {page_size}"
        )));
    }
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    let operator = Who { kind, id, instanceid: 0 };
    let allowed = meeting
        .members
        .iter()
        .any(|m| operator.matches_id(m) && m.in_meeting() && m.role != TencentRole::Attendee);
    if !allowed {
        return Err(TencentError::new(
            codes::NO_PERMISSION,
            "no permission: the operator is not the creator, host or a co-host in this meeting",
        ));
    }
    let present: Vec<&MeetingMember> = meeting.members.iter().filter(|m| m.in_meeting()).collect();
    let total = present.len();
    // Both bounds are small positive numbers (page_size ≤ 50, page ≥ 1).
    let size = usize::try_from(page_size).unwrap_or(1);
    let skip = usize::try_from(page - 1).unwrap_or(usize::MAX).saturating_mul(size);
    let items: Vec<Value> =
        present.iter().skip(skip).take(size).map(|m| participant(m, meeting.user_role(m))).collect();
    let mut answer = Map::new();
    answer.insert("meeting_id".into(), json!(meeting.meeting_id));
    if let Some(code) = &meeting.meeting_code {
        answer.insert("meeting_code".into(), json!(code));
    }
    answer.insert("status".into(), json!("MEETING_STATE_STARTED"));
    answer.insert("current_page".into(), json!(page));
    answer.insert("current_size".into(), json!(items.len()));
    answer.insert("total_count".into(), json!(total));
    answer.insert("total_page".into(), json!(total.div_ceil(size)));
    answer.insert("participants".into(), Value::Array(items));
    Ok(Value::Object(answer))
}

/// One entry of the listing; ids and the name are left out when unknown.
fn participant(m: &MeetingMember, user_role: i64) -> Value {
    let mut item = Map::new();
    let ids = [("userid", &m.userid), ("open_id", &m.openid), ("ms_open_id", &m.ms_open_id)];
    for (key, id) in ids {
        if let Some(id) = id {
            item.insert(key.into(), json!(id));
        }
    }
    if let Some(name) = &m.name {
        item.insert("user_name".into(), json!(STANDARD.encode(name.as_bytes())));
    }
    item.insert("instanceid".into(), json!(m.instanceid));
    item.insert("user_role".into(), json!(user_role));
    item.insert("audio_state".into(), json!(!m.muted));
    item.insert("video_state".into(), json!(m.video));
    item.insert("screen_shared_state".into(), json!(m.sharing_screen));
    Value::Object(item)
}

/// The ms_open_id of the user `operator_id` names (1 userid, 2 openid); 190004 when no member
/// of the meeting (in it, waiting or removed) has that id. `ms_open_id` is left out when the
/// member has none.
pub(crate) fn ms_open_id(call: &Call<'_>) -> Result<Value, TencentError> {
    let (kind, id) = query_operator(call.query, call.identity)?;
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    let who = Who { kind, id, instanceid: 0 };
    let member = meeting.members.iter().find(|m| who.matches_id(m)).ok_or_else(|| {
        TencentError::param(format!("operator_id {:?} is not a participant of this meeting", who.id))
    })?;
    let mut answer = Map::new();
    answer.insert("meeting_id".into(), json!(meeting.meeting_id));
    if let Some(ms_open_id) = &member.ms_open_id {
        answer.insert("ms_open_id".into(), json!(ms_open_id));
    }
    Ok(Value::Object(answer))
}
