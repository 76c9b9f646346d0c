//! `Meeting::watch` on Tencent, end to end against the emulator: the roster kept by polling the
//! real-time participant list (mute and video are polled: Tencent pushes no such event), the
//! pushed joins, leaves and end from a webhook receiver when one is attached, and a rate-limited
//! poll announced as a gap and followed by a resync.

use std::sync::Arc;
use std::time::{Duration, Instant};

use meetctl::tencent::receiver::{ReceiverConfig, TencentReceiver};
use meetctl::tencent::webhook::TencentWebhook;
use meetctl::tencent::{Instance, TencentClient, TencentCredentials, TencentUser};
use meetctl::{
    ClientConfig, EventOrigin, Meeting, MeetingEvent, MeetingEventKind, MeetingWatch, ParticipantField,
    ProxySetting, RetryPolicy, WatchOptions,
};
use meetctl_emulator::{Emulator, Fault, demo_scenario};

/// The demo scenario's meeting in progress (code 806 724 161): alice (its creator), bob, carol,
/// dave, erin and a Rooms device are in it.
const MEETING: &str = "1242152152161";
const APP: &str = "210000001";
const TOKEN: &str = "bVPU6F8Htxl5XkAbp3jGV2xWp";

fn meeting(emu: &Emulator, retry: RetryPolicy) -> Meeting {
    let config = ClientConfig::new()
        .base_url(emu.url())
        .proxy(ProxySetting::Disabled)
        .timeout(Duration::from_secs(5))
        .retry(retry);
    let creds = TencentCredentials::enterprise(APP, "AKIDdemo0001", "demo-secret-key-0001", None);
    let client = TencentClient::new(creds, config).unwrap();
    Meeting::tencent(client, MEETING, TencentUser::userid("alice", Instance::Ios)).unwrap()
}

/// The events until `stop` says so or 10 s pass.
fn take_until(watch: &MeetingWatch, stop: impl Fn(&MeetingEvent) -> bool) -> Vec<MeetingEvent> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        if let Some(event) = watch.next(Duration::from_millis(200)).unwrap() {
            let done = stop(&event);
            seen.push(event);
            if done {
                return seen;
            }
        }
    }
    panic!("timed out; events so far: {seen:#?}");
}

/// The error the watch ends with, within 10 s.
fn take_error(watch: &MeetingWatch) -> meetctl::Error {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Err(error) = watch.next(Duration::from_millis(200)) {
            return error;
        }
    }
    panic!("the watch did not end with an error");
}

fn who(event: &MeetingEvent) -> String {
    event.participant.as_ref().and_then(|p| p.name.clone()).unwrap_or_default()
}

fn is(kind: MeetingEventKind, name: &'static str) -> impl Fn(&MeetingEvent) -> bool {
    move |e| e.kind == kind && who(e) == name
}

#[test]
fn polling_only_sees_join_mute_video_leave_and_end() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let meeting = meeting(&emu, RetryPolicy::new());
    let watch = meeting.watch(WatchOptions::new().poll_interval(Duration::from_millis(100))).unwrap();
    // The roster the watch starts from is read before watch() returns, and arrives as joins.
    let start = watch.roster();
    assert_eq!(start.len(), 6, "{start:#?}");
    assert_eq!(start, meeting.participants().unwrap(), "the same participants as a listing");
    for p in &start {
        let event = watch.next(Duration::ZERO).unwrap().unwrap();
        assert_eq!((event.kind, event.origin), (MeetingEventKind::Joined, EventOrigin::Initial));
        assert_eq!(event.participant.as_ref(), Some(p));
    }

    emu.tencent_join(MEETING, Some("zoe"), "ms-zoe", 1, Some("Zoe")).unwrap();
    let joined = take_until(&watch, is(MeetingEventKind::Joined, "Zoe"));
    let zoe = joined.last().unwrap().participant.clone().unwrap();
    assert_eq!(zoe.audio_muted, Some(false));
    assert!(zoe.controllable, "the same participant the controls take");

    meeting.mute(&zoe).unwrap();
    let muted = take_until(&watch, is(MeetingEventKind::Changed, "Zoe"));
    let change = muted.last().unwrap();
    assert_eq!(change.changed, [ParticipantField::AudioMuted]);
    assert_eq!(
        (change.before.as_ref().unwrap().audio_muted, change.participant.as_ref().unwrap().audio_muted),
        (Some(false), Some(true))
    );
    assert_eq!(change.origin, EventOrigin::Polled);

    meeting.stop_video(&zoe).unwrap();
    let video = take_until(&watch, is(MeetingEventKind::Changed, "Zoe"));
    assert_eq!(video.last().unwrap().changed, [ParticipantField::VideoOn]);
    let in_roster = watch.roster().into_iter().find(|p| p.id() == zoe.id()).unwrap();
    assert_eq!((in_roster.audio_muted, in_roster.video_on), (Some(true), Some(false)));

    emu.tencent_leave(MEETING, "ms-zoe").unwrap();
    let left = take_until(&watch, is(MeetingEventKind::Left, "Zoe"));
    assert_eq!(left.last().unwrap().participant.as_ref().unwrap().id(), zoe.id());

    emu.tencent_end(MEETING).unwrap();
    let end = take_until(&watch, |e| e.kind == MeetingEventKind::Ended);
    assert!(end.iter().all(|e| e.kind != MeetingEventKind::Gap), "{end:#?}");
    assert!(watch.roster().is_empty());
    assert_eq!(watch.next(Duration::from_millis(50)).unwrap(), None);
    assert!(watch.is_finished());
}

