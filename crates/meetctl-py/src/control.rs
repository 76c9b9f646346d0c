//! `TencentControl` and `HuaweiConferenceControl`: one control operation as a value, sent with
//! `TencentClient.call` / `HuaweiConference.call` or signed with `.prepare`. Every named method of
//! the clients builds one of these (the core's `TencentControl` / `ConferenceControl`).

use meetctl::huawei::{ConferenceControl, HuaweiOperation};
use meetctl::tencent::{Slot, TencentControl, TencentOperation, TencentUser};
use meetctl::{Args, Field, Param};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString, PyTuple};

use crate::args;
use crate::errors::{deprecated, invalid};
use crate::prepared::py_repr;
use crate::tencent_user::PyTencentUser;

/// The targets of a Tencent control: an iterable of `TencentUser` (not a single one).
pub(crate) fn tencent_targets(targets: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<TencentUser>> {
    let Some(targets) = targets.filter(|u| !u.is_none()) else { return Ok(Vec::new()) };
    let not_iterable = || {
        PyTypeError::new_err(format!(
            "targets must be an iterable of TencentUser, not {}",
            targets.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        ))
    };
    if targets.is_instance_of::<PyTencentUser>() {
        return Err(not_iterable());
    }
    let mut out = Vec::new();
    for user in targets.try_iter().map_err(|_| not_iterable())? {
        let user = user?;
        let user = user.cast::<PyTencentUser>().map_err(|_| {
            PyTypeError::new_err(format!(
                "targets must hold TencentUser objects, not {}",
                user.get_type().name().map(|n| n.to_string()).unwrap_or_default()
            ))
        })?;
        out.push(user.get().inner.clone());
    }
    Ok(out)
}

/// Participant ids: an iterable of `str` (a bare `str` is refused, not split into characters).
pub(crate) fn participant_ids(ids: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
    let Some(ids) = ids.filter(|i| !i.is_none()) else { return Ok(Vec::new()) };
    let type_name = |v: &Bound<'_, PyAny>| v.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    if ids.is_instance_of::<PyString>() || ids.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "participant_ids must be an iterable of str such as a list, not a single str",
        ));
    }
    let mut out = Vec::new();
    for id in ids.try_iter().map_err(|_| {
        PyTypeError::new_err(format!("participant_ids must be an iterable of str, not {}", type_name(ids)))
    })? {
        let id = id?;
        let text = id.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!("participant_ids must hold str, not {}", type_name(&id)))
        })?;
        out.push(text.to_cow()?.into_owned());
    }
    Ok(out)
}

/// The same named arguments, in any order (the order given never changes the request).
fn same_args(a: &Args, b: &Args) -> bool {
    a.names().count() == b.names().count() && a.names().all(|name| a.get(name) == b.get(name))
}

/// The table's parameter `name` of a Tencent operation.
fn tencent_param(operation: TencentOperation, name: &str) -> Option<Param> {
    let spec = operation.spec();
    spec.query.iter().chain(spec.body.unwrap_or(&[])).find_map(|field| match *field {
        Field::Arg(p) | Field::Slot(Slot::UsersWith(p)) if p.name == name => Some(p),
        _ => None,
    })
}

/// The table's parameter `name` of a Huawei operation.
fn huawei_param(operation: HuaweiOperation, name: &str) -> Option<Param> {
    operation.spec().body.unwrap_or(&[]).iter().find_map(|field| match *field {
        Field::Arg(p) if p.name == name => Some(p),
        _ => None,
    })
}

