//! The core's `log` records, in Python's `logging`.
//!
//! Records of `meetctl` targets go to the logger of the same dotted name (`meetctl::transport` →
//! `meetctl.transport`, a child of `meetctl`) through `pyo3-log`, with two additions:
//!
//! - An exception raised while a record is handled (a failing filter or handler; on the main
//!   thread, a `KeyboardInterrupt` from a signal handler run by the logging code) is not left set
//!   on the thread, where it would turn the call's result into `SystemError: ... returned a result
//!   with an exception set`. It goes to `sys.unraisablehook`, except a `KeyboardInterrupt`, which
//!   is delivered again (as if Ctrl-C were pressed again) so that it still reaches the caller.
//! - A call that runs on a worker thread for the main thread (`blocking.rs`) does not take the GIL
//!   for its records: they are [captured](Captured) and the main thread, which waits for the call,
//!   hands them to `logging` as they come (within a wait slice) and when the call returns, so
//!   handlers see them on the thread that made the call, as before. Taking the GIL from a thread
//!   Python does not know makes and drops a thread state each time (tens of microseconds).
//!
//! Once the interpreter starts shutting down (an `atexit` hook), records are dropped: a worker
//! thread finishing an abandoned call must not take the GIL of an interpreter being finalised.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use log::{Level, LevelFilter, Log, Metadata, Record};
use pyo3::exceptions::PyKeyboardInterrupt;
use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyTuple};

/// Set by an `atexit` hook: the interpreter is shutting down.
static FINALIZING: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Where this thread's records go instead of Python, while it runs a call for the main thread.
    static CAPTURE: RefCell<Option<Captured>> = const { RefCell::new(None) };
}

/// Installs the logger. Only `meetctl` targets are forwarded: the HTTP and TLS libraries
/// underneath log a great deal at debug level, under their own names, and each forwarded record
/// costs a trip into Python. Loggers are cached but levels are not, so a level set in Python at
/// any time takes effect at once (the core logs one record per HTTP exchange). Installing fails
/// only when this module's copy of `log` already has a logger, which cannot happen twice in one
/// process; it is ignored.
pub(crate) fn install(py: Python<'_>) {
    if let Ok(logger) = pyo3_log::Logger::new(py, pyo3_log::Caching::Loggers) {
        let logger = logger.filter(LevelFilter::Off).filter_target("meetctl".to_owned(), LevelFilter::Trace);
        if log::set_boxed_logger(Box::new(PythonLogging(logger))).is_ok() {
            log::set_max_level(LevelFilter::Trace);
        }
    }
    if let Ok(stop) =
        PyCFunction::new_closure(py, None, None, |_: &Bound<'_, PyTuple>, _: Option<&Bound<'_, PyDict>>| {
            FINALIZING.store(true, Ordering::Relaxed)
        })
    {
        let _ = py.import("atexit").and_then(|atexit| atexit.call_method1("register", (stop,)));
    }
}

/// `pyo3-log`'s logger with the additions of the module documentation.
struct PythonLogging(pyo3_log::Logger);

impl Log for PythonLogging {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        self.0.enabled(metadata)
    }

    fn log(&self, record: &Record<'_>) {
        if FINALIZING.load(Ordering::Relaxed) || !self.0.enabled(record.metadata()) {
            return;
        }
        let captured = CAPTURE.with_borrow(|capture| capture.as_ref().map(|c| c.push(record)));
        if captured.is_some() {
            return;
        }
        Python::try_attach(|py| {
            let earlier = PyErr::take(py);
            self.0.log(record);
            if let Some(error) = PyErr::take(py) {
                if error.is_instance_of::<PyKeyboardInterrupt>(py) {
                    // As if SIGINT arrived again: raised at the main thread's next check.
                    let _ = py.import("_thread").and_then(|t| t.call_method0("interrupt_main"));
                } else {
                    error.write_unraisable(py, None);
                }
            }
            if let Some(earlier) = earlier {
                earlier.restore(py);
            }
        });
    }

    fn flush(&self) {}
}

/// A record, owned.
struct OwnedRecord {
    level: Level,
    target: String,
    message: String,
    module_path: Option<String>,
    file: Option<String>,
    line: Option<u32>,
}

/// Records captured on a worker thread, for another thread to hand to `logging`.
#[derive(Clone, Default)]
pub(crate) struct Captured(Arc<Mutex<Vec<OwnedRecord>>>);

impl Captured {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    fn push(&self, record: &Record<'_>) {
        let owned = OwnedRecord {
            level: record.level(),
            target: record.target().to_owned(),
            message: record.args().to_string(),
            module_path: record.module_path().map(str::to_owned),
            file: record.file().map(str::to_owned),
            line: record.line(),
        };
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(owned);
    }

    /// Runs `work` with this thread's records captured here.
    pub(crate) fn during<T>(&self, work: impl FnOnce() -> T) -> T {
        struct Restore(Option<Captured>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let previous = self.0.take();
                CAPTURE.with_borrow_mut(|capture| *capture = previous);
            }
        }
        let previous = CAPTURE.with_borrow_mut(|capture| capture.replace(self.clone()));
        let _restore = Restore(previous);
        work()
    }

    /// Hands the records captured so far to `logging`, on this thread.
    pub(crate) fn emit(&self) {
        let records = std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()));
        for r in records {
            log::logger().log(
                &Record::builder()
                    .level(r.level)
                    .target(&r.target)
                    .args(format_args!("{}", r.message))
                    .module_path(r.module_path.as_deref())
                    .file(r.file.as_deref())
                    .line(r.line)
                    .build(),
            );
        }
    }
}
