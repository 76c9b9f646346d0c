//! `meetctl doctor`: whether a client can work at all, in plain words, each line with what to do
//! next: the route (which proxy and why), DNS, reaching the host and TLS, the clock against the
//! vendor's `Date` header, whether the credentials are accepted, and a permission the app lacks.
//!
//! Nothing it sends changes a meeting: Tencent gets one meeting lookup by a code no meeting has;
//! Huawei an access-token request (the probe, not cached) and one page of the conferences online
//! (asked with the client's own token, so a second token request when the client has none yet),
//! or, without account authentication, one unauthenticated page request it refuses.

use std::net::ToSocketAddrs;
use std::time::{Duration, Instant};

use crate::args::Args;
use crate::error::{Error, ErrorKind};
use crate::http::HttpResponse;
use crate::huawei::{AccountAuth, HuaweiClient, HuaweiLookup};
use crate::record;
use crate::tencent::{Instance, TencentClient, TencentLookup, TencentUser};
use crate::transport::Route;

/// How far a clock may be from the vendor's before Tencent refuses a signature.
pub const TENCENT_SIGNATURE_WINDOW_SECS: i64 = 300;
/// How far a clock may be before the doctor warns.
pub const CLOCK_WARNING_SECS: i64 = 60;
/// How long a DNS lookup may take before the doctor gives up on it.
const DNS_TIMEOUT: Duration = Duration::from_secs(5);
/// The code the Tencent probe looks up: no meeting has it, so the answer only says whether the
/// signature was accepted.
const PROBE_CODE: &str = "000000000";

record! {
    /// One check of `meetctl doctor`.
    pub struct DoctorCheck {
        /// What was checked: `route`, `dns`, `reach`, `tls`, `clock`, `credentials`, `permission`.
        pub name: String,
        /// `ok`, `warning`, `failed` or `skipped`.
        pub status: String,
        /// What was found, in plain words.
        pub summary: String,
        /// What to do next, when something is to be done.
        pub next_step: Option<String>,
    }
}

record! {
    /// What `meetctl doctor` found for one vendor.
    pub struct DoctorReport {
        /// `"tencent"` or `"huawei"`.
        pub vendor: String,
        /// The base URL requests go to.
        pub base_url: String,
        /// Whether everything works: no check failed.
        pub ok: bool,
        /// The checks, in the order they were made.
        pub checks: Vec<DoctorCheck>,
    }
}

/// A check's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Ok,
    Warning,
    Failed,
    Skipped,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
        }
    }
}

struct Findings(Vec<DoctorCheck>);

impl Findings {
    fn add(&mut self, name: &str, status: Status, summary: impl Into<String>, next: Option<String>) {
        self.0.push(DoctorCheck {
            name: name.to_owned(),
            status: status.name().to_owned(),
            summary: summary.into(),
            next_step: next,
        });
    }

    fn failed(&self, name: &str) -> bool {
        self.0.iter().any(|c| c.name == name && c.status == Status::Failed.name())
    }

    fn report(self, vendor: &str, base_url: &str) -> DoctorReport {
        let ok = !self.0.iter().any(|c| c.status == Status::Failed.name());
        DoctorReport { vendor: vendor.to_owned(), base_url: base_url.to_owned(), ok, checks: self.0 }
    }
}

/// Checks a Tencent client: route, DNS, reaching the host, TLS, the clock and the credentials,
/// with one read-only lookup asked by `operator` (a user of the app by userid, or with OAuth the
/// client's own open_id; without one, a user id no one has, which the vendor refuses only after
/// checking the signature).
pub fn check_tencent(client: &TencentClient, operator: Option<&TencentUser>) -> DoctorReport {
    let mut findings = Findings(Vec::new());
    let route = client.route();
    route_checks(&mut findings, route);
    let default_operator = TencentUser::userid("meetctl-doctor", Instance::Pc);
    let operator = operator.unwrap_or(&default_operator);
    let args = Args::new().with("meeting_code", PROBE_CODE);
    let call = crate::tencent::LookupCall {
        lookup: TencentLookup::MeetingsByCode,
        operator: Some(operator),
        args: &args,
        position: None,
    };
    let started = Instant::now();
    let response = match client.send_raw(&call) {
        Ok(response) => response,
        Err(e) => {
            unreachable_checks(&mut findings, route, &e);
            return findings.report("tencent", client.base_url());
        }
    };
    reach_checks(&mut findings, route, &response, started);
    let clock = clock_check(&mut findings, &response, client.now_secs(), Some(TENCENT_SIGNATURE_WINDOW_SECS));
    if response.is_success() {
        findings.add("credentials", Status::Ok, "accepted: a read-only meeting lookup was answered", None);
        findings.add("permission", Status::Ok, "the meeting lookup was allowed", None);
    } else {
        let error = crate::tencent::response::api_error(&response);
        answer_checks(
            &mut findings,
            &error,
            clock,
            "the app's AppId, SdkId, SecretId and SecretKey (AK/SK), or the OAuth access token and open id",
        );
    }
    findings.report("tencent", client.base_url())
}

