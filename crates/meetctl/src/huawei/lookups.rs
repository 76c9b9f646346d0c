//! Every Huawei Cloud Meeting lookup meetctl knows, as data: one row each, and the one way to run
//! a row.
//!
//! A lookup reads and changes nothing: the conferences online now, one conference's details,
//! who is online in it, whether a device's call number is in a conference, a WebSocket token, a
//! conference's saved layouts, the management site's status.
//! Most are asked with the account's access token (`X-Access-Token`); the WebSocket token and the
//! saved layouts with a conference's control token, through its [`Conference`] handle; the
//! management site's status with no token at all.

use std::time::Instant;

use serde_json::Value;

use super::call::HuaweiCall;
use super::client::HuaweiClient;
use super::conference::Conference;
use super::credentials::AccountAuth;
use super::records::{
    HuaweiCallNumberStatus, HuaweiConferenceDetails, HuaweiConferenceSummary, HuaweiInvitee,
    HuaweiOnlineAttendee, HuaweiWebhookConfig, HuaweiWsToken,
};
use super::response::answer;
use super::{HuaweiLayout, HuaweiManagementSiteStatus};
use crate::args::{Args, Param, ParamKind, Scalar};
use crate::endpoint::{self, Field, check_args, push_pair};
use crate::error::{Error, ErrorKind};
use crate::http::{HttpRequest, Method};
use crate::lookup::{Page, Paging, ReadPage, item, read_all, shape};
use crate::operation::Answer;
use crate::record::Fields;
use crate::secret::Secret;

/// Which token a lookup is asked with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupAuth {
    /// The account's access token (`X-Access-Token`): asked through the client.
    Account,
    /// The conference's control token: asked through a [`Conference`] handle, whose id is sent.
    Conference,
    /// No token: asked through the client, which sends neither the access token nor a control
    /// token, so it works with no account configured. The management site's status
    /// (`confmaintain/queryMgmtSiteStatus`) is such a lookup: the vendor's page lists no token
    /// and no conference, only an optional `X-Schema-Type` header (not sent).
    None,
}

/// The slots of a lookup's query that meetctl fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HuaweiLookupSlot {
    /// The conference handle's id, under this key.
    ConferenceId(&'static str),
}

/// One row of the lookup table.
#[derive(Debug, Clone, Copy)]
pub struct HuaweiLookupEndpoint {
    /// The path.
    pub path: &'static str,
    /// Which token it is asked with.
    pub auth: LookupAuth,
    /// Query fields, in order (the paging position is added last).
    pub query: &'static [Field<HuaweiLookupSlot>],
    /// How the answer is split into pages.
    pub paging: Paging,
    /// What it answers: one record ([`Answer::Typed`]) or a list of them ([`Answer::Pages`]).
    pub answers: Answer,
    /// Reads one page of the vendor's answer.
    pub(crate) read: ReadPage,
}

const CONFERENCE_ID: Field<HuaweiLookupSlot> =
    Field::Arg(Param::required("conference_id", "conferenceID", ParamKind::Text { max_chars: 64 }));
const DETAIL_LIMIT: Field<HuaweiLookupSlot> =
    Field::Arg(Param::default("page_size", "limit", ParamKind::Int { min: 1, max: 500 }, Scalar::Int(100)));

const ONLINE_CONFERENCES: HuaweiLookupEndpoint = HuaweiLookupEndpoint {
    path: "/v1/mmc/management/conferences/online",
    auth: LookupAuth::Account,
    query: &[
        Field::Arg(Param::optional("search_key", "searchKey", ParamKind::Text { max_chars: 128 })),
        Field::Arg(Param::optional("query_all", "queryAll", ParamKind::Bool)),
        Field::Arg(Param::default(
            "page_size",
            "limit",
            ParamKind::Int { min: 1, max: 500 },
            Scalar::Int(100),
        )),
    ],
    paging: Paging::Pages { position: "offset", first: 0 },
    answers: Answer::Pages("HuaweiConferenceSummary"),
    read: read_conference_list,
};
const CONFERENCES: HuaweiLookupEndpoint = HuaweiLookupEndpoint {
    path: "/v1/mmc/management/conferences",
    query: &[
        Field::Arg(Param::optional("search_key", "searchKey", ParamKind::Text { max_chars: 128 })),
        Field::Arg(Param::optional("query_all", "queryAll", ParamKind::Bool)),
        Field::Arg(Param::optional(
            "period",
            "queryConfMode",
            ParamKind::Choice(&["ADAY", "AWEEK", "AMONTH", "ALL"]),
        )),
        Field::Arg(Param::optional(
            "sort",
            "sortType",
            ParamKind::Choice(&["ASC_StartTIME", "DSC_StartTIME"]),
        )),
        Field::Arg(Param::default(
            "page_size",
            "limit",
            ParamKind::Int { min: 1, max: 500 },
            Scalar::Int(100),
        )),
    ],
    ..ONLINE_CONFERENCES
};
const ONLINE_CONFERENCE_DETAILS: HuaweiLookupEndpoint = HuaweiLookupEndpoint {
    path: "/v1/mmc/management/conferences/online/confDetail",
    query: &[CONFERENCE_ID, DETAIL_LIMIT],
    paging: Paging::None,
    answers: Answer::Typed("HuaweiConferenceDetails"),
    read: read_details,
    ..ONLINE_CONFERENCES
};
const CONFERENCE_DETAILS: HuaweiLookupEndpoint =
    HuaweiLookupEndpoint { path: "/v1/mmc/management/conferences/confDetail", ..ONLINE_CONFERENCE_DETAILS };
