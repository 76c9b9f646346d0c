"""TencentControl and HuaweiConferenceControl as values, and the checks every operation's arguments get
before anything is sent: unknown, mistyped, out-of-range or missing arguments, missing targets,
named by InvalidArgument.field whether given to a named method or to a control."""

import ast
import json
from pathlib import Path
from typing import Any, Callable, Iterator, List, Tuple

import pytest

import meetctl
from conftest import CAROL, CONF, HOST_PWD, MEETING, OAUTH_MEETING, PARTICIPANT, Emulator

TencentUser = meetctl.TencentUser
Instance = meetctl.Instance
TC = meetctl.TencentControl
CC = meetctl.HuaweiConferenceControl

HOST = TencentUser(ms_open_id="afagsagwags", instance=Instance.IOS)
BOB = TencentUser(ms_open_id="agaqwwgdkkddd", instance=Instance.MAC)
ALICE = TencentUser(userid="alice", instance=Instance.IOS)


@pytest.fixture
def nothing_sent(emu: Emulator) -> Iterator[None]:
    yield
    assert emu.request_count() == 0, "no request may reach the server"


def body(prepared: meetctl.PreparedRequest) -> Any:
    return json.loads(prepared.body)


# ---------------------------------------------------------------------------- values


def test_tencent_control_value() -> None:
    c = TC("kick_out", MEETING, HOST, [BOB], allow_rejoin=False, reason="spam")
    assert (c.operation, c.meeting_id, c.operator, c.targets) == ("kick_out", MEETING, HOST, (BOB,))
    assert c.args == {"allow_rejoin": False, "reason": "spam"}
    assert c == TC("kick_out", MEETING, operator=HOST, targets=(BOB,), allow_rejoin=False, reason="spam")
    assert c != TC("kick_out", MEETING, HOST, [BOB], allow_rejoin=True, reason="spam")
    assert TC("end_meeting", MEETING, HOST).targets == ()
    assert TC("kick_out", MEETING, HOST, [BOB], reason=None).args == {}, "None is 'not given'"
    with pytest.raises(TypeError):
        hash(c)
    with pytest.raises(AttributeError):
        c.meeting_id = "1"  # type: ignore[misc]
    args = c.args
    args["reason"] = "changed"
    assert c.args["reason"] == "spam", "args is a new dict every time"


def test_conference_control_value() -> None:
    c = CC("rename", [PARTICIPANT], number="+86", new_name="Bob")
    assert (c.operation, c.participant_ids, c.args) == ("rename", (PARTICIPANT,), {"number": "+86", "new_name": "Bob"})
    assert CC("lock").participant_ids == ()
    assert CC("hang_up", iter(["a", "b"])).participant_ids == ("a", "b")
    assert c == CC("rename", (PARTICIPANT,), new_name="Bob", number="+86")
    assert c != CC("rename", [PARTICIPANT], number="+86", new_name="Rob")


def test_reprs_show_values_but_never_a_password() -> None:
    assert repr(TC("kick_out", MEETING, HOST, [BOB], allow_rejoin=False, reason="spam")) == (
        f"TencentControl('kick_out', '{MEETING}', operator=TencentUser(ms_open_id='afagsagwags', "
        "instance=Instance.IOS), targets=(TencentUser(ms_open_id='agaqwwgdkkddd', instance=Instance.MAC),), "
        "allow_rejoin=False, reason='spam')"
    )
    assert repr(TC("end_meeting", MEETING, ALICE)) == (
        f"TencentControl('end_meeting', '{MEETING}', operator=TencentUser(userid='alice', instance=Instance.IOS))"
    )
    assert repr(CC("extend", minutes=30)) == "HuaweiConferenceControl('extend', minutes=30)"
    secret = "s3cret-chair-pwd"
    for control in (
        CC("apply_host", [PARTICIPANT], chairman_password=secret),
        CC("apply_host", [PARTICIPANT], chairmanPwd=secret),  # misspelled: still hidden
        CC("mute", [PARTICIPANT], password=secret),
        TC("kick_out", MEETING, HOST, [BOB], chairman_password=secret),
    ):
        assert secret not in repr(control)
        assert "<redacted>" in repr(control)
        assert secret in control.args.values(), "the attribute holds the real value"
    assert repr(CC("apply_host", [PARTICIPANT], chairman_password=secret)) == (
        f"HuaweiConferenceControl('apply_host', participant_ids=('{PARTICIPANT}',), chairman_password=<redacted>)"
    )


