//! Blocking core calls: the GIL released, and Ctrl-C seen while one waits, with no thread of
//! its own.
//!
//! Python runs signal handlers (the one behind `KeyboardInterrupt`) on the main thread only, and
//! only when that thread runs Python code. A main thread blocked in a native call would therefore
//! not see Ctrl-C until the call returned. So a call on the main thread runs with a
//! [`CancelToken`] bound whose check takes the GIL back and runs Python's signal handlers: the
//! core never blocks for more than a slice (50 ms) at a time (waiting for a name lookup,
//! connecting, reading or writing the socket, sleeping before a retry) and runs the check between
//! slices. When a handler raises (`KeyboardInterrupt`, or whatever a handler installed with
//! `signal.signal` raises), the call ends cancelled at once (its connection closed, nothing
//! carried on in the background) and that exception is raised, with a note that says whether the
//! operation may have taken effect (whether its request had started to go out).
//!
//! A call that never waits a whole slice (a pooled call to a server that answers) never runs the
//! check: it costs the token and nothing else. On every other thread, where no signal handler
//! ever runs, the call runs with the GIL released (`Python::detach`) and no token.
//!
//! The call's log records wait until the GIL is back: handing one to `logging` from inside would
//! take the GIL once more per HTTP exchange, contended when threads share a client
//! (`logging.rs`). They are handed over by the thread that made the call when it returns.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use meetctl::{CancelToken, Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyList, PyTuple};

use crate::logging::Captured;

/// What the caller is told when a signal handler raised after the call's request started to go
/// out.
const SENT_NOTE: &str = "meetctl: interrupted while waiting for the server; the operation may or may not \
     have taken effect (its request had been sent; the call was cancelled)";

/// What the caller is told when a signal handler raised before the call's request went out.
const NOT_SENT_NOTE: &str =
    "meetctl: interrupted before the request was sent; nothing was done (the call was cancelled)";

/// Bumped in a forked child, where the forking thread is the main thread: every thread's cached
/// answer to "am I the main thread?" is then stale.
static FORKS: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// Whether this thread is Python's main thread, as of fork count `.0`.
    static IS_MAIN: Cell<(u64, Option<bool>)> = const { Cell::new((0, None)) };
}

/// Whether the calling thread is Python's main thread, the one that runs signal handlers (asked
/// of `threading` once per thread, and again after a fork).
fn on_main_thread(py: Python<'_>) -> bool {
    let forks = FORKS.load(Ordering::Relaxed);
    match IS_MAIN.get() {
        (seen, Some(known)) if seen == forks => known,
        _ => {
            let known = ask_main_thread(py).unwrap_or(false);
            IS_MAIN.set((forks, Some(known)));
            known
        }
    }
}

fn ask_main_thread(py: Python<'_>) -> PyResult<bool> {
    let threading = py.import("threading")?;
    let main = threading.call_method0("main_thread")?.getattr("ident")?;
    main.eq(threading.call_method0("get_ident")?)
}

/// In a forked child the forking thread is the main thread, as Python has it.
pub(crate) fn init(py: Python<'_>) -> PyResult<()> {
    let os = py.import("os")?;
    if os.hasattr("register_at_fork")? {
        let hook = PyCFunction::new_closure(
            py,
            None,
            None,
            |_: &Bound<'_, PyTuple>, _: Option<&Bound<'_, PyDict>>| -> PyResult<()> {
                FORKS.fetch_add(1, Ordering::Relaxed);
                Ok(())
            },
        )?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("after_in_child", hook)?;
        os.call_method("register_at_fork", (), Some(&kwargs))?;
    }
    Ok(())
}

/// Runs `work`, which may block (network I/O, waiting for a token refresh), with the GIL
/// released. On Python's main thread a signal handler that raises while `work` waits cancels it
/// and its exception is returned (see the module documentation).
pub(crate) fn run<T, F>(py: Python<'_>, work: F) -> PyResult<Result<T, Error>>
where
    T: Send,
    F: FnOnce() -> Result<T, Error> + Send,
{
    let logs = Captured::new();
    if !on_main_thread(py) {
        let value = py.detach(|| logs.during(work));
        logs.emit();
        return Ok(value);
    }
    let raised: Arc<Mutex<Option<PyErr>>> = Arc::default();
    let slot = Arc::clone(&raised);
    let token = CancelToken::with_check(move || {
        Python::attach(|py| match py.check_signals() {
            Ok(()) => false,
            Err(error) => {
                *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(error);
                true
            }
        })
    });
    let value = py.detach(|| {
        let _bound = token.bind();
        logs.during(work)
    });
    logs.emit();
    let raised = raised.lock().unwrap_or_else(|p| p.into_inner()).take();
    match raised {
        None => Ok(value),
        Some(error) => {
            let sent = match &value {
                Err(e) if e.kind() == ErrorKind::Cancelled => e.request_may_have_been_sent().unwrap_or(true),
                // The handler raised, yet the call went on to an end of its own: it was sent.
                _ => true,
            };
            Err(interrupted(py, error, if sent { SENT_NOTE } else { NOT_SENT_NOTE }))
        }
    }
}

/// `error`, raised by a signal handler while a call was in flight, with `note`.
fn interrupted(py: Python<'_>, error: PyErr, note: &str) -> PyErr {
    let value = error.value(py);
    if value.hasattr("add_note").unwrap_or(false) {
        // Python 3.11 and later: shown under the traceback.
        let _ = value.call_method1("add_note", (note,));
        return error;
    }
    // Python 3.9 and 3.10: PEP 678's attribute all the same (the `exceptiongroup` backport shows
    // it), and the message of an exception without one (a bare `KeyboardInterrupt`).
    let notes = value.getattr("__notes__").ok().and_then(|n| n.cast_into::<PyList>().ok());
    let notes = notes.unwrap_or_else(|| PyList::empty(py));
    if notes.append(note).is_ok() {
        let _ = value.setattr("__notes__", notes);
    }
    if value.getattr("args").and_then(|a| a.len()).is_ok_and(|n| n == 0) {
        let _ = value.setattr("args", (note,));
    }
    error
}
