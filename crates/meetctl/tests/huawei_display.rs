//! Huawei's display and interpretation controls (`display/mode`, deleting a saved layout,
//! simultaneous interpretation, participants' language channels) and two lookups (the saved
//! layouts through the conference handle, the management site's status through the client with
//! no token), against the emulator's demo scenario: each call's effect, the wire as the vendor
//! documents it, validation before anything is sent, the vendor's rights, and that they are
//! repeated after a 504.

mod demo_conference;

use std::time::Duration;

use demo_conference::*;
use meetctl::huawei::{
    AccountAuth, ConferenceAuth, ConferenceControl, HuaweiClient, HuaweiLookup, HuaweiOperation, Region,
};
use meetctl::{Args, ErrorKind, Secret};
use meetctl_emulator::{Emulator, Fault, demo_scenario};
use serde_json::{Value, json};

const LAYOUT: &str = "/v1/mmc/control/conferences/layOut";
const INTERPRETATION: &str = "/v1/mmc/control/conferences/simultaneousInterpretation";
const SITE_STATUS: &str = "/v1/mmc/control/confmaintain/queryMgmtSiteStatus";
const TOKEN: &str = "/v1/mmc/control/conferences/token";

/// Saves a layout in the emulator (as `PUT layOut` would); its uuid.
fn save_layout(emu: &Emulator, name: &str, numbers: &[&str]) -> String {
    let pictures: Vec<Value> =
        numbers.iter().enumerate().map(|(i, n)| json!({"index": i + 1, "id": [n], "share": 0})).collect();
    let layout = json!({"imageType": "Two", "switchTime": 10, "picNum": numbers.len(),
        "layOutName": name, "subscriberInPics": pictures});
    let answer =
        emu.admin("POST", &format!("/_emulator/huawei/conferences/{CONFERENCE}/layouts"), &layout).unwrap();
    answer["uuid"].as_str().unwrap().to_owned()
}

#[test]
fn the_display_mode_is_set() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    assert_eq!(conf_state(&emu)["display_mode"], Value::Null);
    conf.switch_display_mode("VAS", false).unwrap();
    assert_eq!(conf_state(&emu)["display_mode"], json!({"switch_mode": "VAS", "image_type": 0}));
    conf.switch_display_mode("Fixed", true).unwrap();
    conf.switch_display_mode("Fixed", true).unwrap();
    assert_eq!(conf_state(&emu)["display_mode"], json!({"switch_mode": "Fixed", "image_type": 1}));
}

#[test]
fn saved_layouts_are_listed_typed_and_deleted() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    assert!(conf.layouts().unwrap().is_empty());
    let first = save_layout(&emu, "two up", &["+99111221231895886", "+99111221231894887"]);
    let second = save_layout(&emu, "solo", &["+99111221231895886"]);
    let layouts = conf.layouts().unwrap();
    assert_eq!(layouts.iter().map(|l| l.layout_id.as_str()).collect::<Vec<_>>(), [&first, &second]);
    let l = &layouts[0];
    assert_eq!(
        (l.name.as_deref(), l.image_type.as_deref(), l.picture_count),
        (Some("two up"), Some("Two"), Some(2))
    );
    assert_eq!(l.switch_seconds, Some(10));
    assert_eq!(l.pictures.iter().map(|p| p.index).collect::<Vec<_>>(), [Some(1), Some(2)]);
    assert_eq!(l.pictures[1].numbers, ["+99111221231894887".to_owned()]);
    assert!(!l.pictures[0].auxiliary_stream);
    // The generic lookup answers the records as JSON; the request names the conference.
    let raw = conf.lookup(HuaweiLookup::Layouts, &Args::new()).unwrap();
    let ids: Vec<&Value> = raw.as_array().unwrap().iter().map(|l| &l["layout_id"]).collect();
    assert_eq!(ids, [&json!(first), &json!(second)]);
    assert_eq!(raw[0]["pictures"][0]["numbers"], json!(["+99111221231895886"]));
    let get = emu.state()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|r| r["method"] == "GET" && r["path"] == LAYOUT)
        .map(|r| r["query"].clone())
        .unwrap();
    assert_eq!(get, json!(format!("conferenceID={CONFERENCE}")));
    // Not through the client: the layouts need a conference's control token.
    let e = conf.client().lookup(HuaweiLookup::Layouts, &Args::new()).unwrap_err();
    assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("lookup")), "{e}");

    conf.delete_layout(&first).unwrap();
    let left: Vec<String> = conf.layouts().unwrap().into_iter().map(|l| l.layout_id).collect();
    assert_eq!(left, [second]);
    let uri = emu.state()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|r| r["method"] == "DELETE")
        .map(|r| (r["path"].clone(), r["query"].clone()))
        .unwrap();
    assert_eq!(uri, (json!(LAYOUT), json!(format!("conferenceID={CONFERENCE}&uuID={first}"))));
    // A layout that is not there: the vendor's error shape.
    let e = conf.delete_layout(&first).unwrap_err();
    assert_eq!((e.kind(), e.status(), e.code()), (ErrorKind::Api, Some(400), Some("MMC.111070001")), "{e}");
}

