//! Building and signing one Tencent request, next to the floor: a bare HMAC-SHA256 (ring) over
//! the same string-to-sign. Run with `cargo bench -p meetctl --bench signing`.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use meetctl::clock::{CountingRandom, ManualClock};
use meetctl::tencent::{Instance, SetCohost, TencentClient, TencentCredentials, TencentUser, signing};
use meetctl::{ClientConfig, HttpRequest, Method, ProxySetting};

fn bench_signing(c: &mut Criterion) {
    let config = ClientConfig::new()
        .base_url("http://127.0.0.1:9")
        .proxy(ProxySetting::Disabled)
        .clock(Arc::new(ManualClock::new(1_700_000_000_000)))
        .random(Arc::new(CountingRandom::new(1)));
    let client = TencentClient::new(
        TencentCredentials::enterprise(
            "210000001",
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA",
            "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA",
            None,
        ),
        config,
    )
    .expect("valid config");
    let call = SetCohost::new(
        "1242152152161",
        TencentUser::ms_open_id("afagsagwags", Instance::Ios),
        TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Mac),
        true,
    );

    let prepared = client.prepare(&call).expect("valid call");
    let sts = signing::string_to_sign(
        Method::Put,
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA",
        1234567,
        1_700_000_000,
        "/v1/real-control/meetings/1242152152161/cohosts",
        &prepared.body,
    );
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, b"Gu5t9xGARNpq86cd98joQYCN3Cozk1qA");

    let mut group = c.benchmark_group("tencent");
    group.bench_function("floor: hmac_sha256(string_to_sign)", |b| {
        b.iter(|| ring::hmac::sign(&key, black_box(&sts)))
    });
    group.bench_function("prepare(SetCohost): validate, build, sign", |b| {
        b.iter(|| client.prepare(black_box(&call)).expect("valid call"))
    });
    let unsigned: HttpRequest = {
        use meetctl::tencent::TencentCall;
        call.to_request(&TencentCredentials::enterprise("a", "b", "c", None)).expect("valid call")
    };
    group.bench_function("sign(prebuilt request)", |b| b.iter(|| client.sign(black_box(unsigned.clone()))));
    group.finish();
}

criterion_group!(benches, bench_signing);
criterion_main!(benches);
