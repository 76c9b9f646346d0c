//! A Tencent meeting's layouts against the emulator: adding basic and advanced layouts (nested
//! lists and an object inside list items), applying one to the meeting or to some users, and
//! the open_id targets of kick-out and the waiting room. Each through its one declaration:
//! validation before anything is sent (naming the nested field), the wire the vendor documents,
//! the emulator's state, permissions, and retry safety on a gateway timeout.

use std::time::Duration;

use meetctl::tencent::{
    AdvancedLayout, AdvancedPage, AdvancedSeat, Instance, Layout, LayoutPage, LayoutSeat, LayoutUser,
    Polling, SeatUser, TencentClient, TencentControl, TencentCredentials, TencentOperation, TencentUser,
};
use meetctl::{Args, ClientConfig, ErrorKind, Method, ProxySetting};
use meetctl_emulator::{Emulator, Fault, demo_scenario};
use serde_json::{Value, json};

const MEETING: &str = "1242152152161";
const LAYOUTS: &str = "/v1/meetings/1242152152161/layouts";
const ADVANCED: &str = "/v1/meetings/1242152152161/advanced-layouts";
const APPLYING: &str = "/v1/meetings/1242152152161/applying-layout";

fn client(emu: &Emulator) -> TencentClient {
    let creds = TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None);
    let config = ClientConfig::new()
        .base_url(emu.url())
        .proxy(ProxySetting::Disabled)
        .timeout(Duration::from_secs(10));
    TencentClient::new(creds, config).unwrap()
}

/// alice, the meeting's creator, by userid.
fn alice() -> TencentUser {
    TencentUser::userid("alice", Instance::Ios)
}

/// carol, a co-host, by her ms_open_id (the advanced and apply APIs take it).
fn carol() -> TencentUser {
    TencentUser::ms_open_id("msopenid-carol", Instance::Pc)
}

fn layouts(emu: &Emulator) -> Value {
    let state = emu.state();
    let meeting =
        state["tencent"]["meetings"].as_array().unwrap().iter().find(|m| m["meeting_id"] == MEETING);
    meeting.unwrap()["layouts"].clone()
}

/// A basic layout of one page: bob's video in cell 1, the shared screen in cell 2.
fn basic() -> Layout {
    Layout::new(vec![LayoutPage::new("2").user_seat_list(vec![
        LayoutSeat::new("1", 1).userid("bob").username("Bob"),
        LayoutSeat::new("2", 2),
    ])])
}

/// An advanced layout: a page cycling through two users every 10 seconds.
fn advanced() -> AdvancedLayout {
    let users = vec![SeatUser::new().ms_open_id("agaqwwgdkkddd"), SeatUser::new().userid("carol")];
    AdvancedLayout::new(vec![
        AdvancedPage::new("3", vec![AdvancedSeat::new("1", 1).video_type(3).user_list(users)])
            .enable_polling(true)
            .polling_setting(Polling::new(1, 10, false, true)),
    ])
    .layout_name("rotation")
}

