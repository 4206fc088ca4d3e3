#!/usr/bin/env bash
# Builds a real Kubernetes control plane for the tests from the Go module proxy:
# kube-apiserver, kube-controller-manager, kube-scheduler and kubectl (k8s.io/kubernetes),
# kine as the store (pure-Go SQLite) and kwok for fake nodes. Binaries are cached outside
# the repo by version (GOMEET_K8S_CACHE, default ~/.cache/gomeet-k8s/<version>) and never
# committed. Skipped when every binary is already there. Prints progress and the build time.
set -euo pipefail

k8s_version="${K8S_VERSION:-v1.36.3}"
kine_version="v0.17.5"
kwok_version="v0.7.0" # from v0.8.0 kwok needs explicit stage configs
bin="${GOMEET_K8S_CACHE:-$HOME/.cache/gomeet-k8s}/$k8s_version"
k8s_bins=(kube-apiserver kube-controller-manager kube-scheduler kubectl)

have_all() {
  for b in "${k8s_bins[@]}" kine kwok; do [ -x "$bin/$b" ] || return 1; done
}

if have_all; then
  echo "kubernetes $k8s_version: already built in $bin"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "kubernetes: Go is not installed, so the test control plane cannot be built (https://go.dev/dl/)" >&2
  exit 1
fi

started=$SECONDS
mkdir -p "$bin"
export CGO_ENABLED=0 GOFLAGS="-trimpath" GOTOOLCHAIN=local

missing_k8s=0
for b in "${k8s_bins[@]}"; do [ -x "$bin/$b" ] || missing_k8s=1; done
if [ "$missing_k8s" = 1 ]; then
  echo "kubernetes $k8s_version: building ${k8s_bins[*]} (about 5 minutes on 2 cores)..."
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # k8s.io/kubernetes points ~30 staging modules at ./staging: build it from a throwaway module
  # that pins each of them to the matching v0.x.y, with the same godebug line.
  gomod="$(go mod download -json "k8s.io/kubernetes@$k8s_version" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
  staging_version="v0.${k8s_version#v1.}"
  mapfile -t staging < <(awk '$2 == "v0.0.0" && $1 ~ /^k8s\.io\// { print $1 }' "$gomod" | sort -u)
  godebug="$(grep -E '^godebug ' "$gomod" || true)"
  {
    echo "module example.com/gomeet-k8s-build"
    echo
    echo "go $(go env GOVERSION | sed 's/^go//')"
    [ -n "$godebug" ] && echo "$godebug"
    echo
    echo "require k8s.io/kubernetes $k8s_version"
    echo
    echo "replace ("
    for m in "${staging[@]}"; do echo "	$m => $m $staging_version"; done
    echo ")"
  } >"$work/go.mod"
  cat >"$work/tools.go" <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO
  echo "kubernetes: ${#staging[@]} staging modules pinned to $staging_version; resolving modules..."
  (cd "$work" && go mod tidy -e >/dev/null 2>&1 || (cd "$work" && go mod tidy))
  for b in "${k8s_bins[@]}"; do
    if [ ! -x "$bin/$b" ]; then
      echo "kubernetes: building $b ($((SECONDS - started)) s so far)..."
      (cd "$work" && go build -o "$bin/$b" "k8s.io/kubernetes/cmd/$b")
    fi
  done
fi

if [ ! -x "$bin/kine" ]; then
  echo "kine $kine_version: building ($((SECONDS - started)) s so far)..."
  GOBIN="$bin" go install "github.com/k3s-io/kine@$kine_version"
fi
if [ ! -x "$bin/kwok" ]; then
  echo "kwok $kwok_version: building ($((SECONDS - started)) s so far)..."
  GOBIN="$bin" go install "sigs.k8s.io/kwok/cmd/kwok@$kwok_version"
fi

echo "kubernetes $k8s_version: control plane built in $bin in $((SECONDS - started)) s"
