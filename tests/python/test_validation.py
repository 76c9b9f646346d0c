"""Bad input of every kind raises before any I/O: TypeError for values of the wrong type,
InvalidArgument (naming the field) for unusable values. The emulator's request_count proves
nothing was sent."""

import math
from typing import Any, Callable, Iterator

import pytest

import meetctl
from conftest import APP_ID, CONF, HOST_PWD, MEETING, MUTE_PATH, OAUTH_MEETING, PARTICIPANT, SECRET_ID, SECRET_KEY, Emulator


@pytest.fixture
def nothing_sent(emu: Emulator) -> Iterator[None]:
    """Asserts after the test that the emulator received no request at all."""
    yield
    assert emu.request_count() == 0, "no request may reach the server"


def invalid(field: str, call: Callable[[], Any]) -> None:
    with pytest.raises(meetctl.InvalidArgument) as info:
        call()
    assert info.value.field == field, info.value
    assert isinstance(info.value, ValueError)


# ---------------------------------------------------------------------------- TencentUser


@pytest.mark.parametrize("instance", [0, 11, 19, 23, 31, 34, 99, -1, 256, 2**70, -(2**70)])
def test_instance_out_of_range(instance: int) -> None:
    invalid("instance", lambda: meetctl.TencentUser(ms_open_id="x", instance=instance))


@pytest.mark.parametrize("instance", ["4", 4.0, True, None, b"4", [4]])
def test_instance_of_the_wrong_type(instance: Any) -> None:
    with pytest.raises(TypeError):
        meetctl.TencentUser(ms_open_id="x", instance=instance)


def test_instance_is_required() -> None:
    with pytest.raises(TypeError):
        meetctl.TencentUser(ms_open_id="x")  # type: ignore[call-arg]


def test_every_device_type_is_accepted() -> None:
    for member in meetctl.Instance:
        assert meetctl.TencentUser(uuid="u", instance=member).instance is member
        assert meetctl.TencentUser(uuid="u", instance=int(member)).instance is member


def test_zero_or_two_ids() -> None:
    invalid("id", lambda: meetctl.TencentUser(instance=1))
    invalid("id", lambda: meetctl.TencentUser(userid="a", ms_open_id="b", instance=1))
    invalid("id", lambda: meetctl.TencentUser(open_id="a", uuid="b", instance=1))
    invalid("id", lambda: meetctl.TencentUser(userid="a", open_id="b", ms_open_id="c", uuid="d", instance=1))


@pytest.mark.parametrize("kind", ["userid", "open_id", "ms_open_id", "uuid"])
def test_empty_or_control_character_ids(kind: str) -> None:
    invalid(kind, lambda: meetctl.TencentUser(**{kind: ""}, instance=1))
    invalid(kind, lambda: meetctl.TencentUser(**{kind: "a\nb"}, instance=1))


