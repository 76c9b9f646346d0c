#!/usr/bin/env bash
# check-symbols.sh LIB [LIST]: the meetctl_* functions LIB (a built libmeetctl.so) exports against
# LIST (default crates/meetctl-ffi/exported-symbols.txt), the committed list of libmeetctl's exports.
#
# The list may only grow: C programs linked against an earlier libmeetctl look these names up when
# they start, so a name in the list that LIB no longer exports fails (the export was removed or
# renamed; a renamed function keeps its old name exported for one release). An exported meetctl_*
# function missing from the list fails too: the list is updated in the same change, and the lines
# to add are printed. Exits 0 when the two agree, 1 when they differ, 2 on a usage error.
# Needs only binutils (nm).
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 LIB [LIST]" >&2
  exit 2
fi
lib=$1
list=${2:-$(cd "$(dirname "$0")/.." && pwd)/crates/meetctl-ffi/exported-symbols.txt}
[ -f "$lib" ] || { echo "check-symbols: no library at $lib" >&2; exit 2; }
[ -f "$list" ] || { echo "check-symbols: no symbol list at $list" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The library's own functions in its dynamic symbol table: defined (not imported), of function
# type (T text, W weak, i indirect), named meetctl_*; a symbol version suffix (@@V) is dropped.
nm -D --defined-only "$lib" >"$tmp/nm"
awk '$(NF-1) ~ /^[TWi]$/ { sub(/@.*/, "", $NF); if ($NF ~ /^meetctl_/) print $NF }' "$tmp/nm" |
  LC_ALL=C sort -u >"$tmp/exported"
# The list: one name a line; blank lines and # comments ignored, surrounding blanks trimmed.
sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$list" | grep -v '^$' |
  LC_ALL=C sort -u >"$tmp/listed" || true

if [ ! -s "$tmp/exported" ]; then
  echo "check-symbols: $lib exports no meetctl_* function" >&2
  exit 1
fi

status=0
LC_ALL=C comm -23 "$tmp/listed" "$tmp/exported" >"$tmp/removed"
LC_ALL=C comm -13 "$tmp/listed" "$tmp/exported" >"$tmp/added"
if [ -s "$tmp/removed" ]; then
  status=1
  echo "check-symbols: $(wc -l <"$tmp/removed") function(s) in $list are no longer exported by $lib."
  echo "A removed export breaks C binaries linked against an earlier libmeetctl; keep exporting these"
  echo "(a renamed function keeps its old name for one release):"
  sed 's/^/  /' "$tmp/removed"
fi
if [ -s "$tmp/added" ]; then
  status=1
  echo "check-symbols: $(wc -l <"$tmp/added") exported function(s) of $lib are not in $list."
  echo "Add these lines to it (keeping it sorted) in the same change:"
  cat "$tmp/added"
fi
if [ "$status" = 0 ]; then
  echo "check-symbols: $lib exports the $(wc -l <"$tmp/exported") meetctl_* functions $list lists"
fi
exit "$status"
