//! A tunnel through an HTTP proxy (`CONNECT host:port`), for `http://` and `https://` alike: the
//! proxy relays bytes and sees neither the requests nor their credentials.

use std::time::Instant;

use super::connection::Connection;
use super::failure::Failure;
use super::origin::Proxy;

/// The longest proxy answer read.
const MAX_ANSWER_BYTES: usize = 16 * 1024;

/// Asks the proxy `conn` is connected to for a tunnel to `host_and_port`, by `deadline`.
pub(crate) fn open_tunnel(
    conn: &mut Connection,
    proxy: &Proxy,
    host_and_port: &str,
    deadline: Instant,
) -> Result<(), Failure> {
    conn.output.clear();
    for piece in ["CONNECT ", host_and_port, " HTTP/1.1\r\nHost: ", host_and_port, "\r\nUser-Agent: "] {
        conn.output.extend_from_slice(piece.as_bytes());
    }
    conn.output.extend_from_slice(super::USER_AGENT.as_bytes());
    conn.output.extend_from_slice(b"\r\n");
    if let Some(authorization) = &proxy.authorization {
        conn.output.extend_from_slice(b"Proxy-Authorization: ");
        conn.output.extend_from_slice(authorization.as_bytes());
        conn.output.extend_from_slice(b"\r\n");
    }
    conn.output.extend_from_slice(b"\r\n");
    let sent = conn.send(deadline);
    // The request holds the proxy's password: not kept in the buffer the connection reuses.
    zeroize::Zeroize::zeroize(&mut conn.output);
    sent.map_err(Failure::proxy_io)?;
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 32];
        let mut answer = httparse::Response::new(&mut headers);
        match answer.parse(conn.buffered()) {
            Ok(httparse::Status::Complete(length)) => {
                let status = answer.code.unwrap_or(0);
                conn.consume(length);
                return match status {
                    200..=299 => Ok(()),
                    407 => Err(Failure::proxy("the proxy wants (other) credentials: 407")),
                    _ => Err(Failure::proxy("the proxy refused the tunnel")),
                };
            }
            Ok(httparse::Status::Partial) if conn.buffered().len() < MAX_ANSWER_BYTES => {}
            _ => return Err(Failure::proxy("the proxy's answer is not valid HTTP")),
        }
        if conn.fill(deadline).map_err(Failure::proxy_io)? == 0 {
            return Err(Failure::proxy("the proxy closed the connection"));
        }
    }
}
