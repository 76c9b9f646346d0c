//! Tencent Meeting webhooks: `TencentWebhook` (the framework-neutral handler: one request in, the
//! answer and the event out), `WebhookAnswer` (Huawei's handler gives it too) and `TencentEvent`;
//! and what every vendor's handler shares (reading a request's headers and body, `max_age`). The
//! receivers are `receiver.rs`'s, Huawei's handler and event `huawei_webhook.rs`'s.

use std::time::Duration;

use meetctl::Secret;
use meetctl::tencent::webhook::{DEFAULT_MAX_AGE, TencentEvent, TencentWebhook, WebhookRequest};
use meetctl::webhook::WebhookAnswer;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyFloat, PyInt, PyString};

use crate::blocking;
use crate::convert::json_to_py;
use crate::errors::{IntoPyResult, invalid};
use crate::results::Fields;
use crate::tencent_user::PyTencentUser;

pub(crate) use crate::receiver::{PyTencentReceiver, deadline_after, wait_time};

/// The longest a wait for an event holds the GIL released without looking at signals.
pub(crate) const SLICE: Duration = Duration::from_millis(100);

/// The longest `max_age` (a year): beyond it the check means nothing; `None` turns it off.
const MAX_AGE_LIMIT_SECS: f64 = 365.0 * 24.0 * 3600.0;

/// An argument given as `None` (which means something: no limit), given as a value, or not given.
pub(crate) enum Given<'py> {
    Absent,
    None,
    Value(Bound<'py, PyAny>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Given<'py> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(if obj.is_none() { Given::None } else { Given::Value(obj.to_owned()) })
    }
}

/// A number of seconds (an `int` or a `float`, not a `bool`) from `min` to `max`; anything else
/// is an `InvalidArgument` naming `field` (a wrong type: `TypeError`).
pub(crate) fn seconds(
    py: Python<'_>,
    field: &'static str,
    value: &Bound<'_, PyAny>,
    min: f64,
    max: f64,
) -> PyResult<Duration> {
    if value.is_instance_of::<PyBool>()
        || !(value.is_instance_of::<PyInt>() || value.is_instance_of::<PyFloat>())
    {
        return Err(PyTypeError::new_err(format!(
            "{field} must be a number of seconds, not {}",
            value.get_type().name()?
        )));
    }
    let out_of_range = || invalid(py, field, format!("must be a number of seconds from {min} to {max}"));
    let secs: f64 = value.extract().map_err(|_| out_of_range())?;
    // `!(a <= x && x <= b)` also refuses NaN.
    if !(min..=max).contains(&secs) {
        return Err(out_of_range());
    }
    Ok(Duration::from_secs_f64(secs))
}

/// A whole number (an `int`, not a `bool`) from `min` to `max`.
pub(crate) fn count(
    py: Python<'_>,
    field: &'static str,
    value: &Bound<'_, PyAny>,
    min: usize,
    max: usize,
) -> PyResult<usize> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "{field} must be an int, not {}",
            value.get_type().name()?
        )));
    }
    value
        .extract::<usize>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| invalid(py, field, format!("must be from {min} to {max}")))
}

/// A header name or value: `str`, or `bytes` as sent on the wire (Latin-1, as HTTP has it).
fn header_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(text.to_cow()?.into_owned());
    }
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().iter().map(|&b| char::from(b)).collect());
    }
    Err(PyTypeError::new_err(format!(
        "header names and values must be str or bytes, not {}",
        value.get_type().name()?
    )))
}

