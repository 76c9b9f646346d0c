//! The webhook encodings ("事件加解密", cloud.tencent.com/document/product/1095/54658).
//!
//! Without an EncodingAESKey, `data` is the plaintext JSON in base64 without padding, as the
//! signature page's worked example sends it. With one, `data` is
//! `base64(AES-256-CBC(plaintext, PKCS#7))` with padding, the key being
//! `base64_decode(EncodingAESKey + "=")` (32 bytes) and the IV its first 16 bytes. The page's
//! formula `AES_Encrypt[msg + $key]` is terse; its decryption samples read the plaintext as the
//! JSON alone, and so does this encoder (nothing appended). Its encrypted example is padded
//! base64, and its Go sample decodes with `StdEncoding`, which needs the padding.

use aes::Aes256;
use base64::Engine as _;
use base64::alphabet::STANDARD;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD_NO_PAD};
use base64::engine::{DecodePaddingMode, general_purpose};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockEncryptMut, KeyIvInit};

/// The length of an EncodingAESKey, in characters.
pub(crate) const AES_KEY_CHARS: usize = 43;

/// Base64 that, like Go's `StdEncoding`, ignores the unused low bits of the last character: 43
/// random letters and digits plus `=` then always decode to 32 bytes.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The AES key of an EncodingAESKey; `Err` says why it is not one (43 letters and digits).
pub(crate) fn aes_key(encoding_aes_key: &str) -> Result<[u8; 32], String> {
    if encoding_aes_key.len() != AES_KEY_CHARS || !encoding_aes_key.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return Err(format!("aes_key must be {AES_KEY_CHARS} letters and digits"));
    }
    let bytes =
        LENIENT.decode(format!("{encoding_aes_key}=")).map_err(|e| format!("aes_key is not base64: {e}"))?;
    <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| "aes_key does not decode to 32 bytes".to_owned())
}

/// `plaintext` as the `data` of a request (an event's JSON, a URL check's string).
pub(crate) fn encode(plaintext: &[u8], key: Option<&[u8; 32]>) -> String {
    match key {
        None => STANDARD_NO_PAD.encode(plaintext),
        Some(key) => general_purpose::STANDARD.encode(encrypt(plaintext, key)),
    }
}

/// AES-256-CBC with PKCS#7 padding, the IV being the key's first 16 bytes.
fn encrypt(plaintext: &[u8], key: &[u8; 32]) -> Vec<u8> {
    let (iv, _) = key.split_at(16);
    match cbc::Encryptor::<Aes256>::new_from_slices(key, iv) {
        Ok(cipher) => cipher.encrypt_padded_vec_mut::<Pkcs7>(plaintext),
        // A 32-byte key and a 16-byte IV are always accepted.
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cbc::cipher::BlockDecryptMut;

    #[test]
    fn keys_are_checked() {
        assert!(aes_key("short").is_err());
        assert!(aes_key(&"a".repeat(43)).is_ok());
        assert!(aes_key(&"Z9".repeat(21).chars().chain(['z']).collect::<String>()).is_ok());
        assert!(aes_key(&format!("{}+", "a".repeat(42))).is_err());
    }

    #[test]
    fn round_trip() {
        let key = aes_key("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG").expect("key");
        let data = encode(b"{\"event\":\"meeting.started\"}", Some(&key));
        let bytes = general_purpose::STANDARD.decode(data).expect("base64");
        let (iv, _) = key.split_at(16);
        let plain = cbc::Decryptor::<Aes256>::new_from_slices(&key, iv)
            .expect("cipher")
            .decrypt_padded_vec_mut::<Pkcs7>(&bytes)
            .expect("decrypt");
        assert_eq!(plain, b"{\"event\":\"meeting.started\"}");
        assert_eq!(encode(b"ab", None), "YWI");
    }
}
