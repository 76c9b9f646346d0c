//! The ready webhook receivers (an HTTP server on a thread of its own, queueing verified events
//! for the app), for apps with no HTTP server of their own: `meetctl_tencent_receiver` and
//! `meetctl_huawei_receiver`. A thin layer over the core's receivers, written once ([`Running`],
//! [`start`], [`write_next`]) for both vendors; the exported functions only name the vendor.

use std::ffi::{CString, c_char};
use std::net::SocketAddr;
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use meetctl::huawei::HuaweiReceiver;
use meetctl::tencent::receiver::{ReceiverConfig, TencentReceiver, TlsPem};

use crate::error::{fallible, meetctl_error};
use crate::failure::BoundaryFailure;
use crate::ffi;
use crate::huawei_webhook::{meetctl_huawei_event, meetctl_huawei_webhook};
use crate::panic::boundary;
use crate::status::meetctl_status;
use crate::webhook::{meetctl_tencent_event, meetctl_tencent_webhook};

/// The longest a wait in `next` holds the receiver before looking whether it is being closed: a
/// `_close` from another thread ends the wait within this.
const SLICE: Duration = Duration::from_millis(50);

/// How a receiver listens and what it takes: `meetctl_tencent_receiver_start`'s `options` (or
/// `NULL` for every default). Every field left 0 takes its default, so a zero-initialised struct
/// (`meetctl_tencent_receiver_options o = {0};`) is the defaults.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct meetctl_tencent_receiver_options {
    /// Most events waiting for the app; when full, a delivery is answered 503 (the vendor retries
    /// it later, and it is delivered then). 0: 1024.
    pub queue: u32,
    /// Most connections served at once (more wait in the listen backlog). 0: 64.
    pub max_connections: u32,
    /// Longest wait for a request's head, in milliseconds. 0: 5000.
    pub head_timeout_ms: u32,
    /// Longest a request may take, body included, in milliseconds (then 408). 0: 10000.
    pub request_timeout_ms: u32,
    /// Largest body in bytes (then 413). 0: 1048576 (1 MiB, also the webhook's own cap).
    pub max_body: u32,
}

/// How a Huawei receiver listens and what it takes: `meetctl_huawei_receiver_start`'s `options`
/// (or `NULL` for every default). The same struct, fields and defaults as
/// `meetctl_tencent_receiver_options`: a zero-initialised one is the defaults.
pub type meetctl_huawei_receiver_options = meetctl_tencent_receiver_options;

/// A vendor's core receiver, as the C handles use it: its webhook handle, its event handle.
pub(crate) trait Served: Sized + Send + Sync + 'static {
    /// The C webhook handle it is started with.
    type Webhook;
    /// The core's event.
    type Event;
    /// The C event handle the core's event is handed out as.
    type CEvent;
    /// Starts the core's receiver for the webhook behind the C handle.
    fn start_with(webhook: &Self::Webhook, config: ReceiverConfig) -> Result<Self, meetctl::Error>;
    /// The C event for the core's.
    fn c_event(event: Self::Event) -> Self::CEvent;
    fn addr(&self) -> SocketAddr;
    fn take(&self, meeting_id: Option<&str>, timeout: Duration) -> Option<Self::Event>;
    fn reload(&self, pem: &TlsPem) -> Result<(), meetctl::Error>;
    fn queued(&self) -> usize;
    fn stop(&self);
}

