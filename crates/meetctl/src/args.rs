//! The named arguments of a control operation (`allow_rejoin`, `reason`, `duration`, a list of
//! attendees, …) and the rules the endpoint tables check them against.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

use crate::error::Error;

/// Named arguments of a control operation, in the order they were given: scalars, or a list of
/// objects ([`ParamKind::List`]) or one object ([`ParamKind::Object`]) where the endpoint takes
/// one; an object's fields may themselves be lists or objects.
///
/// Each operation's table row says which names it takes, of which type, and which are required;
/// anything else is an invalid-argument error naming the argument, before anything is sent.
/// `Debug` shows the names only (an argument may be a password).
#[derive(Clone, Default, PartialEq)]
pub struct Args(Vec<(Cow<'static, str>, Value)>);

impl Args {
    /// No arguments.
    pub fn new() -> Self {
        Args(Vec::new())
    }

    /// These arguments plus `name = value` (replacing an earlier value of the same name).
    pub fn with(mut self, name: impl Into<Cow<'static, str>>, value: impl Into<Value>) -> Self {
        self.set(name, value);
        self
    }

    /// Sets `name = value`, replacing an earlier value of the same name.
    pub fn set(&mut self, name: impl Into<Cow<'static, str>>, value: impl Into<Value>) {
        let name = name.into();
        let value = value.into();
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.0.push((name, value)),
        }
    }

    /// Sets `name = value` when `value` is `Some`.
    pub fn with_opt<V: Into<Value>>(self, name: impl Into<Cow<'static, str>>, value: Option<V>) -> Self {
        match value {
            Some(v) => self.with(name, v),
            None => self,
        }
    }

    /// The value given for `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Whether no argument was given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The names given, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(n, _)| n.as_ref())
    }

    /// Arguments from a JSON object (`{"allow_rejoin": false}`), as the C and Python bindings
    /// receive them; anything but an object is an invalid-argument error naming `field`.
    pub fn from_json(value: Value, field: &'static str) -> Result<Args, Error> {
        match value {
            Value::Null => Ok(Args::new()),
            Value::Object(map) => Ok(Args(map.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect())),
            _ => Err(Error::invalid(field, "must be a JSON object of named arguments")),
        }
    }
}

impl fmt::Debug for Args {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Args").field(&self.0.iter().map(|(n, _)| n.as_ref()).collect::<Vec<_>>()).finish()
    }
}

/// The type of an argument and how it is written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A boolean, sent as JSON `true`/`false`.
    Bool,
    /// A boolean, sent as the integer `1`/`0` (Huawei's flags; Tencent's `force_dismiss_meeting`).
    Flag,
    /// An integer within `min..=max`.
    Int {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// One of a few documented integers.
    OneOf(&'static [i64]),
    /// Text of 1 to `max_chars` characters, no control characters.
    Text {
        /// Longest accepted text, in characters.
        max_chars: usize,
    },
    /// A password: like `Text`, but never repeated in an error.
    Secret,
    /// One of a few documented strings (`"normal"`, `"mobile"`, …).
    Choice(&'static [&'static str]),
    /// A string of `min..=max` ASCII digits (a meeting code), sent as text.
    Digits {
        /// Fewest digits.
        min: usize,
        /// Most digits.
        max: usize,
    },
    /// A list of `min..=max` texts of 1 to `max_chars` characters each, no control characters
    /// (written as a JSON array of strings). Errors name an item as `meeting_room_ids[1]`.
    Texts {
        /// Longest accepted text, in characters.
        max_chars: usize,
        /// Fewest items accepted.
        min: usize,
        /// Most items accepted.
        max: usize,
    },
    /// A list of `min..=max` objects, each with these fields (written as a JSON array of
    /// objects, fields in this order). Errors name an item's field as `attendees[2].name`; a field
    /// may itself be a list or an object, and errors then name the whole path
    /// (`layout_list[0].page_list[1].user_seat_list[2].grid_id`).
    List {
        /// What one item is called (`Attendee`): the bindings' builder types are named after it.
        item: &'static str,
        /// The fields of one item.
        fields: &'static [Param],
        /// Fewest items accepted.
        min: usize,
        /// Most items accepted.
        max: usize,
    },
    /// One object with these fields (written as a JSON object, fields in this order). Errors
    /// name a field as `polling_setting.polling_interval`; a field may itself be a list or an
    /// object.
    Object {
        /// What the object is called (`PollingSetting`): the bindings' builder types are named
        /// after it.
        item: &'static str,
        /// Its fields.
        fields: &'static [Param],
    },
}

