//! The real Tencent client against the real emulator over loopback: every operation of seeds 000
//! and 001, and every error path.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use common::*;
use meetctl::clock::{Clock, CountingRandom, ManualClock, SystemClock};
use meetctl::tencent::{
    Instance, TencentClient, TencentControl, TencentCredentials, TencentOperation, TencentUser,
};
use meetctl::{ClientConfig, ErrorKind, Method, ProxySetting};
use meetctl_emulator::Fault;
use serde_json::json;

/// The set_cohost call on [`MEETING`]: `operator` makes `user` a co-host.
fn set_cohost(operator: TencentUser, user: TencentUser) -> TencentControl {
    TencentControl::new(TencentOperation::SetCohost, MEETING, operator).target(user)
}

/// The close_video call on [`MEETING`]: `operator` closes `user`'s video.
fn close_video(operator: TencentUser, user: TencentUser) -> TencentControl {
    TencentControl::new(TencentOperation::CloseVideo, MEETING, operator).target(user)
}

// ---------------------------------------------------------------- operations

#[test]
fn set_and_revoke_cohost_by_ms_open_id() {
    let emu = start();
    let client = enterprise(&emu);
    client.set_cohost(MEETING, &host(), &attendee()).unwrap();
    assert_eq!(participant(&emu, MEETING, "agaqwwgdkkddd")["role"], "cohost");
    client.revoke_cohost(MEETING, &host(), &attendee()).unwrap();
    assert_eq!(participant(&emu, MEETING, "agaqwwgdkkddd")["role"], "attendee");
}

#[test]
fn set_cohost_by_uuid() {
    let emu = start();
    let client = enterprise(&emu);
    let op = TencentUser::uuid("host-uuid", Instance::Ios);
    let who = TencentUser::uuid("rooms-uuid", Instance::RoomsTouchWindows);
    client.set_cohost(MEETING, &op, &who).unwrap();
    assert_eq!(participant(&emu, MEETING, "rooms-uuid")["role"], "cohost");
}

#[test]
fn a_cohost_can_then_act() {
    let emu = start();
    let client = enterprise(&emu);
    client.set_cohost(MEETING, &host(), &attendee()).unwrap();
    let plain = TencentUser::ms_open_id("plain-attendee", Instance::Pc);
    client.close_video(MEETING, &attendee(), &plain).unwrap();
    assert_eq!(participant(&emu, MEETING, "plain-attendee")["video"], false);
}

#[test]
fn close_video_by_ms_open_id() {
    let emu = start();
    enterprise(&emu).close_video(MEETING, &host(), &attendee()).unwrap();
    assert_eq!(participant(&emu, MEETING, "agaqwwgdkkddd")["video"], false);
    assert_eq!(participant(&emu, MEETING, "plain-attendee")["video"], true);
}

#[test]
fn close_video_seed_001_example_shape_by_uuid() {
    let emu = start();
    let op = TencentUser::uuid("host-uuid", Instance::Ios);
    let who = TencentUser::uuid("att-uuid", Instance::Mac);
    enterprise(&emu).close_video(MEETING, &op, &who).unwrap();
    assert_eq!(participant(&emu, MEETING, "att-uuid")["video"], false);
}

#[test]
fn close_video_with_oauth_and_own_openid() {
    let emu = start();
    let op = TencentUser::open_id(OAUTH_OPEN_ID, Instance::Pc);
    let who = TencentUser::ms_open_id("oauth-att", Instance::Android);
    oauth(&emu).close_video(OAUTH_MEETING, &op, &who).unwrap();
    assert_eq!(participant(&emu, OAUTH_MEETING, "oauth-att")["video"], false);
}

#[test]
fn sdk_id_is_sent_when_assigned() {
    let emu = start();
    let creds =
        TencentCredentials::enterprise(SDK_APP_ID, SDK_SECRET_ID, SDK_SECRET_KEY, Some(SDK_ID.into()));
    let client = TencentClient::new(creds, config(&emu)).unwrap();
    let prepared = client.prepare(&close_video(host(), attendee())).unwrap();
    assert_eq!(prepared.header("SdkId"), Some(SDK_ID));
    client.close_video(MEETING, &host(), &attendee()).unwrap();
}

