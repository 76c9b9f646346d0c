"""Every lookup end to end against the emulator's demo scenario: ``TencentClient.lookup``,
``HuaweiClient.lookup`` and ``HuaweiConference.lookup`` read every page (the tests ask for small
pages and count the requests), answer plain ``dict``/``list`` values, and refuse an unknown name or
a bad argument before anything is sent."""

import ast
import logging
import re
from pathlib import Path
from typing import Any, Dict, List

import pytest

import meetctl
from conftest import (
    CONF,
    CONF_NOT_STARTED,
    HOST_PWD,
    HW_ACCOUNT,
    HW_PASSWORD,
    MEETING,
    OAUTH_OPEN_ID,
    OAUTH_TOKEN,
    CaptureServer,
    Emulator,
    http,
)

ALICE = meetctl.TencentUser(userid="alice", instance=4)  # creator of the demo meeting
KATE = meetctl.TencentUser(userid="kate", instance=1)  # creator of the recurring stand-up
STANDUP = "1242152153003"  # recurring, code 300100300, occurrence 1700300002 now
ENDED = "1242152152100"  # last week's meeting, the demo's code 806724161 reused
CUSTOMER_DEMO = "1242152153005"  # scheduled in 3 h, code 300100500
BOARDROOM = "914083139"
BOARDROOM_SIP = "sip:boardroom-8f@meeting.example.com"
LOBBY_SIP = "sip:lobby-2f@meeting.example.com"  # its conference has not started

MEETING_INFO_FIELDS = {
    "meeting_id", "meeting_code", "subject", "status", "in_progress", "start_time", "end_time",
    "hosts", "recurring", "current_occurrence", "occurrences", "join_url",
}
HUAWEI_CONFERENCE_FIELDS = {
    "conference_id", "subject", "state", "in_progress", "start_time", "end_time", "access_number",
    "vmr_conference_id", "scheduler_name", "size",
}


@pytest.fixture
def account(emu: Emulator) -> meetctl.HuaweiClient:
    """A Huawei client with account authentication (the management lookups need it)."""
    return meetctl.HuaweiClient.account(HW_ACCOUNT, HW_PASSWORD, base_url=emu.url)


def queries(emu: Emulator, path: str) -> List[str]:
    """The query strings of the requests the emulator received on `path`, in order."""
    return [r["query"] for r in emu.state()["requests"] if r["path"] == path]


def stub_literal(name: str) -> List[str]:
    """The names of a Literal alias in the stub next to the compiled module."""
    stub = Path(meetctl._meetctl.__file__).with_name("_meetctl.pyi")
    for node in ast.parse(stub.read_text()).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            assert isinstance(node.value, ast.Subscript)
            return [e.value for e in node.value.slice.elts]  # type: ignore[attr-defined]
    raise KeyError(name)


def test_lookup_names_match_the_core_and_the_stub() -> None:
    # The names come from the core's tables (in the order of their numbers); a new lookup adds to
    # them without this test changing.
    assert {"meetings_by_code", "meeting", "room_meetings", "waiting_room", "attendance"} <= set(
        meetctl.TencentClient.LOOKUPS
    )
    assert {
        "online_conferences", "online_conference_details", "conference_details", "online_attendees",
        "call_number_status", "ws_token", "layouts", "management_site_status",
    } <= set(meetctl.HuaweiClient.LOOKUPS)
    assert meetctl.HuaweiConference.LOOKUPS == meetctl.HuaweiClient.LOOKUPS
    # The conference lookups' named methods are the conference handle's.
    on_conference = {"ws_token", "layouts"}
    assert all(hasattr(meetctl.TencentClient, name) for name in meetctl.TencentClient.LOOKUPS), "a named method each"
    for name in meetctl.HuaweiClient.LOOKUPS:
        owner = meetctl.HuaweiConference if name in on_conference else meetctl.HuaweiClient
        assert hasattr(owner, name), name
    assert list(meetctl.TencentClient.LOOKUPS) == stub_literal("_TencentLookupName")
    assert list(meetctl.HuaweiClient.LOOKUPS) == stub_literal("_HuaweiLookupName")


# ---------------------------------------------------------------------------------------- Tencent


