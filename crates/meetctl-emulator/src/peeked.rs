//! [`Peeked`]: a stream some of whose first bytes were already read (to look at the first request
//! line of a TLS connection, which cannot be peeked at like a TCP socket); reading gives those
//! bytes back first, then the rest of the stream.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// A stream with bytes read ahead of time put back in front of it.
#[derive(Debug)]
pub(crate) struct Peeked<S> {
    ahead: Vec<u8>,
    pos: usize,
    inner: S,
}

impl<S> Peeked<S> {
    /// `inner`, from which `ahead` has already been read.
    pub(crate) fn new(ahead: Vec<u8>, inner: S) -> Peeked<S> {
        Peeked { ahead, pos: 0, inner }
    }

    /// The stream underneath.
    pub(crate) fn get_ref(&self) -> &S {
        &self.inner
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Peeked<S> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let left = &this.ahead[this.pos..];
        if !left.is_empty() {
            let n = left.len().min(buf.remaining());
            buf.put_slice(&left[..n]);
            this.pos += n;
            if this.pos == this.ahead.len() {
                this.ahead = Vec::new();
                this.pos = 0;
            }
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut this.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Peeked<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::AsyncReadExt;

    use super::*;

    #[test]
    fn gives_back_what_was_read_ahead_then_the_rest() {
        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        runtime.block_on(async {
            let rest: &[u8] = b" /x HTTP/1.1\r\n";
            let mut peeked = Peeked::new(b"GET".to_vec(), rest);
            let mut small = [0u8; 2];
            peeked.read_exact(&mut small).await.expect("read");
            assert_eq!(&small, b"GE");
            let mut all = Vec::new();
            peeked.read_to_end(&mut all).await.expect("read");
            assert_eq!(all, b"T /x HTTP/1.1\r\n");
        });
    }
}
