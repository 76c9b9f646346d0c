//! Every Huawei Cloud Meeting conference-control operation meetctl knows, as data: one row each.
//!
//! A row gives the method and path, where participant ids go (the `participantID` query
//! parameter, a body field or a body list), and the body fields in wire order (constants and
//! caller's arguments). Every call carries `conferenceID` first in the query and the control
//! token; [`ConferenceControl`](super::ConferenceControl) builds the request from a row.

use crate::args::{Param, ParamKind, Scalar};
use crate::endpoint::Field;
use crate::http::Method;

/// A Huawei conference-control operation. The numbers are stable (the C enum uses them) and
/// never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum HuaweiOperation {
    /// Apply for the host role (`PUT …/participants/role`, `applyChair: 1`); argument
    /// `chairman_password`.
    ApplyHost = 1,
    /// Give the host role up (`applyChair: 0`).
    RelinquishHost = 2,
    /// Mute a participant (`PUT …/participants/mute`, `isMute: 1`).
    Mute = 3,
    /// Unmute a participant (`isMute: 0`).
    Unmute = 4,
    /// Mute everyone but the host (`PUT …/conferences/mute`); argument `allow_unmute_by_self`
    /// (default true).
    MuteAll = 5,
    /// Unmute everyone.
    UnmuteAll = 6,
    /// Hang up (remove) participants (`POST …/participants/delete`).
    HangUp = 7,
    /// Make a participant co-host (`PUT …/participants/cohost`, `isCohost: 1`).
    SetCohost = 8,
    /// Take the co-host role away (`isCohost: 0`).
    RevokeCohost = 9,
    /// Lock the conference (`PUT …/conferences/lock`, `isLock: 1`).
    Lock = 10,
    /// Unlock it (`isLock: 0`).
    Unlock = 11,
    /// End the conference (`PUT …/conferences/stop`).
    End = 12,
    /// Ask a participant to turn the camera off (`PUT …/participants/video`, `status: 1`).
    StopVideo = 13,
    /// Ask a participant to turn the camera on (`status: 0`: the vendor's flag is inverted).
    RequestVideo = 14,
    /// Rename a participant (`PUT …/participants/name`); arguments `number`, `new_name`.
    Rename = 15,
    /// Lower a participant's raised hand (`PUT …/participants/hands`, `handsState: 0`).
    LowerHand = 16,
    /// Let one waiting-room member in, or everyone with argument `admit_all`
    /// (`PUT …/allowWaitingParticipant`).
    AdmitFromWaitingRoom = 17,
    /// Move participants into the waiting room (`PUT …/batchMoveToWaitingRoom`).
    MoveToWaitingRoom = 18,
    /// Extend the conference (`PUT …/conferences/duration`); argument `minutes`.
    Extend = 19,
    /// Start cloud recording (`PUT …/conferences/record`, `isRecord: 1`).
    StartRecording = 20,
    /// Stop cloud recording (`isRecord: 0`).
    StopRecording = 21,
    /// Change in-meeting settings (`PUT …/updateStartedConfConfig`); only the arguments given are
    /// sent, at least one.
    UpdateSettings = 22,
    /// The conference now: host, co-hosts, participants (`GET …/realTimeInfo`).
    Info = 23,
    /// Allow or forbid participants to unmute themselves (`PUT …/conferences/mute/guestUnMute`);
    /// argument `allow`.
    AllowUnmuteBySelf = 24,
}

