//! `TencentClient` (the `TencentUser` it takes is in `tencent_user.rs`; its named methods are
//! generated Python, in `meetctl._tencent_operations`).

use meetctl::tencent::{GenericCall, TencentCall, TencentClient, TencentCredentials, TencentLookup};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::args;
use crate::blocking;
use crate::control::PyTencentControl;
use crate::convert::{Settings, extra_ca_pem, json_to_py, method, optional_body, query_pairs, record_to_py};
use crate::errors::{IntoPyResult, invalid};
use crate::prepared::{PyPreparedRequest, py_repr};
use crate::results::PyTencentParticipant;
use crate::tencent_user::PyTencentUser;

/// A Tencent Meeting (腾讯会议) client: every in-meeting control operation, the participant list,
/// and any other endpoint, signed.
///
/// ``TencentClient(app_id=..., secret_id=..., secret_key=...)`` authenticates as an enterprise
/// self-built app (AK/SK, every request signed); :meth:`TencentClient.oauth` as an OAuth 2.0 app.
/// ``base_url`` replaces the public endpoint (private deployments, the emulator; plain ``http://``
/// only to a loopback host unless ``allow_insecure_http=True``); ``timeout`` bounds each whole call,
/// retries and token fetches included, in seconds from 0.001 to 3600 (default 60, as in every
/// binding; ``None`` is the default too: 10 s to connect, 30 s to read, 60 s in all; anything else
/// raises :class:`meetctl.InvalidArgument` naming ``timeout`` here). Keyword-only extras:
/// ``proxy`` (``None``/``True``: from ``HTTPS_PROXY`` and friends, ``False``: none, or a proxy
/// URL), ``extra_ca_pem`` (extra trusted CA certificates, PEM ``str`` or ``bytes``; ``ca_pem``,
/// its deprecated old name, still works for one release and warns), ``allow_insecure_http`` and
/// ``max_attempts`` (1 to 10, default 3: how often an exchange is tried when the connection could
/// not be made, the server answers 408, 429 after its ``Retry-After``, 502, 503 or 504, or a
/// ``GET`` lost its connection; 1: no retries).
///
/// Each named method (:meth:`set_cohost`, :meth:`kick_out`, :meth:`set_meeting_status`, …) is
/// :meth:`call` with the :class:`TencentControl` it builds; :meth:`prepare` signs a control without
/// sending it.
///
/// Safe to share between threads; every call releases the GIL and connections are pooled (a
/// process made by ``os.fork()`` starts its own pool). Ctrl-C interrupts a call waiting on the
/// main thread within about 50 ms: the ``KeyboardInterrupt`` notes that the operation may or may
/// not have taken effect, and the request completes or times out in the background.
/// ``repr()`` never shows the secret key or the access token. Bad arguments raise
/// :class:`meetctl.InvalidArgument` before anything is sent: the ids and users here, the
/// operation's named arguments (``nick_name``, ``allow_chat``, …) against its table, naming the
/// argument; values of the wrong Python type for ids and users raise ``TypeError``.
#[pyclass(frozen, module = "meetctl._meetctl", name = "TencentClient")]
pub(crate) struct PyTencentClient {
    pub(crate) client: TencentClient,
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

    /// Sends `call` with the GIL released, interruptible on the main thread (`blocking::run`:
    /// the call is owned, it may outlive an interrupted wait); the JSON answer as Python values.
    fn send_call(&self, py: Python<'_>, call: impl TencentCall + Send + 'static) -> PyResult<Py<PyAny>> {
        let client = self.client.clone();
        let answer = blocking::run(py, move || client.call(&call))?.into_py_result(py)?;
        Ok(json_to_py(py, &answer)?.unbind())
    }

    /// Signs `call` with the GIL released (nothing is sent: it cannot block on the network).
    fn prepare_call(&self, py: Python<'_>, call: &(impl TencentCall + Sync)) -> PyResult<PyPreparedRequest> {
        py.detach(|| self.client.prepare(call)).into_py_result(py).map(PyPreparedRequest::from)
    }
}

/// A `TencentUser` argument.
type User<'a, 'py> = &'a Bound<'py, PyTencentUser>;

