//! Set or revoke a co-host: `PUT /v1/real-control/meetings/{meetingId}/cohosts`.

use super::call::TencentCall;
use super::control::BorrowedControl;
use super::credentials::TencentCredentials;
use super::endpoints::TencentOperation;
use super::ids::TencentUser;
use crate::args::Args;
use crate::error::Error;
use crate::http::HttpRequest;

/// Makes `user` a co-host of the meeting (`action: true`) or takes the role away (`false`).
///
/// Enterprise (AK/SK) credentials only: the endpoint does not accept OAuth 2.0. A named form of
/// [`TencentControl`](super::TencentControl) with [`TencentOperation::SetCohost`] /
/// [`TencentOperation::RevokeCohost`].
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
        let operation =
            if self.action { TencentOperation::SetCohost } else { TencentOperation::RevokeCohost };
        let targets = [&self.user];
        BorrowedControl {
            operation,
            meeting_id: &self.meeting_id,
            operator: &self.operator,
            targets: &targets,
            args: &Args::new(),
        }
        .to_request(credentials)
    }
}
