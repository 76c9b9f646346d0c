//! Conference management queries, authenticated by `X-Access-Token`: the conferences not yet
//! ended (`GET /v1/mmc/management/conferences`), the online list
//! (`GET /v1/mmc/management/conferences/online`), conference details (`.../online/confDetail`
//! for conferences in progress, `.../confDetail` for any not ended), online attendees
//! (`.../online/conf-attendee`) and whether a number is in a conference
//! (`GET /v2/mms/ncms/conferences/online/check-callnumber-in-conf`).

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::auth::access_token_is_live;
use super::error::{HuaweiError, codes};
use crate::http_util::{HeaderText, header, json_response, query_param};
use crate::scenario::HuaweiRole;
use crate::state::{Conference, ConferenceMember, Shared};
use crate::timefmt::huawei_minutes;

/// The largest `limit`; larger ones are cut to it.
const MAX_LIMIT: i64 = 500;

/// The default `limit`.
const DEFAULT_LIMIT: i64 = 20;

/// The longest `searchKey`, in characters.
const MAX_SEARCH_KEY_CHARS: usize = 128;

/// The live `X-Access-Token` every management API needs (401 USG.000000004 otherwise).
pub(crate) fn require_access_token(shared: &Shared, parts: &Parts) -> Result<(), HuaweiError> {
    match header(&parts.headers, "X-Access-Token") {
        HeaderText::Text(t) if access_token_is_live(shared, t.trim()) => Ok(()),
        _ => Err(HuaweiError::usg_auth_failed()),
    }
}

fn invalid(message: impl Into<String>) -> HuaweiError {
    HuaweiError::bad_request(codes::MMC_INVALID_PARAM, message)
}

/// `offset` (≥ 0, default 0) and `limit` (≥ 1, default 20, cut to 500) from the query.
fn paging(query: Option<&str>, offset_name: &str, limit_name: &str) -> Result<(usize, usize), HuaweiError> {
    let int = |name: &str, default: i64| -> Result<i64, HuaweiError> {
        match query_param(query, name).filter(|v| !v.is_empty()) {
            None => Ok(default),
            Some(v) => v.trim().parse().map_err(|_| invalid(format!("{name} must be an integer, not {v:?}"))),
        }
    };
    let offset = int(offset_name, 0)?;
    let limit = int(limit_name, DEFAULT_LIMIT)?;
    if offset < 0 {
        return Err(invalid(format!("{offset_name} must not be negative")));
    }
    if limit < 1 {
        return Err(invalid(format!("{limit_name} must be at least 1")));
    }
    let offset = usize::try_from(offset).unwrap_or(usize::MAX);
    let limit = usize::try_from(limit.min(MAX_LIMIT)).unwrap_or(1);
    Ok((offset, limit))
}

/// `searchKey` when given: 1 to 128 characters.
fn search_key(query: Option<&str>, name: &str) -> Result<Option<String>, HuaweiError> {
    match query_param(query, name) {
        None => Ok(None),
        Some(k) if k.is_empty() || k.chars().count() > MAX_SEARCH_KEY_CHARS => {
            Err(invalid(format!("{name} must be 1 to {MAX_SEARCH_KEY_CHARS} characters")))
        }
        Some(k) => Ok(Some(k)),
    }
}

/// The required conference id parameter `name`.
fn conference_id(query: Option<&str>, name: &str) -> Result<String, HuaweiError> {
    query_param(query, name).filter(|c| !c.is_empty()).ok_or_else(|| invalid(format!("{name} is required")))
}

fn no_such_conference(conference_id: &str) -> HuaweiError {
    HuaweiError::bad_request(
        codes::MMC_NO_SUCH_CONFERENCE,
        format!("conference {conference_id} does not exist"),
    )
}

