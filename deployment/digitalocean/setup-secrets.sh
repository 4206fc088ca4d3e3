#!/usr/bin/env bash
# The runbook's setup-secrets.sh: a thin wrapper over `gomeet-ops setup-secrets` (apps/ops).
# Usage, output and exit codes: docs/RUNBOOK.md (setup-secrets).
exec "$(dirname "$0")/lib/run-ops.sh" setup-secrets "$@"
