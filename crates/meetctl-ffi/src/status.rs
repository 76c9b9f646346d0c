//! `meetctl_status`: what every fallible function returns.

use meetctl::ErrorKind;

/// What a fallible meetctl function returns. `MEETCTL_STATUS_OK` (0) is success; anything else
/// is a failure, and the function then wrote none of its out-parameters except `err_out`.
///
/// The numbers are part of the ABI and are never reused for another meaning. 1 to 12 equal the
/// `meetctl_error_kind` of the error; 100 and up are failures of the C boundary itself.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum meetctl_status {
    /// Success.
    Ok = 0,
    /// An argument or configuration value is unusable; nothing was sent.
    /// `meetctl_error_get_field` names it.
    InvalidArgument = 1,
    /// The server rejected the credentials, signature, timestamp, nonce or token.
    Auth = 2,
    /// Authenticated, but not allowed (e.g. the operator is not a host).
    PermissionDenied = 3,
    /// The meeting, conference or participant does not exist.
    NotFound = 4,
    /// Too many requests; see `meetctl_error_get_retry_after_ms`.
    RateLimited = 5,
    /// Any other error answer from the server; see `meetctl_error_get_code`.
    Api = 6,
    /// The request did not complete within the configured timeouts.
    Timeout = 7,
    /// The connection could not be made or was lost (refused, reset, DNS, proxy).
    Connection = 8,
    /// TLS failed (certificate not trusted, handshake error).
    Tls = 9,
    /// The server's answer could not be understood (bad JSON, too large, not HTTP).
    MalformedResponse = 10,
    /// The meeting's vendor cannot do this operation (e.g. `MEETCTL_MEETING_OPERATION_MAKE_HOST`
    /// on a Tencent meeting); nothing was sent. `meetctl_meeting_supports` says so beforehand.
    Unsupported = 11,
    /// The call was cancelled through the `meetctl_cancel` handle bound to the calling thread
    /// (`meetctl_cancel_bind`, `meetctl_cancel_fire`).
    /// `meetctl_error_get_request_may_have_been_sent` says whether the operation may have taken
    /// effect (1) or certainly did not (0: nothing was sent).
    Cancelled = 12,
    /// A pointer argument that must not be NULL was NULL. The error's kind is
    /// `MEETCTL_ERROR_KIND_INVALID_ARGUMENT` and its field names the parameter.
    NullArgument = 100,
    /// A string argument was not valid UTF-8. The error's kind is
    /// `MEETCTL_ERROR_KIND_INVALID_ARGUMENT` and its field names the parameter.
    InvalidUtf8 = 101,
    /// meetctl panicked (a bug in meetctl; please report it). The panic was caught at the C
    /// boundary and did not unwind into the caller; the operation may or may not have happened.
    Panic = 102,
    /// An error of a kind this version of the header does not know.
    Other = 199,
}

impl meetctl_status {
    /// The status for an error of the core's `kind`.
    pub(crate) fn from_kind(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::InvalidArgument => meetctl_status::InvalidArgument,
            ErrorKind::Auth => meetctl_status::Auth,
            ErrorKind::PermissionDenied => meetctl_status::PermissionDenied,
            ErrorKind::NotFound => meetctl_status::NotFound,
            ErrorKind::RateLimited => meetctl_status::RateLimited,
            ErrorKind::Api => meetctl_status::Api,
            ErrorKind::Timeout => meetctl_status::Timeout,
            ErrorKind::Connection => meetctl_status::Connection,
            ErrorKind::Tls => meetctl_status::Tls,
            ErrorKind::MalformedResponse => meetctl_status::MalformedResponse,
            ErrorKind::Unsupported => meetctl_status::Unsupported,
            ErrorKind::Cancelled => meetctl_status::Cancelled,
            _ => meetctl_status::Other,
        }
    }
}