/// The ids of the layouts an add created, from its answer.
fn new_ids(answer: &Value) -> Vec<String> {
    answer["layout_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["layout_id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn layouts_are_added_listed_and_applied() {
    let emu = start();
    let c = client(&emu);
    // The named method; the first layouts a meeting gets: the first is applied.
    c.add_layouts(MEETING, &alice(), &[basic(), basic()], None).unwrap();
    let state = layouts(&emu);
    assert_eq!(state["layout_list"].as_array().unwrap().len(), 2);
    assert_eq!(state["layout_list"][0]["page_list"][0]["user_seat_list"][0]["userid"], "bob");
    let first = state["layout_list"][0]["layout_id"].as_str().unwrap().to_owned();
    assert_eq!(state["selected_layout_id"], json!(first));
    // Through `call`, whose answer carries the new ids; default_layout_order picks the applied one.
    let control = TencentControl::new(TencentOperation::AddLayouts, MEETING, alice())
        .args(Args::new().with("layout_list", vec![basic(), basic()]).with("default_layout_order", 2));
    let ids = new_ids(&c.call(&control).unwrap());
    assert_eq!(ids.len(), 2);
    assert_eq!(layouts(&emu)["selected_layout_id"], json!(ids[1]));
    // An advanced layout, by a co-host's ms_open_id: nothing applied by it.
    let control = TencentControl::new(TencentOperation::AddAdvancedLayouts, MEETING, carol())
        .args(Args::new().with("layout_list", vec![advanced()]));
    let advanced_id = new_ids(&c.call(&control).unwrap()).remove(0);
    let state = layouts(&emu);
    let added = &state["layout_list"][4];
    assert_eq!((added["layout_type"].as_i64(), added["layout_name"].as_str()), (Some(2), Some("rotation")));
    assert_eq!(added["page_list"][0]["polling_setting"]["polling_interval"], 10);
    assert_eq!(added["page_list"][0]["user_seat_list"][0]["user_list"][1]["userid"], "carol");
    assert_eq!(state["selected_layout_id"], json!(ids[1]));
    // Applied to the meeting, then to bob alone (by his ms_open_id and device).
    c.apply_layout(MEETING, &carol(), &advanced_id, None).unwrap();
    assert_eq!(layouts(&emu)["selected_layout_id"], json!(advanced_id));
    let bob = LayoutUser::new("agaqwwgdkkddd", 2);
    c.apply_layout(MEETING, &alice(), &first, Some(&[bob])).unwrap();
    let state = layouts(&emu);
    assert_eq!(state["user_layouts"], json!({"agaqwwgdkkddd": first}));
    assert_eq!(state["selected_layout_id"], json!(advanced_id), "the meeting's own is unchanged");
    // Applying again changes nothing: safe to repeat.
    c.apply_layout(MEETING, &alice(), &first, Some(&[LayoutUser::new("agaqwwgdkkddd", 2)])).unwrap();
    assert_eq!(layouts(&emu)["user_layouts"], json!({"agaqwwgdkkddd": first}));
    // A user on another device than the one named: no effect, as the vendor says.
    c.apply_layout(MEETING, &alice(), &first, Some(&[LayoutUser::new("msopenid-dave", 1)])).unwrap();
    assert_eq!(layouts(&emu)["user_layouts"], json!({"agaqwwgdkkddd": first}));
}

#[test]
fn who_may_and_what_the_vendor_refuses() {
    let emu = start();
    let c = client(&emu);
    // bob is an attendee: 9042, by userid or by ms_open_id.
    let bob = TencentUser::userid("bob", Instance::Mac);
    let e = c.add_layouts(MEETING, &bob, &[basic()], None).unwrap_err();
    assert_eq!(e.code(), Some("9042"), "{e}");
    let bob = TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Mac);
    let e = c.add_advanced_layouts(MEETING, &bob, &[advanced()]).unwrap_err();
    assert_eq!(e.code(), Some("9042"), "{e}");
    c.add_layouts(MEETING, &alice(), &[basic()], None).unwrap();
    let id = layouts(&emu)["layout_list"][0]["layout_id"].as_str().unwrap().to_owned();
    let e = c.apply_layout(MEETING, &bob, &id, None).unwrap_err();
    assert_eq!(e.code(), Some("9042"), "{e}");
    // An unknown layout id: the vendor's 20012.
    let e = c.apply_layout(MEETING, &alice(), "layout-nope", None).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some("20012")), "{e}");
    // A user not in the meeting: 190004.
    let e =
        c.apply_layout(MEETING, &alice(), &id, Some(&[LayoutUser::new("msopenid-nobody", 1)])).unwrap_err();
    assert_eq!(e.code(), Some("190004"), "{e}");
    // At most 20 layouts a meeting.
    let nineteen: Vec<Layout> = (0..19).map(|_| basic()).collect();
    c.add_layouts(MEETING, &alice(), &nineteen, None).unwrap();
    let e = c.add_layouts(MEETING, &alice(), &[basic()], None).unwrap_err();
    assert_eq!(e.code(), Some("190004"), "{e}");
    assert_eq!(layouts(&emu)["layout_list"].as_array().unwrap().len(), 20);
    // OAuth 2.0 is refused before anything is sent.
    let oauth = TencentClient::new(
        TencentCredentials::oauth("oauth-open-id-1", "demo-oauth-token-1"),
        ClientConfig::new().base_url(emu.url()).proxy(ProxySetting::Disabled),
    )
    .unwrap();
    let before = emu.request_count();
    let e = oauth.apply_layout(MEETING, &alice(), &id, None).unwrap_err();
    assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("credentials")));
    assert_eq!(emu.request_count(), before);
}

