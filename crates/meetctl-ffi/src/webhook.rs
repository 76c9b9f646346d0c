//! Tencent webhooks, framework-neutral: `meetctl_tencent_webhook` (the subscription's Token and
//! EncodingAESKey), `meetctl_tencent_webhook_handle` (one request the app's own HTTP server
//! received in, a `meetctl_webhook_answer` out), and `meetctl_tencent_event`, the event it (or a
//! `meetctl_tencent_receiver`) delivers. A thin layer over the core's `tencent::webhook`.

use std::borrow::Cow;
use std::ffi::{CStr, CString, c_char};
use std::ptr;
use std::time::Duration;

use meetctl::Secret;
use meetctl::tencent::webhook::{TencentEvent, TencentEventKind, TencentWebhook, WebhookRequest};
use meetctl::tencent::{Instance, TencentUserId};
use meetctl::webhook::WebhookAnswer;

use crate::error::{fallible, meetctl_error};
use crate::failure::BoundaryFailure;
use crate::ffi;
use crate::panic::{PanicValue, boundary};
use crate::status::meetctl_status;
use crate::tencent_user::{meetctl_id_kind, meetctl_tencent_user};
use crate::value::meetctl_value;

/// `max_age_ms` of `meetctl_tencent_webhook_new`: the vendor's default, 5 minutes (300000 ms).
pub const MEETCTL_TENCENT_WEBHOOK_DEFAULT_MAX_AGE: u32 = 0;
/// `max_age_ms` of `meetctl_tencent_webhook_new`: no age check at all (`UINT32_MAX`). Replays of
/// an old delivery are then refused only as duplicates of the last 10000 events seen.
pub const MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK: u32 = u32::MAX;

/// The most bytes `body_len` of `meetctl_tencent_webhook_handle` may say (64 MiB): a larger
/// length is taken for garbage and refused as an argument; a body larger than the webhook's cap
/// (1 MiB) but within this is answered 413 as the vendor would be.
const MAX_BODY_ARG: usize = 64 << 20;

/// One request header: a name and a value, both NUL-terminated (`timestamp`, `nonce` and
/// `signature` are read, names in any case; the others are ignored).
#[repr(C)]
pub struct meetctl_header {
    /// The header name.
    pub name: *const c_char,
    /// The header value, as received (still URL-encoded: the handler decodes it).
    pub value: *const c_char,
}

/// A Tencent webhook endpoint's verifier and decoder: the subscription's Token and, when the
/// subscription encrypts, its EncodingAESKey. Made with `meetctl_tencent_webhook_new`, freed with
/// `meetctl_tencent_webhook_free`. It remembers the ids of the last 10000 events it delivered, so
/// that a repeated delivery is answered 200 and not delivered again.
///
/// Thread safety: thread-safe. `meetctl_tencent_webhook_handle` may be called on one webhook from
/// any number of threads at once (an HTTP server's worker threads). A receiver started with it
/// shares its memory of the ids seen; the webhook may be freed while the receiver runs.
pub struct meetctl_tencent_webhook {
    pub(crate) webhook: TencentWebhook,
}

/// What to answer one request with, and the event it delivers (if any): what
/// `meetctl_tencent_webhook_handle` returns. Freed with `meetctl_webhook_answer_free`.
///
/// Answer the sender with `meetctl_webhook_answer_get_status` and the body
/// `meetctl_webhook_answer_get_body` (exactly those bytes, nothing else: the URL check's answer is
/// the decoded text alone), then take the event with `meetctl_webhook_answer_take_event`.
///
/// Thread safety: may be read from several threads at once; `meetctl_webhook_answer_take_event`
/// changes it, so no other thread may use it meanwhile.
pub struct meetctl_webhook_answer {
    status: u16,
    body: Vec<u8>,
    duplicate: bool,
    refusal: Option<CString>,
    event: Option<AnswerEvent>,
}

/// The event an answer holds: the vendor's of the webhook that made it.
enum AnswerEvent {
    Tencent(Box<meetctl_tencent_event>),
    Huawei(Box<crate::huawei_webhook::meetctl_huawei_event>),
}

