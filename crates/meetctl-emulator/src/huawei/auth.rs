//! Huawei access tokens: App ID authentication (`POST /v2/usg/acs/auth/appauth`) and account
//! authentication (`POST /v1/usg/acs/auth/account`).

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use serde_json::{Map, Value, json};
use sha2::Sha256;

use super::error::{HuaweiError, codes};
use crate::http_util::{header_opt, json_object, json_response};
use crate::random::{constant_time_eq, hex_lower};
use crate::state::{AccessToken, Shared};

/// Access tokens one user may hold; issuing another evicts the oldest.
const TOKENS_PER_USER: usize = 64;

/// The App ID signature: HEX_UPPER(HMAC-SHA256(app_key, appId:userId:expireTime:nonce)), or
/// appId:corpId:userId:expireTime:nonce when `corp_id` is not empty.
pub(crate) fn app_signature(
    app_key: &str,
    app_id: &str,
    corp_id: &str,
    user_id: &str,
    expire_time: &str,
    nonce: &str,
) -> String {
    let message = if corp_id.is_empty() {
        format!("{app_id}:{user_id}:{expire_time}:{nonce}")
    } else {
        format!("{app_id}:{corp_id}:{user_id}:{expire_time}:{nonce}")
    };
    match Hmac::<Sha256>::new_from_slice(app_key.as_bytes()) {
        Ok(mut mac) => {
            mac.update(message.as_bytes());
            hex_lower(&mac.finalize().into_bytes()).to_ascii_uppercase()
        }
        Err(_) => String::new(),
    }
}

fn invalid_param(message: impl Into<String>) -> HuaweiError {
    HuaweiError::bad_request(codes::USG_INVALID_PARAM, message)
}

/// An optional string field (`null` or absent = empty).
fn optional_string<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a str, HuaweiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(""),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(invalid_param(format!("{field} must be a string"))),
    }
}

/// `signature` and `access` from `HMAC-SHA256 signature=<SIG>,access=<base64(app_id)>`.
fn parse_hmac_authorization(value: &str) -> Option<(&str, &str)> {
    let rest = value.strip_prefix("HMAC-SHA256")?;
    if !rest.starts_with(' ') {
        return None;
    }
    let mut signature = None;
    let mut access = None;
    for part in rest.split(',') {
        let (key, val) = part.trim().split_once('=')?;
        match key.trim() {
            "signature" => signature = Some(val.trim()),
            "access" => access = Some(val.trim()),
            _ => {}
        }
    }
    Some((signature?, access?))
}

/// `POST /v2/usg/acs/auth/appauth`.
pub(crate) fn app_auth(shared: &Shared, parts: &Parts, body: &Bytes) -> Result<Response, HuaweiError> {
    let (signature, access) = header_opt(&parts.headers, "Authorization")
        .and_then(parse_hmac_authorization)
        .ok_or_else(HuaweiError::usg_auth_failed)?;
    let body = json_object(body).map_err(invalid_param)?;
    let app_id = match body.get("appId") {
        Some(Value::String(s)) if !s.is_empty() => s.as_str(),
        _ => return Err(invalid_param("appId is required")),
    };
    let user_id = optional_string(&body, "userId")?;
    let corp_id = optional_string(&body, "corpId")?;
    let nonce = match body.get("nonce") {
        Some(Value::String(s)) => s.as_str(),
        _ => return Err(invalid_param("nonce is required")),
    };
    let expire_time = match body.get("expireTime") {
        Some(Value::Number(n)) if n.as_i64().is_some() => n.to_string(),
        Some(Value::String(s)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s.clone(),
        _ => return Err(invalid_param("expireTime must be Unix seconds")),
    };

    let access_ok = STANDARD.decode(access).ok().is_some_and(|decoded| decoded == app_id.as_bytes());
    let app = shared
        .scenario
        .huawei
        .apps
        .iter()
        .find(|a| a.app_id == app_id)
        .filter(|_| access_ok)
        .ok_or_else(HuaweiError::usg_auth_failed)?;
    if !(32..=64).contains(&nonce.chars().count()) {
        return Err(invalid_param("nonce must be 32 to 64 characters"));
    }
    let expire: i64 = expire_time.parse().unwrap_or(i64::MAX);
    if expire != 0 && expire < shared.clock.now_secs() {
        return Err(HuaweiError::new(StatusCode::UNAUTHORIZED, codes::USG_EXPIRED, "expireTime has passed"));
    }
    let nonce_key = (app.app_id.clone(), nonce.to_string());
    if shared.state().huawei.app_nonces.contains(&nonce_key) {
        return Err(HuaweiError::new(
            StatusCode::UNAUTHORIZED,
            codes::USG_NONCE_REUSED,
            "nonce was already used",
        ));
    }
    let expected = app_signature(&app.app_key, app_id, corp_id, user_id, &expire_time, nonce);
    if !constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        log::debug!("huawei app signature mismatch for app {app_id}, user {user_id:?}, corp {corp_id:?}");
        return Err(HuaweiError::usg_auth_failed());
    }
    shared.state().huawei.app_nonces.insert(nonce_key);
    let user_key = format!("app:{app_id}:{corp_id}:{user_id}");
    Ok(issue_access_token(shared, &user_key, user_id))
}