/// Checks a Huawei client: route, DNS, reaching the host, TLS, the clock, whether the account
/// authentication is accepted (an access token is asked for), and whether the account may list
/// the conferences online.
pub fn check_huawei(client: &HuaweiClient) -> DoctorReport {
    let mut findings = Findings(Vec::new());
    let route = client.route();
    route_checks(&mut findings, route);
    let started = Instant::now();
    let response = match client.access_token_probe() {
        Ok(Some(response)) => response,
        Ok(None) => {
            // No account to check: the host, TLS and the clock still are, with one unauthenticated
            // read (refused, with the server's Date).
            match client.unauthenticated_probe() {
                Ok(response) => {
                    reach_checks(&mut findings, route, &response, started);
                    clock_check(&mut findings, &response, client.inner.clock.now_secs(), None);
                }
                Err(e) => {
                    unreachable_checks(&mut findings, route, &e);
                    return findings.report("huawei", client.base_url());
                }
            }
            findings.add(
                "credentials",
                Status::Skipped,
                "no account authentication is configured: only conference handles opened with a password or control token work",
                Some("give an App ID and key, or an account and password, to use lookups and find meetings".into()),
            );
            return findings.report("huawei", client.base_url());
        }
        Err(e) => {
            unreachable_checks(&mut findings, route, &e);
            return findings.report("huawei", client.base_url());
        }
    };
    reach_checks(&mut findings, route, &response, started);
    let clock = clock_check(&mut findings, &response, client.inner.clock.now_secs(), None);
    if !response.is_success() {
        let error = crate::huawei::response::api_error(&response);
        answer_checks(&mut findings, &error, clock, "the App ID and App key, or the account and password");
        return findings.report("huawei", client.base_url());
    }
    findings.add("credentials", Status::Ok, "accepted: the account was given an access token", None);
    let args = Args::new().with("page_size", 1);
    match client.lookup_raw(HuaweiLookup::OnlineConferences, &args) {
        Ok(_) => findings.add("permission", Status::Ok, "the conferences online may be listed", None),
        Err(e) if e.kind() == ErrorKind::PermissionDenied => findings.add(
            "permission",
            Status::Failed,
            format!("the account may not list the conferences online: {}", vendor_words(&e)),
            Some(
                "use an administrator account, or grant this App ID the meeting management permission".into(),
            ),
        ),
        Err(e) => findings.add(
            "permission",
            Status::Warning,
            format!("listing the conferences online failed: {e}"),
            None,
        ),
    }
    findings.report("huawei", client.base_url())
}

fn route_checks(findings: &mut Findings, route: &Route) {
    let scheme = if route.tls { "https" } else { "http" };
    let target = format!("{scheme}://{}:{}", route.host, route.port);
    match &route.proxy {
        Some(proxy) => findings.add(
            "route",
            Status::Ok,
            format!("requests to {target} go through the proxy {proxy}: {}", route.proxy_reason),
            None,
        ),
        None => findings.add(
            "route",
            Status::Ok,
            format!("requests go to {target} directly ({})", route.proxy_reason),
            None,
        ),
    }
    if route.proxy.is_some() {
        findings.add("dns", Status::Skipped, format!("the proxy resolves {}", route.host), None);
        return;
    }
    if route.host.parse::<std::net::IpAddr>().is_ok() {
        findings.add("dns", Status::Ok, format!("{} is an IP address: nothing to resolve", route.host), None);
        return;
    }
    match resolve(&route.host, route.port) {
        Ok(addresses) if !addresses.is_empty() => {
            let shown: Vec<String> = addresses.iter().take(3).map(ToString::to_string).collect();
            findings.add("dns", Status::Ok, format!("{} resolves to {}", route.host, shown.join(", ")), None);
        }
        Ok(_) => findings.add(
            "dns",
            Status::Failed,
            format!("{} resolves to no address", route.host),
            Some("check the host name of the base URL and this machine's DNS server".into()),
        ),
        Err(why) => findings.add(
            "dns",
            Status::Failed,
            format!("{} could not be resolved: {why}", route.host),
            Some("check the host name of the base URL, this machine's DNS server, or set a proxy".into()),
        ),
    }
}

