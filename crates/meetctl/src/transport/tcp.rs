//! TCP connections in ureq's connector chain: connecting, reading and writing in slices a
//! [`CancelToken`](crate::CancelToken) can end, with as few system calls per pooled call as the
//! exchange allows.
//!
//! - **Slices.** Nothing blocks for longer than [`SLICE`](crate::cancel::SLICE): a connect waits
//!   for the socket in `poll` slices, and a read or write has a socket timeout of one slice. The
//!   socket timeouts are set when the connection is made and changed only when less than a slice
//!   is left before the deadline (then back when more is left again): a pooled call sets none.
//!   Between slices the bound token is asked, and the deadline checked.
//! - **One write per request.** What ureq writes (head, then body) is held until it waits for the
//!   answer, then sent in one `send`, so a small request is one segment (and under TLS, one write
//!   of all its records).
//! - **One peek per pooled call.** ureq probes a connection when it goes back to the pool and
//!   again when it is taken out. Only the second probe tells anything: the server may close a
//!   connection any time after answering, so a connection that has just answered is taken back
//!   without a system call, and the probe when it is taken out is one non-blocking peek
//!   (`MSG_PEEK | MSG_DONTWAIT`): a close or unread bytes make it unusable.
//! - **No `SIGPIPE`.** Every write is std's `TcpStream::write`, a `send` with `MSG_NOSIGNAL`: a
//!   write to a connection the server reset fails with an error instead of raising `SIGPIPE`,
//!   which would end a C program that never asked to ignore it. TLS records go out through this
//!   transport too (rustls sits above it in the chain).
//!
//! A connection that fails here is tagged ([`failure::not_connected`]) so that the caller knows
//! the request never left.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, SockAddr, Socket, Type};
use ureq::unversioned::transport::time::Duration as UreqDuration;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, ShutdownHandle, Transport,
};

use super::failure;
use crate::cancel::{self, SLICE};

/// Writes held back beyond this size are sent at once (a large body streams as before).
const MAX_HELD_BYTES: usize = 64 * 1024;

/// The shortest time given to one address when several are tried in turn.
const MIN_PER_ADDRESS: Duration = Duration::from_millis(10);

/// Opens plain TCP connections (the proxy tunnel and TLS are the connectors chained around it).
#[derive(Debug, Default)]
pub(crate) struct TcpConnector;

impl<In: Transport> Connector<In> for TcpConnector {
    type Out = Either<In, TcpTransport>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        if let Some(transport) = chained {
            return Ok(Some(Either::A(transport)));
        }
        let deadline = deadline_of(details.timeout);
        let stream = connect_any(&details.addrs, deadline).map_err(|e| e.into_ureq(details.timeout))?;
        let prepare = |stream: &TcpStream| -> io::Result<()> {
            stream.set_nodelay(true)?;
            stream.set_read_timeout(Some(SLICE))?;
            stream.set_write_timeout(Some(SLICE))
        };
        prepare(&stream).map_err(failure::not_connected)?;
        let stream = Arc::new(stream);
        (details.register_shutdown)(Arc::downgrade(&stream) as Weak<dyn ShutdownHandle>)?;
        let buffers =
            LazyBuffers::new(details.config.input_buffer_size(), details.config.output_buffer_size());
        Ok(Some(Either::B(TcpTransport {
            stream,
            buffers,
            held: Vec::new(),
            read_timeout: SLICE,
            write_timeout: SLICE,
            answered_since_probe: false,
        })))
    }
}

/// Why no connection was made.
#[derive(Debug)]
pub(crate) enum ConnectError {
    /// The deadline passed.
    Timeout,
    /// The bound token cancelled the call.
    Cancelled(crate::Error),
    /// Every address refused or failed (or there was none).
    Failed(io::Error),
}

impl ConnectError {
    fn into_ureq(self, timeout: NextTimeout) -> ureq::Error {
        match self {
            ConnectError::Timeout => ureq::Error::Timeout(timeout.reason),
            ConnectError::Cancelled(error) => failure::interrupted(error),
            ConnectError::Failed(e) => failure::not_connected(e),
        }
    }
}

