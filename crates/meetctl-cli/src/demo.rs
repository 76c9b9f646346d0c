//! `meetctl demo`: the emulator in-process with its built-in demo scenario, and a walk through the
//! seed operations and the newer controls of both vendors, then the vendor-neutral layer on both.
//!
//! Each step prints the requests the emulator received for it (`METHOD path?query → status`, from
//! its own request log), the result, and the state it then holds for what the step changed. A
//! step that fails, or leaves the state other than it should, is marked and makes the demo exit
//! with 1 once every step has run.

use meetctl::huawei::{AccountAuth, Conference, ConferenceAuth, HuaweiClient, Region};
use meetctl::tencent::receiver::{ReceiverConfig, TencentReceiver};
use meetctl::tencent::webhook::TencentWebhook;
use meetctl::tencent::{Instance, TencentClient, TencentCredentials, TencentParticipant, TencentUser};
use meetctl::{
    Args, ClientConfig, Error, ErrorKind, Meeting, MeetingEvent, MeetingEventKind, MeetingWatch, Participant,
    ProxySetting, Secret, WatchOptions,
};
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};

use crate::failure::RunFailure;
use crate::output::Output;

/// Tencent meeting of the seed operations (app 210000001), found from its code.
const MEETING: &str = "1242152152161";
/// The demo meeting's code as a person types it; an ended meeting of last week has it too.
const MEETING_CODE: &str = "806 724 161";
/// Tencent meeting the neutral layer acts on (app 210000002, SdkId 20002).
const NEUTRAL_MEETING: &str = "1242152152163";
/// Huawei conference of the seed operations.
const CONFERENCE: &str = "914083136";
/// Huawei conference the neutral layer acts on (no host yet).
const NEUTRAL_CONFERENCE: &str = "914083138";
const HOST_PASSWORD: &str = "157599";
/// The SIP device the neutral part calls into both meetings.
const LOBBY_SIP: &str = "sip:lobby@example.com";
const GUEST_PASSWORD: &str = "246810";
/// The Token of the demo's event subscription (the vendor's console shows one like it).
const WEBHOOK_TOKEN: &str = "bVPU6F8Htxl5XkAbp3jGV2xWp";
const ALICE_HW: &str = "d2c3ae64216e11eabc510dc9b62e3a80";
const BOB_HW: &str = "a1b2c3d4e5f611eabc510dc9b62e3a81";
const BOB: &str = "agaqwwgdkkddd";

static NULL: Value = Value::Null;

/// What a step should end in.
enum Expect {
    /// The call succeeds.
    Success,
    /// The call is refused with this kind.
    Refused(ErrorKind),
}

/// The walk: the emulator, what of its request log was shown, the output, the record.
struct Demo<'a> {
    emulator: Emulator,
    seen: u64,
    out: &'a mut Output,
    steps: Vec<Value>,
    failed: usize,
}

