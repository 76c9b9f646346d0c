//! `HuaweiClient` and `Conference`.

use meetctl::huawei::HuaweiOperation::{
    self, AdmitFromWaitingRoom, AllowUnmuteBySelf, ApplyHost, End, Extend, HangUp, Lock, LowerHand,
    MoveToWaitingRoom, Mute, MuteAll, RelinquishHost, Rename, RequestVideo, RevokeCohost, SetCohost,
    StartRecording, StopRecording, StopVideo, Unlock, Unmute, UnmuteAll, UpdateSettings,
};
use meetctl::huawei::{
    AccountAuth, Conference, ConferenceAuth, ConferenceControl, GenericConferenceCall, HuaweiCall,
    HuaweiClient, Region,
};
use meetctl::{Args, Secret};
use pyo3::prelude::*;
use pyo3::types::PyBool;

use crate::args;
use crate::blocking;
use crate::control::{PyConferenceControl, participant_ids};
use crate::convert::{Settings, TimeoutArg, json_to_py, method, optional_body, query_pairs};
use crate::errors::{IntoPyResult, invalid};
use crate::prepared::{PyPreparedRequest, py_repr};
use crate::results::PyHuaweiConferenceInfo;

/// A Huawei Cloud Meeting (华为云会议) client: hands out :class:`Conference` handles.
///
/// ``HuaweiClient(region=...)`` has no account authentication: conferences are then controlled
/// with their passwords or control tokens alone. :meth:`HuaweiClient.app_auth` (App ID) and
/// :meth:`HuaweiClient.account` (account and password) also obtain an account-level access token,
/// cached and refreshed for every thread and conference handle. ``region`` is ``"cn-north-4"`` or
/// ``"ap-southeast-1"``; ``base_url`` replaces the region's endpoint; ``timeout``, ``proxy``,
/// ``ca_pem``, ``allow_insecure_http`` and ``max_attempts`` as for :class:`TencentClient`.
///
/// Safe to share between threads; every call releases the GIL, and Ctrl-C interrupts one waiting
/// on the main thread (as for :class:`TencentClient`). A process made by ``os.fork()`` fetches its
/// own tokens when it needs them. ``repr()`` never shows a key,
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
        signature = (region="cn-north-4", base_url=None, timeout=TimeoutArg::NotGiven, *, proxy=None, ca_pem=None, allow_insecure_http=false, max_attempts=None),
        text_signature = "(region='cn-north-4', base_url=None, timeout=10.0, *, proxy=None, ca_pem=None, allow_insecure_http=False, max_attempts=3)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        region: &str,
        base_url: Option<String>,
        timeout: TimeoutArg<'_>,
        proxy: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
        allow_insecure_http: bool,
        max_attempts: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let settings = Settings { base_url, timeout, proxy, ca_pem, allow_insecure_http, max_attempts };
        Self::build(py, region, AccountAuth::None, settings, "none")
    }

    /// A client with App ID authentication: ``app_id`` and ``app_key`` (which signs and is never
    /// sent), acting for ``user_id``; ``corp_id`` selects the multi-tenant signature.
    #[staticmethod]
    #[pyo3(
        signature = (app_id, app_key, user_id=None, corp_id=None, region="cn-north-4", base_url=None, timeout=TimeoutArg::NotGiven, *, proxy=None, ca_pem=None, allow_insecure_http=false, max_attempts=None),
        text_signature = "(app_id, app_key, user_id=None, corp_id=None, region='cn-north-4', base_url=None, timeout=10.0, *, proxy=None, ca_pem=None, allow_insecure_http=False, max_attempts=3)"
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
        timeout: TimeoutArg<'_>,
        proxy: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
        allow_insecure_http: bool,
        max_attempts: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let auth = AccountAuth::app_id(app_id, app_key, user_id, corp_id);
        let settings = Settings { base_url, timeout, proxy, ca_pem, allow_insecure_http, max_attempts };
        Self::build(py, region, auth, settings, "app_id")
    }

    /// A client with account and password authentication (HTTP Basic, once per access token).
    #[staticmethod]
    #[pyo3(
        signature = (account, password, region="cn-north-4", base_url=None, timeout=TimeoutArg::NotGiven, *, proxy=None, ca_pem=None, allow_insecure_http=false, max_attempts=None),
        text_signature = "(account, password, region='cn-north-4', base_url=None, timeout=10.0, *, proxy=None, ca_pem=None, allow_insecure_http=False, max_attempts=3)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn account(
        py: Python<'_>,
        account: &str,
        password: &str,
        region: &str,
        base_url: Option<String>,
        timeout: TimeoutArg<'_>,
        proxy: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
        allow_insecure_http: bool,
        max_attempts: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let auth = AccountAuth::account(account, password);
        let settings = Settings { base_url, timeout, proxy, ca_pem, allow_insecure_http, max_attempts };
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
        let client = self.client.clone();
        let token = blocking::run(py, move || client.access_token())?.into_py_result(py)?;
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

