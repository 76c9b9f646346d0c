//! Typed readers for request-body fields: every wrong type or missing required field is a
//! 190004 naming the field (`shown`, e.g. `users[1].instanceid`).

use serde_json::{Map, Value};

use super::error::TencentError;

/// An optional string; `null`, absent and `""` count as not given.
pub(crate) fn non_empty_string<'a>(
    obj: &'a Map<String, Value>,
    field: &str,
    shown: &str,
) -> Result<Option<&'a str>, TencentError> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(TencentError::param(format!("{shown} must be a string"))),
    }
}

/// A required, non-empty string.
pub(crate) fn required_string<'a>(
    obj: &'a Map<String, Value>,
    field: &str,
    shown: &str,
) -> Result<&'a str, TencentError> {
    non_empty_string(obj, field, shown)?.ok_or_else(|| TencentError::param(format!("{shown} is required")))
}

/// An optional integer (`null` = not given).
pub(crate) fn optional_integer(
    obj: &Map<String, Value>,
    field: &str,
    shown: &str,
) -> Result<Option<i64>, TencentError> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => {
            v.as_i64().map(Some).ok_or_else(|| TencentError::param(format!("{shown} must be an integer")))
        }
    }
}

/// A required integer.
pub(crate) fn integer(obj: &Map<String, Value>, field: &str, shown: &str) -> Result<i64, TencentError> {
    optional_integer(obj, field, shown)?.ok_or_else(|| TencentError::param(format!("{shown} is required")))
}

/// An optional integer that must be one of `allowed` when given.
pub(crate) fn optional_choice(
    obj: &Map<String, Value>,
    field: &str,
    allowed: &[i64],
) -> Result<Option<i64>, TencentError> {
    match optional_integer(obj, field, field)? {
        Some(n) if !allowed.contains(&n) => {
            Err(TencentError::param(format!("{field} must be one of {allowed:?}, not {n}")))
        }
        other => Ok(other),
    }
}

/// An optional boolean (`null` = not given).
pub(crate) fn optional_boolean(obj: &Map<String, Value>, field: &str) -> Result<Option<bool>, TencentError> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(TencentError::param(format!("{field} must be a boolean"))),
    }
}

/// A required boolean.
pub(crate) fn boolean(obj: &Map<String, Value>, field: &str) -> Result<bool, TencentError> {
    optional_boolean(obj, field)?.ok_or_else(|| TencentError::param(format!("{field} is required")))
}

/// A required, non-empty array of objects (`users`).
pub(crate) fn object_list<'a>(
    obj: &'a Map<String, Value>,
    field: &str,
) -> Result<Vec<&'a Map<String, Value>>, TencentError> {
    let items = match obj.get(field) {
        None | Some(Value::Null) => return Err(TencentError::param(format!("{field} is required"))),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(TencentError::param(format!("{field} must be an array"))),
    };
    if items.is_empty() {
        return Err(TencentError::param(format!("{field} must not be empty")));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_object().ok_or_else(|| TencentError::param(format!("{field}[{i}] must be an object")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn readers_name_the_field() {
        let o = obj(json!({"s": "x", "e": "", "n": 3, "b": true, "l": [], "x": [{"a": 1}, 2]}));
        assert_eq!(non_empty_string(&o, "s", "s"), Ok(Some("x")));
        assert_eq!(non_empty_string(&o, "e", "e"), Ok(None));
        assert!(required_string(&o, "e", "e").is_err_and(|e| e.message == "e is required"));
        assert!(integer(&o, "s", "user.s").is_err_and(|e| e.message == "user.s must be an integer"));
        assert_eq!(optional_choice(&o, "n", &[1, 2, 3]), Ok(Some(3)));
        assert!(optional_choice(&o, "n", &[0, 1]).is_err());
        assert_eq!(boolean(&o, "b"), Ok(true));
        assert!(boolean(&o, "n").is_err_and(|e| e.message == "n must be a boolean"));
        assert!(object_list(&o, "l").is_err_and(|e| e.message == "l must not be empty"));
        assert!(object_list(&o, "x").is_err_and(|e| e.message == "x[1] must be an object"));
        assert!(object_list(&o, "missing").is_err_and(|e| e.code == 190_004));
    }
}
