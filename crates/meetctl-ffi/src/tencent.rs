//! Tencent Meeting: `meetctl_tencent_client`, every control operation (one generic call and one
//! prepare), the named seed calls, the participant listing, generic and prepared requests.

use std::ffi::{CString, c_char};
use std::ptr;

use meetctl::tencent::{
    GenericCall, TencentCall, TencentClient, TencentControl, TencentCredentials, TencentOperation,
    TencentUser,
};

use crate::config::meetctl_config;
use crate::error::{fallible, meetctl_error};
use crate::failure::BoundaryFailure;
use crate::ffi::{self, meetctl_query_param};
use crate::panic::boundary;
use crate::participants::meetctl_tencent_participant_list;
use crate::prepared::meetctl_prepared;
use crate::status::meetctl_status;
use crate::tencent_user::{meetctl_tencent_user, read_user, user_from};

/// A Tencent Meeting client: credentials, transport settings and a connection pool.
///
/// Made with `meetctl_tencent_client_new_enterprise` or `meetctl_tencent_client_new_oauth`,
/// freed with `meetctl_tencent_client_free`.
///
/// Thread safety: thread-safe. Any number of threads may call functions on one client at once
/// (they share its connection pool); only freeing it must wait until no call is running.
pub struct meetctl_tencent_client {
    pub(crate) client: TencentClient,
    base_url: CString,
}

/// The arguments every seed call takes.
fn control_args(
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    user: *const meetctl_tencent_user,
) -> Result<(String, TencentUser, TencentUser), BoundaryFailure> {
    Ok((
        ffi::try_str(meeting_id, "meeting_id")?.to_owned(),
        read_user(op, "operator")?,
        read_user(user, "user")?,
    ))
}

/// Reads the arguments of `meetctl_tencent_client_control` / `_prepare` into the core's call.
/// Errors name `operation`, `meeting_id`, `operator…`, `targets` / `targets[i].…` and `args`.
fn read_control(
    operation: u32,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    targets: *const meetctl_tencent_user,
    targets_len: usize,
    args_json: *const c_char,
) -> Result<TencentControl, BoundaryFailure> {
    let operation = crate::operation::tencent(operation)?;
    let meeting_id = ffi::try_str(meeting_id, "meeting_id")?;
    let op = read_user(op, "operator")?;
    let targets = ffi::try_slice(targets, targets_len, "targets", "targets_len")?
        .iter()
        .enumerate()
        .map(|(i, u)| user_from(u, &format!("targets[{i}]")))
        .collect::<Result<Vec<_>, BoundaryFailure>>()?;
    let args = ffi::args(args_json)?;
    Ok(TencentControl::new(operation, meeting_id, op).targets(targets).args(args))
}

fn generic_call(
    method: *const c_char,
    path: *const c_char,
    query: *const meetctl_query_param,
    query_len: usize,
    body_json: *const c_char,
) -> Result<GenericCall, BoundaryFailure> {
    let g = ffi::generic(method, path, query, query_len, body_json)?;
    Ok(GenericCall { method: g.method, path: g.path, query: g.query, body: g.body })
}

fn new_client(
    config: *const meetctl_config,
    credentials: TencentCredentials,
    out: ffi::Out<*mut meetctl_tencent_client>,
) -> Result<(), BoundaryFailure> {
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

/// The seed calls: one operation, one target, no arguments, through the generic path.
fn seed(
    client: *const meetctl_tencent_client,
    operation: TencentOperation,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    user: *const meetctl_tencent_user,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let (meeting_id, op, user) = control_args(meeting_id, op, user)?;
        client.call(&TencentControl::new(operation, meeting_id, op).target(user))?;
        Ok(())
    })
}

/// Makes `user` a co-host of meeting `meeting_id` (`PUT /v1/real-control/meetings/{id}/cohosts`).
/// `op` is a host or co-host. Both by `MEETCTL_ID_KIND_MS_OPEN_ID` or `MEETCTL_ID_KIND_UUID`;
/// enterprise credentials only. The same as `meetctl_tencent_client_control` with
/// `MEETCTL_TENCENT_OPERATION_SET_COHOST` and the one target `user`; errors about it name `user`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_set_cohost(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    user: *const meetctl_tencent_user,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    seed(client, TencentOperation::SetCohost, meeting_id, op, user, err_out)
}

/// Takes the co-host role away from `user`; as `meetctl_tencent_client_set_cohost`
/// (`MEETCTL_TENCENT_OPERATION_REVOKE_COHOST`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_revoke_cohost(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    user: *const meetctl_tencent_user,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    seed(client, TencentOperation::RevokeCohost, meeting_id, op, user, err_out)
}

