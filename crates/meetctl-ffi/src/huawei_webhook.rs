//! Huawei Cloud Meeting enterprise webhooks, framework-neutral: `meetctl_huawei_webhook` (the
//! subscription's subscriber id and key), `meetctl_huawei_webhook_handle` (one request the app's
//! own HTTP server received in, a `meetctl_webhook_answer` out: the same answer as Tencent's), and
//! `meetctl_huawei_event`, the event it (or a `meetctl_huawei_receiver`) delivers. A thin layer
//! over the core's `huawei::webhook`; the request reading and the answer are `webhook.rs`'s.

use std::ffi::{CString, c_char};
use std::ptr;

use meetctl::Secret;
use meetctl::huawei::{HuaweiEvent, HuaweiEventKind, HuaweiWebhook};

use crate::error::{fallible, meetctl_error};
use crate::ffi;
use crate::panic::{PanicValue, boundary};
use crate::status::meetctl_status;
use crate::value::meetctl_value;
use crate::webhook::{event_text, handle_request, max_age, meetctl_header, meetctl_webhook_answer};

/// `max_age_ms` of `meetctl_huawei_webhook_new`: the default, 5 minutes (300000 ms).
pub const MEETCTL_HUAWEI_WEBHOOK_DEFAULT_MAX_AGE: u32 = 0;
/// `max_age_ms` of `meetctl_huawei_webhook_new`: no age check at all (`UINT32_MAX`). Replays of an
/// old delivery are then refused only as duplicates of the last 10000 events seen.
pub const MEETCTL_HUAWEI_WEBHOOK_NO_AGE_CHECK: u32 = u32::MAX;

/// A Huawei enterprise webhook endpoint's verifier: the subscription's subscriber id (the `appID`
/// its deliveries carry) and subscriber key. Made with `meetctl_huawei_webhook_new`, freed with
/// `meetctl_huawei_webhook_free`. It answers the `meeting.verify` handshake itself, and remembers
/// the ids of the last 10000 events it delivered, so that a repeated delivery is answered 200 and
/// not delivered again.
///
/// Thread safety: thread-safe. `meetctl_huawei_webhook_handle` may be called on one webhook from
/// any number of threads at once (an HTTP server's worker threads). A receiver started with it
/// shares its memory of the ids seen; the webhook may be freed while the receiver runs.
pub struct meetctl_huawei_webhook {
    pub(crate) webhook: HuaweiWebhook,
}

/// The kind of a Huawei event (`meetctl_huawei_event_get_kind`); any other is
/// `MEETCTL_HUAWEI_EVENT_KIND_OTHER`, delivered with its name and raw `eventInfo`. The
/// `meeting.verify` handshake is answered by the webhook and never delivered. Numbers are never
/// reused.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_huawei_event_kind {
    /// Any other event (see `meetctl_huawei_event_get_name`); also for a `NULL` event.
    Other = 0,
    /// `meeting.started`.
    MeetingStarted = 1,
    /// `meeting.end`: the conference ended (it may be started again).
    MeetingEnded = 2,
    /// `meeting.conclude`: the conference is over for good.
    MeetingConcluded = 3,
    /// `meeting.join`: someone joined.
    AttendeeJoined = 4,
    /// `meeting.left`: someone left.
    AttendeeLeft = 5,
    /// `record.finish`: a recording is ready.
    RecordFinished = 6,
    /// `meeting.create`: a conference was scheduled.
    MeetingCreated = 7,
    /// `meeting.modify`: a scheduled conference was changed.
    MeetingModified = 8,
    /// `meeting.cancel`: a scheduled conference was canceled.
    MeetingCanceled = 9,
}

impl PanicValue for meetctl_huawei_event_kind {
    fn panic_value(_: String) -> Self {
        meetctl_huawei_event_kind::Other
    }
}

