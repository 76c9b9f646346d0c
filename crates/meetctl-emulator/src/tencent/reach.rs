//! Reaching people outside the meeting: calling a meeting room (Rooms) or a SIP/H.323 device in
//! (`PUT /v1/meeting-rooms/room-call`), cancelling that call (`PUT …/cancel-room-call`) and
//! reading how it was answered (`POST …/room-call-info`); calling phones in
//! (`POST /v1/meeting/{meeting_id}/phone/callout`) and cancelling those calls (`…/cancelcall`);
//! and releasing the meeting rooms booked for a meeting (`POST /v1/meetings/{id}/release-rooms`).
//!
//! Written from the vendor's pages (cloud.tencent.com/document/product/1095/83261 and the
//! `room-call-info` page) and the catalogue of the official SDK's models: the room-call APIs take
//! the operator by userid only, no OAuth 2.0, the meeting in the body and exactly one of
//! `meeting_room_id` or `mra_address: {protocol: 1 SIP | 2 H.323, dial_string}`. A meeting's
//! participants may call a meeting room; calling an address takes the creator, the host or a
//! co-host. The call-out APIs take the creator, the host or a co-host, before or during the
//! meeting, 50 numbers at most. A call rings until the emulator's admin API answers it
//! (`POST /_emulator/tencent/meetings/{id}/calls/answer`), it is cancelled, or 60 seconds pass.

use serde_json::{Map, Value, json};

use super::auth::Identity;
use super::call::{Call, live_meeting, visible_meeting};
use super::calls::{CallState, CallTarget, ReachCall};
use super::error::{TencentError, codes};
use super::fields::{integer, non_empty_string, object_list, required_string};
use super::operator::{IdKind, check_instanceid};
use crate::scenario::{TencentParticipant, TencentRole};
use crate::state::{Meeting, MeetingMember};
use crate::timefmt::tencent_seconds;

/// The most numbers one call-out or cancel takes.
const MAX_PHONES: usize = 50;

/// Who acts, as these APIs name them.
pub(crate) enum Operator<'a> {
    /// `operator_id_type` 1.
    UserId(&'a str),
    /// `operator_id_type` 4 (the call-out only).
    MsOpenId(&'a str),
}

/// What the operator must be.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum May {
    /// The creator, or anyone in the meeting (calling a meeting room by its id).
    Participant,
    /// The creator, the host or a co-host.
    Manager,
}

/// None of these APIs accepts OAuth 2.0 (190004, as the vendor answers an unsupported caller).
pub(crate) fn enterprise_only(identity: &Identity) -> Result<(), TencentError> {
    match identity {
        Identity::OAuth { .. } => Err(TencentError::param("OAuth 2.0 is not supported by this API")),
        Identity::AkSk { .. } => Ok(()),
    }
}

/// `operator_id` + `operator_id_type`: 1 (userid), and 4 (ms_open_id) where `ms_open_id` is true.
pub(crate) fn operator<'a>(
    body: &'a Map<String, Value>,
    ms_open_id: bool,
) -> Result<Operator<'a>, TencentError> {
    let id = required_string(body, "operator_id", "operator_id")?;
    match integer(body, "operator_id_type", "operator_id_type")? {
        1 => Ok(Operator::UserId(id)),
        4 if ms_open_id => Ok(Operator::MsOpenId(id)),
        t => Err(TencentError::param(format!("operator_id_type {t} is not supported by this API"))),
    }
}

/// Checks the operator may act on `meeting`: 9042 otherwise. The creator may always (also before
/// the meeting starts and after it ends); others must be in the meeting, with the role `may`
/// asks.
pub(crate) fn check_may(meeting: &Meeting, operator: &Operator<'_>, may: May) -> Result<(), TencentError> {
    if let Operator::UserId(userid) = operator {
        if meeting.creator.as_deref() == Some(*userid) {
            return Ok(());
        }
    }
    let allowed = meeting.members.iter().any(|m| {
        let named = match operator {
            Operator::UserId(id) => m.userid.as_deref() == Some(*id),
            Operator::MsOpenId(id) => m.ms_open_id.as_deref() == Some(*id),
        };
        named && m.in_meeting() && (may == May::Participant || m.role != TencentRole::Attendee)
    });
    if allowed {
        Ok(())
    } else if may == May::Participant {
        Err(TencentError::new(
            codes::NO_PERMISSION,
            "no permission: the operator is neither the creator nor in the meeting",
        ))
    } else {
        Err(TencentError::new(
            codes::NO_PERMISSION,
            "no permission: the operator is not the creator, host or a co-host in this meeting",
        ))
    }
}

