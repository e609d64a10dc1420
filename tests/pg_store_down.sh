#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `hugi scan` of many sources whose PostgreSQL server goes away for good mid-run (a server of the
# test's own, tests/pg_server.sh down): the scan tries once to connect again (up to 6 tries
# within 30 s), and when that fails every later store call fails at once with the same error
# instead of trying again itself (2 calls a source before any is fetched: 6 s each on a refused
# port, minutes in all). So the scan ends within a bound (45 s from its start, the server gone a
# few seconds in), exit 1, one error naming the store without its password, and what an earlier
# scan committed is all there when the server is back; a scan then runs as usual.
# usage: pg_store_down.sh HUGI SOURCE_DIR
set -u
hugi=$1
src=$2
. "$src/tests/pg_common.sh"
server=
scan_pid=
test_cleanup() {
    [ -n "$scan_pid" ] && kill "$scan_pid" 2>/dev/null
    [ -n "$server" ] && kill "$server" 2>/dev/null
}
export HUGI_NOW=2026-11-23T09:00:00Z HUGI_DATADIR=$src
nsrc=12
bound=45

own=$tmp/own-pg
pg_own_server "$own"
ouri=$(cat "$own/uri")
# a password in the URI (the server trusts local connections, so any works): no message may
# show it
secret=pw-$$-hush
uri=${ouri/hugi@/hugi:$secret@}
shown=$ouri

# the shop: nsrc sources of two reviews each, answering at once
python3 - "$tmp/script.json" "$nsrc" <<'PY'
import json, sys
h = {"Content-Type": "application/x-ndjson"}
script = {}
for s in range(1, int(sys.argv[2]) + 1):
    body = "".join(json.dumps({"id": "s%d-%d" % (s, i), "text": t, "rating": r,
                               "date": "2026-11-20"}, ensure_ascii=False) + "\n"
                   for i, t, r in ((1, "배송이 너무 늦어요 환불해 주세요", 1), (2, "좋아요", 5)))
    script["/s%02d.jsonl" % s] = [{"status": 200, "headers": h, "body": body}]
json.dump(script, open(sys.argv[1], "w"), ensure_ascii=False)
PY
python3 "$src/tests/http_server.py" --timeout 200 --script "$tmp/script.json" >"$tmp/port" &
server=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(head -1 "$tmp/port")
[ -n "$port" ] || fail "the test HTTP server did not start"
{
    printf '[store]\npath = %s\n[fetch]\ndelay = 0\nretries = 0\ntimeout = 20s\n' "$uri"
    printf '[product "P1"]\nname = test product\n'
    for s in $(seq -f %02g 1 "$nsrc"); do
        printf '[source "s%s"]\nurl = http://127.0.0.1:%s/s%s.jsonl\npreset = jsonl\nproduct = P1\n' \
            "$s" "$port" "$s"
    done
    printf '[alerts]\ndir = %s/alerts\n[report]\ndir = %s/reports\n' "$tmp" "$tmp"
} >"$tmp/hugi.conf"

# ---- a scan that commits: the store the server must give back -------------------------------
timeout 120 "$hugi" --config "$tmp/hugi.conf" scan 2>"$tmp/a.err" || fail "first scan: exit $?: $(cat "$tmp/a.err")"
counts() {
    sql "SELECT (SELECT count(*) FROM reviews), (SELECT count(*) FROM scores),
                (SELECT count(*) FROM alerts), (SELECT count(*) FROM fetch_state)"
}
before=$(counts)
[ "${before%%|*}" = $((2 * nsrc)) ] || fail "first scan stored: $before"

# ---- the server gone for good while the scan records its sources -----------------------------
# the third source's row waits in a trigger, so the server can go while the scan is there, with
# the other sources' calls still to come
sql "CREATE FUNCTION nap() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
     IF NEW.name = 's03' THEN PERFORM pg_sleep(60); END IF; RETURN NEW; END \$\$;
     CREATE TRIGGER nap BEFORE INSERT ON sources FOR EACH ROW EXECUTE FUNCTION nap()" ||
    fail "cannot add the trigger"
t0=$(date +%s.%N)
timeout 100 "$hugi" --config "$tmp/hugi.conf" scan 2>"$tmp/b.err" &
scan_pid=$!
for _ in $(seq 300); do
    [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'")" = 1 ] && break
    sleep 0.1
done
[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'")" = 1 ] ||
    fail "the scan did not reach the third source: $(cat "$tmp/b.err")"
bash "$pg_server_sh" down "$own" || fail "the server did not stop"
t1=$(date +%s.%N)
wait "$scan_pid"
rc=$?
scan_pid=
t2=$(date +%s.%N)
took=$(echo "$t0 $t1 $t2" | awk '{printf "%.1f s (the server gone after %.1f s)", $3 - $1, $2 - $1}')
echo "# scan with its server gone: $took, exit $rc"
[ "$rc" = 1 ] || fail "exit $rc, not 1, after $took: $(cat "$tmp/b.err")"
awk -v t0="$t0" -v t2="$t2" -v b="$bound" 'BEGIN { exit !(t2 - t0 < b) }' ||
    fail "the scan took $took, not < $bound s"
grep -q "$secret" "$tmp/b.err" && fail "a message shows the password: $(cat "$tmp/b.err")"
errors=$(grep -c '^hugi: error:' "$tmp/b.err")
[ "$errors" = 1 ] || fail "$errors errors, not one: $(cat "$tmp/b.err")"
grep -q "^hugi: error: scan stopped: lost the connection to the store and could not connect again (6 tries in [0-9.]* s; not tried again in this run): .*Connection refused.* ($shown)\$" \
    "$tmp/b.err" || fail "the error: $(cat "$tmp/b.err")"
echo "ok 1 - a scan whose server went for good ends in $took with one error, exit 1"

# ---- what was committed is there ---------------------------------------------------------------
bash "$pg_server_sh" restart "$own" 2>/dev/null || fail "the server did not start again"
sql "DROP TRIGGER nap ON sources" || fail "cannot drop the trigger"
[ "$(counts)" = "$before" ] || fail "reviews|scores|alerts|fetch states: $(counts), were $before"
[ "$(sql "SELECT string_agg(status, ',' ORDER BY id) FROM runs")" = ok,running ] ||
    fail "runs: $(sql 'SELECT id, status FROM runs')"
timeout 120 "$hugi" --config "$tmp/hugi.conf" scan 2>"$tmp/c.err" ||
    fail "the scan once the server is back: exit $?: $(cat "$tmp/c.err")"
[ "$(counts)" = "$before" ] || fail "after the third scan: $(counts), not $before"
echo "ok 2 - what the first scan committed is all there, and a scan runs again"
