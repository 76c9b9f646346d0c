//! `meetctl events tencent|huawei`: one JSON line per event on stdout, as it arrives. Tencent, and
//! Huawei without `--conference`: the core's ready webhook receiver on `--listen`, its secrets
//! from the environment or the profile, never from flags. Huawei with `--conference`: the
//! conference-control WebSocket, through the neutral `Meeting::events`.

use std::net::SocketAddr;
use std::time::Duration;

use clap::ValueEnum;
use meetctl::huawei::{HuaweiEvent, HuaweiReceiver};
use meetctl::tencent::receiver::{ReceiverConfig, TencentReceiver, TlsPem};
use meetctl::tencent::webhook::TencentEvent;
use serde_json::{Value, json};

use crate::failure::RunFailure;
use crate::global::Global;
use crate::output::{self, Output};
use crate::profile::Profile;

/// Whose events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum EventsVendor {
    /// Tencent Meeting webhooks.
    Tencent,
    /// Huawei Cloud Meeting: a conference's WebSocket (--conference), or the enterprise event
    /// push (webhooks) on --listen.
    Huawei,
}

/// The long help of `meetctl events`.
pub(crate) const LONG_ABOUT: &str = "\
Receives a vendor's live events and prints one JSON line per event on stdout: {\"kind\", \"id\", \
\"time_ms\", \"meeting_id\", \"meeting_code\", \"occurrence\", \"participant\", \"raw\"}; \
\"participant\" is the participant as --user takes them (ms_open_id:ID@device).

Tencent Meeting: give the vendor's console (事件订阅) the URL of --listen as the callback URL; the \
subscription's Token comes from MEETCTL_TENCENT_WEBHOOK_TOKEN (and its EncodingAESKey, when it \
encrypts, from MEETCTL_TENCENT_WEBHOOK_AES_KEY), or webhook_token / webhook_aes_key in the profile. \
Every delivery is verified before it is decoded; the URL check is answered; a repeated delivery is \
acknowledged and printed once. The address listened on is printed on stderr first.

Huawei Cloud Meeting, --conference ID: the conference's control WebSocket (its host or guest \
password from MEETCTL_HUAWEI_CONFERENCE_PASSWORD), one line per change as `meetctl watch meeting` \
prints them, until the conference ends. Without --conference: the enterprise event push on \
--listen (give the push configuration its URL), verified with the subscriber ID and key from \
MEETCTL_HUAWEI_WEBHOOK_SUBSCRIBER_ID / MEETCTL_HUAWEI_WEBHOOK_SUBSCRIBER_KEY; meeting.verify is \
answered. See docs/events.md.";

/// Runs `meetctl events <vendor>`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run(
    global: &Global,
    vendor: EventsVendor,
    conference: Option<String>,
    listen: SocketAddr,
    count: Option<usize>,
    max_age: u64,
    tls: Option<(std::path::PathBuf, std::path::PathBuf)>,
    out: &mut Output,
) -> Result<(), RunFailure> {
    if global.dry_run {
        return Err(RunFailure::usage("--dry-run applies to calls; `meetctl events` sends nothing"));
    }
    let profile = Profile::load(global.profile.as_deref(), global.config.as_deref())?;
    let max_age = (max_age > 0).then(|| Duration::from_secs(max_age));
    let tls = read_tls(tls)?;
    match (vendor, conference) {
        (EventsVendor::Tencent, Some(_)) => {
            Err(RunFailure::usage("--conference is for Huawei; Tencent pushes events through webhooks only"))
        }
        (EventsVendor::Huawei, Some(id)) => conference_events(global, &profile, &id, count, out),
        (EventsVendor::Tencent, None) => {
            let webhook = profile.tencent_webhook()?.max_age(max_age);
            let receiver = start(tls, listen, |config| TencentReceiver::start(webhook, config))?;
            print_events(count, out, |wait| receiver.next(wait).map(|e| line(&e)))
        }
        (EventsVendor::Huawei, None) => {
            let webhook = profile.huawei_webhook()?.max_age(max_age);
            let receiver = start(tls, listen, |config| HuaweiReceiver::start(webhook, config))?;
            print_events(count, out, |wait| receiver.next(wait).map(|e| huawei_line(&e)))
        }
    }
}

