#!/usr/bin/env bash
# health-check.sh — the runbook's entry point; a thin wrapper over `gomeet-ops health-check` (apps/ops).
# Usage and exit codes: docs/RUNBOOK.md (health-check)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
main="$here/../../apps/ops/dist/main.js"
if [ ! -f "$main" ]; then
  if ! log="$(cd "$here/../.." && npx tsc -b apps/ops 2>&1)"; then
    printf '%s\n' "$log" >&2
    echo "error: building apps/ops failed; fix the errors above, then run: npx tsc -b apps/ops" >&2
    exit 1
  fi
fi
exec node "$main" health-check "$@"
