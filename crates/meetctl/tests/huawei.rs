//! The real Huawei client against the real emulator over loopback: the host role (seed 002) with
//! a given token and with a password, control and access tokens, and every error path.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use meetctl::clock::{ManualClock, SystemRandom};
use meetctl::huawei::{AccountAuth, ConferenceAuth, HostRole, HuaweiClient, Region};
use meetctl::{ClientConfig, ErrorKind, Method, ProxySetting, Secret};
use meetctl_emulator::{Emulator, Fault};
use serde_json::json;

const ROLE_PATH: &str = "/v1/mmc/control/conferences/participants/role";
const TOKEN_PATH: &str = "/v1/mmc/control/conferences/token";

fn client(emu: &Emulator, auth: AccountAuth) -> HuaweiClient {
    HuaweiClient::new(Region::CnNorth4, auth, config(emu)).unwrap()
}

fn client_with_clock(emu: &Emulator, auth: AccountAuth, clock: &ManualClock) -> HuaweiClient {
    let config = config_with(emu, Arc::new(clock.clone()), Arc::new(SystemRandom::new()));
    HuaweiClient::new(Region::CnNorth4, auth, config).unwrap()
}

fn password(p: &str) -> ConferenceAuth {
    ConferenceAuth::Password(Secret::new(p))
}

fn host_of(emu: &Emulator, conference_id: &str) -> serde_json::Value {
    conference_state(emu, conference_id)["host"].clone()
}

// ---------------------------------------------------------------- the host role

#[test]
fn apply_and_relinquish_with_a_given_token() {
    let emu = start();
    let hw = client(&emu, AccountAuth::None);
    let token = hw.conference(CONF, password(GUEST_PWD)).unwrap().control_token().unwrap();
    let conf = hw.conference(CONF, ConferenceAuth::Token(token)).unwrap();

    conf.apply_host(PARTICIPANT, HOST_PWD).unwrap();
    assert_eq!(host_of(&emu, CONF), PARTICIPANT);
    let roles = conference_state(&emu, CONF)["participants"].clone();
    let first = roles.as_array().unwrap().iter().find(|p| p["participant_id"] == FIRST_HOST).unwrap().clone();
    assert_eq!(first["role"], "participant", "only one host at a time");

    conf.relinquish_host(PARTICIPANT).unwrap();
    assert_eq!(host_of(&emu, CONF), serde_json::Value::Null);
    assert_eq!(huawei_count(&emu, "control_tokens_issued"), 1, "a given token is used as is");
}

