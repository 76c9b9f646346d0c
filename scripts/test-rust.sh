#!/usr/bin/env bash
# Rust: formatting, lints, the libraries' docs (a broken link is an error), then every unit and
# integration test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo clippy (the fuzz targets: they model every table's fields, so a new one breaks them here first)"
(cd fuzz && cargo clippy --all-targets --locked -- -D warnings)
echo "== cargo doc (the core and the emulator; warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps -p meetctl -p meetctl-emulator
echo "== cargo test"
cargo test --workspace --locked
echo "== the main job (README): meetctl demo against the emulator"
cargo run -q --locked -p meetctl-cli -- demo
echo "== either vendor: the same code on a Tencent meeting and a Huawei conference"
cargo run -q --locked -p meetctl --example either_vendor
