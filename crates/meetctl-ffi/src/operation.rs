//! The operation enums of the header: `meetctl_tencent_operation`, `meetctl_huawei_operation`
//! and the vendor-neutral `meetctl_meeting_operation`.
//!
//! They only *name* the core's operations (`meetctl::tencent::TencentOperation`,
//! `meetctl::huawei::HuaweiOperation`, `meetctl::MeetingOperation`) with the core's stable
//! numbers; what an operation sends is the core's. The control functions take the number as a
//! `uint32_t` and look it up in the core ([`tencent`], [`huawei`], [`meeting`]), so an unknown
//! number is an error, never undefined behaviour. The tests check that every C value is the core's
//! number and every core operation has a value.

use meetctl::MeetingOperation;
use meetctl::huawei::HuaweiOperation;
use meetctl::tencent::TencentOperation;

use crate::error::Failure;

/// A Tencent Meeting operation, for `meetctl_tencent_client_control` / `_prepare` (passed as a
/// `uint32_t`). The numbers are the core's and are never reused. Arguments (`args_json`) are named
/// after the entry; targets are `meetctl_tencent_user`s (by ms_open_id unless said otherwise).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_tencent_operation {
    /// `PUT /v1/real-control/meetings/{id}/cohosts`: one target (ms_open_id or uuid) becomes
    /// co-host. Enterprise credentials only.
    SetCohost = 1,
    /// The same endpoint: the target's co-host role is taken away.
    RevokeCohost = 2,
    /// `PUT …/video`: one target's (ms_open_id or uuid) video is turned off.
    CloseVideo = 3,
    /// `PUT …/video` with `video: true`: an MRA (meeting-room) device's video is turned on.
    OpenVideo = 4,
    /// `PUT …/mutes`: one target is muted.
    Mute = 5,
    /// `PUT …/mutes`: one target is unmuted.
    Unmute = 6,
    /// `PUT …/kickout`: one or more targets are removed. Arguments `allow_rejoin` (bool, default
    /// true), `reason` (text).
    KickOut = 7,
    /// `PUT …/screen-shared`: one target's screen sharing is stopped.
    StopScreenShare = 8,
    /// `PUT …/names`: one target is renamed. Argument `nick_name` (text, at most 20 characters).
    Rename = 9,
    /// `PUT …/waiting-room`, `operate_type` 1: targets in the waiting room are let in.
    AdmitFromWaitingRoom = 10,
    /// `PUT …/waiting-room`, `operate_type` 2: targets are moved into the waiting room.
    MoveToWaitingRoom = 11,
    /// `PUT …/waiting-room`, `operate_type` 3: targets are sent away from the waiting room.
    /// Argument `allow_rejoin` (bool, default true).
    RemoveFromWaitingRoom = 12,
    /// `PUT …/status`: meeting settings; at least one of `mute_all`, `allow_unmute_by_self`,
    /// `meeting_locked`, `auto_waiting_room`, `share_screen`, `play_ivr_on_join`,
    /// `only_enterprise_user_allowed`, `hide_meeting_code_password` (bools), `allow_chat`,
    /// `participant_join_mute` (0, 1 or 2). Operator by userid or ms_open_id.
    SetMeetingStatus = 13,
    /// `PUT …/doc`: document upload for everyone. Argument `enable` (bool, required).
    SetDocUpload = 14,
    /// `PUT …/asr`: real-time transcription. Argument `enable` (bool, required); operator by
    /// userid.
    SetTranscription = 15,
    /// `POST /v1/meetings/{id}/dismiss`: the meeting ends. Arguments `reason_code` (int, default
    /// 1), `reason_detail` (text), `force` (bool, default true), `retrieve_code` (bool, default
    /// false). Operator by userid or ms_open_id.
    EndMeeting = 16,
    /// `GET …/real-time-participants`: one page of the participants (the answer as is).
    /// Arguments `page` (default 1), `page_size` (default and at most 50). Operator by userid or
    /// the OAuth client's own openid. `meetctl_tencent_client_participants` reads every page.
    Participants = 17,
    /// `GET …/ms-open-id`: the ms_open_id of the user given as operator (by userid or openid).
    /// See `meetctl_tencent_client_ms_open_id`.
    MsOpenId = 18,
}

