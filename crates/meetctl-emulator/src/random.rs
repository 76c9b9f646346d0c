//! Unpredictable ids and tokens without an extra dependency: SHA-256 over a per-process seed
//! (from the standard library's randomly keyed hasher, the time and the process id) and a counter.

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

/// A source of random-looking bytes, good enough for request ids and test tokens.
#[derive(Debug)]
pub(crate) struct Random {
    seed: [u8; 32],
    counter: AtomicU64,
}

impl Random {
    /// A new source with a fresh seed.
    pub(crate) fn new() -> Random {
        let mut hasher = Sha256::new();
        for i in 0u64..4 {
            hasher.update(RandomState::new().hash_one(i).to_le_bytes());
        }
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        hasher.update(nanos.to_le_bytes());
        hasher.update(std::process::id().to_le_bytes());
        Random { seed: hasher.finalize().into(), counter: AtomicU64::new(0) }
    }

    /// 32 fresh bytes.
    pub(crate) fn bytes(&self) -> [u8; 32] {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut hasher = Sha256::new();
        hasher.update(self.seed);
        hasher.update(n.to_le_bytes());
        hasher.finalize().into()
    }

    /// `len` fresh lowercase hex characters (`len` at most 64).
    pub(crate) fn hex(&self, len: usize) -> String {
        let mut s = hex_lower(&self.bytes());
        s.truncate(len);
        s
    }
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Compares two byte strings in time that depends only on their lengths.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_ids_are_fresh_and_well_formed() {
        let r = Random::new();
        let a = r.hex(32);
        let b = r.hex(32);
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }

    #[test]
    fn constant_time_eq_works() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
