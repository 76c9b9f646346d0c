//! The vendor-neutral `invite` and `cancel_invite` against the emulator: a phone, a SIP or H.323
//! address, or a Tencent Rooms device called into a Tencent meeting and a Huawei conference, the
//! call stopped again, bad input refused before anything is sent, and an invitation never
//! repeated on a gateway timeout (each would ring again).

use std::time::Duration;

use meetctl::huawei::{AccountAuth, ConferenceAuth, HuaweiClient, Region};
use meetctl::tencent::{Instance, TencentClient, TencentCredentials, TencentUser};
use meetctl::{Args, ClientConfig, ErrorKind, Meeting, MeetingOperation, ProxySetting, Secret, Vendor};
use meetctl_emulator::{Emulator, Fault, demo_scenario};
use serde_json::{Value, json};

const TENCENT_MEETING: &str = "1242152152161";
const CONFERENCE: &str = "914083136";
const CALLOUT: &str = "/v1/meeting/1242152152161/phone/callout";
const HUAWEI_INVITE: &str = "/v1/mmc/control/conferences/participants";

fn config(emu: &Emulator) -> ClientConfig {
    ClientConfig::new().base_url(emu.url()).proxy(ProxySetting::Disabled).timeout(Duration::from_secs(5))
}

/// The demo's Tencent meeting operated by its creator alice (by userid), or the demo's Huawei
/// conference opened by its host.
fn meeting(emu: &Emulator, vendor: Vendor) -> Meeting {
    match vendor {
        Vendor::Tencent => {
            let creds =
                TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None);
            let client = TencentClient::new(creds, config(emu)).unwrap();
            Meeting::tencent(client, TENCENT_MEETING, TencentUser::userid("alice", Instance::Ios)).unwrap()
        }
        Vendor::Huawei => {
            let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(emu)).unwrap();
            Meeting::huawei(
                client.conference(CONFERENCE, ConferenceAuth::Password(Secret::new("157599"))).unwrap(),
            )
        }
    }
}

fn tencent_calls(emu: &Emulator) -> Vec<Value> {
    let state = emu.state();
    let meetings = state["tencent"]["meetings"].as_array().unwrap();
    let m = meetings.iter().find(|m| m["meeting_id"] == TENCENT_MEETING).unwrap();
    m["calls"].as_array().unwrap().clone()
}

fn conference(emu: &Emulator) -> Value {
    let state = emu.state();
    let list = state["huawei"]["conferences"].as_array().unwrap();
    list.iter().find(|c| c["conference_id"] == CONFERENCE).unwrap().clone()
}

/// The Huawei member with this number, if any.
fn member(emu: &Emulator, number: &str) -> Option<Value> {
    conference(emu)["participants"].as_array().unwrap().iter().find(|p| p["number"] == number).cloned()
}

fn answer(emu: &Emulator, call_id: &str) {
    emu.admin(
        "POST",
        &format!("/_emulator/tencent/meetings/{TENCENT_MEETING}/calls/answer"),
        &json!({"call_id": call_id, "joins": true}),
    )
    .unwrap();
}

#[test]
fn tencent_calls_a_phone_and_a_sip_device_in_and_stops_them() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let m = meeting(&emu, Vendor::Tencent);
    assert!(m.supports(MeetingOperation::Invite) && m.supports(MeetingOperation::CancelInvite));
    // A phone rings (the call-out), answers and joins under the name given.
    m.invite(Args::new().with("phone", "13800000009").with("name", "Hana")).unwrap();
    let calls = tencent_calls(&emu);
    assert_eq!((&calls[0]["call_id"], &calls[0]["state"]), (&json!("86-13800000009"), &json!("ringing")));
    answer(&emu, "86-13800000009");
    assert!(m.participants().unwrap().iter().any(|p| p.name.as_deref() == Some("Hana")));
    // Another phone, elsewhere, is called and cancelled while it rings.
    m.invite(Args::new().with("phone", "5550100").with("country_code", 1)).unwrap();
    m.cancel_invite(Args::new().with("phone", "5550100").with("country_code", 1)).unwrap();
    assert_eq!(tencent_calls(&emu)[1]["call_id"], "1-5550100");
    assert_eq!(tencent_calls(&emu)[1]["state"], "cancelled");
    // A SIP device: the room call, cancelled with the invite id this meeting kept.
    let sip = || Args::new().with("sip_address", "sip:room@example.com");
    m.invite(sip()).unwrap();
    assert_eq!(
        tencent_calls(&emu)[2]["target"],
        json!({"kind": "sip", "dial_string": "sip:room@example.com"})
    );
    m.clone().cancel_invite(sip()).unwrap();
    assert_eq!(tencent_calls(&emu)[2]["state"], "cancelled");
    // Cancelled already: no call of this meeting to that address is known; nothing is sent.
    let before = emu.request_count();
    let e = m.cancel_invite(sip()).unwrap_err();
    assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("sip_address")), "{e}");
    assert_eq!(emu.request_count(), before);
    // A meeting room by its id rings too.
    m.invite(Args::new().with("meeting_room_id", "mr-101")).unwrap();
    assert_eq!(tencent_calls(&emu)[3]["state"], "ringing");
}

