//! The one generic Tencent control call: an operation from the table, the meeting, the operator,
//! the targets and the named arguments, turned into the validated, unsigned request.

use std::borrow::Borrow;

use super::call::TencentCall;
use super::credentials::TencentCredentials;
use super::endpoints::{ROOM_PARAMS, Slot, TargetRule, TencentEndpoint, TencentOperation};
use super::ids::{Role, TencentUser, TencentUserId};
use super::signing::SIGNATURE_LEN;
use crate::args::Args;
use crate::encoding::path_segment;
use crate::endpoint::{self, Field, check_args, push_pair};
use crate::error::Error;
use crate::http::HttpRequest;
use crate::json_writer::{JsonObject, write_string};

/// One control operation on one meeting: what every typed Tencent method builds, and what the C
/// and Python bindings build from their arguments. Send it with
/// [`TencentClient::call`](super::TencentClient::call) or sign it with
/// [`TencentClient::prepare`](super::TencentClient::prepare).
#[derive(Debug, Clone, PartialEq)]
pub struct TencentControl {
    /// Which operation.
    pub operation: TencentOperation,
    /// The meeting id (for a recurring meeting, the parent meeting's id).
    pub meeting_id: String,
    /// Who acts (for [`TencentOperation::MsOpenId`], the user looked up).
    pub operator: TencentUser,
    /// Whom it acts on, when the operation has targets.
    pub targets: Vec<TencentUser>,
    /// The operation's named arguments.
    pub args: Args,
}

impl TencentControl {
    /// `operation` on `meeting_id` by `operator`, with no targets or arguments yet.
    pub fn new(operation: TencentOperation, meeting_id: impl Into<String>, operator: TencentUser) -> Self {
        TencentControl {
            operation,
            meeting_id: meeting_id.into(),
            operator,
            targets: Vec::new(),
            args: Args::new(),
        }
    }

    /// Adds a target.
    pub fn target(mut self, user: TencentUser) -> Self {
        self.targets.push(user);
        self
    }

    /// Adds targets.
    pub fn targets(mut self, users: impl IntoIterator<Item = TencentUser>) -> Self {
        self.targets.extend(users);
        self
    }

    /// Sets the named arguments.
    pub fn args(mut self, args: Args) -> Self {
        self.args = args;
        self
    }
}

impl TencentCall for TencentControl {
    fn to_request(&self, credentials: &TencentCredentials) -> Result<HttpRequest, Error> {
        control_request(
            self.operation,
            &self.meeting_id,
            &self.operator,
            &self.targets,
            &self.args,
            credentials,
        )
    }
}

/// A [`TencentControl`] made of borrowed parts, for the typed methods: nothing is cloned.
pub(crate) struct BorrowedControl<'a> {
    pub(crate) operation: TencentOperation,
    pub(crate) meeting_id: &'a str,
    pub(crate) operator: &'a TencentUser,
    pub(crate) targets: &'a [&'a TencentUser],
    pub(crate) args: &'a Args,
}

impl TencentCall for BorrowedControl<'_> {
    fn to_request(&self, credentials: &TencentCredentials) -> Result<HttpRequest, Error> {
        control_request(self.operation, self.meeting_id, self.operator, self.targets, self.args, credentials)
    }
}

/// The validated, unsigned request of `operation`, from its row in the endpoint table.
fn control_request<T: Borrow<TencentUser>>(
    operation: TencentOperation,
    meeting_id: &str,
    operator: &TencentUser,
    targets: &[T],
    args: &Args,
    credentials: &TencentCredentials,
) -> Result<HttpRequest, Error> {
    let spec = operation.spec();
    let name = operation.name();
    if !spec.oauth && matches!(credentials, TencentCredentials::OAuth(_)) {
        let api = spec.path.rsplit('/').next().unwrap_or(name);
        return Err(Error::invalid(
            "credentials",
            format!("the {api} API does not accept OAuth 2.0; use enterprise (AK/SK) credentials"),
        ));
    }
    let path = meeting_path(spec.path, meeting_id)?;
    check_operator(spec, operator, credentials)?;
    check_targets(spec.targets, targets)?;
    let fields: [&[Field<Slot>]; 2] = [spec.query, spec.body.unwrap_or(&[])];
    let slot_params = fields.iter().flat_map(|f| f.iter()).flat_map(|field| match *field {
        Field::Slot(slot) => slot.params(),
        _ => &[],
    });
    check_args(
        args,
        endpoint::params(&fields, slot_param).chain(slot_params.copied()),
        spec.at_least_one_arg,
        name,
    )?;

    let mut request = HttpRequest::new(spec.method, path);
    request.safe_to_repeat = spec.safe_to_repeat;
    endpoint::write_query(&mut request.query, spec.query, args, |query, slot| {
        if slot == Slot::Operator {
            push_operator_query(query, operator);
        }
        Ok(())
    })?;
    if let Some(body) = spec.body {
        request.body = endpoint::write_body(body, args, |object, slot| {
            write_slot(object, slot, meeting_id, operator, targets, args)
        })?;
    }
    Ok(request)
}

