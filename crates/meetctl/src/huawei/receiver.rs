//! A ready receiver for Huawei enterprise webhooks: the same server as the Tencent receiver
//! ([`crate::receiver`]) with a [`HuaweiWebhook`], answering the cloud at once (the
//! `meeting.verify` handshake included) and queueing events for the app.
//!
//! Limits (all [`ReceiverConfig`]): bound to 127.0.0.1 unless told otherwise, at most 64
//! connections at once (more wait in the listen backlog), 5 s to read a request's head (a client
//! sending one byte a second is dropped), 10 s per request, a 1 MiB body. One subscription covers
//! every conference of the enterprise: [`HuaweiReceiver::next`] and [`events`](HuaweiReceiver::events) take
//! any event, [`next_for`] and [`events_for`](HuaweiReceiver::events_for) one meeting's.
//!
//! A slow app never loses an event: the queue is bounded, and when it is full the delivery is
//! answered 503 and its id forgotten, so the vendor's retry is delivered. An event the receiver
//! acknowledged (200) is in the queue until the app takes it or closes the receiver.
//!
//! [`next_for`]: HuaweiReceiver::next_for

use super::webhook::{HuaweiEvent, HuaweiWebhook, HuaweiWebhookAnswer};
use crate::receiver::Handler;
pub use crate::receiver::{ReceiverConfig, TlsPem};
use crate::webhook::WebhookRequest;

impl Handler for HuaweiWebhook {
    type Event = HuaweiEvent;
    const VENDOR: &'static str = "huawei";
    fn handle(&self, request: &WebhookRequest<'_>) -> HuaweiWebhookAnswer {
        HuaweiWebhook::handle(self, request)
    }
    fn forget(&self, id: &str) {
        HuaweiWebhook::forget(self, id);
    }
    fn capped(self, max_body: usize) -> Self {
        self.max_body(max_body)
    }
    fn event_id(event: &HuaweiEvent) -> &str {
        event.id()
    }
    fn meeting_id(event: &HuaweiEvent) -> Option<&str> {
        event.meeting_id()
    }
}

crate::receiver::typed_receiver!(HuaweiReceiver, HuaweiWebhook, HuaweiEvent);
