"""Every named Huawei conference operation: its effect in the emulator, and that it sends exactly
the HuaweiConferenceControl it stands for (the same method, URL, headers and body as call() and
prepare())."""

import json
from typing import Any, Callable, List, NamedTuple, Optional

import pytest

import meetctl
from conftest import (
    CAROL,
    CONF,
    DORA,
    EVAN,
    FAY,
    FIRST_HOST,
    GUEST_PWD,
    GUS,
    HOST_PWD,
    PARTICIPANT,
    CaptureServer,
    Emulator,
)

BOB = PARTICIPANT
Control = meetctl.HuaweiConferenceControl


class Case(NamedTuple):
    name: str
    named: Callable[[meetctl.HuaweiConference], Any]
    control: meetctl.HuaweiConferenceControl
    # What the operation changes in the emulator's state, and its value afterwards (None for
    # info, checked by its own tests below).
    observe: Optional[Callable[[Emulator], Any]]
    expected: Any = None
    # Run first, to start from the opposite state (unlock after lock, …).
    before: Optional[Callable[[meetctl.HuaweiConference], Any]] = None


def person(pid: str, *keys: str) -> Callable[[Emulator], Any]:
    return lambda emu: tuple(emu.huawei_participant(CONF, pid)[k] for k in keys)


def everyone(key: str) -> Callable[[Emulator], Any]:
    return lambda emu: {
        p["participant_id"]: p[key]
        for p in emu.conference(CONF)["participants"]
        if not p["in_waiting_room"] and not p["removed"]
    }


def setting(*keys: str) -> Callable[[Emulator], Any]:
    return lambda emu: {k: emu.conference(CONF)["settings"][k] for k in keys}


def conference(key: str) -> Callable[[Emulator], Any]:
    return lambda emu: emu.conference(CONF)[key]


ONLINE = [FIRST_HOST, BOB, CAROL, DORA, EVAN]
# Invited by `invite`: a builder and a plain dict (Ian becomes the host).
HANA_NUMBER = "+8613800000009"
DORA_NUMBER = "+8613800000004"
BOB_NUMBER = "+8613800000002"
ROOM_NUMBER = "sip:room-5f@example.com"
IAN = {"name": "Ian", "number": "sip:ian@example.com", "terminal_type": "terminal", "role": 1}

