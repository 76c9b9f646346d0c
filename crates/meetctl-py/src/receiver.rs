//! The ready webhook receivers, `TencentReceiver` and `HuaweiReceiver`: the core's server on its
//! own thread, its queue read here in slices with the GIL released. Both classes (and their event
//! iterators) are one macro, [`receiver_class!`], over the vendor's core receiver, webhook and
//! event classes; what they share that needs no macro (where to listen, the limits, the waits) is
//! plain functions here.
//!
//! The receiver's server thread may take the GIL (to hand a log record to `logging`), so nothing
//! here waits for that thread — closing, dropping — while holding the GIL. Waits for an event run
//! in slices of at most [`SLICE`] with the GIL released; the core's `close` wakes them at once.

use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

use meetctl::huawei::HuaweiReceiver;
use meetctl::tencent::receiver::{ReceiverConfig, TencentReceiver, TlsPem};
use meetctl::tencent::webhook::MAX_BODY_BYTES;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt};

use crate::errors::invalid;
use crate::huawei_webhook::{PyHuaweiEvent, PyHuaweiWebhook};
use crate::webhook::{PyTencentEvent, PyTencentWebhook, SLICE, count, seconds};

/// The longest `head_timeout` / `request_timeout` (an hour), as the clients' `timeout`.
const MAX_RECEIVER_TIMEOUT_SECS: f64 = 3600.0;

/// Where a receiver listens: an IP address, or a name resolved now (its first address).
fn listen_addr(py: Python<'_>, host: &str, port: Option<&Bound<'_, PyAny>>) -> PyResult<SocketAddr> {
    let port = match port {
        Some(port) => u16::try_from(count(py, "port", port, 0, usize::from(u16::MAX))?).unwrap_or(0),
        None => 0,
    };
    if let Ok(ip) = host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, port));
    }
    if host.is_empty() || host.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(invalid(py, "host", "must be an IP address or a host name"));
    }
    let resolved = py.detach(|| (host, port).to_socket_addrs().map(|mut a| a.next()));
    match resolved {
        Ok(Some(addr)) => Ok(addr),
        _ => Err(invalid(py, "host", "is not an address of this machine, nor a name that resolves to one")),
    }
}

/// A wait of `timeout` seconds (`int` or `float`, zero or more): `None` for no timeout, or one
/// too long to matter.
pub(crate) fn wait_time(py: Python<'_>, timeout: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Duration>> {
    let Some(timeout) = timeout.filter(|t| !t.is_none()) else { return Ok(None) };
    if timeout.is_instance_of::<PyBool>()
        || !(timeout.is_instance_of::<PyInt>() || timeout.is_instance_of::<PyFloat>())
    {
        return Err(PyTypeError::new_err(format!(
            "timeout must be a number of seconds or None, not {}",
            timeout.get_type().name()?
        )));
    }
    let secs: f64 = timeout.extract().unwrap_or(f64::INFINITY);
    if secs.is_nan() || secs < 0.0 {
        return Err(invalid(py, "timeout", "must be a number of seconds, zero or more, or None"));
    }
    Ok(Duration::try_from_secs_f64(secs).ok())
}

/// When a wait of `wait` ends (`None`: never).
pub(crate) fn deadline_after(wait: Option<Duration>) -> Option<Instant> {
    wait.and_then(|w| Instant::now().checked_add(w))
}

/// The receiver's TLS from PEM texts: both or neither (an invalid argument naming `tls_key` or
/// `tls_cert` otherwise).
fn tls_pem(py: Python<'_>, cert: Option<String>, key: Option<String>) -> PyResult<Option<TlsPem>> {
    match (cert, key) {
        (None, None) => Ok(None),
        (Some(cert_chain), Some(key)) => Ok(Some(TlsPem { cert_chain, key: meetctl::Secret::new(key) })),
        (Some(_), None) => Err(invalid(py, "tls_key", "is needed with tls_cert")),
        (None, Some(_)) => Err(invalid(py, "tls_cert", "is needed with tls_key")),
    }
}