#[test]
fn prepared_role_request_is_the_seed_example() {
    let emu = start();
    let hw = client(&emu, AccountAuth::None);
    let conf = hw
        .conference(CONF, ConferenceAuth::Token(Secret::new("stbaf8fa2ea8a1b0e3ab2e007a85a75f88c")))
        .unwrap();
    let p = conf.prepare(&HostRole::apply(PARTICIPANT, HOST_PWD)).unwrap();
    assert_eq!(p.method, Method::Put);
    assert_eq!(p.url, format!("{}{ROLE_PATH}?conferenceID={CONF}&participantID={PARTICIPANT}", emu.url()));
    assert_eq!(p.body, br#"{"applyChair":1,"chairmanPwd":"157599"}"#);
    let names: Vec<&str> = p.headers.iter().map(|(n, _)| n.as_ref()).collect();
    assert_eq!(names, ["X-Conference-Authorization", "Content-Type"]);
    assert_eq!(p.header("X-Conference-Authorization"), Some("stbaf8fa2ea8a1b0e3ab2e007a85a75f88c"));
    assert_eq!(request_count(&emu), 0);
}

#[test]
fn password_handle_fetches_and_caches_its_token() {
    let emu = start();
    let conf = client(&emu, AccountAuth::None).conference(CONF, password(HOST_PWD)).unwrap();
    conf.apply_host(PARTICIPANT, HOST_PWD).unwrap();
    conf.relinquish_host(PARTICIPANT).unwrap();
    conf.apply_host(PARTICIPANT, HOST_PWD).unwrap();
    assert_eq!(host_of(&emu, CONF), PARTICIPANT);
    assert_eq!(huawei_count(&emu, "control_tokens_issued"), 1);
}

#[test]
fn token_is_refreshed_before_it_expires() {
    let emu = start();
    let clock = ManualClock::starting_now();
    let conf =
        client_with_clock(&emu, AccountAuth::None, &clock).conference(CONF, password(HOST_PWD)).unwrap();
    conf.apply_host(PARTICIPANT, HOST_PWD).unwrap();
    clock.advance_secs(20 * 60);
    conf.relinquish_host(PARTICIPANT).unwrap();
    assert_eq!(huawei_count(&emu, "control_tokens_issued"), 1, "20 minutes in, the token is still good");
    clock.advance_secs(6 * 60);
    emu.advance_clock(26 * 60);
    conf.apply_host(PARTICIPANT, HOST_PWD).unwrap();
    assert_eq!(huawei_count(&emu, "control_tokens_issued"), 2, "26 minutes in, refreshed ahead of expiry");
    assert_eq!(statuses_for(&emu, ROLE_PATH), [200, 200, 200], "no call saw a 401");
}

#[test]
fn expired_token_gets_a_401_then_one_refresh_and_one_retry() {
    let emu = start();
    let conf = client(&emu, AccountAuth::None).conference(CONF, password(HOST_PWD)).unwrap();
    conf.apply_host(PARTICIPANT, HOST_PWD).unwrap();
    // Only the server's clock moves: the client still believes in its token.
    emu.advance_clock(31 * 60);
    conf.relinquish_host(PARTICIPANT).unwrap();
    assert_eq!(statuses_for(&emu, ROLE_PATH), [200, 401, 200]);
    assert_eq!(huawei_count(&emu, "control_tokens_issued"), 2);
    assert_eq!(host_of(&emu, CONF), serde_json::Value::Null);
}

#[test]
fn revoked_token_is_replaced() {
    let emu = start();
    let conf = client(&emu, AccountAuth::None).conference(CONF, password(HOST_PWD)).unwrap();
    conf.apply_host(PARTICIPANT, HOST_PWD).unwrap();
    emu.revoke_control_tokens(CONF);
    conf.relinquish_host(PARTICIPANT).unwrap();
    assert_eq!(statuses_for(&emu, ROLE_PATH), [200, 401, 200]);
}

#[test]
fn a_second_401_is_not_retried_again() {
    let emu = start();
    let conf = client(&emu, AccountAuth::None).conference(CONF, password(HOST_PWD)).unwrap();
    emu.inject(Fault::status(401).on_path(ROLE_PATH).times(2));
    let e = conf.apply_host(PARTICIPANT, HOST_PWD).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.status(), Some(401));
    assert_eq!(statuses_for(&emu, ROLE_PATH), [401, 401]);
    assert_eq!(huawei_count(&emu, "control_tokens_issued"), 2);
}

#[test]
fn a_given_token_is_never_refreshed() {
    let emu = start();
    let hw = client(&emu, AccountAuth::None);
    let conf = hw.conference(CONF, ConferenceAuth::Token(Secret::new("stb-not-a-real-token"))).unwrap();
    let e = conf.apply_host(PARTICIPANT, HOST_PWD).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.code(), Some("MMC.111070004"));
    assert_eq!(statuses_for(&emu, ROLE_PATH), [401]);
    assert_eq!(huawei_count(&emu, "control_tokens_issued"), 0);
}

#[test]
fn concurrent_callers_share_one_refresh() {
    let emu = start();
    emu.inject(Fault::delay(200).on_path(TOKEN_PATH));
    let conf = client(&emu, AccountAuth::None).conference(CONF, password(HOST_PWD)).unwrap();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let conf = conf.clone();
            std::thread::spawn(move || {
                conf.request(
                    Method::Put,
                    "/v1/mmc/control/conferences/participants/mute",
                    &[("participantID", PARTICIPANT)],
                    Some(&json!({"isMute": 1})),
                )
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap().unwrap();
    }
    assert_eq!(huawei_count(&emu, "control_tokens_issued"), 1);
    assert_eq!(statuses_for(&emu, "/v1/mmc/control/conferences/participants/mute").len(), 8);
}

#[test]
fn generic_conference_request() {
    let emu = start();
    // Control needs the chair's token: a guest's is refused, as on every control endpoint.
    let guest = client(&emu, AccountAuth::None).conference(CONF, password(GUEST_PWD)).unwrap();
    let refused = guest
        .request(
            Method::Put,
            "/v1/mmc/control/conferences/participants/mute",
            &[("participantID", PARTICIPANT)],
            Some(&json!({"isMute": 1})),
        )
        .unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::PermissionDenied);
    let conf = client(&emu, AccountAuth::None).conference(CONF, password(HOST_PWD)).unwrap();
    conf.request(
        Method::Put,
        "/v1/mmc/control/conferences/participants/mute",
        &[("participantID", PARTICIPANT)],
        Some(&json!({"isMute": 1})),
    )
    .unwrap();
    let participants = conference_state(&emu, CONF)["participants"].clone();
    let bob =
        participants.as_array().unwrap().iter().find(|p| p["participant_id"] == PARTICIPANT).unwrap().clone();
    assert_eq!(bob["muted"], true);
}

