//! A meeting's layouts: adding basic layouts (`POST /v1/meetings/{id}/layouts`) and advanced
//! ones (`POST …/advanced-layouts`), and applying one to the meeting or to some of its users
//! (`PUT …/applying-layout`).
//!
//! Written from the vendor's pages (cloud.tencent.com/document/product/457/56323, 1095/75665,
//! 1095/75670) and the catalogue of the official SDK's models: no OAuth 2.0; the basic API takes
//! the operator by userid only, the others by userid or ms_open_id; the creator, the host or a
//! co-host may act; up to 20 layouts a meeting (the page; the SDK's docstring says 10 for the
//! basic ones); an unknown layout id is the vendor's 20012. The answer to an add lists the new
//! layouts with their ids (the shape of the vendor's layout listing: the add pages name no
//! fields).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::call::{Call, live_meeting};
use super::error::TencentError;
use super::fields::{integer, object_list, optional_boolean, optional_integer, required_string};
use super::operator::{IdKind, Scope, Who, check_instanceid, find_target};
use super::reach::{May, check_may, enterprise_only, operator};

/// A layout as a request gives it: its name (advanced layouts) and pages.
type NewLayout = (Option<String>, Vec<Value>);

/// The most layouts (basic and advanced together) a meeting holds.
const MAX_LAYOUTS: usize = 20;
/// The vendor's code for a layout id the meeting does not have.
const NO_SUCH_LAYOUT: i64 = 20012;

/// Which API made a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `layouts`: the vendor's `layout_type` 1.
    Basic,
    /// `advanced-layouts`: `layout_type` 2.
    Advanced,
}

/// One layout of a meeting.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    layout_id: String,
    kind: Kind,
    layout_name: Option<String>,
    page_list: Vec<Value>,
}

/// A meeting's layouts.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Layouts {
    /// Oldest first.
    list: Vec<Layout>,
    /// How many were ever made (numbers the ids).
    made: u32,
    /// The layout the meeting applies (`None`: the default one).
    applied: Option<String>,
    /// The layout applied to a user (by ms_open_id), over the meeting's.
    per_user: BTreeMap<String, String>,
}

impl Layouts {
    /// The state JSON: the layouts, the one applied, each user's.
    pub(crate) fn to_json(&self) -> Value {
        let list: Vec<Value> = self
            .list
            .iter()
            .map(|l| {
                json!({
                    "layout_id": l.layout_id,
                    "layout_type": if l.kind == Kind::Basic { 1 } else { 2 },
                    "layout_name": l.layout_name,
                    "page_list": l.page_list,
                })
            })
            .collect();
        json!({"layout_list": list, "selected_layout_id": self.applied, "user_layouts": self.per_user})
    }

    fn add(
        &mut self,
        kind: Kind,
        layouts: Vec<(Option<String>, Vec<Value>)>,
    ) -> Result<Vec<String>, TencentError> {
        if self.list.len() + layouts.len() > MAX_LAYOUTS {
            return Err(TencentError::param(format!(
                "a meeting holds at most {MAX_LAYOUTS} layouts ({} already, {} added)",
                self.list.len(),
                layouts.len()
            )));
        }
        let mut ids = Vec::with_capacity(layouts.len());
        for (layout_name, page_list) in layouts {
            self.made = self.made.saturating_add(1);
            let layout_id = format!("layout-{}", self.made);
            ids.push(layout_id.clone());
            self.list.push(Layout { layout_id, kind, layout_name, page_list });
        }
        Ok(ids)
    }

    /// The answer to an add: the new layouts with their ids, and the one the meeting applies.
    fn added(&self, ids: &[String]) -> Value {
        let new: Vec<Value> = self
            .list
            .iter()
            .filter(|l| ids.contains(&l.layout_id))
            .map(|l| json!({"layout_id": l.layout_id, "page_list": l.page_list}))
            .collect();
        json!({"layout_number": new.len(), "selected_layout_id": self.applied, "layout_list": new})
    }
}

