//! Huawei enterprise webhooks: known-answer signatures made with independent tools, every
//! refusal, an `eventInfo` with non-canonical spacing and key order (signed as received), and the
//! verify handshake.
//!
//! Every vector below was made with OpenSSL 3, the message being the concatenation
//! `appID + timestamp + nonce + eventInfo` exactly as written in the constants:
//!
//! ```sh
//! printf '%s' "$APP$TIMESTAMP$NONCE$EVENT_INFO" | openssl dgst -sha256 -hmac "$KEY" -r
//! ```
//!
//! and the verify vector checked again with Python's `hmac.new(key, msg, hashlib.sha256)`; the
//! event id with `printf '%s' "$EVENT_INFO" | sha256sum`.

#[cfg(feature = "receiver")]
mod common;

use std::sync::Arc;
use std::time::Duration;

use meetctl::Secret;
use meetctl::clock::ManualClock;
use meetctl::huawei::webhook::{HuaweiEventKind, HuaweiWebhook, signature_hex};
use meetctl::webhook::{MAX_BODY_BYTES, REFUSED, WebhookRefusal, WebhookRequest};

const KEY: &str = "hw-subscriber-key-1";
const APP: &str = "hw-app-1";

const JOIN_TS: &str = "1700000000000";
const JOIN_NONCE: &str = "n-1";
const JOIN: &str = r#"{"event":"meeting.join","timestamp":1700000000000,"payload":{"meetingInfo":{"meetingID":"960000001","meetingUUID":"uuid-1","meetingCycleSubID":"sub-3"},"attendeeInfo":{"userUUID":"user-1","userAgent":"WeLink-desktop","account":"zoe@example.com","participantID":"p-1","displayName":"Zoe","joinTime":1700000000000,"leftTime":0,"role":1,"callNumber":"+991234"}}}"#;
/// `openssl dgst -sha256 -hmac hw-subscriber-key-1` of `hw-app-11700000000000n-1` + JOIN.
const JOIN_SIG: &str = "452dd524b80d85260f766ffd9b45cb8ec0351589c334b2410ede99c7e3c3fa0b";
/// `sha256sum` of JOIN.
const JOIN_ID: &str = "0d2ee68ec00f831ee875fa7981aba8553e7fc23cde98f391d91d52cd961956bc";

/// Spaces around every token, keys out of the page's order, an escaped `é`: a verifier that
/// re-serialised the object would sign other bytes.
const LEFT_TS: &str = "1700000000500";
const LEFT_NONCE: &str = "n-2";
const LEFT: &str = r#"{ "payload" : { "attendeeInfo" : {"displayName":"Zo\u00e9" ,"participantID":"p-1"}, "meetingInfo":{"meetingID":"960000001"} } ,"event": "meeting.left" , "timestamp" : 1700000000500 }"#;
/// `openssl dgst -sha256 -hmac hw-subscriber-key-1` of `hw-app-11700000000500n-2` + LEFT.
const LEFT_SIG: &str = "17632f7a583e659623048e05eca17caf710e431bf06c115b46f6562c9e0aa7f8";

const VERIFY_NONCE: &str = "n-verify";
const VERIFY: &str = r#"{"event":"meeting.verify","timestamp":1700000000000}"#;
/// OpenSSL and Python's hmac agree: of `hw-app-11700000000000n-verify` + VERIFY.
const VERIFY_SIG: &str = "6f1968615cdaa4fda71953bae83a2c56921497883ea394c37d4c5f7c6bbda62a";

fn webhook() -> HuaweiWebhook {
    HuaweiWebhook::new(APP, Secret::new(KEY)).unwrap().clock(Arc::new(ManualClock::new(1_700_000_000_000)))
}

/// The body as the cloud sends it, `timestamp` a JSON number and `eventInfo` embedded verbatim.
fn body(app: &str, ts: &str, nonce: &str, sig: &str, event_info: &str) -> String {
    format!(
        r#"{{"appID":"{app}","timestamp":{ts},"nonce":"{nonce}","signature":"{sig}","eventInfo":{event_info}}}"#
    )
}

fn post(body: &[u8]) -> WebhookRequest<'_> {
    WebhookRequest { method: "POST", target: "/hook", headers: &[], body }
}

