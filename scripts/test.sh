#!/usr/bin/env bash
# Installs what is missing, then runs every check and test layer: formatting and lints, native
# tests, in-browser wasm tests in headless Chromium, and the end-to-end suite against the release
# build. Exits non-zero on the first failure; ends with the number of tests per layer.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

bash scripts/setup.sh

LOGS="$CARGO_TARGET_DIR/qingdan-test-logs"
mkdir -p "$LOGS"
# Sums the "N passed" of every `test result:` line cargo printed.
count_cargo() { grep -E '^test result:' "$1" | sed -E 's/.* ([0-9]+) passed.*/\1/' | awk '{s+=$1} END {print s+0}'; }

log "format and lints"
cargo fmt --all --check
cargo clippy --all-targets --locked -- -D warnings
# Native-only test files (proptest, file fixtures) are not built for wasm; the web_* tests are.
# Each wasm build flavour (release app, lint check, tests) gets its own target dir: with std built
# from source, two flavours of `core` side by side in one deps folder make rustc fail with
# "duplicate lang item".
with_wasm_env cargo clippy --locked --target "$WASM_TARGET" --target-dir "$CARGO_TARGET_DIR/wasm-clippy" \
  --lib --bins --test 'web_*' -- -D warnings

log "data: the committed JSON is what the generator makes of the committed source"
cargo run --quiet --locked --bin datagen -- --check

log "native tests"
cargo test --locked 2>&1 | tee "$LOGS/native.log"
NATIVE=$(count_cargo "$LOGS/native.log")

# The release dist of the default list, built through the command that deploys another list
# (README, "Deploying another list"), so that command cannot break unnoticed: for the default
# source it is a plain `trunk build --release`, then its smoke test (tests/e2e/deployment.test.mjs).
log "release build (trunk, wasm-opt 132) through scripts/build-list.sh"
bash scripts/build-list.sh data/000_6daa0d8ba64a921b.txt dist

log "in-browser tests (wasm-bindgen-test in headless Chromium)"
with_wasm_env cargo test --locked --release --target "$WASM_TARGET" --target-dir "$CARGO_TARGET_DIR/wasm-test" \
  --test 'web_*' 2>&1 | tee "$LOGS/wasm.log"
WASM=$(count_cargo "$LOGS/wasm.log")
[ "$WASM" -gt 0 ] || die "no in-browser test ran"

log "end-to-end tests (release dist in headless Chromium; the key journeys also in Firefox ESR and WebKitGTK)"
node --test --test-concurrency=1 --test-reporter=spec tests/e2e/ 2>&1 | tee "$LOGS/e2e.log"
E2E=$(grep -E '^ℹ pass ' "$LOGS/e2e.log" | awk '{print $3}')
E2E_FAIL=$(grep -E '^ℹ fail ' "$LOGS/e2e.log" | awk '{print $3}')
[ "${E2E_FAIL:-1}" = 0 ] || die "end-to-end failures: ${E2E_FAIL:-unknown}"
[ "${E2E:-0}" -gt 0 ] || die "no end-to-end test ran"

# One short pass of the benchmark (bench/README.md) against the dist tested above, so it cannot
# break unnoticed: builds the reference page, measures once. The numbers are printed, not judged;
# it fails only when something could not be built or measured (--strict), never on a slow figure.
log "benchmark, one short pass (1 run, 74 tasks; numbers not judged)"
node bench/bench.mjs --runs 1 --sizes 74 --no-twiggy --no-lighthouse --strict --app-dist dist --out "$LOGS/bench"

echo
echo "tests per layer: native $NATIVE, wasm-in-browser $WASM, end-to-end $E2E"
echo "total: $((NATIVE + WASM + E2E)) passed, 0 failed"
