//! Tencent Meeting: `meetctl_tencent_client`, co-hosts, video, generic and prepared requests.

use std::ffi::{CString, c_char};
use std::ptr;

use meetctl::tencent::{
    CloseVideo, GenericCall, Instance, SetCohost, TencentCall, TencentClient, TencentCredentials,
    TencentUser, TencentUserId,
};

use crate::config::meetctl_config;
use crate::error::{Failure, meetctl_error};
use crate::ffi::{self, meetctl_query_param};
use crate::panic::{boundary, fallible};
use crate::prepared::meetctl_prepared;
use crate::status::meetctl_status;

/// A Tencent Meeting client: credentials, transport settings and a connection pool.
///
/// Made with `meetctl_tencent_client_new_enterprise` or `meetctl_tencent_client_new_oauth`,
/// freed with `meetctl_tencent_client_free`.
///
/// Thread safety: thread-safe. Any number of threads may call functions on one client at once
/// (they share its connection pool); only freeing it must wait until no call is running.
pub struct meetctl_tencent_client {
    client: TencentClient,
    base_url: CString,
}

/// How a `meetctl_tencent_user` names the participant (`id_kind`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_id_kind {
    /// Enterprise user id (the vendor's `operator_id_type` 1).
    Userid = 1,
    /// OAuth 2.0 open id (`operator_id_type` 2): operator of close-video with OAuth only.
    Openid = 2,
    /// Meeting-scoped open id (`operator_id_type` 4): devices 1 to 8 only.
    MsOpenId = 4,
    /// The participant's uuid (sent in the `uuid` field; no type number).
    Uuid = 100,
}

/// The device a participant is on (`instanceid`), from the vendor's table.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_instance {
    /// PC
    Pc = 1,
    /// Mac
    Mac = 2,
    /// Android
    Android = 3,
    /// iOS
    Ios = 4,
    /// Web
    Web = 5,
    /// iPad
    Ipad = 6,
    /// Android Pad
    AndroidPad = 7,
    /// Mini Program
    MiniProgram = 8,
    /// VoIP / SIP device
    VoipSip = 9,
    /// Linux
    Linux = 10,
    /// Rooms for Touch Windows
    RoomsTouchWindows = 20,
    /// Rooms for Touch Mac
    RoomsTouchMac = 21,
    /// Rooms for Touch Android
    RoomsTouchAndroid = 22,
    /// Controller for Touch Windows
    ControllerTouchWindows = 30,
    /// Controller for Touch Android
    ControllerTouchAndroid = 32,
    /// Controller for Touch iPhone
    ControllerTouchIphone = 33,
}

/// A participant as the control calls name one: an id of some kind, and the device they are on.
///
/// ```c
/// meetctl_tencent_user op = { MEETCTL_ID_KIND_MS_OPEN_ID, "afagsagwags", MEETCTL_INSTANCE_IOS };
/// ```
///
/// For a target, `instance` must be the device the user is really on, or the call succeeds
/// without effect (the vendor's rule). Errors about the operator name the fields `operator`,
/// `operator.id_kind`, `operator.id`, `operator.instanceid`; about the target, `user`, `user.…`.
#[repr(C)]
pub struct meetctl_tencent_user {
    /// A `meetctl_id_kind` value.
    pub id_kind: u32,
    /// The id: NUL-terminated UTF-8, not empty.
    pub id: *const c_char,
    /// A `meetctl_instance` value (the vendor's `instanceid`).
    pub instance: i32,
}

/// Reads a participant, naming `role` (`"operator"` or `"user"`) in errors.
fn read_user(ptr: *const meetctl_tencent_user, role: &'static str) -> Result<TencentUser, Failure> {
    let u = ffi::try_ref(ptr, role)?;
    let id = ffi::try_str(u.id, format!("{role}.id"))?.to_owned();
    let id = match u.id_kind {
        1 => TencentUserId::UserId(id),
        2 => TencentUserId::OpenId(id),
        4 => TencentUserId::MsOpenId(id),
        100 => TencentUserId::Uuid(id),
        other => {
            return Err(Failure::invalid(
                format!("{role}.id_kind"),
                format!("{other} is not a meetctl_id_kind (USERID 1, OPENID 2, MS_OPEN_ID 4, UUID 100)"),
            ));
        }
    };
    let instance = Instance::from_code(i64::from(u.instance), format!("{role}.instanceid"))?;
    Ok(TencentUser::new(id, instance))
}

