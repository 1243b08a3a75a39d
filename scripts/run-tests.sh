#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on a free loopback port, runs the whole suite on it, and always stops it.
# The exit code is the suite's.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | grep -m1 '/15/' || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || { echo "error: PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }

datadir=$(mktemp -d /tmp/cqs-pg.XXXXXX)
port=$("$here/.venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$datadir"
  as_pg=(runuser -u postgres --)
fi

"${as_pg[@]}" "$pgbin/initdb" -D "$datadir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
  --locale-provider=icu --icu-locale=vi-VN >"$datadir.initdb.log" 2>&1 \
  || { cat "$datadir.initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w \
  -o "-p $port -k $datadir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
  start >/dev/null || { cat "$datadir/server.log" >&2; exit 1; }
pid=$(head -1 "$datadir/postmaster.pid")

stop_server() {
  kill -INT "$pid" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -rf "$datadir" "$datadir.initdb.log"
}
trap stop_server EXIT

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/chinhquyenso"
export CQS_PROFILE=test
cd "$here"
.venv/bin/pytest -n 2 "$@"
status=$?
# The deadline engine's hot path runs compiled by mypyc when built: its pure-Python source must pass the same
# tests. Done when the run covers tests/workcal: no path given (the whole suite), or a path under it.
covers_workcal=yes
for arg in "$@"; do
  case $arg in
    -*) ;;
    tests/workcal*) covers_workcal=yes; break ;;
    *) covers_workcal=no ;;
  esac
done
compiled=$(.venv/bin/python -c 'from chinhquyenso.workcal import daytables; print(daytables.IMPLEMENTATION)')
if [ "$status" -eq 0 ] && [ "$compiled" = mypyc ] && [ "$covers_workcal" = yes ]; then
  echo "tests/workcal again with the pure-Python engine (CQS_WORKCAL_PURE=1):"
  CQS_WORKCAL_PURE=1 .venv/bin/pytest -n 2 -q tests/workcal
  status=$?
fi
exit $status
