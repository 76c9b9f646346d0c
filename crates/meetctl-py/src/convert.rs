//! Python values in and out: client settings, methods, query parameters and JSON.

use std::time::Duration;

use meetctl::{ClientConfig, MAX_ATTEMPTS, MAX_TIMEOUT, Method, ProxySetting, RetryPolicy};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::errors::{IntoPyResult, deprecated, invalid};

/// How deep a JSON body may nest (a list that contains itself would otherwise never end).
const MAX_JSON_DEPTH: usize = 64;

/// The shortest `timeout` accepted, in seconds (a millisecond).
const MIN_TIMEOUT_SECS: f64 = 0.001;

/// The transport settings every client constructor takes.
pub(crate) struct Settings<'a, 'py> {
    pub base_url: Option<String>,
    /// `None`: the core's default, the whole call in 60 s (10 s to connect, 30 s to read).
    pub timeout: Option<&'a Bound<'py, PyAny>>,
    pub proxy: Option<&'a Bound<'py, PyAny>>,
    pub extra_ca_pem: Option<&'a Bound<'py, PyAny>>,
    pub allow_insecure_http: bool,
    /// `None`: the core's default policy (3 attempts).
    pub max_attempts: Option<&'a Bound<'py, PyAny>>,
}

/// The `extra_ca_pem` a constructor was given, under its name or its deprecated old one `ca_pem`
/// (which warns); both at once is a `TypeError`.
pub(crate) fn extra_ca_pem<'a, 'py>(
    py: Python<'py>,
    extra_ca_pem: Option<&'a Bound<'py, PyAny>>,
    ca_pem: Option<&'a Bound<'py, PyAny>>,
) -> PyResult<Option<&'a Bound<'py, PyAny>>> {
    match (extra_ca_pem, ca_pem) {
        (pem, None) => Ok(pem),
        (None, Some(pem)) => {
            deprecated(
                py,
                c"ca_pem= is deprecated and will be removed in the next release; use extra_ca_pem=",
            )?;
            Ok(Some(pem))
        }
        (Some(_), Some(_)) => Err(PyTypeError::new_err(
            "give extra_ca_pem= only (ca_pem= is its deprecated old name), not both",
        )),
    }
}

impl Settings<'_, '_> {
    /// The core configuration; the core checks the base URL, proxy URL and PEM when the client is
    /// built.
    pub(crate) fn config(&self, py: Python<'_>) -> PyResult<ClientConfig> {
        let mut config = ClientConfig::new().allow_insecure_http(self.allow_insecure_http);
        if let Some(url) = &self.base_url {
            config = config.base_url(url.clone());
        }
        if let Some(timeout) = self.timeout.filter(|t| !t.is_none()) {
            config = config.timeout(timeout_duration(py, timeout)?);
        }
        if let Some(attempts) = self.max_attempts.filter(|a| !a.is_none()) {
            config = config.retry(RetryPolicy::new().max_attempts(max_attempts(py, attempts)?));
        }
        if let Some(proxy) = self.proxy {
            config = config.proxy(proxy_setting(proxy)?);
        }
        if let Some(pem) = self.extra_ca_pem {
            config = config.extra_ca_pem(pem_bytes(pem)?);
        }
        Ok(config)
    }
}

/// `timeout` in seconds (an `int` or `float`, not a `bool`) as a duration from a millisecond to
/// an hour; anything else (negative, zero, NaN, infinite, huge) is an `InvalidArgument` naming
/// `timeout`, never a panic later.
fn timeout_duration(py: Python<'_>, timeout: &Bound<'_, PyAny>) -> PyResult<Duration> {
    let out_of_range = || {
        invalid(
            py,
            "timeout",
            format!("must be a number of seconds from {MIN_TIMEOUT_SECS} to {}", MAX_TIMEOUT.as_secs()),
        )
    };
    if timeout.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err("timeout must be a number of seconds or None, not bool"));
    }
    let secs = match timeout.extract::<f64>() {
        Ok(secs) => secs,
        // An int too large for a float.
        Err(_) if timeout.is_instance_of::<PyInt>() => return Err(out_of_range()),
        Err(_) => {
            return Err(PyTypeError::new_err(format!(
                "timeout must be a number of seconds or None, not {}",
                timeout.get_type().name()?
            )));
        }
    };
    // `!(a <= x && x <= b)` also refuses NaN.
    if !(MIN_TIMEOUT_SECS..=MAX_TIMEOUT.as_secs_f64()).contains(&secs) {
        return Err(out_of_range());
    }
    Ok(Duration::from_secs_f64(secs))
}

/// `max_attempts`: an `int` (not a `bool`) from 1 to 10.
fn max_attempts(py: Python<'_>, attempts: &Bound<'_, PyAny>) -> PyResult<u32> {
    if attempts.is_instance_of::<PyBool>() || !attempts.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "max_attempts must be an int, not {}",
            attempts.get_type().name()?
        )));
    }
    attempts.extract::<u32>().ok().filter(|n| (1..=MAX_ATTEMPTS).contains(n)).ok_or_else(|| {
        invalid(py, "max_attempts", format!("must be from 1 to {MAX_ATTEMPTS} (1: no retries)"))
    })
}

