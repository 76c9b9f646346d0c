//! What the real-control endpoints share: the meeting path and the operator/target body.

use serde::Serialize;

use super::ids::{IdKind, TencentUser};
use crate::encoding::path_segment;
use crate::error::Error;
use crate::http::{HttpRequest, Method};

/// `/v1/real-control/meetings/{meeting_id}/{action}` with the meeting id validated and encoded.
pub(crate) fn meeting_path(meeting_id: &str, action: &str) -> Result<String, Error> {
    const PREFIX: &str = "/v1/real-control/meetings/";
    let id = path_segment("meeting_id", meeting_id)?;
    let mut path = String::with_capacity(PREFIX.len() + id.len() + 1 + action.len());
    path.push_str(PREFIX);
    path.push_str(&id);
    path.push('/');
    path.push_str(action);
    Ok(path)
}

/// The body of a real-control call: operator, operator device, an optional action flag, target.
#[derive(Serialize)]
pub(crate) struct ControlBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    operator_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    operator_id_type: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uuid: Option<&'a str>,
    instanceid: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<bool>,
    user: UserObj<'a>,
}

#[derive(Serialize)]
struct UserObj<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    to_operator_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to_operator_id_type: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uuid: Option<&'a str>,
    instanceid: u8,
}

impl<'a> ControlBody<'a> {
    /// The body naming `operator` and `user`; ids go in `*_id`/`*_id_type`, or `uuid`.
    pub(crate) fn new(operator: &'a TencentUser, user: &'a TencentUser, action: Option<bool>) -> Self {
        let (operator_id, operator_id_type, uuid) = id_fields(operator);
        let (to_operator_id, to_operator_id_type, to_uuid) = id_fields(user);
        ControlBody {
            operator_id,
            operator_id_type,
            uuid,
            instanceid: operator.instance.code(),
            action,
            user: UserObj {
                to_operator_id,
                to_operator_id_type,
                uuid: to_uuid,
                instanceid: user.instance.code(),
            },
        }
    }
}

fn id_fields(who: &TencentUser) -> (Option<&str>, Option<u8>, Option<&str>) {
    match who.id.kind() {
        IdKind::Uuid => (None, None, Some(who.id.value())),
        kind => (Some(who.id.value()), kind.type_code(), None),
    }
}

/// A JSON request whose body is serialised exactly once: these bytes are signed and sent.
pub(crate) fn json_request(
    method: Method,
    path: String,
    body: &impl Serialize,
) -> Result<HttpRequest, Error> {
    let mut request = HttpRequest::new(method, path);
    request.body =
        serde_json::to_vec(body).map_err(|_| Error::invalid("body", "cannot be serialised as JSON"))?;
    Ok(request)
}
