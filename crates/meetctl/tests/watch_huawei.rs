//! `Meeting::watch` on Huawei, end to end against the emulator: the neutral roster and events
//! from the conference-control WebSocket — someone joins, is muted through the neutral control
//! (with the participant the event gave), raises a hand, leaves, the conference ends — and the
//! socket dropped in the middle of the meeting: a gap, then the net changes as a resync.

use std::time::{Duration, Instant};

use meetctl::huawei::{AccountAuth, ConferenceAuth, HuaweiClient, LiveOptions, Region};
use meetctl::{
    ClientConfig, EventOrigin, Meeting, MeetingEvent, MeetingEventKind, MeetingWatch, ParticipantField,
    ProxySetting, Secret, WatchOptions,
};
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};

const CONF: &str = "914083136";

fn meeting(emu: &Emulator) -> Meeting {
    let config =
        ClientConfig::new().base_url(emu.url()).proxy(ProxySetting::Disabled).timeout(Duration::from_secs(5));
    let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config).unwrap();
    Meeting::huawei(client.conference(CONF, ConferenceAuth::Password(Secret::new("157599"))).unwrap())
}

/// `POST /_emulator/huawei/conferences/CONF/<path>` with `body`; the JSON answer.
fn admin(emu: &Emulator, path: &str, body: Value) -> Value {
    emu.admin("POST", &format!("/_emulator/huawei/conferences/{CONF}/{path}"), &body).unwrap()
}

fn options() -> WatchOptions {
    WatchOptions::new().live(
        LiveOptions::new()
            .reconnect_initial(Duration::from_millis(50))
            .reconnect_max(Duration::from_millis(400)),
    )
}

/// Participant events (and gaps, ends) until `stop` matches one, within 10 s.
fn take_until(watch: &MeetingWatch, stop: impl Fn(&MeetingEvent) -> bool) -> Vec<MeetingEvent> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        let Some(event) = watch.next(Duration::from_millis(200)).unwrap() else { continue };
        if event.kind == MeetingEventKind::Other {
            continue;
        }
        let done = stop(&event);
        seen.push(event);
        if done {
            return seen;
        }
    }
    panic!("timed out; seen: {seen:#?}");
}

fn who(event: &MeetingEvent) -> &str {
    event.participant.as_ref().and_then(|p| p.name.as_deref()).unwrap_or("")
}

fn is(kind: MeetingEventKind, name: &'static str) -> impl Fn(&MeetingEvent) -> bool {
    move |e| e.kind == kind && who(e) == name
}

/// Starts a watch and takes its initial joins (as many as `participants()` lists).
fn started(meeting: &Meeting) -> MeetingWatch {
    let online = meeting.participants().unwrap();
    let watch = meeting.watch(options()).unwrap();
    assert_eq!(watch.roster().len(), online.len(), "the roster is there when watch() returns");
    let mut initial = Vec::new();
    while initial.len() < online.len() {
        let event = take_until(&watch, |_| true).pop().unwrap();
        assert_eq!((event.kind, event.origin), (MeetingEventKind::Joined, EventOrigin::Initial), "{event:?}");
        initial.push(event.participant.unwrap());
    }
    let ids = |list: &[meetctl::Participant]| {
        let mut ids: Vec<String> = list.iter().map(|p| p.id().to_owned()).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&initial), ids(&online), "the same participants, with the same ids, as a listing");
    assert_eq!(ids(&watch.roster()), ids(&online));
    watch
}

