#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `hugi scan` when the store fails it:
#   1. the COMMIT of a complaint group and its alert fails (here a deferred foreign key a trigger
#      on complaint_groups breaks; on a server also a lost session or a serialization failure):
#      the scan fails (exit 1, the error said), the transaction is rolled back, and the run is
#      recorded as failed, not left "running" for the next scan to take for interrupted;
#   2. a review of a page is refused (here by a trigger; also a lost session): the page's
#      transaction is rolled back, and the run counts as new only the reviews stored;
#   3. the same with every source in flight: the scan stops, and the transfers it abandons free
#      what they hold (under the sanitizers a leak fails this test).
# usage: scan_commit_fail.sh HUGI SOURCE_DIR
set -u
hugi=$1
src=$2
. "$src/tests/serve_shop.sh"
shop_test "$src" 120
export DEMO_DIR=$tmp/d
q() {
    python3 -c 'import sqlite3, sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print(*r)' "${2:-$tmp/d/hugi.db}" "$1"
}

# the store, with a trap: a complaint group's row breaks a deferred foreign key, so the COMMIT
# of the group's transaction fails (the statements themselves pass)
mkdir -p "$tmp/d"
echo '{"id":"x","text":"hello","rating":5}' >"$tmp/one.jsonl"
timeout 60 "$hugi" -q --store "$tmp/d/hugi.db" import --source seed "$tmp/one.jsonl" ||
    fail "cannot create the store"
q "CREATE TABLE doom_parent(id INTEGER PRIMARY KEY)"
q "CREATE TABLE doom(pid INTEGER REFERENCES doom_parent(id) DEFERRABLE INITIALLY DEFERRED)"
q "CREATE TRIGGER doom_groups AFTER INSERT ON complaint_groups BEGIN INSERT INTO doom VALUES (1); END"

timeout 60 "$hugi" --config "$conf" scan >/dev/null 2>"$tmp/scan.err"
rc=$?
[ "$rc" = 1 ] || fail "scan: exit $rc, not 1: $(cat "$tmp/scan.err")"
grep -q "cannot commit: FOREIGN KEY constraint failed" "$tmp/scan.err" ||
    fail "scan's message: $(cat "$tmp/scan.err")"
[ "$(q "SELECT status FROM runs WHERE kind = 'scan'")" = failed ] ||
    fail "the scan's run: $(q "SELECT id, kind, status FROM runs")"
[ "$(q "SELECT count(*) FROM complaint_groups")" = 0 ] || fail "a group of the failed commit is stored"
[ "$(q "SELECT count(*) FROM reviews")" -gt 1 ] || fail "the fetched reviews were not kept"
echo "ok 1 - a failed commit of a complaint group fails the scan, and its run is recorded as failed"

# ---- 2. a review refused in the middle of a page ---------------------------------------------
# scan_full N [SCAN ARGS]: a scan of a fresh store (DIR $tmp/fN) whose second review is refused
# (the seed is the first), which must fail with the trigger's message, nothing of the page kept
# and nothing counted as stored in its run
scan_full() {
    local n=$1 db=$tmp/f$1/hugi.db
    shift
    mkdir -p "$tmp/f$n"
    timeout 60 "$hugi" -q --store "$db" import --source seed "$tmp/one.jsonl" ||
        fail "cannot create store $n"
    q "CREATE TRIGGER full BEFORE INSERT ON reviews WHEN (SELECT count(*) FROM reviews) >= 2
       BEGIN SELECT RAISE(ABORT, 'the store is full'); END" "$db"
    DEMO_DIR=$tmp/f$n timeout 60 "$hugi" --config "$conf" scan "$@" >/dev/null 2>"$tmp/scan$n.err"
    local rc=$?
    [ "$rc" = 1 ] || fail "scan $n: exit $rc, not 1: $(head -c 3000 "$tmp/scan$n.err")"
    grep -q "the store is full" "$tmp/scan$n.err" || fail "scan $n's message: $(cat "$tmp/scan$n.err")"
    [ "$(q "SELECT count(*) FROM reviews" "$db")" = 1 ] || fail "scan $n: a refused page was kept in part"
    [ "$(q "SELECT status, n_new, n_edited, n_unchanged FROM runs WHERE kind = 'scan'" "$db")" = "failed 0 0 0" ] ||
        fail "scan $n's run counts reviews the rollback took back: $(q "SELECT * FROM runs" "$db")"
}
# one source
scan_full 2 --source "$(sed -n 's/^\[source "\(.*\)"\]$/\1/p' "$conf" | head -1)"
echo "ok 2 - a page rolled back is not counted in the run"

# ---- 3. the same with all sources at once ------------------------------------------------------
scan_full 3
echo "ok 3 - a scan stopped by its store with all sources in flight exits cleanly"
