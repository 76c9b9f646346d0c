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

use std::net::SocketAddr;
use std::time::Duration;

use super::webhook::{HuaweiEvent, HuaweiWebhook, HuaweiWebhookAnswer};
use crate::error::Error;
use crate::receiver::{Handler, Server};
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

/// A running receiver. `Send + Sync`: one thread may serve events to several consumers.
/// Dropping it stops the server (as [`close`](Self::close)).
pub struct HuaweiReceiver {
    server: Server<HuaweiWebhook>,
}

impl HuaweiReceiver {
    /// Starts serving `webhook` on its own thread; the address is bound before this returns.
    pub fn start(webhook: HuaweiWebhook, config: ReceiverConfig) -> Result<HuaweiReceiver, Error> {
        Ok(HuaweiReceiver { server: Server::start(webhook, config)? })
    }

    /// The address it listens on (the port chosen when the config's was 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.server.local_addr()
    }

    /// The next event of any meeting, waiting up to `timeout`; `None` when none came or the
    /// receiver is closed and drained.
    pub fn next(&self, timeout: Duration) -> Option<HuaweiEvent> {
        self.server.next(timeout)
    }

    /// The next event of meeting `meeting_id`, waiting up to `timeout`; other meetings' events
    /// stay queued for [`next`](Self::next) or their own `next_for`.
    pub fn next_for(&self, meeting_id: &str, timeout: Duration) -> Option<HuaweiEvent> {
        self.server.next_for(meeting_id, timeout)
    }

    /// Every event of any meeting as it comes, until none came within `idle` or the receiver is
    /// closed and drained.
    pub fn events(&self, idle: Duration) -> impl Iterator<Item = HuaweiEvent> + '_ {
        std::iter::from_fn(move || self.next(idle))
    }

    /// Every event of meeting `meeting_id` as it comes, until none came within `idle` or the
    /// receiver is closed and drained; other meetings' events stay queued.
    pub fn events_for<'a>(
        &'a self,
        meeting_id: &'a str,
        idle: Duration,
    ) -> impl Iterator<Item = HuaweiEvent> + 'a {
        std::iter::from_fn(move || self.next_for(meeting_id, idle))
    }

    /// Replaces the certificate and key of a receiver serving HTTPS: connections made from now on
    /// get the new ones (a renewed certificate needs no restart). Checked before it is used; a
    /// receiver started without TLS stays plain HTTP (an invalid-argument error naming `tls`).
    pub fn reload_tls(&self, pem: &TlsPem) -> Result<(), Error> {
        self.server.reload_tls(pem)
    }

    /// How many events wait for the app.
    pub fn pending(&self) -> usize {
        self.server.pending()
    }

    /// Stops the server (connections in flight are dropped) and wakes every waiting `next`;
    /// events already queued can still be taken. Any thread may call it, while others wait.
    pub fn close(&self) {
        self.server.close();
    }
}

impl std::fmt::Debug for HuaweiReceiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HuaweiReceiver")
            .field("addr", &self.local_addr())
            .field("pending", &self.pending())
            .finish()
    }
}