/// Connects to the first of `addrs` that answers by `deadline`: the first address gets half the
/// time, the next half the rest, and so on.
pub(crate) fn connect_any(
    addrs: &[SocketAddr],
    deadline: Option<Instant>,
) -> Result<TcpStream, ConnectError> {
    let mut last_error = None;
    for (index, addr) in addrs.iter().enumerate() {
        let by = match deadline {
            None => None,
            Some(deadline) => {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(ConnectError::Timeout);
                }
                let share =
                    if index + 1 == addrs.len() { left } else { (left / 2).max(MIN_PER_ADDRESS).min(left) };
                Some(Instant::now() + share)
            }
        };
        match connect_one(*addr, by) {
            Ok(stream) => return Ok(stream),
            Err(ConnectError::Failed(e)) => last_error = Some(e),
            Err(ConnectError::Timeout) if index + 1 < addrs.len() => {
                last_error = Some(io::ErrorKind::TimedOut.into());
            }
            Err(other) => return Err(other),
        }
    }
    match last_error {
        Some(e) if e.kind() == io::ErrorKind::TimedOut => Err(ConnectError::Timeout),
        Some(e) => Err(ConnectError::Failed(e)),
        None => {
            Err(ConnectError::Failed(io::Error::new(io::ErrorKind::NotFound, "no address to connect to")))
        }
    }
}

/// One non-blocking connect, waited for in slices until `by`.
fn connect_one(addr: SocketAddr, by: Option<Instant>) -> Result<TcpStream, ConnectError> {
    let failed = ConnectError::Failed;
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP)).map_err(failed)?;
    socket.set_nonblocking(true).map_err(failed)?;
    match socket.connect(&SockAddr::from(addr)) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::WouldBlock || e.raw_os_error() == Some(libc::EINPROGRESS) => {
            wait_until_writable(&socket, by)?;
            if let Some(e) = socket.take_error().map_err(failed)? {
                return Err(failed(e));
            }
            // Writable without an error pending, yet not connected: refused on some systems.
            socket.peer_addr().map_err(failed)?;
        }
        Err(e) => return Err(failed(e)),
    }
    socket.set_nonblocking(false).map_err(failed)?;
    Ok(socket.into())
}

/// Waits for a connecting socket in slices, asking the bound token between them.
fn wait_until_writable(socket: &Socket, by: Option<Instant>) -> Result<(), ConnectError> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    loop {
        cancel::check().map_err(ConnectError::Cancelled)?;
        let slice = match by {
            None => SLICE,
            Some(by) => {
                let left = by.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(ConnectError::Timeout);
                }
                left.min(SLICE)
            }
        };
        let timeout = Timespec::try_from(slice).unwrap_or(Timespec { tv_sec: 0, tv_nsec: 50_000_000 });
        let mut fds = [PollFd::new(socket, PollFlags::OUT)];
        match poll(&mut fds, Some(&timeout)) {
            Ok(0) => {}
            Ok(_) => return Ok(()),
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(ConnectError::Failed(e.into())),
        }
    }
}

