"""Huawei's screen and voice controls (issue 24) beyond their effects, which
test_huawei_operations.py checks for every operation: bad arguments named before anything is
sent, the vendor's refusals (guest token, hardware terminals only, nobody to broadcast), and which
of them are repeated after a 504."""

from typing import Any, Callable, Dict, List

import pytest

import meetctl
from conftest import CONF, DORA, EVAN, FIRST_HOST, GUEST_PWD, HOST_PWD, PARTICIPANT, CaptureServer, Emulator

BOB = PARTICIPANT
Control = meetctl.HuaweiConferenceControl
PATH = "/v1/mmc/control/conferences/"

BAD: List[Any] = [
    (Control("broadcast"), "participant_id"),
    (Control("broadcast", [""]), "participant_id"),
    (Control("cancel_broadcast", [BOB]), "participant_id"),
    (Control("roll_call", [BOB, DORA]), "participant_id"),
    (Control("lower_hands"), "participant_ids"),
    (Control("host_view"), "participant_id"),
    (Control("start_host_polling", switch_seconds=9), "switch_seconds"),
    (Control("start_host_polling", switch_seconds=121), "switch_seconds"),
    (Control("participant_view", [FIRST_HOST]), "watched_id"),
    (Control("lock_view", [FIRST_HOST], source_id=""), "source_id"),
    (Control("unlock_view", source_id=BOB), "participant_id"),
    (Control("pause", pause=1), "pause"),
    (Control("move_one_to_waiting_room"), "participant_id"),
    (Control("allow_client_record", [BOB]), "allow"),
]


@pytest.mark.parametrize("control, field", BAD, ids=lambda x: x if isinstance(x, str) else x.operation)
def test_bad_arguments_are_named_before_anything_is_sent(capture: CaptureServer, control: Any, field: str) -> None:
    conf = meetctl.HuaweiClient(base_url=capture.url).conference(CONF, control_token="stb")
    with pytest.raises(meetctl.InvalidArgument) as info:
        conf.call(control)
    assert info.value.field == field
    with pytest.raises(meetctl.InvalidArgument):
        conf.prepare(control)
    assert capture.requests == []


def test_named_methods_check_too(capture: CaptureServer) -> None:
    conf = meetctl.HuaweiClient(base_url=capture.url).conference(CONF, control_token="stb")
    checks: Dict[str, Callable[[], Any]] = {
        "participant_ids": lambda: conf.lower_hands([]),
        "switch_seconds": lambda: conf.start_host_polling(switch_seconds=5),
        "watched_id": lambda: conf.participant_view(FIRST_HOST, ""),
    }
    for field, call in checks.items():
        with pytest.raises(meetctl.InvalidArgument) as info:
            call()
        assert info.value.field == field
    assert capture.requests == []


@pytest.mark.parametrize(
    "error, code, call",
    [
        (meetctl.PermissionDenied, "MMC.111070002", lambda hw: hw.conference(CONF, password=GUEST_PWD).broadcast(BOB)),
        (meetctl.PermissionDenied, "MMC.111070002", lambda hw: hw.conference(CONF, password=GUEST_PWD).pause()),
        # Only a professional hardware terminal: Bob runs a soft client.
        (meetctl.ApiError, "MMC.111070001", lambda hw: hw.conference(CONF, password=HOST_PWD).participant_view(BOB, DORA)),
        (meetctl.ApiError, "MMC.111070001", lambda hw: hw.conference(CONF, password=HOST_PWD).lock_view(BOB, DORA)),
        (meetctl.ApiError, "MMC.111071011", lambda hw: hw.conference(CONF, password=HOST_PWD).roll_call("p-nobody")),
        (meetctl.ApiError, "MMC.111071011", lambda hw: hw.conference(CONF, password=HOST_PWD).lower_hands([EVAN, "p-x"])),
    ],
    ids=["guest-broadcast", "guest-pause", "part-view-soft-client", "lock-view-soft-client", "roll-call-stranger",
         "lower-stranger"],
)
def test_vendor_refusals(emu: Emulator, huawei: Any, error: type, code: str, call: Callable[[Any], Any]) -> None:
    with pytest.raises(error) as info:
        call(huawei)
    assert type(info.value) is error
    assert info.value.code == code  # type: ignore[attr-defined]
    assert emu.conference(CONF)["mode"] == "FREE"


def test_host_view_needs_a_hardware_terminal_host(emu: Emulator, huawei: Any) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.host_view(DORA)
    conf.apply_host(BOB, HOST_PWD)
    with pytest.raises(meetctl.ApiError) as info:
        conf.host_view(DORA)
    assert info.value.code == "MMC.111070001"
    assert emu.conference(CONF)["host_view"] == {"type": "participant", "participant_id": DORA}


def test_a_broadcast_is_set_again_after_a_504_a_waiting_room_move_is_not(emu: Emulator, huawei: Any) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.prepare(Control("pause"))  # the control token, fetched now
    assert conf.prepare(Control("broadcast", [BOB])).safe_to_repeat is True
    assert conf.prepare(Control("move_one_to_waiting_room", [BOB])).safe_to_repeat is False

    emu.fault(kind="status", status=504, path_prefix=PATH + "participants/broadcast")
    conf.broadcast(BOB)
    assert emu.statuses_for(PATH + "participants/broadcast") == [504, 200]
    assert emu.conference(CONF)["broadcast"] == BOB

    emu.fault(kind="status", status=504, path_prefix=PATH + "moveToWaitingRoom")
    with pytest.raises(meetctl.ApiError) as info:
        conf.move_one_to_waiting_room(DORA)
    assert info.value.status == 504
    assert emu.statuses_for(PATH + "moveToWaitingRoom") == [504], "not repeated: the vendor may have moved her"
    assert emu.huawei_participant(CONF, DORA)["in_waiting_room"] is False
