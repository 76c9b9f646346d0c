//! `POST participants`: invite people into the conference (Huawei calls each at the number
//! given). In the emulator every invitee answers at once and is in the conference.
//! `POST attendees/delete`: take attendees off the invitation list. `POST inviteWithPwd`: call a
//! SIP number in with the conference's id and password, no control token.

use axum::body::Bytes;
use axum::http::request::Parts;
use axum::response::Response;
use serde_json::{Map, Value};

use super::control::{Control, invalid, no_such_participant, optional_string, required_string};
use super::error::{HuaweiError, codes, empty_ok};
use crate::http_util::{json_object, query_param};
use crate::scenario::HuaweiRole;
use crate::state::{Conference, ConferenceMember, Presence, Screen, Shared};

/// The terminal types the invitation accepts (`attendees[].type`).
const TERMINAL_TYPES: [&str; 7] = ["normal", "terminal", "outside", "mobile", "ideahub", "board", "hwvision"];
/// The longest display name the vendor accepts.
const MAX_NAME_CHARS: usize = 96;

/// One checked attendee.
struct Invitee {
    name: String,
    phone: String,
    host: bool,
    /// `type` "terminal": a professional hardware terminal.
    terminal: bool,
}

/// `{"attendees":[{"name","phone","type", "role"?, "accountId"?, "userUUID"?, …}]}`: every
/// attendee is checked first (nothing changes when one is wrong); then each joins, as a new
/// member or (someone with that number who left) back in. `role` 1 makes the attendee the host
/// and the host before a participant.
pub(crate) fn invite(ctl: &mut Control<'_>) -> Result<Option<Value>, HuaweiError> {
    let attendees = match ctl.body.get("attendees") {
        Some(Value::Array(items)) if !items.is_empty() => items,
        Some(Value::Array(_)) => return Err(invalid("attendees must not be empty")),
        None | Some(Value::Null) => return Err(invalid("attendees is required")),
        Some(_) => return Err(invalid("attendees must be a list")),
    };
    let invitees = attendees.iter().enumerate().map(|(i, a)| invitee(i, a)).collect::<Result<Vec<_>, _>>()?;
    for invitee in invitees {
        join(ctl.conference, invitee);
    }
    Ok(None)
}

/// The invitee answers: joins as a new member or (someone with that number who left) back in,
/// back on the invitation list.
fn join(conference: &mut Conference, invitee: Invitee) {
    {
        conference.removed_attendees.retain(|n| *n != invitee.phone);
        let members = &mut conference.members;
        if invitee.host {
            for m in members.iter_mut().filter(|m| m.role == HuaweiRole::Host) {
                m.role = HuaweiRole::Participant;
            }
        }
        let role = if invitee.host { HuaweiRole::Host } else { HuaweiRole::Participant };
        match members.iter_mut().find(|m| m.number.as_deref() == Some(invitee.phone.as_str())) {
            Some(m) if m.in_meeting() => {
                if invitee.host {
                    m.role = role;
                }
            }
            Some(m) => {
                m.name = invitee.name;
                m.presence = Presence::InMeeting;
                m.role = role;
            }
            None => {
                let participant_id = format!("invited-{}", members.len() + 1);
                members.push(ConferenceMember {
                    participant_id,
                    name: invitee.name,
                    number: Some(invitee.phone),
                    role,
                    muted: false,
                    video: false,
                    hand_raised: false,
                    presence: Presence::InMeeting,
                    screen: Screen::of(invitee.terminal),
                });
            }
        }
    }
}

fn invitee(index: usize, attendee: &Value) -> Result<Invitee, HuaweiError> {
    let Value::Object(a) = attendee else {
        return Err(invalid(format!("attendees[{index}] must be an object")));
    };
    let text = |key: &str| -> Result<Option<String>, HuaweiError> {
        match a.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(invalid(format!("attendees[{index}].{key} must be a string"))),
        }
    };
    let required = |key: &str| -> Result<String, HuaweiError> {
        text(key)?
            .filter(|s| !s.is_empty())
            .ok_or_else(|| invalid(format!("attendees[{index}].{key} is required")))
    };
    let name = required("name")?;
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(invalid(format!("attendees[{index}].name is longer than {MAX_NAME_CHARS} characters")));
    }
    let phone = required("phone")?;
    let kind = required("type")?;
    if !TERMINAL_TYPES.contains(&kind.as_str()) {
        return Err(invalid(format!("attendees[{index}].type {kind:?} is not a terminal type")));
    }
    let host = match role(a) {
        Some(Some(role)) => role == 1,
        Some(None) => return Err(invalid(format!("attendees[{index}].role must be 0 or 1"))),
        None => false,
    };
    for key in ["accountId", "userUUID", "phone2", "phone3", "email", "sms", "deptUUID", "deptName"] {
        text(key)?;
    }
    Ok(Invitee { name, phone, host, terminal: kind == "terminal" })
}

/// `None` when absent; `Some(None)` when not 0 or 1.
fn role(a: &Map<String, Value>) -> Option<Option<i64>> {
    match a.get("role") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_i64().filter(|r| *r == 0 || *r == 1)),
    }
}

