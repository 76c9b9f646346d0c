//! The vendor-neutral layer: one behavioural suite, written once and run against a Tencent
//! meeting and a Huawei conference in the emulator, proving the same calls give the same
//! observable result in the emulator's state.

use std::time::Duration;

use meetctl::huawei::{AccountAuth, ConferenceAuth, HuaweiClient, Region};
use meetctl::tencent::{Instance, TencentClient, TencentCredentials, TencentUser};
use meetctl::{
    ClientConfig, ErrorKind, Meeting, MeetingOperation, Participant, ProxySetting, Role, Secret, Vendor,
};
use meetctl_emulator::{Emulator, demo_scenario};
use serde_json::Value;

const TENCENT_MEETING: &str = "1242152152161";
const CONFERENCE: &str = "914083136";

fn config(emu: &Emulator) -> ClientConfig {
    ClientConfig::new().base_url(emu.url()).proxy(ProxySetting::Disabled).timeout(Duration::from_secs(5))
}

/// The demo's Tencent meeting, operated by its creator Alice given by userid (her ms_open_id is
/// looked up where an endpoint needs it), or the demo's Huawei conference opened by its host.
fn meeting(emu: &Emulator, vendor: Vendor) -> Meeting {
    match vendor {
        Vendor::Tencent => {
            let creds =
                TencentCredentials::enterprise("210000001", "AKIDdemo0001", "demo-secret-key-0001", None);
            let client = TencentClient::new(creds, config(emu)).unwrap();
            Meeting::tencent(client, TENCENT_MEETING, TencentUser::userid("alice", Instance::Ios)).unwrap()
        }
        Vendor::Huawei => {
            let client = HuaweiClient::new(Region::CnNorth4, AccountAuth::None, config(emu)).unwrap();
            Meeting::huawei(
                client.conference(CONFERENCE, ConferenceAuth::Password(Secret::new("157599"))).unwrap(),
            )
        }
    }
}

const VENDORS: [Vendor; 2] = [Vendor::Tencent, Vendor::Huawei];

/// The emulator's record of the meeting itself.
fn meeting_state(emu: &Emulator, vendor: Vendor) -> Value {
    let state = emu.state();
    let (list, key, id) = match vendor {
        Vendor::Tencent => (&state["tencent"]["meetings"], "meeting_id", TENCENT_MEETING),
        Vendor::Huawei => (&state["huawei"]["conferences"], "conference_id", CONFERENCE),
    };
    list.as_array().unwrap().iter().find(|m| m[key] == id).unwrap().clone()
}

/// The emulator's record of `p`, found by the vendor id inside the opaque id.
fn entry(emu: &Emulator, vendor: Vendor, p: &Participant) -> Value {
    let (key, id) = match vendor {
        Vendor::Tencent => ("ms_open_id", p.id().rsplit(':').next().unwrap()),
        Vendor::Huawei => ("participant_id", p.id().trim_start_matches("huawei:")),
    };
    let m = meeting_state(emu, vendor);
    m["participants"].as_array().unwrap().iter().find(|e| e[key] == id).unwrap().clone()
}

fn locked(emu: &Emulator, vendor: Vendor) -> bool {
    let settings = &meeting_state(emu, vendor)["settings"];
    match vendor {
        Vendor::Tencent => settings["meeting_locked"] == true,
        Vendor::Huawei => settings["isLock"] == 1,
    }
}

/// Someone to act on: an attendee with a controllable id, microphone on.
fn an_attendee(people: &[Participant]) -> Participant {
    people
        .iter()
        .find(|p| p.role == Role::Attendee && p.audio_muted == Some(false) && p.controllable)
        .unwrap()
        .clone()
}

