//! A cached token refreshed before it expires, shared by every thread of a client or conference.
//!
//! Single-flight: when the token needs refreshing, one caller fetches (without holding the lock)
//! and every other caller waits for that one outcome, success or error, each no longer than its
//! own deadline. A failed fetch is remembered for a short, growing while (a negative cache), so a
//! dead token endpoint is asked once per back-off period, not once per caller.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Instant;

use crate::clock::Clock;
use crate::error::{Error, ErrorKind};
use crate::secret::Secret;

/// Refresh this long before expiry at most (5 minutes), and never later than 4/5 of a lifetime.
const MAX_REFRESH_MARGIN_MS: i64 = 5 * 60 * 1000;
/// A token is used for at least this long, even when it arrives already stale: a server handing
/// out expired tokens costs one fetch per 10 s, not one per call (a refused token is replaced).
const MIN_USE_MS: i64 = 10_000;
/// After a failed fetch, the error is handed out for 1 s, then 2 s, … up to 30 s.
const FIRST_BACKOFF_MS: i64 = 1_000;
const MAX_BACKOFF_MS: i64 = 30_000;

/// The longest token accepted from a server.
const MAX_TOKEN_LEN: usize = 4096;

/// A token as a server sent it, checked before it is ever used: 1 to 4096 visible ASCII
/// characters. Anything else (a CR/LF that would split a header, a space, a control or non-ASCII
/// character) is a malformed answer, never sent on and never handed to a caller's HTTP stack.
pub(crate) fn checked_token(token: &str, what: &str) -> Result<Secret, Error> {
    let visible = token.bytes().all(|b| (0x21..=0x7e).contains(&b));
    if token.is_empty() || token.len() > MAX_TOKEN_LEN || !visible {
        return Err(Error::new(
            ErrorKind::MalformedResponse,
            format!("the {what} in the answer is not 1 to {MAX_TOKEN_LEN} visible ASCII characters"),
        ));
    }
    Ok(Secret::new(token))
}

/// A token and when to stop using it.
#[derive(Clone, Debug)]
pub(crate) struct FreshToken {
    /// The token.
    pub token: Secret,
    /// Unix milliseconds after which the token is refreshed instead of used.
    pub refresh_at_ms: i64,
}

impl FreshToken {
    /// A token fetched at `now_ms` that expires at `expires_at_ms`.
    pub(crate) fn new(token: Secret, now_ms: i64, expires_at_ms: i64) -> Self {
        let lifetime = expires_at_ms.saturating_sub(now_ms).max(0);
        let margin = (lifetime / 5).min(MAX_REFRESH_MARGIN_MS);
        let refresh_at_ms = expires_at_ms.saturating_sub(margin).max(now_ms.saturating_add(MIN_USE_MS));
        FreshToken { token, refresh_at_ms }
    }
}

#[derive(Default)]
struct Slot {
    /// The process this state belongs to: a forked child starts without its parent's refresh in
    /// flight or remembered failure (it keeps the token, which is still valid).
    pid: u32,
    token: Option<FreshToken>,
    /// Whether a caller is fetching right now.
    fetching: bool,
    /// The last fetch's error and until when (unix ms) it is handed out instead of fetching.
    failure: Option<(Error, i64)>,
    /// Failed fetches in a row.
    failures: u32,
}

/// One token slot.
#[derive(Default)]
pub(crate) struct TokenCache {
    slot: Mutex<Slot>,
    fetched: Condvar,
}

impl TokenCache {
    /// The cached token if it is still fresh and is not `rejected` (a token the server just
    /// refused); the remembered error of a fetch that just failed; otherwise the outcome of one
    /// `fetch`, shared with every caller waiting meanwhile. Waiting ends at `deadline`.
    pub(crate) fn get(
        &self,
        clock: &dyn Clock,
        deadline: Instant,
        rejected: Option<&Secret>,
        fetch: impl FnOnce() -> Result<FreshToken, Error>,
    ) -> Result<Secret, Error> {
        let mut slot = self.lock();
        loop {
            let now = clock.now_millis();
            if let Some(cached) = &slot.token {
                let refused = rejected.is_some_and(|r| *r == cached.token);
                if now < cached.refresh_at_ms && !refused {
                    return Ok(cached.token.clone());
                }
            }
            if let Some((error, until)) = &slot.failure {
                if now < *until {
                    return Err(error.clone());
                }
            }
            if !slot.fetching {
                break;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(Error::new(ErrorKind::Timeout, "timed out waiting for a token refresh"));
            }
            // In slices, so that the caller's cancel token can end the wait.
            drop(slot);
            crate::cancel::check()?;
            slot = self.lock();
            if !slot.fetching {
                continue;
            }
            let slice = left.min(crate::cancel::SLICE);
            slot = self.fetched.wait_timeout(slot, slice).unwrap_or_else(|e| e.into_inner()).0;
        }
        slot.fetching = true;
        slot.token = None;
        drop(slot);

        let outcome = fetch();

        let mut slot = self.lock();
        slot.fetching = false;
        match &outcome {
            Ok(fresh) => {
                slot.token = Some(fresh.clone());
                slot.failure = None;
                slot.failures = 0;
            }
            // A cancelled fetch says nothing of the server: the next caller fetches again.
            Err(error) if error.kind() == ErrorKind::Cancelled => {}
            Err(error) => {
                slot.failures = slot.failures.saturating_add(1);
                let backoff = FIRST_BACKOFF_MS
                    .saturating_mul(1 << slot.failures.saturating_sub(1).min(8))
                    .min(MAX_BACKOFF_MS);
                slot.failure = Some((error.clone(), clock.now_millis().saturating_add(backoff)));
            }
        }
        drop(slot);
        self.fetched.notify_all();
        outcome.map(|fresh| fresh.token)
    }