def test_tencent_meetings_by_code_lists_every_meeting_with_the_code(emu: Emulator, tencent) -> None:
    answer = tencent.lookup("meetings_by_code", ALICE, {"meeting_code": "806724161"})
    assert isinstance(answer, list) and all(isinstance(m, dict) for m in answer)
    assert {frozenset(m) for m in answer} == {frozenset(MEETING_INFO_FIELDS)}
    # Oldest start first: last week's (ended) meeting, then the demo in progress.
    assert [(m["meeting_id"], m["status"], m["in_progress"]) for m in answer] == [
        (ENDED, "MEETING_STATE_ENDED", False),
        (MEETING, "MEETING_STATE_STARTED", True),
    ]
    assert {m["meeting_code"] for m in answer} == {"806724161"}
    assert answer[1]["subject"] == "Demo: weekly product review"
    assert answer[1]["end_time"] - answer[1]["start_time"] == 3600
    assert queries(emu, "/v1/meetings") == ["meeting_code=806724161&userid=alice&instanceid=4"]


def test_tencent_meeting_by_id_with_its_occurrences(tencent) -> None:
    m = tencent.lookup("meeting", KATE, {"meeting_id": STANDUP})
    assert isinstance(m, dict) and set(m) == MEETING_INFO_FIELDS
    assert (m["meeting_id"], m["meeting_code"], m["subject"]) == (STANDUP, "300100300", "Daily stand-up")
    assert (m["recurring"], m["in_progress"], m["current_occurrence"], m["hosts"]) == (
        True, True, "1700300002", ["kate"],
    )
    assert [o["sub_meeting_id"] for o in m["occurrences"]] == ["1700300001", "1700300002", "1700300003"]
    now = m["occurrences"][1]
    assert (m["start_time"], m["end_time"]) == (now["start_time"], now["end_time"])
    with pytest.raises(meetctl.NotFound):
        tencent.lookup("meeting", ALICE, {"meeting_id": "1242152159999"})


def test_tencent_room_meetings_every_page(emu: Emulator, tencent) -> None:
    path = "/v1/meeting-rooms/rooms-lobby-1/meetings"
    answer = tencent.lookup("room_meetings", None, {"room_id": "rooms-lobby-1", "page_size": 1})
    assert [m["meeting_id"] for m in answer] == [MEETING, CUSTOMER_DEMO]
    assert [m["in_progress"] for m in answer] == [True, False]
    assert [q.rsplit("&", 1)[1] for q in queries(emu, path)] == ["page=1", "page=2"]
    assert queries(emu, path)[0].startswith("operator_id_type=3&instanceid=20&page_size=1")
    # The same room by its meeting_room_id.
    by_room = tencent.lookup("room_meetings", args={"room_id": "mr-101", "room_id_type": 5})
    assert [m["meeting_id"] for m in by_room] == [MEETING, CUSTOMER_DEMO]


def test_tencent_room_meetings_refuses_an_operator_and_oauth(emu: Emulator, tencent, oauth) -> None:
    before = emu.request_count()
    with pytest.raises(meetctl.InvalidArgument) as info:
        tencent.lookup("room_meetings", ALICE, {"room_id": "rooms-lobby-1"})
    assert info.value.field == "operator"
    with pytest.raises(meetctl.InvalidArgument) as info:
        oauth.lookup("room_meetings", None, {"room_id": "rooms-lobby-1"})
    assert info.value.field == "credentials"
    assert emu.request_count() == before, "nothing was sent"


def test_tencent_waiting_room_every_page(emu: Emulator, tencent) -> None:
    path = f"/v1/meetings/{MEETING}/waiting-room-participants"
    answer = tencent.lookup("waiting_room", ALICE, {"meeting_id": MEETING, "page_size": 1})
    assert [(w["userid"], w["user_name"], w["ms_open_id"], w["instanceid"]) for w in answer] == [
        ("frank", "Frank", "msopenid-frank", 1),
        ("gina", "Gina", "msopenid-gina", 5),
    ]
    assert queries(emu, path) == ["userid=alice&page_size=1&page=1", "userid=alice&page_size=1&page=2"]


