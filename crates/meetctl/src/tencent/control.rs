//! What the real-control endpoints share: the meeting path and the operator/target body.

use super::ids::TencentUser;
use crate::encoding::path_segment;
use crate::error::Error;

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

/// The body of a real-control call, written straight to bytes (it is on every call's hot path):
/// `{operator_id, operator_id_type | uuid, instanceid, [action], user: {to_operator_id,
/// to_operator_id_type | uuid, instanceid}}`, in the field order of the vendor's examples.
pub(crate) fn control_body(operator: &TencentUser, user: &TencentUser, action: Option<bool>) -> Vec<u8> {
    let mut out = Vec::with_capacity(192);
    out.push(b'{');
    write_id(&mut out, operator, "operator_id", "operator_id_type");
    write_number_field(&mut out, "instanceid", operator.instance.code());
    if let Some(action) = action {
        out.extend_from_slice(if action { b",\"action\":true" } else { b",\"action\":false" });
    }
    out.extend_from_slice(b",\"user\":{");
    write_id(&mut out, user, "to_operator_id", "to_operator_id_type");
    write_number_field(&mut out, "instanceid", user.instance.code());
    out.extend_from_slice(b"}}");
    out
}

/// `"<id_key>":"..","<type_key>":N` for typed ids, `"uuid":".."` for a uuid; no leading comma.
fn write_id(out: &mut Vec<u8>, who: &TencentUser, id_key: &str, type_key: &str) {
    match who.id.kind().type_code() {
        Some(type_code) => {
            write_key(out, id_key);
            write_string(out, who.id.value());
            write_number_field(out, type_key, type_code);
        }
        None => {
            write_key(out, "uuid");
            write_string(out, who.id.value());
        }
    }
}

fn write_key(out: &mut Vec<u8>, key: &str) {
    out.push(b'"');
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\":");
}

fn write_number_field(out: &mut Vec<u8>, key: &str, value: u8) {
    out.push(b',');
    write_key(out, key);
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// A JSON string: copied as is when nothing needs escaping, else escaped by serde_json.
fn write_string(out: &mut Vec<u8>, value: &str) {
    if value.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(value.as_bytes());
        out.push(b'"');
    } else {
        // Serialising a &str into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tencent::Instance;

    #[test]
    fn bodies_match_serde_json_for_every_shape() {
        let shapes = [
            (
                TencentUser::ms_open_id("afagsagwags", Instance::Ios),
                TencentUser::uuid("u\"x\\y\n会", Instance::Mac),
            ),
            (TencentUser::uuid("host", Instance::Pc), TencentUser::ms_open_id("m", Instance::Web)),
            (TencentUser::openid("o", Instance::Linux), TencentUser::userid("u", Instance::RoomsTouchMac)),
        ];
        for (operator, user) in &shapes {
            for action in [None, Some(true), Some(false)] {
                let ours: serde_json::Value =
                    serde_json::from_slice(&control_body(operator, user, action)).unwrap();
                let expected = expected_value(operator, user, action);
                assert_eq!(ours, expected);
            }
        }
    }

    fn expected_value(operator: &TencentUser, user: &TencentUser, action: Option<bool>) -> serde_json::Value {
        let mut body = serde_json::Map::new();
        match operator.id.kind().type_code() {
            Some(t) => {
                body.insert("operator_id".into(), operator.id.value().into());
                body.insert("operator_id_type".into(), t.into());
            }
            None => {
                body.insert("uuid".into(), operator.id.value().into());
            }
        }
        body.insert("instanceid".into(), operator.instance.code().into());
        if let Some(a) = action {
            body.insert("action".into(), a.into());
        }
        let mut target = serde_json::Map::new();
        match user.id.kind().type_code() {
            Some(t) => {
                target.insert("to_operator_id".into(), user.id.value().into());
                target.insert("to_operator_id_type".into(), t.into());
            }
            None => {
                target.insert("uuid".into(), user.id.value().into());
            }
        }
        target.insert("instanceid".into(), user.instance.code().into());
        body.insert("user".into(), target.into());
        body.into()
    }
}
