//! Real-control APIs that act on participants: `kickout`, `screen-shared` and `names`.

use serde_json::{Map, Value, json};

use super::call::{Call, live_meeting, require_manage_scope};
use super::error::TencentError;
use super::fields::{integer, non_empty_string, object_list, optional_boolean, required_string};
use super::operator::{
    IdKind, OperatorTypes, Rights, Scope, Who, check_instanceid, check_operator, find_target, find_targets,
    parse_operator, parse_target, parse_targets, resolve,
};

/// The longest nick name `names` accepts, in characters.
const MAX_NICK_NAME_CHARS: usize = 20;

/// `PUT .../kickout`: removes `users` from the meeting; `allow_rejoin` (default true) says
/// whether they may join again. Removing an MRA device needs a non-empty `reason`.
pub(crate) fn kick_out(call: &Call<'_>) -> Result<Value, TencentError> {
    require_manage_scope(call.identity)?;
    let operator = parse_operator(call.body, OperatorTypes::OpenIdOrMsOpenId, call.identity)?;
    let targets = parse_targets(call.body)?;
    let allow_rejoin = optional_boolean(call.body, "allow_rejoin")?.unwrap_or(true);
    let reason = non_empty_string(call.body, "reason", "reason")?;
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    check_operator(meeting, &operator, Rights::Manager)?;
    let found = find_targets(meeting, &targets, Scope::InMeeting)?;
    if reason.is_none() && found.iter().any(|&i| meeting.members.get(i).is_some_and(|m| m.mra)) {
        return Err(TencentError::param("reason is required when removing an MRA device"));
    }
    for i in found {
        if let Some(m) = meeting.members.get_mut(i) {
            m.remove(allow_rejoin);
        }
    }
    Ok(json!({}))
}

/// `PUT .../screen-shared`: stops the target's screen sharing (nothing happens when it is not
/// sharing).
pub(crate) fn stop_screen_share(call: &Call<'_>) -> Result<Value, TencentError> {
    require_manage_scope(call.identity)?;
    let operator = parse_operator(call.body, OperatorTypes::OpenIdOrMsOpenId, call.identity)?;
    let target = parse_target(call.body)?;
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    if let Some(m) = resolve(meeting, &operator, &target)?.and_then(|i| meeting.members.get_mut(i)) {
        m.sharing_screen = false;
    }
    Ok(json!({}))
}

/// `PUT .../names`: `users: [{"ms_open_id", "instanceid", "nick_name"}]` renames each (1–20
/// characters).
pub(crate) fn rename(call: &Call<'_>) -> Result<Value, TencentError> {
    require_manage_scope(call.identity)?;
    let operator = parse_operator(call.body, OperatorTypes::OpenIdOrMsOpenId, call.identity)?;
    let renames = object_list(call.body, "users")?
        .into_iter()
        .enumerate()
        .map(|(i, user)| parse_rename(user, &format!("users[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    check_operator(meeting, &operator, Rights::Manager)?;
    let mut found = Vec::with_capacity(renames.len());
    for (who, name) in renames {
        if let Some(i) = find_target(meeting, &who, Scope::InMeeting)? {
            found.push((i, name));
        }
    }
    for (i, name) in found {
        if let Some(m) = meeting.members.get_mut(i) {
            m.name = Some(name);
        }
    }
    Ok(json!({}))
}

fn parse_rename(user: &Map<String, Value>, shown: &str) -> Result<(Who, String), TencentError> {
    let id = required_string(user, "ms_open_id", &format!("{shown}.ms_open_id"))?;
    let shown_instance = format!("{shown}.instanceid");
    let instanceid = integer(user, "instanceid", &shown_instance)?;
    check_instanceid(instanceid, IdKind::MsOpenId, &shown_instance)?;
    let shown_name = format!("{shown}.nick_name");
    let name = required_string(user, "nick_name", &shown_name)?;
    let chars = name.chars().count();
    if chars > MAX_NICK_NAME_CHARS {
        return Err(TencentError::param(format!(
            "{shown_name} is {chars} characters long; at most {MAX_NICK_NAME_CHARS} are allowed"
        )));
    }
    Ok((Who { kind: IdKind::MsOpenId, id: id.to_string(), instanceid }, name.to_string()))
}