/// What went wrong, in the terms a caller acts on: the core's `ErrorKind`, with the same numbers
/// (`ErrorKind::code`). Never reused for another meaning.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum meetctl_error_kind {
    /// An argument or configuration value is unusable (including NULL and non-UTF-8 strings);
    /// nothing was sent. `meetctl_error_get_field` names it.
    InvalidArgument = 1,
    /// The server rejected the credentials, signature, timestamp, nonce or token.
    Auth = 2,
    /// Authenticated, but not allowed (e.g. the operator is not a host).
    PermissionDenied = 3,
    /// The meeting, conference or participant does not exist.
    NotFound = 4,
    /// Too many requests; see `meetctl_error_get_retry_after_ms`.
    RateLimited = 5,
    /// Any other error answer from the server.
    Api = 6,
    /// The request did not complete within the configured timeouts.
    Timeout = 7,
    /// The connection could not be made or was lost.
    Connection = 8,
    /// TLS failed.
    Tls = 9,
    /// The server's answer could not be understood.
    MalformedResponse = 10,
    /// The meeting's vendor cannot do this operation; nothing was sent.
    Unsupported = 11,
    /// The call was cancelled through the `meetctl_cancel` handle bound to the calling thread;
    /// `meetctl_error_get_request_may_have_been_sent` says whether the request may have reached
    /// the server.
    Cancelled = 12,
    /// meetctl itself failed: a panic was caught at the boundary (`MEETCTL_STATUS_PANIC`).
    Internal = 102,
    /// A kind this version of the header does not know (`MEETCTL_STATUS_OTHER`).
    Other = 199,
}

impl meetctl_error_kind {
    /// The C kind of the core's `kind`.
    pub(crate) fn from_kind(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::InvalidArgument => meetctl_error_kind::InvalidArgument,
            ErrorKind::Auth => meetctl_error_kind::Auth,
            ErrorKind::PermissionDenied => meetctl_error_kind::PermissionDenied,
            ErrorKind::NotFound => meetctl_error_kind::NotFound,
            ErrorKind::RateLimited => meetctl_error_kind::RateLimited,
            ErrorKind::Api => meetctl_error_kind::Api,
            ErrorKind::Timeout => meetctl_error_kind::Timeout,
            ErrorKind::Connection => meetctl_error_kind::Connection,
            ErrorKind::Tls => meetctl_error_kind::Tls,
            ErrorKind::MalformedResponse => meetctl_error_kind::MalformedResponse,
            ErrorKind::Unsupported => meetctl_error_kind::Unsupported,
            ErrorKind::Cancelled => meetctl_error_kind::Cancelled,
            _ => meetctl_error_kind::Other,
        }
    }
}

/// A vendor: the one whose server answered (`meetctl_error_get_vendor`), or the one hosting a
/// meeting (`meetctl_meeting_get_vendor`, `meetctl_participant_list_get_vendor`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum meetctl_vendor {
    /// None: no server answered (the error happened before or instead of an answer), or a `NULL`
    /// handle or an index out of range was given.
    None = 0,
    /// Tencent Meeting.
    Tencent = 1,
    /// Huawei Cloud Meeting.
    Huawei = 2,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_kinds_use_the_core_numbers() {
        for kind in ErrorKind::ALL {
            assert_eq!(meetctl_status::from_kind(kind) as u32, kind.code(), "{kind}");
            assert_eq!(meetctl_error_kind::from_kind(kind) as u32, kind.code(), "{kind}");
        }
    }

    #[test]
    fn boundary_statuses_do_not_collide_with_kinds() {
        for s in [meetctl_status::NullArgument, meetctl_status::InvalidUtf8, meetctl_status::Panic] {
            assert!(ErrorKind::ALL.iter().all(|k| k.code() != s as u32));
        }
        assert_eq!(meetctl_status::Panic as u32, meetctl_error_kind::Internal as u32);
        assert_eq!(meetctl_status::Other as u32, meetctl_error_kind::Other as u32);
    }
}
