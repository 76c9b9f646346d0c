"""Ctrl-C while a call waits on the network.

A call blocked on the main thread used to ignore Ctrl-C until the server answered, and then
raise ``SystemError: ... returned a result with an exception set`` (the KeyboardInterrupt had
been raised inside the logging of the HTTP exchange and left set). Now a KeyboardInterrupt, or
whatever a signal handler raises, reaches the caller within a slice (50 ms) of the signal, with a
note that says whether the operation may have taken effect (its request had started to go out) or
certainly did not; the call is cancelled, not carried on in the background, and no thread is
started for it. Calls on other threads are unaffected (Python runs signal
handlers on the main thread only)."""

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any, Callable, Iterator, List

import pytest

import meetctl
from conftest import (
    APP_ID,
    CONF,
    HOST_PWD,
    HW_ACCOUNT,
    HW_PASSWORD,
    MEETING,
    MUTE_PATH,
    PARTICIPANT,
    SECRET_ID,
    SECRET_KEY,
    TOKEN_PATH,
    Emulator,
)

NOTE = "may or may not have taken effect"
NOT_SENT = "before the request was sent; nothing was done"

# Run by a fresh interpreter: prints "ready", makes one call that the emulator holds for 5 s, and
# reports how it ended as JSON (time.monotonic() is the same clock in every process).
CHILD = """
import json, os, sys, time
import meetctl

url, kind = sys.argv[1], sys.argv[2]
host = meetctl.TencentUser(ms_open_id="afagsagwags", instance=meetctl.Instance.IOS)
bob = meetctl.TencentUser(ms_open_id="agaqwwgdkkddd", instance=meetctl.Instance.MAC)
tencent = meetctl.TencentClient(%(app_id)r, %(secret_id)r, %(secret_key)r, base_url=url)
conference = meetctl.HuaweiClient(base_url=url).conference(%(conf)r, password=%(pwd)r)
calls = {
    "tencent": lambda: tencent.set_cohost(%(meeting)r, host, bob),
    "uncaught": lambda: tencent.set_cohost(%(meeting)r, host, bob),
    "conference": lambda: conference.mute(%(participant)r),
    "meeting": lambda: meetctl.Meeting.huawei(conference).participants(),
    "access_token": lambda: meetctl.HuaweiClient.account(%(account)r, %(password)r, base_url=url).access_token(),
}
call = calls[kind]
print("ready", flush=True)
if kind == "uncaught":
    call()
try:
    call()
except KeyboardInterrupt as e:
    report = {"caught": "KeyboardInterrupt", "notes": getattr(e, "__notes__", []), "args": [str(a) for a in e.args]}
except BaseException as e:
    report = {"caught": type(e).__name__, "text": str(e)}
else:
    report = {"caught": None}
report["at"] = time.monotonic()
# The process's native threads (a call on the main thread used to run on a "meetctl-call" one).
report["threads"] = sorted(open(f"/proc/self/task/{t}/comm").read().strip() for t in os.listdir("/proc/self/task"))
print(json.dumps(report), flush=True)
""" % {
    "app_id": APP_ID,
    "secret_id": SECRET_ID,
    "secret_key": SECRET_KEY,
    "conf": CONF,
    "pwd": HOST_PWD,
    "meeting": MEETING,
    "participant": PARTICIPANT,
    "account": HW_ACCOUNT,
    "password": HW_PASSWORD,
}

# Which request of each kind the emulator holds (None: the first one, here the control token),
# and whether that request is the operation's own (else the operation's request was never sent).
OPERATION_HELD = {"tencent": True, "uncaught": True, "conference": False, "meeting": False, "access_token": True}
HELD = {
    "tencent": "/v1/real-control",
    "uncaught": "/v1/real-control",
    "conference": TOKEN_PATH,
    "meeting": None,
    "access_token": "/v1/usg/acs/auth/account",
}


