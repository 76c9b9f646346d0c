"""One meeting, either vendor: mute everyone except the host, then end the meeting.

The same function runs on a Tencent meeting and on a Huawei conference: ``meetctl.Meeting`` hides
which vendor hosts it. This example drives the demo meetings of ``meetctl-emulator``, the local
stand-in for both vendors' clouds (docs/emulator.md)::

    cargo run -p meetctl-emulator          # prints its base URL, e.g. http://127.0.0.1:40123
    python examples/python/either_vendor.py http://127.0.0.1:40123

The base URL may also come from the environment variable ``MEETCTL_BASE_URL``. Exits with 0 when
both meetings were handled, 1 (with the error on stderr) when a call failed, 2 without a URL.
"""

import os
import sys
from typing import List, Optional

import meetctl

# The emulator's demo data: an enterprise (AK/SK) Tencent app, its meeting and creator, and a
# Huawei conference with its host password.
TENCENT_APP_ID = "210000001"
TENCENT_SECRET_ID = "AKIDdemo0001"
TENCENT_SECRET_KEY = "demo-secret-key-0001"
TENCENT_MEETING = "1242152152161"
HUAWEI_CONFERENCE = "914083136"
HUAWEI_HOST_PASSWORD = "157599"


def mute_everyone_but_the_host_then_end(meeting: meetctl.Meeting) -> None:
    """The whole integration, written once for both vendors."""
    for p in meeting.participants():
        if p.role != "host" and p.controllable and p.audio_muted is not True:
            meeting.mute(p)
            print(f"  muted {p.name or p.id}")
    meeting.end()


def meetings(base_url: str) -> List[meetctl.Meeting]:
    """The demo's Tencent meeting, run by its creator Alice (by userid), and the demo's Huawei
    conference, opened with the host password."""
    # `proxy=False`: the emulator is on this machine. Against the real services leave `base_url`
    # out and the proxy to the environment (HTTPS_PROXY, NO_PROXY).
    tencent = meetctl.TencentClient(
        app_id=TENCENT_APP_ID,
        secret_id=TENCENT_SECRET_ID,
        secret_key=TENCENT_SECRET_KEY,
        base_url=base_url,
        proxy=False,
    )
    alice = meetctl.TencentUser(userid="alice", instance=meetctl.Instance.IOS)
    huawei = meetctl.HuaweiClient(region="cn-north-4", base_url=base_url, proxy=False)
    return [
        meetctl.Meeting.tencent(tencent, TENCENT_MEETING, operator=alice),
        meetctl.Meeting.huawei(huawei.conference(HUAWEI_CONFERENCE, password=HUAWEI_HOST_PASSWORD)),
    ]


def main(argv: List[str]) -> int:
    base_url: Optional[str] = argv[1] if len(argv) > 1 else os.environ.get("MEETCTL_BASE_URL")
    if not base_url:
        print(f"usage: {argv[0]} BASE_URL (or set MEETCTL_BASE_URL)", file=sys.stderr)
        return 2
    try:
        for meeting in meetings(base_url):
            print(f"{meeting.vendor} meeting {meeting.id}:")
            mute_everyone_but_the_host_then_end(meeting)
            print("  ended")
    except meetctl.MeetctlError as e:
        print(f"either_vendor failed: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