/// A conference as `ConferenceInfo` describes it: times `yyyy-MM-dd HH:mm` UTC,
/// `conferenceState` `Created` in progress and `Schedule` before it starts. The scheduler's
/// view: `passwordEntry` carries the chair and guest passwords, as the vendor returns them to
/// the scheduler.
pub(crate) fn conference_info(c: &Conference) -> Value {
    let present: Vec<&ConferenceMember> = c.members.iter().filter(|m| m.in_meeting()).collect();
    let terminals = present.iter().filter(|m| is_terminal(m)).count();
    let mut info = Map::new();
    info.insert("conferenceID".into(), json!(c.conference_id));
    info.insert("subject".into(), json!(c.subject));
    info.insert("size".into(), json!(c.members.iter().filter(|m| !m.presence.is_removed()).count()));
    info.insert("timeZoneID".into(), json!(c.time_zone_id));
    info.insert("startTime".into(), json!(huawei_minutes(c.start_time)));
    info.insert("endTime".into(), json!(huawei_minutes(c.end_time)));
    info.insert("mediaTypes".into(), json!("Voice,Data,Video"));
    info.insert("conferenceState".into(), json!(if c.in_progress() { "Created" } else { "Schedule" }));
    info.insert("language".into(), json!("zh-CN"));
    info.insert("accessNumber".into(), json!(c.access_number));
    info.insert(
        "passwordEntry".into(),
        json!([
            {"conferenceRole": "chair", "password": c.host_password},
            {"conferenceRole": "general", "password": c.guest_password},
        ]),
    );
    info.insert("scheduserName".into(), json!(c.scheduser_name));
    info.insert("conferenceType".into(), json!(0));
    info.insert("confType".into(), json!(if c.started { "IMMEDIATELY" } else { "FUTURE" }));
    info.insert("isAutoMute".into(), json!(0));
    info.insert("isAutoRecord".into(), json!(0));
    info.insert("recordType".into(), json!(0));
    match &c.vmr_conference_id {
        Some(vmr) => {
            info.insert("vmrFlag".into(), json!(1));
            info.insert("vmrConferenceID".into(), json!(vmr));
        }
        None => {
            info.insert("vmrFlag".into(), json!(0));
        }
    }
    info.insert("terminlCount".into(), json!(terminals));
    info.insert("normalCount".into(), json!(present.len() - terminals));
    Value::Object(info)
}

/// A room device: its number is a SIP URI.
fn is_terminal(m: &ConferenceMember) -> bool {
    m.number.as_deref().is_some_and(|n| n.starts_with("sip:"))
}

/// A member as `ParticipantInfo` describes it (`participantID` is the member's number, as the
/// vendor documents it, or its id when it has none).
fn participant_info(m: &ConferenceMember) -> Value {
    json!({
        "participantID": m.number.as_deref().unwrap_or(&m.participant_id),
        "name": m.name,
        "role": i32::from(m.role == HuaweiRole::Host),
        "state": "MEETTING",
        "attendeeType": if is_terminal(m) { "terminal" } else { "normal" },
    })
}

/// `searchKey` matches the subject, the conference id or the scheduler's name (substring,
/// case-insensitive).
fn matches(c: &Conference, key: &str) -> bool {
    let key = key.to_lowercase();
    [&c.subject, &c.conference_id, &c.scheduser_name].iter().any(|field| field.to_lowercase().contains(&key))
}

/// `GET /v1/mmc/management/conferences/online?offset=&limit=&queryAll=&searchKey=`:
/// `{"offset","limit","count","data":[ConferenceInfo]}`, conferences in progress by start time.
pub(crate) fn search_online(shared: &Shared, parts: &Parts, _body: &Bytes) -> Result<Response, HuaweiError> {
    require_access_token(shared, parts)?;
    let query = parts.uri.query();
    let (offset, limit) = paging(query, "offset", "limit")?;
    match query_param(query, "queryAll").as_deref() {
        None | Some("true" | "false") => {}
        Some(other) => return Err(invalid(format!("queryAll must be true or false, not {other:?}"))),
    }
    let key = search_key(query, "searchKey")?;
    let state = shared.state();
    let mut online: Vec<&Conference> = state
        .huawei
        .conferences
        .iter()
        .filter(|c| c.in_progress() && key.as_deref().is_none_or(|k| matches(c, k)))
        .collect();
    online.sort_by_key(|c| c.start_time);
    let data: Vec<Value> = online.iter().skip(offset).take(limit).map(|c| conference_info(c)).collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({"offset": offset, "limit": limit, "count": online.len(), "data": data}),
    ))
}

