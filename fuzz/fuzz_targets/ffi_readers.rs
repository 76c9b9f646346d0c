//! The C ABI's readers of JSON and query arguments (`crates/meetctl-ffi/src/ffi.rs`: `generic`,
//! `json_body`, `args`, `c_string`), from raw C strings, then the generic requests the core builds
//! from what they read.
//!
//! libmeetctl is built only as a cdylib/staticlib (no rlib a fuzz target could link), so its
//! reader module and the four it depends on are compiled into this target from their sources.
//!
//! Input lines (raw bytes: not necessarily UTF-8; each C string ends at its first NUL; a line that
//! is exactly one NUL byte, or a missing line, is a NULL pointer):
//! ```text
//! PUT                                               method
//! /v1/real-control/meetings/1242152152161/mutes     path
//! {"operator_id":"host","instanceid":1}             body JSON
//! {"allow_rejoin":false}                            arguments JSON
//! 914083136                                         conference id (for the Huawei call)
//! participantID=p 1                                 query parameters, `name=value`, one a line
//! ```
//!
//! Asserts: a NULL required pointer is a NULL-argument failure and non-UTF-8 an invalid-UTF-8
//! failure, each naming the parameter (`query[i].value`, …); a bad method or body is an
//! invalid-argument error naming `method` / `body_json`; otherwise the method, path, pairs and
//! body read are exactly the inputs. Arguments are a JSON object (or null) whose names are read
//! exactly, else an error naming `args`. From what was read, the core's Tencent and Huawei generic
//! calls either refuse (invalid argument) or build a request whose path is the input's and whose
//! query decodes back to exactly the pairs (Huawei: `conferenceID` first) and whose body is the
//! input JSON (numbers beyond 64-bit integers to within serde_json's rounding, see
//! `assert_same_json`). Every failure converts to a C error. `c_string` keeps every character but NUL.
//! Never a panic.
#![no_main]
#![allow(dead_code, non_camel_case_types)]

#[path = "../../crates/meetctl-ffi/src/error.rs"]
mod error;
#[path = "../../crates/meetctl-ffi/src/failure.rs"]
mod failure;
#[path = "../../crates/meetctl-ffi/src/ffi.rs"]
mod ffi;
#[path = "../../crates/meetctl-ffi/src/panic.rs"]
mod panic;
#[path = "../../crates/meetctl-ffi/src/value.rs"]
mod value;
// status.rs has a module of its own (status/enums.rs), found from an inline module's directory.
#[path = "../../crates/meetctl-ffi/src"]
mod ffi_src {
    pub(crate) mod status;
}
use ffi_src::status;

use std::ffi::{CString, c_char};

use failure::BoundaryFailure;
use libfuzzer_sys::fuzz_target;
use meetctl::huawei::{GenericConferenceCall, HuaweiCall};
use meetctl::tencent::{GenericCall, TencentCall, TencentCredentials};
use meetctl::{ErrorKind, Method};
use meetctl_fuzz::{assert_same_json, decode_query, lines};
use serde_json::Value;

/// A line as the C caller would pass it: `None` for NULL, else the bytes up to the first NUL.
fn c_arg(line: Option<&[u8]>) -> Option<CString> {
    match line {
        None | Some([0]) => None,
        Some(bytes) => {
            let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
            Some(CString::new(&bytes[..end]).expect("cut at the first NUL"))
        }
    }
}

fn ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(std::ptr::null(), |s| s.as_ptr())
}

/// What a C string reads as: `Err(true)` for NULL, `Err(false)` for non-UTF-8.
fn text(s: &Option<CString>) -> Result<&str, bool> {
    match s {
        None => Err(true),
        Some(s) => s.to_str().map_err(|_| false),
    }
}

