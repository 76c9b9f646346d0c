//! The Tencent query APIs end to end: meeting lookup by code (reused codes, recurring meetings,
//! another app's meeting), by id, a Rooms device's meetings, the waiting-room list and the
//! join/leave records (kept up to date by kick-outs and the waiting room).

mod common;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::*;
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};

fn start() -> (Emulator, Client) {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let client = Client::connect(&emulator);
    (emulator, client)
}

fn get_as(client: &mut Client, app: &App, uri: &str) -> Response {
    signed(client, app, "GET", uri, b"")
}

fn by_code(client: &mut Client, code: &str) -> Response {
    get_as(client, &APP1, &format!("/v1/meetings?meeting_code={code}&userid=alice&instanceid=1"))
}

fn list(v: &Value) -> &Vec<Value> {
    v["meeting_info_list"].as_array().expect("meeting_info_list")
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    v.as_array().expect("array").iter().map(|m| m[key].as_str().unwrap_or_default().to_string()).collect()
}

fn decode(b64: &Value) -> String {
    String::from_utf8(STANDARD.decode(b64.as_str().expect("string")).expect("base64")).expect("utf-8")
}

#[test]
fn reused_code_lists_the_live_and_the_ended_meeting() {
    let (emulator, mut client) = start();
    let now = emulator_now(&emulator) as i64;
    let found = ok(&by_code(&mut client, "806724161"));
    assert_eq!(found["meeting_number"], 2);
    let meetings = list(&found);
    assert_eq!(
        ids(&found["meeting_info_list"], "meeting_id"),
        ["1242152152100", MEETING],
        "oldest start first"
    );
    let (old, live) = (&meetings[0], &meetings[1]);
    assert_eq!(old["status"], "MEETING_STATE_ENDED");
    assert_eq!(live["status"], "MEETING_STATE_STARTED");
    assert_eq!(live["subject"], "Demo: weekly product review");
    assert_eq!(live["meeting_code"], "806724161");
    assert_eq!(live["meeting_type"], 0);
    assert_eq!(live["hosts"], json!([{"userid": "alice"}]));
    assert_eq!(
        live["current_hosts"],
        json!([{"userid": "alice"}]),
        "the creator hosts while no host is there"
    );
    assert_eq!(live["current_co_hosts"], json!([{"userid": "carol"}]));
    assert_eq!(live["join_url"], format!("https://meeting.tencent.com/dm/{MEETING}"));
    let start: i64 = live["start_time"].as_str().expect("string").parse().expect("seconds");
    let end: i64 = live["end_time"].as_str().expect("string").parse().expect("seconds");
    assert!((start - (now - 600)).abs() <= 2 && (end - (now + 3000)).abs() <= 2, "{start} {end} {now}");
    assert!(live.get("sub_meetings").is_none() && live.get("password").is_none());
}

#[test]
fn scheduled_recurring_and_single_codes() {
    let (emulator, mut client) = start();
    let now = emulator_now(&emulator) as i64;
    let two = ok(&by_code(&mut client, "300100200"));
    assert_eq!(two["meeting_number"], 2);
    assert!(list(&two).iter().all(|m| m["status"] == "MEETING_STATE_INIT"));
    assert!(
        list(&two)
            .iter()
            .all(|m| m["start_time"].as_str().and_then(|s| s.parse::<i64>().ok()).is_some_and(|s| s > now))
    );

    let daily = ok(&by_code(&mut client, "300100300"));
    assert_eq!(daily["meeting_number"], 1);
    let m = &list(&daily)[0];
    assert_eq!((m["meeting_type"].clone(), m["status"].clone()), (json!(1), json!("MEETING_STATE_STARTED")));
    assert_eq!(m["current_sub_meeting_id"], "1700300002");
    assert_eq!(ids(&m["sub_meetings"], "sub_meeting_id"), ["1700300001", "1700300002", "1700300003"]);
    let today = &m["sub_meetings"][1];
    let start: i64 = today["start_time"].as_str().and_then(|s| s.parse().ok()).expect("start");
    assert!(start <= now && now < today["end_time"].as_str().and_then(|s| s.parse().ok()).expect("end"));
    assert_eq!(m["start_time"], today["start_time"], "a recurring meeting shows its current occurrence");
    assert_eq!(m["sub_meetings"][0]["status"], 0);

    let monthly = ok(&by_code(&mut client, "300100400"));
    let m = &list(&monthly)[0];
    assert_eq!(m["status"], "MEETING_STATE_INIT");
    assert_eq!(m["current_sub_meeting_id"], "1700400002", "none now: the next one");
    assert!(m["start_time"].as_str().and_then(|s| s.parse::<i64>().ok()).is_some_and(|s| s > now));

    let single = ok(&by_code(&mut client, "300100500"));
    assert_eq!(single["meeting_number"], 1);
    assert_eq!(list(&single)[0]["meeting_id"], "1242152153005");
    assert_eq!(list(&single)[0]["subject"], "Customer demo");
}

