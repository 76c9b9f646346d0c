//! Injected faults: what they are and the queue that hands them to matching requests.

use std::collections::VecDeque;

use serde::{Deserialize, Deserializer, Serialize};

/// A fault to apply to upcoming requests.
///
/// JSON form (for `POST /_emulator/faults`): the kind's fields plus `kind`, and optionally
/// `path_prefix`, `times`, `probability` and `seed`, e.g.
/// `{"kind":"status","status":503,"path_prefix":"/v1/mmc","times":2}` or
/// `{"kind":"reset","probability":0.05,"seed":7}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FaultRepr", into = "FaultRepr")]
pub struct Fault {
    /// What happens to a matching request.
    pub kind: FaultKind,
    /// Only requests whose raw path starts with this match; `None` matches every non-admin path.
    pub path_prefix: Option<String>,
    /// How many matching requests the fault applies to (default 1; [`UNLIMITED`] until cleared,
    /// the default for a probabilistic fault).
    pub times: u32,
    /// For a probabilistic fault: how likely it is to apply to each matching request.
    pub chance: Option<Chance>,
}

/// A [`Fault::times`] that never runs out: the fault applies until the queue is cleared.
pub const UNLIMITED: u32 = u32::MAX;

/// How likely a probabilistic fault is to apply to a matching request, and the seed of its
/// draws: the n-th matching request a fault sees gets the n-th draw of its seeded sequence, so a
/// run with the same requests in the same order meets the same faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chance {
    /// Parts per million of matching requests the fault applies to (0 to 1,000,000).
    pub per_million: u32,
    /// Seeds the sequence of draws.
    pub seed: u64,
}

impl Chance {
    /// `probability` (clamped to 0..=1; NaN is 0) with `seed`.
    pub fn new(probability: f64, seed: u64) -> Chance {
        let p = if probability.is_nan() { 0.0 } else { probability.clamp(0.0, 1.0) };
        // In range by the clamp above.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let per_million = (p * 1_000_000.0).round() as u32;
        Chance { per_million, seed }
    }

    /// The probability as a fraction.
    pub fn probability(&self) -> f64 {
        f64::from(self.per_million) / 1_000_000.0
    }

    /// Whether draw number `n` hits.
    fn hits(&self, n: u64) -> bool {
        splitmix64(self.seed.wrapping_add(n.wrapping_mul(0x9E37_79B9_7F4A_7C15))) % 1_000_000
            < u64::from(self.per_million)
    }
}

/// SplitMix64's output function: a well-mixed 64-bit value from any input.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// What a fault does to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FaultKind {
    /// Sleep, then process the request normally.
    Delay {
        /// How long to sleep.
        ms: u64,
    },
    /// Process the request normally, then send the response body slowly: `chunk_bytes` bytes
    /// at a time with `interval_ms` between chunks (headers and the first chunk at once).
    Trickle {
        /// Bytes per chunk (default 1; 0 is taken as 1).
        #[serde(default = "one")]
        chunk_bytes: u32,
        /// Pause between chunks in milliseconds (default 50).
        #[serde(default = "fifty")]
        interval_ms: u64,
    },
    /// Answer with this status and, by default, the vendor's error body for it.
    Status {
        /// The HTTP status (an invalid one is answered as 500).
        status: u16,
        /// A raw body to send instead of the vendor error body.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<String>,
    },
    /// Answer 429 with `Retry-After` and the vendor's flow-control error.
    RateLimit {
        /// Seconds for the `Retry-After` header (default 1).
        #[serde(default = "one_u64")]
        retry_after: u64,
    },
    /// Drop the connection without answering (with SO_LINGER 0, so the client sees a reset) as
    /// soon as the request head is parsed: the body is not read and nothing is processed.
    Reset,
    /// Read the whole request and process it (its effects happen), then drop the connection
    /// with SO_LINGER 0 instead of answering: the answer is lost, the change is not.
    ResetAfterRequest,
    /// Reset a newly accepted connection before reading a byte of it. Matched against the first
    /// request line, peeked at without reading it; requests on an already open (kept-alive)
    /// connection never meet this fault.
    ResetOnAccept,
    /// Answer with a truncated JSON body (`{"error_info": `) and `Content-Type: application/json`.
    Malformed {
        /// The status to send it with (default 200).
        #[serde(default = "ok_status")]
        status: u16,
    },
    /// Answer with a body of exactly `bytes` bytes: a valid JSON object (`{"pad":"xx…"}`) when
    /// `bytes` is at least 10, `x`s otherwise; generated as it is sent, never held in memory.
    Oversized {
        /// The body's size.
        bytes: u64,
        /// The status (default 200).
        #[serde(default = "ok_status")]
        status: u16,
        /// Send it chunked, with no `Content-Length` (default false: the length is declared).
        #[serde(default)]
        chunked: bool,
    },
    /// Answer with a body that is not JSON, labelled with another content type (by default an
    /// HTML error page as `text/html`, the way a proxy or gateway answers).
    WrongContentType {
        /// The status (default 200).
        #[serde(default = "ok_status")]
        status: u16,
        /// The `Content-Type` (default `text/html; charset=utf-8`).
        #[serde(default = "html")]
        content_type: String,
        /// The body (default a small HTML page naming the status).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<String>,
    },
    /// Answer with a redirect to another host.
    Redirect {
        /// The status (default 302).
        #[serde(default = "found")]
        status: u16,
        /// The `Location` (default `http://127.0.0.2:1` followed by the request's path and query:
        /// another loopback host, where nothing listens).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        location: Option<String>,
    },
}