// ---------------------------------------------------------------- account-level access tokens

#[test]
fn app_id_auth_single_and_multi_tenant() {
    let emu = start();
    for corp in [None, Some("corp-9".to_owned())] {
        let hw = client(&emu, AccountAuth::app_id(HW_APP_ID, HW_APP_KEY, Some("bob".into()), corp));
        let first = hw.access_token().unwrap().unwrap();
        assert_eq!(hw.access_token().unwrap().unwrap(), first, "cached");
        // The control-token request carries X-Access-Token; the emulator checks it is live.
        hw.conference(CONF, password(HOST_PWD)).unwrap().apply_host(PARTICIPANT, HOST_PWD).unwrap();
    }
    assert_eq!(huawei_count(&emu, "access_tokens_issued"), 2);
}

#[test]
fn app_id_auth_without_user_id() {
    let emu = start();
    let hw = client(&emu, AccountAuth::app_id(HW_APP_ID, HW_APP_KEY, None, None));
    assert!(hw.access_token().unwrap().is_some());
}

#[test]
fn app_id_auth_with_a_wrong_key_or_app() {
    let emu = start();
    for auth in [
        AccountAuth::app_id(HW_APP_ID, "wrong-key", Some("bob".into()), None),
        AccountAuth::app_id("no-such-app", HW_APP_KEY, Some("bob".into()), None),
    ] {
        let e = client(&emu, auth).access_token().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
        assert!(e.code().is_some_and(|c| c.starts_with("USG.")), "{e}");
    }
}

#[test]
fn account_auth() {
    let emu = start();
    let hw = client(&emu, AccountAuth::account(HW_ACCOUNT, HW_PASSWORD));
    hw.conference(CONF, password(HOST_PWD)).unwrap().apply_host(PARTICIPANT, HOST_PWD).unwrap();
    assert_eq!(huawei_count(&emu, "access_tokens_issued"), 1);
    let e = client(&emu, AccountAuth::account(HW_ACCOUNT, "wrong")).access_token().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
}

#[test]
fn access_token_is_refreshed_before_it_expires() {
    let emu = start();
    let clock = ManualClock::starting_now();
    let hw = client_with_clock(&emu, AccountAuth::account(HW_ACCOUNT, HW_PASSWORD), &clock);
    let first = hw.access_token().unwrap().unwrap();
    clock.advance_secs(11 * 3600);
    assert_eq!(hw.access_token().unwrap().unwrap(), first);
    clock.advance_secs(3600 + 1);
    assert_ne!(hw.access_token().unwrap().unwrap(), first);
    assert_eq!(huawei_count(&emu, "access_tokens_issued"), 2);
}

#[test]
fn access_tokens_are_shared_across_threads() {
    let emu = start();
    emu.inject(Fault::delay(200).on_path("/v1/usg/acs/auth/account"));
    let hw = client(&emu, AccountAuth::account(HW_ACCOUNT, HW_PASSWORD));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let hw = hw.clone();
            std::thread::spawn(move || hw.access_token().unwrap().unwrap())
        })
        .collect();
    let tokens: Vec<Secret> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert!(tokens.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(huawei_count(&emu, "access_tokens_issued"), 1);
}

// ---------------------------------------------------------------- server-side errors

#[test]
fn wrong_conference_password() {
    let emu = start();
    let e = client(&emu, AccountAuth::None)
        .conference(CONF, password("000000"))
        .unwrap()
        .apply_host(PARTICIPANT, HOST_PWD)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.code(), Some("MMC.111072065"));
    assert!(e.request_id().is_some());
    assert_eq!(statuses_for(&emu, ROLE_PATH), Vec::<u64>::new(), "no control call without a token");
}

#[test]
fn conference_not_started() {
    let emu = start();
    let e = client(&emu, AccountAuth::None)
        .conference(CONF_NOT_STARTED, password(HOST_PWD))
        .unwrap()
        .apply_host(PARTICIPANT, HOST_PWD)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some("MMC.111070006"));
}

#[test]
fn unknown_conference_on_a_control_call() {
    let emu = start();
    let conf = client(&emu, AccountAuth::None)
        .conference("123456789", ConferenceAuth::Token(Secret::new("stbx")))
        .unwrap();
    let e = conf.apply_host(PARTICIPANT, HOST_PWD).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.code(), Some("MMC.111070005"));
}

