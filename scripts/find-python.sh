#!/usr/bin/env bash
# Prints the path of a Python 3.12 interpreter that actually runs.
# The pyenv shim `python3.12` refuses to run while pyenv's global version is 3.11,
# so a candidate counts only if `--version` succeeds.
set -u
try() { [ -n "$1" ] && "$1" -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1 && echo "$1"; }
for cand in "${PYTHON312:-}" "$(command -v python3.12 2>/dev/null)"; do
  found=$(try "$cand") && { echo "$found"; exit 0; }
done
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for cand in $(ls -d "$root"/versions/3.12*/bin/python3.12 2>/dev/null | sort -V -r); do
    found=$(try "$cand") && { echo "$found"; exit 0; }
  done
fi
for cand in /usr/bin/python3.12 /usr/local/bin/python3.12; do
  found=$(try "$cand") && { echo "$found"; exit 0; }
done
echo "error: no working Python 3.12 found (tried PYTHON312, python3.12 on PATH, pyenv versions 3.12*)." >&2
echo "Install Python 3.12 or set PYTHON312=/path/to/python3.12." >&2
exit 1