/// One Tencent Meeting control operation as a value: ``operation`` (its snake_case name, one of
/// :attr:`OPERATIONS`) on meeting ``meeting_id`` by ``operator``, acting on ``targets`` (an
/// iterable of :class:`TencentUser`; empty for operations without targets), with the operation's
/// named arguments as keywords (``None`` = not given). ``users=`` and ``.users``, the deprecated
/// old names of ``targets=`` and ``.targets``, still work for one release (and warn).
///
/// Send it with :meth:`TencentClient.call` or sign it with :meth:`TencentClient.prepare`; the named
/// methods (:meth:`TencentClient.kick_out`, …) build exactly this. The operation name is checked
/// here (:class:`InvalidArgument`, ``field == "operation"``); the targets and arguments are checked
/// against the operation's table when it is called or prepared, before anything is sent, and an
/// unknown, missing, mistyped or out-of-range argument raises :class:`InvalidArgument` naming it.
///
/// ``repr()`` shows argument values except passwords and unknown arguments (``<redacted>``);
/// the attributes hold the real values.
#[pyclass(frozen, eq, module = "meetctl._meetctl", name = "TencentControl")]
pub(crate) struct PyTencentControl {
    pub(crate) inner: TencentControl,
}

impl PartialEq for PyTencentControl {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.inner, &other.inner);
        a.operation == b.operation
            && a.meeting_id == b.meeting_id
            && a.operator == b.operator
            && a.targets == b.targets
            && same_args(&a.args, &b.args)
    }
}

#[pymethods]
impl PyTencentControl {
    #[new]
    #[pyo3(
        signature = (operation, meeting_id, operator, targets=None, **args),
        text_signature = "(operation, meeting_id, operator, targets=(), **args)"
    )]
    fn new(
        py: Python<'_>,
        operation: &str,
        meeting_id: &str,
        operator: &Bound<'_, PyTencentUser>,
        targets: Option<&Bound<'_, PyAny>>,
        args: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let Some(operation) = TencentOperation::from_name(operation) else {
            return Err(invalid(py, "operation", format!("{operation:?} is not a Tencent operation")));
        };
        // `users=`, the deprecated old name of `targets=`, arrives among the named arguments (no
        // operation has an argument of that name).
        let users = match args {
            Some(args) => args.get_item("users")?,
            None => None,
        };
        let targets = match (targets, &users) {
            (targets, None) => targets,
            (None, Some(users)) => {
                deprecated(
                    py,
                    c"TencentControl(users=...) is deprecated and will be removed in the next release; use targets=",
                )?;
                Some(users)
            }
            (Some(_), Some(_)) => {
                return Err(PyTypeError::new_err(
                    "give targets only (users= is its deprecated old name), not both",
                ));
            }
        };
        let targets = tencent_targets(targets)?;
        let args = match (args, &users) {
            (Some(args), Some(_)) => {
                let rest = args.copy()?;
                rest.del_item("users")?;
                args::from_kwargs(py, Some(&rest))?
            }
            (args, _) => args::from_kwargs(py, args)?,
        };
        Ok(PyTencentControl {
            inner: TencentControl {
                operation,
                meeting_id: meeting_id.to_owned(),
                operator: operator.get().inner.clone(),
                targets,
                args,
            },
        })
    }

    /// Every operation name, in the order of their stable numbers.
    #[classattr]
    #[pyo3(name = "OPERATIONS")]
    fn operations(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        Ok(PyTuple::new(py, TencentOperation::ALL.iter().map(|op| op.name()))?.unbind())
    }

    /// The operation's snake_case name (``"kick_out"``).
    #[getter]
    fn operation(&self) -> &'static str {
        self.inner.operation.name()
    }

    /// The meeting id.
    #[getter]
    fn meeting_id(&self) -> &str {
        &self.inner.meeting_id
    }

    /// Who acts (for ``"ms_open_id"``, the user looked up).
    #[getter]
    fn operator(&self) -> PyTencentUser {
        PyTencentUser { inner: self.inner.operator.clone() }
    }

    /// Whom it acts on, as a tuple.
    #[getter]
    fn targets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.inner.targets.iter().map(|u| PyTencentUser { inner: u.clone() }))
    }

    /// Deprecated (removed in the next release): :attr:`targets`, by its old name.
    #[getter]
    fn users<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        deprecated(
            py,
            c"TencentControl.users is deprecated and will be removed in the next release; use .targets",
        )?;
        self.targets(py)
    }

    /// The named arguments given, as a new ``dict`` (real values, passwords included).
    #[getter]
    fn args<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        args::to_dict(py, &self.inner.args)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let c = &self.inner;
        let mut out = format!(
            "TencentControl({}, {}, operator={}",
            py_repr(py, c.operation.name())?,
            py_repr(py, &c.meeting_id)?,
            self.operator().__repr__(py)?
        );
        if !c.targets.is_empty() {
            out.push_str(", targets=");
            out.push_str(&self.targets(py)?.repr()?.to_cow()?);
        }
        out.push_str(&args::repr(py, &c.args, |name| tencent_param(c.operation, name))?);
        out.push(')');
        Ok(out)
    }
}

