#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test 清单, each tool only if it is not there yet,
# each from the package registries (crates.io, npm, Debian). Safe to run again: a second run takes seconds.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "missing $*; install it with your system's package manager"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -z "$APT_UPDATED" ]; then $sudo apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# --- Rust for the host (native tests, the data generator, cargo install) ---------------------------
if ! command -v cargo >/dev/null 2>&1; then
  log "installing Debian's Rust (no cargo found)"
  apt_install rustc-web cargo-web
  export PATH="/usr/bin:$PATH"
fi
if command -v rustup >/dev/null 2>&1; then
  for c in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c" || true
  done
fi

# --- Rust for wasm32 ---------------------------------------------------------------------------------
# std is built from source for wasm32 (see scripts/lib.sh): Debian's rustc-web 1.96 with its std source
# wherever apt can install it, so every such machine ships the same bytes; otherwise rustup's toolchain
# with its rust-src component.
if [ -z "$(wasm_mode)" ] || { [ "$(wasm_mode)" = rustup ] && command -v apt-get >/dev/null 2>&1; }; then
  if command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's Rust 1.96 with the std source for wasm32"
    apt_install rustc-web cargo-web rust-web-src rust-web-clippy lld-22
  elif command -v rustup >/dev/null 2>&1; then
    log "adding rustup's rust-src component for wasm32"
    rustup component add rust-src
  fi
fi
MODE="$(wasm_mode)"
[ -n "$MODE" ] || die "no usable wasm32 toolchain (need Debian's rustc-web + rust-web-src, or rustup with rust-src)"
if [ "$MODE" = debian ] && ! [ -x /usr/bin/clippy-driver ]; then apt_install rust-web-clippy; fi
if [ "$MODE" = debian ] && ! command -v rust-lld >/dev/null 2>&1; then apt_install lld-22; fi
if [ "$MODE" = rustup ]; then
  # Trunk builds with --offline: std's own dependencies must already be in the local registry.
  RUSTC_BOOTSTRAP=1 cargo fetch --manifest-path "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml" >/dev/null
fi
log "wasm toolchain: $MODE"

# --- Trunk and wasm-bindgen-cli (built with the host cargo) ----------------------------------------
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about 12 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
WBG="$(wasm_bindgen_version)"
[ -n "$WBG" ] || die "wasm-bindgen not found in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG" ]; then
  log "installing wasm-bindgen-cli $WBG"
  cargo install wasm-bindgen-cli --version "$WBG" --locked || cargo install wasm-bindgen-cli --version "$WBG" --force
fi

# --- Node tools: wasm-opt 132 (binaryen), playwright-core and puppeteer-core ----------------------
if ! command -v npm >/dev/null 2>&1; then apt_install nodejs npm; fi
if ! [ -x "$ROOT/node_modules/.bin/wasm-opt" ] || ! [ -d "$ROOT/node_modules/playwright-core" ] \
   || ! [ -d "$ROOT/node_modules/puppeteer-core" ] \
   || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  log "installing npm packages (binaryen 132, playwright-core, puppeteer-core)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
fi
[ "$(wasm-opt --version)" = "wasm-opt version 132 (version_132)" ] || die "wasm-opt is not version 132"

# --- Chromium and chromedriver for the browser tests ------------------------------------------------
if ! [ -x "$CHROME_BIN" ] || ! [ -x "$CHROMEDRIVER" ]; then
  log "installing Chromium and chromedriver"
  apt_install chromium chromium-driver
fi
# Firefox ESR (driven by puppeteer-core over WebDriver BiDi), WebKitGTK's WebKitWebDriver with its
# MiniBrowser, and Xvfb for MiniBrowser's display: the cross-engine journeys (tests/e2e/engines.test.mjs).
MISSING_ENGINES=()
command -v firefox-esr >/dev/null 2>&1 || MISSING_ENGINES+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || MISSING_ENGINES+=(webkit2gtk-driver)
command -v Xvfb >/dev/null 2>&1 || MISSING_ENGINES+=(xvfb)
if [ "${#MISSING_ENGINES[@]}" -gt 0 ]; then
  log "installing ${MISSING_ENGINES[*]} for the Firefox and WebKit tests"
  apt_install "${MISSING_ENGINES[@]}"
fi
# zbarimg, which reads the share page's QR code back from a screenshot (tests/e2e/share.test.mjs).
if ! command -v zbarimg >/dev/null 2>&1; then
  log "installing zbar-tools for the QR code test"
  apt_install zbar-tools
fi
# A Chinese font, so the screenshots the tests take show text rather than empty boxes.
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ] && command -v apt-get >/dev/null 2>&1; then
  log "installing a Chinese font for screenshots"
  apt_install fonts-wqy-microhei
fi
log "set-up complete"
