"""The record classes the lookups answer and the generated named lookup methods: every named
method against the emulator, and what a record is (read-only, equal by fields, picklable, a secret
never in its repr)."""

import pickle

import pytest

import meetctl
from conftest import Emulator

ALICE = meetctl.TencentUser(userid="alice", instance=1)
MEETING = "1242152152161"
HW_APP_ID, HW_APP_KEY = "demoappid0001", "demo-app-key-0001"


@pytest.fixture
def huawei(emu: Emulator) -> meetctl.HuaweiClient:
    return meetctl.HuaweiClient.app_id(HW_APP_ID, HW_APP_KEY, base_url=emu.url)


def test_every_tencent_named_lookup_answers_records(tencent) -> None:
    found = tencent.meetings_by_code("806724161", ALICE)
    assert type(found) is tuple and {type(m) for m in found} == {meetctl.TencentMeetingInfo}
    assert sorted(m.meeting_id for m in found) == ["1242152152100", MEETING]
    one = tencent.meeting(MEETING, ALICE)
    assert one.meeting_code == "806724161" and one.in_progress and "alice" in one.hosts
    rooms = tencent.room_meetings("rooms-lobby-1", page_size=1)
    assert [m.meeting_id for m in rooms] == [MEETING, "1242152153005"]
    waiting = tencent.waiting_room(MEETING, ALICE)
    assert sorted(w.user_name for w in waiting) == ["Frank", "Gina"]
    attendance = tencent.attendance(MEETING, ALICE, page_size=2)
    assert len(attendance) == 9 and all(isinstance(a, meetctl.TencentAttendee) for a in attendance)
    recurring = tencent.meeting("1242152153003", meetctl.TencentUser(userid="kate", instance=1))
    assert recurring.recurring and [o.sub_meeting_id for o in recurring.occurrences][1] == "1700300002"
    assert all(isinstance(o, meetctl.TencentOccurrence) for o in recurring.occurrences)


def test_every_huawei_named_lookup_answers_records(huawei) -> None:
    online = huawei.online_conferences(search_key="Boardroom")
    assert [c.conference_id for c in online] == ["914083139"]
    assert isinstance(online[0], meetctl.HuaweiConferenceSummary)
    details = huawei.conference_details("914083137")
    assert isinstance(details, meetctl.HuaweiConferenceDetails) and not details.conference.in_progress
    live = huawei.online_conference_details("914083139")
    assert live.conference.vmr_conference_id == "989083139"
    attendees = huawei.online_attendees("914083139")
    assert "sip:boardroom-8f@meeting.example.com" in [a.number for a in attendees]
    status = huawei.call_number_status("sip:boardroom-8f@meeting.example.com")
    assert status == meetctl.HuaweiCallNumberStatus(in_conference=True, conference_id="914083139")


def test_a_websocket_token_never_shows_in_a_repr(huawei) -> None:
    token = huawei.conference("914083136", password="157599").ws_token()
    assert isinstance(token, meetctl.HuaweiWsToken) and len(token.token) == 48
    assert token.token not in repr(token) and "<redacted>" in repr(token)


def test_a_record_is_read_only_equal_by_fields_and_picklable(tencent) -> None:
    found = tencent.find("806 724 161", ALICE)
    assert isinstance(found, meetctl.Candidate) and found.meeting_id == MEETING
    with pytest.raises(AttributeError):
        found.meeting_id = "x"  # type: ignore[misc]
    again = tencent.find("806-724-161", ALICE)
    assert again == found and hash(again) == hash(found) and again is not found
    assert pickle.loads(pickle.dumps(found)) == found
    details = meetctl.Meeting.find_tencent(tencent, "806724161", ALICE).details()
    assert isinstance(details, meetctl.MeetingDetails) and details.code == "806724161"
    assert "MeetingDetails(vendor='tencent'" in repr(details)


def test_named_lookups_check_arguments_before_sending(tencent, emu: Emulator) -> None:
    before = len(emu.state()["requests"])
    with pytest.raises(meetctl.InvalidArgument) as e:
        tencent.meetings_by_code("12ab", ALICE)
    assert e.value.field == "meeting_code"
    with pytest.raises(meetctl.InvalidArgument) as e:
        tencent.room_meetings("rooms-lobby-1", page_size=21)
    assert e.value.field == "page_size"
    assert len(emu.state()["requests"]) == before


def test_conferences_not_ended(huawei) -> None:
    every = huawei.conferences(page_size=1)
    ids = [c.conference_id for c in every]
    assert "914083137" in ids and "914083136" in ids, ids
    assert all(isinstance(c, meetctl.HuaweiConferenceSummary) for c in every)
    latest_first = huawei.conferences(sort="DSC_StartTIME")
    assert [c.conference_id for c in latest_first] == list(reversed(ids))
    with pytest.raises(meetctl.InvalidArgument) as e:
        huawei.conferences(period="AYEAR")  # type: ignore[arg-type]
    assert e.value.field == "period"