/// `Served` for a core receiver: the same calls, by their core names.
macro_rules! served {
    ($receiver:ty, $webhook:ty, $event:ty, $c_event:ty) => {
        impl Served for $receiver {
            type Webhook = $webhook;
            type Event = $event;
            type CEvent = $c_event;
            fn start_with(webhook: &$webhook, config: ReceiverConfig) -> Result<Self, meetctl::Error> {
                <$receiver>::start(webhook.webhook.clone(), config)
            }
            fn c_event(event: $event) -> $c_event {
                <$c_event>::new(event)
            }
            fn addr(&self) -> SocketAddr {
                self.local_addr()
            }
            fn take(&self, meeting_id: Option<&str>, timeout: Duration) -> Option<$event> {
                match meeting_id {
                    None => self.next(timeout),
                    Some(id) => self.next_for(id, timeout),
                }
            }
            fn reload(&self, pem: &TlsPem) -> Result<(), meetctl::Error> {
                self.reload_tls(pem)
            }
            fn queued(&self) -> usize {
                self.pending()
            }
            fn stop(&self) {
                self.close();
            }
        }
    };
}
served!(
    TencentReceiver,
    meetctl_tencent_webhook,
    meetctl::tencent::webhook::TencentEvent,
    meetctl_tencent_event
);
served!(HuaweiReceiver, meetctl_huawei_webhook, meetctl::huawei::HuaweiEvent, meetctl_huawei_event);

/// What a receiver handle holds, whichever the vendor.
pub(crate) struct Running<R: Served> {
    /// Read-locked by every call (they run at once); write-locked by `close` alone. An `Arc`: a
    /// `meetctl_watch` given it (`meetctl_watch_options.tencent_receiver`) shares it.
    receiver: RwLock<Arc<R>>,
    /// Set first by `close`: waiting calls stop waiting and let it have the write lock.
    closing: AtomicBool,
    addr: SocketAddr,
    addr_text: CString,
}

impl<R: Served> Running<R> {
    fn new(receiver: R) -> Self {
        let addr = receiver.addr();
        Running {
            receiver: RwLock::new(Arc::new(receiver)),
            closing: AtomicBool::new(false),
            addr,
            addr_text: ffi::c_string(&addr.to_string()),
        }
    }