#[test]
fn wrong_device_for_target_does_not_take_effect() {
    let emu = start();
    let on_wrong_device = TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Android);
    enterprise(&emu).set_cohost(MEETING, &host(), &on_wrong_device).unwrap();
    assert_eq!(participant(&emu, MEETING, "agaqwwgdkkddd")["role"], "attendee");
}

#[test]
fn generic_request_signs_query_and_body() {
    let emu = start();
    let client = enterprise(&emu);
    let info = client
        .request(
            Method::Get,
            &format!("/v1/meetings/{MEETING}"),
            &[("userid", "alice"), ("instanceid", "1")],
            None,
        )
        .unwrap();
    assert_eq!(info["meeting_info_list"][0]["meeting_id"], MEETING);

    let body = json!({
        "operator_id": "afagsagwags", "operator_id_type": 4, "instanceid": 4, "mute": true,
        "user": {"to_operator_id": "agaqwwgdkkddd", "to_operator_id_type": 4, "instanceid": 2}
    });
    let answer =
        client.request(Method::Put, &format!("/v1/real-control/meetings/{MEETING}/mutes"), &[], Some(&body));
    answer.unwrap();
    assert_eq!(participant(&emu, MEETING, "agaqwwgdkkddd")["muted"], true);
}

#[test]
fn prepared_request_sent_by_another_http_stack() {
    let emu = start();
    let client = enterprise(&emu);
    let prepared = client.prepare(&set_cohost(host(), attendee())).unwrap();
    let (status, _) = send_raw(&prepared);
    assert_eq!(status, 200);
    assert_eq!(participant(&emu, MEETING, "agaqwwgdkkddd")["role"], "cohost");
    // A prepared request is good for one send: the same nonce again is a replay.
    let (status, body) = send_raw(&prepared);
    assert_eq!(status, 400);
    assert!(body.contains("190301"), "{body}");
}

#[test]
fn prepare_is_reproducible_and_matches_the_openssl_vector() {
    // Clock and nonce fixed so the signature equals the one computed with openssl in
    // src/tencent/signing.rs (seed 000's example body, nonce 1234567, timestamp 1700000000).
    let emu = start();
    let config = config_with(
        &emu,
        Arc::new(ManualClock::new(1_700_000_000_000)),
        Arc::new(CountingRandom::new(1_234_566)),
    );
    let creds = TencentCredentials::enterprise(
        APP_ID,
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA",
        "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA",
        None,
    );
    let client = TencentClient::new(creds, config).unwrap();
    let p = client.prepare(&set_cohost(host(), attendee())).unwrap();
    assert_eq!(p.method, Method::Put);
    assert_eq!(p.url, format!("{}/v1/real-control/meetings/{MEETING}/cohosts", emu.url()));
    assert_eq!(
        std::str::from_utf8(&p.body).unwrap(),
        r#"{"operator_id":"afagsagwags","operator_id_type":4,"instanceid":4,"action":true,"user":{"to_operator_id":"agaqwwgdkkddd","to_operator_id_type":4,"instanceid":2}}"#
    );
    assert_eq!(p.header("X-TC-Timestamp"), Some("1700000000"));
    assert_eq!(p.header("X-TC-Nonce"), Some("1234567"));
    assert_eq!(p.header("X-TC-Key"), Some("AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA"));
    assert_eq!(p.header("AppId"), Some(APP_ID));
    assert_eq!(p.header("X-TC-Registered"), Some("1"));
    assert_eq!(p.header("SdkId"), None);
    assert_eq!(
        p.header("X-TC-Signature"),
        Some("ZmYzYmY3MTVjM2VkMTJkNDZiNDYyZDBmMzM2OWM5NDA0ZDE3ZmU0NjMyMmNmNjYxMDdmZjQxMzM3NTY4M2VjNA==")
    );
    assert_eq!(request_count(&emu), 0, "prepare must not send");
}

