#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `hugi scan --worker` sharing one scan among several processes, on the PostgreSQL test server
# (HUGI_TEST_PG_URI, from tests/pg_server.sh) and the demo shop served on 127.0.0.1:
#   1. three workers at once: each source fetched exactly once (the shop's request log), each
#      leased once, and the store ends with the alerts of one plain scan on SQLite;
#   2. a worker that died holding a source (its lease left in the queue): the next worker does the
#      rest, waits, and takes the source over when the lease runs out (and leaves the alert
#      folder of another host's worker, still running, to that worker);
#   3. two workers on one SQLite file: the same alerts.
# usage: pg_worker.sh HUGI SOURCE_DIR
set -u
hugi=$1
src=$2
. "$src/tests/pg_common.sh"
pg_need_fixture
server=
db=hugi_w_$$
uri=$pg_base/$db
test_cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null
}
export HUGI_NOW=2026-11-23T09:00:00Z HUGI_DATADIR=$src

. "$src/tests/serve_shop.sh"
serve_shop "$src" "$tmp" 300
conf=$src/examples/demo.conf
paths=$(sed -n 's|^url = ${DEMO_BASE}||p' "$conf")
nsrc=$(echo "$paths" | grep -c .)
[ "$nsrc" -ge 3 ] || fail "the demo config has only $nsrc sources"

# how often each source's page was requested since request-log line $1
hits() {
    tail -n +"$(($1 + 1))" "$tmp/http.log" | grep -o '"GET [^ ]*' | sed 's/"GET //' >"$tmp/hits"
    for p in $paths; do echo "$(grep -cxF "$p" "$tmp/hits") $p"; done
}
ids() {
    DEMO_DIR=$1 "$hugi" --config "$conf" ${2:+--store "$2"} alerts --format jsonl |
        python3 -c 'import sys, json
for l in sys.stdin: a = json.loads(l); print(a["kind"], a["id"])' | sort
}

# ---- the reference: one plain scan on SQLite ------------------------------------------------
DEMO_DIR=$tmp/ref "$hugi" --config "$conf" scan 2>"$tmp/ref.err" || fail "plain scan: $(cat "$tmp/ref.err")"
ids "$tmp/ref" >"$tmp/ids.ref"
[ "$(wc -l <"$tmp/ids.ref")" -ge 5 ] || fail "the reference scan raised few alerts"

# ---- 1. three workers at once ---------------------------------------------------------------
pg_create_db "$db"
mark=$(wc -l <"$tmp/http.log")
pids=
for w in 1 2 3; do
    DEMO_DIR=$tmp/w$w timeout 120 "$hugi" -v --config "$conf" --store "$uri" scan --worker \
        >"$tmp/w$w.out" 2>"$tmp/w$w.err" &
    pids="$pids $!"
done
w=0
for p in $pids; do
    w=$((w + 1))
    wait "$p" || fail "worker $w exit $?: $(cat "$tmp/w$w.err")"
done
hits "$mark" >"$tmp/hits1"
grep -v '^1 ' "$tmp/hits1" && fail "a source was not fetched exactly once (count path above)"
leased=$(cat "$tmp"/w[123].err | grep -c ': leased$')
[ "$leased" = "$nsrc" ] || fail "$leased leases for $nsrc sources: $(cat "$tmp"/w[123].err)"
grep -h 'recovered' "$tmp"/w[123].err && fail "a worker took another's live run for an interrupted one"
ids "$tmp/w1" "$uri" >"$tmp/ids.pg"
cmp -s "$tmp/ids.ref" "$tmp/ids.pg" || { diff "$tmp/ids.ref" "$tmp/ids.pg"; fail "workers' alerts differ from one scan's"; }
[ "$(sql "SELECT count(*) FROM work_items WHERE done_at IS NOT NULL AND leased_by IS NULL")" = "$nsrc" ] ||
    fail "not every queued source is done: $(sql 'SELECT * FROM work_items')"
echo "ok 1 - 3 workers: $nsrc sources fetched once each ($(for w in 1 2 3; do grep -c ': leased$' "$tmp/w$w.err"; done | paste -sd/) leased), same $(wc -l <"$tmp/ids.ref") alerts as one scan"

