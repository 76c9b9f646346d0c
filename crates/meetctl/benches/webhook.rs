//! Verifying, decrypting and parsing one typical encrypted Tencent webhook event of about 1 KiB,
//! next to its floor: a bare SHA-1 of the same signed string plus a bare AES-256-CBC decryption of
//! the same ciphertext (RustCrypto `sha1`, `aes`, `cbc`, what the core uses). Run with
//! `cargo bench -p meetctl --bench webhook`; `scripts/bench.sh webhook` prints the ratio (the
//! target: at most 3×).
//!
//! Criterion writes each result to `target/criterion/webhook/<bench>/new/estimates.json`; the
//! bench names below are what scripts/bench.sh reads, keep them in step.

use std::hint::black_box;

use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit, block_padding::Pkcs7};
use base64::Engine as _;
use criterion::{Criterion, criterion_group, criterion_main};
use meetctl::Secret;
use meetctl::tencent::webhook::{TencentWebhook, WebhookRequest, signature_hex};
use sha1::{Digest, Sha1};

const TOKEN: &str = "bVPU6F8Htxl5XkAbp3jGV2xWp";
const AES_KEY: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";

/// A participant-joined event padded with a meeting subject and rooms to about 1 KiB of JSON.
fn event_json() -> String {
    let rooms: Vec<String> = (0..8)
        .map(|i| {
            format!(
                r#"{{"meeting_room_id":"10000{i}","meeting_room_name":"Room {i}","rooms_id":"14412312{i}"}}"#
            )
        })
        .collect();
    format!(
        r#"{{"event":"meeting.participant-joined","trace_id":"e7aa65dd-f7e6-4b62-912c-2035173b34a9","payload":[{{"operate_time":1609313201465,"operator":{{"userid":"tester","open_id":"KM4Ss0000gUw1JiK","uuid":"WMfgHRYj6m36mcDGtK","user_name":"tester_name","ms_open_id":"WMfg000036mcDGtK","instance_id":"2"}},"meeting_info":{{"meeting_id":"13339451618278424869","meeting_code":"445999969","subject":"The weekly product review of the room systems team","creator":{{"userid":"tester-2","user_name":"tester-2_name"}},"meeting_type":0,"start_time":1608522626,"end_time":1609415039}},"rooms_info":[{}]}}]}}"#,
        rooms.join(",")
    )
}

fn bench_webhook(c: &mut Criterion) {
    let key_bytes = base64::engine::general_purpose::STANDARD.decode(format!("{AES_KEY}=")).expect("a key");
    let key: [u8; 32] = key_bytes.try_into().expect("32 bytes");
    let plain = event_json();
    let encryptor = cbc::Encryptor::<aes::Aes256>::new((&key).into(), key[..16].into());
    let ciphertext = encryptor.encrypt_padded_vec_mut::<Pkcs7>(plain.as_bytes());
    let data = base64::engine::general_purpose::STANDARD.encode(&ciphertext);
    let (timestamp, nonce) = ("1609239040864", "14964161");
    let signature = signature_hex(TOKEN, timestamp, nonce, &data);
    let body = format!("{{\"data\":\"{data}\"}}");
    let headers = [("timestamp", timestamp), ("nonce", nonce), ("signature", signature.as_str())];
    let webhook = TencentWebhook::new(TOKEN, Some(Secret::new(AES_KEY))).expect("valid").max_age(None);
    let request =
        WebhookRequest { method: "POST", target: "/hook", headers: &headers, body: body.as_bytes() };
    assert!(webhook.handle(&request).event.is_some(), "the bench event is delivered");

    let mut group = c.benchmark_group("webhook");
    group.bench_function("handle", |b| {
        // A fresh verifier each time would measure its set-up; the ids seen are forgotten instead,
        // so that each run delivers the event rather than answering a duplicate.
        b.iter(|| {
            let answer = webhook.handle(black_box(&request));
            if let Some(event) = &answer.event {
                webhook.forget(&event.id);
            }
            answer
        })
    });
    let mut sorted = [TOKEN, timestamp, nonce, data.as_str()];
    sorted.sort_unstable();
    let signed: String = sorted.concat();
    group.bench_function("sha1_aes_floor", |b| {
        b.iter(|| {
            let digest = Sha1::digest(black_box(signed.as_bytes()));
            let decryptor = cbc::Decryptor::<aes::Aes256>::new((&key).into(), key[..16].into());
            let plain = decryptor.decrypt_padded_vec_mut::<Pkcs7>(black_box(&ciphertext)).expect("padded");
            (digest, plain)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_webhook);
criterion_main!(benches);
