//! Every conversion between C pointers and Rust values, in one place: borrowing handles,
//! reading strings, writing out-parameters, handing out and taking back ownership.
//!
//! The contract with the C caller (stated in the header): a non-NULL pointer argument points to
//! what its type says (a live handle made by this library, a NUL-terminated string, an array of
//! the given length), valid for the duration of the call; a non-NULL out-parameter points to
//! writable storage; a pointer given to a `_free` function is not used again. NULL is always
//! checked, never trusted.

use std::borrow::Cow;
use std::ffi::{CStr, CString, c_char, c_int};

use meetctl::{Args, Method};
use serde_json::Value;

use crate::failure::BoundaryFailure;

/// One query parameter of a generic request: a name and a value, both NUL-terminated UTF-8.
/// meetctl percent-encodes both.
#[repr(C)]
pub struct meetctl_query_param {
    /// The parameter name.
    pub name: *const c_char,
    /// The parameter value.
    pub value: *const c_char,
}

/// Borrows the value behind `ptr`, or fails naming `field` when it is NULL.
pub(crate) fn try_ref<'a, T>(
    ptr: *const T,
    field: impl Into<Cow<'static, str>>,
) -> Result<&'a T, BoundaryFailure> {
    opt_ref(ptr).ok_or_else(|| BoundaryFailure::Null(field.into()))
}

/// Borrows the value behind `ptr` mutably, or fails naming `field` when it is NULL.
pub(crate) fn try_mut<'a, T>(ptr: *mut T, field: &'static str) -> Result<&'a mut T, BoundaryFailure> {
    if ptr.is_null() {
        return Err(BoundaryFailure::Null(field.into()));
    }
    // SAFETY: not NULL, and by the caller's contract a live, exclusively used value of type T
    // (handles that are mutated, like meetctl_config, are documented as not shared while mutated).
    Ok(unsafe { &mut *ptr })
}

/// Borrows the value behind `ptr`; `None` for NULL.
pub(crate) fn opt_ref<'a, T>(ptr: *const T) -> Option<&'a T> {
    // SAFETY: by the caller's contract a non-NULL pointer points to a live value of type T
    // (a handle made by this library, or a struct the caller filled in) for the whole call.
    unsafe { ptr.as_ref() }
}

/// Reads a required NUL-terminated UTF-8 string.
pub(crate) fn try_str<'a>(
    ptr: *const c_char,
    field: impl Into<Cow<'static, str>>,
) -> Result<&'a str, BoundaryFailure> {
    let field = field.into();
    if ptr.is_null() {
        return Err(BoundaryFailure::Null(field));
    }
    // SAFETY: not NULL, and by the caller's contract a NUL-terminated string that stays valid and
    // unchanged for the whole call.
    let bytes = unsafe { CStr::from_ptr(ptr) };
    bytes.to_str().map_err(|_| BoundaryFailure::Utf8(field))
}

/// Reads an optional NUL-terminated UTF-8 string: NULL is `None`.
pub(crate) fn try_opt_str<'a>(
    ptr: *const c_char,
    field: impl Into<Cow<'static, str>>,
) -> Result<Option<&'a str>, BoundaryFailure> {
    if ptr.is_null() { Ok(None) } else { try_str(ptr, field).map(Some) }
}

/// The most entries any array argument may have (`query_len`, `targets_len`,
/// `participant_ids_len`, `len` of `meetctl_participant_list_from_ids`): far more than any meeting
/// has, and small enough that a garbage length (an uninitialised or negative `size_t`) is refused
/// instead of being read.
pub(crate) const MAX_ARRAY_LEN: usize = 1 << 20;

/// The most bytes of PEM text `meetctl_config_set_extra_ca_pem` takes (1 MiB: thousands of
/// certificates).
pub(crate) const MAX_PEM_BYTES: usize = 1 << 20;

/// Borrows `len` values from `ptr`; NULL is allowed (as the empty slice) only when `len` is 0.
///
/// `len` is checked before anything is read: more than [`MAX_ARRAY_LEN`] entries is an invalid
/// argument naming `len_field`. See [`try_slice_max`].
pub(crate) fn try_slice<'a, T>(
    ptr: *const T,
    len: usize,
    field: &'static str,
    len_field: &'static str,
) -> Result<&'a [T], BoundaryFailure> {
    try_slice_max(ptr, len, MAX_ARRAY_LEN, field, len_field)
}

