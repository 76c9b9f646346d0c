//! The webhook signature ("签名校验", cloud.tencent.com/document/product/1095/51612):
//! `sha1(concat(sort([token, timestamp, nonce, data])))` in lower-case hex, the four values
//! sorted as byte strings and joined with nothing between.

use sha1::{Digest, Sha1};

use crate::random::hex_lower;

/// The signature of one webhook request: `data` is the body's `data` (events) or the
/// `check_str` as sent, before URL-encoding (the URL check).
pub fn signature(token: &str, timestamp: &str, nonce: &str, data: &str) -> String {
    let mut parts = [token, timestamp, nonce, data];
    parts.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    let mut hasher = Sha1::new();
    for part in parts {
        hasher.update(part.as_bytes());
    }
    hex_lower(&hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vendor's worked example (page 51612): its token is masked in one place and given
    /// whole in the joined string.
    #[test]
    fn vendor_example() {
        let data = "eyJldmVudCI6Im1lZXRpbmcuY3JlYXRlZCIsInVuaXF1ZV9zZXF1ZW5jZSI6ImYyMDA5NmVlLThhYzgtNGRmMi1hN2RlLTA1NzQ2NDlmMjExYiIsInBheWxvYWQiOlt7Im9wZXJhdGVfdGltZSI6IjIwMjAtMTItMjkgMTc6NDE6MDYiLCJvcGVyYXRvciI6eyJ1c2VyaWQiOiJ0ZXN0ZXIwMDAwNmJhNWJhYjMzOTg1OGMxM2M5MzBjY2E5NTY4NCJ9LCJtZWV0aW5nX2luZm8iOnsibWVldGluZ19pZCI6IjYwNTg4OTAzODU0ODA5MjEwNTIiLCJtZWV0aW5nX2NvZGUiOiI1MzA4MTI0NTIiLCJzdWJqZWN0IjoibWVkaWEgdGVzdGVyIG1lZXRpbmciLCJjcmVhdG9yX2lkIjoidGVzdGVyMDAwMDZiYTViYWIzMzk4NThjMTNjOTMwY2NhOTU2ODQiLCJob3N0cyI6WyJ0ZXN0ZXIwMDAwNmJhNWJhYjMzOTg1OGMxM2M5MzBjY2E5NTY4NCJdLCJtZWV0aW5nX3R5cGUiOjAsInN0YXJ0X3RpbWUiOiIyMDIwLTEyLTI5IDE3OjQxOjA0IiwiZW5kX3RpbWUiOiIyMDIwLTEyLTI5IDE4OjAxOjA0In19XX0";
        assert_eq!(
            signature("bVPU6F8Htxl5XkAbp3jGV2xWp", "1609239040864", "14964161", data),
            "b11e507817336a91d7df0c8536ee2aca18bbbae8"
        );
    }

    #[test]
    fn order_of_arguments_does_not_matter() {
        assert_eq!(signature("a", "b", "c", "d"), signature("d", "c", "b", "a"));
    }
}
