//! `meetctl_watch`: a meeting watched (the core's `Meeting::watch` / `Meeting::events`), its
//! roster kept current and its changes as `meetctl_meeting_event`s, whichever the vendor.

use std::ffi::{CString, c_char};
use std::ptr;
use std::time::Duration;

use meetctl::{
    Error, ErrorKind, EventOrigin, MeetingEvent, MeetingEventKind, MeetingWatch, ParticipantField,
    WatchCloser, WatchOptions,
};

use crate::error::{fallible, meetctl_error};
use crate::failure::BoundaryFailure;
use crate::ffi;
use crate::meeting::meetctl_meeting;
use crate::panic::{PanicValue, boundary};
use crate::participant_list::meetctl_participant_list;
use crate::receiver::meetctl_tencent_receiver;
use crate::status::meetctl_status;

/// How `meetctl_meeting_watch` / `meetctl_meeting_events` read the meeting (`NULL` for every
/// default). Every field left 0 (or `NULL`, or `false`) takes its default, so a zero-initialised
/// struct (`meetctl_watch_options o = {0};`) is the defaults.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct meetctl_watch_options {
    /// Tencent: the time a poll waits per call it made (a poll of three pages waits three times
    /// this before the next), in milliseconds, from 50 to 300000. 0: 2000 (a tenth of the app's
    /// limit of 300 calls a minute).
    pub poll_interval_ms: u32,
    /// Tencent: `true` to not poll the participant list (then only what the receiver pushes:
    /// joins, leaves, start and end; a receiver is required). `meetctl_meeting_events` never
    /// polls, whatever this says.
    pub no_poll: bool,
    /// Most events held for the app, from 16 to 1000000. When the app falls this far behind,
    /// participant events are dropped and a `MEETCTL_MEETING_EVENT_KIND_GAP` is queued once there
    /// is room, followed by the net changes. 0: 10000.
    pub queue: u32,
    /// Tencent: take pushed joins, leaves, start and end from this webhook receiver (its events
    /// of this meeting; other meetings' events stay queued for others). Borrowed for the call: the
    /// watch keeps its own reference to the running receiver. Freeing or closing the receiver
    /// stops the pushed events: a polling watch goes on with what it polls (after a gap); a watch
    /// that only reads pushes ends with `MEETCTL_STATUS_CONNECTION`. `NULL`: none.
    pub tencent_receiver: *const meetctl_tencent_receiver,
}

/// What happened (`meetctl_meeting_event_get_kind`). Numbers are never reused.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_meeting_event_kind {
    /// None: only for a `NULL` event.
    None = 0,
    /// Someone joined (`meetctl_meeting_event_get_participant`). The roster a watch starts from
    /// arrives as joins too, with `MEETCTL_EVENT_ORIGIN_INITIAL`.
    Joined = 1,
    /// Someone left (the participant: their last known state).
    Left = 2,
    /// Someone's state changed: `_get_before`, `_get_participant` after, and which fields
    /// (`_changed_len`, `_get_changed`).
    Changed = 3,
    /// The meeting started.
    Started = 4,
    /// The meeting ended; the watch finishes after it.
    Ended = 5,
    /// Changes may have been missed (`meetctl_meeting_event_get_reason` says why): the events
    /// that follow with `MEETCTL_EVENT_ORIGIN_RESYNC` are the net difference once the state was
    /// read again.
    Gap = 6,
    /// Anything else the vendor reported (`meetctl_meeting_event_get_name`, `_get_raw_json`).
    Other = 7,
}

impl PanicValue for meetctl_meeting_event_kind {
    fn panic_value(_: String) -> Self {
        meetctl_meeting_event_kind::None
    }
}

impl meetctl_meeting_event_kind {
    fn from_core(kind: MeetingEventKind) -> Self {
        match kind {
            MeetingEventKind::Joined => meetctl_meeting_event_kind::Joined,
            MeetingEventKind::Left => meetctl_meeting_event_kind::Left,
            MeetingEventKind::Changed => meetctl_meeting_event_kind::Changed,
            MeetingEventKind::Started => meetctl_meeting_event_kind::Started,
            MeetingEventKind::Ended => meetctl_meeting_event_kind::Ended,
            MeetingEventKind::Gap => meetctl_meeting_event_kind::Gap,
            _ => meetctl_meeting_event_kind::Other,
        }
    }
}

