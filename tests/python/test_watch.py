"""Meeting.watch() and Meeting.events() from Python: a meeting's roster kept current and its changes
as MeetingEvents, against the real emulator with the real package.

Tencent today: the demo meeting watched by polling its real-time participant list (join, mute,
leave, end), and pushed through a TencentReceiver the emulator delivers to. Huawei's watch is being
finished in the core: its test is skipped while ``watch()`` raises Unsupported for Huawei and runs
as soon as it does not."""

import _thread
import threading
import time
from typing import Any, Callable, Iterator, List, Optional

import pytest

import meetctl
from conftest import CONF, MEETING, SECRET_KEY, Emulator, neutral_meeting
from meetctl import MeetingEvent, MeetingWatch, TencentReceiver, TencentWebhook

TOKEN = "Tok3nOfTwentyFiveCharsXyz"  # 25 letters and digits, as the vendor's

# What the initial roster's events and every other event may be.
KINDS = {"joined", "left", "changed", "started", "ended", "gap", "other"}
ORIGINS = {"pushed", "polled", "resync", "initial"}


def who(event: MeetingEvent) -> Optional[str]:
    return event.participant.name if event.participant is not None else None


def take_until(watch: MeetingWatch, stop: Callable[[MeetingEvent], bool], within: float = 10.0) -> List[MeetingEvent]:
    """The events up to and including the first that `stop` accepts (failing after `within` s)."""
    deadline = time.monotonic() + within
    seen: List[MeetingEvent] = []
    while time.monotonic() < deadline:
        event = watch.next(timeout=0.2)
        if event is None:
            continue
        seen.append(event)
        if stop(event):
            return seen
    pytest.fail(f"timed out; events so far: {seen!r}")


def zoe_joins(emu: Emulator) -> None:
    emu.tencent_join(MEETING, "ms-zoe", 1, userid="zoe", name="Zoe")


@pytest.fixture
def guard() -> Iterator[Callable[[MeetingWatch], None]]:
    """guard(watch): closes the watch after 20 s, so that a test waiting on it fails rather than
    hangs."""
    timers: List[threading.Timer] = []

    def arm(watch: MeetingWatch) -> None:
        timer = threading.Timer(20.0, watch.close)
        timer.daemon = True
        timer.start()
        timers.append(timer)

    yield arm
    for timer in timers:
        timer.cancel()


# ---------------------------------------------------------------------------- Tencent, polled


def test_polling_sees_join_mute_leave_and_end(emu: Emulator, guard: Callable[[MeetingWatch], None]) -> None:
    meeting = neutral_meeting(emu, "tencent")
    with meeting.watch(poll_interval=0.1) as watch:
        guard(watch)
        # The roster the watch starts from is read before watch() returns, and arrives as joins.
        start = watch.roster()
        assert len(start) == 6, start
        assert start == meeting.participants(), "the same participants as a listing"
        first = [watch.next(timeout=0) for _ in start]
        assert [(e.kind, e.origin) for e in first if e is not None] == [("joined", "initial")] * len(start)
        assert [e.participant for e in first if e is not None] == start

        zoe_joins(emu)
        joined = take_until(watch, lambda e: e.kind == "joined" and who(e) == "Zoe")[-1]
        zoe = joined.participant
        assert zoe is not None and zoe.controllable and zoe.audio_muted is False
        assert zoe.id == "tencent:1:ms-zoe"
        meeting.mute(zoe)  # the participant of an event is what the controls take
        changed = take_until(watch, lambda e: e.kind == "changed" and who(e) == "Zoe")[-1]
        assert changed.changed == ["audio_muted"]
        assert changed.before is not None and changed.participant is not None
        assert (changed.before.audio_muted, changed.participant.audio_muted) == (False, True)
        assert changed.origin == "polled"
        in_roster = next(p for p in watch.roster() if p.id == zoe.id)
        assert in_roster.audio_muted is True

        emu.tencent_leave(MEETING, "ms-zoe")
        left = take_until(watch, lambda e: e.kind == "left" and who(e) == "Zoe")[-1]
        assert left.participant is not None and left.participant.id == zoe.id
        emu.tencent_end(MEETING)
        # Iteration waits for each event and stops once the watch is finished.
        rest = list(watch)
        assert rest and rest[-1].kind == "ended", rest
        assert all(e.kind != "gap" for e in rest), rest
        assert watch.finished and watch.roster() == []
        assert watch.next(timeout=0.05) is None
        assert list(watch) == []
    seen = [joined, changed, left, rest[-1]]
    assert [(e.kind, who(e)) for e in seen] == [("joined", "Zoe"), ("changed", "Zoe"), ("left", "Zoe"), ("ended", None)]


