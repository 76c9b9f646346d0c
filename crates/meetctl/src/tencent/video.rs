//! Close a participant's video: `PUT /v1/real-control/meetings/{meetingId}/video`.

use super::call::TencentCall;
use super::control::TencentControl;
use super::credentials::TencentCredentials;
use super::endpoints::TencentOperation;
use super::ids::TencentUser;
use crate::error::Error;
use crate::http::HttpRequest;

/// Turns off `user`'s camera. The operator must be the meeting's host or a co-host.
///
/// With OAuth 2.0 the app needs the `MANAGE_MEETING` scope, and an operator given by open id
/// must be the client's own open id. A named form of [`TencentControl`] with
/// [`TencentOperation::CloseVideo`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseVideo {
    /// The meeting id (for a recurring meeting, the parent meeting's id).
    pub meeting_id: String,
    /// Who closes the video: by openid (OAuth only), ms_open_id or uuid, on their device.
    pub operator: TencentUser,
    /// Whose video closes: by ms_open_id or uuid, on the device they are really on.
    pub user: TencentUser,
}

impl CloseVideo {
    /// A request to close `user`'s video.
    pub fn new(meeting_id: impl Into<String>, operator: TencentUser, user: TencentUser) -> Self {
        CloseVideo { meeting_id: meeting_id.into(), operator, user }
    }
}

impl TencentCall for CloseVideo {
    fn to_request(&self, credentials: &TencentCredentials) -> Result<HttpRequest, Error> {
        TencentControl::new(TencentOperation::CloseVideo, self.meeting_id.clone(), self.operator.clone())
            .target(self.user.clone())
            .to_request(credentials)
    }
}
