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
//! - A blocking call (`blocking.rs`) does not take the GIL for its records: they are
//!   [captured](Captured) and the thread that made the call hands them to `logging` with the GIL
//!   it holds anyway, so handlers see them on that thread, as before. On the main thread, whose
//!   call runs on a worker thread, that is as they come (within a wait slice) and when the call
//!   returns: taking the GIL from a thread Python does not know makes and drops a thread state
//!   each time (tens of microseconds). On any other thread it is when the call returns: taking the
//!   GIL once more per HTTP exchange is a contended hand-off when threads share a client.
//!
//! Once the interpreter starts shutting down (an `atexit` hook), records are dropped: a worker
//! thread finishing an abandoned call must not take the GIL of an interpreter being finalised.
//!
//! Python's `logging` (with `threading`, `traceback`, `string`, … behind it) is imported when the
//! first record of a `meetctl` target is handed to Python, not when the module is imported: it
//! would be about a third of the cost of `import meetctl`. Until then the logger decides from the
//! target alone, as `pyo3-log`'s does (it caches loggers but not levels, so it asks Python's levels
//! only when it hands a record over).

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

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

/// Installs the logger (without importing `logging`: see the module documentation). Only
/// `meetctl` targets are forwarded: the HTTP and TLS libraries underneath log a great deal at debug
/// level, under their own names, and each forwarded record costs a trip into Python. Loggers are
/// cached but levels are not, so a level set in Python at any time takes effect at once (the core
/// logs one record per HTTP exchange). Installing fails only when this module's copy of `log`
/// already has a logger, which cannot happen twice in one process; it is ignored.
pub(crate) fn install(py: Python<'_>) {
    let logger = PythonLogging { python: OnceLock::new() };
    if log::set_boxed_logger(Box::new(logger)).is_ok() {
        log::set_max_level(LevelFilter::Trace);
    }
    if let Ok(stop) =
        PyCFunction::new_closure(py, None, None, |_: &Bound<'_, PyTuple>, _: Option<&Bound<'_, PyDict>>| {
            FINALIZING.store(true, Ordering::Relaxed)
        })
    {
        let _ = py.import("atexit").and_then(|atexit| atexit.call_method1("register", (stop,)));
    }
}

/// Whether records of this target go to Python at all: `meetctl` and its `::` children, as the
/// filters of [`PythonLogging::python`]'s logger say.
fn forwarded(metadata: &Metadata<'_>) -> bool {
    let target = metadata.target();
    target.strip_prefix("meetctl").is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
}

/// `pyo3-log`'s logger, made at the first record handed to Python, with the additions of the
/// module documentation.
struct PythonLogging {
    /// `pyo3-log`'s logger, once made; `None` if `logging` could not be imported (records are then
    /// dropped, as when no logger is installed).
    python: OnceLock<Option<pyo3_log::Logger>>,
}

impl PythonLogging {
    /// `pyo3-log`'s logger, made (importing `logging`) on first use. A `KeyboardInterrupt` raised
    /// during the import is delivered again, as one raised by a handler, and the next record tries
    /// again; any other failure drops this record and every later one, silently (as when the
    /// logger was made at module import and that import failed: no logger was installed).
    fn python(&self, py: Python<'_>) -> Option<&pyo3_log::Logger> {
        if let Some(made) = self.python.get() {
            return made.as_ref();
        }
        let made = match pyo3_log::Logger::new(py, pyo3_log::Caching::Loggers) {
            Ok(logger) => {
                Some(logger.filter(LevelFilter::Off).filter_target("meetctl".to_owned(), LevelFilter::Trace))
            }
            Err(error) if error.is_instance_of::<PyKeyboardInterrupt>(py) => {
                interrupt_main_again(py);
                return None;
            }
            Err(_) => None,
        };
        // Another thread may have made one meanwhile (the import may release the GIL): either does.
        self.python.get_or_init(|| made).as_ref()
    }
}

/// As if SIGINT arrived again: `KeyboardInterrupt` is raised at the main thread's next check.
fn interrupt_main_again(py: Python<'_>) {
    let _ = py.import("_thread").and_then(|t| t.call_method0("interrupt_main"));
}

impl Log for PythonLogging {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        // Decided by the target first: ureq and rustls emit dozens of records per HTTP exchange
        // (ureq's protocol layer one per 16 bytes sent at trace), and asking pyo3-log's logger
        // about each (a cache walk and filter lookups by target) cost about 5 µs a call.
        if !forwarded(metadata) {
            return false;
        }
        match self.python.get() {
            Some(Some(logger)) => logger.enabled(metadata),
            Some(None) => false,
            None => forwarded(metadata),
        }
    }

    fn log(&self, record: &Record<'_>) {
        if FINALIZING.load(Ordering::Relaxed) || !self.enabled(record.metadata()) {
            return;
        }
        let captured = CAPTURE.with_borrow(|capture| capture.as_ref().map(|c| c.push(record)));
        if captured.is_some() {
            return;
        }
        Python::try_attach(|py| {
            let earlier = PyErr::take(py);
            if let Some(logger) = self.python(py) {
                logger.log(record);
            }
            if let Some(error) = PyErr::take(py) {
                if error.is_instance_of::<PyKeyboardInterrupt>(py) {
                    interrupt_main_again(py);
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
