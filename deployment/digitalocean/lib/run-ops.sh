#!/usr/bin/env bash
# Runs `gomeet-ops <command> [args…]` from apps/ops, building it first when it is missing or
# older than its sources (tsc -b is incremental). The runbook's scripts are thin wrappers over this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
main="$root/apps/ops/dist/main.js"
stamp="$root/apps/ops/dist/.tsbuildinfo"
if [ ! -f "$main" ] || [ ! -f "$stamp" ] || [ -n "$(find "$root/apps/ops/src" -name '*.ts' -newer "$stamp" -print -quit)" ]; then
  if ! log="$(cd "$root" && npx tsc -b apps/ops 2>&1)" && [ ! -f "$main" ]; then
    printf '%s\n' "$log" >&2
    echo "error: building apps/ops failed; fix the errors above, then run: npx tsc -b apps/ops" >&2
    exit 3
  fi
fi
exec node "$main" "$@"
