"""The exceptions meetctl raises.

The compiled module picks the class from the core's error kind (never from message text) and
fills in the attributes. The text of an exception (``str(e)``) and its ``repr()`` never contain a
secret, token, signature or password.

::

    MeetctlError
    ├── InvalidArgument (also ValueError)          .field — nothing was sent
    ├── ApiError                                    .status .code .new_code .message .request_id
    │   ├── AuthError                               credentials, signature, timestamp, nonce, token
    │   ├── PermissionDenied                        e.g. the operator is not a host
    │   ├── NotFound                                meeting, conference or participant
    │   └── RateLimited                             .retry_after
    ├── TransportError
    │   ├── Timeout (also TimeoutError)
    │   ├── ConnectError (also ConnectionError)     refused, reset, DNS, proxy
    │   └── TlsError                                certificate not trusted, handshake failed
    ├── MalformedResponse                           an answer that could not be understood
    ├── Unsupported (also NotImplementedError)      .operation .vendor — nothing was sent
    ├── Cancelled                                   .request_may_have_been_sent
    └── Ambiguous                                   .candidates — a code means several meetings
"""

# `typing` is for type checkers only (the annotations that name it are strings, never evaluated):
# importing it would be most of the cost of `import meetctl`. mypy takes a name `TYPE_CHECKING` as
# true whatever defines it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, List, Optional
del TYPE_CHECKING

