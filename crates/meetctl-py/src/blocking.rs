//! Blocking core calls: the GIL released, and Ctrl-C seen while one waits.
//!
//! Python runs signal handlers (the one behind `KeyboardInterrupt`) on the main thread only, and
//! only when that thread runs Python code. A main thread blocked in a native call therefore cannot
//! see Ctrl-C until the call returns (the core's HTTP reads carry on after `EINTR`, as they must:
//! any signal interrupts them). So on the main thread a blocking core call runs on a worker thread
//! while the main thread waits for it in slices of [`SLICE`], running the signal handlers between
//! slices with the GIL held for a moment. When a handler raises (`KeyboardInterrupt`, or whatever
//! a handler installed with `signal.signal` raises), that exception is returned at once with a
//! note that the operation may or may not have taken effect; the worker finishes the call in the
//! background, bounded by the call's deadline (the client's `timeout`), drops its result and
//! exits.
//!
//! The worker is kept for the next call, so a call on the main thread costs two thread hand-offs
//! and no thread creation. A hand-off to a parked thread costs a wake-up (several to tens of
//! microseconds, most on a virtual machine), so each side briefly watches for the other before
//! it parks: the worker for the next job while calls come one after another ([`BURST_SPIN`]), the
//! main thread for a result that comes at once ([`RESULT_SPIN`]); what remains for a call that
//! reaches the network is the main thread's one wake-up when the answer is in
//! (`tests/python/bench_interrupt.py` measures it). Work runs on the worker only as owned
//! (`'static`) closures: after an interrupt the caller's borrows are gone while the call goes on.
//! On every other thread, where no signal handler ever runs, the call runs in place with the GIL
//! released (`Python::detach`), as before.
//!
//! The call's log records are handed to Python's `logging` by the thread that made the call, with
//! the GIL it holds anyway (`logging.rs`): by the main thread as they come (within a wait slice)
//! and when the call returns; by any other thread when the call returns.
//!
//! After `os.fork()` the child has no worker thread (only the forking thread survives): the kept
//! worker is dropped (the process id it was made in no longer matches, or the `register_at_fork`
//! hook runs first) and the forking thread becomes the main thread, as Python itself has it.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyList, PyTuple};

use crate::logging::Captured;

/// How long the main thread waits before it runs the signal handlers again: a `KeyboardInterrupt`
/// reaches the caller at most this long (plus the time to take the GIL) after Ctrl-C.
const SLICE: Duration = Duration::from_millis(50);

/// How long a worker in a burst of calls watches for the next one before it parks (see [`serve`]).
const BURST_SPIN: Duration = Duration::from_micros(50);

/// How long the main thread watches for the result before it parks: about as long as a call
/// that fails before sending anything (a bad argument the core refuses, an unsupported operation)
/// takes, so that such calls cost no wake-up; a call that reaches the network is never that quick.
const RESULT_SPIN: Duration = Duration::from_micros(10);

/// What the caller is told when a signal handler raised while a call was in flight.
const INTERRUPTED_NOTE: &str = "meetctl: interrupted while waiting for the server; the operation may or may \
     not have taken effect (the request completes or times out in the background, within the client's \
     timeout)";

/// Bumped in a forked child, where the forking thread is the main thread: every thread's cached
/// answer to "am I the main thread?" is then stale.
static FORKS: AtomicU64 = AtomicU64::new(0);

/// A unit of work for a worker thread, and when it was handed over.
struct Job {
    sent: Instant,
    run: Box<dyn FnOnce() + Send>,
}

/// A worker thread and the process it was started in.
struct Worker {
    pid: u32,
    jobs: mpsc::Sender<Job>,
}

