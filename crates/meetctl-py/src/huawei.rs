//! `HuaweiClient` and `Conference`.

use meetctl::Secret;
use meetctl::huawei::{
    AccountAuth, Conference, ConferenceAuth, GenericConferenceCall, HostRole, HuaweiCall, HuaweiClient,
    Region,
};
use pyo3::prelude::*;

use crate::convert::{Settings, json_to_py, method, optional_body, query_pairs};
use crate::errors::{IntoPyResult, invalid};
use crate::prepared::{PyPreparedRequest, py_repr};

/// A Huawei Cloud Meeting (华为云会议) client: hands out :class:`Conference` handles.
///
/// ``HuaweiClient(region=...)`` has no account authentication: conferences are then controlled
/// with their passwords or control tokens alone. :meth:`HuaweiClient.app_auth` (App ID) and
/// :meth:`HuaweiClient.account` (account and password) also obtain an account-level access token,
/// cached and refreshed for every thread and conference handle. ``region`` is ``"cn-north-4"`` or
/// ``"ap-southeast-1"``; ``base_url`` replaces the region's endpoint; ``timeout``, ``proxy`` and
/// ``ca_pem`` as for :class:`TencentClient`.
///
/// Safe to share between threads; every call releases the GIL. ``repr()`` never shows a key,
/// password or token.
#[pyclass(frozen, module = "meetctl._meetctl", name = "HuaweiClient")]
pub(crate) struct PyHuaweiClient {
    client: HuaweiClient,
    /// `"none"`, `"app_id"` or `"account"`, for `repr()`.
    auth: &'static str,
}

impl PyHuaweiClient {
    fn build(
        py: Python<'_>,
        region: &str,
        auth: AccountAuth,
        settings: Settings<'_, '_>,
        auth_name: &'static str,
    ) -> PyResult<Self> {
        let region: Region = region.parse().into_py_result(py)?;
        let config = settings.config(py)?;
        let client = HuaweiClient::new(region, auth, config).into_py_result(py)?;
        Ok(PyHuaweiClient { client, auth: auth_name })
    }
}

#[pymethods]
impl PyHuaweiClient {
    #[new]
    #[pyo3(
        signature = (region="cn-north-4", base_url=None, timeout=Some(10.0), *, proxy=None, ca_pem=None),
        text_signature = "(region='cn-north-4', base_url=None, timeout=10.0, *, proxy=None, ca_pem=None)"
    )]
    fn new(
        py: Python<'_>,
        region: &str,
        base_url: Option<String>,
        timeout: Option<f64>,
        proxy: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let settings = Settings { base_url, timeout, proxy, ca_pem };
        Self::build(py, region, AccountAuth::None, settings, "none")
    }

    /// A client with App ID authentication: ``app_id`` and ``app_key`` (which signs and is never
    /// sent), acting for ``user_id``; ``corp_id`` selects the multi-tenant signature.
    #[staticmethod]
    #[pyo3(
        signature = (app_id, app_key, user_id=None, corp_id=None, region="cn-north-4", base_url=None, timeout=Some(10.0), *, proxy=None, ca_pem=None),
        text_signature = "(app_id, app_key, user_id=None, corp_id=None, region='cn-north-4', base_url=None, timeout=10.0, *, proxy=None, ca_pem=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn app_auth(
        py: Python<'_>,
        app_id: &str,
        app_key: &str,
        user_id: Option<String>,
        corp_id: Option<String>,
        region: &str,
        base_url: Option<String>,
        timeout: Option<f64>,
        proxy: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let auth = AccountAuth::app_id(app_id, app_key, user_id, corp_id);
        let settings = Settings { base_url, timeout, proxy, ca_pem };
        Self::build(py, region, auth, settings, "app_id")
    }

    /// A client with account and password authentication (HTTP Basic, once per access token).
    #[staticmethod]
    #[pyo3(
        signature = (account, password, region="cn-north-4", base_url=None, timeout=Some(10.0), *, proxy=None, ca_pem=None),
        text_signature = "(account, password, region='cn-north-4', base_url=None, timeout=10.0, *, proxy=None, ca_pem=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn account(
        py: Python<'_>,
        account: &str,
        password: &str,
        region: &str,
        base_url: Option<String>,
        timeout: Option<f64>,
        proxy: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let auth = AccountAuth::account(account, password);
        let settings = Settings { base_url, timeout, proxy, ca_pem };
        Self::build(py, region, auth, settings, "account")
    }

    /// A handle on conference ``conference_id``, authorised by exactly one of ``control_token``
    /// (a meeting control token you already have, used as is and never refreshed) or
    /// ``password`` (the host or guest password: the handle fetches the control token itself,
    /// caches it, refreshes it before it expires and once after a 401). Nothing is sent yet.
    #[pyo3(signature = (conference_id, *, control_token=None, password=None))]
    fn conference(
        &self,
        py: Python<'_>,
        conference_id: &str,
        control_token: Option<&str>,
        password: Option<&str>,
    ) -> PyResult<PyConference> {
        let (auth, auth_name) = match (control_token, password) {
            (Some(token), None) => (ConferenceAuth::Token(Secret::new(token)), "control_token"),
            (None, Some(password)) => (ConferenceAuth::Password(Secret::new(password)), "password"),
            _ => {
                return Err(invalid(
                    py,
                    "control_token",
                    "exactly one of control_token= and password= must be given",
                ));
            }
        };
        let conference = self.client.conference(conference_id, auth).into_py_result(py)?;
        Ok(PyConference { conference, auth: auth_name })
    }

    /// The account-level access token (``X-Access-Token``), fetched or refreshed when needed;
    /// ``None`` for a client without account authentication. Treat it as a secret.
    fn access_token(&self, py: Python<'_>) -> PyResult<Option<String>> {
        let token = py.detach(|| self.client.access_token()).into_py_result(py)?;
        Ok(token.map(|t| t.expose().to_owned()))
    }

    /// The region's name (``"cn-north-4"``).
    #[getter]
    fn region(&self) -> &'static str {
        self.client.region().name()
    }

    /// The base URL requests go to (no trailing ``/``).
    #[getter]
    fn base_url(&self) -> &str {
        self.client.base_url()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "HuaweiClient(region={}, auth={}, base_url={})",
            py_repr(py, self.client.region().name())?,
            py_repr(py, self.auth)?,
            py_repr(py, self.client.base_url())?
        ))
    }
}