def start_child(emu: Emulator, kind: str) -> "subprocess.Popen[str]":
    held = HELD[kind]
    emu.fault(kind="delay", ms=5000, **({} if held is None else {"path_prefix": held}))
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, emu.url, kind],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if line != "ready":
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(f"the child did not start: {line!r} {err}")
    return proc


@pytest.mark.parametrize("kind", ["tencent", "conference", "meeting", "access_token"])
def test_ctrl_c_reaches_a_call_blocked_on_the_network(emu: Emulator, kind: str) -> None:
    proc = start_child(emu, kind)
    try:
        time.sleep(0.5)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
    finally:
        proc.kill()
    exited = time.monotonic() - sent
    assert "SystemError" not in err, err
    report = json.loads(out.strip().splitlines()[-1])
    assert report["caught"] == "KeyboardInterrupt", (report, err)
    assert report["at"] - sent < 0.2, f"KeyboardInterrupt {report['at'] - sent:.3f} s after SIGINT"
    note = NOTE if OPERATION_HELD[kind] else NOT_SENT
    assert any(note in text for text in report["notes"] + report["args"]), report
    assert not [t for t in report["threads"] if t.startswith("meetctl")], report["threads"]
    # The held request is still in flight (the emulator answers after 5 s): exiting does not wait.
    assert proc.returncode == 0 and exited < 2, (proc.returncode, exited, err)


def test_an_uncaught_ctrl_c_ends_the_program_at_once(emu: Emulator) -> None:
    proc = start_child(emu, "uncaught")
    try:
        time.sleep(0.5)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=15)
    finally:
        proc.kill()
    assert time.monotonic() - sent < 2, err
    assert proc.returncode in (-signal.SIGINT, 130, 1), (proc.returncode, err)
    assert "KeyboardInterrupt" in err and NOTE in err, err
    assert "SystemError" not in err, err


# ---------------------------------------------------------------------------- in this process


class Interrupted(Exception):
    """What the test's SIGUSR1 handler raises."""


class Handler:
    """The test's SIGUSR1 handler: records when it ran, and raises Interrupted if `raising`."""

    def __init__(self) -> None:
        self.ran: List[float] = []
        self.raising = False

    def __call__(self, signum: int, frame: Any) -> None:
        self.ran.append(time.monotonic())
        if self.raising:
            raise Interrupted("stop")


@pytest.fixture
def sigusr1() -> Iterator[Handler]:
    handler = Handler()
    previous = signal.signal(signal.SIGUSR1, handler)
    try:
        yield handler
    finally:
        signal.signal(signal.SIGUSR1, previous)


def signal_later(delay: float, signum: int = signal.SIGUSR1) -> threading.Timer:
    timer = threading.Timer(delay, lambda: os.kill(os.getpid(), signum))
    timer.start()
    return timer


def test_any_exception_a_signal_handler_raises_ends_the_wait(emu: Emulator, sigusr1: Handler, tencent, host, attendee) -> None:
    sigusr1.raising = True
    emu.fault(kind="delay", ms=1500, path_prefix="/v1/real-control")
    signal_later(0.3)
    started = time.monotonic()
    with pytest.raises(Interrupted) as info:
        tencent.set_cohost(MEETING, operator=host, user=attendee)
    ended = time.monotonic()
    assert len(sigusr1.ran) == 1 and ended - sigusr1.ran[0] < 0.2, (ended - started, sigusr1.ran)
    notes = getattr(info.value, "__notes__", []) + [str(a) for a in info.value.args]
    assert any(NOTE in n for n in notes), notes
    # The call was cancelled, its connection closed: the client works at once.
    tencent.close_video(MEETING, operator=host, user=attendee)
    assert time.monotonic() - started < 1.0
    assert [t.name for t in threading.enumerate() if t.name.startswith("meetctl")] == []


