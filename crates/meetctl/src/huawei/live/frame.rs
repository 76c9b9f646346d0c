//! The frames of the conference-control socket, read from their JSON text (pages
//! meeting_21_1508, meeting_21_1512 to meeting_21_1516, meeting_21_1520). A frame is input: any
//! text is read without a panic, and what is not understood says so ([`FrameError`]).

use serde_json::{Map, Value};

/// Whether a notice is a full message or an increment (`msgMode` 0 or 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// `msgMode` 0 (or absent): everything there is.
    Full,
    /// `msgMode` 1: only what changed since the previous message of its action.
    Increment,
}

/// One entry of a `ParticipantsNotify`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    /// `pid`.
    pub(crate) pid: String,
    /// `mode` 1: the participant left.
    pub(crate) left: bool,
    /// `pinfoMap`: every key in a full message, the changed keys in an increment.
    pub(crate) pinfo: Map<String, Value>,
}

/// A frame the stream acts on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Frame {
    /// The answer to the subscription: `result` "success" or not.
    Subscribed { ok: bool },
    /// A heartbeat's echo.
    HeartBeat,
    /// `ParticipantsNotify`.
    Participants { mode: Mode, version: Option<i64>, entries: Vec<Entry> },
    /// `ConfDynamicInfoNotify`: its fields (from `data`, or flattened beside `action`).
    Dynamic { mode: Mode, version: Option<i64>, fields: Value },
    /// `ConfBasicInfoNotify`: its fields.
    Basic { mode: Mode, version: Option<i64>, fields: Value },
    /// `SpeakerChangeNotify`: the speakers, loudest first (empty: nobody speaks).
    Speakers { mode: Mode, version: Option<i64>, ids: Vec<String> },
    /// Another action, as received.
    Other { action: String, raw: Value },
}

