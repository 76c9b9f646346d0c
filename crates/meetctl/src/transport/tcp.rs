//! TCP connections: connecting within a deadline, socket timeouts set only when they must change,
//! and a one-call liveness probe of an idle connection.
//!
//! A call on a pooled connection makes as few system calls as the exchange allows:
//!
//! - a socket timeout is kept while it is no longer than the time left and at least half of it,
//!   and a read or write that times out with time left carries on with the rest: a deadline is
//!   never overrun, and calls one after another set no timeout at all;
//! - an idle connection is probed with one non-blocking peek (`MSG_PEEK | MSG_DONTWAIT`).
//!
//! Every write is a `send`/`sendmsg` with `MSG_NOSIGNAL` ([`Socket`]): a write to a connection
//! the server has reset fails with an error instead of raising `SIGPIPE`, which would end a C
//! program that never asked to ignore it.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use super::failure::Failure;

/// The shortest time given to one address when several are tried in turn.
const MIN_PER_ADDRESS: Duration = Duration::from_millis(10);

/// Connects to the first of `addrs` that answers by `deadline`: the first address gets half the
/// time, the next half the rest, and so on. Nagle's algorithm is off (a request is one write).
pub(crate) fn connect_any(addrs: &[SocketAddr], deadline: Instant) -> Result<TcpStream, Failure> {
    let mut last_error = None;
    for (index, addr) in addrs.iter().enumerate() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Failure::timeout());
        }
        let share = if index + 1 == addrs.len() { left } else { (left / 2).max(MIN_PER_ADDRESS).min(left) };
        match TcpStream::connect_timeout(addr, share) {
            Ok(stream) => {
                stream.set_nodelay(true).map_err(Failure::io)?;
                return Ok(stream);
            }
            Err(e) => last_error = Some(e),
        }
    }
    Err(match last_error {
        Some(e) if matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock) => {
            Failure::timeout()
        }
        // Nothing reached the server: safe to try again.
        Some(e) => Failure::connect(e),
        None => Failure::not_found(),
    })
}

/// A connected socket as rustls and the HTTP layer read and write it.
pub(crate) struct Socket<'a>(pub(crate) &'a TcpStream);

impl Read for Socket<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        (&*self.0).read(buf)
    }
}

impl Write for Socket<'_> {
    /// std's `TcpStream::write` is a `send` with `MSG_NOSIGNAL` already.
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        (&*self.0).write(buf)
    }

    /// std's `write_vectored` is a `writev`, which raises `SIGPIPE`: this is a `sendmsg`.
    #[cfg(unix)]
    fn write_vectored(&mut self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        socket2::SockRef::from(self.0).send_vectored_with_flags(bufs, libc::MSG_NOSIGNAL)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// An interrupted or timed-out socket call is made again (the deadline is checked first).
pub(crate) fn retry_within_deadline(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut)
}

/// Whether an idle connection is still open with nothing unread: a server that closed it (or
/// sent bytes no request asked for) makes it unusable.
#[cfg(unix)]
pub(crate) fn nothing_waiting(stream: &TcpStream) -> bool {
    let mut byte = [std::mem::MaybeUninit::<u8>::uninit()];
    match socket2::SockRef::from(stream).recv_with_flags(&mut byte, libc::MSG_PEEK | libc::MSG_DONTWAIT) {
        Err(e) => e.kind() == io::ErrorKind::WouldBlock,
        Ok(_) => false,
    }
}

#[cfg(not(unix))]
pub(crate) fn nothing_waiting(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return false;
    }
    let waiting = matches!(stream.peek(&mut [0]), Err(e) if e.kind() == io::ErrorKind::WouldBlock);
    stream.set_nonblocking(false).is_ok() && waiting
}

/// The timeout a socket has for one direction, as last set.
#[derive(Debug, Default)]
pub(crate) struct SocketTimeout(Option<Duration>);

impl SocketTimeout {
    /// Makes the socket's timeout fit the time left before `deadline`: kept if it is no longer
    /// and at least half as long, otherwise set to the time left. Fails with a timeout when no
    /// time is left.
    pub(crate) fn fit(
        &mut self,
        stream: &TcpStream,
        deadline: Instant,
        set: fn(&TcpStream, Option<Duration>) -> io::Result<()>,
    ) -> Result<(), Failure> {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Failure::timeout());
        }
        let keep = self.0.is_some_and(|current| current <= left && current >= left / 2);
        if !keep {
            set(stream, Some(left)).map_err(Failure::io)?;
            self.0 = Some(left);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    fn pair() -> (TcpStream, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        (client, server)
    }

    #[test]
    fn a_timeout_is_kept_while_it_fits_the_time_left() {
        let (client, _server) = pair();
        let mut timeout = SocketTimeout::default();
        let now = Instant::now();
        timeout.fit(&client, now + Duration::from_secs(30), TcpStream::set_read_timeout).unwrap();
        let first = timeout.0.unwrap();
        assert!(first <= Duration::from_secs(30) && first > Duration::from_secs(29));
        // The next call, a moment later, has as much time: the timeout is kept (no system call).
        timeout.fit(&client, Instant::now() + Duration::from_secs(30), TcpStream::set_read_timeout).unwrap();
        assert_eq!(timeout.0, Some(first));
        // Less time left than the timeout: lowered, so the deadline is never overrun.
        timeout.fit(&client, now + Duration::from_secs(1), TcpStream::set_read_timeout).unwrap();
        assert!(timeout.0.unwrap() <= Duration::from_secs(1));
        assert!(client.read_timeout().unwrap().is_some_and(|set| set <= Duration::from_secs(1)));
        // Far more time left: raised again.
        timeout.fit(&client, Instant::now() + Duration::from_secs(60), TcpStream::set_read_timeout).unwrap();
        assert!(timeout.0.unwrap() > Duration::from_secs(59));
        // No time left: a timeout, nothing set.
        let past = Instant::now();
        let failure = timeout.fit(&client, past, TcpStream::set_read_timeout).unwrap_err();
        assert_eq!(failure.error.kind(), crate::ErrorKind::Timeout);
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