/// A handle on one Huawei conference, made by :meth:`HuaweiClient.conference`: every conference
/// control (host role, mute, hang up, co-hosts, lock, end, video, rename, hands, waiting room,
/// duration, recording, settings), the conference's state (:meth:`info`) and any other
/// meeting-control call, with the conference's control token.
///
/// Each named method is :meth:`call` with the :class:`ConferenceControl` it builds; arguments of
/// the operation (``minutes``, ``chat_permission``, ``chairman_password``, …) are checked against
/// its table before anything is sent, and a bad one raises :class:`InvalidArgument` naming it.
///
/// Safe to share between threads: concurrent calls share one control token and wait for a single
/// refresh. ``repr()`` never shows the token or password.
#[pyclass(frozen, module = "meetctl._meetctl", name = "Conference")]
pub(crate) struct PyConference {
    pub(crate) conference: Conference,
    /// `"control_token"` or `"password"`, for `repr()`.
    auth: &'static str,
}

impl PyConference {
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

    /// Sends a control whose answer carries nothing, as [`Self::send_call`].
    fn run(&self, py: Python<'_>, control: ConferenceControl) -> PyResult<()> {
        let conference = self.conference.clone();
        blocking::run(py, move || conference.call(&control))?.into_py_result(py).map(drop)
    }
}

/// No participant.
const NONE: [&str; 0] = [];

/// The control a named method sends.
fn control<S: Into<String>>(
    operation: HuaweiOperation,
    participant_ids: impl IntoIterator<Item = S>,
    args: Args,
) -> ConferenceControl {
    ConferenceControl {
        operation,
        participant_ids: participant_ids.into_iter().map(Into::into).collect(),
        args,
    }
}

