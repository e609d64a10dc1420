#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `hugi scan` on the PostgreSQL test server (HUGI_TEST_PG_URI, from tests/pg_server.sh), with a
# source that answers slowly (tests/http_server.py on 127.0.0.1, a random port):
#   1. two plain scans at once, as cron on two hosts would start them: the second is refused at
#      once with the lock file's message and exit 1, and fetches nothing; with --wait it waits
#      for the first and then runs;
#   2. the scan's session ended by the server while it fetches (pg_terminate_backend, as a restart
#      or an idle timeout would): the scan connects again, takes its lock again, finishes, exit 0;
#   3. the same for a --worker: it keeps working and marks every source done, each leased once;
#   4. the server restarted while the scan fetches (a server of the test's own, so the other
#      tests' sessions are not ended): the scan connects again once it is back, and finishes.
# usage: pg_scan.sh HUGI SOURCE_DIR
set -u
hugi=$1
src=$2
. "$src/tests/pg_common.sh"
pg_need_fixture
server=
db=hugi_s_$$
uri=$pg_base/$db
pids=
own=$tmp/own-pg
test_cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    [ -n "$server" ] && kill "$server" 2>/dev/null
}
export HUGI_NOW=2026-11-23T09:00:00Z HUGI_DATADIR=$src

# the shop: /slow.jsonl takes 5 s to answer, /fast.jsonl none (the window in which a second
# scan, a kill or a restart must act: wide enough for a sanitizer build on a loaded machine)
python3 - "$tmp/script.json" <<'PY'
import json, sys
def body(*rs):
    return "".join(json.dumps({"id": i, "text": t, "rating": r, "date": "2026-11-20"},
                              ensure_ascii=False) + "\n" for i, t, r in rs)
h = {"Content-Type": "application/x-ndjson"}
json.dump({"/slow.jsonl": [{"status": 200, "headers": h, "delay": 5,
                            "body": body(("s1", "배송이 너무 늦어요 환불해 주세요", 1),
                                         ("s2", "좋아요", 5))}],
           "/fast.jsonl": [{"status": 200, "headers": h,
                            "body": body(("f1", "포장이 엉망이에요", 2))}]},
          open(sys.argv[1], "w"), ensure_ascii=False)
PY
python3 "$src/tests/http_server.py" --timeout 200 --script "$tmp/script.json" >"$tmp/port" &
server=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(head -1 "$tmp/port")
[ -n "$port" ] || fail "the test HTTP server did not start"
hits() {
    python3 -c "import json, urllib.request
print(json.load(urllib.request.urlopen('http://127.0.0.1:$port/_hits?path=$1'))['count'])"
}
cat >"$tmp/hugi.conf" <<EOF
[store]
path = $uri
[fetch]
delay = 0
retries = 0
timeout = 20s
[product "P1"]
name = test product
[source "slow"]
url = http://127.0.0.1:$port/slow.jsonl
preset = jsonl
product = P1
[source "fast"]
url = http://127.0.0.1:$port/fast.jsonl
preset = jsonl
product = P1
[alerts]
dir = $tmp/alerts
[report]
dir = $tmp/reports
EOF
pg_create_db "$db"
scan() { timeout 60 "$hugi" --config "$tmp/hugi.conf" scan "$@"; }
# waits until $1 sessions hold the scan lock (their name is set when they take it), 20 s at most
holders() {
    for _ in $(seq 200); do
        [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'hugi scan %'")" = "$1" ] &&
            return 0
        sleep 0.1
    done
    fail "not $1 holder(s) of the scan lock: $(sql "SELECT application_name FROM pg_stat_activity")"
}
# waits until the slow source has been asked $1 times (the scan then waits for its answer)
asked() {
    for _ in $(seq 200); do
        [ "$(hits /slow.jsonl)" -ge "$1" ] && return 0
        sleep 0.1
    done
    fail "the slow source was not asked for"
}
kill_scan() {
    sql "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
         WHERE application_name LIKE 'hugi scan %'"
}

# ---- 1. two scans at once --------------------------------------------------------------------
# the first run creates the schema; the lock is taken after that
scan -v 2>"$tmp/a.err" &
a=$!
pids="$pids $a"
holders 1
asked 1
scan 2>"$tmp/b.err"
rc=$?
[ "$rc" = 1 ] || fail "second scan: exit $rc, not 1: $(cat "$tmp/b.err")"
grep -q "another scan is running on '$uri' ('hugi scan [^ ]*:[0-9]*', session [0-9]*); try again later or give --wait SECONDS" "$tmp/b.err" ||
    fail "second scan's message: $(cat "$tmp/b.err")"
