//! The lookups: `meetctl_tencent_client_lookup`, `meetctl_huawei_client_lookup` and
//! `meetctl_huawei_conference_lookup`. Each takes a lookup number (`meetctl_tencent_lookup`,
//! `meetctl_huawei_lookup`) and a JSON object of named arguments, runs the core's lookup (every
//! page of it) and hands over its records as a `meetctl_value`.

use std::ffi::c_char;

use crate::error::{fallible, meetctl_error};
use crate::ffi;
use crate::huawei::{meetctl_huawei_client, meetctl_huawei_conference};
use crate::status::meetctl_status;
use crate::tencent::meetctl_tencent_client;
use crate::tencent_user::{self, meetctl_tencent_user};
use crate::value::meetctl_value;

/// Runs `lookup` (a `meetctl_tencent_lookup`: the meetings with a code, one meeting, a Rooms
/// device's meetings, the waiting room, who joined and left), reading every page, asked by `op`
/// where the lookup takes an operator (a user of the app by `MEETCTL_ID_KIND_USERID`, or with
/// OAuth credentials the client's own `MEETCTL_ID_KIND_OPEN_ID`; `NULL` for
/// `MEETCTL_TENCENT_LOOKUP_ROOM_MEETINGS`, which takes none), with `args_json`, a JSON object of
/// its named arguments (`{"meeting_code":"806724161"}`, `{"meeting_id":"…","page_size":20}`), or
/// `NULL` for none. Which arguments each lookup takes, and the records it answers, are listed
/// with `meetctl_tencent_lookup`.
///
/// Everything is checked before anything is sent: an unknown `lookup` number, an operator given
/// to a lookup that takes none (or missing for one that needs one), an operator of the wrong id
/// kind, and an unknown, missing or wrongly typed argument are `MEETCTL_STATUS_INVALID_ARGUMENT`
/// naming the field (`lookup`, `operator`, `operator.id_kind`, `args`, `meeting_id`,
/// `page_size`, ...). A lookup of one meeting that does not exist (or is not this app's) is
/// `MEETCTL_STATUS_NOT_FOUND`.
///
/// On success `*value_out` receives a new `meetctl_value` to free with `meetctl_value_free`: a
/// list of records for a lookup that answers many (every page's), else the one record.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_lookup(
    client: *const meetctl_tencent_client,
    lookup: u32,
    op: *const meetctl_tencent_user,
    args_json: *const c_char,
    value_out: *mut *mut meetctl_value,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let out = ffi::try_out(value_out, "value_out")?;
        let lookup = crate::operation::tencent_lookup(lookup)?;
        let op = ffi::opt_ref(op).map(|u| tencent_user::user_from(u, "operator")).transpose()?;
        let args = ffi::args(args_json)?;
        let value = client.lookup(lookup, op.as_ref(), &args)?;
        out.write(ffi::into_handle(meetctl_value::owned(value)));
        Ok(())
    })
}

/// Runs `lookup` (a `meetctl_huawei_lookup`: the conferences online, a conference's details, who
/// is online in one, whether a call number is in one), reading every page, with the client's
/// access token (the client needs account authentication: `meetctl_huawei_client_new_app_id` or
/// `meetctl_huawei_client_new_account`), and `args_json`, a JSON object of its named arguments
/// (`{"search_key":"Demo"}`, `{"conference_id":"914083136"}`), or `NULL` for none.
/// `MEETCTL_HUAWEI_LOOKUP_WS_TOKEN` is asked through a conference handle
/// (`meetctl_huawei_conference_lookup`).
///
/// Everything is checked before anything is sent: an unknown `lookup` number (or the WebSocket
/// token: field `lookup`), a client without account authentication (field `auth`), and an
/// unknown, missing or wrongly typed argument are `MEETCTL_STATUS_INVALID_ARGUMENT` naming the
/// field (`lookup`, `args`, `conference_id`, ...).
///
/// On success `*value_out` receives a new `meetctl_value` to free with `meetctl_value_free`: a
/// list of records for a lookup that answers many (every page's), else the one record.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_client_lookup(
    client: *const meetctl_huawei_client,
    lookup: u32,
    args_json: *const c_char,
    value_out: *mut *mut meetctl_value,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let out = ffi::try_out(value_out, "value_out")?;
        let lookup = crate::operation::huawei_lookup(lookup)?;
        let args = ffi::args(args_json)?;
        let value = client.lookup(lookup, &args)?;
        out.write(ffi::into_handle(meetctl_value::owned(value)));
        Ok(())
    })
}

