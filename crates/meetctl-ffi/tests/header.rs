//! `include/meetctl.h` is what the pinned cbindgen generates from this crate and `cbindgen.toml`.
//! Regenerated in memory and compared; `MEETCTL_UPDATE_HEADER=1` rewrites the committed file.

use std::path::{Path, PathBuf};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn header_path() -> PathBuf {
    crate_dir().join("../../include/meetctl.h")
}

fn generate() -> String {
    let dir = crate_dir();
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml parses");
    let bindings = cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("the header is UTF-8")
}

#[test]
fn committed_header_is_up_to_date() {
    let generated = generate();
    let path = header_path();
    if std::env::var_os("MEETCTL_UPDATE_HEADER").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("write include/meetctl.h");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let first_diff = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
        panic!(
            "{} is out of date (first difference at line {}); regenerate it with\n  \
             MEETCTL_UPDATE_HEADER=1 cargo test -p meetctl-ffi --test header",
            display(&path),
            first_diff + 1
        );
    }
}

#[test]
fn header_declares_the_version_macros_of_cargo_toml() {
    let generated = generate();
    for (name, value) in [
        ("MEETCTL_VERSION_MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
        ("MEETCTL_VERSION_MINOR", env!("CARGO_PKG_VERSION_MINOR")),
        ("MEETCTL_VERSION_PATCH", env!("CARGO_PKG_VERSION_PATCH")),
    ] {
        let line = format!("#define {name} {value}");
        assert!(generated.lines().any(|l| l.trim() == line), "missing `{line}`");
    }
}

#[test]
fn every_declared_function_has_the_prefix_and_a_doc_comment() {
    let generated = generate();
    let lines: Vec<&str> = generated.lines().collect();
    let mut functions = 0;
    for (i, line) in lines.iter().enumerate() {
        // Function declarations start at column 0 with a return type and contain `meetctl_…(`.
        let Some(open) = line.find('(') else { continue };
        if line.starts_with(' ') || line.starts_with('#') || line.starts_with('*') || line.starts_with('/') {
            continue;
        }
        let name = line[..open].rsplit([' ', '*']).next().unwrap_or("");
        assert!(name.starts_with("meetctl_"), "unprefixed function `{name}` in: {line}");
        assert!(i > 0 && lines[i - 1].trim_end().ends_with("*/"), "no doc comment before `{name}`");
        functions += 1;
    }
    assert!(functions > 40, "found only {functions} functions");
}

fn display(p: &Path) -> String {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf()).display().to_string()
}