/// The participant ids of `hang_up` and `move_to_waiting_room`.
fn ids(participant_ids: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    self::participant_ids(Some(participant_ids))
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

    /// Sends ``control`` (a :class:`ConferenceControl`) and returns the JSON answer (``None`` for
    /// the control operations, which answer with an empty body; the whole answer for ``"info"``).
    /// Every named method is this call with the control it builds.
    #[pyo3(signature = (control))]
    fn call(&self, py: Python<'_>, control: &Bound<'_, PyConferenceControl>) -> PyResult<Py<PyAny>> {
        self.send_call(py, control.get().inner.clone())
    }

    /// ``control`` (a :class:`ConferenceControl`) validated, with the control token, not sent: the
    /// same method, URL, headers and body :meth:`call` would send (may fetch the token).
    #[pyo3(signature = (control))]
    fn prepare(
        &self,
        py: Python<'_>,
        control: &Bound<'_, PyConferenceControl>,
    ) -> PyResult<PyPreparedRequest> {
        self.prepare_call(py, control.get().inner.clone())
    }

    /// Makes ``participant_id`` the host, with the chairman (host) password.
    #[pyo3(signature = (participant_id, chairman_password))]
    fn apply_host(
        &self,
        py: Python<'_>,
        participant_id: &str,
        chairman_password: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let args = args::given(py, &[("chairman_password", Some(chairman_password))])?;
        self.run(py, control(ApplyHost, [participant_id], args))
    }

    /// Gives up the host role of ``participant_id``; no password is sent.
    #[pyo3(signature = (participant_id))]
    fn relinquish_host(&self, py: Python<'_>, participant_id: &str) -> PyResult<()> {
        self.run(py, control(RelinquishHost, [participant_id], Args::new()))
    }

    /// Mutes ``participant_id``.
    #[pyo3(signature = (participant_id))]
    fn mute(&self, py: Python<'_>, participant_id: &str) -> PyResult<()> {
        self.run(py, control(Mute, [participant_id], Args::new()))
    }

    /// Unmutes ``participant_id``.
    #[pyo3(signature = (participant_id))]
    fn unmute(&self, py: Python<'_>, participant_id: &str) -> PyResult<()> {
        self.run(py, control(Unmute, [participant_id], Args::new()))
    }

    /// Mutes everyone but the host; with ``allow_unmute_by_self=False`` they cannot unmute
    /// themselves.
    #[pyo3(
        signature = (*, allow_unmute_by_self=None),
        text_signature = "($self, *, allow_unmute_by_self=True)"
    )]
    fn mute_all(&self, py: Python<'_>, allow_unmute_by_self: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let args = args::given(py, &[("allow_unmute_by_self", allow_unmute_by_self)])?;
        self.run(py, control(MuteAll, NONE, args))
    }

    /// Unmutes everyone.
    fn unmute_all(&self, py: Python<'_>) -> PyResult<()> {
        self.run(py, control(UnmuteAll, NONE, Args::new()))
    }

    /// Hangs up (removes) ``participant_ids`` (an iterable of ids, at least one).
    #[pyo3(signature = (participant_ids))]
    fn hang_up(&self, py: Python<'_>, participant_ids: &Bound<'_, PyAny>) -> PyResult<()> {
        self.run(py, control(HangUp, ids(participant_ids)?, Args::new()))
    }

    /// Makes ``participant_id`` a co-host.
    #[pyo3(signature = (participant_id))]
    fn set_cohost(&self, py: Python<'_>, participant_id: &str) -> PyResult<()> {
        self.run(py, control(SetCohost, [participant_id], Args::new()))
    }

    /// Takes the co-host role away from ``participant_id``.
    #[pyo3(signature = (participant_id))]
    fn revoke_cohost(&self, py: Python<'_>, participant_id: &str) -> PyResult<()> {
        self.run(py, control(RevokeCohost, [participant_id], Args::new()))
    }

    /// Locks the conference: nobody else can join.
    fn lock(&self, py: Python<'_>) -> PyResult<()> {
        self.run(py, control(Lock, NONE, Args::new()))
    }

    /// Unlocks the conference.
    fn unlock(&self, py: Python<'_>) -> PyResult<()> {
        self.run(py, control(Unlock, NONE, Args::new()))
    }

    /// Ends the conference for everyone.
    fn end(&self, py: Python<'_>) -> PyResult<()> {
        self.run(py, control(End, NONE, Args::new()))
    }

    /// Turns ``participant_id``'s camera off (the vendor's ``status: 1``).
    #[pyo3(signature = (participant_id))]
    fn stop_video(&self, py: Python<'_>, participant_id: &str) -> PyResult<()> {
        self.run(py, control(StopVideo, [participant_id], Args::new()))
    }

    /// Asks ``participant_id`` to turn the camera on (the vendor's ``status: 0``).
    #[pyo3(signature = (participant_id))]
    fn request_video(&self, py: Python<'_>, participant_id: &str) -> PyResult<()> {
        self.run(py, control(RequestVideo, [participant_id], Args::new()))
    }

    /// Renames ``participant_id``, whose device has the registered ``number``, to ``new_name``.
    #[pyo3(signature = (participant_id, number, new_name))]
    fn rename(
        &self,
        py: Python<'_>,
        participant_id: &str,
        number: &Bound<'_, PyAny>,
        new_name: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let args = args::given(py, &[("number", Some(number)), ("new_name", Some(new_name))])?;
        self.run(py, control(Rename, [participant_id], args))
    }

    /// Lowers ``participant_id``'s raised hand.
    #[pyo3(signature = (participant_id))]
    fn lower_hand(&self, py: Python<'_>, participant_id: &str) -> PyResult<()> {
        self.run(py, control(LowerHand, [participant_id], Args::new()))
    }

    /// Lets ``participant_id`` in from the waiting room, or everyone with ``admit_all=True``
    /// (exactly one of the two).
    #[pyo3(
        signature = (participant_id=None, *, admit_all=None),
        text_signature = "($self, participant_id=None, *, admit_all=False)"
    )]
    fn admit_from_waiting_room(
        &self,
        py: Python<'_>,
        participant_id: Option<&str>,
        admit_all: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        // `admit_all=False` is the default, "not everyone": nothing to send.
        let admit_all = admit_all.filter(|v| !v.is(PyBool::new(py, false)));
        let args = args::given(py, &[("admit_all", admit_all)])?;
        self.run(py, control(AdmitFromWaitingRoom, participant_id, args))
    }

    /// Moves ``participant_ids`` (an iterable of ids, at least one) into the waiting room.
    #[pyo3(signature = (participant_ids))]
    fn move_to_waiting_room(&self, py: Python<'_>, participant_ids: &Bound<'_, PyAny>) -> PyResult<()> {
        self.run(py, control(MoveToWaitingRoom, ids(participant_ids)?, Args::new()))
    }

    /// Extends the conference by ``minutes`` (1 to 1440).
    #[pyo3(signature = (minutes))]
    fn extend(&self, py: Python<'_>, minutes: &Bound<'_, PyAny>) -> PyResult<()> {
        let args = args::given(py, &[("minutes", Some(minutes))])?;
        self.run(py, control(Extend, NONE, args))
    }

    /// Allows (``True``) or forbids participants to unmute themselves.
    #[pyo3(signature = (allow))]
    fn allow_unmute_by_self(&self, py: Python<'_>, allow: &Bound<'_, PyAny>) -> PyResult<()> {
        self.run(py, control(AllowUnmuteBySelf, NONE, args::given(py, &[("allow", Some(allow))])?))
    }

    /// Starts cloud recording.
    fn start_recording(&self, py: Python<'_>) -> PyResult<()> {
        self.run(py, control(StartRecording, NONE, Args::new()))
    }

    /// Stops cloud recording.
    fn stop_recording(&self, py: Python<'_>) -> PyResult<()> {
        self.run(py, control(StopRecording, NONE, Args::new()))
    }

    /// Changes in-meeting settings; only the settings given are sent, and at least one must be
    /// (:class:`InvalidArgument`, ``field == "args"``). ``chat_permission``: 1 to 4;
    /// ``call_in_restriction``: 0 everyone, 2 enterprise users, 3 invited users.
    #[pyo3(signature = (
        *, lock_sharing=None, allow_unmute_by_self=None, allow_open_camera=None, allow_rename=None,
        is_lock=None, chat_permission=None, call_in_restriction=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn update_settings(
        &self,
        py: Python<'_>,
        lock_sharing: Option<&Bound<'_, PyAny>>,
        allow_unmute_by_self: Option<&Bound<'_, PyAny>>,
        allow_open_camera: Option<&Bound<'_, PyAny>>,
        allow_rename: Option<&Bound<'_, PyAny>>,
        is_lock: Option<&Bound<'_, PyAny>>,
        chat_permission: Option<&Bound<'_, PyAny>>,
        call_in_restriction: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let args = args::given(
            py,
            &[
                ("lock_sharing", lock_sharing),
                ("allow_unmute_by_self", allow_unmute_by_self),
                ("allow_open_camera", allow_open_camera),
                ("allow_rename", allow_rename),
                ("is_lock", is_lock),
                ("chat_permission", chat_permission),
                ("call_in_restriction", call_in_restriction),
            ],
        )?;
        self.run(py, control(UpdateSettings, NONE, args))
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

    /// The current meeting control token, fetched or refreshed when needed. Treat it as a secret.
    fn control_token(&self, py: Python<'_>) -> PyResult<String> {
        let conference = self.conference.clone();
        let token = blocking::run(py, move || conference.control_token())?.into_py_result(py)?;
        Ok(token.expose().to_owned())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Conference(id={}, auth={})", py_repr(py, self.conference.id())?, py_repr(py, self.auth)?))
    }
}
