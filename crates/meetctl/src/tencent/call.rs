//! Anything the Tencent client can sign and send: the typed calls and a generic one.

use serde_json::Value;

use super::credentials::TencentCredentials;
use crate::encoding::{query_string, validate_api_path};
use crate::error::Error;
use crate::http::{HttpRequest, Method};

/// A Tencent Meeting API call: validates itself and becomes an unsigned [`HttpRequest`].
///
/// Validation may depend on the credentials (some endpoints refuse OAuth 2.0), so they are given.
pub trait TencentCall {
    /// The validated, unsigned request; an invalid-argument error naming the field otherwise.
    fn to_request(&self, credentials: &TencentCredentials) -> Result<HttpRequest, Error>;
}

/// Any other Tencent endpoint: method, path, query pairs and an optional JSON body, signed like
/// the typed calls.
#[derive(Clone, PartialEq)]
pub struct GenericCall {
    /// The method.
    pub method: Method,
    /// The path, starting with `/` (`/v1/real-control/meetings/123/mutes`). Ids in it must already
    /// be percent-encoded; `?`, `#`, spaces and `..` segments are refused.
    pub path: String,
    /// Query parameters, percent-encoded by meetctl.
    pub query: Vec<(String, String)>,
    /// The JSON body, serialised once and signed as sent.
    pub body: Option<Value>,
}

impl TencentCall for GenericCall {
    fn to_request(&self, _credentials: &TencentCredentials) -> Result<HttpRequest, Error> {
        validate_api_path(&self.path)?;
        let mut request = HttpRequest::new(self.method, self.path.clone());
        request.query = query_string(&self.query);
        if let Some(body) = &self.body {
            request.body = serde_json::to_vec(body)
                .map_err(|_| Error::invalid("body", "cannot be serialised as JSON"))?;
        }
        Ok(request)
    }
}

impl std::fmt::Debug for GenericCall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::http::debug_generic_call(
            f,
            "GenericCall",
            self.method,
            &self.path,
            &self.query,
            self.body.as_ref(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_body_or_query_value() {
        let call = GenericCall {
            method: Method::Put,
            path: "/v1/x".into(),
            query: vec![("participantID".to_owned(), "pid-secret-ish".to_owned())],
            body: Some(serde_json::json!({"applyChair": 1, "chairmanPwd": "hunter2"})),
        };
        let shown = format!("{call:?}");
        assert!(!shown.contains("hunter2") && !shown.contains("pid-secret-ish"), "{shown}");
        assert!(shown.contains("participantID") && shown.contains("bytes"), "{shown}");
    }
}
