//! The reader thread: connects, subscribes, reads notices, sends heartbeats, reconnects.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::Message;
use tungstenite::protocol::CloseFrame;
use tungstenite::protocol::frame::coding::CloseCode;

use super::frame::{self, Frame, FrameError, Mode};
use super::state::{self, Versions};
use super::{HuaweiLiveEvent, LiveOptions, Shared};
use crate::cancel;
use crate::encoding::query_string;
use crate::error::{Error, ErrorKind};
use crate::huawei::Conference;
use crate::secret::Secret;
use crate::transport::websocket::{self, Limits, WsStream};

/// The notices subscribed to.
const SUBSCRIBE_TYPES: [&str; 4] =
    ["ConfBasicInfoNotify", "ConfDynamicInfoNotify", "ParticipantsNotify", "SpeakerChangeNotify"];

/// The close code of a refused subscription.
const CLOSE_REFUSED: u16 = 4001;

/// How long one read of the socket waits before the reader looks at its clocks again.
const POLL: Duration = Duration::from_millis(100);

/// Starts the reader thread.
pub(super) fn spawn(conference: Conference, options: LiveOptions, shared: Arc<Shared>) -> Result<(), Error> {
    std::thread::Builder::new()
        .name("meetctl-huawei-live".into())
        .spawn(move || {
            let _bound = shared.cancel.bind();
            let last = Reader { conference, options, shared: Arc::clone(&shared) }.run();
            shared.queue.finish(last);
        })
        .map(drop)
        .map_err(|e| {
            Error::new(ErrorKind::Connection, "could not start the live stream's thread").with_source(e)
        })
}

/// How one session (one socket) ended.
enum Outcome {
    /// The conference ended.
    Ended,
    /// The app closed the stream.
    Closed,
    /// The stream cannot go on.
    Fatal(Error),
    /// The socket broke or could not be opened: reconnect.
    Broken {
        /// Why, for the gap.
        reason: String,
        /// The error, when the stream ends for it.
        error: Error,
        /// Whether the session was subscribed and had its roster (a success, for the count of
        /// failures in a row).
        healthy: bool,
    },
}

struct Reader {
    conference: Conference,
    options: LiveOptions,
    shared: Arc<Shared>,
}

impl Reader {
    /// Runs sessions until the stream ends; the last items for the app.
    fn run(self) -> Vec<Result<HuaweiLiveEvent, Error>> {
        let mut failures: u32 = 0;
        let mut gap: Option<String> = None;
        let mut first = true;
        loop {
            if self.shared.cancel.is_fired() {
                return Vec::new();
            }
            match self.session(&mut gap, first) {
                Outcome::Ended => return vec![Ok(HuaweiLiveEvent::Ended)],
                Outcome::Closed => return Vec::new(),
                Outcome::Fatal(error) => return vec![Err(error)],
                Outcome::Broken { reason, error, healthy } => {
                    if healthy {
                        failures = 0;
                        first = false;
                    } else {
                        failures = failures.saturating_add(1);
                    }
                    if error.kind() == ErrorKind::Cancelled || self.shared.cancel.is_fired() {
                        return Vec::new();
                    }
                    // Wrong arguments, permissions or an unknown conference on the first attempt:
                    // no reconnect mends those.
                    let hopeless = matches!(
                        error.kind(),
                        ErrorKind::InvalidArgument | ErrorKind::PermissionDenied | ErrorKind::NotFound
                    );
                    if (first && hopeless) || failures >= self.options.max_reconnects {
                        return vec![Err(error)];
                    }
                    log::debug!("live stream: reconnecting ({reason}); failures in a row: {failures}");
                    if !first {
                        gap.get_or_insert(reason);
                    }
                    if cancel::sleep_until(Instant::now() + self.backoff(failures)).is_err() {
                        return Vec::new();
                    }
                }
            }
        }
    }

    /// The wait before reconnecting after `failures` failures in a row: exponential, with jitter
    /// (half to all of it).
    fn backoff(&self, failures: u32) -> Duration {
        let o = &self.options;
        let doubled = o.reconnect_initial.saturating_mul(1u32 << failures.saturating_sub(1).min(20));
        let full = doubled.min(o.reconnect_max);
        let mut byte = [0u8; 1];
        let random = self.conference.client().inner.random.fill(&mut byte).map_or(255, |()| byte[0]);
        full / 2 + (full / 2).mul_f64(f64::from(random) / 255.0)
    }