/// A failure names `field` as NULL (`null`) or non-UTF-8; converts to a C error.
fn assert_pointer_failure(failure: BoundaryFailure, field: &str, null: bool) {
    match (&failure, null) {
        (BoundaryFailure::Null(f), true) | (BoundaryFailure::Utf8(f), false) => assert_eq!(f, field),
        _ => {
            panic!("expected a {} failure for {field}, got {failure:?}", if null { "NULL" } else { "UTF-8" })
        }
    }
    let _ = error::meetctl_error::from(failure);
}

fn assert_invalid_failure(failure: BoundaryFailure, field: &str) {
    match &failure {
        BoundaryFailure::Core(e) => {
            assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field)), "{e:?}");
        }
        other => panic!("expected an invalid {field}, got {other:?}"),
    }
    let _ = error::meetctl_error::from(failure);
}

/// What the reader must read: method, path, query pairs, body.
type Read = (Method, String, Vec<(String, String)>, Option<Value>);
/// The check of the failure the reader must report.
type FailureCheck = Box<dyn FnOnce(BoundaryFailure)>;

/// The generic request's arguments, checked in the reader's order, or the check of the failure
/// the first bad one must cause.
fn expected_generic(
    method: &Option<CString>,
    path: &Option<CString>,
    query: &[(Option<CString>, Option<CString>)],
    body: &Option<CString>,
) -> Result<Read, FailureCheck> {
    let method = match text(method) {
        Err(null) => return Err(Box::new(move |f| assert_pointer_failure(f, "method", null))),
        Ok(m) => match m.parse::<Method>() {
            Ok(m) => m,
            Err(_) => return Err(Box::new(|f| assert_invalid_failure(f, "method"))),
        },
    };
    let path = match text(path) {
        Err(null) => return Err(Box::new(move |f| assert_pointer_failure(f, "path", null))),
        Ok(p) => p.to_owned(),
    };
    let mut pairs = Vec::new();
    for (i, (name, value)) in query.iter().enumerate() {
        let name = match text(name) {
            Err(null) => {
                return Err(Box::new(move |f| assert_pointer_failure(f, &format!("query[{i}].name"), null)));
            }
            Ok(n) => n,
        };
        let value = match text(value) {
            Err(null) => {
                return Err(Box::new(move |f| assert_pointer_failure(f, &format!("query[{i}].value"), null)));
            }
            Ok(v) => v,
        };
        pairs.push((name.to_owned(), value.to_owned()));
    }
    let body = match text(body) {
        Err(true) => None,
        Err(false) => return Err(Box::new(|f| assert_pointer_failure(f, "body_json", false))),
        Ok(b) => match serde_json::from_str::<Value>(b) {
            Ok(v) => Some(v),
            Err(_) => return Err(Box::new(|f| assert_invalid_failure(f, "body_json"))),
        },
    };
    Ok((method, path, pairs, body))
}

