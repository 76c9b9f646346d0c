//! Regenerates every generated file into a temporary directory and fails when a committed one
//! differs: a declaration changed without `cargo run -p xtask -- codegen`, or a generated file
//! was edited by hand.

#[test]
fn every_generated_file_is_current() {
    let root = xtask::repository_root();
    let outputs = xtask::outputs(&root).expect("generate");
    let dir = std::env::temp_dir().join(format!("meetctl-codegen-test-{}", std::process::id()));
    xtask::write_all(&outputs, &dir).expect("write into the temporary directory");
    let stale = xtask::stale(&root, &dir, &outputs);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        stale.is_empty(),
        "generated files differ from what `cargo run -p xtask -- codegen` writes: {stale:?}"
    );
}
