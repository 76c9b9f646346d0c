//! `GET /v1/meetings/{meetingId}/participants?userid=U&sub_meeting_id=&pos=&size=`: the meeting's
//! join/leave records (one per stay), a page at a time.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use super::auth::Identity;
use super::call::{Call, is_creator, visible_meeting};
use super::error::{TencentError, codes};
use super::meeting::{Asker, asker};
use super::query::{int_in, optional, optional_int};
use crate::state::{Attendance, Meeting};

/// The largest `size`.
const MAX_SIZE: i64 = 100;

/// The default `size`.
const DEFAULT_SIZE: i64 = 20;

/// `{"meeting_id","meeting_code","subject","schedule_start_time","schedule_end_time" (strings),
/// "total_count","has_remaining","next_pos","participants":[{"userid","open_id","ms_open_id",
/// "uuid","user_name"(base64),"instanceid","user_role","join_type","join_time","left_time"}]}`,
/// records by join time. Someone still there has no `left_time`. The asker (`userid`, or
/// `operator_id` + `operator_id_type` 1, 2 or 3) must be the creator, or a Rooms device the
/// meeting is booked on (9042 otherwise). A recurring meeting needs `sub_meeting_id` (190004)
/// and lists that occurrence's records. Works after the meeting is over.
pub(crate) fn list(call: &Call<'_>) -> Result<Value, TencentError> {
    let query = call.query;
    let who = asker(call.shared, query, &[1, 2, 3])?;
    let sub_meeting_id = optional(query, "sub_meeting_id");
    let pos = int_in(query, "pos", 0, 0..=i64::MAX)?;
    let size = int_in(query, "size", DEFAULT_SIZE, 1..=MAX_SIZE)?;
    let from = optional_int(query, "start_time")?;
    let to = optional_int(query, "end_time")?;
    let now = call.shared.clock.now_secs();
    let mut state = call.shared.state();
    let meeting = visible_meeting(&mut state, call.identity, call.meeting_id)?;
    check_asker(call, meeting, &who)?;
    if meeting.meeting_type == 1 {
        let Some(sub) = &sub_meeting_id else {
            return Err(TencentError::param(
                "query parameter sub_meeting_id is required for a recurring meeting",
            ));
        };
        if !meeting.sub_meetings.iter().any(|s| &s.sub_meeting_id == sub) {
            return Err(TencentError::param(format!(
                "sub_meeting_id {sub:?} is not an occurrence of this meeting"
            )));
        }
    }
    let records: Vec<&Attendance> = meeting
        .attendance
        .iter()
        .filter(|r| meeting.meeting_type != 1 || r.sub_meeting_id == sub_meeting_id)
        .filter(|r| from.is_none_or(|f| r.join_time >= f) && to.is_none_or(|t| r.join_time <= t))
        .collect();
    let total = records.len();
    let skip = usize::try_from(pos).unwrap_or(usize::MAX).min(total);
    let take = usize::try_from(size).unwrap_or(1);
    let page: Vec<Value> = records.iter().skip(skip).take(take).map(|r| record(r)).collect();
    let next_pos = skip.saturating_add(page.len());
    let (start, end) =
        match meeting.sub_meetings.iter().find(|s| Some(&s.sub_meeting_id) == sub_meeting_id.as_ref()) {
            Some(s) => (s.start_time, s.end_time),
            None => meeting.schedule(now),
        };
    let mut answer = Map::new();
    answer.insert("meeting_id".into(), json!(meeting.meeting_id));
    if let Some(code) = &meeting.meeting_code {
        answer.insert("meeting_code".into(), json!(code));
    }
    answer.insert("subject".into(), json!(meeting.subject));
    answer.insert("schedule_start_time".into(), json!(start.to_string()));
    answer.insert("schedule_end_time".into(), json!(end.to_string()));
    answer.insert("total_count".into(), json!(total));
    answer.insert("has_remaining".into(), json!(next_pos < total));
    answer.insert("next_pos".into(), json!(next_pos));
    answer.insert("participants".into(), Value::Array(page));
    Ok(Value::Object(answer))
}

/// The asker must be the meeting's creator, or a Rooms device it is booked on.
fn check_asker(call: &Call<'_>, meeting: &Meeting, who: &Asker) -> Result<(), TencentError> {
    let allowed =
        match who {
            Asker::User(id) => {
                let names_openid = optional(call.query, "operator_id_type").as_deref() == Some("2")
                    && optional(call.query, "operator_id").is_some();
                match call.identity {
                    Identity::AkSk { .. } if names_openid => {
                        meeting.oauth_open_id.as_deref() == Some(id.as_str())
                    }
                    _ => is_creator(meeting, call.identity, id),
                }
            }
            Asker::Rooms(id) => call.shared.scenario.tencent.rooms.iter().any(|r| {
                r.rooms_id.as_deref() == Some(id.as_str()) && r.meetings.contains(&meeting.meeting_id)
            }),
        };
    if allowed {
        Ok(())
    } else {
        Err(TencentError::new(
            codes::NO_PERMISSION,
            "no permission: only the meeting's creator may list its participants",
        ))
    }
}

/// One join/leave record; ids and the name left out when unknown (the name falls back to the
/// userid), `left_time` while the user is still there.
fn record(r: &Attendance) -> Value {
    let mut item = Map::new();
    let ids =
        [("userid", &r.userid), ("open_id", &r.openid), ("ms_open_id", &r.ms_open_id), ("uuid", &r.uuid)];
    for (key, id) in ids {
        if let Some(id) = id {
            item.insert(key.into(), json!(id));
        }
    }
    if let Some(name) = r.name.as_ref().or(r.userid.as_ref()) {
        item.insert("user_name".into(), json!(STANDARD.encode(name.as_bytes())));
    }
    item.insert("instanceid".into(), json!(r.instanceid));
    item.insert("user_role".into(), json!(r.user_role));
    item.insert("join_type".into(), json!(1));
    item.insert("join_time".into(), json!(r.join_time.to_string()));
    if let Some(left) = r.left_time {
        item.insert("left_time".into(), json!(left.to_string()));
    }
    Value::Object(item)
}
