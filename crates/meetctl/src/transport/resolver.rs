//! Host names to socket addresses, without a thread per call.
//!
//! ureq resolves the host of every request before it looks in its connection pool, and its own
//! resolver, whenever a timeout applies (meetctl always sets one), starts a thread for each
//! lookup so that it can stop waiting: one thread per API call, even for an IP literal and a
//! pooled connection. This resolver answers an IP literal at once, keeps the addresses of a name
//! for [`TTL`], and starts a lookup thread only on a cache miss.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::Mutex;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// How long the addresses of a name are reused: short, so that a change of DNS (a vendor moving
/// its API) is followed within a minute, while calls one after another never wait for a lookup.
pub(crate) const TTL: Duration = Duration::from_secs(30);

/// Addresses kept per name: what ureq's `ResolvedSocketAddrs` holds.
const MAX_ADDRS: usize = 16;

/// Names kept at most (a client talks to one API host, and perhaps a proxy).
const MAX_ENTRIES: usize = 16;

/// Addresses of names looked up recently, by `host:port`.
#[derive(Debug, Default)]
pub(crate) struct CachingResolver {
    cache: Mutex<HashMap<String, (Instant, ResolvedSocketAddrs)>>,
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let (Some(scheme), Some(authority)) = (uri.scheme(), uri.authority()) else {
            return Err(ureq::Error::BadUri(format!("{uri} has no scheme or host")));
        };
        let Some(host_and_port) = DefaultResolver::host_and_port(scheme, authority) else {
            return Err(ureq::Error::BadUri(format!("{uri} has no port and an unknown scheme")));
        };
        let host = authority.host().trim_start_matches('[').trim_end_matches(']');
        if let Ok(ip) = host.parse::<IpAddr>() {
            let port = authority.port_u16().or_else(|| default_port(scheme.as_str())).unwrap_or(443);
            return self.keep_wanted(config, std::iter::once(SocketAddr::new(ip, port)));
        }
        let now = Instant::now();
        if let Some((expires, addrs)) = self.lock().get(&host_and_port) {
            if *expires > now {
                return Ok(addrs.clone());
            }
        }
        let found = self.keep_wanted(config, lookup(host_and_port.clone(), timeout)?)?;
        let mut cache = self.lock();
        if cache.len() >= MAX_ENTRIES {
            cache.retain(|_, (expires, _)| *expires > now);
            if cache.len() >= MAX_ENTRIES {
                cache.clear();
            }
        }
        cache.insert(host_and_port, (now + TTL, found.clone()));
        Ok(found)
    }
}

impl CachingResolver {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Instant, ResolvedSocketAddrs)>> {
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

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    }
}

/// Looks `host_and_port` up, giving up after `timeout`. The system's resolver cannot be
/// interrupted, so with a timeout the lookup runs on a thread of its own, which finishes (and
/// is forgotten) in the background when the caller stops waiting.
fn lookup(
    host_and_port: String,
    timeout: NextTimeout,
) -> Result<std::vec::IntoIter<SocketAddr>, ureq::Error> {
    if timeout.after.is_not_happening() {
        return Ok(host_and_port.to_socket_addrs()?);
    }
    let (sender, receiver) = mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("meetctl-resolve".into())
        .spawn(move || sender.send(host_and_port.to_socket_addrs()).ok())?;
    match receiver.recv_timeout(*timeout.after) {
        Ok(result) => Ok(result?),
        Err(RecvTimeoutError::Timeout) => Err(ureq::Error::Timeout(timeout.reason)),
        Err(RecvTimeoutError::Disconnected) => Err(ureq::Error::HostNotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(uri: &str) -> Result<Vec<SocketAddr>, ureq::Error> {
        let timeout = NextTimeout {
            after: ureq::unversioned::transport::time::Duration::from_secs(5),
            ..NextTimeout::default()
        };
        let resolved =
            CachingResolver::default().resolve(&uri.parse().unwrap(), &Config::default(), timeout)?;
        Ok(resolved.iter().copied().collect())
    }

    #[test]
    fn ip_literals_need_no_lookup() {
        assert_eq!(resolve("http://127.0.0.1:8080/x").unwrap(), ["127.0.0.1:8080".parse().unwrap()]);
        assert_eq!(resolve("https://[::1]/x").unwrap(), ["[::1]:443".parse().unwrap()]);
        assert_eq!(resolve("http://10.1.2.3/").unwrap(), ["10.1.2.3:80".parse().unwrap()]);
    }

    #[test]
    fn names_are_looked_up_once_and_kept() {
        let resolver = CachingResolver::default();
        let uri: Uri = "http://localhost:8080/x".parse().unwrap();
        let timeout = NextTimeout {
            after: ureq::unversioned::transport::time::Duration::from_secs(5),
            ..NextTimeout::default()
        };
        let first = resolver.resolve(&uri, &Config::default(), timeout).unwrap();
        assert!(first.iter().all(|a| a.ip().is_loopback() && a.port() == 8080));
        let cache = resolver.lock();
        let (expires, kept) = cache.get("localhost:8080").expect("cached");
        assert!(*expires > Instant::now() + TTL - Duration::from_secs(5));
        assert_eq!(kept.iter().collect::<Vec<_>>(), first.iter().collect::<Vec<_>>());
    }

    #[test]
    fn an_unknown_name_is_not_found_and_not_kept() {
        let resolver = CachingResolver::default();
        let uri: Uri = "https://no-such-host.invalid/x".parse().unwrap();
        let timeout = NextTimeout {
            after: ureq::unversioned::transport::time::Duration::from_secs(5),
            ..NextTimeout::default()
        };
        assert!(resolver.resolve(&uri, &Config::default(), timeout).is_err());
        assert!(resolver.lock().is_empty());
    }
}