/// How an event reached the app (`meetctl_meeting_event_get_origin`). Numbers are never reused.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_event_origin {
    /// None: only for a `NULL` event (or an origin newer than this header).
    None = 0,
    /// The vendor pushed it (a webhook, or Huawei's WebSocket).
    Pushed = 1,
    /// A poll of the participant list found it (Tencent).
    Polled = 2,
    /// The state read again after a gap: the net change since the last known state.
    Resync = 3,
    /// The roster the watch started from: the participants already there, as joins (so that
    /// "act on whoever joins" can skip them).
    Initial = 4,
}

impl PanicValue for meetctl_event_origin {
    fn panic_value(_: String) -> Self {
        meetctl_event_origin::None
    }
}

/// A participant's field a `MEETCTL_MEETING_EVENT_KIND_CHANGED` event names
/// (`meetctl_meeting_event_get_changed`). Numbers are never reused.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_participant_field {
    /// The display name (`meetctl_participant_list_get_name`).
    Name = 1,
    /// The role (`meetctl_participant_list_get_role`).
    Role = 2,
    /// Whether the microphone is muted.
    AudioMuted = 3,
    /// Whether the video is on.
    VideoOn = 4,
    /// Whether the hand is raised.
    HandRaised = 5,
    /// Whether the screen is shared.
    SharingScreen = 6,
}

/// The C number of a core field (its own number: they are the same).
fn field_code(field: ParticipantField) -> i32 {
    match field {
        ParticipantField::Name => meetctl_participant_field::Name as i32,
        ParticipantField::Role => meetctl_participant_field::Role as i32,
        ParticipantField::AudioMuted => meetctl_participant_field::AudioMuted as i32,
        ParticipantField::VideoOn => meetctl_participant_field::VideoOn as i32,
        ParticipantField::HandRaised => meetctl_participant_field::HandRaised as i32,
        ParticipantField::SharingScreen => meetctl_participant_field::SharingScreen as i32,
        _ => 0,
    }
}

/// A meeting watched: its roster kept current, its changes as events, read by a thread of the
/// library's own. Made with `meetctl_meeting_watch` or `meetctl_meeting_events`; freed with
/// `meetctl_watch_free` (which closes it and waits for its thread). It keeps what it needs of the
/// meeting: the meeting may be freed first.
///
/// Thread safety: thread-safe. `meetctl_watch_next`, `_is_finished`, `_roster` and `_close` may
/// be called from any number of threads at once; each event is given to exactly one caller. A
/// `meetctl_watch_close` from another thread ends a `meetctl_watch_next` waiting there at once
/// (it holds no lock while it waits). Only `meetctl_watch_free` needs every other call to have
/// returned.
pub struct meetctl_watch {
    watch: MeetingWatch,
    closer: WatchCloser,
}

/// One event of a watched meeting, whichever the vendor: from `meetctl_watch_next`; freed with
/// `meetctl_meeting_event_free`.
///
/// The participant (`_get_participant`) and the participant before a change (`_get_before`) are
/// one-entry `meetctl_participant_list`s borrowed from the event: read them with the list's
/// getters at index 0, and act on the participant with `meetctl_meeting_control(meeting, op,
/// list, 0, …)` while the event lives. Strings are borrowed from the event too: valid until it is
/// freed, never freed by the caller.
///
/// Thread safety: immutable; may be read from several threads at once, and freed once when no
/// thread reads it any more.
pub struct meetctl_meeting_event {
    kind: meetctl_meeting_event_kind,
    origin: meetctl_event_origin,
    participant: Option<meetctl_participant_list>,
    before: Option<meetctl_participant_list>,
    changed: Vec<i32>,
    reason: Option<CString>,
    name: Option<CString>,
    raw_json: CString,
    json: CString,
}

impl meetctl_meeting_event {
    fn new(event: MeetingEvent) -> Self {
        let json = ffi::c_string(&event.to_json().to_string());
        let list = |p: Option<meetctl::Participant>| p.map(|p| meetctl_participant_list::new(vec![p]));
        meetctl_meeting_event {
            kind: meetctl_meeting_event_kind::from_core(event.kind),
            origin: match event.origin {
                EventOrigin::Pushed => meetctl_event_origin::Pushed,
                EventOrigin::Polled => meetctl_event_origin::Polled,
                EventOrigin::Resync => meetctl_event_origin::Resync,
                EventOrigin::Initial => meetctl_event_origin::Initial,
                _ => meetctl_event_origin::None,
            },
            changed: event.changed.iter().copied().map(field_code).collect(),
            reason: event.reason.as_deref().map(ffi::c_string),
            name: event.name.as_deref().map(ffi::c_string),
            raw_json: ffi::c_string(&event.raw.to_string()),
            json,
            participant: list(event.participant),
            before: list(event.before),
        }
    }
}

