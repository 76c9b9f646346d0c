//! The emulator's mutable state and the shared handle every request works on.
//!
//! The scenario says how things start; the live meetings and conferences here (built from it
//! once) are what the APIs change and what `GET /_emulator/state` shows.

mod attendance;
mod huawei;
mod tencent;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use serde_json::{Value, json};

use crate::clock::Clock;
use crate::faults::FaultQueue;
use crate::random::Random;
use crate::scenario::Scenario;

pub(crate) use attendance::Attendance;
pub(crate) use huawei::{
    Broadcast, CONFERENCE_SETTINGS, Conference, ConferenceMember, DisplayMode, HostView, MmrRecording,
    SavedLayout, Screen, scheduled_offsets,
};
pub(crate) use tencent::{Dismissal, Meeting, MeetingMember, STATUS_SETTINGS, SettingKind};

/// Where a participant is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presence {
    /// In the meeting.
    InMeeting,
    /// In the waiting room.
    WaitingRoom,
    /// Removed (kicked out, hung up, or removed from the waiting room).
    Removed {
        /// Whether the user may join again.
        allow_rejoin: bool,
    },
}

impl Presence {
    /// The presence a scenario's `in_waiting_room` flag starts with.
    pub(crate) fn initial(in_waiting_room: bool) -> Presence {
        if in_waiting_room { Presence::WaitingRoom } else { Presence::InMeeting }
    }

    /// Whether the participant has been removed.
    pub(crate) fn is_removed(self) -> bool {
        matches!(self, Presence::Removed { .. })
    }

    /// `allow_rejoin` of a removed participant, `None` otherwise.
    pub(crate) fn allow_rejoin(self) -> Option<bool> {
        match self {
            Presence::Removed { allow_rejoin } => Some(allow_rejoin),
            _ => None,
        }
    }
}

/// How many request records `GET /_emulator/state` keeps (the most recent ones).
pub(crate) const REQUEST_LOG_CAP: usize = 10_000;

/// Everything the server's tasks and the [`crate::Emulator`] handle share.
#[derive(Debug)]
pub(crate) struct Shared {
    /// The scenario as loaded: credentials and passwords never change.
    pub(crate) scenario: Scenario,
    /// The emulator clock.
    pub(crate) clock: Clock,
    /// Source of request ids and tokens.
    pub(crate) random: Random,
    /// Faults waiting for requests.
    pub(crate) faults: Mutex<FaultQueue>,
    /// Meetings, tokens, nonces, the request log.
    pub(crate) state: Mutex<State>,
    /// Connections accepted so far.
    pub(crate) connections_accepted: AtomicU64,
    /// Tencent webhook subscriptions and their queues.
    pub(crate) webhooks: crate::tencent::webhook::Hub,
    /// The Huawei enterprise webhook: its configuration and queue.
    pub(crate) huawei_webhook: crate::huawei::WebhookHub,
}

impl Shared {
    /// Shared state for a scenario, the clock `clock_offset_secs` away from real time; the
    /// scenario's relative times count from the emulator clock now.
    pub(crate) fn with_clock_offset(scenario: Scenario, clock_offset_secs: i64) -> Shared {
        let clock = Clock::default();
        clock.set_offset(clock_offset_secs);
        let base = clock.now_secs();
        let random = Random::new();
        let now_ms = clock.now_millis();
        let mut state = State {
            tencent: TencentState {
                meetings: scenario.tencent.meetings.iter().map(|m| Meeting::new(m, base)).collect(),
                ..TencentState::default()
            },
            huawei: HuaweiState {
                conferences: scenario.huawei.conferences.iter().map(|c| Conference::new(c, base)).collect(),
                ..HuaweiState::default()
            },
            requests: VecDeque::new(),
            request_count: 0,
            faults_applied: BTreeMap::new(),
        };
        let huawei = &mut state.huawei;
        for c in &huawei.conferences {
            let feed = crate::huawei::Feed::new(c, random.hex(32), now_ms);
            huawei.feeds.insert(c.conference_id.clone(), feed);
        }
        Shared {
            scenario,
            clock,
            random,
            faults: Mutex::new(FaultQueue::default()),
            state: Mutex::new(state),
            connections_accepted: AtomicU64::new(0),
            webhooks: crate::tencent::webhook::Hub::default(),
            huawei_webhook: crate::huawei::WebhookHub::default(),
        }
    }

    /// Locks the state (a poisoned lock is used as is: no handler panics while holding it).
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Locks the fault queue.
    pub(crate) fn faults(&self) -> MutexGuard<'_, FaultQueue> {
        self.faults.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The JSON served by `GET /_emulator/state`.
    pub(crate) fn snapshot(&self) -> Value {
        let pending: Vec<Value> =
            self.faults().pending().map(|f| serde_json::to_value(f).unwrap_or(Value::Null)).collect();
        let mut v = self.state().to_json();
        if let Some(tencent) = v.get_mut("tencent").and_then(Value::as_object_mut) {
            tencent.insert("webhooks".into(), self.webhooks.to_json());
        }
        if let Some(huawei) = v.get_mut("huawei").and_then(Value::as_object_mut) {
            huawei.insert("webhook".into(), self.huawei_webhook.to_json());
        }
        if let Some(obj) = v.as_object_mut() {
            obj.insert(
                "clock".into(),
                json!({"now": self.clock.now_secs(), "offset_secs": self.clock.offset_secs()}),
            );
            obj.insert("faults_pending".into(), Value::Array(pending));
            obj.insert(
                "connections_accepted".into(),
                self.connections_accepted.load(Ordering::Relaxed).into(),
            );
        }
        v
    }
}

