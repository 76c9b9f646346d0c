//! Every operation of both endpoint tables, through the real clients against the real emulator
//! (its demo scenario) over loopback: each call's effect on the emulator's state, the listings,
//! and validation before anything is sent.

use std::time::Duration;

use meetctl::huawei::{
    AccountAuth, Conference, ConferenceAuth, ConferenceControl, HuaweiClient, HuaweiOperation, HuaweiRole,
    Region,
};
use meetctl::tencent::{
    Instance, TencentClient, TencentControl, TencentCredentials, TencentOperation, TencentRole, TencentUser,
};
use meetctl::{Args, ClientConfig, ErrorKind, ProxySetting, Secret};
use meetctl_emulator::{Emulator, Scenario, demo_scenario};
use serde_json::{Value, json};

const MEETING: &str = "1242152152161";
const SECOND_APP_MEETING: &str = "1242152152163";
const CONFERENCE: &str = "914083136";
const HW_ALICE: &str = "d2c3ae64216e11eabc510dc9b62e3a80";
const HW_BOB: &str = "a1b2c3d4e5f611eabc510dc9b62e3a81";
const HW_CAROL: &str = "c3d4e5f6a7b811eabc510dc9b62e3a82";

fn config(emu: &Emulator) -> ClientConfig {
    ClientConfig::new().base_url(emu.url()).proxy(ProxySetting::Disabled).timeout(Duration::from_secs(5))
}

/// The first demo app (meetings 1242152152161 and …162 by OAuth).
fn tencent(emu: &Emulator) -> TencentClient {
    let creds = TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None);
    TencentClient::new(creds, config(emu)).unwrap()
}

/// The second demo app (meeting 1242152152163: a screen sharer, an MRA room, a waiting member).
fn tencent_second_app(emu: &Emulator) -> TencentClient {
    let creds = TencentCredentials::enterprise(
        "210000002",
        "AKIDdemo0002",
        "demo-secret-key-0002",
        Some("20002".into()),
    );
    TencentClient::new(creds, config(emu)).unwrap()
}

fn ms(id: &str, instance: Instance) -> TencentUser {
    TencentUser::ms_open_id(id, instance)
}

fn alice() -> TencentUser {
    ms("afagsagwags", Instance::Ios)
}

fn bob() -> TencentUser {
    ms("agaqwwgdkkddd", Instance::Mac)
}

fn quinn() -> TencentUser {
    ms("msopenid-quinn", Instance::Pc)
}

fn meeting_state(emu: &Emulator, meeting: &str) -> Value {
    let state = emu.state();
    state["tencent"]["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["meeting_id"] == meeting)
        .unwrap()
        .clone()
}

/// A Tencent participant's state, found by any of its ids.
fn who(emu: &Emulator, meeting: &str, id: &str) -> Value {
    let m = meeting_state(emu, meeting);
    let found = m["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| ["ms_open_id", "uuid", "userid"].iter().any(|k| p[*k] == id))
        .cloned();
    found.unwrap_or_else(|| panic!("{id} in {meeting}"))
}

fn request_count(emu: &Emulator) -> u64 {
    emu.state()["request_count"].as_u64().unwrap()
}

// ------------------------------------------------------------------------------------ Tencent

#[test]
fn tencent_participant_controls_change_the_meeting() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let tc = tencent(&emu);
    let dave = ms("msopenid-dave", Instance::Android);

    tc.mute(MEETING, &alice(), &bob()).unwrap();
    assert_eq!(who(&emu, MEETING, "bob")["muted"], true);
    tc.unmute(MEETING, &alice(), &dave).unwrap();
    assert_eq!(who(&emu, MEETING, "dave")["muted"], false);

    tc.rename(MEETING, &alice(), &bob(), "Bobby 会议").unwrap();
    assert_eq!(who(&emu, MEETING, "bob")["name"], "Bobby 会议");

    tc.kick_out(MEETING, &alice(), &[&dave], false, Some("left the room")).unwrap();
    assert_eq!(
        (who(&emu, MEETING, "dave")["removed"].clone(), who(&emu, MEETING, "dave")["allow_rejoin"].clone()),
        (json!(true), json!(false))
    );

    let frank = ms("msopenid-frank", Instance::Pc);
    let gina = ms("msopenid-gina", Instance::Web);
    tc.admit_from_waiting_room(MEETING, &alice(), &[&frank]).unwrap();
    assert_eq!(who(&emu, MEETING, "frank")["in_waiting_room"], false);
    tc.remove_from_waiting_room(MEETING, &alice(), &[&gina], true).unwrap();
    assert_eq!(who(&emu, MEETING, "gina")["removed"], true);
    tc.move_to_waiting_room(MEETING, &alice(), &[&bob()]).unwrap();
    assert_eq!(who(&emu, MEETING, "bob")["in_waiting_room"], true);

    // A co-host may act too; an attendee may not.
    let carol = ms("msopenid-carol", Instance::Pc);
    tc.mute(MEETING, &carol, &frank).unwrap();
    assert_eq!(who(&emu, MEETING, "frank")["muted"], true);
    let e = tc.mute(MEETING, &frank, &carol).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::PermissionDenied);
}

