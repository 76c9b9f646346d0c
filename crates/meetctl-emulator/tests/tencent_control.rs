//! The Tencent control and listing APIs end to end: state changes visible in the admin state and
//! in the listing, permission refusals, validation, and the meeting's end.

mod common;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::*;
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};

const SDK_MEETING: &str = "1242152152163";
const OAUTH_MEETING: &str = "1242152152162";

fn start() -> (Emulator, Client) {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let client = Client::connect(&emulator);
    (emulator, client)
}

/// `operator` (an object of operator fields) merged with `fields`.
fn with(operator: &Value, fields: Value) -> Value {
    let mut body = operator.clone();
    if let (Some(b), Some(f)) = (body.as_object_mut(), fields.as_object()) {
        b.extend(f.clone());
    }
    body
}

fn alice() -> Value {
    json!({"operator_id": "afagsagwags", "operator_id_type": 4, "instanceid": 4})
}

fn carol() -> Value {
    json!({"operator_id": "msopenid-carol", "operator_id_type": 4, "instanceid": 1})
}

fn dave() -> Value {
    json!({"operator_id": "msopenid-dave", "operator_id_type": 4, "instanceid": 3})
}

fn quinn() -> Value {
    json!({"operator_id": "msopenid-quinn", "operator_id_type": 4, "instanceid": 1})
}

fn target(ms_open_id: &str, instanceid: i64) -> Value {
    json!({"to_operator_id": ms_open_id, "to_operator_id_type": 4, "instanceid": instanceid})
}

fn listing(client: &mut Client, app: &App, meeting: &str, query: &str) -> Response {
    signed(client, app, "GET", &format!("/v1/meetings/{meeting}/real-time-participants?{query}"), b"")
}

fn alice_listing(client: &mut Client) -> Value {
    ok(&listing(client, &APP1, MEETING, "operator_id=alice&operator_id_type=1&page=1&page_size=50"))
}

/// The listing entry with this ms_open_id (or uuid-less rooms device by instanceid).
fn listed<'a>(list: &'a Value, ms_open_id: &str) -> Option<&'a Value> {
    list["participants"].as_array().and_then(|ps| ps.iter().find(|p| p["ms_open_id"] == ms_open_id))
}