def test_tencent_attendance_reads_several_pages(emu: Emulator, tencent) -> None:
    path = f"/v1/meetings/{MEETING}/participants"
    answer = tencent.lookup("attendance", ALICE, {"meeting_id": MEETING, "page_size": 2})
    # Nine stays: the six in the meeting now and three that ended (bob left once and came back).
    assert len(answer) == 9
    assert [q.rsplit("&", 1)[1] for q in queries(emu, path)] == ["pos=0", "pos=2", "pos=4", "pos=6", "pos=8"]
    assert all("size=2" in q for q in queries(emu, path))
    joins = [a["join_time"] for a in answer]
    assert joins == sorted(joins), "by join time"
    left = sorted((a["userid"], a["left_time"] - a["join_time"]) for a in answer if a["left_time"] is not None)
    assert left == [("bob", 170), ("harry", 320), ("ivy", 390)]
    assert [a["userid"] for a in answer].count("bob") == 2
    assert {a["userid"] for a in answer if a["left_time"] is None} == {"alice", "bob", "carol", "dave", "erin", "rooms-1"}
    assert next(a for a in answer if a["userid"] == "harry")["user_name"] == "Harry"


def test_tencent_attendance_of_one_occurrence(emu: Emulator, tencent) -> None:
    yesterday = tencent.lookup("attendance", KATE, {"meeting_id": STANDUP, "occurrence": "1700300001"})
    assert [(a["userid"], a["left_time"] is not None) for a in yesterday] == [("kate", True), ("leo", True)]
    today = tencent.lookup("attendance", KATE, {"meeting_id": STANDUP, "occurrence": "1700300002"})
    assert [(a["userid"], a["left_time"]) for a in today] == [("kate", None), ("leo", None)]
    assert "sub_meeting_id=1700300002" in queries(emu, f"/v1/meetings/{STANDUP}/participants")[-1]
    # The vendor wants the occurrence of a recurring meeting (the server says so: it was sent).
    with pytest.raises(meetctl.ApiError):
        tencent.lookup("attendance", KATE, {"meeting_id": STANDUP})


def test_tencent_lookup_with_oauth(emu: Emulator) -> None:
    oauth = meetctl.TencentClient.oauth(OAUTH_OPEN_ID, OAUTH_TOKEN, base_url=emu.url)
    me = meetctl.TencentUser(open_id=OAUTH_OPEN_ID, instance=1)
    m = oauth.lookup("meeting", me, {"meeting_id": "1242152152162"})
    assert (m["meeting_id"], m["subject"]) == ("1242152152162", "OAuth user meeting")


@pytest.mark.parametrize("name", ["Meeting", "meetings-by-code", "", "participants", "online_conferences"])
def test_unknown_tencent_lookup(emu: Emulator, tencent, name: str) -> None:
    before = emu.request_count()
    with pytest.raises(meetctl.InvalidArgument) as info:
        tencent.lookup(name, ALICE, {"meeting_id": MEETING})
    assert info.value.field == "lookup"
    assert isinstance(info.value, ValueError)
    assert "meetings_by_code" in str(info.value), "the known names are listed"
    assert emu.request_count() == before


@pytest.mark.parametrize(
    "name, operator, args, field",
    [
        ("meeting", ALICE, {}, "meeting_id"),
        ("meeting", ALICE, {"meeting_id": MEETING, "colour": "red"}, "colour"),
        ("meeting", None, {"meeting_id": MEETING}, "operator"),
        ("meeting", meetctl.TencentUser(ms_open_id="afagsagwags", instance=4), {"meeting_id": MEETING}, "operator.id"),
        ("meetings_by_code", ALICE, {"meeting_code": "80672416x"}, "meeting_code"),
        ("meetings_by_code", ALICE, {"meeting_code": 806724161}, "meeting_code"),
        ("attendance", ALICE, {"meeting_id": MEETING, "page_size": 0}, "page_size"),
        ("attendance", ALICE, {"meeting_id": MEETING, "page_size": 101}, "page_size"),
        ("waiting_room", ALICE, {"meeting_id": MEETING, "page_size": "2"}, "page_size"),
        ("room_meetings", None, {"room_id": "rooms-lobby-1", "room_id_type": 4}, "room_id_type"),
        ("meeting", ALICE, {"meeting_id": "12/../x"}, "meeting_id"),
        ("meeting", ALICE, {"meeting_id": [MEETING]}, "meeting_id"),
    ],
)
def test_bad_tencent_lookup_arguments_are_refused_before_sending(
    emu: Emulator, tencent, name: str, operator: Any, args: Dict[str, Any], field: str
) -> None:
    before = emu.request_count()
    with pytest.raises(meetctl.InvalidArgument) as info:
        tencent.lookup(name, operator, args)
    assert info.value.field == field, info.value
    assert emu.request_count() == before, "nothing was sent"


