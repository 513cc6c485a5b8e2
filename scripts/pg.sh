#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for tests, without Docker or a system service.
#
#   scripts/pg.sh start DIR   initdb in DIR/data, start it on a free 127.0.0.1 port and print
#                             one line on stdout: postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/pg.sh stop DIR    stop the cluster (fast shutdown) and remove DIR; a missing DIR
#                             is a no-op
#   scripts/pg.sh url DIR     print the URL of the cluster in DIR again
#
# Sourced instead (`. scripts/pg.sh`), it defines pg_start, pg_stop and pg_url with the same
# arguments and output, and changes nothing else in the calling shell.
#
# The superuser is `postgres` (trust authentication, on 127.0.0.1 and on the unix socket
# in DIR only). As root the server runs as the `postgres` OS user (PostgreSQL refuses root)
# and DIR is handed to that user, so DIR's parents must be searchable by it (/tmp is); as
# anyone else it runs as the current user. Durability is off (fsync, synchronous_commit,
# full_page_writes): a crash loses the cluster, which is what a test cluster is for. The
# locale is C with UTF-8, so text sorts and compares by bytes and lower()/upper() fold ASCII
# only, as in SQLite. The binaries are taken from $PG_BIN, /usr/lib/postgresql/15/bin, or
# PATH. The server log is DIR/postgres.log.

# Everything runs in subshells, so that `exit` and `set` never reach a shell that sourced this.

_pg_die() {
    echo "pg.sh: $*" >&2
    exit 1
}

_pg_bin() {
    local dir
    for dir in "${PG_BIN:-}" /usr/lib/postgresql/15/bin; do
        if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    return 1
}

# Runs a command as the cluster's OS user: `postgres` (or the data directory's owner) when
# we are root, ourselves otherwise. Commands run in DIR, which that user can always enter.
_pg_as_owner() {
    local dir=$1
    shift
    if [ "$(id -u)" -eq 0 ]; then
        local user=postgres
        if [ -d "$dir/data" ]; then user=$(stat -c %U "$dir/data"); fi
        (cd "$dir" && runuser -u "$user" -- "$@")
    else
        (cd "$dir" && "$@")
    fi
}

