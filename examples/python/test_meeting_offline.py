"""Test your meeting automation offline: pytest, meetctl and meetctl's emulator.

    pip install --find-links DIST meetctl meetctl-emulator pytest   # DIST: meetctl's wheels
    pytest test_meeting_offline.py

The ``meetctl_emulator`` fixture comes with meetctl (pytest loads its plugin by itself): each
test gets a fresh meetctl-emulator, a local stand-in for Tencent Meeting and Huawei Cloud Meeting
that checks signatures, tokens and permissions like the real services, loaded with the demo
scenario (docs/emulator.md) or the one ``@pytest.mark.meetctl_scenario(...)`` names.
"""

from typing import Any, Dict, List

import pytest

import meetctl
from meetctl.testing import Emulator


# The code under test: your automation. It only sees a meetctl.Meeting, so the tests can hand
# it a meeting on the emulator, and production code one on the real service.
def quiet_the_room(meeting: meetctl.Meeting) -> int:
    """Mutes everyone but the host; returns how many it muted."""
    muted = 0
    for p in meeting.participants():
        if p.role != "host" and p.controllable and p.audio_muted is False:
            meeting.mute(p)
            muted += 1
    return muted


# The demo scenario's Huawei conference, and its Tencent app, meeting and creator.
CONFERENCE, HOST_PASSWORD = "914083136", "157599"
APP_ID, SECRET_ID, SECRET_KEY = "210000001", "AKIDdemo0001", "demo-secret-key-0001"
MEETING, CREATOR = "1242152152161", meetctl.TencentUser(userid="alice", instance=meetctl.Instance.IOS)


def huawei_meeting(emulator: Emulator, conference: str = CONFERENCE, password: str = HOST_PASSWORD,
                   **settings: Any) -> meetctl.Meeting:
    """A conference on the emulator, opened as your code opens one on the real service."""
    # proxy=False: the emulator is on this machine; never send its traffic to a proxy.
    client = meetctl.HuaweiClient(base_url=emulator.base_url, proxy=False, **settings)
    return meetctl.Meeting.huawei(client.conference(conference, password=password))


def speaking(emulator: Emulator, conference: str = CONFERENCE) -> List[str]:
    """Who is in the conference with the microphone on, by the emulator's own record."""
    state = emulator.state()
    conf = next(c for c in state["huawei"]["conferences"] if c["conference_id"] == conference)
    return [p["name"] for p in conf["participants"]
            if not (p["muted"] or p["in_waiting_room"] or p["removed"])]


def test_only_the_host_keeps_speaking(meetctl_emulator: Emulator) -> None:
    assert speaking(meetctl_emulator) == ["Alice", "Bob", "Dora", "Evan"]
    assert quiet_the_room(huawei_meeting(meetctl_emulator)) == 3
    assert speaking(meetctl_emulator) == ["Alice"]


def test_the_same_code_on_tencent_meeting(meetctl_emulator: Emulator) -> None:
    client = meetctl.TencentClient(app_id=APP_ID, secret_id=SECRET_ID, secret_key=SECRET_KEY,
                                   base_url=meetctl_emulator.base_url, proxy=False)
    assert quiet_the_room(meetctl.Meeting.tencent(client, MEETING, operator=CREATOR)) == 3
    meeting = next(m for m in meetctl_emulator.state()["tencent"]["meetings"]
                   if m["meeting_id"] == MEETING)
    # rooms-1 is a meeting-room device: the API cannot mute it.
    assert [p["userid"] for p in meeting["participants"]
            if not (p["muted"] or p["in_waiting_room"])] == ["alice", "rooms-1"]


def test_an_outage_is_an_error_to_handle(meetctl_emulator: Emulator) -> None:
    # Every mute answers HTTP 503 until the faults are cleared (times=None).
    meetctl_emulator.inject_fault("status", status=503, times=None,
                                  path_prefix="/v1/mmc/control/conferences/participants/mute")
    meeting = huawei_meeting(meetctl_emulator, max_attempts=1)  # no retries, to keep it short
    with pytest.raises(meetctl.ApiError) as failure:
        quiet_the_room(meeting)
    assert failure.value.status == 503
    assert speaking(meetctl_emulator) == ["Alice", "Bob", "Dora", "Evan"]
    meetctl_emulator.clear_faults()
    assert quiet_the_room(meeting) == 3


def test_an_expired_control_token_is_renewed(meetctl_emulator: Emulator) -> None:
    meeting = huawei_meeting(meetctl_emulator)
    meeting.participants()
    meetctl_emulator.advance_clock(1801)  # the demo's control tokens live 1800 s
    assert quiet_the_room(meeting) == 3
    assert meetctl_emulator.state()["huawei"]["control_tokens_issued"] == 2


# A scenario of your own: the scenario JSON as a dict (or a file path, relative to this file).
SMALL_ROOM: Dict[str, Any] = {"huawei": {"conferences": [{
    "conference_id": "100200300", "host_password": "123456", "guest_password": "654321",
    "participants": [
        {"participant_id": "p1", "name": "Host", "role": "host"},
        {"participant_id": "p2", "name": "Guest 1"},
        {"participant_id": "p3", "name": "Guest 2", "muted": True},
        {"participant_id": "p4", "name": "Guest 3"},
    ],
}]}}


@pytest.mark.meetctl_scenario(SMALL_ROOM)
def test_a_room_of_your_own(meetctl_emulator: Emulator) -> None:
    assert quiet_the_room(huawei_meeting(meetctl_emulator, "100200300", "123456")) == 2
    assert speaking(meetctl_emulator, "100200300") == ["Host"]
