//! Screen and voice control APIs: `participants/broadcast`, `cancelBroadcast`,
//! `participants/rollCall`, `participants/batch/hands`, `chairView`, `partView`, `lockView`,
//! `pause`, `allowAudience`, `allowClientRecord` and `participants/share/invite`.
//!
//! `chairView`, `partView` and `lockView` work only with professional hardware terminals (TE
//! series and the like): the host (`chairView`) or the terminal named by the query's
//! `participantID` (`partView`, `lockView`) must be one, else 400 MMC.111070001 (the vendor
//! names no code for it).

use serde_json::Value;

use super::control::{
    Control, choice, id_list, invalid, member_in_meeting, query_participant, required_string,
};
use super::error::HuaweiError;
use crate::scenario::HuaweiRole;
use crate::state::{Broadcast, HostView};

type Answer = Result<Option<Value>, HuaweiError>;

/// The longest and shortest `switchTime` of host polling, in seconds.
const SWITCH_SECONDS: std::ops::RangeInclusive<i64> = 10..=120;

fn participant_id(ctl: &Control<'_>, index: usize) -> String {
    ctl.conference.members.get(index).map(|m| m.participant_id.clone()).unwrap_or_default()
}

/// Broadcasts the participant named by `participantID` (one at a time: it replaces the last
/// broadcast or roll call).
pub(crate) fn broadcast(ctl: &mut Control<'_>) -> Answer {
    let index = query_participant(ctl)?;
    ctl.conference.broadcast = Broadcast::Participant(participant_id(ctl, index));
    Ok(None)
}

/// Ends the broadcast or the roll call (nothing to end is no error).
pub(crate) fn cancel_broadcast(ctl: &mut Control<'_>) -> Answer {
    ctl.conference.broadcast = Broadcast::Free;
    Ok(None)
}

/// Roll-calls the participant named by `participantID`: it is unmuted, everyone else in the
/// conference but the host muted.
pub(crate) fn roll_call(ctl: &mut Control<'_>) -> Answer {
    let index = query_participant(ctl)?;
    let pid = participant_id(ctl, index);
    for (i, m) in ctl.conference.members.iter_mut().enumerate().filter(|(_, m)| m.in_meeting()) {
        if i == index {
            m.muted = false;
        } else if m.role != HuaweiRole::Host {
            m.muted = true;
        }
    }
    ctl.conference.broadcast = Broadcast::RollCall(pid);
    Ok(None)
}

/// `{"handsState":0|1,"pids":[...]}`: lowers or raises the hands of every listed participant (all
/// must be in the conference; nothing changes otherwise).
pub(crate) fn batch_hands(ctl: &mut Control<'_>) -> Answer {
    let raised = choice(ctl.body, "handsState", &[0, 1])? == 1;
    let ids = id_list(ctl.body, "pids")?;
    let indexes =
        ids.iter().map(|id| member_in_meeting(ctl.conference, id)).collect::<Result<Vec<_>, _>>()?;
    for i in indexes {
        if let Some(m) = ctl.conference.members.get_mut(i) {
            m.hand_raised = raised;
        }
    }
    Ok(None)
}

fn not_a_terminal(what: &str) -> HuaweiError {
    invalid(format!("{what} is not a professional hardware terminal (TE series and the like)"))
}

/// `{"viewType":0|1|2,"participantID"?,"switchTime"?,"status"?}`: what the host's terminal
/// watches. 2 one participant (`participantID`, required); 1 the multi-picture; 0 polling,
/// `status` 1 starts it every `switchTime` seconds (10 to 120), 0 stops it (both required).
pub(crate) fn chair_view(ctl: &mut Control<'_>) -> Answer {
    let view_type = choice(ctl.body, "viewType", &[0, 1, 2])?;
    let host = ctl.conference.members.iter().find(|m| m.in_meeting() && m.role == HuaweiRole::Host);
    match host {
        None => return Err(invalid("chairView needs a host in the conference")),
        Some(h) if !h.screen.terminal => return Err(not_a_terminal("the host")),
        Some(_) => {}
    }
    let view = match view_type {
        2 => {
            let pid = required_string(ctl.body, "participantID")?;
            let index = member_in_meeting(ctl.conference, pid)?;
            Some(HostView::Participant(participant_id(ctl, index)))
        }
        1 => Some(HostView::MultiPicture),
        _ => {
            let status = choice(ctl.body, "status", &[0, 1])?;
            let seconds = match ctl.body.get("switchTime").and_then(Value::as_i64) {
                Some(s) if SWITCH_SECONDS.contains(&s) => s,
                _ => return Err(invalid("switchTime is required when polling: 10 to 120 seconds")),
            };
            match (status, &ctl.conference.host_view) {
                (1, _) => Some(HostView::Polling(seconds)),
                (_, Some(HostView::Polling(_))) => None,
                (_, other) => other.clone(),
            }
        }
    };
    ctl.conference.host_view = view;
    Ok(None)
}

