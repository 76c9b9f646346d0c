"""Finding a meeting from what a person has, end to end against the emulator's demo scenario:
each rule of "one rule for a code" as its own test through ``TencentClient.find`` and
``Meeting.find_tencent``; codes as people type them and join links; ``meetctl.Ambiguous`` and its
candidates; ``Meeting.find_huawei_by_number`` / ``find_huawei_by_conference_id``; a found meeting's
details, occurrence and participants.

The rule compares scheduled times with this machine's clock; the emulator's scenario times are
offsets from its own start on the same clock, so "now" agrees."""

import pickle
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
    SDK_APP_ID,
    SDK_ID,
    SDK_SECRET_ID,
    SDK_SECRET_KEY,
    Emulator,
)

ALICE = meetctl.TencentUser(userid="alice", instance=4)
KATE = meetctl.TencentUser(userid="kate", instance=1)
QUINN = meetctl.TencentUser(userid="quinn", instance=1)  # a user of the other app, 210000002
STANDUP = "1242152153003"
CANDIDATE_FIELDS = {"meeting_id", "occurrence", "subject", "start_time", "end_time", "in_progress"}
BOARDROOM = "914083139"
BOARDROOM_SIP = "sip:boardroom-8f@meeting.example.com"


@pytest.fixture
def account(emu: Emulator) -> meetctl.HuaweiClient:
    """A Huawei client with account authentication (finding a conference needs it)."""
    return meetctl.HuaweiClient.account(HW_ACCOUNT, HW_PASSWORD, base_url=emu.url)


def plain(record: Any) -> Dict[str, Any]:
    """A found candidate's fields as a dict (``find`` answers a ``meetctl.Candidate``)."""
    assert isinstance(record, meetctl.Candidate), type(record)
    return {name: getattr(record, name) for name in record.__slots__}


def code_lookups(emu: Emulator) -> List[str]:
    """The queries of the meeting-code lookups the emulator received."""
    return [r["query"] for r in emu.state()["requests"] if r["path"] == "/v1/meetings"]


# ----------------------------------------------------------------------------- the rule, in order


def test_one_meeting_with_the_code_is_that_one(tencent) -> None:
    found = plain(tencent.find("300100500", ALICE))
    assert set(found) == CANDIDATE_FIELDS
    assert (found["meeting_id"], found["occurrence"], found["subject"], found["in_progress"]) == (
        "1242152153005", None, "Customer demo", False,
    )
    assert found["end_time"] - found["start_time"] == 3600


def test_of_several_the_one_in_progress(tencent) -> None:
    # Code 806724161 is the demo's (in progress) and last week's (ended): two meetings share it.
    shared = tencent.lookup("meetings_by_code", ALICE, {"meeting_code": "806724161"})
    assert sorted(m["meeting_id"] for m in shared) == ["1242152152100", MEETING]
    found = plain(tencent.find("806724161", ALICE))
    assert (found["meeting_id"], found["in_progress"], found["subject"]) == (
        MEETING, True, "Demo: weekly product review",
    )


def test_a_recurring_meeting_with_an_occurrence_now(tencent) -> None:
    found = plain(tencent.find("300100300", KATE))
    assert (found["meeting_id"], found["occurrence"], found["in_progress"], found["subject"]) == (
        STANDUP, "1700300002", True, "Daily stand-up",
    )
    meeting = meetctl.Meeting.find_tencent(tencent, "300100300", KATE)
    assert (meeting.id, meeting.occurrence) == (STANDUP, "1700300002"), "the found meeting carries the occurrence"


def test_a_recurring_meeting_with_no_occurrence_now_is_ambiguous(emu: Emulator, tencent) -> None:
    with pytest.raises(meetctl.Ambiguous) as info:
        tencent.find("300100400", ALICE)
    e = info.value
    assert [(c["meeting_id"], c["occurrence"], c["in_progress"]) for c in e.candidates] == [
        ("1242152153004", "1700400001", False),
        ("1242152153004", "1700400002", False),
    ]
    assert {c["subject"] for c in e.candidates} == {"Monthly all-hands"}
    assert e.candidates[0]["end_time"] < e.candidates[1]["start_time"]
    assert "1700400001" in str(e) and "1700400002" in str(e)
    with pytest.raises(meetctl.Ambiguous):
        meetctl.Meeting.find_tencent(tencent, "300100400", ALICE)


