"""Test your meeting automation offline, against ``meetctl-emulator``.

``meetctl-emulator`` is a local, stateful stand-in for the Tencent Meeting and Huawei Cloud
Meeting REST APIs: it checks signatures, tokens and permissions the way the real services do, and
keeps the meetings' state (who is muted, who is host, whether the meeting ended) for your tests to
read. Install its wheel next to meetctl's (from the directory of meetctl's wheels, DIST)::

    pip install --find-links DIST meetctl meetctl-emulator      # or: "meetctl[testing]"

then start one per test::

    from meetctl.testing import Emulator

    with Emulator() as emulator:                # the built-in demo scenario
        client = meetctl.HuaweiClient(base_url=emulator.base_url, proxy=False)
        ...
        assert emulator.state()["huawei"]["conferences"][0]["ended"]

With pytest, the ``meetctl_emulator`` fixture does the same (see ``meetctl._pytest_plugin``). The
scenario format, the demo scenario's credentials and the admin API are described in the project's
docs/emulator.md; docs/testing.md is the guide.

This module is pure Python (standard library only) and is not imported by ``import meetctl``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import threading
import urllib.error
import urllib.request
from types import TracebackType
from typing import Any, Dict, List, Mapping, Optional, Type, TypeVar, Union

__all__ = [
    "ENV_VAR",
    "Emulator",
    "EmulatorError",
    "EmulatorNotFound",
    "Scenario",
    "find_emulator",
]

#: The environment variable that names the emulator binary to use (checked before ``PATH``).
ENV_VAR = "MEETCTL_EMULATOR"

#: What :class:`Emulator` accepts as its scenario: the scenario JSON as a dict, the path of a
#: scenario file, or ``None`` for the built-in demo scenario.
Scenario = Union[Mapping[str, Any], str, os.PathLike[str], None]

_NAME = "meetctl-emulator"
_EXE = _NAME + (".exe" if os.name == "nt" else "")
_INSTALL_HINT = (
    f'install it with `pip install {_NAME}` (or `pip install "meetctl[testing]"`), '
    f"or set {ENV_VAR} to the path of a {_NAME} binary"
)
_E = TypeVar("_E", bound="Emulator")
# How much of the emulator's stderr an error message quotes (its end, where the reason is).
_STDERR_QUOTE = 4000


class EmulatorError(RuntimeError):
    """The emulator could not be started, has stopped, or refused an admin request."""


class EmulatorNotFound(EmulatorError, FileNotFoundError):
    """No ``meetctl-emulator`` binary was found; the message says what to install."""


def _script_dirs() -> List[str]:
    """Where pip puts the binary of the ``meetctl-emulator`` wheel for this interpreter, found
    even when the virtual environment is not activated: the scripts directory of the running
    interpreter, of its user scheme (``pip install --user``), and the ``bin`` directory beside
    the directory meetctl was installed into (``pip install --target DIR``)."""
    dirs = [sysconfig.get_path("scripts")]
    try:
        user_scheme = sysconfig.get_preferred_scheme("user")  # novermin: guarded below
    except AttributeError:  # Python < 3.10
        user_scheme = "nt_user" if os.name == "nt" else "posix_user"
    try:
        dirs.append(sysconfig.get_path("scripts", user_scheme))
    except KeyError:
        pass
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    dirs.append(os.path.join(package_parent, "bin"))
    unique: List[str] = []
    for d in dirs:
        if d and d not in unique:
            unique.append(d)
    return unique


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_emulator(binary: Union[str, os.PathLike[str], None] = None) -> str:
    """The path of the ``meetctl-emulator`` binary to run.

    Looked up in this order: ``binary`` when given; the environment variable
    ``MEETCTL_EMULATOR``; ``meetctl-emulator`` on ``PATH``; the scripts directory of the running
    interpreter, where the ``meetctl-emulator`` wheel installs it (so an environment that is not
    activated works too). A ``binary`` or ``MEETCTL_EMULATOR`` that names no executable file is
    an error, not skipped. Raises :class:`EmulatorNotFound`, saying what to install, when there
    is none.
    """
    if binary is not None:
        path = os.fspath(binary)
        if not isinstance(path, str):
            raise TypeError(f"binary must be a str or os.PathLike[str], not {type(binary).__name__}")
        if not _is_executable(path):
            raise EmulatorNotFound(f"{path!r} (the binary argument) is not an executable file")
        return path
    named = os.environ.get(ENV_VAR)
    if named:
        if not _is_executable(named):
            raise EmulatorNotFound(
                f"{ENV_VAR}={named!r} is not an executable file: set it to a {_NAME} binary, "
                f"or unset it and install the emulator with `pip install {_NAME}`"
            )
        return named
    on_path = shutil.which(_NAME)
    if on_path:
        return on_path
    dirs = _script_dirs()
    for d in dirs:
        candidate = os.path.join(d, _EXE)
        if _is_executable(candidate):
            return candidate
    raise EmulatorNotFound(
        f"{_NAME} was not found ({ENV_VAR} is not set, it is not on PATH, and not in "
        f"{', '.join(dirs)}): {_INSTALL_HINT}"
    )


def _check_str(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} must not be empty")
    return value


def _check_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    return value


class Emulator:
    """A running ``meetctl-emulator`` on a free loopback port, and its admin API.

    ``Emulator(scenario)`` starts the process and returns once it serves; ``stop()`` (or leaving
    the ``with`` block) stops it. Every instance is a separate process with its own state, so
    tests do not share meetings, tokens or faults.

    ``scenario``: the scenario JSON as a dict, the path of a scenario file, or ``None`` for the
    built-in demo scenario (docs/emulator.md lists its apps, passwords, meetings and people).
    ``binary``: the emulator to run (default: :func:`find_emulator`). ``tls=True`` serves HTTPS
    with a certificate from a CA made at start (``ca_pem``, ``ca_pem_path``; needs an emulator
    that accepts ``--tls``). ``verbose=True`` makes the emulator log every request (and why a
    signature failed) to its stderr, which :meth:`log` returns. ``startup_timeout``: seconds to
    wait for the emulator to serve before giving up (:class:`EmulatorError` with its stderr).

    If the Python process ends without ``stop()``, the emulator ends too: it exits when its
    standard input, a pipe from this process, is closed.
    """

    def __init__(
        self,
        scenario: Scenario = None,
        *,
        binary: Union[str, os.PathLike[str], None] = None,
        tls: bool = False,
        verbose: bool = False,
        startup_timeout: float = 30.0,
    ) -> None:
        if not isinstance(tls, bool):
            raise TypeError(f"tls must be a bool, not {type(tls).__name__}")
        if not isinstance(verbose, bool):
            raise TypeError(f"verbose must be a bool, not {type(verbose).__name__}")
        if isinstance(startup_timeout, bool) or not isinstance(startup_timeout, (int, float)):
            raise TypeError(f"startup_timeout must be a number of seconds, not {type(startup_timeout).__name__}")
        if not startup_timeout > 0:
            raise ValueError(f"startup_timeout must be positive, not {startup_timeout!r}")
        scenario_json: Optional[str] = None
        scenario_path: Optional[str] = None
        if scenario is None:
            pass
        elif isinstance(scenario, Mapping):
            try:
                scenario_json = json.dumps(scenario)
            except (TypeError, ValueError) as e:
                raise TypeError(f"scenario: the dict cannot be written as JSON: {e}") from None
        elif isinstance(scenario, (str, os.PathLike)):
            path = os.fspath(scenario)
            if not isinstance(path, str):
                raise TypeError("scenario: a path must be a str or os.PathLike[str], not bytes")
            if not os.path.isfile(path):
                raise FileNotFoundError(f"scenario file {path!r} does not exist")
            scenario_path = path
        else:
            raise TypeError(
                "scenario must be a dict (the scenario JSON), the path of a scenario file, or None "
                f"for the built-in demo scenario, not {type(scenario).__name__}"
            )
        self._binary = find_emulator(binary)
        self._tls = tls
        self._base_url = ""
        self._ca_pem_path: Optional[str] = None
        self._ca_pem: Optional[str] = None
        self._stopped = False
        # A private directory for the scenario written from a dict and the emulator's stderr.
        self._dir = tempfile.mkdtemp(prefix="meetctl-emulator-")
        self._stderr_path = os.path.join(self._dir, "stderr.log")
        if scenario_json is not None:
            scenario_path = os.path.join(self._dir, "scenario.json")
            with open(scenario_path, "w", encoding="utf-8") as f:
                f.write(scenario_json)
        args = [self._binary, "--listen", "127.0.0.1:0", "--exit-on-stdin-eof"]
        if scenario_path is not None:
            args += ["--scenario", scenario_path]
        if tls:
            args.append("--tls")
        if verbose:
            args.append("--verbose")
        try:
            # Append mode: the emulator's writes land at the end even while log() reads the file.
            with open(self._stderr_path, "ab") as stderr:
                self._process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)
        except OSError as e:
            shutil.rmtree(self._dir, ignore_errors=True)
            raise EmulatorError(f"cannot run {self._binary}: {e}") from e
        try:
            self._wait_until_serving(startup_timeout)
        except BaseException:
            self._shut_down()
            raise
        if scenario_json is not None and scenario_path is not None:
            # Read at startup; the file may hold credentials, so it does not outlive the need.
            os.remove(scenario_path)
        opener_handlers: List[urllib.request.BaseHandler] = [urllib.request.ProxyHandler({})]
        if self._ca_pem is not None:
            import ssl

            context = ssl.create_default_context(cadata=self._ca_pem)
            opener_handlers.append(urllib.request.HTTPSHandler(context=context))
        # The emulator is on loopback: never through a proxy from the environment.
        self._opener = urllib.request.build_opener(*opener_handlers)

    def _wait_until_serving(self, timeout: float) -> None:
        """Reads the URL line (and, with TLS, the CA line) the emulator prints once it serves."""
        stdout = self._process.stdout
        assert stdout is not None
        wanted = 2 if self._tls else 1
        lines: List[bytes] = []
        done = threading.Event()

        def read() -> None:
            try:
                for _ in range(wanted):
                    line = stdout.readline()
                    lines.append(line)
                    if not line.endswith(b"\n"):
                        break
            except (OSError, ValueError):
                pass
            finally:
                done.set()

        threading.Thread(target=read, name="meetctl-emulator-startup", daemon=True).start()
        if not done.wait(timeout):
            self._kill()
            raise EmulatorError(
                f"{self._binary} did not report its address within {timeout:g} s{self._stderr_quote()}"
            )
        if len(lines) < wanted or not all(line.endswith(b"\n") for line in lines):
            try:
                code = self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:  # closed its stdout but runs on
                self._kill()
                code = self._process.returncode
            unsupported = ""
            if self._tls and b"--tls" in self._read_stderr():
                unsupported = f" (this {_NAME} may not support --tls: `pip install -U {_NAME}`)"
            raise EmulatorError(
                f"{self._binary} exited with code {code} before serving{unsupported}{self._stderr_quote()}"
            )
        url = lines[0].decode("utf-8", "replace").strip()
        scheme = "https://" if self._tls else "http://"
        if not url.startswith(scheme):
            self._kill()
            raise EmulatorError(
                f"{self._binary} printed {url!r} where a {scheme}... base URL was expected: is it a {_NAME}?"
            )
        self._base_url = url
        if self._tls:
            ca = os.fsdecode(lines[1].rstrip(b"\r\n"))
            if not os.path.isfile(ca):
                self._kill()
                raise EmulatorError(f"{self._binary} named {ca!r} as its CA certificate, which is not a file")
            self._ca_pem_path = ca
            with open(ca, encoding="ascii") as f:
                self._ca_pem = f.read()

    def _read_stderr(self) -> bytes:
        try:
            with open(self._stderr_path, "rb") as f:
                return f.read()
        except OSError:
            return b""

    def _stderr_quote(self) -> str:
        text = self._read_stderr().decode("utf-8", "replace").strip()
        if not text:
            return " (it wrote nothing to stderr)"
        if len(text) > _STDERR_QUOTE:
            text = "..." + text[-_STDERR_QUOTE:]
        return f"; its stderr:\n{text}"

    def _kill(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()

    def _shut_down(self) -> None:
        """Ends the process (EOF on stdin, then SIGTERM, then SIGKILL) and removes the files."""
        process = self._process
        if process.stdin is not None:
            try:
                process.stdin.close()
            except OSError:
                pass
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout is not None:
            process.stdout.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    # ------------------------------------------------------------------ lifecycle

    def stop(self) -> None:
        """Stops the emulator and waits for it to exit; calling it again does nothing."""
        if self._stopped:
            return
        self._stopped = True
        self._shut_down()

    def __enter__(self: _E) -> _E:
        """The emulator itself (it is already serving)."""
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        """Stops the emulator."""
        self.stop()

    def __repr__(self) -> str:
        """Where it serves and whether it still runs (never the scenario, which holds secrets)."""
        if self._stopped:
            status = f"stopped (exit code {self._process.returncode})"
        elif self._process.poll() is not None:
            status = f"exited (exit code {self._process.returncode})"
        else:
            status = "running"
        tls = ", tls" if self._tls else ""
        return f"<meetctl.testing.Emulator {self._base_url} pid={self._process.pid} {status}{tls}>"

    @property
    def base_url(self) -> str:
        """Where it serves, e.g. ``http://127.0.0.1:40123`` (no trailing slash): pass it as
        ``base_url`` to the clients."""
        return self._base_url

    @property
    def ca_pem_path(self) -> Optional[str]:
        """With ``tls=True``: the path of the PEM file of the CA that signed the emulator's
        certificate, which the emulator removes when it stops (:attr:`ca_pem` has its contents);
        ``None`` otherwise."""
        return self._ca_pem_path

    @property
    def ca_pem(self) -> Optional[str]:
        """With ``tls=True``: the CA certificate itself (PEM text), read at start, ready for the
        clients' ``extra_ca_pem`` argument; ``None`` otherwise."""
        return self._ca_pem

    @property
    def binary(self) -> str:
        """The path of the emulator binary that runs."""
        return self._binary

    @property
    def pid(self) -> int:
        """The process id of the emulator."""
        return self._process.pid

    @property
    def running(self) -> bool:
        """Whether the emulator process is still running."""
        return not self._stopped and self._process.poll() is None

    def log(self) -> str:
        """What the emulator wrote to its stderr so far (with ``verbose=True``: a line per
        request). Empty once stopped."""
        return self._read_stderr().decode("utf-8", "replace")

    # ------------------------------------------------------------------ admin API

    def _admin(self, method: str, path: str, payload: Optional[Dict[str, Any]] = None) -> Any:
        """One request to the admin API (``/_emulator/...``); its JSON answer."""
        if not self.running:
            code = self._process.returncode
            raise EmulatorError(
                f"the emulator is not running ({'stopped' if self._stopped else f'exited with code {code}'})"
            )
        body = None if payload is None else json.dumps(payload).encode("utf-8")
        headers = {} if body is None else {"Content-Type": "application/json"}
        request = urllib.request.Request(self._base_url + path, data=body, headers=headers, method=method)
        try:
            with self._opener.open(request, timeout=30) as response:
                answer = response.read()
        except urllib.error.HTTPError as e:
            text = e.read().decode("utf-8", "replace")
            try:
                message = json.loads(text)["error"]
            except (ValueError, KeyError, TypeError):
                message = text[:500]
            raise EmulatorError(f"{method} {path}: HTTP {e.code}: {message}") from None
        except OSError as e:
            reason = getattr(e, "reason", e)
            raise EmulatorError(f"{method} {path}: cannot reach the emulator at {self._base_url}: {reason}") from e
        return json.loads(answer)

    def state(self) -> Dict[str, Any]:
        """The emulator's state: every meeting and conference with its participants and settings,
        the requests it served, pending faults and its clock (``GET /_emulator/state``; the JSON
        is described in docs/emulator.md)."""
        state: Dict[str, Any] = self._admin("GET", "/_emulator/state")
        return state

    def inject_fault(self, kind: str, **options: Any) -> Dict[str, Any]:
        """Queues a fault for the next matching requests and returns it as the emulator queued it.

        ``kind``: ``delay``, ``trickle``, ``status``, ``rate_limit``, ``reset``,
        ``reset_after_request``, ``reset_on_accept``, ``malformed``, ``oversized``,
        ``wrong_content_type`` or ``redirect``; ``options``: the fault's other JSON fields, e.g.
        ``status=503``, ``path_prefix="/v1/real-control"``, ``times=2`` (default 1; ``None``:
        until :meth:`clear_faults`), ``ms=200``, ``retry_after=3``, ``probability=0.1, seed=7``.
        An unknown kind or a bad field raises :class:`EmulatorError` with the emulator's reason.
        """
        fault: Dict[str, Any] = {"kind": _check_str("kind", kind)}
        fault.update(options)
        queued: Dict[str, Any] = self._admin("POST", "/_emulator/faults", fault)["queued"]
        return queued

    def clear_faults(self) -> None:
        """Drops every queued fault (``DELETE /_emulator/faults``)."""
        self._admin("DELETE", "/_emulator/faults")

    def advance_clock(self, seconds: int) -> int:
        """Moves the emulator's clock by ``seconds`` (negative: back), e.g. past a token's
        lifetime, and returns its new time (Unix seconds). Every expiry check uses this clock."""
        answer = self._admin("POST", "/_emulator/clock", {"advance_secs": _check_int("seconds", seconds)})
        now: int = answer["now"]
        return now

    def revoke_control_tokens(self, conference_id: str) -> int:
        """Invalidates every Huawei control token of a conference (the next control call with one
        is refused with 401, as when the vendor revokes it); returns how many there were."""
        payload = {"conference_id": _check_str("conference_id", conference_id)}
        revoked: int = self._admin("POST", "/_emulator/huawei/revoke-tokens", payload)["revoked"]
        return revoked

    def rejoin(self, meeting_id: str, ms_open_id: str, instanceid: int) -> None:
        """A Tencent participant leaves and joins again on device type ``instanceid``: the
        ms_open_id stays, the device changes, and one who was removed with rejoining allowed is
        back in the meeting."""
        payload = {
            "meeting_id": _check_str("meeting_id", meeting_id),
            "ms_open_id": _check_str("ms_open_id", ms_open_id),
            "instanceid": _check_int("instanceid", instanceid),
        }
        answer = self._admin("POST", "/_emulator/tencent/rejoin", payload)
        if answer != {"rejoined": True}:
            raise EmulatorError(f"rejoin: unexpected answer {answer!r}")


    # ------------------------------------------------------------------ Tencent webhooks

    def subscribe_tencent_webhook(
        self,
        url: str,
        token: str,
        *,
        app_id: str = "210000001",
        aes_key: Optional[str] = None,
        retry_delays_ms: Optional[List[int]] = None,
    ) -> Dict[str, Any]:
        """Subscribes ``url`` to Tencent app ``app_id``'s events, as the vendor's console does: the
        emulator checks the URL first (``GET ?check_str=…``, signed with ``token``; encrypted with
        ``aes_key``, an EncodingAESKey, when given) and then pushes every start, join, leave and end
        of the app's meetings, retrying a delivery that fails (``retry_delays_ms``, default
        1, 2 and 4 s). Returns the subscription, ``"verified"`` saying whether the URL check
        passed."""
        payload: Dict[str, Any] = {"url": _check_str("url", url), "token": _check_str("token", token)}
        if aes_key is not None:
            payload["aes_key"] = _check_str("aes_key", aes_key)
        if retry_delays_ms is not None:
            payload["retry_delays_ms"] = [_check_int("retry_delays_ms", d) for d in retry_delays_ms]
        path = f"/_emulator/tencent/apps/{_check_str('app_id', app_id)}/webhook"
        subscription: Dict[str, Any] = self._admin("PUT", path, payload)["subscription"]
        return subscription

    def tencent_join(
        self, meeting_id: str, ms_open_id: str, instanceid: int, *, userid: Optional[str] = None,
        name: Optional[str] = None
    ) -> None:
        """Someone joins Tencent meeting ``meeting_id`` (on device type ``instanceid``): it starts
        if it had not, and the subscribed app is told both."""
        payload: Dict[str, Any] = {
            "ms_open_id": _check_str("ms_open_id", ms_open_id),
            "instanceid": _check_int("instanceid", instanceid),
        }
        if userid is not None:
            payload["userid"] = _check_str("userid", userid)
        if name is not None:
            payload["name"] = _check_str("name", name)
        self._admin("POST", f"/_emulator/tencent/meetings/{_check_str('meeting_id', meeting_id)}/join", payload)

    def tencent_leave(self, meeting_id: str, ms_open_id: str) -> None:
        """Someone leaves Tencent meeting ``meeting_id``."""
        payload = {"ms_open_id": _check_str("ms_open_id", ms_open_id)}
        self._admin("POST", f"/_emulator/tencent/meetings/{_check_str('meeting_id', meeting_id)}/leave", payload)

    def tencent_end(self, meeting_id: str) -> None:
        """Tencent meeting ``meeting_id`` ends (everyone still in it leaves first)."""
        self._admin("POST", f"/_emulator/tencent/meetings/{_check_str('meeting_id', meeting_id)}/end", {})

    def tencent_answer_call(self, meeting_id: str, call_id: str, joins: bool = True) -> None:
        """A call Tencent meeting ``meeting_id`` made is answered: ``call_id`` is a room or SIP/H.323
        call's ``invite_id``, or a phone as ``"area-phone"`` (``"86-13800000009"``, with
        ``"-extension"`` when it has one). ``joins`` true joins it (listed as a participant from
        then on); false refuses it."""
        if not isinstance(joins, bool):
            raise TypeError("joins must be a bool")
        path = f"/_emulator/tencent/meetings/{_check_str('meeting_id', meeting_id)}/calls/answer"
        self._admin("POST", path, {"call_id": _check_str("call_id", call_id), "joins": joins})

    def wait_webhooks_idle(self, timeout: float = 20.0) -> bool:
        """Waits until every pushed event is delivered (or has failed its retries); ``False`` if
        that has not happened within ``timeout`` seconds."""
        ms = _check_int("timeout", int(timeout * 1000))
        try:
            answer = self._admin("GET", f"/_emulator/tencent/webhook/idle?timeout_ms={ms}")
        except EmulatorError:
            return False
        return bool(answer.get("idle"))

    # Huawei conferences, their control WebSockets and the enterprise webhook.

    def _huawei(self, conference_id: str, tail: str, payload: Optional[Dict[str, Any]] = None) -> Any:
        path = f"/_emulator/huawei/conferences/{_check_str('conference_id', conference_id)}/{tail}"
        return self._admin("POST", path, {} if payload is None else payload)

    def huawei_join(
        self,
        conference_id: str,
        name: str,
        *,
        number: Optional[str] = None,
        role: Optional[str] = None,
        muted: Optional[bool] = None,
        video: Optional[bool] = None,
    ) -> str:
        """Someone joins Huawei conference ``conference_id`` (it starts if it had not; ``role`` is
        ``"host"``, ``"cohost"`` or ``"attendee"``, the default). Returns the new participant's
        ``pid``, the id the control APIs, the WebSocket and the webhooks use."""
        payload: Dict[str, Any] = {"name": _check_str("name", name)}
        if number is not None:
            payload["number"] = _check_str("number", number)
        if role is not None:
            payload["role"] = _check_str("role", role)
        if muted is not None:
            payload["muted"] = bool(muted)
        if video is not None:
            payload["video"] = bool(video)
        pid: str = self._huawei(conference_id, "join", payload)["pid"]
        return pid

    def huawei_leave(self, conference_id: str, pid: str) -> None:
        """Participant ``pid`` leaves Huawei conference ``conference_id``."""
        self._huawei(conference_id, "leave", {"pid": _check_str("pid", pid)})

    def huawei_hand(self, conference_id: str, pid: str, raised: bool) -> None:
        """Participant ``pid`` raises (``raised=True``) or lowers a hand."""
        self._huawei(conference_id, "hand", {"pid": _check_str("pid", pid), "raised": bool(raised)})

    def huawei_speaker(self, conference_id: str, pid: Optional[str]) -> None:
        """Participant ``pid`` is now the speaker (``None``: nobody speaks)."""
        self._huawei(conference_id, "speaker", {"pid": None if pid is None else _check_str("pid", pid)})

    def huawei_start(self, conference_id: str) -> None:
        """Huawei conference ``conference_id`` starts."""
        self._huawei(conference_id, "start")

    def huawei_end(self, conference_id: str) -> None:
        """Huawei conference ``conference_id`` ends, as the ``stop`` API ends it: its sockets get
        ``state: "Destroyed"`` and close."""
        self._huawei(conference_id, "end")

    def huawei_crowd(self, conference_id: str, count: int) -> List[str]:
        """Adds ``count`` participants (``Guest 1`` .. ``Guest N``) to the conference; their pids."""
        pids: List[str] = self._huawei(conference_id, "crowd", {"count": _check_int("count", count)})["pids"]
        return pids

    def huawei_ws_drop(self, conference_id: str) -> None:
        """Drops every control WebSocket of the conference at once: no close frame."""
        self._huawei(conference_id, "ws/drop")

    def huawei_ws_heartbeats(self, conference_id: str, answer: bool) -> None:
        """Stops (``answer=False``) or resumes answering heartbeats; the sockets stay open."""
        self._huawei(conference_id, "ws/heartbeats", {"answer": bool(answer)})

    def huawei_ws_skip_version(self, conference_id: str) -> None:
        """The next increment on each socket of the conference skips one version number."""
        self._huawei(conference_id, "ws/skip-version")

    def huawei_ws_garbage(self, conference_id: str, kind: str, *, size: Optional[int] = None) -> None:
        """Each socket sends one garbage frame: ``kind`` ``"text"`` (not JSON), ``"binary"``, or
        ``"oversized"`` (a text frame of ``size`` bytes of valid JSON, default 1 MiB)."""
        payload: Dict[str, Any] = {"kind": _check_str("kind", kind)}
        if size is not None:
            payload["bytes"] = _check_int("size", size)
        self._huawei(conference_id, "ws/garbage", payload)

    def huawei_ws_refuse(self, conference_id: str, count: int) -> None:
        """The next ``count`` WebSocket connection attempts to the conference get 401."""
        self._huawei(conference_id, "ws/refuse", {"count": _check_int("count", count)})

    def huawei_ws_stats(self, conference_id: str) -> Dict[str, int]:
        """``{"connections", "open", "heartbeats"}`` of the conference's sockets."""
        path = f"/_emulator/huawei/conferences/{_check_str('conference_id', conference_id)}/ws"
        stats: Dict[str, int] = self._admin("GET", path)
        return stats

    def set_huawei_webhook(self, url: str, subscriber_id: str, subscriber_key: str) -> str:
        """Configures and enables the Huawei enterprise webhook without the ``meeting.verify``
        step (``url``: ``http://`` on loopback only); returns the configuration's id."""
        payload = {
            "url": _check_str("url", url),
            "subscriber_id": _check_str("subscriber_id", subscriber_id),
            "subscriber_key": _check_str("subscriber_key", subscriber_key),
        }
        config_id: str = self._admin("PUT", "/_emulator/huawei/webhook", payload)["id"]
        return config_id

    def wait_huawei_webhook_idle(self, timeout: float = 20.0) -> bool:
        """Waits until every Huawei webhook event is delivered (or has failed its retries);
        ``False`` if that has not happened within ``timeout`` seconds."""
        ms = _check_int("timeout", int(timeout * 1000))
        try:
            answer = self._admin("GET", f"/_emulator/huawei/webhook/idle?timeout_ms={ms}")
        except EmulatorError:
            return False
        return bool(answer.get("idle"))

# `python -m meetctl.testing`: where the emulator is found (or why not).
if __name__ == "__main__":
    try:
        print(find_emulator())
    except EmulatorNotFound as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
