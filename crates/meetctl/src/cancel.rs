//! Cancelling a call that waits, from another thread or from a signal check, with no change to
//! any call's signature.
//!
//! A [`CancelToken`] is bound to the thread that will make calls ([`CancelToken::bind`]); every
//! call that thread makes while it is bound reads it. The transport never blocks for longer than
//! [`SLICE`] at a time — waiting for a name lookup, connecting, reading or writing the socket
//! (under TLS or not), sleeping before a retry — and between slices it asks the bound token.
//! Once the token is [fired](CancelToken::fire) (from any thread), the call ends within a slice
//! with an [`ErrorKind::Cancelled`] error that says whether the
//! request may have reached the server. A token stays fired: every later call on a thread it is
//! bound to ends at once, before anything is sent.
//!
//! A token can also carry a check of its own ([`CancelToken::with_check`]), run on the calling
//! thread between slices: the Python binding runs Python's signal handlers there, so that Ctrl-C
//! ends a call on the main thread without a thread of its own.
//!
//! The token travels with the call through a thread-local, not through the connection: a pooled
//! connection outlives calls, and ureq's connection details carry nothing of the request.
//!
//! ```
//! use meetctl::CancelToken;
//!
//! let token = CancelToken::new();
//! let remote = token.clone();
//! let _bound = token.bind(); // calls made on this thread from here on can be cancelled
//! std::thread::spawn(move || remote.fire());
//! ```

use std::cell::{Cell, RefCell};
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Error, ErrorKind};

/// The longest the transport blocks before it looks at the bound token again: a fired token ends
/// a call at most this long (plus the time to return) later.
pub const SLICE: Duration = Duration::from_millis(50);

/// A check run on the calling thread between slices: `true` cancels the call.
type Check = dyn Fn() -> bool + Send + Sync;

/// A handle that cancels the calls of the threads it is bound to. Cheap to clone (clones share
/// one state) and safe to fire from any thread.
#[derive(Clone, Default)]
pub struct CancelToken {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    fired: AtomicBool,
    check: Option<Box<Check>>,
}

impl fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CancelToken").field("fired", &self.is_fired()).finish_non_exhaustive()
    }
}

impl CancelToken {
    /// A token not yet fired.
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// A token that, besides being fired, cancels a call when `check` (run on the calling thread
    /// between slices of waiting) returns `true`; the token is fired then.
    pub fn with_check(check: impl Fn() -> bool + Send + Sync + 'static) -> CancelToken {
        CancelToken { inner: Arc::new(Inner { fired: AtomicBool::new(false), check: Some(Box::new(check)) }) }
    }

    /// Cancels the calls in flight on every thread this token is bound to, and every later one.
    pub fn fire(&self) {
        self.inner.fired.store(true, Ordering::Release);
    }

    /// Whether [`fire`](CancelToken::fire) was called (or the check said so).
    pub fn is_fired(&self) -> bool {
        self.inner.fired.load(Ordering::Acquire)
    }

    /// Binds this token to the calling thread until the guard is dropped (the token bound before
    /// is bound again then).
    pub fn bind(&self) -> BoundToken {
        BoundToken { previous: bind_thread(Some(self.clone())), _not_send: std::marker::PhantomData }
    }

    /// Whether the call should stop now: fired, or the check says so (and then fires it).
    fn should_stop(&self) -> bool {
        if self.is_fired() {
            return true;
        }
        let stop = self.inner.check.as_ref().is_some_and(|check| check());
        if stop {
            self.fire();
        }
        stop
    }
}

/// Keeps a [`CancelToken`] bound to the thread that made it; dropping it binds the previous one
/// again. Not `Send`: it belongs to its thread.
#[must_use = "the token is unbound when the guard is dropped"]
pub struct BoundToken {
    previous: Option<CancelToken>,
    _not_send: std::marker::PhantomData<*const ()>,
}

impl fmt::Debug for BoundToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BoundToken").finish_non_exhaustive()
    }
}

impl Drop for BoundToken {
    fn drop(&mut self) {
        bind_thread(self.previous.take());
    }
}

thread_local! {
    /// The token calls on this thread read.
    static BOUND: RefCell<Option<CancelToken>> = const { RefCell::new(None) };
    /// Whether the call in flight on this thread may have sent (part of) its request.
    static REQUEST_SENT: Cell<bool> = const { Cell::new(false) };
}