#[test]
fn tencent_screen_share_and_mra_video() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let tc = tencent_second_app(&emu);
    tc.stop_screen_share(SECOND_APP_MEETING, &quinn(), &ms("msopenid-sam", Instance::Android)).unwrap();
    assert_eq!(who(&emu, SECOND_APP_MEETING, "sam")["sharing_screen"], false);

    // `video: true` opens an MRA device's video and never closes anyone's.
    let room = TencentUser::uuid("uuid-room-301", Instance::VoipSip);
    tc.open_video(SECOND_APP_MEETING, &quinn(), &room).unwrap();
    assert_eq!(who(&emu, SECOND_APP_MEETING, "uuid-room-301")["video"], true);
    let ruth = ms("msopenid-ruth", Instance::Mac);
    let e = tc.open_video(SECOND_APP_MEETING, &quinn(), &ruth).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some("190004")));
    assert_eq!(who(&emu, SECOND_APP_MEETING, "ruth")["video"], true);
    tc.close_video(SECOND_APP_MEETING, &quinn(), &ruth).unwrap();
    assert_eq!(who(&emu, SECOND_APP_MEETING, "ruth")["video"], false);
}

#[test]
fn tencent_meeting_settings_transcription_and_end() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let tc = tencent(&emu);
    let alice_by_userid = TencentUser::userid("alice", Instance::Ios);

    tc.set_meeting_status(
        MEETING,
        &alice(),
        Args::new().with("mute_all", true).with("meeting_locked", true).with("allow_chat", 2),
    )
    .unwrap();
    let settings = meeting_state(&emu, MEETING)["settings"].clone();
    assert_eq!(
        (settings["mute_all"].clone(), settings["meeting_locked"].clone(), settings["allow_chat"].clone()),
        (json!(true), json!(true), json!(2))
    );
    assert_eq!(settings["auto_waiting_room"], false, "settings not given are left alone");

    tc.set_doc_upload(MEETING, &alice(), false).unwrap();
    assert_eq!(meeting_state(&emu, MEETING)["settings"]["enable_upload_doc"], false);
    tc.set_transcription(MEETING, &alice_by_userid, true).unwrap();
    assert_eq!(meeting_state(&emu, MEETING)["settings"]["transcription"], true);

    tc.end_meeting(MEETING, &alice(), Args::new()).unwrap();
    assert_eq!(meeting_state(&emu, MEETING)["ended"], true);
    let e = tc.mute(MEETING, &alice(), &bob()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound, "an ended meeting takes no control: {e}");
}

