//! Running the real `meetctl` binary against a real emulator over loopback.
//!
//! Every run starts from an empty environment (no config file is found, no proxy applies, no
//! credential leaks in from the machine) plus what the test sets. Unless a run is marked
//! `revealing` (for `--show-secrets`), its stdout and stderr are checked to hold none of the
//! demo scenario's secrets.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

pub const MEETING: &str = "1242152152161";
pub const CONFERENCE: &str = "914083136";
pub const HOST_PASSWORD: &str = "157599";
pub const GUEST_PASSWORD: &str = "246810";
pub const SECRET_KEY: &str = "demo-secret-key-0001";
pub const APP_KEY: &str = "demo-app-key-0001";
pub const ALICE: &str = "ms_open_id:afagsagwags@ios";
pub const BOB: &str = "ms_open_id:agaqwwgdkkddd@mac";
pub const BOB_HW: &str = "a1b2c3d4e5f611eabc510dc9b62e3a81";
pub const ALICE_HW: &str = "d2c3ae64216e11eabc510dc9b62e3a80";

/// Every secret of the demo scenario that the tests hand to meetctl.
const SECRETS: &[&str] =
    &[SECRET_KEY, APP_KEY, HOST_PASSWORD, GUEST_PASSWORD, "demo-oauth-token-1", "Demo@Passw0rd"];

/// One `meetctl` invocation being put together.
pub struct Cli {
    command: Command,
    shown: String,
    revealing: bool,
    stdin: Option<String>,
}

/// What a finished invocation did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    shown: String,
}

impl Cli {
    /// `meetctl` with an empty environment.
    pub fn new() -> Cli {
        let mut command = Command::new(env!("CARGO_BIN_EXE_meetctl"));
        command.env_clear();
        Cli { command, shown: "meetctl".into(), revealing: false, stdin: None }
    }

    /// Tencent AK/SK credentials of app 210000001 and the emulator's URL.
    pub fn tencent(self, url: &str) -> Cli {
        self.env("MEETCTL_BASE_URL", url)
            .env("MEETCTL_TENCENT_APP_ID", "210000001")
            .env("MEETCTL_TENCENT_SECRET_ID", "AKIDdemo0001")
            .env("MEETCTL_TENCENT_SECRET_KEY", SECRET_KEY)
    }

    /// Huawei App ID credentials, a conference password and the emulator's URL.
    pub fn huawei(self, url: &str, conference_password: &str) -> Cli {
        self.env("MEETCTL_BASE_URL", url)
            .env("MEETCTL_HUAWEI_APP_ID", "demoappid0001")
            .env("MEETCTL_HUAWEI_APP_KEY", APP_KEY)
            .env("MEETCTL_HUAWEI_USER_ID", "bob")
            .env("MEETCTL_HUAWEI_CONFERENCE_PASSWORD", conference_password)
    }

    pub fn env(mut self, name: &str, value: &str) -> Cli {
        self.command.env(name, value);
        self
    }

    pub fn args(mut self, args: &[&str]) -> Cli {
        for arg in args {
            self.shown.push(' ');
            self.shown.push_str(arg);
        }
        self.command.args(args);
        self
    }

    /// The output may hold secrets (`--show-secrets`): skip the leak check.
    pub fn revealing(mut self) -> Cli {
        self.revealing = true;
        self
    }

    pub fn stdin(mut self, text: &str) -> Cli {
        self.stdin = Some(text.to_owned());
        self
    }

    pub fn run(mut self) -> Run {
        use std::io::Write;
        self.command.stdin(if self.stdin.is_some() { Stdio::piped() } else { Stdio::null() });
        self.command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = self.command.spawn().expect("meetctl starts");
        if let Some(text) = self.stdin.take() {
            child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("stdin written");
        }
        let output = child.wait_with_output().expect("meetctl runs");
        let run = Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            shown: self.shown,
        };
        if !self.revealing {
            for secret in SECRETS {
                assert!(
                    !run.stdout.contains(secret) && !run.stderr.contains(secret),
                    "`{}` printed the secret {secret}:\n{run:?}",
                    run.shown
                );
            }
        }
        run
    }

    /// Runs and expects exit code `code`.
    pub fn expect(self, code: i32) -> Run {
        let run = self.run();
        assert_eq!(
            run.code, code,
            "`{}` exited {} (not {code})\nstdout:\n{}\nstderr:\n{}",
            run.shown, run.code, run.stdout, run.stderr
        );
        run
    }
}

impl Run {
    /// Stdout as the one JSON document `--json` promises.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!("`{}`: stdout is not one JSON document ({e}):\n{}", self.shown, self.stdout)
        })
    }

    /// Stderr as the JSON error document of `--json`.
    pub fn error_json(&self) -> Value {
        serde_json::from_str(&self.stderr).unwrap_or_else(|e| {
            panic!("`{}`: stderr is not one JSON document ({e}):\n{}", self.shown, self.stderr)
        })
    }
}

/// A Tencent participant of `meeting` in the emulator's state, by `key` = `value`.
pub fn tencent_participant(state: &Value, meeting: &str, key: &str, value: &str) -> Value {
    state["tencent"]["meetings"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["meeting_id"] == meeting))
        .and_then(|m| m["participants"].as_array())
        .and_then(|ps| ps.iter().find(|p| p[key] == value))
        .cloned()
        .unwrap_or_else(|| panic!("no participant {key}={value} in {meeting}"))
}

pub fn tencent_meeting(state: &Value, meeting: &str) -> Value {
    state["tencent"]["meetings"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["meeting_id"] == meeting))
        .cloned()
        .unwrap_or_else(|| panic!("no meeting {meeting}"))
}

/// `meetctl huawei <args> --conference CONFERENCE` as the demo conference's host; it must succeed.
pub fn huawei_host(url: &str, args: &[&str]) -> Run {
    Cli::new()
        .huawei(url, HOST_PASSWORD)
        .args(&["huawei"])
        .args(args)
        .args(&["--conference", CONFERENCE])
        .expect(0)
}

pub fn huawei_conference(state: &Value, conference: &str) -> Value {
    state["huawei"]["conferences"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["conference_id"] == conference))
        .cloned()
        .unwrap_or_else(|| panic!("no conference {conference}"))
}

pub fn huawei_participant(state: &Value, conference: &str, id: &str) -> Value {
    huawei_conference(state, conference)["participants"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["participant_id"] == id))
        .cloned()
        .unwrap_or_else(|| panic!("no participant {id} in {conference}"))
}

/// A fresh, private scratch directory under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("meetctl-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Writes `text` to `path` with `mode` (Unix permission bits).
pub fn write_file(path: &Path, text: &str, mode: u32) {
    std::fs::write(path, text).expect("file written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
    #[cfg(not(unix))]
    let _ = mode;
}

/// Whether `curl` can be run here.
pub fn have_curl() -> bool {
    Command::new("curl")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs a printed curl command with `sh -c` (quiet, failing on HTTP errors); its stdout.
pub fn run_curl(command: &str) -> (bool, String) {
    let script = format!("curl() {{ command curl -sS --fail-with-body \"$@\"; }}\n{command}");
    let output = Command::new("sh").arg("-c").arg(script).output().expect("sh runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr),
    )
}
