//! `meetctl`: control live Tencent Meeting and Huawei Cloud Meeting sessions from a shell.
//!
//! Every control operation and lookup of the core's tables is a subcommand (`meetctl tencent
//! mute`, `meetctl huawei online-conferences`, `meetctl meeting participants`), plus `tencent
//! find` (a meeting code to a meeting), `request` for any other endpoint, `doctor` (can meetctl
//! work from here), `demo` (the emulator in-process, both vendors walked through) and
//! `completions`. Credentials
//! come from the environment or the config file, never from flags. `--dry-run` prints the signed
//! request as a `curl` command; `--json` prints one JSON document; the exit code says what kind
//! of error happened (`meetctl --help` has the table).

mod cli;
mod config_file;
mod curl;
#[cfg(feature = "demo")]
mod demo;
mod doctor;
mod events;
mod failure;
mod find;
mod global;
mod huawei;
mod lookup;
mod meeting;
mod output;
mod params;
mod profile;
mod request;
mod secret_flags;
mod tencent;
mod users;
mod watch;

use std::process::ExitCode;

fn main() -> ExitCode {
    let matches = match cli::command().try_get_matches() {
        Ok(matches) => matches,
        Err(e) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(failure::USAGE));
        }
    };
    let global = match cli::global(&matches) {
        Ok(global) => global,
        Err(failure) => {
            let json = matches.try_get_one::<bool>("json").ok().flatten().copied().unwrap_or(false);
            failure::report(&failure, json);
            return ExitCode::from(failure.exit_code());
        }
    };
    let mut out = output::Output::new(global.json);
    match cli::dispatch(&global, &matches, &mut out) {
        Ok(()) => ExitCode::from(failure::SUCCESS),
        Err(failure) => {
            failure::report(&failure, global.json);
            ExitCode::from(failure.exit_code())
        }
    }
}