#[test]
fn known_answer_vectors() {
    assert_eq!(signature_hex(KEY, APP, JOIN_TS, JOIN_NONCE, JOIN), JOIN_SIG);
    assert_eq!(signature_hex(KEY, APP, LEFT_TS, LEFT_NONCE, LEFT), LEFT_SIG);
    assert_eq!(signature_hex(KEY, APP, JOIN_TS, VERIFY_NONCE, VERIFY), VERIFY_SIG);
}

#[test]
fn a_join_verifies_and_reads_every_field() {
    let body = body(APP, JOIN_TS, JOIN_NONCE, JOIN_SIG, JOIN);
    let answer = webhook().handle(&post(body.as_bytes()));
    assert_eq!((answer.status, answer.body.as_slice(), answer.refusal), (200, &b""[..], None), "{answer:?}");
    let event = answer.event.unwrap();
    assert_eq!((event.name(), event.kind()), ("meeting.join", HuaweiEventKind::Joined));
    assert_eq!(event.id(), JOIN_ID);
    assert_eq!(
        (event.meeting_id(), event.meeting_uuid(), event.occurrence()),
        (Some("960000001"), Some("uuid-1"), Some("sub-3"))
    );
    assert_eq!(
        (event.participant_id(), event.display_name(), event.role()),
        (Some("p-1"), Some("Zoe"), Some("1"))
    );
    assert_eq!(
        (event.call_number(), event.user_uuid(), event.account()),
        (Some("+991234"), Some("user-1"), Some("zoe@example.com"))
    );
    assert_eq!(event.user_agent(), Some("WeLink-desktop"));
    assert_eq!(
        (event.time_ms(), event.join_time_ms(), event.left_time_ms()),
        (Some(1_700_000_000_000), Some(1_700_000_000_000), Some(0))
    );
    assert_eq!(event.raw_json(), JOIN);
    assert_eq!(event.raw()["payload"]["attendeeInfo"]["callNumber"], "+991234");
}

#[test]
fn non_canonical_event_info_is_signed_as_received() {
    let body = body(APP, LEFT_TS, LEFT_NONCE, LEFT_SIG, LEFT);
    let answer = webhook().handle(&post(body.as_bytes()));
    let event = answer.event.expect("verified as received");
    assert_eq!(event.kind(), HuaweiEventKind::Left);
    assert_eq!(event.display_name(), Some("Zoé"));
    assert_eq!(event.raw_json(), LEFT, "the bytes as received, not re-serialised");
    // The same object printed canonically is other bytes: its signature is not LEFT's.
    let canonical = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(LEFT).unwrap()).unwrap();
    assert_ne!(canonical, LEFT);
    assert_ne!(signature_hex(KEY, APP, LEFT_TS, LEFT_NONCE, &canonical), LEFT_SIG);
    // Spacing around the eventInfo value itself is not part of it.
    let spaced = format!(
        r#"{{ "eventInfo" :  {LEFT}  , "signature":"{LEFT_SIG}", "nonce":"{LEFT_NONCE}","timestamp":{LEFT_TS},"appID":"{APP}" }}"#
    );
    let again = webhook().handle(&post(spaced.as_bytes()));
    assert!(again.event.is_some(), "{again:?}");
}

#[test]
fn the_verify_handshake_echoes_the_nonce_and_delivers_nothing() {
    let body = body(APP, JOIN_TS, VERIFY_NONCE, VERIFY_SIG, VERIFY);
    let webhook = webhook();
    for _ in 0..2 {
        // Answered every time (never a duplicate).
        let answer = webhook.handle(&post(body.as_bytes()));
        assert_eq!((answer.status, answer.event, answer.duplicate), (200, None, false));
        let json: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
        assert_eq!(json, serde_json::json!({"event": "meeting.verify", "nonce": VERIFY_NONCE}));
    }
}

#[test]
fn a_second_delivery_is_acknowledged_not_delivered() {
    let webhook = webhook();
    let body = body(APP, JOIN_TS, JOIN_NONCE, JOIN_SIG, JOIN);
    assert!(webhook.handle(&post(body.as_bytes())).event.is_some());
    let reconfigured = webhook.clone().max_age(None).max_body(2 * MAX_BODY_BYTES);
    let again = reconfigured.handle(&post(body.as_bytes()));
    assert_eq!((again.status, again.duplicate, again.event), (200, true, None));
    webhook.forget(JOIN_ID);
    assert!(webhook.handle(&post(body.as_bytes())).event.is_some(), "forgotten: delivered again");
}