/// The body's `meeting_id`: text, or (`room-call`, whose model types it as an integer while the
/// page's example sends text) an integer when `integer_too`.
fn body_meeting_id(body: &Map<String, Value>, integer_too: bool) -> Result<String, TencentError> {
    match body.get("meeting_id") {
        Some(Value::Number(n)) if integer_too && n.is_u64() => Ok(n.to_string()),
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        None | Some(Value::Null) => Err(TencentError::param("meeting_id is required")),
        Some(Value::String(_)) => Err(TencentError::param("meeting_id is required")),
        Some(_) => Err(TencentError::param("meeting_id must be a string")),
    }
}

/// What is called: exactly one of `meeting_room_id` (a meeting room of the scenario) and
/// `mra_address` (`protocol` 1 or 2, a `dial_string`).
fn room_target(call: &Call<'_>) -> Result<CallTarget, TencentError> {
    let body = call.body;
    let room = non_empty_string(body, "meeting_room_id", "meeting_room_id")?;
    let address = match body.get("mra_address") {
        None | Some(Value::Null) => None,
        Some(Value::Object(address)) => Some(address),
        Some(_) => return Err(TencentError::param("mra_address must be an object")),
    };
    match (room, address) {
        (Some(_), Some(_)) => Err(TencentError::param("give meeting_room_id or mra_address, not both")),
        (None, None) => Err(TencentError::param("meeting_room_id or mra_address is required")),
        (Some(id), None) => {
            let known =
                call.shared.scenario.tencent.rooms.iter().find(|r| r.meeting_room_id.as_deref() == Some(id));
            let known = known.ok_or_else(|| {
                TencentError::param(format!(
                    "meeting_room_id {id:?} is not a meeting room of this enterprise"
                ))
            })?;
            Ok(CallTarget::Room { meeting_room_id: id.to_owned(), name: known.name.clone() })
        }
        (None, Some(address)) => {
            let protocol = integer(address, "protocol", "mra_address.protocol")?;
            if protocol != 1 && protocol != 2 {
                return Err(TencentError::param(format!(
                    "mra_address.protocol must be 1 (SIP) or 2 (H.323), not {protocol}"
                )));
            }
            let dial_string = required_string(address, "dial_string", "mra_address.dial_string")?;
            Ok(CallTarget::Address { protocol, dial_string: dial_string.to_owned() })
        }
    }
}

/// Who may call `target`: a meeting room, any participant; an address, a manager.
fn may_call(target: &CallTarget) -> May {
    match target {
        CallTarget::Room { .. } => May::Participant,
        _ => May::Manager,
    }
}

/// `PUT /v1/meeting-rooms/room-call`: `{"invite_id"}`. The room or device rings; calling it again
/// while it rings rings it again under the same `invite_id`. A target already in the meeting
/// through an earlier call is refused (190004).
pub(crate) fn room_call(call: &Call<'_>) -> Result<Value, TencentError> {
    enterprise_only(call.identity)?;
    let body = call.body;
    let operator = operator(body, false)?;
    let target = room_target(call)?;
    let meeting_id = body_meeting_id(body, true)?;
    let now = call.shared.clock.now_secs();
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, &meeting_id)?;
    check_may(meeting, &operator, may_call(&target))?;
    let existing = meeting.calls.iter().position(|c| c.target.same(&target));
    if let Some(i) = existing {
        let members = &meeting.members;
        let c = &mut meeting.calls[i];
        if c.ringing(now) {
            c.rung = c.rung.saturating_add(1);
            c.rang_at = now;
            return Ok(json!({ "invite_id": c.call_id }));
        }
        if c.state == CallState::Joined
            && c.member.and_then(|m| members.get(m)).is_some_and(MeetingMember::in_meeting)
        {
            return Err(TencentError::param("the meeting room is already in the meeting"));
        }
        meeting.calls.remove(i);
    }
    meeting.room_calls_made = meeting.room_calls_made.saturating_add(1);
    let invite_id = format!("invite-{}-{}", meeting.meeting_id, meeting.room_calls_made);
    meeting.calls.push(ReachCall {
        call_id: invite_id.clone(),
        target,
        state: CallState::Ringing,
        rung: 1,
        rang_at: now,
        response_time: None,
        member: None,
    });
    Ok(json!({ "invite_id": invite_id }))
}

/// The room-call operator and device (`instance_id`), the target and the meeting, for the cancel
/// and the answer status.
fn room_call_parts<'a>(call: &Call<'a>) -> Result<(Operator<'a>, CallTarget, String), TencentError> {
    enterprise_only(call.identity)?;
    let body = call.body;
    let operator = operator(body, false)?;
    let instance_id = integer(body, "instance_id", "instance_id")?;
    check_instanceid(instance_id, IdKind::UserId, "instance_id")?;
    let target = room_target(call)?;
    let meeting_id = body_meeting_id(body, false)?;
    Ok((operator, target, meeting_id))
}

