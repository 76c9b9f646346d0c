//! Every Tencent Meeting control operation meetctl knows, as data: one row per operation.
//!
//! A row gives the method and path, which id kinds the operator and targets may be named by,
//! whether OAuth 2.0 is accepted, and the query and body fields in wire order (constants,
//! caller's arguments, and the operator/target slots). [`TencentControl`](super::TencentControl)
//! turns a row plus arguments into the validated request; nothing else knows an endpoint's shape.

use super::ids::IdKind;
use crate::args::{Param, ParamKind, Scalar};
use crate::endpoint::Field;
use crate::http::Method;

/// A Tencent control operation. The numbers are stable (the C enum uses them) and never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum TencentOperation {
    /// Make a participant co-host (`PUT …/cohosts`, `action: true`).
    SetCohost = 1,
    /// Take the co-host role away (`action: false`).
    RevokeCohost = 2,
    /// Turn a participant's video off (`PUT …/video`).
    CloseVideo = 3,
    /// Turn an MRA (meeting-room) device's video on (`PUT …/video`, `video: true`).
    OpenVideo = 4,
    /// Mute a participant (`PUT …/mutes`, `mute: true`).
    Mute = 5,
    /// Unmute a participant (`mute: false`).
    Unmute = 6,
    /// Remove participants (`PUT …/kickout`); arguments `allow_rejoin` (default true), `reason`.
    KickOut = 7,
    /// Stop a participant's screen sharing (`PUT …/screen-shared`).
    StopScreenShare = 8,
    /// Rename a participant (`PUT …/names`); argument `nick_name` (at most 20 characters).
    Rename = 9,
    /// Let waiting-room members into the meeting (`PUT …/waiting-room`, `operate_type` 1).
    AdmitFromWaitingRoom = 10,
    /// Move participants into the waiting room (`operate_type` 2).
    MoveToWaitingRoom = 11,
    /// Send waiting-room members away (`operate_type` 3); argument `allow_rejoin` (default true).
    RemoveFromWaitingRoom = 12,
    /// Change meeting settings (`PUT …/status`): mute all, lock, waiting room, chat, …; only the
    /// arguments given are sent, at least one.
    SetMeetingStatus = 13,
    /// Allow or forbid document upload for everyone (`PUT …/doc`); argument `enable`.
    SetDocUpload = 14,
    /// Start or stop real-time transcription (`PUT …/asr`); argument `enable`; operator by userid.
    SetTranscription = 15,
    /// End the meeting (`POST /v1/meetings/{id}/dismiss`); arguments `reason_code` (default 1),
    /// `reason_detail`, `force` (default true), `retrieve_code` (default false).
    EndMeeting = 16,
    /// One page of the participants now in the meeting (`GET …/real-time-participants`);
    /// arguments `page` (default 1), `page_size` (default and at most 50).
    Participants = 17,
    /// A user's ms_open_id in the meeting (`GET …/ms-open-id`); the user is given as the operator.
    MsOpenId = 18,
}

/// Where a participant goes: the operator's or target's id kinds an endpoint accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperatorRule {
    /// The id kinds accepted.
    pub accepts: &'static [IdKind],
    /// How errors name it (`"operator"`, or `"user"` where the slot names the user looked up).
    pub role: &'static str,
    /// Whether it acts for the caller: an openid then must be the client's own OAuth open id.
    pub acts: bool,
}

