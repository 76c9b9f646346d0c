"""meetctl: drive live Tencent Meeting and Huawei Cloud Meeting sessions.

Co-hosts, mute, video, removal, renaming, the waiting room, meeting settings, ending a meeting,
the host role and the participant list, through the vendors' REST APIs with their signatures and
tokens handled for you. A thin layer over the meetctl Rust core: typed, validated requests (bad
input raises :class:`InvalidArgument` before anything is sent), pooled and time-bounded HTTPS,
and exceptions whose class says what to do next.

::

    import meetctl

    tc = meetctl.TencentClient(app_id="210000001", secret_id="AKID...", secret_key="...")
    op = meetctl.TencentUser(ms_open_id="afagsagwags", instance=meetctl.Instance.IOS)
    who = meetctl.TencentUser(ms_open_id="agaqwwgdkkddd", instance=meetctl.Instance.MAC)
    tc.set_cohost("1242152152161", operator=op, user=who)
    tc.kick_out("1242152152161", op, [who], allow_rejoin=False)
    alice = meetctl.TencentUser(userid="alice", instance=meetctl.Instance.PC)
    for p in tc.participants("1242152152161", operator=alice):   # TencentParticipant
        print(p.user_name, p.role, p.audio_muted)

    hw = meetctl.HuaweiClient(region="cn-north-4")
    conf = hw.conference("914083136", password="157599")
    conf.apply_host("d2c3ae64216e11eabc510dc9b62e3a80", chairman_password="157599")
    conf.mute_all(allow_unmute_by_self=False)
    print(conf.info().host_id)                                    # HuaweiConferenceInfo

Every operation is also a value: :class:`TencentControl` and :class:`HuaweiConferenceControl` name
it (``"kick_out"``, ``"mute_all"``, …) with its targets and named arguments, and one
``call(control)`` sends it, one ``prepare(control)`` signs it without sending it (for your own
HTTP client). The named methods are exactly that call::

    control = meetctl.TencentControl("set_cohost", "1242152152161", op, [who])
    req = tc.prepare(control)          # req.method, req.url, req.headers, req.body
    conf.call(meetctl.HuaweiConferenceControl("extend", minutes=30))

One meeting, either vendor: :class:`Meeting` wraps a Tencent meeting or a Huawei conference and
offers the same calls for both, on :class:`Participant` objects with opaque ids. An operation a
vendor cannot do raises :class:`Unsupported` before anything is sent::

    def mute_everyone_but_the_host_then_end(meeting: meetctl.Meeting) -> None:
        for p in meeting.participants():
            if p.role != "host" and p.controllable and p.audio_muted is not True:
                meeting.mute(p)
        meeting.end()

    alice = meetctl.TencentUser(userid="alice", instance=meetctl.Instance.IOS)
    mute_everyone_but_the_host_then_end(meetctl.Meeting.tencent(tc, "1242152152161", alice))
    mute_everyone_but_the_host_then_end(meetctl.Meeting.huawei(conf))

Find a meeting from what a person has, and look things up (a lookup changes nothing)::

    m = meetctl.Meeting.find_tencent(tc, "806 724 161", alice)     # a code as typed, or a join link
    print(m.id, m.occurrence, len(m.participants()))
    room = meetctl.Meeting.find_huawei_by_number(hw_account, "sip:room-8f@meeting.example.com")
    stays = tc.lookup("attendance", alice, {"meeting_id": m.id})   # every page, as plain dicts

Codes are reused and recurring meetings repeat, so one rule picks what a code means: the only
meeting with it, else the one in progress, else the one scheduled now; otherwise
:class:`Ambiguous` lists the candidates (``e.candidates``).

Watch a meeting, either vendor: :meth:`Meeting.watch` keeps everyone in it current
(:meth:`MeetingWatch.roster`) and yields each change as a :class:`MeetingEvent` (``"joined"``,
``"left"``, ``"changed"`` with the fields, ``"started"``, ``"ended"``, ``"gap"``, ``"other"``), the
participants already there first, as joins with ``origin == "initial"``. Tencent is polled
(``poll_interval``, 2 s per call by default) and, with a webhook ``receiver=``, also pushed;
:meth:`Meeting.events` is pushed only::

    with meeting.watch() as watch:                  # ends when the meeting does
        for event in watch:
            p = event.participant
            if event.kind == "joined" and event.origin != "initial" and p is not None and p.controllable:
                meeting.mute(p)                     # whoever joins from now on

See what happens in a Tencent meeting as it happens: :mod:`meetctl.webhooks` verifies and decodes
the vendor's webhooks in your own HTTP server (:class:`TencentWebhook`), or runs a receiver for
you (:class:`TencentReceiver`)::

    webhook = meetctl.TencentWebhook(token="...", aes_key="...")   # the subscription's
    with meetctl.TencentReceiver(webhook, "0.0.0.0", 8080) as receiver:
        for event in receiver.events_for(m.id):
            if event.kind == "meeting.participant-joined" and event.participant is not None:
                tc.kick_out(m.id, alice, [event.participant])

Huawei's enterprise webhooks are the same: :class:`HuaweiWebhook` (the subscriber id and key) in
your own server, or :class:`HuaweiReceiver`, giving :class:`HuaweiEvent` objects.

Clients, conference handles and meetings are safe to share between threads, and every call
releases the GIL. Ctrl-C reaches a call waiting on the main thread within about 50 ms and
cancels it (its connection is closed; the ``KeyboardInterrupt`` notes whether the operation may
have taken effect, or certainly did not because its request never went out). Each client retries what cannot have been processed
(``max_attempts=3``; ``1`` turns retrying off; every error says how many ``attempts`` it took), and
a process made by ``os.fork()`` starts its own connection pool and token state. Log records (one DEBUG record per HTTP exchange, never with a secret) go to the
``logging`` logger ``meetctl`` and its children. No ``repr()`` shows a secret.

Names follow ``docs/naming.md``. The old names it lists as deprecated (``meetctl.Conference``,
``meetctl.ConferenceControl``, ``TencentControl(users=…)``, ``TencentUser(openid=…)``,
``HuaweiClient.app_auth``, ``ca_pem=``, …) still work for one release and raise a
``DeprecationWarning``.
"""