#[test]
fn join_mute_hand_leave_and_end() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let meeting = meeting(&emu);
    let watch = started(&meeting);
    let pid = admin(&emu, "join", json!({"name": "Zoe"}))["pid"].as_str().unwrap().to_owned();
    let joined = take_until(&watch, is(MeetingEventKind::Joined, "Zoe"));
    let zoe = joined.last().unwrap();
    assert_eq!(zoe.origin, EventOrigin::Pushed);
    let zoe = zoe.participant.clone().unwrap();
    assert_eq!(zoe.id(), format!("huawei:{pid}"));

    // The participant the event gave is the one the neutral controls take.
    meeting.mute(&zoe).unwrap();
    let muted = take_until(&watch, is(MeetingEventKind::Changed, "Zoe"));
    let change = muted.last().unwrap();
    assert_eq!(change.changed, [ParticipantField::AudioMuted]);
    assert_eq!(change.participant.as_ref().unwrap().audio_muted, Some(true));

    admin(&emu, "hand", json!({"pid": pid, "raised": true}));
    let hand = take_until(&watch, is(MeetingEventKind::Changed, "Zoe"));
    assert_eq!(hand.last().unwrap().changed, [ParticipantField::HandRaised]);
    let now = watch.roster().into_iter().find(|p| p.id() == zoe.id()).unwrap();
    assert_eq!((now.audio_muted, now.hand_raised), (Some(true), Some(true)));

    admin(&emu, "leave", json!({"pid": pid}));
    take_until(&watch, is(MeetingEventKind::Left, "Zoe"));
    assert!(watch.roster().iter().all(|p| p.id() != zoe.id()));

    admin(&emu, "end", json!({}));
    let end = take_until(&watch, |e| e.kind == MeetingEventKind::Ended);
    assert!(end.iter().all(|e| e.kind != MeetingEventKind::Gap), "{end:#?}");
    assert!(watch.roster().is_empty(), "an ended conference has nobody in it");
    assert_eq!(watch.next(Duration::from_millis(100)).unwrap(), None);
    assert!(watch.is_finished());
}

#[test]
fn the_socket_dropped_mid_meeting_is_a_gap_then_the_net_changes() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let meeting = meeting(&emu);
    let watch = started(&meeting);
    let pid = admin(&emu, "join", json!({"name": "Zoe"}))["pid"].as_str().unwrap().to_owned();
    take_until(&watch, is(MeetingEventKind::Joined, "Zoe"));

    // The socket drops, and the next two connections are refused: while it is down, Yan joins,
    // Zoe raises her hand, and Xu joins and leaves (Xu cannot be seen).
    admin(&emu, "ws/refuse", json!({"count": 2}));
    admin(&emu, "ws/drop", json!({}));
    let yan = admin(&emu, "join", json!({"name": "Yan"}))["pid"].as_str().unwrap().to_owned();
    admin(&emu, "hand", json!({"pid": pid, "raised": true}));
    let xu = admin(&emu, "join", json!({"name": "Xu"}))["pid"].as_str().unwrap().to_owned();
    admin(&emu, "leave", json!({"pid": xu}));

    // Both net changes arrive, in either order: Yan's join and Zoe's hand.
    let (yan_seen, hand_seen) = (std::cell::Cell::new(false), std::cell::Cell::new(false));
    let events = take_until(&watch, |e| {
        yan_seen.set(yan_seen.get() || (e.kind == MeetingEventKind::Joined && who(e) == "Yan"));
        hand_seen.set(hand_seen.get() || (e.kind == MeetingEventKind::Changed && who(e) == "Zoe"));
        yan_seen.get() && hand_seen.get()
    });
    let gap = events.iter().position(|e| e.kind == MeetingEventKind::Gap).expect("a gap is announced");
    assert!(events[gap + 1..].iter().all(|e| e.origin == EventOrigin::Resync), "{events:#?}");
    assert!(events.iter().all(|e| who(e) != "Xu"), "who came and went in the gap is not seen");
    let hand = events.iter().find(|e| e.kind == MeetingEventKind::Changed && who(e) == "Zoe").unwrap();
    assert_eq!(hand.changed, [ParticipantField::HandRaised]);
    let roster = watch.roster();
    assert!(roster.iter().any(|p| p.id() == format!("huawei:{yan}")));
    assert!(roster.iter().all(|p| p.id() != format!("huawei:{xu}")));
}

#[test]
fn a_conference_that_cannot_be_watched_fails_in_watch_itself() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let config =
        ClientConfig::new().base_url(emu.url()).proxy(ProxySetting::Disabled).timeout(Duration::from_secs(5));
    let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config).unwrap();
    let wrong = client.conference(CONF, ConferenceAuth::Password(Secret::new("000000"))).unwrap();
    let error = Meeting::huawei(wrong).watch(options()).unwrap_err();
    assert_eq!(error.kind(), meetctl::ErrorKind::Auth, "{error}");
    assert!(!format!("{error:?}").contains("000000"), "no password in the error");
    // Bad options name the field before anything is sent.
    let bad = WatchOptions::new().queue(1);
    assert_eq!(meeting(&emu).watch(bad).unwrap_err().field(), Some("queue"));
}