def test_lookup_args_must_be_a_mapping_of_names(emu: Emulator, tencent, account) -> None:
    before = emu.request_count()
    for bad in ([("meeting_id", MEETING)], "meeting_id", 5):
        with pytest.raises(TypeError, match="mapping"):
            tencent.lookup("meeting", ALICE, bad)
        with pytest.raises(TypeError, match="mapping"):
            account.lookup("call_number_status", bad)
    with pytest.raises(TypeError, match="str"):
        tencent.lookup("meeting", ALICE, {1: MEETING})
    with pytest.raises(TypeError):
        tencent.lookup("meeting", "alice", {"meeting_id": MEETING})
    assert emu.request_count() == before


def test_none_in_args_means_not_given(emu: Emulator, tencent) -> None:
    path = f"/v1/meetings/{MEETING}/waiting-room-participants"
    answer = tencent.lookup("waiting_room", ALICE, {"meeting_id": MEETING, "page_size": None})
    assert len(answer) == 2
    assert queries(emu, path) == ["userid=alice&page_size=50&page=1"], "the default page size"
    assert tencent.lookup("meeting", ALICE, {"meeting_id": MEETING})["meeting_id"] == MEETING


# ----------------------------------------------------------------------------------------- Huawei


def test_huawei_online_conferences_every_page_and_search_key(emu: Emulator, account) -> None:
    path = "/v1/mmc/management/conferences/online"
    everything = account.lookup("online_conferences", {"page_size": 1})
    # In progress, by start time; the scheduled 914083137 is not online.
    assert [c["conference_id"] for c in everything] == ["914083138", CONF, BOARDROOM]
    assert [q.rsplit("&", 1)[1] for q in queries(emu, path)] == ["offset=0", "offset=1", "offset=2"]
    assert {frozenset(c) for c in everything} == {frozenset(HUAWEI_CONFERENCE_FIELDS)}
    assert all(c["in_progress"] and c["state"] == "Created" for c in everything)

    found = account.lookup("online_conferences", {"search_key": "sync"})
    assert [(c["conference_id"], c["subject"]) for c in found] == [("914083138", "Neutral sync")]
    assert queries(emu, path)[-1] == "searchKey=sync&limit=100&offset=0"
    assert account.lookup("online_conferences", {"search_key": "no such subject"}) == []
    by_scheduler = account.lookup("online_conferences", {"search_key": "hal"})
    assert [(c["conference_id"], c["vmr_conference_id"]) for c in by_scheduler] == [(BOARDROOM, "989083139")]


def test_huawei_online_conference_details(account) -> None:
    details = account.lookup("online_conference_details", {"conference_id": CONF})
    assert set(details) == {"conference", "invitees"}
    conference = details["conference"]
    assert (conference["conference_id"], conference["subject"], conference["in_progress"]) == (
        CONF, "Demo conference", True,
    )
    assert conference["end_time"] - conference["start_time"] == 3600
    assert conference["scheduler_name"] == "demo-account"
    assert [i["name"] for i in details["invitees"]] == ["Alice", "Bob", "Carol", "Dora", "Evan"]
    assert [i["role"] for i in details["invitees"]][:2] == [1, 0]
    assert HOST_PWD not in repr(details), "the vendor's passwordEntry is not in the record"
    # Not in progress: the vendor answers an error for the online form.
    with pytest.raises(meetctl.ApiError):
        account.lookup("online_conference_details", {"conference_id": CONF_NOT_STARTED})


def test_huawei_conference_details_of_a_scheduled_conference(account) -> None:
    details = account.lookup("conference_details", {"conference_id": CONF_NOT_STARTED})
    conference = details["conference"]
    assert (conference["conference_id"], conference["state"], conference["in_progress"]) == (
        CONF_NOT_STARTED, "Schedule", False,
    )
    assert [(i["name"], i["participant_id"]) for i in details["invitees"]] == [
        ("Zoe", "+8613800000010"),
        ("Lobby 2F (room device)", LOBBY_SIP),
    ]
    assert "111111" not in repr(details)


