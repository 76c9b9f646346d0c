//! Watching a Tencent meeting: polls of the real-time participant list diffed into changes,
//! and, when the app attaches a webhook receiver, the pushed joins, leaves, start and end.
//!
//! Pace: after a poll that made `n` calls, the next waits `n ×` [`WatchOptions::poll_interval`]
//! (2 s by default: 30 calls a minute, a tenth of the app's 300). A poll refused as rate-limited
//! doubles the wait (up to 5 minutes) until one succeeds. A failed poll is a
//! [`Gap`](super::MeetingEventKind::Gap) at once, and the next good poll's changes are marked
//! [`Resync`](EventOrigin::Resync).

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::Meeting;
use super::event::{EventOrigin, MeetingEvent};
use super::watch::{self, MAX_POLL_BACKOFF, MeetingWatch, Shared, WatchOptions};
use crate::error::{Error, ErrorKind};

/// How long the thread waits at a time for a pushed event or the next poll (bounds how late it
/// notices a close when nothing else wakes it).
const SLICE: Duration = Duration::from_millis(100);

/// Starts watching `meeting` (a Tencent one): the first poll is made here, so a meeting that
/// cannot be read fails now; its participants are the first events, as joins with
/// [`EventOrigin::Initial`].
pub(super) fn start(meeting: &Meeting, options: &WatchOptions) -> Result<MeetingWatch, Error> {
    options.validate()?;
    #[cfg(feature = "receiver")]
    let pushed = options.tencent_receiver.clone();
    #[cfg(not(feature = "receiver"))]
    let pushed: Option<()> = None;
    if !options.poll && pushed.is_none() {
        return Err(Error::invalid(
            "receiver",
            "Tencent pushes a meeting's events only through webhooks: attach a receiver \
             (WatchOptions::tencent_receiver), or watch() the meeting, which polls",
        ));
    }
    let shared = Shared::new(options.queue);
    let mut poller = Poller {
        meeting: meeting.clone(),
        shared: shared.clone(),
        interval: options.poll_interval,
        backoff: options.poll_interval,
        next_poll: Instant::now(),
        after_gap: false,
        poll: options.poll,
        #[cfg(feature = "receiver")]
        pushed,
    };
    if options.poll {
        let first = poller.meeting.participants()?;
        let events = shared.roster().replace_all(first, EventOrigin::Initial);
        shared.push(events);
        poller.next_poll = Instant::now() + poller.interval * poller.last_calls();
    }
    let thread = std::thread::Builder::new()
        .name("meetctl-watch".into())
        .spawn(move || poller.run())
        .map_err(|e| Error::new(ErrorKind::Connection, format!("could not start the watch thread: {e}")))?;
    Ok(MeetingWatch::queue(shared, thread))
}

struct Poller {
    meeting: Meeting,
    shared: Arc<Shared>,
    /// The wait per call made, as configured.
    interval: Duration,
    /// The wait per call now (longer after rate limiting).
    backoff: Duration,
    next_poll: Instant,
    /// A poll failed or events were dropped: the next poll's changes are a resync.
    after_gap: bool,
    poll: bool,
    #[cfg(feature = "receiver")]
    pushed: Option<Arc<crate::tencent::receiver::TencentReceiver>>,
}

/// Why the thread stops.
enum Stop {
    Ended,
    Failed(Error),
    Closed,
}

impl Poller {
    fn run(mut self) {
        let _bound = self.shared.cancel().clone().bind();
        let stop = loop {
            if self.shared.cancel().is_fired() {
                break Stop::Closed;
            }
            if self.shared.take_overflow() {
                self.gap("the app fell behind: events were dropped while the queue was full");
            }
            if let Some(stop) = self.take_pushed() {
                break stop;
            }
            if self.poll && Instant::now() >= self.next_poll {
                if let Some(stop) = self.poll_once() {
                    break stop;
                }
            }
        };
        match stop {
            Stop::Ended => {
                self.shared.roster().clear();
                self.shared.push(vec![watch::ended(EventOrigin::Polled)]);
                self.shared.finish(None);
            }
            Stop::Failed(error) => self.shared.finish(Some(error)),
            Stop::Closed => self.shared.finish(None),
        }
    }

    /// How many calls the last poll made (pages of 20; at least one).
    fn last_calls(&self) -> u32 {
        let people = self.shared.roster().participants().len();
        u32::try_from(people.div_ceil(20).max(1)).unwrap_or(u32::MAX)
    }

    fn gap(&mut self, reason: impl Into<String>) {
        self.after_gap = true;
        self.shared.push(vec![MeetingEvent::gap(reason)]);
    }