thread_local! {
    /// The main thread's idle worker (only the main thread hands work over, so it is its own).
    static IDLE: Cell<Option<Worker>> = const { Cell::new(None) };
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

/// In a forked child the forking thread is the main thread (as Python has it), and the parent's
/// worker thread does not exist.
pub(crate) fn init(py: Python<'_>) -> PyResult<()> {
    let os = py.import("os")?;
    if os.hasattr("register_at_fork")? {
        let hook = PyCFunction::new_closure(
            py,
            None,
            None,
            |_: &Bound<'_, PyTuple>, _: Option<&Bound<'_, PyDict>>| -> PyResult<()> {
                FORKS.fetch_add(1, Ordering::Relaxed);
                forget_idle_worker();
                Ok(())
            },
        )?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("after_in_child", hook)?;
        os.call_method("register_at_fork", (), Some(&kwargs))?;
    }
    Ok(())
}

/// In a forked child: the worker's thread does not exist here. Its channel is leaked, not dropped
/// (the thread may have held the channel's lock when the process forked).
fn forget_idle_worker() {
    if let Some(worker) = IDLE.take() {
        std::mem::forget(worker);
    }
}

/// The main thread's worker: the idle one, or a new one.
fn take_worker() -> Option<Worker> {
    let pid = std::process::id();
    if let Some(worker) = IDLE.take() {
        if worker.pid == pid {
            return Some(worker);
        }
        // Forked without the `register_at_fork` hook (a fork from C).
        std::mem::forget(worker);
    }
    let (jobs, queue) = mpsc::channel::<Job>();
    thread::Builder::new().name("meetctl-call".to_owned()).spawn(move || serve(&queue)).ok()?;
    Some(Worker { pid, jobs })
}

/// A worker thread's life: runs jobs until the main thread drops the worker (after an interrupt,
/// once the abandoned call is over).
///
/// Waking a parked thread takes several microseconds (more on a busy or virtual machine), so
/// while calls come one after another (the last job was handed over within [`BURST_SPIN`] of the
/// end of the one before) the worker watches for the next job for up to that long before it
/// parks; a call on its own never spins.
fn serve(queue: &mpsc::Receiver<Job>) {
    let mut finished: Option<Instant> = None;
    // Whether the last job was handed over within `BURST_SPIN` of the end of the one before.
    let mut in_burst = false;
    loop {
        let spun = if in_burst { spin_for_job(queue) } else { None };
        let job = match spun {
            Some(job) => job,
            None => match queue.recv() {
                Ok(job) => job,
                Err(mpsc::RecvError) => return,
            },
        };
        in_burst = finished.is_some_and(|at| job.sent.saturating_duration_since(at) < BURST_SPIN);
        (job.run)();
        finished = Some(Instant::now());
    }
}

/// The next job if it comes within [`BURST_SPIN`].
fn spin_for_job(queue: &mpsc::Receiver<Job>) -> Option<Job> {
    poll(BURST_SPIN, || match queue.try_recv() {
        Ok(job) => Some(Some(job)),
        Err(mpsc::TryRecvError::Empty) => None,
        Err(mpsc::TryRecvError::Disconnected) => Some(None),
    })
    .flatten()
}

/// The result if it comes within [`RESULT_SPIN`] (a call that does not reach the network).
fn wait_briefly_for_result<T>(result: &mpsc::Receiver<T>) -> Option<T> {
    poll(RESULT_SPIN, || result.try_recv().ok())
}

/// Polls `ready` until it has something or `limit` has passed, yielding the CPU between polls:
/// on an idle machine that is about as quick as spinning, and on a busy one the thread being
/// waited for may need this very CPU (spinning there was measured several times slower).
fn poll<T>(limit: Duration, mut ready: impl FnMut() -> Option<T>) -> Option<T> {
    let started = Instant::now();
    loop {
        if let Some(value) = ready() {
            return Some(value);
        }
        if started.elapsed() >= limit {
            return None;
        }
        thread::yield_now();
    }
}

/// Runs `work`, which may block (network I/O, waiting for a token refresh), with the GIL
/// released. On Python's main thread a signal handler that raises while `work` runs ends the wait
/// with its exception (see the module documentation); a panic in `work` is a panic here.
pub(crate) fn run<T, F>(py: Python<'_>, work: F) -> PyResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    if !on_main_thread(py) {
        // The call's log records wait until the GIL is back: handing one to `logging` from inside
        // would take the GIL once more per HTTP exchange, contended when threads share a client.
        let logs = Captured::new();
        let value = py.detach(|| logs.during(work));
        logs.emit();
        return Ok(value);
    }
    let Some(worker) = take_worker() else {
        // No thread could be started: run in place, uninterruptible, rather than fail the call.
        return Ok(py.detach(work));
    };
    let (done, result) = mpsc::sync_channel::<thread::Result<T>>(1);
    let logs = Captured::new();
    let worker_logs = logs.clone();
    let run = Box::new(move || {
        let outcome = worker_logs.during(|| panic::catch_unwind(AssertUnwindSafe(work)));
        if done.send(outcome).is_err() {
            // The caller was interrupted: the result is dropped, the records are logged here.
            worker_logs.emit();
        }
    });
    let (mut worker, mut result, mut outcome) = py.detach(move || {
        let worker = match worker.jobs.send(Job { sent: Instant::now(), run }) {
            Ok(()) => Some(worker),
            // The worker's thread is gone (it cannot be, short of a fork): run the job here.
            Err(mpsc::SendError(job)) => {
                (job.run)();
                None
            }
        };
        let outcome = match wait_briefly_for_result(&result) {
            Some(finished) => Ok(finished),
            None => result.recv_timeout(SLICE),
        };
        (worker, result, outcome)
    });
    loop {
        match outcome {
            Ok(finished) => {
                logs.emit();
                if let Some(worker) = worker.take() {
                    // Replaces (and so ends) a worker a nested call left there, if any.
                    IDLE.set(Some(worker));
                }
                return match finished {
                    Ok(value) => Ok(value),
                    Err(payload) => panic::resume_unwind(payload),
                };
            }
            Err(RecvTimeoutError::Timeout) => {
                logs.emit();
                if let Err(error) = py.check_signals() {
                    // From now on the worker logs the call's records itself; any it captured
                    // before a result it could still send are logged here.
                    drop(result);
                    logs.emit();
                    // Dropping `worker` ends its thread once the abandoned call is over.
                    return Err(interrupted(py, error));
                }
                (result, outcome) = py.detach(move || {
                    let outcome = result.recv_timeout(SLICE);
                    (result, outcome)
                });
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(PyRuntimeError::new_err("meetctl: the thread running the call stopped"));
            }
        }
    }
}

/// `error`, raised by a signal handler while a call was in flight, with a note saying so.
fn interrupted(py: Python<'_>, error: PyErr) -> PyErr {
    let value = error.value(py);
    if value.hasattr("add_note").unwrap_or(false) {
        // Python 3.11 and later: shown under the traceback.
        let _ = value.call_method1("add_note", (INTERRUPTED_NOTE,));
        return error;
    }
    // Python 3.9 and 3.10: PEP 678's attribute all the same (the `exceptiongroup` backport shows
    // it), and the message of an exception without one (a bare `KeyboardInterrupt`).
    let notes = value.getattr("__notes__").ok().and_then(|n| n.cast_into::<PyList>().ok());
    let notes = notes.unwrap_or_else(|| PyList::empty(py));
    if notes.append(INTERRUPTED_NOTE).is_ok() {
        let _ = value.setattr("__notes__", notes);
    }
    if value.getattr("args").and_then(|a| a.len()).is_ok_and(|n| n == 0) {
        let _ = value.setattr("args", (INTERRUPTED_NOTE,));
    }
    error
}
