#!/usr/bin/env bash
# `npm start` runs this first: GoMeet needs Node.js 22 or newer (24 LTS recommended).
set -euo pipefail
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 22 ]; then
  cat >&2 <<MSG
GoMeet needs Node.js 24 LTS (22 is the oldest supported); this is Node $(node --version).
  Install Node 24 from https://nodejs.org, or on Linux: export PATH="\$(bash scripts/install-node.sh):\$PATH"
MSG
  exit 1
fi