def test_ids_must_be_strings() -> None:
    with pytest.raises(TypeError):
        meetctl.TencentUser(ms_open_id=123, instance=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        meetctl.TencentUser("x", instance=1)  # type: ignore[misc]


# ---------------------------------------------------------------------------- Tencent calls


@pytest.mark.parametrize("meeting_id", ["", "a/b", "12/../../admin", "..", "a..b", "123?x=1", "a#b", "a%2Fb", "a\\b", "123\r\nX: y"])
def test_bad_meeting_ids(emu: Emulator, nothing_sent: None, tencent, host, attendee, meeting_id: str) -> None:
    for call in (tencent.set_cohost, tencent.revoke_cohost, tencent.close_video, tencent.mute, tencent.stop_screen_share):
        invalid("meeting_id", lambda: call(meeting_id, operator=host, user=attendee))
    for name in ("set_cohost", "revoke_cohost", "close_video"):
        control = meetctl.TencentControl(name, meeting_id, host, [attendee])
        invalid("meeting_id", lambda: tencent.prepare(control))
        invalid("meeting_id", lambda: tencent.call(control))


def test_ids_the_endpoint_does_not_accept(emu: Emulator, nothing_sent: None, tencent, oauth, host, attendee) -> None:
    by_userid = meetctl.TencentUser(userid="alice", instance=meetctl.Instance.PC)
    by_openid = meetctl.TencentUser(open_id="o", instance=meetctl.Instance.PC)
    invalid("operator.id", lambda: tencent.set_cohost(MEETING, operator=by_userid, user=attendee))
    invalid("user.id", lambda: tencent.set_cohost(MEETING, operator=host, user=by_openid))
    invalid("operator.id", lambda: tencent.close_video(MEETING, operator=by_userid, user=attendee))
    invalid("user.id", lambda: tencent.close_video(MEETING, operator=host, user=by_userid))
    # An open_id operator needs OAuth 2.0, and must be the client's own open id.
    invalid("operator.id", lambda: tencent.close_video(MEETING, operator=by_openid, user=attendee))
    invalid("operator.id", lambda: oauth.close_video(OAUTH_MEETING, operator=by_openid, user=attendee))
    # ms_open_id goes with devices 1-8 only.
    voip = meetctl.TencentUser(ms_open_id="x", instance=meetctl.Instance.VOIP_SIP)
    linux = meetctl.TencentUser(ms_open_id="x", instance=meetctl.Instance.LINUX)
    invalid("user.instance", lambda: tencent.set_cohost(MEETING, operator=host, user=voip))
    invalid("operator.instance", lambda: tencent.close_video(MEETING, operator=linux, user=attendee))
    # The cohosts API refuses OAuth 2.0.
    invalid("credentials", lambda: oauth.set_cohost(OAUTH_MEETING, operator=host, user=attendee))
    invalid("credentials", lambda: oauth.prepare(meetctl.TencentControl("revoke_cohost", OAUTH_MEETING, host, [attendee])))


@pytest.mark.parametrize(
    "args",
    [
        (123, "HOST", "ATTENDEE"),
        (None, "HOST", "ATTENDEE"),
        (MEETING, "not a user", "ATTENDEE"),
        (MEETING, "HOST", None),
        (MEETING, "HOST", {"ms_open_id": "x"}),
    ],
)
def test_tencent_calls_with_wrong_types(emu: Emulator, nothing_sent: None, tencent, host, attendee, args) -> None:
    users = {"HOST": host, "ATTENDEE": attendee}
    meeting_id, operator, user = (users.get(a, a) if isinstance(a, str) else a for a in args)
    for call in (tencent.set_cohost, tencent.revoke_cohost, tencent.close_video, tencent.mute):
        with pytest.raises(TypeError):
            call(meeting_id, operator=operator, user=user)
    with pytest.raises(TypeError):
        meetctl.TencentControl("close_video", meeting_id, operator, [user])


def test_missing_arguments(tencent, host) -> None:
    with pytest.raises(TypeError):
        tencent.set_cohost(MEETING, operator=host)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        tencent.close_video(MEETING, host, host, host)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        tencent.set_cohost(MEETING, operator=host, user=host, action=True)  # type: ignore[call-arg]


def test_generic_request_bad_input(emu: Emulator, nothing_sent: None, tencent) -> None:
    for call in (tencent.request, tencent.prepare_request):
        invalid("method", lambda: call("TRACE", "/v1/meetings/1"))
        invalid("method", lambda: call("", "/v1/meetings/1"))
        for path in ("", "v1/meetings", "/v1/meetings/../admin", "/v1/./x", "/v1/meetings/1?x=y", "/v1/x#f", "/v1/a b", "/v1/%zz"):
            invalid("path", lambda: call("GET", path))
        invalid("body", lambda: call("PUT", "/v1/x", body={"n": math.nan}))
        invalid("body", lambda: call("PUT", "/v1/x", body={"n": math.inf}))
        invalid("body", lambda: call("PUT", "/v1/x", body={"n": 2**64}))
        loop: list = []
        loop.append(loop)
        invalid("body", lambda: call("PUT", "/v1/x", body=loop))
        for wrong in (
            lambda: call(1, "/v1/x"),
            lambda: call("GET", None),
            lambda: call("GET", "/v1/x", query=5),
            lambda: call("GET", "/v1/x", query="a=b"),
            lambda: call("GET", "/v1/x", query={"a": object()}),
            lambda: call("GET", "/v1/x", query={"a": None}),
            lambda: call("GET", "/v1/x", query={"a": True}),
            lambda: call("GET", "/v1/x", query={1: "a"}),
            lambda: call("GET", "/v1/x", query=[("a",)]),
            lambda: call("GET", "/v1/x", query=["ab"]),
            lambda: call("PUT", "/v1/x", body=object()),
            lambda: call("PUT", "/v1/x", body={1: "a"}),
            lambda: call("PUT", "/v1/x", body={"a": {1, 2}}),
            lambda: call("PUT", "/v1/x", body=b"bytes"),
        ):
            with pytest.raises(TypeError):
                wrong()


# ---------------------------------------------------------------------------- Tencent construction


@pytest.mark.parametrize(
    "field, kwargs",
    [
        ("app_id", {"app_id": ""}),
        ("secret_id", {"secret_id": ""}),
        ("secret_key", {"secret_key": ""}),
        ("secret_key", {"secret_key": "a\r\nb"}),
        ("sdk_id", {"sdk_id": ""}),
        ("base_url", {"base_url": ""}),
        ("base_url", {"base_url": "ftp://x"}),
        ("base_url", {"base_url": "http://x/?a=1"}),
        ("timeout", {"timeout": 0}),
        ("timeout", {"timeout": -1.0}),
        ("timeout", {"timeout": math.nan}),
        ("timeout", {"timeout": math.inf}),
        ("proxy", {"proxy": "not a url"}),
        ("extra_ca_pem", {"extra_ca_pem": "garbage"}),
        ("extra_ca_pem", {"extra_ca_pem": b"-----BEGIN NOTHING-----\n"}),
    ],
)
def test_bad_tencent_settings(field: str, kwargs: Any) -> None:
    args = {"app_id": APP_ID, "secret_id": SECRET_ID, "secret_key": SECRET_KEY, **kwargs}
    invalid(field, lambda: meetctl.TencentClient(**args))


def test_bad_oauth_settings() -> None:
    invalid("open_id", lambda: meetctl.TencentClient.oauth("", "token"))
    invalid("access_token", lambda: meetctl.TencentClient.oauth("open", ""))
    invalid("access_token", lambda: meetctl.TencentClient.oauth("open", "a\nb"))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"app_id": 210000001},
        {"secret_key": None},
        {"secret_key": b"bytes"},
        {"sdk_id": 20002},
        {"base_url": 1},
        {"timeout": "10"},
        {"proxy": 1},
        {"extra_ca_pem": 1},
    ],
)
def test_tencent_settings_of_the_wrong_type(kwargs: Any) -> None:
    args = {"app_id": APP_ID, "secret_id": SECRET_ID, "secret_key": SECRET_KEY, **kwargs}
    with pytest.raises(TypeError):
        meetctl.TencentClient(**args)


