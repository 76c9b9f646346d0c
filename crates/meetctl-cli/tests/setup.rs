//! How `meetctl` is set up: credentials from the environment and config file profiles (and the
//! file's permission check), secret flags refused, OAuth credentials, help, completions, and the
//! demo.

mod common;

use common::*;
use meetctl_emulator::{Emulator, demo_scenario};

fn emulator() -> Emulator {
    Emulator::start(demo_scenario()).expect("emulator starts")
}

fn mute_bob() -> [&'static str; 8] {
    ["tencent", "mute", "--meeting", MEETING, "--operator", ALICE, "--user", BOB]
}

fn bob_muted(emu: &Emulator) -> bool {
    tencent_participant(&emu.state(), MEETING, "userid", "bob")["muted"] == true
}

#[test]
fn secret_flags_are_refused_with_a_hint() {
    let emu = emulator();
    let url = emu.url();
    let cases: [(&[&str], &str); 6] = [
        (&["--secret-key", "hunter2"], "MEETCTL_TENCENT_SECRET_KEY"),
        (&["--secret-key=hunter2"], "MEETCTL_TENCENT_SECRET_KEY"),
        (&["--access-token", "hunter2"], "MEETCTL_TENCENT_ACCESS_TOKEN"),
        (&["--token", "hunter2"], "MEETCTL_HUAWEI_CONTROL_TOKEN"),
        (&["--app-key", "hunter2"], "MEETCTL_HUAWEI_APP_KEY"),
        (&["--password"], "MEETCTL_HUAWEI_CONFERENCE_PASSWORD"),
    ];
    for (flag, variable) in cases {
        let run = Cli::new().tencent(&url).args(&mute_bob()).args(flag).expect(2);
        assert!(
            run.stderr.contains("is refused") && run.stderr.contains(variable),
            "{flag:?}: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("hunter2") && !run.stdout.contains("hunter2"),
            "{flag:?}: {}",
            run.stderr
        );
    }
    // Refused before anything else is checked, on every subcommand, and never sent.
    let run = Cli::new().args(&["huawei", "apply-host", "--chairman-password", "hunter2"]).expect(2);
    assert!(run.stderr.contains("MEETCTL_HUAWEI_CHAIRMAN_PASSWORD"), "{}", run.stderr);
    assert_eq!(emu.state()["request_count"], 0);
}

#[test]
fn credentials_from_profiles_with_the_environment_winning() {
    let emu = emulator();
    let url = emu.url();
    let dir = scratch("profiles");
    let config = dir.join("config.toml");
    write_file(
        &config,
        &format!(
            "[profiles.default.tencent]\napp_id = 210000001\nsecret_id = \"AKIDdemo0001\"\nsecret_key = \"wrong-key\"\n\
             base_url = \"{url}\"\n\n\
             [profiles.work]\ntimeout = 20\n[profiles.work.tencent]\napp_id = \"210000001\"\nsecret_id = \"AKIDdemo0001\"\n\
             secret_key = \"{SECRET_KEY}\"\nbase_url = \"{url}\"\n"
        ),
        0o600,
    );
    let config = config.to_str().unwrap();

    // The default profile's key is wrong: the server says so.
    Cli::new().args(&mute_bob()).args(&["--config", config]).expect(12);
    // The profile named by flag or environment.
    Cli::new().args(&mute_bob()).args(&["--config", config, "--profile", "work"]).expect(0);
    assert!(bob_muted(&emu));
    Cli::new()
        .env("MEETCTL_CONFIG", config)
        .env("MEETCTL_PROFILE", "work")
        .args(&["tencent", "unmute", "--meeting", MEETING, "--operator", ALICE, "--user", BOB])
        .expect(0);
    assert!(!bob_muted(&emu));
    // The environment wins over the file.
    Cli::new()
        .env("MEETCTL_TENCENT_SECRET_KEY", SECRET_KEY)
        .args(&mute_bob())
        .args(&["--config", config])
        .expect(0);
    assert!(bob_muted(&emu));

    // Found at the default place without --config.
    let xdg = dir.join("xdg");
    std::fs::create_dir_all(xdg.join("meetctl")).unwrap();
    std::fs::copy(dir.join("config.toml"), xdg.join("meetctl").join("config.toml")).unwrap();
    Cli::new()
        .env("XDG_CONFIG_HOME", xdg.to_str().unwrap())
        .args(&[
            "tencent",
            "unmute",
            "--meeting",
            MEETING,
            "--operator",
            ALICE,
            "--user",
            BOB,
            "--profile",
            "work",
        ])
        .expect(0);
    assert!(!bob_muted(&emu));

    // Set but empty counts as not set.
    Cli::new().tencent(&url).env("MEETCTL_PROFILE", "").env("MEETCTL_CONFIG", "").args(&mute_bob()).expect(0);
    assert!(bob_muted(&emu));

    // A profile that is not there, a file that is not there.
    let run = Cli::new().args(&mute_bob()).args(&["--config", config, "--profile", "home"]).expect(2);
    assert!(run.stderr.contains("profile `home`") && run.stderr.contains("default, work"), "{}", run.stderr);
    let missing = dir.join("nope.toml");
    let run = Cli::new().args(&mute_bob()).args(&["--config", missing.to_str().unwrap()]).expect(2);
    assert!(run.stderr.contains("cannot read the config file"), "{}", run.stderr);
}

