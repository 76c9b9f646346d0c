//! `meetctl._meetctl`: the compiled half of the `meetctl` Python package.
//!
//! Thin wrappers over the core crate. Every control operation is one value
//! (`TencentControl` / `ConferenceControl`, built from the operation's snake_case name) sent by
//! one native `call` or signed by one `prepare`; the named methods (`kick_out`, `mute_all`, …) are
//! one-line native methods that build that value. Arguments are converted here and validated by
//! the core's endpoint tables (`args.rs`), results are typed (`results.rs`), every call
//! that may block runs with the GIL released (`Python::detach`), core errors become the Python
//! exceptions of `meetctl._errors` by [`meetctl::ErrorKind`], and the core's `log` records go to
//! Python's `logging` (logger `meetctl` and its children) through `pyo3-log`.
//!
//! `Meeting` and `Participant` (`meeting.rs`) are the vendor-neutral layer: one meeting on either
//! vendor, the same calls for both.
//!
//! The public Python API is `python/meetctl/__init__.py`; the stub is `python/meetctl/_meetctl.pyi`.

mod args;
mod control;
mod convert;
mod errors;
mod huawei;
mod meeting;
mod prepared;
mod results;
mod tencent;

use pyo3::prelude::*;

/// The compiled core of the `meetctl` package. Import `meetctl`, not this module.
#[pymodule]
fn _meetctl(m: &Bound<'_, PyModule>) -> PyResult<()> {
    install_logging(m.py());
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<tencent::PyTencentClient>()?;
    m.add_class::<tencent::PyTencentUser>()?;
    m.add_class::<control::PyTencentControl>()?;
    m.add_class::<results::PyTencentParticipant>()?;
    m.add_class::<prepared::PyPreparedRequest>()?;
    m.add_class::<huawei::PyHuaweiClient>()?;
    m.add_class::<huawei::PyConference>()?;
    m.add_class::<control::PyConferenceControl>()?;
    m.add_class::<results::PyHuaweiConferenceInfo>()?;
    m.add_class::<results::PyHuaweiParticipant>()?;
    m.add_class::<meeting::PyMeeting>()?;
    m.add_class::<meeting::PyParticipant>()?;
    Ok(())
}

/// Routes the core's `log` records to Python's `logging` (target `meetctl::transport` → logger
/// `meetctl.transport`, a child of `meetctl`).
///
/// Only `meetctl` targets are forwarded: the HTTP and TLS libraries underneath log a great deal at
/// debug level, under their own names, and each forwarded record costs a trip into Python.
/// Loggers are cached but levels are not, so a level set in Python at any time takes effect at
/// once (the core logs one record per HTTP exchange). Installing fails only when this module's
/// copy of `log` already has a logger, which cannot happen twice in one process; it is ignored.
fn install_logging(py: Python<'_>) {
    if let Ok(logger) = pyo3_log::Logger::new(py, pyo3_log::Caching::Loggers) {
        let _ = logger
            .filter(log::LevelFilter::Off)
            .filter_target("meetctl".to_owned(), log::LevelFilter::Trace)
            .install();
    }
}