/// Resolves `host` on a thread of its own, giving up after [`DNS_TIMEOUT`].
fn resolve(host: &str, port: u16) -> Result<Vec<std::net::IpAddr>, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let name = host.to_owned();
    std::thread::Builder::new()
        .name("meetctl-doctor-dns".into())
        .spawn(move || {
            let result = (name.as_str(), port)
                .to_socket_addrs()
                .map(|addrs| addrs.map(|a| a.ip()).collect::<Vec<_>>())
                .map_err(|e| e.to_string());
            let _ = tx.send(result);
        })
        .map_err(|e| format!("no thread to resolve on: {e}"))?;
    rx.recv_timeout(DNS_TIMEOUT).map_err(|_| format!("no answer within {} s", DNS_TIMEOUT.as_secs()))?
}

fn unreachable_checks(findings: &mut Findings, route: &Route, e: &Error) {
    let target = format!("{}:{}", route.host, route.port);
    let via = route.proxy.as_ref().map(|p| format!(" through the proxy {p}")).unwrap_or_default();
    match e.kind() {
        ErrorKind::Tls => {
            findings.add("reach", Status::Ok, format!("{target} accepted a connection{via}"), None);
            findings.add(
                "tls",
                Status::Failed,
                format!("TLS with {} failed: {}", route.host, e.message()),
                Some("if a proxy or firewall inspects TLS, give its CA certificate (extra_ca_pem / --ca-file); otherwise check the base URL".into()),
            );
        }
        ErrorKind::Timeout => findings.add(
            "reach",
            Status::Failed,
            format!("{target} did not answer in time{via}: {}", e.message()),
            Some("check that the host and port are right and that a firewall lets this machine reach them".into()),
        ),
        ErrorKind::InvalidArgument => findings.add(
            "reach",
            Status::Failed,
            format!("nothing was sent: {e}"),
            Some("fix the configuration named above".into()),
        ),
        _ => findings.add(
            "reach",
            Status::Failed,
            format!("cannot reach {target}{via}: {}", e.message()),
            Some(match &route.proxy {
                Some(p) => format!("check that the proxy {p} is up and lets this machine through"),
                None => "check the host and port of the base URL, that the service is up, and the firewall; set a proxy if this network needs one".into(),
            }),
        ),
    }
    for name in ["clock", "credentials"] {
        findings.add(name, Status::Skipped, "not checked: the host could not be reached", None);
    }
}

fn reach_checks(findings: &mut Findings, route: &Route, response: &HttpResponse, started: Instant) {
    let ms = started.elapsed().as_millis();
    findings.add(
        "reach",
        Status::Ok,
        format!("{}:{} answered (HTTP {}) in {ms} ms", route.host, route.port, response.status),
        None,
    );
    if route.tls {
        findings.add(
            "tls",
            Status::Ok,
            format!("TLS with {}: the certificate was verified", route.host),
            None,
        );
    } else {
        findings.add(
            "tls",
            Status::Ok,
            "plain HTTP to a loopback host (an emulator): no TLS; the vendors' own APIs are HTTPS only",
            None,
        );
    }
}

