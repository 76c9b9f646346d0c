//! Core errors as Python exceptions.
//!
//! The exception classes are plain Python (`python/meetctl/_errors.py`, so that `InvalidArgument`
//! can also be a `ValueError`, `Timeout` a `TimeoutError` and `ConnectError` a `ConnectionError`);
//! the class is chosen here from [`ErrorKind`] alone, never from message text.

use std::borrow::Cow;
use std::ffi::CStr;

use meetctl::{Error, ErrorKind, Vendor};
use pyo3::exceptions::PyDeprecationWarning;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyModule};

static ERRORS_MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The Python exception class for `kind`.
fn class_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::InvalidArgument => "InvalidArgument",
        ErrorKind::Auth => "AuthError",
        ErrorKind::PermissionDenied => "PermissionDenied",
        ErrorKind::NotFound => "NotFound",
        ErrorKind::RateLimited => "RateLimited",
        ErrorKind::Api => "ApiError",
        ErrorKind::Timeout => "Timeout",
        ErrorKind::Connection => "ConnectError",
        ErrorKind::Tls => "TlsError",
        ErrorKind::MalformedResponse => "MalformedResponse",
        ErrorKind::Unsupported => "Unsupported",
        ErrorKind::Cancelled => "Cancelled",
        ErrorKind::Ambiguous => "Ambiguous",
        // A kind added to the core later: still a MeetctlError, with its `kind` name.
        _ => "MeetctlError",
    }
}

fn vendor_name(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Tencent => "tencent",
        Vendor::Huawei => "huawei",
    }
}

/// The Python exception for a core error. Its text is the core's `Display`, which never holds a
/// secret; the details become attributes.
pub(crate) fn to_py(py: Python<'_>, error: &Error) -> PyErr {
    build(py, error, None).unwrap_or_else(|failure| failure)
}

/// As [`to_py`], for an error of the operation `operation` (a `Meeting` operation's name): an
/// `Unsupported` error then carries it as its `operation` attribute.
pub(crate) fn to_py_for(py: Python<'_>, error: &Error, operation: &'static str) -> PyErr {
    build(py, error, Some(operation)).unwrap_or_else(|failure| failure)
}

fn build(py: Python<'_>, error: &Error, operation: Option<&'static str>) -> PyResult<PyErr> {
    let module = ERRORS_MODULE.get_or_try_init(py, || py.import("meetctl._errors").map(Bound::unbind))?;
    let kind = error.kind();
    let class = module.bind(py).getattr(class_name(kind))?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("kind", kind.name())?;
    kwargs.set_item("message", error.message())?;
    kwargs.set_item("vendor", error.vendor().map(vendor_name))?;
    kwargs.set_item("attempts", error.attempts())?;
    if kind == ErrorKind::InvalidArgument {
        kwargs.set_item("field", error.field())?;
    }
    if kind.is_api() {
        let api = error.api().cloned().unwrap_or_default();
        kwargs.set_item("status", error.api().map(|a| a.status))?;
        kwargs.set_item("code", api.code)?;
        kwargs.set_item("new_code", api.new_code)?;
        kwargs.set_item("request_id", api.request_id)?;
    }
    if kind == ErrorKind::Unsupported {
        kwargs.set_item("operation", operation)?;
    }
    if kind == ErrorKind::Cancelled {
        kwargs.set_item("request_may_have_been_sent", error.request_may_have_been_sent().unwrap_or(true))?;
    }
    if kind == ErrorKind::Ambiguous {
        kwargs.set_item("candidates", candidates(py, error)?)?;
    }
    if kind == ErrorKind::RateLimited {
        kwargs.set_item("retry_after", error.retry_after().map(|d| d.as_secs_f64()))?;
    }
    let instance = class.call((error.to_string(),), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}

/// The candidates of an `Ambiguous` error, each a new `dict` (`meeting_id`, `occurrence`,
/// `subject`, `start_time`, `end_time`, `in_progress`), in the core's order.
fn candidates<'py>(py: Python<'py>, error: &Error) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for candidate in error.candidates() {
        list.append(crate::convert::record_to_py(py, serde_json::to_value(candidate))?)?;
    }
    Ok(list)
}

/// Runs a core call and turns its error into the Python exception.
pub(crate) trait IntoPyResult<T> {
    /// `Ok` as is; `Err` as the matching `meetctl` exception.
    fn into_py_result(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn into_py_result(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, &e))
    }
}

/// An `InvalidArgument` raised by the binding itself (a check the core cannot make, such as an
/// integer too large for any device type).
pub(crate) fn invalid(
    py: Python<'_>,
    field: impl Into<Cow<'static, str>>,
    message: impl Into<Cow<'static, str>>,
) -> PyErr {
    to_py(py, &Error::invalid(field, message))
}

/// Warns that an old name was used (`DeprecationWarning`, reported at the caller's line): it works
/// for one more release (docs/naming.md, "Deprecated"). `message` says what to write instead.
pub(crate) fn deprecated(py: Python<'_>, message: &CStr) -> PyResult<()> {
    PyErr::warn(py, &py.get_type::<PyDeprecationWarning>(), message, 1)
}