/// The kind of a Tencent event (`meetctl_tencent_event_get_kind`): the events a room system acts
/// on; any other is `MEETCTL_TENCENT_EVENT_KIND_OTHER`, delivered with its name and raw payload.
/// Numbers are never reused.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_tencent_event_kind {
    /// Any other event (see `meetctl_tencent_event_get_name`); also for a `NULL` event.
    Other = 0,
    /// `meeting.started`.
    MeetingStarted = 1,
    /// `meeting.end`.
    MeetingEnded = 2,
    /// `meeting.participant-joined`.
    ParticipantJoined = 3,
    /// `meeting.participant-left`.
    ParticipantLeft = 4,
    /// `meeting.participant-role-changed`.
    ParticipantRoleChanged = 5,
    /// `meeting.created`.
    MeetingCreated = 6,
    /// `meeting.updated`.
    MeetingUpdated = 7,
    /// `meeting.canceled`.
    MeetingCanceled = 8,
}

impl PanicValue for meetctl_tencent_event_kind {
    fn panic_value(_: String) -> Self {
        meetctl_tencent_event_kind::Other
    }
}

impl meetctl_tencent_event_kind {
    fn from_core(kind: TencentEventKind) -> Self {
        match kind {
            TencentEventKind::MeetingStarted => meetctl_tencent_event_kind::MeetingStarted,
            TencentEventKind::MeetingEnded => meetctl_tencent_event_kind::MeetingEnded,
            TencentEventKind::ParticipantJoined => meetctl_tencent_event_kind::ParticipantJoined,
            TencentEventKind::ParticipantLeft => meetctl_tencent_event_kind::ParticipantLeft,
            TencentEventKind::ParticipantRoleChanged => meetctl_tencent_event_kind::ParticipantRoleChanged,
            TencentEventKind::MeetingCreated => meetctl_tencent_event_kind::MeetingCreated,
            TencentEventKind::MeetingUpdated => meetctl_tencent_event_kind::MeetingUpdated,
            TencentEventKind::MeetingCanceled => meetctl_tencent_event_kind::MeetingCanceled,
            _ => meetctl_tencent_event_kind::Other,
        }
    }
}

/// One Tencent Meeting event, verified and decoded: from `meetctl_webhook_answer_take_event` or
/// `meetctl_tencent_receiver_next` / `_next_for`; freed with `meetctl_tencent_event_free`.
///
/// Its getters return `NULL` (text) or -1 (numbers) for what the vendor did not give, and for a
/// `NULL` event. Strings, the participant's id and the raw payload are borrowed from it: valid
/// until it is freed, never freed by the caller.
///
/// Thread safety: immutable; may be read from several threads at once, and freed once when no
/// thread reads it any more.
pub struct meetctl_tencent_event {
    name: CString,
    kind: meetctl_tencent_event_kind,
    id: CString,
    time_ms: Option<i64>,
    meeting_id: Option<CString>,
    meeting_code: Option<CString>,
    occurrence: Option<CString>,
    /// The participant: kind, id, device.
    participant: Option<(meetctl_id_kind, CString, Instance)>,
    /// The decoded envelope, owned by the event (`meetctl_value_free` ignores it).
    raw: meetctl_value,
}

impl meetctl_tencent_event {
    pub(crate) fn new(event: TencentEvent) -> Self {
        let c = |s: Option<String>| s.as_deref().map(ffi::c_string);
        let raw = meetctl_value::borrowed(event.raw());
        let participant = event.participant.map(|u| {
            let kind = match &u.id {
                TencentUserId::UserId(_) => meetctl_id_kind::Userid,
                TencentUserId::OpenId(_) => meetctl_id_kind::OpenId,
                TencentUserId::MsOpenId(_) => meetctl_id_kind::MsOpenId,
                TencentUserId::Uuid(_) => meetctl_id_kind::Uuid,
            };
            (kind, ffi::c_string(u.id.value()), u.instance)
        });
        meetctl_tencent_event {
            name: ffi::c_string(&event.name),
            kind: meetctl_tencent_event_kind::from_core(event.kind),
            id: ffi::c_string(&event.id),
            time_ms: event.time_ms,
            meeting_id: c(event.meeting_id),
            meeting_code: c(event.meeting_code),
            occurrence: c(event.occurrence),
            participant,
            raw,
        }
    }
}

