//! Huawei Cloud Meeting: `meetctl_huawei_client`, `meetctl_huawei_conference`, tokens, every
//! conference-control operation (one generic call and one prepare), the named host-role calls,
//! the conference info, generic and prepared requests.

use std::ffi::{CString, c_char};
use std::ptr;

use meetctl::huawei::{
    AccountAuth, Conference, ConferenceAuth, ConferenceControl, GenericConferenceCall, HuaweiCall,
    HuaweiClient, HuaweiOperation, Region,
};
use meetctl::{Args, Secret};

use crate::conference_info::meetctl_huawei_conference_info;
use crate::config::meetctl_config;
use crate::error::{fallible, meetctl_error};
use crate::failure::BoundaryFailure;
use crate::ffi::{self, meetctl_query_param};
use crate::panic::boundary;
use crate::prepared::meetctl_prepared;
use crate::status::meetctl_status;

/// A Huawei Cloud Meeting client: region or base URL, transport settings, a connection pool, and
/// (with account authentication) the account's access token, fetched when first needed, cached
/// and refreshed.
///
/// Made with `meetctl_huawei_client_new`, `meetctl_huawei_client_new_app_id` or
/// `meetctl_huawei_client_new_account`; freed with `meetctl_huawei_client_free`.
///
/// Thread safety: thread-safe. Any number of threads may use one client at once (they share its
/// pool and its access token); only freeing it must wait until no call is running. Conference
/// handles keep what they need of the client: it may be freed before them.
pub struct meetctl_huawei_client {
    pub(crate) client: HuaweiClient,
    base_url: CString,
}

/// A handle on one conference, authorised by a meeting control token: one given by the caller
/// (used as is, never refreshed), or one the handle obtains with the conference password, caches,
/// refreshes before it expires, and once more after a 401 answer.
///
/// Made with `meetctl_huawei_conference_new_with_token` or
/// `meetctl_huawei_conference_new_with_password`; freed with `meetctl_huawei_conference_free`.
///
/// Thread safety: thread-safe. Concurrent calls share one control token, and wait for one
/// refresh rather than each making their own; only freeing it must wait until no call runs.
pub struct meetctl_huawei_conference {
    pub(crate) conference: Conference,
    id: CString,
}

fn new_client(
    config: *const meetctl_config,
    auth: AccountAuth,
    out: ffi::Out<*mut meetctl_huawei_client>,
) -> Result<(), BoundaryFailure> {
    let (config, region) = meetctl_config::or_default(config);
    let client = HuaweiClient::new(region, auth, config)?;
    let base_url = ffi::c_string(client.base_url());
    out.write(ffi::into_handle(meetctl_huawei_client { client, base_url }));
    Ok(())
}

/// A client without account authentication: conferences are controlled with their passwords or
/// control tokens alone. `config` may be `NULL` for the defaults (region `cn-north-4`).
///
/// On success `*client_out` receives a new client to free with `meetctl_huawei_client_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_client_new(
    config: *const meetctl_config,
    client_out: *mut *mut meetctl_huawei_client,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || new_client(config, AccountAuth::None, ffi::try_out(client_out, "client_out")?))
}

/// A client with App ID authentication (`POST /v2/usg/acs/auth/appauth`): `app_id`, `app_key`
/// (signs, never sent), `user_id` the token acts for (`NULL` for none), and `corp_id` for a
/// multi-tenant app (`NULL` for single-tenant). The access token is fetched when first needed.
///
/// On success `*client_out` receives a new client to free with `meetctl_huawei_client_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_client_new_app_id(
    config: *const meetctl_config,
    app_id: *const c_char,
    app_key: *const c_char,
    user_id: *const c_char,
    corp_id: *const c_char,
    client_out: *mut *mut meetctl_huawei_client,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let out = ffi::try_out(client_out, "client_out")?;
        let auth = AccountAuth::app_id(
            ffi::try_str(app_id, "app_id")?,
            ffi::try_str(app_key, "app_key")?,
            ffi::try_opt_str(user_id, "user_id")?.map(str::to_owned),
            ffi::try_opt_str(corp_id, "corp_id")?.map(str::to_owned),
        );
        new_client(config, auth, out)
    })
}

