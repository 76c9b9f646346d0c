//! Display and interpretation APIs: `display/mode`, the saved layouts (`GET` / `DELETE layOut`),
//! `simultaneousInterpretation`, `setAttendeeLanChannel`, and `confmaintain/queryMgmtSiteStatus`
//! (outside the control-token pipeline: its page lists no token and no conference).
//!
//! The vendor names no error code for a wrong value or an unknown layout; the emulator answers
//! 400 MMC.111070001 (invalid parameter) for them.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::control::{
    Control, choice, id_list, invalid, member_in_meeting, optional_choice, required_string,
};
use super::error::HuaweiError;
use crate::http_util::{json_response, query_param};
use crate::state::{DisplayMode, Shared};

type Answer = Result<Option<Value>, HuaweiError>;

/// The longest language channel name the emulator takes (`en`, `zh`, ...).
const MAX_CHANNEL_CHARS: usize = 16;

/// An integer field, or an integer written as text (the vendor's own curl example for
/// `display/mode` sends `"imageType":"1"`), that must be one of `allowed`.
fn lenient_choice(body: &Map<String, Value>, key: &str, allowed: &[i64]) -> Result<i64, HuaweiError> {
    let n = match body.get(key) {
        None | Some(Value::Null) => return Err(invalid(format!("{key} is required"))),
        Some(Value::String(s)) => s.trim().parse::<i64>().ok(),
        Some(v) => v.as_i64(),
    };
    n.filter(|n| allowed.contains(n)).ok_or_else(|| invalid(format!("{key} must be one of {allowed:?}")))
}

/// `{"switchMode":"Fixed"|"VAS","imageType":0|1}`: the video display mode. The vendor applies a
/// single picture (0) only in voice-activated mode; the emulator keeps what was asked.
pub(crate) fn display_mode(ctl: &mut Control<'_>) -> Answer {
    let switch_mode = required_string(ctl.body, "switchMode")?;
    if !["Fixed", "VAS"].contains(&switch_mode) {
        return Err(invalid("switchMode must be Fixed or VAS"));
    }
    let image_type = lenient_choice(ctl.body, "imageType", &[0, 1])?;
    ctl.conference.display_mode = Some(DisplayMode { switch_mode: switch_mode.to_owned(), image_type });
    Ok(None)
}

/// `GET layOut`: the layouts saved in the conference, oldest first.
pub(crate) fn layouts(ctl: &mut Control<'_>) -> Answer {
    let layouts: Vec<Value> = ctl.conference.layouts.iter().map(|l| l.layout.clone()).collect();
    Ok(Some(json!({"returnCode": 0, "returnDesc": "Success", "picLayouts": layouts})))
}

/// `DELETE layOut?uuID=`: deletes a saved layout (an unknown uuid is 400 MMC.111070001).
pub(crate) fn delete_layout(ctl: &mut Control<'_>) -> Answer {
    let uuid = query_param(ctl.parts.uri.query(), "uuID").unwrap_or_default();
    if uuid.is_empty() {
        return Err(invalid("uuID is required"));
    }
    let before = ctl.conference.layouts.len();
    ctl.conference.layouts.retain(|l| l.uuid != uuid);
    if ctl.conference.layouts.len() == before {
        return Err(invalid(format!("no saved layout {uuid:?}")));
    }
    Ok(None)
}

/// `{"simultaneousInterpretation":1|0}`: starts or stops simultaneous interpretation.
pub(crate) fn interpretation(ctl: &mut Control<'_>) -> Answer {
    ctl.conference.interpretation = choice(ctl.body, "simultaneousInterpretation", &[0, 1])? == 1;
    Ok(None)
}

/// `{"participantIDs":[...],"listenLanChannel","speakLanChannel","includeOriginalVoice"?}`: the
/// listed participants (all in the conference, else nothing changes) listen and speak in one
/// channel. The vendor requires the two channels to be the same (400 otherwise).
pub(crate) fn language_channel(ctl: &mut Control<'_>) -> Answer {
    let listen = required_string(ctl.body, "listenLanChannel")?;
    let speak = required_string(ctl.body, "speakLanChannel")?;
    if listen != speak {
        return Err(invalid("listenLanChannel and speakLanChannel must be the same channel"));
    }
    if listen.chars().count() > MAX_CHANNEL_CHARS {
        return Err(invalid(format!("listenLanChannel is longer than {MAX_CHANNEL_CHARS} characters")));
    }
    let original = optional_choice(ctl.body, "includeOriginalVoice", &[0, 1])?.unwrap_or(0) == 1;
    let ids = id_list(ctl.body, "participantIDs")?;
    let indexes =
        ids.iter().map(|id| member_in_meeting(ctl.conference, id)).collect::<Result<Vec<_>, _>>()?;
    for i in indexes {
        if let Some(m) = ctl.conference.members.get_mut(i) {
            m.screen.language_channel = Some(listen.to_owned());
            m.screen.original_voice = original;
        }
    }
    Ok(None)
}

/// `GET /v1/mmc/control/confmaintain/queryMgmtSiteStatus`: `{"status":"NORMAL"|"FAULT",
/// "redirectJoinUrl":""}`. Its page lists no token and no query: none is asked for.
pub(crate) fn management_site_status(
    shared: &Shared,
    _parts: &Parts,
    _body: &Bytes,
) -> Result<Response, HuaweiError> {
    let fault = shared.state().huawei.management_site_fault;
    let status = if fault { "FAULT" } else { "NORMAL" };
    Ok(json_response(StatusCode::OK, &json!({"status": status, "redirectJoinUrl": ""})))
}