#[test]
fn listing_shows_who_is_in_the_meeting() {
    let (emulator, mut client) = start();
    let list = alice_listing(&mut client);
    assert_eq!(list["meeting_id"], MEETING);
    assert_eq!(list["meeting_code"], "806724161");
    assert_eq!(list["status"], "MEETING_STATE_STARTED");
    assert_eq!((list["total_count"].clone(), list["total_page"].clone()), (json!(6), json!(1)));
    assert_eq!((list["current_page"].clone(), list["current_size"].clone()), (json!(1), json!(6)));
    let alice = listed(&list, "afagsagwags").expect("alice");
    assert_eq!(alice["userid"], "alice");
    assert_eq!(alice["user_role"], 3, "the creator is host while nobody else is");
    assert_eq!(alice["instanceid"], 4);
    assert!(alice.get("user_name").is_none(), "no name in the scenario: left out");
    assert_eq!(listed(&list, "msopenid-carol").expect("carol")["user_role"], 6);
    let dave = listed(&list, "msopenid-dave").expect("dave");
    assert_eq!((dave["user_role"].clone(), dave["audio_state"].clone()), (json!(0), json!(false)));
    assert_eq!(
        (dave["video_state"].clone(), dave["screen_shared_state"].clone()),
        (json!(true), json!(false))
    );
    let rooms = list["participants"].as_array().and_then(|ps| ps.iter().find(|p| p["userid"] == "rooms-1"));
    assert!(rooms.is_some_and(|r| r.get("ms_open_id").is_none()));
    assert!(listed(&list, "msopenid-frank").is_none(), "waiting-room members are not listed");

    // Pages.
    let page =
        ok(&listing(&mut client, &APP1, MEETING, "operator_id=alice&operator_id_type=1&page=2&page_size=2"));
    assert_eq!((page["current_page"].clone(), page["current_size"].clone()), (json!(2), json!(2)));
    assert_eq!((page["total_count"].clone(), page["total_page"].clone()), (json!(6), json!(3)));
    let ids: Vec<&str> =
        page["participants"].as_array().expect("list").iter().filter_map(|p| p["userid"].as_str()).collect();
    assert_eq!(ids, ["carol", "dave"]);
    let past =
        ok(&listing(&mut client, &APP1, MEETING, "operator_id=alice&operator_id_type=1&page=9&page_size=50"));
    assert_eq!(past["participants"], json!([]));
    assert_eq!(past["current_size"], 0);

    // Validation and permission.
    for (query, field) in [
        ("operator_id=alice&operator_id_type=1&page=1&page_size=51", "page_size"),
        ("operator_id=alice&operator_id_type=1&page=0&page_size=50", "page"),
        ("operator_id=alice&operator_id_type=1&page_size=50", "page"),
        ("operator_id=alice&operator_id_type=1&page=x&page_size=50", "page"),
        ("operator_id=alice&operator_id_type=3&page=1&page_size=50", "operator_id_type"),
        ("operator_id_type=1&page=1&page_size=50", "operator_id"),
    ] {
        let response = listing(&mut client, &APP1, MEETING, query);
        assert_eq!(tencent_code(&response), 190_004, "{query}");
        assert!(tencent_message(&response).contains(field), "{query}: {}", tencent_message(&response));
    }
    let bob = listing(&mut client, &APP1, MEETING, "operator_id=bob&operator_id_type=1&page=1&page_size=50");
    assert_eq!(tencent_code(&bob), 9042, "an attendee may not list");
    let foreign =
        listing(&mut client, &APP1, SDK_MEETING, "operator_id=quinn&operator_id_type=1&page=1&page_size=50");
    assert_eq!(tencent_code(&foreign), 9003, "another app's meeting");

    // OAuth: operator by openid (its own only).
    let uri = format!(
        "/v1/meetings/{OAUTH_MEETING}/real-time-participants?operator_id=oauth-open-id-1&operator_id_type=2&page=1&page_size=50"
    );
    let list = ok(&oauth_request(&mut client, "oauth-open-id-1", "demo-oauth-token-1", "GET", &uri, b""));
    assert_eq!(list["total_count"], 2);
    assert!(list.get("meeting_code").is_none());
    let olivia = listed(&list, "msopenid-olivia").expect("olivia");
    assert_eq!(
        (olivia["open_id"].clone(), olivia["user_role"].clone()),
        (json!("oauth-open-id-1"), json!(2))
    );
    let other = uri.replace("operator_id=oauth-open-id-1", "operator_id=someone-else");
    let response = oauth_request(&mut client, "oauth-open-id-1", "demo-oauth-token-1", "GET", &other, b"");
    assert_eq!(tencent_code(&response), 190_004);
    drop(emulator);
}

#[test]
fn ms_open_id_lookup() {
    let (_emulator, mut client) = start();
    let uri = |q: &str| format!("/v1/meetings/{MEETING}/ms-open-id?{q}");
    let bob = ok(&signed(&mut client, &APP1, "GET", &uri("operator_id=bob&operator_id_type=1"), b""));
    assert_eq!(bob, json!({"meeting_id": MEETING, "ms_open_id": "agaqwwgdkkddd"}));
    let frank = ok(&signed(&mut client, &APP1, "GET", &uri("operator_id=frank&operator_id_type=1"), b""));
    assert_eq!(frank["ms_open_id"], "msopenid-frank", "waiting-room members have one too");
    let rooms = ok(&signed(&mut client, &APP1, "GET", &uri("operator_id=rooms-1&operator_id_type=1"), b""));
    assert_eq!(rooms, json!({"meeting_id": MEETING}), "unknown ms_open_id: left out");
    let nobody = signed(&mut client, &APP1, "GET", &uri("operator_id=nobody&operator_id_type=1"), b"");
    assert_eq!(tencent_code(&nobody), 190_004);
    let missing = signed(&mut client, &APP1, "GET", &uri("operator_id=bob"), b"");
    assert!(tencent_message(&missing).contains("operator_id_type"));
}

