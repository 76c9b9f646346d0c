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

/// One argument's value as JSON. `bool` is tested before `int` (a Python `bool` is an `int`, and
/// must reach the wire as `true`/`false`, never `1`/`0`); anything but `bool`, `int`, `float` and
/// `str` is an `InvalidArgument` naming the argument.
fn scalar(py: Python<'_>, name: &str, value: &Bound<'_, PyAny>) -> PyResult<Value> {
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
    if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
        return list(py, name, value);
    }
    Err(invalid(
        py,
        name.to_owned(),
        format!("must be a bool, an int, a str or a list of mappings, not {}", value.get_type().name()?),
    ))
}

/// A list argument (`attendees`): each item a mapping of named scalars (a builder such as
/// `HuaweiAttendee` is a `dict`), as a JSON array of objects (any other item as its scalar). The core checks the items against
/// the operation's declaration and names a bad one (`attendees[1].number`).
fn list(py: Python<'_>, name: &str, value: &Bound<'_, PyAny>) -> PyResult<Value> {
    let mut items = Vec::new();
    for (i, item) in value.try_iter()?.enumerate() {
        let item = item?;
        let Ok(mapping) = item.cast::<PyMapping>() else {
            // Not a mapping: passed on as it is, for the core to refuse in the operation's terms
            // (`force` must be a boolean; `attendees[0]` must be an object).
            if item.cast::<PyList>().is_ok() || item.cast::<PyTuple>().is_ok() {
                return Err(invalid(py, format!("{name}[{i}]"), "must be a mapping of named fields"));
            }
            items.push(scalar(py, &format!("{name}[{i}]"), &item)?);
            continue;
        };
        let mut object = Map::new();
        for pair in mapping.items()?.iter() {
            let (key, field) = pair.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()?;
            let Ok(key) = key.cast::<PyString>() else {
                return Err(invalid(py, format!("{name}[{i}]"), "must have str keys"));
            };
            let key = key.to_cow()?.into_owned();
            if field.is_none() {
                continue;
            }
            let field_name = format!("{name}[{i}].{key}");
            if field.cast::<PyList>().is_ok() || field.cast::<PyTuple>().is_ok() {
                return Err(invalid(py, field_name, "must be a bool, an int or a str"));
            }
            object.insert(key, scalar(py, &field_name, &field)?);
        }
        items.push(Value::Object(object));
    }
    Ok(Value::Array(items))
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
