#!/usr/bin/env bash
# The runbook's rolling-update.sh: a thin wrapper over `gomeet-ops rolling-update` (apps/ops).
# Usage, output and exit codes: docs/RUNBOOK.md (rolling-update).
exec "$(dirname "$0")/lib/run-ops.sh" rolling-update "$@"
