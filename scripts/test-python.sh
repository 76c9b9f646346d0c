#!/usr/bin/env bash
# Python: builds the wheels and the sdist (scripts/build-wheels.sh: meetctl abi3 manylinux wheel,
# meetctl-emulator and meetctl-cli bin wheels, each checked with auditwheel), installs the wheels
# into a fresh virtual environment with no Rust toolchain on PATH, and there:
#   - checks the compiled module against its stub (mypy.stubtest) and type-checks the package
#     and the examples (mypy --strict);
#   - runs examples/python/either_vendor.py against the installed emulator;
#   - runs the whole Python suite (tests/python) from outside the source tree, with the emulator
#     found by meetctl.testing in the meetctl-emulator wheel;
#   - runs the copyable pytest example of docs/testing.md (examples/python/test_meeting_offline.py,
#     checked identical to the guide's code) from an empty directory, with only the
#     `meetctl_emulator` fixture of meetctl's pytest plugin;
#   - smoke-tests the `meetctl` command of the meetctl-cli wheel (when the crate is there).
# The sdist is checked by its file list only: building from it as well would compile the whole
# extension a second time in a clean target directory (minutes on CI's 2 cores).
# Needs python3 (>= 3.9, with venv) and network access to PyPI (maturin and auditwheel unless
# present, pytest, mypy).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_PROGRESS_BAR=off
python="${PYTHON:-python3}"
dist="$root/target/python-dist"
venv="$root/target/py-venv"
version=$(awk '/^\[workspace\.package\]/{s=1;next} /^\[/{s=0} s && $1=="version"{gsub(/"/,"",$3); print $3; exit}' Cargo.toml)

scripts/build-wheels.sh "$dist"

echo "== fresh virtual environment ($venv): pytest and mypy from PyPI"
rm -rf "$venv"
"$python" -m venv "$venv"
vpy="$venv/bin/python"
"$vpy" -m pip install --quiet pytest mypy

# From here on: the venv and the system's tools only. No cargo, no rustc, no MEETCTL_EMULATOR,
# no CARGO_TARGET_DIR: what runs comes from the wheels.
isolated=(env -u MEETCTL_EMULATOR -u CARGO_TARGET_DIR -u VIRTUAL_ENV -u PYTHONPATH "PATH=$venv/bin:/usr/bin:/bin")
if rust=$("${isolated[@]}" sh -c 'command -v cargo || command -v rustc'); then
  echo "FAIL: $rust is on the restricted PATH; the wheels must be tested without a Rust toolchain" >&2
  exit 1
fi
echo "== pip install the wheels (no index, binary only; PATH without cargo or rustc)"
cli_wheel=("$dist"/meetctl_cli-"$version"-*.whl)
packages=("meetctl[testing]")
[ -f "${cli_wheel[0]}" ] && packages+=(meetctl-cli)
"${isolated[@]}" "$vpy" -m pip install --quiet --no-index --only-binary :all: --find-links "$dist" "${packages[@]}"
"${isolated[@]}" "$vpy" -m pip list --format=freeze | grep -E '^meetctl' | sed 's/^/   /'
# Run from outside the source tree, so that only the installed package can be imported.
cd "$venv"
"${isolated[@]}" "$vpy" -c 'import meetctl, sys; print("   meetctl", meetctl.__version__, "from", meetctl.__file__, "on Python", sys.version.split()[0])'
emulator=$("${isolated[@]}" "$vpy" -m meetctl.testing)
if [ "$emulator" != "$venv/bin/meetctl-emulator" ]; then
  echo "FAIL: meetctl.testing finds the emulator at $emulator, not in the wheel's $venv/bin" >&2
  exit 1
fi
echo "   meetctl.testing runs $emulator"

echo "== mypy.stubtest meetctl._meetctl"
"${isolated[@]}" "$vpy" -m mypy.stubtest meetctl._meetctl
echo "== mypy --strict -p meetctl, examples/python"
"${isolated[@]}" "$vpy" -m mypy --cache-dir "$venv/.mypy_cache" --strict -p meetctl
"${isolated[@]}" "$vpy" -m mypy --cache-dir "$venv/.mypy_cache" --strict "$root/examples/python"

echo "== examples/python/either_vendor.py against the emulator"
# The installed emulator on an ephemeral loopback port, printed on the first line; it ends when
# its standard input does (here at the latest when this script exits).
coproc EMULATOR {
  exec "$emulator" --listen 127.0.0.1:0 --exit-on-stdin-eof
}
emulator_pid=$EMULATOR_PID
emulator_in=${EMULATOR[1]}
read -r emulator_url <&"${EMULATOR[0]}"
"${isolated[@]}" env -u MEETCTL_BASE_URL "$vpy" "$root/examples/python/either_vendor.py" "$emulator_url"
exec {emulator_in}>&-
wait "$emulator_pid"

echo "== pytest tests/python (installed wheels, emulator from its wheel)"
"${isolated[@]}" MEETCTL_TEST_INSTALLED_EMULATOR=1 "$vpy" -m pytest -q -p no:cacheprovider "$root/tests/python"

echo "== docs/testing.md's example is examples/python/test_meeting_offline.py"
example="$root/examples/python/test_meeting_offline.py"
# The python block right after the marker comment naming the file.
if ! awk '/^<!-- example: examples\/python\/test_meeting_offline.py/{m=1;next} m==1&&/^```python$/{m=2;next} m==2&&/^```$/{exit} m==2{print}' \
  "$root/docs/testing.md" | diff -u "$example" - ; then
  echo "FAIL: the example in docs/testing.md differs from $example (above)" >&2
  exit 1
fi
echo "   identical ($(wc -l <"$example") lines)"

echo "== the example with pytest, from an empty directory (only meetctl's pytest plugin)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$example" "$scratch/"
cd "$scratch"
"${isolated[@]}" "$vpy" -m pytest -p no:cacheprovider -v test_meeting_offline.py | tee "$scratch/example.log"
summary=$(tail -n1 "$scratch/example.log")
if ! [[ "$summary" =~ ^=+\ [0-9]+\ passed\ in\  ]]; then
  echo "FAIL: the example did not pass in full: $summary" >&2
  exit 1
fi
cd "$venv"

echo "== the meetctl command (meetctl-cli wheel)"
if [ -f "${cli_wheel[0]}" ]; then
  cli=$("${isolated[@]}" sh -c 'command -v meetctl')
  [ "$cli" = "$venv/bin/meetctl" ] || { echo "FAIL: meetctl runs from $cli, not $venv/bin" >&2; exit 1; }
  cli_version=$("${isolated[@]}" meetctl --version)
  echo "   meetctl --version: $cli_version"
  [[ "$cli_version" == *"$version"* ]] || { echo "FAIL: meetctl --version does not say $version" >&2; exit 1; }
  "${isolated[@]}" meetctl demo >"$scratch/demo.log" 2>&1 || {
    echo "FAIL: meetctl demo:" >&2
    cat "$scratch/demo.log" >&2
    exit 1
  }
  echo "   meetctl demo: exit 0 ($(wc -l <"$scratch/demo.log") lines)"
else
  echo "   SKIPPED: no meetctl-cli wheel (the crate is not in the workspace yet)"
fi
echo "python: wheels built, installed without Rust, suite and example passed"
