//! `meetctl._meetctl`: the compiled half of the `meetctl` Python package.
//!
//! Thin wrappers over the core crate. Every control operation is one value
//! (`TencentControl` / `HuaweiConferenceControl`, built from the operation's snake_case name)
//! sent by one native `call` or signed by one `prepare`; the named methods (`kick_out`,
//! `mute_all`, …) are one-line native methods that build that value. Arguments are converted here and validated by
//! the core's endpoint tables (`args.rs`), results are typed (`results.rs`), every call
//! that may block runs with the GIL released and, on the main thread, on a worker thread so that
//! Ctrl-C reaches the caller while it waits (`blocking.rs`), core errors become the Python
//! exceptions of `meetctl._errors` by [`meetctl::ErrorKind`] (with the `attempts` the retry policy
//! made), and the core's `log` records go to Python's `logging` (logger `meetctl` and its
//! children) through `pyo3-log` (`logging.rs`).
//!
//! `Meeting` and `Participant` (`meeting.rs`) are the vendor-neutral layer: one meeting on either
//! vendor, the same calls for both.
//!
//! `MeetingWatch` and `MeetingEvent` (`watch.rs`): a meeting watched, its roster kept current and
//! its changes as events (`Meeting.watch` / `Meeting.events`).
//!
//! `TencentWebhook`, `WebhookAnswer`, `TencentEvent` and `TencentReceiver` (`webhook.rs`) verify
//! and decode Tencent Meeting's webhooks, in the app's own HTTP server or in the core's receiver;
//! `HuaweiWebhook`, `HuaweiEvent` (`huawei_webhook.rs`) and `HuaweiReceiver` (`receiver.rs`, one
//! macro with `TencentReceiver`) Huawei Cloud Meeting's enterprise webhooks.
//!
//! The public Python API is `python/meetctl/__init__.py`; the stub is `python/meetctl/_meetctl.pyi`.

mod args;
mod blocking;
mod control;
mod convert;
mod errors;
mod huawei;
mod huawei_webhook;
mod logging;
mod meeting;
mod prepared;
mod receiver;
mod results;
mod tencent;
mod tencent_user;
mod watch;
mod webhook;

use pyo3::prelude::*;

/// The compiled core of the `meetctl` package. Import `meetctl`, not this module.
#[pymodule]
fn _meetctl(m: &Bound<'_, PyModule>) -> PyResult<()> {
    logging::install(m.py());
    blocking::init(m.py())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<tencent::PyTencentClient>()?;
    m.add_class::<tencent_user::PyTencentUser>()?;
    m.add_class::<control::PyTencentControl>()?;
    m.add_class::<results::PyTencentParticipant>()?;
    m.add_class::<prepared::PyPreparedRequest>()?;
    m.add_class::<huawei::PyHuaweiClient>()?;
    m.add_class::<huawei::PyHuaweiConference>()?;
    m.add_class::<control::PyHuaweiConferenceControl>()?;
    m.add_class::<results::PyHuaweiConferenceInfo>()?;
    m.add_class::<results::PyHuaweiParticipant>()?;
    m.add_class::<meeting::PyMeeting>()?;
    m.add_class::<meeting::PyParticipant>()?;
    m.add_class::<watch::PyMeetingWatch>()?;
    m.add_class::<watch::PyMeetingEvent>()?;
    m.add_class::<webhook::PyTencentWebhook>()?;
    m.add_class::<webhook::PyWebhookAnswer>()?;
    m.add_class::<webhook::PyTencentEvent>()?;
    m.add_class::<receiver::PyTencentReceiver>()?;
    m.add_class::<huawei_webhook::PyHuaweiWebhook>()?;
    m.add_class::<huawei_webhook::PyHuaweiEvent>()?;
    m.add_class::<receiver::PyHuaweiReceiver>()?;
    Ok(())
}