const ONLINE_ATTENDEES: HuaweiLookupEndpoint = HuaweiLookupEndpoint {
    path: "/v1/mmc/management/conferences/online/conf-attendee",
    query: &[
        Field::Arg(Param::required("conference_id", "conf_id", ParamKind::Text { max_chars: 64 })),
        Field::Arg(Param::default(
            "page_size",
            "limit",
            ParamKind::Int { min: 1, max: 500 },
            Scalar::Int(100),
        )),
    ],
    answers: Answer::Pages("HuaweiOnlineAttendee"),
    read: read_attendees,
    ..ONLINE_CONFERENCES
};
const CALL_NUMBER_STATUS: HuaweiLookupEndpoint = HuaweiLookupEndpoint {
    path: "/v2/mms/ncms/conferences/online/check-callnumber-in-conf",
    query: &[Field::Arg(Param::required("call_number", "call_number", ParamKind::Text { max_chars: 64 }))],
    paging: Paging::None,
    answers: Answer::Typed("HuaweiCallNumberStatus"),
    read: read_call_number,
    ..ONLINE_CONFERENCES
};
const WS_TOKEN: HuaweiLookupEndpoint = HuaweiLookupEndpoint {
    path: "/v1/mmc/control/conferences/wsToken",
    auth: LookupAuth::Conference,
    query: &[Field::Slot(HuaweiLookupSlot::ConferenceId("conferenceID"))],
    paging: Paging::None,
    answers: Answer::Typed("HuaweiWsToken"),
    read: read_ws_token,
};
/// The layouts saved in a conference (`GET layOut`): `picLayouts`, all in one answer.
const LAYOUTS: HuaweiLookupEndpoint = HuaweiLookupEndpoint {
    path: "/v1/mmc/control/conferences/layOut",
    answers: Answer::Pages("HuaweiLayout"),
    read: read_layouts,
    ..WS_TOKEN
};
/// `GET confmaintain/queryMgmtSiteStatus`: no conference, no token.
const MANAGEMENT_SITE_STATUS: HuaweiLookupEndpoint = HuaweiLookupEndpoint {
    path: "/v1/mmc/control/confmaintain/queryMgmtSiteStatus",
    auth: LookupAuth::None,
    query: &[],
    paging: Paging::None,
    answers: Answer::Typed("HuaweiManagementSiteStatus"),
    read: read_management_site_status,
};
const WEBHOOK_CONFIG: HuaweiLookupEndpoint = HuaweiLookupEndpoint {
    path: "/v1/mmc/management/webhook/link-config",
    auth: LookupAuth::Account,
    query: &[
        Field::Arg(Param::optional("corp_id", "corpId", ParamKind::Text { max_chars: 64 })),
        Field::Arg(Param::optional("sp_id", "spId", ParamKind::Text { max_chars: 64 })),
    ],
    paging: Paging::None,
    answers: Answer::Typed("HuaweiWebhookConfig"),
    read: read_webhook_config,
};

