"""Every exception type, raised by real answers and faults of the emulator, with its attributes."""

import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator, Tuple

import pytest

import meetctl
from conftest import (
    APP_ID,
    CONF,
    CONF_NOT_STARTED,
    GUEST_PWD,
    HOST_PWD,
    HW_ACCOUNT,
    HW_APP_ID,
    HW_APP_KEY,
    MEETING,
    NOSCOPE_OPEN_ID,
    NOSCOPE_TOKEN,
    OAUTH_MEETING,
    OAUTH_OPEN_ID,
    PARTICIPANT,
    REPO,
    ROLE_PATH,
    SECRET_ID,
    SECRET_KEY,
    TOKEN_PATH,
    Emulator,
    free_port,
    scenario_file,
)

# ---------------------------------------------------------------------------- the tree


def test_exception_tree() -> None:
    assert issubclass(meetctl.MeetctlError, Exception)
    assert issubclass(meetctl.InvalidArgument, meetctl.MeetctlError)
    assert issubclass(meetctl.InvalidArgument, ValueError)
    for cls in (meetctl.AuthError, meetctl.PermissionDenied, meetctl.NotFound, meetctl.RateLimited):
        assert issubclass(cls, meetctl.ApiError)
    assert issubclass(meetctl.ApiError, meetctl.MeetctlError)
    assert issubclass(meetctl.TransportError, meetctl.MeetctlError)
    assert issubclass(meetctl.Timeout, meetctl.TransportError)
    assert issubclass(meetctl.Timeout, TimeoutError)
    assert issubclass(meetctl.ConnectError, meetctl.TransportError)
    assert issubclass(meetctl.ConnectError, ConnectionError)
    assert issubclass(meetctl.TlsError, meetctl.TransportError)
    assert issubclass(meetctl.MalformedResponse, meetctl.MeetctlError)
    assert not issubclass(meetctl.MalformedResponse, meetctl.ApiError)
    assert not issubclass(meetctl.ApiError, ValueError)
    assert issubclass(meetctl.Unsupported, meetctl.MeetctlError)
    assert issubclass(meetctl.Unsupported, NotImplementedError)
    for other in (meetctl.ApiError, meetctl.InvalidArgument, meetctl.TransportError, ValueError):
        assert not issubclass(meetctl.Unsupported, other), other


def test_exceptions_can_be_raised_by_hand() -> None:
    e = meetctl.RateLimited("slow down", status=429, retry_after=2.0)
    assert (str(e), e.status, e.retry_after, e.code, e.kind) == ("slow down", 429, 2.0, None, "rate_limited")
    t = meetctl.Timeout("too slow")
    assert isinstance(t, TimeoutError) and str(t) == "too slow" and t.message == "too slow"
    c = meetctl.ConnectError("refused")
    assert isinstance(c, ConnectionError) and str(c) == "refused"
    i = meetctl.InvalidArgument("bad", field="x")
    assert isinstance(i, ValueError) and i.field == "x"
    with pytest.raises(meetctl.MeetctlError):
        raise meetctl.NotFound("gone")
    u = meetctl.Unsupported("no", operation="make_host", vendor="tencent")
    assert (str(u), u.operation, u.vendor, u.kind, u.message) == ("no", "make_host", "tencent", "unsupported", "no")
    assert meetctl.Unsupported("no").operation is None


def test_every_core_kind_has_its_class(emu: Emulator, tencent, huawei, host, attendee) -> None:
    """The class comes from the core's error kind, one class per kind (the text is not read)."""
    meeting = meetctl.Meeting.tencent(tencent, MEETING, host)
    seen = {}
    calls = {
        "invalid_argument": lambda: tencent.set_cohost("12/../x", host, attendee),
        "auth": lambda: huawei.conference(CONF, password="000000").control_token(),
        "not_found": lambda: tencent.close_video("999999999", host, attendee),
        "unsupported": lambda: meeting.make_host(meetctl.Participant.from_id("tencent:2:agaqwwgdkkddd")),
    }
    for kind, call in calls.items():
        with pytest.raises(meetctl.MeetctlError) as info:
            call()
        seen[kind] = type(info.value)
        assert info.value.kind == kind
    assert seen == {
        "invalid_argument": meetctl.InvalidArgument,
        "auth": meetctl.AuthError,
        "not_found": meetctl.NotFound,
        "unsupported": meetctl.Unsupported,
    }


# ---------------------------------------------------------------------------- InvalidArgument


