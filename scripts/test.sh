#!/usr/bin/env bash
# Runs every test of the project: Rust (fmt, clippy, unit and integration tests against the
# emulator, fault and load tests), C/C++ (against libmeetctl, under valgrind and ASan+UBSan too),
# Python (the package installed by pip into a fresh virtual environment), then the tools: a
# bounded fuzzing run of every target and cargo deny. Installs what it needs; safe to run on a
# fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/test-rust.sh
[ -x scripts/test-c.sh ] && scripts/test-c.sh
[ -x scripts/test-python.sh ] && scripts/test-python.sh
scripts/test-tools.sh
echo "all test suites passed"
