#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for benchmarks (same settings as scripts/run-tests.sh) and prints what to export.
#
#   scripts/bench-db.sh start        -> prints "export DATABASE_URL=…" and the data directory
#   scripts/bench-db.sh stop DATADIR -> stops that server and deletes its data
#
# The server keeps running after this script exits, so generate and bench can run against it one after the other.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | grep -m1 '/15/' || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || { echo "error: PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }
as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)

case "${1:-}" in
  start)
    datadir=$(mktemp -d /tmp/cqs-bench-pg.XXXXXX)
    port=$("$here/.venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$datadir"
    "${as_pg[@]}" "$pgbin/initdb" -D "$datadir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
      --locale-provider=icu --icu-locale=vi-VN >"$datadir.initdb.log" 2>&1 \
      || { cat "$datadir.initdb.log" >&2; exit 1; }
    # A bulk load of ~10 million rows: larger WAL segments between checkpoints, more memory for index builds.
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w \
      -o "-p $port -k $datadir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
          -c full_page_writes=off -c max_connections=100 -c max_wal_size=4GB -c shared_buffers=512MB \
          -c maintenance_work_mem=256MB" \
      start >/dev/null || { cat "$datadir/server.log" >&2; exit 1; }
    "${as_pg[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U postgres chinhquyenso
    rm -f "$datadir.initdb.log"
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/chinhquyenso"
    echo "# stop with: scripts/bench-db.sh stop $datadir"
    ;;
  stop)
    datadir=${2:?usage: bench-db.sh stop DATADIR}
    case "$datadir" in /tmp/cqs-bench-pg.*) ;; *) echo "error: not a bench data directory: $datadir" >&2; exit 1 ;; esac
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$datadir" -m fast -w stop >/dev/null || true
    rm -rf "$datadir"
    ;;
  *)
    echo "usage: scripts/bench-db.sh start | stop DATADIR" >&2
    exit 2
    ;;
esac