__all__ = [
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


class MeetctlError(Exception):
    """Root of every error meetctl raises.

    Attributes:
        kind: the core's error kind (``"invalid_argument"``, ``"auth"``, ``"not_found"``, …).
        message: a short description without the context ``str(e)`` adds.
        vendor: ``"tencent"`` or ``"huawei"`` when a server answered, or for :class:`Unsupported`
            the vendor that cannot do the operation; else ``None``.
        attempts: how many times the failing exchange was attempted (up to the client's
            ``max_attempts``: a connection that could not be made, 408, 429, 502, 503, 504 and a
            ``GET`` whose connection was lost are tried again); 0 when nothing was sent.
    """

    kind: str = "unknown"

    def __init__(
        self,
        text: str = "",
        *,
        message: "Optional[str]" = None,
        vendor: "Optional[str]" = None,
        kind: "Optional[str]" = None,
        attempts: int = 0,
    ) -> None:
        super().__init__(text)
        self.message: str = text if message is None else message
        self.vendor: "Optional[str]" = vendor
        self.attempts: int = attempts
        if kind is not None:
            self.kind = kind


class InvalidArgument(MeetctlError, ValueError):
    """An argument or setting is unusable; raised before anything is sent.

    Attributes:
        field: the argument at fault as you wrote it (``"meeting_id"``, ``"user.instance"``,
            ``"targets[1].instance"``, ``"timeout"``, …), never the vendor's wire key.
    """

    kind = "invalid_argument"

    def __init__(self, text: str = "", *, field: "Optional[str]" = None, **details: "Any") -> None:
        super().__init__(text, **details)
        self.field: "Optional[str]" = field


class ApiError(MeetctlError):
    """The server answered with an error.

    Attributes:
        status: the HTTP status code.
        code: the vendor's error code as text (``"9003"``, ``"MMC.111070005"``), if given.
        new_code: Tencent's ``new_error_code``, if given.
        message: the vendor's message (or ``"HTTP <status>"`` when it gave none).
        request_id: the request id the server gave (``X-Request-Id``), for support tickets.
    """

    kind = "api"

    def __init__(
        self,
        text: str = "",
        *,
        status: "Optional[int]" = None,
        code: "Optional[str]" = None,
        new_code: "Optional[str]" = None,
        request_id: "Optional[str]" = None,
        **details: "Any",
    ) -> None:
        super().__init__(text, **details)
        self.status: "Optional[int]" = status
        self.code: "Optional[str]" = code
        self.new_code: "Optional[str]" = new_code
        self.request_id: "Optional[str]" = request_id


class AuthError(ApiError):
    """The server rejected the credentials, signature, timestamp, nonce or token."""

    kind = "auth"


class PermissionDenied(ApiError):
    """Authenticated, but not allowed to do this (e.g. the operator is not a host or co-host)."""

    kind = "permission_denied"


class NotFound(ApiError):
    """The meeting, conference or participant does not exist."""

    kind = "not_found"


class RateLimited(ApiError):
    """Too many requests.

    Attributes:
        retry_after: seconds the server asked to wait (``Retry-After``), or ``None``.
    """

    kind = "rate_limited"

    def __init__(self, text: str = "", *, retry_after: "Optional[float]" = None, **details: "Any") -> None:
        super().__init__(text, **details)
        self.retry_after: "Optional[float]" = retry_after


class TransportError(MeetctlError):
    """The request did not complete: no answer was received."""

    kind = "transport"


class Timeout(TransportError, TimeoutError):
    """The call did not complete within the client's ``timeout``."""

    kind = "timeout"


class ConnectError(TransportError, ConnectionError):
    """The connection could not be made or was lost (refused, reset, DNS, proxy)."""

    kind = "connection"


class TlsError(TransportError):
    """TLS failed: the certificate is not trusted or the handshake failed."""

    kind = "tls"


class MalformedResponse(MeetctlError):
    """The server's answer could not be understood (bad JSON, too large, not HTTP).

    Not an :class:`ApiError`: there is no vendor error to read. It may have been sent after the
    server acted on the request.
    """

    kind = "malformed_response"


class Unsupported(MeetctlError, NotImplementedError):
    """The meeting's vendor cannot do this operation (e.g. make someone host on Tencent Meeting);
    raised before anything is sent. :meth:`Meeting.capabilities` says what a meeting can do.

    Attributes:
        operation: the :class:`Meeting` operation's name (``"make_host"``), or ``None``.
        vendor: the vendor that cannot do it (``"tencent"`` or ``"huawei"``).
    """

    kind = "unsupported"

    def __init__(self, text: str = "", *, operation: "Optional[str]" = None, **details: "Any") -> None:
        super().__init__(text, **details)
        self.operation: "Optional[str]" = operation


class Cancelled(MeetctlError):
    """The call was cancelled while it waited (error kind 12). Ctrl-C on the main thread raises
    ``KeyboardInterrupt`` itself, with a note saying whether the operation may have taken effect;
    this class is the same outcome for a cancel that is not a signal.

    Attributes:
        request_may_have_been_sent: ``False`` when the request certainly never went out (nothing
            was done); ``True`` when the operation may have taken effect.
    """

    kind = "cancelled"

    def __init__(self, text: str = "", *, request_may_have_been_sent: bool = True, **details: "Any") -> None:
        super().__init__(text, **details)
        self.request_may_have_been_sent: bool = request_may_have_been_sent


class Ambiguous(MeetctlError):
    """What was looked up (a meeting code, by :meth:`TencentClient.find` or
    :meth:`Meeting.find_tencent`) means several meetings and the rule could not pick one (error
    kind 13): none is in progress and the scheduled time of none, or of several, contains now.
    Nothing was changed. Pick one from ``candidates`` and use its ``meeting_id`` (and
    ``occurrence``) with :meth:`Meeting.tencent`.

    Attributes:
        candidates: the meetings it may mean, in the vendor's order, each a ``dict`` with
            ``meeting_id`` (str), ``occurrence`` (the ``sub_meeting_id`` of a recurring meeting's
            occurrence, or ``None``), ``subject``, ``start_time`` and ``end_time`` (Unix seconds,
            or ``None``) and ``in_progress`` (bool).
    """

    kind = "ambiguous"

    def __init__(
        self, text: str = "", *, candidates: "Optional[List[Dict[str, Any]]]" = None, **details: "Any"
    ) -> None:
        super().__init__(text, **details)
        self.candidates: "List[Dict[str, Any]]" = list(candidates or [])
