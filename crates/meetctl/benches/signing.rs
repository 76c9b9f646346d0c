//! Building and signing one Tencent request, next to its floor: a bare HMAC-SHA256 over the same
//! string-to-sign, with the library the core signs with (RustCrypto `hmac` + `sha2`), and with
//! ring for comparison. Run with `cargo bench -p meetctl --bench signing`; `scripts/bench.sh
//! signing` also prints the ratios.
//!
//! Criterion writes each result to `target/criterion/signing/<bench>/new/estimates.json`; the
//! bench names below are what scripts/bench.sh reads, keep them in step.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, Mac};
use meetctl::clock::{CountingRandom, ManualClock};
use meetctl::tencent::{
    Instance, TencentCall, TencentClient, TencentControl, TencentCredentials, TencentOperation, TencentUser,
};
use meetctl::{ClientConfig, HttpRequest, ProxySetting};
use sha2::Sha256;

const SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";
const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";

fn bench_signing(c: &mut Criterion) {
    let config = ClientConfig::new()
        .base_url("http://127.0.0.1:9")
        .proxy(ProxySetting::Disabled)
        .clock(Arc::new(ManualClock::new(1_700_000_000_000)))
        .random(Arc::new(CountingRandom::new(1)));
    let client =
        TencentClient::new(TencentCredentials::enterprise("210000001", SECRET_ID, SECRET_KEY, None), config)
            .expect("valid config");
    // The set_cohost request (scripts/bench.sh labels it `prepare(SetCohost)`).
    let call = TencentControl::new(
        TencentOperation::SetCohost,
        "1242152152161",
        TencentUser::ms_open_id("afagsagwags", Instance::Ios),
    )
    .target(TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Mac));

    // The exact string the client signed for one prepared request, rebuilt from what it sent
    // (method, X-TC-Key, X-TC-Nonce, X-TC-Timestamp, the path and the body), and checked against
    // its X-TC-Signature: the floors hash the same bytes.
    let prepared = client.prepare(&call).expect("valid call");
    let header = |name: &str| prepared.header(name).unwrap_or_else(|| panic!("no {name} header")).to_owned();
    let path = prepared.url.strip_prefix("http://127.0.0.1:9").expect("URL under the base URL");
    let mut sts = format!(
        "{}\nX-TC-Key={}&X-TC-Nonce={}&X-TC-Timestamp={}\n{}\n",
        prepared.method,
        header("X-TC-Key"),
        header("X-TC-Nonce"),
        header("X-TC-Timestamp"),
        path
    )
    .into_bytes();
    sts.extend_from_slice(&prepared.body);

    let keyed = Hmac::<Sha256>::new_from_slice(SECRET_KEY.as_bytes()).expect("any key length");
    let rustcrypto = |data: &[u8]| {
        let mut mac = keyed.clone();
        mac.update(data);
        mac.finalize().into_bytes()
    };
    let ring_key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, SECRET_KEY.as_bytes());
    assert_eq!(
        rustcrypto(&sts).as_slice(),
        ring::hmac::sign(&ring_key, &sts).as_ref(),
        "the two HMAC implementations disagree"
    );
    assert_eq!(
        base64_of_hex(&rustcrypto(&sts)),
        header("X-TC-Signature"),
        "the floor's string-to-sign is not the one the client signed"
    );

    let unsigned: HttpRequest = call
        .to_request(&TencentCredentials::enterprise("210000001", SECRET_ID, SECRET_KEY, None))
        .expect("valid call");

    let mut group = c.benchmark_group("signing");
    // Floor: the HMAC alone, with a key prepared once (as the client keeps one per credential).
    group.bench_function("floor_hmac_rustcrypto", |b| b.iter(|| rustcrypto(black_box(&sts))));
    group.bench_function("hmac_ring", |b| b.iter(|| ring::hmac::sign(&ring_key, black_box(&sts))));
    // Everything a call does before any I/O: validate the arguments, build path and body, sign.
    group.bench_function("prepare_set_cohost", |b| {
        b.iter(|| client.prepare(black_box(&call)).expect("valid call"))
    });
    // Signing alone: common headers, string-to-sign, HMAC, hex, base64.
    group.bench_function("sign_prebuilt", |b| {
        b.iter(|| client.sign(black_box(unsigned.clone())).expect("signs"))
    });
    group.finish();
}

/// `base64(hex_lower(tag))`, Tencent's signature encoding, written out so the check above does
/// not lean on the code it checks.
fn base64_of_hex(tag: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let hex: Vec<u8> =
        tag.iter().flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]]).collect();
    let mut out = String::new();
    for chunk in hex.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(B64[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

criterion_group!(benches, bench_signing);
criterion_main!(benches);