def stub_literal(name: str) -> List[str]:
    """The names of a Literal alias in the installed stub."""
    stub = Path(meetctl._meetctl.__file__).with_name("_meetctl.pyi")
    for node in ast.parse(stub.read_text()).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            assert isinstance(node.value, ast.Subscript)
            return [e.value for e in node.value.slice.elts]  # type: ignore[attr-defined]
    raise KeyError(name)


def test_operation_names_match_the_core_and_the_stub() -> None:
    assert TC.OPERATIONS and CC.OPERATIONS
    assert list(TC.OPERATIONS) == stub_literal("_TencentOperation")
    assert list(CC.OPERATIONS) == stub_literal("_HuaweiOperation")
    for name in TC.OPERATIONS:
        assert TC(name, MEETING, HOST).operation == name
    for name in CC.OPERATIONS:
        assert CC(name).operation == name


@pytest.mark.parametrize("make", [
    lambda: TC("kickout", MEETING, HOST),
    lambda: TC("KICK_OUT", MEETING, HOST),
    lambda: TC("", MEETING, HOST),
    lambda: CC("hangup"),
    lambda: CC("apply-host"),
])
def test_unknown_operation(make: Callable[[], Any]) -> None:
    with pytest.raises(meetctl.InvalidArgument) as info:
        make()
    assert info.value.field == "operation"


@pytest.mark.parametrize("make", [
    lambda: TC(1, MEETING, HOST),  # type: ignore[arg-type]
    lambda: TC("mute", 1242152152161, HOST),  # type: ignore[arg-type]
    lambda: TC("mute", MEETING, "afagsagwags"),  # type: ignore[arg-type]
    lambda: TC("mute", MEETING, HOST, BOB),  # type: ignore[arg-type]  # one user, not an iterable
    lambda: TC("mute", MEETING, HOST, ["agaqwwgdkkddd"]),  # type: ignore[list-item]
    lambda: TC("mute", MEETING, HOST, 5),  # type: ignore[arg-type]
    lambda: CC("hang_up", PARTICIPANT),  # a single str is not a list of ids
    lambda: CC("hang_up", [1, 2]),  # type: ignore[list-item]
    lambda: CC("hang_up", 5),  # type: ignore[arg-type]
    lambda: CC(None),  # type: ignore[arg-type]
])
def test_controls_with_wrong_types(make: Callable[[], Any]) -> None:
    with pytest.raises(TypeError):
        make()


# ---------------------------------------------------------------------------- the wire


def test_python_bools_are_json_booleans_and_huawei_flags_integers(emu: Emulator, tencent, huawei) -> None:
    kick = tencent.prepare(TC("kick_out", MEETING, HOST, [BOB], allow_rejoin=False))
    assert body(kick)["allow_rejoin"] is False
    assert b'"allow_rejoin":false' in kick.body
    status = tencent.prepare(TC("set_meeting_status", MEETING, HOST, mute_all=True, allow_chat=0))
    assert b'"mute_all":true,"allow_chat":0' in status.body, "bool before int: True is not 1, 0 is not False"
    end = tencent.prepare(TC("end_meeting", MEETING, HOST, force=False, retrieve_code=True))
    assert body(end) == {
        "operator_id": "afagsagwags",
        "operator_id_type": 4,
        "instanceid": 4,
        "reason_code": 1,
        "force_dismiss_meeting": 0,
        "retrieve_code": 1,
    }
    conf = huawei.conference(CONF, password=HOST_PWD)
    assert conf.prepare(CC("mute_all", allow_unmute_by_self=False)).body == b'{"isMute":1,"allowUnmuteByOneself":0}'
    assert conf.prepare(CC("update_settings", is_lock=True)).body == b'{"isLock":1}'
    assert conf.prepare(CC("admit_from_waiting_room", admit_all=True)).body == b'{"allowAll":true}'
    # An IntEnum is an int.
    assert "page=2" in tencent.prepare(TC("participants", MEETING, ALICE, page=Instance.MAC)).url


