//! Tencent Meeting webhooks: `TencentWebhook` (the framework-neutral handler: one request in, the
//! answer and the event out), `WebhookAnswer`, `TencentEvent`, and `TencentReceiver` (the core's
//! ready server on its own thread, its queue read here in slices with the GIL released).
//!
//! The receiver's server thread may take the GIL (to hand a log record to `logging`), so nothing
//! here waits for that thread — closing, dropping — while holding the GIL. Waits for an event run
//! in slices of at most [`SLICE`] with the GIL released; the core's `close` wakes them at once.

use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use meetctl::Secret;
use meetctl::tencent::receiver::{ReceiverConfig, TencentReceiver};
use meetctl::tencent::webhook::{
    DEFAULT_MAX_AGE, MAX_BODY_BYTES, TencentEvent, TencentWebhook, WebhookAnswer, WebhookRequest,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyFloat, PyInt, PyString};

use crate::blocking;
use crate::convert::json_to_py;
use crate::errors::{IntoPyResult, invalid};
use crate::prepared::py_repr;
use crate::results::Fields;
use crate::tencent_user::PyTencentUser;

/// The longest a wait for an event holds the GIL released without looking at signals.
pub(crate) const SLICE: Duration = Duration::from_millis(100);

/// The longest `max_age` (a year): beyond it the check means nothing; `None` turns it off.
const MAX_AGE_LIMIT_SECS: f64 = 365.0 * 24.0 * 3600.0;

/// The longest `head_timeout` / `request_timeout` (an hour), as the clients' `timeout`.
const MAX_RECEIVER_TIMEOUT_SECS: f64 = 3600.0;

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
    inner: TencentWebhook,
    max_age: Option<Duration>,
    encrypted: bool,
}

#[pymethods]
impl PyTencentWebhook {
    #[new]
    #[pyo3(signature = (token, aes_key=None, max_age=Given::Absent), text_signature = "(token, aes_key=None, max_age=300)")]
    fn new(py: Python<'_>, token: &str, aes_key: Option<&str>, max_age: Given<'_>) -> PyResult<Self> {
        let max_age = match max_age {
            Given::Absent => Some(DEFAULT_MAX_AGE),
            Given::None => None,
            Given::Value(v) => Some(seconds(py, "max_age", &v, 0.001, MAX_AGE_LIMIT_SECS)?),
        };
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
        let headers = header_pairs(headers)?;
        let body = body_bytes(body)?;
        let webhook = &self.inner;
        let answer = blocking::run(py, || {
            let header_refs: Vec<(&str, &str)> =
                headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            Ok(webhook.handle(&WebhookRequest { method, target: url, headers: &header_refs, body: &body }))
        })?
        .into_py_result(py)?;
        PyWebhookAnswer::new(py, answer)
    }

    fn __repr__(&self) -> String {
        let max_age = match self.max_age {
            Some(d) => format!("{:?}", d.as_secs_f64()),
            None => "None".to_owned(),
        };
        format!(
            "TencentWebhook(token=<redacted>, encrypted={}, max_age={max_age})",
            if self.encrypted { "True" } else { "False" }
        )
    }
}

/// What :meth:`TencentWebhook.handle` says to answer, and the event to act on.
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
    event: Option<Py<PyTencentEvent>>,
    duplicate: bool,
    refusal: Option<String>,
}

