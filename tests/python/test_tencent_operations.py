"""Every named Tencent operation: its effect in the emulator, and that it sends exactly the
TencentControl it stands for (the same method, URL, headers and body as call() and prepare())."""

from typing import Any, Callable, List, NamedTuple, Optional

import pytest

import meetctl
from conftest import (
    APP_ID,
    MEETING,
    SDK_APP_ID,
    SDK_ID,
    SDK_MEETING,
    SDK_SECRET_ID,
    SDK_SECRET_KEY,
    SECRET_ID,
    SECRET_KEY,
    CaptureServer,
    Emulator,
)

TencentUser = meetctl.TencentUser
Instance = meetctl.Instance

# Meeting 1242152152161 (app 210000001).
HOST = TencentUser(ms_open_id="afagsagwags", instance=Instance.IOS)  # alice, the creator
ALICE = TencentUser(userid="alice", instance=Instance.IOS)
BOB = TencentUser(ms_open_id="agaqwwgdkkddd", instance=Instance.MAC)
CAROL = TencentUser(ms_open_id="msopenid-carol", instance=Instance.PC)  # co-host
DAVE = TencentUser(ms_open_id="msopenid-dave", instance=Instance.ANDROID)  # muted
FRANK = TencentUser(ms_open_id="msopenid-frank", instance=Instance.PC)  # waiting room
GINA = TencentUser(ms_open_id="msopenid-gina", instance=Instance.WEB)  # waiting room
# Meeting 1242152152163 (app 210000002, with an SdkId).
QUINN = TencentUser(ms_open_id="msopenid-quinn", instance=Instance.PC)  # host
SAM = TencentUser(ms_open_id="msopenid-sam", instance=Instance.ANDROID)  # sharing the screen
ROOM = TencentUser(uuid="uuid-room-301", instance=Instance.VOIP_SIP)  # meeting-room device, video off


class Case(NamedTuple):
    name: str
    named: Callable[[meetctl.TencentClient], Any]
    control: meetctl.TencentControl
    # What the operation changes in the emulator's state, and its value afterwards (None for the
    # listing operations, checked by their own tests below).
    observe: Optional[Callable[[Emulator], Any]]
    expected: Any = None
    sdk: bool = False  # meeting 1242152152163, with the second app (and its SdkId)


def person(user: meetctl.TencentUser, key: str, meeting: str = MEETING) -> Callable[[Emulator], Any]:
    return lambda emu: emu.participant(meeting, user.ms_open_id or user.uuid or "")[key]


def people(users: List[meetctl.TencentUser], *keys: str) -> Callable[[Emulator], Any]:
    return lambda emu: [tuple(emu.participant(MEETING, u.ms_open_id or "")[k] for k in keys) for u in users]


def setting(*keys: str) -> Callable[[Emulator], Any]:
    return lambda emu: {k: emu.meeting(MEETING)["settings"][k] for k in keys}


EVERY_SETTING = {
    "mute_all": True,
    "allow_unmute_by_self": False,
    "meeting_locked": True,
    "auto_waiting_room": True,
    "share_screen": False,
    "allow_chat": 1,
    "participant_join_mute": 2,
    "play_ivr_on_join": True,
    "only_enterprise_user_allowed": True,
    "hide_meeting_code_password": True,
}
BOB_BY_USERID = TencentUser(userid="bob", instance=Instance.MAC)
LOBBY_ROOM = "mr-101"  # booked for MEETING

