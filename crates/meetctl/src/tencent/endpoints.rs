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
use crate::operation::Answer;

/// Where a participant goes: the operator's or target's id kinds an endpoint accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperatorRule {
    /// The id kinds accepted.
    pub accepts: &'static [IdKind],
    /// How errors name it (`"operator"`, or `"user"` where the slot names the user looked up).
    pub role: &'static str,
    /// Whether it acts for the caller: an open_id then must be the client's own OAuth open id.
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
    /// `meeting_id`: the meeting, as text, in the body of the APIs whose path has no meeting id
    /// (`/v1/meeting-rooms/…`).
    MeetingId,
    /// What is called: exactly one of the [`ROOM_PARAMS`] arguments, a meeting room as
    /// `meeting_room_id`, or a SIP or H.323 address as `mra_address: {protocol: 1|2,
    /// dial_string}`.
    Room,
}

/// The arguments of [`Slot::Room`], of which exactly one is given: the meeting room
/// (`meeting_room_id`), or the address of a SIP or of an H.323 device (`mra_address` with
/// `protocol` 1 or 2; the dial string is an IP address or URI for SIP, an IP address or E.164
/// number for H.323).
pub const ROOM_PARAMS: [Param; 3] = [
    Param::optional("meeting_room_id", "meeting_room_id", ParamKind::Text { max_chars: 64 }),
    Param::optional("sip_address", "dial_string", ParamKind::Text { max_chars: 256 }),
    Param::optional("h323_address", "dial_string", ParamKind::Text { max_chars: 256 }),
];

impl Slot {
    /// The caller's arguments this slot writes, besides [`Slot::UsersWith`]'s one.
    pub fn params(self) -> &'static [Param] {
        match self {
            Slot::Room => &ROOM_PARAMS,
            _ => &[],
        }
    }
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
    /// What it answers.
    pub answers: Answer,
}

use IdKind::{MsOpenId, OpenId, UserId, Uuid};

const SEED_IDS: &[IdKind] = &[MsOpenId, Uuid];
const REAL_CONTROL_OPERATOR: OperatorRule =
    OperatorRule { accepts: &[OpenId, MsOpenId], role: "operator", acts: true };
const ADMIN_OPERATOR: OperatorRule =
    OperatorRule { accepts: &[UserId, MsOpenId], role: "operator", acts: true };
const BY_MS_OPEN_ID: &[IdKind] = &[MsOpenId];
/// Kick-out and the waiting room: by ms_open_id, or by open_id (`to_operator_id_type` 2), which
/// Tencent's own command-line tool sends for these two APIs although the SDK's models document 4
/// only.
const BY_MS_OPEN_ID_OR_OPEN_ID: &[IdKind] = &[MsOpenId, OpenId];

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
        answers: Answer::Nothing,
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
        TargetRule::Many(BY_MS_OPEN_ID_OR_OPEN_ID),
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
        TargetRule::Many(BY_MS_OPEN_ID_OR_OPEN_ID),
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
        Field::Arg(Param::optional("occurrence", "sub_meeting_id", ParamKind::Text { max_chars: 64 })),
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
    answers: Answer::Pages("TencentParticipant"),
};
const MS_OPEN_ID: TencentEndpoint = TencentEndpoint {
    path: "/v1/meetings/{meeting_id}/ms-open-id",
    operator: OperatorRule { accepts: LOOKUP_OPERATOR, role: "user", acts: false },
    query: &[Field::Slot(Slot::Operator)],
    answers: Answer::Typed("ms_open_id"),
    ..PARTICIPANTS
};

/// The Rooms and SIP/H.323 call-in APIs (`/v1/meeting-rooms/…`): the operator by userid, no
/// OAuth 2.0, the meeting in the body.
const ROOMS_OPERATOR: OperatorRule = OperatorRule { accepts: &[UserId], role: "operator", acts: true };
const ROOM_CALL: TencentEndpoint = TencentEndpoint {
    method: Method::Put,
    path: "/v1/meeting-rooms/room-call",
    oauth: false,
    operator: ROOMS_OPERATOR,
    targets: TargetRule::None,
    query: &[],
    body: Some(&[Field::Slot(Slot::Operator), Field::Slot(Slot::Room), Field::Slot(Slot::MeetingId)]),
    at_least_one_arg: false,
    safe_to_repeat: false,
    answers: Answer::Typed("invite_id"),
};
const INVITE_ID: Field<Slot> =
    Field::Arg(Param::required("invite_id", "invite_id", ParamKind::Text { max_chars: 128 }));