/// `POST /v1/meetings/{id}/layouts`: `layout_list[{page_list[{layout_template_id,
/// user_seat_list?[{grid_id, grid_type 1|2|3, userid?, uuid?, ms_open_id?, username?,
/// tool_sdkid?}]}]}]`, `default_layout_order?`. The first layouts a meeting gets are applied
/// (the one `default_layout_order` picks, else the first).
pub(crate) fn add(call: &Call<'_>) -> Result<Value, TencentError> {
    enterprise_only(call.identity)?;
    let operator = operator(call.body, false)?;
    check_instanceid(integer(call.body, "instanceid", "instanceid")?, IdKind::UserId, "instanceid")?;
    let layouts = layout_list(call.body, Kind::Basic)?;
    let order = optional_integer(call.body, "default_layout_order", "default_layout_order")?;
    if let Some(order) = order {
        if order < 1 || order > i64::try_from(layouts.len()).unwrap_or(i64::MAX) {
            return Err(TencentError::param(format!(
                "default_layout_order {order} is not between 1 and the {} layouts given",
                layouts.len()
            )));
        }
    }
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    check_may(meeting, &operator, May::Manager)?;
    let first = meeting.layouts.list.is_empty();
    let ids = meeting.layouts.add(Kind::Basic, layouts)?;
    let picked = match order {
        Some(order) => usize::try_from(order - 1).ok().and_then(|i| ids.get(i)),
        None if first => ids.first(),
        None => None,
    };
    if let Some(id) = picked {
        meeting.layouts.applied = Some(id.clone());
    }
    Ok(meeting.layouts.added(&ids))
}

/// `POST /v1/meetings/{id}/advanced-layouts`: `layout_list[{layout_name?, page_list[{
/// layout_template_id, enable_polling?, polling_setting?{polling_interval_unit 1|2,
/// polling_interval 1–999999, ignore_user_novideo, ignore_user_absence}, user_seat_list[{grid_id,
/// grid_type 1|2, video_type? 1|2|3, user_list?}]}]}]`. Nothing is applied.
pub(crate) fn add_advanced(call: &Call<'_>) -> Result<Value, TencentError> {
    enterprise_only(call.identity)?;
    let operator = operator(call.body, true)?;
    let kind =
        if matches!(operator, super::reach::Operator::UserId(_)) { IdKind::UserId } else { IdKind::MsOpenId };
    check_instanceid(integer(call.body, "instanceid", "instanceid")?, kind, "instanceid")?;
    let layouts = layout_list(call.body, Kind::Advanced)?;
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    check_may(meeting, &operator, May::Manager)?;
    let ids = meeting.layouts.add(Kind::Advanced, layouts)?;
    Ok(meeting.layouts.added(&ids))
}

/// `PUT /v1/meetings/{id}/applying-layout`: `layout_id` (`""`: back to the default layout) for
/// the meeting, or with `user_list[{ms_open_id, instanceid}]` (at most 20) for those users only. A
/// user on another device than the one named is left alone (the vendor: "otherwise it has no
/// effect"); a user not in the meeting is 190004; an unknown layout id 20012.
pub(crate) fn apply(call: &Call<'_>) -> Result<Value, TencentError> {
    enterprise_only(call.identity)?;
    let operator = operator(call.body, true)?;
    let kind =
        if matches!(operator, super::reach::Operator::UserId(_)) { IdKind::UserId } else { IdKind::MsOpenId };
    check_instanceid(integer(call.body, "instanceid", "instanceid")?, kind, "instanceid")?;
    let layout_id = match call.body.get("layout_id") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(TencentError::param("layout_id must be a string")),
    };
    let users = match call.body.get("user_list") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) if a.is_empty() => Vec::new(),
        Some(_) => {
            let list = object_list(call.body, "user_list")?;
            if list.len() > 20 {
                return Err(TencentError::param("user_list takes at most 20 users"));
            }
            list.iter().enumerate().map(|(i, u)| layout_user(u, i)).collect::<Result<Vec<_>, _>>()?
        }
    };
    let mut state = call.shared.state();
    let meeting = live_meeting(&mut state, call.identity, call.meeting_id)?;
    check_may(meeting, &operator, May::Manager)?;
    if !layout_id.is_empty() && !meeting.layouts.list.iter().any(|l| l.layout_id == layout_id) {
        return Err(TencentError::new(NO_SUCH_LAYOUT, format!("layout {layout_id} does not exist")));
    }
    let mut found = Vec::with_capacity(users.len());
    for who in &users {
        if let Some(i) = find_target(meeting, who, Scope::InMeeting)? {
            found.push(i);
        }
    }
    if users.is_empty() {
        meeting.layouts.applied = (!layout_id.is_empty()).then_some(layout_id);
        return Ok(json!({}));
    }
    for i in found {
        let Some(ms_open_id) = meeting.members.get(i).and_then(|m| m.ms_open_id.clone()) else { continue };
        if layout_id.is_empty() {
            meeting.layouts.per_user.remove(&ms_open_id);
        } else {
            meeting.layouts.per_user.insert(ms_open_id, layout_id.clone());
        }
    }
    Ok(json!({}))
}

