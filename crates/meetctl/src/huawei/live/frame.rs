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

/// The envelope of a `ParticipantsNotify` and its entries, read in one pass over the bytes (the
/// fast way for the large full message): no `serde_json::Value` is built but each entry's
/// `pinfoMap`. Any other action stops the read at once (an error that sends the frame the
/// general way), as does a duplicate envelope key.
#[derive(serde::Deserialize)]
struct Head {
    /// Whether `action` is `ParticipantsNotify` (any other value fails the read).
    #[serde(default, deserialize_with = "participants_action")]
    action: bool,
    #[serde(default, rename = "msgMode")]
    msg_mode: Option<Value>,
    #[serde(default)]
    version: Option<Value>,
    /// `None` when absent or null.
    #[serde(default)]
    data: Option<Data>,
}

/// `action` read as [`Head::action`]: `true` for `ParticipantsNotify`, an error for anything else.
fn participants_action<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    struct Visit;
    impl serde::de::Visitor<'_> for Visit {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("the action ParticipantsNotify")
        }
        fn visit_str<E: serde::de::Error>(self, action: &str) -> Result<bool, E> {
            if action == "ParticipantsNotify" { Ok(true) } else { Err(E::custom("another action")) }
        }
    }
    deserializer.deserialize_str(Visit)
}

/// What a participant entry, or the list, is when it cannot be read: the reason the general way
/// gives for it.
const NOT_A_LIST: FrameError = FrameError::BadParticipants("data is not a list of participant entries");

/// A `ParticipantsNotify`'s `data` (a list of entries, or a JSON text of one): the entries, or
/// why the first one that cannot be read (in order) is refused. Only JSON that is not well
/// formed fails its read.
struct Data(Result<Vec<Entry>, FrameError>);

/// The list of entries inside a `data` given as a JSON text (anything but a list is refused).
struct DataList(Result<Vec<Entry>, FrameError>);

/// Reads the entries of a list, keeping the first refusal (the rest of the list is still read).
fn entries_in<'de, A: serde::de::SeqAccess<'de>>(
    mut seq: A,
) -> Result<Result<Vec<Entry>, FrameError>, A::Error> {
    let mut entries = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
    let mut refused = None;
    while let Some(item) = seq.next_element::<EntryIn>()? {
        match (item.0, &refused) {
            (Ok(entry), None) => entries.push(entry),
            (Err(why), None) => refused = Some(why),
            (_, Some(_)) => {}
        }
    }
    Ok(match refused {
        None => Ok(entries),
        Some(why) => Err(why),
    })
}

/// Drains a map nobody reads.
fn drain_map<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Drains a list nobody reads.
fn drain_seq<'de, A: serde::de::SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
    Ok(())
}

