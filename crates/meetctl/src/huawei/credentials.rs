//! Account-level authentication (App ID or account/password) and the conference-level kind.

use crate::encoding::{require_id, require_secret};
use crate::error::Error;
use crate::secret::Secret;

/// App ID authentication (`POST /v2/usg/acs/auth/appauth`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppIdAuth {
    /// The App ID.
    pub app_id: String,
    /// The App Key: signs the request, never sent.
    pub app_key: Secret,
    /// The user the token acts for; `None` is sent and signed as the empty string.
    pub user_id: Option<String>,
    /// The enterprise for a multi-tenant app; `Some` selects the multi-tenant signature.
    pub corp_id: Option<String>,
}

/// Account and password authentication (`POST /v1/usg/acs/auth/account`, HTTP Basic).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountPassword {
    /// The account name.
    pub account: String,
    /// The password.
    pub password: Secret,
}

/// How a Huawei client obtains an account-level access token (`X-Access-Token`), if at all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AccountAuth {
    /// No access token: conferences are controlled with their passwords or tokens alone.
    #[default]
    None,
    /// App ID authentication.
    AppId(AppIdAuth),
    /// Account and password.
    Account(AccountPassword),
}

impl AccountAuth {
    /// App ID authentication for `user_id` (single-tenant unless `corp_id` is given).
    pub fn app_id(
        app_id: impl Into<String>,
        app_key: impl Into<Secret>,
        user_id: Option<String>,
        corp_id: Option<String>,
    ) -> Self {
        AccountAuth::AppId(AppIdAuth { app_id: app_id.into(), app_key: app_key.into(), user_id, corp_id })
    }

    /// Account and password authentication.
    pub fn account(account: impl Into<String>, password: impl Into<Secret>) -> Self {
        AccountAuth::Account(AccountPassword { account: account.into(), password: password.into() })
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        match self {
            AccountAuth::None => {}
            AccountAuth::AppId(a) => {
                require_id("app_id", &a.app_id)?;
                require_secret("app_key", &a.app_key)?;
                if let Some(user_id) = &a.user_id {
                    require_no_colon("user_id", user_id)?;
                }
                if let Some(corp_id) = &a.corp_id {
                    require_no_colon("corp_id", corp_id)?;
                }
            }
            AccountAuth::Account(a) => {
                require_id("account", &a.account)?;
                if a.account.contains(':') {
                    return Err(Error::invalid(
                        "account",
                        "must not contain ':' (HTTP Basic separates with it)",
                    ));
                }
                require_secret("password", &a.password)?;
            }
        }
        Ok(())
    }
}

/// User and corp ids are joined with `:` in the signed string, so they may not hold one.
fn require_no_colon(field: &'static str, value: &str) -> Result<(), Error> {
    require_id(field, value)?;
    if value.contains(':') {
        return Err(Error::invalid(field, "must not contain ':'"));
    }
    Ok(())
}

/// How a conference handle gets its meeting control token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConferenceAuth {
    /// A control token the caller already has; used as is (only `X-Conference-Authorization` is
    /// sent), never refreshed.
    Token(Secret),
    /// The conference's host or guest password: the handle obtains the token itself, caches it,
    /// refreshes it before it expires, and once after a 401.
    Password(Secret),
}