/// Turns off `user`'s video (`PUT /v1/real-control/meetings/{id}/video`). `op` (a host or
/// co-host) by ms_open_id, uuid, or, with OAuth credentials, the client's own open id; `user` by
/// ms_open_id or uuid. As `MEETCTL_TENCENT_OPERATION_CLOSE_VIDEO` with the one target `user`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_close_video(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    user: *const meetctl_tencent_user,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    seed(client, TencentOperation::CloseVideo, meeting_id, op, user, err_out)
}

/// Performs `operation` (a `meetctl_tencent_operation`) on meeting `meeting_id`, by `op`, on the
/// `targets_len` participants at `targets` (`NULL` when 0), with `args_json`, a JSON object of the
/// operation's named arguments (`{"allow_rejoin":false,"reason":"spam"}`), or `NULL` for none.
/// Which targets and arguments each operation takes is listed with `meetctl_tencent_operation`.
///
/// Everything is validated before anything is sent: an unknown `operation` number, a bad
/// `meeting_id`, operator or target (wrong id kind or device, wrong number of targets), or an
/// unknown, missing or wrongly typed argument is `MEETCTL_STATUS_INVALID_ARGUMENT` naming the
/// field (`operation`, `meeting_id`, `operator.id`, `user`, `targets`, `targets[1].instance`,
/// `args`, `nick_name`, …).
///
/// On success, when `answer_out` is not `NULL`, `*answer_out` receives the JSON answer as a new
/// string (`{}` for most controls, a page of participants for
/// `MEETCTL_TENCENT_OPERATION_PARTICIPANTS`) to free with `meetctl_string_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_control(
    client: *const meetctl_tencent_client,
    operation: u32,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    targets: *const meetctl_tencent_user,
    targets_len: usize,
    args_json: *const c_char,
    answer_out: *mut *mut c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let out = ffi::opt_out(answer_out);
        let control = read_control(operation, meeting_id, op, targets, targets_len, args_json)?;
        let answer = client.call(&control)?;
        if let Some(out) = out {
            ffi::write_string(out, &answer.to_string());
        }
        Ok(())
    })
}

/// Validates and signs what `meetctl_tencent_client_control` would send with the same
/// arguments, without sending it. On success `*prepared_out` receives a new `meetctl_prepared`
/// (free with `meetctl_prepared_free`). Each one carries a fresh nonce and may be sent once.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_prepare(
    client: *const meetctl_tencent_client,
    operation: u32,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    targets: *const meetctl_tencent_user,
    targets_len: usize,
    args_json: *const c_char,
    prepared_out: *mut *mut meetctl_prepared,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        prepare(client, prepared_out, || {
            read_control(operation, meeting_id, op, targets, targets_len, args_json)
        })
    })
}

/// Everyone in meeting `meeting_id` now, every page read
/// (`GET /v1/meetings/{id}/real-time-participants`). `op` (the creator, a host or a co-host) by
/// `MEETCTL_ID_KIND_USERID` or, with OAuth credentials, the client's own open id; its device is
/// not sent. On success `*list_out` receives a new list to free with
/// `meetctl_tencent_participant_list_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_participants(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    list_out: *mut *mut meetctl_tencent_participant_list,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let out = ffi::try_out(list_out, "list_out")?;
        let meeting_id = ffi::try_str(meeting_id, "meeting_id")?;
        let op = read_user(op, "operator")?;
        let participants = client.participants(meeting_id, &op)?;
        out.write(ffi::into_handle(meetctl_tencent_participant_list::new(participants)));
        Ok(())
    })
}

/// As `meetctl_tencent_client_participants`, for one occurrence of a recurring meeting:
/// `occurrence` is its sub-meeting id (which the vendor requires for a recurring meeting; the
/// `occurrence` of a `Candidate`, or `current_occurrence` of `MEETCTL_TENCENT_LOOKUP_MEETING`),
/// sent as `sub_meeting_id`; `NULL` for a meeting that does not recur (then the same call).
/// Errors about it name `occurrence`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_participants_of(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    occurrence: *const c_char,
    op: *const meetctl_tencent_user,
    list_out: *mut *mut meetctl_tencent_participant_list,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let out = ffi::try_out(list_out, "list_out")?;
        let meeting_id = ffi::try_str(meeting_id, "meeting_id")?;
        let occurrence = ffi::try_opt_str(occurrence, "occurrence")?;
        let op = read_user(op, "operator")?;
        let participants = client.participants_of(meeting_id, occurrence, &op)?;
        out.write(ffi::into_handle(meetctl_tencent_participant_list::new(participants)));
        Ok(())
    })
}

