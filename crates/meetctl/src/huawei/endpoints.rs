//! Every Huawei Cloud Meeting conference-control operation meetctl knows, as data: one row each.
//!
//! A row gives the method and path, where participant ids go (the `participantID` query
//! parameter, a body field or a body list), and the body fields in wire order (constants and
//! caller's arguments). Every call carries `conferenceID` first in the query and the control
//! token; [`ConferenceControl`](super::ConferenceControl) builds the request from a row.

use crate::args::{Param, ParamKind, Scalar};
use crate::endpoint::Field;
use crate::http::Method;
use crate::operation::Answer;

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
    /// What it answers.
    pub answers: Answer,
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
        answers: Answer::Nothing,
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
/// The terminal types Huawei's invitation takes (`type`): a soft client, a hard terminal, an
/// outside participant, a mobile number, an IdeaHub, a whiteboard, a Huawei Vision TV.
const TERMINAL_TYPES: &[&str] = &["normal", "terminal", "outside", "mobile", "ideahub", "board", "hwvision"];
/// One invited person (`attendees[]`).
const ATTENDEE: &[Param] = &[
    Param::required("name", "name", ParamKind::Text { max_chars: 96 }),
    Param::required("number", "phone", ParamKind::Text { max_chars: 127 }),
    Param::required("terminal_type", "type", ParamKind::Choice(TERMINAL_TYPES)),
    Param::optional("role", "role", ParamKind::OneOf(&[0, 1])),
    Param::optional("account_id", "accountId", ParamKind::Text { max_chars: 127 }),
    Param::optional("user_uuid", "userUUID", ParamKind::Text { max_chars: 64 }),
];
const INVITE: HuaweiEndpoint = HuaweiEndpoint {
    method: Method::Post,
    safe_to_repeat: false,
    ..row(
        "/v1/mmc/control/conferences/participants",
        ParticipantRule::None,
        &[Field::Arg(Param::required(
            "attendees",
            "attendees",
            ParamKind::List { item: "Attendee", fields: ATTENDEE, min: 1, max: 100 },
        ))],
    )
};
const INFO: HuaweiEndpoint = HuaweiEndpoint {
    method: Method::Get,
    body: None,
    answers: Answer::Typed("HuaweiConferenceInfo"),
    ..row("/v1/mmc/control/conferences/realTimeInfo", ParticipantRule::None, &[])
};

crate::operations! {
    /// A Huawei conference-control operation. The numbers are stable (the C enum uses them) and
    /// never reused.
    pub enum HuaweiOperation: HuaweiEndpoint {
        ApplyHost = 1, "apply_host",
            "Apply for the host role"
            => APPLY_HOST;
        RelinquishHost = 2, "relinquish_host",
            "Give the host role up"
            => RELINQUISH_HOST;
        Mute = 3, "mute",
            "Mute a participant"
            => MUTE;
        Unmute = 4, "unmute",
            "Unmute a participant"
            => UNMUTE;
        MuteAll = 5, "mute_all",
            "Mute everyone but the host"
            => MUTE_ALL;
        UnmuteAll = 6, "unmute_all",
            "Unmute everyone"
            => UNMUTE_ALL;
        HangUp = 7, "hang_up",
            "Hang up (remove) participants"
            => HANG_UP;
        SetCohost = 8, "set_cohost",
            "Make a participant co-host"
            => SET_COHOST;
        RevokeCohost = 9, "revoke_cohost",
            "Take the co-host role away"
            => REVOKE_COHOST;
        Lock = 10, "lock",
            "Lock the conference"
            => LOCK_ON;
        Unlock = 11, "unlock",
            "Unlock the conference"
            => LOCK_OFF;
        End = 12, "end",
            "End the conference"
            => END;
        /// The vendor's `status` flag is inverted: 1 turns the camera off.
        StopVideo = 13, "stop_video",
            "Ask a participant to turn the camera off"
            => STOP_VIDEO;
        RequestVideo = 14, "request_video",
            "Ask a participant to turn the camera on"
            => REQUEST_VIDEO;
        Rename = 15, "rename",
            "Rename a participant"
            => RENAME;
        LowerHand = 16, "lower_hand",
            "Lower a participant's raised hand"
            => LOWER_HAND;
        AdmitFromWaitingRoom = 17, "admit_from_waiting_room",
            "Let one waiting-room member in, or everyone with argument `admit_all`"
            => ADMIT;
        MoveToWaitingRoom = 18, "move_to_waiting_room",
            "Move participants into the waiting room"
            => MOVE_TO_WAITING_ROOM;
        Extend = 19, "extend",
            "Extend the conference"
            => EXTEND;
        StartRecording = 20, "start_recording",
            "Start cloud recording"
            => START_RECORDING;
        StopRecording = 21, "stop_recording",
            "Stop cloud recording"
            => STOP_RECORDING;
        UpdateSettings = 22, "update_settings",
            "Change in-meeting settings"
            => UPDATE_SETTINGS;
        Info = 23, "info",
            "The conference now: host, co-hosts, participants"
            => INFO;
        AllowUnmuteBySelf = 24, "allow_unmute_by_self",
            "Allow or forbid participants to unmute themselves"
            => ALLOW_UNMUTE_BY_SELF;
        Invite = 25, "invite",
            "Invite people into the conference: each is called at the number given"
            => INVITE;
    }
}