def test_two_scheduled_meetings_are_ambiguous_with_their_candidates(emu: Emulator, tencent) -> None:
    with pytest.raises(meetctl.Ambiguous) as info:
        tencent.find("300 100 200", ALICE)
    e = info.value
    assert isinstance(e, meetctl.MeetctlError) and not isinstance(e, meetctl.ApiError)
    assert (e.kind, e.vendor) == ("ambiguous", None)
    assert isinstance(e.attempts, int)
    assert all(isinstance(c, dict) and set(c) == CANDIDATE_FIELDS for c in e.candidates)
    assert [(c["meeting_id"], c["subject"], c["occurrence"], c["in_progress"]) for c in e.candidates] == [
        ("1242152153001", "Design review (tomorrow)", None, False),
        ("1242152153002", "Design review (in two days)", None, False),
    ]
    assert e.candidates[1]["start_time"] - e.candidates[0]["start_time"] == 86400
    assert "2 meetings" in str(e)
    # Pick one and go on: the candidate's id is what Meeting.tencent takes.
    chosen = meetctl.Meeting.tencent(tencent, e.candidates[0]["meeting_id"], ALICE)
    assert chosen.details_raw()["subject"] == "Design review (tomorrow)"


def test_no_meeting_with_the_code_is_not_found(tencent) -> None:
    with pytest.raises(meetctl.NotFound) as info:
        tencent.find("999000111", ALICE)
    assert not isinstance(info.value, meetctl.Ambiguous)
    with pytest.raises(meetctl.NotFound):
        meetctl.Meeting.find_tencent(tencent, "999 000 111", ALICE)


def test_another_apps_meeting_is_not_found(emu: Emulator, tencent) -> None:
    with pytest.raises(meetctl.NotFound):
        tencent.find("300100600", ALICE)
    # It exists: the app that made it finds it.
    partner = meetctl.TencentClient(SDK_APP_ID, SDK_SECRET_ID, SDK_SECRET_KEY, sdk_id=SDK_ID, base_url=emu.url)
    found = plain(partner.find("300100600", QUINN))
    assert (found["meeting_id"], found["subject"]) == ("1242152153006", "Partner sync (other app)")


@pytest.mark.parametrize(
    "typed",
    [
        "806 724 161",
        "806-724-161",
        " 806 - 724 - 161 ",
        "806.724.161",
        "806\u00a0724\u00a0161",
        "https://meeting.tencent.com/p/806724161",
        "wemeet://page/inmeeting?meeting_code=806724161&token=x",
        "https://meeting.tencent.com/s/abc?code=806724161#top",
    ],
)
def test_codes_as_people_type_them_and_join_links(emu: Emulator, tencent, typed: str) -> None:
    assert plain(tencent.find(typed, ALICE))["meeting_id"] == MEETING
    assert code_lookups(emu) == ["meeting_code=806724161&userid=alice&instanceid=4"], "the digits are sent"


@pytest.mark.parametrize(
    "typed",
    [
        "https://meeting.tencent.com/dm/AbCdEfGh",
        "https://meeting.tencent.com/",
        "80672416x",
        "806_724_161",
        "12345",
        "1234567890123",
        "",
    ],
)
def test_no_code_is_an_invalid_argument_naming_code_and_nothing_is_sent(
    emu: Emulator, tencent, typed: str
) -> None:
    before = emu.request_count()
    with pytest.raises(meetctl.InvalidArgument) as info:
        tencent.find(typed, ALICE)
    assert info.value.field == "code"
    with pytest.raises(meetctl.InvalidArgument) as info:
        meetctl.Meeting.find_tencent(tencent, typed, ALICE)
    assert info.value.field == "code"
    assert emu.request_count() == before


def test_a_link_without_a_code_says_so(tencent) -> None:
    with pytest.raises(meetctl.InvalidArgument, match="carries no meeting code") as info:
        tencent.find("https://meeting.tencent.com/dm/AbCdEfGh", ALICE)
    assert (info.value.field, info.value.attempts) == ("code", 0)


def test_find_needs_a_user_of_the_app(emu: Emulator, tencent) -> None:
    before = emu.request_count()
    by_ms_open_id = meetctl.TencentUser(ms_open_id="afagsagwags", instance=4)
    with pytest.raises(meetctl.InvalidArgument) as info:
        tencent.find("806724161", by_ms_open_id)
    assert info.value.field == "operator.id"
    with pytest.raises(TypeError):
        tencent.find("806724161", "alice")
    assert emu.request_count() == before


# ------------------------------------------------------------------------- the meeting found