CASES: List[Case] = [
    Case(
        "set_cohost",
        lambda c: c.set_cohost(MEETING, HOST, BOB),
        meetctl.TencentControl("set_cohost", MEETING, HOST, [BOB]),
        person(BOB, "role"),
        "cohost",
    ),
    Case(
        "revoke_cohost",
        lambda c: c.revoke_cohost(MEETING, operator=HOST, user=CAROL),
        meetctl.TencentControl("revoke_cohost", MEETING, HOST, [CAROL]),
        person(CAROL, "role"),
        "attendee",
    ),
    Case(
        "close_video",
        lambda c: c.close_video(MEETING, HOST, BOB),
        meetctl.TencentControl("close_video", MEETING, HOST, [BOB]),
        person(BOB, "video"),
        False,
    ),
    Case(
        "open_video",
        lambda c: c.open_video(SDK_MEETING, QUINN, ROOM),
        meetctl.TencentControl("open_video", SDK_MEETING, QUINN, [ROOM]),
        person(ROOM, "video", SDK_MEETING),
        True,
        sdk=True,
    ),
    Case(
        "mute",
        lambda c: c.mute(MEETING, HOST, BOB),
        meetctl.TencentControl("mute", MEETING, HOST, [BOB]),
        person(BOB, "muted"),
        True,
    ),
    Case(
        "unmute",
        lambda c: c.unmute(MEETING, HOST, user=DAVE),
        meetctl.TencentControl("unmute", MEETING, HOST, [DAVE]),
        person(DAVE, "muted"),
        False,
    ),
    Case(
        "stop_screen_share",
        lambda c: c.stop_screen_share(SDK_MEETING, QUINN, SAM),
        meetctl.TencentControl("stop_screen_share", SDK_MEETING, QUINN, [SAM]),
        person(SAM, "sharing_screen", SDK_MEETING),
        False,
        sdk=True,
    ),
    Case(
        "kick_out",
        lambda c: c.kick_out(MEETING, HOST, [BOB, DAVE], allow_rejoin=False, reason="spam"),
        meetctl.TencentControl("kick_out", MEETING, HOST, [BOB, DAVE], allow_rejoin=False, reason="spam"),
        people([BOB, DAVE, CAROL], "removed", "allow_rejoin"),
        [(True, False), (True, False), (False, None)],
    ),
    Case(
        "kick_out_allows_rejoining_by_default",
        lambda c: c.kick_out(MEETING, HOST, (u for u in [BOB])),
        meetctl.TencentControl("kick_out", MEETING, HOST, [BOB]),
        people([BOB], "removed", "allow_rejoin"),
        [(True, True)],
    ),
    Case(
        "rename",
        lambda c: c.rename(MEETING, HOST, BOB, "Bob 会议室"),
        meetctl.TencentControl("rename", MEETING, HOST, [BOB], nick_name="Bob 会议室"),
        person(BOB, "name"),
        "Bob 会议室",
    ),
    Case(
        "admit_from_waiting_room",
        lambda c: c.admit_from_waiting_room(MEETING, HOST, [FRANK, GINA]),
        meetctl.TencentControl("admit_from_waiting_room", MEETING, HOST, [FRANK, GINA]),
        people([FRANK, GINA], "in_waiting_room"),
        [(False,), (False,)],
    ),
    Case(
        "move_to_waiting_room",
        lambda c: c.move_to_waiting_room(MEETING, HOST, [BOB]),
        meetctl.TencentControl("move_to_waiting_room", MEETING, HOST, [BOB]),
        person(BOB, "in_waiting_room"),
        True,
    ),
    Case(
        "remove_from_waiting_room",
        lambda c: c.remove_from_waiting_room(MEETING, HOST, [GINA], allow_rejoin=False),
        meetctl.TencentControl("remove_from_waiting_room", MEETING, HOST, [GINA], allow_rejoin=False),
        people([GINA, FRANK], "removed", "allow_rejoin"),
        [(True, False), (False, None)],
    ),
    Case(
        "set_meeting_status",
        lambda c: c.set_meeting_status(MEETING, HOST, mute_all=True, meeting_locked=True, allow_chat=2),
        meetctl.TencentControl("set_meeting_status", MEETING, HOST, mute_all=True, meeting_locked=True, allow_chat=2),
        setting("mute_all", "meeting_locked", "allow_chat", "share_screen"),
        {"mute_all": True, "meeting_locked": True, "allow_chat": 2, "share_screen": True},
    ),
    Case(
        "set_meeting_status_every_setting",
        lambda c: c.set_meeting_status(MEETING, ALICE, **EVERY_SETTING),
        meetctl.TencentControl("set_meeting_status", MEETING, ALICE, **EVERY_SETTING),
        setting(*EVERY_SETTING),
        EVERY_SETTING,
    ),
    Case(
        "set_doc_upload",
        lambda c: c.set_doc_upload(MEETING, HOST, False),
        meetctl.TencentControl("set_doc_upload", MEETING, HOST, enable=False),
        setting("enable_upload_doc"),
        {"enable_upload_doc": False},
    ),
    Case(
        "set_transcription",
        lambda c: c.set_transcription(MEETING, ALICE, enable=True),
        meetctl.TencentControl("set_transcription", MEETING, ALICE, enable=True),
        setting("transcription"),
        {"transcription": True},
    ),
    Case(
        "end_meeting",
        lambda c: c.end_meeting(MEETING, HOST, reason_detail="done for today"),
        meetctl.TencentControl("end_meeting", MEETING, HOST, reason_detail="done for today"),
        lambda emu: emu.meeting(MEETING)["ended"],
        True,
    ),
    Case(
        "participants",
        lambda c: c.participants(MEETING, ALICE),
        meetctl.TencentControl("participants", MEETING, ALICE, page=1),
        None,
    ),
    Case(
        "ms_open_id",
        lambda c: c.ms_open_id(MEETING, user=BOB_BY_USERID),
        meetctl.TencentControl("ms_open_id", MEETING, BOB_BY_USERID),
        None,
    ),
    # Reaching people outside the meeting (tests/python/test_tencent_reach.py has the rest: the
    # answers, the cancels after a call, retry safety).
    Case(
        "room_call",
        lambda c: c.room_call(MEETING, ALICE, meeting_room_id=LOBBY_ROOM),
        meetctl.TencentControl("room_call", MEETING, ALICE, meeting_room_id=LOBBY_ROOM),
        None,
    ),
    Case(
        "cancel_room_call",
        lambda c: c.cancel_room_call(MEETING, ALICE, "invite-1", sip_address="sip:room@example.com"),
        meetctl.TencentControl(
            "cancel_room_call", MEETING, ALICE, invite_id="invite-1", sip_address="sip:room@example.com"
        ),
        None,
    ),
    Case(
        "room_call_info",
        lambda c: c.room_call_info(MEETING, ALICE, h323_address="10.1.2.3"),
        meetctl.TencentControl("room_call_info", MEETING, ALICE, h323_address="10.1.2.3"),
        None,
    ),
    Case(
        "phone_callout",
        lambda c: c.phone_callout(MEETING, ALICE, [meetctl.TencentPhoneCall(86, "13800000009", nick_name="Hana")]),
        meetctl.TencentControl(
            "phone_callout", MEETING, ALICE, phone_numbers=[{"area": 86, "phone": "13800000009", "nick_name": "Hana"}]
        ),
        lambda emu: [(c["call_id"], c["state"]) for c in emu.meeting(MEETING)["calls"]],
        [("86-13800000009", "ringing")],
    ),
    Case(
        "cancel_phone_callout",
        lambda c: c.cancel_phone_callout(MEETING, ALICE, [meetctl.TencentPhoneNumber(86, "13800000009")]),
        meetctl.TencentControl("cancel_phone_callout", MEETING, ALICE, phone_numbers=[{"area": 86, "phone": "13800000009"}]),
        None,
    ),
    Case(
        "release_rooms",
        lambda c: c.release_rooms(MEETING, ALICE, [LOBBY_ROOM]),
        meetctl.TencentControl("release_rooms", MEETING, ALICE, meeting_room_ids=[LOBBY_ROOM]),
        lambda emu: emu.meeting(MEETING)["released_rooms"],
        [LOBBY_ROOM],
    ),
    # The layouts answer their new ids (or need one): their effects are in test_tencent_layouts.py.
    Case(
        "add_layouts",
        lambda c: c.add_layouts(MEETING, ALICE, [meetctl.TencentLayout([meetctl.TencentLayoutPage("2")])], default_layout_order=1),
        meetctl.TencentControl(
            "add_layouts", MEETING, ALICE, layout_list=[{"page_list": [{"layout_template_id": "2"}]}], default_layout_order=1
        ),
        None,
    ),
    Case(
        "add_advanced_layouts",
        lambda c: c.add_advanced_layouts(
            MEETING, CAROL, [meetctl.TencentAdvancedLayout([meetctl.TencentAdvancedPage("3", [meetctl.TencentAdvancedSeat("1", 2)])])]
        ),
        meetctl.TencentControl(
            "add_advanced_layouts",
            MEETING,
            CAROL,
            layout_list=[{"page_list": [{"layout_template_id": "3", "user_seat_list": [{"grid_id": "1", "grid_type": 2}]}]}],
        ),
        None,
    ),
    Case(
        "apply_layout",
        lambda c: c.apply_layout(MEETING, ALICE, "layout-1", user_list=[meetctl.TencentLayoutUser("agaqwwgdkkddd", 2)]),
        meetctl.TencentControl(
            "apply_layout", MEETING, ALICE, layout_id="layout-1", user_list=[{"ms_open_id": "agaqwwgdkkddd", "instanceid": 2}]
        ),
        None,
    ),
]
CHANGES = [c for c in CASES if c.observe is not None]


