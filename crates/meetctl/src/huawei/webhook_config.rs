//! The enterprise webhook's configuration, through the account's access token: set it
//! (`POST /v1/mmc/management/webhook/link-config`), remove it (`DELETE` the same path), enable or
//! disable it (`PUT /v1/mmc/management/webhook/change-status`). Reading it is the
//! [`HuaweiLookup::WebhookConfig`](super::HuaweiLookup::WebhookConfig) lookup
//! ([`HuaweiClient::webhook_config`]).
//!
//! The vendor's "Enabling Event Push" page (zh-cn_topic_0000001201082838) gives `id` and `status`
//! (0 enabled, 1 disabled, 2 locked) as query parameters; meetctl sends them there **and** as the
//! JSON body `{"id", "status"}` (what the emulator reads), so that either reading works. Enabling
//! makes the cloud post `meeting.verify` to the URL, which must answer it (a
//! [`HuaweiWebhook`](super::HuaweiWebhook) does) before the call returns.

use std::fmt;
use std::net::IpAddr;

use serde_json::{Map, Value, json};

use super::client::HuaweiClient;
use super::credentials::AccountAuth;
use crate::endpoint::push_pair;
use crate::error::Error;
use crate::http::{HttpRequest, Method};
use crate::secret::Secret;

const LINK_CONFIG: &str = "/v1/mmc/management/webhook/link-config";
const CHANGE_STATUS: &str = "/v1/mmc/management/webhook/change-status";

/// What [`HuaweiClient::set_webhook_config`] sets. `Debug` hides the key.
#[derive(Clone)]
pub struct HuaweiWebhookSettings {
    /// The subscriber id: the `appID` of every delivery (1 to 256 characters).
    pub subscriber_id: String,
    /// The subscriber key deliveries are signed with (1 to 256 characters).
    pub subscriber_key: Secret,
    /// Where events are pushed: `https://…`, or `http://` to a loopback host (tests).
    pub url: String,
    /// The enterprise (`corpId`), for an enterprise's subscription.
    pub corp_id: Option<String>,
    /// The SP (`spId`), for an SP's subscription (multi-tenant).
    pub sp_id: Option<String>,
}

impl fmt::Debug for HuaweiWebhookSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HuaweiWebhookSettings")
            .field("subscriber_id", &self.subscriber_id)
            .field("subscriber_key", &self.subscriber_key)
            .field("url", &self.url)
            .field("corp_id", &self.corp_id)
            .field("sp_id", &self.sp_id)
            .finish()
    }
}

impl HuaweiWebhookSettings {
    /// Checks every field; an invalid-argument error names the first wrong one.
    pub fn validate(&self) -> Result<(), Error> {
        check_text("subscriber_id", &self.subscriber_id, 256)?;
        check_text("subscriber_key", self.subscriber_key.expose(), 256)?;
        check_url(&self.url)?;
        check_scope(self.corp_id.as_deref(), self.sp_id.as_deref())
    }
}

/// An invalid-argument error naming `field` unless `text` is 1 to `max` characters without
/// control characters (the message never repeats the text).
fn check_text(field: &'static str, text: &str, max: usize) -> Result<(), Error> {
    if text.is_empty() || text.chars().count() > max || text.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            format!("must be 1 to {max} characters without control characters"),
        ));
    }
    Ok(())
}

fn check_scope(corp_id: Option<&str>, sp_id: Option<&str>) -> Result<(), Error> {
    if let Some(corp) = corp_id {
        check_text("corp_id", corp, 64)?;
    }
    if let Some(sp) = sp_id {
        check_text("sp_id", sp, 64)?;
    }
    Ok(())
}

/// `https://host…`, or `http://` to a loopback host (`localhost`, 127.0.0.0/8, `::1`).
fn check_url(url: &str) -> Result<(), Error> {
    let bad = |why: &'static str| Error::invalid("url", why);
    if url.len() > 2048 || url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(bad("must be a URL of at most 2048 characters without spaces"));
    }
    let lower = url.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    let (https, rest) = if lower.starts_with("https://") {
        (true, &url[8..])
    } else if lower.starts_with("http://") {
        (false, &url[7..])
    } else {
        return Err(bad("must be an https:// URL (or http:// to a loopback host)"));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    if host.is_empty() {
        return Err(bad("has no host"));
    }
    let loopback =
        host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if !https && !loopback {
        return Err(bad("must be https:// (http:// only to a loopback host)"));
    }
    Ok(())
}

fn needs_account(client: &HuaweiClient, what: &str) -> Result<(), Error> {
    if client.inner.auth == AccountAuth::None {
        return Err(Error::invalid(
            "auth",
            format!("{what} needs account authentication (an app id or an account)"),
        ));
    }
    Ok(())
}

