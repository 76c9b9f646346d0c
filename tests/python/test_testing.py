"""meetctl.testing (the Emulator a user's tests start) and meetctl's pytest plugin, through the
real emulator binary and, for the plugin, a real pytest run in a child process.

When scripts/test-python.sh runs this suite against the installed wheels it sets
MEETCTL_TEST_INSTALLED_EMULATOR=1: then the emulator must come from the meetctl-emulator wheel
(the interpreter's scripts directory) and the plugin from meetctl's pytest11 entry point, and the
tests that prove it fail instead of skipping."""

import json
import os
import socket
import stat
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Dict, List

import pytest

import meetctl
import meetctl.testing
from meetctl.testing import Emulator, EmulatorError, EmulatorNotFound, find_emulator

from conftest import CONF, DEMO_SCENARIO, HOST_PWD, MEETING, MUTE_PATH, PARTICIPANT, emulator_binary

INSTALLED = Path(sysconfig.get_path("scripts")) / "meetctl-emulator"
REQUIRE_INSTALLED = os.environ.get("MEETCTL_TEST_INSTALLED_EMULATOR") == "1"


def require_installed() -> None:
    """Skips (or, in the installed run, fails) unless the meetctl-emulator wheel is installed
    in this interpreter's environment."""
    if not INSTALLED.is_file():
        message = f"the meetctl-emulator wheel is not installed here ({INSTALLED} is missing)"
        if REQUIRE_INSTALLED:
            pytest.fail(message)
        pytest.skip(message)


def plugin_registered() -> bool:
    """Whether meetctl's pytest plugin is registered through the pytest11 entry point."""
    found = [ep for ep in entry_points(group="pytest11") if ep.name == "meetctl"]
    return [ep.value for ep in found] == ["meetctl._pytest_plugin"]


@pytest.fixture
def binary() -> str:
    """A working emulator binary (the installed one, or the cargo build in a source checkout)."""
    return emulator_binary()


def huawei_participant(state: Dict[str, Any], conference_id: str, participant_id: str) -> Dict[str, Any]:
    conference = next(c for c in state["huawei"]["conferences"] if c["conference_id"] == conference_id)
    found: Dict[str, Any] = next(p for p in conference["participants"] if p["participant_id"] == participant_id)
    return found


def port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def fake_emulator(tmp_path: Path, body: str) -> str:
    """A stand-in 'emulator': a shell script, for what a real one never does."""
    path = tmp_path / "fake-emulator"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


# ---------------------------------------------------------------------------- the Emulator


def test_demo_scenario_by_default_and_stop_on_exit(binary: str) -> None:
    with Emulator(binary=binary) as emulator:
        assert emulator.running
        assert emulator.binary == binary
        url = emulator.base_url
        assert url.startswith("http://127.0.0.1:") and port_of(url) > 0, url
        assert emulator.ca_pem_path is None and emulator.ca_pem is None
        assert repr(emulator) == f"<meetctl.testing.Emulator {url} pid={emulator.pid} running>"
        # A real client call changes the emulator's state.
        client = meetctl.HuaweiClient(base_url=url, proxy=False)
        assert huawei_participant(emulator.state(), CONF, PARTICIPANT)["muted"] is False
        client.conference(CONF, password=HOST_PWD).mute(PARTICIPANT)
        assert huawei_participant(emulator.state(), CONF, PARTICIPANT)["muted"] is True
    assert not emulator.running
    # It ended on its own when its stdin closed: exit code 0, not a signal.
    assert repr(emulator) == f"<meetctl.testing.Emulator {url} pid={emulator.pid} stopped (exit code 0)>"
    emulator.stop()  # again: nothing happens
    with pytest.raises(EmulatorError, match=r"the emulator is not running \(stopped\)"):
        emulator.state()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port_of(url)), timeout=10).close()


