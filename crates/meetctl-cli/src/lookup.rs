//! The lookups of both vendors as subcommands, built at run time from the core's tables
//! ([`TencentLookup::ALL`], [`HuaweiLookup::ALL`]): `meetctl tencent meetings-by-code`,
//! `meetctl huawei online-conferences`, … A row's path and query arguments are options (its
//! `meeting_id` is `--meeting`, or `--code`, as on the controls), the operator is `--operator`
//! where the row takes one, and the answer is printed from the row's record declaration
//! ([`RecordSpec`]): a table for a list, key/value lines for one record, times in UTC, a secret
//! field masked unless `--show-secrets`. Lookups read and change nothing, so there is no dry run.

use clap::{Arg, ArgMatches, Command};
use meetctl::huawei::{HuaweiClient, HuaweiLookup, LookupAuth};
use meetctl::record::{ALL_RECORDS, RecordField, RecordSpec};
use meetctl::tencent::{Asker, LookupSlot, TencentLookup, TencentUser};
use meetctl::{Answer, Field, Param};
use serde_json::{Value, json};

use crate::failure::{self, RunFailure};
use crate::global::Global;
use crate::output::{self, Output};
use crate::params::{self, kebab};
use crate::profile::{Profile, Table};
use crate::users;

/// What masks a secret in the output.
const MASK: &str = "***";

// ---------------------------------------------------------------------------------------------
// The declarations, read generically.

/// The record a lookup answers, and whether it answers a list of them.
fn answer_record(answers: Answer) -> Option<(&'static RecordSpec, bool)> {
    let (name, many) = match answers {
        Answer::Pages(name) => (name, true),
        Answer::Typed(name) => (name, false),
        Answer::Nothing => return None,
    };
    record(name).map(|spec| (spec, many))
}

/// The record declared as `name`.
fn record(name: &str) -> Option<&'static RecordSpec> {
    ALL_RECORDS.iter().find(|r| r.name == name)
}

/// A field's type without `Option<…>` and `Vec<…>`, and whether it was a list.
fn inner_type(field: &RecordField) -> (String, bool) {
    let mut ty = field.rust_type.replace(' ', "");
    let mut list = false;
    loop {
        if let Some(inner) = ty.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
            ty = inner.to_owned();
        } else if let Some(inner) = ty.strip_prefix("Vec<").and_then(|t| t.strip_suffix('>')) {
            ty = inner.to_owned();
            list = true;
        } else {
            return (ty, list);
        }
    }
}

/// Whether the record `spec` holds a secret, itself or in a record it holds.
fn holds_secret(spec: &RecordSpec) -> bool {
    spec.fields.iter().any(|f| {
        let (ty, _) = inner_type(f);
        ty == "Secret" || record(&ty).is_some_and(holds_secret)
    })
}

/// Replaces every secret of the record `spec` in `value` (one record, or a list of them) with
/// [`MASK`].
fn mask(spec: &RecordSpec, value: &mut Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| mask(spec, v)),
        Value::Object(map) => {
            for field in spec.fields {
                let (ty, _) = inner_type(field);
                let Some(v) = map.get_mut(field.name) else { continue };
                if ty == "Secret" {
                    if !v.is_null() {
                        *v = json!(MASK);
                    }
                } else if let Some(inner) = record(&ty) {
                    mask(inner, v);
                }
            }
        }
        _ => {}
    }
}

/// Whether the parsed command is a lookup whose answer holds a secret (`huawei ws-token`): the
/// one place besides `--dry-run` where `--show-secrets` means something.
pub(crate) fn prints_secrets(matches: &ArgMatches) -> bool {
    let answers = match matches.subcommand() {
        Some(("tencent", m)) => m.subcommand_name().and_then(tencent_lookup).map(|l| l.spec().answers),
        Some(("huawei", m)) => m.subcommand_name().and_then(huawei_lookup).map(|l| l.spec().answers),
        _ => None,
    };
    answers.and_then(answer_record).is_some_and(|(spec, _)| holds_secret(spec))
}

