# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# Sourced by the PostgreSQL store's test scripts (tests/pg_*.sh): their common set-up, so each
# script holds only what it tests. ctest runs them through `tests/pg_server.sh run`, which sets
# HUGI_TEST_PG_URI (the fixture server's) or skips them (exit 77) where PostgreSQL is not
# installed; a script that starts a server of its own skips the same way (pg_own_server).
# Sourcing it gives:
#   tmp                    a temporary directory
#   psql_bin               psql (on PATH, else the newest server's); none is a skip (exit 77)
#                          where the server programs are missing too, else a failure
#   pg_base                HUGI_TEST_PG_URI without its database (when set)
#   fail MSG...            says "FAIL: MSG" and exits 1
#   pg_need_fixture       exits 1 unless run through `pg_server.sh run`
#   pg_create_db NAME      creates database NAME on the fixture server (a failure otherwise)
#   sql SQL                runs SQL on the database $uri (the script sets uri), unaligned
#   pg_own_server DIR      starts a server of the script's own (pg_server.sh start DIR), for the
#                          tests that restart or stop it; its URI in DIR/uri
#   pg_stop_at_exit DIR    stops the server of DIR (pg_server.sh stop) at exit
# and a trap on EXIT that first calls the script's test_cleanup (when it defines one: kill its
# children), then stops the servers of its own, drops the databases created and removes $tmp.
# The environment: LC_ALL=C.UTF-8, TZ=UTC, no HUGI_CONFIG (each script sets its HUGI_NOW).

pg_tests_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pg_server_sh=$pg_tests_dir/pg_server.sh
pg_dbs=()
pg_own=()
tmp=$(mktemp -d)

fail() {
    echo "FAIL: $*"
    exit 1
}

pg_cleanup() {
    if declare -F test_cleanup >/dev/null; then
        test_cleanup
    fi
    local d
    for d in "${pg_own[@]}"; do
        bash "$pg_server_sh" stop "$d" >/dev/null 2>&1
    done
    for d in "${pg_dbs[@]}"; do
        "$psql_bin" -q "$HUGI_TEST_PG_URI" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" \
            >/dev/null 2>&1
    done
    rm -rf "$tmp"
}
trap pg_cleanup EXIT

psql_bin=$(command -v psql || ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1)
if [ -z "$psql_bin" ]; then
    # no PostgreSQL at all is a skip, as in pg_server.sh; a server without its client is not
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || exit 77
    fail "no psql"
fi
pg_base=${HUGI_TEST_PG_URI:+${HUGI_TEST_PG_URI%/*}}

pg_need_fixture() {
    : "${HUGI_TEST_PG_URI:?run through tests/pg_server.sh run}"
}

pg_create_db() {
    pg_dbs+=("$1")
    "$psql_bin" -q "$HUGI_TEST_PG_URI" -c "CREATE DATABASE $1" >/dev/null ||
        fail "cannot create $1"
}

sql() { "$psql_bin" -qAt "$uri" -c "$1"; }

pg_stop_at_exit() {
    pg_own+=("$1")
}

# pg_own_server DIR: exit 77 (skip) like pg_server.sh when the server programs are missing; its
# watchdog stops it after HUGI_PG_TTL seconds (150 unless set) should the trap never run
pg_own_server() {
    pg_stop_at_exit "$1"
    HUGI_PG_TTL=${HUGI_PG_TTL:-150} bash "$pg_server_sh" start "$1" >/dev/null
    local rc=$?
    [ "$rc" = 77 ] && exit 77
    [ "$rc" = 0 ] || fail "no server of its own (pg_server.sh start: exit $rc)"
}

export LC_ALL=C.UTF-8 TZ=UTC
unset HUGI_CONFIG
