//! Tencent Meeting users on the command line: `KIND:ID@DEVICE`, e.g. `ms_open_id:afagsagwags@ios`,
//! `userid:alice@pc`, `uuid:uuid-bob@2`.
//!
//! KIND is one of the core's id kinds (`userid`, `open_id`, `ms_open_id`, `uuid`; `openid`, the
//! vendor's spelling, and `user_id` are accepted too); DEVICE is a device name of [`Instance`]
//! (`pc`, `mac`, `ios`, `rooms_touch_windows`, also with `-`) or its number (the vendor's
//! `instanceid`). The id may itself hold `:` or `@`: the kind ends at the first `:`, the device
//! starts after the last `@`.

use meetctl::tencent::{IdKind, Instance, TencentUser, TencentUserId};

/// Every id kind, in the order the vendor numbers them.
const KINDS: [IdKind; 4] = [IdKind::UserId, IdKind::OpenId, IdKind::MsOpenId, IdKind::Uuid];

/// The id kind named `name` (the core's names, plus `openid` and `user_id`).
fn kind_named(name: &str) -> Option<IdKind> {
    let name = name.to_ascii_lowercase().replace('-', "_");
    let name = match name.as_str() {
        "openid" => "open_id",
        "user_id" => "userid",
        "msopenid" => "ms_open_id",
        other => other,
    };
    KINDS.into_iter().find(|k| k.name() == name)
}

/// The device named `text`: an [`Instance`] name (`_` or `-`) or its `instanceid` number.
pub(crate) fn device_named(text: &str) -> Option<Instance> {
    let name = text.to_ascii_lowercase().replace('-', "_");
    if let Ok(code) = name.parse::<i64>() {
        return Instance::from_code(code, "device").ok();
    }
    Instance::ALL.into_iter().find(|i| i.name() == name)
}

/// The device names, for help texts and errors.
pub(crate) fn device_names() -> String {
    let names: Vec<&str> = Instance::ALL.iter().map(|i| i.name()).collect();
    names.join(", ")
}

/// How a user option is written, for help texts: `KIND:ID@DEVICE` with the accepted kinds.
pub(crate) fn form(accepts: &[IdKind], device_sent: bool) -> String {
    let kinds: Vec<&str> = accepts.iter().map(|k| k.name()).collect();
    let device = if device_sent { "@DEVICE" } else { "[@DEVICE]" };
    format!("KIND:ID{device}, KIND one of {}", kinds.join(", "))
}

/// Parses `KIND:ID@DEVICE`. When the operation sends no device (`device_sent` false), `@DEVICE`
/// may be left out; the device then defaults to `pc` and is not sent.
pub(crate) fn parse_user(text: &str, device_sent: bool) -> Result<TencentUser, String> {
    let kinds: Vec<&str> = KINDS.iter().map(|k| k.name()).collect();
    let Some((kind, rest)) = text.split_once(':') else {
        return Err(format!(
            "expected KIND:ID@DEVICE (KIND one of {}), e.g. ms_open_id:afagsagwags@ios",
            kinds.join(", ")
        ));
    };
    let kind = kind_named(kind)
        .ok_or_else(|| format!("`{kind}` is not an id kind; use one of {}", kinds.join(", ")))?;
    let (id, instance) = match rest.rsplit_once('@') {
        Some((id, device)) => {
            let instance = device_named(device).ok_or_else(|| {
                format!(
                    "`{device}` is not a Tencent device: use one of {} or its number \
                     (1-10, 20-22, 30, 32, 33); an id holding `@` still ends with @DEVICE",
                    device_names()
                )
            })?;
            (id, instance)
        }
        None if device_sent => {
            return Err(format!(
                "the device is missing: write {}:{rest}@DEVICE, DEVICE one of {}",
                kind.name(),
                device_names()
            ));
        }
        None => (rest, Instance::Pc),
    };
    if id.is_empty() {
        return Err("the id is empty".into());
    }
    let id = id.to_owned();
    let id = match kind {
        IdKind::UserId => TencentUserId::UserId(id),
        IdKind::OpenId => TencentUserId::OpenId(id),
        IdKind::MsOpenId => TencentUserId::MsOpenId(id),
        IdKind::Uuid => TencentUserId::Uuid(id),
    };
    Ok(TencentUser::new(id, instance))
}

/// `KIND:ID@DEVICE` for a user, as [`parse_user`] reads it back.
pub(crate) fn display_user(user: &TencentUser) -> String {
    format!("{}:{}@{}", user.id.kind().name(), user.id.value(), user.instance.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_of_the_issue_parse() {
        assert_eq!(
            parse_user("ms_open_id:afagsagwags@ios", true).unwrap(),
            TencentUser::ms_open_id("afagsagwags", Instance::Ios)
        );
        assert_eq!(parse_user("userid:alice@pc", true).unwrap(), TencentUser::userid("alice", Instance::Pc));
        assert_eq!(parse_user("open_id:o1@2", true).unwrap(), TencentUser::open_id("o1", Instance::Mac));
        assert_eq!(parse_user("openid:o1@2", true).unwrap(), TencentUser::open_id("o1", Instance::Mac));
        assert_eq!(display_user(&TencentUser::open_id("o1", Instance::Mac)), "open_id:o1@mac");
        assert_eq!(
            parse_user("uuid:a@b:c@rooms-touch-windows", true).unwrap(),
            TencentUser::uuid("a@b:c", Instance::RoomsTouchWindows)
        );
        assert_eq!(parse_user("userid:alice", false).unwrap(), TencentUser::userid("alice", Instance::Pc));
        let user = TencentUser::ms_open_id("m", Instance::AndroidPad);
        assert_eq!(parse_user(&display_user(&user), true).unwrap(), user);
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(parse_user("alice@pc", true).unwrap_err().contains("KIND:ID@DEVICE"));
        assert!(parse_user("email:alice@pc", true).unwrap_err().contains("not an id kind"));
        assert!(parse_user("userid:alice", true).unwrap_err().contains("device is missing"));
        assert!(parse_user("userid:alice@fridge", true).unwrap_err().contains("not a Tencent device"));
        assert!(parse_user("userid:alice@11", true).unwrap_err().contains("not a Tencent device"));
        assert!(parse_user("userid:@pc", true).unwrap_err().contains("empty"));
    }
}