def client_for(case: Case, base_url: str) -> meetctl.TencentClient:
    if case.sdk:
        return meetctl.TencentClient(SDK_APP_ID, SDK_SECRET_ID, SDK_SECRET_KEY, sdk_id=SDK_ID, base_url=base_url)
    return meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, base_url=base_url)


def test_every_operation_has_a_case() -> None:
    assert {c.control.operation for c in CASES} == set(meetctl.TencentControl.OPERATIONS)


@pytest.mark.parametrize("how", ["named", "call"])
@pytest.mark.parametrize("case", CHANGES, ids=lambda c: c.name)
def test_operation_takes_effect(emu: Emulator, case: Case, how: str) -> None:
    assert case.observe is not None
    assert case.observe(emu) != case.expected, "the scenario must start elsewhere"
    client = client_for(case, emu.url)
    if how == "named":
        assert case.named(client) is None
    else:
        assert client.call(case.control) == {}
    assert case.observe(emu) == case.expected
    assert emu.state()["requests"][-1]["status"] == 200


# Headers that differ between two signings of the same request.
PER_SEND = {"x-tc-nonce", "x-tc-timestamp", "x-tc-signature"}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_prepare_call_and_named_method_send_the_same_request(capture: CaptureServer, case: Case) -> None:
    client = client_for(case, capture.url)
    # Every typed answer's field, so that each named method reads it.
    capture.answer = b'{"ms_open_id":"x","invite_id":"i","status":1,"response_time":""}'
    prepared = client.prepare(case.control)
    assert capture.requests == [], "prepare sends nothing"
    client.call(case.control)
    case.named(client)
    sent, named = capture.requests
    for request in (sent, named):
        assert request.method == prepared.method
        assert capture.url + request.path == prepared.url
        assert request.body == prepared.body
        received = {k.lower(): v for k, v in request.headers.items()}
        for name, value in prepared.headers.items():
            if name.lower() in PER_SEND:
                assert received[name.lower()], name
            else:
                assert received[name.lower()] == value, name
    if case.sdk:
        assert prepared.headers["SdkId"] == SDK_ID


