#!/usr/bin/env bash
# The runbook's master-deploy.sh: a thin wrapper over `gomeet-ops master-deploy` (apps/ops).
# Usage, output and exit codes: docs/RUNBOOK.md (master-deploy).
exec "$(dirname "$0")/lib/run-ops.sh" master-deploy "$@"