#[test]
fn a_config_file_with_secrets_must_be_private() {
    let emu = emulator();
    let url = emu.url();
    let dir = scratch("permissions");
    let open = dir.join("open.toml");
    write_file(&open, &format!("[profiles.default.tencent]\nsecret_key = \"{SECRET_KEY}\"\n"), 0o644);
    let run =
        Cli::new().tencent(&url).args(&mute_bob()).args(&["--config", open.to_str().unwrap()]).expect(2);
    assert!(run.stderr.contains("chmod 600") && run.stderr.contains("0644"), "{}", run.stderr);
    assert!(!bob_muted(&emu));

    // Without secrets it may be readable; the secret then comes from the environment.
    let ids = dir.join("ids.toml");
    write_file(
        &ids,
        &format!(
            "[profiles.default.tencent]\napp_id = \"210000001\"\nsecret_id = \"AKIDdemo0001\"\nbase_url = \"{url}\"\n"
        ),
        0o644,
    );
    Cli::new()
        .env("MEETCTL_TENCENT_SECRET_KEY", SECRET_KEY)
        .args(&mute_bob())
        .args(&["--config", ids.to_str().unwrap()])
        .expect(0);
    assert!(bob_muted(&emu));

    // Mistakes in the file are named, its text never quoted.
    let typo = dir.join("typo.toml");
    write_file(&typo, "[profiles.default.tencent]\nsecret_kye = \"x\"\n", 0o600);
    let run = Cli::new().args(&mute_bob()).args(&["--config", typo.to_str().unwrap()]).expect(2);
    assert!(run.stderr.contains("unknown key `secret_kye`"), "{}", run.stderr);
    let broken = dir.join("broken.toml");
    write_file(&broken, &format!("[profiles.default.tencent]\nsecret_key = \"{SECRET_KEY}\n"), 0o600);
    let run = Cli::new().args(&mute_bob()).args(&["--config", broken.to_str().unwrap()]).expect(2);
    assert!(run.stderr.contains("line 2"), "{}", run.stderr);
}