    /// Where the socket is: the `wsURL` given (`host:port`, or a whole `ws(s)://` URL), or the
    /// base URL's host; `wss` when the base URL is https.
    fn socket_url(&self, given: Option<String>, token: &Secret) -> Result<String, Error> {
        let client = self.conference.client();
        let route = client.transport().route();
        let scheme = if route.tls { "wss" } else { "ws" };
        let (scheme, host) = match given.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => match url.split_once("://") {
                Some((given_scheme, rest)) => {
                    let scheme = match given_scheme.to_ascii_lowercase().as_str() {
                        "wss" | "https" => "wss",
                        "ws" | "http" => "ws",
                        _ => {
                            return Err(Error::new(
                                ErrorKind::MalformedResponse,
                                "the wsURL's scheme is not ws or wss",
                            ));
                        }
                    };
                    (scheme, rest.split('/').next().unwrap_or_default().to_owned())
                }
                None => (scheme, url.split('/').next().unwrap_or_default().to_owned()),
            },
            None => {
                let host = match route.host.contains(':') {
                    true => format!("[{}]:{}", route.host, route.port),
                    false => format!("{}:{}", route.host, route.port),
                };
                (scheme, host)
            }
        };
        let bad = |c: char| !(c.is_ascii_alphanumeric() || "-._:[]".contains(c));
        if host.is_empty() || host.contains(bad) {
            return Err(Error::new(ErrorKind::MalformedResponse, "the wsURL is not a host and port"));
        }
        let query = query_string(&[("confID", self.conference.id()), ("tmpToken", token.expose())]);
        Ok(format!("{scheme}://{host}/cms/open/websocket/confctl/increment/conn?{query}"))
    }

    /// Opens a socket and subscribes.
    fn open(&self) -> Result<tungstenite::WebSocket<WsStream>, Error> {
        let ws_token = self.conference.ws_token()?;
        let control_token = self.conference.control_token()?;
        let url =
            self.socket_url(ws_token.ws_url.clone().or_else(|| self.conference.ws_url()), &ws_token.token)?;
        let transport = self.conference.client().transport();
        let limits = Limits { max_message_bytes: self.options.max_frame_bytes };
        let mut socket = websocket::connect(transport, &url, transport.deadline(), limits)?;
        socket.get_mut().set_poll(POLL);
        let data = json!({"subscribeType": SUBSCRIBE_TYPES, "confToken": control_token.expose()}).to_string();
        let subscribe = json!({"sequence": sequence(), "action": "Subscribe", "data": data}).to_string();
        socket.send(Message::text(subscribe)).map_err(websocket::ws_error)?;
        Ok(socket)
    }

    /// One socket, from connecting to its end.
    fn session(&self, gap: &mut Option<String>, first: bool) -> Outcome {
        let broken = |reason: &str, error: Error, healthy: bool| Outcome::Broken {
            reason: reason.to_owned(),
            error,
            healthy,
        };
        let mut socket = match self.open() {
            Ok(socket) => socket,
            Err(e) if e.kind() == ErrorKind::Cancelled => return Outcome::Closed,
            Err(e) => {
                let reason = format!("could not reconnect: {}", e.message());
                return Outcome::Broken { reason, error: e, healthy: false };
            }
        };
        let mut versions = Versions::default();
        let mut healthy = false;
        let mut destroyed = false;
        let mut next_heartbeat = Instant::now() + self.options.heartbeat_interval;
        let mut awaiting_echo: Option<Instant> = None;
        let outcome = loop {
            if self.shared.cancel.is_fired() || self.shared.queue.is_closed() {
                break Outcome::Closed;
            }
            {
                let mut held = self.shared.queue.hold();
                held.catch_up();
            }
            self.shared.queue.notify();
            let now = Instant::now();
            if let Some(sent) = awaiting_echo {
                if now.duration_since(sent) > self.options.heartbeat_timeout {
                    let error = Error::new(ErrorKind::Timeout, "the server did not answer a heartbeat");
                    break broken("no answer to a heartbeat", error, healthy);
                }
            }
            if now >= next_heartbeat {
                let beat = json!({"sequence": sequence(), "action": "HeartBeat"}).to_string();
                if let Err(e) = socket.send(Message::text(beat)) {
                    break self.read_failed(e, healthy, destroyed);
                }
                awaiting_echo.get_or_insert(now);
                next_heartbeat = now + self.options.heartbeat_interval;
            }
            let message = match socket.read() {
                Ok(message) => message,
                Err(tungstenite::Error::Io(e)) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
                Err(e) => break self.read_failed(e, healthy, destroyed),
            };
            let text = match message {
                Message::Text(text) => text,
                Message::Binary(_) => {
                    log::warn!("live stream: a binary frame; reconnecting");
                    let error = Error::new(ErrorKind::MalformedResponse, "the server sent a binary frame");
                    break broken("the server sent a binary frame", error, healthy);
                }
                Message::Close(frame) => break self.closed_by_server(frame, healthy, destroyed),
                Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => continue,
            };
            let frame = match frame::parse(text.as_bytes()) {
                Ok(frame) => frame,
                Err(FrameError::NotJson) => {
                    log::warn!("live stream: a frame that is not JSON; reconnecting");
                    let error =
                        Error::new(ErrorKind::MalformedResponse, "the server sent a frame that is not JSON");
                    break broken("the server sent a frame that is not JSON", error, healthy);
                }
                Err(FrameError::WrongShape(why)) => {
                    log::warn!("live stream: a frame ignored: {why}");
                    continue;
                }
                Err(FrameError::BadParticipants(why)) => {
                    log::warn!(
                        "live stream: a participants notice that cannot be read ({why}); resynchronising"
                    );
                    let error =
                        Error::new(ErrorKind::MalformedResponse, "a participants notice could not be read");
                    break broken("a participants notice could not be read", error, healthy);
                }
            };
            let mut session = Session {
                versions: &mut versions,
                gap,
                initial: first,
                healthy: &mut healthy,
                destroyed: &mut destroyed,
            };
            match self.apply(frame, &mut session) {
                Ok(Applied::Nothing) => {}
                Ok(Applied::Echo) => awaiting_echo = None,
                Ok(Applied::End(outcome)) => break outcome,
                Err(reason) => {
                    log::warn!("live stream: {reason}; resynchronising");
                    let error = Error::new(ErrorKind::MalformedResponse, reason.clone());
                    break Outcome::Broken { reason, error, healthy };
                }
            }
        };
        let _ = socket.close(Some(CloseFrame { code: CloseCode::Normal, reason: "".into() }));
        let _ = socket.flush();
        outcome
    }
}