#[test]
fn kickout_removes_users_from_the_state_and_the_listing() {
    let (emulator, mut client) = start();
    let bob = target("agaqwwgdkkddd", 2);
    let body = with(&alice(), json!({"users": [bob], "allow_rejoin": false, "reason": "spam"}));
    assert_eq!(ok(&control(&mut client, &APP1, MEETING, "kickout", &body)), json!({}));
    let state = emulator.state();
    let removed = member(&state, MEETING, "userid", "bob");
    assert_eq!((removed["removed"].clone(), removed["allow_rejoin"].clone()), (json!(true), json!(false)));
    let list = alice_listing(&mut client);
    assert_eq!(list["total_count"], 5);
    assert!(listed(&list, "agaqwwgdkkddd").is_none());
    let info = ok(&signed(
        &mut client,
        &APP1,
        "GET",
        &format!("/v1/meetings/{MEETING}?userid=alice&instanceid=4"),
        b"",
    ));
    assert_eq!(info["meeting_info_list"][0]["participant_count"], 5);

    // Removed users are no longer in the meeting; allow_rejoin defaults to true.
    let again = control(&mut client, &APP1, MEETING, "kickout", &body);
    assert_eq!(
        (tencent_code(&again), tencent_message(&again)),
        (json!(190_004), "user not in meeting".into())
    );
    let dave_by_uuid = with(&alice(), json!({"users": [{"uuid": "uuid-dave", "instanceid": 3}]}));
    ok(&control(&mut client, &APP1, MEETING, "kickout", &dave_by_uuid));
    assert_eq!(member(&emulator.state(), MEETING, "userid", "dave")["allow_rejoin"], true);

    // An attendee may not; the target stays.
    let by_erin = json!({"operator_id": "msopenid-erin", "operator_id_type": 4, "instanceid": 1,
        "users": [target("msopenid-carol", 1)]});
    assert_eq!(tencent_code(&control(&mut client, &APP1, MEETING, "kickout", &by_erin)), 9042);
    assert_eq!(member(&emulator.state(), MEETING, "userid", "carol")["removed"], false);

    // Validation names the field.
    for (fields, field) in [
        (json!({"users": []}), "users"),
        (json!({}), "users"),
        (
            json!({"users": [{"to_operator_id": "msopenid-carol", "to_operator_id_type": 4}]}),
            "users[0].instanceid",
        ),
        (json!({"users": [target("msopenid-carol", 1)], "allow_rejoin": "no"}), "allow_rejoin"),
        (json!({"users": [target("msopenid-carol", 1)], "reason": 5}), "reason"),
    ] {
        let response = control(&mut client, &APP1, MEETING, "kickout", &with(&alice(), fields));
        assert_eq!(tencent_code(&response), 190_004, "{field}");
        assert!(tencent_message(&response).contains(field), "{field}: {}", tencent_message(&response));
    }
    // One unknown user among several: nothing changes.
    let mixed = with(&alice(), json!({"users": [target("msopenid-carol", 1), target("msopenid-nobody", 1)]}));
    assert_eq!(tencent_code(&control(&mut client, &APP1, MEETING, "kickout", &mixed)), 190_004);
    assert_eq!(member(&emulator.state(), MEETING, "userid", "carol")["removed"], false);
}

