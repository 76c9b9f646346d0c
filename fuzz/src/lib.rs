//! What the fuzz targets share: the input framings (readable, so seed files are plain text), an
//! independent strict percent-decoder, a rule-based check of the server text an error keeps, and
//! the checks every error must pass.
//!
//! Framings never reject an input: every byte string means something, so no execution is wasted.

use meetctl::{Error, ErrorKind, HttpResponse};
use serde_json::Value;

/// The input split at `\n` (a trailing `\r` is kept: it is part of the value).
pub fn lines(data: &[u8]) -> Vec<&[u8]> {
    data.split(|&b| b == b'\n').collect()
}

/// The input as text lines (invalid UTF-8 replaced), for targets whose values are Rust strings.
pub fn text_lines(data: &[u8]) -> Vec<String> {
    lines(data).into_iter().map(|l| String::from_utf8_lossy(l).into_owned()).collect()
}

/// An HTTP answer, written like one:
///
/// ```text
/// 400
/// x-request-id: 8957e54c
/// retry-after: 3
///
/// {"error_code":"MMC.111070005","error_msg":"gone"}
/// ```
///
/// The first line is the status (anything unparsable is 500). Header lines follow up to an empty
/// line; when there is no empty line, everything after the status line is the body.
pub fn response(data: &[u8]) -> HttpResponse {
    let (first, rest) = split_line(data);
    let status = std::str::from_utf8(first).ok().and_then(|s| s.trim().parse::<u16>().ok()).unwrap_or(500);
    let (headers, body) = match find(rest, b"\n\n") {
        Some(end) => (header_lines(&rest[..end]), &rest[end + 2..]),
        None => (Vec::new(), rest),
    };
    HttpResponse { status, headers, body: body.to_vec() }
}

fn header_lines(block: &[u8]) -> Vec<(String, String)> {
    lines(block)
        .into_iter()
        .map(|line| {
            let line = String::from_utf8_lossy(line);
            let (name, value) = line.split_once(':').unwrap_or((&line, ""));
            // As the transport hands them over: names lowercase.
            (name.trim().to_ascii_lowercase(), value.trim().to_owned())
        })
        .collect()
}

/// The first line and the rest (after the `\n`).
pub fn split_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

/// An optional leading number line (`now_ms`, a page number): the number and the rest, or
/// `default` and the whole input when the first line is not a number.
pub fn leading_number(data: &[u8], default: i64) -> (i64, &[u8]) {
    let (first, rest) = split_line(data);
    match std::str::from_utf8(first).ok().and_then(|s| s.trim().parse::<i64>().ok()) {
        Some(n) => (n, rest),
        None => (default, data),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// RFC 3986 unreserved characters: the only ones meetctl sends unescaped.
pub fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Strictly decodes one percent-encoded component as meetctl writes it: unreserved characters
/// and `%XX` escapes (uppercase hex) only, and the result must be UTF-8. `None` otherwise.
pub fn decode_component(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = |b: u8| match b {
                    b'0'..=b'9' => Some(b - b'0'),
                    b'A'..=b'F' => Some(b - b'A' + 10),
                    _ => None,
                };
                let hi = hex(*bytes.get(i + 1)?)?;
                let lo = hex(*bytes.get(i + 2)?)?;
                let decoded = hi << 4 | lo;
                // An escaped unreserved character would mean two spellings of one value.
                if is_unreserved(decoded) {
                    return None;
                }
                out.push(decoded);
                i += 3;
            }
            b if is_unreserved(b) => {
                out.push(b);
                i += 1;
            }
            _ => return None,
        }
    }
    String::from_utf8(out).ok()
}

/// Decodes a query string meetctl wrote (`a=b&c=d`) into its pairs; `None` when it is not
/// exactly that shape.
pub fn decode_query(query: &str) -> Option<Vec<(String, String)>> {
    if query.is_empty() {
        return Some(Vec::new());
    }
    query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=')?;
            Some((decode_component(k)?, decode_component(v)?))
        })
        .collect()
}

