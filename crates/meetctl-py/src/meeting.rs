//! `Meeting` and `Participant`: one meeting, either vendor (the core's `meetctl::Meeting`).
//!
//! Every operation, named or generic, goes through one path ([`PyMeeting::run`]): the operation
//! by value, the participant (a `Participant` object, checked here for its Python type), the named
//! arguments converted as for the clients' named methods, and the core's `Meeting::control` called
//! with the GIL released. The core checks the rest before anything is sent (unsupported operation,
//! a participant of the other vendor, argument types and ranges).

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use meetctl::tencent::TencentUser;
use meetctl::{Args, Error, Meeting, MeetingOperation, Participant, Vendor};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use serde_json::Value;

use crate::args;
use crate::blocking;
use crate::convert::{json_to_py, record_to_py};
use crate::errors::{IntoPyResult, invalid, to_py_for};
use crate::huawei::{PyHuaweiClient, PyHuaweiConference, optional_conference_auth};
use crate::prepared::py_repr;
use crate::results::Fields;
use crate::tencent::PyTencentClient;
use crate::tencent_user::PyTencentUser;
use crate::watch::{self, PyMeetingWatch};
use crate::webhook::PyTencentReceiver;

fn vendor_name(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Tencent => "tencent",
        Vendor::Huawei => "huawei",
    }
}

/// The operation called `name`; an `InvalidArgument` naming `operation` for anything else.
fn operation(py: Python<'_>, name: &str) -> PyResult<MeetingOperation> {
    MeetingOperation::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = MeetingOperation::ALL.iter().map(|op| op.name()).collect();
        invalid(py, "operation", format!("{name:?} is not a meeting operation (one of {})", names.join(", ")))
    })
}

/// A `Participant` argument: anything else is a `TypeError` naming the argument (an id string
/// goes through `Participant.from_id` first, on purpose).
fn participant<'a, 'py>(value: &'a Bound<'py, PyAny>) -> PyResult<&'a Bound<'py, PyParticipant>> {
    value.cast::<PyParticipant>().map_err(|_| {
        PyTypeError::new_err(format!(
            "participant must be a meetctl.Participant (from Meeting.participants() or Participant.from_id()), not {}",
            value.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        ))
    })
}

/// One meeting on either vendor: the same calls on a Tencent meeting or a Huawei conference.
///
/// Made by :meth:`Meeting.tencent` (a :class:`TencentClient`, the meeting id and the operator, a
/// host or co-host) or :meth:`Meeting.huawei` (a :class:`HuaweiConference` handle); or found from
/// what a person has: :meth:`Meeting.find_tencent` (a meeting code as typed, or a join link),
/// :meth:`Meeting.find_huawei_by_number` (a room device's SIP number),
/// :meth:`Meeting.find_huawei_by_conference_id`. Write the integration once::
///
///     for p in meeting.participants():
///         if p.role != "host" and p.controllable and p.audio_muted is not True:
///             meeting.mute(p)
///     meeting.end()
///
/// Participants are :class:`Participant` objects from :meth:`participants` (or
/// :meth:`Participant.from_id` for an id kept from an earlier listing). Each vendor's quirks (id
/// schemes, the operator's ``ms_open_id`` on Tencent, the participant's number for a Huawei
/// rename) are handled inside. An operation the vendor cannot do (:meth:`capabilities`) raises
/// :class:`Unsupported`, and bad input (a participant of the other vendor's meeting, a Tencent
/// name over 20 characters, an argument of the wrong type) raises :class:`InvalidArgument`
/// naming it, both before anything is sent; a non-:class:`Participant` raises ``TypeError``.
///
/// Safe to share between threads; every call releases the GIL. ``repr()`` shows the vendor, the
/// meeting id and the Tencent operator, never a key, password or token.
#[pyclass(frozen, module = "meetctl._meetctl", name = "Meeting")]
pub(crate) struct PyMeeting {
    meeting: Meeting,
    /// The Tencent operator, for `repr()`.
    operator: Option<TencentUser>,
}

