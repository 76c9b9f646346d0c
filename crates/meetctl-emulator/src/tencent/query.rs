//! Typed readers for query parameters: a missing required one, or one of the wrong type or out
//! of range, is a 190004 naming it.

use super::error::TencentError;
use crate::http_util::query_param;
use crate::scenario::TENCENT_INSTANCE_IDS;

/// A query parameter, `None` when absent or empty.
pub(crate) fn optional(query: Option<&str>, name: &str) -> Option<String> {
    query_param(query, name).filter(|v| !v.is_empty())
}

/// A required, non-empty query parameter.
pub(crate) fn required(query: Option<&str>, name: &str) -> Result<String, TencentError> {
    optional(query, name).ok_or_else(|| TencentError::param(format!("query parameter {name} is required")))
}

/// An optional integer query parameter.
pub(crate) fn optional_int(query: Option<&str>, name: &str) -> Result<Option<i64>, TencentError> {
    optional(query, name)
        .map(|v| {
            v.parse().map_err(|_| {
                TencentError::param(format!("query parameter {name} must be an integer, not {v:?}"))
            })
        })
        .transpose()
}

/// A required integer query parameter.
pub(crate) fn required_int(query: Option<&str>, name: &str) -> Result<i64, TencentError> {
    optional_int(query, name)?
        .ok_or_else(|| TencentError::param(format!("query parameter {name} is required")))
}

/// An integer query parameter within `range`, `default` when absent.
pub(crate) fn int_in(
    query: Option<&str>,
    name: &str,
    default: i64,
    range: std::ops::RangeInclusive<i64>,
) -> Result<i64, TencentError> {
    let value = optional_int(query, name)?.unwrap_or(default);
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(TencentError::param(format!(
            "query parameter {name} must be {} to {}, not {value}",
            range.start(),
            range.end()
        )))
    }
}

/// The required `instanceid`: one of the documented device types.
pub(crate) fn instanceid(query: Option<&str>) -> Result<i64, TencentError> {
    let raw = required(query, "instanceid")?;
    match raw.parse::<i64>() {
        Ok(n) if TENCENT_INSTANCE_IDS.contains(&n) => Ok(n),
        _ => {
            Err(TencentError::param(format!("query parameter instanceid {raw:?} is not a valid device type")))
        }
    }
}

/// A page of `items` (1-based `page` of `size`): the slice and the number of pages.
pub(crate) fn page_of<T>(items: &[T], page: i64, size: i64) -> (&[T], usize) {
    let size = usize::try_from(size).unwrap_or(1).max(1);
    let skip = usize::try_from(page.saturating_sub(1)).unwrap_or(usize::MAX).saturating_mul(size);
    let start = skip.min(items.len());
    let end = start.saturating_add(size).min(items.len());
    (items.get(start..end).unwrap_or(&[]), items.len().div_ceil(size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_check_types_and_ranges() {
        let q = Some("a=1&b=x&c=&page=0");
        assert_eq!(optional_int(q, "a"), Ok(Some(1)));
        assert!(optional_int(q, "b").is_err_and(|e| e.message.contains("b must be an integer")));
        assert_eq!(optional_int(q, "c"), Ok(None));
        assert!(required(q, "c").is_err());
        assert!(int_in(q, "page", 1, 1..=10).is_err());
        assert_eq!(int_in(q, "missing", 20, 1..=20), Ok(20));
        assert!(instanceid(Some("instanceid=11")).is_err());
        assert_eq!(instanceid(Some("instanceid=20")), Ok(20));
    }

    #[test]
    fn pages() {
        let items = [1, 2, 3, 4, 5];
        assert_eq!(page_of(&items, 2, 2), (&items[2..4], 3));
        assert_eq!(page_of(&items, 9, 2).0, &[] as &[i32]);
        assert_eq!(page_of(&items, i64::MAX, i64::MAX).0, &[] as &[i32]);
    }
}
