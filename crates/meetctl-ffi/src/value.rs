//! `meetctl_value`: what a lookup answers (a record, or a list of records), and the candidates of
//! an ambiguous find, as an owned, immutable tree with accessors that never crash on any input.
//!
//! The core hands its records over as `serde_json::Value`s; this module turns one into a tree of
//! C-ready nodes once (every text and field name already NUL-terminated, so each accessor only
//! lends a pointer), and writes a node's JSON text the first time it is asked for.

use std::ffi::{CString, c_char};
use std::ptr;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::ffi;
use crate::panic::{PanicValue, boundary};

/// What a `meetctl_value` holds, as `meetctl_value_get_kind` says.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_value_kind {
    /// Nothing: a field the vendor did not report (JSON `null`). Also what
    /// `meetctl_value_get_kind` says for a `NULL` pointer, so that a missing field
    /// (`meetctl_value_get` answering `NULL`) reads as null.
    Null = 0,
    /// `true` or `false`: `meetctl_value_bool`.
    Bool = 1,
    /// A whole number that fits an `int64_t` (ids are text, never numbers; times are Unix
    /// seconds): `meetctl_value_int`.
    Int = 2,
    /// UTF-8 text: `meetctl_value_text`. A number that does not fit an `int64_t` (no record holds
    /// one) is text too, in decimal.
    Text = 3,
    /// A list: `meetctl_value_len` entries, `meetctl_value_at`.
    List = 4,
    /// A record: named fields, `meetctl_value_get` by name, or `meetctl_value_len`,
    /// `meetctl_value_key_at` and `meetctl_value_at` in name order.
    Record = 5,
}

impl PanicValue for meetctl_value_kind {
    fn panic_value(_: String) -> Self {
        meetctl_value_kind::Null
    }
}

/// The deepest a tree goes: deeper levels (no record comes close: records nest two or three
/// levels) read as null, so that neither building nor freeing a tree can exhaust the stack.
const MAX_DEPTH: usize = 64;

/// A lookup's answer: a tree of records, lists, texts, numbers and flags, owned and immutable.
/// The records and their fields are listed with the lookup enums (`meetctl_tencent_lookup`,
/// `meetctl_huawei_lookup`) and in docs/c-api.md ("Records").
///
/// Made by the lookup and find calls (`*value_out`, `*candidate_out`, `*details_out`) and freed
/// with `meetctl_value_free`. The values and strings its accessors return (`meetctl_value_get`,
/// `meetctl_value_at`, `meetctl_value_text`, `meetctl_value_json`, ...) are borrowed from it:
/// valid until it is freed, never freed by the caller. Every accessor takes any pointer it
/// returned, or `NULL` (a missing field, an index out of range), and answers `NULL`, 0 or `false`
/// where there is nothing: a caller can chain them without checking each step.
///
/// Some records hold a credential: the `token` of a `HuaweiWsToken` (`MEETCTL_HUAWEI_LOOKUP_WS_TOKEN`)
/// is plain text here, and so is it in the record's JSON (`meetctl_value_json`). Do not log such a
/// value or its JSON.
///
/// Thread safety: immutable; may be read from several threads at once (the JSON text is made once,
/// whichever thread asks first), and freed once when no thread reads it any more.
pub struct meetctl_value {
    node: Node,
    /// Whether the caller owns this value (a tree's root handed out by a call): only then does
    /// `meetctl_value_free` free it. Entries of a tree, and the candidates an error holds, are
    /// borrowed.
    caller_owns: bool,
    /// The compact JSON text, made on the first `meetctl_value_json`.
    json: OnceLock<CString>,
}

enum Node {
    Null,
    Bool(bool),
    Int(i64),
    /// The text, and its C string; `None` when the text holds a NUL byte (a C string cannot
    /// hold it without being cut there).
    Text(String, Option<CString>),
    List(Box<[meetctl_value]>),
    /// The fields in name order: name, its C string, value.
    Record(Box<[(String, CString, meetctl_value)]>),
}