impl PyMeeting {
    /// Sends `op` with the GIL released, interruptible on the main thread (`blocking::run`);
    /// errors as the `meetctl` exceptions, an `Unsupported` one carrying the operation's name.
    fn run(
        &self,
        py: Python<'_>,
        op: MeetingOperation,
        participant: Option<&Bound<'_, PyParticipant>>,
        args: Args,
    ) -> PyResult<()> {
        let meeting = self.meeting.clone();
        let target = participant.map(|p| Arc::clone(&p.get().inner));
        blocking::run(py, move || meeting.control(op, target.as_deref(), &args))?
            .map_err(|e: Error| to_py_for(py, &e, op.name()))
    }
}

#[pymethods]
impl PyMeeting {
    /// A Tencent meeting ``meeting_id``, acted on by ``operator`` (a :class:`TencentUser`: the
    /// host or a co-host) through ``client``.
    ///
    /// Give the operator by ``userid`` (enterprise credentials) or, with OAuth 2.0, by the
    /// client's own ``open_id``: listing participants needs one of those, and where an endpoint
    /// wants the ``ms_open_id`` it is looked up once and kept. An operator by ``ms_open_id`` works
    /// for every control but :meth:`participants`. Nothing is sent here.
    ///
    /// ``occurrence`` names one occurrence of a recurring meeting (the vendor's
    /// ``sub_meeting_id``): the listings that take one (:meth:`participants`) get it.
    #[staticmethod]
    #[pyo3(signature = (client, meeting_id, operator, *, occurrence=None))]
    fn tencent(
        py: Python<'_>,
        client: &Bound<'_, PyTencentClient>,
        meeting_id: &str,
        operator: &Bound<'_, PyTencentUser>,
        occurrence: Option<&str>,
    ) -> PyResult<Self> {
        let operator = operator.get().inner.clone();
        let meeting = Meeting::tencent_occurrence(
            client.get().client.clone(),
            meeting_id,
            occurrence,
            operator.clone(),
        )
        .into_py_result(py)?;
        Ok(PyMeeting { meeting, operator: Some(operator) })
    }

    /// The Tencent meeting a meeting code means, acted on by ``operator``: the code as people
    /// type it (``"806 724 161"``) or a join link that carries it, chosen by the one rule of
    /// :meth:`TencentClient.find` (the only meeting with the code; else the one in progress; else
    /// the one whose scheduled time contains now; else :class:`Ambiguous` listing the
    /// candidates; :class:`NotFound` when this app has none). For a recurring meeting the
    /// meeting carries the chosen :attr:`occurrence`.
    ///
    /// ``operator`` is a user of the app by ``userid`` (or, with OAuth 2.0, the client's own
    /// ``open_id``): finding the meeting and listing its participants need one of those.
    #[staticmethod]
    #[pyo3(signature = (client, code_or_link, operator))]
    fn find_tencent(
        py: Python<'_>,
        client: &Bound<'_, PyTencentClient>,
        code_or_link: &str,
        operator: &Bound<'_, PyTencentUser>,
    ) -> PyResult<Self> {
        let operator = operator.get().inner.clone();
        let (client, code, user) = (client.get().client.clone(), code_or_link.to_owned(), operator.clone());
        let meeting =
            blocking::run(py, move || Meeting::find_tencent(&client, &code, user))?.into_py_result(py)?;
        Ok(PyMeeting { meeting, operator: Some(operator) })
    }

    /// The Huawei conference a room device's call (SIP) number is in now, through ``client``
    /// (which needs account authentication: :meth:`HuaweiClient.app_id` or
    /// :meth:`HuaweiClient.account`). :class:`NotFound` when the number is in no conference.
    ///
    /// The handle is authorised by ``password`` or ``control_token`` when one is given (at most
    /// one); with neither, by the host password the conference's details show this account (its
    /// scheduler's or an administrator's; :class:`InvalidArgument`, ``field == "auth"``, when they
    /// show none).
    #[staticmethod]
    #[pyo3(signature = (client, sip_number, *, password=None, control_token=None))]
    fn find_huawei_by_number(
        py: Python<'_>,
        client: &Bound<'_, PyHuaweiClient>,
        sip_number: &str,
        password: Option<&str>,
        control_token: Option<&str>,
    ) -> PyResult<Self> {
        let auth = optional_conference_auth(py, control_token, password)?;
        let (client, number) = (client.get().client.clone(), sip_number.to_owned());
        let meeting = blocking::run(py, move || Meeting::find_huawei_by_number(&client, &number, auth))?
            .into_py_result(py)?;
        Ok(PyMeeting { meeting, operator: None })
    }