/// The clock against the answer's `Date`; `refuse_after` is how far off the vendor refuses a
/// signature. Returns whether the clock is too far off for that.
fn clock_check(
    findings: &mut Findings,
    response: &HttpResponse,
    local_now: i64,
    refuse_after: Option<i64>,
) -> bool {
    let Some(server) = response.header("date").and_then(crate::civil::parse_http_date) else {
        findings.add(
            "clock",
            Status::Warning,
            "the server sent no Date header: the clock was not checked",
            None,
        );
        return false;
    };
    let offset = local_now - server;
    let words = offset_words(offset);
    let fix =
        Some("set this machine's clock right (e.g. turn on NTP: `timedatectl set-ntp true`)".to_owned());
    match refuse_after {
        Some(limit) if offset.abs() > limit => {
            findings.add(
                "clock",
                Status::Failed,
                format!("this machine's clock is {words} the server's; Tencent refuses signatures made more than {} minutes off", limit / 60),
                fix,
            );
            true
        }
        _ if offset.abs() > CLOCK_WARNING_SECS => {
            let why = match refuse_after {
                Some(limit) => {
                    format!("; Tencent refuses signatures made more than {} minutes off", limit / 60)
                }
                None => "; time-stamped authentication may be refused".to_owned(),
            };
            findings.add(
                "clock",
                Status::Warning,
                format!("this machine's clock is {words} the server's{why}"),
                fix,
            );
            false
        }
        _ => {
            findings.add(
                "clock",
                Status::Ok,
                format!("this machine's clock is {words} the server's (its Date header)"),
                None,
            );
            false
        }
    }
}

/// `3 min 5 s ahead of`, `12 s behind`, `within a second of`.
fn offset_words(offset: i64) -> String {
    if offset.abs() <= 1 {
        return "within a second of".to_owned();
    }
    let secs = offset.abs();
    let amount = if secs >= 60 { format!("{} min {} s", secs / 60, secs % 60) } else { format!("{secs} s") };
    format!("{amount} {}", if offset > 0 { "ahead of" } else { "behind" })
}

fn vendor_words(e: &Error) -> String {
    match e.api() {
        Some(api) => format!(
            "{}{}",
            api.code.as_deref().map(|c| format!("code {c}: ")).unwrap_or_default(),
            api.message.as_deref().unwrap_or("no message")
        ),
        None => e.message().to_owned(),
    }
}

/// What an error answer says of the credentials and permissions.
fn answer_checks(findings: &mut Findings, error: &Error, clock_off: bool, what: &str) {
    match error.kind() {
        ErrorKind::Auth => {
            let mut next = format!("check {what}");
            if clock_off || findings.failed("clock") {
                next =
                    "set the clock right first (see the clock line): the signature is refused for its time"
                        .to_owned();
            }
            findings.add(
                "credentials",
                Status::Failed,
                format!("refused: {}", vendor_words(error)),
                Some(next),
            );
        }
        ErrorKind::PermissionDenied => {
            findings.add("credentials", Status::Ok, "accepted: the vendor checked them and answered", None);
            findings.add(
                "permission",
                Status::Failed,
                format!("the app lacks a permission: {}", vendor_words(error)),
                Some("grant the app the permission the message names in the vendor's console, or use an administrator".into()),
            );
        }
        ErrorKind::RateLimited => findings.add(
            "credentials",
            Status::Warning,
            format!("not known: the vendor answered rate-limited ({})", vendor_words(error)),
            Some("run the doctor again in a minute".into()),
        ),
        _ => {
            findings.add(
                "credentials",
                Status::Ok,
                format!("accepted: the vendor checked the signature and answered {}", vendor_words(error)),
                None,
            );
            findings.add("permission", Status::Ok, "no permission was refused for this read", None);
        }
    }
}

impl HuaweiClient {
    /// One page of the conferences online asked without a token: the answer (a refusal) tells
    /// whether the host is reached and what its clock says.
    fn unauthenticated_probe(&self) -> Result<HttpResponse, Error> {
        let mut request = crate::http::HttpRequest::new(
            crate::http::Method::Get,
            HuaweiLookup::OnlineConferences.spec().path,
        );
        request.query = "limit=1".to_owned();
        request.safe_to_repeat = true;
        Ok(self.send(request, self.deadline())?.response)
    }

    /// Asks for an access token once, without caching it; `None` without account
    /// authentication. The answer as received.
    fn access_token_probe(&self) -> Result<Option<HttpResponse>, Error> {
        if self.inner.auth == AccountAuth::None {
            return Ok(None);
        }
        let nonce = crate::clock::hex_nonce(self.inner.random.as_ref())?;
        let Some(request) = crate::huawei::access_token::access_token_request(
            &self.inner.auth,
            self.inner.clock.now_secs(),
            &nonce,
        )?
        else {
            return Ok(None);
        };
        let sent = self.send(request, self.deadline())?;
        Ok(Some(sent.response))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_in_words() {
        assert_eq!(offset_words(0), "within a second of");
        assert_eq!(offset_words(-12), "12 s behind");
        assert_eq!(offset_words(365), "6 min 5 s ahead of");
    }
}
