//! Huawei Cloud Meeting enterprise webhooks (企业级事件订阅): one request the app's server
//! received in, the answer to give and the event (if any) out — framework-neutral, no I/O.
//!
//! What the vendor's pages say (zh-cn_topic_0000001149287612, en-us_topic_0000001195468757,
//! en-us_topic_0000001200922862, en-us_topic_0000001245922647), and what this module does with it:
//! - The cloud `POST`s JSON `{appID, timestamp (ms), nonce, signature, eventInfo: {event,
//!   timestamp, payload: {meetingInfo: {…}, attendeeInfo: {…}}}}`; no header is read.
//! - `signature = hex(HMAC-SHA256(appID + timestamp + nonce + eventInfo, subscriberKey))`, where
//!   "eventInfo is a JSON string converted from the event information object". Which string is
//!   not said; meetctl signs **the exact bytes of the `eventInfo` value as received** (taken with
//!   `serde_json::value::RawValue`, never re-serialised), so that a verifier does not depend on
//!   how its own JSON library would print the object. `timestamp` is its text as sent (the digits
//!   of the JSON number). Compared in constant time, before the event is read.
//! - `meeting.verify` (sent when the URL is configured or enabled) is answered 200 with
//!   `{"event":"meeting.verify","nonce":"<the request's nonce>"}` and is **not** delivered to the
//!   app; every other event is answered with a bare 200.
//!
//! A delivery whose `appID` is not the subscriber id is refused (401), as is a bad signature
//! (401) or a `timestamp` further from now than `max_age` (default 300 s; 401). The event id
//! ([`HuaweiEvent::id`]) is the SHA-256 of the `eventInfo` bytes: the same event delivered again
//! within the last [`SEEN_IDS`](crate::webhook::SEEN_IDS) events is answered 200 and not
//! delivered again (a refusal would make the vendor retry). Across restarts delivery is at least
//! once: `id()` lets an app dedupe further.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::Mac as _;
use serde_json::Value;
use serde_json::value::RawValue;
use sha2::{Digest as _, Sha256};

use crate::clock::{Clock, SystemClock};
use crate::error::Error;
use crate::secret::Secret;
use crate::webhook::{DEFAULT_MAX_AGE, Leaf, MAX_BODY_BYTES, SeenIds, WebhookRefusal, WebhookRequest};
use crate::webhook::{constant_time_eq_ignoring_case, fresh, hex};

/// What to answer, and the Huawei event to deliver.
pub type HuaweiWebhookAnswer = crate::webhook::WebhookAnswer<HuaweiEvent>;

/// The name of the URL check's event.
pub const VERIFY_EVENT: &str = "meeting.verify";

/// The events of an enterprise subscription; any other is [`HuaweiEventKind::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HuaweiEventKind {
    /// `meeting.verify`: the URL check (answered by the verifier, never delivered).
    Verify,
    /// `meeting.started`.
    Started,
    /// `meeting.end`: the conference ended (it may be started again).
    Ended,
    /// `meeting.conclude`: the conference is over for good.
    Concluded,
    /// `meeting.join`: someone joined.
    Joined,
    /// `meeting.left`: someone left.
    Left,
    /// `record.finish`: a recording is ready.
    RecordFinished,
    /// `meeting.create`: a conference was scheduled.
    Created,
    /// `meeting.modify`: a scheduled conference was changed.
    Modified,
    /// `meeting.cancel`: a scheduled conference was canceled.
    Canceled,
    /// Any other event.
    Other,
}

impl HuaweiEventKind {
    /// The kind of the vendor's event name.
    pub fn from_name(name: &str) -> HuaweiEventKind {
        match name {
            VERIFY_EVENT => HuaweiEventKind::Verify,
            "meeting.started" => HuaweiEventKind::Started,
            "meeting.end" => HuaweiEventKind::Ended,
            "meeting.conclude" => HuaweiEventKind::Concluded,
            "meeting.join" => HuaweiEventKind::Joined,
            "meeting.left" => HuaweiEventKind::Left,
            "record.finish" => HuaweiEventKind::RecordFinished,
            "meeting.create" => HuaweiEventKind::Created,
            "meeting.modify" => HuaweiEventKind::Modified,
            "meeting.cancel" => HuaweiEventKind::Canceled,
            _ => HuaweiEventKind::Other,
        }
    }

    /// Whether the event is about one attendee (joined or left).
    pub fn is_attendee_event(self) -> bool {
        matches!(self, HuaweiEventKind::Joined | HuaweiEventKind::Left)
    }
}

