//! What both vendors' lookups share: reading every page, path templates, the answer's shape.
//!
//! A lookup is a read-only operation declared as a row (path, query fields, paging, what it
//! answers, the function that reads one page of the vendor's answer); the vendor's client runs
//! any row the same way and returns meetctl's records as JSON values, which the typed methods
//! deserialise and the C and Python bindings hand over as they are.

use serde_json::Value;

use crate::args::{Args, Param};
use crate::encoding::path_segment;
use crate::error::{Error, ErrorKind};

/// Most pages one lookup reads: a bound, should a server never say it is done.
pub(crate) const MAX_PAGES: usize = 1000;

/// How a lookup's answer is split into pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// One answer holds everything.
    None,
    /// The query parameter `position` says where a page starts (a page number, a position or an
    /// offset), `first` on the first page; each page's answer says where the next one starts.
    Pages {
        /// The query parameter's name (`page`, `pos`, `offset`).
        position: &'static str,
        /// Its value for the first page.
        first: i64,
    },
}

/// One page read from a vendor's answer: meetctl's records, and where the next page starts.
#[derive(Debug)]
pub(crate) struct Page {
    pub(crate) items: Vec<Value>,
    pub(crate) next: Option<i64>,
}

impl Page {
    /// The last (or only) page.
    pub(crate) fn last(items: Vec<Value>) -> Page {
        Page { items, next: None }
    }
}

/// Reads one page of a vendor's answer; errors are `MalformedResponse` (or `NotFound` where the
/// vendor answers a lookup of nothing with an empty success).
pub(crate) type ReadPage = fn(&Value) -> Result<Page, Error>;

/// A record as a JSON value, for a page's items.
pub(crate) fn item<T: serde::Serialize>(record: &T) -> Value {
    // A record of strings, integers and lists always serialises.
    serde_json::to_value(record).unwrap_or(Value::Null)
}

/// Reads every page of a lookup: `fetch(position)` gets one (the position is `None` for a lookup
/// without paging). A page must move forward; a server that repeats a position ends the listing
/// with an error rather than a loop.
pub(crate) fn read_all(
    paging: Paging,
    read: ReadPage,
    mut fetch: impl FnMut(Option<i64>) -> Result<(Value, u32), Error>,
) -> Result<Vec<Value>, Error> {
    let Paging::Pages { first, .. } = paging else {
        let (answer, attempts) = fetch(None)?;
        return read(&answer).map(|page| page.items).map_err(|e| e.with_attempts(attempts));
    };
    let mut all = Vec::new();
    let mut position = first;
    for _ in 0..MAX_PAGES {
        let (answer, attempts) = fetch(Some(position))?;
        let page = read(&answer).map_err(|e| e.with_attempts(attempts))?;
        all.extend(page.items);
        match page.next {
            None => return Ok(all),
            Some(next) if next > position => position = next,
            Some(_) => {
                return Err(Error::new(
                    ErrorKind::MalformedResponse,
                    "the server's next page does not move forward",
                ));
            }
        }
    }
    Err(Error::new(ErrorKind::MalformedResponse, format!("the listing did not end within {MAX_PAGES} pages")))
}

/// The path with each `{name}` replaced by the argument of that name from `params`, validated
/// and encoded as one path segment.
pub(crate) fn fill_path(template: &str, params: &[Param], args: &Args) -> Result<String, Error> {
    let mut path = String::with_capacity(template.len() + 24);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        let name = &rest[open + 1..close];
        path.push_str(&rest[..open]);
        let param = params.iter().find(|p| p.name == name).ok_or_else(|| {
            Error::new(ErrorKind::InvalidArgument, format!("the path names an undeclared argument {name}"))
        })?;
        let value = match args.get(param.name) {
            Some(Value::String(s)) => s.as_str(),
            Some(_) => return Err(Error::invalid(param.name, "must be a string")),
            None => return Err(Error::invalid(param.name, "is required")),
        };
        path.push_str(&path_segment(param.name, value)?);
        rest = rest.get(close + 1..).unwrap_or("");
    }
    path.push_str(rest);
    Ok(path)
}

/// The answer as the bindings receive it: the list of every page's items, or the one record.
pub(crate) fn shape(answers: crate::Answer, items: Vec<Value>) -> Result<Value, Error> {
    match answers {
        crate::Answer::Pages(_) => Ok(Value::Array(items)),
        _ => items
            .into_iter()
            .next()
            .ok_or_else(|| Error::new(ErrorKind::NotFound, "the answer holds nothing")),
    }
}

/// A lookup's JSON answer as the typed record (or list of records) it holds.
pub(crate) fn typed<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, Error> {
    serde_json::from_value(value).map_err(|e| {
        Error::new(ErrorKind::MalformedResponse, format!("the answer does not fit its record: {e}"))
    })
}
