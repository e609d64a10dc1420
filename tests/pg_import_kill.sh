#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `hugi import` into the PostgreSQL test server (HUGI_TEST_PG_URI, from tests/pg_server.sh) whose
# session the server ends in the middle of a batch (pg_terminate_backend, as a restart would):
# the import fails (exit 1, the loss said), the batches committed before stay, the one in flight
# is gone, and the import's run, recorded over a new session, counts as new exactly the reviews
# stored. Run again, the import finishes: every review once.
# usage: pg_import_kill.sh HUGI
set -u
hugi=$1
. "$(dirname "$0")/pg_common.sh"
pg_need_fixture
db=hugi_ik_$$
uri=$pg_base/$db
app=hugi_ik_$$
imp=
test_cleanup() {
    [ -n "$imp" ] && kill "$imp" 2>/dev/null
}
export HUGI_NOW=2026-11-23T09:00:00Z
pg_create_db "$db"

python3 - "$tmp/a.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(3000):
        f.write(json.dumps({"id": "r%d" % i, "text": "리뷰 %d" % i, "rating": 1 + i % 5}) + "\n")
PY
printf '[store]\nbatch = 1000\n' >"$tmp/b.conf"
imp_run() {
    timeout 60 "$hugi" --config "$tmp/b.conf" --store "$uri?application_name=$app" import \
        --source shop --product P1 "$tmp/a.jsonl"
}
# the schema, then a trap: the insert of r2500 (in the third batch) waits, so the session can be
# ended there
timeout 60 "$hugi" -q --store "$uri" import --source shop --product P1 /dev/null ||
    fail "cannot create the store"
sql "CREATE FUNCTION nap() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
     IF NEW.rid = 'r2500' AND current_setting('application_name') = '$app' THEN
     PERFORM pg_sleep(30); END IF; RETURN NEW; END \$\$;
     CREATE TRIGGER nap BEFORE INSERT ON reviews FOR EACH ROW EXECUTE FUNCTION nap()" ||
    fail "cannot add the trigger"
imp_run >"$tmp/out" 2>"$tmp/err" &
imp=$!
for _ in $(seq 300); do
    [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$app' AND wait_event = 'PgSleep'")" = 1 ] &&
        break
    sleep 0.1
done
[ "$(sql "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '$app'")" = 1 ] ||
    fail "the import's session was not found asleep: $(cat "$tmp/err")"
wait "$imp"
rc=$?
imp=
[ "$rc" = 1 ] || fail "killed import: exit $rc, not 1: $(cat "$tmp/err")"
grep -q "lost the connection inside a transaction" "$tmp/err" || fail "message: $(cat "$tmp/err")"
[ "$(sql "SELECT count(*) FROM reviews")" = 2000 ] ||
    fail "stored after the kill: $(sql "SELECT count(*) FROM reviews"), not the 2 batches committed"
[ "$(sql "SELECT status, n_new, n_edited, n_unchanged FROM runs ORDER BY id DESC LIMIT 1")" = "failed|2000|0|0" ] ||
    fail "the killed import's run: $(sql "SELECT id, status, n_read, n_new, n_unchanged FROM runs")"
echo "ok 1 - an import whose session is ended mid-batch keeps its committed batches and counts only them"

sql "DROP TRIGGER nap ON reviews" || fail "cannot drop the trigger"
imp_run >"$tmp/out2" 2>"$tmp/err2" || fail "the import again: exit $?: $(cat "$tmp/err2")"
grep -q "read 3000, new 1000, edited 0, unchanged 2000" "$tmp/out2" || fail "again: $(cat "$tmp/out2")"
[ "$(sql "SELECT count(*), count(DISTINCT rid) FROM reviews")" = "3000|3000" ] ||
    fail "after the rerun: $(sql "SELECT count(*), count(DISTINCT rid) FROM reviews")"
echo "ok 2 - run again, the import stores the rest, each review once"
