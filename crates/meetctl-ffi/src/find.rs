//! Finding a meeting from what a person has: a Tencent meeting code as typed or a join link
//! (`meetctl_tencent_client_find`, `meetctl_meeting_find_tencent`), a Huawei room device's SIP
//! number or a conference id (`meetctl_meeting_find_huawei_by_number`,
//! `meetctl_meeting_find_huawei_by_conference_id`). The rule that picks one of several meetings
//! sharing a code is the core's (`meetctl::find`).

use std::ffi::c_char;

use meetctl::huawei::{ConferenceAuth, HuaweiClient};
use meetctl::{Meeting, Secret};

use crate::error::{fallible, meetctl_error};
use crate::failure::BoundaryFailure;
use crate::ffi;
use crate::huawei::meetctl_huawei_client;
use crate::meeting::meetctl_meeting;
use crate::status::meetctl_status;
use crate::tencent::meetctl_tencent_client;
use crate::tencent_user::{meetctl_tencent_user, read_user};
use crate::value::meetctl_value;

/// The meeting a code means: `code_or_link` as a person types it (`"806 724 161"`,
/// `"806-724-161"`) or a join link that carries it, asked by `op` (a user of the app by
/// `MEETCTL_ID_KIND_USERID`, or with OAuth credentials the client's own
/// `MEETCTL_ID_KIND_OPEN_ID`). Codes are reused over time and a recurring meeting has many
/// occurrences, so a code may mean several meetings; the rule picks one: the only one; else the
/// one in progress; else the one whose scheduled time contains now.
///
/// Otherwise `MEETCTL_STATUS_AMBIGUOUS`, and `meetctl_error_get_candidates` lists them; no meeting
/// of this app with the code is `MEETCTL_STATUS_NOT_FOUND` (a meeting of another company is not
/// shown to the app). Text that is no code (letters, too few or too many digits, a link without
/// one) is `MEETCTL_STATUS_INVALID_ARGUMENT` naming `code`, before anything is sent.
///
/// On success `*candidate_out` receives a new `meetctl_value` to free with `meetctl_value_free`:
/// a `Candidate` record (`meeting_id`, `occurrence` for a recurring meeting, `subject`,
/// `start_time`, `end_time`, `in_progress`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_client_find(
    client: *const meetctl_tencent_client,
    code_or_link: *const c_char,
    op: *const meetctl_tencent_user,
    candidate_out: *mut *mut meetctl_value,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let out = ffi::try_out(candidate_out, "candidate_out")?;
        let code = ffi::try_str(code_or_link, "code_or_link")?;
        let op = read_user(op, "operator")?;
        let candidate = client.find(code, &op)?;
        out.write(ffi::into_handle(meetctl_value::owned_record(serde_json::to_value(&candidate))));
        Ok(())
    })
}

/// The meeting `meetctl_tencent_client_find` finds with the same arguments, as a
/// `meetctl_meeting` acted on by `op` (which, by userid or the OAuth client's open id, can also
/// list its participants); for a recurring meeting, the occurrence the rule picked
/// (`meetctl_meeting_get_occurrence`), which its listings ask for. Errors as for
/// `meetctl_tencent_client_find` (`MEETCTL_STATUS_AMBIGUOUS` with the candidates).
///
/// On success `*meeting_out` receives a new meeting to free with `meetctl_meeting_free`; it keeps
/// what it needs of `client`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_find_tencent(
    client: *const meetctl_tencent_client,
    code_or_link: *const c_char,
    op: *const meetctl_tencent_user,
    meeting_out: *mut *mut meetctl_meeting,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let out = ffi::try_out(meeting_out, "meeting_out")?;
        let code = ffi::try_str(code_or_link, "code_or_link")?;
        let op = read_user(op, "operator")?;
        let meeting = Meeting::find_tencent(client, code, op)?;
        out.write(ffi::into_handle(meetctl_meeting::new(meeting)));
        Ok(())
    })
}

/// How a found Huawei conference is authorised: the password, the control token, or (both
/// `NULL`) the host password its details show this account.
fn conference_auth(
    password: *const c_char,
    control_token: *const c_char,
) -> Result<Option<ConferenceAuth>, BoundaryFailure> {
    let password = ffi::try_opt_str(password, "password")?;
    let token = ffi::try_opt_str(control_token, "control_token")?;
    match (password, token) {
        (Some(_), Some(_)) => Err(BoundaryFailure::invalid(
            "control_token",
            "give the conference's password or a control token, not both",
        )),
        (Some(p), None) => Ok(Some(ConferenceAuth::Password(Secret::new(p)))),
        (None, Some(t)) => Ok(Some(ConferenceAuth::Token(Secret::new(t)))),
        (None, None) => Ok(None),
    }
}

