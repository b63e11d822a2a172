# Shared shell settings for the project scripts. Source it; it only sets variables and functions.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# One target dir for every build of every checkout on this machine, so a fresh clone (CI) reuses
# the compiled std and dependencies instead of spending ~8 minutes on them again.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/qingdan/target}"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver || echo /usr/bin/chromedriver)}"
export CHROME_BIN="${CHROME_BIN:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || echo /usr/bin/chromium)}"

TRUNK_VERSION="0.21.14"
WASM_TARGET="wasm32-unknown-unknown"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen version the app links against; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# Which toolchain builds for wasm32. std is always built from source (the size levers below need
# it, and it keeps the shipped bytes independent of how a machine got its toolchain):
#   "debian": Debian's rustc-web 1.96 with its std source (rust-web-src) and rust-lld; preferred
#             wherever it is installed, so every Debian machine and CI ship the same bytes;
#   "rustup": rustup's toolchain with its `rust-src` component (a laptop without apt);
#   "":       neither is set up yet.
wasm_mode() {
  if [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library ] \
     && /usr/bin/rustc --print target-list 2>/dev/null | grep -qx "$WASM_TARGET"; then
    echo debian
  elif command -v rustup >/dev/null 2>&1 \
     && [ -d "$(rustc --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library" ]; then
    echo rustup
  else
    echo ""
  fi
}

# Runs a command with the environment that builds for wasm32 (std from source) in the current mode.
# Tests are built with panic=abort like the app (std is built once per flavour).
with_wasm_env() {
  local std=(RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_PANIC_ABORT_TESTS=true)
  case "$(wasm_mode)" in
    # Debian's 1.96 must not be mixed with rustup's cargo/rustc: /usr/bin comes first.
    debian) env PATH="/usr/bin:$PATH" "${std[@]}" "$@" ;;
    rustup) env "${std[@]}" "$@" ;;
    *) die "no wasm32 toolchain: run scripts/setup.sh" ;;
  esac
}

# The size levers of the shipped release build (measured in README "Performance"): std built for
# size, no panic location strings, no Debug formatting, panics abort at once (no message code), and
# Leptos' type-erased components. Only the release app and the benchmark's reference page use them:
# tests keep panic messages and Debug output. Set as the target's RUSTFLAGS, which replace
# `.cargo/config.toml`'s, so `-C target-cpu=mvp` is repeated here.
RELEASE_WASM_RUSTFLAGS="-C target-cpu=mvp -Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort --cfg erase_components"
with_release_env() {
  with_wasm_env env CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$RELEASE_WASM_RUSTFLAGS" "$@"
}
