//! Every lookup's reader, the one rule for a meeting code, and code normalisation.
//!
//! Input: the first byte picks the vendor (even: Tencent) and, with the second, the lookup
//! number; the rest is the vendor's JSON answer (and, as text, a typed code).
//!
//! Asserts: a reader never panics; what it keeps is a record of the lookup's declared type (the
//! JSON deserialises into it) and a next page, when given, lies after the answer's own position;
//! the rule picks a candidate the answer offers or says Ambiguous (listing two or more of them)
//! or NotFound; a normalised code is 6 to 12 ASCII digits, and a code of only digits, spaces
//! and dashes normalises to its digits. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meetctl::ErrorKind;
use meetctl::huawei::HuaweiLookup;
use meetctl::tencent::TencentLookup;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let tencent = data[0].is_multiple_of(2);
    let rest = &data[2..];

    if let Ok(text) = std::str::from_utf8(rest) {
        match meetctl::find::normalise_code(text, "code") {
            Ok(code) => assert!((6..=12).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())),
            Err(e) => assert_eq!(e.field(), Some("code")),
        }
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        if text.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '-') && (6..=12).contains(&digits.len()) {
            assert_eq!(meetctl::find::normalise_code(text, "code").ok(), Some(digits));
        }
    }

    let Ok(answer) = serde_json::from_slice::<Value>(rest) else { return };
    let count = if tencent { TencentLookup::ALL.len() } else { HuaweiLookup::ALL.len() };
    let code = u32::from(data[1]) % count as u32 + 1;
    let answers = if tencent {
        TencentLookup::from_code(code).map(|l| l.spec().answers)
    } else {
        HuaweiLookup::from_code(code).map(|l| l.spec().answers)
    };
    let record = match answers {
        Some(meetctl::Answer::Pages(r) | meetctl::Answer::Typed(r)) => r,
        _ => return,
    };
    if let Some(Ok((items, next))) = meetctl::fuzzing::lookup_page(tencent, code, &answer) {
        for item in &items {
            assert!(meetctl::record::fits(record, item), "{record}: {item}");
        }
        if let Some(next) = next {
            let at = ["current_page", "pos", "offset"]
                .iter()
                .find_map(|k| answer.get(*k).and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok())));
            if let Some(at) = at {
                assert!(next > at || answer.get("next_pos").is_some(), "next {next} after {at}");
            }
        }
    }

    if tencent {
        let now = 1_796_652_000;
        match meetctl::fuzzing::tencent_find(&answer, now) {
            Ok(found) => assert!(!found.meeting_id.is_empty() || answer.to_string().contains("\"meeting_id\"")),
            Err(e) if e.kind() == ErrorKind::Ambiguous => assert!(e.candidates().len() >= 2),
            Err(e) => assert!(
                matches!(e.kind(), ErrorKind::NotFound | ErrorKind::MalformedResponse),
                "{e:?}"
            ),
        }
    }
});