    /// The next event (of `meeting_id`, when given) within `timeout`; waits in slices so that
    /// `close` can end it.
    fn next(&self, meeting_id: Option<&str>, timeout: Duration) -> Option<R::Event> {
        let deadline = Instant::now() + timeout;
        loop {
            let receiver = self.receiver.read().unwrap_or_else(|e| e.into_inner());
            if self.closing.load(Ordering::SeqCst) {
                // Closed or closing: what is queued, at once.
                return receiver.take(meeting_id, Duration::ZERO);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if let Some(event) = receiver.take(meeting_id, left.min(SLICE)) {
                return Some(event);
            }
            drop(receiver);
            if Instant::now() >= deadline {
                return None;
            }
        }
    }

    fn close(&self) {
        self.closing.store(true, Ordering::SeqCst);
        self.receiver.write().unwrap_or_else(|e| e.into_inner()).stop();
    }
}

impl<R: Served> Drop for Running<R> {
    fn drop(&mut self) {
        // A watch may share the core's receiver: freeing the handle still stops the server, as
        // documented, instead of leaving it to the last reference.
        self.closing.store(true, Ordering::SeqCst);
        self.receiver.get_mut().unwrap_or_else(|e| e.into_inner()).stop();
    }
}

/// A C receiver handle: its vendor's [`Running`].
pub(crate) trait ReceiverHandle: Sized {
    /// The core's receiver.
    type R: Served;
    fn from_running(running: Running<Self::R>) -> Self;
    fn running(&self) -> &Running<Self::R>;
}

/// [`ReceiverHandle`] (and `shared`) for a vendor's receiver handle (cbindgen reads the struct
/// itself, so it is written out).
macro_rules! receiver_handle {
    ($name:ident, $receiver:ty) => {
        impl ReceiverHandle for $name {
            type R = $receiver;
            fn from_running(running: Running<$receiver>) -> Self {
                $name { running }
            }
            fn running(&self) -> &Running<$receiver> {
                &self.running
            }
        }
    };
}

/// A running Tencent webhook receiver: an HTTP/1 server on a thread of its own, answering the
/// vendor (the URL check, events, duplicates, refusals) and queueing the events for the app,
/// which takes them with `meetctl_tencent_receiver_next` (any meeting's) or `_next_for` (one
/// meeting's). Started with `meetctl_tencent_receiver_start`, stopped with
/// `meetctl_tencent_receiver_close`, freed with `meetctl_tencent_receiver_free` (which closes
/// it first).
///
/// An event the receiver acknowledged (200) stays queued until the app takes it, also after
/// `close`; when the queue is full a delivery is answered 503 and the vendor's retry is
/// delivered.
///
/// Thread safety: thread-safe. `next`, `next_for`, `pending`, the address getters and `close`
/// may be called from any number of threads at once; a `close` ends the waits of the other
/// threads within about 50 ms. Only `meetctl_tencent_receiver_free` needs every other call to
/// have returned.
pub struct meetctl_tencent_receiver {
    running: Running<TencentReceiver>,
}
receiver_handle!(meetctl_tencent_receiver, TencentReceiver);

/// A running Huawei enterprise webhook receiver: an HTTP/1 server on a thread of its own,
/// answering the cloud (the `meeting.verify` handshake, events, duplicates, refusals) and
/// queueing the events for the app, which takes them with `meetctl_huawei_receiver_next` (any
/// conference's: one subscription covers the whole enterprise) or `_next_for` (one
/// conference's). Started with `meetctl_huawei_receiver_start`, stopped with
/// `meetctl_huawei_receiver_close`, freed with `meetctl_huawei_receiver_free` (which closes it
/// first).
///
/// An event the receiver acknowledged (200) stays queued until the app takes it, also after
/// `close`; when the queue is full a delivery is answered 503 and the vendor's retry is
/// delivered.
///
/// Thread safety: thread-safe. `next`, `next_for`, `pending`, the address getters and `close`
/// may be called from any number of threads at once; a `close` ends the waits of the other
/// threads within about 50 ms. Only `meetctl_huawei_receiver_free` needs every other call to
/// have returned.
pub struct meetctl_huawei_receiver {
    running: Running<HuaweiReceiver>,
}
receiver_handle!(meetctl_huawei_receiver, HuaweiReceiver);

impl meetctl_tencent_receiver {
    /// The core's receiver, shared (for a watch's options).
    pub(crate) fn shared(&self) -> Arc<TencentReceiver> {
        self.running.receiver.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// The receiver every start function makes (`tls`: the PEM texts of `_start_tls`).
fn start<H: ReceiverHandle>(
    webhook: *const <H::R as Served>::Webhook,
    addr: *const c_char,
    options: *const meetctl_tencent_receiver_options,
    tls: Option<(*const c_char, *const c_char)>,
    receiver_out: *mut *mut H,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let webhook = ffi::try_ref(webhook, "webhook")?;
        let addr = ffi::try_opt_str(addr, "addr")?;
        let options = ffi::opt_ref(options).copied().unwrap_or_default();
        let out = ffi::try_out(receiver_out, "receiver_out")?;
        let mut config = ReceiverConfig::default();
        if let Some(addr) = addr {
            config.addr = addr.trim().parse().map_err(|_| {
                BoundaryFailure::invalid(
                    "addr",
                    "must be an IP address and a port (\"127.0.0.1:8080\", \"[::1]:0\")",
                )
            })?;
        }
        let or = |value: u32, default: usize| {
            if value == 0 { default } else { usize::try_from(value).unwrap_or(usize::MAX) }
        };
        let ms = |value: u32, default: Duration| {
            if value == 0 { default } else { Duration::from_millis(u64::from(value)) }
        };
        config.queue = or(options.queue, config.queue);
        config.max_connections = or(options.max_connections, config.max_connections);
        config.max_body = or(options.max_body, config.max_body);
        config.head_timeout = ms(options.head_timeout_ms, config.head_timeout);
        config.request_timeout = ms(options.request_timeout_ms, config.request_timeout);
        if let Some((cert, key)) = tls {
            config.tls = Some(tls_pem(cert, key)?);
        }
        let receiver = H::R::start_with(webhook, config)?;
        out.write(ffi::into_handle(H::from_running(Running::new(receiver))));
        Ok(())
    })
}

/// Replaces a running receiver's TLS certificate and key.
fn reload_tls<H: ReceiverHandle>(
    receiver: *const H,
    cert_pem: *const c_char,
    key_pem: *const c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let receiver = ffi::try_ref(receiver, "receiver")?.running();
        let pem = tls_pem(cert_pem, key_pem)?;
        let current = receiver.receiver.read().unwrap_or_else(|e| e.into_inner());
        current.reload(&pem)?;
        Ok(())
    })
}