/// Binds `token` (or none) to the calling thread and returns the one bound before. What the C
/// binding's `meetctl_cancel_bind` and `meetctl_cancel_unbind` are made of; Rust callers use
/// [`CancelToken::bind`].
pub fn bind_thread(token: Option<CancelToken>) -> Option<CancelToken> {
    BOUND.with(|bound| bound.replace(token))
}

/// Marks the start of one request on this thread (all its attempts): nothing of it has gone out
/// yet.
pub(crate) fn request_starts() {
    REQUEST_SENT.set(false);
}

/// Notes that bytes of the request are about to go out: a cancel from now on may leave an
/// operation done.
pub(crate) fn request_goes_out() {
    REQUEST_SENT.set(true);
}

/// A call that must stop now, if the token bound to this thread says so (checked between
/// slices of waiting; cheap when no token is bound).
pub(crate) fn check() -> Result<(), Error> {
    let stop = BOUND.with(|bound| bound.borrow().as_ref().is_some_and(CancelToken::should_stop));
    match stop {
        true => Err(cancelled(REQUEST_SENT.get())),
        false => Ok(()),
    }
}

/// As [`check`], without running the token's own check: only whether it was fired. Cheap enough
/// for the start of every attempt (a check may take a lock, such as Python's GIL).
pub(crate) fn check_fired() -> Result<(), Error> {
    let fired = BOUND.with(|bound| bound.borrow().as_ref().is_some_and(CancelToken::is_fired));
    match fired {
        true => Err(cancelled(REQUEST_SENT.get())),
        false => Ok(()),
    }
}

/// Runs `work`, a step an operation takes before its own request (fetching a token): a call
/// cancelled there has sent nothing of the operation, whatever `work` sent.
pub(crate) fn preliminary<T>(work: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    work().map_err(|e| match e.kind() {
        ErrorKind::Cancelled => cancelled(false).with_attempts(e.attempts()),
        _ => e,
    })
}

/// The error of a cancelled call.
pub(crate) fn cancelled(request_may_have_been_sent: bool) -> Error {
    let message = match request_may_have_been_sent {
        true => "the call was cancelled after its request was sent: the operation may have taken effect",
        false => "the call was cancelled before its request was sent: nothing was done",
    };
    Error::new(ErrorKind::Cancelled, message).with_request_sent(request_may_have_been_sent)
}

/// Sleeps until `until`, or less when the bound token cancels the call (checked every [`SLICE`]).
pub(crate) fn sleep_until(until: Instant) -> Result<(), Error> {
    loop {
        check()?;
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(());
        }
        std::thread::sleep(left.min(SLICE));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bound_token_cancels_once_fired_and_is_unbound_with_its_guard() {
        assert!(check().is_ok(), "no token bound");
        let token = CancelToken::new();
        {
            let _bound = token.bind();
            assert!(check().is_ok());
            token.clone().fire();
            let e = check().unwrap_err();
            assert_eq!((e.kind(), e.request_may_have_been_sent()), (ErrorKind::Cancelled, Some(false)));
            request_goes_out();
            assert_eq!(check().unwrap_err().request_may_have_been_sent(), Some(true));
            request_starts();
        }
        assert!(check().is_ok(), "unbound with the guard");
    }

    #[test]
    fn a_check_fires_the_token_on_the_calling_thread() {
        let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let seen = Arc::clone(&calls);
        let token = CancelToken::with_check(move || seen.fetch_add(1, Ordering::SeqCst) >= 2);
        let _bound = token.bind();
        assert!(check().is_ok() && check().is_ok());
        assert!(check().is_err() && token.is_fired());
        assert!(check().is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 3, "not asked again once fired");
    }

    #[test]
    fn a_sleep_ends_within_a_slice_of_the_fire() {
        let token = CancelToken::new();
        let _bound = token.bind();
        let remote = token.clone();
        let firing = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(30));
            remote.fire();
        });
        let started = Instant::now();
        let e = sleep_until(started + Duration::from_secs(10)).unwrap_err();
        firing.join().unwrap();
        assert_eq!(e.kind(), ErrorKind::Cancelled);
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    }
}
