#!/usr/bin/env bash
# A thin wrapper over `gomeet-ops loadtest` (apps/ops): meetings of media bots against --target URL.
# Usage and output: docs/RUNBOOK.md (loadtest) and docs/CAPACITY.md.
exec "$(dirname "$0")/lib/run-ops.sh" loadtest "$@"