#[test]
fn tencent_participants_are_typed_and_their_ids_work_as_targets() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let tc = tencent_second_app(&emu);
    let quinn_by_userid = TencentUser::userid("quinn", Instance::Pc);
    let people = tc.participants(SECOND_APP_MEETING, &quinn_by_userid).unwrap();
    assert!(
        people.iter().all(|p| p.ms_open_id.as_deref() != Some("msopenid-uma")),
        "waiting members are not listed"
    );
    let tina = people.iter().find(|p| p.userid.as_deref() == Some("tina")).unwrap();
    assert_eq!(tina.user_name.as_deref(), Some("Tina 李"), "names arrive base64-encoded and are decoded");
    assert_eq!(
        (tina.role, tina.audio_muted, tina.instance),
        (Some(TencentRole::Cohost), Some(true), Some(Instance::Ios))
    );
    let sam = people.iter().find(|p| p.userid.as_deref() == Some("sam")).unwrap();
    assert_eq!(sam.sharing_screen, Some(true));
    assert_eq!(tina.raw["userid"], "tina");

    // An entry goes straight back into a control call.
    tc.unmute(SECOND_APP_MEETING, &quinn(), &tina.as_user().unwrap()).unwrap();
    assert_eq!(who(&emu, SECOND_APP_MEETING, "tina")["muted"], false);

    let looked_up = tc.ms_open_id(SECOND_APP_MEETING, &TencentUser::userid("ruth", Instance::Pc)).unwrap();
    assert_eq!(looked_up, "msopenid-ruth");
}

#[test]
fn tencent_participants_fetches_every_page() {
    let people: Vec<Value> = (0..120)
        .map(|i| json!({"userid": format!("u{i}"), "ms_open_id": format!("m{i}"), "instanceid": 1, "role": if i == 0 { "host" } else { "attendee" }}))
        .collect();
    let scenario = json!({"tencent": {
        "apps": [{"app_id": "210000001", "secret_id": "AKIDdemo0001", "secret_key": "demo-secret-key-0001"}],
        "meetings": [{"meeting_id": "9", "app_id": "210000001", "participants": people}]
    }});
    let emu = Emulator::start(Scenario::from_json(&scenario.to_string()).unwrap()).unwrap();
    let tc = tencent(&emu);
    let before = request_count(&emu);
    let all = tc.participants("9", &TencentUser::userid("u0", Instance::Pc)).unwrap();
    assert_eq!(all.len(), 120);
    assert_eq!(request_count(&emu) - before, 3, "three pages of at most 50");
    let ids: std::collections::HashSet<_> = all.iter().filter_map(|p| p.ms_open_id.clone()).collect();
    assert_eq!(ids.len(), 120);
}

#[test]
fn tencent_bad_input_is_refused_before_anything_is_sent() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let tc = tencent(&emu);
    let before = request_count(&emu);
    let by_uuid = TencentUser::uuid("uuid-bob", Instance::Mac);
    let cases: Vec<(meetctl::Error, &str)> = vec![
        (tc.mute(MEETING, &alice(), &by_uuid).unwrap_err(), "user.id"),
        (tc.rename(MEETING, &alice(), &bob(), "a name far longer than twenty").unwrap_err(), "nick_name"),
        (tc.kick_out(MEETING, &alice(), &[], true, None).unwrap_err(), "targets"),
        (tc.set_meeting_status(MEETING, &alice(), Args::new()).unwrap_err(), "args"),
        (tc.set_meeting_status(MEETING, &alice(), Args::new().with("lock", true)).unwrap_err(), "lock"),
        (
            tc.set_meeting_status(MEETING, &alice(), Args::new().with("mute_all", "yes")).unwrap_err(),
            "mute_all",
        ),
        (tc.set_transcription(MEETING, &alice(), true).unwrap_err(), "operator.id"),
        (tc.participants(MEETING, &alice()).unwrap_err(), "operator.id"),
        (tc.ms_open_id(MEETING, &bob()).unwrap_err(), "user.id"),
        (tc.mute("", &alice(), &bob()).unwrap_err(), "meeting_id"),
    ];
    for (e, field) in cases {
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field)), "{e}");
    }
    assert_eq!(request_count(&emu), before);
}

#[test]
fn tencent_prepare_signs_the_same_request_the_call_sends() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let tc = tencent(&emu);
    let control = TencentControl::new(TencentOperation::KickOut, MEETING, alice())
        .target(bob())
        .args(Args::new().with("allow_rejoin", false));
    let prepared = tc.prepare(&control).unwrap();
    assert_eq!(prepared.url, format!("{}/v1/real-control/meetings/{MEETING}/kickout", emu.url()));
    let body: Value = serde_json::from_slice(&prepared.body).unwrap();
    assert_eq!(body["users"][0]["to_operator_id"], "agaqwwgdkkddd");
    assert_eq!(body["allow_rejoin"], false);
    assert!(prepared.header("X-TC-Signature").is_some());
    tc.call(&control).unwrap();
    assert_eq!(who(&emu, MEETING, "bob")["removed"], true);
}

