//! Tencent's participant listing (`real-time-participants`) and `ms-open-id` answers.
//!
//! Input: an optional first line with the page number asked for (default 1), then the JSON answer.
//!
//! Asserts: a page is read iff the answer is an object whose `participants` is absent, null or a
//! list (else a malformed-response error); it keeps every entry, in order, each as received in
//! `raw`; "more pages" is exactly `entries and page < total_page`; every field of a participant is
//! what its entry says (ids only when non-empty strings, a role only for codes 0-7, a device only
//! from the table, flags only when booleans) and it is a control target iff it has an ms_open_id
//! and a known device. The ms_open_id reader returns exactly a non-empty `ms_open_id` string or a
//! malformed-response error. Never a panic.
#![no_main]

use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use meetctl::ErrorKind;
use meetctl::tencent::{Instance, TencentParticipant, TencentRole, TencentUser};
use meetctl_fuzz::leading_number;
use serde_json::Value;

fn check_participant(p: &TencentParticipant, entry: &Value) {
    assert_eq!(&p.raw, entry);
    let text = |k: &str| entry.get(k).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_owned);
    assert_eq!(p.ms_open_id, text("ms_open_id"));
    assert_eq!(p.userid, text("userid"));
    assert_eq!(p.open_id, text("open_id"));
    // Decoded from base64 when it is base64 of UTF-8, else kept as sent; never invented.
    let name = text("user_name").map(|sent| {
        base64::engine::general_purpose::STANDARD
            .decode(&sent)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or(sent)
    });
    assert_eq!(p.user_name, name);
    let instanceid = entry.get("instanceid").and_then(Value::as_i64);
    assert_eq!(p.instanceid, instanceid);
    let instance = instanceid.and_then(|c| Instance::ALL.into_iter().find(|i| i64::from(i.code()) == c));
    assert_eq!(p.instance, instance);
    let role_code = entry.get("user_role").and_then(Value::as_i64).filter(|c| (0..=7).contains(c));
    assert_eq!(p.role.map(TencentRole::code), role_code);
    if let Some(role) = p.role {
        assert_eq!(TencentRole::from_code(role.code()), Some(role));
        assert!(!(role.is_host() && role.is_cohost()));
        let _ = role.name();
    }
    let flag = |k: &str| entry.get(k).and_then(Value::as_bool);
    assert_eq!(p.audio_muted, flag("audio_state").map(|on| !on));
    assert_eq!(p.video_on, flag("video_state"));
    assert_eq!(p.sharing_screen, flag("screen_shared_state"));
    let expected_user = match (&p.ms_open_id, p.instance) {
        (Some(id), Some(i)) => Some(TencentUser::ms_open_id(id.clone(), i)),
        _ => None,
    };
    assert_eq!(p.as_user(), expected_user);
}

fuzz_target!(|data: &[u8]| {
    let (page, json) = leading_number(data, 1);
    let Ok(answer) = serde_json::from_slice::<Value>(json) else { return };

    let result = meetctl::fuzzing::tencent_participant_page(answer.clone(), page);
    let entries = match answer.get("participants") {
        _ if !answer.is_object() => None,
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::Array(list)) => Some(list.clone()),
        Some(_) => None,
    };
    match (result, entries) {
        (Ok((participants, more)), Some(entries)) => {
            assert_eq!(participants.len(), entries.len());
            for (p, entry) in participants.iter().zip(&entries) {
                check_participant(p, entry);
                // The public reader agrees with the page reader.
                assert_eq!(&TencentParticipant::from_json(entry.clone()), p);
            }
            let total_page = answer.get("total_page").and_then(Value::as_i64).unwrap_or(page);
            assert_eq!(more, !entries.is_empty() && page < total_page);
        }
        (Err(e), None) => assert_eq!(e.kind(), ErrorKind::MalformedResponse, "{e:?}"),
        (got, expected) => panic!("got {got:?}, expected entries {expected:?}"),
    }

    let expected = answer.get("ms_open_id").and_then(Value::as_str).filter(|s| !s.is_empty());
    match (meetctl::fuzzing::tencent_ms_open_id(&answer), expected) {
        (Ok(got), Some(expected)) => assert_eq!(got, expected),
        (Err(e), None) => assert_eq!(e.kind(), ErrorKind::MalformedResponse),
        (got, expected) => panic!("got {got:?}, expected {expected:?}"),
    }
});
