//! `meetctl_cancel`: cancelling a call that waits on the network, from another thread, with no
//! change to any call's signature. A thin layer over the core's `meetctl::CancelToken` and
//! `meetctl::cancel::bind_thread`.

use meetctl::CancelToken;
use meetctl::cancel::bind_thread;

use crate::error::{fallible, meetctl_error};
use crate::ffi;
use crate::panic::boundary;
use crate::status::meetctl_status;

/// A cancel handle: bound to a thread (`meetctl_cancel_bind`), it cancels that thread's calls
/// once fired (`meetctl_cancel_fire`, from any thread). Made with `meetctl_cancel_new`, freed
/// with `meetctl_cancel_free`.
///
/// Every blocking point of a call made on a thread the handle is bound to (name lookup, connect,
/// socket reads and writes, the wait before a retry) waits in slices of at most 50 ms; once the
/// handle is fired, the call ends within a slice with `MEETCTL_STATUS_CANCELLED`, and
/// `meetctl_error_get_request_may_have_been_sent` says whether the operation may have taken
/// effect. A fired handle stays fired: every later call on a thread it is bound to fails at once,
/// before anything is sent. Make a new handle for the next cancellable call.
///
/// Thread safety: thread-safe. `meetctl_cancel_fire` and `meetctl_cancel_is_fired` may be called
/// on one handle from any number of threads at once, also while calls it cancels are running;
/// one handle may be bound to several threads. Binding and unbinding act on the calling thread
/// only. A binding holds its own reference to the handle's state: the handle may be freed while it
/// is still bound (the binding keeps working until `meetctl_cancel_unbind`, or until another
/// handle is bound, or until the thread ends), but no thread may use the handle itself any more.
pub struct meetctl_cancel {
    token: CancelToken,
}

/// A new cancel handle, not fired and bound to no thread. Never `NULL` (allocation failure
/// aborts). Free it with `meetctl_cancel_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_cancel_new() -> *mut meetctl_cancel {
    boundary(|| ffi::into_handle(meetctl_cancel { token: CancelToken::new() }))
}

/// Frees a cancel handle. `NULL` is a no-op. Freeing a handle that is still bound to a thread is
/// safe: the binding holds its own reference, and stays until that thread calls
/// `meetctl_cancel_unbind` (or binds another handle, or ends). A handle freed that way can no
/// longer be fired, so its binding then cancels nothing (unless it was fired before).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_cancel_free(handle: *mut meetctl_cancel) {
    boundary(|| ffi::free_box(handle))
}

/// Binds `handle` to the calling thread: from now on, every call this thread makes can be
/// cancelled by firing `handle` (from any thread). Replaces the handle bound to this thread
/// before, if any (bindings do not nest); other threads are not affected. Binding a handle that
/// is already fired makes every later call of this thread fail at once with
/// `MEETCTL_STATUS_CANCELLED`.
///
/// `MEETCTL_STATUS_NULL_ARGUMENT` (field `handle`) when `handle` is `NULL`; the thread's binding
/// is then left as it was.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_cancel_bind(
    handle: *const meetctl_cancel,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let handle = ffi::try_ref(handle, "handle")?;
        drop(bind_thread(Some(handle.token.clone())));
        Ok(())
    })
}

/// Unbinds whatever cancel handle is bound to the calling thread: its later calls can no longer
/// be cancelled. A no-op when none is bound. Other threads are not affected.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_cancel_unbind() {
    boundary(|| drop(bind_thread(None)))
}

/// Fires `handle`: the calls in flight on every thread it is bound to end with
/// `MEETCTL_STATUS_CANCELLED` within a slice of waiting (50 ms) of the fire, and every later call
/// on those threads fails at once the same way. Callable from any
/// thread (a UI thread, a watchdog), any number of times. `NULL` is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_cancel_fire(handle: *const meetctl_cancel) {
    boundary(|| {
        if let Some(handle) = ffi::opt_ref(handle) {
            handle.token.fire();
        }
    })
}