def test_a_signal_handler_runs_while_the_call_waits(emu: Emulator, sigusr1: Handler, huawei) -> None:
    """A handler that does not raise runs during the call, which then returns as usual."""
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.control_token()
    emu.fault(kind="delay", ms=800, path_prefix=MUTE_PATH)
    signal_later(0.2)
    conf.mute(PARTICIPANT)
    returned = time.monotonic()
    assert len(sigusr1.ran) == 1
    assert returned - sigusr1.ran[0] > 0.4, "the handler ran while the call waited, not after it returned"
    assert emu.huawei_participant(CONF, PARTICIPANT)["muted"] is True


def test_calls_on_other_threads_are_not_interrupted(emu: Emulator, sigusr1: Handler, tencent, host, attendee) -> None:
    sigusr1.raising = True
    emu.fault(kind="delay", ms=600, path_prefix="/v1/real-control")
    errors: List[BaseException] = []

    def call() -> None:
        try:
            tencent.set_cohost(MEETING, operator=host, user=attendee)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    worker = threading.Thread(target=call)
    worker.start()
    signal_later(0.2)
    interrupted = []
    while worker.is_alive():
        try:
            time.sleep(0.01)
        except Interrupted as e:  # the main thread gets the handler's exception, here
            interrupted.append(e)
    assert len(interrupted) == 1
    assert errors == []
    assert emu.participant(MEETING, "agaqwwgdkkddd")["role"] == "cohost"


# ---------------------------------------------------------------------------- logging


class Explodes(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        raise RuntimeError("a broken logging filter")


@pytest.fixture
def broken_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[List[Any]]:
    """Every meetctl log record raises inside `logging`; unraisable exceptions are collected."""
    unraisable: List[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    logger = logging.getLogger("meetctl.transport")
    explodes = Explodes()
    level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addFilter(explodes)
    try:
        yield unraisable
    finally:
        logger.removeFilter(explodes)
        logger.setLevel(level)


@pytest.mark.parametrize("where", ["main thread", "other thread"])
def test_an_exception_in_logging_does_not_fail_the_call(
    emu: Emulator, broken_logging: List[Any], tencent, host, attendee, where: str
) -> None:
    """It used to stay set and turn the call's result into a SystemError."""
    results: List[Any] = []
    work: Callable[[], None] = lambda: results.append(tencent.set_cohost(MEETING, operator=host, user=attendee))
    if where == "main thread":
        work()
    else:
        t = threading.Thread(target=work)
        t.start()
        t.join()
    assert results == [None]
    assert emu.participant(MEETING, "agaqwwgdkkddd")["role"] == "cohost"
    assert [type(u.exc_value) for u in broken_logging] == [RuntimeError]


def test_records_of_a_call_are_logged_on_the_thread_that_made_it(
    emu: Emulator, tencent, host, attendee, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="meetctl")
    tencent.set_cohost(MEETING, operator=host, user=attendee)
    def other() -> None:
        tencent.revoke_cohost(MEETING, operator=host, user=attendee)

    t = threading.Thread(target=other)
    t.start()
    t.join()
    seen = [r for r in caplog.records if r.name == "meetctl.transport"]
    assert [r.getMessage().split(" -> ")[0] for r in seen] == [f"PUT /v1/real-control/meetings/{MEETING}/cohosts"] * 2
    assert [r.thread for r in seen] == [threading.main_thread().ident, t.ident]


def test_records_of_an_interrupted_call_are_still_logged(
    emu: Emulator, sigusr1: Handler, tencent, host, attendee, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="meetctl")
    sigusr1.raising = True
    emu.fault(kind="delay", ms=600, path_prefix="/v1/real-control")
    signal_later(0.2)
    with pytest.raises(Interrupted):
        tencent.set_cohost(MEETING, operator=host, user=attendee)
    deadline = time.monotonic() + 5
    while not [r for r in caplog.records if r.name == "meetctl.transport"]:
        assert time.monotonic() < deadline, "the interrupted call's record never came"
        time.sleep(0.05)
    [record] = [r for r in caplog.records if r.name == "meetctl.transport"]
    assert record.getMessage().startswith(f"PUT /v1/real-control/meetings/{MEETING}/cohosts -> cancelled after ")