/// A Huawei Cloud Meeting conference operation, for `meetctl_huawei_conference_control` /
/// `_prepare` (passed as a `uint32_t`). The numbers are the core's and are never reused.
/// Arguments (`args_json`) are named after the entry; participants are participant ids.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_huawei_operation {
    /// `PUT …/participants/role`, `applyChair` 1: one participant applies for the host role.
    /// Argument `chairman_password` (text, required).
    ApplyHost = 1,
    /// The same endpoint, `applyChair` 0: one participant gives the host role up.
    RelinquishHost = 2,
    /// `PUT …/participants/mute`, `isMute` 1: one participant is muted.
    Mute = 3,
    /// `PUT …/participants/mute`, `isMute` 0: one participant is unmuted.
    Unmute = 4,
    /// `PUT …/conferences/mute`, `isMute` 1: everyone but the host is muted. Argument
    /// `allow_unmute_by_self` (bool, default true).
    MuteAll = 5,
    /// `PUT …/conferences/mute`, `isMute` 0: everyone is unmuted.
    UnmuteAll = 6,
    /// `POST …/participants/delete`: one or more participants are hung up.
    HangUp = 7,
    /// `PUT …/participants/cohost`, `isCohost` 1: one participant becomes co-host.
    SetCohost = 8,
    /// `PUT …/participants/cohost`, `isCohost` 0: the co-host role is taken away.
    RevokeCohost = 9,
    /// `PUT …/conferences/lock`, `isLock` 1.
    Lock = 10,
    /// `PUT …/conferences/lock`, `isLock` 0.
    Unlock = 11,
    /// `PUT …/conferences/stop`: the conference ends.
    End = 12,
    /// `PUT …/participants/video`, `status` 1: one participant's video is turned off (the
    /// vendor's flag is inverted: 1 is off).
    StopVideo = 13,
    /// `PUT …/participants/video`, `status` 0: one participant is asked to turn the video on.
    RequestVideo = 14,
    /// `PUT …/participants/name`: one participant is renamed. Arguments `number` and `new_name`
    /// (text, required).
    Rename = 15,
    /// `PUT …/participants/hands`, `handsState` 0: one participant's raised hand is lowered.
    LowerHand = 16,
    /// `PUT …/allowWaitingParticipant`: one waiting-room member is let in, or (no participant,
    /// argument `admit_all` true) everyone.
    AdmitFromWaitingRoom = 17,
    /// `PUT …/batchMoveToWaitingRoom`: one or more participants go to the waiting room.
    MoveToWaitingRoom = 18,
    /// `PUT …/conferences/duration`: the conference is extended. Argument `minutes` (1 to 1440,
    /// required).
    Extend = 19,
    /// `PUT …/conferences/record`, `isRecord` 1: cloud recording starts.
    StartRecording = 20,
    /// `PUT …/conferences/record`, `isRecord` 0: cloud recording stops.
    StopRecording = 21,
    /// `PUT …/updateStartedConfConfig`: in-meeting settings; at least one of `lock_sharing`,
    /// `allow_unmute_by_self`, `allow_open_camera`, `allow_rename`, `is_lock` (bools),
    /// `chat_permission` (1 to 4), `call_in_restriction` (0, 2 or 3).
    UpdateSettings = 22,
    /// `GET …/realTimeInfo`: the conference now (the answer as is). See
    /// `meetctl_huawei_conference_info`.
    Info = 23,
    /// `PUT …/conferences/mute/guestUnMute`: whether participants may unmute themselves.
    /// Argument `allow` (bool, required).
    AllowUnmuteBySelf = 24,
}

