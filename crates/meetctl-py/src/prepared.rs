//! `PreparedRequest`: a validated, signed request that was not sent.

use meetctl::{PreparedRequest, is_sensitive_header};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

/// A request that meetctl validated and signed but did not send, for callers who bring their own
/// HTTP client: send exactly ``method`` to ``url`` with ``headers`` and ``body``.
///
/// A Tencent request carries a one-time nonce: send it once, soon (the signature is good for
/// about five minutes). ``repr()`` shows credential headers as ``<redacted>`` and the body only as
/// its size (it may hold a password); the attributes themselves hold the real values.
#[pyclass(frozen, module = "meetctl._meetctl", name = "PreparedRequest")]
pub(crate) struct PyPreparedRequest {
    inner: PreparedRequest,
}

impl From<PreparedRequest> for PyPreparedRequest {
    fn from(inner: PreparedRequest) -> Self {
        PyPreparedRequest { inner }
    }
}

#[pymethods]
impl PyPreparedRequest {
    /// The HTTP method, upper case (``"PUT"``).
    #[getter]
    fn method(&self) -> &'static str {
        self.inner.method.as_str()
    }

    /// The absolute URL, path and query already percent-encoded.
    #[getter]
    fn url(&self) -> &str {
        &self.inner.url
    }

    /// The headers to send, credentials and signature included, as a new ``dict`` in send order.
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, value) in &self.inner.headers {
            let (name, value): (&str, &str) = (name.as_ref(), value.as_ref());
            dict.set_item(name, value)?;
        }
        Ok(dict)
    }

    /// The exact body bytes (``b""`` for none); the signature covers them.
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.body)
    }

    /// Whether sending it again after an uncertain outcome (a gateway timeout, a lost connection)
    /// can do no harm: a lookup or a state set, not removing people or ending the meeting. Repeat
    /// only such a request, prepared afresh.
    #[getter]
    fn safe_to_repeat(&self) -> bool {
        self.inner.safe_to_repeat
    }

    /// The value of the first header called ``name`` (case-insensitive), or ``None``.
    fn header(&self, name: &str) -> Option<&str> {
        self.inner.header(name)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut headers = Vec::with_capacity(self.inner.headers.len());
        for (name, value) in &self.inner.headers {
            let (name, value): (&str, &str) = (name.as_ref(), value.as_ref());
            let shown = if is_sensitive_header(name) { "<redacted>" } else { value };
            headers.push(format!("{}: {}", py_repr(py, name)?, py_repr(py, shown)?));
        }
        Ok(format!(
            "PreparedRequest(method={}, url={}, headers={{{}}}, body=<{} bytes>)",
            py_repr(py, self.inner.method.as_str())?,
            py_repr(py, &self.inner.url)?,
            headers.join(", "),
            self.inner.body.len()
        ))
    }
}

/// Python's `repr()` of a string.
pub(crate) fn py_repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_cow()?.into_owned())
}