impl meetctl_value {
    /// A tree the caller owns (frees with `meetctl_value_free`), holding `value`.
    pub(crate) fn owned(value: Value) -> Self {
        meetctl_value { caller_owns: true, ..meetctl_value::build(value, 0) }
    }

    /// A tree owned by some other handle (an error's candidates): `meetctl_value_free` ignores it.
    pub(crate) fn borrowed(value: Value) -> Self {
        meetctl_value::build(value, 0)
    }

    /// A record, serialised (`serde_json::to_value(&record)`), as a tree the caller owns.
    pub(crate) fn owned_record(record: serde_json::Result<Value>) -> Self {
        // A record of strings, integers, flags and lists always serialises (the core hands its
        // lookup items over the same way).
        meetctl_value::owned(record.unwrap_or(Value::Null))
    }

    fn build(value: Value, depth: usize) -> Self {
        let node = match value {
            _ if depth >= MAX_DEPTH => Node::Null,
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Node::Int(i),
                None => text(n.to_string()),
            },
            Value::String(s) => text(s),
            Value::Array(items) => {
                Node::List(items.into_iter().map(|v| meetctl_value::build(v, depth + 1)).collect())
            }
            Value::Object(fields) => {
                let mut fields: Vec<_> = fields
                    .into_iter()
                    .map(|(k, v)| {
                        let c = ffi::c_string(&k);
                        (k, c, meetctl_value::build(v, depth + 1))
                    })
                    .collect();
                // Name order whatever the map's own order (serde_json's `preserve_order` keeps
                // insertion order), so that lookups by name can search.
                fields.sort_by(|a, b| a.0.cmp(&b.0));
                Node::Record(fields.into_boxed_slice())
            }
        };
        meetctl_value { node, caller_owns: false, json: OnceLock::new() }
    }

    fn kind(&self) -> meetctl_value_kind {
        match self.node {
            Node::Null => meetctl_value_kind::Null,
            Node::Bool(_) => meetctl_value_kind::Bool,
            Node::Int(_) => meetctl_value_kind::Int,
            Node::Text(..) => meetctl_value_kind::Text,
            Node::List(_) => meetctl_value_kind::List,
            Node::Record(_) => meetctl_value_kind::Record,
        }
    }

    fn len(&self) -> usize {
        match &self.node {
            Node::List(items) => items.len(),
            Node::Record(fields) => fields.len(),
            _ => 0,
        }
    }

    fn at(&self, index: usize) -> Option<&meetctl_value> {
        match &self.node {
            Node::List(items) => items.get(index),
            Node::Record(fields) => fields.get(index).map(|(_, _, v)| v),
            _ => None,
        }
    }

    fn field(&self, name: &str) -> Option<&meetctl_value> {
        match &self.node {
            // In name order (see `build`), so a binary search finds it.
            Node::Record(fields) => {
                fields.binary_search_by(|(k, _, _)| k.as_str().cmp(name)).ok().map(|i| &fields[i].2)
            }
            _ => None,
        }
    }

    /// The tree as JSON, for its text.
    fn to_json(&self) -> Value {
        match &self.node {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Int(i) => Value::from(*i),
            Node::Text(s, _) => Value::String(s.clone()),
            Node::List(items) => Value::Array(items.iter().map(meetctl_value::to_json).collect()),
            Node::Record(fields) => {
                Value::Object(fields.iter().map(|(k, _, v)| (k.clone(), v.to_json())).collect::<Map<_, _>>())
            }
        }
    }

    fn json(&self) -> &CString {
        // JSON text never holds a NUL byte (one in a string is written `\u0000`).
        self.json.get_or_init(|| ffi::c_string(&self.to_json().to_string()))
    }
}

fn text(s: String) -> Node {
    let c = CString::new(s.as_bytes()).ok();
    Node::Text(s, c)
}

