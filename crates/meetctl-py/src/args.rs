//! The named arguments of a control operation: Python values in, [`meetctl::Args`] out.
//!
//! One path for every argument, whether it came as a keyword of a control value
//! (`TencentControl(..., allow_rejoin=False)`) or as a parameter of a named method
//! (`kick_out(..., allow_rejoin=False)`): the value becomes a JSON scalar here and the core checks
//! it against the operation's table (unknown name, type, range, required), so both forms raise the
//! same `InvalidArgument` naming the argument.

use meetctl::{Args, Param, ParamKind};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::errors::invalid;

/// How deep lists and mappings may nest in one argument (the deepest declaration,
/// `layout_list[].page_list[].user_seat_list[].user_list[]`, is four lists and four objects); a
/// deeper value (or a list that contains itself) is an `InvalidArgument` naming where.
const MAX_DEPTH: usize = 12;

/// One argument's value as JSON. `bool` is tested before `int` (a Python `bool` is an `int`, and
/// must reach the wire as `true`/`false`, never `1`/`0`); a list or tuple becomes a JSON array
/// and a mapping (a builder such as `HuaweiAttendee` is a `dict`) a JSON object, their items
/// converted the same way (a `None` field is left out: not given); anything else is an
/// `InvalidArgument` naming the argument. The core then checks the value against the
/// operation's declaration and names a bad part (`layout_list[0].page_list[1].layout_template_id`).
fn scalar(py: Python<'_>, name: &str, value: &Bound<'_, PyAny>) -> PyResult<Value> {
    convert(py, name, value, 0)
}

fn convert(py: Python<'_>, name: &str, value: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if let Ok(flag) = value.cast::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(n) = value.extract::<i64>() {
            return Ok(Value::from(n));
        }
        return Err(invalid(py, name.to_owned(), "is outside the 64-bit integer range"));
    }
    if let Ok(float) = value.cast::<PyFloat>() {
        // The core refuses a float wherever it wants an integer, naming the argument.
        return Number::from_f64(float.value())
            .map(Value::Number)
            .ok_or_else(|| invalid(py, name.to_owned(), "must be a finite number"));
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Value::String(text.to_cow()?.into_owned()));
    }
    let nested = value.cast::<PyList>().is_ok()
        || value.cast::<PyTuple>().is_ok()
        || value.cast::<PyMapping>().is_ok();
    if nested && depth >= MAX_DEPTH {
        return Err(invalid(py, name.to_owned(), "nests lists and mappings too deeply"));
    }
    if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
        let mut items = Vec::new();
        for (i, item) in value.try_iter()?.enumerate() {
            items.push(convert(py, &format!("{name}[{i}]"), &item?, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(mapping) = value.cast::<PyMapping>() {
        let mut object = Map::new();
        for pair in mapping.items()?.iter() {
            let (key, field) = pair.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()?;
            let Ok(key) = key.cast::<PyString>() else {
                return Err(invalid(py, name.to_owned(), "must have str keys"));
            };
            let key = key.to_cow()?.into_owned();
            if field.is_none() {
                continue;
            }
            let field = convert(py, &format!("{name}.{key}"), &field, depth + 1)?;
            object.insert(key, field);
        }
        return Ok(Value::Object(object));
    }
    Err(invalid(
        py,
        name.to_owned(),
        format!("must be a bool, an int, a str, a list or a mapping, not {}", value.get_type().name()?),
    ))
}

/// The `**args` of a control value, in the order given. `None` means "not given" (so that
/// `reason=None` sends no reason), as in the named methods.
pub(crate) fn from_kwargs(py: Python<'_>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Args> {
    let mut args = Args::new();
    let Some(kwargs) = kwargs else { return Ok(args) };
    for (name, value) in kwargs.iter() {
        // Keyword names are always `str`.
        let name = name.cast::<PyString>()?.to_cow()?.into_owned();
        if value.is_none() {
            continue;
        }
        let value = scalar(py, &name, &value)?;
        args.set(name, value);
    }
    Ok(args)
}

/// The `args` mapping of a lookup (`TencentClient.lookup(name, operator, {"page_size": 2})`): the
/// same values as the keywords of a control, `None` = not given. `None` for the whole mapping is
/// no arguments; anything but a mapping with `str` keys is a `TypeError`.
pub(crate) fn from_mapping(py: Python<'_>, mapping: Option<&Bound<'_, PyAny>>) -> PyResult<Args> {
    let mut args = Args::new();
    let Some(mapping) = mapping.filter(|m| !m.is_none()) else { return Ok(args) };
    let not_a_mapping = || {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "args must be a mapping of argument names to values (a dict), not {}",
            mapping.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        ))
    };
    let mapping = mapping.cast::<PyMapping>().map_err(|_| not_a_mapping())?;
    for pair in mapping.items()?.iter() {
        let (name, value) = pair.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()?;
        let name = name
            .cast::<PyString>()
            .map_err(|_| {
                pyo3::exceptions::PyTypeError::new_err("args keys must be str (the argument names)")
            })?
            .to_cow()?
            .into_owned();
        if value.is_none() {
            continue;
        }
        let value = scalar(py, &name, &value)?;
        args.set(name, value);
    }
    Ok(args)
}

/// The arguments as a new `dict`, real values included.
pub(crate) fn to_dict<'py>(py: Python<'py>, args: &Args) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for name in args.names() {
        if let Some(value) = args.get(name) {
            dict.set_item(name, crate::convert::json_to_py(py, value)?)?;
        }
    }
    Ok(dict)
}

/// `, name=value` for each argument, for `repr()`: the value only when the operation's table
/// knows the argument and it is not a password; `<redacted>` otherwise (a misspelled name may
/// still hold one).
pub(crate) fn repr(py: Python<'_>, args: &Args, param: impl Fn(&str) -> Option<Param>) -> PyResult<String> {
    let mut out = String::new();
    for name in args.names() {
        let shown = match (param(name), args.get(name)) {
            (Some(p), Some(value)) if p.kind != ParamKind::Secret => {
                crate::convert::json_to_py(py, value)?.repr()?.to_cow()?.into_owned()
            }
            _ => "<redacted>".to_owned(),
        };
        out.push_str(", ");
        out.push_str(name);
        out.push('=');
        out.push_str(&shown);
    }
    Ok(out)
}