/// `POST /v1/usg/acs/auth/account`.
pub(crate) fn account_auth(shared: &Shared, parts: &Parts, body: &Bytes) -> Result<Response, HuaweiError> {
    let credentials = header_opt(&parts.headers, "Authorization")
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b64| STANDARD.decode(b64.trim()).ok())
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(HuaweiError::usg_auth_failed)?;
    let (account, password) = credentials.split_once(':').ok_or_else(HuaweiError::usg_auth_failed)?;
    let body = json_object(body).map_err(invalid_param)?;
    if body.get("account").and_then(Value::as_str) != Some(account) {
        return Err(HuaweiError::usg_auth_failed());
    }
    let known = shared
        .scenario
        .huawei
        .accounts
        .iter()
        .any(|a| a.account == account && constant_time_eq(a.password.as_bytes(), password.as_bytes()));
    if !known {
        return Err(HuaweiError::usg_auth_failed());
    }
    let user_key = format!("account:{account}");
    Ok(issue_access_token(shared, &user_key, account))
}

fn issue_access_token(shared: &Shared, user_key: &str, user_id: &str) -> Response {
    let ttl = shared.scenario.huawei.access_token_ttl_secs;
    let expires_at_ms = shared.clock.now_millis().saturating_add(ttl.saturating_mul(1000));
    let token = shared.random.hex(64);
    {
        let mut state = shared.state();
        let huawei = &mut state.huawei;
        huawei.access_tokens.insert(token.clone(), AccessToken { expires_at_ms });
        huawei.access_tokens_issued += 1;
        let owned = huawei.user_tokens.entry(user_key.to_string()).or_default();
        owned.push_back(token.clone());
        while owned.len() > TOKENS_PER_USER {
            if let Some(evicted) = owned.pop_front() {
                huawei.access_tokens.remove(&evicted);
            }
        }
    }
    json_response(
        StatusCode::OK,
        &json!({
            "accessToken": token,
            "validPeriod": ttl,
            "expireTime": expires_at_ms,
            "userId": user_id,
        }),
    )
}

/// Whether `token` is a live access token.
pub(crate) fn access_token_is_live(shared: &Shared, token: &str) -> bool {
    let now = shared.clock.now_millis();
    shared.state().huawei.access_tokens.get(token).is_some_and(|t| t.expires_at_ms > now)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Known-answer vectors, computed with:
    //   printf 'demoappid0001:alice:1700000000:0123456789abcdef0123456789abcdef' \
    //     | openssl dgst -sha256 -hmac 'demo-app-key-0001' | awk '{print $2}' | tr 'a-f' 'A-F'
    const VECTOR_SINGLE: &str = "08DE2002937FA5966600E1F152628703709B9D40C5DC07D7457A38979367D0CB";
    //   printf 'demoappid0001:corp01:alice:0:0123456789abcdef0123456789abcdef' \
    //     | openssl dgst -sha256 -hmac 'demo-app-key-0001' | awk '{print $2}' | tr 'a-f' 'A-F'
    const VECTOR_CORP: &str = "96FB188BC304BF14E757CBA5BBE3638B1DBBAB0FBD1DAA5562867F4A9747C727";
    //   printf 'demoappid0001::1700000000:0123456789abcdef0123456789abcdef' \
    //     | openssl dgst -sha256 -hmac 'demo-app-key-0001' | awk '{print $2}' | tr 'a-f' 'A-F'
    const VECTOR_NO_USER: &str = "FD0E6D43F1982A92620817C06C1521AA64ED351BFC2A8E857EE608719F5F438F";

    const NONCE: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn app_signature_matches_openssl_vectors() {
        let key = "demo-app-key-0001";
        let app = "demoappid0001";
        assert_eq!(app_signature(key, app, "", "alice", "1700000000", NONCE), VECTOR_SINGLE);
        assert_eq!(app_signature(key, app, "corp01", "alice", "0", NONCE), VECTOR_CORP);
        assert_eq!(app_signature(key, app, "", "", "1700000000", NONCE), VECTOR_NO_USER);
    }

    #[test]
    fn authorization_header_parsing() {
        assert_eq!(
            parse_hmac_authorization("HMAC-SHA256 signature=ABC,access=ZGVtbw=="),
            Some(("ABC", "ZGVtbw=="))
        );
        assert_eq!(
            parse_hmac_authorization("HMAC-SHA256 access=ZGVtbw==, signature=ABC"),
            Some(("ABC", "ZGVtbw=="))
        );
        assert_eq!(parse_hmac_authorization("HMAC-SHA256 signature=ABC"), None);
        assert_eq!(parse_hmac_authorization("Basic abc"), None);
        assert_eq!(parse_hmac_authorization("HMAC-SHA256signature=A,access=B"), None);
    }
}
