//! `TencentClient` and `TencentUser`.

use meetctl::tencent::{
    CloseVideo, GenericCall, Instance, SetCohost, TencentCall, TencentClient, TencentCredentials,
    TencentUser, TencentUserId,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyInt};

use crate::convert::{Settings, json_to_py, method, optional_body, query_pairs};
use crate::errors::{IntoPyResult, invalid};
use crate::prepared::{PyPreparedRequest, py_repr};

static INSTANCE_ENUM: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `meetctl.Instance`, the `IntEnum` of device types (defined in Python).
fn instance_enum(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    INSTANCE_ENUM
        .get_or_try_init(py, || Ok::<_, PyErr>(py.import("meetctl._enums")?.getattr("Instance")?.unbind()))
        .map(|e| e.bind(py))
}

/// A Tencent Meeting participant as the control APIs name one: exactly one id (``userid``,
/// ``openid``, ``ms_open_id`` or ``uuid``) plus the device they are on (``instance``, a
/// :class:`meetctl.Instance` member or its integer value).
///
/// The co-host API accepts ``ms_open_id`` or ``uuid``; closing video also accepts an ``openid``
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
    inner: TencentUser,
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
    #[pyo3(signature = (*, userid=None, openid=None, ms_open_id=None, uuid=None, instance))]
    fn new(
        py: Python<'_>,
        userid: Option<&str>,
        openid: Option<&str>,
        ms_open_id: Option<&str>,
        uuid: Option<&str>,
        instance: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let code = instance_code(py, instance)?;
        let instance = Instance::from_code(code, "instance").into_py_result(py)?;
        for (field, value) in
            [("userid", userid), ("openid", openid), ("ms_open_id", ms_open_id), ("uuid", uuid)]
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
            TencentUser::from_parts("id", userid, openid, ms_open_id, uuid, i64::from(instance.code()))
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
    fn openid(&self) -> Option<&str> {
        match &self.inner.id {
            TencentUserId::OpenId(v) => Some(v),
            _ => None,
        }
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

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let kind = self.inner.id.kind().name();
        let member = self.instance(py)?;
        let name: String = member.getattr("name")?.extract()?;
        Ok(format!("TencentUser({kind}={}, instance=Instance.{name})", py_repr(py, self.inner.id.value())?))
    }
}

/// A Tencent Meeting (腾讯会议) client: co-hosts, closing video and any other endpoint, signed.
///
/// ``TencentClient(app_id=..., secret_id=..., secret_key=...)`` authenticates as an enterprise
/// self-built app (AK/SK, every request signed); :meth:`TencentClient.oauth` as an OAuth 2.0 app.
/// ``base_url`` replaces the public endpoint (private deployments, the emulator); ``timeout`` bounds
/// each whole call in seconds (``None``: 10 s to connect, 30 s to read, 60 s in all). Keyword-only
/// extras: ``proxy`` (``None``/``True``: from ``HTTPS_PROXY`` and friends, ``False``: none, or a
/// proxy URL) and ``ca_pem`` (extra trusted CA certificates, PEM ``str`` or ``bytes``).
///
/// Safe to share between threads; every call releases the GIL and connections are pooled.
/// ``repr()`` never shows the secret key or the access token. Bad arguments raise
/// :class:`meetctl.InvalidArgument` before anything is sent.
#[pyclass(frozen, module = "meetctl._meetctl", name = "TencentClient")]
pub(crate) struct PyTencentClient {
    client: TencentClient,
    /// `"enterprise"` or `"oauth"`, for `repr()`.
    auth: &'static str,
    /// The app id or the open id, for `repr()`.
    who: String,
}

impl PyTencentClient {
    fn build(
        py: Python<'_>,
        credentials: TencentCredentials,
        settings: Settings<'_, '_>,
        auth: &'static str,
        who: &str,
    ) -> PyResult<Self> {
        let config = settings.config(py)?;
        let client = TencentClient::new(credentials, config).into_py_result(py)?;
        Ok(PyTencentClient { client, auth, who: who.to_owned() })
    }

