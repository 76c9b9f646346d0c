//! The caller's arguments of an operation (the core's [`Param`]s) as command-line options, and
//! the parsed options back as the core's [`Args`].
//!
//! An argument `allow_rejoin` is the option `--allow-rejoin`; its [`ParamKind`] picks the value
//! parser (booleans take `true`/`false` or nothing for true, integers their range, one-of
//! integers their values) and the help text, so nothing about an operation's arguments is written
//! down twice. A [`ParamKind::Secret`] argument gets no option: it comes from the environment or
//! the config file (see `profile`), and the flag is refused (see `secret_flags`).

use clap::builder::{BoolishValueParser, PossibleValuesParser, TypedValueParser};
use clap::{Arg, ArgAction, ArgMatches};
use meetctl::{Args, Field, Param, ParamKind, Presence, Scalar};

/// The option spelling of an argument or operation name: `allow_rejoin` → `allow-rejoin`.
pub(crate) fn kebab(name: &str) -> String {
    name.replace('_', "-")
}

/// `--allow-rejoin` for `allow_rejoin`.
pub(crate) fn flag(name: &str) -> String {
    format!("--{}", kebab(name))
}

/// The option for `param`; `None` for a secret, which never comes from the command line.
pub(crate) fn option(param: &Param) -> Option<Arg> {
    let arg = Arg::new(param.name).long(kebab(param.name)).help(help(param));
    let arg = match param.kind {
        ParamKind::Bool | ParamKind::Flag => arg
            .value_name("BOOL")
            .num_args(0..=1)
            .require_equals(false)
            .default_missing_value("true")
            .value_parser(BoolishValueParser::new()),
        ParamKind::Int { min, max } => {
            arg.value_name("N").value_parser(clap::value_parser!(i64).range(min..=max))
        }
        ParamKind::OneOf(values) => arg.value_name("N").value_parser(
            PossibleValuesParser::new(values.iter().map(i64::to_string)).try_map(|v| v.parse::<i64>()),
        ),
        ParamKind::Text { .. } => arg.value_name("TEXT"),
        ParamKind::Digits { .. } => arg.value_name("DIGITS"),
        ParamKind::Choice(values) => arg.value_name("WORD").value_parser(PossibleValuesParser::new(values)),
        ParamKind::List { .. } => arg.value_name("JSON").value_parser(parse_json_list),
        ParamKind::Object { .. } => arg.value_name("JSON").value_parser(parse_json_object),
        ParamKind::Texts { .. } => {
            // Repeatable, or comma-separated: `--meeting-room-ids a,b` is `--meeting-room-ids a
            // --meeting-room-ids b`.
            let arg = arg.value_name("TEXT").value_delimiter(',').action(ArgAction::Append);
            return Some(arg.required(param.presence == Presence::Required));
        }
        ParamKind::Secret => return None,
    };
    Some(arg.action(ArgAction::Set).required(param.presence == Presence::Required))
}

/// The help text of `param`, from its kind, wire name and presence.
fn help(param: &Param) -> String {
    let what = match param.kind {
        ParamKind::Bool => "True or false (the option alone: true)".to_owned(),
        ParamKind::Flag => "True or false (the option alone: true), sent as 1 or 0".to_owned(),
        ParamKind::Int { min, max } => format!("An integer from {min} to {max}"),
        ParamKind::OneOf(values) => {
            let values: Vec<String> = values.iter().map(i64::to_string).collect();
            format!("One of {}", values.join(", "))
        }
        ParamKind::Text { max_chars } => format!("Text, 1 to {max_chars} characters"),
        ParamKind::Digits { min, max } => format!("{min} to {max} digits"),
        ParamKind::Choice(values) => format!("One of {}", values.join(", ")),
        ParamKind::List { fields, min, max, .. } => {
            format!("A JSON list of {min} to {max} objects, each with {}", object_fields(fields))
        }
        ParamKind::Object { fields, .. } => format!("A JSON object with {}", object_fields(fields)),
        ParamKind::Texts { max_chars, min, max } => format!(
            "{min} to {max} texts of 1 to {max_chars} characters (repeat the option, or separate them with commas)"
        ),
        ParamKind::Secret => "A secret".to_owned(),
    };
    let wire = if param.wire == param.name { String::new() } else { format!("; the API's `{}`", param.wire) };
    let presence = match param.presence {
        Presence::Required => String::new(),
        Presence::Optional => " [sent only when given]".to_owned(),
        Presence::Default(Scalar::Bool(b)) => format!(" [default: {b}]"),
        Presence::Default(Scalar::Int(i)) => format!(" [default: {i}]"),
    };
    format!("{what}{wire}{presence}")
}