def test_scenario_from_a_dict_written_to_a_file_that_does_not_outlive_the_start(
    binary: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    scenario = {
        "tencent": {"apps": [{"app_id": "1", "secret_id": "AKIDx", "secret_key": "very-secret-key-123"}]},
        "huawei": {
            "conferences": [
                {
                    "conference_id": "555",
                    "host_password": "111111",
                    "guest_password": "222222",
                    "participants": [
                        {"participant_id": "p1", "name": "Ann", "role": "host"},
                        {"participant_id": "p2", "name": "Ben"},
                    ],
                }
            ]
        },
    }
    with Emulator(scenario, binary=binary) as emulator:
        state = emulator.state()
        assert state["tencent"]["meetings"] == []
        assert [c["conference_id"] for c in state["huawei"]["conferences"]] == ["555"]
        assert [p["name"] for p in state["huawei"]["conferences"][0]["participants"]] == ["Ann", "Ben"]
        # The scenario (with its secret key) was read at the start and removed then.
        (workdir,) = tmp_path.glob("meetctl-emulator-*")
        assert sorted(f.name for f in workdir.iterdir()) == ["stderr.log"]
        assert "very-secret-key-123" not in repr(emulator)
        conference = meetctl.HuaweiClient(base_url=emulator.base_url, proxy=False).conference("555", password="111111")
        conference.mute("p2")
        assert huawei_participant(emulator.state(), "555", "p2")["muted"] is True
    assert list(tmp_path.glob("meetctl-emulator-*")) == []


@pytest.mark.parametrize("as_type", [str, Path])
def test_scenario_from_a_file(binary: str, as_type: Any) -> None:
    with Emulator(as_type(DEMO_SCENARIO), binary=binary) as emulator:
        assert MEETING in [m["meeting_id"] for m in emulator.state()["tencent"]["meetings"]]


def test_bad_arguments_are_refused_before_anything_starts(binary: str, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="scenario must be a dict .* not int"):
        Emulator(42, binary=binary)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="scenario: the dict cannot be written as JSON"):
        Emulator({"tencent": object()}, binary=binary)
    missing = tmp_path / "missing.json"
    with pytest.raises(FileNotFoundError, match="scenario file .*missing.json' does not exist"):
        Emulator(missing, binary=binary)
    with pytest.raises(TypeError, match="tls must be a bool"):
        Emulator(binary=binary, tls="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="startup_timeout must be positive"):
        Emulator(binary=binary, startup_timeout=0)


def test_an_invalid_scenario_is_the_emulators_message(binary: str) -> None:
    with pytest.raises(EmulatorError) as caught:
        Emulator({"tencent": {"bogus": 1}}, binary=binary)
    message = str(caught.value)
    assert "exited with code 2 before serving" in message, message
    assert "unknown field `bogus`" in message, message
    secrets = {"tencent": {"apps": [
        {"app_id": "1", "secret_id": "AK", "secret_key": "very-secret-123"},
        {"app_id": "2", "secret_id": "AK", "secret_key": "very-secret-456"},
    ]}}
    with pytest.raises(EmulatorError) as caught:
        Emulator(secrets, binary=binary)
    assert 'duplicate tencent secret_id "AK"' in str(caught.value)
    assert "very-secret" not in str(caught.value)


def test_inject_fault_and_clear_faults(binary: str) -> None:
    with Emulator(binary=binary) as emulator:
        queued = emulator.inject_fault("status", status=503, path_prefix=MUTE_PATH, times=None)
        assert queued == {"kind": "status", "status": 503, "path_prefix": MUTE_PATH, "times": None}
        assert emulator.state()["faults_pending"] == [queued]
        conference = meetctl.HuaweiClient(base_url=emulator.base_url, proxy=False, max_attempts=1).conference(
            CONF, password=HOST_PWD
        )
        with pytest.raises(meetctl.ApiError) as caught:
            conference.mute(PARTICIPANT)
        assert caught.value.status == 503
        emulator.clear_faults()
        assert emulator.state()["faults_pending"] == []
        conference.mute(PARTICIPANT)
        assert huawei_participant(emulator.state(), CONF, PARTICIPANT)["muted"] is True
        assert emulator.state()["faults_applied"] == {"status": 1}


def test_a_bad_fault_is_the_emulators_message(binary: str) -> None:
    with Emulator(binary=binary) as emulator:
        with pytest.raises(EmulatorError, match=r"POST /_emulator/faults: HTTP 400: .*no_such_kind"):
            emulator.inject_fault("no_such_kind")
        with pytest.raises(EmulatorError, match="HTTP 400"):
            emulator.inject_fault("delay")  # `ms` is required
        with pytest.raises(TypeError, match="kind must be a str"):
            emulator.inject_fault(503)  # type: ignore[arg-type]
        assert emulator.state()["faults_pending"] == []


def test_advance_clock(binary: str) -> None:
    with Emulator(binary=binary) as emulator:
        before = emulator.state()["clock"]["now"]
        now = emulator.advance_clock(3600)
        assert now >= before + 3600
        assert emulator.state()["clock"]["offset_secs"] == 3600
        assert emulator.advance_clock(-600) >= before + 3000
        assert emulator.state()["clock"]["offset_secs"] == 3000
        with pytest.raises(TypeError, match="seconds must be an int"):
            emulator.advance_clock(True)
        with pytest.raises(TypeError, match="seconds must be an int"):
            emulator.advance_clock(1.5)  # type: ignore[arg-type]


def test_control_tokens_expire_with_the_clock_and_the_client_fetches_another(binary: str) -> None:
    with Emulator(binary=binary) as emulator:
        conference = meetctl.HuaweiClient(base_url=emulator.base_url, proxy=False).conference(CONF, password=HOST_PWD)
        conference.mute(PARTICIPANT)
        assert emulator.state()["huawei"]["control_tokens_issued"] == 1
        emulator.advance_clock(1801)  # the demo's control tokens live 1800 s
        conference.unmute(PARTICIPANT)
        assert emulator.state()["huawei"]["control_tokens_issued"] == 2
        assert huawei_participant(emulator.state(), CONF, PARTICIPANT)["muted"] is False


def test_revoke_control_tokens(binary: str) -> None:
    with Emulator(binary=binary) as emulator:
        assert emulator.revoke_control_tokens(CONF) == 0
        conference = meetctl.HuaweiClient(base_url=emulator.base_url, proxy=False).conference(CONF, password=HOST_PWD)
        conference.mute(PARTICIPANT)
        assert emulator.revoke_control_tokens(CONF) == 1
        conference.unmute(PARTICIPANT)  # refused with 401 once, then a new token
        statuses = [r["status"] for r in emulator.state()["requests"] if r["path"] == MUTE_PATH]
        assert statuses == [200, 401, 200], statuses
        with pytest.raises(EmulatorError, match=r"revoke-tokens: HTTP 404"):
            emulator.revoke_control_tokens("000000000")


def test_rejoin(binary: str) -> None:
    with Emulator(binary=binary) as emulator:
        emulator.rejoin(MEETING, "agaqwwgdkkddd", 3)
        meeting = next(m for m in emulator.state()["tencent"]["meetings"] if m["meeting_id"] == MEETING)
        bob = next(p for p in meeting["participants"] if p["ms_open_id"] == "agaqwwgdkkddd")
        assert bob["instanceid"] == 3
        with pytest.raises(EmulatorError, match=r"rejoin: HTTP 404"):
            emulator.rejoin(MEETING, "nobody", 3)
        with pytest.raises(ValueError, match="meeting_id must not be empty"):
            emulator.rejoin("", "agaqwwgdkkddd", 3)


def test_verbose_log(binary: str) -> None:
    with Emulator(binary=binary, verbose=True) as emulator:
        conference = meetctl.HuaweiClient(base_url=emulator.base_url, proxy=False).conference(CONF, password=HOST_PWD)
        conference.mute(PARTICIPANT)
        assert f"PUT {MUTE_PATH}?conferenceID={CONF}&participantID={PARTICIPANT} -> 200" in emulator.log()
    with Emulator(binary=binary) as quiet:
        meetctl.HuaweiClient(base_url=quiet.base_url, proxy=False).conference(CONF, password=HOST_PWD).mute(PARTICIPANT)
        assert quiet.log() == ""


def test_tls(binary: str) -> None:
    usage = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=60).stdout
    if "--tls" not in usage:
        pytest.skip(f"{binary} does not accept --tls (its --help does not list it)")
    with Emulator(binary=binary, tls=True) as emulator:
        assert emulator.base_url.startswith("https://127.0.0.1:"), emulator.base_url
        assert emulator.ca_pem_path is not None and emulator.ca_pem is not None
        assert Path(emulator.ca_pem_path).read_text() == emulator.ca_pem
        assert emulator.ca_pem.startswith("-----BEGIN CERTIFICATE-----")
        assert repr(emulator).endswith(" running, tls>")
        # Trusting the emulator's CA, a client works over HTTPS ...
        client = meetctl.HuaweiClient(base_url=emulator.base_url, proxy=False, extra_ca_pem=emulator.ca_pem)
        client.conference(CONF, password=HOST_PWD).mute(PARTICIPANT)
        assert huawei_participant(emulator.state(), CONF, PARTICIPANT)["muted"] is True
        # ... and without it, the certificate is refused.
        untrusting = meetctl.HuaweiClient(base_url=emulator.base_url, proxy=False, max_attempts=1)
        with pytest.raises(meetctl.TlsError):
            untrusting.conference(CONF, password=HOST_PWD).mute(PARTICIPANT)


