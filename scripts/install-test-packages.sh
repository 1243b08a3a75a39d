#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (PostgreSQL, Chromium, fonts, poppler, gettext, Pango for WeasyPrint).
# Only root can install; others get a clear message about what is missing.
set -euo pipefail
packages=(postgresql postgresql-contrib chromium fonts-liberation2 poppler-utils gettext libpangoft2-1.0-0)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "error: the test suite needs these Debian packages: ${missing[*]} (run 'make test' as root to install them)." >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
