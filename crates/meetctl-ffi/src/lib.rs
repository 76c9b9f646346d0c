//! # libmeetctl: the C ABI of meetctl
//!
//! A thin layer over the `meetctl` crate: it converts C arguments, calls the core and converts
//! the results back. No protocol logic lives here. `include/meetctl.h` is generated from this
//! crate by cbindgen (see `cbindgen.toml` and `tests/header.rs`); the conventions it states:
//!
//! - Every exported symbol starts with `meetctl_`; nothing else is exported.
//! - Opaque handles come in `_new`/`_free` pairs; `_free(NULL)` is a no-op.
//! - Every fallible function returns a `meetctl_status`, writes its out-parameters only on
//!   success, and takes a last `meetctl_error **err_out` (may be `NULL`) that it sets to a new
//!   error on failure only.
//! - `char *` results are owned by the caller and freed with `meetctl_string_free`;
//!   `const char *` results are borrowed from the handle they came from.
//! - NULL or non-UTF-8 arguments give `MEETCTL_STATUS_NULL_ARGUMENT` /
//!   `MEETCTL_STATUS_INVALID_UTF8`, never a crash.
//! - No panic crosses the boundary: every export runs inside `panic::boundary`, and a caught
//!   panic is `MEETCTL_STATUS_PANIC`.
//! - Each type's documentation says whether it may be shared between threads.
//! - A call blocked on the network is cancelled from another thread through a `meetctl_cancel`
//!   bound to the calling thread (`cancel.rs`): `MEETCTL_STATUS_CANCELLED`.
#![allow(non_camel_case_types)]

// The panic boundary (`panic.rs`) catches panics with `catch_unwind`, which needs them to unwind:
// built with `panic = "abort"`, a panic anywhere in meetctl would abort the C caller's process
// instead of returning `MEETCTL_STATUS_PANIC`. Refuse such a build instead of shipping it.
#[cfg(panic = "abort")]
compile_error!(
    "meetctl-ffi must be built with panic = \"unwind\" (its C boundary turns panics into \
     MEETCTL_STATUS_PANIC with catch_unwind, which does nothing under panic = \"abort\"); remove \
     `panic = \"abort\"` from the profile or `-C panic=abort` from RUSTFLAGS"
);

mod cancel;
mod conference_info;
mod config;
mod deprecated;
mod error;
mod failure;
mod ffi;
mod find;
mod huawei;
mod huawei_webhook;
mod lookup;
mod meeting;
mod operation;
mod panic;
mod participant_list;
mod participants;
mod prepared;
mod receiver;
mod status;
mod tencent;
mod tencent_user;
mod value;
mod version;
mod watch;
mod webhook;

pub use cancel::meetctl_cancel;
pub use conference_info::{meetctl_huawei_conference_info, meetctl_huawei_role};
pub use config::meetctl_config;
pub use deprecated::meetctl_huawei_info;
pub use error::meetctl_error;
pub use ffi::meetctl_query_param;
pub use huawei::{meetctl_huawei_client, meetctl_huawei_conference};
pub use huawei_webhook::{
    MEETCTL_HUAWEI_WEBHOOK_DEFAULT_MAX_AGE, MEETCTL_HUAWEI_WEBHOOK_NO_AGE_CHECK, meetctl_huawei_event,
    meetctl_huawei_event_kind, meetctl_huawei_webhook,
};
pub use meeting::meetctl_meeting;
pub use operation::{
    meetctl_huawei_lookup, meetctl_huawei_operation, meetctl_meeting_operation, meetctl_tencent_lookup,
    meetctl_tencent_operation,
};
pub use participant_list::{meetctl_participant_list, meetctl_role};
pub use participants::{meetctl_tencent_participant_list, meetctl_tencent_role};
pub use prepared::meetctl_prepared;
pub use receiver::{
    meetctl_huawei_receiver, meetctl_huawei_receiver_options, meetctl_tencent_receiver,
    meetctl_tencent_receiver_options,
};
pub use status::{meetctl_error_kind, meetctl_status, meetctl_vendor};
pub use tencent::meetctl_tencent_client;
pub use tencent_user::{meetctl_id_kind, meetctl_instance, meetctl_tencent_user};
pub use value::{meetctl_value, meetctl_value_kind};
pub use version::{MEETCTL_VERSION_MAJOR, MEETCTL_VERSION_MINOR, MEETCTL_VERSION_PATCH};
pub use watch::{
    meetctl_event_origin, meetctl_meeting_event, meetctl_meeting_event_kind, meetctl_participant_field,
    meetctl_watch, meetctl_watch_options,
};
pub use webhook::{
    MEETCTL_TENCENT_WEBHOOK_DEFAULT_MAX_AGE, MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK, meetctl_header,
    meetctl_tencent_event, meetctl_tencent_event_kind, meetctl_tencent_webhook, meetctl_webhook_answer,
};
