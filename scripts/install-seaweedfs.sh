#!/usr/bin/env bash
# Builds SeaweedFS (`weed`), the S3-compatible server the storage tests run against, from the Go
# module proxy. Its go.mod carries a replace directive, so `go install ...@version` is refused:
# build it from a throwaway module outside the repo that copies the directive. The binary is
# cached by version (GOMEET_TOOLS_CACHE, default ~/.cache/gomeet-tools/seaweedfs/<version>/weed)
# and never committed. Prints the binary's path on stdout; progress goes to stderr.
# `--path` only prints where the binary belongs (packages/testing's startS3Server looks there).
set -euo pipefail

version="v0.0.0-20261109003541-7506e5f91cd6"
bin="${GOMEET_TOOLS_CACHE:-$HOME/.cache/gomeet-tools}/seaweedfs/$version"
target="$bin/weed"

if [ "${1:-}" = "--path" ]; then
  echo "$target"
  exit 0
fi

if [ -x "$target" ]; then
  echo "seaweedfs $version: already built at $target" >&2
  echo "$target"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "seaweedfs: Go is not installed, so the test S3 server cannot be built (https://go.dev/dl/)" >&2
  exit 1
fi

started=$SECONDS
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/go.mod" <<MOD
module example.com/gomeet-weed-build

go $(go env GOVERSION | sed 's/^go//')

require github.com/seaweedfs/seaweedfs $version

replace github.com/tyler-smith/go-bip39 => github.com/cosmos/go-bip39 v1.0.0
MOD
cat >"$work/tools.go" <<'GO'
//go:build tools

package tools

import _ "github.com/seaweedfs/seaweedfs/weed"
GO
echo "seaweedfs $version: building weed (about 5 minutes on 2 cores)..." >&2
export CGO_ENABLED=0 GOFLAGS="-trimpath" GOTOOLCHAIN=local
(cd "$work" && go mod tidy >&2 && go build -o "$work/weed" github.com/seaweedfs/seaweedfs/weed)
mkdir -p "$bin"
mv -f "$work/weed" "$target"
echo "seaweedfs $version: built in $((SECONDS - started)) s at $target" >&2
echo "$target"