/// A client with account and password authentication (`POST /v1/usg/acs/auth/account`). The
/// access token is fetched when first needed.
///
/// On success `*client_out` receives a new client to free with `meetctl_huawei_client_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_client_new_account(
    config: *const meetctl_config,
    account: *const c_char,
    password: *const c_char,
    client_out: *mut *mut meetctl_huawei_client,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let out = ffi::try_out(client_out, "client_out")?;
        let auth =
            AccountAuth::account(ffi::try_str(account, "account")?, ffi::try_str(password, "password")?);
        new_client(config, auth, out)
    })
}

/// Frees a client. `NULL` is a no-op. No call on it may be running; its conference handles stay
/// usable.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_client_free(client: *mut meetctl_huawei_client) {
    boundary(|| ffi::free_box(client))
}

/// The base URL requests go to (no trailing `/`). Borrowed from `client`; `NULL` only for a
/// `NULL` argument.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_client_get_base_url(client: *const meetctl_huawei_client) -> *const c_char {
    boundary(|| ffi::opt_ref(client).map_or(ptr::null(), |c| c.base_url.as_ptr()))
}

/// The region the client was made for (`"cn-north-4"`). A static string; `NULL` only for a
/// `NULL` argument.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_client_get_region(client: *const meetctl_huawei_client) -> *const c_char {
    boundary(|| {
        ffi::opt_ref(client).map_or(ptr::null(), |c| match c.client.region() {
            Region::CnNorth4 => c"cn-north-4".as_ptr(),
            Region::ApSoutheast1 => c"ap-southeast-1".as_ptr(),
        })
    })
}

/// The account-level access token (`X-Access-Token`), fetched or refreshed when needed. On
/// success `*token_out` receives a new string to free with `meetctl_string_free`, or `NULL` for
/// a client without account authentication. It is a credential: do not log it.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_client_access_token(
    client: *const meetctl_huawei_client,
    token_out: *mut *mut c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let out = ffi::try_out(token_out, "token_out")?;
        match client.access_token()? {
            Some(token) => ffi::write_string(out, token.expose()),
            None => out.write(ptr::null_mut()),
        }
        Ok(())
    })
}

fn new_conference(
    client: *const meetctl_huawei_client,
    conference_id: *const c_char,
    conference_out: *mut *mut meetctl_huawei_conference,
    auth: impl FnOnce() -> Result<ConferenceAuth, BoundaryFailure>,
) -> Result<(), BoundaryFailure> {
    let client = &ffi::try_ref(client, "client")?.client;
    let out = ffi::try_out(conference_out, "conference_out")?;
    let conference_id = ffi::try_str(conference_id, "conference_id")?;
    let conference = client.conference(conference_id, auth()?)?;
    let id = ffi::c_string(conference.id());
    out.write(ffi::into_handle(meetctl_huawei_conference { conference, id }));
    Ok(())
}

/// A handle on conference `conference_id` authorised by `control_token`, a meeting control token
/// the caller already has: used as is (`X-Conference-Authorization`), never refreshed. Nothing is
/// sent. On success `*conference_out` receives a new handle to free with
/// `meetctl_huawei_conference_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_new_with_token(
    client: *const meetctl_huawei_client,
    conference_id: *const c_char,
    control_token: *const c_char,
    conference_out: *mut *mut meetctl_huawei_conference,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        new_conference(client, conference_id, conference_out, || {
            Ok(ConferenceAuth::Token(Secret::new(ffi::try_str(control_token, "control_token")?)))
        })
    })
}

/// A handle on conference `conference_id` that obtains its control token with `password`, the
/// conference's host or guest password (with the client's access token when it has account
/// authentication). Nothing is sent until the first call. On success `*conference_out` receives
/// a new handle to free with `meetctl_huawei_conference_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_new_with_password(
    client: *const meetctl_huawei_client,
    conference_id: *const c_char,
    password: *const c_char,
    conference_out: *mut *mut meetctl_huawei_conference,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        new_conference(client, conference_id, conference_out, || {
            Ok(ConferenceAuth::Password(Secret::new(ffi::try_str(password, "password")?)))
        })
    })
}

/// Frees a conference handle. `NULL` is a no-op. No call on it may be running.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_free(conference: *mut meetctl_huawei_conference) {
    boundary(|| ffi::free_box(conference))
}

