//! The Huawei conference-control WebSocket stream against the emulator over loopback: the
//! initial roster as joins, joins, mutes through the REST control, hands, leaves and the end in
//! order; a dropped socket, a skipped version, unanswered heartbeats, garbage and oversized
//! frames, refused tokens; close from another thread.

use std::time::{Duration, Instant};

use meetctl::huawei::{
    AccountAuth, Conference, ConferenceAuth, HuaweiClient, HuaweiLiveEvent, HuaweiLiveStream, LiveOptions,
    Region,
};
use meetctl::{ClientConfig, ErrorKind, ProxySetting, Secret};
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};

const CONF: &str = "914083136";
const HOST_PWD: &str = "157599";

fn conference(emu: &Emulator) -> Conference {
    let config =
        ClientConfig::new().base_url(emu.url()).proxy(ProxySetting::Disabled).timeout(Duration::from_secs(5));
    let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config).unwrap();
    client.conference(CONF, ConferenceAuth::Password(Secret::new(HOST_PWD))).unwrap()
}

/// An admin call: `POST`/`GET /_emulator/huawei/conferences/CONF/<path>`; the JSON answer.
fn admin(emu: &Emulator, method: &str, path: &str, body: Value) -> Value {
    emu.admin(method, &format!("/_emulator/huawei/conferences/{CONF}/{path}"), &body).unwrap()
}

fn options() -> LiveOptions {
    LiveOptions::new().reconnect_initial(Duration::from_millis(50)).reconnect_max(Duration::from_millis(400))
}

/// Events until `until` matches one (which is returned last), within 10 s; speaker and
/// conference-info notices are skipped.
fn until(stream: &HuaweiLiveStream, mut until: impl FnMut(&HuaweiLiveEvent) -> bool) -> Vec<HuaweiLiveEvent> {
    let started = Instant::now();
    let mut seen = Vec::new();
    while started.elapsed() < Duration::from_secs(10) {
        match stream.next(Duration::from_millis(200)) {
            Ok(Some(HuaweiLiveEvent::Speakers { .. } | HuaweiLiveEvent::ConferenceInfo { .. })) => {}
            Ok(Some(event)) => {
                let done = until(&event);
                seen.push(event);
                if done {
                    return seen;
                }
            }
            Ok(None) => {}
            Err(e) => panic!("the stream ended: {e} after {seen:?}"),
        }
    }
    panic!("not seen within 10 s; seen: {seen:?}")
}

/// Starts a stream and reads the initial roster (joins, `resync: false`).
fn started(emu: &Emulator, options: LiveOptions) -> (Conference, HuaweiLiveStream, usize) {
    let conf = conference(emu);
    let online = conf.info().unwrap().participants.len();
    assert!(online > 0);
    let stream = conf.live_events(options).unwrap();
    let mut joined = 0;
    until(&stream, |e| {
        if matches!(e, HuaweiLiveEvent::Joined { resync: false, .. }) {
            joined += 1;
        }
        joined == online
    });
    assert_eq!(stream.participants().len(), online);
    (conf, stream, online)
}

fn stats(emu: &Emulator) -> Value {
    admin(emu, "GET", "ws", Value::Null)
}

fn join(emu: &Emulator, name: &str) -> String {
    admin(emu, "POST", "join", json!({"name": name}))["pid"].as_str().unwrap().to_owned()
}

fn is_joined(e: &HuaweiLiveEvent, name: &str, resync: bool) -> bool {
    matches!(e, HuaweiLiveEvent::Joined { participant, resync: r, .. } if participant.name.as_deref() == Some(name) && *r == resync)
}

