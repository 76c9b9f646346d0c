//! `meetctl tencent <operation>`: one subcommand per row of the core's Tencent table
//! ([`TencentOperation::ALL`]), its options read from the row: `--meeting` (or `--code`, see
//! `find`), the operator (`--operator`, or `--user` where the row looks a user up), the targets
//! (`--user`, repeatable where the row takes several) and one option per argument of the row;
//! plus one subcommand per lookup (`lookup`) and `find`.

use clap::{Arg, ArgAction, ArgMatches, Command};
use meetctl::tencent::{
    OperatorRule, Slot, TargetRule, TencentClient, TencentControl, TencentEndpoint, TencentOperation,
    TencentParticipant, TencentUser,
};
use meetctl::{Field, Param};
use serde_json::{Value, json};

use crate::curl::Shown;
use crate::failure::{self, RunFailure};
use crate::global::Global;
use crate::output::{self, Output};
use crate::params::{self, kebab};
use crate::profile::{Profile, Table};
use crate::users;

/// The `tencent` command and its subcommands.
pub(crate) fn command() -> Command {
    let mut cmd = Command::new("tencent")
        .about("Tencent Meeting: one subcommand per control operation")
        .long_about(format!(
            "Tencent Meeting: one subcommand per control operation of the core's table.\n\n\
             Users are written KIND:ID@DEVICE: `ms_open_id:afagsagwags@ios`, `userid:alice@pc`, \
             `uuid:…@mac`, `open_id:…@android`. Each subcommand's --help says which kinds its \
             endpoint accepts.\n\nDEVICE is a device name or its number (the vendor's instanceid): {}.\n\n\
             The meeting is --meeting MEETING_ID, or --code with the code people type (`806 724 161`, \
             or a join link): the meeting it means is found first (`meetctl tencent find` says how) \
             and named on stderr. Finding asks as a user of the app by userid (or, with OAuth, your \
             open_id): the operator when it is one, else --find-as USER.\n\n\
             The lookups (meetings-by-code, meeting, room-meetings, waiting-room, attendance) read \
             and change nothing.",
            users::device_names()
        ))
        .subcommand_required(true)
        .arg_required_else_help(true);
    for op in TencentOperation::ALL {
        cmd = cmd.subcommand(operation_command(op));
    }
    for lookup in crate::lookup::tencent_commands() {
        cmd = cmd.subcommand(lookup);
    }
    cmd.subcommand(crate::find::command())
}

/// The caller's arguments of a row: its query and body arguments, and those its slots carry.
pub(crate) fn row_params(spec: &TencentEndpoint) -> Vec<Param> {
    let fields = spec.query.iter().chain(spec.body.unwrap_or(&[]));
    params::unique(fields.flat_map(|field| match *field {
        Field::Arg(param) | Field::Slot(Slot::UsersWith(param)) => vec![param],
        Field::Slot(slot) => slot.params().to_vec(),
        Field::Fixed(..) => Vec::new(),
    }))
}

/// Whether the row sends the operator's device (`instanceid`).
fn sends_device(spec: &TencentEndpoint) -> bool {
    spec.query.iter().chain(spec.body.unwrap_or(&[])).any(|f| matches!(f, Field::Slot(Slot::Device(_))))
}

/// The row's path without the common prefix: `…/mutes`.
fn short_path(path: &str) -> String {
    const PREFIX: &str = "/v1/real-control/meetings/{meeting_id}/";
    match path.strip_prefix(PREFIX) {
        Some(rest) => format!("…/{rest}"),
        None => path.to_owned(),
    }
}

/// The flag the operator is given with: `--operator`, or `--user` where the row looks up a user.
fn operator_flag(rule: &OperatorRule) -> &'static str {
    if rule.role == "user" { "user" } else { "operator" }
}

