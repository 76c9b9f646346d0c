"""One meeting, either vendor: one behavioural suite, written once and run against the demo's
Tencent meeting and Huawei conference in the emulator (the `vendor` fixture), proving the same
calls give the same observable result in the emulator's state. Then what differs by design:
capabilities and Unsupported, the Tencent rejoin; and the checks made before anything is sent."""

import os
import subprocess
import sys
from typing import Any, Callable

import pytest

import meetctl
from conftest import (
    ALICE_BY_USERID,
    APP_ID,
    CONF,
    HOST_PWD,
    MEETING,
    REPO,
    SECRET_ID,
    SECRET_KEY,
    Emulator,
    an_attendee,
    meeting_state,
    neutral_meeting,
    state_entry,
    vendor_id,
)

ALL_OPERATIONS = (
    "participants",
    "mute",
    "unmute",
    "mute_all",
    "unmute_all",
    "remove",
    "set_cohost",
    "revoke_cohost",
    "stop_video",
    "rename",
    "lock",
    "unlock",
    "end",
    "make_host",
    "broadcast",
    "cancel_broadcast",
    "lower_all_hands",
    "invite",
    "cancel_invite",
)
# What Tencent cannot do: hand over the host role, broadcast (its layouts are no broadcast), lower
# hands (it lists none).
HUAWEI_ONLY = ("make_host", "broadcast", "cancel_broadcast", "lower_all_hands")
# The emulator's word for an ordinary participant, per vendor (the listing says "attendee" for both).
ATTENDEE_IN_STATE = {"tencent": "attendee", "huawei": "participant"}
EXAMPLE = REPO / "examples" / "python" / "either_vendor.py"


def locked(emu: Emulator, vendor: str) -> bool:
    settings = meeting_state(emu, vendor)["settings"]
    return settings["meeting_locked"] is True if vendor == "tencent" else settings["isLock"] == 1


def listed(meeting: meetctl.Meeting, p: meetctl.Participant) -> meetctl.Participant:
    """`p` as the meeting lists them now."""
    return next(q for q in meeting.participants() if q.id == p.id)


# ---------------------------------------------------------------------------- the same calls, the same effect


def test_the_same_calls_have_the_same_effect(emu: Emulator, vendor: str, meeting: meetctl.Meeting) -> None:
    assert (meeting.vendor, meeting.id) == (vendor, MEETING if vendor == "tencent" else CONF)
    people = meeting.participants()
    assert isinstance(people, list) and all(isinstance(p, meetctl.Participant) for p in people)
    assert {p.vendor for p in people} == {vendor}
    assert [p.role for p in people].count("host") == 1, people
    assert len({p.id for p in people}) == len(people), "ids are unique"
    bob = an_attendee(people)

    assert meeting.mute(bob) is None
    assert state_entry(emu, bob)["muted"] is True
    assert listed(meeting, bob).audio_muted is True, "the listing shows it too"
    meeting.unmute(bob)
    assert state_entry(emu, bob)["muted"] is False
    meeting.set_cohost(bob)
    assert state_entry(emu, bob)["role"] == "cohost"
    assert listed(meeting, bob).role == "cohost"
    meeting.revoke_cohost(bob)
    assert state_entry(emu, bob)["role"] == ATTENDEE_IN_STATE[vendor]
    assert listed(meeting, bob).role == "attendee"
    meeting.stop_video(bob)
    assert state_entry(emu, bob)["video"] is False
    assert listed(meeting, bob).video_on is False
    meeting.rename(bob, "Renamed")
    assert state_entry(emu, bob)["name"] == "Renamed"
    assert listed(meeting, bob).name == "Renamed"

    meeting.lock()
    assert locked(emu, vendor)
    meeting.unlock()
    assert not locked(emu, vendor)

    meeting.mute_all()
    after = meeting.participants()
    assert [p.audio_muted for p in after if p.role == "attendee"] == [True] * sum(p.role == "attendee" for p in after)
    assert [p.audio_muted for p in after if p.role == "host"] == [False], "the host is left alone"
    meeting.unmute_all()
    assert state_entry(emu, bob)["muted"] is False
    assert listed(meeting, bob).audio_muted is False

    meeting.remove(bob)
    assert state_entry(emu, bob)["removed"] is True
    assert bob.id not in {p.id for p in meeting.participants()}, "gone from the list"

    meeting.end()
    assert meeting_state(emu, vendor)["ended"] is True


