//! Tencent request construction: any operation, meeting id, operator, targets, credentials and
//! named arguments through `TencentControl`, as the bindings build it.
//!
//! Input lines:
//! ```text
//! kick_out                         operation (name or number)
//! enterprise                       credentials: `oauth <open_id>` or anything else (AK/SK)
//! 1242152152161                    meeting id
//! ms_open_id 4 host-ms-open-id     operator: kind (userid/open_id/ms_open_id/uuid), device, id
//! {"allow_rejoin":false}           arguments (a JSON object; not JSON is none)
//! ms_open_id 2 bob-ms-open-id      targets, one per line
//! ```
//!
//! Asserts: either an invalid-argument error naming a field, or a request that is exactly the
//! table row with the inputs in place: the method; the path is the row's with the meeting id as
//! one segment that decodes back to exactly the id; the query decodes back to exactly the
//! operator and the arguments (or defaults); the body is JSON equal to the row's fields filled
//! with the operator, the targets and the arguments. A request is only built when every id is
//! valid, the id kinds, devices, target count and credentials are what the row accepts, and every
//! argument is one of the row's and obeys its rule. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meetctl::tencent::{
    IdKind, Slot, TargetRule, TencentCall, TencentControl, TencentCredentials, TencentOperation, TencentUser,
};
use meetctl::{Error, Field, Method};
use meetctl_fuzz::{
    args_line, assert_invalid, body_json, decode_component, decode_query, expected_wire, pick, query_text,
    scalar_json, text_lines,
};
use serde_json::{Map, Value, json};

fn user(role: &'static str, line: &str) -> Result<TencentUser, Error> {
    let (kind, rest) = line.split_once(' ').unwrap_or((line, ""));
    let (instance, id) = rest.split_once(' ').unwrap_or((rest, ""));
    let instance = instance.parse::<i64>().unwrap_or(-1);
    let id = Some(id);
    match kind {
        "userid" => TencentUser::from_parts(role, id, None, None, None, instance),
        "open_id" | "openid" => TencentUser::from_parts(role, None, id, None, None, instance),
        "uuid" => TencentUser::from_parts(role, None, None, None, id, instance),
        _ => TencentUser::from_parts(role, None, None, id, None, instance),
    }
}

/// `{"<id_key>":..,"<type_key>":N}` or `{"uuid":..}` into `object`.
fn put_id(object: &mut Map<String, Value>, who: &TencentUser, id_key: &str, type_key: &str) {
    match who.id.kind().type_code() {
        Some(code) => {
            object.insert(id_key.into(), json!(who.id.value()));
            object.insert(type_key.into(), json!(code));
        }
        None => {
            object.insert("uuid".into(), json!(who.id.value()));
        }
    }
}

fn target(who: &TencentUser) -> Value {
    let mut object = Map::new();
    put_id(&mut object, who, "to_operator_id", "to_operator_id_type");
    object.insert("instanceid".into(), json!(who.instance.code()));
    Value::Object(object)
}

/// Everything a built request implies about its inputs.
fn check_accepted(control: &TencentControl, credentials: &TencentCredentials) {
    let spec = control.operation.spec();
    if let TencentCredentials::OAuth(oauth) = credentials {
        assert!(spec.oauth, "OAuth accepted by {:?}", control.operation);
        let _ = oauth;
    }
    let valid_user = |who: &TencentUser, accepts: &[IdKind]| {
        let id = who.id.value();
        assert!(accepts.contains(&who.id.kind()), "{who:?} not in {accepts:?}");
        assert!(!id.is_empty() && id.chars().count() <= 256 && !id.chars().any(char::is_control), "{id:?}");
        if who.id.kind() == IdKind::MsOpenId {
            assert!((1..=8).contains(&who.instance.code()), "{who:?}");
        }
    };
    valid_user(&control.operator, spec.operator.accepts);
    if let (IdKind::OpenId, true) = (control.operator.id.kind(), spec.operator.acts) {
        match credentials {
            TencentCredentials::OAuth(oauth) => assert_eq!(oauth.open_id, control.operator.id.value()),
            _ => panic!("open_id operator accepted with AK/SK credentials"),
        }
    }
    match spec.targets {
        TargetRule::None => assert!(control.targets.is_empty()),
        TargetRule::One(accepts) => {
            assert_eq!(control.targets.len(), 1);
            valid_user(&control.targets[0], accepts);
        }
        TargetRule::Many(accepts) => {
            assert!(!control.targets.is_empty());
            control.targets.iter().for_each(|t| valid_user(t, accepts));
        }
    }
    let fields = spec.query.iter().chain(spec.body.unwrap_or(&[]));
    let params: Vec<_> = fields
        .flat_map(|f| match *f {
            Field::Arg(p) | Field::Slot(Slot::UsersWith(p)) => vec![p],
            Field::Slot(slot) => slot.params().to_vec(),
            _ => vec![],
        })
        .collect();
    for name in control.args.names() {
        assert!(params.iter().any(|p| p.name == name), "unknown argument {name:?} accepted");
    }
    if spec.at_least_one_arg {
        assert!(!control.args.is_empty());
    }
}

