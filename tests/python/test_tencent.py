"""Every Tencent operation against the emulator: co-hosts, video, the generic request, and
prepared requests sent by another HTTP stack."""

import json

import meetctl
from conftest import (
    MEETING,
    OAUTH_MEETING,
    OAUTH_OPEN_ID,
    SDK_APP_ID,
    SDK_ID,
    SDK_MEETING,
    SDK_SECRET_ID,
    SDK_SECRET_KEY,
    Emulator,
    send_prepared,
)


def test_set_and_revoke_cohost_by_ms_open_id(emu: Emulator, tencent, host, attendee) -> None:
    assert tencent.set_cohost(MEETING, operator=host, user=attendee) is None
    assert emu.participant(MEETING, "agaqwwgdkkddd")["role"] == "cohost"
    assert tencent.revoke_cohost(MEETING, operator=host, user=attendee) is None
    assert emu.participant(MEETING, "agaqwwgdkkddd")["role"] == "attendee"


def test_set_cohost_by_uuid_and_positional_arguments(emu: Emulator, tencent) -> None:
    op = meetctl.TencentUser(uuid="uuid-alice", instance=meetctl.Instance.IOS)
    rooms = meetctl.TencentUser(uuid="uuid-rooms-1", instance=20)
    tencent.set_cohost(MEETING, op, rooms)
    assert emu.participant(MEETING, "uuid-rooms-1")["role"] == "cohost"


def test_a_new_cohost_can_then_act(emu: Emulator, tencent, host, attendee) -> None:
    tencent.set_cohost(MEETING, operator=host, user=attendee)
    dave = meetctl.TencentUser(ms_open_id="msopenid-dave", instance=meetctl.Instance.ANDROID)
    tencent.close_video(MEETING, operator=attendee, user=dave)
    assert emu.participant(MEETING, "msopenid-dave")["video"] is False


def test_close_video(emu: Emulator, tencent, host, attendee) -> None:
    assert tencent.close_video(MEETING, operator=host, user=attendee) is None
    assert emu.participant(MEETING, "agaqwwgdkkddd")["video"] is False
    assert emu.participant(MEETING, "msopenid-carol")["video"] is True


def test_close_video_with_oauth_and_own_openid(emu: Emulator, oauth) -> None:
    op = meetctl.TencentUser(open_id=OAUTH_OPEN_ID, instance=meetctl.Instance.PC)
    pete = meetctl.TencentUser(ms_open_id="msopenid-pete", instance=meetctl.Instance.WEB)
    oauth.close_video(OAUTH_MEETING, operator=op, user=pete)
    assert emu.participant(OAUTH_MEETING, "msopenid-pete")["video"] is False


def test_sdk_id_is_sent_when_assigned(emu: Emulator) -> None:
    client = meetctl.TencentClient(
        app_id=SDK_APP_ID, secret_id=SDK_SECRET_ID, secret_key=SDK_SECRET_KEY, sdk_id=SDK_ID, base_url=emu.url
    )
    quinn = meetctl.TencentUser(ms_open_id="msopenid-quinn", instance=meetctl.Instance.PC)
    ruth = meetctl.TencentUser(ms_open_id="msopenid-ruth", instance=meetctl.Instance.MAC)
    assert client.prepare(meetctl.TencentControl("close_video", SDK_MEETING, quinn, [ruth])).headers["SdkId"] == SDK_ID
    client.close_video(SDK_MEETING, operator=quinn, user=ruth)
    assert emu.participant(SDK_MEETING, "msopenid-ruth")["video"] is False


def test_wrong_device_for_the_target_does_not_take_effect(emu: Emulator, tencent, host) -> None:
    on_wrong_device = meetctl.TencentUser(ms_open_id="agaqwwgdkkddd", instance=meetctl.Instance.ANDROID)
    tencent.set_cohost(MEETING, operator=host, user=on_wrong_device)
    assert emu.participant(MEETING, "agaqwwgdkkddd")["role"] == "attendee"


def test_generic_request_get_with_query(emu: Emulator, tencent) -> None:
    info = tencent.request("GET", f"/v1/meetings/{MEETING}", query={"userid": "alice", "instanceid": 1})
    assert info["meeting_info_list"][0]["meeting_id"] == MEETING
    assert info["meeting_info_list"][0]["participant_count"] == 6
    # Pairs work as well as a mapping; the method is case-insensitive.
    again = tencent.request("get", f"/v1/meetings/{MEETING}", query=[("userid", "alice"), ("instanceid", "1")])
    assert again == info
    assert emu.state()["requests"][-1]["query"] == "userid=alice&instanceid=1"


