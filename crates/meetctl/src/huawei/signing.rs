//! Huawei App ID authentication: the `Authorization` header of `POST /v2/usg/acs/auth/appauth`.
//!
//! ```text
//! SIG = HEX_UPPER(hmac_sha256(app_key, app_id ":" user_id ":" expire_time ":" nonce))            single-tenant
//! SIG = HEX_UPPER(hmac_sha256(app_key, app_id ":" corp_id ":" user_id ":" expire_time ":" nonce)) multi-tenant
//! Authorization: HMAC-SHA256 signature=SIG,access=base64(app_id)
//! ```

use base64::Engine as _;
use hmac::Mac;

use crate::encoding::hex_upper;

/// The string App ID authentication signs. A missing user id or corp id is the empty string;
/// `corp_id` given (even empty) selects the multi-tenant form.
pub fn string_to_sign(
    app_id: &str,
    corp_id: Option<&str>,
    user_id: &str,
    expire_time: i64,
    nonce: &str,
) -> String {
    match corp_id {
        Some(corp_id) => format!("{app_id}:{corp_id}:{user_id}:{expire_time}:{nonce}"),
        None => format!("{app_id}:{user_id}:{expire_time}:{nonce}"),
    }
}

/// `HEX_UPPER(hmac_sha256(app_key, string_to_sign))`.
pub fn signature(app_key: &str, string_to_sign: &str) -> String {
    let mut mac = crate::hmac_sha256::key(app_key.as_bytes());
    mac.update(string_to_sign.as_bytes());
    hex_upper(&mac.finalize().into_bytes())
}

/// The `Authorization` header value: `HMAC-SHA256 signature=SIG,access=base64(app_id)`.
pub fn authorization(signature: &str, app_id: &str) -> String {
    let access = base64::engine::general_purpose::STANDARD.encode(app_id);
    format!("HMAC-SHA256 signature={signature},access={access}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONCE: &str = "0123456789abcdef0123456789abcdef";

    /// Made with OpenSSL:
    /// `printf '%s' 'app-id-1:bob:1700000600:0123456789abcdef0123456789abcdef' | openssl dgst -sha256 -hmac 'huawei-app-key' | awk '{print toupper($2)}'`
    #[test]
    fn single_tenant_matches_openssl() {
        let sts = string_to_sign("app-id-1", None, "bob", 1700000600, NONCE);
        assert_eq!(sts, "app-id-1:bob:1700000600:0123456789abcdef0123456789abcdef");
        assert_eq!(
            signature("huawei-app-key", &sts),
            "5E88F552F24F9BACF6D82933F1BE929EC47745A36E5DC822BFAFA77C0BCA2A96"
        );
    }

    /// Made with OpenSSL:
    /// `printf '%s' 'app-id-1:corp-9:bob:1700000600:0123456789abcdef0123456789abcdef' | openssl dgst -sha256 -hmac 'huawei-app-key' | awk '{print toupper($2)}'`
    #[test]
    fn multi_tenant_matches_openssl() {
        let sts = string_to_sign("app-id-1", Some("corp-9"), "bob", 1700000600, NONCE);
        assert_eq!(
            signature("huawei-app-key", &sts),
            "A7CF8327B15775D145CFB2C187BD3156D2A0AE414B2DC5D26D47FEF793251155"
        );
    }

    /// Missing user id keeps its colons. Made with OpenSSL:
    /// `printf '%s' 'app-id-1::0:0123456789abcdef0123456789abcdef' | openssl dgst -sha256 -hmac 'huawei-app-key' | awk '{print toupper($2)}'`
    #[test]
    fn empty_user_id_keeps_colons() {
        let sts = string_to_sign("app-id-1", None, "", 0, NONCE);
        assert_eq!(sts, "app-id-1::0:0123456789abcdef0123456789abcdef");
        assert_eq!(
            signature("huawei-app-key", &sts),
            "A5380E14543C580FAD19BEB9A1DDBE5FACC2E9DC66F795C9F5B280A62AA8B618"
        );
    }

    /// `printf 'app-id-1' | base64` gives `YXBwLWlkLTE=`.
    #[test]
    fn authorization_header() {
        assert_eq!(authorization("SIG", "app-id-1"), "HMAC-SHA256 signature=SIG,access=YXBwLWlkLTE=");
    }
}
