//! Watching a Huawei conference: its conference-control WebSocket
//! ([`HuaweiLiveStream`]), each notification mapped to a [`MeetingEvent`] as the app takes it.
//! The stream keeps the roster; the participants are the same [`Participant`]s the controls take.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::event::{EventOrigin, MeetingEvent, MeetingEventKind, ParticipantField};
use super::participant::Participant;
use super::watch::{self, WatchOptions};
use crate::error::{Error, ErrorKind};
use crate::huawei::{Conference, HuaweiLiveEvent, HuaweiLiveStream, HuaweiParticipant, LiveCloser};

/// A Huawei conference watched through its WebSocket.
pub(crate) struct HuaweiWatch {
    stream: HuaweiLiveStream,
    /// The events read before `watch()` returned.
    pending: Mutex<VecDeque<MeetingEvent>>,
    /// The conference ended: the roster is empty from then on (as on Tencent).
    ended: AtomicBool,
}

/// Opens the conference's WebSocket (token, connection, subscription) and waits, within the
/// client's call timeout, for its full roster: a conference that cannot be watched (a wrong
/// password, one that has ended) fails here rather than on the first `next`, and
/// [`roster`](HuaweiWatch::roster) is the conference's from the start. The events read while
/// waiting are kept for `next`.
pub(super) fn start(conference: &Conference, options: &WatchOptions) -> Result<HuaweiWatch, Error> {
    options.validate()?;
    let stream = conference.live_events(options.live.clone().queue(options.queue))?;
    let deadline = conference.client().deadline();
    let mut pending = VecDeque::new();
    while !stream.has_roster() {
        let left = deadline.saturating_duration_since(Instant::now());
        match stream.next(left.min(Duration::from_millis(20))) {
            Ok(Some(event)) => pending.push_back(meeting_event(event)),
            Ok(None) if stream.is_finished() => break,
            Ok(None) if left.is_zero() => {
                stream.close();
                return Err(Error::new(
                    ErrorKind::Timeout,
                    "the conference's WebSocket gave no roster within the call's timeout",
                ));
            }
            Ok(None) => {}
            Err(error) => {
                stream.close();
                return Err(error);
            }
        }
    }
    Ok(HuaweiWatch { stream, pending: Mutex::new(pending), ended: AtomicBool::new(false) })
}

impl HuaweiWatch {
    pub(crate) fn next(&self, timeout: Duration) -> Result<Option<MeetingEvent>, Error> {
        let first = self.pending.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
        let event = match first {
            Some(first) => Some(first),
            None => self.stream.next(timeout)?.map(meeting_event),
        };
        if event.as_ref().is_some_and(|e| e.kind == MeetingEventKind::Ended) {
            self.ended.store(true, Ordering::Release);
        }
        Ok(event)
    }

    pub(crate) fn is_finished(&self) -> bool {
        self.pending.lock().unwrap_or_else(|e| e.into_inner()).is_empty() && self.stream.is_finished()
    }

    pub(crate) fn roster(&self) -> Vec<Participant> {
        if self.ended.load(Ordering::Acquire) {
            return Vec::new();
        }
        self.stream.participants().into_iter().map(participant).collect()
    }

    pub(crate) fn closer(&self) -> LiveCloser {
        self.stream.closer()
    }
}

/// The neutral participant of a WebSocket entry: what a listing gives, plus screen sharing
/// (`SHARE`), which only the WebSocket reports.
fn participant(p: HuaweiParticipant) -> Participant {
    let sharing = p.raw.get("SHARE").and_then(Value::as_str).map(|v| v == "1");
    let mut participant = Participant::from_huawei(p);
    participant.sharing_screen = sharing;
    participant
}

fn origin(resync: bool) -> EventOrigin {
    if resync { EventOrigin::Resync } else { EventOrigin::Pushed }
}

/// The neutral event of one notification.
fn meeting_event(event: HuaweiLiveEvent) -> MeetingEvent {
    match event {
        HuaweiLiveEvent::Joined { participant: p, initial: true, .. } => {
            MeetingEvent::joined(participant(p), EventOrigin::Initial)
        }
        HuaweiLiveEvent::Joined { participant: p, resync, .. } => {
            MeetingEvent::joined(participant(p), origin(resync))
        }
        HuaweiLiveEvent::Left { participant: p, resync } => {
            MeetingEvent::left(participant(p), origin(resync))
        }
        HuaweiLiveEvent::Changed { before, after, changed, resync } => MeetingEvent {
            participant: Some(participant(after)),
            before: Some(participant(before)),
            changed: changed.iter().filter_map(|name| ParticipantField::from_name(name)).collect(),
            ..MeetingEvent::new(MeetingEventKind::Changed, origin(resync))
        },
        HuaweiLiveEvent::ConferenceState { raw, .. } => {
            MeetingEvent::other("ConfDynamicInfoNotify", raw, EventOrigin::Pushed)
        }
        HuaweiLiveEvent::ConferenceInfo { raw } => {
            MeetingEvent::other("ConfBasicInfoNotify", raw, EventOrigin::Pushed)
        }
        HuaweiLiveEvent::Speakers { participant_ids } => {
            let ids: Vec<String> = participant_ids.iter().map(|pid| format!("huawei:{pid}")).collect();
            MeetingEvent::other("SpeakerChangeNotify", json!({ "participant_ids": ids }), EventOrigin::Pushed)
        }
        HuaweiLiveEvent::Gap { reason } => MeetingEvent::gap(reason),
        HuaweiLiveEvent::Ended => watch::ended(EventOrigin::Pushed),
        HuaweiLiveEvent::Other { action, raw } => MeetingEvent::other(action, raw, EventOrigin::Pushed),
    }
}
