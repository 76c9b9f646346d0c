"""Client settings: ``timeout`` (a millisecond to an hour, or None), ``max_attempts`` (1 to 10) and
``allow_insecure_http``, checked when the client is made, on every constructor.

A ``timeout`` such as ``1e19`` used to be accepted, and then every call panicked computing its
deadline (``PanicException``, which is not even an ``Exception``)."""

import math
from typing import Any, Callable, Dict

import pytest

import meetctl
from conftest import (
    APP_ID,
    CONF,
    HOST_PWD,
    HW_ACCOUNT,
    HW_APP_ID,
    HW_APP_KEY,
    HW_PASSWORD,
    MEETING,
    OAUTH_OPEN_ID,
    OAUTH_TOKEN,
    SECRET_ID,
    SECRET_KEY,
    Emulator,
)

CONSTRUCTORS: Dict[str, Callable[..., Any]] = {
    "TencentClient": lambda **kw: meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, **kw),
    "TencentClient.oauth": lambda **kw: meetctl.TencentClient.oauth(OAUTH_OPEN_ID, OAUTH_TOKEN, **kw),
    "HuaweiClient": lambda **kw: meetctl.HuaweiClient(**kw),
    "HuaweiClient.app_id": lambda **kw: meetctl.HuaweiClient.app_id(HW_APP_ID, HW_APP_KEY, **kw),
    "HuaweiClient.account": lambda **kw: meetctl.HuaweiClient.account(HW_ACCOUNT, HW_PASSWORD, **kw),
}

BAD_TIMEOUTS = [
    1e19,
    -1e19,
    1e308,
    2**64,
    10**400,  # too large for a float
    3600.001,
    86400,
    -1,
    -0.5,
    -0.0,
    0,
    0.0,
    0.0009,
    1e-12,
    math.nan,
    math.inf,
    -math.inf,
]


@pytest.fixture(params=list(CONSTRUCTORS))
def make(request: pytest.FixtureRequest) -> Callable[..., Any]:
    return CONSTRUCTORS[request.param]


def invalid(field: str, call: Callable[[], Any]) -> meetctl.InvalidArgument:
    with pytest.raises(meetctl.InvalidArgument) as info:
        call()
    assert info.value.field == field, info.value
    assert field in str(info.value)
    assert info.value.attempts == 0
    return info.value


# ---------------------------------------------------------------------------- timeout


@pytest.mark.parametrize("timeout", BAD_TIMEOUTS, ids=repr)
def test_unusable_timeouts_are_refused_when_the_client_is_made(make: Callable[..., Any], timeout: Any) -> None:
    error = invalid("timeout", lambda: make(timeout=timeout))
    assert "0.001" in str(error) and "3600" in str(error)


@pytest.mark.parametrize("timeout", [None, 0.001, 0.5, 1, 10.0, 3600, 3600.0])
def test_timeouts_from_a_millisecond_to_an_hour(make: Callable[..., Any], timeout: Any) -> None:
    make(timeout=timeout)


@pytest.mark.parametrize("timeout", ["10", b"10", True, [10], object()])
def test_timeouts_of_the_wrong_type(make: Callable[..., Any], timeout: Any) -> None:
    with pytest.raises(TypeError):
        make(timeout=timeout)


def test_a_huge_timeout_never_reaches_a_call(emu: Emulator) -> None:
    """The reported defect: the client was made, then every call panicked."""
    invalid("timeout", lambda: meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, base_url=emu.url, timeout=1e19))
    invalid("timeout", lambda: meetctl.HuaweiClient(base_url=emu.url, timeout=1e19))
    # An hour is the most, and works.
    longest = meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, base_url=emu.url, timeout=3600)
    alice = meetctl.TencentUser(userid="alice", instance=meetctl.Instance.IOS)
    assert longest.participants(MEETING, alice)
    assert meetctl.HuaweiClient(base_url=emu.url, timeout=3600).conference(CONF, password=HOST_PWD).control_token()
    assert emu.request_count() == 2


# ---------------------------------------------------------------------------- max_attempts


@pytest.mark.parametrize("attempts", [0, 11, -1, 2**32 + 3, 2**70])
def test_max_attempts_out_of_range(make: Callable[..., Any], attempts: int) -> None:
    error = invalid("max_attempts", lambda: make(max_attempts=attempts))
    assert "1 to 10" in str(error)


@pytest.mark.parametrize("attempts", ["3", 3.0, True, b"3"])
def test_max_attempts_of_the_wrong_type(make: Callable[..., Any], attempts: Any) -> None:
    with pytest.raises(TypeError):
        make(max_attempts=attempts)


@pytest.mark.parametrize("attempts", [1, 3, 10, None])
def test_max_attempts_from_one_to_ten(make: Callable[..., Any], attempts: Any) -> None:
    make(max_attempts=attempts)


def test_max_attempts_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        meetctl.HuaweiClient("cn-north-4", None, 10.0, None, None, False, 3)  # type: ignore[misc]


# ---------------------------------------------------------------------------- allow_insecure_http


@pytest.mark.parametrize("url", ["http://example.com", "http://10.0.0.1:8080", "http://meeting.internal/"])
def test_plain_http_to_another_host_needs_allow_insecure_http(make: Callable[..., Any], url: str) -> None:
    error = invalid("base_url", lambda: make(base_url=url))
    assert "allow_insecure_http" in str(error)
    invalid("base_url", lambda: make(base_url=url, allow_insecure_http=False))
    client = make(base_url=url, allow_insecure_http=True)
    assert client.base_url == url.rstrip("/")


@pytest.mark.parametrize("url", ["http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9", "https://example.com"])
def test_https_and_loopback_need_nothing(make: Callable[..., Any], url: str) -> None:
    make(base_url=url)


@pytest.mark.parametrize("flag", [1, "yes", None])
def test_allow_insecure_http_is_a_bool(make: Callable[..., Any], flag: Any) -> None:
    with pytest.raises(TypeError):
        make(base_url="http://example.com", allow_insecure_http=flag)
