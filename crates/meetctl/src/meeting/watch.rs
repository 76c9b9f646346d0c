//! [`Meeting::watch`](super::Meeting::watch) and [`Meeting::events`](super::Meeting::events):
//! the people in a meeting kept current, with the changes as [`MeetingEvent`]s, on either vendor.
//!
//! - Huawei: the conference-control WebSocket ([`HuaweiLiveStream`](crate::huawei::HuaweiLiveStream)),
//!   every change pushed; a dropped socket is a [`Gap`](MeetingEventKind::Gap) and a resync.
//! - Tencent: webhooks, when the app attaches a receiver ([`WatchOptions::tencent_receiver`]), for
//!   joins, leaves, start and end; plus, for [`watch`](super::Meeting::watch), polling of the
//!   real-time participant list for what Tencent does not push (mute, video, screen sharing) and
//!   for apps without a public URL. Each poll is diffed into changes; see [`WatchOptions`] for
//!   the pace.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::event::{EventOrigin, MeetingEvent, MeetingEventKind};
use super::participant::Participant;
use super::roster::Roster;
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorKind};

/// The default time a poll waits per call it makes: a tenth of Tencent's rate limit, 30 calls a
/// minute.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(2);

/// The shortest poll interval accepted.
pub const MIN_POLL_INTERVAL: Duration = Duration::from_millis(50);

/// The longest a poll backs off to after repeated failures.
pub const MAX_POLL_BACKOFF: Duration = Duration::from_secs(300);

/// How a watch reads the meeting.
#[derive(Clone)]
pub struct WatchOptions {
    pub(crate) poll_interval: Duration,
    pub(crate) poll: bool,
    pub(crate) queue: usize,
    #[cfg(feature = "receiver")]
    pub(crate) tencent_receiver: Option<Arc<crate::tencent::receiver::TencentReceiver>>,
    pub(crate) live: crate::huawei::LiveOptions,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            poll_interval: DEFAULT_POLL_INTERVAL,
            poll: true,
            queue: 10_000,
            #[cfg(feature = "receiver")]
            tencent_receiver: None,
            live: crate::huawei::LiveOptions::default(),
        }
    }
}

impl std::fmt::Debug for WatchOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WatchOptions")
            .field("poll_interval", &self.poll_interval)
            .field("poll", &self.poll)
            .field("queue", &self.queue)
            .finish_non_exhaustive()
    }
}

impl WatchOptions {
    /// The defaults: poll every 2 s per call made, a queue of 10,000 events.
    pub fn new() -> WatchOptions {
        WatchOptions::default()
    }

    /// Tencent: the time a poll waits per call it made (a poll of three pages waits three times
    /// this before the next). The default, 2 s, keeps a watch within a tenth of the app's limit
    /// of 300 calls a minute. At least 50 ms.
    pub fn poll_interval(mut self, interval: Duration) -> WatchOptions {
        self.poll_interval = interval;
        self
    }

    /// Tencent: whether to poll the participant list (on for [`watch`](super::Meeting::watch);
    /// [`events`](super::Meeting::events) never polls).
    pub fn poll(mut self, poll: bool) -> WatchOptions {
        self.poll = poll;
        self
    }

    /// Most events held for the app. When the app falls this far behind, participant events are
    /// dropped and a [`Gap`](MeetingEventKind::Gap) is queued once there is room, followed by the
    /// net changes. At least 16.
    pub fn queue(mut self, events: usize) -> WatchOptions {
        self.queue = events;
        self
    }

    /// Tencent: take pushed joins, leaves, start and end from this webhook receiver (its events
    /// of this meeting; other meetings' events stay queued for others).
    #[cfg(feature = "receiver")]
    pub fn tencent_receiver(
        mut self,
        receiver: Arc<crate::tencent::receiver::TencentReceiver>,
    ) -> WatchOptions {
        self.tencent_receiver = Some(receiver);
        self
    }

    /// Huawei: the WebSocket's heartbeat, reconnection and frame limits.
    pub fn live(mut self, live: crate::huawei::LiveOptions) -> WatchOptions {
        self.live = live;
        self
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        if self.poll_interval < MIN_POLL_INTERVAL || self.poll_interval > MAX_POLL_BACKOFF {
            return Err(Error::invalid("poll_interval", "must be from 50 ms to 5 minutes"));
        }
        if !(16..=1_000_000).contains(&self.queue) {
            return Err(Error::invalid("queue", "must be from 16 to 1,000,000 events"));
        }
        Ok(())
    }
}