# ---- 2. a dead worker's source is taken over when its lease runs out -------------------------
# the next round (every source due again), charger-page held by a worker that died 2 s ago
sql "UPDATE work_items SET done_at = done_at - 100000" || fail "cannot start a new round"
sql "UPDATE work_items SET leased_by = 'crashed-host:4242', attempts = attempts + 1,
     lease_until = floor(extract(epoch FROM clock_timestamp()))::bigint + 2
     WHERE item = 'charger-page'" || fail "cannot plant the dead lease"
# and a worker of another host still running, one of whose alerts is in the store: not a lost
# run whose alert folder this worker should write
live=$(sql "INSERT INTO runs(kind, status, pid, host, started)
            VALUES('scan', 'running', 4242, 'web9.example', 1795000000) RETURNING id" | head -1)
sql "UPDATE alerts SET run_id = $live WHERE id = (SELECT min(id) FROM alerts)" >/dev/null ||
    fail "cannot plant the live run"
mark=$(wc -l <"$tmp/http.log")
start=$(date +%s)
DEMO_DIR=$tmp/w1 timeout 60 "$hugi" -v --config "$conf" --store "$uri" scan --worker --lease 5 \
    >/dev/null 2>"$tmp/t.err" || fail "taking over: exit $?: $(cat "$tmp/t.err")"
took=$(($(date +%s) - start))
grep -q 'waiting for 1 source other workers hold' "$tmp/t.err" || fail "no wait: $(cat "$tmp/t.err")"
grep -q 'charger-page: taken over from crashed-host:4242' "$tmp/t.err" ||
    fail "no takeover: $(cat "$tmp/t.err")"
ls "$tmp/w1/alerts" | grep -q -- "-run$live\$" && fail "a live run of another host taken for a lost one"
hits "$mark" >"$tmp/hits2"
grep -v '^1 ' "$tmp/hits2" && fail "after the takeover a source was not fetched exactly once"
[ "$(sql "SELECT attempts FROM work_items WHERE item = 'charger-page'")" = 3 ] ||
    fail "charger-page attempts: $(sql "SELECT attempts FROM work_items WHERE item = 'charger-page'")"
ids "$tmp/w1" "$uri" >"$tmp/ids.pg2"
cmp -s "$tmp/ids.ref" "$tmp/ids.pg2" || fail "the takeover changed the alerts"
echo "ok 2 - a dead worker's source taken over after its lease ran out (${took}s)"

# ---- 3. workers on one SQLite file ----------------------------------------------------------
mark=$(wc -l <"$tmp/http.log")
for w in 1 2; do
    DEMO_DIR=$tmp/sq timeout 120 "$hugi" --config "$conf" scan --worker 2>"$tmp/sq$w.err" &
    eval "sq$w=$!"
done
wait "$sq1" || fail "SQLite worker 1: $(cat "$tmp/sq1.err")"
wait "$sq2" || fail "SQLite worker 2: $(cat "$tmp/sq2.err")"
hits "$mark" >"$tmp/hits3"
grep -v '^1 ' "$tmp/hits3" && fail "SQLite workers: a source was not fetched exactly once"
ids "$tmp/sq" >"$tmp/ids.sq"
cmp -s "$tmp/ids.ref" "$tmp/ids.sq" || { diff "$tmp/ids.ref" "$tmp/ids.sq"; fail "SQLite workers' alerts differ"; }
echo "ok 3 - 2 workers on SQLite: each source once, same alerts"

# ---- 4. a worker does not take again what it did itself in this run ---------------------------
# (--round 0: a source done is due again at once, for the next run; this one must still end)
mark=$(wc -l <"$tmp/http.log")
DEMO_DIR=$tmp/r0 timeout 60 "$hugi" --config "$conf" scan --worker --round 0 2>"$tmp/r0.err" ||
    fail "--round 0 worker: exit $? (looping on its own sources?): $(tail -3 "$tmp/r0.err")"
hits "$mark" >"$tmp/hits4"
grep -v '^1 ' "$tmp/hits4" && fail "--round 0: a source was not fetched exactly once"
echo "ok 4 - a --round 0 worker fetches each source once and ends"