/// Text of a request part the sender controls (method, target, a header): NULL is the caller's
/// mistake and refused naming `field`; bytes that are not UTF-8 are read with U+FFFD in their
/// place, so that any request gets an answer (such text can only be refused).
fn network_text<'a>(
    ptr: *const c_char,
    field: impl Into<Cow<'static, str>>,
) -> Result<Cow<'a, str>, BoundaryFailure> {
    if ptr.is_null() {
        return Err(BoundaryFailure::Null(field.into()));
    }
    // SAFETY: not NULL, and by the caller's contract a NUL-terminated string that stays valid and
    // unchanged for the whole call.
    Ok(unsafe { CStr::from_ptr(ptr) }.to_string_lossy())
}

/// The age check `max_age_ms` of a `_webhook_new` call means: 0 the default (5 minutes),
/// `UINT32_MAX` none, any other value as it is.
pub(crate) fn max_age(max_age_ms: u32) -> Option<Duration> {
    match max_age_ms {
        MEETCTL_TENCENT_WEBHOOK_DEFAULT_MAX_AGE => Some(meetctl::tencent::webhook::DEFAULT_MAX_AGE),
        MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK => None,
        ms => Some(Duration::from_millis(u64::from(ms))),
    }
}

/// A new webhook for the subscription's `token` (1 to 128 letters and digits) and, when the
/// subscription encrypts its events, its 43-character EncodingAESKey `aes_key` (`NULL` when it
/// does not).
///
/// `max_age_ms` is how far a delivery's `timestamp` may be from this machine's clock, in
/// milliseconds: `MEETCTL_TENCENT_WEBHOOK_DEFAULT_MAX_AGE` (0) for the default, 5 minutes;
/// `MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK` (`UINT32_MAX`) for no check; any other value as it is.
/// An older delivery is refused (401).
///
/// `MEETCTL_STATUS_INVALID_ARGUMENT` naming `token` or `aes_key` when one is not what the vendor
/// gives (the error never holds either). On success `*webhook_out` receives a new webhook to free
/// with `meetctl_tencent_webhook_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_webhook_new(
    token: *const c_char,
    aes_key: *const c_char,
    max_age_ms: u32,
    webhook_out: *mut *mut meetctl_tencent_webhook,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let token = Secret::new(ffi::try_str(token, "token")?);
        let aes_key = ffi::try_opt_str(aes_key, "aes_key")?.map(Secret::new);
        let out = ffi::try_out(webhook_out, "webhook_out")?;
        let webhook = TencentWebhook::new(token, aes_key)?.max_age(max_age(max_age_ms));
        out.write(ffi::into_handle(meetctl_tencent_webhook { webhook }));
        Ok(())
    })
}

/// Frees a webhook. `NULL` is a no-op. A receiver started with it keeps running.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_webhook_free(webhook: *mut meetctl_tencent_webhook) {
    boundary(|| ffi::free_box(webhook))
}