/// A Huawei conference's events from its WebSocket, as `meetctl watch meeting` prints them.
fn conference_events(
    global: &Global,
    profile: &Profile,
    conference_id: &str,
    count: Option<usize>,
    out: &mut Output,
) -> Result<(), RunFailure> {
    let meeting = meetctl::Meeting::huawei(crate::huawei::conference(global, profile, conference_id)?);
    let flag_of = |field: &str| (field == "conference_id").then(|| "--conference".to_owned());
    let watch = meeting.events(meetctl::WatchOptions::new()).map_err(|e| crate::failure::core(e, flag_of))?;
    crate::watch::print(&meeting, &watch, count, out).map_err(|e| match e {
        crate::watch::Printed::Output(failure) => failure,
        crate::watch::Printed::Core(error) => crate::failure::core(error, flag_of),
    })
}

/// Starts a receiver on `listen` (with TLS when given) and names its address on stderr.
fn start<R: Listening>(
    tls: Option<TlsPem>,
    listen: SocketAddr,
    start: impl FnOnce(ReceiverConfig) -> Result<R, meetctl::Error>,
) -> Result<R, RunFailure> {
    let scheme = if tls.is_some() { "https" } else { "http" };
    let config = ReceiverConfig { addr: listen, tls, ..ReceiverConfig::default() };
    let receiver = start(config).map_err(|e| RunFailure::usage(format!("cannot receive events: {e}")))?;
    output::note(&format!("meetctl: listening on {scheme}://{}", receiver.addr()));
    Ok(receiver)
}

/// A receiver's address.
trait Listening {
    fn addr(&self) -> SocketAddr;
}

impl Listening for TencentReceiver {
    fn addr(&self) -> SocketAddr {
        self.local_addr()
    }
}

impl Listening for HuaweiReceiver {
    fn addr(&self) -> SocketAddr {
        self.local_addr()
    }
}

/// Prints what `next` gives, a line each, until `count` lines (or forever).
fn print_events(
    count: Option<usize>,
    out: &mut Output,
    next: impl Fn(Duration) -> Option<Value>,
) -> Result<(), RunFailure> {
    let mut printed = 0;
    while count.is_none_or(|n| printed < n) {
        if let Some(event) = next(Duration::from_millis(500)) {
            out.line(&event.to_string())?;
            printed += 1;
        }
    }
    Ok(())
}

/// The certificate chain and key files, read.
fn read_tls(tls: Option<(std::path::PathBuf, std::path::PathBuf)>) -> Result<Option<TlsPem>, RunFailure> {
    Ok(match tls {
        None => None,
        Some((cert, key)) => {
            let read = |path: &std::path::Path| {
                std::fs::read_to_string(path)
                    .map_err(|e| RunFailure::usage(format!("cannot read {}: {e}", path.display())))
            };
            Some(TlsPem { cert_chain: read(&cert)?, key: meetctl::Secret::new(read(&key)?) })
        }
    })
}

/// One event as its JSON line.
fn line(event: &TencentEvent) -> Value {
    json!({
        "kind": event.name,
        "id": event.id,
        "time_ms": event.time_ms,
        "meeting_id": event.meeting_id,
        "meeting_code": event.meeting_code,
        "occurrence": event.occurrence,
        "participant": event.participant.as_ref().map(crate::users::display_user),
        "raw": event.raw(),
    })
}

/// One Huawei pushed event as its JSON line.
fn huawei_line(event: &HuaweiEvent) -> Value {
    json!({
        "kind": event.name(),
        "id": event.id(),
        "time_ms": event.time_ms(),
        "meeting_id": event.meeting_id(),
        "meeting_uuid": event.meeting_uuid(),
        "participant_id": event.participant_id(),
        "display_name": event.display_name(),
        "raw": event.raw(),
    })
}