/// Whether an argument must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// The caller must give it.
    Required,
    /// Sent only when given.
    Optional,
    /// Sent always; this value when not given.
    Default(Scalar),
}

/// A constant on the wire: a fixed body field or an argument's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
}

/// One argument an operation takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// The name callers give (`allow_rejoin`); errors name it.
    pub name: &'static str,
    /// The key on the wire (`allow_rejoin`, `allowUnmuteByOneself`).
    pub wire: &'static str,
    /// Its type.
    pub kind: ParamKind,
    /// Whether it must be given.
    pub presence: Presence,
}

impl Param {
    /// A required argument.
    pub const fn required(name: &'static str, wire: &'static str, kind: ParamKind) -> Param {
        Param { name, wire, kind, presence: Presence::Required }
    }

    /// An argument sent only when given.
    pub const fn optional(name: &'static str, wire: &'static str, kind: ParamKind) -> Param {
        Param { name, wire, kind, presence: Presence::Optional }
    }

    /// An argument always sent, `default` when not given.
    pub const fn default(name: &'static str, wire: &'static str, kind: ParamKind, default: Scalar) -> Param {
        Param { name, wire, kind, presence: Presence::Default(default) }
    }

    /// The value to send for this parameter, checked, or `None` when an optional one is absent.
    pub(crate) fn resolve(&self, args: &Args) -> Result<Option<WireValue>, Error> {
        self.resolve_at(args.get(self.name), &|| Cow::Borrowed(self.name))
    }

    /// [`resolve`](Param::resolve) for a value found (or not) anywhere; `field` names it in errors.
    fn resolve_at(
        &self,
        value: Option<&Value>,
        field: &dyn Fn() -> Cow<'static, str>,
    ) -> Result<Option<WireValue>, Error> {
        let Some(value) = value else {
            return match self.presence {
                Presence::Required => Err(Error::invalid(field(), "is required")),
                Presence::Optional => Ok(None),
                Presence::Default(Scalar::Bool(b)) => Ok(Some(self.wire_bool(b))),
                Presence::Default(Scalar::Int(i)) => Ok(Some(WireValue::Int(i))),
            };
        };
        self.check(value, field).map(Some)
    }

    fn wire_bool(&self, b: bool) -> WireValue {
        match self.kind {
            ParamKind::Flag => WireValue::Int(i64::from(b)),
            _ => WireValue::Bool(b),
        }
    }

    fn check(&self, value: &Value, field: &dyn Fn() -> Cow<'static, str>) -> Result<WireValue, Error> {
        match (self.kind, value) {
            (ParamKind::Bool | ParamKind::Flag, Value::Bool(b)) => Ok(self.wire_bool(*b)),
            (ParamKind::Bool | ParamKind::Flag, _) => Err(Error::invalid(field(), "must be a boolean")),
            (ParamKind::Int { min, max }, v) => match v.as_i64() {
                Some(i) if (min..=max).contains(&i) => Ok(WireValue::Int(i)),
                _ => Err(Error::invalid(field(), format!("must be an integer from {min} to {max}"))),
            },
            (ParamKind::OneOf(allowed), v) => match v.as_i64() {
                Some(i) if allowed.contains(&i) => Ok(WireValue::Int(i)),
                _ => Err(Error::invalid(field(), format!("must be one of {allowed:?}"))),
            },
            (ParamKind::Text { max_chars }, Value::String(s)) => {
                check_text(field, s, max_chars)?;
                Ok(WireValue::Text(s.clone()))
            }
            (ParamKind::Secret, Value::String(s)) => {
                crate::encoding::require_secret(field(), &crate::Secret::new(s.as_str()))?;
                Ok(WireValue::Text(s.clone()))
            }
            (ParamKind::Choice(allowed), Value::String(s)) if allowed.contains(&s.as_str()) => {
                Ok(WireValue::Text(s.clone()))
            }
            (ParamKind::Choice(allowed), _) => {
                Err(Error::invalid(field(), format!("must be one of {allowed:?}")))
            }
            (ParamKind::Digits { min, max }, Value::String(s))
                if (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Ok(WireValue::Text(s.clone()))
            }
            (ParamKind::Digits { min, max }, _) => {
                Err(Error::invalid(field(), format!("must be a string of {min} to {max} digits")))
            }
            (ParamKind::Text { .. } | ParamKind::Secret, _) => {
                Err(Error::invalid(field(), "must be a string"))
            }
            (ParamKind::List { fields, min, max, .. }, Value::Array(items)) => {
                if !(min..=max).contains(&items.len()) {
                    return Err(Error::invalid(field(), format!("must have {min} to {max} items")));
                }
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let item_field = || Cow::Owned(format!("{}[{i}]", field()));
                    out.push(check_object(fields, item, &item_field)?);
                }
                Ok(WireValue::List(out))
            }
            (ParamKind::List { .. }, _) => Err(Error::invalid(field(), "must be a list of objects")),
            (ParamKind::Texts { max_chars, min, max }, Value::Array(items)) => {
                if !(min..=max).contains(&items.len()) {
                    return Err(Error::invalid(field(), format!("must have {min} to {max} items")));
                }
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let item_field = || Cow::Owned(format!("{}[{i}]", field()));
                    let Value::String(text) = item else {
                        return Err(Error::invalid(item_field(), "must be a string"));
                    };
                    check_text(&item_field, text, max_chars)?;
                    out.push(text.clone());
                }
                Ok(WireValue::Texts(out))
            }
            (ParamKind::Texts { .. }, _) => Err(Error::invalid(field(), "must be a list of strings")),
            (ParamKind::Object { fields, .. }, value) => {
                Ok(WireValue::Object(check_object(fields, value, field)?))
            }
        }
    }
}