/// Frees a value the caller owns: one a call wrote to an out-parameter. `NULL` is a no-op, and so
/// is a value borrowed from another (from `meetctl_value_get`, `meetctl_value_at`,
/// `meetctl_error_get_candidates`): those are freed with what they came from.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_value_free(value: *mut meetctl_value) {
    boundary(|| {
        if ffi::opt_ref(value.cast_const()).is_some_and(|v| v.caller_owns) {
            ffi::free_box(value);
        }
    })
}

/// What `value` holds; `MEETCTL_VALUE_KIND_NULL` for `NULL` too.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_value_get_kind(value: *const meetctl_value) -> meetctl_value_kind {
    boundary(|| ffi::opt_ref(value).map_or(meetctl_value_kind::Null, meetctl_value::kind))
}

/// The field called `name` of a record (`"meeting_id"`). Borrowed from `value`; `NULL` when
/// `value` is not a record (or `NULL`), has no such field, or `name` is `NULL` or not UTF-8. A
/// field the record has but the vendor did not report is there, of kind
/// `MEETCTL_VALUE_KIND_NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_value_get(
    value: *const meetctl_value,
    name: *const c_char,
) -> *const meetctl_value {
    boundary(|| {
        let Some(value) = ffi::opt_ref(value) else { return ptr::null() };
        let Ok(name) = ffi::try_str(name, "name") else { return ptr::null() };
        value.field(name).map_or(ptr::null(), ptr::from_ref)
    })
}

/// How many entries a list has, or fields a record has; 0 for anything else (or `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_value_len(value: *const meetctl_value) -> usize {
    boundary(|| ffi::opt_ref(value).map_or(0, meetctl_value::len))
}

/// Entry `index` of a list, or the value of field `index` of a record (fields in name order,
/// `meetctl_value_key_at` names it). Borrowed from `value`; `NULL` when `index` is out of range
/// or `value` is neither (or `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_value_at(value: *const meetctl_value, index: usize) -> *const meetctl_value {
    boundary(|| ffi::opt_ref(value).and_then(|v| v.at(index)).map_or(ptr::null(), ptr::from_ref))
}

/// The name of field `index` of a record (fields in name order). Borrowed from `value`; `NULL`
/// when `index` is out of range or `value` is not a record (or `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_value_key_at(value: *const meetctl_value, index: usize) -> *const c_char {
    boundary(|| {
        let key = ffi::opt_ref(value).and_then(|v| match &v.node {
            Node::Record(fields) => fields.get(index).map(|(_, c, _)| c),
            _ => None,
        });
        ffi::opt_ptr(key)
    })
}

/// The text of a `MEETCTL_VALUE_KIND_TEXT` value, NUL-terminated UTF-8. Borrowed from `value`;
/// `NULL` for any other kind (or `NULL`), and for a text holding a NUL byte, which a C string
/// would cut short (no record's text holds one: the core escapes control characters in what
/// vendors send; `meetctl_value_json` has any text whole, escaped).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_value_text(value: *const meetctl_value) -> *const c_char {
    boundary(|| {
        let text = ffi::opt_ref(value).and_then(|v| match &v.node {
            Node::Text(_, c) => c.as_ref(),
            _ => None,
        });
        ffi::opt_ptr(text)
    })
}

/// Whether `value` is a `MEETCTL_VALUE_KIND_INT`; if so, and `int_out` is not `NULL`, writes the
/// number to `*int_out`. Writes nothing and answers `false` otherwise (any other kind, `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_value_int(value: *const meetctl_value, int_out: *mut i64) -> bool {
    boundary(|| match ffi::opt_ref(value).map(|v| &v.node) {
        Some(Node::Int(i)) => {
            if let Some(out) = ffi::opt_out(int_out) {
                out.write(*i);
            }
            true
        }
        _ => false,
    })
}