/// The core's options for the C options (`NULL`: the defaults); `events` never polls.
fn options(options: *const meetctl_watch_options) -> WatchOptions {
    let mut out = WatchOptions::new();
    let Some(o) = ffi::opt_ref(options) else { return out };
    if o.poll_interval_ms != 0 {
        out = out.poll_interval(Duration::from_millis(u64::from(o.poll_interval_ms)));
    }
    if o.no_poll {
        out = out.poll(false);
    }
    if o.queue != 0 {
        out = out.queue(usize::try_from(o.queue).unwrap_or(usize::MAX));
    }
    if let Some(receiver) = ffi::opt_ref(o.tencent_receiver) {
        out = out.tencent_receiver(receiver.shared());
    }
    out
}

/// The core's refusal of an option, naming the C field (`options.poll_interval_ms`, …).
fn name_option(error: Error) -> BoundaryFailure {
    if error.kind() != ErrorKind::InvalidArgument {
        return BoundaryFailure::Core(error);
    }
    let field = match error.field() {
        Some("poll_interval") => "options.poll_interval_ms",
        Some("queue") => "options.queue",
        Some("receiver") => "options.tencent_receiver",
        _ => return BoundaryFailure::Core(error),
    };
    BoundaryFailure::invalid(field, error.message().to_owned())
}

fn start(
    meeting: *const meetctl_meeting,
    opts: *const meetctl_watch_options,
    events_only: bool,
    watch_out: *mut *mut meetctl_watch,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let meeting = ffi::try_ref(meeting, "meeting")?.meeting();
        let out = ffi::try_out(watch_out, "watch_out")?;
        let opts = options(opts);
        let watch =
            if events_only { meeting.events(opts) } else { meeting.watch(opts) }.map_err(name_option)?;
        let closer = watch.closer();
        out.write(ffi::into_handle(meetctl_watch { watch, closer }));
        Ok(())
    })
}

/// Starts watching `meeting`: its participants kept current and every change as an event
/// (`meetctl_watch_next`), read by a thread of the library's own until the meeting ends or the
/// watch is closed. `options` may be `NULL` for every default.
///
/// Tencent: the real-time participant list is polled (every `poll_interval_ms` per call made,
/// by default 2 s), the first poll made before this returns (a meeting that cannot be read fails
/// now), its participants the first events (joins, `MEETCTL_EVENT_ORIGIN_INITIAL`); with
/// `options->tencent_receiver`, joins, leaves, start and end are also taken as the vendor pushes
/// them. Huawei: the conference-control WebSocket, every change pushed (the first message is
/// awaited here, so a wrong password fails now).
///
/// `MEETCTL_STATUS_INVALID_ARGUMENT` naming `options.poll_interval_ms`, `options.queue` or
/// `options.tencent_receiver` for an option out of range. On success `*watch_out` receives the
/// running watch, to free with `meetctl_watch_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_watch(
    meeting: *const meetctl_meeting,
    options: *const meetctl_watch_options,
    watch_out: *mut *mut meetctl_watch,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    start(meeting, options, false, watch_out, err_out)
}

/// As `meetctl_meeting_watch`, with only what the vendor pushes: Tencent never polls (a
/// `options->tencent_receiver` is then required: `MEETCTL_STATUS_INVALID_ARGUMENT` naming
/// `options.tencent_receiver` without one), so the roster holds only who joined since.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_events(
    meeting: *const meetctl_meeting,
    options: *const meetctl_watch_options,
    watch_out: *mut *mut meetctl_watch,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    start(meeting, options, true, watch_out, err_out)
}

/// The next event, waiting up to `timeout_ms` milliseconds for one (0: only what is queued now).
/// On success `*event_out` receives it (the caller's, freed with `meetctl_meeting_event_free`),
/// or `NULL` when none came within the timeout, or the watch is finished
/// (`meetctl_watch_is_finished`) or closed: "nothing" is `MEETCTL_STATUS_OK` with `*event_out`
/// `NULL`, not an error.
///
/// When the watch ended with an error (credentials refused, permission denied), that error's
/// status is returned once (with `*err_out`), and the watch is finished after it.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_watch_next(
    watch: *const meetctl_watch,
    timeout_ms: u32,
    event_out: *mut *mut meetctl_meeting_event,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let watch = ffi::try_ref(watch, "watch")?;
        let out = ffi::try_out(event_out, "event_out")?;
        let event = watch.watch.next(Duration::from_millis(u64::from(timeout_ms)))?;
        out.write(event.map_or(ptr::null_mut(), |e| ffi::into_handle(meetctl_meeting_event::new(e))));
        Ok(())
    })
}

