//! `PUT /v1/mmc/control/conferences/participants/role`: apply for or relinquish the host role
//! (seed 002).

use axum::http::StatusCode;
use serde_json::Value;

use super::control::{Control, choice, invalid, query_participant};
use super::error::{HuaweiError, codes};
use crate::scenario::HuaweiRole;

/// `{"applyChair":1,"chairmanPwd":".."}` makes the participant host (the previous host becomes a
/// participant; co-hosts stay co-hosts); `{"applyChair":0}` leaves the conference without a host
/// if the participant was it.
pub(crate) fn set(ctl: &mut Control<'_>) -> Result<Option<Value>, HuaweiError> {
    let apply = choice(ctl.body, "applyChair", &[0, 1])? == 1;
    let password = match ctl.body.get("chairmanPwd") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.as_str()),
        Some(_) => return Err(invalid("chairmanPwd must be a string")),
    };
    let participant = query_participant(ctl)?;
    let conf = &mut *ctl.conference;
    if apply {
        if password != Some(conf.host_password.as_str()) {
            return Err(HuaweiError::new(
                StatusCode::FORBIDDEN,
                codes::MMC_NO_PERMISSION,
                "insufficient permissions: wrong chairman password",
            ));
        }
        for (i, m) in conf.members.iter_mut().enumerate() {
            if i == participant {
                m.role = HuaweiRole::Host;
            } else if m.role == HuaweiRole::Host {
                m.role = HuaweiRole::Participant;
            }
        }
    } else if let Some(m) = conf.members.get_mut(participant) {
        if m.role == HuaweiRole::Host {
            m.role = HuaweiRole::Participant;
        }
    }
    Ok(None)
}