fn operation_command(op: TencentOperation) -> Command {
    let spec = op.spec();
    let name = kebab(op.name());
    let fixed = params::constants(spec.query.iter().chain(spec.body.unwrap_or(&[])));
    let about = format!(
        "{} {}{}{fixed}",
        spec.method,
        short_path(spec.path),
        if fixed.is_empty() { "" } else { " " }
    );
    let device = sends_device(spec);
    let operator_flag = operator_flag(&spec.operator);
    let mut long =
        format!("{} {}{}{fixed}\n", spec.method, spec.path, if fixed.is_empty() { "" } else { " with " });
    long.push_str(&format!(
        "\n{}: {}.",
        if operator_flag == "user" { "The user looked up" } else { "The operator" },
        users::form(spec.operator.accepts, device)
    ));
    if !device {
        long.push_str(" The device is not sent and may be left out.");
    }
    match spec.targets {
        TargetRule::None => {}
        TargetRule::One(kinds) => {
            long.push_str(&format!("\nTarget (--user): one, {}.", users::form(kinds, true)))
        }
        TargetRule::Many(kinds) => long
            .push_str(&format!("\nTargets (--user, repeatable): one or more, {}.", users::form(kinds, true))),
    }
    long.push_str(if spec.oauth {
        "\nOAuth 2.0 credentials: accepted (an open_id operator must be your own open id)."
    } else {
        "\nOAuth 2.0 credentials: refused by this endpoint; use AK/SK."
    });
    if spec.at_least_one_arg {
        long.push_str("\nGive at least one of the options below; only those given are sent.");
    }
    if op == TencentOperation::Participants {
        long.push_str("\nWithout --page or --page-size every page is fetched and listed.");
    }
    if row_params(spec).iter().any(|p| p.name == "occurrence") {
        long.push_str(
            "\nFor a recurring meeting, --occurrence names the occurrence (sub_meeting_id); with --code \
             the occurrence found is used unless --occurrence is given.",
        );
    }
    long.push_str(
        "\nWith --code and --dry-run the code is still looked up (a read, which changes nothing); \
         the control itself is only printed.",
    );

    let mut cmd = Command::new(name.clone()).about(about).long_about(long);
    if name != op.name() {
        cmd = cmd.alias(op.name());
    }
    cmd = crate::find::meeting_args(
        cmd,
        "The meeting id (for a recurring meeting, the parent meeting's)",
        None,
    );
    cmd = cmd.arg(
        Arg::new("operator")
            .long(operator_flag)
            .value_name("USER")
            .required(true)
            .value_parser(move |s: &str| users::parse_user(s, device))
            .help(format!(
                "{}: {}",
                if operator_flag == "user" { "Whose id to look up" } else { "Who acts" },
                users::form(spec.operator.accepts, device)
            )),
    );
    let target_flag = if operator_flag == "user" { "target" } else { "user" };
    match spec.targets {
        TargetRule::None => {}
        TargetRule::One(kinds) => {
            cmd = cmd.arg(
                Arg::new("targets")
                    .long(target_flag)
                    .value_name("USER")
                    .required(true)
                    .action(ArgAction::Set)
                    .value_parser(|s: &str| users::parse_user(s, true))
                    .help(format!(
                        "Whom it acts on, on the device they are really on: {}",
                        users::form(kinds, true)
                    )),
            );
        }
        TargetRule::Many(kinds) => {
            cmd = cmd.arg(
                Arg::new("targets")
                    .long(target_flag)
                    .value_name("USER")
                    .required(true)
                    .action(ArgAction::Append)
                    .value_parser(|s: &str| users::parse_user(s, true))
                    .help(format!("Whom it acts on (repeat for more): {}", users::form(kinds, true))),
            );
        }
    }
    for param in row_params(spec) {
        if let Some(arg) = params::option(&param) {
            cmd = cmd.arg(arg);
        }
    }
    cmd
}

