#!/usr/bin/env bash
# Builds the pinned LiveKit server into .bin/livekit-server with `go install`.
# Skipped when the right version is already there. Users without Go can instead
# download LiveKit's release binary to .bin/livekit-server, or point LIVEKIT_URL
# (with LIVEKIT_API_KEY / LIVEKIT_API_SECRET) at a LiveKit server they already run.
set -euo pipefail

version="v1.13.5"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.bin"
target="$bin/livekit-server"
stamp="$bin/livekit-server.version"

if [ -x "$target" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
  echo "livekit-server $version: already installed at .bin/livekit-server"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
livekit-server: Go is not installed, so LiveKit $version cannot be built here.
  Either install Go (https://go.dev/dl/) and run: npm run install:livekit
  or put LiveKit's release binary ($version) at .bin/livekit-server,
  or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET to use a LiveKit server you run.
MSG
  exit 1
fi

mkdir -p "$bin"
echo "livekit-server $version: building with go install (a few minutes the first time)..."
GOBIN="$bin" CGO_ENABLED=0 GOFLAGS="-trimpath" go install "github.com/livekit/livekit-server/cmd/server@$version"
mv -f "$bin/server" "$target"
echo "$version" > "$stamp"
echo "livekit-server $version: installed at .bin/livekit-server"
