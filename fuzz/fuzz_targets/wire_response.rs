//! Arbitrary bytes from the server, through the real client: a loopback server answers one
//! request with the input's bytes (after its first) and closes the connection, and a fresh
//! client reads them with its own transport and then the vendor's reader (the first byte picks
//! Tencent or Huawei). The target knows nothing of how the client reads HTTP, so it holds for
//! whatever transport the client is built on.
//!
//! Asserts: the call ends (libFuzzer's timeout catches a hang), never panics, and a failure is a
//! server's or a connection's (never an invalid-argument or unsupported error, which would mean
//! the answer was taken for the caller's mistake).
#![no_main]

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use meetctl::huawei::{AccountAuth, ConferenceAuth, HuaweiClient, Region};
use meetctl::tencent::{TencentClient, TencentCredentials};
use meetctl::{ClientConfig, ErrorKind, Method, ProxySetting, RetryPolicy, Secret};

/// The server's base URL and the answer to send to the next connection.
struct Server {
    url: String,
    answer: Mutex<Vec<u8>>,
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("its address"));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(stream);
                // The request head (a GET: no body), then the answer, then the end.
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                    line.clear();
                }
                let answer = std::mem::take(&mut *server().answer.lock().unwrap_or_else(|e| e.into_inner()));
                let mut stream = reader.into_inner();
                let _ = stream.write_all(&answer);
                let _ = stream.shutdown(Shutdown::Write);
            }
        });
        Server { url, answer: Mutex::new(Vec::new()) }
    })
}

fn config(url: &str) -> ClientConfig {
    ClientConfig::new()
        .base_url(url)
        .proxy(ProxySetting::Disabled)
        .retry(RetryPolicy::none())
        .timeout(Duration::from_secs(5))
}

fuzz_target!(|data: &[u8]| {
    let Some((&vendor, answer)) = data.split_first() else { return };
    let server = server();
    *server.answer.lock().unwrap_or_else(|e| e.into_inner()) = answer.to_vec();
    let result = if vendor & 1 == 0 {
        let credentials = TencentCredentials::enterprise("210000001", "AKIDfuzz", "fuzz-secret", None);
        let client = TencentClient::new(credentials, config(&server.url)).expect("a client");
        client.request(Method::Get, "/v1/fuzz", &[], None)
    } else {
        let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(&server.url)).expect("a client");
        let conference = client.conference("914083136", ConferenceAuth::Token(Secret::new("stbfuzz"))).expect("a handle");
        conference.request(Method::Get, "/v1/mmc/control/fuzz", &[], None)
    };
    if let Err(e) = result {
        assert!(
            !matches!(e.kind(), ErrorKind::InvalidArgument | ErrorKind::Unsupported),
            "an answer taken for the caller's mistake: {e:?}"
        );
    }
});
