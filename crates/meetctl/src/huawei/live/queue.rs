//! The events held for the app, and the roster: what the socket said last (`known`) and, while
//! the app is behind, what the app was last told (`told`), so that the app can be brought up to
//! date with the net differences once it has room again.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::HuaweiLiveEvent;
use super::state::{self, People};
use crate::error::Error;
use crate::huawei::HuaweiParticipant;

/// The reason of the gap given when the app could not keep up.
pub(crate) const FELL_BEHIND: &str = "the app fell behind";

struct Inner {
    items: VecDeque<Result<HuaweiLiveEvent, Error>>,
    capacity: usize,
    /// The roster as the socket said it last.
    known: People,
    /// What the app was told, when it differs from `known` because events were dropped.
    told: Option<People>,
    /// The reader has finished (its last item, if any, is queued).
    finished: bool,
    /// The app closed the stream.
    closed: bool,
    /// A full roster arrived (the first one is the stream's initial roster).
    roster_given: bool,
}

/// The queue between the reader thread and the app.
pub(crate) struct Queue {
    inner: Mutex<Inner>,
    ready: Condvar,
}

/// The reader's hold on the queue while it applies one notice.
pub(crate) struct Held<'a>(MutexGuard<'a, Inner>);

impl Queue {
    pub(crate) fn new(capacity: usize) -> Queue {
        Queue {
            inner: Mutex::new(Inner {
                items: VecDeque::new(),
                capacity,
                known: People::new(),
                told: None,
                finished: false,
                closed: false,
                roster_given: false,
            }),
            ready: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Holds the queue while a notice is applied; waiting `next` calls are woken when it is let go.
    pub(crate) fn hold(&self) -> Held<'_> {
        Held(self.lock())
    }

    /// Wakes every waiting `next` (after [`Held`] was let go, or on close).
    pub(crate) fn notify(&self) {
        self.ready.notify_all();
    }

    /// Closes the queue for the app: `next` returns `Ok(None)` from now on.
    pub(crate) fn wake(&self) {
        self.lock().closed = true;
        self.ready.notify_all();
    }

    /// Whether the app closed the stream.
    pub(crate) fn is_closed(&self) -> bool {
        self.lock().closed
    }

    /// The last item and the end of the stream: `item` always gets a place.
    pub(crate) fn finish(&self, last: Vec<Result<HuaweiLiveEvent, Error>>) {
        let mut inner = self.lock();
        inner.items.extend(last);
        inner.finished = true;
        drop(inner);
        self.ready.notify_all();
    }

    /// The next item, waiting at most `timeout`.
    pub(crate) fn pop(&self, timeout: Duration) -> Result<Option<HuaweiLiveEvent>, Error> {
        let until = Instant::now().checked_add(timeout);
        let mut inner = self.lock();
        loop {
            if inner.closed {
                return Ok(None);
            }
            if let Some(item) = inner.items.pop_front() {
                return item.map(Some);
            }
            if inner.finished {
                return Ok(None);
            }
            let left = match until {
                Some(until) => until.saturating_duration_since(Instant::now()),
                None => Duration::from_secs(3600),
            };
            if left.is_zero() {
                return Ok(None);
            }
            inner = self.ready.wait_timeout(inner, left).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// Whether a full roster has arrived.
    pub(crate) fn roster_given(&self) -> bool {
        self.lock().roster_given
    }

    /// Whether the stream ended and nothing is left for the app.
    pub(crate) fn is_finished(&self) -> bool {
        let inner = self.lock();
        inner.closed || (inner.finished && inner.items.is_empty())
    }

    /// The roster the socket said last.
    pub(crate) fn participants(&self) -> Vec<HuaweiParticipant> {
        self.lock().known.values().cloned().collect()
    }
}

impl Held<'_> {
    /// The roster the socket said last, to apply a notice to; the events it makes go to
    /// [`push_events`](Self::push_events).
    pub(crate) fn known(&mut self) -> &mut People {
        &mut self.0.known
    }

    /// Replaces the roster with a full one and queues the differences (after `gap`, when given).
    pub(crate) fn replace_roster(&mut self, roster: People, gap: Option<String>, resync: bool) -> usize {
        let events = state::diff(&self.0.known, &roster, resync);
        self.0.known = roster;
        self.0.roster_given = true;
        if let Some(reason) = gap {
            self.push_note(HuaweiLiveEvent::Gap { reason });
        }
        let count = events.len();
        self.push_events(events);
        count
    }

    /// Queues participant events already applied to the roster. When the queue is full, the rest
    /// are dropped and what the app was told is kept, to bring it up to date later.
    pub(crate) fn push_events(&mut self, events: Vec<HuaweiLiveEvent>) {
        let inner = &mut *self.0;
        // Each event is moved into the queue, never copied.
        let mut events = events.into_iter();
        while let Some(event) = events.next() {
            if inner.told.is_some() || inner.items.len() >= inner.capacity {
                if inner.told.is_none() {
                    // Undone from the last event dropped back to this one.
                    let mut told = inner.known.clone();
                    events.as_slice().iter().rev().for_each(|e| state::revert_event(&mut told, e));
                    state::revert_event(&mut told, &event);
                    inner.told = Some(told);
                }
                return;
            }
            inner.items.push_back(Ok(event));
        }
    }

    /// Queues another event; dropped (and the app taken as behind) when the queue is full.
    pub(crate) fn push_note(&mut self, event: HuaweiLiveEvent) {
        let inner = &mut *self.0;
        if inner.told.is_none() && inner.items.len() < inner.capacity {
            inner.items.push_back(Ok(event));
        } else if inner.told.is_none() {
            inner.told = Some(inner.known.clone());
        }
    }

    /// Brings an app that fell behind up to date once half the queue is free: a gap, then the
    /// differences between what it was told and the roster now.
    pub(crate) fn catch_up(&mut self) {
        let inner = &mut *self.0;
        if inner.told.is_none() || inner.items.len() > inner.capacity / 2 {
            return;
        }
        let Some(told) = inner.told.take() else { return };
        inner.items.push_back(Ok(HuaweiLiveEvent::Gap { reason: FELL_BEHIND.to_owned() }));
        let events = state::diff(&told, &inner.known, true);
        self.push_events(events);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::huawei::live::state::participant;
    use serde_json::json;

    fn person(pid: &str, hand: &str) -> HuaweiParticipant {
        participant(pid.into(), json!({"NAME": pid, "HAND": hand}).as_object().unwrap().clone())
    }

    fn roster(people: &[(&str, &str)]) -> People {
        people.iter().map(|(pid, hand)| (pid.to_string(), person(pid, hand))).collect()
    }

    fn drain(queue: &Queue) -> Vec<HuaweiLiveEvent> {
        std::iter::from_fn(|| queue.pop(Duration::ZERO).unwrap()).collect()
    }

    #[test]
    fn a_full_queue_drops_and_later_gives_the_net_difference() {
        let queue = Queue::new(2);
        let n = queue.hold().replace_roster(roster(&[("a", "0"), ("b", "0"), ("c", "0")]), None, false);
        assert_eq!(n, 3);
        // Two joins queued, c's dropped; then b raises a hand and d comes and goes, all dropped.
        {
            let mut held = queue.hold();
            let events = state::apply_increment(held.known(), vec![], false);
            held.push_events(events);
            held.replace_roster(roster(&[("a", "0"), ("b", "1"), ("c", "0")]), None, true);
            held.catch_up();
        }
        assert_eq!(queue.participants().len(), 3);
        let first = drain(&queue);
        assert_eq!(first.len(), 2);
        // A small queue takes the catching up in turns.
        let mut rest = Vec::new();
        for _ in 0..4 {
            queue.hold().catch_up();
            rest.extend(drain(&queue));
        }
        assert!(matches!(&rest[0], HuaweiLiveEvent::Gap { reason } if reason == FELL_BEHIND), "{rest:?}");
        let mut told = People::new();
        first.iter().chain(&rest).for_each(|e| state::apply_event(&mut told, e));
        assert_eq!(told, roster(&[("a", "0"), ("b", "1"), ("c", "0")]), "the app ends up knowing the roster");
        assert!(rest.iter().all(|e| matches!(
            e,
            HuaweiLiveEvent::Gap { .. }
                | HuaweiLiveEvent::Joined { resync: true, .. }
                | HuaweiLiveEvent::Changed { resync: true, .. }
        )));
    }

    #[test]
    fn the_end_always_gets_a_place_and_close_stops_next() {
        let queue = Queue::new(1);
        queue.hold().push_note(HuaweiLiveEvent::Speakers { participant_ids: vec![] });
        queue.finish(vec![Ok(HuaweiLiveEvent::Ended)]);
        assert!(!queue.is_finished());
        assert!(queue.pop(Duration::ZERO).unwrap().is_some());
        assert_eq!(queue.pop(Duration::ZERO).unwrap(), Some(HuaweiLiveEvent::Ended));
        assert!(queue.is_finished());
        let queue = Queue::new(1);
        queue.wake();
        let started = Instant::now();
        assert_eq!(queue.pop(Duration::from_secs(5)).unwrap(), None);
        assert!(started.elapsed() < Duration::from_secs(1));
    }
}
