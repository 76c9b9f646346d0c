//! `HuaweiClient` and `HuaweiConference`.

use meetctl::Secret;
use meetctl::huawei::{
    AccountAuth, Conference, ConferenceAuth, GenericConferenceCall, HuaweiCall, HuaweiClient, HuaweiLookup,
    Region,
};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::args;
use crate::blocking;
use crate::control::PyHuaweiConferenceControl;
use crate::convert::{Settings, extra_ca_pem, json_to_py, method, optional_body, query_pairs};
use crate::errors::{IntoPyResult, deprecated, invalid};
use crate::prepared::{PyPreparedRequest, py_repr};
use crate::results::PyHuaweiConferenceInfo;

/// A Huawei Cloud Meeting (华为云会议) client: hands out :class:`HuaweiConference` handles.
///
/// ``HuaweiClient(region=...)`` has no account authentication: conferences are then controlled
/// with their passwords or control tokens alone. :meth:`HuaweiClient.app_id` (App ID; its
/// deprecated old name ``app_auth`` still works for one release) and :meth:`HuaweiClient.account`
/// (account and password) also obtain an account-level access token, cached and refreshed for
/// every thread and conference handle. ``region`` is ``"cn-north-4"`` or ``"ap-southeast-1"``;
/// ``base_url`` replaces the region's endpoint; ``timeout`` (default 60 s), ``proxy``,
/// ``extra_ca_pem``, ``allow_insecure_http`` and ``max_attempts`` as for :class:`TencentClient`.
///
/// Safe to share between threads; every call releases the GIL, and Ctrl-C interrupts one waiting
/// on the main thread (as for :class:`TencentClient`). A process made by ``os.fork()`` fetches its
/// own tokens when it needs them. ``repr()`` never shows a key,
/// password or token.
#[pyclass(frozen, module = "meetctl._meetctl", name = "HuaweiClient")]
pub(crate) struct PyHuaweiClient {
    pub(crate) client: HuaweiClient,
    /// `"none"`, `"app_id"` or `"account"`, for `repr()`.
    auth: &'static str,
}

/// The lookup called `name`; an `InvalidArgument` naming `lookup` for anything else.
fn lookup(py: Python<'_>, name: &str) -> PyResult<HuaweiLookup> {
    HuaweiLookup::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = HuaweiLookup::ALL.iter().map(|l| l.name()).collect();
        invalid(py, "lookup", format!("{name:?} is not a Huawei lookup (one of {})", names.join(", ")))
    })
}

/// Every Huawei lookup's name, in the order of their stable numbers.
fn lookup_names(py: Python<'_>) -> PyResult<Py<PyTuple>> {
    Ok(PyTuple::new(py, HuaweiLookup::ALL.iter().map(|l| l.name()))?.unbind())
}