/// The lookups whose answer holds a secret, as `huawei ws-token`, for messages.
pub(crate) fn secret_lookups() -> String {
    let holds = |answers: Answer| answer_record(answers).is_some_and(|(spec, _)| holds_secret(spec));
    let tencent = TencentLookup::ALL
        .into_iter()
        .filter(|l| holds(l.spec().answers))
        .map(|l| format!("tencent {}", kebab(l.name())));
    let huawei = HuaweiLookup::ALL
        .into_iter()
        .filter(|l| holds(l.spec().answers))
        .map(|l| format!("huawei {}", kebab(l.name())));
    tencent.chain(huawei).collect::<Vec<_>>().join(", ")
}

fn tencent_lookup(name: &str) -> Option<TencentLookup> {
    TencentLookup::ALL.into_iter().find(|l| kebab(l.name()) == name)
}

fn huawei_lookup(name: &str) -> Option<HuaweiLookup> {
    HuaweiLookup::ALL.into_iter().find(|l| kebab(l.name()) == name)
}

/// The caller's arguments of a Tencent lookup: its path arguments, then its query arguments.
fn tencent_params(lookup: TencentLookup) -> Vec<Param> {
    let spec = lookup.spec();
    let query = spec.query.iter().filter_map(|f| match *f {
        Field::Arg(p) => Some(p),
        _ => None,
    });
    params::unique(spec.path_params.iter().copied().chain(query))
}

/// Whether a Tencent lookup sends the operator's device (`instanceid`).
pub(crate) fn tencent_sends_device(lookup: TencentLookup) -> bool {
    lookup.spec().query.iter().any(|f| matches!(f, Field::Slot(LookupSlot::Device)))
}

/// The caller's arguments of a Huawei lookup.
fn huawei_params(lookup: HuaweiLookup) -> Vec<Param> {
    params::unique(lookup.spec().query.iter().filter_map(|f| match *f {
        Field::Arg(p) => Some(p),
        _ => None,
    }))
}

/// The option of a row's argument: `--room-id` for `room_id`; `conference_id` answers to
/// `--conference` too, as the controls spell it.
fn option(param: &Param) -> Option<Arg> {
    let arg = params::option(param)?;
    Some(if param.name == "conference_id" { arg.visible_alias("conference") } else { arg })
}

/// The flag a core error's field came from, for a lookup taking `params`.
fn flag_of(params: &[Param], field: &str) -> Option<String> {
    let head = field.split(['.', '[']).next().unwrap_or(field);
    Some(match head {
        "meeting_id" => "--meeting".to_owned(),
        "operator" => "--operator".to_owned(),
        "args" => "the options".to_owned(),
        "credentials" => "the Tencent credentials".to_owned(),
        "auth" => "the Huawei App ID or account settings".to_owned(),
        other if params.iter().any(|p| p.name == other) => params::flag(other),
        _ => return None,
    })
}

/// The long help's common ending: what it answers and that it changes nothing.
fn answers_text(answers: Answer) -> String {
    match answer_record(answers) {
        Some((spec, true)) => {
            format!("Answers a list of {} (a table; --json: the records): {}", spec.name, field_names(spec))
        }
        Some((spec, false)) => {
            format!("Answers one {} (key/value lines; --json: the record): {}", spec.name, field_names(spec))
        }
        None => "Answers nothing.".to_owned(),
    }
}

fn field_names(spec: &RecordSpec) -> String {
    spec.fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
}

// ---------------------------------------------------------------------------------------------
// Tencent.

/// The Tencent lookup subcommands.
pub(crate) fn tencent_commands() -> Vec<Command> {
    TencentLookup::ALL.into_iter().map(tencent_command).collect()
}

