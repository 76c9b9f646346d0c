//! `meetctl.TencentUser`: a Tencent Meeting participant as the control calls name one, and
//! `meetctl.Instance`, the device types it is on.

use meetctl::tencent::{Instance, TencentUser, TencentUserId};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyInt};

use crate::errors::{IntoPyResult, deprecated, invalid};
use crate::prepared::py_repr;

static INSTANCE_ENUM: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `meetctl.Instance`, the `IntEnum` of device types (defined in Python).
pub(crate) fn instance_enum(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    INSTANCE_ENUM
        .get_or_try_init(py, || Ok::<_, PyErr>(py.import("meetctl._enums")?.getattr("Instance")?.unbind()))
        .map(|e| e.bind(py))
}

/// A Tencent Meeting participant as the control APIs name one: exactly one id (``userid``,
/// ``open_id``, ``ms_open_id`` or ``uuid``) plus the device they are on (``instance``, a
/// :class:`meetctl.Instance` member or its integer value). ``openid=`` and ``.openid``, the
/// deprecated old names of ``open_id``, still work for one release (and warn).
///
/// The co-host API accepts ``ms_open_id`` or ``uuid``; closing video also accepts an ``open_id``
/// operator with OAuth 2.0 credentials (the client's own open id). An ``ms_open_id`` only goes with
/// devices 1-8. For a target, ``instance`` must be the device the user is really on, or the call
/// succeeds without effect (the vendor's rule).
///
/// Raises :class:`meetctl.InvalidArgument` for zero or several ids (``field == "id"``), an empty id
/// (the keyword's name) or a number outside the device table (``"instance"``); ``TypeError`` for
/// values of the wrong type.
#[pyclass(frozen, eq, hash, module = "meetctl._meetctl", name = "TencentUser")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyTencentUser {
    pub(crate) inner: TencentUser,
}

/// The device number of `instance`: an `int` (an `Instance` member is one), not a `bool`.
fn instance_code(py: Python<'_>, instance: &Bound<'_, PyAny>) -> PyResult<i64> {
    if instance.is_instance_of::<PyBool>() || !instance.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "instance must be a meetctl.Instance or an int, not {}",
            instance.get_type().name()?
        )));
    }
    instance.extract::<i64>().map_err(|_| invalid(py, "instance", "is not a Tencent device type"))
}

#[pymethods]
impl PyTencentUser {
    #[new]
    #[pyo3(
        signature = (*, userid=None, open_id=None, ms_open_id=None, uuid=None, instance, openid=None),
        text_signature = "(*, userid=None, open_id=None, ms_open_id=None, uuid=None, instance)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        userid: Option<&str>,
        open_id: Option<&str>,
        ms_open_id: Option<&str>,
        uuid: Option<&str>,
        instance: &Bound<'_, PyAny>,
        openid: Option<&str>,
    ) -> PyResult<Self> {
        // `openid=`, the deprecated old name of `open_id=`: errors about it name `open_id`.
        let open_id = match (open_id, openid) {
            (open_id, None) => open_id,
            (None, Some(openid)) => {
                deprecated(
                    py,
                    c"TencentUser(openid=...) is deprecated and will be removed in the next release; use open_id=",
                )?;
                Some(openid)
            }
            (Some(_), Some(_)) => {
                return Err(PyTypeError::new_err(
                    "give open_id only (openid= is its deprecated old name), not both",
                ));
            }
        };
        let code = instance_code(py, instance)?;
        let instance = Instance::from_code(code, "instance").into_py_result(py)?;
        for (field, value) in
            [("userid", userid), ("open_id", open_id), ("ms_open_id", ms_open_id), ("uuid", uuid)]
        {
            match value {
                Some("") => return Err(invalid(py, field, "must not be empty")),
                Some(v) if v.chars().any(char::is_control) => {
                    return Err(invalid(py, field, "must not contain control characters"));
                }
                _ => {}
            }
        }
        let inner =
            TencentUser::from_parts("id", userid, open_id, ms_open_id, uuid, i64::from(instance.code()))
                .into_py_result(py)?;
        Ok(PyTencentUser { inner })
    }

    /// The enterprise user id, when the user is named by one.
    #[getter]
    fn userid(&self) -> Option<&str> {
        match &self.inner.id {
            TencentUserId::UserId(v) => Some(v),
            _ => None,
        }
    }

    /// The OAuth 2.0 open id, when the user is named by one.
    #[getter]
    fn open_id(&self) -> Option<&str> {
        match &self.inner.id {
            TencentUserId::OpenId(v) => Some(v),
            _ => None,
        }
    }

    /// Deprecated (removed in the next release): :attr:`open_id`, by its old name.
    #[getter]
    fn openid(&self, py: Python<'_>) -> PyResult<Option<&str>> {
        deprecated(
            py,
            c"TencentUser.openid is deprecated and will be removed in the next release; use .open_id",
        )?;
        Ok(self.open_id())
    }

    /// The meeting-scoped open id, when the user is named by one.
    #[getter]
    fn ms_open_id(&self) -> Option<&str> {
        match &self.inner.id {
            TencentUserId::MsOpenId(v) => Some(v),
            _ => None,
        }
    }

    /// The participant's uuid, when the user is named by one.
    #[getter]
    fn uuid(&self) -> Option<&str> {
        match &self.inner.id {
            TencentUserId::Uuid(v) => Some(v),
            _ => None,
        }
    }

    /// The device, as a :class:`meetctl.Instance` member.
    #[getter]
    fn instance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        instance_enum(py)?.call1((self.inner.instance.code(),))
    }

    pub(crate) fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let kind = self.inner.id.kind().name();
        let member = self.instance(py)?;
        let name: String = member.getattr("name")?.extract()?;
        Ok(format!("TencentUser({kind}={}, instance=Instance.{name})", py_repr(py, self.inner.id.value())?))
    }
}
