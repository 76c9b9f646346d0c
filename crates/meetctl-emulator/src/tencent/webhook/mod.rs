//! Tencent webhooks (事件订阅): the emulator sends events to each app's subscribed URL as the
//! vendor does ("企业回调服务介绍", meeting.tencent.com/support/topic/588): a URL check first
//! (`GET <url>?check_str=...`), then every change of a meeting's state as a signed `POST` with
//! `{"data": "<base64>"}`, encrypted when the subscription has an EncodingAESKey.
//!
//! A subscription has one ordered queue and one background task. Events go only to a verified
//! subscription (its URL check answered 200 with exactly the plaintext); each delivery attempt
//! is recorded and shown in the state JSON.

pub(crate) mod client;
mod crypto;
mod diff;
mod envelope;
mod sign;
mod worker;

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Map, Value, json};
use tokio::sync::{Notify, mpsc};

pub(crate) use diff::{Announced, current as announced_now};
pub use sign::signature;

use crate::scenario::TencentWebhook;
use crate::state::{Meeting, MeetingMember, Shared};
use client::Target;

/// The retry delays when a subscription gives none: 3 retries, 1 s, 2 s and 4 s after the
/// failed attempt (the vendor's pages give no schedule; they only say a push may be repeated).
pub(crate) const DEFAULT_RETRY_DELAYS_MS: [u64; 3] = [1000, 2000, 4000];

/// The most retries a subscription may ask for, and the longest delay (ms).
const MAX_RETRIES: usize = 10;
const MAX_RETRY_DELAY_MS: u64 = 60_000;

/// How many delivery records each subscription keeps (the most recent ones).
const DELIVERY_LOG_CAP: usize = 1000;

/// The length of a Token, in characters (letters and digits).
const TOKEN_CHARS: usize = 25;

/// A checked subscription: where to send, how to sign and encrypt, how to retry.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// The URL as given.
    url: String,
    /// Where the URL points.
    target: Target,
    /// The Token (signs).
    token: String,
    /// The AES key of the EncodingAESKey, when one is set.
    key: Option<[u8; 32]>,
    /// The wait before each retry.
    retry_delays: Vec<Duration>,
}

impl Config {
    /// Checks a subscription: an `http://` URL, a Token of 25 letters and digits, an optional
    /// EncodingAESKey of 43, at most 10 retry delays of at most 60 s.
    pub(crate) fn new(w: &TencentWebhook) -> Result<Config, String> {
        let target = Target::parse(&w.url)?;
        if w.token.len() != TOKEN_CHARS || !w.token.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(format!("token must be {TOKEN_CHARS} letters and digits"));
        }
        let key = w.aes_key.as_deref().map(crypto::aes_key).transpose()?;
        let delays = w.retry_delays_ms.clone().unwrap_or_else(|| DEFAULT_RETRY_DELAYS_MS.to_vec());
        if delays.len() > MAX_RETRIES || delays.iter().any(|&d| d > MAX_RETRY_DELAY_MS) {
            return Err(format!(
                "retry_delays_ms: at most {MAX_RETRIES} delays of at most {MAX_RETRY_DELAY_MS} ms"
            ));
        }
        Ok(Config {
            url: w.url.clone(),
            target,
            token: w.token.clone(),
            key,
            retry_delays: delays.into_iter().map(Duration::from_millis).collect(),
        })
    }
}

/// Tells a subscription's task to stop (the subscription was replaced or removed).
#[derive(Debug, Default)]
struct Cancel {
    flag: AtomicBool,
    notify: Notify,
}