/// What a session knows besides the roster.
struct Session<'a> {
    versions: &'a mut Versions,
    /// The gap to give with the next full roster (a reconnect's reason).
    gap: &'a mut Option<String>,
    /// Whether no roster was ever given yet (the first one arrives as plain joins).
    initial: bool,
    /// Whether this socket gave its full roster.
    healthy: &'a mut bool,
    /// Whether the conference was announced as destroyed.
    destroyed: &'a mut bool,
}

/// What a frame led to.
enum Applied {
    Nothing,
    /// A heartbeat's echo.
    Echo,
    End(Outcome),
}

impl Reader {
    /// Acts on one frame; `Err` names a gap (a resync follows).
    fn apply(&self, frame: Frame, s: &mut Session<'_>) -> Result<Applied, String> {
        if let Some((action, mode, version)) = versioned(&frame) {
            s.versions.check(action, mode, version)?;
        }
        let queue = &self.shared.queue;
        // After a reconnect, the gap comes before anything the new socket says.
        if !matches!(frame, Frame::Subscribed { .. } | Frame::HeartBeat) {
            if let Some(reason) = s.gap.take() {
                queue.hold().push_note(HuaweiLiveEvent::Gap { reason });
            }
        }
        match frame {
            Frame::Subscribed { ok: true } => {}
            Frame::Subscribed { ok: false } => {
                let error =
                    Error::new(ErrorKind::Auth, "the server refused the subscription (the control token)");
                return Ok(Applied::End(Outcome::Fatal(error)));
            }
            Frame::HeartBeat => return Ok(Applied::Echo),
            Frame::Participants { mode: Mode::Full, entries, .. } => {
                let roster = state::roster_of(entries);
                let resync = !s.initial || *s.healthy;
                queue.hold().replace_roster(roster, None, resync);
                *s.healthy = true;
            }
            Frame::Participants { mode: Mode::Increment, entries, .. } => {
                if !*s.healthy {
                    return Err("a participants increment came before the full roster".to_owned());
                }
                let mut held = queue.hold();
                let events = state::apply_increment(held.known(), entries, false);
                held.push_events(events);
            }
            Frame::Dynamic { fields, .. } => {
                let state = fields.get("state").and_then(Value::as_str).map(str::to_owned);
                let destroyed = state.as_deref() == Some("Destroyed");
                let event = HuaweiLiveEvent::ConferenceState {
                    state,
                    locked: bool_of(fields.get("lock")),
                    recording: bool_of(fields.get("recState")),
                    raw: fields,
                };
                queue.hold().push_note(event);
                if destroyed {
                    *s.destroyed = true;
                    queue.notify();
                    return Ok(Applied::End(Outcome::Ended));
                }
            }
            Frame::Basic { fields, .. } => {
                queue.hold().push_note(HuaweiLiveEvent::ConferenceInfo { raw: fields })
            }
            Frame::Speakers { ids, .. } => {
                queue.hold().push_note(HuaweiLiveEvent::Speakers { participant_ids: ids });
            }
            Frame::Other { action, raw } => queue.hold().push_note(HuaweiLiveEvent::Other { action, raw }),
        }
        queue.notify();
        Ok(Applied::Nothing)
    }

