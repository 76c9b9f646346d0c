//! `meetctl-emulator`: serve the emulator until SIGINT/SIGTERM (or stdin EOF).
//!
//! ```text
//! meetctl-emulator [--listen ADDR] [--scenario FILE] [--exit-on-stdin-eof] [--verbose]
//! ```
//!
//! The first line on stdout is the base URL. Errors go to stderr with exit code 2.

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::process::ExitCode;

use meetctl_emulator::{Emulator, Scenario, demo_scenario};

const USAGE: &str =
    "usage: meetctl-emulator [--listen ADDR] [--scenario FILE] [--exit-on-stdin-eof] [--verbose]

  --listen ADDR          address to listen on (default 127.0.0.1:0, a free port)
  --scenario FILE        scenario JSON (default: the built-in demo scenario)
  --exit-on-stdin-eof    also stop when standard input reaches end-of-file
  --verbose, -v          log every request to stderr

Prints the base URL (http://HOST:PORT) as the first line of stdout, then serves until
SIGINT or SIGTERM.";

#[derive(Debug)]
struct Args {
    listen: SocketAddr,
    scenario: Option<String>,
    exit_on_stdin_eof: bool,
    verbose: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut parsed = Args {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        scenario: None,
        exit_on_stdin_eof: false,
        verbose: false,
    };
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{name} needs a value"))
        };
        match name.as_str() {
            "--listen" => {
                let v = value("--listen")?;
                parsed.listen =
                    v.parse().map_err(|_| format!("--listen: {v:?} is not an address like 127.0.0.1:0"))?;
            }
            "--scenario" => parsed.scenario = Some(value("--scenario")?),
            "--exit-on-stdin-eof" => parsed.exit_on_stdin_eof = true,
            "--verbose" | "-v" => parsed.verbose = true,
            "--help" | "-h" => return Ok(None),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Some(parsed))
}

/// Logs to stderr.
struct StderrLogger;

impl log::Log for StderrLogger {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        let _ = writeln!(std::io::stderr().lock(), "meetctl-emulator: {}: {}", record.level(), record.args());
    }

    fn flush(&self) {}
}

static LOGGER: StderrLogger = StderrLogger;

fn fail(message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr().lock(), "meetctl-emulator: {message}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            let _ = writeln!(std::io::stdout().lock(), "{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(&format!("{e}\n{USAGE}")),
    };
    if args.verbose && log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(log::LevelFilter::Debug);
    }
    let scenario = match &args.scenario {
        Some(path) => match Scenario::from_file(path) {
            Ok(s) => s,
            Err(e) => return fail(&e.to_string()),
        },
        None => demo_scenario(),
    };
    let emulator = match Emulator::start_on(args.listen, scenario) {
        Ok(e) => e,
        Err(e) => return fail(&format!("cannot listen on {}: {e}", args.listen)),
    };
    {
        let mut stdout = std::io::stdout().lock();
        if writeln!(stdout, "{}", emulator.url()).and_then(|()| stdout.flush()).is_err() {
            return fail("cannot write the URL to stdout");
        }
    }
    match wait_for_exit(args.exit_on_stdin_eof) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("cannot wait for signals: {e}")),
    }
}

/// Blocks until SIGINT, SIGTERM or (when asked) end-of-file on stdin.
fn wait_for_exit(exit_on_stdin_eof: bool) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let (eof_tx, eof_rx) = tokio::sync::oneshot::channel::<()>();
    // Without the flag the sender is kept (unused) until we return, so the receiver never fires.
    let mut unused_sender = None;
    if exit_on_stdin_eof {
        std::thread::Builder::new().name("stdin-watch".into()).spawn(move || {
            let mut stdin = std::io::stdin().lock();
            let mut buf = [0u8; 1024];
            while matches!(stdin.read(&mut buf), Ok(n) if n > 0) {}
            let _ = eof_tx.send(());
        })?;
    } else {
        unused_sender = Some(eof_tx);
    }
    let result = runtime.block_on(async move {
        let stdin_eof = async move {
            if eof_rx.await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        wait_for_signal(stdin_eof).await
    });
    drop(unused_sender);
    result
}

#[cfg(unix)]
async fn wait_for_signal(stdin_eof: impl std::future::Future<Output = ()>) -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
        () = stdin_eof => {}
    }
    Ok(())
}

#[cfg(not(unix))]
async fn wait_for_signal(stdin_eof: impl std::future::Future<Output = ()>) -> std::io::Result<()> {
    tokio::select! {
        r = tokio::signal::ctrl_c() => r,
        () = stdin_eof => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Args>, String> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn parses_flags() {
        let a = parse(&["--listen", "127.0.0.1:8080", "--scenario", "x.json", "--exit-on-stdin-eof"])
            .expect("ok")
            .expect("not help");
        assert_eq!(a.listen, SocketAddr::from(([127, 0, 0, 1], 8080)));
        assert_eq!(a.scenario.as_deref(), Some("x.json"));
        assert!(a.exit_on_stdin_eof);
        let a = parse(&["--listen=127.0.0.1:0"]).expect("ok").expect("not help");
        assert_eq!(a.listen.port(), 0);
        assert!(parse(&["--help"]).expect("ok").is_none());
        assert!(parse(&["--listen"]).is_err());
        assert!(parse(&["--listen", "nope"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
    }
}
