"""Huawei's MMR recording, MMR live streaming and live broadcast (issue 24) beyond their effects,
which test_huawei_operations.py checks for every operation: the wire as the vendor documents it,
bad input named before anything is sent, the guest token refused, pausing and resuming MMR
recording, and that each is repeated after a 504 (each sets a state)."""

import json
from typing import Any, List

import pytest

import meetctl
from conftest import CONF, GUEST_PWD, HOST_PWD, PARTICIPANT, CaptureServer, Emulator

BOB = PARTICIPANT
Control = meetctl.HuaweiConferenceControl
PATH = "/v1/mmc/control/conferences/"

WIRE = [
    ("start_mmr_recording", "mmrRecord", b'{"recordType":1}'),
    ("pause_mmr_recording", "mmrRecord", b'{"recordType":0}'),
    ("stop_mmr_recording", "mmrRecord", b'{"recordType":2}'),
    ("start_mmr_live", "mmrLive", b'{"liveState":1}'),
    ("stop_mmr_live", "mmrLive", b'{"liveState":0}'),
    ("start_live", "live", b'{"isLive":1}'),
    ("stop_live", "live", b'{"isLive":0}'),
]


@pytest.mark.parametrize("operation, path, body", WIRE, ids=lambda x: x if isinstance(x, str) else "")
def test_the_wire_as_the_vendor_documents_it(capture: CaptureServer, operation: str, path: str, body: bytes) -> None:
    conf = meetctl.HuaweiClient(base_url=capture.url).conference(CONF, control_token="stb")
    prepared = conf.prepare(Control(operation))
    assert (prepared.method, prepared.body) == ("PUT", body)
    assert prepared.url == f"{capture.url}{PATH}{path}?conferenceID={CONF}"
    assert prepared.safe_to_repeat is True
    with pytest.raises(meetctl.InvalidArgument) as info:
        conf.call(Control(operation, [BOB]))
    assert info.value.field == "participant_id"
    with pytest.raises(meetctl.InvalidArgument) as info:
        conf.call(Control(operation, recordType=1))
    assert info.value.field == "recordType"
    assert capture.requests == []


def test_mmr_recording_pauses_and_resumes(emu: Emulator, huawei: Any) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.pause_mmr_recording()
    assert emu.conference(CONF)["mmr_recording"] == "stopped", "nothing to pause"
    conf.start_mmr_recording()
    conf.pause_mmr_recording()
    assert emu.conference(CONF)["mmr_recording"] == "paused"
    conf.start_mmr_recording()
    assert emu.conference(CONF)["mmr_recording"] == "recording"


def test_a_guest_token_may_not(emu: Emulator, huawei: Any) -> None:
    guest = huawei.conference(CONF, password=GUEST_PWD)
    for call in (guest.start_mmr_recording, guest.start_mmr_live, guest.start_live):
        with pytest.raises(meetctl.PermissionDenied) as info:
            call()
        assert info.value.code == "MMC.111070002"
    state = emu.conference(CONF)
    assert (state["mmr_recording"], state["mmr_live"], state["live"]) == ("stopped", False, False)


def test_live_is_set_again_after_a_504(emu: Emulator, huawei: Any) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.prepare(Control("start_live"))  # the control token, fetched now
    emu.fault(kind="status", status=504, path_prefix=PATH + "live")
    conf.start_live()
    assert emu.statuses_for(PATH + "live") == [504, 200]
    assert emu.conference(CONF)["live"] is True


# The invitation list and the share invitation (issue 24, part 2).

BOB_NUMBER = "+8613800000002"


