"""Shared fixtures: a fresh emulator per test (meetctl.testing.Emulator: a subprocess on an
ephemeral loopback port), clients pointed at it, and helpers that read its state."""

import json
import os
import socket
import threading
import urllib.error
import urllib.request
from pathlib import Path
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List, NamedTuple, Optional, Tuple

import pytest

import meetctl
import meetctl.testing
from meetctl.testing import EmulatorNotFound, find_emulator

REPO = Path(__file__).resolve().parents[2]
DEMO_SCENARIO = REPO / "crates" / "meetctl-emulator" / "scenarios" / "demo.json"

# The demo scenario's data (docs/emulator.md).
MEETING = "1242152152161"
OAUTH_MEETING = "1242152152162"
SDK_MEETING = "1242152152163"
APP_ID = "210000001"
SECRET_ID = "AKIDdemo0001"
SECRET_KEY = "demo-secret-key-0001"
SDK_APP_ID = "210000002"
SDK_SECRET_ID = "AKIDdemo0002"
SDK_SECRET_KEY = "demo-secret-key-0002"
SDK_ID = "20002"
OAUTH_OPEN_ID = "oauth-open-id-1"
OAUTH_TOKEN = "demo-oauth-token-1"
NOSCOPE_OPEN_ID = "oauth-open-id-2"
NOSCOPE_TOKEN = "demo-oauth-token-2"

CONF = "914083136"
CONF_NOT_STARTED = "914083137"
HOST_PWD = "157599"
GUEST_PWD = "246810"
FIRST_HOST = "d2c3ae64216e11eabc510dc9b62e3a80"
PARTICIPANT = "a1b2c3d4e5f611eabc510dc9b62e3a81"  # Bob
CAROL = "c3d4e5f6a7b811eabc510dc9b62e3a82"  # muted
DORA = "p-dora"  # co-host, number +8613800000004
EVAN = "p-evan"  # hand raised, video off
FAY = "p-fay"  # waiting room
GUS = "p-gus"  # waiting room
HW_APP_ID = "demoappid0001"
HW_APP_KEY = "demo-app-key-0001"
HW_ACCOUNT = "demo-account"
HW_PASSWORD = "Demo@Passw0rd"

ROLE_PATH = "/v1/mmc/control/conferences/participants/role"
MUTE_PATH = "/v1/mmc/control/conferences/participants/mute"
TOKEN_PATH = "/v1/mmc/control/conferences/token"

# Never send the loopback traffic of the tests through a proxy from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def emulator_binary() -> str:
    """The emulator the tests run: meetctl.testing's lookup (the `meetctl-emulator` wheel, or
    $MEETCTL_EMULATOR), else, in a source checkout, the one `cargo build -p meetctl-emulator`
    made."""
    try:
        return find_emulator()
    except EmulatorNotFound:
        built = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target")) / "debug" / "meetctl-emulator"
        if built.is_file():
            return str(built)
        raise


