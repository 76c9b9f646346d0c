#!/usr/bin/env bash
# Builds the Python distributions and checks them:
#
#   meetctl           abi3 wheel (cp39-abi3-manylinux_*): `maturin build --release --locked`
#   meetctl           sdist: `maturin sdist`; its file list must hold every source file of the
#                     crates the extension is built from, Cargo.lock and the Python package
#   meetctl-emulator  bin wheel (py3-none-manylinux_*): the emulator binary alone
#   meetctl-cli       bin wheel (py3-none-manylinux_*): the `meetctl` command line, once the
#                     crate is in the workspace
#
# Each wheel is checked with `auditwheel show`: it must be manylinux-compliant, with the
# platform tag in its file name, and the tags must be the expected ones. Prints tag and size.
#
# usage: scripts/build-wheels.sh [OUT_DIR]      (default: target/python-dist; its old wheels and
#                                                sdists are removed first)
#
# maturin: the one on PATH when it is 1.16 or newer, else pip-installed (from PyPI) into a build
# virtual environment, target/py-build-venv, which also gets auditwheel. Builds in the shared
# workspace target directory, so what cargo built before is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_PROGRESS_BAR=off
python="${PYTHON:-python3}"
out="${1:-$root/target/python-dist}"
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out"/*.whl "$out"/*.tar.gz

version=$(awk '/^\[workspace\.package\]/{s=1;next} /^\[/{s=0} s && $1=="version"{gsub(/"/,"",$3); print $3; exit}' Cargo.toml)
arch=$(uname -m)

# ------------------------------------------------------------------ tools

bvenv="$root/target/py-build-venv"
if ! "$bvenv/bin/python" -c '' 2>/dev/null; then
  echo "== build virtual environment ($bvenv)"
  rm -rf "$bvenv"
  "$python" -m venv "$bvenv"
fi
bpy="$bvenv/bin/python"
maturin_ok() { # <maturin command...>: is it maturin >= 1.16, < 2?
  local v
  v=$("$@" --version 2>/dev/null | awk '{print $2}') || return 1
  "$python" -c 'import sys; v = tuple(int(x) for x in sys.argv[1].split(".")[:2]); sys.exit(not ((1, 16) <= v < (2, 0)))' "$v" 2>/dev/null
}
if maturin_ok maturin; then
  maturin=(maturin)
elif maturin_ok "$bvenv/bin/maturin"; then
  maturin=("$bvenv/bin/maturin")
else
  echo "== pip install maturin (into $bvenv)"
  "$bpy" -m pip install --quiet "maturin>=1.16,<2.0"
  maturin=("$bvenv/bin/maturin")
fi
if ! "$bpy" -c 'import auditwheel' 2>/dev/null; then
  echo "== pip install auditwheel (into $bvenv)"
  "$bpy" -m pip install --quiet auditwheel
fi
echo "== $("${maturin[@]}" --version), auditwheel $("$bpy" -m auditwheel --version | awk 'NR==1{print $2}')"

# ------------------------------------------------------------------ build

started=$SECONDS
echo "== meetctl: maturin build --release --locked (abi3 wheel)"
"${maturin[@]}" build --release --locked --out "$out"
echo "== meetctl: maturin sdist"
"${maturin[@]}" sdist --out "$out"
echo "== meetctl-emulator: maturin build --release --locked (bin wheel)"
(cd crates/meetctl-emulator && "${maturin[@]}" build --release --locked --out "$out")
cli_built=0
# The CLI's wheel once its crate is in the workspace and builds (a crate that does not build
# fails scripts/test-rust.sh, which scripts/test.sh runs first); maturin reuses this build.
if ! { [ -f crates/meetctl-cli/Cargo.toml ] && grep -q '"crates/meetctl-cli"' Cargo.toml; }; then
  echo "== meetctl-cli: SKIPPED, the crate is not in the workspace yet (no wheel)"
elif ! cargo build --release --locked -p meetctl-cli >"$out/meetctl-cli-build.log" 2>&1; then
  echo "== meetctl-cli: SKIPPED, \`cargo build --release -p meetctl-cli\` fails (no wheel):"
  tail -n 15 "$out/meetctl-cli-build.log" | sed 's/^/   /'