def test_invalid_argument_carries_the_field(emu: Emulator, tencent, host, attendee) -> None:
    with pytest.raises(meetctl.InvalidArgument) as info:
        tencent.set_cohost("12/../admin", operator=host, user=attendee)
    e = info.value
    assert isinstance(e, ValueError)
    assert e.field == "meeting_id"
    assert e.kind == "invalid_argument"
    assert e.vendor is None
    assert "meeting_id" in str(e)
    assert emu.request_count() == 0


# ---------------------------------------------------------------------------- AuthError


def test_wrong_secret_key_is_an_auth_error(emu: Emulator, host, attendee) -> None:
    client = meetctl.TencentClient(app_id=APP_ID, secret_id=SECRET_ID, secret_key="not-the-key", base_url=emu.url)
    with pytest.raises(meetctl.AuthError) as info:
        client.set_cohost(MEETING, operator=host, user=attendee)
    e = info.value
    assert isinstance(e, meetctl.ApiError)
    assert (e.status, e.code, e.new_code, e.vendor, e.kind) == (400, "200003", "200200003", "tencent", "auth")
    assert e.request_id and len(e.request_id) == 32


@pytest.mark.parametrize(
    "app_id, secret_id, sdk_id",
    [(APP_ID, "AKIDunknown", None), ("999", SECRET_ID, None), (APP_ID, SECRET_ID, "20001")],
)
def test_unknown_key_app_or_sdk_id(emu: Emulator, host, attendee, app_id, secret_id, sdk_id) -> None:
    client = meetctl.TencentClient(app_id, secret_id, SECRET_KEY, sdk_id, emu.url)
    with pytest.raises(meetctl.AuthError) as info:
        client.close_video(MEETING, host, attendee)
    assert info.value.code == "190303"


def test_stale_timestamp_is_an_auth_error(emu: Emulator, tencent, host, attendee) -> None:
    emu.advance_clock(600)
    with pytest.raises(meetctl.AuthError) as info:
        tencent.set_cohost(MEETING, operator=host, user=attendee)
    assert (info.value.code, info.value.new_code) == ("190300", "200190300")


def test_wrong_oauth_token(emu: Emulator) -> None:
    client = meetctl.TencentClient.oauth(OAUTH_OPEN_ID, "wrong-token", base_url=emu.url)
    op = meetctl.TencentUser(open_id=OAUTH_OPEN_ID, instance=1)
    who = meetctl.TencentUser(ms_open_id="msopenid-pete", instance=5)
    with pytest.raises(meetctl.AuthError):
        client.close_video(OAUTH_MEETING, operator=op, user=who)


def test_huawei_auth_errors(emu: Emulator, huawei) -> None:
    with pytest.raises(meetctl.AuthError) as info:
        huawei.conference(CONF, password="000000").apply_host(PARTICIPANT, HOST_PWD)
    assert (info.value.code, info.value.vendor, info.value.status) == ("MMC.111072065", "huawei", 400)
    assert info.value.request_id
    assert emu.statuses_for(ROLE_PATH) == [], "no control call without a token"
    with pytest.raises(meetctl.AuthError) as info:
        huawei.conference(CONF, control_token="stb-not-a-real-token").apply_host(PARTICIPANT, HOST_PWD)
    assert (info.value.code, info.value.status) == ("MMC.111070004", 401)
    for hw in (
        meetctl.HuaweiClient.app_id(HW_APP_ID, "wrong-key", user_id="bob", base_url=emu.url),
        meetctl.HuaweiClient.app_id("no-such-app", HW_APP_KEY, user_id="bob", base_url=emu.url),
        meetctl.HuaweiClient.account(HW_ACCOUNT, "wrong-password", base_url=emu.url),
    ):
        with pytest.raises(meetctl.AuthError) as info:
            hw.access_token()
        assert info.value.code and info.value.code.startswith("USG."), info.value


def test_a_second_401_is_not_retried(emu: Emulator, huawei) -> None:
    emu.fault(kind="status", status=401, path_prefix=ROLE_PATH, times=2)
    with pytest.raises(meetctl.AuthError) as info:
        huawei.conference(CONF, password=HOST_PWD).apply_host(PARTICIPANT, HOST_PWD)
    assert info.value.status == 401
    assert emu.statuses_for(ROLE_PATH) == [401, 401]


# ---------------------------------------------------------------------------- PermissionDenied


def test_operator_who_is_an_attendee(emu: Emulator, tencent, attendee) -> None:
    dave = meetctl.TencentUser(ms_open_id="msopenid-dave", instance=3)
    with pytest.raises(meetctl.PermissionDenied) as info:
        tencent.set_cohost(MEETING, operator=dave, user=attendee)
    e = info.value
    assert (e.status, e.code, e.new_code, e.kind) == (400, "9042", None, "permission_denied")
    assert e.request_id
    assert emu.participant(MEETING, "agaqwwgdkkddd")["role"] == "attendee"


