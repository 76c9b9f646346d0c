//! Huawei answers: any status, headers and body through the reader the client uses.
//!
//! Asserts: a 2xx body is exactly what `serde_json` reads (empty is `Null`), else a
//! malformed-response error; any other status is a Huawei API error whose code is the first of
//! `error_code` / `errorCode` / `code` and whose message is the first of `error_msg` /
//! `errorMsg` / `message` (the three spellings, numbers or strings), whose kind is the code's or
//! else the status's, with the request id and `Retry-After` of the headers, and with every
//! server text bounded and free of control characters. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meetctl::{ErrorKind, Vendor};
use meetctl_fuzz::{assert_api_error, assert_success, response, text_field};
use serde_json::Value;

fn kind_for_code(code: &str) -> Option<ErrorKind> {
    match code {
        "MMC.111070005" => Some(ErrorKind::NotFound),
        "MMC.111072065" | "MMC.111070004" | "MMC.111070111" => Some(ErrorKind::Auth),
        "MMC.111070002" => Some(ErrorKind::PermissionDenied),
        "100000429" => Some(ErrorKind::RateLimited),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let response = response(data);
    let result = meetctl::fuzzing::huawei_into_result(response.clone());
    if response.is_success() {
        assert_success(result, &response);
        return;
    }
    let e = result.expect_err("a non-2xx answer is an error");
    let body: Option<Value> = serde_json::from_slice(&response.body).ok();
    let first = |names: &[&str]| body.as_ref().and_then(|b| names.iter().find_map(|n| text_field(b, n)));
    let code = first(&["error_code", "errorCode", "code"]);
    let message = first(&["error_msg", "errorMsg", "message"]);
    assert_api_error(&e, &response, Vendor::Huawei, code, None, message, kind_for_code);
});