def test_mute_whoever_joins(emu: Emulator, guard: Callable[[MeetingWatch], None]) -> None:
    """What an app writes: whoever joins from now on is muted (those already there arrive first
    as joins marked "initial", and are left alone)."""
    meeting = neutral_meeting(emu, "tencent")
    before = {p.id: p.audio_muted for p in meeting.participants()}
    muted: List[str] = []
    with meeting.watch(poll_interval=0.1) as watch:
        guard(watch)
        zoe_joins(emu)
        for event in watch:
            p = event.participant
            if event.kind == "joined" and event.origin != "initial" and p is not None and p.controllable:
                meeting.mute(p)
                muted.append(p.id)
            if event.kind == "changed" and p is not None and p.name == "Zoe" and p.audio_muted:
                break
    assert muted == ["tencent:1:ms-zoe"], muted
    now = {p.id: p.audio_muted for p in meeting.participants()}
    assert now.pop("tencent:1:ms-zoe") is True
    assert now == before, "those already there are as they were"


def test_a_blocked_next_ends_when_closed_from_another_thread(emu: Emulator) -> None:
    watch = neutral_meeting(emu, "tencent").watch()
    while watch.next(timeout=0) is not None:  # the joins it starts from
        pass
    assert not watch.finished
    closer = threading.Timer(0.2, watch.close)
    started = time.monotonic()
    closer.start()
    assert watch.next() is None
    assert time.monotonic() - started < 5
    assert watch.finished and list(watch) == []
    watch.close()  # again: nothing

    # A `for` loop on another thread ends too, and the GIL is free meanwhile.
    watch = neutral_meeting(emu, "tencent").watch()
    taken: List[MeetingEvent] = []
    reader = threading.Thread(target=lambda: taken.extend(watch))
    reader.start()
    time.sleep(0.3)
    watch.close()
    reader.join(timeout=5)
    assert not reader.is_alive()
    assert len(taken) == 6 and all(e.kind == "joined" for e in taken)


def test_ctrl_c_reaches_a_waiting_watch(emu: Emulator) -> None:
    with neutral_meeting(emu, "tencent").watch() as watch:
        while watch.next(timeout=0) is not None:
            pass
        timer = threading.Timer(0.3, _thread.interrupt_main)
        started = time.monotonic()
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            watch.next()
        assert time.monotonic() - started < 2
        with pytest.raises(KeyboardInterrupt):
            threading.Timer(0.2, _thread.interrupt_main).start()
            for _ in watch:
                pass
        assert not watch.finished, "an interrupted wait leaves the watch as it was"


def test_an_error_is_raised_once_then_the_watch_is_finished(emu: Emulator) -> None:
    # The credentials are revoked while the meeting is watched: polls are refused as Auth
    # errors, which end the watch (the app must act), raised once.
    meeting = neutral_meeting(emu, "tencent", max_attempts=1)
    with meeting.watch(poll_interval=0.1) as watch:
        while watch.next(timeout=0) is not None:
            pass
        emu.inject_fault("status", status=401, times=None, path_prefix=f"/v1/meetings/{MEETING}")
        with pytest.raises(meetctl.MeetctlError) as raised:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                event = watch.next(timeout=0.2)
                assert event is None or event.kind == "gap", event
        assert raised.value.kind == "auth", raised.value
        assert isinstance(raised.value, meetctl.AuthError)
        assert watch.next(timeout=0.05) is None and watch.finished


