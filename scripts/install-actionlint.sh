#!/usr/bin/env bash
# Builds actionlint (the GitHub Actions workflow linter) from the Go module proxy into a cache
# outside the repo (GOMEET_ACTIONLINT_CACHE, default ~/.cache/gomeet-tools/actionlint-<version>)
# and prints the binary's path on stdout. Skipped when that version is already there.
# deployment/test/workflows.test.ts runs it on .github/workflows.
set -euo pipefail

version="v1.7.12"
dir="${GOMEET_ACTIONLINT_CACHE:-$HOME/.cache/gomeet-tools/actionlint-$version}"
bin="$dir/actionlint"

if [ -x "$bin" ] && "$bin" -version 2>/dev/null | head -n 1 | grep -qx "$version"; then
  echo "actionlint $version: already built in $dir" >&2
  echo "$bin"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "actionlint: Go is not installed, so actionlint cannot be built (https://go.dev/dl/)" >&2
  exit 1
fi

started=$SECONDS
echo "actionlint $version: building into $dir (about a minute on 2 cores)..." >&2
mkdir -p "$dir"
CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS="-trimpath" GOBIN="$dir" \
  go install "github.com/rhysd/actionlint/cmd/actionlint@$version" >&2
echo "actionlint $version: built in $((SECONDS - started)) s" >&2
echo "$bin"
