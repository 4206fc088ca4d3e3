#!/usr/bin/env bash
# Installs the pinned Node.js 24 LTS from the npm registry's node-linux-<arch> package into a
# cache outside the repo (GOMEET_NODE_CACHE, default ~/.cache/gomeet-node/<version>) and prints
# the folder holding its `node`, for PATH. Skipped when that version is already there.
# Used by .ci/run when the machine's Node is older than 24; works for anyone on Linux.
set -euo pipefail

version="24.22.3"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node: no node-linux package for $(uname -m); install Node.js $version yourself" >&2; exit 1 ;;
esac
dir="${GOMEET_NODE_CACHE:-$HOME/.cache/gomeet-node}/v$version"
bin="$dir/node_modules/node-linux-$arch/bin"

if [ ! -x "$bin/node" ] || [ "$("$bin/node" --version)" != "v$version" ]; then
  echo "node $version: installing node-linux-$arch@$version into $dir" >&2
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock --ignore-scripts \
    "node-linux-$arch@$version" >&2
  # The package's own postinstall only relinks; the binary is already in bin/.
  chmod +x "$bin/node"
fi
echo "$bin"
