//! meetctl's code generator: everything the bindings mirror of the core's operation
//! declarations (the C enums, the C++ and Python named methods and stubs, the list-item
//! builders, the documentation tables), written from one walk of `ALL`.
//!
//! `cargo run -p xtask -- codegen` writes the files; `tests/generated_files_are_current.rs`
//! regenerates them into a temporary directory and fails when a committed file differs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod c_enums;
mod c_status;
mod cpp;
mod devices;
mod docs;
mod lookups;
mod model;
mod python;
mod rust_builders;
mod rust_methods;
mod text;

use model::Family;

/// One generated file: its path under the repository and its whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The path, relative to the repository's root.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// The repository's root (this crate is `crates/xtask`).
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every generated file, as it should be. Files with generated parts between markers are read
/// from `root` and returned with those parts replaced.
pub fn outputs(root: &Path) -> Result<Vec<Output>, String> {
    let mut out = Vec::new();
    let mut whole = |path: &str, text: String| out.push(Output { path: PathBuf::from(path), text });
    let operation_enums = c_enums::generate() + &lookups::c_enums();
    whole("crates/meetctl-ffi/src/operation/enums.rs", rustfmt(root, &operation_enums)?);
    whole("crates/meetctl-ffi/src/status/enums.rs", rustfmt(root, &c_status::generate())?);
    whole("crates/meetctl-ffi/src/tencent_user/instance.rs", rustfmt(root, &devices::c_enum())?);
    whole("include/meetctl_operations.hpp", cpp::generate());
    for family in Family::ALL {
        let (name, text) = python::module(family);
        whole(&format!("python/meetctl/{name}"), text);
    }
    whole("python/meetctl/_records.py", lookups::python_records());
    whole("python/meetctl/_lookups.py", lookups::python_lookups());
    for (path, text) in rust_builders::generate().into_iter().chain(rust_methods::generate()) {
        whole(&path, rustfmt(root, &text)?);
    }

    let stub = splice_all(
        root,
        "python/meetctl/_meetctl.pyi",
        "#",
        &[
            ("operation names", python::stub_literals() + &lookups::stub_literals()),
            ("TencentClient methods", python::stub_methods(Family::Tencent)),
            ("HuaweiConference methods", python::stub_methods(Family::Huawei)),
            ("Meeting methods", python::stub_methods(Family::Meeting)),
            ("TencentClient lookups", lookups::stub_methods("TencentClient")),
            ("HuaweiClient lookups", lookups::stub_methods("HuaweiClient")),
            ("HuaweiConference lookups", lookups::stub_methods("HuaweiConference")),
        ],
    )?;
    out.push(stub);
    let init = splice_all(
        root,
        "python/meetctl/__init__.py",
        "#",
        &[
            ("builder imports", python::builder_imports()),
            ("builder names", python::builder_names()),
            ("record imports", lookups::record_imports_of_package()),
            ("record names", lookups::record_names()),
        ],
    )?;
    out.push(init);
    out.push(splice_all(
        root,
        "python/meetctl/_enums.py",
        "#",
        &[("Instance members", devices::python_members())],
    )?);
    let readme = [
        ("Tencent operations", docs::readme_table(Family::Tencent)),
        ("Huawei operations", docs::readme_table(Family::Huawei)),
        ("Tencent lookups", lookups::table(lookups::Vendor::Tencent)),
        ("Huawei lookups", lookups::table(lookups::Vendor::Huawei)),
    ];
    out.push(splice_all(root, "README.md", "<!--", &readme)?);
    let c_api = [
        ("Tencent operations", docs::c_table(Family::Tencent)),
        ("Huawei operations", docs::c_table(Family::Huawei)),
        ("Meeting operations", docs::c_table(Family::Meeting)),
        ("Tencent lookups", lookups::table(lookups::Vendor::Tencent)),
        ("Huawei lookups", lookups::table(lookups::Vendor::Huawei)),
        ("Records", lookups::records_table()),
    ];
    out.push(splice_all(root, "docs/c-api.md", "<!--", &c_api)?);
    Ok(out)
}

/// `path` read from `root` with each named region replaced.
fn splice_all(root: &Path, path: &str, comment: &str, regions: &[(&str, String)]) -> Result<Output, String> {
    let mut text = std::fs::read_to_string(root.join(path)).map_err(|e| format!("{path}: {e}"))?;
    for (name, body) in regions {
        let (begin, end) = if comment == "#" {
            (
                format!("# BEGIN GENERATED: {name} (cargo run -p xtask -- codegen)"),
                format!("# END GENERATED: {name}"),
            )
        } else {
            docs::markers(name)
        };
        text = text::splice(&text, &begin, &end, body)
            .ok_or_else(|| format!("{path}: the markers of \"{name}\" are missing ({begin} … {end})"))?;
    }
    Ok(Output { path: PathBuf::from(path), text })
}

/// `text` formatted as `cargo fmt` formats the repository.
fn rustfmt(root: &Path, text: &str) -> Result<String, String> {
    let mut child = Command::new(std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into()))
        .args(["--edition", "2024", "--emit", "stdout", "--config-path"])
        .arg(root.join("rustfmt.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("rustfmt: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("rustfmt: no stdin")?
        .write_all(text.as_bytes())
        .map_err(|e| format!("rustfmt: {e}"))?;
    let done = child.wait_with_output().map_err(|e| format!("rustfmt: {e}"))?;
    if !done.status.success() {
        return Err(format!("rustfmt failed: {}", String::from_utf8_lossy(&done.stderr)));
    }
    String::from_utf8(done.stdout).map_err(|e| format!("rustfmt: {e}"))
}

/// Writes every output under `dir`; returns the paths written.
pub fn write_all(outputs: &[Output], dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for o in outputs {
        let path = dir.join(&o.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &o.text).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// The committed files (under `root`) that differ from the generated ones in `generated_dir`.
pub fn stale(root: &Path, generated_dir: &Path, outputs: &[Output]) -> Vec<PathBuf> {
    outputs
        .iter()
        .filter(|o| {
            let committed = std::fs::read(root.join(&o.path)).ok();
            let fresh = std::fs::read(generated_dir.join(&o.path)).ok();
            committed.is_none() || committed != fresh
        })
        .map(|o| o.path.clone())
        .collect()
}
