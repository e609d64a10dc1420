#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/pg_server.sh itself: a server started and stopped leaves nothing behind, neither the
# server nor its data dir nor any process of its watchdog (a stray `sleep` would outlive the
# test run by HUGI_PG_TTL seconds).
# usage: pg_server_test.sh PG_SERVER_SH
set -u
sh=$1
. "$(dirname "$0")/pg_common.sh"
state=$tmp/state
mkdir "$state"
pg_stop_at_exit "$state"
bash "$sh" start "$state"
rc=$?
[ "$rc" = 77 ] && exit 77
[ "$rc" = 0 ] || fail "start exit $rc"
data=$(cat "$state/data_dir")
wd=$(cat "$state/watchdog.pid")
[ -f "$data/postmaster.pid" ] || fail "no postmaster.pid in $data"
pm=$(head -1 "$data/postmaster.pid")
kill -0 "$pm" 2>/dev/null || fail "the server ($pm) is not running"
[ -n "$(ps -o pid= -g "$wd")" ] || fail "no watchdog process group $wd"
bash "$sh" stop "$state" || fail "stop exit $?"
for _ in $(seq 50); do
    [ -z "$(ps -o pid= -g "$wd")" ] && ! kill -0 "$pm" 2>/dev/null && break
    sleep 0.1
done
kill -0 "$pm" 2>/dev/null && fail "the server ($pm) still runs"
[ -e "$data" ] && fail "its data dir $data is still there"
left=$(ps -o pid=,args= -g "$wd")
[ -z "$left" ] || fail "the watchdog left: $left"
echo "ok - server and watchdog gone after stop"