def http(
    method: str,
    url: str,
    body: Optional[bytes] = None,
    headers: Optional[Dict[str, str]] = None,
) -> Tuple[int, bytes]:
    """One HTTP exchange with urllib; any status is returned, not raised."""
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with _OPENER.open(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def send_prepared(prepared: "meetctl.PreparedRequest") -> Tuple[int, bytes]:
    """Sends a PreparedRequest with urllib: another HTTP stack than meetctl's."""
    return http(prepared.method, prepared.url, prepared.body or None, prepared.headers)


class Emulator(meetctl.testing.Emulator):
    """meetctl.testing.Emulator (the process and its admin API) with the names these tests use
    and helpers that find things in its state."""

    def __init__(self, scenario: Path) -> None:
        super().__init__(scenario, binary=emulator_binary())

    @property
    def url(self) -> str:
        return self.base_url

    def fault(self, **fault: Any) -> None:
        """Queues a fault: fault(kind="delay", ms=200, times=8, path_prefix="/v1/...")."""
        self.inject_fault(fault.pop("kind"), **fault)

    def tencent_rejoin(self, meeting_id: str, ms_open_id: str, instanceid: int) -> None:
        """A Tencent participant leaves and joins again on device `instanceid` (ms_open_id kept)."""
        self.rejoin(meeting_id, ms_open_id, instanceid)

    def revoke_tokens(self, conference_id: str) -> int:
        return self.revoke_control_tokens(conference_id)

    # ------------------------------------------------------------------ state helpers

    def request_count(self) -> int:
        return self.state()["request_count"]  # type: ignore[no-any-return]

    def participant(self, meeting_id: str, any_id: str) -> Dict[str, Any]:
        """A Tencent participant, found by any of its ids."""
        for meeting in self.state()["tencent"]["meetings"]:
            if meeting["meeting_id"] == meeting_id:
                for p in meeting["participants"]:
                    if any_id in (p["ms_open_id"], p["uuid"], p["openid"], p["userid"]):
                        return p  # type: ignore[no-any-return]
        raise KeyError((meeting_id, any_id))

    def conference(self, conference_id: str) -> Dict[str, Any]:
        for conf in self.state()["huawei"]["conferences"]:
            if conf["conference_id"] == conference_id:
                return conf  # type: ignore[no-any-return]
        raise KeyError(conference_id)

    def huawei_participant(self, conference_id: str, participant_id: str) -> Dict[str, Any]:
        for p in self.conference(conference_id)["participants"]:
            if p["participant_id"] == participant_id:
                return p  # type: ignore[no-any-return]
        raise KeyError(participant_id)

    def meeting(self, meeting_id: str) -> Dict[str, Any]:
        """A Tencent meeting's state (settings, ended, dismissal, participants)."""
        for meeting in self.state()["tencent"]["meetings"]:
            if meeting["meeting_id"] == meeting_id:
                return meeting  # type: ignore[no-any-return]
        raise KeyError(meeting_id)

    def huawei_count(self, name: str) -> int:
        return self.state()["huawei"][name]  # type: ignore[no-any-return]

    def statuses_for(self, path: str) -> List[int]:
        return [r["status"] for r in self.state()["requests"] if r["path"] == path]


def scenario_file(tmp_path: Path, **tencent_overrides: Any) -> Path:
    """The demo scenario with some Tencent settings changed, written to a file."""
    scenario = json.loads(DEMO_SCENARIO.read_text())
    scenario["tencent"].update(tencent_overrides)
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario))
    return path


@pytest.fixture(autouse=True)
def _no_proxy_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback tests must not go through a proxy configured in the environment."""
    for name in ("ALL_PROXY", "HTTPS_PROXY", "HTTP_PROXY", "all_proxy", "https_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def emu() -> Iterator[Emulator]:
    """A fresh emulator with the demo scenario, stopped after the test."""
    emulator = Emulator(DEMO_SCENARIO)
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def start_emulator() -> Iterator[Any]:
    """Starts emulators with other scenarios: start_emulator(path)."""
    started: List[Emulator] = []

    def start(scenario: Path) -> Emulator:
        emulator = Emulator(scenario)
        started.append(emulator)
        return emulator

    yield start
    for emulator in started:
        emulator.stop()


@pytest.fixture
def tencent(emu: Emulator) -> meetctl.TencentClient:
    """An enterprise (AK/SK) client for app 210000001."""
    return meetctl.TencentClient(app_id=APP_ID, secret_id=SECRET_ID, secret_key=SECRET_KEY, base_url=emu.url)


@pytest.fixture
def oauth(emu: Emulator) -> meetctl.TencentClient:
    """An OAuth 2.0 client for oauth-open-id-1 (scope MANAGE_MEETING)."""
    return meetctl.TencentClient.oauth(open_id=OAUTH_OPEN_ID, access_token=OAUTH_TOKEN, base_url=emu.url)


@pytest.fixture
def huawei(emu: Emulator) -> meetctl.HuaweiClient:
    """A Huawei client without account authentication."""
    return meetctl.HuaweiClient(region="cn-north-4", base_url=emu.url)


@pytest.fixture
def host() -> meetctl.TencentUser:
    """Alice, the creator of meeting 1242152152161, by ms_open_id on iOS."""
    return meetctl.TencentUser(ms_open_id="afagsagwags", instance=meetctl.Instance.IOS)


@pytest.fixture
def attendee() -> meetctl.TencentUser:
    """Bob, an attendee of meeting 1242152152161, by ms_open_id on Mac."""
    return meetctl.TencentUser(ms_open_id="agaqwwgdkkddd", instance=meetctl.Instance.MAC)


# ---------------------------------------------------------------------------- either vendor

VENDORS = ["tencent", "huawei"]
# Alice, the creator of meeting 1242152152161, by userid: listing participants needs it, and the
# Meeting looks up her ms_open_id where an endpoint wants that.
ALICE_BY_USERID = meetctl.TencentUser(userid="alice", instance=meetctl.Instance.IOS)


def neutral_meeting(emu: Emulator, vendor: str, **settings: Any) -> meetctl.Meeting:
    """The demo's Tencent meeting operated by Alice, or the demo's Huawei conference opened with
    the host password, as a meetctl.Meeting; `settings` go to the client's constructor."""
    if vendor == "tencent":
        client = meetctl.TencentClient(
            app_id=APP_ID, secret_id=SECRET_ID, secret_key=SECRET_KEY, base_url=emu.url, **settings
        )
        return meetctl.Meeting.tencent(client, MEETING, operator=ALICE_BY_USERID)
    assert vendor == "huawei", vendor
    conference = meetctl.HuaweiClient(base_url=emu.url, **settings).conference(CONF, password=HOST_PWD)
    return meetctl.Meeting.huawei(conference)


