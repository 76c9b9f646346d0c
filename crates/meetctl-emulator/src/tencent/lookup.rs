//! `GET /v1/meetings?meeting_code=C&userid=U&instanceid=N`: every meeting of the caller with that
//! code (codes are reused: an ended meeting and a new one, two scheduled ones); without
//! `meeting_code`, the asker's meetings in progress or to come.

use serde_json::{Value, json};

use super::call::{Call, visible};
use super::error::TencentError;
use super::meeting::{Asker, asker, meeting_info};
use super::query::{instanceid, optional};
use crate::state::Meeting;

/// The lookup: `{"meeting_number": N, "meeting_info_list": [...]}`, oldest start first. The
/// asker is `userid`, or `operator_id` with `operator_id_type` 3 (a rooms_id); `instanceid` is
/// required. A code no meeting of the caller has answers 9003, as an unknown meeting id does.
pub(crate) fn list(call: &Call<'_>) -> Result<Value, TencentError> {
    let query = call.query;
    let who = asker(call.shared, query, &[3])?;
    instanceid(query)?;
    let code = optional(query, "meeting_code");
    if let Some(code) = &code {
        if code.len() != 9 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(TencentError::param(format!("meeting_code {code:?} is not a 9-digit meeting code")));
        }
    }
    let now = call.shared.clock.now_secs();
    let booked: Vec<String> = match &who {
        Asker::Rooms(id) => call
            .shared
            .scenario
            .tencent
            .rooms
            .iter()
            .filter(|r| r.rooms_id.as_deref() == Some(id.as_str()))
            .flat_map(|r| r.meetings.iter().cloned())
            .collect(),
        Asker::User(_) => Vec::new(),
    };
    let state = call.shared.state();
    let mut found: Vec<&Meeting> = state
        .tencent
        .meetings
        .iter()
        .filter(|m| visible(m, call.identity))
        .filter(|m| match &code {
            Some(code) => m.meeting_code.as_ref() == Some(code),
            None => upcoming(m, now) && asked_for(m, &who, &booked),
        })
        .collect();
    found.sort_by_key(|m| m.schedule(now).0);
    if let (Some(code), true) = (&code, found.is_empty()) {
        return Err(TencentError::new(
            super::error::codes::NO_SUCH_MEETING,
            format!("no meeting with code {code} exists"),
        ));
    }
    let list: Vec<Value> = found.iter().map(|m| meeting_info(m, now)).collect();
    let mut answer = json!({ "meeting_number": list.len(), "meeting_info_list": list });
    if code.is_none() {
        if let Some(obj) = answer.as_object_mut() {
            obj.insert("remaining".into(), json!(0));
            obj.insert("next_pos".into(), json!(0));
            obj.insert("next_cursory".into(), json!(0));
        }
    }
    Ok(answer)
}

/// In progress or still to come at `now`.
fn upcoming(m: &Meeting, now: i64) -> bool {
    m.in_progress() || (!m.is_over() && !m.cancelled && m.end_time > now)
}

/// A user's own meetings (the creator); a Rooms device's booked ones.
fn asked_for(m: &Meeting, who: &Asker, booked: &[String]) -> bool {
    match who {
        Asker::User(id) => {
            m.creator.as_deref() == Some(id.as_str()) || m.oauth_open_id.as_deref() == Some(id.as_str())
        }
        Asker::Rooms(_) => booked.contains(&m.meeting_id),
    }
}
