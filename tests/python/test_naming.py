"""docs/naming.md: one name per concept. The new names work; every deprecated old name the table
lists ("Deprecated") still works for one release, raises a ``DeprecationWarning`` pointing at the
caller's line, and gives what the new name gives. Both names at once is a ``TypeError``. Errors name
the argument as the caller wrote it, never the vendor's wire key."""

import inspect
import warnings
from typing import Any, Callable, Iterator

import pytest

import meetctl
import meetctl.testing
from conftest import (
    ALICE_BY_USERID,
    APP_ID,
    CAROL,
    CONF,
    DEMO_SCENARIO,
    EVAN,
    HOST_PWD,
    HW_ACCOUNT,
    HW_APP_ID,
    HW_APP_KEY,
    HW_PASSWORD,
    MEETING,
    OAUTH_OPEN_ID,
    OAUTH_TOKEN,
    PARTICIPANT,
    SDK_APP_ID,
    SDK_ID,
    SDK_MEETING,
    SDK_SECRET_ID,
    SDK_SECRET_KEY,
    SECRET_ID,
    SECRET_KEY,
    Emulator,
    emulator_binary,
)

TencentUser = meetctl.TencentUser
Instance = meetctl.Instance

HOST = TencentUser(ms_open_id="afagsagwags", instance=Instance.IOS)
BOB = TencentUser(ms_open_id="agaqwwgdkkddd", instance=Instance.MAC)
DAVE = TencentUser(ms_open_id="msopenid-dave", instance=Instance.ANDROID)


def deprecated(call: Callable[[], Any], old: str) -> Any:
    """`call()`'s result, checking it warned exactly once that `old` is deprecated, at this file's
    line (the caller's, not meetctl's)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    assert [w.category for w in caught] == [DeprecationWarning], [str(w.message) for w in caught]
    message = str(caught[0].message)
    assert old in message and "deprecated" in message and "next release" in message, message
    assert caught[0].filename == __file__, (caught[0].filename, message)
    return result


def quiet(call: Callable[[], Any]) -> Any:
    """`call()`'s result, checking it warned about nothing (the new names)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return call()


# ---------------------------------------------------------------------------- flat namespace


def test_huawei_classes_are_named_for_the_vendor() -> None:
    for name in ("HuaweiConference", "HuaweiConferenceControl"):
        assert name in meetctl.__all__
        cls = quiet(lambda: getattr(meetctl, name))
        assert cls.__name__ == name and cls.__module__ == "meetctl._meetctl"
    for old in ("Conference", "ConferenceControl"):
        assert old not in meetctl.__all__ and old not in dir(meetctl)


def test_old_class_names_warn_and_are_the_new_classes() -> None:
    assert deprecated(lambda: meetctl.Conference, "meetctl.Conference") is meetctl.HuaweiConference
    old = deprecated(lambda: meetctl.ConferenceControl, "meetctl.ConferenceControl")
    assert old is meetctl.HuaweiConferenceControl
    # Every use warns (the old name is never cached in the module) ...
    deprecated(lambda: meetctl.Conference, "meetctl.Conference")
    # ... `from meetctl import …` too (the import system may look twice), and it still builds the
    # same value.
    namespace: dict = {}
    with pytest.warns(DeprecationWarning, match="meetctl.ConferenceControl is deprecated") as caught:
        exec("from meetctl import ConferenceControl", namespace)
    assert {w.category for w in caught} == {DeprecationWarning}
    assert namespace["ConferenceControl"]("extend", minutes=5) == meetctl.HuaweiConferenceControl("extend", minutes=5)
    with pytest.raises(AttributeError, match="no attribute 'Conferences'"):
        meetctl.Conferences  # type: ignore[attr-defined]


def test_old_conference_control_still_calls(emu: Emulator, huawei: meetctl.HuaweiClient) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    assert isinstance(conf, meetctl.HuaweiConference)
    control = deprecated(lambda: meetctl.ConferenceControl, "ConferenceControl")("mute", [PARTICIPANT])
    conf.call(control)
    assert emu.huawei_participant(CONF, PARTICIPANT)["muted"] is True


# ---------------------------------------------------------------------------- targets


