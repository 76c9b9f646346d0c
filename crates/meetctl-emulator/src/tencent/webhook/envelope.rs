//! The events' JSON, after the vendor's event reference pages (cloud.tencent.com/document/
//! product/1095: 51618 `meeting.started`, 51619 `meeting.end`, 51620
//! `meeting.participant-joined`, 51622 `meeting.participant-left`) and the shape their examples
//! share: `{"event", "trace_id", "payload": [{"operate_time" (ms), "operator": {...},
//! "meeting_info": {...}, ...}]}`. User objects carry `userid`, `open_id`, `uuid`, `user_name`
//! (plain text, as in the examples), `ms_open_id` and `instance_id` (a string), each left out
//! when the emulator does not know it.

use serde_json::{Map, Value, json};

use super::diff::{Change, Seen};
use crate::scenario::TencentRole;
use crate::state::{Meeting, MeetingMember};

/// `meeting_end_type` 0: the meeting was ended (dismissed), not left empty.
const END_TYPE_ENDED: i64 = 0;

/// An event ready to send: its name, `trace_id` and JSON text.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    /// `event`.
    pub(crate) name: &'static str,
    /// `trace_id`.
    pub(crate) trace_id: String,
    /// The JSON text (the plaintext of `data`).
    pub(crate) json: String,
}

/// The user object of `m` on device `instanceid`.
fn user(m: &MeetingMember, instanceid: i64) -> Value {
    let mut o = Map::new();
    let fields = [
        ("userid", &m.userid),
        ("open_id", &m.openid),
        ("uuid", &m.uuid),
        ("user_name", &m.name),
        ("ms_open_id", &m.ms_open_id),
    ];
    for (key, value) in fields {
        if let Some(v) = value {
            o.insert(key.into(), json!(v));
        }
    }
    o.insert("instance_id".into(), json!(instanceid.to_string()));
    Value::Object(o)
}

/// The meeting's creator: the member with that role (on the device it has now), else the
/// creator's userid alone.
fn creator(meeting: &Meeting) -> Value {
    match meeting.members.iter().find(|m| m.role == TencentRole::Creator) {
        Some(m) => user(m, m.instanceid),
        None => match &meeting.creator {
            Some(userid) => json!({ "userid": userid }),
            None => json!({}),
        },
    }
}

/// `meeting_info` at `now` (Unix seconds): a recurring meeting's current occurrence adds
/// `sub_meeting_id` and its times.
fn meeting_info(meeting: &Meeting, now: i64) -> Value {
    let mut o = Map::new();
    o.insert("meeting_id".into(), json!(meeting.meeting_id));
    o.insert("meeting_code".into(), json!(meeting.meeting_code.clone().unwrap_or_default()));
    o.insert("subject".into(), json!(meeting.subject));
    o.insert("creator".into(), creator(meeting));
    o.insert("meeting_type".into(), json!(meeting.meeting_type));
    o.insert("start_time".into(), json!(meeting.start_time));
    o.insert("end_time".into(), json!(meeting.end_time));
    if let Some(sub) = meeting.current_sub_meeting(now).or(meeting.sub_meetings.last()) {
        o.insert("sub_meeting_id".into(), json!(sub.sub_meeting_id));
        o.insert("sub_meeting_start_time".into(), json!(sub.start_time));
        o.insert("sub_meeting_end_time".into(), json!(sub.end_time));
    }
    Value::Object(o)
}

/// The user object of a seen member (its ids now, the device it was seen on).
fn seen_user(meeting: &Meeting, seen: &Seen) -> Value {
    meeting.members.get(seen.member).map_or_else(|| json!({}), |m| user(m, seen.instanceid))
}

/// Who an event without a participant of its own names as operator: the member who made the
/// change (when the request named one in this meeting), else the first one in it, else the
/// creator.
fn operator(meeting: &Meeting, actor: Option<usize>) -> Value {
    let member = actor.or_else(|| meeting.members.iter().position(MeetingMember::in_meeting));
    match member.and_then(|i| meeting.members.get(i)) {
        Some(m) => user(m, m.instanceid),
        None => creator(meeting),
    }
}

/// The event announcing `change` of `meeting` at `now_ms`, `actor` being the member who made it.
pub(crate) fn event(
    meeting: &Meeting,
    change: &Change,
    actor: Option<usize>,
    now_ms: i64,
    trace_id: String,
) -> Event {
    let info = meeting_info(meeting, now_ms.div_euclid(1000));
    let mut item = Map::new();
    item.insert("operate_time".into(), json!(now_ms));
    let name = match change {
        Change::Started => {
            item.insert("operator".into(), operator(meeting, actor));
            "meeting.started"
        }
        Change::Joined(seen) => {
            item.insert("operator".into(), seen_user(meeting, seen));
            "meeting.participant-joined"
        }
        Change::Left(seen) => {
            item.insert("operator".into(), seen_user(meeting, seen));
            "meeting.participant-left"
        }
        Change::RoleChanged(seen) => {
            item.insert("operator".into(), operator(meeting, actor.or(Some(seen.member))));
            let mut to = seen_user(meeting, seen);
            if let (Value::Object(o), Some(m)) = (&mut to, meeting.members.get(seen.member)) {
                o.insert("user_role".into(), json!(meeting.user_role(m)));
            }
            item.insert("to_operator".into(), to);
            "meeting.participant-role-changed"
        }
        Change::Ended => {
            item.insert("operator".into(), operator(meeting, actor));
            item.insert("meeting_end_type".into(), json!(END_TYPE_ENDED));
            "meeting.end"
        }
    };
    item.insert("meeting_info".into(), info);
    let envelope = json!({ "event": name, "trace_id": trace_id, "payload": [Value::Object(item)] });
    Event { name, trace_id, json: envelope.to_string() }
}
