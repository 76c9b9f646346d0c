//! Injected faults: what they are and the queue that hands them to matching requests.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

/// A fault to apply to upcoming requests.
///
/// JSON form (for `POST /_emulator/faults`): the kind's fields plus `kind`, and optionally
/// `path_prefix` and `times`, e.g. `{"kind":"status","status":503,"path_prefix":"/v1/mmc","times":2}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// What happens to a matching request.
    #[serde(flatten)]
    pub kind: FaultKind,
    /// Only requests whose raw path starts with this match; `None` matches every non-admin path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_prefix: Option<String>,
    /// How many matching requests the fault applies to (default 1).
    #[serde(default = "one")]
    pub times: u32,
}

/// What a fault does to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Sleep, then process the request normally.
    Delay {
        /// How long to sleep.
        ms: u64,
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
    /// Drop the connection without answering (with SO_LINGER 0, so the client sees a reset).
    Reset,
    /// Answer with a truncated JSON body (`{"error_info": `) and `Content-Type: application/json`.
    Malformed {
        /// The status to send it with (default 200).
        #[serde(default = "ok_status")]
        status: u16,
    },
}

impl Fault {
    /// A fault of this kind, matching any path, once.
    pub fn new(kind: FaultKind) -> Fault {
        Fault { kind, path_prefix: None, times: 1 }
    }

    /// Sleep `ms` milliseconds before processing the request.
    pub fn delay(ms: u64) -> Fault {
        Fault::new(FaultKind::Delay { ms })
    }

    /// Answer with `status` and the vendor's error body.
    pub fn status(status: u16) -> Fault {
        Fault::new(FaultKind::Status { status, body: None })
    }

    /// Answer 429 with `Retry-After: retry_after`.
    pub fn rate_limit(retry_after: u64) -> Fault {
        Fault::new(FaultKind::RateLimit { retry_after })
    }

    /// Drop the connection without a response.
    pub fn reset() -> Fault {
        Fault::new(FaultKind::Reset)
    }

    /// Answer 200 with a truncated JSON body.
    pub fn malformed() -> Fault {
        Fault::new(FaultKind::Malformed { status: 200 })
    }

    /// Restricts the fault to paths starting with `prefix`.
    pub fn on_path(mut self, prefix: impl Into<String>) -> Fault {
        self.path_prefix = Some(prefix.into());
        self
    }

    /// Applies the fault to `n` matching requests instead of one.
    pub fn times(mut self, n: u32) -> Fault {
        self.times = n;
        self
    }

    fn matches(&self, path: &str) -> bool {
        self.path_prefix.as_deref().is_none_or(|prefix| path.starts_with(prefix))
    }
}

/// Queued faults, first-in first-out.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    faults: VecDeque<Fault>,
}

impl FaultQueue {
    /// Queues a fault (one with `times == 0` is dropped).
    pub(crate) fn push(&mut self, fault: Fault) {
        if fault.times > 0 {
            self.faults.push_back(fault);
        }
    }

    /// Removes every queued fault.
    pub(crate) fn clear(&mut self) {
        self.faults.clear();
    }

    /// The faults still queued.
    pub(crate) fn pending(&self) -> impl Iterator<Item = &Fault> {
        self.faults.iter()
    }

    /// Takes one use of the first fault matching `path`, if any.
    pub(crate) fn take(&mut self, path: &str) -> Option<FaultKind> {
        let index = self.faults.iter().position(|f| f.matches(path))?;
        let fault = self.faults.get_mut(index)?;
        let kind = fault.kind.clone();
        fault.times = fault.times.saturating_sub(1);
        if fault.times == 0 {
            self.faults.remove(index);
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

fn ok_status() -> u16 {
    200
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind() {
        let f: Fault = serde_json::from_str(r#"{"kind":"delay","ms":200}"#).expect("delay");
        assert_eq!(f, Fault::delay(200));
        let f: Fault =
            serde_json::from_str(r#"{"kind":"status","status":503,"path_prefix":"/v1/mmc","times":2}"#)
                .expect("status");
        assert_eq!(f, Fault::status(503).on_path("/v1/mmc").times(2));
        let f: Fault = serde_json::from_str(r#"{"kind":"rate_limit","retry_after":3}"#).expect("rate_limit");
        assert_eq!(f, Fault::rate_limit(3));
        let f: Fault = serde_json::from_str(r#"{"kind":"reset"}"#).expect("reset");
        assert_eq!(f, Fault::reset());
        let f: Fault = serde_json::from_str(r#"{"kind":"malformed"}"#).expect("malformed");
        assert_eq!(f, Fault::malformed());
        assert!(serde_json::from_str::<Fault>(r#"{"kind":"explode"}"#).is_err());
        assert!(serde_json::from_str::<Fault>(r#"{"kind":"delay"}"#).is_err());
    }

    #[test]
    fn first_matching_fault_wins_and_is_used_up() {
        let mut q = FaultQueue::default();
        q.push(Fault::status(500).on_path("/v1/mmc").times(2));
        q.push(Fault::reset());
        q.push(Fault::delay(1).times(0));
        assert_eq!(q.pending().count(), 2);
        assert_eq!(q.take("/v1/meetings/1"), Some(FaultKind::Reset));
        assert!(matches!(q.take("/v1/mmc/x"), Some(FaultKind::Status { status: 500, .. })));
        assert!(matches!(q.take("/v1/mmc/x"), Some(FaultKind::Status { status: 500, .. })));
        assert_eq!(q.take("/v1/mmc/x"), None);
    }
}
