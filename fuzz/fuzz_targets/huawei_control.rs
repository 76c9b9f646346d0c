//! Huawei request construction: any operation, conference id, participant ids and named
//! arguments through `ConferenceControl`; `HostRole`; and the token requests (control token, App
//! ID and account authentication).
//!
//! Input lines, by the first one:
//! ```text
//! mute | 3 | … (an operation)   host_role             token_request      app_auth          account
//! conference id                 conference id         conference id      app id            account
//! {"arguments":"as JSON"}       participant id        password           app key           password
//! participant ids, one a line   [chairman password]   [access token]     [user id]
//!                                                     [nonce]            [corp id]
//!                                                                        [now (s)] [nonce]
//! ```
//!
//! Asserts: either an invalid-argument error naming a field, or a request that is exactly what
//! the inputs say: the row's method and path; a query that decodes back to exactly `conferenceID`
//! (unless the row names no conference), `participantID` for per-participant rows and, for rows
//! whose fields go in the query, those fields (then no body); a JSON body equal to the row's fields with the
//! participant ids and arguments in place; `HostRole`'s `applyChair`/`chairmanPwd`; the token
//! requests' headers and bodies carry exactly the inputs (App ID body: the signed values; account:
//! HTTP Basic of `account:password`). A request is only built when the participant count and ids
//! and every argument obey the row. Never a panic.
#![no_main]

use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use meetctl::huawei::{
    AccountPassword, AppIdAuth, ConferenceControl, HostRole, HuaweiCall, HuaweiOperation, HuaweiSlot,
    ParticipantRule,
};
use meetctl::{Field, HttpRequest, Secret};
use meetctl_fuzz::{
    args_line, assert_invalid, body_json, decode_query, expected_wire, pick, scalar_json, text_lines,
};
use serde_json::{Map, Value, json};

fn id_ok(id: &str) -> bool {
    !id.is_empty() && id.chars().count() <= 256 && !id.chars().any(char::is_control)
}

/// A scalar as a query writes it (`1`, `true`, the text itself).
fn wire_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn query_is(request: &HttpRequest, pairs: &[(&str, &str)]) {
    let expected: Vec<(String, String)> =
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    assert!(meetctl::fuzzing::validate_query(&request.query).is_ok(), "{:?}", request.query);
    assert_eq!(decode_query(&request.query), Some(expected), "{:?}", request.query);
}

fn control(lines: &[String]) {
    let operation =
        pick(&lines[0], &HuaweiOperation::ALL, HuaweiOperation::from_name, HuaweiOperation::from_code);
    let conference_id = lines.get(1).map(String::as_str).unwrap_or("");
    let args = match args_line(lines.get(2)) {
        Ok(args) => args,
        Err(e) => return assert_invalid(&e),
    };
    let ids: Vec<String> = lines.iter().skip(3).cloned().collect();
    let control = ConferenceControl::new(operation).participants(ids.clone()).args(args.clone());
    let request = match control.to_request(conference_id) {
        Ok(r) => r,
        Err(e) => return assert_invalid(&e),
    };
    let spec = operation.spec();
    assert_eq!((request.method, request.path.as_str()), (spec.method, spec.path));

    // Participants as the row takes them.
    match spec.participants {
        ParticipantRule::None => assert!(ids.is_empty()),
        ParticipantRule::Query | ParticipantRule::Body(_) => assert_eq!(ids.len(), 1),
        ParticipantRule::BodyUnless(_, flag) => {
            let all = args.get(flag).and_then(Value::as_bool) == Some(true);
            assert_eq!(ids.len(), usize::from(!all), "{ids:?} with {flag}={all}");
        }
        ParticipantRule::List(_) => assert!(!ids.is_empty()),
    }
    assert!(ids.iter().all(|id| id_ok(id)), "{ids:?}");

    let fields = spec.body.unwrap_or(&[]);
    for name in args.names() {
        let known = fields.iter().any(|f| matches!(f, Field::Arg(p) if p.name == name));
        assert!(known, "unknown argument {name:?} accepted");
    }
    if spec.at_least_one_arg {
        assert!(!args.is_empty());
    }

    let mut query = Vec::new();
    query.push(("conferenceID", conference_id.to_owned()));
    if spec.participants == ParticipantRule::Query {
        query.push(("participantID", ids[0].clone()));
    }
    if spec.fields_in_query {
        // The row's fields are query pairs after conferenceID; nothing goes in a body.
        for field in spec.body.unwrap_or(&[]) {
            match *field {
                Field::Fixed(key, s) => query.push((key, wire_text(&scalar_json(s)))),
                Field::Arg(p) => {
                    if let Some(v) = expected_wire(&p, &args) {
                        query.push((p.wire, wire_text(&v)));
                    }
                }
                Field::Slot(HuaweiSlot::Participant(key)) => {
                    if let Some(id) = ids.first() {
                        query.push((key, id.clone()));
                    }
                }
                Field::Slot(HuaweiSlot::Participants(key)) => {
                    query.extend(ids.iter().map(|id| (key, id.clone())));
                }
                Field::Slot(HuaweiSlot::ConferenceId(key)) => query.push((key, conference_id.to_owned())),
            }
        }
    }
    let pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
    query_is(&request, &pairs);
    if spec.fields_in_query {
        return assert!(request.body.is_empty());
    }

    let Some(fields) = spec.body else { return assert!(request.body.is_empty()) };
    let mut body = Map::new();
    for field in fields {
        match *field {
            Field::Fixed(key, s) => {
                body.insert(key.into(), scalar_json(s));
            }
            Field::Arg(p) => {
                if let Some(v) = expected_wire(&p, &args) {
                    body.insert(p.wire.into(), v);
                }
            }
            Field::Slot(HuaweiSlot::Participant(key)) => {
                if let Some(id) = ids.first() {
                    body.insert(key.into(), json!(id));
                }
            }
            Field::Slot(HuaweiSlot::Participants(key)) => {
                body.insert(key.into(), json!(ids));
            }
            Field::Slot(HuaweiSlot::ConferenceId(key)) => {
                body.insert(key.into(), json!(conference_id));
            }
        }
    }
    assert_eq!(body_json(&request.body), Value::Object(body));
}

