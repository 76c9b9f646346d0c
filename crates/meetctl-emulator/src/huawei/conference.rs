//! Control APIs that act on the whole conference: `mute` (all), `lock`, `record`, `stop`,
//! `duration` and `updateStartedConfConfig`.

use serde_json::Value;

use super::control::{Control, choice, invalid, optional_choice};
use super::error::HuaweiError;
use crate::scenario::HuaweiRole;
use crate::state::CONFERENCE_SETTINGS;

type Answer = Result<Option<Value>, HuaweiError>;

/// Minutes `duration` adds when the body has no `duration`.
const DEFAULT_EXTENSION_MINUTES: i64 = 15;

/// The longest single extension `duration` accepts, in minutes (a day).
const MAX_EXTENSION_MINUTES: i64 = 1440;

/// `{"isMute":1,"allowUnmuteByOneself":0|1}` mutes, `{"isMute":0}` unmutes everyone in the
/// conference except the host. `allowUnmuteByOneself` (default 1) only counts when muting.
pub(crate) fn mute_all(ctl: &mut Control<'_>) -> Answer {
    let mute = choice(ctl.body, "isMute", &[0, 1])?;
    let allow_unmute = optional_choice(ctl.body, "allowUnmuteByOneself", &[0, 1])?;
    let conference = &mut *ctl.conference;
    for m in conference.members.iter_mut().filter(|m| m.in_meeting() && m.role != HuaweiRole::Host) {
        m.muted = mute == 1;
    }
    conference.settings.insert("isMute", mute);
    if mute == 1 {
        conference.settings.insert("allowUnmuteByOneself", allow_unmute.unwrap_or(1));
    }
    Ok(None)
}

/// `{"isLock":1|0}`.
pub(crate) fn lock(ctl: &mut Control<'_>) -> Answer {
    let lock = choice(ctl.body, "isLock", &[0, 1])?;
    ctl.conference.settings.insert("isLock", lock);
    Ok(None)
}

/// `{"allowUnmuteByOneself":1|0}`: whether participants may unmute themselves.
pub(crate) fn guest_unmute(ctl: &mut Control<'_>) -> Answer {
    let allow = choice(ctl.body, "allowUnmuteByOneself", &[0, 1])?;
    ctl.conference.settings.insert("allowUnmuteByOneself", allow);
    Ok(None)
}

/// `{"isRecord":1|0}`: starts or stops cloud recording.
pub(crate) fn record(ctl: &mut Control<'_>) -> Answer {
    let record = choice(ctl.body, "isRecord", &[0, 1])?;
    ctl.conference.settings.insert("isRecord", record);
    Ok(None)
}

/// Ends the conference: every later control call (and control token) is refused with
/// 400 MMC.111070005.
pub(crate) fn stop(ctl: &mut Control<'_>) -> Answer {
    ctl.conference.ended = true;
    Ok(None)
}

/// `{"auto":0,"duration":N}` extends the conference by N minutes (default 15, at most 1440);
/// `{"auto":1}` turns automatic extension on.
pub(crate) fn duration(ctl: &mut Control<'_>) -> Answer {
    let auto = choice(ctl.body, "auto", &[0, 1])?;
    let minutes = match ctl.body.get("duration") {
        None | Some(Value::Null) => DEFAULT_EXTENSION_MINUTES,
        Some(v) => match v.as_i64() {
            Some(n) if (1..=MAX_EXTENSION_MINUTES).contains(&n) => n,
            _ => return Err(invalid(format!("duration must be 1 to {MAX_EXTENSION_MINUTES} minutes"))),
        },
    };
    let conference = &mut *ctl.conference;
    if auto == 1 {
        conference.auto_extend = true;
    } else {
        conference.extended_minutes = conference.extended_minutes.saturating_add(minutes);
    }
    Ok(None)
}

/// `updateStartedConfConfig`: sets the given settings (at least one; each a known configurable
/// setting with an allowed value; nothing changes if any is wrong).
pub(crate) fn update_settings(ctl: &mut Control<'_>) -> Answer {
    if ctl.body.is_empty() {
        return Err(invalid(format!("at least one setting is required: {}", configurable().join(", "))));
    }
    let mut changes = Vec::with_capacity(ctl.body.len());
    for key in ctl.body.keys() {
        let Some(setting) = CONFERENCE_SETTINGS.iter().find(|s| s.configurable && s.key == key) else {
            return Err(invalid(format!(
                "unknown setting {key:?}; updateStartedConfConfig accepts {}",
                configurable().join(", ")
            )));
        };
        changes.push((setting.key, choice(ctl.body, setting.key, setting.allowed)?));
    }
    ctl.conference.settings.extend(changes);
    Ok(None)
}

fn configurable() -> Vec<&'static str> {
    CONFERENCE_SETTINGS.iter().filter(|s| s.configurable).map(|s| s.key).collect()
}