def test_huawei_online_attendees_every_page(emu: Emulator, account) -> None:
    path = "/v1/mmc/management/conferences/online/conf-attendee"
    attendees = account.lookup("online_attendees", {"conference_id": CONF, "page_size": 2})
    assert [a["participant_id"] for a in attendees] == [
        "d2c3ae64216e11eabc510dc9b62e3a80",
        "a1b2c3d4e5f611eabc510dc9b62e3a81",
        "c3d4e5f6a7b811eabc510dc9b62e3a82",
        "p-dora",
        "p-evan",
    ], "in the conference only: not the waiting room"
    assert [q.rsplit("&", 1)[1] for q in queries(emu, path)] == ["offset=0", "offset=2", "offset=4"]
    assert (attendees[3]["name"], attendees[3]["number"]) == ("Dora", "+8613800000004")


def test_huawei_call_number_status(account) -> None:
    assert account.lookup("call_number_status", {"call_number": BOARDROOM_SIP}) == {
        "in_conference": True, "conference_id": BOARDROOM,
    }
    assert account.lookup("call_number_status", {"call_number": "+8613800000005"}) == {
        "in_conference": True, "conference_id": CONF,
    }
    for outside in (LOBBY_SIP, "sip:gus@example.com", "+8613899999999"):
        assert account.lookup("call_number_status", {"call_number": outside}) == {
            "in_conference": False, "conference_id": None,
        }, outside


def test_huawei_lookups_need_account_authentication(emu: Emulator, huawei) -> None:
    before = emu.request_count()
    with pytest.raises(meetctl.InvalidArgument) as info:
        huawei.lookup("online_conferences")
    assert info.value.field == "auth"
    with pytest.raises(meetctl.InvalidArgument) as info:
        huawei.conference(CONF, password=HOST_PWD).lookup("online_attendees")
    assert info.value.field == "auth"
    assert emu.request_count() == before


@pytest.mark.parametrize(
    "name, args, field",
    [
        ("wsToken", {}, "lookup"),
        ("", {}, "lookup"),
        ("meeting", {"meeting_id": MEETING}, "lookup"),
        ("online_conferences", {"page_size": 501}, "page_size"),
        ("online_conferences", {"query_all": "yes"}, "query_all"),
        ("online_conferences", {"search_key": "x" * 129}, "search_key"),
        ("online_attendees", {"conference_id": 914083136}, "conference_id"),
        ("call_number_status", {"number": BOARDROOM_SIP}, "number"),
    ],
)
def test_bad_huawei_lookups_are_refused_before_sending(
    emu: Emulator, account, name: str, args: Dict[str, Any], field: str
) -> None:
    conference = account.conference(CONF, password=HOST_PWD)
    before = emu.request_count()
    for target in (account, conference):
        with pytest.raises(meetctl.InvalidArgument) as info:
            target.lookup(name, args)
        assert info.value.field == field, (target, info.value)
    assert emu.request_count() == before


def test_huawei_ws_token_through_a_conference(emu: Emulator, huawei, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="meetctl")
    conference = huawei.conference(CONF, password=HOST_PWD)
    answer = conference.lookup("ws_token")
    assert set(answer) == {"token", "expires_at_ms", "ws_url"}
    token = answer["token"]
    assert re.fullmatch(r"[0-9a-f]{48}", token), "the token, in clear, in the caller's dict"
    assert conference.lookup("ws_token")["token"] != token, "a new token each call"
    # Asked with the conference's control token, never an account token.
    assert queries(emu, "/v1/mmc/control/conferences/wsToken") == [f"conferenceID={CONF}"] * 2
    # No repr or log record of meetctl's shows it.
    assert caplog.records, "the exchanges were logged"
    for record in caplog.records:
        assert token not in record.getMessage()
        assert token not in repr(record.__dict__)
    assert token not in repr(conference) and token not in repr(huawei)
    # Only a conference handle asks for it.
    with pytest.raises(meetctl.InvalidArgument) as info:
        meetctl.HuaweiClient.account(HW_ACCOUNT, HW_PASSWORD, base_url=emu.url).lookup("ws_token")
    assert info.value.field == "lookup"