/// `PUT /v1/meeting-rooms/cancel-room-call`: `{}`. The call `invite_id` to that room or address
/// stops ringing; cancelling a call already cancelled, refused or answered changes nothing. An
/// `invite_id` the meeting never made, or made to another target, is 190004.
pub(crate) fn cancel_room_call(call: &Call<'_>) -> Result<Value, TencentError> {
    let (operator, target, meeting_id) = room_call_parts(call)?;
    let invite_id = required_string(call.body, "invite_id", "invite_id")?;
    let now = call.shared.clock.now_secs();
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, &meeting_id)?;
    check_may(meeting, &operator, may_call(&target))?;
    let c = meeting
        .calls
        .iter_mut()
        .find(|c| c.call_id == invite_id && !matches!(c.target, CallTarget::Phone { .. }))
        .ok_or_else(|| {
            TencentError::param(format!("invite_id {invite_id:?} is not a call of this meeting"))
        })?;
    if !c.target.same(&target) {
        return Err(TencentError::param(format!("invite_id {invite_id:?} called another room or address")));
    }
    if c.ringing(now) {
        c.state = CallState::Cancelled;
        c.response_time = Some(now);
    }
    Ok(json!({}))
}

/// `POST /v1/meeting-rooms/room-call-info`: `{"status","response_time"}`, status 0 no answer
/// within 60 s, 1 not called, 2 in the meeting, 3 refused, 4 ringing, 5 cancelled (meeting rooms
/// only; a cancelled address reads 1), 6 left.
pub(crate) fn room_call_info(call: &Call<'_>) -> Result<Value, TencentError> {
    let (operator, target, meeting_id) = room_call_parts(call)?;
    let now = call.shared.clock.now_secs();
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, &meeting_id)?;
    check_may(meeting, &operator, may_call(&target))?;
    let Some(c) = meeting.calls.iter().find(|c| c.target.same(&target)) else {
        return Ok(json!({"status": 1, "response_time": ""}));
    };
    let in_meeting = c.member.and_then(|m| meeting.members.get(m)).is_some_and(MeetingMember::in_meeting);
    let status = match c.state {
        CallState::Ringing if c.ringing(now) => 4,
        CallState::Ringing => 0,
        CallState::Joined if in_meeting => 2,
        CallState::Joined => 6,
        CallState::Refused => 3,
        CallState::Cancelled if matches!(c.target, CallTarget::Room { .. }) => 5,
        CallState::Cancelled => 1,
    };
    let response_time = match (c.state, c.response_time) {
        (CallState::Ringing, _) => c.rang_at.saturating_add(ReachCall::NO_ANSWER_SECS).min(now),
        (_, Some(t)) => t,
        (_, None) => now,
    };
    let response_time = if status == 4 { String::new() } else { tencent_seconds(response_time) };
    Ok(json!({ "status": status, "response_time": response_time }))
}

/// One `phone_numbers[i]`: `area`, `phone` (digits), optional `extension_number` (digits) and,
/// in a call-out, `nick_name`.
fn phone(item: &Map<String, Value>, i: usize, with_name: bool) -> Result<CallTarget, TencentError> {
    let shown = |f: &str| format!("phone_numbers[{i}].{f}");
    let area = integer(item, "area", &shown("area"))?;
    if !(1..=9999).contains(&area) {
        return Err(TencentError::param(format!("{} {area} is not a country code", shown("area"))));
    }
    let digits = |field: &str, value: &str| {
        if value.bytes().all(|b| b.is_ascii_digit()) {
            Ok(())
        } else {
            Err(TencentError::param(format!("{} must be digits", shown(field))))
        }
    };
    let number = required_string(item, "phone", &shown("phone"))?;
    digits("phone", number)?;
    let extension = non_empty_string(item, "extension_number", &shown("extension_number"))?;
    if let Some(extension) = extension {
        digits("extension_number", extension)?;
    }
    let nick_name = if with_name { non_empty_string(item, "nick_name", &shown("nick_name"))? } else { None };
    Ok(CallTarget::Phone {
        area,
        phone: number.to_owned(),
        extension: extension.map(str::to_owned),
        nick_name: nick_name.map(str::to_owned),
    })
}