def test_remove_attendees_wire_and_checks(capture: CaptureServer) -> None:
    conf = meetctl.HuaweiClient(base_url=capture.url).conference(CONF, control_token="stb")
    prepared = conf.prepare(
        Control("remove_attendees", attendees=[meetctl.HuaweiAttendeeNumber(BOB_NUMBER, participant_id=BOB)])
    )
    assert (prepared.method, prepared.safe_to_repeat) == ("POST", False)
    assert prepared.url == f"{capture.url}{PATH}attendees/delete?conferenceID={CONF}"
    item = {"number": BOB_NUMBER, "participantID": BOB}
    assert prepared.body == json.dumps({"bulkDelAttendInfo": [item]}, separators=(",", ":")).encode()
    long_number = {"number": "9" * 128}
    bad: List[Any] = [([], "attendees"), ([{}], "attendees[0].number"), ([long_number], "attendees[0].number")]
    for attendees, field in bad:
        with pytest.raises(meetctl.InvalidArgument) as info:
            conf.remove_attendees(attendees)
        assert info.value.field == field
    share = conf.prepare(Control("invite_to_share", [BOB]))
    assert (share.method, share.body, share.safe_to_repeat) == ("PUT", b'{"share":1}', False)
    assert share.url == f"{capture.url}{PATH}participants/share/invite?conferenceID={CONF}&participantID={BOB}"
    assert conf.prepare(Control("cancel_share_invitation", [BOB])).safe_to_repeat is True
    assert capture.requests == []


def test_remove_attendees_vendor_refusals(emu: Emulator, huawei: Any) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    with pytest.raises(meetctl.ApiError) as info:
        conf.remove_attendees([meetctl.HuaweiAttendeeNumber(BOB_NUMBER)])
    assert info.value.code == "MMC.111070001", "Bob has joined: his participant id is required"
    with pytest.raises(meetctl.ApiError) as info:
        conf.remove_attendees([{"number": "+8600000000000"}])
    assert info.value.code == "MMC.111071011"
    with pytest.raises(meetctl.PermissionDenied):
        huawei.conference(CONF, password=GUEST_PWD).invite_to_share(BOB)
    assert emu.huawei_participant(CONF, BOB)["removed"] is False


def test_a_share_invitation_is_not_repeated_after_a_504(emu: Emulator, huawei: Any) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.prepare(Control("start_live"))  # the control token, fetched now
    emu.fault(kind="status", status=504, path_prefix=PATH + "participants/share/invite")
    with pytest.raises(meetctl.ApiError) as info:
        conf.invite_to_share(BOB)
    assert info.value.status == 504
    assert emu.statuses_for(PATH + "participants/share/invite") == [504]


# Inviting with the conference password (issue 24, part 3): no control token.

ROOM = "sip:room-5f@example.com"


def test_invite_with_password_sends_no_control_token_and_hides_the_password(capture: CaptureServer) -> None:
    conf = meetctl.HuaweiClient(base_url=capture.url).conference(CONF, control_token="stb")
    control = Control("invite_with_password", number=ROOM, conference_password="s3cr3t-246810")
    prepared = conf.prepare(control)
    assert (prepared.method, prepared.safe_to_repeat) == ("POST", False)
    assert prepared.url == f"{capture.url}{PATH}inviteWithPwd?conferenceID={CONF}"
    assert json.loads(prepared.body) == {"callNum": ROOM, "confID": CONF, "pwd": "s3cr3t-246810"}
    assert prepared.header("X-Conference-Authorization") is None
    assert "s3cr3t" not in repr(control) and "s3cr3t" not in repr(prepared)
    for args, field in [({"number": ROOM}, "conference_password"), ({"conference_password": "s3cr3t-1"}, "number")]:
        with pytest.raises(meetctl.InvalidArgument) as info:
            conf.call(Control("invite_with_password", **args))
        assert info.value.field == field
        assert "s3cr3t" not in str(info.value)
    assert capture.requests == []


def test_invite_with_password_against_the_emulator(emu: Emulator, huawei: Any) -> None:
    # The handle's own credentials are never used for it: a bogus control token does.
    conf = huawei.conference(CONF, control_token="stb-not-a-token")
    conf.invite_with_password(ROOM, GUEST_PWD)
    room = next(p for p in emu.conference(CONF)["participants"] if p["number"] == ROOM)
    assert room["terminal"] is True
    with pytest.raises(meetctl.ApiError) as info:
        conf.invite_with_password("sip:room-6f@example.com", "999999")
    assert info.value.code == "MMC.111072065"  # type: ignore[attr-defined]
    assert "999999" not in str(info.value)
    assert emu.statuses_for(PATH + "token") == []