/// The PEM texts as the core takes them.
fn tls_pem(cert: *const c_char, key: *const c_char) -> Result<TlsPem, BoundaryFailure> {
    let cert_chain = ffi::try_str(cert, "cert_pem")?.to_owned();
    let key = meetctl::Secret::new(ffi::try_str(key, "key_pem")?);
    Ok(TlsPem { cert_chain, key })
}

fn port<H: ReceiverHandle>(receiver: *const H) -> u16 {
    boundary(|| ffi::opt_ref(receiver).map_or(0, |r| r.running().addr.port()))
}

fn address<H: ReceiverHandle>(receiver: *const H) -> *const c_char {
    boundary(|| ffi::opt_ref(receiver).map_or(ptr::null(), |r| r.running().addr_text.as_ptr()))
}

fn pending<H: ReceiverHandle>(receiver: *const H) -> usize {
    boundary(|| {
        ffi::opt_ref(receiver)
            .map_or(0, |r| r.running().receiver.read().unwrap_or_else(|e| e.into_inner()).queued())
    })
}

fn write_next<H: ReceiverHandle>(
    receiver: *const H,
    meeting_id: Option<*const c_char>,
    timeout_ms: u32,
    event_out: *mut *mut <H::R as Served>::CEvent,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let receiver = ffi::try_ref(receiver, "receiver")?.running();
        let meeting_id = meeting_id.map(|id| ffi::try_str(id, "meeting_id")).transpose()?;
        let out = ffi::try_out(event_out, "event_out")?;
        let event = receiver.next(meeting_id, Duration::from_millis(u64::from(timeout_ms)));
        out.write(event.map_or(ptr::null_mut(), |e| ffi::into_handle(H::R::c_event(e))));
        Ok(())
    })
}

fn close<H: ReceiverHandle>(receiver: *const H) {
    boundary(|| {
        if let Some(r) = ffi::opt_ref(receiver) {
            r.running().close();
        }
    })
}

/// Starts a receiver for `webhook` (its Token, EncodingAESKey and age check; it shares the
/// webhook's memory of the event ids seen, and `webhook` may be freed afterwards) listening on
/// `addr`, an IP address and port (`"0.0.0.0:8080"`, `"[::1]:0"`); `NULL` is `"127.0.0.1:0"`,
/// loopback on a free port (`meetctl_tencent_receiver_get_port` says which). `options` may be
/// `NULL` for every default. The address is bound before this returns.
///
/// `MEETCTL_STATUS_INVALID_ARGUMENT` naming `addr` when it is not an address and port;
/// `MEETCTL_STATUS_CONNECTION` when it cannot be bound (in use, not this machine's). On success
/// `*receiver_out` receives the running receiver, to close and free with
/// `meetctl_tencent_receiver_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_receiver_start(
    webhook: *const meetctl_tencent_webhook,
    addr: *const c_char,
    options: *const meetctl_tencent_receiver_options,
    receiver_out: *mut *mut meetctl_tencent_receiver,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    start(webhook, addr, options, None, receiver_out, err_out)
}