    fn lock(&self) -> MutexGuard<'_, Slot> {
        let mut slot = self.slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let pid = std::process::id();
        if slot.pid != pid {
            *slot = Slot { pid, token: slot.token.take(), ..Slot::default() };
        }
        slot
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::{Arc, Barrier};
    use std::time::Duration;

    fn later() -> Instant {
        Instant::now() + Duration::from_secs(5)
    }

    #[test]
    fn refreshes_only_when_stale_or_refused() {
        let clock = ManualClock::new(0);
        let cache = TokenCache::default();
        let fetches = AtomicU32::new(0);
        let fetch = |now: i64| {
            let n = fetches.fetch_add(1, Ordering::SeqCst);
            Ok(FreshToken::new(Secret::new(format!("t{n}")), now, now + 30 * 60 * 1000))
        };
        let t0 = cache.get(&clock, later(), None, || fetch(0)).unwrap();
        clock.set_millis(60_000);
        assert_eq!(cache.get(&clock, later(), None, || fetch(60_000)).unwrap(), t0);
        // 25 minutes in: inside the 5-minute margin, so refreshed.
        clock.set_millis(25 * 60 * 1000);
        let t1 = cache.get(&clock, later(), None, || fetch(25 * 60 * 1000)).unwrap();
        assert_ne!(t1, t0);
        // A refused token is replaced once; a refusal of an older token is not.
        let t2 = cache.get(&clock, later(), Some(&t1), || fetch(25 * 60 * 1000)).unwrap();
        assert_ne!(t2, t1);
        assert_eq!(cache.get(&clock, later(), Some(&t1), || fetch(0)).unwrap(), t2);
        assert_eq!(fetches.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn server_tokens_must_be_header_safe() {
        assert!(checked_token("stb.ABC-123_x=", "token").is_ok());
        for bad in ["", "a\r\nX-Evil: 1", "a b", "tok\u{1b}[31m", "令牌", &"x".repeat(4097)] {
            assert_eq!(
                checked_token(bad, "token").unwrap_err().kind(),
                ErrorKind::MalformedResponse,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn short_lived_tokens_get_a_proportional_margin_and_stale_ones_a_minimum_use() {
        let t = FreshToken::new(Secret::new("x"), 0, 100_000);
        assert_eq!(t.refresh_at_ms, 80_000);
        let stale = FreshToken::new(Secret::new("x"), 1_000_000, 0);
        assert_eq!(stale.refresh_at_ms, 1_000_000 + MIN_USE_MS, "used for a while, not refetched per call");
    }

    #[test]
    fn a_failure_is_shared_and_remembered_with_backoff() {
        let clock = ManualClock::new(0);
        let cache = TokenCache::default();
        let fetches = AtomicU32::new(0);
        let fail = || {
            fetches.fetch_add(1, Ordering::SeqCst);
            Err(Error::new(ErrorKind::Connection, "down"))
        };
        assert_eq!(cache.get(&clock, later(), None, fail).unwrap_err().kind(), ErrorKind::Connection);
        assert_eq!(cache.get(&clock, later(), None, fail).unwrap_err().kind(), ErrorKind::Connection);
        assert_eq!(fetches.load(Ordering::SeqCst), 1, "remembered for a second");
        clock.set_millis(1_001);
        assert!(cache.get(&clock, later(), None, fail).is_err());
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
        clock.set_millis(2_500);
        assert!(cache.get(&clock, later(), None, fail).is_err());
        assert_eq!(fetches.load(Ordering::SeqCst), 2, "the second failure is remembered for two seconds");
    }

    #[test]
    fn concurrent_callers_share_one_slow_fetch() {
        let clock = Arc::new(ManualClock::new(0));
        let cache = Arc::new(TokenCache::default());
        let fetches = Arc::new(AtomicU32::new(0));
        let start = Arc::new(Barrier::new(8));
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let (clock, cache, fetches, start) =
                    (clock.clone(), cache.clone(), fetches.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    cache.get(clock.as_ref(), later(), None, || {
                        fetches.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(200));
                        Err(Error::new(ErrorKind::Timeout, "token endpoint never answered"))
                    })
                })
            })
            .collect();
        let began = Instant::now();
        for h in handles {
            assert_eq!(h.join().unwrap().unwrap_err().kind(), ErrorKind::Timeout);
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1, "one fetch for eight callers");
        assert!(began.elapsed() < Duration::from_millis(1500), "{:?}", began.elapsed());
    }

    #[test]
    fn a_waiter_gives_up_at_its_deadline() {
        let clock = Arc::new(ManualClock::new(0));
        let cache = Arc::new(TokenCache::default());
        let slow = {
            let (clock, cache) = (clock.clone(), cache.clone());
            std::thread::spawn(move || {
                cache.get(clock.as_ref(), later(), None, || {
                    std::thread::sleep(Duration::from_millis(500));
                    Ok(FreshToken::new(Secret::new("t"), 0, 1_800_000))
                })
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        let waited = Instant::now();
        let e = cache
            .get(clock.as_ref(), Instant::now() + Duration::from_millis(100), None, || unreachable!())
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Timeout);
        assert!(waited.elapsed() < Duration::from_millis(400));
        assert_eq!(slow.join().unwrap().unwrap().expose(), "t");
    }
}