#[test]
fn interpretation_and_language_channels() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    assert_eq!(conf_state(&emu)["interpretation"], false);
    conf.start_interpretation().unwrap();
    assert_eq!(conf_state(&emu)["interpretation"], true);
    conf.stop_interpretation().unwrap();
    conf.stop_interpretation().unwrap();
    assert_eq!(conf_state(&emu)["interpretation"], false);

    conf.set_language_channel(&[BOB, CAROL], "en", Some(true)).unwrap();
    for who in [BOB, CAROL] {
        let p = pid(&emu, who);
        assert_eq!((p["language_channel"].clone(), p["original_voice"].clone()), (json!("en"), json!(true)));
    }
    conf.set_language_channel(&[BOB], "zh", None).unwrap();
    let bob = pid(&emu, BOB);
    assert_eq!((bob["language_channel"].clone(), bob["original_voice"].clone()), (json!("zh"), json!(false)));
    assert_eq!(pid(&emu, CAROL)["language_channel"], "en");
    // Someone not in the conference: nothing changes.
    let e = conf.set_language_channel(&[BOB, "p-nobody"], "fr", None).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some("MMC.111071011")), "{e}");
    assert_eq!(pid(&emu, BOB)["language_channel"], "zh");
}

#[test]
fn the_wire_as_the_vendor_documents_it() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    let q = format!("conferenceID={CONFERENCE}");
    let cases = [
        (
            ConferenceControl::new(HuaweiOperation::SwitchDisplayMode)
                .args(Args::new().with("mode", "Fixed").with("multi_picture", true)),
            "PUT",
            format!("/v1/mmc/control/conferences/display/mode?{q}"),
            r#"{"switchMode":"Fixed","imageType":1}"#,
        ),
        (
            ConferenceControl::new(HuaweiOperation::DeleteLayout)
                .args(Args::new().with("layout_id", "aa3a f")),
            "DELETE",
            format!("{LAYOUT}?{q}&uuID=aa3a%20f"),
            "",
        ),
        (
            ConferenceControl::new(HuaweiOperation::StartInterpretation),
            "PUT",
            format!("{INTERPRETATION}?{q}"),
            r#"{"simultaneousInterpretation":1}"#,
        ),
        (
            ConferenceControl::new(HuaweiOperation::StopInterpretation),
            "PUT",
            format!("{INTERPRETATION}?{q}"),
            r#"{"simultaneousInterpretation":0}"#,
        ),
        (
            ConferenceControl::new(HuaweiOperation::SetLanguageChannel)
                .participants([BOB, CAROL])
                .args(Args::new().with("channel", "en").with("include_original_voice", false)),
            "PUT",
            format!("/v1/mmc/control/conferences/setAttendeeLanChannel?{q}"),
            r#"{"participantIDs":["a1b2c3d4e5f611eabc510dc9b62e3a81","c3d4e5f6a7b811eabc510dc9b62e3a82"],"listenLanChannel":"en","speakLanChannel":"en","includeOriginalVoice":0}"#,
        ),
    ];
    for (control, method, uri, body) in cases {
        let op = control.operation;
        let p = conf.prepare(&control).unwrap();
        let rest = p.url.strip_prefix(emu.url().trim_end_matches('/')).unwrap().to_owned();
        assert_eq!(
            (p.method.to_string(), rest, String::from_utf8(p.body.clone()).unwrap()),
            (method.to_owned(), uri, body.to_owned()),
            "{op:?}"
        );
        assert!(p.headers.iter().any(|(k, _)| k == "X-Conference-Authorization"), "{op:?}");
        assert!(op.spec().safe_to_repeat, "{op:?} sets a state or reads");
    }
}