def test_tencent_control_targets() -> None:
    new = quiet(lambda: meetctl.TencentControl("kick_out", MEETING, HOST, targets=[BOB], allow_rejoin=False))
    assert quiet(lambda: new.targets) == (BOB,)
    assert new == meetctl.TencentControl("kick_out", MEETING, HOST, [BOB], allow_rejoin=False)
    assert "targets=(TencentUser(ms_open_id='agaqwwgdkkddd'" in repr(new)
    assert list(inspect.signature(meetctl.TencentControl).parameters)[:4] == [
        "operation",
        "meeting_id",
        "operator",
        "targets",
    ]


def test_tencent_control_users_is_the_old_name_of_targets() -> None:
    new = meetctl.TencentControl("kick_out", MEETING, HOST, targets=[BOB], allow_rejoin=False)
    old = deprecated(
        lambda: meetctl.TencentControl("kick_out", MEETING, HOST, users=[BOB], allow_rejoin=False),  # type: ignore[arg-type]
        "users=",
    )
    assert old == new and old.args == {"allow_rejoin": False}, "users= is not taken for an argument"
    assert deprecated(lambda: new.users, "TencentControl.users") == (BOB,)
    with pytest.raises(TypeError, match="not both"):
        meetctl.TencentControl("kick_out", MEETING, HOST, [BOB], users=[BOB])  # type: ignore[arg-type]


def test_named_methods_take_targets_and_the_old_users(emu: Emulator, tencent: meetctl.TencentClient) -> None:
    assert "targets" in inspect.signature(meetctl.TencentClient.kick_out).parameters
    assert "users" not in inspect.signature(meetctl.TencentClient.kick_out).parameters
    quiet(lambda: tencent.move_to_waiting_room(MEETING, HOST, targets=[BOB]))
    assert emu.participant(MEETING, "agaqwwgdkkddd")["in_waiting_room"] is True
    deprecated(
        lambda: tencent.admit_from_waiting_room(MEETING, HOST, users=[BOB]),  # type: ignore[call-arg]
        "TencentClient.admit_from_waiting_room(users=",
    )
    assert emu.participant(MEETING, "agaqwwgdkkddd")["in_waiting_room"] is False
    deprecated(lambda: tencent.kick_out(MEETING, HOST, users=[DAVE], allow_rejoin=False), "kick_out(users=")  # type: ignore[call-arg]
    assert emu.participant(MEETING, "msopenid-dave")["removed"] is True
    with pytest.raises(TypeError, match="not both"):
        tencent.kick_out(MEETING, HOST, targets=[BOB], users=[BOB])  # type: ignore[call-arg]
    assert meetctl.TencentClient.kick_out.__name__ == "kick_out"
    assert meetctl.TencentClient.kick_out.__qualname__ == "TencentClient.kick_out"


# ---------------------------------------------------------------------------- open_id


def test_tencent_user_open_id() -> None:
    user = quiet(lambda: TencentUser(open_id="o-1", instance=Instance.PC))
    assert quiet(lambda: user.open_id) == "o-1"
    assert repr(user) == "TencentUser(open_id='o-1', instance=Instance.PC)"
    assert "openid" not in inspect.signature(TencentUser).parameters


def test_tencent_user_openid_is_the_old_name_of_open_id() -> None:
    new = TencentUser(open_id="o-1", instance=Instance.PC)
    old = deprecated(lambda: TencentUser(openid="o-1", instance=Instance.PC), "openid=")  # type: ignore[call-arg]
    assert old == new
    assert deprecated(lambda: new.openid, "TencentUser.openid") == "o-1"
    assert deprecated(lambda: BOB.openid, "TencentUser.openid") is None
    with pytest.raises(TypeError, match="not both"):
        TencentUser(open_id="o-1", openid="o-1", instance=Instance.PC)  # type: ignore[call-arg]
    # Its errors name the new name.
    with pytest.raises(meetctl.InvalidArgument) as info:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            TencentUser(openid="", instance=Instance.PC)  # type: ignore[call-arg]
    assert info.value.field == "open_id"


def test_the_open_id_client(emu: Emulator, oauth: meetctl.TencentClient) -> None:
    me = TencentUser(open_id=OAUTH_OPEN_ID, instance=Instance.PC)
    assert oauth.ms_open_id("1242152152162", me) == "msopenid-olivia"


# ---------------------------------------------------------------------------- participant state


