//! When a failed exchange is tried again, and after how long.
//!
//! Every operation says whether it is safe to repeat (its row's `safe_to_repeat`: a lookup, a
//! token fetch, setting a state such as mute or lock; not removing people, ending, extending).
//! Any request is repeated when it certainly never left (no connection could be made; a failure
//! on a reused pooled connection does not count) or when the vendor said it was rate-limited
//! (HTTP 429 or the vendor's rate-limit codes, after `Retry-After` where given, capped). One that
//! is safe to repeat is also repeated after 408, 502, 503 and 504 and a connection lost
//! mid-exchange: a gateway timeout may come after the vendor acted, so ending a meeting or
//! ringing a phone is never repeated on one. A business error is never retried. Every attempt is
//! prepared afresh (a Tencent attempt is signed again with a new nonce) and all of them fit in
//! the call's deadline.

use std::time::{Duration, Instant};

use crate::clock::RandomSource;
use crate::error::{Error, ErrorKind};
use crate::http::HttpResponse;

/// How a client retries: on by default, at most 3 attempts, exponential backoff with full jitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) base_delay: Duration,
    pub(crate) max_delay: Duration,
    pub(crate) max_retry_after: Duration,
}

/// The most attempts a policy may allow.
pub const MAX_ATTEMPTS: u32 = 10;

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
            max_retry_after: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// The default: 3 attempts, backoff from 100 ms to 2 s, `Retry-After` honoured up to 10 s.
    pub fn new() -> Self {
        Self::default()
    }

    /// No retries: every call is one attempt.
    pub fn none() -> Self {
        RetryPolicy { max_attempts: 1, ..Self::default() }
    }

    /// At most `attempts` attempts per exchange (1 to 10; 1 turns retrying off).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// The first backoff's upper bound; each next one doubles, up to `max_delay`.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest backoff (default 2 s). A server's `Retry-After` is waited up to 10 s, or up to
    /// this delay when it is longer; a longer `Retry-After` is not retried.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self.max_retry_after = self.max_retry_after.max(delay);
        self
    }

    /// Checks the policy; `longest` is the longest delay a client accepts (the configuration's
    /// `MAX_TIMEOUT`, passed in by whoever checks the configuration).
    pub(crate) fn validate(&self, longest: Duration) -> Result<(), Error> {
        if !(1..=MAX_ATTEMPTS).contains(&self.max_attempts) {
            return Err(Error::invalid("max_attempts", format!("must be from 1 to {MAX_ATTEMPTS}")));
        }
        if self.max_delay > longest || self.base_delay > self.max_delay {
            return Err(Error::invalid("max_delay", "must be at least base_delay and at most an hour"));
        }
        Ok(())
    }

    /// How long to wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed,
    /// `retry_after` being what the server asked; `None` when no attempt may follow (out of
    /// attempts, the wait would pass `deadline`, or the server asked for too long).
    pub(crate) fn delay(
        &self,
        attempt: u32,
        retry_after: Option<Duration>,
        deadline: Instant,
        random: &dyn RandomSource,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let wait = match retry_after {
            Some(asked) if asked > self.max_retry_after => return None,
            Some(asked) => asked,
            None => {
                let cap = self.base_delay.saturating_mul(1 << (attempt - 1).min(16)).min(self.max_delay);
                let mut bytes = [0u8; 8];
                let draw =
                    random.fill(&mut bytes).map(|()| u64::from_le_bytes(bytes)).unwrap_or(u64::MAX / 2);
                let cap_ms = u64::try_from(cap.as_millis()).unwrap_or(u64::MAX);
                Duration::from_millis(draw % cap_ms.saturating_add(1))
            }
        };
        (Instant::now() + wait < deadline).then_some(wait)
    }
}

/// Whether an answer with this status says the request may be repeated, if repeating it can do
/// no harm: the server or a gateway failed or timed out, perhaps after acting on it.
pub(crate) fn retryable_status(status: u16) -> bool {
    matches!(status, 408 | 502 | 503 | 504)
}

/// Whether the vendor refused the request as over its rate limit (HTTP 429, or a vendor code
/// `api_error` reads as [`ErrorKind::RateLimited`]): not acted on, so any request may be repeated.
pub(crate) fn rate_limited(response: &HttpResponse, api_error: fn(&HttpResponse) -> Error) -> bool {
    response.status == 429 || (!response.is_success() && api_error(response).kind() == ErrorKind::RateLimited)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::CountingRandom;

    #[test]
    fn backoff_is_bounded_jittered_and_inside_the_deadline() {
        let policy = RetryPolicy::new();
        let random = CountingRandom::new(12345);
        let far = Instant::now() + Duration::from_secs(60);
        for attempt in 1..3 {
            let wait = policy.delay(attempt, None, far, &random).unwrap();
            assert!(wait <= Duration::from_millis(100 << (attempt - 1)), "{wait:?}");
        }
        assert_eq!(policy.delay(3, None, far, &random), None, "three attempts at most");
        let soon = Instant::now() + Duration::from_millis(50);
        assert_eq!(policy.delay(1, Some(Duration::from_secs(1)), soon, &random), None, "past the deadline");
        assert_eq!(policy.delay(1, Some(Duration::from_secs(1)), far, &random), Some(Duration::from_secs(1)));
        assert_eq!(policy.delay(1, Some(Duration::from_secs(11)), far, &random), None, "asked for too long");
        assert_eq!(RetryPolicy::none().delay(1, None, far, &random), None);
    }

    #[test]
    fn policies_are_validated() {
        const HOUR: Duration = Duration::from_secs(3600);
        assert_eq!(
            RetryPolicy::new().max_attempts(0).validate(HOUR).unwrap_err().field(),
            Some("max_attempts")
        );
        assert_eq!(
            RetryPolicy::new().max_attempts(11).validate(HOUR).unwrap_err().field(),
            Some("max_attempts")
        );
        assert!(RetryPolicy::new().max_attempts(10).validate(HOUR).is_ok());
        let long = RetryPolicy::new().max_delay(HOUR + Duration::from_millis(1));
        assert_eq!(long.validate(HOUR).unwrap_err().field(), Some("max_delay"));
        assert!(RetryPolicy::new().max_delay(HOUR).validate(HOUR).is_ok());
        let inverted =
            RetryPolicy::new().base_delay(Duration::from_secs(3)).max_delay(Duration::from_secs(2));
        assert_eq!(inverted.validate(HOUR).unwrap_err().field(), Some("max_delay"));
        assert!(
            retryable_status(503)
                && retryable_status(504)
                && !retryable_status(429)
                && !retryable_status(500)
                && !retryable_status(400)
        );
    }
}