impl FaultKind {
    /// The kind's name as in JSON (`"reset_after_request"`).
    pub fn name(&self) -> &'static str {
        match self {
            FaultKind::Delay { .. } => "delay",
            FaultKind::Trickle { .. } => "trickle",
            FaultKind::Status { .. } => "status",
            FaultKind::RateLimit { .. } => "rate_limit",
            FaultKind::Reset => "reset",
            FaultKind::ResetAfterRequest => "reset_after_request",
            FaultKind::ResetOnAccept => "reset_on_accept",
            FaultKind::Malformed { .. } => "malformed",
            FaultKind::Oversized { .. } => "oversized",
            FaultKind::WrongContentType { .. } => "wrong_content_type",
            FaultKind::Redirect { .. } => "redirect",
        }
    }

    /// When the fault is looked up: on accepting a connection, or on each request.
    fn stage(&self) -> Stage {
        match self {
            FaultKind::ResetOnAccept => Stage::Accept,
            _ => Stage::Request,
        }
    }
}

/// Where in the life of a connection a fault is looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// A connection was just accepted (its first request line peeked at).
    Accept,
    /// A request's head was parsed.
    Request,
}

impl Fault {
    /// A fault of this kind, matching any path, once.
    pub fn new(kind: FaultKind) -> Fault {
        Fault { kind, path_prefix: None, times: 1, chance: None }
    }

    /// A fault applying to each matching request with `probability` (draws seeded by `seed`),
    /// until the queue is cleared (or [`times`](Fault::times) applications).
    pub fn random(kind: FaultKind, probability: f64, seed: u64) -> Fault {
        Fault::new(kind).with_probability(probability, seed)
    }

    /// Sleep `ms` milliseconds before processing the request.
    pub fn delay(ms: u64) -> Fault {
        Fault::new(FaultKind::Delay { ms })
    }

    /// Send the response body `chunk_bytes` bytes at a time, `interval_ms` apart.
    pub fn trickle(chunk_bytes: u32, interval_ms: u64) -> Fault {
        Fault::new(FaultKind::Trickle { chunk_bytes, interval_ms })
    }

    /// Answer with `status` and the vendor's error body.
    pub fn status(status: u16) -> Fault {
        Fault::new(FaultKind::Status { status, body: None })
    }

    /// Answer 429 with `Retry-After: retry_after`.
    pub fn rate_limit(retry_after: u64) -> Fault {
        Fault::new(FaultKind::RateLimit { retry_after })
    }

    /// Drop the connection without a response, before the request is read or processed.
    pub fn reset() -> Fault {
        Fault::new(FaultKind::Reset)
    }

    /// Process the request, then drop the connection without a response.
    pub fn reset_after_request() -> Fault {
        Fault::new(FaultKind::ResetAfterRequest)
    }

    /// Reset the next new connection (whose first request matches) before reading from it.
    pub fn reset_on_accept() -> Fault {
        Fault::new(FaultKind::ResetOnAccept)
    }

    /// Answer 200 with a truncated JSON body.
    pub fn malformed() -> Fault {
        Fault::new(FaultKind::Malformed { status: 200 })
    }