fn host_role(lines: &[String]) {
    let conference_id = lines.get(1).map(String::as_str).unwrap_or("");
    let participant = lines.get(2).cloned().unwrap_or_default();
    let password = lines.get(3);
    let role = match password {
        Some(p) => HostRole::apply(participant.clone(), p.as_str()),
        None => HostRole::relinquish(participant.clone()),
    };
    let request = match role.to_request(conference_id) {
        Ok(r) => r,
        Err(e) => return assert_invalid(&e),
    };
    assert!(id_ok(&participant));
    assert_eq!(request.path, "/v1/mmc/control/conferences/participants/role");
    query_is(&request, &[("conferenceID", conference_id), ("participantID", &participant)]);
    let expected = match password {
        Some(p) => {
            assert!(!p.is_empty() && p.len() <= 4096 && !p.chars().any(char::is_control));
            json!({"applyChair": 1, "chairmanPwd": p})
        }
        None => json!({"applyChair": 0}),
    };
    assert_eq!(body_json(&request.body), expected);
}

fn token_request(lines: &[String]) {
    let get = |i: usize| lines.get(i).map(String::as_str);
    let conference_id = get(1).unwrap_or("");
    let password = Secret::new(get(2).unwrap_or(""));
    let access = get(3).map(Secret::new);
    let nonce = get(4).unwrap_or("");
    let request =
        meetctl::fuzzing::huawei_control_token_request(conference_id, &password, access.as_ref(), nonce);
    assert_eq!(request.path, "/v1/mmc/control/conferences/token");
    query_is(&request, &[("conferenceID", conference_id)]);
    assert_eq!(request.header("X-Password"), Some(password.expose()));
    assert_eq!(request.header("X-Login-Type"), Some("1"));
    assert_eq!(request.header("X-Nonce"), Some(nonce));
    assert_eq!(request.header("X-Access-Token"), access.as_ref().map(Secret::expose));
    assert!(request.body.is_empty());
}

fn app_auth(lines: &[String]) {
    let get = |i: usize| lines.get(i).cloned();
    let auth = AppIdAuth {
        app_id: get(1).unwrap_or_default(),
        app_key: Secret::new(get(2).unwrap_or_default()),
        user_id: get(3),
        corp_id: get(4),
    };
    // The clock's range: 0 to the year 9999 (a clock cannot say more; the sum would overflow).
    let now = get(5)
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or(1_700_000_000)
        .rem_euclid(253_402_300_800);
    let nonce = get(6).unwrap_or_default();
    let request = match meetctl::fuzzing::huawei_app_auth_request(&auth, now, &nonce) {
        Ok(r) => r,
        Err(e) => return assert_invalid(&e),
    };
    assert_eq!(request.path, "/v2/usg/acs/auth/appauth");
    let mut body = json!({
        "appId": auth.app_id,
        "userId": auth.user_id.clone().unwrap_or_default(),
        "expireTime": now + 600,
        "nonce": nonce,
        "clientType": 72,
    });
    if let Some(corp) = &auth.corp_id {
        body["corpId"] = json!(corp);
    }
    assert_eq!(body_json(&request.body), body);
    let access = base64::engine::general_purpose::STANDARD.encode(&auth.app_id);
    let authorization = request.header("Authorization").expect("signed");
    let signature = authorization
        .strip_prefix("HMAC-SHA256 signature=")
        .and_then(|rest| rest.strip_suffix(&format!(",access={access}")))
        .unwrap_or_else(|| panic!("{authorization:?}"));
    assert!(signature.len() == 64 && signature.bytes().all(|b| b.is_ascii_hexdigit()), "{signature:?}");
}

fn account(lines: &[String]) {
    let auth = AccountPassword {
        account: lines.get(1).cloned().unwrap_or_default(),
        password: Secret::new(lines.get(2).cloned().unwrap_or_default()),
    };
    let request = match meetctl::fuzzing::huawei_account_request(&auth) {
        Ok(r) => r,
        Err(e) => return assert_invalid(&e),
    };
    assert_eq!(request.path, "/v1/usg/acs/auth/account");
    let basic = base64::engine::general_purpose::STANDARD.encode(format!(
        "{}:{}",
        auth.account,
        auth.password.expose()
    ));
    assert_eq!(request.header("Authorization"), Some(format!("Basic {basic}").as_str()));
    assert_eq!(body_json(&request.body), json!({"account": auth.account, "clientType": 72}));
}

fuzz_target!(|data: &[u8]| {
    let lines = text_lines(data);
    match lines[0].trim() {
        "host_role" => host_role(&lines),
        "token_request" => token_request(&lines),
        "app_auth" => app_auth(&lines),
        "account" => account(&lines),
        _ => control(&lines),
    }
});