/// Whether no event will come any more (the meeting ended, the watch failed and its error was
/// taken, or it was closed) and none is waiting; `false` for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_watch_is_finished(watch: *const meetctl_watch) -> bool {
    boundary(|| ffi::opt_ref(watch).is_some_and(|w| w.watch.is_finished()))
}

/// Everyone in the meeting as last known, in the order first seen (it may be ahead of the events
/// not yet taken). On success `*list_out` receives a new list to free with
/// `meetctl_participant_list_free`; its entries are what `meetctl_meeting_control` acts on.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_watch_roster(
    watch: *const meetctl_watch,
    list_out: *mut *mut meetctl_participant_list,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let watch = ffi::try_ref(watch, "watch")?;
        let out = ffi::try_out(list_out, "list_out")?;
        out.write(ffi::into_handle(meetctl_participant_list::new(watch.watch.roster())));
        Ok(())
    })
}

/// Closes the watch, from any thread: a `meetctl_watch_next` waiting on another thread returns
/// `MEETCTL_STATUS_OK` with no event at once, and so do later ones; the poll or connection in
/// flight is ended. Closing again, or `NULL`, is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_watch_close(watch: *const meetctl_watch) {
    boundary(|| {
        if let Some(w) = ffi::opt_ref(watch) {
            w.closer.close();
        }
    })
}

/// Closes the watch (as `meetctl_watch_close`), waits for its thread to end, and frees it. `NULL`
/// is a no-op. No other thread may be using it.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_watch_free(watch: *mut meetctl_watch) {
    boundary(|| ffi::free_box(watch))
}

/// Frees an event. `NULL` is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_event_free(event: *mut meetctl_meeting_event) {
    boundary(|| ffi::free_box(event))
}

/// What happened; `MEETCTL_MEETING_EVENT_KIND_NONE` only for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_event_get_kind(
    event: *const meetctl_meeting_event,
) -> meetctl_meeting_event_kind {
    boundary(|| ffi::opt_ref(event).map_or(meetctl_meeting_event_kind::None, |e| e.kind))
}

/// How it reached the app; `MEETCTL_EVENT_ORIGIN_NONE` only for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_event_get_origin(
    event: *const meetctl_meeting_event,
) -> meetctl_event_origin {
    boundary(|| ffi::opt_ref(event).map_or(meetctl_event_origin::None, |e| e.origin))
}

/// Who joined, left or changed (after the change): a one-entry list borrowed from the event (read
/// it at index 0; pass it with index 0 to `meetctl_meeting_control`), valid until the event is
/// freed, never freed by the caller. Its id is the one `meetctl_meeting_participants` gives.
/// `NULL` for an event about no participant, or for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_event_get_participant(
    event: *const meetctl_meeting_event,
) -> *const meetctl_participant_list {
    boundary(|| ffi::opt_ref(event).and_then(|e| e.participant.as_ref()).map_or(ptr::null(), ptr::from_ref))
}

/// For `MEETCTL_MEETING_EVENT_KIND_CHANGED`: the participant before the change, as
/// `meetctl_meeting_event_get_participant` (borrowed, one entry). `NULL` for other events.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_event_get_before(
    event: *const meetctl_meeting_event,
) -> *const meetctl_participant_list {
    boundary(|| ffi::opt_ref(event).and_then(|e| e.before.as_ref()).map_or(ptr::null(), ptr::from_ref))
}

/// For `MEETCTL_MEETING_EVENT_KIND_CHANGED`: how many fields changed (0 for other events and for
/// `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_event_changed_len(event: *const meetctl_meeting_event) -> usize {
    boundary(|| ffi::opt_ref(event).map_or(0, |e| e.changed.len()))
}

/// Changed field `index`, a `meetctl_participant_field` value, in the order of their numbers; -1
/// when `index` is out of range or for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_event_get_changed(
    event: *const meetctl_meeting_event,
    index: usize,
) -> i32 {
    boundary(|| ffi::opt_ref(event).and_then(|e| e.changed.get(index).copied()).unwrap_or(-1))
}

/// For `MEETCTL_MEETING_EVENT_KIND_GAP`: why changes may have been missed. Borrowed; `NULL` for
/// other events.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_event_get_reason(event: *const meetctl_meeting_event) -> *const c_char {
    boundary(|| ffi::opt_ptr(ffi::opt_ref(event).and_then(|e| e.reason.as_ref())))
}

