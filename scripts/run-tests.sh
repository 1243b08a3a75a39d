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
exit $?
