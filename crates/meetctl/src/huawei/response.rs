//! Turning a Huawei response into a value or a precise error.

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

/// Builds the error for a non-2xx answer. Huawei services name their fields `error_code` /
/// `error_msg`, `errorCode` / `errorMsg` or `code` / `message`; any of them is read, none is required.
pub(crate) fn api_error(response: &HttpResponse) -> Error {
    let parsed: Option<Value> = serde_json::from_slice(&response.body).ok();
    let first = |names: &[&str]| -> Option<String> {
        let body = parsed.as_ref()?;
        names.iter().find_map(|n| text_field(body, n))
    };
    let code = first(&["error_code", "errorCode", "code"]);
    let message = first(&["error_msg", "errorMsg", "message"]);
    let kind = code.as_deref().and_then(kind_from_code).unwrap_or_else(|| kind_from_status(response.status));
    let details = ApiDetails {
        status: response.status,
        code,
        new_code: None,
        message: message.or_else(|| {
            parsed.is_none().then(|| format!("HTTP {} with no readable error body", response.status))
        }),
        request_id: response.request_id(),
    };
    Error::from_api(kind, Vendor::Huawei, details, response.retry_after())
}

/// The kind a Huawei error code stands for, when it is one users act on differently.
fn kind_from_code(code: &str) -> Option<ErrorKind> {
    Some(match code {
        "MMC.111070005" => ErrorKind::NotFound,
        // "Conference not found or wrong password": almost always the password.
        "MMC.111072065" | "MMC.111070004" | "MMC.111070111" => ErrorKind::Auth,
        "MMC.111070002" => ErrorKind::PermissionDenied,
        "100000429" => ErrorKind::RateLimited,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str) -> HttpResponse {
        crate::response::test_response(status, "8957e54c", body)
    }

    #[test]
    fn all_three_body_spellings() {
        for body in [
            r#"{"error_code":"MMC.111070005","error_msg":"gone"}"#,
            r#"{"errorCode":"MMC.111070005","errorMsg":"gone"}"#,
            r#"{"code":"MMC.111070005","message":"gone"}"#,
        ] {
            let e = api_error(&resp(400, body));
            assert_eq!(e.kind(), ErrorKind::NotFound, "{body}");
            assert_eq!(e.code(), Some("MMC.111070005"));
            assert_eq!(e.message(), "gone");
            assert_eq!(e.request_id(), Some("8957e54c"));
            assert_eq!(e.vendor(), Some(Vendor::Huawei));
        }
    }

    #[test]
    fn lenient_about_missing_or_broken_bodies() {
        assert_eq!(api_error(&resp(401, "")).kind(), ErrorKind::Auth);
        assert_eq!(api_error(&resp(403, "<html>")).kind(), ErrorKind::PermissionDenied);
        assert_eq!(api_error(&resp(500, "{}")).kind(), ErrorKind::Api);
        assert_eq!(api_error(&resp(400, r#"{"error_code":100000429}"#)).kind(), ErrorKind::RateLimited);
    }
}
