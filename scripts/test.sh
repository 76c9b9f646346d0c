#!/usr/bin/env bash
# Runs every test of the project: Rust (fmt, clippy, unit and integration tests against the
# emulator), C/C++ (against libmeetctl, under valgrind too) and Python (the package installed by
# pip into a fresh virtual environment). Installs what it needs; safe to run on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/test-rust.sh
[ -x scripts/test-c.sh ] && scripts/test-c.sh
[ -x scripts/test-python.sh ] && scripts/test-python.sh
echo "all test suites passed"
