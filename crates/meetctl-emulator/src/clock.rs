//! The emulator's clock: real system time plus an offset that tests can advance.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Real time plus an adjustable offset, in milliseconds.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    offset_ms: AtomicI64,
}

impl Clock {
    /// Moves the clock by `secs` seconds (negative moves it back).
    pub(crate) fn advance(&self, secs: i64) {
        self.offset_ms.fetch_add(secs.saturating_mul(1000), Ordering::SeqCst);
    }

    /// Sets the offset from real time to `secs` seconds (a fake skew; negative is behind).
    pub(crate) fn set_offset(&self, secs: i64) {
        self.offset_ms.store(secs.saturating_mul(1000), Ordering::SeqCst);
    }

    /// The current offset from real time, in seconds.
    pub(crate) fn offset_secs(&self) -> i64 {
        self.offset_ms.load(Ordering::SeqCst) / 1000
    }

    /// Emulator time as Unix milliseconds.
    pub(crate) fn now_millis(&self) -> i64 {
        let real = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
            Err(_) => 0,
        };
        real.saturating_add(self.offset_ms.load(Ordering::SeqCst))
    }

    /// Emulator time as Unix seconds.
    pub(crate) fn now_secs(&self) -> i64 {
        self.now_millis().div_euclid(1000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_moves_time_forward() {
        let clock = Clock::default();
        let before = clock.now_secs();
        clock.advance(3600);
        let after = clock.now_secs();
        assert!(after - before >= 3600 && after - before <= 3601);
        assert_eq!(clock.offset_secs(), 3600);
        clock.set_offset(-90);
        assert_eq!(clock.offset_secs(), -90);
    }
}
