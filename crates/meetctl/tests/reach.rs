//! Reaching people outside a Tencent meeting against the emulator: calling a meeting room or a
//! SIP/H.323 device in, its answer status and cancel; calling phones in and cancelling; releasing
//! the meeting's rooms. Each through its one declaration: validation before anything is sent,
//! the wire the vendor documents, the emulator's state, and retry safety on a gateway timeout.

use std::time::Duration;

use meetctl::tencent::{
    Instance, PhoneCall, PhoneNumber, TencentClient, TencentControl, TencentCredentials, TencentOperation,
    TencentUser,
};
use meetctl::{Args, ClientConfig, ErrorKind, Method, ProxySetting};
use meetctl_emulator::{Emulator, Fault, demo_scenario};
use serde_json::{Value, json};

const MEETING: &str = "1242152152161";
const ROOM: &str = "mr-101";
const CALLOUT: &str = "/v1/meeting/1242152152161/phone/callout";
const CANCELCALL: &str = "/v1/meeting/1242152152161/phone/cancelcall";
const ROOM_CALL: &str = "/v1/meeting-rooms/room-call";

fn client(emu: &Emulator) -> TencentClient {
    let creds = TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None);
    let config = ClientConfig::new()
        .base_url(emu.url())
        .proxy(ProxySetting::Disabled)
        .timeout(Duration::from_secs(10));
    TencentClient::new(creds, config).unwrap()
}

/// alice, the meeting's creator, by userid (these APIs take the operator by userid).
fn alice() -> TencentUser {
    TencentUser::userid("alice", Instance::Ios)
}

fn meeting(emu: &Emulator) -> Value {
    let state = emu.state();
    state["tencent"]["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["meeting_id"] == MEETING)
        .cloned()
        .unwrap()
}

fn calls(emu: &Emulator) -> Vec<Value> {
    meeting(emu)["calls"].as_array().unwrap().clone()
}

fn answer(emu: &Emulator, call_id: &str, joins: bool) {
    emu.admin(
        "POST",
        &format!("/_emulator/tencent/meetings/{MEETING}/calls/answer"),
        &json!({"call_id": call_id, "joins": joins}),
    )
    .unwrap();
}

fn room() -> Args {
    Args::new().with("meeting_room_id", ROOM)
}

fn listed(client: &TencentClient, name: &str) -> bool {
    client.participants(MEETING, &alice()).unwrap().iter().any(|p| p.user_name.as_deref() == Some(name))
}

#[test]
fn a_room_called_in_rings_joins_and_is_listed() {
    let emu = start();
    let c = client(&emu);
    let info = c.room_call_info(MEETING, &alice(), room()).unwrap();
    assert_eq!((info.status, info.status_name.as_str()), (1, "not_called"));
    let invite = c.room_call(MEETING, &alice(), room()).unwrap();
    assert_eq!(c.room_call_info(MEETING, &alice(), room()).unwrap().status_name, "ringing");
    // Calling again while it rings rings again, under the same invite id.
    assert_eq!(c.room_call(MEETING, &alice(), room()).unwrap(), invite);
    assert_eq!(calls(&emu)[0]["rung"], 2);
    answer(&emu, &invite, true);
    let info = c.room_call_info(MEETING, &alice(), room()).unwrap();
    assert_eq!((info.status_name.as_str(), info.response_time.len()), ("in_meeting", 19), "{info:?}");
    assert!(listed(&c, "Lobby room 101"), "the room is a member of the meeting now");
    // Cancelling a call already answered changes nothing.
    c.cancel_room_call(MEETING, &alice(), &invite, room()).unwrap();
    assert_eq!(c.room_call_info(MEETING, &alice(), room()).unwrap().status_name, "in_meeting");
    // Releasing the meeting's room: the room leaves and the booking is gone.
    let booked = |emu: &Emulator| {
        let c = client(emu);
        let page = c
            .request(
                Method::Get,
                "/v1/meeting-rooms/mr-101/meetings",
                &[("operator_id_type", "5"), ("instanceid", "1")],
                None,
            )
            .unwrap();
        page["meeting_info_list"].as_array().unwrap().iter().any(|m| m["meeting_id"] == MEETING)
    };
    assert!(booked(&emu));
    c.release_rooms(MEETING, &alice(), &[ROOM]).unwrap();
    assert!(!booked(&emu));
    assert_eq!(meeting(&emu)["released_rooms"], json!([ROOM]));
    assert!(!listed(&c, "Lobby room 101"));
    assert_eq!(c.room_call_info(MEETING, &alice(), room()).unwrap().status_name, "left");
    // Released already: safe to send again.
    c.release_rooms(MEETING, &alice(), &[ROOM]).unwrap();
}

#[test]
fn a_sip_call_is_cancelled_while_it_rings() {
    let emu = start();
    let c = client(&emu);
    let sip = || Args::new().with("sip_address", "sip:room@example.com");
    let invite = c.room_call(MEETING, &alice(), sip()).unwrap();
    assert_eq!(calls(&emu)[0]["target"], json!({"kind": "sip", "dial_string": "sip:room@example.com"}));
    c.cancel_room_call(MEETING, &alice(), &invite, sip()).unwrap();
    assert_eq!(calls(&emu)[0]["state"], "cancelled");
    // The vendor's status 5 is for meeting rooms only: a cancelled address reads "not called".
    assert_eq!(c.room_call_info(MEETING, &alice(), sip()).unwrap().status_name, "not_called");
    // Cancelling again is safe; the wrong invite id or target is the vendor's 190004.
    c.cancel_room_call(MEETING, &alice(), &invite, sip()).unwrap();
    let e = c.cancel_room_call(MEETING, &alice(), "invite-nope", sip()).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some("190004")), "{e}");
    let h323 = Args::new().with("h323_address", "10.1.2.3");
    let e = c.cancel_room_call(MEETING, &alice(), &invite, h323.clone()).unwrap_err();
    assert_eq!(e.code(), Some("190004"), "{e}");
    // An H.323 device rings unanswered for 60 seconds: no answer.
    c.room_call(MEETING, &alice(), h323.clone()).unwrap();
    emu.advance_clock(61);
    assert_eq!(c.room_call_info(MEETING, &alice(), h323).unwrap().status_name, "no_answer");
}

