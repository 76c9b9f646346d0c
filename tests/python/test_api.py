"""The public surface: names, docstrings, the Instance enum, TencentUser values."""

import inspect
import logging

import pytest

import meetctl

PUBLIC = [
    "TencentClient",
    "TencentUser",
    "TencentControl",
    "TencentParticipant",
    "TencentWebhook",
    "WebhookAnswer",
    "TencentEvent",
    "TencentReceiver",
    "Instance",
    "HuaweiClient",
    "HuaweiConference",
    "HuaweiConferenceControl",
    "HuaweiConferenceInfo",
    "HuaweiParticipant",
    "Meeting",
    "Participant",
    "PreparedRequest",
    "MeetctlError",
    "InvalidArgument",
    "ApiError",
    "AuthError",
    "PermissionDenied",
    "NotFound",
    "RateLimited",
    "TransportError",
    "Timeout",
    "ConnectError",
    "TlsError",
    "MalformedResponse",
    "Unsupported",
    "Cancelled",
    "Ambiguous",
]


def test_public_names() -> None:
    for name in PUBLIC:
        assert name in meetctl.__all__, name
        assert getattr(meetctl, name) is not None
    for name in meetctl.__all__:
        assert hasattr(meetctl, name), name
    from meetctl import _errors

    assert set(_errors.__all__) <= set(meetctl.__all__), "every exception is exported"
    assert len(set(meetctl.__all__)) == len(meetctl.__all__)
    assert meetctl.__version__ == "0.1.0"


def test_docstrings_on_every_public_name() -> None:
    assert meetctl.__doc__
    missing = []
    for name in PUBLIC:
        obj = getattr(meetctl, name)
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        for attr, member in vars(obj).items():
            if attr.startswith("_") or attr in {"kind"} or isinstance(member, meetctl.Instance):
                continue
            if callable(member) or inspect.isdatadescriptor(member) or isinstance(member, staticmethod):
                doc = getattr(member, "__doc__", None) or getattr(getattr(obj, attr), "__doc__", None)
                if not (doc or "").strip():
                    missing.append(f"{name}.{attr}")
    assert missing == []


def test_instance_enum() -> None:
    assert issubclass(meetctl.Instance, int)
    assert meetctl.Instance.PC == 1 and meetctl.Instance.IOS == 4 and meetctl.Instance.MAC == 2
    assert [int(i) for i in meetctl.Instance] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 21, 22, 30, 32, 33]


def test_tencent_user_values() -> None:
    u = meetctl.TencentUser(ms_open_id="m", instance=meetctl.Instance.IOS)
    assert (u.ms_open_id, u.userid, u.open_id, u.uuid, u.instance) == ("m", None, None, None, meetctl.Instance.IOS)
    assert isinstance(u.instance, meetctl.Instance)
    assert u == meetctl.TencentUser(ms_open_id="m", instance=4)
    assert u != meetctl.TencentUser(ms_open_id="m", instance=2)
    assert u != meetctl.TencentUser(uuid="m", instance=4)
    assert len({u, meetctl.TencentUser(ms_open_id="m", instance=4)}) == 1
    assert meetctl.TencentUser(userid="a", instance=1).userid == "a"
    assert meetctl.TencentUser(open_id="o", instance=1).open_id == "o"
    assert meetctl.TencentUser(uuid="x", instance=20).instance is meetctl.Instance.ROOMS_TOUCH_WINDOWS
    with pytest.raises(AttributeError):
        u.ms_open_id = "other"  # type: ignore[misc]


def test_logger_hierarchy() -> None:
    # Records of the core arrive on children of the `meetctl` logger (`meetctl.transport`, …), so
    # configuring `meetctl` configures them all.
    parent = logging.getLogger("meetctl")
    assert logging.getLogger("meetctl.transport").parent is parent


def test_exceptions_and_enum_live_in_meetctl() -> None:
    import pickle

    assert meetctl.NotFound.__module__ == "meetctl"
    assert meetctl.Unsupported.__module__ == "meetctl"
    assert meetctl.Instance.__module__ == "meetctl"
    e = pickle.loads(pickle.dumps(meetctl.NotFound("gone", status=404, code="9003")))
    assert (type(e), str(e), e.status, e.code) == (meetctl.NotFound, "gone", 404, "9003")
    assert pickle.loads(pickle.dumps(meetctl.Instance.IOS)) is meetctl.Instance.IOS
    u = pickle.loads(pickle.dumps(meetctl.Unsupported("no", operation="make_host", vendor="tencent")))
    assert (type(u), str(u), u.operation, u.vendor) == (meetctl.Unsupported, "no", "make_host", "tencent")
