//! Tencent Meeting webhooks (事件订阅): one request the app's server received in, the answer to
//! give and the event (if any) out — framework-neutral, no I/O.
//!
//! What the vendor's pages say, and what this module does with it:
//! - "签名校验" (cloud.tencent.com/document/product/1095/51612): `signature` =
//!   `sha1(sort(token, timestamp, nonce, data))`, the four values sorted as byte strings and joined
//!   with nothing between, lower-case hex. Checked first, in constant time, before anything is
//!   decoded or decrypted; the header values are URL-decoded (`%XX` only: a `+` stays a `+`, as
//!   base64 needs).
//! - "企业回调服务介绍" (meeting.tencent.com/support/topic/588): the URL check is
//!   `GET <url>?check_str=<url-encoded base64>` answered 200 with the decoded text and nothing
//!   else; events are `POST` with `{"data": "<base64>"}`.
//! - "事件加解密" (…/1095/54658): with an EncodingAESKey, `data` is base64 of AES-256-CBC with
//!   PKCS#7 padding, key `base64_decode(EncodingAESKey + "=")`, IV its first 16 bytes. The page's
//!   decryption sample takes the whole plaintext as the message; so does meetctl. No vector with a
//!   key is published: the encrypted path is **not verified against the vendor**.
//!
//! A delivery older than `max_age` (default 300 s; the timestamp in seconds or milliseconds) is
//! refused; the same event id (`trace_id`, or `unique_sequence`) seen again within the last
//! [`SEEN_IDS`] events is answered 200 and not delivered again (a refusal would make the vendor
//! retry). Across restarts delivery is at least once: [`TencentEvent::id`] lets an app dedupe
//! further.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::Value;
use sha1::{Digest, Sha1};

use super::ids::{Instance, TencentUser};
use crate::clock::{Clock, SystemClock};
use crate::error::Error;
use crate::secret::Secret;
pub use crate::webhook::{
    DEFAULT_MAX_AGE, MAX_BODY_BYTES, REFUSED, SEEN_IDS, WebhookRefusal, WebhookRequest,
};
use crate::webhook::{Leaf, SeenIds, constant_time_eq_ignoring_case, hex, timestamp_ms};

/// What an event delivery is answered with.
pub const ACKNOWLEDGED: &[u8] = b"successfully received callback";
/// Base64 as the vendor sends it: the standard alphabet, with or without padding.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The events a room system acts on; any other is [`TencentEventKind::Other`], delivered raw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TencentEventKind {
    /// `meeting.started`.
    MeetingStarted,
    /// `meeting.end`.
    MeetingEnded,
    /// `meeting.participant-joined`.
    ParticipantJoined,
    /// `meeting.participant-left`.
    ParticipantLeft,
    /// `meeting.participant-role-changed`.
    ParticipantRoleChanged,
    /// `meeting.created`.
    MeetingCreated,
    /// `meeting.updated`.
    MeetingUpdated,
    /// `meeting.canceled`.
    MeetingCanceled,
    /// Any other event.
    Other,
}

impl TencentEventKind {
    /// The kind of the vendor's event name.
    pub fn from_name(name: &str) -> TencentEventKind {
        match name {
            "meeting.started" => TencentEventKind::MeetingStarted,
            "meeting.end" => TencentEventKind::MeetingEnded,
            "meeting.participant-joined" => TencentEventKind::ParticipantJoined,
            "meeting.participant-left" => TencentEventKind::ParticipantLeft,
            "meeting.participant-role-changed" => TencentEventKind::ParticipantRoleChanged,
            "meeting.created" => TencentEventKind::MeetingCreated,
            "meeting.updated" => TencentEventKind::MeetingUpdated,
            "meeting.canceled" => TencentEventKind::MeetingCanceled,
            _ => TencentEventKind::Other,
        }
    }

    /// Whether the event is about one participant (who is then [`TencentEvent::participant`]:
    /// the `operator` who joined or left; for a role change, the `to_operator` whose role changed).
    pub fn is_participant_event(self) -> bool {
        matches!(
            self,
            TencentEventKind::ParticipantJoined
                | TencentEventKind::ParticipantLeft
                | TencentEventKind::ParticipantRoleChanged
        )
    }
}

