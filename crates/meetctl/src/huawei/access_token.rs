//! Account-level access tokens: the App ID and account/password requests and their answers.

use base64::Engine as _;
use serde::Serialize;
use serde_json::Value;

use super::credentials::{AccountAuth, AccountPassword, AppIdAuth};
use super::signing;
use super::token_cache::{FreshToken, checked_token};
use crate::error::{Error, ErrorKind};
use crate::http::{HttpRequest, Method};

/// `clientType` both authentication calls send (an API client).
const CLIENT_TYPE: u32 = 72;
/// How long an App ID authentication request stays valid.
const APP_AUTH_VALIDITY_SECS: i64 = 10 * 60;
/// Lifetime assumed when the answer states none (the documented minimum).
const DEFAULT_ACCESS_TOKEN_SECS: i64 = 12 * 60 * 60;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AppAuthBody<'a> {
    app_id: &'a str,
    user_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    corp_id: Option<&'a str>,
    expire_time: i64,
    nonce: &'a str,
    client_type: u32,
}

/// The request that obtains an access token for `auth`; `None` when it asks for none.
pub(crate) fn access_token_request(
    auth: &AccountAuth,
    now_secs: i64,
    nonce: &str,
) -> Result<Option<HttpRequest>, Error> {
    match auth {
        AccountAuth::None => Ok(None),
        AccountAuth::AppId(a) => app_auth_request(a, now_secs, nonce).map(Some),
        AccountAuth::Account(a) => account_request(a).map(Some),
    }
}

/// `POST /v2/usg/acs/auth/appauth`, signed; the body carries exactly the signed values.
pub(crate) fn app_auth_request(auth: &AppIdAuth, now_secs: i64, nonce: &str) -> Result<HttpRequest, Error> {
    let user_id = auth.user_id.as_deref().unwrap_or("");
    let expire_time = now_secs + APP_AUTH_VALIDITY_SECS;
    let sts = signing::string_to_sign(&auth.app_id, auth.corp_id.as_deref(), user_id, expire_time, nonce);
    let signature = signing::signature(auth.app_key.expose(), &sts);
    let body = AppAuthBody {
        app_id: &auth.app_id,
        user_id,
        corp_id: auth.corp_id.as_deref(),
        expire_time,
        nonce,
        client_type: CLIENT_TYPE,
    };
    let mut request = HttpRequest::new(Method::Post, "/v2/usg/acs/auth/appauth");
    request.safe_to_repeat = true; // a token fetch changes nothing on the server
    request.push_header("Authorization", signing::authorization(&signature, &auth.app_id));
    request.body = to_json(&body)?;
    Ok(request)
}

/// `POST /v1/usg/acs/auth/account` with HTTP Basic.
pub(crate) fn account_request(auth: &AccountPassword) -> Result<HttpRequest, Error> {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!(
        "{}:{}",
        auth.account,
        auth.password.expose()
    ));
    let mut request = HttpRequest::new(Method::Post, "/v1/usg/acs/auth/account");
    request.safe_to_repeat = true; // a token fetch changes nothing on the server
    request.push_header("Authorization", format!("Basic {basic}"));
    request.body = to_json(&serde_json::json!({"account": auth.account, "clientType": CLIENT_TYPE}))?;
    Ok(request)
}

/// Reads `accessToken` and its lifetime (`validPeriod` seconds, else `expireTime`, else 12 h).
pub(crate) fn parse_access_token(answer: &Value, now_ms: i64) -> Result<FreshToken, Error> {
    let token = answer
        .get("accessToken")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::new(ErrorKind::MalformedResponse, "the answer has no accessToken"))?;
    let token = checked_token(token, "access token")?;
    let expires_at_ms = if let Some(valid) = answer.get("validPeriod").and_then(Value::as_i64) {
        now_ms.saturating_add(valid.saturating_mul(1000))
    } else if let Some(at) = answer.get("expireTime").and_then(Value::as_i64) {
        // Seconds or milliseconds since the epoch, whichever it is.
        if at > 100_000_000_000 { at } else { at.saturating_mul(1000) }
    } else {
        now_ms.saturating_add(DEFAULT_ACCESS_TOKEN_SECS * 1000)
    };
    Ok(FreshToken::new(token, now_ms, expires_at_ms))
}

pub(crate) fn to_json(body: &impl Serialize) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(body).map_err(|_| Error::invalid("body", "cannot be serialised as JSON"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    #[test]
    fn app_auth_body_carries_the_signed_values() {
        let auth = AppIdAuth {
            app_id: "app-id-1".into(),
            app_key: Secret::new("huawei-app-key"),
            user_id: Some("bob".into()),
            corp_id: None,
        };
        let r = app_auth_request(&auth, 1_700_000_000, "0123456789abcdef0123456789abcdef").unwrap();
        assert_eq!(
            std::str::from_utf8(&r.body).unwrap(),
            r#"{"appId":"app-id-1","userId":"bob","expireTime":1700000600,"nonce":"0123456789abcdef0123456789abcdef","clientType":72}"#
        );
        // The signature of exactly these values, from the OpenSSL vector in signing.rs.
        assert_eq!(
            r.header("Authorization"),
            Some(
                "HMAC-SHA256 signature=5E88F552F24F9BACF6D82933F1BE929EC47745A36E5DC822BFAFA77C0BCA2A96,access=YXBwLWlkLTE="
            )
        );
    }

    #[test]
    fn access_token_lifetime() {
        let t = parse_access_token(&serde_json::json!({"accessToken": "a", "validPeriod": 100}), 0).unwrap();
        assert_eq!(t.refresh_at_ms, 80_000);
        let e = parse_access_token(&serde_json::json!({"validPeriod": 100}), 0).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MalformedResponse);
    }
}
