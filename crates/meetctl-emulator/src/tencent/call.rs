//! What every Tencent API is given (`Call`) and the checks they share: the meeting as the caller
//! may see it, and the OAuth scope the control APIs need.

use serde_json::{Map, Value};

use super::auth::Identity;
use super::error::{TencentError, codes};
use crate::state::{Meeting, Shared, State as EmulatorState};

/// One API call, parsed as far as every API shares: who sent it, the meeting, body and query.
pub(crate) struct Call<'a> {
    /// The emulator.
    pub(crate) shared: &'a Shared,
    /// The authenticated caller.
    pub(crate) identity: &'a Identity,
    /// The meeting id from the path (percent-decoded; empty for paths without one, the operator
    /// id for `/v1/meeting-rooms/{operator_id}/meetings`).
    pub(crate) meeting_id: &'a str,
    /// The JSON body (empty for GET).
    pub(crate) body: &'a Map<String, Value>,
    /// The raw query string.
    pub(crate) query: Option<&'a str>,
}

/// The meeting `meeting_id` as the caller may see it: unknown, another app's, or (for OAuth)
/// another user's meeting → 9003.
pub(crate) fn visible_meeting<'a>(
    state: &'a mut EmulatorState,
    identity: &Identity,
    meeting_id: &str,
) -> Result<&'a mut Meeting, TencentError> {
    let not_found =
        || TencentError::new(codes::NO_SUCH_MEETING, format!("meeting {meeting_id} does not exist"));
    let meeting =
        state.tencent.meetings.iter_mut().find(|m| m.meeting_id == meeting_id).ok_or_else(not_found)?;
    if visible(meeting, identity) { Ok(meeting) } else { Err(not_found()) }
}

/// Whether the caller may see `meeting`: an AK/SK app any meeting without an `app_id` or with its
/// own; an OAuth user only the meetings it created.
pub(crate) fn visible(meeting: &Meeting, identity: &Identity) -> bool {
    match identity {
        Identity::AkSk { app_id, .. } => meeting.app_id.as_ref().is_none_or(|a| a == app_id),
        Identity::OAuth { open_id, .. } => meeting.oauth_open_id.as_ref() == Some(open_id),
    }
}

/// Whether `userid` (a query's `userid`, or an `operator_id` of type 1 or 2) names the meeting's
/// creator: its creator's userid for AK/SK callers, the caller's own open id (of a meeting it
/// created) for OAuth callers.
pub(crate) fn is_creator(meeting: &Meeting, identity: &Identity, userid: &str) -> bool {
    match identity {
        Identity::AkSk { .. } => meeting.creator.as_deref() == Some(userid),
        Identity::OAuth { open_id, .. } => {
            open_id == userid && meeting.oauth_open_id.as_ref() == Some(open_id)
        }
    }
}

/// The meeting as [`visible_meeting`] finds it, refused with 9003 once it has been dismissed
/// (every control and listing API after `dismiss`).
pub(crate) fn live_meeting<'a>(
    state: &'a mut EmulatorState,
    identity: &Identity,
    meeting_id: &str,
) -> Result<&'a mut Meeting, TencentError> {
    let meeting = visible_meeting(state, identity, meeting_id)?;
    if meeting.ended.is_some() {
        return Err(TencentError::new(codes::NO_SUCH_MEETING, format!("meeting {meeting_id} has ended")));
    }
    Ok(meeting)
}

/// OAuth callers need the `MANAGE_MEETING` scope (9042 otherwise); AK/SK callers pass.
pub(crate) fn require_manage_scope(identity: &Identity) -> Result<(), TencentError> {
    match identity {
        Identity::OAuth { scopes, .. } if !scopes.iter().any(|s| s == MANAGE_MEETING) => {
            Err(TencentError::new(
                codes::NO_PERMISSION,
                "no permission: the OAuth 2.0 token lacks the MANAGE_MEETING scope",
            ))
        }
        _ => Ok(()),
    }
}

/// The OAuth 2.0 scope the control APIs need.
const MANAGE_MEETING: &str = "MANAGE_MEETING";
