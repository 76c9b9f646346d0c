//! The operator and target ("user" / "users") objects of the control APIs: parsing, and lookup
//! in a live meeting.

use serde_json::{Map, Value};

use super::auth::Identity;
use super::error::{TencentError, codes};
use super::fields::{integer, non_empty_string, object_list};
use crate::scenario::{TENCENT_INSTANCE_IDS, TencentRole};
use crate::state::{Meeting, MeetingMember};

/// Which of a participant's ids a request names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdKind {
    /// `operator_id_type` 1.
    UserId,
    /// `operator_id_type` 2.
    OpenId,
    /// `operator_id_type` 4.
    MsOpenId,
    /// `uuid`.
    Uuid,
}

/// A participant as a request names it: an id and the device it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Who {
    /// The kind of id.
    pub(crate) kind: IdKind,
    /// The id.
    pub(crate) id: String,
    /// The device (`instanceid`).
    pub(crate) instanceid: i64,
}

impl Who {
    /// Whether the member has this id (on any device).
    pub(crate) fn matches_id(&self, p: &MeetingMember) -> bool {
        let id = match self.kind {
            IdKind::UserId => &p.userid,
            IdKind::OpenId => &p.openid,
            IdKind::MsOpenId => &p.ms_open_id,
            IdKind::Uuid => &p.uuid,
        };
        id.as_deref() == Some(self.id.as_str())
    }
}

/// Id types an API accepts for the operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OperatorTypes {
    /// ms_open_id (4) only.
    MsOpenIdOnly,
    /// openid (2, OAuth callers only, must equal `OpenId`) or ms_open_id (4).
    OpenIdOrMsOpenId,
    /// userid (1) or ms_open_id (4): `status` and `dismiss`.
    UserIdOrMsOpenId,
}

/// Who may act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rights {
    /// The creator, the host or a co-host.
    Manager,
    /// The creator only.
    Creator,
}

/// Where a target must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// In the meeting.
    InMeeting,
    /// In the meeting or in its waiting room.
    MeetingOrWaitingRoom,
}

/// The kind of id an `operator_id_type` 2 names: the OAuth caller's own open id.
pub(crate) fn openid_operator(identity: &Identity, id: &str) -> Result<IdKind, TencentError> {
    match identity {
        Identity::OAuth { open_id, .. } if open_id == id => Ok(IdKind::OpenId),
        Identity::OAuth { .. } => {
            Err(TencentError::param("operator_id must equal the OpenId header when operator_id_type is 2"))
        }
        Identity::AkSk { .. } => {
            Err(TencentError::param("operator_id_type 2 (openid) needs OAuth 2.0 authentication"))
        }
    }
}

/// Checks a device type: one of the documented ones, and 1–8 when the id is an ms_open_id.
pub(crate) fn check_instanceid(instanceid: i64, kind: IdKind, shown: &str) -> Result<(), TencentError> {
    if !TENCENT_INSTANCE_IDS.contains(&instanceid) {
        return Err(TencentError::param(format!("{shown} {instanceid} is not a valid device type")));
    }
    if kind == IdKind::MsOpenId && !(1..=8).contains(&instanceid) {
        return Err(TencentError::param(format!(
            "{shown} {instanceid} is not supported with ms_open_id (only 1-8)"
        )));
    }
    Ok(())
}

/// Parses the operator: `operator_id` + `operator_id_type`, or `uuid`, and `instanceid`.
pub(crate) fn parse_operator(
    body: &Map<String, Value>,
    types: OperatorTypes,
    identity: &Identity,
) -> Result<Who, TencentError> {
    let (kind, id) = if let Some(id) = non_empty_string(body, "operator_id", "operator_id")? {
        let t = integer(body, "operator_id_type", "operator_id_type")?;
        let kind = match (t, types) {
            (4, _) => IdKind::MsOpenId,
            (1, OperatorTypes::UserIdOrMsOpenId) => IdKind::UserId,
            (2, OperatorTypes::OpenIdOrMsOpenId) => openid_operator(identity, id)?,
            _ => {
                return Err(TencentError::param(format!(
                    "operator_id_type {t} is not supported by this API"
                )));
            }
        };
        (kind, id)
    } else if let Some(uuid) = non_empty_string(body, "uuid", "uuid")? {
        (IdKind::Uuid, uuid)
    } else {
        return Err(TencentError::param("operator_id or uuid is required"));
    };
    let instanceid = integer(body, "instanceid", "instanceid")?;
    check_instanceid(instanceid, kind, "instanceid")?;
    Ok(Who { kind, id: id.to_string(), instanceid })
}

/// Parses the `user` object: `to_operator_id` + `to_operator_id_type` (4), or `uuid`, and
/// `instanceid`.
pub(crate) fn parse_target(body: &Map<String, Value>) -> Result<Who, TencentError> {
    let user = match body.get("user") {
        None | Some(Value::Null) => return Err(TencentError::param("user is required")),
        Some(Value::Object(user)) => user,
        Some(_) => return Err(TencentError::param("user must be an object")),
    };
    parse_user(user, "user", false)
}

