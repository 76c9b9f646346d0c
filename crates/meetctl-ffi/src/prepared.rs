//! `meetctl_prepared`: a signed request, not sent, for callers with their own HTTP stack.

use std::ffi::{CString, c_char};
use std::ptr;

use meetctl::{Method, PreparedRequest};

use crate::ffi;
use crate::panic::boundary;

/// A fully signed request: method, absolute URL, headers (credentials and signature included)
/// and body. Send exactly these bytes, once: the signature covers the body, and Tencent refuses
/// a replayed nonce. Made by the `*_prepare_*` functions, freed with `meetctl_prepared_free`.
///
/// Its headers hold credentials (signature, tokens) and its body may hold a password: free it
/// once sent, and do not log it.
///
/// Strings returned by its accessors are borrowed from it: valid until it is freed, never freed by
/// the caller.
///
/// Thread safety: immutable; may be read from several threads at once, and freed once.
pub struct meetctl_prepared {
    method: &'static std::ffi::CStr,
    url: CString,
    headers: Vec<(CString, CString)>,
    body: Vec<u8>,
    safe_to_repeat: bool,
}

impl meetctl_prepared {
    pub(crate) fn new(p: PreparedRequest) -> Self {
        meetctl_prepared {
            method: match p.method {
                Method::Get => c"GET",
                Method::Post => c"POST",
                Method::Put => c"PUT",
                Method::Delete => c"DELETE",
                Method::Patch => c"PATCH",
            },
            url: ffi::c_string(&p.url),
            headers: p.headers.iter().map(|(n, v)| (ffi::c_string(n), ffi::c_string(v))).collect(),
            body: p.body,
            safe_to_repeat: p.safe_to_repeat,
        }
    }
}

/// Frees a prepared request. `NULL` is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_prepared_free(prepared: *mut meetctl_prepared) {
    boundary(|| ffi::free_box(prepared))
}

/// The method (`"PUT"`). Borrowed; `NULL` only for a `NULL` argument.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_prepared_get_method(prepared: *const meetctl_prepared) -> *const c_char {
    boundary(|| ffi::opt_ref(prepared).map_or(ptr::null(), |p| p.method.as_ptr()))
}

/// The absolute URL, path and query percent-encoded. Borrowed; `NULL` only for a `NULL` argument.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_prepared_get_url(prepared: *const meetctl_prepared) -> *const c_char {
    boundary(|| ffi::opt_ref(prepared).map_or(ptr::null(), |p| p.url.as_ptr()))
}

/// How many headers there are (0 for `NULL`). Send all of them, in this order.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_prepared_get_header_count(prepared: *const meetctl_prepared) -> usize {
    boundary(|| ffi::opt_ref(prepared).map_or(0, |p| p.headers.len()))
}

/// The name of header `index` (from 0). Borrowed; `NULL` when `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_prepared_get_header_name(
    prepared: *const meetctl_prepared,
    index: usize,
) -> *const c_char {
    boundary(|| {
        ffi::opt_ref(prepared).and_then(|p| p.headers.get(index)).map_or(ptr::null(), |(n, _)| n.as_ptr())
    })
}

/// The value of header `index` (from 0). Borrowed; `NULL` when `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_prepared_get_header_value(
    prepared: *const meetctl_prepared,
    index: usize,
) -> *const c_char {
    boundary(|| {
        ffi::opt_ref(prepared).and_then(|p| p.headers.get(index)).map_or(ptr::null(), |(_, v)| v.as_ptr())
    })
}

/// The value of the first header called `name` (ASCII case-insensitive). Borrowed; `NULL` when
/// there is none, or `name` is `NULL` or not UTF-8.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_prepared_get_header(
    prepared: *const meetctl_prepared,
    name: *const c_char,
) -> *const c_char {
    boundary(|| {
        let (Some(p), Ok(name)) = (ffi::opt_ref(prepared), ffi::try_str(name, "name")) else {
            return ptr::null();
        };
        p.headers
            .iter()
            .find(|(n, _)| n.to_bytes().eq_ignore_ascii_case(name.as_bytes()))
            .map_or(ptr::null(), |(_, v)| v.as_ptr())
    })
}

/// The body bytes (not NUL-terminated; see `meetctl_prepared_get_body_len`). Borrowed; `NULL`
/// when the body is empty.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_prepared_get_body(prepared: *const meetctl_prepared) -> *const u8 {
    boundary(|| {
        ffi::opt_ref(prepared).filter(|p| !p.body.is_empty()).map_or(ptr::null(), |p| p.body.as_ptr())
    })
}

/// The body's length in bytes (0 for none, or for `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_prepared_get_body_len(prepared: *const meetctl_prepared) -> usize {
    boundary(|| ffi::opt_ref(prepared).map_or(0, |p| p.body.len()))
}

/// Whether sending it again after an uncertain outcome (a gateway timeout, a connection lost
/// mid-exchange) can do no harm: a lookup or a state set, not removing people or ending the
/// meeting. Repeat only such a request, prepared afresh. `false` for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_prepared_get_safe_to_repeat(prepared: *const meetctl_prepared) -> bool {
    boundary(|| ffi::opt_ref(prepared).is_some_and(|p| p.safe_to_repeat))
}
