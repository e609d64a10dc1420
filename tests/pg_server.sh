#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A throwaway PostgreSQL server for the tests of the PostgreSQL store, started and stopped by
# ctest fixtures (tests/pg.cmake):
#   pg_server.sh start STATE_DIR        initdb + pg_ctl start on 127.0.0.1, a random free port,
#                                       the socket in a private temp dir; writes STATE_DIR/uri
#   pg_server.sh stop STATE_DIR         stops it and removes its data
#   pg_server.sh run STATE_DIR CMD...   runs CMD with HUGI_TEST_PG_URI set from STATE_DIR/uri
#   pg_server.sh restart STATE_DIR      a fast restart (sessions ended, same port): for the tests
#                                       of reconnection, on a server of their own; starts a
#                                       server that is down
#   pg_server.sh down STATE_DIR         a fast shutdown (sessions ended), the data kept: a server
#                                       gone for the tests of a store that cannot be reached
# The server trusts local connections (it listens on loopback only, lives for one test run and
# holds nothing), runs without fsync (its data is thrown away), and stops by itself (and its
# data goes) after HUGI_PG_TTL seconds (default 900) should the stop never come (ctest killed).
# initdb and postgres refuse to run as root, so as root they run as nobody, their data in a temp
# dir that user owns. Exit 77 (ctest's skip) only when the server programs are not installed;
# scripts/deps.sh installs them, so under `make test` a server that cannot start is a failure.
set -euo pipefail

cmd=${1:?usage: pg_server.sh start|stop|restart|down|run STATE_DIR [CMD...]}
state=${2:?usage: pg_server.sh start|stop|restart|down|run STATE_DIR [CMD...]}

bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

# as_owner CMD...: CMD as the user that owns the server's files
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

stop_server() {
    [ -f "$state/data_dir" ] || return 0
    local data bin
    data=$(cat "$state/data_dir")
    bin=$(cat "$state/bin_dir" 2>/dev/null || bindir || true)
    if [ -f "$state/watchdog.pid" ]; then
        # its whole process group (setsid made it one): killing the shell alone leaves its
        # `sleep` running for the rest of the TTL
        local wd
        wd=$(cat "$state/watchdog.pid")
        kill -- "-$wd" 2>/dev/null || kill "$wd" 2>/dev/null || true
    fi
    if [ -n "$bin" ] && [ -f "$data/postmaster.pid" ]; then
        (cd / && as_owner "$bin/pg_ctl" -D "$data" -m immediate -w -t 20 stop >/dev/null 2>&1) ||
            true
    fi
    rm -rf "$(dirname "$data")"
    rm -f "$state/uri" "$state/data_dir" "$state/bin_dir" "$state/watchdog.pid"
}

case "$cmd" in
start)
    if ! bin=$(bindir); then
        echo "pg_server: PostgreSQL server programs not installed (/usr/lib/postgresql/*/bin);" \
            "scripts/deps.sh installs them" >&2
        exit 77
    fi
    mkdir -p "$state"
    stop_server # what an interrupted earlier run left
    root=$(mktemp -d /tmp/hugi-pg.XXXXXX)
    data=$root/data
    echo "$data" >"$state/data_dir"
    echo "$bin" >"$state/bin_dir"
    trap 'echo "pg_server: the test server did not start" >&2; cat "$root/log" >&2 2>/dev/null; stop_server' EXIT
    if [ "$(id -u)" -eq 0 ]; then
        chown nobody:nogroup "$root"
    fi
    chmod 700 "$root"
    cd "$root" # the server user may not be able to read the caller's directory
    as_owner "$bin/initdb" -D "$data" -U hugi --auth=trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$root/initdb.log" 2>&1 || {
        cat "$root/initdb.log" >&2
        exit 1
    }
    started=
    for attempt in 1 2 3; do
        port=$(free_port)
        # another process may take the port between free_port and the bind: try again
        if as_owner "$bin/pg_ctl" -D "$data" -l "$root/log" -w -t 30 -o \
            "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$root -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=40 -c shared_buffers=16MB" \
            start >/dev/null 2>&1; then
            started=1
            break
        fi
    done
    [ -n "$started" ] || exit 1
    # the watchdog: detached, its output nowhere, so ctest does not wait for it
    ttl=${HUGI_PG_TTL:-900}
    setsid bash -c "sleep $ttl; cd /; $(declare -f as_owner); as_owner '$bin/pg_ctl' -D '$data' -m immediate -w stop; rm -rf '$root'" \
        </dev/null >/dev/null 2>&1 &
    echo $! >"$state/watchdog.pid"
    echo "postgresql://hugi@127.0.0.1:$port/postgres" >"$state/uri"
    trap - EXIT
    echo "pg_server: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
    ;;
stop)
    stop_server
    ;;
restart)
    data=$(cat "$state/data_dir")
    bin=$(cat "$state/bin_dir")
    # pg_ctl restart starts it with the options it was started with (postmaster.opts)
    (cd / && as_owner "$bin/pg_ctl" -D "$data" -l "$(dirname "$data")/log" -m fast -w -t 30 \
        restart >/dev/null)
    ;;
down)
    data=$(cat "$state/data_dir")
    bin=$(cat "$state/bin_dir")
    (cd / && as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null)
    ;;
run)
    shift 2
    if [ ! -s "$state/uri" ]; then
        if ! bindir >/dev/null; then
            echo "pg_server: PostgreSQL server programs not installed: skipped" >&2
            exit 77
        fi
        echo "pg_server: no test server running (its start failed: see the pg/server-start test)" >&2
        exit 1
    fi
    HUGI_TEST_PG_URI=$(cat "$state/uri")
    export HUGI_TEST_PG_URI
    exec "$@"
    ;;
*)
    echo "pg_server.sh: unknown command '$cmd' (start, stop, restart, down, run)" >&2
    exit 2
    ;;
esac
