//! The calls a Tencent meeting makes to meeting rooms, SIP/H.323 devices and phones
//! (`room-call`, `phone/callout`), as the meeting's state keeps them; the APIs are in `reach.rs`.

use serde_json::{Value, json};

use crate::state::MeetingMember;

/// Whom a meeting called: a meeting room, a SIP or H.323 device, or a phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CallTarget {
    /// A meeting room (Rooms), by `meeting_room_id`.
    Room {
        /// `meeting_room_id`.
        meeting_room_id: String,
        /// Its display name.
        name: Option<String>,
    },
    /// A SIP (`protocol` 1) or H.323 (2) device, by its dial string.
    Address {
        /// 1 SIP, 2 H.323.
        protocol: i64,
        /// `dial_string`.
        dial_string: String,
    },
    /// A phone: country code, number, extension.
    Phone {
        /// `area`.
        area: i64,
        /// `phone`.
        phone: String,
        /// `extension_number`.
        extension: Option<String>,
        /// `nick_name`: the name it joins with.
        nick_name: Option<String>,
    },
}

impl CallTarget {
    /// Whether `other` names the same room, address or number (a phone's nick name aside).
    pub(crate) fn same(&self, other: &CallTarget) -> bool {
        match (self, other) {
            (
                CallTarget::Phone { area, phone, extension, .. },
                CallTarget::Phone { area: a, phone: p, extension: e, .. },
            ) => area == a && phone == p && extension == e,
            _ => self == other,
        }
    }

    pub(crate) fn to_json(&self) -> Value {
        match self {
            CallTarget::Room { meeting_room_id, .. } => {
                json!({"kind": "room", "meeting_room_id": meeting_room_id})
            }
            CallTarget::Address { protocol, dial_string } => json!({
                "kind": if *protocol == 1 { "sip" } else { "h323" },
                "dial_string": dial_string,
            }),
            CallTarget::Phone { area, phone, extension, nick_name } => json!({
                "kind": "phone", "area": area, "phone": phone, "extension_number": extension,
                "nick_name": nick_name,
            }),
        }
    }
}

/// Where a call is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CallState {
    /// Ringing: not answered, not cancelled.
    Ringing,
    /// Answered: the device or phone joined (as member `member`).
    Joined,
    /// Refused by whoever was called.
    Refused,
    /// Cancelled by the meeting before it was answered.
    Cancelled,
}

impl CallState {
    fn as_str(self) -> &'static str {
        match self {
            CallState::Ringing => "ringing",
            CallState::Joined => "joined",
            CallState::Refused => "refused",
            CallState::Cancelled => "cancelled",
        }
    }
}

/// A call the meeting made (`room-call`, `phone/callout`): one per meeting and target; calling
/// a target again while it rings rings it again.
#[derive(Debug, Clone)]
pub(crate) struct ReachCall {
    /// `invite_id` (room and address calls), or `area-phone[-extension]` (phones): what the admin
    /// API answers it by.
    pub(crate) call_id: String,
    /// Whom it calls.
    pub(crate) target: CallTarget,
    /// Where it is.
    pub(crate) state: CallState,
    /// How many times it was rung (a repeated call-out rings again).
    pub(crate) rung: u32,
    /// When it last rang (emulator seconds).
    pub(crate) rang_at: i64,
    /// When it was last answered, refused or cancelled.
    pub(crate) response_time: Option<i64>,
    /// The member it joined as.
    pub(crate) member: Option<usize>,
}

impl ReachCall {
    /// A call not answered within this many seconds is over (`status` 0, no answer).
    pub(crate) const NO_ANSWER_SECS: i64 = 60;

    /// Whether it still rings at `now` (not answered, cancelled, or timed out).
    pub(crate) fn ringing(&self, now: i64) -> bool {
        self.state == CallState::Ringing && now.saturating_sub(self.rang_at) < Self::NO_ANSWER_SECS
    }

    pub(crate) fn to_json(&self, members: &[MeetingMember]) -> Value {
        let member = self.member.and_then(|i| members.get(i));
        json!({
            "call_id": self.call_id,
            "target": self.target.to_json(),
            "state": self.state.as_str(),
            "rung": self.rung,
            "ms_open_id": member.and_then(|m| m.ms_open_id.clone()),
            "in_meeting": member.is_some_and(MeetingMember::in_meeting),
        })
    }
}
