#!/usr/bin/env bash
# Builds apps/web into apps/web/dist unless the build is newer than every source it comes from.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
stamp="apps/web/dist/index.html"
if [ -f "$stamp" ] && [ -z "$(find apps/web/src apps/web/index.html apps/web/vite.config.ts apps/web/package.json packages/protocol/src -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  exit 0
fi
echo "building the web app..."
npm run build --silent -w @gomeet/web
