"""Reaching people outside a Tencent meeting, against the emulator: a meeting room or SIP/H.323
device called in (its invite id, its answer status, the cancel), phones called in and cancelled,
the meeting's rooms released; every argument checked before anything is sent; and a call-out,
which rings phones, not repeated on a gateway timeout while a cancel is."""

from typing import Any, Dict, List

import pytest

import meetctl
from conftest import MEETING, CaptureServer, Emulator

TencentUser = meetctl.TencentUser
Instance = meetctl.Instance
ALICE = TencentUser(userid="alice", instance=Instance.IOS)  # the creator
BOB = TencentUser(userid="bob", instance=Instance.MAC)  # an attendee
ROOM = "mr-101"  # "Lobby room 101", booked for MEETING
CALLOUT = f"/v1/meeting/{MEETING}/phone/callout"
CANCELCALL = f"/v1/meeting/{MEETING}/phone/cancelcall"


def calls(emu: Emulator) -> List[Dict[str, Any]]:
    found: List[Dict[str, Any]] = emu.meeting(MEETING)["calls"]
    return found


def names(tencent: meetctl.TencentClient) -> List[str]:
    return [p.user_name or "" for p in tencent.participants(MEETING, ALICE)]


def statuses(emu: Emulator, path: str) -> List[int]:
    return [r["status"] for r in emu.state()["requests"] if r["path"] == path]


def test_a_room_rings_joins_is_listed_and_is_released(emu: Emulator, tencent: meetctl.TencentClient) -> None:
    assert tencent.room_call_info(MEETING, ALICE, meeting_room_id=ROOM).status_name == "not_called"
    invite = tencent.room_call(MEETING, ALICE, meeting_room_id=ROOM)
    info = tencent.room_call_info(MEETING, ALICE, meeting_room_id=ROOM)
    assert (info.status, info.status_name, info.response_time) == (4, "ringing", "")
    emu.tencent_answer_call(MEETING, invite)
    info = tencent.room_call_info(MEETING, ALICE, meeting_room_id=ROOM)
    assert isinstance(info, meetctl.TencentRoomCallInfo) and info.status_name == "in_meeting" and len(info.response_time) == 19
    assert "Lobby room 101" in names(tencent)
    tencent.release_rooms(MEETING, ALICE, [ROOM])
    assert emu.meeting(MEETING)["released_rooms"] == [ROOM]
    assert "Lobby room 101" not in names(tencent)
    assert tencent.room_call_info(MEETING, ALICE, meeting_room_id=ROOM).status_name == "left"


def test_a_sip_call_is_cancelled_while_it_rings(emu: Emulator, tencent: meetctl.TencentClient) -> None:
    invite = tencent.room_call(MEETING, ALICE, sip_address="sip:room@example.com")
    tencent.cancel_room_call(MEETING, ALICE, invite, sip_address="sip:room@example.com")
    assert [c["state"] for c in calls(emu)] == ["cancelled"]
    tencent.cancel_room_call(MEETING, ALICE, invite, sip_address="sip:room@example.com")  # safe again
    with pytest.raises(meetctl.ApiError) as info:
        tencent.cancel_room_call(MEETING, ALICE, "invite-nope", sip_address="sip:room@example.com")
    assert info.value.code == "190004"
    # An attendee may call a meeting room by its id, not an address.
    tencent.room_call(MEETING, BOB, meeting_room_id=ROOM)
    with pytest.raises(meetctl.ApiError) as info:
        tencent.room_call(MEETING, BOB, h323_address="10.1.2.3")
    assert info.value.code == "9042"


def test_phones_are_called_answered_and_cancelled(emu: Emulator, tencent: meetctl.TencentClient) -> None:
    tencent.phone_callout(
        MEETING,
        ALICE,
        [meetctl.TencentPhoneCall(86, "13800000009", nick_name="Hana"), {"area": 86, "phone": "01012345678"}],
    )
    emu.tencent_answer_call(MEETING, "86-13800000009")
    assert "Hana" in names(tencent)
    numbers = [meetctl.TencentPhoneNumber(86, "13800000009"), meetctl.TencentPhoneNumber(86, "01012345678")]
    tencent.cancel_phone_callout(MEETING, ALICE, numbers)
    assert [c["state"] for c in calls(emu)] == ["joined", "cancelled"]
    with pytest.raises(meetctl.ApiError) as info:
        tencent.cancel_phone_callout(MEETING, ALICE, [meetctl.TencentPhoneNumber(1, "5551234")])
    assert info.value.code == "190004"
    with pytest.raises(meetctl.ApiError) as info:
        tencent.phone_callout(MEETING, BOB, [meetctl.TencentPhoneCall(86, "13800000010")])
    assert info.value.code == "9042"


