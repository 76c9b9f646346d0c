//! Control APIs that act on participants: `participants/mute`, `cohost`, `video`, `hands`,
//! `name` and `delete` (hang up).

use serde_json::Value;

use super::control::{
    Control, choice, id_list, invalid, member_in_meeting, optional_string, query_participant, required_string,
};
use super::error::{HuaweiError, codes};
use crate::scenario::HuaweiRole;
use crate::state::{ConferenceMember, Presence};

type Answer = Result<Option<Value>, HuaweiError>;

/// Applies `change` to the member named by `participantID`.
fn on_query_participant(ctl: &mut Control<'_>, change: impl FnOnce(&mut ConferenceMember)) -> Answer {
    let index = query_participant(ctl)?;
    if let Some(m) = ctl.conference.members.get_mut(index) {
        change(m);
    }
    Ok(None)
}

/// `{"isMute":1}` mutes the participant, `{"isMute":0}` unmutes it.
pub(crate) fn mute(ctl: &mut Control<'_>) -> Answer {
    let mute = choice(ctl.body, "isMute", &[0, 1])? == 1;
    on_query_participant(ctl, |m| m.muted = mute)
}

/// `{"isCohost":1}` makes a participant a co-host (the host cannot be one: 400 MMC.111070001);
/// `{"isCohost":0}` makes a co-host a participant again.
pub(crate) fn cohost(ctl: &mut Control<'_>) -> Answer {
    let set = choice(ctl.body, "isCohost", &[0, 1])? == 1;
    let index = query_participant(ctl)?;
    let Some(m) = ctl.conference.members.get_mut(index) else { return Ok(None) };
    match (set, m.role) {
        (true, HuaweiRole::Host) => {
            return Err(invalid("the host cannot be made a co-host; only a non-host participant can"));
        }
        (true, _) => m.role = HuaweiRole::Cohost,
        (false, HuaweiRole::Cohost) => m.role = HuaweiRole::Participant,
        (false, _) => {}
    }
    Ok(None)
}

/// `{"status":1}` turns the participant's video off, `{"status":0}` on (inverted on the wire).
pub(crate) fn video(ctl: &mut Control<'_>) -> Answer {
    let on = choice(ctl.body, "status", &[0, 1])? == 0;
    on_query_participant(ctl, |m| m.video = on)
}

/// `{"handsState":0}` lowers the participant's hand, `{"handsState":1}` raises it.
pub(crate) fn hands(ctl: &mut Control<'_>) -> Answer {
    let raised = choice(ctl.body, "handsState", &[0, 1])? == 1;
    on_query_participant(ctl, |m| m.hand_raised = raised)
}

/// `{"participantID","number","newName"}`: renames the participant. `number` is required and must
/// be the participant's number when it has one; without `participantID` the participant is found
/// by `number`.
pub(crate) fn rename(ctl: &mut Control<'_>) -> Answer {
    let participant_id = optional_string(ctl.body, "participantID")?.filter(|p| !p.is_empty());
    let number = required_string(ctl.body, "number")?;
    let new_name = required_string(ctl.body, "newName")?.to_string();
    let members = &ctl.conference.members;
    let index = match participant_id {
        Some(pid) => {
            let i = member_in_meeting(ctl.conference, pid)?;
            let known = members.get(i).and_then(|m| m.number.as_deref());
            if known.is_some_and(|n| n != number) {
                return Err(unknown_number(&format!("participant {pid:?} does not have number {number:?}")));
            }
            i
        }
        None => {
            members.iter().position(|m| m.in_meeting() && m.number.as_deref() == Some(number)).ok_or_else(
                || unknown_number(&format!("no participant with number {number:?} is in the conference")),
            )?
        }
    };
    if let Some(m) = ctl.conference.members.get_mut(index) {
        m.name = new_name;
    }
    Ok(None)
}

fn unknown_number(message: &str) -> HuaweiError {
    HuaweiError::bad_request(codes::MMC_NO_SUCH_PARTICIPANT, message)
}

/// `{"bulkHangUpParticipants":[...]}`: removes every listed participant (all must be in the
/// conference; nothing changes otherwise). A removed host or co-host loses the role.
pub(crate) fn hang_up(ctl: &mut Control<'_>) -> Answer {
    let ids = id_list(ctl.body, "bulkHangUpParticipants")?;
    let indexes =
        ids.iter().map(|id| member_in_meeting(ctl.conference, id)).collect::<Result<Vec<_>, _>>()?;
    for i in indexes {
        if let Some(m) = ctl.conference.members.get_mut(i) {
            m.presence = Presence::Removed { allow_rejoin: true };
            m.role = HuaweiRole::Participant;
            m.hand_raised = false;
        }
    }
    for id in ids {
        ctl.conference.forget(id);
    }
    Ok(None)
}
