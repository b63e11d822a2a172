#!/usr/bin/env bash
# The benchmark (issue 7): installs what is missing, builds the release app for 74, 1 000 and
# 10 000 tasks plus the minimal Leptos reference page, measures bytes, load and interactions in
# headless Chromium (4x CPU slowdown, Slow 4G), and writes bench/out/results.{md,json}.
# It reports; it never fails on a number. Options go to bench/bench.mjs (e.g. --runs 7,
# --sizes 74, --no-build, --no-twiggy, --out DIR, --app-dist DIR, --strict). See bench/README.md.
# scripts/test.sh runs one short pass of it (1 run, 74 tasks) so it cannot break unnoticed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

bash scripts/setup.sh
if ! command -v twiggy >/dev/null 2>&1; then
  log "installing twiggy (wasm size profiler)"
  cargo install twiggy --locked
fi
exec node bench/bench.mjs "$@"