// ------------------------------------------------------------------------------------- Huawei

fn conference(emu: &Emulator, password: &str) -> Conference {
    let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(emu)).unwrap();
    client.conference(CONFERENCE, ConferenceAuth::Password(Secret::new(password))).unwrap()
}

fn conf_state(emu: &Emulator) -> Value {
    let state = emu.state();
    state["huawei"]["conferences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["conference_id"] == CONFERENCE)
        .unwrap()
        .clone()
}

fn pid(emu: &Emulator, id: &str) -> Value {
    conf_state(emu)["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["participant_id"] == id)
        .unwrap()
        .clone()
}

#[test]
fn huawei_participant_controls_change_the_conference() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, "157599");

    conf.mute(HW_BOB).unwrap();
    assert_eq!(pid(&emu, HW_BOB)["muted"], true);
    conf.unmute(HW_CAROL).unwrap();
    assert_eq!(pid(&emu, HW_CAROL)["muted"], false);

    conf.set_cohost(HW_BOB).unwrap();
    assert_eq!(pid(&emu, HW_BOB)["role"], "cohost");
    conf.revoke_cohost(HW_BOB).unwrap();
    assert_eq!(pid(&emu, HW_BOB)["role"], "participant");

    // The vendor's video flag is inverted: stop sends `status: 1`.
    conf.stop_video(HW_BOB).unwrap();
    assert_eq!(pid(&emu, HW_BOB)["video"], false);
    conf.request_video("p-evan").unwrap();
    assert_eq!(pid(&emu, "p-evan")["video"], true);

    conf.rename("p-evan", "+8613800000005", "Evan (room 2)").unwrap();
    assert_eq!(pid(&emu, "p-evan")["name"], "Evan (room 2)");
    conf.lower_hand("p-evan").unwrap();
    assert_eq!(pid(&emu, "p-evan")["hand_raised"], false);

    conf.admit_from_waiting_room(Some("p-fay"), None).unwrap();
    assert_eq!(pid(&emu, "p-fay")["in_waiting_room"], false);
    conf.admit_from_waiting_room(None, Some(true)).unwrap();
    assert_eq!(pid(&emu, "p-gus")["in_waiting_room"], false);
    conf.move_to_waiting_room(&[HW_CAROL]).unwrap();
    assert_eq!(pid(&emu, HW_CAROL)["in_waiting_room"], true);

    conf.hang_up(&["p-fay", "p-gus"]).unwrap();
    assert_eq!(
        (pid(&emu, "p-fay")["removed"].clone(), pid(&emu, "p-gus")["removed"].clone()),
        (json!(true), json!(true))
    );
}

#[test]
fn huawei_conference_controls_and_end() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, "157599");

    conf.mute_all(false).unwrap();
    assert_eq!(pid(&emu, HW_BOB)["muted"], true);
    assert_eq!(pid(&emu, HW_ALICE)["muted"], false, "mute-all never mutes the host");
    assert_eq!(conf_state(&emu)["settings"]["allowUnmuteByOneself"], 0);
    conf.unmute_all().unwrap();
    assert_eq!(pid(&emu, HW_BOB)["muted"], false);

    conf.lock().unwrap();
    assert_eq!(conf_state(&emu)["settings"]["isLock"], 1);
    conf.unlock().unwrap();
    assert_eq!(conf_state(&emu)["settings"]["isLock"], 0);
    conf.start_recording().unwrap();
    assert_eq!(conf_state(&emu)["settings"]["isRecord"], 1);
    conf.stop_recording().unwrap();
    assert_eq!(conf_state(&emu)["settings"]["isRecord"], 0);
    conf.allow_unmute_by_self(true).unwrap();
    assert_eq!(conf_state(&emu)["settings"]["allowUnmuteByOneself"], 1);
    conf.allow_unmute_by_self(false).unwrap();
    assert_eq!(conf_state(&emu)["settings"]["allowUnmuteByOneself"], 0);
    conf.extend(30).unwrap();
    assert_eq!(conf_state(&emu)["extended_minutes"], 30);
    conf.update_settings(Args::new().with("allow_rename", false).with("chat_permission", 3)).unwrap();
    let settings = conf_state(&emu)["settings"].clone();
    assert_eq!((settings["allowRename"].clone(), settings["chatPermission"].clone()), (json!(0), json!(3)));

    conf.end().unwrap();
    assert_eq!(conf_state(&emu)["ended"], true);
    assert!(conf.mute(HW_BOB).is_err(), "an ended conference takes no control");
}