#[test]
fn credentials_must_be_complete_and_unambiguous() {
    let emu = emulator();
    let url = emu.url();
    let run = Cli::new().env("MEETCTL_BASE_URL", &url).args(&mute_bob()).expect(2);
    assert!(
        run.stderr.contains("no Tencent credentials") && run.stderr.contains("MEETCTL_TENCENT_SECRET_KEY"),
        "{}",
        run.stderr
    );
    let run = Cli::new()
        .env("MEETCTL_BASE_URL", &url)
        .env("MEETCTL_TENCENT_APP_ID", "210000001")
        .env("MEETCTL_TENCENT_SECRET_ID", "AKIDdemo0001")
        .args(&mute_bob())
        .expect(2);
    assert!(
        run.stderr.contains("secret_key is missing") && run.stderr.contains("MEETCTL_TENCENT_SECRET_KEY"),
        "{}",
        run.stderr
    );
    let run = Cli::new()
        .tencent(&url)
        .env("MEETCTL_TENCENT_ACCESS_TOKEN", "demo-oauth-token-1")
        .args(&mute_bob())
        .expect(2);
    assert!(run.stderr.contains("ambiguous"), "{}", run.stderr);
    let run = Cli::new()
        .huawei(&url, HOST_PASSWORD)
        .env("MEETCTL_HUAWEI_ACCOUNT", "demo-account")
        .args(&["huawei", "lock", "--conference", CONFERENCE])
        .expect(2);
    assert!(run.stderr.contains("ambiguous"), "{}", run.stderr);
    let run = Cli::new()
        .env("MEETCTL_BASE_URL", &url)
        .args(&["huawei", "lock", "--conference", CONFERENCE])
        .expect(2);
    assert!(run.stderr.contains("MEETCTL_HUAWEI_CONFERENCE_PASSWORD"), "{}", run.stderr);
    let run = Cli::new()
        .huawei(&url, GUEST_PASSWORD)
        .args(&["huawei", "apply-host", "--conference", CONFERENCE, "--participant", BOB_HW])
        .expect(2);
    assert!(run.stderr.contains("MEETCTL_HUAWEI_CHAIRMAN_PASSWORD"), "{}", run.stderr);
    assert_eq!(emu.state()["request_count"], 0);
}

#[test]
fn oauth_and_account_credentials() {
    let emu = emulator();
    let url = emu.url();
    let oauth = || {
        Cli::new()
            .env("MEETCTL_BASE_URL", &url)
            .env("MEETCTL_TENCENT_OPEN_ID", "oauth-open-id-1")
            .env("MEETCTL_TENCENT_ACCESS_TOKEN", "demo-oauth-token-1")
    };
    oauth()
        .args(&[
            "tencent",
            "mute",
            "--meeting",
            "1242152152162",
            "--operator",
            "openid:oauth-open-id-1@pc",
            "--user",
            "ms_open_id:msopenid-pete@web",
        ])
        .expect(0);
    assert_eq!(tencent_participant(&emu.state(), "1242152152162", "userid", "pete")["muted"], true);
    let run = oauth()
        .args(&[
            "tencent",
            "set-cohost",
            "--meeting",
            "1242152152162",
            "--operator",
            "ms_open_id:msopenid-olivia@pc",
            "--user",
            "ms_open_id:msopenid-pete@web",
        ])
        .expect(2);
    assert!(run.stderr.contains("OAuth"), "{}", run.stderr);
    let masked = oauth()
        .args(&[
            "tencent",
            "unmute",
            "--meeting",
            "1242152152162",
            "--operator",
            "openid:oauth-open-id-1@pc",
            "--user",
            "ms_open_id:msopenid-pete@web",
            "--dry-run",
        ])
        .expect(0);
    assert!(
        masked.stdout.contains("-H 'AccessToken: ***'")
            && masked.stdout.contains("-H 'OpenId: oauth-open-id-1'"),
        "{}",
        masked.stdout
    );

    Cli::new()
        .env("MEETCTL_BASE_URL", &url)
        .env("MEETCTL_HUAWEI_ACCOUNT", "demo-account")
        .env("MEETCTL_HUAWEI_PASSWORD", "Demo@Passw0rd")
        .env("MEETCTL_HUAWEI_CONFERENCE_PASSWORD", HOST_PASSWORD)
        .args(&[
            "huawei",
            "unmute",
            "--conference",
            CONFERENCE,
            "--participant",
            "c3d4e5f6a7b811eabc510dc9b62e3a82",
        ])
        .expect(0);
    assert_eq!(
        huawei_participant(&emu.state(), CONFERENCE, "c3d4e5f6a7b811eabc510dc9b62e3a82")["muted"],
        false
    );
    assert_eq!(emu.state()["huawei"]["access_tokens_issued"], 1);
}

