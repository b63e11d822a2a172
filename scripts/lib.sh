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

# "rustup" when the rustup toolchain has a wasm32 std, "debian" when Debian's rustc-web 1.96 must
# build std from source, "" when neither is set up yet.
wasm_mode() {
  if command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
    echo rustup
  elif [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library ] && /usr/bin/rustc --print target-list 2>/dev/null | grep -qx "$WASM_TARGET"; then
    echo debian
  else
    echo ""
  fi
}

# Runs a command with the environment that builds for wasm32 in the current mode.
with_wasm_env() {
  case "$(wasm_mode)" in
    rustup) "$@" ;;
    debian)
      # Debian's 1.96 must not be mixed with rustup's 1.95: /usr/bin comes first, and std is built
      # from source through environment variables so .cargo/config.toml stays portable.
      # Tests are built with panic=abort like the app (std is built once per flavour).
      PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
        CARGO_UNSTABLE_PANIC_ABORT_TESTS=true "$@" ;;
    *) die "no wasm32 toolchain: run scripts/setup.sh" ;;
  esac
}
