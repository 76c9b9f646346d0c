//! `meetctl_error`: the detailed error a failing function can hand back, and its accessors.

use std::borrow::Cow;
use std::ffi::{CString, c_char, c_int};
use std::ptr;

use meetctl::{Error, ErrorKind, Vendor};

use crate::failure::BoundaryFailure;
use crate::ffi;
use crate::panic::boundary;
use crate::status::{meetctl_error_kind, meetctl_status, meetctl_vendor};
use crate::value::meetctl_value;

/// The details of a failure. Returned through an optional `meetctl_error **err_out` parameter,
/// which a failing function sets to a new error (and a succeeding one leaves untouched).
///
/// Ownership: the caller owns it and frees it with `meetctl_error_free`. Strings returned by its
/// accessors are borrowed from it: valid until it is freed, never freed by the caller.
///
/// Thread safety: immutable; may be read from several threads at once, and freed once when no
/// thread reads it any more.
pub struct meetctl_error {
    status: meetctl_status,
    kind: meetctl_error_kind,
    vendor: meetctl_vendor,
    http_status: u16,
    retry_after_ms: i64,
    attempts: u32,
    request_may_have_been_sent: Option<bool>,
    message: CString,
    description: CString,
    field: Option<CString>,
    code: Option<CString>,
    new_code: Option<CString>,
    request_id: Option<CString>,
    /// For an ambiguous lookup: the candidates, a list of records owned by the error.
    candidates: Option<Box<meetctl_value>>,
}

impl meetctl_error {
    fn from_core(status: meetctl_status, e: &Error) -> Self {
        let api = e.api();
        meetctl_error {
            status,
            kind: meetctl_error_kind::from_kind(e.kind()),
            vendor: match e.vendor() {
                Some(Vendor::Tencent) => meetctl_vendor::Tencent,
                Some(Vendor::Huawei) => meetctl_vendor::Huawei,
                None => meetctl_vendor::None,
            },
            http_status: e.status().unwrap_or(0),
            retry_after_ms: e.retry_after().map_or(-1, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX)),
            attempts: e.attempts(),
            request_may_have_been_sent: e.request_may_have_been_sent(),
            message: ffi::c_string(e.message()),
            description: ffi::c_string(&e.to_string()),
            field: e.field().map(ffi::c_string),
            code: e.code().map(ffi::c_string),
            new_code: api.and_then(|a| a.new_code.as_deref()).map(ffi::c_string),
            request_id: e.request_id().map(ffi::c_string),
            candidates: (e.kind() == ErrorKind::Ambiguous).then(|| {
                let list = serde_json::to_value(e.candidates()).unwrap_or(serde_json::Value::Null);
                Box::new(meetctl_value::borrowed(list))
            }),
        }
    }

    fn binding(
        status: meetctl_status,
        kind: meetctl_error_kind,
        field: Option<Cow<'static, str>>,
        message: Cow<'static, str>,
    ) -> Self {
        let description = match &field {
            Some(field) => format!("invalid argument `{field}`: {message}"),
            None => message.to_string(),
        };
        meetctl_error {
            status,
            kind,
            vendor: meetctl_vendor::None,
            http_status: 0,
            retry_after_ms: -1,
            attempts: 0,
            request_may_have_been_sent: None,
            message: ffi::c_string(&message),
            description: ffi::c_string(&description),
            field: field.as_deref().map(ffi::c_string),
            code: None,
            new_code: None,
            request_id: None,
            candidates: None,
        }
    }
}

/// The detailed error object for a failure.
impl From<BoundaryFailure> for meetctl_error {
    fn from(failure: BoundaryFailure) -> Self {
        let status = failure.status();
        match failure {
            BoundaryFailure::Core(e) => meetctl_error::from_core(status, &e),
            BoundaryFailure::Null(field) => meetctl_error::binding(
                status,
                meetctl_error_kind::InvalidArgument,
                Some(field),
                "must not be NULL".into(),
            ),
            BoundaryFailure::Utf8(field) => meetctl_error::binding(
                status,
                meetctl_error_kind::InvalidArgument,
                Some(field),
                "is not valid UTF-8".into(),
            ),
            BoundaryFailure::Panic(message) => meetctl_error::binding(
                status,
                meetctl_error_kind::Internal,
                None,
                format!("meetctl panicked (a bug; please report it): {message}").into(),
            ),
        }
    }
}

fn opt_ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(ptr::null(), |s| s.as_ptr())
}

