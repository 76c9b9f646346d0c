#!/usr/bin/env bash
# Unpacks Debian packages of another architecture (or of this one) into a directory, to run or
# check foreign binaries there (qemu-user's -L, auditwheel's --ldpaths), without installing
# anything on the system: apt works on a state directory of its own (DIR.apt), with the system's
# package sources, and the packages are only unpacked (dpkg-deb -x), never configured.
#
# usage: scripts/dist/debian-root.sh ARCH DIR PACKAGE...     (ARCH as Debian names it: arm64, amd64)
#
# Does nothing when DIR already holds exactly these packages (DIR/.packages).
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: scripts/dist/debian-root.sh ARCH DIR PACKAGE..." >&2; exit 2; }
arch=$1
dir=$2
shift 2
wanted="$arch $*"
if [ "$(cat "$dir/.packages" 2>/dev/null || true)" = "$wanted" ]; then
  exit 0
fi
state=$dir.apt
rm -rf "$dir" "$state"
mkdir -p "$dir" "$state/lists/partial" "$state/cache/archives/partial" "$state/debs"
: >"$state/status"
apt_opts=(
  -o "Dir::State=$state" -o "Dir::State::Lists=$state/lists" -o "Dir::State::status=$state/status"
  -o "Dir::Cache=$state/cache" -o "APT::Architecture=$arch" -o "APT::Architectures=$arch"
  -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root" -q
)
apt-get "${apt_opts[@]}" update >"$state/update.log" 2>&1 || { tail -n 20 "$state/update.log" >&2; exit 1; }
(cd "$state/debs" && apt-get "${apt_opts[@]}" download "$@") >"$state/download.log" 2>&1 ||
  { tail -n 20 "$state/download.log" >&2; exit 1; }
for deb in "$state"/debs/*.deb; do
  dpkg-deb -x "$deb" "$dir"
done
rm -rf "$state"
echo "$wanted" >"$dir/.packages"