def test_oauth_without_scope(emu: Emulator) -> None:
    client = meetctl.TencentClient.oauth(NOSCOPE_OPEN_ID, NOSCOPE_TOKEN, base_url=emu.url)
    olivia = meetctl.TencentUser(ms_open_id="msopenid-olivia", instance=1)
    pete = meetctl.TencentUser(ms_open_id="msopenid-pete", instance=5)
    with pytest.raises((meetctl.PermissionDenied, meetctl.NotFound)):
        client.close_video(OAUTH_MEETING, operator=olivia, user=pete)
    assert emu.participant(OAUTH_MEETING, "msopenid-pete")["video"] is True


def test_wrong_chairman_password(emu: Emulator, huawei) -> None:
    with pytest.raises(meetctl.PermissionDenied) as info:
        huawei.conference(CONF, password=GUEST_PWD).apply_host(PARTICIPANT, "999999")
    assert (info.value.status, info.value.code) == (403, "MMC.111070002")


# ---------------------------------------------------------------------------- NotFound


def test_unknown_meeting(emu: Emulator, tencent, host, attendee) -> None:
    with pytest.raises(meetctl.NotFound) as info:
        tencent.close_video("999999999", operator=host, user=attendee)
    assert (info.value.code, info.value.new_code, info.value.kind) == ("9003", None, "not_found")


def test_unknown_conference(emu: Emulator, huawei) -> None:
    with pytest.raises(meetctl.NotFound) as info:
        huawei.conference("123456789", control_token="stbx").apply_host(PARTICIPANT, HOST_PWD)
    assert info.value.code == "MMC.111070005"


def test_ids_cannot_inject_query_parameters(emu: Emulator, huawei) -> None:
    sneaky = huawei.conference(f"{CONF}&participantID={PARTICIPANT}", control_token="stbx")
    with pytest.raises(meetctl.NotFound):
        sneaky.relinquish_host(PARTICIPANT)


def test_unknown_path(emu: Emulator, tencent) -> None:
    with pytest.raises(meetctl.NotFound) as info:
        tencent.request("GET", "/v1/no/such/api")
    assert (info.value.status, info.value.code) == (404, "404")


# ---------------------------------------------------------------------------- RateLimited


def test_injected_429_carries_retry_after(emu: Emulator, host, attendee) -> None:
    emu.fault(kind="rate_limit", retry_after=3)
    once = meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, base_url=emu.url, max_attempts=1)
    with pytest.raises(meetctl.RateLimited) as info:
        once.set_cohost(MEETING, operator=host, user=attendee)
    e = info.value
    assert (e.status, e.code, e.retry_after, e.kind, e.attempts) == (429, "190310", 3.0, "rate_limited", 1)
    assert "retry after 3s" in str(e)


def test_a_429_is_retried_after_retry_after(emu: Emulator, tencent, host, attendee) -> None:
    emu.fault(kind="rate_limit", retry_after=1)
    started = time.monotonic()
    tencent.set_cohost(MEETING, operator=host, user=attendee)
    assert 1.0 <= time.monotonic() - started < 5
    assert emu.participant(MEETING, "agaqwwgdkkddd")["role"] == "cohost"


def test_per_minute_rate_limit(start_emulator, tmp_path: Path, host, attendee) -> None:
    emu = start_emulator(scenario_file(tmp_path, rate_limit_per_minute=2))
    # One attempt: near a minute's end the emulator's Retry-After is short enough to be waited
    # out, and a retried call would then succeed.
    client = meetctl.TencentClient(
        app_id=APP_ID, secret_id=SECRET_ID, secret_key=SECRET_KEY, base_url=emu.url, max_attempts=1
    )
    client.close_video(MEETING, host, attendee)
    client.close_video(MEETING, host, attendee)
    with pytest.raises(meetctl.RateLimited) as info:
        client.close_video(MEETING, host, attendee)
    assert info.value.code == "190310"
    assert info.value.retry_after is not None and 0 < info.value.retry_after <= 60


def test_huawei_rate_limit(emu: Emulator) -> None:
    emu.fault(kind="rate_limit", retry_after=7, path_prefix=ROLE_PATH)
    once = meetctl.HuaweiClient(base_url=emu.url, max_attempts=1)
    with pytest.raises(meetctl.RateLimited) as info:
        once.conference(CONF, password=HOST_PWD).apply_host(PARTICIPANT, HOST_PWD)
    assert (info.value.code, info.value.retry_after, info.value.attempts) == ("100000429", 7.0, 1)


