//! Every Tencent Meeting lookup meetctl knows, as data: one row each, and the one way to run a row.
//!
//! A lookup reads and changes nothing: a meeting by its code or id, a Rooms device's meetings,
//! the waiting room, who joined and left. A row gives the path (with `{name}` where an argument
//! goes), how the operator is written, the query fields in wire order, the paging, what it
//! answers and the function that reads one page of the vendor's answer into meetctl's records.

use serde_json::Value;

use super::call::TencentCall;
use super::credentials::TencentCredentials;
use super::ids::{IdKind, Role, TencentUser};
use super::records::{TencentAttendee, TencentMeetingInfo, TencentWaitingMember};
use crate::args::{Args, Param, ParamKind, Scalar};
use crate::endpoint::{self, Field, check_args, push_pair};
use crate::error::{Error, ErrorKind};
use crate::http::{HttpRequest, Method};
use crate::lookup::{Page, Paging, ReadPage, fill_path, item};
use crate::operation::Answer;
use crate::record::Fields;

/// How a lookup names who asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asker {
    /// Nobody: the lookup takes no operator.
    None,
    /// `userid=<id>`: the user by userid (or, with OAuth 2.0, the open_id), as the vendor's
    /// older lookups take it.
    UserIdParam,
    /// `operator_id=<id>&operator_id_type=<n>`.
    OperatorParam,
}

/// The slots of a lookup's query that meetctl fills from the operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupSlot {
    /// The operator, as the row's [`Asker`] says.
    Operator,
    /// The operator's device (`instanceid`).
    Device,
}

/// One row of the lookup table.
#[derive(Debug, Clone, Copy)]
pub struct TencentLookupEndpoint {
    /// The path, with `{name}` where the argument `name` goes.
    pub path: &'static str,
    /// The arguments that go in the path.
    pub path_params: &'static [Param],
    /// Whether OAuth 2.0 credentials may call it.
    pub oauth: bool,
    /// How the operator is written.
    pub asker: Asker,
    /// The id kinds the operator may be named by.
    pub accepts: &'static [IdKind],
    /// Query fields, in order (the paging position is added last).
    pub query: &'static [Field<LookupSlot>],
    /// How the answer is split into pages.
    pub paging: Paging,
    /// What it answers: one record ([`Answer::Typed`]) or a list of them ([`Answer::Pages`]).
    pub answers: Answer,
    /// Reads one page of the vendor's answer.
    pub(crate) read: ReadPage,
}

const BY_USER: &[IdKind] = &[IdKind::UserId, IdKind::OpenId];
const MEETING_ID: Param = Param::required("meeting_id", "meeting_id", ParamKind::Text { max_chars: 64 });

