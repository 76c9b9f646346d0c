//! Set or revoke a co-host (seed 000): `PUT /v1/real-control/meetings/{meetingId}/cohosts`.

use super::call::TencentCall;
use super::control::{control_body, meeting_path};
use super::credentials::TencentCredentials;
use super::ids::{IdKind, TencentUser};
use crate::error::Error;
use crate::http::{HttpRequest, Method};

/// Id kinds the cohosts endpoint accepts, for the operator and the target alike.
const ACCEPTED: &[IdKind] = &[IdKind::MsOpenId, IdKind::Uuid];

/// Makes `user` a co-host of the meeting (`action: true`) or takes the role away (`false`).
///
/// Enterprise (AK/SK) credentials only: the endpoint does not accept OAuth 2.0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetCohost {
    /// The meeting id (for a recurring meeting, the parent meeting's id).
    pub meeting_id: String,
    /// Who performs the change: a host or co-host, by ms_open_id or uuid, on their device.
    pub operator: TencentUser,
    /// Whose role changes, by ms_open_id or uuid, on the device they are really on.
    pub user: TencentUser,
    /// `true` to set, `false` to revoke.
    pub action: bool,
}

impl SetCohost {
    /// A request to set (`action = true`) or revoke (`false`) a co-host.
    pub fn new(
        meeting_id: impl Into<String>,
        operator: TencentUser,
        user: TencentUser,
        action: bool,
    ) -> Self {
        SetCohost { meeting_id: meeting_id.into(), operator, user, action }
    }
}

impl TencentCall for SetCohost {
    fn to_request(&self, credentials: &TencentCredentials) -> Result<HttpRequest, Error> {
        if matches!(credentials, TencentCredentials::OAuth(_)) {
            return Err(Error::invalid(
                "credentials",
                "the cohosts API does not accept OAuth 2.0; use enterprise (AK/SK) credentials",
            ));
        }
        let path = meeting_path(&self.meeting_id, "cohosts")?;
        self.operator.validate("operator", ACCEPTED)?;
        self.user.validate("user", ACCEPTED)?;
        let mut request = HttpRequest::new(Method::Put, path);
        request.body = control_body(&self.operator, &self.user, Some(self.action));
        Ok(request)
    }
}