#[test]
fn waiting_room_admit_move_and_remove() {
    let (emulator, mut client) = start();
    let wr = |operate_type: i64, users: Value| {
        with(&alice(), json!({"operate_type": operate_type, "users": users}))
    };

    // Admit frank.
    ok(&control(&mut client, &APP1, MEETING, "waiting-room", &wr(1, json!([target("msopenid-frank", 1)]))));
    assert_eq!(member(&emulator.state(), MEETING, "userid", "frank")["in_waiting_room"], false);
    assert!(listed(&alice_listing(&mut client), "msopenid-frank").is_some());

    // Move bob to the waiting room: out of the listing.
    ok(&control(&mut client, &APP1, MEETING, "waiting-room", &wr(2, json!([target("agaqwwgdkkddd", 2)]))));
    assert_eq!(member(&emulator.state(), MEETING, "userid", "bob")["in_waiting_room"], true);
    assert!(listed(&alice_listing(&mut client), "agaqwwgdkkddd").is_none());
    // A waiting-room member is not "in the meeting" for the other APIs.
    let mute_bob = with(&alice(), json!({"mute": true, "user": target("agaqwwgdkkddd", 2)}));
    assert_eq!(tencent_code(&control(&mut client, &APP1, MEETING, "mutes", &mute_bob)), 190_004);

    // Remove gina from the waiting room, no rejoin.
    let mut remove = wr(3, json!([target("msopenid-gina", 5)]));
    remove["allow_rejoin"] = json!(false);
    ok(&control(&mut client, &APP1, MEETING, "waiting-room", &remove));
    let gina = member(&emulator.state(), MEETING, "userid", "gina").clone();
    assert_eq!((gina["removed"].clone(), gina["allow_rejoin"].clone()), (json!(true), json!(false)));
    assert_eq!(gina["in_waiting_room"], false);

    // Rooms devices cannot be moved: 9103.
    let rooms = wr(2, json!([{"uuid": "uuid-rooms-1", "instanceid": 20}]));
    assert_eq!(tencent_code(&control(&mut client, &APP1, MEETING, "waiting-room", &rooms)), 9103);
    assert_eq!(member(&emulator.state(), MEETING, "userid", "rooms-1")["in_waiting_room"], false);

    // Validation and permission.
    let mut rejoin_with_admit = wr(1, json!([target("agaqwwgdkkddd", 2)]));
    rejoin_with_admit["allow_rejoin"] = json!(true);
    for (body, field) in [
        (wr(4, json!([target("agaqwwgdkkddd", 2)])), "operate_type"),
        (wr(0, json!([target("agaqwwgdkkddd", 2)])), "operate_type"),
        (rejoin_with_admit, "allow_rejoin"),
        (wr(1, json!([])), "users"),
        (with(&alice(), json!({"users": [target("agaqwwgdkkddd", 2)]})), "operate_type"),
    ] {
        let response = control(&mut client, &APP1, MEETING, "waiting-room", &body);
        assert_eq!(tencent_code(&response), 190_004, "{field}");
        assert!(tencent_message(&response).contains(field), "{field}: {}", tencent_message(&response));
    }
    let by_dave = with(&dave(), json!({"operate_type": 1, "users": [target("agaqwwgdkkddd", 2)]}));
    assert_eq!(tencent_code(&control(&mut client, &APP1, MEETING, "waiting-room", &by_dave)), 9042);
    assert_eq!(member(&emulator.state(), MEETING, "userid", "bob")["in_waiting_room"], true);
}

#[test]
fn screen_share_rename_and_mra_devices() {
    let (emulator, mut client) = start();
    let list = |client: &mut Client| {
        ok(&listing(client, &APP2, SDK_MEETING, "operator_id=quinn&operator_id_type=1&page=1&page_size=50"))
    };
    assert_eq!(listed(&list(&mut client), "msopenid-sam").expect("sam")["screen_shared_state"], true);

    // Stop sam's screen sharing.
    let stop = with(&quinn(), json!({"user": target("msopenid-sam", 3)}));
    ok(&control(&mut client, &APP2, SDK_MEETING, "screen-shared", &stop));
    assert_eq!(member(&emulator.state(), SDK_MEETING, "userid", "sam")["sharing_screen"], false);
    assert_eq!(listed(&list(&mut client), "msopenid-sam").expect("sam")["screen_shared_state"], false);
    let by_ruth = json!({"operator_id": "msopenid-ruth", "operator_id_type": 4, "instanceid": 2,
        "user": target("msopenid-sam", 3)});
    assert_eq!(tencent_code(&control(&mut client, &APP2, SDK_MEETING, "screen-shared", &by_ruth)), 9042);

    // Rename sam (UTF-8, 20 characters at most).
    let name = "Samuel 山姆";
    let rename = |nick: &str| {
        with(&quinn(), json!({"users": [{"ms_open_id": "msopenid-sam", "instanceid": 3, "nick_name": nick}]}))
    };
    ok(&control(&mut client, &APP2, SDK_MEETING, "names", &rename(name)));
    assert_eq!(member(&emulator.state(), SDK_MEETING, "userid", "sam")["name"], name);
    let sam = listed(&list(&mut client), "msopenid-sam").expect("sam").clone();
    assert_eq!(sam["user_name"], STANDARD.encode(name.as_bytes()));
    ok(&control(&mut client, &APP2, SDK_MEETING, "names", &rename(&"名".repeat(20))));
    let too_long = control(&mut client, &APP2, SDK_MEETING, "names", &rename(&"x".repeat(21)));
    assert_eq!(tencent_code(&too_long), 190_004);
    assert!(tencent_message(&too_long).contains("users[0].nick_name"));
    let no_name = with(&quinn(), json!({"users": [{"ms_open_id": "msopenid-sam", "instanceid": 3}]}));
    assert!(
        tencent_message(&control(&mut client, &APP2, SDK_MEETING, "names", &no_name)).contains("nick_name")
    );
    assert_eq!(member(&emulator.state(), SDK_MEETING, "userid", "sam")["name"], "名".repeat(20));

    // An MRA device's video can be opened, and closed again.
    let room = json!({"uuid": "uuid-room-301", "instanceid": 9});
    let open = with(&quinn(), json!({"video": true, "user": room}));
    ok(&control(&mut client, &APP2, SDK_MEETING, "video", &open));
    assert_eq!(member(&emulator.state(), SDK_MEETING, "uuid", "uuid-room-301")["video"], true);
    let listed_room = list(&mut client)["participants"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["instanceid"] == 9).cloned())
        .expect("room");
    assert_eq!(listed_room["video_state"], true);
    assert_eq!(listed_room["user_name"], STANDARD.encode("Room 301"));
    ok(&control(
        &mut client,
        &APP2,
        SDK_MEETING,
        "video",
        &with(&quinn(), json!({"video": false, "user": room})),
    ));
    assert_eq!(member(&emulator.state(), SDK_MEETING, "uuid", "uuid-room-301")["video"], false);

    // Moving it to the waiting room: 9103; removing it needs a reason.
    let move_room = with(&quinn(), json!({"operate_type": 2, "users": [room]}));
    assert_eq!(tencent_code(&control(&mut client, &APP2, SDK_MEETING, "waiting-room", &move_room)), 9103);
    let kick_room = with(&quinn(), json!({"users": [room]}));
    let response = control(&mut client, &APP2, SDK_MEETING, "kickout", &kick_room);
    assert_eq!(tencent_code(&response), 190_004);
    assert!(tencent_message(&response).contains("reason"));
    ok(&control(
        &mut client,
        &APP2,
        SDK_MEETING,
        "kickout",
        &with(&kick_room, json!({"reason": "room closed"})),
    ));
    assert_eq!(member(&emulator.state(), SDK_MEETING, "uuid", "uuid-room-301")["removed"], true);
}

