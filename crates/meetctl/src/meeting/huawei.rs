//! A [`Meeting`](super::Meeting) on Huawei Cloud Meeting: operations mapped to the Huawei table.

use super::invite::{Address, Invitee};
use super::operation::MeetingOperation;
use super::participant::{Participant, Target};
use crate::args::Args;
use crate::error::{Error, Vendor};
use crate::huawei::{Conference, ConferenceControl, HuaweiCall, HuaweiOperation};

pub(super) fn participants(conference: &Conference) -> Result<Vec<Participant>, Error> {
    Ok(conference.info()?.participants.into_iter().map(Participant::from_huawei).collect())
}

pub(super) fn control(
    conference: &Conference,
    operation: MeetingOperation,
    participant: Option<&Participant>,
    args: &Args,
) -> Result<(), Error> {
    let (op, op_args) = match operation {
        MeetingOperation::Mute => (HuaweiOperation::Mute, Args::new()),
        MeetingOperation::Unmute => (HuaweiOperation::Unmute, Args::new()),
        MeetingOperation::Remove => (HuaweiOperation::HangUp, Args::new()),
        MeetingOperation::SetCohost => (HuaweiOperation::SetCohost, Args::new()),
        MeetingOperation::RevokeCohost => (HuaweiOperation::RevokeCohost, Args::new()),
        MeetingOperation::StopVideo => (HuaweiOperation::StopVideo, Args::new()),
        MeetingOperation::MuteAll => {
            let allow = args.get("allow_unmute_by_self").cloned().unwrap_or(true.into());
            (HuaweiOperation::MuteAll, Args::new().with("allow_unmute_by_self", allow))
        }
        MeetingOperation::UnmuteAll => (HuaweiOperation::UnmuteAll, Args::new()),
        MeetingOperation::Lock => (HuaweiOperation::Lock, Args::new()),
        MeetingOperation::Unlock => (HuaweiOperation::Unlock, Args::new()),
        MeetingOperation::End => (HuaweiOperation::End, Args::new()),
        MeetingOperation::Rename => {
            let name = args.get("name").cloned().ok_or_else(|| Error::invalid("name", "is required"))?;
            // Everything is checked before the number is looked up.
            let check = ConferenceControl::new(HuaweiOperation::Rename)
                .participant(participant_id(participant)?)
                .args(Args::new().with("number", "0").with("new_name", name.clone()));
            check.to_request(conference.id()).map_err(name_errors)?;
            let number = number_of(conference, participant)?;
            (HuaweiOperation::Rename, Args::new().with("number", number).with("new_name", name))
        }
        MeetingOperation::MakeHost => {
            let password = conference.password().ok_or_else(|| {
                Error::invalid(
                    "conference",
                    "handing over the host role needs the chairman password: open the conference with the host password",
                )
            })?;
            (HuaweiOperation::ApplyHost, Args::new().with("chairman_password", password.expose()))
        }
        MeetingOperation::Broadcast => (HuaweiOperation::Broadcast, Args::new()),
        MeetingOperation::CancelBroadcast => (HuaweiOperation::CancelBroadcast, Args::new()),
        MeetingOperation::LowerAllHands => return lower_all_hands(conference),
        MeetingOperation::Invite => return invite(conference, &Invitee::from_args(args)?),
        MeetingOperation::CancelInvite => return cancel_invite(conference, &Invitee::from_args(args)?),
        MeetingOperation::Participants => return Err(Error::unsupported(Vendor::Huawei, operation.name())),
    };
    let mut control = ConferenceControl::new(op).args(op_args);
    if participant.is_some() {
        control = control.participant(participant_id(participant)?);
    }
    conference.call(&control).map(drop).map_err(name_errors)
}