/// Checks one object against `fields` (an unknown key is refused, naming it): its wire keys and
/// values in the declaration's order. `field` names the object (`attendees[2]`, `polling_setting`).
fn check_object(
    fields: &'static [Param],
    value: &Value,
    field: &dyn Fn() -> Cow<'static, str>,
) -> Result<Vec<(&'static str, WireValue)>, Error> {
    let Value::Object(map) = value else {
        return Err(Error::invalid(field(), "must be an object"));
    };
    let at = |name: &str| Cow::Owned(format!("{}.{name}", field()));
    if let Some(unknown) = map.keys().find(|k| !fields.iter().any(|p| p.name == k.as_str())) {
        return Err(Error::invalid(at(unknown), "is not a field of this item"));
    }
    let mut object = Vec::with_capacity(fields.len());
    for p in fields {
        if let Some(v) = p.resolve_at(map.get(p.name), &|| at(p.name))? {
            object.push((p.wire, v));
        }
    }
    Ok(object)
}

/// Checks free text: not empty, no control characters, at most `max_chars` characters.
fn check_text(field: &dyn Fn() -> Cow<'static, str>, text: &str, max_chars: usize) -> Result<(), Error> {
    if text.is_empty() {
        return Err(Error::invalid(field(), "must not be empty"));
    }
    if text.chars().any(char::is_control) {
        return Err(Error::invalid(field(), "must not contain control characters"));
    }
    if text.chars().count() > max_chars {
        return Err(Error::invalid(field(), format!("must be at most {max_chars} characters")));
    }
    Ok(())
}