fn tencent_command(lookup: TencentLookup) -> Command {
    let spec = lookup.spec();
    let name = kebab(lookup.name());
    let device = tencent_sends_device(lookup);
    let mut long =
        format!("{}.\n\nGET {} (a lookup: it reads and changes nothing).", lookup.summary(), spec.path);
    let details = lookup.details().trim();
    if !details.is_empty() {
        long.push_str(&format!("\n{}", details.replace('\n', " ")));
    }
    if spec.asker != Asker::None {
        long.push_str(&format!("\nThe operator (who asks): {}.", users::form(spec.accepts, device)));
    }
    long.push_str(if spec.oauth {
        "\nOAuth 2.0 credentials: accepted."
    } else {
        "\nOAuth 2.0 credentials: refused by this endpoint; use AK/SK."
    });
    if spec.paging != meetctl::Paging::None {
        long.push_str("\nEvery page is read.");
    }
    if tencent_params(lookup).iter().any(|p| p.name == "occurrence") {
        long.push_str("\nWith --code, the occurrence found is used unless --occurrence is given.");
    }
    long.push_str(&format!("\n{}", answers_text(spec.answers)));

    let mut cmd = Command::new(name.clone())
        .about(format!("{} [GET {}]", lookup.summary(), spec.path))
        .long_about(long);
    if name != lookup.name() {
        cmd = cmd.alias(lookup.name());
    }
    let takes_meeting = tencent_params(lookup).iter().any(|p| p.name == "meeting_id");
    if takes_meeting {
        cmd = crate::find::meeting_args(
            cmd,
            "The meeting id (for a recurring meeting, the parent meeting's)",
            None,
        );
    }
    if spec.asker != Asker::None {
        cmd = cmd.arg(
            Arg::new("operator")
                .long("operator")
                .value_name("USER")
                .required(true)
                .value_parser(move |s: &str| users::parse_user(s, device))
                .help(format!("Who asks: {}", users::form(spec.accepts, device))),
        );
    }
    for param in tencent_params(lookup).iter().filter(|p| p.name != "meeting_id") {
        if let Some(arg) = option(param) {
            cmd = cmd.arg(arg);
        }
    }
    cmd
}

/// Runs `meetctl tencent <lookup>`; `None` when `name` is no lookup.
pub(crate) fn run_tencent(
    global: &Global,
    name: &str,
    m: &ArgMatches,
    out: &mut Output,
) -> Option<Result<(), RunFailure>> {
    let lookup = tencent_lookup(name)?;
    Some(tencent(global, lookup, m, out))
}

fn tencent(
    global: &Global,
    lookup: TencentLookup,
    m: &ArgMatches,
    out: &mut Output,
) -> Result<(), RunFailure> {
    refuse_dry_run(global, "tencent", lookup.name())?;
    let row_params = tencent_params(lookup);
    let operator = params::one::<TencentUser>(m, "operator");
    let mut args = params::collect(m, &row_params);
    if let Some(Value::String(code)) = args.get("meeting_code").cloned() {
        let digits = meetctl::find::normalise_code(&code, "meeting_code")
            .map_err(|e| failure::core(e, |f| flag_of(&row_params, f)))?;
        args.set("meeting_code", digits);
    }
    let profile = Profile::load(global.profile.as_deref(), global.config.as_deref())?;
    let client = crate::tencent::client(global, &profile)?;
    let mut resolved = None;
    if row_params.iter().any(|p| p.name == "meeting_id") {
        let found = crate::find::resolve(m, &client, operator.as_ref(), "--operator", out.json())?;
        args.set("meeting_id", found.meeting_id.clone());
        if let Some(occurrence) = found.occurrence() {
            if row_params.iter().any(|p| p.name == "occurrence") && args.get("occurrence").is_none() {
                args.set("occurrence", occurrence.to_owned());
            }
        }
        resolved = Some(found);
    }
    let value = client
        .lookup(lookup, operator.as_ref(), &args)
        .map_err(|e| failure::core(e, |f| flag_of(&row_params, f)))?;
    let doc = json!({ "ok": true, "vendor": "tencent", "operation": lookup.name(), "result": value });
    let doc = match &resolved {
        Some(r) => r.annotate(doc),
        None => doc,
    };
    print(global, lookup.spec().answers, doc, out)
}

