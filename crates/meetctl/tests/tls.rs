//! TLS against a real HTTPS server on loopback (`tests/tls_server.py`, a test CA made with
//! openssl): trusted through `extra_ca_pem`, refused as a TLS error without it.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use meetctl::tencent::{TencentClient, TencentCredentials};
use meetctl::{ClientConfig, ErrorKind, Method, ProxySetting};

struct TlsServer {
    child: Child,
    url: String,
    ca_pem: Vec<u8>,
    _dir: PathBuf,
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self._dir);
    }
}

fn start_tls_server() -> TlsServer {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/tls_server.py");
    let dir = std::env::temp_dir().join(format!("meetctl-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = Command::new("python3")
        .arg(&script)
        .arg(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs tests/tls_server.py");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let (url, ca_path) = line.trim().split_once(' ').expect("URL CA_PEM_PATH");
    let ca_pem = std::fs::read(ca_path).unwrap();
    TlsServer { url: url.to_owned(), ca_pem, child, _dir: dir }
}

fn client(config: ClientConfig) -> TencentClient {
    TencentClient::new(TencentCredentials::enterprise("210000001", "AKID", "key", None), config).unwrap()
}

#[test]
fn extra_ca_is_trusted_and_its_absence_is_a_tls_error() {
    let server = start_tls_server();
    let base = ClientConfig::new()
        .base_url(&server.url)
        .proxy(ProxySetting::Disabled)
        .timeout(Duration::from_secs(10));

    let trusted = client(base.clone().extra_ca_pem(server.ca_pem.clone()));
    let answer = trusted.request(Method::Get, "/v1/meetings/1", &[], None).unwrap();
    assert_eq!(answer, serde_json::json!({}));

    let untrusted = client(base);
    let e = untrusted.request(Method::Get, "/v1/meetings/1", &[], None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Tls, "{e:?}");
}