impl PyWebhookAnswer {
    fn new(py: Python<'_>, answer: WebhookAnswer) -> PyResult<Self> {
        let event = match answer.event {
            Some(event) => Some(Py::new(py, PyTencentEvent { inner: event })?),
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
    fn event(&self, py: Python<'_>) -> Option<Py<PyTencentEvent>> {
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

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut fields = Fields::new(py).raw("status", self.status.to_string());
        if let Some(event) = &self.event {
            fields = fields.raw("event", event.bind(py).get().__repr__(py)?);
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
    inner: TencentEvent,
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

/// Where a receiver listens: an IP address, or a name resolved now (its first address).
fn listen_addr(py: Python<'_>, host: &str, port: Option<&Bound<'_, PyAny>>) -> PyResult<SocketAddr> {
    let port = match port {
        Some(port) => u16::try_from(count(py, "port", port, 0, usize::from(u16::MAX))?).unwrap_or(0),
        None => 0,
    };
    if let Ok(ip) = host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, port));
    }
    if host.is_empty() || host.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(invalid(py, "host", "must be an IP address or a host name"));
    }
    let resolved = py.detach(|| (host, port).to_socket_addrs().map(|mut a| a.next()));
    match resolved {
        Ok(Some(addr)) => Ok(addr),
        _ => Err(invalid(py, "host", "is not an address of this machine, nor a name that resolves to one")),
    }
}

/// A running receiver: the core's server (hyper, HTTP/1) on its own thread, and its queue.
///
/// ``TencentReceiver(webhook, host="127.0.0.1", port=0)`` starts serving at once (``port=0``: a
/// free port, see :attr:`address`); the subscription's URL is where it listens, any path.
/// Keyword-only limits: ``max_connections`` (64), ``head_timeout`` (5 s to read a request's
/// head), ``request_timeout`` (10 s per request, body included), ``max_body`` (1 MiB, the most the
/// handler takes) and ``queue`` (1024 events waiting for you; when full, a delivery is answered
/// 503 and its retry delivered later: a slow app loses nothing). A bad value raises
/// :class:`meetctl.InvalidArgument` naming it; an address that cannot be listened on,
/// :class:`meetctl.ConnectError`.
///
/// Take events with :meth:`next`, :meth:`events` or :meth:`events_for`, or iterate the receiver
/// itself. Waits release the GIL and, on the main thread, let Ctrl-C through within 100 ms.
/// :meth:`close` (or leaving a ``with`` block) stops the server; events already queued can still
/// be taken, then iteration ends. Safe to share between threads.
#[pyclass(frozen, module = "meetctl._meetctl", name = "TencentReceiver")]
pub(crate) struct PyTencentReceiver {
    /// `None` only while being dropped. Shared with the meeting watches that take this
    /// receiver's events (`Meeting.watch(receiver=…)`): the server runs until the last is gone.
    receiver: Option<Arc<TencentReceiver>>,
    addr: SocketAddr,
    closed: AtomicBool,
}

impl PyTencentReceiver {
    /// The core's receiver, for a meeting watch to take its events; `None` once closed.
    pub(crate) fn shared(&self) -> Option<Arc<TencentReceiver>> {
        if self.closed.load(Ordering::SeqCst) {
            return None;
        }
        self.receiver.clone()
    }