#[test]
fn help_reads_well_and_documents_exit_codes() {
    let run = Cli::new().args(&["--help"]).expect(0);
    for text in [
        "tencent",
        "huawei",
        "meeting",
        "request",
        "completions",
        "Exit codes:",
        "MEETCTL_TENCENT_SECRET_KEY",
        "chmod 600",
    ] {
        assert!(run.stdout.contains(text), "{text}: {}", run.stdout);
    }
    assert!(run.stdout.contains(" 21  unsupported"), "{}", run.stdout);
    let run = Cli::new().args(&["tencent", "kick-out", "--help"]).expect(0);
    for text in ["--user <USER>", "repeat for more", "--allow-rejoin", "[default: true]", "Global options:"] {
        assert!(run.stdout.contains(text), "{text}: {}", run.stdout);
    }
    let run = Cli::new().args(&["huawei", "--help"]).expect(0);
    assert!(run.stdout.contains("apply-host") && run.stdout.contains("tokens are"), "{}", run.stdout);
    // No subcommand: the help, as a usage error.
    let run = Cli::new().expect(2);
    assert!(run.stderr.contains("Usage: meetctl"), "{}", run.stderr);
    Cli::new().args(&["--version"]).expect(0);
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = Cli::new().args(&["completions", shell]).expect(0);
        assert!(run.stdout.contains("meetctl"), "{shell}");
        assert!(
            run.stdout.contains("kick-out") && run.stdout.contains("apply-host"),
            "{shell}: the generated subcommands are in"
        );
    }
    let run = Cli::new().args(&["completions", "tcsh"]).expect(2);
    assert!(run.stderr.contains("bash"), "{}", run.stderr);
}

#[cfg(feature = "demo")]
#[test]
fn the_demo_walks_through_both_vendors() {
    let run = Cli::new().args(&["demo"]).expect(0);
    for text in [
        "find the meeting from its code \"806 724 161\"",
        "GET /v1/meetings?meeting_code=806724161&userid=alice&instanceid=4 → 200",
        "code 806 724 161 is meeting 1242152152161 \"Demo: weekly product review\"",
        "PUT /v1/real-control/meetings/1242152152161/cohosts → 200",
        "state:  bob's role: \"cohost\"",
        "GET /v1/mmc/control/conferences/token?conferenceID=914083136 → 200",
        "state:  host: \"a1b2c3d4e5f611eabc510dc9b62e3a81\"",
        "meetctl::Meeting",
        "subscribe a receiver to the app's events",
        "meeting.participant-joined msopenid-frank",
        "frank's admission seen: true, the end seen last: true",
        "PUT /v1/meeting-rooms/room-call → 200",
        "tencent:9:ms-call-invite-1242152152163-1  sip:lobby@example.com",
        "POST /v1/mmc/control/conferences/participants?conferenceID=914083138 → 200",
        "PUT /v1/mmc/control/conferences/participants/broadcast?conferenceID=914083138&participantID=invited-3 → 200",
        "state:  mode: \"BROADCAST\"",
        "steps did what they should",
    ] {
        assert!(run.stdout.contains(text), "{text}:\n{}", run.stdout);
    }
    assert!(!run.stdout.contains("FAILED"), "{}", run.stdout);
    let doc = Cli::new().args(&["demo", "--json"]).expect(0).json();
    let steps = doc["steps"].as_array().unwrap();
    assert!(steps.len() > 20 && steps.iter().all(|s| s["ok"] == true), "{doc}");
    assert_eq!(doc["ok"], serde_json::json!(true));
    Cli::new().args(&["demo", "--dry-run"]).expect(2);
}