#[test]
fn validation_names_the_field_before_anything_is_sent() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    conf.control_token().unwrap();
    let before = request_count(&emu);
    let op = |op| ConferenceControl::new(op);
    let cases = [
        (
            op(HuaweiOperation::SwitchDisplayMode)
                .args(Args::new().with("mode", "fixed").with("multi_picture", true)),
            "mode",
        ),
        (op(HuaweiOperation::SwitchDisplayMode).args(Args::new().with("mode", "VAS")), "multi_picture"),
        (
            op(HuaweiOperation::SwitchDisplayMode)
                .args(Args::new().with("mode", "VAS").with("multi_picture", 2)),
            "multi_picture",
        ),
        (op(HuaweiOperation::DeleteLayout), "layout_id"),
        (op(HuaweiOperation::DeleteLayout).args(Args::new().with("layout_id", "")), "layout_id"),
        (op(HuaweiOperation::DeleteLayout).args(Args::new().with("layout_id", "a\nb")), "layout_id"),
        (
            op(HuaweiOperation::StartInterpretation).args(Args::new().with("simultaneousInterpretation", 1)),
            "simultaneousInterpretation",
        ),
        (op(HuaweiOperation::SetLanguageChannel).args(Args::new().with("channel", "en")), "participant_ids"),
        (op(HuaweiOperation::SetLanguageChannel).participant(BOB), "channel"),
        (
            op(HuaweiOperation::SetLanguageChannel)
                .participant(BOB)
                .args(Args::new().with("channel", "x".repeat(17))),
            "channel",
        ),
        (
            op(HuaweiOperation::SetLanguageChannel)
                .participant(BOB)
                .args(Args::new().with("channel", "en").with("include_original_voice", "yes")),
            "include_original_voice",
        ),
        (
            op(HuaweiOperation::SetLanguageChannel)
                .participant(BOB)
                .args(Args::new().with("channel", "en").with("speakLanChannel", "fr")),
            "speakLanChannel",
        ),
    ];
    for (control, field) in cases {
        let op = control.operation;
        let e = conf.call(&control).unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field)), "{op:?}: {e}");
    }
    // The two lookups take no arguments.
    for (lookup, field) in
        [(HuaweiLookup::Layouts, "uuID"), (HuaweiLookup::ManagementSiteStatus, "conference_id")]
    {
        let e = conf.lookup(lookup, &Args::new().with(field, "x")).unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field)), "{lookup:?}: {e}");
    }
    assert_eq!(request_count(&emu), before, "nothing was sent");
}

#[test]
fn a_guest_token_may_not() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    save_layout(&emu, "mine", &["+99111221231895886"]);
    let guest = conference(&emu, GUEST_PASSWORD);
    for e in [
        guest.switch_display_mode("VAS", true).unwrap_err(),
        guest.layouts().unwrap_err(),
        guest.delete_layout("whatever").unwrap_err(),
        guest.start_interpretation().unwrap_err(),
        guest.set_language_channel(&[BOB], "en", None).unwrap_err(),
    ] {
        assert_eq!((e.kind(), e.code()), (ErrorKind::PermissionDenied, Some("MMC.111070002")), "{e}");
    }
    let state = conf_state(&emu);
    assert_eq!((state["display_mode"].clone(), state["interpretation"].clone()), (Value::Null, json!(false)));
    assert_eq!(state["layouts"].as_array().map(Vec::len), Some(1));
}

