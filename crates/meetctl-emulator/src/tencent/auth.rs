//! Tencent authentication: AK/SK signatures (with timestamp, nonce and replay checks), OAuth 2.0
//! tokens, and the per-minute rate limit.

use axum::http::StatusCode;
use axum::http::request::Parts;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::error::{TencentError, codes};
use crate::http_util::{HeaderText, header};
use crate::random::{constant_time_eq, hex_lower};
use crate::state::Shared;

/// How far a timestamp may be from the emulator clock, and how long a nonce is remembered.
const WINDOW_SECS: i64 = 300;

/// Who a request comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Identity {
    /// An enterprise self-built app (AK/SK).
    AkSk {
        /// The app's `AppId`.
        app_id: String,
        /// The `X-TC-Key` it signed with.
        secret_id: String,
    },
    /// An OAuth 2.0 user.
    OAuth {
        /// The `OpenId`.
        open_id: String,
        /// Scopes granted to the token.
        scopes: Vec<String>,
    },
}

/// `X-TC-Signature` for a request: base64 of the lowercase hex HMAC-SHA256 of the string to sign.
pub(crate) fn signature(
    secret_key: &str,
    method: &str,
    secret_id: &str,
    nonce: &str,
    timestamp: &str,
    request_uri: &str,
    body: &[u8],
) -> String {
    let mut string_to_sign = Vec::with_capacity(body.len() + request_uri.len() + 96);
    string_to_sign.extend_from_slice(method.as_bytes());
    string_to_sign.push(b'\n');
    string_to_sign.extend_from_slice(
        format!("X-TC-Key={secret_id}&X-TC-Nonce={nonce}&X-TC-Timestamp={timestamp}").as_bytes(),
    );
    string_to_sign.push(b'\n');
    string_to_sign.extend_from_slice(request_uri.as_bytes());
    string_to_sign.push(b'\n');
    string_to_sign.extend_from_slice(body);
    // HMAC accepts keys of any length, so this cannot fail.
    let digest = match Hmac::<Sha256>::new_from_slice(secret_key.as_bytes()) {
        Ok(mut mac) => {
            mac.update(&string_to_sign);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    };
    STANDARD.encode(hex_lower(&digest))
}

/// Checks a request's credentials and returns who sent it.
pub(crate) fn authenticate(shared: &Shared, parts: &Parts, body: &[u8]) -> Result<Identity, TencentError> {
    if header(&parts.headers, "AccessToken") == HeaderText::Missing {
        aksk(shared, parts, body)
    } else {
        oauth(shared, parts)
    }
}

fn required<'a>(parts: &'a Parts, name: &str) -> Result<&'a str, TencentError> {
    match header(&parts.headers, name) {
        HeaderText::Text(s) => Ok(s),
        HeaderText::Missing => Err(TencentError::param(format!("missing required header {name}"))),
        HeaderText::NotText => Err(TencentError::param(format!("header {name} is not valid text"))),
    }
}

fn oauth(shared: &Shared, parts: &Parts) -> Result<Identity, TencentError> {
    let access_token = required(parts, "AccessToken")?;
    let open_id = required(parts, "OpenId")?;
    let timestamp = required(parts, "X-TC-Timestamp")?;
    let nonce = required(parts, "X-TC-Nonce")?;
    let user = shared
        .scenario
        .tencent
        .oauth
        .iter()
        .find(|u| {
            u.open_id == open_id && constant_time_eq(u.access_token.as_bytes(), access_token.as_bytes())
        })
        .ok_or_else(|| {
            TencentError::new(
                codes::BAD_CREDENTIALS,
                "invalid OAuth 2.0 credentials: unknown OpenId or AccessToken",
            )
        })?;
    check_timestamp(shared, timestamp)?;
    check_nonce(nonce)?;
    Ok(Identity::OAuth { open_id: user.open_id.clone(), scopes: user.scopes.clone() })
}

fn aksk(shared: &Shared, parts: &Parts, body: &[u8]) -> Result<Identity, TencentError> {
    let secret_id = required(parts, "X-TC-Key")?;
    let timestamp = required(parts, "X-TC-Timestamp")?;
    let nonce = required(parts, "X-TC-Nonce")?;
    let sent_signature = required(parts, "X-TC-Signature")?;
    let app_id = required(parts, "AppId")?;
    let sdk_id = header(&parts.headers, "SdkId");

    let bad_credentials = |what: &str| TencentError::new(codes::BAD_CREDENTIALS, what.to_string());
    let app = shared
        .scenario
        .tencent
        .apps
        .iter()
        .find(|a| a.secret_id == secret_id)
        .ok_or_else(|| bad_credentials("invalid credentials: unknown X-TC-Key"))?;
    if app.app_id != app_id {
        return Err(bad_credentials("invalid credentials: AppId does not match X-TC-Key"));
    }
    let sdk_ok = match (sdk_id, app.sdk_id.as_deref()) {
        (HeaderText::Missing, None) => true,
        (HeaderText::Text(sent), Some(expected)) => sent == expected,
        _ => false,
    };
    if !sdk_ok {
        return Err(bad_credentials("invalid credentials: SdkId does not match"));
    }
    check_timestamp(shared, timestamp)?;
    check_nonce(nonce)?;

    let request_uri = parts.uri.path_and_query().map_or_else(|| parts.uri.path(), |pq| pq.as_str());
    let expected =
        signature(&app.secret_key, parts.method.as_str(), secret_id, nonce, timestamp, request_uri, body);
    if !constant_time_eq(expected.as_bytes(), sent_signature.as_bytes()) {
        log::debug!(
            "tencent signature mismatch for {} {request_uri} (key {secret_id}, nonce {nonce}, timestamp {timestamp}, {} body bytes)",
            parts.method,
            body.len()
        );
        return Err(TencentError::new(codes::BAD_SIGNATURE, "signature verification failed"));
    }

    let now = shared.clock.now_secs();
    let mut state = shared.state();
    let nonces = &mut state.tencent.nonces;
    nonces.retain(|_, seen| now.saturating_sub(*seen) < WINDOW_SECS);
    let key = (secret_id.to_string(), timestamp.to_string(), nonce.to_string());
    if nonces.contains_key(&key) {
        return Err(TencentError::new(
            codes::REPLAY,
            "replayed request: this X-TC-Timestamp and X-TC-Nonce were already used",
        ));
    }
    nonces.insert(key, now);
    Ok(Identity::AkSk { app_id: app.app_id.clone(), secret_id: app.secret_id.clone() })
}