#[test]
fn one_client_shared_by_eight_threads() {
    let emu = start();
    let client = enterprise(&emu);
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let client = client.clone();
            std::thread::spawn(move || {
                for _ in 0..5 {
                    if i % 2 == 0 {
                        client.set_cohost(MEETING, &host(), &attendee()).unwrap();
                    } else {
                        client.close_video(MEETING, &host(), &attendee()).unwrap();
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(request_count(&emu), 40);
}

// ---------------------------------------------------------------- server-side errors

#[test]
fn operator_who_is_an_attendee_is_refused() {
    let emu = start();
    let op = TencentUser::ms_open_id("plain-attendee", Instance::Pc);
    let e = enterprise(&emu).set_cohost(MEETING, &op, &attendee()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::PermissionDenied);
    assert_eq!(e.code(), Some("9042"));
    assert_eq!(e.status(), Some(400));
    assert!(e.request_id().is_some_and(|id| !id.is_empty()));
    assert_eq!(participant(&emu, MEETING, "agaqwwgdkkddd")["role"], "attendee");
}

#[test]
fn unknown_meeting_is_not_found() {
    let emu = start();
    let e = enterprise(&emu).close_video("999999999", &host(), &attendee()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.code(), Some("9003"));
    assert_eq!(e.api().unwrap().new_code, None, "9xxx codes come without new_error_code");
}

#[test]
fn bad_parameters_reach_the_server_only_through_the_generic_call() {
    // Typed calls validate before sending, so a 190004 can only come from a hand-made body.
    let emu = start();
    let body = json!({"operator_id": "afagsagwags", "operator_id_type": 4, "instanceid": 4, "action": "yes"});
    let e = enterprise(&emu)
        .request(Method::Put, &format!("/v1/real-control/meetings/{MEETING}/cohosts"), &[], Some(&body))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some("190004"));
    assert_eq!(e.api().unwrap().new_code.as_deref(), Some("200190004"));
}

#[test]
fn video_that_cannot_be_stopped() {
    let emu = start();
    let who = TencentUser::uuid("rooms-uuid", Instance::RoomsTouchWindows);
    let e = enterprise(&emu).close_video(MEETING, &host(), &who).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some("9104"));
}

#[test]
fn stale_timestamp_is_rejected() {
    let emu = start();
    let clock = ManualClock::starting_now();
    clock.advance_secs(-600);
    let config = config_with(&emu, Arc::new(clock), Arc::new(CountingRandom::new(1)));
    let client =
        TencentClient::new(TencentCredentials::enterprise(APP_ID, SECRET_ID, SECRET_KEY, None), config)
            .unwrap();
    let e = client.set_cohost(MEETING, &host(), &attendee()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.code(), Some("190300"));
    assert_eq!(e.api().unwrap().new_code.as_deref(), Some("200190300"));
}

#[test]
fn replayed_nonce_is_rejected() {
    let emu = start();
    let now = SystemClock.now_millis();
    let make = || {
        let config = config_with(&emu, Arc::new(ManualClock::new(now)), Arc::new(CountingRandom::new(77)));
        TencentClient::new(TencentCredentials::enterprise(APP_ID, SECRET_ID, SECRET_KEY, None), config)
            .unwrap()
    };
    make().set_cohost(MEETING, &host(), &attendee()).unwrap();
    let e = make().set_cohost(MEETING, &host(), &attendee()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.code(), Some("190301"));
}

#[test]
fn unknown_key_app_or_sdk_id_is_rejected() {
    let emu = start();
    let cases = [
        TencentCredentials::enterprise(APP_ID, "AKIDunknown", SECRET_KEY, None),
        TencentCredentials::enterprise("999", SECRET_ID, SECRET_KEY, None),
        TencentCredentials::enterprise(APP_ID, SECRET_ID, SECRET_KEY, Some("20001".into())),
        TencentCredentials::enterprise(SDK_APP_ID, SDK_SECRET_ID, SDK_SECRET_KEY, None),
    ];
    for creds in cases {
        let e = TencentClient::new(creds, config(&emu))
            .unwrap()
            .close_video(MEETING, &host(), &attendee())
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert_eq!(e.code(), Some("190303"));
    }
}

#[test]
fn wrong_secret_key_is_a_bad_signature() {
    let emu = start();
    let client = TencentClient::new(
        TencentCredentials::enterprise(APP_ID, SECRET_ID, "not-the-key", None),
        config(&emu),
    )
    .unwrap();
    let e = client.set_cohost(MEETING, &host(), &attendee()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.code(), Some("200003"));
}

#[test]
fn unknown_oauth_token_is_rejected() {
    let emu = start();
    let client =
        TencentClient::new(TencentCredentials::oauth(OAUTH_OPEN_ID, "wrong-token"), config(&emu)).unwrap();
    let op = TencentUser::open_id(OAUTH_OPEN_ID, Instance::Pc);
    let who = TencentUser::ms_open_id("oauth-att", Instance::Android);
    let e = client.close_video(OAUTH_MEETING, &op, &who).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
}

#[test]
fn oauth_without_manage_meeting_scope_is_refused() {
    let emu = start();
    let client =
        TencentClient::new(TencentCredentials::oauth(NOSCOPE_OPEN_ID, NOSCOPE_TOKEN), config(&emu)).unwrap();
    let op = TencentUser::ms_open_id("oauth-host-ms", Instance::Pc);
    let who = TencentUser::ms_open_id("oauth-att", Instance::Android);
    let e = client.close_video(OAUTH_MEETING, &op, &who).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::PermissionDenied | ErrorKind::NotFound), "{e}");
    assert_eq!(participant(&emu, OAUTH_MEETING, "oauth-att")["video"], true);
}

