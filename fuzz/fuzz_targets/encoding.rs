//! Path and query encoding: every check and encoder that decides what goes into a URL.
//!
//! Input: any bytes, as text (invalid UTF-8 replaced); its lines are also read as query pairs.
//!
//! Asserts, each against an independent oracle:
//! - `encode` leaves only unreserved characters and `%XX`, and decodes back to its input;
//! - an id is accepted as a path segment iff it is 1 to 256 characters with no control character,
//!   none of `/ \ ? # %` and no `..`; then it is exactly its encoding, decodes back to the id, and
//!   makes a valid API path; otherwise an invalid-argument error naming the field;
//! - the id and secret checks accept exactly what their rules say;
//! - `query_string` of any pairs passes the query check and decodes back to exactly those pairs;
//! - the API path check accepts exactly absolute paths of unreserved characters, `/` and `%XX`
//!   with no `.`/`..` segment, also once unreserved escapes are decoded (`%2E%2E` is `..` to every
//!   WHATWG URL parser and to servers that normalise, RFC 3986 6.2.2.2);
//! - the query check accepts exactly unreserved characters, `=`, `&` and `%XX`.
//!
//! Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meetctl::Secret;
use meetctl::fuzzing as core;
use meetctl_fuzz::{assert_invalid, decode_component, decode_query, is_unreserved, text_lines};

fn is_escape(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'%'
        && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
        && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
}

/// Only `allowed` bytes and `%XX` escapes.
fn only(s: &str, allowed: impl Fn(u8) -> bool) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if is_escape(bytes, i) {
            i += 3;
        } else if allowed(bytes[i]) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

/// `%XX` escapes of unreserved characters decoded (RFC 3986 normalisation); others kept.
fn normalise(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if is_escape(bytes, i) {
            let byte = u8::from_str_radix(&path[i + 1..i + 3], 16).expect("hex");
            if is_unreserved(byte) {
                out.push(char::from(byte));
            } else {
                out.push_str(&path[i..i + 3]);
            }
            i += 3;
        } else {
            out.push(char::from(bytes[i]));
            i += 1;
        }
    }
    out
}

fn has_dot_segment(path: &str) -> bool {
    path.split('/').any(|s| s == "." || s == "..")
}

fn id_ok(s: &str) -> bool {
    !s.is_empty() && s.chars().count() <= core::MAX_ID_CHARS && !s.chars().any(char::is_control)
}

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s = s.as_ref();

    let encoded = core::encode(s);
    assert!(encoded.bytes().all(|b| is_unreserved(b) || b == b'%'), "{encoded:?}");
    assert_eq!(decode_component(&encoded).as_deref(), Some(s), "{encoded:?}");
    assert!(core::validate_query(&encoded).is_ok());

    assert_eq!(core::require_id("id", s).is_ok(), id_ok(s));
    let segment_ok = id_ok(s) && !s.contains(['/', '\\', '?', '#', '%']) && !s.contains("..") && s != ".";
    match core::path_segment("meeting_id", s) {
        Ok(segment) => {
            assert!(segment_ok, "accepted {s:?}");
            assert_eq!(segment, encoded);
            assert_eq!(decode_component(&segment).as_deref(), Some(s));
            let path = format!("/v1/meetings/{segment}/cohosts");
            let dot = "makes a dot segment";
            assert!(
                core::validate_api_path(&path).is_ok(),
                "id {s:?} accepted as a path segment {dot}: {path:?}"
            );
            assert!(
                !has_dot_segment(&normalise(&path)),
                "id {s:?} accepted as a path segment {dot}: {path:?}"
            );
        }
        Err(e) => {
            assert!(!segment_ok, "refused {s:?}: {e}");
            assert_invalid(&e);
            assert_eq!(e.field(), Some("meeting_id"));
        }
    }

    let secret_ok = !s.is_empty() && s.len() <= core::MAX_SECRET_BYTES && !s.chars().any(char::is_control);
    assert_eq!(core::require_secret("password", &Secret::new(s)).is_ok(), secret_ok);

    let lines = text_lines(data);
    let pairs: Vec<(String, String)> =
        lines.chunks(2).map(|kv| (kv[0].clone(), kv.get(1).cloned().unwrap_or_default())).collect();
    let query = core::query_string(&pairs);
    assert!(core::validate_query(&query).is_ok(), "{query:?}");
    assert_eq!(decode_query(&query), Some(pairs), "{query:?}");

    let path_ok = s.starts_with('/')
        && only(s, |b| is_unreserved(b) || b == b'/')
        && !has_dot_segment(s)
        && !has_dot_segment(&normalise(s));
    match core::validate_api_path(s) {
        Ok(()) => {
            assert!(path_ok, "accepted {s:?}");
            assert!(
                !has_dot_segment(&normalise(s)),
                "accepted {s:?}, which has a dot segment once unreserved escapes are decoded"
            );
        }
        Err(e) => {
            assert!(!path_ok, "refused {s:?}: {e}");
            assert_invalid(&e);
            assert_eq!(e.field(), Some("path"));
        }
    }

    let query_ok = only(s, |b| is_unreserved(b) || b == b'=' || b == b'&');
    match core::validate_query(s) {
        Ok(()) => assert!(query_ok, "accepted {s:?}"),
        Err(e) => {
            assert!(!query_ok, "refused {s:?}");
            assert_eq!(e.field(), Some("query"));
        }
    }
});
