#!/usr/bin/env bash
# A throwaway PostgreSQL server for the registry sample (samples/ModelGen.Registry) and its tests.
#
#   bash scripts/postgres.sh run CMD ARGS...   start a server, run CMD with MODELGEN_POSTGRES set, stop and delete it
#   bash scripts/postgres.sh start             start one; prints the connection string (the last line of stdout)
#   bash scripts/postgres.sh stop              stop it and delete its data directory
#
# The server is Debian's `postgresql` package (installed with apt-get where missing, when running as root). It runs
# on a temporary data directory (initdb), listens on 127.0.0.1 only (port MODELGEN_POSTGRES_PORT, default 55432) and
# its Unix socket in that directory, as an unprivileged user: PostgreSQL refuses to run as root, so root runs it as
# the `postgres` user the package creates. Nothing outside the data directory is touched; `stop` removes it.
set -euo pipefail

port=${MODELGEN_POSTGRES_PORT:-55432}
base=${TMPDIR:-/tmp}/modelgen-postgres-$port
data=$base/data
log=$base/server.log

say() { echo "postgres.sh: $*" >&2; }

find_bin() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
    done
    return 1
}

ensure_installed() {
    if bin=$(find_bin); then return 0; fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "PostgreSQL is not installed: apt-get install -y postgresql"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq postgresql >&2 || { apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2; }
        bin=$(find_bin) || { say "apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb was found"; exit 1; }
    else
        say "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); install Debian's package as root: apt-get install -y postgresql"
        exit 1
    fi
}

# Runs a command as the server's user: root hands it to `postgres` (created by the Debian package), others run it as themselves.
as_server_user() {
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

connection_string() {
    echo "Host=127.0.0.1;Port=$port;Username=modelgen;Database=modelgen;Pooling=true;Maximum Pool Size=64"
}

start() {
    ensure_installed
    if [ -f "$data/postmaster.pid" ]; then say "a server is already running in $data: stop it first (bash scripts/postgres.sh stop)"; exit 1; fi
    rm -rf "$base"
    mkdir -p "$base"
    chmod 755 "$base"
    [ "$(id -u)" = 0 ] && { id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres; chown postgres "$base"; }
    # trust on loopback only: the server listens on 127.0.0.1 and its own socket directory, and lives for one run.
    as_server_user "$bin/initdb" -D "$data" -U modelgen --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 \
        || { cat "$base/initdb.log" >&2; say "initdb failed"; exit 1; }
    as_server_user "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $base -c max_connections=100 -c fsync=off -c synchronous_commit=on" start >&2 \
        || { cat "$log" >&2; say "the server did not start"; exit 1; }
    as_server_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U modelgen modelgen
    say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data: $data)"
    connection_string
}

stop() {
    if bin=$(find_bin) && [ -f "$data/postmaster.pid" ]; then
        as_server_user "$bin/pg_ctl" -D "$data" -m fast -w stop >&2 || say "pg_ctl stop failed"
    fi
    rm -rf "$base"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    run)
        shift
        [ $# -gt 0 ] || { say "usage: bash scripts/postgres.sh run CMD ARGS..."; exit 2; }
        trap stop EXIT
        MODELGEN_POSTGRES=$(start | tail -n 1)
        export MODELGEN_POSTGRES
        "$@"
        ;;
    *) say "usage: bash scripts/postgres.sh start | stop | run CMD ARGS..."; exit 2 ;;
esac