/// Stores a new error in `*err_out` unless `err_out` is NULL (then the error is dropped).
pub(crate) fn write_error(err_out: *mut *mut meetctl_error, error: meetctl_error) {
    if !err_out.is_null() {
        // SAFETY: not NULL; by the caller's contract it points to writable storage for a
        // `meetctl_error *`. Whatever it held before is not ours to free.
        unsafe { err_out.write(ffi::into_handle(error)) };
    }
}

/// The boundary for fallible functions: runs `body` inside [`boundary`]; on failure (a panic
/// included) stores a new `meetctl_error` in `*err_out` when `err_out` is not NULL, and returns
/// the failure's status. On success `*err_out` is left untouched.
pub(crate) fn fallible(
    err_out: *mut *mut meetctl_error,
    body: impl FnOnce() -> Result<(), BoundaryFailure>,
) -> meetctl_status {
    boundary(|| match boundary(body) {
        Ok(()) => meetctl_status::Ok,
        Err(failure) => {
            let status = failure.status();
            write_error(err_out, meetctl_error::from(failure));
            status
        }
    })
}

/// Frees an error. `NULL` is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_free(err: *mut meetctl_error) {
    boundary(|| ffi::free_box(err))
}

/// The status the failing function returned. `MEETCTL_STATUS_OK` for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_status(err: *const meetctl_error) -> meetctl_status {
    boundary(|| ffi::opt_ref(err).map_or(meetctl_status::Ok, |e| e.status))
}

/// What kind of error this is. `MEETCTL_ERROR_KIND_INVALID_ARGUMENT` for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_kind(err: *const meetctl_error) -> meetctl_error_kind {
    boundary(|| ffi::opt_ref(err).map_or(meetctl_error_kind::InvalidArgument, |e| e.kind))
}

/// Which vendor's server answered, or (`MEETCTL_STATUS_UNSUPPORTED`) which vendor cannot do the
/// operation; `MEETCTL_VENDOR_NONE` otherwise (or for `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_vendor(err: *const meetctl_error) -> meetctl_vendor {
    boundary(|| ffi::opt_ref(err).map_or(meetctl_vendor::None, |e| e.vendor))
}

/// The HTTP status of the server's answer; 0 when no server answered (or for `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_http_status(err: *const meetctl_error) -> u16 {
    boundary(|| ffi::opt_ref(err).map_or(0, |e| e.http_status))
}

/// A human-readable message (never containing a secret). Borrowed from `err`; never `NULL`
/// unless `err` is `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_message(err: *const meetctl_error) -> *const c_char {
    boundary(|| ffi::opt_ref(err).map_or(ptr::null(), |e| e.message.as_ptr()))
}

/// One line saying everything known: kind, field, HTTP status, vendor code, message, request id
/// and retry-after (e.g. `not_found: HTTP 400, code 9003: meeting does not exist (request id
/// ab12)`). Borrowed from `err`; never `NULL` unless `err` is `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_description(err: *const meetctl_error) -> *const c_char {
    boundary(|| ffi::opt_ref(err).map_or(ptr::null(), |e| e.description.as_ptr()))
}

/// For invalid arguments: the argument at fault (`"meeting_id"`, `"user.instance"`, or the
/// C parameter name for a NULL or non-UTF-8 argument). `NULL` otherwise. Borrowed from `err`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_field(err: *const meetctl_error) -> *const c_char {
    boundary(|| ffi::opt_ref(err).map_or(ptr::null(), |e| opt_ptr(&e.field)))
}

/// The vendor's error code as text (`"9003"`, `"MMC.111070005"`); `NULL` when the server gave
/// none. Borrowed from `err`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_code(err: *const meetctl_error) -> *const c_char {
    boundary(|| ffi::opt_ref(err).map_or(ptr::null(), |e| opt_ptr(&e.code)))
}

/// Tencent's `new_error_code`, when the answer had one; `NULL` otherwise. Borrowed from `err`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_new_code(err: *const meetctl_error) -> *const c_char {
    boundary(|| ffi::opt_ref(err).map_or(ptr::null(), |e| opt_ptr(&e.new_code)))
}

/// The request id the server gave (`X-Request-Id`), for support tickets; `NULL` when none.
/// Borrowed from `err`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_request_id(err: *const meetctl_error) -> *const c_char {
    boundary(|| ffi::opt_ref(err).map_or(ptr::null(), |e| opt_ptr(&e.request_id)))
}

/// For `MEETCTL_ERROR_KIND_RATE_LIMITED`: how long the server asked to wait, in milliseconds;
/// -1 when it did not say (or for `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_retry_after_ms(err: *const meetctl_error) -> i64 {
    boundary(|| ffi::opt_ref(err).map_or(-1, |e| e.retry_after_ms))
}