def test_the_generic_control_is_the_named_methods(emu: Emulator, vendor: str, meeting: meetctl.Meeting) -> None:
    bob = an_attendee(meeting.participants())
    meeting.control("mute", bob)
    assert state_entry(emu, bob)["muted"] is True
    meeting.control("rename", bob, name="By value")
    assert state_entry(emu, bob)["name"] == "By value"
    meeting.control("lock")
    assert locked(emu, vendor)
    meeting.control("unmute", participant=bob)
    meeting.control("mute_all", allow_unmute_by_self=None)  # None: not given, the default applies
    assert state_entry(emu, bob)["muted"] is True
    meeting.control("end")
    assert meeting_state(emu, vendor)["ended"] is True


def test_mute_all_can_forbid_unmuting(emu: Emulator, vendor: str, meeting: meetctl.Meeting) -> None:
    meeting.mute_all(allow_unmute_by_self=False)
    settings = meeting_state(emu, vendor)["settings"]
    if vendor == "tencent":
        assert settings["allow_unmute_by_self"] is False
    else:
        assert settings["allowUnmuteByOneself"] == 0


# ---------------------------------------------------------------------------- capabilities, Unsupported


def test_capabilities(vendor: str, meeting: meetctl.Meeting) -> None:
    assert meetctl.Meeting.OPERATIONS == ALL_OPERATIONS
    caps = meeting.capabilities()
    assert isinstance(caps, tuple)
    expected = ALL_OPERATIONS if vendor == "huawei" else tuple(op for op in ALL_OPERATIONS if op not in HUAWEI_ONLY)
    assert caps == expected, "in the order of OPERATIONS"
    for op in ALL_OPERATIONS:
        assert meeting.supports(op) is (op in expected), op  # type: ignore[arg-type]
    with pytest.raises(meetctl.InvalidArgument) as info:
        meeting.supports("make_cohost")  # type: ignore[arg-type]
    assert info.value.field == "operation"
    with pytest.raises(TypeError):
        meeting.supports(7)  # type: ignore[arg-type]


def test_make_host_is_unsupported_on_tencent_before_anything_is_sent(emu: Emulator) -> None:
    tencent = neutral_meeting(emu, "tencent")
    bob = an_attendee(tencent.participants())
    before = emu.request_count()
    for call in (lambda: tencent.make_host(bob), lambda: tencent.control("make_host", bob)):
        with pytest.raises(meetctl.Unsupported) as info:
            call()
        e = info.value
        assert (e.kind, e.vendor, e.operation) == ("unsupported", "tencent", "make_host")
        assert isinstance(e, meetctl.MeetctlError) and isinstance(e, NotImplementedError)
        assert not isinstance(e, (meetctl.ApiError, meetctl.InvalidArgument))
        assert "make_host" in str(e)
    assert emu.request_count() == before, "nothing was sent"
    assert meeting_state(emu, "tencent")["participants"][0]["role"] == "creator"


def test_broadcast_and_hands_are_unsupported_on_tencent_before_anything_is_sent(emu: Emulator) -> None:
    tencent = neutral_meeting(emu, "tencent")
    bob = meetctl.Participant.from_id("tencent:2:agaqwwgdkkddd")
    before = emu.request_count()
    calls = {
        "broadcast": (lambda: tencent.broadcast(bob), lambda: tencent.control("broadcast", bob)),
        "cancel_broadcast": (lambda: tencent.cancel_broadcast(), lambda: tencent.control("cancel_broadcast")),
        "lower_all_hands": (lambda: tencent.lower_all_hands(), lambda: tencent.control("lower_all_hands")),
    }
    for operation, pair in calls.items():
        for call in pair:
            with pytest.raises(meetctl.Unsupported) as info:
                call()
            assert (info.value.vendor, info.value.operation) == ("tencent", operation)
    assert emu.request_count() == before, "nothing was sent"