/// One event, decoded and verified.
#[derive(Debug, Clone, PartialEq)]
pub struct TencentEvent {
    /// The vendor's name (`"meeting.participant-joined"`).
    pub name: String,
    /// Its kind.
    pub kind: TencentEventKind,
    /// The event id (`trace_id`, or `unique_sequence`; without either, the SHA-1 of the data as
    /// sent): the same for every delivery of one event.
    pub id: String,
    /// When it happened (`operate_time`), Unix milliseconds.
    pub time_ms: Option<i64>,
    /// The meeting id.
    pub meeting_id: Option<String>,
    /// The meeting code.
    pub meeting_code: Option<String>,
    /// The occurrence of a recurring meeting (`sub_meeting_id`), where given.
    pub occurrence: Option<String>,
    /// For a participant event, the participant as the controls take them (ms_open_id on their
    /// device), when the vendor gave both and the device is one the controls know.
    pub participant: Option<TencentUser>,
    /// The decoded envelope's JSON text, as received: [`raw`](Self::raw) parses it.
    raw_json: String,
}

impl TencentEvent {
    /// The decoded envelope as received, parsed (each call parses anew: the typed fields above are
    /// read without building it).
    pub fn raw(&self) -> Value {
        serde_json::from_str(&self.raw_json).unwrap_or(Value::Null)
    }

    /// The decoded envelope's JSON text, as received.
    pub fn raw_json(&self) -> &str {
        &self.raw_json
    }
}

/// What to answer, and the Tencent event to deliver.
pub type WebhookAnswer = crate::webhook::WebhookAnswer<TencentEvent>;

/// A Tencent webhook endpoint's verifier and decoder: the subscription's Token and, when set,
/// its EncodingAESKey. Cheap to clone, `Send + Sync`; clones, and copies re-configured with
/// [`max_age`](Self::max_age), [`max_body`](Self::max_body) or [`clock`](Self::clock), share the
/// ids seen.
#[derive(Clone)]
pub struct TencentWebhook {
    inner: Arc<Inner>,
}

struct Inner {
    token: Secret,
    aes_key: Option<AesKey>,
    max_age: Option<Duration>,
    max_body: usize,
    clock: Arc<dyn Clock>,
    /// Shared by every verifier made from this one (clones and re-configured copies alike), so
    /// that a repeat is recognised whichever of them handles it.
    seen: Arc<Mutex<SeenIds>>,
}

