//! Injectable sources of time and randomness, so a signed request can be reproduced in tests.

use std::fmt::Debug;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Where the client reads the current time from.
pub trait Clock: Send + Sync + Debug {
    /// Milliseconds since the Unix epoch.
    fn now_millis(&self) -> i64;

    /// Whole seconds since the Unix epoch.
    fn now_secs(&self) -> i64 {
        self.now_millis().div_euclid(1000)
    }
}

/// The system's wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_millis(&self) -> i64 {
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
            Err(e) => -i64::try_from(e.duration().as_millis()).unwrap_or(i64::MAX),
        }
    }
}

/// A clock that stands still until moved; cheap to clone, all clones share one time.
#[derive(Debug, Clone, Default)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    /// A clock showing `unix_millis`.
    pub fn new(unix_millis: i64) -> Self {
        ManualClock(Arc::new(AtomicI64::new(unix_millis)))
    }

    /// A clock showing the system time now.
    pub fn starting_now() -> Self {
        Self::new(SystemClock.now_millis())
    }

    /// Moves the clock to `unix_millis`.
    pub fn set_millis(&self, unix_millis: i64) {
        self.0.store(unix_millis, Ordering::SeqCst);
    }

    /// Moves the clock forward by `secs` seconds (backward when negative).
    pub fn advance_secs(&self, secs: i64) {
        self.0.fetch_add(secs.saturating_mul(1000), Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_millis(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// Where the client draws nonces from.
pub trait RandomSource: Send + Sync + Debug {
    /// Fills `buf` with random bytes; `Err` when no randomness can be had (the call then fails:
    /// a guessable nonce is never sent).
    fn fill(&self, buf: &mut [u8]) -> Result<(), crate::Error>;
}

/// The operating system's secure random generator.
#[derive(Debug)]
pub struct SystemRandom(());

impl SystemRandom {
    /// A handle to the operating system's generator.
    pub fn new() -> Self {
        SystemRandom(())
    }
}

impl Default for SystemRandom {
    fn default() -> Self {
        Self::new()
    }
}

impl RandomSource for SystemRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), crate::Error> {
        getrandom::getrandom(buf).map_err(|_| {
            crate::Error::new(
                crate::ErrorKind::Connection,
                "the operating system's random generator failed; no nonce was made and nothing was sent",
            )
        })
    }
}

/// A deterministic source for tests: a counter, spread over the bytes asked for.
#[derive(Debug, Default)]
pub struct CountingRandom(AtomicU64);

impl CountingRandom {
    /// A source whose first draw starts at `start`.
    pub fn new(start: u64) -> Self {
        CountingRandom(AtomicU64::new(start))
    }
}

impl RandomSource for CountingRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), crate::Error> {
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (n >> (8 * (i % 8))) as u8;
        }
        Ok(())
    }
}

/// A Tencent `X-TC-Nonce`: a random positive integer below 2^31.
pub(crate) fn positive_nonce(random: &dyn RandomSource) -> Result<u32, crate::Error> {
    let mut bytes = [0u8; 4];
    random.fill(&mut bytes)?;
    Ok((u32::from_le_bytes(bytes) % 0x7FFF_FFFF) + 1)
}

/// A 32-character lowercase hex nonce (Huawei wants 32 to 64 characters).
pub(crate) fn hex_nonce(random: &dyn RandomSource) -> Result<String, crate::Error> {
    let mut bytes = [0u8; 16];
    random.fill(&mut bytes)?;
    Ok(crate::encoding::hex_lower(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_positive_and_vary() {
        let r = SystemRandom::new();
        let a = positive_nonce(&r).unwrap();
        let b = positive_nonce(&r).unwrap();
        assert!(a > 0 && b > 0);
        assert_ne!(hex_nonce(&r).unwrap(), hex_nonce(&r).unwrap());
        assert_eq!(hex_nonce(&r).unwrap().len(), 32);
    }

    #[test]
    fn counting_random_is_reproducible() {
        let r = CountingRandom::new(7);
        assert_eq!(positive_nonce(&r).unwrap(), 8);
        assert_eq!(positive_nonce(&r).unwrap(), 9);
    }

    #[test]
    fn manual_clock_moves_only_when_told() {
        let c = ManualClock::new(1_700_000_000_123);
        assert_eq!(c.now_secs(), 1_700_000_000);
        c.advance_secs(60);
        assert_eq!(c.now_millis(), 1_700_000_060_123);
    }
}