#[test]
fn huawei_invites_a_phone_and_a_sip_device_and_takes_them_off_again() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let m = meeting(&emu, Vendor::Huawei);
    m.invite(Args::new().with("phone", "13800000009").with("name", "Hana")).unwrap();
    let hana = member(&emu, "+8613800000009").expect("the phone was called in as +86…");
    assert_eq!(hana["name"], "Hana");
    assert!(m.participants().unwrap().iter().any(|p| p.name.as_deref() == Some("Hana")));
    // She answered (the emulator's invitees do at once): cancelling takes her off and out.
    m.cancel_invite(Args::new().with("phone", "13800000009")).unwrap();
    assert!(!m.participants().unwrap().iter().any(|p| p.name.as_deref() == Some("Hana")));
    assert!(conference(&emu)["removed_attendees"].as_array().unwrap().contains(&json!("+8613800000009")));
    // A SIP device is invited as a hardware terminal named by its address.
    m.invite(Args::new().with("sip_address", "sip:room@example.com")).unwrap();
    let room = member(&emu, "sip:room@example.com").unwrap();
    assert_eq!((&room["name"], &room["terminal"]), (&json!("sip:room@example.com"), &json!(true)));
    // A Tencent Rooms id means nothing to Huawei: refused, nothing sent.
    let before = emu.request_count();
    let e = m.invite(Args::new().with("meeting_room_id", "mr-101")).unwrap_err();
    assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("meeting_room_id")), "{e}");
    assert_eq!(emu.request_count(), before);
}

#[test]
fn bad_input_is_refused_before_anything_is_sent_on_both_vendors() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    for vendor in [Vendor::Tencent, Vendor::Huawei] {
        let m = meeting(&emu, vendor);
        let before = emu.request_count();
        let cases = [
            (Args::new(), "phone"),
            (Args::new().with("phone", "13800000009").with("sip_address", "sip:a@b"), "sip_address"),
            (Args::new().with("phone", "138-0000"), "phone"),
            (Args::new().with("phone", "13800000009").with("country_code", 0), "country_code"),
            (Args::new().with("h323_address", ""), "h323_address"),
            (Args::new().with("sip_address", "sip:a@b").with("name", "a\u{7}b"), "name"),
            (Args::new().with("sip_address", "sip:a@b").with("email", "x"), "email"),
        ];
        for (args, field) in cases {
            let e = m.invite(args.clone()).unwrap_err();
            assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field)), "{vendor:?}: {e}");
        }
        let e = m.cancel_invite(Args::new().with("name", "x").with("phone", "1234")).unwrap_err();
        assert_eq!(e.field(), Some("name"), "{vendor:?}: cancel takes no name: {e}");
        // Tencent's call-out allows nick names of 20 characters at most: its row says so.
        if vendor == Vendor::Tencent {
            let e =
                m.invite(Args::new().with("phone", "13800000009").with("name", "x".repeat(21))).unwrap_err();
            assert_eq!(e.field(), Some("name"), "{e}");
        }
        assert_eq!(emu.request_count(), before, "{vendor:?}: nothing was sent");
    }
}

#[test]
fn an_invitation_is_not_repeated_after_a_gateway_timeout() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    for (vendor, path) in [(Vendor::Tencent, CALLOUT), (Vendor::Huawei, HUAWEI_INVITE)] {
        let m = meeting(&emu, vendor);
        emu.inject(Fault::status(504).on_path(path).times(1));
        let e = m.invite(Args::new().with("phone", "13800000007")).unwrap_err();
        assert_eq!((e.status(), e.attempts()), (Some(504), 1), "{vendor:?}: {e}");
        assert_eq!(emu.statuses_at(path), [504], "{vendor:?}: sent once");
    }
}