def test_admit_all_is_sent_only_when_given_as_by_the_control_value(capture) -> None:
    conf = meetctl.HuaweiClient(base_url=capture.url).conference(CONF, control_token="stb")
    conf.admit_from_waiting_room("p-fay")
    conf.admit_from_waiting_room("p-fay", admit_all=False)
    conf.call(CC("admit_from_waiting_room", ["p-fay"], admit_all=False))
    assert [r.body for r in capture.requests] == [
        b'{"participantID":"p-fay"}',
        b'{"participantID":"p-fay","allowAll":false}',
        b'{"participantID":"p-fay","allowAll":false}',
    ]


def test_prepare_of_a_tencent_control_carries_a_fresh_nonce(emu: Emulator, tencent) -> None:
    control = TC("mute", MEETING, HOST, [BOB])
    first, second = tencent.prepare(control), tencent.prepare(control)
    assert first.body == second.body and first.url == second.url
    assert first.headers["X-TC-Nonce"] != second.headers["X-TC-Nonce"]
    assert emu.request_count() == 0


def test_a_prepared_request_says_whether_it_is_safe_to_repeat(tencent, huawei) -> None:
    assert tencent.prepare(TC("mute", MEETING, HOST, [BOB])).safe_to_repeat is True
    assert tencent.prepare(TC("kick_out", MEETING, HOST, [BOB])).safe_to_repeat is False
    assert tencent.prepare(TC("end_meeting", MEETING, HOST)).safe_to_repeat is False
    conf = huawei.conference(CONF, password=HOST_PWD)
    assert conf.prepare(meetctl.HuaweiConferenceControl("lock")).safe_to_repeat is True
    assert conf.prepare(meetctl.HuaweiConferenceControl("extend", minutes=5)).safe_to_repeat is False


# ---------------------------------------------------------------------------- validation


