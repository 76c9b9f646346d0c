#!/usr/bin/env bash
# Builds meetctl's distributions for Linux and checks every one of them:
#
#   meetctl           the Python package: abi3 wheel (cp39-abi3, CPython 3.9 and newer) and sdist
#   meetctl-emulator  bin wheel (py3-none): the emulator binary alone
#   meetctl-cli       bin wheel (py3-none): the `meetctl` command alone
#   libmeetctl        the prebuilt C/C++ package (scripts/package-c.sh):
#                     libmeetctl-VERSION-linux-ARCH-glibc2.17.tar.gz
#
# for these platforms, cross-compiled with zig (`maturin build --zig`, `cargo zigbuild`; no
# container, nothing downloaded outside the package registries):
#
#   platform                 default (the test command)            --all
#   manylinux2014 x86_64     the three wheels, the C package       the same
#   manylinux2014 aarch64    the meetctl wheel (for the qemu run)  the three wheels, the C package
#   musllinux_1_2 x86_64     -                                     the three wheels
#   musllinux_1_2 aarch64    -                                     the three wheels
#
# manylinux2014 is glibc 2.17 (CentOS 7, RHEL/Rocky/Alma 8, Amazon Linux 2, Debian 11, Ubuntu
# 20.04 and later); musllinux_1_2 is musl 1.2 (Alpine 3.13 and later).
#
# Checks:
#   - every wheel: the platform tag asked for in its name; `auditwheel show` consistent with it;
#     every ELF file in it of the tag's architecture, with no glibc symbol newer than 2.17 for
#     manylinux2014 (objdump -T) and none at all for musllinux;
#   - every C package: its layout, the architecture and glibc ceiling of the library and the emulator;
#   - the sdist: its file list, then built and installed from scratch by pip in a fresh virtual
#     environment with cargo on PATH, and examples/python/either_vendor.py run with it against the
#     emulator;
#   - aarch64, under qemu-user (Debian's qemu-user-static; an arm64 Python 3.11 from Debian's arm64
#     packages unpacked into target/aarch64-root, nothing installed on the system for arm64): the
#     aarch64 meetctl wheel, installed by pip for that platform, runs either_vendor.py against the
#     emulator. With --all also the aarch64 emulator (from its wheel) serves that run, the aarch64
#     `meetctl demo` runs, and tests/c/test_with_emulator.c, cross-compiled with zig against the
#     unpacked aarch64 C package, runs with the package's emulator (HTTP and HTTPS);
#   - musllinux (--all): musl's own loader (Debian's musl 1.2.3; under qemu for aarch64) loads
#     each extension module, leaving unresolved only the interpreter's Py* symbols; on x86_64 the
#     emulator and the `meetctl` command are static executables and run here (`meetctl demo`). No
#     musl Python can be had here, so the musl module is never imported;
#   - last, unless --no-suite: the Python suite (scripts/test-python.sh) against the x86_64
#     manylinux2014 wheels installed in a fresh virtual environment with no Rust on PATH.
#
# usage: scripts/build-wheels.sh [--all] [--no-suite] [OUT_DIR]
#   OUT_DIR defaults to target/dist; its old wheels, sdists and packages are removed first.
#
# Tools (maturin, zig, cargo-zigbuild, auditwheel) are pinned in scripts/dist/common.sh and
# pip-installed into target/dist-tools; Rust's targets come from `rustup target add`, qemu and
# binutils from apt-get. Prints a line per artefact (tag, size, newest glibc symbol) and the time.
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=scripts/dist/common.sh
. scripts/dist/common.sh

all=0
suite=1
out=
for arg in "$@"; do
  case "$arg" in
    --all) all=1 ;;
    --no-suite) suite=0 ;;
    -h|--help) sed -n '2,48p' "$0"; exit 0 ;;
    -*) echo "build-wheels.sh: unknown option $arg" >&2; exit 2 ;;
    *) out=$arg ;;
  esac
