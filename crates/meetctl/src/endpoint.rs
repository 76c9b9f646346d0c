//! What both vendors' endpoint tables are made of: an ordered list of fields per query or body,
//! each a constant, a caller's argument, or a vendor-specific slot (the operator, the targets).

use crate::args::{Args, Param, Scalar, WireValue, refuse_unknown};
use crate::encoding::encode;
use crate::error::Error;
use crate::json_writer::JsonObject;

/// One field of a query or body, in wire order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field<S: 'static> {
    /// A constant (`"mute": true`, `"isLock": 1`).
    Fixed(&'static str, Scalar),
    /// A caller's argument.
    Arg(Param),
    /// Something the vendor's call builds from the operator or targets.
    Slot(S),
}

/// Everything an endpoint's argument list accepts, from its query and body fields plus the
/// parameters its slots carry.
pub(crate) fn params<'a, S: Copy>(
    fields: &'a [&'a [Field<S>]],
    slot_param: fn(S) -> Option<Param>,
) -> impl Iterator<Item = Param> + Clone + 'a {
    fields.iter().flat_map(|f| f.iter()).filter_map(move |field| match *field {
        Field::Arg(p) => Some(p),
        Field::Slot(s) => slot_param(s),
        Field::Fixed(..) => None,
    })
}

/// Refuses arguments the endpoint does not take and, with `at_least_one`, an empty list. Types,
/// ranges and required arguments are checked where each value is written ([`write_query`],
/// [`write_body`], a vendor's slots): once per call, still before anything is sent.
pub(crate) fn check_args(
    args: &Args,
    all: impl Iterator<Item = Param> + Clone,
    at_least_one: bool,
    operation: &str,
) -> Result<(), Error> {
    refuse_unknown(args, |name| all.clone().any(|p| p.name == name), operation)?;
    if at_least_one && args.is_empty() {
        let names: Vec<&str> = all.map(|p| p.name).collect();
        return Err(Error::invalid("args", format!("give at least one of: {}", names.join(", "))));
    }
    Ok(())
}

/// Writes a JSON body from `fields`; `slot` writes the vendor's own slots.
pub(crate) fn write_body<S: Copy>(
    fields: &[Field<S>],
    args: &Args,
    mut slot: impl FnMut(&mut JsonObject<'_>, S) -> Result<(), Error>,
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(192);
    let mut object = JsonObject::open(&mut out);
    for field in fields {
        match *field {
            Field::Fixed(key, value) => object.value(key, &WireValue::from(value)),
            Field::Arg(param) => {
                if let Some(value) = param.resolve(args)? {
                    object.value(param.wire, &value);
                }
            }
            Field::Slot(s) => slot(&mut object, s)?,
        }
    }
    object.close();
    Ok(out)
}

/// Appends `key=value` pairs from `fields` to a query string; `slot` appends the vendor's slots.
pub(crate) fn write_query<S: Copy>(
    query: &mut String,
    fields: &[Field<S>],
    args: &Args,
    mut slot: impl FnMut(&mut String, S) -> Result<(), Error>,
) -> Result<(), Error> {
    for field in fields {
        match *field {
            Field::Fixed(key, value) => push_pair(query, key, &wire_text(&WireValue::from(value))),
            Field::Arg(param) => {
                if let Some(value) = param.resolve(args)? {
                    push_pair(query, param.wire, &wire_text(&value));
                }
            }
            Field::Slot(s) => slot(query, s)?,
        }
    }
    Ok(())
}

/// Appends `key=value`, both percent-encoded, with `&` when needed.
pub(crate) fn push_pair(query: &mut String, key: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(&encode(key));
    query.push('=');
    query.push_str(&encode(value));
}

fn wire_text(value: &WireValue) -> String {
    match value {
        WireValue::Bool(b) => b.to_string(),
        WireValue::Int(i) => i.to_string(),
        WireValue::Text(s) => s.clone(),
        // No table puts a list in a query (the tables' tests check); written as JSON if one did.
        WireValue::Texts(items) => items.join(","),
        WireValue::Object(fields) => {
            let mut out = Vec::new();
            crate::json_writer::write_object(&mut out, fields);
            String::from_utf8_lossy(&out).into_owned()
        }
        WireValue::List(items) => {
            let mut out = Vec::new();
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                crate::json_writer::write_object(&mut out, item);
            }
            out.push(b']');
            String::from_utf8_lossy(&out).into_owned()
        }
    }
}