def test_broadcast_and_lower_all_hands_on_huawei(emu: Emulator) -> None:
    huawei = neutral_meeting(emu, "huawei")
    bob = an_attendee(huawei.participants())
    huawei.broadcast(bob)
    state = meeting_state(emu, "huawei")
    assert (state["mode"], state["broadcast"]) == ("BROADCAST", vendor_id(bob))
    huawei.control("cancel_broadcast")
    assert meeting_state(emu, "huawei")["mode"] == "FREE"
    with pytest.raises(meetctl.InvalidArgument) as info:
        huawei.control("broadcast")
    assert info.value.field == "participant"
    raised = [p for p in huawei.participants() if p.hand_raised]
    assert raised, "the scenario starts with a raised hand"
    huawei.lower_all_hands()
    assert not any(p.hand_raised for p in huawei.participants())
    assert emu.statuses_for("/v1/mmc/control/conferences/participants/batch/hands") == [200]
    huawei.lower_all_hands()  # none raised: nothing more is sent
    assert emu.statuses_for("/v1/mmc/control/conferences/participants/batch/hands") == [200]


def test_invite_and_cancel_on_both_vendors(emu: Emulator, vendor: str, meeting: meetctl.Meeting) -> None:
    meeting.invite(phone="13800000009", name="Hana")
    meeting.invite(sip_address="sip:py@example.com")
    state = meeting_state(emu, vendor)
    if vendor == "tencent":
        calls = {c["call_id"]: c for c in state["calls"]}
        assert calls["86-13800000009"]["state"] == "ringing"
        assert state["calls"][-1]["target"] == {"kind": "sip", "dial_string": "sip:py@example.com"}
    else:
        numbers = {p.get("number"): p for p in state["participants"]}
        assert numbers["+8613800000009"]["name"] == "Hana"
        assert numbers["sip:py@example.com"]["terminal"] is True
    meeting.cancel_invite(phone="13800000009")
    meeting.control("cancel_invite", sip_address="sip:py@example.com")
    state = meeting_state(emu, vendor)
    if vendor == "tencent":
        assert [c["state"] for c in state["calls"]] == ["cancelled", "cancelled"]
    else:
        assert state["removed_attendees"][-2:] == ["+8613800000009", "sip:py@example.com"]
    before = emu.request_count()
    for kwargs, field in [
        ({}, "phone"),
        ({"phone": "138", "sip_address": "sip:a@b"}, "sip_address"),
        ({"phone": "12ab"}, "phone"),
        ({"phone": "1380", "country_code": 0}, "country_code"),
    ]:
        with pytest.raises(meetctl.InvalidArgument) as info:
            meeting.invite(**kwargs)  # type: ignore[arg-type]
        assert info.value.field == field, kwargs
    assert emu.request_count() == before, "nothing was sent"


def test_an_invitation_is_not_repeated_after_a_gateway_timeout(emu: Emulator, vendor: str, meeting: meetctl.Meeting) -> None:
    path = "/v1/meeting/1242152152161/phone/callout" if vendor == "tencent" else "/v1/mmc/control/conferences/participants"
    emu.fault(kind="status", status=504, path_prefix=path, times=1)
    with pytest.raises(meetctl.MeetctlError) as info:
        meeting.invite(phone="13800000007")
    assert info.value.status == 504
    assert emu.statuses_for(path) == [504], "sent once: a second call would ring again"


def test_make_host_works_on_huawei(emu: Emulator) -> None:
    huawei = neutral_meeting(emu, "huawei")
    bob = an_attendee(huawei.participants())
    huawei.make_host(bob)
    assert meeting_state(emu, "huawei")["host"] == vendor_id(bob)
    assert listed(huawei, bob).role == "host"


def test_make_host_needs_the_host_password(emu: Emulator) -> None:
    hw = meetctl.HuaweiClient(base_url=emu.url)
    guest = meetctl.Meeting.huawei(hw.conference(CONF, password="246810"))
    bob = an_attendee(guest.participants())
    with pytest.raises(meetctl.PermissionDenied):
        guest.make_host(bob)  # the guest password is no chairman password
    # A handle opened with a control token has no password to send: refused before any I/O.
    token = hw.conference(CONF, password=HOST_PWD).control_token()
    by_token = meetctl.Meeting.huawei(hw.conference(CONF, control_token=token))
    before = emu.request_count()
    with pytest.raises(meetctl.InvalidArgument) as info:
        by_token.make_host(bob)
    assert info.value.field == "conference"
    assert emu.request_count() == before
    assert meeting_state(emu, "huawei")["host"] != vendor_id(bob)


