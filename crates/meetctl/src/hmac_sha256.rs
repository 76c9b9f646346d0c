//! HMAC-SHA256 keys, prepared once and cloned for each MAC: Tencent signs every request with one,
//! Huawei's App ID authentication signs with one.

use hmac::Hmac;
use sha2::Sha256;

/// An HMAC-SHA256 key: the hash state after the key, cloned for each MAC.
pub(crate) type Key = Hmac<Sha256>;

/// `secret` made into a [`Key`]. HMAC's own key rule (RFC 2104: a key longer than the hash's
/// 64-byte block is hashed first, and the key is padded with zeros to the block) is applied here,
/// so that making the key cannot fail.
pub(crate) fn key(secret: &[u8]) -> Key {
    use sha2::Digest as _;
    let mut block = [0u8; 64];
    if secret.len() > block.len() {
        block[..32].copy_from_slice(&Sha256::digest(secret));
    } else {
        block[..secret.len()].copy_from_slice(secret);
    }
    let key = <Key as hmac::digest::KeyInit>::new(&block.into());
    zeroize::Zeroize::zeroize(&mut block);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys of every length around HMAC's 64-byte block (a key longer than the block is hashed
    /// first), against RFC 4231's test cases 1 (20-byte key) and 6 (131-byte key).
    #[test]
    fn keys_shorter_and_longer_than_the_block_follow_rfc_4231() {
        use hmac::Mac as _;
        let tag = |secret: &[u8], data: &[u8]| {
            let mut mac = key(secret);
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
        // RFC 2104 pads a short key with zeros to the block: the padded key signs the same.
        let mut padded = [0u8; 64];
        padded[..3].copy_from_slice(b"abc");
        assert_eq!(tag(b"abc", b"x"), tag(&padded, b"x"));
    }
}
