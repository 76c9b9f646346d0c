//! Typed answers: `TencentParticipant` (from `TencentClient.participants`), and
//! `HuaweiConferenceInfo` with its `HuaweiParticipant`s (from `HuaweiConference.info`).
//!
//! Immutable: every attribute is read-only, and `raw` is a new `dict` on every access.

use meetctl::huawei::{HuaweiConferenceInfo, HuaweiParticipant};
use meetctl::tencent::{TencentParticipant, TencentUser};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::convert::json_to_py;
use crate::errors::deprecated;
use crate::prepared::py_repr;
use crate::tencent_user::{PyTencentUser, instance_enum};

/// `name=repr(value)` pairs for the fields that are set, joined for a `repr()`.
pub(crate) struct Fields<'py> {
    py: Python<'py>,
    out: Vec<String>,
}

impl<'py> Fields<'py> {
    pub(crate) fn new(py: Python<'py>) -> Self {
        Fields { py, out: Vec::new() }
    }

    pub(crate) fn text(mut self, name: &str, value: Option<&str>) -> PyResult<Self> {
        if let Some(v) = value {
            self.out.push(format!("{name}={}", py_repr(self.py, v)?));
        }
        Ok(self)
    }

    pub(crate) fn flag(mut self, name: &str, value: Option<bool>) -> Self {
        if let Some(v) = value {
            self.out.push(format!("{name}={}", if v { "True" } else { "False" }));
        }
        self
    }

    pub(crate) fn raw(mut self, name: &str, shown: String) -> Self {
        self.out.push(format!("{name}={shown}"));
        self
    }

    pub(crate) fn finish(self, class: &str) -> String {
        format!("{class}({})", self.out.join(", "))
    }
}

/// One participant now in a Tencent meeting, as :meth:`TencentClient.participants` reports them.
///
/// Every attribute is what the vendor reported, ``None`` where it reported nothing (never
/// guessed); ``raw`` is the vendor's entry as a new ``dict``. :meth:`as_user` gives the
/// :class:`TencentUser` to pass to the control operations. ``audio_on`` and ``screen_sharing``,
/// the deprecated old names of ``audio_muted`` (inverted) and ``sharing_screen``, still work for
/// one release (and warn).
#[pyclass(frozen, eq, module = "meetctl._meetctl", name = "TencentParticipant")]
#[derive(PartialEq)]
pub(crate) struct PyTencentParticipant {
    inner: TencentParticipant,
}

impl From<TencentParticipant> for PyTencentParticipant {
    fn from(inner: TencentParticipant) -> Self {
        PyTencentParticipant { inner }
    }
}

#[pymethods]
impl PyTencentParticipant {
    /// The meeting-scoped open id: what the control operations take.
    #[getter]
    fn ms_open_id(&self) -> Option<&str> {
        self.inner.ms_open_id.as_deref()
    }

    /// The enterprise user id (same enterprise only).
    #[getter]
    fn userid(&self) -> Option<&str> {
        self.inner.userid.as_deref()
    }

    /// The OAuth 2.0 open id.
    #[getter]
    fn open_id(&self) -> Option<&str> {
        self.inner.open_id.as_deref()
    }

    /// The display name (decoded from the vendor's base64).
    #[getter]
    fn user_name(&self) -> Option<&str> {
        self.inner.user_name.as_deref()
    }

