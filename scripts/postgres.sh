#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server on loopback for the project's tests.
#
#   scripts/postgres.sh install               install the server binaries if missing (apt-get, needs root)
#   scripts/postgres.sh start DIR PORT PWFILE initdb DIR (if empty) and start a server on 127.0.0.1:PORT;
#                                             superuser "postgres" with the password in PWFILE
#   scripts/postgres.sh stop DIR              stop the server of DIR (fast shutdown)
#   scripts/postgres.sh bindir                print the server binaries' folder
#
# PostgreSQL refuses to run as root: as root the server runs as the system
# user "postgres" (created by the Debian package) and DIR is chowned to it.
# The socket lives in DIR, so nothing outside DIR is touched.
set -euo pipefail

PG_VERSION="${MQL_PG_VERSION:-15}"

bindir() {
    local dir
    for dir in "/usr/lib/postgresql/${PG_VERSION}/bin" /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

install() {
    if bindir >/dev/null; then
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        echo "postgres.sh: PostgreSQL server binaries are missing and installing them needs root:" >&2
        echo "    sudo apt-get install -y postgresql-${PG_VERSION}" >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null; then
        echo "postgres.sh: PostgreSQL ${PG_VERSION} server binaries are missing and apt-get is not available" >&2
        exit 1
    fi
    echo "postgres.sh: installing PostgreSQL ${PG_VERSION} server (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # The Debian package would create and start a cluster of its own; stop it.
    apt-get install -y -qq "postgresql-${PG_VERSION}" >&2 || apt-get install -y -qq postgresql >&2
    if command -v pg_ctlcluster >/dev/null; then
        for conf in /etc/postgresql/*/main; do
            [ -d "$conf" ] || continue
            version="$(basename "$(dirname "$conf")")"
            pg_ctlcluster "$version" main stop >/dev/null 2>&1 || true
        done
    fi
    bindir >/dev/null || { echo "postgres.sh: installation gave no initdb/pg_ctl" >&2; exit 1; }
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    local dir="$1" port="$2" pwfile="$3" bin
    install
    bin="$(bindir)"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
        chown postgres "$dir" "$pwfile"
        chmod 700 "$dir"
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_owner "$bin/initdb" --pgdata="$dir/data" --username=postgres --pwfile="$pwfile" \
            --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
            >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c timezone=UTC" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir/data" >&2
}

stop() {
    local dir="$1" bin
    bin="$(bindir)" || exit 0
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >/dev/null
    fi
}

case "${1:-}" in
    install) install ;;
    start) [ $# -eq 4 ] || { echo "usage: $0 start DIR PORT PWFILE" >&2; exit 2; }; start "$2" "$3" "$4" ;;
    stop) [ $# -eq 2 ] || { echo "usage: $0 stop DIR" >&2; exit 2; }; stop "$2" ;;
    bindir) bindir || { echo "postgres.sh: no PostgreSQL server binaries" >&2; exit 1; } ;;
    *) echo "usage: $0 install | start DIR PORT PWFILE | stop DIR | bindir" >&2; exit 2 ;;
esac
