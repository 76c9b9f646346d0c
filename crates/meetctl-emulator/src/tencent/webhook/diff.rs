//! What the webhooks have announced of a meeting, and the events that bring it up to date.
//!
//! Every change to a meeting (an API call, an admin route) ends with [`changes`], which compares
//! the meeting with what was last announced: the events are the difference, in this order:
//! `meeting.started`, `meeting.participant-left`, `meeting.participant-joined`,
//! `meeting.participant-role-changed`, `meeting.end`. The announced view is kept whether or not
//! anyone is subscribed, so a new subscription starts from the present.

use crate::scenario::TencentRole;
use crate::state::Meeting;

/// A member (index in the meeting's members) in the meeting on a device, as last announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seen {
    /// Index in the meeting's members.
    pub(crate) member: usize,
    /// Device type.
    pub(crate) instanceid: i64,
    /// Role.
    pub(crate) role: TencentRole,
}

/// What has been announced of a meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Announced {
    /// `meeting.started` was sent (or the meeting was in progress when the emulator started).
    pub(crate) started: bool,
    /// The meeting was over when last looked at (`meeting.end` sent, if it had started).
    pub(crate) ended: bool,
    /// Who is in the meeting.
    pub(crate) present: Vec<Seen>,
}

/// One change to announce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// `meeting.started`.
    Started,
    /// `meeting.participant-left` of a member on a device.
    Left(Seen),
    /// `meeting.participant-joined`.
    Joined(Seen),
    /// `meeting.participant-role-changed`.
    RoleChanged(Seen),
    /// `meeting.end`.
    Ended,
}

/// Who is in `meeting` now (nobody once it is over).
fn present(meeting: &Meeting) -> Vec<Seen> {
    if meeting.is_over() || meeting.cancelled {
        return Vec::new();
    }
    meeting
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.in_meeting())
        .map(|(member, m)| Seen { member, instanceid: m.instanceid, role: m.role })
        .collect()
}

/// Whether `meeting` is in progress: not over, and someone in it or started by the admin API.
fn in_progress(meeting: &Meeting, present: &[Seen]) -> bool {
    !meeting.is_over() && !meeting.cancelled && (!present.is_empty() || meeting.admin_started)
}

/// The view of a meeting as it is: what a meeting starts with (no events for the scenario).
pub(crate) fn current(meeting: &Meeting) -> Announced {
    let present = present(meeting);
    Announced { started: in_progress(meeting, &present), ended: meeting.is_over(), present }
}

/// The changes since `meeting.announced`, which is brought up to date.
pub(crate) fn changes(meeting: &mut Meeting) -> Vec<Change> {
    let now = present(meeting);
    let mut out = Vec::new();
    let was = std::mem::take(&mut meeting.announced);
    let mut started = was.started;
    if !started && in_progress(meeting, &now) {
        out.push(Change::Started);
        started = true;
    }
    let same = |a: &Seen, b: &Seen| a.member == b.member && a.instanceid == b.instanceid;
    out.extend(was.present.iter().filter(|p| !now.iter().any(|n| same(n, p))).map(|p| Change::Left(*p)));
    out.extend(now.iter().filter(|n| !was.present.iter().any(|p| same(n, p))).map(|n| Change::Joined(*n)));
    out.extend(
        now.iter()
            .filter(|n| was.present.iter().any(|p| same(n, p) && p.role != n.role))
            .map(|n| Change::RoleChanged(*n)),
    );
    let ended = meeting.is_over();
    if ended && !was.ended && started {
        out.push(Change::Ended);
    }
    meeting.announced = Announced { started, ended, present: now };
    out
}
