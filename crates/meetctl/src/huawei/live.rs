//! Live events of a Huawei conference from its conference-control WebSocket: the public types;
//! the behaviour is documented on [`HuaweiLiveStream`] (and in docs/events.md).

pub(crate) mod frame;
mod queue;
mod reader;
pub(crate) mod state;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use self::queue::Queue;
use super::conference::Conference;
use super::info::HuaweiParticipant;
use crate::cancel::CancelToken;
use crate::error::Error;

/// One event of a conference's live stream.
#[derive(Debug, Clone, PartialEq)]
pub enum HuaweiLiveEvent {
    /// Someone is in the conference who was not before (the initial roster arrives as joins).
    Joined {
        /// Who, as now known.
        participant: HuaweiParticipant,
        /// Found by comparing a full roster with the last known one (after a gap), not announced.
        resync: bool,
        /// One of those already there when the stream started (its first roster).
        initial: bool,
    },
    /// Someone left.
    Left {
        /// Who, in the last known state.
        participant: HuaweiParticipant,
        /// Found by comparing rosters.
        resync: bool,
    },
    /// Something of a participant changed.
    Changed {
        /// Before the change.
        before: HuaweiParticipant,
        /// After it.
        after: HuaweiParticipant,
        /// What changed: `"name"`, `"role"`, `"audio_muted"`, `"video_on"`, `"hand_raised"`,
        /// `"sharing_screen"` (from `SHARE`).
        changed: Vec<&'static str>,
        /// Found by comparing rosters.
        resync: bool,
    },
    /// The conference's state (`ConfDynamicInfoNotify`).
    ConferenceState {
        /// `state`: `"Created"`, `"Destroyed"`, ….
        state: Option<String>,
        /// `lock`.
        locked: Option<bool>,
        /// `recState`: whether it is being recorded.
        recording: Option<bool>,
        /// The notice's fields as received.
        raw: Value,
    },
    /// The conference's basic information (`ConfBasicInfoNotify`), as received.
    ConferenceInfo {
        /// The notice's fields.
        raw: Value,
    },
    /// Who speaks now (`SpeakerChangeNotify`).
    Speakers {
        /// Participant ids, loudest first; empty when nobody speaks.
        participant_ids: Vec<String>,
    },
    /// Events may have been missed; the participant events that follow (`resync: true`) bring the
    /// app up to date.
    Gap {
        /// Why.
        reason: String,
    },
    /// The conference has ended; the stream finishes.
    Ended,
    /// A notice of another action, as received.
    Other {
        /// Its `action`.
        action: String,
        /// The frame.
        raw: Value,
    },
}

/// How a live stream runs. Every setter takes the value as is; [`Conference::live_events`] checks
/// them and names a field out of range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveOptions {
    heartbeat_interval: Duration,
    heartbeat_timeout: Duration,
    reconnect_initial: Duration,
    reconnect_max: Duration,
    max_reconnects: u32,
    max_frame_bytes: usize,
    queue: usize,
}

impl Default for LiveOptions {
    fn default() -> Self {
        LiveOptions {
            heartbeat_interval: Duration::from_secs(60),
            heartbeat_timeout: Duration::from_secs(30),
            reconnect_initial: Duration::from_millis(500),
            reconnect_max: Duration::from_secs(30),
            max_reconnects: 8,
            max_frame_bytes: 4 * 1024 * 1024,
            queue: 10_000,
        }
    }
}

impl LiveOptions {
    /// The defaults: a heartbeat every 60 s answered within 30 s, reconnects from 500 ms up to
    /// 30 s apart and 8 failures in a row at most, frames up to 4 MiB, 10,000 events held.
    pub fn new() -> Self {
        LiveOptions::default()
    }

    /// How often a heartbeat is sent (10 ms to 180 s; the vendor closes a socket silent for 180 s).
    pub fn heartbeat_interval(mut self, value: Duration) -> Self {
        self.heartbeat_interval = value;
        self
    }

    /// How long a heartbeat's echo may take before the socket is taken as dead (10 ms to 10 min).
    pub fn heartbeat_timeout(mut self, value: Duration) -> Self {
        self.heartbeat_timeout = value;
        self
    }

    /// The first wait before reconnecting (1 ms to 10 min), doubled after each failure.
    pub fn reconnect_initial(mut self, value: Duration) -> Self {
        self.reconnect_initial = value;
        self
    }