/// What a `meetctl_meeting` can do, whichever the vendor, for `meetctl_meeting_control` (passed as
/// a `uint32_t`), `meetctl_meeting_supports` and the bit mask of `meetctl_meeting_capabilities`
/// (bit N set for operation N). The numbers are the core's (`meetctl::MeetingOperation`) and are
/// never reused. Operations on one participant take it as `list` and `index`; the others take
/// `NULL`. Arguments (`args_json`) are named after the entry.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_meeting_operation {
    /// Listing the participants: `meetctl_meeting_participants` (Tencent
    /// `GET …/real-time-participants`, every page; Huawei `GET …/realTimeInfo`). Not a control:
    /// `meetctl_meeting_control` refuses it (field `operation`).
    Participants = 1,
    /// One participant is muted (Tencent `PUT …/mutes`; Huawei `PUT …/participants/mute`).
    Mute = 2,
    /// One participant is unmuted (the same endpoints).
    Unmute = 3,
    /// Everyone but the host is muted (Tencent `PUT …/status` `mute_all`; Huawei
    /// `PUT …/conferences/mute`). Argument `allow_unmute_by_self` (bool, default true).
    MuteAll = 4,
    /// Everyone is unmuted (the same endpoints).
    UnmuteAll = 5,
    /// One participant is removed and may join again (Tencent `PUT …/kickout` with
    /// `allow_rejoin`; Huawei `POST …/participants/delete`).
    Remove = 6,
    /// One participant becomes co-host (Tencent `PUT …/cohosts`, enterprise credentials only;
    /// Huawei `PUT …/participants/cohost`).
    SetCohost = 7,
    /// One participant's co-host role is taken away (the same endpoints).
    RevokeCohost = 8,
    /// One participant's video is turned off (Tencent `PUT …/video`; Huawei
    /// `PUT …/participants/video`, the vendor's inverted `status` 1).
    StopVideo = 9,
    /// One participant is renamed. Argument `name` (text, required; Tencent allows at most 20
    /// characters). Huawei renames by number: the one from the listing, or (for a participant
    /// made from a kept id) looked up in the conference's real-time info first.
    Rename = 10,
    /// The meeting is locked (Tencent `PUT …/status` `meeting_locked`; Huawei
    /// `PUT …/conferences/lock`).
    Lock = 11,
    /// The meeting is unlocked (the same endpoints).
    Unlock = 12,
    /// The meeting ends for everyone (Tencent `POST /v1/meetings/{id}/dismiss`; Huawei
    /// `PUT …/conferences/stop`).
    End = 13,
    /// One participant becomes the host (Huawei `PUT …/participants/role`, `applyChair` 1, with
    /// the password the conference handle was opened with: open it with the host password).
    /// Tencent has no such endpoint: `MEETCTL_STATUS_UNSUPPORTED`, nothing sent.
    MakeHost = 14,
}

/// The core's Tencent operation numbered `code`, or an invalid-argument failure naming
/// `operation`.
pub(crate) fn tencent(code: u32) -> Result<TencentOperation, Failure> {
    TencentOperation::from_code(code)
        .ok_or_else(|| unknown(code, "meetctl_tencent_operation", TencentOperation::ALL.len()))
}

/// The core's Huawei operation numbered `code`, or an invalid-argument failure naming
/// `operation`.
pub(crate) fn huawei(code: u32) -> Result<HuaweiOperation, Failure> {
    HuaweiOperation::from_code(code)
        .ok_or_else(|| unknown(code, "meetctl_huawei_operation", HuaweiOperation::ALL.len()))
}

/// The core's meeting operation numbered `code`, or an invalid-argument failure naming
/// `operation`.
pub(crate) fn meeting(code: u32) -> Result<MeetingOperation, Failure> {
    MeetingOperation::from_code(code)
        .ok_or_else(|| unknown(code, "meetctl_meeting_operation", MeetingOperation::ALL.len()))
}