#[test]
fn who_may_call_as_the_vendor_says() {
    let emu = start();
    let c = client(&emu);
    // bob is an attendee: he may call a meeting room by its id, not an address.
    let bob = TencentUser::userid("bob", Instance::Mac);
    c.room_call(MEETING, &bob, room()).unwrap();
    let e = c.room_call(MEETING, &bob, Args::new().with("sip_address", "sip:x@example.com")).unwrap_err();
    assert_eq!(e.code(), Some("9042"), "{e}");
    // Calling phones and releasing rooms takes the creator, host or a co-host.
    let e = c.phone_callout(MEETING, &bob, &[PhoneCall::new(86, "13800000009")]).unwrap_err();
    assert_eq!(e.code(), Some("9042"), "{e}");
    let e = c.release_rooms(MEETING, &bob, &[ROOM]).unwrap_err();
    assert_eq!(e.code(), Some("9042"), "{e}");
    // carol, a co-host, may; by her ms_open_id as well (the call-out takes both).
    let carol = TencentUser::ms_open_id("msopenid-carol", Instance::Pc);
    c.phone_callout(MEETING, &carol, &[PhoneCall::new(86, "13800000009")]).unwrap();
    // A room not booked for the meeting, a room the enterprise lacks.
    let e = c.release_rooms(MEETING, &alice(), &["mr-999"]).unwrap_err();
    assert_eq!(e.code(), Some("190004"), "{e}");
    let e = c.room_call(MEETING, &alice(), Args::new().with("meeting_room_id", "mr-999")).unwrap_err();
    assert_eq!(e.code(), Some("190004"), "{e}");
    // OAuth 2.0 is refused before anything is sent.
    let oauth = TencentClient::new(
        TencentCredentials::oauth("oauth-open-id-1", "demo-oauth-token-1"),
        ClientConfig::new().base_url(emu.url()).proxy(ProxySetting::Disabled),
    )
    .unwrap();
    let before = emu.request_count();
    let e = oauth.room_call(MEETING, &alice(), room()).unwrap_err();
    assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("credentials")));
    assert_eq!(emu.request_count(), before);
}