/// Lowers every raised hand the conference's real-time info shows, in one call; none raised,
/// nothing more is sent.
fn lower_all_hands(conference: &Conference) -> Result<(), Error> {
    let raised: Vec<String> = conference
        .info()?
        .participants
        .into_iter()
        .filter(|p| p.hand_raised == Some(true))
        .map(|p| p.participant_id)
        .collect();
    if raised.is_empty() {
        return Ok(());
    }
    conference.call(&ConferenceControl::new(HuaweiOperation::LowerHands).participants(raised)).map(drop)
}

/// The number Huawei calls for `address`; a Tencent Rooms id has none.
fn huawei_number(address: &Address) -> Result<String, Error> {
    address.huawei_number().ok_or_else(|| {
        Error::invalid(
            address.field(),
            "is a Tencent Rooms device: Huawei calls a phone or a SIP or H.323 address",
        )
    })
}

/// One attendee invited: a phone as `mobile`, an address as a hardware `terminal`, named by the
/// name given or else by its number.
fn invite(conference: &Conference, invitee: &Invitee) -> Result<(), Error> {
    let number = huawei_number(&invitee.address)?;
    let terminal_type = match invitee.address {
        Address::Phone { .. } => "mobile",
        _ => "terminal",
    };
    let name = invitee.name.clone().unwrap_or_else(|| number.clone());
    let attendee = serde_json::json!({"name": name, "number": number, "terminal_type": terminal_type});
    let control =
        ConferenceControl::new(HuaweiOperation::Invite).args(Args::new().with("attendees", vec![attendee]));
    conference.call(&control).map(drop).map_err(|e| match e.field() {
        Some("attendees[0].name") => Error::invalid("name", e.message().to_owned()),
        Some("attendees[0].number") => Error::invalid(invitee.address.field(), e.message().to_owned()),
        _ => e,
    })
}

/// The number taken off the invitation list (`remove_attendees`), with its participant id when it
/// has joined: a call still ringing stops, someone who answered leaves.
fn cancel_invite(conference: &Conference, invitee: &Invitee) -> Result<(), Error> {
    let number = huawei_number(&invitee.address)?;
    let check = ConferenceControl::new(HuaweiOperation::RemoveAttendees)
        .args(Args::new().with("attendees", vec![serde_json::json!({"number": number})]));
    check
        .to_request(conference.id())
        .map_err(|e| Error::invalid(invitee.address.field(), e.message().to_owned()))?;
    let joined = conference
        .info()?
        .participants
        .into_iter()
        .find(|p| p.number.as_deref() == Some(number.as_str()))
        .map(|p| p.participant_id);
    let mut attendee = serde_json::json!({"number": number});
    if let Some(id) = joined {
        attendee["participant_id"] = id.into();
    }
    let control = ConferenceControl::new(HuaweiOperation::RemoveAttendees)
        .args(Args::new().with("attendees", vec![attendee]));
    conference.call(&control).map(drop)
}

fn name_errors(e: Error) -> Error {
    match e.field() {
        Some("new_name") => Error::invalid("name", e.message().to_owned()),
        _ => e,
    }
}

fn participant_id(participant: Option<&Participant>) -> Result<&str, Error> {
    match participant.map(|p| &p.target) {
        Some(Target::Huawei { participant_id, .. }) => Ok(participant_id),
        _ => Err(Error::invalid("participant", "is not a Huawei participant")),
    }
}

/// The participant's number (Huawei renames by number): from the listing it came from, or
/// looked up in the conference's real-time info.
fn number_of(conference: &Conference, participant: Option<&Participant>) -> Result<String, Error> {
    let Some(p) = participant else {
        return Err(Error::invalid("participant", "this operation needs a participant"));
    };
    if let Target::Huawei { number: Some(number), .. } = &p.target {
        return Ok(number.clone());
    }
    let id = participant_id(Some(p))?;
    conference
        .info()?
        .participants
        .into_iter()
        .find(|q| q.participant_id == id)
        .and_then(|q| q.number)
        .ok_or_else(|| {
            Error::invalid("participant", "has no number in the conference, and Huawei renames by number")
        })
}
