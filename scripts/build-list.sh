#!/usr/bin/env bash
# Builds the release app with another list built in, and smoke-tests that build:
#
#   bash scripts/build-list.sh SOURCE.txt [OUT_DIR]      # OUT_DIR defaults to dist/
#
# SOURCE is a task table in the source document's format (src/source/parser.rs describes it), e.g.
# the district's 2023 list. The script installs what is missing (scripts/setup.sh), turns SOURCE
# into a dataset JSON with the data generator (kept under the target dir; src/data/ is never
# touched), builds the release app embedding it (QINGDAN_DATASET, see build.rs: the pinyin
# readings, the pre-render, the pages' titles and the manifest all follow the list), and runs
# tests/e2e/deployment.test.mjs against OUT_DIR with that list. OUT_DIR is then ready to upload
# like dist/ (README, "Deploy").
#
# Command B builds its release dist through this script with the default source, so it cannot
# break unnoticed; the same list as src/data/qingpu-2022.json is built exactly as a plain
# `trunk build --release` would (no QINGDAN_DATASET, so nothing is recompiled for it).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { echo "usage: bash scripts/build-list.sh SOURCE.txt [OUT_DIR]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
case "$1" in -h | --help) usage ;; esac
[ -f "$1" ] || die "no source file $1"
SOURCE="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
OUT="${2:-$ROOT/dist}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
# Trunk empties the output folder: refuse one that holds anything but an earlier build.
case "$OUT" in "$ROOT" | "${HOME:-}" | /) die "refusing to build into $OUT" ;; esac
if [ -n "$(ls -A "$OUT")" ] && ! [ -f "$OUT/index.html" ]; then
  die "$OUT is not empty and holds no earlier build: pick an empty or new folder"
fi
START=$SECONDS
cd "$ROOT"

bash scripts/setup.sh

DEFAULT_JSON="$ROOT/src/data/qingpu-2022.json"
LISTS="$CARGO_TARGET_DIR/qingdan-lists"
mkdir -p "$LISTS"
# One file per source name: building the same list again finds the same QINGDAN_DATASET and
# rebuilds nothing that did not change.
JSON="$LISTS/$(basename "${SOURCE%.*}").json"
log "data: $SOURCE -> $JSON"
cargo run --quiet --locked --bin datagen -- "$SOURCE" "$JSON"

if cmp -s "$JSON" "$DEFAULT_JSON"; then
  log "the source is the default list: a plain release build"
  DATASET=""
  TEST_DATASET="$DEFAULT_JSON"
else
  DATASET="$JSON"
  TEST_DATASET="$JSON"
fi
TITLE="$(node -e 'const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`${m.meta.title} (${m.tasks.length} tasks, ${m.meta.id})`)' "$TEST_DATASET")"

log "release build of $TITLE -> $OUT"
# Unset rather than empty for the default list: Cargo tells the two apart and would rebuild.
if [ -n "$DATASET" ]; then export QINGDAN_DATASET="$DATASET"; else unset QINGDAN_DATASET; fi
with_release_env trunk build --release --dist "$OUT"

log "smoke test of $OUT with $TITLE"
QINGDAN_DATASET="$TEST_DATASET" QINGDAN_DIST="$OUT" \
  node --test --test-concurrency=1 --test-reporter=spec tests/e2e/deployment.test.mjs

log "built and tested in $((SECONDS - START)) s: $OUT embeds $TITLE"
