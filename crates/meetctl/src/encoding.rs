//! Hex, percent-encoding and the validation of values that go into a URL.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::Error;
use crate::secret::Secret;

/// Everything but RFC 3986 unreserved characters is percent-encoded, in paths and in queries,
/// so a value can never add a path segment, a query parameter or a fragment.
const STRICT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Lowercase hex of `bytes`.
pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    hex_with(bytes, b"0123456789abcdef")
}

/// Uppercase hex of `bytes`.
pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    hex_with(bytes, b"0123456789ABCDEF")
}

fn hex_with(bytes: &[u8], digits: &[u8; 16]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(digits[usize::from(b >> 4)] as char);
        out.push(digits[usize::from(b & 0x0f)] as char);
    }
    out
}

/// Percent-encodes `value` with the strict set (borrowed when nothing needs encoding).
pub(crate) fn encode(value: &str) -> std::borrow::Cow<'_, str> {
    utf8_percent_encode(value, STRICT).into()
}

/// The longest id accepted (meeting, conference, participant and user ids), in characters.
pub const MAX_ID_CHARS: usize = 256;
/// The longest secret accepted (passwords, tokens, keys), in bytes.
pub const MAX_SECRET_BYTES: usize = 4096;

/// Checks that `value` is a usable identifier for `field`: 1 to [`MAX_ID_CHARS`] characters, no
/// control characters.
pub(crate) fn require_id(field: &'static str, value: &str) -> Result<(), Error> {
    id_problem(value).map_or(Ok(()), |problem| Err(Error::invalid(field, problem)))
}

/// What is wrong with `value` as an identifier ([`require_id`]'s rule), or `None`; for callers
/// that name the field only once they know there is an error.
pub(crate) fn id_problem(value: &str) -> Option<Cow<'static, str>> {
    if value.is_empty() {
        return Some("must not be empty".into());
    }
    // A value of at most MAX_ID_CHARS bytes has at most as many characters: no count needed.
    if value.len() > MAX_ID_CHARS && value.chars().count() > MAX_ID_CHARS {
        return Some(format!("must be at most {MAX_ID_CHARS} characters").into());
    }
    // Printable ASCII (ids nearly always are) has no control character: no need to decode.
    let printable_ascii = all_in(value.as_bytes(), PRINTABLE);
    if !printable_ascii && value.chars().any(char::is_control) {
        return Some("must not contain control characters".into());
    }
    None
}

/// A secret must be non-empty and header-safe; the error never repeats it.
pub(crate) fn require_secret(field: impl Into<Cow<'static, str>>, secret: &Secret) -> Result<(), Error> {
    let field = field.into();
    if secret.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if secret.expose().len() > MAX_SECRET_BYTES {
        return Err(Error::invalid(field, format!("must be at most {MAX_SECRET_BYTES} bytes")));
    }
    if secret.expose().chars().any(char::is_control) {
        return Err(Error::invalid(field, "must not contain control characters"));
    }
    Ok(())
}

/// Validates an identifier that becomes one path segment and returns it percent-encoded.
///
/// `/`, `\`, `?`, `#`, `%`, `..` and control characters are refused outright rather than encoded:
/// such an id is a mistake (or an attack), and some servers decode before routing.
pub(crate) fn path_segment<'a>(
    field: &'static str,
    value: &'a str,
) -> Result<std::borrow::Cow<'a, str>, Error> {
    require_id(field, value)?;
    if all_in(value.as_bytes(), PLAIN_SEGMENT) {
        // Nothing to refuse or encode (ids nearly always look like this): the common case in one pass.
        return Ok(std::borrow::Cow::Borrowed(value));
    }
    if let Some(c) = value.chars().find(|c| matches!(c, '/' | '\\' | '?' | '#' | '%')) {
        return Err(Error::invalid(field, format!("must not contain '{c}'")));
    }
    if value.contains("..") {
        return Err(Error::invalid(field, "must not contain '..'"));
    }
    if value == "." {
        // As a path segment, `.` is "this directory": servers would drop it.
        return Err(Error::invalid(field, "must not be '.'"));
    }
    Ok(encode(value))
}

/// Borrowed query pairs as owned ones.
pub(crate) fn owned_pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

/// Builds an `a=b&c=d` query string with every key and value strictly percent-encoded.
pub(crate) fn query_string<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&encode(k.as_ref()));
        out.push('=');
        out.push_str(&encode(v.as_ref()));
    }
    out
}