/// The arguments every control call takes.
fn control_args(
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    user: *const meetctl_tencent_user,
) -> Result<(String, TencentUser, TencentUser), Failure> {
    Ok((
        ffi::try_str(meeting_id, "meeting_id")?.to_owned(),
        read_user(op, "operator")?,
        read_user(user, "user")?,
    ))
}

fn generic_call(
    method: *const c_char,
    path: *const c_char,
    query: *const meetctl_query_param,
    query_len: usize,
    body_json: *const c_char,
) -> Result<GenericCall, Failure> {
    let g = ffi::generic(method, path, query, query_len, body_json)?;
    Ok(GenericCall { method: g.method, path: g.path, query: g.query, body: g.body })
}

fn new_client(
    config: *const meetctl_config,
    credentials: TencentCredentials,
    out: ffi::Out<*mut meetctl_tencent_client>,
) -> Result<(), Failure> {
    let (config, _region) = meetctl_config::or_default(config);
    let client = TencentClient::new(credentials, config)?;
    let base_url = ffi::c_string(client.base_url());
    out.write(ffi::into_handle(meetctl_tencent_client { client, base_url }));
    Ok(())
}

/// A client for an enterprise self-built app (AK/SK; every request is signed): `app_id` (sent as
/// `AppId`), `secret_id` (`X-TC-Key`), `secret_key` (signs, never sent), and `sdk_id` only when
/// one was assigned (`NULL` otherwise). `config` may be `NULL` for the defaults.
///
/// On success `*client_out` receives a new client to free with `meetctl_tencent_client_free`.
/// Nothing is sent; empty or malformed credentials and config values are
/// `MEETCTL_STATUS_INVALID_ARGUMENT` naming the field.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_new_enterprise(
    config: *const meetctl_config,
    app_id: *const c_char,
    secret_id: *const c_char,
    secret_key: *const c_char,
    sdk_id: *const c_char,
    client_out: *mut *mut meetctl_tencent_client,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let out = ffi::try_out(client_out, "client_out")?;
        let credentials = TencentCredentials::enterprise(
            ffi::try_str(app_id, "app_id")?,
            ffi::try_str(secret_id, "secret_id")?,
            ffi::try_str(secret_key, "secret_key")?,
            ffi::try_opt_str(sdk_id, "sdk_id")?.map(str::to_owned),
        );
        new_client(config, credentials, out)
    })
}

/// A client for an OAuth 2.0 app acting for one user: `open_id` (sent as `OpenId`) and
/// `access_token` (`AccessToken`). `config` may be `NULL` for the defaults. The co-host calls do
/// not accept OAuth (`MEETCTL_STATUS_INVALID_ARGUMENT`, field `credentials`).
///
/// On success `*client_out` receives a new client to free with `meetctl_tencent_client_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_new_oauth(
    config: *const meetctl_config,
    open_id: *const c_char,
    access_token: *const c_char,
    client_out: *mut *mut meetctl_tencent_client,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let out = ffi::try_out(client_out, "client_out")?;
        let credentials = TencentCredentials::oauth(
            ffi::try_str(open_id, "open_id")?,
            ffi::try_str(access_token, "access_token")?,
        );
        new_client(config, credentials, out)
    })
}

/// Frees a client. `NULL` is a no-op. No call on it may be running.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_free(client: *mut meetctl_tencent_client) {
    boundary(|| ffi::free_box(client))
}

/// The base URL requests go to (no trailing `/`). Borrowed from `client`; `NULL` only for a
/// `NULL` argument.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_get_base_url(
    client: *const meetctl_tencent_client,
) -> *const c_char {
    boundary(|| ffi::opt_ref(client).map_or(ptr::null(), |c| c.base_url.as_ptr()))
}

/// Makes `user` a co-host of meeting `meeting_id` (`PUT /v1/real-control/meetings/{id}/cohosts`).
/// `op` is a host or co-host. Both by `MEETCTL_ID_KIND_MS_OPEN_ID` or `MEETCTL_ID_KIND_UUID`;
/// enterprise credentials only.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_set_cohost(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    user: *const meetctl_tencent_user,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let (meeting_id, op, user) = control_args(meeting_id, op, user)?;
        Ok(client.set_cohost(&meeting_id, &op, &user)?)
    })
}