def tencent_cases() -> List[Tuple[str, str, Callable[[meetctl.TencentClient], Any]]]:
    """(id, field, call) for every kind of bad argument, through named methods and controls."""
    return [
        # Unknown or misspelled arguments.
        ("misspelled", "alow_rejoin", lambda t: t.call(TC("kick_out", MEETING, HOST, [BOB], alow_rejoin=False))),
        ("not-an-argument-here", "reason", lambda t: t.call(TC("mute", MEETING, HOST, [BOB], reason="x"))),
        ("prepare-misspelled", "mute_al", lambda t: t.prepare(TC("set_meeting_status", MEETING, HOST, mute_al=True))),
        # Wrong types: a bool is not an int and an int is not a bool.
        ("str-for-bool", "allow_rejoin", lambda t: t.kick_out(MEETING, HOST, [BOB], allow_rejoin="no")),
        ("int-for-bool", "enable", lambda t: t.set_doc_upload(MEETING, HOST, 1)),
        ("bool-for-int", "allow_chat", lambda t: t.set_meeting_status(MEETING, HOST, allow_chat=True)),
        ("bool-for-int-code", "reason_code", lambda t: t.end_meeting(MEETING, HOST, reason_code=False)),
        ("int-for-str", "nick_name", lambda t: t.rename(MEETING, HOST, BOB, 42)),
        ("float-for-int", "page", lambda t: t.call(TC("participants", MEETING, ALICE, page=1.0))),
        ("list-value", "force", lambda t: t.call(TC("end_meeting", MEETING, HOST, force=[True]))),
        ("huge-int", "reason_code", lambda t: t.end_meeting(MEETING, HOST, reason_code=2**70)),
        # Out of range.
        ("nick_name-21", "nick_name", lambda t: t.rename(MEETING, HOST, BOB, "x" * 21)),
        ("nick_name-empty", "nick_name", lambda t: t.rename(MEETING, HOST, BOB, "")),
        ("reason-201", "reason", lambda t: t.kick_out(MEETING, HOST, [BOB], reason="r" * 201)),
        ("page_size-51", "page_size", lambda t: t.call(TC("participants", MEETING, ALICE, page_size=51))),
        ("page_size-0", "page_size", lambda t: t.prepare(TC("participants", MEETING, ALICE, page_size=0))),
        ("page-0", "page", lambda t: t.call(TC("participants", MEETING, ALICE, page=0))),
        ("allow_chat-5", "allow_chat", lambda t: t.set_meeting_status(MEETING, HOST, allow_chat=5)),  # type: ignore[arg-type]
        ("join_mute-3", "participant_join_mute", lambda t: t.set_meeting_status(MEETING, HOST, participant_join_mute=3)),  # type: ignore[arg-type]
        ("reason_code-negative", "reason_code", lambda t: t.end_meeting(MEETING, HOST, reason_code=-1)),
        # Missing.
        ("no-settings", "args", lambda t: t.set_meeting_status(MEETING, HOST)),
        ("no-settings-control", "args", lambda t: t.call(TC("set_meeting_status", MEETING, HOST))),
        ("no-nick_name", "nick_name", lambda t: t.call(TC("rename", MEETING, HOST, [BOB]))),
        ("no-enable", "enable", lambda t: t.call(TC("set_transcription", MEETING, ALICE))),
        # Targets.
        ("kick-nobody", "targets", lambda t: t.kick_out(MEETING, HOST, [])),
        ("admit-nobody", "targets", lambda t: t.admit_from_waiting_room(MEETING, HOST, [])),
        ("move-nobody", "targets", lambda t: t.move_to_waiting_room(MEETING, HOST, ())),
        ("remove-nobody", "targets", lambda t: t.remove_from_waiting_room(MEETING, HOST, iter([]))),
        ("mute-nobody", "user", lambda t: t.call(TC("mute", MEETING, HOST))),
        ("mute-two", "user", lambda t: t.call(TC("mute", MEETING, HOST, [BOB, BOB]))),
        ("end-with-target", "targets", lambda t: t.call(TC("end_meeting", MEETING, HOST, [BOB]))),
        ("mute-by-uuid", "user.id", lambda t: t.mute(MEETING, HOST, TencentUser(uuid="uuid-bob", instance=2))),
        ("kick-by-userid", "targets[0].id", lambda t: t.kick_out(MEETING, HOST, [TencentUser(userid="bob", instance=2)])),
        ("asr-by-ms_open_id", "operator.id", lambda t: t.set_transcription(MEETING, HOST, True)),
        ("list-by-ms_open_id", "operator.id", lambda t: t.participants(MEETING, HOST)),
        ("lookup-by-ms_open_id", "user.id", lambda t: t.ms_open_id(MEETING, BOB)),
        ("meeting_id", "meeting_id", lambda t: t.mute("12/../3", HOST, BOB)),
    ]


@pytest.mark.parametrize("field, call", [c[1:] for c in tencent_cases()], ids=[c[0] for c in tencent_cases()])
def test_bad_tencent_arguments(emu: Emulator, nothing_sent: None, tencent, field: str, call: Any) -> None:
    with pytest.raises(meetctl.InvalidArgument) as info:
        call(tencent)
    assert info.value.field == field, info.value
    assert isinstance(info.value, ValueError)