crate::operations! {
    /// A Huawei lookup. The numbers are stable (the C enum uses them) and never reused.
    pub enum HuaweiLookup: HuaweiLookupEndpoint {
        /// An administrator sees the enterprise's conferences with `query_all`; `search_key`
        /// matches the subject, the scheduler or the conference id.
        OnlineConferences = 1, "online_conferences",
            "The conferences in progress now, every page"
            => ONLINE_CONFERENCES;
        OnlineConferenceDetails = 2, "online_conference_details",
            "A conference in progress: its details and invitees"
            => ONLINE_CONFERENCE_DETAILS;
        ConferenceDetails = 3, "conference_details",
            "A conference not yet ended (in progress or scheduled): its details and invitees"
            => CONFERENCE_DETAILS;
        OnlineAttendees = 4, "online_attendees",
            "Who is online in a conference now, every page"
            => ONLINE_ATTENDEES;
        CallNumberStatus = 5, "call_number_status",
            "Whether a device's call number (SIP number) is in a conference now"
            => CALL_NUMBER_STATUS;
        /// Asked through a conference handle, with its control token.
        WsToken = 6, "ws_token",
            "A token to open the conference-control WebSocket"
            => WS_TOKEN;
        /// `period` is how far ahead to look (`ADAY`, `AWEEK`, `AMONTH`, `ALL`); `sort` orders by
        /// start time.
        Conferences = 7, "conferences",
            "The conferences not yet ended (in progress or scheduled), every page"
            => CONFERENCES;
        /// `corp_id` for an enterprise's subscription, `sp_id` for an SP's (multi-tenant). The
        /// subscriber key is never answered.
        WebhookConfig = 8, "webhook_config",
            "The enterprise webhook configuration: its id, subscriber id, URL and status"
            => WEBHOOK_CONFIG;
        /// The chair's control token: a guest's is refused. Layouts are released when the
        /// conference ends; `delete_layout` takes a layout's `layout_id`.
        Layouts = 9, "layouts",
            "The multi-picture layouts saved in a conference: uuid, name, picture type, sub-pictures"
            => LAYOUTS;
        /// Asked through the client with no token at all and no conference (the vendor's page
        /// lists neither): it works with no account configured.
        ManagementSiteStatus = 10, "management_site_status",
            "The management site's status (NORMAL or FAULT) and where joins are redirected"
            => MANAGEMENT_SITE_STATUS;
    }
}

/// One lookup with its arguments, as the client runs it page by page.
struct LookupCall<'a> {
    lookup: HuaweiLookup,
    args: &'a Args,
    position: Option<i64>,
}

impl HuaweiCall for LookupCall<'_> {
    fn to_request(&self, conference_id: &str) -> Result<HttpRequest, Error> {
        let spec = self.lookup.spec();
        check_args(self.args, endpoint::params(&[spec.query], |_| None), false, self.lookup.name())?;
        let mut request = HttpRequest::new(Method::Get, spec.path);
        request.safe_to_repeat = true;
        endpoint::write_query(&mut request.query, spec.query, self.args, |query, slot| {
            let HuaweiLookupSlot::ConferenceId(key) = slot;
            push_pair(query, key, conference_id);
            Ok(())
        })?;
        if let (Paging::Pages { position, .. }, Some(at)) = (spec.paging, self.position) {
            push_pair(&mut request.query, position, itoa::Buffer::new().format(at));
        }
        Ok(request)
    }
}

impl HuaweiClient {
    /// Runs `lookup` (every page of it) with the account's access token (none for a
    /// [`LookupAuth::None`] lookup) and returns meetctl's records as JSON: a list for a lookup
    /// that answers many, else the one record. `args` are its named arguments, checked before
    /// anything is sent. A [`LookupAuth::Conference`] lookup ([`HuaweiLookup::WsToken`],
    /// [`HuaweiLookup::Layouts`]) is asked through a conference handle ([`Conference::lookup`]).
    pub fn lookup(&self, lookup: HuaweiLookup, args: &Args) -> Result<Value, Error> {
        let spec = lookup.spec();
        if spec.auth == LookupAuth::Conference {
            return Err(Error::invalid(
                "lookup",
                format!("{} is asked through a conference handle (Conference::lookup)", lookup.name()),
            ));
        }
        let items = read_all(spec.paging, spec.read, |position| {
            let answer = self.lookup_answer(&LookupCall { lookup, args, position })?;
            Ok((answer, 1))
        })?;
        shape(spec.answers, items)
    }

    /// The conferences in progress whose subject, scheduler or id match `search_key` (all of
    /// them without one), every page.
    pub fn online_conferences(
        &self,
        search_key: Option<&str>,
    ) -> Result<Vec<HuaweiConferenceSummary>, Error> {
        let args = Args::new().with_opt("search_key", search_key);
        crate::lookup::typed(self.lookup(HuaweiLookup::OnlineConferences, &args)?)
    }