def test_find_tencent_then_details_then_participants(emu: Emulator, tencent) -> None:
    meeting = meetctl.Meeting.find_tencent(tencent, "806 724 161", ALICE)
    assert (meeting.vendor, meeting.id, meeting.occurrence) == ("tencent", MEETING, None)
    details = meeting.details_raw()
    assert set(details) == {
        "vendor", "meeting_id", "occurrence", "code", "subject", "in_progress", "status", "start_time",
        "end_time", "hosts", "recurring", "occurrences",
    }
    assert (details["vendor"], details["meeting_id"], details["code"], details["subject"]) == (
        "tencent", MEETING, "806724161", "Demo: weekly product review",
    )
    assert (details["in_progress"], details["status"], details["hosts"], details["recurring"]) == (
        True, "MEETING_STATE_STARTED", ["alice"], False,
    )
    people = meeting.participants()
    assert {p.vendor for p in people} == {"tencent"}
    assert len(people) == 6, "the six devices in the meeting (frank and gina wait)"
    # The found meeting is controlled like any other.
    bob = next(p for p in people if p.raw.get("userid") == "bob")
    meeting.mute(bob)
    assert emu.participant(MEETING, "bob")["muted"] is True


def test_find_tencent_of_a_recurring_meeting_lists_the_occurrence(emu: Emulator, tencent) -> None:
    meeting = meetctl.Meeting.find_tencent(tencent, "300-100-300", KATE)
    assert "occurrence='1700300002'" in repr(meeting)
    details = meeting.details_raw()
    assert (details["occurrence"], details["recurring"], details["code"]) == ("1700300002", True, "300100300")
    assert [o["occurrence"] for o in details["occurrences"]] == ["1700300001", "1700300002", "1700300003"]
    assert set(details["occurrences"][0]) == {"occurrence", "start_time", "end_time"}
    assert sorted(p.name for p in meeting.participants()) == ["Kate", "Leo"]
    listed = [r["query"] for r in emu.state()["requests"] if r["path"].endswith("/real-time-participants")]
    assert listed and all("sub_meeting_id=1700300002" in q for q in listed), listed


def test_details_is_the_record_of_the_raw_answer(tencent) -> None:
    meeting = meetctl.Meeting.find_tencent(tencent, "300100500", ALICE)
    details = meeting.details()
    assert isinstance(details, meetctl.MeetingDetails)
    assert details == meetctl.MeetingDetails._from_value(meeting.details_raw())
    assert (details.meeting_id, details.in_progress, details.status) == (
        "1242152153005", False, "MEETING_STATE_INIT",
    )


def test_meeting_tencent_with_an_occurrence(emu: Emulator, tencent) -> None:
    meeting = meetctl.Meeting.tencent(tencent, STANDUP, KATE, occurrence="1700300002")
    assert meeting.occurrence == "1700300002"
    assert sorted(p.name for p in meeting.participants()) == ["Kate", "Leo"]
    assert meetctl.Meeting.tencent(tencent, STANDUP, KATE).occurrence is None
    assert "occurrence" not in repr(meetctl.Meeting.tencent(tencent, MEETING, ALICE))
    before = emu.request_count()
    with pytest.raises(meetctl.InvalidArgument) as info:
        meetctl.Meeting.tencent(tencent, STANDUP, KATE, occurrence="17/../x")
    assert info.value.field == "occurrence"
    assert emu.request_count() == before


def test_tencent_participants_of_one_occurrence(emu: Emulator, tencent) -> None:
    people = tencent.participants(STANDUP, KATE, occurrence="1700300002")
    assert sorted(p.user_name for p in people) == ["Kate", "Leo"]
    assert len(tencent.participants(MEETING, ALICE)) == 6, "no occurrence: as before"


def test_a_huawei_meeting_has_no_occurrence(huawei) -> None:
    meeting = meetctl.Meeting.huawei(huawei.conference(CONF, password=HOST_PWD))
    assert meeting.occurrence is None


# --------------------------------------------------------------------------------------- Huawei


def test_find_huawei_by_number_with_the_host_password_of_the_details(emu: Emulator, account) -> None:
    meeting = meetctl.Meeting.find_huawei_by_number(account, BOARDROOM_SIP)
    assert (meeting.vendor, meeting.id, meeting.occurrence) == ("huawei", BOARDROOM, None)
    details = meeting.details_raw()
    assert (details["vendor"], details["meeting_id"], details["code"], details["subject"]) == (
        "huawei", BOARDROOM, "989083139", "Boardroom 8F check-in",
    )
    assert (details["in_progress"], details["hosts"], details["recurring"], details["occurrences"]) == (
        True, ["hal"], False, [],
    )
    people = meeting.participants()
    assert [p.name for p in people] == ["Hal", "Boardroom 8F"]
    # Opened with the host password the details showed this account: a host's control works.
    room = next(p for p in people if p.name == "Boardroom 8F")
    meeting.mute(room)
    assert emu.huawei_participant(BOARDROOM, "p-room-8f")["muted"] is True
    assert "555555" not in repr(meeting)