/// A server's text as an error keeps it: no control characters, bounded.
pub fn assert_clean_text(what: &str, text: &str) {
    assert!(!text.chars().any(is_control_char), "{what} has a control character: {text:?}");
    // 512 characters, each control character escaped to at most 8 (`\u{9f}`), plus `…`.
    let bound = meetctl::MAX_VENDOR_TEXT_CHARS * 8 + 1;
    assert!(text.chars().count() <= bound, "{what} is {} characters long", text.chars().count());
}

// ---- Vendor text: a rule-based reference ----
//
// The rule, as meetctl documents it (crates/meetctl/src/error.rs: `MAX_VENDOR_TEXT_CHARS`, "the
// most characters of a server's text an error keeps"; `vendor_text`, "at most
// MAX_VENDOR_TEXT_CHARS characters (then `…`), control characters escaped (`\r`, `\n`,
// `\u{1b}`)"; `Error::from_api`, which applies it to the vendor's message, code, new code and
// request id "so it cannot flood a log, forge log lines or drive a terminal"):
//
// 1. Only the first `MAX_VENDOR_TEXT_CHARS` *characters* (not bytes) of the server's text are
//    kept; when the text had more, a single `…` follows them, and otherwise nothing does.
// 2. Every control character among them is shown in Rust's `char::escape_default` spelling;
//    every other character (a backslash, a quote, any non-ASCII letter) appears as itself.
//
// The checks below are written from that rule alone: they parse escapes rather than produce
// them, and share no code with the library.

/// A control character: Unicode general category Cc, which is exactly U+0000..=U+001F and
/// U+007F..=U+009F (spelled out from the Unicode definition rather than asking the predicate the
/// library calls; the unit tests compare the two over every `char`).
pub fn is_control_char(c: char) -> bool {
    matches!(u32::from(c), 0x00..=0x1f | 0x7f..=0x9f)
}

/// Reads one escape of a control character at the start of `s`, in `char::escape_default`'s
/// spelling as it applies to Cc characters: `\t`, `\r`, `\n` for those three, and for every other
/// one `\u{H}` with `H` its code point in lowercase hex without leading zeros (`\u{0}`,
/// `\u{1b}`, `\u{7f}`, `\u{9f}`). Returns the character and the escape's length in bytes, or
/// why `s` does not start with such an escape. Accepts nothing else: no `\x1b`, no `\u{1B}`,
/// no `\u{001b}`, no `\u{a}` for a newline, no escape of a non-control character.
pub fn parse_control_escape(s: &str) -> Result<(char, usize), String> {
    let Some(rest) = s.strip_prefix('\\') else { return Err("no backslash".into()) };
    match rest.chars().next() {
        Some('t') => return Ok(('\t', 2)),
        Some('r') => return Ok(('\r', 2)),
        Some('n') => return Ok(('\n', 2)),
        Some('u') => {}
        _ => return Err("not one of \\t \\r \\n \\u{..}".into()),
    }
    let Some(body) = rest[1..].strip_prefix('{') else { return Err("\\u without {".into()) };
    let Some(close) = body.find('}') else { return Err("\\u{ without }".into()) };
    let hex = &body[..close];
    let lowercase_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    if hex.is_empty() || hex.len() > 6 || !hex.bytes().all(lowercase_hex) {
        return Err(format!("\\u{{{hex}}} is not lowercase hex"));
    }
    if hex.len() > 1 && hex.starts_with('0') {
        return Err(format!("\\u{{{hex}}} has a leading zero"));
    }
    let code = u32::from_str_radix(hex, 16).map_err(|e| e.to_string())?;
    let c = char::from_u32(code).ok_or_else(|| format!("\\u{{{hex}}} is no character"))?;
    if !is_control_char(c) {
        return Err(format!("\\u{{{hex}}} escapes a character that is not a control character"));
    }
    if matches!(c, '\t' | '\r' | '\n') {
        return Err(format!("\\u{{{hex}}} where escape_default writes the short form"));
    }
    Ok((c, "\\u{".len() + hex.len() + 1))
}