/// When `timeout` runs out or the exchange's deadline comes, whichever is first; `None` when
/// neither ever does.
pub(crate) fn deadline_of(timeout: NextTimeout) -> Option<Instant> {
    let own = match timeout.after {
        UreqDuration::NotHappening => None,
        UreqDuration::Exact(after) => Instant::now().checked_add(after),
    };
    match (own, super::exchange::deadline()) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// One connection; see the module documentation.
#[derive(Debug)]
pub(crate) struct TcpTransport {
    stream: Arc<TcpStream>,
    buffers: LazyBuffers,
    /// Bytes ureq has written and that are not sent yet.
    held: Vec<u8>,
    /// The socket's timeouts as last set: [`SLICE`], or less near a deadline.
    read_timeout: Duration,
    write_timeout: Duration,
    /// Whether an answer was read since the last probe: the probe is then ureq's, as the
    /// connection goes back to the pool, and needs no system call.
    answered_since_probe: bool,
}

/// What to do after a socket call that timed out or was interrupted: carry on with the next
/// slice, or stop.
fn next_slice(deadline: Option<Instant>, timeout: NextTimeout) -> Result<(), ureq::Error> {
    cancel::check().map_err(failure::interrupted)?;
    match deadline {
        Some(deadline) if deadline <= Instant::now() => Err(ureq::Error::Timeout(timeout.reason)),
        _ => Ok(()),
    }
}

/// Sets a socket timeout to the slice, or to the time left before `deadline` when that is
/// shorter; a system call only when the value changes.
fn fit_timeout(
    current: &mut Duration,
    stream: &TcpStream,
    deadline: Option<Instant>,
    timeout: NextTimeout,
    set: fn(&TcpStream, Option<Duration>) -> io::Result<()>,
) -> Result<(), ureq::Error> {
    let wanted = match deadline {
        None => SLICE,
        Some(deadline) => {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(ureq::Error::Timeout(timeout.reason));
            }
            left.min(SLICE)
        }
    };
    // Near the deadline a timeout of at least half the time left is kept (each slice ends with
    // a look at the deadline).
    let keep = *current == wanted || (wanted < SLICE && *current <= wanted && *current >= wanted / 2);
    if !keep {
        set(stream, Some(wanted))?;
        *current = wanted;
    }
    Ok(())
}

/// A timed-out, would-block or interrupted socket call: the next slice, not a failure.
fn is_slice_end(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut)
}

impl TcpTransport {
    /// Sends the held bytes, all by `timeout`.
    fn send_held(&mut self, timeout: NextTimeout) -> Result<(), ureq::Error> {
        let timeout = timeout.for_write();
        let deadline = deadline_of(timeout);
        let mut sent = 0;
        while sent < self.held.len() {
            fit_timeout(
                &mut self.write_timeout,
                &self.stream,
                deadline,
                timeout,
                TcpStream::set_write_timeout,
            )?;
            match (&*self.stream).write(&self.held[sent..]) {
                Ok(0) => return Err(io::Error::from(io::ErrorKind::WriteZero).into()),
                Ok(n) => sent += n,
                Err(e) if is_slice_end(&e) => next_slice(deadline, timeout)?,
                Err(e) => return Err(e.into()),
            }
        }
        self.held.clear();
        Ok(())
    }
}

impl Transport for TcpTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.held.extend_from_slice(&self.buffers.output()[..amount]);
        if self.held.len() >= MAX_HELD_BYTES {
            self.send_held(timeout)?;
        }
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        if !self.held.is_empty() {
            self.send_held(timeout)?;
        }
        let timeout = timeout.for_read();
        let deadline = deadline_of(timeout);
        loop {
            fit_timeout(
                &mut self.read_timeout,
                &self.stream,
                deadline,
                timeout,
                TcpStream::set_read_timeout,
            )?;
            let input = self.buffers.input_append_buf();
            match (&*self.stream).read(input) {
                Ok(amount) => {
                    self.buffers.input_appended(amount);
                    self.answered_since_probe = true;
                    return Ok(amount > 0);
                }
                Err(e) if is_slice_end(&e) => next_slice(deadline, timeout)?,
                Err(e) => return Err(e.into()),
            }
        }
    }

    fn is_open(&mut self) -> bool {
        if !self.held.is_empty() {
            return false;
        }
        // Going back to the pool right after an answer: whether it is still open is asked when
        // it is taken out, which is when it matters.
        if std::mem::take(&mut self.answered_since_probe) {
            return true;
        }
        nothing_waiting(&self.stream)
    }
}