    /// The next event (of `meeting`, when given) by `deadline` (`None`: until one comes or the
    /// receiver is closed and drained), waiting in slices with the GIL released and the signal
    /// handlers run between slices.
    fn wait(
        &self,
        py: Python<'_>,
        deadline: Option<Instant>,
        meeting: Option<&str>,
    ) -> PyResult<Option<TencentEvent>> {
        let take = |slice: Duration| {
            let receiver = self.receiver.as_ref()?;
            match meeting {
                Some(id) => receiver.next_for(id, slice),
                None => receiver.next(slice),
            }
        };
        loop {
            let slice = deadline.map_or(SLICE, |d| d.saturating_duration_since(Instant::now()).min(SLICE));
            if let Some(event) = py.detach(|| take(slice)) {
                return Ok(Some(event));
            }
            if self.closed.load(Ordering::SeqCst) {
                // Closed: what was queued before is still taken, then nothing more comes.
                return Ok(py.detach(|| take(Duration::ZERO)));
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return Ok(None);
            }
            py.check_signals()?;
        }
    }
}

/// A wait of `timeout` seconds (`int` or `float`, zero or more): `None` for no timeout, or one
/// too long to matter.
pub(crate) fn wait_time(py: Python<'_>, timeout: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Duration>> {
    let Some(timeout) = timeout.filter(|t| !t.is_none()) else { return Ok(None) };
    if timeout.is_instance_of::<PyBool>()
        || !(timeout.is_instance_of::<PyInt>() || timeout.is_instance_of::<PyFloat>())
    {
        return Err(PyTypeError::new_err(format!(
            "timeout must be a number of seconds or None, not {}",
            timeout.get_type().name()?
        )));
    }
    let secs: f64 = timeout.extract().unwrap_or(f64::INFINITY);
    if secs.is_nan() || secs < 0.0 {
        return Err(invalid(py, "timeout", "must be a number of seconds, zero or more, or None"));
    }
    Ok(Duration::try_from_secs_f64(secs).ok())
}

/// When a wait of `wait` ends (`None`: never).
pub(crate) fn deadline_after(wait: Option<Duration>) -> Option<Instant> {
    wait.and_then(|w| Instant::now().checked_add(w))
}

impl Drop for PyTencentReceiver {
    fn drop(&mut self) {
        let Some(receiver) = self.receiver.take() else { return };
        // The server thread may wait for the GIL (a log record): join it with the GIL released.
        Python::attach(|py| py.detach(move || drop(receiver)));
    }
}

/// The receiver's TLS from PEM texts: both or neither (an invalid argument naming `tls_key` or
/// `tls_cert` otherwise).
fn tls_pem(
    py: Python<'_>,
    cert: Option<String>,
    key: Option<String>,
) -> PyResult<Option<meetctl::tencent::receiver::TlsPem>> {
    match (cert, key) {
        (None, None) => Ok(None),
        (Some(cert_chain), Some(key)) => {
            Ok(Some(meetctl::tencent::receiver::TlsPem { cert_chain, key: meetctl::Secret::new(key) }))
        }
        (Some(_), None) => Err(crate::errors::invalid(py, "tls_key", "is needed with tls_cert")),
        (None, Some(_)) => Err(crate::errors::invalid(py, "tls_cert", "is needed with tls_key")),
    }
}

#[pymethods]
impl PyTencentReceiver {
    #[new]
    #[pyo3(
        signature = (webhook, host="127.0.0.1", port=None, *, max_connections=None, head_timeout=None, request_timeout=None, max_body=None, queue=None, tls_cert=None, tls_key=None),
        text_signature = "(webhook, host='127.0.0.1', port=0, *, max_connections=64, head_timeout=5.0, request_timeout=10.0, max_body=1048576, queue=1024, tls_cert=None, tls_key=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        webhook: &Bound<'_, PyTencentWebhook>,
        host: &str,
        port: Option<&Bound<'_, PyAny>>,
        max_connections: Option<&Bound<'_, PyAny>>,
        head_timeout: Option<&Bound<'_, PyAny>>,
        request_timeout: Option<&Bound<'_, PyAny>>,
        max_body: Option<&Bound<'_, PyAny>>,
        queue: Option<&Bound<'_, PyAny>>,
        tls_cert: Option<String>,
        tls_key: Option<String>,
    ) -> PyResult<Self> {
        let mut config = ReceiverConfig { addr: listen_addr(py, host, port)?, ..ReceiverConfig::default() };
        config.tls = tls_pem(py, tls_cert, tls_key)?;
        if let Some(n) = max_connections {
            config.max_connections = count(py, "max_connections", n, 1, 65_535)?;
        }
        if let Some(t) = head_timeout {
            config.head_timeout = seconds(py, "head_timeout", t, 0.001, MAX_RECEIVER_TIMEOUT_SECS)?;
        }
        if let Some(t) = request_timeout {
            config.request_timeout = seconds(py, "request_timeout", t, 0.001, MAX_RECEIVER_TIMEOUT_SECS)?;
        }
        if let Some(n) = max_body {
            config.max_body = count(py, "max_body", n, 1, MAX_BODY_BYTES)?;
        }
        if let Some(n) = queue {
            config.queue = count(py, "queue", n, 1, 10_000_000)?;
        }
        let webhook = webhook.get().inner.clone();
        let receiver =
            blocking::run(py, move || TencentReceiver::start(webhook, config))?.into_py_result(py)?;
        let addr = receiver.local_addr();
        Ok(PyTencentReceiver { receiver: Some(Arc::new(receiver)), addr, closed: AtomicBool::new(false) })
    }

    /// Replaces the certificate chain and key (PEM text) of a receiver serving HTTPS, for
    /// connections made from now on (a renewed certificate needs no restart).
    fn reload_tls(&self, py: Python<'_>, tls_cert: String, tls_key: String) -> PyResult<()> {
        let pem = tls_pem(py, Some(tls_cert), Some(tls_key))?
            .ok_or_else(|| crate::errors::invalid(py, "tls", "give both tls_cert and tls_key"))?;
        match &self.receiver {
            Some(receiver) => receiver.reload_tls(&pem).into_py_result(py),
            None => Err(crate::errors::invalid(py, "tls", "the receiver is closed")),
        }
    }

    /// Where it listens: ``(host, port)``.
    #[getter]
    fn address(&self) -> (String, u16) {
        (self.addr.ip().to_string(), self.addr.port())
    }

    /// How many events wait to be taken.
    #[getter]
    fn pending(&self) -> usize {
        self.receiver.as_ref().map_or(0, |r| r.pending())
    }