/// Mutable state.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Tencent meetings and anti-replay bookkeeping.
    pub(crate) tencent: TencentState,
    /// Huawei conferences and tokens.
    pub(crate) huawei: HuaweiState,
    /// The most recent non-admin requests, oldest first.
    pub(crate) requests: VecDeque<RequestRecord>,
    /// Every non-admin request ever received.
    pub(crate) request_count: u64,
    /// How many times each fault kind was applied, by name.
    pub(crate) faults_applied: BTreeMap<&'static str, u64>,
}

/// One logged request.
#[derive(Debug, Clone)]
pub(crate) struct RequestRecord {
    /// HTTP method.
    pub(crate) method: String,
    /// Raw (still percent-encoded) path.
    pub(crate) path: String,
    /// Raw query string, empty when there was none.
    pub(crate) query: String,
    /// Status sent; 0 when the connection was reset instead.
    pub(crate) status: u16,
    /// The fault applied to the request (its kind's name), if any.
    pub(crate) fault: Option<&'static str>,
}

/// Tencent side of the state.
#[derive(Debug, Default)]
pub(crate) struct TencentState {
    /// Meetings as they are now.
    pub(crate) meetings: Vec<Meeting>,
    /// `(secret_id, timestamp, nonce)` of verified requests → emulator time first seen (s).
    pub(crate) nonces: HashMap<(String, String, String), i64>,
    /// Rate-limit key (app id or OAuth open id) → (minute window, requests in it).
    pub(crate) windows: HashMap<String, (i64, u32)>,
}

/// Huawei side of the state.
#[derive(Debug, Default)]
pub(crate) struct HuaweiState {
    /// Conferences as they are now.
    pub(crate) conferences: Vec<Conference>,
    /// Live access tokens.
    pub(crate) access_tokens: HashMap<String, AccessToken>,
    /// Access tokens per user, oldest first (at most 64 are kept per user).
    pub(crate) user_tokens: HashMap<String, VecDeque<String>>,
    /// Meeting control tokens (revoked ones are removed).
    pub(crate) control_tokens: HashMap<String, ControlToken>,
    /// `(app_id, nonce)` pairs already used for App ID authentication.
    pub(crate) app_nonces: HashSet<(String, String)>,
    /// WebSocket tokens (`wsToken`), each for one conference.
    pub(crate) ws_tokens: HashMap<String, WsToken>,
    /// Control tokens issued so far.
    pub(crate) control_tokens_issued: u64,
    /// Access tokens issued so far.
    pub(crate) access_tokens_issued: u64,
    /// What was last announced of each conference (by id), and its sockets' channel.
    pub(crate) feeds: HashMap<String, crate::huawei::Feed>,
    /// The management site is in fault (`queryMgmtSiteStatus` answers `FAULT`; set by the admin
    /// API), else `NORMAL`.
    pub(crate) management_site_fault: bool,
}

/// A Huawei access token.
#[derive(Debug, Clone)]
pub(crate) struct AccessToken {
    /// Expiry, emulator Unix milliseconds.
    pub(crate) expires_at_ms: i64,
}

/// A Huawei meeting control token.
#[derive(Debug, Clone)]
pub(crate) struct ControlToken {
    /// The conference it controls.
    pub(crate) conference_id: String,
    /// 1 host, 0 guest.
    pub(crate) role: u8,
    /// Expiry, emulator Unix milliseconds.
    pub(crate) expires_at_ms: i64,
}

/// A Huawei WebSocket token (`GET /v1/mmc/control/conferences/wsToken`), remembered so that a
/// WebSocket can be opened with it.
#[derive(Debug, Clone)]
pub(crate) struct WsToken {
    /// The conference it was issued for.
    pub(crate) conference_id: String,
    /// The role of the control token it was issued with (1 host, 0 guest).
    pub(crate) role: u8,
    /// When it was issued, emulator Unix milliseconds.
    pub(crate) issued_at_ms: i64,
    /// Whether a WebSocket was opened with it (a token is good for one).
    pub(crate) used: bool,
}

impl State {
    /// Appends a request to the log.
    pub(crate) fn log_request(&mut self, record: RequestRecord) {
        self.request_count += 1;
        if let Some(fault) = record.fault {
            *self.faults_applied.entry(fault).or_default() += 1;
        }
        if self.requests.len() >= REQUEST_LOG_CAP {
            self.requests.pop_front();
        }
        self.requests.push_back(record);
    }

    fn to_json(&self) -> Value {
        let meetings: Vec<Value> = self.tencent.meetings.iter().map(Meeting::to_json).collect();
        let conferences: Vec<Value> = self.huawei.conferences.iter().map(Conference::to_json).collect();
        let requests: Vec<Value> = self
            .requests
            .iter()
            .map(|r| {
                json!({
                    "method": r.method, "path": r.path, "query": r.query, "status": r.status,
                    "fault": r.fault,
                })
            })
            .collect();
        let mut ws_tokens: Vec<Value> = self
            .huawei
            .ws_tokens
            .iter()
            .map(|(token, t)| {
                json!({
                    "token": token, "conference_id": t.conference_id, "role": t.role,
                    "issued_at_ms": t.issued_at_ms, "used": t.used,
                })
            })
            .collect();
        ws_tokens.sort_by_key(|t| t["issued_at_ms"].as_i64());
        json!({
            "tencent": {"meetings": meetings},
            "huawei": {
                "conferences": conferences,
                "control_tokens_issued": self.huawei.control_tokens_issued,
                "access_tokens_issued": self.huawei.access_tokens_issued,
                "ws_tokens": ws_tokens,
                "management_site_status": if self.huawei.management_site_fault { "FAULT" } else { "NORMAL" },
            },
            "requests": requests,
            "request_count": self.request_count,
            "faults_applied": self.faults_applied,
        })
    }
}