/// Checks a caller-supplied API path: absolute, only URL-safe characters, no dot segments.
pub(crate) fn validate_api_path(path: &str) -> Result<(), Error> {
    if !path.starts_with('/') {
        return Err(Error::invalid("path", "must start with '/'"));
    }
    let bytes = path.as_bytes();
    // Letters, digits, `-`, `_`, `~` and `/` only (nearly every API path): no escape to check and
    // no dot segment possible.
    if all_in(bytes, PLAIN_PATH) {
        return Ok(());
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if URL_SAFE[usize::from(b)] & IN_PATH != 0 {
            i += 1;
            continue;
        }
        let is_escape = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if !is_escape {
            let shown = path[i..].chars().next().unwrap_or('?');
            return Err(Error::invalid(
                "path",
                format!(
                    "must not contain {shown:?}; percent-encode ids and pass query parameters separately"
                ),
            ));
        }
        i += 3;
    }
    // Only a path with a dot (or an escape, which may be a dot) can have a dot segment.
    if bytes.iter().any(|&b| b == b'.' || b == b'%') && path.split('/').any(is_dot_segment) {
        return Err(Error::invalid("path", "must not contain '.' or '..' segments (encoded or not)"));
    }
    Ok(())
}

/// Whether every byte of `bytes` has the [`URL_SAFE`] bit `class`. Eight bytes are looked up
/// at a time and tested once: ids and paths are short, and a loop that stops at the first byte
/// outside the class costs more in mispredicted exits than the lookups it saves.
fn all_in(bytes: &[u8], class: u8) -> bool {
    let in_class = |chunk: &[u8]| chunk.iter().fold(class, |acc, &b| acc & URL_SAFE[usize::from(b)]) != 0;
    let mut chunks = bytes.chunks_exact(8);
    chunks.by_ref().all(in_class) && in_class(chunks.remainder())
}

/// Whether `segment` is `.` or `..`, each dot written as itself or as `%2E`/`%2e` (a dot to URL
/// parsers and normalising servers).
fn is_dot_segment(segment: &str) -> bool {
    let mut rest = segment.as_bytes();
    let mut dots = 0;
    while !rest.is_empty() {
        match rest {
            [b'.', tail @ ..] => rest = tail,
            [b'%', b'2', b'e' | b'E', tail @ ..] => rest = tail,
            _ => return false,
        }
        dots += 1;
        if dots > 2 {
            return false;
        }
    }
    dots > 0
}

/// [`URL_SAFE`] bit: the byte may stand as itself in a path (unreserved, or `/`).
const IN_PATH: u8 = 1;
/// [`URL_SAFE`] bit: the byte may stand as itself in a query (unreserved, `=` or `&`).
const IN_QUERY: u8 = 2;

/// [`URL_SAFE`] bit: a path of only such bytes needs no further check (no `.`, no `%`).
const PLAIN_PATH: u8 = 4;
/// [`URL_SAFE`] bit: an id of only such bytes is a path segment as it is (letters, digits, `-`,
/// `_`, `~`).
const PLAIN_SEGMENT: u8 = 8;
/// [`URL_SAFE`] bit: printable ASCII (`' '` to `'~'`), no control character.
const PRINTABLE: u8 = 16;

/// For each byte, where it may stand unencoded (and the two classes ids are checked against):
/// one lookup per byte.
static URL_SAFE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'~') {
            table[b] = IN_PATH | IN_QUERY | PLAIN_PATH | PLAIN_SEGMENT;
        } else if c == b'.' {
            table[b] = IN_PATH | IN_QUERY;
        }
        if c >= 0x20 && c < 0x7f {
            table[b] |= PRINTABLE;
        }
        b += 1;
    }
    table[b'/' as usize] |= IN_PATH | PLAIN_PATH;
    table[b'=' as usize] |= IN_QUERY;
    table[b'&' as usize] |= IN_QUERY;
    table
};

