//! Real-control APIs that change meeting settings: `status`, `doc` and `asr`.

use serde_json::{Value, json};

use super::call::{Call, live_meeting, require_manage_scope};
use super::error::TencentError;
use super::fields::{boolean, integer, optional_boolean, optional_choice, required_string};
use super::operator::{IdKind, OperatorTypes, Rights, Who, check_instanceid, check_operator, parse_operator};
use crate::scenario::TencentRole;
use crate::state::{STATUS_SETTINGS, SettingKind};

/// `PUT .../status`: sets the given settings (at least one). `mute_all` also mutes (true) or
/// unmutes (false) every attendee in the meeting; the creator, host and co-hosts are left alone.
pub(crate) fn status(call: &Call<'_>) -> Result<Value, TencentError> {
    require_manage_scope(call.identity)?;
    let operator = parse_operator(call.body, OperatorTypes::UserIdOrMsOpenId, call.identity)?;
    let mut changes = Vec::new();
    for setting in &STATUS_SETTINGS {
        let value = match setting.kind {
            SettingKind::Bool => optional_boolean(call.body, setting.key)?.map(Value::Bool),
            SettingKind::Int(allowed) => optional_choice(call.body, setting.key, allowed)?.map(Value::from),
        };
        if let Some(value) = value {
            changes.push((setting.key, value));
        }
    }
    if changes.is_empty() {
        let keys: Vec<&str> = STATUS_SETTINGS.iter().map(|s| s.key).collect();
        return Err(TencentError::param(format!("at least one setting is required: {}", keys.join(", "))));
    }
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    check_operator(meeting, &operator, Rights::Manager)?;
    for (key, value) in changes {
        if key == "mute_all" {
            let mute = value.as_bool().unwrap_or(false);
            for m in meeting.members.iter_mut().filter(|m| m.in_meeting() && m.role == TencentRole::Attendee)
            {
                m.muted = mute;
            }
        }
        meeting.settings.insert(key, value);
    }
    Ok(json!({}))
}

/// `PUT .../doc`: whether everyone may upload documents (`enable_upload_doc`).
pub(crate) fn doc(call: &Call<'_>) -> Result<Value, TencentError> {
    require_manage_scope(call.identity)?;
    let operator = parse_operator(call.body, OperatorTypes::OpenIdOrMsOpenId, call.identity)?;
    let enable = boolean(call.body, "enable_upload_doc")?;
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    check_operator(meeting, &operator, Rights::Manager)?;
    meeting.settings.insert("enable_upload_doc", Value::Bool(enable));
    Ok(json!({}))
}

/// `PUT .../asr`: starts (`is_open: true`) or stops real-time transcription. The operator is
/// `operator_id` with `operator_id_type` 1 (userid) on device `instance_id` (spelled so), and must
/// be the creator.
pub(crate) fn asr(call: &Call<'_>) -> Result<Value, TencentError> {
    require_manage_scope(call.identity)?;
    let body = call.body;
    let id = required_string(body, "operator_id", "operator_id")?;
    let id_type = integer(body, "operator_id_type", "operator_id_type")?;
    if id_type != 1 {
        return Err(TencentError::param(format!(
            "operator_id_type {id_type} is not supported by this API (only 1, userid)"
        )));
    }
    let instance_id = integer(body, "instance_id", "instance_id")?;
    check_instanceid(instance_id, IdKind::UserId, "instance_id")?;
    let open = boolean(body, "is_open")?;
    optional_choice(body, "open_asr_view", &[0, 1])?;
    let operator = Who { kind: IdKind::UserId, id: id.to_string(), instanceid: instance_id };
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    check_operator(meeting, &operator, Rights::Creator)?;
    meeting.settings.insert("transcription", Value::Bool(open));
    Ok(json!({}))
}