#[test]
fn another_apps_meeting_is_not_found_and_params_are_checked() {
    let (_emulator, mut client) = start();
    let other = by_code(&mut client, "300100600");
    assert_eq!(tencent_code(&other), 9003, "app 210000002's meeting is not app 210000001's");
    let mine =
        ok(&get_as(&mut client, &APP2, "/v1/meetings?meeting_code=300100600&userid=quinn&instanceid=1"));
    assert_eq!(list(&mine)[0]["meeting_id"], "1242152153006");
    assert_eq!(tencent_code(&by_code(&mut client, "999999999")), 9003, "no meeting has the code");
    for (query, field) in [
        ("meeting_code=806724161&instanceid=1", "userid"),
        ("meeting_code=806724161&userid=alice", "instanceid"),
        ("meeting_code=806724161&userid=alice&instanceid=11", "instanceid"),
        ("meeting_code=80672&userid=alice&instanceid=1", "meeting_code"),
        ("meeting_code=806724161&operator_id=alice&operator_id_type=1&instanceid=1", "operator_id_type"),
        ("meeting_code=806724161&operator_id=rooms-x&operator_id_type=3&instanceid=1", "operator_id"),
    ] {
        let response = get_as(&mut client, &APP1, &format!("/v1/meetings?{query}"));
        assert_eq!(tencent_code(&response), 190_004, "{query}");
        assert!(tencent_message(&response).contains(field), "{query}: {}", tencent_message(&response));
    }
    // A Rooms device may ask (operator_id_type 3).
    let rooms = ok(&get_as(
        &mut client,
        &APP1,
        "/v1/meetings?meeting_code=806724161&operator_id=rooms-lobby-1&operator_id_type=3&instanceid=20",
    ));
    assert_eq!(rooms["meeting_number"], 2);
    // Without a code: the asker's meetings in progress or to come.
    let mine = ok(&get_as(&mut client, &APP1, "/v1/meetings?userid=alice&instanceid=1"));
    let listed = ids(&mine["meeting_info_list"], "meeting_id");
    assert!(listed.contains(&MEETING.to_string()) && listed.contains(&"1242152153005".to_string()));
    assert!(!listed.contains(&"1242152152100".to_string()), "not the ended one");
    assert_eq!(mine["remaining"], 0);
}

#[test]
fn meeting_by_id() {
    let (_emulator, mut client) = start();
    let one = ok(&get_as(&mut client, &APP1, &format!("/v1/meetings/{MEETING}?userid=alice&instanceid=1")));
    assert_eq!(one["meeting_number"], 1);
    assert_eq!(list(&one)[0]["status"], "MEETING_STATE_STARTED");
    assert_eq!(list(&one)[0]["participant_count"], 6);
    let by_operator = ok(&get_as(
        &mut client,
        &APP1,
        "/v1/meetings/1242152153003?operator_id=kate&operator_id_type=1&instanceid=1",
    ));
    assert_eq!(list(&by_operator)[0]["current_sub_meeting_id"], "1700300002");
    let foreign = get_as(&mut client, &APP1, "/v1/meetings/1242152153006?userid=alice&instanceid=1");
    assert_eq!(tencent_code(&foreign), 9003);
    let missing = get_as(&mut client, &APP1, &format!("/v1/meetings/{MEETING}?instanceid=1"));
    assert_eq!(tencent_code(&missing), 190_004);
}

