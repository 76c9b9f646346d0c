//! A [`Meeting`](super::Meeting) on Tencent Meeting: operations mapped to the Tencent table.

use std::collections::HashMap;
use std::sync::Mutex;

use super::invite::{Address, Invitee};
use super::operation::MeetingOperation;
use super::participant::{Participant, Target};
use crate::args::Args;
use crate::encoding::{path_segment, require_id};
use crate::error::{Error, Vendor};
use crate::tencent::{IdKind, TencentClient, TencentControl, TencentOperation, TencentUser};

/// Everything but handing over the host role, broadcasting and lowering hands: Tencent has no such
/// endpoints (its layouts choose what a screen shows; they broadcast no participant).
pub(super) const CAPABILITIES: &[MeetingOperation] = &[
    MeetingOperation::Participants,
    MeetingOperation::Mute,
    MeetingOperation::Unmute,
    MeetingOperation::MuteAll,
    MeetingOperation::UnmuteAll,
    MeetingOperation::Remove,
    MeetingOperation::SetCohost,
    MeetingOperation::RevokeCohost,
    MeetingOperation::StopVideo,
    MeetingOperation::Rename,
    MeetingOperation::Lock,
    MeetingOperation::Unlock,
    MeetingOperation::End,
    MeetingOperation::Invite,
    MeetingOperation::CancelInvite,
];

pub(super) struct TencentMeeting {
    client: TencentClient,
    meeting_id: String,
    operator: TencentUser,
    /// The occurrence of a recurring meeting (its sub_meeting_id).
    occurrence: Option<String>,
    /// The operator's ms_open_id in this meeting, once looked up.
    ms_open_id: Mutex<Option<String>>,
    /// The `invite_id` of each room or device called through this meeting and not cancelled.
    room_calls: Mutex<HashMap<Address, String>>,
}

impl TencentMeeting {
    pub(super) fn new(client: TencentClient, meeting_id: &str, operator: TencentUser) -> Result<Self, Error> {
        path_segment("meeting_id", meeting_id)?;
        require_id("operator.id", operator.id.value())?;
        Ok(TencentMeeting {
            client,
            meeting_id: meeting_id.to_owned(),
            operator,
            occurrence: None,
            ms_open_id: Mutex::new(None),
            room_calls: Mutex::new(HashMap::new()),
        })
    }

    /// The same meeting, for one occurrence of it (checked as a path-safe id).
    pub(super) fn with_occurrence(mut self, occurrence: Option<&str>) -> Result<Self, Error> {
        if let Some(occ) = occurrence {
            path_segment("occurrence", occ)?;
        }
        self.occurrence = occurrence.map(str::to_owned);
        Ok(self)
    }

    pub(super) fn occurrence(&self) -> Option<&str> {
        self.occurrence.as_deref()
    }

    pub(super) fn details(&self) -> Result<super::find::MeetingDetails, Error> {
        self.require_lookup_operator("looking up a Tencent meeting's details")?;
        let info = self.client.meeting(&self.meeting_id, &self.operator)?;
        Ok(super::find::MeetingDetails::from_tencent(info, self.occurrence.clone()))
    }

    /// Whether the meeting (this occurrence, for a recurring one) is in progress now.
    pub(super) fn in_progress(&self) -> Result<bool, Error> {
        self.require_lookup_operator("watching a Tencent meeting")?;
        Ok(self.client.meeting(&self.meeting_id, &self.operator)?.in_progress)
    }

    fn require_lookup_operator(&self, what: &str) -> Result<(), Error> {
        if matches!(self.operator.id.kind(), IdKind::UserId | IdKind::OpenId) {
            return Ok(());
        }
        Err(Error::invalid(
            "operator",
            format!("{what} needs the operator by userid (or, with OAuth, open_id)"),
        ))
    }

    pub(super) fn meeting_id(&self) -> &str {
        &self.meeting_id
    }

    pub(super) fn participants(&self) -> Result<Vec<Participant>, Error> {
        self.require_lookup_operator("listing a Tencent meeting's participants")?;
        let list =
            self.client.participants_of(&self.meeting_id, self.occurrence.as_deref(), &self.operator)?;
        Ok(list.into_iter().map(Participant::from_tencent).collect())
    }