CASES: List[Case] = [
    Case(
        "apply_host",
        lambda c: c.apply_host(BOB, HOST_PWD),
        Control("apply_host", [BOB], chairman_password=HOST_PWD),
        conference("host"),
        BOB,
    ),
    Case(
        "relinquish_host",
        lambda c: c.relinquish_host(FIRST_HOST),
        Control("relinquish_host", [FIRST_HOST]),
        conference("host"),
        None,
    ),
    Case("mute", lambda c: c.mute(BOB), Control("mute", [BOB]), person(BOB, "muted"), (True,)),
    Case("unmute", lambda c: c.unmute(CAROL), Control("unmute", [CAROL]), person(CAROL, "muted"), (False,)),
    Case(
        "mute_all",
        lambda c: c.mute_all(allow_unmute_by_self=False),
        Control("mute_all", allow_unmute_by_self=False),
        lambda emu: (everyone("muted")(emu), setting("allowUnmuteByOneself")(emu)),
        ({FIRST_HOST: False, BOB: True, CAROL: True, DORA: True, EVAN: True}, {"allowUnmuteByOneself": 0}),
    ),
    Case(
        "mute_all_lets_people_unmute_by_default",
        lambda c: c.mute_all(),
        Control("mute_all"),
        lambda emu: (everyone("muted")(emu)[BOB], setting("allowUnmuteByOneself")(emu)),
        (True, {"allowUnmuteByOneself": 1}),
    ),
    Case(
        "unmute_all",
        lambda c: c.unmute_all(),
        Control("unmute_all"),
        everyone("muted"),
        {pid: False for pid in ONLINE},
    ),
    Case(
        "hang_up",
        lambda c: c.hang_up([BOB, CAROL]),
        Control("hang_up", [BOB, CAROL]),
        lambda emu: [person(pid, "removed")(emu) for pid in (BOB, CAROL, DORA)],
        [(True,), (True,), (False,)],
    ),
    Case("set_cohost", lambda c: c.set_cohost(BOB), Control("set_cohost", [BOB]), person(BOB, "role"), ("cohost",)),
    Case(
        "revoke_cohost",
        lambda c: c.revoke_cohost(DORA),
        Control("revoke_cohost", [DORA]),
        person(DORA, "role"),
        ("participant",),
    ),
    Case("lock", lambda c: c.lock(), Control("lock"), setting("isLock"), {"isLock": 1}),
    Case("unlock", lambda c: c.unlock(), Control("unlock"), setting("isLock"), {"isLock": 0}, before=lambda c: c.lock()),
    Case("end", lambda c: c.end(), Control("end"), conference("ended"), True),
    Case("stop_video", lambda c: c.stop_video(BOB), Control("stop_video", [BOB]), person(BOB, "video"), (False,)),
    Case(
        "request_video",
        lambda c: c.request_video(EVAN),
        Control("request_video", [EVAN]),
        person(EVAN, "video"),
        (True,),
    ),
    Case(
        "rename",
        lambda c: c.rename(DORA, "+8613800000004", "Dora 李"),
        Control("rename", [DORA], number="+8613800000004", new_name="Dora 李"),
        person(DORA, "name"),
        ("Dora 李",),
    ),
    Case(
        "lower_hand",
        lambda c: c.lower_hand(EVAN),
        Control("lower_hand", [EVAN]),
        person(EVAN, "hand_raised"),
        (False,),
    ),
    Case(
        "admit_from_waiting_room",
        lambda c: c.admit_from_waiting_room(FAY),
        Control("admit_from_waiting_room", [FAY]),
        lambda emu: [person(pid, "in_waiting_room")(emu) for pid in (FAY, GUS)],
        [(False,), (True,)],
    ),
    Case(
        "admit_everyone_from_waiting_room",
        lambda c: c.admit_from_waiting_room(admit_all=True),
        Control("admit_from_waiting_room", admit_all=True),
        lambda emu: [person(pid, "in_waiting_room")(emu) for pid in (FAY, GUS)],
        [(False,), (False,)],
    ),
    Case(
        "move_to_waiting_room",
        lambda c: c.move_to_waiting_room([BOB, CAROL]),
        Control("move_to_waiting_room", (BOB, CAROL)),
        lambda emu: [person(pid, "in_waiting_room")(emu) for pid in (BOB, CAROL, DORA)],
        [(True,), (True,), (False,)],
    ),
    Case("extend", lambda c: c.extend(30), Control("extend", minutes=30), conference("extended_minutes"), 30),
    Case(
        "allow_unmute_by_self",
        lambda c: c.allow_unmute_by_self(False),
        Control("allow_unmute_by_self", allow=False),
        setting("allowUnmuteByOneself"),
        {"allowUnmuteByOneself": 0},
    ),
    Case(
        "start_recording",
        lambda c: c.start_recording(),
        Control("start_recording"),
        setting("isRecord"),
        {"isRecord": 1},
    ),
    Case(
        "stop_recording",
        lambda c: c.stop_recording(),
        Control("stop_recording"),
        setting("isRecord"),
        {"isRecord": 0},
        before=lambda c: c.start_recording(),
    ),
    Case(
        "update_settings",
        lambda c: c.update_settings(lock_sharing=True, chat_permission=2, allow_rename=False),
        Control("update_settings", lock_sharing=True, chat_permission=2, allow_rename=False),
        setting("lockSharing", "chatPermission", "allowRename", "allowOpenCamera", "isLock"),
        {"lockSharing": 1, "chatPermission": 2, "allowRename": 0, "allowOpenCamera": 1, "isLock": 0},
    ),
    Case(
        "update_every_setting",
        lambda c: c.update_settings(
            lock_sharing=True,
            allow_unmute_by_self=False,
            allow_open_camera=False,
            allow_rename=False,
            is_lock=True,
            chat_permission=1,
            call_in_restriction=3,
        ),
        Control(
            "update_settings",
            lock_sharing=True,
            allow_unmute_by_self=False,
            allow_open_camera=False,
            allow_rename=False,
            is_lock=True,
            chat_permission=1,
            call_in_restriction=3,
        ),
        setting(
            "lockSharing", "allowUnmuteByOneself", "allowOpenCamera", "allowRename", "isLock", "chatPermission",
            "callInRestriction",
        ),
        {
            "lockSharing": 1,
            "allowUnmuteByOneself": 0,
            "allowOpenCamera": 0,
            "allowRename": 0,
            "isLock": 1,
            "chatPermission": 1,
            "callInRestriction": 3,
        },
    ),
    Case("info", lambda c: c.info(), Control("info"), None),
    Case(
        "invite",
        lambda c: c.invite([meetctl.HuaweiAttendee("Hana", HANA_NUMBER, "mobile"), {**IAN}]),
        Control("invite", attendees=[{"name": "Hana", "number": HANA_NUMBER, "terminal_type": "mobile"}, IAN]),
        lambda emu: sorted(
            (p["name"], p["number"], p["role"])
            for p in emu.conference(CONF)["participants"]
            if p["number"] in (HANA_NUMBER, IAN["number"]) and not p["in_waiting_room"] and not p["removed"]
        ),
        [("Hana", HANA_NUMBER, "participant"), ("Ian", IAN["number"], "host")],
    ),
    # Screen and voice (issue 24). Alice, the first host, is a hardware terminal in the scenario.
    Case(
        "broadcast",
        lambda c: c.broadcast(BOB),
        Control("broadcast", [BOB]),
        lambda emu: (emu.conference(CONF)["mode"], emu.conference(CONF)["broadcast"]),
        ("BROADCAST", BOB),
    ),
    Case(
        "cancel_broadcast",
        lambda c: c.cancel_broadcast(),
        Control("cancel_broadcast"),
        conference("mode"),
        "FREE",
        before=lambda c: c.broadcast(BOB),
    ),
    Case(
        "roll_call",
        lambda c: c.roll_call(CAROL),
        Control("roll_call", [CAROL]),
        lambda emu: (emu.conference(CONF)["mode"], everyone("muted")(emu)),
        ("ROLLCALL", {FIRST_HOST: False, BOB: True, CAROL: False, DORA: True, EVAN: True}),
    ),
    Case(
        "lower_hands",
        lambda c: c.lower_hands([EVAN, BOB]),
        Control("lower_hands", [EVAN, BOB]),
        person(EVAN, "hand_raised"),
        (False,),
    ),
    Case(
        "host_view",
        lambda c: c.host_view(BOB),
        Control("host_view", [BOB]),
        conference("host_view"),
        {"type": "participant", "participant_id": BOB},
    ),
    Case(
        "host_view_multi_picture",
        lambda c: c.host_view_multi_picture(),
        Control("host_view_multi_picture"),
        conference("host_view"),
        {"type": "multi_picture"},
    ),
    Case(
        "start_host_polling",
        lambda c: c.start_host_polling(switch_seconds=30),
        Control("start_host_polling", switch_seconds=30),
        conference("host_view"),
        {"type": "polling", "switch_seconds": 30},
    ),
    Case(
        "stop_host_polling",
        lambda c: c.stop_host_polling(),
        Control("stop_host_polling"),
        conference("host_view"),
        None,
        before=lambda c: c.start_host_polling(),
    ),
    Case(
        "participant_view",
        lambda c: c.participant_view(FIRST_HOST, DORA),
        Control("participant_view", [FIRST_HOST], watched_id=DORA),
        person(FIRST_HOST, "watching"),
        (DORA,),
    ),
    Case(
        "lock_view",
        lambda c: c.lock_view(FIRST_HOST, BOB),
        Control("lock_view", [FIRST_HOST], source_id=BOB),
        person(FIRST_HOST, "locked_source"),
        (BOB,),
    ),
    Case(
        "unlock_view",
        lambda c: c.unlock_view(FIRST_HOST, BOB),
        Control("unlock_view", [FIRST_HOST], source_id=BOB),
        person(FIRST_HOST, "locked_source"),
        (None,),
        before=lambda c: c.lock_view(FIRST_HOST, BOB),
    ),
    Case("pause", lambda c: c.pause(), Control("pause"), conference("paused"), True),
    Case("resume", lambda c: c.resume(), Control("resume"), conference("paused"), False, before=lambda c: c.pause()),
    Case(
        "move_one_to_waiting_room",
        lambda c: c.move_one_to_waiting_room(BOB),
        Control("move_one_to_waiting_room", [BOB]),
        person(BOB, "in_waiting_room"),
        (True,),
    ),
    Case("allow_audience", lambda c: c.allow_audience(), Control("allow_audience"), conference("allow_audience"), True),
    Case(
        "allow_client_record",
        lambda c: c.allow_client_record(BOB, True),
        Control("allow_client_record", [BOB], allow=True),
        person(BOB, "client_record"),
        (True,),
    ),
    Case(
        "start_mmr_recording",
        lambda c: c.start_mmr_recording(),
        Control("start_mmr_recording"),
        conference("mmr_recording"),
        "recording",
    ),
    Case(
        "pause_mmr_recording",
        lambda c: c.pause_mmr_recording(),
        Control("pause_mmr_recording"),
        conference("mmr_recording"),
        "paused",
        before=lambda c: c.start_mmr_recording(),
    ),
    Case(
        "stop_mmr_recording",
        lambda c: c.stop_mmr_recording(),
        Control("stop_mmr_recording"),
        conference("mmr_recording"),
        "stopped",
        before=lambda c: c.start_mmr_recording(),
    ),
    Case("start_mmr_live", lambda c: c.start_mmr_live(), Control("start_mmr_live"), conference("mmr_live"), True),
    Case(
        "stop_mmr_live",
        lambda c: c.stop_mmr_live(),
        Control("stop_mmr_live"),
        conference("mmr_live"),
        False,
        before=lambda c: c.start_mmr_live(),
    ),
    Case("start_live", lambda c: c.start_live(), Control("start_live"), conference("live"), True),
    Case(
        "stop_live",
        lambda c: c.stop_live(),
        Control("stop_live"),
        conference("live"),
        False,
        before=lambda c: c.start_live(),
    ),
    # The invitation list: a builder and a plain dict (Dora has joined: her participant id too).
    Case(
        "remove_attendees",
        lambda c: c.remove_attendees([meetctl.HuaweiAttendeeNumber(DORA_NUMBER, participant_id=DORA)]),
        Control("remove_attendees", attendees=[{"number": DORA_NUMBER, "participant_id": DORA}]),
        lambda emu: (emu.conference(CONF)["removed_attendees"], emu.huawei_participant(CONF, DORA)["removed"]),
        ([DORA_NUMBER], True),
    ),
    Case(
        "invite_to_share",
        lambda c: c.invite_to_share(BOB),
        Control("invite_to_share", [BOB]),
        person(BOB, "share_invited"),
        (True,),
    ),
    Case(
        "invite_with_password",
        lambda c: c.invite_with_password(ROOM_NUMBER, GUEST_PWD, number_type=0),
        Control("invite_with_password", number=ROOM_NUMBER, conference_password=GUEST_PWD, number_type=0),
        lambda emu: [
            (p["name"], p["terminal"]) for p in emu.conference(CONF)["participants"] if p["number"] == ROOM_NUMBER
        ],
        [(ROOM_NUMBER, True)],
    ),
    Case(
        "cancel_share_invitation",
        lambda c: c.cancel_share_invitation(BOB),
        Control("cancel_share_invitation", [BOB]),
        person(BOB, "share_invited"),
        (False,),
        before=lambda c: c.invite_to_share(BOB),
    ),
    # Display and interpretation (the saved layouts and the site status are lookups: test_lookups.py).
    Case(
        "switch_display_mode",
        lambda c: c.switch_display_mode("VAS", False),
        Control("switch_display_mode", mode="VAS", multi_picture=False),
        conference("display_mode"),
        {"switch_mode": "VAS", "image_type": 0},
    ),
    Case(
        "delete_layout",
        lambda c: c.delete_layout("aa3aaaf349f511edbea72fd2b9a0ad61"),
        Control("delete_layout", layout_id="aa3aaaf349f511edbea72fd2b9a0ad61"),
        None,
    ),
    Case(
        "start_interpretation",
        lambda c: c.start_interpretation(),
        Control("start_interpretation"),
        conference("interpretation"),
        True,
    ),
    Case(
        "stop_interpretation",
        lambda c: c.stop_interpretation(),
        Control("stop_interpretation"),
        conference("interpretation"),
        False,
        before=lambda c: c.start_interpretation(),
    ),
    Case(
        "set_language_channel",
        lambda c: c.set_language_channel([BOB, CAROL], "en", include_original_voice=True),
        Control("set_language_channel", [BOB, CAROL], channel="en", include_original_voice=True),
        lambda emu: [
            (emu.huawei_participant(CONF, p)["language_channel"], emu.huawei_participant(CONF, p)["original_voice"])
            for p in (BOB, CAROL)
        ],
        [("en", True), ("en", True)],
    ),
    # Nested bodies: builders and plain dicts.
    Case(
        "set_custom_multi_picture",
        lambda c: c.set_custom_multi_picture(
            True,
            image_type="Two",
            pictures=[meetctl.HuaweiPicture(index=1, numbers=[BOB_NUMBER]), {"index": 2, "auxiliary_stream": True}],
        ),
        Control(
            "set_custom_multi_picture",
            manual=True,
            image_type="Two",
            pictures=[{"index": 1, "numbers": [BOB_NUMBER]}, {"index": 2, "auxiliary_stream": True}],
        ),
        conference("multi_picture"),
        {
            "manualSet": 1,
            "imageType": "Two",
            "subscriberInPics": [{"index": 1, "subscriber": [BOB_NUMBER]}, {"index": 2, "isAssistStream": 1}],
        },
    ),
    Case(
        "save_layout",
        lambda c: c.save_layout(
            meetctl.HuaweiSavedLayout(layout_id="py-layout", name="py", pictures=[meetctl.HuaweiSavedPicture(index=1)])
        ),
        Control("save_layout", layout={"layout_id": "py-layout", "name": "py", "pictures": [{"index": 1}]}),
        conference("layouts"),
        [{"uuid": "py-layout", "layOutName": "py", "subscriberInPics": [{"index": 1}]}],
    ),
    Case(
        "set_interpreter_groups",
        lambda c: c.set_interpreter_groups(
            [
                meetctl.HuaweiInterpreterGroup(
                    "g1", "zh", "en", interpreters=[meetctl.HuaweiInterpreter(login_account="ivy@example.com")]
                )
            ]
        ),
        Control(
            "set_interpreter_groups",
            groups=[
                {
                    "group_id": "g1",
                    "first_language": "zh",
                    "second_language": "en",
                    "interpreters": [{"login_account": "ivy@example.com"}],
                }
            ],
        ),
        conference("interpreter_groups"),
        [
            {
                "groupID": "g1",
                "firstLanguage": "zh",
                "secondLanguage": "en",
                "interpreters": [{"loginAccount": "ivy@example.com"}],
            }
        ],
    ),
]
CHANGES = [c for c in CASES if c.observe is not None]