impl meetctl_huawei_event_kind {
    fn from_core(kind: HuaweiEventKind) -> Self {
        match kind {
            HuaweiEventKind::Started => meetctl_huawei_event_kind::MeetingStarted,
            HuaweiEventKind::Ended => meetctl_huawei_event_kind::MeetingEnded,
            HuaweiEventKind::Concluded => meetctl_huawei_event_kind::MeetingConcluded,
            HuaweiEventKind::Joined => meetctl_huawei_event_kind::AttendeeJoined,
            HuaweiEventKind::Left => meetctl_huawei_event_kind::AttendeeLeft,
            HuaweiEventKind::RecordFinished => meetctl_huawei_event_kind::RecordFinished,
            HuaweiEventKind::Created => meetctl_huawei_event_kind::MeetingCreated,
            HuaweiEventKind::Modified => meetctl_huawei_event_kind::MeetingModified,
            HuaweiEventKind::Canceled => meetctl_huawei_event_kind::MeetingCanceled,
            _ => meetctl_huawei_event_kind::Other,
        }
    }
}

/// One Huawei enterprise event, verified: from `meetctl_webhook_answer_take_huawei_event` or
/// `meetctl_huawei_receiver_next` / `_next_for`; freed with `meetctl_huawei_event_free`.
///
/// Its getters return `NULL` (text) or -1 (numbers) for what the vendor did not give, and for a
/// `NULL` event. Strings and the raw `eventInfo` are borrowed from it: valid until it is freed,
/// never freed by the caller.
///
/// Thread safety: immutable; may be read from several threads at once, and freed once when no
/// thread reads it any more.
pub struct meetctl_huawei_event {
    name: CString,
    kind: meetctl_huawei_event_kind,
    id: CString,
    time_ms: Option<i64>,
    join_time_ms: Option<i64>,
    left_time_ms: Option<i64>,
    /// meeting id, meeting UUID, occurrence, user UUID, user agent, account, participant id,
    /// display name, role, call number (the `Text` order).
    texts: [Option<CString>; 10],
    raw_json: CString,
    /// The parsed `eventInfo`, owned by the event (`meetctl_value_free` ignores it).
    raw: meetctl_value,
}

/// The optional texts of a `meetctl_huawei_event`, by their place in `texts`.
#[derive(Clone, Copy)]
enum Text {
    MeetingId,
    MeetingUuid,
    Occurrence,
    UserUuid,
    UserAgent,
    Account,
    ParticipantId,
    DisplayName,
    Role,
    CallNumber,
}

impl meetctl_huawei_event {
    pub(crate) fn new(event: HuaweiEvent) -> Self {
        let texts = [
            event.meeting_id(),
            event.meeting_uuid(),
            event.occurrence(),
            event.user_uuid(),
            event.user_agent(),
            event.account(),
            event.participant_id(),
            event.display_name(),
            event.role(),
            event.call_number(),
        ]
        .map(|t| t.map(ffi::c_string));
        meetctl_huawei_event {
            name: ffi::c_string(event.name()),
            kind: meetctl_huawei_event_kind::from_core(event.kind()),
            id: ffi::c_string(event.id()),
            time_ms: event.time_ms(),
            join_time_ms: event.join_time_ms(),
            left_time_ms: event.left_time_ms(),
            texts,
            raw_json: ffi::c_string(event.raw_json()),
            raw: meetctl_value::borrowed(event.raw()),
        }
    }
}

/// A new webhook for the subscription's `subscriber_id` (the `appID` its deliveries carry) and
/// `subscriber_key` (the key the cloud signs with): each 1 to 256 characters, no control
/// characters.
///
/// `max_age_ms` is how far a delivery's `timestamp` may be from this machine's clock, in
/// milliseconds: `MEETCTL_HUAWEI_WEBHOOK_DEFAULT_MAX_AGE` (0) for the default, 5 minutes;
/// `MEETCTL_HUAWEI_WEBHOOK_NO_AGE_CHECK` (`UINT32_MAX`) for no check; any other value as it is.
/// An older delivery is refused (401).
///
/// `MEETCTL_STATUS_INVALID_ARGUMENT` naming `subscriber_id` or `subscriber_key` when one is not
/// acceptable (the error never holds the key). On success `*webhook_out` receives a new webhook
/// to free with `meetctl_huawei_webhook_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_webhook_new(
    subscriber_id: *const c_char,
    subscriber_key: *const c_char,
    max_age_ms: u32,
    webhook_out: *mut *mut meetctl_huawei_webhook,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let subscriber_id = ffi::try_str(subscriber_id, "subscriber_id")?;
        let subscriber_key = Secret::new(ffi::try_str(subscriber_key, "subscriber_key")?);
        let out = ffi::try_out(webhook_out, "webhook_out")?;
        let webhook = HuaweiWebhook::new(subscriber_id, subscriber_key)?.max_age(max_age(max_age_ms));
        out.write(ffi::into_handle(meetctl_huawei_webhook { webhook }));
        Ok(())
    })
}