/// `GET /v1/mmc/management/conferences?offset=&limit=&queryAll=&searchKey=&queryConfMode=&sortType=`
/// (`SearchMeetings`): `{"offset","limit","count","data":[ConferenceInfo]}`, the conferences not
/// yet ended (in progress or scheduled), by start time (`sortType` `DSC_StartTIME`: latest first).
/// `queryConfMode` (`ADAY`, `AWEEK`, `AMONTH`, `ALL`) limits how far ahead they start.
pub(crate) fn search_not_ended(
    shared: &Shared,
    parts: &Parts,
    _body: &Bytes,
) -> Result<Response, HuaweiError> {
    require_access_token(shared, parts)?;
    let query = parts.uri.query();
    let (offset, limit) = paging(query, "offset", "limit")?;
    match query_param(query, "queryAll").as_deref() {
        None | Some("true" | "false") => {}
        Some(other) => return Err(invalid(format!("queryAll must be true or false, not {other:?}"))),
    }
    let horizon_secs = match query_param(query, "queryConfMode").as_deref() {
        None | Some("ALL") => None,
        Some("ADAY") => Some(86_400),
        Some("AWEEK") => Some(7 * 86_400),
        Some("AMONTH") => Some(30 * 86_400),
        Some(other) => {
            return Err(invalid(format!("queryConfMode must be ADAY, AWEEK, AMONTH or ALL, not {other:?}")));
        }
    };
    let latest_first = match query_param(query, "sortType").as_deref() {
        None | Some("ASC_StartTIME") => false,
        Some("DSC_StartTIME") => true,
        Some(other) => {
            return Err(invalid(format!("sortType must be ASC_StartTIME or DSC_StartTIME, not {other:?}")));
        }
    };
    let key = search_key(query, "searchKey")?;
    let now = shared.clock.now_secs();
    let state = shared.state();
    let mut found: Vec<&Conference> = state
        .huawei
        .conferences
        .iter()
        .filter(|c| !c.ended && key.as_deref().is_none_or(|k| matches(c, k)))
        .filter(|c| horizon_secs.is_none_or(|h| c.in_progress() || c.start_time <= now + h))
        .collect();
    found.sort_by_key(|c| c.start_time);
    if latest_first {
        found.reverse();
    }
    let data: Vec<Value> = found.iter().skip(offset).take(limit).map(|c| conference_info(c)).collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({"offset": offset, "limit": limit, "count": found.len(), "data": data}),
    ))
}

/// `GET /v1/mmc/management/conferences/online/confDetail?conferenceID=&offset=&limit=`: a
/// conference in progress and a page of who is in it.
pub(crate) fn online_detail(shared: &Shared, parts: &Parts, _body: &Bytes) -> Result<Response, HuaweiError> {
    detail(shared, parts, true)
}

/// `GET /v1/mmc/management/conferences/confDetail?conferenceID=&offset=&limit=`: a conference
/// not ended (in progress or scheduled) and a page of its participants (those in it, or for a
/// scheduled one those invited).
pub(crate) fn any_detail(shared: &Shared, parts: &Parts, _body: &Bytes) -> Result<Response, HuaweiError> {
    detail(shared, parts, false)
}

