//! The settings a command runs with: credentials and endpoints, from the environment over the
//! config file's profile (never from flags: argv shows in `ps`).
//!
//! Each setting has a key in the profile's vendor table and, for most, an environment variable
//! ([`KEYS`]); a variable that is set and not empty wins over the file. Which credentials are
//! used follows from which keys are set: Tencent AK/SK (`app_id`, `secret_id`, `secret_key`,
//! `sdk_id`) or OAuth 2.0 (`open_id`, `access_token`); Huawei App ID (`app_id`, `app_key`,
//! `user_id`, `corp_id`), account (`account`, `password`) or none, and for the conference a
//! `conference_password` or a `control_token`. Setting both kinds of one choice is an error
//! rather than a guess.

use std::path::{Path, PathBuf};
use std::time::Duration;

use meetctl::huawei::{AccountAuth, ConferenceAuth, Region};
use meetctl::tencent::TencentCredentials;
use meetctl::{ClientConfig, Error, Secret};

use crate::config_file::{self, ConfigFile, ProfileSection, Setting};
use crate::failure::{self, RunFailure};

/// A vendor table of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    /// `[profiles.NAME.tencent]`.
    Tencent,
    /// `[profiles.NAME.huawei]`.
    Huawei,
}

impl Table {
    /// The table's name (`tencent`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Table::Tencent => "tencent",
            Table::Huawei => "huawei",
        }
    }
}

/// One setting: its key in the vendor table, its environment variable, whether it is a secret.
#[derive(Debug)]
pub(crate) struct Key {
    /// The vendor table it belongs to.
    pub(crate) table: Table,
    /// The key in the table.
    pub(crate) name: &'static str,
    /// The environment variable, when there is one.
    pub(crate) env: Option<&'static str>,
    /// Whether it is a secret (never a flag; the file holding it must be private).
    pub(crate) secret: bool,
    /// What it is, for help texts and errors.
    pub(crate) what: &'static str,
}

const fn key(
    table: Table,
    name: &'static str,
    env: Option<&'static str>,
    secret: bool,
    what: &'static str,
) -> Key {
    Key { table, name, env, secret, what }
}

/// Every setting a profile's vendor tables may hold.
pub(crate) const KEYS: &[Key] = &[
    key(Table::Tencent, "app_id", Some("MEETCTL_TENCENT_APP_ID"), false, "the enterprise id (AppId)"),
    key(Table::Tencent, "secret_id", Some("MEETCTL_TENCENT_SECRET_ID"), false, "the SecretId (X-TC-Key)"),
    key(Table::Tencent, "secret_key", Some("MEETCTL_TENCENT_SECRET_KEY"), true, "the SecretKey"),
    key(Table::Tencent, "sdk_id", Some("MEETCTL_TENCENT_SDK_ID"), false, "the SdkId, when one was assigned"),
    key(Table::Tencent, "open_id", Some("MEETCTL_TENCENT_OPEN_ID"), false, "the OAuth 2.0 user's open id"),
    key(
        Table::Tencent,
        "access_token",
        Some("MEETCTL_TENCENT_ACCESS_TOKEN"),
        true,
        "the OAuth 2.0 access token",
    ),
    key(Table::Tencent, "base_url", None, false, "where Tencent requests go"),
    key(
        Table::Tencent,
        "webhook_token",
        Some("MEETCTL_TENCENT_WEBHOOK_TOKEN"),
        true,
        "the event subscription's Token (meetctl events)",
    ),
    key(
        Table::Tencent,
        "webhook_aes_key",
        Some("MEETCTL_TENCENT_WEBHOOK_AES_KEY"),
        true,
        "the event subscription's EncodingAESKey, when it encrypts (meetctl events)",
    ),
    key(
        Table::Huawei,
        "region",
        Some("MEETCTL_HUAWEI_REGION"),
        false,
        "cn-north-4 (default) or ap-southeast-1",
    ),
    key(Table::Huawei, "app_id", Some("MEETCTL_HUAWEI_APP_ID"), false, "the App ID"),
    key(Table::Huawei, "app_key", Some("MEETCTL_HUAWEI_APP_KEY"), true, "the App Key"),
    key(Table::Huawei, "user_id", Some("MEETCTL_HUAWEI_USER_ID"), false, "the user an App ID token acts for"),
    key(
        Table::Huawei,
        "corp_id",
        Some("MEETCTL_HUAWEI_CORP_ID"),
        false,
        "the enterprise of a multi-tenant app",
    ),
    key(Table::Huawei, "account", Some("MEETCTL_HUAWEI_ACCOUNT"), false, "the account name"),
    key(Table::Huawei, "password", Some("MEETCTL_HUAWEI_PASSWORD"), true, "the account's password"),
    key(
        Table::Huawei,
        "conference_password",
        Some("MEETCTL_HUAWEI_CONFERENCE_PASSWORD"),
        true,
        "the conference's host or guest password",
    ),
    key(
        Table::Huawei,
        "control_token",
        Some("MEETCTL_HUAWEI_CONTROL_TOKEN"),
        true,
        "a meeting control token you already hold",
    ),
    key(
        Table::Huawei,
        "chairman_password",
        Some("MEETCTL_HUAWEI_CHAIRMAN_PASSWORD"),
        true,
        "the host (chairman) password `huawei apply-host` sends",
    ),
    key(
        Table::Huawei,
        "webhook_subscriber_id",
        Some("MEETCTL_HUAWEI_WEBHOOK_SUBSCRIBER_ID"),
        false,
        "the event push's subscriber ID, its appID (meetctl events huawei --listen)",
    ),
    key(
        Table::Huawei,
        "webhook_subscriber_key",
        Some("MEETCTL_HUAWEI_WEBHOOK_SUBSCRIBER_KEY"),
        true,
        "the event push's subscriber key, which signs each event (meetctl events huawei --listen)",
    ),
    key(Table::Huawei, "base_url", None, false, "where Huawei requests go"),
];

