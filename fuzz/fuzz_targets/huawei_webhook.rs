//! Huawei enterprise webhook requests: whatever arrives, the handler answers without a panic.
//!
//! Input: the first byte's bit 0 says whether the request is signed correctly (the signature is
//! computed over the input, so that the event reader is reached), bit 1 whether the input is the
//! whole body (as sent) or only the `eventInfo` value spliced into a well-formed envelope; the
//! rest is that body or `eventInfo` text.
//!
//! Asserts: an answer is 200 (the verify answer echoing the nonce, an acknowledgement with an
//! event, or a duplicate) or a 4xx refusal whose body is the generic one and which delivers
//! nothing; a request not signed with the key is always refused; a delivered event has a name,
//! an id, and its `raw_json` is the `eventInfo` text exactly as sent. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meetctl::Secret;
use meetctl::huawei::webhook::{HuaweiWebhook, signature_hex};
use meetctl::webhook::{REFUSED, WebhookRequest};

const KEY: &str = "hw-subscriber-key-1";
const APP: &str = "hw-app-1";

fuzz_target!(|input: &[u8]| {
    let Some((&flags, rest)) = input.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let webhook = HuaweiWebhook::new(APP, Secret::new(KEY)).expect("a valid configuration").max_age(None);
    let signed = flags & 1 != 0;
    let whole_body = flags & 2 != 0;
    let (timestamp, nonce) = ("1700000000000", "n-1");
    let body = if whole_body {
        text.to_owned()
    } else {
        let signature = if signed { signature_hex(KEY, APP, timestamp, nonce, text) } else { "0".repeat(64) };
        format!(
            r#"{{"appID":"{APP}","timestamp":{timestamp},"nonce":"{nonce}","signature":"{signature}","eventInfo":{text}}}"#
        )
    };
    let answer = webhook.handle(&WebhookRequest { method: "POST", target: "/hook", headers: &[], body: body.as_bytes() });
    match answer.status {
        200 => {
            assert!(answer.refusal.is_none());
            if let Some(event) = &answer.event {
                assert!(!event.name().is_empty() && !event.id().is_empty());
                if !whole_body {
                    assert_eq!(event.raw_json(), text.trim());
                }
            }
        }
        400..=499 => {
            assert!(answer.refusal.is_some() && answer.event.is_none());
            assert_eq!(answer.body, REFUSED);
        }
        other => panic!("status {other}"),
    }
    if !whole_body && !signed {
        assert!(answer.refusal.is_some(), "an unsigned request was taken: {answer:?}");
    }
});