/// What a closed or finished watch's queue holds, and whether more may come.
struct QueueState {
    events: VecDeque<MeetingEvent>,
    /// No more events will be added (ended, failed or closed).
    finished: bool,
    /// The error the watch ended with, given once.
    error: Option<Error>,
    /// Participant events were dropped because the queue was full.
    overflowed: bool,
}

/// The state the producer thread and the app share.
pub(crate) struct Shared {
    queue: Mutex<QueueState>,
    ready: Condvar,
    roster: Mutex<Roster>,
    cancel: CancelToken,
    capacity: usize,
}

impl Shared {
    pub(crate) fn new(capacity: usize) -> Arc<Shared> {
        Arc::new(Shared {
            queue: Mutex::new(QueueState {
                events: VecDeque::new(),
                finished: false,
                error: None,
                overflowed: false,
            }),
            ready: Condvar::new(),
            roster: Mutex::new(Roster::default()),
            cancel: CancelToken::new(),
            capacity,
        })
    }

    fn queue(&self) -> MutexGuard<'_, QueueState> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn roster(&self) -> MutexGuard<'_, Roster> {
        self.roster.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn cancel(&self) -> &CancelToken {
        &self.cancel
    }

    /// Queues `events`; when the queue is full, drops them and remembers to announce a gap.
    /// Returns whether they were dropped (the producer then resyncs before its next events).
    pub(crate) fn push(&self, events: Vec<MeetingEvent>) -> bool {
        if events.is_empty() {
            return false;
        }
        let mut queue = self.queue();
        if queue.finished {
            return true;
        }
        if queue.overflowed || queue.events.len() + events.len() > self.capacity {
            queue.overflowed = true;
            return true;
        }
        queue.events.extend(events);
        self.ready.notify_all();
        false
    }

    /// Whether events were dropped and the queue has room again: the producer then announces a
    /// gap and resyncs.
    pub(crate) fn take_overflow(&self) -> bool {
        let mut queue = self.queue();
        if queue.overflowed && queue.events.len() < self.capacity / 2 {
            queue.overflowed = false;
            return true;
        }
        false
    }

    /// No more events: with `error` when the watch failed.
    pub(crate) fn finish(&self, error: Option<Error>) {
        let mut queue = self.queue();
        if !queue.finished {
            queue.finished = true;
            queue.error = error;
        }
        self.ready.notify_all();
    }

    fn next(&self, timeout: Duration) -> Result<Option<MeetingEvent>, Error> {
        let deadline = Instant::now().checked_add(timeout);
        let mut queue = self.queue();
        loop {
            if let Some(event) = queue.events.pop_front() {
                return Ok(Some(event));
            }
            if queue.finished {
                return match queue.error.take() {
                    Some(error) => Err(error),
                    None => Ok(None),
                };
            }
            let now = Instant::now();
            let wait = match deadline {
                Some(deadline) if deadline <= now => return Ok(None),
                Some(deadline) => deadline - now,
                None => Duration::from_secs(3600),
            };
            queue = self.ready.wait_timeout(queue, wait).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    fn is_finished(&self) -> bool {
        let queue = self.queue();
        queue.finished && queue.events.is_empty() && queue.error.is_none()
    }

    fn close(&self) {
        self.cancel.fire();
        let mut queue = self.queue();
        queue.finished = true;
        queue.events.clear();
        self.ready.notify_all();
    }
}

/// Closes a [`MeetingWatch`] from any thread. Cheap to clone.
#[derive(Clone)]
pub struct WatchCloser {
    inner: CloserInner,
}

#[derive(Clone)]
enum CloserInner {
    Queue(Arc<Shared>),
    Live(crate::huawei::LiveCloser),
}

impl WatchCloser {
    /// Closes the watch: a [`next`](MeetingWatch::next) waiting returns `None` at once, and the
    /// connection or poll in flight is ended.
    pub fn close(&self) {
        match &self.inner {
            CloserInner::Queue(shared) => shared.close(),
            CloserInner::Live(closer) => closer.close(),
        }
    }
}

impl std::fmt::Debug for WatchCloser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WatchCloser").finish_non_exhaustive()
    }
}

/// A meeting watched: its roster kept current and its changes as events. `Send + Sync`; one
/// thread of its own reads the vendor. Dropping it closes it.
pub struct MeetingWatch {
    source: Source,
}

enum Source {
    /// Tencent: a poller (and webhook reader) thread feeding the queue.
    Queue { shared: Arc<Shared>, thread: Mutex<Option<JoinHandle<()>>> },
    /// Huawei: the live stream, mapped as events are taken.
    Live(Box<super::watch_huawei::HuaweiWatch>),
}

impl MeetingWatch {
    pub(crate) fn queue(shared: Arc<Shared>, thread: JoinHandle<()>) -> MeetingWatch {
        MeetingWatch { source: Source::Queue { shared, thread: Mutex::new(Some(thread)) } }
    }

