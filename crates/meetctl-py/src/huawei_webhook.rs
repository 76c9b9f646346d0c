//! Huawei Cloud Meeting enterprise webhooks: `HuaweiWebhook` (the framework-neutral handler: one
//! request in, a `WebhookAnswer` and the event out, the `meeting.verify` handshake answered) and
//! `HuaweiEvent`. The request reading and the answer are `webhook.rs`'s, the receiver
//! (`HuaweiReceiver`) `receiver.rs`'s.

use std::time::Duration;

use meetctl::Secret;
use meetctl::huawei::{HuaweiEvent, HuaweiWebhook};
use pyo3::prelude::*;

use crate::convert::json_to_py;
use crate::errors::IntoPyResult;
use crate::prepared::py_repr;
use crate::results::Fields;
use crate::webhook::{Given, PyWebhookAnswer, handle_request, max_age_arg, max_age_repr};

/// A Huawei enterprise webhook subscription's verifier, for your own HTTP server (Flask, Django,
/// FastAPI, ``http.server``, …): give :meth:`handle` each request the cloud sends and answer with
/// what it says.
///
/// ``subscriber_id`` is the subscription's subscriber id (the ``appID`` its deliveries carry) and
/// ``subscriber_key`` its key; either empty, longer than 256 characters or holding a control
/// character raises :class:`meetctl.InvalidArgument` naming it (never showing the key).
/// ``max_age`` is the largest age of a delivery in seconds (default 300; ``None`` turns the check
/// off).
///
/// The signature (HMAC-SHA256 over ``appID``, ``timestamp``, ``nonce`` and the ``eventInfo`` bytes
/// as received) is checked first, in constant time. ``meeting.verify`` is answered with
/// ``{"event":"meeting.verify","nonce":…}`` and not delivered. An event already delivered (the
/// same ``eventInfo`` within the last 10,000) is answered 200 and not delivered again; across
/// restarts delivery is at least once (keep :attr:`HuaweiEvent.id` to dedupe further). Every
/// refusal answers the sender ``refused`` with a 4xx; the reason is :attr:`WebhookAnswer.refusal`
/// and a ``WARNING`` record of the ``meetctl`` logger.
///
/// Safe to share between threads (the ids seen are shared too). Neither ``repr()`` nor any
/// attribute shows the key, and it cannot be pickled.
#[pyclass(frozen, module = "meetctl._meetctl", name = "HuaweiWebhook")]
pub(crate) struct PyHuaweiWebhook {
    pub(crate) inner: HuaweiWebhook,
    max_age: Option<Duration>,
}

#[pymethods]
impl PyHuaweiWebhook {
    #[new]
    #[pyo3(signature = (subscriber_id, subscriber_key, max_age=Given::Absent), text_signature = "(subscriber_id, subscriber_key, max_age=300)")]
    fn new(py: Python<'_>, subscriber_id: &str, subscriber_key: &str, max_age: Given<'_>) -> PyResult<Self> {
        let max_age = max_age_arg(py, max_age)?;
        let inner = HuaweiWebhook::new(subscriber_id, Secret::new(subscriber_key))
            .into_py_result(py)?
            .max_age(max_age);
        Ok(PyHuaweiWebhook { inner, max_age })
    }

    /// The subscriber id deliveries must carry as ``appID``.
    #[getter]
    fn subscriber_id(&self) -> &str {
        self.inner.subscriber_id()
    }

    /// The largest age of a delivery in seconds, or ``None`` when the age is not checked.
    #[getter]
    fn max_age(&self) -> Option<f64> {
        self.max_age.map(|d| d.as_secs_f64())
    }

    /// Handles one request the cloud sent: ``method`` (``"POST"``), ``url`` and ``headers`` as
    /// received (a mapping or a sequence of ``(name, value)`` pairs; Huawei's check reads
    /// neither) and ``body`` (``bytes``). Answer the sender with the returned
    /// :attr:`WebhookAnswer.status` and :attr:`WebhookAnswer.body`; act on
    /// :attr:`WebhookAnswer.event` (a :class:`HuaweiEvent`) when it is not ``None``. Never raises
    /// for what the request holds; ``TypeError`` for arguments of the wrong type.
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
            |inner| PyHuaweiEvent { inner },
        )
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "HuaweiWebhook(subscriber_id={}, subscriber_key=<redacted>, max_age={})",
            py_repr(py, self.inner.subscriber_id())?,
            max_age_repr(self.max_age)
        ))
    }
}