/// Whether an idle connection is still open with nothing unread: a server that closed it (or
/// sent bytes no request asked for) makes it unusable.
fn nothing_waiting(stream: &TcpStream) -> bool {
    let mut byte = [std::mem::MaybeUninit::<u8>::uninit()];
    match socket2::SockRef::from(stream).recv_with_flags(&mut byte, libc::MSG_PEEK | libc::MSG_DONTWAIT) {
        Err(e) => e.kind() == io::ErrorKind::WouldBlock,
        Ok(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    fn pair() -> (TcpStream, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        (client, server)
    }

    fn exact(d: Duration) -> NextTimeout {
        NextTimeout { after: UreqDuration::Exact(d), ..NextTimeout::default() }
    }

    #[test]
    fn the_socket_timeout_is_one_slice_and_shorter_only_near_the_deadline() {
        let (client, _server) = pair();
        client.set_read_timeout(Some(SLICE)).unwrap();
        let mut current = SLICE;
        let far = Some(Instant::now() + Duration::from_secs(30));
        let t = exact(Duration::from_secs(30));
        fit_timeout(&mut current, &client, far, t, TcpStream::set_read_timeout).unwrap();
        assert_eq!(current, SLICE, "kept: no system call");
        let near = Some(Instant::now() + Duration::from_millis(20));
        fit_timeout(&mut current, &client, near, t, TcpStream::set_read_timeout).unwrap();
        assert!(current <= Duration::from_millis(20));
        assert!(client.read_timeout().unwrap().is_some_and(|set| set <= Duration::from_millis(20)));
        fit_timeout(&mut current, &client, far, t, TcpStream::set_read_timeout).unwrap();
        assert_eq!(current, SLICE, "back to a slice");
        // (The kernel keeps a timeout in its own ticks: 50 ms may read back as 52.)
        assert!(client.read_timeout().unwrap().is_some_and(|set| set >= SLICE));
        let past = Some(Instant::now());
        assert!(matches!(
            fit_timeout(&mut current, &client, past, t, TcpStream::set_read_timeout),
            Err(ureq::Error::Timeout(_))
        ));
    }

    #[test]
    fn an_idle_connection_is_open_until_the_peer_closes_or_talks() {
        let (client, server) = pair();
        assert!(nothing_waiting(&client));
        (&server).write_all(b"x").unwrap();
        std::thread::sleep(Duration::from_millis(50));
        assert!(!nothing_waiting(&client), "unasked-for bytes make it unusable");
        let (client, server) = pair();
        drop(server);
        std::thread::sleep(Duration::from_millis(50));
        assert!(!nothing_waiting(&client), "closed by the peer");
        // The probe leaves the socket blocking.
        let (client, server) = pair();
        assert!(nothing_waiting(&client));
        client.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
        let err = (&client).read(&mut [0; 4]).unwrap_err();
        assert!(matches!(err.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut));
        drop(server);
    }

    #[test]
    fn a_refused_connect_fails_and_a_listening_one_connects() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let soon = Some(Instant::now() + Duration::from_secs(5));
        assert!(connect_any(&[addr], soon).is_ok());
        drop(listener);
        assert!(matches!(connect_any(&[addr], soon), Err(ConnectError::Failed(_))));
        assert!(matches!(connect_any(&[], soon), Err(ConnectError::Failed(_))));
    }

    #[test]
    fn a_connect_that_hangs_is_cancelled_within_slices() {
        // A listener whose accept queue is full drops new SYNs: a connect to it waits (the
        // client retransmits) until it gives up.
        let listener = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
        listener.bind(&SockAddr::from("127.0.0.1:0".parse::<SocketAddr>().unwrap())).unwrap();
        listener.listen(0).unwrap();
        let addr = listener.local_addr().unwrap().as_socket().unwrap();
        let mut queued = Vec::new();
        for _ in 0..4 {
            let s = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
            s.set_nonblocking(true).unwrap();
            let _ = s.connect(&SockAddr::from(addr));
            queued.push(s);
        }
        std::thread::sleep(Duration::from_millis(100));
        let token = crate::CancelToken::new();
        let _bound = token.bind();
        let remote = token.clone();
        let fire = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            remote.fire();
        });
        let started = Instant::now();
        let result = connect_any(&[addr], Some(started + Duration::from_secs(20)));
        fire.join().unwrap();
        let elapsed = started.elapsed();
        match result {
            Err(ConnectError::Cancelled(e)) => {
                assert_eq!(e.request_may_have_been_sent(), Some(false));
                assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
            }
            other => panic!("{other:?} after {elapsed:?}"),
        }
    }
}
