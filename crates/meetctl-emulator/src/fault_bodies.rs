//! Response bodies for faults: one sent slowly, one generated as it is sent.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Bytes;
use hyper::body::{Body as HttpBody, Frame, SizeHint};
use tokio::time::Sleep;

/// A body sent `chunk` bytes at a time with `interval` between chunks (the first at once).
pub(crate) struct Trickle {
    data: Bytes,
    chunk: usize,
    interval: Duration,
    pause: Option<Pin<Box<Sleep>>>,
}

impl Trickle {
    /// `data`, `chunk` bytes (at least 1) every `interval`.
    pub(crate) fn new(data: Bytes, chunk: usize, interval: Duration) -> Trickle {
        Trickle { data, chunk: chunk.max(1), interval, pause: None }
    }
}

impl HttpBody for Trickle {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = &mut *self;
        if this.data.is_empty() {
            return Poll::Ready(None);
        }
        if let Some(pause) = this.pause.as_mut() {
            if pause.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            this.pause = None;
        }
        let part = this.data.split_to(this.chunk.min(this.data.len()));
        if !this.data.is_empty() {
            this.pause = Some(Box::pin(tokio::time::sleep(this.interval)));
        }
        Poll::Ready(Some(Ok(Frame::data(part))))
    }

    fn is_end_stream(&self) -> bool {
        self.data.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(u64::try_from(self.data.len()).unwrap_or(u64::MAX))
    }
}

/// How much of a generated body is made per frame.
const GENERATED_CHUNK: u64 = 64 * 1024;

/// A body of exactly `total` bytes made as it is sent: `{"pad":"xx…x"}` (valid JSON) when
/// `total` is at least 10, `x`s otherwise. Its length is declared unless it is sent chunked.
pub(crate) struct Generated {
    sent: u64,
    total: u64,
    declared: bool,
}

impl Generated {
    /// `total` bytes; `declared` says whether the size is announced (`Content-Length`).
    pub(crate) fn new(total: u64, declared: bool) -> Generated {
        Generated { sent: 0, total, declared }
    }

    /// The byte at `position`.
    fn byte_at(&self, position: u64) -> u8 {
        const HEAD: &[u8] = b"{\"pad\":\"";
        const TAIL: &[u8] = b"\"}";
        if self.total < 10 {
            return b'x';
        }
        let tail_start = self.total - 2;
        match usize::try_from(position) {
            Ok(i) if i < HEAD.len() => HEAD[i],
            _ if position >= tail_start => TAIL[usize::try_from(position - tail_start).unwrap_or(0)],
            _ => b'x',
        }
    }
}

impl HttpBody for Generated {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = &mut *self;
        if this.sent >= this.total {
            return Poll::Ready(None);
        }
        let end = this.total.min(this.sent.saturating_add(GENERATED_CHUNK));
        let part: Vec<u8> = (this.sent..end).map(|p| this.byte_at(p)).collect();
        this.sent = end;
        Poll::Ready(Some(Ok(Frame::data(Bytes::from(part)))))
    }

    fn is_end_stream(&self) -> bool {
        self.sent >= self.total
    }

    fn size_hint(&self) -> SizeHint {
        if self.declared { SizeHint::with_exact(self.total - self.sent) } else { SizeHint::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(mut body: impl HttpBody<Data = Bytes> + Unpin) -> Vec<Vec<u8>> {
        let waker = std::task::Waker::noop();
        let mut cx = Context::from_waker(waker);
        let mut frames = Vec::new();
        loop {
            match Pin::new(&mut body).poll_frame(&mut cx) {
                Poll::Ready(Some(Ok(frame))) => {
                    frames.push(frame.into_data().map(|d| d.to_vec()).unwrap_or_default())
                }
                Poll::Ready(None) => return frames,
                Poll::Ready(Some(Err(_))) => panic!("body error"),
                Poll::Pending => std::thread::sleep(Duration::from_millis(1)),
            }
        }
    }

    #[test]
    fn generated_bodies_have_the_exact_size_and_are_json_when_they_can_be() {
        for total in [0u64, 1, 9, 10, 11, 70_000, 200_000] {
            let body: Vec<u8> = collect(Generated::new(total, true)).concat();
            assert_eq!(body.len() as u64, total);
            if total >= 10 {
                let value: serde_json::Value = serde_json::from_slice(&body).expect("json");
                assert_eq!(value["pad"].as_str().map(str::len), usize::try_from(total - 10).ok());
            }
        }
        assert_eq!(Generated::new(5, true).size_hint().exact(), Some(5));
        assert_eq!(Generated::new(5, false).size_hint().exact(), None);
    }

    #[tokio::test]
    async fn trickled_bodies_come_in_chunks_with_pauses() {
        let started = std::time::Instant::now();
        let mut body = Trickle::new(Bytes::from_static(b"abcde"), 2, Duration::from_millis(20));
        assert_eq!(body.size_hint().exact(), Some(5));
        let mut frames = Vec::new();
        while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
            frames.push(frame.expect("frame").into_data().expect("data").to_vec());
        }
        assert_eq!(frames, [b"ab".to_vec(), b"cd".to_vec(), b"e".to_vec()]);
        assert!(started.elapsed() >= Duration::from_millis(40));
        assert!(body.is_end_stream());
    }
}