impl Demo<'_> {
    /// Prints a section title.
    fn section(&mut self, title: &str) -> Result<(), RunFailure> {
        if self.out.json() {
            return Ok(());
        }
        self.out.line(&format!("\n== {title}"))
    }

    /// Runs one step: `action`, then what the emulator received, `shown` of the result, and
    /// `check` of the state after it (its text, and whether the state is what it should be).
    fn step<T>(
        &mut self,
        vendor: &str,
        what: &str,
        expect: Expect,
        action: impl FnOnce() -> Result<T, Error>,
        shown: impl FnOnce(&T) -> String,
        check: impl FnOnce(&Value) -> (String, bool),
    ) -> Result<Option<T>, RunFailure> {
        let number = self.steps.len() + 1;
        let outcome = action();
        let state = self.emulator.state();
        let requests = self.new_requests(&state);
        let (result, mut ok, value) = match (outcome, expect) {
            (Ok(value), Expect::Success) => (shown(&value), true, Some(value)),
            (Ok(value), Expect::Refused(kind)) => {
                (format!("succeeded, but should have been refused ({kind})"), false, Some(value))
            }
            (Err(e), Expect::Refused(kind)) if e.kind() == kind => {
                (format!("refused, as it should be: {e}"), true, None)
            }
            (Err(e), _) => (format!("failed: {e}"), false, None),
        };
        let (state_text, state_ok) = check(&state);
        ok &= state_ok;
        if !ok {
            self.failed += 1;
        }
        if !self.out.json() {
            let mark = if ok { "" } else { "   <-- FAILED" };
            self.out.line(&format!("{number:>2}. {vendor:<8} {what}{mark}"))?;
            for r in &requests {
                self.out.line(&format!("      {}", request_line(r)))?;
            }
            let mut lines = result.lines();
            self.out.line(&format!("      result: {}", lines.next().unwrap_or("")))?;
            for line in lines {
                self.out.line(&format!("              {line}"))?;
            }
            self.out.line(&format!("      state:  {state_text}"))?;
        }
        self.steps.push(json!({
            "number": number, "vendor": vendor, "step": what, "requests": requests,
            "result": result, "state": state_text, "ok": ok,
        }));
        Ok(value)
    }

    /// The requests the emulator logged since the last step.
    fn new_requests(&mut self, state: &Value) -> Vec<Value> {
        let count = state["request_count"].as_u64().unwrap_or(self.seen);
        let log = state["requests"].as_array().map(Vec::as_slice).unwrap_or(&[]);
        let new = usize::try_from(count.saturating_sub(self.seen)).unwrap_or(usize::MAX).min(log.len());
        self.seen = count;
        log[log.len() - new..].to_vec()
    }
}

/// `PUT /v1/…?query → 200` from an entry of the emulator's request log.
fn request_line(entry: &Value) -> String {
    let query =
        entry["query"].as_str().filter(|q| !q.is_empty()).map(|q| format!("?{q}")).unwrap_or_default();
    format!(
        "{} {}{query} → {}",
        entry["method"].as_str().unwrap_or("?"),
        entry["path"].as_str().unwrap_or("?"),
        entry["status"]
    )
}

fn tencent_meeting<'s>(state: &'s Value, meeting: &str) -> &'s Value {
    state["tencent"]["meetings"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["meeting_id"] == meeting))
        .unwrap_or(&NULL)
}

/// A Tencent participant of `meeting` by a field's value (`userid`, `ms_open_id`).
fn tencent_participant<'s>(state: &'s Value, meeting: &str, key: &str, value: &str) -> &'s Value {
    tencent_meeting(state, meeting)["participants"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p[key] == value))
        .unwrap_or(&NULL)
}

/// How many of `meeting`'s devices are in the meeting (not waiting, not removed).
fn tencent_present(state: &Value, meeting: &str) -> usize {
    tencent_meeting(state, meeting)["participants"]
        .as_array()
        .map_or(0, |ps| ps.iter().filter(|p| p["in_waiting_room"] == false && p["removed"] == false).count())
}

fn huawei_conference<'s>(state: &'s Value, conference: &str) -> &'s Value {
    state["huawei"]["conferences"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["conference_id"] == conference))
        .unwrap_or(&NULL)
}

fn huawei_participant<'s>(state: &'s Value, conference: &str, id: &str) -> &'s Value {
    huawei_conference(state, conference)["participants"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["participant_id"] == id))
        .unwrap_or(&NULL)
}

fn huawei_present(state: &Value, conference: &str) -> usize {
    huawei_conference(state, conference)["participants"]
        .as_array()
        .map_or(0, |ps| ps.iter().filter(|p| p["in_waiting_room"] == false && p["removed"] == false).count())
}

/// A state line `label: value`, good when `value` is `want`.
fn state_is(label: &str, value: &Value, want: Value) -> (String, bool) {
    (format!("{label}: {value}"), *value == want)
}

fn ok<T>(_: &T) -> String {
    "ok".to_owned()
}

fn setup<T>(what: &str, made: Result<T, Error>) -> Result<T, RunFailure> {
    made.map_err(|e| RunFailure::Failed(format!("cannot set up the demo's {what}: {e}")))
}