/// The flag a core error's field came from.
fn flag_of(op: TencentOperation, field: &str) -> Option<String> {
    let spec = op.spec();
    // `operator.id` → `operator`, `targets[1].instance` → `targets`.
    let head = field.split(['.', '[']).next().unwrap_or(field);
    let target_flag = if operator_flag(&spec.operator) == "user" { "--target" } else { "--user" };
    Some(match head {
        "meeting_id" => "--meeting".to_owned(),
        "code" => "--code".to_owned(),
        "operator" => format!("--{}", operator_flag(&spec.operator)),
        "user" | "targets" if spec.targets == TargetRule::None => {
            format!("--{}", operator_flag(&spec.operator))
        }
        "user" | "targets" => target_flag.to_owned(),
        "args" => "the options".to_owned(),
        "credentials" => "the Tencent credentials".to_owned(),
        other if row_params(spec).iter().any(|p| p.name == other) => params::flag(other),
        _ => return None,
    })
}

/// A Tencent client from the profile and the global options.
pub(crate) fn client(global: &Global, profile: &Profile) -> Result<TencentClient, RunFailure> {
    let credentials = profile.tencent_credentials()?;
    let config = profile.client_config(Table::Tencent, global.base_url.as_deref(), global.timeout)?;
    TencentClient::new(credentials, config)
        .map_err(|e| profile.client_error(Table::Tencent, global.base_url.is_some(), e))
}

/// Runs `meetctl tencent <operation>`.
pub(crate) fn run(global: &Global, matches: &ArgMatches, out: &mut Output) -> Result<(), RunFailure> {
    let Some((name, m)) = matches.subcommand() else {
        return Err(RunFailure::usage("a Tencent operation is needed; see `meetctl tencent --help`"));
    };
    if name == "find" {
        return crate::find::run(global, m, out);
    }
    if let Some(done) = crate::lookup::run_tencent(global, name, m, out) {
        return done;
    }
    let op = TencentOperation::ALL
        .into_iter()
        .find(|op| kebab(op.name()) == name)
        .ok_or_else(|| RunFailure::usage(format!("`{name}` is no Tencent operation")))?;
    let spec = op.spec();
    let operator = params::one::<TencentUser>(m, "operator")
        .ok_or_else(|| RunFailure::usage(format!("--{} is required", operator_flag(&spec.operator))))?;
    let targets: Vec<TencentUser> = params::many(m, "targets");
    let row_params = row_params(spec);
    if spec.at_least_one_arg {
        params::require_one(m, &row_params)?;
    }
    let mut args = params::collect(m, &row_params);

    let profile = Profile::load(global.profile.as_deref(), global.config.as_deref())?;
    let client = client(global, &profile)?;
    let fail = |e| failure::core(e, |field| flag_of(op, field));
    let operator_flag = format!("--{}", operator_flag(&spec.operator));
    let resolved = crate::find::resolve(m, &client, Some(&operator), &operator_flag, out.json())?;
    let meeting_id = resolved.meeting_id.clone();
    let occurrence_taken = row_params.iter().any(|p| p.name == "occurrence");
    if let Some(occurrence) = resolved.occurrence().filter(|_| occurrence_taken) {
        if args.get("occurrence").is_none() {
            args.set("occurrence", occurrence.to_owned());
        }
    }
    let occurrence = args.get("occurrence").and_then(Value::as_str).map(str::to_owned);
    let control =
        TencentControl::new(op, meeting_id.clone(), operator.clone()).targets(targets).args(args.clone());

    if global.dry_run {
        let prepared = client.prepare(&control).map_err(fail)?;
        let shown = Shown::new(&prepared, global.show_secrets, &[]);
        if out.json() {
            return out.document(&resolved.annotate(shown.to_json()));
        }
        out.line(&shown.curl())?;
        output::note(&format!(
            "# dry run: nothing was sent{}.{}",
            if global.show_secrets { "" } else { "; secrets masked as *** (--show-secrets shows them)" },
            if prepared.header("X-TC-Signature").is_some() {
                " The signature is good for one send within 5 minutes."
            } else {
                ""
            }
        ));
        return Ok(());
    }

    if op == TencentOperation::Participants {
        // The page options ask for one page; the occurrence is no page option.
        let page_params: Vec<Param> =
            row_params.iter().filter(|p| p.name.starts_with("page")).copied().collect();
        let paged = params::any_given(m, &page_params);
        let list = if paged {
            let answer = client.call(&control).map_err(fail)?;
            let entries = answer.get("participants").and_then(Value::as_array).cloned().unwrap_or_default();
            if out.json() {
                return out.document(&resolved.annotate(done(op, &meeting_id, answer)));
            }
            entries.into_iter().map(TencentParticipant::from_json).collect()
        } else {
            client.participants_of(&meeting_id, occurrence.as_deref(), &operator).map_err(fail)?
        };
        if out.json() {
            let raw: Vec<Value> = list.iter().map(|p| p.raw.clone()).collect();
            return out.document(&resolved.annotate(done(op, &meeting_id, json!({ "participants": raw }))));
        }
        return out.line(&participants_table(&list));
    }

    let answer = client.call(&control).map_err(fail)?;
    if out.json() {
        return out.document(&resolved.annotate(done(op, &meeting_id, answer)));
    }
    out.line(&format!("ok: tencent {} (meeting {meeting_id})", kebab(op.name())))?;
    match answer {
        Value::Null => Ok(()),
        Value::Object(ref map) if map.is_empty() => Ok(()),
        other => out.line(&serde_json::to_string_pretty(&other).unwrap_or_default()),
    }
}

