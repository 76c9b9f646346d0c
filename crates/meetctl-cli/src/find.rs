//! Finding a Tencent meeting from what a person has: `--code` (a meeting code typed with spaces
//! or dashes, or a join link) wherever `--meeting` is taken, and `meetctl tencent find`.
//!
//! The core holds the one rule ([`meetctl::tencent::TencentClient::find`]): one match; else the
//! one in progress; else the one whose time contains now; else `ambiguous` (exit 23) listing the
//! candidates. Finding asks the vendor's meetings-by-code lookup, which names who asks by userid
//! (or, with OAuth, the client's own open_id): the command's operator when it is one of those,
//! else `--find-as`.

use clap::{Arg, ArgGroup, ArgMatches, Command};
use meetctl::find::Candidate;
use meetctl::tencent::{IdKind, TencentClient, TencentLookup, TencentUser};
use serde_json::{Value, json};

use crate::failure::{self, RunFailure};
use crate::global::Global;
use crate::output::{self, Output};
use crate::params;
use crate::profile::Profile;
use crate::users;

/// The id kinds the meetings-by-code lookup accepts for who asks.
pub(crate) fn finder_kinds() -> &'static [IdKind] {
    TencentLookup::MeetingsByCode.spec().accepts
}

/// Whether `user` may ask the meetings-by-code lookup.
fn may_find(user: &TencentUser) -> bool {
    finder_kinds().contains(&user.id.kind())
}

/// Adds `--meeting` (its `help`), `--code` and `--find-as` to `cmd`: one of `--meeting` and
/// `--code` is required. `meeting_alias` is another name `--meeting` answers to.
pub(crate) fn meeting_args(cmd: Command, help: &str, meeting_alias: Option<&'static str>) -> Command {
    let mut meeting = Arg::new("meeting").long("meeting").value_name("MEETING_ID").help(help.to_owned());
    if let Some(alias) = meeting_alias {
        meeting = meeting.visible_alias(alias);
    }
    cmd.arg(meeting)
        .arg(Arg::new("code").long("code").value_name("CODE").help(
            "Instead of --meeting: the meeting code people type (`806 724 161`, dashes, or a \
                     join link); the meeting it means is found first and named on stderr",
        ))
        .arg(
            Arg::new("find_as")
                .long("find-as")
                .value_name("USER")
                .requires("code")
                .conflicts_with("meeting")
                .value_parser(|s: &str| users::parse_user(s, false))
                .help(format!(
                    "With --code, when the operator is no {}: who looks the code up, {} (@DEVICE \
                     defaults to pc)",
                    kinds_text(),
                    users::form(finder_kinds(), false)
                )),
        )
        .group(ArgGroup::new("which_meeting").args(["meeting", "code"]).required(true).multiple(false))
}

/// `userid or open_id`.
fn kinds_text() -> String {
    let names: Vec<&str> = finder_kinds().iter().map(|k| k.name()).collect();
    names.join(" or ")
}

/// The meeting a command names: `--meeting` as given, or what `--code` means, found as
/// `--find-as` or else `operator`. A found meeting is named on stderr (not with `--json`, whose
/// document carries it).
pub(crate) struct Resolved {
    /// The meeting id.
    pub(crate) meeting_id: String,
    /// What `--code` found, when it was given.
    pub(crate) found: Option<Candidate>,
}

impl Resolved {
    /// The occurrence the code found, for the listings that take one.
    pub(crate) fn occurrence(&self) -> Option<&str> {
        self.found.as_ref().and_then(|c| c.occurrence.as_deref())
    }

    /// Adds `"found"` to a JSON document when a code was resolved.
    pub(crate) fn annotate(&self, mut doc: Value) -> Value {
        if let (Some(found), Value::Object(map)) = (&self.found, &mut doc) {
            map.insert("found".into(), json!(found));
        }
        doc
    }
}

/// Resolves `--meeting` / `--code` of `m`; `operator` is the command's operator (`None` where it
/// takes none), named by `operator_flag` in messages.
pub(crate) fn resolve(
    m: &ArgMatches,
    client: &TencentClient,
    operator: Option<&TencentUser>,
    operator_flag: &str,
    json: bool,
) -> Result<Resolved, RunFailure> {
    if let Some(id) = params::one::<String>(m, "meeting") {
        return Ok(Resolved { meeting_id: id, found: None });
    }
    let Some(code) = params::one::<String>(m, "code") else {
        return Err(RunFailure::usage("give the meeting: --meeting MEETING_ID or --code CODE"));
    };
    let (finder, finder_flag) = match (params::one::<TencentUser>(m, "find_as"), operator) {
        (Some(user), _) => (user, "--find-as"),
        (None, Some(op)) if may_find(op) => (op.clone(), operator_flag),
        (None, Some(op)) => {
            return Err(RunFailure::usage(format!(
                "--code is looked up as a user of the app by {} ({operator_flag} is {}): add --find-as \
                 userid:ID (a user of the app), or give --meeting",
                kinds_text(),
                op.id.kind().name()
            )));
        }
        (None, None) => {
            return Err(RunFailure::usage(format!(
                "--code is looked up as a user of the app: add --find-as {}",
                users::form(finder_kinds(), false)
            )));
        }
    };
    let found = find(client, &code, &finder, finder_flag)?;
    if !json {
        output::note(&format!("meetctl: code {} is {}", code.trim(), describe(&found)));
    }
    Ok(Resolved { meeting_id: found.meeting_id.clone(), found: Some(found) })
}