def test_find_huawei_by_number_with_a_password_or_a_token(emu: Emulator, account) -> None:
    meeting = meetctl.Meeting.find_huawei_by_number(account, "+8613800000005", password=HOST_PWD)
    assert meeting.id == CONF
    token = account.conference(CONF, password=HOST_PWD).control_token()
    by_token = meetctl.Meeting.find_huawei_by_number(account, "+8613800000005", control_token=token)
    assert by_token.id == CONF
    assert len(by_token.participants()) == 5
    before = emu.request_count()
    with pytest.raises(meetctl.InvalidArgument) as info:
        meetctl.Meeting.find_huawei_by_number(account, BOARDROOM_SIP, password=HOST_PWD, control_token=token)
    assert info.value.field == "control_token"
    assert emu.request_count() == before


@pytest.mark.parametrize(
    "number",
    [
        "sip:lobby-2f@meeting.example.com",  # its conference has not started
        "sip:gus@example.com",  # in the waiting room, not the conference
        "+8613899999999",  # nobody
    ],
)
def test_a_number_in_no_conference_is_not_found(account, number: str) -> None:
    with pytest.raises(meetctl.NotFound) as info:
        meetctl.Meeting.find_huawei_by_number(account, number)
    assert number in str(info.value)


def test_find_huawei_by_conference_id(account) -> None:
    scheduled = meetctl.Meeting.find_huawei_by_conference_id(account, CONF_NOT_STARTED)
    assert (scheduled.vendor, scheduled.id) == ("huawei", CONF_NOT_STARTED)
    details = scheduled.details_raw()
    assert (details["in_progress"], details["status"], details["subject"]) == (
        False, "Schedule", "Quarterly planning (scheduled)",
    )
    live = meetctl.Meeting.find_huawei_by_conference_id(account, CONF, password=HOST_PWD)
    assert len(live.participants()) == 5
    with pytest.raises(meetctl.ApiError):
        meetctl.Meeting.find_huawei_by_conference_id(account, "914000000")


def test_finding_a_huawei_conference_needs_account_authentication(emu: Emulator, huawei) -> None:
    before = emu.request_count()
    for find in (
        lambda: meetctl.Meeting.find_huawei_by_number(huawei, BOARDROOM_SIP),
        lambda: meetctl.Meeting.find_huawei_by_conference_id(huawei, CONF, password=HOST_PWD),
    ):
        with pytest.raises(meetctl.InvalidArgument) as info:
            find()
        assert info.value.field == "auth"
    assert emu.request_count() == before


# ------------------------------------------------------------------------- the exception itself


def test_ambiguous_is_a_meetctl_error_that_pickles() -> None:
    assert issubclass(meetctl.Ambiguous, meetctl.MeetctlError)
    assert not issubclass(meetctl.Ambiguous, (meetctl.ApiError, meetctl.InvalidArgument))
    assert meetctl.Ambiguous.__module__ == "meetctl"
    assert meetctl.Ambiguous.kind == "ambiguous"
    assert meetctl.Ambiguous("x").candidates == []
    candidates = [{"meeting_id": "1", "occurrence": None, "subject": "s", "start_time": 1, "end_time": 2,
                   "in_progress": False}]
    e = pickle.loads(pickle.dumps(meetctl.Ambiguous("two", candidates=candidates)))
    assert (type(e), str(e), e.candidates) == (meetctl.Ambiguous, "two", candidates)
    assert "Ambiguous" in meetctl._errors.__doc__, "the exception tree shows it"


def test_ambiguous_carries_the_core_error_details(tencent) -> None:
    with pytest.raises(meetctl.Ambiguous) as info:
        tencent.find("300100200", ALICE)
    e = info.value
    assert type(e) is meetctl.Ambiguous and e.kind == "ambiguous"
    assert e.message and e.message in str(e)
    # A new list of new dicts for each exception: changing one changes nothing else.
    e.candidates[0]["meeting_id"] = "changed"
    with pytest.raises(meetctl.Ambiguous) as again:
        tencent.find("300100200", ALICE)
    assert again.value.candidates[0]["meeting_id"] == "1242152153001"