#[test]
fn the_management_site_status_goes_without_token_or_conference() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    // A client with no account: an access token could not be had, and none is asked for.
    let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(&emu)).unwrap();
    let before = emu.state()["requests"].as_array().unwrap().len();
    let status = client.management_site_status().unwrap();
    assert_eq!((status.status.as_str(), status.redirect_join_url), ("NORMAL", None));
    emu.admin("PUT", "/_emulator/huawei/management-site", &json!({"fault": true})).unwrap();
    // Through a conference handle it is the client's lookup: no control token either.
    let conf = client.conference(CONFERENCE, ConferenceAuth::Token(Secret::new("stb-not-a-token"))).unwrap();
    let raw = conf.lookup(HuaweiLookup::ManagementSiteStatus, &Args::new()).unwrap();
    assert_eq!(raw, json!({"status": "FAULT", "redirect_join_url": null}));
    assert_eq!(conference(&emu, HOST_PASSWORD).client().management_site_status().unwrap().status, "FAULT");
    assert_eq!(hits(&emu, TOKEN), 0, "no control token was asked for");
    let sent: Vec<Value> = emu.state()["requests"].as_array().unwrap()[before..]
        .iter()
        .filter(|r| !r["path"].as_str().unwrap().starts_with("/_emulator"))
        .map(|r| json!([r["method"], r["path"], r["query"]]))
        .collect();
    assert_eq!(sent, vec![json!(["GET", SITE_STATUS, ""]); 3], "only the lookup, with no conferenceID");
}

#[test]
fn after_a_504_each_is_sent_again() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    conf.control_token().unwrap();
    emu.inject(Fault::status(504).on_path(INTERPRETATION));
    conf.start_interpretation().unwrap();
    assert_eq!(hits(&emu, INTERPRETATION), 2, "repeated once after the 504");
    assert_eq!(conf_state(&emu)["interpretation"], true);

    let uuid = save_layout(&emu, "mine", &["+99111221231895886"]);
    emu.inject(Fault::status(504).on_path(LAYOUT));
    conf.delete_layout(&uuid).unwrap();
    assert_eq!(hits(&emu, LAYOUT), 2, "repeated once after the 504");
    assert_eq!(conf_state(&emu)["layouts"], json!([]));
    emu.inject(Fault::status(504).on_path(LAYOUT));
    assert!(conf.layouts().unwrap().is_empty());
    assert_eq!(hits(&emu, LAYOUT), 4, "the lookup repeated once after the 504");

    emu.inject(Fault::status(504).on_path(SITE_STATUS));
    assert_eq!(conf.client().management_site_status().unwrap().status, "NORMAL");
    assert_eq!(hits(&emu, SITE_STATUS), 2, "repeated once after the 504");
}

#[test]
fn the_control_websocket_shows_voice_activation() {
    use meetctl::huawei::{HuaweiLiveEvent, LiveOptions};
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    let stream = conf.live_events(LiveOptions::new()).unwrap();
    let vas_seen = |want: i64| {
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(HuaweiLiveEvent::ConferenceState { raw, .. })) =
                stream.next(Duration::from_millis(200))
            {
                if raw["vas"] == want {
                    return;
                }
            }
        }
        panic!("vas {want} not seen within 10 s")
    };
    vas_seen(0);
    conf.switch_display_mode("VAS", true).unwrap();
    vas_seen(1);
    conf.switch_display_mode("Fixed", true).unwrap();
    vas_seen(0);
    stream.close();
}

// ------------------------------------------------------------------ nested bodies

const CUSTOM: &str = "/v1/mmc/control/conferences/display/customMultiPicture";
const GROUPS: &str = "/v1/mmc/control/conferences/interpreterGroup";

#[test]
fn the_custom_multi_picture_is_set_with_nested_pictures() {
    use meetctl::huawei::{Grid, GridPicture, Picture};
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    let pictures = vec![
        Value::from(Picture::new().index(1).numbers(vec!["+8613800000002".into()])),
        Value::from(
            Picture::new()
                .index(2)
                .numbers(vec!["+8613800000003".into(), "+8613800000004".into()])
                .auxiliary_stream(false),
        ),
    ];
    conf.set_custom_multi_picture(
        true,
        Args::new()
            .with("image_type", "Two")
            .with("pictures", pictures)
            .with("switch_seconds", 20)
            .with("save_only", false),
    )
    .unwrap();
    assert_eq!(
        conf_state(&emu)["multi_picture"],
        json!({"manualSet": 1, "imageType": "Two", "subscriberInPics": [
            {"index": 1, "subscriber": ["+8613800000002"]},
            {"index": 2, "subscriber": ["+8613800000003", "+8613800000004"], "isAssistStream": 0}],
            "switchTime": 20, "multiPicSaveOnly": false})
    );
    // The grid (the vendor calls it reserved) is written in the vendor's names and order.
    let grid =
        Grid::new().x(4).y(4).pictures(vec![GridPicture::new().id(1).left(0).top(0).x_size(2).y_size(2)]);
    let p = conf
        .prepare(
            &ConferenceControl::new(HuaweiOperation::SetCustomMultiPicture)
                .args(Args::new().with("manual", false).with("grid", Value::from(grid))),
        )
        .unwrap();
    assert_eq!(
        String::from_utf8(p.body).unwrap(),
        r#"{"manualSet":0,"picLayoutInfo":{"x":4,"y":4,"subPicLayoutInfoList":[{"id":1,"left":0,"top":0,"xSize":2,"ySize":2}]}}"#
    );
    assert!(HuaweiOperation::SetCustomMultiPicture.spec().safe_to_repeat);
    // By hand needs the sub-pictures (the vendor's rule, which the emulator keeps).
    let e = conf.set_custom_multi_picture(true, Args::new()).unwrap_err();
    assert_eq!((e.kind(), e.status(), e.code()), (ErrorKind::Api, Some(400), Some("MMC.111070001")), "{e}");
    // Repeated after a 504: it sets a state.
    emu.inject(Fault::status(504).on_path(CUSTOM));
    conf.set_custom_multi_picture(false, Args::new()).unwrap();
    assert_eq!(hits(&emu, CUSTOM), 4);
    assert_eq!(conf_state(&emu)["multi_picture"], json!({"manualSet": 0}));
}