wait "$a" || fail "first scan: exit $?: $(cat "$tmp/a.err")"
[ "$(hits /slow.jsonl)/$(hits /fast.jsonl)" = 1/1 ] ||
    fail "sources fetched $(hits /slow.jsonl)/$(hits /fast.jsonl) times, not once each"
[ "$(sql "SELECT count(*) FROM reviews")" = 3 ] || fail "reviews: $(sql 'SELECT rid FROM reviews')"
[ "$(sql "SELECT count(*) FROM runs WHERE kind = 'scan'")" = 1 ] ||
    fail "the refused scan recorded a run"
echo "ok 1 - a second plain scan is refused while the first holds the store, fetching nothing"

scan 2>"$tmp/a2.err" &
a=$!
pids="$pids $a"
holders 1
scan -v --wait 30 2>"$tmp/c.err" || fail "waiting scan: exit $?: $(cat "$tmp/c.err")"
grep -q "waiting for another scan of '$uri'" "$tmp/c.err" || fail "no wait: $(cat "$tmp/c.err")"
wait "$a" || fail "first scan: exit $?: $(cat "$tmp/a2.err")"
[ "$(hits /slow.jsonl)" = 3 ] || fail "slow source fetched $(hits /slow.jsonl) times, not 3"
[ "$(sql "SELECT count(*) FROM runs WHERE status = 'ok'")" = 3 ] ||
    fail "runs: $(sql 'SELECT id, status FROM runs')"
echo "ok 2 - with --wait the second scan waits for the first, then runs"

# ---- 2. the session ended while the scan fetches ---------------------------------------------
n=$(hits /slow.jsonl)
scan -v 2>"$tmp/d.err" &
d=$!
pids="$pids $d"
holders 1
asked $((n + 1))
[ "$(kill_scan)" = 1 ] || fail "no scan session to end"
wait "$d" || fail "scan after its session was ended: exit $?: $(cat "$tmp/d.err")"
[ "$(sql "SELECT status FROM runs ORDER BY id DESC LIMIT 1")" = ok ] ||
    fail "last run: $(sql 'SELECT id, status FROM runs')"
[ "$(sql "SELECT count(*) FROM reviews")" = 3 ] || fail "reviews after the reconnect"
echo "ok 3 - a scan whose session the server ended connects again and finishes"

# ---- 3. the same for a worker ----------------------------------------------------------------
n=$(hits /slow.jsonl)
scan -v --worker --round 0 2>"$tmp/w.err" &
w=$!
pids="$pids $w"
holders 1
asked $((n + 1))
[ "$(kill_scan)" = 1 ] || fail "no worker session to end"
wait "$w" || fail "worker after its session was ended: exit $?: $(cat "$tmp/w.err")"
[ "$(sql "SELECT count(*) FROM work_items WHERE done_at IS NOT NULL AND leased_by IS NULL AND attempts = 1")" = 2 ] ||
    fail "work items: $(sql 'SELECT item, leased_by, done_at, attempts FROM work_items')"
[ "$(grep -c ': leased$' "$tmp/w.err")" = 2 ] || fail "leases: $(cat "$tmp/w.err")"
echo "ok 4 - a worker whose session the server ended keeps working: both sources done, leased once each"

# ---- 4. the server restarted while the scan fetches ------------------------------------------
pg_own_server "$own"
ouri=$(cat "$own/uri")
osql() { "$psql_bin" -qAt "$ouri" -c "$1"; }
n=$(hits /slow.jsonl)
timeout 90 "$hugi" -v --config "$tmp/hugi.conf" --store "$ouri" scan 2>"$tmp/r.err" &
r=$!
pids="$pids $r"
for _ in $(seq 200); do
    [ "$(osql "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'hugi scan %'")" = 1 ] &&
        break
    sleep 0.1
done
asked $((n + 1))
[ "$(osql "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'hugi scan %'")" = 1 ] ||
    fail "the scan holds no session on its server"
bash "$pg_server_sh" restart "$own" || fail "the server did not restart"
wait "$r" || fail "scan across a server restart: exit $?: $(cat "$tmp/r.err")"
[ "$(osql "SELECT status FROM runs")" = ok ] || fail "runs: $(osql 'SELECT id, status FROM runs')"
[ "$(osql "SELECT count(*) FROM reviews")" = 3 ] || fail "reviews: $(osql 'SELECT rid FROM reviews')"
echo "ok 5 - a scan whose server restarted meanwhile connects again and finishes"
