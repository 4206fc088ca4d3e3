#!/usr/bin/env bash
# Runbook entry point: gomeet-ops backup-restore (see docs/RUNBOOK.md (backup-restore)).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
# Build when missing or older than its sources (tsc -b is incremental, quiet here).
main="$root/apps/ops/dist/main.js"
stamp="$root/apps/ops/dist/.tsbuildinfo"
if [ ! -f "$main" ] || [ ! -f "$stamp" ] || [ -n "$(find "$root/apps/ops/src" -name '*.ts' -newer "$stamp" -print -quit)" ]; then
  (cd "$root" && npx tsc -b apps/ops >/dev/null 2>&1) || [ -f "$main" ] || { echo "error: building apps/ops failed: run npx tsc -b apps/ops" >&2; exit 3; }
fi
exec node "$main" backup-restore "$@"
