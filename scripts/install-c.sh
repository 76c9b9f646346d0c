#!/usr/bin/env bash
# Builds libmeetctl and the emulator and installs them for C and C++ projects:
#   PREFIX/include/meetctl.h, meetctl.hpp, meetctl_operations.hpp
#   PREFIX/lib/libmeetctl.so, libmeetctl.a
#   PREFIX/bin/meetctl-emulator                      (offline tests; docs/emulator.md)
#   PREFIX/lib/pkgconfig/meetctl.pc                  (pkg-config --cflags --libs meetctl;
#                                                     pkg-config --variable=emulator meetctl)
#   PREFIX/lib/cmake/meetctl/meetctlConfig*.cmake    (find_package(meetctl): meetctl::meetctl,
#                                                     meetctl::emulator, MEETCTL_EMULATOR_EXECUTABLE)
#   PREFIX/share/doc/meetctl/                        (licences, the C API guide)
# Every installed path is found from the file that names it (the .pc from ${pcfiledir}, the CMake
# package from its own directory), so the tree can be moved or unpacked anywhere: it is also the
# layout of the prebuilt C package (scripts/package-c.sh).
#
# usage: scripts/install-c.sh [--debug] [--no-build] [--artifacts DIR] PREFIX
#   --debug          install the debug build (default: release)
#   --no-build       install what is already built
#   --artifacts DIR  install the library and the emulator from DIR (implies --no-build; default:
#                    the workspace's target/release or target/debug)
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."

usage="usage: scripts/install-c.sh [--debug] [--no-build] [--artifacts DIR] PREFIX"
profile=release
build=1
prefix=
libs=
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) profile=debug ;;
    --no-build) build=0 ;;
    --artifacts)
      [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
      libs=$2 build=0
      shift
      ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    -*) echo "install-c.sh: unknown option $1" >&2; exit 2 ;;
    *) prefix=$1 ;;
  esac
  shift
done
[ -n "$prefix" ] || { echo "$usage" >&2; exit 2; }
# Relative paths are the caller's.
case "$prefix" in /*) ;; *) prefix=$caller/$prefix ;; esac
case "$libs" in /* | "") ;; *) libs=$caller/$libs ;; esac

if [ "$build" = 1 ]; then
  if [ "$profile" = release ]; then
    cargo build -p meetctl-ffi -p meetctl-emulator --release
  else
    cargo build -p meetctl-ffi -p meetctl-emulator
  fi
fi
libs=${libs:-${CARGO_TARGET_DIR:-target}/$profile}

# The version of [workspace.package] in Cargo.toml.
version=$(awk '/^\[workspace\.package\]/{s=1;next} /^\[/{s=0} s && $1=="version"{gsub(/"/,"",$3); print $3; exit}' Cargo.toml)
[ -n "$version" ] || { echo "install-c.sh: no version in Cargo.toml" >&2; exit 1; }
IFS=. read -r major minor _ <<<"$version"

mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
install -d "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/lib/cmake/meetctl" "$prefix/bin" \
  "$prefix/share/doc/meetctl"
install -m 644 include/meetctl.h include/meetctl.hpp include/meetctl_operations.hpp "$prefix/include/"
install -m 755 "$libs/libmeetctl.so" "$prefix/lib/"
install -m 644 "$libs/libmeetctl.a" "$prefix/lib/"
install -m 755 "$libs/meetctl-emulator" "$prefix/bin/"
install -m 644 LICENSE-MIT LICENSE-APACHE docs/c-api.md "$prefix/share/doc/meetctl/"
sed -e "s|@VERSION@|$version|g" crates/meetctl-ffi/packaging/meetctl.pc.in >"$prefix/lib/pkgconfig/meetctl.pc"
install -m 644 cmake/meetctlConfig.cmake "$prefix/lib/cmake/meetctl/"
sed -e "s|@VERSION@|$version|g" -e "s|@VERSION_MAJOR@|$major|g" -e "s|@VERSION_MINOR@|$minor|g" \
  cmake/meetctlConfigVersion.cmake.in >"$prefix/lib/cmake/meetctl/meetctlConfigVersion.cmake"
echo "installed libmeetctl and meetctl-emulator $version ($profile) in $prefix"
