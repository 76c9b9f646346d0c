//! Huawei Cloud Meeting: the routes and the request pipeline (the error format is in `error.rs`,
//! the checks the control APIs share in `control.rs`).

mod auth;
mod conference;
mod control;
mod display;
mod error;
mod info;
mod invite;
mod media;
pub(crate) mod notify;
mod online;
mod participant;
mod role;
mod screen;
mod token;
mod waiting_room;
pub(crate) mod webhook;
pub(crate) mod ws;
mod ws_token;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::response::Response;
use axum::routing::{MethodFilter, get, on, post, put};

use crate::http_util::read_body;
use crate::state::Shared;
use control::{Body, ControlHandler, Rights};

pub(crate) use error::{HuaweiError, codes, empty_ok, injected_status, not_found};
pub(crate) use notify::Feed;
pub(crate) use token::revoke as revoke_control_tokens;
pub(crate) use webhook::WebhookHub;

type Handler = fn(&Shared, &Parts, &Bytes) -> Result<Response, HuaweiError>;

/// Reads the body (400 MMC.111070001 when it cannot be), then runs `handler`.
async fn serve<F>(shared: Arc<Shared>, req: Request, handler: F) -> Response
where
    F: FnOnce(&Shared, &Parts, &Bytes) -> Result<Response, HuaweiError>,
{
    let (parts, body) = req.into_parts();
    let Some(body) = read_body(body).await else {
        return HuaweiError::bad_request(
            codes::MMC_INVALID_PARAM,
            "request body could not be read (too large or cut short)",
        )
        .into_response();
    };
    handler(&shared, &parts, &body).unwrap_or_else(HuaweiError::into_response)
}

/// `PUT /v1/mmc/management/webhook/change-status` (asynchronous: enabling posts `meeting.verify`).
async fn change_status(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let Some(body) = read_body(body).await else {
        return HuaweiError::bad_request(codes::MMC_INVALID_PARAM, "request body could not be read")
            .into_response();
    };
    webhook::change_status(shared, parts, body).await
}

/// A meeting-control API under `/v1/mmc/control/conferences/`.
struct ControlRoute {
    method: MethodFilter,
    path: &'static str,
    rights: Rights,
    body: Body,
    handler: ControlHandler,
}

const fn route(
    method: MethodFilter,
    path: &'static str,
    rights: Rights,
    body: Body,
    handler: ControlHandler,
) -> ControlRoute {
    ControlRoute { method, path, rights, body, handler }
}

const PUT: MethodFilter = MethodFilter::PUT;
const CHAIR: Rights = Rights::Chair;

/// Every meeting-control API: path under `/v1/mmc/control/conferences/`, who may call it, whether
/// it reads a JSON body, and what it does.
const CONTROL: [ControlRoute; 43] = [
    route(PUT, "participants/role", Rights::AnyToken, Body::Json, role::set),
    route(PUT, "participants/mute", CHAIR, Body::Json, participant::mute),
    route(PUT, "participants/cohost", CHAIR, Body::Json, participant::cohost),
    route(PUT, "participants/video", CHAIR, Body::Json, participant::video),
    route(PUT, "participants/hands", CHAIR, Body::Json, participant::hands),
    route(PUT, "participants/name", CHAIR, Body::Json, participant::rename),
    route(MethodFilter::POST, "participants/delete", CHAIR, Body::Json, participant::hang_up),
    route(MethodFilter::POST, "participants", CHAIR, Body::Json, invite::invite),
    route(PUT, "mute", CHAIR, Body::Json, conference::mute_all),
    route(PUT, "mute/guestUnMute", CHAIR, Body::Json, conference::guest_unmute),
    route(PUT, "lock", CHAIR, Body::Json, conference::lock),
    route(PUT, "record", CHAIR, Body::Json, conference::record),
    route(PUT, "stop", CHAIR, Body::None, conference::stop),
    route(PUT, "duration", CHAIR, Body::Json, conference::duration),
    route(PUT, "updateStartedConfConfig", CHAIR, Body::Json, conference::update_settings),
    route(PUT, "allowWaitingParticipant", CHAIR, Body::Json, waiting_room::admit),
    route(PUT, "batchMoveToWaitingRoom", CHAIR, Body::Json, waiting_room::move_in),
    route(PUT, "moveToWaitingRoom", CHAIR, Body::Json, waiting_room::move_one_in),
    route(PUT, "participants/broadcast", CHAIR, Body::None, screen::broadcast),
    route(PUT, "cancelBroadcast", CHAIR, Body::None, screen::cancel_broadcast),
    route(PUT, "participants/rollCall", CHAIR, Body::None, screen::roll_call),
    route(PUT, "participants/batch/hands", CHAIR, Body::Json, screen::batch_hands),
    route(PUT, "chairView", CHAIR, Body::Json, screen::chair_view),
    route(PUT, "partView", CHAIR, Body::Json, screen::part_view),
    route(PUT, "lockView", CHAIR, Body::Json, screen::lock_view),
    route(PUT, "pause", CHAIR, Body::Json, screen::pause),
    route(PUT, "allowAudience", CHAIR, Body::Json, screen::allow_audience),
    route(PUT, "allowClientRecord", CHAIR, Body::Json, screen::allow_client_record),
    route(PUT, "mmrRecord", CHAIR, Body::Json, media::mmr_record),
    route(PUT, "mmrLive", CHAIR, Body::Json, media::mmr_live),
    route(PUT, "live", CHAIR, Body::Json, media::live),
    route(MethodFilter::POST, "attendees/delete", CHAIR, Body::Json, invite::delete_attendees),
    route(PUT, "participants/share/invite", CHAIR, Body::Json, screen::invite_share),
    route(PUT, "display/mode", CHAIR, Body::Json, display::display_mode),
    route(MethodFilter::GET, "layOut", CHAIR, Body::None, display::layouts),
    route(MethodFilter::DELETE, "layOut", CHAIR, Body::None, display::delete_layout),
    route(PUT, "layOut", CHAIR, Body::Json, display::save_layout),
    route(PUT, "display/customMultiPicture", CHAIR, Body::Json, display::custom_multi_picture),
    route(PUT, "interpreterGroup", CHAIR, Body::Json, display::interpreter_groups),
    route(PUT, "simultaneousInterpretation", CHAIR, Body::Json, display::interpretation),
    route(PUT, "setAttendeeLanChannel", CHAIR, Body::Json, display::language_channel),
    route(MethodFilter::GET, "realTimeInfo", Rights::AnyToken, Body::None, info::real_time_info),
    route(MethodFilter::GET, "wsToken", Rights::AnyToken, Body::None, ws_token::issue),
];

