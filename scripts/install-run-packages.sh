#!/usr/bin/env bash
# Installs the Debian libraries `make run` needs at run time: Pango for WeasyPrint (printed forms).
# Without root it only warns: the platform runs, printing reports the missing libraries (check printing.W001).
set -uo pipefail
packages=(libpango-1.0-0 libpangoft2-1.0-0)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "warning: printing forms needs the Debian packages ${missing[*]}; install them as root." >&2
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "warning: could not install ${missing[*]}; printed forms will not work." >&2