/// The common part of the two Huawei finds: checks, then `find`.
fn find_huawei(
    client: *const meetctl_huawei_client,
    key: *const c_char,
    key_name: &'static str,
    password: *const c_char,
    control_token: *const c_char,
    meeting_out: *mut *mut meetctl_meeting,
    find: impl FnOnce(&HuaweiClient, &str, Option<ConferenceAuth>) -> meetctl::Result<Meeting>,
) -> Result<(), BoundaryFailure> {
    let client = &ffi::try_ref(client, "client")?.client;
    let out = ffi::try_out(meeting_out, "meeting_out")?;
    let key = ffi::try_str(key, key_name)?;
    let auth = conference_auth(password, control_token)?;
    let meeting = find(client, key, auth)?;
    out.write(ffi::into_handle(meetctl_meeting::new(meeting)));
    Ok(())
}

/// The Huawei conference a room device's call number (its SIP number,
/// `"sip:boardroom-8f@meeting.example.com"`) is in now, as a `meetctl_meeting`. Asked with the
/// client's access token (the client needs account authentication). The meeting acts with a
/// control token obtained with `password` (the conference's host or guest password), or with
/// `control_token`, one you already have (at most one of the two); with both `NULL`, with the
/// host password the conference's details show this account (its scheduler's, or an
/// administrator's), and `MEETCTL_STATUS_INVALID_ARGUMENT` naming `auth` when they show none.
///
/// `MEETCTL_STATUS_NOT_FOUND` when the number is in no conference now. On success `*meeting_out`
/// receives a new meeting to free with `meetctl_meeting_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_find_huawei_by_number(
    client: *const meetctl_huawei_client,
    sip_number: *const c_char,
    password: *const c_char,
    control_token: *const c_char,
    meeting_out: *mut *mut meetctl_meeting,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        find_huawei(
            client,
            sip_number,
            "sip_number",
            password,
            control_token,
            meeting_out,
            Meeting::find_huawei_by_number,
        )
    })
}

/// The Huawei conference `conference_id`, not yet ended (in progress or scheduled), as a
/// `meetctl_meeting`; its details are asked first (with the client's access token: the client
/// needs account authentication). `password` and `control_token` as for
/// `meetctl_meeting_find_huawei_by_number`. On success `*meeting_out` receives a new meeting to
/// free with `meetctl_meeting_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_find_huawei_by_conference_id(
    client: *const meetctl_huawei_client,
    conference_id: *const c_char,
    password: *const c_char,
    control_token: *const c_char,
    meeting_out: *mut *mut meetctl_meeting,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        find_huawei(
            client,
            conference_id,
            "conference_id",
            password,
            control_token,
            meeting_out,
            Meeting::find_huawei_by_conference_id,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{meetctl_error_free, meetctl_error_get_field};
    use std::ffi::CStr;
    use std::ptr;

    fn field(err: *const meetctl_error) -> String {
        // SAFETY: a failing call set err, whose field is a live string.
        unsafe { CStr::from_ptr(meetctl_error_get_field(err)) }.to_str().unwrap().to_owned()
    }

    #[test]
    fn huawei_finds_take_a_password_or_a_token_not_both() {
        let mut hw = ptr::null_mut();
        assert_eq!(
            crate::huawei::meetctl_huawei_client_new(ptr::null(), &mut hw, ptr::null_mut()),
            meetctl_status::Ok
        );
        let mut m = ptr::null_mut();
        let mut err = ptr::null_mut();
        let st = meetctl_meeting_find_huawei_by_number(
            hw,
            c"sip:x@y".as_ptr(),
            c"1".as_ptr(),
            c"t".as_ptr(),
            &mut m,
            &mut err,
        );
        assert_eq!((st, field(err)), (meetctl_status::InvalidArgument, "control_token".to_owned()));
        assert!(m.is_null());
        meetctl_error_free(err);
        let st = meetctl_meeting_find_huawei_by_conference_id(
            hw,
            ptr::null(),
            ptr::null(),
            ptr::null(),
            &mut m,
            &mut err,
        );
        assert_eq!((st, field(err)), (meetctl_status::NullArgument, "conference_id".to_owned()));
        meetctl_error_free(err);
        let st = meetctl_meeting_find_huawei_by_number(
            hw,
            c"sip:x@y".as_ptr(),
            c"\xff".as_ptr(),
            ptr::null(),
            &mut m,
            &mut err,
        );
        assert_eq!((st, field(err)), (meetctl_status::InvalidUtf8, "password".to_owned()));
        meetctl_error_free(err);
        crate::huawei::meetctl_huawei_client_free(hw);
    }
}