/// `{"conferenceData": ConferenceInfo, "data": {"offset","limit","count","data":[ParticipantInfo]}}`;
/// an unknown, ended (or, `online_only`, not started) conference is 400 MMC.111070005.
fn detail(shared: &Shared, parts: &Parts, online_only: bool) -> Result<Response, HuaweiError> {
    require_access_token(shared, parts)?;
    let query = parts.uri.query();
    let id = conference_id(query, "conferenceID")?;
    let (offset, limit) = paging(query, "offset", "limit")?;
    let key = search_key(query, "searchKey")?;
    let state = shared.state();
    let conference = state
        .huawei
        .conferences
        .iter()
        .find(|c| c.conference_id == id && !c.ended && (c.started || !online_only))
        .ok_or_else(|| no_such_conference(&id))?;
    let listed: Vec<&ConferenceMember> = conference
        .members
        .iter()
        .filter(|m| if conference.in_progress() { m.in_meeting() } else { !m.presence.is_removed() })
        .filter(|m| {
            key.as_deref().is_none_or(|k| {
                let k = k.to_lowercase();
                m.name.to_lowercase().contains(&k) || m.number.as_deref().is_some_and(|n| n.contains(&k))
            })
        })
        .collect();
    let page: Vec<Value> = listed.iter().skip(offset).take(limit).map(|m| participant_info(m)).collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "conferenceData": conference_info(conference),
            "data": {"offset": offset, "limit": limit, "count": listed.len(), "data": page},
        }),
    ))
}

/// `GET /v1/mmc/management/conferences/online/conf-attendee?conf_id=&offset=&limit=`:
/// `{"offset","limit","count","data":[{"participant_id","name","call_number","role"}]}`, who
/// is in a conference in progress (400 MMC.111070005 for any other).
pub(crate) fn conf_attendee(shared: &Shared, parts: &Parts, _body: &Bytes) -> Result<Response, HuaweiError> {
    require_access_token(shared, parts)?;
    let query = parts.uri.query();
    let id = conference_id(query, "conf_id")?;
    let (offset, limit) = paging(query, "offset", "limit")?;
    let key = search_key(query, "search_key")?;
    let state = shared.state();
    let conference = state
        .huawei
        .conferences
        .iter()
        .find(|c| c.conference_id == id && c.in_progress())
        .ok_or_else(|| no_such_conference(&id))?;
    let present: Vec<&ConferenceMember> = conference
        .members
        .iter()
        .filter(|m| m.in_meeting())
        .filter(|m| key.as_deref().is_none_or(|k| m.name.contains(k) || m.participant_id == k))
        .collect();
    let data: Vec<Value> = present
        .iter()
        .skip(offset)
        .take(limit)
        .map(|m| {
            let mut item = Map::new();
            item.insert("participant_id".into(), json!(m.participant_id));
            item.insert("name".into(), json!(m.name));
            if let Some(number) = &m.number {
                item.insert("call_number".into(), json!(number));
            }
            item.insert("role".into(), json!(i32::from(m.role == HuaweiRole::Host)));
            Value::Object(item)
        })
        .collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({"offset": offset, "limit": limit, "count": present.len(), "data": data}),
    ))
}

/// `GET /v2/mms/ncms/conferences/online/check-callnumber-in-conf?call_number=N`:
/// `{"in_conf": true, "conf_id": "..."}` when a member with that number is in a conference in
/// progress (not its waiting room), else `{"in_conf": false}`.
pub(crate) fn check_call_number(
    shared: &Shared,
    parts: &Parts,
    _body: &Bytes,
) -> Result<Response, HuaweiError> {
    require_access_token(shared, parts)?;
    let number = query_param(parts.uri.query(), "call_number")
        .filter(|n| !n.is_empty())
        .ok_or_else(|| invalid("call_number is required"))?;
    let state = shared.state();
    let found = state.huawei.conferences.iter().find(|c| {
        c.in_progress()
            && c.members.iter().any(|m| m.in_meeting() && m.number.as_deref() == Some(number.as_str()))
    });
    let answer = match found {
        Some(c) => json!({"in_conf": true, "conf_id": c.conference_id}),
        None => json!({"in_conf": false}),
    };
    Ok(json_response(StatusCode::OK, &answer))
}