/// The JSON document of a finished call.
fn done(op: TencentOperation, meeting_id: &str, result: Value) -> Value {
    json!({ "ok": true, "vendor": "tencent", "operation": op.name(), "meeting_id": meeting_id, "result": result })
}

/// The participant list as a table; USER is what `--user` takes to act on them.
pub(crate) fn participants_table(list: &[TencentParticipant]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            vec![
                output::text(p.user_name.as_deref()),
                output::text(p.userid.as_deref()),
                p.as_user().map_or_else(|| "-".to_owned(), |u| users::display_user(&u)),
                p.instance.map_or_else(
                    || p.instanceid.map_or_else(|| "-".to_owned(), |i| i.to_string()),
                    |i| i.name().to_owned(),
                ),
                p.role.map_or("-", |r| r.name()).to_owned(),
                output::yes_no(p.audio_muted),
                output::yes_no(p.video_on),
                output::yes_no(p.sharing_screen),
            ]
        })
        .collect();
    let table =
        output::table(&["NAME", "USERID", "USER", "DEVICE", "ROLE", "MUTED", "VIDEO", "SHARING"], &rows);
    format!("{table}\n{} in the meeting", list.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_becomes_a_subcommand_with_its_arguments() {
        let cmd = command();
        for op in TencentOperation::ALL {
            let sub = cmd.find_subcommand(kebab(op.name())).unwrap();
            for param in row_params(op.spec()) {
                assert!(sub.get_arguments().any(|a| a.get_long() == Some(&kebab(param.name))), "{op:?}");
            }
        }
        let kick = cmd.find_subcommand("kick-out").unwrap();
        let user = kick.get_arguments().find(|a| a.get_long() == Some("user")).unwrap();
        assert!(matches!(user.get_action(), ArgAction::Append));
        let lookup = cmd.find_subcommand("ms-open-id").unwrap();
        assert!(lookup.get_arguments().any(|a| a.get_long() == Some("user")));
        assert!(!lookup.get_arguments().any(|a| a.get_long() == Some("operator")));
    }

    #[test]
    fn errors_name_the_flags() {
        assert_eq!(flag_of(TencentOperation::Rename, "nick_name").as_deref(), Some("--nick-name"));
        assert_eq!(flag_of(TencentOperation::Mute, "user.id").as_deref(), Some("--user"));
        assert_eq!(flag_of(TencentOperation::MsOpenId, "user.id").as_deref(), Some("--user"));
        assert_eq!(flag_of(TencentOperation::Mute, "operator.instance").as_deref(), Some("--operator"));
        assert_eq!(flag_of(TencentOperation::KickOut, "targets[1].instance").as_deref(), Some("--user"));
        assert_eq!(flag_of(TencentOperation::KickOut, "targets").as_deref(), Some("--user"));
        assert_eq!(flag_of(TencentOperation::Mute, "meeting_id").as_deref(), Some("--meeting"));
    }
}
