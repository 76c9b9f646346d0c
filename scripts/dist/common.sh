# Sourced by scripts/build-wheels.sh and scripts/package-c.sh: the build tools for the
# distributions and small helpers. Expects `root` (the checkout) to be set.
#
# The tools, pinned (zig's and maturin's cross-compilation support moves between versions), are
# pip-installed from PyPI into a build virtual environment, target/dist-tools:
#   maturin         builds the wheels and the sdist (`--zig`: links with zig for an old glibc or musl)
#   ziglang         zig, the C compiler and linker for every target (no container, no sysroot)
#   cargo-zigbuild  `cargo zigbuild`, the same for the C library (libmeetctl) and the emulator binary
#   auditwheel      checks what a wheel links against
# Rust's standard library for each target comes from `rustup target add`.

MATURIN_VERSION=1.16.0
ZIGLANG_VERSION=0.17.1
CARGO_ZIGBUILD_VERSION=0.24.1
AUDITWHEEL_VERSION=6.8.2

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_PROGRESS_BAR=off
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

# The version of [workspace.package] in Cargo.toml.
workspace_version() {
  awk '/^\[workspace\.package\]/{s=1;next} /^\[/{s=0} s && $1=="version"{gsub(/"/,"",$3); print $3; exit}' \
    "$root/Cargo.toml"
}

# dist_tools: makes the build virtual environment (once) and puts its bin/ first on PATH, so that
# maturin, cargo-zigbuild and zig (`python -m ziglang`) are the pinned ones.
dist_tools() {
  local venv="$root/target/dist-tools" want have
  want="maturin==$MATURIN_VERSION ziglang==$ZIGLANG_VERSION cargo-zigbuild==$CARGO_ZIGBUILD_VERSION auditwheel==$AUDITWHEEL_VERSION"
  have=$(cat "$venv/.pinned" 2>/dev/null || true)
  if [ "$have" != "$want" ] || ! "$venv/bin/python" -c '' 2>/dev/null; then
    echo "== build tools from PyPI into $venv: $want"
    rm -rf "$venv"
    "${PYTHON:-python3}" -m venv "$venv"
    # shellcheck disable=SC2086 # one requirement a word
    "$venv/bin/python" -m pip install --quiet $want
    echo "$want" >"$venv/.pinned"
  fi
  export PATH="$venv/bin:$PATH"
  DIST_PYTHON="$venv/bin/python"
}

# rust_target TRIPLE: the standard library for TRIPLE, added with rustup when missing.
rust_target() {
  rustup target list --installed 2>/dev/null | grep -qx "$1" && return 0
  echo "== rustup target add $1"
  rustup target add "$1"
}

# elf_arch FILE: x86_64 or aarch64, from the ELF header.
elf_arch() {
  case "$(readelf -h "$1" 2>/dev/null | sed -n 's/^ *Machine: *//p')" in
    *X86-64*) echo x86_64 ;;
    *AArch64*) echo aarch64 ;;
    *) echo unknown ;;
  esac
}

# newest_glibc FILE: the newest GLIBC_x.y symbol version FILE needs ("none" when it needs none,
# as a static or musl binary).
newest_glibc() {
  local v
  v=$(objdump -T "$1" 2>/dev/null | grep -oE '\bGLIBC_[0-9]+(\.[0-9]+)+' | sed 's/^GLIBC_//' | sort -uV | tail -n1)
  echo "${v:-none}"
}

# version_le A B: A <= B as versions (2.17 <= 2.17, 2.9 <= 2.17).
version_le() {
  [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$1" ]
}

# human_size FILE
human_size() {
  numfmt --to=iec-i --suffix=B "$(stat -c %s "$1")"
}
