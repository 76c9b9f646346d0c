//! The named methods of the two call-in operations that answer something: `room_call` (the
//! call's `invite_id`) and `room_call_info` (how the room answered). The others of the family
//! (`cancel_room_call`, `phone_callout`, `cancel_phone_callout`, `release_rooms`) answer nothing
//! and are generated (`named.rs`).

use serde_json::Value;

use super::{TencentClient, TencentControl, TencentOperation, TencentUser};
use crate::{Args, Error, ErrorKind};

crate::record! {
    /// How a meeting room or SIP/H.323 device answered the meeting's call (`POST /v1/meeting-rooms/room-call-info`).
    pub struct TencentRoomCallInfo {
        /// The vendor's `status`: 0 no answer within 60 seconds, 1 not called, 2 in the meeting, 3 refused, 4 ringing, 5 cancelled (meeting rooms only), 6 left.
        pub status: i64,
        /// The vendor's word for `status`: `no_answer`, `not_called`, `in_meeting`, `refused`, `ringing`, `cancelled`, `left`, or `unknown`.
        pub status_name: String,
        /// The last answer's time as the vendor writes it (`2022/11/22 14:35:26`); empty when there is none yet.
        pub response_time: String,
    }
}

/// The vendor's word for a room call's `status`.
fn status_name(status: i64) -> &'static str {
    match status {
        0 => "no_answer",
        1 => "not_called",
        2 => "in_meeting",
        3 => "refused",
        4 => "ringing",
        5 => "cancelled",
        6 => "left",
        _ => "unknown",
    }
}

impl TencentClient {
    /// Call a meeting room (Rooms) or a SIP/H.323 device into meeting `meeting_id` (`PUT
    /// /v1/meeting-rooms/room-call`); returns the call's `invite_id`, which `cancel_room_call`
    /// takes. `args` gives exactly one of `meeting_room_id`, `sip_address` or `h323_address`.
    /// Operator by userid; enterprise credentials only. Not repeated on a doubtful failure (a
    /// gateway timeout): each call rings the room.
    pub fn room_call(&self, meeting_id: &str, operator: &TencentUser, args: Args) -> Result<String, Error> {
        let control =
            TencentControl::new(TencentOperation::RoomCall, meeting_id, operator.clone()).args(args);
        let (answer, attempts) = self.call_with_attempts(&control)?;
        parse_invite_id(&answer).map_err(|e| e.with_attempts(attempts))
    }

    /// How the room or device named in `args` (as given to [`room_call`](Self::room_call))
    /// answered the meeting's call (`POST /v1/meeting-rooms/room-call-info`). The operator's
    /// device is sent as `instance_id`.
    pub fn room_call_info(
        &self,
        meeting_id: &str,
        operator: &TencentUser,
        args: Args,
    ) -> Result<TencentRoomCallInfo, Error> {
        let control =
            TencentControl::new(TencentOperation::RoomCallInfo, meeting_id, operator.clone()).args(args);
        let (answer, attempts) = self.call_with_attempts(&control)?;
        parse_room_call_info(&answer).map_err(|e| e.with_attempts(attempts))
    }
}

/// `{"invite_id": ".."}` → the id.
pub(crate) fn parse_invite_id(answer: &Value) -> Result<String, Error> {
    answer
        .get("invite_id")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| Error::new(ErrorKind::MalformedResponse, "the answer has no invite_id"))
}

/// `{"status": N, "response_time": ".."}` → the record; `status` is required, the time may be
/// missing or empty.
pub(crate) fn parse_room_call_info(answer: &Value) -> Result<TencentRoomCallInfo, Error> {
    let status = answer
        .get("status")
        .and_then(Value::as_i64)
        .ok_or_else(|| Error::new(ErrorKind::MalformedResponse, "the answer has no integer status"))?;
    let response_time = answer.get("response_time").and_then(Value::as_str).unwrap_or_default().to_owned();
    Ok(TencentRoomCallInfo { status, status_name: status_name(status).to_owned(), response_time })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_are_read_or_refused() {
        assert_eq!(parse_invite_id(&json!({"invite_id": "i-1"})).unwrap(), "i-1");
        assert_eq!(
            parse_invite_id(&json!({"invite_id": ""})).unwrap_err().kind(),
            ErrorKind::MalformedResponse
        );
        let info = parse_room_call_info(&json!({"status": 4, "response_time": ""})).unwrap();
        assert_eq!((info.status, info.status_name.as_str(), info.response_time.as_str()), (4, "ringing", ""));
        assert_eq!(parse_room_call_info(&json!({"status": 2})).unwrap().status_name, "in_meeting");
        assert!(parse_room_call_info(&json!({"status": "2"})).is_err());
    }
}