fuzz_target!(|data: &[u8]| {
    let lines = lines(data);
    let line = |i: usize| lines.get(i).copied();
    let method = c_arg(line(0));
    let path = c_arg(line(1));
    let body = c_arg(line(2));
    let args = c_arg(line(3));
    let conference = line(4).map(|l| String::from_utf8_lossy(l).into_owned()).unwrap_or_default();
    let query: Vec<(Option<CString>, Option<CString>)> = lines
        .iter()
        .skip(5)
        .map(|l| match l.iter().position(|&b| b == b'=') {
            Some(eq) => (c_arg(Some(&l[..eq])), c_arg(Some(&l[eq + 1..]))),
            None => (c_arg(Some(l)), None),
        })
        .collect();
    let params: Vec<ffi::meetctl_query_param> =
        query.iter().map(|(n, v)| ffi::meetctl_query_param { name: ptr(n), value: ptr(v) }).collect();

    // generic(): exactly the inputs, or the first failure in argument order.
    let read = ffi::generic(ptr(&method), ptr(&path), params.as_ptr(), params.len(), ptr(&body));
    match (read, expected_generic(&method, &path, &query, &body)) {
        (Ok(g), Ok((m, p, pairs, b))) => {
            assert_eq!((g.method, &g.path, &g.query, &g.body), (m, &p, &pairs, &b));
            let tencent = GenericCall {
                method: g.method,
                path: g.path.clone(),
                query: g.query.clone(),
                body: g.body.clone(),
            };
            let credentials = TencentCredentials::enterprise("210000001", "AKIDfuzz", "secret-key", None);
            match tencent.to_request(&credentials) {
                Ok(r) => {
                    assert_eq!((r.method, &r.path), (g.method, &g.path));
                    assert_eq!(decode_query(&r.query), Some(g.query.clone()), "{:?}", r.query);
                    assert_eq!(r.body.is_empty(), g.body.is_none());
                    if let Some(b) = &g.body {
                        assert_same_json(&serde_json::from_slice::<Value>(&r.body).expect("JSON"), b);
                    }
                }
                Err(e) => {
                    assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("path")), "{e:?}")
                }
            }
            let huawei = GenericConferenceCall {
                method: g.method,
                path: g.path.clone(),
                query: g.query.clone(),
                body: g.body.clone(),
            };
            match huawei.to_request(&conference) {
                Ok(r) => {
                    let mut pairs = vec![("conferenceID".to_owned(), conference.clone())];
                    pairs.extend(g.query.iter().cloned());
                    assert!(!g.query.iter().any(|(k, _)| k.eq_ignore_ascii_case("conferenceID")));
                    assert_eq!(r.path, g.path);
                    assert_eq!(decode_query(&r.query), Some(pairs), "{:?}", r.query);
                    if let Some(b) = &g.body {
                        assert_same_json(&serde_json::from_slice::<Value>(&r.body).expect("JSON"), b);
                    }
                }
                Err(e) => {
                    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e:?}");
                    assert!(matches!(e.field(), Some("path" | "query")), "{e:?}");
                }
            }
        }
        (Err(failure), Err(check)) => check(failure),
        (got, _) => panic!("generic read {got:?} against the expectation"),
    }

    // args(): a JSON object's names exactly, or an error naming `args`.
    match (ffi::args(ptr(&args)), text(&args)) {
        (Ok(a), Err(true)) => assert!(a.is_empty()),
        (Ok(a), Ok(t)) => match serde_json::from_str::<Value>(t).expect("accepted args are JSON") {
            Value::Null => assert!(a.is_empty()),
            Value::Object(map) => {
                let names: Vec<&str> = a.names().collect();
                let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                assert_eq!(names, keys);
                for (k, v) in &map {
                    assert_eq!(a.get(k), Some(v));
                }
            }
            other => panic!("args accepted {other}"),
        },
        (Err(failure), Err(false)) => assert_pointer_failure(failure, "args", false),
        (Err(failure), Ok(t)) => {
            let v = serde_json::from_str::<Value>(t);
            assert!(!matches!(v, Ok(Value::Object(_) | Value::Null)), "refused {t:?}");
            assert_invalid_failure(failure, "args");
        }
        (got, _) => panic!("args read {:?}", got.map(|a| a.names().count())),
    }

    // json_body() alone: NULL is no body; otherwise exactly serde_json's reading.
    match (ffi::json_body(ptr(&body)), text(&body)) {
        (Ok(None), Err(true)) => {}
        (Ok(Some(v)), Ok(t)) => assert_eq!(Some(v), serde_json::from_str::<Value>(t).ok()),
        (Err(failure), Err(false)) => assert_pointer_failure(failure, "body_json", false),
        (Err(failure), Ok(t)) => {
            assert!(serde_json::from_str::<Value>(t).is_err());
            assert_invalid_failure(failure, "body_json");
        }
        (got, _) => panic!("json_body read {got:?}"),
    }

    // c_string(): every character kept, NUL as U+FFFD (a server's text is never cut).
    let s = String::from_utf8_lossy(data);
    let c = ffi::c_string(&s);
    assert_eq!(c.to_str().expect("UTF-8"), s.replace('\0', "\u{fffd}"));
});
