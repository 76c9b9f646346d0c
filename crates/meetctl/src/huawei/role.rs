//! Apply for or relinquish the host role (seed 002):
//! `PUT /v1/mmc/control/conferences/participants/role?conferenceID=..&participantID=..`.

use serde::Serialize;

use super::access_token::to_json;
use super::call::HuaweiCall;
use crate::encoding::{query_string, require_id, require_secret};
use crate::error::Error;
use crate::http::{HttpRequest, Method};
use crate::secret::Secret;

/// Makes a participant the host (with the chairman password) or gives the role up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostRole {
    /// The participant whose role changes.
    pub participant_id: String,
    /// `Some(chairman password)` to apply; `None` to relinquish (no password is sent).
    pub chairman_password: Option<Secret>,
}

impl HostRole {
    /// Apply for the host role with the chairman (host) password.
    pub fn apply(participant_id: impl Into<String>, chairman_password: impl Into<Secret>) -> Self {
        HostRole { participant_id: participant_id.into(), chairman_password: Some(chairman_password.into()) }
    }

    /// Give up the host role.
    pub fn relinquish(participant_id: impl Into<String>) -> Self {
        HostRole { participant_id: participant_id.into(), chairman_password: None }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RoleBody<'a> {
    apply_chair: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    chairman_pwd: Option<&'a str>,
}

impl HuaweiCall for HostRole {
    fn to_request(&self, conference_id: &str) -> Result<HttpRequest, Error> {
        require_id("participant_id", &self.participant_id)?;
        if let Some(password) = &self.chairman_password {
            require_secret("chairman_password", password)?;
        }
        let body = RoleBody {
            apply_chair: u8::from(self.chairman_password.is_some()),
            chairman_pwd: self.chairman_password.as_ref().map(Secret::expose),
        };
        let mut request = HttpRequest::new(Method::Put, "/v1/mmc/control/conferences/participants/role");
        request.query =
            query_string(&[("conferenceID", conference_id), ("participantID", self.participant_id.as_str())]);
        request.body = to_json(&body)?;
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn seed_002_bodies() {
        let apply =
            HostRole::apply("d2c3ae64216e11eabc510dc9b62e3a80", "157599").to_request("914083136").unwrap();
        assert_eq!(apply.body, br#"{"applyChair":1,"chairmanPwd":"157599"}"#);
        assert_eq!(
            apply.request_uri(),
            "/v1/mmc/control/conferences/participants/role?conferenceID=914083136&participantID=d2c3ae64216e11eabc510dc9b62e3a80"
        );
        let give_up =
            HostRole::relinquish("d2c3ae64216e11eabc510dc9b62e3a80").to_request("914083136").unwrap();
        assert_eq!(give_up.body, br#"{"applyChair":0}"#);
    }

    #[test]
    fn applying_needs_a_password() {
        let e = HostRole::apply("p", "").to_request("1").unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("chairman_password")));
        let e = HostRole::relinquish("").to_request("1").unwrap_err();
        assert_eq!(e.field(), Some("participant_id"));
    }
}