/// Frees a webhook. `NULL` is a no-op. A receiver started with it keeps running.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_webhook_free(webhook: *mut meetctl_huawei_webhook) {
    boundary(|| ffi::free_box(webhook))
}

/// Handles one request the app's own HTTP server received at the subscription's URL: checks the
/// `appID`, the signature (HMAC-SHA256 over appID, timestamp, nonce and the `eventInfo` bytes as
/// received, first, in constant time) and the age, and says what to answer and which event to
/// deliver. Never touches the network. The parameters are those of
/// `meetctl_tencent_webhook_handle` (Huawei reads no header and no target: pass what was
/// received, or `NULL` / 0 headers); `method` must be `"POST"` (else 405).
///
/// The `meeting.verify` handshake is answered 200 with `{"event":"meeting.verify","nonce":…}`
/// and delivers nothing. Every refusal is answered with the same body (`refused`, a 4xx status:
/// 401 for another `appID`, a bad signature or a stale timestamp); the reason is for the app's
/// log only (`meetctl_webhook_answer_get_refusal`). A repeated delivery is answered 200 and
/// delivers nothing (`meetctl_webhook_answer_is_duplicate`). Take the event with
/// `meetctl_webhook_answer_take_huawei_event`.
///
/// On success `*answer_out` receives a new answer to free with `meetctl_webhook_answer_free`
/// (a refused request is a success of this call: its answer says so).
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn meetctl_huawei_webhook_handle(
    webhook: *const meetctl_huawei_webhook,
    method: *const c_char,
    target: *const c_char,
    headers: *const meetctl_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    answer_out: *mut *mut meetctl_webhook_answer,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    let webhook = ffi::opt_ref(webhook).map(|w| &w.webhook);
    handle_request(webhook, method, target, (headers, headers_len), (body, body_len), answer_out, err_out)
}

/// Takes the Huawei event out of `answer` (from `meetctl_huawei_webhook_handle`): on success
/// `*event_out` receives it, the caller's to free with `meetctl_huawei_event_free` (it outlives
/// the answer), or `NULL` when there is none (the verify handshake, a duplicate, a refusal, or
/// taken already). An answer holding a Tencent event is `MEETCTL_STATUS_INVALID_ARGUMENT` naming
/// `answer`. Changes `answer`: no other thread may use it meanwhile.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_webhook_answer_take_huawei_event(
    answer: *mut meetctl_webhook_answer,
    event_out: *mut *mut meetctl_huawei_event,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let answer = ffi::try_mut(answer, "answer")?;
        let out = ffi::try_out(event_out, "event_out")?;
        let event = answer.take_huawei()?;
        out.write(event.map_or(ptr::null_mut(), Box::into_raw));
        Ok(())
    })
}

/// Frees an event. `NULL` is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_free(event: *mut meetctl_huawei_event) {
    boundary(|| ffi::free_box(event))
}

fn text(event: *const meetctl_huawei_event, which: Text) -> *const c_char {
    event_text(event, |e| e.texts[which as usize].as_ref())
}

fn number(event: *const meetctl_huawei_event, field: fn(&meetctl_huawei_event) -> Option<i64>) -> i64 {
    boundary(|| ffi::opt_ref(event).and_then(field).unwrap_or(-1))
}

/// The vendor's name of the event (`"meeting.join"`). Never `NULL` unless `event` is. Borrowed
/// from `event`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_name(event: *const meetctl_huawei_event) -> *const c_char {
    event_text(event, |e| Some(&e.name))
}

/// The event's kind; `MEETCTL_HUAWEI_EVENT_KIND_OTHER` for an event of another name (and for
/// `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_kind(
    event: *const meetctl_huawei_event,
) -> meetctl_huawei_event_kind {
    boundary(|| ffi::opt_ref(event).map_or(meetctl_huawei_event_kind::Other, |e| e.kind))
}