    /// One poll: the changes since the last, or a gap; `Some` when the watch stops.
    fn poll_once(&mut self) -> Option<Stop> {
        let origin = if self.after_gap { EventOrigin::Resync } else { EventOrigin::Polled };
        match self.meeting.participants() {
            Ok(now) => {
                let events = self.shared.roster().replace_all(now, origin);
                // Dropped events (the app fell behind) make the next poll a resync too.
                self.after_gap = self.shared.push(events);
                self.backoff = self.interval;
                self.next_poll = Instant::now() + self.backoff * self.last_calls();
                None
            }
            Err(error) if error.kind() == ErrorKind::Cancelled => Some(Stop::Closed),
            Err(error) if error.kind() == ErrorKind::RateLimited => {
                self.backoff = (self.backoff * 2).min(MAX_POLL_BACKOFF);
                self.next_poll = Instant::now() + self.backoff;
                self.gap(format!(
                    "a poll was refused as rate-limited; polling again in {} s",
                    self.backoff.as_secs_f32()
                ));
                None
            }
            Err(error) => {
                // The meeting may have ended: the list is refused for a meeting not in progress.
                match self.meeting.in_progress() {
                    Ok(false) => return Some(Stop::Ended),
                    Err(e) if e.kind() == ErrorKind::Cancelled => return Some(Stop::Closed),
                    _ => {}
                }
                if watch::is_fatal(&error) {
                    return Some(Stop::Failed(error));
                }
                self.backoff = (self.backoff * 2).min(MAX_POLL_BACKOFF);
                self.next_poll = Instant::now() + self.backoff;
                self.gap(format!("a poll failed ({}): {}", error.kind(), error));
                None
            }
        }
    }

    /// Waits up to a slice (or until the next poll) for a pushed event of this meeting and takes
    /// it in; `Some` when the watch stops.
    #[cfg(feature = "receiver")]
    fn take_pushed(&mut self) -> Option<Stop> {
        let wait = self.wait();
        let Some(receiver) = &self.pushed else {
            std::thread::sleep(wait);
            return None;
        };
        let asked = Instant::now();
        match receiver.next_for(self.meeting.id(), wait) {
            Some(event) => self.take_tencent_event(event),
            // Only a closed receiver answers nothing before the wait is over.
            None if asked.elapsed() + Duration::from_millis(5) < wait => self.receiver_closed(),
            None => None,
        }
    }

    /// The receiver was closed under the watch: polling goes on alone (after a gap: pushed
    /// events may have been lost), and a watch without polling ends with an error.
    #[cfg(feature = "receiver")]
    fn receiver_closed(&mut self) -> Option<Stop> {
        self.pushed = None;
        if !self.poll {
            return Some(Stop::Failed(Error::new(
                ErrorKind::Connection,
                "the webhook receiver this watch reads was closed",
            )));
        }
        self.gap("the webhook receiver was closed: the watch goes on by polling alone");
        None
    }

    #[cfg(not(feature = "receiver"))]
    fn take_pushed(&mut self) -> Option<Stop> {
        std::thread::sleep(self.wait());
        None
    }

    fn wait(&self) -> Duration {
        match self.poll {
            true => self.next_poll.saturating_duration_since(Instant::now()).min(SLICE),
            false => SLICE,
        }
    }

    #[cfg(feature = "receiver")]
    fn take_tencent_event(&mut self, event: crate::tencent::webhook::TencentEvent) -> Option<Stop> {
        use super::event::MeetingEventKind;
        use crate::tencent::webhook::TencentEventKind as K;
        let pushed = EventOrigin::Pushed;
        let mut events = Vec::new();
        match event.kind {
            K::ParticipantJoined | K::ParticipantLeft => {
                let Some(participant) = super::participant::Participant::from_tencent_event(&event) else {
                    events.push(MeetingEvent::other(event.name.clone(), event.raw(), pushed));
                    self.shared.push(events);
                    return None;
                };
                let mut roster = self.shared.roster();
                let change = match event.kind {
                    K::ParticipantJoined => roster.apply(participant, pushed),
                    _ => roster.remove(participant.id(), pushed),
                };
                drop(roster);
                let raw = event.raw();
                events.extend(change.map(|change| MeetingEvent { raw, ..change }));
            }
            K::MeetingStarted => events.push(MeetingEvent {
                raw: event.raw(),
                ..MeetingEvent::new(MeetingEventKind::Started, pushed)
            }),
            K::MeetingEnded => {
                self.shared.roster().clear();
                let ended = MeetingEvent { raw: event.raw(), ..watch::ended(pushed) };
                self.shared.push(vec![ended]);
                self.shared.finish(None);
                return Some(Stop::Closed);
            }
            _ => events.push(MeetingEvent::other(event.name.clone(), event.raw(), pushed)),
        }
        self.shared.push(events);
        None
    }
}