/// The conference id. Borrowed from `conference`; `NULL` only for a `NULL` argument.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_get_id(
    conference: *const meetctl_huawei_conference,
) -> *const c_char {
    boundary(|| ffi::opt_ref(conference).map_or(ptr::null(), |c| c.id.as_ptr()))
}

/// The current control token, fetched or refreshed when needed (a given token is returned as is).
/// On success `*token_out` receives a new string to free with `meetctl_string_free`. It is a
/// credential: do not log it.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_control_token(
    conference: *const meetctl_huawei_conference,
    token_out: *mut *mut c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let conference = &ffi::try_ref(conference, "conference")?.conference;
        let out = ffi::try_out(token_out, "token_out")?;
        ffi::write_string(out, conference.control_token()?.expose());
        Ok(())
    })
}

/// Sends `control` and discards the answer (the seed calls).
fn act(
    conference: *const meetctl_huawei_conference,
    control: impl FnOnce() -> Result<ConferenceControl, BoundaryFailure>,
) -> Result<(), BoundaryFailure> {
    let conference = &ffi::try_ref(conference, "conference")?.conference;
    conference.call(&control()?)?;
    Ok(())
}

/// Applies for the host role for participant `participant_id` with the chairman (host) password
/// (`PUT /v1/mmc/control/conferences/participants/role`, `applyChair` 1). The same as
/// `meetctl_huawei_conference_control` with `MEETCTL_HUAWEI_OPERATION_APPLY_HOST`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_apply_host(
    conference: *const meetctl_huawei_conference,
    participant_id: *const c_char,
    chairman_password: *const c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        act(conference, || {
            let participant_id = ffi::try_str(participant_id, "participant_id")?;
            let chairman_password = ffi::try_str(chairman_password, "chairman_password")?;
            Ok(ConferenceControl::new(HuaweiOperation::ApplyHost)
                .participant(participant_id)
                .args(Args::new().with("chairman_password", chairman_password)))
        })
    })
}

/// Gives up the host role of participant `participant_id` (`applyChair` 0); no password is sent.
/// As `MEETCTL_HUAWEI_OPERATION_RELINQUISH_HOST`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_relinquish_host(
    conference: *const meetctl_huawei_conference,
    participant_id: *const c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        act(conference, || {
            let participant_id = ffi::try_str(participant_id, "participant_id")?;
            Ok(ConferenceControl::new(HuaweiOperation::RelinquishHost).participant(participant_id))
        })
    })
}

/// Reads the arguments of `meetctl_huawei_conference_control` / `_prepare` into the core's call.
/// Errors name `operation`, `participant_ids` / `participant_ids[i]` and `args`.
fn read_control(
    operation: u32,
    participant_ids: *const *const c_char,
    participant_ids_len: usize,
    args_json: *const c_char,
) -> Result<ConferenceControl, BoundaryFailure> {
    let operation = crate::operation::huawei(operation)?;
    let ids = ffi::try_slice(participant_ids, participant_ids_len, "participant_ids", "participant_ids_len")?
        .iter()
        .enumerate()
        .map(|(i, id)| ffi::try_str(*id, format!("participant_ids[{i}]")))
        .collect::<Result<Vec<_>, BoundaryFailure>>()?;
    let args = ffi::args(args_json)?;
    Ok(ConferenceControl::new(operation).participants(ids).args(args))
}

/// Performs `operation` (a `meetctl_huawei_operation`) on this conference, with its control token,
/// on the `participant_ids_len` participant ids at `participant_ids` (`NULL` when 0), with
/// `args_json`, a JSON object of the operation's named arguments (`{"minutes":30}`), or `NULL` for
/// none. Which participants and arguments each operation takes is listed with
/// `meetctl_huawei_operation`. With a password handle, a 401 answer refreshes the token once and
/// repeats the call once.
///
/// Everything is validated before anything is sent: an unknown `operation` number, the wrong
/// number of participant ids, or an unknown, missing or wrongly typed argument is
/// `MEETCTL_STATUS_INVALID_ARGUMENT` naming the field (`operation`, `participant_id`,
/// `participant_ids`, `args`, `minutes`, …).
///
/// On success, when `answer_out` is not `NULL`, `*answer_out` receives the JSON answer as a new
/// string (`null` for an empty body, the conference for `MEETCTL_HUAWEI_OPERATION_INFO`) to free
/// with `meetctl_string_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_control(
    conference: *const meetctl_huawei_conference,
    operation: u32,
    participant_ids: *const *const c_char,
    participant_ids_len: usize,
    args_json: *const c_char,
    answer_out: *mut *mut c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let conference = &ffi::try_ref(conference, "conference")?.conference;
        let out = ffi::opt_out(answer_out);
        let control = read_control(operation, participant_ids, participant_ids_len, args_json)?;
        let answer = conference.call(&control)?;
        if let Some(out) = out {
            ffi::write_string(out, &answer.to_string());
        }
        Ok(())
    })
}