done
out=${out:-$root/target/dist}
case "$out" in /*) ;; *) out=$caller/$out ;; esac
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out"/*.whl "$out"/*.tar.gz

version=$(workspace_version)
python="${PYTHON:-python3}"
host_arch=$(uname -m)
started=$SECONDS

# ------------------------------------------------------------------ tools

apt_install() { # apt_install PACKAGE...: installs what is missing (apt-get update once if needed)
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} = 0 ] && return 0
  echo "== apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${missing[@]}" </dev/null >/dev/null 2>&1 ||
    { apt-get update -q </dev/null >/dev/null 2>&1 && apt-get install -y -q "${missing[@]}" </dev/null >/dev/null; }
}
apt_install binutils qemu-user-static
dist_tools
echo "== $(maturin --version), zig $(python3 -m ziglang version), $(cargo-zigbuild --version), auditwheel $AUDITWHEEL_VERSION"

# ------------------------------------------------------------------ build

# The builds, as "PLATFORM ARCH DISTRIBUTIONS": PLATFORM manylinux2014 or musllinux_1_2;
# DISTRIBUTIONS among meetctl, meetctl-emulator, meetctl-cli and c (the C package).
builds=("manylinux2014 x86_64 meetctl meetctl-emulator meetctl-cli c")
if [ "$all" = 1 ]; then
  builds+=(
    "manylinux2014 aarch64 meetctl meetctl-emulator meetctl-cli c"
    "musllinux_1_2 x86_64 meetctl meetctl-emulator meetctl-cli"
    "musllinux_1_2 aarch64 meetctl meetctl-emulator meetctl-cli"
  )
else
  builds+=("manylinux2014 aarch64 meetctl")
fi

# The directory maturin builds a distribution from (its pyproject.toml).
project_dir() {
  case "$1" in
    meetctl) echo "$root" ;;
    meetctl-emulator) echo "$root/crates/meetctl-emulator" ;;
    meetctl-cli) echo "$root/crates/meetctl-cli" ;;
  esac
}
rust_triple() { # rust_triple PLATFORM ARCH
  case "$1" in
    manylinux*) echo "$2-unknown-linux-gnu" ;;
    musllinux*) echo "$2-unknown-linux-musl" ;;
  esac
}

for build in "${builds[@]}"; do
  read -r platform arch dists <<<"$build"
  triple=$(rust_triple "$platform" "$arch")
  rust_target "$triple"
  for dist in $dists; do
    if [ "$dist" = c ]; then
      scripts/package-c.sh --arch "$arch" "$out" >"$out/build.log" 2>&1 ||
        { tail -n 30 "$out/build.log" >&2; echo "build-wheels: the $arch C package failed" >&2; exit 1; }
      echo "== built the C package for $arch"
    else
      (cd "$(project_dir "$dist")" &&
        maturin build --release --locked --zig --target "$triple" --compatibility "$platform" --out "$out") \
        >"$out/build.log" 2>&1 ||
        { tail -n 30 "$out/build.log" >&2; echo "build-wheels: $dist for $platform $arch failed" >&2; exit 1; }
      echo "== built $dist for $platform $arch"
    fi
  done
done
maturin sdist --out "$out" >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
rm -f "$out/build.log"
echo "== built the sdist"
build_seconds=$((SECONDS - started))

# ------------------------------------------------------------------ check

failed=0
problem() { echo "FAIL: $*" >&2; failed=1; }
row() { printf '   %-80s %-24s %8s  %s\n' "$@"; }
scratch=$(mktemp -d)
emulator_pid=
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT

# Roots of Debian packages for auditwheel's look-ups and qemu: musl's libc.so for each
# architecture that has a musl wheel, and an arm64 Python for the aarch64 runs.
declare -A musl_lib=()
aarch64_root="$root/target/aarch64-root"
aarch64_packages=(libc6 libgcc-s1 python3.11-minimal libpython3.11-minimal libpython3.11-stdlib
  zlib1g libexpat1 libffi8 libbz2-1.0 liblzma5 libuuid1 libcrypt1 musl)
echo "== arm64 packages from Debian into $aarch64_root (python3.11, glibc, musl)"
scripts/dist/debian-root.sh arm64 "$aarch64_root" "${aarch64_packages[@]}"
musl_lib[aarch64]="$aarch64_root/lib/aarch64-linux-musl"
if [ "$all" = 1 ]; then
  scripts/dist/debian-root.sh amd64 "$root/target/x86_64-musl-root" musl
  musl_lib[x86_64]="$root/target/x86_64-musl-root/lib/x86_64-linux-musl"
fi

# check_elf FILE ARCH PLATFORM: checks FILE's architecture and the glibc it needs; the newest
# glibc symbol version of every file checked so far goes to newest_seen ("none": no glibc).
newest_seen=none
check_elf() {
  local file=$1 arch=$2 platform=$3 found glibc
  found=$(elf_arch "$file")
  [ "$found" = "$arch" ] || problem "$file: an ELF file for $found, not $arch"
  glibc=$(newest_glibc "$file")
  case "$platform" in
    manylinux2014)
      { [ "$glibc" != none ] && version_le "$glibc" 2.17; } || problem "$file needs glibc $glibc (at most 2.17)"
      ;;
    musllinux*)
      [ "$glibc" = none ] || problem "$file (musl) needs glibc $glibc"
      ;;
  esac
  if [ "$glibc" != none ] && { [ "$newest_seen" = none ] || ! version_le "$glibc" "$newest_seen"; }; then
    newest_seen=$glibc
  fi
}

# check_musl_load FILE ARCH: musl's own loader (Debian's musl 1.2.3, under qemu for aarch64) loads
# the extension module FILE: its libc.so is the loader itself, and every symbol it leaves
# unresolved is one the Python interpreter defines (Py*, _Py*).
check_musl_load() {
  local file=$1 arch=$2 musl_root loader report unresolved
  musl_root=$(dirname "${musl_lib[$arch]}")
  loader=("$musl_root/ld-musl-$arch.so.1")
  [ "$arch" = "$host_arch" ] || loader=(qemu-"$arch"-static -L "$(dirname "$musl_root")" "${loader[@]}")
  report=$("${loader[@]}" --list "$file" 2>&1) || true
  unresolved=$(sed -n 's/^Error relocating [^:]*: \([^:]*\): symbol not found$/\1/p' <<<"$report" | grep -vE '^_?Py' || true)
  if ! grep -qE "^\s*libc\.so => .*/ld-musl-$arch\.so\.1 " <<<"$report" || [ -n "$unresolved" ] ||
    grep -v 'symbol not found$' <<<"$report" | grep -q '^Error'; then
    problem "musl's loader does not load $(basename "$file") as a Python extension would need:"
    head -n 20 <<<"$report" >&2
  else
    echo "   ok   musl's loader loads $(basename "$file") ($arch): libc.so is musl, only Py* symbols left"
  fi
}