/// How many targets an operation takes, and by which id kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetRule {
    /// None.
    None,
    /// Exactly one (`user` in errors).
    One(&'static [IdKind]),
    /// One or more (`users` in errors).
    Many(&'static [IdKind]),
}

/// The slots of a Tencent query or body that meetctl fills from the operator and targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// `operator_id` + `operator_id_type` (or `uuid`).
    Operator,
    /// The operator's device under this key (`instanceid`; `instance_id` on `/asr`).
    Device(&'static str),
    /// `user`: the one target.
    User,
    /// `users`: the targets.
    Users,
    /// `users: [{ms_open_id, instanceid, <param>}]`: the target plus an argument (`/names`).
    UsersWith(Param),
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TencentEndpoint {
    /// The method.
    pub method: Method,
    /// The path, with `{meeting_id}` where the meeting id goes.
    pub path: &'static str,
    /// Whether OAuth 2.0 credentials may call it.
    pub oauth: bool,
    /// The operator.
    pub operator: OperatorRule,
    /// The targets.
    pub targets: TargetRule,
    /// Query fields, in order.
    pub query: &'static [Field<Slot>],
    /// Body fields, in order; `None` for no body.
    pub body: Option<&'static [Field<Slot>]>,
    /// Whether at least one argument must be given (settings endpoints).
    pub at_least_one_arg: bool,
    /// Whether sending it twice does no more than sending it once: a lookup, or setting a state
    /// (mute, co-host, lock). Removing people, moving them through the waiting room and ending
    /// the meeting are not; such a call is repeated only when it certainly never left or the
    /// vendor said it was rate-limited.
    pub safe_to_repeat: bool,
}

use IdKind::{MsOpenId, OpenId, UserId, Uuid};

const SEED_IDS: &[IdKind] = &[MsOpenId, Uuid];
const REAL_CONTROL_OPERATOR: OperatorRule =
    OperatorRule { accepts: &[OpenId, MsOpenId], role: "operator", acts: true };
const ADMIN_OPERATOR: OperatorRule =
    OperatorRule { accepts: &[UserId, MsOpenId], role: "operator", acts: true };
const BY_MS_OPEN_ID: &[IdKind] = &[MsOpenId];

const fn real_control(
    suffix_path: &'static str,
    targets: TargetRule,
    body: &'static [Field<Slot>],
) -> TencentEndpoint {
    TencentEndpoint {
        method: Method::Put,
        path: suffix_path,
        oauth: true,
        operator: REAL_CONTROL_OPERATOR,
        targets,
        query: &[],
        body: Some(body),
        at_least_one_arg: false,
        safe_to_repeat: true,
    }
}

const fn bool_arg(name: &'static str, wire: &'static str) -> Field<Slot> {
    Field::Arg(Param::optional(name, wire, ParamKind::Bool))
}

const ALLOW_REJOIN: Field<Slot> =
    Field::Arg(Param::default("allow_rejoin", "allow_rejoin", ParamKind::Bool, Scalar::Bool(true)));

const COHOST_BODY: [&[Field<Slot>]; 2] = [
    &[
        Field::Slot(Slot::Operator),
        Field::Slot(Slot::Device("instanceid")),
        Field::Fixed("action", Scalar::Bool(true)),
        Field::Slot(Slot::User),
    ],
    &[
        Field::Slot(Slot::Operator),
        Field::Slot(Slot::Device("instanceid")),
        Field::Fixed("action", Scalar::Bool(false)),
        Field::Slot(Slot::User),
    ],
];
const MUTE_BODY: [&[Field<Slot>]; 2] = [
    &[
        Field::Slot(Slot::Operator),
        Field::Slot(Slot::Device("instanceid")),
        Field::Fixed("mute", Scalar::Bool(true)),
        Field::Slot(Slot::User),
    ],
    &[
        Field::Slot(Slot::Operator),
        Field::Slot(Slot::Device("instanceid")),
        Field::Fixed("mute", Scalar::Bool(false)),
        Field::Slot(Slot::User),
    ],
];
const fn waiting_room_body(operate_type: i64) -> [Field<Slot>; 4] {
    [
        Field::Slot(Slot::Operator),
        Field::Slot(Slot::Device("instanceid")),
        Field::Fixed("operate_type", Scalar::Int(operate_type)),
        Field::Slot(Slot::Users),
    ]
}
const ADMIT_BODY: [Field<Slot>; 4] = waiting_room_body(1);
const MOVE_BODY: [Field<Slot>; 4] = waiting_room_body(2);
const REMOVE_BODY: [Field<Slot>; 5] = [
    Field::Slot(Slot::Operator),
    Field::Slot(Slot::Device("instanceid")),
    Field::Fixed("operate_type", Scalar::Int(3)),
    Field::Slot(Slot::Users),
    ALLOW_REJOIN,
];

const SET_COHOST: TencentEndpoint = TencentEndpoint {
    oauth: false,
    operator: OperatorRule { accepts: SEED_IDS, role: "operator", acts: true },
    ..real_control(
        "/v1/real-control/meetings/{meeting_id}/cohosts",
        TargetRule::One(SEED_IDS),
        COHOST_BODY[0],
    )
};
const REVOKE_COHOST: TencentEndpoint = TencentEndpoint { body: Some(COHOST_BODY[1]), ..SET_COHOST };
const CLOSE_VIDEO: TencentEndpoint = TencentEndpoint {
    operator: OperatorRule { accepts: &[OpenId, MsOpenId, Uuid], role: "operator", acts: true },
    ..real_control(
        "/v1/real-control/meetings/{meeting_id}/video",
        TargetRule::One(SEED_IDS),
        &[Field::Slot(Slot::Operator), Field::Slot(Slot::Device("instanceid")), Field::Slot(Slot::User)],
    )
};
const OPEN_VIDEO: TencentEndpoint = TencentEndpoint {
    body: Some(&[
        Field::Slot(Slot::Operator),
        Field::Slot(Slot::Device("instanceid")),
        Field::Fixed("video", Scalar::Bool(true)),
        Field::Slot(Slot::User),
    ]),
    ..CLOSE_VIDEO
};
const MUTE: TencentEndpoint = real_control(
    "/v1/real-control/meetings/{meeting_id}/mutes",
    TargetRule::One(BY_MS_OPEN_ID),
    MUTE_BODY[0],
);
const UNMUTE: TencentEndpoint = TencentEndpoint { body: Some(MUTE_BODY[1]), ..MUTE };
const KICK_OUT: TencentEndpoint = TencentEndpoint {
    safe_to_repeat: false,
    ..real_control(
        "/v1/real-control/meetings/{meeting_id}/kickout",
        TargetRule::Many(BY_MS_OPEN_ID),
        &[
            Field::Slot(Slot::Operator),
            Field::Slot(Slot::Device("instanceid")),
            Field::Slot(Slot::Users),
            ALLOW_REJOIN,
            Field::Arg(Param::optional("reason", "reason", ParamKind::Text { max_chars: 200 })),
        ],
    )
};
const STOP_SCREEN_SHARE: TencentEndpoint = real_control(
    "/v1/real-control/meetings/{meeting_id}/screen-shared",
    TargetRule::One(BY_MS_OPEN_ID),
    &[Field::Slot(Slot::Operator), Field::Slot(Slot::Device("instanceid")), Field::Slot(Slot::User)],
);
const RENAME: TencentEndpoint = real_control(
    "/v1/real-control/meetings/{meeting_id}/names",
    TargetRule::One(BY_MS_OPEN_ID),
    &[
        Field::Slot(Slot::Operator),
        Field::Slot(Slot::Device("instanceid")),
        Field::Slot(Slot::UsersWith(Param::required(
            "nick_name",
            "nick_name",
            ParamKind::Text { max_chars: 20 },
        ))),
    ],
);
const ADMIT: TencentEndpoint = TencentEndpoint {
    safe_to_repeat: false,
    ..real_control(
        "/v1/real-control/meetings/{meeting_id}/waiting-room",
        TargetRule::Many(BY_MS_OPEN_ID),
        &ADMIT_BODY,
    )
};
const MOVE_TO_WAITING_ROOM: TencentEndpoint = TencentEndpoint { body: Some(&MOVE_BODY), ..ADMIT };
const REMOVE_FROM_WAITING_ROOM: TencentEndpoint = TencentEndpoint { body: Some(&REMOVE_BODY), ..ADMIT };
const SET_MEETING_STATUS: TencentEndpoint = TencentEndpoint {
    operator: ADMIN_OPERATOR,
    at_least_one_arg: true,
    ..real_control(
        "/v1/real-control/meetings/{meeting_id}/status",
        TargetRule::None,
        &[
            Field::Slot(Slot::Operator),
            Field::Slot(Slot::Device("instanceid")),
            bool_arg("mute_all", "mute_all"),
            bool_arg("allow_unmute_by_self", "allow_unmute_by_self"),
            bool_arg("meeting_locked", "meeting_locked"),
            bool_arg("auto_waiting_room", "auto_waiting_room"),
            bool_arg("share_screen", "share_screen"),
            Field::Arg(Param::optional("allow_chat", "allow_chat", ParamKind::OneOf(&[0, 1, 2]))),
            Field::Arg(Param::optional(
                "participant_join_mute",
                "participant_join_mute",
                ParamKind::OneOf(&[0, 1, 2]),
            )),
            bool_arg("play_ivr_on_join", "play_ivr_on_join"),
            bool_arg("only_enterprise_user_allowed", "only_enterprise_user_allowed"),
            bool_arg("hide_meeting_code_password", "hide_meeting_code_password"),
        ],
    )
};
const SET_DOC_UPLOAD: TencentEndpoint = real_control(
    "/v1/real-control/meetings/{meeting_id}/doc",
    TargetRule::None,
    &[
        Field::Slot(Slot::Operator),
        Field::Slot(Slot::Device("instanceid")),
        Field::Arg(Param::required("enable", "enable_upload_doc", ParamKind::Bool)),
    ],
);
const SET_TRANSCRIPTION: TencentEndpoint = TencentEndpoint {
    operator: OperatorRule { accepts: &[UserId], role: "operator", acts: true },
    ..real_control(
        "/v1/real-control/meetings/{meeting_id}/asr",
        TargetRule::None,
        &[
            Field::Slot(Slot::Operator),
            Field::Slot(Slot::Device("instance_id")),
            Field::Arg(Param::required("enable", "is_open", ParamKind::Bool)),
        ],
    )
};
const END_MEETING: TencentEndpoint = TencentEndpoint {
    method: Method::Post,
    operator: ADMIN_OPERATOR,
    safe_to_repeat: false,
    ..real_control(
        "/v1/meetings/{meeting_id}/dismiss",
        TargetRule::None,
        &[
            Field::Slot(Slot::Operator),
            Field::Slot(Slot::Device("instanceid")),
            Field::Arg(Param::default(
                "reason_code",
                "reason_code",
                ParamKind::Int { min: 0, max: i32::MAX as i64 },
                Scalar::Int(1),
            )),
            Field::Arg(Param::optional("reason_detail", "reason_detail", ParamKind::Text { max_chars: 200 })),
            Field::Arg(Param::default("force", "force_dismiss_meeting", ParamKind::Flag, Scalar::Bool(true))),
            Field::Arg(Param::default(
                "retrieve_code",
                "retrieve_code",
                ParamKind::Flag,
                Scalar::Bool(false),
            )),
        ],
    )
};
const LOOKUP_OPERATOR: &[IdKind] = &[UserId, OpenId];
const PARTICIPANTS: TencentEndpoint = TencentEndpoint {
    method: Method::Get,
    path: "/v1/meetings/{meeting_id}/real-time-participants",
    oauth: true,
    operator: OperatorRule { accepts: LOOKUP_OPERATOR, role: "operator", acts: true },
    targets: TargetRule::None,
    query: &[
        Field::Slot(Slot::Operator),
        Field::Arg(Param::default("page", "page", ParamKind::Int { min: 1, max: 100_000 }, Scalar::Int(1))),
        Field::Arg(Param::default(
            "page_size",
            "page_size",
            ParamKind::Int { min: 1, max: 50 },
            Scalar::Int(50),
        )),
    ],
    body: None,
    at_least_one_arg: false,
    safe_to_repeat: true,
};
const MS_OPEN_ID: TencentEndpoint = TencentEndpoint {
    path: "/v1/meetings/{meeting_id}/ms-open-id",
    operator: OperatorRule { accepts: LOOKUP_OPERATOR, role: "user", acts: false },
    query: &[Field::Slot(Slot::Operator)],
    ..PARTICIPANTS
};

impl TencentOperation {
    /// Every operation, in the order of their numbers.
    pub const ALL: [TencentOperation; 18] = [
        TencentOperation::SetCohost,
        TencentOperation::RevokeCohost,
        TencentOperation::CloseVideo,
        TencentOperation::OpenVideo,
        TencentOperation::Mute,
        TencentOperation::Unmute,
        TencentOperation::KickOut,
        TencentOperation::StopScreenShare,
        TencentOperation::Rename,
        TencentOperation::AdmitFromWaitingRoom,
        TencentOperation::MoveToWaitingRoom,
        TencentOperation::RemoveFromWaitingRoom,
        TencentOperation::SetMeetingStatus,
        TencentOperation::SetDocUpload,
        TencentOperation::SetTranscription,
        TencentOperation::EndMeeting,
        TencentOperation::Participants,
        TencentOperation::MsOpenId,
    ];

    /// The endpoint this operation calls.
    pub fn spec(self) -> &'static TencentEndpoint {
        match self {
            TencentOperation::SetCohost => &SET_COHOST,
            TencentOperation::RevokeCohost => &REVOKE_COHOST,
            TencentOperation::CloseVideo => &CLOSE_VIDEO,
            TencentOperation::OpenVideo => &OPEN_VIDEO,
            TencentOperation::Mute => &MUTE,
            TencentOperation::Unmute => &UNMUTE,
            TencentOperation::KickOut => &KICK_OUT,
            TencentOperation::StopScreenShare => &STOP_SCREEN_SHARE,
            TencentOperation::Rename => &RENAME,
            TencentOperation::AdmitFromWaitingRoom => &ADMIT,
            TencentOperation::MoveToWaitingRoom => &MOVE_TO_WAITING_ROOM,
            TencentOperation::RemoveFromWaitingRoom => &REMOVE_FROM_WAITING_ROOM,
            TencentOperation::SetMeetingStatus => &SET_MEETING_STATUS,
            TencentOperation::SetDocUpload => &SET_DOC_UPLOAD,
            TencentOperation::SetTranscription => &SET_TRANSCRIPTION,
            TencentOperation::EndMeeting => &END_MEETING,
            TencentOperation::Participants => &PARTICIPANTS,
            TencentOperation::MsOpenId => &MS_OPEN_ID,
        }
    }

    /// The stable number (as `meetctl_tencent_operation` in C).
    pub fn code(self) -> u32 {
        self as u32
    }

    /// The operation with this number.
    pub fn from_code(code: u32) -> Option<TencentOperation> {
        TencentOperation::ALL.into_iter().find(|op| op.code() == code)
    }

    /// The snake_case name the bindings use (`"kick_out"`).
    pub fn name(self) -> &'static str {
        match self {
            TencentOperation::SetCohost => "set_cohost",
            TencentOperation::RevokeCohost => "revoke_cohost",
            TencentOperation::CloseVideo => "close_video",
            TencentOperation::OpenVideo => "open_video",
            TencentOperation::Mute => "mute",
            TencentOperation::Unmute => "unmute",
            TencentOperation::KickOut => "kick_out",
            TencentOperation::StopScreenShare => "stop_screen_share",
            TencentOperation::Rename => "rename",
            TencentOperation::AdmitFromWaitingRoom => "admit_from_waiting_room",
            TencentOperation::MoveToWaitingRoom => "move_to_waiting_room",
            TencentOperation::RemoveFromWaitingRoom => "remove_from_waiting_room",
            TencentOperation::SetMeetingStatus => "set_meeting_status",
            TencentOperation::SetDocUpload => "set_doc_upload",
            TencentOperation::SetTranscription => "set_transcription",
            TencentOperation::EndMeeting => "end_meeting",
            TencentOperation::Participants => "participants",
            TencentOperation::MsOpenId => "ms_open_id",
        }
    }

    /// The operation with this snake_case name.
    pub fn from_name(name: &str) -> Option<TencentOperation> {
        TencentOperation::ALL.into_iter().find(|op| op.name() == name)
    }
}
