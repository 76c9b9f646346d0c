//! Tencent Meeting's request signature (`X-TC-Signature`).
//!
//! ```text
//! string_to_sign = METHOD "\n" "X-TC-Key=" secret_id "&X-TC-Nonce=" nonce "&X-TC-Timestamp=" ts "\n"
//!                  request_uri "\n" body
//! signature      = base64(hex_lower(hmac_sha256(secret_key, string_to_sign)))
//! ```
//! The body is the exact bytes sent; `request_uri` is the path plus `?query`, never scheme or host.

use base64::Engine as _;

use hmac::{Hmac, Mac};
use sha2::Sha256;

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
    signature_with_key(&signing_key(secret_key.as_bytes()), &[string_to_sign])
}

/// An HMAC-SHA256 key: the hash state after the key, cloned for each signature.
pub(crate) type SigningKey = Hmac<Sha256>;

/// `secret_key` made into a [`SigningKey`]. HMAC's own key rule (RFC 2104: a key longer than the
/// hash's 64-byte block is hashed first, and the key is padded with zeros to the block) is
/// applied here, so that making the key cannot fail.
pub(crate) fn signing_key(secret_key: &[u8]) -> SigningKey {
    use sha2::Digest as _;
    let mut block = [0u8; 64];
    if secret_key.len() > block.len() {
        block[..32].copy_from_slice(&Sha256::digest(secret_key));
    } else {
        block[..secret_key.len()].copy_from_slice(secret_key);
    }
    let key = <SigningKey as hmac::digest::KeyInit>::new(&block.into());
    zeroize::Zeroize::zeroize(&mut block);
    key
}

/// [`signature`] with a key prepared once (the client keeps one per credential), over the
/// string to sign given in pieces, so it is never copied into one buffer.
pub(crate) fn signature_with_key(key: &SigningKey, pieces: &[&[u8]]) -> String {
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

    /// Keys of every length around HMAC's 64-byte block (a key longer than the block is hashed
    /// first), against RFC 4231's test cases 1 (20-byte key) and 6 (131-byte key), via the raw
    /// MAC before hex and base64.
    #[test]
    fn keys_shorter_and_longer_than_the_block_follow_rfc_4231() {
        use hmac::Mac as _;
        let tag = |key: &[u8], data: &[u8]| {
            let mut mac = signing_key(key);
            mac.update(data);
            crate::encoding::hex_upper(&mac.finalize().into_bytes()).to_ascii_lowercase()
        };
        assert_eq!(
            tag(&[0x0b; 20], b"Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        assert_eq!(
            tag(&[0xaa; 131], b"Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
        // Exactly one block, and one byte more, agree with OpenSSL-style HMAC on any key length:
        // the same key given padded with zeros to the block signs the same.
        let mut padded = [0u8; 64];
        padded[..3].copy_from_slice(b"abc");
        assert_eq!(tag(b"abc", b"x"), tag(&padded, b"x"));
    }
}