/// One event, verified. Texts are bounded and escaped as a vendor's display text is.
#[derive(Debug, Clone, PartialEq)]
pub struct HuaweiEvent {
    name: String,
    kind: HuaweiEventKind,
    id: String,
    time_ms: Option<i64>,
    meeting_id: Option<String>,
    meeting_uuid: Option<String>,
    occurrence: Option<String>,
    user_uuid: Option<String>,
    user_agent: Option<String>,
    account: Option<String>,
    participant_id: Option<String>,
    display_name: Option<String>,
    role: Option<String>,
    call_number: Option<String>,
    join_time_ms: Option<i64>,
    left_time_ms: Option<i64>,
    raw_json: String,
}

impl HuaweiEvent {
    /// The vendor's name (`"meeting.join"`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its kind.
    pub fn kind(&self) -> HuaweiEventKind {
        self.kind
    }

    /// The event id: the SHA-256 (lower-case hex) of the `eventInfo` bytes as received, the same
    /// for every delivery of one event.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// When it happened (`eventInfo.timestamp`), Unix milliseconds.
    pub fn time_ms(&self) -> Option<i64> {
        self.time_ms
    }

    /// The conference id (`meetingInfo.meetingID`).
    pub fn meeting_id(&self) -> Option<&str> {
        self.meeting_id.as_deref()
    }

    /// The conference's UUID (`meetingInfo.meetingUUID`).
    pub fn meeting_uuid(&self) -> Option<&str> {
        self.meeting_uuid.as_deref()
    }

    /// The occurrence of a recurring conference (`meetingInfo.meetingCycleSubID`), where given.
    pub fn occurrence(&self) -> Option<&str> {
        self.occurrence.as_deref()
    }

    /// The attendee's user UUID (`attendeeInfo.userUUID`).
    pub fn user_uuid(&self) -> Option<&str> {
        self.user_uuid.as_deref()
    }

    /// The attendee's client (`attendeeInfo.userAgent`).
    pub fn user_agent(&self) -> Option<&str> {
        self.user_agent.as_deref()
    }

    /// The attendee's account (`attendeeInfo.account`).
    pub fn account(&self) -> Option<&str> {
        self.account.as_deref()
    }

    /// The attendee's participant id in the conference (`attendeeInfo.participantID`): what the
    /// conference controls take.
    pub fn participant_id(&self) -> Option<&str> {
        self.participant_id.as_deref()
    }

    /// The attendee's display name (`attendeeInfo.displayName`).
    pub fn display_name(&self) -> Option<&str> {
        self.display_name.as_deref()
    }

    /// The attendee's role (`attendeeInfo.role`), as the vendor sends it (a number is kept as its
    /// digits).
    pub fn role(&self) -> Option<&str> {
        self.role.as_deref()
    }

    /// The attendee's call number (`attendeeInfo.callNumber`: SIP or telephone).
    pub fn call_number(&self) -> Option<&str> {
        self.call_number.as_deref()
    }

    /// When the attendee joined (`attendeeInfo.joinTime`), Unix milliseconds.
    pub fn join_time_ms(&self) -> Option<i64> {
        self.join_time_ms
    }

    /// When the attendee left (`attendeeInfo.leftTime`), Unix milliseconds.
    pub fn left_time_ms(&self) -> Option<i64> {
        self.left_time_ms
    }

    /// The `eventInfo` JSON text exactly as received (what the signature covers).
    pub fn raw_json(&self) -> &str {
        &self.raw_json
    }

    /// The `eventInfo` as received, parsed (each call parses anew: the typed fields are read
    /// without building it).
    pub fn raw(&self) -> Value {
        serde_json::from_str(&self.raw_json).unwrap_or(Value::Null)
    }
}

/// A Huawei enterprise webhook endpoint's verifier: the subscriber id (the `appID` deliveries
/// carry) and the subscriber key. Cheap to clone, `Send + Sync`; clones, and copies
/// re-configured with [`max_age`](Self::max_age), [`max_body`](Self::max_body) or
/// [`clock`](Self::clock), share the ids seen.
#[derive(Clone)]
pub struct HuaweiWebhook {
    inner: Arc<Inner>,
}

