//! Regenerates every generated file into a temporary directory and fails when a committed one
//! differs: a declaration changed without `scripts/codegen.sh`, or a generated file was edited by
//! hand.

#[test]
fn every_generated_file_is_current() {
    let root = xtask::repository_root();
    let outputs = xtask::outputs(&root).expect("generate");
    let dir = std::env::temp_dir().join(format!("meetctl-codegen-test-{}", std::process::id()));
    xtask::write_all(&outputs, &dir).expect("write into the temporary directory");
    let stale = xtask::stale(&root, &dir, &outputs);
    let report: Vec<String> = stale
        .iter()
        .map(|path| {
            let committed = std::fs::read_to_string(root.join(path)).unwrap_or_default();
            let fresh = std::fs::read_to_string(dir.join(path)).unwrap_or_default();
            let line = committed.lines().zip(fresh.lines()).position(|(c, f)| c != f);
            match line {
                Some(i) => format!(
                    "{}:{}:\n  committed: {}\n  generated: {}",
                    path.display(),
                    i + 1,
                    committed.lines().nth(i).unwrap_or_default(),
                    fresh.lines().nth(i).unwrap_or_default()
                ),
                None => format!("{}: differs in length", path.display()),
            }
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        stale.is_empty(),
        "generated files differ from what `scripts/codegen.sh` writes:\n{}",
        report.join("\n")
    );
}
