//! Every lookup and the one rule for a meeting code, end to end: the real client against the
//! real emulator (its demo scenario) over loopback.

use meetctl::huawei::{AccountAuth, ConferenceAuth, HuaweiClient, HuaweiLookup, Region};
use meetctl::tencent::{Instance, TencentClient, TencentCredentials, TencentLookup, TencentUser};
use meetctl::{Args, ClientConfig, ErrorKind, Meeting, ProxySetting};
use meetctl_emulator::{Emulator, demo_scenario};

const DEMO_MEETING: &str = "1242152152161";

fn config(emu: &Emulator) -> ClientConfig {
    ClientConfig::new().base_url(emu.url()).proxy(ProxySetting::Disabled)
}

fn tencent(emu: &Emulator) -> TencentClient {
    let credentials =
        TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None);
    TencentClient::new(credentials, config(emu)).unwrap()
}

fn huawei(emu: &Emulator) -> HuaweiClient {
    let auth = AccountAuth::app_id("demoappid0001", "demo-app-key-0001", None, None);
    HuaweiClient::new(Region::CnNorth4, auth, config(emu)).unwrap()
}

fn alice() -> TencentUser {
    TencentUser::userid("alice", Instance::Pc)
}

fn requests(emu: &Emulator) -> u64 {
    emu.state()["request_count"].as_u64().expect("request_count")
}

#[test]
fn a_code_with_an_ended_namesake_finds_the_meeting_in_progress() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(&emu);
    let both = client.meetings_by_code("806724161", &alice()).unwrap();
    assert_eq!(both.len(), 2, "the code is shared with last week's meeting: {both:?}");
    for typed in ["806 724 161", "806-724-161", "https://meeting.tencent.com/p/806724161"] {
        let found = client.find(typed, &alice()).unwrap();
        assert_eq!(found.meeting_id, DEMO_MEETING, "{typed}");
        assert!(found.in_progress);
        assert_eq!(found.occurrence, None);
    }
}

#[test]
fn one_match_is_that_meeting_even_when_not_now() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let found = tencent(&emu).find("300100500", &alice()).unwrap();
    assert_eq!(found.meeting_id, "1242152153005");
    assert!(!found.in_progress);
    assert!(found.start_time.unwrap() > found.end_time.unwrap() - 86_400);
}

#[test]
fn a_recurring_meeting_now_is_found_with_its_occurrence() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(&emu);
    let found = client.find("300 100 300", &alice()).unwrap();
    assert_eq!(
        (found.meeting_id.as_str(), found.occurrence.as_deref()),
        ("1242152153003", Some("1700300002"))
    );
    let meeting =
        Meeting::find_tencent(&client, "300-100-300", TencentUser::userid("kate", Instance::Pc)).unwrap();
    assert_eq!(meeting.occurrence(), Some("1700300002"));
    let details = meeting.details().unwrap();
    assert!(details.recurring);
    assert_eq!(details.occurrences.len(), 3);
    assert_eq!(details.occurrence.as_deref(), Some("1700300002"));
    // The listing of a recurring meeting takes the occurrence; the vendor requires it.
    let people = meeting.participants().unwrap();
    assert!(!people.is_empty());
}

#[test]
fn a_recurring_meeting_not_now_is_ambiguous_between_its_occurrences() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let e = tencent(&emu).find("300100400", &alice()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Ambiguous);
    let occurrences: Vec<_> = e.candidates().iter().map(|c| c.occurrence.as_deref().unwrap()).collect();
    assert_eq!(occurrences, ["1700400001", "1700400002"]);
    assert!(e.candidates().iter().all(|c| c.meeting_id == "1242152153004"));
}

#[test]
fn two_scheduled_meetings_with_one_code_are_ambiguous_and_listed() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let e = tencent(&emu).find("300100200", &alice()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Ambiguous);
    let ids: Vec<&str> = e.candidates().iter().map(|c| c.meeting_id.as_str()).collect();
    assert_eq!(ids, ["1242152153001", "1242152153002"]);
    assert!(e.to_string().contains("Design review (tomorrow)"), "{e}");
    assert!(e.candidates().iter().all(|c| c.start_time.is_some() && c.end_time.is_some()));
}