# ---------------------------------------------------------------------------- the id round trip


def test_every_listed_participant_is_reached_by_their_id(emu: Emulator, vendor: str, meeting: meetctl.Meeting) -> None:
    people = [p for p in meeting.participants() if p.controllable and p.role != "host"]
    assert len(people) >= 3
    for i, p in enumerate(people):
        before = meeting_state(emu, vendor)["participants"]
        meeting.rename(p, f"Person {i}")
        if p.audio_muted:
            meeting.unmute(p)
        else:
            meeting.mute(p)
        after = meeting_state(emu, vendor)["participants"]
        changed = [a for a, b in zip(after, before) if a != b]
        assert changed == [state_entry(emu, p)], f"{p}: only they changed"
        assert (changed[0]["name"], changed[0]["muted"]) == (f"Person {i}", not p.audio_muted)


def test_a_kept_id_reaches_the_person(emu: Emulator, vendor: str, meeting: meetctl.Meeting) -> None:
    bob = an_attendee(meeting.participants())
    kept = meetctl.Participant.from_id(bob.id)
    assert (kept.id, kept.vendor, kept.controllable) == (bob.id, vendor, True)
    assert (kept.name, kept.role, kept.device, kept.audio_muted, kept.raw) == (None, "other", None, None, {})
    assert kept != bob and kept == meetctl.Participant.from_id(bob.id)
    meeting.mute(kept)
    assert state_entry(emu, bob)["muted"] is True
    meeting.set_cohost(kept)
    assert state_entry(emu, bob)["role"] == "cohost"
    # Huawei renames by the participant's number: looked up for a kept id (one more request).
    meeting.rename(kept, "Looked up")
    assert state_entry(emu, bob)["name"] == "Looked up"
    meeting.remove(kept)
    assert state_entry(emu, bob)["removed"] is True


def test_after_a_rejoin_on_another_device_the_new_listing_reaches_them(emu: Emulator) -> None:
    meeting = neutral_meeting(emu, "tencent")
    bob = next(p for p in meeting.participants() if p.raw.get("userid") == "bob")
    assert bob.device == "mac"
    meeting.mute(bob)
    assert state_entry(emu, bob)["muted"] is True

    # Bob joins again from his phone: Tencent keeps his ms_open_id (per meeting), the device is
    # per join, so the listing gives him a new id, and that id reaches him.
    emu.tencent_rejoin(MEETING, vendor_id(bob), int(meetctl.Instance.IOS))
    again = next(p for p in meeting.participants() if p.raw.get("userid") == "bob")
    assert again.id != bob.id and again.device == "ios"
    meeting.unmute(again)
    assert state_entry(emu, again)["muted"] is False
    meeting.mute(meetctl.Participant.from_id(again.id))
    assert state_entry(emu, again)["muted"] is True, "a kept copy of the new id works too"
    # The old id names his old device: the vendor answers success without effect.
    meeting.unmute(bob)
    assert state_entry(emu, again)["muted"] is True


def test_bad_ids() -> None:
    for bad in ["", "p1", "tencent:x:m", "tencent:2", "huawei:", "zoom:1"]:
        with pytest.raises(meetctl.InvalidArgument) as info:
            meetctl.Participant.from_id(bad)
        assert info.value.field == "participant", bad
    with pytest.raises(TypeError, match="id"):
        meetctl.Participant.from_id(12)  # type: ignore[arg-type]
    pstn = meetctl.Participant.from_id("tencent:0:m")
    assert (pstn.vendor, pstn.controllable) == ("tencent", False)


# ---------------------------------------------------------------------------- checked before anything is sent


