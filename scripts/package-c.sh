#!/usr/bin/env bash
# Builds the prebuilt C/C++ package of libmeetctl for one Linux architecture, for glibc 2.17 and
# newer (CentOS 7, RHEL 8, Debian 11, Ubuntu 20.04 and every later release):
#
#   OUT_DIR/libmeetctl-VERSION-linux-ARCH-glibc2.17.tar.gz
#     libmeetctl-VERSION-linux-ARCH-glibc2.17/    the layout scripts/install-c.sh installs:
#       include/meetctl.h, meetctl.hpp, meetctl_operations.hpp
#       lib/libmeetctl.so, libmeetctl.a, pkgconfig/meetctl.pc, cmake/meetctl/
#       bin/meetctl-emulator
#       share/doc/meetctl/    licences and the C API guide
#
# Unpack it anywhere: the pkg-config and CMake files find the tree from their own place.
#
# The library and the emulator are built with `cargo zigbuild --release --target ARCH-unknown-
# linux-gnu.2.17` (zig links them against glibc 2.17's symbols; no container, no sysroot). Prints
# the package's path last.
#
# usage: scripts/package-c.sh [--arch x86_64|aarch64] [OUT_DIR]     (default: this machine's
#                                                                    architecture, target/dist)
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=scripts/dist/common.sh
. scripts/dist/common.sh

arch=$(uname -m)
out=
while [ $# -gt 0 ]; do
  case "$1" in
    --arch)
      [ $# -ge 2 ] || { echo "package-c.sh: --arch needs x86_64 or aarch64" >&2; exit 2; }
      arch=$2
      shift
      ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    -*) echo "package-c.sh: unknown option $1" >&2; exit 2 ;;
    *) out=$1 ;;
  esac
  shift
done
case "$arch" in
  x86_64 | aarch64) ;;
  *) echo "package-c.sh: no package for the architecture '$arch' (x86_64 or aarch64)" >&2; exit 2 ;;
esac
out=${out:-$root/target/dist}
case "$out" in /*) ;; *) out=$caller/$out ;; esac
mkdir -p "$out"
out=$(cd "$out" && pwd)

glibc=2.17
triple=$arch-unknown-linux-gnu
version=$(workspace_version)
name=libmeetctl-$version-linux-$arch-glibc$glibc

dist_tools
rust_target "$triple"
echo "== cargo zigbuild --release --target $triple.$glibc -p meetctl-ffi -p meetctl-emulator"
cargo zigbuild --release --locked --target "$triple.$glibc" -p meetctl-ffi -p meetctl-emulator

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
scripts/install-c.sh --artifacts "$CARGO_TARGET_DIR/$triple/release" "$stage/$name" >/dev/null
rm -f "$out/$name.tar.gz"
tar -C "$stage" --owner=0 --group=0 --numeric-owner -czf "$out/$name.tar.gz" "$name"
echo "$out/$name.tar.gz"