    pub(super) fn control(
        &self,
        operation: MeetingOperation,
        participant: Option<&Participant>,
        args: &Args,
    ) -> Result<(), Error> {
        let status =
            |key: &'static str, on: bool| (TencentOperation::SetMeetingStatus, Args::new().with(key, on));
        let (op, op_args) = match operation {
            MeetingOperation::Mute => (TencentOperation::Mute, Args::new()),
            MeetingOperation::Unmute => (TencentOperation::Unmute, Args::new()),
            MeetingOperation::Remove => (TencentOperation::KickOut, Args::new().with("allow_rejoin", true)),
            MeetingOperation::SetCohost => (TencentOperation::SetCohost, Args::new()),
            MeetingOperation::RevokeCohost => (TencentOperation::RevokeCohost, Args::new()),
            MeetingOperation::StopVideo => (TencentOperation::CloseVideo, Args::new()),
            MeetingOperation::Rename => {
                let name = args.get("name").cloned().ok_or_else(|| Error::invalid("name", "is required"))?;
                (TencentOperation::Rename, Args::new().with("nick_name", name))
            }
            MeetingOperation::MuteAll => {
                let allow = args.get("allow_unmute_by_self").cloned().unwrap_or(true.into());
                let (op, a) = status("mute_all", true);
                (op, a.with("allow_unmute_by_self", allow))
            }
            MeetingOperation::UnmuteAll => status("mute_all", false),
            MeetingOperation::Lock => status("meeting_locked", true),
            MeetingOperation::Unlock => status("meeting_locked", false),
            MeetingOperation::End => (TencentOperation::EndMeeting, Args::new()),
            MeetingOperation::Invite => return self.invite(&Invitee::from_args(args)?),
            MeetingOperation::CancelInvite => return self.cancel_invite(&Invitee::from_args(args)?),
            MeetingOperation::MakeHost
            | MeetingOperation::Broadcast
            | MeetingOperation::CancelBroadcast
            | MeetingOperation::LowerAllHands
            | MeetingOperation::Participants => {
                return Err(Error::unsupported(Vendor::Tencent, operation.name()));
            }
        };
        let target = participant.map(target).transpose()?;
        self.send(op, op_args, target).map_err(name_errors)
    }

    /// `op` sent with the operator as its endpoint takes it: as given, or by its ms_open_id in
    /// this meeting (looked up once, after everything else is checked).
    fn send(&self, op: TencentOperation, args: Args, target: Option<TencentUser>) -> Result<(), Error> {
        let build = |operator: TencentUser| {
            let control = TencentControl::new(op, self.meeting_id.clone(), operator).args(args.clone());
            match &target {
                Some(user) => control.target(user.clone()),
                None => control,
            }
        };
        let operator = match self.operator_for(op)? {
            Some(operator) => operator,
            None => {
                self.client.validate(&build(TencentUser::ms_open_id("-", self.operator.instance)))?;
                TencentUser::ms_open_id(self.operator_ms_open_id()?, self.operator.instance)
            }
        };
        self.client.call(&build(operator)).map(drop)
    }

    /// A phone by `phone_callout` (the name as its `nick_name`), anything else by `room_call`,
    /// whose `invite_id` is kept for [`cancel_invite`](Self::cancel_invite).
    fn invite(&self, invitee: &Invitee) -> Result<(), Error> {
        match &invitee.address {
            Address::Phone { country_code, phone } => {
                let mut number = serde_json::json!({"area": country_code, "phone": phone});
                if let Some(name) = &invitee.name {
                    number["nick_name"] = name.as_str().into();
                }
                let args = Args::new().with("phone_numbers", vec![number]);
                self.send(TencentOperation::PhoneCallout, args, None).map_err(invite_errors)
            }
            address => {
                let operator = self.rooms_operator()?;
                let invite_id = self
                    .client
                    .room_call(&self.meeting_id, &operator, room_args(address))
                    .map_err(invite_errors)?;
                self.room_calls.lock().unwrap_or_else(|e| e.into_inner()).insert(address.clone(), invite_id);
                Ok(())
            }
        }
    }

