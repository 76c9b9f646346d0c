//! Sequential signed co-host calls on one client, for profiling the transport with `strace -c`
//! or `perf` (`scripts/bench.sh syscalls` runs it under `strace -c -f`).
//!
//! ```sh
//! cargo run --release -p meetctl --example calls -- http://127.0.0.1:8080 1000
//! ```

use std::process::ExitCode;

use meetctl::tencent::{Instance, TencentClient, TencentCredentials, TencentUser};
use meetctl::{ClientConfig, ProxySetting};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(url), count) = (args.next(), args.next().map(|n| n.parse::<u32>())) else {
        eprintln!("usage: calls BASE_URL [COUNT]");
        return ExitCode::from(2);
    };
    let Ok(count) = count.unwrap_or(Ok(1000)) else {
        eprintln!("COUNT must be a number");
        return ExitCode::from(2);
    };
    let config = ClientConfig::new().base_url(url).proxy(ProxySetting::Disabled);
    let credentials =
        TencentCredentials::enterprise("210000001", "AKIDbench0001", "bench-secret-key-0001", None);
    let client = match TencentClient::new(credentials, config) {
        Ok(client) => client,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let operator = TencentUser::ms_open_id("afagsagwags", Instance::Ios);
    let user = TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Mac);
    for _ in 0..count {
        if let Err(e) = client.set_cohost("1242152152161", &operator, &user) {
            eprintln!("call failed: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