# check_wheel DIST PYTAGS PLATFORM ARCH
check_wheel() {
  local dist=$1 pytags=$2 platform=$3 arch=$4 pattern wheel name tags unpacked files f
  local ldpaths=()
  case "$platform" in
    manylinux2014) pattern="manylinux2014_$arch.manylinux_2_17_$arch" ;;
    musllinux_1_2) pattern="musllinux_1_2_$arch" ;;
  esac
  wheel="$out/${dist//-/_}-$version-$pytags-$pattern.whl"
  name=$(basename "$wheel")
  if [ ! -f "$wheel" ]; then
    problem "no wheel $name in $out"
    return
  fi
  tags=${pattern//./ }
  [[ "$platform" == musllinux* ]] && ldpaths=(--ldpaths "${musl_lib[$arch]}")
  if ! "$DIST_PYTHON" -m auditwheel show --json "${ldpaths[@]}" "$wheel" >"$scratch/audit.json" 2>"$scratch/audit.err"; then
    problem "$name: auditwheel show failed: $(cat "$scratch/audit.err")"
    return
  fi
  # Consistent with a tag of the name. A musllinux extension module needs musl by the name
  # zig links it with, libc.so; musl's loader answers that name (like libc.musl-ARCH.so.1, the
  # only one auditwheel knows) with itself, so that one library is no external dependency.
  if ! "$DIST_PYTHON" - "$scratch/audit.json" $tags <<'EOF'; then
import json, sys
report, tags = json.load(open(sys.argv[1])), sys.argv[2:]
musl_libc_only = (
    report["sym_tag"] in tags
    and report["sym_tag"].startswith("musllinux_")
    and list(report["external_libs"]) == ["libc.so"]
    and report["policy_upgrades"].get(report["sym_tag"], {}).get("libs_to_eliminate") == ["libc.so"]
)
if report["overall_tag"] not in tags and not musl_libc_only:
    print(f"auditwheel: consistent with {report['overall_tag']}, not {' or '.join(tags)}; "
          f"external libraries: {report['external_libs']}", file=sys.stderr)
    sys.exit(1)
EOF
    problem "$name: auditwheel does not agree with its tag"
  fi
  unpacked="$scratch/${name%.whl}"
  "$DIST_PYTHON" -m zipfile -e "$wheel" "$unpacked"
  mapfile -t files < <(find "$unpacked" -type f \( -name '*.so' -o -path '*.data/scripts/*' \))
  [ ${#files[@]} -gt 0 ] || problem "$name holds no ELF file"
  newest_seen=none
  for f in "${files[@]}"; do
    check_elf "$f" "$arch" "$platform"
    [[ "$platform" == musllinux* && "$f" == *.so ]] && check_musl_load "$f" "$arch"
  done
  row "$name" "${tags%% *}" "$(human_size "$wheel")" "glibc ${newest_seen/none/-}"
}

# check_c_package ARCH
check_c_package() {
  local arch=$1 name package prefix f
  name=libmeetctl-$version-linux-$arch-glibc2.17
  package="$out/$name.tar.gz"
  if [ ! -f "$package" ]; then
    problem "no C package $name.tar.gz in $out"
    return
  fi
  mkdir -p "$scratch/c-$arch"
  tar -C "$scratch/c-$arch" -xzf "$package"
  prefix="$scratch/c-$arch/$name"
  for f in include/meetctl.h include/meetctl.hpp include/meetctl_operations.hpp lib/libmeetctl.so lib/libmeetctl.a \
    lib/pkgconfig/meetctl.pc lib/cmake/meetctl/meetctlConfig.cmake lib/cmake/meetctl/meetctlConfigVersion.cmake \
    bin/meetctl-emulator share/doc/meetctl/LICENSE-MIT share/doc/meetctl/LICENSE-APACHE share/doc/meetctl/c-api.md; do
    [ -f "$prefix/$f" ] || problem "$name.tar.gz lacks $f"
  done
  newest_seen=none
  check_elf "$prefix/lib/libmeetctl.so" "$arch" manylinux2014
  check_elf "$prefix/bin/meetctl-emulator" "$arch" manylinux2014
  row "$name.tar.gz" "glibc 2.17 $arch" "$(human_size "$package")" "glibc $newest_seen"
}

echo "== the artefacts (tag, size, newest glibc symbol needed)"
for build in "${builds[@]}"; do
  read -r platform arch dists <<<"$build"
  for dist in $dists; do
    case "$dist" in
      meetctl) check_wheel meetctl cp39-abi3 "$platform" "$arch" ;;
      c) check_c_package "$arch" ;;
      *) check_wheel "$dist" py3-none "$platform" "$arch" ;;
    esac
  done
