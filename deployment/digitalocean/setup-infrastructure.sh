#!/usr/bin/env bash
# The runbook's setup-infrastructure.sh: a thin wrapper over `gomeet-ops setup-infrastructure` (apps/ops).
# Usage, output and exit codes: docs/RUNBOOK.md (setup-infrastructure).
exec "$(dirname "$0")/lib/run-ops.sh" setup-infrastructure "$@"