    pub(crate) fn live(watch: super::watch_huawei::HuaweiWatch) -> MeetingWatch {
        MeetingWatch { source: Source::Live(Box::new(watch)) }
    }

    /// The next event, waiting up to `timeout`. `Ok(None)`: none came in time, or the watch is
    /// finished ([`is_finished`](Self::is_finished)). `Err`: the watch ended with this error
    /// (given once; then it is finished).
    pub fn next(&self, timeout: Duration) -> Result<Option<MeetingEvent>, Error> {
        match &self.source {
            Source::Queue { shared, .. } => shared.next(timeout),
            Source::Live(live) => live.next(timeout),
        }
    }

    /// Every event as it comes, until none came within `idle` or the watch is finished; an error
    /// ends the iteration after it is yielded.
    pub fn events(&self, idle: Duration) -> impl Iterator<Item = Result<MeetingEvent, Error>> + '_ {
        let mut failed = false;
        std::iter::from_fn(move || {
            if failed {
                return None;
            }
            match self.next(idle) {
                Ok(event) => event.map(Ok),
                Err(error) => {
                    failed = true;
                    Some(Err(error))
                }
            }
        })
    }

    /// Whether no event will come any more (the meeting ended, the watch failed and its error
    /// was taken, or it was closed) and none is waiting.
    pub fn is_finished(&self) -> bool {
        match &self.source {
            Source::Queue { shared, .. } => shared.is_finished(),
            Source::Live(live) => live.is_finished(),
        }
    }

    /// Everyone in the meeting as last known, in the order first seen. It may be ahead of the
    /// events not yet taken.
    pub fn roster(&self) -> Vec<Participant> {
        match &self.source {
            Source::Queue { shared, .. } => shared.roster().participants().to_vec(),
            Source::Live(live) => live.roster(),
        }
    }

    /// Closes the watch (from any thread; idempotent): a waiting [`next`](Self::next) returns
    /// `Ok(None)` at once and later ones too.
    pub fn close(&self) {
        self.closer().close();
    }

    /// A handle that closes this watch from another thread.
    pub fn closer(&self) -> WatchCloser {
        let inner = match &self.source {
            Source::Queue { shared, .. } => CloserInner::Queue(shared.clone()),
            Source::Live(live) => CloserInner::Live(live.closer()),
        };
        WatchCloser { inner }
    }
}

impl Drop for MeetingWatch {
    fn drop(&mut self) {
        if let Source::Queue { shared, thread } = &self.source {
            shared.close();
            let handle = thread.lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(handle) = handle {
                let _ = handle.join();
            }
        }
    }
}

impl std::fmt::Debug for MeetingWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MeetingWatch").field("finished", &self.is_finished()).finish_non_exhaustive()
    }
}

/// Whether an error ends a watch rather than being a gap to recover from: the app must act
/// (credentials, permission, a bad argument).
pub(crate) fn is_fatal(error: &Error) -> bool {
    matches!(
        error.kind(),
        ErrorKind::Auth | ErrorKind::PermissionDenied | ErrorKind::InvalidArgument | ErrorKind::Unsupported
    )
}

/// The event for a meeting that ended.
pub(crate) fn ended(origin: EventOrigin) -> MeetingEvent {
    MeetingEvent::new(MeetingEventKind::Ended, origin)
}
