//! The named arguments of a control operation: Python values in, [`meetctl::Args`] out.
//!
//! One path for every argument, whether it came as a keyword of a control value
//! (`TencentControl(..., allow_rejoin=False)`) or as a parameter of a named method
//! (`kick_out(..., allow_rejoin=False)`): the value becomes a JSON scalar here and the core checks
//! it against the operation's table (unknown name, type, range, required), so both forms raise the
//! same `InvalidArgument` naming the argument.

use meetctl::{Args, Param, ParamKind};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyString};
use serde_json::{Number, Value};

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
    Err(invalid(
        py,
        name.to_owned(),
        format!("must be a bool, an int or a str, not {}", value.get_type().name()?),
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

/// The arguments a named method was given (`None`: not given, the table's default applies).
pub(crate) fn given(py: Python<'_>, pairs: &[(&'static str, Option<&Bound<'_, PyAny>>)]) -> PyResult<Args> {
    let mut args = Args::new();
    for (name, value) in pairs {
        if let Some(value) = value.filter(|v| !v.is_none()) {
            args.set(*name, scalar(py, name, value)?);
        }
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