/// Borrows `len` values from `ptr`, at most `max` of them; NULL is allowed (as the empty slice)
/// only when `len` is 0.
///
/// A length is never trusted further than it can be checked: more than `max`, or more than
/// `isize::MAX` bytes' worth of `T` (what `slice::from_raw_parts` requires, and what no real
/// array can be), is `MEETCTL_STATUS_INVALID_ARGUMENT` naming `len_field`, before the pointer is
/// even looked at.
pub(crate) fn try_slice_max<'a, T>(
    ptr: *const T,
    len: usize,
    max: usize,
    field: &'static str,
    len_field: &'static str,
) -> Result<&'a [T], BoundaryFailure> {
    if len == 0 {
        return Ok(&[]);
    }
    let limit = max.min(max_len::<T>());
    if len > limit {
        return Err(BoundaryFailure::invalid(
            len_field,
            format!("{len} is more than the {limit} {} accepted here", unit::<T>()),
        ));
    }
    if ptr.is_null() {
        return Err(BoundaryFailure::Null(field.into()));
    }
    // SAFETY: not NULL; 0 < len <= isize::MAX / size_of::<T>(), so the slice spans at most
    // isize::MAX bytes; and by the caller's contract an array of at least `len` initialised values
    // that stays valid for the whole call.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// The most values of `T` a slice may hold: `isize::MAX` bytes' worth (any number of zero-sized
/// values).
fn max_len<T>() -> usize {
    (isize::MAX as usize).checked_div(size_of::<T>()).unwrap_or(usize::MAX)
}

/// What a length counts, for messages.
fn unit<T>() -> &'static str {
    if std::mem::size_of::<T>() == 1 { "bytes" } else { "entries" }
}

/// An out-parameter checked not to be NULL, written only when the call succeeds.
pub(crate) struct Out<T>(*mut T);

impl<T> Out<T> {
    /// Writes `value` to the out-parameter. Call it as the very last step of a successful call.
    pub(crate) fn write(self, value: T) {
        // SAFETY: checked non-NULL in `try_out`; by the caller's contract it points to writable
        // storage for a T. The old value (an uninitialised or stale pointer) is not dropped.
        unsafe { self.0.write(value) }
    }
}

/// Checks an out-parameter before any work is done.
pub(crate) fn try_out<T>(ptr: *mut T, field: &'static str) -> Result<Out<T>, BoundaryFailure> {
    if ptr.is_null() { Err(BoundaryFailure::Null(field.into())) } else { Ok(Out(ptr)) }
}

/// An optional out-parameter: `None` when the caller passed NULL (it does not want the value).
pub(crate) fn opt_out<T>(ptr: *mut T) -> Option<Out<T>> {
    (!ptr.is_null()).then_some(Out(ptr))
}

/// Writes an owned string to an out-parameter; the caller frees it with `meetctl_string_free`.
pub(crate) fn write_string(out: Out<*mut c_char>, s: &str) {
    out.write(c_string(s).into_raw());
}

/// Hands a new handle to C: the caller frees it with the type's `_free` function.
pub(crate) fn into_handle<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Takes back and drops a handle made by [`into_handle`]; NULL is a no-op.
pub(crate) fn free_box<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: by the caller's contract `ptr` came from `into_handle::<T>` (the `_free`
        // function of its type) and is freed once.
        drop(unsafe { Box::from_raw(ptr) });
    }
}

/// A C string with the text of `s`; an interior NUL (possible in a server's message) becomes
/// U+FFFD so that the text is never silently cut.
pub(crate) fn c_string(s: &str) -> CString {
    CString::new(s).unwrap_or_else(|_| {
        CString::new(s.replace('\0', "\u{fffd}")).expect("no NUL is left after replacing them all")
    })
}

/// The parts of a generic request, read from its C arguments.
#[derive(Debug)]
pub(crate) struct Generic {
    /// The method, parsed from its name (`"GET"`, `"put"`, …).
    pub(crate) method: Method,
    /// The path, as given (the core validates it).
    pub(crate) path: String,
    /// Query pairs.
    pub(crate) query: Vec<(String, String)>,
    /// The JSON body, parsed.
    pub(crate) body: Option<Value>,
}