/// The key `name` of `table`.
fn find_key(table: Table, name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.table == table && k.name == name)
}

/// The environment variable of `name` in `table`, when it has one.
pub(crate) fn env_var(table: Table, name: &str) -> Option<&'static str> {
    find_key(table, name).and_then(|k| k.env)
}

/// Whether `key` of the table named `table` holds a secret.
pub(crate) fn is_secret_key(table: &str, key: &str) -> bool {
    KEYS.iter().any(|k| k.table.name() == table && k.name == key && k.secret)
}

/// A setting's value and where it came from.
struct Sourced {
    value: String,
    from: String,
}

/// The profile a command runs with.
#[derive(Debug)]
pub(crate) struct Profile {
    name: String,
    /// The config file read, if any.
    file: Option<PathBuf>,
    /// Where the config file was looked for (for messages when there is none).
    searched: Option<PathBuf>,
    section: ProfileSection,
}

impl Profile {
    /// Loads the profile `name` (default `default`) of the config file `config` (default path
    /// when `None`). A profile named explicitly must exist.
    pub(crate) fn load(name: Option<&str>, config: Option<&Path>) -> Result<Profile, RunFailure> {
        let file = config_file::load(config, is_secret_key)?;
        let searched = config.map(Path::to_path_buf).or_else(config_file::default_path);
        let profile_name = name.unwrap_or("default").to_owned();
        let Some(ConfigFile { path, profiles }) = file else {
            if let Some(name) = name {
                let looked = searched.as_ref().map_or_else(
                    || "no config file: neither XDG_CONFIG_HOME nor HOME is set".to_owned(),
                    |p| format!("there is no config file at {}", p.display()),
                );
                return Err(RunFailure::usage(format!("profile `{name}` was asked for, but {looked}")));
            }
            return Ok(Profile {
                name: profile_name,
                file: None,
                searched,
                section: ProfileSection::default(),
            });
        };
        for (profile, section) in &profiles {
            for (table, settings) in [(Table::Tencent, &section.tencent), (Table::Huawei, &section.huawei)] {
                if let Some(unknown) = settings.keys().find(|k| find_key(table, k).is_none()) {
                    let known: Vec<&str> = KEYS.iter().filter(|k| k.table == table).map(|k| k.name).collect();
                    return Err(RunFailure::usage(format!(
                        "unknown key `{unknown}` under [profiles.{profile}.{}] in {}; known keys: {}",
                        table.name(),
                        path.display(),
                        known.join(", ")
                    )));
                }
            }
        }
        let section = match profiles.get(&profile_name) {
            Some(section) => section.clone(),
            None if name.is_none() => ProfileSection::default(),
            None => {
                let names: Vec<&str> = profiles.keys().map(String::as_str).collect();
                return Err(RunFailure::usage(format!(
                    "profile `{profile_name}` is not in {} (profiles there: {})",
                    path.display(),
                    if names.is_empty() { "none".to_owned() } else { names.join(", ") }
                )));
            }
        };
        Ok(Profile { name: profile_name, file: Some(path), searched, section })
    }