def test_tencent_participant_state(emu: Emulator, tencent: meetctl.TencentClient) -> None:
    people = {p.userid: p for p in tencent.participants(MEETING, ALICE_BY_USERID)}
    bob, dave = people["bob"], people["dave"]
    assert quiet(lambda: (bob.audio_muted, bob.video_on, bob.sharing_screen)) == (False, True, False)
    assert dave.audio_muted is True, "dave is muted"
    assert "audio_muted=False, video_on=True, sharing_screen=False" in repr(bob)
    # The old names: audio_on is the opposite of audio_muted.
    assert deprecated(lambda: bob.audio_on, "TencentParticipant.audio_on") is True
    assert deprecated(lambda: dave.audio_on, "TencentParticipant.audio_on") is False
    assert deprecated(lambda: bob.screen_sharing, "TencentParticipant.screen_sharing") is False
    # Sam shares the screen, in the second app's meeting.
    second = meetctl.TencentClient(SDK_APP_ID, SDK_SECRET_ID, SDK_SECRET_KEY, sdk_id=SDK_ID, base_url=emu.url)
    quinn = TencentUser(userid="quinn", instance=Instance.PC)
    sam = next(p for p in second.participants(SDK_MEETING, quinn) if p.userid == "sam")
    assert sam.sharing_screen is True
    assert deprecated(lambda: sam.screen_sharing, "TencentParticipant.screen_sharing") is True


def test_huawei_participant_state(emu: Emulator, huawei: meetctl.HuaweiClient) -> None:
    by_id = {p.participant_id: p for p in huawei.conference(CONF, password=HOST_PWD).info().participants}
    carol, evan = by_id[CAROL], by_id[EVAN]
    assert quiet(lambda: (carol.audio_muted, evan.video_on, evan.hand_raised)) == (True, False, True)
    assert "audio_muted=True" in repr(carol) and "video_on=False" in repr(evan)
    assert deprecated(lambda: carol.muted, "HuaweiParticipant.muted") is True
    assert deprecated(lambda: by_id[PARTICIPANT].muted, "HuaweiParticipant.muted") is False
    assert deprecated(lambda: evan.video, "HuaweiParticipant.video") is False
    assert deprecated(lambda: by_id[PARTICIPANT].video, "HuaweiParticipant.video") == by_id[PARTICIPANT].video_on


def test_the_neutral_participant_has_the_same_names(emu: Emulator, tencent: meetctl.TencentClient) -> None:
    meeting = meetctl.Meeting.tencent(tencent, MEETING, ALICE_BY_USERID)
    neutral = meeting.participants()
    vendor = tencent.participants(MEETING, ALICE_BY_USERID)
    assert [p.name for p in neutral] == [p.user_name for p in vendor]
    for n, v in zip(neutral, vendor):
        assert (n.audio_muted, n.video_on, n.sharing_screen) == (v.audio_muted, v.video_on, v.sharing_screen)
    assert any(p.audio_muted for p in neutral) and not all(p.audio_muted for p in neutral)


# ---------------------------------------------------------------------------- App ID, extra_ca_pem


def test_huawei_app_id(emu: Emulator) -> None:
    hw = quiet(lambda: meetctl.HuaweiClient.app_id(HW_APP_ID, HW_APP_KEY, user_id="bob", base_url=emu.url))
    assert hw.access_token() and "auth='app_id'" in repr(hw)


def test_huawei_app_auth_is_the_old_name_of_app_id(emu: Emulator) -> None:
    hw = deprecated(
        lambda: meetctl.HuaweiClient.app_auth(HW_APP_ID, HW_APP_KEY, user_id="bob", base_url=emu.url),  # type: ignore[deprecated]
        "HuaweiClient.app_auth()",
    )
    assert hw.access_token() and "auth='app_id'" in repr(hw)
    assert inspect.signature(meetctl.HuaweiClient.app_auth) == inspect.signature(meetctl.HuaweiClient.app_id)