    /// A phone by `cancel_phone_callout`; a room or device by `cancel_room_call` with the
    /// `invite_id` its call through this meeting answered.
    fn cancel_invite(&self, invitee: &Invitee) -> Result<(), Error> {
        match &invitee.address {
            Address::Phone { country_code, phone } => {
                let number = serde_json::json!({"area": country_code, "phone": phone});
                let args = Args::new().with("phone_numbers", vec![number]);
                self.send(TencentOperation::CancelPhoneCallout, args, None).map_err(invite_errors)
            }
            address => {
                let operator = self.rooms_operator()?;
                let known = self.room_calls.lock().unwrap_or_else(|e| e.into_inner()).get(address).cloned();
                let Some(invite_id) = known else {
                    return Err(Error::invalid(
                        address.field(),
                        "was not called through this Meeting: cancel_room_call takes the invite_id room_call answered",
                    ));
                };
                let control =
                    TencentControl::new(TencentOperation::CancelRoomCall, self.meeting_id.clone(), operator)
                        .args(room_args(address).with("invite_id", invite_id));
                self.client.call(&control).map_err(invite_errors)?;
                self.room_calls.lock().unwrap_or_else(|e| e.into_inner()).remove(address);
                Ok(())
            }
        }
    }

    /// The operator of the Rooms call APIs, which take it by userid only (no ms_open_id to look
    /// up: `operator_for` refuses any other kind).
    fn rooms_operator(&self) -> Result<TencentUser, Error> {
        self.operator_for(TencentOperation::RoomCall)?
            .ok_or_else(|| Error::invalid("operator", "room_call needs the operator by userid"))
    }

    /// The operator as `op`'s endpoint accepts it: `Some` as given, or `None` when it must be
    /// named by its ms_open_id (looked up once).
    fn operator_for(&self, op: TencentOperation) -> Result<Option<TencentUser>, Error> {
        let accepts = op.spec().operator.accepts;
        let kind = self.operator.id.kind();
        if accepts.contains(&kind) {
            return Ok(Some(self.operator.clone()));
        }
        if accepts.contains(&IdKind::MsOpenId) && matches!(kind, IdKind::UserId | IdKind::OpenId) {
            return Ok(None);
        }
        let names: Vec<&str> = accepts.iter().map(|k| k.name()).collect();
        Err(Error::invalid("operator", format!("{} needs the operator by {}", op.name(), names.join(" or "))))
    }

    fn operator_ms_open_id(&self) -> Result<String, Error> {
        let mut cached = self.ms_open_id.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(id) = &*cached {
            return Ok(id.clone());
        }
        let id = self.client.ms_open_id(&self.meeting_id, &self.operator)?;
        *cached = Some(id.clone());
        Ok(id)
    }
}

/// `room_call`'s arguments for a room or device address.
fn room_args(address: &Address) -> Args {
    match address {
        Address::Sip(a) => Args::new().with("sip_address", a.as_str()),
        Address::H323(a) => Args::new().with("h323_address", a.as_str()),
        Address::Room(id) => Args::new().with("meeting_room_id", id.as_str()),
        Address::Phone { .. } => Args::new(),
    }
}

/// Errors about the vendor's `phone_numbers[0].…` fields name the neutral argument.
fn invite_errors(e: Error) -> Error {
    let neutral = match e.field() {
        Some("phone_numbers[0].phone") => "phone",
        Some("phone_numbers[0].area") => "country_code",
        Some("phone_numbers[0].nick_name") => "name",
        _ => return e,
    };
    Error::invalid(neutral, e.message().to_owned())
}

/// The neutral layer calls the argument `name` where Tencent's endpoint calls it `nick_name`.
fn name_errors(e: Error) -> Error {
    match e.field() {
        Some("nick_name") => Error::invalid("name", e.message().to_owned()),
        _ => e,
    }
}

fn target(participant: &Participant) -> Result<TencentUser, Error> {
    match &participant.target {
        Target::Tencent(Some(user)) => Ok(user.clone()),
        _ => Err(Error::invalid(
            "participant",
            "cannot be acted on: Tencent gave no ms_open_id or no controllable device for it",
        )),
    }
}