#[test]
fn per_minute_rate_limit() {
    let emu = start_with_rate_limit(2);
    // One attempt: near a minute's end the emulator's Retry-After is short enough to be waited
    // out, and a retried call would then succeed.
    let client = single_attempt(&emu);
    client.close_video(MEETING, &host(), &attendee()).unwrap();
    client.close_video(MEETING, &host(), &attendee()).unwrap();
    let e = client.close_video(MEETING, &host(), &attendee()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.code(), Some("190310"));
}

// ---------------------------------------------------------------- transport faults

/// An enterprise client that never retries: what one exchange answers, as is.
fn single_attempt(emu: &meetctl_emulator::Emulator) -> TencentClient {
    TencentClient::new(
        TencentCredentials::enterprise(APP_ID, SECRET_ID, SECRET_KEY, None),
        config(emu).retry(meetctl::RetryPolicy::none()),
    )
    .unwrap()
}

#[test]
fn injected_429_carries_retry_after() {
    let emu = start();
    emu.inject(Fault::rate_limit(3));
    let e = single_attempt(&emu).set_cohost(MEETING, &host(), &attendee()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.status(), Some(429));
    assert_eq!(e.retry_after(), Some(Duration::from_secs(3)));
}

#[test]
fn injected_5xx_is_an_api_error() {
    let emu = start();
    emu.inject(Fault::status(503));
    let e = single_attempt(&emu).set_cohost(MEETING, &host(), &attendee()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.status(), Some(503));
    assert_eq!(e.attempts(), 1);
    // The fault was one-shot: the next call goes through.
    enterprise(&emu).set_cohost(MEETING, &host(), &attendee()).unwrap();
}

#[test]
fn slow_server_times_out() {
    let emu = start();
    emu.inject(Fault::delay(1500));
    let client = TencentClient::new(
        TencentCredentials::enterprise(APP_ID, SECRET_ID, SECRET_KEY, None),
        config(&emu).timeout(Duration::from_millis(300)),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let e = client.set_cohost(MEETING, &host(), &attendee()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e:?}");
    assert!(started.elapsed() < Duration::from_millis(1400));
}

#[test]
fn connection_reset_is_a_connection_error() {
    let emu = start();
    emu.inject(Fault::reset());
    // Removing someone is not repeated after a lost connection: the error is the caller's.
    let e = enterprise(&emu).kick_out(MEETING, &host(), &[&attendee()], true, None).unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Connection, 1), "{e:?}");
}

#[test]
fn nothing_listening_is_a_connection_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let config =
        ClientConfig::new().base_url(format!("http://127.0.0.1:{port}")).proxy(ProxySetting::Disabled);
    let client =
        TencentClient::new(TencentCredentials::enterprise(APP_ID, SECRET_ID, SECRET_KEY, None), config)
            .unwrap();
    let e = client.set_cohost(MEETING, &host(), &attendee()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection, "{e:?}");
}

#[test]
fn malformed_body_is_reported() {
    let emu = start();
    emu.inject(Fault::malformed());
    let e = enterprise(&emu).set_cohost(MEETING, &host(), &attendee()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MalformedResponse, "{e:?}");
}

