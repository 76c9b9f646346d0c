//! TCP connections for ureq with as few system calls per request as the exchange allows.
//!
//! ureq's own TCP transport makes, for each request on a pooled connection: two writes (head,
//! then body), a read timeout and a write timeout set anew (the remaining time of a call differs
//! from call to call), and two liveness probes of three calls each (non-blocking on, read, off).
//! This transport
//!
//! - holds what ureq writes until it waits for the answer, then sends it in one write, so a small
//!   request is one segment (and with TLS, one write of all its records);
//! - keeps a socket timeout while it is no longer than the time left and at least half of it, and
//!   when a read or write times out with time left, carries on with the rest: a deadline is never
//!   overrun, and calls one after another set no timeout at all;
//! - probes a pooled connection with one non-blocking peek (`MSG_PEEK | MSG_DONTWAIT`).
//!
//! Reads interrupted by a signal are resumed within the deadline, as ureq's are.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use ureq::unversioned::transport::time::Duration as UreqDuration;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, ShutdownHandle, Transport,
};

/// Writes held back beyond this size are sent at once (a large body streams as before).
const MAX_HELD_BYTES: usize = 64 * 1024;

/// The shortest time given to one address when several are tried in turn.
const MIN_PER_ADDRESS: Duration = Duration::from_millis(10);

/// Opens plain TCP connections (TLS and proxies are the connectors chained around it).
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
        let stream = connect_any(&details.addrs, details.timeout)?;
        if details.config.no_delay() {
            stream.set_nodelay(true)?;
        }
        let stream = Arc::new(stream);
        (details.register_shutdown)(Arc::downgrade(&stream) as Weak<dyn ShutdownHandle>)?;
        let buffers =
            LazyBuffers::new(details.config.input_buffer_size(), details.config.output_buffer_size());
        Ok(Some(Either::B(TcpTransport {
            stream,
            buffers,
            held: Vec::new(),
            read_timeout: SocketTimeout::default(),
            write_timeout: SocketTimeout::default(),
        })))
    }
}

/// Tries each address in turn, the first with half the time, the next with half the rest, ….
fn connect_any(addrs: &[SocketAddr], timeout: NextTimeout) -> Result<TcpStream, ureq::Error> {
    let deadline = deadline_of(timeout);
    let mut last_error = None;
    for (index, addr) in addrs.iter().enumerate() {
        let result = match deadline {
            None => TcpStream::connect(addr),
            Some(deadline) => {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(ureq::Error::Timeout(timeout.reason));
                }
                let share =
                    if index + 1 == addrs.len() { left } else { (left / 2).max(MIN_PER_ADDRESS).min(left) };
                TcpStream::connect_timeout(addr, share)
            }
        };
        match result {
            Ok(stream) => return Ok(stream),
            Err(e) => last_error = Some(e),
        }
    }
    match last_error {
        Some(e) if e.kind() == io::ErrorKind::TimedOut || e.kind() == io::ErrorKind::WouldBlock => {
            Err(ureq::Error::Timeout(timeout.reason))
        }
        Some(e) => Err(e.into()),
        None => Err(ureq::Error::HostNotFound),
    }
}

/// When `timeout` runs out, or `None` when it never does.
fn deadline_of(timeout: NextTimeout) -> Option<Instant> {
    match timeout.after {
        UreqDuration::NotHappening => None,
        UreqDuration::Exact(after) => Some(Instant::now().checked_add(after).unwrap_or_else(far_future)),
    }
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(365 * 24 * 3600)
}

/// One connection; see the module documentation.
#[derive(Debug)]
pub(crate) struct TcpTransport {
    stream: Arc<TcpStream>,
    buffers: LazyBuffers,
    /// Bytes ureq has written and that are not sent yet.
    held: Vec<u8>,
    read_timeout: SocketTimeout,
    write_timeout: SocketTimeout,
}

impl TcpTransport {
    /// Sends the held bytes, all by `timeout`.
    fn send_held(&mut self, timeout: NextTimeout) -> Result<(), ureq::Error> {
        let timeout = timeout.for_write();
        let deadline = deadline_of(timeout);
        let mut sent = 0;
        while sent < self.held.len() {
            self.write_timeout.fit(&self.stream, deadline, timeout, TcpStream::set_write_timeout)?;
            match (&*self.stream).write(&self.held[sent..]) {
                Ok(0) => return Err(io::Error::from(io::ErrorKind::WriteZero).into()),
                Ok(n) => sent += n,
                Err(e) if retry_within_deadline(&e) => {}
                Err(e) => return Err(e.into()),
            }
        }
        self.held.clear();
        Ok(())
    }
}

