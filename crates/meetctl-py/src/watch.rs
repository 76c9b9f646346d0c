//! `MeetingWatch` and `MeetingEvent`: a meeting watched (the core's `Meeting::watch` /
//! `Meeting::events`), its roster kept current and its changes as events, on either vendor.
//!
//! The core's watch has a thread of its own that reads the vendor (Tencent: polls and a webhook
//! receiver's events; Huawei: the WebSocket) and may take the GIL to hand a log record to
//! `logging`. So, as with the receiver (`webhook.rs`), nothing here waits for that thread while
//! holding the GIL: waits for an event run in slices of at most [`SLICE`] with the GIL released
//! (the signal handlers run between slices, so Ctrl-C ends a wait on the main thread), and
//! closing and dropping release it too.

use std::time::Instant;

use meetctl::{Error, Meeting, MeetingEvent, MeetingWatch, Vendor, WatchCloser, WatchOptions};
use pyo3::prelude::*;
use pyo3::types::PyList;
use serde_json::Value;

use crate::blocking;
use crate::convert::json_to_py;
use crate::errors::{invalid, to_py, to_py_for};
use crate::meeting::PyParticipant;
use crate::prepared::py_repr;
use crate::results::Fields;
use crate::webhook::{PyTencentReceiver, SLICE, count, deadline_after, seconds, wait_time};

/// The shortest and longest `poll_interval`, in seconds (the core's bounds: 50 ms to 5 minutes).
const MIN_POLL_INTERVAL_SECS: f64 = 0.05;
const MAX_POLL_INTERVAL_SECS: f64 = 300.0;

/// The smallest and largest `queue` (the core's bounds).
const MIN_QUEUE: usize = 16;
const MAX_QUEUE: usize = 1_000_000;

/// The options of `Meeting.watch` / `Meeting.events`, checked here before anything is sent: a
/// bad value is an `InvalidArgument` naming it (a wrong type: `TypeError`).
pub(crate) fn options(
    py: Python<'_>,
    meeting: &Meeting,
    poll_interval: Option<&Bound<'_, PyAny>>,
    queue: Option<&Bound<'_, PyAny>>,
    receiver: Option<&Bound<'_, PyTencentReceiver>>,
) -> PyResult<WatchOptions> {
    let mut options = WatchOptions::new();
    if let Some(interval) = poll_interval {
        options = options.poll_interval(seconds(
            py,
            "poll_interval",
            interval,
            MIN_POLL_INTERVAL_SECS,
            MAX_POLL_INTERVAL_SECS,
        )?);
    }
    if let Some(queue) = queue {
        options = options.queue(count(py, "queue", queue, MIN_QUEUE, MAX_QUEUE)?);
    }
    if let Some(receiver) = receiver {
        if meeting.vendor() != Vendor::Tencent {
            return Err(invalid(
                py,
                "receiver",
                "is a Tencent webhook receiver; a Huawei conference's events come through its WebSocket",
            ));
        }
        let shared = receiver.get().shared().ok_or_else(|| invalid(py, "receiver", "is closed"))?;
        options = options.tencent_receiver(shared);
    }
    Ok(options)
}

/// Starts `meeting.watch(options)` (`polling`) or `meeting.events(options)` with the GIL released
/// (Tencent reads the roster it starts from here); errors as the `meetctl` exceptions, an
/// `Unsupported` one carrying `"watch"` or `"events"` as its operation.
pub(crate) fn start(
    py: Python<'_>,
    meeting: &Meeting,
    options: WatchOptions,
    polling: bool,
) -> PyResult<PyMeetingWatch> {
    let started = meeting.clone();
    let operation = if polling { "watch" } else { "events" };
    let watch = blocking::run(py, move || {
        let watch = if polling { started.watch(options) } else { started.events(options) };
        watch.map(|w| Held(Some(w)))
    })?
    .map_err(|e: Error| to_py_for(py, &e, operation))?;
    let closer = watch.0.as_ref().map(MeetingWatch::closer);
    Ok(PyMeetingWatch {
        watch,
        closer,
        vendor: match meeting.vendor() {
            Vendor::Tencent => "tencent",
            Vendor::Huawei => "huawei",
        },
        meeting_id: meeting.id().to_owned(),
        polling,
    })
}

/// A core watch whose drop (which closes it and joins its thread) happens with the GIL released.
pub(crate) struct Held(Option<MeetingWatch>);