/// The headers as pairs: from a mapping (anything with `items()`: a `dict`, `http.server`'s
/// message, a framework's headers) or from an iterable of `(name, value)` pairs.
fn header_pairs(headers: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let not_pairs = || PyTypeError::new_err("headers must be a mapping or a sequence of (name, value) pairs");
    if headers.is_instance_of::<PyString>() || headers.is_instance_of::<PyBytes>() {
        return Err(not_pairs());
    }
    let items = if headers.hasattr("items")? { headers.call_method0("items")? } else { headers.clone() };
    let mut pairs = Vec::new();
    for item in items.try_iter().map_err(|_| not_pairs())? {
        let item = item?;
        if item.is_instance_of::<PyString>() || item.is_instance_of::<PyBytes>() || item.len().ok() != Some(2)
        {
            return Err(not_pairs());
        }
        let (name, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract().map_err(|_| not_pairs())?;
        pairs.push((header_text(&name)?, header_text(&value)?));
    }
    Ok(pairs)
}

/// The body bytes: `bytes` or `bytearray` (`None`: empty).
fn body_bytes(body: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<u8>> {
    match body {
        None => Ok(Vec::new()),
        Some(b) if b.is_none() => Ok(Vec::new()),
        Some(b) => {
            if let Ok(bytes) = b.cast::<PyBytes>() {
                Ok(bytes.as_bytes().to_vec())
            } else if let Ok(array) = b.cast::<PyByteArray>() {
                Ok(array.to_vec())
            } else {
                Err(PyTypeError::new_err(format!("body must be bytes, not {}", b.get_type().name()?)))
            }
        }
    }
}

/// `max_age` of a webhook's constructor: 300 s when not given, `None` for no check.
pub(crate) fn max_age_arg(py: Python<'_>, max_age: Given<'_>) -> PyResult<Option<Duration>> {
    Ok(match max_age {
        Given::Absent => Some(DEFAULT_MAX_AGE),
        Given::None => None,
        Given::Value(v) => Some(seconds(py, "max_age", &v, 0.001, MAX_AGE_LIMIT_SECS)?),
    })
}

/// `repr()` of a webhook's `max_age` (seconds, or `None`).
pub(crate) fn max_age_repr(max_age: Option<Duration>) -> String {
    match max_age {
        Some(d) => format!("{:?}", d.as_secs_f64()),
        None => "None".to_owned(),
    }
}

/// What every webhook's `handle(method, url, headers, body)` does: reads the headers and body,
/// has `handle` answer the request with the GIL released, and wraps the event with `wrap`.
pub(crate) fn handle_request<E: Send, P: pyo3::PyClass + Into<pyo3::PyClassInitializer<P>>>(
    py: Python<'_>,
    (method, url, headers, body): (&str, &str, &Bound<'_, PyAny>, Option<&Bound<'_, PyAny>>),
    handle: impl FnOnce(&WebhookRequest<'_>) -> WebhookAnswer<E> + Send,
    wrap: impl FnOnce(E) -> P,
) -> PyResult<PyWebhookAnswer> {
    let headers = header_pairs(headers)?;
    let body = body_bytes(body)?;
    let answer = blocking::run(py, || {
        let header_refs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        Ok(handle(&WebhookRequest { method, target: url, headers: &header_refs, body: &body }))
    })?
    .into_py_result(py)?;
    let event = match answer.event {
        Some(event) => Some(Py::new(py, wrap(event))?.into_any()),
        None => None,
    };
    Ok(PyWebhookAnswer {
        status: answer.status,
        body: answer.body,
        event,
        duplicate: answer.duplicate,
        refusal: answer.refusal.map(|r| r.description()),
    })
}

/// A subscription's verifier and decoder for your own HTTP server (Flask, Django, FastAPI,
/// ``http.server``, …): give :meth:`handle` each request the vendor sends and answer with what it
/// says.
///
/// ``token`` is the subscription's Token and ``aes_key`` its EncodingAESKey when the subscription
/// encrypts (43 letters and digits); either malformed raises :class:`meetctl.InvalidArgument`
/// naming ``token`` or ``aes_key``. ``max_age`` is the largest age of a delivery in seconds
/// (default 300; ``None`` turns the check off).
///
/// The signature (``sha1`` of the sorted token, ``timestamp``, ``nonce`` and data) is checked
/// first, before anything is decoded or decrypted. An event already delivered (the same id within
/// the last 10,000) is answered 200 and not delivered again; ids are kept in memory only, so
/// across restarts delivery is at least once (keep :attr:`TencentEvent.id` to dedupe further).
/// Every refusal answers the sender ``refused`` with a 4xx; the reason is
/// :attr:`WebhookAnswer.refusal` and a ``WARNING`` record of the ``meetctl`` logger.
///
/// Safe to share between threads (the ids seen are shared too). Neither ``repr()`` nor any
/// attribute shows the token or the key, and it cannot be pickled.
#[pyclass(frozen, module = "meetctl._meetctl", name = "TencentWebhook")]
pub(crate) struct PyTencentWebhook {
    pub(crate) inner: TencentWebhook,
    max_age: Option<Duration>,
    encrypted: bool,
}

#[pymethods]
impl PyTencentWebhook {
    #[new]
    #[pyo3(signature = (token, aes_key=None, max_age=Given::Absent), text_signature = "(token, aes_key=None, max_age=300)")]
    fn new(py: Python<'_>, token: &str, aes_key: Option<&str>, max_age: Given<'_>) -> PyResult<Self> {
        let max_age = max_age_arg(py, max_age)?;
        let inner = TencentWebhook::new(token, aes_key.map(Secret::new)).into_py_result(py)?.max_age(max_age);
        Ok(PyTencentWebhook { inner, max_age, encrypted: aes_key.is_some() })
    }

    /// The largest age of a delivery in seconds, or ``None`` when the age is not checked.
    #[getter]
    fn max_age(&self) -> Option<f64> {
        self.max_age.map(|d| d.as_secs_f64())
    }

    /// Whether the subscription encrypts (an ``aes_key`` was given).
    #[getter]
    fn encrypted(&self) -> bool {
        self.encrypted
    }

    /// Handles one request the vendor sent: ``method`` (``"GET"`` for the URL check, ``"POST"``
    /// for an event), ``url`` (the whole URL, the path with its query, or the query alone: the URL
    /// check's ``check_str`` is read from it), ``headers`` (a mapping or a sequence of
    /// ``(name, value)`` pairs, ``str`` or ``bytes``; ``timestamp``, ``nonce`` and ``signature``
    /// are read, in any case) and ``body`` (``bytes``). Answer the sender with the returned
    /// :attr:`WebhookAnswer.status` and :attr:`WebhookAnswer.body`; act on
    /// :attr:`WebhookAnswer.event` when it is not ``None``. Never raises for what the request
    /// holds; ``TypeError`` for arguments of the wrong type.
    #[pyo3(signature = (method, url, headers, body=None), text_signature = "(self, method, url, headers, body=b'')")]
    fn handle(
        &self,
        py: Python<'_>,
        method: &str,
        url: &str,
        headers: &Bound<'_, PyAny>,
        body: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyWebhookAnswer> {
        handle_request(
            py,
            (method, url, headers, body),
            |r| self.inner.handle(r),
            |inner| PyTencentEvent { inner },
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "TencentWebhook(token=<redacted>, encrypted={}, max_age={})",
            if self.encrypted { "True" } else { "False" },
            max_age_repr(self.max_age)
        )
    }
}

/// What :meth:`TencentWebhook.handle` or :meth:`HuaweiWebhook.handle` says to answer, and the
/// event to act on (a :class:`TencentEvent` or a :class:`HuaweiEvent`).
///
/// ``status`` and ``body`` are the HTTP answer to send back (the URL check's plaintext,
/// ``successfully received callback`` for an event, ``refused`` for a refusal). ``event`` is the
/// event to deliver: ``None`` for the URL check, a repeated delivery (``duplicate`` is then
/// ``True``) and a refusal. ``refusal`` says why a request was refused (for your log; the sender
/// never sees it), else ``None``.
#[pyclass(frozen, module = "meetctl._meetctl", name = "WebhookAnswer")]
pub(crate) struct PyWebhookAnswer {
    status: u16,
    body: Vec<u8>,
    /// The vendor's event object (`TencentEvent`, `HuaweiEvent`).
    event: Option<Py<PyAny>>,
    duplicate: bool,
    refusal: Option<String>,
}

#[pymethods]
impl PyWebhookAnswer {
    /// The HTTP status to answer with (200; 4xx for a refusal).
    #[getter]
    fn status(&self) -> u16 {
        self.status
    }

    /// The body to answer with.
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.body)
    }

    /// The event to act on, or ``None`` (the URL check, a repeated delivery, a refusal).
    #[getter]
    fn event(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        self.event.as_ref().map(|e| e.clone_ref(py))
    }

    /// Whether this was a repeated delivery of an event already delivered (answered 200, not
    /// delivered again).
    #[getter]
    fn duplicate(&self) -> bool {
        self.duplicate
    }

    /// Why the request was refused (one line, for the log), or ``None``.
    #[getter]
    fn refusal(&self) -> Option<&str> {
        self.refusal.as_deref()
    }

    /// `WebhookAnswer[HuaweiEvent]` in an annotation evaluated at run time (the stub's
    /// `Generic`).
    #[classmethod]
    fn __class_getitem__<'py>(
        cls: &Bound<'py, pyo3::types::PyType>,
        item: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        py.import("types")?.getattr("GenericAlias")?.call1((cls, item))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut fields = Fields::new(py).raw("status", self.status.to_string());
        if let Some(event) = &self.event {
            fields = fields.raw("event", event.bind(py).repr()?.to_cow()?.into_owned());
        }
        let fields = fields
            .flag("duplicate", self.duplicate.then_some(true))
            .text("refusal", self.refusal.as_deref())?;
        Ok(fields.finish("WebhookAnswer"))
    }
}

/// One Tencent Meeting event, verified and decoded.
///
/// ``kind`` is the vendor's event name (``"meeting.participant-joined"``, ``"meeting.started"``,
/// ``"meeting.end"``, …; any event is delivered, known or not); ``id`` is the same for every
/// delivery of one event (the vendor's ``trace_id`` or ``unique_sequence``); ``time_ms`` is when
/// it happened (``operate_time``, Unix milliseconds) when the vendor gave it as a number. The
/// meeting is ``meeting_id``, ``meeting_code`` and ``occurrence`` (``sub_meeting_id``) where
/// given. For a participant event, ``participant`` is who (a :class:`meetctl.TencentUser`: their
/// ``ms_open_id`` on their device, ready for a control call), when the vendor named both.
/// ``raw`` is the whole decoded payload as a new ``dict``.
#[pyclass(frozen, eq, module = "meetctl._meetctl", name = "TencentEvent")]
#[derive(PartialEq)]
pub(crate) struct PyTencentEvent {
    pub(crate) inner: TencentEvent,
}

#[pymethods]
impl PyTencentEvent {
    /// The vendor's event name (``"meeting.participant-joined"``).
    #[getter]
    fn kind(&self) -> &str {
        &self.inner.name
    }

    /// The event id: the same for every delivery of one event.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// When it happened, Unix milliseconds, or ``None``.
    #[getter]
    fn time_ms(&self) -> Option<i64> {
        self.inner.time_ms
    }

    /// The meeting id, or ``None``.
    #[getter]
    fn meeting_id(&self) -> Option<&str> {
        self.inner.meeting_id.as_deref()
    }

    /// The meeting code, or ``None``.
    #[getter]
    fn meeting_code(&self) -> Option<&str> {
        self.inner.meeting_code.as_deref()
    }

    /// The occurrence of a recurring meeting (the vendor's ``sub_meeting_id``), or ``None``.
    #[getter]
    fn occurrence(&self) -> Option<&str> {
        self.inner.occurrence.as_deref()
    }

    /// For a participant event, the participant as a control target, or ``None``.
    #[getter]
    fn participant(&self) -> Option<PyTencentUser> {
        self.inner.participant.clone().map(|inner| PyTencentUser { inner })
    }

    /// The decoded payload as received, as a new ``dict``.
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.inner.raw())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let e = &self.inner;
        let mut fields = Fields::new(py)
            .text("kind", Some(&e.name))?
            .text("id", Some(&e.id))?
            .text("meeting_id", e.meeting_id.as_deref())?
            .text("occurrence", e.occurrence.as_deref())?;
        if let Some(user) = &e.participant {
            fields = fields.raw("participant", PyTencentUser { inner: user.clone() }.__repr__(py)?);
        }
        Ok(fields.finish("TencentEvent"))
    }
}