const MEETINGS_BY_CODE: TencentLookupEndpoint = TencentLookupEndpoint {
    path: "/v1/meetings",
    path_params: &[],
    oauth: true,
    asker: Asker::UserIdParam,
    accepts: BY_USER,
    query: &[
        Field::Arg(Param::required("meeting_code", "meeting_code", ParamKind::Digits { min: 6, max: 12 })),
        Field::Slot(LookupSlot::Operator),
        Field::Slot(LookupSlot::Device),
    ],
    paging: Paging::None,
    answers: Answer::Pages("TencentMeetingInfo"),
    read: read_meeting_list,
};
const MEETING: TencentLookupEndpoint = TencentLookupEndpoint {
    path: "/v1/meetings/{meeting_id}",
    path_params: &[MEETING_ID],
    asker: Asker::OperatorParam,
    query: &[Field::Slot(LookupSlot::Operator), Field::Slot(LookupSlot::Device)],
    answers: Answer::Typed("TencentMeetingInfo"),
    read: read_one_meeting,
    ..MEETINGS_BY_CODE
};
const ROOM_MEETINGS: TencentLookupEndpoint = TencentLookupEndpoint {
    path: "/v1/meeting-rooms/{room_id}/meetings",
    path_params: &[Param::required("room_id", "operator_id", ParamKind::Text { max_chars: 64 })],
    oauth: false,
    asker: Asker::None,
    accepts: &[],
    query: &[
        Field::Arg(Param::default(
            "room_id_type",
            "operator_id_type",
            ParamKind::OneOf(&[3, 5]),
            Scalar::Int(3),
        )),
        Field::Arg(Param::default(
            "instanceid",
            "instanceid",
            ParamKind::OneOf(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 21, 22, 30, 32, 33]),
            Scalar::Int(20),
        )),
        Field::Arg(Param::optional("start_time", "start_time", ParamKind::Int { min: 0, max: i64::MAX })),
        Field::Arg(Param::optional("end_time", "end_time", ParamKind::Int { min: 0, max: i64::MAX })),
        Field::Arg(Param::default(
            "page_size",
            "page_size",
            ParamKind::Int { min: 1, max: 20 },
            Scalar::Int(20),
        )),
    ],
    paging: Paging::Pages { position: "page", first: 1 },
    answers: Answer::Pages("TencentMeetingInfo"),
    read: read_room_meetings,
};
const WAITING_ROOM: TencentLookupEndpoint = TencentLookupEndpoint {
    path: "/v1/meetings/{meeting_id}/waiting-room-participants",
    path_params: &[MEETING_ID],
    oauth: true,
    asker: Asker::UserIdParam,
    accepts: BY_USER,
    query: &[
        Field::Slot(LookupSlot::Operator),
        Field::Arg(Param::default(
            "page_size",
            "page_size",
            ParamKind::Int { min: 1, max: 50 },
            Scalar::Int(50),
        )),
    ],
    paging: Paging::Pages { position: "page", first: 1 },
    answers: Answer::Pages("TencentWaitingMember"),
    read: read_waiting_room,
};
const ATTENDANCE: TencentLookupEndpoint = TencentLookupEndpoint {
    path: "/v1/meetings/{meeting_id}/participants",
    path_params: &[MEETING_ID],
    oauth: true,
    asker: Asker::OperatorParam,
    accepts: BY_USER,
    query: &[
        Field::Arg(Param::optional("occurrence", "sub_meeting_id", ParamKind::Text { max_chars: 64 })),
        Field::Slot(LookupSlot::Operator),
        Field::Arg(Param::default(
            "page_size",
            "size",
            ParamKind::Int { min: 1, max: 100 },
            Scalar::Int(100),
        )),
    ],
    paging: Paging::Pages { position: "pos", first: 0 },
    answers: Answer::Pages("TencentAttendee"),
    read: read_attendance,
};

crate::operations! {
    /// A Tencent lookup. The numbers are stable (the C enum uses them) and never reused.
    pub enum TencentLookup: TencentLookupEndpoint {
        /// Codes are reused over time, so several meetings may share one; the operator is a
        /// user of the app (userid, or with OAuth the client's own open_id).
        MeetingsByCode = 1, "meetings_by_code",
            "The meetings with a meeting code"
            => MEETINGS_BY_CODE;
        Meeting = 2, "meeting",
            "One meeting's details: subject, status, times, hosts, occurrences"
            => MEETING;
        /// `room_id_type` 3 names a Rooms device (rooms_id), 5 a meeting room (meeting_room_id).
        RoomMeetings = 3, "room_meetings",
            "The meetings of a Rooms device or meeting room, every page"
            => ROOM_MEETINGS;
        /// The operator is the meeting's creator.
        WaitingRoom = 4, "waiting_room",
            "Who is in the waiting room now, every page"
            => WAITING_ROOM;
        /// A recurring meeting needs its `occurrence` (the sub_meeting_id).
        Attendance = 5, "attendance",
            "Who joined and left, with times, every page"
            => ATTENDANCE;
    }
}

/// One lookup with its operator and arguments, as the client runs it page by page.
pub(crate) struct LookupCall<'a> {
    pub(crate) lookup: TencentLookup,
    pub(crate) operator: Option<&'a TencentUser>,
    pub(crate) args: &'a Args,
    /// The paging position of the page to read, when the lookup pages.
    pub(crate) position: Option<i64>,
}

