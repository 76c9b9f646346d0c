//! The config file: where it is, what it may hold, and the permission check.
//!
//! ```toml
//! [profiles.default.tencent]
//! app_id = "210000001"
//! secret_id = "AKID..."
//! secret_key = "..."
//!
//! [profiles.default.huawei]
//! app_id = "..."
//! app_key = "..."
//!
//! [profiles.staging]
//! timeout = 10
//! [profiles.staging.tencent]
//! base_url = "https://meeting.internal.example"
//! ```
//!
//! `--config FILE` / `MEETCTL_CONFIG` name it (then it must exist); otherwise it is
//! `$XDG_CONFIG_HOME/meetctl/config.toml` or `~/.config/meetctl/config.toml`, if there. A file
//! holding any secret must not be accessible by group or others (as ssh insists for its keys).
//! Errors quote line and column, never the file's text (the line could hold a secret).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::failure::RunFailure;

/// The file as read: its path and its profiles by name.
#[derive(Debug)]
pub(crate) struct ConfigFile {
    /// Where it was read from.
    pub(crate) path: PathBuf,
    /// The `[profiles.NAME]` tables.
    pub(crate) profiles: BTreeMap<String, ProfileSection>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    profiles: BTreeMap<String, ProfileSection>,
}

/// One `[profiles.NAME]` table. The vendor tables' keys are checked against `profile::KEYS`.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProfileSection {
    /// Seconds a call may take.
    pub(crate) timeout: Option<u64>,
    /// `[profiles.NAME.tencent]`.
    #[serde(default)]
    pub(crate) tencent: BTreeMap<String, Setting>,
    /// `[profiles.NAME.huawei]`.
    #[serde(default)]
    pub(crate) huawei: BTreeMap<String, Setting>,
}

/// A setting's value: text, or an integer (ids and passwords are often written as numbers).
/// `Debug` never shows it: it may be a secret.
#[derive(Deserialize, Clone)]
#[serde(untagged)]
pub(crate) enum Setting {
    /// `key = "text"`.
    Text(String),
    /// `key = 123`.
    Int(i64),
}

impl std::fmt::Debug for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl Setting {
    /// The value as text.
    pub(crate) fn text(&self) -> String {
        match self {
            Setting::Text(t) => t.clone(),
            Setting::Int(i) => i.to_string(),
        }
    }
}

/// `$XDG_CONFIG_HOME/meetctl/config.toml`, else `~/.config/meetctl/config.toml`.
pub(crate) fn default_path() -> Option<PathBuf> {
    let absolute = |name: &str| {
        std::env::var_os(name).map(PathBuf::from).filter(|p| p.is_absolute() && !p.as_os_str().is_empty())
    };
    if let Some(xdg) = absolute("XDG_CONFIG_HOME") {
        return Some(xdg.join("meetctl").join("config.toml"));
    }
    absolute("HOME").map(|home| home.join(".config").join("meetctl").join("config.toml"))
}

/// Reads the config file: `explicit` (which must exist) or the default path (when it exists).
/// `is_secret(vendor_table, key)` says which keys hold secrets, for the permission check.
pub(crate) fn load(
    explicit: Option<&Path>,
    is_secret: impl Fn(&str, &str) -> bool,
) -> Result<Option<ConfigFile>, RunFailure> {
    let (path, must_exist) = match explicit {
        Some(path) => (path.to_path_buf(), true),
        None => match default_path() {
            Some(path) => (path, false),
            None => return Ok(None),
        },
    };
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => return Ok(None),
        Err(e) => {
            return Err(RunFailure::usage(format!("cannot read the config file {}: {e}", path.display())));
        }
    };
    let raw: RawFile = toml::from_str(&text).map_err(|e| parse_error(&path, &text, &e))?;
    let holds_secrets = raw.profiles.values().any(|p| {
        p.tencent.keys().any(|k| is_secret("tencent", k)) || p.huawei.keys().any(|k| is_secret("huawei", k))
    });
    if holds_secrets {
        check_private(&path)?;
    }
    Ok(Some(ConfigFile { path, profiles: raw.profiles }))
}

/// A parse error with its place, without quoting the file (a line could hold a secret).
fn parse_error(path: &Path, text: &str, error: &toml::de::Error) -> RunFailure {
    let place = error
        .span()
        .map(|span| {
            let before = text.get(..span.start).unwrap_or(text);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!(" (line {line}, column {column})")
        })
        .unwrap_or_default();
    let mut message = error.message().trim().to_owned();
    // serde's "invalid type: string \"...\", expected ..." quotes the value: keep only the types.
    if let Some(expected) = message.find(", expected").filter(|_| message.starts_with("invalid ")) {
        let what = message.split(':').next().unwrap_or("invalid value").to_owned();
        message = format!("{what}{}", &message[expected..]);
    }
    RunFailure::usage(format!("the config file {} is not valid{place}: {message}", path.display()))
}

/// Refuses a file that group or others may read or write.
#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), RunFailure> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path)
        .map_err(|e| RunFailure::usage(format!("cannot read the config file {}: {e}", path.display())))?
        .permissions()
        .mode()
        & 0o777;
    if mode & 0o077 != 0 {
        return Err(RunFailure::usage(format!(
            "the config file {path} holds secrets but group or others may access it (mode {mode:04o}); \
             make it private: chmod 600 {path}",
            path = path.display()
        )));
    }
    Ok(())
}

/// No permission bits to check on this platform.
#[cfg(not(unix))]
fn check_private(_path: &Path) -> Result<(), RunFailure> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_place_but_never_quote() {
        let text = "[profiles.default.tencent]\nsecret_key = \"hunter2\nx = 1\n";
        let e = toml::from_str::<RawFile>(text).unwrap_err();
        let shown = parse_error(Path::new("c.toml"), text, &e).to_string();
        assert!(shown.contains("line 2"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");

        let text = "[profiles.default]\ntimeout = \"hunter2\"\n";
        let e = toml::from_str::<RawFile>(text).unwrap_err();
        let shown = parse_error(Path::new("c.toml"), text, &e).to_string();
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("expected"), "{shown}");
    }

    #[test]
    fn debug_never_shows_a_value() {
        let raw: RawFile = toml::from_str("[profiles.p.tencent]\nsecret_key = \"hunter2\"\n").unwrap();
        assert!(!format!("{raw:?}").contains("hunter2"));
    }

    #[test]
    fn settings_read_text_and_numbers() {
        let raw: RawFile =
            toml::from_str("[profiles.p.huawei]\nconference_password = 157599\napp_id = \"a\"\n").unwrap();
        let huawei = &raw.profiles["p"].huawei;
        assert_eq!(huawei["conference_password"].text(), "157599");
        assert_eq!(huawei["app_id"].text(), "a");
        assert!(toml::from_str::<RawFile>("[profiles.p]\nzoom = {}\n").is_err());
    }
}