impl Drop for Held {
    fn drop(&mut self) {
        let Some(watch) = self.0.take() else { return };
        // The watch's thread may wait for the GIL (a log record): join it with the GIL released.
        Python::attach(|py| py.detach(move || drop(watch)));
    }
}

/// A meeting watched: everyone in it, kept current (:meth:`roster`), and each change as a
/// :class:`MeetingEvent`, from :meth:`Meeting.watch` or :meth:`Meeting.events`.
///
/// The participants already there when the watch starts are its first events, as joins with
/// ``origin == "initial"`` (skip those to act on newcomers only). Take
/// events with :meth:`next` (``None`` when none came in time, or when the watch is finished) or
/// iterate the watch (``for event in watch:`` waits for each event and stops when the watch is
/// finished: the meeting ended, or :meth:`close` was called). A watch that ends with an error
/// (credentials refused, the meeting gone) raises it once, as the ``meetctl`` exception of its
/// kind; then it is finished.
///
/// Waits release the GIL and, on the main thread, let Ctrl-C through within 100 ms.
/// :meth:`close` (from any thread, or leaving a ``with`` block) ends the watch: a waiting
/// :meth:`next` returns ``None`` at once, and the watch stops reading the vendor. Safe to share
/// between threads; ``repr()`` shows the vendor, the meeting id and whether it is finished.
#[pyclass(frozen, module = "meetctl._meetctl", name = "MeetingWatch")]
pub(crate) struct PyMeetingWatch {
    /// `None` inside only while being dropped.
    watch: Held,
    closer: Option<WatchCloser>,
    vendor: &'static str,
    meeting_id: String,
    /// `Meeting.watch` (Tencent: polls) rather than `Meeting.events`.
    polling: bool,
}

impl PyMeetingWatch {
    /// The next event by `deadline` (`None`: until one comes or the watch is finished), waiting
    /// in slices with the GIL released and the signal handlers run between slices.
    fn wait(&self, py: Python<'_>, deadline: Option<Instant>) -> PyResult<Option<PyMeetingEvent>> {
        let Some(watch) = self.watch.0.as_ref() else { return Ok(None) };
        loop {
            let slice = deadline.map_or(SLICE, |d| d.saturating_duration_since(Instant::now()).min(SLICE));
            match py.detach(|| watch.next(slice)) {
                Ok(Some(event)) => return Ok(Some(PyMeetingEvent { inner: event })),
                Ok(None) => {}
                Err(error) => return Err(to_py(py, &error)),
            }
            if watch.is_finished() || deadline.is_some_and(|d| Instant::now() >= d) {
                return Ok(None);
            }
            py.check_signals()?;
        }
    }

    fn finished_now(&self) -> bool {
        self.watch.0.as_ref().is_none_or(MeetingWatch::is_finished)
    }
}

#[pymethods]
impl PyMeetingWatch {
    /// The next event, waiting up to ``timeout`` seconds (``None``: until one comes); ``None``
    /// when none came in time, or the watch is finished. Raises the error the watch ended with,
    /// once.
    #[pyo3(signature = (timeout=None))]
    fn next(&self, py: Python<'_>, timeout: Option<&Bound<'_, PyAny>>) -> PyResult<Option<PyMeetingEvent>> {
        let deadline = deadline_after(wait_time(py, timeout)?);
        self.wait(py, deadline)
    }

    /// Everyone in the meeting as last known, in the order first seen, as a list of
    /// :class:`Participant` (the same ids as :meth:`Meeting.participants`, ready for the
    /// controls). It may be ahead of the events not yet taken; empty once the meeting ended.
    fn roster(&self) -> Vec<PyParticipant> {
        let people = self.watch.0.as_ref().map(MeetingWatch::roster).unwrap_or_default();
        people.into_iter().map(PyParticipant::new).collect()
    }

    /// Whether no event will come any more (the meeting ended, the watch failed and its error was
    /// raised, or it was closed) and none is waiting.
    #[getter]
    fn finished(&self) -> bool {
        self.finished_now()
    }

    /// Ends the watch (from any thread; calling it again does nothing): a waiting :meth:`next`
    /// returns ``None`` at once and iteration stops; the events not yet taken are dropped.
    fn close(&self, py: Python<'_>) {
        if let Some(closer) = &self.closer {
            py.detach(|| closer.close());
        }
    }

    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<PyMeetingEvent>> {
        self.wait(py, None)
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

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(Fields::new(py)
            .text("vendor", Some(self.vendor))?
            .text("meeting_id", Some(&self.meeting_id))?
            .flag("polling", Some(self.polling))
            .flag("finished", Some(self.finished_now()))
            .finish("MeetingWatch"))
    }
}