    /// Answer 200 with a body of `bytes` bytes, its length declared.
    pub fn oversized(bytes: u64) -> Fault {
        Fault::new(FaultKind::Oversized { bytes, status: 200, chunked: false })
    }

    /// Answer `status` with an HTML page as `text/html`.
    pub fn wrong_content_type(status: u16) -> Fault {
        Fault::new(FaultKind::WrongContentType { status, content_type: html(), body: None })
    }

    /// Answer `status` (a 3xx) with `Location: http://127.0.0.2:1/<the request's path and query>`.
    pub fn redirect(status: u16) -> Fault {
        Fault::new(FaultKind::Redirect { status, location: None })
    }

    /// Restricts the fault to paths starting with `prefix`.
    pub fn on_path(mut self, prefix: impl Into<String>) -> Fault {
        self.path_prefix = Some(prefix.into());
        self
    }

    /// Applies the fault to `n` matching requests instead of one ([`UNLIMITED`]: until cleared).
    pub fn times(mut self, n: u32) -> Fault {
        self.times = n;
        self
    }

    /// Makes the fault probabilistic: each matching request meets it with `probability` (clamped
    /// to 0..=1), draws seeded by `seed`; it then applies until cleared unless `times` says less.
    pub fn with_probability(mut self, probability: f64, seed: u64) -> Fault {
        self.chance = Some(Chance::new(probability, seed));
        self.times = UNLIMITED;
        self
    }

    fn matches(&self, path: &str) -> bool {
        self.path_prefix.as_deref().is_none_or(|prefix| path.starts_with(prefix))
    }
}

/// The JSON shape of a [`Fault`].
#[derive(Serialize, Deserialize)]
struct FaultRepr {
    #[serde(flatten)]
    kind: FaultKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path_prefix: Option<String>,
    /// Absent: the default; `null`: unlimited.
    #[serde(default, deserialize_with = "present")]
    times: Option<Option<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    probability: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
}

/// A field that is present, possibly `null`.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<u32>>, D::Error> {
    Option::<u32>::deserialize(d).map(Some)
}

impl TryFrom<FaultRepr> for Fault {
    type Error = String;

    fn try_from(repr: FaultRepr) -> Result<Fault, String> {
        let chance = match (repr.probability, repr.seed) {
            (Some(p), seed) if (0.0..=1.0).contains(&p) => Some(Chance::new(p, seed.unwrap_or(0))),
            (Some(p), _) => return Err(format!("probability must be from 0 to 1, not {p}")),
            (None, Some(_)) => return Err("seed is only meaningful with probability".into()),
            (None, None) => None,
        };
        let times = match repr.times {
            None if chance.is_some() => UNLIMITED,
            None => 1,
            Some(None) => UNLIMITED,
            Some(Some(n)) => n,
        };
        Ok(Fault { kind: repr.kind, path_prefix: repr.path_prefix, times, chance })
    }
}

impl From<Fault> for FaultRepr {
    fn from(fault: Fault) -> FaultRepr {
        FaultRepr {
            kind: fault.kind,
            path_prefix: fault.path_prefix,
            times: Some((fault.times != UNLIMITED).then_some(fault.times)),
            probability: fault.chance.map(|c| c.probability()),
            seed: fault.chance.map(|c| c.seed),
        }
    }
}

/// A queued fault and how many draws it has made.
#[derive(Debug)]
struct Queued {
    fault: Fault,
    draws: u64,
}

/// Queued faults, first-in first-out.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    faults: VecDeque<Queued>,
}

impl FaultQueue {
    /// Queues a fault (one with `times == 0` is dropped).
    pub(crate) fn push(&mut self, fault: Fault) {
        if fault.times > 0 {
            self.faults.push_back(Queued { fault, draws: 0 });
        }
    }

    /// Removes every queued fault.
    pub(crate) fn clear(&mut self) {
        self.faults.clear();
    }

    /// The faults still queued.
    pub(crate) fn pending(&self) -> impl Iterator<Item = &Fault> {
        self.faults.iter().map(|q| &q.fault)
    }

    /// Whether a fault looked up at `stage` is queued.
    pub(crate) fn has(&self, stage: Stage) -> bool {
        self.faults.iter().any(|q| q.fault.kind.stage() == stage)
    }