BAD = [
    (lambda c: c.room_call(MEETING, ALICE), "meeting_room_id"),
    (lambda c: c.room_call(MEETING, ALICE, meeting_room_id=ROOM, sip_address="sip:a@b"), "sip_address"),
    (lambda c: c.room_call(MEETING, TencentUser(ms_open_id="m", instance=Instance.PC), meeting_room_id=ROOM), "operator.id"),
    (lambda c: c.room_call_info(MEETING, ALICE, h323_address=""), "h323_address"),
    (lambda c: c.cancel_room_call(MEETING, ALICE, "", meeting_room_id=ROOM), "invite_id"),
    (lambda c: c.phone_callout(MEETING, ALICE, []), "phone_numbers"),
    (lambda c: c.phone_callout(MEETING, ALICE, [{"area": 86}]), "phone_numbers[0].phone"),
    (lambda c: c.phone_callout(MEETING, ALICE, [{"area": 86, "phone": "+86138"}]), "phone_numbers[0].phone"),
    (lambda c: c.phone_callout(MEETING, ALICE, [meetctl.TencentPhoneCall(0, "13800000009")]), "phone_numbers[0].area"),
    (lambda c: c.phone_callout(MEETING, ALICE, [{"area": 86, "phone": "1380", "email": "x"}]), "phone_numbers[0].email"),
    (lambda c: c.cancel_phone_callout(MEETING, ALICE, [{"area": 86, "phone": "1380", "nick_name": "x"}]), "phone_numbers[0].nick_name"),
    (lambda c: c.release_rooms(MEETING, ALICE, []), "meeting_room_ids"),
    (lambda c: c.release_rooms(MEETING, ALICE, [ROOM, ""]), "meeting_room_ids[1]"),
    (lambda c: c.release_rooms(MEETING, ALICE, [ROOM, 7]), "meeting_room_ids[1]"),
]


@pytest.mark.parametrize("call,field", BAD)
def test_arguments_are_checked_before_anything_is_sent(capture: CaptureServer, call: Any, field: str) -> None:
    client = meetctl.TencentClient("210000001", "AKIDdemo0001", "demo-secret-key-0001", base_url=capture.url)
    with pytest.raises(meetctl.InvalidArgument) as info:
        call(client)
    assert info.value.field == field
    assert capture.requests == [], "nothing is sent"


def test_the_wire(capture: CaptureServer) -> None:
    client = meetctl.TencentClient("210000001", "AKIDdemo0001", "demo-secret-key-0001", base_url=capture.url)
    capture.answer = b'{"invite_id":"i-1"}'
    assert client.room_call(MEETING, ALICE, h323_address="10.1.2.3") == "i-1"
    capture.answer = b"{}"
    client.release_rooms(MEETING, ALICE, (ROOM,))
    room_call, release = capture.requests
    assert (room_call.method, room_call.path) == ("PUT", "/v1/meeting-rooms/room-call")
    assert room_call.body == (
        b'{"operator_id":"alice","operator_id_type":1,"mra_address":{"protocol":2,"dial_string":"10.1.2.3"},'
        b'"meeting_id":"' + MEETING.encode() + b'"}'
    )
    assert (release.method, release.path) == ("POST", f"/v1/meetings/{MEETING}/release-rooms")
    assert release.body == b'{"operator_id":"alice","operator_id_type":1,"meeting_room_id_list":["mr-101"]}'
    prepared = client.prepare(meetctl.TencentControl("phone_callout", MEETING, ALICE, phone_numbers=[{"area": 86, "phone": "138"}]))
    assert prepared.safe_to_repeat is False
    prepared = client.prepare(meetctl.TencentControl("cancel_phone_callout", MEETING, ALICE, phone_numbers=[{"area": 86, "phone": "138"}]))
    assert prepared.safe_to_repeat is True


def test_a_call_out_is_not_repeated_on_a_gateway_timeout_and_a_cancel_is(
    emu: Emulator, tencent: meetctl.TencentClient
) -> None:
    emu.inject_fault("status", status=504, path_prefix=CALLOUT)
    with pytest.raises(meetctl.ApiError) as info:
        tencent.phone_callout(MEETING, ALICE, [meetctl.TencentPhoneCall(86, "13800000009")])
    assert (info.value.status, info.value.attempts) == (504, 1)
    assert statuses(emu, CALLOUT) == [504]
    tencent.phone_callout(MEETING, ALICE, [meetctl.TencentPhoneCall(86, "13800000009")])
    emu.inject_fault("status", status=504, path_prefix=CANCELCALL)
    tencent.cancel_phone_callout(MEETING, ALICE, [meetctl.TencentPhoneNumber(86, "13800000009")])
    assert statuses(emu, CANCELCALL) == [504, 200]
    assert [c["state"] for c in calls(emu)] == ["cancelled"]