impl TencentWebhook {
    /// A verifier for the subscription's `token` and, when the subscription encrypts, its
    /// 43-character `encoding_aes_key`; checked before anything is received.
    pub fn new(token: impl Into<Secret>, encoding_aes_key: Option<Secret>) -> Result<TencentWebhook, Error> {
        let token = token.into();
        if token.is_empty()
            || token.expose().len() > 128
            || !token.expose().bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err(Error::invalid(
                "token",
                "must be the subscription's Token: 1 to 128 letters and digits",
            ));
        }
        let aes_key = match encoding_aes_key {
            Some(key) => Some(AesKey(aes_key_bytes(&key)?)),
            None => None,
        };
        Ok(TencentWebhook {
            inner: Arc::new(Inner {
                token,
                aes_key,
                max_age: Some(DEFAULT_MAX_AGE),
                max_body: MAX_BODY_BYTES,
                clock: Arc::new(SystemClock),
                seen: Arc::new(Mutex::new(SeenIds::default())),
            }),
        })
    }

    fn with(self, change: impl FnOnce(&mut Inner)) -> TencentWebhook {
        let inner = Arc::try_unwrap(self.inner).unwrap_or_else(|shared| Inner {
            token: shared.token.clone(),
            aes_key: shared.aes_key.clone(),
            max_age: shared.max_age,
            max_body: shared.max_body,
            clock: shared.clock.clone(),
            seen: shared.seen.clone(),
        });
        let mut inner = inner;
        change(&mut inner);
        TencentWebhook { inner: Arc::new(inner) }
    }

    /// The largest age of a delivery (`None`: no age check). Default 5 minutes.
    pub fn max_age(self, max_age: Option<Duration>) -> TencentWebhook {
        self.with(|i| i.max_age = max_age)
    }

    /// The largest body accepted. Default 1 MiB.
    pub fn max_body(self, bytes: usize) -> TencentWebhook {
        self.with(|i| i.max_body = bytes)
    }

    /// The clock the age check reads (tests).
    pub fn clock(self, clock: Arc<dyn Clock>) -> TencentWebhook {
        self.with(|i| i.clock = clock)
    }

    /// Forgets that event `id` was delivered: its next delivery is delivered again (the receiver
    /// does this for an event its full queue could not take, answering so that the vendor retries).
    pub fn forget(&self, id: &str) {
        self.inner.seen.lock().unwrap_or_else(|e| e.into_inner()).forget(id);
    }

    /// Handles one request: verifies it, decodes it, and says what to answer and what to deliver.
    /// Never panics, whatever the request holds.
    pub fn handle(&self, request: &WebhookRequest<'_>) -> WebhookAnswer {
        self.answer(request).unwrap_or_else(|why| WebhookAnswer::refused("tencent", why))
    }

    fn answer(&self, request: &WebhookRequest<'_>) -> Result<WebhookAnswer, WebhookRefusal> {
        let inner = &*self.inner;
        let check = request.method.eq_ignore_ascii_case("GET");
        if !check && !request.method.eq_ignore_ascii_case("POST") {
            return Err(WebhookRefusal::Method);
        }
        if request.body.len() > inner.max_body {
            return Err(WebhookRefusal::TooLarge);
        }
        let header = |name: &'static str| {
            request
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| url_decode(v.trim()))
                .filter(|v| !v.is_empty())
                .ok_or(WebhookRefusal::Missing(name))
        };
        let (timestamp, nonce, signature) = (header("timestamp")?, header("nonce")?, header("signature")?);
        let data: Cow<'_, str> = if check {
            Cow::Owned(query_value(request.target, "check_str").ok_or(WebhookRefusal::Missing("check_str"))?)
        } else {
            /// The vendor's body: `{"data": "<base64>"}` (the text borrowed when it has no escapes).
            #[derive(serde::Deserialize)]
            struct Body<'a> {
                #[serde(borrow)]
                data: Option<Cow<'a, str>>,
            }
            let body: Body<'_> =
                serde_json::from_slice(request.body).map_err(|_| WebhookRefusal::Encoding)?;
            body.data.ok_or(WebhookRefusal::Missing("data"))?
        };
        // The signature first: nothing is decoded or decrypted for a sender without the token.
        let expected = signature_hex(inner.token.expose(), &timestamp, &nonce, &data);
        if !constant_time_eq_ignoring_case(expected.as_bytes(), signature.as_bytes()) {
            return Err(WebhookRefusal::Signature);
        }
        if let Some(max_age) = inner.max_age {
            let sent_ms = timestamp_ms(&timestamp).ok_or(WebhookRefusal::Stale)?;
            let age_ms = inner.clock.now_millis().saturating_sub(sent_ms).unsigned_abs();
            if u128::from(age_ms) > max_age.as_millis() {
                return Err(WebhookRefusal::Stale);
            }
        }
        let plain = self.decode(&data)?;
        if check {
            return Ok(WebhookAnswer {
                status: 200,
                body: plain,
                event: None,
                duplicate: false,
                refusal: None,
            });
        }
        let event = event(plain, &data)?;
        let duplicate = inner.seen.lock().unwrap_or_else(|e| e.into_inner()).seen_before(&event.id);
        Ok(WebhookAnswer {
            status: 200,
            body: ACKNOWLEDGED.to_vec(),
            event: (!duplicate).then_some(event),
            duplicate,
            refusal: None,
        })
    }

    /// Base64, then (with a key) AES-256-CBC with PKCS#7 padding, in place.
    fn decode(&self, data: &str) -> Result<Vec<u8>, WebhookRefusal> {
        let bytes = BASE64.decode(data.trim()).map_err(|_| WebhookRefusal::Encoding)?;
        let Some(key) = &self.inner.aes_key else { return Ok(bytes) };
        decrypt(key, bytes).ok_or(WebhookRefusal::Decrypt)
    }
}