#[test]
fn ids_cannot_inject_query_parameters() {
    let emu = start();
    let sneaky = format!("{CONF}&participantID={FIRST_HOST}");
    let conf = client(&emu, AccountAuth::None)
        .conference(&sneaky, ConferenceAuth::Token(Secret::new("stbx")))
        .unwrap();
    let e = conf.relinquish_host(PARTICIPANT).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound, "the whole string is one conference id: {e}");
    assert_eq!(host_of(&emu, CONF), FIRST_HOST);
}

#[test]
fn wrong_chairman_password() {
    let emu = start();
    let conf = client(&emu, AccountAuth::None).conference(CONF, password(GUEST_PWD)).unwrap();
    let e = conf.apply_host(PARTICIPANT, "999999").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::PermissionDenied);
    assert_eq!(e.code(), Some("MMC.111070002"));
    assert_eq!(host_of(&emu, CONF), FIRST_HOST);
}

#[test]
fn unknown_participant() {
    let emu = start();
    let conf = client(&emu, AccountAuth::None).conference(CONF, password(HOST_PWD)).unwrap();
    let e = conf.apply_host("nobody", HOST_PWD).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some("MMC.111071011"));
}

#[test]
fn huawei_rate_limit_and_faults() {
    let emu = start();
    let conf = client(&emu, AccountAuth::None).conference(CONF, password(HOST_PWD)).unwrap();
    emu.inject(Fault::rate_limit(7).on_path(ROLE_PATH));
    let e = conf.apply_host(PARTICIPANT, HOST_PWD).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(7)));
    emu.inject(Fault::malformed().on_path(TOKEN_PATH));
    let fresh = client(&emu, AccountAuth::None).conference(CONF, password(HOST_PWD)).unwrap();
    assert_eq!(fresh.apply_host(PARTICIPANT, HOST_PWD).unwrap_err().kind(), ErrorKind::MalformedResponse);
    // A lost connection: applying for the host role (setting a state) is asked again; hanging
    // up (not safe to repeat) is not.
    emu.inject(Fault::reset().on_path(ROLE_PATH));
    conf.apply_host(PARTICIPANT, HOST_PWD).unwrap();
    emu.inject(Fault::reset().on_path("/v1/mmc/control/conferences/participants/delete"));
    let e = conf.hang_up(&[PARTICIPANT]).unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Connection, 1));
}

// ---------------------------------------------------------------- validation before I/O

#[test]
fn bad_input_is_refused_before_anything_is_sent() {
    let emu = start();
    let hw = client(&emu, AccountAuth::None);
    let conf = hw.conference(CONF, password(HOST_PWD)).unwrap();
    let cases = [
        ("chairman_password", conf.apply_host(PARTICIPANT, "").unwrap_err()),
        ("participant_id", conf.apply_host("", HOST_PWD).unwrap_err()),
        ("participant_id", conf.relinquish_host("a\nb").unwrap_err()),
        ("conference_id", hw.conference("", password(HOST_PWD)).unwrap_err()),
        ("password", hw.conference(CONF, password("")).unwrap_err()),
        ("control_token", hw.conference(CONF, ConferenceAuth::Token(Secret::new(""))).unwrap_err()),
        ("path", conf.request(Method::Put, "/v1/../x", &[], None).unwrap_err()),
        (
            "query",
            conf.request(Method::Put, "/v1/mmc/control/conferences/lock", &[("conferenceID", "1")], None)
                .unwrap_err(),
        ),
    ];
    for (field, e) in &cases {
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(*field)), "{e}");
    }
    let bad_auth = [
        ("app_id", AccountAuth::app_id("", HW_APP_KEY, None, None)),
        ("app_key", AccountAuth::app_id(HW_APP_ID, "", None, None)),
        ("user_id", AccountAuth::app_id(HW_APP_ID, HW_APP_KEY, Some("a:b".into()), None)),
        ("corp_id", AccountAuth::app_id(HW_APP_ID, HW_APP_KEY, None, Some(String::new()))),
        ("account", AccountAuth::account("", HW_PASSWORD)),
        ("account", AccountAuth::account("a:b", HW_PASSWORD)),
        ("password", AccountAuth::account(HW_ACCOUNT, "")),
    ];
    for (field, auth) in bad_auth {
        let e = HuaweiClient::new(Region::CnNorth4, auth, config(&emu)).unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
    }
    assert_eq!(request_count(&emu), 0);
}