    /// A read or write that failed.
    fn read_failed(&self, e: tungstenite::Error, healthy: bool, destroyed: bool) -> Outcome {
        if destroyed {
            return Outcome::Ended;
        }
        let dropped = matches!(
            e,
            tungstenite::Error::Protocol(tungstenite::error::ProtocolError::ResetWithoutClosingHandshake)
        );
        let error = match dropped {
            true => Error::new(ErrorKind::Connection, "the socket dropped without a close frame"),
            false => websocket::ws_error(e),
        };
        if error.kind() == ErrorKind::Cancelled || self.shared.cancel.is_fired() {
            return Outcome::Closed;
        }
        let reason = match error.kind() {
            ErrorKind::MalformedResponse => format!("a frame could not be read: {}", error.message()),
            _ => format!("the socket broke: {}", error.message()),
        };
        log::warn!("live stream: {reason}; reconnecting");
        Outcome::Broken { reason, error, healthy }
    }

    /// A close frame from the server.
    fn closed_by_server(&self, frame: Option<CloseFrame>, healthy: bool, destroyed: bool) -> Outcome {
        let code = frame.as_ref().map(|f| u16::from(f.code));
        if destroyed {
            return Outcome::Ended;
        }
        if code == Some(CLOSE_REFUSED) {
            return Outcome::Fatal(Error::new(
                ErrorKind::Auth,
                "the server refused the subscription (close code 4001)",
            ));
        }
        let reason = match code {
            Some(code) => format!("the server closed the socket (code {code})"),
            None => "the server closed the socket".to_owned(),
        };
        log::warn!("live stream: {reason}; reconnecting");
        Outcome::Broken { error: Error::new(ErrorKind::Connection, reason.clone()), reason, healthy }
    }
}

/// A sequence number: the time in milliseconds, zero-padded to 30 digits as the pages show.
fn sequence() -> String {
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
    format!("{ms:030}")
}

/// Whether a notice's action is subject to the version rule.
fn versioned(frame: &Frame) -> Option<(&'static str, Mode, Option<i64>)> {
    match frame {
        Frame::Participants { mode, version, .. } => Some(("ParticipantsNotify", *mode, *version)),
        Frame::Dynamic { mode, version, .. } => Some(("ConfDynamicInfoNotify", *mode, *version)),
        Frame::Basic { mode, version, .. } => Some(("ConfBasicInfoNotify", *mode, *version)),
        Frame::Speakers { mode, version, .. } => Some(("SpeakerChangeNotify", *mode, *version)),
        _ => None,
    }
}

/// A `lock` or `recState` value as a flag.
fn bool_of(value: Option<&Value>) -> Option<bool> {
    match value? {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        Value::String(s) => match s.as_str() {
            "1" | "true" => Some(true),
            "0" | "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}