def test_required_credentials() -> None:
    with pytest.raises(TypeError):
        meetctl.TencentClient(app_id=APP_ID, secret_id=SECRET_ID)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        meetctl.TencentClient.oauth(open_id="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, None, None, 10.0, None)  # type: ignore[misc]


# ---------------------------------------------------------------------------- Huawei


def test_huawei_bad_input(emu: Emulator, nothing_sent: None, huawei) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    invalid("chairman_password", lambda: conf.apply_host(PARTICIPANT, ""))
    invalid("chairman_password", lambda: conf.apply_host(PARTICIPANT, "a\nb"))
    invalid("chairman_password", lambda: conf.prepare(meetctl.HuaweiConferenceControl("apply_host", [PARTICIPANT], chairman_password="")))
    invalid("participant_id", lambda: conf.apply_host("", HOST_PWD))
    invalid("participant_id", lambda: conf.relinquish_host(""))
    invalid("participant_id", lambda: conf.relinquish_host("a\nb"))
    invalid("participant_id", lambda: conf.prepare(meetctl.HuaweiConferenceControl("relinquish_host", [""])))
    invalid("conference_id", lambda: huawei.conference("", password=HOST_PWD))
    invalid("conference_id", lambda: huawei.conference("a\r\nb", password=HOST_PWD))
    invalid("password", lambda: huawei.conference(CONF, password=""))
    invalid("control_token", lambda: huawei.conference(CONF, control_token=""))
    invalid("control_token", lambda: huawei.conference(CONF))
    invalid("control_token", lambda: huawei.conference(CONF, control_token="stb", password=HOST_PWD))
    for call in (conf.request, conf.prepare_request):
        invalid("path", lambda: call("PUT", "/v1/../x"))
        invalid("path", lambda: call("PUT", "/v1/mmc/control/conferences/participants/../role"))
        invalid("query", lambda: call("PUT", MUTE_PATH, query={"conferenceID": "1"}))
        invalid("query", lambda: call("PUT", MUTE_PATH, query=[("conferenceid", "1")]))
        invalid("method", lambda: call("FETCH", MUTE_PATH))
        invalid("body", lambda: call("PUT", MUTE_PATH, body={"isMute": math.nan}))
        with pytest.raises(TypeError):
            call("PUT", MUTE_PATH, body={"isMute": object()})


def test_apply_host_without_a_chairman_password(emu: Emulator, nothing_sent: None, huawei) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    with pytest.raises(TypeError):
        conf.apply_host(PARTICIPANT)  # type: ignore[call-arg]
    # The password is a named argument of the operation: the table checks it, naming it.
    invalid("chairman_password", lambda: conf.apply_host(PARTICIPANT, None))  # type: ignore[arg-type]
    invalid("chairman_password", lambda: conf.apply_host(PARTICIPANT, 157599))  # type: ignore[arg-type]
    invalid("chairman_password", lambda: conf.apply_host(PARTICIPANT, chairman_password=""))


def test_huawei_wrong_types(emu: Emulator, nothing_sent: None, huawei) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    for wrong in (
        lambda: huawei.conference(914083136, password=HOST_PWD),
        lambda: huawei.conference(CONF, password=157599),
        lambda: huawei.conference(CONF, HOST_PWD),
        lambda: conf.apply_host(None, HOST_PWD),
        lambda: conf.relinquish_host(1),
        lambda: conf.request("PUT", MUTE_PATH, query={"participantID": 1.5}),
        lambda: meetctl.HuaweiClient(region=4),
        lambda: meetctl.HuaweiClient(timeout="slow"),
        lambda: meetctl.HuaweiClient.app_id(app_id=1, app_key="k"),
        lambda: meetctl.HuaweiClient.account(account="a", password=None),
    ):
        with pytest.raises(TypeError):
            wrong()


@pytest.mark.parametrize(
    "field, make",
    [
        ("region", lambda: meetctl.HuaweiClient(region="eu-west-0")),
        ("region", lambda: meetctl.HuaweiClient(region="")),
        ("base_url", lambda: meetctl.HuaweiClient(base_url="api.meeting.huaweicloud.com")),
        ("timeout", lambda: meetctl.HuaweiClient(timeout=0.0)),
        ("app_id", lambda: meetctl.HuaweiClient.app_id("", "key")),
        ("app_key", lambda: meetctl.HuaweiClient.app_id("app", "")),
        ("user_id", lambda: meetctl.HuaweiClient.app_id("app", "key", user_id="a:b")),
        ("user_id", lambda: meetctl.HuaweiClient.app_id("app", "key", user_id="")),
        ("corp_id", lambda: meetctl.HuaweiClient.app_id("app", "key", corp_id="")),
        ("account", lambda: meetctl.HuaweiClient.account("", "pw")),
        ("account", lambda: meetctl.HuaweiClient.account("a:b", "pw")),
        ("password", lambda: meetctl.HuaweiClient.account("a", "")),
    ],
)
def test_bad_huawei_settings(field: str, make: Callable[[], Any]) -> None:
    invalid(field, make)


def test_classes_without_a_public_constructor() -> None:
    with pytest.raises(TypeError):
        meetctl.HuaweiConference()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        meetctl.PreparedRequest()  # type: ignore[call-arg]
