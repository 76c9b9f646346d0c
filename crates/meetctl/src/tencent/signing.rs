//! Tencent Meeting's request signature (`X-TC-Signature`).
//!
//! ```text
//! string_to_sign = METHOD "\n" "X-TC-Key=" secret_id "&X-TC-Nonce=" nonce "&X-TC-Timestamp=" ts "\n"
//!                  request_uri "\n" body
//! signature      = base64(hex_lower(hmac_sha256(secret_key, string_to_sign)))
//! ```
//! The body is the exact bytes sent; `request_uri` is the path plus `?query`, never scheme or host.

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
    let key_part = key_part(secret_id);
    let pieces = string_to_sign_pieces(
        method,
        &key_part,
        nonce_buf.format(nonce),
        timestamp_buf.format(timestamp),
        request_uri,
        "",
        body,
    );
    pieces.concat()
}

/// `"\nX-TC-Key=" secret_id "&X-TC-Nonce="`: the part of the string to sign that is the same for
/// every request of one credential (the client makes it once).
pub(crate) fn key_part(secret_id: &str) -> Box<[u8]> {
    [b"\nX-TC-Key=", secret_id.as_bytes(), b"&X-TC-Nonce="].concat().into_boxed_slice()
}

/// The pieces of the string to sign, in order: the secret id's part from [`key_part`], nonce and
/// timestamp already written out (the client sends the same text in `X-TC-Nonce` and
/// `X-TC-Timestamp`), and the request URI given as the path and the query (`path?query`, or the
/// path alone when the query is empty), so that it is never joined into a new string.
pub(crate) fn string_to_sign_pieces<'a>(
    method: Method,
    key_part: &'a [u8],
    nonce: &'a str,
    timestamp: &'a str,
    path: &'a str,
    query: &'a str,
    body: &'a [u8],
) -> [&'a [u8]; 11] {
    let question_mark: &[u8] = if query.is_empty() { b"" } else { b"?" };
    [
        method.as_str().as_bytes(),
        key_part,
        nonce.as_bytes(),
        b"&X-TC-Timestamp=",
        timestamp.as_bytes(),
        b"\n",
        path.as_bytes(),
        question_mark,
        query.as_bytes(),
        b"\n",
        body,
    ]
}

/// `base64(hex_lower(hmac_sha256(secret_key, string_to_sign)))`: 88 characters.
pub fn signature(secret_key: &str, string_to_sign: &[u8]) -> String {
    let signature = signature_with_key(&hmac_sha256::key(secret_key.as_bytes()), &[string_to_sign]);
    signature_text(&signature, String::with_capacity(SIGNATURE_LEN))
}

/// The length of a signature: the base64 of 64 hex digits.
pub(crate) const SIGNATURE_LEN: usize = 88;

/// Up to this many bytes of the string to sign are copied together and hashed in one update: the
/// hash takes many small pieces noticeably slower than one run of bytes.
const JOINED_MAX: usize = 512;

/// [`signature`] with a key prepared once (the client keeps one per credential), over the
/// string to sign given in pieces, written as its [`SIGNATURE_LEN`] ASCII characters.
pub(crate) fn signature_with_key(key: &hmac_sha256::Key, pieces: &[&[u8]]) -> [u8; SIGNATURE_LEN] {
    let mut mac = key.clone();
    let len: usize = pieces.iter().map(|piece| piece.len()).sum();
    if len <= JOINED_MAX {
        let mut joined = [0u8; JOINED_MAX];
        let mut at = 0;
        for piece in pieces {
            joined[at..at + piece.len()].copy_from_slice(piece);
            at += piece.len();
        }
        mac.update(&joined[..at]);
    } else {
        for piece in pieces {
            mac.update(piece);
        }
    }
    base64_of_hex(&mac.finalize().into_bytes().into())
}

/// A signature as a `String`, written into `buffer` (cleared first; it grows when it is shorter
/// than [`SIGNATURE_LEN`]).
pub(crate) fn signature_text(signature: &[u8; SIGNATURE_LEN], mut buffer: String) -> String {
    buffer.clear();
    // Base64 is ASCII: always valid UTF-8, so the (empty) fallback is never taken.
    buffer.push_str(std::str::from_utf8(signature).unwrap_or_default());
    buffer
}

