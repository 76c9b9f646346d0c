"""Huawei Cloud Meeting enterprise webhooks from Python (meetctl.webhooks): HuaweiWebhook, the handler
for your own HTTP server, and HuaweiReceiver, the ready receiver, with the real package over real
loopback HTTP and the emulator sending real signed POSTs as the cloud does.

Requests are signed here with Python's ``hmac`` module, independently of meetctl:
``hex(HMAC-SHA256(key=subscriber key, appID + timestamp + nonce + eventInfo))``, over the exact
bytes of ``eventInfo`` as they stand in the body (written here with a space after each colon, as
the emulator writes them, so that a verifier re-serialising the JSON would fail)."""

import hashlib
import hmac
import json
import logging
import pickle
import threading
import time
from typing import Any, Dict, Iterator, List, Optional

import pytest

import meetctl
import meetctl.webhooks
from conftest import Emulator, http
from meetctl.webhooks import HuaweiEvent, HuaweiReceiver, HuaweiWebhook, WebhookAnswer

SUBSCRIBER_ID = "meetctl-subscriber"
KEY = "s3cr3t-subscriber-key-9f2c"
CONFERENCE = "914083136"  # the demo scenario's conference
REFUSED = b"refused"


# ---------------------------------------------------------------------------- signing, here


def event_info(event: str, **payload: Any) -> str:
    """An ``eventInfo`` text, spaced as the emulator writes it (``": "`` and ``", "``)."""
    return json.dumps({"event": event, "timestamp": 1_700_000_001_000, "payload": payload})


def body(
    info: str,
    *,
    app_id: str = SUBSCRIBER_ID,
    key: str = KEY,
    timestamp: Optional[str] = None,
    nonce: str = "n0nce-1",
    signature: Optional[str] = None,
) -> bytes:
    """The body the cloud POSTs: ``info`` spliced in as is, signed with Python's hmac."""
    timestamp = timestamp or str(int(time.time() * 1000))
    if signature is None:
        signature = hmac.new(key.encode(), (app_id + timestamp + nonce + info).encode(), hashlib.sha256).hexdigest()
    head = json.dumps({"appID": app_id, "timestamp": int(timestamp), "nonce": nonce, "signature": signature})
    return (head[:-1] + ', "eventInfo": ' + info + "}").encode()


JOIN = event_info(
    "meeting.join",
    meetingInfo={"meetingID": CONFERENCE, "meetingUUID": "u-1"},
    attendeeInfo={"participantID": "p-9", "displayName": "Zoe", "role": 0, "joinTime": 1_700_000_001_000},
)


def assert_refused(answer: "WebhookAnswer[HuaweiEvent]", status: int, why: str) -> None:
    assert answer.status == status and answer.body == REFUSED
    assert answer.event is None and not answer.duplicate
    assert answer.refusal is not None and why in answer.refusal, answer.refusal


# ---------------------------------------------------------------------------- the handler alone


def test_verify_is_answered_with_its_nonce_and_not_delivered() -> None:
    webhook = HuaweiWebhook(SUBSCRIBER_ID, KEY)
    info = json.dumps({"event": "meeting.verify", "timestamp": 1_700_000_000_000})
    answer = webhook.handle("POST", "/hook", {}, body(info, nonce="abc-123"))
    assert answer.status == 200
    assert json.loads(answer.body) == {"event": "meeting.verify", "nonce": "abc-123"}
    assert answer.body == b'{"event":"meeting.verify","nonce":"abc-123"}'
    assert answer.event is None and answer.refusal is None and not answer.duplicate


