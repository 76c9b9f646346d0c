//! `meetctl meeting <operation> --vendor tencent|huawei`: the vendor-neutral layer, one
//! subcommand per [`MeetingOperation`], the same flags whichever vendor hosts the meeting.
//!
//! Participants are named by the ids `meetctl meeting participants` prints (`tencent:2:…`,
//! `huawei:…`); on Tencent also as `ms_open_id:ID@DEVICE`, on Huawei also by the bare
//! participant id.

use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgMatches, Command};
use meetctl::tencent::{IdKind, TencentUser};
use meetctl::{Meeting, MeetingOperation, Participant, Vendor};
use serde_json::{Value, json};

use crate::failure::{self, RunFailure, vendor_name};
use crate::global::Global;
use crate::output::{self, Output};
use crate::params::{self, kebab};
use crate::profile::Profile;
use crate::users;

/// The `meeting` command and its subcommands.
pub(crate) fn command() -> Command {
    let mut cmd = Command::new("meeting")
        .about("Either vendor: the vendor-neutral operations, the same flags for both")
        .long_about(
            "Either vendor: the vendor-neutral operations (the core's `Meeting`), the same flags \
             whichever vendor hosts the meeting. An operation a vendor cannot do fails with exit \
             code 21 before anything is sent.\n\n\
             Tencent needs --operator (KIND:ID@DEVICE; listing needs it by userid, or your own \
             openid with OAuth; other operations look its ms_open_id up once). Participants are \
             named by the ids `meetctl meeting participants` prints.\n\n\
             Tencent: --code instead of --meeting takes the code people type (`806 724 161`, or a \
             join link) and finds the meeting (and, for a recurring one, the occurrence the listing \
             takes) as `meetctl tencent find` does, asked as the operator when it is a userid (or \
             your OAuth open_id), else as --find-as USER.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true);
    for op in MeetingOperation::ALL {
        cmd = cmd.subcommand(operation_command(op));
    }
    cmd
}

fn operation_command(op: MeetingOperation) -> Command {
    let name = kebab(op.name());
    let mut cmd = Command::new(name.clone()).about(op.summary());
    if name != op.name() {
        cmd = cmd.alias(op.name());
    }
    let device = op != MeetingOperation::Participants;
    cmd = cmd.arg(
        Arg::new("vendor")
            .long("vendor")
            .value_name("VENDOR")
            .required(true)
            .value_parser(PossibleValuesParser::new(["tencent", "huawei"]))
            .help("Which vendor hosts the meeting"),
    );
    cmd =
        crate::find::meeting_args(cmd, "The meeting (Tencent) or conference (Huawei) id", Some("conference"));
    cmd = cmd.arg(
        Arg::new("operator")
            .long("operator")
            .value_name("USER")
            .value_parser(move |s: &str| users::parse_user(s, device))
            .help(if device {
                "Tencent: who acts, KIND:ID@DEVICE (userid, ms_open_id or, with OAuth, your openid)"
            } else {
                "Tencent: who lists, userid:ID[@DEVICE] (or, with OAuth, your openid)"
            }),
    );
    if op.takes_participant() {
        cmd = cmd.arg(
            Arg::new("participant")
                .long("participant")
                .value_name("PARTICIPANT")
                .required(true)
                .help("Whom it acts on: an id from `meetctl meeting participants` (Tencent also ms_open_id:ID@DEVICE, Huawei also the participant id)"),
        );
    }
    for param in op.params() {
        if let Some(mut arg) = params::option(param) {
            match (op, param.name) {
                (MeetingOperation::Rename, "name") => {
                    arg = arg.help("The new name: Tencent takes at most 20 characters, Huawei 96");
                }
                (MeetingOperation::Invite, "name") => {
                    arg = arg.help(
                        "The name shown for whom is called (Tencent: a phone's, at most 20 characters)",
                    );
                }
                (_, "phone") => arg = arg.help("The phone number within its country, 3 to 20 digits"),
                (_, "country_code") => {
                    let default = match param.presence {
                        meetctl::Presence::Default(meetctl::Scalar::Int(code)) => {
                            format!(" [default: {code}]")
                        }
                        _ => String::new(),
                    };
                    arg = arg.help(format!("The phone's country code (86 is China){default}"));
                }
                _ => {}
            }
            cmd = cmd.arg(arg);
        }
    }
    cmd
}

/// The participant named on the command line, as the core's `Participant`.
fn participant(vendor: Vendor, text: &str) -> Result<Participant, RunFailure> {
    let bad = |why: String| RunFailure::usage(format!("--participant `{text}`: {why}"));
    if text.starts_with("tencent:") || text.starts_with("huawei:") {
        return Participant::from_id(text).map_err(|e| bad(e.message().to_owned()));
    }
    let id = match vendor {
        Vendor::Huawei => format!("huawei:{text}"),
        Vendor::Tencent => {
            let user = users::parse_user(text, true).map_err(bad)?;
            if user.id.kind() != IdKind::MsOpenId {
                return Err(bad(
                    "a Tencent participant is named by ms_open_id:ID@DEVICE or by the id `meetctl meeting participants` prints".into(),
                ));
            }
            format!("tencent:{}:{}", user.instance.code(), user.id.value())
        }
    };
    Participant::from_id(&id).map_err(|e| bad(e.message().to_owned()))
}

/// Runs `meetctl meeting <operation>`.
pub(crate) fn run(global: &Global, matches: &ArgMatches, out: &mut Output) -> Result<(), RunFailure> {
    let Some((name, m)) = matches.subcommand() else {
        return Err(RunFailure::usage("an operation is needed; see `meetctl meeting --help`"));
    };
    let op = MeetingOperation::ALL
        .into_iter()
        .find(|op| kebab(op.name()) == name)
        .ok_or_else(|| RunFailure::usage(format!("`{name}` is no meeting operation")))?;
    if global.dry_run {
        return Err(RunFailure::usage(
            "--dry-run is not available for `meetctl meeting` (the neutral layer may look ids up before \
             it acts); use the vendor's own subcommand: `meetctl tencent …` or `meetctl huawei …`",
        ));
    }
    let vendor = match params::one::<String>(m, "vendor").as_deref() {
        Some("huawei") => Vendor::Huawei,
        _ => Vendor::Tencent,
    };
    let operator = params::one::<TencentUser>(m, "operator");
    let target = match params::one::<String>(m, "participant") {
        Some(text) => Some(participant(vendor, &text)?),
        None => None,
    };
    let args = params::collect(m, op.params());

    let profile = Profile::load(global.profile.as_deref(), global.config.as_deref())?;
    let flag_of = flag_of(op);
    let (meeting, resolved) = build(global, &profile, m, vendor, operator, out.json(), &flag_of)?;
    let meeting_id = meeting.id().to_owned();
    let annotate = |doc: Value| match &resolved {
        Some(found) => found.annotate(doc),
        None => doc,
    };

    if op == MeetingOperation::Participants {
        let list = meeting.participants().map_err(|e| failure::core(e, &flag_of))?;
        if out.json() {
            let people: Vec<Value> = list.iter().map(Participant::to_json).collect();
            return out.document(&annotate(json!({
                "ok": true, "vendor": vendor_name(vendor), "operation": op.name(),
                "meeting_id": meeting_id, "result": {"participants": people},
            })));
        }
        return out.line(&participants_table(&list));
    }
    meeting.control(op, target.as_ref(), &args).map_err(|e| failure::core(e, &flag_of))?;
    if out.json() {
        return out.document(&annotate(json!({
            "ok": true, "vendor": vendor_name(vendor), "operation": op.name(), "meeting_id": meeting_id,
            "result": Value::Null,
        })));
    }
    out.line(&format!("ok: {} meeting {meeting_id}: {}", vendor_name(vendor), kebab(op.name())))
}

/// The `--flag` a core error's field maps to, for operation `op`.
pub(crate) fn flag_of(op: MeetingOperation) -> impl Fn(&str) -> Option<String> {
    move |field: &str| -> Option<String> {
        Some(match field {
            "meeting_id" | "conference_id" => "--meeting".to_owned(),
            f if f.starts_with("operator") => "--operator".to_owned(),
            "occurrence" => "--code".to_owned(),
            "participant" => "--participant".to_owned(),
            "poll_interval" => "--poll-interval".to_owned(),
            f if op.params().iter().any(|p| p.name == f) => params::flag(f),
            _ => return None,
        })
    }
}

/// The meeting `--vendor`, `--meeting`/`--code` and `--operator` name, and what `--code` found.
pub(crate) fn build(
    global: &Global,
    profile: &Profile,
    m: &ArgMatches,
    vendor: Vendor,
    operator: Option<TencentUser>,
    json: bool,
    flag_of: &dyn Fn(&str) -> Option<String>,
) -> Result<(Meeting, Option<crate::find::Resolved>), RunFailure> {
    match vendor {
        Vendor::Tencent => {
            let operator = operator.ok_or_else(|| {
                RunFailure::usage("--operator is required for a Tencent meeting (KIND:ID@DEVICE)")
            })?;
            let client = crate::tencent::client(global, profile)?;
            let found = crate::find::resolve(m, &client, Some(&operator), "--operator", json)?;
            let meeting =
                Meeting::tencent_occurrence(client, &found.meeting_id, found.occurrence(), operator)
                    .map_err(|e| failure::core(e, flag_of))?;
            Ok((meeting, Some(found)))
        }
        Vendor::Huawei => {
            if params::one::<String>(m, "code").is_some() {
                return Err(RunFailure::usage(
                    "--code is a Tencent meeting code; a Huawei conference is named by --meeting (its id)",
                ));
            }
            if operator.is_some() {
                return Err(RunFailure::usage(
                    "--operator is for Tencent meetings; a Huawei conference acts with its control token",
                ));
            }
            let id = params::one::<String>(m, "meeting").unwrap_or_default();
            Ok((Meeting::huawei(crate::huawei::conference(global, profile, &id)?), None))
        }
    }
}

/// The participants as a table; ID is what `--participant` takes.
pub(crate) fn participants_table(list: &[Participant]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            vec![
                p.id().to_owned(),
                output::text(p.name.as_deref()),
                p.role.name().to_owned(),
                output::text(p.device.as_deref()),
                output::yes_no(p.audio_muted),
                output::yes_no(p.video_on),
                output::yes_no(p.hand_raised),
                output::yes_no(p.sharing_screen),
                if p.controllable { "yes".into() } else { "no".into() },
            ]
        })
        .collect();
    let table = output::table(
        &["ID", "NAME", "ROLE", "DEVICE", "MUTED", "VIDEO", "HAND", "SHARING", "CONTROLLABLE"],
        &rows,
    );
    format!("{table}\n{} in the meeting", list.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use meetctl::Presence;

    #[test]
    fn every_operation_is_a_subcommand() {
        let cmd = command();
        for op in MeetingOperation::ALL {
            let sub = cmd.find_subcommand(kebab(op.name())).unwrap();
            assert_eq!(
                sub.get_arguments().any(|a| a.get_long() == Some("participant")),
                op.takes_participant()
            );
        }
        assert!(MeetingOperation::Rename.params().iter().all(|p| p.presence == Presence::Required));
    }

    #[test]
    fn participants_are_read_in_every_form() {
        let t = participant(Vendor::Tencent, "ms_open_id:agaqwwgdkkddd@mac").unwrap();
        assert_eq!(t.id(), "tencent:2:agaqwwgdkkddd");
        assert_eq!(participant(Vendor::Huawei, "p-1").unwrap().id(), "huawei:p-1");
        assert_eq!(participant(Vendor::Tencent, "huawei:p-1").unwrap().vendor(), Vendor::Huawei);
        assert!(
            participant(Vendor::Tencent, "userid:bob@mac").unwrap_err().to_string().contains("ms_open_id")
        );
    }
}