#[test]
fn video_true_never_closes_and_only_opens_mra_devices() {
    let (emulator, mut client) = start();
    // bob is not an MRA device: 190004 naming `video`, and his video stays on.
    let open_bob = with(&alice(), json!({"video": true, "user": target("agaqwwgdkkddd", 2)}));
    let response = control(&mut client, &APP1, MEETING, "video", &open_bob);
    assert_eq!(tencent_code(&response), 190_004);
    assert!(tencent_message(&response).contains("video"));
    assert_eq!(member(&emulator.state(), MEETING, "userid", "bob")["video"], true);
    // Closing (no video field, or false) still works; `video` must be a boolean.
    ok(&control(
        &mut client,
        &APP1,
        MEETING,
        "video",
        &with(&alice(), json!({"user": target("agaqwwgdkkddd", 2)})),
    ));
    assert_eq!(member(&emulator.state(), MEETING, "userid", "bob")["video"], false);
    let again = control(&mut client, &APP1, MEETING, "video", &open_bob);
    assert_eq!(tencent_code(&again), 190_004);
    assert_eq!(
        member(&emulator.state(), MEETING, "userid", "bob")["video"],
        false,
        "true never closes, never opens"
    );
    let not_bool = with(&alice(), json!({"video": 1, "user": target("agaqwwgdkkddd", 2)}));
    assert!(
        tencent_message(&control(&mut client, &APP1, MEETING, "video", &not_bool))
            .contains("video must be a boolean")
    );
}