/// Runs the demo.
pub(crate) fn run(out: &mut Output) -> Result<(), RunFailure> {
    let emulator = Emulator::start(demo_scenario())
        .map_err(|e| RunFailure::Failed(format!("cannot start the emulator: {e}")))?;
    let url = emulator.url();
    if !out.json() {
        out.line(&format!(
            "emulator listening on {url} (built-in scenario: crates/meetctl-emulator/scenarios/demo.json)"
        ))?;
    }
    let config = ClientConfig::new().base_url(url.clone()).proxy(ProxySetting::Disabled);
    let mut demo = Demo { emulator, seen: 0, out, steps: Vec::new(), failed: 0 };
    tencent(&mut demo, &config)?;
    huawei(&mut demo, &config)?;
    neutral(&mut demo, &config)?;

    let total = demo.steps.len();
    let failed = demo.failed;
    if demo.out.json() {
        let doc = json!({ "ok": failed == 0, "emulator": url, "steps": demo.steps });
        demo.out.document(&doc)?;
    } else if failed == 0 {
        demo.out.line(&format!("\nall {total} steps did what they should"))?;
    }
    if failed > 0 {
        return Err(RunFailure::Failed(format!(
            "{failed} of {total} demo steps did not do what they should"
        )));
    }
    Ok(())
}