/// Checks that `shown` is what the rule (see above) makes of the server's text `sent`, and says
/// where it is not.
///
/// First a property of the output alone: it has no control character. Then `shown` is un-escaped
/// walking `sent` alongside it, which is what makes un-escaping unambiguous (only control
/// characters are escaped, so a literal `\` followed by `n` in the server's text stays those two
/// characters, while a newline becomes the same two characters; the input says which it was):
/// for each of the first `min(chars, MAX_VENDOR_TEXT_CHARS)` characters of `sent`, a control
/// character must be matched by an escape that [`parse_control_escape`] reads back as exactly
/// that character, any other character by itself. What is left of `shown` must then be exactly
/// `…` when `sent` had more characters than that, and nothing otherwise.
pub fn check_vendor_text(sent: &str, shown: &str) -> Result<(), String> {
    if let Some((at, c)) = shown.char_indices().find(|&(_, c)| is_control_char(c)) {
        return Err(format!("unescaped control character {c:?} at byte {at} of {shown:?}"));
    }
    let max = meetctl::MAX_VENDOR_TEXT_CHARS;
    let mut rest = shown;
    for (i, c) in sent.chars().take(max).enumerate() {
        let len = if is_control_char(c) {
            match parse_control_escape(rest) {
                Ok((got, len)) if got == c => len,
                Ok((got, _)) => return Err(format!("character {i} ({c:?}) shown as an escape of {got:?}")),
                Err(why) => {
                    let near: String = rest.chars().take(12).collect();
                    return Err(format!("character {i} ({c:?}) not escaped ({why}): {near:?}…"));
                }
            }
        } else if rest.starts_with(c) {
            c.len_utf8()
        } else {
            let near: String = rest.chars().take(12).collect();
            return Err(format!("character {i} ({c:?}) not kept as itself: {near:?}…"));
        };
        rest = &rest[len..];
    }
    let cut = sent.chars().count() > max;
    match (cut, rest) {
        (true, "…") | (false, "") => Ok(()),
        (true, _) => Err(format!(
            "{} characters sent: expected the first {max} then `…`, found {rest:?} after them",
            sent.chars().count()
        )),
        (false, _) => {
            Err(format!("{} characters sent, all kept, then an extra {rest:?}", sent.chars().count()))
        }
    }
}

/// One server text of an error against what the server sent: both absent, or the shown one is
/// what [`check_vendor_text`] expects of the sent one.
pub fn assert_vendor_text(what: &str, sent: Option<&str>, shown: Option<&str>) {
    match (sent, shown) {
        (None, None) => {}
        (Some(sent), Some(shown)) => {
            if let Err(why) = check_vendor_text(sent, shown) {
                panic!("{what}: {why}\n  sent:  {sent:?}\n  shown: {shown:?}");
            }
        }
        (sent, shown) => panic!("{what}: sent {sent:?}, shown {shown:?}"),
    }
}

/// Every check an invalid-argument error passes: its kind, a field, a message. (The field may be
/// empty: an unknown argument is named as the caller spelled it, `""` included.)
pub fn assert_invalid(e: &Error) {
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e:?}");
    assert!(e.field().is_some(), "no field: {e:?}");
    assert!(!e.message().is_empty(), "{e:?}");
    assert!(e.api().is_none() && e.vendor().is_none(), "{e:?}");
    let _ = (e.to_string(), format!("{e:?}"));
}

