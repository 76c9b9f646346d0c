//! `meetctl doctor`: whether meetctl can work from here, vendor by vendor, from the core's
//! [`meetctl::doctor`] checks (route, DNS, reach, TLS, the clock against the vendor's `Date`,
//! the credentials, a permission), each printed as one line with a mark, what was found and
//! `→ what to do next`. Nothing it sends changes a meeting.
//!
//! It exits 0 when no check failed (warnings allowed), [`DOCTOR_FAILED`] otherwise; a vendor
//! whose settings cannot even make a client is a failed `configuration` check of its own.

use clap::ValueEnum;
use meetctl::tencent::TencentUser;
use serde_json::{Value, json};

use crate::failure::{DOCTOR_FAILED, RunFailure};
use crate::global::Global;
use crate::output::{self, Output};
use crate::profile::{Profile, Table};

/// Which vendor `--vendor` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DoctorVendor {
    /// Tencent Meeting.
    Tencent,
    /// Huawei Cloud Meeting.
    Huawei,
}

/// The long help of `meetctl doctor`.
pub(crate) const LONG_ABOUT: &str = "\
Checks whether meetctl can work from here, for each vendor configured in the profile (or the one \
--vendor names): the route (direct or which proxy, and why), DNS, reaching the host, TLS, this \
machine's clock against the vendor's (its Date header; Tencent refuses signatures more than 5 \
minutes off), whether the credentials are accepted, and a permission the app lacks. Each check is \
one line: ✓ ok, ! warning, ✗ failed, - skipped, what was found, and → what to do next.

Nothing it sends changes a meeting: Tencent gets one meeting lookup by a code no meeting has \
(asked as --operator, a user of the app by userid, or with OAuth your open_id; without it, a user \
id no one has, which the vendor refuses only after checking the signature); Huawei one \
access-token request and one page of the conferences online.

Exits 0 when no check failed (warnings allowed), 3 when one did; --json prints the reports.";

/// The mark of a check's status.
fn mark(status: &str) -> &'static str {
    match status {
        "ok" => "✓",
        "warning" => "!",
        "failed" => "✗",
        _ => "-",
    }
}

/// Runs `meetctl doctor`.
pub(crate) fn run(
    global: &Global,
    vendor: Option<DoctorVendor>,
    operator: Option<TencentUser>,
    out: &mut Output,
) -> Result<(), RunFailure> {
    if global.dry_run {
        return Err(RunFailure::usage("--dry-run applies to calls; `meetctl doctor` changes nothing"));
    }
    let profile = Profile::load(global.profile.as_deref(), global.config.as_deref())?;
    let vendors: Vec<DoctorVendor> = match vendor {
        Some(v) => vec![v],
        None => {
            let mut found = Vec::new();
            if profile.configured(Table::Tencent)? {
                found.push(DoctorVendor::Tencent);
            }
            if profile.configured(Table::Huawei)? {
                found.push(DoctorVendor::Huawei);
            }
            if found.is_empty() {
                return Err(RunFailure::usage(
                    "nothing to check: no Tencent or Huawei credentials are set (see `meetctl --help`); \
                     give --vendor tencent or --vendor huawei to check one anyway",
                ));
            }
            found
        }
    };
    if operator.is_some() && !vendors.contains(&DoctorVendor::Tencent) {
        return Err(RunFailure::usage("--operator is for the Tencent checks, and Tencent is not checked"));
    }

    let reports: Vec<Value> = vendors
        .iter()
        .map(|v| match v {
            DoctorVendor::Tencent => match crate::tencent::client(global, &profile) {
                Ok(client) => to_value(&meetctl::doctor::check_tencent(&client, operator.as_ref())),
                Err(failure) => unconfigured("tencent", global, &failure),
            },
            DoctorVendor::Huawei => match crate::lookup::huawei_client(global, &profile) {
                Ok(client) => to_value(&meetctl::doctor::check_huawei(&client)),
                Err(failure) => unconfigured("huawei", global, &failure),
            },
        })
        .collect();
    let ok = reports.iter().all(|r| r["ok"] == true);

    if out.json() {
        out.document(&json!({ "ok": ok, "reports": reports }))?;
    } else {
        let mut text = Vec::new();
        for report in &reports {
            text.push(format!(
                "{} ({})",
                report["vendor"].as_str().unwrap_or("?"),
                report["base_url"].as_str().unwrap_or("no base URL")
            ));
            for check in report["checks"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
                text.push(check_line(check));
            }
        }
        out.line(&text.join("\n"))?;
    }
    if ok {
        return Ok(());
    }
    let failed: Vec<String> = reports
        .iter()
        .filter(|r| r["ok"] != true)
        .map(|r| {
            let names: Vec<&str> = r["checks"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or(&[])
                .iter()
                .filter(|c| c["status"] == "failed")
                .filter_map(|c| c["name"].as_str())
                .collect();
            format!("{}: {}", r["vendor"].as_str().unwrap_or("?"), names.join(", "))
        })
        .collect();
    Err(RunFailure::Doctor(format!("a check failed ({}); exit code {DOCTOR_FAILED}", failed.join("; "))))
}

/// `✗ clock        this machine's clock is … → set this machine's clock right …`.
fn check_line(check: &Value) -> String {
    let status = check["status"].as_str().unwrap_or("?");
    let mut line = format!(
        "  {} {:<12} {}",
        mark(status),
        check["name"].as_str().unwrap_or("?"),
        output::clean(check["summary"].as_str().unwrap_or(""))
    );
    if let Some(next) = check["next_step"].as_str() {
        line.push_str(&format!(" → {}", output::clean(next)));
    }
    line
}

fn to_value<T: serde::Serialize>(report: &T) -> Value {
    serde_json::to_value(report).unwrap_or(Value::Null)
}

/// The report of a vendor whose settings make no client: one failed `configuration` check.
fn unconfigured(vendor: &str, global: &Global, failure: &RunFailure) -> Value {
    json!({
        "vendor": vendor,
        "base_url": global.base_url,
        "ok": false,
        "checks": [{
            "name": "configuration",
            "status": "failed",
            "summary": failure.to_string(),
            "next_step": "fix the setting named here (`meetctl --help` lists them)",
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_is_one_line() {
        let line = check_line(&json!({
            "name": "clock", "status": "failed", "summary": "6 min off", "next_step": "set it right",
        }));
        assert_eq!(line, "  ✗ clock        6 min off → set it right");
        let line =
            check_line(&json!({"name": "dns", "status": "skipped", "summary": "s", "next_step": null}));
        assert_eq!(line, "  - dns          s");
    }
}