/// The lookup called `name`; an `InvalidArgument` naming `lookup` for anything else.
fn lookup(py: Python<'_>, name: &str) -> PyResult<TencentLookup> {
    TencentLookup::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = TencentLookup::ALL.iter().map(|l| l.name()).collect();
        invalid(py, "lookup", format!("{name:?} is not a Tencent lookup (one of {})", names.join(", ")))
    })
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
        signature = (app_id, secret_id, secret_key, sdk_id=None, base_url=None, timeout=None, *, proxy=None, extra_ca_pem=None, allow_insecure_http=false, max_attempts=None, ca_pem=None),
        text_signature = "(app_id, secret_id, secret_key, sdk_id=None, base_url=None, timeout=60.0, *, proxy=None, extra_ca_pem=None, allow_insecure_http=False, max_attempts=3)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        app_id: &str,
        secret_id: &str,
        secret_key: &str,
        sdk_id: Option<String>,
        base_url: Option<String>,
        timeout: Option<&Bound<'_, PyAny>>,
        proxy: Option<&Bound<'_, PyAny>>,
        extra_ca_pem: Option<&Bound<'_, PyAny>>,
        allow_insecure_http: bool,
        max_attempts: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let extra_ca_pem = self::extra_ca_pem(py, extra_ca_pem, ca_pem)?;
        let credentials = TencentCredentials::enterprise(app_id, secret_id, secret_key, sdk_id);
        let settings = Settings { base_url, timeout, proxy, extra_ca_pem, allow_insecure_http, max_attempts };
        Self::build(py, credentials, settings, "enterprise", app_id)
    }

    /// A client for an OAuth 2.0 app acting for the user ``open_id`` with ``access_token``.
    ///
    /// The co-host API does not accept OAuth 2.0 (:class:`meetctl.InvalidArgument`, ``field ==
    /// "credentials"``); closing video needs the ``MANAGE_MEETING`` scope.
    #[staticmethod]
    #[pyo3(
        signature = (open_id, access_token, base_url=None, timeout=None, *, proxy=None, extra_ca_pem=None, allow_insecure_http=false, max_attempts=None, ca_pem=None),
        text_signature = "(open_id, access_token, base_url=None, timeout=60.0, *, proxy=None, extra_ca_pem=None, allow_insecure_http=False, max_attempts=3)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn oauth(
        py: Python<'_>,
        open_id: &str,
        access_token: &str,
        base_url: Option<String>,
        timeout: Option<&Bound<'_, PyAny>>,
        proxy: Option<&Bound<'_, PyAny>>,
        extra_ca_pem: Option<&Bound<'_, PyAny>>,
        allow_insecure_http: bool,
        max_attempts: Option<&Bound<'_, PyAny>>,
        ca_pem: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let extra_ca_pem = self::extra_ca_pem(py, extra_ca_pem, ca_pem)?;
        let credentials = TencentCredentials::oauth(open_id, access_token);
        let settings = Settings { base_url, timeout, proxy, extra_ca_pem, allow_insecure_http, max_attempts };
        Self::build(py, credentials, settings, "oauth", open_id)
    }

    /// Sends ``control`` (a :class:`TencentControl`) and returns the JSON answer (``{}`` for the
    /// control operations, the page for ``"participants"``, ``None`` when empty). Every named
    /// method is this call with the control it builds.
    #[pyo3(signature = (control))]
    fn call(&self, py: Python<'_>, control: &Bound<'_, PyTencentControl>) -> PyResult<Py<PyAny>> {
        self.send_call(py, control.get().inner.clone())
    }

    /// ``control`` (a :class:`TencentControl`) validated and signed, not sent: the same method,
    /// URL, headers and body :meth:`call` would send, with a one-time nonce.
    #[pyo3(signature = (control))]
    fn prepare(&self, py: Python<'_>, control: &Bound<'_, PyTencentControl>) -> PyResult<PyPreparedRequest> {
        self.prepare_call(py, &control.get().inner)
    }

    /// Everyone in the meeting now, every page fetched (50 a page), as a list of
    /// :class:`TencentParticipant`. ``operator`` by ``userid`` or ``open_id`` (an ``open_id`` is
    /// the OAuth 2.0 client's own). A recurring meeting's listing needs its ``occurrence`` (the
    /// vendor's ``sub_meeting_id``, as :meth:`find` or :attr:`Meeting.occurrence` gives it).
    #[pyo3(signature = (meeting_id, operator, *, occurrence=None))]
    fn participants(
        &self,
        py: Python<'_>,
        meeting_id: &str,
        operator: User<'_, '_>,
        occurrence: Option<String>,
    ) -> PyResult<Vec<PyTencentParticipant>> {
        let (client, meeting_id, operator) =
            (self.client.clone(), meeting_id.to_owned(), operator.get().inner.clone());
        let list =
            blocking::run(py, move || client.participants_of(&meeting_id, occurrence.as_deref(), &operator))?
                .into_py_result(py)?;
        Ok(list.into_iter().map(PyTencentParticipant::from).collect())
    }

    /// Every lookup's name (``"meetings_by_code"``, ``"meeting"``, ``"room_meetings"``,
    /// ``"waiting_room"``, ``"attendance"``), in the order of their stable numbers: what
    /// :meth:`lookup` takes.
    #[classattr]
    #[pyo3(name = "LOOKUPS")]
    fn lookups(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        Ok(PyTuple::new(py, TencentLookup::ALL.iter().map(|l| l.name()))?.unbind())
    }

    /// Runs the lookup called ``name`` (one of :attr:`LOOKUPS`), every page of it, and returns
    /// the answer as plain values: a ``list`` of ``dict`` records for a lookup that answers many,
    /// else the one record as a ``dict``. Nothing is changed on the server.
    ///
    /// ``operator`` (a :class:`TencentUser` by ``userid`` or, with OAuth 2.0, the client's own
    /// ``open_id``) is who asks, for every lookup but ``"room_meetings"``, which takes none.
    /// ``args`` maps the lookup's argument names to values (``{"meeting_id": …, "page_size":
    /// 2}``; ``None`` = not given). An unknown ``name`` raises :class:`InvalidArgument` with
    /// ``field == "lookup"``; bad arguments raise it naming the argument, before anything is sent.
    /// The named lookup methods (:meth:`meetings_by_code`, :meth:`attendance`, …) are this call.
    #[pyo3(signature = (name, operator=None, args=None))]
    fn lookup(
        &self,
        py: Python<'_>,
        name: &str,
        operator: Option<User<'_, '_>>,
        args: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let lookup = self::lookup(py, name)?;
        let args = args::from_mapping(py, args)?;
        let (client, operator) = (self.client.clone(), operator.map(|o| o.get().inner.clone()));
        let answer =
            blocking::run(py, move || client.lookup(lookup, operator.as_ref(), &args))?.into_py_result(py)?;
        Ok(json_to_py(py, &answer)?.unbind())
    }

    /// The meeting a meeting code means, as a ``dict`` (``meeting_id``, ``occurrence``,
    /// ``subject``, ``start_time``, ``end_time``, ``in_progress``), by the one rule every binding
    /// follows: the only meeting with the code; else the one in progress; else the one whose
    /// scheduled time contains now (this machine's clock); else :class:`Ambiguous`, whose
    /// ``candidates`` lists them. :class:`NotFound` when no meeting of this app has the code (a
    /// meeting of another company's app is not shown to it).
    ///
    /// ``code_or_link`` is the code as people type it (``"806 724 161"``, ``"806-724-161"``) or a
    /// join link that carries it; a link without a code raises :class:`InvalidArgument` with
    /// ``field == "code"`` before anything is sent. ``operator`` is a user of the app (``userid``,
    /// or with OAuth 2.0 the client's own ``open_id``). For a recurring meeting ``occurrence`` is
    /// the occurrence chosen (its ``sub_meeting_id``).
    #[pyo3(signature = (code_or_link, operator))]
    fn find(&self, py: Python<'_>, code_or_link: &str, operator: User<'_, '_>) -> PyResult<Py<PyAny>> {
        let (client, code, operator) =
            (self.client.clone(), code_or_link.to_owned(), operator.get().inner.clone());
        let found = blocking::run(py, move || client.find(&code, &operator))?.into_py_result(py)?;
        Ok(record_to_py(py, serde_json::to_value(&found))?.unbind())
    }

    /// What ``meetctl.doctor`` checks of this client, as a plain dict (``meetctl.doctor`` reads it
    /// into a :class:`DoctorReport`): the route and proxy, DNS, reaching the host, TLS, the clock
    /// against the server's ``Date``, and whether the credentials are accepted, with one read-only
    /// meeting lookup asked by ``operator`` (a user of the app; without one, a user id no one has).
    #[pyo3(signature = (operator=None))]
    fn doctor_raw(&self, py: Python<'_>, operator: Option<User<'_, '_>>) -> PyResult<Py<PyAny>> {
        let (client, operator) = (self.client.clone(), operator.map(|o| o.get().inner.clone()));
        let report = blocking::run(py, move || {
            Ok::<_, meetctl::Error>(meetctl::doctor::check_tencent(&client, operator.as_ref()))
        })?
        .into_py_result(py)?;
        Ok(record_to_py(py, serde_json::to_value(&report))?.unbind())
    }

    /// The meeting-scoped open id (``ms_open_id``) of ``user`` (by ``userid`` or ``open_id``) in
    /// meeting ``meeting_id``.
    #[pyo3(signature = (meeting_id, user))]
    fn ms_open_id(&self, py: Python<'_>, meeting_id: &str, user: User<'_, '_>) -> PyResult<String> {
        let (client, meeting_id, user) =
            (self.client.clone(), meeting_id.to_owned(), user.get().inner.clone());
        blocking::run(py, move || client.ms_open_id(&meeting_id, &user))?.into_py_result(py)
    }

    /// Calls a meeting room (Rooms) or a SIP/H.323 device into meeting ``meeting_id`` (``PUT
    /// /v1/meeting-rooms/room-call``) and returns the call's ``invite_id`` (for
    /// :meth:`cancel_room_call`). Exactly one of ``meeting_room_id``, ``sip_address`` and
    /// ``h323_address`` says what is called; ``operator`` by ``userid``; enterprise credentials
    /// only. Not repeated on a doubtful failure (a gateway timeout): each call rings the room.
    #[pyo3(signature = (meeting_id, operator, *, meeting_room_id=None, sip_address=None, h323_address=None))]
    fn room_call(
        &self,
        py: Python<'_>,
        meeting_id: &str,
        operator: User<'_, '_>,
        meeting_room_id: Option<String>,
        sip_address: Option<String>,
        h323_address: Option<String>,
    ) -> PyResult<String> {
        let (client, meeting_id, operator) =
            (self.client.clone(), meeting_id.to_owned(), operator.get().inner.clone());
        let args = room_args(meeting_room_id, sip_address, h323_address);
        blocking::run(py, move || client.room_call(&meeting_id, &operator, args))?.into_py_result(py)
    }

    /// How the room or device (named as for :meth:`room_call`) answered the meeting's call
    /// (``POST /v1/meeting-rooms/room-call-info``), as a :class:`TencentRoomCallInfo`: ``status``
    /// (the vendor's number: 0 no answer within 60 s, 1 not called, 2 in the meeting, 3 refused,
    /// 4 ringing, 5 cancelled, 6 left), ``status_name`` (``"no_answer"``, ``"not_called"``,
    /// ``"in_meeting"``, ``"refused"``, ``"ringing"``, ``"cancelled"``, ``"left"``) and
    /// ``response_time`` (the last answer's time as the vendor writes it; ``""`` when none).
    #[pyo3(signature = (meeting_id, operator, *, meeting_room_id=None, sip_address=None, h323_address=None))]
    fn room_call_info(
        &self,
        py: Python<'_>,
        meeting_id: &str,
        operator: User<'_, '_>,
        meeting_room_id: Option<String>,
        sip_address: Option<String>,
        h323_address: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        let (client, meeting_id, operator) =
            (self.client.clone(), meeting_id.to_owned(), operator.get().inner.clone());
        let args = room_args(meeting_room_id, sip_address, h323_address);
        let info = blocking::run(py, move || client.room_call_info(&meeting_id, &operator, args))?
            .into_py_result(py)?;
        let value = crate::convert::record_to_py(py, serde_json::to_value(&info))?;
        let record = py.import("meetctl._records")?.getattr("TencentRoomCallInfo")?;
        Ok(record.call_method1("_from_value", (value,))?.unbind())
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
        self.send_call(py, call)
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
        self.prepare_call(py, &call)
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

/// The room-call arguments given (`None` = not given), as the core takes them.
fn room_args(
    meeting_room_id: Option<String>,
    sip_address: Option<String>,
    h323_address: Option<String>,
) -> meetctl::Args {
    meetctl::Args::new()
        .with_opt("meeting_room_id", meeting_room_id)
        .with_opt("sip_address", sip_address)
        .with_opt("h323_address", h323_address)
}