#[test]
fn no_meeting_and_another_companys_meeting_are_not_found() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(&emu);
    for code in ["999999999", "300100600"] {
        let e = client.find(code, &alice()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotFound, "{code}: {e}");
        assert!(e.message().contains("another company"), "{e}");
    }
}

#[test]
fn a_bad_code_is_refused_before_anything_is_sent() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(&emu);
    client.find("806724161", &alice()).unwrap();
    let before = requests(&emu);
    assert!(before > 0, "the counter counts");
    for bad in ["80672416x", "https://meeting.tencent.com/dm/AbCd", "12"] {
        let e = client.find(bad, &alice()).unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("code")), "{bad}");
    }
    let e = client
        .lookup(TencentLookup::MeetingsByCode, Some(&alice()), &Args::new().with("meeting_code", "12ab"))
        .unwrap_err();
    assert_eq!(e.field(), Some("meeting_code"));
    let e = client
        .lookup(TencentLookup::Meeting, None, &Args::new().with("meeting_id", DEMO_MEETING))
        .unwrap_err();
    assert_eq!(e.field(), Some("operator"));
    let e =
        client.lookup(TencentLookup::RoomMeetings, None, &Args::new().with("room_id", "a/b")).unwrap_err();
    assert_eq!(e.field(), Some("room_id"));
    assert_eq!(requests(&emu), before, "nothing was sent");
}

#[test]
fn meeting_details_and_a_found_meeting_controls() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(&emu);
    let info = client.meeting(DEMO_MEETING, &alice()).unwrap();
    assert_eq!(info.meeting_code.as_deref(), Some("806724161"));
    assert!(info.in_progress && !info.recurring);
    assert!(info.hosts.iter().any(|h| h == "alice"), "{info:?}");
    let meeting = Meeting::find_tencent(&client, "806 724 161", alice()).unwrap();
    assert_eq!(meeting.id(), DEMO_MEETING);
    let details = meeting.details().unwrap();
    assert_eq!((details.vendor.as_str(), details.code.as_deref()), ("tencent", Some("806724161")));
    assert_eq!(meeting.participants().unwrap().len(), 6);
}

#[test]
fn a_rooms_device_lists_its_meetings_every_page() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(&emu);
    let meetings = client.room_meetings("rooms-lobby-1").unwrap();
    let ids: Vec<&str> = meetings.iter().map(|m| m.meeting_id.as_str()).collect();
    assert_eq!(ids, [DEMO_MEETING, "1242152153005"]);
    let args = Args::new().with("room_id", "mr-101").with("room_id_type", 5).with("page_size", 1);
    let paged = client.lookup(TencentLookup::RoomMeetings, None, &args).unwrap();
    assert_eq!(paged.as_array().unwrap().len(), 2, "two pages of one");
}

#[test]
fn the_waiting_room_and_who_joined_and_left() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = tencent(&emu);
    let waiting = client.waiting_room(DEMO_MEETING, &alice()).unwrap();
    let mut names: Vec<_> = waiting.iter().map(|w| w.user_name.clone().unwrap_or_default()).collect();
    names.sort();
    assert_eq!(names, ["Frank", "Gina"]);
    let all = client.attendance(DEMO_MEETING, None, &alice()).unwrap();
    let args = Args::new().with("meeting_id", DEMO_MEETING).with("page_size", 2);
    let paged = client.lookup(TencentLookup::Attendance, Some(&alice()), &args).unwrap();
    assert_eq!(paged.as_array().unwrap().len(), all.len(), "every page of two is read");
    assert_eq!(all.len(), 9);
    let left: Vec<_> =
        all.iter().filter(|a| a.left_time.is_some()).filter_map(|a| a.userid.as_deref()).collect();
    assert_eq!(left, ["bob", "harry", "ivy"]);
}