    /// The Huawei conference ``conference_id``, not yet ended (in progress or scheduled), checked
    /// through ``client``'s conference details (account authentication needed; :class:`NotFound`
    /// when there is no such conference). ``password`` and ``control_token`` as for
    /// :meth:`find_huawei_by_number`.
    #[staticmethod]
    #[pyo3(signature = (client, conference_id, *, password=None, control_token=None))]
    fn find_huawei_by_conference_id(
        py: Python<'_>,
        client: &Bound<'_, PyHuaweiClient>,
        conference_id: &str,
        password: Option<&str>,
        control_token: Option<&str>,
    ) -> PyResult<Self> {
        let auth = optional_conference_auth(py, control_token, password)?;
        let (client, id) = (client.get().client.clone(), conference_id.to_owned());
        let meeting = blocking::run(py, move || Meeting::find_huawei_by_conference_id(&client, &id, auth))?
            .into_py_result(py)?;
        Ok(PyMeeting { meeting, operator: None })
    }

    /// A Huawei conference, acted on with ``conference``'s control token (a
    /// :class:`HuaweiConference` from :meth:`HuaweiClient.conference`; the same handle, sharing its
    /// token). Open it with the host password for :meth:`make_host`. Nothing is sent here.
    #[staticmethod]
    #[pyo3(signature = (conference))]
    fn huawei(conference: &Bound<'_, PyHuaweiConference>) -> Self {
        PyMeeting { meeting: Meeting::huawei(conference.get().conference.clone()), operator: None }
    }

    /// Every operation name, in the order of their stable numbers (``"participants"`` first).
    #[classattr]
    #[pyo3(name = "OPERATIONS")]
    fn operations(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        Ok(PyTuple::new(py, MeetingOperation::ALL.iter().map(|op| op.name()))?.unbind())
    }