/// The parameter a slot carries, for argument checking.
fn slot_param(slot: Slot) -> Option<crate::args::Param> {
    match slot {
        Slot::UsersWith(param) => Some(param),
        _ => None,
    }
}

/// The path template with the meeting id validated and encoded in place of `{meeting_id}` (or
/// only validated, for a path without one).
fn meeting_path(template: &str, meeting_id: &str) -> Result<String, Error> {
    let id = path_segment("meeting_id", meeting_id)?;
    const PLACEHOLDER: &str = "{meeting_id}";
    // A byte loop: the templates are short, and `str::find` costs more to set up than to run here.
    let (before, id, after) = match template.bytes().position(|b| b == b'{') {
        Some(at) if template[at..].starts_with(PLACEHOLDER) => {
            (&template[..at], id.as_ref(), &template[at + PLACEHOLDER.len()..])
        }
        // No place for it (the meeting goes in the body, `Slot::MeetingId`): checked all the same.
        _ => (template, "", ""),
    };
    // Room for the signature too: once the path is signed and in the URL, `TencentClient::sign`
    // writes the signature into this buffer instead of allocating one.
    let mut path = String::with_capacity((before.len() + id.len() + after.len()).max(SIGNATURE_LEN));
    path.push_str(before);
    path.push_str(id);
    path.push_str(after);
    Ok(path)
}

fn check_operator(
    spec: &TencentEndpoint,
    operator: &TencentUser,
    credentials: &TencentCredentials,
) -> Result<(), Error> {
    let rule = spec.operator;
    operator.validate(Role::Named(rule.role), rule.accepts)?;
    let TencentUserId::OpenId(open_id) = &operator.id else { return Ok(()) };
    if !rule.acts {
        return Ok(());
    }
    match credentials {
        TencentCredentials::OAuth(oauth) if oauth.open_id == *open_id => Ok(()),
        TencentCredentials::OAuth(_) => {
            Err(Error::invalid("operator.id", "an open_id operator must be this client's own open id"))
        }
        TencentCredentials::Enterprise(_) => {
            Err(Error::invalid("operator.id", "an open_id operator needs OAuth 2.0 credentials"))
        }
    }
}

fn check_targets<T: Borrow<TencentUser>>(rule: TargetRule, targets: &[T]) -> Result<(), Error> {
    match rule {
        TargetRule::None if targets.is_empty() => Ok(()),
        TargetRule::None => Err(Error::invalid("targets", "this operation takes no target")),
        TargetRule::One(accepts) => match targets {
            [user] => user.borrow().validate(Role::Named("user"), accepts),
            _ => {
                Err(Error::invalid("user", format!("exactly one target is needed, {} given", targets.len())))
            }
        },
        TargetRule::Many(accepts) => {
            if targets.is_empty() {
                return Err(Error::invalid("targets", "at least one target is needed"));
            }
            targets
                .iter()
                .enumerate()
                .try_for_each(|(i, user)| user.borrow().validate(Role::Target(i), accepts))
        }
    }
}

/// `operator_id=..&operator_id_type=N` for the listing endpoints (which take no uuid).
fn push_operator_query(query: &mut String, operator: &TencentUser) {
    push_pair(query, "operator_id", operator.id.value());
    let type_code = operator.id.kind().type_code().unwrap_or(0);
    push_pair(query, "operator_id_type", itoa::Buffer::new().format(type_code));
}