def test_a_retry_after_beyond_the_deadline_is_not_waited_for(emu: Emulator, huawei) -> None:
    emu.fault(kind="rate_limit", retry_after=7, path_prefix=ROLE_PATH)
    fast = meetctl.HuaweiClient(base_url=emu.url, timeout=2)
    started = time.monotonic()
    with pytest.raises(meetctl.RateLimited) as info:
        fast.conference(CONF, password=HOST_PWD).apply_host(PARTICIPANT, HOST_PWD)
    assert time.monotonic() - started < 1.5
    assert info.value.attempts == 1


# ---------------------------------------------------------------------------- ApiError


def test_injected_503_is_an_api_error(emu: Emulator, host, attendee) -> None:
    emu.fault(kind="status", status=503)
    once = meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, base_url=emu.url, max_attempts=1)
    with pytest.raises(meetctl.ApiError) as info:
        once.set_cohost(MEETING, operator=host, user=attendee)
    e = info.value
    assert type(e) is meetctl.ApiError
    assert (e.status, e.code, e.kind, e.vendor, e.attempts) == (503, "503", "api", "tencent", 1)
    assert e.message == "injected fault: HTTP 503"
    assert e.request_id and len(e.request_id) == 32
    # The fault was one-shot: the next call goes through.
    once.set_cohost(MEETING, operator=host, user=attendee)


# ---------------------------------------------------------------------------- retries and attempts


@pytest.mark.parametrize("max_attempts, expected", [(None, 3), (1, 1), (2, 2), (5, 5)])
def test_attempts_follow_max_attempts(emu: Emulator, host, attendee, max_attempts, expected: int) -> None:
    emu.fault(kind="status", status=503, times=10, path_prefix="/v1/real-control")
    settings = {} if max_attempts is None else {"max_attempts": max_attempts}
    client = meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, base_url=emu.url, **settings)
    with pytest.raises(meetctl.ApiError) as info:
        client.set_cohost(MEETING, operator=host, user=attendee)
    assert (info.value.status, info.value.attempts) == (503, expected)
    assert emu.statuses_for(f"/v1/real-control/meetings/{MEETING}/cohosts") == [503] * expected


def test_a_503_is_retried_by_default(emu: Emulator, tencent, huawei, host, attendee) -> None:
    emu.fault(kind="status", status=503, times=2)
    tencent.set_cohost(MEETING, operator=host, user=attendee)
    assert emu.participant(MEETING, "agaqwwgdkkddd")["role"] == "cohost"
    emu.fault(kind="status", status=502, times=2, path_prefix=TOKEN_PATH)
    assert huawei.conference(CONF, password=HOST_PWD).control_token()


def test_nothing_sent_is_zero_attempts(emu: Emulator, tencent, host) -> None:
    with pytest.raises(meetctl.InvalidArgument) as info:
        tencent.set_cohost("", operator=host, user=host)
    assert info.value.attempts == 0
    unreachable = meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, base_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(meetctl.ConnectError) as connect:
        unreachable.set_cohost(MEETING, operator=host, user=host)
    assert connect.value.attempts == 3, "a connection that could not be made is tried again"
    with pytest.raises(meetctl.NotFound) as business:
        tencent.request("GET", "/v1/no/such/api")
    assert business.value.attempts == 1, "a vendor's answer is not retried"
    assert meetctl.MeetctlError("x").attempts == 0


def test_video_that_cannot_be_stopped(emu: Emulator, tencent, host) -> None:
    erin = meetctl.TencentUser(ms_open_id="msopenid-erin", instance=1)
    with pytest.raises(meetctl.ApiError) as info:
        tencent.close_video(MEETING, operator=host, user=erin)
    assert type(info.value) is meetctl.ApiError
    assert info.value.code == "9104"


def test_huawei_api_errors(emu: Emulator, huawei) -> None:
    with pytest.raises(meetctl.ApiError) as info:
        huawei.conference(CONF_NOT_STARTED, password="111111").apply_host("p-zoe", "111111")
    assert type(info.value) is meetctl.ApiError
    assert info.value.code == "MMC.111070006"
    with pytest.raises(meetctl.ApiError) as info:
        huawei.conference(CONF, password=HOST_PWD).apply_host("nobody", HOST_PWD)
    assert (info.value.status, info.value.code) == (400, "MMC.111071011")


# ---------------------------------------------------------------------------- transport