/// Reads the arguments of a generic request: method name, path, `query_len` query parameters at
/// `query` (NULL when 0) and an optional JSON body text.
pub(crate) fn generic(
    method: *const c_char,
    path: *const c_char,
    query: *const meetctl_query_param,
    query_len: usize,
    body_json: *const c_char,
) -> Result<Generic, BoundaryFailure> {
    let method = try_str(method, "method")?.parse::<Method>()?;
    let path = try_str(path, "path")?.to_owned();
    let query = try_slice(query, query_len, "query", "query_len")?
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = try_str(p.name, format!("query[{i}].name"))?;
            let value = try_str(p.value, format!("query[{i}].value"))?;
            Ok((name.to_owned(), value.to_owned()))
        })
        .collect::<Result<_, BoundaryFailure>>()?;
    Ok(Generic { method, path, query, body: json_body(body_json)? })
}

/// The optional JSON body of a generic request: NULL is no body.
pub(crate) fn json_body(ptr: *const c_char) -> Result<Option<Value>, BoundaryFailure> {
    let Some(text) = try_opt_str(ptr, "body_json")? else { return Ok(None) };
    serde_json::from_str(text)
        .map(Some)
        .map_err(|e| BoundaryFailure::invalid("body_json", format!("is not valid JSON: {e}")))
}

/// The named arguments of a control call: a JSON object text (`{"allow_rejoin":false}`), or NULL
/// for none. Every error about them (not UTF-8, not JSON, not an object) names `args`, as the
/// core's own checks of the names and types do.
pub(crate) fn args(ptr: *const c_char) -> Result<Args, BoundaryFailure> {
    let Some(text) = try_opt_str(ptr, "args")? else { return Ok(Args::new()) };
    let value = serde_json::from_str(text)
        .map_err(|e| BoundaryFailure::invalid("args", format!("is not valid JSON: {e}")))?;
    Ok(Args::from_json(value, "args")?)
}

/// A reported flag as C's tri-state `int`: -1 unknown (or no such entry), 0 false, 1 true.
pub(crate) fn tri_state(flag: Option<bool>) -> c_int {
    match flag {
        None => -1,
        Some(false) => 0,
        Some(true) => 1,
    }
}

/// An optional owned C string as a borrowed pointer: NULL for `None`.
pub(crate) fn opt_ptr(s: Option<&CString>) -> *const c_char {
    s.map_or(std::ptr::null(), |s| s.as_ptr())
}