impl fmt::Debug for TencentWebhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TencentWebhook")
            .field("token", &self.inner.token)
            .field("encrypted", &self.inner.aes_key.is_some())
            .field("max_age", &self.inner.max_age)
            .finish_non_exhaustive()
    }
}

/// The 32-byte AES key of an EncodingAESKey (`base64_decode(key + "=")`).
fn aes_key_bytes(key: &Secret) -> Result<zeroize::Zeroizing<[u8; 32]>, Error> {
    let text = key.expose();
    let invalid =
        || Error::invalid("aes_key", "must be the subscription's EncodingAESKey: 43 letters and digits");
    if text.len() != 43 || !text.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(invalid());
    }
    // The last of the 43 characters carries 2 unused bits; a key chosen at random may set them,
    // and the vendor's own decoding samples ignore them.
    const KEY_BASE64: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
    );
    let decoded = zeroize::Zeroizing::new(KEY_BASE64.decode(format!("{text}=")).map_err(|_| invalid())?);
    let mut key = zeroize::Zeroizing::new([0u8; 32]);
    if decoded.len() != 32 {
        return Err(invalid());
    }
    key.copy_from_slice(&decoded);
    Ok(key)
}

/// The key of an EncodingAESKey, held ready: decoded once when the verifier is made.
#[derive(Clone)]
struct AesKey(zeroize::Zeroizing<[u8; 32]>);

/// AES-256-CBC decryption with PKCS#7 padding, IV the key's first 16 bytes, in the ciphertext's own
/// buffer; `None` when its length or padding is wrong.
fn decrypt(key: &AesKey, mut buffer: Vec<u8>) -> Option<Vec<u8>> {
    use aes::cipher::{BlockDecryptMut, KeyIvInit, block_padding::Pkcs7};
    if buffer.is_empty() || buffer.len() % 16 != 0 {
        return None;
    }
    let key = &*key.0;
    let decryptor = cbc::Decryptor::<aes::Aes256>::new(key.into(), key[..16].into());
    let plain_len = decryptor.decrypt_padded_mut::<Pkcs7>(&mut buffer).ok()?.len();
    buffer.truncate(plain_len);
    Some(buffer)
}

/// `sha1(concat(sort([token, timestamp, nonce, data])))` as lower-case hex.
pub fn signature_hex(token: &str, timestamp: &str, nonce: &str, data: &str) -> String {
    let mut parts = [token, timestamp, nonce, data];
    parts.sort_unstable();
    let mut hasher = Sha1::new();
    for part in parts {
        hasher.update(part.as_bytes());
    }
    hex(&hasher.finalize())
}

/// `%XX` decoded (a `+` stays a `+`: base64 uses it); invalid escapes are kept as sent.
fn url_decode(text: &str) -> Cow<'_, str> {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy()
}

/// The URL-decoded value of `name` in the query of `target` (a URL, a path with a query, or a
/// query alone).
fn query_value(target: &str, name: &str) -> Option<String> {
    let query = match target.split_once('?') {
        Some((_, query)) => query,
        None if target.contains('=') => target,
        None => return None,
    };
    let query = query.split('#').next().unwrap_or("");
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (url_decode(key) == name).then(|| url_decode(value).into_owned()).filter(|v| !v.is_empty())
    })
}

/// Unix milliseconds of `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8), as the signature page's
/// worked example gives `operate_time` (the event reference's examples give milliseconds).
fn beijing_ms(text: &str) -> Option<i64> {
    let (date, time) = text.trim().split_once(' ')?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut t = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, min, s) = (t.next()??, t.next()??, t.next().flatten().unwrap_or(0));
    let utc = crate::civil::unix_secs(y, m, day, h, min, s)?;
    Some((utc - 8 * 3600) * 1000)
}

/// What the typed fields are read from; everything else is skipped without being built.
#[derive(serde::Deserialize)]
struct Envelope<'a> {
    #[serde(borrow, default)]
    event: Leaf<'a>,
    #[serde(borrow, default)]
    trace_id: Leaf<'a>,
    #[serde(borrow, default)]
    unique_sequence: Leaf<'a>,
    #[serde(borrow, default)]
    payload: Option<Vec<Payload<'a>>>,
}