def test_tls_from_an_emulator_without_it_is_a_clear_error(tmp_path: Path) -> None:
    fake = fake_emulator(tmp_path, 'echo "meetctl-emulator: unknown argument \\"--tls\\"" >&2; exit 2')
    with pytest.raises(EmulatorError, match=r"exited with code 2 before serving \(this meetctl-emulator may not support --tls"):
        Emulator(binary=fake, tls=True)


# ---------------------------------------------------------------------------- startup failures


def test_startup_timeout_names_the_binary_and_quotes_its_stderr(tmp_path: Path) -> None:
    fake = fake_emulator(tmp_path, "echo 'still booting' >&2; exec sleep 600")
    with pytest.raises(EmulatorError) as caught:
        Emulator(binary=fake, startup_timeout=0.2)
    assert str(caught.value) == f"{fake} did not report its address within 0.2 s; its stderr:\nstill booting"


def test_a_binary_that_is_no_emulator(tmp_path: Path) -> None:
    fake = fake_emulator(tmp_path, "echo hello; exec sleep 600")
    with pytest.raises(EmulatorError, match=r"printed 'hello' where a http://\.\.\. base URL was expected"):
        Emulator(binary=fake)
    fake = fake_emulator(tmp_path, "exit 3")
    with pytest.raises(EmulatorError, match=r"exited with code 3 before serving \(it wrote nothing to stderr\)"):
        Emulator(binary=fake)