/// A checked argument, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WireValue {
    Bool(bool),
    Int(i64),
    Text(String),
    /// Objects, each its wire keys and values in order.
    List(Vec<Vec<(&'static str, WireValue)>>),
    /// Strings.
    Texts(Vec<String>),
    /// One object: its wire keys and values in order.
    Object(Vec<(&'static str, WireValue)>),
}

impl From<Scalar> for WireValue {
    fn from(s: Scalar) -> WireValue {
        match s {
            Scalar::Bool(b) => WireValue::Bool(b),
            Scalar::Int(i) => WireValue::Int(i),
        }
    }
}

/// Refuses any argument `params` does not list, naming it.
pub(crate) fn refuse_unknown(
    args: &Args,
    params: impl Fn(&str) -> bool,
    operation: &str,
) -> Result<(), Error> {
    match args.0.iter().find(|(name, _)| !params(name)) {
        Some((name, _)) => {
            Err(Error::invalid(Cow::Owned(name.to_string()), format!("is not an argument of {operation}")))
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn params_check_types_ranges_and_defaults() {
        let rejoin = Param::default("allow_rejoin", "allow_rejoin", ParamKind::Bool, Scalar::Bool(true));
        assert_eq!(rejoin.resolve(&Args::new()).unwrap(), Some(WireValue::Bool(true)));
        assert_eq!(
            rejoin.resolve(&Args::new().with("allow_rejoin", false)).unwrap(),
            Some(WireValue::Bool(false))
        );
        let e = rejoin.resolve(&Args::new().with("allow_rejoin", 1)).unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("allow_rejoin")));

        let flag = Param::required("lock", "isLock", ParamKind::Flag);
        assert_eq!(flag.resolve(&Args::new().with("lock", true)).unwrap(), Some(WireValue::Int(1)));
        assert_eq!(flag.resolve(&Args::new()).unwrap_err().field(), Some("lock"));

        let minutes = Param::required("minutes", "duration", ParamKind::Int { min: 1, max: 1440 });
        assert!(minutes.resolve(&Args::new().with("minutes", 0)).is_err());
        assert!(minutes.resolve(&Args::new().with("minutes", 1.5)).is_err());
        assert_eq!(minutes.resolve(&Args::new().with("minutes", 30)).unwrap(), Some(WireValue::Int(30)));

        let name = Param::optional("nick_name", "nick_name", ParamKind::Text { max_chars: 3 });
        assert_eq!(name.resolve(&Args::new()).unwrap(), None);
        assert!(name.resolve(&Args::new().with("nick_name", "会议室")).is_ok());
        for bad in ["", "abcd", "a\nb"] {
            assert_eq!(
                name.resolve(&Args::new().with("nick_name", bad)).unwrap_err().field(),
                Some("nick_name")
            );
        }
    }

    #[test]
    fn nested_lists_and_objects_name_the_whole_path() {
        const USER: &[Param] =
            &[Param::required("ms_open_id", "ms_open_id", ParamKind::Text { max_chars: 8 })];
        const POLLING: &[Param] = &[
            Param::required("interval", "polling_interval", ParamKind::Int { min: 1, max: 9 }),
            Param::optional("skip", "ignore", ParamKind::Bool),
        ];
        const SEAT: &[Param] = &[
            Param::required("grid_id", "grid_id", ParamKind::Text { max_chars: 4 }),
            Param::optional(
                "users",
                "user_list",
                ParamKind::List { item: "User", fields: USER, min: 1, max: 2 },
            ),
        ];
        const PAGE: &[Param] = &[
            Param::optional(
                "polling",
                "polling_setting",
                ParamKind::Object { item: "Polling", fields: POLLING },
            ),
            Param::required(
                "seats",
                "user_seat_list",
                ParamKind::List { item: "Seat", fields: SEAT, min: 1, max: 3 },
            ),
        ];
        let pages = Param::required(
            "pages",
            "page_list",
            ParamKind::List { item: "Page", fields: PAGE, min: 1, max: 2 },
        );
        let good = serde_json::json!([
            {"seats": [{"grid_id": "1", "users": [{"ms_open_id": "a"}]}], "polling": {"skip": true, "interval": 3}},
        ]);
        let wire = pages.resolve(&Args::new().with("pages", good)).unwrap().unwrap();
        let mut out = Vec::new();
        crate::json_writer::write_object(&mut out, &[("page_list", wire)]);
        assert_eq!(
            std::str::from_utf8(&out).unwrap(),
            r#"{"page_list":[{"polling_setting":{"polling_interval":3,"ignore":true},"user_seat_list":[{"grid_id":"1","user_list":[{"ms_open_id":"a"}]}]}]}"#
        );
        let cases = [
            (
                serde_json::json!([{"seats": [{"grid_id": "1"}, {"grid_id": "12345"}]}]),
                "pages[0].seats[1].grid_id",
            ),
            (
                serde_json::json!([{"seats": [{"grid_id": "1"}]}, {"seats": [{"grid_id": "1", "users": [{}]}]}]),
                "pages[1].seats[0].users[0].ms_open_id",
            ),
            (serde_json::json!([{"seats": [{"grid_id": "1", "users": []}]}]), "pages[0].seats[0].users"),
            (
                serde_json::json!([{"seats": [{"grid_id": "1"}], "polling": {"interval": 0}}]),
                "pages[0].polling.interval",
            ),
            (
                serde_json::json!([{"seats": [{"grid_id": "1"}], "polling": {"interval": 1, "x": 1}}]),
                "pages[0].polling.x",
            ),
            (serde_json::json!([{"seats": [{"grid_id": "1"}], "polling": [1]}]), "pages[0].polling"),
            (serde_json::json!([{"seats": [7]}]), "pages[0].seats[0]"),
        ];
        for (value, field) in cases {
            let e = pages.resolve(&Args::new().with("pages", value.clone())).unwrap_err();
            assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field)), "{value}");
        }
    }

    #[test]
    fn unknown_arguments_are_named_and_debug_hides_values() {
        let args = Args::new().with("x", 1).with("chairman_password", "hunter2");
        let e = refuse_unknown(&args, |n| n == "chairman_password", "apply_host").unwrap_err();
        assert_eq!(e.field(), Some("x"));
        assert!(!format!("{args:?}").contains("hunter2"));
        assert_eq!(Args::from_json(serde_json::json!([1]), "params").unwrap_err().field(), Some("params"));
    }
}
