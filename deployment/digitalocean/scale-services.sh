#!/usr/bin/env bash
# The runbook's scale-services.sh: a thin wrapper over `gomeet-ops scale-services` (apps/ops).
# Usage, output and exit codes: docs/RUNBOOK.md (scale-services).
exec "$(dirname "$0")/lib/run-ops.sh" scale-services "$@"
