//! Tencent webhook requests: whatever arrives, the handler answers without a panic.
//!
//! Input: the first byte picks the method (even: POST, odd: GET), whether an EncodingAESKey is
//! set (bit 1) and whether the request is signed correctly (bit 2: the signature is computed over
//! the input, so that decoding, decryption and the envelope are reached); the rest is the `data`
//! (POST, inside `{"data": …}`) or the `check_str` (GET).
//!
//! Asserts: an answer is 200 (the URL check's plaintext, or an acknowledgement with an event or a
//! duplicate) or a 4xx refusal whose body is the generic one and which delivers nothing; an
//! unsigned request is always refused; a delivered event has a name and an id. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meetctl::Secret;
use meetctl::tencent::webhook::{REFUSED, TencentWebhook, WebhookRequest, signature_hex};

const TOKEN: &str = "bVPU6F8Htxl5XkAbp3jGV2xWp";
const AES_KEY: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";

fuzz_target!(|input: &[u8]| {
    let Some((&flags, rest)) = input.split_first() else { return };
    let Ok(data) = std::str::from_utf8(rest) else { return };
    let key = (flags & 2 != 0).then(|| Secret::new(AES_KEY));
    let webhook = TencentWebhook::new(TOKEN, key).expect("a valid configuration").max_age(None);
    let signed = flags & 4 != 0;
    let (timestamp, nonce) = ("1609239040864", "14964161");
    let signature = if signed { signature_hex(TOKEN, timestamp, nonce, data) } else { "0".repeat(40) };
    let headers = [("timestamp", timestamp), ("nonce", nonce), ("signature", signature.as_str())];
    let body = serde_json::json!({ "data": data }).to_string();
    let target = format!("/hook?check_str={}", percent_encode(data));
    let request = if flags & 1 == 0 {
        WebhookRequest { method: "POST", target: "/hook", headers: &headers, body: body.as_bytes() }
    } else {
        WebhookRequest { method: "GET", target: &target, headers: &headers, body: b"" }
    };
    let answer = webhook.handle(&request);
    match answer.status {
        200 => {
            assert!(answer.refusal.is_none());
            if let Some(event) = &answer.event {
                assert!(!event.name.is_empty() && !event.id.is_empty());
            }
        }
        400..=499 => {
            assert!(answer.refusal.is_some() && answer.event.is_none());
            assert_eq!(answer.body, REFUSED);
        }
        other => panic!("status {other}"),
    }
    if !signed {
        assert!(answer.refusal.is_some(), "an unsigned request was taken: {answer:?}");
    }
});

fn percent_encode(text: &str) -> String {
    text.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
