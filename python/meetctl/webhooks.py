"""Tencent Meeting webhooks (事件订阅) and Huawei Cloud Meeting enterprise webhooks (企业级事件订阅):
what happens in a meeting, pushed to you as it happens.

In the Tencent Meeting console an app's event subscription has a URL, a Token and, optionally,
an EncodingAESKey (the vendor then encrypts every push). Give meetctl the Token and the key; it
checks every request's signature first, decodes (and decrypts) it, answers the URL check, drops
stale and repeated deliveries, and hands you typed :class:`TencentEvent` objects whose
``participant`` is a :class:`meetctl.TencentUser` ready for a control call.

In your own HTTP server, give each request to :meth:`TencentWebhook.handle` and answer with what it
says (Flask here; any framework, or ``http.server``, is the same)::

    from meetctl.webhooks import TencentWebhook

    webhook = TencentWebhook(token="...", aes_key="...")

    @app.route("/tencent-events", methods=["GET", "POST"])
    def tencent_events():
        answer = webhook.handle(request.method, request.full_path, request.headers, request.get_data())
        if answer.event is not None:
            on_event(answer.event)
        return answer.body, answer.status

Or let meetctl run the server (its own thread; 127.0.0.1 unless told otherwise)::

    from meetctl.webhooks import TencentReceiver, TencentWebhook

    with TencentReceiver(TencentWebhook(token="..."), "0.0.0.0", 8080) as receiver:
        for event in receiver.events_for("1242152152161"):
            print(event.kind, event.participant)

Huawei's enterprise subscription has a subscriber id and key, and covers every conference of the
enterprise: :class:`HuaweiWebhook` checks each delivery's HMAC-SHA256 signature, answers the
``meeting.verify`` handshake itself, and hands you :class:`HuaweiEvent` objects whose
``participant_id`` is what the conference controls take; :class:`HuaweiReceiver` runs the server
the same way::

    from meetctl.webhooks import HuaweiReceiver, HuaweiWebhook

    with HuaweiReceiver(HuaweiWebhook("subscriber-id", "subscriber-key"), "0.0.0.0", 8080) as receiver:
        for event in receiver.events_for("914083136"):
            print(event.kind, event.participant_id, event.display_name)

Delivery is at least once across restarts: keep :attr:`TencentEvent.id` / :attr:`HuaweiEvent.id`
to dedupe further. What each step does, and the vendor page it follows, is in ``docs/events.md``.
"""

from ._meetctl import (
    HuaweiEvent,
    HuaweiReceiver,
    HuaweiWebhook,
    TencentEvent,
    TencentReceiver,
    TencentWebhook,
    WebhookAnswer,
)

__all__ = [
    "TencentWebhook",
    "WebhookAnswer",
    "TencentEvent",
    "TencentReceiver",
    "HuaweiWebhook",
    "HuaweiEvent",
    "HuaweiReceiver",
]
