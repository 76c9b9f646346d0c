//! Huawei's token answers: the conference-control token (`data.token`) and the account access
//! token (`accessToken`), read at any clock value.
//!
//! Input: an optional first line with the local clock (unix ms; default 1.7e12), then the JSON
//! answer; both readers read every answer.
//!
//! Asserts: a token is accepted iff it is 1 to 4096 visible ASCII characters (nothing that could
//! split or smuggle a header), and then exactly as sent; otherwise a malformed-response error.
//! The refresh time follows the documented lifetime sources (control: `confTokenExpireTime`
//! seconds, else `expireTime` ms, else 30 min; access: `validPeriod` seconds, else `expireTime` in
//! s or ms, else 12 h) and is never before now + 10 s, never after the expiry (unless the token
//! is that fresh), never more than 5 minutes early; no value overflows. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meetctl::ErrorKind;
use meetctl_fuzz::leading_number;
use serde_json::Value;

const MIN_USE_MS: i64 = 10_000;
const MAX_MARGIN_MS: i64 = 5 * 60 * 1000;

fn acceptable(token: &str) -> bool {
    !token.is_empty() && token.len() <= 4096 && token.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

fn check(
    what: &str,
    result: Result<(meetctl::Secret, i64), meetctl::Error>,
    token: Option<&str>,
    now: i64,
    expires: i64,
) {
    match (result, token.filter(|t| acceptable(t))) {
        (Ok((got, refresh)), Some(sent)) => {
            assert_eq!(got.expose(), sent, "{what}");
            let earliest = now.saturating_add(MIN_USE_MS);
            assert!(refresh >= earliest, "{what}: refresh {refresh} before now {now} + 10 s");
            assert!(refresh <= expires.max(earliest), "{what}: refresh {refresh} after expiry {expires}");
            assert!(refresh >= expires.saturating_sub(MAX_MARGIN_MS), "{what}: refresh {refresh} too early");
            if expires.saturating_sub(now) > MIN_USE_MS && expires < i64::MAX {
                assert!(refresh < expires, "{what}: refresh {refresh} not before expiry {expires}");
            }
        }
        (Err(e), None) => assert_eq!(e.kind(), ErrorKind::MalformedResponse, "{what}: {e:?}"),
        (got, expected) => panic!("{what}: got {:?}, expected {expected:?}", got.map(|(_, r)| r)),
    }
}

fuzz_target!(|data: &[u8]| {
    let (now, json) = leading_number(data, 1_700_000_000_000);
    let Ok(answer) = serde_json::from_slice::<Value>(json) else { return };
    let int = |v: &Value, k: &str| v.get(k).and_then(Value::as_i64);

    let control = answer.get("data").unwrap_or(&answer);
    let expires = if let Some(secs) = int(control, "confTokenExpireTime") {
        now.saturating_add(secs.saturating_mul(1000))
    } else if let Some(at_ms) = int(control, "expireTime") {
        at_ms
    } else {
        now.saturating_add(30 * 60 * 1000)
    };
    let token = control.get("token").and_then(Value::as_str);
    check("control token", meetctl::fuzzing::huawei_control_token(&answer, now), token, now, expires);

    let expires = if let Some(secs) = int(&answer, "validPeriod") {
        now.saturating_add(secs.saturating_mul(1000))
    } else if let Some(at) = int(&answer, "expireTime") {
        if at > 100_000_000_000 { at } else { at.saturating_mul(1000) }
    } else {
        now.saturating_add(12 * 60 * 60 * 1000)
    };
    let token = answer.get("accessToken").and_then(Value::as_str);
    check("access token", meetctl::fuzzing::huawei_access_token(&answer, now), token, now, expires);

    if let Some(token) = token {
        assert_eq!(meetctl::fuzzing::checked_token(token).is_ok(), acceptable(token));
    }
});