/// What `meetctl_huawei_conference_control` would send with the same arguments, with the control
/// token, not sent (a password handle may fetch its token). On success `*prepared_out` receives
/// a new `meetctl_prepared` to free with `meetctl_prepared_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_prepare(
    conference: *const meetctl_huawei_conference,
    operation: u32,
    participant_ids: *const *const c_char,
    participant_ids_len: usize,
    args_json: *const c_char,
    prepared_out: *mut *mut meetctl_prepared,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        prepare(conference, prepared_out, || {
            read_control(operation, participant_ids, participant_ids_len, args_json)
        })
    })
}

/// The conference now (`GET /v1/mmc/control/conferences/realTimeInfo`; the `info` operation):
/// host, co-hosts and everyone online. On success `*info_out` receives a new
/// `meetctl_huawei_conference_info` to free with `meetctl_huawei_conference_info_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_fetch_info(
    conference: *const meetctl_huawei_conference,
    info_out: *mut *mut meetctl_huawei_conference_info,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let conference = &ffi::try_ref(conference, "conference")?.conference;
        let out = ffi::try_out(info_out, "info_out")?;
        let info = conference.info()?;
        out.write(ffi::into_handle(meetctl_huawei_conference_info::new(info)));
        Ok(())
    })
}

fn generic_call(
    method: *const c_char,
    path: *const c_char,
    query: *const meetctl_query_param,
    query_len: usize,
    body_json: *const c_char,
) -> Result<GenericConferenceCall, BoundaryFailure> {
    let g = ffi::generic(method, path, query, query_len, body_json)?;
    Ok(GenericConferenceCall { method: g.method, path: g.path, query: g.query, body: g.body })
}

/// Any other meeting-control call on this conference, with its control token: `method`, `path`
/// (`/v1/mmc/control/conferences/participants/mute`), `query_len` query parameters at `query`
/// besides `conferenceID`, which the handle adds (`NULL` when 0), and `body_json`, a JSON text or
/// `NULL` for no body.
///
/// On success `*answer_out` receives the JSON answer as a new string (`"null"` for an empty
/// body), to free with `meetctl_string_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_request(
    conference: *const meetctl_huawei_conference,
    method: *const c_char,
    path: *const c_char,
    query: *const meetctl_query_param,
    query_len: usize,
    body_json: *const c_char,
    answer_out: *mut *mut c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let conference = &ffi::try_ref(conference, "conference")?.conference;
        let out = ffi::try_out(answer_out, "answer_out")?;
        let answer = conference.call(&generic_call(method, path, query, query_len, body_json)?)?;
        ffi::write_string(out, &answer.to_string());
        Ok(())
    })
}

/// Checks the handle and the out-parameter, builds the call, adds the control token (fetching it
/// when needed) and hands it out.
fn prepare<C: HuaweiCall>(
    conference: *const meetctl_huawei_conference,
    prepared_out: *mut *mut meetctl_prepared,
    call: impl FnOnce() -> Result<C, BoundaryFailure>,
) -> Result<(), BoundaryFailure> {
    let conference = &ffi::try_ref(conference, "conference")?.conference;
    let out = ffi::try_out(prepared_out, "prepared_out")?;
    let prepared = conference.prepare(&call()?)?;
    out.write(ffi::into_handle(meetctl_prepared::new(prepared)));
    Ok(())
}

/// What `meetctl_huawei_conference_request` would send, not sent; as
/// `meetctl_huawei_conference_prepare`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_prepare_request(
    conference: *const meetctl_huawei_conference,
    method: *const c_char,
    path: *const c_char,
    query: *const meetctl_query_param,
    query_len: usize,
    body_json: *const c_char,
    prepared_out: *mut *mut meetctl_prepared,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        prepare(conference, prepared_out, || generic_call(method, path, query, query_len, body_json))
    })
}