else
  echo "== meetctl-cli: maturin build --release --locked (bin wheel)"
  (cd crates/meetctl-cli && "${maturin[@]}" build --release --locked --out "$out")
  cli_built=1
fi
rm -f "$out/meetctl-cli-build.log"
echo "   built in $((SECONDS - started)) s"

# ------------------------------------------------------------------ check

failed=0
problem() { echo "FAIL: $*" >&2; failed=1; }

# check_wheel <distribution name> <python tag-abi tag>: exactly one such wheel, manylinux per
# auditwheel, with the tag auditwheel found in its name.
check_wheel() {
  local dist=$1 tags=$2 wheels wheel name platform report report_line consistent
  wheels=("$out/${dist//-/_}-$version-"*.whl)
  if [ ${#wheels[@]} != 1 ] || [ ! -f "${wheels[0]}" ]; then
    problem "$dist: expected one wheel in $out, found: ${wheels[*]}"
    return
  fi
  wheel=${wheels[0]}
  name=$(basename "$wheel")
  platform=${name#"${dist//-/_}-$version-$tags-"}
  platform=${platform%.whl}
  if [ "$platform" = "$name" ] || [[ ! "$platform" =~ ^manylinux_[0-9]+_[0-9]+_${arch}$ ]]; then
    problem "$name: expected tags $tags-manylinux_X_Y_$arch"
  fi
  if ! report=$("$bpy" -m auditwheel show "$wheel" 2>&1); then
    problem "$name: auditwheel show failed:"
    echo "$report" >&2
    return
  fi
  # auditwheel wraps its sentences: read the report as one line.
  report_line=$(tr -s ' \n' ' ' <<<"$report")
  consistent=$(sed -n 's/.*is consistent with the following platform tag: "\([^"]*\)".*/\1/p' <<<"$report_line")
  if [ "$consistent" != "$platform" ] || grep -q "external shared libraries are required" <<<"$report_line"; then
    problem "$name: auditwheel finds it consistent with \"$consistent\", not its $platform tag:"
    echo "$report" >&2
  fi
  printf '   %-58s %-34s %8s\n' "$name" "${tags}-${platform}" "$(numfmt --to=iec-i --suffix=B "$(stat -c %s "$wheel")")"
}

echo "== wheels (auditwheel show: manylinux-compliant, tag as named)"
check_wheel meetctl cp39-abi3
check_wheel meetctl-emulator py3-none
if [ "$cli_built" = 1 ]; then
  check_wheel meetctl-cli py3-none
fi

echo "== sdist (the sources to build the wheel from)"
sdist="$out/meetctl-$version.tar.gz"
if [ -f "$sdist" ]; then
  listing=$(tar tzf "$sdist" | sed "s|^meetctl-$version/||" | sort)
  # Every file cargo packages for the extension's crates (as git or the file system has them),
  # plus what the build itself needs.
  needed=(pyproject.toml Cargo.toml Cargo.lock PKG-INFO python/meetctl/py.typed)
  for crate in meetctl meetctl-py; do
    needed+=("crates/$crate/Cargo.toml")
    while IFS= read -r f; do needed+=("$f"); done < <(find "crates/$crate/src" -type f -name '*.rs' | sort)
  done
  while IFS= read -r f; do needed+=("$f"); done < <(find python/meetctl -type f \( -name '*.py' -o -name '*.pyi' \) | sort)
  missing=()
  for f in "${needed[@]}"; do
    grep -qxF "$f" <<<"$listing" || missing+=("$f")
  done
  if [ ${#missing[@]} = 0 ]; then
    printf '   %-58s %-34s %8s\n' "$(basename "$sdist")" "$(wc -l <<<"$listing") files, ${#needed[@]} checked" \
      "$(numfmt --to=iec-i --suffix=B "$(stat -c %s "$sdist")")"
  else
    problem "$(basename "$sdist") lacks: ${missing[*]}"
  fi
else
  problem "no sdist $sdist"
fi

[ "$failed" = 0 ] || { echo "build-wheels: FAILED" >&2; exit 1; }
echo "== distributions in $out"