/// Why a frame was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FrameError {
    /// Not JSON at all: the socket is taken as broken.
    NotJson,
    /// JSON of a shape the stream does not know: ignored, with a log line.
    WrongShape(&'static str),
    /// A `ParticipantsNotify` with an entry that cannot be read: the roster can no longer be
    /// trusted, so the stream resynchronises.
    BadParticipants(&'static str),
}

/// A number that may come as a JSON number or a string of digits.
fn int(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn mode_of(frame: &Map<String, Value>) -> Mode {
    match int(frame.get("msgMode")) {
        Some(1) => Mode::Increment,
        _ => Mode::Full,
    }
}

/// `data` itself, or parsed when it is a JSON text (some notices carry their data as a string).
fn data_of(frame: &mut Map<String, Value>) -> Option<Value> {
    match frame.remove("data")? {
        Value::String(text) => serde_json::from_str(&text).ok(),
        other => Some(other),
    }
}

/// Reads one text frame.
pub(crate) fn parse(bytes: &[u8]) -> Result<Frame, FrameError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|_| FrameError::NotJson)?;
    let Value::Object(mut frame) = value else {
        return Err(FrameError::WrongShape("the frame is not a JSON object"));
    };
    let action = match frame.get("action") {
        Some(Value::String(action)) => action.clone(),
        _ => return Err(FrameError::WrongShape("the frame has no action")),
    };
    let mode = mode_of(&frame);
    let version = int(frame.get("version"));
    match action.as_str() {
        "Subscribe" => {
            let ok = frame
                .get("result")
                .and_then(Value::as_str)
                .is_some_and(|r| r.eq_ignore_ascii_case("success"));
            Ok(Frame::Subscribed { ok })
        }
        "HeartBeat" => Ok(Frame::HeartBeat),
        "ParticipantsNotify" => {
            let entries = match data_of(&mut frame) {
                Some(Value::Array(items)) => items,
                None | Some(Value::Null) => Vec::new(),
                Some(_) => return Err(FrameError::BadParticipants("data is not a list")),
            };
            let entries = entries.into_iter().map(entry).collect::<Result<Vec<_>, _>>()?;
            Ok(Frame::Participants { mode, version, entries })
        }
        "ConfDynamicInfoNotify" | "ConfBasicInfoNotify" => {
            let fields = match data_of(&mut frame) {
                Some(Value::Object(data)) => Value::Object(data),
                Some(Value::Null) | None => Value::Object(frame),
                Some(_) => {
                    return Err(FrameError::WrongShape("the conference notice's data is not an object"));
                }
            };
            Ok(match action.as_str() {
                "ConfDynamicInfoNotify" => Frame::Dynamic { mode, version, fields },
                _ => Frame::Basic { mode, version, fields },
            })
        }
        "SpeakerChangeNotify" => {
            let mut speakers: Vec<(f64, String)> = match data_of(&mut frame) {
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(|item| {
                        let pid = item.get("pid").and_then(Value::as_str).filter(|p| !p.is_empty())?;
                        let volume = match item.get("speakingVolume") {
                            Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
                            Some(Value::String(s)) => s.trim().parse().unwrap_or(0.0),
                            _ => 0.0,
                        };
                        Some((volume, pid.to_owned()))
                    })
                    .collect(),
                Some(Value::Object(item)) => item
                    .get("pid")
                    .and_then(Value::as_str)
                    .map(|p| vec![(0.0, p.to_owned())])
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            // Loudest first; equal volumes keep the vendor's order.
            speakers.sort_by(|a, b| b.0.total_cmp(&a.0));
            Ok(Frame::Speakers { mode, version, ids: speakers.into_iter().map(|(_, pid)| pid).collect() })
        }
        _ => Ok(Frame::Other { action, raw: Value::Object(frame) }),
    }
}

/// One `ParticipantsNotify` entry.
fn entry(item: Value) -> Result<Entry, FrameError> {
    let Value::Object(mut item) = item else {
        return Err(FrameError::BadParticipants("an entry is not an object"));
    };
    let pid = match item.remove("pid") {
        Some(Value::String(pid)) if !pid.is_empty() => pid,
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(FrameError::BadParticipants("an entry has no pid")),
    };
    let left = match int(item.get("mode")) {
        None | Some(0) => false,
        Some(1) => true,
        Some(_) => return Err(FrameError::BadParticipants("an entry's mode is neither 0 nor 1")),
    };
    let pinfo = match item.remove("pinfoMap") {
        Some(Value::Object(map)) => map,
        Some(Value::String(text)) => match serde_json::from_str(&text) {
            Ok(Value::Object(map)) => map,
            _ => return Err(FrameError::BadParticipants("an entry's pinfoMap is not an object")),
        },
        None | Some(Value::Null) if left => Map::new(),
        None | Some(Value::Null) => Map::new(),
        Some(_) => return Err(FrameError::BadParticipants("an entry's pinfoMap is not an object")),
    };
    Ok(Entry { pid, left, pinfo })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(v: Value) -> Result<Frame, FrameError> {
        parse(v.to_string().as_bytes())
    }

    #[test]
    fn participants_full_and_increment() {
        let f =
            p(json!({"action": "ParticipantsNotify", "msgMode": 0, "version": 1611993655770_i64, "data": [
                {"pid": "a", "mode": 0, "pinfoMap": {"NAME": "Alice", "MUTE": "1"}},
                {"pid": "b", "mode": 1}
            ]}))
            .unwrap();
        let Frame::Participants { mode, version, entries } = f else { panic!() };
        assert_eq!((mode, version), (Mode::Full, Some(1611993655770)));
        assert_eq!(entries[0].pid, "a");
        assert_eq!(entries[0].pinfo.get("NAME"), Some(&json!("Alice")));
        assert!(entries[1].left && entries[1].pinfo.is_empty());
        let f = p(json!({"action": "ParticipantsNotify", "msgMode": "1", "version": "3", "data": "[{\"pid\":\"a\",\"pinfoMap\":{\"HAND\":\"1\"}}]"})).unwrap();
        assert!(matches!(f, Frame::Participants { mode: Mode::Increment, version: Some(3), .. }));
    }

    #[test]
    fn bad_participant_entries_ask_for_a_resync() {
        for data in [
            json!([{"mode": 0}]),
            json!([7]),
            json!({"pid": "a"}),
            json!([{"pid": "a", "mode": 5}]),
            json!([{"pid": "a", "pinfoMap": 3}]),
        ] {
            let e = p(json!({"action": "ParticipantsNotify", "data": data})).unwrap_err();
            assert!(matches!(e, FrameError::BadParticipants(_)), "{data}");
        }
    }

    #[test]
    fn conference_notices_flattened_or_in_data() {
        let f =
            p(json!({"action": "ConfDynamicInfoNotify", "msgMode": 1, "version": 2, "state": "Destroyed"}))
                .unwrap();
        let Frame::Dynamic { fields, version, .. } = f else { panic!() };
        assert_eq!((fields["state"].as_str(), version), (Some("Destroyed"), Some(2)));
        let f = p(json!({"action": "ConfBasicInfoNotify", "data": {"subject": "x"}})).unwrap();
        assert!(matches!(f, Frame::Basic { fields, .. } if fields["subject"] == "x"));
    }

    #[test]
    fn speakers_loudest_first_or_nobody() {
        let f = p(json!({"action": "SpeakerChangeNotify", "data": [
            {"pid": "quiet", "speakingVolume": 10}, {"pid": "loud", "speakingVolume": "90"}, {"name": "no pid"}
        ]}))
        .unwrap();
        assert!(matches!(f, Frame::Speakers { ids, .. } if ids == ["loud", "quiet"]));
        assert!(
            matches!(p(json!({"action": "SpeakerChangeNotify"})).unwrap(), Frame::Speakers { ids, .. } if ids.is_empty())
        );
    }

    #[test]
    fn other_shapes() {
        assert_eq!(parse(b"not json"), Err(FrameError::NotJson));
        assert_eq!(parse(b"[1]"), Err(FrameError::WrongShape("the frame is not a JSON object")));
        assert!(matches!(parse(b"{\"action\":7}"), Err(FrameError::WrongShape(_))));
        assert_eq!(
            p(json!({"action": "Subscribe", "result": "success"})).unwrap(),
            Frame::Subscribed { ok: true }
        );
        assert_eq!(
            p(json!({"action": "Subscribe", "result": "failed"})).unwrap(),
            Frame::Subscribed { ok: false }
        );
        assert_eq!(p(json!({"action": "HeartBeat", "sequence": "1"})).unwrap(), Frame::HeartBeat);
        assert!(
            matches!(p(json!({"action": "NetConditionNotify", "x": 1})).unwrap(), Frame::Other { action, .. } if action == "NetConditionNotify")
        );
    }
}