/// The body's `phone_numbers`: 1 to 50 numbers.
fn phones(body: &Map<String, Value>, with_name: bool) -> Result<Vec<CallTarget>, TencentError> {
    let items = object_list(body, "phone_numbers")?;
    if items.len() > MAX_PHONES {
        return Err(TencentError::param(format!("phone_numbers takes at most {MAX_PHONES} numbers")));
    }
    items.into_iter().enumerate().map(|(i, item)| phone(item, i, with_name)).collect()
}

/// `area-phone[-extension]`: how the admin API names a phone call.
fn phone_call_id(target: &CallTarget) -> String {
    match target {
        CallTarget::Phone { area, phone, extension: Some(e), .. } => format!("{area}-{phone}-{e}"),
        CallTarget::Phone { area, phone, extension: None, .. } => format!("{area}-{phone}"),
        _ => String::new(),
    }
}

/// `POST /v1/meeting/{meeting_id}/phone/callout`: `{}`. Each number rings (again, when it still
/// rings); a number already in the meeting through an earlier call-out is left alone. The
/// operator: userid (1) or ms_open_id (4).
pub(crate) fn phone_callout(call: &Call<'_>) -> Result<Value, TencentError> {
    enterprise_only(call.identity)?;
    let operator = operator(call.body, true)?;
    let targets = phones(call.body, true)?;
    let now = call.shared.clock.now_secs();
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    check_may(meeting, &operator, May::Manager)?;
    for target in targets {
        let members = &meeting.members;
        match meeting.calls.iter_mut().find(|c| c.target.same(&target)) {
            Some(c) if c.ringing(now) => {
                c.rung = c.rung.saturating_add(1);
                c.rang_at = now;
            }
            Some(c)
                if c.state == CallState::Joined
                    && c.member.and_then(|m| members.get(m)).is_some_and(MeetingMember::in_meeting) => {}
            Some(c) => {
                *c = ReachCall { rung: c.rung.saturating_add(1), ..new_phone_call(target, now) };
            }
            None => meeting.calls.push(new_phone_call(target, now)),
        }
    }
    Ok(json!({}))
}

fn new_phone_call(target: CallTarget, now: i64) -> ReachCall {
    ReachCall {
        call_id: phone_call_id(&target),
        target,
        state: CallState::Ringing,
        rung: 1,
        rang_at: now,
        response_time: None,
        member: None,
    }
}

/// `POST /v1/meeting/{meeting_id}/phone/cancelcall`: `{}`. Each number stops ringing; one
/// already answered, refused or cancelled is left as it is. A number the meeting never called is
/// 190004 naming it. The operator: userid (1) only.
pub(crate) fn cancel_phone_callout(call: &Call<'_>) -> Result<Value, TencentError> {
    enterprise_only(call.identity)?;
    let operator = operator(call.body, false)?;
    let targets = phones(call.body, false)?;
    let now = call.shared.clock.now_secs();
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    check_may(meeting, &operator, May::Manager)?;
    let mut found = Vec::with_capacity(targets.len());
    for (i, target) in targets.iter().enumerate() {
        let at = meeting.calls.iter().position(|c| c.target.same(target));
        found.push(at.ok_or_else(|| TencentError::param(format!("phone_numbers[{i}] was not called")))?);
    }
    for i in found {
        if let Some(c) = meeting.calls.get_mut(i).filter(|c| c.ringing(now)) {
            c.state = CallState::Cancelled;
            c.response_time = Some(now);
        }
    }
    Ok(json!({}))
}