/// A handle on one Huawei conference, made by :meth:`HuaweiClient.conference`: the host role and
/// any other meeting-control call, with the conference's control token.
///
/// Safe to share between threads: concurrent calls share one control token and wait for a single
/// refresh. ``repr()`` never shows the token or password.
#[pyclass(frozen, module = "meetctl._meetctl", name = "Conference")]
pub(crate) struct PyConference {
    conference: Conference,
    /// `"control_token"` or `"password"`, for `repr()`.
    auth: &'static str,
}

impl PyConference {
    fn send(&self, py: Python<'_>, call: &(impl HuaweiCall + Sync)) -> PyResult<Py<PyAny>> {
        let answer = py.detach(|| self.conference.call(call)).into_py_result(py)?;
        Ok(json_to_py(py, &answer)?.unbind())
    }

    fn prepare(&self, py: Python<'_>, call: &(impl HuaweiCall + Sync)) -> PyResult<PyPreparedRequest> {
        py.detach(|| self.conference.prepare(call)).into_py_result(py).map(PyPreparedRequest::from)
    }
}

fn generic(
    py: Python<'_>,
    method_name: &str,
    path: &str,
    query: Option<&Bound<'_, PyAny>>,
    body: Option<&Bound<'_, PyAny>>,
) -> PyResult<GenericConferenceCall> {
    Ok(GenericConferenceCall {
        method: method(py, method_name)?,
        path: path.to_owned(),
        query: query_pairs(query)?,
        body: optional_body(py, body)?,
    })
}

#[pymethods]
impl PyConference {
    /// The conference id.
    #[getter]
    fn id(&self) -> &str {
        self.conference.id()
    }

    /// Makes ``participant_id`` the host, with the chairman (host) password.
    #[pyo3(signature = (participant_id, chairman_password))]
    fn apply_host(&self, py: Python<'_>, participant_id: &str, chairman_password: &str) -> PyResult<()> {
        self.send(py, &HostRole::apply(participant_id, chairman_password)).map(drop)
    }

    /// Gives up the host role of ``participant_id``; no password is sent.
    #[pyo3(signature = (participant_id))]
    fn relinquish_host(&self, py: Python<'_>, participant_id: &str) -> PyResult<()> {
        self.send(py, &HostRole::relinquish(participant_id)).map(drop)
    }

    /// Any other meeting-control call on this conference; returns the JSON answer (``None`` when
    /// empty). ``conferenceID`` is added to ``query`` by the handle (giving it yourself is an
    /// error); ``path``, ``query`` and ``body`` as for :meth:`TencentClient.request`.
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

    /// The :meth:`apply_host` request with the control token, not sent (may fetch the token).
    #[pyo3(signature = (participant_id, chairman_password))]
    fn prepare_apply_host(
        &self,
        py: Python<'_>,
        participant_id: &str,
        chairman_password: &str,
    ) -> PyResult<PyPreparedRequest> {
        self.prepare(py, &HostRole::apply(participant_id, chairman_password))
    }

    /// The :meth:`relinquish_host` request with the control token, not sent (may fetch the token).
    #[pyo3(signature = (participant_id))]
    fn prepare_relinquish_host(&self, py: Python<'_>, participant_id: &str) -> PyResult<PyPreparedRequest> {
        self.prepare(py, &HostRole::relinquish(participant_id))
    }

    /// The :meth:`request` request with the control token, not sent (may fetch the token).
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

    /// The current meeting control token, fetched or refreshed when needed. Treat it as a secret.
    fn control_token(&self, py: Python<'_>) -> PyResult<String> {
        let token = py.detach(|| self.conference.control_token()).into_py_result(py)?;
        Ok(token.expose().to_owned())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Conference(id={}, auth={})", py_repr(py, self.conference.id())?, py_repr(py, self.auth)?))
    }
}