#[test]
fn oversized_response_is_refused() {
    let emu = start();
    let client = TencentClient::new(
        TencentCredentials::enterprise(APP_ID, SECRET_ID, SECRET_KEY, None),
        config(&emu).max_response_bytes(8),
    )
    .unwrap();
    let e = client
        .request(
            Method::Get,
            &format!("/v1/meetings/{MEETING}"),
            &[("userid", "alice"), ("instanceid", "1")],
            None,
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MalformedResponse, "{e:?}");
}

// ---------------------------------------------------------------- validation before I/O

#[test]
fn bad_input_is_refused_before_anything_is_sent() {
    let emu = start();
    let client = enterprise(&emu);
    let oauth_client = oauth(&emu);
    let cases: Vec<(&str, meetctl::Error)> = vec![
        ("meeting_id", client.set_cohost("", &host(), &attendee()).unwrap_err()),
        ("meeting_id", client.set_cohost("12/../../admin", &host(), &attendee()).unwrap_err()),
        ("meeting_id", client.set_cohost("..", &host(), &attendee()).unwrap_err()),
        ("meeting_id", client.close_video("123?x=1", &host(), &attendee()).unwrap_err()),
        ("meeting_id", client.close_video("123\r\nX: y", &host(), &attendee()).unwrap_err()),
        ("meeting_id", client.close_video("a#b", &host(), &attendee()).unwrap_err()),
        // Cohosts: ms_open_id or uuid only, for both sides.
        (
            "operator.id",
            client.set_cohost(MEETING, &TencentUser::userid("u", Instance::Pc), &attendee()).unwrap_err(),
        ),
        (
            "user.id",
            client.set_cohost(MEETING, &host(), &TencentUser::open_id("o", Instance::Pc)).unwrap_err(),
        ),
        (
            "operator.id",
            client.set_cohost(MEETING, &TencentUser::ms_open_id("", Instance::Pc), &attendee()).unwrap_err(),
        ),
        ("user.id", client.set_cohost(MEETING, &host(), &TencentUser::uuid("", Instance::Pc)).unwrap_err()),
        // ms_open_id only with devices 1-8.
        (
            "user.instance",
            client
                .set_cohost(MEETING, &host(), &TencentUser::ms_open_id("x", Instance::VoipSip))
                .unwrap_err(),
        ),
        (
            "operator.instance",
            client
                .close_video(MEETING, &TencentUser::ms_open_id("x", Instance::Linux), &attendee())
                .unwrap_err(),
        ),
        // Video: operator by openid needs OAuth and must be the client's own open id.
        (
            "operator.id",
            client.close_video(MEETING, &TencentUser::open_id("o", Instance::Pc), &attendee()).unwrap_err(),
        ),
        (
            "operator.id",
            oauth_client
                .close_video(OAUTH_MEETING, &TencentUser::open_id("someone-else", Instance::Pc), &attendee())
                .unwrap_err(),
        ),
        (
            "operator.id",
            client.close_video(MEETING, &TencentUser::userid("u", Instance::Pc), &attendee()).unwrap_err(),
        ),
        (
            "user.id",
            client.close_video(MEETING, &host(), &TencentUser::userid("u", Instance::Pc)).unwrap_err(),
        ),
        // Cohosts refuse OAuth 2.0.
        ("credentials", oauth_client.set_cohost(OAUTH_MEETING, &host(), &attendee()).unwrap_err()),
        // Generic calls: no traversal, no smuggled query.
        ("path", client.request(Method::Get, "/v1/meetings/../admin", &[], None).unwrap_err()),
        ("path", client.request(Method::Get, "/v1/meetings/1?x=y", &[], None).unwrap_err()),
        ("path", client.request(Method::Get, "v1/meetings", &[], None).unwrap_err()),
    ];
    for (field, e) in &cases {
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
        assert_eq!(e.field(), Some(*field), "{e}");
    }
    assert_eq!(request_count(&emu), 0, "no request may reach the server");
    assert_eq!(participant(&emu, MEETING, "agaqwwgdkkddd")["role"], "attendee");
}