def test_huawei_layouts_through_a_conference_with_its_control_token(capture: CaptureServer) -> None:
    capture.answer = (
        b'{"returnCode":0,"returnDesc":"Success","picLayouts":[{"uuid":"aa3a","layOutName":"two up",'
        b'"imageType":"Two","picNum":2,"switchTime":20,"subscriberInPics":[{"index":1,"id":["+991"],"share":0},'
        b'{"index":2,"id":["+992","+993"],"share":1}]},{"layOutName":"no uuid"}]}'
    )
    client = meetctl.HuaweiClient(base_url=capture.url)
    conference = client.conference(CONF, control_token="stb-layouts")
    layouts = conference.layouts()
    assert isinstance(layouts, tuple) and len(layouts) == 1, "an entry without a uuid is left out"
    layout = layouts[0]
    assert isinstance(layout, meetctl.HuaweiLayout)
    assert (layout.layout_id, layout.name, layout.image_type, layout.picture_count, layout.switch_seconds) == (
        "aa3a", "two up", "Two", 2, 20
    )
    assert [(p.index, p.numbers, p.auxiliary_stream) for p in layout.pictures] == [
        (1, ("+991",), False),
        (2, ("+992", "+993"), True),
    ]
    [request] = capture.requests
    assert (request.method, request.path) == ("GET", f"/v1/mmc/control/conferences/layOut?conferenceID={CONF}")
    assert {k.lower(): v for k, v in request.headers.items()}["x-conference-authorization"] == "stb-layouts"
    # The vendor's refusal in a 200 answer is an error, not an empty list.
    capture.answer = b'{"returnCode":5,"returnDesc":"busy"}'
    with pytest.raises(meetctl.ApiError):
        conference.layouts()
    # Only a conference handle asks for them; they take no arguments.
    with pytest.raises(meetctl.InvalidArgument) as info:
        client.lookup("layouts")
    assert info.value.field == "lookup"
    with pytest.raises(meetctl.InvalidArgument) as info:
        conference.lookup("layouts", {"uuID": "x"})
    assert info.value.field == "uuID"
    assert len(capture.requests) == 2
    assert not hasattr(meetctl.HuaweiClient, "layouts")


def test_huawei_management_site_status_with_no_token(emu: Emulator, capture: CaptureServer) -> None:
    # No account at all: there is no access token to send, and none is needed.
    client = meetctl.HuaweiClient(base_url=emu.url)
    status = client.management_site_status()
    assert isinstance(status, meetctl.HuaweiManagementSiteStatus)
    assert (status.status, status.redirect_join_url) == ("NORMAL", None)
    http_status, _ = http("PUT", f"{emu.url}/_emulator/huawei/management-site", b'{"fault": true}')
    assert http_status == 200
    assert client.lookup("management_site_status") == {"status": "FAULT", "redirect_join_url": None}
    # Through a conference handle (whose token is no token): still the client's, with no token.
    conference = client.conference(CONF, control_token="stb-not-a-token")
    assert conference.lookup("management_site_status")["status"] == "FAULT"
    assert queries(emu, "/v1/mmc/control/confmaintain/queryMgmtSiteStatus") == [""] * 3, "no conferenceID"
    assert queries(emu, "/v1/mmc/control/conferences/token") == []
    # An account client sends neither its access token nor a control token, and asks for none.
    capture.answer = b'{"status":"NORMAL","redirectJoinUrl":"https://join.example.com/x"}'
    with_account = meetctl.HuaweiClient.account(HW_ACCOUNT, HW_PASSWORD, base_url=capture.url)
    assert with_account.management_site_status().redirect_join_url == "https://join.example.com/x"
    [request] = capture.requests
    assert (request.method, request.path) == ("GET", "/v1/mmc/control/confmaintain/queryMgmtSiteStatus")
    headers = {k.lower() for k in request.headers}
    assert "x-access-token" not in headers and "x-conference-authorization" not in headers
    # A malformed answer and an argument are refused.
    capture.answer = b'{"redirectJoinUrl":""}'
    with pytest.raises(meetctl.MalformedResponse):
        with_account.management_site_status()
    with pytest.raises(meetctl.InvalidArgument) as info:
        with_account.lookup("management_site_status", {"conference_id": CONF})
    assert info.value.field == "conference_id"
    assert len(capture.requests) == 2
    assert not hasattr(meetctl.HuaweiConference, "management_site_status")