def test_every_operation_has_a_case() -> None:
    assert {c.control.operation for c in CASES} == set(meetctl.HuaweiConferenceControl.OPERATIONS)


@pytest.mark.parametrize("how", ["named", "call"])
@pytest.mark.parametrize("case", CHANGES, ids=lambda c: c.name)
def test_operation_takes_effect(emu: Emulator, huawei, case: Case, how: str) -> None:
    assert case.observe is not None
    conf = huawei.conference(CONF, password=HOST_PWD)
    if case.before is not None:
        case.before(conf)
    assert case.observe(emu) != case.expected, "the scenario must start elsewhere"
    if how == "named":
        assert case.named(conf) is None
    else:
        assert conf.call(case.control) is None, "control calls answer with an empty body"
    assert case.observe(emu) == case.expected
    assert emu.state()["requests"][-1]["status"] == 200


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_prepare_call_and_named_method_send_the_same_request(capture: CaptureServer, case: Case) -> None:
    conf = meetctl.HuaweiClient(base_url=capture.url).conference(CONF, control_token="stb-captured")
    prepared = conf.prepare(case.control)
    assert capture.requests == [], "prepare sends nothing (the control token is given)"
    conf.call(case.control)
    case.named(conf)
    assert len(capture.requests) == 2
    for request in capture.requests:
        assert request.method == prepared.method
        assert capture.url + request.path == prepared.url
        assert request.body == prepared.body
        received = {k.lower(): v for k, v in request.headers.items()}
        for name, value in prepared.headers.items():
            assert received[name.lower()] == value, name
    if case.name == "invite_with_password":
        assert prepared.header("X-Conference-Authorization") is None, "the password in the body instead"
    else:
        assert prepared.header("X-Conference-Authorization") == "stb-captured"
    assert prepared.url.startswith(f"{capture.url}/v1/mmc/control/conferences/")
    assert f"?conferenceID={CONF}" in prepared.url