# What `import meetctl` imports is kept small: `typing` is for type checkers only, `enum` waits for
# the first use of `Instance` (below), Python's `logging` for the first record the core logs.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._enums import Instance
from ._errors import (
    ApiError,
    AuthError,
    ConnectError,
    InvalidArgument,
    MalformedResponse,
    MeetctlError,
    NotFound,
    PermissionDenied,
    RateLimited,
    Timeout,
    TlsError,
    TransportError,
    Unsupported,
    Cancelled,
    Ambiguous,
)
from ._meetctl import (
    HuaweiClient,
    HuaweiConference,
    HuaweiConferenceControl,
    HuaweiConferenceInfo,
    HuaweiEvent,
    HuaweiParticipant,
    HuaweiReceiver,
    HuaweiWebhook,
    Meeting,
    MeetingEvent,
    MeetingWatch,
    Participant,
    PreparedRequest,
    TencentClient,
    TencentControl,
    TencentEvent,
    TencentParticipant,
    TencentReceiver,
    TencentUser,
    TencentWebhook,
    WebhookAnswer,
    __version__,
)

if TYPE_CHECKING:
    # The deprecated old names (docs/naming.md), for type checkers; at run time `__getattr__`
    # below hands them out with a DeprecationWarning.
    Conference = HuaweiConference
    ConferenceControl = HuaweiConferenceControl

from . import _errors
from ._doctor import doctor
from . import _huawei_operations, _lookups, _meeting_operations, _tencent_operations
# BEGIN GENERATED: builder imports (cargo run -p xtask -- codegen)
from ._tencent_operations import TencentPhoneCall
from ._tencent_operations import TencentPhoneNumber
from ._tencent_operations import TencentLayoutSeat
from ._tencent_operations import TencentLayoutPage
from ._tencent_operations import TencentLayout
from ._tencent_operations import TencentPolling
from ._tencent_operations import TencentSeatUser
from ._tencent_operations import TencentAdvancedSeat
from ._tencent_operations import TencentAdvancedPage
from ._tencent_operations import TencentAdvancedLayout
from ._tencent_operations import TencentLayoutUser
from ._huawei_operations import HuaweiAttendee
from ._huawei_operations import HuaweiAttendeeNumber
from ._huawei_operations import HuaweiGridPicture
from ._huawei_operations import HuaweiGrid
from ._huawei_operations import HuaweiPicture
from ._huawei_operations import HuaweiSavedPicture
from ._huawei_operations import HuaweiSavedLayout
from ._huawei_operations import HuaweiAiDigital
from ._huawei_operations import HuaweiInterpreter
from ._huawei_operations import HuaweiInterpreterGroup
# END GENERATED: builder imports
# BEGIN GENERATED: record imports (cargo run -p xtask -- codegen)
from ._records import (
    Candidate,
    DoctorCheck,
    DoctorReport,
    HuaweiCallNumberStatus,
    HuaweiConferenceDetails,
    HuaweiConferenceSummary,
    HuaweiInvitee,
    HuaweiLayout,
    HuaweiLayoutPicture,
    HuaweiManagementSiteStatus,
    HuaweiOnlineAttendee,
    HuaweiWebhookConfig,
    HuaweiWsToken,
    MeetingDetails,
    MeetingOccurrence,
    TencentAttendee,
    TencentMeetingInfo,
    TencentOccurrence,
    TencentRoomCallInfo,
    TencentWaitingMember,
)
# END GENERATED: record imports