// ---------------------------------------------------------------------------------------------
// Huawei.

/// The Huawei lookup subcommands.
pub(crate) fn huawei_commands() -> Vec<Command> {
    HuaweiLookup::ALL.into_iter().map(huawei_command).collect()
}

fn huawei_command(lookup: HuaweiLookup) -> Command {
    let spec = lookup.spec();
    let name = kebab(lookup.name());
    let mut long =
        format!("{}.\n\nGET {} (a lookup: it reads and changes nothing).", lookup.summary(), spec.path);
    let details = lookup.details().trim();
    if !details.is_empty() {
        long.push_str(&format!("\n{}", details.replace('\n', " ")));
    }
    long.push_str(match spec.auth {
        LookupAuth::Account => {
            "\nAsked with the account's access token: needs the App ID (MEETCTL_HUAWEI_APP_ID, \
             MEETCTL_HUAWEI_APP_KEY) or account (MEETCTL_HUAWEI_ACCOUNT, MEETCTL_HUAWEI_PASSWORD) settings."
        }
        LookupAuth::Conference => {
            "\nAsked through a conference handle, with its control token: the conference password \
             (MEETCTL_HUAWEI_CONFERENCE_PASSWORD) or a control token (MEETCTL_HUAWEI_CONTROL_TOKEN), \
             as the conference controls."
        }
        LookupAuth::None => "\nAsked with no token at all: needs no account or conference settings.",
    });
    if spec.paging != meetctl::Paging::None {
        long.push_str("\nEvery page is read.");
    }
    long.push_str(&format!("\n{}", answers_text(spec.answers)));
    if answer_record(spec.answers).is_some_and(|(r, _)| holds_secret(r)) {
        long.push_str("\nThe token is printed as *** unless --show-secrets.");
    }

    let mut cmd = Command::new(name.clone())
        .about(format!("{} [GET {}]", lookup.summary(), spec.path))
        .long_about(long);
    if name != lookup.name() {
        cmd = cmd.alias(lookup.name());
    }
    if spec.auth == LookupAuth::Conference {
        cmd = cmd.arg(
            Arg::new("conference")
                .long("conference")
                .value_name("CONFERENCE_ID")
                .required(true)
                .help("The conference id"),
        );
    }
    for param in huawei_params(lookup) {
        if let Some(arg) = option(&param) {
            cmd = cmd.arg(arg);
        }
    }
    cmd
}

/// Runs `meetctl huawei <lookup>`; `None` when `name` is no lookup.
pub(crate) fn run_huawei(
    global: &Global,
    name: &str,
    m: &ArgMatches,
    out: &mut Output,
) -> Option<Result<(), RunFailure>> {
    let lookup = huawei_lookup(name)?;
    Some(huawei(global, lookup, m, out))
}

fn huawei(global: &Global, lookup: HuaweiLookup, m: &ArgMatches, out: &mut Output) -> Result<(), RunFailure> {
    refuse_dry_run(global, "huawei", lookup.name())?;
    let row_params = huawei_params(lookup);
    let args = params::collect(m, &row_params);
    let profile = Profile::load(global.profile.as_deref(), global.config.as_deref())?;
    let fail = |e| failure::core(e, |f| flag_of(&row_params, f));
    let value = match lookup.spec().auth {
        LookupAuth::Account | LookupAuth::None => {
            huawei_client(global, &profile)?.lookup(lookup, &args).map_err(fail)?
        }
        LookupAuth::Conference => {
            let id = params::one::<String>(m, "conference").unwrap_or_default();
            crate::huawei::conference(global, &profile, &id)?.lookup(lookup, &args).map_err(fail)?
        }
    };
    let mut doc = json!({ "ok": true, "vendor": "huawei", "operation": lookup.name(), "result": value });
    if let Some(id) = params::one::<String>(m, "conference") {
        doc["conference_id"] = json!(id);
    }
    print(global, lookup.spec().answers, doc, out)
}

