//! The Tencent webhook receiver over loopback: the URL check, events delivered once, a full queue
//! answered so that the sender retries, a slow client, idle connections and a burst. Requests are
//! signed here with SHA-1 directly (the known-answer test of the signature is in the core).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use meetctl::tencent::receiver::{ReceiverConfig, TencentReceiver};
use meetctl::tencent::webhook::TencentWebhook;
use sha1::{Digest, Sha1};

const TOKEN: &str = "bVPU6F8Htxl5XkAbp3jGV2xWp";

fn sign(timestamp: &str, nonce: &str, data: &str) -> String {
    let mut parts = [TOKEN, timestamp, nonce, data];
    parts.sort_unstable();
    Sha1::digest(parts.concat().as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn now_ms() -> String {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis().to_string()
}

/// One HTTP/1.1 request on a fresh connection; the status and body.
fn send(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let text = String::from_utf8_lossy(&answer);
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body_at = text.find("\r\n\r\n").map_or(answer.len(), |i| i + 4);
    (status, answer[body_at..].to_vec())
}

fn event_body(trace_id: &str, meeting: &str, event: &str) -> (String, String) {
    let plain = format!(
        r#"{{"event":"{event}","trace_id":"{trace_id}","payload":[{{"operate_time":1,"operator":{{"ms_open_id":"ms-{trace_id}","instance_id":"1"}},"meeting_info":{{"meeting_id":"{meeting}","meeting_code":"806724161"}}}}]}}"#
    );
    let data = base64::engine::general_purpose::STANDARD_NO_PAD.encode(plain);
    (format!("{{\"data\":\"{data}\"}}"), data)
}

fn post(addr: SocketAddr, trace_id: &str, meeting: &str) -> u16 {
    let (body, data) = event_body(trace_id, meeting, "meeting.participant-joined");
    let (timestamp, nonce) = (now_ms(), "42".to_owned());
    let headers = [
        ("timestamp", timestamp.clone()),
        ("nonce", nonce.clone()),
        ("signature", sign(&timestamp, &nonce, &data)),
    ];
    send(addr, "POST", "/hook", &headers, body.as_bytes()).0
}

fn receiver(config: ReceiverConfig) -> TencentReceiver {
    TencentReceiver::start(TencentWebhook::new(TOKEN, None).unwrap(), config).unwrap()
}

#[test]
fn the_url_check_then_events_once_each_and_by_meeting() {
    let receiver = receiver(ReceiverConfig::default());
    let addr = receiver.local_addr();
    assert!(addr.ip().is_loopback());
    let check = base64::engine::general_purpose::STANDARD.encode("hello check");
    let (timestamp, nonce) = (now_ms(), "7".to_owned());
    let headers = [
        ("timestamp", timestamp.clone()),
        ("nonce", nonce.clone()),
        ("signature", sign(&timestamp, &nonce, &check)),
    ];
    let target = format!("/hook?check_str={}", check.replace('=', "%3D"));
    assert_eq!(send(addr, "GET", &target, &headers, b""), (200, b"hello check".to_vec()));

    assert_eq!(post(addr, "a1", "m1"), 200);
    assert_eq!(post(addr, "b1", "m2"), 200);
    assert_eq!(post(addr, "a1", "m1"), 200, "a repeated delivery is acknowledged");
    let m2 = receiver.next_for("m2", Duration::from_secs(5)).unwrap();
    assert_eq!(m2.id, "b1");
    let m1 = receiver.next(Duration::from_secs(5)).unwrap();
    assert_eq!((m1.id.as_str(), m1.participant.as_ref().map(|p| p.id.value())), ("a1", Some("ms-a1")));
    assert!(receiver.next(Duration::from_millis(200)).is_none(), "the repeat was not delivered again");

    let (status, body) = send(addr, "POST", "/hook", &[("timestamp", now_ms())], b"{}");
    assert_eq!((status, body), (400, b"refused".to_vec()));
    let (status, _) = send(addr, "POST", "/hook", &[], &vec![b'x'; 2 * 1024 * 1024]);
    assert_eq!(status, 413);
}

#[test]
fn a_full_queue_answers_503_and_the_retry_is_delivered() {
    let receiver = receiver(ReceiverConfig { queue: 2, ..ReceiverConfig::default() });
    let addr = receiver.local_addr();
    assert_eq!(post(addr, "e1", "m"), 200);
    assert_eq!(post(addr, "e2", "m"), 200);
    assert_eq!(post(addr, "e3", "m"), 503, "no room: the vendor is to retry");
    assert_eq!(receiver.next(Duration::from_secs(1)).unwrap().id, "e1");
    assert_eq!(post(addr, "e3", "m"), 200, "the retry is taken");
    assert_eq!(receiver.next(Duration::from_secs(1)).unwrap().id, "e2");
    assert_eq!(receiver.next(Duration::from_secs(1)).unwrap().id, "e3");
}

#[test]
fn a_slow_client_and_idle_connections_do_not_stop_it() {
    let config = ReceiverConfig { head_timeout: Duration::from_millis(500), ..ReceiverConfig::default() };
    let receiver = receiver(config);
    let addr = receiver.local_addr();
    // One byte a second: dropped when the head takes longer than head_timeout.
    let mut slow = TcpStream::connect(addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    for b in b"POST /h" {
        if slow.write_all(&[*b]).is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    assert!(!String::from_utf8_lossy(&rest).contains(" 200 "), "the slow request was not served");
    // 200 idle connections: more than the 64 served at once; they time out, and a delivery after
    // them is served.
    let idle: Vec<TcpStream> = (0..200).filter_map(|_| TcpStream::connect(addr).ok()).collect();
    assert!(idle.len() >= 64);
    assert_eq!(post(addr, "after-idle", "m"), 200);
    assert_eq!(receiver.next(Duration::from_secs(5)).unwrap().id, "after-idle");
    drop(idle);
}

#[test]
fn a_burst_with_a_slow_consumer_loses_nothing_acknowledged() {
    let receiver = std::sync::Arc::new(receiver(ReceiverConfig { queue: 64, ..ReceiverConfig::default() }));
    let addr = receiver.local_addr();
    let consumer = {
        let receiver = receiver.clone();
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            while seen.len() < 2000 {
                match receiver.next(Duration::from_secs(20)) {
                    Some(event) => seen.push(event.id),
                    None => break,
                }
                if seen.len() % 100 == 0 {
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
            seen
        })
    };
    // The sender retries what is answered 503, as the vendor does.
    let mut retries = 0;
    for i in 0..2000 {
        let id = format!("burst-{i}");
        while post(addr, &id, "m") == 503 {
            retries += 1;
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    let seen = consumer.join().unwrap();
    assert_eq!(seen.len(), 2000, "after {retries} retries");
    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), 2000, "each event once");
}

/// A CA and a server certificate for 127.0.0.1 signed by it: (CA PEM, chain PEM, key PEM).
fn certificates() -> (String, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::default();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_pem = ca_params.self_signed(&ca_key).unwrap().pem();
    let ca = Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap().signed_by(&key, &ca).unwrap();
    (ca_pem, cert.pem(), key.serialize_pem())
}

/// POSTs a signed event over TLS trusting only `ca_pem`; the status, or the TLS error.
fn post_tls(addr: SocketAddr, ca_pem: &str, trace_id: &str) -> Result<u16, String> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, ServerName};
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(ca_pem.as_bytes()) {
        roots.add(cert.unwrap()).unwrap();
    }
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let name = ServerName::try_from("127.0.0.1").unwrap();
    let mut connection = rustls::ClientConnection::new(std::sync::Arc::new(config), name).unwrap();
    let mut socket = TcpStream::connect(addr).unwrap();
    socket.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut tls = rustls::Stream::new(&mut connection, &mut socket);
    let (body, data) = event_body(trace_id, "m", "meeting.participant-joined");
    let (timestamp, nonce) = (now_ms(), "9");
    let head = format!(
        "POST /hook HTTP/1.1\r\nhost: x\r\nconnection: close\r\ntimestamp: {timestamp}\r\nnonce: {nonce}\r\n\
         signature: {}\r\ncontent-length: {}\r\n\r\n",
        sign(&timestamp, nonce, &data),
        body.len()
    );
    tls.write_all(head.as_bytes()).map_err(|e| e.to_string())?;
    tls.write_all(body.as_bytes()).map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    let _ = tls.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    text.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| format!("no answer: {text:?}"))
}

#[test]
fn https_with_a_certificate_renewed_while_running() {
    use meetctl::tencent::receiver::TlsPem;
    let (ca1, chain1, key1) = certificates();
    let (ca2, chain2, key2) = certificates();
    let tls = TlsPem { cert_chain: chain1, key: key1.into() };
    let https = receiver(ReceiverConfig { tls: Some(tls), ..ReceiverConfig::default() });
    let addr = https.local_addr();
    assert_eq!(post_tls(addr, &ca1, "t1"), Ok(200));
    assert_eq!(https.next(Duration::from_secs(5)).unwrap().id, "t1");
    // Plain HTTP to an HTTPS receiver gets nothing.
    assert_ne!(post(addr, "plain", "m"), 200);

    https.reload_tls(&TlsPem { cert_chain: chain2, key: key2.into() }).unwrap();
    assert!(post_tls(addr, &ca1, "t2").is_err(), "the old certificate is no longer served");
    assert_eq!(post_tls(addr, &ca2, "t3"), Ok(200));
    assert_eq!(https.next(Duration::from_secs(5)).unwrap().id, "t3");

    let bad = TlsPem { cert_chain: "not a pem".into(), key: "nor this".into() };
    assert_eq!(https.reload_tls(&bad).unwrap_err().field(), Some("tls.cert_chain"));
    let plain = receiver(ReceiverConfig::default());
    let (_, chain, key) = certificates();
    let e = plain.reload_tls(&TlsPem { cert_chain: chain, key: key.into() }).unwrap_err();
    assert_eq!(e.field(), Some("tls"));
}

#[test]
fn a_larger_body_cap_is_the_handlers_cap_too() {
    let receiver = receiver(ReceiverConfig { max_body: 4 * 1024 * 1024, ..ReceiverConfig::default() });
    let plain = format!(
        r#"{{"event":"meeting.updated","trace_id":"big","padding":"{}","payload":[{{"meeting_info":{{"meeting_id":"m"}}}}]}}"#,
        "x".repeat(1_500_000)
    );
    let data = base64::engine::general_purpose::STANDARD_NO_PAD.encode(plain);
    let (timestamp, nonce) = (now_ms(), "5".to_owned());
    let headers = [
        ("timestamp", timestamp.clone()),
        ("nonce", nonce.clone()),
        ("signature", sign(&timestamp, &nonce, &data)),
    ];
    let body = format!("{{\"data\":\"{data}\"}}");
    assert!(body.len() > 1024 * 1024);
    assert_eq!(send(receiver.local_addr(), "POST", "/hook", &headers, body.as_bytes()).0, 200);
    assert_eq!(receiver.next(Duration::from_secs(5)).unwrap().id, "big");
}
