//! Host names to socket addresses, without a thread per call.
//!
//! The system's resolver cannot be interrupted, so a lookup bounded by a deadline needs a thread
//! of its own. This resolver answers an IP literal at once, keeps the addresses of a name for
//! [`TTL`], and starts a lookup thread only on a cache miss; a call on a pooled connection does
//! not resolve at all.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::Mutex;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::failure::Failure;

/// How long the addresses of a name are reused: short, so that a change of DNS (a vendor moving
/// its API) is followed within a minute, while reconnecting never waits for a lookup.
pub(crate) const TTL: Duration = Duration::from_secs(30);

/// Addresses kept per name.
const MAX_ADDRS: usize = 16;

/// Names kept at most (a client talks to one API host, and perhaps a proxy).
const MAX_ENTRIES: usize = 16;

/// Addresses of names looked up recently, by host and port, with when they expire.
type Cache = HashMap<(String, u16), (Instant, Vec<SocketAddr>)>;

/// A resolver that remembers; see the module documentation.
#[derive(Debug, Default)]
pub(crate) struct CachingResolver {
    cache: Mutex<Cache>,
}

impl CachingResolver {
    /// The addresses of `host` (a name, or an IP address without brackets) at `port`, by
    /// `deadline`.
    pub(crate) fn resolve(
        &self,
        host: &str,
        port: u16,
        deadline: Instant,
    ) -> Result<Vec<SocketAddr>, Failure> {
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Ok(vec![SocketAddr::new(ip, port)]);
        }
        let now = Instant::now();
        let key = (host.to_owned(), port);
        if let Some((expires, addrs)) = self.lock().get(&key) {
            if *expires > now {
                return Ok(addrs.clone());
            }
        }
        let found: Vec<SocketAddr> = lookup(&key.0, port, deadline)?.take(MAX_ADDRS).collect();
        if found.is_empty() {
            return Err(Failure::not_found());
        }
        let mut cache = self.lock();
        if cache.len() >= MAX_ENTRIES {
            cache.retain(|_, (expires, _)| *expires > now);
            if cache.len() >= MAX_ENTRIES {
                cache.clear();
            }
        }
        cache.insert(key, (now + TTL, found.clone()));
        Ok(found)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Looks `host` up on a thread of its own, giving up at `deadline`; the thread finishes (and is
/// forgotten) in the background when the caller stops waiting.
fn lookup(host: &str, port: u16, deadline: Instant) -> Result<std::vec::IntoIter<SocketAddr>, Failure> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(Failure::timeout());
    }
    let (sender, receiver) = mpsc::sync_channel(1);
    let host = host.to_owned();
    std::thread::Builder::new()
        .name("meetctl-resolve".into())
        .spawn(move || sender.send((host.as_str(), port).to_socket_addrs()).ok())
        .map_err(Failure::connect)?;
    match receiver.recv_timeout(left) {
        Ok(Ok(addrs)) => Ok(addrs),
        Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(Failure::not_found()),
        Err(RecvTimeoutError::Timeout) => Err(Failure::timeout()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn soon() -> Instant {
        Instant::now() + Duration::from_secs(5)
    }

    #[test]
    fn ip_literals_need_no_lookup() {
        let resolver = CachingResolver::default();
        assert_eq!(resolver.resolve("127.0.0.1", 8080, soon()).unwrap(), ["127.0.0.1:8080".parse().unwrap()]);
        assert_eq!(resolver.resolve("::1", 443, soon()).unwrap(), ["[::1]:443".parse().unwrap()]);
        assert!(resolver.lock().is_empty());
    }

    #[test]
    fn names_are_looked_up_once_and_kept() {
        let resolver = CachingResolver::default();
        let first = resolver.resolve("localhost", 8080, soon()).unwrap();
        assert!(first.iter().all(|a| a.ip().is_loopback() && a.port() == 8080));
        let cache = resolver.lock();
        let (expires, kept) = cache.get(&("localhost".to_owned(), 8080)).expect("cached");
        assert!(*expires > Instant::now() + TTL - Duration::from_secs(5));
        assert_eq!(kept, &first);
    }

    #[test]
    fn an_unknown_name_is_not_found_and_not_kept() {
        let resolver = CachingResolver::default();
        let failure = resolver.resolve("no-such-host.invalid", 443, soon()).unwrap_err();
        assert!(failure.retry_safe);
        assert_eq!(failure.error.kind(), crate::ErrorKind::Connection);
        assert!(resolver.lock().is_empty());
    }
}