/// An interrupted or timed-out socket call is made again (the deadline is checked first).
fn retry_within_deadline(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut)
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
            self.read_timeout.fit(&self.stream, deadline, timeout, TcpStream::set_read_timeout)?;
            let input = self.buffers.input_append_buf();
            match (&*self.stream).read(input) {
                Ok(amount) => {
                    self.buffers.input_appended(amount);
                    return Ok(amount > 0);
                }
                Err(e) if retry_within_deadline(&e) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    fn is_open(&mut self) -> bool {
        self.held.is_empty() && nothing_waiting(&self.stream)
    }
}

/// Whether an idle connection is still open with nothing unread: a server that closed it (or
/// sent bytes no request asked for) makes it unusable.
#[cfg(unix)]
fn nothing_waiting(stream: &TcpStream) -> bool {
    let mut byte = [std::mem::MaybeUninit::<u8>::uninit()];
    match socket2::SockRef::from(stream).recv_with_flags(&mut byte, libc::MSG_PEEK | libc::MSG_DONTWAIT) {
        Err(e) => e.kind() == io::ErrorKind::WouldBlock,
        Ok(_) => false,
    }
}

#[cfg(not(unix))]
fn nothing_waiting(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return false;
    }
    let waiting = matches!(stream.peek(&mut [0]), Err(e) if e.kind() == io::ErrorKind::WouldBlock);
    stream.set_nonblocking(false).is_ok() && waiting
}

/// The timeout a socket has for one direction, as last set.
#[derive(Debug, Default)]
struct SocketTimeout(Option<Duration>);

impl SocketTimeout {
    /// Makes the socket's timeout fit the time left before `deadline`: kept if it is no longer
    /// and at least half as long, otherwise set to the time left. Fails with ureq's timeout
    /// error when no time is left.
    fn fit(
        &mut self,
        stream: &TcpStream,
        deadline: Option<Instant>,
        timeout: NextTimeout,
        set: fn(&TcpStream, Option<Duration>) -> io::Result<()>,
    ) -> Result<(), ureq::Error> {
        let wanted = match deadline {
            None => None,
            Some(deadline) => {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(ureq::Error::Timeout(timeout.reason));
                }
                Some(left)
            }
        };
        let keep = match (self.0, wanted) {
            (None, None) => true,
            (Some(current), Some(left)) => current <= left && current >= left / 2,
            _ => false,
        };
        if !keep {
            set(stream, wanted)?;
            self.0 = wanted;
        }
        Ok(())
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
    fn a_timeout_is_kept_while_it_fits_the_time_left() {
        let (client, _server) = pair();
        let mut timeout = SocketTimeout::default();
        let now = Instant::now();
        timeout
            .fit(
                &client,
                Some(now + Duration::from_secs(30)),
                exact(Duration::from_secs(30)),
                TcpStream::set_read_timeout,
            )
            .unwrap();
        let first = timeout.0.unwrap();
        assert!(first <= Duration::from_secs(30) && first > Duration::from_secs(29));
        // The next call, a moment later, has as much time: the timeout is kept (no system call).
        timeout
            .fit(
                &client,
                Some(Instant::now() + Duration::from_secs(30)),
                exact(Duration::from_secs(30)),
                TcpStream::set_read_timeout,
            )
            .unwrap();
        assert_eq!(timeout.0, Some(first));
        // Less time left than the timeout: lowered, so the deadline is never overrun.
        timeout
            .fit(
                &client,
                Some(now + Duration::from_secs(1)),
                exact(Duration::from_secs(1)),
                TcpStream::set_read_timeout,
            )
            .unwrap();
        assert!(timeout.0.unwrap() <= Duration::from_secs(1));
        assert!(client.read_timeout().unwrap().is_some_and(|set| set <= Duration::from_secs(1)));
        // Far more time left: raised again.
        timeout
            .fit(
                &client,
                Some(Instant::now() + Duration::from_secs(60)),
                exact(Duration::from_secs(60)),
                TcpStream::set_read_timeout,
            )
            .unwrap();
        assert!(timeout.0.unwrap() > Duration::from_secs(59));
        // No time left: ureq's timeout error, nothing set.
        let past = Instant::now();
        assert!(matches!(
            timeout.fit(&client, Some(past), exact(Duration::from_secs(1)), TcpStream::set_read_timeout),
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
}