#[test]
fn a_meeting_from_the_initial_roster_to_its_end() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let (conf, stream, online) = started(&emu, options());
    let zoe = join(&emu, "Zoe");
    let events = until(&stream, |e| is_joined(e, "Zoe", false));
    assert!(events.iter().all(|e| !matches!(e, HuaweiLiveEvent::Gap { .. })), "{events:?}");
    let joined = stream.participants();
    assert_eq!(joined.len(), online + 1);
    let z = joined.iter().find(|p| p.participant_id == zoe).unwrap();
    assert_eq!((z.audio_muted, z.hand_raised), (Some(false), Some(false)));

    conf.mute(&zoe).unwrap();
    let muted = until(&stream, |e| matches!(e, HuaweiLiveEvent::Changed { .. }));
    let HuaweiLiveEvent::Changed { before, after, changed, resync: false } = muted.last().unwrap() else {
        panic!()
    };
    assert_eq!((before.participant_id.as_str(), changed.as_slice()), (zoe.as_str(), &["audio_muted"][..]));
    assert_eq!((before.audio_muted, after.audio_muted), (Some(false), Some(true)));

    admin(&emu, "POST", "hand", json!({"pid": zoe, "raised": true}));
    let hand = until(&stream, |e| matches!(e, HuaweiLiveEvent::Changed { .. }));
    let HuaweiLiveEvent::Changed { after, changed, .. } = hand.last().unwrap() else { panic!() };
    assert_eq!(
        (changed.as_slice(), after.hand_raised, after.audio_muted),
        (&["hand_raised"][..], Some(true), Some(true))
    );

    admin(&emu, "POST", "leave", json!({"pid": zoe}));
    let left = until(&stream, |e| matches!(e, HuaweiLiveEvent::Left { .. }));
    let HuaweiLiveEvent::Left { participant, resync: false } = left.last().unwrap() else { panic!() };
    assert_eq!(
        (participant.participant_id.as_str(), participant.hand_raised),
        (zoe.as_str(), Some(true)),
        "the last known state"
    );
    assert!(stream.participants().iter().all(|p| p.participant_id != zoe));
    assert_eq!(stream.participants().len(), online);

    admin(&emu, "POST", "end", Value::Null);
    let end = until(&stream, |e| matches!(e, HuaweiLiveEvent::Ended));
    let state = end.iter().rev().find_map(|e| match e {
        HuaweiLiveEvent::ConferenceState { state, .. } => state.clone(),
        _ => None,
    });
    assert_eq!(state.as_deref(), Some("Destroyed"), "{end:?}");
    assert_eq!(stream.next(Duration::from_millis(200)).unwrap(), None);
    assert!(stream.is_finished());
    assert_eq!(stats(&emu)["connections"], 1, "one socket all along");
}

#[test]
fn a_dropped_socket_is_a_gap_then_the_net_changes() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let slow = LiveOptions::new()
        .reconnect_initial(Duration::from_millis(600))
        .reconnect_max(Duration::from_secs(1));
    let (_conf, stream, online) = started(&emu, slow);
    let someone = stream.participants()[0].clone();
    admin(&emu, "POST", "ws/drop", Value::Null);
    // While the socket is down: Yan joins, Xu joins and leaves, someone raises a hand.
    let yan = join(&emu, "Yan");
    let xu = join(&emu, "Xu");
    admin(&emu, "POST", "leave", json!({"pid": xu}));
    admin(&emu, "POST", "hand", json!({"pid": someone.participant_id, "raised": true}));
    let events = until(&stream, |e| matches!(e, HuaweiLiveEvent::Gap { .. }));
    assert_eq!(events.len(), 1, "nothing before the gap: {events:?}");
    let mut rest = Vec::new();
    while let Ok(Some(e)) = stream.next(Duration::from_millis(500)) {
        if !matches!(
            e,
            HuaweiLiveEvent::Speakers { .. }
                | HuaweiLiveEvent::ConferenceInfo { .. }
                | HuaweiLiveEvent::ConferenceState { .. }
        ) {
            rest.push(e);
        }
    }
    assert_eq!(rest.len(), 2, "Yan's join and the hand, not Xu: {rest:?}");
    assert!(rest.iter().any(|e| is_joined(e, "Yan", true)));
    assert!(rest.iter().any(|e| matches!(e, HuaweiLiveEvent::Changed { after, changed, resync: true, .. }
        if after.participant_id == someone.participant_id && changed == &["hand_raised"])));
    assert_eq!(stream.participants().len(), online + 1);
    assert!(stream.participants().iter().any(|p| p.participant_id == yan));
    assert_eq!(stats(&emu)["connections"], 2);
    assert_eq!(stats(&emu)["open"], 1);
}