/// Tencent Meeting: the seed operations, the listing, and the newer controls.
fn tencent(demo: &mut Demo<'_>, config: &ClientConfig) -> Result<(), RunFailure> {
    demo.section(&format!(
        "Tencent Meeting, code {MEETING_CODE}: app 210000001 (AK/SK); alice (ms_open_id afagsagwags, iOS) is the creator"
    ))?;
    let client = setup(
        "Tencent client",
        TencentClient::new(
            TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None),
            config.clone(),
        ),
    )?;
    let receiver = setup(
        "webhook receiver",
        TencentWebhook::new(WEBHOOK_TOKEN, None)
            .and_then(|webhook| TencentReceiver::start(webhook, ReceiverConfig::default())),
    )?;
    let hook_url = format!("http://{}/hook", receiver.local_addr());
    let subscription = meetctl_emulator::TencentWebhook {
        url: hook_url.clone(),
        token: WEBHOOK_TOKEN.into(),
        aes_key: None,
        retry_delays_ms: None,
    };
    let subscribed = demo.emulator.set_tencent_webhook("210000001", subscription);
    demo.step(
        "tencent",
        &format!("subscribe a receiver to the app's events at {hook_url} (the vendor checks the URL first)"),
        Expect::Success,
        || subscribed.map_err(|e| Error::invalid("webhook", e)),
        |s| format!("verified: {}", s["verified"]),
        |s| {
            let verified =
                s["tencent"]["webhooks"].as_array().and_then(|w| w.first()).map(|w| w["verified"].clone());
            state_is("the subscription verified", &verified.unwrap_or(Value::Null), json!(true))
        },
    )?;
    let lister = TencentUser::userid("alice", Instance::Ios);
    let found_id = std::cell::RefCell::new(None::<String>);
    let found = demo.step(
        "tencent",
        &format!("find the meeting from its code \"{MEETING_CODE}\" (last week's meeting had it too)"),
        Expect::Success,
        || client.find(MEETING_CODE, &lister),
        |c| {
            *found_id.borrow_mut() = Some(c.meeting_id.clone());
            format!("code {MEETING_CODE} is {}", crate::find::describe(c))
        },
        |s| {
            let id = found_id.borrow().clone().unwrap_or_default();
            let meeting = tencent_meeting(s, &id);
            (
                format!("meeting {id}: code {}, ended {}", meeting["meeting_code"], meeting["ended"]),
                id == MEETING && meeting["ended"] == false,
            )
        },
    )?;
    // The meeting found is the one the walk goes on with (the demo meeting when the step held).
    let meeting_id = found.map_or_else(|| MEETING.to_owned(), |c| c.meeting_id);
    let meeting = meeting_id.as_str();
    let alice = TencentUser::ms_open_id("afagsagwags", Instance::Ios);
    let bob = TencentUser::ms_open_id(BOB, Instance::Mac);
    let watch = demo.step(
        "tencent",
        "watch the meeting (Meeting::watch: the roster, kept current by polling every 0.1 s)",
        Expect::Success,
        || {
            Meeting::tencent(client.clone(), meeting, lister.clone())?
                .watch(WatchOptions::new().poll_interval(std::time::Duration::from_millis(100)))
        },
        |w| crate::meeting::participants_table(&w.roster()),
        |s| {
            let present = tencent_present(s, meeting);
            (format!("{present} devices in the meeting"), present == 6)
        },
    )?;
    let field =
        |key: &'static str, id: &'static str, label: &'static str, state_key: &'static str, want: Value| {
            move |s: &Value| state_is(label, &tencent_participant(s, meeting, key, id)[state_key], want)
        };

    demo.step(
        "tencent",
        "set co-host: alice makes bob a co-host",
        Expect::Success,
        || client.set_cohost(meeting, &alice, &bob),
        ok,
        field("ms_open_id", BOB, "bob's role", "role", json!("cohost")),
    )?;
    demo.step(
        "tencent",
        "revoke co-host: bob is an attendee again",
        Expect::Success,
        || client.revoke_cohost(meeting, &alice, &bob),
        ok,
        field("ms_open_id", BOB, "bob's role", "role", json!("attendee")),
    )?;
    demo.step(
        "tencent",
        "close video: alice turns bob's camera off",
        Expect::Success,
        || client.close_video(meeting, &alice, &bob),
        ok,
        field("ms_open_id", BOB, "bob's video", "video", json!(false)),
    )?;
    demo.step(
        "tencent",
        "close video as bob, an attendee, on alice",
        Expect::Refused(ErrorKind::PermissionDenied),
        || client.close_video(meeting, &bob, &alice),
        ok,
        field("ms_open_id", "afagsagwags", "alice's video", "video", json!(true)),
    )?;

    let people = demo.step(
        "tencent",
        "participants: who is in the meeting (every page)",
        Expect::Success,
        || client.participants(meeting, &lister),
        |list| crate::tencent::participants_table(list),
        |s| {
            let present = tencent_present(s, meeting);
            (format!("{present} devices in the meeting (frank and gina wait)"), present == 6)
        },
    )?;
    let carol = people
        .as_deref()
        .and_then(|list: &[TencentParticipant]| list.iter().find(|p| p.userid.as_deref() == Some("carol")))
        .and_then(TencentParticipant::as_user)
        .unwrap_or_else(|| TencentUser::ms_open_id("msopenid-carol", Instance::Pc));
    demo.step(
        "tencent",
        "mute carol, picked from the list",
        Expect::Success,
        || client.mute(meeting, &alice, &carol),
        ok,
        field("userid", "carol", "carol muted", "muted", json!(true)),
    )?;
    watch_step(demo, "tencent", watch.as_ref(), "the watch sees carol muted", |e| {
        e.kind == MeetingEventKind::Changed
            && e.participant.as_ref().is_some_and(|p| p.raw["userid"] == "carol")
    })?;
    demo.step(
        "tencent",
        "lock the meeting (set-meeting-status --meeting-locked)",
        Expect::Success,
        || client.set_meeting_status(meeting, &alice, Args::new().with("meeting_locked", true)),
        ok,
        |s| {
            state_is(
                "settings.meeting_locked",
                &tencent_meeting(s, meeting)["settings"]["meeting_locked"],
                json!(true),
            )
        },
    )?;
    let frank = TencentUser::ms_open_id("msopenid-frank", Instance::Pc);
    demo.step(
        "tencent",
        "admit frank from the waiting room",
        Expect::Success,
        || client.admit_from_waiting_room(meeting, &alice, &[&frank]),
        ok,
        field("userid", "frank", "frank in the waiting room", "in_waiting_room", json!(false)),
    )?;
    watch_step(demo, "tencent", watch.as_ref(), "the watch sees frank join", |e| {
        e.kind == MeetingEventKind::Joined
            && e.participant.as_ref().is_some_and(|p| p.raw["userid"] == "frank")
    })?;
    demo.step(
        "tencent",
        "rename bob to \"Bob (demo)\"",
        Expect::Success,
        || client.rename(meeting, &alice, &bob, "Bob (demo)"),
        ok,
        field("ms_open_id", BOB, "bob's name", "name", json!("Bob (demo)")),
    )?;
    demo.step(
        "tencent",
        "end the meeting",
        Expect::Success,
        || client.end_meeting(meeting, &alice, Args::new()),
        ok,
        |s| state_is("ended", &tencent_meeting(s, meeting)["ended"], json!(true)),
    )?;
    watch_step(demo, "tencent", watch.as_ref(), "the watch sees the end (its roster is then empty)", |e| {
        e.kind == MeetingEventKind::Ended
    })?;
    let _ = demo.emulator.webhooks_idle(std::time::Duration::from_secs(20));
    let mut seen = Vec::new();
    while let Some(event) = receiver.next_for(meeting, std::time::Duration::from_millis(300)) {
        let who = event.participant.as_ref().map(|p| format!(" {}", p.id.value())).unwrap_or_default();
        seen.push(format!("{}{who}", event.name));
    }
    let admitted = seen.iter().any(|e| e == "meeting.participant-joined msopenid-frank");
    let ended_last = seen.last().map(String::as_str) == Some("meeting.end");
    demo.step(
        "tencent",
        "the events the receiver was pushed for this meeting, verified and decoded",
        Expect::Success,
        || Ok(seen.clone()),
        |seen| seen.join("\n"),
        |_| {
            (
                format!("frank's admission seen: {admitted}, the end seen last: {ended_last}"),
                admitted && ended_last,
            )
        },
    )?;
    demo.step(
        "tencent",
        "mute bob after the end",
        Expect::Refused(ErrorKind::NotFound),
        || client.mute(meeting, &alice, &bob),
        ok,
        field("ms_open_id", BOB, "bob muted", "muted", json!(false)),
    )?;
    Ok(())
}