#[derive(Clone)]
struct Inner {
    subscriber_id: String,
    /// The subscriber key (kept to show it is set, never shown) and its HMAC key, made once.
    subscriber_key: Secret,
    mac: crate::hmac_sha256::Key,
    max_age: Option<Duration>,
    max_body: usize,
    clock: Arc<dyn Clock>,
    /// Shared by every verifier made from this one.
    seen: Arc<Mutex<SeenIds>>,
}

impl HuaweiWebhook {
    /// A verifier for the subscription's `subscriber_id` (the `appID` of its deliveries) and
    /// `subscriber_key`; both checked (not empty, at most 256 characters, no control characters)
    /// before anything is received.
    pub fn new(
        subscriber_id: impl Into<String>,
        subscriber_key: impl Into<Secret>,
    ) -> Result<HuaweiWebhook, Error> {
        let subscriber_id = subscriber_id.into();
        let subscriber_key = subscriber_key.into();
        check_text("subscriber_id", &subscriber_id)?;
        check_text("subscriber_key", subscriber_key.expose())?;
        let mac = crate::hmac_sha256::key(subscriber_key.expose().as_bytes());
        Ok(HuaweiWebhook {
            inner: Arc::new(Inner {
                subscriber_id,
                subscriber_key,
                mac,
                max_age: Some(DEFAULT_MAX_AGE),
                max_body: MAX_BODY_BYTES,
                clock: Arc::new(SystemClock),
                seen: Arc::new(Mutex::new(SeenIds::default())),
            }),
        })
    }

    fn with(self, change: impl FnOnce(&mut Inner)) -> HuaweiWebhook {
        let mut inner = Arc::try_unwrap(self.inner).unwrap_or_else(|shared| (*shared).clone());
        change(&mut inner);
        HuaweiWebhook { inner: Arc::new(inner) }
    }

    /// The largest age of a delivery (`None`: no age check). Default 5 minutes.
    pub fn max_age(self, max_age: Option<Duration>) -> HuaweiWebhook {
        self.with(|i| i.max_age = max_age)
    }

    /// The largest body accepted. Default 1 MiB.
    pub fn max_body(self, bytes: usize) -> HuaweiWebhook {
        self.with(|i| i.max_body = bytes)
    }

    /// The clock the age check reads (tests).
    pub fn clock(self, clock: Arc<dyn Clock>) -> HuaweiWebhook {
        self.with(|i| i.clock = clock)
    }

    /// The subscriber id deliveries must carry as `appID`.
    pub fn subscriber_id(&self) -> &str {
        &self.inner.subscriber_id
    }

    /// Forgets that event `id` was delivered: its next delivery is delivered again (the receiver
    /// does this for an event its full queue could not take, answering so that the vendor retries).
    pub fn forget(&self, id: &str) {
        self.inner.seen.lock().unwrap_or_else(|e| e.into_inner()).forget(id);
    }

    /// Handles one request: verifies it, reads it, and says what to answer and what to deliver.
    /// Never panics, whatever the request holds.
    pub fn handle(&self, request: &WebhookRequest<'_>) -> HuaweiWebhookAnswer {
        self.answer(request).unwrap_or_else(|why| HuaweiWebhookAnswer::refused("huawei", why))
    }