const CANCEL_ROOM_CALL: TencentEndpoint = TencentEndpoint {
    path: "/v1/meeting-rooms/cancel-room-call",
    body: Some(&[
        Field::Slot(Slot::Operator),
        Field::Slot(Slot::Device("instance_id")),
        INVITE_ID,
        Field::Slot(Slot::Room),
        Field::Slot(Slot::MeetingId),
    ]),
    safe_to_repeat: true,
    answers: Answer::Nothing,
    ..ROOM_CALL
};
const ROOM_CALL_INFO: TencentEndpoint = TencentEndpoint {
    method: Method::Post,
    path: "/v1/meeting-rooms/room-call-info",
    body: Some(&[
        Field::Slot(Slot::Operator),
        Field::Slot(Slot::Device("instance_id")),
        Field::Slot(Slot::Room),
        Field::Slot(Slot::MeetingId),
    ]),
    safe_to_repeat: true,
    answers: Answer::Typed("TencentRoomCallInfo"),
    ..ROOM_CALL
};
/// One number called (`phone_numbers[]` of the call-out).
const PHONE_CALL: &[Param] = &[
    Param::required("area", "area", ParamKind::Int { min: 1, max: 9999 }),
    Param::required("phone", "phone", ParamKind::Digits { min: 3, max: 20 }),
    Param::optional("extension_number", "extension_number", ParamKind::Digits { min: 1, max: 10 }),
    Param::optional("nick_name", "nick_name", ParamKind::Text { max_chars: 20 }),
];
/// One number whose call is cancelled (`phone_numbers[]` of the cancel).
const PHONE_NUMBER: &[Param] = &[
    Param::required("area", "area", ParamKind::Int { min: 1, max: 9999 }),
    Param::required("phone", "phone", ParamKind::Digits { min: 3, max: 20 }),
    Param::optional("extension_number", "extension_number", ParamKind::Digits { min: 1, max: 10 }),
];
const PHONE_CALLOUT: TencentEndpoint = TencentEndpoint {
    method: Method::Post,
    path: "/v1/meeting/{meeting_id}/phone/callout",
    oauth: false,
    operator: OperatorRule { accepts: &[UserId, MsOpenId], role: "operator", acts: true },
    targets: TargetRule::None,
    query: &[],
    body: Some(&[
        Field::Slot(Slot::Operator),
        Field::Arg(Param::required(
            "phone_numbers",
            "phone_numbers",
            ParamKind::List { item: "PhoneCall", fields: PHONE_CALL, min: 1, max: 50 },
        )),
    ]),
    at_least_one_arg: false,
    safe_to_repeat: false,
    answers: Answer::Nothing,
};
const CANCEL_PHONE_CALLOUT: TencentEndpoint = TencentEndpoint {
    path: "/v1/meeting/{meeting_id}/phone/cancelcall",
    operator: ROOMS_OPERATOR,
    body: Some(&[
        Field::Slot(Slot::Operator),
        Field::Arg(Param::required(
            "phone_numbers",
            "phone_numbers",
            ParamKind::List { item: "PhoneNumber", fields: PHONE_NUMBER, min: 1, max: 50 },
        )),
    ]),
    safe_to_repeat: true,
    ..PHONE_CALLOUT
};
const RELEASE_ROOMS: TencentEndpoint = TencentEndpoint {
    path: "/v1/meetings/{meeting_id}/release-rooms",
    operator: ROOMS_OPERATOR,
    body: Some(&[
        Field::Slot(Slot::Operator),
        Field::Arg(Param::required(
            "meeting_room_ids",
            "meeting_room_id_list",
            ParamKind::Texts { max_chars: 64, min: 1, max: 50 },
        )),
    ]),
    safe_to_repeat: true,
    ..PHONE_CALLOUT
};

