//! Host names to socket addresses for ureq, without a thread per call.
//!
//! ureq resolves the host of every request before it looks in its connection pool, and its own
//! resolver starts a thread for each lookup that has a timeout (meetctl's always have one): a
//! thread per API call, even for an IP literal and a pooled connection. This resolver answers an
//! IP literal at once, keeps the addresses of a name for [`TTL`], and starts a lookup thread only
//! on a cache miss, waiting for it in slices a [`CancelToken`](crate::CancelToken) can end.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::Mutex;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use super::failure;
use crate::cancel::{self, SLICE};

/// How long the addresses of a name are reused: short, so that a change of DNS (a vendor moving
/// its API) is followed within a minute, while reconnecting never waits for a lookup.
pub(crate) const TTL: Duration = Duration::from_secs(30);

/// Addresses kept per name: what ureq's `ResolvedSocketAddrs` holds.
const MAX_ADDRS: usize = 16;

/// Names kept at most (a client talks to one API host, and perhaps a proxy).
const MAX_ENTRIES: usize = 16;

/// Addresses of names looked up recently, by host and port, with when they expire.
type Cache = HashMap<(String, u16), (Instant, ResolvedSocketAddrs)>;

/// A resolver that remembers; see the module documentation.
#[derive(Debug, Default)]
pub(crate) struct CachingResolver {
    cache: Mutex<Cache>,
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let Some(authority) = uri.authority() else {
            return Err(ureq::Error::BadUri(format!("{uri} has no host")));
        };
        let default_port = if uri.scheme_str() == Some("https") { 443 } else { 80 };
        let port = authority.port_u16().unwrap_or(default_port);
        let host = authority.host().trim_start_matches('[').trim_end_matches(']');
        if let Ok(ip) = host.parse::<IpAddr>() {
            return self.keep_wanted(config, std::iter::once(SocketAddr::new(ip, port)));
        }
        let now = Instant::now();
        let key = (host.to_owned(), port);
        if let Some((expires, addrs)) = self.lock().get(&key) {
            if *expires > now {
                return Ok(addrs.clone());
            }
        }
        let found = self.keep_wanted(config, lookup(&key.0, port, timeout)?)?;
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
}

impl CachingResolver {
    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The addresses of the configured IP family, at most as many as ureq keeps; at least one.
    fn keep_wanted(
        &self,
        config: &Config,
        addrs: impl Iterator<Item = SocketAddr>,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let mut result = self.empty();
        for addr in config.ip_family().keep_wanted(addrs).take(MAX_ADDRS) {
            result.push(addr);
        }
        if result.is_empty() { Err(ureq::Error::HostNotFound) } else { Ok(result) }
    }
}

/// Looks `host` up on a thread of its own, waiting in slices until `timeout` runs out or the
/// bound token cancels the call; the thread finishes (and is forgotten) in the background when
/// the caller stops waiting.
fn lookup(
    host: &str,
    port: u16,
    timeout: NextTimeout,
) -> Result<std::vec::IntoIter<SocketAddr>, ureq::Error> {
    let deadline = super::tcp::deadline_of(timeout);
    let (sender, receiver) = mpsc::sync_channel(1);
    let name = host.to_owned();
    std::thread::Builder::new()
        .name("meetctl-resolve".into())
        .spawn(move || sender.send((name.as_str(), port).to_socket_addrs()).ok())?;
    loop {
        cancel::check().map_err(failure::interrupted)?;
        let slice = match deadline {
            None => SLICE,
            Some(deadline) => match deadline.saturating_duration_since(Instant::now()) {
                left if left.is_zero() => return Err(ureq::Error::Timeout(timeout.reason)),
                left => left.min(SLICE),
            },
        };
        match receiver.recv_timeout(slice) {
            Ok(Ok(addrs)) => return Ok(addrs),
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => return Err(ureq::Error::HostNotFound),
            Err(RecvTimeoutError::Timeout) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use ureq::unversioned::transport::time::Duration as UreqDuration;

    fn five_seconds() -> NextTimeout {
        NextTimeout { after: UreqDuration::from_secs(5), ..NextTimeout::default() }
    }

    fn resolve(resolver: &CachingResolver, uri: &str) -> Result<Vec<SocketAddr>, ureq::Error> {
        let resolved = resolver.resolve(&uri.parse().unwrap(), &Config::default(), five_seconds())?;
        Ok(resolved.iter().copied().collect())
    }

    #[test]
    fn ip_literals_need_no_lookup() {
        let resolver = CachingResolver::default();
        assert_eq!(
            resolve(&resolver, "http://127.0.0.1:8080/x").unwrap(),
            ["127.0.0.1:8080".parse().unwrap()]
        );
        assert_eq!(resolve(&resolver, "https://[::1]/x").unwrap(), ["[::1]:443".parse().unwrap()]);
        assert!(resolver.lock().is_empty());
    }

    #[test]
    fn names_are_looked_up_once_and_kept() {
        let resolver = CachingResolver::default();
        let first = resolve(&resolver, "http://localhost:8080/x").unwrap();
        assert!(first.iter().all(|a| a.ip().is_loopback() && a.port() == 8080));
        let cache = resolver.lock();
        let (expires, kept) = cache.get(&("localhost".to_owned(), 8080)).expect("cached");
        assert!(*expires > Instant::now() + TTL - Duration::from_secs(5));
        assert_eq!(kept.iter().copied().collect::<Vec<_>>(), first);
    }

    #[test]
    fn an_unknown_name_is_not_found_and_not_kept() {
        let resolver = CachingResolver::default();
        assert!(matches!(
            resolve(&resolver, "https://no-such-host.invalid/x"),
            Err(ureq::Error::HostNotFound)
        ));
        assert!(resolver.lock().is_empty());
    }
}