/// As `meetctl_tencent_receiver_start`, serving HTTPS with the certificate chain `cert_pem` (the
/// server's certificate first) and its private key `key_pem` (PKCS#8, PKCS#1 or SEC1), both PEM
/// text. `MEETCTL_STATUS_INVALID_ARGUMENT` naming `tls.cert_chain`, `tls.key` or `tls` when they
/// are not usable; the key never appears in an error.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_receiver_start_tls(
    webhook: *const meetctl_tencent_webhook,
    addr: *const c_char,
    options: *const meetctl_tencent_receiver_options,
    cert_pem: *const c_char,
    key_pem: *const c_char,
    receiver_out: *mut *mut meetctl_tencent_receiver,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    start(webhook, addr, options, Some((cert_pem, key_pem)), receiver_out, err_out)
}

/// Replaces the certificate chain and key of a receiver serving HTTPS (started with
/// `meetctl_tencent_receiver_start_tls`), for the connections made from now on: a renewed
/// certificate needs no restart. Checked before it is used; `MEETCTL_STATUS_INVALID_ARGUMENT`
/// naming `tls` for a receiver serving plain HTTP. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_receiver_reload_tls(
    receiver: *const meetctl_tencent_receiver,
    cert_pem: *const c_char,
    key_pem: *const c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    reload_tls(receiver, cert_pem, key_pem, err_out)
}

/// The port the receiver listens on (the one chosen when `addr` gave port 0); 0 for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_receiver_get_port(receiver: *const meetctl_tencent_receiver) -> u16 {
    port(receiver)
}

/// The address it listens on, as text (`"127.0.0.1:40123"`, `"[::1]:8080"`). Borrowed from
/// `receiver`; `NULL` for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_receiver_get_address(
    receiver: *const meetctl_tencent_receiver,
) -> *const c_char {
    address(receiver)
}

/// How many events wait for the app; 0 for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_receiver_pending(receiver: *const meetctl_tencent_receiver) -> usize {
    pending(receiver)
}

/// The next event of any meeting, waiting up to `timeout_ms` milliseconds for one (0: only what is
/// queued now). On success `*event_out` receives it (the caller's, freed with
/// `meetctl_tencent_event_free`), or `NULL` when none came within the timeout, or the receiver is
/// closed and has none left: "nothing" is `MEETCTL_STATUS_OK` with `*event_out` `NULL`, not an
/// error. Each event is given to exactly one caller, once.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_receiver_next(
    receiver: *const meetctl_tencent_receiver,
    timeout_ms: u32,
    event_out: *mut *mut meetctl_tencent_event,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    write_next(receiver, None, timeout_ms, event_out, err_out)
}

/// The next event of meeting `meeting_id`, waiting up to `timeout_ms` milliseconds; other
/// meetings' events stay queued (for `meetctl_tencent_receiver_next` or their own `_next_for`).
/// `*event_out` as for `meetctl_tencent_receiver_next`: `NULL` with `MEETCTL_STATUS_OK` when none
/// came.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_receiver_next_for(
    receiver: *const meetctl_tencent_receiver,
    meeting_id: *const c_char,
    timeout_ms: u32,
    event_out: *mut *mut meetctl_tencent_event,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    write_next(receiver, Some(meeting_id), timeout_ms, event_out, err_out)
}

/// Stops the server: the port is released, connections in flight are dropped, and calls waiting
/// in `next` / `next_for` on other threads return within about 50 ms. Events already queued can
/// still be taken (with no waiting). Returns once the server's thread has ended. Closing again,
/// or `NULL`, is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_receiver_close(receiver: *const meetctl_tencent_receiver) {
    close(receiver)
}

/// Closes the receiver (as `meetctl_tencent_receiver_close`) and frees it, with the events still
/// queued. `NULL` is a no-op. No other thread may be using it. A `meetctl_watch` it was given to
/// keeps its own reference: the watch gets no more pushed events, and may still be used.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_receiver_free(receiver: *mut meetctl_tencent_receiver) {
    boundary(|| ffi::free_box(receiver))
}

