#!/usr/bin/env bash
# The runbook's backup-restore.sh: a thin wrapper over `gomeet-ops backup-restore` (apps/ops).
# Usage, output and exit codes: docs/RUNBOOK.md (backup-restore).
exec "$(dirname "$0")/lib/run-ops.sh" backup-restore "$@"