def test_a_known_vector_made_with_python_hmac() -> None:
    # The vector of tests/c/test_huawei_webhook.c (its timestamp is from 2023: no age check).
    info = '{"event": "meeting.verify", "timestamp": 1700000000000}'
    signature = "5ba2ce59a9f419ded3f446ef682574e88cb240b39d208aaf3fe49d5e1854a91d"
    assert signature == hmac.new(
        b"s3cr3t-subscriber-key", ("meetctl-sub" + "1700000000000" + "n0nce-1" + info).encode(), hashlib.sha256
    ).hexdigest()
    webhook = HuaweiWebhook("meetctl-sub", "s3cr3t-subscriber-key", max_age=None)
    sent = body(info, app_id="meetctl-sub", timestamp="1700000000000", signature=signature)
    answer = webhook.handle("POST", "/hook", [], sent)
    assert answer.status == 200 and answer.body == b'{"event":"meeting.verify","nonce":"n0nce-1"}'


def test_a_signed_join_then_its_repeat() -> None:
    webhook = HuaweiWebhook(SUBSCRIBER_ID, KEY)
    sent = body(JOIN)
    answer = webhook.handle("POST", "/hook", {"Content-Type": "application/json"}, sent)
    assert answer.status == 200 and answer.body == b"" and answer.refusal is None
    event = answer.event
    assert isinstance(event, HuaweiEvent)
    assert event.kind == "meeting.join"
    assert event.id == hashlib.sha256(JOIN.encode()).hexdigest()
    assert event.time_ms == 1_700_000_001_000
    assert (event.meeting_id, event.meeting_uuid, event.occurrence) == (CONFERENCE, "u-1", None)
    assert (event.participant_id, event.display_name, event.role) == ("p-9", "Zoe", "0")
    assert (event.user_uuid, event.user_agent, event.account, event.call_number) == (None, None, None, None)
    assert (event.join_time_ms, event.left_time_ms) == (1_700_000_001_000, None)
    assert event.raw_json == JOIN
    assert event.raw["payload"]["attendeeInfo"]["displayName"] == "Zoe"
    assert "Zoe" in repr(event) and "meeting.join" in repr(event)
    assert "HuaweiEvent(" in repr(answer)
    # The same delivery again (the cloud's retry, another nonce): acknowledged, not delivered.
    again = webhook.handle("POST", "/hook", {}, body(JOIN, nonce="n0nce-2"))
    assert again.status == 200 and again.duplicate and again.event is None
    # bytearray and no body at all.
    assert webhook.handle("POST", "/", {}, bytearray(body(JOIN, nonce="n0nce-3"))).duplicate
    assert_refused(webhook.handle("POST", "/", {}), 400, "not the vendor's JSON")


def test_refusals_are_never_delivered() -> None:
    webhook = HuaweiWebhook(SUBSCRIBER_ID, KEY)
    assert_refused(webhook.handle("POST", "/", {}, body(JOIN, key="another-key")), 401, "signature")
    assert_refused(webhook.handle("POST", "/", {}, body(JOIN, signature="0" * 64)), 401, "signature")
    assert_refused(webhook.handle("POST", "/", {}, body(JOIN, app_id="someone-else")), 401, "appID")
    stale = str(int(time.time() * 1000) - 10 * 60 * 1000)
    assert_refused(webhook.handle("POST", "/", {}, body(JOIN, timestamp=stale)), 401, "timestamp")
    assert_refused(webhook.handle("GET", "/", {}, body(JOIN)), 405, "method")
    assert_refused(webhook.handle("POST", "/", {}, b"[1]"), 400, "JSON")
    # Without the age check the old delivery is taken.
    assert HuaweiWebhook(SUBSCRIBER_ID, KEY, max_age=None).handle("POST", "/", {}, body(JOIN, timestamp=stale)).event