    fn answer(&self, request: &WebhookRequest<'_>) -> Result<HuaweiWebhookAnswer, WebhookRefusal> {
        let inner = &*self.inner;
        if !request.method.eq_ignore_ascii_case("POST") {
            return Err(WebhookRefusal::Method);
        }
        if request.body.len() > inner.max_body {
            return Err(WebhookRefusal::TooLarge);
        }
        /// The vendor's body; `eventInfo` kept as the bytes received.
        #[derive(serde::Deserialize)]
        struct Body<'a> {
            #[serde(rename = "appID", borrow, default)]
            app_id: Leaf<'a>,
            #[serde(borrow, default)]
            timestamp: Leaf<'a>,
            #[serde(borrow, default)]
            nonce: Leaf<'a>,
            #[serde(borrow, default)]
            signature: Leaf<'a>,
            #[serde(rename = "eventInfo", borrow, default)]
            event_info: Option<&'a RawValue>,
        }
        // An object (serde would read the struct from an array too).
        if request.body.trim_ascii_start().first() != Some(&b'{') {
            return Err(WebhookRefusal::Encoding);
        }
        let body: Body<'_> = serde_json::from_slice(request.body).map_err(|_| WebhookRefusal::Encoding)?;
        let app_id = body.app_id.raw().ok_or(WebhookRefusal::Missing("appID"))?;
        let timestamp = body.timestamp.raw().ok_or(WebhookRefusal::Missing("timestamp"))?;
        let nonce = body.nonce.raw().ok_or(WebhookRefusal::Missing("nonce"))?;
        let signature = body.signature.raw().ok_or(WebhookRefusal::Missing("signature"))?;
        let event_info = body.event_info.ok_or(WebhookRefusal::Missing("eventInfo"))?.get();
        if app_id != inner.subscriber_id {
            return Err(WebhookRefusal::App);
        }
        // The signature first: nothing of the event is read for a sender without the key.
        let mut mac = inner.mac.clone();
        for part in [app_id, timestamp, nonce, event_info] {
            mac.update(part.as_bytes());
        }
        let expected = hex(&mac.finalize().into_bytes());
        if !constant_time_eq_ignoring_case(expected.as_bytes(), signature.as_bytes()) {
            return Err(WebhookRefusal::Signature);
        }
        if !fresh(timestamp, inner.clock.now_millis(), inner.max_age) {
            return Err(WebhookRefusal::Stale);
        }
        let event = event(event_info)?;
        if event.kind == HuaweiEventKind::Verify {
            let answer = serde_json::json!({ "event": VERIFY_EVENT, "nonce": nonce });
            return Ok(HuaweiWebhookAnswer {
                status: 200,
                body: answer.to_string().into_bytes(),
                event: None,
                duplicate: false,
                refusal: None,
            });
        }
        let duplicate = inner.seen.lock().unwrap_or_else(|e| e.into_inner()).seen_before(&event.id);
        Ok(HuaweiWebhookAnswer {
            status: 200,
            body: Vec::new(),
            event: (!duplicate).then_some(event),
            duplicate,
            refusal: None,
        })
    }
}

impl fmt::Debug for HuaweiWebhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HuaweiWebhook")
            .field("subscriber_id", &self.inner.subscriber_id)
            .field("subscriber_key", &self.inner.subscriber_key)
            .field("max_age", &self.inner.max_age)
            .finish_non_exhaustive()
    }
}

/// An invalid-argument error naming `field` unless `text` is 1 to 256 characters without control
/// characters (the message never repeats the text).
fn check_text(field: &'static str, text: &str) -> Result<(), Error> {
    if text.is_empty() || text.chars().count() > 256 || text.chars().any(char::is_control) {
        return Err(Error::invalid(field, "must be 1 to 256 characters without control characters"));
    }
    Ok(())
}

/// `hex(HMAC-SHA256(app_id + timestamp + nonce + event_info, key))`: what a delivery's
/// `signature` must be (`event_info` the exact text of the `eventInfo` value sent).
pub fn signature_hex(key: &str, app_id: &str, timestamp: &str, nonce: &str, event_info: &str) -> String {
    let mut mac = crate::hmac_sha256::key(key.as_bytes());
    for part in [app_id, timestamp, nonce, event_info] {
        mac.update(part.as_bytes());
    }
    hex(&mac.finalize().into_bytes())
}

/// What the typed fields are read from; everything else is skipped without being built.
#[derive(serde::Deserialize)]
struct EventInfo<'a> {
    #[serde(borrow, default)]
    event: Leaf<'a>,
    #[serde(borrow, default)]
    timestamp: Leaf<'a>,
    #[serde(borrow, default)]
    payload: Lenient<Payload<'a>>,
}

/// A part of the event read when it has the expected shape, ignored otherwise (an event the
/// vendor shapes differently is still delivered, its typed fields empty).
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Lenient<T> {
    Read(T),
    Ignored(serde::de::IgnoredAny),
}

impl<T> Default for Lenient<T> {
    fn default() -> Self {
        Lenient::Ignored(serde::de::IgnoredAny)
    }
}

impl<T> Lenient<T> {
    fn get(&self) -> Option<&T> {
        match self {
            Lenient::Read(value) => Some(value),
            Lenient::Ignored(_) => None,
        }
    }
}

#[derive(serde::Deserialize)]
struct Payload<'a> {
    #[serde(rename = "meetingInfo", borrow, default)]
    meeting_info: Lenient<MeetingInfo<'a>>,
    #[serde(rename = "attendeeInfo", borrow, default)]
    attendee_info: Lenient<AttendeeInfo<'a>>,
}