/// Whether `handle` was fired. `false` for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_cancel_is_fired(handle: *const meetctl_cancel) -> bool {
    boundary(|| ffi::opt_ref(handle).is_some_and(|h| h.token.is_fired()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{
        meetctl_error_free, meetctl_error_get_field, meetctl_error_get_kind,
        meetctl_error_get_request_may_have_been_sent, meetctl_error_get_status,
    };
    use crate::status::meetctl_error_kind;
    use crate::tencent::{
        meetctl_tencent_client, meetctl_tencent_client_free, meetctl_tencent_client_new_enterprise,
        meetctl_tencent_client_set_cohost,
    };
    use crate::tencent_user::meetctl_tencent_user;
    use std::ffi::{CStr, CString};
    use std::io::Read;
    use std::net::TcpListener;
    use std::ptr;
    use std::time::{Duration, Instant};

    /// A client of `base_url` with one attempt per exchange and a 30 s timeout.
    fn client(base_url: &str) -> *mut meetctl_tencent_client {
        let cfg = crate::config::meetctl_config_new();
        let url = CString::new(base_url).unwrap();
        let ok = meetctl_status::Ok;
        assert_eq!(crate::config::meetctl_config_set_base_url(cfg, url.as_ptr(), ptr::null_mut()), ok);
        assert_eq!(crate::config::meetctl_config_disable_proxy(cfg, ptr::null_mut()), ok);
        assert_eq!(crate::config::meetctl_config_set_timeout_ms(cfg, 30_000, ptr::null_mut()), ok);
        assert_eq!(crate::config::meetctl_config_set_max_attempts(cfg, 1, ptr::null_mut()), ok);
        let mut c = ptr::null_mut();
        let st = meetctl_tencent_client_new_enterprise(
            cfg,
            c"210000001".as_ptr(),
            c"AKID".as_ptr(),
            c"key".as_ptr(),
            ptr::null(),
            &mut c,
            ptr::null_mut(),
        );
        assert_eq!(st, ok);
        crate::config::meetctl_config_free(cfg);
        c
    }

    /// One set-cohost call: its status, kind and request-may-have-been-sent flag.
    fn call(c: *const meetctl_tencent_client) -> (meetctl_status, meetctl_error_kind, i32) {
        let host = meetctl_tencent_user { id_kind: 4, id: c"afagsagwags".as_ptr(), instance: 4 };
        let bob = meetctl_tencent_user { id_kind: 4, id: c"agaqwwgdkkddd".as_ptr(), instance: 2 };
        let mut err = ptr::null_mut();
        let st = meetctl_tencent_client_set_cohost(c, c"1242152152161".as_ptr(), &host, &bob, &mut err);
        let out = (st, meetctl_error_get_kind(err), meetctl_error_get_request_may_have_been_sent(err));
        assert_eq!(meetctl_error_get_status(err), st);
        meetctl_error_free(err);
        out
    }

    /// A server on loopback that accepts and reads, and never answers.
    fn silent_server() -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(mut conn) = conn else { return };
                std::thread::spawn(move || {
                    let mut buf = [0u8; 4096];
                    while matches!(conn.read(&mut buf), Ok(n) if n > 0) {}
                });
            }
        });
        url
    }

    #[test]
    fn a_fire_from_another_thread_ends_a_call_waiting_for_its_answer() {
        let c = client(&silent_server());
        let handle = meetctl_cancel_new();
        assert!(!meetctl_cancel_is_fired(handle));
        assert_eq!(meetctl_cancel_bind(handle, ptr::null_mut()), meetctl_status::Ok);
        let remote = handle as usize; // the handle is thread-safe; a pointer is not Send
        let firing = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            meetctl_cancel_fire(remote as *const meetctl_cancel);
            Instant::now()
        });
        let started = Instant::now();
        let outcome = call(c);
        let returned = Instant::now();
        let fired_at = firing.join().unwrap();
        assert_eq!(outcome, (meetctl_status::Cancelled, meetctl_error_kind::Cancelled, 1));
        assert!(returned - started < Duration::from_secs(1), "{:?}", returned - started);
        assert!(returned >= fired_at, "returned before the fire");
        assert!(meetctl_cancel_is_fired(handle));

        // Fired stays fired: the next call of this thread fails at once, before anything is sent.
        let started = Instant::now();
        assert_eq!(call(c), (meetctl_status::Cancelled, meetctl_error_kind::Cancelled, 0));
        assert!(started.elapsed() < Duration::from_millis(500), "{:?}", started.elapsed());

        // Another thread is not bound: its call goes out (nothing listens on port 1).
        let elsewhere = client("http://127.0.0.1:1") as usize;
        let other = std::thread::spawn(move || call(elsewhere as *const meetctl_tencent_client));
        assert_eq!(other.join().unwrap(), (meetctl_status::Connection, meetctl_error_kind::Connection, -1));
        meetctl_tencent_client_free(elsewhere as *mut meetctl_tencent_client);
        meetctl_cancel_unbind();
        meetctl_cancel_free(handle);
        meetctl_tencent_client_free(c);
    }

    #[test]
    fn a_handle_freed_while_bound_keeps_its_binding_until_unbound() {
        let c = client("http://127.0.0.1:1");
        let handle = meetctl_cancel_new();
        meetctl_cancel_fire(handle);
        assert_eq!(meetctl_cancel_bind(handle, ptr::null_mut()), meetctl_status::Ok);
        meetctl_cancel_free(handle); // the binding holds its own reference
        assert_eq!(call(c), (meetctl_status::Cancelled, meetctl_error_kind::Cancelled, 0));
        meetctl_cancel_unbind();
        // Unbound: the call goes out (nothing listens on port 1).
        assert_eq!(call(c), (meetctl_status::Connection, meetctl_error_kind::Connection, -1));
        meetctl_cancel_unbind(); // nothing bound: a no-op
        meetctl_tencent_client_free(c);
    }

    #[test]
    fn null_handles_are_refused_or_harmless() {
        let mut err = ptr::null_mut();
        assert_eq!(meetctl_cancel_bind(ptr::null(), &mut err), meetctl_status::NullArgument);
        // SAFETY: the failing call set err, whose field is a live string.
        let field = unsafe { CStr::from_ptr(meetctl_error_get_field(err)) };
        assert_eq!(field.to_str().unwrap(), "handle");
        assert_eq!(meetctl_error_get_request_may_have_been_sent(err), -1);
        meetctl_error_free(err);
        assert_eq!(meetctl_cancel_bind(ptr::null(), ptr::null_mut()), meetctl_status::NullArgument);
        meetctl_cancel_fire(ptr::null());
        assert!(!meetctl_cancel_is_fired(ptr::null()));
        meetctl_cancel_free(ptr::null_mut());
    }
}