/// Whether `value` is a `MEETCTL_VALUE_KIND_BOOL`; if so, and `bool_out` is not `NULL`, writes the
/// flag to `*bool_out`. Writes nothing and answers `false` otherwise (any other kind, `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_value_bool(value: *const meetctl_value, bool_out: *mut bool) -> bool {
    boundary(|| match ffi::opt_ref(value).map(|v| &v.node) {
        Some(Node::Bool(b)) => {
            if let Some(out) = ffi::opt_out(bool_out) {
                out.write(*b);
            }
            true
        }
        _ => false,
    })
}

/// `value` as compact JSON text (a record's fields in name order; `null`, `true`, `42`,
/// `"text"`, `[...]`, `{...}`), made the first time it is asked for. Borrowed from `value`; `NULL`
/// only for `NULL`. It holds any secret the value holds (see `meetctl_value`): do not log it then.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_value_json(value: *const meetctl_value) -> *const c_char {
    boundary(|| ffi::opt_ref(value).map_or(ptr::null(), |v| v.json().as_ptr()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::ffi::CStr;

    fn text(p: *const c_char) -> Option<String> {
        // SAFETY: the accessors return NULL or a pointer into a live value.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned())
    }

    fn int(v: *const meetctl_value) -> Option<i64> {
        let mut out = -7;
        meetctl_value_int(v, &mut out).then_some(out)
    }

    #[test]
    fn a_record_list_is_read_by_name_index_and_kind() {
        let root = ffi::into_handle(meetctl_value::owned(json!([
            {"meeting_id": "1242152152161", "in_progress": true, "start_time": 1_700_000_000,
             "subject": null, "hosts": ["alice", "bob"]},
            {"meeting_id": "1242152152100", "in_progress": false, "start_time": -5, "subject": "Old"}
        ])));
        let v = root.cast_const();
        assert_eq!(meetctl_value_get_kind(v), meetctl_value_kind::List);
        assert_eq!(meetctl_value_len(v), 2);
        let first = meetctl_value_at(v, 0);
        assert_eq!(meetctl_value_get_kind(first), meetctl_value_kind::Record);
        assert_eq!(
            text(meetctl_value_text(meetctl_value_get(first, c"meeting_id".as_ptr()))).as_deref(),
            Some("1242152152161")
        );
        let mut flag = false;
        assert!(meetctl_value_bool(meetctl_value_get(first, c"in_progress".as_ptr()), &mut flag) && flag);
        assert_eq!(int(meetctl_value_get(first, c"start_time".as_ptr())), Some(1_700_000_000));
        assert_eq!(int(meetctl_value_get(meetctl_value_at(v, 1), c"start_time".as_ptr())), Some(-5));
        let subject = meetctl_value_get(first, c"subject".as_ptr());
        assert!(!subject.is_null());
        assert_eq!(meetctl_value_get_kind(subject), meetctl_value_kind::Null);
        let hosts = meetctl_value_get(first, c"hosts".as_ptr());
        assert_eq!(meetctl_value_len(hosts), 2);
        assert_eq!(text(meetctl_value_text(meetctl_value_at(hosts, 1))).as_deref(), Some("bob"));
        // Fields in name order, by index too.
        assert_eq!(meetctl_value_len(first), 5);
        let keys: Vec<String> = (0..5).map(|i| text(meetctl_value_key_at(first, i)).unwrap()).collect();
        assert_eq!(keys, ["hosts", "in_progress", "meeting_id", "start_time", "subject"]);
        assert_eq!(meetctl_value_at(first, 2), meetctl_value_get(first, c"meeting_id".as_ptr()));
        assert_eq!(
            text(meetctl_value_json(meetctl_value_at(v, 1))).as_deref(),
            Some(r#"{"in_progress":false,"meeting_id":"1242152152100","start_time":-5,"subject":"Old"}"#)
        );
        assert_eq!(text(meetctl_value_json(hosts)).as_deref(), Some(r#"["alice","bob"]"#));
        meetctl_value_free(root);
    }

    #[test]
    fn every_accessor_takes_null_wrong_kinds_and_bad_indexes() {
        let root = ffi::into_handle(meetctl_value::owned(json!({"n": 1, "t": "x", "b": true, "l": []})));
        let v = root.cast_const();
        let n = meetctl_value_get(v, c"n".as_ptr());
        let t = meetctl_value_get(v, c"t".as_ptr());
        for p in [ptr::null(), n, t, meetctl_value_get(v, c"missing".as_ptr())] {
            assert!(meetctl_value_get(p, c"n".as_ptr()).is_null());
            assert!(meetctl_value_at(p, 0).is_null());
            assert!(meetctl_value_key_at(p, 0).is_null());
            assert_eq!(meetctl_value_len(p), 0);
        }
        assert!(meetctl_value_get(v, ptr::null()).is_null());
        assert!(meetctl_value_get(v, c"\xff".as_ptr()).is_null());
        assert!(meetctl_value_at(v, 4).is_null() && meetctl_value_at(v, usize::MAX).is_null());
        assert!(meetctl_value_key_at(v, 4).is_null());
        assert!(meetctl_value_at(meetctl_value_get(v, c"l".as_ptr()), 0).is_null());
        assert_eq!(meetctl_value_get_kind(ptr::null()), meetctl_value_kind::Null);
        assert!(meetctl_value_text(n).is_null() && meetctl_value_text(ptr::null()).is_null());
        assert_eq!(int(t), None);
        assert_eq!(int(ptr::null()), None);
        let mut untouched = true;
        assert!(!meetctl_value_bool(n, &mut untouched) && untouched);
        assert!(meetctl_value_bool(meetctl_value_get(v, c"b".as_ptr()), ptr::null_mut()));
        assert!(meetctl_value_int(n, ptr::null_mut()));
        assert!(meetctl_value_json(ptr::null()).is_null());
        // A borrowed entry is not the caller's to free: a no-op.
        meetctl_value_free(n.cast_mut());
        assert_eq!(int(n), Some(1));
        meetctl_value_free(root);
        meetctl_value_free(ptr::null_mut());
    }

    #[test]
    fn a_text_with_a_nul_is_no_c_string_but_stays_whole_in_json() {
        let v = ffi::into_handle(meetctl_value::owned(json!("a\0b")));
        assert_eq!(meetctl_value_get_kind(v), meetctl_value_kind::Text);
        assert!(meetctl_value_text(v).is_null());
        assert_eq!(text(meetctl_value_json(v)).as_deref(), Some(r#""a\u0000b""#));
        meetctl_value_free(v);
    }

    #[test]
    fn numbers_beyond_int64_are_text_and_deep_trees_are_cut() {
        let v = ffi::into_handle(meetctl_value::owned(json!([u64::MAX, 1.5])));
        assert_eq!(text(meetctl_value_text(meetctl_value_at(v, 0))).as_deref(), Some("18446744073709551615"));
        assert_eq!(text(meetctl_value_text(meetctl_value_at(v, 1))).as_deref(), Some("1.5"));
        meetctl_value_free(v);

        let mut deep = json!(1);
        for _ in 0..200 {
            deep = json!([deep]);
        }
        let v = ffi::into_handle(meetctl_value::owned(deep));
        let mut at = v.cast_const();
        let mut levels = 0;
        while meetctl_value_get_kind(at) == meetctl_value_kind::List {
            at = meetctl_value_at(at, 0);
            levels += 1;
        }
        assert_eq!(levels, MAX_DEPTH);
        assert_eq!(meetctl_value_get_kind(at), meetctl_value_kind::Null);
        meetctl_value_free(v);
    }

    #[test]
    fn a_borrowed_tree_is_never_freed_by_the_caller() {
        let v = Box::new(meetctl_value::borrowed(json!({"a": 1})));
        let p = ptr::from_ref(&*v).cast_mut();
        meetctl_value_free(p); // a no-op: the owner (here the Box) frees it
        assert_eq!(meetctl_value_len(p), 1);
    }
}