/// `?corpId=…&spId=…` for those given.
fn scope_query(request: &mut HttpRequest, corp_id: Option<&str>, sp_id: Option<&str>) {
    if let Some(corp) = corp_id {
        push_pair(&mut request.query, "corpId", corp);
    }
    if let Some(sp) = sp_id {
        push_pair(&mut request.query, "spId", sp);
    }
}

impl HuaweiClient {
    /// Sets the enterprise webhook (`POST …/webhook/link-config`): where events are pushed and
    /// the subscriber id and key they are signed with. Every field is checked before anything is
    /// sent. The vendor keeps it disabled until [`set_webhook_status`](Self::set_webhook_status)
    /// enables it.
    pub fn set_webhook_config(&self, settings: &HuaweiWebhookSettings) -> Result<(), Error> {
        settings.validate()?;
        needs_account(self, "set_webhook_config")?;
        let mut body = Map::new();
        if let Some(corp) = &settings.corp_id {
            body.insert("corpId".into(), json!(corp));
        }
        if let Some(sp) = &settings.sp_id {
            body.insert("spId".into(), json!(sp));
        }
        body.insert("subscriberId".into(), json!(settings.subscriber_id));
        body.insert("subscriberKey".into(), json!(settings.subscriber_key.expose()));
        body.insert("url".into(), json!(settings.url));
        let mut request = HttpRequest::new(Method::Post, LINK_CONFIG);
        request.body = Value::Object(body).to_string().into_bytes();
        self.with_access_token(request).map(drop)
    }

    /// Removes the enterprise webhook (`DELETE …/webhook/link-config`; `corp_id` / `sp_id` as for
    /// [`webhook_config`](Self::webhook_config)).
    pub fn delete_webhook_config(&self, corp_id: Option<&str>, sp_id: Option<&str>) -> Result<(), Error> {
        check_scope(corp_id, sp_id)?;
        needs_account(self, "delete_webhook_config")?;
        let mut request = HttpRequest::new(Method::Delete, LINK_CONFIG);
        request.safe_to_repeat = true;
        scope_query(&mut request, corp_id, sp_id);
        self.with_access_token(request).map(drop)
    }

    /// Enables or disables the webhook configuration `config_id` (its
    /// [`id`](super::HuaweiWebhookConfig::id)) with `PUT …/webhook/change-status`: status 0
    /// (enabled) or 1 (disabled). Enabling makes the cloud post `meeting.verify` to the URL first.
    pub fn set_webhook_status(&self, config_id: &str, enabled: bool) -> Result<(), Error> {
        check_text("config_id", config_id, 128)?;
        needs_account(self, "set_webhook_status")?;
        let status: i64 = if enabled { 0 } else { 1 };
        let mut request = HttpRequest::new(Method::Put, CHANGE_STATUS);
        request.safe_to_repeat = true;
        push_pair(&mut request.query, "id", config_id);
        push_pair(&mut request.query, "status", if enabled { "0" } else { "1" });
        request.body = json!({"id": config_id, "status": status}).to_string().into_bytes();
        self.with_access_token(request).map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_https_or_loopback_http() {
        for good in [
            "https://hooks.example.com/huawei",
            "HTTPS://example.com",
            "http://127.0.0.1:8080/hook",
            "http://localhost/hook",
            "http://[::1]:9/x",
            "http://user@127.0.0.2/",
        ] {
            assert!(check_url(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "http://example.com/hook",
            "http://127.0.0.1.example.com/",
            "ftp://127.0.0.1/",
            "https://",
            "https://a b",
            "http://evil@example.com",
            "127.0.0.1",
        ] {
            assert_eq!(check_url(bad).unwrap_err().field(), Some("url"), "{bad}");
        }
    }

    #[test]
    fn settings_name_the_wrong_field_and_hide_the_key() {
        let good = HuaweiWebhookSettings {
            subscriber_id: "sub-1".into(),
            subscriber_key: Secret::new("key-do-not-print"),
            url: "https://example.com/hook".into(),
            corp_id: None,
            sp_id: None,
        };
        assert!(good.validate().is_ok());
        let field = |s: HuaweiWebhookSettings| s.validate().unwrap_err().field().map(str::to_owned);
        assert_eq!(
            field(HuaweiWebhookSettings { subscriber_id: String::new(), ..good.clone() }).as_deref(),
            Some("subscriber_id")
        );
        assert_eq!(
            field(HuaweiWebhookSettings { subscriber_key: Secret::new(""), ..good.clone() }).as_deref(),
            Some("subscriber_key")
        );
        assert_eq!(
            field(HuaweiWebhookSettings { url: "http://example.com".into(), ..good.clone() }).as_deref(),
            Some("url")
        );
        assert_eq!(
            field(HuaweiWebhookSettings { corp_id: Some(String::new()), ..good.clone() }).as_deref(),
            Some("corp_id")
        );
        assert!(!format!("{good:?}").contains("do-not-print"));
    }
}