/// Takes the co-host role away from `user`; as `meetctl_tencent_client_set_cohost`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_revoke_cohost(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    user: *const meetctl_tencent_user,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let (meeting_id, op, user) = control_args(meeting_id, op, user)?;
        Ok(client.revoke_cohost(&meeting_id, &op, &user)?)
    })
}

/// Turns off `user`'s video (`PUT /v1/real-control/meetings/{id}/video`). `op` (a host or
/// co-host) by ms_open_id, uuid, or, with OAuth credentials, the client's own open id; `user` by
/// ms_open_id or uuid.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_close_video(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    user: *const meetctl_tencent_user,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let (meeting_id, op, user) = control_args(meeting_id, op, user)?;
        Ok(client.close_video(&meeting_id, &op, &user)?)
    })
}

/// Calls any other Tencent endpoint, signed: `method` (`"GET"`, `"POST"`, `"PUT"`, `"DELETE"`,
/// `"PATCH"`), `path` starting with `/` (ids in it already percent-encoded; `?`, `#`, spaces and
/// `..` are refused), `query_len` query parameters at `query` (`NULL` when 0), and `body_json`,
/// a JSON text, or `NULL` for no body.
///
/// On success `*answer_out` receives the JSON answer as a new string (`"null"` for an empty
/// body), to free with `meetctl_string_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_request(
    client: *const meetctl_tencent_client,
    method: *const c_char,
    path: *const c_char,
    query: *const meetctl_query_param,
    query_len: usize,
    body_json: *const c_char,
    answer_out: *mut *mut c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let out = ffi::try_out(answer_out, "answer_out")?;
        let call = generic_call(method, path, query, query_len, body_json)?;
        let answer = client.call(&call)?;
        ffi::write_string(out, &answer.to_string());
        Ok(())
    })
}

/// Checks the handle and the out-parameter, builds the call, signs it and hands it out.
fn prepare<C: TencentCall>(
    client: *const meetctl_tencent_client,
    prepared_out: *mut *mut meetctl_prepared,
    call: impl FnOnce() -> Result<C, Failure>,
) -> Result<(), Failure> {
    let client = &ffi::try_ref(client, "client")?.client;
    let out = ffi::try_out(prepared_out, "prepared_out")?;
    let prepared = client.prepare(&call()?)?;
    out.write(ffi::into_handle(meetctl_prepared::new(prepared)));
    Ok(())
}

/// Validates and signs what `meetctl_tencent_client_set_cohost` would send, without sending it.
/// On success `*prepared_out` receives a new `meetctl_prepared` (free with
/// `meetctl_prepared_free`). Each one carries a fresh nonce and may be sent once.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_prepare_set_cohost(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    user: *const meetctl_tencent_user,
    prepared_out: *mut *mut meetctl_prepared,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        prepare(client, prepared_out, || {
            let (meeting_id, op, user) = control_args(meeting_id, op, user)?;
            Ok(SetCohost::new(meeting_id, op, user, true))
        })
    })
}

/// Validates and signs what `meetctl_tencent_client_revoke_cohost` would send, without sending
/// it; as `meetctl_tencent_client_prepare_set_cohost`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_prepare_revoke_cohost(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    user: *const meetctl_tencent_user,
    prepared_out: *mut *mut meetctl_prepared,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        prepare(client, prepared_out, || {
            let (meeting_id, op, user) = control_args(meeting_id, op, user)?;
            Ok(SetCohost::new(meeting_id, op, user, false))
        })
    })
}

/// Validates and signs what `meetctl_tencent_client_close_video` would send, without sending
/// it; as `meetctl_tencent_client_prepare_set_cohost`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_prepare_close_video(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    user: *const meetctl_tencent_user,
    prepared_out: *mut *mut meetctl_prepared,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        prepare(client, prepared_out, || {
            let (meeting_id, op, user) = control_args(meeting_id, op, user)?;
            Ok(CloseVideo::new(meeting_id, op, user))
        })
    })
}

/// Validates and signs what `meetctl_tencent_client_request` would send, without sending it;
/// as `meetctl_tencent_client_prepare_set_cohost`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_prepare_request(
    client: *const meetctl_tencent_client,
    method: *const c_char,
    path: *const c_char,
    query: *const meetctl_query_param,
    query_len: usize,
    body_json: *const c_char,
    prepared_out: *mut *mut meetctl_prepared,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        prepare(client, prepared_out, || generic_call(method, path, query, query_len, body_json))
    })
}
