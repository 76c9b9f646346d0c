//! Huawei's `attendees/delete` (take attendees off the invitation list) and
//! `participants/share/invite` (ask a participant to share the screen, or withdraw it) against the
//! emulator's demo scenario: each call's effect, the wire as the vendor documents it, validation
//! before anything is sent, the vendor's refusals, and which are repeated after a 504.

mod demo_conference;

use demo_conference::*;
use meetctl::huawei::{
    AccountAuth, AttendeeNumber, ConferenceAuth, ConferenceControl, HuaweiClient, HuaweiOperation, Region,
};
use meetctl::{Args, ErrorKind, Secret};
use meetctl_emulator::{Emulator, Fault, demo_scenario};
use serde_json::json;

const BOB_NUMBER: &str = "+8613800000002";
const CAROL_NUMBER: &str = "+8613800000003";
const DORA: &str = "p-dora";
const DORA_NUMBER: &str = "+8613800000004";

#[test]
fn remove_attendees_takes_them_off_the_list_and_out() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    assert_eq!(conf_state(&emu)["removed_attendees"], json!([]));
    // Carol left (hung up): her number alone takes her off the list.
    conf.hang_up(&[CAROL]).unwrap();
    conf.remove_attendees(&[
        AttendeeNumber::new(BOB_NUMBER).participant_id(BOB),
        AttendeeNumber::new(CAROL_NUMBER),
    ])
    .unwrap();
    assert_eq!(conf_state(&emu)["removed_attendees"], json!([BOB_NUMBER, CAROL_NUMBER]));
    assert_eq!(pid(&emu, BOB)["removed"], true, "a joined attendee leaves");

    // Off the list already: the vendor's "no such participant"; nothing changes.
    let e = conf.remove_attendees(&[AttendeeNumber::new(BOB_NUMBER)]).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some("MMC.111071011")), "{e}");
    // Dora has joined: her participant id is required, and must be hers.
    let e = conf.remove_attendees(&[AttendeeNumber::new(DORA_NUMBER)]).unwrap_err();
    assert_eq!(e.code(), Some("MMC.111070001"), "{e}");
    let e = conf.remove_attendees(&[AttendeeNumber::new(DORA_NUMBER).participant_id(BOB)]).unwrap_err();
    assert_eq!(e.code(), Some("MMC.111071011"), "{e}");
    assert_eq!(pid(&emu, DORA)["removed"], false);

    // Invited again, Bob is back on the list and in the conference.
    conf.invite(&[meetctl::huawei::Attendee::new("Bob", BOB_NUMBER, "mobile")]).unwrap();
    assert_eq!(conf_state(&emu)["removed_attendees"], json!([CAROL_NUMBER]));
    assert_eq!(pid(&emu, BOB)["removed"], false);
}

#[test]
fn share_invitation_and_its_withdrawal() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    assert_eq!(pid(&emu, BOB)["share_invited"], false);
    conf.invite_to_share(BOB).unwrap();
    assert_eq!(pid(&emu, BOB)["share_invited"], true);
    conf.cancel_share_invitation(BOB).unwrap();
    assert_eq!(pid(&emu, BOB)["share_invited"], false);
    let e = conf.invite_to_share("p-fay").unwrap_err();
    assert_eq!(e.code(), Some("MMC.111071011"), "in the waiting room: {e}");
}