#[test]
fn refusals_say_nothing_to_the_sender() {
    let webhook = webhook();
    let good = body(APP, JOIN_TS, JOIN_NONCE, JOIN_SIG, JOIN);
    let cases: Vec<(String, WebhookRefusal, u16)> = vec![
        (body("other-app", JOIN_TS, JOIN_NONCE, JOIN_SIG, JOIN), WebhookRefusal::App, 401),
        (body(APP, JOIN_TS, JOIN_NONCE, &"0".repeat(64), JOIN), WebhookRefusal::Signature, 401),
        (body(APP, JOIN_TS, "n-other", JOIN_SIG, JOIN), WebhookRefusal::Signature, 401),
        (body(APP, JOIN_TS, JOIN_NONCE, &JOIN_SIG[..63], JOIN), WebhookRefusal::Signature, 401),
        // Signed with another key.
        (
            body(
                APP,
                JOIN_TS,
                JOIN_NONCE,
                &signature_hex("another-key", APP, JOIN_TS, JOIN_NONCE, JOIN),
                JOIN,
            ),
            WebhookRefusal::Signature,
            401,
        ),
        ("not json".into(), WebhookRefusal::Encoding, 400),
        ("[]".into(), WebhookRefusal::Encoding, 400),
        (good.replace(r#""appID":"hw-app-1","#, ""), WebhookRefusal::Missing("appID"), 400),
        (good.replace(r#""nonce":"n-1","#, ""), WebhookRefusal::Missing("nonce"), 400),
        (good.replace(JOIN_SIG, ""), WebhookRefusal::Missing("signature"), 400),
        (
            good.replace(r#""timestamp":1700000000000,"nonce""#, r#""nonce""#),
            WebhookRefusal::Missing("timestamp"),
            400,
        ),
        (
            format!(r#"{{"appID":"{APP}","timestamp":{JOIN_TS},"nonce":"n","signature":"{JOIN_SIG}"}}"#),
            WebhookRefusal::Missing("eventInfo"),
            400,
        ),
        // A second signature key in the body: the JSON is ambiguous, refused.
        (good.replacen('{', r#"{"signature":"x","#, 1), WebhookRefusal::Encoding, 400),
    ];
    for (body, why, status) in cases {
        let answer = webhook.handle(&post(body.as_bytes()));
        assert_eq!(
            (answer.refusal, answer.status, answer.body.as_slice(), answer.event),
            (Some(why), status, REFUSED, None),
            "{body}"
        );
    }
    // Signed, but the event is no object with a name.
    for info in ["[1]", r#"{"event":""}"#, r#""text""#, r#"{"payload":{}}"#] {
        let signed =
            body(APP, JOIN_TS, JOIN_NONCE, &signature_hex(KEY, APP, JOIN_TS, JOIN_NONCE, info), info);
        assert_eq!(webhook.handle(&post(signed.as_bytes())).refusal, Some(WebhookRefusal::Payload), "{info}");
    }
    let get = WebhookRequest { method: "GET", target: "/hook", headers: &[], body: good.as_bytes() };
    assert_eq!(
        (webhook.handle(&get).refusal, webhook.handle(&get).status),
        (Some(WebhookRefusal::Method), 405)
    );
    let large = vec![b' '; MAX_BODY_BYTES + 1];
    assert_eq!(
        (webhook.handle(&post(&large)).refusal, webhook.handle(&post(&large)).status),
        (Some(WebhookRefusal::TooLarge), 413)
    );
    let small = webhook.clone().max_body(100);
    assert_eq!(small.handle(&post(good.as_bytes())).refusal, Some(WebhookRefusal::TooLarge));
}

#[test]
fn too_old_or_too_far_ahead_is_stale() {
    let body = body(APP, JOIN_TS, JOIN_NONCE, JOIN_SIG, JOIN);
    for now in [1_700_000_000_000 + 301_000, 1_700_000_000_000 - 301_000] {
        let later = webhook().clock(Arc::new(ManualClock::new(now)));
        let answer = later.handle(&post(body.as_bytes()));
        assert_eq!((answer.refusal, answer.status), (Some(WebhookRefusal::Stale), 401));
        assert!(later.max_age(None).handle(&post(body.as_bytes())).event.is_some());
    }
    let within = webhook().clock(Arc::new(ManualClock::new(1_700_000_000_000 + 299_000)));
    assert!(within.max_age(Some(Duration::from_secs(300))).handle(&post(body.as_bytes())).event.is_some());
}

#[test]
fn configuration_is_checked_and_the_key_never_shown() {
    assert_eq!(HuaweiWebhook::new("", Secret::new(KEY)).unwrap_err().field(), Some("subscriber_id"));
    assert_eq!(HuaweiWebhook::new(APP, Secret::new("")).unwrap_err().field(), Some("subscriber_key"));
    assert_eq!(HuaweiWebhook::new("a\nb", Secret::new(KEY)).unwrap_err().field(), Some("subscriber_id"));
    let err = HuaweiWebhook::new(APP, Secret::new("bad\u{0}key-do-not-print")).unwrap_err();
    assert!(!err.to_string().contains("do-not-print"), "{err}");
    let shown = format!("{:?}", webhook());
    assert!(!shown.contains(KEY), "{shown}");
    // A refusal's answer and log line name no signature.
    let answer = webhook().handle(&post(body(APP, JOIN_TS, JOIN_NONCE, &"f".repeat(64), JOIN).as_bytes()));
    let shown = format!("{answer:?} {}", answer.refusal.unwrap());
    assert!(!shown.contains(&"f".repeat(64)) && !shown.contains(JOIN_SIG), "{shown}");
}

#[test]
fn no_panic_on_odd_input() {
    let webhook = webhook().max_age(None);
    let odd: [&[u8]; 9] = [
        b"",
        b"{",
        b"\xff\xfe",
        br#"{"appID":1,"timestamp":"x","nonce":[],"signature":{},"eventInfo":null}"#,
        br#"{"appID":"hw-app-1","timestamp":1e400,"nonce":"n","signature":"s","eventInfo":{}}"#,
        br#"{"appID":"hw-app-1","timestamp":-1,"nonce":"n","signature":"s","eventInfo":{}}"#,
        br#"{"appID":"hw-app-1","timestamp":99999999999999999999999,"nonce":"n","signature":"s","eventInfo":{}}"#,
        br#"{"eventInfo":{"a":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]}}"#,
        b"null",
    ];
    for body in odd {
        let answer = webhook.handle(&post(body));
        assert!((400..500).contains(&answer.status) && answer.event.is_none());
    }
}

/// The receiver (the server the Tencent receiver runs on) with a Huawei verifier, driven by a
/// plain HTTP/1.1 client over loopback.
#[cfg(feature = "receiver")]
mod receiver {
    use std::io::{Read, Write};
    use std::time::Duration;

    use meetctl::huawei::{HuaweiEventKind, HuaweiReceiver};
    use meetctl::receiver::ReceiverConfig;

    use super::*;

    /// POSTs `body` to `/hook` and returns the status and the answer's body.
    fn send(addr: std::net::SocketAddr, body: &str) -> (u16, String) {
        http(addr, "POST", "/hook", body)
    }

    /// One HTTP/1.1 request with a JSON body; the status and the answer's body.
    fn http(addr: std::net::SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let text = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_owned();
        (status, text)
    }

    #[test]
    fn the_receiver_answers_verify_and_queues_events_per_meeting() {
        let receiver = HuaweiReceiver::start(webhook().max_age(None), ReceiverConfig::default()).unwrap();
        let addr = receiver.local_addr();
        let (status, text) = send(addr, &body(APP, JOIN_TS, VERIFY_NONCE, VERIFY_SIG, VERIFY));
        assert_eq!(status, 200);
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json, serde_json::json!({"event": "meeting.verify", "nonce": VERIFY_NONCE}));
        assert_eq!(send(addr, &body(APP, JOIN_TS, JOIN_NONCE, JOIN_SIG, JOIN)), (200, String::new()));
        assert_eq!(send(addr, &body(APP, LEFT_TS, LEFT_NONCE, LEFT_SIG, LEFT)).0, 200);
        // A repeat is acknowledged and not queued; a forgery is refused.
        assert_eq!(send(addr, &body(APP, JOIN_TS, JOIN_NONCE, JOIN_SIG, JOIN)).0, 200);
        assert_eq!(
            send(addr, &body(APP, JOIN_TS, JOIN_NONCE, &"0".repeat(64), JOIN)),
            (401, "refused".into())
        );
        assert!(receiver.next_for("another", Duration::from_millis(50)).is_none());
        let events: Vec<_> = receiver.events_for("960000001", Duration::from_millis(200)).collect();
        let kinds: Vec<_> = events.iter().map(|e| e.kind()).collect();
        assert_eq!(kinds, [HuaweiEventKind::Joined, HuaweiEventKind::Left]);
        assert_eq!(receiver.pending(), 0);
        receiver.close();
        assert!(receiver.next(Duration::from_millis(10)).is_none());
    }

    #[test]
    fn a_full_queue_answers_503_and_the_retry_is_delivered() {
        let config = ReceiverConfig { queue: 1, ..ReceiverConfig::default() };
        let receiver = HuaweiReceiver::start(webhook().max_age(None), config).unwrap();
        let addr = receiver.local_addr();
        assert_eq!(send(addr, &body(APP, JOIN_TS, JOIN_NONCE, JOIN_SIG, JOIN)).0, 200);
        assert_eq!(send(addr, &body(APP, LEFT_TS, LEFT_NONCE, LEFT_SIG, LEFT)).0, 503);
        assert_eq!(receiver.next(Duration::from_secs(1)).map(|e| e.kind()), Some(HuaweiEventKind::Joined));
        assert_eq!(send(addr, &body(APP, LEFT_TS, LEFT_NONCE, LEFT_SIG, LEFT)).0, 200, "the retry");
        assert_eq!(receiver.next(Duration::from_secs(1)).map(|e| e.kind()), Some(HuaweiEventKind::Left));
    }

    /// The emulator's admin route `path` with `body`: its JSON answer (200 expected).
    fn admin(emu: &meetctl_emulator::Emulator, path: &str, body: serde_json::Value) -> serde_json::Value {
        let addr: std::net::SocketAddr = emu.url().trim_start_matches("http://").parse().unwrap();
        let (status, text) = http(addr, "POST", path, &body.to_string());
        assert_eq!(status, 200, "{path}: {text}");
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
    }

    fn idle(emu: &meetctl_emulator::Emulator) {
        let addr: std::net::SocketAddr = emu.url().trim_start_matches("http://").parse().unwrap();
        let (status, text) = http(addr, "GET", "/_emulator/huawei/webhook/idle?timeout_ms=30000", "");
        assert_eq!(status, 200, "the emulator's webhook queue drained: {text}");
    }

    /// The whole path against the emulator as the cloud: the configuration set, read and enabled
    /// through `HuaweiClient` (enabling makes the cloud post `meeting.verify`, answered by the
    /// receiver), then a conference started by a join, a second join, a leave and the end, pushed
    /// signed over the exact `eventInfo` bytes (the emulator puts a space after every colon):
    /// the app sees exactly those events of that conference, once each, and never the verify.
    #[test]
    fn end_to_end_against_the_emulator() {
        use meetctl::huawei::{AccountAuth, HuaweiClient, HuaweiWebhookSettings, Region};
        const SUBSCRIBER: &str = "sub-e2e-1";
        const SUB_KEY: &str = "e2e-subscriber-key-do-not-print";
        let emu = common::start();
        let webhook = HuaweiWebhook::new(SUBSCRIBER, Secret::new(SUB_KEY)).unwrap();
        let receiver = HuaweiReceiver::start(webhook, ReceiverConfig::default()).unwrap();
        let auth = AccountAuth::app_id(common::HW_APP_ID, common::HW_APP_KEY, None, None);
        let hw = HuaweiClient::new(Region::CnNorth4, auth, common::config(&emu)).unwrap();
        let settings = HuaweiWebhookSettings {
            subscriber_id: SUBSCRIBER.into(),
            subscriber_key: Secret::new(SUB_KEY),
            url: format!("http://{}/hook", receiver.local_addr()),
            corp_id: None,
            sp_id: None,
        };
        hw.set_webhook_config(&settings).unwrap();
        let config = hw.webhook_config(None, None).unwrap();
        assert_eq!(config.subscriber_id.as_deref(), Some(SUBSCRIBER));
        assert_eq!(config.url.as_deref(), Some(settings.url.as_str()));
        assert_eq!(config.status.as_deref(), Some("disabled"));
        hw.set_webhook_status(&config.id, true).expect("enabled: the receiver answered meeting.verify");
        assert_eq!(hw.webhook_config(None, None).unwrap().status.as_deref(), Some("enabled"));

        let conf = common::CONF_NOT_STARTED;
        let join = |name: &str| {
            let answer = admin(
                &emu,
                &format!("/_emulator/huawei/conferences/{conf}/join"),
                serde_json::json!({"name": name}),
            );
            answer["pid"].as_str().expect("a pid").to_owned()
        };
        let zoe = join("Zoe");
        let yan = join("Yan");
        admin(&emu, &format!("/_emulator/huawei/conferences/{conf}/leave"), serde_json::json!({"pid": yan}));
        admin(&emu, &format!("/_emulator/huawei/conferences/{conf}/end"), serde_json::json!({}));
        idle(&emu);

        let events: Vec<_> = receiver.events_for(conf, Duration::from_millis(300)).collect();
        let seen: Vec<_> = events.iter().map(|e| (e.kind(), e.participant_id().map(str::to_owned))).collect();
        use HuaweiEventKind::*;
        assert_eq!(
            seen,
            vec![
                (Started, None),
                (Joined, Some(zoe.clone())),
                (Joined, Some(yan.clone())),
                (Left, Some(yan.clone())),
                (Left, Some(zoe.clone())),
                (Ended, None),
            ]
        );
        assert_eq!(events[1].display_name(), Some("Zoe"));
        assert!(events[1].raw_json().contains("\": "), "signed as sent, a space after each colon");
        let ids: std::collections::HashSet<_> = events.iter().map(|e| e.id()).collect();
        assert_eq!(ids.len(), events.len(), "distinct ids");
        assert!(receiver.events(Duration::from_millis(100)).next().is_none(), "nothing else, no verify");

        // Disabled: nothing more is pushed; removed: there is no configuration to read.
        hw.set_webhook_status(&config.id, false).unwrap();
        assert_eq!(hw.webhook_config(None, None).unwrap().status.as_deref(), Some("disabled"));
        hw.delete_webhook_config(None, None).unwrap();
        assert!(hw.webhook_config(None, None).is_err());
    }

    /// The emulator's own admin route configures and enables the webhook; a receiver with
    /// another key fails the verify handshake, so the configuration stays disabled.
    #[test]
    fn the_admin_route_and_a_wrong_key() {
        let emu = common::start();
        let right = HuaweiReceiver::start(
            HuaweiWebhook::new("sub-2", Secret::new("right-key")).unwrap(),
            ReceiverConfig::default(),
        )
        .unwrap();
        let addr: std::net::SocketAddr = emu.url().trim_start_matches("http://").parse().unwrap();
        let body = serde_json::json!({"url": format!("http://{}/hook", right.local_addr()), "subscriber_id": "sub-2", "subscriber_key": "right-key"});
        let (status, text) = http(addr, "PUT", "/_emulator/huawei/webhook", &body.to_string());
        assert_eq!(status, 200, "{text}");
        let conf = common::CONF;
        let answer = admin(
            &emu,
            &format!("/_emulator/huawei/conferences/{conf}/join"),
            serde_json::json!({"name": "Ann"}),
        );
        let pid = answer["pid"].as_str().unwrap().to_owned();
        idle(&emu);
        let event = right.next_for(conf, Duration::from_secs(5)).expect("the join");
        assert_eq!((event.kind(), event.participant_id()), (HuaweiEventKind::Joined, Some(pid.as_str())));

        // A receiver with another key cannot answer the cloud's meeting.verify: enabling a
        // configuration pointing at it fails, and nothing reaches its app.
        use meetctl::huawei::{AccountAuth, HuaweiClient, HuaweiWebhookSettings, Region};
        let wrong = HuaweiReceiver::start(
            HuaweiWebhook::new("sub-2", Secret::new("wrong-key")).unwrap(),
            ReceiverConfig::default(),
        )
        .unwrap();
        let auth = AccountAuth::app_id(common::HW_APP_ID, common::HW_APP_KEY, None, None);
        let hw = HuaweiClient::new(Region::CnNorth4, auth, common::config(&emu)).unwrap();
        hw.set_webhook_config(&HuaweiWebhookSettings {
            subscriber_id: "sub-2".into(),
            subscriber_key: Secret::new("right-key"),
            url: format!("http://{}/hook", wrong.local_addr()),
            corp_id: None,
            sp_id: None,
        })
        .unwrap();
        let id = hw.webhook_config(None, None).unwrap().id;
        let err = hw.set_webhook_status(&id, true).unwrap_err();
        assert!(!err.to_string().contains("right-key"), "{err}");
        assert_eq!(hw.webhook_config(None, None).unwrap().status.as_deref(), Some("disabled"));
        assert!(wrong.next(Duration::from_millis(200)).is_none());
    }
}