    /// Takes one use of the first fault of `stage` matching `path`, if any. A probabilistic
    /// fault draws; when the draw misses, the next matching fault is considered.
    pub(crate) fn take(&mut self, stage: Stage, path: &str) -> Option<FaultKind> {
        let mut chosen = None;
        for (index, queued) in self.faults.iter_mut().enumerate() {
            if queued.fault.kind.stage() != stage || !queued.fault.matches(path) {
                continue;
            }
            if let Some(chance) = queued.fault.chance {
                let n = queued.draws;
                queued.draws = queued.draws.wrapping_add(1);
                if !chance.hits(n) {
                    continue;
                }
            }
            chosen = Some(index);
            break;
        }
        let index = chosen?;
        let fault = &mut self.faults.get_mut(index)?.fault;
        let kind = fault.kind.clone();
        if fault.times != UNLIMITED {
            fault.times = fault.times.saturating_sub(1);
            if fault.times == 0 {
                self.faults.remove(index);
            }
        }
        Some(kind)
    }
}

fn one() -> u32 {
    1
}

fn one_u64() -> u64 {
    1
}

fn fifty() -> u64 {
    50
}

fn ok_status() -> u16 {
    200
}

fn found() -> u16 {
    302
}

fn html() -> String {
    "text/html; charset=utf-8".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Fault {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    #[test]
    fn parses_every_kind() {
        assert_eq!(parse(r#"{"kind":"delay","ms":200}"#), Fault::delay(200));
        assert_eq!(
            parse(r#"{"kind":"status","status":503,"path_prefix":"/v1/mmc","times":2}"#),
            Fault::status(503).on_path("/v1/mmc").times(2)
        );
        assert_eq!(parse(r#"{"kind":"rate_limit","retry_after":3}"#), Fault::rate_limit(3));
        assert_eq!(parse(r#"{"kind":"reset"}"#), Fault::reset());
        assert_eq!(parse(r#"{"kind":"reset_after_request"}"#), Fault::reset_after_request());
        assert_eq!(parse(r#"{"kind":"reset_on_accept"}"#), Fault::reset_on_accept());
        assert_eq!(parse(r#"{"kind":"malformed"}"#), Fault::malformed());
        assert_eq!(parse(r#"{"kind":"trickle"}"#), Fault::trickle(1, 50));
        assert_eq!(parse(r#"{"kind":"trickle","chunk_bytes":4,"interval_ms":9}"#), Fault::trickle(4, 9));
        assert_eq!(parse(r#"{"kind":"oversized","bytes":5000}"#), Fault::oversized(5000));
        assert_eq!(
            parse(r#"{"kind":"oversized","bytes":5,"status":503,"chunked":true}"#),
            Fault::new(FaultKind::Oversized { bytes: 5, status: 503, chunked: true })
        );
        assert_eq!(parse(r#"{"kind":"wrong_content_type"}"#), Fault::wrong_content_type(200));
        assert_eq!(
            parse(r#"{"kind":"wrong_content_type","status":502,"content_type":"text/plain","body":"no"}"#),
            Fault::new(FaultKind::WrongContentType {
                status: 502,
                content_type: "text/plain".into(),
                body: Some("no".into())
            })
        );
        assert_eq!(parse(r#"{"kind":"redirect"}"#), Fault::redirect(302));
        assert_eq!(
            parse(r#"{"kind":"redirect","status":307,"location":"http://127.0.0.2:9/x"}"#),
            Fault::new(FaultKind::Redirect { status: 307, location: Some("http://127.0.0.2:9/x".into()) })
        );
        assert!(serde_json::from_str::<Fault>(r#"{"kind":"explode"}"#).is_err());
        assert!(serde_json::from_str::<Fault>(r#"{"kind":"delay"}"#).is_err());
        assert!(serde_json::from_str::<Fault>(r#"{"kind":"oversized"}"#).is_err());
    }

    #[test]
    fn probabilistic_and_unlimited_faults_in_json() {
        let f = parse(r#"{"kind":"reset","probability":0.05,"seed":7}"#);
        assert_eq!(f, Fault::random(FaultKind::Reset, 0.05, 7));
        assert_eq!((f.times, f.chance.map(|c| c.per_million)), (UNLIMITED, Some(50_000)));
        let f = parse(r#"{"kind":"reset","probability":0.5,"times":3}"#);
        assert_eq!((f.times, f.chance.map(|c| c.seed)), (3, Some(0)));
        assert_eq!(parse(r#"{"kind":"reset","times":null}"#).times, UNLIMITED);
        for bad in [
            r#"{"kind":"reset","probability":1.5}"#,
            r#"{"kind":"reset","probability":-0.1}"#,
            r#"{"kind":"reset","seed":1}"#,
            r#"{"kind":"reset","probability":"x"}"#,
        ] {
            assert!(serde_json::from_str::<Fault>(bad).is_err(), "{bad}");
        }
        // What the state shows reads back the same.
        for fault in [
            Fault::random(FaultKind::Reset, 0.25, 9).on_path("/v1"),
            Fault::status(503).times(2),
            Fault::delay(5).times(UNLIMITED),
        ] {
            let json = serde_json::to_string(&fault).expect("serialize");
            assert_eq!(parse(&json), fault, "{json}");
        }
        assert_eq!(
            serde_json::to_value(Fault::status(503)).expect("serialize"),
            serde_json::json!({"kind": "status", "status": 503, "times": 1})
        );
        assert_eq!(
            serde_json::to_value(Fault::random(FaultKind::Reset, 0.5, 3)).expect("serialize"),
            serde_json::json!({"kind": "reset", "times": null, "probability": 0.5, "seed": 3})
        );
    }

    #[test]
    fn first_matching_fault_wins_and_is_used_up() {
        let mut q = FaultQueue::default();
        q.push(Fault::status(500).on_path("/v1/mmc").times(2));
        q.push(Fault::reset());
        q.push(Fault::delay(1).times(0));
        assert_eq!(q.pending().count(), 2);
        assert_eq!(q.take(Stage::Request, "/v1/meetings/1"), Some(FaultKind::Reset));
        assert!(matches!(q.take(Stage::Request, "/v1/mmc/x"), Some(FaultKind::Status { status: 500, .. })));
        assert!(matches!(q.take(Stage::Request, "/v1/mmc/x"), Some(FaultKind::Status { status: 500, .. })));
        assert_eq!(q.take(Stage::Request, "/v1/mmc/x"), None);
    }

    #[test]
    fn accept_faults_are_only_taken_on_accept() {
        let mut q = FaultQueue::default();
        q.push(Fault::reset_on_accept().on_path("/v1/mmc"));
        assert!(q.has(Stage::Accept) && !q.has(Stage::Request));
        assert_eq!(q.take(Stage::Request, "/v1/mmc/x"), None);
        assert_eq!(q.take(Stage::Accept, "/v1/meetings"), None);
        assert_eq!(q.take(Stage::Accept, "/v1/mmc/x"), Some(FaultKind::ResetOnAccept));
        assert!(!q.has(Stage::Accept));
    }

    #[test]
    fn random_faults_hit_at_their_rate_reproducibly_and_stay() {
        let run = |seed| {
            let mut q = FaultQueue::default();
            q.push(Fault::random(FaultKind::Reset, 0.05, seed));
            q.push(Fault::random(Fault::malformed().kind, 0.5, seed + 1).on_path("/only"));
            (0..20_000).map(|_| q.take(Stage::Request, "/v1/x").is_some()).collect::<Vec<_>>()
        };
        let hits = run(42);
        let count = hits.iter().filter(|h| **h).count();
        assert!((800..1200).contains(&count), "{count} of 20000 at 5%");
        assert_eq!(run(42), hits, "same seed, same draws");
        assert_ne!(run(43), hits, "another seed, other draws");
        // A miss falls through to the next matching fault; neither is used up.
        let mut q = FaultQueue::default();
        q.push(Fault::random(FaultKind::Reset, 0.0, 1));
        q.push(Fault::random(Fault::malformed().kind, 1.0, 1));
        for _ in 0..100 {
            assert!(matches!(q.take(Stage::Request, "/a"), Some(FaultKind::Malformed { .. })));
        }
        assert_eq!(q.pending().count(), 2);
        // With times, a random fault is used up after that many hits.
        let mut q = FaultQueue::default();
        q.push(Fault::random(FaultKind::Reset, 1.0, 1).times(2));
        assert_eq!(q.take(Stage::Request, "/a"), Some(FaultKind::Reset));
        assert_eq!(q.take(Stage::Request, "/a"), Some(FaultKind::Reset));
        assert_eq!(q.take(Stage::Request, "/a"), None);
    }
}
