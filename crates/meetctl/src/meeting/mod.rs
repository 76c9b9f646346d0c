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

mod event;
mod find;
mod huawei;
mod invite;
mod named;
mod operation;
mod participant;
mod roster;
mod tencent;
mod watch;
mod watch_huawei;
mod watch_tencent;

use std::sync::Arc;

use crate::args::Args;
use crate::error::{Error, Vendor};
use crate::huawei::Conference;
use crate::tencent::{TencentClient, TencentUser};

pub use event::{EventOrigin, MeetingEvent, MeetingEventKind, ParticipantField};
pub use find::{MeetingDetails, MeetingOccurrence};
pub use operation::MeetingOperation;
pub use participant::{Participant, Role};
pub use watch::{MeetingWatch, WatchCloser, WatchOptions};

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
    /// the client's own open_id: where an endpoint needs the ms_open_id, it is looked up once
    /// through the `ms-open-id` endpoint and kept. Listing participants needs the userid or
    /// open_id form.
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

    /// Watches the meeting: everyone in it and their state, kept current
    /// ([`MeetingWatch::roster`]), and each change as a [`MeetingEvent`]. The participants
    /// already there are the first events, as joins.
    ///
    /// Huawei: the conference-control WebSocket pushes every change. Tencent: the real-time
    /// participant list is polled (at [`WatchOptions::poll_interval`] per call, by default a tenth
    /// of the app's rate limit) and diffed, and a webhook receiver, when attached, adds pushed
    /// joins, leaves, start and end. What arrives how, per vendor, is in `docs/events.md`.
    pub fn watch(&self, options: WatchOptions) -> Result<MeetingWatch, Error> {
        match &*self.backend {
            Backend::Tencent(_) => watch_tencent::start(self, &options),
            Backend::Huawei(c) => Ok(MeetingWatch::live(watch_huawei::start(c, &options)?)),
        }
    }

    /// The meeting's events as the vendor pushes them, without polling: Huawei's WebSocket, or
    /// (Tencent) the webhook receiver the options attach (without one: an invalid-argument error
    /// naming `receiver`). The roster is still kept.
    pub fn events(&self, options: WatchOptions) -> Result<MeetingWatch, Error> {
        self.watch(options.poll(false))
    }

    /// Whether the meeting is in progress now (Tencent: its details' status).
    pub(crate) fn in_progress(&self) -> Result<bool, Error> {
        match &*self.backend {
            Backend::Tencent(t) => t.in_progress(),
            Backend::Huawei(_) => Ok(true),
        }
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