/// The ms_open_id of `user` (by `MEETCTL_ID_KIND_USERID` or `MEETCTL_ID_KIND_OPEN_ID`) in
/// meeting `meeting_id` (`GET /v1/meetings/{id}/ms-open-id`); works before the meeting starts.
/// Errors about the user name `user`. On success `*ms_open_id_out` receives a new string to free
/// with `meetctl_string_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_ms_open_id(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    user: *const meetctl_tencent_user,
    ms_open_id_out: *mut *mut c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let out = ffi::try_out(ms_open_id_out, "ms_open_id_out")?;
        let meeting_id = ffi::try_str(meeting_id, "meeting_id")?;
        let user = read_user(user, "user")?;
        ffi::write_string(out, &client.ms_open_id(meeting_id, &user)?);
        Ok(())
    })
}

/// Calls a meeting room (Rooms) or a SIP/H.323 device into meeting `meeting_id`
/// (`MEETCTL_TENCENT_OPERATION_ROOM_CALL`, `PUT /v1/meeting-rooms/room-call`). `args_json` names
/// what is called, exactly one of `{"meeting_room_id":".."}`, `{"sip_address":".."}` or
/// `{"h323_address":".."}`; `op` by `MEETCTL_ID_KIND_USERID`; enterprise credentials only. Not
/// repeated on a doubtful failure (a gateway timeout): each call rings the room. On success
/// `*invite_id_out` receives the call's invite id (what `MEETCTL_TENCENT_OPERATION_CANCEL_ROOM_CALL`
/// takes as `invite_id`), a new string to free with `meetctl_string_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_room_call(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    args_json: *const c_char,
    invite_id_out: *mut *mut c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let out = ffi::try_out(invite_id_out, "invite_id_out")?;
        let meeting_id = ffi::try_str(meeting_id, "meeting_id")?;
        let op = read_user(op, "operator")?;
        let args = ffi::args(args_json)?;
        ffi::write_string(out, &client.room_call(meeting_id, &op, args)?);
        Ok(())
    })
}

/// How the room or device named in `args_json` (as for `meetctl_tencent_client_room_call`)
/// answered meeting `meeting_id`'s call (`MEETCTL_TENCENT_OPERATION_ROOM_CALL_INFO`, `POST
/// /v1/meeting-rooms/room-call-info`). On success `*status_out` receives the vendor's status (0 no
/// answer within 60 seconds, 1 not called, 2 in the meeting, 3 refused, 4 ringing, 5 cancelled,
/// 6 left) and, when `response_time_out` is not `NULL`, `*response_time_out` the last answer's
/// time as the vendor writes it (`2022/11/22 14:35:26`; `""` when none), a new string to free with
/// `meetctl_string_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_room_call_info(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    args_json: *const c_char,
    status_out: *mut i64,
    response_time_out: *mut *mut c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let status = ffi::try_out(status_out, "status_out")?;
        let time = ffi::opt_out(response_time_out);
        let meeting_id = ffi::try_str(meeting_id, "meeting_id")?;
        let op = read_user(op, "operator")?;
        let args = ffi::args(args_json)?;
        let info = client.room_call_info(meeting_id, &op, args)?;
        status.write(info.status);
        if let Some(time) = time {
            ffi::write_string(time, &info.response_time);
        }
        Ok(())
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
    call: impl FnOnce() -> Result<C, BoundaryFailure>,
) -> Result<(), BoundaryFailure> {
    let client = &ffi::try_ref(client, "client")?.client;
    let out = ffi::try_out(prepared_out, "prepared_out")?;
    let prepared = client.prepare(&call()?)?;
    out.write(ffi::into_handle(meetctl_prepared::new(prepared)));
    Ok(())
}

