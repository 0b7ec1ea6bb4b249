#!/usr/bin/env bash
# A throwaway PostgreSQL server on localhost for newsprism's tests and trials; prints its database URL.
#
#   scripts/postgres.sh [start] [DATADIR] [PORT]   install PostgreSQL if missing (apt-get, as root), create a
#                                                  cluster in DATADIR, start it on PORT, create the database
#                                                  `newsprism`, print postgresql://postgres@localhost:PORT/newsprism
#   scripts/postgres.sh stop [DATADIR]             stop that server (the files stay; rm -rf DATADIR after)
#
# DATADIR defaults to /tmp/newsprism-postgres, PORT to 55432. Run as root, the server runs as the `postgres`
# user (PostgreSQL refuses root). Starting a server that already runs just prints its URL.
# Exit status 3: PostgreSQL is not installed and cannot be (no apt-get, or not root); the reason is on stderr.
set -euo pipefail

action=start
if [[ "${1:-}" == start || "${1:-}" == stop ]]; then action=$1; shift; fi
datadir=${1:-/tmp/newsprism-postgres}
port=${2:-55432}

say() { echo "postgres.sh: $*" >&2; }

find_bin() {
    # The folder holding initdb, pg_ctl and psql: the newest Debian/Ubuntu install, else the one on PATH.
    local debian
    debian=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -n "$debian" ]]; then echo "$debian"; return; fi
    if command -v initdb >/dev/null; then dirname "$(readlink -f "$(command -v initdb)")"; fi
}

bin=$(find_bin)
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    if [[ "$action" == stop ]]; then say "PostgreSQL is not installed"; exit 3; fi
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
        say "PostgreSQL is not installed and cannot be installed here (needs apt-get as root)"
        exit 3
    fi
    say "installing PostgreSQL (apt-get)"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2; then
        say "apt-get install postgresql failed"
        exit 3
    fi
    bin=$(find_bin)
fi

# As root, run the server's commands as `postgres`; otherwise as the caller.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [[ "$action" == stop ]]; then
    as_owner "$bin/pg_ctl" -D "$datadir" -m fast -w stop >&2
    exit 0
fi

if [[ ! -f "$datadir/PG_VERSION" ]]; then
    mkdir -p "$datadir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$datadir"; fi
    chmod 700 "$datadir"
    as_owner "$bin/initdb" -D "$datadir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_owner "$bin/pg_ctl" -D "$datadir" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -t 60 \
        -o "-p $port -k $datadir -c listen_addresses=localhost -c fsync=on" start >/dev/null
fi
if [[ -z $(as_owner "$bin/psql" -h localhost -p "$port" -U postgres -Atc \
        "SELECT 1 FROM pg_database WHERE datname = 'newsprism'") ]]; then
    as_owner "$bin/psql" -h localhost -p "$port" -U postgres -qc "CREATE DATABASE newsprism" >/dev/null
fi
echo "postgresql://postgres@localhost:$port/newsprism"
