#!/usr/bin/env bash
# Python: builds the emulator, installs the `meetctl` package with pip (maturin builds the
# extension in release mode) into a fresh virtual environment, checks the compiled module against
# its stub (mypy.stubtest), type-checks the package and the example, runs the example
# (examples/python/either_vendor.py) against a fresh emulator, then runs pytest against the emulator.
# Needs python3 (>= 3.9, with venv) and network access to PyPI (maturin, pytest, mypy).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

# pip/maturin build in the shared workspace target dir, so the core is compiled once and reused.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_PROGRESS_BAR=off
python="${PYTHON:-python3}"
venv="$root/target/py-venv"

echo "== cargo build -p meetctl-emulator"
cargo build -p meetctl-emulator --locked
export MEETCTL_EMULATOR="$CARGO_TARGET_DIR/debug/meetctl-emulator"

echo "== fresh virtual environment ($venv)"
rm -rf "$venv"
"$python" -m venv "$venv"
vpy="$venv/bin/python"
"$vpy" -m pip install --quiet pytest mypy

echo "== pip install ."
"$vpy" -m pip install --quiet "$root"
# Run from outside the source tree, so that only the installed package can be imported.
(cd "$venv" && "$vpy" -c 'import meetctl, sys; print("meetctl", meetctl.__version__, "from", meetctl.__file__, "on Python", sys.version.split()[0])')

echo "== mypy.stubtest meetctl._meetctl"
(cd "$venv" && "$vpy" -m mypy.stubtest meetctl._meetctl)
echo "== mypy --strict -p meetctl, examples/python"
(cd "$venv" && "$vpy" -m mypy --cache-dir "$venv/.mypy_cache" --strict -p meetctl)
(cd "$venv" && "$vpy" -m mypy --cache-dir "$venv/.mypy_cache" --strict "$root/examples/python")

echo "== examples/python/either_vendor.py against the emulator"
# As tests/python/conftest.py starts it: an ephemeral loopback port printed on the first line,
# and the process ends when its standard input does (here at the latest when this script exits).
coproc EMULATOR {
  exec "$MEETCTL_EMULATOR" --listen 127.0.0.1:0 \
    --scenario "$root/crates/meetctl-emulator/scenarios/demo.json" --exit-on-stdin-eof
}
emulator_pid=$EMULATOR_PID
emulator_in=${EMULATOR[1]}
read -r emulator_url <&"${EMULATOR[0]}"
(cd "$venv" && env -u MEETCTL_BASE_URL "$vpy" "$root/examples/python/either_vendor.py" "$emulator_url")
exec {emulator_in}>&-
wait "$emulator_pid"

echo "== pytest tests/python"
"$vpy" -m pytest -q -p no:cacheprovider "$root/tests/python"