#[test]
fn status_doc_and_asr_change_meeting_settings() {
    let (emulator, mut client) = start();
    let alice_by_userid = json!({"operator_id": "alice", "operator_id_type": 1, "instanceid": 4});
    let settings = json!({"mute_all": true, "allow_unmute_by_self": false, "meeting_locked": true, "allow_chat": 2, "participant_join_mute": 1});
    ok(&control(&mut client, &APP1, MEETING, "status", &with(&alice_by_userid, settings)));
    let state = emulator.state();
    let current = &meeting(&state, MEETING)["settings"];
    assert_eq!(current["mute_all"], true);
    assert_eq!(current["allow_unmute_by_self"], false);
    assert_eq!(current["meeting_locked"], true);
    assert_eq!(current["allow_chat"], 2);
    assert_eq!(current["participant_join_mute"], 1);
    assert_eq!(current["share_screen"], true, "settings not given stay as they were");
    for (userid, muted) in [("bob", true), ("erin", true), ("carol", false), ("alice", false)] {
        assert_eq!(member(&state, MEETING, "userid", userid)["muted"], muted, "{userid}");
    }
    assert_eq!(listed(&alice_listing(&mut client), "agaqwwgdkkddd").expect("bob")["audio_state"], false);
    // Unmute all: every attendee, dave too.
    ok(&control(&mut client, &APP1, MEETING, "status", &with(&carol(), json!({"mute_all": false}))));
    assert_eq!(member(&emulator.state(), MEETING, "userid", "dave")["muted"], false);

    for (fields, field) in [
        (json!({}), "at least one setting"),
        (json!({"allow_chat": 3}), "allow_chat"),
        (json!({"participant_join_mute": "1"}), "participant_join_mute"),
        (json!({"meeting_locked": "yes"}), "meeting_locked"),
    ] {
        let response = control(&mut client, &APP1, MEETING, "status", &with(&alice(), fields));
        assert_eq!(tencent_code(&response), 190_004, "{field}");
        assert!(tencent_message(&response).contains(field), "{field}: {}", tencent_message(&response));
    }
    let by_openid =
        json!({"operator_id": "x", "operator_id_type": 2, "instanceid": 1, "meeting_locked": false});
    assert_eq!(tencent_code(&control(&mut client, &APP1, MEETING, "status", &by_openid)), 190_004);
    let by_dave = with(&dave(), json!({"meeting_locked": false}));
    assert_eq!(tencent_code(&control(&mut client, &APP1, MEETING, "status", &by_dave)), 9042);
    assert_eq!(meeting(&emulator.state(), MEETING)["settings"]["meeting_locked"], true);

    // Document upload.
    ok(&control(&mut client, &APP1, MEETING, "doc", &with(&carol(), json!({"enable_upload_doc": false}))));
    assert_eq!(meeting(&emulator.state(), MEETING)["settings"]["enable_upload_doc"], false);
    assert!(
        tencent_message(&control(&mut client, &APP1, MEETING, "doc", &carol())).contains("enable_upload_doc")
    );
    assert_eq!(
        tencent_code(&control(
            &mut client,
            &APP1,
            MEETING,
            "doc",
            &with(&dave(), json!({"enable_upload_doc": true}))
        )),
        9042
    );

    // Transcription: creator only, by userid, on device `instance_id`.
    let asr = |operator: &str, fields: Value| {
        with(&json!({"operator_id": operator, "operator_id_type": 1}), fields)
    };
    ok(&control(
        &mut client,
        &APP1,
        MEETING,
        "asr",
        &asr("alice", json!({"instance_id": 4, "is_open": true})),
    ));
    assert_eq!(meeting(&emulator.state(), MEETING)["settings"]["transcription"], true);
    let by_cohost = control(
        &mut client,
        &APP1,
        MEETING,
        "asr",
        &asr("carol", json!({"instance_id": 1, "is_open": false})),
    );
    assert_eq!(tencent_code(&by_cohost), 9042);
    let misspelt = control(
        &mut client,
        &APP1,
        MEETING,
        "asr",
        &asr("alice", json!({"instanceid": 4, "is_open": false})),
    );
    assert!(tencent_message(&misspelt).contains("instance_id is required"));
    let by_ms_open_id =
        json!({"operator_id": "afagsagwags", "operator_id_type": 4, "instance_id": 4, "is_open": false});
    assert_eq!(tencent_code(&control(&mut client, &APP1, MEETING, "asr", &by_ms_open_id)), 190_004);
    assert_eq!(meeting(&emulator.state(), MEETING)["settings"]["transcription"], true);
}