impl<'de> serde::Deserialize<'de> for Data {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Data;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("participant entries")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Data, A::Error> {
                entries_in(seq).map(Data)
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Data, E> {
                Ok(Data(match serde_json::from_str::<DataList>(text) {
                    Ok(DataList(entries)) => entries,
                    Err(_) => Err(NOT_A_LIST),
                }))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Data, E> {
                Ok(Data(Ok(Vec::new())))
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Data, E> {
                Ok(Data(Err(NOT_A_LIST)))
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Data, E> {
                Ok(Data(Err(NOT_A_LIST)))
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Data, E> {
                Ok(Data(Err(NOT_A_LIST)))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Data, E> {
                Ok(Data(Err(NOT_A_LIST)))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Data, A::Error> {
                drain_map(map).map(|()| Data(Err(NOT_A_LIST)))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

impl<'de> serde::Deserialize<'de> for DataList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = DataList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of participant entries")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<DataList, A::Error> {
                entries_in(seq).map(DataList)
            }
        }
        deserializer.deserialize_seq(Visit)
    }
}

/// A key of a participant entry, read without an allocation.
enum EntryKey {
    Pid,
    Mode,
    Pinfo,
    Other,
}

impl<'de> serde::Deserialize<'de> for EntryKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = EntryKey;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<EntryKey, E> {
                Ok(match key {
                    "pid" => EntryKey::Pid,
                    "mode" => EntryKey::Mode,
                    "pinfoMap" => EntryKey::Pinfo,
                    _ => EntryKey::Other,
                })
            }
        }
        deserializer.deserialize_identifier(Visit)
    }
}

/// One `ParticipantsNotify` entry as received: read as [`entry`] reads it, anything but an
/// object refused.
struct EntryIn(Result<Entry, FrameError>);

impl<'de> serde::Deserialize<'de> for EntryIn {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = EntryIn;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a participant entry object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<EntryIn, A::Error> {
                let (mut pid, mut mode, mut pinfo) = (None, None, None);
                while let Some(key) = map.next_key::<EntryKey>()? {
                    match key {
                        EntryKey::Pid => pid = Some(map.next_value()?),
                        EntryKey::Mode => mode = Some(map.next_value()?),
                        EntryKey::Pinfo => pinfo = Some(map.next_value::<Pinfo>()?),
                        EntryKey::Other => drop(map.next_value::<serde::de::IgnoredAny>()?),
                    }
                }
                let (pid, left) = match pid_and_left(pid, mode) {
                    Ok(checked) => checked,
                    Err(why) => return Ok(EntryIn(Err(why))),
                };
                Ok(EntryIn(match pinfo {
                    None => Ok(Entry { pid, left, pinfo: Map::new() }),
                    Some(Pinfo(Ok(pinfo))) => Ok(Entry { pid, left, pinfo }),
                    Some(Pinfo(Err(why))) => Err(why),
                }))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<EntryIn, A::Error> {
                drain_seq(seq).map(|()| EntryIn(Err(NOT_A_LIST)))
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<EntryIn, E> {
                Ok(EntryIn(Err(NOT_A_LIST)))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<EntryIn, E> {
                Ok(EntryIn(Err(NOT_A_LIST)))
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<EntryIn, E> {
                Ok(EntryIn(Err(NOT_A_LIST)))
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<EntryIn, E> {
                Ok(EntryIn(Err(NOT_A_LIST)))
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<EntryIn, E> {
                Ok(EntryIn(Err(NOT_A_LIST)))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<EntryIn, E> {
                Ok(EntryIn(Err(NOT_A_LIST)))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// An entry's `pinfoMap`, read straight into its map: an object, a JSON text of one, or null
/// (empty); anything else refused as [`entry`] refuses it.
struct Pinfo(Result<Map<String, Value>, FrameError>);

/// Why a `pinfoMap` is refused.
const PINFO_NOT_AN_OBJECT: FrameError = FrameError::BadParticipants("an entry's pinfoMap is not an object");

impl<'de> serde::Deserialize<'de> for Pinfo {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Pinfo;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a pinfoMap")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Pinfo, A::Error> {
                let mut pinfo = Map::new();
                while let Some((key, value)) = map.next_entry::<String, Value>()? {
                    pinfo.insert(key, value);
                }
                Ok(Pinfo(Ok(pinfo)))
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Pinfo, E> {
                Ok(Pinfo(match serde_json::from_str(text) {
                    Ok(Value::Object(map)) => Ok(map),
                    _ => Err(PINFO_NOT_AN_OBJECT),
                }))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Pinfo, E> {
                Ok(Pinfo(Ok(Map::new())))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Pinfo, A::Error> {
                drain_seq(seq).map(|()| Pinfo(Err(PINFO_NOT_AN_OBJECT)))
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Pinfo, E> {
                Ok(Pinfo(Err(PINFO_NOT_AN_OBJECT)))
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Pinfo, E> {
                Ok(Pinfo(Err(PINFO_NOT_AN_OBJECT)))
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Pinfo, E> {
                Ok(Pinfo(Err(PINFO_NOT_AN_OBJECT)))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Pinfo, E> {
                Ok(Pinfo(Err(PINFO_NOT_AN_OBJECT)))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// A `ParticipantsNotify` read the fast way; `None` for any other frame (or one the fast way
/// does not take, such as a duplicate envelope key), which the general way then reads.
fn participants_fast(bytes: &[u8]) -> Option<Result<Frame, FrameError>> {
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return None;
    }
    // Checked as UTF-8 once here, not string by string as the parser would.
    let text = std::str::from_utf8(bytes).ok()?;
    let head: Head = serde_json::from_str(text).ok()?;
    if !head.action {
        return None;
    }
    let mode = match int(head.msg_mode.as_ref()) {
        Some(1) => Mode::Increment,
        _ => Mode::Full,
    };
    let version = int(head.version.as_ref());
    let entries = head.data.map_or(Ok(Vec::new()), |data| data.0);
    Some(entries.map(|entries| Frame::Participants { mode, version, entries }))
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
    let (pid, left) = pid_and_left(pid, mode)?;
    let pinfo = match pinfo {
        Some(Value::Object(map)) => map,
        Some(Value::String(text)) => match serde_json::from_str(&text) {
            Ok(Value::Object(map)) => map,
            _ => return Err(PINFO_NOT_AN_OBJECT),
        },
        None | Some(Value::Null) => Map::new(),
        Some(_) => return Err(PINFO_NOT_AN_OBJECT),
    };
    Ok(Entry { pid, left, pinfo })
}

/// An entry's `pid` and whether it left (`mode`), checked before its `pinfoMap`.
fn pid_and_left(pid: Option<Value>, mode: Option<Value>) -> Result<(String, bool), FrameError> {
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
    Ok((pid, left))
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
            json!({"action": "ParticipantsNotify", "data": [{"pinfoMap": 3}]}),
            json!({"action": "ParticipantsNotify", "data": [{"pid": "a", "mode": 2, "pinfoMap": []}]}),
            json!({"action": "ParticipantsNotify", "data": [{"pid": "a", "pinfoMap": [1]}, {"mode": 0}]}),
            json!({"action": "ParticipantsNotify", "data": [{"pid": "a", "pinfoMap": null}, null, 7]}),
            json!({"action": "ParticipantsNotify", "data": [{"pid": "a", "pinfoMap": "{\"NAME\":\"x\"}"}]}),
            json!({"action": "ParticipantsNotify", "data": [{"pid": "a", "pinfoMap": "[1]"}]}),
            json!({"action": "ParticipantsNotify", "data": [{"pid": 1.5e3, "mode": "0", "pinfoMap": {"A": {"B": [1, null]}}}]}),
            json!({"action": "ParticipantsNotify", "data": {"pid": "a"}}),
            json!({"action": "ParticipantsNotify", "data": 7}),
            json!({"action": "ParticipantsNotify", "data": true}),
            json!({"action": "ParticipantsNotify", "data": "null"}),
            json!({"action": "ParticipantsNotify", "data": "[{\"pid\":\"a\",\"pinfoMap\":7}]"}),
            json!({"action": "ParticipantsNotify", "msgMode": "x", "version": [1], "data": []}),
        ];
        let texts = frames.iter().map(Value::to_string).chain(
            [
                // Data before the action; duplicate keys inside an entry and its pinfoMap (the last wins).
                r#"{"data":[{"pid":"a"}],"version":"3","msgMode":"1","action":"ParticipantsNotify"}"#,
                r#"{"action":"ParticipantsNotify","data":[{"pid":"a","pid":"b","pinfoMap":{"K":"1","K":"2"},"pinfoMap":{"L":"3"}}]}"#,
                r#" {"action":"ParticipantsNotify","data":[{"pid":"\u0061\n","pinfoMap":{"N\u00e9":"\ud83d\ude00"}}]} "#,
            ]
            .map(str::to_owned),
        );
        for text in texts {
            let fast = participants_fast(text.as_bytes()).expect("the fast way takes it");
            // The general way: the same frame with a duplicate key the fast way refuses.
            let dup = text.replacen('{', "{\"action\":\"x\",", 1);
            assert!(participants_fast(dup.as_bytes()).is_none());
            assert_eq!(fast, parse(dup.as_bytes()), "{text}");
        }
    }

    #[test]
    fn the_fast_way_leaves_other_frames_to_the_general_way() {
        let texts: [&[u8]; 7] = [
            br#"{"action":"HeartBeat","data":[{"pid":"a"}]}"#,
            br#"{"data":[{"pid":"a"}]}"#,
            br#"{"action":7,"data":[]}"#,
            br#"{"action":"ParticipantsNotify","data":[{"pid":"a"}]} x"#,
            br#"{"action":"ParticipantsNotify","data":[{"pid":"a"]}"#,
            br#"["ParticipantsNotify", 0, 1, []]"#,
            b"{\"action\":\"ParticipantsNotify\",\"data\":[{\"pid\":\"\xff\"}]}",
        ];
        for text in texts {
            assert!(participants_fast(text).is_none(), "{}", String::from_utf8_lossy(text));
        }
        assert_eq!(parse(texts[3]), Err(FrameError::NotJson));
        assert_eq!(parse(texts[6]), Err(FrameError::NotJson));
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