/// Runs `lookup` (a `meetctl_huawei_lookup`) for the conference of `conference`:
/// `MEETCTL_HUAWEI_LOOKUP_WS_TOKEN` with its control token (fetched or refreshed when needed);
/// any other through the client the handle was made from, with its access token, and with
/// `conference_id` set to this conference's id when the lookup takes one and `args_json` does not
/// give it. `args_json` is a JSON object of the lookup's named arguments, or `NULL` for none;
/// errors as for `meetctl_huawei_client_lookup`.
///
/// On success `*value_out` receives a new `meetctl_value` to free with `meetctl_value_free`.
/// The `HuaweiWsToken` record's `token` is a credential, held as plain text: do not log it (nor
/// the value's JSON).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_lookup(
    conference: *const meetctl_huawei_conference,
    lookup: u32,
    args_json: *const c_char,
    value_out: *mut *mut meetctl_value,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let conference = &ffi::try_ref(conference, "conference")?.conference;
        let out = ffi::try_out(value_out, "value_out")?;
        let lookup = crate::operation::huawei_lookup(lookup)?;
        let args = ffi::args(args_json)?;
        let value = conference.lookup(lookup, &args)?;
        out.write(ffi::into_handle(meetctl_value::owned(value)));
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{meetctl_error_free, meetctl_error_get_field};
    use crate::operation::meetctl_huawei_lookup;
    use std::ffi::CStr;
    use std::ptr;

    fn field(err: *const meetctl_error) -> String {
        // SAFETY: a failing call set err, whose field is a live string.
        unsafe { CStr::from_ptr(meetctl_error_get_field(err)) }.to_str().unwrap().to_owned()
    }

    /// A Tencent client whose base URL refuses connections: every refusal here happens before I/O
    /// (a call that got as far as sending would fail with a connection error instead).
    fn tencent() -> *mut meetctl_tencent_client {
        let cfg = crate::config::meetctl_config_new();
        assert_eq!(
            crate::config::meetctl_config_set_base_url(cfg, c"http://127.0.0.1:1".as_ptr(), ptr::null_mut()),
            meetctl_status::Ok
        );
        let mut c = ptr::null_mut();
        let st = crate::tencent::meetctl_tencent_client_new_enterprise(
            cfg,
            c"210000001".as_ptr(),
            c"AKID".as_ptr(),
            c"key".as_ptr(),
            ptr::null(),
            &mut c,
            ptr::null_mut(),
        );
        assert_eq!(st, meetctl_status::Ok);
        crate::config::meetctl_config_free(cfg);
        c
    }

    fn refused(
        c: *const meetctl_tencent_client,
        lookup: u32,
        op: Option<&meetctl_tencent_user>,
        args: Option<&CStr>,
    ) -> (meetctl_status, String) {
        let mut value = ptr::null_mut();
        let mut err = ptr::null_mut();
        let st = meetctl_tencent_client_lookup(
            c,
            lookup,
            op.map_or(ptr::null(), ptr::from_ref),
            args.map_or(ptr::null(), CStr::as_ptr),
            &mut value,
            &mut err,
        );
        assert!(value.is_null(), "written on failure");
        let f = field(err);
        meetctl_error_free(err);
        (st, f)
    }

    #[test]
    fn tencent_lookups_check_everything_before_any_io() {
        let c = tencent();
        let alice = meetctl_tencent_user { id_kind: 1, id: c"alice".as_ptr(), instance: 1 };
        let by_ms_open_id = meetctl_tencent_user { id_kind: 4, id: c"m".as_ptr(), instance: 1 };
        let invalid = |f: &str| (meetctl_status::InvalidArgument, f.to_owned());
        let code = Some(c"{\"meeting_code\":\"806724161\"}");
        assert_eq!(refused(c, 0, Some(&alice), code), invalid("lookup"));
        let past_the_last = meetctl::tencent::TencentLookup::ALL.iter().map(|l| l.code()).max().unwrap() + 1;
        assert_eq!(refused(c, past_the_last, Some(&alice), code), invalid("lookup"));
        assert_eq!(refused(c, 1, None, code), invalid("operator"));
        assert_eq!(refused(c, 1, Some(&by_ms_open_id), code), invalid("operator.id"));
        assert_eq!(refused(c, 1, Some(&alice), Some(c"{oops")), invalid("args"));
        assert_eq!(refused(c, 1, Some(&alice), Some(c"[1]")), invalid("args"));
        assert_eq!(refused(c, 1, Some(&alice), None), invalid("meeting_code"));
        assert_eq!(refused(c, 1, Some(&alice), Some(c"{\"meeting_code\":\"80\"}")), invalid("meeting_code"));
        assert_eq!(
            refused(c, 1, Some(&alice), Some(c"{\"meeting_code\":\"806724161\",\"x\":1}")),
            invalid("x")
        );
        assert_eq!(refused(c, 3, Some(&alice), Some(c"{\"room_id\":\"r\"}")), invalid("operator"));
        assert_eq!(
            refused(c, 5, Some(&alice), Some(c"{\"meeting_id\":\"1\",\"page_size\":0}")),
            invalid("page_size")
        );
        assert_eq!(
            refused(ptr::null(), 1, Some(&alice), code),
            (meetctl_status::NullArgument, "client".into())
        );
        assert_eq!(refused(c, 1, Some(&alice), Some(c"\xff")), (meetctl_status::InvalidUtf8, "args".into()));
        let mut err = ptr::null_mut();
        let st = meetctl_tencent_client_lookup(c, 1, &alice, ptr::null(), ptr::null_mut(), &mut err);
        assert_eq!((st, field(err)), (meetctl_status::NullArgument, "value_out".to_owned()));
        meetctl_error_free(err);
        crate::tencent::meetctl_tencent_client_free(c);
    }

    #[test]
    fn huawei_lookups_check_everything_before_any_io() {
        let mut hw = ptr::null_mut();
        assert_eq!(
            crate::huawei::meetctl_huawei_client_new(ptr::null(), &mut hw, ptr::null_mut()),
            meetctl_status::Ok
        );
        let run = |lookup: u32, args: Option<&CStr>| {
            let mut value = ptr::null_mut();
            let mut err = ptr::null_mut();
            let st = meetctl_huawei_client_lookup(
                hw,
                lookup,
                args.map_or(ptr::null(), CStr::as_ptr),
                &mut value,
                &mut err,
            );
            assert!(value.is_null());
            let f = field(err);
            meetctl_error_free(err);
            (st, f)
        };
        let invalid = |f: &str| (meetctl_status::InvalidArgument, f.to_owned());
        assert_eq!(run(0, None), invalid("lookup"));
        let past_the_last = meetctl::huawei::HuaweiLookup::ALL.iter().map(|l| l.code()).max().unwrap() + 1;
        assert_eq!(run(past_the_last, None), invalid("lookup"));
        assert_eq!(run(u32::MAX, None), invalid("lookup"));
        assert_eq!(run(meetctl_huawei_lookup::WsToken as u32, None), invalid("lookup"));
        assert_eq!(run(1, Some(c"nope")), invalid("args"));
        // No account authentication: refused before anything is sent.
        assert_eq!(run(1, None), invalid("auth"));
        crate::huawei::meetctl_huawei_client_free(hw);

        let mut err = ptr::null_mut();
        let mut value = ptr::null_mut();
        let st = meetctl_huawei_conference_lookup(ptr::null(), 6, ptr::null(), &mut value, &mut err);
        assert_eq!((st, field(err)), (meetctl_status::NullArgument, "conference".to_owned()));
        meetctl_error_free(err);
    }
}
