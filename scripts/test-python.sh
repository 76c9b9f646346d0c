#!/usr/bin/env bash
# Python: installs the x86_64 manylinux2014 wheels (meetctl abi3, meetctl-emulator and
# meetctl-cli) into a fresh virtual environment with no Rust toolchain on PATH, and there:
#   - checks the compiled module against its stub (mypy.stubtest) and type-checks the package
#     and the examples (mypy --strict); checks that the package and the examples need nothing
#     newer than Python 3.9, the oldest the wheel's cp39-abi3 tag admits (vermin; mypy no longer
#     type-checks for 3.9, and no 3.9 interpreter can be had here);
#   - runs examples/python/either_vendor.py against the installed emulator;
#   - runs the whole Python suite (tests/python) from outside the source tree, with the emulator
#     found by meetctl.testing in the meetctl-emulator wheel;
#   - runs the copyable pytest examples of docs/testing.md (examples/python/test_webhook_offline.py, a
#     webhook handler tested offline, and examples/python/test_meeting_offline.py,
#     checked identical to the guide's code) from an empty directory, with only the
#     `meetctl_emulator` fixture of meetctl's pytest plugin;
#   - smoke-tests the `meetctl` command of the meetctl-cli wheel (when the crate is there).
#
# usage: scripts/test-python.sh [--dist DIR]
#   --dist DIR  the wheels in DIR (scripts/build-wheels.sh runs this script that way, after
#               building and checking every distribution); without it, they are built first
#               (scripts/build-wheels.sh --no-suite).
# Needs python3 (>= 3.9, with venv) and network access to PyPI (pytest, mypy, vermin).
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."
root="$PWD"

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_PROGRESS_BAR=off
python="${PYTHON:-python3}"
venv="$root/target/py-venv"
version=$(awk '/^\[workspace\.package\]/{s=1;next} /^\[/{s=0} s && $1=="version"{gsub(/"/,"",$3); print $3; exit}' Cargo.toml)

dist=
case "${1:-}" in
  --dist) dist=$(cd "$caller" && cd "${2:?--dist needs a directory}" && pwd) ;;
  "") dist="$root/target/dist"; scripts/build-wheels.sh --no-suite "$dist" ;;
  *) echo "usage: scripts/test-python.sh [--dist DIR]" >&2; exit 2 ;;
esac

echo "== fresh virtual environment ($venv): pytest, mypy and vermin from PyPI"
rm -rf "$venv"
"$python" -m venv "$venv"
vpy="$venv/bin/python"
"$vpy" -m pip install --quiet pytest mypy vermin

# From here on: the venv and the system's tools only. No cargo, no rustc, no MEETCTL_EMULATOR,
# no CARGO_TARGET_DIR: what runs comes from the wheels.
isolated=(env -u MEETCTL_EMULATOR -u CARGO_TARGET_DIR -u VIRTUAL_ENV -u PYTHONPATH "PATH=$venv/bin:/usr/bin:/bin")
if rust=$("${isolated[@]}" sh -c 'command -v cargo || command -v rustc'); then
  echo "FAIL: $rust is on the restricted PATH; the wheels must be tested without a Rust toolchain" >&2
  exit 1
fi
echo "== pip install the wheels (no index, binary only; PATH without cargo or rustc)"
packages=("meetctl[testing]" meetctl-cli)
"${isolated[@]}" "$vpy" -m pip install --quiet --no-index --only-binary :all: --find-links "$dist" "${packages[@]}"
# pip chose among every wheel in $dist (aarch64 and musl too): the manylinux2014 ones of this machine.
installed_tags=$("${isolated[@]}" "$vpy" - <<'EOF'
import importlib.metadata as md
for name in ("meetctl", "meetctl-emulator", "meetctl-cli"):
    wheel = md.distribution(name).read_text("WHEEL") or ""
    tags = [line.split(": ", 1)[1] for line in wheel.splitlines() if line.startswith("Tag: ")]
    print(name, md.version(name), " ".join(tags))
EOF
)
sed 's/^/   /' <<<"$installed_tags"
if grep -v -- "-manylinux2014_$(uname -m)" <<<"$installed_tags" | grep -q .; then
  echo "FAIL: not every installed wheel is the manylinux2014 $(uname -m) one" >&2
  exit 1
fi
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
echo "== vermin: nothing newer than Python 3.9 in the package and the examples"
"${isolated[@]}" "$venv/bin/vermin" -q -t=3.9- --violations --eval-annotations --no-tips \
  "$venv/lib/python3."*/site-packages/meetctl "$root/examples/python"
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
cp "$root/examples/python/test_webhook_offline.py" "$scratch/"
for test_file in test_meeting_offline.py test_webhook_offline.py; do
  "${isolated[@]}" "$vpy" -m pytest -p no:cacheprovider -v "$test_file" | tee "$scratch/example.log"
  summary=$(tail -n1 "$scratch/example.log")
  if ! [[ "$summary" =~ ^=+\ [0-9]+\ passed\ in\  ]]; then
    echo "FAIL: the example $test_file did not pass in full: $summary" >&2
    exit 1
  fi
done
cd "$venv"

echo "== the meetctl command (meetctl-cli wheel)"
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
echo "python: wheels installed without Rust, suite and example passed"