# The named methods are generated Python over the native `call` / `control`; attach them once.
for _operations in (_tencent_operations, _huawei_operations, _meeting_operations, _lookups):
    _operations.install()
del _operations

__all__ = [
    "__version__",
    "doctor",
    # Tencent Meeting
    "TencentClient",
    "TencentUser",
    "Instance",
    "TencentControl",
    "TencentParticipant",
    # Tencent Meeting webhooks (also in meetctl.webhooks)
    "TencentWebhook",
    "WebhookAnswer",
    "TencentEvent",
    "TencentReceiver",
    # Huawei Cloud Meeting enterprise webhooks (also in meetctl.webhooks)
    "HuaweiWebhook",
    "HuaweiEvent",
    "HuaweiReceiver",
    # Huawei Cloud Meeting
    "HuaweiClient",
    "HuaweiConference",
    "HuaweiConferenceControl",
    "HuaweiConferenceInfo",
    "HuaweiParticipant",
    # The builders of list arguments.
    # BEGIN GENERATED: builder names (cargo run -p xtask -- codegen)
    "TencentPhoneCall",
    "TencentPhoneNumber",
    "TencentLayoutSeat",
    "TencentLayoutPage",
    "TencentLayout",
    "TencentPolling",
    "TencentSeatUser",
    "TencentAdvancedSeat",
    "TencentAdvancedPage",
    "TencentAdvancedLayout",
    "TencentLayoutUser",
    "HuaweiAttendee",
    "HuaweiAttendeeNumber",
    "HuaweiGridPicture",
    "HuaweiGrid",
    "HuaweiPicture",
    "HuaweiSavedPicture",
    "HuaweiSavedLayout",
    "HuaweiAiDigital",
    "HuaweiInterpreter",
    "HuaweiInterpreterGroup",
    # END GENERATED: builder names
    # What the lookups answer
    # BEGIN GENERATED: record names (cargo run -p xtask -- codegen)
    "TencentOccurrence",
    "TencentMeetingInfo",
    "TencentAttendee",
    "TencentWaitingMember",
    "TencentRoomCallInfo",
    "HuaweiConferenceSummary",
    "HuaweiInvitee",
    "HuaweiConferenceDetails",
    "HuaweiOnlineAttendee",
    "HuaweiCallNumberStatus",
    "HuaweiWsToken",
    "HuaweiWebhookConfig",
    "HuaweiLayoutPicture",
    "HuaweiLayout",
    "HuaweiManagementSiteStatus",
    "MeetingOccurrence",
    "MeetingDetails",
    "Candidate",
    "DoctorCheck",
    "DoctorReport",
    # END GENERATED: record names
    # Either vendor
    "Meeting",
    "Participant",
    "MeetingWatch",
    "MeetingEvent",
    # Both
    "PreparedRequest",
    # Errors (spelled out, not `+= _errors.__all__`: type checkers only see a literal list, and
    # `mypy --strict` would otherwise refuse `meetctl.InvalidArgument` as not exported)
    "MeetctlError",
    "InvalidArgument",
    "ApiError",
    "AuthError",
    "PermissionDenied",
    "NotFound",
    "RateLimited",
    "TransportError",
    "Timeout",
    "ConnectError",
    "TlsError",
    "MalformedResponse",
    "Unsupported",
    "Cancelled",
    "Ambiguous",
]

# Show the public home of the exceptions in tracebacks and reprs (`meetctl.NotFound`); `Instance`
# sets its own.
for _name in _errors.__all__:
    globals()[_name].__module__ = __name__
del _name

if not TYPE_CHECKING:
    # `meetctl.Instance` and `from meetctl import Instance` import `enum` on first use (PEP 562);
    # hidden from type checkers, which see the import above and no module `__getattr__`.
    # The deprecated old names of renamed classes (docs/naming.md, "Deprecated") are handed out
    # here too, with a DeprecationWarning at every use (never cached in the module).
    _RENAMED = {"Conference": "HuaweiConference", "ConferenceControl": "HuaweiConferenceControl"}

    def __getattr__(name: str) -> object:
        if name == "Instance":
            from ._enums import Instance

            globals()["Instance"] = Instance
            return Instance
        new = _RENAMED.get(name)
        if new is not None:
            import warnings

            warnings.warn(
                f"meetctl.{name} is deprecated and will be removed in the next release; use meetctl.{new}",
                DeprecationWarning,
                stacklevel=2,
            )
            return globals()[new]
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> "list[str]":
        return sorted({*globals(), "Instance"})


del TYPE_CHECKING