# A TCP port on 127.0.0.1 that nothing listens on now.
_pg_free_port() {
    local port tries
    if command -v python3 >/dev/null 2>&1; then
        port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()' 2>/dev/null) && [ -n "$port" ] && { echo "$port"; return 0; }
    fi
    for tries in $(seq 1 50); do
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

_pg_abs() {
    [ -n "$1" ] || _pg_die "missing DIR argument"
    readlink -m -- "$1"
}

_pg_url() {
    local dir=$1 port
    port=$(cat "$dir/port" 2>/dev/null) || return 1
    [ -n "$port" ] || return 1
    echo "postgres://postgres@127.0.0.1:$port/postgres"
}

_pg_running() {
    local dir=$1 bin=$2
    [ -f "$dir/data/postmaster.pid" ] && _pg_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

pg_url() (
    dir=$(_pg_abs "${1:-}") || exit 1
    _pg_url "$dir" || _pg_die "no cluster in $dir"
)

pg_start() (
    set -euo pipefail
    dir=$(_pg_abs "${1:-}") || exit 1
    bin=$(_pg_bin) || _pg_die "PostgreSQL 15 binaries not found (looked in \$PG_BIN, /usr/lib/postgresql/15/bin and PATH); install postgresql-15"
    root=false
    if [ "$(id -u)" -eq 0 ]; then
        root=true
        getent passwd postgres >/dev/null || _pg_die "running as root, but there is no 'postgres' OS user to run the server as (install postgresql-15, or run as another user)"
        command -v runuser >/dev/null || _pg_die "running as root, but runuser is missing (util-linux)"
    fi
    # the socket is DIR/.s.PGSQL.PORT, and a unix socket path holds at most 107 bytes
    [ "${#dir}" -le 90 ] || _pg_die "DIR is too long for a unix socket path (${#dir} characters, at most 90): $dir"

    if [ -e "$dir/data" ]; then
        [ -f "$dir/.rcard-pg" ] || _pg_die "$dir/data exists but was not made by pg.sh; refusing to touch it"
        if _pg_running "$dir" "$bin"; then
            _pg_url "$dir"
            exit 0
        fi
    else
        if [ -e "$dir" ]; then
            [ -d "$dir" ] || _pg_die "$dir exists and is not a directory"
            [ -z "$(ls -A "$dir")" ] || [ -f "$dir/.rcard-pg" ] || _pg_die "$dir is not empty; give a new or empty directory"
        fi
        mkdir -p "$dir" || _pg_die "cannot create $dir"
        : >"$dir/.rcard-pg"
        chmod 700 "$dir"
        if $root; then
            chown -R postgres: "$dir" || _pg_die "cannot hand $dir to the postgres user"
            runuser -u postgres -- test -w "$dir" -a -x "$dir" ||
                _pg_die "the postgres user cannot enter $dir: a parent directory is not searchable by others (mktemp -d makes mode 700 directories: pass such a directory itself, not a path inside it)"
        fi
        if ! _pg_as_owner "$dir" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C \
            --no-sync >"$dir/initdb.log" 2>&1; then
            cat "$dir/initdb.log" >&2
            _pg_die "initdb failed in $dir/data (log above)"
        fi
        # trust, and only from the socket in DIR and from 127.0.0.1
        printf '%s\n' \
            'local all         all              trust' \
            'host  all         all 127.0.0.1/32 trust' \
            'local replication all              trust' \
            'host  replication all 127.0.0.1/32 trust' >"$dir/data/pg_hba.conf"
        printf '%s\n' '' '# scripts/pg.sh: a throw-away test cluster' \
            "listen_addresses = '127.0.0.1'" \
            "unix_socket_directories = '$dir'" \
            'fsync = off' 'synchronous_commit = off' 'full_page_writes = off' \
            "timezone = 'UTC'" "log_timezone = 'UTC'" >>"$dir/data/postgresql.conf"
    fi

    # a port found free can be taken before the server binds it: then try another
    port=$(cat "$dir/port" 2>/dev/null || true)
    for attempt in 1 2 3 4 5; do
        if [ -z "$port" ] || [ "$attempt" -gt 1 ]; then
            port=$(_pg_free_port) || _pg_die "no free TCP port on 127.0.0.1"
        fi
        echo "$port" >"$dir/port"
        echo "port = $port" >>"$dir/data/postgresql.conf"
        if $root; then chown postgres: "$dir/port"; fi
        if _pg_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >&2; then
            _pg_url "$dir"
            exit 0
        fi
        if _pg_running "$dir" "$bin"; then
            # started after the wait gave up: do not leave it behind
            _pg_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
        fi
        grep -qE 'could not bind|could not create any TCP/IP sockets|Address already in use' \
            "$dir/postgres.log" 2>/dev/null || break
    done
    tail -n 20 "$dir/postgres.log" >&2 2>/dev/null || true
    _pg_die "the server in $dir did not start (log: $dir/postgres.log; 'scripts/pg.sh stop $dir' removes it)"
)

pg_stop() (
    set -uo pipefail
    dir=$(_pg_abs "${1:-}") || exit 1
    [ -e "$dir" ] || exit 0
    [ -d "$dir" ] || _pg_die "$dir is not a directory"
    # never remove a directory this script did not make
    [ -f "$dir/.rcard-pg" ] || [ -z "$(ls -A "$dir")" ] || _pg_die "$dir was not made by pg.sh; refusing to remove it"
    if [ -f "$dir/data/postmaster.pid" ]; then
        bin=$(_pg_bin) || _pg_die "PostgreSQL binaries not found: cannot stop the server in $dir"
        if _pg_running "$dir" "$bin"; then
            _pg_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 ||
                _pg_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >&2 ||
                _pg_die "could not stop the server in $dir (log: $dir/postgres.log)"
        fi
    fi
    rm -rf -- "$dir" || _pg_die "could not remove $dir"
)

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    case "${1:-}" in
    start) pg_start "${2:-}" ;;
    stop) pg_stop "${2:-}" ;;
    url) pg_url "${2:-}" ;;
    *)
        echo "usage: $0 start DIR | stop DIR | url DIR" >&2
        exit 2
        ;;
    esac
fi