/// The text form vendors' "number or string" fields are read as (an oracle for `text_field`).
pub fn text_field(object: &Value, name: &str) -> Option<String> {
    match object.get(name)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The kind an HTTP status stands for when no code is recognised.
pub fn kind_from_status(status: u16) -> ErrorKind {
    match status {
        401 => ErrorKind::Auth,
        403 => ErrorKind::PermissionDenied,
        404 => ErrorKind::NotFound,
        429 => ErrorKind::RateLimited,
        _ => ErrorKind::Api,
    }
}

/// The vendor's error for a non-2xx answer, checked against what the answer said: `code` and
/// `message` are what the body's fields (by the vendor's spellings) hold, `kind` is what the
/// code maps to, else what the status does.
pub fn assert_api_error(
    e: &Error,
    response: &HttpResponse,
    vendor: meetctl::Vendor,
    code: Option<String>,
    new_code: Option<String>,
    message: Option<String>,
    kind_for_code: fn(&str) -> Option<ErrorKind>,
) {
    let parsed = serde_json::from_slice::<Value>(&response.body).is_ok();
    let expected_kind =
        code.as_deref().and_then(kind_for_code).unwrap_or_else(|| kind_from_status(response.status));
    assert_eq!(e.kind(), expected_kind, "{e:?}");
    assert_eq!(e.vendor(), Some(vendor));
    assert_eq!(e.status(), Some(response.status));
    assert_eq!(e.field(), None);
    let api = e.api().expect("an API error carries its details");
    assert_vendor_text("code", code.as_deref(), api.code.as_deref());
    assert_eq!(e.code(), api.code.as_deref());
    assert_vendor_text("new code", new_code.as_deref(), api.new_code.as_deref());
    match message {
        Some(m) => assert_vendor_text("message", Some(&m), api.message.as_deref()),
        None if !parsed => assert_eq!(
            api.message.as_deref(),
            Some(format!("HTTP {} with no readable error body", response.status).as_str())
        ),
        None => assert_eq!(api.message, None),
    }
    // (`api.message` has just been checked against the server's text.)
    let shown =
        api.message.clone().filter(|m| !m.is_empty()).unwrap_or_else(|| format!("HTTP {}", response.status));
    assert_eq!(e.message(), shown);
    let request_id = response.header("x-request-id").or_else(|| response.header("x-tc-trace"));
    assert_vendor_text("request id", request_id, e.request_id());
    assert_eq!(api.request_id.as_deref(), e.request_id());
    let retry_after = response
        .header("retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(std::time::Duration::from_secs);
    assert_eq!(e.retry_after(), retry_after);
    for (what, text) in [("message", Some(e.message())), ("code", e.code()), ("request id", e.request_id())] {
        if let Some(text) = text {
            assert_clean_text(what, text);
        }
    }
    if let Some(new_code) = &api.new_code {
        assert_clean_text("new code", new_code);
    }
    // One line, whatever the server sent: nothing in it can forge a log line.
    let display = e.to_string();
    assert!(!display.chars().any(is_control_char), "{display:?}");
    let _ = format!("{e:?}");
}

/// A success answer: its JSON (`Null` for an empty body) or a malformed-response error, exactly
/// as `serde_json` reads the body.
pub fn assert_success(result: Result<Value, Error>, response: &HttpResponse) {
    let expected = if response.body.iter().all(u8::is_ascii_whitespace) {
        Some(Value::Null)
    } else {
        serde_json::from_slice::<Value>(&response.body).ok()
    };
    match (result, expected) {
        (Ok(v), Some(e)) => assert_eq!(v, e),
        (Err(e), None) => {
            assert_eq!(e.kind(), ErrorKind::MalformedResponse, "{e:?}");
            let _ = e.to_string();
        }
        (got, expected) => panic!("got {got:?}, expected {expected:?}"),
    }
}

// ---- Control requests: what a table row plus arguments must produce ----

use meetctl::{Args, Param, ParamKind, Presence, Scalar};

/// The control operation a line names: by name, by number, or else by the line's bytes (so a
/// mutated name still picks some operation).
pub fn pick<T: Copy>(
    line: &str,
    all: &[T],
    from_name: fn(&str) -> Option<T>,
    from_code: fn(u32) -> Option<T>,
) -> T {
    let line = line.trim();
    from_name(line)
        .or_else(|| line.parse().ok().and_then(from_code))
        .unwrap_or_else(|| all[line.bytes().map(usize::from).sum::<usize>() % all.len()])
}

/// A constant as JSON.
pub fn scalar_json(s: Scalar) -> Value {
    match s {
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Int(i) => Value::from(i),
    }
}

/// A value meetctl accepted for `param`: checks it obeys the parameter's rule.
pub fn assert_arg_valid(param: &Param, value: &Value) {
    let name = param.name;
    match param.kind {
        ParamKind::Bool | ParamKind::Flag => assert!(value.is_boolean(), "{name}: {value}"),
        ParamKind::Int { min, max } => {
            assert!(value.as_i64().is_some_and(|i| (min..=max).contains(&i)), "{name}: {value}")
        }
        ParamKind::OneOf(allowed) => {
            assert!(value.as_i64().is_some_and(|i| allowed.contains(&i)), "{name}: {value}")
        }
        ParamKind::Text { max_chars } => {
            let s = value.as_str().unwrap_or_else(|| panic!("{name}: {value}"));
            assert!(!s.is_empty() && s.chars().count() <= max_chars, "{name}: {s:?}");
            assert!(!s.chars().any(char::is_control), "{name}: {s:?}");
        }
        ParamKind::Secret => {
            let s = value.as_str().unwrap_or_else(|| panic!("{name}: {value}"));
            assert!(!s.is_empty() && s.len() <= 4096 && !s.chars().any(char::is_control), "{name}");
        }
        ParamKind::Choice(words) => {
            assert!(value.as_str().is_some_and(|s| words.contains(&s)), "{name}: {value}")
        }
        ParamKind::Digits { min, max } => assert!(
            value.as_str().is_some_and(|s| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())),
            "{name}: {value}"
        ),
        ParamKind::Texts { max_chars, min, max } => {
            let items = value.as_array().unwrap_or_else(|| panic!("{name}: {value}"));
            assert!((min..=max).contains(&items.len()), "{name}: {} items", items.len());
            for item in items {
                let s = item.as_str().unwrap_or_else(|| panic!("{name}: {item}"));
                assert!(!s.is_empty() && s.chars().count() <= max_chars, "{name}: {s:?}");
                assert!(!s.chars().any(char::is_control), "{name}: {s:?}");
            }
        }
        ParamKind::List { fields, min, max, .. } => {
            let items = value.as_array().unwrap_or_else(|| panic!("{name}: {value}"));
            assert!((min..=max).contains(&items.len()), "{name}: {} items", items.len());
            for item in items {
                assert_object_valid(name, fields, item);
            }
        }
        ParamKind::Object { fields, .. } => assert_object_valid(name, fields, value),
    }
}

/// An object meetctl accepted for `fields` (a list's item, or an object argument): only declared
/// keys, every required one, each field valid.
fn assert_object_valid(name: &str, fields: &[Param], item: &Value) {
    let object = item.as_object().unwrap_or_else(|| panic!("{name}: {item}"));
    assert!(object.keys().all(|k| fields.iter().any(|f| f.name == k)), "{name}: {item}");
    for field in fields {
        match object.get(field.name) {
            Some(v) if !v.is_null() => assert_arg_valid(field, v),
            _ => assert!(field.presence != Presence::Required, "{name}: {item}"),
        }
    }
}

/// An object's expected wire form: its wire keys, in the declaration's order.
fn expected_object(fields: &[Param], item: &Value) -> Value {
    let item = Args::from_json(item.clone(), "item").expect("checked: an object");
    Value::Object(fields.iter().filter_map(|f| expected_wire(f, &item).map(|w| (f.wire.to_owned(), w))).collect())
}

/// What a request that was built must carry for `param`: the caller's value (checked) in its
/// wire form, the default, or nothing for an absent optional one.
pub fn expected_wire(param: &Param, args: &Args) -> Option<Value> {
    match args.get(param.name) {
        Some(v) => {
            assert_arg_valid(param, v);
            Some(match param.kind {
                ParamKind::Flag => Value::from(i64::from(v.as_bool() == Some(true))),
                ParamKind::Int { .. } | ParamKind::OneOf(_) => Value::from(v.as_i64().expect("checked")),
                // Each item as an object of wire keys, in the declaration's order.
                ParamKind::List { fields, .. } => Value::Array(
                    v.as_array().expect("checked").iter().map(|item| expected_object(fields, item)).collect(),
                ),
                ParamKind::Object { fields, .. } => expected_object(fields, v),
                _ => v.clone(),
            })
        }
        None => match param.presence {
            Presence::Required => panic!("built without the required {}", param.name),
            Presence::Optional => None,
            Presence::Default(Scalar::Bool(b)) if param.kind == ParamKind::Flag => {
                Some(Value::from(i64::from(b)))
            }
            Presence::Default(s) => Some(scalar_json(s)),
        },
    }
}

/// A wire value as query text.
pub fn query_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Named arguments from a line of JSON (no arguments when the line is not JSON).
pub fn args_line(line: Option<&String>) -> Result<Args, Error> {
    match line.and_then(|l| serde_json::from_str::<Value>(l).ok()) {
        Some(v) => Args::from_json(v, "args"),
        None => Ok(Args::new()),
    }
}

/// The body as JSON: it must parse, whatever went into it.
pub fn body_json(body: &[u8]) -> Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("the body is not JSON ({e}): {:?}", String::from_utf8_lossy(body)))
}

