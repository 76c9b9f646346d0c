//! What can go wrong in a `meetctl` run, the exit code each failure maps to, and how it is
//! reported on stderr (text, or one JSON document with `--json`). Nothing here ever prints a
//! secret: core errors never hold one, and the CLI's own messages name variables and keys only.

use std::fmt;
use std::io::Write;

use meetctl::{Error, ErrorKind, Vendor};
use serde_json::{Map, Value, json};

/// Exit code of a successful run.
pub(crate) const SUCCESS: u8 = 0;
/// Exit code of a failure outside any call: a demo step that went wrong, output that could not
/// be written.
pub(crate) const FAILURE: u8 = 1;
/// Exit code of bad input: a flag, an argument, the configuration (the core's `invalid_argument`
/// too, and every error clap reports).
pub(crate) const USAGE: u8 = 2;
/// Exit code of `meetctl doctor` when a check failed (the lines marked ✗ say which and what to do).
pub(crate) const DOCTOR_FAILED: u8 = 3;
/// Every other core error kind exits with this plus its stable number (`auth` 2 → 12, …).
const KIND_BASE: u8 = 10;

/// The exit code for a core error kind: [`USAGE`] for `invalid_argument`, 10 + the kind's stable
/// number for the others.
pub(crate) fn exit_code(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::InvalidArgument => USAGE,
        other => KIND_BASE.saturating_add(u8::try_from(other.code()).unwrap_or(u8::MAX - KIND_BASE)),
    }
}

/// The exit code table, as `meetctl --help` and the README show it.
pub(crate) fn exit_code_table() -> String {
    let mut table = String::from("Exit codes:\n");
    table.push_str(&format!("  {SUCCESS:>3}  success\n"));
    table.push_str(&format!("  {FAILURE:>3}  failure outside a call (a demo step, writing the output)\n"));
    for kind in ErrorKind::ALL {
        let code = exit_code(kind);
        let name = if kind == ErrorKind::InvalidArgument { "usage" } else { kind.name() };
        table.push_str(&format!("  {code:>3}  {name}: {}\n", kind.description()));
        if kind == ErrorKind::InvalidArgument {
            table.push_str(&format!(
                "  {DOCTOR_FAILED:>3}  meetctl doctor: a check failed (its line, marked ✗, says what to do)\n"
            ));
        }
    }
    table
}

/// A failed run.
#[derive(Debug)]
pub(crate) enum RunFailure {
    /// An error from the core; `flag` is the command-line flag behind its field, when one is.
    Core {
        /// The error.
        error: Error,
        /// The flag (or environment variable, or config key) the error's field came from.
        flag: Option<String>,
    },
    /// Bad command line or configuration, found by the CLI itself.
    Usage(String),
    /// Something went wrong outside any call (a demo step).
    Failed(String),
    /// `meetctl doctor` found a failed check (it printed its report already).
    Doctor(String),
    /// Standard output could not be written (a closed pipe, a full disk).
    Output(std::io::Error),
}

impl RunFailure {
    /// A usage failure with this message.
    pub(crate) fn usage(message: impl Into<String>) -> RunFailure {
        RunFailure::Usage(message.into())
    }

    /// The process exit code.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            RunFailure::Core { error, .. } => exit_code(error.kind()),
            RunFailure::Usage(_) => USAGE,
            RunFailure::Failed(_) | RunFailure::Output(_) => FAILURE,
            RunFailure::Doctor(_) => DOCTOR_FAILED,
        }
    }

    /// The kind name shown in JSON error documents.
    fn kind_name(&self) -> &'static str {
        match self {
            RunFailure::Core { error, .. } => error.kind().name(),
            RunFailure::Usage(_) => "usage",
            RunFailure::Failed(_) => "failed",
            RunFailure::Doctor(_) => "doctor",
            RunFailure::Output(_) => "output",
        }
    }

    /// The failure as one JSON document: `{"error": {"kind", "exit_code", "message", …}}`.
    pub(crate) fn to_json(&self) -> Value {
        let mut error = Map::new();
        error.insert("kind".into(), json!(self.kind_name()));
        error.insert("exit_code".into(), json!(self.exit_code()));
        let message = match self {
            // One line: the candidates are a list of their own below.
            RunFailure::Core { error, .. } if !error.candidates().is_empty() => error.to_string(),
            other => other.to_string(),
        };
        error.insert("message".into(), json!(message));
        if let RunFailure::Core { error: core, flag } = self {
            if let Some(field) = core.field() {
                error.insert("field".into(), json!(field));
            }
            if let Some(flag) = flag {
                error.insert("flag".into(), json!(flag));
            }
            if let Some(vendor) = core.vendor() {
                error.insert("vendor".into(), json!(vendor_name(vendor)));
            }
            if let Some(api) = core.api() {
                error.insert("status".into(), json!(api.status));
                error.insert("code".into(), json!(api.code));
                error.insert("request_id".into(), json!(api.request_id));
            }
            if let Some(after) = core.retry_after() {
                error.insert("retry_after_secs".into(), json!(after.as_secs()));
            }
            if !core.candidates().is_empty() {
                error.insert("candidates".into(), json!(core.candidates()));
            }
        }
        json!({ "error": error })
    }
}