    /// The longest wait before reconnecting (at least `reconnect_initial`, at most an hour).
    pub fn reconnect_max(mut self, value: Duration) -> Self {
        self.reconnect_max = value;
        self
    }

    /// Failed connection attempts in a row before the stream ends with the last error (1 to 1000).
    pub fn max_reconnects(mut self, value: u32) -> Self {
        self.max_reconnects = value;
        self
    }

    /// The largest frame (and message) accepted, in bytes (1 KiB to 64 MiB).
    pub fn max_frame_bytes(mut self, value: usize) -> Self {
        self.max_frame_bytes = value;
        self
    }

    /// Events held for the app at most (1 to 10,000,000).
    pub fn queue(mut self, value: usize) -> Self {
        self.queue = value;
        self
    }

    /// Checks every setting; the error names the first one out of range.
    pub fn validate(&self) -> Result<(), Error> {
        let ms = Duration::from_millis;
        let within =
            |field: &'static str, value: Duration, low: Duration, high: Duration, why: &'static str| {
                if value < low || value > high { Err(Error::invalid(field, why)) } else { Ok(()) }
            };
        within(
            "heartbeat_interval",
            self.heartbeat_interval,
            ms(10),
            Duration::from_secs(180),
            "must be from 10 ms to 180 s",
        )?;
        within(
            "heartbeat_timeout",
            self.heartbeat_timeout,
            ms(10),
            Duration::from_secs(600),
            "must be from 10 ms to 10 minutes",
        )?;
        within(
            "reconnect_initial",
            self.reconnect_initial,
            ms(1),
            Duration::from_secs(600),
            "must be from 1 ms to 10 minutes",
        )?;
        within(
            "reconnect_max",
            self.reconnect_max,
            self.reconnect_initial,
            Duration::from_secs(3600),
            "must be from reconnect_initial to an hour",
        )?;
        if !(1..=1000).contains(&self.max_reconnects) {
            return Err(Error::invalid("max_reconnects", "must be from 1 to 1000"));
        }
        if !(1024..=64 * 1024 * 1024).contains(&self.max_frame_bytes) {
            return Err(Error::invalid("max_frame_bytes", "must be from 1 KiB to 64 MiB"));
        }
        if !(1..=10_000_000).contains(&self.queue) {
            return Err(Error::invalid("queue", "must be from 1 to 10,000,000"));
        }
        Ok(())
    }
}

/// What the stream and its reader thread share.
pub(crate) struct Shared {
    pub(crate) queue: Queue,
    pub(crate) cancel: CancelToken,
}

/// A conference's live events: one reader thread, events held for [`next`](Self::next).
/// `Send + Sync`; dropping it closes it.
///
///  Live events of a Huawei conference from its conference-control WebSocket (pages
///  meeting_21_1506, meeting_21_0027, meeting_21_1510, meeting_21_1508, meeting_21_1512 to
///  meeting_21_1516, meeting_21_1520 under support.huaweicloud.com/api-meeting/).
///
///  `Conference::live_events` starts one reader thread that fetches a single-use WebSocket
///  token, connects to `wss://<wsURL>/cms/open/websocket/confctl/increment/conn`, subscribes to
///  `ConfBasicInfoNotify`, `ConfDynamicInfoNotify`, `ParticipantsNotify` and
///  `SpeakerChangeNotify`, sends a heartbeat every [`LiveOptions::heartbeat_interval`], and turns
///  the notices into [`HuaweiLiveEvent`]s for [`HuaweiLiveStream::next`].
///
///  - **The initial roster arrives as joins**: the first full `ParticipantsNotify` gives a
///    [`HuaweiLiveEvent::Joined`] (`resync: false`) for everyone already there.
///  - **Roles**: `ROLE` "1" is the host, "2" a co-host, "0" (or anything else) an attendee: our
///    reading of the pages, which list the values without naming all of them.
///  - **Resync**: a socket that drops (a read error or end without a close frame), a heartbeat not
///    echoed within [`LiveOptions::heartbeat_timeout`], a version gap (after a full message,
///    increments of each notice type are numbered 1, 2, 3…), a frame that is not JSON, a binary
///    or oversized frame, or a `ParticipantsNotify` entry that cannot be read: the stream
///    reconnects with exponential backoff and jitter, a fresh token and a fresh subscription, and
///    when the full roster arrives it gives [`HuaweiLiveEvent::Gap`] and then only the net
///    differences from what it knew (`resync: true`). Someone who joined and left while the socket
///    was down is not seen. A full message on a healthy socket is diffed the same way, without a
///    gap. After [`LiveOptions::max_reconnects`] failed attempts in a row (a refused token, 401 on
///    the upgrade, no connection) the stream ends with the last error.
///  - **A slow app**: at most [`LiveOptions::queue`] events wait for the app. When the queue is
///    full, new events are dropped and the stream remembers what the app was last told; once there
///    is room it gives `Gap { reason: "the app fell behind" }` and the participant differences
///    between what the app was told and the roster now (`resync: true`). Conference-state,
///    speaker and other notices dropped meanwhile are not repeated. [`HuaweiLiveEvent::Ended`] and
///    a final error always get a place.
///  - **The end**: `ConfDynamicInfoNotify` with state `Destroyed` gives the
///    [`ConferenceState`](HuaweiLiveEvent::ConferenceState) event, then
///    [`Ended`](HuaweiLiveEvent::Ended), and the stream finishes.
///
///  Tokens (the WebSocket token and the control token) are never logged, formatted or put in
///  an error. The socket runs over the client's own transport: its proxy, TLS roots and cancel
///  slices.
pub struct HuaweiLiveStream {
    shared: Arc<Shared>,
}

