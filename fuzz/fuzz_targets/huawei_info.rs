//! Huawei's `realTimeInfo` answer: who is host, co-host, and online.
//!
//! Asserts: it is read iff it is a JSON object (else a malformed-response error); the host is
//! `confInfo.chairID` when a non-empty string, the co-hosts every string of `confInfo.coHosts`;
//! exactly the entries with a non-empty string `pid` are kept, in order, each as received in
//! `raw`; each one's role is host iff its id is the host's, co-host iff listed (and not the
//! host), attendee otherwise; flags are `== 1` of integer fields and absent otherwise; name and
//! number are the entry's strings. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meetctl::ErrorKind;
use meetctl::huawei::{HuaweiConferenceInfo, HuaweiRole};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(answer) = serde_json::from_slice::<Value>(data) else { return };
    let info = match HuaweiConferenceInfo::from_json(answer.clone()) {
        Ok(info) => info,
        Err(e) => {
            assert!(!answer.is_object());
            assert_eq!(e.kind(), ErrorKind::MalformedResponse);
            return;
        }
    };
    assert!(answer.is_object());
    assert_eq!(info.raw, answer);
    let conf = answer.get("confInfo");
    let host = conf.and_then(|c| c.get("chairID")).and_then(Value::as_str).filter(|s| !s.is_empty());
    assert_eq!(info.host_id.as_deref(), host);
    let cohosts: Vec<&str> = conf
        .and_then(|c| c.get("coHosts"))
        .and_then(Value::as_array)
        .map(|ids| ids.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert_eq!(info.cohost_ids, cohosts);

    let entries: Vec<&Value> = answer
        .get("participants")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter(|e| e.get("pid").and_then(Value::as_str).is_some_and(|s| !s.is_empty()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(info.participants.len(), entries.len());
    for (p, entry) in info.participants.iter().zip(entries) {
        assert_eq!(&p.raw, entry);
        assert_eq!(Some(p.participant_id.as_str()), entry.get("pid").and_then(Value::as_str));
        let expected_role = if host == Some(p.participant_id.as_str()) {
            HuaweiRole::Host
        } else if cohosts.contains(&p.participant_id.as_str()) {
            HuaweiRole::Cohost
        } else {
            HuaweiRole::Attendee
        };
        assert_eq!(p.role, expected_role);
        let _ = p.role.name();
        let text = |k: &str| entry.get(k).and_then(Value::as_str);
        assert_eq!(p.name.as_deref(), text("name"));
        assert_eq!(p.number.as_deref(), text("phone"));
        let flag = |k: &str| entry.get(k).and_then(Value::as_i64).map(|v| v == 1);
        assert_eq!((p.audio_muted, p.video_on, p.hand_raised), (flag("mute"), flag("video"), flag("hand")));
    }
});