/// Frees a string returned by meetctl (every `char *` it hands out). `NULL` is a no-op.
///
/// Strings are returned as `char *` when the caller owns them, and as `const char *` when they
/// are borrowed from a handle (those are never freed by the caller).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_string_free(s: *mut c_char) {
    crate::panic::boundary(|| {
        if !s.is_null() {
            // SAFETY: by the caller's contract `s` came from `CString::into_raw` in this library
            // (a `char *` out-parameter) and is freed once.
            drop(unsafe { CString::from_raw(s) });
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    #[test]
    fn null_and_non_utf8_strings_name_the_parameter() {
        match try_str(ptr::null(), "meeting_id") {
            Err(BoundaryFailure::Null(f)) => assert_eq!(f, "meeting_id"),
            other => panic!("{other:?}"),
        }
        let bad = b"\xff\xfe\0";
        match try_str(bad.as_ptr().cast(), "path") {
            Err(BoundaryFailure::Utf8(f)) => assert_eq!(f, "path"),
            other => panic!("{other:?}"),
        }
        assert_eq!(try_opt_str(ptr::null(), "x").unwrap(), None);
        assert_eq!(try_str(c"ok".as_ptr(), "x").unwrap(), "ok");
    }

    #[test]
    fn slices_allow_null_only_when_empty() {
        let get = c"GET".as_ptr();
        let path = c"/v1/x".as_ptr();
        let none: *const meetctl_query_param = ptr::null();
        assert!(generic(get, path, none, 0, ptr::null()).unwrap().query.is_empty());
        assert!(matches!(generic(get, path, none, 1, ptr::null()), Err(BoundaryFailure::Null(_))));
        let params = [meetctl_query_param { name: c"a".as_ptr(), value: ptr::null() }];
        match generic(get, path, params.as_ptr(), 1, ptr::null()) {
            Err(BoundaryFailure::Null(f)) => assert_eq!(f, "query[0].value"),
            other => panic!("{other:?}"),
        }
    }

    /// The field and status of a failure, for comparing.
    fn invalid_field<T>(r: Result<T, BoundaryFailure>) -> String {
        match r {
            Err(BoundaryFailure::Core(e)) if e.kind() == meetctl::ErrorKind::InvalidArgument => {
                e.field().unwrap_or_default().to_owned()
            }
            Err(other) => panic!("expected an invalid argument, got {other:?}"),
            Ok(_) => panic!("expected an invalid argument, got success"),
        }
    }

    #[test]
    fn lengths_are_checked_before_anything_is_read() {
        // Defect 11: a real one-entry array with a length of SIZE_MAX was read as SIZE_MAX entries.
        let params = [meetctl_query_param { name: c"a".as_ptr(), value: c"1".as_ptr() }];
        let get = c"GET".as_ptr();
        let path = c"/v1/x".as_ptr();
        for len in
            [usize::MAX, isize::MAX as usize, isize::MAX as usize / size_of::<meetctl_query_param>() + 1]
        {
            assert_eq!(invalid_field(generic(get, path, params.as_ptr(), len, ptr::null())), "query_len");
        }
        assert_eq!(
            invalid_field(try_slice(params.as_ptr(), MAX_ARRAY_LEN + 1, "query", "query_len")),
            "query_len"
        );
        // A garbage length is refused even with a NULL pointer: the length is what is wrong.
        let none: *const meetctl_query_param = ptr::null();
        assert_eq!(invalid_field(generic(get, path, none, usize::MAX, ptr::null())), "query_len");
        // Lengths within the limits are read as they are.
        assert_eq!(
            generic(get, path, params.as_ptr(), 1, ptr::null()).unwrap().query,
            [("a".into(), "1".into())]
        );

        let bytes = b"pem";
        for len in [usize::MAX, isize::MAX as usize + 1, MAX_PEM_BYTES + 1] {
            let r = try_slice_max(bytes.as_ptr(), len, MAX_PEM_BYTES, "pem", "pem_len");
            assert_eq!(invalid_field(r), "pem_len");
        }
        assert_eq!(try_slice_max(bytes.as_ptr(), 3, MAX_PEM_BYTES, "pem", "pem_len").unwrap(), b"pem");
        assert_eq!(try_slice_max(ptr::null::<u8>(), 0, MAX_PEM_BYTES, "pem", "pem_len").unwrap(), b"");

        let ids = [c"x".as_ptr()];
        let r = try_slice(ids.as_ptr(), usize::MAX / 2, "participant_ids", "participant_ids_len");
        assert_eq!(invalid_field(r), "participant_ids_len");
        match try_slice(ids.as_ptr(), usize::MAX, "ids", "len") {
            Err(BoundaryFailure::Core(e)) => {
                assert_eq!(e.field(), Some("len"));
                assert!(e.message().contains("1048576 entries"), "{}", e.message());
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(max_len::<()>(), usize::MAX);
        assert_eq!(max_len::<u64>(), isize::MAX as usize / 8);
    }

    #[test]
    fn bodies_must_be_json() {
        assert_eq!(json_body(ptr::null()).unwrap(), None);
        assert_eq!(json_body(c"{\"a\":1}".as_ptr()).unwrap(), Some(serde_json::json!({"a": 1})));
        match json_body(c"{nope".as_ptr()) {
            Err(BoundaryFailure::Core(e)) => assert_eq!(e.field(), Some("body_json")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn args_are_a_json_object_or_null_and_errors_name_args() {
        assert!(args(ptr::null()).unwrap().is_empty());
        assert!(args(c"null".as_ptr()).unwrap().is_empty());
        let a = args(c"{\"allow_rejoin\":false,\"reason\":\"x\"}".as_ptr()).unwrap();
        assert_eq!(a.get("allow_rejoin"), Some(&Value::Bool(false)));
        for bad in [c"{nope".as_ptr(), c"[1]".as_ptr(), c"3".as_ptr(), c"{\"a\":\"\xff\"}".as_ptr()] {
            match args(bad) {
                Err(BoundaryFailure::Core(e)) => assert_eq!(e.field(), Some("args")),
                Err(BoundaryFailure::Utf8(f)) => assert_eq!(f, "args"),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!((tri_state(None), tri_state(Some(false)), tri_state(Some(true))), (-1, 0, 1));
        assert!(opt_out::<u8>(ptr::null_mut()).is_none());
    }

    #[test]
    fn owned_strings_round_trip_through_string_free() {
        let mut out: *mut c_char = ptr::null_mut();
        write_string(try_out(&mut out, "out").unwrap(), "hello");
        // SAFETY: just written by write_string.
        assert_eq!(unsafe { CStr::from_ptr(out) }.to_str().unwrap(), "hello");
        meetctl_string_free(out);
        meetctl_string_free(ptr::null_mut());
    }
}
