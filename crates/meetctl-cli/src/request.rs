//! `meetctl request tencent|huawei METHOD PATH`: any other endpoint, signed and authorised like
//! the typed operations (the core's `GenericCall` / `GenericConferenceCall`).

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::{Args as ClapArgs, Subcommand};
use meetctl::Method;
use meetctl::huawei::GenericConferenceCall;
use meetctl::tencent::GenericCall;
use serde_json::{Value, json};

use crate::curl::Shown;
use crate::failure::{self, RunFailure};
use crate::global::Global;
use crate::output::{self, Output};
use crate::profile::Profile;

/// `meetctl request tencent|huawei`.
#[derive(Subcommand, Debug)]
pub(crate) enum RequestVendor {
    /// Any Tencent Meeting endpoint, signed with AK/SK or sent with the OAuth 2.0 token
    Tencent(RequestArgs),
    /// Any meeting-control endpoint of one Huawei conference, with its control token
    /// (`conferenceID` is added to the query)
    Huawei {
        /// The conference id
        #[arg(long, value_name = "CONFERENCE_ID")]
        conference: String,
        #[command(flatten)]
        call: RequestArgs,
    },
}

/// The parts of a generic call.
#[derive(ClapArgs, Debug)]
pub(crate) struct RequestArgs {
    /// GET, POST, PUT, DELETE or PATCH
    #[arg(value_parser = parse_method)]
    pub(crate) method: Method,

    /// The path from `/` (`/v1/meetings/1242152152161`); ids in it percent-encoded
    pub(crate) path: String,

    /// A query parameter, percent-encoded by meetctl (repeat for more)
    #[arg(long = "query", short = 'q', value_name = "NAME=VALUE", value_parser = parse_pair)]
    pub(crate) query: Vec<(String, String)>,

    /// The JSON body
    #[arg(long, short = 'd', value_name = "JSON", conflicts_with = "body_file")]
    pub(crate) body: Option<String>,

    /// Read the JSON body from this file (`-`: standard input)
    #[arg(long, value_name = "FILE")]
    pub(crate) body_file: Option<PathBuf>,
}

fn parse_method(text: &str) -> Result<Method, String> {
    text.parse::<Method>().map_err(|e| e.message().to_owned())
}

fn parse_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err("expected NAME=VALUE".to_owned()),
    }
}

/// The flag a core error's field came from.
fn flag_of(field: &str) -> Option<String> {
    Some(
        match field {
            "method" => "METHOD",
            "path" => "PATH",
            "query" => "--query",
            "body" => "--body",
            "conference_id" => "--conference",
            _ => return None,
        }
        .to_owned(),
    )
}

/// The body from `--body` or `--body-file`, parsed as JSON.
fn body(call: &RequestArgs) -> Result<Option<Value>, RunFailure> {
    let (text, flag) = match (&call.body, &call.body_file) {
        (Some(text), _) => (text.clone(), "--body"),
        (None, Some(path)) => (read_body(path)?, "--body-file"),
        (None, None) => return Ok(None),
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        // serde_json's message gives the place, not the text.
        RunFailure::usage(format!("{flag} is not valid JSON: {e}"))
    })
}

fn read_body(path: &Path) -> Result<String, RunFailure> {
    let mut text = String::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(drop)
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.map_err(|e| RunFailure::usage(format!("--body-file {}: {e}", path.display())))?;
    Ok(text)
}

/// Runs `meetctl request …`.
pub(crate) fn run(global: &Global, vendor: RequestVendor, out: &mut Output) -> Result<(), RunFailure> {
    let profile = Profile::load(global.profile.as_deref(), global.config.as_deref())?;
    let (vendor_name, scope, call) = match &vendor {
        RequestVendor::Tencent(call) => ("tencent", Value::Null, call),
        RequestVendor::Huawei { conference, call } => ("huawei", json!(conference), call),
    };
    let body = body(call)?;
    let fail = |e| failure::core(e, flag_of);
    let (prepared, answer) = match &vendor {
        RequestVendor::Tencent(call) => {
            let client = crate::tencent::client(global, &profile)?;
            let generic =
                GenericCall { method: call.method, path: call.path.clone(), query: call.query.clone(), body };
            if global.dry_run {
                (Some(client.prepare(&generic).map_err(fail)?), Value::Null)
            } else {
                (None, client.call(&generic).map_err(fail)?)
            }
        }
        RequestVendor::Huawei { conference, call } => {
            let handle = crate::huawei::conference(global, &profile, conference)?;
            let generic = GenericConferenceCall {
                method: call.method,
                path: call.path.clone(),
                query: call.query.clone(),
                body,
            };
            if global.dry_run {
                (Some(handle.prepare(&generic).map_err(fail)?), Value::Null)
            } else {
                (None, handle.call(&generic).map_err(fail)?)
            }
        }
    };
    if let Some(prepared) = prepared {
        let shown = Shown::new(&prepared, global.show_secrets, &[]);
        if out.json() {
            return out.document(&shown.to_json());
        }
        out.line(&shown.curl())?;
        output::note(&format!(
            "# dry run: the call was not sent{}.",
            if global.show_secrets { "" } else { "; secrets masked as *** (--show-secrets shows them)" }
        ));
        return Ok(());
    }
    if out.json() {
        let mut doc = json!({
            "ok": true, "vendor": vendor_name, "method": call.method.as_str(), "path": call.path, "result": answer,
        });
        if !scope.is_null() {
            doc["conference_id"] = scope;
        }
        return out.document(&doc);
    }
    match answer {
        Value::Null => out.line(&format!("ok: {} {} (empty answer)", call.method, call.path)),
        other => out.line(&serde_json::to_string_pretty(&other).unwrap_or_default()),
    }
}
