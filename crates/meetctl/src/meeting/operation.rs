//! What a [`Meeting`](super::Meeting) can do, declared once: the vendor-neutral operations.

use crate::args::{Param, ParamKind, Scalar};

crate::operations! {
    /// What a [`Meeting`](crate::Meeting) can do. The numbers are stable (the C enum uses them) and never reused.
    pub enum MeetingOperation {
        /// Listing the participants (Tencent `GET …/real-time-participants`, every page; Huawei
        /// `GET …/realTimeInfo`) has a call of its own; the generic control refuses it (field
        /// `operation`).
        Participants = 1, "participants", "List who is in the meeting";
        /// One participant is muted (Tencent `PUT …/mutes`; Huawei `PUT …/participants/mute`).
        Mute = 2, "mute", "Mute one participant";
        /// One participant is unmuted (the same endpoints).
        Unmute = 3, "unmute", "Unmute one participant";
        /// Everyone but the host is muted (Tencent `PUT …/status` `mute_all`; Huawei
        /// `PUT …/conferences/mute`). Argument `allow_unmute_by_self` (bool, default true).
        MuteAll = 4, "mute_all", "Mute everyone but the host";
        /// Everyone is unmuted (the same endpoints).
        UnmuteAll = 5, "unmute_all", "Unmute everyone";
        /// One participant is removed and may join again (Tencent `kick_out`, `PUT …/kickout` with
        /// `allow_rejoin`; Huawei `hang_up`, `POST …/participants/delete`).
        Remove = 6, "remove", "Remove one participant from the meeting";
        /// One participant becomes co-host (Tencent `PUT …/cohosts`, enterprise credentials only;
        /// Huawei `PUT …/participants/cohost`).
        SetCohost = 7, "set_cohost", "Make one participant a co-host";
        /// One participant's co-host role is taken away (the same endpoints).
        RevokeCohost = 8, "revoke_cohost", "Take the co-host role away from one participant";
        /// One participant's video is turned off (Tencent `close_video`, `PUT …/video`; Huawei
        /// `stop_video`, `PUT …/participants/video`, the vendor's inverted `status` 1).
        StopVideo = 9, "stop_video", "Turn one participant's video off";
        /// One participant is renamed. Argument `name` (text, required; Tencent allows at most 20
        /// characters). Huawei renames by number: the one from the listing, or (for a participant
        /// made from a kept id) looked up in the conference's real-time info first.
        Rename = 10, "rename", "Rename one participant";
        /// The meeting is locked (Tencent `PUT …/status` `meeting_locked`; Huawei
        /// `PUT …/conferences/lock`).
        Lock = 11, "lock", "Lock the meeting: nobody new joins on their own";
        /// The meeting is unlocked (the same endpoints).
        Unlock = 12, "unlock", "Unlock the meeting";
        /// The meeting ends for everyone (Tencent `end_meeting`, `POST /v1/meetings/{id}/dismiss`;
        /// Huawei `end`, `PUT …/conferences/stop`).
        End = 13, "end", "End the meeting for everyone";
        /// One participant becomes the host (Huawei `apply_host`, `PUT …/participants/role`,
        /// `applyChair` 1, with the password the conference handle was opened with: open it with
        /// the host password).
        /// Tencent has no such endpoint: an unsupported-operation error, nothing sent.
        MakeHost = 14, "make_host", "Hand the host role to one participant (Huawei only)";
        /// Everyone sees (and hears) one participant, one at a time (Huawei `broadcast`,
        /// `PUT …/participants/broadcast`). Tencent has no broadcast endpoint (its layouts pick
        /// what the screen shows, they do not broadcast a participant): an unsupported-operation
        /// error, nothing sent.
        Broadcast = 15, "broadcast", "Broadcast one participant to everyone (Huawei only)";
        /// The broadcast (or a roll call) ends (Huawei `cancel_broadcast`, `PUT …/cancelBroadcast`).
        /// Tencent: unsupported, nothing sent.
        CancelBroadcast = 16, "cancel_broadcast", "End the broadcast (Huawei only)";
        /// Every raised hand is lowered: Huawei lists the conference (`GET …/realTimeInfo`) and
        /// lowers the raised hands in one `lower_hands` (`PUT …/participants/batch/hands`), and
        /// sends nothing more when no hand is raised. Tencent lists no hands: unsupported, nothing
        /// sent.
        LowerAllHands = 17, "lower_all_hands", "Lower every raised hand (Huawei only)";
    }
}

impl MeetingOperation {
    /// The named arguments the operation takes ([`Meeting::control`](crate::Meeting::control) accepts these and no other;
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
                | MeetingOperation::Broadcast
        )
    }
}