#[test]
fn a_rate_limited_poll_is_a_gap_then_a_resync() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let meeting = meeting(&emu, RetryPolicy::none());
    let watch = meeting.watch(WatchOptions::new().poll_interval(Duration::from_millis(100))).unwrap();
    let path = format!("/v1/meetings/{MEETING}/real-time-participants");
    emu.inject(Fault::rate_limit(0).on_path(path).times(2));
    // Zoe joins while polls are refused: she is seen after the gaps, as a resync.
    emu.tencent_join(MEETING, Some("zoe"), "ms-zoe", 1, Some("Zoe")).unwrap();
    let events = take_until(&watch, is(MeetingEventKind::Joined, "Zoe"));
    let gaps: Vec<_> = events.iter().filter(|e| e.kind == MeetingEventKind::Gap).collect();
    assert_eq!(gaps.len(), 2, "one gap per refused poll: {events:#?}");
    assert!(gaps[0].reason.as_deref().unwrap().contains("rate-limited"), "{:?}", gaps[0].reason);
    assert_eq!(events.last().unwrap().origin, EventOrigin::Resync);
    // Later polls are ordinary again.
    emu.tencent_leave(MEETING, "ms-zoe").unwrap();
    let left = take_until(&watch, is(MeetingEventKind::Left, "Zoe"));
    assert_eq!(left.last().unwrap().origin, EventOrigin::Polled);
}

#[test]
fn a_receiver_adds_pushed_joins_and_leaves_and_the_end() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let receiver = Arc::new(
        TencentReceiver::start(TencentWebhook::new(TOKEN, None).unwrap(), ReceiverConfig::default()).unwrap(),
    );
    let webhook = meetctl_emulator::TencentWebhook {
        url: format!("http://{}/hook", receiver.local_addr()),
        token: TOKEN.into(),
        aes_key: None,
        retry_delays_ms: Some(vec![200]),
    };
    emu.set_tencent_webhook(APP, webhook).unwrap();
    let meeting = meeting(&emu, RetryPolicy::new());
    // Push only (no polling): what Tencent's webhooks carry.
    let watch = meeting.events(WatchOptions::new().tencent_receiver(receiver.clone())).unwrap();
    emu.tencent_join(MEETING, Some("zoe"), "ms-zoe", 1, Some("Zoe")).unwrap();
    emu.tencent_leave(MEETING, "ms-zoe").unwrap();
    emu.tencent_end(MEETING).unwrap();
    let events = take_until(&watch, |e| e.kind == MeetingEventKind::Ended);
    use MeetingEventKind::*;
    let pushed = EventOrigin::Pushed;
    // The meeting's end pushes a leave for everyone still in it, then the end.
    let seen: Vec<_> = events
        .iter()
        .filter(|e| e.kind == Ended || who(e) == "Zoe")
        .map(|e| (e.kind, who(e), e.origin))
        .collect();
    assert_eq!(
        seen,
        [(Joined, "Zoe".into(), pushed), (Left, "Zoe".into(), pushed), (Ended, String::new(), pushed)],
        "{events:#?}"
    );
    let zoe = events.iter().find(|e| e.kind == Joined && who(e) == "Zoe").unwrap();
    assert_eq!(zoe.participant.as_ref().unwrap().id(), "tencent:1:ms-zoe", "the id a listing gives");
    assert_eq!(zoe.raw["event"], "meeting.participant-joined", "the webhook's envelope as raw");
    assert!(watch.is_finished() || watch.next(Duration::from_millis(50)).unwrap().is_none());
    // A receiver closed under a push-only watch ends it with an error (it would never hear again).
    let watch = meeting.events(WatchOptions::new().tencent_receiver(receiver.clone())).unwrap();
    receiver.close();
    let error = take_error(&watch);
    assert_eq!(error.kind(), meetctl::ErrorKind::Connection, "{error}");
    assert!(watch.is_finished());
    // Without a receiver and without polling there is nothing to read: refused, naming it.
    let error = meeting.events(WatchOptions::new()).unwrap_err();
    assert_eq!(error.field(), Some("receiver"));
}

#[test]
fn close_from_another_thread_ends_a_waiting_next() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let watch = meeting(&emu, RetryPolicy::new()).watch(WatchOptions::new()).unwrap();
    while watch.next(Duration::ZERO).unwrap().is_some() {} // the joins it starts from
    let closer = watch.closer();
    let started = Instant::now();
    let t = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        closer.close();
    });
    assert_eq!(watch.next(Duration::from_secs(30)).unwrap(), None);
    assert!(started.elapsed() < Duration::from_secs(10));
    t.join().unwrap();
    assert!(watch.is_finished());
    // Bad options name the field before anything is sent.
    let bad = WatchOptions::new().poll_interval(Duration::from_millis(1));
    assert_eq!(meeting(&emu, RetryPolicy::new()).watch(bad).unwrap_err().field(), Some("poll_interval"));
}