/// One Huawei enterprise event, verified.
///
/// ``kind`` is the vendor's event name (``"meeting.join"``, ``"meeting.left"``, ``"meeting.end"``,
/// ``"meeting.started"``, …; any event is delivered, known or not); ``id`` is the same for every
/// delivery of one event (the SHA-256 of its ``eventInfo``); ``time_ms`` is when it happened (Unix
/// milliseconds). The conference is ``meeting_id``, ``meeting_uuid`` and ``occurrence``; for
/// ``meeting.join`` and ``meeting.left``, the attendee is ``participant_id`` (what the conference
/// controls take), ``display_name``, ``user_uuid``, ``user_agent``, ``account``, ``role`` (as sent),
/// ``call_number``, ``join_time_ms`` and ``left_time_ms``. ``raw_json`` is the ``eventInfo`` text
/// exactly as received (what the signature covers), ``raw`` the same parsed, as a new ``dict``.
#[pyclass(frozen, eq, module = "meetctl._meetctl", name = "HuaweiEvent")]
#[derive(PartialEq)]
pub(crate) struct PyHuaweiEvent {
    pub(crate) inner: HuaweiEvent,
}

#[pymethods]
impl PyHuaweiEvent {
    /// The vendor's event name (``"meeting.join"``).
    #[getter]
    fn kind(&self) -> &str {
        self.inner.name()
    }

    /// The event id: the same for every delivery of one event.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    /// When it happened, Unix milliseconds, or ``None``.
    #[getter]
    fn time_ms(&self) -> Option<i64> {
        self.inner.time_ms()
    }

    /// The conference id (``meetingInfo.meetingID``), or ``None``.
    #[getter]
    fn meeting_id(&self) -> Option<&str> {
        self.inner.meeting_id()
    }

    /// The conference's UUID, or ``None``.
    #[getter]
    fn meeting_uuid(&self) -> Option<&str> {
        self.inner.meeting_uuid()
    }

    /// The occurrence of a recurring conference (``meetingCycleSubID``), or ``None``.
    #[getter]
    fn occurrence(&self) -> Option<&str> {
        self.inner.occurrence()
    }

    /// The attendee's user UUID, or ``None``.
    #[getter]
    fn user_uuid(&self) -> Option<&str> {
        self.inner.user_uuid()
    }

    /// The attendee's client, or ``None``.
    #[getter]
    fn user_agent(&self) -> Option<&str> {
        self.inner.user_agent()
    }

    /// The attendee's account, or ``None``.
    #[getter]
    fn account(&self) -> Option<&str> {
        self.inner.account()
    }

    /// The attendee's participant id in the conference (what the controls take), or ``None``.
    #[getter]
    fn participant_id(&self) -> Option<&str> {
        self.inner.participant_id()
    }

    /// The attendee's display name, or ``None``.
    #[getter]
    fn display_name(&self) -> Option<&str> {
        self.inner.display_name()
    }

    /// The attendee's role as the vendor sent it (a number as its digits), or ``None``.
    #[getter]
    fn role(&self) -> Option<&str> {
        self.inner.role()
    }

    /// The attendee's call number (SIP or telephone), or ``None``.
    #[getter]
    fn call_number(&self) -> Option<&str> {
        self.inner.call_number()
    }

    /// When the attendee joined, Unix milliseconds, or ``None``.
    #[getter]
    fn join_time_ms(&self) -> Option<i64> {
        self.inner.join_time_ms()
    }

    /// When the attendee left, Unix milliseconds, or ``None``.
    #[getter]
    fn left_time_ms(&self) -> Option<i64> {
        self.inner.left_time_ms()
    }

    /// The ``eventInfo`` JSON text exactly as received.
    #[getter]
    fn raw_json(&self) -> &str {
        self.inner.raw_json()
    }

    /// The ``eventInfo`` as received, as a new ``dict``.
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.inner.raw())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let e = &self.inner;
        let fields = Fields::new(py)
            .text("kind", Some(e.name()))?
            .text("id", Some(e.id()))?
            .text("meeting_id", e.meeting_id())?
            .text("participant_id", e.participant_id())?
            .text("display_name", e.display_name())?;
        Ok(fields.finish("HuaweiEvent"))
    }
}