/// Handles one request the app's own HTTP server received at the subscription's URL: verifies the
/// signature (first, in constant time), the age, decodes (and with an EncodingAESKey decrypts)
/// it, and says what to answer and which event to deliver. Never touches the network.
///
/// - `method`: `"GET"` (the vendor's URL check) or `"POST"` (an event); any other is refused (405).
/// - `target`: the request target as received: a path with its query (`"/hook?check_str=…"`), a
///   whole URL, or the query alone. Only the URL check reads it.
/// - `headers` / `headers_len`: the request's headers (NULL only when `headers_len` is 0).
/// - `body` / `body_len`: the body bytes (NULL only when `body_len` is 0); larger than 1 MiB is
///   answered 413.
///
/// These parts come from the network: text in them that is not UTF-8 is read with U+FFFD in place
/// of the bad bytes (such a request can only be refused), never `MEETCTL_STATUS_INVALID_UTF8`, so
/// that every request gets an answer. A `NULL` string is `MEETCTL_STATUS_NULL_ARGUMENT` naming
/// `method`, `target`, `headers[i].name` or `headers[i].value`.
///
/// Every refusal is answered with the same body (`refused`, a 4xx status): the reason is for the
/// app's log only (`meetctl_webhook_answer_get_refusal`). A repeated delivery of an event already
/// delivered is answered 200 and delivers nothing (`meetctl_webhook_answer_is_duplicate`).
///
/// On success `*answer_out` receives a new answer to free with `meetctl_webhook_answer_free`
/// (a refused request is a success of this call: its answer says so).
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn meetctl_tencent_webhook_handle(
    webhook: *const meetctl_tencent_webhook,
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

/// Any vendor's verifier, as `_webhook_handle` calls it.
pub(crate) trait Verifier {
    /// Answers one request, the event wrapped as the C answer holds it.
    fn answer(&self, request: &WebhookRequest<'_>) -> meetctl_webhook_answer;
}

impl Verifier for TencentWebhook {
    fn answer(&self, request: &WebhookRequest<'_>) -> meetctl_webhook_answer {
        meetctl_webhook_answer::new(self.handle(request), |e| {
            AnswerEvent::Tencent(Box::new(meetctl_tencent_event::new(e)))
        })
    }
}

impl Verifier for meetctl::huawei::HuaweiWebhook {
    fn answer(&self, request: &WebhookRequest<'_>) -> meetctl_webhook_answer {
        meetctl_webhook_answer::new(self.handle(request), |e| {
            AnswerEvent::Huawei(Box::new(crate::huawei_webhook::meetctl_huawei_event::new(e)))
        })
    }
}

/// What every `_webhook_handle` does: reads the request's parts (NULL webhook or parts refused
/// naming them), has `webhook` answer it, and hands the answer out.
pub(crate) fn handle_request(
    webhook: Option<&impl Verifier>,
    method: *const c_char,
    target: *const c_char,
    (headers, headers_len): (*const meetctl_header, usize),
    (body, body_len): (*const u8, usize),
    answer_out: *mut *mut meetctl_webhook_answer,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let webhook = webhook.ok_or_else(|| BoundaryFailure::Null("webhook".into()))?;
        let method = network_text(method, "method")?;
        let target = network_text(target, "target")?;
        let headers = ffi::try_slice(headers, headers_len, "headers", "headers_len")?
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let name = network_text(h.name, format!("headers[{i}].name"))?;
                let value = network_text(h.value, format!("headers[{i}].value"))?;
                Ok((name, value))
            })
            .collect::<Result<Vec<_>, BoundaryFailure>>()?;
        let body = ffi::try_slice_max(body, body_len, MAX_BODY_ARG, "body", "body_len")?;
        let out = ffi::try_out(answer_out, "answer_out")?;
        let pairs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_ref(), v.as_ref())).collect();
        let request = WebhookRequest { method: &method, target: &target, headers: &pairs, body };
        out.write(ffi::into_handle(webhook.answer(&request)));
        Ok(())
    })
}

impl meetctl_webhook_answer {
    fn new<E>(answer: WebhookAnswer<E>, event: impl FnOnce(E) -> AnswerEvent) -> Self {
        meetctl_webhook_answer {
            status: answer.status,
            body: answer.body,
            duplicate: answer.duplicate,
            refusal: answer.refusal.map(|why| ffi::c_string(&why.description())),
            event: answer.event.map(event),
        }
    }

    /// Takes the Huawei event out (see [`take`](Self::take)).
    pub(crate) fn take_huawei(
        &mut self,
    ) -> Result<Option<Box<crate::huawei_webhook::meetctl_huawei_event>>, BoundaryFailure> {
        self.take(
            |e| match e {
                AnswerEvent::Huawei(e) => Ok(e),
                other => Err(other),
            },
            "meetctl_webhook_answer_take_event",
        )
    }

