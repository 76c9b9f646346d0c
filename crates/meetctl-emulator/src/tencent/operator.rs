//! The operator and target ("user") objects of the real-control APIs: parsing and lookup.

use serde_json::{Map, Value};

use super::{Identity, TencentError, codes};
use crate::scenario::{TENCENT_INSTANCE_IDS, TencentMeeting, TencentParticipant, TencentRole};

/// Which of a participant's ids a request names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdKind {
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
    fn matches_id(&self, p: &TencentParticipant) -> bool {
        let id = match self.kind {
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
    MsOpenId,
    /// openid (2, OAuth callers only, must equal `OpenId`) or ms_open_id (4).
    OpenIdOrMsOpenId,
}

fn non_empty_string<'a>(obj: &'a Map<String, Value>, field: &str) -> Result<Option<&'a str>, TencentError> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(TencentError::param(format!("{field} must be a string"))),
    }
}

fn integer(obj: &Map<String, Value>, field: &str, shown: &str) -> Result<i64, TencentError> {
    match obj.get(field) {
        None | Some(Value::Null) => Err(TencentError::param(format!("{shown} is required"))),
        Some(v) => v.as_i64().ok_or_else(|| TencentError::param(format!("{shown} must be an integer"))),
    }
}

/// A required boolean field.
pub(crate) fn boolean(obj: &Map<String, Value>, field: &str) -> Result<bool, TencentError> {
    match obj.get(field) {
        None | Some(Value::Null) => Err(TencentError::param(format!("{field} is required"))),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(TencentError::param(format!("{field} must be a boolean"))),
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
    let (kind, id) = if let Some(id) = non_empty_string(body, "operator_id")? {
        let t = integer(body, "operator_id_type", "operator_id_type")?;
        let kind = match (t, types) {
            (4, _) => IdKind::MsOpenId,
            (2, OperatorTypes::OpenIdOrMsOpenId) => match identity {
                Identity::OAuth { open_id, .. } if open_id == id => IdKind::OpenId,
                Identity::OAuth { .. } => {
                    return Err(TencentError::param(
                        "operator_id must equal the OpenId header when operator_id_type is 2",
                    ));
                }
                Identity::AkSk { .. } => {
                    return Err(TencentError::param(
                        "operator_id_type 2 (openid) needs OAuth 2.0 authentication",
                    ));
                }
            },
            _ => {
                return Err(TencentError::param(format!(
                    "operator_id_type {t} is not supported by this API"
                )));
            }
        };
        (kind, id)
    } else if let Some(uuid) = non_empty_string(body, "uuid")? {
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
    let (kind, id) = if let Some(id) = non_empty_string(user, "to_operator_id")? {
        let t = integer(user, "to_operator_id_type", "user.to_operator_id_type")?;
        if t != 4 {
            return Err(TencentError::param(format!(
                "user.to_operator_id_type {t} is not supported by this API"
            )));
        }
        (IdKind::MsOpenId, id)
    } else if let Some(uuid) = non_empty_string(user, "uuid")? {
        (IdKind::Uuid, uuid)
    } else {
        return Err(TencentError::param("user.to_operator_id or user.uuid is required"));
    };
    let instanceid = integer(user, "instanceid", "user.instanceid")?;
    check_instanceid(instanceid, kind, "user.instanceid")?;
    Ok(Who { kind, id: id.to_string(), instanceid })
}

/// Checks the operator is in the meeting on that device as creator, host or co-host (else 9042),
/// and finds the target: `Ok(None)` when the user is in the meeting but on another device (the
/// call "does not take effect"); 190004 when the user is not in the meeting.
pub(crate) fn resolve(
    meeting: &TencentMeeting,
    operator: &Who,
    target: &Who,
) -> Result<Option<usize>, TencentError> {
    let allowed = meeting
        .participants
        .iter()
        .find(|p| operator.matches_id(p) && p.instanceid == operator.instanceid)
        .is_some_and(|p| p.role != TencentRole::Attendee);
    if !allowed {
        return Err(TencentError::new(
            codes::NO_PERMISSION,
            "no permission: the operator is not the creator, host or a co-host on that device",
        ));
    }
    let mut in_meeting = false;
    for (i, p) in meeting.participants.iter().enumerate() {
        if target.matches_id(p) {
            in_meeting = true;
            if p.instanceid == target.instanceid {
                return Ok(Some(i));
            }
        }
    }
    if in_meeting { Ok(None) } else { Err(TencentError::param("user not in meeting")) }
}