/// A handle that closes a [`HuaweiLiveStream`] from anywhere. Cheap to clone.
#[derive(Clone)]
pub struct LiveCloser {
    shared: Arc<Shared>,
}

impl LiveCloser {
    /// Closes the stream (as [`HuaweiLiveStream::close`]).
    pub fn close(&self) {
        close(&self.shared);
    }
}

fn close(shared: &Shared) {
    shared.cancel.fire();
    shared.queue.wake();
}

impl fmt::Debug for LiveCloser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LiveCloser").finish_non_exhaustive()
    }
}

impl fmt::Debug for HuaweiLiveStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HuaweiLiveStream").field("finished", &self.is_finished()).finish_non_exhaustive()
    }
}

impl Conference {
    /// Starts the conference's live events (see [`HuaweiLiveStream`]). Returns at
    /// once: connecting happens on the reader thread, and a failure to connect comes out of
    /// [`HuaweiLiveStream::next`] (after [`LiveOptions::max_reconnects`] attempts, or at once for
    /// an argument, permission or not-found error on the first).
    pub fn live_events(&self, options: LiveOptions) -> Result<HuaweiLiveStream, Error> {
        options.validate()?;
        let shared = Arc::new(Shared { queue: Queue::new(options.queue), cancel: CancelToken::new() });
        reader::spawn(self.clone(), options, Arc::clone(&shared))?;
        Ok(HuaweiLiveStream { shared })
    }
}

impl HuaweiLiveStream {
    /// The next event, waiting at most `timeout`. `Ok(None)`: nothing within `timeout`, or the
    /// stream has finished. `Err`: the stream ended with this error (given once; then it is
    /// finished).
    pub fn next(&self, timeout: Duration) -> Result<Option<HuaweiLiveEvent>, Error> {
        self.shared.queue.pop(timeout)
    }

    /// Whether the stream has ended and every event was handed out.
    pub fn is_finished(&self) -> bool {
        self.shared.queue.is_finished()
    }

    /// Closes the stream from any thread: a waiting [`next`](Self::next) returns at once, the
    /// reader stops within a moment (about 50 ms), and the socket is closed. Idempotent.
    pub fn close(&self) {
        close(&self.shared);
    }

    /// A handle that can close this stream from another thread.
    pub fn closer(&self) -> LiveCloser {
        LiveCloser { shared: Arc::clone(&self.shared) }
    }

    /// Whether the conference's full roster has arrived ([`participants`](Self::participants)
    /// is empty before).
    pub fn has_roster(&self) -> bool {
        self.shared.queue.roster_given()
    }

    /// The latest known roster, in participant-id order (what the socket said last, even when the
    /// app has not read the events yet).
    pub fn participants(&self) -> Vec<HuaweiParticipant> {
        self.shared.queue.participants()
    }

    /// The events as an iterator, each waited for at most `idle`; it ends when nothing came
    /// within `idle` or the stream finished (after an `Err`, the stream's end).
    pub fn events(&self, idle: Duration) -> impl Iterator<Item = Result<HuaweiLiveEvent, Error>> + '_ {
        std::iter::from_fn(move || self.next(idle).transpose())
    }
}

impl Drop for HuaweiLiveStream {
    fn drop(&mut self) {
        close(&self.shared);
    }
}