# ---------------------------------------------------------------------------- Tencent, pushed


def test_pushed_events_through_a_receiver(emu: Emulator, guard: Callable[[MeetingWatch], None]) -> None:
    with TencentReceiver(TencentWebhook(TOKEN)) as receiver:
        host, port = receiver.address
        subscription = emu.subscribe_tencent_webhook(f"http://{host}:{port}/hook", TOKEN, retry_delays_ms=[200])
        assert subscription.get("verified") is True, subscription
        meeting = neutral_meeting(emu, "tencent")
        # Push only: no polling, so nothing is read before the first event.
        with meeting.events(receiver=receiver) as watch:
            guard(watch)
            zoe_joins(emu)
            emu.tencent_leave(MEETING, "ms-zoe")
            emu.tencent_end(MEETING)
            events = take_until(watch, lambda e: e.kind == "ended")
            assert watch.next(timeout=0.05) is None and watch.finished
        # The meeting's end pushes a leave for everyone still in it, then the end.
        seen = [(e.kind, who(e), e.origin) for e in events if e.kind == "ended" or who(e) == "Zoe"]
        assert seen == [("joined", "Zoe", "pushed"), ("left", "Zoe", "pushed"), ("ended", None, "pushed")], events
        joined = next(e for e in events if e.kind == "joined" and who(e) == "Zoe")
        assert joined.participant is not None and joined.participant.id == "tencent:1:ms-zoe", "a listing's id"
        # The end carries the vendor's message (a join's event has none of its own today).
        assert isinstance(events[-1].raw, dict) and events[-1].raw, "the vendor's message"
        ended = events[-1].to_json()
        assert ended["kind"] == "ended" and ended["origin"] == "pushed" and ended["raw"] == events[-1].raw
        # Without a receiver there is nothing to read: refused, naming it.
        with pytest.raises(meetctl.InvalidArgument) as refused:
            meeting.events()
        assert refused.value.field == "receiver"
    # A closed receiver is refused too.
    with pytest.raises(meetctl.InvalidArgument) as refused:
        meeting.watch(receiver=receiver)
    assert refused.value.field == "receiver"


def test_watch_with_a_receiver_polls_and_takes_pushed_events(
    emu: Emulator, guard: Callable[[MeetingWatch], None]
) -> None:
    with TencentReceiver(TencentWebhook(TOKEN)) as receiver:
        host, port = receiver.address
        emu.subscribe_tencent_webhook(f"http://{host}:{port}/hook", TOKEN, retry_delays_ms=[200])
        meeting = neutral_meeting(emu, "tencent")
        with meeting.watch(poll_interval=0.1, receiver=receiver) as watch:
            guard(watch)
            zoe_joins(emu)
            joined = take_until(watch, lambda e: e.kind == "joined" and who(e) == "Zoe")[-1]
            assert joined.origin in ("pushed", "polled")
            assert joined.participant is not None and joined.participant.id == "tencent:1:ms-zoe"
            # A join pushed first knows no flags; the next poll fills them in (becoming known is no
            # change, so no event): wait for it before muting, or the mute is what becomes known.
            deadline = time.monotonic() + 10
            while not any(p.name == "Zoe" and p.audio_muted is False for p in watch.roster()):
                assert time.monotonic() < deadline, watch.roster()
                time.sleep(0.05)
            meeting.mute(joined.participant)
            changed = take_until(watch, lambda e: e.kind == "changed" and who(e) == "Zoe")[-1]
            assert changed.changed == ["audio_muted"] and changed.origin == "polled"
            # Zoe joined once, whichever way it was seen first.
            zoes = [p for p in watch.roster() if p.name == "Zoe"]
            assert len(zoes) == 1


# ---------------------------------------------------------------------------- arguments and shape