impl fmt::Display for RunFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunFailure::Core { error, .. } if !error.candidates().is_empty() => {
                // "code 300100200 means 2 meetings: …; …": one line per candidate instead.
                let head = error.message().split_once(": ").map_or(error.message(), |(head, _)| head);
                write!(f, "{}: {head}:", error.kind())?;
                for candidate in error.candidates() {
                    write!(f, "\n  {}", crate::find::describe(candidate))?;
                }
                write!(f, "\ngive one of them with --meeting (and --occurrence where the command takes one)")
            }
            RunFailure::Core { error, flag } => match (error.field(), flag) {
                (Some(field), Some(flag)) if flag != field => {
                    write!(f, "invalid argument `{field}` ({flag}): {}", error.message())
                }
                _ => write!(f, "{error}"),
            },
            RunFailure::Usage(message) | RunFailure::Failed(message) | RunFailure::Doctor(message) => {
                f.write_str(message)
            }
            RunFailure::Output(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl From<std::io::Error> for RunFailure {
    fn from(e: std::io::Error) -> RunFailure {
        RunFailure::Output(e)
    }
}

/// A core error, its field mapped to the flag it came from by `flag_of`.
pub(crate) fn core(error: Error, flag_of: impl Fn(&str) -> Option<String>) -> RunFailure {
    let flag = error.field().and_then(flag_of);
    RunFailure::Core { error, flag }
}

/// The lowercase vendor name used on the command line and in JSON.
pub(crate) fn vendor_name(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Tencent => "tencent",
        Vendor::Huawei => "huawei",
    }
}

/// Writes `failure` to stderr: `meetctl: error: …`, or its JSON document with `--json`.
pub(crate) fn report(failure: &RunFailure, json: bool) {
    let mut stderr = std::io::stderr().lock();
    // Nothing sensible is left to do when stderr itself cannot be written.
    let _ = if json {
        writeln!(stderr, "{}", failure.to_json())
    } else {
        writeln!(stderr, "meetctl: error: {failure}")
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_code_and_usage_is_two() {
        let codes: Vec<u8> = ErrorKind::ALL.into_iter().map(exit_code).collect();
        assert_eq!(codes, [2, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
        assert_eq!(exit_code(ErrorKind::Ambiguous), 23);
        let table = exit_code_table();
        for kind in ErrorKind::ALL.into_iter().skip(1) {
            assert!(table.contains(&format!("{}  {}:", exit_code(kind), kind.name())), "{table}");
        }
        let lines: Vec<&str> = table.lines().skip(1).collect();
        let numbers: Vec<u8> =
            lines.iter().map(|l| l.trim().split(' ').next().unwrap().parse().unwrap()).collect();
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "in order, no code twice: {numbers:?}");
        assert!(table.contains("  3  meetctl doctor: a check failed"), "{table}");
        assert!(lines.last().unwrap().contains("23  ambiguous:"), "{table}");
    }

    #[test]
    fn the_readme_table_is_the_help_table() {
        let readme = include_str!("../README.md");
        for line in exit_code_table().lines().skip(1) {
            let (code, meaning) = line.trim().split_once("  ").unwrap();
            let row = match meaning.split_once(": ") {
                Some(("usage", text)) => format!("| {code} | usage (`invalid_argument`): {text} |"),
                Some((name, text)) => format!("| {code} | `{name}`: {text} |"),
                None => format!("| {code} | {meaning} |"),
            };
            assert!(readme.contains(&row), "README.md lacks the row {row}");
        }
    }

    #[test]
    fn invalid_arguments_name_the_flag() {
        let failure = core(Error::invalid("nick_name", "must be at most 20 characters"), |f| {
            Some(format!("--{}", f.replace('_', "-")))
        });
        assert_eq!(
            failure.to_string(),
            "invalid argument `nick_name` (--nick-name): must be at most 20 characters"
        );
        assert_eq!(failure.exit_code(), USAGE);
        let doc = failure.to_json();
        assert_eq!(doc["error"]["flag"], "--nick-name");
        assert_eq!(doc["error"]["exit_code"], 2);
    }
}
