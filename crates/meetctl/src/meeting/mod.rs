//! One meeting, either vendor: the same operations on a Tencent meeting or a Huawei conference.
//!
//! ```no_run
//! use meetctl::{Meeting, Role};
//! # fn run(meeting: &Meeting) -> Result<(), meetctl::Error> {
//! for p in meeting.participants()? {
//!     if p.role != Role::Host && p.controllable && p.audio_muted != Some(true) {
//!         meeting.mute(&p)?;
//!     }
//! }
//! meeting.end()?;
//! # Ok(()) }
//! ```

mod huawei;
mod participant;
mod tencent;

use std::sync::Arc;

use crate::args::{Args, Param, ParamKind, Scalar};
use crate::error::{Error, Vendor};
use crate::huawei::Conference;
use crate::tencent::{TencentClient, TencentUser};

pub use participant::{Participant, Role};

/// What a [`Meeting`] can do. The numbers are stable (the C enum uses them) and never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum MeetingOperation {
    /// List the participants ([`Meeting::participants`]).
    Participants = 1,
    /// Mute one participant.
    Mute = 2,
    /// Unmute one participant.
    Unmute = 3,
    /// Mute everyone but the host; argument `allow_unmute_by_self` (default true).
    MuteAll = 4,
    /// Unmute everyone.
    UnmuteAll = 5,
    /// Remove one participant from the meeting.
    Remove = 6,
    /// Make one participant a co-host.
    SetCohost = 7,
    /// Take the co-host role away.
    RevokeCohost = 8,
    /// Turn one participant's video off.
    StopVideo = 9,
    /// Rename one participant; argument `name`.
    Rename = 10,
    /// Lock the meeting: nobody new joins on their own.
    Lock = 11,
    /// Unlock it.
    Unlock = 12,
    /// End the meeting for everyone.
    End = 13,
    /// Hand the host role to one participant (Huawei only).
    MakeHost = 14,
}

impl MeetingOperation {
    /// Every operation, in the order of their numbers.
    pub const ALL: [MeetingOperation; 14] = [
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
        MeetingOperation::MakeHost,
    ];

    /// The stable number (as `meetctl_meeting_operation` in C).
    pub fn code(self) -> u32 {
        self as u32
    }

    /// The operation with this number.
    pub fn from_code(code: u32) -> Option<MeetingOperation> {
        MeetingOperation::ALL.into_iter().find(|op| op.code() == code)
    }

    /// The snake_case name the bindings use (`"mute_all"`).
    pub fn name(self) -> &'static str {
        match self {
            MeetingOperation::Participants => "participants",
            MeetingOperation::Mute => "mute",
            MeetingOperation::Unmute => "unmute",
            MeetingOperation::MuteAll => "mute_all",
            MeetingOperation::UnmuteAll => "unmute_all",
            MeetingOperation::Remove => "remove",
            MeetingOperation::SetCohost => "set_cohost",
            MeetingOperation::RevokeCohost => "revoke_cohost",
            MeetingOperation::StopVideo => "stop_video",
            MeetingOperation::Rename => "rename",
            MeetingOperation::Lock => "lock",
            MeetingOperation::Unlock => "unlock",
            MeetingOperation::End => "end",
            MeetingOperation::MakeHost => "make_host",
        }
    }

    /// The operation with this snake_case name.
    pub fn from_name(name: &str) -> Option<MeetingOperation> {
        MeetingOperation::ALL.into_iter().find(|op| op.name() == name)
    }

    /// The named arguments the operation takes ([`Meeting::control`] accepts these and no other;
    /// each vendor's row checks the value again on the way out).
    pub fn params(self) -> &'static [Param] {
        const MUTE_ALL: &[Param] = &[Param::default(
            "allow_unmute_by_self",
            "allow_unmute_by_self",
            ParamKind::Bool,
            Scalar::Bool(true),
        )];
        const RENAME: &[Param] = &[Param::required("name", "name", ParamKind::Text { max_chars: 96 })];
        match self {
            MeetingOperation::MuteAll => MUTE_ALL,
            MeetingOperation::Rename => RENAME,
            _ => &[],
        }
    }

    /// What the operation does, in one line (as its documentation says).
    pub fn summary(self) -> &'static str {
        match self {
            MeetingOperation::Participants => "List who is in the meeting",
            MeetingOperation::Mute => "Mute one participant",
            MeetingOperation::Unmute => "Unmute one participant",
            MeetingOperation::MuteAll => "Mute everyone but the host",
            MeetingOperation::UnmuteAll => "Unmute everyone",
            MeetingOperation::Remove => "Remove one participant from the meeting",
            MeetingOperation::SetCohost => "Make one participant a co-host",
            MeetingOperation::RevokeCohost => "Take the co-host role away from one participant",
            MeetingOperation::StopVideo => "Turn one participant's video off",
            MeetingOperation::Rename => "Rename one participant",
            MeetingOperation::Lock => "Lock the meeting: nobody new joins on their own",
            MeetingOperation::Unlock => "Unlock the meeting",
            MeetingOperation::End => "End the meeting for everyone",
            MeetingOperation::MakeHost => "Hand the host role to one participant (Huawei only)",
        }
    }

    /// Whether the operation acts on one participant.
    pub fn takes_participant(self) -> bool {
        matches!(
            self,
            MeetingOperation::Mute
                | MeetingOperation::Unmute
                | MeetingOperation::Remove
                | MeetingOperation::SetCohost
                | MeetingOperation::RevokeCohost
                | MeetingOperation::StopVideo
                | MeetingOperation::Rename
                | MeetingOperation::MakeHost
        )
    }
}