    /// Takes the event out when it is `take`'s vendor's; `None` when there is none, and an
    /// invalid-argument failure naming `answer` when it is the other vendor's (`other` says which
    /// call takes it).
    fn take<T>(
        &mut self,
        take: impl Fn(AnswerEvent) -> Result<Box<T>, AnswerEvent>,
        other: &'static str,
    ) -> Result<Option<Box<T>>, BoundaryFailure> {
        match self.event.take().map(take) {
            None => Ok(None),
            Some(Ok(event)) => Ok(Some(event)),
            Some(Err(event)) => {
                self.event = Some(event);
                Err(BoundaryFailure::invalid(
                    "answer",
                    format!("holds another vendor's event: take it with {other}"),
                ))
            }
        }
    }
}

/// Frees an answer (and its event, unless it was taken). `NULL` is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_webhook_answer_free(answer: *mut meetctl_webhook_answer) {
    boundary(|| ffi::free_box(answer))
}

/// The HTTP status to answer with: 200 (an event, a duplicate, the URL check), 4xx for a refusal
/// (400, 401 for the signature or age, 405, 413). 0 for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_webhook_answer_get_status(answer: *const meetctl_webhook_answer) -> u16 {
    boundary(|| ffi::opt_ref(answer).map_or(0, |a| a.status))
}

/// The body to answer with, exactly these `*len_out` bytes (not NUL-terminated; may hold any byte):
/// the URL check's decoded text, `successfully received callback` for an event, `refused` for a
/// refusal. Borrowed from `answer`. `NULL` with `*len_out` 0 for a `NULL` answer; `len_out` may be
/// `NULL` only if the length is not wanted.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_webhook_answer_get_body(
    answer: *const meetctl_webhook_answer,
    len_out: *mut usize,
) -> *const u8 {
    boundary(|| {
        let (ptr, len) = ffi::opt_ref(answer).map_or((ptr::null(), 0), |a| (a.body.as_ptr(), a.body.len()));
        if let Some(out) = ffi::opt_out(len_out) {
            out.write(len);
        }
        ptr
    })
}

/// Whether the request was a repeated delivery of an event already delivered (answered 200, and
/// no event). `false` for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_webhook_answer_is_duplicate(answer: *const meetctl_webhook_answer) -> bool {
    boundary(|| ffi::opt_ref(answer).is_some_and(|a| a.duplicate))
}

/// Why the request was refused, one line for the log (`"the signature does not match the
/// token"`); `NULL` when it was not refused (or for `NULL`). Never holds the token, the key or the
/// request's data. Borrowed from `answer`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_webhook_answer_get_refusal(answer: *const meetctl_webhook_answer) -> *const c_char {
    boundary(|| ffi::opt_ref(answer).map_or(ptr::null(), |a| ffi::opt_ptr(a.refusal.as_ref())))
}

/// Whether the answer holds an event still to take (`false` for the URL check, a duplicate, a
/// refusal, once it was taken, and for `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_webhook_answer_has_event(answer: *const meetctl_webhook_answer) -> bool {
    boundary(|| ffi::opt_ref(answer).is_some_and(|a| a.event.is_some()))
}

/// Takes the event out of `answer`: on success `*event_out` receives it, the caller's to free with
/// `meetctl_tencent_event_free` (it outlives the answer), or `NULL` when there is none (the URL
/// check, a duplicate, a refusal, or taken already). Changes `answer`: no other thread may use it
/// meanwhile. An answer of `meetctl_huawei_webhook_handle` holding an event is
/// `MEETCTL_STATUS_INVALID_ARGUMENT` naming `answer` (take it with
/// `meetctl_webhook_answer_take_huawei_event`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_webhook_answer_take_event(
    answer: *mut meetctl_webhook_answer,
    event_out: *mut *mut meetctl_tencent_event,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let answer = ffi::try_mut(answer, "answer")?;
        let out = ffi::try_out(event_out, "event_out")?;
        let event = answer.take(
            |e| match e {
                AnswerEvent::Tencent(e) => Ok(e),
                other => Err(other),
            },
            "meetctl_webhook_answer_take_huawei_event",
        )?;
        out.write(event.map_or(ptr::null_mut(), Box::into_raw));
        Ok(())
    })
}