fuzz_target!(|data: &[u8]| {
    let lines = text_lines(data);
    let line = |i: usize| lines.get(i).map(String::as_str).unwrap_or("");
    let operation =
        pick(line(0), &TencentOperation::ALL, TencentOperation::from_name, TencentOperation::from_code);
    let credentials = match line(1).strip_prefix("oauth ") {
        Some(open_id) => TencentCredentials::oauth(open_id, "oauth-access-token"),
        None => TencentCredentials::enterprise("210000001", "AKIDfuzz", "secret-key", None),
    };
    let meeting_id = line(2);
    let built = (|| {
        let operator = user("operator", line(3))?;
        let args = args_line(lines.get(4))?;
        let targets = lines.iter().skip(5).map(|l| user("user", l)).collect::<Result<Vec<_>, _>>()?;
        let control = TencentControl::new(operation, meeting_id, operator).targets(targets).args(args);
        let request = control.to_request(&credentials);
        Ok::<_, Error>((control, request))
    })();
    let (control, request) = match built {
        Ok((control, Ok(request))) => (control, request),
        Ok((_, Err(e))) | Err(e) => return assert_invalid(&e),
    };
    check_accepted(&control, &credentials);
    let spec = operation.spec();
    assert_eq!(request.method, spec.method);

    // The path: the row's, with the meeting id as one segment that decodes back to it (or the
    // row's path as it is, for a row that carries the meeting in its body).
    match spec.path.split_once("{meeting_id}") {
        Some((before, after)) => {
            let segment = request
                .path
                .strip_prefix(before)
                .and_then(|rest| rest.strip_suffix(after))
                .unwrap_or_else(|| panic!("{:?} is not {:?}", request.path, spec.path));
            assert!(!segment.contains('/'), "{segment:?}");
            assert_eq!(decode_component(segment).as_deref(), Some(meeting_id), "{segment:?}");
        }
        None => {
            assert_eq!(request.path, spec.path);
            assert!(spec.body.unwrap_or(&[]).contains(&Field::Slot(Slot::MeetingId)), "{spec:?}");
        }
    }
    let path_ok = meetctl::fuzzing::validate_api_path(&request.path);
    assert!(
        path_ok.is_ok(),
        "meeting id {meeting_id:?} gave the invalid path {:?}: {path_ok:?}",
        request.path
    );

    // The query: exactly the row's fields.
    let mut query = Vec::new();
    for field in spec.query {
        match *field {
            Field::Fixed(key, s) => query.push((key.to_owned(), query_text(&scalar_json(s)))),
            Field::Arg(p) => {
                if let Some(v) = expected_wire(&p, &control.args) {
                    query.push((p.wire.to_owned(), query_text(&v)));
                }
            }
            Field::Slot(Slot::Operator) => {
                let code = control.operator.id.kind().type_code().unwrap_or(0);
                query.push(("operator_id".to_owned(), control.operator.id.value().to_owned()));
                query.push(("operator_id_type".to_owned(), code.to_string()));
            }
            Field::Slot(other) => panic!("{other:?} in a query"),
        }
    }
    assert!(meetctl::fuzzing::validate_query(&request.query).is_ok(), "{:?}", request.query);
    assert_eq!(decode_query(&request.query), Some(query), "{:?}", request.query);

    // The body: JSON equal to the row's fields with the inputs in place.
    let Some(fields) = spec.body else {
        assert!(request.body.is_empty());
        assert_eq!(request.method, Method::Get);
        return;
    };
    let mut body = Map::new();
    for field in fields {
        match *field {
            Field::Fixed(key, s) => {
                body.insert(key.into(), scalar_json(s));
            }
            Field::Arg(p) => {
                if let Some(v) = expected_wire(&p, &control.args) {
                    body.insert(p.wire.into(), v);
                }
            }
            Field::Slot(Slot::Operator) => {
                put_id(&mut body, &control.operator, "operator_id", "operator_id_type")
            }
            Field::Slot(Slot::Device(key)) => {
                body.insert(key.into(), json!(control.operator.instance.code()));
            }
            Field::Slot(Slot::User) => {
                body.insert("user".into(), target(&control.targets[0]));
            }
            Field::Slot(Slot::Users) => {
                body.insert("users".into(), control.targets.iter().map(target).collect());
            }
            Field::Slot(Slot::UsersWith(p)) => {
                let value = expected_wire(&p, &control.args);
                let users = control.targets.iter().map(|t| {
                    let mut o = Map::new();
                    o.insert("ms_open_id".into(), json!(t.id.value()));
                    o.insert("instanceid".into(), json!(t.instance.code()));
                    if let Some(v) = &value {
                        o.insert(p.wire.into(), v.clone());
                    }
                    Value::Object(o)
                });
                body.insert("users".into(), users.collect());
            }
            Field::Slot(Slot::MeetingId) => {
                body.insert("meeting_id".into(), json!(meeting_id));
            }
            Field::Slot(Slot::Room) => {
                // Exactly one was given (else the build failed): a room id as it is, an address
                // as `mra_address` with its protocol (SIP 1, H.323 2).
                let given: Vec<_> = Slot::Room
                    .params()
                    .iter()
                    .zip([0, 1, 2])
                    .filter_map(|(p, protocol)| expected_wire(p, &control.args).map(|v| (p, protocol, v)))
                    .collect();
                let [(param, protocol, value)] = given.as_slice() else {
                    panic!("built with {} of the room arguments", given.len())
                };
                if *protocol == 0 {
                    body.insert(param.wire.into(), value.clone());
                } else {
                    body.insert("mra_address".into(), json!({"protocol": protocol, param.wire: value}));
                }
            }
        }
    }
    assert_eq!(body_json(&request.body), Value::Object(body));
});
