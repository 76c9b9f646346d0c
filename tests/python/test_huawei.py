"""Every Huawei operation against the emulator: the host role with a given control token and with
a password, App ID and account authentication, and the generic conference request."""

import json
import threading

import meetctl
from conftest import (
    CONF,
    FIRST_HOST,
    GUEST_PWD,
    HOST_PWD,
    HW_ACCOUNT,
    HW_APP_ID,
    HW_APP_KEY,
    HW_PASSWORD,
    MUTE_PATH,
    PARTICIPANT,
    ROLE_PATH,
    TOKEN_PATH,
    Emulator,
    http,
    send_prepared,
)


def fetch_control_token(emu: Emulator, password: str) -> str:
    """A control token obtained without meetctl, straight from the token endpoint."""
    status, body = http(
        "GET",
        f"{emu.url}{TOKEN_PATH}?conferenceID={CONF}",
        headers={"X-Password": password, "X-Login-Type": "1"},
    )
    assert status == 200, body
    return json.loads(body)["data"]["token"]  # type: ignore[no-any-return]


def test_apply_and_relinquish_with_a_control_token(emu: Emulator, huawei) -> None:
    token = fetch_control_token(emu, GUEST_PWD)
    conf = huawei.conference(CONF, control_token=token)
    assert conf.id == CONF
    assert conf.apply_host(PARTICIPANT, chairman_password=HOST_PWD) is None
    state = emu.conference(CONF)
    assert state["host"] == PARTICIPANT
    assert emu.huawei_participant(CONF, FIRST_HOST)["role"] == "participant", "one host at a time"
    assert conf.relinquish_host(PARTICIPANT) is None
    assert emu.conference(CONF)["host"] is None
    assert emu.huawei_count("control_tokens_issued") == 1, "a given token is used as is"
    assert conf.control_token() == token


def test_apply_and_relinquish_with_a_password(emu: Emulator, huawei) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.apply_host(PARTICIPANT, HOST_PWD)
    conf.relinquish_host(PARTICIPANT)
    conf.apply_host(participant_id=PARTICIPANT, chairman_password=HOST_PWD)
    assert emu.conference(CONF)["host"] == PARTICIPANT
    assert emu.huawei_count("control_tokens_issued") == 1, "the token is fetched once and cached"
    assert emu.statuses_for(ROLE_PATH) == [200, 200, 200]


def test_expired_token_is_refreshed_once_after_a_401(emu: Emulator, huawei) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.apply_host(PARTICIPANT, HOST_PWD)
    emu.advance_clock(31 * 60)
    conf.relinquish_host(PARTICIPANT)
    assert emu.statuses_for(ROLE_PATH) == [200, 401, 200]
    assert emu.huawei_count("control_tokens_issued") == 2


def test_revoked_token_is_replaced(emu: Emulator, huawei) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.apply_host(PARTICIPANT, HOST_PWD)
    assert emu.revoke_tokens(CONF) == 1
    conf.relinquish_host(PARTICIPANT)
    assert emu.statuses_for(ROLE_PATH) == [200, 401, 200]


def test_conference_request_mute(emu: Emulator, huawei) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    answer = conf.request("PUT", MUTE_PATH, query={"participantID": PARTICIPANT}, body={"isMute": 1})
    assert answer is None, "the emulator answers control calls with an empty body"
    assert emu.huawei_participant(CONF, PARTICIPANT)["muted"] is True
    conf.request("put", MUTE_PATH, query=[("participantID", PARTICIPANT)], body={"isMute": 0})
    assert emu.huawei_participant(CONF, PARTICIPANT)["muted"] is False


