//! Close a participant's video (seed 001): `PUT /v1/real-control/meetings/{meetingId}/video`.

use super::call::TencentCall;
use super::control::{control_body, meeting_path};
use super::credentials::TencentCredentials;
use super::ids::{IdKind, TencentUser, TencentUserId};
use crate::error::Error;
use crate::http::{HttpRequest, Method};

const OPERATOR_ACCEPTS: &[IdKind] = &[IdKind::OpenId, IdKind::MsOpenId, IdKind::Uuid];
const TARGET_ACCEPTS: &[IdKind] = &[IdKind::MsOpenId, IdKind::Uuid];

/// Turns off `user`'s camera. The operator must be the meeting's host or a co-host.
///
/// With OAuth 2.0 the app needs the `MANAGE_MEETING` scope, and an operator given by open id
/// must be the client's own open id.
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
        let path = meeting_path(&self.meeting_id, "video")?;
        self.operator.validate("operator", OPERATOR_ACCEPTS)?;
        if let TencentUserId::OpenId(open_id) = &self.operator.id {
            match credentials {
                TencentCredentials::OAuth(oauth) if oauth.open_id == *open_id => {}
                TencentCredentials::OAuth(_) => {
                    return Err(Error::invalid(
                        "operator.id",
                        "an openid operator must be this client's own open id",
                    ));
                }
                TencentCredentials::Enterprise(_) => {
                    return Err(Error::invalid(
                        "operator.id",
                        "an openid operator needs OAuth 2.0 credentials",
                    ));
                }
            }
        }
        self.user.validate("user", TARGET_ACCEPTS)?;
        let mut request = HttpRequest::new(Method::Put, path);
        request.body = control_body(&self.operator, &self.user, None);
        Ok(request)
    }
}
