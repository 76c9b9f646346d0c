//! A ready receiver for Tencent webhooks: the shared server ([`crate::receiver`]) with a
//! [`TencentWebhook`], answering the vendor within its 3 s and queueing events for the app.
//!
//! Limits (all [`ReceiverConfig`]): bound to 127.0.0.1 unless told otherwise, at most 64
//! connections at once (more wait in the listen backlog), 5 s to read a request's head (a client
//! sending one byte a second is dropped), 10 s per request, a 1 MiB body. One subscription covers
//! every meeting of the app: [`TencentReceiver::next`] and [`events`](TencentReceiver::events) take
//! any event, [`next_for`] and [`events_for`](TencentReceiver::events_for) one meeting's.
//!
//! A slow app never loses an event: the queue is bounded, and when it is full the delivery is
//! answered 503 and its id forgotten, so the vendor's retry is delivered. An event the receiver
//! acknowledged (200) is in the queue until the app takes it or closes the receiver.
//!
//! [`next_for`]: TencentReceiver::next_for

use super::webhook::{TencentEvent, TencentWebhook, WebhookAnswer, WebhookRequest};
use crate::receiver::Handler;
pub use crate::receiver::{ReceiverConfig, TlsPem};

impl Handler for TencentWebhook {
    type Event = TencentEvent;
    const VENDOR: &'static str = "tencent";
    fn handle(&self, request: &WebhookRequest<'_>) -> WebhookAnswer {
        TencentWebhook::handle(self, request)
    }
    fn forget(&self, id: &str) {
        TencentWebhook::forget(self, id);
    }
    fn capped(self, max_body: usize) -> Self {
        self.max_body(max_body)
    }
    fn event_id(event: &TencentEvent) -> &str {
        &event.id
    }
    fn meeting_id(event: &TencentEvent) -> Option<&str> {
        event.meeting_id.as_deref()
    }
}

crate::receiver::typed_receiver!(TencentReceiver, TencentWebhook, TencentEvent);