# ---------------------------------------------------------------------------- finding the binary


def test_an_explicit_binary_or_variable_that_names_nothing_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = str(tmp_path / "nope")
    with pytest.raises(EmulatorNotFound, match="the binary argument"):
        find_emulator(missing)
    monkeypatch.setenv("MEETCTL_EMULATOR", missing)
    with pytest.raises(EmulatorNotFound) as caught:
        Emulator()
    assert isinstance(caught.value, FileNotFoundError)
    assert str(caught.value) == (
        f"MEETCTL_EMULATOR={missing!r} is not an executable file: set it to a meetctl-emulator binary, "
        "or unset it and install the emulator with `pip install meetctl-emulator`"
    )


def test_the_variable_comes_before_path(binary: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    link = tmp_path / "my-emulator"
    link.symlink_to(binary)
    monkeypatch.setenv("MEETCTL_EMULATOR", str(link))
    assert find_emulator() == str(link)
    with Emulator() as emulator:
        assert emulator.binary == str(link)
        assert emulator.state()["request_count"] == 0


def run_python(python: str, code: str, env: Dict[str, str], cwd: Path) -> Any:
    """Runs `code` in another interpreter and returns the JSON it printed last."""
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, env=env, cwd=cwd, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


FIND = """
import json
from meetctl.testing import Emulator, EmulatorNotFound, find_emulator
try:
    with Emulator() as emulator:
        print(json.dumps({"found": emulator.binary, "requests": emulator.state()["request_count"]}))
except EmulatorNotFound as e:
    print(json.dumps({"error": str(e), "file_not_found": isinstance(e, FileNotFoundError)}))
"""


def test_found_in_the_scripts_directory_without_path(tmp_path: Path) -> None:
    """The wheel put the binary in the interpreter's scripts directory: found there with an
    environment that is not activated (nothing on PATH, no MEETCTL_EMULATOR)."""
    require_installed()
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "MEETCTL_EMULATOR"}
    env["PATH"] = str(empty)
    assert run_python(sys.executable, FIND, env, tmp_path) == {"found": str(INSTALLED), "requests": 0}