def test_slow_server_times_out(emu: Emulator, host, attendee) -> None:
    emu.fault(kind="delay", ms=1500)
    client = meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, base_url=emu.url, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(meetctl.Timeout) as info:
        client.set_cohost(MEETING, operator=host, user=attendee)
    assert time.monotonic() - started < 1.4
    assert isinstance(info.value, TimeoutError)
    assert isinstance(info.value, meetctl.TransportError)
    assert info.value.kind == "timeout"
    with pytest.raises(TimeoutError):
        emu.fault(kind="delay", ms=1500)
        client.set_cohost(MEETING, operator=host, user=attendee)


def test_nothing_listening_is_a_connect_error(host, attendee) -> None:
    client = meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, base_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(meetctl.ConnectError) as info:
        client.set_cohost(MEETING, operator=host, user=attendee)
    assert isinstance(info.value, ConnectionError)
    assert isinstance(info.value, meetctl.TransportError)
    assert info.value.kind == "connection"
    hw = meetctl.HuaweiClient(base_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(ConnectionError):
        hw.conference(CONF, password=HOST_PWD).apply_host(PARTICIPANT, HOST_PWD)


def test_connection_reset_is_a_connect_error(emu: Emulator, tencent, huawei, host, attendee) -> None:
    # Removing people is not safe to repeat: a connection lost mid-exchange is the caller's error.
    emu.fault(kind="reset")
    with pytest.raises(meetctl.ConnectError) as raised:
        tencent.kick_out(MEETING, host, [attendee])
    assert raised.value.attempts == 1
    emu.fault(kind="reset", path_prefix="/v1/mmc/control/conferences/participants/delete")
    with pytest.raises(meetctl.ConnectError) as raised:
        huawei.conference(CONF, password=HOST_PWD).hang_up([PARTICIPANT])
    assert raised.value.attempts == 1


def test_a_connection_lost_mid_exchange_is_repeated_for_a_state_set(emu: Emulator, tencent, host, attendee) -> None:
    emu.fault(kind="reset")
    tencent.set_cohost(MEETING, operator=host, user=attendee)
    assert emu.statuses_for(f"/v1/real-control/meetings/{MEETING}/cohosts") == [0, 200]


def test_https_to_a_plain_http_server_is_a_tls_error(emu: Emulator, host, attendee) -> None:
    https_url = emu.url.replace("http://", "https://")
    client = meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, base_url=https_url)
    with pytest.raises(meetctl.TlsError) as info:
        client.set_cohost(MEETING, operator=host, user=attendee)
    assert isinstance(info.value, meetctl.TransportError)
    assert info.value.kind == "tls"


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[Tuple[str, str]]:
    """tests/tls_server.py: HTTPS on loopback with a certificate from a test CA made by openssl."""
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "tests" / "tls_server.py"), str(tmp_path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url, ca_path = proc.stdout.readline().split()
        yield url, ca_path
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_untrusted_certificate_is_a_tls_error_and_ca_pem_trusts_it(tls_server: Tuple[str, str]) -> None:
    url, ca_path = tls_server
    untrusted = meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, base_url=url, proxy=False)
    with pytest.raises(meetctl.TlsError) as info:
        untrusted.request("GET", "/v1/tls-check")
    assert info.value.kind == "tls"
    trusted = meetctl.TencentClient(
        APP_ID, SECRET_ID, SECRET_KEY, base_url=url, proxy=False, extra_ca_pem=Path(ca_path).read_text()
    )
    assert trusted.request("GET", "/v1/tls-check") == {}


# ---------------------------------------------------------------------------- malformed answers


def test_malformed_answer(emu: Emulator, tencent, huawei, host, attendee) -> None:
    emu.fault(kind="malformed")
    with pytest.raises(meetctl.MalformedResponse) as info:
        tencent.set_cohost(MEETING, operator=host, user=attendee)
    assert info.value.kind == "malformed_response"
    assert isinstance(info.value, meetctl.MeetctlError)
    emu.fault(kind="malformed", path_prefix=TOKEN_PATH)
    with pytest.raises(meetctl.MalformedResponse):
        huawei.conference(CONF, password=HOST_PWD).apply_host(PARTICIPANT, HOST_PWD)
    emu.fault(kind="status", status=200, body='{"data": {}}', path_prefix=TOKEN_PATH)
    with pytest.raises(meetctl.MalformedResponse):
        huawei.conference(CONF, password=HOST_PWD).relinquish_host(PARTICIPANT)


def test_malformed_error_body_is_still_an_api_error(emu: Emulator, tencent, host, attendee) -> None:
    emu.fault(kind="malformed", status=500)
    with pytest.raises(meetctl.ApiError) as info:
        tencent.set_cohost(MEETING, operator=host, user=attendee)
    assert info.value.status == 500