#[test]
fn phones_are_called_answered_and_cancelled() {
    let emu = start();
    let c = client(&emu);
    let hana = PhoneCall::new(86, "13800000009").nick_name("Hana");
    let ivan = PhoneCall::new(86, "01012345678").extension_number("123");
    c.phone_callout(MEETING, &alice(), &[hana, ivan]).unwrap();
    let ids: Vec<Value> = calls(&emu).iter().map(|c| c["call_id"].clone()).collect();
    assert_eq!(ids, [json!("86-13800000009"), json!("86-01012345678-123")]);
    answer(&emu, "86-13800000009", true);
    assert!(listed(&c, "Hana"), "the phone joined under its nick name");
    let hana_in = c.participants(MEETING, &alice()).unwrap();
    let hana_in = hana_in.iter().find(|p| p.user_name.as_deref() == Some("Hana")).unwrap();
    assert_eq!(hana_in.instanceid, Some(0), "a phone is PSTN (instanceid 0)");
    // Cancelling both: the ringing one stops, the one in the meeting stays.
    let numbers =
        [PhoneNumber::new(86, "13800000009"), PhoneNumber::new(86, "01012345678").extension_number("123")];
    c.cancel_phone_callout(MEETING, &alice(), &numbers).unwrap();
    let states: Vec<Value> = calls(&emu).iter().map(|c| c["state"].clone()).collect();
    assert_eq!(states, [json!("joined"), json!("cancelled")]);
    c.cancel_phone_callout(MEETING, &alice(), &numbers).unwrap();
    // A number never called is refused, naming it.
    let e = c.cancel_phone_callout(MEETING, &alice(), &[PhoneNumber::new(1, "5551234")]).unwrap_err();
    assert_eq!(e.code(), Some("190004"), "{e}");
    // The one refused rings again when called again.
    c.phone_callout(MEETING, &alice(), &[PhoneCall::new(86, "01012345678").extension_number("123")]).unwrap();
    assert_eq!(calls(&emu)[1]["state"], "ringing");
    answer(&emu, "86-01012345678-123", false);
    assert_eq!(calls(&emu)[1]["state"], "refused");
}

#[test]
fn every_argument_is_checked_before_anything_is_sent() {
    let emu = start();
    let c = client(&emu);
    let before = emu.request_count();
    let field = |e: meetctl::Error| (e.kind(), e.field().map(str::to_owned));
    let invalid = |f: &str| (ErrorKind::InvalidArgument, Some(f.to_owned()));
    // What is called: exactly one of three.
    assert_eq!(field(c.room_call(MEETING, &alice(), Args::new()).unwrap_err()), invalid("meeting_room_id"));
    let two = room().with("h323_address", "10.0.0.1");
    assert_eq!(field(c.room_call(MEETING, &alice(), two).unwrap_err()), invalid("h323_address"));
    assert_eq!(
        field(c.room_call(MEETING, &alice(), Args::new().with("sip_address", "")).unwrap_err()),
        invalid("sip_address")
    );
    assert_eq!(field(c.room_call(MEETING, &alice(), room().with("dial", "x")).unwrap_err()), invalid("dial"));
    // The operator by userid only.
    let by_ms_open_id = TencentUser::ms_open_id("afagsagwags", Instance::Ios);
    assert_eq!(field(c.room_call(MEETING, &by_ms_open_id, room()).unwrap_err()), invalid("operator.id"));
    assert_eq!(field(c.cancel_room_call(MEETING, &alice(), "", room()).unwrap_err()), invalid("invite_id"));
    assert_eq!(
        field(c.room_call_info(MEETING, &alice(), Args::new()).unwrap_err()),
        invalid("meeting_room_id")
    );
    // Phones: each item's fields, named by index.
    assert_eq!(field(c.phone_callout(MEETING, &alice(), &[]).unwrap_err()), invalid("phone_numbers"));
    let bad = [PhoneCall::new(86, "13800000009"), PhoneCall::new(0, "13800000009")];
    assert_eq!(
        field(c.phone_callout(MEETING, &alice(), &bad).unwrap_err()),
        invalid("phone_numbers[1].area")
    );
    let bad = [PhoneCall::new(86, "+8613800000009")];
    assert_eq!(
        field(c.phone_callout(MEETING, &alice(), &bad).unwrap_err()),
        invalid("phone_numbers[0].phone")
    );
    let fifty_one: Vec<PhoneCall> = (0..51).map(|i| PhoneCall::new(86, format!("1380000{i:04}"))).collect();
    assert_eq!(field(c.phone_callout(MEETING, &alice(), &fifty_one).unwrap_err()), invalid("phone_numbers"));
    let carol = TencentUser::ms_open_id("msopenid-carol", Instance::Pc);
    let e = c.cancel_phone_callout(MEETING, &carol, &[PhoneNumber::new(86, "13800000009")]).unwrap_err();
    assert_eq!(field(e), invalid("operator.id"), "the cancel takes the operator by userid only");
    // Rooms to release: 1 to 50 ids, each named when bad.
    assert_eq!(field(c.release_rooms(MEETING, &alice(), &[]).unwrap_err()), invalid("meeting_room_ids"));
    assert_eq!(
        field(c.release_rooms(MEETING, &alice(), &[ROOM, ""]).unwrap_err()),
        invalid("meeting_room_ids[1]")
    );
    assert_eq!(emu.request_count(), before, "nothing was sent");
}