def test_bad_arguments_are_refused_before_anything_is_sent(emu: Emulator) -> None:
    meeting = neutral_meeting(emu, "tencent")
    before = emu.request_count()
    for bad in ({"poll_interval": 0.01}, {"poll_interval": 301}, {"poll_interval": float("nan")},
                {"poll_interval": -1}, {"queue": 15}, {"queue": 1_000_001}, {"queue": -1}):
        with pytest.raises(meetctl.InvalidArgument) as refused:
            meeting.watch(**bad)
        assert refused.value.field == next(iter(bad)), bad
    for wrong in ({"poll_interval": "2"}, {"poll_interval": True}, {"queue": 16.0}, {"queue": "16"},
                  {"receiver": "http://hook"}):
        with pytest.raises(TypeError):
            meeting.watch(**wrong)
    with pytest.raises(meetctl.InvalidArgument) as refused:
        meeting.events(queue=2)
    assert refused.value.field == "queue"
    with pytest.raises(meetctl.InvalidArgument) as refused:
        meeting.events()
    assert refused.value.field == "receiver"
    with pytest.raises(TypeError):
        meeting.watch(0.5)  # type: ignore[call-arg]
    assert emu.request_count() == before, "nothing was sent"
    # next()'s timeout.
    with meeting.watch() as watch:
        with pytest.raises(meetctl.InvalidArgument) as refused:
            watch.next(timeout=-1)
        assert refused.value.field == "timeout"
        with pytest.raises(TypeError):
            watch.next(timeout="1")  # type: ignore[arg-type]


def test_the_public_names_reprs_and_immutability(emu: Emulator) -> None:
    for name in ("MeetingWatch", "MeetingEvent"):
        cls = getattr(meetctl, name)
        assert name in meetctl.__all__ and cls.__module__ == "meetctl._meetctl" and cls.__name__ == name
        assert (cls.__doc__ or "").strip()
        for attr, member in vars(cls).items():
            if not attr.startswith("_"):
                assert (member.__doc__ or "").strip(), f"{name}.{attr}"
        with pytest.raises(TypeError):
            cls()
    for method in ("watch", "events"):
        assert (getattr(meetctl.Meeting, method).__doc__ or "").strip()
    meeting = neutral_meeting(emu, "tencent")
    with meeting.watch() as watch:
        shown = repr(watch)
        assert shown == f"MeetingWatch(vendor='tencent', meeting_id='{MEETING}', polling=True, finished=False)"
        event = watch.next(timeout=0)
        assert event is not None
        assert repr(event).startswith("MeetingEvent(kind='joined', origin='initial', participant=Participant(id=")
        assert event.kind in KINDS and event.origin in ORIGINS
        assert event.before is None and event.changed == [] and event.reason is None and event.name is None
        assert event.raw is None, "an initial join has no vendor message of its own"
        assert event == event and event != watch.next(timeout=0)
        as_json = event.to_json()
        assert as_json["kind"] == "joined" and as_json["participant"]["id"] == event.participant.id  # type: ignore[union-attr]
        with pytest.raises(AttributeError):
            event.kind = "left"  # type: ignore[misc]
        with pytest.raises(TypeError):
            hash(event)
    assert repr(watch).endswith("finished=True)")
    assert SECRET_KEY not in shown + repr(event)


# ---------------------------------------------------------------------------- Huawei


def test_huawei_refuses_a_tencent_receiver(emu: Emulator) -> None:
    meeting = neutral_meeting(emu, "huawei")
    with TencentReceiver(TencentWebhook(TOKEN)) as receiver:
        for call in (meeting.watch, meeting.events):
            with pytest.raises(meetctl.InvalidArgument) as refused:
                call(receiver=receiver)
            assert refused.value.field == "receiver"


def changes(watch: MeetingWatch, stop: Callable[[MeetingEvent], bool]) -> List[MeetingEvent]:
    """The participant events, gaps and the end (not the conference's own notices, kind "other")
    up to the first that `stop` accepts."""
    return [e for e in take_until(watch, lambda e: e.kind != "other" and stop(e)) if e.kind != "other"]


