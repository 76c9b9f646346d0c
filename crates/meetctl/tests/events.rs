//! Tencent webhooks end to end: the emulator (as the vendor) checks the URL, then pushes a
//! meeting's joins, leaves and end to the real receiver over loopback; the app sees exactly those
//! events, once each — in the clear and encrypted, and with the receiver restarted in the middle
//! (the vendor retries; a delivery seen again has the same id).

use std::time::Duration;

use meetctl::Secret;
use meetctl::tencent::receiver::{ReceiverConfig, TencentReceiver};
use meetctl::tencent::webhook::{TencentEvent, TencentEventKind, TencentWebhook};
use meetctl::tencent::{Instance, TencentUser};
use meetctl_emulator::{Emulator, demo_scenario};

const APP: &str = "210000001";
const TOKEN: &str = "bVPU6F8Htxl5XkAbp3jGV2xWp";
const AES_KEY: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPR";
/// A scheduled meeting of the demo scenario: nothing happens in it unless the test makes it.
const MEETING: &str = "1242152153005";

fn subscribe(emu: &Emulator, receiver: &TencentReceiver, aes_key: Option<&str>, retries: Vec<u64>) {
    let webhook = meetctl_emulator::TencentWebhook {
        url: format!("http://{}/hook", receiver.local_addr()),
        token: TOKEN.into(),
        aes_key: aes_key.map(str::to_owned),
        retry_delays_ms: Some(retries),
    };
    let subscription = emu.set_tencent_webhook(APP, webhook).unwrap();
    assert_eq!(subscription["verified"], true, "the URL check passed: {subscription}");
}

fn drain(receiver: &TencentReceiver) -> Vec<TencentEvent> {
    receiver.events(Duration::from_millis(300)).collect()
}

fn kinds(events: &[TencentEvent]) -> Vec<(TencentEventKind, Option<String>)> {
    events.iter().map(|e| (e.kind, e.participant.as_ref().map(|p| p.id.value().to_owned()))).collect()
}

fn run_the_meeting(emu: &Emulator) {
    emu.tencent_join(MEETING, Some("zoe"), "ms-zoe", 1, Some("Zoe")).unwrap();
    emu.tencent_join(MEETING, Some("yan"), "ms-yan", 2, Some("Yan")).unwrap();
    emu.tencent_leave(MEETING, "ms-yan").unwrap();
    emu.tencent_end(MEETING).unwrap();
    assert!(emu.webhooks_idle(Duration::from_secs(30)));
}

fn expected() -> Vec<(TencentEventKind, Option<String>)> {
    use TencentEventKind::*;
    vec![
        (MeetingStarted, None),
        (ParticipantJoined, Some("ms-zoe".into())),
        (ParticipantJoined, Some("ms-yan".into())),
        (ParticipantLeft, Some("ms-yan".into())),
        (ParticipantLeft, Some("ms-zoe".into())),
        (MeetingEnded, None),
    ]
}

#[test]
fn a_meeting_seen_through_webhooks_once_each() {
    for aes_key in [None, Some(AES_KEY)] {
        let emu = Emulator::start(demo_scenario()).unwrap();
        let webhook = TencentWebhook::new(TOKEN, aes_key.map(Secret::new)).unwrap();
        let receiver = TencentReceiver::start(webhook, ReceiverConfig::default()).unwrap();
        subscribe(&emu, &receiver, aes_key, vec![200, 400]);
        run_the_meeting(&emu);
        let events: Vec<TencentEvent> = receiver.events_for(MEETING, Duration::from_millis(300)).collect();
        assert_eq!(kinds(&events), expected(), "encrypted: {}", aes_key.is_some());
        assert!(drain(&receiver).is_empty(), "no other meeting's events");
        assert!(events.iter().all(|e| e.meeting_id.as_deref() == Some(MEETING)));
        let joined = &events[1];
        assert_eq!(joined.participant, Some(TencentUser::ms_open_id("ms-zoe", Instance::Pc)));
        let ids: std::collections::HashSet<_> = events.iter().map(|e| &e.id).collect();
        assert_eq!(ids.len(), events.len(), "distinct ids");
    }
}

#[test]
fn a_receiver_restarted_in_the_middle_gets_the_retries() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let webhook = TencentWebhook::new(TOKEN, None).unwrap();
    let first = TencentReceiver::start(webhook.clone(), ReceiverConfig::default()).unwrap();
    let addr = first.local_addr();
    subscribe(&emu, &first, None, vec![300, 600, 1200, 2400]);
    emu.tencent_join(MEETING, Some("zoe"), "ms-zoe", 1, Some("Zoe")).unwrap();
    let mut seen = Vec::new();
    while seen.len() < 2 {
        seen.push(first.next(Duration::from_secs(10)).expect("started and joined"));
    }
    drop(first); // the receiver goes away...
    emu.tencent_leave(MEETING, "ms-zoe").unwrap(); // ...while the vendor pushes
    std::thread::sleep(Duration::from_millis(100));
    // ...and comes back on the same address, with a verifier that remembers nothing.
    let second = TencentReceiver::start(
        TencentWebhook::new(TOKEN, None).unwrap(),
        ReceiverConfig { addr, ..ReceiverConfig::default() },
    )
    .unwrap();
    emu.tencent_end(MEETING).unwrap();
    assert!(emu.webhooks_idle(Duration::from_secs(30)));
    seen.extend(drain(&second));
    let kinds_seen: Vec<TencentEventKind> = seen.iter().map(|e| e.kind).collect();
    assert!(
        kinds_seen.contains(&TencentEventKind::ParticipantLeft),
        "the retried leave arrived: {kinds_seen:?}"
    );
    assert_eq!(kinds_seen.last(), Some(&TencentEventKind::MeetingEnded));
    // At least once: a delivery seen twice has the same id, so the app can tell.
    let mut ids: Vec<&str> = seen.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert!(ids.len() <= seen.len());
}
