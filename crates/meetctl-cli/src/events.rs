//! `meetctl events tencent`: the core's ready webhook receiver on `--listen`, one JSON line per
//! event on stdout, as it arrives. The subscription's Token (and EncodingAESKey) come from the
//! environment or the profile, never from flags.

use std::net::SocketAddr;
use std::time::Duration;

use clap::ValueEnum;
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
acknowledged and printed once. The address listened on is printed on stderr first. See \
docs/events.md.";

/// Runs `meetctl events <vendor>`.
pub(crate) fn run(
    global: &Global,
    _vendor: EventsVendor,
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
    let webhook = profile.tencent_webhook()?;
    let webhook = webhook.max_age((max_age > 0).then(|| Duration::from_secs(max_age)));
    let tls = match tls {
        None => None,
        Some((cert, key)) => {
            let read = |path: &std::path::Path| {
                std::fs::read_to_string(path)
                    .map_err(|e| RunFailure::usage(format!("cannot read {}: {e}", path.display())))
            };
            Some(TlsPem { cert_chain: read(&cert)?, key: meetctl::Secret::new(read(&key)?) })
        }
    };
    let scheme = if tls.is_some() { "https" } else { "http" };
    let config = ReceiverConfig { addr: listen, tls, ..ReceiverConfig::default() };
    let receiver = TencentReceiver::start(webhook, config)
        .map_err(|e| RunFailure::usage(format!("cannot receive events: {e}")))?;
    output::note(&format!("meetctl: listening on {scheme}://{}", receiver.local_addr()));
    let mut printed = 0;
    while count.is_none_or(|n| printed < n) {
        if let Some(event) = receiver.next(Duration::from_millis(500)) {
            out.line(&line(&event).to_string())?;
            printed += 1;
        }
    }
    Ok(())
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