/// One meeting on either vendor. Cheap to clone, `Send + Sync`.
///
/// Made from a Tencent client, meeting id and operator ([`Meeting::tencent`]) or from a Huawei
/// conference handle ([`Meeting::huawei`]). Every operation maps to the vendor's endpoint with
/// the vendor's quirks handled inside (id schemes, 0/1 flags, the inverted camera flag); one the
/// vendor cannot do is an [`ErrorKind::Unsupported`](crate::ErrorKind::Unsupported) error before
/// anything is sent.
#[derive(Clone)]
pub struct Meeting {
    backend: Arc<Backend>,
}

enum Backend {
    Tencent(tencent::TencentMeeting),
    Huawei(Conference),
}

impl Meeting {
    /// A Tencent meeting, acted on by `operator` (the host or a co-host).
    ///
    /// Give the operator by ms_open_id, or (enterprise credentials) by userid, or (OAuth 2.0) by
    /// the client's own openid: where an endpoint needs the ms_open_id, it is looked up once
    /// through the `ms-open-id` endpoint and kept. Listing participants needs the userid or
    /// openid form.
    pub fn tencent(client: TencentClient, meeting_id: &str, operator: TencentUser) -> Result<Meeting, Error> {
        let meeting = tencent::TencentMeeting::new(client, meeting_id, operator)?;
        Ok(Meeting { backend: Arc::new(Backend::Tencent(meeting)) })
    }

    /// A Huawei conference, acted on with the handle's control token.
    pub fn huawei(conference: Conference) -> Meeting {
        Meeting { backend: Arc::new(Backend::Huawei(conference)) }
    }

    /// Which vendor hosts the meeting.
    pub fn vendor(&self) -> Vendor {
        match &*self.backend {
            Backend::Tencent(_) => Vendor::Tencent,
            Backend::Huawei(_) => Vendor::Huawei,
        }
    }

    /// The meeting (conference) id.
    pub fn id(&self) -> &str {
        match &*self.backend {
            Backend::Tencent(t) => t.meeting_id(),
            Backend::Huawei(c) => c.id(),
        }
    }