/// One Huawei Cloud Meeting conference-control operation as a value: ``operation`` (its
/// snake_case name, one of :attr:`OPERATIONS`) acting on ``participant_ids`` (an iterable of
/// ``str``; empty for conference-wide operations), with the operation's named arguments as
/// keywords (``None`` = not given).
///
/// Send it with :meth:`HuaweiConference.call` or prepare it with :meth:`HuaweiConference.prepare`;
/// the named methods (:meth:`HuaweiConference.mute`, …) build exactly this. Checked as
/// :class:`TencentControl`: the name here, the rest when called or prepared, before anything is
/// sent. ``meetctl.ConferenceControl``, its deprecated old name, still works for one release (and
/// warns).
///
/// ``repr()`` never shows the chairman password (``<redacted>``).
#[pyclass(frozen, eq, module = "meetctl._meetctl", name = "HuaweiConferenceControl")]
pub(crate) struct PyHuaweiConferenceControl {
    pub(crate) inner: ConferenceControl,
}

impl PartialEq for PyHuaweiConferenceControl {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.inner, &other.inner);
        a.operation == b.operation && a.participant_ids == b.participant_ids && same_args(&a.args, &b.args)
    }
}

#[pymethods]
impl PyHuaweiConferenceControl {
    #[new]
    #[pyo3(
        signature = (operation, participant_ids=None, **args),
        text_signature = "(operation, participant_ids=(), **args)"
    )]
    fn new(
        py: Python<'_>,
        operation: &str,
        participant_ids: Option<&Bound<'_, PyAny>>,
        args: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let Some(operation) = HuaweiOperation::from_name(operation) else {
            return Err(invalid(py, "operation", format!("{operation:?} is not a Huawei operation")));
        };
        Ok(PyHuaweiConferenceControl {
            inner: ConferenceControl {
                operation,
                participant_ids: self::participant_ids(participant_ids)?,
                args: args::from_kwargs(py, args)?,
            },
        })
    }

    /// Every operation name, in the order of their stable numbers.
    #[classattr]
    #[pyo3(name = "OPERATIONS")]
    fn operations(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        Ok(PyTuple::new(py, HuaweiOperation::ALL.iter().map(|op| op.name()))?.unbind())
    }

    /// The operation's snake_case name (``"hang_up"``).
    #[getter]
    fn operation(&self) -> &'static str {
        self.inner.operation.name()
    }

    /// The participant ids it acts on, as a tuple.
    #[getter]
    fn participant_ids<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.inner.participant_ids)
    }

    /// The named arguments given, as a new ``dict`` (real values, passwords included).
    #[getter]
    fn args<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        args::to_dict(py, &self.inner.args)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let c = &self.inner;
        let mut out = format!("HuaweiConferenceControl({}", py_repr(py, c.operation.name())?);
        if !c.participant_ids.is_empty() {
            out.push_str(", participant_ids=");
            out.push_str(&self.participant_ids(py)?.repr()?.to_cow()?);
        }
        out.push_str(&args::repr(py, &c.args, |name| huawei_param(c.operation, name))?);
        out.push(')');
        Ok(out)
    }
}