/// `base64(hex_lower(tag))`, standard alphabet with padding.
///
/// Base64 writes three hex digits (24 bits of text) as four characters, and each half of those,
/// two characters, depends on two of the digits, so on one byte's worth of the tag: three tag
/// bytes `t0 t1 t2` (six digits) are the eight characters [`PAIR_HIGH`]`[t0]`,
/// [`PAIR_LOW`]`[t0 << 4 | t1 >> 4]`, `PAIR_HIGH[t1 << 4 | t2 >> 4]` and `PAIR_LOW[t2]`. The 32nd
/// byte's low digit is the last, alone: two characters and `==`.
fn base64_of_hex(tag: &[u8; 32]) -> [u8; SIGNATURE_LEN] {
    // Eight characters from four pairs, as one little-endian word.
    let eight = |t0: u8, t1: u8, t2: u8| {
        u64::from(PAIR_HIGH[usize::from(t0)])
            | u64::from(PAIR_LOW[usize::from(t0 << 4 | t1 >> 4)]) << 16
            | u64::from(PAIR_HIGH[usize::from(t1 << 4 | t2 >> 4)]) << 32
            | u64::from(PAIR_LOW[usize::from(t2)]) << 48
    };
    let mut out = [0u8; SIGNATURE_LEN];
    for (chars, bytes) in out.chunks_exact_mut(8).zip(tag.chunks_exact(3)) {
        chars.copy_from_slice(&eight(bytes[0], bytes[1], bytes[2]).to_le_bytes());
    }
    // The last two bytes as if a zero byte followed: the first six characters are right, and the
    // last two become `==`.
    out[80..].copy_from_slice(&eight(tag[30], tag[31], 0).to_le_bytes());
    let last = HEX[usize::from(tag[31] & 0x0f)];
    out[85] = BASE64[usize::from((last & 3) << 4)];
    out[86..].copy_from_slice(b"==");
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";
const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// For hex digits `a`, `b` (index `a << 4 | b`): the two base64 characters (first in the low
/// byte) of the 12 bits made of `a`'s hex character and the high half of `b`'s, the first half of
/// a base64 group.
static PAIR_HIGH: [u16; 256] = pair_table(true);
/// For hex digits `a`, `b` (index `a << 4 | b`): the two base64 characters (first in the low
/// byte) of the 12 bits made of the low half of `a`'s hex character and `b`'s, the second half of
/// a base64 group.
static PAIR_LOW: [u16; 256] = pair_table(false);

const fn pair_table(high: bool) -> [u16; 256] {
    let mut table = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let (a, b) = (HEX[i >> 4] as usize, HEX[i & 0x0f] as usize);
        let bits = if high { a << 4 | b >> 4 } else { (a & 0x0f) << 8 | b };
        table[i] = BASE64[bits >> 6] as u16 | (BASE64[bits & 63] as u16) << 8;
        i += 1;
    }
    table
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

    /// The pieces as the client gives them (path and query apart) are the bytes `string_to_sign`
    /// makes from the request URI.
    #[test]
    fn pieces_with_a_query_join_into_the_request_uri() {
        let key_part = key_part(SECRET_ID);
        let pieces = string_to_sign_pieces(
            Method::Get,
            &key_part,
            "99",
            "1700000123",
            "/v1/meetings/1242152152161",
            "userid=alice&instanceid=1",
            b"",
        );
        let uri = "/v1/meetings/1242152152161?userid=alice&instanceid=1";
        assert_eq!(pieces.concat(), string_to_sign(Method::Get, SECRET_ID, 99, 1700000123, uri, b""));
        let key = hmac_sha256::key(SECRET_KEY.as_bytes());
        assert_eq!(
            signature_text(&signature_with_key(&key, &pieces), String::new()),
            GET_WITH_QUERY_SIGNATURE
        );
    }

    /// The encoding written out by table against the base64 crate over the hex digits, for tags
    /// with every byte value in every position.
    #[test]
    fn signature_encoding_is_base64_of_lowercase_hex() {
        use base64::Engine as _;
        let mut tags = Vec::new();
        for value in 0..=255u8 {
            tags.push([value; 32]);
            let mut tag = [0u8; 32];
            for (i, b) in tag.iter_mut().enumerate() {
                *b = value.wrapping_mul(31).wrapping_add((i as u8).wrapping_mul(67));
            }
            tags.push(tag);
        }
        for tag in tags {
            let expected = base64::engine::general_purpose::STANDARD.encode(crate::encoding::hex_lower(&tag));
            assert_eq!(base64_of_hex(&tag).as_slice(), expected.as_bytes(), "{tag:?}");
        }
    }

    /// Short strings to sign are hashed joined, long ones piece by piece: the same MAC either way.
    #[test]
    fn joined_and_piecewise_strings_sign_alike() {
        let key = hmac_sha256::key(SECRET_KEY.as_bytes());
        for len in [0, 1, 63, 64, 65, 200, JOINED_MAX - 10, JOINED_MAX, JOINED_MAX + 1, 3000] {
            let body: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            let pieces: [&[u8]; 4] = [b"PUT", b"\nX-TC-Key=k", b"\n/v1/x\n", &body];
            let whole = pieces.concat();
            let piecewise = signature_text(&signature_with_key(&key, &pieces), String::new());
            assert_eq!(piecewise, signature(SECRET_KEY, &whole), "{len}");
        }
    }

    /// The signature goes into the buffer it is given, whatever that held and however large.
    #[test]
    fn signature_text_reuses_or_grows_its_buffer() {
        let key = hmac_sha256::key(SECRET_KEY.as_bytes());
        let signature = signature_with_key(&key, &[b"x"]);
        for buffer in [String::new(), "/v1/x".to_owned(), "y".repeat(200)] {
            let text = signature_text(&signature, buffer);
            assert_eq!(text.as_bytes(), signature.as_slice());
        }
    }
}