#[test]
fn rooms_meetings_are_paged_and_refuse_oauth() {
    let (_emulator, mut client) = start();
    let uri = |id: &str, q: &str| format!("/v1/meeting-rooms/{id}/meetings?{q}");
    let all = ok(&get_as(&mut client, &APP1, &uri("rooms-lobby-1", "operator_id_type=3&instanceid=20")));
    assert_eq!((all["total_count"].clone(), all["total_page"].clone()), (json!(2), json!(1)));
    assert_eq!((all["current_page"].clone(), all["current_size"].clone()), (json!(1), json!(2)));
    assert_eq!(ids(&all["meeting_info_list"], "meeting_id"), [MEETING, "1242152153005"]);
    let first = &all["meeting_info_list"][0];
    assert_eq!(first["status"], "MEETING_STATE_STARTED");
    assert!(first["start_time"].is_i64() && first["end_time"].is_i64(), "integers in this API");
    assert_eq!(first["subject"], "Demo: weekly product review");
    let room =
        ok(&get_as(&mut client, &APP1, &uri("mr-101", "operator_id_type=5&instanceid=1&page=2&page_size=1")));
    assert_eq!((room["total_page"].clone(), room["current_size"].clone()), (json!(2), json!(1)));
    assert_eq!(room["meeting_info_list"][0]["meeting_id"], "1242152153005");
    for (id, q) in [
        ("rooms-lobby-1", "instanceid=20"),
        ("rooms-lobby-1", "operator_id_type=4&instanceid=20"),
        ("rooms-lobby-1", "operator_id_type=3"),
        ("rooms-lobby-1", "operator_id_type=3&instanceid=20&page_size=21"),
        ("rooms-lobby-1", "operator_id_type=3&instanceid=20&page=0"),
        ("mr-101", "operator_id_type=3&instanceid=20"),
        ("nowhere", "operator_id_type=5&instanceid=20"),
    ] {
        assert_eq!(tencent_code(&get_as(&mut client, &APP1, &uri(id, q))), 190_004, "{id} {q}");
    }
    let oauth = oauth_request(
        &mut client,
        "oauth-open-id-1",
        "demo-oauth-token-1",
        "GET",
        &uri("rooms-lobby-1", "operator_id_type=3&instanceid=20"),
        b"",
    );
    assert_eq!(tencent_code(&oauth), 190_004);
    assert!(tencent_message(&oauth).contains("OAuth"));
}

#[test]
fn waiting_room_list_follows_the_waiting_room() {
    let (_emulator, mut client) = start();
    let uri = |q: &str| format!("/v1/meetings/{MEETING}/waiting-room-participants?{q}");
    let now = ok(&get_as(&mut client, &APP1, &uri("userid=alice")));
    assert_eq!((now["total_count"].clone(), now["current_page"].clone()), (json!(2), json!(1)));
    assert_eq!(decode(&now["subject"]), "Demo: weekly product review");
    assert!(now["schedule_start_time"].is_i64());
    assert_eq!(ids(&now["participants"], "ms_open_id"), ["msopenid-frank", "msopenid-gina"]);
    let frank = &now["participants"][0];
    assert_eq!((frank["userid"].clone(), frank["instanceid"].clone()), (json!("frank"), json!(1)));
    assert_eq!(decode(&frank["user_name"]), "Frank");
    let page = ok(&get_as(&mut client, &APP1, &uri("userid=alice&page=2&page_size=1")));
    assert_eq!(ids(&page["participants"], "userid"), ["gina"]);
    assert_eq!(page["total_page"], 2);
    assert_eq!(tencent_code(&get_as(&mut client, &APP1, &uri("userid=bob"))), 9042, "only the creator");
    assert_eq!(tencent_code(&get_as(&mut client, &APP1, &uri("page=1"))), 190_004);
    assert_eq!(tencent_code(&get_as(&mut client, &APP1, &uri("userid=alice&page_size=51"))), 190_004);

    // Admit frank: the list shrinks.
    let admit = json!({"operator_id": "afagsagwags", "operator_id_type": 4, "instanceid": 4, "operate_type": 1,
                       "users": [{"to_operator_id": "msopenid-frank", "to_operator_id_type": 4, "instanceid": 1}]});
    ok(&control(&mut client, &APP1, MEETING, "waiting-room", &admit));
    let after = ok(&get_as(&mut client, &APP1, &uri("userid=alice")));
    assert_eq!(ids(&after["participants"], "userid"), ["gina"]);
    // A scheduled meeting nobody is in: an empty list.
    let empty =
        ok(&get_as(&mut client, &APP1, "/v1/meetings/1242152153005/waiting-room-participants?userid=alice"));
    assert_eq!((empty["total_count"].clone(), empty["participants"].clone()), (json!(0), json!([])));
}