    /// ``"tencent"`` or ``"huawei"``.
    #[getter]
    fn vendor(&self) -> &'static str {
        vendor_name(self.meeting.vendor())
    }

    /// The meeting (conference) id.
    #[getter]
    fn id(&self) -> &str {
        self.meeting.id()
    }

    /// The occurrence of a recurring Tencent meeting this meeting acts on (the vendor's
    /// ``sub_meeting_id``), else ``None`` (always ``None`` for Huawei).
    #[getter]
    fn occurrence(&self) -> Option<&str> {
        self.meeting.occurrence()
    }

    /// What this meeting is, asked of the vendor, as a ``dict``: ``vendor``, ``meeting_id``,
    /// ``occurrence``, ``code`` (what people type), ``subject``, ``in_progress``, ``status``,
    /// ``start_time`` and ``end_time`` (Unix seconds), ``hosts``, ``recurring`` and
    /// ``occurrences`` (each a ``dict``: ``occurrence``, ``start_time``, ``end_time``). A Tencent
    /// meeting needs its operator by ``userid`` or ``open_id``; a Huawei one a client with account
    /// authentication.
    fn details_raw(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let meeting = self.meeting.clone();
        let details = blocking::run(py, move || meeting.details())?.into_py_result(py)?;
        Ok(record_to_py(py, serde_json::to_value(&details))?.unbind())
    }

    /// What this meeting is, asked of the vendor: the ``dict`` of :meth:`details_raw` (the
    /// generated typed form, a ``MeetingDetails`` record, takes this name's place once
    /// ``meetctl._lookups`` is installed).
    fn details(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.details_raw(py)
    }

    /// The operations this meeting supports, as a tuple of names in the order of
    /// :attr:`OPERATIONS` (Tencent: all but ``"make_host"``, ``"broadcast"``, ``"cancel_broadcast"`` and
    /// ``"lower_all_hands"``).
    fn capabilities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.meeting.capabilities().iter().map(|op| op.name()))
    }

    /// Whether this meeting supports ``operation`` (a name from :attr:`OPERATIONS`; any other
    /// name raises :class:`InvalidArgument`, ``field == "operation"``, rather than answer
    /// ``False`` for a typo).
    #[pyo3(signature = (operation))]
    fn supports(&self, py: Python<'_>, operation: &str) -> PyResult<bool> {
        Ok(self.meeting.supports(self::operation(py, operation)?))
    }

    /// Everyone in the meeting now, as a list of :class:`Participant` (Tencent: every page).
    fn participants(&self, py: Python<'_>) -> PyResult<Vec<PyParticipant>> {
        let meeting = self.meeting.clone();
        let list = blocking::run(py, move || meeting.participants())?
            .map_err(|e| to_py_for(py, &e, MeetingOperation::Participants.name()))?;
        Ok(list.into_iter().map(|p| PyParticipant { inner: Arc::new(p) }).collect())
    }

    /// Any operation but ``"participants"``, by name: ``operation`` on ``participant`` (for the
    /// operations that act on one, else ``None``) with its named arguments as keywords
    /// (``allow_unmute_by_self`` for ``"mute_all"``, ``name`` for ``"rename"``; ``None`` = not
    /// given). Every named method is this call.
    #[pyo3(
        signature = (operation, participant=None, **args),
        text_signature = "($self, operation, participant=None, **args)"
    )]
    fn control(
        &self,
        py: Python<'_>,
        operation: &str,
        participant: Option<&Bound<'_, PyAny>>,
        args: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let op = self::operation(py, operation)?;
        let participant = participant.filter(|p| !p.is_none()).map(self::participant).transpose()?;
        let args = args::from_kwargs(py, args)?;
        self.run(py, op, participant, args)
    }

    /// Watches the meeting: a :class:`MeetingWatch` that keeps everyone in it and their state
    /// current (:meth:`MeetingWatch.roster`) and yields each change as a :class:`MeetingEvent`.
    /// The participants already there are the first events, as joins with ``origin ==
    /// "initial"``.
    ///
    /// Huawei: the conference-control WebSocket pushes every change. Tencent: the real-time
    /// participant list is polled, waiting ``poll_interval`` seconds (0.05 to 300; default 2,
    /// a tenth of the app's rate limit) per call a poll makes, and diffed; a webhook
    /// ``receiver`` (a :class:`TencentReceiver` the app's subscription delivers to), when given,
    /// adds pushed joins, leaves, start and end. ``queue`` (16 to 1,000,000; default 10,000) is
    /// the most events held for you: when you fall that far behind, a ``"gap"`` event and the
    /// net changes replace what was dropped. A bad value raises :class:`InvalidArgument` naming
    /// it, before anything is sent; a vendor that cannot watch, :class:`Unsupported`.
    #[pyo3(
        signature = (*, poll_interval=None, queue=None, receiver=None),
        text_signature = "($self, *, poll_interval=2.0, queue=10000, receiver=None)"
    )]
    fn watch(
        &self,
        py: Python<'_>,
        poll_interval: Option<&Bound<'_, PyAny>>,
        queue: Option<&Bound<'_, PyAny>>,
        receiver: Option<&Bound<'_, PyTencentReceiver>>,
    ) -> PyResult<PyMeetingWatch> {
        let options = watch::options(py, &self.meeting, poll_interval, queue, receiver)?;
        watch::start(py, &self.meeting, options, true)
    }

    /// The meeting's events as the vendor pushes them, without polling: a :class:`MeetingWatch`
    /// as :meth:`watch` gives (the roster is kept too). Huawei: its WebSocket. Tencent: the
    /// webhook ``receiver``, which it needs (without one: :class:`InvalidArgument`,
    /// ``field == "receiver"``); Tencent pushes joins, leaves, start and end only.
    #[pyo3(
        signature = (*, receiver=None, queue=None),
        text_signature = "($self, *, receiver=None, queue=10000)"
    )]
    fn events(
        &self,
        py: Python<'_>,
        receiver: Option<&Bound<'_, PyTencentReceiver>>,
        queue: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyMeetingWatch> {
        let options = watch::options(py, &self.meeting, None, queue, receiver)?;
        watch::start(py, &self.meeting, options, false)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut out =
            format!("Meeting(vendor={}, id={}", py_repr(py, self.vendor())?, py_repr(py, self.id())?);
        if let Some(occurrence) = self.meeting.occurrence() {
            out.push_str(", occurrence=");
            out.push_str(&py_repr(py, occurrence)?);
        }
        if let Some(operator) = &self.operator {
            out.push_str(", operator=");
            out.push_str(&PyTencentUser { inner: operator.clone() }.__repr__(py)?);
        }
        out.push(')');
        Ok(out)
    }
}

