//! The meeting object of the query APIs (`V1MeetingsGet200ResponseMeetingInfoListInner` in the
//! vendor's SDKs) and `GET /v1/meetings/{meetingId}`.

use serde_json::{Map, Value, json};

use super::auth::Identity;
use super::call::{Call, visible_meeting};
use super::error::TencentError;
use super::query::{instanceid, optional, required_int};
use crate::state::{Meeting, Shared};

/// Where the emulator says a meeting can be joined (`join_url`).
const JOIN_URL_PREFIX: &str = "https://meeting.tencent.com/dm/";

/// Who a query API is asked for: `userid`, or `operator_id` + `operator_id_type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Asker {
    /// An enterprise userid (`userid`, or `operator_id_type` 1) or an OAuth open id (type 2).
    User(String),
    /// A Rooms device (`operator_id_type` 3).
    Rooms(String),
}

/// The asker of a query API: `operator_id` + `operator_id_type` (one of `types`) wins over
/// `userid`; one of them is required. A rooms_id must be a Rooms device of the scenario.
pub(crate) fn asker(shared: &Shared, query: Option<&str>, types: &[i64]) -> Result<Asker, TencentError> {
    if let Some(id) = optional(query, "operator_id") {
        let kind = required_int(query, "operator_id_type")?;
        if !types.contains(&kind) {
            return Err(TencentError::param(format!(
                "operator_id_type {kind} is not supported by this API (only {types:?})"
            )));
        }
        if kind == 3 {
            let known =
                shared.scenario.tencent.rooms.iter().any(|r| r.rooms_id.as_deref() == Some(id.as_str()));
            if !known {
                return Err(TencentError::param(format!(
                    "operator_id {id:?} is not a Rooms device (rooms_id)"
                )));
            }
            return Ok(Asker::Rooms(id));
        }
        return Ok(Asker::User(id));
    }
    match optional(query, "userid") {
        Some(userid) => Ok(Asker::User(userid)),
        None => Err(TencentError::param("query parameter userid (or operator_id) is required")),
    }
}

/// The meeting as the query APIs describe it at `now`. Besides the vendor's fields it carries
/// `participant_count` (devices in the meeting now), an emulator extension.
pub(crate) fn meeting_info(m: &Meeting, now: i64) -> Value {
    let (start, end) = m.schedule(now);
    let mut info = Map::new();
    info.insert("subject".into(), json!(m.subject));
    info.insert("meeting_id".into(), json!(m.meeting_id));
    if let Some(code) = &m.meeting_code {
        info.insert("meeting_code".into(), json!(code));
    }
    info.insert("type".into(), json!(0));
    info.insert("meeting_type".into(), json!(m.meeting_type));
    info.insert("status".into(), json!(m.status(now)));
    info.insert("start_time".into(), json!(start.to_string()));
    info.insert("end_time".into(), json!(end.to_string()));
    if let Some(creator) = &m.creator {
        info.insert("hosts".into(), json!([{ "userid": creator }]));
    }
    let users_with = |role: i64| -> Vec<Value> {
        m.members
            .iter()
            .filter(|p| p.in_meeting() && m.user_role(p) == role)
            .filter_map(|p| p.userid.as_ref().map(|u| json!({ "userid": u })))
            .collect()
    };
    let mut hosts = users_with(2);
    hosts.extend(users_with(3));
    info.insert("current_hosts".into(), Value::Array(hosts));
    info.insert("current_co_hosts".into(), Value::Array(users_with(6)));
    info.insert("join_url".into(), json!(format!("{JOIN_URL_PREFIX}{}", m.meeting_id)));
    info.insert("need_password".into(), json!(false));
    if m.meeting_type == 1 {
        if let Some(current) = m.current_sub_meeting(now) {
            info.insert("current_sub_meeting_id".into(), json!(current.sub_meeting_id));
        }
        let subs: Vec<Value> = m
            .sub_meetings
            .iter()
            .map(|s| {
                json!({
                    "sub_meeting_id": s.sub_meeting_id,
                    "status": 0,
                    "start_time": s.start_time.to_string(),
                    "end_time": s.end_time.to_string(),
                })
            })
            .collect();
        info.insert("sub_meetings".into(), Value::Array(subs));
        info.insert("has_more_sub_meeting".into(), json!(0));
        let remaining = m.sub_meetings.iter().filter(|s| s.end_time > now).count();
        info.insert("remain_sub_meetings".into(), json!(remaining));
    }
    info.insert("participant_count".into(), json!(m.members.iter().filter(|p| p.in_meeting()).count()));
    Value::Object(info)
}

/// `GET /v1/meetings/{meetingId}?userid=U&instanceid=N` (or `operator_id` +
/// `operator_id_type` 1, 2 or 3 instead of `userid`): `{"meeting_number":1,
/// "meeting_info_list":[meeting]}`; 9003 when the meeting does not exist or is another app's.
/// Still answers once the meeting is over.
pub(crate) fn get(call: &Call<'_>) -> Result<Value, TencentError> {
    let query = call.query;
    let who = asker(call.shared, query, &[1, 2, 3])?;
    let names_openid = optional(query, "operator_id").is_some()
        && optional(query, "operator_id_type").as_deref() == Some("2");
    if let (Asker::User(id), Identity::OAuth { open_id, .. }, true) = (&who, call.identity, names_openid) {
        if id != open_id {
            return Err(TencentError::param(
                "operator_id must equal the OpenId header when operator_id_type is 2",
            ));
        }
    }
    instanceid(query)?;
    let now = call.shared.clock.now_secs();
    let mut state = call.shared.state();
    let meeting = visible_meeting(&mut state, call.identity, call.meeting_id)?;
    Ok(json!({ "meeting_number": 1, "meeting_info_list": [meeting_info(meeting, now)] }))
}