/// Checks a query string made by meetctl or a caller: only unreserved characters, `%XX` escapes,
/// `=` and `&`.
pub(crate) fn validate_query(query: &str) -> Result<(), Error> {
    let bytes = query.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let escape = bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
            if !escape {
                return Err(Error::invalid("query", "has a '%' that is not a percent-escape"));
            }
            i += 3;
            continue;
        }
        if URL_SAFE[usize::from(b)] & IN_QUERY == 0 {
            return Err(Error::invalid(
                "query",
                "must be percent-encoded (pass query pairs unencoded to meetctl)",
            ));
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn hex_matches_known_values() {
        assert_eq!(hex_lower(&[0x00, 0xab, 0xff]), "00abff");
        assert_eq!(hex_upper(&[0x00, 0xab, 0xff]), "00ABFF");
    }

    /// The table's classes are the byte sets they name, and `all_in` looks at every byte, in the
    /// eight-byte runs and in what is left after them.
    #[test]
    fn byte_classes_and_all_in() {
        for b in 0..=255u8 {
            let unreserved = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~');
            assert_eq!(URL_SAFE[usize::from(b)] & PLAIN_SEGMENT != 0, unreserved, "{b}");
            assert_eq!(URL_SAFE[usize::from(b)] & PLAIN_PATH != 0, unreserved || b == b'/', "{b}");
            assert_eq!(URL_SAFE[usize::from(b)] & PRINTABLE != 0, (0x20..0x7f).contains(&b), "{b}");
            assert_eq!(URL_SAFE[usize::from(b)] & IN_PATH != 0, unreserved || b == b'.' || b == b'/', "{b}");
            assert_eq!(
                URL_SAFE[usize::from(b)] & IN_QUERY != 0,
                unreserved || matches!(b, b'.' | b'=' | b'&'),
                "{b}"
            );
        }
        for len in 0..=20 {
            let plain = vec![b'a'; len];
            assert!(all_in(&plain, PLAIN_SEGMENT) && all_in(&plain, PRINTABLE));
            for at in 0..len {
                for bad in [0u8, b'\n', 0x7f, 0x80, 0xff] {
                    let mut value = plain.clone();
                    value[at] = bad;
                    assert!(!all_in(&value, PRINTABLE), "{value:?}");
                    assert!(!all_in(&value, PLAIN_SEGMENT), "{value:?}");
                }
            }
        }
    }

    #[test]
    fn ids_refuse_control_characters_anywhere() {
        for len in 1..=20 {
            for at in 0..len {
                let mut id: Vec<char> = vec!['a'; len];
                id[at] = '\u{1}';
                let id: String = id.into_iter().collect();
                assert_eq!(require_id("id", &id).unwrap_err().field(), Some("id"), "{id:?}");
                assert!(path_segment("id", &id).is_err(), "{id:?}");
                let mut other: Vec<char> = vec!['a'; len];
                other[at] = '会';
                let other: String = other.into_iter().collect();
                assert!(require_id("id", &other).is_ok(), "{other:?}");
                assert_eq!(path_segment("id", &other).unwrap(), encode(&other));
            }
        }
    }

    #[test]
    fn path_segment_refuses_traversal_and_injection() {
        for bad in ["", ".", "a/b", "..", "a..b", "x?y=1", "x#y", "a%2Fb", "a\nb", "a\\b", "\u{7f}"] {
            let err = path_segment("meeting_id", bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{bad:?}");
            assert_eq!(err.field(), Some("meeting_id"));
        }
    }

    #[test]
    fn path_segment_encodes_the_rest() {
        assert_eq!(path_segment("m", "1242152152161").unwrap(), "1242152152161");
        assert_eq!(path_segment("m", "a b+会").unwrap(), "a%20b%2B%E4%BC%9A");
    }

    #[test]
    fn query_values_cannot_add_parameters() {
        let q = query_string(&[("conferenceID", "1&participantID=evil"), ("x", "a=b c")]);
        assert_eq!(q, "conferenceID=1%26participantID%3Devil&x=a%3Db%20c");
    }

    #[test]
    fn api_paths() {
        for ok in ["/v1/meetings/123", "/v1/a%2Fb/c", "/v1/x.y/z~"] {
            assert!(validate_api_path(ok).is_ok(), "{ok}");
        }
        for bad in [
            "v1/x",
            "/v1/../admin",
            "/v1/./x",
            "/v1/x?y=1",
            "/v1/x#f",
            "/v1/a b",
            "/v1/%zz",
            "/v1/%",
            "/v1/\n",
            "/%2E",
            "/.%2E",
            "/v1/meetings/%2E%2E/admin",
            "/v1/%2e/x",
        ] {
            assert_eq!(validate_api_path(bad).unwrap_err().field(), Some("path"), "{bad:?}");
        }
    }
}