/// `a, b (and optionally c)`: an object's fields, a nested list or object's own in brackets.
fn object_fields(fields: &[Param]) -> String {
    let name = |f: &Param| match f.kind {
        ParamKind::List { fields, .. } => format!("{}: [{{{}}}]", f.name, object_fields(fields)),
        ParamKind::Object { fields, .. } => format!("{}: {{{}}}", f.name, object_fields(fields)),
        _ => f.name.to_owned(),
    };
    let describe = |required: bool| -> Vec<String> {
        fields.iter().filter(|f| (f.presence == Presence::Required) == required).map(name).collect()
    };
    let (required, optional) = (describe(true), describe(false));
    match (required.is_empty(), optional.is_empty()) {
        (_, true) => required.join(", "),
        (true, false) => format!("optionally {}", optional.join(", ")),
        (false, false) => format!("{} (and optionally {})", required.join(", "), optional.join(", ")),
    }
}

/// An object argument's value: JSON (an object; the core checks its fields and names the bad one).
fn parse_json_object(text: &str) -> Result<serde_json::Value, String> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value @ serde_json::Value::Object(_)) => Ok(value),
        Ok(_) => Err("must be a JSON object ({...})".to_owned()),
        Err(e) => Err(format!("not JSON: {e}")),
    }
}

/// A list argument's value: JSON (an array; the core checks its items and names the bad one).
fn parse_json_list(text: &str) -> Result<serde_json::Value, String> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value @ serde_json::Value::Array(_)) => Ok(value),
        Ok(_) => Err("must be a JSON list ([{...}, ...])".to_owned()),
        Err(e) => Err(format!("not JSON: {e}")),
    }
}

/// The value of option `id`, when it was given (`None` too for an id the command lacks: never a
/// panic).
pub(crate) fn one<T: Clone + Send + Sync + 'static>(matches: &ArgMatches, id: &str) -> Option<T> {
    matches.try_get_one::<T>(id).ok().flatten().cloned()
}

/// The values of the repeatable option `id`, in order (none for an id the command lacks).
pub(crate) fn many<T: Clone + Send + Sync + 'static>(matches: &ArgMatches, id: &str) -> Vec<T> {
    matches.try_get_many::<T>(id).ok().flatten().map(|values| values.cloned().collect()).unwrap_or_default()
}

/// The arguments given on the command line, by name, as the core takes them.
pub(crate) fn collect(matches: &ArgMatches, params: &[Param]) -> Args {
    let mut args = Args::new();
    for param in params {
        match param.kind {
            ParamKind::Bool | ParamKind::Flag => {
                if let Some(value) = one::<bool>(matches, param.name) {
                    args.set(param.name, value);
                }
            }
            ParamKind::Int { .. } | ParamKind::OneOf(_) => {
                if let Some(value) = one::<i64>(matches, param.name) {
                    args.set(param.name, value);
                }
            }
            ParamKind::Text { .. } | ParamKind::Choice(_) | ParamKind::Digits { .. } => {
                if let Some(value) = one::<String>(matches, param.name) {
                    args.set(param.name, value);
                }
            }
            ParamKind::List { .. } | ParamKind::Object { .. } => {
                if let Some(value) = one::<serde_json::Value>(matches, param.name) {
                    args.set(param.name, value);
                }
            }
            ParamKind::Texts { .. } => {
                let values = many::<String>(matches, param.name);
                if !values.is_empty() {
                    args.set(param.name, values);
                }
            }
            ParamKind::Secret => {}
        }
    }
    args
}

