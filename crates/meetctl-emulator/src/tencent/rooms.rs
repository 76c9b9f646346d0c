//! `GET /v1/meeting-rooms/{operator_id}/meetings?operator_id_type=3|5&instanceid=N&page=&page_size=`:
//! the meetings booked on a Rooms device (`rooms_id`, type 3) or a meeting room
//! (`meeting_room_id`, type 5).

use serde_json::{Value, json};

use super::auth::Identity;
use super::call::{Call, visible};
use super::error::TencentError;
use super::query::{instanceid, int_in, optional_int, page_of, required_int};
use crate::state::Meeting;

/// The longest `page_size`, and its default.
const MAX_PAGE_SIZE: i64 = 20;

/// The widest `start_time`..`end_time` window: 90 days.
const MAX_WINDOW_SECS: i64 = 90 * 86_400;

/// `{"total_count","total_page","current_page","current_size","meeting_info_list":[{"meeting_id",
/// "meeting_code","subject","status","start_time","end_time","meeting_type"}]}` (times as
/// integers, as the vendor's model has them), oldest start first: the meetings of the caller
/// booked there that are in progress or to come, or that overlap `start_time`..`end_time` when
/// given. OAuth callers are refused (190004); an unknown device or room is 190004.
pub(crate) fn meetings(call: &Call<'_>) -> Result<Value, TencentError> {
    if matches!(call.identity, Identity::OAuth { .. }) {
        return Err(TencentError::param("OAuth 2.0 is not supported by this API"));
    }
    let query = call.query;
    let kind = required_int(query, "operator_id_type")?;
    if kind != 3 && kind != 5 {
        return Err(TencentError::param(format!(
            "operator_id_type {kind} is not supported by this API (3 rooms_id, 5 meeting_room_id)"
        )));
    }
    instanceid(query)?;
    let window = match (optional_int(query, "start_time")?, optional_int(query, "end_time")?) {
        (None, None) => None,
        (Some(start), Some(end)) if end < start || end.saturating_sub(start) > MAX_WINDOW_SECS => {
            return Err(TencentError::param("start_time..end_time must be a window of at most 90 days"));
        }
        (start, end) => Some((start.unwrap_or(i64::MIN), end.unwrap_or(i64::MAX))),
    };
    let page = int_in(query, "page", 1, 1..=i64::MAX)?;
    let page_size = int_in(query, "page_size", MAX_PAGE_SIZE, 1..=MAX_PAGE_SIZE)?;
    let room = call
        .shared
        .scenario
        .tencent
        .rooms
        .iter()
        .find(|r| {
            let id = if kind == 3 { &r.rooms_id } else { &r.meeting_room_id };
            id.as_deref() == Some(call.meeting_id)
        })
        .ok_or_else(|| {
            let what = if kind == 3 { "Rooms device (rooms_id)" } else { "meeting room (meeting_room_id)" };
            TencentError::param(format!("operator_id {:?} is not a known {what}", call.meeting_id))
        })?;
    let now = call.shared.clock.now_secs();
    let state = call.shared.state();
    let mut booked: Vec<&Meeting> = state
        .tencent
        .meetings
        .iter()
        .filter(|m| room.meetings.contains(&m.meeting_id) && visible(m, call.identity))
        // A booking released (`release-rooms`) is no longer the room's.
        .filter(|m| room.meeting_room_id.as_ref().is_none_or(|id| !m.released_rooms.contains(id)))
        .filter(|m| match window {
            Some((start, end)) => {
                let (s, e) = m.schedule(now);
                s <= end && e >= start
            }
            None => m.in_progress() || (!m.is_over() && !m.cancelled && m.end_time > now),
        })
        .collect();
    booked.sort_by_key(|m| m.schedule(now).0);
    let (items, total_page) = page_of(&booked, page, page_size);
    let list: Vec<Value> = items
        .iter()
        .map(|m| {
            let (start, end) = m.schedule(now);
            json!({
                "meeting_id": m.meeting_id,
                "meeting_code": m.meeting_code,
                "subject": m.subject,
                "status": m.status(now),
                "start_time": start,
                "end_time": end,
                "meeting_type": m.meeting_type,
            })
        })
        .collect();
    Ok(json!({
        "total_count": booked.len(),
        "total_page": total_page,
        "current_page": page,
        "current_size": list.len(),
        "meeting_info_list": list,
    }))
}