/// The index of the terminal named by the query's `participantID` (in the conference, a
/// hardware terminal).
fn query_terminal(ctl: &Control<'_>) -> Result<usize, HuaweiError> {
    let index = query_participant(ctl)?;
    match ctl.conference.members.get(index) {
        Some(m) if m.screen.terminal => Ok(index),
        _ => Err(not_a_terminal(&format!("participant {:?}", participant_id(ctl, index)))),
    }
}

/// The body's `participantID`: a participant in the conference.
fn body_participant(ctl: &Control<'_>) -> Result<String, HuaweiError> {
    let pid = required_string(ctl.body, "participantID")?;
    let index = member_in_meeting(ctl.conference, pid)?;
    Ok(participant_id(ctl, index))
}

/// `{"viewType":2,"participantID"}`: the terminal named by the query watches the participant in
/// the body.
pub(crate) fn part_view(ctl: &mut Control<'_>) -> Answer {
    choice(ctl.body, "viewType", &[2])?;
    let terminal = query_terminal(ctl)?;
    let watched = body_participant(ctl)?;
    if let Some(m) = ctl.conference.members.get_mut(terminal) {
        m.screen.watching = Some(watched);
    }
    Ok(None)
}

/// `{"status":0|1,"participantID"}`: locks (1) or unlocks (0) the video source of the terminal
/// named by the query to the participant in the body.
pub(crate) fn lock_view(ctl: &mut Control<'_>) -> Answer {
    let lock = choice(ctl.body, "status", &[0, 1])? == 1;
    let terminal = query_terminal(ctl)?;
    let source = body_participant(ctl)?;
    if let Some(m) = ctl.conference.members.get_mut(terminal) {
        m.screen.locked_source = lock.then_some(source);
    }
    Ok(None)
}

/// `{"pause":1|0}`: pauses or resumes the conference.
pub(crate) fn pause(ctl: &mut Control<'_>) -> Answer {
    ctl.conference.paused = choice(ctl.body, "pause", &[0, 1])? == 1;
    Ok(None)
}

/// `{"allowAudience":1}` (the only value the vendor documents): a webinar's audience may join.
pub(crate) fn allow_audience(ctl: &mut Control<'_>) -> Answer {
    choice(ctl.body, "allowAudience", &[1])?;
    ctl.conference.allow_audience = true;
    Ok(None)
}

/// `{"allowClientRecord":1|0}`: the participant named by `participantID` may (1) or may not (0)
/// record locally.
pub(crate) fn allow_client_record(ctl: &mut Control<'_>) -> Answer {
    let allow = choice(ctl.body, "allowClientRecord", &[0, 1])? == 1;
    let index = query_participant(ctl)?;
    if let Some(m) = ctl.conference.members.get_mut(index) {
        m.screen.client_record = allow;
    }
    Ok(None)
}

/// `{"share":1|0}`: asks (1) the participant named by `participantID` to share the screen, or
/// withdraws the invitation (0).
pub(crate) fn invite_share(ctl: &mut Control<'_>) -> Answer {
    let share = choice(ctl.body, "share", &[0, 1])? == 1;
    let index = query_participant(ctl)?;
    if let Some(m) = ctl.conference.members.get_mut(index) {
        m.screen.share_invited = share;
    }
    Ok(None)
}