def test_video_flag_is_inverted_on_the_wire(emu: Emulator, huawei) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    stop = conf.prepare(Control("stop_video", [BOB]))
    request = conf.prepare(Control("request_video", [BOB]))
    assert (stop.body, request.body) == (b'{"status":1}', b'{"status":0}')
    assert stop.url.endswith(f"/participants/video?conferenceID={CONF}&participantID={BOB}")
    conf.stop_video(BOB)
    assert emu.huawei_participant(CONF, BOB)["video"] is False
    assert next(p for p in conf.info().participants if p.participant_id == BOB).video_on is False
    conf.request_video(BOB)
    assert emu.huawei_participant(CONF, BOB)["video"] is True
    assert next(p for p in conf.info().participants if p.participant_id == BOB).video_on is True


def test_info(emu: Emulator, huawei) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    info = conf.info()
    assert isinstance(info, meetctl.HuaweiConferenceInfo)
    assert info.host_id == FIRST_HOST
    assert info.cohost_ids == (DORA,)
    assert [p.participant_id for p in info.participants] == ONLINE, "waiting-room members are not listed"
    by_id = {p.participant_id: p for p in info.participants}
    assert all(isinstance(p, meetctl.HuaweiParticipant) for p in info.participants)
    assert [by_id[pid].role for pid in ONLINE] == ["host", "attendee", "attendee", "cohost", "attendee"]
    dora, evan = by_id[DORA], by_id[EVAN]
    assert (dora.name, dora.number, dora.audio_muted, dora.video_on, dora.hand_raised) == (
        "Dora",
        "+8613800000004",
        False,
        True,
        False,
    )
    assert (evan.hand_raised, evan.video_on) == (True, False)
    assert by_id[CAROL].audio_muted is True
    assert by_id[BOB].number == "+8613800000002"
    assert info.raw["confInfo"]["chairID"] == FIRST_HOST
    assert dora.raw["pid"] == DORA
    assert info.participants[0] is info.participants[0], "made once"
    assert info == conf.info()
    assert emu.state()["requests"][-1]["path"] == "/v1/mmc/control/conferences/realTimeInfo"
    # call() gives the same answer, raw.
    assert conf.call(Control("info")) == info.raw