def test_missing_emulator_says_what_to_install(tmp_path: Path) -> None:
    """A fresh environment with meetctl importable but no emulator anywhere."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = str(venv / "bin" / "python")
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("MEETCTL_EMULATOR", "PYTHONHOME")}
    env["PATH"] = str(empty)
    env["PYTHONPATH"] = str(Path(meetctl.__file__).resolve().parents[1])
    env["PYTHONUSERBASE"] = str(tmp_path / "userbase")
    report = run_python(python, FIND, env, tmp_path)
    assert report["file_not_found"] is True, report
    error: str = report["error"]
    assert error.startswith(
        "meetctl-emulator was not found (MEETCTL_EMULATOR is not set, it is not on PATH, and not in "
        f"{venv / 'bin'}, "
    ), error
    assert error.endswith(
        ': install it with `pip install meetctl-emulator` (or `pip install "meetctl[testing]"`), '
        "or set MEETCTL_EMULATOR to the path of a meetctl-emulator binary"
    ), error


def test_python_m_meetctl_testing_prints_where_it_is(binary: str, tmp_path: Path) -> None:
    env = dict(os.environ, MEETCTL_EMULATOR=binary)
    done = subprocess.run(
        [sys.executable, "-m", "meetctl.testing"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, binary + "\n", "")


# ---------------------------------------------------------------------------- the pytest plugin

PLUGIN_TESTS = '''
import json
from pathlib import Path

import pytest

import meetctl

CONF, HOST_PWD, BOB = "914083136", "157599", "a1b2c3d4e5f611eabc510dc9b62e3a81"
SMALL = {"huawei": {"conferences": [{"conference_id": "555", "host_password": "111111",
         "guest_password": "222222", "participants": [{"participant_id": "p1", "role": "host"}]}]}}


def conference_ids(emulator):
    return [c["conference_id"] for c in emulator.state()["huawei"]["conferences"]]


def bob_muted(emulator):
    conference = next(c for c in emulator.state()["huawei"]["conferences"] if c["conference_id"] == CONF)
    return next(p for p in conference["participants"] if p["participant_id"] == BOB)["muted"]


def test_demo_by_default_and_a_change(meetctl_emulator):
    # The demo scenario (it gains conferences over time: only its first three are pinned here).
    assert conference_ids(meetctl_emulator)[:3] == ["914083136", "914083137", "914083138"]
    client = meetctl.HuaweiClient(base_url=meetctl_emulator.base_url, proxy=False)
    client.conference(CONF, password=HOST_PWD).mute(BOB)
    assert bob_muted(meetctl_emulator) is True
    Path("first.json").write_text(json.dumps([meetctl_emulator.base_url, meetctl_emulator.pid]))


def test_the_next_test_has_a_fresh_emulator(meetctl_emulator):
    first_url, first_pid = json.loads(Path("first.json").read_text())
    assert (meetctl_emulator.base_url, meetctl_emulator.pid) != (first_url, first_pid)
    assert bob_muted(meetctl_emulator) is False


@pytest.mark.meetctl_scenario(SMALL)
def test_a_dict(meetctl_emulator):
    assert conference_ids(meetctl_emulator) == ["555"]


@pytest.mark.meetctl_scenario("scenarios/small.json")
def test_a_file_relative_to_the_test_file(meetctl_emulator):
    assert conference_ids(meetctl_emulator) == ["556"]


@pytest.mark.meetctl_scenario(SMALL)
class TestAClassMarker:
    def test_inherits_it(self, meetctl_emulator):
        assert conference_ids(meetctl_emulator) == ["555"]


@pytest.mark.meetctl_scenario(SMALL, "extra")
def test_a_bad_marker(meetctl_emulator):
    pass
'''


def run_pytest(tmp_path: Path, *args: str) -> "subprocess.CompletedProcess[str]":
    """pytest in a child process, started from another directory than the tests' one; the plugin
    comes from meetctl's entry point (or, in a source checkout without one, -p)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    if not INSTALLED.is_file():
        env["MEETCTL_EMULATOR"] = emulator_binary()
    extra: List[str] = [] if plugin_registered() else ["-p", "meetctl._pytest_plugin"]
    cwd = tmp_path / "elsewhere"
    cwd.mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA", *extra, *args],
        capture_output=True, text=True, env=env, cwd=cwd, timeout=300,
    )