/// `{"bulkDelAttendInfo":[{"number","participantID"?},…]}`: takes each attendee off the
/// invitation list. The number must be one of the conference's attendees not taken off already
/// (else 400 MMC.111071011). An attendee in the conference or its waiting room needs its
/// `participantID` (missing: 400 MMC.111070001; another's: 400 MMC.111071011) and leaves. Every
/// item is checked first: nothing changes when one is wrong.
pub(crate) fn delete_attendees(ctl: &mut Control<'_>) -> Result<Option<Value>, HuaweiError> {
    const KEY: &str = "bulkDelAttendInfo";
    let items = match ctl.body.get(KEY) {
        Some(Value::Array(items)) if !items.is_empty() => items,
        Some(Value::Array(_)) => return Err(invalid(format!("{KEY} must not be empty"))),
        None | Some(Value::Null) => return Err(invalid(format!("{KEY} is required"))),
        Some(_) => return Err(invalid(format!("{KEY} must be a list"))),
    };
    let conference = &*ctl.conference;
    let mut found: Vec<(String, Option<usize>)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Value::Object(a) = item else {
            return Err(invalid(format!("{KEY}[{i}] must be an object")));
        };
        let number =
            required_string(a, "number").map_err(|_| invalid(format!("{KEY}[{i}].number is required")))?;
        let pid = optional_string(a, "participantID")?;
        let listed = !conference.removed_attendees.iter().any(|n| n == number);
        let member = conference
            .members
            .iter()
            .position(|m| m.number.as_deref() == Some(number))
            .filter(|_| listed)
            .ok_or_else(|| no_such_participant(number))?;
        let present = conference.members.get(member).is_some_and(|m| !m.presence.is_removed());
        let own = conference.members.get(member).map(|m| m.participant_id.as_str());
        match (present, pid) {
            (true, None) => {
                return Err(invalid(format!(
                    "{KEY}[{i}].participantID is required: the attendee has joined"
                )));
            }
            (_, Some(p)) if Some(p) != own => return Err(no_such_participant(p)),
            _ => {}
        }
        found.push((number.to_owned(), present.then_some(member)));
    }
    for (number, present) in found {
        if let Some(m) = present.and_then(|i| ctl.conference.members.get_mut(i)) {
            m.presence = Presence::Removed { allow_rejoin: true };
            m.role = HuaweiRole::Participant;
            m.hand_raised = false;
            let pid = m.participant_id.clone();
            ctl.conference.forget(&pid);
        }
        if !ctl.conference.removed_attendees.contains(&number) {
            ctl.conference.removed_attendees.push(number);
        }
    }
    Ok(None)
}

/// `POST inviteWithPwd?conferenceID=X` `{"callNum","confID","pwd","orgID"?,"numBelongsType"?,
/// "isNotOverlayPidName"?}`, no control token: the conference (query; 400 MMC.111070005 when
/// unknown or stopped, MMC.111070006 when not started); `confID` (required) must be the same
/// conference and `pwd` (required) its host or guest password (else 400 MMC.111072065, as a wrong
/// password for a control token); `callNum` (required) joins at once as a hardware terminal named by its number,
/// as `participants` with type `terminal`. The enterprise setting the vendor requires ("guests may
/// invite hardware terminals by scanning a code") is taken as on.
pub(crate) fn invite_with_password(
    shared: &Shared,
    parts: &Parts,
    body: &Bytes,
) -> Result<Response, HuaweiError> {
    let conference_id = query_param(parts.uri.query(), "conferenceID").unwrap_or_default();
    let body = json_object(body).map_err(invalid)?;
    let mut state = shared.state();
    let huawei = &mut state.huawei;
    let index =
        huawei.conferences.iter().position(|c| c.conference_id == conference_id && !c.ended).ok_or_else(
            || {
                HuaweiError::bad_request(
                    codes::MMC_NO_SUCH_CONFERENCE,
                    format!("conference {conference_id:?} does not exist or has ended"),
                )
            },
        )?;
    if huawei.conferences.get(index).is_some_and(|c| !c.started) {
        return Err(HuaweiError::bad_request(codes::MMC_NOT_STARTED, "conference has not started"));
    }
    let call_number = required_string(&body, "callNum")?.to_owned();
    optional_string(&body, "orgID")?;
    let conf_id = required_string(&body, "confID")?;
    let password = required_string(&body, "pwd")?;
    super::control::optional_choice(&body, "numBelongsType", &[0, 1])?;
    match body.get("isNotOverlayPidName") {
        None | Some(Value::Null | Value::Bool(_)) => {}
        Some(_) => return Err(invalid("isNotOverlayPidName must be a boolean")),
    }
    let conference = huawei.conferences.get_mut(index).ok_or_else(HuaweiError::mmc_auth_failed)?;
    let wrong =
        || HuaweiError::bad_request(codes::MMC_WRONG_PASSWORD, "conference not found or wrong password");
    if conf_id != conference.conference_id
        || (password != conference.host_password && password != conference.guest_password)
    {
        return Err(wrong());
    }
    join(conference, Invitee { name: call_number.clone(), phone: call_number, host: false, terminal: true });
    super::notify::publish(shared, huawei, index);
    Ok(empty_ok())
}