/// Two JSON values are the same document, except that a number that is neither an `i64` nor a
/// `u64` may differ in its last binary digits: serde_json (without its `float_roundtrip`
/// feature) reads such numbers up to an ULP off, so reading what it wrote can differ from reading
/// the caller's text. Integers must match exactly.
pub fn assert_same_json(got: &Value, expected: &Value) {
    fn same(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
                match (x.as_f64(), y.as_f64()) {
                    (Some(x), Some(y)) => x == y || x.to_bits().abs_diff(y.to_bits()) <= 2,
                    _ => false,
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
            }
            _ => a == b,
        }
    }
    assert!(same(got, expected), "{got} is not {expected}");
}

#[cfg(test)]
mod tests {
    //! The vendor-text reference against the library's real output, against hand-made wrong
    //! outputs, and against deliberately broken renderings of the rule.

    use super::*;
    use meetctl::{MAX_VENDOR_TEXT_CHARS as MAX, Vendor};
    use serde_json::json;

    /// Texts a server might send: plain, log-forging, look-alike escapes, quotes and non-ASCII,
    /// every kind of control character, and lengths around the bound (in ASCII and multi-byte).
    fn samples() -> Vec<String> {
        vec![
            String::new(),
            "meeting does not exist".into(),
            "bad\r\nFAKE LOG LINE level=error \u{1b}[31mred\u{1b}[0m".into(),
            r#"literal \n, \r, \u{1b}, \\ and \t are not control characters; nor are ' and " "#.into(),
            "é ü 中文 🙂 \u{2028} \u{200b} \u{ad}".into(),
            "\u{0}\u{1}\u{8}\t\u{b}\u{c}\u{1f}\u{7f}\u{80}\u{85}\u{9f}".into(),
            "x".repeat(MAX - 1),
            "x".repeat(MAX),
            "x".repeat(MAX + 1),
            "é".repeat(MAX + 10),
            "\n".repeat(MAX + 3),
            format!("{}\\tail", "a".repeat(MAX - 1)),
            format!("{}\u{1b}tail", "a".repeat(MAX - 1)),
            format!("{}\u{1b}", "a".repeat(MAX)),
        ]
    }