/// The conference management queries (`X-Access-Token`): path and API.
const MANAGEMENT: [(&str, Handler); 6] = [
    ("/v1/mmc/management/conferences", online::search_not_ended),
    ("/v1/mmc/management/conferences/online", online::search_online),
    ("/v1/mmc/management/conferences/online/confDetail", online::online_detail),
    ("/v1/mmc/management/conferences/confDetail", online::any_detail),
    ("/v1/mmc/management/conferences/online/conf-attendee", online::conf_attendee),
    ("/v2/mms/ncms/conferences/online/check-callnumber-in-conf", online::check_call_number),
];

/// The Huawei routes.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    let mut router = Router::new()
        .route(
            "/v2/usg/acs/auth/appauth",
            post(|State(s): State<Arc<Shared>>, req: Request| serve(s, req, auth::app_auth as Handler)),
        )
        .route(
            "/v1/usg/acs/auth/account",
            post(|State(s): State<Arc<Shared>>, req: Request| serve(s, req, auth::account_auth as Handler)),
        )
        .route(
            "/v1/mmc/control/conferences/token",
            get(|State(s): State<Arc<Shared>>, req: Request| serve(s, req, token::issue as Handler)),
        )
        .route(ws::PATH, get(ws::connect))
        // The one control API without a control token: the conference password is in its body.
        .route(
            "/v1/mmc/control/conferences/inviteWithPwd",
            post(|State(s): State<Arc<Shared>>, req: Request| {
                serve(s, req, invite::invite_with_password as Handler)
            }),
        )
        // Its page lists no token and no conference.
        .route(
            "/v1/mmc/control/confmaintain/queryMgmtSiteStatus",
            get(|State(s): State<Arc<Shared>>, req: Request| {
                serve(s, req, display::management_site_status as Handler)
            }),
        )
        .route(
            "/v1/mmc/management/webhook/link-config",
            post(|State(s): State<Arc<Shared>>, req: Request| {
                serve(s, req, webhook::set_link_config as Handler)
            })
            .get(|State(s): State<Arc<Shared>>, req: Request| {
                serve(s, req, webhook::get_link_config as Handler)
            })
            .delete(|State(s): State<Arc<Shared>>, req: Request| {
                serve(s, req, webhook::delete_link_config as Handler)
            }),
        )
        .route("/v1/mmc/management/webhook/change-status", put(change_status));
    for (path, handler) in MANAGEMENT {
        router =
            router.route(path, get(move |State(s): State<Arc<Shared>>, req: Request| serve(s, req, handler)));
    }
    for r in &CONTROL {
        let (rights, body, handler) = (r.rights, r.body, r.handler);
        router = router.route(
            &format!("/v1/mmc/control/conferences/{}", r.path),
            on(r.method, move |State(s): State<Arc<Shared>>, req: Request| {
                serve(s, req, move |shared, parts, bytes| {
                    control::run(shared, parts, bytes, rights, body, handler)
                })
            }),
        );
    }
    router
}
