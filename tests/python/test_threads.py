"""Blocking calls release the GIL: calls the emulator delays run side by side in threads, and
Python code keeps running while a call waits, whether the call is made on another thread (run in
place) or on the main thread (run on a worker thread while the main thread waits, so that Ctrl-C
can reach it: test_interrupt.py)."""

import threading
import time
from typing import Callable, List

import pytest

import meetctl
from conftest import (
    APP_ID,
    CONF,
    HOST_PWD,
    MEETING,
    MUTE_PATH,
    PARTICIPANT,
    SECRET_ID,
    SECRET_KEY,
    VENDORS,
    Emulator,
    an_attendee,
    neutral_meeting,
)

DELAY_MS = 200
THREADS = 8


def run_in_threads(work: Callable[[], None]) -> float:
    """Runs `work` in THREADS threads started together; returns the wall time in seconds."""
    errors: List[BaseException] = []
    barrier = threading.Barrier(THREADS + 1)

    def target() -> None:
        barrier.wait()
        try:
            work()
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=target) for _ in range(THREADS)]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.monotonic()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    assert errors == []
    return elapsed


def test_tencent_calls_release_the_gil(emu: Emulator, tencent, host, attendee) -> None:
    emu.fault(kind="delay", ms=DELAY_MS, times=THREADS, path_prefix="/v1/real-control")
    elapsed = run_in_threads(lambda: tencent.close_video(MEETING, operator=host, user=attendee))
    print(f"\n{THREADS} Tencent calls delayed {DELAY_MS} ms each, in {THREADS} threads: {elapsed:.3f} s")
    assert elapsed >= DELAY_MS / 1000, "the delay was applied"
    assert elapsed < 1.0, f"{elapsed:.3f} s: the calls ran one after another (serial would be {THREADS * DELAY_MS / 1000} s)"
    assert emu.state()["faults_pending"] == []
    assert emu.request_count() == THREADS


def test_huawei_calls_release_the_gil(emu: Emulator, huawei) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.control_token()  # fetch the token first: only the control calls are delayed
    emu.fault(kind="delay", ms=DELAY_MS, times=THREADS, path_prefix=MUTE_PATH)
    elapsed = run_in_threads(
        lambda: conf.request("PUT", MUTE_PATH, query={"participantID": PARTICIPANT}, body={"isMute": 1})
    )
    print(f"\n{THREADS} Huawei calls delayed {DELAY_MS} ms each, in {THREADS} threads: {elapsed:.3f} s")
    assert DELAY_MS / 1000 <= elapsed < 1.0
    assert len(emu.statuses_for(MUTE_PATH)) == THREADS


def test_python_keeps_running_during_a_call(emu: Emulator, tencent, host, attendee) -> None:
    emu.fault(kind="delay", ms=500)
    done = threading.Event()
    ticks = 0

    def call() -> None:
        try:
            tencent.set_cohost(MEETING, operator=host, user=attendee)
        finally:
            done.set()

    worker = threading.Thread(target=call)
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.01)
    worker.join()
    assert ticks >= 20, f"the main thread only ran {ticks} times while the call waited 500 ms"


def test_one_huawei_client_many_conference_handles(emu: Emulator) -> None:
    hw = meetctl.HuaweiClient.account("demo-account", "Demo@Passw0rd", base_url=emu.url)
    emu.fault(kind="delay", ms=DELAY_MS, path_prefix="/v1/usg/acs/auth/account")

    def work() -> None:
        hw.conference(CONF, password=HOST_PWD).control_token()

    run_in_threads(work)
    assert emu.huawei_count("access_tokens_issued") == 1, "one access token shared by every thread"


BOB_BY_USERID = meetctl.TencentUser(userid="bob", instance=meetctl.Instance.MAC)
ALICE = meetctl.TencentUser(userid="alice", instance=meetctl.Instance.IOS)
HOST = meetctl.TencentUser(ms_open_id="afagsagwags", instance=meetctl.Instance.IOS)
BOB = meetctl.TencentUser(ms_open_id="agaqwwgdkkddd", instance=meetctl.Instance.MAC)


