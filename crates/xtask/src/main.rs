//! `cargo run -p xtask -- codegen [--check]`: writes (or checks) every file generated from the
//! core's operation declarations.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    if args.first().map(String::as_str) != Some("codegen") {
        eprintln!("usage: cargo run -p xtask -- codegen [--check]");
        return ExitCode::from(2);
    }
    let root = xtask::repository_root();
    let outputs = match xtask::outputs(&root) {
        Ok(outputs) => outputs,
        Err(e) => {
            eprintln!("xtask codegen: {e}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        let dir = std::env::temp_dir().join(format!("meetctl-codegen-{}", std::process::id()));
        let result = xtask::write_all(&outputs, &dir).map(|_| xtask::stale(&root, &dir, &outputs));
        let _ = std::fs::remove_dir_all(&dir);
        return match result {
            Ok(stale) if stale.is_empty() => ExitCode::SUCCESS,
            Ok(stale) => {
                for path in stale {
                    eprintln!("stale: {} (run `cargo run -p xtask -- codegen`)", path.display());
                }
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("xtask codegen: {e}");
                ExitCode::FAILURE
            }
        };
    }
    match xtask::write_all(&outputs, &root) {
        Ok(paths) => {
            for p in paths {
                println!("wrote {}", p.strip_prefix(&root).unwrap_or(&p).display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("xtask codegen: {e}");
            ExitCode::FAILURE
        }
    }
}