#[derive(serde::Deserialize)]
struct MeetingInfo<'a> {
    #[serde(rename = "meetingID", borrow, default)]
    meeting_id: Leaf<'a>,
    #[serde(rename = "meetingUUID", borrow, default)]
    meeting_uuid: Leaf<'a>,
    #[serde(rename = "meetingCycleSubID", borrow, default)]
    meeting_cycle_sub_id: Leaf<'a>,
}

#[derive(serde::Deserialize)]
struct AttendeeInfo<'a> {
    #[serde(rename = "userUUID", borrow, default)]
    user_uuid: Leaf<'a>,
    #[serde(rename = "userAgent", borrow, default)]
    user_agent: Leaf<'a>,
    #[serde(borrow, default)]
    account: Leaf<'a>,
    #[serde(rename = "participantID", borrow, default)]
    participant_id: Leaf<'a>,
    #[serde(rename = "displayName", borrow, default)]
    display_name: Leaf<'a>,
    #[serde(rename = "joinTime", borrow, default)]
    join_time: Leaf<'a>,
    #[serde(rename = "leftTime", borrow, default)]
    left_time: Leaf<'a>,
    #[serde(borrow, default)]
    role: Leaf<'a>,
    #[serde(rename = "callNumber", borrow, default)]
    call_number: Leaf<'a>,
}

/// The event in `eventInfo` (a JSON object with a non-empty `event`), its text kept as received.
fn event(text: &str) -> Result<HuaweiEvent, WebhookRefusal> {
    // An object, not the array serde would also read a struct from.
    if !text.trim_start().starts_with('{') {
        return Err(WebhookRefusal::Payload);
    }
    let info: EventInfo<'_> = serde_json::from_str(text).map_err(|_| WebhookRefusal::Payload)?;
    let name = info.event.raw().ok_or(WebhookRefusal::Payload)?.to_owned();
    let payload = info.payload.get();
    let meeting = payload.and_then(|p| p.meeting_info.get());
    let attendee = payload.and_then(|p| p.attendee_info.get());
    let a = |read: fn(&AttendeeInfo<'_>) -> Option<String>| attendee.and_then(read);
    Ok(HuaweiEvent {
        kind: HuaweiEventKind::from_name(&name),
        name: crate::error::vendor_text(&name),
        id: hex(&Sha256::digest(text.as_bytes())),
        time_ms: info.timestamp.int(),
        meeting_id: meeting.and_then(|m| m.meeting_id.text()),
        meeting_uuid: meeting.and_then(|m| m.meeting_uuid.text()),
        occurrence: meeting.and_then(|m| m.meeting_cycle_sub_id.text()),
        user_uuid: a(|p| p.user_uuid.text()),
        user_agent: a(|p| p.user_agent.text()),
        account: a(|p| p.account.text()),
        participant_id: a(|p| p.participant_id.text()),
        display_name: a(|p| p.display_name.text()),
        role: a(|p| p.role.text()),
        call_number: a(|p| p.call_number.text()),
        join_time_ms: attendee.and_then(|p| p.join_time.int()),
        left_time_ms: attendee.and_then(|p| p.left_time.int()),
        raw_json: text.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_fields_are_read_leniently() {
        let text = r#"{"event":"meeting.join","timestamp":"1700000000000","payload":{"meetingInfo":{"meetingID":960000001,"meetingUUID":"u"},"attendeeInfo":{"participantID":"p1","role":1,"joinTime":1700000000001,"leftTime":null}}}"#;
        let e = event(text).unwrap();
        assert_eq!(
            (e.kind(), e.meeting_id(), e.role()),
            (HuaweiEventKind::Joined, Some("960000001"), Some("1"))
        );
        assert_eq!(
            (e.time_ms(), e.join_time_ms(), e.left_time_ms()),
            (Some(1_700_000_000_000), Some(1_700_000_000_001), None)
        );
        assert_eq!(event(r#"{"event":""}"#).unwrap_err(), WebhookRefusal::Payload);
        assert_eq!(event("[1]").unwrap_err(), WebhookRefusal::Payload);
        // A payload of another shape: delivered, its typed fields empty.
        let odd = event(r#"{"event":"x","payload":[],"timestamp":{}}"#).unwrap();
        assert_eq!((odd.kind(), odd.meeting_id(), odd.time_ms()), (HuaweiEventKind::Other, None, None));
        let odd = event(
            r#"{"event":"meeting.left","payload":{"meetingInfo":"m","attendeeInfo":{"participantID":"p"}}}"#,
        )
        .unwrap();
        assert_eq!((odd.meeting_id(), odd.participant_id()), (None, Some("p")));
    }
}