#[test]
fn huawei_info_is_typed_and_its_ids_work_as_targets() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, "157599");
    let info = conf.info().unwrap();
    assert_eq!(info.host_id.as_deref(), Some(HW_ALICE));
    assert_eq!(info.cohost_ids, ["p-dora"]);
    assert!(info.participants.iter().all(|p| p.participant_id != "p-fay"), "waiting members are not online");
    let evan = info.participants.iter().find(|p| p.participant_id == "p-evan").unwrap();
    assert_eq!((evan.hand_raised, evan.video_on, evan.role), (Some(true), Some(false), HuaweiRole::Attendee));
    assert_eq!(evan.number.as_deref(), Some("+8613800000005"));
    let roles: Vec<_> = info.participants.iter().map(|p| (p.participant_id.as_str(), p.role)).collect();
    assert!(roles.contains(&(HW_ALICE, HuaweiRole::Host)) && roles.contains(&("p-dora", HuaweiRole::Cohost)));
    let carol = info.participants.iter().find(|p| p.participant_id == HW_CAROL).unwrap();
    assert_eq!(carol.audio_muted, Some(true));
    conf.unmute(&carol.participant_id).unwrap();
    assert_eq!(
        conf.info().unwrap().participants.iter().find(|p| p.participant_id == HW_CAROL).unwrap().audio_muted,
        Some(false)
    );
}

#[test]
fn huawei_guest_token_may_not_control_and_bad_input_is_refused_before_io() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let guest = conference(&emu, "246810");
    assert_eq!(guest.lock().unwrap_err().kind(), ErrorKind::PermissionDenied);

    let conf = conference(&emu, "157599");
    conf.control_token().unwrap();
    let before = request_count(&emu);
    let cases: Vec<(meetctl::Error, &str)> = vec![
        (conf.mute("").unwrap_err(), "participant_id"),
        (conf.hang_up(&[]).unwrap_err(), "participant_ids"),
        (conf.extend(0).unwrap_err(), "minutes"),
        (conf.rename(HW_BOB, "", "x").unwrap_err(), "number"),
        (conf.update_settings(Args::new()).unwrap_err(), "args"),
        (conf.update_settings(Args::new().with("chat_permission", 5)).unwrap_err(), "chat_permission"),
        (
            conf.call(&ConferenceControl::new(HuaweiOperation::AdmitFromWaitingRoom)).unwrap_err(),
            "participant_id",
        ),
        (
            conf.call(&ConferenceControl::new(HuaweiOperation::Lock).participant(HW_BOB)).unwrap_err(),
            "participant_id",
        ),
    ];
    for (e, field) in cases {
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field)), "{e}");
    }
    assert_eq!(request_count(&emu), before);
}

#[test]
fn huawei_prepare_carries_the_control_token_and_the_same_body() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, "157599");
    let control = ConferenceControl::new(HuaweiOperation::StopVideo).participant(HW_BOB);
    let prepared = conf.prepare(&control).unwrap();
    assert_eq!(
        prepared.url,
        format!(
            "{}/v1/mmc/control/conferences/participants/video?conferenceID={CONFERENCE}&participantID={HW_BOB}",
            emu.url()
        )
    );
    assert_eq!(prepared.body, br#"{"status":1}"#);
    assert_eq!(prepared.header("X-Conference-Authorization"), Some(conf.control_token().unwrap().expose()));
}
