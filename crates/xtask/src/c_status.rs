//! The C status and error-kind enums, from the core's `ErrorKind::ALL` (numbers exactly the
//! core's codes) plus the C boundary's own statuses: `crates/meetctl-ffi/src/status/enums.rs`.

use meetctl::ErrorKind;

use crate::model::camel;
use crate::text::{GENERATED, wrap, wrap_doc};

/// What the C binding adds to a kind's description: the accessor that tells more.
fn c_hint(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::InvalidArgument => "`meetctl_error_get_field` names it (a NULL or non-UTF-8 string too).",
        ErrorKind::RateLimited => "See `meetctl_error_get_retry_after_ms`.",
        ErrorKind::Api => "See `meetctl_error_get_code`.",
        ErrorKind::Unsupported => "`meetctl_meeting_supports` says so beforehand.",
        ErrorKind::Cancelled => {
            "The `meetctl_cancel` handle bound to the calling thread was fired (`meetctl_cancel_bind`, \
             `meetctl_cancel_fire`). `meetctl_error_get_request_may_have_been_sent` says whether the \
             operation may have taken effect (1) or certainly did not (0: nothing was sent)."
        }
        ErrorKind::Ambiguous => {
            "`meetctl_error_get_candidates` lists the meetings it may mean (id, occurrence, subject, times)."
        }
        _ => "",
    }
}

/// Statuses of the C boundary itself: never a kind's number (kinds are below 100).
const BOUNDARY: [(&str, u32, &str); 4] = [
    (
        "NullArgument",
        100,
        "A pointer argument that must not be NULL was NULL. The error's kind is \
         `MEETCTL_ERROR_KIND_INVALID_ARGUMENT` and its field names the parameter.",
    ),
    (
        "InvalidUtf8",
        101,
        "A string argument was not valid UTF-8. The error's kind is \
         `MEETCTL_ERROR_KIND_INVALID_ARGUMENT` and its field names the parameter.",
    ),
    (
        "Panic",
        102,
        "meetctl panicked (a bug in meetctl; please report it). The panic was caught at the C \
         boundary and did not unwind into the caller; the operation may or may not have happened.",
    ),
    ("Other", 199, "An error of a kind this version of the header does not know."),
];

fn variant(kind: ErrorKind) -> String {
    camel(kind.name())
}

fn kind_doc(kind: ErrorKind) -> String {
    let hint = c_hint(kind);
    if hint.is_empty() {
        format!("{}.", kind.description())
    } else {
        format!("{}. {hint}", kind.description())
    }
}

/// The file's text.
pub fn generate() -> String {
    let mut out = wrap(&format!("The status and error-kind enums of the header. {GENERATED}"), "//! ", 100);
    out.push_str("\nuse meetctl::ErrorKind;\n\n");
    out.push_str(&wrap_doc(
        "What every fallible function returns. `MEETCTL_STATUS_OK` (0) is success; anything else is a \
         failure, and the function then wrote none of its out-parameters except `err_out`. The numbers \
         are part of the ABI and are never reused for another meaning: below 100 they equal the \
         `meetctl_error_kind` of the error; 100 and up are failures of the C boundary itself.",
        "",
    ));
    out.push_str(
        "#[repr(C)]\n#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum meetctl_status {\n",
    );
    out.push_str("    /// Success.\n    Ok = 0,\n");
    for kind in ErrorKind::ALL {
        out.push_str(&wrap_doc(&kind_doc(kind), "    "));
        out.push_str(&format!("    {} = {},\n", variant(kind), kind.code()));
    }
    for (name, code, doc) in BOUNDARY {
        out.push_str(&wrap_doc(doc, "    "));
        out.push_str(&format!("    {name} = {code},\n"));
    }
    out.push_str("}\n\n");
    out.push_str(&wrap_doc(
        "What went wrong, in the terms a caller acts on: the core's `ErrorKind`, with the same numbers \
         (`ErrorKind::code`), plus the C boundary's own failures. Never reused for another meaning.",
        "",
    ));
    out.push_str(
        "#[repr(C)]\n#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum meetctl_error_kind {\n",
    );
    for kind in ErrorKind::ALL {
        out.push_str(&wrap_doc(&kind_doc(kind), "    "));
        out.push_str(&format!("    {} = {},\n", variant(kind), kind.code()));
    }
    out.push_str(
        "    /// meetctl itself failed: a panic was caught at the boundary (`MEETCTL_STATUS_PANIC`).\n    \
         Internal = 102,\n    \
         /// A kind this version of the header does not know (`MEETCTL_STATUS_OTHER`).\n    Other = 199,\n}\n\n",
    );
    for (ty, what) in [("meetctl_status", "status"), ("meetctl_error_kind", "C kind")] {
        out.push_str(&format!(
            "impl {ty} {{\n    /// The {what} for an error of the core's `kind`.\n    \
             pub(crate) fn from_kind(kind: ErrorKind) -> Self {{\n        match kind {{\n"
        ));
        for kind in ErrorKind::ALL {
            out.push_str(&format!("            ErrorKind::{0} => {ty}::{0},\n", variant(kind)));
        }
        out.push_str(&format!("            _ => {ty}::Other,\n        }}\n    }}\n}}\n\n"));
    }
    out.pop();
    out
}