impl Cancel {
    fn cancel(&self) {
        self.flag.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    fn is_cancelled(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    /// Sleeps for `delay`; `false` when cancelled meanwhile.
    async fn sleep(&self, delay: Duration) -> bool {
        let notified = self.notify.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if self.is_cancelled() {
            return false;
        }
        tokio::select! {
            _ = tokio::time::sleep(delay) => !self.is_cancelled(),
            _ = notified => false,
        }
    }
}

/// One event waiting in a subscription's queue.
#[derive(Debug)]
struct Job {
    name: &'static str,
    trace_id: String,
    json: Arc<str>,
}

/// The outcome of a URL check.
#[derive(Debug, Clone)]
struct Check {
    status: Option<u16>,
    error: Option<String>,
    at_ms: i64,
}

/// One delivery attempt.
#[derive(Debug, Clone)]
struct Delivery {
    event: &'static str,
    trace_id: String,
    attempt: usize,
    status: Option<u16>,
    error: Option<String>,
    outcome: &'static str,
    at_ms: i64,
}

/// A subscription as the hub keeps it.
#[derive(Debug)]
struct Subscription {
    generation: u64,
    config: Arc<Config>,
    /// `None` while the URL check runs.
    verified: Option<bool>,
    check: Option<Check>,
    queue: Option<mpsc::UnboundedSender<Job>>,
    cancel: Arc<Cancel>,
    queued: usize,
    deliveries: VecDeque<Delivery>,
}

/// Every app's subscription, and the count of work not done yet (queued events, URL checks).
#[derive(Debug, Default)]
pub(crate) struct Hub {
    subscriptions: Mutex<BTreeMap<String, Subscription>>,
    pending: AtomicUsize,
    generations: AtomicU64,
}

impl Hub {
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, Subscription>> {
        self.subscriptions.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether nothing is queued, being delivered or being checked.
    pub(crate) fn idle(&self) -> bool {
        self.pending.load(Ordering::SeqCst) == 0
    }

    /// The state JSON: one object per subscription, by app id.
    pub(crate) fn to_json(&self) -> Value {
        let subs = self.lock();
        let list: Vec<Value> = subs
            .iter()
            .map(|(app_id, s)| {
                let deliveries: Vec<Value> = s
                    .deliveries
                    .iter()
                    .map(|d| {
                        json!({
                            "event": d.event, "trace_id": d.trace_id, "attempt": d.attempt,
                            "status": d.status, "error": d.error, "outcome": d.outcome, "at_ms": d.at_ms,
                        })
                    })
                    .collect();
                let check =
                    s.check.as_ref().map(|c| json!({"status": c.status, "error": c.error, "at_ms": c.at_ms}));
                json!({
                    "app_id": app_id,
                    "url": s.config.url,
                    "encrypted": s.config.key.is_some(),
                    "verified": s.verified,
                    "check": check,
                    "queued": s.queued,
                    "deliveries": deliveries,
                })
            })
            .collect();
        Value::Array(list)
    }

    /// Marks one job of subscription `generation` of `app_id` done.
    fn finish(&self, app_id: &str, generation: u64) {
        if let Some(s) = self.lock().get_mut(app_id).filter(|s| s.generation == generation) {
            s.queued = s.queued.saturating_sub(1);
        }
        self.pending.fetch_sub(1, Ordering::SeqCst);
    }

    /// Records a delivery attempt of subscription `generation` of `app_id`.
    fn record(&self, app_id: &str, generation: u64, delivery: Delivery) {
        if let Some(s) = self.lock().get_mut(app_id).filter(|s| s.generation == generation) {
            if s.deliveries.len() >= DELIVERY_LOG_CAP {
                s.deliveries.pop_front();
            }
            s.deliveries.push_back(delivery);
        }
    }
}

/// A subscription just set, its URL check still to run.
pub(crate) struct Installed {
    shared: Arc<Shared>,
    app_id: String,
    generation: u64,
    config: Arc<Config>,
    cancel: Arc<Cancel>,
}

/// Sets `app_id`'s subscription (replacing any: the old queue is dropped), not verified yet; the
/// URL check counts as pending work from now on. `Err` when there is no such app.
pub(crate) fn install(shared: &Arc<Shared>, app_id: &str, config: Config) -> Result<Installed, String> {
    if !shared.scenario.tencent.apps.iter().any(|a| a.app_id == app_id) {
        return Err(format!("no tencent app {app_id:?}"));
    }
    let hub = &shared.webhooks;
    let generation = hub.generations.fetch_add(1, Ordering::SeqCst) + 1;
    let config = Arc::new(config);
    let cancel = Arc::new(Cancel::default());
    hub.pending.fetch_add(1, Ordering::SeqCst);
    let subscription = Subscription {
        generation,
        config: Arc::clone(&config),
        verified: None,
        check: None,
        queue: None,
        cancel: Arc::clone(&cancel),
        queued: 0,
        deliveries: VecDeque::new(),
    };
    if let Some(old) = hub.lock().insert(app_id.to_owned(), subscription) {
        old.cancel.cancel();
    }
    Ok(Installed { shared: Arc::clone(shared), app_id: app_id.to_owned(), generation, config, cancel })
}

impl Installed {
    /// Runs the URL check, records it and, when verified, starts the delivery task; returns the
    /// subscription as the state JSON shows it.
    pub(crate) async fn check(self) -> Value {
        let Installed { shared, app_id, generation, config, cancel } = self;
        let (verified, check) = worker::check_url(&shared, &config).await;
        {
            let mut subs = shared.webhooks.lock();
            if let Some(s) = subs.get_mut(&app_id).filter(|s| s.generation == generation) {
                s.verified = Some(verified);
                s.check = Some(check);
                if verified {
                    let (tx, rx) = mpsc::unbounded_channel();
                    s.queue = Some(tx);
                    let task = worker::Task {
                        shared: Arc::clone(&shared),
                        app_id: app_id.clone(),
                        generation,
                        config,
                        cancel,
                    };
                    tokio::spawn(task.run(rx));
                }
            }
        }
        shared.webhooks.pending.fetch_sub(1, Ordering::SeqCst);
        subscription_json(&shared, &app_id)
    }
}

/// Sets `app_id`'s subscription and runs its URL check (see [`install`], [`Installed::check`]).
pub(crate) async fn subscribe(shared: Arc<Shared>, app_id: String, config: Config) -> Result<Value, String> {
    Ok(install(&shared, &app_id, config)?.check().await)
}

/// `app_id`'s subscription in the state JSON's form (`null` when there is none).
fn subscription_json(shared: &Shared, app_id: &str) -> Value {
    match shared.webhooks.to_json() {
        Value::Array(list) => list.into_iter().find(|s| s["app_id"] == app_id).unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// Removes `app_id`'s subscription (its queue is dropped); whether there was one.
pub(crate) fn unsubscribe(shared: &Shared, app_id: &str) -> bool {
    let removed = shared.webhooks.lock().remove(app_id);
    match removed {
        Some(s) => {
            s.cancel.cancel();
            true
        }
        None => false,
    }
}

/// Starts the scenario's subscriptions (their URL checks run in the background).
pub(crate) fn start_scenario(shared: &Arc<Shared>, runtime: &tokio::runtime::Handle) {
    for app in &shared.scenario.tencent.apps {
        let Some(w) = &app.webhook else { continue };
        // Checked when the scenario was validated.
        let Ok(config) = Config::new(w) else { continue };
        if let Ok(installed) = install(shared, &app.app_id, config) {
            runtime.spawn(installed.check());
        }
    }
}

/// Who made a change: the operator a request body names (`operator_id` + `operator_id_type`
/// 1/2/4, or `uuid`, with `instanceid`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Actor {
    id_type: i64,
    id: String,
    instanceid: i64,
}

impl Actor {
    /// The operator of a request body, when it names one.
    pub(crate) fn from_body(body: &Map<String, Value>) -> Option<Actor> {
        let instanceid = body.get("instanceid")?.as_i64()?;
        let text = |k: &str| body.get(k).and_then(Value::as_str).filter(|s| !s.is_empty());
        let (id_type, id) = match (text("operator_id"), text("uuid")) {
            (Some(id), _) => (body.get("operator_id_type")?.as_i64()?, id),
            (None, Some(uuid)) => (0, uuid),
            (None, None) => return None,
        };
        Some(Actor { id_type, id: id.to_owned(), instanceid })
    }

    fn matches(&self, m: &MeetingMember) -> bool {
        let id = match self.id_type {
            0 => &m.uuid,
            1 => &m.userid,
            2 => &m.openid,
            4 => &m.ms_open_id,
            _ => return false,
        };
        m.instanceid == self.instanceid && id.as_deref() == Some(self.id.as_str())
    }

    fn find(actor: Option<&Actor>, meeting: &Meeting) -> Option<usize> {
        let actor = actor?;
        meeting.members.iter().position(|m| actor.matches(m))
    }
}

/// A `trace_id`: 32 random hex digits in the 8-4-4-4-12 form of the vendor's examples.
fn trace_id(shared: &Shared) -> String {
    let h = shared.random.hex(32);
    let part = |a: usize, b: usize| h.get(a..b).unwrap_or("0");
    format!("{}-{}-{}-{}-{}", part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32))
}

/// Announces every meeting's changes since the last call to the verified subscriptions of the
/// meeting's app (every app's for a meeting without one). `actor` made the change, when known.
pub(crate) fn publish(shared: &Shared, actor: Option<&Actor>) {
    let now_ms = shared.clock.now_millis();
    let mut state = shared.state();
    let mut events = Vec::new();
    for meeting in &mut state.tencent.meetings {
        let changes = diff::changes(meeting);
        if changes.is_empty() {
            continue;
        }
        let who = Actor::find(actor, meeting);
        for change in &changes {
            let event = envelope::event(meeting, change, who, now_ms, trace_id(shared));
            events.push((meeting.app_id.clone(), event));
        }
    }
    if events.is_empty() {
        return;
    }
    // Queued with the state still locked, so that events leave in the order of the changes.
    let hub = &shared.webhooks;
    let mut subs = hub.lock();
    for (app, event) in events {
        log::info!("webhook event {} ({})", event.name, event.trace_id);
        let json: Arc<str> = Arc::from(event.json);
        for (app_id, s) in subs.iter_mut() {
            if app.as_deref().is_some_and(|a| a != app_id) || s.verified != Some(true) {
                continue;
            }
            let Some(queue) = &s.queue else { continue };
            hub.pending.fetch_add(1, Ordering::SeqCst);
            let job = Job { name: event.name, trace_id: event.trace_id.clone(), json: Arc::clone(&json) };
            if queue.send(job).is_ok() {
                s.queued += 1;
            } else {
                hub.pending.fetch_sub(1, Ordering::SeqCst);
            }
        }
    }
    drop(subs);
    drop(state);
}