/// The layout APIs (`/v1/meetings/{meeting_id}/layouts`, `/advanced-layouts`,
/// `/applying-layout`): no OAuth 2.0, the operator's device as `instanceid`. A layout is a list of
/// pages, each a layout template (`layout_template_id`, from `GET /v1/layout-templates`) and the
/// seats of its grid cells.
const LAYOUT_ID: ParamKind = ParamKind::Text { max_chars: 64 };
/// One seat of a basic layout's page (`layout_list[].page_list[].user_seat_list[]`): the grid cell
/// and, for a video cell, who is shown (by userid, uuid or ms_open_id; the uuid wins over the
/// userid, the vendor says).
const LAYOUT_SEAT: &[Param] = &[
    Param::required("grid_id", "grid_id", LAYOUT_ID),
    // 1 video, 2 screen share, 3 an extension app (one a page).
    Param::required("grid_type", "grid_type", ParamKind::OneOf(&[1, 2, 3])),
    Param::optional("userid", "userid", ParamKind::Text { max_chars: 64 }),
    Param::optional("uuid", "uuid", ParamKind::Text { max_chars: 64 }),
    Param::optional("ms_open_id", "ms_open_id", ParamKind::Text { max_chars: 128 }),
    Param::optional("username", "username", ParamKind::Text { max_chars: 64 }),
    Param::optional("tool_sdkid", "tool_sdkid", ParamKind::Text { max_chars: 64 }),
];
/// One page of a basic layout: its template and seats.
const LAYOUT_PAGE: &[Param] = &[
    Param::required("layout_template_id", "layout_template_id", LAYOUT_ID),
    Param::optional(
        "user_seat_list",
        "user_seat_list",
        ParamKind::List { item: "LayoutSeat", fields: LAYOUT_SEAT, min: 1, max: 25 },
    ),
];
/// One basic layout: its pages.
const LAYOUT: &[Param] = &[Param::required(
    "page_list",
    "page_list",
    ParamKind::List { item: "LayoutPage", fields: LAYOUT_PAGE, min: 1, max: 20 },
)];
/// Who a seat of an advanced layout shows (`user_seat_list[].user_list[]`).
const SEAT_USER: &[Param] = &[
    Param::optional("userid", "userid", ParamKind::Text { max_chars: 64 }),
    Param::optional("ms_open_id", "ms_open_id", ParamKind::Text { max_chars: 128 }),
    Param::optional("username", "username", ParamKind::Text { max_chars: 64 }),
];
/// One seat of an advanced layout's page.
const ADVANCED_SEAT: &[Param] = &[
    Param::required("grid_id", "grid_id", LAYOUT_ID),
    // 1 video, 2 screen share.
    Param::required("grid_type", "grid_type", ParamKind::OneOf(&[1, 2])),
    // 1 the speaker, 2 filled automatically, 3 the users listed.
    Param::optional("video_type", "video_type", ParamKind::OneOf(&[1, 2, 3])),
    Param::optional(
        "user_list",
        "user_list",
        ParamKind::List { item: "SeatUser", fields: SEAT_USER, min: 1, max: 50 },
    ),
];
/// How an advanced page cycles through its users (`polling_setting`).
const POLLING: &[Param] = &[
    // 1 seconds, 2 minutes.
    Param::required("polling_interval_unit", "polling_interval_unit", ParamKind::OneOf(&[1, 2])),
    Param::required("polling_interval", "polling_interval", ParamKind::Int { min: 1, max: 999_999 }),
    Param::required("ignore_user_novideo", "ignore_user_novideo", ParamKind::Bool),
    Param::required("ignore_user_absence", "ignore_user_absence", ParamKind::Bool),
];
/// One page of an advanced layout.
const ADVANCED_PAGE: &[Param] = &[
    Param::required("layout_template_id", "layout_template_id", LAYOUT_ID),
    Param::optional("enable_polling", "enable_polling", ParamKind::Bool),
    Param::optional(
        "polling_setting",
        "polling_setting",
        ParamKind::Object { item: "Polling", fields: POLLING },
    ),
    Param::required(
        "user_seat_list",
        "user_seat_list",
        ParamKind::List { item: "AdvancedSeat", fields: ADVANCED_SEAT, min: 1, max: 25 },
    ),
];
/// One advanced layout: its name and pages.
const ADVANCED_LAYOUT: &[Param] = &[
    Param::optional("layout_name", "layout_name", ParamKind::Text { max_chars: 64 }),
    Param::required(
        "page_list",
        "page_list",
        ParamKind::List { item: "AdvancedPage", fields: ADVANCED_PAGE, min: 1, max: 20 },
    ),
];
/// The user a layout is applied to (`user_list[]` of `applying-layout`).
const LAYOUT_USER: &[Param] = &[
    Param::required("ms_open_id", "ms_open_id", ParamKind::Text { max_chars: 128 }),
    Param::required("instanceid", "instanceid", ParamKind::OneOf(&[1, 2, 3, 4, 6, 7, 9, 20, 21, 22])),
];
const ADD_LAYOUTS: TencentEndpoint = TencentEndpoint {
    method: Method::Post,
    path: "/v1/meetings/{meeting_id}/layouts",
    oauth: false,
    operator: OperatorRule { accepts: &[UserId], role: "operator", acts: true },
    targets: TargetRule::None,
    query: &[],
    body: Some(&[
        Field::Slot(Slot::Operator),
        Field::Slot(Slot::Device("instanceid")),
        Field::Arg(Param::required(
            "layout_list",
            "layout_list",
            ParamKind::List { item: "Layout", fields: LAYOUT, min: 1, max: 20 },
        )),
        Field::Arg(Param::optional(
            "default_layout_order",
            "default_layout_order",
            ParamKind::Int { min: 1, max: 20 },
        )),
    ]),
    at_least_one_arg: false,
    safe_to_repeat: false,
    answers: Answer::Nothing,
};
const ADD_ADVANCED_LAYOUTS: TencentEndpoint = TencentEndpoint {
    path: "/v1/meetings/{meeting_id}/advanced-layouts",
    operator: OperatorRule { accepts: &[UserId, MsOpenId], role: "operator", acts: true },
    body: Some(&[
        Field::Slot(Slot::Operator),
        Field::Slot(Slot::Device("instanceid")),
        Field::Arg(Param::required(
            "layout_list",
            "layout_list",
            ParamKind::List { item: "AdvancedLayout", fields: ADVANCED_LAYOUT, min: 1, max: 20 },
        )),
    ]),
    ..ADD_LAYOUTS
};
const APPLY_LAYOUT: TencentEndpoint = TencentEndpoint {
    method: Method::Put,
    path: "/v1/meetings/{meeting_id}/applying-layout",
    body: Some(&[
        Field::Slot(Slot::Operator),
        Field::Slot(Slot::Device("instanceid")),
        Field::Arg(Param::required("layout_id", "layout_id", ParamKind::Text { max_chars: 64 })),
        Field::Arg(Param::optional(
            "user_list",
            "user_list",
            ParamKind::List { item: "LayoutUser", fields: LAYOUT_USER, min: 1, max: 20 },
        )),
    ]),
    safe_to_repeat: true,
    ..ADD_ADVANCED_LAYOUTS
};

