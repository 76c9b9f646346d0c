#!/usr/bin/env bash
# Runs every test of the project: Rust (fmt, clippy, unit and integration tests against the
# emulator, fault and load tests); the distributions (scripts/build-wheels.sh: the x86_64
# manylinux2014 wheels, the sdist and the x86_64 C package built and checked, the aarch64 wheel
# run under qemu, then the Python suite against the wheels installed by pip into a fresh virtual
# environment); C/C++ (against libmeetctl, under valgrind and ASan+UBSan too, and the prebuilt C
# package through pkg-config and CMake); then the tools: a bounded fuzzing run of every target and
# cargo deny. Installs what it needs; safe to run on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/test-rust.sh
scripts/build-wheels.sh target/dist
MEETCTL_DIST="$PWD/target/dist" scripts/test-c.sh
scripts/test-tools.sh
echo "all test suites passed"
