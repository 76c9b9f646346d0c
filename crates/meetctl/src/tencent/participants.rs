//! The participants now in a Tencent meeting, as `GET …/real-time-participants` reports them.

use base64::Engine as _;
use serde_json::Value;

use super::ids::{Instance, TencentUser};
use crate::error::{Error, ErrorKind};

/// A participant's role, from the vendor's `user_role` number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TencentRole {
    /// 0: an ordinary member.
    Member,
    /// 1: the meeting's creator.
    Creator,
    /// 2: the host.
    Host,
    /// 3: creator and host.
    CreatorHost,
    /// 4: a guest.
    Guest,
    /// 5: guest and host.
    GuestHost,
    /// 6: a co-host.
    Cohost,
    /// 7: creator and co-host.
    CreatorCohost,
}

impl TencentRole {
    /// The role with this `user_role` number.
    pub fn from_code(code: i64) -> Option<TencentRole> {
        Some(match code {
            0 => TencentRole::Member,
            1 => TencentRole::Creator,
            2 => TencentRole::Host,
            3 => TencentRole::CreatorHost,
            4 => TencentRole::Guest,
            5 => TencentRole::GuestHost,
            6 => TencentRole::Cohost,
            7 => TencentRole::CreatorCohost,
            _ => return None,
        })
    }

    /// The `user_role` number.
    pub fn code(self) -> i64 {
        self as i64
    }

    /// A short lowercase name (`"creator_host"`).
    pub fn name(self) -> &'static str {
        match self {
            TencentRole::Member => "member",
            TencentRole::Creator => "creator",
            TencentRole::Host => "host",
            TencentRole::CreatorHost => "creator_host",
            TencentRole::Guest => "guest",
            TencentRole::GuestHost => "guest_host",
            TencentRole::Cohost => "cohost",
            TencentRole::CreatorCohost => "creator_cohost",
        }
    }

    /// Whether this role holds the host role.
    pub fn is_host(self) -> bool {
        matches!(self, TencentRole::Host | TencentRole::CreatorHost | TencentRole::GuestHost)
    }

    /// Whether this role is a co-host.
    pub fn is_cohost(self) -> bool {
        matches!(self, TencentRole::Cohost | TencentRole::CreatorCohost)
    }
}

/// One participant in the meeting now. Every field is what the vendor reported, `None` where it
/// reported nothing (never guessed); `raw` is the entry as received.
#[derive(Debug, Clone, PartialEq)]
pub struct TencentParticipant {
    /// The meeting-scoped open id: what the control operations take.
    pub ms_open_id: Option<String>,
    /// The enterprise user id (same enterprise only).
    pub userid: Option<String>,
    /// The OAuth 2.0 open id.
    pub open_id: Option<String>,
    /// The display name, decoded from the vendor's base64.
    pub user_name: Option<String>,
    /// The device (`instanceid`), when it is one of the table's devices.
    pub instance: Option<Instance>,
    /// The raw `instanceid` (0 is PSTN or an MRA device).
    pub instanceid: Option<i64>,
    /// The role.
    pub role: Option<TencentRole>,
    /// Whether the microphone is muted (the vendor's `audio_state` false).
    pub audio_muted: Option<bool>,
    /// Whether the camera is on (`video_state`).
    pub video_on: Option<bool>,
    /// Whether the participant is sharing their screen (`screen_shared_state`).
    pub sharing_screen: Option<bool>,
    /// The vendor's entry, as received.
    pub raw: Value,
}