fn layout_user(user: &Map<String, Value>, i: usize) -> Result<Who, TencentError> {
    let shown = format!("user_list[{i}]");
    let id = required_string(user, "ms_open_id", &format!("{shown}.ms_open_id"))?;
    let shown_instance = format!("{shown}.instanceid");
    let instanceid = integer(user, "instanceid", &shown_instance)?;
    check_instanceid(instanceid, IdKind::MsOpenId, &shown_instance)?;
    Ok(Who { kind: IdKind::MsOpenId, id: id.to_owned(), instanceid })
}

/// The body's `layout_list`: each layout's name (advanced) and checked pages.
fn layout_list(body: &Map<String, Value>, kind: Kind) -> Result<Vec<NewLayout>, TencentError> {
    let mut out = Vec::new();
    for (i, layout) in object_list(body, "layout_list")?.into_iter().enumerate() {
        let shown = format!("layout_list[{i}]");
        let layout_name = match (kind, layout.get("layout_name")) {
            (_, None | Some(Value::Null)) => None,
            (Kind::Advanced, Some(Value::String(s))) => Some(s.clone()),
            (Kind::Advanced, Some(_)) => {
                return Err(TencentError::param(format!("{shown}.layout_name must be a string")));
            }
            (Kind::Basic, Some(_)) => None,
        };
        let pages = object_list(layout, "page_list").map_err(|e| at(&shown, e))?;
        let mut page_list = Vec::with_capacity(pages.len());
        for (j, page) in pages.into_iter().enumerate() {
            let shown = format!("{shown}.page_list[{j}]");
            check_page(page, kind, &shown)?;
            page_list.push(Value::Object(page.clone()));
        }
        out.push((layout_name, page_list));
    }
    Ok(out)
}

/// A nested field's error, named from the body's top (`layout_list[0].page_list is required`).
fn at(shown: &str, e: TencentError) -> TencentError {
    TencentError { message: format!("{shown}.{}", e.message), ..e }
}

fn check_page(page: &Map<String, Value>, kind: Kind, shown: &str) -> Result<(), TencentError> {
    required_string(page, "layout_template_id", &format!("{shown}.layout_template_id"))?;
    let seats = match (kind, page.get("user_seat_list")) {
        (Kind::Basic, None | Some(Value::Null)) => Vec::new(),
        _ => object_list(page, "user_seat_list").map_err(|e| at(shown, e))?,
    };
    if kind == Kind::Advanced {
        optional_boolean(page, "enable_polling").map_err(|e| at(shown, e))?;
        if let Some(polling) = page.get("polling_setting").filter(|v| !v.is_null()) {
            let shown = format!("{shown}.polling_setting");
            let Some(polling) = polling.as_object() else {
                return Err(TencentError::param(format!("{shown} must be an object")));
            };
            let unit = integer(polling, "polling_interval_unit", &format!("{shown}.polling_interval_unit"))?;
            let interval = integer(polling, "polling_interval", &format!("{shown}.polling_interval"))?;
            if !(1..=2).contains(&unit) || !(1..=999_999).contains(&interval) {
                return Err(TencentError::param(format!("{shown}: unit 1|2 and an interval of 1-999999")));
            }
        }
    }
    let grid_types: &[i64] = if kind == Kind::Basic { &[1, 2, 3] } else { &[1, 2] };
    for (k, seat) in seats.into_iter().enumerate() {
        let shown = format!("{shown}.user_seat_list[{k}]");
        required_string(seat, "grid_id", &format!("{shown}.grid_id"))?;
        let grid_type = integer(seat, "grid_type", &format!("{shown}.grid_type"))?;
        if !grid_types.contains(&grid_type) {
            return Err(TencentError::param(format!("{shown}.grid_type {grid_type} is not valid")));
        }
    }
    Ok(())
}
