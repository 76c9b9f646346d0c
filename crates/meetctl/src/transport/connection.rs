//! One connection to the server, plain or TLS: a request goes out in one write, the answer comes
//! into a buffer the HTTP reader parses in place, and every socket call ends by a deadline.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Instant;

use rustls::pki_types::ServerName;

use super::failure::Failure;
use super::tcp::{self, SocketTimeout};

/// The input buffer a connection starts with; it grows only for a head that does not fit.
const INPUT_BUFFER_BYTES: usize = 16 * 1024;

/// A TCP connection, with TLS over it for `https://`, and its buffers.
pub(crate) struct Connection {
    tcp: TcpStream,
    tls: Option<Box<rustls::ClientConnection>>,
    read_timeout: SocketTimeout,
    write_timeout: SocketTimeout,
    input: Vec<u8>,
    /// The unread input is `input[start..end]`.
    start: usize,
    end: usize,
    /// What [`send`](Connection::send) writes: the HTTP layer fills it (kept to be reused).
    pub(crate) output: Vec<u8>,
    /// When the connection last finished an exchange.
    pub(crate) idle_since: Instant,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("peer", &self.tcp.peer_addr().ok())
            .field("tls", &self.tls.is_some())
            .finish_non_exhaustive()
    }
}

impl Connection {
    /// A plain connection over `tcp`.
    pub(crate) fn new(tcp: TcpStream) -> Connection {
        Connection {
            tcp,
            tls: None,
            read_timeout: SocketTimeout::default(),
            write_timeout: SocketTimeout::default(),
            input: vec![0; INPUT_BUFFER_BYTES],
            start: 0,
            end: 0,
            output: Vec::with_capacity(1024),
            idle_since: Instant::now(),
        }
    }

    /// Makes this a TLS connection to `name`, the handshake finished by `deadline`. Anything
    /// still unread (a proxy's answer is read first) is a protocol error.
    pub(crate) fn start_tls(
        &mut self,
        config: Arc<rustls::ClientConfig>,
        name: ServerName<'static>,
        deadline: Instant,
    ) -> Result<(), Failure> {
        if !self.buffered().is_empty() {
            return Err(Failure::proxy("the proxy sent bytes before the TLS handshake"));
        }
        let mut tls = rustls::ClientConnection::new(config, name).map_err(Failure::tls)?;
        while tls.is_handshaking() {
            self.read_timeout.fit(&self.tcp, deadline, TcpStream::set_read_timeout)?;
            self.write_timeout.fit(&self.tcp, deadline, TcpStream::set_write_timeout)?;
            match tls.complete_io(&mut tcp::Socket(&self.tcp)) {
                Ok(_) => {}
                Err(e) if tcp::retry_within_deadline(&e) => {}
                Err(e) => return Err(Failure::io(e)),
            }
        }
        self.tls = Some(Box::new(tls));
        Ok(())
    }

    /// Writes all of [`output`](Connection::output) by `deadline`.
    pub(crate) fn send(&mut self, deadline: Instant) -> Result<(), Failure> {
        let Connection { tcp, tls, write_timeout, output, .. } = self;
        let Some(tls) = tls else {
            return write_all(tcp, write_timeout, output, deadline);
        };
        // rustls takes plaintext until its send buffer is full; each round sends its records in
        // one vectored write.
        let mut taken = 0;
        while taken < output.len() || tls.wants_write() {
            if taken < output.len() {
                taken += tls.writer().write(&output[taken..]).map_err(Failure::io)?;
            }
            while tls.wants_write() {
                write_timeout.fit(tcp, deadline, TcpStream::set_write_timeout)?;
                match tls.write_tls(&mut tcp::Socket(tcp)) {
                    Ok(_) => {}
                    Err(e) if tcp::retry_within_deadline(&e) => {}
                    Err(e) => return Err(Failure::io(e)),
                }
            }
        }
        Ok(())
    }

    /// The bytes received and not yet consumed.
    pub(crate) fn buffered(&self) -> &[u8] {
        &self.input[self.start..self.end]
    }

    /// Marks the first `n` buffered bytes as read.
    pub(crate) fn consume(&mut self, n: usize) {
        self.start = (self.start + n).min(self.end);
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
    }

    /// Receives more bytes into the buffer by `deadline`, growing it when the unread bytes fill
    /// it; 0 when the server closed the connection.
    pub(crate) fn fill(&mut self, deadline: Instant) -> Result<usize, Failure> {
        if self.end == self.input.len() {
            if self.start > 0 {
                self.input.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            } else {
                self.input.resize(self.input.len() * 2, 0);
            }
        }
        let Connection { tcp, tls, read_timeout, input, end, .. } = self;
        let into = &mut input[*end..];
        let n = match tls {
            None => read_some(tcp, read_timeout, into, deadline)?,
            Some(tls) => read_some_tls(tls, tcp, read_timeout, into, deadline)?,
        };
        *end += n;
        Ok(n)
    }

    /// Whether an idle connection can carry another request: nothing unread, and the server
    /// has neither closed it nor sent anything since.
    pub(crate) fn is_reusable(&self) -> bool {
        self.start == self.end
            && self.tls.as_ref().is_none_or(|tls| !tls.wants_write())
            && tcp::nothing_waiting(&self.tcp)
    }
}

fn write_all(
    tcp: &TcpStream,
    timeout: &mut SocketTimeout,
    mut bytes: &[u8],
    deadline: Instant,
) -> Result<(), Failure> {
    while !bytes.is_empty() {
        timeout.fit(tcp, deadline, TcpStream::set_write_timeout)?;
        match tcp::Socket(tcp).write(bytes) {
            Ok(0) => return Err(Failure::io(io::ErrorKind::WriteZero.into())),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if tcp::retry_within_deadline(&e) => {}
            Err(e) => return Err(Failure::io(e)),
        }
    }
    Ok(())
}

fn read_some(
    tcp: &TcpStream,
    timeout: &mut SocketTimeout,
    into: &mut [u8],
    deadline: Instant,
) -> Result<usize, Failure> {
    loop {
        timeout.fit(tcp, deadline, TcpStream::set_read_timeout)?;
        match tcp::Socket(tcp).read(into) {
            Ok(n) => return Ok(n),
            Err(e) if tcp::retry_within_deadline(&e) => {}
            Err(e) => return Err(Failure::io(e)),
        }
    }
}

/// Plaintext from the TLS connection; 0 when the server closed it with `close_notify` (a close
/// without one is an error: the answer could have been cut short).
fn read_some_tls(
    tls: &mut rustls::ClientConnection,
    tcp: &TcpStream,
    timeout: &mut SocketTimeout,
    into: &mut [u8],
    deadline: Instant,
) -> Result<usize, Failure> {
    loop {
        match tls.reader().read(into) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) => return Err(Failure::io(e)),
        }
        timeout.fit(tcp, deadline, TcpStream::set_read_timeout)?;
        match tls.read_tls(&mut tcp::Socket(tcp)) {
            // 0 is the end of the stream: rustls remembers it and the reader reports it.
            Ok(_) => {}
            Err(e) if tcp::retry_within_deadline(&e) => continue,
            Err(e) => return Err(Failure::io(e)),
        }
        tls.process_new_packets().map_err(Failure::tls)?;
    }
}