    /// The operations this meeting supports, in the order of their numbers.
    pub fn capabilities(&self) -> &'static [MeetingOperation] {
        match &*self.backend {
            Backend::Tencent(_) => tencent::CAPABILITIES,
            Backend::Huawei(_) => &MeetingOperation::ALL,
        }
    }

    /// Whether this meeting supports `operation`.
    pub fn supports(&self, operation: MeetingOperation) -> bool {
        self.capabilities().contains(&operation)
    }

    /// Everyone in the meeting now.
    pub fn participants(&self) -> Result<Vec<Participant>, Error> {
        match &*self.backend {
            Backend::Tencent(t) => t.participants(),
            Backend::Huawei(c) => huawei::participants(c),
        }
    }

    /// Mutes `participant`.
    pub fn mute(&self, participant: &Participant) -> Result<(), Error> {
        self.control(MeetingOperation::Mute, Some(participant), &Args::new())
    }

    /// Unmutes `participant`.
    pub fn unmute(&self, participant: &Participant) -> Result<(), Error> {
        self.control(MeetingOperation::Unmute, Some(participant), &Args::new())
    }

    /// Mutes everyone but the host; they may unmute themselves when `allow_unmute_by_self`.
    pub fn mute_all(&self, allow_unmute_by_self: bool) -> Result<(), Error> {
        let args = Args::new().with("allow_unmute_by_self", allow_unmute_by_self);
        self.control(MeetingOperation::MuteAll, None, &args)
    }

    /// Unmutes everyone.
    pub fn unmute_all(&self) -> Result<(), Error> {
        self.control(MeetingOperation::UnmuteAll, None, &Args::new())
    }

    /// Removes `participant` from the meeting (they may join again).
    pub fn remove(&self, participant: &Participant) -> Result<(), Error> {
        self.control(MeetingOperation::Remove, Some(participant), &Args::new())
    }

    /// Makes `participant` a co-host.
    pub fn set_cohost(&self, participant: &Participant) -> Result<(), Error> {
        self.control(MeetingOperation::SetCohost, Some(participant), &Args::new())
    }

    /// Takes the co-host role from `participant`.
    pub fn revoke_cohost(&self, participant: &Participant) -> Result<(), Error> {
        self.control(MeetingOperation::RevokeCohost, Some(participant), &Args::new())
    }

    /// Turns `participant`'s video off.
    pub fn stop_video(&self, participant: &Participant) -> Result<(), Error> {
        self.control(MeetingOperation::StopVideo, Some(participant), &Args::new())
    }

    /// Renames `participant` (Tencent allows at most 20 characters).
    pub fn rename(&self, participant: &Participant, name: &str) -> Result<(), Error> {
        self.control(MeetingOperation::Rename, Some(participant), &Args::new().with("name", name))
    }

    /// Locks the meeting.
    pub fn lock(&self) -> Result<(), Error> {
        self.control(MeetingOperation::Lock, None, &Args::new())
    }

    /// Unlocks the meeting.
    pub fn unlock(&self) -> Result<(), Error> {
        self.control(MeetingOperation::Unlock, None, &Args::new())
    }

    /// Ends the meeting for everyone.
    pub fn end(&self) -> Result<(), Error> {
        self.control(MeetingOperation::End, None, &Args::new())
    }

    /// Hands the host role to `participant`. Huawei only, with a conference handle opened with
    /// the host password (it is the chairman password the endpoint asks for).
    pub fn make_host(&self, participant: &Participant) -> Result<(), Error> {
        self.control(MeetingOperation::MakeHost, Some(participant), &Args::new())
    }

    /// Any operation but [`participants`](Self::participants), by value: what the named methods
    /// call and what the C binding's one control function maps to. `args` holds
    /// `allow_unmute_by_self` (mute all) or `name` (rename).
    pub fn control(
        &self,
        operation: MeetingOperation,
        participant: Option<&Participant>,
        args: &Args,
    ) -> Result<(), Error> {
        if !self.supports(operation) {
            return Err(Error::unsupported(self.vendor(), operation.name()));
        }
        if operation == MeetingOperation::Participants {
            return Err(Error::invalid("operation", "participants() returns the list; it is no control"));
        }
        let participant = match (operation.takes_participant(), participant) {
            (true, Some(p)) if p.vendor() == self.vendor() => Some(p),
            (true, Some(p)) => {
                return Err(Error::invalid(
                    "participant",
                    format!("is in a {:?} meeting, this is a {:?} meeting", p.vendor(), self.vendor()),
                ));
            }
            (true, None) => return Err(Error::invalid("participant", "this operation needs a participant")),
            (false, Some(_)) => {
                return Err(Error::invalid("participant", "this operation takes no participant"));
            }
            (false, None) => None,
        };
        let allowed = operation.params();
        crate::args::refuse_unknown(args, |name| allowed.iter().any(|p| p.name == name), operation.name())?;
        match &*self.backend {
            Backend::Tencent(t) => t.control(operation, participant, args),
            Backend::Huawei(c) => huawei::control(c, operation, participant, args),
        }
    }
}

impl std::fmt::Debug for Meeting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Meeting")
            .field("vendor", &self.vendor())
            .field("id", &self.id())
            .finish_non_exhaustive()
    }
}