/// For `MEETCTL_MEETING_EVENT_KIND_OTHER`: the vendor's name of the event or notification
/// (`"SpeakerChangeNotify"`, `"meeting.updated"`). Borrowed; `NULL` for other events.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_event_get_name(event: *const meetctl_meeting_event) -> *const c_char {
    boundary(|| ffi::opt_ptr(ffi::opt_ref(event).and_then(|e| e.name.as_ref())))
}

/// The vendor's message the event came from, as JSON text (`null` where there is none, as for a
/// polled change). Borrowed; `NULL` only for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_event_get_raw_json(event: *const meetctl_meeting_event) -> *const c_char {
    boundary(|| ffi::opt_ptr(ffi::opt_ref(event).map(|e| &e.raw_json)))
}

/// The event as one JSON object (what `meetctl watch` prints): `kind` and `origin` by name
/// (`"joined"`, `"polled"`), and where set `participant`, `before`, `changed` (field names),
/// `reason`, `name`, `raw`. Borrowed; `NULL` only for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_event_get_json(event: *const meetctl_meeting_event) -> *const c_char {
    boundary(|| ffi::opt_ptr(ffi::opt_ref(event).map(|e| &e.json)))
}

/// The short lowercase name of a `meetctl_meeting_event_kind` (`"joined"`); `NULL` for an unknown
/// number. Static: never freed.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_event_kind_name(kind: u32) -> *const c_char {
    boundary(|| {
        let name: &'static std::ffi::CStr = match kind {
            1 => c"joined",
            2 => c"left",
            3 => c"changed",
            4 => c"started",
            5 => c"ended",
            6 => c"gap",
            7 => c"other",
            _ => return ptr::null(),
        };
        name.as_ptr()
    })
}

/// The name of a `meetctl_participant_field` as the participant has it (`"audio_muted"`); `NULL`
/// for an unknown number. Static: never freed.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_field_name(field: u32) -> *const c_char {
    boundary(|| {
        let name: &'static std::ffi::CStr = match field {
            1 => c"name",
            2 => c"role",
            3 => c"audio_muted",
            4 => c"video_on",
            5 => c"hand_raised",
            6 => c"sharing_screen",
            _ => return ptr::null(),
        };
        name.as_ptr()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_the_cores() {
        for field in ParticipantField::ALL {
            assert_eq!(field_code(field), field as i32);
            let name = meetctl_participant_field_name(field as u32);
            // SAFETY: a static string.
            assert_eq!(unsafe { std::ffi::CStr::from_ptr(name) }.to_str().unwrap(), field.name());
        }
        use MeetingEventKind as K;
        for kind in [K::Joined, K::Left, K::Changed, K::Started, K::Ended, K::Gap, K::Other] {
            assert_eq!(meetctl_meeting_event_kind::from_core(kind) as u32, kind as u32);
            let name = meetctl_meeting_event_kind_name(kind as u32);
            // SAFETY: a static string.
            assert_eq!(unsafe { std::ffi::CStr::from_ptr(name) }.to_str().unwrap(), kind.name());
        }
        assert!(meetctl_meeting_event_kind_name(0).is_null() && meetctl_participant_field_name(7).is_null());
        assert_eq!(meetctl_event_origin::Resync as u32, EventOrigin::Resync as u32);
        assert_eq!(meetctl_event_origin::Initial as u32, EventOrigin::Initial as u32);
    }

    #[test]
    fn null_handles_are_refused_or_answered_with_nothing() {
        let mut err = ptr::null_mut();
        let mut w = ptr::null_mut();
        assert_eq!(
            meetctl_meeting_watch(ptr::null(), ptr::null(), &mut w, &mut err),
            meetctl_status::NullArgument
        );
        crate::error::meetctl_error_free(err);
        let mut e = ptr::null_mut();
        assert_eq!(meetctl_watch_next(ptr::null(), 0, &mut e, ptr::null_mut()), meetctl_status::NullArgument);
        assert!(!meetctl_watch_is_finished(ptr::null()));
        meetctl_watch_close(ptr::null());
        meetctl_watch_free(ptr::null_mut());
        assert_eq!(meetctl_meeting_event_get_kind(ptr::null()), meetctl_meeting_event_kind::None);
        assert_eq!(meetctl_meeting_event_get_origin(ptr::null()), meetctl_event_origin::None);
        assert!(meetctl_meeting_event_get_participant(ptr::null()).is_null());
        assert_eq!(meetctl_meeting_event_get_changed(ptr::null(), 0), -1);
        assert!(meetctl_meeting_event_get_json(ptr::null()).is_null());
        meetctl_meeting_event_free(ptr::null_mut());
    }
}
