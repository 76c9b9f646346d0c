//! Tencent answers: any status, headers and body through the reader the client uses.
//!
//! Asserts: a 2xx body is exactly what `serde_json` reads (empty is `Null`), else a
//! malformed-response error; any other status is a Tencent API error whose code, new code and
//! message are `error_info`'s (number or string), whose kind is the code's (auth, permission,
//! not found, rate limit) or else the status's, with the request id and `Retry-After` of the
//! headers, and with every server text bounded and free of control characters. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meetctl::{ErrorKind, Vendor};
use meetctl_fuzz::{assert_api_error, assert_success, response, text_field};
use serde_json::Value;

/// The documented codes users act on differently (the vendor's table, independently of the core's).
fn kind_for_code(code: &str) -> Option<ErrorKind> {
    match code {
        "190300" | "190301" | "190303" | "200003" => Some(ErrorKind::Auth),
        "9042" => Some(ErrorKind::PermissionDenied),
        "9002" | "9003" => Some(ErrorKind::NotFound),
        "190310" | "190311" | "190313" => Some(ErrorKind::RateLimited),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let response = response(data);
    let result = meetctl::fuzzing::tencent_into_result(response.clone());
    if response.is_success() {
        assert_success(result, &response);
        return;
    }
    let e = result.expect_err("a non-2xx answer is an error");
    let body: Option<Value> = serde_json::from_slice(&response.body).ok();
    let info = body.as_ref().and_then(|b| b.get("error_info"));
    let code = info.and_then(|i| text_field(i, "error_code"));
    let new_code = info.and_then(|i| text_field(i, "new_error_code"));
    let message = info.and_then(|i| i.get("message")).and_then(Value::as_str).map(str::to_owned);
    assert_api_error(&e, &response, Vendor::Tencent, code, new_code, message, kind_for_code);
});
