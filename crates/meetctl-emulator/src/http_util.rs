//! Small HTTP helpers shared by both vendors: headers, query strings, bodies, responses.

use axum::body::{Body, Bytes};
use axum::http::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use axum::http::{Response, StatusCode};
use percent_encoding::percent_decode_str;
use serde_json::Value;

/// The largest request body the emulator reads.
pub(crate) const MAX_BODY_BYTES: usize = 1 << 20;

/// Which API a path belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vendor {
    /// `/_emulator/...`
    Admin,
    /// `/v1/mmc...`, `/v1/usg...`, `/v2/usg...`, `/v2/mms...`
    Huawei,
    /// Everything else.
    Tencent,
}

/// The API `path` belongs to.
pub(crate) fn vendor_of(path: &str) -> Vendor {
    if path == "/_emulator" || path.starts_with("/_emulator/") {
        Vendor::Admin
    } else if ["/v1/mmc", "/v1/usg", "/v2/usg", "/v2/mms", "/cms/"].iter().any(|p| path.starts_with(p)) {
        Vendor::Huawei
    } else {
        Vendor::Tencent
    }
}

/// A request header as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderText<'a> {
    /// Not sent.
    Missing,
    /// Sent, but not visible ASCII / UTF-8.
    NotText,
    /// Sent.
    Text(&'a str),
}

/// Reads header `name` (case-insensitive) as text.
pub(crate) fn header<'a>(headers: &'a HeaderMap, name: &str) -> HeaderText<'a> {
    match headers.get(name) {
        None => HeaderText::Missing,
        Some(v) => match std::str::from_utf8(v.as_bytes()) {
            Ok(s) => HeaderText::Text(s),
            Err(_) => HeaderText::NotText,
        },
    }
}

/// Header `name` as text, or `None` when missing or not text.
pub(crate) fn header_opt<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    match header(headers, name) {
        HeaderText::Text(s) => Some(s),
        _ => None,
    }
}

/// Percent-decodes `s` (and, for query strings, `+` as a space); `None` if not UTF-8.
pub(crate) fn percent_decode(s: &str, plus_is_space: bool) -> Option<String> {
    let s = if plus_is_space {
        std::borrow::Cow::Owned(s.replace('+', " "))
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    percent_decode_str(&s).decode_utf8().ok().map(|c| c.into_owned())
}

/// The first value of query parameter `name`, decoded; `None` when absent or not UTF-8.
pub(crate) fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    let query = query?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if percent_decode(k, true).as_deref() == Some(name) { percent_decode(v, true) } else { None }
    })
}

/// The `index`-th `/`-separated segment of `path`, percent-decoded (`None` if missing or not UTF-8).
pub(crate) fn path_segment(path: &str, index: usize) -> Option<String> {
    let raw = path.split('/').nth(index)?;
    percent_decode(raw, false)
}

/// Reads a request body up to [`MAX_BODY_BYTES`].
pub(crate) async fn read_body(body: Body) -> Option<Bytes> {
    axum::body::to_bytes(body, MAX_BODY_BYTES).await.ok()
}

/// Parses a body as a JSON object: `Err` tells why it is not one.
pub(crate) fn json_object(body: &[u8]) -> Result<serde_json::Map<String, Value>, &'static str> {
    let text = std::str::from_utf8(body).map_err(|_| "request body is not valid UTF-8")?;
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("request body is not a JSON object"),
        Err(_) => Err("request body is not valid JSON"),
    }
}

/// A JSON response.
pub(crate) fn json_response(status: StatusCode, value: &Value) -> Response<Body> {
    raw_response(status, "application/json", value.to_string())
}

/// A response with a body of the given content type.
pub(crate) fn raw_response(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Body>,
) -> Response<Body> {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// `status` from a number, 500 when it is not a valid status.
pub(crate) fn status_or_500(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendors_by_path() {
        assert_eq!(vendor_of("/_emulator/state"), Vendor::Admin);
        assert_eq!(vendor_of("/v1/mmc/control/x"), Vendor::Huawei);
        assert_eq!(vendor_of("/v1/usg/acs/auth/account"), Vendor::Huawei);
        assert_eq!(vendor_of("/v2/usg/acs/auth/appauth"), Vendor::Huawei);
        assert_eq!(vendor_of("/v2/mms/ncms/conferences/online/check-callnumber-in-conf"), Vendor::Huawei);
        assert_eq!(vendor_of("/v1/meetings/1"), Vendor::Tencent);
        assert_eq!(vendor_of("/"), Vendor::Tencent);
    }

    #[test]
    fn query_params_are_decoded() {
        let q = Some("conferenceID=914%20083&participantID=a+b&flag");
        assert_eq!(query_param(q, "conferenceID").as_deref(), Some("914 083"));
        assert_eq!(query_param(q, "participantID").as_deref(), Some("a b"));
        assert_eq!(query_param(q, "flag").as_deref(), Some(""));
        assert_eq!(query_param(q, "missing"), None);
        assert_eq!(query_param(Some("x=%FF"), "x"), None);
        assert_eq!(query_param(None, "x"), None);
    }

    #[test]
    fn path_segments_are_decoded() {
        let p = "/v1/real-control/meetings/12%2F34/cohosts";
        assert_eq!(path_segment(p, 4).as_deref(), Some("12/34"));
        assert_eq!(path_segment(p, 9), None);
        assert_eq!(path_segment("/a/%FF", 2), None);
    }

    #[test]
    fn json_object_rejects_bad_bodies() {
        assert!(json_object(b"{\"a\":1}").is_ok());
        assert!(json_object(b"[1]").is_err());
        assert!(json_object(b"{").is_err());
        assert!(json_object(b"{\"a\":\"\xff\"}").is_err());
        assert!(json_object(b"").is_err());
    }
}