done

# The sdist's file list: every file cargo packages for the extension's crates (as git or the file
# system has them), plus what the build itself needs.
sdist="$out/meetctl-$version.tar.gz"
if [ -f "$sdist" ]; then
  listing=$(tar tzf "$sdist" | sed "s|^meetctl-$version/||" | sort)
  needed=(pyproject.toml Cargo.toml Cargo.lock PKG-INFO LICENSE-MIT LICENSE-APACHE python/meetctl/py.typed)
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
    row "$(basename "$sdist")" "sdist" "$(human_size "$sdist")" "$(wc -l <<<"$listing") files, ${#needed[@]} checked"
  else
    problem "$(basename "$sdist") lacks: ${missing[*]}"
  fi
else
  problem "no sdist $sdist"
fi
[ "$failed" = 0 ] || { echo "build-wheels: FAILED" >&2; exit 1; }

# ------------------------------------------------------------------ run

# start_emulator COMMAND...: the emulator on an ephemeral loopback port; sets emulator_url. It
# ends when its standard input does (stop_emulator, or this script's exit).
start_emulator() {
  coproc EMULATOR { exec "$@" --listen 127.0.0.1:0 --exit-on-stdin-eof; }
  emulator_pid=$EMULATOR_PID
  emulator_in=${EMULATOR[1]}
  read -r emulator_url <&"${EMULATOR[0]}" || { problem "the emulator ($*) did not start"; return 1; }
}
stop_emulator() {
  exec {emulator_in}>&-
  wait "$emulator_pid" 2>/dev/null || true
  emulator_pid=
}
# ran LABEL LOG COMMAND...: runs COMMAND, LOG its output; says what happened.
ran() {
  local label=$1 log=$2
  shift 2
  if "$@" >"$log" 2>&1; then
    echo "   ok   $label"
  else
    problem "$label:"
    tail -n 20 "$log" >&2
  fi
}
native_emulator="$CARGO_TARGET_DIR/$host_arch-unknown-linux-gnu/release/meetctl-emulator"
example="$root/examples/python/either_vendor.py"
# Run from outside the checkout, so that only installed packages can be imported.
cd "$scratch"