def meeting_state(emu: Emulator, vendor: str) -> Dict[str, Any]:
    """The emulator's record of the neutral meeting of `vendor`."""
    return emu.meeting(MEETING) if vendor == "tencent" else emu.conference(CONF)


def vendor_id(p: "meetctl.Participant") -> str:
    """The vendor's own id inside a participant's opaque id: the Tencent ms_open_id or the Huawei
    participant id (the tests look inside to find the person in the emulator's state)."""
    vendor, rest = p.id.split(":", 1)
    return rest.split(":", 1)[1] if vendor == "tencent" else rest


def state_entry(emu: Emulator, p: "meetctl.Participant") -> Dict[str, Any]:
    """The emulator's record of the person `p` names."""
    key = "ms_open_id" if p.vendor == "tencent" else "participant_id"
    for e in meeting_state(emu, p.vendor)["participants"]:
        if e[key] == vendor_id(p):
            return e  # type: ignore[no-any-return]
    raise KeyError(p.id)


def an_attendee(people: List["meetctl.Participant"]) -> "meetctl.Participant":
    """Someone to act on: the first controllable attendee whose microphone is on."""
    return next(p for p in people if p.role == "attendee" and p.controllable and p.audio_muted is False)


@pytest.fixture(params=VENDORS)
def vendor(request: pytest.FixtureRequest) -> str:
    """Each test that takes it runs once per vendor."""
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def meeting(emu: Emulator, vendor: str) -> meetctl.Meeting:
    return neutral_meeting(emu, vendor)


class Captured(NamedTuple):
    """One request as the capture server received it."""

    method: str
    path: str  # with the query
    headers: Dict[str, str]
    body: bytes


class CaptureServer:
    """A loopback HTTP server that records every request and answers 200 with ``answer``: what
    meetctl really puts on the wire, to compare with a PreparedRequest."""

    def __init__(self) -> None:
        self.requests: List[Captured] = []
        self.answer = b"{}"
        capture = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                capture.requests.append(Captured(self.command, self.path, dict(self.headers.items()), body))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(capture.answer)))
                self.end_headers()
                self.wfile.write(capture.answer)

            do_GET = do_PUT = do_POST = do_DELETE = _handle

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def last(self) -> Captured:
        return self.requests[-1]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def capture() -> Iterator[CaptureServer]:
    server = CaptureServer()
    try:
        yield server
    finally:
        server.stop()


def free_port() -> int:
    """A loopback port with nothing listening on it (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
