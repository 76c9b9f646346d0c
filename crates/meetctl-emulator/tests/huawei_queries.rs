//! The Huawei management queries end to end (online list, details, online attendees, call-number
//! check) with a real access token, and the WebSocket token of the control API.

mod common;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::*;
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};

const CONF: &str = "914083136";

/// An emulator, a client, and an access token (account authentication).
fn start() -> (Emulator, Client, String) {
    let emulator = Emulator::start(demo_scenario()).expect("start");
    let mut client = Client::connect(&emulator);
    let basic = format!("Basic {}", STANDARD.encode("demo-account:Demo@Passw0rd"));
    let body = json!({"account": "demo-account", "clientType": 72}).to_string();
    let response = client
        .send("POST", "/v1/usg/acs/auth/account", &[("Authorization", basic.as_str())], body.as_bytes())
        .expect("auth");
    let token = ok(&response)["accessToken"].as_str().expect("accessToken").to_string();
    (emulator, client, token)
}

fn query(client: &mut Client, token: &str, uri: &str) -> Response {
    client.send("GET", uri, &[("X-Access-Token", token)], b"").expect("request")
}

fn conference_ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("data")
        .iter()
        .map(|c| c["conferenceID"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn online_list_searches_and_pages() {
    let (_emulator, mut client, token) = start();
    let all = ok(&query(&mut client, &token, "/v1/mmc/management/conferences/online"));
    assert_eq!(
        (all["offset"].clone(), all["limit"].clone(), all["count"].clone()),
        (json!(0), json!(20), json!(3))
    );
    assert_eq!(conference_ids(&all["data"]), ["914083138", CONF, "914083139"], "in progress only, by start");
    let demo =
        all["data"].as_array().and_then(|d| d.iter().find(|c| c["conferenceID"] == CONF)).expect("demo");
    assert_eq!(demo["subject"], "Demo conference");
    assert_eq!(demo["conferenceState"], "Created");
    assert_eq!(demo["scheduserName"], "demo-account");
    assert_eq!(demo["accessNumber"], "+991117");
    assert_eq!(demo["timeZoneID"], "56");
    let start = demo["startTime"].as_str().expect("startTime");
    assert_eq!(start.len(), 16, "yyyy-MM-dd HH:mm: {start}");
    assert_eq!((&start[4..5], &start[10..11], &start[13..14]), ("-", " ", ":"));
    let room =
        all["data"].as_array().and_then(|d| d.iter().find(|c| c["conferenceID"] == "914083139")).expect("8F");
    assert_eq!((room["vmrFlag"].clone(), room["vmrConferenceID"].clone()), (json!(1), json!("989083139")));
    assert_eq!((room["terminlCount"].clone(), room["normalCount"].clone()), (json!(1), json!(1)));

    let found = ok(&query(&mut client, &token, "/v1/mmc/management/conferences/online?searchKey=boardroom"));
    assert_eq!(conference_ids(&found["data"]), ["914083139"]);
    let by_id = ok(&query(&mut client, &token, "/v1/mmc/management/conferences/online?searchKey=914083136"));
    assert_eq!(conference_ids(&by_id["data"]), [CONF]);
    let by_scheduler = ok(&query(&mut client, &token, "/v1/mmc/management/conferences/online?searchKey=hal"));
    assert_eq!(conference_ids(&by_scheduler["data"]), ["914083139"]);
    let scheduled =
        ok(&query(&mut client, &token, "/v1/mmc/management/conferences/online?searchKey=Quarterly"));
    assert_eq!(scheduled["count"], 0, "a scheduled conference is not online");
    let page = ok(&query(
        &mut client,
        &token,
        "/v1/mmc/management/conferences/online?offset=1&limit=1&queryAll=true",
    ));
    assert_eq!((page["count"].clone(), conference_ids(&page["data"])), (json!(3), vec![CONF.to_string()]));
    for bad in ["offset=-1", "limit=0", "limit=x", "queryAll=maybe", "searchKey="] {
        let response = query(&mut client, &token, &format!("/v1/mmc/management/conferences/online?{bad}"));
        assert_eq!((response.status, huawei_code(&response)), (400, "MMC.111070001".to_string()), "{bad}");
    }
    let anonymous = client.send("GET", "/v1/mmc/management/conferences/online", &[], b"").expect("request");
    assert_eq!((anonymous.status, huawei_code(&anonymous)), (401, "USG.000000004".to_string()));
    let stale = query(&mut client, "not-a-token", "/v1/mmc/management/conferences/online");
    assert_eq!(stale.status, 401);
}

#[test]
fn conference_details() {
    let (_emulator, mut client, token) = start();
    let online = ok(&query(
        &mut client,
        &token,
        &format!("/v1/mmc/management/conferences/online/confDetail?conferenceID={CONF}&limit=2"),
    ));
    assert_eq!(online["conferenceData"]["conferenceID"], CONF);
    assert_eq!(online["conferenceData"]["passwordEntry"][0]["conferenceRole"], "chair");
    let page = &online["data"];
    assert_eq!(
        (page["offset"].clone(), page["limit"].clone(), page["count"].clone()),
        (json!(0), json!(2), json!(5))
    );
    assert_eq!(
        page["data"][0],
        json!({"participantID": "+8613800000001", "name": "Alice", "role": 1,
                                        "state": "MEETTING", "attendeeType": "normal"})
    );
    let scheduled =
        query(&mut client, &token, "/v1/mmc/management/conferences/online/confDetail?conferenceID=914083137");
    assert_eq!((scheduled.status, huawei_code(&scheduled)), (400, "MMC.111070005".to_string()));
    let any =
        ok(&query(&mut client, &token, "/v1/mmc/management/conferences/confDetail?conferenceID=914083137"));
    assert_eq!(any["conferenceData"]["conferenceState"], "Schedule");
    assert_eq!(any["conferenceData"]["confType"], "FUTURE");
    assert_eq!(any["data"]["count"], 2, "those invited");
    let missing = query(&mut client, &token, "/v1/mmc/management/conferences/confDetail");
    assert_eq!(huawei_code(&missing), "MMC.111070001");
    let unknown = query(&mut client, &token, "/v1/mmc/management/conferences/confDetail?conferenceID=1");
    assert_eq!(huawei_code(&unknown), "MMC.111070005");
}

#[test]
fn online_attendees_and_call_numbers() {
    let (_emulator, mut client, token) = start();
    let uri = |q: &str| format!("/v1/mmc/management/conferences/online/conf-attendee?{q}");
    let all = ok(&query(&mut client, &token, &uri(&format!("conf_id={CONF}"))));
    assert_eq!(all["count"], 5, "not the waiting room");
    assert_eq!(
        all["data"][0],
        json!({"participant_id": "d2c3ae64216e11eabc510dc9b62e3a80", "name": "Alice",
                                       "call_number": "+8613800000001", "role": 1})
    );
    let page = ok(&query(&mut client, &token, &uri(&format!("conf_id={CONF}&offset=4&limit=10"))));
    assert_eq!(page["data"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["data"][0]["participant_id"], "p-evan");
    assert_eq!(huawei_code(&query(&mut client, &token, &uri(""))), "MMC.111070001");
    assert_eq!(huawei_code(&query(&mut client, &token, &uri("conf_id=914083137"))), "MMC.111070005");

    let check = |client: &mut Client, number: &str| {
        let encoded = number.replace('+', "%2B").replace(':', "%3A").replace('@', "%40");
        ok(&query(
            client,
            &token,
            &format!("/v2/mms/ncms/conferences/online/check-callnumber-in-conf?call_number={encoded}"),
        ))
    };
    assert_eq!(
        check(&mut client, "sip:boardroom-8f@meeting.example.com"),
        json!({"in_conf": true, "conf_id": "914083139"})
    );
    assert_eq!(check(&mut client, "+8613800000005"), json!({"in_conf": true, "conf_id": CONF}));
    assert_eq!(check(&mut client, "sip:lobby-2f@meeting.example.com"), json!({"in_conf": false}));
    assert_eq!(
        check(&mut client, "sip:gus@example.com"),
        json!({"in_conf": false}),
        "the waiting room is not the conference"
    );
    let missing = query(&mut client, &token, "/v2/mms/ncms/conferences/online/check-callnumber-in-conf");
    assert_eq!((missing.status, huawei_code(&missing)), (400, "MMC.111070001".to_string()));
    let anonymous = client
        .send("GET", "/v2/mms/ncms/conferences/online/check-callnumber-in-conf?call_number=1", &[], b"")
        .expect("request");
    assert_eq!(anonymous.status, 401);
    let unknown_path = client.send("GET", "/v2/mms/nope", &[], b"").expect("request");
    assert_eq!((unknown_path.status, huawei_code(&unknown_path)), (404, "APIGW.0101".to_string()));
}

#[test]
fn ws_token_is_random_and_remembered() {
    let (emulator, mut client, _token) = start();
    let guest = control_token(&mut client, CONF, "246810");
    let first = ok(&hw_call(&mut client, "GET", CONF, "wsToken", "", &guest, b""));
    let second = ok(&hw_call(&mut client, "GET", CONF, "wsToken", "", &guest, b""));
    let (a, b) =
        (first["webSocketToken"].as_str().expect("token"), second["webSocketToken"].as_str().expect("token"));
    assert!(a.len() >= 32 && a != b);
    let state = emulator.state();
    let remembered = state["huawei"]["ws_tokens"].as_array().expect("ws_tokens");
    assert!(remembered.iter().any(|t| t["token"] == a && t["conference_id"] == CONF && t["role"] == 0));
    let none = hw_call(&mut client, "GET", CONF, "wsToken", "", "", b"");
    assert_eq!((none.status, huawei_code(&none)), (401, "MMC.111070111".to_string()));
    let bad = hw_call(&mut client, "GET", CONF, "wsToken", "", "stbnope", b"");
    assert_eq!((bad.status, huawei_code(&bad)), (401, "MMC.111070004".to_string()));
}

#[test]
fn conferences_not_ended_include_scheduled_ones_and_sort_and_page() {
    let (_emulator, mut client, token) = start();
    let all = ok(&query(&mut client, &token, "/v1/mmc/management/conferences"));
    let ids = conference_ids(&all["data"]);
    assert_eq!(all["count"], json!(ids.len()));
    for id in [CONF, "914083137", "914083138", "914083139"] {
        assert!(ids.iter().any(|i| i == id), "{id} in {ids:?}");
    }
    let latest_first =
        ok(&query(&mut client, &token, "/v1/mmc/management/conferences?sortType=DSC_StartTIME"));
    let mut reversed = conference_ids(&latest_first["data"]);
    reversed.reverse();
    assert_eq!(reversed, ids);
    let page = ok(&query(&mut client, &token, "/v1/mmc/management/conferences?offset=1&limit=2"));
    assert_eq!(conference_ids(&page["data"]), ids[1..3]);
    let found = ok(&query(&mut client, &token, "/v1/mmc/management/conferences?searchKey=Quarterly"));
    assert_eq!(conference_ids(&found["data"]), ["914083137"]);
    for bad in ["queryConfMode=YEAR", "sortType=up", "limit=0", "queryAll=maybe"] {
        let response = query(&mut client, &token, &format!("/v1/mmc/management/conferences?{bad}"));
        assert_eq!(response.status, 400, "{bad}");
    }
    let refused = client.send("GET", "/v1/mmc/management/conferences", &[], b"").expect("request");
    assert_eq!(refused.status, 401);
}