/// Frees an event. `NULL` is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_event_free(event: *mut meetctl_tencent_event) {
    boundary(|| ffi::free_box(event))
}

/// A borrowed text of an event (of either vendor): `NULL` for a `NULL` event or an absent field.
pub(crate) fn event_text<E>(event: *const E, field: impl FnOnce(&E) -> Option<&CString>) -> *const c_char {
    boundary(|| ffi::opt_ptr(ffi::opt_ref(event).and_then(field)))
}

/// The vendor's name of the event (`"meeting.participant-joined"`). Never `NULL` unless `event`
/// is. Borrowed from `event`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_event_get_name(event: *const meetctl_tencent_event) -> *const c_char {
    event_text(event, |e| Some(&e.name))
}

/// The event's kind; `MEETCTL_TENCENT_EVENT_KIND_OTHER` for an event of another name (and for
/// `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_event_get_kind(
    event: *const meetctl_tencent_event,
) -> meetctl_tencent_event_kind {
    boundary(|| ffi::opt_ref(event).map_or(meetctl_tencent_event_kind::Other, |e| e.kind))
}

/// The event id (`trace_id`, or `unique_sequence`; without either, the SHA-1 of the data as
/// sent): the same for every delivery of one event, so an app can dedupe across restarts. Never
/// `NULL` unless `event` is. Borrowed from `event`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_event_get_id(event: *const meetctl_tencent_event) -> *const c_char {
    event_text(event, |e| Some(&e.id))
}

/// When it happened (`operate_time`), Unix milliseconds; -1 when the vendor gave no number there
/// (or for `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_event_get_time_ms(event: *const meetctl_tencent_event) -> i64 {
    boundary(|| ffi::opt_ref(event).and_then(|e| e.time_ms).unwrap_or(-1))
}

/// The meeting id; `NULL` when the vendor gave none. Borrowed from `event`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_event_get_meeting_id(event: *const meetctl_tencent_event) -> *const c_char {
    event_text(event, |e| e.meeting_id.as_ref())
}

/// The meeting code; `NULL` when the vendor gave none. Borrowed from `event`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_event_get_meeting_code(
    event: *const meetctl_tencent_event,
) -> *const c_char {
    event_text(event, |e| e.meeting_code.as_ref())
}

/// The occurrence of a recurring meeting (`sub_meeting_id`); `NULL` when the vendor gave none.
/// Borrowed from `event`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_event_get_occurrence(event: *const meetctl_tencent_event) -> *const c_char {
    event_text(event, |e| e.occurrence.as_ref())
}

/// For a participant event (joined, left, role changed): writes the participant to `*user_out` as
/// the control calls take one (`MEETCTL_ID_KIND_MS_OPEN_ID`, their ms_open_id, their device) and
/// returns `true`. The `id` it writes is borrowed from `event`. Returns `false` and leaves
/// `*user_out` untouched when there is none: another kind of event, a participant the vendor did
/// not give both an ms_open_id and a known device for, or a `NULL` `event` or `user_out`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_event_get_participant(
    event: *const meetctl_tencent_event,
    user_out: *mut meetctl_tencent_user,
) -> bool {
    boundary(|| {
        let (Some(event), Some(out)) = (ffi::opt_ref(event), ffi::opt_out(user_out)) else { return false };
        let Some((kind, id, instance)) = &event.participant else { return false };
        out.write(meetctl_tencent_user {
            id_kind: *kind as u32,
            id: id.as_ptr(),
            instance: i32::from(instance.code()),
        });
        true
    })
}