#[test]
fn the_same_calls_have_the_same_effect_on_both_vendors() {
    for vendor in VENDORS {
        let emu = Emulator::start(demo_scenario()).unwrap();
        let m = meeting(&emu, vendor);
        assert_eq!(m.vendor(), vendor);
        let people = m.participants().unwrap();
        assert!(people.iter().any(|p| p.role == Role::Host), "{vendor:?}: a host is listed");
        let ids: std::collections::HashSet<&str> = people.iter().map(Participant::id).collect();
        assert_eq!(ids.len(), people.len(), "{vendor:?}: ids are unique");
        let bob = an_attendee(&people);

        m.mute(&bob).unwrap();
        assert_eq!(entry(&emu, vendor, &bob)["muted"], true, "{vendor:?} mute");
        m.unmute(&bob).unwrap();
        assert_eq!(entry(&emu, vendor, &bob)["muted"], false, "{vendor:?} unmute");
        m.set_cohost(&bob).unwrap();
        assert_eq!(entry(&emu, vendor, &bob)["role"], "cohost", "{vendor:?} set_cohost");
        m.revoke_cohost(&bob).unwrap();
        assert_ne!(entry(&emu, vendor, &bob)["role"], "cohost", "{vendor:?} revoke_cohost");
        m.stop_video(&bob).unwrap();
        assert_eq!(entry(&emu, vendor, &bob)["video"], false, "{vendor:?} stop_video");
        m.rename(&bob, "Renamed").unwrap();
        assert_eq!(entry(&emu, vendor, &bob)["name"], "Renamed", "{vendor:?} rename");

        m.lock().unwrap();
        assert!(locked(&emu, vendor), "{vendor:?} lock");
        m.unlock().unwrap();
        assert!(!locked(&emu, vendor), "{vendor:?} unlock");

        m.mute_all(true).unwrap();
        let after = m.participants().unwrap();
        for p in &after {
            let expect = p.role == Role::Attendee;
            if expect {
                assert_eq!(p.audio_muted, Some(true), "{vendor:?} mute_all: {p:?}");
            }
            if p.role == Role::Host {
                assert_eq!(p.audio_muted, Some(false), "{vendor:?} mute_all leaves the host alone");
            }
        }
        m.unmute_all().unwrap();
        assert_eq!(entry(&emu, vendor, &bob)["muted"], false, "{vendor:?} unmute_all");

        m.remove(&bob).unwrap();
        assert_eq!(entry(&emu, vendor, &bob)["removed"], true, "{vendor:?} remove");
        assert!(
            m.participants().unwrap().iter().all(|p| p.id() != bob.id()),
            "{vendor:?}: gone from the list"
        );

        m.end().unwrap();
        assert_eq!(meeting_state(&emu, vendor)["ended"], true, "{vendor:?} end");
    }
}

#[test]
fn mute_everyone_but_the_host_then_end() {
    for vendor in VENDORS {
        let emu = Emulator::start(demo_scenario()).unwrap();
        let meeting = meeting(&emu, vendor);
        // The example, as a user writes it once for both vendors.
        for p in meeting.participants().unwrap() {
            if p.role != Role::Host && p.controllable && p.audio_muted == Some(false) {
                meeting.mute(&p).unwrap();
            }
        }
        let left: Vec<_> = meeting
            .participants()
            .unwrap()
            .into_iter()
            .filter(|p| p.controllable && p.audio_muted == Some(false))
            .collect();
        assert!(left.iter().all(|p| p.role == Role::Host), "{vendor:?}: {left:?}");
        assert_eq!(left.len(), 1, "{vendor:?}: only the host may still speak");
        meeting.end().unwrap();
        assert_eq!(meeting_state(&emu, vendor)["ended"], true);
    }
}

#[test]
fn make_host_is_huawei_only_and_unsupported_is_refused_before_io() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let tencent = meeting(&emu, Vendor::Tencent);
    assert!(!tencent.supports(MeetingOperation::MakeHost));
    assert_eq!(tencent.capabilities().len(), MeetingOperation::ALL.len() - 4);
    let people = tencent.participants().unwrap();
    let before = emu.state()["request_count"].as_u64().unwrap();
    let e = tencent.make_host(&people[1]).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Unsupported, None));
    assert_eq!(emu.state()["request_count"].as_u64().unwrap(), before, "nothing was sent");

    let huawei = meeting(&emu, Vendor::Huawei);
    assert_eq!(huawei.capabilities(), MeetingOperation::ALL);
    let bob = an_attendee(&huawei.participants().unwrap());
    huawei.make_host(&bob).unwrap();
    assert_eq!(meeting_state(&emu, Vendor::Huawei)["host"], bob.id().trim_start_matches("huawei:"));
}

