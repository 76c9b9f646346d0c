//! Display and interpretation APIs: `display/mode`, `display/customMultiPicture`, the saved
//! layouts (`GET` / `PUT` / `DELETE layOut`), `simultaneousInterpretation`, `interpreterGroup`,
//! `setAttendeeLanChannel`, and `confmaintain/queryMgmtSiteStatus`
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
    Control, choice, id_list, invalid, member_in_meeting, optional_choice, optional_string, required_string,
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

/// The shortest and longest `switchTime` of a multi-picture, in seconds.
const SWITCH_SECONDS: std::ops::RangeInclusive<i64> = 10..=120;

/// An optional integer field within `range`.
fn optional_int(
    body: &Map<String, Value>,
    key: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<Option<i64>, HuaweiError> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_i64().filter(|n| range.contains(n)).map(Some).ok_or_else(|| {
            invalid(format!("{key} must be an integer from {} to {}", range.start(), range.end()))
        }),
    }
}

/// An optional list of objects under `key`.
fn objects<'a>(body: &'a Map<String, Value>, key: &str) -> Result<Vec<&'a Map<String, Value>>, HuaweiError> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_object().ok_or_else(|| invalid(format!("{key} must hold objects"))))
            .collect(),
        Some(_) => Err(invalid(format!("{key} must be an array"))),
    }
}

/// Checks sub-pictures: `index` from 1, the numbers under `numbers_key` a list of non-empty
/// strings, `flag_key` 0 or 1.
fn check_pictures(
    pictures: &[&Map<String, Value>],
    numbers_key: &str,
    flag_key: &str,
) -> Result<(), HuaweiError> {
    for p in pictures {
        optional_int(p, "index", 1..=64)?;
        optional_choice(p, flag_key, &[0, 1])?;
        match p.get(numbers_key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(ids)) if ids.iter().all(|id| id.as_str().is_some_and(|s| !s.is_empty())) => {}
            Some(_) => return Err(invalid(format!("{numbers_key} must be a list of SIP numbers"))),
        }
    }
    Ok(())
}

/// `display/customMultiPicture`: `manualSet` 0|1 (1 needs `subscriberInPics`, as the vendor
/// says), `switchTime` 10 to 120, `multiPicSaveOnly` a boolean, `picLayoutInfo` an object. Kept
/// as sent in `multi_picture` (the emulator does not model what "save and apply" broadcasts).
pub(crate) fn custom_multi_picture(ctl: &mut Control<'_>) -> Answer {
    let manual = choice(ctl.body, "manualSet", &[0, 1])? == 1;
    let pictures = objects(ctl.body, "subscriberInPics")?;
    if manual && pictures.is_empty() {
        return Err(invalid("subscriberInPics is required when manualSet is 1"));
    }
    check_pictures(&pictures, "subscriber", "isAssistStream")?;
    optional_int(ctl.body, "switchTime", SWITCH_SECONDS)?;
    if !matches!(ctl.body.get("multiPicSaveOnly"), None | Some(Value::Null | Value::Bool(_))) {
        return Err(invalid("multiPicSaveOnly must be true or false"));
    }
    if let Some(v) = ctl.body.get("picLayoutInfo").filter(|v| !v.is_null()) {
        if !v.is_object() {
            return Err(invalid("picLayoutInfo must be an object"));
        }
    }
    ctl.conference.multi_picture = Some(Value::Object(ctl.body.clone()));
    Ok(None)
}

/// `PUT layOut` `{"restPicLayout":{...}}`: saves a layout, with a new uuid unless it names one
/// (then that layout is overwritten, or saved under it).
pub(crate) fn save_layout(ctl: &mut Control<'_>) -> Answer {
    let Some(Value::Object(layout)) = ctl.body.get("restPicLayout") else {
        return Err(invalid("restPicLayout is required (an object)"));
    };
    optional_int(layout, "switchTime", 10..=i64::from(i32::MAX))?;
    optional_int(layout, "picNum", 1..=i64::from(i32::MAX))?;
    check_pictures(&objects(layout, "subscriberInPics")?, "id", "share")?;
    let mut layout = layout.clone();
    let uuid = match optional_string(&layout, "uuid")?.filter(|u| !u.is_empty()) {
        Some(u) => u.to_owned(),
        None => ctl.shared.random.hex(32),
    };
    layout.insert("uuid".into(), json!(uuid));
    ctl.conference.layouts.retain(|l| l.uuid != uuid);
    ctl.conference.layouts.push(crate::state::SavedLayout { uuid, layout: Value::Object(layout) });
    Ok(None)
}

/// `interpreterGroup` `{"interpreterGroups":[...]}`: replaces every interpreter group. Each needs
/// `groupID`, `firstLanguage` and `secondLanguage` (different), `groupType` MANUAL|AI; each
/// interpreter a `loginAccount` or a `userID`. Group ids are unique.
pub(crate) fn interpreter_groups(ctl: &mut Control<'_>) -> Answer {
    let groups = match ctl.body.get("interpreterGroups") {
        Some(Value::Array(groups)) => groups,
        _ => return Err(invalid("interpreterGroups is required (an array)")),
    };
    let mut ids = Vec::new();
    for g in groups {
        let g = g.as_object().ok_or_else(|| invalid("interpreterGroups must hold objects"))?;
        let id = required_string(g, "groupID")?;
        if ids.contains(&id) {
            return Err(invalid(format!("groupID {id:?} is given twice")));
        }
        ids.push(id);
        if required_string(g, "firstLanguage")? == required_string(g, "secondLanguage")? {
            return Err(invalid("firstLanguage and secondLanguage must differ"));
        }
        if let Some(t) = optional_string(g, "groupType")? {
            if !["MANUAL", "AI"].contains(&t) {
                return Err(invalid("groupType must be MANUAL or AI"));
            }
        }
        for i in objects(g, "interpreters")? {
            let account = optional_string(i, "loginAccount")?.filter(|s| !s.is_empty());
            let user = optional_string(i, "userID")?.filter(|s| !s.is_empty());
            if account.is_none() && user.is_none() {
                return Err(invalid("an interpreter needs a loginAccount or a userID"));
            }
        }
    }
    ctl.conference.interpreter_groups = groups.clone();
    Ok(None)
}