/// Whether any of `params` was given on the command line.
pub(crate) fn any_given(matches: &ArgMatches, params: &[Param]) -> bool {
    params.iter().any(|p| {
        p.kind != ParamKind::Secret
            && matches.try_contains_id(p.name).unwrap_or(false)
            && matches.value_source(p.name) == Some(clap::parser::ValueSource::CommandLine)
    })
}

/// For an operation that sends only the arguments given and needs one: a usage error naming the
/// options when none was given.
pub(crate) fn require_one(matches: &ArgMatches, params: &[Param]) -> Result<(), crate::failure::RunFailure> {
    if any_given(matches, params) {
        return Ok(());
    }
    let flags: Vec<String> =
        params.iter().filter(|p| p.kind != ParamKind::Secret).map(|p| flag(p.name)).collect();
    Err(crate::failure::RunFailure::usage(format!("give at least one of {}", flags.join(", "))))
}

/// The constants among an endpoint's `fields`, as `key=value` (`mute=true isMute=1`).
pub(crate) fn constants<'a, S: 'static>(fields: impl IntoIterator<Item = &'a Field<S>>) -> String {
    let fixed: Vec<String> = fields
        .into_iter()
        .filter_map(|field| match field {
            Field::Fixed(key, Scalar::Bool(b)) => Some(format!("{key}={b}")),
            Field::Fixed(key, Scalar::Int(i)) => Some(format!("{key}={i}")),
            _ => None,
        })
        .collect();
    fixed.join(" ")
}

/// The params in `params` with no duplicate names, in order.
pub(crate) fn unique(params: impl IntoIterator<Item = Param>) -> Vec<Param> {
    let mut out: Vec<Param> = Vec::new();
    for param in params {
        if !out.iter().any(|p| p.name == param.name) {
            out.push(param);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Command;

    fn parse(params: &[Param], argv: &[&str]) -> Result<Args, clap::Error> {
        let mut cmd = Command::new("t");
        for p in params {
            if let Some(arg) = option(p) {
                cmd = cmd.arg(arg);
            }
        }
        let matches = cmd.try_get_matches_from(std::iter::once("t").chain(argv.iter().copied()))?;
        Ok(collect(&matches, params))
    }

    #[test]
    fn kinds_become_typed_values() {
        let params = [
            Param::default("allow_rejoin", "allow_rejoin", ParamKind::Bool, Scalar::Bool(true)),
            Param::optional("lock", "isLock", ParamKind::Flag),
            Param::required("minutes", "duration", ParamKind::Int { min: 1, max: 1440 }),
            Param::optional("allow_chat", "allow_chat", ParamKind::OneOf(&[0, 1, 2])),
            Param::optional("reason", "reason", ParamKind::Text { max_chars: 20 }),
        ];
        let args = parse(
            &params,
            &["--allow-rejoin", "false", "--lock", "--minutes", "30", "--allow-chat", "2", "--reason", "x y"],
        )
        .unwrap();
        assert_eq!(args.get("allow_rejoin"), Some(&false.into()));
        assert_eq!(args.get("lock"), Some(&true.into()));
        assert_eq!(args.get("minutes"), Some(&30.into()));
        assert_eq!(args.get("allow_chat"), Some(&2.into()));
        assert_eq!(args.get("reason"), Some(&"x y".into()));
        let only_required = parse(&params, &["--minutes", "1"]).unwrap();
        assert_eq!(only_required.names().collect::<Vec<_>>(), ["minutes"]);
        for bad in [&["--minutes", "0"][..], &["--minutes", "1", "--allow-chat", "3"], &[]] {
            assert!(parse(&params, bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn secrets_get_no_option() {
        assert!(option(&Param::required("chairman_password", "chairmanPwd", ParamKind::Secret)).is_none());
    }
}