def huawei_started(meeting: meetctl.Meeting) -> MeetingWatch:
    """A watch of the Huawei conference, its initial joins taken (as many as a listing has)."""
    watch = meeting.watch()
    listed = meeting.participants()
    assert sorted(p.id for p in watch.roster()) == sorted(p.id for p in listed)
    initial: List[MeetingEvent] = []
    while len(initial) < len(listed):
        initial += changes(watch, lambda e: True)
    assert all((e.kind, e.origin) == ("joined", "initial") for e in initial), initial
    assert sorted(e.participant.id for e in initial if e.participant) == sorted(p.id for p in listed)
    return watch


def test_huawei_watch_join_mute_hand_leave_end(emu: Emulator, guard: Callable[[MeetingWatch], None]) -> None:
    meeting = neutral_meeting(emu, "huawei")
    with huawei_started(meeting) as watch:
        guard(watch)
        pid = emu.huawei_join(CONF, "Zoe")
        joined = changes(watch, lambda e: e.kind == "joined")[-1]
        assert (joined.origin, joined.participant and joined.participant.name) == ("pushed", "Zoe")
        zoe = joined.participant
        assert zoe is not None and zoe.id == f"huawei:{pid}"
        meeting.mute(zoe)  # the participant the event gave is the one the controls take
        muted = changes(watch, lambda e: e.kind == "changed")[-1]
        assert muted.changed == ["audio_muted"] and muted.participant and muted.participant.audio_muted is True
        emu.huawei_hand(CONF, pid, True)
        hand = changes(watch, lambda e: e.kind == "changed")[-1]
        assert hand.changed == ["hand_raised"]
        now = next(p for p in watch.roster() if p.id == zoe.id)
        assert (now.audio_muted, now.hand_raised) == (True, True)
        emu.huawei_leave(CONF, pid)
        left = changes(watch, lambda e: e.kind == "left")[-1]
        assert left.participant and left.participant.id == zoe.id
        emu.huawei_end(CONF)
        end = changes(watch, lambda e: e.kind == "ended")
        assert all(e.kind != "gap" for e in end), end
        assert watch.roster() == []
        assert list(watch) == [] and watch.finished


def test_huawei_watch_socket_dropped_mid_meeting(emu: Emulator, guard: Callable[[MeetingWatch], None]) -> None:
    meeting = neutral_meeting(emu, "huawei")
    with huawei_started(meeting) as watch:
        guard(watch)
        zoe = emu.huawei_join(CONF, "Zoe")
        changes(watch, lambda e: e.kind == "joined")
        # The socket drops and two reconnections are refused: meanwhile Yan joins, Zoe raises her
        # hand, and Xu comes and goes (Xu cannot be seen).
        emu.huawei_ws_refuse(CONF, 2)
        emu.huawei_ws_drop(CONF)
        yan = emu.huawei_join(CONF, "Yan")
        emu.huawei_hand(CONF, zoe, True)
        xu = emu.huawei_join(CONF, "Xu")
        emu.huawei_leave(CONF, xu)
        seen: List[MeetingEvent] = []
        wanted = {("joined", f"huawei:{yan}"), ("changed", f"huawei:{zoe}")}
        while wanted - {(e.kind, e.participant.id) for e in seen if e.participant}:
            seen += changes(watch, lambda e: True)
        kinds = [e.kind for e in seen]
        assert "gap" in kinds, seen
        after = seen[kinds.index("gap") + 1:]
        assert after and all(e.origin == "resync" for e in after), seen
        assert all(e.participant is None or e.participant.id != f"huawei:{xu}" for e in seen)
        hand = next(e for e in seen if e.kind == "changed")
        assert hand.changed == ["hand_raised"]
        assert emu.huawei_ws_stats(CONF)["connections"] >= 2
        assert any(p.id == f"huawei:{yan}" for p in watch.roster())