    /// The device, as a :class:`meetctl.Instance` member; ``None`` when the vendor's number is not
    /// in the device table (see :attr:`instanceid`).
    #[getter]
    fn instance<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.instance.map(|i| instance_enum(py)?.call1((i.code(),))).transpose()
    }

    /// The vendor's ``instanceid`` number as sent (``0`` for PSTN or a meeting-room device).
    #[getter]
    fn instanceid(&self) -> Option<i64> {
        self.inner.instanceid
    }

    /// The role: ``"member"``, ``"creator"``, ``"host"``, ``"creator_host"``, ``"guest"``,
    /// ``"guest_host"``, ``"cohost"`` or ``"creator_cohost"``.
    #[getter]
    fn role(&self) -> Option<&'static str> {
        self.inner.role.map(|r| r.name())
    }

    /// Whether the microphone is muted.
    #[getter]
    fn audio_muted(&self) -> Option<bool> {
        self.inner.audio_muted
    }

    /// Whether the camera is on.
    #[getter]
    fn video_on(&self) -> Option<bool> {
        self.inner.video_on
    }

    /// Whether the participant is sharing their screen.
    #[getter]
    fn sharing_screen(&self) -> Option<bool> {
        self.inner.sharing_screen
    }

    /// Deprecated (removed in the next release): whether the microphone is on, the opposite of
    /// :attr:`audio_muted`.
    #[getter]
    fn audio_on(&self, py: Python<'_>) -> PyResult<Option<bool>> {
        deprecated(
            py,
            c"TencentParticipant.audio_on is deprecated and will be removed in the next release; use .audio_muted (inverted)",
        )?;
        Ok(self.inner.audio_muted.map(|muted| !muted))
    }

    /// Deprecated (removed in the next release): :attr:`sharing_screen`, by its old name.
    #[getter]
    fn screen_sharing(&self, py: Python<'_>) -> PyResult<Option<bool>> {
        deprecated(
            py,
            c"TencentParticipant.screen_sharing is deprecated and will be removed in the next release; use .sharing_screen",
        )?;
        Ok(self.inner.sharing_screen)
    }

    /// The vendor's entry as received, as a new ``dict``.
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.inner.raw)
    }

    /// This participant as a control target (``ms_open_id`` on their device), or ``None`` when
    /// the vendor did not report both.
    fn as_user(&self) -> Option<PyTencentUser> {
        self.inner.as_user().map(|inner: TencentUser| PyTencentUser { inner })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let p = &self.inner;
        let mut fields = Fields::new(py)
            .text("ms_open_id", p.ms_open_id.as_deref())?
            .text("userid", p.userid.as_deref())?
            .text("open_id", p.open_id.as_deref())?
            .text("user_name", p.user_name.as_deref())?;
        if let Some(instance) = self.instance(py)? {
            let name: String = instance.getattr("name")?.extract()?;
            fields = fields.raw("instance", format!("Instance.{name}"));
        } else if let Some(id) = p.instanceid {
            fields = fields.raw("instanceid", id.to_string());
        }
        Ok(fields
            .text("role", p.role.map(|r| r.name()))?
            .flag("audio_muted", p.audio_muted)
            .flag("video_on", p.video_on)
            .flag("sharing_screen", p.sharing_screen)
            .finish("TencentParticipant"))
    }
}

/// One participant online in a Huawei conference, as :meth:`HuaweiConference.info` reports them.
///
/// Flags are what the vendor reported, ``None`` where it reported nothing; ``raw`` is the
/// vendor's entry as a new ``dict``. ``muted`` and ``video``, the deprecated old names of
/// ``audio_muted`` and ``video_on``, still work for one release (and warn).
#[pyclass(frozen, eq, module = "meetctl._meetctl", name = "HuaweiParticipant")]
#[derive(PartialEq)]
pub(crate) struct PyHuaweiParticipant {
    inner: HuaweiParticipant,
}

#[pymethods]
impl PyHuaweiParticipant {
    /// The participant id: what the control operations take.
    #[getter]
    fn participant_id(&self) -> &str {
        &self.inner.participant_id
    }

