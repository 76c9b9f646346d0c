//! Turning a Tencent response into a value or a precise error.

use serde_json::Value;

use crate::error::{ApiDetails, Error, ErrorKind, Vendor};
use crate::http::HttpResponse;
use crate::response::{kind_from_status, text_field};

/// The JSON body of the last answer of `sent`, or the error it carries (with the attempts made).
pub(crate) fn answer(sent: crate::transport::Sent) -> Result<Value, Error> {
    let attempts = sent.attempts;
    into_result(sent.response).map_err(|e| e.with_attempts(attempts))
}

/// The JSON body of a 2xx answer (`Value::Null` when empty), or the error it carries.
pub(crate) fn into_result(response: HttpResponse) -> Result<Value, Error> {
    crate::response::into_result(response, api_error)
}

/// Builds the error for a non-2xx answer, reading `{"error_info":{...}}` leniently.
pub(crate) fn api_error(response: &HttpResponse) -> Error {
    let parsed: Option<Value> = serde_json::from_slice(&response.body).ok();
    let info = parsed.as_ref().and_then(|v| v.get("error_info"));
    let code = info.and_then(|i| text_field(i, "error_code"));
    let new_code = info.and_then(|i| text_field(i, "new_error_code"));
    let message = info.and_then(|i| i.get("message")).and_then(Value::as_str).map(str::to_owned);
    let kind = code.as_deref().and_then(kind_from_code).unwrap_or_else(|| kind_from_status(response.status));
    let details = ApiDetails {
        status: response.status,
        code,
        new_code,
        message: message.or_else(|| {
            parsed.is_none().then(|| format!("HTTP {} with no readable error body", response.status))
        }),
        request_id: response.request_id(),
    };
    Error::from_api(kind, Vendor::Tencent, details, response.retry_after())
}

/// The kind a Tencent error code stands for, when it is one users act on differently.
fn kind_from_code(code: &str) -> Option<ErrorKind> {
    Some(match code {
        // Stale timestamp, replayed nonce, unknown key/app/sdk id, bad signature.
        "190300" | "190301" | "190303" | "200003" => ErrorKind::Auth,
        // Operator is not creator, host or co-host.
        "9042" => ErrorKind::PermissionDenied,
        // Bad meeting id, meeting does not exist.
        "9002" | "9003" => ErrorKind::NotFound,
        // Per-minute, daily, and single-interface per-minute limits.
        "190310" | "190311" | "190313" => ErrorKind::RateLimited,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str) -> HttpResponse {
        crate::response::test_response(status, "rid-1", body)
    }

    #[test]
    fn full_error_body() {
        let e = api_error(&resp(
            400,
            r#"{"error_info":{"error_code":190303,"new_error_code":200190303,"message":"bad key"}}"#,
        ));
        assert_eq!(e.kind(), ErrorKind::Auth);
        let api = e.api().unwrap();
        assert_eq!(api.code.as_deref(), Some("190303"));
        assert_eq!(api.new_code.as_deref(), Some("200190303"));
        assert_eq!(api.message.as_deref(), Some("bad key"));
        assert_eq!(api.request_id.as_deref(), Some("rid-1"));
    }

    #[test]
    fn missing_fields_and_garbage_do_not_crash() {
        let e = api_error(&resp(400, r#"{"error_info":{"error_code":9003}}"#));
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert_eq!(e.api().unwrap().new_code, None);
        let e = api_error(&resp(500, r#"{"error_info": "#));
        assert_eq!(e.kind(), ErrorKind::Api);
        assert_eq!(e.status(), Some(500));
        let e = api_error(&resp(429, ""));
        assert_eq!(e.kind(), ErrorKind::RateLimited);
        let e = api_error(&resp(400, r#"{"error_info":{"error_code":"9042","message":null}}"#));
        assert_eq!(e.kind(), ErrorKind::PermissionDenied);
    }

    #[test]
    fn success_bodies() {
        assert_eq!(into_result(resp(200, "")).unwrap(), Value::Null);
        assert_eq!(into_result(resp(200, "{}")).unwrap(), serde_json::json!({}));
        let e = into_result(resp(200, "{\"a\":")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MalformedResponse);
    }
}