#[test]
fn participants_of_one_vendor_are_refused_by_the_other_and_bad_input_names_the_field() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let tencent = meeting(&emu, Vendor::Tencent);
    let huawei = meeting(&emu, Vendor::Huawei);
    let hw_bob = an_attendee(&huawei.participants().unwrap());
    let tc_bob = an_attendee(&tencent.participants().unwrap());
    let before = emu.state()["request_count"].as_u64().unwrap();
    assert_eq!(tencent.mute(&hw_bob).unwrap_err().field(), Some("participant"));
    assert_eq!(huawei.mute(&tc_bob).unwrap_err().field(), Some("participant"));
    assert_eq!(
        tencent.rename(&tc_bob, "a name well over twenty characters").unwrap_err().field(),
        Some("name")
    );
    assert_eq!(Participant::from_id("nonsense").unwrap_err().field(), Some("participant"));
    let uncontrollable = tencent.participants().unwrap().into_iter().find(|p| !p.controllable).unwrap();
    assert_eq!(tencent.mute(&uncontrollable).unwrap_err().field(), Some("participant"), "a Rooms device");
    assert_eq!(emu.state()["request_count"].as_u64().unwrap(), before + 1, "only the listing was sent");

    // An id kept from an earlier listing still reaches the person.
    let kept = Participant::from_id(tc_bob.id()).unwrap();
    tencent.mute(&kept).unwrap();
    assert_eq!(entry(&emu, Vendor::Tencent, &tc_bob)["muted"], true);
    let kept = Participant::from_id(hw_bob.id()).unwrap();
    huawei.rename(&kept, "Looked up").unwrap();
    assert_eq!(entry(&emu, Vendor::Huawei, &hw_bob)["name"], "Looked up", "the number is looked up");
}

#[test]
fn the_operator_ms_open_id_is_looked_up_once() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let m = meeting(&emu, Vendor::Tencent);
    let bob = an_attendee(&m.participants().unwrap());
    m.mute(&bob).unwrap();
    m.unmute(&bob).unwrap();
    let lookups = emu.state()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["path"].as_str().is_some_and(|p| p.ends_with("/ms-open-id")))
        .count();
    assert_eq!(lookups, 1);
}

#[test]
fn a_participant_id_reaches_the_person_also_after_they_rejoin_on_another_device() {
    let emu = Emulator::start(demo_scenario()).unwrap();
    let m = meeting(&emu, Vendor::Tencent);
    let bob = m.participants().unwrap().into_iter().find(|p| p.raw["userid"] == "bob").unwrap();
    assert_eq!(bob.device.as_deref(), Some("mac"));
    m.mute(&bob).unwrap();
    assert_eq!(entry(&emu, Vendor::Tencent, &bob)["muted"], true);

    // Bob leaves and joins again from his phone: Tencent keeps his ms_open_id (per meeting) but
    // the device is per join, so the listing gives him a new id, and that id reaches him.
    emu.tencent_rejoin(TENCENT_MEETING, "agaqwwgdkkddd", 4).unwrap();
    let again = m.participants().unwrap().into_iter().find(|p| p.raw["userid"] == "bob").unwrap();
    assert_ne!(again.id(), bob.id());
    assert_eq!(again.device.as_deref(), Some("ios"));
    m.unmute(&again).unwrap();
    assert_eq!(entry(&emu, Vendor::Tencent, &again)["muted"], false);
    // The old id names his old device: the vendor answers success without effect.
    m.mute(&bob).unwrap();
    assert_eq!(entry(&emu, Vendor::Tencent, &again)["muted"], false);
}