def test_generic_request_put_with_body(emu: Emulator, tencent) -> None:
    body = {
        "operator_id": "afagsagwags",
        "operator_id_type": 4,
        "instanceid": 4,
        "mute": True,
        "user": {"to_operator_id": "agaqwwgdkkddd", "to_operator_id_type": 4, "instanceid": 2},
    }
    answer = tencent.request("PUT", f"/v1/real-control/meetings/{MEETING}/mutes", body=body)
    assert answer == {}
    assert emu.participant(MEETING, "agaqwwgdkkddd")["muted"] is True


def test_prepare_set_cohost_then_send_with_urllib(emu: Emulator, tencent, host, attendee) -> None:
    prepared = tencent.prepare(meetctl.TencentControl("set_cohost", MEETING, host, [attendee]))
    assert emu.request_count() == 0, "prepare must not send"
    assert prepared.method == "PUT"
    assert prepared.url == f"{emu.url}/v1/real-control/meetings/{MEETING}/cohosts"
    assert isinstance(prepared.headers, dict)
    assert isinstance(prepared.body, bytes)
    assert json.loads(prepared.body) == {
        "operator_id": "afagsagwags",
        "operator_id_type": 4,
        "instanceid": 4,
        "action": True,
        "user": {"to_operator_id": "agaqwwgdkkddd", "to_operator_id_type": 4, "instanceid": 2},
    }
    headers = prepared.headers
    for name in ("X-TC-Key", "X-TC-Timestamp", "X-TC-Nonce", "X-TC-Signature", "AppId"):
        assert headers[name], name
    assert "SdkId" not in headers
    assert prepared.header("x-tc-key") == "AKIDdemo0001"
    assert prepared.header("no-such-header") is None

    status, _ = send_prepared(prepared)
    assert status == 200
    assert emu.participant(MEETING, "agaqwwgdkkddd")["role"] == "cohost"
    # A prepared request is good for one send: the same nonce again is a replay.
    status, body = send_prepared(prepared)
    assert status == 400
    assert b"190301" in body


def test_prepare_revoke_cohost_and_close_video_then_send(emu: Emulator, tencent, host, attendee) -> None:
    tencent.set_cohost(MEETING, operator=host, user=attendee)
    revoke = meetctl.TencentControl("revoke_cohost", MEETING, operator=host, targets=[attendee])
    assert send_prepared(tencent.prepare(revoke))[0] == 200
    assert emu.participant(MEETING, "agaqwwgdkkddd")["role"] == "attendee"
    close = meetctl.TencentControl("close_video", MEETING, host, (attendee,))
    assert send_prepared(tencent.prepare(control=close))[0] == 200
    assert emu.participant(MEETING, "agaqwwgdkkddd")["video"] is False


def test_prepare_request_then_send(emu: Emulator, tencent, oauth) -> None:
    prepared = tencent.prepare_request("GET", f"/v1/meetings/{MEETING}", query={"userid": "alice", "instanceid": 1})
    assert prepared.url.endswith(f"/v1/meetings/{MEETING}?userid=alice&instanceid=1")
    assert prepared.body == b""
    status, body = send_prepared(prepared)
    assert status == 200
    assert json.loads(body)["meeting_number"] == 1
    # OAuth requests carry the token and open id instead of a signature.
    prepared = oauth.prepare_request("GET", f"/v1/meetings/{OAUTH_MEETING}", query={"userid": "olivia", "instanceid": 1})
    assert prepared.headers["OpenId"] == OAUTH_OPEN_ID
    assert "X-TC-Signature" not in prepared.headers
    assert send_prepared(prepared)[0] == 200


def test_one_client_shared_by_threads(emu: Emulator, tencent, host, attendee) -> None:
    import threading

    errors = []

    def work(i: int) -> None:
        try:
            for _ in range(5):
                if i % 2:
                    tencent.close_video(MEETING, operator=host, user=attendee)
                else:
                    tencent.set_cohost(MEETING, operator=host, user=attendee)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert emu.request_count() == 40


def test_client_attributes(emu: Emulator, tencent) -> None:
    assert tencent.base_url == emu.url
    assert meetctl.TencentClient(app_id="1", secret_id="k", secret_key="s").base_url == "https://api.meeting.qq.com"
    trailing = meetctl.TencentClient(app_id="1", secret_id="k", secret_key="s", base_url=emu.url + "/")
    assert trailing.base_url == emu.url


def test_proxy_false_and_timeout_none_work(emu: Emulator, host, attendee) -> None:
    client = meetctl.TencentClient(
        "210000001", "AKIDdemo0001", "demo-secret-key-0001", None, emu.url, None, proxy=False
    )
    client.close_video(MEETING, host, attendee)
    assert emu.participant(MEETING, "agaqwwgdkkddd")["video"] is False
