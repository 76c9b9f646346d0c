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
        /// Someone is called into the meeting: exactly one of a phone (`phone`, with
        /// `country_code`, default 86), a SIP address (`sip_address`), an H.323 address
        /// (`h323_address`) or a Tencent Rooms device (`meeting_room_id`); `name` is shown for a
        /// phone. Tencent: a phone by `phone_callout` (`POST …/phone/callout`), the others by
        /// `room_call` (`PUT /v1/meeting-rooms/room-call`). Huawei: `invite` (`POST
        /// …/participants`) of a `mobile` number `+<country_code><phone>` or a `terminal` at the
        /// address; a Tencent Rooms id is refused (field `meeting_room_id`). Not safe to repeat:
        /// each call rings again.
        Invite = 18, "invite", "Call a phone, a SIP or H.323 address, or a meeting room into the meeting";
        /// A call made by `invite` stops: the same one of `phone`
        /// (with `country_code`), `sip_address`, `h323_address` or `meeting_room_id`. Tencent:
        /// `cancel_phone_callout`, or `cancel_room_call` with the `invite_id` the call through this
        /// same `Meeting` answered (none: field named, nothing sent). Huawei: `remove_attendees`
        /// (`POST …/attendees/delete`) of that number, with its participant id when it has joined
        /// (looked up in the real-time info).
        CancelInvite = 19, "cancel_invite", "Stop calling someone invited, or take them off the invitation";
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
            MeetingOperation::Invite => super::invite::INVITE_PARAMS,
            MeetingOperation::CancelInvite => super::invite::CANCEL_PARAMS,
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