/// How many times the failing exchange was attempted: more than 1 when the retry policy
/// (`meetctl_config_set_max_attempts`) repeated it; 0 when nothing was sent (invalid arguments,
/// NULL, `MEETCTL_STATUS_UNSUPPORTED`) or for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_attempts(err: *const meetctl_error) -> u32 {
    boundary(|| ffi::opt_ref(err).map_or(0, |e| e.attempts))
}

/// For `MEETCTL_ERROR_KIND_CANCELLED`: whether the request may have reached the server. 1: it
/// may have, and the operation may have taken effect (look before repeating one that is not safe
/// to repeat); 0: it certainly did not, nothing was done (the call was cancelled before anything
/// was sent, e.g. a call made on a thread whose bound `meetctl_cancel` was already fired). -1 for
/// every other kind of error, or for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_request_may_have_been_sent(err: *const meetctl_error) -> c_int {
    boundary(|| ffi::opt_ref(err).map_or(-1, |e| ffi::tri_state(e.request_may_have_been_sent)))
}

/// For `MEETCTL_STATUS_AMBIGUOUS` (a meeting code or link that means several meetings): the
/// meetings it may mean, a `meetctl_value` list of `Candidate` records (`meeting_id`,
/// `occurrence`, `subject`, `start_time`, `end_time`, `in_progress`; docs/c-api.md, "Records").
/// Borrowed from `err` (never freed by the caller; `meetctl_value_free` ignores it); `NULL` for
/// any other error (or for `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_error_get_candidates(err: *const meetctl_error) -> *const meetctl_value {
    boundary(|| ffi::opt_ref(err).and_then(|e| e.candidates.as_deref()).map_or(ptr::null(), ptr::from_ref))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn text(p: *const c_char) -> Option<String> {
        // SAFETY: the accessors return NULL or a pointer into a live error.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned())
    }

    #[test]
    fn binding_failures_are_invalid_arguments_naming_the_parameter() {
        let e = Box::into_raw(Box::new(meetctl_error::from(BoundaryFailure::Null("meeting_id".into()))));
        assert_eq!(meetctl_error_get_status(e), meetctl_status::NullArgument);
        assert_eq!(meetctl_error_get_kind(e), meetctl_error_kind::InvalidArgument);
        assert_eq!(text(meetctl_error_get_field(e)).as_deref(), Some("meeting_id"));
        assert_eq!(
            text(meetctl_error_get_description(e)).as_deref(),
            Some("invalid argument `meeting_id`: must not be NULL")
        );
        assert_eq!(meetctl_error_get_retry_after_ms(e), -1);
        assert_eq!(meetctl_error_get_attempts(e), 0);
        assert_eq!(meetctl_error_get_request_may_have_been_sent(e), -1);
        assert_eq!(text(meetctl_error_get_code(e)), None);
        meetctl_error_free(e);
    }

    #[test]
    fn null_error_accessors_are_harmless() {
        assert_eq!(meetctl_error_get_status(ptr::null()), meetctl_status::Ok);
        assert!(meetctl_error_get_message(ptr::null()).is_null());
        assert_eq!(meetctl_error_get_http_status(ptr::null()), 0);
        assert_eq!(meetctl_error_get_attempts(ptr::null()), 0);
        assert_eq!(meetctl_error_get_request_may_have_been_sent(ptr::null()), -1);
        meetctl_error_free(ptr::null_mut());
    }

    #[test]
    fn interior_nul_in_a_server_message_is_replaced() {
        let e = meetctl_error::from(BoundaryFailure::invalid("x", "a\0b"));
        assert_eq!(e.message.to_str().unwrap(), "a\u{fffd}b");
    }

    #[test]
    fn a_panic_becomes_the_panic_status_and_an_internal_error() {
        let mut err: *mut meetctl_error = ptr::null_mut();
        let status = fallible(&mut err, || panic!("boom"));
        assert_eq!(status, meetctl_status::Panic);
        assert!(!err.is_null());
        assert_eq!(meetctl_error_get_kind(err), meetctl_error_kind::Internal);
        assert_eq!(meetctl_error_get_status(err), meetctl_status::Panic);
        meetctl_error_free(err);
    }

    #[test]
    fn success_leaves_err_out_untouched() {
        let sentinel = 0x10 as *mut meetctl_error;
        let mut err = sentinel;
        assert_eq!(fallible(&mut err, || Ok(())), meetctl_status::Ok);
        assert_eq!(err, sentinel);
        assert_eq!(
            fallible(ptr::null_mut(), || Err(BoundaryFailure::Null("x".into()))),
            meetctl_status::NullArgument
        );
    }
}
