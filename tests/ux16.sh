#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ux16's user audit (docs/audit-ux16.md), the morning routine on saved pages (file:// sources,
# no network): `hugi ack` with an unknown id among known ones is a partial result (exit 3, like
# import); the digest follows the acks; a lock held by something else than a running hugi scan
# says so and how to find the holder.
# usage: ux16.sh HUGI SOURCE_DIR
set -u
hugi=$1
src=$2
tmp=$(mktemp -d)
trap 'kill $holder 2>/dev/null; rm -rf "$tmp"' EXIT
holder=
fail() { echo "FAIL: $*"; exit 1; }
export HUGI_NOW=2026-11-23T09:00:00Z HUGI_DATADIR=$src LC_ALL=C.UTF-8
cp "$src/examples/demo-shop/products/tumbler.html" "$src/examples/demo-shop/products/charger.html" "$tmp/"
cat >"$tmp/hugi.conf" <<CONF
[source "tumbler"]
url = file://$tmp/tumbler.html
product = P-TMB02
[source "charger"]
url = file://$tmp/charger.html
product = P-CHG01
[alerts]
timezone = KST
CONF
cd "$tmp" || exit 1
"$hugi" scan 2>err0 || fail "scan: exit $? $(cat err0)"
ids=$("$hugi" alerts --open --format jsonl | python3 -c 'import sys, json
for l in sys.stdin: print(json.loads(l)["id"])')
a=$(echo "$ids" | sed -n 1p)
b=$(echo "$ids" | sed -n 2p)
[ -n "$a" ] && [ -n "$b" ] || fail "no alerts to acknowledge"
grep -q "$a" reports/digest.md || fail "$a not in the digest before the ack"

# ---- 1. ack: partial is 3, none is 1, all (or already) is 0 ----------------------------------
"$hugi" ack r-000000000000 "$a" --by 지우 2>err1
rc=$?
[ $rc -eq 3 ] || fail "ack of an unknown and a known id: exit $rc, expected 3 (partial)"
grep -q "no alert 'r-000000000000'" err1 || fail "unknown id not named: $(cat err1)"
"$hugi" alerts --format jsonl | grep "\"$a\"" | grep -q '"status":"acked"' || fail "$a not acknowledged"
"$hugi" ack r-000000000000 2>err2
rc=$?
[ $rc -eq 1 ] || fail "ack of an unknown id alone: exit $rc, expected 1"
"$hugi" ack "$a" 2>err3 || fail "ack of an acknowledged id: exit $?"
grep -q already err3 || fail "a second ack does not say so"
echo "ok 1 - ack: 3 partial, 1 nothing done, 0 done"

# ---- 2. the digest follows the acks --------------------------------------------------------
grep -q "$a" alerts/open-alerts.csv && fail "$a still in open-alerts.csv"
grep -q "\`$a\`" reports/digest.md && fail "the digest still lists acknowledged $a as needing an answer"
grep -q "\`$b\`" reports/digest.md || fail "the digest lost open $b"
grep -q "$a" reports/digest.html && fail "digest.html still lists acknowledged $a"
"$hugi" scan 2>err4 || fail "rescan: exit $?"
grep -q "\`$a\`" reports/digest.md && fail "after a rescan the digest lists acknowledged $a"
echo "ok 2 - ack rewrites the digest (no acknowledged alert listed as needing an answer)"

# ---- 3. a lock held by something that is not a running scan -----------------------------------
python3 -c 'import fcntl, sys, time
f = open("hugi.db.lock", "a")
fcntl.flock(f, fcntl.LOCK_EX)
time.sleep(30)' &
holder=$!
for _ in $(seq 50); do
    flock -n hugi.db.lock true 2>/dev/null || break
    sleep 0.1
done
# the pid a crashed scan left in the lock file: no such process now
printf '999999999\n' | dd of=hugi.db.lock conv=notrunc status=none
"$hugi" scan 2>err5
rc=$?
[ $rc -eq 1 ] || fail "scan while another program holds the lock: exit $rc"
grep -q "pid 999999999" err5 || fail "the recorded pid is not named: $(cat err5)"
grep -q "not running" err5 || fail "the message does not say the recorded pid is not running: $(cat err5)"
grep -q "fuser" err5 || fail "the message does not say how to find the holder: $(cat err5)"
kill $holder 2>/dev/null
wait $holder 2>/dev/null
holder=
echo "ok 3 - a lock held by another program: the stale pid named, and how to find the holder"

# ---- 4. every source unreachable: a failure, named as one ------------------------------------
mkdir down && cd down || exit 1
cat >hugi.conf <<CONF
[fetch]
retries = 0
connect_timeout = 2s
[source "shop"]
url = http://127.0.0.1:9/products/p.html
product = P-1
[source "app"]
url = http://127.0.0.1:9/app.json
product = P-2
CONF
"$hugi" scan 2>err6
rc=$?
[ $rc -eq 1 ] || fail "every source unreachable: exit $rc, expected 1 (nothing was scanned)"
grep -q "the others were scanned" err6 && fail "says 'the others were scanned' with none: $(cat err6)"
grep -q "all 2 sources failed" err6 || fail "does not say every source failed: $(cat err6)"
grep -q "nothing on this host may be crawled" err6 &&
    fail "an unreachable host is reported as a robots.txt ban: $(cat err6)"
grep -q "cannot reach" err6 || fail "the unreachable host is not named as such: $(cat err6)"
# one source of two down: partial, as before
cd .. && cat >>hugi.conf <<CONF
[source "down"]
url = http://127.0.0.1:9/x.html
product = P-9
[fetch]
retries = 0
CONF
"$hugi" scan 2>err7
rc=$?
[ $rc -eq 3 ] || fail "one source of three down: exit $rc, expected 3: $(cat err7)"
grep -q "1 of 3 sources failed (the others were scanned)" err7 || fail "partial message: $(cat err7)"
echo "ok 4 - every source down: exit 1, 'cannot reach'; one down: exit 3"

# ---- 5. cron runs from another directory: the default store is beside the config --------------
cd "$tmp" && mkdir elsewhere && cd elsewhere || exit 1
n=$("$hugi" --config "$tmp/hugi.conf" alerts --format jsonl 2>err8 | wc -l)
[ "$n" -gt 0 ] || fail "alerts from another directory found no store beside the config: $(cat err8)"
"$hugi" --config "$tmp/hugi.conf" scan 2>err9
[ -e hugi.db ] && fail "a scan from another directory made a store there, not beside the config"
n2=$("$hugi" --config "$tmp/hugi.conf" alerts --format jsonl | wc -l)
[ "$n2" -eq "$n" ] || fail "a scan from another directory raised the alerts again: $n then $n2"
echo "ok 5 - the default store is beside the config file (cron from any directory)"

# ---- 6. a rescan with nothing new still shows the alerts that fell due since ------------------
overdue() {
    python3 -c 'import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = lines.index("## Summary")
print(lines[i + 4].split("|")[7].strip())' "$tmp/reports/digest.md"
}
before=$(overdue)
HUGI_NOW=2026-11-26T09:00:00Z "$hugi" --config "$tmp/hugi.conf" scan 2>err10
after=$(overdue)
[ "$before" = 0 ] || fail "overdue before: $before"
[ "$after" != 0 ] || fail "two days later, with nothing new, the digest still shows 0 overdue: $(cat err10)"
grep -q "Generated 2026-11-26" "$tmp/reports/digest.md" || fail "the digest was not rewritten"
echo "ok 6 - a rescan with nothing new rewrites the digest when alerts fell due since the last run"

# ---- 7. every path the config names is relative to it: templates, lexicons ------------------
mkdir -p "$tmp/rel" && cp -r "$src/templates" "$tmp/rel/tpl" && cp "$tmp/tumbler.html" "$tmp/rel/" || exit 1
sed -i 's/소중한 후기 남겨 주셔서 감사합니다/OUR-OWN-WORDING/' "$tmp/rel/tpl/ko/generic.txt"
printf '뚜껑\n' >"$tmp/rel/lid.tsv"
printf '텀블러최고\t0.5\n' >"$tmp/rel/words.tsv"
cat >"$tmp/rel/hugi.conf" <<CONF
[source "tumbler"]
url = file://$tmp/rel/tumbler.html
product = P-TMB02
[alerts]
templates = tpl
[sentiment]
lexicon = words.tsv
[complaints]
lexicon = lid.tsv
CONF
cd "$tmp/elsewhere" || exit 1
"$hugi" --config "$tmp/rel/hugi.conf" scan 2>err11 || fail "scan from another directory: exit $? $(cat err11)"
"$hugi" --config "$tmp/rel/hugi.conf" alerts --format jsonl >alerts.jsonl
grep -q OUR-OWN-WORDING alerts.jsonl || fail "[alerts] templates not read relative to the config"
grep -q '"lid"' alerts.jsonl || fail "the scan did not use [complaints] lexicon (no 'lid' category)"
"$hugi" --config "$tmp/rel/hugi.conf" complaints --format jsonl >groups.jsonl 2>err12 ||
    fail "complaints from another directory: exit $? $(cat err12)"
echo "ok 7 - [alerts] templates, [sentiment] and [complaints] lexicon are relative to the config"

# ---- 8. upgrade: a store in the old default place (the working directory) is not left behind --
# Before ux16 the default store was ./hugi.db in the working directory. A cron job started in its
# data folder with --config elsewhere has its reviews and alerts there: after the upgrade the
# default moved beside the config, and a new empty store there would raise every alert again.
mkdir -p "$tmp/up/conf" "$tmp/up/work" && cp "$tmp/tumbler.html" "$tmp/up/" || exit 1
cat >"$tmp/up/conf/hugi.conf" <<CONF
[source "tumbler"]
url = file://$tmp/up/tumbler.html
product = P-TMB02
CONF
cd "$tmp/up/work" || exit 1
# the old version's run: its default store was this folder's hugi.db
"$hugi" --config "$tmp/up/conf/hugi.conf" --store hugi.db scan 2>err13 || fail "scan: exit $? $(cat err13)"
n=$("$hugi" --config "$tmp/up/conf/hugi.conf" --store hugi.db alerts --format jsonl | wc -l)
[ "$n" -gt 0 ] || fail "no alerts in the old store"
"$hugi" --config "$tmp/up/conf/hugi.conf" scan 2>err14 || fail "scan after the upgrade: exit $? $(cat err14)"
[ -e "$tmp/up/conf/hugi.db" ] &&
    fail "an existing ./hugi.db (the old default) was ignored: a new empty store was begun beside the config"
grep -q "hugi.db" err14 || fail "using the old default store is not said: $(cat err14)"
n2=$("$hugi" --config "$tmp/up/conf/hugi.conf" --store hugi.db alerts --format jsonl | wc -l)
[ "$n2" -eq "$n" ] || fail "the upgrade raised the alerts again: $n then $n2"
echo "ok 8 - a store in the old default place (./hugi.db) is still used, with a warning"