    /// No code of the samples is one the vendors' tables know.
    fn no_kind(_: &str) -> Option<ErrorKind> {
        None
    }

    fn answer(status: u16, request_id: &str, body: serde_json::Value) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![("x-request-id".into(), request_id.into())],
            body: body.to_string().into_bytes(),
        }
    }

    #[test]
    fn the_library_output_passes() {
        for text in samples() {
            // Tencent: the text as code, new code, message and request id.
            let info = json!({"error_code": text, "new_error_code": text, "message": text});
            let response = answer(400, &text, json!({ "error_info": info }));
            let e = meetctl::fuzzing::tencent_into_result(response.clone()).expect_err("a 400");
            let shown = e.api().and_then(|a| a.message.as_deref()).expect("a message");
            assert_eq!(check_vendor_text(&text, shown), Ok(()), "{text:?} -> {shown:?}");
            let code = text_field(&info, "error_code");
            let message = Some(text.clone());
            assert_api_error(&e, &response, Vendor::Tencent, code.clone(), code, message, no_kind);

            // Huawei: the text as code, message and request id.
            let response = answer(503, &text, json!({"error_code": text, "error_msg": text}));
            let e = meetctl::fuzzing::huawei_into_result(response.clone()).expect_err("a 503");
            let code = text_field(&json!({ "c": text }), "c");
            assert_api_error(&e, &response, Vendor::Huawei, code.clone(), None, code, no_kind);
        }
    }

    /// Right outputs, so the rejections below are not a checker that rejects everything.
    #[test]
    fn right_outputs_pass() {
        let x = |n: usize| "x".repeat(n);
        let cases: Vec<(String, String)> = vec![
            ("".into(), "".into()),
            ("a\r\nb".into(), r"a\r\nb".into()),
            ("\u{1b}[31m".into(), r"\u{1b}[31m".into()),
            ("\u{0}\u{7f}\u{85}\u{9f}\t".into(), r"\u{0}\u{7f}\u{85}\u{9f}\t".into()),
            (r"back\slash".into(), r"back\slash".into()),
            // The same two output characters, from two different inputs.
            (r"\n".into(), r"\n".into()),
            ("\n".into(), r"\n".into()),
            (r#"it's "q""#.into(), r#"it's "q""#.into()),
            ("é🙂\u{2028}".into(), "é🙂\u{2028}".into()),
            (x(MAX), x(MAX)),
            (x(MAX + 1), x(MAX) + "…"),
            ("é".repeat(MAX + 1), "é".repeat(MAX) + "…"),
            ("\n".repeat(MAX + 1), r"\n".repeat(MAX) + "…"),
        ];
        for (sent, shown) in &cases {
            assert_eq!(check_vendor_text(sent, shown), Ok(()), "{sent:?} -> {shown:?}");
        }
    }

    #[test]
    fn wrong_outputs_are_rejected() {
        let x = |n: usize| "x".repeat(n);
        let cases: Vec<(&str, String, String)> = vec![
            ("raw newline", "a\r\nb".into(), "a\r\nb".into()),
            ("one of two escaped", "a\r\nb".into(), "a\\r\nb".into()),
            ("control character dropped", "a\r\nb".into(), "ab".into()),
            ("replaced by a space", "a\nb".into(), "a b".into()),
            ("long form for \\n", "a\nb".into(), r"a\u{a}b".into()),
            ("uppercase hex", "\u{1b}[31m".into(), r"\u{1B}[31m".into()),
            ("leading zeros", "\u{1b}[31m".into(), r"\u{001b}[31m".into()),
            ("\\x form", "\u{1b}[31m".into(), r"\x1b[31m".into()),
            ("escape_debug's \\0", "\u{0}".into(), r"\0".into()),
            ("escape of another character", "\u{1b}".into(), r"\u{1c}".into()),
            ("raw C1 control", "\u{85}".into(), "\u{85}".into()),
            ("backslash escaped", r"back\slash".into(), r"back\\slash".into()),
            ("quote escaped", "it's".into(), r"it\'s".into()),
            ("non-ASCII escaped", "é".into(), r"\u{e9}".into()),
            ("literal \\n taken for a newline", r"a\nb".into(), r"a\\nb".into()),
            ("Debug quoting", "a\nb".into(), r#""a\nb""#.into()),
            ("ellipsis on a short text", "short".into(), "short…".into()),
            ("ellipsis at exactly the bound", x(MAX), x(MAX) + "…"),
            ("short text cut", "short".into(), "shor".into()),
            ("ellipsis missing", x(MAX + 1), x(MAX)),
            ("not cut", x(MAX + 1), x(MAX + 1)),
            ("cut one early", x(MAX + 1), x(MAX - 1) + "…"),
            ("kept one too many", x(MAX + 2), x(MAX + 1) + "…"),
            ("three dots", x(MAX + 1), x(MAX) + "..."),
            ("cut by bytes", "é".repeat(MAX + 1), "é".repeat(MAX / 2) + "…"),
            ("escapes counted against the bound", "\n".repeat(MAX + 1), r"\n".repeat(MAX / 2) + "…"),
        ];
        for (what, sent, shown) in &cases {
            let verdict = check_vendor_text(sent, shown);
            assert!(verdict.is_err(), "{what}: accepted {shown:?} for {sent:?}");
            println!("rejected ({what}): {}", verdict.unwrap_err());
        }
    }

    /// Deliberately broken renderings of the rule (each wrong in one way) are caught on the
    /// samples; each is shown with the first sample it is caught on and why.
    #[test]
    fn broken_renderings_are_caught() {
        fn first(text: &str, n: usize) -> String {
            text.chars().take(n).collect()
        }
        fn ellipsis(text: &str, n: usize) -> &'static str {
            if text.chars().count() > n { "…" } else { "" }
        }
        /// Control characters escaped, except `except`.
        fn escape_controls(text: &str, except: Option<char>) -> String {
            text.chars()
                .map(|c| {
                    if c.is_control() && Some(c) != except {
                        c.escape_default().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        }
        type Render = fn(&str) -> String;
        let broken: [(&str, Render); 9] = [
            ("no escaping at all", |t| first(t, MAX) + ellipsis(t, MAX)),
            ("\\n left unescaped", |t| escape_controls(&first(t, MAX), Some('\n')) + ellipsis(t, MAX)),
            ("escape_default on every character", |t| {
                first(t, MAX).escape_default().to_string() + ellipsis(t, MAX)
            }),
            ("escape_debug on every character", |t| {
                first(t, MAX).escape_debug().to_string() + ellipsis(t, MAX)
            }),
            ("no ellipsis", |t| escape_controls(&first(t, MAX), None)),
            ("not bounded", |t| escape_controls(t, None)),
            ("bound off by one", |t| escape_controls(&first(t, MAX + 1), None) + ellipsis(t, MAX + 1)),
            ("bounded in bytes", |t| {
                let mut end = MAX.min(t.len());
                while !t.is_char_boundary(end) {
                    end -= 1;
                }
                escape_controls(&t[..end], None) + if t.len() > MAX { "…" } else { "" }
            }),
            ("bound applied after escaping", |t| {
                let escaped = escape_controls(t, None);
                first(&escaped, MAX) + ellipsis(&escaped, MAX)
            }),
        ];
        let samples = samples();
        for (what, render) in broken {
            let caught: Vec<(usize, String)> = samples
                .iter()
                .enumerate()
                .filter_map(|(i, t)| check_vendor_text(t, &render(t)).err().map(|why| (i, why)))
                .collect();
            assert!(!caught.is_empty(), "{what}: not caught on any sample");
            let (i, why) = &caught[0];
            let sample: String = samples[*i].chars().take(24).collect();
            println!(
                "caught ({what}) on {} of {} samples; first: sample {i} {sample:?}…: {why}",
                caught.len(),
                samples.len()
            );
        }
        // And the same renderer with nothing broken passes them all (so the catches above are the
        // breakages', not the renderer's).
        for t in &samples {
            assert_eq!(
                check_vendor_text(t, &(escape_controls(&first(t, MAX), None) + ellipsis(t, MAX))),
                Ok(())
            );
        }
    }

    /// The two readings of the rule the checker relies on, against the standard library (not
    /// against meetctl): control characters are Cc, and their escapes are `escape_default`'s.
    #[test]
    fn the_rule_as_read_matches_std() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            assert_eq!(is_control_char(c), c.is_control(), "{c:?}");
            let escaped = c.escape_default().to_string();
            let parsed = parse_control_escape(&escaped);
            if is_control_char(c) {
                assert_eq!(parsed, Ok((c, escaped.len())), "{c:?}");
            } else {
                assert!(parsed.is_err(), "{c:?} as {escaped:?}");
            }
        }
    }
}