/// The keyword arguments of a receiver's constructor (each `None` when not given).
pub(crate) struct Limits<'a, 'py> {
    pub(crate) max_connections: Option<&'a Bound<'py, PyAny>>,
    pub(crate) head_timeout: Option<&'a Bound<'py, PyAny>>,
    pub(crate) request_timeout: Option<&'a Bound<'py, PyAny>>,
    pub(crate) max_body: Option<&'a Bound<'py, PyAny>>,
    pub(crate) queue: Option<&'a Bound<'py, PyAny>>,
    pub(crate) tls_cert: Option<String>,
    pub(crate) tls_key: Option<String>,
}

/// The core's configuration of a receiver's constructor arguments; a bad value is an
/// `InvalidArgument` naming it.
pub(crate) fn receiver_config(
    py: Python<'_>,
    host: &str,
    port: Option<&Bound<'_, PyAny>>,
    limits: Limits<'_, '_>,
) -> PyResult<ReceiverConfig> {
    let mut config = ReceiverConfig { addr: listen_addr(py, host, port)?, ..ReceiverConfig::default() };
    config.tls = tls_pem(py, limits.tls_cert, limits.tls_key)?;
    if let Some(n) = limits.max_connections {
        config.max_connections = count(py, "max_connections", n, 1, 65_535)?;
    }
    if let Some(t) = limits.head_timeout {
        config.head_timeout = seconds(py, "head_timeout", t, 0.001, MAX_RECEIVER_TIMEOUT_SECS)?;
    }
    if let Some(t) = limits.request_timeout {
        config.request_timeout = seconds(py, "request_timeout", t, 0.001, MAX_RECEIVER_TIMEOUT_SECS)?;
    }
    if let Some(n) = limits.max_body {
        config.max_body = count(py, "max_body", n, 1, MAX_BODY_BYTES)?;
    }
    if let Some(n) = limits.queue {
        config.queue = count(py, "queue", n, 1, 10_000_000)?;
    }
    Ok(config)
}

/// The TLS of `reload_tls(tls_cert, tls_key)`.
pub(crate) fn reload_pem(py: Python<'_>, tls_cert: String, tls_key: String) -> PyResult<TlsPem> {
    tls_pem(py, Some(tls_cert), Some(tls_key))?
        .ok_or_else(|| invalid(py, "tls", "give both tls_cert and tls_key"))
}

/// `repr()` of an IP address as a Python `str` (only digits, dots, colons and hex letters).
fn py_repr_ip(ip: &IpAddr) -> String {
    format!("'{ip}'")
}

/// A receiver's `repr()`: `Name(address=('127.0.0.1', 8080), pending=0, closed=False)`.
pub(crate) fn receiver_repr(name: &str, addr: &SocketAddr, pending: usize, closed: bool) -> String {
    format!(
        "{name}(address=({}, {}), pending={pending}, closed={})",
        py_repr_ip(&addr.ip()),
        addr.port(),
        if closed { "True" } else { "False" }
    )
}