/// The decoded envelope as the vendor sent it (`event`, `trace_id`, `payload`, ...), read with the
/// `meetctl_value` accessors. Borrowed from `event` (never freed by the caller;
/// `meetctl_value_free` ignores it). `NULL` only for a `NULL` event.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_event_get_raw(event: *const meetctl_tencent_event) -> *const meetctl_value {
    boundary(|| ffi::opt_ref(event).map_or(ptr::null(), |e| ptr::from_ref(&e.raw)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{meetctl_error_free, meetctl_error_get_field, meetctl_error_get_message};
    use std::ffi::CStr;

    const TOKEN: &CStr = c"bVPU6F8Htxl5XkAbp3jGV2xWp";
    const DATA: &str = "eyJldmVudCI6Im1lZXRpbmcuY3JlYXRlZCIsInVuaXF1ZV9zZXF1ZW5jZSI6ImYyMDA5NmVlLThhYzgtNGRmMi1hN2RlLTA1NzQ2NDlmMjExYiIsInBheWxvYWQiOlt7Im9wZXJhdGVfdGltZSI6IjIwMjAtMTItMjkgMTc6NDE6MDYiLCJvcGVyYXRvciI6eyJ1c2VyaWQiOiJ0ZXN0ZXIwMDAwNmJhNWJhYjMzOTg1OGMxM2M5MzBjY2E5NTY4NCJ9LCJtZWV0aW5nX2luZm8iOnsibWVldGluZ19pZCI6IjYwNTg4OTAzODU0ODA5MjEwNTIiLCJtZWV0aW5nX2NvZGUiOiI1MzA4MTI0NTIiLCJzdWJqZWN0IjoibWVkaWEgdGVzdGVyIG1lZXRpbmciLCJjcmVhdG9yX2lkIjoidGVzdGVyMDAwMDZiYTViYWIzMzk4NThjMTNjOTMwY2NhOTU2ODQiLCJob3N0cyI6WyJ0ZXN0ZXIwMDAwNmJhNWJhYjMzOTg1OGMxM2M5MzBjY2E5NTY4NCJdLCJtZWV0aW5nX3R5cGUiOjAsInN0YXJ0X3RpbWUiOiIyMDIwLTEyLTI5IDE3OjQxOjA0IiwiZW5kX3RpbWUiOiIyMDIwLTEyLTI5IDE4OjAxOjA0In19XX0";

    fn text(p: *const c_char) -> Option<String> {
        // SAFETY: the getters return NULL or a pointer into a live handle.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned())
    }

    fn webhook(max_age_ms: u32) -> *mut meetctl_tencent_webhook {
        let mut w = ptr::null_mut();
        assert_eq!(
            meetctl_tencent_webhook_new(TOKEN.as_ptr(), ptr::null(), max_age_ms, &mut w, ptr::null_mut()),
            meetctl_status::Ok
        );
        w
    }

    fn handle(w: *const meetctl_tencent_webhook, signature: &CStr) -> *mut meetctl_webhook_answer {
        let headers = [
            meetctl_header { name: c"Timestamp".as_ptr(), value: c"1609239040864".as_ptr() },
            meetctl_header { name: c"nonce".as_ptr(), value: c"14964161".as_ptr() },
            meetctl_header { name: c"signature".as_ptr(), value: signature.as_ptr() },
        ];
        let body = format!("{{\"data\":\"{DATA}\"}}");
        let mut a = ptr::null_mut();
        let st = meetctl_tencent_webhook_handle(
            w,
            c"POST".as_ptr(),
            c"/hook".as_ptr(),
            headers.as_ptr(),
            headers.len(),
            body.as_ptr(),
            body.len(),
            &mut a,
            ptr::null_mut(),
        );
        assert_eq!(st, meetctl_status::Ok);
        a
    }

    #[test]
    fn the_worked_example_gives_its_event_once() {
        let w = webhook(MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK);
        let a = handle(w, c"b11e507817336a91d7df0c8536ee2aca18bbbae8");
        assert_eq!(meetctl_webhook_answer_get_status(a), 200);
        assert!(meetctl_webhook_answer_has_event(a));
        let mut e = ptr::null_mut();
        assert_eq!(meetctl_webhook_answer_take_event(a, &mut e, ptr::null_mut()), meetctl_status::Ok);
        assert!(!e.is_null() && !meetctl_webhook_answer_has_event(a));
        meetctl_webhook_answer_free(a);
        assert_eq!(meetctl_tencent_event_get_kind(e), meetctl_tencent_event_kind::MeetingCreated);
        assert_eq!(text(meetctl_tencent_event_get_id(e)).unwrap(), "f20096ee-8ac8-4df2-a7de-0574649f211b");
        assert_eq!(text(meetctl_tencent_event_get_meeting_id(e)).unwrap(), "6058890385480921052");
        // "2020-12-29 17:41:06" Beijing time: `date -u -d '2020-12-29 09:41:06' +%s` = 1609234866.
        assert_eq!(meetctl_tencent_event_get_time_ms(e), 1_609_234_866_000);
        let mut u = meetctl_tencent_user { id_kind: 9, id: ptr::null(), instance: 9 };
        assert!(!meetctl_tencent_event_get_participant(e, &mut u));
        assert_eq!(u.id_kind, 9);
        let raw = meetctl_tencent_event_get_raw(e);
        assert_eq!(
            text(crate::value::meetctl_value_text(crate::value::meetctl_value_get(raw, c"event".as_ptr()))),
            Some("meeting.created".into())
        );
        crate::value::meetctl_value_free(raw.cast_mut()); // borrowed: ignored
        meetctl_tencent_event_free(e);

        let again = handle(w, c"b11e507817336a91d7df0c8536ee2aca18bbbae8");
        assert_eq!(meetctl_webhook_answer_get_status(again), 200);
        assert!(meetctl_webhook_answer_is_duplicate(again));
        let mut none = ptr::dangling_mut::<meetctl_tencent_event>();
        assert_eq!(meetctl_webhook_answer_take_event(again, &mut none, ptr::null_mut()), meetctl_status::Ok);
        assert!(none.is_null());
        meetctl_webhook_answer_free(again);

        let wrong = handle(w, c"0000000000000000000000000000000000000000");
        assert_eq!(meetctl_webhook_answer_get_status(wrong), 401);
        let mut len = 0;
        let body = meetctl_webhook_answer_get_body(wrong, &mut len);
        // SAFETY: the getter lends `len` bytes from the live answer.
        assert_eq!(unsafe { std::slice::from_raw_parts(body, len) }, b"refused");
        assert!(text(meetctl_webhook_answer_get_refusal(wrong)).unwrap().contains("signature"));
        meetctl_webhook_answer_free(wrong);
        meetctl_tencent_webhook_free(w);
    }

    #[test]
    fn bad_configuration_names_the_parameter_and_never_the_secret() {
        let mut w = ptr::null_mut();
        let mut err = ptr::null_mut();
        let st = meetctl_tencent_webhook_new(c"tok en secret".as_ptr(), ptr::null(), 0, &mut w, &mut err);
        assert_eq!(st, meetctl_status::InvalidArgument);
        assert_eq!(text(meetctl_error_get_field(err)).unwrap(), "token");
        assert!(!text(meetctl_error_get_message(err)).unwrap().contains("secret"));
        meetctl_error_free(err);
        let st = meetctl_tencent_webhook_new(TOKEN.as_ptr(), c"short".as_ptr(), 0, &mut w, &mut err);
        assert_eq!(st, meetctl_status::InvalidArgument);
        assert_eq!(text(meetctl_error_get_field(err)).unwrap(), "aes_key");
        meetctl_error_free(err);
        let st = meetctl_tencent_webhook_new(c"\xff".as_ptr(), ptr::null(), 0, &mut w, &mut err);
        assert_eq!(st, meetctl_status::InvalidUtf8);
        meetctl_error_free(err);
        assert!(w.is_null());
    }
}