def test_bad_arguments_name_the_field() -> None:
    for subscriber_id in ("", "x" * 257, "a\nb"):
        with pytest.raises(meetctl.InvalidArgument) as caught:
            HuaweiWebhook(subscriber_id, KEY)
        assert caught.value.field == "subscriber_id" and isinstance(caught.value, ValueError)
    for key in ("", "k" * 257, KEY + "\n", KEY + "\x00"):
        with pytest.raises(meetctl.InvalidArgument) as caught:
            HuaweiWebhook(SUBSCRIBER_ID, key)
        assert caught.value.field == "subscriber_key"
        assert KEY not in str(caught.value) and KEY not in repr(caught.value)
    for max_age in (0, -1, float("nan"), 10**12):
        with pytest.raises(meetctl.InvalidArgument) as caught:
            HuaweiWebhook(SUBSCRIBER_ID, KEY, max_age=max_age)
        assert caught.value.field == "max_age"
    with pytest.raises(TypeError):
        HuaweiWebhook(SUBSCRIBER_ID, KEY, max_age=True)
    with pytest.raises(TypeError):
        HuaweiWebhook(SUBSCRIBER_ID, 123)  # type: ignore[arg-type]
    webhook = HuaweiWebhook(SUBSCRIBER_ID, KEY)
    with pytest.raises(TypeError):
        webhook.handle("POST", "/", 42, b"")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        webhook.handle("POST", "/", {}, "text")  # type: ignore[arg-type]
    for name, value in [("max_connections", 0), ("queue", 0), ("max_body", 0), ("head_timeout", 0)]:
        with pytest.raises(meetctl.InvalidArgument) as caught:
            HuaweiReceiver(webhook, **{name: value})
        assert caught.value.field == name
    for port in (-1, 65536):
        with pytest.raises(meetctl.InvalidArgument) as caught:
            HuaweiReceiver(webhook, port=port)
        assert caught.value.field == "port"
    with pytest.raises(meetctl.InvalidArgument) as caught:
        HuaweiReceiver(webhook, "no such host !")
    assert caught.value.field == "host"
    with pytest.raises(meetctl.InvalidArgument) as caught:
        HuaweiReceiver(webhook, tls_cert="x")
    assert caught.value.field == "tls_key"
    with HuaweiReceiver(webhook) as receiver:
        with pytest.raises(meetctl.InvalidArgument) as caught:
            receiver.next(timeout=-1)
        assert caught.value.field == "timeout"
        with pytest.raises(TypeError):
            HuaweiReceiver(meetctl.TencentWebhook("Tok3nOfTwentyFiveCharsXyz"))  # type: ignore[arg-type]


def test_the_key_is_never_shown(caplog: pytest.LogCaptureFixture) -> None:
    webhook = HuaweiWebhook(SUBSCRIBER_ID, KEY, max_age=60)
    assert repr(webhook) == f"HuaweiWebhook(subscriber_id='{SUBSCRIBER_ID}', subscriber_key=<redacted>, max_age=60.0)"
    assert KEY not in str(webhook) and KEY not in " ".join(dir(webhook))
    assert webhook.subscriber_id == SUBSCRIBER_ID and webhook.max_age == 60.0
    with pytest.raises(TypeError):
        pickle.dumps(webhook)
    with HuaweiReceiver(webhook) as receiver:
        assert KEY not in repr(receiver)
        assert repr(receiver).startswith("HuaweiReceiver(address=('127.0.0.1', ")
        assert repr(receiver.events()).startswith("<HuaweiEventIterator of HuaweiReceiver(")
    with caplog.at_level(logging.DEBUG, logger="meetctl"):
        answer = webhook.handle("POST", "/hook", {}, body(JOIN, key="another-key"))
    records = [r for r in caplog.records if r.name.startswith("meetctl")]
    assert [r.levelno for r in records] == [logging.WARNING], records
    assert answer.refusal is not None and answer.refusal in records[0].getMessage()
    assert KEY not in records[0].getMessage()


def test_the_public_names() -> None:
    classes = {name: getattr(meetctl.webhooks, name) for name in ("HuaweiWebhook", "HuaweiEvent", "HuaweiReceiver")}
    assert all(cls is getattr(meetctl, name) for name, cls in classes.items())
    assert set(classes) <= set(meetctl.__all__) & set(meetctl.webhooks.__all__)
    assert {(cls.__name__, cls.__module__) for cls in classes.values()} == {
        (name, "meetctl._meetctl") for name in classes
    }
    undocumented = [
        f"{name}.{attr}"
        for name, cls in classes.items()
        for attr, member in [("", cls), *vars(cls).items()]
        if not attr.startswith("_") and not (member.__doc__ or "").strip()
    ]
    assert undocumented == []
    with pytest.raises(TypeError):
        HuaweiEvent()
    # The answer is the one WebhookAnswer, subscriptable in annotations evaluated at run time.
    assert WebhookAnswer[HuaweiEvent].__origin__ is WebhookAnswer  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- the receiver