#[test]
fn the_wire_is_the_vendors() {
    let emu = start();
    let c = client(&emu);
    let body = |op: TencentOperation, args: Args| {
        let prepared = c.prepare(&TencentControl::new(op, MEETING, alice()).args(args)).unwrap();
        (prepared.method, prepared.url, prepared.safe_to_repeat, String::from_utf8(prepared.body).unwrap())
    };
    let (method, url, safe, sent) = body(TencentOperation::RoomCall, room());
    assert_eq!((method, safe), (Method::Put, false), "each call rings the room");
    assert!(url.ends_with("/v1/meeting-rooms/room-call"), "{url}");
    assert_eq!(
        sent,
        r#"{"operator_id":"alice","operator_id_type":1,"meeting_room_id":"mr-101","meeting_id":"1242152152161"}"#
    );
    let (_, _, safe, sent) = body(
        TencentOperation::CancelRoomCall,
        Args::new().with("invite_id", "i-1").with("h323_address", "10.0.0.1"),
    );
    assert!(safe);
    assert_eq!(
        sent,
        r#"{"operator_id":"alice","operator_id_type":1,"instance_id":4,"invite_id":"i-1","mra_address":{"protocol":2,"dial_string":"10.0.0.1"},"meeting_id":"1242152152161"}"#
    );
    let (method, _, safe, sent) =
        body(TencentOperation::RoomCallInfo, Args::new().with("sip_address", "sip:a@b"));
    assert_eq!((method, safe), (Method::Post, true));
    assert_eq!(
        sent,
        r#"{"operator_id":"alice","operator_id_type":1,"instance_id":4,"mra_address":{"protocol":1,"dial_string":"sip:a@b"},"meeting_id":"1242152152161"}"#
    );
    let (method, url, safe, sent) = body(
        TencentOperation::PhoneCallout,
        Args::new().with("phone_numbers", vec![PhoneCall::new(86, "13800000009").nick_name("Hana")]),
    );
    assert_eq!((method, safe), (Method::Post, false), "each call-out rings the phones");
    assert!(url.ends_with(CALLOUT), "{url}");
    assert_eq!(
        sent,
        r#"{"operator_id":"alice","operator_id_type":1,"phone_numbers":[{"area":86,"phone":"13800000009","nick_name":"Hana"}]}"#
    );
    let (_, url, safe, _) = body(
        TencentOperation::CancelPhoneCallout,
        Args::new().with("phone_numbers", vec![PhoneNumber::new(86, "13800000009")]),
    );
    assert!(safe && url.ends_with(CANCELCALL), "{url}");
    let (method, url, safe, sent) =
        body(TencentOperation::ReleaseRooms, Args::new().with("meeting_room_ids", vec![ROOM]));
    assert_eq!((method, safe), (Method::Post, true));
    assert!(url.ends_with("/v1/meetings/1242152152161/release-rooms"), "{url}");
    assert_eq!(sent, r#"{"operator_id":"alice","operator_id_type":1,"meeting_room_id_list":["mr-101"]}"#);
}

#[test]
fn a_call_out_is_not_repeated_on_a_gateway_timeout_and_a_cancel_is() {
    let emu = start();
    let c = client(&emu);
    // The gateway timed out: the phones may be ringing. Calling again would ring them twice.
    emu.inject(Fault::status(504).on_path(CALLOUT).times(1));
    let e = c.phone_callout(MEETING, &alice(), &[PhoneCall::new(86, "13800000009")]).unwrap_err();
    assert_eq!((e.status(), e.attempts()), (Some(504), 1), "{e}");
    assert_eq!(emu.statuses_at(CALLOUT), [504]);
    emu.inject(Fault::status(504).on_path(ROOM_CALL).times(1));
    let e = c.room_call(MEETING, &alice(), room()).unwrap_err();
    assert_eq!((e.status(), e.attempts()), (Some(504), 1), "{e}");
    assert_eq!(emu.statuses_at(ROOM_CALL), [504]);
    // Cancelling is safe to repeat: sent again, and it succeeds.
    c.phone_callout(MEETING, &alice(), &[PhoneCall::new(86, "13800000009")]).unwrap();
    emu.inject(Fault::status(504).on_path(CANCELCALL).times(1));
    c.cancel_phone_callout(MEETING, &alice(), &[PhoneNumber::new(86, "13800000009")]).unwrap();
    assert_eq!(emu.statuses_at(CANCELCALL), [504, 200]);
    assert_eq!(calls(&emu)[0]["state"], "cancelled");
}

fn start() -> Emulator {
    Emulator::start(demo_scenario()).unwrap()
}