def test_info_follows_the_changes(emu: Emulator, huawei) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.set_cohost(BOB)
    conf.mute(BOB)
    conf.lower_hand(EVAN)
    conf.rename(DORA, "+8613800000004", "Dora Li")
    conf.hang_up([CAROL])
    conf.admit_from_waiting_room(FAY)
    conf.relinquish_host(FIRST_HOST)
    info = conf.info()
    by_id = {p.participant_id: p for p in info.participants}
    assert info.host_id is None
    assert set(info.cohost_ids) == {BOB, DORA}
    assert (by_id[BOB].role, by_id[BOB].audio_muted) == ("cohost", True)
    assert by_id[EVAN].hand_raised is False
    assert by_id[DORA].name == "Dora Li"
    assert CAROL not in by_id and FAY in by_id
    assert by_id[FIRST_HOST].role == "attendee"


def test_result_values(emu: Emulator, huawei) -> None:
    info = huawei.conference(CONF, password=HOST_PWD).info()
    dora = next(p for p in info.participants if p.participant_id == DORA)
    assert repr(dora) == (
        "HuaweiParticipant(participant_id='p-dora', name='Dora', number='+8613800000004', role='cohost', "
        "audio_muted=False, video_on=True, hand_raised=False)"
    )
    assert repr(info).startswith(f"HuaweiConferenceInfo(host_id='{FIRST_HOST}', cohost_ids=('p-dora',), participants=(")
    assert repr(dora) in repr(info)
    for text in (repr(info), repr(dora)):
        assert HOST_PWD not in text
    with pytest.raises(AttributeError):
        info.host_id = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        dora.audio_muted = True  # type: ignore[misc]
    raw = info.raw
    raw["confInfo"] = None
    assert info.raw["confInfo"] is not None, "raw is a new dict every time"
    assert json.loads(json.dumps(info.raw)) == info.raw