#[test]
fn regions_pick_their_endpoints() {
    let config = || ClientConfig::new().proxy(ProxySetting::Disabled);
    let cn = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config()).unwrap();
    assert_eq!(cn.base_url(), "https://api.meeting.huaweicloud.com");
    let intl = HuaweiClient::new("ap-southeast-1".parse().unwrap(), AccountAuth::None, config()).unwrap();
    assert_eq!(intl.base_url(), "https://api-intl.meeting.huaweicloud.com");
    let private = HuaweiClient::new(
        Region::CnNorth4,
        AccountAuth::None,
        config().base_url("https://meeting.corp.example/"),
    )
    .unwrap();
    assert_eq!(private.base_url(), "https://meeting.corp.example");
}

// ---------------------------------------------------------------- secrets

#[test]
fn secrets_never_show() {
    let emu = start();
    let hw = client(&emu, AccountAuth::app_id(HW_APP_ID, HW_APP_KEY, Some("bob".into()), None));
    let conf = hw.conference(CONF, password(HOST_PWD)).unwrap();
    let token = conf.control_token().unwrap();
    let access = hw.access_token().unwrap().unwrap();
    let given = hw.conference(CONF, ConferenceAuth::Token(token.clone())).unwrap();
    let prepared = given.prepare(&HostRole::apply(PARTICIPANT, HOST_PWD)).unwrap();
    let err = conf.apply_host(PARTICIPANT, "wrong-chair-do-not-print").unwrap_err();
    let acct = client(&emu, AccountAuth::account(HW_ACCOUNT, HW_PASSWORD));
    let texts = [
        format!("{hw:?}"),
        format!("{conf:?}"),
        format!("{given:?}"),
        format!("{acct:?}"),
        format!("{prepared:?}"),
        format!("{err:?} {err}"),
        format!("{token:?} {token} {access:?}"),
    ];
    for text in &texts {
        for secret in
            [HW_APP_KEY, HOST_PWD, HW_PASSWORD, token.expose(), access.expose(), "wrong-chair-do-not-print"]
        {
            assert!(!text.contains(secret), "{secret} leaked in {text}");
        }
    }
}

// ---------------------------------------------------------------- inviting people (a list argument)

#[test]
fn invite_calls_each_attendee_and_checks_every_one_before_sending() {
    use meetctl::huawei::Attendee;

    let emu = start();
    let conf = client(&emu, AccountAuth::None).conference(CONF, password(HOST_PWD)).unwrap();
    let before = conference_state(&emu, CONF)["participants"].as_array().unwrap().len();
    // A bad attendee anywhere in the list: nothing is sent, the error names it as written.
    let bad = [Attendee::new("Hana", "+8613800000009", "mobile"), Attendee::new("Ian", "", "terminal")];
    let e = conf.invite(&bad).unwrap_err();
    assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("attendees[1].number")));
    let e = conf.invite(&[Attendee::new("Hana", "+8613800000009", "fax")]).unwrap_err();
    assert_eq!(e.field(), Some("attendees[0].terminal_type"));
    assert_eq!(conf.invite(&[]).unwrap_err().field(), Some("attendees"));
    assert_eq!(conference_state(&emu, CONF)["participants"].as_array().unwrap().len(), before);

    let hana = Attendee::new("Hana", "+8613800000009", "mobile");
    let ian = Attendee::new("Ian", "sip:ian@example.com", "terminal").role(1).account_id("ian01");
    conf.invite(&[hana, ian]).unwrap();
    let people = conference_state(&emu, CONF)["participants"].as_array().unwrap().clone();
    let by_number = |n: &str| people.iter().find(|p| p["number"] == n).unwrap().clone();
    assert_eq!(
        (&by_number("+8613800000009")["name"], &by_number("+8613800000009")["removed"]),
        (&json!("Hana"), &json!(false))
    );
    assert_eq!(by_number("sip:ian@example.com")["role"], "host", "role 1 invites a host");

    // The wire: the vendor's keys, the declaration's order, optional fields only when given.
    let prepared = conf
        .prepare(&meetctl::huawei::ConferenceControl {
            operation: meetctl::huawei::HuaweiOperation::Invite,
            participant_ids: vec![],
            args: meetctl::Args::new().with("attendees", vec![Attendee::new("Jo", "1001", "normal").role(0)]),
        })
        .unwrap();
    assert_eq!(prepared.method, Method::Post);
    assert!(!prepared.safe_to_repeat, "inviting twice calls twice");
    assert!(prepared.url.ends_with(&format!("/v1/mmc/control/conferences/participants?conferenceID={CONF}")));
    assert_eq!(prepared.body, br#"{"attendees":[{"name":"Jo","phone":"1001","type":"normal","role":0}]}"#);
}