/// `client.find`, its errors naming the flags.
fn find(
    client: &TencentClient,
    code: &str,
    finder: &TencentUser,
    finder_flag: &str,
) -> Result<Candidate, RunFailure> {
    client.find(code, finder).map_err(|e| {
        failure::core(e, |field| {
            let head = field.split(['.', '[']).next().unwrap_or(field);
            Some(match head {
                "code" | "meeting_code" => "--code".to_owned(),
                "operator" | "user" => finder_flag.to_owned(),
                "credentials" => "the Tencent credentials".to_owned(),
                _ => return None,
            })
        })
    })
}

/// One line on a candidate (the core's), its subject's control characters escaped.
pub(crate) fn describe(c: &Candidate) -> String {
    output::clean(&c.to_string())
}

/// `meetctl tencent find`.
pub(crate) fn command() -> Command {
    let device = finder_sends_device();
    Command::new("find")
        .about("The meeting a meeting code (or join link) means, by the one rule")
        .long_about(format!(
            "The meeting a meeting code means: `806724161`, `806 724 161`, `806-724-161`, or a join \
             link that carries the code. Codes are reused over time and a recurring meeting has \
             many occurrences, so one rule picks: one match; else the one in progress; else the \
             one whose scheduled time contains now; otherwise exit 23 (ambiguous) listing the \
             candidates. No meeting of this app with the code (a meeting of another company is \
             not shown to it): exit 14 (not_found).\n\nThe operator is who asks: {}.\n\nPrints the \
             meeting id, the occurrence of a recurring meeting (what `--occurrence` takes), the \
             subject, the times and whether it is in progress. Every command that takes \
             --meeting takes --code too and finds the meeting the same way.",
            users::form(finder_kinds(), device)
        ))
        .arg(
            Arg::new("code")
                .long("code")
                .value_name("CODE")
                .required(true)
                .help("The meeting code (spaces or dashes allowed) or a join link"),
        )
        .arg(
            Arg::new("operator")
                .long("operator")
                .value_name("USER")
                .required(true)
                .value_parser(move |s: &str| users::parse_user(s, device))
                .help(format!("Who asks: {}", users::form(finder_kinds(), device))),
        )
}

/// Whether the meetings-by-code lookup sends the asker's device.
fn finder_sends_device() -> bool {
    crate::lookup::tencent_sends_device(TencentLookup::MeetingsByCode)
}

/// Runs `meetctl tencent find`.
pub(crate) fn run(global: &Global, m: &ArgMatches, out: &mut Output) -> Result<(), RunFailure> {
    if global.dry_run {
        return Err(RunFailure::usage(
            "--dry-run applies to controls; `meetctl tencent find` changes nothing",
        ));
    }
    let code = params::one::<String>(m, "code").unwrap_or_default();
    let operator = params::one::<TencentUser>(m, "operator")
        .ok_or_else(|| RunFailure::usage("--operator is required"))?;
    let profile = Profile::load(global.profile.as_deref(), global.config.as_deref())?;
    let client = crate::tencent::client(global, &profile)?;
    let found = find(&client, &code, &operator, "--operator")?;
    if out.json() {
        return out.document(&json!({
            "ok": true, "vendor": "tencent", "operation": "find", "code": code, "result": found,
        }));
    }
    out.line(&output::key_values(&[
        ("meeting id".into(), found.meeting_id.clone()),
        ("occurrence".into(), output::text(found.occurrence.as_deref())),
        ("subject".into(), output::text(found.subject.as_deref())),
        ("start".into(), output::time(found.start_time)),
        ("end".into(), output::time(found.end_time)),
        ("in progress".into(), output::yes_no(Some(found.in_progress))),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(argv: &[&str]) -> Result<ArgMatches, clap::Error> {
        let cmd = meeting_args(Command::new("t"), "the meeting", None);
        cmd.try_get_matches_from(std::iter::once("t").chain(argv.iter().copied()))
    }

    #[test]
    fn meeting_or_code_one_required() {
        assert!(parse(&["--meeting", "1"]).is_ok());
        assert!(parse(&["--code", "806 724 161"]).is_ok());
        assert!(parse(&["--code", "1", "--find-as", "userid:alice"]).is_ok());
        assert!(parse(&[]).is_err());
        assert!(parse(&["--meeting", "1", "--code", "2"]).is_err());
        assert!(parse(&["--meeting", "1", "--find-as", "userid:alice"]).is_err());
    }

    #[test]
    fn candidates_in_one_line() {
        let c: Candidate = serde_json::from_value(json!({
            "meeting_id": "1", "occurrence": "9", "subject": "Stand-up", "start_time": 1_796_652_000,
            "end_time": 1_796_655_600, "in_progress": true,
        }))
        .unwrap();
        assert_eq!(
            describe(&c),
            "meeting 1 occurrence 9 \"Stand-up\" 2026-12-07 14:00 UTC – 2026-12-07 15:00 UTC (in progress)"
        );
    }
}
