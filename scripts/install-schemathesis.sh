#!/usr/bin/env bash
# Installs schemathesis (API fuzzing against /api/openapi.json) from PyPI into a cached virtual
# environment outside the repo (GOMEET_SCHEMATHESIS_CACHE, default
# ~/.cache/gomeet-tools/schemathesis-<version>) and prints the `st` binary's path on stdout.
# Progress goes to stderr. Skipped when that version is already installed.
# apps/server/test/fuzz.test.ts and bench/fuzz.ts run it.
set -euo pipefail

version="4.32.5"
dir="${GOMEET_SCHEMATHESIS_CACHE:-$HOME/.cache/gomeet-tools/schemathesis-$version}"
bin="$dir/bin/st"

if [ -x "$bin" ] && "$dir/bin/python" -c "import schemathesis, sys; sys.exit(schemathesis.__version__ != '$version')" 2>/dev/null; then
  echo "schemathesis $version: already installed in $dir" >&2
  echo "$bin"
  exit 0
fi

python=""
for candidate in python3.13 python3.12 python3.11 python3.10 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
    "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  echo "schemathesis: needs Python 3.10+ (apt-get install python3 python3-venv)" >&2
  exit 1
fi

started=$SECONDS
echo "schemathesis $version: creating a virtual environment in $dir with $($python --version)..." >&2
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
"$python" -m venv "$dir" >&2
echo "schemathesis $version: installing from PyPI (about a minute)..." >&2
"$dir/bin/python" -m pip install --quiet --disable-pip-version-check --progress-bar off \
  "schemathesis==$version" >&2
echo "schemathesis $version: installed in $((SECONDS - started)) s" >&2
echo "$bin"