/// Parses the `users` list (non-empty) of kick-out and the waiting room, each entry like `user`
/// or by open id (`to_operator_id_type` 2).
pub(crate) fn parse_targets(body: &Map<String, Value>) -> Result<Vec<Who>, TencentError> {
    object_list(body, "users")?
        .into_iter()
        .enumerate()
        .map(|(i, u)| parse_user(u, &format!("users[{i}]"), true))
        .collect()
}

/// Parses one target object; `shown` names it in errors (`user`, `users[2]`); `open_id` accepts
/// `to_operator_id_type` 2.
fn parse_user(user: &Map<String, Value>, shown: &str, open_id: bool) -> Result<Who, TencentError> {
    let (kind, id) =
        if let Some(id) = non_empty_string(user, "to_operator_id", &format!("{shown}.to_operator_id"))? {
            let t = integer(user, "to_operator_id_type", &format!("{shown}.to_operator_id_type"))?;
            match t {
                4 => (IdKind::MsOpenId, id),
                // The `users` lists of kick-out and the waiting room (what Tencent's own
                // command-line tool sends there): the member's open id.
                2 if open_id => (IdKind::OpenId, id),
                _ => {
                    return Err(TencentError::param(format!(
                        "{shown}.to_operator_id_type {t} is not supported by this API"
                    )));
                }
            }
        } else if let Some(uuid) = non_empty_string(user, "uuid", &format!("{shown}.uuid"))? {
            (IdKind::Uuid, uuid)
        } else {
            return Err(TencentError::param(format!("{shown}.to_operator_id or {shown}.uuid is required")));
        };
    let shown_instance = format!("{shown}.instanceid");
    let instanceid = integer(user, "instanceid", &shown_instance)?;
    check_instanceid(instanceid, kind, &shown_instance)?;
    Ok(Who { kind, id: id.to_string(), instanceid })
}

/// The operator's index: the member with that id on that device, in the meeting, with `rights`
/// (else 9042).
pub(crate) fn check_operator(
    meeting: &Meeting,
    operator: &Who,
    rights: Rights,
) -> Result<usize, TencentError> {
    let found = meeting
        .members
        .iter()
        .position(|p| operator.matches_id(p) && p.instanceid == operator.instanceid && p.in_meeting());
    let role = found.and_then(|i| meeting.members.get(i)).map(|p| p.role);
    let allowed = match (rights, role) {
        (_, None | Some(TencentRole::Attendee)) => false,
        (Rights::Manager, Some(_)) => true,
        (Rights::Creator, Some(role)) => role == TencentRole::Creator,
    };
    match found {
        Some(i) if allowed => Ok(i),
        _ if rights == Rights::Creator => Err(TencentError::new(
            codes::NO_PERMISSION,
            "no permission: only the meeting creator (on that device) may do this",
        )),
        _ => Err(TencentError::new(
            codes::NO_PERMISSION,
            "no permission: the operator is not the creator, host or a co-host on that device",
        )),
    }
}

/// Finds a target: `Ok(None)` when the user is there but on another device (the call "does not
/// take effect"); 190004 `user not in meeting` when no member with that id is within `scope`
/// (removed members never are).
pub(crate) fn find_target(
    meeting: &Meeting,
    target: &Who,
    scope: Scope,
) -> Result<Option<usize>, TencentError> {
    let mut found = false;
    for (i, p) in meeting.members.iter().enumerate() {
        let within = match scope {
            Scope::InMeeting => p.in_meeting(),
            Scope::MeetingOrWaitingRoom => !p.presence.is_removed(),
        };
        if within && target.matches_id(p) {
            found = true;
            if p.instanceid == target.instanceid {
                return Ok(Some(i));
            }
        }
    }
    if found { Ok(None) } else { Err(TencentError::param("user not in meeting")) }
}

/// Every target of a `users` list, checked before anything changes (see [`find_target`]).
pub(crate) fn find_targets(
    meeting: &Meeting,
    targets: &[Who],
    scope: Scope,
) -> Result<Vec<usize>, TencentError> {
    let mut found = Vec::with_capacity(targets.len());
    for target in targets {
        if let Some(i) = find_target(meeting, target, scope)? {
            found.push(i);
        }
    }
    Ok(found)
}

/// The seed check: the operator is a manager on that device, and the target (in the meeting) is
/// found with [`find_target`].
pub(crate) fn resolve(
    meeting: &Meeting,
    operator: &Who,
    target: &Who,
) -> Result<Option<usize>, TencentError> {
    check_operator(meeting, operator, Rights::Manager)?;
    find_target(meeting, target, Scope::InMeeting)
}