    /// The display name.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.inner.name.as_deref()
    }

    /// The registered number of the participant's device (SIP or telephone number).
    #[getter]
    fn number(&self) -> Option<&str> {
        self.inner.number.as_deref()
    }

    /// Whether the microphone is muted.
    #[getter]
    fn audio_muted(&self) -> Option<bool> {
        self.inner.audio_muted
    }

    /// Whether the participant has video on (rather than audio only).
    #[getter]
    fn video_on(&self) -> Option<bool> {
        self.inner.video_on
    }

    /// Deprecated (removed in the next release): :attr:`audio_muted`, by its old name.
    #[getter]
    fn muted(&self, py: Python<'_>) -> PyResult<Option<bool>> {
        deprecated(
            py,
            c"HuaweiParticipant.muted is deprecated and will be removed in the next release; use .audio_muted",
        )?;
        Ok(self.inner.audio_muted)
    }

    /// Deprecated (removed in the next release): :attr:`video_on`, by its old name.
    #[getter]
    fn video(&self, py: Python<'_>) -> PyResult<Option<bool>> {
        deprecated(
            py,
            c"HuaweiParticipant.video is deprecated and will be removed in the next release; use .video_on",
        )?;
        Ok(self.inner.video_on)
    }

    /// Whether the hand is raised.
    #[getter]
    fn hand_raised(&self) -> Option<bool> {
        self.inner.hand_raised
    }

    /// ``"host"``, ``"cohost"`` or ``"attendee"``.
    #[getter]
    fn role(&self) -> &'static str {
        self.inner.role.name()
    }

    /// The vendor's entry as received, as a new ``dict``.
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.inner.raw)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let p = &self.inner;
        Ok(Fields::new(py)
            .text("participant_id", Some(&p.participant_id))?
            .text("name", p.name.as_deref())?
            .text("number", p.number.as_deref())?
            .text("role", Some(p.role.name()))?
            .flag("audio_muted", p.audio_muted)
            .flag("video_on", p.video_on)
            .flag("hand_raised", p.hand_raised)
            .finish("HuaweiParticipant"))
    }
}

/// A Huawei conference as it is now (:meth:`HuaweiConference.info`): who holds the host and co-host
/// roles, and who is online (waiting-room members are not listed).
///
/// ``participants`` and ``cohost_ids`` are tuples; ``raw`` is the whole answer as a new ``dict``.
#[pyclass(frozen, eq, module = "meetctl._meetctl", name = "HuaweiConferenceInfo")]
pub(crate) struct PyHuaweiConferenceInfo {
    inner: HuaweiConferenceInfo,
    /// The participants as Python objects, made once.
    participants: Py<PyTuple>,
}

impl PartialEq for PyHuaweiConferenceInfo {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

impl PyHuaweiConferenceInfo {
    pub(crate) fn new(py: Python<'_>, inner: HuaweiConferenceInfo) -> PyResult<Self> {
        let participants =
            PyTuple::new(py, inner.participants.iter().map(|p| PyHuaweiParticipant { inner: p.clone() }))?
                .unbind();
        Ok(PyHuaweiConferenceInfo { inner, participants })
    }
}

#[pymethods]
impl PyHuaweiConferenceInfo {
    /// The host's participant id, or ``None`` when nobody holds the host role.
    #[getter]
    fn host_id(&self) -> Option<&str> {
        self.inner.host_id.as_deref()
    }

    /// The co-hosts' participant ids, as a tuple.
    #[getter]
    fn cohost_ids<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.inner.cohost_ids)
    }

    /// Everyone online, as a tuple of :class:`HuaweiParticipant`.
    #[getter]
    fn participants<'py>(&self, py: Python<'py>) -> Bound<'py, PyTuple> {
        self.participants.bind(py).clone()
    }

    /// The answer as received, as a new ``dict``.
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.inner.raw)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let host = match &self.inner.host_id {
            Some(id) => py_repr(py, id)?,
            None => "None".to_owned(),
        };
        Ok(format!(
            "HuaweiConferenceInfo(host_id={host}, cohost_ids={}, participants={})",
            self.cohost_ids(py)?.repr()?.to_cow()?,
            self.participants(py).repr()?.to_cow()?
        ))
    }
}