    fn settings(&self, table: Table) -> &std::collections::BTreeMap<String, Setting> {
        match table {
            Table::Tencent => &self.section.tencent,
            Table::Huawei => &self.section.huawei,
        }
    }

    /// Where `key` may be set, for messages: `MEETCTL_X or `key` under [profiles.P.table] in FILE`.
    pub(crate) fn where_to_set(&self, table: Table, name: &str) -> String {
        let file = self
            .file
            .as_ref()
            .or(self.searched.as_ref())
            .map_or_else(|| "the config file".to_owned(), |p| p.display().to_string());
        let in_file = format!("`{name}` under [profiles.{}.{}] in {file}", self.name, table.name());
        match find_key(table, name).and_then(|k| k.env) {
            Some(env) => format!("{env} or {in_file}"),
            None => in_file,
        }
    }

    /// The value of `name` in `table`: its environment variable when set and not empty, else the
    /// profile's key.
    fn get(&self, table: Table, name: &str) -> Result<Option<Sourced>, RunFailure> {
        if let Some(env) = find_key(table, name).and_then(|k| k.env) {
            match std::env::var(env) {
                Ok(value) if !value.is_empty() => return Ok(Some(Sourced { value, from: env.to_owned() })),
                Ok(_) | Err(std::env::VarError::NotPresent) => {}
                Err(std::env::VarError::NotUnicode(_)) => {
                    return Err(RunFailure::usage(format!("{env} is not valid UTF-8")));
                }
            }
        }
        Ok(self.settings(table).get(name).map(|setting| Sourced {
            value: setting.text(),
            from: format!("`{name}` under [profiles.{}.{}]", self.name, table.name()),
        }))
    }