#[test]
fn a_skipped_version_is_a_gap() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let (_conf, stream, _) = started(&emu, options());
    admin(&emu, "POST", "ws/skip-version", Value::Null);
    join(&emu, "Wen");
    let events = until(&stream, |e| is_joined(e, "Wen", true));
    assert!(
        events.iter().any(|e| matches!(e, HuaweiLiveEvent::Gap { reason } if reason.contains("version"))),
        "{events:?}"
    );
    assert_eq!(stats(&emu)["connections"], 2);
}

#[test]
fn unanswered_heartbeats_make_it_reconnect() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let quick = options()
        .heartbeat_interval(Duration::from_millis(100))
        .heartbeat_timeout(Duration::from_millis(300));
    let (_conf, stream, _) = started(&emu, quick);
    assert!(stats(&emu)["heartbeats"].as_u64().unwrap() <= 2 + 10);
    admin(&emu, "POST", "ws/heartbeats", json!({"answer": false}));
    let events = until(&stream, |e| matches!(e, HuaweiLiveEvent::Gap { .. }));
    assert!(
        matches!(events.last(), Some(HuaweiLiveEvent::Gap { reason }) if reason.contains("heartbeat")),
        "{events:?}"
    );
    admin(&emu, "POST", "ws/heartbeats", json!({"answer": true}));
    std::thread::sleep(Duration::from_millis(800));
    let connections = stats(&emu)["connections"].as_u64().unwrap();
    assert!(connections >= 2);
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(stats(&emu)["connections"].as_u64().unwrap(), connections, "steady once answered");
    join(&emu, "Vic");
    until(&stream, |e| is_joined(e, "Vic", false));
}

#[test]
fn garbage_and_oversized_frames_reconnect_without_a_panic() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let (_conf, stream, _) = started(&emu, options().max_frame_bytes(64 * 1024));
    for (i, garbage) in
        [json!({"kind": "text"}), json!({"kind": "binary"}), json!({"kind": "oversized", "bytes": 200_000})]
            .into_iter()
            .enumerate()
    {
        admin(&emu, "POST", "ws/garbage", garbage.clone());
        let events = until(&stream, |e| matches!(e, HuaweiLiveEvent::Gap { .. }));
        assert_eq!(events.len(), 1, "{garbage}: {events:?}");
        let name = format!("G{i}");
        join(&emu, &name);
        until(&stream, |e| is_joined(e, &name, false));
    }
    assert_eq!(stats(&emu)["connections"], 4);
    // An oversized frame within the cap is a frame like any other.
    admin(&emu, "POST", "ws/garbage", json!({"kind": "oversized", "bytes": 1000}));
    join(&emu, "Fine");
    until(&stream, |e| is_joined(e, "Fine", false));
}

#[test]
fn refused_tokens_are_retried_up_to_max_reconnects() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let (_conf, stream, _) = started(&emu, options().max_reconnects(3));
    admin(&emu, "POST", "ws/refuse", json!({"count": 2}));
    admin(&emu, "POST", "ws/drop", Value::Null);
    until(&stream, |e| matches!(e, HuaweiLiveEvent::Gap { .. }));
    join(&emu, "Una");
    until(&stream, |e| is_joined(e, "Una", false));

    admin(&emu, "POST", "ws/refuse", json!({"count": 5}));
    admin(&emu, "POST", "ws/drop", Value::Null);
    let started = Instant::now();
    let error = loop {
        match stream.next(Duration::from_secs(5)) {
            Ok(Some(_)) => {}
            Ok(None) => panic!("no end within 5 s"),
            Err(e) => break e,
        }
        assert!(started.elapsed() < Duration::from_secs(10));
    };
    assert_eq!(error.kind(), ErrorKind::Auth, "{error}");
    assert!(!format!("{error:?}").contains("tmpToken="));
    assert_eq!(stream.next(Duration::from_millis(100)).unwrap(), None);
    assert!(stream.is_finished());
}