/// Starts a Huawei receiver for `webhook` (its subscriber id, key and age check; it shares the
/// webhook's memory of the event ids seen, and `webhook` may be freed afterwards) listening on
/// `addr`, an IP address and port (`"0.0.0.0:8080"`, `"[::1]:0"`); `NULL` is `"127.0.0.1:0"`,
/// loopback on a free port (`meetctl_huawei_receiver_get_port` says which). `options` may be
/// `NULL` for every default. The address is bound before this returns.
///
/// `MEETCTL_STATUS_INVALID_ARGUMENT` naming `addr` when it is not an address and port;
/// `MEETCTL_STATUS_CONNECTION` when it cannot be bound. On success `*receiver_out` receives the
/// running receiver, to close and free with `meetctl_huawei_receiver_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_receiver_start(
    webhook: *const meetctl_huawei_webhook,
    addr: *const c_char,
    options: *const meetctl_huawei_receiver_options,
    receiver_out: *mut *mut meetctl_huawei_receiver,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    start(webhook, addr, options, None, receiver_out, err_out)
}

/// As `meetctl_huawei_receiver_start`, serving HTTPS with the certificate chain `cert_pem` and its
/// private key `key_pem`, both PEM text (as `meetctl_tencent_receiver_start_tls`); the key never
/// appears in an error.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_receiver_start_tls(
    webhook: *const meetctl_huawei_webhook,
    addr: *const c_char,
    options: *const meetctl_huawei_receiver_options,
    cert_pem: *const c_char,
    key_pem: *const c_char,
    receiver_out: *mut *mut meetctl_huawei_receiver,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    start(webhook, addr, options, Some((cert_pem, key_pem)), receiver_out, err_out)
}

/// Replaces the certificate chain and key of a receiver serving HTTPS (as
/// `meetctl_tencent_receiver_reload_tls`). Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_receiver_reload_tls(
    receiver: *const meetctl_huawei_receiver,
    cert_pem: *const c_char,
    key_pem: *const c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    reload_tls(receiver, cert_pem, key_pem, err_out)
}

/// The port the receiver listens on; 0 for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_receiver_get_port(receiver: *const meetctl_huawei_receiver) -> u16 {
    port(receiver)
}

/// The address it listens on, as text (`"127.0.0.1:40123"`). Borrowed from `receiver`; `NULL` for
/// `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_receiver_get_address(
    receiver: *const meetctl_huawei_receiver,
) -> *const c_char {
    address(receiver)
}

/// How many events wait for the app; 0 for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_receiver_pending(receiver: *const meetctl_huawei_receiver) -> usize {
    pending(receiver)
}

/// The next event of any conference of the enterprise, waiting up to `timeout_ms` milliseconds
/// (0: only what is queued now). On success `*event_out` receives it (the caller's, freed with
/// `meetctl_huawei_event_free`), or `NULL` when none came within the timeout, or the receiver is
/// closed and has none left: "nothing" is `MEETCTL_STATUS_OK` with `*event_out` `NULL`. Each
/// event is given to exactly one caller, once.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_receiver_next(
    receiver: *const meetctl_huawei_receiver,
    timeout_ms: u32,
    event_out: *mut *mut meetctl_huawei_event,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    write_next(receiver, None, timeout_ms, event_out, err_out)
}

/// The next event of conference `meeting_id` (`meetingInfo.meetingID`), waiting up to
/// `timeout_ms` milliseconds; other conferences' events stay queued. `*event_out` as for
/// `meetctl_huawei_receiver_next`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_receiver_next_for(
    receiver: *const meetctl_huawei_receiver,
    meeting_id: *const c_char,
    timeout_ms: u32,
    event_out: *mut *mut meetctl_huawei_event,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    write_next(receiver, Some(meeting_id), timeout_ms, event_out, err_out)
}

