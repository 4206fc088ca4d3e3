#!/usr/bin/env bash
# Installs the Debian packages GoMeet's tests need: PostgreSQL and Redis servers
# (integration tests start their own on loopback), Chromium for the browser suite,
# ffmpeg for the recorder, coturn for TURN. Idempotent: installed packages are skipped.
set -euo pipefail

packages=(postgresql redis-server chromium ffmpeg coturn prometheus iproute2 util-linux python3-venv)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system deps: all present (${packages[*]})"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "system deps: missing ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "system deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The Debian packages start their own daemons; tests start private instances instead.
for svc in postgresql redis-server coturn prometheus; do
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now "$svc" >/dev/null 2>&1 || true; fi
  service "$svc" stop >/dev/null 2>&1 || true
done
echo "system deps: done"