/// `control_token=` / `password=` of the `Meeting.find_huawei_*` calls: at most one; neither is
/// `None` (the core then uses the host password the conference's details show the account).
pub(crate) fn optional_conference_auth(
    py: Python<'_>,
    control_token: Option<&str>,
    password: Option<&str>,
) -> PyResult<Option<ConferenceAuth>> {
    match (control_token, password) {
        (None, None) => Ok(None),
        (Some(token), None) => Ok(Some(ConferenceAuth::Token(Secret::new(token)))),
        (None, Some(password)) => Ok(Some(ConferenceAuth::Password(Secret::new(password)))),
        (Some(_), Some(_)) => {
            Err(invalid(py, "control_token", "give at most one of control_token= and password="))
        }
    }
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
        signature = (region="cn-north-4", base_url=None, timeout=None, *, proxy=None, extra_ca_pem=None, allow_insecure_http=false, max_attempts=None, ca_pem=None),
        text_signature = "(region='cn-north-4', base_url=None, timeout=60.0, *, proxy=None, extra_ca_pem=None, allow_insecure_http=False, max_attempts=3)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        region: &str,
        base_url: Option<String>,
        timeout: Option<&Bound<'_, PyAny>>,
        proxy: Option<&Bound<'_, PyAny>>,
        extra_ca_pem: Option<&Bound<'_, PyAny>>,
        allow_insecure_http: bool,
        max_attempts: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let extra_ca_pem = self::extra_ca_pem(py, extra_ca_pem, ca_pem)?;
        let settings = Settings { base_url, timeout, proxy, extra_ca_pem, allow_insecure_http, max_attempts };
        Self::build(py, region, AccountAuth::None, settings, "none")
    }

    /// A client with App ID authentication: ``app_id`` and ``app_key`` (which signs and is never
    /// sent), acting for ``user_id``; ``corp_id`` selects the multi-tenant signature.
    #[staticmethod]
    #[pyo3(
        signature = (app_id, app_key, user_id=None, corp_id=None, region="cn-north-4", base_url=None, timeout=None, *, proxy=None, extra_ca_pem=None, allow_insecure_http=false, max_attempts=None, ca_pem=None),
        text_signature = "(app_id, app_key, user_id=None, corp_id=None, region='cn-north-4', base_url=None, timeout=60.0, *, proxy=None, extra_ca_pem=None, allow_insecure_http=False, max_attempts=3)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn app_id(
        py: Python<'_>,
        app_id: &str,
        app_key: &str,
        user_id: Option<String>,
        corp_id: Option<String>,
        region: &str,
        base_url: Option<String>,
        timeout: Option<&Bound<'_, PyAny>>,
        proxy: Option<&Bound<'_, PyAny>>,
        extra_ca_pem: Option<&Bound<'_, PyAny>>,
        allow_insecure_http: bool,
        max_attempts: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let extra_ca_pem = self::extra_ca_pem(py, extra_ca_pem, ca_pem)?;
        let auth = AccountAuth::app_id(app_id, app_key, user_id, corp_id);
        let settings = Settings { base_url, timeout, proxy, extra_ca_pem, allow_insecure_http, max_attempts };
        Self::build(py, region, auth, settings, "app_id")
    }

    /// Deprecated (removed in the next release): :meth:`HuaweiClient.app_id`, by its old name.
    #[staticmethod]
    #[pyo3(
        signature = (app_id, app_key, user_id=None, corp_id=None, region="cn-north-4", base_url=None, timeout=None, *, proxy=None, extra_ca_pem=None, allow_insecure_http=false, max_attempts=None, ca_pem=None),
        text_signature = "(app_id, app_key, user_id=None, corp_id=None, region='cn-north-4', base_url=None, timeout=60.0, *, proxy=None, extra_ca_pem=None, allow_insecure_http=False, max_attempts=3)"
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
        timeout: Option<&Bound<'_, PyAny>>,
        proxy: Option<&Bound<'_, PyAny>>,
        extra_ca_pem: Option<&Bound<'_, PyAny>>,
        allow_insecure_http: bool,
        max_attempts: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        deprecated(
            py,
            c"HuaweiClient.app_auth() is deprecated and will be removed in the next release; use HuaweiClient.app_id()",
        )?;
        Self::app_id(
            py,
            app_id,
            app_key,
            user_id,
            corp_id,
            region,
            base_url,
            timeout,
            proxy,
            extra_ca_pem,
            allow_insecure_http,
            max_attempts,
            ca_pem,
        )
    }

    /// A client with account and password authentication (HTTP Basic, once per access token).
    #[staticmethod]
    #[pyo3(
        signature = (account, password, region="cn-north-4", base_url=None, timeout=None, *, proxy=None, extra_ca_pem=None, allow_insecure_http=false, max_attempts=None, ca_pem=None),
        text_signature = "(account, password, region='cn-north-4', base_url=None, timeout=60.0, *, proxy=None, extra_ca_pem=None, allow_insecure_http=False, max_attempts=3)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn account(
        py: Python<'_>,
        account: &str,
        password: &str,
        region: &str,
        base_url: Option<String>,
        timeout: Option<&Bound<'_, PyAny>>,
        proxy: Option<&Bound<'_, PyAny>>,
        extra_ca_pem: Option<&Bound<'_, PyAny>>,
        allow_insecure_http: bool,
        max_attempts: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let extra_ca_pem = self::extra_ca_pem(py, extra_ca_pem, ca_pem)?;
        let auth = AccountAuth::account(account, password);
        let settings = Settings { base_url, timeout, proxy, extra_ca_pem, allow_insecure_http, max_attempts };
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
    ) -> PyResult<PyHuaweiConference> {
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
        Ok(PyHuaweiConference { conference, auth: auth_name })
    }

    /// The account-level access token (``X-Access-Token``), fetched or refreshed when needed;
    /// ``None`` for a client without account authentication. Treat it as a secret.
    fn access_token(&self, py: Python<'_>) -> PyResult<Option<String>> {
        let client = self.client.clone();
        let token = blocking::run(py, move || client.access_token())?.into_py_result(py)?;
        Ok(token.map(|t| t.expose().to_owned()))
    }

    /// Every lookup's name (``"online_conferences"``, ``"online_conference_details"``,
    /// ``"conference_details"``, ``"online_attendees"``, ``"call_number_status"``,
    /// ``"ws_token"``), in the order of their stable numbers. ``"ws_token"`` is asked through a
    /// conference handle (:meth:`HuaweiConference.lookup`); the others here.
    #[classattr]
    #[pyo3(name = "LOOKUPS")]
    fn lookups(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        lookup_names(py)
    }

    /// Runs the lookup called ``name`` (one of :attr:`LOOKUPS` but ``"ws_token"``), every page of
    /// it, with the account's access token, and returns the answer as plain values: a ``list`` of
    /// ``dict`` records for a lookup that answers many, else the one record as a ``dict``. Nothing
    /// is changed on the server. Needs account authentication (:meth:`app_id` or
    /// :meth:`account`; without it :class:`InvalidArgument`, ``field == "auth"``).
    ///
    /// ``args`` maps the lookup's argument names to values (``{"conference_id": …}``,
    /// ``{"search_key": "sync"}``; ``None`` = not given). An unknown ``name`` raises
    /// :class:`InvalidArgument` with ``field == "lookup"``; bad arguments raise it naming the
    /// argument, before anything is sent.
    #[pyo3(signature = (name, args=None))]
    fn lookup(&self, py: Python<'_>, name: &str, args: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        let lookup = self::lookup(py, name)?;
        let args = args::from_mapping(py, args)?;
        let client = self.client.clone();
        let answer = blocking::run(py, move || client.lookup(lookup, &args))?.into_py_result(py)?;
        Ok(json_to_py(py, &answer)?.unbind())
    }

    /// What ``meetctl.doctor`` checks of this client, as a plain dict (``meetctl.doctor`` reads it
    /// into a :class:`DoctorReport`): the route and proxy, DNS, reaching the host, TLS, the clock
    /// against the server's ``Date``, whether the account authentication is accepted (an access
    /// token is asked for) and whether it may list the conferences online.
    fn doctor_raw(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let client = self.client.clone();
        let report =
            blocking::run(py, move || Ok::<_, meetctl::Error>(meetctl::doctor::check_huawei(&client)))?
                .into_py_result(py)?;
        Ok(crate::convert::record_to_py(py, serde_json::to_value(&report))?.unbind())
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

/// A handle on one Huawei conference, made by :meth:`HuaweiClient.conference`: every conference
/// control (host role, mute, hang up, co-hosts, lock, end, video, rename, hands, waiting room,
/// duration, recording, settings), the conference's state (:meth:`info`) and any other
/// meeting-control call, with the conference's control token.
///
/// Each named method (generated from the core's declarations, in ``meetctl._huawei_operations``)
/// is :meth:`call` with the :class:`HuaweiConferenceControl` it builds; arguments of
/// the operation (``minutes``, ``chat_permission``, ``chairman_password``, …) are checked against
/// its table before anything is sent, and a bad one raises :class:`InvalidArgument` naming it.
///
/// Safe to share between threads: concurrent calls share one control token and wait for a single
/// refresh. ``repr()`` never shows the token or password.
///
/// ``meetctl.Conference``, its deprecated old name, still works for one release (and warns).
#[pyclass(frozen, module = "meetctl._meetctl", name = "HuaweiConference")]
pub(crate) struct PyHuaweiConference {
    pub(crate) conference: Conference,
    /// `"control_token"` or `"password"`, for `repr()`.
    auth: &'static str,
}

impl PyHuaweiConference {
    /// Sends `call` with the GIL released, interruptible on the main thread (`blocking::run`:
    /// the call is owned, it may outlive an interrupted wait); the JSON answer as Python values.
    fn send_call(&self, py: Python<'_>, call: impl HuaweiCall + Send + 'static) -> PyResult<Py<PyAny>> {
        let conference = self.conference.clone();
        let answer = blocking::run(py, move || conference.call(&call))?.into_py_result(py)?;
        Ok(json_to_py(py, &answer)?.unbind())
    }

    /// Prepares `call` as [`Self::send_call`] sends it (it may fetch the control token).
    fn prepare_call(
        &self,
        py: Python<'_>,
        call: impl HuaweiCall + Send + 'static,
    ) -> PyResult<PyPreparedRequest> {
        let conference = self.conference.clone();
        blocking::run(py, move || conference.prepare(&call))?.into_py_result(py).map(PyPreparedRequest::from)
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
impl PyHuaweiConference {
    /// The conference id.
    #[getter]
    fn id(&self) -> &str {
        self.conference.id()
    }

    /// Sends ``control`` (a :class:`HuaweiConferenceControl`) and returns the JSON answer (``None`` for
    /// the control operations, which answer with an empty body; the whole answer for ``"info"``).
    /// Every named method is this call with the control it builds.
    #[pyo3(signature = (control))]
    fn call(&self, py: Python<'_>, control: &Bound<'_, PyHuaweiConferenceControl>) -> PyResult<Py<PyAny>> {
        self.send_call(py, control.get().inner.clone())
    }

    /// ``control`` (a :class:`HuaweiConferenceControl`) validated, with the control token, not sent: the
    /// same method, URL, headers and body :meth:`call` would send (may fetch the token).
    #[pyo3(signature = (control))]
    fn prepare(
        &self,
        py: Python<'_>,
        control: &Bound<'_, PyHuaweiConferenceControl>,
    ) -> PyResult<PyPreparedRequest> {
        self.prepare_call(py, control.get().inner.clone())
    }

    /// The conference now: host, co-hosts and everyone online, as a
    /// :class:`HuaweiConferenceInfo`.
    fn info(&self, py: Python<'_>) -> PyResult<PyHuaweiConferenceInfo> {
        let conference = self.conference.clone();
        let info = blocking::run(py, move || conference.info())?.into_py_result(py)?;
        PyHuaweiConferenceInfo::new(py, info)
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
        self.send_call(py, call)
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
        self.prepare_call(py, call)
    }

    /// Every lookup's name, as :attr:`HuaweiClient.LOOKUPS`: what :meth:`lookup` takes.
    #[classattr]
    #[pyo3(name = "LOOKUPS")]
    fn lookups(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        lookup_names(py)
    }

    /// Runs the lookup called ``name`` (one of :attr:`LOOKUPS`) for this conference and returns
    /// the answer as plain values (a ``list`` of ``dict`` records, or one ``dict``).
    /// ``"ws_token"`` is asked with the conference's control token; the account lookups go
    /// through the client that made this handle (which needs account authentication), with
    /// ``conference_id`` set to this conference's id when the lookup takes one and ``args`` does
    /// not give it. ``args`` and errors as for :meth:`HuaweiClient.lookup`.
    ///
    /// The ``"ws_token"`` answer's ``token`` is a secret, in clear in the returned ``dict``: never
    /// log or print that ``dict`` (meetctl itself logs no answer).
    #[pyo3(signature = (name, args=None))]
    fn lookup(&self, py: Python<'_>, name: &str, args: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        let lookup = self::lookup(py, name)?;
        let args = args::from_mapping(py, args)?;
        let conference = self.conference.clone();
        let answer = blocking::run(py, move || conference.lookup(lookup, &args))?.into_py_result(py)?;
        Ok(json_to_py(py, &answer)?.unbind())
    }

    /// The current meeting control token, fetched or refreshed when needed. Treat it as a secret.
    fn control_token(&self, py: Python<'_>) -> PyResult<String> {
        let conference = self.conference.clone();
        let token = blocking::run(py, move || conference.control_token())?.into_py_result(py)?;
        Ok(token.expose().to_owned())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "HuaweiConference(id={}, auth={})",
            py_repr(py, self.conference.id())?,
            py_repr(py, self.auth)?
        ))
    }
}
