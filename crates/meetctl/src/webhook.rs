//! What every vendor's webhook verifier shares: the request as the app's server received it, the
//! answer to give, why a request was refused, the record of event ids seen, and the small helpers
//! (lower-case hex, a constant-time comparison, lenient JSON leaves). Tencent's verifier is
//! [`crate::tencent::webhook`], Huawei's [`crate::huawei::webhook`]; the ready receiver serving
//! either is `crate::receiver` (feature `receiver`).

use std::borrow::Cow;
use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::time::Duration;

/// How many event ids are remembered to answer a repeated delivery without delivering it again.
pub const SEEN_IDS: usize = 10_000;
/// The largest body accepted by default (1 MiB); a larger one is refused with 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The default largest age of a delivery.
pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(300);
/// What every refusal is answered with: the reason goes to the log and to
/// [`WebhookAnswer::refusal`], never to the sender.
pub const REFUSED: &[u8] = b"refused";

/// One request as the app's own HTTP server received it.
#[derive(Debug, Clone, Copy)]
pub struct WebhookRequest<'a> {
    /// `GET` (Tencent's URL check) or `POST` (an event).
    pub method: &'a str,
    /// The request target: a whole URL, a path with its query (`/hook?check_str=…`) or the query
    /// alone.
    pub target: &'a str,
    /// The headers, names in any case (Tencent reads `timestamp`, `nonce` and `signature`;
    /// Huawei reads none).
    pub headers: &'a [(&'a str, &'a str)],
    /// The body bytes.
    pub body: &'a [u8],
}

/// Why a request was refused (the sender only ever sees [`REFUSED`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookRefusal {
    /// Not a method the vendor sends (Tencent: `GET` or `POST`; Huawei: `POST`).
    Method,
    /// A field the vendor always sends is missing or empty (its name is given).
    Missing(&'static str),
    /// The signature does not match this subscription's token or key.
    Signature,
    /// The timestamp is unreadable or further from now than `max_age`.
    Stale,
    /// The body is larger than the cap.
    TooLarge,
    /// The body is not the vendor's JSON, or `data` / `check_str` is not base64.
    Encoding,
    /// The data does not decrypt with this EncodingAESKey (length, padding).
    Decrypt,
    /// The decoded event is not the vendor's JSON envelope.
    Payload,
    /// The delivery names another app (Huawei's `appID` is not this subscriber's id).
    App,
}

impl WebhookRefusal {
    /// One line on why, for the log.
    pub fn description(self) -> String {
        match self {
            WebhookRefusal::Method => "the method is not one the vendor sends".into(),
            WebhookRefusal::Missing(what) => format!("{what} is missing"),
            WebhookRefusal::Signature => "the signature does not match the token".into(),
            WebhookRefusal::Stale => "the timestamp is unreadable or older than max_age".into(),
            WebhookRefusal::TooLarge => "the body is larger than the cap".into(),
            WebhookRefusal::Encoding => {
                "the body is not the vendor's JSON ({\"data\": base64}), or the base64 is bad".into()
            }
            WebhookRefusal::Decrypt => "the data does not decrypt with the EncodingAESKey".into(),
            WebhookRefusal::Payload => "the decoded event is not a JSON envelope with an event name".into(),
            WebhookRefusal::App => "the appID is not this subscriber's".into(),
        }
    }

    /// The HTTP status a refusal is answered with.
    pub fn status(self) -> u16 {
        match self {
            WebhookRefusal::Method => 405,
            WebhookRefusal::TooLarge => 413,
            WebhookRefusal::Signature | WebhookRefusal::Stale | WebhookRefusal::App => 401,
            _ => 400,
        }
    }
}

impl fmt::Display for WebhookRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.description())
    }
}

/// What to answer, and the event (of type `E`, the vendor's) to deliver.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookAnswer<E> {
    /// The HTTP status to answer with.
    pub status: u16,
    /// The body to answer with (Tencent's URL check's plaintext or acknowledgement, Huawei's
    /// verify answer or nothing; [`REFUSED`]).
    pub body: Vec<u8>,
    /// The event to deliver: `None` for a URL check or verify handshake, a duplicate and a refusal.
    pub event: Option<E>,
    /// Whether this was a repeated delivery of an event already delivered.
    pub duplicate: bool,
    /// Why it was refused, when it was.
    pub refusal: Option<WebhookRefusal>,
}