    /// A conference not yet ended (`online`: only one in progress): details and invitees.
    pub fn conference_details(
        &self,
        conference_id: &str,
        online: bool,
    ) -> Result<HuaweiConferenceDetails, Error> {
        let lookup =
            if online { HuaweiLookup::OnlineConferenceDetails } else { HuaweiLookup::ConferenceDetails };
        let args = Args::new().with("conference_id", conference_id);
        crate::lookup::typed(self.lookup(lookup, &args)?)
    }

    /// Who is online in a conference now, every page.
    pub fn online_attendees(&self, conference_id: &str) -> Result<Vec<HuaweiOnlineAttendee>, Error> {
        let args = Args::new().with("conference_id", conference_id);
        crate::lookup::typed(self.lookup(HuaweiLookup::OnlineAttendees, &args)?)
    }

    /// Whether a device's call number (a room's SIP number) is in a conference now, and which.
    pub fn call_number_status(&self, call_number: &str) -> Result<HuaweiCallNumberStatus, Error> {
        let args = Args::new().with("call_number", call_number);
        crate::lookup::typed(self.lookup(HuaweiLookup::CallNumberStatus, &args)?)
    }

    /// The enterprise webhook configuration (`corp_id` for an enterprise's, `sp_id` for an SP's):
    /// its id, subscriber id, URL and status; never the key.
    pub fn webhook_config(
        &self,
        corp_id: Option<&str>,
        sp_id: Option<&str>,
    ) -> Result<HuaweiWebhookConfig, Error> {
        let args = Args::new().with_opt("corp_id", corp_id).with_opt("sp_id", sp_id);
        crate::lookup::typed(self.lookup(HuaweiLookup::WebhookConfig, &args)?)
    }

    /// The management site's status (`NORMAL` or `FAULT`) and where joins are redirected; asked
    /// with no token and no conference, so it works with no account configured.
    pub fn management_site_status(&self) -> Result<HuaweiManagementSiteStatus, Error> {
        crate::lookup::typed(self.lookup(HuaweiLookup::ManagementSiteStatus, &Args::new())?)
    }

    /// The vendor's own answer to one page of an account lookup (the details' host password is
    /// read from it, and never put in a record).
    pub(crate) fn lookup_raw(&self, lookup: HuaweiLookup, args: &Args) -> Result<Value, Error> {
        self.lookup_answer(&LookupCall { lookup, args, position: None })
    }

    /// Sends one page's request with the access token (a 401 renews it once and asks again), or
    /// as it is for a [`LookupAuth::None`] lookup.
    fn lookup_answer(&self, call: &LookupCall<'_>) -> Result<Value, Error> {
        if call.lookup.spec().auth == LookupAuth::None {
            return answer(self.send(call.to_request("")?, self.deadline())?);
        }
        if self.inner.auth == AccountAuth::None {
            return Err(Error::invalid(
                "auth",
                format!(
                    "the {} lookup needs account authentication (an app id or an account)",
                    call.lookup.name()
                ),
            ));
        }
        self.with_access_token(call.to_request("")?)
    }

    /// Sends `request` with the account's access token (`X-Access-Token`); a 401 renews the token
    /// once and asks again.
    pub(crate) fn with_access_token(&self, request: HttpRequest) -> Result<Value, Error> {
        let deadline: Instant = self.deadline();
        let send = |token: &Secret| {
            let mut request = request.clone();
            request.push_header("X-Access-Token", token.expose().to_owned());
            self.send(request, deadline)
        };
        let token = self.access_token_replacing(None, deadline)?.ok_or_else(no_token)?;
        let mut sent = send(&token)?;
        if sent.response.status == 401 {
            let renewed = self.access_token_replacing(Some(&token), deadline)?.ok_or_else(no_token)?;
            sent = send(&renewed)?;
        }
        answer(sent)
    }
}

fn no_token() -> Error {
    Error::invalid("auth", "no account authentication is configured")
}

impl Conference {
    /// Runs `lookup` for this conference: a conference lookup ([`HuaweiLookup::WsToken`],
    /// [`HuaweiLookup::Layouts`]) with its control token, any other through the client with
    /// `conference_id` set to this conference's id when the lookup takes one and it is not given.
    pub fn lookup(&self, lookup: HuaweiLookup, args: &Args) -> Result<Value, Error> {
        let spec = lookup.spec();
        if spec.auth != LookupAuth::Conference {
            let takes_id = endpoint::params(&[spec.query], |_| None).any(|p| p.name == "conference_id");
            let mut args = args.clone();
            if takes_id && args.get("conference_id").is_none() {
                args.set("conference_id", self.id().to_owned());
            }
            return self.client().lookup(lookup, &args);
        }
        let value = self.call(&LookupCall { lookup, args, position: None })?;
        read_all(Paging::None, spec.read, |_| Ok((value.clone(), 1)))
            .and_then(|items| shape(spec.answers, items))
    }