/// One event of a watched meeting, the same type for both vendors; immutable.
///
/// ``kind`` is what happened: ``"joined"``, ``"left"`` (``participant`` as last known),
/// ``"changed"`` (``before`` and ``participant`` after, and the names of the fields that changed
/// in ``changed``, such as ``"audio_muted"``), ``"started"``, ``"ended"`` (the watch finishes
/// after it), ``"gap"`` (changes may have been missed, ``reason`` says why; the events that follow
/// with ``origin == "resync"`` are the net difference once the state was read again) or
/// ``"other"`` (anything else the vendor reported: ``name`` and ``raw``). ``origin`` is how it
/// came: ``"pushed"`` (a webhook, Huawei's WebSocket), ``"polled"`` (Tencent's participant list,
/// polled), ``"resync"`` or ``"initial"`` (the roster the watch started from). ``raw`` is the vendor's message the event came from (a new ``dict``)
/// or ``None``. Participants are the same :class:`Participant` the controls take.
///
/// Equal when every field is.
#[pyclass(frozen, eq, module = "meetctl._meetctl", name = "MeetingEvent")]
#[derive(PartialEq)]
pub(crate) struct PyMeetingEvent {
    inner: MeetingEvent,
}

#[pymethods]
impl PyMeetingEvent {
    /// ``"joined"``, ``"left"``, ``"changed"``, ``"started"``, ``"ended"``, ``"gap"`` or
    /// ``"other"``.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.name()
    }

    /// ``"pushed"``, ``"polled"``, ``"resync"`` or ``"initial"``.
    #[getter]
    fn origin(&self) -> &'static str {
        self.inner.origin.name()
    }

    /// Who joined, left or changed (after the change), or ``None``.
    #[getter]
    fn participant(&self) -> Option<PyParticipant> {
        self.inner.participant.clone().map(PyParticipant::new)
    }

    /// For ``"changed"``: the participant before the change, else ``None``.
    #[getter]
    fn before(&self) -> Option<PyParticipant> {
        self.inner.before.clone().map(PyParticipant::new)
    }

    /// For ``"changed"``: the names of the fields that changed (``"name"``, ``"role"``,
    /// ``"audio_muted"``, ``"video_on"``, ``"hand_raised"``, ``"sharing_screen"``), as a new list;
    /// else empty.
    #[getter]
    fn changed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.inner.changed.iter().map(|f| f.name()))
    }

    /// For ``"gap"``: why changes may have been missed, else ``None``.
    #[getter]
    fn reason(&self) -> Option<&str> {
        self.inner.reason.as_deref()
    }

    /// For ``"other"``: the vendor's name of the event (``"meeting.updated"``,
    /// ``"SpeakerChangeNotify"``), else ``None``.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.inner.name.as_deref()
    }

    /// The vendor's message the event came from, parsed (a new ``dict``), or ``None``.
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.inner.raw {
            Value::Null => Ok(py.None().into_bound(py)),
            raw => json_to_py(py, raw),
        }
    }

    /// The event as one new ``dict`` (what ``meetctl watch`` prints): ``kind``, ``origin``, and
    /// where set ``participant`` and ``before`` (each a ``dict``: ``id``, ``vendor``, ``name``,
    /// ``role``, ``device``, the flags, ``controllable``, ``raw``), ``changed``, ``reason``,
    /// ``name``, ``raw``.
    fn to_json<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.inner.to_json())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let e = &self.inner;
        let mut fields =
            Fields::new(py).text("kind", Some(e.kind.name()))?.text("origin", Some(e.origin.name()))?;
        if let Some(p) = &e.participant {
            fields = fields.raw("participant", PyParticipant::new(p.clone()).__repr__(py)?);
        }
        if !e.changed.is_empty() {
            let names: Vec<String> =
                e.changed.iter().map(|f| py_repr(py, f.name())).collect::<PyResult<_>>()?;
            fields = fields.raw("changed", format!("[{}]", names.join(", ")));
        }
        Ok(fields
            .text("reason", e.reason.as_deref())?
            .text("name", e.name.as_deref())?
            .finish("MeetingEvent"))
    }
}