/// A Huawei client for the account lookups, from the profile and the global options.
pub(crate) fn huawei_client(global: &Global, profile: &Profile) -> Result<HuaweiClient, RunFailure> {
    let region = profile.region()?;
    let account = profile.huawei_account()?;
    let config = profile.client_config(Table::Huawei, global.base_url.as_deref(), global.timeout)?;
    HuaweiClient::new(region, account, config)
        .map_err(|e| profile.client_error(Table::Huawei, global.base_url.is_some(), e))
}

fn refuse_dry_run(global: &Global, vendor: &str, name: &str) -> Result<(), RunFailure> {
    if global.dry_run {
        return Err(RunFailure::usage(format!(
            "--dry-run applies to controls; `meetctl {vendor} {}` is a lookup, which reads and changes nothing",
            kebab(name)
        )));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Output.

/// Prints a lookup's document: secrets masked unless `--show-secrets`; `--json` as it is, else
/// the result read through its record declaration.
fn print(global: &Global, answers: Answer, mut doc: Value, out: &mut Output) -> Result<(), RunFailure> {
    let record = answer_record(answers);
    if let Some((spec, _)) = record {
        if !global.show_secrets {
            mask(spec, &mut doc["result"]);
        }
    }
    if out.json() {
        return out.document(&doc);
    }
    match record {
        Some((spec, true)) => {
            let items = doc["result"].as_array().map(Vec::as_slice).unwrap_or(&[]);
            if items.is_empty() {
                return out.line("none");
            }
            out.line(&format!("{}\n{} listed", table(spec, items), items.len()))
        }
        Some((spec, false)) => out.line(&one(spec, &doc["result"])),
        None => out.line(&serde_json::to_string_pretty(&doc["result"]).unwrap_or_default()),
    }
}

/// A list of records as a table, a column per field (columns empty in every row left out).
fn table(spec: &RecordSpec, items: &[Value]) -> String {
    let columns: Vec<(&RecordField, Vec<String>)> = spec
        .fields
        .iter()
        .map(|f| (f, items.iter().map(|item| cell(f, &item[f.name])).collect::<Vec<_>>()))
        .filter(|(_, cells)| cells.iter().any(|c| c != "-"))
        .collect();
    let headers: Vec<String> = columns.iter().map(|(f, _)| f.name.to_ascii_uppercase()).collect();
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> =
        (0..items.len()).map(|i| columns.iter().map(|(_, cells)| cells[i].clone()).collect()).collect();
    output::table(&header_refs, &rows)
}

/// One record as key/value lines; the fields of a record it holds are lines of their own, a list
/// of records a table after the lines.
fn one(spec: &RecordSpec, value: &Value) -> String {
    let mut pairs = Vec::new();
    let mut tables = Vec::new();
    collect_pairs(spec, value, "", &mut pairs, &mut tables);
    let mut text = output::key_values(&pairs);
    for (title, table) in tables {
        text.push_str(&format!("\n\n{title}:\n{table}"));
    }
    text
}

fn collect_pairs(
    spec: &RecordSpec,
    value: &Value,
    prefix: &str,
    pairs: &mut Vec<(String, String)>,
    tables: &mut Vec<(String, String)>,
) {
    for field in spec.fields {
        let v = &value[field.name];
        let key = format!("{prefix}{}", field.name.replace('_', " "));
        let (ty, list) = inner_type(field);
        match record(&ty) {
            Some(inner) if list => {
                let items = v.as_array().map(Vec::as_slice).unwrap_or(&[]);
                if items.is_empty() {
                    pairs.push((key, "none".into()));
                } else {
                    tables.push((key, table(inner, items)));
                }
            }
            Some(inner) => collect_pairs(inner, v, prefix, pairs, tables),
            None => pairs.push((key, cell(field, v))),
        }
    }
}

/// One value as text, by its field's declaration: times (the doc says Unix seconds or
/// milliseconds) in UTC, booleans yes/no, lists joined, a list of records by its length.
fn cell(field: &RecordField, value: &Value) -> String {
    match value {
        Value::Null => "-".into(),
        Value::Bool(b) => output::yes_no(Some(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(secs) if field.doc.contains("Unix seconds") => output::utc(secs),
            Some(ms) if field.doc.contains("Unix milliseconds") => output::utc(ms.div_euclid(1000)),
            _ => n.to_string(),
        },
        Value::String(s) if s.is_empty() => "-".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            let texts: Vec<String> = items.iter().map(|i| cell(field, i)).collect();
            if texts.is_empty() { "-".into() } else { texts.join(", ") }
        }
        Value::Array(items) => items.len().to_string(),
        Value::Object(_) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether any lookup takes a secret argument (none does; the test keeps it so, as the CLI
    /// would have to read it from the environment).
    fn any_secret_param() -> bool {
        let t = TencentLookup::ALL.into_iter().flat_map(tencent_params);
        let h = HuaweiLookup::ALL.into_iter().flat_map(huawei_params);
        t.chain(h).any(|p| p.kind == meetctl::ParamKind::Secret)
    }

    #[test]
    fn every_lookup_is_a_subcommand_with_its_options() {
        for lookup in TencentLookup::ALL {
            let cmd = tencent_command(lookup);
            for p in tencent_params(lookup) {
                let long = if p.name == "meeting_id" { "meeting".to_owned() } else { kebab(p.name) };
                assert!(
                    cmd.get_arguments().any(|a| a.get_long() == Some(long.as_str())),
                    "{lookup:?} {long}"
                );
            }
            let has_operator = cmd.get_arguments().any(|a| a.get_long() == Some("operator"));
            assert_eq!(has_operator, lookup.spec().asker != Asker::None, "{lookup:?}");
            assert!(answer_record(lookup.spec().answers).is_some(), "{lookup:?}");
        }
        for lookup in HuaweiLookup::ALL {
            let cmd = huawei_command(lookup);
            for p in huawei_params(lookup) {
                assert!(
                    cmd.get_arguments().any(|a| a.get_long() == Some(kebab(p.name).as_str())),
                    "{lookup:?}"
                );
            }
            assert!(answer_record(lookup.spec().answers).is_some(), "{lookup:?}");
        }
        assert!(!any_secret_param());
        assert_eq!(secret_lookups(), "huawei ws-token");
    }

    #[test]
    fn secrets_are_masked_by_the_declaration() {
        let (spec, many) = answer_record(HuaweiLookup::WsToken.spec().answers).unwrap();
        assert!(!many && holds_secret(spec));
        let mut v = json!({"token": "tok-123", "expires_at_ms": 1_796_652_000_000_i64, "ws_url": null});
        mask(spec, &mut v);
        assert_eq!(v["token"], MASK);
        let text = one(spec, &v);
        assert!(
            text.contains("token:") && text.contains("***") && text.contains("2026-12-07 14:00 UTC"),
            "{text}"
        );
        let (details, _) = answer_record(HuaweiLookup::ConferenceDetails.spec().answers).unwrap();
        assert!(!holds_secret(details));
    }

    #[test]
    fn errors_name_the_flags() {
        let p = tencent_params(TencentLookup::RoomMeetings);
        assert_eq!(flag_of(&p, "room_id").as_deref(), Some("--room-id"));
        assert_eq!(flag_of(&p, "page_size").as_deref(), Some("--page-size"));
        assert_eq!(flag_of(&p, "operator.id").as_deref(), Some("--operator"));
        assert_eq!(flag_of(&p, "meeting_id").as_deref(), Some("--meeting"));
    }
}