def test_participants_lists_everyone_in_the_meeting(emu: Emulator, tencent) -> None:
    result = tencent.participants(MEETING, ALICE)
    assert isinstance(result, list) and all(isinstance(p, meetctl.TencentParticipant) for p in result)
    in_meeting = [p for p in emu.meeting(MEETING)["participants"] if not p["in_waiting_room"] and not p["removed"]]
    assert sorted(p.userid or "" for p in result) == sorted(p["userid"] for p in in_meeting)
    by_id = {p.userid: p for p in result}
    bob = by_id["bob"]
    assert (bob.ms_open_id, bob.instance, bob.instanceid, bob.role) == ("agaqwwgdkkddd", Instance.MAC, 2, "member")
    assert (bob.audio_muted, bob.video_on, bob.sharing_screen) == (False, True, False)
    assert bob.as_user() == BOB
    assert by_id["dave"].audio_muted is True, "audio_state is the microphone: dave is muted"
    assert by_id["carol"].role == "cohost"
    rooms = by_id["rooms-1"]
    assert (rooms.ms_open_id, rooms.instance, rooms.as_user()) == (None, Instance.ROOMS_TOUCH_WINDOWS, None)
    # The raw page, through call().
    page = tencent.call(meetctl.TencentControl("participants", MEETING, ALICE))
    assert sorted(e["userid"] for e in page["participants"]) == sorted(by_id)
    assert tencent.ms_open_id(MEETING, BOB_BY_USERID) == "agaqwwgdkkddd"
    assert tencent.call(meetctl.TencentControl("ms_open_id", MEETING, BOB_BY_USERID))["ms_open_id"] == "agaqwwgdkkddd"


def test_participants_reads_every_page(emu: Emulator, tencent) -> None:
    # 50 a page: the demo meeting fits in one; the request carries page 1 and page_size 50.
    people = tencent.participants(MEETING, ALICE)
    assert len(people) == 6
    assert emu.state()["requests"][-1]["query"] == "operator_id=alice&operator_id_type=1&page=1&page_size=50"
    page = tencent.call(meetctl.TencentControl("participants", MEETING, ALICE, page=1, page_size=2))
    assert (page["total_page"], len(page["participants"])) == (3, 2)
    past_the_end = tencent.call(meetctl.TencentControl("participants", MEETING, ALICE, page=9, page_size=2))
    assert past_the_end["participants"] == []