#[test]
fn huawei_conferences_online_details_attendees_and_numbers() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = huawei(&emu);
    let online = client.online_conferences(None).unwrap();
    let ids: Vec<&str> = online.iter().map(|c| c.conference_id.as_str()).collect();
    assert!(ids.contains(&"914083136") && !ids.contains(&"914083137"), "{ids:?}");
    assert!(online.iter().all(|c| c.in_progress));
    let board = client.online_conferences(Some("Boardroom")).unwrap();
    assert_eq!(board.len(), 1);
    assert_eq!(board[0].conference_id, "914083139");
    let paged = client.lookup(HuaweiLookup::OnlineConferences, &Args::new().with("page_size", 1)).unwrap();
    assert_eq!(paged.as_array().unwrap().len(), online.len(), "every page of one");

    let scheduled = client.conference_details("914083137", false).unwrap();
    assert!(!scheduled.conference.in_progress);
    assert!(!scheduled.invitees.is_empty());
    let e = client.conference_details("914083137", true).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::NotFound | ErrorKind::Api), "{e}");

    let attendees = client.online_attendees("914083139").unwrap();
    assert!(attendees.iter().any(|a| a.number.as_deref() == Some("sip:boardroom-8f@meeting.example.com")));

    let inside = client.call_number_status("sip:boardroom-8f@meeting.example.com").unwrap();
    assert_eq!((inside.in_conference, inside.conference_id.as_deref()), (true, Some("914083139")));
    let outside = client.call_number_status("sip:lobby-2f@meeting.example.com").unwrap();
    assert_eq!((outside.in_conference, outside.conference_id), (false, None));
}

#[test]
fn a_huawei_room_finds_its_conference_and_controls_it() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = huawei(&emu);
    let meeting =
        Meeting::find_huawei_by_number(&client, "sip:boardroom-8f@meeting.example.com", None).unwrap();
    assert_eq!(meeting.id(), "914083139");
    let details = meeting.details().unwrap();
    assert_eq!(details.code.as_deref(), Some("989083139"));
    assert!(details.in_progress);
    // The handle got the host password from the details: controls work.
    assert!(!meeting.participants().unwrap().is_empty());
    meeting.lock().unwrap();

    let e = Meeting::find_huawei_by_number(&client, "sip:lobby-2f@meeting.example.com", None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    let by_id = Meeting::find_huawei_by_conference_id(
        &client,
        "914083136",
        Some(ConferenceAuth::Password("157599".into())),
    )
    .unwrap();
    assert_eq!(by_id.participants().unwrap().len(), by_id.participants().unwrap().len());
}

#[test]
fn a_websocket_token_through_a_conference_handle_never_shows_itself() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = huawei(&emu);
    let conference = client.conference("914083136", ConferenceAuth::Password("157599".into())).unwrap();
    let token = conference.ws_token().unwrap();
    assert_eq!(token.token.expose().len(), 48);
    assert!(!format!("{token:?}").contains(token.token.expose()));
    let e = client.lookup(HuaweiLookup::WsToken, &Args::new()).unwrap_err();
    assert_eq!(e.field(), Some("lookup"));
}

#[test]
fn huawei_conferences_not_ended_every_page() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let client = huawei(&emu);
    let all = client.lookup(HuaweiLookup::Conferences, &Args::new()).unwrap();
    let ids: Vec<&str> =
        all.as_array().unwrap().iter().map(|c| c["conference_id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"914083137") && ids.contains(&"914083136"), "scheduled and in progress: {ids:?}");
    let paged = client.lookup(HuaweiLookup::Conferences, &Args::new().with("page_size", 1)).unwrap();
    assert_eq!(paged, all, "every page of one, in the same order");
    let latest =
        client.lookup(HuaweiLookup::Conferences, &Args::new().with("sort", "DSC_StartTIME")).unwrap();
    let mut reversed = latest.as_array().unwrap().clone();
    reversed.reverse();
    assert_eq!(&reversed, all.as_array().unwrap());
    let e = client.lookup(HuaweiLookup::Conferences, &Args::new().with("period", "AYEAR")).unwrap_err();
    assert_eq!(e.field(), Some("period"));
}