fn write_slot<T: Borrow<TencentUser>>(
    object: &mut JsonObject<'_>,
    slot: Slot,
    meeting_id: &str,
    operator: &TencentUser,
    targets: &[T],
    args: &Args,
) -> Result<(), Error> {
    match slot {
        Slot::Operator => write_id(object, operator, "operator_id", "operator_id_type"),
        Slot::Device(key) => object.int(key, i64::from(operator.instance.code())),
        Slot::User => {
            let out = object.key("user");
            if let Some(user) = targets.first() {
                write_target(out, user.borrow());
            }
        }
        Slot::Users => object.array("users", targets, |out, user| write_target(out, user.borrow())),
        Slot::UsersWith(param) => {
            let value = param.resolve(args)?;
            object.array("users", targets, |out, user| {
                let user = user.borrow();
                let mut element = JsonObject::open(out);
                element.string("ms_open_id", user.id.value());
                element.int("instanceid", i64::from(user.instance.code()));
                if let Some(value) = &value {
                    element.value(param.wire, value);
                }
                element.close();
            });
        }
        Slot::MeetingId => object.string("meeting_id", meeting_id),
        Slot::Room => write_room(object, args)?,
    }
    Ok(())
}

/// What is called ([`Slot::Room`]): `"meeting_room_id":".."`, or
/// `"mra_address":{"protocol":1|2,"dial_string":".."}` for a SIP or H.323 address. Exactly one
/// of the three arguments is given; the error names the missing or the second one.
fn write_room(object: &mut JsonObject<'_>, args: &Args) -> Result<(), Error> {
    let [room, sip, h323] = &ROOM_PARAMS;
    let mut given = None;
    for (param, protocol) in [(room, 0), (sip, 1), (h323, 2)] {
        let Some(value) = param.resolve(args)? else { continue };
        if given.is_some() {
            return Err(Error::invalid(
                param.name,
                "give only one of meeting_room_id, sip_address and h323_address",
            ));
        }
        given = Some((param, protocol, value));
    }
    match given {
        None => Err(Error::invalid(
            room.name,
            "give one of meeting_room_id, sip_address and h323_address: what is called",
        )),
        Some((param, 0, value)) => {
            object.value(param.wire, &value);
            Ok(())
        }
        Some((param, protocol, value)) => {
            let mut address = JsonObject::open(object.key("mra_address"));
            address.int("protocol", protocol);
            address.value(param.wire, &value);
            address.close();
            Ok(())
        }
    }
}