#[test]
fn instance_out_of_the_table_and_missing_ids() {
    let e = TencentUser::from_parts("user", None, None, Some("x"), None, 11).unwrap_err();
    assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("user.instance")));
    let e = TencentUser::from_parts("operator", None, None, None, None, 1).unwrap_err();
    assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("operator")));
}

#[test]
fn bad_credentials_and_config_are_refused_at_construction() {
    let cases = [
        ("app_id", TencentCredentials::enterprise("", SECRET_ID, SECRET_KEY, None), ClientConfig::new()),
        ("secret_id", TencentCredentials::enterprise(APP_ID, "", SECRET_KEY, None), ClientConfig::new()),
        ("secret_key", TencentCredentials::enterprise(APP_ID, SECRET_ID, "", None), ClientConfig::new()),
        (
            "sdk_id",
            TencentCredentials::enterprise(APP_ID, SECRET_ID, SECRET_KEY, Some(String::new())),
            ClientConfig::new(),
        ),
        ("open_id", TencentCredentials::oauth("", OAUTH_TOKEN), ClientConfig::new()),
        ("access_token", TencentCredentials::oauth(OAUTH_OPEN_ID, ""), ClientConfig::new()),
        ("access_token", TencentCredentials::oauth(OAUTH_OPEN_ID, "a\r\nb"), ClientConfig::new()),
        (
            "base_url",
            TencentCredentials::oauth(OAUTH_OPEN_ID, OAUTH_TOKEN),
            ClientConfig::new().base_url("ftp://x"),
        ),
        (
            "proxy",
            TencentCredentials::oauth(OAUTH_OPEN_ID, OAUTH_TOKEN),
            ClientConfig::new().proxy(ProxySetting::Url("not a url".into())),
        ),
        (
            "extra_ca_pem",
            TencentCredentials::oauth(OAUTH_OPEN_ID, OAUTH_TOKEN),
            ClientConfig::new().extra_ca_pem("garbage"),
        ),
        (
            "timeout",
            TencentCredentials::oauth(OAUTH_OPEN_ID, OAUTH_TOKEN),
            ClientConfig::new().timeout(Duration::ZERO),
        ),
    ];
    for (field, creds, config) in cases {
        let e = TencentClient::new(creds, config).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert_eq!(e.field(), Some(field), "{e}");
    }
}

// ---------------------------------------------------------------- secrets

#[test]
fn secrets_never_show_in_debug_display_or_errors() {
    let emu = start();
    let client = enterprise(&emu);
    let oauth_client = oauth(&emu);
    let prepared = client.prepare(&set_cohost(host(), attendee())).unwrap();
    let signature = prepared.header("X-TC-Signature").unwrap().to_owned();
    let bad = TencentClient::new(
        TencentCredentials::enterprise(APP_ID, SECRET_ID, "wrong-key-do-not-print", None),
        config(&emu),
    )
    .unwrap();
    let err = bad.set_cohost(MEETING, &host(), &attendee()).unwrap_err();
    let texts = [
        format!("{client:?}"),
        format!("{oauth_client:?}"),
        format!("{prepared:?}"),
        format!("{err:?}"),
        format!("{err}"),
        format!(
            "{:?}",
            config(&emu).proxy(ProxySetting::Url("http://user:proxy-password@127.0.0.1:1".into()))
        ),
    ];
    for text in &texts {
        for secret in
            [SECRET_KEY, OAUTH_TOKEN, "wrong-key-do-not-print", signature.as_str(), "proxy-password"]
        {
            assert!(!text.contains(secret), "{secret} leaked in {text}");
        }
    }
}

// ---------------------------------------------------------------- helpers

/// Sends a prepared request with a hand-written HTTP/1.1 exchange: another HTTP stack.
fn send_raw(p: &meetctl::PreparedRequest) -> (u16, String) {
    let rest = p.url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let mut s = TcpStream::connect(host).unwrap();
    let mut head = format!(
        "{} {} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        p.method,
        path,
        p.body.len()
    );
    for (k, v) in &p.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(&p.body).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out[9..12].parse().unwrap();
    (status, out)
}

#[test]
fn clients_and_errors_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<TencentClient>();
    assert_send_sync::<meetctl::huawei::HuaweiClient>();
    assert_send_sync::<meetctl::huawei::Conference>();
    fn assert_error<T: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<meetctl::Error>();
}
