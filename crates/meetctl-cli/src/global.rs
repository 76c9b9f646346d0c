//! The global options every subcommand takes (`--profile`, `--config`, `--json`, `--dry-run`,
//! `--show-secrets`, `--base-url`, `--timeout`), and the environment variables that stand in for
//! those not given.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use crate::failure::RunFailure;

/// Options every subcommand takes.
#[derive(ClapArgs, Debug, Clone, Default)]
#[command(next_help_heading = "Global options")]
pub(crate) struct Global {
    /// Profile of the config file to use [env: MEETCTL_PROFILE] [default: default]
    #[arg(long, global = true, value_name = "NAME")]
    pub(crate) profile: Option<String>,

    /// Config file [env: MEETCTL_CONFIG] [default: $XDG_CONFIG_HOME/meetctl/config.toml, else
    /// ~/.config/meetctl/config.toml]
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// Print one JSON document on stdout (errors: one on stderr) instead of text
    #[arg(long, global = true)]
    pub(crate) json: bool,

    /// Print the signed request as a curl command instead of sending it (Huawei: the access and
    /// control tokens are still fetched, which changes nothing in the meeting)
    #[arg(long, global = true)]
    pub(crate) dry_run: bool,

    /// With --dry-run: print signatures, tokens and passwords instead of ***; with `huawei
    /// ws-token`: print the token
    #[arg(long, global = true)]
    pub(crate) show_secrets: bool,

    /// Send requests here instead of the vendor's public endpoint (private deployments, the
    /// emulator); plain http:// only to a loopback host [env: MEETCTL_BASE_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub(crate) base_url: Option<String>,

    /// Give up a call after this many seconds, every exchange and retry included [default: 60]
    #[arg(long, global = true, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub(crate) timeout: Option<u64>,
}

impl Global {
    /// These options with those not given taken from the environment (`MEETCTL_PROFILE`,
    /// `MEETCTL_CONFIG`, `MEETCTL_BASE_URL`; set but empty counts as not set).
    pub(crate) fn or_environment(mut self) -> Result<Self, RunFailure> {
        if self.profile.is_none() {
            self.profile = env_text("MEETCTL_PROFILE")?;
        }
        if self.config.is_none() {
            self.config = std::env::var_os("MEETCTL_CONFIG").filter(|v| !v.is_empty()).map(PathBuf::from);
        }
        if self.base_url.is_none() {
            self.base_url = env_text("MEETCTL_BASE_URL")?;
        }
        Ok(self)
    }
}

/// An environment variable's text; `None` when unset or empty.
fn env_text(name: &str) -> Result<Option<String>, RunFailure> {
    match std::env::var(name) {
        Ok(value) if !value.is_empty() => Ok(Some(value)),
        Ok(_) | Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(RunFailure::usage(format!("{name} is not valid UTF-8")))
        }
    }
}