/// `POST /v1/meetings/{meeting_id}/release-rooms`: `{}`. Each room of `meeting_room_id_list`
/// (1 to 50, each booked for the meeting, else 190004 naming it) is released: the meeting no
/// longer shows among its bookings, and a room called in leaves. Works after the meeting ended
/// (ending a meeting does not release its rooms); releasing a room again changes nothing. The
/// operator: userid (1), the creator, the host or a co-host.
pub(crate) fn release_rooms(call: &Call<'_>) -> Result<Value, TencentError> {
    enterprise_only(call.identity)?;
    let operator = operator(call.body, false)?;
    let ids = match call.body.get("meeting_room_id_list") {
        None | Some(Value::Null) => return Err(TencentError::param("meeting_room_id_list is required")),
        Some(Value::Array(ids)) if ids.is_empty() => {
            return Err(TencentError::param("meeting_room_id_list must not be empty"));
        }
        Some(Value::Array(ids)) if ids.len() > MAX_PHONES => {
            return Err(TencentError::param("meeting_room_id_list takes at most 50 rooms"));
        }
        Some(Value::Array(ids)) => ids,
        Some(_) => return Err(TencentError::param("meeting_room_id_list must be an array")),
    };
    let mut rooms = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        match id.as_str() {
            Some(id) if !id.is_empty() => rooms.push(id.to_owned()),
            _ => {
                return Err(TencentError::param(format!(
                    "meeting_room_id_list[{i}] must be a meeting room id"
                )));
            }
        }
    }
    let now = call.shared.clock.now_secs();
    let booked: Vec<(String, Vec<String>)> = call
        .shared
        .scenario
        .tencent
        .rooms
        .iter()
        .filter_map(|r| r.meeting_room_id.clone().map(|id| (id, r.meetings.clone())))
        .collect();
    let mut state = call.shared.state();
    let meeting = visible_meeting(&mut state, call.identity, call.meeting_id)?;
    check_may(meeting, &operator, May::Manager)?;
    for (i, id) in rooms.iter().enumerate() {
        let for_this =
            booked.iter().any(|(room, meetings)| room == id && meetings.contains(&meeting.meeting_id));
        if !for_this {
            return Err(TencentError::param(format!(
                "meeting_room_id_list[{i}] {id:?} is not a meeting room booked for this meeting"
            )));
        }
    }
    for id in rooms {
        if !meeting.released_rooms.contains(&id) {
            meeting.released_rooms.push(id.clone());
        }
        let room = CallTarget::Room { meeting_room_id: id, name: None };
        let called = meeting.calls.iter().filter(|c| match (&c.target, &room) {
            (CallTarget::Room { meeting_room_id: a, .. }, CallTarget::Room { meeting_room_id: b, .. }) => {
                a == b
            }
            _ => false,
        });
        let members: Vec<usize> = called.filter_map(|c| c.member).collect();
        for m in members {
            if let Some(member) = meeting.members.get_mut(m).filter(|m| m.in_meeting()) {
                member.remove(true);
            }
        }
        for c in meeting.calls.iter_mut().filter(|c| {
            matches!(&c.target, CallTarget::Room { meeting_room_id, .. } if meeting.released_rooms.contains(meeting_room_id))
        }) {
            if c.ringing(now) {
                c.state = CallState::Cancelled;
                c.response_time = Some(now);
            }
        }
    }
    Ok(json!({}))
}

/// The admin API's answer to call `call_id` of `meeting`: `joins` true joins the room, device or
/// phone as an attendee (a new member, listed by the participant APIs), false refuses. `Err` says
/// why not (no such call, no longer ringing).
pub(crate) fn answer(meeting: &mut Meeting, call_id: &str, joins: bool, now: i64) -> Result<(), String> {
    let i = meeting
        .calls
        .iter()
        .position(|c| c.call_id == call_id)
        .ok_or_else(|| format!("no call {call_id:?} in meeting {:?}", meeting.meeting_id))?;
    let c = &meeting.calls[i];
    if !c.ringing(now) {
        return Err(format!("call {call_id:?} is not ringing"));
    }
    if !joins {
        meeting.calls[i].state = CallState::Refused;
        meeting.calls[i].response_time = Some(now);
        return Ok(());
    }
    let (instanceid, mra, name) = match &c.target {
        CallTarget::Room { meeting_room_id, name } => {
            (20, false, name.clone().unwrap_or_else(|| meeting_room_id.clone()))
        }
        CallTarget::Address { dial_string, .. } => (9, true, dial_string.clone()),
        CallTarget::Phone { phone, nick_name, .. } => {
            (0, false, nick_name.clone().unwrap_or_else(|| phone.clone()))
        }
    };
    let p = TencentParticipant {
        userid: None,
        openid: None,
        ms_open_id: Some(format!("ms-call-{call_id}")),
        uuid: None,
        instanceid,
        role: TencentRole::Attendee,
        video: instanceid != 0,
        video_closable: true,
        muted: false,
        name: Some(name),
        mra,
        sharing_screen: false,
        hand_raised: false,
        in_waiting_room: false,
        joined_offset_secs: None,
    };
    meeting.members.push(MeetingMember::new(&p));
    let member = meeting.members.len() - 1;
    let c = &mut meeting.calls[i];
    c.state = CallState::Joined;
    c.response_time = Some(now);
    c.member = Some(member);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_call_ids_name_the_number() {
        let phone = |extension: Option<&str>| CallTarget::Phone {
            area: 86,
            phone: "13800000000".into(),
            extension: extension.map(str::to_owned),
            nick_name: None,
        };
        assert_eq!(phone_call_id(&phone(None)), "86-13800000000");
        assert_eq!(phone_call_id(&phone(Some("12"))), "86-13800000000-12");
        assert!(phone(None).same(&CallTarget::Phone {
            area: 86,
            phone: "13800000000".into(),
            extension: None,
            nick_name: Some("Hana".into())
        }));
    }
}