fn is_decimal(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn check_timestamp(shared: &Shared, timestamp: &str) -> Result<(), TencentError> {
    let bad = || {
        TencentError::new(
            codes::BAD_TIMESTAMP,
            format!("X-TC-Timestamp {timestamp:?} is invalid or more than 300 seconds from server time"),
        )
    };
    if !is_decimal(timestamp) {
        return Err(bad());
    }
    let ts: i64 = timestamp.parse().map_err(|_| bad())?;
    if ts.abs_diff(shared.clock.now_secs()) > WINDOW_SECS.unsigned_abs() {
        return Err(bad());
    }
    Ok(())
}

fn check_nonce(nonce: &str) -> Result<(), TencentError> {
    let positive = is_decimal(nonce) && nonce.bytes().any(|b| b != b'0');
    if positive {
        Ok(())
    } else {
        Err(TencentError::param(format!("X-TC-Nonce {nonce:?} must be a positive decimal integer")))
    }
}

/// Counts the request against its app's (or OAuth user's) per-minute budget.
pub(crate) fn rate_limit(shared: &Shared, identity: &Identity) -> Result<(), TencentError> {
    let key = match identity {
        Identity::AkSk { app_id, .. } => format!("app:{app_id}"),
        Identity::OAuth { open_id, .. } => format!("oauth:{open_id}"),
    };
    let now = shared.clock.now_secs();
    let window = now.div_euclid(60);
    let limit = shared.scenario.tencent.rate_limit_per_minute;
    let mut state = shared.state();
    let entry = state.tencent.windows.entry(key).or_insert((window, 0));
    if entry.0 != window {
        *entry = (window, 0);
    }
    entry.1 = entry.1.saturating_add(1);
    if entry.1 > limit {
        let retry_after = u64::try_from(60 - now.rem_euclid(60)).unwrap_or(60);
        let mut err = TencentError::new(
            codes::RATE_LIMITED,
            format!("too many requests: more than {limit} in this minute"),
        )
        .with_status(StatusCode::TOO_MANY_REQUESTS);
        err.retry_after = Some(retry_after);
        return Err(err);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Known-answer vector, computed with:
    //   printf 'PUT\nX-TC-Key=AKIDdemo0001&X-TC-Nonce=12345&X-TC-Timestamp=1700000000\n/v1/real-control/meetings/1242152152161/cohosts\n{"action":true}' \
    //     | openssl dgst -sha256 -hmac 'demo-secret-key-0001' | awk '{print $2}' | tr -d '\n' | base64 -w0
    const VECTOR_PUT: &str =
        "ZDU5NDg1NjdiYWFhNzcxMDRkYTYxN2VjZjA5MjFiYmNhNDFkODNmN2NmMGVjNDJmNDUyOGM2Y2JjY2NjYTlmZg==";

    // Empty body, query in the URI (the third "\n" stays):
    //   printf 'GET\nX-TC-Key=AKIDdemo0001&X-TC-Nonce=1&X-TC-Timestamp=1700000000\n/v1/meetings/1242152152161?userid=alice&instanceid=1\n' \
    //     | openssl dgst -sha256 -hmac 'demo-secret-key-0001' | awk '{print $2}' | tr -d '\n' | base64 -w0
    const VECTOR_GET: &str =
        "YjM4ZjUzMGVmZWI3M2M3NmViMzlmYzMxZTQwODc5NTk1NDFiN2IwYzQ3ZjRlMDNmYmJlNDYzYjVhMTBmMTI0Ng==";

    #[test]
    fn signature_matches_openssl_vector() {
        let sig = signature(
            "demo-secret-key-0001",
            "PUT",
            "AKIDdemo0001",
            "12345",
            "1700000000",
            "/v1/real-control/meetings/1242152152161/cohosts",
            br#"{"action":true}"#,
        );
        assert_eq!(sig, VECTOR_PUT);
        assert_eq!(sig.len(), 88);
    }

    #[test]
    fn signature_with_empty_body_matches_openssl_vector() {
        let sig = signature(
            "demo-secret-key-0001",
            "GET",
            "AKIDdemo0001",
            "1",
            "1700000000",
            "/v1/meetings/1242152152161?userid=alice&instanceid=1",
            b"",
        );
        assert_eq!(sig, VECTOR_GET);
    }

    #[test]
    fn nonce_and_timestamp_syntax() {
        assert!(check_nonce("12345").is_ok());
        assert!(check_nonce("0").is_err());
        assert!(check_nonce("000").is_err());
        assert!(check_nonce("+5").is_err());
        assert!(check_nonce("-5").is_err());
        assert!(check_nonce("").is_err());
        assert!(check_nonce("12a").is_err());
        assert!(is_decimal("1700000000"));
        assert!(!is_decimal("+1700000000"));
        assert!(!is_decimal("1.5"));
    }
}