def huawei_cases() -> List[Tuple[str, str, Callable[[meetctl.HuaweiConference], Any]]]:
    return [
        ("misspelled", "minuts", lambda c: c.call(CC("extend", minuts=30))),
        ("not-an-argument-here", "allow_unmute_by_self", lambda c: c.call(CC("lock", allow_unmute_by_self=True))),
        ("str-for-int", "minutes", lambda c: c.extend("30")),  # type: ignore[arg-type]
        ("bool-for-int", "minutes", lambda c: c.extend(True)),
        ("int-for-bool", "allow_unmute_by_self", lambda c: c.mute_all(allow_unmute_by_self=1)),
        ("int-for-bool-setting", "is_lock", lambda c: c.update_settings(is_lock=1)),
        ("str-for-name", "new_name", lambda c: c.rename(PARTICIPANT, "+86", 7)),  # type: ignore[arg-type]
        ("minutes-0", "minutes", lambda c: c.extend(0)),
        ("minutes-1441", "minutes", lambda c: c.extend(1441)),
        ("prepare-minutes-0", "minutes", lambda c: c.prepare(CC("extend", minutes=0))),
        ("chat_permission-5", "chat_permission", lambda c: c.update_settings(chat_permission=5)),  # type: ignore[arg-type]
        ("call_in_restriction-1", "call_in_restriction", lambda c: c.update_settings(call_in_restriction=1)),  # type: ignore[arg-type]
        ("new_name-empty", "new_name", lambda c: c.rename(PARTICIPANT, "+86", "")),
        ("number-control-chars", "number", lambda c: c.rename(PARTICIPANT, "+86\n", "Bob")),
        ("no-settings", "args", lambda c: c.update_settings()),
        ("no-minutes", "minutes", lambda c: c.call(CC("extend"))),
        ("no-password", "chairman_password", lambda c: c.call(CC("apply_host", [PARTICIPANT]))),
        ("admit-nobody", "participant_id", lambda c: c.admit_from_waiting_room()),
        ("admit-nobody-explicitly", "participant_id", lambda c: c.admit_from_waiting_room(None, admit_all=False)),
        ("admit-both", "admit_all", lambda c: c.admit_from_waiting_room("p-fay", admit_all=True)),
        ("hang_up-nobody", "participant_ids", lambda c: c.hang_up([])),
        ("move-nobody", "participant_ids", lambda c: c.move_to_waiting_room(())),
        ("hang_up-empty-id", "participant_ids", lambda c: c.hang_up([PARTICIPANT, ""])),
        ("mute-empty-id", "participant_id", lambda c: c.mute("")),
        ("mute-nobody", "participant_id", lambda c: c.call(CC("mute"))),
        ("mute-two", "participant_id", lambda c: c.call(CC("mute", [PARTICIPANT, CAROL]))),
        ("lock-somebody", "participant_id", lambda c: c.call(CC("lock", [PARTICIPANT]))),
    ]


@pytest.mark.parametrize("field, call", [c[1:] for c in huawei_cases()], ids=[c[0] for c in huawei_cases()])
def test_bad_huawei_arguments(emu: Emulator, nothing_sent: None, huawei, field: str, call: Any) -> None:
    # A password handle: a refused call must not even fetch the control token.
    conf = huawei.conference(CONF, password=HOST_PWD)
    with pytest.raises(meetctl.InvalidArgument) as info:
        call(conf)
    assert info.value.field == field, info.value


def test_named_methods_with_wrong_types(emu: Emulator, nothing_sent: None, tencent, huawei) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    for wrong in (
        lambda: tencent.kick_out(MEETING, HOST, BOB),  # one user, not an iterable
        lambda: tencent.kick_out(MEETING, HOST, ["agaqwwgdkkddd"]),
        lambda: tencent.mute(MEETING, HOST, "agaqwwgdkkddd"),
        lambda: tencent.participants(1242152152161, ALICE),
        lambda: tencent.call(MEETING),
        lambda: tencent.call(CC("lock")),
        lambda: tencent.prepare(None),
        lambda: tencent.set_meeting_status(MEETING, HOST, True),  # settings are keyword-only
        lambda: conf.hang_up(PARTICIPANT),  # a single str
        lambda: conf.hang_up([1]),
        lambda: conf.mute(1),
        lambda: conf.admit_from_waiting_room(1),
        lambda: conf.call(TC("mute", MEETING, HOST, [BOB])),
        lambda: conf.prepare("lock"),
        lambda: conf.update_settings(True),
        lambda: conf.extend(),
    ):
        with pytest.raises(TypeError):
            wrong()  # type: ignore[no-untyped-call]


def test_oauth_is_refused_where_the_vendor_refuses_it(emu: Emulator, nothing_sent: None, oauth) -> None:
    with pytest.raises(meetctl.InvalidArgument) as info:
        oauth.call(TC("set_cohost", OAUTH_MEETING, HOST, [BOB]))
    assert info.value.field == "credentials"
