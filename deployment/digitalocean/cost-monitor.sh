#!/usr/bin/env bash
# The runbook's cost-monitor.sh: a thin wrapper over `gomeet-ops cost-monitor` (apps/ops).
# Usage, output and exit codes: docs/RUNBOOK.md (cost-monitor).
exec "$(dirname "$0")/lib/run-ops.sh" cost-monitor "$@"
