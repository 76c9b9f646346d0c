"""Test your Tencent Meeting webhook handling offline: pytest, meetctl and meetctl's emulator.

    pip install --find-links DIST meetctl meetctl-emulator pytest   # DIST: meetctl's wheels
    pytest test_webhook_offline.py

The emulator acts as Tencent Meeting: subscribed to your receiver's URL, it checks the URL, then
pushes signed events for every start, join, leave and end, as the real service does. Your code
sees them through meetctl's receiver, verified and decoded, and acts on them with the same
meetctl calls it uses against the real service.
"""

from typing import List

import meetctl
from meetctl.testing import Emulator
from meetctl.webhooks import TencentReceiver, TencentWebhook

TOKEN = "bVPU6F8Htxl5XkAbp3jGV2xWp"  # the subscription's Token, as the console shows it
MEETING = "1242152153005"  # a scheduled meeting of the demo scenario


# The code under test: your bot. It greets whoever joins and notes who left.
def follow(receiver: TencentReceiver, meeting_id: str) -> List[str]:
    """What the bot did for each event of one meeting, until it ended."""
    log = []
    for event in receiver.events_for(meeting_id, timeout=10.0):
        if event.kind == "meeting.participant-joined" and event.participant is not None:
            log.append(f"hello {event.participant.ms_open_id}")
        elif event.kind == "meeting.participant-left" and event.participant is not None:
            log.append(f"bye {event.participant.ms_open_id}")
        elif event.kind == "meeting.end":
            log.append("the end")
            break
    return log


def test_the_bot_follows_a_meeting(meetctl_emulator: Emulator) -> None:
    with TencentReceiver(TencentWebhook(TOKEN)) as receiver:
        host, port = receiver.address
        subscription = meetctl_emulator.subscribe_tencent_webhook(f"http://{host}:{port}/hook", TOKEN)
        assert subscription["verified"], "the URL check passed"

        meetctl_emulator.tencent_join(MEETING, "ms-zoe", 1, name="Zoe")
        meetctl_emulator.tencent_join(MEETING, "ms-yan", 2, name="Yan")
        meetctl_emulator.tencent_leave(MEETING, "ms-yan")
        meetctl_emulator.tencent_end(MEETING)
        assert meetctl_emulator.wait_webhooks_idle()

        assert follow(receiver, MEETING) == ["hello ms-zoe", "hello ms-yan", "bye ms-yan", "bye ms-zoe", "the end"]