#[test]
fn a_guest_token_may_not_and_bad_input_is_refused_before_io() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let guest = conference(&emu, GUEST_PASSWORD);
    for e in [
        guest.invite_to_share(BOB).unwrap_err(),
        guest.remove_attendees(&[AttendeeNumber::new(BOB_NUMBER).participant_id(BOB)]).unwrap_err(),
    ] {
        assert_eq!((e.kind(), e.code()), (ErrorKind::PermissionDenied, Some("MMC.111070002")), "{e}");
    }
    assert_eq!(pid(&emu, BOB)["removed"], false);

    let conf = conference(&emu, HOST_PASSWORD);
    let control = ConferenceControl::new;
    let long = "9".repeat(128);
    let cases = [
        (control(HuaweiOperation::RemoveAttendees), "attendees"),
        (
            control(HuaweiOperation::RemoveAttendees).args(Args::new().with("attendees", json!([]))),
            "attendees",
        ),
        (
            control(HuaweiOperation::RemoveAttendees).args(Args::new().with("attendees", json!([{}]))),
            "attendees[0].number",
        ),
        (
            control(HuaweiOperation::RemoveAttendees)
                .args(Args::new().with("attendees", json!([{"number": long}]))),
            "attendees[0].number",
        ),
        (
            control(HuaweiOperation::RemoveAttendees)
                .participant(BOB)
                .args(Args::new().with("attendees", json!([{"number": BOB_NUMBER}]))),
            "participant_id",
        ),
        (control(HuaweiOperation::InviteToShare), "participant_id"),
        (control(HuaweiOperation::CancelShareInvitation).participants([BOB, DORA]), "participant_id"),
        (
            control(HuaweiOperation::InviteToShare).participant(BOB).args(Args::new().with("share", 1)),
            "share",
        ),
    ];
    let before = request_count(&emu);
    for (c, field) in cases {
        let op = c.operation;
        let e = conf.call(&c).unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field)), "{op:?}: {e}");
    }
    assert_eq!(request_count(&emu), before, "nothing was sent");
}

#[test]
fn the_wire_as_the_vendor_documents_it() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    let wire = |c: ConferenceControl| {
        let p = conf.prepare(&c).unwrap();
        let uri = p.url.split_once("/v1/mmc/control/conferences/").map(|(_, rest)| rest.to_owned()).unwrap();
        (p.method.to_string(), uri, String::from_utf8(p.body.clone()).unwrap(), p.safe_to_repeat)
    };
    let q = format!("?conferenceID={CONFERENCE}");
    let attendees =
        vec![AttendeeNumber::new(BOB_NUMBER).participant_id(BOB), AttendeeNumber::new(CAROL_NUMBER)];
    assert_eq!(
        wire(
            ConferenceControl::new(HuaweiOperation::RemoveAttendees)
                .args(Args::new().with("attendees", attendees))
        ),
        (
            "POST".to_owned(),
            format!("attendees/delete{q}"),
            format!(
                r#"{{"bulkDelAttendInfo":[{{"number":"{BOB_NUMBER}","participantID":"{BOB}"}},{{"number":"{CAROL_NUMBER}"}}]}}"#
            ),
            false
        )
    );
    assert_eq!(
        wire(ConferenceControl::new(HuaweiOperation::InviteToShare).participant(BOB)),
        (
            "PUT".to_owned(),
            format!("participants/share/invite{q}&participantID={BOB}"),
            r#"{"share":1}"#.to_owned(),
            false
        )
    );
    assert_eq!(
        wire(ConferenceControl::new(HuaweiOperation::CancelShareInvitation).participant(BOB)),
        (
            "PUT".to_owned(),
            format!("participants/share/invite{q}&participantID={BOB}"),
            r#"{"share":0}"#.to_owned(),
            true
        )
    );
}

#[test]
fn after_a_504_only_the_withdrawal_is_sent_again() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    conf.control_token().unwrap();
    const SHARE: &str = "/v1/mmc/control/conferences/participants/share/invite";
    emu.inject(Fault::status(504).on_path(SHARE));
    let e = conf.invite_to_share(BOB).unwrap_err();
    assert_eq!(e.status(), Some(504), "{e}");
    assert_eq!(hits(&emu, SHARE), 1, "not repeated: Bob may have been asked already");
    emu.inject(Fault::status(504).on_path(SHARE));
    conf.cancel_share_invitation(BOB).unwrap();
    assert_eq!(hits(&emu, SHARE), 3, "repeated once after the 504");

    const DELETE: &str = "/v1/mmc/control/conferences/attendees/delete";
    emu.inject(Fault::status(504).on_path(DELETE));
    let e = conf.remove_attendees(&[AttendeeNumber::new(BOB_NUMBER).participant_id(BOB)]).unwrap_err();
    assert_eq!(e.status(), Some(504), "{e}");
    assert_eq!(hits(&emu, DELETE), 1, "not repeated, as hang_up");
    assert_eq!(pid(&emu, BOB)["removed"], false);
}

