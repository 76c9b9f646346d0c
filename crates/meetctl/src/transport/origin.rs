//! Where requests go: the base URL's scheme, host and port, and the proxy's.
//!
//! Both are parsed once, when a client is made, so a call only copies the host header and the
//! request target, and a bad URL is refused naming its field before anything is sent.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr};

/// The scheme, host and port of a base URL, and the path it starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    /// `https://` (or `http://`).
    pub(crate) tls: bool,
    /// The host without brackets: a name, an IPv4 or an IPv6 address.
    pub(crate) host: String,
    /// The port, the scheme's default when the URL names none.
    pub(crate) port: u16,
    /// The `Host` header: the host as written (IPv6 in brackets), `:port` only when the URL
    /// names one.
    pub(crate) host_header: String,
    /// The bytes of `scheme://authority`: a URL under this origin has its request target after
    /// them.
    pub(crate) prefix_len: usize,
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
        Ok(Origin {
            tls,
            host: host.to_owned(),
            port,
            host_header: authority.to_owned(),
            prefix_len: url.len() - rest.len() + authority.len(),
        })
    }

    /// `host:port` as a `CONNECT` request names it (IPv6 in brackets).
    pub(crate) fn host_and_port(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// Whether the host is `localhost` or a loopback address.
    pub(crate) fn is_loopback(&self) -> bool {
        self.host.eq_ignore_ascii_case("localhost")
            || self.host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

/// An HTTP proxy: where to connect, and the `Proxy-Authorization` its URL's user info makes.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Proxy {
    pub(crate) host: String,
    pub(crate) port: u16,
    /// `Basic base64(user:password)`, when the URL has user info.
    pub(crate) authorization: Option<String>,
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The authorization holds the proxy's password.
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
        let authorization = user_info.map(|info| {
            let (user, password) = info.split_once(':').unwrap_or((info, ""));
            let credentials = format!("{}:{}", percent_decode(user), percent_decode(password));
            let mut value = String::from("Basic ");
            base64::Engine::encode_string(
                &base64::engine::general_purpose::STANDARD,
                credentials.as_bytes(),
                &mut value,
            );
            value
        });
        Ok(Proxy { host: host.to_owned(), port: port.unwrap_or(80), authorization })
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
        assert_eq!(
            (o.tls, o.host.as_str(), o.port, o.host_header.as_str()),
            (true, "api.meeting.qq.com", 443, "api.meeting.qq.com")
        );
        let o = Origin::parse("http://127.0.0.1:8080/base").unwrap();
        assert_eq!(
            (o.tls, o.host.as_str(), o.port, o.host_header.as_str()),
            (false, "127.0.0.1", 8080, "127.0.0.1:8080")
        );
        assert_eq!(&"http://127.0.0.1:8080/base"[o.prefix_len..], "/base");
        let o = Origin::parse("http://[::1]:9").unwrap();
        assert_eq!((o.host.as_str(), o.port, o.host_header.as_str()), ("::1", 9, "[::1]:9"));
        assert_eq!(o.host_and_port(), "[::1]:9");
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
        assert_eq!(p.authorization.as_deref(), Some("Basic dXNlcjpwcm94eS1zZWNyZXQ="));
        assert!(!format!("{p:?}").contains("dXNlcjpwcm94eS1zZWNyZXQ"));
        let p = Proxy::parse("proxy.corp:8080").unwrap();
        assert_eq!((p.host.as_str(), p.port, p.authorization), ("proxy.corp", 8080, None));
        assert_eq!(Proxy::parse("http://p/").unwrap().port, 80);
        // Percent-escapes in user info are decoded: `a%40b` is the user `a@b`.
        let p = Proxy::parse("http://a%40b:c@p:1").unwrap();
        assert_eq!(p.authorization.as_deref(), Some("Basic YUBiOmM="));
        for bad in ["socks5://p:1", "https://p:1", "http://p:1/path", "http://p:x"] {
            assert!(Proxy::parse(bad).is_err(), "{bad}");
        }
    }
}
