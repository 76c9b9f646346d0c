//! The `meetctl` binary against a real emulator: every lookup subcommand of both vendors (as
//! text and as `--json`), `tencent find` on the scenario's reused, recurring and ambiguous codes,
//! and `--code` on the controls and on the neutral layer.

mod common;

use common::*;
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::{Value, json};

fn emulator() -> Emulator {
    Emulator::start(demo_scenario()).expect("emulator starts")
}

fn tencent(url: &str, args: &[&str]) -> Cli {
    Cli::new().tencent(url).args(&["tencent"]).args(args)
}

fn huawei(url: &str, args: &[&str]) -> Cli {
    Cli::new().huawei(url, HOST_PASSWORD).args(&["huawei"]).args(args)
}

/// The values of `key` in a list of records.
fn column<'a>(list: &'a Value, key: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .filter_map(|r| r[key].as_str())
        .collect()
}

/// The requests the emulator logged, as `METHOD path`.
fn requests(emu: &Emulator) -> Vec<String> {
    emu.state()["requests"]
        .as_array()
        .map(|rs| {
            rs.iter()
                .map(|r| format!("{} {}", r["method"].as_str().unwrap(), r["path"].as_str().unwrap()))
                .collect()
        })
        .unwrap_or_default()
}

const ALICE_PC: &str = "userid:alice@pc";