def test_participants_after_changes(emu: Emulator, tencent) -> None:
    tencent.set_cohost(MEETING, HOST, BOB)
    tencent.mute(MEETING, HOST, BOB)
    tencent.close_video(MEETING, HOST, BOB)
    tencent.rename(MEETING, HOST, BOB, "Bobby")
    tencent.kick_out(MEETING, HOST, [DAVE])
    tencent.admit_from_waiting_room(MEETING, HOST, [FRANK])
    people = {p.userid: p for p in tencent.participants(MEETING, ALICE)}
    bob = people["bob"]
    assert (bob.role, bob.audio_muted, bob.video_on, bob.user_name) == ("cohost", True, False, "Bobby")
    assert "dave" not in people and "frank" in people
    assert people["frank"].user_name == "Frank"


def test_participant_values(emu: Emulator, tencent) -> None:
    people = tencent.participants(MEETING, ALICE)
    bob = next(p for p in people if p.userid == "bob")
    assert repr(bob) == (
        "TencentParticipant(ms_open_id='agaqwwgdkkddd', userid='bob', instance=Instance.MAC, role='member', "
        "audio_muted=False, video_on=True, sharing_screen=False)"
    )
    assert bob.raw["ms_open_id"] == "agaqwwgdkkddd" and bob.raw["user_role"] == 0
    bob.raw["userid"] = "changed"
    assert bob.raw["userid"] == "bob", "raw is a new dict every time"
    with pytest.raises(AttributeError):
        bob.userid = "x"  # type: ignore[misc]
    assert bob == next(p for p in tencent.participants(MEETING, ALICE) if p.userid == "bob")
    assert bob != next(p for p in people if p.userid == "carol")
    assert bob.open_id is None
    rooms = next(p for p in people if p.userid == "rooms-1")
    assert "ms_open_id" not in repr(rooms)


def test_participants_and_ms_open_id_with_oauth(emu: Emulator, oauth) -> None:
    from conftest import OAUTH_MEETING, OAUTH_OPEN_ID

    me = TencentUser(open_id=OAUTH_OPEN_ID, instance=Instance.PC)
    names = {p.userid for p in oauth.participants(OAUTH_MEETING, me)}
    assert names == {"olivia", "pete"}
    assert oauth.ms_open_id(OAUTH_MEETING, me) == "msopenid-olivia"


@pytest.mark.parametrize(
    "error, code, call",
    [
        # The meeting is over: every control and listing call finds no meeting.
        (meetctl.NotFound, "9003", lambda t: (t.end_meeting(MEETING, HOST), t.mute(MEETING, HOST, BOB))),
        (meetctl.NotFound, "9003", lambda t: (t.end_meeting(MEETING, ALICE), t.participants(MEETING, ALICE))),
        # Only the creator may start transcription; an attendee may not list the participants.
        (meetctl.PermissionDenied, "9042", lambda t: t.set_transcription(MEETING, TencentUser(userid="bob", instance=2), True)),
        (meetctl.PermissionDenied, "9042", lambda t: t.participants(MEETING, TencentUser(userid="bob", instance=2))),
        (meetctl.PermissionDenied, "9042", lambda t: t.kick_out(MEETING, BOB, [DAVE])),
        # Not forced while others are still in the meeting.
        (meetctl.ApiError, "190004", lambda t: t.end_meeting(MEETING, HOST, force=False)),
        # Someone who is not in the meeting.
        (meetctl.ApiError, "190004", lambda t: t.mute(MEETING, HOST, TencentUser(ms_open_id="nobody", instance=1))),
        (meetctl.ApiError, "190004", lambda t: t.ms_open_id(MEETING, TencentUser(userid="nobody", instance=1))),
    ],
    ids=["after-end", "list-after-end", "asr-not-creator", "list-as-attendee", "kick-as-attendee", "end-unforced",
         "mute-stranger", "lookup-stranger"],
)
def test_vendor_refusals(emu: Emulator, tencent, error: type, code: str, call: Callable[[Any], Any]) -> None:
    with pytest.raises(error) as info:
        call(tencent)
    assert type(info.value) is error
    assert info.value.code == code  # type: ignore[attr-defined]
    assert info.value.vendor == "tencent"  # type: ignore[attr-defined]
