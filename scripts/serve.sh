#!/usr/bin/env bash
# Installs what is missing, builds the release app and serves it on http://127.0.0.1:8080,
# rebuilding when a source file changes.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
bash scripts/setup.sh
log "serving on http://127.0.0.1:8080 (release build; the first one takes several minutes)"
with_release_env trunk serve --release --address 127.0.0.1 --port 8080
