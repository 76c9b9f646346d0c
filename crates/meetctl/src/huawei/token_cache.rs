//! A cached token refreshed before it expires, shared by every thread of a client or conference.

use std::sync::Mutex;

use crate::error::Error;
use crate::secret::Secret;

/// Refresh this long before expiry at most (5 minutes), and never later than 4/5 of a lifetime.
const MAX_REFRESH_MARGIN_MS: i64 = 5 * 60 * 1000;

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
        FreshToken { token, refresh_at_ms: expires_at_ms.saturating_sub(margin) }
    }
}

/// One token slot. Concurrent callers that find it stale wait for one refresh instead of each
/// making their own: the fetch runs under the slot's lock.
#[derive(Default)]
pub(crate) struct TokenCache {
    slot: Mutex<Option<FreshToken>>,
}

impl TokenCache {
    /// The cached token if it is still fresh at `now_ms` and is not `rejected` (a token the
    /// server just refused); otherwise the result of `fetch`, which is then cached.
    pub(crate) fn get(
        &self,
        now_ms: i64,
        rejected: Option<&Secret>,
        fetch: impl FnOnce() -> Result<FreshToken, Error>,
    ) -> Result<Secret, Error> {
        let mut slot = self.slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(cached) = slot.as_ref() {
            let refused = rejected.is_some_and(|r| *r == cached.token);
            if now_ms < cached.refresh_at_ms && !refused {
                return Ok(cached.token.clone());
            }
        }
        *slot = None;
        let fresh = fetch()?;
        let token = fresh.token.clone();
        *slot = Some(fresh);
        Ok(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn refreshes_only_when_stale_or_refused() {
        let cache = TokenCache::default();
        let fetches = AtomicU32::new(0);
        let fetch = |now: i64| {
            let n = fetches.fetch_add(1, Ordering::SeqCst);
            Ok(FreshToken::new(Secret::new(format!("t{n}")), now, now + 30 * 60 * 1000))
        };
        let t0 = cache.get(0, None, || fetch(0)).unwrap();
        assert_eq!(cache.get(60_000, None, || fetch(60_000)).unwrap(), t0);
        // 25 minutes in: inside the 5-minute margin, so refreshed.
        let t1 = cache.get(25 * 60 * 1000, None, || fetch(25 * 60 * 1000)).unwrap();
        assert_ne!(t1, t0);
        // A refused token is replaced once; a refusal of an older token is not.
        let t2 = cache.get(25 * 60 * 1000 + 1, Some(&t1), || fetch(25 * 60 * 1000)).unwrap();
        assert_ne!(t2, t1);
        assert_eq!(cache.get(25 * 60 * 1000 + 2, Some(&t1), || fetch(0)).unwrap(), t2);
        assert_eq!(fetches.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn short_lived_tokens_get_a_proportional_margin() {
        let t = FreshToken::new(Secret::new("x"), 0, 10_000);
        assert_eq!(t.refresh_at_ms, 8_000);
    }
}
