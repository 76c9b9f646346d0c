//! `PUT /v1/real-control/meetings/{meetingId}/waiting-room`: admit waiting-room members, move
//! members to the waiting room, or remove waiting-room members.

use serde_json::{Value, json};

use super::call::{Call, live_meeting, require_manage_scope};
use super::error::{TencentError, codes};
use super::fields::{integer, optional_boolean};
use super::operator::{
    OperatorTypes, Rights, Scope, check_operator, find_targets, parse_operator, parse_targets,
};
use crate::state::Presence;

/// `operate_type` 1 admits `users` from the waiting room, 2 moves them from the meeting to the
/// waiting room (Rooms/MRA devices: 9103), 3 removes them from the waiting room (`allow_rejoin`,
/// default true, only with 3). A user who is not where the operation expects is left alone.
pub(crate) fn operate(call: &Call<'_>) -> Result<Value, TencentError> {
    require_manage_scope(call.identity)?;
    let operator = parse_operator(call.body, OperatorTypes::OpenIdOrMsOpenId, call.identity)?;
    let operate_type = integer(call.body, "operate_type", "operate_type")?;
    if !(1..=3).contains(&operate_type) {
        return Err(TencentError::param(format!("operate_type must be 1, 2 or 3, not {operate_type}")));
    }
    let allow_rejoin = optional_boolean(call.body, "allow_rejoin")?;
    if allow_rejoin.is_some() && operate_type != 3 {
        return Err(TencentError::param("allow_rejoin is only allowed with operate_type 3"));
    }
    let targets = parse_targets(call.body)?;
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    check_operator(meeting, &operator, Rights::Manager)?;
    let found = find_targets(meeting, &targets, Scope::MeetingOrWaitingRoom)?;
    let moves_rooms = operate_type == 2
        && found.iter().filter_map(|&i| meeting.members.get(i)).any(|m| m.in_meeting() && m.is_rooms());
    if moves_rooms {
        return Err(TencentError::new(
            codes::ROOMS_NOT_MOVABLE,
            "Rooms devices cannot be moved to the waiting room",
        ));
    }
    for i in found {
        let Some(m) = meeting.members.get_mut(i) else { continue };
        match (operate_type, m.presence) {
            (1, Presence::WaitingRoom) => m.presence = Presence::InMeeting,
            (2, Presence::InMeeting) => {
                m.presence = Presence::WaitingRoom;
                m.sharing_screen = false;
            }
            (3, Presence::WaitingRoom) => m.remove(allow_rejoin.unwrap_or(true)),
            _ => {}
        }
    }
    Ok(json!({}))
}