/// Huawei Cloud Meeting: the host role (seed), the listing, and the newer controls.
fn huawei(demo: &mut Demo<'_>, config: &ClientConfig) -> Result<(), RunFailure> {
    demo.section(&format!(
        "Huawei Cloud Meeting {CONFERENCE}: App ID demoappid0001; bob joins with the guest password"
    ))?;
    let client = setup(
        "Huawei client",
        HuaweiClient::new(
            Region::CnNorth4,
            AccountAuth::app_id("demoappid0001", "demo-app-key-0001", Some("bob".into()), None),
            config.clone(),
        ),
    )?;
    let guest = setup("conference handle", client.conference(CONFERENCE, password(GUEST_PASSWORD)))?;
    let host = |s: &Value, want: Value| state_is("host", &huawei_conference(s, CONFERENCE)["host"], want);

    demo.step(
        "huawei",
        "apply host: bob takes the host role with the chairman password",
        Expect::Success,
        || guest.apply_host(BOB_HW, HOST_PASSWORD),
        ok,
        |s| host(s, json!(BOB_HW)),
    )?;
    demo.step(
        "huawei",
        "relinquish host: bob gives it up",
        Expect::Success,
        || guest.relinquish_host(BOB_HW),
        ok,
        |s| host(s, Value::Null),
    )?;

    let chair = setup("conference handle", client.conference(CONFERENCE, password(HOST_PASSWORD)))?;
    demo.step(
        "huawei",
        "apply host: alice, on a handle opened with the host password",
        Expect::Success,
        || chair.apply_host(ALICE_HW, HOST_PASSWORD),
        ok,
        |s| host(s, json!(ALICE_HW)),
    )?;
    let watch = demo.step(
        "huawei",
        "watch the conference (Meeting::watch: its control WebSocket pushes every change)",
        Expect::Success,
        || Meeting::huawei(chair.clone()).watch(WatchOptions::new()),
        |w| crate::meeting::participants_table(&w.roster()),
        |s| {
            let present = huawei_present(s, CONFERENCE);
            (format!("{present} in the conference"), present == 5)
        },
    )?;
    demo.step(
        "huawei",
        "info: who is online",
        Expect::Success,
        || chair.info(),
        |info| crate::huawei::info_table(&info.participants, info.host_id.as_deref()),
        |s| {
            let present = huawei_present(s, CONFERENCE);
            (format!("{present} in the conference (fay and gus wait)"), present == 5)
        },
    )?;
    let participant = |id: &'static str, what: &'static str, key: &'static str, want: Value| {
        move |s: &Value| state_is(what, &huawei_participant(s, CONFERENCE, id)[key], want)
    };
    demo.step(
        "huawei",
        "mute bob",
        Expect::Success,
        || chair.mute(BOB_HW),
        ok,
        participant(BOB_HW, "bob muted", "muted", json!(true)),
    )?;
    watch_step(demo, "huawei", watch.as_ref(), "the watch sees bob muted", |e| {
        e.kind == MeetingEventKind::Changed
            && e.participant.as_ref().is_some_and(|p| p.id().ends_with(BOB_HW))
    })?;
    demo.step(
        "huawei",
        "lock the conference",
        Expect::Success,
        || chair.lock(),
        ok,
        |s| state_is("settings.isLock", &huawei_conference(s, CONFERENCE)["settings"]["isLock"], json!(1)),
    )?;
    demo.step(
        "huawei",
        "admit fay from the waiting room",
        Expect::Success,
        || chair.admit_from_waiting_room(Some("p-fay"), None),
        ok,
        participant("p-fay", "fay in the waiting room", "in_waiting_room", json!(false)),
    )?;
    watch_step(demo, "huawei", watch.as_ref(), "the watch sees fay join", |e| {
        e.kind == MeetingEventKind::Joined && e.participant.as_ref().is_some_and(|p| p.id() == "huawei:p-fay")
    })?;
    demo.step(
        "huawei",
        "end the conference",
        Expect::Success,
        || chair.end(),
        ok,
        |s| state_is("ended", &huawei_conference(s, CONFERENCE)["ended"], json!(true)),
    )?;
    watch_step(demo, "huawei", watch.as_ref(), "the watch sees the end", |e| {
        e.kind == MeetingEventKind::Ended
    })?;
    Ok(())
}

