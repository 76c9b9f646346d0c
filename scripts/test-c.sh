#!/usr/bin/env bash
# C and C++: libmeetctl (crates/meetctl-ffi) against the emulator.
#
# - The header's version macros agree with Cargo.toml; libmeetctl.so exports exactly the functions
#   that include/meetctl.h declares, all `meetctl_`-prefixed, and nothing else (nm -D).
# - tests/c (C11: test_meetctl.c; test_lookup.c, lookups and finding a meeting; test_meeting.c,
#   the vendor-neutral suite run on both vendors) and tests/cpp (C++17, through meetctl.hpp:
#   test_meetctl.cpp, test_lookup.cpp; test_reach.c/.cpp, calling rooms and phones in) compiled with -Wall -Wextra -Werror
#   -pedantic, linked against libmeetctl.so, and the C programs once against libmeetctl.a; each run
#   against a fresh emulator (demo scenario), then again under valgrind memcheck (no errors, no
#   bytes definitely or indirectly lost).
# - examples/c/either_vendor.c (mute everyone but the host, then end; the same function for a
#   Tencent meeting and a Huawei conference) built the same way and run against a fresh emulator,
#   also under valgrind; the emulator's state must then show both meetings ended with only the host
#   still speaking.
# - The prebuilt C package for this architecture (libmeetctl-VERSION-linux-ARCH-glibc2.17.tar.gz,
#   scripts/package-c.sh; from $MEETCTL_DIST when scripts/test.sh built it already) unpacked into a
#   scratch directory, then tiny consumers built with `pkg-config --cflags --libs meetctl` and with
#   CMake's find_package(meetctl).
# - The package's emulator as a user finds it (`pkg-config --variable=emulator meetctl`; CMake's
#   meetctl::emulator and MEETCTL_EMULATOR_EXECUTABLE), and tests/c/test_with_emulator.c built
#   against the package's library both ways (pkg-config; tests/c/with_emulator with CTest): it
#   starts the package's emulator itself, over HTTP and over HTTPS (--tls), calls it and stops it.
# - A build of meetctl-ffi with `-C panic=abort` is refused (its panic boundary needs unwinding).
# - The C suites and the C++ suite again, compiled with AddressSanitizer + UndefinedBehaviorSanitizer
#   (gcc -fsanitize=address,undefined; libmeetctl itself is not instrumented, which catches misuse
#   on the C/C++ side of the boundary: the wrapper, the tests, what they pass in and read back).
#   Any sanitizer report fails the run. ThreadSanitizer is left out, see "sanitizers" below.
# - Miri over the FFI crate's pointer-helper unit tests, when a nightly toolchain with miri is
#   installed (skipped with a note otherwise).
#
# Installs the tools it needs (valgrind, pkg-config, cmake, openssl) with apt-get when missing.
# Prints `C/C++: N passed, M failed` last; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

passed=0
failed=0
skipped=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
skip() { skipped=$((skipped + 1)); echo "skip $1"; }