#[test]
fn every_nested_field_is_checked_before_anything_is_sent() {
    let emu = start();
    let c = client(&emu);
    let before = emu.request_count();
    let field = |e: meetctl::Error| (e.kind(), e.field().map(str::to_owned));
    let invalid = |f: &str| (ErrorKind::InvalidArgument, Some(f.to_owned()));
    assert_eq!(field(c.add_layouts(MEETING, &alice(), &[], None).unwrap_err()), invalid("layout_list"));
    let bad_seat = Layout::new(vec![
        LayoutPage::new("1"),
        LayoutPage::new("2").user_seat_list(vec![LayoutSeat::new("1", 1), LayoutSeat::new("2", 4)]),
    ]);
    assert_eq!(
        field(c.add_layouts(MEETING, &alice(), &[basic(), bad_seat], None).unwrap_err()),
        invalid("layout_list[1].page_list[1].user_seat_list[1].grid_type")
    );
    let empty_grid = Layout::new(vec![LayoutPage::new("2").user_seat_list(vec![LayoutSeat::new("", 1)])]);
    assert_eq!(
        field(c.add_layouts(MEETING, &alice(), &[empty_grid], None).unwrap_err()),
        invalid("layout_list[0].page_list[0].user_seat_list[0].grid_id")
    );
    assert_eq!(
        field(c.add_layouts(MEETING, &alice(), &[basic()], Some(0)).unwrap_err()),
        invalid("default_layout_order")
    );
    // The basic API takes the operator by userid only.
    assert_eq!(
        field(c.add_layouts(MEETING, &carol(), &[basic()], None).unwrap_err()),
        invalid("operator.id")
    );
    // The advanced layout's object inside a page, and the list inside a seat.
    let bad_polling = AdvancedLayout::new(vec![
        AdvancedPage::new("3", vec![AdvancedSeat::new("1", 1)])
            .polling_setting(Polling::new(3, 10, false, false)),
    ]);
    assert_eq!(
        field(c.add_advanced_layouts(MEETING, &alice(), &[bad_polling]).unwrap_err()),
        invalid("layout_list[0].page_list[0].polling_setting.polling_interval_unit")
    );
    let empty_users =
        AdvancedLayout::new(vec![AdvancedPage::new("3", vec![AdvancedSeat::new("1", 1).user_list(vec![])])]);
    assert_eq!(
        field(c.add_advanced_layouts(MEETING, &alice(), &[empty_users]).unwrap_err()),
        invalid("layout_list[0].page_list[0].user_seat_list[0].user_list")
    );
    // JSON as the C and Python bindings pass it: an unknown nested key is named.
    let control = TencentControl::new(TencentOperation::AddAdvancedLayouts, MEETING, alice()).args(
        Args::from_json(
            json!({"layout_list": [{"page_list": [{"layout_template_id": "3", "user_seat_list": [{"grid_id": "1", "grid_type": 1, "colour": "red"}]}]}]}),
            "args",
        )
        .unwrap(),
    );
    assert_eq!(
        field(c.call(&control).unwrap_err()),
        invalid("layout_list[0].page_list[0].user_seat_list[0].colour")
    );
    assert_eq!(field(c.apply_layout(MEETING, &alice(), "", None).unwrap_err()), invalid("layout_id"));
    let too_many: Vec<LayoutUser> = (0..21).map(|i| LayoutUser::new(format!("u{i}"), 9)).collect();
    assert_eq!(
        field(c.apply_layout(MEETING, &alice(), "l", Some(&too_many)).unwrap_err()),
        invalid("user_list")
    );
    assert_eq!(
        field(c.apply_layout(MEETING, &alice(), "l", Some(&[LayoutUser::new("u", 5)])).unwrap_err()),
        invalid("user_list[0].instanceid")
    );
    assert_eq!(emu.request_count(), before, "nothing was sent");
}

#[test]
fn the_wire_is_the_vendors() {
    let emu = start();
    let c = client(&emu);
    let body = |op: TencentOperation, operator: TencentUser, args: Args| {
        let prepared = c.prepare(&TencentControl::new(op, MEETING, operator).args(args)).unwrap();
        (prepared.method, prepared.url, prepared.safe_to_repeat, String::from_utf8(prepared.body).unwrap())
    };
    let (method, url, safe, sent) = body(
        TencentOperation::AddLayouts,
        alice(),
        Args::new().with("layout_list", vec![basic()]).with("default_layout_order", 1),
    );
    assert_eq!((method, safe), (Method::Post, false), "each call adds layouts");
    assert!(url.ends_with(LAYOUTS), "{url}");
    assert_eq!(
        sent,
        r#"{"operator_id":"alice","operator_id_type":1,"instanceid":4,"layout_list":[{"page_list":[{"layout_template_id":"2","user_seat_list":[{"grid_id":"1","grid_type":1,"userid":"bob","username":"Bob"},{"grid_id":"2","grid_type":2}]}]}],"default_layout_order":1}"#
    );
    let (method, url, safe, sent) = body(
        TencentOperation::AddAdvancedLayouts,
        carol(),
        Args::new().with("layout_list", vec![advanced()]),
    );
    assert_eq!((method, safe), (Method::Post, false));
    assert!(url.ends_with(ADVANCED), "{url}");
    assert_eq!(
        sent,
        r#"{"operator_id":"msopenid-carol","operator_id_type":4,"instanceid":1,"layout_list":[{"layout_name":"rotation","page_list":[{"layout_template_id":"3","enable_polling":true,"polling_setting":{"polling_interval_unit":1,"polling_interval":10,"ignore_user_novideo":false,"ignore_user_absence":true},"user_seat_list":[{"grid_id":"1","grid_type":1,"video_type":3,"user_list":[{"ms_open_id":"agaqwwgdkkddd"},{"userid":"carol"}]}]}]}]}"#
    );
    let (method, url, safe, sent) = body(
        TencentOperation::ApplyLayout,
        alice(),
        Args::new()
            .with("layout_id", "layout-1")
            .with("user_list", vec![LayoutUser::new("agaqwwgdkkddd", 2)]),
    );
    assert_eq!((method, safe), (Method::Put, true), "applying a layout twice is applying it once");
    assert!(url.ends_with(APPLYING), "{url}");
    assert_eq!(
        sent,
        r#"{"operator_id":"alice","operator_id_type":1,"instanceid":4,"layout_id":"layout-1","user_list":[{"ms_open_id":"agaqwwgdkkddd","instanceid":2}]}"#
    );
}