fn password(text: &str) -> ConferenceAuth {
    ConferenceAuth::Password(Secret::new(text))
}

/// The vendor-neutral layer (`meetctl::Meeting`): the same calls on a Tencent meeting and a
/// Huawei conference.
fn neutral(demo: &mut Demo<'_>, config: &ClientConfig) -> Result<(), RunFailure> {
    demo.section(&format!(
        "Either vendor (meetctl::Meeting): Tencent meeting {NEUTRAL_MEETING} (quinn hosts), Huawei conference {NEUTRAL_CONFERENCE} (no host yet)"
    ))?;
    let tencent_client = setup(
        "Tencent client",
        TencentClient::new(
            TencentCredentials::enterprise(
                "210000002",
                "AKIDdemo0002",
                "demo-secret-key-0002",
                Some("20002".into()),
            ),
            config.clone(),
        ),
    )?;
    let tencent = setup(
        "Tencent meeting",
        Meeting::tencent(tencent_client, NEUTRAL_MEETING, TencentUser::userid("quinn", Instance::Pc)),
    )?;
    let huawei_client =
        setup("Huawei client", HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config.clone()))?;
    let conference: Conference =
        setup("conference handle", huawei_client.conference(NEUTRAL_CONFERENCE, password("333333")))?;
    let huawei = Meeting::huawei(conference);

    let list = demo.step(
        "tencent",
        "participants (neutral)",
        Expect::Success,
        || tencent.participants(),
        |list| crate::meeting::participants_table(list),
        |s| {
            let present = tencent_present(s, NEUTRAL_MEETING);
            (format!("{present} devices in the meeting (uma waits)"), present == 5)
        },
    )?;
    let ruth = pick(list.as_deref(), "userid", "ruth", "tencent:2:msopenid-ruth")?;
    demo.step(
        "tencent",
        "mute ruth (neutral; looks quinn's ms_open_id up first)",
        Expect::Success,
        || tencent.mute(&ruth),
        ok,
        |s| {
            state_is(
                "ruth muted",
                &tencent_participant(s, NEUTRAL_MEETING, "userid", "ruth")["muted"],
                json!(true),
            )
        },
    )?;
    demo.step(
        "tencent",
        "make host (neutral): Tencent has no such endpoint",
        Expect::Refused(ErrorKind::Unsupported),
        || tencent.make_host(&ruth),
        ok,
        |s| {
            state_is(
                "ruth's role",
                &tencent_participant(s, NEUTRAL_MEETING, "userid", "ruth")["role"],
                json!("attendee"),
            )
        },
    )?;
    demo.step(
        "tencent",
        "invite the lobby's SIP device (neutral; a room call, its invite id kept)",
        Expect::Success,
        || tencent.invite(Args::new().with("sip_address", LOBBY_SIP)),
        ok,
        |s| state_is("the call", &tencent_meeting(s, NEUTRAL_MEETING)["calls"][0]["state"], json!("ringing")),
    )?;
    let answer = json!({"call_id": tencent_call_id(&demo.emulator.state()), "joins": true});
    let answer_path = format!("/_emulator/tencent/meetings/{NEUTRAL_MEETING}/calls/answer");
    demo.emulator
        .admin("POST", &answer_path, &answer)
        .map_err(|e| RunFailure::Failed(format!("the demo's SIP device cannot answer: {e}")))?;
    demo.step(
        "tencent",
        "participants (neutral): the device answered and joined",
        Expect::Success,
        || tencent.participants(),
        |list| crate::meeting::participants_table(list),
        |s| {
            let present = tencent_present(s, NEUTRAL_MEETING);
            (format!("{present} devices in the meeting"), present == 6)
        },
    )?;
    let sent = demo.emulator.state()["request_count"].clone();
    demo.step(
        "tencent",
        "broadcast ruth (neutral): Tencent has no broadcast",
        Expect::Refused(ErrorKind::Unsupported),
        || tencent.broadcast(&ruth),
        ok,
        |s| state_is("requests received", &s["request_count"], sent),
    )?;
    demo.step(
        "tencent",
        "end (neutral)",
        Expect::Success,
        || tencent.end(),
        ok,
        |s| state_is("ended", &tencent_meeting(s, NEUTRAL_MEETING)["ended"], json!(true)),
    )?;

    let list = demo.step(
        "huawei",
        "participants (neutral)",
        Expect::Success,
        || huawei.participants(),
        |list| crate::meeting::participants_table(list),
        |s| {
            let present = huawei_present(s, NEUTRAL_CONFERENCE);
            (format!("{present} in the conference"), present == 2)
        },
    )?;
    let yan = pick(list.as_deref(), "pid", "p-yan", "huawei:p-yan")?;
    let xu = pick(list.as_deref(), "pid", "p-xu", "huawei:p-xu")?;
    demo.step(
        "huawei",
        "make host yan (neutral)",
        Expect::Success,
        || huawei.make_host(&yan),
        ok,
        |s| state_is("host", &huawei_conference(s, NEUTRAL_CONFERENCE)["host"], json!("p-yan")),
    )?;
    demo.step(
        "huawei",
        "mute xu (neutral)",
        Expect::Success,
        || huawei.mute(&xu),
        ok,
        |s| state_is("xu muted", &huawei_participant(s, NEUTRAL_CONFERENCE, "p-xu")["muted"], json!(true)),
    )?;
    demo.step(
        "huawei",
        "invite the lobby's SIP device (neutral; a hardware terminal)",
        Expect::Success,
        || huawei.invite(Args::new().with("sip_address", LOBBY_SIP).with("name", "Lobby")),
        ok,
        |s| {
            let present = huawei_present(s, NEUTRAL_CONFERENCE);
            (format!("{present} in the conference"), present == 3)
        },
    )?;
    let list = demo.step(
        "huawei",
        "participants (neutral)",
        Expect::Success,
        || huawei.participants(),
        |list| crate::meeting::participants_table(list),
        |_| (String::from("listed"), true),
    )?;
    let lobby = pick(list.as_deref(), "number", LOBBY_SIP, "huawei:invited-3")?;
    demo.step(
        "huawei",
        "broadcast the lobby (neutral): everyone sees it",
        Expect::Success,
        || huawei.broadcast(&lobby),
        ok,
        |s| state_is("mode", &huawei_conference(s, NEUTRAL_CONFERENCE)["mode"], json!("BROADCAST")),
    )?;
    demo.step(
        "huawei",
        "end (neutral)",
        Expect::Success,
        || huawei.end(),
        ok,
        |s| state_is("ended", &huawei_conference(s, NEUTRAL_CONFERENCE)["ended"], json!(true)),
    )?;
    Ok(())
}