    /// A token to open this conference's control WebSocket with.
    pub fn ws_token(&self) -> Result<HuaweiWsToken, Error> {
        crate::lookup::typed(self.lookup(HuaweiLookup::WsToken, &Args::new())?)
    }

    /// The multi-picture layouts saved in this conference (`GET layOut`), oldest first; a guest's
    /// token is refused.
    pub fn layouts(&self) -> Result<Vec<HuaweiLayout>, Error> {
        crate::lookup::typed(self.lookup(HuaweiLookup::Layouts, &Args::new())?)
    }
}

fn malformed(what: &str) -> Error {
    Error::new(ErrorKind::MalformedResponse, format!("the answer is not {what}"))
}

/// The next offset from the answer's `offset`, `limit` and `count`, when more remain.
fn next_offset(answer: &Value, got: usize) -> Option<i64> {
    let f = Fields(answer);
    let offset = f.int("offset").unwrap_or(0);
    let count = f.int("count")?;
    let next = offset.saturating_add(i64::try_from(got).ok()?);
    (got > 0 && next < count).then_some(next)
}

fn read_conference_list(answer: &Value) -> Result<Page, Error> {
    if !answer.is_object() {
        return Err(malformed("a JSON object with data"));
    }
    let list = Fields(answer).list("data");
    let items: Vec<Value> =
        list.iter().filter_map(HuaweiConferenceSummary::from_vendor).map(|c| item(&c)).collect();
    Ok(Page { next: next_offset(answer, list.len()), items })
}

fn read_details(answer: &Value) -> Result<Page, Error> {
    let f = Fields(answer);
    let conference = f
        .object("conferenceData")
        .and_then(|c| HuaweiConferenceSummary::from_vendor(c.0))
        .ok_or_else(|| malformed("a conference's details (conferenceData.conferenceID)"))?;
    let invitees = f.object("data").map_or(&[][..], |page| page.list("data"));
    let details = HuaweiConferenceDetails {
        conference,
        invitees: invitees.iter().map(HuaweiInvitee::from_vendor).collect(),
    };
    Ok(Page::last(vec![item(&details)]))
}

fn read_attendees(answer: &Value) -> Result<Page, Error> {
    if !answer.is_object() {
        return Err(malformed("a JSON object with data"));
    }
    let list = Fields(answer).list("data");
    let items = list.iter().map(|a| item(&HuaweiOnlineAttendee::from_vendor(a))).collect();
    Ok(Page { items, next: next_offset(answer, list.len()) })
}

fn read_call_number(answer: &Value) -> Result<Page, Error> {
    let f = Fields(answer);
    let in_conference = f.flag("in_conf").ok_or_else(|| malformed("a JSON object with in_conf"))?;
    let status =
        HuaweiCallNumberStatus { in_conference, conference_id: f.text("conf_id").filter(|_| in_conference) };
    Ok(Page::last(vec![item(&status)]))
}

fn read_webhook_config(answer: &Value) -> Result<Page, Error> {
    let data = Fields(answer).object("data").unwrap_or(Fields(answer));
    let config = HuaweiWebhookConfig::from_vendor(data.0)
        .ok_or_else(|| malformed("a webhook configuration (a JSON object with an id)"))?;
    Ok(Page::last(vec![item(&config)]))
}

fn read_layouts(answer: &Value) -> Result<Page, Error> {
    let layouts = HuaweiLayout::list_from_json(answer)?;
    Ok(Page::last(layouts.iter().map(item).collect()))
}

fn read_management_site_status(answer: &Value) -> Result<Page, Error> {
    Ok(Page::last(vec![item(&HuaweiManagementSiteStatus::from_json(answer)?)]))
}

fn read_ws_token(answer: &Value) -> Result<Page, Error> {
    let data = Fields(answer).object("data").unwrap_or(Fields(answer));
    // A credential is taken as sent (checked, not escaped or cut like display text).
    let raw = ["webSocketToken", "token"].iter().find_map(|k| data.0.get(*k).and_then(Value::as_str));
    let raw = raw.ok_or_else(|| malformed("a JSON object with a webSocketToken"))?;
    let token = HuaweiWsToken {
        token: super::token_cache::checked_token(raw, "WebSocket token")?,
        expires_at_ms: data.int("expireTime"),
        ws_url: data.text("wsURL"),
    };
    Ok(Page::last(vec![item(&token)]))
}
