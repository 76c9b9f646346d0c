//! Reading answers: what both vendors' response handling shares.

use serde_json::Value;

use crate::error::{Error, ErrorKind};
use crate::http::HttpResponse;

/// The JSON body of a 2xx answer (`Value::Null` when empty), or the vendor's error.
pub(crate) fn into_result(
    response: HttpResponse,
    api_error: fn(&HttpResponse) -> Error,
) -> Result<Value, Error> {
    if response.is_success() { json_body(&response.body) } else { Err(api_error(&response)) }
}

/// Parses a success body: empty is `Null`, anything else must be JSON.
pub(crate) fn json_body(body: &[u8]) -> Result<Value, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(body).map_err(|e| {
        Error::new(ErrorKind::MalformedResponse, "the response body is not valid JSON").with_source(e)
    })
}

/// The kind an HTTP status stands for when the body names no known code.
pub(crate) fn kind_from_status(status: u16) -> ErrorKind {
    match status {
        401 => ErrorKind::Auth,
        403 => ErrorKind::PermissionDenied,
        404 => ErrorKind::NotFound,
        429 => ErrorKind::RateLimited,
        _ => ErrorKind::Api,
    }
}

/// A field that vendors send as a number or a string, as text.
pub(crate) fn text_field(object: &Value, name: &str) -> Option<String> {
    match object.get(name)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A response with a request id, for the vendors' parsing tests.
#[cfg(test)]
pub(crate) fn test_response(status: u16, request_id: &str, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![("x-request-id".into(), request_id.into())],
        body: body.as_bytes().to_vec(),
    }
}