/// The event id: the SHA-256 (lower-case hex) of the `eventInfo` bytes as received, the same for
/// every delivery of one event, so an app can dedupe across restarts. Never `NULL` unless
/// `event` is. Borrowed from `event`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_id(event: *const meetctl_huawei_event) -> *const c_char {
    event_text(event, |e| Some(&e.id))
}

/// When it happened (`eventInfo.timestamp`), Unix milliseconds; -1 when not given (or `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_time_ms(event: *const meetctl_huawei_event) -> i64 {
    number(event, |e| e.time_ms)
}

/// The conference id (`meetingInfo.meetingID`); `NULL` when not given. Borrowed from `event`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_meeting_id(event: *const meetctl_huawei_event) -> *const c_char {
    text(event, Text::MeetingId)
}

/// The conference's UUID (`meetingInfo.meetingUUID`); `NULL` when not given. Borrowed.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_meeting_uuid(event: *const meetctl_huawei_event) -> *const c_char {
    text(event, Text::MeetingUuid)
}

/// The occurrence of a recurring conference (`meetingInfo.meetingCycleSubID`); `NULL` when not
/// given. Borrowed.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_occurrence(event: *const meetctl_huawei_event) -> *const c_char {
    text(event, Text::Occurrence)
}

/// The attendee's user UUID (`attendeeInfo.userUUID`); `NULL` when not given. Borrowed.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_user_uuid(event: *const meetctl_huawei_event) -> *const c_char {
    text(event, Text::UserUuid)
}

/// The attendee's client (`attendeeInfo.userAgent`); `NULL` when not given. Borrowed.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_user_agent(event: *const meetctl_huawei_event) -> *const c_char {
    text(event, Text::UserAgent)
}

/// The attendee's account (`attendeeInfo.account`); `NULL` when not given. Borrowed.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_account(event: *const meetctl_huawei_event) -> *const c_char {
    text(event, Text::Account)
}

/// The attendee's participant id in the conference (`attendeeInfo.participantID`: what the
/// conference controls take); `NULL` when not given. Borrowed.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_participant_id(
    event: *const meetctl_huawei_event,
) -> *const c_char {
    text(event, Text::ParticipantId)
}

/// The attendee's display name (`attendeeInfo.displayName`); `NULL` when not given. Borrowed.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_display_name(event: *const meetctl_huawei_event) -> *const c_char {
    text(event, Text::DisplayName)
}

/// The attendee's role (`attendeeInfo.role`) as the vendor sent it (a number as its digits);
/// `NULL` when not given. Borrowed.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_role(event: *const meetctl_huawei_event) -> *const c_char {
    text(event, Text::Role)
}

/// The attendee's call number (`attendeeInfo.callNumber`: SIP or telephone); `NULL` when not
/// given. Borrowed.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_call_number(event: *const meetctl_huawei_event) -> *const c_char {
    text(event, Text::CallNumber)
}

/// When the attendee joined (`attendeeInfo.joinTime`), Unix milliseconds; -1 when not given.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_join_time_ms(event: *const meetctl_huawei_event) -> i64 {
    number(event, |e| e.join_time_ms)
}

/// When the attendee left (`attendeeInfo.leftTime`), Unix milliseconds; -1 when not given.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_left_time_ms(event: *const meetctl_huawei_event) -> i64 {
    number(event, |e| e.left_time_ms)
}

/// The `eventInfo` JSON text exactly as received (what the signature covers). Never `NULL`
/// unless `event` is. Borrowed from `event`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_raw_json(event: *const meetctl_huawei_event) -> *const c_char {
    event_text(event, |e| Some(&e.raw_json))
}

/// The `eventInfo` as received, parsed, read with the `meetctl_value` accessors. Borrowed from
/// `event` (never freed by the caller; `meetctl_value_free` ignores it). `NULL` only for a `NULL`
/// event.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_event_get_raw(event: *const meetctl_huawei_event) -> *const meetctl_value {
    boundary(|| ffi::opt_ref(event).map_or(ptr::null(), |e| ptr::from_ref(&e.raw)))
}