#[test]
fn join_leave_records_are_paged_and_kept_up_to_date() {
    let (emulator, mut client) = start();
    let uri = |q: &str| format!("/v1/meetings/{MEETING}/participants?{q}");
    let all = ok(&get_as(&mut client, &APP1, &uri("userid=alice&size=100")));
    assert_eq!(all["total_count"], 9);
    assert_eq!(all["has_remaining"], false);
    assert_eq!(all["subject"], "Demo: weekly product review");
    let records = all["participants"].as_array().expect("participants");
    let joins: Vec<i64> =
        records.iter().map(|r| r["join_time"].as_str().and_then(|s| s.parse().ok()).expect("join")).collect();
    assert!(joins.windows(2).all(|w| w[0] <= w[1]), "by join time");
    let harry = records.iter().find(|r| r["userid"] == "harry").expect("harry left");
    assert!(harry["left_time"].as_str().is_some_and(|s| s.parse::<i64>().is_ok()));
    assert_eq!(decode(&harry["user_name"]), "Harry");
    let bob: Vec<&Value> = records.iter().filter(|r| r["userid"] == "bob").collect();
    assert_eq!(bob.len(), 2, "bob left and came back");
    assert!(bob.iter().filter(|r| r.get("left_time").is_none()).count() == 1);
    let present = records.iter().filter(|r| r.get("left_time").is_none()).count();
    assert_eq!(present, 6, "those in the meeting have no left_time");

    // Paging by pos.
    let first = ok(&get_as(&mut client, &APP1, &uri("userid=alice&pos=0&size=4")));
    assert_eq!((first["has_remaining"].clone(), first["next_pos"].clone()), (json!(true), json!(4)));
    let rest = ok(&get_as(&mut client, &APP1, &uri("userid=alice&pos=8&size=4")));
    assert_eq!((rest["has_remaining"].clone(), rest["next_pos"].clone()), (json!(false), json!(9)));
    assert_eq!(rest["participants"].as_array().map(Vec::len), Some(1));
    for q in ["userid=alice&size=101", "userid=alice&pos=-1", "userid=alice&size=x", "size=10"] {
        assert_eq!(tencent_code(&get_as(&mut client, &APP1, &uri(q))), 190_004, "{q}");
    }
    assert_eq!(tencent_code(&get_as(&mut client, &APP1, &uri("userid=bob"))), 9042);

    // A kick-out closes dave's record.
    let kick = json!({"operator_id": "afagsagwags", "operator_id_type": 4, "instanceid": 4,
                      "users": [{"to_operator_id": "msopenid-dave", "to_operator_id_type": 4, "instanceid": 3}]});
    ok(&control(&mut client, &APP1, MEETING, "kickout", &kick));
    let after = ok(&get_as(&mut client, &APP1, &uri("userid=alice&size=100")));
    let dave = after["participants"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["userid"] == "dave"))
        .expect("dave");
    let left: i64 = dave["left_time"].as_str().and_then(|s| s.parse().ok()).expect("dave left");
    assert!((left - emulator_now(&emulator) as i64).abs() <= 2);
    assert_eq!(after["total_count"], 9);
    // A rejoin on another device: a new stay.
    emulator.tencent_rejoin(MEETING, "msopenid-erin", 2).expect("rejoin");
    let rejoined = ok(&get_as(&mut client, &APP1, &uri("userid=alice&size=100")));
    assert_eq!(rejoined["total_count"], 10);
}

#[test]
fn recurring_records_need_the_occurrence() {
    let (_emulator, mut client) = start();
    let uri = |q: &str| format!("/v1/meetings/1242152153003/participants?{q}");
    let missing = get_as(&mut client, &APP1, &uri("userid=kate"));
    assert_eq!(tencent_code(&missing), 190_004);
    assert!(tencent_message(&missing).contains("sub_meeting_id"));
    let yesterday = ok(&get_as(&mut client, &APP1, &uri("userid=kate&sub_meeting_id=1700300001")));
    assert_eq!(yesterday["total_count"], 2);
    assert!(yesterday["participants"].as_array().expect("list").iter().all(|r| r.get("left_time").is_some()));
    let today = ok(&get_as(&mut client, &APP1, &uri("userid=kate&sub_meeting_id=1700300002")));
    assert_eq!(ids(&today["participants"], "userid"), ["kate", "leo"]);
    let tomorrow = ok(&get_as(&mut client, &APP1, &uri("userid=kate&sub_meeting_id=1700300003")));
    assert_eq!(tomorrow["total_count"], 0);
    assert_eq!(tencent_code(&get_as(&mut client, &APP1, &uri("userid=kate&sub_meeting_id=nope"))), 190_004);
}