CALLS = pytest.mark.parametrize(
    "work",
    [
        lambda t, c: t.call(meetctl.TencentControl("mute", MEETING, HOST, [BOB])),
        lambda t, c: t.kick_out(MEETING, HOST, [BOB]),
        lambda t, c: t.participants(MEETING, ALICE),
        lambda t, c: t.ms_open_id(MEETING, BOB_BY_USERID),
        lambda t, c: t.request("GET", f"/v1/meetings/{MEETING}", query={"userid": "alice", "instanceid": 1}),
        lambda t, c: c.call(meetctl.HuaweiConferenceControl("lock")),
        lambda t, c: c.mute_all(),
        lambda t, c: c.info(),
        lambda t, c: c.request("PUT", MUTE_PATH, query={"participantID": PARTICIPANT}, body={"isMute": 1}),
    ],
    ids=[
        "tencent-call",
        "kick_out",
        "participants",
        "ms_open_id",
        "tencent-request",
        "conference-call",
        "mute_all",
        "info",
        "conference-request",
    ],
)


@CALLS
def test_every_kind_of_call_releases_the_gil(emu: Emulator, tencent, huawei, work: Callable[..., object]) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.control_token()
    emu.fault(kind="delay", ms=300)
    done = threading.Event()
    errors: List[BaseException] = []
    ticks = 0

    def call() -> None:
        try:
            work(tencent, conf)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            done.set()

    worker = threading.Thread(target=call)
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.01)
    worker.join()
    assert errors == []
    assert ticks >= 12, f"the main thread only ran {ticks} times while the call waited 300 ms"


# ---------------------------------------------------------------------------- Meeting (either vendor)


@pytest.mark.parametrize("vendor", VENDORS)
def test_meeting_calls_run_side_by_side(emu: Emulator, vendor: str) -> None:
    meeting = neutral_meeting(emu, vendor)
    bob = an_attendee(meeting.participants())
    meeting.mute(bob)  # the one-time lookups first (Tencent: Alice's ms_open_id; Huawei: the token)
    before = emu.request_count()
    emu.fault(kind="delay", ms=DELAY_MS, times=THREADS)
    elapsed = run_in_threads(lambda: meeting.mute(bob))
    print(f"\n{THREADS} {vendor} Meeting.mute calls delayed {DELAY_MS} ms each, in {THREADS} threads: {elapsed:.3f} s")
    assert DELAY_MS / 1000 <= elapsed < 1.0, f"{elapsed:.3f} s: serial would be {THREADS * DELAY_MS / 1000} s"
    assert emu.request_count() == before + THREADS


@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize(
    "work",
    [
        lambda m, p: m.participants(),
        lambda m, p: m.mute(p),
        lambda m, p: m.rename(p, "Slow"),
        lambda m, p: m.control("stop_video", p),
        lambda m, p: m.mute_all(allow_unmute_by_self=False),
        lambda m, p: m.lock(),
        lambda m, p: m.remove(p),
        lambda m, p: m.end(),
    ],
    ids=["participants", "mute", "rename", "control", "mute_all", "lock", "remove", "end"],
)
def test_every_meeting_call_releases_the_gil(emu: Emulator, vendor: str, work: Callable[..., object]) -> None:
    meeting = neutral_meeting(emu, vendor)
    bob = an_attendee(meeting.participants())
    meeting.unmute(bob)  # the one-time lookups first
    emu.fault(kind="delay", ms=300)
    done = threading.Event()
    errors: List[BaseException] = []
    ticks = 0

    def call() -> None:
        try:
            work(meeting, bob)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            done.set()

    worker = threading.Thread(target=call)
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.01)
    worker.join()
    assert errors == []
    assert ticks >= 12, f"the main thread only ran {ticks} times while the call waited 300 ms"


# ---------------------------------------------------------------------------- the main thread


