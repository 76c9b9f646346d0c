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

/// The envelope of a frame, read without building the rest (the fast way for the large
/// `ParticipantsNotify`).
#[derive(serde::Deserialize)]
struct Head<'a> {
    #[serde(default)]
    action: Option<Value>,
    #[serde(default, rename = "msgMode")]
    msg_mode: Option<Value>,
    #[serde(default)]
    version: Option<Value>,
    #[serde(default, borrow)]
    data: Option<&'a serde_json::value::RawValue>,
}

/// One `ParticipantsNotify` entry as received: an object (anything else is refused).
struct EntryIn {
    pid: Option<Value>,
    mode: Option<Value>,
    pinfo: Option<Value>,
}

impl<'de> serde::Deserialize<'de> for EntryIn {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = EntryIn;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a participant entry object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<EntryIn, A::Error> {
                let mut entry = EntryIn { pid: None, mode: None, pinfo: None };
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match &*key {
                        "pid" => entry.pid = Some(map.next_value()?),
                        "mode" => entry.mode = Some(map.next_value()?),
                        "pinfoMap" => entry.pinfo = Some(map.next_value()?),
                        _ => drop(map.next_value::<serde::de::IgnoredAny>()?),
                    }
                }
                Ok(entry)
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

/// A `ParticipantsNotify` read the fast way; `None` for any other frame (or one the fast way
/// does not take, such as a duplicate envelope key), which the general way then reads.
fn participants_fast(bytes: &[u8]) -> Option<Result<Frame, FrameError>> {
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return None;
    }
    let head: Head<'_> = serde_json::from_slice(bytes).ok()?;
    if head.action.as_ref().and_then(Value::as_str) != Some("ParticipantsNotify") {
        return None;
    }
    let mode = match int(head.msg_mode.as_ref()) {
        Some(1) => Mode::Increment,
        _ => Mode::Full,
    };
    let version = int(head.version.as_ref());
    Some(entries_of(head.data.map(|raw| raw.get())).map(|entries| Frame::Participants {
        mode,
        version,
        entries,
    }))
}

/// The entries of a `ParticipantsNotify`'s `data` (a list, or a JSON text of one).
fn entries_of(data: Option<&str>) -> Result<Vec<Entry>, FrameError> {
    let not_a_list = FrameError::BadParticipants("data is not a list of participant entries");
    let items: Vec<EntryIn> = match data.map(str::trim) {
        None | Some("null") => return Ok(Vec::new()),
        Some(text) if text.starts_with('"') => {
            let inner: String = serde_json::from_str(text).map_err(|_| not_a_list.clone())?;
            serde_json::from_str(&inner).map_err(|_| not_a_list)?
        }
        Some(text) => serde_json::from_str(text).map_err(|_| not_a_list)?,
    };
    items.into_iter().map(|item| entry(item.pid, item.mode, item.pinfo)).collect()
}

/// Reads one text frame.
pub(crate) fn parse(bytes: &[u8]) -> Result<Frame, FrameError> {
    if let Some(frame) = participants_fast(bytes) {
        return frame;
    }
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
            let items = match frame.remove("data") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(items)) => items,
                Some(Value::String(text)) => match serde_json::from_str(&text) {
                    Ok(Value::Array(items)) => items,
                    _ => {
                        return Err(FrameError::BadParticipants("data is not a list of participant entries"));
                    }
                },
                Some(_) => {
                    return Err(FrameError::BadParticipants("data is not a list of participant entries"));
                }
            };
            let mut entries = Vec::with_capacity(items.len());
            for item in items {
                let Value::Object(mut item) = item else {
                    return Err(FrameError::BadParticipants("data is not a list of participant entries"));
                };
                entries.push(entry(item.remove("pid"), item.remove("mode"), item.remove("pinfoMap"))?);
            }
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

/// One `ParticipantsNotify` entry from its `pid`, `mode` and `pinfoMap`.
fn entry(pid: Option<Value>, mode: Option<Value>, pinfo: Option<Value>) -> Result<Entry, FrameError> {
    let pid = match pid {
        Some(Value::String(pid)) if !pid.is_empty() => pid,
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(FrameError::BadParticipants("an entry has no pid")),
    };
    let left = match (&mode, int(mode.as_ref())) {
        (None | Some(Value::Null), _) | (_, Some(0)) => false,
        (_, Some(1)) => true,
        _ => return Err(FrameError::BadParticipants("an entry's mode is neither 0 nor 1")),
    };
    let pinfo = match pinfo {
        Some(Value::Object(map)) => map,
        Some(Value::String(text)) => match serde_json::from_str(&text) {
            Ok(Value::Object(map)) => map,
            _ => return Err(FrameError::BadParticipants("an entry's pinfoMap is not an object")),
        },
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
    fn the_fast_way_and_the_general_way_agree() {
        let frames = [
            json!({"action": "ParticipantsNotify", "msgMode": 1, "version": 2, "data": [{"pid": "a", "mode": 0, "pinfoMap": {"HAND": "1"}, "x": [1]}]}),
            json!({"action": "ParticipantsNotify", "data": "[{\"pid\":7,\"mode\":\"1\"}]"}),
            json!({"action": "ParticipantsNotify", "data": null}),
            json!({"action": "ParticipantsNotify", "data": "not json"}),
            json!({"action": "ParticipantsNotify", "data": [["a", 0, {}]]}),
            json!({"action": "ParticipantsNotify", "data": [{"pid": "a", "mode": null}]}),
        ];
        for frame in frames {
            let text = frame.to_string();
            let fast = participants_fast(text.as_bytes()).expect("the fast way takes it");
            // The general way: the same frame with a duplicate key the fast way refuses.
            let dup = text.replacen('{', "{\"action\":\"x\",", 1);
            assert!(participants_fast(dup.as_bytes()).is_none());
            assert_eq!(fast, parse(dup.as_bytes()), "{text}");
        }
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