#[test]
fn dismiss_ends_the_meeting_for_every_control_and_listing_call() {
    let (emulator, mut client) = start();
    let dismiss = |client: &mut Client, body: &Value| {
        signed(client, &APP1, "POST", &format!("/v1/meetings/{MEETING}/dismiss"), body.to_string().as_bytes())
    };
    let alice_by_userid = json!({"operator_id": "alice", "operator_id_type": 1, "instanceid": 4});
    let not_forced = with(&alice_by_userid, json!({"reason_code": 1, "force_dismiss_meeting": 0}));
    assert!(tencent_message(&dismiss(&mut client, &not_forced)).contains("force_dismiss_meeting"));
    assert!(tencent_message(&dismiss(&mut client, &alice_by_userid)).contains("reason_code"));
    let bad_retrieve = with(&alice_by_userid, json!({"reason_code": 1, "retrieve_code": 2}));
    assert!(tencent_message(&dismiss(&mut client, &bad_retrieve)).contains("retrieve_code"));
    assert_eq!(tencent_code(&dismiss(&mut client, &with(&dave(), json!({"reason_code": 1})))), 9042);
    assert_eq!(meeting(&emulator.state(), MEETING)["ended"], false);

    let body = with(
        &alice_by_userid,
        json!({"reason_code": 3, "reason_detail": "done", "force_dismiss_meeting": 1}),
    );
    assert_eq!(ok(&dismiss(&mut client, &body)), json!({}));
    let state = emulator.state();
    let ended = meeting(&state, MEETING);
    assert_eq!(ended["ended"], true);
    assert_eq!(
        ended["dismissal"],
        json!({"reason_code": 3, "reason_detail": "done", "force_dismiss_meeting": 1, "retrieve_code": 0})
    );

    // Every control and listing call now answers 9003 "has ended"; the meeting itself can still be read.
    let mute = with(&alice(), json!({"mute": true, "user": target("agaqwwgdkkddd", 2)}));
    let responses = [
        control(&mut client, &APP1, MEETING, "mutes", &mute),
        control(&mut client, &APP1, MEETING, "status", &with(&alice(), json!({"meeting_locked": true}))),
        dismiss(&mut client, &body),
        listing(&mut client, &APP1, MEETING, "operator_id=alice&operator_id_type=1&page=1&page_size=50"),
        signed(
            &mut client,
            &APP1,
            "GET",
            &format!("/v1/meetings/{MEETING}/ms-open-id?operator_id=bob&operator_id_type=1"),
            b"",
        ),
    ];
    for response in &responses {
        assert_eq!(tencent_code(response), 9003);
        assert!(tencent_message(response).contains("has ended"));
    }
    assert_eq!(member(&emulator.state(), MEETING, "userid", "bob")["muted"], false);
    let info =
        signed(&mut client, &APP1, "GET", &format!("/v1/meetings/{MEETING}?userid=alice&instanceid=4"), b"");
    ok(&info);
    // Other meetings are not affected.
    let quinn_list =
        listing(&mut client, &APP2, SDK_MEETING, "operator_id=quinn&operator_id_type=1&page=1&page_size=50");
    ok(&quinn_list);
}

#[test]
fn oauth_control_needs_the_scope_and_may_name_itself_by_openid() {
    let (emulator, mut client) = start();
    let uri = format!("/v1/real-control/meetings/{OAUTH_MEETING}/mutes");
    let body = json!({"operator_id": "oauth-open-id-1", "operator_id_type": 2, "instanceid": 1, "mute": true,
        "user": target("msopenid-pete", 5)})
    .to_string();
    ok(&oauth_request(&mut client, "oauth-open-id-1", "demo-oauth-token-1", "PUT", &uri, body.as_bytes()));
    assert_eq!(member(&emulator.state(), OAUTH_MEETING, "userid", "pete")["muted"], true);
    let kick = format!("/v1/real-control/meetings/{OAUTH_MEETING}/kickout");
    let kick_body = json!({"operator_id": "oauth-open-id-2", "operator_id_type": 2, "instanceid": 1,
        "users": [target("msopenid-pete", 5)]})
    .to_string();
    let response = oauth_request(
        &mut client,
        "oauth-open-id-2",
        "demo-oauth-token-2",
        "PUT",
        &kick,
        kick_body.as_bytes(),
    );
    assert_eq!(tencent_code(&response), 9042, "no MANAGE_MEETING scope");
    assert_eq!(member(&emulator.state(), OAUTH_MEETING, "userid", "pete")["removed"], false);
}

#[test]
fn a_participant_rejoins_on_another_device_keeping_the_ms_open_id() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    emu.tencent_rejoin("1242152152161", "agaqwwgdkkddd", 4).unwrap();
    let bob = emu.state()["tencent"]["meetings"][0]["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["ms_open_id"] == "agaqwwgdkkddd")
        .cloned()
        .unwrap();
    assert_eq!(bob["instanceid"], 4);
    assert!(emu.tencent_rejoin("1242152152161", "nobody", 4).is_err());
    assert!(emu.tencent_rejoin("1242152152161", "agaqwwgdkkddd", 11).is_err());
}