/// One participant of a :class:`Meeting`, the same type for both vendors; immutable.
///
/// ``id`` is opaque and stable for this person in this meeting while they stay on one device
/// (a Tencent id includes the device: rejoining on another gives a new id). Keep it and get the
/// participant back with :meth:`from_id`. The flags are what the vendor reported, ``None`` where
/// it reports nothing (Tencent lists no raised hands, Huawei no screen sharing); ``raw`` is the
/// vendor's entry as a new ``dict``.
///
/// Equal when every field is (two listings of an unchanged person compare equal); hashed by
/// ``id``.
#[pyclass(frozen, eq, hash, module = "meetctl._meetctl", name = "Participant")]
#[derive(PartialEq)]
pub(crate) struct PyParticipant {
    /// Shared with a call in flight (which may outlive an interrupted wait).
    inner: Arc<Participant>,
}

impl Hash for PyParticipant {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Equal participants have equal ids.
        self.inner.id().hash(state);
    }
}

impl PyParticipant {
    pub(crate) fn new(participant: Participant) -> Self {
        PyParticipant { inner: Arc::new(participant) }
    }
}

#[pymethods]
impl PyParticipant {
    /// A participant known only by ``id``, kept from an earlier listing: every other field
    /// unknown (``None``, ``role == "other"``, ``raw == {}``). Raises :class:`InvalidArgument`
    /// (``field == "participant"``) for anything that is not a meetctl participant id.
    #[staticmethod]
    #[pyo3(signature = (id))]
    fn from_id(py: Python<'_>, id: &str) -> PyResult<Self> {
        Participant::from_id(id).into_py_result(py).map(|p| PyParticipant { inner: Arc::new(p) })
    }

    /// The opaque id (``"tencent:…"`` or ``"huawei:…"``).
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    /// The display name.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.inner.name.as_deref()
    }

    /// ``"host"``, ``"cohost"``, ``"attendee"`` or ``"other"`` (Tencent: the creator while
    /// someone else is host; or no role reported).
    #[getter]
    fn role(&self) -> &'static str {
        self.inner.role.name()
    }

    /// The device, when the vendor says (Tencent: ``"mac"``, ``"ios"``, …).
    #[getter]
    fn device(&self) -> Option<&str> {
        self.inner.device.as_deref()
    }

    /// Whether the microphone is muted.
    #[getter]
    fn audio_muted(&self) -> Option<bool> {
        self.inner.audio_muted
    }

    /// Whether video is on.
    #[getter]
    fn video_on(&self) -> Option<bool> {
        self.inner.video_on
    }

    /// Whether the hand is raised (Huawei only).
    #[getter]
    fn hand_raised(&self) -> Option<bool> {
        self.inner.hand_raised
    }

    /// Whether the participant is sharing the screen (Tencent only).
    #[getter]
    fn sharing_screen(&self) -> Option<bool> {
        self.inner.sharing_screen
    }

    /// Whether the vendor's control endpoints can act on this participant (Tencent cannot act
    /// on PSTN lines and meeting-room devices; acting on one raises :class:`InvalidArgument`,
    /// ``field == "participant"``, before anything is sent).
    #[getter]
    fn controllable(&self) -> bool {
        self.inner.controllable
    }

    /// The vendor's entry as received, as a new ``dict`` (empty for :meth:`from_id`).
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.inner.raw {
            Value::Null => Ok(PyDict::new(py).into_any()),
            raw => json_to_py(py, raw),
        }
    }

    /// ``"tencent"`` or ``"huawei"``: the vendor of the meeting the participant is in.
    #[getter]
    fn vendor(&self) -> &'static str {
        vendor_name(self.inner.vendor())
    }

    pub(crate) fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let p = &self.inner;
        Ok(Fields::new(py)
            .text("id", Some(p.id()))?
            .text("name", p.name.as_deref())?
            .text("role", Some(p.role.name()))?
            .text("device", p.device.as_deref())?
            .flag("audio_muted", p.audio_muted)
            .flag("video_on", p.video_on)
            .flag("hand_raised", p.hand_raised)
            .flag("sharing_screen", p.sharing_screen)
            .flag("controllable", Some(p.controllable))
            .finish("Participant"))
    }
}