@pytest.mark.parametrize(
    "error, code, call",
    [
        # A guest-password token may not use the chair APIs (mute and the host role it may).
        (meetctl.PermissionDenied, "MMC.111070002", lambda hw: hw.conference(CONF, password=GUEST_PWD).mute_all()),
        (meetctl.PermissionDenied, "MMC.111070002", lambda hw: hw.conference(CONF, password=GUEST_PWD).hang_up([BOB])),
        # The conference is over.
        (meetctl.NotFound, "MMC.111070005", lambda hw: (lambda c: (c.end(), c.lock()))(hw.conference(CONF, password=HOST_PWD))),
        # The host cannot also be a co-host; strangers and people not waiting.
        (meetctl.ApiError, "MMC.111070001", lambda hw: hw.conference(CONF, password=HOST_PWD).set_cohost(FIRST_HOST)),
        (meetctl.ApiError, "MMC.111071011", lambda hw: hw.conference(CONF, password=HOST_PWD).mute("p-nobody")),
        (meetctl.ApiError, "MMC.111071011", lambda hw: hw.conference(CONF, password=HOST_PWD).admit_from_waiting_room(BOB)),
        (meetctl.ApiError, "MMC.111071011", lambda hw: hw.conference(CONF, password=HOST_PWD).rename(DORA, "+86", "D")),
    ],
    ids=["guest-mute-all", "guest-hang-up", "after-end", "cohost-the-host", "mute-stranger", "admit-not-waiting",
         "rename-wrong-number"],
)
def test_vendor_refusals(emu: Emulator, huawei, error: type, code: str, call: Callable[[Any], Any]) -> None:
    with pytest.raises(error) as info:
        call(huawei)
    assert type(info.value) is error
    assert info.value.code == code  # type: ignore[attr-defined]
    assert info.value.vendor == "huawei"  # type: ignore[attr-defined]


