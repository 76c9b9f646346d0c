//! Tencent Meeting's request signature (`X-TC-Signature`).
//!
//! ```text
//! string_to_sign = METHOD "\n" "X-TC-Key=" secret_id "&X-TC-Nonce=" nonce "&X-TC-Timestamp=" ts "\n"
//!                  request_uri "\n" body
//! signature      = base64(hex_lower(hmac_sha256(secret_key, string_to_sign)))
//! ```
//! The body is the exact bytes sent; `request_uri` is the path plus `?query`, never scheme or host.

use base64::Engine as _;
use ring::hmac;

use crate::encoding::hex_lower;
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
    use std::io::Write as _;
    let mut out = Vec::with_capacity(secret_id.len() + request_uri.len() + body.len() + 80);
    // Writing into a Vec cannot fail.
    let _ = write!(
        out,
        "{method}\nX-TC-Key={secret_id}&X-TC-Nonce={nonce}&X-TC-Timestamp={timestamp}\n{request_uri}\n"
    );
    out.extend_from_slice(body);
    out
}

/// `base64(hex_lower(hmac_sha256(secret_key, string_to_sign)))`: 88 characters.
pub fn signature(secret_key: &str, string_to_sign: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret_key.as_bytes());
    signature_with_key(&key, string_to_sign)
}

/// [`signature`] with a key prepared once (the client keeps one per credential).
pub(crate) fn signature_with_key(key: &hmac::Key, string_to_sign: &[u8]) -> String {
    let tag = hmac::sign(key, string_to_sign);
    base64::engine::general_purpose::STANDARD.encode(hex_lower(tag.as_ref()))
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
