//! What the fuzz targets share: the input framings (readable, so seed files are plain text), an
//! independent strict percent-decoder, and the checks every error must pass.
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
    assert!(!text.chars().any(char::is_control), "{what} has a control character: {text:?}");
    // 512 characters, each control character escaped to at most 8 (`\u{9f}`), plus `…`.
    let bound = meetctl::MAX_VENDOR_TEXT_CHARS * 8 + 1;
    assert!(text.chars().count() <= bound, "{what} is {} characters long", text.chars().count());
}

/// The server's text as [`Error`] keeps it: control characters escaped, at most
/// [`meetctl::MAX_VENDOR_TEXT_CHARS`] characters then `…` (an oracle for the core's bounding).
pub fn vendor_text(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == meetctl::MAX_VENDOR_TEXT_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
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
    assert_eq!(api.code, code.as_deref().map(vendor_text));
    assert_eq!(api.new_code, new_code.as_deref().map(vendor_text));
    let expected_message = match message {
        Some(m) => Some(vendor_text(&m)),
        None if !parsed => Some(format!("HTTP {} with no readable error body", response.status)),
        None => None,
    };
    assert_eq!(api.message, expected_message);
    let shown =
        expected_message.filter(|m| !m.is_empty()).unwrap_or_else(|| format!("HTTP {}", response.status));
    assert_eq!(e.message(), shown);
    let request_id = response.header("x-request-id").or_else(|| response.header("x-tc-trace"));
    assert_eq!(e.request_id(), request_id.map(vendor_text).as_deref());
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
    assert!(!display.chars().any(char::is_control), "{display:?}");
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
    }
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
