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
    /// The conference id under this key (`inviteWithPwd`'s `confID`).
    ConferenceId(&'static str),
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
    /// Body fields, in order; `None` for no body. With [`fields_in_query`](Self::fields_in_query)
    /// they are the query's, after `conferenceID`, and no body is sent.
    pub body: Option<&'static [Field<HuaweiSlot>]>,
    /// Whether the fields go in the query rather than a body (`DELETE layOut`'s `uuID`).
    pub fields_in_query: bool,
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
    /// Whether the conference's control token is sent (`X-Conference-Authorization`).
    /// `inviteWithPwd` goes without (the conference password is in its body).
    pub control_token: bool,
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
        control_token: true,
        fields_in_query: false,
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
/// A call with neither body nor arguments (the conference or one participant, by `rule`).
const fn bare(path: &'static str, rule: ParticipantRule) -> HuaweiEndpoint {
    HuaweiEndpoint { body: None, ..row(path, rule, &[]) }
}
const CHAIR_VIEW: &str = "/v1/mmc/control/conferences/chairView";
const LOCK_VIEW: &str = "/v1/mmc/control/conferences/lockView";
const PAUSE_PATH: &str = "/v1/mmc/control/conferences/pause";
/// The participant whose picture is picked (`partView`, `lockView`: the body's `participantID`,
/// the query's naming the hardware terminal).
const fn picture(name: &'static str) -> Field<HuaweiSlot> {
    Field::Arg(Param::required(name, "participantID", ParamKind::Text { max_chars: 64 }))
}
/// Everyone sees and hears one participant. Only one at a time: broadcasting another replaces it.
const BROADCAST: HuaweiEndpoint =
    bare("/v1/mmc/control/conferences/participants/broadcast", ParticipantRule::Query);
/// Ends a broadcast of a participant or of the multi-picture, or a roll call.
const CANCEL_BROADCAST: HuaweiEndpoint =
    bare("/v1/mmc/control/conferences/cancelBroadcast", ParticipantRule::None);
/// The participant called is unmuted, everyone else but the host muted. One at a time.
const ROLL_CALL: HuaweiEndpoint =
    bare("/v1/mmc/control/conferences/participants/rollCall", ParticipantRule::Query);
const LOWER_HANDS: HuaweiEndpoint = row(
    "/v1/mmc/control/conferences/participants/batch/hands",
    ParticipantRule::List("pids"),
    &[Field::Fixed("handsState", Scalar::Int(0)), Field::Slot(HuaweiSlot::Participants("pids"))],
);
const HOST_VIEW: HuaweiEndpoint = row(
    CHAIR_VIEW,
    ParticipantRule::Body("participantID"),
    &[Field::Fixed("viewType", Scalar::Int(2)), Field::Slot(HuaweiSlot::Participant("participantID"))],
);
const HOST_VIEW_MULTI_PICTURE: HuaweiEndpoint =
    row(CHAIR_VIEW, ParticipantRule::None, &[Field::Fixed("viewType", Scalar::Int(1))]);
const START_HOST_POLLING: HuaweiEndpoint = row(
    CHAIR_VIEW,
    ParticipantRule::None,
    &[
        Field::Fixed("viewType", Scalar::Int(0)),
        Field::Arg(Param::default(
            "switch_seconds",
            "switchTime",
            ParamKind::Int { min: 10, max: 120 },
            Scalar::Int(10),
        )),
        Field::Fixed("status", Scalar::Int(1)),
    ],
);
const STOP_HOST_POLLING: HuaweiEndpoint = row(
    CHAIR_VIEW,
    ParticipantRule::None,
    &[
        Field::Fixed("viewType", Scalar::Int(0)),
        Field::Fixed("switchTime", Scalar::Int(10)),
        Field::Fixed("status", Scalar::Int(0)),
    ],
);
const PARTICIPANT_VIEW: HuaweiEndpoint = row(
    "/v1/mmc/control/conferences/partView",
    ParticipantRule::Query,
    &[Field::Fixed("viewType", Scalar::Int(2)), picture("watched_id")],
);
const LOCK_VIEW_ON: HuaweiEndpoint =
    row(LOCK_VIEW, ParticipantRule::Query, &[Field::Fixed("status", Scalar::Int(1)), picture("source_id")]);
const LOCK_VIEW_OFF: HuaweiEndpoint =
    row(LOCK_VIEW, ParticipantRule::Query, &[Field::Fixed("status", Scalar::Int(0)), picture("source_id")]);
const PAUSE: HuaweiEndpoint = row(PAUSE_PATH, ParticipantRule::None, &flag("pause", true));
const RESUME: HuaweiEndpoint = row(PAUSE_PATH, ParticipantRule::None, &flag("pause", false));
const MOVE_ONE_TO_WAITING_ROOM: HuaweiEndpoint = HuaweiEndpoint {
    safe_to_repeat: false,
    ..row(
        "/v1/mmc/control/conferences/moveToWaitingRoom",
        ParticipantRule::Body("participantID"),
        &[Field::Slot(HuaweiSlot::Participant("participantID"))],
    )
};
const ALLOW_AUDIENCE: HuaweiEndpoint =
    row("/v1/mmc/control/conferences/allowAudience", ParticipantRule::None, &flag("allowAudience", true));
const ALLOW_CLIENT_RECORD: HuaweiEndpoint = row(
    "/v1/mmc/control/conferences/allowClientRecord",
    ParticipantRule::Query,
    &[Field::Arg(Param::required("allow", "allowClientRecord", ParamKind::Flag))],
);
const MMR_RECORD: &str = "/v1/mmc/control/conferences/mmrRecord";
const MMR_LIVE: &str = "/v1/mmc/control/conferences/mmrLive";
const LIVE: &str = "/v1/mmc/control/conferences/live";
// `mmrRecord` `recordType`: 1 starts, 0 pauses, 2 stops MMR recording.
const START_MMR_RECORDING: HuaweiEndpoint =
    row(MMR_RECORD, ParticipantRule::None, &[Field::Fixed("recordType", Scalar::Int(1))]);
const PAUSE_MMR_RECORDING: HuaweiEndpoint =
    row(MMR_RECORD, ParticipantRule::None, &[Field::Fixed("recordType", Scalar::Int(0))]);
const STOP_MMR_RECORDING: HuaweiEndpoint =
    row(MMR_RECORD, ParticipantRule::None, &[Field::Fixed("recordType", Scalar::Int(2))]);
const START_MMR_LIVE: HuaweiEndpoint =
    row(MMR_LIVE, ParticipantRule::None, &[Field::Fixed("liveState", Scalar::Int(1))]);
const STOP_MMR_LIVE: HuaweiEndpoint =
    row(MMR_LIVE, ParticipantRule::None, &[Field::Fixed("liveState", Scalar::Int(0))]);
const START_LIVE: HuaweiEndpoint = row(LIVE, ParticipantRule::None, &flag("isLive", true));
const STOP_LIVE: HuaweiEndpoint = row(LIVE, ParticipantRule::None, &flag("isLive", false));
/// One attendee to take off the invitation list (`bulkDelAttendInfo[]`): the number, and the
/// participant id once joined (the vendor requires it then).
const ATTENDEE_NUMBER: &[Param] = &[
    Param::required("number", "number", ParamKind::Text { max_chars: 127 }),
    Param::optional("participant_id", "participantID", ParamKind::Text { max_chars: 64 }),
];
const REMOVE_ATTENDEES: HuaweiEndpoint = HuaweiEndpoint {
    method: Method::Post,
    safe_to_repeat: false,
    ..row(
        "/v1/mmc/control/conferences/attendees/delete",
        ParticipantRule::None,
        &[Field::Arg(Param::required(
            "attendees",
            "bulkDelAttendInfo",
            ParamKind::List { item: "AttendeeNumber", fields: ATTENDEE_NUMBER, min: 1, max: 100 },
        ))],
    )
};
const SHARE_INVITE: &str = "/v1/mmc/control/conferences/participants/share/invite";
const INVITE_TO_SHARE: HuaweiEndpoint = HuaweiEndpoint {
    safe_to_repeat: false,
    ..row(SHARE_INVITE, ParticipantRule::Query, &flag("share", true))
};
const CANCEL_SHARE_INVITATION: HuaweiEndpoint =
    row(SHARE_INVITE, ParticipantRule::Query, &flag("share", false));
/// `inviteWithPwd`: the conference id (`confID`, besides the query's `conferenceID`) and a
/// password of the conference (host or guest, `pwd`) authorise it, not the control token.
const INVITE_WITH_PASSWORD: HuaweiEndpoint = HuaweiEndpoint {
    method: Method::Post,
    safe_to_repeat: false,
    control_token: false,
    ..row(
        "/v1/mmc/control/conferences/inviteWithPwd",
        ParticipantRule::None,
        &[
            Field::Arg(Param::required("number", "callNum", ParamKind::Text { max_chars: 127 })),
            Field::Arg(Param::optional("org_id", "orgID", ParamKind::Text { max_chars: 64 })),
            Field::Slot(HuaweiSlot::ConferenceId("confID")),
            Field::Arg(Param::required("conference_password", "pwd", ParamKind::Secret)),
            Field::Arg(Param::optional("number_type", "numBelongsType", ParamKind::OneOf(&[0, 1]))),
        ],
    )
};
const LAYOUT: &str = "/v1/mmc/control/conferences/layOut";
const INTERPRETATION: &str = "/v1/mmc/control/conferences/simultaneousInterpretation";
/// `display/mode`: `switchMode` `Fixed` (one participant broadcast) or `VAS` (voice-activated),
/// `imageType` 1 multi-picture or 0 a single picture (the vendor: a single picture only for
/// `VAS`).
const SWITCH_DISPLAY_MODE: HuaweiEndpoint = row(
    "/v1/mmc/control/conferences/display/mode",
    ParticipantRule::None,
    &[
        Field::Arg(Param::required("mode", "switchMode", ParamKind::Choice(&["Fixed", "VAS"]))),
        Field::Arg(Param::required("multi_picture", "imageType", ParamKind::Flag)),
    ],
);
/// `DELETE layOut?uuID=`: the layout's uuid goes in the query.
const DELETE_LAYOUT: HuaweiEndpoint = HuaweiEndpoint {
    method: Method::Delete,
    fields_in_query: true,
    ..row(
        LAYOUT,
        ParticipantRule::None,
        &[Field::Arg(Param::required("layout_id", "uuID", ParamKind::Text { max_chars: 64 }))],
    )
};
const START_INTERPRETATION: HuaweiEndpoint =
    row(INTERPRETATION, ParticipantRule::None, &flag("simultaneousInterpretation", true));
const STOP_INTERPRETATION: HuaweiEndpoint =
    row(INTERPRETATION, ParticipantRule::None, &flag("simultaneousInterpretation", false));
/// The language channel: the vendor requires the listening and the speaking channel to be the
/// same, so one argument `channel` is sent as both.
const LANGUAGE_CHANNEL: Param =
    Param::required("channel", "listenLanChannel", ParamKind::Text { max_chars: 16 });
const SET_LANGUAGE_CHANNEL: HuaweiEndpoint = row(
    "/v1/mmc/control/conferences/setAttendeeLanChannel",
    ParticipantRule::List("participantIDs"),
    &[
        Field::Slot(HuaweiSlot::Participants("participantIDs")),
        Field::Arg(LANGUAGE_CHANNEL),
        Field::Arg(Param { wire: "speakLanChannel", ..LANGUAGE_CHANNEL }),
        Field::Arg(Param::optional("include_original_voice", "includeOriginalVoice", ParamKind::Flag)),
    ],
);
/// One sub-picture of a multi-picture (`subscriberInPics[]`): its number, whom it shows (SIP
/// numbers, from `realTimeInfo`'s `phone`; several take turns), and whether it shows the shared
/// content (the auxiliary stream).
const PICTURE: &[Param] = &[
    Param::optional("index", "index", ParamKind::Int { min: 1, max: 25 }),
    Param::optional("numbers", "subscriber", ParamKind::Texts { max_chars: 127, min: 1, max: 16 }),
    Param::optional("auxiliary_stream", "isAssistStream", ParamKind::Flag),
];
/// One sub-picture's place in a custom grid (`picLayoutInfo.subPicLayoutInfoList[]`).
const GRID_PICTURE: &[Param] = &[
    Param::optional("id", "id", ParamKind::Int { min: 0, max: 1000 }),
    Param::optional("left", "left", ParamKind::Int { min: 0, max: 1000 }),
    Param::optional("top", "top", ParamKind::Int { min: 0, max: 1000 }),
    Param::optional("x_size", "xSize", ParamKind::Int { min: 1, max: 1000 }),
    Param::optional("y_size", "ySize", ParamKind::Int { min: 1, max: 1000 }),
];
/// A custom grid (`picLayoutInfo`): its width and height in cells, and where each sub-picture
/// sits. The vendor's page calls it a reserved parameter, not usable in the current version.
const GRID: &[Param] = &[
    Param::optional("x", "x", ParamKind::Int { min: 1, max: 1000 }),
    Param::optional("y", "y", ParamKind::Int { min: 1, max: 1000 }),
    Param::optional(
        "pictures",
        "subPicLayoutInfoList",
        ParamKind::List { item: "GridPicture", fields: GRID_PICTURE, min: 1, max: 25 },
    ),
];
/// The picture types (`imageType`) are the names under the vendor's layout figure (`Single`,
/// `Two`, `Four`, `Three-2`, ...): free text, at most 32 characters.
const IMAGE_TYPE: ParamKind = ParamKind::Text { max_chars: 32 };
const SET_CUSTOM_MULTI_PICTURE: HuaweiEndpoint = row(
    "/v1/mmc/control/conferences/display/customMultiPicture",
    ParticipantRule::None,
    &[
        Field::Arg(Param::required("manual", "manualSet", ParamKind::Flag)),
        Field::Arg(Param::optional(
            "grid",
            "picLayoutInfo",
            ParamKind::Object { item: "Grid", fields: GRID },
        )),
        Field::Arg(Param::optional("image_type", "imageType", IMAGE_TYPE)),
        Field::Arg(Param::optional(
            "pictures",
            "subscriberInPics",
            ParamKind::List { item: "Picture", fields: PICTURE, min: 1, max: 25 },
        )),
        Field::Arg(Param::optional("switch_seconds", "switchTime", ParamKind::Int { min: 10, max: 120 })),
        Field::Arg(Param::optional("save_only", "multiPicSaveOnly", ParamKind::Bool)),
    ],
);
/// One sub-picture of a saved layout (`restPicLayout.subscriberInPics[]`: `index`, `id` the SIP
/// numbers, `share` the auxiliary stream).
const LAYOUT_PICTURE: &[Param] = &[
    Param::optional("index", "index", ParamKind::Int { min: 1, max: 25 }),
    Param::optional("numbers", "id", ParamKind::Texts { max_chars: 127, min: 1, max: 16 }),
    Param::optional("auxiliary_stream", "share", ParamKind::Flag),
];
/// A layout to save (`restPicLayout`).
const SAVED_LAYOUT: &[Param] = &[
    Param::optional("switch_seconds", "switchTime", ParamKind::Int { min: 10, max: 120 }),
    Param::optional("picture_count", "picNum", ParamKind::Int { min: 1, max: 25 }),
    Param::optional("name", "layOutName", ParamKind::Text { max_chars: 64 }),
    Param::optional("image_type", "imageType", IMAGE_TYPE),
    Param::optional("layout_id", "uuid", ParamKind::Text { max_chars: 64 }),
    Param::optional(
        "pictures",
        "subscriberInPics",
        ParamKind::List { item: "SavedPicture", fields: LAYOUT_PICTURE, min: 1, max: 25 },
    ),
];
/// `PUT layOut`: without a `layout_id` each call saves a new layout, so it is not safe to repeat.
const SAVE_LAYOUT: HuaweiEndpoint = HuaweiEndpoint {
    safe_to_repeat: false,
    ..row(
        LAYOUT,
        ParticipantRule::None,
        &[Field::Arg(Param::required(
            "layout",
            "restPicLayout",
            ParamKind::Object { item: "SavedLayout", fields: SAVED_LAYOUT },
        ))],
    )
};
/// Manual interpretation or an AI interpreter (`groupType`, `interpreterType`).
const INTERPRETER_KIND: ParamKind = ParamKind::Choice(&["MANUAL", "AI"]);
/// The digital asset an AI interpreter speaks with (`aiDigitalInfo`).
const AI_DIGITAL: &[Param] = &[
    Param::optional("kind", "type", ParamKind::Choice(&["PUBLIC", "PRIVATE", "LOCAL"])),
    Param::optional("digital_account", "digitalAccount", ParamKind::Text { max_chars: 128 }),
    Param::optional("digital_name", "digitalName", ParamKind::Text { max_chars: 128 }),
    Param::optional("presenter_account", "presenterAccount", ParamKind::Text { max_chars: 128 }),
];
/// One interpreter (`interpreters[]`): by login account (account, phone or e-mail) or user uuid,
/// one of the two (the vendor's rule, which the vendor checks).
const INTERPRETER: &[Param] = &[
    Param::optional("login_account", "loginAccount", ParamKind::Text { max_chars: 128 }),
    Param::optional("user_id", "userID", ParamKind::Text { max_chars: 64 }),
    Param::optional("call_number", "callNumber", ParamKind::Text { max_chars: 127 }),
    Param::optional("name", "name", ParamKind::Text { max_chars: 96 }),
    Param::optional("interpreter_id", "interpreterId", ParamKind::Text { max_chars: 64 }),
    Param::optional("interpreter_type", "interpreterType", INTERPRETER_KIND),
    Param::optional(
        "ai_digital",
        "aiDigitalInfo",
        ParamKind::Object { item: "AiDigital", fields: AI_DIGITAL },
    ),
];
/// One interpreter group (`interpreterGroups[]`): two languages (`en`, `zh`, ...) and its
/// interpreters.
const INTERPRETER_GROUP: &[Param] = &[
    Param::required("group_id", "groupID", ParamKind::Text { max_chars: 64 }),
    Param::optional("name", "groupName", ParamKind::Text { max_chars: 64 }),
    Param::optional("group_type", "groupType", INTERPRETER_KIND),
    Param::required("first_language", "firstLanguage", ParamKind::Text { max_chars: 16 }),
    Param::required("second_language", "secondLanguage", ParamKind::Text { max_chars: 16 }),
    Param::optional(
        "interpreters",
        "interpreters",
        ParamKind::List { item: "Interpreter", fields: INTERPRETER, min: 1, max: 50 },
    ),
];
/// `interpreterGroup`: the whole set of groups (the vendor only replaces it whole), so a repeat
/// sets the same groups again: safe to repeat.
const SET_INTERPRETER_GROUPS: HuaweiEndpoint = row(
    "/v1/mmc/control/conferences/interpreterGroup",
    ParticipantRule::None,
    &[Field::Arg(Param::required(
        "groups",
        "interpreterGroups",
        ParamKind::List { item: "InterpreterGroup", fields: INTERPRETER_GROUP, min: 1, max: 50 },
    ))],
);
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
        /// The vendor's `participants/broadcast`: a state (who is broadcast), so a repeat changes
        /// nothing more and it is safe to repeat.
        Broadcast = 26, "broadcast",
            "Broadcast a participant: everyone sees them (one at a time)"
            => BROADCAST;
        /// Ends a participant's or the multi-picture's broadcast, or a roll call: back to a state.
        CancelBroadcast = 27, "cancel_broadcast",
            "End the broadcast or the roll call"
            => CANCEL_BROADCAST;
        /// The participant is unmuted and everyone else but the host muted: a state, as mute_all,
        /// so safe to repeat.
        RollCall = 28, "roll_call",
            "Roll-call a participant: only they (and the host) are heard"
            => ROLL_CALL;
        /// The vendor's `participants/batch/hands` with `handsState` 0; the vendor takes a list
        /// (`pids`), not "everyone": list the raised hands with `info` first.
        LowerHands = 29, "lower_hands",
            "Lower the raised hands of the participants listed"
            => LOWER_HANDS;
        /// `chairView` `viewType` 2. Only when the host is a professional hardware terminal (TE
        /// series and the like).
        HostView = 30, "host_view",
            "The host's hardware terminal watches one participant"
            => HOST_VIEW;
        /// `chairView` `viewType` 1 (hardware-terminal host only).
        HostViewMultiPicture = 31, "host_view_multi_picture",
            "The host's hardware terminal watches the multi-picture"
            => HOST_VIEW_MULTI_PICTURE;
        /// `chairView` `viewType` 0, `status` 1; argument `switch_seconds` (10 to 120, default 10)
        /// (hardware-terminal host only).
        StartHostPolling = 32, "start_host_polling",
            "The host's hardware terminal watches the participants in turn"
            => START_HOST_POLLING;
        /// `chairView` `viewType` 0, `status` 0 (hardware-terminal host only).
        StopHostPolling = 33, "stop_host_polling",
            "Stop the host's terminal watching in turn"
            => STOP_HOST_POLLING;
        /// `partView`: the participant given is the hardware terminal (query), argument
        /// `watched_id` whom it watches.
        ParticipantView = 34, "participant_view",
            "A hardware terminal watches one participant (argument `watched_id`)"
            => PARTICIPANT_VIEW;
        /// `lockView` `status` 1: the participant given is the hardware terminal, argument
        /// `source_id` the participant whose video it keeps.
        LockView = 35, "lock_view",
            "Lock a hardware terminal's video source (argument `source_id`)"
            => LOCK_VIEW_ON;
        /// `lockView` `status` 0.
        UnlockView = 36, "unlock_view",
            "Unlock a hardware terminal's video source (argument `source_id`)"
            => LOCK_VIEW_OFF;
        /// `pause` 1: nobody is heard or seen until it is resumed.
        Pause = 37, "pause",
            "Pause the conference"
            => PAUSE;
        /// `pause` 0.
        Resume = 38, "resume",
            "Resume a paused conference"
            => RESUME;
        /// `moveToWaitingRoom` (one participant, in the body); moving through the waiting room is
        /// not safe to repeat (as `move_to_waiting_room`, the batch endpoint).
        MoveOneToWaitingRoom = 39, "move_one_to_waiting_room",
            "Move one participant into the waiting room"
            => MOVE_ONE_TO_WAITING_ROOM;
        /// `allowAudience` 1 (the only value the vendor documents): a webinar's audience may join.
        AllowAudience = 40, "allow_audience",
            "Let a webinar's audience join"
            => ALLOW_AUDIENCE;
        /// `allowClientRecord`: argument `allow` (bool, required).
        AllowClientRecord = 41, "allow_client_record",
            "Allow or forbid a participant to record locally (argument `allow`)"
            => ALLOW_CLIENT_RECORD;
        /// `mmrRecord` `recordType` 1. For MMR-mode conferences (`confMode` RTC, a guess from the
        /// vendor's naming); cloud recording of the others is `start_recording`. Sets a state:
        /// safe to repeat.
        StartMmrRecording = 42, "start_mmr_recording",
            "Start recording an MMR conference"
            => START_MMR_RECORDING;
        /// `mmrRecord` `recordType` 0; `start_mmr_recording` resumes.
        PauseMmrRecording = 43, "pause_mmr_recording",
            "Pause an MMR conference's recording"
            => PAUSE_MMR_RECORDING;
        /// `mmrRecord` `recordType` 2.
        StopMmrRecording = 44, "stop_mmr_recording",
            "Stop an MMR conference's recording"
            => STOP_MMR_RECORDING;
        /// `mmrLive` `liveState` 1 (MMR-mode conferences).
        StartMmrLive = 45, "start_mmr_live",
            "Start live streaming an MMR conference"
            => START_MMR_LIVE;
        /// `mmrLive` `liveState` 0.
        StopMmrLive = 46, "stop_mmr_live",
            "Stop live streaming an MMR conference"
            => STOP_MMR_LIVE;
        /// `live` `isLive` 1. Sets a state: safe to repeat.
        StartLive = 47, "start_live",
            "Start the conference's live broadcast"
            => START_LIVE;
        /// `live` `isLive` 0.
        StopLive = 48, "stop_live",
            "Stop the conference's live broadcast"
            => STOP_LIVE;
        /// `attendees/delete`: `bulkDelAttendInfo`, each with the attendee's number and, once
        /// joined, participant id (the vendor requires it then; a joined attendee leaves the
        /// conference). Not safe to repeat, as `hang_up`: someone invited or joined again in
        /// between would be removed again.
        RemoveAttendees = 49, "remove_attendees",
            "Take attendees off the invitation list (argument `attendees`)"
            => REMOVE_ATTENDEES;
        /// `participants/share/invite` with `share` set to 1: a repeat asks the participant again,
        /// as `request_video` does, so it is not safe to repeat.
        InviteToShare = 50, "invite_to_share",
            "Ask a participant to share their screen"
            => INVITE_TO_SHARE;
        /// `participants/share/invite` `share` 0: withdraws the invitation, a state: safe to repeat.
        CancelShareInvitation = 51, "cancel_share_invitation",
            "Withdraw the invitation to share the screen"
            => CANCEL_SHARE_INVITATION;
        /// `inviteWithPwd`: sent without the control token; the body carries the conference id
        /// (`confID`) and argument `conference_password` (`pwd`, host or guest password, a
        /// secret). Argument `number` is the SIP number called (`callNum`), `number_type` 0 a
        /// Huawei Cloud Meeting number (the vendor's default), 1 a VC one; `org_id` the invitee's
        /// enterprise (the vendor's `isNotOverlayPidName`, for VDC, is not sent). The vendor
        /// allows it only when the enterprise lets guests invite hardware terminals by scanning a
        /// code. Not safe to repeat, as `invite`.
        InviteWithPassword = 52, "invite_with_password",
            "Call a SIP number into the conference with its password, no control token"
            => INVITE_WITH_PASSWORD;
        /// `display/mode`: argument `mode` `Fixed` (the broadcast participant stays) or `VAS`
        /// (voice-activated: whoever speaks), `multi_picture` the multi-picture (`imageType` 1) or
        /// a single picture (0; the vendor: a single picture only with `VAS`). Sets a state: safe
        /// to repeat.
        SwitchDisplayMode = 53, "switch_display_mode",
            "Switch the video display mode: fixed or voice-activated, single or multi-picture"
            => SWITCH_DISPLAY_MODE;
        /// `DELETE layOut`, argument `layout_id` the layout's uuid (`uuID`, in the query). Safe to
        /// repeat: the layout is gone either way.
        DeleteLayout = 54, "delete_layout",
            "Delete a saved multi-picture layout (argument `layout_id`)"
            => DELETE_LAYOUT;
        /// `simultaneousInterpretation` 1. Sets a state: safe to repeat.
        StartInterpretation = 55, "start_interpretation",
            "Start simultaneous interpretation"
            => START_INTERPRETATION;
        /// `simultaneousInterpretation` 0.
        StopInterpretation = 56, "stop_interpretation",
            "Stop simultaneous interpretation"
            => STOP_INTERPRETATION;
        /// `setAttendeeLanChannel`: the participants listed (`participantIDs`, the host too, not
        /// interpreters) listen and speak in language channel `channel` (sent as both
        /// `listenLanChannel` and `speakLanChannel`, which the vendor requires to be the same),
        /// with the original voice quietly underneath when `include_original_voice`. Sets a
        /// state: safe to repeat.
        SetLanguageChannel = 57, "set_language_channel",
            "Put participants in a language channel (argument `channel`, e.g. `en`)"
            => SET_LANGUAGE_CHANNEL;
        /// `display/customMultiPicture`: argument `manual` (the multi-picture set by hand, 1, or
        /// by the system, 0), `image_type` (the picture type, a name under the vendor's layout
        /// figure: `Single`, `Two`, `Four`, ...), `pictures` (each sub-picture's `index` from 1,
        /// the SIP `numbers` it shows, which take turns every `switch_seconds` (10 to 120) when
        /// several, and whether it shows the `auxiliary_stream`; the vendor requires them when
        /// `manual`), `save_only` (only save the layout, do not apply it), `grid` (a custom grid,
        /// which the vendor's page calls reserved and not usable yet). Sets a state: safe to
        /// repeat.
        SetCustomMultiPicture = 58, "set_custom_multi_picture",
            "Set the multi-picture: its type and who is in each sub-picture"
            => SET_CUSTOM_MULTI_PICTURE;
        /// `PUT layOut`: argument `layout` (`restPicLayout`: `name`, `image_type`,
        /// `picture_count`, `switch_seconds`, `pictures` with their SIP `numbers`, and
        /// `layout_id` to overwrite a saved one). Released when the conference ends. Without a
        /// `layout_id` each call saves another layout: not safe to repeat.
        SaveLayout = 59, "save_layout",
            "Save a multi-picture layout in this conference (argument `layout`)"
            => SAVE_LAYOUT;
        /// `interpreterGroup`: argument `groups`, every interpreter group of the conference
        /// (the vendor replaces them all): each a `group_id`, two languages and its
        /// `interpreters` (by `login_account` or `user_id`, one of the two). Sets a state: safe
        /// to repeat.
        SetInterpreterGroups = 60, "set_interpreter_groups",
            "Set the interpreter groups, each with two languages and its interpreters"
            => SET_INTERPRETER_GROUPS;
    }
}
