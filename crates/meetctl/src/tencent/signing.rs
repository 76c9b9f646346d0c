//! Tencent Meeting's request signature (`X-TC-Signature`).
//!
//! ```text
//! string_to_sign = METHOD "\n" "X-TC-Key=" secret_id "&X-TC-Nonce=" nonce "&X-TC-Timestamp=" ts "\n"
//!                  request_uri "\n" body
//! signature      = base64(hex_lower(hmac_sha256(secret_key, string_to_sign)))
//! ```
//! The body is the exact bytes sent; `request_uri` is the path plus `?query`, never scheme or host.

use base64::Engine as _;

use hmac::Mac;

use crate::hmac_sha256;
use crate::http::Method;

/// The bytes Tencent signs for one request.
pub fn string_to_sign(
    method: Method,
    secret_id: &str,
    nonce: u32,
    timestamp: i64,
    request_uri: &str,
    body: &[u8],
) -> Vec<u8> {
    let mut nonce_buf = itoa::Buffer::new();
    let mut timestamp_buf = itoa::Buffer::new();
    let pieces = string_to_sign_pieces(
        method,
        secret_id,
        nonce_buf.format(nonce),
        timestamp_buf.format(timestamp),
        request_uri,
        body,
    );
    pieces.concat()
}

/// The pieces of the string to sign, in order, with nonce and timestamp already written out
/// (the client sends the same text in `X-TC-Nonce` and `X-TC-Timestamp`).
pub(crate) fn string_to_sign_pieces<'a>(
    method: Method,
    secret_id: &'a str,
    nonce: &'a str,
    timestamp: &'a str,
    request_uri: &'a str,
    body: &'a [u8],
) -> [&'a [u8]; 11] {
    [
        method.as_str().as_bytes(),
        b"\nX-TC-Key=",
        secret_id.as_bytes(),
        b"&X-TC-Nonce=",
        nonce.as_bytes(),
        b"&X-TC-Timestamp=",
        timestamp.as_bytes(),
        b"\n",
        request_uri.as_bytes(),
        b"\n",
        body,
    ]
}

/// `base64(hex_lower(hmac_sha256(secret_key, string_to_sign)))`: 88 characters.
pub fn signature(secret_key: &str, string_to_sign: &[u8]) -> String {
    signature_with_key(&hmac_sha256::key(secret_key.as_bytes()), &[string_to_sign])
}

/// [`signature`] with a key prepared once (the client keeps one per credential), over the
/// string to sign given in pieces, so it is never copied into one buffer.
pub(crate) fn signature_with_key(key: &hmac_sha256::Key, pieces: &[&[u8]]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut mac = key.clone();
    for piece in pieces {
        mac.update(piece);
    }
    let tag = mac.finalize().into_bytes();
    let mut hex = [0u8; 64];
    for (pair, byte) in hex.chunks_exact_mut(2).zip(tag.iter()) {
        pair[0] = HEX[usize::from(byte >> 4)];
        pair[1] = HEX[usize::from(byte & 0x0f)];
    }
    let mut out = String::with_capacity(88);
    base64::engine::general_purpose::STANDARD.encode_string(hex, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";
    const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";
    const SEED_000_BODY: &str = r#"{"operator_id":"afagsagwags","operator_id_type":4,"instanceid":4,"action":true,"user":{"to_operator_id":"agaqwwgdkkddd","to_operator_id_type":4,"instanceid":2}}"#;

    /// Made independently of this crate with OpenSSL:
    /// ```sh
    /// printf 'PUT\nX-TC-Key=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&X-TC-Nonce=1234567&X-TC-Timestamp=1700000000\n/v1/real-control/meetings/1242152152161/cohosts\n{"operator_id":"afagsagwags","operator_id_type":4,"instanceid":4,"action":true,"user":{"to_operator_id":"agaqwwgdkkddd","to_operator_id_type":4,"instanceid":2}}' \
    ///   | openssl dgst -sha256 -hmac 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA' | awk '{print $2}' | tr -d '\n' | base64 -w0
    /// ```
    const SEED_000_SIGNATURE: &str =
        "ZmYzYmY3MTVjM2VkMTJkNDZiNDYyZDBmMzM2OWM5NDA0ZDE3ZmU0NjMyMmNmNjYxMDdmZjQxMzM3NTY4M2VjNA==";

    /// Empty body, with a query; the third `\n` stays. Made with OpenSSL:
    /// ```sh
    /// printf 'GET\nX-TC-Key=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&X-TC-Nonce=99&X-TC-Timestamp=1700000123\n/v1/meetings/1242152152161?userid=alice&instanceid=1\n' \
    ///   | openssl dgst -sha256 -hmac 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA' | awk '{print $2}' | tr -d '\n' | base64 -w0
    /// ```
    const GET_WITH_QUERY_SIGNATURE: &str =
        "ZjBlYjEwMTRkYzQ1MjRiZWJiZTQ4ZmRjMWM3NDkxMTc3NWQ2MjgyNTUwZDVjZGIyMWE0ZTA4MmI0MDAxMmM1NA==";

    #[test]
    fn seed_000_example_matches_openssl() {
        let sts = string_to_sign(
            Method::Put,
            SECRET_ID,
            1234567,
            1700000000,
            "/v1/real-control/meetings/1242152152161/cohosts",
            SEED_000_BODY.as_bytes(),
        );
        let sig = signature(SECRET_KEY, &sts);
        assert_eq!(sig, SEED_000_SIGNATURE);
        assert_eq!(sig.len(), 88);
    }

    #[test]
    fn empty_body_keeps_the_third_newline() {
        let sts = string_to_sign(
            Method::Get,
            SECRET_ID,
            99,
            1700000123,
            "/v1/meetings/1242152152161?userid=alice&instanceid=1",
            b"",
        );
        assert!(sts.ends_with(b"instanceid=1\n"));
        assert_eq!(signature(SECRET_KEY, &sts), GET_WITH_QUERY_SIGNATURE);
    }
}
