//! `meetctl watch meeting --vendor tencent|huawei …`: the core's `Meeting::watch`, one JSON line
//! per change on stdout as it happens, until the meeting ends (or `--count` lines).

use std::time::Duration;

use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgMatches, Command};
use meetctl::tencent::TencentUser;
use meetctl::{Meeting, MeetingEventKind, MeetingOperation, MeetingWatch, Vendor, WatchOptions};
use serde_json::Value;

use crate::failure::{self, RunFailure, vendor_name};
use crate::global::Global;
use crate::output::{self, Output};
use crate::params;
use crate::profile::Profile;
use crate::users;

/// The long help of `meetctl watch meeting`.
const LONG_ABOUT: &str = "\
Watches a meeting on either vendor: the participants already in it first (as \"joined\"), then \
every change as it happens, one JSON line each on stdout: {\"vendor\", \"meeting_id\", \"kind\" \
(joined, left, changed, started, ended, gap, other), \"origin\" (pushed, polled, resync), \
\"participant\", \"before\", \"changed\", \"reason\", \"name\", \"raw\"}. Stops when the meeting \
ends (exit 0), after --count lines, or on an error.

Huawei Cloud Meeting: the conference-control WebSocket pushes every change. Tencent Meeting: the \
real-time participant list is polled (--poll-interval seconds per call; the default, 2, keeps \
within a tenth of the app's 300 calls a minute) and diffed; a \"gap\" line says a poll failed and \
the next changes are a resync. See docs/events.md for what arrives how.";

/// The `watch` command.
pub(crate) fn command() -> Command {
    let mut meeting = Command::new("meeting")
        .about("Print a meeting's roster changes as JSON lines, either vendor")
        .long_about(LONG_ABOUT)
        .arg(
            Arg::new("vendor")
                .long("vendor")
                .value_name("VENDOR")
                .required(true)
                .value_parser(PossibleValuesParser::new(["tencent", "huawei"]))
                .help("Which vendor hosts the meeting"),
        );
    meeting = crate::find::meeting_args(
        meeting,
        "The meeting (Tencent) or conference (Huawei) id",
        Some("conference"),
    );
    meeting = meeting
        .arg(
            Arg::new("operator")
                .long("operator")
                .value_name("USER")
                .value_parser(|s: &str| users::parse_user(s, false))
                .help("Tencent: who lists, userid:ID[@DEVICE] (or, with OAuth, your openid)"),
        )
        .arg(
            Arg::new("poll_interval")
                .long("poll-interval")
                .value_name("SECONDS")
                .value_parser(clap::value_parser!(f64))
                .help("Tencent: seconds waited per call a poll makes [default: 2]"),
        )
        .arg(
            Arg::new("count")
                .long("count")
                .value_name("N")
                .value_parser(clap::value_parser!(usize))
                .help("Stop after this many lines [default: until the meeting ends]"),
        );
    Command::new("watch")
        .about("Watch a meeting: its roster and every change, as JSON lines")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(meeting)
}

/// Runs `meetctl watch meeting`.
pub(crate) fn run(global: &Global, matches: &ArgMatches, out: &mut Output) -> Result<(), RunFailure> {
    let Some(("meeting", m)) = matches.subcommand() else {
        return Err(RunFailure::usage("see `meetctl watch --help`"));
    };
    if global.dry_run {
        return Err(RunFailure::usage("--dry-run applies to calls; `meetctl watch` only reads"));
    }
    let vendor = match params::one::<String>(m, "vendor").as_deref() {
        Some("huawei") => Vendor::Huawei,
        _ => Vendor::Tencent,
    };
    let mut options = WatchOptions::new();
    if let Some(secs) = params::one::<f64>(m, "poll_interval") {
        if vendor == Vendor::Huawei {
            return Err(RunFailure::usage(
                "--poll-interval is for Tencent meetings; Huawei pushes every change",
            ));
        }
        let interval = Duration::try_from_secs_f64(secs)
            .map_err(|_| RunFailure::usage("--poll-interval must be a number of seconds"))?;
        options = options.poll_interval(interval);
    }
    let profile = Profile::load(global.profile.as_deref(), global.config.as_deref())?;
    let flag_of = crate::meeting::flag_of(MeetingOperation::Participants);
    let operator = params::one::<TencentUser>(m, "operator");
    let (meeting, _) = crate::meeting::build(global, &profile, m, vendor, operator, true, &flag_of)?;
    let watch = meeting.watch(options).map_err(|e| failure::core(e, &flag_of))?;
    print(&meeting, &watch, params::one::<usize>(m, "count"), out).map_err(|e| match e {
        Printed::Output(failure) => failure,
        Printed::Core(error) => failure::core(error, &flag_of),
    })
}

/// Why printing stopped early.
pub(crate) enum Printed {
    Output(RunFailure),
    Core(meetctl::Error),
}

/// Prints the events of `watch` as JSON lines until the meeting ends or `count` lines.
pub(crate) fn print(
    meeting: &Meeting,
    watch: &MeetingWatch,
    count: Option<usize>,
    out: &mut Output,
) -> Result<(), Printed> {
    output::note(&format!("meetctl: watching {} meeting {}", vendor_name(meeting.vendor()), meeting.id()));
    let mut printed = 0;
    while count.is_none_or(|n| printed < n) {
        let event = match watch.next(Duration::from_millis(500)) {
            Ok(Some(event)) => event,
            Ok(None) if watch.is_finished() => break,
            Ok(None) => continue,
            Err(error) => return Err(Printed::Core(error)),
        };
        let mut line = event.to_json();
        if let Value::Object(map) = &mut line {
            map.insert("vendor".into(), vendor_name(meeting.vendor()).into());
            map.insert("meeting_id".into(), meeting.id().into());
        }
        out.line(&line.to_string()).map_err(Printed::Output)?;
        printed += 1;
        if event.kind == MeetingEventKind::Ended {
            break;
        }
    }
    Ok(())
}
