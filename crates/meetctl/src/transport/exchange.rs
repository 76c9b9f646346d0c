//! The exchange in flight on this thread, and the last link of the connector chain, which sees
//! it from above TLS.
//!
//! ureq's connection details carry nothing of the request, and a pooled connection outlives
//! calls, so what the layers below ureq need to know of the call travels in a thread-local set
//! for one exchange ([`Exchange::start`]): its deadline (every wait ends by then, whatever ureq's
//! own timeouts say: a per-request ureq configuration would copy the agent's whole configuration
//! for every call) and how many bytes of answer it may read.
//!
//! The link ([`ExchangeConnector`]) wraps every connection, above the proxy tunnel and TLS, and
//!
//! - notes when the request starts to go out: below this link a connection is being made (a
//!   proxy's `CONNECT`, a TLS handshake), and a call cancelled there has sent nothing of its
//!   request; from the first byte ureq transmits through it, a cancel says the operation may have
//!   taken effect;
//! - counts what the answer takes off the wire, head, framing and trailers included, and caps it
//!   at the body cap plus [`WIRE_ALLOWANCE`]: ureq caps the head and the body, but reads chunk
//!   framing and trailers without limit (the transport checks the rest once the body is read,
//!   [`Exchange::framing_fits`]);
//! - turns a connection closed or reset before the answer was whole into a failure: ureq takes
//!   a reset, or a TLS connection closed without `close_notify` (which an attacker can forge), as
//!   the end of an answer framed by the connection's end.

use std::cell::Cell;
use std::io;
use std::time::Instant;

use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, NextTimeout, Transport};

use super::failure;
use crate::cancel;

/// What an answer may take off the wire besides its body: the head (ureq's default cap, 64 KiB)
/// and as much again for chunk framing and trailers.
pub(crate) const WIRE_ALLOWANCE: u64 = 128 * 1024;

/// The exchange in flight on this thread.
#[derive(Clone, Copy)]
struct Current {
    deadline: Instant,
    /// Bytes of answer it may read at most.
    cap: u64,
    /// Bytes of answer read so far.
    read: u64,
}

thread_local! {
    static CURRENT: Cell<Option<Current>> = const { Cell::new(None) };
}

/// Sets the exchange in flight on this thread while it lives (the one before is set again when
/// it is dropped: a nested exchange cannot happen, but nothing depends on that).
pub(crate) struct Exchange(Option<Current>);

impl Exchange {
    /// An exchange that ends by `deadline` and may read a body of `max_body` bytes.
    pub(crate) fn start(deadline: Instant, max_body: u64) -> Exchange {
        let current = Current { deadline, cap: max_body.saturating_add(WIRE_ALLOWANCE), read: 0 };
        Exchange(CURRENT.replace(Some(current)))
    }

    /// Whether an answer whose body is `body` bytes took no more than [`WIRE_ALLOWANCE`] besides
    /// off the wire (head, chunk framing, trailers).
    pub(crate) fn framing_fits(&self, body: usize) -> bool {
        let read = CURRENT.get().map_or(0, |c| c.read);
        read.saturating_sub(u64::try_from(body).unwrap_or(u64::MAX)) <= WIRE_ALLOWANCE
    }
}

impl Drop for Exchange {
    fn drop(&mut self) {
        CURRENT.set(self.0);
    }
}

/// The deadline of the exchange in flight on this thread.
pub(crate) fn deadline() -> Option<Instant> {
    CURRENT.get().map(|c| c.deadline)
}

/// Counts `amount` bytes read off the wire against the exchange's cap.
fn read_off_the_wire(amount: usize) -> Result<(), ureq::Error> {
    let Some(mut current) = CURRENT.get() else { return Ok(()) };
    current.read = current.read.saturating_add(u64::try_from(amount).unwrap_or(u64::MAX));
    CURRENT.set(Some(current));
    match current.read <= current.cap {
        true => Ok(()),
        false => Err(failure::oversized()),
    }
}

/// Wraps every connection made in an [`Exchanging`].
#[derive(Debug, Default)]
pub(crate) struct ExchangeConnector;

impl<In: Transport> Connector<In> for ExchangeConnector {
    type Out = Exchanging<In>;

    fn connect(&self, _: &ConnectionDetails, chained: Option<In>) -> Result<Option<Self::Out>, ureq::Error> {
        Ok(chained.map(Exchanging))
    }
}

/// A connection as the exchange sees it; see the module documentation.
#[derive(Debug)]
pub(crate) struct Exchanging<T>(T);

impl<T: Transport> Transport for Exchanging<T> {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.0.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        cancel::request_goes_out();
        self.0.transmit_output(amount, timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        let before = self.0.buffers().input().len();
        match self.0.await_input(timeout) {
            Ok(progress) => {
                let after = self.0.buffers().input().len();
                read_off_the_wire(after.saturating_sub(before))?;
                Ok(progress)
            }
            Err(ureq::Error::Io(e))
                if matches!(
                    e.kind(),
                    io::ErrorKind::UnexpectedEof
                        | io::ErrorKind::ConnectionReset
                        | io::ErrorKind::ConnectionAborted
                ) =>
            {
                Err(failure::lost(e))
            }
            Err(e) => Err(e),
        }
    }

    fn is_open(&mut self) -> bool {
        self.0.is_open()
    }

    fn is_tls(&self) -> bool {
        self.0.is_tls()
    }
}
