#!/usr/bin/env bash
# The runbook's health-check.sh: a thin wrapper over `gomeet-ops health-check` (apps/ops).
# Usage, output and exit codes: docs/RUNBOOK.md (health-check).
exec "$(dirname "$0")/lib/run-ops.sh" health-check "$@"