    /// Whether :meth:`close` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    /// The next event of any meeting, waiting up to ``timeout`` seconds (``None``: until one
    /// comes); ``None`` when none came in time, or the receiver is closed and drained.
    #[pyo3(signature = (timeout=None))]
    fn next(&self, py: Python<'_>, timeout: Option<&Bound<'_, PyAny>>) -> PyResult<Option<PyTencentEvent>> {
        let deadline = deadline_after(wait_time(py, timeout)?);
        Ok(self.wait(py, deadline, None)?.map(|inner| PyTencentEvent { inner }))
    }

    /// As :meth:`next`, for the events of meeting ``meeting_id`` only: other meetings' events stay
    /// queued for :meth:`next` or their own :meth:`next_for`.
    #[pyo3(signature = (meeting_id, timeout=None))]
    fn next_for(
        &self,
        py: Python<'_>,
        meeting_id: &str,
        timeout: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<PyTencentEvent>> {
        let deadline = deadline_after(wait_time(py, timeout)?);
        Ok(self.wait(py, deadline, Some(meeting_id))?.map(|inner| PyTencentEvent { inner }))
    }

    /// The events as they come, an iterator: it ends when the receiver is closed (once what was
    /// queued is taken) or, with a ``timeout``, when no event came within ``timeout`` seconds.
    #[pyo3(signature = (timeout=None))]
    fn events(slf: &Bound<'_, Self>, timeout: Option<&Bound<'_, PyAny>>) -> PyResult<PyTencentEventIterator> {
        let timeout = wait_time(slf.py(), timeout)?;
        Ok(PyTencentEventIterator { receiver: slf.clone().unbind(), meeting_id: None, timeout })
    }

    /// As :meth:`events`, for the events of meeting ``meeting_id`` only.
    #[pyo3(signature = (meeting_id, timeout=None))]
    fn events_for(
        slf: &Bound<'_, Self>,
        meeting_id: String,
        timeout: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyTencentEventIterator> {
        let timeout = wait_time(slf.py(), timeout)?;
        Ok(PyTencentEventIterator { receiver: slf.clone().unbind(), meeting_id: Some(meeting_id), timeout })
    }

    /// Stops the server (requests in flight are dropped, the port is released); events already
    /// queued can still be taken. Waits of other threads end once the queue is drained. Calling
    /// it again does nothing.
    fn close(&self, py: Python<'_>) {
        self.closed.store(true, Ordering::SeqCst);
        if let Some(receiver) = &self.receiver {
            py.detach(|| receiver.close());
        }
    }

    fn __iter__(slf: &Bound<'_, Self>) -> PyResult<PyTencentEventIterator> {
        Self::events(slf, None)
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __exit__(
        &self,
        py: Python<'_>,
        _kind: &Bound<'_, PyAny>,
        _value: &Bound<'_, PyAny>,
        _traceback: &Bound<'_, PyAny>,
    ) -> bool {
        self.close(py);
        false
    }

    fn __repr__(&self) -> String {
        format!(
            "TencentReceiver(address=({}, {}), pending={}, closed={})",
            py_repr_ip(&self.addr.ip()),
            self.addr.port(),
            self.pending(),
            if self.closed() { "True" } else { "False" }
        )
    }
}

/// `repr()` of an IP address as a Python `str` (only digits, dots, colons and hex letters).
fn py_repr_ip(ip: &IpAddr) -> String {
    format!("'{ip}'")
}

/// The events of a receiver, as they come (:meth:`TencentReceiver.events`).
#[pyclass(frozen, module = "meetctl._meetctl", name = "TencentEventIterator")]
pub(crate) struct PyTencentEventIterator {
    receiver: Py<PyTencentReceiver>,
    meeting_id: Option<String>,
    timeout: Option<Duration>,
}

#[pymethods]
impl PyTencentEventIterator {
    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<PyTencentEvent>> {
        let deadline = deadline_after(self.timeout);
        let receiver = self.receiver.bind(py).get();
        Ok(receiver.wait(py, deadline, self.meeting_id.as_deref())?.map(|inner| PyTencentEvent { inner }))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let meeting = match &self.meeting_id {
            Some(id) => format!("meeting_id={}, ", py_repr(py, id)?),
            None => String::new(),
        };
        Ok(format!("<TencentEventIterator {meeting}of {}>", self.receiver.bind(py).get().__repr__()))
    }
}