echo "== the sdist, built and installed from scratch by pip (cargo on PATH, fresh venv)"
sdist_venv="$scratch/sdist-venv"
"$python" -m venv "$sdist_venv"
# A build directory of its own, so nothing built for the wheels above is reused.
sdist_target="$scratch/sdist-target"
sdist_started=$SECONDS
if CARGO_TARGET_DIR="$sdist_target" "$sdist_venv/bin/python" -m pip install --quiet --no-binary meetctl \
  "$sdist" >"$scratch/sdist.log" 2>&1; then
  echo "   ok   pip install $(basename "$sdist") (compiled in $((SECONDS - sdist_started)) s)"
  rm -rf "$sdist_target"
  start_emulator "$native_emulator"
  ran "either_vendor.py with the package built from the sdist" "$scratch/sdist-run.log" \
    "$sdist_venv/bin/python" "$example" "$emulator_url"
  stop_emulator
else
  problem "pip install $(basename "$sdist"):"
  tail -n 30 "$scratch/sdist.log" >&2
fi

echo "== aarch64 under qemu-user ($(qemu-aarch64-static --version | head -n1))"
qemu=(qemu-aarch64-static -L "$aarch64_root")
arm_python=("${qemu[@]}" "$aarch64_root/usr/bin/python3.11")
arm_site="$scratch/aarch64-site"
# pip installs the wheel as it would on an aarch64 machine with CPython 3.11 (the tags decide).
"$python" -m pip install --quiet --no-deps --no-index --find-links "$out" --only-binary :all: \
  --platform manylinux2014_aarch64 --python-version 3.11 --implementation cp --target "$arm_site" meetctl
if [ "$all" = 1 ]; then
  # The aarch64 emulator from its wheel, under qemu too.
  "$python" -m pip install --quiet --no-deps --no-index --find-links "$out" --only-binary :all: \
    --platform manylinux2014_aarch64 --target "$scratch/aarch64-tools" meetctl-emulator meetctl-cli
  arm_emulator=("${qemu[@]}" "$scratch/aarch64-tools/bin/meetctl-emulator")
  [ "$(elf_arch "$scratch/aarch64-tools/bin/meetctl-emulator")" = aarch64 ] || problem "the aarch64 emulator is not aarch64"