def test_app_id(emu: Emulator) -> None:
    for corp_id in (None, "corp-9"):
        hw = meetctl.HuaweiClient.app_id(
            app_id=HW_APP_ID, app_key=HW_APP_KEY, user_id="bob", corp_id=corp_id, base_url=emu.url
        )
        first = hw.access_token()
        assert first and hw.access_token() == first, "cached"
        # The control-token request carries X-Access-Token; the emulator checks it is live.
        hw.conference(CONF, password=HOST_PWD).apply_host(PARTICIPANT, chairman_password=HOST_PWD)
    assert emu.huawei_count("access_tokens_issued") == 2
    assert emu.conference(CONF)["host"] == PARTICIPANT


def test_app_id_without_user_id(emu: Emulator) -> None:
    hw = meetctl.HuaweiClient.app_id(HW_APP_ID, HW_APP_KEY, base_url=emu.url)
    assert hw.access_token()


def test_account(emu: Emulator) -> None:
    hw = meetctl.HuaweiClient.account(account=HW_ACCOUNT, password=HW_PASSWORD, region="cn-north-4", base_url=emu.url)
    conf = hw.conference(CONF, password=HOST_PWD)
    conf.apply_host(PARTICIPANT, chairman_password=HOST_PWD)
    conf.relinquish_host(PARTICIPANT)
    assert emu.huawei_count("access_tokens_issued") == 1
    assert emu.conference(CONF)["host"] is None


def test_no_account_auth_has_no_access_token(emu: Emulator, huawei) -> None:
    assert huawei.access_token() is None
    assert emu.request_count() == 0


def test_prepare_apply_and_relinquish_then_send_with_urllib(emu: Emulator, huawei) -> None:
    token = fetch_control_token(emu, HOST_PWD)
    conf = huawei.conference(CONF, control_token=token)
    before = emu.request_count()
    prepared = conf.prepare(meetctl.HuaweiConferenceControl("apply_host", [PARTICIPANT], chairman_password=HOST_PWD))
    assert emu.request_count() == before, "prepare with a given token sends nothing"
    assert prepared.method == "PUT"
    assert prepared.url == f"{emu.url}{ROLE_PATH}?conferenceID={CONF}&participantID={PARTICIPANT}"
    assert prepared.body == b'{"applyChair":1,"chairmanPwd":"157599"}'
    assert prepared.headers["X-Conference-Authorization"] == token
    assert send_prepared(prepared)[0] == 200
    assert emu.conference(CONF)["host"] == PARTICIPANT
    relinquish = conf.prepare(meetctl.HuaweiConferenceControl("relinquish_host", [PARTICIPANT]))
    assert relinquish.body == b'{"applyChair":0}'
    assert send_prepared(relinquish)[0] == 200
    assert emu.conference(CONF)["host"] is None
    mute = conf.prepare_request("PUT", MUTE_PATH, query={"participantID": PARTICIPANT}, body={"isMute": 1})
    assert send_prepared(mute)[0] == 200
    assert emu.huawei_participant(CONF, PARTICIPANT)["muted"] is True


def test_concurrent_callers_share_one_token_fetch(emu: Emulator, huawei) -> None:
    emu.fault(kind="delay", ms=200, path_prefix=TOKEN_PATH)
    conf = huawei.conference(CONF, password=HOST_PWD)
    errors = []

    def mute() -> None:
        try:
            conf.request("PUT", MUTE_PATH, query={"participantID": PARTICIPANT}, body={"isMute": 1})
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=mute) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert emu.huawei_count("control_tokens_issued") == 1
    assert len(emu.statuses_for(MUTE_PATH)) == 8


def test_regions_and_base_urls(emu: Emulator) -> None:
    assert meetctl.HuaweiClient().region == "cn-north-4"
    assert meetctl.HuaweiClient().base_url == "https://api.meeting.huaweicloud.com"
    intl = meetctl.HuaweiClient(region="ap-southeast-1")
    assert (intl.region, intl.base_url) == ("ap-southeast-1", "https://api-intl.meeting.huaweicloud.com")
    assert meetctl.HuaweiClient(base_url=emu.url + "/").base_url == emu.url
