"""No secret, token, signature or password appears in any repr, exception text or log record, and
the core's log records reach Python's logging under the logger `meetctl`."""

import logging
from typing import Any, List

import pytest

import meetctl
from conftest import (
    APP_ID,
    CONF,
    GUEST_PWD,
    HOST_PWD,
    HW_ACCOUNT,
    HW_APP_ID,
    HW_APP_KEY,
    HW_PASSWORD,
    MEETING,
    OAUTH_OPEN_ID,
    OAUTH_TOKEN,
    PARTICIPANT,
    ROLE_PATH,
    SECRET_ID,
    SECRET_KEY,
    Emulator,
    free_port,
)

WRONG_KEY = "wrong-key-do-not-print"
WRONG_CHAIR = "wrong-chair-do-not-print"
PROXY_PASSWORD = "proxy-password-do-not-print"
BAD_SECRET = "bad-secret-do-not-print"


def texts_of(error: BaseException) -> List[str]:
    """Everything an exception shows: str, repr, args and attributes."""
    return [str(error), repr(error), repr(error.args), repr(vars(error))]


def test_no_secret_in_reprs_exceptions_or_logs(
    emu: Emulator, tencent, huawei, host, attendee, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="meetctl")

    oauth = meetctl.TencentClient.oauth(open_id=OAUTH_OPEN_ID, access_token=OAUTH_TOKEN, base_url=emu.url)
    prepared = tencent.prepare(meetctl.TencentControl("set_cohost", MEETING, host, [attendee]))
    signature = prepared.headers["X-TC-Signature"]
    tencent.set_cohost(MEETING, operator=host, user=attendee)

    app = meetctl.HuaweiClient.app_id(HW_APP_ID, HW_APP_KEY, user_id="bob", base_url=emu.url)
    account = meetctl.HuaweiClient.account(HW_ACCOUNT, HW_PASSWORD, base_url=emu.url)
    conf = app.conference(CONF, password=HOST_PWD)
    control_token = conf.control_token()
    access_token = app.access_token()
    assert access_token
    given = huawei.conference(CONF, control_token=control_token)
    apply_control = meetctl.HuaweiConferenceControl("apply_host", [PARTICIPANT], chairman_password=HOST_PWD)
    prepared_apply = given.prepare(apply_control)
    given.apply_host(PARTICIPANT, HOST_PWD)
    account.conference(CONF, password=GUEST_PWD).relinquish_host(PARTICIPANT)
    # A refused control token is refreshed (and logged) once.
    emu.revoke_tokens(CONF)
    conf.relinquish_host(PARTICIPANT)
    assert emu.statuses_for(ROLE_PATH)[-2:] == [401, 200]

    errors: List[BaseException] = []
    wrong = meetctl.TencentClient(APP_ID, SECRET_ID, WRONG_KEY, base_url=emu.url)
    for call in (
        lambda: wrong.set_cohost(MEETING, operator=host, user=attendee),
        lambda: conf.apply_host(PARTICIPANT, WRONG_CHAIR),
        lambda: huawei.conference(CONF, control_token=control_token + "x").apply_host(PARTICIPANT, WRONG_CHAIR),
        lambda: meetctl.HuaweiClient.account(HW_ACCOUNT, WRONG_KEY, base_url=emu.url).access_token(),
        lambda: meetctl.TencentClient(APP_ID, SECRET_ID, BAD_SECRET + "\n"),
        lambda: meetctl.HuaweiClient.account("a:b", BAD_SECRET),
        lambda: huawei.conference(CONF, control_token=BAD_SECRET + "\r\n"),
        lambda: conf.apply_host(PARTICIPANT, BAD_SECRET + "\n"),
        lambda: meetctl.TencentClient(
            APP_ID, SECRET_ID, SECRET_KEY, base_url=emu.url, proxy=f"http://user:{PROXY_PASSWORD}@127.0.0.1:{free_port()}"
        ).close_video(MEETING, host, attendee),
        lambda: meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, proxy=f"bad://user:{PROXY_PASSWORD}@"),
    ):
        with pytest.raises(meetctl.MeetctlError) as info:
            call()
        errors.append(info.value)
    tencent_meeting = meetctl.Meeting.tencent(tencent, MEETING, host)
    huawei_meetings = [meetctl.Meeting.huawei(c) for c in (conf, given)]
    with pytest.raises(meetctl.Unsupported) as unsupported:
        tencent_meeting.make_host(meetctl.Participant.from_id("tencent:2:agaqwwgdkkddd"))
    errors.append(unsupported.value)
    with pytest.raises(meetctl.PermissionDenied) as denied:
        meetctl.Meeting.huawei(account.conference(CONF, password=GUEST_PWD)).make_host(
            meetctl.Participant.from_id(f"huawei:{PARTICIPANT}")
        )
    errors.append(denied.value)
    kinds = {type(e).__name__ for e in errors}
    assert {"AuthError", "PermissionDenied", "InvalidArgument", "ConnectError"} <= kinds, kinds

    texts: List[str] = [
        repr(tencent),
        repr(oauth),
        repr(wrong),
        repr(huawei),
        repr(app),
        repr(account),
        repr(conf),
        repr(given),
        repr(host),
        repr(prepared),
        repr(prepared_apply),
        repr(apply_control),
        repr(meetctl.HuaweiConferenceControl("apply_host", [PARTICIPANT], chairman_pasword=HOST_PWD)),
        repr(tencent_meeting),
        *(repr(m) for m in huawei_meetings),
        *(repr(p) for p in huawei_meetings[0].participants()),
    ]
    for e in errors:
        texts += texts_of(e)
    records = [r for r in caplog.records if r.name == "meetctl" or r.name.startswith("meetctl.")]
    assert len(records) >= 10, [r.getMessage() for r in records]
    assert any("refreshing" in r.getMessage() for r in records)
    texts += [r.getMessage() for r in records]
    texts += [repr(r.args) for r in records]

    secrets = [
        SECRET_KEY,
        OAUTH_TOKEN,
        signature,
        HW_APP_KEY,
        HW_PASSWORD,
        HOST_PWD,
        GUEST_PWD,
        control_token,
        access_token,
        WRONG_KEY,
        WRONG_CHAIR,
        PROXY_PASSWORD,
        BAD_SECRET,
    ]
    for text in texts:
        for secret in secrets:
            assert secret not in text, f"{secret!r} leaked in {text!r}"

    # The reprs still say something useful.
    assert "<redacted>" in repr(prepared) and "X-TC-Key" in repr(prepared)
    assert "bytes>" in repr(prepared_apply)
    assert repr(apply_control) == f"HuaweiConferenceControl('apply_host', participant_ids=('{PARTICIPANT}',), chairman_password=<redacted>)"
    assert apply_control.args == {"chairman_password": HOST_PWD}, "the attribute holds the real value"
    assert repr(tencent) == f"TencentClient(auth='enterprise', app_id='{APP_ID}', base_url='{emu.url}')"
    assert repr(oauth) == f"TencentClient(auth='oauth', open_id='{OAUTH_OPEN_ID}', base_url='{emu.url}')"
    assert repr(app) == f"HuaweiClient(region='cn-north-4', auth='app_id', base_url='{emu.url}')"
    assert repr(conf) == f"HuaweiConference(id='{CONF}', auth='password')"
    assert repr(given) == f"HuaweiConference(id='{CONF}', auth='control_token')"
    assert repr(host) == "TencentUser(ms_open_id='afagsagwags', instance=Instance.IOS)"
    assert repr(tencent_meeting) == f"Meeting(vendor='tencent', id='{MEETING}', operator={host!r})"
    assert [repr(m) for m in huawei_meetings] == [f"Meeting(vendor='huawei', id='{CONF}')"] * 2


def test_log_records_reach_the_meetctl_logger(emu: Emulator, tencent, host, attendee, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    tencent.set_cohost(MEETING, operator=host, user=attendee)
    records = [r for r in caplog.records if r.name.startswith("meetctl")]
    assert records, "no record from the core"
    record = records[-1]
    assert record.name == "meetctl.transport"
    assert record.levelno == logging.DEBUG
    assert record.getMessage().startswith(f"PUT /v1/real-control/meetings/{MEETING}/cohosts -> 200 in ")
    # Only the core's records are forwarded, not those of the HTTP and TLS libraries below it.
    assert all(r.name.startswith("meetctl") for r in caplog.records), {r.name for r in caplog.records}


def test_the_level_set_in_python_applies_at_once(emu: Emulator, tencent, host, attendee, caplog: Any) -> None:
    caplog.set_level(logging.WARNING, logger="meetctl")
    tencent.set_cohost(MEETING, operator=host, user=attendee)
    assert not [r for r in caplog.records if r.name.startswith("meetctl")]
    caplog.set_level(logging.DEBUG, logger="meetctl")
    tencent.revoke_cohost(MEETING, operator=host, user=attendee)
    assert [r for r in caplog.records if r.name.startswith("meetctl")]