const INVITE_WITH_PASSWORD: &str = "/v1/mmc/control/conferences/inviteWithPwd";
const TOKEN: &str = "/v1/mmc/control/conferences/token";

#[test]
fn invite_with_password_goes_without_the_control_token() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    // A handle whose control token is no token at all: it is never sent.
    let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(&emu)).unwrap();
    let conf = client.conference(CONFERENCE, ConferenceAuth::Token(Secret::new("stb-not-a-token"))).unwrap();
    conf.invite_with_password("sip:room-5f@example.com", GUEST_PASSWORD, Some("115489"), Some(0)).unwrap();
    let room = conf_state(&emu)["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["number"] == "sip:room-5f@example.com")
        .cloned()
        .unwrap();
    assert_eq!((room["terminal"].clone(), room["removed"].clone()), (json!(true), json!(false)));
    // The host password works too; a password-based handle fetches no token for it.
    let by_password = conference(&emu, HOST_PASSWORD);
    by_password.invite_with_password("sip:room-6f@example.com", HOST_PASSWORD, None, None).unwrap();
    assert_eq!(hits(&emu, TOKEN), 0, "no control token was asked for");
    assert_eq!(hits(&emu, INVITE_WITH_PASSWORD), 2);

    // A wrong password: the vendor's refusal, which shows no password.
    let e = conf.invite_with_password("sip:room-7f@example.com", "999999", None, None).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Auth, Some("MMC.111072065")), "{e}");
    assert!(!format!("{e} {e:?}").contains("999999"), "{e:?}");
}

#[test]
fn invite_with_password_wire_checks_and_secrecy() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    let before = request_count(&emu);
    let control = ConferenceControl::new(HuaweiOperation::InviteWithPassword)
        .args(Args::new().with("number", "+99111253020382685").with("conference_password", "s3cr3t-246810"));
    let p = conf.prepare(&control).unwrap();
    assert_eq!(request_count(&emu), before, "prepare fetched no token");
    assert_eq!(p.method.to_string(), "POST");
    assert!(p.url.ends_with(&format!("{INVITE_WITH_PASSWORD}?conferenceID={CONFERENCE}")), "{}", p.url);
    assert_eq!(
        String::from_utf8(p.body.clone()).unwrap(),
        format!(r#"{{"callNum":"+99111253020382685","confID":"{CONFERENCE}","pwd":"s3cr3t-246810"}}"#)
    );
    assert!(!p.safe_to_repeat);
    assert!(p.headers.iter().all(|(name, _)| !name.eq_ignore_ascii_case("X-Conference-Authorization")));
    for shown in [format!("{control:?}"), format!("{p:?}")] {
        assert!(!shown.contains("s3cr3t"), "{shown}");
    }

    let with = |args: Args| ConferenceControl::new(HuaweiOperation::InviteWithPassword).args(args);
    let cases = [
        (with(Args::new().with("number", "+9911")), "conference_password"),
        (with(Args::new().with("number", "+9911").with("conference_password", "")), "conference_password"),
        (with(Args::new().with("conference_password", "s3cr3t-1")), "number"),
        (
            with(
                Args::new()
                    .with("number", "+9911")
                    .with("conference_password", "s3cr3t-1")
                    .with("number_type", 2),
            ),
            "number_type",
        ),
        (
            with(Args::new().with("number", "+9911").with("conference_password", "s3cr3t-1"))
                .participant(BOB),
            "participant_id",
        ),
    ];
    for (c, field) in cases {
        let e = conf.call(&c).unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field)), "{e}");
        assert!(!format!("{e} {e:?}").contains("s3cr3t"), "{e:?}");
    }
    assert_eq!(request_count(&emu), before, "nothing was sent");

    // Not repeated after a 504: the number may have been called already.
    emu.inject(Fault::status(504).on_path(INVITE_WITH_PASSWORD));
    let e = conf.invite_with_password("sip:room-8f@example.com", GUEST_PASSWORD, None, None).unwrap_err();
    assert_eq!(e.status(), Some(504), "{e}");
    assert_eq!(hits(&emu, INVITE_WITH_PASSWORD), 1);
}