fn unknown(code: u32, enum_name: &str, count: usize) -> Failure {
    Failure::invalid("operation", format!("{code} is not a {enum_name} (1 to {count})"))
}

// The mappings are exhaustive matches: a C value without a core operation does not compile (in
// the tests, which use them).
#[cfg(test)]
impl meetctl_tencent_operation {
    /// The core's operation this value names.
    pub(crate) fn core(self) -> TencentOperation {
        match self {
            meetctl_tencent_operation::SetCohost => TencentOperation::SetCohost,
            meetctl_tencent_operation::RevokeCohost => TencentOperation::RevokeCohost,
            meetctl_tencent_operation::CloseVideo => TencentOperation::CloseVideo,
            meetctl_tencent_operation::OpenVideo => TencentOperation::OpenVideo,
            meetctl_tencent_operation::Mute => TencentOperation::Mute,
            meetctl_tencent_operation::Unmute => TencentOperation::Unmute,
            meetctl_tencent_operation::KickOut => TencentOperation::KickOut,
            meetctl_tencent_operation::StopScreenShare => TencentOperation::StopScreenShare,
            meetctl_tencent_operation::Rename => TencentOperation::Rename,
            meetctl_tencent_operation::AdmitFromWaitingRoom => TencentOperation::AdmitFromWaitingRoom,
            meetctl_tencent_operation::MoveToWaitingRoom => TencentOperation::MoveToWaitingRoom,
            meetctl_tencent_operation::RemoveFromWaitingRoom => TencentOperation::RemoveFromWaitingRoom,
            meetctl_tencent_operation::SetMeetingStatus => TencentOperation::SetMeetingStatus,
            meetctl_tencent_operation::SetDocUpload => TencentOperation::SetDocUpload,
            meetctl_tencent_operation::SetTranscription => TencentOperation::SetTranscription,
            meetctl_tencent_operation::EndMeeting => TencentOperation::EndMeeting,
            meetctl_tencent_operation::Participants => TencentOperation::Participants,
            meetctl_tencent_operation::MsOpenId => TencentOperation::MsOpenId,
        }
    }
}

#[cfg(test)]
impl meetctl_huawei_operation {
    /// The core's operation this value names.
    pub(crate) fn core(self) -> HuaweiOperation {
        match self {
            meetctl_huawei_operation::ApplyHost => HuaweiOperation::ApplyHost,
            meetctl_huawei_operation::RelinquishHost => HuaweiOperation::RelinquishHost,
            meetctl_huawei_operation::Mute => HuaweiOperation::Mute,
            meetctl_huawei_operation::Unmute => HuaweiOperation::Unmute,
            meetctl_huawei_operation::MuteAll => HuaweiOperation::MuteAll,
            meetctl_huawei_operation::UnmuteAll => HuaweiOperation::UnmuteAll,
            meetctl_huawei_operation::HangUp => HuaweiOperation::HangUp,
            meetctl_huawei_operation::SetCohost => HuaweiOperation::SetCohost,
            meetctl_huawei_operation::RevokeCohost => HuaweiOperation::RevokeCohost,
            meetctl_huawei_operation::Lock => HuaweiOperation::Lock,
            meetctl_huawei_operation::Unlock => HuaweiOperation::Unlock,
            meetctl_huawei_operation::End => HuaweiOperation::End,
            meetctl_huawei_operation::StopVideo => HuaweiOperation::StopVideo,
            meetctl_huawei_operation::RequestVideo => HuaweiOperation::RequestVideo,
            meetctl_huawei_operation::Rename => HuaweiOperation::Rename,
            meetctl_huawei_operation::LowerHand => HuaweiOperation::LowerHand,
            meetctl_huawei_operation::AdmitFromWaitingRoom => HuaweiOperation::AdmitFromWaitingRoom,
            meetctl_huawei_operation::MoveToWaitingRoom => HuaweiOperation::MoveToWaitingRoom,
            meetctl_huawei_operation::Extend => HuaweiOperation::Extend,
            meetctl_huawei_operation::StartRecording => HuaweiOperation::StartRecording,
            meetctl_huawei_operation::StopRecording => HuaweiOperation::StopRecording,
            meetctl_huawei_operation::UpdateSettings => HuaweiOperation::UpdateSettings,
            meetctl_huawei_operation::Info => HuaweiOperation::Info,
            meetctl_huawei_operation::AllowUnmuteBySelf => HuaweiOperation::AllowUnmuteBySelf,
        }
    }
}