@pytest.fixture
def receiver() -> Iterator[HuaweiReceiver]:
    with HuaweiReceiver(HuaweiWebhook(SUBSCRIBER_ID, KEY)) as r:
        yield r


def post(receiver: HuaweiReceiver, sent: bytes) -> int:
    host, port = receiver.address
    status, _ = http("POST", f"http://{host}:{port}/hook", sent, {"Content-Type": "application/json"})
    return status


def test_the_receiver_delivers_a_signed_post_once(receiver: HuaweiReceiver) -> None:
    sent = body(JOIN)
    assert post(receiver, sent) == 200
    assert post(receiver, sent) == 200  # a repeat: acknowledged, not queued
    assert post(receiver, body(JOIN, key="another-key")) == 401
    event = receiver.next_for(CONFERENCE, timeout=5)
    assert event is not None and event.participant_id == "p-9"
    assert receiver.next(timeout=0.2) is None and receiver.pending == 0


def test_close_from_another_thread_ends_a_wait() -> None:
    receiver = HuaweiReceiver(HuaweiWebhook(SUBSCRIBER_ID, KEY))
    closer = threading.Timer(0.2, receiver.close)
    started = time.monotonic()
    closer.start()
    assert receiver.next() is None  # no timeout: only the close ends it
    closer.join()
    assert time.monotonic() - started < 2
    assert receiver.closed and list(receiver) == [] and receiver.next_for(CONFERENCE, timeout=0) is None


# ---------------------------------------------------------------------------- the emulator as the cloud


def configure(emu: Emulator, receiver: HuaweiReceiver, key: str = KEY) -> None:
    host, port = receiver.address
    emu.set_huawei_webhook(f"http://{host}:{port}/hook", SUBSCRIBER_ID, key)


def test_the_emulator_delivers_join_left_and_end_once_each(emu: Emulator, receiver: HuaweiReceiver) -> None:
    configure(emu, receiver)
    pid = emu.huawei_join(CONFERENCE, "Zoe")
    emu.huawei_leave(CONFERENCE, pid)
    emu.huawei_end(CONFERENCE)
    assert emu.wait_huawei_webhook_idle()
    events = list(receiver.events_for(CONFERENCE, timeout=1))
    assert all(e.meeting_id == CONFERENCE for e in events)
    mine = [(e.kind, e.participant_id, e.display_name) for e in events if e.participant_id == pid]
    assert mine == [("meeting.join", pid, "Zoe"), ("meeting.left", pid, "Zoe")], events
    ends = [e for e in events if e.kind == "meeting.end"]
    assert len(ends) == 1 and ends[0].participant_id is None
    assert events.index(ends[0]) > max(i for i, e in enumerate(events) if e.participant_id == pid)
    left = next(e for e in events if e.kind == "meeting.left")
    assert left.left_time_ms is not None and left.left_time_ms > 0
    assert len({e.id for e in events}) == len(events)
    assert receiver.pending == 0


def test_a_wrong_key_is_refused_and_delivers_nothing(emu: Emulator) -> None:
    with HuaweiReceiver(HuaweiWebhook(SUBSCRIBER_ID, "not-the-key")) as receiver:
        configure(emu, receiver)
        emu.huawei_join(CONFERENCE, "Xu")
        deadline = time.monotonic() + 10
        deliveries: List[Dict[str, Any]] = []
        while time.monotonic() < deadline and not deliveries:
            deliveries = emu.state()["huawei"]["webhook"]["deliveries"]
            time.sleep(0.05)
        assert deliveries and deliveries[0]["status"] == 401, deliveries
        assert receiver.next(timeout=0.5) is None and receiver.pending == 0
