//! `meetctl-emulator`: serve the emulator until SIGINT/SIGTERM (or stdin EOF).
//!
//! ```text
//! meetctl-emulator [--listen ADDR] [--scenario FILE] [--tls [--ca-out FILE]] [--clock-skew SECONDS]
//!                  [--exit-on-stdin-eof] [--verbose]
//! ```
//!
//! The first line on stdout is the base URL; with `--tls`, the second is the path of the CA
//! certificate (PEM) to trust. Errors go to stderr with exit code 2.

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use meetctl_emulator::{Emulator, Scenario, StartOptions, demo_scenario};

const USAGE: &str = "usage: meetctl-emulator [--listen ADDR] [--scenario FILE] [--tls [--ca-out FILE]]
                        [--clock-skew SECONDS] [--exit-on-stdin-eof] [--verbose]

  --listen ADDR          address to listen on (default 127.0.0.1:0, a free port)
  --scenario FILE        scenario JSON (default: the built-in demo scenario)
  --tls                  serve HTTPS, with a certificate from a CA made at start
  --ca-out FILE          with --tls: write the CA certificate (PEM) to FILE (default: a file
                         in a new temporary directory, removed at exit)
  --clock-skew SECONDS   run the emulator clock SECONDS away from real time (signed; its Date
                         header, timestamp checks and scenario times follow it)
  --exit-on-stdin-eof    also stop when standard input reaches end-of-file
  --verbose, -v          log every request to stderr

Prints the base URL (http://HOST:PORT, or https:// with --tls) as the first line of stdout,
with --tls the CA certificate's path as the second, then serves until SIGINT or SIGTERM.";

#[derive(Debug)]
struct Args {
    listen: SocketAddr,
    scenario: Option<String>,
    tls: bool,
    ca_out: Option<PathBuf>,
    clock_skew_secs: i64,
    exit_on_stdin_eof: bool,
    verbose: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut parsed = Args {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        scenario: None,
        tls: false,
        ca_out: None,
        clock_skew_secs: 0,
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
            "--tls" => parsed.tls = true,
            "--ca-out" => {
                let v = value("--ca-out")?;
                if v.is_empty() {
                    return Err("--ca-out: the file name is empty".into());
                }
                parsed.ca_out = Some(PathBuf::from(v));
            }
            "--clock-skew" => {
                let v = value("--clock-skew")?;
                parsed.clock_skew_secs = v
                    .trim()
                    .parse()
                    .map_err(|_| format!("--clock-skew: {v:?} is not a whole number of seconds"))?;
            }
            "--exit-on-stdin-eof" => parsed.exit_on_stdin_eof = true,
            "--verbose" | "-v" => parsed.verbose = true,
            "--help" | "-h" => return Ok(None),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if parsed.ca_out.is_some() && !parsed.tls {
        return Err("--ca-out needs --tls".into());
    }
    Ok(Some(parsed))
}

/// The CA certificate written out for clients to trust; a file in a temporary directory of our
/// own is removed, with the directory, when this is dropped (a file named by `--ca-out` stays).
struct CaFile {
    path: PathBuf,
    temp_dir: Option<PathBuf>,
}

impl CaFile {
    /// Writes `pem` to `path`, or to `ca.pem` in a new temporary directory.
    fn write(pem: &str, path: Option<&Path>) -> Result<CaFile, String> {
        let (path, temp_dir) = match path {
            Some(path) => (path.to_path_buf(), None),
            None => {
                let dir = new_temp_dir().map_err(|e| format!("cannot make a temporary directory: {e}"))?;
                (dir.join("ca.pem"), Some(dir))
            }
        };
        let file = CaFile { path, temp_dir };
        std::fs::write(&file.path, pem)
            .map_err(|e| format!("--ca-out: cannot write {}: {e}", file.path.display()))?;
        Ok(file)
    }

    /// The file's path, absolute.
    fn absolute_path(&self) -> PathBuf {
        std::path::absolute(&self.path).unwrap_or_else(|_| self.path.clone())
    }
}

impl Drop for CaFile {
    fn drop(&mut self) {
        if let Some(dir) = &self.temp_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// A new, empty directory under the system's temporary directory (only we may enter it).
fn new_temp_dir() -> std::io::Result<PathBuf> {
    let base = std::env::temp_dir();
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    let mut attempt = 0u32;
    loop {
        let dir = base.join(format!("meetctl-emulator-{}-{nanos:x}-{attempt}", std::process::id()));
        match builder.create(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
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
    let options = StartOptions { addr: args.listen, tls: args.tls, clock_skew_secs: args.clock_skew_secs };
    let started = Emulator::start_with(scenario, options);
    let emulator = match started {
        Ok(e) => e,
        Err(e) => return fail(&format!("cannot listen on {}: {e}", args.listen)),
    };
    let ca_file = match emulator.ca_pem().map(|pem| CaFile::write(pem, args.ca_out.as_deref())) {
        Some(Ok(file)) => Some(file),
        Some(Err(e)) => return fail(&e),
        None => None,
    };
    {
        let mut lines = format!("{}\n", emulator.url());
        if let Some(file) = &ca_file {
            lines.push_str(&format!("{}\n", file.absolute_path().display()));
        }
        let mut stdout = std::io::stdout().lock();
        if stdout.write_all(lines.as_bytes()).and_then(|()| stdout.flush()).is_err() {
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

    #[test]
    fn parses_clock_skew() {
        assert_eq!(parse(&["--clock-skew", "-600"]).expect("ok").expect("not help").clock_skew_secs, -600);
        assert_eq!(parse(&["--clock-skew=3600"]).expect("ok").expect("not help").clock_skew_secs, 3600);
        assert_eq!(parse(&[]).expect("ok").expect("not help").clock_skew_secs, 0);
        assert!(parse(&["--clock-skew", "soon"]).is_err());
        assert!(parse(&["--clock-skew"]).is_err());
    }

    #[test]
    fn parses_tls_flags() {
        let a = parse(&["--tls", "--ca-out", "ca.pem"]).expect("ok").expect("not help");
        assert!(a.tls);
        assert_eq!(a.ca_out.as_deref(), Some(Path::new("ca.pem")));
        let a = parse(&["--tls"]).expect("ok").expect("not help");
        assert!(a.tls && a.ca_out.is_none());
        assert!(!parse(&[]).expect("ok").expect("not help").tls);
        assert_eq!(parse(&["--ca-out", "ca.pem"]).unwrap_err(), "--ca-out needs --tls");
        assert_eq!(parse(&["--tls", "--ca-out"]).unwrap_err(), "--ca-out needs a value");
        assert!(parse(&["--tls", "--ca-out="]).unwrap_err().starts_with("--ca-out"));
    }

    #[test]
    fn temporary_ca_file_is_removed_when_dropped() {
        let file = CaFile::write("pem", None).expect("write");
        let dir = file.temp_dir.clone().expect("a temporary directory");
        assert_eq!(std::fs::read_to_string(&file.path).expect("read"), "pem");
        assert!(file.absolute_path().is_absolute());
        drop(file);
        assert!(!dir.exists());
    }
}