    /// Whether any credential setting of `table` is set (in the environment or the profile):
    /// every key but the endpoint, the region and a secret argument (the chairman password).
    pub(crate) fn configured(&self, table: Table) -> Result<bool, RunFailure> {
        for key in KEYS.iter().filter(|k| k.table == table) {
            if matches!(
                key.name,
                "base_url"
                    | "region"
                    | "chairman_password"
                    | "webhook_token"
                    | "webhook_aes_key"
                    | "webhook_subscriber_id"
                    | "webhook_subscriber_key"
            ) {
                continue;
            }
            if self.get(table, key.name)?.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The values of `names` that are set, with their names.
    fn get_all(
        &self,
        table: Table,
        names: &[&'static str],
    ) -> Result<Vec<(&'static str, Sourced)>, RunFailure> {
        let mut found = Vec::new();
        for &name in names {
            if let Some(value) = self.get(table, name)? {
                found.push((name, value));
            }
        }
        Ok(found)
    }

    /// Takes the keys `names` from `found`, all required: an error naming where to set a missing one.
    fn require(
        &self,
        table: Table,
        what: &str,
        found: &mut Vec<(&'static str, Sourced)>,
        name: &'static str,
    ) -> Result<String, RunFailure> {
        match found.iter().position(|(n, _)| *n == name) {
            Some(at) => Ok(found.remove(at).1.value),
            None => Err(RunFailure::usage(format!(
                "{what} credentials are incomplete: {name} is missing; set {}",
                self.where_to_set(table, name)
            ))),
        }
    }

    /// The Tencent credentials: AK/SK or OAuth 2.0, whichever is set.
    pub(crate) fn tencent_credentials(&self) -> Result<TencentCredentials, RunFailure> {
        const ENTERPRISE: &[&str] = &["app_id", "secret_id", "secret_key", "sdk_id"];
        const OAUTH: &[&str] = &["open_id", "access_token"];
        let t = Table::Tencent;
        let mut enterprise = self.get_all(t, ENTERPRISE)?;
        let mut oauth = self.get_all(t, OAUTH)?;
        match (enterprise.is_empty(), oauth.is_empty()) {
            (false, false) => Err(ambiguous("Tencent", "AK/SK", &enterprise, "OAuth 2.0", &oauth)),
            (true, true) => Err(RunFailure::usage(format!(
                "no Tencent credentials: set MEETCTL_TENCENT_APP_ID, MEETCTL_TENCENT_SECRET_ID and \
                 MEETCTL_TENCENT_SECRET_KEY (AK/SK; MEETCTL_TENCENT_SDK_ID too when one was assigned), \
                 or MEETCTL_TENCENT_OPEN_ID and MEETCTL_TENCENT_ACCESS_TOKEN (OAuth 2.0); or the same \
                 keys in lowercase under [profiles.{}.tencent] in {}",
                self.name,
                self.file_name()
            ))),
            (false, true) => {
                let app_id = self.require(t, "Tencent AK/SK", &mut enterprise, "app_id")?;
                let secret_id = self.require(t, "Tencent AK/SK", &mut enterprise, "secret_id")?;
                let secret_key =
                    Secret::new(self.require(t, "Tencent AK/SK", &mut enterprise, "secret_key")?);
                let sdk_id = enterprise.pop().map(|(_, s)| s.value);
                Ok(TencentCredentials::enterprise(app_id, secret_id, secret_key, sdk_id))
            }
            (true, false) => {
                let open_id = self.require(t, "Tencent OAuth 2.0", &mut oauth, "open_id")?;
                let token = Secret::new(self.require(t, "Tencent OAuth 2.0", &mut oauth, "access_token")?);
                Ok(TencentCredentials::oauth(open_id, token))
            }
        }
    }

    /// The Tencent event subscription's verifier: its Token and, when set, its EncodingAESKey.
    pub(crate) fn tencent_webhook(&self) -> Result<meetctl::tencent::webhook::TencentWebhook, RunFailure> {
        let t = Table::Tencent;
        let token = self.get(t, "webhook_token")?.ok_or_else(|| {
            RunFailure::usage(format!(
                "no event subscription Token: set MEETCTL_TENCENT_WEBHOOK_TOKEN (and \
                 MEETCTL_TENCENT_WEBHOOK_AES_KEY when the subscription encrypts), or webhook_token under \
                 [profiles.{}.tencent] in {}",
                self.name,
                self.file_name()
            ))
        })?;
        let key = self.get(t, "webhook_aes_key")?.map(|k| Secret::new(k.value));
        meetctl::tencent::webhook::TencentWebhook::new(Secret::new(token.value), key)
            .map_err(|e| RunFailure::usage(format!("the event subscription settings: {e}")))
    }

    /// The Huawei event push's verifier (subscriber ID and key), for `meetctl events huawei`.
    pub(crate) fn huawei_webhook(&self) -> Result<meetctl::huawei::HuaweiWebhook, RunFailure> {
        let h = Table::Huawei;
        let missing = || {
            RunFailure::usage(format!(
                "no event push subscriber: set MEETCTL_HUAWEI_WEBHOOK_SUBSCRIBER_ID and \
                 MEETCTL_HUAWEI_WEBHOOK_SUBSCRIBER_KEY, or webhook_subscriber_id / webhook_subscriber_key \
                 under [profiles.{}.huawei] in {}",
                self.name,
                self.file_name()
            ))
        };
        let id = self.get(h, "webhook_subscriber_id")?.ok_or_else(missing)?;
        let key = self.get(h, "webhook_subscriber_key")?.ok_or_else(missing)?;
        meetctl::huawei::HuaweiWebhook::new(id.value, Secret::new(key.value))
            .map_err(|e| RunFailure::usage(format!("the event push settings: {e}")))
    }

    /// The Huawei account authentication: App ID, account and password, or none.
    pub(crate) fn huawei_account(&self) -> Result<AccountAuth, RunFailure> {
        const APP: &[&str] = &["app_id", "app_key", "user_id", "corp_id"];
        const ACCOUNT: &[&str] = &["account", "password"];
        let h = Table::Huawei;
        let mut app = self.get_all(h, APP)?;
        let mut account = self.get_all(h, ACCOUNT)?;
        match (app.is_empty(), account.is_empty()) {
            (false, false) => Err(ambiguous("Huawei", "App ID", &app, "account", &account)),
            (true, true) => Ok(AccountAuth::None),
            (false, true) => {
                let app_id = self.require(h, "Huawei App ID", &mut app, "app_id")?;
                let app_key = Secret::new(self.require(h, "Huawei App ID", &mut app, "app_key")?);
                let take = |app: &mut Vec<(&'static str, Sourced)>, name: &str| {
                    app.iter().position(|(n, _)| *n == name).map(|at| app.remove(at).1.value)
                };
                let user_id = take(&mut app, "user_id");
                let corp_id = take(&mut app, "corp_id");
                Ok(AccountAuth::app_id(app_id, app_key, user_id, corp_id))
            }
            (true, false) => {
                let name = self.require(h, "Huawei account", &mut account, "account")?;
                let password = Secret::new(self.require(h, "Huawei account", &mut account, "password")?);
                Ok(AccountAuth::account(name, password))
            }
        }
    }

    /// How a conference handle gets its control token: the conference password or a token.
    pub(crate) fn conference_auth(&self) -> Result<ConferenceAuth, RunFailure> {
        let h = Table::Huawei;
        let password = self.get(h, "conference_password")?;
        let token = self.get(h, "control_token")?;
        match (password, token) {
            (Some(p), Some(t)) => Err(RunFailure::usage(format!(
                "Huawei conference credentials are ambiguous: conference_password (from {}) and \
                 control_token (from {}) are both set; keep one",
                p.from, t.from
            ))),
            (Some(p), None) => Ok(ConferenceAuth::Password(Secret::new(p.value))),
            (None, Some(t)) => Ok(ConferenceAuth::Token(Secret::new(t.value))),
            (None, None) => Err(RunFailure::usage(format!(
                "no conference credentials: set the conference's host or guest password as {} \
                 (or a control token as {})",
                self.where_to_set(h, "conference_password"),
                self.where_to_set(h, "control_token")
            ))),
        }
    }

    /// The Huawei region (default `cn-north-4`).
    pub(crate) fn region(&self) -> Result<Region, RunFailure> {
        match self.get(Table::Huawei, "region")? {
            None => Ok(Region::default()),
            Some(region) => region.value.parse().map_err(|e: Error| {
                RunFailure::usage(format!("region (from {}): {}", region.from, e.message()))
            }),
        }
    }

    /// A secret argument of a Huawei operation (`chairman_password`): from its environment
    /// variable or profile key, never the command line.
    pub(crate) fn huawei_secret_argument(&self, name: &str) -> Result<Secret, RunFailure> {
        if find_key(Table::Huawei, name).is_none() {
            return Err(RunFailure::usage(format!(
                "the secret argument `{name}` has no environment variable or config key in this meetctl"
            )));
        }
        match self.get(Table::Huawei, name)? {
            Some(value) => Ok(Secret::new(value.value)),
            None => Err(RunFailure::usage(format!(
                "{name} is needed and is never taken from the command line: set {}",
                self.where_to_set(Table::Huawei, name)
            ))),
        }
    }

    /// The transport settings for `table`'s vendor: `base_url` from the flag (or
    /// `MEETCTL_BASE_URL`) over the table's key; `timeout` from the flag over the profile's.
    pub(crate) fn client_config(
        &self,
        table: Table,
        base_url: Option<&str>,
        timeout: Option<u64>,
    ) -> Result<ClientConfig, RunFailure> {
        let mut config = ClientConfig::new();
        let base_url = match base_url {
            Some(url) => Some(url.to_owned()),
            None => self.get(table, "base_url")?.map(|s| s.value),
        };
        if let Some(url) = base_url {
            config = config.base_url(url);
        }
        let timeout = match (timeout, self.section.timeout) {
            (Some(secs), _) => Some(secs),
            (None, Some(secs)) if (1..=3600).contains(&secs) => Some(secs),
            (None, Some(_)) => {
                return Err(RunFailure::usage(format!(
                    "`timeout` under [profiles.{}] in {} must be from 1 to 3600 seconds",
                    self.name,
                    self.file_name()
                )));
            }
            (None, None) => None,
        };
        if let Some(secs) = timeout {
            config = config.timeout(Duration::from_secs(secs));
        }
        Ok(config)
    }

    /// An error making a client: a credential or endpoint setting is named with where it is set.
    pub(crate) fn client_error(&self, table: Table, base_url_flag: bool, error: Error) -> RunFailure {
        failure::core(error, |field| match field {
            "base_url" if base_url_flag => Some("--base-url".to_owned()),
            _ => find_key(table, field).map(|key| match self.get(table, key.name) {
                Ok(Some(value)) => value.from,
                _ => self.where_to_set(table, key.name),
            }),
        })
    }

    fn file_name(&self) -> String {
        self.file
            .as_ref()
            .or(self.searched.as_ref())
            .map_or_else(|| "the config file".to_owned(), |p| p.display().to_string())
    }
}

/// Two kinds of credentials set at once.
fn ambiguous(
    vendor: &str,
    first: &str,
    first_set: &[(&'static str, Sourced)],
    second: &str,
    second_set: &[(&'static str, Sourced)],
) -> RunFailure {
    let list = |set: &[(&'static str, Sourced)]| {
        set.iter().map(|(name, s)| format!("{name} from {}", s.from)).collect::<Vec<_>>().join(", ")
    };
    RunFailure::usage(format!(
        "{vendor} credentials are ambiguous: {first} ({}) and {second} ({}) are both set; keep one",
        list(first_set),
        list(second_set)
    ))
}