#[test]
fn a_layout_is_saved_listed_and_overwritten_but_never_repeated() {
    use meetctl::huawei::{SavedLayout, SavedPicture};
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    let layout = SavedLayout::new()
        .name("two up")
        .image_type("Two")
        .picture_count(2)
        .switch_seconds(10)
        .pictures(vec![
            SavedPicture::new().index(1).numbers(vec!["+99111221231895886".into()]).auxiliary_stream(false),
            SavedPicture::new().index(2).numbers(vec!["+99111221231894887".into()]),
        ]);
    let p = conf
        .prepare(
            &ConferenceControl::new(HuaweiOperation::SaveLayout)
                .args(Args::new().with("layout", layout.clone())),
        )
        .unwrap();
    assert_eq!((p.method.to_string(), p.safe_to_repeat), ("PUT".to_owned(), false));
    assert!(p.url.ends_with(&format!("{LAYOUT}?conferenceID={CONFERENCE}")), "{}", p.url);
    assert_eq!(
        String::from_utf8(p.body).unwrap(),
        r#"{"restPicLayout":{"switchTime":10,"picNum":2,"layOutName":"two up","imageType":"Two","subscriberInPics":[{"index":1,"id":["+99111221231895886"],"share":0},{"index":2,"id":["+99111221231894887"]}]}}"#
    );
    conf.save_layout(&layout).unwrap();
    let saved = conf.layouts().unwrap();
    assert_eq!(saved.len(), 1);
    let l = &saved[0];
    assert_eq!((l.name.as_deref(), l.picture_count, l.pictures.len()), (Some("two up"), Some(2), 2));
    assert_eq!(l.pictures[1].numbers, ["+99111221231894887".to_owned()]);
    // Saved under its uuid again: overwritten, not added.
    conf.save_layout(&SavedLayout::new().layout_id(l.layout_id.clone()).name("renamed")).unwrap();
    let saved = conf.layouts().unwrap();
    assert_eq!(
        saved.iter().map(|l| (l.layout_id.clone(), l.name.clone())).collect::<Vec<_>>(),
        [(l.layout_id.clone(), Some("renamed".to_owned()))]
    );
    // After a 504 it is not sent again: it may have saved another layout.
    emu.inject(Fault::status(504).on_path(LAYOUT));
    let e = conf.save_layout(&SavedLayout::new().name("third")).unwrap_err();
    assert_eq!(e.status(), Some(504), "{e}");
    assert_eq!(
        emu.state()["requests"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["path"] == LAYOUT && r["method"] == "PUT")
            .count(),
        3,
        "not repeated"
    );
}