    /// Sends `call` with the GIL released; the JSON answer as Python values.
    fn send(&self, py: Python<'_>, call: &(impl TencentCall + Sync)) -> PyResult<Py<PyAny>> {
        let answer = py.detach(|| self.client.call(call)).into_py_result(py)?;
        Ok(json_to_py(py, &answer)?.unbind())
    }

    fn prepare(&self, py: Python<'_>, call: &(impl TencentCall + Sync)) -> PyResult<PyPreparedRequest> {
        py.detach(|| self.client.prepare(call)).into_py_result(py).map(PyPreparedRequest::from)
    }
}

fn cohost(
    meeting_id: &str,
    operator: &Bound<'_, PyTencentUser>,
    user: &Bound<'_, PyTencentUser>,
    action: bool,
) -> SetCohost {
    SetCohost::new(meeting_id, operator.get().inner.clone(), user.get().inner.clone(), action)
}

fn close_video(
    meeting_id: &str,
    operator: &Bound<'_, PyTencentUser>,
    user: &Bound<'_, PyTencentUser>,
) -> CloseVideo {
    CloseVideo::new(meeting_id, operator.get().inner.clone(), user.get().inner.clone())
}

fn generic(
    py: Python<'_>,
    method_name: &str,
    path: &str,
    query: Option<&Bound<'_, PyAny>>,
    body: Option<&Bound<'_, PyAny>>,
) -> PyResult<GenericCall> {
    Ok(GenericCall {
        method: method(py, method_name)?,
        path: path.to_owned(),
        query: query_pairs(query)?,
        body: optional_body(py, body)?,
    })
}

