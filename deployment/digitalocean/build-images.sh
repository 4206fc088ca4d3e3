#!/usr/bin/env bash
# The runbook's build-images.sh: a thin wrapper over `gomeet-ops build-images` (apps/ops).
# Usage, output and exit codes: docs/RUNBOOK.md (build-images).
exec "$(dirname "$0")/lib/run-ops.sh" build-images "$@"