/// Stops the server, from any thread: the port is released, connections in flight are dropped,
/// and calls waiting in `next` / `next_for` on other threads return within about 50 ms. Events
/// already queued can still be taken. Closing again, or `NULL`, is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_receiver_close(receiver: *const meetctl_huawei_receiver) {
    close(receiver)
}

/// Closes the receiver (as `meetctl_huawei_receiver_close`) and frees it, with the events still
/// queued. `NULL` is a no-op. No other thread may be using it.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_receiver_free(receiver: *mut meetctl_huawei_receiver) {
    boundary(|| ffi::free_box(receiver))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{meetctl_error_free, meetctl_error_get_field};
    use std::ffi::CStr;

    fn field(err: *const meetctl_error) -> String {
        // SAFETY: a failing call set err, whose field is a live string.
        unsafe { CStr::from_ptr(meetctl_error_get_field(err)) }.to_str().unwrap().to_owned()
    }

    #[test]
    fn close_from_another_thread_ends_a_wait() {
        let mut w = ptr::null_mut();
        let token = c"bVPU6F8Htxl5XkAbp3jGV2xWp";
        assert_eq!(
            crate::webhook::meetctl_tencent_webhook_new(
                token.as_ptr(),
                ptr::null(),
                0,
                &mut w,
                ptr::null_mut()
            ),
            meetctl_status::Ok
        );
        let mut r = ptr::null_mut();
        assert_eq!(
            meetctl_tencent_receiver_start(w, ptr::null(), ptr::null(), &mut r, ptr::null_mut()),
            meetctl_status::Ok
        );
        crate::webhook::meetctl_tencent_webhook_free(w);
        assert_ne!(meetctl_tencent_receiver_get_port(r), 0);
        let shared = r as usize; // the receiver is thread-safe; a pointer is not Send
        let closer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            meetctl_tencent_receiver_close(shared as *const meetctl_tencent_receiver);
        });
        let started = Instant::now();
        let mut e = ptr::dangling_mut::<meetctl_tencent_event>();
        assert_eq!(meetctl_tencent_receiver_next(r, 60_000, &mut e, ptr::null_mut()), meetctl_status::Ok);
        assert!(e.is_null());
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
        closer.join().unwrap();
        meetctl_tencent_receiver_close(r);
        meetctl_tencent_receiver_free(r);
    }

    #[test]
    fn bad_arguments_name_the_parameter() {
        let mut w = ptr::null_mut();
        let token = c"bVPU6F8Htxl5XkAbp3jGV2xWp";
        assert_eq!(
            crate::webhook::meetctl_tencent_webhook_new(
                token.as_ptr(),
                ptr::null(),
                0,
                &mut w,
                ptr::null_mut()
            ),
            meetctl_status::Ok
        );
        let mut r = ptr::null_mut();
        let mut err = ptr::null_mut();
        let start = |addr: &CStr, r: &mut *mut meetctl_tencent_receiver, err: &mut *mut meetctl_error| {
            meetctl_tencent_receiver_start(w, addr.as_ptr(), ptr::null(), r, err)
        };
        assert_eq!(start(c"localhost", &mut r, &mut err), meetctl_status::InvalidArgument);
        assert_eq!(field(err), "addr");
        meetctl_error_free(err);
        assert_eq!(start(c"127.0.0.1:\xff", &mut r, &mut err), meetctl_status::InvalidUtf8);
        assert_eq!(field(err), "addr");
        meetctl_error_free(err);
        assert!(r.is_null());
        let st =
            meetctl_tencent_receiver_next_for(ptr::null(), c"m".as_ptr(), 0, &mut ptr::null_mut(), &mut err);
        assert_eq!((st, field(err)), (meetctl_status::NullArgument, "receiver".to_owned()));
        meetctl_error_free(err);
        crate::webhook::meetctl_tencent_webhook_free(w);
    }
}
