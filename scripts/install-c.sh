#!/usr/bin/env bash
# Builds libmeetctl and the emulator and installs them for C and C++ projects:
#   PREFIX/include/meetctl.h, meetctl.hpp
#   PREFIX/lib/libmeetctl.so, libmeetctl.a
#   PREFIX/bin/meetctl-emulator                      (offline tests; docs/emulator.md)
#   PREFIX/lib/pkgconfig/meetctl.pc                  (pkg-config --cflags --libs meetctl;
#                                                     pkg-config --variable=emulator meetctl)
#   PREFIX/lib/cmake/meetctl/meetctlConfig*.cmake    (find_package(meetctl): meetctl::meetctl,
#                                                     meetctl::emulator, MEETCTL_EMULATOR_EXECUTABLE)
#
# usage: scripts/install-c.sh [--debug] [--no-build] PREFIX
#   --debug     install the debug build (default: release)
#   --no-build  install what is already built
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
build=1
prefix=
for arg in "$@"; do
  case "$arg" in
    --debug) profile=debug ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "install-c.sh: unknown option $arg" >&2; exit 2 ;;
    *) prefix=$arg ;;
  esac
done
[ -n "$prefix" ] || { echo "usage: scripts/install-c.sh [--debug] [--no-build] PREFIX" >&2; exit 2; }

if [ "$build" = 1 ]; then
  if [ "$profile" = release ]; then
    cargo build -p meetctl-ffi -p meetctl-emulator --release
  else
    cargo build -p meetctl-ffi -p meetctl-emulator
  fi
fi
target_dir=${CARGO_TARGET_DIR:-target}
libs="$target_dir/$profile"

# The version of [workspace.package] in Cargo.toml.
version=$(awk '/^\[workspace\.package\]/{s=1;next} /^\[/{s=0} s && $1=="version"{gsub(/"/,"",$3); print $3; exit}' Cargo.toml)
[ -n "$version" ] || { echo "install-c.sh: no version in Cargo.toml" >&2; exit 1; }
IFS=. read -r major minor _ <<<"$version"

mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
install -d "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/lib/cmake/meetctl" "$prefix/bin"
install -m 644 include/meetctl.h include/meetctl.hpp "$prefix/include/"
install -m 755 "$libs/libmeetctl.so" "$prefix/lib/"
install -m 644 "$libs/libmeetctl.a" "$prefix/lib/"
install -m 755 "$libs/meetctl-emulator" "$prefix/bin/"
# The .pc also names the emulator (`pkg-config --variable=emulator meetctl`): bindir and emulator
# are added after includedir unless the template already has them.
pc_in=crates/meetctl-ffi/packaging/meetctl.pc.in
sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" "$pc_in" |
  awk -v add="$(grep -q '^emulator=' "$pc_in" || echo 1)" '
    { print }
    add && /^includedir=/ { print "bindir=${exec_prefix}/bin"; print "emulator=${bindir}/meetctl-emulator" }
  ' >"$prefix/lib/pkgconfig/meetctl.pc"
install -m 644 cmake/meetctlConfig.cmake "$prefix/lib/cmake/meetctl/"
sed -e "s|@VERSION@|$version|g" -e "s|@VERSION_MAJOR@|$major|g" -e "s|@VERSION_MINOR@|$minor|g" \
  cmake/meetctlConfigVersion.cmake.in >"$prefix/lib/cmake/meetctl/meetctlConfigVersion.cmake"
echo "installed libmeetctl and meetctl-emulator $version ($profile) in $prefix"