/// The id of the neutral Tencent meeting's first call (what answering it names).
fn tencent_call_id(state: &Value) -> Value {
    tencent_meeting(state, NEUTRAL_MEETING)["calls"][0]["call_id"].clone()
}

/// How long a watch step waits for the change it shows.
const WATCH_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// One line for a watch's event: `changed Carol: audio_muted false -> true (polled)`.
fn describe(event: &MeetingEvent) -> String {
    let who = event.participant.as_ref().map(|p| {
        let name = p.name.clone().or_else(|| p.raw["userid"].as_str().map(str::to_owned));
        format!(" {}", name.unwrap_or_else(|| p.id().to_owned()))
    });
    let name = event.name.as_ref().map(|n| format!(" {n}"));
    let mut line = format!("{}{}{}", event.kind.name(), who.unwrap_or_default(), name.unwrap_or_default());
    if let (Some(before), Some(after)) = (&event.before, &event.participant) {
        let value = |p: &Participant, field: &str| p.to_json()[field].to_string();
        let changes: Vec<String> = event
            .changed
            .iter()
            .map(|f| format!("{} {} -> {}", f.name(), value(before, f.name()), value(after, f.name())))
            .collect();
        line.push_str(&format!(": {}", changes.join(", ")));
    }
    if let Some(reason) = &event.reason {
        line.push_str(&format!(": {reason}"));
    }
    format!("{line} ({})", event.origin.name())
}