#[test]
fn close_from_another_thread_ends_a_waiting_next() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let (_conf, stream, _) = started(&emu, options());
    while stream.next(Duration::from_millis(300)).unwrap().is_some() {}
    let closer = stream.closer();
    let closing = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        closer.close();
        closer.close();
    });
    let waited = Instant::now();
    assert_eq!(stream.next(Duration::from_secs(30)).unwrap(), None);
    assert!(waited.elapsed() < Duration::from_secs(2), "{:?}", waited.elapsed());
    closing.join().unwrap();
    assert!(stream.is_finished());
    let deadline = Instant::now() + Duration::from_secs(3);
    while stats(&emu)["open"] != 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(stats(&emu)["open"], 0, "the socket was closed");
}

#[test]
fn options_are_checked_naming_the_field() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu);
    for (options, field) in [
        (LiveOptions::new().heartbeat_interval(Duration::ZERO), "heartbeat_interval"),
        (LiveOptions::new().heartbeat_timeout(Duration::from_secs(3600)), "heartbeat_timeout"),
        (LiveOptions::new().reconnect_max(Duration::from_millis(1)), "reconnect_max"),
        (LiveOptions::new().max_reconnects(0), "max_reconnects"),
        (LiveOptions::new().max_frame_bytes(10), "max_frame_bytes"),
        (LiveOptions::new().queue(0), "queue"),
    ] {
        assert_eq!(conf.live_events(options).unwrap_err().field(), Some(field));
    }
}

#[test]
fn the_socket_runs_over_tls_with_the_clients_roots() {
    let emu = Emulator::start_tls(demo_scenario()).unwrap();
    let config = ClientConfig::new()
        .base_url(emu.url())
        .proxy(ProxySetting::Disabled)
        .timeout(Duration::from_secs(5))
        .extra_ca_pem(emu.ca_pem().unwrap().as_bytes().to_vec());
    let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config).unwrap();
    let conf = client.conference(CONF, ConferenceAuth::Password(Secret::new(HOST_PWD))).unwrap();
    let online = conf.info().unwrap().participants;
    let stream = conf.live_events(options()).unwrap();
    let mut joined = 0;
    until(&stream, |e| {
        joined += usize::from(matches!(e, HuaweiLiveEvent::Joined { resync: false, .. }));
        joined == online.len()
    });
    let someone = &online[0].participant_id;
    conf.mute(someone).unwrap();
    let events = until(&stream, |e| matches!(e, HuaweiLiveEvent::Changed { .. }));
    assert!(
        matches!(events.last(), Some(HuaweiLiveEvent::Changed { after, .. }) if &after.participant_id == someone)
    );

    // Without the emulator's CA the socket is refused as a TLS error (the REST calls too).
    let untrusting = ClientConfig::new().base_url(emu.url()).proxy(ProxySetting::Disabled);
    let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, untrusting).unwrap();
    let conf = client.conference(CONF, ConferenceAuth::Password(Secret::new(HOST_PWD))).unwrap();
    let stream = conf.live_events(options().max_reconnects(1)).unwrap();
    let error = stream.next(Duration::from_secs(10)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Tls, "{error}");
}

#[test]
fn an_app_that_falls_behind_gets_a_gap_and_the_net_roster() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let (_conf, stream, online) = started(&emu, options().queue(8));
    admin(&emu, "POST", "crowd", json!({"count": 50}));
    // The reader fills the queue and drops the rest while the app sleeps.
    let deadline = Instant::now() + Duration::from_secs(5);
    while stream.participants().len() < online + 50 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(stream.participants().len(), online + 50, "participants() is the latest roster");
    let mut joined = std::collections::BTreeSet::new();
    let mut gaps = Vec::new();
    while let Ok(Some(event)) = stream.next(Duration::from_millis(500)) {
        match event {
            HuaweiLiveEvent::Joined { participant, .. } => assert!(joined.insert(participant.participant_id)),
            HuaweiLiveEvent::Gap { reason } => gaps.push(reason),
            HuaweiLiveEvent::Left { participant, .. } => panic!("{participant:?} never left"),
            _ => {}
        }
    }
    assert!(!gaps.is_empty() && gaps.iter().all(|r| r == "the app fell behind"), "{gaps:?}");
    assert_eq!(joined.len(), 50, "every newcomer once, none twice");
    assert_eq!(stats(&emu)["connections"], 1, "falling behind is not a reconnect");
}