#[test]
fn interpreter_groups_are_replaced_whole() {
    use meetctl::huawei::{AiDigital, Interpreter, InterpreterGroup};
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    let groups = [
        InterpreterGroup::new("g1", "zh", "en").name("Chinese-English").interpreters(vec![
            Interpreter::new().login_account("interpreter@example.com").name("Ivy"),
            Interpreter::new()
                .user_id("uuid-ai")
                .interpreter_type("AI")
                .ai_digital(AiDigital::new().kind("PUBLIC").digital_account("tts-1")),
        ]),
        InterpreterGroup::new("g2", "fr", "en"),
    ];
    conf.set_interpreter_groups(&groups).unwrap();
    assert_eq!(
        conf_state(&emu)["interpreter_groups"],
        json!([
            {"groupID": "g1", "groupName": "Chinese-English", "firstLanguage": "zh", "secondLanguage": "en",
             "interpreters": [
                {"loginAccount": "interpreter@example.com", "name": "Ivy"},
                {"userID": "uuid-ai", "interpreterType": "AI", "aiDigitalInfo": {"type": "PUBLIC", "digitalAccount": "tts-1"}}]},
            {"groupID": "g2", "firstLanguage": "fr", "secondLanguage": "en"}
        ])
    );
    conf.set_interpreter_groups(&groups[1..]).unwrap();
    assert_eq!(
        conf_state(&emu)["interpreter_groups"].as_array().map(Vec::len),
        Some(1),
        "replaced, not added"
    );
    // An interpreter named by neither account nor user id: the vendor's rule, kept by the emulator.
    let e = conf
        .set_interpreter_groups(&[
            InterpreterGroup::new("g3", "de", "en").interpreters(vec![Interpreter::new().name("x")])
        ])
        .unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some("MMC.111070001")), "{e}");
    // Repeated after a 504: it sets a state.
    emu.inject(Fault::status(504).on_path(GROUPS));
    conf.set_interpreter_groups(&groups).unwrap();
    assert_eq!(conf_state(&emu)["interpreter_groups"].as_array().map(Vec::len), Some(2));
    // A guest may not.
    let e = conference(&emu, GUEST_PASSWORD).set_interpreter_groups(&groups).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::PermissionDenied, Some("MMC.111070002")), "{e}");
}

#[test]
fn nested_arguments_are_checked_before_anything_is_sent_naming_the_path() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let conf = conference(&emu, HOST_PASSWORD);
    conf.control_token().unwrap();
    let before = request_count(&emu);
    let op = ConferenceControl::new;
    let cases = [
        (op(HuaweiOperation::SetCustomMultiPicture), "manual"),
        (
            op(HuaweiOperation::SetCustomMultiPicture)
                .args(Args::new().with("manual", true).with("pictures", json!([{"index": 0}]))),
            "pictures[0].index",
        ),
        (
            op(HuaweiOperation::SetCustomMultiPicture)
                .args(Args::new().with("manual", true).with("pictures", json!([{"numbers": ["ok", ""]}]))),
            "pictures[0].numbers[1]",
        ),
        (
            op(HuaweiOperation::SetCustomMultiPicture)
                .args(Args::new().with("manual", false).with("grid", json!({"pictures": [{"x_size": 0}]}))),
            "grid.pictures[0].x_size",
        ),
        (
            op(HuaweiOperation::SetCustomMultiPicture)
                .args(Args::new().with("manual", false).with("switch_seconds", 9)),
            "switch_seconds",
        ),
        (op(HuaweiOperation::SaveLayout), "layout"),
        (
            op(HuaweiOperation::SaveLayout).args(Args::new().with("layout", json!({"uuid": "x"}))),
            "layout.uuid",
        ),
        (
            op(HuaweiOperation::SaveLayout)
                .args(Args::new().with("layout", json!({"pictures": [{"numbers": "+99"}]}))),
            "layout.pictures[0].numbers",
        ),
        (op(HuaweiOperation::SetInterpreterGroups).args(Args::new().with("groups", json!([]))), "groups"),
        (
            op(HuaweiOperation::SetInterpreterGroups)
                .args(Args::new().with("groups", json!([{"group_id": "g", "first_language": "zh"}]))),
            "groups[0].second_language",
        ),
        (
            op(HuaweiOperation::SetInterpreterGroups).args(Args::new().with(
                "groups",
                json!([{"group_id": "g", "first_language": "zh", "second_language": "en",
                        "interpreters": [{"login_account": "a", "ai_digital": {"kind": "public"}}]}]),
            )),
            "groups[0].interpreters[0].ai_digital.kind",
        ),
    ];
    for (control, field) in cases {
        let op = control.operation;
        let e = conf.call(&control).unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field)), "{op:?}: {e}");
    }
    assert_eq!(request_count(&emu), before, "nothing was sent");
}
