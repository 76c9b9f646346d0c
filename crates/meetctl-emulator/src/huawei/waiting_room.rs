//! Waiting-room control APIs: `allowWaitingParticipant`, `batchMoveToWaitingRoom` and
//! `moveToWaitingRoom`.

use serde_json::Value;

use super::control::{
    Control, id_list, invalid, member_in_meeting, no_such_participant, optional_string, required_string,
};
use super::error::HuaweiError;
use crate::state::Presence;

type Answer = Result<Option<Value>, HuaweiError>;

/// `{"allowAll":true}` admits every waiting-room member; `{"participantID":".."}` admits one
/// (400 MMC.111071011 when that participant is not in the waiting room).
pub(crate) fn admit(ctl: &mut Control<'_>) -> Answer {
    let allow_all = match ctl.body.get("allowAll") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(invalid("allowAll must be a boolean")),
    };
    let members = &mut ctl.conference.members;
    if allow_all {
        for m in members.iter_mut().filter(|m| m.presence == Presence::WaitingRoom) {
            m.presence = Presence::InMeeting;
        }
        return Ok(None);
    }
    let participant_id = optional_string(ctl.body, "participantID")?
        .filter(|p| !p.is_empty())
        .ok_or_else(|| invalid("participantID (or allowAll: true) is required"))?;
    let member = members
        .iter_mut()
        .find(|m| m.participant_id == participant_id && m.presence == Presence::WaitingRoom)
        .ok_or_else(|| no_such_participant(participant_id))?;
    member.presence = Presence::InMeeting;
    Ok(None)
}

/// `{"batchParticipants":[...]}`: moves every listed participant (all must be in the conference;
/// nothing changes otherwise) to the waiting room.
pub(crate) fn move_in(ctl: &mut Control<'_>) -> Answer {
    let ids = id_list(ctl.body, "batchParticipants")?;
    let indexes =
        ids.iter().map(|id| member_in_meeting(ctl.conference, id)).collect::<Result<Vec<_>, _>>()?;
    for i in indexes {
        if let Some(m) = ctl.conference.members.get_mut(i) {
            m.presence = Presence::WaitingRoom;
            m.hand_raised = false;
        }
    }
    for id in ids {
        ctl.conference.forget(id);
    }
    Ok(None)
}

/// `{"participantID":".."}`: moves one participant in the conference to the waiting room.
pub(crate) fn move_one_in(ctl: &mut Control<'_>) -> Answer {
    let participant_id = required_string(ctl.body, "participantID")?;
    let index = member_in_meeting(ctl.conference, participant_id)?;
    if let Some(m) = ctl.conference.members.get_mut(index) {
        m.presence = Presence::WaitingRoom;
        m.hand_raised = false;
    }
    ctl.conference.forget(participant_id);
    Ok(None)
}