#[derive(serde::Deserialize)]
struct Payload<'a> {
    #[serde(borrow, default)]
    operate_time: Leaf<'a>,
    #[serde(borrow, default)]
    operator: Option<Person<'a>>,
    /// The one whose role changed, in a role change (`operator` is who changed it).
    #[serde(borrow, default)]
    to_operator: Option<Person<'a>>,
    #[serde(borrow, default)]
    meeting_info: Option<MeetingInfo<'a>>,
}

#[derive(serde::Deserialize)]
struct Person<'a> {
    #[serde(borrow, default)]
    ms_open_id: Leaf<'a>,
    #[serde(borrow, default)]
    instance_id: Leaf<'a>,
}

#[derive(serde::Deserialize)]
struct MeetingInfo<'a> {
    #[serde(borrow, default)]
    meeting_id: Leaf<'a>,
    #[serde(borrow, default)]
    meeting_code: Leaf<'a>,
    #[serde(borrow, default)]
    sub_meeting_id: Leaf<'a>,
}

/// The event in a decoded envelope (a JSON object with a non-empty `event`); the text is kept as
/// the event's raw JSON without a copy.
fn event(plain: Vec<u8>, data: &str) -> Result<TencentEvent, WebhookRefusal> {
    let text = String::from_utf8(plain).map_err(|_| WebhookRefusal::Payload)?;
    let fields = typed_fields(&text, data)?;
    Ok(TencentEvent { raw_json: text, ..fields })
}