def ticks_during(work: Callable[[], object]) -> int:
    """Runs `work` on this (the main) thread while another thread counts 10 ms ticks."""
    assert threading.current_thread() is threading.main_thread()
    stop = threading.Event()
    ticks = [0]

    def tick() -> None:
        while not stop.is_set():
            ticks[0] += 1
            time.sleep(0.01)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        work()
    finally:
        stop.set()
        ticker.join()
    return ticks[0]


@CALLS
def test_every_kind_of_call_on_the_main_thread_releases_the_gil(
    emu: Emulator, tencent, huawei, work: Callable[..., object]
) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.control_token()
    emu.fault(kind="delay", ms=300)
    ticks = ticks_during(lambda: work(tencent, conf))
    assert ticks >= 12, f"the other thread only ran {ticks} times while the main thread's call waited 300 ms"


@pytest.mark.parametrize(
    "work",
    [
        lambda hw: hw.access_token(),
        lambda hw: hw.conference(CONF, password=HOST_PWD).control_token(),
        lambda hw: hw.conference(CONF, password=HOST_PWD).prepare(meetctl.HuaweiConferenceControl("lock")),
        lambda hw: hw.conference(CONF, password=HOST_PWD).prepare_request("PUT", MUTE_PATH, query={"participantID": PARTICIPANT}),
    ],
    ids=["access_token", "control_token", "prepare", "prepare_request"],
)
def test_token_fetches_on_the_main_thread_release_the_gil(emu: Emulator, work: Callable[..., object]) -> None:
    hw = meetctl.HuaweiClient.account("demo-account", "Demo@Passw0rd", base_url=emu.url)
    emu.fault(kind="delay", ms=300)
    ticks = ticks_during(lambda: work(hw))
    assert ticks >= 12, f"the other thread only ran {ticks} times while the main thread's call waited 300 ms"


@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize(
    "work",
    [lambda m, p: m.participants(), lambda m, p: m.mute(p), lambda m, p: m.control("rename", p, name="Slow")],
    ids=["participants", "mute", "control"],
)
def test_meeting_calls_on_the_main_thread_release_the_gil(emu: Emulator, vendor: str, work: Callable[..., object]) -> None:
    meeting = neutral_meeting(emu, vendor)
    bob = an_attendee(meeting.participants())
    meeting.unmute(bob)  # the one-time lookups first
    emu.fault(kind="delay", ms=300)
    ticks = ticks_during(lambda: work(meeting, bob))
    assert ticks >= 12, f"the other thread only ran {ticks} times while the main thread's call waited 300 ms"


def test_the_main_thread_and_other_threads_call_side_by_side(emu: Emulator, tencent, host, attendee) -> None:
    emu.fault(kind="delay", ms=DELAY_MS, times=THREADS + 1, path_prefix="/v1/real-control")
    started = time.monotonic()
    threads = [threading.Thread(target=tencent.close_video, args=(MEETING, host, attendee)) for _ in range(THREADS)]
    for t in threads:
        t.start()
    tencent.close_video(MEETING, host, attendee)
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    assert DELAY_MS / 1000 <= elapsed < 1.0, f"{elapsed:.3f} s: serial would be {(THREADS + 1) * DELAY_MS / 1000} s"
    assert emu.request_count() == THREADS + 1


def test_errors_are_the_same_on_the_main_thread(emu: Emulator) -> None:
    """A failing call raises the same exception on the main thread (run on a worker thread) as on
    any other thread (run in place)."""
    offline = meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, base_url=emu.url, max_attempts=1)
    emu.fault(kind="status", status=503)
    with pytest.raises(meetctl.ApiError) as on_main:
        offline.request("GET", "/v1/x")
    emu.fault(kind="status", status=503)
    errors: List[BaseException] = []

    def other() -> None:
        try:
            offline.request("GET", "/v1/x")
        except BaseException as e:
            errors.append(e)

    t = threading.Thread(target=other)
    t.start()
    t.join()
    assert [type(e) for e in errors] == [type(on_main.value)] == [meetctl.ApiError]