def test_a_guest_may_read_but_not_mute(emu: Emulator, huawei) -> None:
    conf = huawei.conference(CONF, password=GUEST_PWD)
    with pytest.raises(meetctl.PermissionDenied):
        conf.mute(BOB)
    assert emu.huawei_participant(CONF, BOB)["muted"] is False
    assert conf.info().host_id == FIRST_HOST

def test_invite_checks_every_attendee_before_sending(capture: CaptureServer) -> None:
    conf = meetctl.HuaweiClient(base_url=capture.url).conference(CONF, control_token="stb")
    bad = [
        ([], "attendees"),
        ([{"name": "Hana", "number": HANA_NUMBER}], "attendees[0].terminal_type"),
        ([{**IAN}, {"name": "", "number": "1", "terminal_type": "mobile"}], "attendees[1].name"),
        ([{**IAN, "role": 2}], "attendees[0].role"),
        ([{**IAN, "email": "ian@example.com"}], "attendees[0].email"),
        ([{**IAN, "terminal_type": "fax"}], "attendees[0].terminal_type"),
        (["Hana"], "attendees[0]"),
    ]
    for attendees, field in bad:
        with pytest.raises(meetctl.InvalidArgument) as info:
            conf.invite(attendees)
        assert info.value.field == field, attendees
    assert capture.requests == [], "nothing is sent for a bad attendee"
    conf.invite([meetctl.HuaweiAttendee("Hana", HANA_NUMBER, "mobile", role=0, account_id="hana01")])
    assert json.loads(capture.requests[0].body) == {
        "attendees": [{"name": "Hana", "phone": HANA_NUMBER, "type": "mobile", "role": 0, "accountId": "hana01"}]
    }
    assert capture.requests[0].method == "POST"
    assert capture.requests[0].path == f"/v1/mmc/control/conferences/participants?conferenceID={CONF}"