#[cfg(test)]
impl meetctl_meeting_operation {
    /// The core's operation this value names.
    pub(crate) fn core(self) -> MeetingOperation {
        match self {
            meetctl_meeting_operation::Participants => MeetingOperation::Participants,
            meetctl_meeting_operation::Mute => MeetingOperation::Mute,
            meetctl_meeting_operation::Unmute => MeetingOperation::Unmute,
            meetctl_meeting_operation::MuteAll => MeetingOperation::MuteAll,
            meetctl_meeting_operation::UnmuteAll => MeetingOperation::UnmuteAll,
            meetctl_meeting_operation::Remove => MeetingOperation::Remove,
            meetctl_meeting_operation::SetCohost => MeetingOperation::SetCohost,
            meetctl_meeting_operation::RevokeCohost => MeetingOperation::RevokeCohost,
            meetctl_meeting_operation::StopVideo => MeetingOperation::StopVideo,
            meetctl_meeting_operation::Rename => MeetingOperation::Rename,
            meetctl_meeting_operation::Lock => MeetingOperation::Lock,
            meetctl_meeting_operation::Unlock => MeetingOperation::Unlock,
            meetctl_meeting_operation::End => MeetingOperation::End,
            meetctl_meeting_operation::MakeHost => MeetingOperation::MakeHost,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Failure;

    /// Every C value, in the order of the header.
    const TENCENT: [meetctl_tencent_operation; 18] = [
        meetctl_tencent_operation::SetCohost,
        meetctl_tencent_operation::RevokeCohost,
        meetctl_tencent_operation::CloseVideo,
        meetctl_tencent_operation::OpenVideo,
        meetctl_tencent_operation::Mute,
        meetctl_tencent_operation::Unmute,
        meetctl_tencent_operation::KickOut,
        meetctl_tencent_operation::StopScreenShare,
        meetctl_tencent_operation::Rename,
        meetctl_tencent_operation::AdmitFromWaitingRoom,
        meetctl_tencent_operation::MoveToWaitingRoom,
        meetctl_tencent_operation::RemoveFromWaitingRoom,
        meetctl_tencent_operation::SetMeetingStatus,
        meetctl_tencent_operation::SetDocUpload,
        meetctl_tencent_operation::SetTranscription,
        meetctl_tencent_operation::EndMeeting,
        meetctl_tencent_operation::Participants,
        meetctl_tencent_operation::MsOpenId,
    ];

    const HUAWEI: [meetctl_huawei_operation; 24] = [
        meetctl_huawei_operation::ApplyHost,
        meetctl_huawei_operation::RelinquishHost,
        meetctl_huawei_operation::Mute,
        meetctl_huawei_operation::Unmute,
        meetctl_huawei_operation::MuteAll,
        meetctl_huawei_operation::UnmuteAll,
        meetctl_huawei_operation::HangUp,
        meetctl_huawei_operation::SetCohost,
        meetctl_huawei_operation::RevokeCohost,
        meetctl_huawei_operation::Lock,
        meetctl_huawei_operation::Unlock,
        meetctl_huawei_operation::End,
        meetctl_huawei_operation::StopVideo,
        meetctl_huawei_operation::RequestVideo,
        meetctl_huawei_operation::Rename,
        meetctl_huawei_operation::LowerHand,
        meetctl_huawei_operation::AdmitFromWaitingRoom,
        meetctl_huawei_operation::MoveToWaitingRoom,
        meetctl_huawei_operation::Extend,
        meetctl_huawei_operation::StartRecording,
        meetctl_huawei_operation::StopRecording,
        meetctl_huawei_operation::UpdateSettings,
        meetctl_huawei_operation::Info,
        meetctl_huawei_operation::AllowUnmuteBySelf,
    ];

    #[test]
    fn every_tencent_value_is_the_core_number_and_every_core_operation_has_one() {
        for c in TENCENT {
            assert_eq!(c as u32, c.core().code(), "{c:?}");
            assert_eq!(tencent(c as u32).ok(), Some(c.core()));
        }
        for op in TencentOperation::ALL {
            assert!(TENCENT.iter().any(|c| c.core() == op), "{op:?} has no C value");
        }
        assert_eq!(TENCENT.len(), TencentOperation::ALL.len());
    }

    #[test]
    fn every_huawei_value_is_the_core_number_and_every_core_operation_has_one() {
        for c in HUAWEI {
            assert_eq!(c as u32, c.core().code(), "{c:?}");
            assert_eq!(huawei(c as u32).ok(), Some(c.core()));
        }
        for op in HuaweiOperation::ALL {
            assert!(HUAWEI.iter().any(|c| c.core() == op), "{op:?} has no C value");
        }
        assert_eq!(HUAWEI.len(), HuaweiOperation::ALL.len());
    }

    const MEETING: [meetctl_meeting_operation; 14] = [
        meetctl_meeting_operation::Participants,
        meetctl_meeting_operation::Mute,
        meetctl_meeting_operation::Unmute,
        meetctl_meeting_operation::MuteAll,
        meetctl_meeting_operation::UnmuteAll,
        meetctl_meeting_operation::Remove,
        meetctl_meeting_operation::SetCohost,
        meetctl_meeting_operation::RevokeCohost,
        meetctl_meeting_operation::StopVideo,
        meetctl_meeting_operation::Rename,
        meetctl_meeting_operation::Lock,
        meetctl_meeting_operation::Unlock,
        meetctl_meeting_operation::End,
        meetctl_meeting_operation::MakeHost,
    ];

    #[test]
    fn every_meeting_value_is_the_core_number_and_every_core_operation_has_one() {
        for c in MEETING {
            assert_eq!(c as u32, c.core().code(), "{c:?}");
            assert_eq!(meeting(c as u32).ok(), Some(c.core()));
        }
        for op in MeetingOperation::ALL {
            assert!(MEETING.iter().any(|c| c.core() == op), "{op:?} has no C value");
        }
        assert_eq!(MEETING.len(), MeetingOperation::ALL.len());
        // The capability mask has a bit per operation: every number must fit in a uint32_t.
        assert!(MeetingOperation::ALL.iter().all(|op| op.code() < 32));
    }

    #[test]
    fn unknown_numbers_name_the_operation() {
        for code in [0, 19, 1000, u32::MAX] {
            match tencent(code) {
                Err(Failure::Core(e)) => assert_eq!(e.field(), Some("operation")),
                other => panic!("{other:?}"),
            }
        }
        for code in [0, 1000, u32::MAX] {
            match huawei(code) {
                Err(Failure::Core(e)) => assert_eq!(e.field(), Some("operation")),
                other => panic!("{other:?}"),
            }
        }
        let past_the_last = MeetingOperation::ALL.iter().map(|op| op.code()).max().unwrap() + 1;
        for code in [0, past_the_last, u32::MAX] {
            match meeting(code) {
                Err(Failure::Core(e)) => assert_eq!(e.field(), Some("operation")),
                other => panic!("{other:?}"),
            }
        }
    }
}