def test_bad_input_names_the_field_and_sends_nothing(emu: Emulator) -> None:
    tencent = neutral_meeting(emu, "tencent")
    huawei = neutral_meeting(emu, "huawei")
    tc_bob = an_attendee(tencent.participants())
    hw_bob = an_attendee(huawei.participants())
    rooms = next(p for p in tencent.participants() if not p.controllable)
    before = emu.request_count()

    def invalid(field: str, call: Callable[[], Any]) -> None:
        with pytest.raises(meetctl.InvalidArgument) as info:
            call()
        assert info.value.field == field, info.value
        assert isinstance(info.value, ValueError)

    invalid("participant", lambda: tencent.mute(hw_bob))
    invalid("participant", lambda: huawei.mute(tc_bob))
    invalid("participant", lambda: tencent.rename(hw_bob, "x"))
    invalid("participant", lambda: tencent.mute(rooms))
    invalid("participant", lambda: tencent.mute(meetctl.Participant.from_id("tencent:0:m")))
    invalid("name", lambda: tencent.rename(tc_bob, "a name well over twenty characters"))
    invalid("name", lambda: tencent.rename(tc_bob, ""))
    for m, p in ((tencent, tc_bob), (huawei, hw_bob)):
        invalid("name", lambda: m.rename(p, 20))  # type: ignore[arg-type]
        invalid("name", lambda: m.rename(p, ["Bob"]))  # type: ignore[arg-type]
        invalid("allow_unmute_by_self", lambda: m.mute_all(allow_unmute_by_self="yes"))  # type: ignore[arg-type]
        invalid("operation", lambda: m.control("participants"))  # type: ignore[arg-type]
        invalid("operation", lambda: m.control("mute_everyone"))  # type: ignore[arg-type]
        invalid("participant", lambda: m.control("mute"))
        # The named methods are the control call: a missing participant is the same error.
        invalid("participant", lambda: m.mute(None))  # type: ignore[arg-type]
        invalid("participant", lambda: m.control("lock", p))
        invalid("nick_name", lambda: m.control("rename", p, nick_name="Bob"))
        invalid("name", lambda: m.control("rename", p))
        for call in (
            lambda: m.mute(p.id),  # type: ignore[arg-type]
            lambda: m.remove(meetctl.TencentUser(userid="bob", instance=2)),  # type: ignore[arg-type]
            lambda: m.control("mute", "huawei:p-evan"),  # type: ignore[arg-type]
        ):
            with pytest.raises(TypeError, match="participant must be a meetctl.Participant"):
                call()
    invalid("meeting_id", lambda: meetctl.Meeting.tencent(tencent_client(emu), "12/../admin", ALICE_BY_USERID))
    with pytest.raises(TypeError):
        meetctl.Meeting.tencent(meetctl.HuaweiClient(base_url=emu.url), MEETING, ALICE_BY_USERID)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        meetctl.Meeting.huawei(tencent_client(emu))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        meetctl.Meeting()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        meetctl.Participant()  # type: ignore[call-arg]
    # Listing a Tencent meeting needs the operator by userid (or OAuth openid).
    by_ms_open_id = meetctl.TencentUser(ms_open_id="afagsagwags", instance=meetctl.Instance.IOS)
    invalid("operator", lambda: meetctl.Meeting.tencent(tencent_client(emu), MEETING, by_ms_open_id).participants())
    assert emu.request_count() == before, "nothing was sent"


def tencent_client(emu: Emulator) -> meetctl.TencentClient:
    return meetctl.TencentClient(app_id=APP_ID, secret_id=SECRET_ID, secret_key=SECRET_KEY, base_url=emu.url)


def test_an_operator_by_ms_open_id_controls(emu: Emulator) -> None:
    by_ms_open_id = meetctl.TencentUser(ms_open_id="afagsagwags", instance=meetctl.Instance.IOS)
    meeting = meetctl.Meeting.tencent(tencent_client(emu), MEETING, by_ms_open_id)
    meeting.mute(meetctl.Participant.from_id("tencent:2:agaqwwgdkkddd"))
    assert emu.participant(MEETING, "agaqwwgdkkddd")["muted"] is True


def test_the_operator_ms_open_id_is_looked_up_once(emu: Emulator) -> None:
    meeting = neutral_meeting(emu, "tencent")
    bob = an_attendee(meeting.participants())
    meeting.mute(bob)
    meeting.unmute(bob)
    meeting.lock()
    lookups = [r for r in emu.state()["requests"] if r["path"].endswith("/ms-open-id")]
    assert len(lookups) == 1


def test_vendor_errors_keep_their_classes(emu: Emulator, vendor: str) -> None:
    meeting = neutral_meeting(emu, vendor, max_attempts=1)
    meeting.end()
    with pytest.raises(meetctl.ApiError) as info:
        meeting.participants()
    assert info.value.vendor == vendor
    emu.fault(kind="rate_limit", retry_after=2)
    with pytest.raises(meetctl.RateLimited) as limited:
        meeting.lock()
    assert limited.value.attempts == 1


