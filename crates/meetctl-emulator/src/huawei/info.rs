//! `GET /v1/mmc/control/conferences/realTimeInfo`: who is in the conference now.

use serde_json::{Map, Value, json};

use super::control::Control;
use super::error::HuaweiError;
use crate::scenario::HuaweiRole;

/// `{"attendees":[],"participants":[...],"confInfo":{"chairID":..,"coHosts":[..]}}`: members in
/// the conference only (not the waiting room, not removed); `chairID` absent without a host.
pub(crate) fn real_time_info(ctl: &mut Control<'_>) -> Result<Option<Value>, HuaweiError> {
    let present: Vec<_> = ctl.conference.members.iter().filter(|m| m.in_meeting()).collect();
    let participants: Vec<Value> = present
        .iter()
        .map(|m| {
            let mut p = Map::new();
            p.insert("pid".into(), json!(m.participant_id));
            p.insert("name".into(), json!(m.name));
            if let Some(number) = &m.number {
                p.insert("phone".into(), json!(number));
            }
            p.insert("state".into(), json!(0));
            p.insert("video".into(), json!(i32::from(m.video)));
            p.insert("mute".into(), json!(i32::from(m.muted)));
            p.insert("hand".into(), json!(i32::from(m.hand_raised)));
            Value::Object(p)
        })
        .collect();
    let mut conf_info = Map::new();
    if let Some(host) = present.iter().find(|m| m.role == HuaweiRole::Host) {
        conf_info.insert("chairID".into(), json!(host.participant_id));
    }
    let co_hosts: Vec<&str> =
        present.iter().filter(|m| m.role == HuaweiRole::Cohost).map(|m| m.participant_id.as_str()).collect();
    conf_info.insert("coHosts".into(), json!(co_hosts));
    Ok(Some(json!({"attendees": [], "participants": participants, "confInfo": conf_info})))
}