/// The typed fields of an envelope's text (`raw_json` left empty).
fn typed_fields(text: &str, data: &str) -> Result<TencentEvent, WebhookRefusal> {
    let envelope: Envelope<'_> = serde_json::from_str(text).map_err(|_| WebhookRefusal::Payload)?;
    let name =
        envelope.event.0.as_deref().filter(|n| !n.is_empty()).ok_or(WebhookRefusal::Payload)?.to_owned();
    let kind = TencentEventKind::from_name(&name);
    let id = envelope
        .trace_id
        .text()
        .or_else(|| envelope.unique_sequence.text())
        .unwrap_or_else(|| hex(&Sha1::digest(data.as_bytes())));
    let first = envelope.payload.as_ref().and_then(|p| p.first());
    let meeting = first.and_then(|p| p.meeting_info.as_ref());
    let participant = if kind.is_participant_event() {
        let person = first.and_then(|p| match kind {
            TencentEventKind::ParticipantRoleChanged => p.to_operator.as_ref().or(p.operator.as_ref()),
            _ => p.operator.as_ref(),
        });
        person.and_then(|o| {
            let id = o.ms_open_id.text()?;
            let code = o.instance_id.0.as_deref()?.trim().parse::<i64>().ok()?;
            let instance = Instance::from_code(code, "instance_id").ok()?;
            Some(TencentUser::ms_open_id(id, instance))
        })
    } else {
        None
    };
    let time_ms = first
        .and_then(|p| p.operate_time.0.as_deref())
        .and_then(|t| t.trim().parse::<i64>().ok().or_else(|| beijing_ms(t)));
    Ok(TencentEvent {
        name,
        kind,
        id,
        time_ms,
        meeting_id: meeting.and_then(|m| m.meeting_id.text()),
        meeting_code: meeting.and_then(|m| m.meeting_code.text()),
        occurrence: meeting.and_then(|m| m.sub_meeting_id.text()),
        participant,
        raw_json: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;

    /// The worked example of "签名校验" (cloud.tencent.com/document/product/1095/51612): its token
    /// (masked in the list, whole in the joined string), timestamp, nonce and data (a
    /// `meeting.created` event, base64 without padding), and the signature the page computes.
    const PAGE_TOKEN: &str = "bVPU6F8Htxl5XkAbp3jGV2xWp";
    const PAGE_TIMESTAMP: &str = "1609239040864";
    const PAGE_NONCE: &str = "14964161";
    const PAGE_DATA: &str = "eyJldmVudCI6Im1lZXRpbmcuY3JlYXRlZCIsInVuaXF1ZV9zZXF1ZW5jZSI6ImYyMDA5NmVlLThhYzgtNGRmMi1hN2RlLTA1NzQ2NDlmMjExYiIsInBheWxvYWQiOlt7Im9wZXJhdGVfdGltZSI6IjIwMjAtMTItMjkgMTc6NDE6MDYiLCJvcGVyYXRvciI6eyJ1c2VyaWQiOiJ0ZXN0ZXIwMDAwNmJhNWJhYjMzOTg1OGMxM2M5MzBjY2E5NTY4NCJ9LCJtZWV0aW5nX2luZm8iOnsibWVldGluZ19pZCI6IjYwNTg4OTAzODU0ODA5MjEwNTIiLCJtZWV0aW5nX2NvZGUiOiI1MzA4MTI0NTIiLCJzdWJqZWN0IjoibWVkaWEgdGVzdGVyIG1lZXRpbmciLCJjcmVhdG9yX2lkIjoidGVzdGVyMDAwMDZiYTViYWIzMzk4NThjMTNjOTMwY2NhOTU2ODQiLCJob3N0cyI6WyJ0ZXN0ZXIwMDAwNmJhNWJhYjMzOTg1OGMxM2M5MzBjY2E5NTY4NCJdLCJtZWV0aW5nX3R5cGUiOjAsInN0YXJ0X3RpbWUiOiIyMDIwLTEyLTI5IDE3OjQxOjA0IiwiZW5kX3RpbWUiOiIyMDIwLTEyLTI5IDE4OjAxOjA0In19XX0";
    const PAGE_SIGNATURE: &str = "b11e507817336a91d7df0c8536ee2aca18bbbae8";

    fn page_webhook() -> TencentWebhook {
        // The page's timestamp is 2020-12-29 (ms); the clock is set to it.
        TencentWebhook::new(PAGE_TOKEN, None).unwrap().clock(Arc::new(ManualClock::new(1_609_239_040_864)))
    }

    fn post<'a>(body: &'a [u8], headers: &'a [(&'a str, &'a str)]) -> WebhookRequest<'a> {
        WebhookRequest { method: "POST", target: "/hook", headers, body }
    }

    #[test]
    fn the_vendors_worked_example_verifies_and_decodes() {
        assert_eq!(signature_hex(PAGE_TOKEN, PAGE_TIMESTAMP, PAGE_NONCE, PAGE_DATA), PAGE_SIGNATURE);
        let body = format!("{{\"data\":\"{PAGE_DATA}\"}}");
        let headers = [("timestamp", PAGE_TIMESTAMP), ("Nonce", PAGE_NONCE), ("SIGNATURE", PAGE_SIGNATURE)];
        let answer = page_webhook().handle(&post(body.as_bytes(), &headers));
        assert_eq!((answer.status, answer.body.as_slice()), (200, ACKNOWLEDGED), "{answer:?}");
        let event = answer.event.unwrap();
        assert_eq!((event.name.as_str(), event.kind), ("meeting.created", TencentEventKind::MeetingCreated));
        assert_eq!(event.id, "f20096ee-8ac8-4df2-a7de-0574649f211b");
        assert_eq!(event.meeting_id.as_deref(), Some("6058890385480921052"));
        assert_eq!(event.meeting_code.as_deref(), Some("530812452"));
        // "2020-12-29 17:41:06" Beijing time: `date -u -d '2020-12-29 09:41:06' +%s` = 1609234866.
        assert_eq!(event.time_ms, Some(1_609_234_866_000));
    }

    #[test]
    fn a_second_delivery_is_acknowledged_not_delivered() {
        let webhook = page_webhook();
        let body = format!("{{\"data\":\"{PAGE_DATA}\"}}");
        let headers = [("timestamp", PAGE_TIMESTAMP), ("nonce", PAGE_NONCE), ("signature", PAGE_SIGNATURE)];
        assert!(webhook.handle(&post(body.as_bytes(), &headers)).event.is_some());
        let again = webhook.clone().handle(&post(body.as_bytes(), &headers));
        assert_eq!((again.status, again.duplicate, again.event), (200, true, None));
    }

    #[test]
    fn a_copy_configured_after_sharing_still_knows_the_ids_seen() {
        let webhook = page_webhook();
        let shared = webhook.clone();
        let body = format!("{{\"data\":\"{PAGE_DATA}\"}}");
        let headers = [("timestamp", PAGE_TIMESTAMP), ("nonce", PAGE_NONCE), ("signature", PAGE_SIGNATURE)];
        assert!(webhook.handle(&post(body.as_bytes(), &headers)).event.is_some());
        // Re-configured while a clone is alive (a running receiver holds one): not a fresh record.
        let reconfigured = shared.max_age(None).max_body(2 * MAX_BODY_BYTES);
        assert!(reconfigured.handle(&post(body.as_bytes(), &headers)).duplicate);
    }

    #[test]
    fn refusals_say_nothing_to_the_sender() {
        let webhook = page_webhook();
        let body = format!("{{\"data\":\"{PAGE_DATA}\"}}");
        let wrong = [
            ("timestamp", PAGE_TIMESTAMP),
            ("nonce", PAGE_NONCE),
            ("signature", "0000000000000000000000000000000000000000"),
        ];
        let cases: [(WebhookRequest<'_>, WebhookRefusal); 5] = [
            (post(body.as_bytes(), &wrong), WebhookRefusal::Signature),
            (post(body.as_bytes(), &[("timestamp", PAGE_TIMESTAMP)]), WebhookRefusal::Missing("nonce")),
            (post(b"not json", &wrong), WebhookRefusal::Encoding),
            (
                WebhookRequest { method: "PUT", target: "/", headers: &wrong, body: b"" },
                WebhookRefusal::Method,
            ),
            (post(&[b' '; MAX_BODY_BYTES + 1], &wrong), WebhookRefusal::TooLarge),
        ];
        for (request, why) in cases {
            let answer = webhook.handle(&request);
            assert_eq!((answer.refusal, answer.body.as_slice(), answer.event), (Some(why), REFUSED, None));
            assert!((400..500).contains(&answer.status));
        }
        // Another token: the signature no longer matches.
        let other = TencentWebhook::new("anotherTokenOf25Characters", None).unwrap();
        let headers = [("timestamp", PAGE_TIMESTAMP), ("nonce", PAGE_NONCE), ("signature", PAGE_SIGNATURE)];
        assert_eq!(other.handle(&post(body.as_bytes(), &headers)).refusal, Some(WebhookRefusal::Signature));
        // Stale: the page's delivery read six minutes later.
        let later = page_webhook().clock(Arc::new(ManualClock::new(1_609_239_040_864 + 360_000)));
        assert_eq!(later.handle(&post(body.as_bytes(), &headers)).refusal, Some(WebhookRefusal::Stale));
        let unchecked = later.max_age(None);
        assert_eq!(unchecked.handle(&post(body.as_bytes(), &headers)).status, 200);
    }

    #[test]
    fn the_url_check_answers_the_plaintext_only() {
        let plain = "a check string";
        let check = BASE64.encode(plain);
        let target = format!(
            "https://example.com/hook?x=1&check_str={}",
            check.replace('=', "%3D").replace('+', "%2B")
        );
        let sig = signature_hex(PAGE_TOKEN, PAGE_TIMESTAMP, PAGE_NONCE, &check);
        let headers = [("timestamp", PAGE_TIMESTAMP), ("nonce", PAGE_NONCE), ("signature", sig.as_str())];
        let answer = page_webhook().handle(&WebhookRequest {
            method: "GET",
            target: &target,
            headers: &headers,
            body: b"",
        });
        assert_eq!((answer.status, answer.body.as_slice(), answer.event), (200, plain.as_bytes(), None));
    }

    #[test]
    fn encrypted_data_decrypts_and_a_wrong_key_is_refused() {
        use aes::cipher::{BlockEncryptMut, KeyIvInit, block_padding::Pkcs7};
        // A key made for this test (no vendor vector with a key is published).
        let encoding_key = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
        let key = aes_key_bytes(&Secret::new(encoding_key)).unwrap();
        let plain = br#"{"event":"meeting.participant-joined","trace_id":"t-1","payload":[{"operate_time":1609239040864,"operator":{"ms_open_id":"ms-1","instance_id":"2"},"meeting_info":{"meeting_id":"m1","meeting_code":"806724161","sub_meeting_id":"s9"}}]}"#;
        let encryptor = cbc::Encryptor::<aes::Aes256>::new((&*key).into(), key[..16].into());
        let data = BASE64.encode(encryptor.encrypt_padded_vec_mut::<Pkcs7>(plain));
        let sig = signature_hex(PAGE_TOKEN, PAGE_TIMESTAMP, PAGE_NONCE, &data);
        let headers = [("timestamp", PAGE_TIMESTAMP), ("nonce", PAGE_NONCE), ("signature", sig.as_str())];
        let body = format!("{{\"data\":\"{data}\"}}");
        let webhook = page_webhook()
            .with(|i| i.aes_key = Some(AesKey(aes_key_bytes(&Secret::new(encoding_key)).unwrap())));
        let event = webhook.handle(&post(body.as_bytes(), &headers)).event.unwrap();
        assert_eq!(event.kind, TencentEventKind::ParticipantJoined);
        assert_eq!(event.participant, Some(TencentUser::ms_open_id("ms-1", Instance::Mac)));
        assert_eq!(event.occurrence.as_deref(), Some("s9"));
        let wrong_key = aes_key_bytes(&Secret::new("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq")).unwrap();
        let wrong = page_webhook().with(|i| i.aes_key = Some(AesKey(wrong_key)));
        let answer = wrong.handle(&post(body.as_bytes(), &headers));
        assert!(
            matches!(answer.refusal, Some(WebhookRefusal::Decrypt | WebhookRefusal::Payload)),
            "{answer:?}"
        );
        assert_eq!(decrypt(&AesKey(key), vec![0u8; 15]), None, "not a whole block");
    }

    #[test]
    fn bad_configuration_is_refused_naming_the_field() {
        assert_eq!(TencentWebhook::new("", None).unwrap_err().field(), Some("token"));
        assert_eq!(TencentWebhook::new("tok en", None).unwrap_err().field(), Some("token"));
        assert_eq!(
            TencentWebhook::new("t", Some(Secret::new("short"))).unwrap_err().field(),
            Some("aes_key")
        );
        let shown = format!("{:?}", TencentWebhook::new("secrettoken1", None).unwrap());
        assert!(!shown.contains("secrettoken1"), "{shown}");
    }

    #[test]
    fn a_key_whose_last_character_sets_the_unused_bits_is_accepted() {
        // "…Q" ends in 0b010000: its low 2 bits (unused) are 0; "…R" sets one. Both are keys the
        // console may give; a strict base64 decoder refused the second.
        for key in
            ["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPR"]
        {
            assert!(TencentWebhook::new("token", Some(Secret::new(key))).is_ok(), "{key}");
        }
    }

    #[test]
    fn a_role_change_is_about_the_one_whose_role_changed() {
        let plain = br#"{"event":"meeting.participant-role-changed","trace_id":"r1","payload":[{"operator":{"ms_open_id":"host","instance_id":"4"},"to_operator":{"ms_open_id":"bob","instance_id":"2","user_role":6},"meeting_info":{"meeting_id":"m"}}]}"#;
        let event = event(plain.to_vec(), "").unwrap();
        assert_eq!(event.participant, Some(TencentUser::ms_open_id("bob", Instance::Mac)));
        let joined = br#"{"event":"meeting.participant-joined","trace_id":"j1","payload":[{"operator":{"ms_open_id":"zoe","instance_id":1}}]}"#;
        assert_eq!(event_participant(joined), Some(TencentUser::ms_open_id("zoe", Instance::Pc)));
    }

    fn event_participant(plain: &[u8]) -> Option<TencentUser> {
        event(plain.to_vec(), "").unwrap().participant
    }

    #[test]
    fn timestamps_in_seconds_or_milliseconds() {
        assert_eq!(timestamp_ms("1609239040"), Some(1_609_239_040_000));
        assert_eq!(timestamp_ms("1609239040864"), Some(1_609_239_040_864));
        assert_eq!(timestamp_ms("x"), None);
    }
}
