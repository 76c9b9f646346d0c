//! The command tree: the global options (`global.rs`) and the fixed subcommands by derive
//! (`request`'s arguments are in `request.rs`), the per-operation subcommands (`tencent`,
//! `huawei`, `meeting`) built at run time from the core's tables, and the dispatch from parsed
//! arguments to the code that runs them.

use clap::{ArgMatches, Command, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::failure::{self, RunFailure};
use crate::global::Global;
use crate::output::Output;
use crate::request::RequestVendor;

const ABOUT: &str = "Control live Tencent Meeting and Huawei Cloud Meeting sessions from a shell";

const LONG_ABOUT: &str = "\
Control live Tencent Meeting (腾讯会议) and Huawei Cloud Meeting (华为云会议) sessions from a \
shell: list who is in a meeting, mute, remove, rename, move people in and out of the waiting \
room, hand out co-host and host roles, lock and end meetings, or call any other endpoint, signed \
and authorised for you.

Every control operation and lookup of the core's tables is a subcommand: `meetctl tencent --help`, \
`meetctl huawei --help`, `meetctl meeting --help` (either vendor, the same operations). A Tencent \
meeting is named by its id (--meeting) or by the code people type (--code `806 724 161`, or a join \
link): `meetctl tencent find` says which meeting a code means. `meetctl doctor` checks that \
meetctl can work from here.";

/// Credentials and config file, for `--help`.
const CREDENTIALS: &str = "\
Credentials come from the environment or the config file, never from flags (argv shows in \
`ps`); a secret given as a flag is refused.
  Tencent AK/SK:    MEETCTL_TENCENT_APP_ID, MEETCTL_TENCENT_SECRET_ID, MEETCTL_TENCENT_SECRET_KEY
                    [MEETCTL_TENCENT_SDK_ID]
  Tencent OAuth:    MEETCTL_TENCENT_OPEN_ID, MEETCTL_TENCENT_ACCESS_TOKEN
  Huawei App ID:    MEETCTL_HUAWEI_APP_ID, MEETCTL_HUAWEI_APP_KEY [MEETCTL_HUAWEI_USER_ID,
                    MEETCTL_HUAWEI_CORP_ID]
  Huawei account:   MEETCTL_HUAWEI_ACCOUNT, MEETCTL_HUAWEI_PASSWORD
  Huawei conference: MEETCTL_HUAWEI_CONFERENCE_PASSWORD (host or guest password) or
                    MEETCTL_HUAWEI_CONTROL_TOKEN; MEETCTL_HUAWEI_CHAIRMAN_PASSWORD for apply-host;
                    MEETCTL_HUAWEI_REGION
Config file: $XDG_CONFIG_HOME/meetctl/config.toml or ~/.config/meetctl/config.toml (or --config),
with [profiles.NAME.tencent] and [profiles.NAME.huawei] tables holding the same settings in
lowercase (secret_key = \"…\"); profile `default` unless --profile. The environment wins over the
file. A file holding secrets must be private (chmod 600).";

/// The root of the derive half: the global options.
#[derive(Parser, Debug)]
#[command(name = "meetctl", version, about = ABOUT, long_about = LONG_ABOUT)]
struct Root {
    #[command(flatten)]
    global: Global,
}

/// The subcommands that are no operation of a table.
#[derive(Subcommand, Debug)]
pub(crate) enum Fixed {
    /// Call any other endpoint, signed and authorised
    #[command(subcommand)]
    Request(RequestVendor),
    /// Check the route, DNS, reach, TLS, clock, credentials and permission of each vendor
    #[command(long_about = crate::doctor::LONG_ABOUT)]
    Doctor {
        /// Check this vendor only [default: each one whose credentials are set]
        #[arg(long, value_enum)]
        vendor: Option<crate::doctor::DoctorVendor>,
        /// Tencent: who asks the probe lookup, `userid:ID[@DEVICE]` (or, with OAuth, your open_id)
        #[arg(long, value_name = "USER", value_parser = parse_operator)]
        operator: Option<meetctl::tencent::TencentUser>,
    },
    /// Receive a vendor's live events and print one JSON line each
    #[command(long_about = crate::events::LONG_ABOUT)]
    Events {
        /// The vendor whose events to receive
        #[arg(value_enum)]
        vendor: crate::events::EventsVendor,
        /// Huawei: the conference whose control WebSocket to read (instead of the event push)
        #[arg(long, value_name = "ID", conflicts_with_all = ["tls_cert", "tls_key"])]
        conference: Option<String>,
        /// Where to listen (the URL given to the vendor points here)
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:0")]
        listen: std::net::SocketAddr,
        /// Stop after this many events [default: run until interrupted]
        #[arg(long, value_name = "N")]
        count: Option<usize>,
        /// Refuse deliveries older than this many seconds; 0 turns the check off
        #[arg(long, value_name = "SECONDS", default_value_t = 300)]
        max_age: u64,
        /// Serve HTTPS with this certificate chain (PEM file); needs --tls-key
        #[arg(long, value_name = "FILE", requires = "tls_key")]
        tls_cert: Option<std::path::PathBuf>,
        /// The private key of --tls-cert (PEM file)
        #[arg(long, value_name = "FILE", requires = "tls_cert")]
        tls_key: Option<std::path::PathBuf>,
    },
    /// Walk through both vendors' controls against an in-process emulator
    ///
    /// Starts the emulator with its built-in demo scenario, finds the Tencent demo meeting from
    /// its code "806 724 161", then on Tencent Meeting and Huawei Cloud Meeting (and through the vendor-neutral layer on both) runs the seed operations and
    /// the newer controls, printing each request line, the result and the meeting's state after
    /// it. Exits with 1 when any step does not do what it should.
    #[cfg(feature = "demo")]
    Demo,
    /// Print a shell completion script
    ///
    /// For example: `meetctl completions bash > ~/.local/share/bash-completion/completions/meetctl`,
    /// `meetctl completions zsh > "${fpath[1]}/_meetctl"`,
    /// `meetctl completions fish > ~/.config/fish/completions/meetctl.fish`.
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// `--operator` of `meetctl doctor`: a Tencent user, the device optional.
fn parse_operator(text: &str) -> Result<meetctl::tencent::TencentUser, String> {
    crate::users::parse_user(text, false)
}

/// The whole command tree.
pub(crate) fn command() -> Command {
    let mut root = Root::command()
        .subcommand_required(true)
        .arg_required_else_help(true)
        .after_help(format!("{CREDENTIALS}\n\n{}", failure::exit_code_table()))
        .subcommand(crate::tencent::command())
        .subcommand(crate::huawei::command())
        .subcommand(crate::meeting::command())
        .subcommand(crate::watch::command());
    // The derived enum's doc comment would become the root's about: set it again after.
    root = Fixed::augment_subcommands(root).about(ABOUT).long_about(LONG_ABOUT);
    for arg in crate::secret_flags::args() {
        root = root.arg(arg);
    }
    root
}

/// The global options, from the parsed arguments and, for those not given, the environment
/// ([`Global::or_environment`]).
pub(crate) fn global(matches: &ArgMatches) -> Result<Global, RunFailure> {
    // Every global option has a value or a default, so this cannot fail; the fallback keeps
    // the defaults should clap ever disagree.
    Root::from_arg_matches(matches).map(|root| root.global).unwrap_or_default().or_environment()
}

/// Runs the parsed command.
pub(crate) fn dispatch(global: &Global, matches: &ArgMatches, out: &mut Output) -> Result<(), RunFailure> {
    if global.show_secrets && !global.dry_run && !crate::lookup::prints_secrets(matches) {
        return Err(RunFailure::usage(format!(
            "--show-secrets applies to --dry-run and to the lookups that answer a secret ({})",
            crate::lookup::secret_lookups()
        )));
    }
    match matches.subcommand() {
        Some(("tencent", m)) => crate::tencent::run(global, m, out),
        Some(("huawei", m)) => crate::huawei::run(global, m, out),
        Some(("meeting", m)) => crate::meeting::run(global, m, out),
        Some(("watch", m)) => crate::watch::run(global, m, out),
        _ => {
            let fixed = Fixed::from_arg_matches(matches).map_err(|e| RunFailure::usage(e.to_string()))?;
            match fixed {
                Fixed::Request(vendor) => crate::request::run(global, vendor, out),
                Fixed::Doctor { vendor, operator } => crate::doctor::run(global, vendor, operator, out),
                Fixed::Events { vendor, conference, listen, count, max_age, tls_cert, tls_key } => {
                    let tls = tls_cert.zip(tls_key);
                    crate::events::run(global, vendor, conference, listen, count, max_age, tls, out)
                }
                #[cfg(feature = "demo")]
                Fixed::Demo => {
                    refuse_dry_run(global, "demo")?;
                    crate::demo::run(out)
                }
                Fixed::Completions { shell } => {
                    refuse_dry_run(global, "completions")?;
                    if global.json {
                        return Err(RunFailure::usage(
                            "`meetctl completions` prints a script; --json does not apply",
                        ));
                    }
                    let mut script = Vec::new();
                    clap_complete::generate(shell, &mut command(), "meetctl", &mut script);
                    out.line(String::from_utf8_lossy(&script).trim_end())
                }
            }
        }
    }
}

fn refuse_dry_run(global: &Global, what: &str) -> Result<(), RunFailure> {
    if global.dry_run {
        return Err(RunFailure::usage(format!(
            "--dry-run applies to calls; `meetctl {what}` sends none of yours"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn globals_are_read_after_the_subcommand_too() {
        let m = command()
            .try_get_matches_from([
                "meetctl",
                "huawei",
                "end",
                "--conference",
                "1",
                "--json",
                "--timeout",
                "5",
            ])
            .unwrap();
        let g = global(&m).unwrap();
        assert!(g.json);
        assert_eq!(g.timeout, Some(5));
    }

    #[test]
    fn no_lookup_or_find_shadows_an_operation() {
        let cmd = command();
        for vendor in ["tencent", "huawei"] {
            let sub = cmd.find_subcommand(vendor).unwrap();
            let mut names: Vec<&str> = sub.get_subcommands().map(|c| c.get_name()).collect();
            let all = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), all, "{vendor}: {names:?}");
        }
    }

    #[test]
    fn show_secrets_only_where_a_secret_is_printed() {
        let parse = |argv: &[&str]| command().try_get_matches_from(argv).unwrap();
        let m = parse(&["meetctl", "huawei", "ws-token", "--conference", "1", "--show-secrets"]);
        assert!(crate::lookup::prints_secrets(&m));
        let m = parse(&["meetctl", "huawei", "online-conferences", "--show-secrets"]);
        assert!(!crate::lookup::prints_secrets(&m));
        let g = global(&m).unwrap();
        let failure = dispatch(&g, &m, &mut Output::new(false)).unwrap_err();
        assert!(failure.to_string().contains("huawei ws-token"), "{failure}");
    }
}