crate::operations! {
    /// A Tencent control operation. The numbers are stable (the C enum uses them) and never reused.
    pub enum TencentOperation: TencentEndpoint {
        SetCohost = 1, "set_cohost",
            "Make a participant co-host"
            => SET_COHOST;
        RevokeCohost = 2, "revoke_cohost",
            "Take the co-host role away"
            => REVOKE_COHOST;
        CloseVideo = 3, "close_video",
            "Turn a participant's video off"
            => CLOSE_VIDEO;
        OpenVideo = 4, "open_video",
            "Turn an MRA (meeting-room) device's video on"
            => OPEN_VIDEO;
        Mute = 5, "mute",
            "Mute a participant"
            => MUTE;
        Unmute = 6, "unmute",
            "Unmute a participant"
            => UNMUTE;
        KickOut = 7, "kick_out",
            "Remove participants"
            => KICK_OUT;
        StopScreenShare = 8, "stop_screen_share",
            "Stop a participant's screen sharing"
            => STOP_SCREEN_SHARE;
        Rename = 9, "rename",
            "Rename a participant"
            => RENAME;
        AdmitFromWaitingRoom = 10, "admit_from_waiting_room",
            "Let waiting-room members into the meeting"
            => ADMIT;
        MoveToWaitingRoom = 11, "move_to_waiting_room",
            "Move participants into the waiting room"
            => MOVE_TO_WAITING_ROOM;
        RemoveFromWaitingRoom = 12, "remove_from_waiting_room",
            "Send waiting-room members away"
            => REMOVE_FROM_WAITING_ROOM;
        SetMeetingStatus = 13, "set_meeting_status",
            "Change meeting settings: mute all, lock, waiting room, chat, …"
            => SET_MEETING_STATUS;
        SetDocUpload = 14, "set_doc_upload",
            "Allow or forbid document upload for everyone"
            => SET_DOC_UPLOAD;
        SetTranscription = 15, "set_transcription",
            "Start or stop real-time transcription"
            => SET_TRANSCRIPTION;
        EndMeeting = 16, "end_meeting",
            "End the meeting"
            => END_MEETING;
        Participants = 17, "participants",
            "One page of the participants now in the meeting"
            => PARTICIPANTS;
        MsOpenId = 18, "ms_open_id",
            "A user's ms_open_id in the meeting; the user is given as the operator"
            => MS_OPEN_ID;
        /// The meeting is the `meeting_id` argument; exactly one of `meeting_room_id`,
        /// `sip_address` or `h323_address` says what is called. Answers the call's `invite_id`
        /// (for `cancel_room_call`). Not repeated on a doubtful failure: each call rings.
        RoomCall = 19, "room_call",
            "Call a meeting room (Rooms) or a SIP/H.323 device into the meeting"
            => ROOM_CALL;
        /// The call by its `invite_id`, and the room or address called, as given to `room_call`.
        CancelRoomCall = 20, "cancel_room_call",
            "Cancel a call to a meeting room or SIP/H.323 device"
            => CANCEL_ROOM_CALL;
        /// The room or address as given to `room_call`. Answers `status` (0 no answer within 60
        /// seconds, 1 not called, 2 in the meeting, 3 refused, 4 ringing, 5 cancelled, 6 left)
        /// and `response_time`, the last answer's time.
        RoomCallInfo = 21, "room_call_info",
            "How a meeting room or SIP/H.323 device answered the meeting's call"
            => ROOM_CALL_INFO;
        /// Works before the meeting starts and while it runs; up to 50 numbers a call. Not
        /// repeated on a doubtful failure: each call rings the phones.
        PhoneCallout = 22, "phone_callout",
            "Call phones into the meeting"
            => PHONE_CALLOUT;
        CancelPhoneCallout = 23, "cancel_phone_callout",
            "Cancel calls to phones that have not answered yet"
            => CANCEL_PHONE_CALLOUT;
        /// Ending a meeting does not release its rooms; this does.
        ReleaseRooms = 24, "release_rooms",
            "Release the meeting rooms booked for the meeting"
            => RELEASE_ROOMS;
        /// Up to 20 layouts a meeting; `default_layout_order` (from 1) picks the one the meeting
        /// applies (the first, on the first call, when not given). Each seat of a video cell
        /// names its user by `userid`, `uuid` or `ms_open_id`. The new layouts' ids are in the
        /// answer's `layout_list[].layout_id` (read with `call`). Not repeated on a doubtful
        /// failure: each call adds layouts.
        AddLayouts = 25, "add_layouts",
            "Add basic layouts to the meeting"
            => ADD_LAYOUTS;
        /// Up to 20 layouts a meeting; applied to H.323/SIP devices. A page may cycle through its
        /// seats' users (`enable_polling`, `polling_setting`). The new layouts' ids are in the
        /// answer's `layout_list[].layout_id` (read with `call`). Not repeated on a doubtful
        /// failure: each call adds layouts.
        AddAdvancedLayouts = 26, "add_advanced_layouts",
            "Add advanced (custom) layouts to the meeting"
            => ADD_ADVANCED_LAYOUTS;
        /// To the whole meeting, or (with `user_list`, up to 20) to those users only; the layout
        /// id `""` is refused here (the vendor reads it as "back to the default layout").
        ApplyLayout = 27, "apply_layout",
            "Apply a layout to the meeting or to some of its users"
            => APPLY_LAYOUT;
    }
}