impl TencentParticipant {
    /// Reads one entry of the vendor's `participants` list.
    pub fn from_json(raw: Value) -> TencentParticipant {
        let text =
            |key: &str| raw.get(key).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_owned);
        let flag = |key: &str| raw.get(key).and_then(Value::as_bool);
        let instanceid = raw.get("instanceid").and_then(Value::as_i64);
        TencentParticipant {
            ms_open_id: text("ms_open_id"),
            userid: text("userid"),
            open_id: text("open_id"),
            user_name: text("user_name").map(|name| decode_name(&name)),
            instance: instanceid.and_then(|code| Instance::from_code(code, "instance").ok()),
            instanceid,
            role: raw.get("user_role").and_then(Value::as_i64).and_then(TencentRole::from_code),
            audio_muted: flag("audio_state").map(|on| !on),
            video_on: flag("video_state"),
            sharing_screen: flag("screen_shared_state"),
            raw,
        }
    }

    /// This participant as a control target (ms_open_id on their device), when the vendor gave both.
    pub fn as_user(&self) -> Option<TencentUser> {
        Some(TencentUser::ms_open_id(self.ms_open_id.clone()?, self.instance?))
    }
}

/// The vendor sends names base64-encoded; a name that is not is kept as sent.
pub(crate) fn decode_name(name: &str) -> String {
    base64::engine::general_purpose::STANDARD
        .decode(name)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_else(|| name.to_owned())
}

/// One page of the listing: its participants and whether more pages follow.
pub(crate) struct Page {
    pub(crate) participants: Vec<TencentParticipant>,
    pub(crate) more: bool,
}

/// Reads one page of `real-time-participants`.
pub(crate) fn parse_page(answer: Value, page: i64) -> Result<Page, Error> {
    let Value::Object(mut body) = answer else {
        return Err(Error::new(ErrorKind::MalformedResponse, "the participant list is not a JSON object"));
    };
    let total_page = body.get("total_page").and_then(Value::as_i64).unwrap_or(page);
    let list = match body.remove("participants") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => list,
        Some(_) => {
            return Err(Error::new(ErrorKind::MalformedResponse, "`participants` is not a list"));
        }
    };
    let more = !list.is_empty() && page < total_page;
    Ok(Page { participants: list.into_iter().map(TencentParticipant::from_json).collect(), more })
}

/// Reads the `ms-open-id` answer.
pub(crate) fn parse_ms_open_id(answer: &Value) -> Result<String, Error> {
    answer
        .get("ms_open_id")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| Error::new(ErrorKind::MalformedResponse, "the answer has no ms_open_id"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn entries_are_read_leniently() {
        let p = TencentParticipant::from_json(json!({
            "ms_open_id": "m1", "userid": "bob", "user_name": "5Lya6K6u", "instanceid": 2,
            "user_role": 6, "audio_state": false, "video_state": true, "screen_shared_state": false
        }));
        assert_eq!(p.user_name.as_deref(), Some("会议"));
        assert_eq!(p.instance, Some(Instance::Mac));
        assert_eq!(p.role, Some(TencentRole::Cohost));
        assert_eq!((p.audio_muted, p.video_on, p.sharing_screen), (Some(true), Some(true), Some(false)));
        assert_eq!(p.as_user(), Some(TencentUser::ms_open_id("m1", Instance::Mac)));

        let pstn = TencentParticipant::from_json(
            json!({"instanceid": 0, "user_name": "not base64!", "user_role": 99}),
        );
        assert_eq!((pstn.instance, pstn.instanceid, pstn.role), (None, Some(0), None));
        assert_eq!(pstn.user_name.as_deref(), Some("not base64!"));
        assert_eq!((pstn.audio_muted, pstn.as_user()), (None, None));
    }

    #[test]
    fn pages() {
        let page = parse_page(json!({"total_page": 2, "participants": [{"ms_open_id": "a"}]}), 1).unwrap();
        assert!(page.more);
        let last = parse_page(json!({"total_page": 2, "participants": [{"ms_open_id": "b"}]}), 2).unwrap();
        assert!(!last.more);
        let empty = parse_page(json!({"total_page": 9}), 3).unwrap();
        assert!(!empty.more && empty.participants.is_empty());
        assert_eq!(parse_page(json!([]), 1).err().map(|e| e.kind()), Some(ErrorKind::MalformedResponse));
        assert_eq!(parse_ms_open_id(&json!({"ms_open_id": "x"})).unwrap(), "x");
        assert!(parse_ms_open_id(&json!({})).is_err());
    }
}