def test_the_plugin_is_registered_through_the_pytest11_entry_point() -> None:
    if not plugin_registered():
        message = "meetctl is not installed with its entry points here (no pytest11 entry point meetctl)"
        if REQUIRE_INSTALLED:
            pytest.fail(message)
        pytest.skip(message)


def test_the_meetctl_emulator_fixture(tmp_path: Path) -> None:
    tests = tmp_path / "suite"
    (tests / "scenarios").mkdir(parents=True)
    (tests / "test_plugin.py").write_text(textwrap.dedent(PLUGIN_TESTS))
    small = {"huawei": {"conferences": [{"conference_id": "556", "host_password": "1", "guest_password": "2"}]}}
    (tests / "scenarios" / "small.json").write_text(json.dumps(small))
    done = run_pytest(tmp_path, str(tests / "test_plugin.py"))
    summary = done.stdout.strip().splitlines()[-1]
    assert done.returncode == 1 and "5 passed, 1 error" in summary, done.stdout + done.stderr
    assert (
        "@pytest.mark.meetctl_scenario takes exactly one argument, a scenario dict or the path of a scenario "
        "file; got args=({'huawei'" in done.stdout
    ), done.stdout
    assert "ERROR ../suite/test_plugin.py::test_a_bad_marker" in done.stdout, done.stdout


def test_the_marker_is_registered(tmp_path: Path) -> None:
    done = run_pytest(tmp_path, "--markers")
    assert done.returncode == 0, done.stderr
    assert "@pytest.mark.meetctl_scenario(scenario): the scenario the meetctl_emulator fixture" in done.stdout


def test_no_meetctl_turns_the_plugin_off(tmp_path: Path) -> None:
    if not plugin_registered():
        pytest.skip("no pytest11 entry point to turn off here")
    (tmp_path / "test_off.py").write_text("def test_x(meetctl_emulator):\n    pass\n")
    done = run_pytest(tmp_path, "-p", "no:meetctl", str(tmp_path / "test_off.py"))
    assert done.returncode == 1 and "fixture 'meetctl_emulator' not found" in done.stdout, done.stdout
