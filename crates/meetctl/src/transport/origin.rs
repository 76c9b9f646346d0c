//! Where requests go: the base URL's scheme, host and port, and the proxy's.
//!
//! Both are parsed once, when a client is made, so a bad URL is refused naming its field before
//! anything is sent, and a proxy meetctl cannot use safely is refused then too.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr};

use crate::error::Error;

/// The scheme, host and port of a base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    /// `https://` (or `http://`).
    pub(crate) tls: bool,
    /// The host without brackets: a name, an IPv4 or an IPv6 address.
    pub(crate) host: String,
    /// The port, the scheme's default when the URL names none.
    pub(crate) port: u16,
}

impl Origin {
    /// Parses `scheme://host[:port][/path]` (no user info, query or fragment); the error says
    /// what is wrong.
    pub(crate) fn parse(url: &str) -> Result<Origin, &'static str> {
        let (tls, rest) = if let Some(rest) = url.strip_prefix("https://") {
            (true, rest)
        } else if let Some(rest) = url.strip_prefix("http://") {
            (false, rest)
        } else {
            return Err("must start with http:// or https://");
        };
        let authority = &rest[..rest.find('/').unwrap_or(rest.len())];
        let (host, port) = split_authority(authority)?;
        let port = port.unwrap_or(if tls { 443 } else { 80 });
        Ok(Origin { tls, host: host.to_owned(), port })
    }

    /// Whether the host is `localhost` or a loopback address.
    pub(crate) fn is_loopback(&self) -> bool {
        self.host.eq_ignore_ascii_case("localhost")
            || self.host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

/// An HTTP proxy: where to connect, and the credentials of its URL's user info (decoded).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Proxy {
    pub(crate) host: String,
    pub(crate) port: u16,
    /// The user and password, when the URL has user info.
    pub(crate) credentials: Option<(String, String)>,
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The credentials hold the proxy's password.
        f.debug_struct("Proxy").field("host", &self.host).field("port", &self.port).finish_non_exhaustive()
    }
}

impl Proxy {
    /// Parses `http://[user[:password]@]host[:port][/]` (port 80 by default). Other schemes
    /// (`https://`, `socks5://`) are refused: meetctl tunnels through HTTP proxies only.
    pub(crate) fn parse(url: &str) -> Result<Proxy, &'static str> {
        let url = url.trim();
        let rest = match url.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest,
            Some(_) => return Err("must be an http:// proxy (HTTPS and SOCKS proxies are not supported)"),
            None => url,
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let (user_info, authority) = match rest.rsplit_once('@') {
            Some((user_info, authority)) => (Some(user_info), authority),
            None => (None, rest),
        };
        if authority.contains('/') {
            return Err("must be http://host:port, with no path");
        }
        let (host, port) = split_authority(authority)?;
        let credentials = user_info.map(|info| {
            let (user, password) = info.split_once(':').unwrap_or((info, ""));
            (percent_decode(user), percent_decode(password))
        });
        Ok(Proxy { host: host.to_owned(), port: port.unwrap_or(80), credentials })
    }

    /// ureq's proxy setting for this proxy: `CONNECT` tunnels, resolved by the proxy.
    pub(crate) fn into_ureq(self) -> Result<ureq::Proxy, Error> {
        let host = match self.host.contains(':') {
            true => format!("[{}]", self.host),
            false => self.host.clone(),
        };
        let mut builder = ureq::Proxy::builder(ureq::ProxyProtocol::Http).host(&host).port(self.port);
        if let Some((user, password)) = &self.credentials {
            builder = builder.username(user).password(password);
        }
        builder.build().map_err(|_| Error::invalid("proxy", "is not a proxy URL meetctl can use"))
    }
}

/// The host (brackets removed) and port of `host[:port]`, both checked.
fn split_authority(authority: &str) -> Result<(&str, Option<u16>), &'static str> {
    if authority.contains('@') {
        return Err("must not carry user info (name:password@)");
    }
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let (host, after) = bracketed.split_once(']').ok_or("has an unclosed [")?;
        if host.parse::<Ipv6Addr>().is_err() {
            return Err("has an invalid IPv6 address");
        }
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':').ok_or("has text after the IPv6 address")?)),
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err("has no host");
    }
    if !authority.starts_with('[')
        && !host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
    {
        return Err("has a host with characters a host name cannot have");
    }
    let port = match port {
        None => None,
        Some(digits) => match digits.parse::<u16>() {
            Ok(port) if port != 0 && digits.bytes().all(|b| b.is_ascii_digit()) => Some(port),
            _ => return Err("has a port that is not a number from 1 to 65535"),
        },
    };
    Ok((host, port))
}

/// `%XX` escapes decoded (user info in a proxy URL); invalid escapes are kept as written.
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_default_their_port_and_keep_the_host_as_written() {
        let o = Origin::parse("https://api.meeting.qq.com").unwrap();
        assert_eq!((o.tls, o.host.as_str(), o.port), (true, "api.meeting.qq.com", 443));
        let o = Origin::parse("http://127.0.0.1:8080/base").unwrap();
        assert_eq!((o.tls, o.host.as_str(), o.port), (false, "127.0.0.1", 8080));
        let o = Origin::parse("http://[::1]:9").unwrap();
        assert_eq!((o.host.as_str(), o.port), ("::1", 9));
        assert!(o.is_loopback());
    }

    #[test]
    fn bad_origins_are_refused() {
        for bad in [
            "ftp://x",
            "http://",
            "http://:80",
            "http://user:pw@host",
            "http://host:0",
            "http://host:65536",
            "http://host:+1",
            "http://[::1",
            "http://[nope]:1",
            "http://[::1]x",
            "http://ho st",
            "http://h%41st",
        ] {
            assert!(Origin::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn proxies_are_http_with_optional_basic_credentials() {
        let p = Proxy::parse("http://user:proxy-secret@127.0.0.1:3128").unwrap();
        assert_eq!((p.host.as_str(), p.port), ("127.0.0.1", 3128));
        assert_eq!(p.credentials, Some(("user".to_owned(), "proxy-secret".to_owned())));
        assert!(!format!("{p:?}").contains("proxy-secret"));
        assert!(p.into_ureq().is_ok());
        let p = Proxy::parse("proxy.corp:8080").unwrap();
        assert_eq!((p.host.as_str(), p.port, p.credentials), ("proxy.corp", 8080, None));
        assert_eq!(Proxy::parse("http://p/").unwrap().port, 80);
        // Percent-escapes in user info are decoded: `a%40b` is the user `a@b`.
        let p = Proxy::parse("http://a%40b:c@p:1").unwrap();
        assert_eq!(p.credentials, Some(("a@b".to_owned(), "c".to_owned())));
        for bad in ["socks5://p:1", "https://p:1", "http://p:1/path", "http://p:x"] {
            assert!(Proxy::parse(bad).is_err(), "{bad}");
        }
    }
}