tmp=$(mktemp -d)
emu_pid=
tls_pid=
cleanup() {
  [ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null && wait "$emu_pid" 2>/dev/null
  [ -n "$tls_pid" ] && kill "$tls_pid" 2>/dev/null && wait "$tls_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# ------------------------------------------------------------------ tools

apt_updated=0
install_pkg() {
  export DEBIAN_FRONTEND=noninteractive
  command -v apt-get >/dev/null 2>&1 || return 1
  if ! apt-get install -y -q "$@" </dev/null >"$tmp/apt.log" 2>&1; then
    if [ "$apt_updated" = 0 ]; then
      apt_updated=1
      apt-get update -q </dev/null >>"$tmp/apt.log" 2>&1 || true
    fi
    apt-get install -y -q "$@" </dev/null >>"$tmp/apt.log" 2>&1 || { tail -n 20 "$tmp/apt.log" >&2; return 1; }
  fi
}
need() { # need COMMAND PACKAGE: installs PACKAGE when COMMAND is missing
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "== installing $2"
  install_pkg "$2" && command -v "$1" >/dev/null 2>&1
}
need cc gcc
need c++ g++
need nm binutils
need valgrind valgrind
need pkg-config pkg-config
need openssl openssl
need python3 python3
need strace strace
have_cmake=1
need cmake cmake || have_cmake=0

# ------------------------------------------------------------------ build

echo "== cargo build -p meetctl-ffi -p meetctl-emulator"
cargo build --locked -p meetctl-ffi -p meetctl-emulator
target_dir=${CARGO_TARGET_DIR:-target}
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
libdir="$target_dir/debug"
emulator="$libdir/meetctl-emulator"
scenario=crates/meetctl-emulator/scenarios/demo.json

echo "== exported symbols against crates/meetctl-ffi/exported-symbols.txt (the list may only grow)"
if scripts/check-symbols.sh "$libdir/libmeetctl.so"; then
  pass "libmeetctl.so exports every name in exported-symbols.txt, and no meetctl_ function it lacks"
else
  fail "libmeetctl.so and crates/meetctl-ffi/exported-symbols.txt differ (see above)"
fi

version=$(awk '/^\[workspace\.package\]/{s=1;next} /^\[/{s=0} s && $1=="version"{gsub(/"/,"",$3); print $3; exit}' Cargo.toml)
export MEETCTL_EXPECTED_VERSION=$version

# ------------------------------------------------------------------ header and symbols

echo "== header and exported symbols"
IFS=. read -r major minor patch <<<"$version"
if grep -qx "#define MEETCTL_VERSION_MAJOR $major" include/meetctl.h &&
  grep -qx "#define MEETCTL_VERSION_MINOR $minor" include/meetctl.h &&
  grep -qx "#define MEETCTL_VERSION_PATCH $patch" include/meetctl.h; then
  pass "header version macros are Cargo.toml's $version"
else
  fail "header version macros differ from Cargo.toml's $version"
fi

nm -D --defined-only "$libdir/libmeetctl.so" | awk '{print $NF}' | sort -u >"$tmp/exported"
grep -oE '\bmeetctl_[a-z0-9_]+\(' include/meetctl.h | tr -d '(' | sort -u >"$tmp/declared"
if [ -s "$tmp/exported" ] && ! grep -qv '^meetctl_' "$tmp/exported"; then
  pass "libmeetctl.so exports only meetctl_ symbols ($(wc -l <"$tmp/exported") of them)"
else
  fail "libmeetctl.so exports other symbols:"; grep -v '^meetctl_' "$tmp/exported" | head -20 || true
fi
if diff -u "$tmp/declared" "$tmp/exported" >"$tmp/symbols.diff"; then
  pass "libmeetctl.so exports exactly the functions include/meetctl.h declares"
else
  fail "exported symbols and header declarations differ:"; cat "$tmp/symbols.diff"
fi

# Defect 15: the C boundary turns panics into MEETCTL_STATUS_PANIC with catch_unwind, which needs
# panics to unwind. A panic = "abort" build must be refused (a compile_error! in lib.rs), not
# shipped. Checked in check mode (no artifact is written; about two seconds).
if cargo rustc --locked -q -p meetctl-ffi --lib --profile check -- -C panic=abort >"$tmp/panic-abort.log" 2>&1; then
  fail "a panic=abort build of meetctl-ffi was accepted (its panic boundary would not catch anything)"
elif grep -q 'meetctl-ffi must be built with panic = "unwind"' "$tmp/panic-abort.log"; then
  pass "a panic=abort build of meetctl-ffi is refused with a compile error"
else
  fail "a panic=abort build of meetctl-ffi failed, but not with meetctl's compile error:"
  tail -n 20 "$tmp/panic-abort.log"
fi

# ------------------------------------------------------------------ compile

echo "== compile tests (-Wall -Wextra -Werror -pedantic)"
warn=(-Wall -Wextra -Werror -pedantic -g)
static_libs=(-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc)
compile() { # compile NAME COMMAND...
  local name=$1
  shift
  if "$@" 2>"$tmp/$name.compile.log"; then
    pass "compile $name"
  else
    fail "compile $name"
    cat "$tmp/$name.compile.log"
  fi
}
compile c_shared cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_meetctl.c -o "$tmp/c_shared" \
  -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile cpp_shared c++ -std=c++17 "${warn[@]}" -Iinclude tests/cpp/test_meetctl.cpp -o "$tmp/cpp_shared" \
  -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile c_static cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_meetctl.c -o "$tmp/c_static" \
  "$libdir/libmeetctl.a" "${static_libs[@]}"
compile c_meeting_shared cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_meeting.c -o "$tmp/c_meeting_shared" \
  -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile c_meeting_static cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_meeting.c -o "$tmp/c_meeting_static" \
  "$libdir/libmeetctl.a" "${static_libs[@]}"
# Lookups and finding a meeting (tests/c/test_lookup.c, tests/cpp/test_lookup.cpp).
compile c_lookup_shared cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_lookup.c -o "$tmp/c_lookup_shared" \
  -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile c_lookup_static cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_lookup.c -o "$tmp/c_lookup_static" \
  "$libdir/libmeetctl.a" "${static_libs[@]}"
compile cpp_lookup_shared c++ -std=c++17 "${warn[@]}" -Iinclude tests/cpp/test_lookup.cpp \
  -o "$tmp/cpp_lookup_shared" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
# Tencent webhooks: the handler and the receiver over loopback (tests/c/test_webhook.c,
# tests/cpp/test_webhook.cpp).
compile c_webhook_shared cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_webhook.c -o "$tmp/c_webhook_shared" \
  -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile c_webhook_static cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_webhook.c -o "$tmp/c_webhook_static" \
  "$libdir/libmeetctl.a" "${static_libs[@]}"
compile cpp_webhook_shared c++ -std=c++17 "${warn[@]}" -Iinclude tests/cpp/test_webhook.cpp \
  -o "$tmp/cpp_webhook_shared" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
# Huawei enterprise webhooks: the handler, the receiver, the emulator's POSTs
# (tests/c/test_huawei_webhook.c, tests/cpp/test_huawei_webhook.cpp).
compile c_huawei_webhook_shared cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_huawei_webhook.c \
  -o "$tmp/c_huawei_webhook_shared" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile c_huawei_webhook_static cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_huawei_webhook.c \
  -o "$tmp/c_huawei_webhook_static" "$libdir/libmeetctl.a" "${static_libs[@]}"
compile cpp_huawei_webhook_shared c++ -std=c++17 "${warn[@]}" -Iinclude tests/cpp/test_huawei_webhook.cpp \
  -o "$tmp/cpp_huawei_webhook_shared" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
# Watching a meeting (tests/c/test_watch.c, tests/cpp/test_watch.cpp).
compile c_watch_shared cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_watch.c -o "$tmp/c_watch_shared" \
  -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile c_watch_static cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_watch.c -o "$tmp/c_watch_static" \
  "$libdir/libmeetctl.a" "${static_libs[@]}"
compile cpp_watch_shared c++ -std=c++17 "${warn[@]}" -Iinclude tests/cpp/test_watch.cpp \
  -o "$tmp/cpp_watch_shared" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
# Reaching people outside a Tencent meeting: rooms, SIP/H.323 devices and phones called in
# (tests/c/test_reach.c, tests/cpp/test_reach.cpp).
compile c_reach_shared cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_reach.c -o "$tmp/c_reach_shared" \
  -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile c_reach_static cc -std=c11 "${warn[@]}" -Iinclude tests/c/test_reach.c -o "$tmp/c_reach_static" \
  "$libdir/libmeetctl.a" "${static_libs[@]}"
compile cpp_reach_shared c++ -std=c++17 "${warn[@]}" -Iinclude tests/cpp/test_reach.cpp \
  -o "$tmp/cpp_reach_shared" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile example_either_vendor cc -std=c11 "${warn[@]}" -Iinclude examples/c/either_vendor.c \
  -o "$tmp/either_vendor" -L"$libdir" -lmeetctl -Wl,-rpath,"$libdir"
if [ -x "$tmp/c_static" ] && ! ldd "$tmp/c_static" | grep -q libmeetctl; then
  pass "c_static does not load libmeetctl.so"
else
  fail "c_static is not linked statically against libmeetctl"
fi

# ------------------------------------------------------------------ servers

start_emulator() {
  local out="$tmp/emulator.out"
  : >"$out"
  "$emulator" --scenario "$scenario" >"$out" 2>"$tmp/emulator.err" &
  emu_pid=$!
  for _ in $(seq 200); do [ -s "$out" ] && break; sleep 0.05; done
  emu_url=$(head -n1 "$out")
  [ -n "$emu_url" ] || { cat "$tmp/emulator.err" >&2; return 1; }
}
stop_emulator() {
  kill "$emu_pid" 2>/dev/null || true
  wait "$emu_pid" 2>/dev/null || true
  emu_pid=
}

mkdir -p "$tmp/tls"
python3 tests/tls_server.py "$tmp/tls" >"$tmp/tls.out" 2>"$tmp/tls.err" </dev/null &
tls_pid=$!
for _ in $(seq 200); do [ -s "$tmp/tls.out" ] && break; sleep 0.05; done
read -r MEETCTL_TEST_TLS_URL MEETCTL_TEST_TLS_CA <"$tmp/tls.out" || { cat "$tmp/tls.err" >&2; exit 1; }
export MEETCTL_TEST_TLS_URL MEETCTL_TEST_TLS_CA

# ------------------------------------------------------------------ run

# cases LABEL LOG STATUS [counts-only]: counts the cases a program reported ("NAME: N passed, M
# failed"); a non-zero STATUS with no failed case fails too, unless counts-only (the caller judges
# the status, as run() does under valgrind and the sanitizers).
cases() {
  local label=$1 log=$2 status=$3 only=${4:-} counts p f
  counts=$(grep -E ': [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n1 | grep -oE '[0-9]+ passed, [0-9]+ failed' || true)
  p=${counts%% passed*}
  f=${counts#*passed, }
  f=${f%% failed}
  if [ -z "$counts" ]; then
    fail "$label: the program did not finish (exit $status)"
    tail -n 30 "$log"
    return
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  echo "     $label: $p cases passed, $f failed"
  if [ "$f" != 0 ]; then
    grep -E 'FAILED|CHECK' "$log" | head -40 || true
  elif [ "$status" != 0 ] && [ "$only" != counts-only ]; then
    fail "$label: exit status $status"
  fi
}

# run LABEL PROGRAM [valgrind|sanitizers]: the program's cases count as tests; a crash, a leak or a
# sanitizer report fails.
run() {
  local label=$1 program=$2 mode=${3:-}
  local log="$tmp/$label.log"
  [ -x "$program" ] || { fail "$label: not built"; return; }
  start_emulator
  local status=0
  if [ "$mode" = sanitizers ]; then
    # halt at the first report, with a distinctive exit status; leaks checked at exit (LeakSanitizer);
    # UBSan's reports are fatal too (-fno-sanitize-recover=all, halt_on_error).
    ASAN_OPTIONS=halt_on_error=1:exitcode=86:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:strict_init_order=1 \
      UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=87 \
      "$program" "$emu_url" >"$log" 2>&1 || status=$?
  elif [ "$mode" = valgrind ]; then
    valgrind --tool=memcheck --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --suppressions=tests/valgrind.supp --log-file="$tmp/$label.valgrind" \
      "$program" "$emu_url" >"$log" 2>&1 || status=$?
  else
    "$program" "$emu_url" >"$log" 2>&1 || status=$?
  fi
  stop_emulator
  cases "$label" "$log" "$status" counts-only
  if [ "$mode" = valgrind ]; then
    local summary
    summary=$(grep -E 'ERROR SUMMARY|definitely lost|indirectly lost' "$tmp/$label.valgrind" | sed 's/^==[0-9]*== */     /')
    echo "$summary"
    if [ "$status" = 0 ] && grep -q 'ERROR SUMMARY: 0 errors' "$tmp/$label.valgrind"; then
      pass "$label: valgrind memcheck clean"
    else
      fail "$label: valgrind memcheck (exit $status)"
      # (|| true: head closing the pipe early is not a failure of the script)
      grep -A30 -E 'Invalid|uninitialised|lost in loss record' "$tmp/$label.valgrind" | head -80 || true
    fi
  elif [ "$mode" = sanitizers ]; then
    if [ "$status" = 0 ] && ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: (Address|UndefinedBehavior|Leak)Sanitizer' "$log"; then
      pass "$label: no AddressSanitizer / UBSan / LeakSanitizer report"
    else
      fail "$label: sanitizer report (exit $status)"
      grep -A40 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$log" | head -80 || true
    fi
  elif [ "$status" != 0 ] && grep -qE ': [0-9]+ passed, 0 failed$' "$log"; then
    # (`cases` judged the counts; a program that reported no failed case yet exited non-zero)
    fail "$label: exit status $status"
  fi
}

echo "== run against the emulator"
run c_shared "$tmp/c_shared"
run cpp_shared "$tmp/cpp_shared"
run c_static "$tmp/c_static"
run c_meeting_shared "$tmp/c_meeting_shared"
run c_meeting_static "$tmp/c_meeting_static"
run c_lookup_shared "$tmp/c_lookup_shared"
run c_lookup_static "$tmp/c_lookup_static"
run cpp_lookup_shared "$tmp/cpp_lookup_shared"
run c_webhook_shared "$tmp/c_webhook_shared"
run c_webhook_static "$tmp/c_webhook_static"
run cpp_webhook_shared "$tmp/cpp_webhook_shared"
run c_huawei_webhook_shared "$tmp/c_huawei_webhook_shared"
run c_huawei_webhook_static "$tmp/c_huawei_webhook_static"
run cpp_huawei_webhook_shared "$tmp/cpp_huawei_webhook_shared"
run c_watch_shared "$tmp/c_watch_shared"
run c_watch_static "$tmp/c_watch_static"
run cpp_watch_shared "$tmp/cpp_watch_shared"
run c_reach_shared "$tmp/c_reach_shared"
run c_reach_static "$tmp/c_reach_static"
run cpp_reach_shared "$tmp/cpp_reach_shared"
echo "== run under valgrind memcheck"
run c_shared_valgrind "$tmp/c_shared" valgrind
run cpp_shared_valgrind "$tmp/cpp_shared" valgrind
run c_static_valgrind "$tmp/c_static" valgrind
run c_meeting_shared_valgrind "$tmp/c_meeting_shared" valgrind
run c_lookup_shared_valgrind "$tmp/c_lookup_shared" valgrind
run cpp_lookup_shared_valgrind "$tmp/cpp_lookup_shared" valgrind
run c_webhook_shared_valgrind "$tmp/c_webhook_shared" valgrind
run cpp_webhook_shared_valgrind "$tmp/cpp_webhook_shared" valgrind
run c_huawei_webhook_shared_valgrind "$tmp/c_huawei_webhook_shared" valgrind
run cpp_huawei_webhook_shared_valgrind "$tmp/cpp_huawei_webhook_shared" valgrind
run c_watch_shared_valgrind "$tmp/c_watch_shared" valgrind
run cpp_watch_shared_valgrind "$tmp/cpp_watch_shared" valgrind
run c_reach_shared_valgrind "$tmp/c_reach_shared" valgrind
run cpp_reach_shared_valgrind "$tmp/cpp_reach_shared" valgrind

# ------------------------------------------------------------------ sanitizers

# AddressSanitizer + UndefinedBehaviorSanitizer (and LeakSanitizer, part of ASan) over the C and
# C++ suites. Only the C and C++ code is instrumented: libmeetctl.so is the ordinary debug build
# (Rust code has its own guarantees; instrumenting it would need a nightly -Zsanitizer build of the
# standard library). What this catches is on our side of the boundary: the C++ wrapper (strings
# built from NULL, buffers passed with the wrong length, use after free of borrowed text), the
# tests' own handling of what the library returns, and every leak of a handle or string the C
# side forgets to free (the library's allocations go through the intercepted malloc).
#
# ThreadSanitizer is left out. Built the same way over test_meetctl.c's two threaded cases, it
# reports about 20 "data races" per run, every one with both accesses inside libmeetctl.so (Rust's
# Arc/Mutex/channel hand-offs in std, the resolver's lookup thread, socket buffers): TSan cannot see the
# synchronisation of code it did not instrument, so all of them are false positives. Suppressing
# `called_from_lib:libmeetctl.so` makes it quiet, but then nothing but the test harness is checked.
# A meaningful TSan run needs the Rust side instrumented too (nightly, -Zsanitizer=thread with
# -Zbuild-std); the library's thread safety is exercised by the threaded cases under valgrind and
# by the Rust test suite instead.
san_started=$SECONDS
echo "== AddressSanitizer + UndefinedBehaviorSanitizer (C and C++ suites)"
san=(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
compile c_asan cc -std=c11 "${warn[@]}" "${san[@]}" -Iinclude tests/c/test_meetctl.c -o "$tmp/c_asan" \
  -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile c_meeting_asan cc -std=c11 "${warn[@]}" "${san[@]}" -Iinclude tests/c/test_meeting.c \
  -o "$tmp/c_meeting_asan" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile cpp_asan c++ -std=c++17 "${warn[@]}" "${san[@]}" -Iinclude tests/cpp/test_meetctl.cpp -o "$tmp/cpp_asan" \
  -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile c_lookup_asan cc -std=c11 "${warn[@]}" "${san[@]}" -Iinclude tests/c/test_lookup.c -o "$tmp/c_lookup_asan" \
  -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile cpp_lookup_asan c++ -std=c++17 "${warn[@]}" "${san[@]}" -Iinclude tests/cpp/test_lookup.cpp \
  -o "$tmp/cpp_lookup_asan" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile c_webhook_asan cc -std=c11 "${warn[@]}" "${san[@]}" -Iinclude tests/c/test_webhook.c \
  -o "$tmp/c_webhook_asan" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile cpp_webhook_asan c++ -std=c++17 "${warn[@]}" "${san[@]}" -Iinclude tests/cpp/test_webhook.cpp \
  -o "$tmp/cpp_webhook_asan" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile c_huawei_webhook_asan cc -std=c11 "${warn[@]}" "${san[@]}" -Iinclude tests/c/test_huawei_webhook.c \
  -o "$tmp/c_huawei_webhook_asan" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile cpp_huawei_webhook_asan c++ -std=c++17 "${warn[@]}" "${san[@]}" -Iinclude tests/cpp/test_huawei_webhook.cpp \
  -o "$tmp/cpp_huawei_webhook_asan" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile c_watch_asan cc -std=c11 "${warn[@]}" "${san[@]}" -Iinclude tests/c/test_watch.c \
  -o "$tmp/c_watch_asan" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile cpp_watch_asan c++ -std=c++17 "${warn[@]}" "${san[@]}" -Iinclude tests/cpp/test_watch.cpp \
  -o "$tmp/cpp_watch_asan" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile c_reach_asan cc -std=c11 "${warn[@]}" "${san[@]}" -Iinclude tests/c/test_reach.c -o "$tmp/c_reach_asan" \
  -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
compile cpp_reach_asan c++ -std=c++17 "${warn[@]}" "${san[@]}" -Iinclude tests/cpp/test_reach.cpp \
  -o "$tmp/cpp_reach_asan" -L"$libdir" -lmeetctl -pthread -Wl,-rpath,"$libdir"
run c_asan "$tmp/c_asan" sanitizers
run c_lookup_asan "$tmp/c_lookup_asan" sanitizers
run cpp_lookup_asan "$tmp/cpp_lookup_asan" sanitizers
run c_meeting_asan "$tmp/c_meeting_asan" sanitizers
run cpp_asan "$tmp/cpp_asan" sanitizers
run c_webhook_asan "$tmp/c_webhook_asan" sanitizers
run cpp_webhook_asan "$tmp/cpp_webhook_asan" sanitizers
run c_huawei_webhook_asan "$tmp/c_huawei_webhook_asan" sanitizers
run cpp_huawei_webhook_asan "$tmp/cpp_huawei_webhook_asan" sanitizers
run c_watch_asan "$tmp/c_watch_asan" sanitizers
run cpp_watch_asan "$tmp/cpp_watch_asan" sanitizers
run c_reach_asan "$tmp/c_reach_asan" sanitizers
run cpp_reach_asan "$tmp/cpp_reach_asan" sanitizers
echo "     sanitizers: $((SECONDS - san_started)) s"

# ------------------------------------------------------------------ the example

# example LABEL [valgrind]: examples/c/either_vendor against a fresh emulator; it must exit 0 and
# leave both meetings ended with only the host speaking (among those the vendor can control).
example() {
  local label=$1 mode=${2:-}
  local log="$tmp/$label.log" status=0
  [ -x "$tmp/either_vendor" ] || { fail "$label: not built"; return; }
  start_emulator
  if [ "$mode" = valgrind ]; then
    valgrind --tool=memcheck --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --suppressions=tests/valgrind.supp --log-file="$tmp/$label.valgrind" \
      "$tmp/either_vendor" "$emu_url" >"$log" 2>&1 || status=$?
  else
    "$tmp/either_vendor" "$emu_url" >"$log" 2>&1 || status=$?
  fi
  local verdict
  verdict=$(python3 - "$emu_url" <<'PY' 2>&1
import json, sys, urllib.request
state = json.load(urllib.request.urlopen(sys.argv[1] + "/_emulator/state"))
t = next(m for m in state["tencent"]["meetings"] if m["meeting_id"] == "1242152152161")
h = next(c for c in state["huawei"]["conferences"] if c["conference_id"] == "914083136")
# Tencent controls reach ms_open_ids on devices 1-8 only; waiting-room members are not in the meeting.
speaking_t = [p["userid"] for p in t["participants"] if not p["muted"] and not p["in_waiting_room"]
              and p["ms_open_id"] and 1 <= p["instanceid"] <= 8]
speaking_h = [p["participant_id"] for p in h["participants"] if not p["muted"] and not p["in_waiting_room"]]
problems = []
if not (t["ended"] and h["ended"]):
    problems.append("not both ended")
if speaking_t != ["alice"]:
    problems.append("Tencent: still speaking %s" % speaking_t)
if speaking_h != [h["host"]]:
    problems.append("Huawei: still speaking %s, host %s" % (speaking_h, h["host"]))
print("; ".join(problems) or "ok")
PY
  )
  stop_emulator
  if [ "$status" = 0 ] && [ "$verdict" = ok ]; then
    pass "$label: both meetings ended, only the hosts still speaking"
  else
    fail "$label (exit $status): $verdict"
    tail -n 20 "$log"
  fi
  if [ "$mode" = valgrind ]; then
    grep -E 'ERROR SUMMARY|definitely lost|indirectly lost' "$tmp/$label.valgrind" | sed 's/^==[0-9]*== */     /'
    if [ "$status" = 0 ] && grep -q 'ERROR SUMMARY: 0 errors' "$tmp/$label.valgrind"; then
      pass "$label: valgrind memcheck clean"
    else
      fail "$label: valgrind memcheck (exit $status)"
      # (|| true: head closing the pipe early is not a failure of the script)
      grep -A30 -E 'Invalid|uninitialised|lost in loss record' "$tmp/$label.valgrind" | head -80 || true
    fi
  fi
}

echo "== examples/c/either_vendor.c against the emulator"
example either_vendor
example either_vendor_valgrind valgrind

# ------------------------------------------------------------------ packaging

echo "== the prebuilt C package: pkg-config and CMake consumers"
package_name=libmeetctl-$version-linux-$(uname -m)-glibc2.17
if [ -n "${MEETCTL_DIST:-}" ]; then
  package=$MEETCTL_DIST/$package_name.tar.gz
elif scripts/package-c.sh "$tmp/dist" >"$tmp/package.log" 2>&1; then
  package=$tmp/dist/$package_name.tar.gz
else
  package=
  cat "$tmp/package.log"
fi
# Unpacked where nothing was ever built or installed: the package must find itself.
mkdir -p "$tmp/unpacked"
prefix="$tmp/unpacked/$package_name"
if [ -f "$package" ] && tar -C "$tmp/unpacked" -xzf "$package" && [ -f "$prefix/include/meetctl.h" ]; then
  pass "unpacked $(basename "$package")"
else
  fail "no prebuilt C package $package_name.tar.gz to unpack"
fi
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
if [ "$(pkg-config --modversion meetctl 2>/dev/null)" = "$version" ] &&
  # shellcheck disable=SC2046 # word splitting of pkg-config's flags is intended
  cc -std=c11 "${warn[@]}" $(pkg-config --cflags meetctl) tests/consumer/consumer.c -o "$tmp/consumer_pc" \
    $(pkg-config --libs meetctl) -Wl,-rpath,"$prefix/lib" 2>"$tmp/pc.log" &&
  "$tmp/consumer_pc" >>"$tmp/pc.log" 2>&1; then
  pass "pkg-config consumer ($(pkg-config --cflags --libs meetctl | xargs))"
else
  fail "pkg-config consumer"
  cat "$tmp/pc.log"
fi
if [ "$have_cmake" = 1 ]; then
  if cmake -S tests/consumer -B "$tmp/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_RULE_MESSAGES=OFF \
    >"$tmp/cmake.log" 2>&1 && cmake --build "$tmp/cmake" >>"$tmp/cmake.log" 2>&1 &&
    LD_LIBRARY_PATH="$prefix/lib" "$tmp/cmake/consumer_c" >>"$tmp/cmake.log" 2>&1 &&
    LD_LIBRARY_PATH="$prefix/lib" "$tmp/cmake/consumer_cpp" >>"$tmp/cmake.log" 2>&1 &&
    "$tmp/cmake/consumer_c_static" >>"$tmp/cmake.log" 2>&1; then
    pass "CMake find_package(meetctl) consumers (shared C, shared C++, static C)"
  else
    fail "CMake consumers"
    tail -n 40 "$tmp/cmake.log"
  fi
else
  skip "CMake consumers (cmake is not installed and could not be installed)"
fi

echo "== the installed emulator, started by a C test (tests/c/test_with_emulator.c)"
installed_emulator="$prefix/bin/meetctl-emulator"
pc_emulator=$(pkg-config --variable=emulator meetctl 2>/dev/null || true)
# The .pc finds the prefix from its own directory: the path may hold "lib/pkgconfig/../..".
if [ -x "$pc_emulator" ] && [ "$(realpath "$pc_emulator")" = "$installed_emulator" ]; then
  pass "pkg-config --variable=emulator meetctl is the installed emulator"
else
  fail "pkg-config --variable=emulator meetctl is '$pc_emulator', not the installed $installed_emulator"
fi
# shellcheck disable=SC2046 # word splitting of pkg-config's flags is intended
compile with_emulator_pc cc -std=c11 "${warn[@]}" $(pkg-config --cflags meetctl) tests/c/test_with_emulator.c \
  -o "$tmp/with_emulator_pc" $(pkg-config --libs meetctl) -Wl,-rpath,"$prefix/lib"
if [ -x "$tmp/with_emulator_pc" ]; then
  status=0
  "$tmp/with_emulator_pc" "$pc_emulator" </dev/null >"$tmp/with_emulator_pc.log" 2>&1 || status=$?
  cases with_emulator_pc "$tmp/with_emulator_pc.log" "$status"
  # A write to a connection the server has reset raises SIGPIPE unless it is a send/sendmsg with
  # MSG_NOSIGNAL, and SIGPIPE ends a C program that never chose to ignore it. So every write
  # the library makes on a TCP socket, over HTTP and HTTPS (rustls hands its records to the TCP layer),
  # must be one; the emulator's own writes (the processes that exec it) are not the library's.
  status=0
  strace -f -qq -yy -e trace=execve,clone,clone3,fork,vfork,write,writev,sendto,sendmsg \
    -o "$tmp/writes.strace" "$tmp/with_emulator_pc" "$pc_emulator" </dev/null >/dev/null 2>&1 || status=$?
  # The emulator: a process that exec'd meetctl-emulator, and every thread or process it starts.
  awk '/execve\("[^"]*meetctl-emulator"/ { emu[$1] = 1 }
       /(clone3?|v?fork)(\(| resumed>)/ && ($1 in emu) && match($0, /= [0-9]+$/) { emu[substr($0, RSTART + 2)] = 1 }
       /(write|writev|sendto|sendmsg)\([0-9]+<TCP/ && !($1 in emu) { print }' \
    "$tmp/writes.strace" >"$tmp/client_writes"
  if [ "$status" = 0 ] && grep -qE '(sendto|sendmsg)\(' "$tmp/client_writes" && ! grep -vq MSG_NOSIGNAL "$tmp/client_writes"; then
    pass "every socket write of the library is a send/sendmsg with MSG_NOSIGNAL ($(wc -l <"$tmp/client_writes") over HTTP and HTTPS)"
  else
    fail "socket writes that can raise SIGPIPE (or the traced run failed, status $status):"
    grep -v MSG_NOSIGNAL "$tmp/client_writes" | head -n 5 | cut -c1-200 || true
  fi
fi
if [ "$have_cmake" = 1 ]; then
  # Configuring fails unless find_package(meetctl) defines meetctl::emulator and
  # MEETCTL_EMULATOR_EXECUTABLE at the same file; CTest then runs the program with it.
  status=0
  { cmake -S tests/c/with_emulator -B "$tmp/cmake_emulator" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_RULE_MESSAGES=OFF && cmake --build "$tmp/cmake_emulator" &&
      (cd "$tmp/cmake_emulator" && LD_LIBRARY_PATH="$prefix/lib" ctest -V </dev/null); } \
    >"$tmp/cmake_emulator.log" 2>&1 || status=$?
  if grep -qF -- "-- meetctl emulator: $installed_emulator" "$tmp/cmake_emulator.log"; then
    pass "CMake: meetctl::emulator and MEETCTL_EMULATOR_EXECUTABLE are the installed emulator"
  else
    fail "CMake: meetctl::emulator / MEETCTL_EMULATOR_EXECUTABLE"
    tail -n 40 "$tmp/cmake_emulator.log"
  fi
  cases with_emulator_cmake "$tmp/cmake_emulator.log" "$status"
else
  skip "CMake test_with_emulator (cmake is not installed and could not be installed)"
fi

# ------------------------------------------------------------------ miri

# Miri (an interpreter that checks every pointer access against Rust's rules) over the FFI crate's
# unit tests of the pointer and slice helpers, the error accessors and the panic boundary: the
# unsafe code that turns C pointers and lengths into Rust references. The rest of the crate's unit
# tests make clients (TLS, sockets, ring's assembly), which Miri cannot run. Needs a nightly
# toolchain with the miri and rust-src components (`rustup toolchain install nightly --component
# miri rust-src`); `cargo miri setup` builds its sysroot once (crates.io access the first time).
echo "== miri (pointer helpers of meetctl-ffi)"
miri_started=$SECONDS
if ! cargo +nightly miri --version >/dev/null 2>&1; then
  skip "miri: no nightly toolchain with the miri component (rustup toolchain install nightly --component miri rust-src)"
elif ! cargo +nightly miri setup >"$tmp/miri-setup.log" 2>&1; then
  skip "miri: \`cargo +nightly miri setup\` failed (needs rust-src, and crates.io the first time)"
  tail -n 10 "$tmp/miri-setup.log"
elif cargo +nightly miri test --locked -p meetctl-ffi --lib -- ffi::tests error::tests panic::tests \
  >"$tmp/miri.log" 2>&1; then
  pass "miri: $(grep -E '^test result' "$tmp/miri.log" | tail -n1) ($((SECONDS - miri_started)) s)"
else
  fail "miri (undefined behaviour, or a failing test, in the pointer helpers)"
  tail -n 40 "$tmp/miri.log"
fi

# ------------------------------------------------------------------ summary

if [ "$skipped" -gt 0 ]; then
  echo "C/C++: $passed passed, $failed failed, $skipped skipped"
else
  echo "C/C++: $passed passed, $failed failed"
fi
[ "$failed" = 0 ]
