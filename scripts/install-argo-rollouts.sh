#!/usr/bin/env bash
# Builds the Argo Rollouts controller (rollouts-controller) for the tests from the Go module proxy.
# `go install …@v1.10.1` is refused because its go.mod has replace directives, so this builds it
# from a throwaway module that requires github.com/argoproj/argo-rollouts and copies that whole
# replace block (every entry points at a module version). Cached outside the repo by version
# (GOMEET_K8S_CACHE, default ~/.cache/gomeet-k8s/argo-rollouts-<version>); skipped when present.
# Prints progress and the build time. About 2.5 minutes on 2 cores.
set -euo pipefail

version="${ARGO_ROLLOUTS_VERSION:-v1.10.1}" # v1.10.2 and v1.9.3 need a newer Go than 1.26
bin="${GOMEET_K8S_CACHE:-$HOME/.cache/gomeet-k8s}/argo-rollouts-$version"
module="github.com/argoproj/argo-rollouts"

if [ -x "$bin/rollouts-controller" ]; then
  echo "argo-rollouts $version: already built in $bin"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "argo-rollouts: Go is not installed, so the controller cannot be built (https://go.dev/dl/)" >&2
  exit 1
fi

started=$SECONDS
mkdir -p "$bin"
export CGO_ENABLED=0 GOFLAGS="-trimpath" GOTOOLCHAIN=local
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "argo-rollouts $version: reading its go.mod..."
gomod="$(go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
# The replace block, whether written as `replace ( … )` or as single `replace a => b v` lines.
replaces="$(awk '
  /^replace[[:space:]]*\($/ { inblock = 1; next }
  inblock && /^\)/ { inblock = 0; next }
  inblock { print; next }
  /^replace[[:space:]]/ { sub(/^replace[[:space:]]+/, ""); print }
' "$gomod")"
if printf '%s\n' "$replaces" | grep -E '=>[[:space:]]*\.' >/dev/null; then
  echo "argo-rollouts $version: its go.mod replaces a module with a local path; cannot build it this way" >&2
  exit 1
fi
{
  echo "module example.com/gomeet-argo-rollouts-build"
  echo
  echo "go $(go env GOVERSION | sed 's/^go//')"
  echo
  echo "require $module $version"
  echo
  echo "replace ("
  printf '%s\n' "$replaces"
  echo ")"
} >"$work/go.mod"
cat >"$work/tools.go" <<'GO'
//go:build tools

package tools

import _ "github.com/argoproj/argo-rollouts/cmd/rollouts-controller"
GO
echo "argo-rollouts: $(printf '%s\n' "$replaces" | grep -c '=>') replace entries copied; resolving modules..."
(cd "$work" && go mod tidy)
echo "argo-rollouts: building rollouts-controller ($((SECONDS - started)) s so far)..."
(cd "$work" && go build -o "$bin/rollouts-controller.tmp" "$module/cmd/rollouts-controller")
mv "$bin/rollouts-controller.tmp" "$bin/rollouts-controller"
echo "argo-rollouts $version: rollouts-controller built in $bin in $((SECONDS - started)) s"