/// A step that reads `watch`'s events until one `wanted`, showing each; the roster after it.
fn watch_step(
    demo: &mut Demo<'_>,
    vendor: &str,
    watch: Option<&MeetingWatch>,
    what: &str,
    wanted: impl Fn(&MeetingEvent) -> bool,
) -> Result<(), RunFailure> {
    let Some(watch) = watch else {
        return Err(RunFailure::Failed("the watch could not be started".into()));
    };
    let seen = std::cell::Cell::new(false);
    demo.step(
        vendor,
        what,
        Expect::Success,
        || {
            let deadline = std::time::Instant::now() + WATCH_WAIT;
            let mut lines = Vec::new();
            while std::time::Instant::now() < deadline {
                let Some(event) = watch.next(std::time::Duration::from_millis(100))? else { continue };
                lines.push(describe(&event));
                if wanted(&event) {
                    seen.set(true);
                    break;
                }
            }
            let people: Vec<String> = watch
                .roster()
                .iter()
                .map(|p| {
                    p.name.clone().or_else(|| p.raw["userid"].as_str().map(str::to_owned)).unwrap_or_default()
                })
                .collect();
            lines.push(format!("roster now: {} ({})", people.len(), people.join(", ")));
            Ok(lines)
        },
        |lines| lines.join("\n"),
        |_| (format!("the change was seen: {}", seen.get()), seen.get()),
    )?;
    Ok(())
}

/// The participant whose vendor entry has `key` = `value` in `list`, else the one with `fallback_id`.
fn pick(
    list: Option<&[Participant]>,
    key: &str,
    value: &str,
    fallback_id: &str,
) -> Result<Participant, RunFailure> {
    if let Some(p) = list.and_then(|l| l.iter().find(|p| p.raw[key] == value)) {
        return Ok(p.clone());
    }
    Participant::from_id(fallback_id)
        .map_err(|e| RunFailure::Failed(format!("demo participant {fallback_id}: {e}")))
}
