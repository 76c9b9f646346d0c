//! Flags that look like secrets (`--secret-key`, `--password`, `--token`, …) are refused: argv
//! shows in `ps` and lands in shell history. Each one is a hidden option whose value parser fails
//! at once, with a hint naming the environment variable and config key to use instead, and
//! without repeating the value. Clap reports it as a usage error (exit code 2).

use clap::builder::TypedValueParser;
use clap::error::ErrorKind;
use clap::{Arg, ArgAction, Command};

use crate::params::kebab;
use crate::profile::{KEYS, Key};

/// Flags read as other keys than their own name says, or as several: their hints list those.
const ALIASES: &[(&str, &[&str])] = &[
    ("password", &["conference_password", "password"]),
    ("secret", &["secret_key"]),
    ("token", &["access_token", "control_token"]),
    ("key", &["secret_key", "app_key"]),
    ("host-password", &["conference_password", "chairman_password"]),
    ("guest-password", &["conference_password"]),
];

/// The parser of a refused flag: never accepts, never echoes the value.
#[derive(Clone)]
struct Refuse {
    flag: String,
    hints: Vec<String>,
}

impl TypedValueParser for Refuse {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &Command,
        _arg: Option<&Arg>,
        _value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Err(clap::Error::raw(
            ErrorKind::ValueValidation,
            format!(
                "--{} is refused: secrets on the command line show in `ps` and shell history. \
                 Set it in the environment, or in the config file (chmod 600), instead:\n{}\n",
                self.flag,
                self.hints.join("\n")
            ),
        ))
    }
}

/// Where to give the secret of `key` instead.
fn hint(key: &Key) -> String {
    let env = key.env.map(|e| format!("{e}, or ")).unwrap_or_default();
    format!("  {}: {env}`{}` under [profiles.NAME.{}]", key.what, key.name, key.table.name())
}

fn refused(flag: String, hints: Vec<String>) -> Arg {
    Arg::new(format!("refused-{flag}"))
        .long(flag.clone())
        .hide(true)
        .global(true)
        .num_args(0..=1)
        .default_missing_value("")
        .allow_hyphen_values(true)
        .action(ArgAction::Set)
        .value_parser(Refuse { flag, hints })
}

/// The refused flags: the usual spellings (`--password`, `--token`, `--secret`, `--key`, …) and
/// one per secret setting (`--secret-key`, `--app-key`, `--conference-password`,
/// `--control-token`, `--access-token`, `--chairman-password`).
pub(crate) fn args() -> Vec<Arg> {
    let secret = |name: &str| KEYS.iter().find(|k| k.name == name && k.secret);
    let mut flags: Vec<(String, Vec<String>)> = ALIASES
        .iter()
        .map(|(flag, names)| ((*flag).to_owned(), names.iter().filter_map(|n| secret(n)).map(hint).collect()))
        .collect();
    for key in KEYS.iter().filter(|k| k.secret) {
        let flag = kebab(key.name);
        if !flags.iter().any(|(f, _)| *f == flag) {
            flags.push((flag, vec![hint(key)]));
        }
    }
    flags.into_iter().map(|(flag, hints)| refused(flag, hints)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_refused(flag: &str) -> bool {
        args().iter().any(|a| a.get_long() == Some(flag))
    }

    #[test]
    fn every_secret_setting_has_a_refused_flag() {
        for flag in [
            "secret-key",
            "access-token",
            "app-key",
            "password",
            "conference-password",
            "control-token",
            "token",
        ] {
            assert!(is_refused(flag), "{flag}");
        }
    }

    #[test]
    fn the_refusal_names_the_variable_and_never_the_value() {
        let cmd = Command::new("t").args(args());
        for argv in [
            &["t", "--secret-key", "hunter2"][..],
            &["t", "--secret-key=hunter2"],
            &["t", "--password"],
            &["t", "--token", "-hunter2"],
        ] {
            let e = cmd.clone().try_get_matches_from(argv).unwrap_err();
            let shown = e.to_string();
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(shown.contains("is refused") && shown.contains("MEETCTL_"), "{shown}");
            assert_eq!(e.exit_code(), 2);
        }
    }
}