CONSTRUCTORS = {
    "TencentClient": lambda **kw: meetctl.TencentClient(APP_ID, SECRET_ID, SECRET_KEY, **kw),
    "TencentClient.oauth": lambda **kw: meetctl.TencentClient.oauth(OAUTH_OPEN_ID, OAUTH_TOKEN, **kw),
    "HuaweiClient": lambda **kw: meetctl.HuaweiClient(**kw),
    "HuaweiClient.app_id": lambda **kw: meetctl.HuaweiClient.app_id(HW_APP_ID, HW_APP_KEY, **kw),
    "HuaweiClient.account": lambda **kw: meetctl.HuaweiClient.account(HW_ACCOUNT, HW_PASSWORD, **kw),
}
SIGNATURES = {
    "TencentClient": meetctl.TencentClient,
    "TencentClient.oauth": meetctl.TencentClient.oauth,
    "HuaweiClient": meetctl.HuaweiClient,
    "HuaweiClient.app_id": meetctl.HuaweiClient.app_id,
    "HuaweiClient.account": meetctl.HuaweiClient.account,
}


@pytest.mark.parametrize("name", list(CONSTRUCTORS))
def test_extra_ca_pem_and_its_old_name_ca_pem(name: str) -> None:
    make = CONSTRUCTORS[name]
    assert "extra_ca_pem" in inspect.signature(SIGNATURES[name]).parameters
    # The PEM is read under either name: garbage is refused naming `extra_ca_pem`.
    with pytest.raises(meetctl.InvalidArgument) as new:
        quiet(lambda: make(extra_ca_pem="garbage"))
    assert new.value.field == "extra_ca_pem"

    def old() -> None:
        with pytest.raises(meetctl.InvalidArgument) as info:
            make(ca_pem="garbage")
        assert info.value.field == "extra_ca_pem"

    deprecated(old, "ca_pem=")
    with pytest.raises(TypeError, match="not both"):
        make(extra_ca_pem="garbage", ca_pem="garbage")


@pytest.fixture
def tls_emulator() -> Iterator[meetctl.testing.Emulator]:
    with meetctl.testing.Emulator(DEMO_SCENARIO, binary=emulator_binary(), tls=True) as emulator:
        yield emulator


def test_old_ca_pem_still_trusts_the_certificate(tls_emulator: meetctl.testing.Emulator) -> None:
    url, pem = tls_emulator.base_url, tls_emulator.ca_pem
    new = quiet(lambda: meetctl.HuaweiClient(base_url=url, proxy=False, extra_ca_pem=pem))
    new.conference(CONF, password=HOST_PWD).mute(PARTICIPANT)
    old = deprecated(lambda: meetctl.HuaweiClient(base_url=url, proxy=False, ca_pem=pem), "ca_pem=")  # type: ignore[call-arg]
    old.conference(CONF, password=HOST_PWD).unmute(PARTICIPANT)


# ---------------------------------------------------------------------------- one default timeout


@pytest.mark.parametrize("name", list(SIGNATURES))
def test_the_default_timeout_is_the_cores_60_s(name: str) -> None:
    timeout = inspect.signature(SIGNATURES[name]).parameters["timeout"]
    assert timeout.default == 60.0
    assert "60" in (meetctl.TencentClient.__doc__ or "")


# ---------------------------------------------------------------------------- error fields


def test_errors_name_the_argument_not_the_wire_key(emu: Emulator, tencent: meetctl.TencentClient) -> None:
    voip = TencentUser(ms_open_id="v", instance=Instance.VOIP_SIP)
    linux = TencentUser(ms_open_id="l", instance=Instance.LINUX)
    cases = [
        ("instance", lambda: TencentUser(userid="a", instance=99)),
        ("user.instance", lambda: tencent.set_cohost(MEETING, HOST, voip)),
        ("operator.instance", lambda: tencent.close_video(MEETING, linux, BOB)),
        ("targets[1].instance", lambda: tencent.kick_out(MEETING, HOST, [BOB, linux])),
        ("targets", lambda: tencent.call(meetctl.TencentControl("kick_out", MEETING, HOST))),
        ("targets", lambda: tencent.call(meetctl.TencentControl("end_meeting", MEETING, HOST, [BOB]))),
        ("open_id", lambda: TencentUser(open_id="", instance=1)),
    ]
    for field, call in cases:
        with pytest.raises(meetctl.InvalidArgument) as info:
            call()
        assert info.value.field == field, info.value
        assert "instanceid" not in str(info.value) and "users" not in str(info.value), info.value
    with pytest.raises(TypeError, match="^targets must be an iterable of TencentUser"):
        meetctl.TencentControl("kick_out", MEETING, HOST, BOB)  # type: ignore[arg-type]
