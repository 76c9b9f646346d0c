//! Anything a conference handle can send with its control token: typed calls and a generic one.

use serde_json::Value;

use super::access_token::to_json;
use crate::encoding::{query_string, validate_api_path};
use crate::error::Error;
use crate::http::{HttpRequest, Method};

/// A meeting-control call on one conference: validates itself and becomes an unsigned request
/// (the handle adds `X-Conference-Authorization`).
pub trait HuaweiCall {
    /// The validated request for `conference_id`; an invalid-argument error naming the field otherwise.
    fn to_request(&self, conference_id: &str) -> Result<HttpRequest, Error>;

    /// Whether the handle sends it with the control token (all but `inviteWithPwd`).
    fn needs_control_token(&self) -> bool {
        true
    }
}

/// Any other `mmc/control` call: `conferenceID` is added to the query by the handle.
#[derive(Clone, PartialEq)]
pub struct GenericConferenceCall {
    /// The method.
    pub method: Method,
    /// The path (`/v1/mmc/control/conferences/participants/mute`).
    pub path: String,
    /// Query parameters besides `conferenceID` (e.g. `participantID`), percent-encoded by meetctl.
    pub query: Vec<(String, String)>,
    /// The JSON body.
    pub body: Option<Value>,
}

impl HuaweiCall for GenericConferenceCall {
    fn to_request(&self, conference_id: &str) -> Result<HttpRequest, Error> {
        validate_api_path(&self.path)?;
        if self.query.iter().any(|(k, _)| k.eq_ignore_ascii_case("conferenceID")) {
            return Err(Error::invalid("query", "conferenceID is set by the conference handle"));
        }
        let mut pairs: Vec<(&str, &str)> = vec![("conferenceID", conference_id)];
        pairs.extend(self.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let mut request = HttpRequest::new(self.method, self.path.clone());
        request.query = query_string(&pairs);
        if let Some(body) = &self.body {
            request.body = to_json(body)?;
        }
        Ok(request)
    }
}

impl std::fmt::Debug for GenericConferenceCall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::http::debug_generic_call(
            f,
            "GenericConferenceCall",
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
        let call = GenericConferenceCall {
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