/// Validates and signs what `meetctl_tencent_client_request` would send, without sending it;
/// as `meetctl_tencent_client_prepare`.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{meetctl_error_free, meetctl_error_get_field};
    use crate::prepared::{meetctl_prepared_free, meetctl_prepared_get_body, meetctl_prepared_get_body_len};
    use crate::tencent_user::{meetctl_id_kind, meetctl_instance};
    use std::ffi::CStr;

    fn client() -> *mut meetctl_tencent_client {
        let mut c = ptr::null_mut();
        let st = meetctl_tencent_client_new_oauth(
            ptr::null(),
            c"me".as_ptr(),
            c"t".as_ptr(),
            &mut c,
            ptr::null_mut(),
        );
        assert_eq!(st, meetctl_status::Ok);
        c
    }

    fn user(kind: meetctl_id_kind, id: &CStr, instance: meetctl_instance) -> meetctl_tencent_user {
        meetctl_tencent_user { id_kind: kind as u32, id: id.as_ptr(), instance: instance as i32 }
    }

    /// Prepares (no I/O) and returns the body, or the failing status and field.
    fn prepare(
        c: *const meetctl_tencent_client,
        operation: u32,
        targets: &[meetctl_tencent_user],
        targets_ptr_null: bool,
        args: Option<&CStr>,
    ) -> Result<String, (meetctl_status, String)> {
        let op = user(meetctl_id_kind::OpenId, c"me", meetctl_instance::Pc);
        let mut p = ptr::null_mut();
        let mut err = ptr::null_mut();
        let targets_ptr = if targets_ptr_null { ptr::null() } else { targets.as_ptr() };
        let st = meetctl_tencent_client_prepare(
            c,
            operation,
            c"1242152152161".as_ptr(),
            &op,
            targets_ptr,
            targets.len().max(usize::from(targets_ptr_null)),
            args.map_or(ptr::null(), CStr::as_ptr),
            &mut p,
            &mut err,
        );
        if st != meetctl_status::Ok {
            // SAFETY: a failing call set err, whose field is NULL or a live string.
            let field = unsafe { CStr::from_ptr(meetctl_error_get_field(err)) }.to_str().unwrap().to_owned();
            meetctl_error_free(err);
            return Err((st, field));
        }
        // SAFETY: the body pointer and length describe the prepared request's live body.
        let body = unsafe {
            std::slice::from_raw_parts(meetctl_prepared_get_body(p), meetctl_prepared_get_body_len(p))
        };
        let body = String::from_utf8(body.to_vec()).unwrap();
        meetctl_prepared_free(p);
        Ok(body)
    }

    #[test]
    fn the_generic_prepare_validates_every_input_and_names_it() {
        let c = client();
        let bob = user(meetctl_id_kind::MsOpenId, c"bob", meetctl_instance::Mac);
        let uuid = user(meetctl_id_kind::Uuid, c"u", meetctl_instance::Mac);
        let bad_kind = meetctl_tencent_user {
            id_kind: 3,
            ..user(meetctl_id_kind::MsOpenId, c"b", meetctl_instance::Pc)
        };
        let mute = crate::operation::meetctl_tencent_operation::Mute as u32;
        let kick = crate::operation::meetctl_tencent_operation::KickOut as u32;
        let invalid = |field: &str| Err((meetctl_status::InvalidArgument, field.to_owned()));
        assert_eq!(prepare(c, 0, &[bob], false, None), invalid("operation"));
        let next = meetctl::tencent::TencentOperation::ALL.iter().map(|o| o.code()).max().unwrap_or(0) + 1;
        assert_eq!(prepare(c, next, &[bob], false, None), invalid("operation"));
        assert_eq!(prepare(c, mute, &[], true, None), Err((meetctl_status::NullArgument, "targets".into())));
        assert_eq!(prepare(c, mute, &[bob, bad_kind], false, None), invalid("targets[1].id_kind"));
        assert_eq!(prepare(c, mute, &[], false, None), invalid("user"));
        assert_eq!(prepare(c, mute, &[bob, bob], false, None), invalid("user"));
        assert_eq!(prepare(c, mute, &[uuid], false, None), invalid("user.id"));
        assert_eq!(prepare(c, kick, &[], false, None), invalid("targets"));
        assert_eq!(prepare(c, mute, &[bob], false, Some(c"{oops")), invalid("args"));
        assert_eq!(prepare(c, mute, &[bob], false, Some(c"[true]")), invalid("args"));
        assert_eq!(prepare(c, mute, &[bob], false, Some(c"{\"x\":1}")), invalid("x"));
        assert_eq!(prepare(c, kick, &[bob], false, Some(c"{\"allow_rejoin\":1}")), invalid("allow_rejoin"));
        let body =
            prepare(c, kick, &[bob], false, Some(c"{\"allow_rejoin\":false,\"reason\":\"r\"}")).unwrap();
        assert!(body.ends_with(r#""users":[{"to_operator_id":"bob","to_operator_id_type":4,"instanceid":2}],"allow_rejoin":false,"reason":"r"}"#), "{body}");
        let body = prepare(c, mute, &[bob], false, Some(c"null")).unwrap();
        assert!(body.contains(r#""mute":true"#), "{body}");
        meetctl_tencent_client_free(c);
    }
}
