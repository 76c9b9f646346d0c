//! The two ways a Tencent Meeting app authenticates.

use crate::encoding::{require_id, require_secret};
use crate::error::Error;
use crate::secret::Secret;

/// Credentials of an enterprise self-built app (AK/SK): every request is signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnterpriseCredentials {
    /// The enterprise id, sent as `AppId`.
    pub app_id: String,
    /// The SecretId, sent as `X-TC-Key`.
    pub secret_id: String,
    /// The SecretKey: signs requests and is never sent.
    pub secret_key: Secret,
    /// The SdkId, only when one was assigned (the header is left out otherwise).
    pub sdk_id: Option<String>,
}

/// Credentials of an OAuth 2.0 app acting for one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthCredentials {
    /// The user's open id, sent as `OpenId`.
    pub open_id: String,
    /// The access token, sent as `AccessToken`.
    pub access_token: Secret,
}

/// How a Tencent client authenticates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TencentCredentials {
    /// Enterprise self-built app (AK/SK signature).
    Enterprise(EnterpriseCredentials),
    /// OAuth 2.0 (access token and open id).
    OAuth(OAuthCredentials),
}

impl TencentCredentials {
    /// Enterprise self-built app credentials.
    pub fn enterprise(
        app_id: impl Into<String>,
        secret_id: impl Into<String>,
        secret_key: impl Into<Secret>,
        sdk_id: Option<String>,
    ) -> Self {
        TencentCredentials::Enterprise(EnterpriseCredentials {
            app_id: app_id.into(),
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            sdk_id,
        })
    }

    /// OAuth 2.0 credentials.
    pub fn oauth(open_id: impl Into<String>, access_token: impl Into<Secret>) -> Self {
        TencentCredentials::OAuth(OAuthCredentials {
            open_id: open_id.into(),
            access_token: access_token.into(),
        })
    }

    /// Checks every part is present and can go into a header.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        match self {
            TencentCredentials::Enterprise(c) => {
                require_id("app_id", &c.app_id)?;
                require_id("secret_id", &c.secret_id)?;
                require_secret("secret_key", &c.secret_key)?;
                if let Some(sdk_id) = &c.sdk_id {
                    require_id("sdk_id", sdk_id)?;
                }
            }
            TencentCredentials::OAuth(c) => {
                require_id("open_id", &c.open_id)?;
                require_secret("access_token", &c.access_token)?;
            }
        }
        Ok(())
    }
}
