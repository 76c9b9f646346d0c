//! Apply for or relinquish the host role:
//! `PUT /v1/mmc/control/conferences/participants/role?conferenceID=..&participantID=..`.

use super::call::HuaweiCall;
use super::control::ConferenceControl;
use super::endpoints::HuaweiOperation;
use crate::args::Args;
use crate::error::Error;
use crate::http::HttpRequest;
use crate::secret::Secret;

/// Makes a participant the host (with the chairman password) or gives the role up. A named form
/// of [`ConferenceControl`] with [`HuaweiOperation::ApplyHost`] / [`HuaweiOperation::RelinquishHost`].
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

impl HuaweiCall for HostRole {
    fn to_request(&self, conference_id: &str) -> Result<HttpRequest, Error> {
        let control = match &self.chairman_password {
            Some(password) => ConferenceControl::new(HuaweiOperation::ApplyHost)
                .args(Args::new().with("chairman_password", password.expose())),
            None => ConferenceControl::new(HuaweiOperation::RelinquishHost),
        };
        control.participant(self.participant_id.clone()).to_request(conference_id)
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
