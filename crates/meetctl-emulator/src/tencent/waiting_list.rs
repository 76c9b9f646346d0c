//! `GET /v1/meetings/{meetingId}/waiting-room-participants?userid=U&page=&page_size=`: who is in
//! the meeting's waiting room now.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use super::call::{Call, is_creator, live_meeting};
use super::error::{TencentError, codes};
use super::query::{int_in, page_of, required};
use crate::state::{MeetingMember, Presence};

/// The longest `page_size`.
const MAX_PAGE_SIZE: i64 = 50;

/// The default `page_size`.
const DEFAULT_PAGE_SIZE: i64 = 10;

/// `{"meeting_id","meeting_code","subject"(base64),"schedule_start_time","schedule_end_time",
/// "current_page","current_size","total_count","total_page","participants":[{"userid",
/// "open_id","ms_open_id","uuid","user_name"(base64),"instanceid"}]}`, members in scenario
/// order. `userid` (required) must be the meeting's creator (9042 otherwise); a meeting not in
/// progress has an empty list; a dismissed one answers 9003 as every listing does.
pub(crate) fn list(call: &Call<'_>) -> Result<Value, TencentError> {
    let query = call.query;
    let userid = required(query, "userid")?;
    let page = int_in(query, "page", 1, 1..=i64::MAX)?;
    let page_size = int_in(query, "page_size", DEFAULT_PAGE_SIZE, 1..=MAX_PAGE_SIZE)?;
    let now = call.shared.clock.now_secs();
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    if !is_creator(meeting, call.identity, &userid) {
        return Err(TencentError::new(
            codes::NO_PERMISSION,
            "no permission: only the meeting's creator may list its waiting room",
        ));
    }
    let waiting: Vec<&MeetingMember> = if meeting.in_progress() {
        meeting.members.iter().filter(|m| m.presence == Presence::WaitingRoom).collect()
    } else {
        Vec::new()
    };
    let (items, total_page) = page_of(&waiting, page, page_size);
    let participants: Vec<Value> = items.iter().map(|m| waiting_member(m)).collect();
    let (start, end) = meeting.schedule(now);
    let mut answer = Map::new();
    answer.insert("meeting_id".into(), json!(meeting.meeting_id));
    if let Some(code) = &meeting.meeting_code {
        answer.insert("meeting_code".into(), json!(code));
    }
    answer.insert("subject".into(), json!(STANDARD.encode(meeting.subject.as_bytes())));
    answer.insert("schedule_start_time".into(), json!(start));
    answer.insert("schedule_end_time".into(), json!(end));
    answer.insert("current_page".into(), json!(page));
    answer.insert("current_size".into(), json!(participants.len()));
    answer.insert("total_count".into(), json!(waiting.len()));
    answer.insert("total_page".into(), json!(total_page));
    answer.insert("participants".into(), Value::Array(participants));
    Ok(Value::Object(answer))
}

/// One waiting member; ids and the name left out when unknown.
fn waiting_member(m: &MeetingMember) -> Value {
    let mut item = Map::new();
    let ids =
        [("userid", &m.userid), ("open_id", &m.openid), ("ms_open_id", &m.ms_open_id), ("uuid", &m.uuid)];
    for (key, id) in ids {
        if let Some(id) = id {
            item.insert(key.into(), json!(id));
        }
    }
    if let Some(name) = &m.name {
        item.insert("user_name".into(), json!(STANDARD.encode(name.as_bytes())));
    }
    item.insert("instanceid".into(), json!(m.instanceid));
    Value::Object(item)
}