/// A vendor's receiver class and its event iterator: `$class` (Python name `$name`) serving a
/// `$webhook` with the core's `$core`, handing out `$event` objects (`$event { inner }`), and
/// `$iterator` (Python name `$iterator_name`). The class's docstring is given first.
macro_rules! receiver_class {
    (
        $(#[$doc:meta])*
        $class:ident, $name:literal, $core:ty, $webhook:ty, $event:ident,
        $iterator:ident, $iterator_name:literal
    ) => {
        $(#[$doc])*
        #[pyclass(frozen, module = "meetctl._meetctl", name = $name)]
        pub(crate) struct $class {
            /// `None` only while being dropped. An `Arc`: a watch may share the core's receiver.
            receiver: Option<std::sync::Arc<$core>>,
            addr: std::net::SocketAddr,
            closed: std::sync::atomic::AtomicBool,
        }

        impl $class {
            /// The next event (of `meeting`, when given) by `deadline` (`None`: until one comes or
            /// the receiver is closed and drained), waiting in slices with the GIL released and
            /// the signal handlers run between slices.
            fn wait(
                &self,
                py: Python<'_>,
                deadline: Option<std::time::Instant>,
                meeting: Option<&str>,
            ) -> PyResult<Option<$event>> {
                use std::sync::atomic::Ordering;
                let take = |slice: std::time::Duration| {
                    let receiver = self.receiver.as_ref()?;
                    match meeting {
                        Some(id) => receiver.next_for(id, slice),
                        None => receiver.next(slice),
                    }
                };
                let event = loop {
                    let slice = deadline.map_or(SLICE, |d| {
                        d.saturating_duration_since(std::time::Instant::now()).min(SLICE)
                    });
                    if let Some(event) = py.detach(|| take(slice)) {
                        break Some(event);
                    }
                    if self.closed.load(Ordering::SeqCst) {
                        // Closed: what was queued before is still taken, then nothing more comes.
                        break py.detach(|| take(std::time::Duration::ZERO));
                    }
                    if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
                        break None;
                    }
                    py.check_signals()?;
                };
                Ok(event.map(|inner| $event { inner }))
            }
        }

        impl Drop for $class {
            fn drop(&mut self) {
                let Some(receiver) = self.receiver.take() else { return };
                // The server thread may wait for the GIL (a log record): join it with the GIL
                // released.
                Python::attach(|py| py.detach(move || drop(receiver)));
            }
        }

        #[pymethods]
        impl $class {
            #[new]
            #[pyo3(
                signature = (webhook, host="127.0.0.1", port=None, *, max_connections=None, head_timeout=None, request_timeout=None, max_body=None, queue=None, tls_cert=None, tls_key=None),
                text_signature = "(webhook, host='127.0.0.1', port=0, *, max_connections=64, head_timeout=5.0, request_timeout=10.0, max_body=1048576, queue=1024, tls_cert=None, tls_key=None)"
            )]
            #[allow(clippy::too_many_arguments)]
            fn new(
                py: Python<'_>,
                webhook: &Bound<'_, $webhook>,
                host: &str,
                port: Option<&Bound<'_, PyAny>>,
                max_connections: Option<&Bound<'_, PyAny>>,
                head_timeout: Option<&Bound<'_, PyAny>>,
                request_timeout: Option<&Bound<'_, PyAny>>,
                max_body: Option<&Bound<'_, PyAny>>,
                queue: Option<&Bound<'_, PyAny>>,
                tls_cert: Option<String>,
                tls_key: Option<String>,
            ) -> PyResult<Self> {
                use crate::errors::IntoPyResult;
                let limits = $crate::receiver::Limits {
                    max_connections,
                    head_timeout,
                    request_timeout,
                    max_body,
                    queue,
                    tls_cert,
                    tls_key,
                };
                let config = $crate::receiver::receiver_config(py, host, port, limits)?;
                let webhook = webhook.get().inner.clone();
                let receiver =
                    crate::blocking::run(py, move || <$core>::start(webhook, config))?.into_py_result(py)?;
                let addr = receiver.local_addr();
                Ok($class {
                    receiver: Some(std::sync::Arc::new(receiver)),
                    addr,
                    closed: std::sync::atomic::AtomicBool::new(false),
                })
            }

            /// Replaces the certificate chain and key (PEM text) of a receiver serving HTTPS, for
            /// connections made from now on (a renewed certificate needs no restart).
            fn reload_tls(&self, py: Python<'_>, tls_cert: String, tls_key: String) -> PyResult<()> {
                use crate::errors::IntoPyResult;
                let pem = $crate::receiver::reload_pem(py, tls_cert, tls_key)?;
                match &self.receiver {
                    Some(receiver) => receiver.reload_tls(&pem).into_py_result(py),
                    None => Err(crate::errors::invalid(py, "tls", "the receiver is closed")),
                }
            }

            /// Where it listens: ``(host, port)``.
            #[getter]
            fn address(&self) -> (String, u16) {
                (self.addr.ip().to_string(), self.addr.port())
            }

            /// How many events wait to be taken.
            #[getter]
            fn pending(&self) -> usize {
                self.receiver.as_ref().map_or(0, |r| r.pending())
            }

            /// Whether :meth:`close` was called.
            #[getter]
            fn closed(&self) -> bool {
                self.closed.load(std::sync::atomic::Ordering::SeqCst)
            }

            /// The next event of any meeting, waiting up to ``timeout`` seconds (``None``: until
            /// one comes); ``None`` when none came in time, or the receiver is closed and drained.
            #[pyo3(signature = (timeout=None))]
            fn next(&self, py: Python<'_>, timeout: Option<&Bound<'_, PyAny>>) -> PyResult<Option<$event>> {
                let deadline = $crate::receiver::deadline_after($crate::receiver::wait_time(py, timeout)?);
                self.wait(py, deadline, None)
            }

            /// As :meth:`next`, for the events of meeting ``meeting_id`` only: other meetings'
            /// events stay queued for :meth:`next` or their own :meth:`next_for`.
            #[pyo3(signature = (meeting_id, timeout=None))]
            fn next_for(
                &self,
                py: Python<'_>,
                meeting_id: &str,
                timeout: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<Option<$event>> {
                let deadline = $crate::receiver::deadline_after($crate::receiver::wait_time(py, timeout)?);
                self.wait(py, deadline, Some(meeting_id))
            }

            /// The events as they come, an iterator: it ends when the receiver is closed (once
            /// what was queued is taken) or, with a ``timeout``, when no event came within
            /// ``timeout`` seconds.
            #[pyo3(signature = (timeout=None))]
            fn events(slf: &Bound<'_, Self>, timeout: Option<&Bound<'_, PyAny>>) -> PyResult<$iterator> {
                let timeout = $crate::receiver::wait_time(slf.py(), timeout)?;
                Ok($iterator { receiver: slf.clone().unbind(), meeting_id: None, timeout })
            }

            /// As :meth:`events`, for the events of meeting ``meeting_id`` only.
            #[pyo3(signature = (meeting_id, timeout=None))]
            fn events_for(
                slf: &Bound<'_, Self>,
                meeting_id: String,
                timeout: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<$iterator> {
                let timeout = $crate::receiver::wait_time(slf.py(), timeout)?;
                Ok($iterator { receiver: slf.clone().unbind(), meeting_id: Some(meeting_id), timeout })
            }

            /// Stops the server (requests in flight are dropped, the port is released); events
            /// already queued can still be taken. Waits of other threads end once the queue is
            /// drained. Calling it again does nothing.
            fn close(&self, py: Python<'_>) {
                self.closed.store(true, std::sync::atomic::Ordering::SeqCst);
                if let Some(receiver) = &self.receiver {
                    py.detach(|| receiver.close());
                }
            }

            fn __iter__(slf: &Bound<'_, Self>) -> PyResult<$iterator> {
                Self::events(slf, None)
            }

            fn __enter__(slf: Py<Self>) -> Py<Self> {
                slf
            }

            fn __exit__(
                &self,
                py: Python<'_>,
                _kind: &Bound<'_, PyAny>,
                _value: &Bound<'_, PyAny>,
                _traceback: &Bound<'_, PyAny>,
            ) -> bool {
                self.close(py);
                false
            }

            fn __repr__(&self) -> String {
                $crate::receiver::receiver_repr($name, &self.addr, self.pending(), self.closed())
            }
        }

        /// The events of a receiver, as they come (its ``events()``).
        #[pyclass(frozen, module = "meetctl._meetctl", name = $iterator_name)]
        pub(crate) struct $iterator {
            receiver: Py<$class>,
            meeting_id: Option<String>,
            timeout: Option<std::time::Duration>,
        }

        #[pymethods]
        impl $iterator {
            fn __iter__(slf: Py<Self>) -> Py<Self> {
                slf
            }

            fn __next__(&self, py: Python<'_>) -> PyResult<Option<$event>> {
                let deadline = $crate::receiver::deadline_after(self.timeout);
                self.receiver.bind(py).get().wait(py, deadline, self.meeting_id.as_deref())
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                let meeting = match &self.meeting_id {
                    Some(id) => format!("meeting_id={}, ", crate::prepared::py_repr(py, id)?),
                    None => String::new(),
                };
                Ok(format!(concat!("<", $iterator_name, " {}of {}>"), meeting, self.receiver.bind(py).get().__repr__()))
            }
        }
    };
}

receiver_class!(
    /// A running receiver: the core's server (hyper, HTTP/1) on its own thread, and its queue.
    ///
    /// ``TencentReceiver(webhook, host="127.0.0.1", port=0)`` starts serving at once (``port=0``:
    /// a free port, see :attr:`address`); the subscription's URL is where it listens, any path.
    /// Keyword-only limits: ``max_connections`` (64), ``head_timeout`` (5 s to read a request's
    /// head), ``request_timeout`` (10 s per request, body included), ``max_body`` (1 MiB, the most
    /// the handler takes) and ``queue`` (1024 events waiting for you; when full, a delivery is
    /// answered 503 and its retry delivered later: a slow app loses nothing). A bad value raises
    /// :class:`meetctl.InvalidArgument` naming it; an address that cannot be listened on,
    /// :class:`meetctl.ConnectError`.
    ///
    /// Take events with :meth:`next`, :meth:`events` or :meth:`events_for`, or iterate the
    /// receiver itself. Waits release the GIL and, on the main thread, let Ctrl-C through within
    /// 100 ms. :meth:`close` (or leaving a ``with`` block) stops the server; events already queued
    /// can still be taken, then iteration ends. Safe to share between threads.
    PyTencentReceiver, "TencentReceiver", TencentReceiver, PyTencentWebhook, PyTencentEvent,
    PyTencentEventIterator, "TencentEventIterator"
);

impl PyTencentReceiver {
    /// The core's receiver, for a meeting watch to take its events; `None` once closed.
    pub(crate) fn shared(&self) -> Option<Arc<TencentReceiver>> {
        if self.closed.load(std::sync::atomic::Ordering::SeqCst) {
            return None;
        }
        self.receiver.clone()
    }
}

receiver_class!(
    /// A running Huawei enterprise webhook receiver: the core's server (hyper, HTTP/1) on its own
    /// thread, answering the cloud (the ``meeting.verify`` handshake included), and its queue.
    ///
    /// ``HuaweiReceiver(webhook, host="127.0.0.1", port=0)`` starts serving at once (``port=0``: a
    /// free port, see :attr:`address`); the subscription's URL is where it listens, any path. One
    /// subscription covers every conference of the enterprise: :meth:`next` takes any
    /// conference's event, :meth:`next_for` one conference's (``meetingInfo.meetingID``). The
    /// keyword-only limits are :class:`TencentReceiver`'s (``max_connections``, ``head_timeout``,
    /// ``request_timeout``, ``max_body``, ``queue``, ``tls_cert``/``tls_key``); a bad value raises
    /// :class:`meetctl.InvalidArgument` naming it; an address that cannot be listened on,
    /// :class:`meetctl.ConnectError`.
    ///
    /// Take events with :meth:`next`, :meth:`events` or :meth:`events_for`, or iterate the
    /// receiver itself. Waits release the GIL and, on the main thread, let Ctrl-C through within
    /// 100 ms. :meth:`close` (or leaving a ``with`` block) stops the server; events already queued
    /// can still be taken, then iteration ends. Safe to share between threads.
    PyHuaweiReceiver, "HuaweiReceiver", HuaweiReceiver, PyHuaweiWebhook, PyHuaweiEvent,
    PyHuaweiEventIterator, "HuaweiEventIterator"
);