/// Where an operation's participant ids go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParticipantRule {
    /// It takes none.
    None,
    /// Exactly one, as the `participantID` query parameter.
    Query,
    /// Exactly one, as this body field.
    Body(&'static str),
    /// One, as this body field, unless the argument named here is true (then none).
    BodyUnless(&'static str, &'static str),
    /// One or more, as this body list.
    List(&'static str),
}

/// The slots of a Huawei body that meetctl fills from the participant ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HuaweiSlot {
    /// The participant id under this key (when one was given).
    Participant(&'static str),
    /// The participant ids as a list under this key.
    Participants(&'static str),
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HuaweiEndpoint {
    /// The method.
    pub method: Method,
    /// The path (`conferenceID` and, for [`ParticipantRule::Query`], `participantID` go in the query).
    pub path: &'static str,
    /// Where participant ids go.
    pub participants: ParticipantRule,
    /// Body fields, in order; `None` for no body.
    pub body: Option<&'static [Field<HuaweiSlot>]>,
    /// Whether at least one argument must be given (settings).
    pub at_least_one_arg: bool,
    /// Whether sending it twice does no more than sending it once: a lookup, or setting a state
    /// (mute, co-host, lock, recording). Hanging up, ending, extending (each adds time), asking
    /// for video (the participant is asked again) and moving people through the waiting room
    /// are not; such a call is repeated only when it certainly never left or the vendor said it
    /// was rate-limited.
    pub safe_to_repeat: bool,
}

const fn row(
    path: &'static str,
    participants: ParticipantRule,
    body: &'static [Field<HuaweiSlot>],
) -> HuaweiEndpoint {
    HuaweiEndpoint {
        method: Method::Put,
        path,
        participants,
        body: Some(body),
        at_least_one_arg: false,
        safe_to_repeat: true,
    }
}

const fn flag(key: &'static str, on: bool) -> [Field<HuaweiSlot>; 1] {
    [Field::Fixed(key, Scalar::Int(on as i64))]
}

const fn optional_flag(name: &'static str, wire: &'static str) -> Field<HuaweiSlot> {
    Field::Arg(Param::optional(name, wire, ParamKind::Flag))
}

const ROLE: &str = "/v1/mmc/control/conferences/participants/role";
const PARTICIPANT_MUTE: &str = "/v1/mmc/control/conferences/participants/mute";
const CONFERENCE_MUTE: &str = "/v1/mmc/control/conferences/mute";
const COHOST: &str = "/v1/mmc/control/conferences/participants/cohost";
const LOCK: &str = "/v1/mmc/control/conferences/lock";
const VIDEO: &str = "/v1/mmc/control/conferences/participants/video";
const RECORD: &str = "/v1/mmc/control/conferences/record";

const APPLY_HOST: HuaweiEndpoint = row(
    ROLE,
    ParticipantRule::Query,
    &[
        Field::Fixed("applyChair", Scalar::Int(1)),
        Field::Arg(Param::required("chairman_password", "chairmanPwd", ParamKind::Secret)),
    ],
);
const RELINQUISH_HOST: HuaweiEndpoint = row(ROLE, ParticipantRule::Query, &flag("applyChair", false));
const MUTE: HuaweiEndpoint = row(PARTICIPANT_MUTE, ParticipantRule::Query, &flag("isMute", true));
const UNMUTE: HuaweiEndpoint = row(PARTICIPANT_MUTE, ParticipantRule::Query, &flag("isMute", false));
const MUTE_ALL: HuaweiEndpoint = row(
    CONFERENCE_MUTE,
    ParticipantRule::None,
    &[
        Field::Fixed("isMute", Scalar::Int(1)),
        Field::Arg(Param::default(
            "allow_unmute_by_self",
            "allowUnmuteByOneself",
            ParamKind::Flag,
            Scalar::Bool(true),
        )),
    ],
);
const UNMUTE_ALL: HuaweiEndpoint = row(CONFERENCE_MUTE, ParticipantRule::None, &flag("isMute", false));
const HANG_UP: HuaweiEndpoint = HuaweiEndpoint {
    method: Method::Post,
    safe_to_repeat: false,
    ..row(
        "/v1/mmc/control/conferences/participants/delete",
        ParticipantRule::List("bulkHangUpParticipants"),
        &[Field::Slot(HuaweiSlot::Participants("bulkHangUpParticipants"))],
    )
};
const SET_COHOST: HuaweiEndpoint = row(COHOST, ParticipantRule::Query, &flag("isCohost", true));
const REVOKE_COHOST: HuaweiEndpoint = row(COHOST, ParticipantRule::Query, &flag("isCohost", false));
const LOCK_ON: HuaweiEndpoint = row(LOCK, ParticipantRule::None, &flag("isLock", true));
const LOCK_OFF: HuaweiEndpoint = row(LOCK, ParticipantRule::None, &flag("isLock", false));
const END: HuaweiEndpoint = HuaweiEndpoint {
    body: None,
    safe_to_repeat: false,
    ..row("/v1/mmc/control/conferences/stop", ParticipantRule::None, &[])
};
const STOP_VIDEO: HuaweiEndpoint =
    row(VIDEO, ParticipantRule::Query, &[Field::Fixed("status", Scalar::Int(1))]);
const REQUEST_VIDEO: HuaweiEndpoint = HuaweiEndpoint {
    safe_to_repeat: false,
    ..row(VIDEO, ParticipantRule::Query, &[Field::Fixed("status", Scalar::Int(0))])
};
const RENAME: HuaweiEndpoint = row(
    "/v1/mmc/control/conferences/participants/name",
    ParticipantRule::Body("participantID"),
    &[
        Field::Slot(HuaweiSlot::Participant("participantID")),
        Field::Arg(Param::required("number", "number", ParamKind::Text { max_chars: 127 })),
        Field::Arg(Param::required("new_name", "newName", ParamKind::Text { max_chars: 96 })),
    ],
);
const LOWER_HAND: HuaweiEndpoint =
    row("/v1/mmc/control/conferences/participants/hands", ParticipantRule::Query, &flag("handsState", false));
const ADMIT: HuaweiEndpoint = HuaweiEndpoint {
    safe_to_repeat: false,
    ..row(
        "/v1/mmc/control/conferences/allowWaitingParticipant",
        ParticipantRule::BodyUnless("participantID", "admit_all"),
        &[
            Field::Slot(HuaweiSlot::Participant("participantID")),
            Field::Arg(Param::optional("admit_all", "allowAll", ParamKind::Bool)),
        ],
    )
};
const MOVE_TO_WAITING_ROOM: HuaweiEndpoint = HuaweiEndpoint {
    safe_to_repeat: false,
    ..row(
        "/v1/mmc/control/conferences/batchMoveToWaitingRoom",
        ParticipantRule::List("batchParticipants"),
        &[Field::Slot(HuaweiSlot::Participants("batchParticipants"))],
    )
};
const EXTEND: HuaweiEndpoint = HuaweiEndpoint {
    safe_to_repeat: false,
    ..row(
        "/v1/mmc/control/conferences/duration",
        ParticipantRule::None,
        &[
            Field::Fixed("auto", Scalar::Int(0)),
            Field::Arg(Param::required("minutes", "duration", ParamKind::Int { min: 1, max: 1440 })),
        ],
    )
};
const START_RECORDING: HuaweiEndpoint = row(RECORD, ParticipantRule::None, &flag("isRecord", true));
const STOP_RECORDING: HuaweiEndpoint = row(RECORD, ParticipantRule::None, &flag("isRecord", false));
const UPDATE_SETTINGS: HuaweiEndpoint = HuaweiEndpoint {
    at_least_one_arg: true,
    ..row(
        "/v1/mmc/control/conferences/updateStartedConfConfig",
        ParticipantRule::None,
        &[
            optional_flag("lock_sharing", "lockSharing"),
            Field::Arg(Param::optional(
                "call_in_restriction",
                "callInRestriction",
                ParamKind::OneOf(&[0, 2, 3]),
            )),
            optional_flag("allow_unmute_by_self", "allowUnmuteByOneself"),
            Field::Arg(Param::optional("chat_permission", "chatPermission", ParamKind::OneOf(&[1, 2, 3, 4]))),
            optional_flag("allow_open_camera", "allowOpenCamera"),
            optional_flag("allow_rename", "allowRename"),
            optional_flag("is_lock", "isLock"),
        ],
    )
};
const ALLOW_UNMUTE_BY_SELF: HuaweiEndpoint = row(
    "/v1/mmc/control/conferences/mute/guestUnMute",
    ParticipantRule::None,
    &[Field::Arg(Param::required("allow", "allowUnmuteByOneself", ParamKind::Flag))],
);
const INFO: HuaweiEndpoint = HuaweiEndpoint {
    method: Method::Get,
    body: None,
    ..row("/v1/mmc/control/conferences/realTimeInfo", ParticipantRule::None, &[])
};

impl HuaweiOperation {
    /// Every operation, in the order of their numbers.
    pub const ALL: [HuaweiOperation; 24] = [
        HuaweiOperation::ApplyHost,
        HuaweiOperation::RelinquishHost,
        HuaweiOperation::Mute,
        HuaweiOperation::Unmute,
        HuaweiOperation::MuteAll,
        HuaweiOperation::UnmuteAll,
        HuaweiOperation::HangUp,
        HuaweiOperation::SetCohost,
        HuaweiOperation::RevokeCohost,
        HuaweiOperation::Lock,
        HuaweiOperation::Unlock,
        HuaweiOperation::End,
        HuaweiOperation::StopVideo,
        HuaweiOperation::RequestVideo,
        HuaweiOperation::Rename,
        HuaweiOperation::LowerHand,
        HuaweiOperation::AdmitFromWaitingRoom,
        HuaweiOperation::MoveToWaitingRoom,
        HuaweiOperation::Extend,
        HuaweiOperation::StartRecording,
        HuaweiOperation::StopRecording,
        HuaweiOperation::UpdateSettings,
        HuaweiOperation::Info,
        HuaweiOperation::AllowUnmuteBySelf,
    ];

    /// The endpoint this operation calls.
    pub fn spec(self) -> &'static HuaweiEndpoint {
        match self {
            HuaweiOperation::ApplyHost => &APPLY_HOST,
            HuaweiOperation::RelinquishHost => &RELINQUISH_HOST,
            HuaweiOperation::Mute => &MUTE,
            HuaweiOperation::Unmute => &UNMUTE,
            HuaweiOperation::MuteAll => &MUTE_ALL,
            HuaweiOperation::UnmuteAll => &UNMUTE_ALL,
            HuaweiOperation::HangUp => &HANG_UP,
            HuaweiOperation::SetCohost => &SET_COHOST,
            HuaweiOperation::RevokeCohost => &REVOKE_COHOST,
            HuaweiOperation::Lock => &LOCK_ON,
            HuaweiOperation::Unlock => &LOCK_OFF,
            HuaweiOperation::End => &END,
            HuaweiOperation::StopVideo => &STOP_VIDEO,
            HuaweiOperation::RequestVideo => &REQUEST_VIDEO,
            HuaweiOperation::Rename => &RENAME,
            HuaweiOperation::LowerHand => &LOWER_HAND,
            HuaweiOperation::AdmitFromWaitingRoom => &ADMIT,
            HuaweiOperation::MoveToWaitingRoom => &MOVE_TO_WAITING_ROOM,
            HuaweiOperation::Extend => &EXTEND,
            HuaweiOperation::StartRecording => &START_RECORDING,
            HuaweiOperation::StopRecording => &STOP_RECORDING,
            HuaweiOperation::UpdateSettings => &UPDATE_SETTINGS,
            HuaweiOperation::Info => &INFO,
            HuaweiOperation::AllowUnmuteBySelf => &ALLOW_UNMUTE_BY_SELF,
        }
    }

    /// The stable number (as `meetctl_huawei_operation` in C).
    pub fn code(self) -> u32 {
        self as u32
    }

    /// The operation with this number.
    pub fn from_code(code: u32) -> Option<HuaweiOperation> {
        HuaweiOperation::ALL.into_iter().find(|op| op.code() == code)
    }

    /// The snake_case name the bindings use (`"hang_up"`).
    pub fn name(self) -> &'static str {
        match self {
            HuaweiOperation::ApplyHost => "apply_host",
            HuaweiOperation::RelinquishHost => "relinquish_host",
            HuaweiOperation::Mute => "mute",
            HuaweiOperation::Unmute => "unmute",
            HuaweiOperation::MuteAll => "mute_all",
            HuaweiOperation::UnmuteAll => "unmute_all",
            HuaweiOperation::HangUp => "hang_up",
            HuaweiOperation::SetCohost => "set_cohost",
            HuaweiOperation::RevokeCohost => "revoke_cohost",
            HuaweiOperation::Lock => "lock",
            HuaweiOperation::Unlock => "unlock",
            HuaweiOperation::End => "end",
            HuaweiOperation::StopVideo => "stop_video",
            HuaweiOperation::RequestVideo => "request_video",
            HuaweiOperation::Rename => "rename",
            HuaweiOperation::LowerHand => "lower_hand",
            HuaweiOperation::AdmitFromWaitingRoom => "admit_from_waiting_room",
            HuaweiOperation::MoveToWaitingRoom => "move_to_waiting_room",
            HuaweiOperation::Extend => "extend",
            HuaweiOperation::StartRecording => "start_recording",
            HuaweiOperation::StopRecording => "stop_recording",
            HuaweiOperation::UpdateSettings => "update_settings",
            HuaweiOperation::Info => "info",
            HuaweiOperation::AllowUnmuteBySelf => "allow_unmute_by_self",
        }
    }

    /// The operation with this snake_case name.
    pub fn from_name(name: &str) -> Option<HuaweiOperation> {
        HuaweiOperation::ALL.into_iter().find(|op| op.name() == name)
    }
}