/// `{"to_operator_id":"..","to_operator_id_type":N,"instanceid":N}` (or `uuid` instead of the id).
///
/// An object of fixed shape, written in a few runs of constant bytes rather than field by field
/// through [`JsonObject`] (every typed call with a target writes one); a test checks the bytes
/// against `JsonObject`'s for every kind of id.
fn write_target(out: &mut Vec<u8>, user: &TencentUser) {
    match user.id.kind().type_code() {
        Some(type_code) => {
            out.extend_from_slice(br#"{"to_operator_id":"#);
            write_string(out, user.id.value());
            out.extend_from_slice(br#","to_operator_id_type":"#);
            out.extend_from_slice(itoa::Buffer::new().format(type_code).as_bytes());
        }
        None => {
            out.extend_from_slice(br#"{"uuid":"#);
            write_string(out, user.id.value());
        }
    }
    out.extend_from_slice(br#","instanceid":"#);
    out.extend_from_slice(itoa::Buffer::new().format(user.instance.code()).as_bytes());
    out.push(b'}');
}

/// `"<id_key>":"..","<type_key>":N` for typed ids, `"uuid":".."` for a uuid.
fn write_id(object: &mut JsonObject<'_>, who: &TencentUser, id_key: &str, type_key: &str) {
    match who.id.kind().type_code() {
        Some(type_code) => {
            object.string(id_key, who.id.value());
            object.int(type_key, i64::from(type_code));
        }
        None => object.string("uuid", who.id.value()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tencent::{Instance, TencentCredentials};
    use serde_json::{Value, json};

    fn enterprise() -> TencentCredentials {
        TencentCredentials::enterprise("1", "AKID", "secret", None)
    }

    fn body(control: &TencentControl) -> Value {
        serde_json::from_slice(&control.to_request(&enterprise()).unwrap().body).unwrap()
    }

    fn host() -> TencentUser {
        TencentUser::ms_open_id("host", Instance::Ios)
    }

    fn bob() -> TencentUser {
        TencentUser::ms_open_id("bob", Instance::Mac)
    }

    #[test]
    fn seed_bodies_keep_their_exact_bytes() {
        let set = TencentControl::new(TencentOperation::SetCohost, "1242152152161", host()).target(bob());
        let request = set.to_request(&enterprise()).unwrap();
        assert_eq!(request.path, "/v1/real-control/meetings/1242152152161/cohosts");
        assert_eq!(
            request.body,
            br#"{"operator_id":"host","operator_id_type":4,"instanceid":4,"action":true,"user":{"to_operator_id":"bob","to_operator_id_type":4,"instanceid":2}}"#
        );
        let close =
            TencentControl::new(TencentOperation::CloseVideo, "1", TencentUser::uuid("u\"1", Instance::Pc))
                .target(TencentUser::uuid("u2", Instance::Web));
        assert_eq!(
            close.to_request(&enterprise()).unwrap().body,
            br#"{"uuid":"u\"1","instanceid":1,"user":{"uuid":"u2","instanceid":5}}"#
        );
    }

    /// `write_target` writes what the general writer would, for every kind of id, escapes included.
    #[test]
    fn targets_are_written_as_the_general_writer_would() {
        let users = [
            TencentUser::userid("alice", Instance::Pc),
            TencentUser::open_id("o\"pen", Instance::Web),
            TencentUser::ms_open_id("ms\\id", Instance::Mac),
            TencentUser::uuid("u\u{1}1", Instance::RoomsTouchWindows),
        ];
        for user in &users {
            let mut general = Vec::new();
            let mut object = JsonObject::open(&mut general);
            write_id(&mut object, user, "to_operator_id", "to_operator_id_type");
            object.int("instanceid", i64::from(user.instance.code()));
            object.close();
            let mut written = Vec::new();
            write_target(&mut written, user);
            assert_eq!(String::from_utf8(written).unwrap(), String::from_utf8(general).unwrap());
        }
    }

    #[test]
    fn every_body_shape() {
        let kick = TencentControl::new(TencentOperation::KickOut, "1", host())
            .targets([bob(), TencentUser::ms_open_id("c", Instance::Pc)])
            .args(Args::new().with("reason", "spam"));
        assert_eq!(
            body(&kick),
            json!({"operator_id":"host","operator_id_type":4,"instanceid":4,
                   "users":[{"to_operator_id":"bob","to_operator_id_type":4,"instanceid":2},
                            {"to_operator_id":"c","to_operator_id_type":4,"instanceid":1}],
                   "allow_rejoin":true,"reason":"spam"})
        );
        let rename = TencentControl::new(TencentOperation::Rename, "1", host())
            .target(bob())
            .args(Args::new().with("nick_name", "Bob 会议"));
        assert_eq!(
            body(&rename)["users"],
            json!([{"ms_open_id":"bob","instanceid":2,"nick_name":"Bob 会议"}])
        );
        let remove = TencentControl::new(TencentOperation::RemoveFromWaitingRoom, "1", host())
            .target(bob())
            .args(Args::new().with("allow_rejoin", false));
        assert_eq!(body(&remove)["operate_type"], json!(3));
        assert_eq!(body(&remove)["allow_rejoin"], json!(false));
        let admit = TencentControl::new(TencentOperation::AdmitFromWaitingRoom, "1", host()).target(bob());
        assert!(body(&admit).get("allow_rejoin").is_none());
        let status = TencentControl::new(
            TencentOperation::SetMeetingStatus,
            "1",
            TencentUser::userid("alice", Instance::Pc),
        )
        .args(Args::new().with("meeting_locked", true).with("allow_chat", 2));
        assert_eq!(
            body(&status),
            json!({"operator_id":"alice","operator_id_type":1,"instanceid":1,"meeting_locked":true,"allow_chat":2})
        );
        let asr = TencentControl::new(
            TencentOperation::SetTranscription,
            "1",
            TencentUser::userid("alice", Instance::Pc),
        )
        .args(Args::new().with("enable", true));
        assert_eq!(
            body(&asr),
            json!({"operator_id":"alice","operator_id_type":1,"instance_id":1,"is_open":true})
        );
        let end = TencentControl::new(TencentOperation::EndMeeting, "1", host());
        let request = end.to_request(&enterprise()).unwrap();
        assert_eq!(request.method, crate::Method::Post);
        assert_eq!(request.path, "/v1/meetings/1/dismiss");
        assert_eq!(
            body(&end),
            json!({"operator_id":"host","operator_id_type":4,"instanceid":4,"reason_code":1,
                   "force_dismiss_meeting":1,"retrieve_code":0})
        );
        let open = TencentControl::new(TencentOperation::OpenVideo, "1", host())
            .target(TencentUser::uuid("mra", Instance::RoomsTouchWindows));
        assert_eq!(body(&open)["video"], json!(true));
    }

    #[test]
    fn listing_queries() {
        let alice = TencentUser::userid("alice", Instance::Pc);
        let list = TencentControl::new(TencentOperation::Participants, "1", alice.clone())
            .args(Args::new().with("page", 2));
        let request = list.to_request(&enterprise()).unwrap();
        assert_eq!(request.method, crate::Method::Get);
        assert_eq!(
            request.request_uri(),
            "/v1/meetings/1/real-time-participants?operator_id=alice&operator_id_type=1&page=2&page_size=50"
        );
        assert!(request.body.is_empty());
        let lookup =
            TencentControl::new(TencentOperation::MsOpenId, "1", TencentUser::open_id("o&x", Instance::Pc));
        assert_eq!(
            lookup.to_request(&enterprise()).unwrap().request_uri(),
            "/v1/meetings/1/ms-open-id?operator_id=o%26x&operator_id_type=2"
        );
    }

    #[test]
    fn validation_names_the_field() {
        let cases: Vec<(TencentControl, &str)> = vec![
            (TencentControl::new(TencentOperation::Mute, "1", host()), "user"),
            (
                TencentControl::new(TencentOperation::Mute, "1", host())
                    .target(TencentUser::uuid("u", Instance::Pc)),
                "user.id",
            ),
            (TencentControl::new(TencentOperation::KickOut, "1", host()), "targets"),
            (
                TencentControl::new(TencentOperation::KickOut, "1", host())
                    .targets([bob(), TencentUser::ms_open_id("carol", Instance::Linux)]),
                "targets[1].instance",
            ),
            (
                TencentControl::new(TencentOperation::Mute, "1", TencentUser::userid("a", Instance::Pc))
                    .target(bob()),
                "operator.id",
            ),
            (TencentControl::new(TencentOperation::Rename, "1", host()).target(bob()), "nick_name"),
            (
                TencentControl::new(TencentOperation::Rename, "1", host())
                    .target(bob())
                    .args(Args::new().with("nick_name", "x".repeat(21))),
                "nick_name",
            ),
            (TencentControl::new(TencentOperation::SetMeetingStatus, "1", host()), "args"),
            (
                TencentControl::new(TencentOperation::SetMeetingStatus, "1", host())
                    .args(Args::new().with("mute_al", true)),
                "mute_al",
            ),
            (
                TencentControl::new(TencentOperation::SetMeetingStatus, "1", host())
                    .args(Args::new().with("allow_chat", 5)),
                "allow_chat",
            ),
            (TencentControl::new(TencentOperation::SetDocUpload, "1", host()), "enable"),
            (
                TencentControl::new(TencentOperation::SetTranscription, "1", host())
                    .args(Args::new().with("enable", true)),
                "operator.id",
            ),
            (TencentControl::new(TencentOperation::EndMeeting, "1", host()).target(bob()), "targets"),
            (TencentControl::new(TencentOperation::Participants, "1", host()), "operator.id"),
            (TencentControl::new(TencentOperation::MsOpenId, "1", host()), "user.id"),
            (
                TencentControl::new(
                    TencentOperation::Participants,
                    "1",
                    TencentUser::userid("a", Instance::Pc),
                )
                .args(Args::new().with("page_size", 51)),
                "page_size",
            ),
            (TencentControl::new(TencentOperation::Mute, "a/b", host()).target(bob()), "meeting_id"),
        ];
        for (control, field) in cases {
            let e = control.to_request(&enterprise()).unwrap_err();
            assert_eq!(e.field(), Some(field), "{:?}: {e}", control.operation);
        }
        let oauth = TencentCredentials::oauth("me", "token");
        let e = TencentControl::new(TencentOperation::SetCohost, "1", host())
            .target(bob())
            .to_request(&oauth)
            .unwrap_err();
        assert_eq!(e.field(), Some("credentials"));
        let mine = TencentControl::new(TencentOperation::Mute, "1", TencentUser::open_id("me", Instance::Pc))
            .target(bob());
        assert!(mine.to_request(&oauth).is_ok());
        let other =
            TencentControl::new(TencentOperation::Mute, "1", TencentUser::open_id("you", Instance::Pc))
                .target(bob());
        assert_eq!(other.to_request(&oauth).unwrap_err().field(), Some("operator.id"));
    }

    #[test]
    fn every_operation_has_a_buildable_row() {
        for op in TencentOperation::ALL {
            assert_eq!(TencentOperation::from_code(op.code()), Some(op));
            assert_eq!(TencentOperation::from_name(op.name()), Some(op));
            let spec = op.spec();
            // The meeting goes in the path, or in the body where the path has no place for it.
            let in_body = spec.body.unwrap_or(&[]).contains(&Field::Slot(Slot::MeetingId));
            assert!(spec.path.starts_with('/'), "{op:?}");
            assert!(spec.path.contains("{meeting_id}") != in_body, "{op:?}");
        }
    }
}