# ---------------------------------------------------------------------------- values


def test_participants_are_immutable_values(emu: Emulator, vendor: str, meeting: meetctl.Meeting) -> None:
    first, second = meeting.participants(), meeting.participants()
    assert first == second, "an unchanged meeting lists equal participants"
    assert len(set(first) | set(second)) == len(first), "hashable, by value"
    bob = an_attendee(first)
    meeting.mute(bob)
    now = listed(meeting, bob)
    assert now != bob and now.id == bob.id and hash(now) == hash(bob)
    with pytest.raises(AttributeError):
        bob.name = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        bob.audio_muted = True  # type: ignore[misc]
    raw = bob.raw
    assert isinstance(raw, dict) and raw
    raw.clear()
    assert bob.raw, "raw is a new dict on every access"
    assert bob != "not a participant"


def test_participant_fields(emu: Emulator) -> None:
    tencent = {p.raw.get("userid"): p for p in neutral_meeting(emu, "tencent").participants()}
    alice, bob, carol, dave = tencent["alice"], tencent["bob"], tencent["carol"], tencent["dave"]
    assert (alice.role, alice.device, alice.audio_muted, alice.controllable) == ("host", "ios", False, True)
    assert (bob.role, bob.device, bob.video_on, bob.sharing_screen, bob.hand_raised) == ("attendee", "mac", True, False, None)
    assert (carol.role, dave.audio_muted) == ("cohost", True)
    assert bob.id.startswith("tencent:") and bob.vendor == "tencent"
    huawei = {p.name: p for p in neutral_meeting(emu, "huawei").participants()}
    assert set(huawei) == {"Alice", "Bob", "Carol", "Dora", "Evan"}, "not the waiting room"
    assert (huawei["Alice"].role, huawei["Dora"].role, huawei["Carol"].audio_muted) == ("host", "cohost", True)
    evan = huawei["Evan"]
    assert (evan.hand_raised, evan.video_on, evan.sharing_screen, evan.device) == (True, False, None, None)
    assert evan.vendor == "huawei" and evan.raw


def test_reprs(emu: Emulator) -> None:
    tencent, huawei = neutral_meeting(emu, "tencent"), neutral_meeting(emu, "huawei")
    assert repr(tencent) == f"Meeting(vendor='tencent', id='{MEETING}', operator=TencentUser(userid='alice', instance=Instance.IOS))"
    assert repr(huawei) == f"Meeting(vendor='huawei', id='{CONF}')"
    evan = next(p for p in huawei.participants() if p.name == "Evan")
    assert repr(evan) == (
        "Participant(id='huawei:p-evan', name='Evan', role='attendee', audio_muted=False, video_on=False, "
        "hand_raised=True, controllable=True)"
    )
    assert repr(meetctl.Participant.from_id("tencent:0:m")) == "Participant(id='tencent:0:m', role='other', controllable=False)"
    for text in [repr(tencent), repr(huawei), *(repr(p) for m in (tencent, huawei) for p in m.participants())]:
        for secret in (SECRET_KEY, HOST_PWD):
            assert secret not in text


# ---------------------------------------------------------------------------- the example


def test_the_example_mutes_everyone_but_the_host_then_ends(emu: Emulator) -> None:
    people = {v: neutral_meeting(emu, v).participants() for v in ("tencent", "huawei")}
    env = {k: v for k, v in os.environ.items() if k != "MEETCTL_BASE_URL"}
    run = subprocess.run([sys.executable, str(EXAMPLE), emu.url], capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    assert f"tencent meeting {MEETING}:" in run.stdout and f"huawei meeting {CONF}:" in run.stdout
    for vendor, listed_people in people.items():
        state = meeting_state(emu, vendor)
        assert state["ended"] is True
        for p in listed_people:
            if p.controllable:
                assert state_entry(emu, p)["muted"] is (p.role != "host"), p
    # Run again: the meetings have ended, and the example says so with exit status 1.
    again = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True, env={**env, "MEETCTL_BASE_URL": emu.url}, timeout=60)
    assert again.returncode == 1 and "either_vendor failed: not_found" in again.stderr
    usage = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True, env=env, timeout=60)
    assert usage.returncode == 2 and "usage" in usage.stderr