else
  arm_emulator=("$native_emulator")
fi
start_emulator "${arm_emulator[@]}"
arm_label=$(PYTHONPATH="$arm_site" "${arm_python[@]}" -c \
  'import meetctl, platform; print("meetctl", meetctl.__version__, platform.machine(), "from", meetctl.__file__)' 2>&1) || true
[[ "$arm_label" == "meetctl $version aarch64 from $arm_site/"* ]] ||
  problem "the aarch64 Python does not import meetctl from the aarch64 wheel: $arm_label"
ran "either_vendor.py, aarch64 CPython $("${arm_python[@]}" -c 'import platform; print(platform.python_version())') with the aarch64 wheel, against the $([ "$all" = 1 ] && echo aarch64 || echo "$host_arch") emulator" \
  "$scratch/arm-run.log" env PYTHONPATH="$arm_site" "${arm_python[@]}" "$example" "$emulator_url"
stop_emulator

if [ "$all" = 1 ]; then
  ran "meetctl demo (aarch64 meetctl-cli wheel)" "$scratch/arm-demo.log" \
    "${qemu[@]}" "$scratch/aarch64-tools/bin/meetctl" demo
  # The C test, cross-compiled with zig against the unpacked aarch64 C package. It starts the
  # emulator it is given; that is the package's, under qemu, through a wrapper script (which the
  # kernel runs natively when the test under qemu executes it).
  c_prefix="$scratch/c-aarch64/libmeetctl-$version-linux-aarch64-glibc2.17"
  printf '#!/bin/sh\nexec qemu-aarch64-static -L "%s" "%s" "$@"\n' "$aarch64_root" "$c_prefix/bin/meetctl-emulator" \
    >"$scratch/aarch64-emulator"
  chmod +x "$scratch/aarch64-emulator"
  if python3 -m ziglang cc -target aarch64-linux-gnu.2.17 -std=c11 -Wall -Wextra \
    -I"$c_prefix/include" "$root/tests/c/test_with_emulator.c" -o "$scratch/with_emulator_aarch64" \
    -L"$c_prefix/lib" -lmeetctl -Wl,-rpath,"$c_prefix/lib" >"$scratch/arm-c.log" 2>&1; then
    ran "tests/c/test_with_emulator.c against the aarch64 C package and its emulator (zig cc, qemu)" \
      "$scratch/arm-c-run.log" "${qemu[@]}" "$scratch/with_emulator_aarch64" "$scratch/aarch64-emulator" </dev/null
  else
    problem "zig cc tests/c/test_with_emulator.c for aarch64:"
    cat "$scratch/arm-c.log" >&2
  fi

  echo "== musllinux_1_2 x86_64: the static executables run here"
  "$python" -m pip install --quiet --no-deps --no-index --find-links "$out" --only-binary :all: \
    --platform musllinux_1_2_x86_64 --target "$scratch/musl-tools" meetctl-emulator meetctl-cli
  for f in meetctl-emulator meetctl; do
    readelf -l "$scratch/musl-tools/bin/$f" | grep -q 'Requesting program interpreter' &&
      problem "the musl $f is not a static executable"
  done
  start_emulator "$scratch/musl-tools/bin/meetctl-emulator"
  ran "either_vendor.py against the musl emulator" "$scratch/musl-run.log" \
    "$sdist_venv/bin/python" "$example" "$emulator_url"
  stop_emulator
  ran "meetctl demo (musl meetctl-cli wheel)" "$scratch/musl-demo.log" "$scratch/musl-tools/bin/meetctl" demo
fi

[ "$failed" = 0 ] || { echo "build-wheels: FAILED" >&2; exit 1; }
echo "== distributions in $out: built in $build_seconds s, checked in $((SECONDS - started - build_seconds)) s"

if [ "$suite" = 1 ]; then
  "$root/scripts/test-python.sh" --dist "$out"
fi