def test_huawei_conference_lookup_fills_in_its_id(emu: Emulator, account) -> None:
    conference = account.conference(CONF, password=HOST_PWD)
    attendees = conference.lookup("online_attendees")
    assert attendees == account.lookup("online_attendees", {"conference_id": CONF})
    assert conference.lookup("online_conference_details")["conference"]["conference_id"] == CONF
    # An id given in args wins.
    other = conference.lookup("online_attendees", {"conference_id": BOARDROOM})
    assert [a["name"] for a in other] == ["Hal", "Boardroom 8F"]
    # The client has no conference to fill in.
    with pytest.raises(meetctl.InvalidArgument) as info:
        account.lookup("online_attendees")
    assert info.value.field == "conference_id"
    # A lookup that takes no conference id is run as it is.
    assert conference.lookup("call_number_status", {"call_number": BOARDROOM_SIP})["conference_id"] == BOARDROOM


def test_lookup_answers_are_new_plain_values(account) -> None:
    first = account.lookup("online_conferences")
    first[0]["subject"] = "changed"
    first.append("junk")
    second = account.lookup("online_conferences")
    assert "changed" not in repr(second) and "junk" not in second
    assert type(second) is list and type(second[0]) is dict


def test_named_lookup_methods_are_the_generic_call(tencent, account) -> None:
    by_name = tencent.meetings_by_code("806724161", ALICE)
    generic = tencent.lookup("meetings_by_code", ALICE, {"meeting_code": "806724161"})
    assert [m.meeting_id for m in by_name] == [m["meeting_id"] for m in generic]
    assert account.call_number_status(BOARDROOM_SIP).conference_id == BOARDROOM


# ------------------------------------------------------------------------------ interruptible


class Interrupted(Exception):
    """What the test's SIGUSR1 handler raises."""


@pytest.mark.parametrize(
    "call, held",
    [
        (lambda tc, hw: tc.lookup("attendance", ALICE, {"meeting_id": MEETING, "page_size": 2}), "/v1/meetings/"),
        (lambda tc, hw: tc.find("806724161", ALICE), "/v1/meetings"),
        (lambda tc, hw: meetctl.Meeting.find_tencent(tc, "806724161", ALICE), "/v1/meetings"),
        (lambda tc, hw: meetctl.Meeting.find_tencent(tc, "806724161", ALICE).details_raw(), "/v1/meetings/"),
        (lambda tc, hw: hw.lookup("online_conferences", {"page_size": 1}), "/v1/mmc/management"),
        (lambda tc, hw: meetctl.Meeting.find_huawei_by_number(hw, BOARDROOM_SIP), "/v2/mms"),
        (lambda tc, hw: hw.conference(CONF, password=HOST_PWD).lookup("ws_token"), "/v1/mmc/control/conferences/wsToken"),
    ],
    ids=["tencent_lookup", "find", "find_tencent", "details_raw", "huawei_lookup", "find_huawei", "ws_token"],
)
def test_a_signal_handler_that_raises_ends_a_waiting_lookup(emu: Emulator, tencent, account, call: Any, held: str) -> None:
    """As every other call: on the main thread, a signal handler's exception ends the wait within
    a slice, noted as possibly sent."""
    import os
    import signal
    import threading
    import time

    def handler(signum: int, frame: Any) -> None:
        raise Interrupted("stop")

    previous = signal.signal(signal.SIGUSR1, handler)
    try:
        emu.fault(kind="delay", ms=3000, path_prefix=held, times=None)
        timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGUSR1))
        started = time.monotonic()
        timer.start()
        with pytest.raises(Interrupted) as info:
            call(tencent, account)
        elapsed = time.monotonic() - started
        timer.join()
    finally:
        signal.signal(signal.SIGUSR1, previous)
        emu.clear_faults()
    assert elapsed < 1.5, f"interrupted after {elapsed:.2f} s"
    assert any("meetctl: interrupted" in note for note in getattr(info.value, "__notes__", [])), info.value