#[test]
fn adding_is_not_repeated_on_a_gateway_timeout_and_applying_is() {
    let emu = start();
    let c = client(&emu);
    // The gateway timed out: the layouts may have been added. Sending again could add them twice.
    emu.inject(Fault::status(504).on_path(LAYOUTS).times(1));
    let e = c.add_layouts(MEETING, &alice(), &[basic()], None).unwrap_err();
    assert_eq!((e.status(), e.attempts()), (Some(504), 1), "{e}");
    assert_eq!(emu.statuses_at(LAYOUTS), [504]);
    emu.inject(Fault::status(504).on_path(ADVANCED).times(1));
    let e = c.add_advanced_layouts(MEETING, &alice(), &[advanced()]).unwrap_err();
    assert_eq!((e.status(), e.attempts()), (Some(504), 1), "{e}");
    assert_eq!(emu.statuses_at(ADVANCED), [504]);
    // Applying is safe to repeat: sent again, and it succeeds.
    c.add_layouts(MEETING, &alice(), &[basic(), basic()], None).unwrap();
    let second = layouts(&emu)["layout_list"][1]["layout_id"].as_str().unwrap().to_owned();
    emu.inject(Fault::status(504).on_path(APPLYING).times(1));
    c.apply_layout(MEETING, &alice(), &second, None).unwrap();
    assert_eq!(emu.statuses_at(APPLYING), [504, 200]);
    assert_eq!(layouts(&emu)["selected_layout_id"], json!(second));
}

#[test]
fn kick_out_and_the_waiting_room_take_an_open_id_target() {
    let emu = start();
    let c = client(&emu);
    let member = |userid: &str| {
        let state = emu.state();
        let meeting =
            state["tencent"]["meetings"].as_array().unwrap().iter().find(|m| m["meeting_id"] == MEETING);
        meeting.unwrap()["participants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["userid"] == userid)
            .cloned()
            .unwrap()
    };
    // frank waits in the waiting room; admitted by his open_id.
    let frank = TencentUser::open_id("openid-frank", Instance::Pc);
    c.admit_from_waiting_room(MEETING, &carol(), &[&frank]).unwrap();
    assert_eq!(member("frank")["in_waiting_room"], false, "{}", member("frank"));
    // dave removed by his open_id (to_operator_id_type 2 on the wire).
    let dave = TencentUser::open_id("openid-dave", Instance::Android);
    let prepared = c
        .prepare(&TencentControl::new(TencentOperation::KickOut, MEETING, carol()).target(dave.clone()))
        .unwrap();
    let sent: Value = serde_json::from_slice(&prepared.body).unwrap();
    assert_eq!(
        sent["users"],
        json!([{"to_operator_id": "openid-dave", "to_operator_id_type": 2, "instanceid": 3}])
    );
    c.kick_out(MEETING, &carol(), &[&dave], false, None).unwrap();
    assert_eq!(member("dave")["removed"], true, "{}", member("dave"));
    // An open id nobody has: the vendor's 190004; a uuid target is still refused before I/O.
    let e =
        c.kick_out(MEETING, &carol(), &[&TencentUser::open_id("openid-nobody", Instance::Pc)], true, None);
    assert_eq!(e.unwrap_err().code(), Some("190004"));
    let before = emu.request_count();
    let e = c.kick_out(MEETING, &carol(), &[&TencentUser::uuid("uuid-erin", Instance::Pc)], true, None);
    assert_eq!(e.unwrap_err().field(), Some("targets[0].id"));
    // Mute still takes an ms_open_id only.
    let e = c.mute(MEETING, &carol(), &TencentUser::open_id("openid-erin", Instance::Pc));
    assert_eq!(e.unwrap_err().field(), Some("user.id"));
    assert_eq!(emu.request_count(), before);
}

fn start() -> Emulator {
    Emulator::start(demo_scenario()).unwrap()
}