impl TencentCall for LookupCall<'_> {
    fn to_request(&self, credentials: &TencentCredentials) -> Result<HttpRequest, Error> {
        let spec = self.lookup.spec();
        let name = self.lookup.name();
        if !spec.oauth && matches!(credentials, TencentCredentials::OAuth(_)) {
            return Err(Error::invalid(
                "credentials",
                format!("the {name} lookup does not accept OAuth 2.0; use enterprise (AK/SK) credentials"),
            ));
        }
        match (spec.asker, self.operator) {
            (Asker::None, None) => {}
            (Asker::None, Some(_)) => {
                return Err(Error::invalid("operator", format!("the {name} lookup takes no operator")));
            }
            (_, None) => {
                return Err(Error::invalid("operator", format!("the {name} lookup needs an operator")));
            }
            (_, Some(operator)) => operator.validate(Role::Named("operator"), spec.accepts)?,
        }
        let path_fields: Vec<Field<LookupSlot>> = spec.path_params.iter().map(|p| Field::Arg(*p)).collect();
        let fields: [&[Field<LookupSlot>]; 2] = [&path_fields, spec.query];
        check_args(self.args, endpoint::params(&fields, |_| None), false, name)?;
        let path = fill_path(spec.path, spec.path_params, self.args)?;

        let mut request = HttpRequest::new(Method::Get, path);
        request.safe_to_repeat = true;
        endpoint::write_query(&mut request.query, spec.query, self.args, |query, slot| {
            let Some(operator) = self.operator else { return Ok(()) };
            match slot {
                LookupSlot::Operator if spec.asker == Asker::UserIdParam => {
                    push_pair(query, "userid", operator.id.value());
                }
                LookupSlot::Operator => {
                    push_pair(query, "operator_id", operator.id.value());
                    let code = operator.id.kind().type_code().unwrap_or(0);
                    push_pair(query, "operator_id_type", itoa::Buffer::new().format(code));
                }
                LookupSlot::Device => {
                    push_pair(query, "instanceid", itoa::Buffer::new().format(operator.instance.code()));
                }
            }
            Ok(())
        })?;
        if let (Paging::Pages { position, .. }, Some(at)) = (spec.paging, self.position) {
            push_pair(&mut request.query, position, itoa::Buffer::new().format(at));
        }
        Ok(request)
    }
}

fn malformed(what: &str) -> Error {
    Error::new(ErrorKind::MalformedResponse, format!("the answer is not {what}"))
}

fn meeting_items(answer: &Value) -> Result<Vec<Value>, Error> {
    if !answer.is_object() {
        return Err(malformed("a JSON object with meeting_info_list"));
    }
    let list = Fields(answer).list("meeting_info_list");
    Ok(list.iter().filter_map(TencentMeetingInfo::from_vendor).map(|m| item(&m)).collect())
}

fn read_meeting_list(answer: &Value) -> Result<Page, Error> {
    meeting_items(answer).map(Page::last)
}

fn read_one_meeting(answer: &Value) -> Result<Page, Error> {
    let items = meeting_items(answer)?;
    if items.is_empty() {
        return Err(Error::new(
            ErrorKind::NotFound,
            "the meeting does not exist or is not visible to this app",
        ));
    }
    Ok(Page::last(items))
}

/// The next page number from `current_page` and `total_page`, when there is one.
fn next_page_number(answer: &Value) -> Option<i64> {
    let f = Fields(answer);
    let (current, total) = (f.int("current_page")?, f.int("total_page")?);
    (current < total).then_some(current + 1)
}

fn read_room_meetings(answer: &Value) -> Result<Page, Error> {
    Ok(Page { items: meeting_items(answer)?, next: next_page_number(answer) })
}

fn read_waiting_room(answer: &Value) -> Result<Page, Error> {
    if !answer.is_object() {
        return Err(malformed("a JSON object with participants"));
    }
    let items =
        Fields(answer).list("participants").iter().map(|p| item(&TencentWaitingMember::from_vendor(p)));
    Ok(Page { items: items.collect(), next: next_page_number(answer) })
}

fn read_attendance(answer: &Value) -> Result<Page, Error> {
    if !answer.is_object() {
        return Err(malformed("a JSON object with participants"));
    }
    let f = Fields(answer);
    let items = f.list("participants").iter().map(|p| item(&TencentAttendee::from_vendor(p)));
    let next = if f.flag("has_remaining") == Some(true) { f.int("next_pos") } else { None };
    Ok(Page { items: items.collect(), next })
}