#[test]
fn tencent_lookups_as_text_and_json() {
    let emu = emulator();
    let url = emu.url();

    // The meetings with a code, typed with spaces: the demo meeting and last week's.
    let by_code = ["meetings-by-code", "--meeting-code", "806 724 161", "--operator", ALICE_PC];
    let run = tencent(&url, &by_code).expect(0);
    assert!(run.stdout.starts_with("MEETING_ID"), "{}", run.stdout);
    assert!(
        run.stdout.contains("1242152152100")
            && run.stdout.contains(MEETING)
            && run.stdout.contains("2 listed"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(" UTC"), "times in UTC: {}", run.stdout);
    let doc = tencent(&url, &by_code).args(&["--json"]).expect(0).json();
    assert_eq!(
        (&doc["ok"], &doc["vendor"], &doc["operation"]),
        (&json!(true), &json!("tencent"), &json!("meetings_by_code"))
    );
    let mut ids = column(&doc["result"], "meeting_id");
    ids.sort_unstable();
    assert_eq!(ids, ["1242152152100", MEETING]);
    let live: Vec<&Value> =
        doc["result"].as_array().unwrap().iter().filter(|m| m["in_progress"] == true).collect();
    assert_eq!(live.len(), 1);
    assert_eq!(live[0]["meeting_id"], MEETING);

    // One meeting: key/value lines, its occurrences as a table.
    let run = tencent(&url, &["meeting", "--meeting", "1242152153003", "--operator", ALICE_PC]).expect(0);
    assert!(run.stdout.contains("subject:") && run.stdout.contains("Daily stand-up"), "{}", run.stdout);
    assert!(run.stdout.contains("occurrences:\nSUB_MEETING_ID"), "{}", run.stdout);
    for occurrence in ["1700300001", "1700300002", "1700300003"] {
        assert!(run.stdout.contains(occurrence), "{occurrence}: {}", run.stdout);
    }
    let doc = tencent(&url, &["meeting", "--meeting", "1242152153003", "--operator", ALICE_PC, "--json"])
        .expect(0)
        .json();
    assert_eq!(
        (&doc["result"]["recurring"], &doc["result"]["current_occurrence"]),
        (&json!(true), &json!("1700300002"))
    );
    assert_eq!(doc["result"]["occurrences"].as_array().unwrap().len(), 3);
    // By its code: the meeting found is named on stderr, or in the document.
    let run = tencent(&url, &["meeting", "--code", "300-100-300", "--operator", ALICE_PC]).expect(0);
    assert!(
        run.stderr.contains("code 300-100-300 is meeting 1242152153003 occurrence 1700300002"),
        "{}",
        run.stderr
    );
    let doc =
        tencent(&url, &["meeting", "--code", "300100300", "--operator", ALICE_PC, "--json"]).expect(0).json();
    assert_eq!(
        (&doc["found"]["meeting_id"], &doc["found"]["occurrence"]),
        (&json!("1242152153003"), &json!("1700300002"))
    );
    assert_eq!(doc["result"]["meeting_id"], "1242152153003");

    // A Rooms device's meetings, by rooms_id and by meeting room id; no operator.
    for room in [&["--room-id", "rooms-lobby-1"][..], &["--room-id", "mr-101", "--room-id-type", "5"]] {
        let run = tencent(&url, &[&["room-meetings"][..], room].concat()).expect(0);
        assert!(
            run.stdout.contains(MEETING)
                && run.stdout.contains("1242152153005")
                && run.stdout.contains("2 listed"),
            "{room:?}: {}",
            run.stdout
        );
        let doc = tencent(&url, &[&["room-meetings"][..], room, &["--json"]].concat()).expect(0).json();
        let mut ids = column(&doc["result"], "meeting_id");
        ids.sort_unstable();
        assert_eq!(ids, [MEETING, "1242152153005"], "{room:?}");
    }
    tencent(&url, &["room-meetings", "--room-id", "mr-101", "--room-id-type", "4"]).expect(2);

    // The waiting room: Frank and Gina.
    let run = tencent(&url, &["waiting-room", "--meeting", MEETING, "--operator", "userid:alice"]).expect(0);
    assert!(
        run.stdout.contains("Frank") && run.stdout.contains("Gina") && run.stdout.contains("2 listed"),
        "{}",
        run.stdout
    );
    let doc = tencent(&url, &["waiting-room", "--meeting", MEETING, "--operator", "userid:alice", "--json"])
        .expect(0)
        .json();
    assert_eq!(column(&doc["result"], "user_name"), ["Frank", "Gina"]);
    assert_eq!(column(&doc["result"], "ms_open_id"), ["msopenid-frank", "msopenid-gina"]);

    // Who joined and left: 9 records, by id and by code.
    let run = tencent(&url, &["attendance", "--meeting", MEETING, "--operator", "userid:alice"]).expect(0);
    assert!(run.stdout.contains("JOIN_TIME") && run.stdout.contains("9 listed"), "{}", run.stdout);
    let doc = tencent(&url, &["attendance", "--code", "806 724 161", "--operator", "userid:alice", "--json"])
        .expect(0)
        .json();
    assert_eq!(doc["result"].as_array().unwrap().len(), 9);
    assert_eq!(doc["found"]["meeting_id"], MEETING);
    let bob = doc["result"].as_array().unwrap().iter().filter(|a| a["userid"] == "bob").count();
    assert_eq!(bob, 2, "bob left and came back: {doc}");

    // Errors name the flags; a lookup has no dry run.
    let run = tencent(&url, &["meetings-by-code", "--meeting-code", "12", "--operator", ALICE_PC, "--json"])
        .expect(2);
    assert_eq!(run.error_json()["error"]["flag"], "--meeting-code", "{}", run.stderr);
    let run = tencent(
        &url,
        &["meeting", "--meeting", MEETING, "--operator", "ms_open_id:afagsagwags@ios", "--json"],
    )
    .expect(2);
    assert_eq!(run.error_json()["error"]["flag"], "--operator", "{}", run.stderr);
    let run = tencent(&url, &["meeting", "--meeting", MEETING, "--operator", "userid:alice"]).expect(2);
    assert!(run.stderr.contains("device is missing"), "{}", run.stderr);
    let run =
        tencent(&url, &["waiting-room", "--meeting", MEETING, "--operator", "userid:alice", "--dry-run"])
            .expect(2);
    assert!(run.stderr.contains("is a lookup"), "{}", run.stderr);
    let run = tencent(&url, &["meeting", "--meeting", "999", "--operator", ALICE_PC]).expect(14);
    assert!(run.stderr.contains("not_found"), "{}", run.stderr);
    assert!(
        requests(&emu).iter().all(|r| r.starts_with("GET ")),
        "lookups change nothing: {:?}",
        requests(&emu)
    );
}

#[test]
fn huawei_lookups_as_text_and_json() {
    let emu = emulator();
    let url = emu.url();

    let run = huawei(&url, &["online-conferences"]).expect(0);
    for id in [CONFERENCE, "914083138", "914083139"] {
        assert!(run.stdout.contains(id), "{id}: {}", run.stdout);
    }
    assert!(!run.stdout.contains("914083137"), "a scheduled conference is not online: {}", run.stdout);
    assert!(run.stdout.contains("3 listed"), "{}", run.stdout);
    let doc = huawei(&url, &["online-conferences", "--search-key", "Boardroom", "--json"]).expect(0).json();
    assert_eq!((&doc["vendor"], &doc["operation"]), (&json!("huawei"), &json!("online_conferences")));
    assert_eq!(column(&doc["result"], "conference_id"), ["914083139"]);
    assert_eq!(doc["result"][0]["vmr_conference_id"], "989083139");

    let run = huawei(&url, &["online-conference-details", "--conference-id", "914083139"]).expect(0);
    assert!(
        run.stdout.contains("subject:") && run.stdout.contains("Boardroom 8F check-in"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("invitees:\nPARTICIPANT_ID"), "{}", run.stdout);
    let doc = huawei(&url, &["online-conference-details", "--conference-id", "914083139", "--json"])
        .expect(0)
        .json();
    assert_eq!(doc["result"]["conference"]["conference_id"], "914083139");
    assert!(doc["result"]["invitees"].as_array().unwrap().len() >= 2, "{doc}");

    // Not yet ended: a scheduled conference too (and --conference is --conference-id).
    let run = huawei(&url, &["conference-details", "--conference", "914083137"]).expect(0);
    assert!(run.stdout.contains("Quarterly planning (scheduled)"), "{}", run.stdout);
    let doc =
        huawei(&url, &["conference-details", "--conference-id", "914083137", "--json"]).expect(0).json();
    assert_eq!(
        (&doc["result"]["conference"]["state"], &doc["result"]["conference"]["in_progress"]),
        (&json!("Schedule"), &json!(false))
    );
    // Only in progress: the scheduled one is not found.
    huawei(&url, &["online-conference-details", "--conference-id", "914083137"]).expect(14);

    let run = huawei(&url, &["online-attendees", "--conference-id", "914083139"]).expect(0);
    assert!(
        run.stdout.contains("sip:boardroom-8f@meeting.example.com") && run.stdout.contains("2 listed"),
        "{}",
        run.stdout
    );
    let doc = huawei(&url, &["online-attendees", "--conference-id", "914083139", "--json"]).expect(0).json();
    assert!(column(&doc["result"], "number").contains(&"sip:boardroom-8f@meeting.example.com"), "{doc}");

    let room = ["call-number-status", "--call-number", "sip:boardroom-8f@meeting.example.com"];
    let run = huawei(&url, &room).expect(0);
    assert!(run.stdout.contains("in conference:  yes") && run.stdout.contains("914083139"), "{}", run.stdout);
    let doc = huawei(&url, &[&room[..], &["--json"]].concat()).expect(0).json();
    assert_eq!(
        (&doc["result"]["in_conference"], &doc["result"]["conference_id"]),
        (&json!(true), &json!("914083139"))
    );
    let doc =
        huawei(&url, &["call-number-status", "--call-number", "sip:lobby-2f@meeting.example.com", "--json"])
            .expect(0)
            .json();
    assert_eq!(
        (&doc["result"]["in_conference"], &doc["result"]["conference_id"]),
        (&json!(false), &Value::Null)
    );

    // The WebSocket token, through the conference: masked unless --show-secrets.
    let ws = |extra: &[&str]| {
        Cli::new()
            .huawei(&url, "555555")
            .args(&["huawei", "ws-token", "--conference", "914083139"])
            .args(extra)
    };
    let shown = ws(&["--show-secrets", "--json"]).revealing().expect(0).json();
    let token = shown["result"]["token"].as_str().unwrap().to_owned();
    assert!(token.len() > 8 && token != "***", "{shown}");
    assert_eq!(shown["conference_id"], "914083139");
    // Each call hands out a new token: the masked output holds none, only ***.
    let token_line = |text: &str| text.lines().find(|l| l.starts_with("token:")).unwrap_or("").to_owned();
    let masked = ws(&[]).expect(0);
    assert_eq!(token_line(&masked.stdout), "token:          ***", "{}", masked.stdout);
    assert!(!masked.stdout.contains(&token) && !masked.stderr.contains(&token));
    let masked = ws(&["--json"]).expect(0);
    assert_eq!(masked.json()["result"]["token"], "***");
    let shown = ws(&["--show-secrets"]).revealing().expect(0);
    let line = token_line(&shown.stdout);
    assert!(line.len() > "token:          ".len() + 8 && !line.contains("***"), "{}", shown.stdout);
    // --show-secrets means nothing where no secret is printed.
    let run = huawei(&url, &["online-conferences", "--show-secrets"]).expect(2);
    assert!(run.stderr.contains("huawei ws-token"), "{}", run.stderr);

    // The management site's status: no account, no conference, no token; neither is on the wire.
    let site = || Cli::new().env("MEETCTL_BASE_URL", &url).args(&["huawei", "management-site-status"]);
    let before = emu.state()["requests"].as_array().map_or(0, Vec::len);
    let doc = site().args(&["--json"]).expect(0).json();
    assert_eq!(
        (&doc["result"]["status"], &doc["result"]["redirect_join_url"]),
        (&json!("NORMAL"), &Value::Null),
        "{doc}"
    );
    assert_eq!(doc["operation"], "management_site_status");
    emu.admin("PUT", "/_emulator/huawei/management-site", &json!({"fault": true})).unwrap();
    let text = site().expect(0).stdout;
    assert!(text.lines().any(|l| l.starts_with("status:") && l.ends_with("FAULT")), "{text}");
    let sent: Vec<String> =
        requests(&emu)[before..].iter().filter(|r| !r.contains("/_emulator")).cloned().collect();
    assert_eq!(sent, ["GET /v1/mmc/control/confmaintain/queryMgmtSiteStatus"; 2]);
    let queries: Vec<Value> = emu.state()["requests"].as_array().unwrap()[before..]
        .iter()
        .filter(|r| r["path"] == "/v1/mmc/control/confmaintain/queryMgmtSiteStatus")
        .map(|r| r["query"].clone())
        .collect();
    assert_eq!(queries, [json!(""), json!("")], "no conferenceID");
    let run = site().args(&["--conference", "914083139"]).expect(2);
    assert!(run.stderr.contains("--conference"), "{}", run.stderr);

    // Account lookups need App ID or account settings; errors name the flag.
    let run =
        Cli::new().env("MEETCTL_BASE_URL", &url).args(&["huawei", "online-conferences", "--json"]).expect(2);
    assert!(run.error_json()["error"]["message"].as_str().unwrap().contains("account"), "{}", run.stderr);
    huawei(&url, &["online-conferences", "--page-size", "0"]).expect(2);
    let long = "x".repeat(129);
    let run = huawei(&url, &["online-conferences", "--search-key", &long, "--json"]).expect(2);
    assert_eq!(run.error_json()["error"]["flag"], "--search-key", "{}", run.stderr);
}

#[test]
fn find_by_the_one_rule() {
    let emu = emulator();
    let url = emu.url();
    let find = |code: &str| tencent(&url, &["find", "--code", code, "--operator", ALICE_PC]);

    // Several with one in progress: the demo meeting, not last week's.
    let run = find("806724161").expect(0);
    assert!(run.stdout.contains(&format!("meeting id:   {MEETING}")), "{}", run.stdout);
    assert!(
        run.stdout.contains("occurrence:   -") && run.stdout.contains("in progress:  yes"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Demo: weekly product review") && run.stdout.contains(" UTC"),
        "{}",
        run.stdout
    );
    // Spaces, dashes, dots and join links: the same meeting.
    for typed in [
        "806 724 161",
        "806-724-161",
        " 806.724.161 ",
        "https://meeting.tencent.com/p/806724161",
        "wemeet://page/inmeeting?meeting_code=806724161",
    ] {
        let doc = find(typed).args(&["--json"]).expect(0).json();
        assert_eq!(
            (&doc["result"]["meeting_id"], &doc["result"]["in_progress"]),
            (&json!(MEETING), &json!(true)),
            "{typed}"
        );
        assert_eq!(doc["operation"], "find");
    }
    // One match: the one scheduled.
    let doc = find("300100500").args(&["--json"]).expect(0).json();
    assert_eq!(
        (&doc["result"]["meeting_id"], &doc["result"]["in_progress"]),
        (&json!("1242152153005"), &json!(false))
    );
    // Recurring, an occurrence now.
    let run = find("300100300").expect(0);
    assert!(run.stdout.contains("occurrence:   1700300002"), "{}", run.stdout);
    let doc = find("300100300").args(&["--json"]).expect(0).json();
    assert_eq!(
        (&doc["result"]["meeting_id"], &doc["result"]["occurrence"]),
        (&json!("1242152153003"), &json!("1700300002"))
    );

    // Recurring, no occurrence now: ambiguous, both occurrences listed.
    let run = find("300100400").expect(23);
    assert!(run.stderr.contains("ambiguous: code 300100400 means 2 meetings:"), "{}", run.stderr);
    for occurrence in ["1700400001", "1700400002"] {
        assert!(
            run.stderr.contains(&format!("meeting 1242152153004 occurrence {occurrence}")),
            "{}",
            run.stderr
        );
    }
    let error = find("300100400").args(&["--json"]).expect(23).error_json()["error"].clone();
    assert_eq!((&error["kind"], &error["exit_code"]), (&json!("ambiguous"), &json!(23)));
    assert_eq!(column(&error["candidates"], "occurrence"), ["1700400001", "1700400002"]);
    // Two scheduled: ambiguous, both candidates listed.
    let run = find("300 100 200").expect(23);
    for (id, subject) in
        [("1242152153001", "Design review (tomorrow)"), ("1242152153002", "Design review (in two days)")]
    {
        assert!(run.stderr.contains(&format!("meeting {id} \"{subject}\"")), "{}", run.stderr);
    }
    assert!(run.stderr.contains("--meeting"), "says what to do: {}", run.stderr);
    let error = find("300100200").args(&["--json"]).expect(23).error_json()["error"].clone();
    assert_eq!(column(&error["candidates"], "meeting_id"), ["1242152153001", "1242152153002"]);

    // None: an unknown code, and another app's meeting (not shown to this app).
    for code in ["123456789", "300100600"] {
        let run = find(code).expect(14);
        assert!(run.stderr.contains(&format!("no meeting has code {code}")), "{}", run.stderr);
        assert_eq!(find(code).args(&["--json"]).expect(14).error_json()["error"]["kind"], "not_found");
    }
    // Not a code: usage, naming --code; the operator must be one who may ask.
    let run = find("80672416x").args(&["--json"]).expect(2);
    assert_eq!(run.error_json()["error"]["flag"], "--code", "{}", run.stderr);
    let run =
        tencent(&url, &["find", "--code", "806724161", "--operator", "ms_open_id:afagsagwags@ios", "--json"])
            .expect(2);
    assert_eq!(run.error_json()["error"]["flag"], "--operator", "{}", run.stderr);
    assert!(requests(&emu).iter().all(|r| r.starts_with("GET ")), "{:?}", requests(&emu));
}

#[test]
fn code_on_the_controls_and_the_neutral_layer() {
    let emu = emulator();
    let url = emu.url();
    let bob_muted = || tencent_participant(&emu.state(), MEETING, "userid", "bob")["muted"].clone();

    // An ms_open_id operator cannot look a code up: --find-as says who does.
    let mute = ["mute", "--code", "806 724 161", "--operator", ALICE, "--user", BOB];
    let run = tencent(&url, &mute).expect(2);
    assert!(run.stderr.contains("--find-as"), "{}", run.stderr);
    assert_eq!(emu.state()["request_count"], 0, "nothing was sent");
    let run = tencent(&url, &mute).args(&["--find-as", "userid:alice"]).expect(0);
    assert!(run.stderr.contains(&format!("code 806 724 161 is meeting {MEETING}")), "{}", run.stderr);
    assert_eq!(run.stdout.trim(), format!("ok: tencent mute (meeting {MEETING})"));
    assert_eq!(bob_muted(), true);
    // A userid operator finds it itself; --json carries what was found.
    let doc = tencent(
        &url,
        &[
            "set-meeting-status",
            "--code",
            "https://meeting.tencent.com/p/806724161",
            "--operator",
            "userid:alice@ios",
            "--meeting-locked",
            "--json",
        ],
    )
    .expect(0)
    .json();
    assert_eq!((&doc["meeting_id"], &doc["found"]["meeting_id"]), (&json!(MEETING), &json!(MEETING)));
    assert_eq!(tencent_meeting(&emu.state(), MEETING)["settings"]["meeting_locked"], true);
    // A dry run still finds the meeting (a read), then only prints the control.
    let run = tencent(
        &url,
        &[
            "unmute",
            "--code",
            "806-724-161",
            "--operator",
            ALICE,
            "--find-as",
            "userid:alice",
            "--user",
            BOB,
            "--dry-run",
        ],
    )
    .expect(0);
    assert!(run.stdout.contains(&format!("/v1/real-control/meetings/{MEETING}/mutes")), "{}", run.stdout);
    assert_eq!(bob_muted(), true, "the dry run sent no control");

    // Ambiguous or unknown: nothing is controlled.
    let before = requests(&emu).len();
    let run =
        tencent(&url, &["end-meeting", "--code", "300100200", "--operator", "userid:alice@pc"]).expect(23);
    assert!(run.stderr.contains("1242152153001") && run.stderr.contains("1242152153002"), "{}", run.stderr);
    tencent(&url, &["end-meeting", "--code", "300100600", "--operator", "userid:alice@pc"]).expect(14);
    let after = requests(&emu);
    assert!(after[before..].iter().all(|r| r.starts_with("GET /v1/meetings")), "{after:?}");
    // One of --meeting and --code.
    let run = tencent(
        &url,
        &["mute", "--meeting", MEETING, "--code", "806724161", "--operator", ALICE, "--user", BOB],
    )
    .expect(2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
    let run = tencent(&url, &["mute", "--operator", ALICE, "--user", BOB]).expect(2);
    assert!(run.stderr.contains("--meeting") && run.stderr.contains("--code"), "{}", run.stderr);

    // The occurrence found goes to the listing of a recurring meeting.
    let run = tencent(&url, &["participants", "--code", "300100300", "--operator", "userid:kate"]).expect(0);
    assert!(run.stderr.contains("occurrence 1700300002"), "{}", run.stderr);
    assert!(run.stdout.contains("Kate") && run.stdout.contains("Leo"), "{}", run.stdout);
    let listed = requests(&emu).into_iter().rev().find(|r| r.contains("real-time-participants")).unwrap();
    assert!(listed.contains("1242152153003"), "{listed}");
    let log = emu.state()["requests"].as_array().unwrap().clone();
    let query = log
        .iter()
        .rev()
        .find(|r| r["path"].as_str().unwrap().contains("real-time-participants"))
        .unwrap()["query"]
        .clone();
    assert!(query.as_str().unwrap().contains("sub_meeting_id=1700300002"), "{query}");

    // The neutral layer: --code for a Tencent meeting, found as the operator (or --find-as).
    let doc = Cli::new()
        .tencent(&url)
        .args(&[
            "meeting",
            "participants",
            "--vendor",
            "tencent",
            "--code",
            "300 100 300",
            "--operator",
            "userid:kate",
            "--json",
        ])
        .expect(0)
        .json();
    assert_eq!(
        (&doc["meeting_id"], &doc["found"]["occurrence"]),
        (&json!("1242152153003"), &json!("1700300002"))
    );
    assert_eq!(doc["result"]["participants"].as_array().unwrap().len(), 2);
    let run = Cli::new()
        .tencent(&url)
        .args(&[
            "meeting",
            "mute",
            "--vendor",
            "tencent",
            "--code",
            "806-724-161",
            "--operator",
            "userid:alice@ios",
            "--participant",
            "ms_open_id:msopenid-carol@pc",
        ])
        .expect(0);
    assert!(run.stderr.contains(&format!("is meeting {MEETING}")), "{}", run.stderr);
    assert_eq!(tencent_participant(&emu.state(), MEETING, "userid", "carol")["muted"], true);
    Cli::new()
        .tencent(&url)
        .args(&[
            "meeting",
            "unmute",
            "--vendor",
            "tencent",
            "--code",
            "806724161",
            "--operator",
            "ms_open_id:afagsagwags@ios",
            "--find-as",
            "userid:alice",
            "--participant",
            "ms_open_id:msopenid-carol@pc",
        ])
        .expect(0);
    assert_eq!(tencent_participant(&emu.state(), MEETING, "userid", "carol")["muted"], false);
    let run = Cli::new()
        .huawei(&url, HOST_PASSWORD)
        .args(&["meeting", "participants", "--vendor", "huawei", "--code", "914083136"])
        .expect(2);
    assert!(run.stderr.contains("Tencent meeting code"), "{}", run.stderr);
}

#[test]
fn huawei_conferences_not_ended_from_the_declaration_alone() {
    let emu = emulator();
    let url = emu.url();
    let run = huawei(&url, &["conferences", "--page-size", "1"]).expect(0);
    for id in [CONFERENCE, "914083137"] {
        assert!(run.stdout.contains(id), "{id}: {}", run.stdout);
    }
    let doc =
        huawei(&url, &["conferences", "--search-key", "Quarterly", "--sort", "DSC_StartTIME", "--json"])
            .expect(0)
            .json();
    assert_eq!(column(&doc["result"], "conference_id"), ["914083137"]);
    huawei(&url, &["conferences", "--period", "AYEAR"]).expect(2);
}