#[pymethods]
impl PyTencentClient {
    #[new]
    #[pyo3(
        signature = (app_id, secret_id, secret_key, sdk_id=None, base_url=None, timeout=Some(10.0), *, proxy=None, ca_pem=None),
        text_signature = "(app_id, secret_id, secret_key, sdk_id=None, base_url=None, timeout=10.0, *, proxy=None, ca_pem=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        app_id: &str,
        secret_id: &str,
        secret_key: &str,
        sdk_id: Option<String>,
        base_url: Option<String>,
        timeout: Option<f64>,
        proxy: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let credentials = TencentCredentials::enterprise(app_id, secret_id, secret_key, sdk_id);
        let settings = Settings { base_url, timeout, proxy, ca_pem };
        Self::build(py, credentials, settings, "enterprise", app_id)
    }

    /// A client for an OAuth 2.0 app acting for the user ``open_id`` with ``access_token``.
    ///
    /// The co-host API does not accept OAuth 2.0 (:class:`meetctl.InvalidArgument`, ``field ==
    /// "credentials"``); closing video needs the ``MANAGE_MEETING`` scope.
    #[staticmethod]
    #[pyo3(
        signature = (open_id, access_token, base_url=None, timeout=Some(10.0), *, proxy=None, ca_pem=None),
        text_signature = "(open_id, access_token, base_url=None, timeout=10.0, *, proxy=None, ca_pem=None)"
    )]
    fn oauth(
        py: Python<'_>,
        open_id: &str,
        access_token: &str,
        base_url: Option<String>,
        timeout: Option<f64>,
        proxy: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let credentials = TencentCredentials::oauth(open_id, access_token);
        let settings = Settings { base_url, timeout, proxy, ca_pem };
        Self::build(py, credentials, settings, "oauth", open_id)
    }

    /// Makes ``user`` a co-host of meeting ``meeting_id``; ``operator`` must be its host or a
    /// co-host. Both by ``ms_open_id`` or ``uuid``; enterprise credentials only.
    #[pyo3(signature = (meeting_id, operator, user))]
    fn set_cohost(
        &self,
        py: Python<'_>,
        meeting_id: &str,
        operator: &Bound<'_, PyTencentUser>,
        user: &Bound<'_, PyTencentUser>,
    ) -> PyResult<()> {
        self.send(py, &cohost(meeting_id, operator, user, true)).map(drop)
    }

    /// Takes the co-host role away from ``user`` (as :meth:`set_cohost`).
    #[pyo3(signature = (meeting_id, operator, user))]
    fn revoke_cohost(
        &self,
        py: Python<'_>,
        meeting_id: &str,
        operator: &Bound<'_, PyTencentUser>,
        user: &Bound<'_, PyTencentUser>,
    ) -> PyResult<()> {
        self.send(py, &cohost(meeting_id, operator, user, false)).map(drop)
    }

    /// Turns off ``user``'s camera; ``operator`` must be the host or a co-host.
    #[pyo3(signature = (meeting_id, operator, user))]
    fn close_video(
        &self,
        py: Python<'_>,
        meeting_id: &str,
        operator: &Bound<'_, PyTencentUser>,
        user: &Bound<'_, PyTencentUser>,
    ) -> PyResult<()> {
        self.send(py, &close_video(meeting_id, operator, user)).map(drop)
    }

    /// Calls any other Tencent endpoint, signed like the typed calls, and returns the JSON answer
    /// (``None`` when empty).
    ///
    /// ``path`` starts with ``/``; ids in it must already be percent-encoded, and ``?``, ``#``,
    /// spaces and ``..`` segments are refused. ``query`` is a mapping or a sequence of
    /// ``(key, value)`` pairs (values ``str`` or ``int``), percent-encoded by meetctl. ``body`` is
    /// any JSON-serialisable value; ``None`` sends no body.
    #[pyo3(signature = (method, path, query=None, body=None))]
    fn request(
        &self,
        py: Python<'_>,
        method: &str,
        path: &str,
        query: Option<&Bound<'_, PyAny>>,
        body: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let call = generic(py, method, path, query, body)?;
        self.send(py, &call)
    }

    /// The signed :meth:`set_cohost` request, not sent.
    #[pyo3(signature = (meeting_id, operator, user))]
    fn prepare_set_cohost(
        &self,
        py: Python<'_>,
        meeting_id: &str,
        operator: &Bound<'_, PyTencentUser>,
        user: &Bound<'_, PyTencentUser>,
    ) -> PyResult<PyPreparedRequest> {
        self.prepare(py, &cohost(meeting_id, operator, user, true))
    }

    /// The signed :meth:`revoke_cohost` request, not sent.
    #[pyo3(signature = (meeting_id, operator, user))]
    fn prepare_revoke_cohost(
        &self,
        py: Python<'_>,
        meeting_id: &str,
        operator: &Bound<'_, PyTencentUser>,
        user: &Bound<'_, PyTencentUser>,
    ) -> PyResult<PyPreparedRequest> {
        self.prepare(py, &cohost(meeting_id, operator, user, false))
    }

    /// The signed :meth:`close_video` request, not sent.
    #[pyo3(signature = (meeting_id, operator, user))]
    fn prepare_close_video(
        &self,
        py: Python<'_>,
        meeting_id: &str,
        operator: &Bound<'_, PyTencentUser>,
        user: &Bound<'_, PyTencentUser>,
    ) -> PyResult<PyPreparedRequest> {
        self.prepare(py, &close_video(meeting_id, operator, user))
    }

    /// The signed :meth:`request` request, not sent.
    #[pyo3(signature = (method, path, query=None, body=None))]
    fn prepare_request(
        &self,
        py: Python<'_>,
        method: &str,
        path: &str,
        query: Option<&Bound<'_, PyAny>>,
        body: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyPreparedRequest> {
        let call = generic(py, method, path, query, body)?;
        self.prepare(py, &call)
    }

    /// The base URL requests go to (no trailing ``/``).
    #[getter]
    fn base_url(&self) -> &str {
        self.client.base_url()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let who = match self.auth {
            "oauth" => "open_id",
            _ => "app_id",
        };
        Ok(format!(
            "TencentClient(auth={}, {who}={}, base_url={})",
            py_repr(py, self.auth)?,
            py_repr(py, &self.who)?,
            py_repr(py, self.client.base_url())?
        ))
    }
}