impl<E> WebhookAnswer<E> {
    /// The refusal `why`, logged with the vendor's name.
    pub(crate) fn refused(vendor: &str, why: WebhookRefusal) -> WebhookAnswer<E> {
        log::warn!("{vendor} webhook refused: {why}");
        WebhookAnswer {
            status: why.status(),
            body: REFUSED.to_vec(),
            event: None,
            duplicate: false,
            refusal: Some(why),
        }
    }
}

/// The event ids seen last, at most [`SEEN_IDS`].
#[derive(Default)]
pub(crate) struct SeenIds {
    order: VecDeque<String>,
    set: HashSet<String>,
}

impl SeenIds {
    /// Forgets `id` (an event that could not be queued: its retry must be delivered).
    pub(crate) fn forget(&mut self, id: &str) {
        if self.set.remove(id) {
            self.order.retain(|seen| seen != id);
        }
    }

    /// Remembers `id`; whether it was seen before.
    pub(crate) fn seen_before(&mut self, id: &str) -> bool {
        if self.set.contains(id) {
            return true;
        }
        if self.order.len() == SEEN_IDS {
            if let Some(oldest) = self.order.pop_front() {
                self.set.remove(&oldest);
            }
        }
        self.order.push_back(id.to_owned());
        self.set.insert(id.to_owned());
        false
    }
}

/// Lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// Whether `expected` (lower-case hex) equals `given` in any case, in time that depends only on
/// the length.
pub(crate) fn constant_time_eq_ignoring_case(expected: &[u8], given: &[u8]) -> bool {
    expected.len() == given.len()
        && expected.iter().zip(given).fold(0u8, |acc, (x, y)| acc | (x ^ y.to_ascii_lowercase())) == 0
}

/// Unix milliseconds of a timestamp in seconds or milliseconds.
pub(crate) fn timestamp_ms(text: &str) -> Option<i64> {
    let value: i64 = text.trim().parse().ok()?;
    // Before 1973 in milliseconds is after 5138 in seconds: a value this large is milliseconds.
    Some(if value >= 100_000_000_000 { value } else { value.saturating_mul(1000) })
}

/// Whether a delivery sent at `timestamp` (seconds or milliseconds) is within `max_age` of `now_ms`.
pub(crate) fn fresh(timestamp: &str, now_ms: i64, max_age: Option<Duration>) -> bool {
    let Some(max_age) = max_age else { return true };
    let Some(sent_ms) = timestamp_ms(timestamp) else { return false };
    u128::from(now_ms.saturating_sub(sent_ms).unsigned_abs()) <= max_age.as_millis()
}

/// A JSON leaf read leniently: text or a number (kept as text), anything else ignored.
#[derive(Default)]
pub(crate) struct Leaf<'a>(pub(crate) Option<Cow<'a, str>>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for Leaf<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Leaf<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Leaf<'de>, E> {
                Ok(Leaf(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Leaf<'de>, E> {
                Ok(Leaf(Some(Cow::Owned(v.to_owned()))))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Leaf<'de>, E> {
                Ok(Leaf(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Leaf<'de>, E> {
                Ok(Leaf(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Leaf<'de>, E> {
                Ok(Leaf(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Leaf<'de>, E> {
                Ok(Leaf(None))
            }
            fn visit_unit<E>(self) -> Result<Leaf<'de>, E> {
                Ok(Leaf(None))
            }
            fn visit_none<E>(self) -> Result<Leaf<'de>, E> {
                Ok(Leaf(None))
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Leaf<'de>, D::Error> {
                <Leaf<'de> as serde::Deserialize<'de>>::deserialize(d)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Leaf<'de>, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Leaf(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Leaf<'de>, A::Error> {
                while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
                Ok(Leaf(None))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

impl Leaf<'_> {
    /// The text, when not empty, bounded and escaped as a vendor's display text is.
    pub(crate) fn text(&self) -> Option<String> {
        self.0.as_deref().filter(|t| !t.is_empty()).map(crate::error::vendor_text)
    }

    /// The raw text, when not empty.
    pub(crate) fn raw(&self) -> Option<&str> {
        self.0.as_deref().filter(|t| !t.is_empty())
    }

    /// The integer it holds (a number, or text of one).
    pub(crate) fn int(&self) -> Option<i64> {
        self.0.as_deref()?.trim().parse().ok()
    }
}