/// `None`/`True`: from the environment; `False`: no proxy; a string: that proxy URL.
fn proxy_setting(proxy: &Bound<'_, PyAny>) -> PyResult<ProxySetting> {
    if proxy.is_none() {
        return Ok(ProxySetting::FromEnvironment);
    }
    if let Ok(flag) = proxy.cast::<PyBool>() {
        return Ok(if flag.is_true() { ProxySetting::FromEnvironment } else { ProxySetting::Disabled });
    }
    if let Ok(url) = proxy.cast::<PyString>() {
        return Ok(ProxySetting::Url(url.to_cow()?.into_owned()));
    }
    Err(PyTypeError::new_err(format!(
        "proxy must be a str, a bool or None, not {}",
        proxy.get_type().name()?
    )))
}

fn pem_bytes(pem: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(text) = pem.cast::<PyString>() {
        return Ok(text.to_cow()?.as_bytes().to_vec());
    }
    if let Ok(bytes) = pem.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    Err(PyTypeError::new_err(format!("ca_pem must be str or bytes, not {}", pem.get_type().name()?)))
}

/// `"PUT"`, `"put"`, … as a [`Method`].
pub(crate) fn method(py: Python<'_>, name: &str) -> PyResult<Method> {
    name.parse::<Method>().into_py_result(py)
}

/// Query parameters from a mapping or an iterable of `(key, value)` pairs; values may be `str`
/// or `int`.
pub(crate) fn query_pairs(query: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, String)>> {
    let Some(query) = query.filter(|q| !q.is_none()) else {
        return Ok(Vec::new());
    };
    if query.is_instance_of::<PyString>() || query.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err("query must be a mapping or a sequence of (key, value) pairs"));
    }
    let items =
        if let Ok(mapping) = query.cast::<PyMapping>() { mapping.items()?.into_any() } else { query.clone() };
    let mut pairs = Vec::new();
    for item in items
        .try_iter()
        .map_err(|_| PyTypeError::new_err("query must be a mapping or a sequence of (key, value) pairs"))?
    {
        let item = item?;
        let pair = item
            .cast::<PyTuple>()
            .ok()
            .filter(|t| t.len() == 2)
            .map(|t| (t.get_item(0), t.get_item(1)))
            .or_else(|| {
                item.cast::<PyList>().ok().filter(|l| l.len() == 2).map(|l| (l.get_item(0), l.get_item(1)))
            });
        let Some((Ok(key), Ok(value))) = pair else {
            return Err(PyTypeError::new_err("query items must be (key, value) pairs"));
        };
        let key = key
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err("query keys must be str"))?
            .to_cow()?
            .into_owned();
        pairs.push((key, query_value(&value)?));
    }
    Ok(pairs)
}

fn query_value(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(text.to_cow()?.into_owned());
    }
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        return Ok(value.str()?.to_cow()?.into_owned());
    }
    Err(PyTypeError::new_err(format!("query values must be str or int, not {}", value.get_type().name()?)))
}

/// A JSON body from Python values: `dict` (str keys), `list`, `tuple`, `str`, `int`, `float`
/// (finite), `bool` and `None`.
pub(crate) fn json_from_py(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Value> {
    to_json(py, value, 0)
}

fn to_json(py: Python<'_>, value: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_JSON_DEPTH {
        return Err(invalid(py, "body", format!("nests deeper than {MAX_JSON_DEPTH} levels")));
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(flag) = value.cast::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(n) = value.extract::<i64>() {
            return Ok(Value::from(n));
        }
        if let Ok(n) = value.extract::<u64>() {
            return Ok(Value::from(n));
        }
        return Err(invalid(py, "body", "holds an integer outside the 64-bit range"));
    }
    if let Ok(float) = value.cast::<PyFloat>() {
        return Number::from_f64(float.value())
            .map(Value::Number)
            .ok_or_else(|| invalid(py, "body", "holds a NaN or infinite float"));
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Value::String(text.to_cow()?.into_owned()));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut map = Map::new();
        for (key, item) in dict.iter() {
            let key = key.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "JSON object keys must be str, not {}",
                    key.get_type().name().map(|n| n.to_string()).unwrap_or_default()
                ))
            })?;
            map.insert(key.to_cow()?.into_owned(), to_json(py, &item, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for item in value.try_iter()? {
            items.push(to_json(py, &item?, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    Err(PyTypeError::new_err(format!("object of type {} is not JSON serialisable", value.get_type().name()?)))
}

/// A JSON answer as Python values (`None` for an empty answer).
pub(crate) fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, json_to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// A core record (a lookup's answer, a find's candidate, a meeting's details) as plain Python
/// values: a `dict` of its fields, nested records as `dict`s, lists as `list`s.
///
/// A record that holds a secret (the WebSocket token) holds it in clear here: the `dict` is the
/// caller's, and nothing of ours logs or shows it.
///
/// Takes what `serde_json::to_value(&record)` gave (this crate names no serde trait itself).
pub(crate) fn record_to_py<'py>(
    py: Python<'py>,
    record: Result<Value, serde_json::Error>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = record.map_err(|e| {
        PyTypeError::new_err(format!("meetctl: a record could not be converted ({e}); please report this"))
    })?;
    json_to_py(py, &value)
}

/// An optional body: `None` is no body at all (not JSON `null`).
pub(crate) fn optional_body(py: Python<'_>, body: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Value>> {
    match body {
        Some(b) if !b.is_none() => json_from_py(py, b).map(Some),
        _ => Ok(None),
    }
}
