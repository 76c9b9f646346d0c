#!/usr/bin/env bash
# Reliability and dependency checks that need extra tools:
#
#  1. Fuzzing: builds every cargo-fuzz target in fuzz/ (nightly, AddressSanitizer, debug
#     assertions and overflow checks on) and runs each one for a bounded time, starting from the
#     committed seeds (fuzz/seeds/<target>) plus the corpus earlier runs grew (fuzz/corpus/<target>,
#     not committed). Any crash, panic, failed assertion, leak or timeout fails the script; the
#     input is left in fuzz/artifacts/<target>/ (reproduce: cargo +nightly fuzz run -a <target> <file>).
#  2. cargo deny: licenses, bans (duplicate versions warn, see deny.toml) and sources.
#     Advisories are NOT checked: cargo-deny fetches the RustSec database from GitHub, which the
#     machines this project is tested on cannot reach (only crates.io, PyPI and Debian). Run
#     `cargo deny check advisories` where GitHub is reachable.
#
# Installs cargo-fuzz and cargo-deny from crates.io (`cargo install --locked`, into ~/.cargo/bin)
# unless they are already there. Needs a nightly toolchain (cargo-fuzz builds with -Zsanitizer).
#
# Environment:
#   MEETCTL_FUZZ_SECONDS   seconds per target (default 6; 9 targets, about a minute in all)
#   MEETCTL_FUZZ_TARGETS   space-separated targets to run (default: all)
#   MEETCTL_NIGHTLY        the nightly toolchain to fuzz with (default: nightly)
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${MEETCTL_FUZZ_SECONDS:-6}
NIGHTLY=${MEETCTL_NIGHTLY:-nightly}
export PATH="$HOME/.cargo/bin:$PATH"

install_tool() { # <cargo subcommand> <crate>
    if cargo "$1" --version >/dev/null 2>&1; then
        echo "== $2: $(cargo "$1" --version 2>/dev/null | head -n1) (installed)"
    else
        echo "== installing $2 from crates.io"
        cargo install --locked "$2"
    fi
}

if ! cargo "+$NIGHTLY" --version >/dev/null 2>&1; then
    echo "== installing the $NIGHTLY toolchain (cargo-fuzz needs it)"
    rustup toolchain install "$NIGHTLY" --profile minimal || {
        echo "error: no $NIGHTLY toolchain and it cannot be installed here; fuzzing needs one" >&2
        exit 1
    }
fi
install_tool fuzz cargo-fuzz
install_tool deny cargo-deny

# ---- 1. Fuzzing ----
fuzz() { (cd fuzz && cargo "+$NIGHTLY" fuzz "$@"); }

echo "== cargo fuzz build (all targets)"
fuzz build --debug-assertions

if [ -n "${MEETCTL_FUZZ_TARGETS:-}" ]; then
    read -r -a targets <<<"$MEETCTL_FUZZ_TARGETS"
else
    mapfile -t targets < <(fuzz list)
fi
[ ${#targets[@]} -gt 0 ] || { echo "error: no fuzz targets found" >&2; exit 1; }

dict_for() {
    case "$1" in
        tencent_control | huawei_control | encoding) echo dicts/requests.dict ;;
        ffi_readers) echo dicts/ffi.dict ;;
        *) echo dicts/responses.dict ;;
    esac
}

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
failed=()
total_runs=0
fuzz_start=$SECONDS
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t" "fuzz/seeds/$t" "fuzz/artifacts/$t"
    log="$logs/$t.log"
    touch "$logs/$t.start"
    # New inputs go to corpus/ (first directory); seeds/ is only read.
    if fuzz run --debug-assertions "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
        -dict="$(dict_for "$t")" -print_final_stats=1 >"$log" 2>&1; then
        status=ok
    else
        status=FAILED
        failed+=("$t")
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1 || true)
    cov=$( (grep -Eo 'cov: [0-9]+' "$log" || true) | tail -n1 | cut -d' ' -f2)
    printf '   %-22s %-6s %10s runs  coverage %s\n' "$t" "$status" "${runs:-?}" "${cov:-?}"
    total_runs=$((total_runs + ${runs:-0}))
    if [ "$status" = FAILED ]; then
        {
            echo "---- $t failed:"
            # The panic (with its assertion message) or the sanitizer's / libFuzzer's error.
            if grep -q 'panicked at' "$log"; then
                grep -m1 -A4 'panicked at' "$log" | grep -vE '^stack backtrace|^ +[0-9]+: |^ +at '
            else
                grep -m1 -A2 -E '^==[0-9]+== ?ERROR|^ERROR:|error(\[|:)' "$log" || tail -n 20 "$log"
            fi
            find "fuzz/artifacts/$t" -type f -newer "$logs/$t.start" |
                sed "s|^fuzz/\(.*\)|   input: fuzz/\1   (reproduce: cd fuzz \&\& cargo +$NIGHTLY fuzz run -a $t \1)|"
        } >&2
    fi
done
fuzz_seconds=$((SECONDS - fuzz_start))

# ---- 2. cargo deny (no advisories: see above) ----
echo "== cargo deny check licenses bans sources"
if cargo deny --locked check licenses bans sources; then
    deny=ok
else
    deny=FAILED
fi

echo "tools: fuzzing ${#targets[@]} targets, $total_runs runs in ${fuzz_seconds}s, ${#failed[@]} failed${failed:+ (${failed[*]})}; cargo deny licenses/bans/sources $deny (advisories not checked: RustSec database on GitHub unreachable)"
[ ${#failed[@]} -eq 0 ] && [ "$deny" = ok ]
