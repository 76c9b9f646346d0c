//! `meetctl huawei <operation>`: one subcommand per row of the core's Huawei table
//! ([`HuaweiOperation::ALL`]), its options read from the row: `--conference`, `--participant`
//! where the row takes participant ids (repeatable where it takes a list), and one option per
//! argument. A secret argument (the chairman password) comes from the environment or the config
//! file, never the command line.

use clap::{Arg, ArgAction, ArgMatches, Command};
use meetctl::huawei::{
    Conference, ConferenceControl, HuaweiConferenceInfo, HuaweiEndpoint, HuaweiOperation, HuaweiParticipant,
    ParticipantRule,
};
use meetctl::{Field, Param, ParamKind, Secret};
use serde_json::{Value, json};

use crate::curl::Shown;
use crate::failure::{self, RunFailure};
use crate::global::Global;
use crate::output::{self, Output};
use crate::params::{self, kebab};
use crate::profile::{self, Profile, Table};

/// The `huawei` command and its subcommands.
pub(crate) fn command() -> Command {
    let mut cmd = Command::new("huawei")
        .about("Huawei Cloud Meeting: one subcommand per conference control")
        .long_about(
            "Huawei Cloud Meeting: one subcommand per conference-control operation of the core's \
             table. Participants are named by participant id (`meetctl huawei info` lists them).\n\n\
             Every call carries a meeting control token, fetched with the conference password \
             (MEETCTL_HUAWEI_CONFERENCE_PASSWORD; host password for the host's controls) or given \
             as MEETCTL_HUAWEI_CONTROL_TOKEN. With --dry-run the access and control tokens are \
             still fetched over the network (that changes nothing in the conference); the control \
             call itself is only printed.\n\n\
             The lookups (online-conferences, online-conference-details, conference-details, \
             online-attendees, call-number-status, ws-token) read and change nothing; all but \
             ws-token are asked with the account's access token (App ID or account settings), \
             ws-token through the conference, with its control token.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true);
    for op in HuaweiOperation::ALL {
        cmd = cmd.subcommand(operation_command(op));
    }
    for lookup in crate::lookup::huawei_commands() {
        cmd = cmd.subcommand(lookup);
    }
    cmd
}

/// The caller's arguments of a row.
pub(crate) fn row_params(spec: &HuaweiEndpoint) -> Vec<Param> {
    params::unique(spec.body.unwrap_or(&[]).iter().filter_map(|field| match *field {
        Field::Arg(param) => Some(param),
        _ => None,
    }))
}

/// The row's path without the common prefix: `…/participants/mute`.
fn short_path(path: &str) -> String {
    const PREFIX: &str = "/v1/mmc/control/conferences/";
    match path.strip_prefix(PREFIX) {
        Some(rest) => format!("…/{rest}"),
        None => path.to_owned(),
    }
}

fn operation_command(op: HuaweiOperation) -> Command {
    let spec = op.spec();
    let name = kebab(op.name());
    let fixed = params::constants(spec.body.unwrap_or(&[]));
    let about = format!(
        "{} {}{}{fixed}",
        spec.method,
        short_path(spec.path),
        if fixed.is_empty() { "" } else { " " }
    );
    let mut long = format!(
        "{} {}?conferenceID=…{}{fixed}\n",
        spec.method,
        spec.path,
        if fixed.is_empty() { "" } else { " with " }
    );
    long.push_str(match spec.participants {
        ParticipantRule::None => "\nTakes no participant.",
        ParticipantRule::Query => {
            "\nOne participant (--participant), sent as the participantID query parameter."
        }
        ParticipantRule::Body(_) => "\nOne participant (--participant).",
        ParticipantRule::BodyUnless(..) => {
            "\nOne participant (--participant), or none with the option below."
        }
        ParticipantRule::List(_) => "\nOne or more participants (--participant, repeatable).",
    });
    for secret in row_params(spec).iter().filter(|p| p.kind == ParamKind::Secret) {
        let var =
            profile::env_var(Table::Huawei, secret.name).map(|v| format!("{v} or ")).unwrap_or_default();
        long.push_str(&format!(
            "\n`{}` is a secret: it is read from {var}`{}` under [profiles.NAME.huawei], never from a flag.",
            secret.name, secret.name
        ));
    }
    if spec.at_least_one_arg {
        long.push_str("\nGive at least one of the options below; only those given are sent.");
    }

    let mut cmd = Command::new(name.clone()).about(about).long_about(long);
    if name != op.name() {
        cmd = cmd.alias(op.name());
    }
    cmd = cmd.arg(
        Arg::new("conference")
            .long("conference")
            .value_name("CONFERENCE_ID")
            .required(true)
            .help("The conference id"),
    );
    let participant = Arg::new("participants").long("participant").value_name("PARTICIPANT_ID");
    cmd = match spec.participants {
        ParticipantRule::None => cmd,
        ParticipantRule::Query | ParticipantRule::Body(_) => {
            cmd.arg(participant.required(true).action(ArgAction::Set).help("The participant it acts on"))
        }
        ParticipantRule::BodyUnless(_, flag) => cmd.arg(
            participant
                .action(ArgAction::Set)
                .required_unless_present(flag)
                .help(format!("The participant it acts on (unless {})", params::flag(flag))),
        ),
        ParticipantRule::List(_) => cmd.arg(
            participant
                .required(true)
                .action(ArgAction::Append)
                .help("A participant it acts on (repeat for more)"),
        ),
    };
    for param in row_params(spec) {
        if let Some(arg) = params::option(&param) {
            cmd = cmd.arg(arg);
        }
    }
    cmd
}

/// The flag (or setting) a core error's field came from.
fn flag_of(op: HuaweiOperation, field: &str) -> Option<String> {
    let params = row_params(op.spec());
    Some(match field {
        "conference_id" => "--conference".to_owned(),
        "participant_id" | "participant_ids" => "--participant".to_owned(),
        "args" => "the options".to_owned(),
        other => match params.iter().find(|p| p.name == other) {
            Some(p) if p.kind == ParamKind::Secret => {
                format!("MEETCTL_HUAWEI_{}", p.name.to_ascii_uppercase())
            }
            Some(p) => params::flag(p.name),
            None => return None,
        },
    })
}

/// A conference handle from the profile and the global options.
pub(crate) fn conference(
    global: &Global,
    profile: &Profile,
    conference_id: &str,
) -> Result<Conference, RunFailure> {
    let auth = profile.conference_auth()?;
    let client = crate::lookup::huawei_client(global, profile)?;
    client.conference(conference_id, auth).map_err(|e| match e.field() {
        Some("conference_id") => failure::core(e, |_| Some("--conference".to_owned())),
        _ => profile.client_error(Table::Huawei, false, e),
    })
}

/// Runs `meetctl huawei <operation>`.
pub(crate) fn run(global: &Global, matches: &ArgMatches, out: &mut Output) -> Result<(), RunFailure> {
    let Some((name, m)) = matches.subcommand() else {
        return Err(RunFailure::usage("a Huawei operation is needed; see `meetctl huawei --help`"));
    };
    if let Some(done) = crate::lookup::run_huawei(global, name, m, out) {
        return done;
    }
    let op = HuaweiOperation::ALL
        .into_iter()
        .find(|op| kebab(op.name()) == name)
        .ok_or_else(|| RunFailure::usage(format!("`{name}` is no Huawei operation")))?;
    let conference_id = params::one::<String>(m, "conference").unwrap_or_default();
    let participants: Vec<String> = params::many(m, "participants");
    let row_params = row_params(op.spec());
    if op.spec().at_least_one_arg {
        params::require_one(m, &row_params)?;
    }
    let mut args = params::collect(m, &row_params);

    let profile = Profile::load(global.profile.as_deref(), global.config.as_deref())?;
    let mut secrets: Vec<Secret> = Vec::new();
    for param in row_params.iter().filter(|p| p.kind == ParamKind::Secret) {
        let secret = profile.huawei_secret_argument(param.name)?;
        args.set(param.name, secret.expose());
        secrets.push(secret);
    }
    let control = ConferenceControl::new(op).participants(participants).args(args);
    let conference = conference(global, &profile, &conference_id)?;
    let fail = |e| failure::core(e, |field| flag_of(op, field));

    if global.dry_run {
        let prepared = conference.prepare(&control).map_err(fail)?;
        let shown = Shown::new(&prepared, global.show_secrets, &secrets);
        if out.json() {
            return out.document(&shown.to_json());
        }
        out.line(&shown.curl())?;
        output::note(&format!(
            "# dry run: the control call was not sent (its tokens were fetched){}.",
            if global.show_secrets { "" } else { "; secrets masked as *** (--show-secrets shows them)" }
        ));
        return Ok(());
    }

    let answer = conference.call(&control).map_err(fail)?;
    if out.json() {
        return out.document(&json!({
            "ok": true, "vendor": "huawei", "operation": op.name(), "conference_id": conference_id, "result": answer,
        }));
    }
    if op == HuaweiOperation::Info {
        let info = HuaweiConferenceInfo::from_json(answer).map_err(fail)?;
        return out.line(&info_table(&info.participants, info.host_id.as_deref()));
    }
    out.line(&format!("ok: huawei {} (conference {conference_id})", kebab(op.name())))?;
    match answer {
        Value::Null => Ok(()),
        Value::Object(ref map) if map.is_empty() => Ok(()),
        other => out.line(&serde_json::to_string_pretty(&other).unwrap_or_default()),
    }
}

/// Who is online, as a table.
pub(crate) fn info_table(list: &[HuaweiParticipant], host: Option<&str>) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            vec![
                p.participant_id.clone(),
                output::text(p.name.as_deref()),
                output::text(p.number.as_deref()),
                p.role.name().to_owned(),
                output::yes_no(p.audio_muted),
                output::yes_no(p.video_on),
                output::yes_no(p.hand_raised),
            ]
        })
        .collect();
    let table = output::table(&["PARTICIPANT", "NAME", "NUMBER", "ROLE", "MUTED", "VIDEO", "HAND"], &rows);
    format!("{table}\n{} online, host: {}", list.len(), host.unwrap_or("none"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_becomes_a_subcommand() {
        let cmd = command();
        for op in HuaweiOperation::ALL {
            let sub = cmd.find_subcommand(kebab(op.name())).unwrap();
            let has_participant = sub.get_arguments().any(|a| a.get_long() == Some("participant"));
            assert_eq!(has_participant, op.spec().participants != ParticipantRule::None, "{op:?}");
        }
        let apply = cmd.find_subcommand("apply-host").unwrap();
        assert!(!apply.get_arguments().any(|a| a.get_long() == Some("chairman-password")));
        assert_eq!(
            flag_of(HuaweiOperation::ApplyHost, "chairman_password").as_deref(),
            Some("MEETCTL_HUAWEI_CHAIRMAN_PASSWORD")
        );
        assert_eq!(flag_of(HuaweiOperation::Extend, "minutes").as_deref(), Some("--minutes"));
    }
}
