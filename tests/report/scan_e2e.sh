#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end tests of `hugi scan` against the demo shop served on 127.0.0.1 (random port,
# killed on exit, bounded time):
#   scan → the expected alerts; rerun → none new; an edited review → one "edited" alert;
#   XSS and CSV-injection reviews inert; a source down → exit 3, the others done;
#   a held lock → exit 1 with a message, --wait waits; two scans at once → both finish, same
#   alerts; kill -9 at random points (TRIALS, default 20) → the next scan ends with exactly the
#   alerts of an uninterrupted run.
# usage: scan_e2e.sh HUGI SOURCE_DIR [TRIALS]
set -u
hugi=$1
src=$2
trials=${3:-20}
. "$src/tests/serve_shop.sh"
shop_test "$src" 600

# ids of the alerts in a store, sorted (kind and id: enough to tell lost or doubled ones)
ids() {
    DEMO_DIR=$1 "$hugi" --config "$conf" alerts --format jsonl |
        python3 -c 'import sys, json
for l in sys.stdin: a = json.loads(l); print(a["kind"], a["id"])' | sort
}

# ---- 1. the first scan -------------------------------------------------------------------
export DEMO_DIR=$tmp/run1
DEMO_DIR=$tmp/run1 "$hugi" --config "$conf" scan >"$tmp/out1" 2>"$tmp/err1"
rc=$?
[ $rc -eq 0 ] || { cat "$tmp/err1"; fail "first scan exit $rc"; }
[ -s "$tmp/out1" ] && fail "scan printed on stdout: $(head -3 "$tmp/out1")"
[ -s "$tmp/err1" ] && fail "scan was not quiet: $(head -3 "$tmp/err1")"
ids "$tmp/run1" >"$tmp/ids1"
n1=$(wc -l <"$tmp/ids1")
[ "$n1" -ge 5 ] || fail "only $n1 alerts after the first scan"
alerts=$(DEMO_DIR=$tmp/run1 "$hugi" --config "$conf" alerts --format jsonl)
echo "$alerts" | grep -q '"severity":"critical"' || fail "no critical alert (the burning charger)"
echo "$alerts" | grep -q '"categories":\["safety"' ||
    echo "$alerts" | grep -q '"safety"' || fail "the safety complaint has no safety category"
grep -Eq '^(recurring|spike|emerging) ' "$tmp/ids1" || fail "no complaint group alert: $(cat "$tmp/ids1")"
ls "$tmp/run1/alerts/"*-run*/alerts.csv >/dev/null 2>&1 || fail "no run folder with alerts.csv"
[ -s "$tmp/run1/alerts/open-alerts.csv" ] || fail "no open-alerts.csv"
[ -s "$tmp/run1/reports/digest.html" ] || fail "no digest.html"
echo "ok 1 - first scan: $n1 alerts, quiet, files written"

# ---- 2. XSS and CSV injection inert, PII masked ----------------------------------------------
grep -q '<script' "$tmp/run1/reports/digest.html" && fail "a <script> reached digest.html"
grep -q '<img' "$tmp/run1/reports/digest.html" && fail "an <img> reached digest.html"
grep -q '&lt;script&gt;' "$tmp/run1/reports/digest.html" || fail "the XSS review is not shown as text"
csv=$(cat "$tmp/run1/alerts/"*-run*/alerts.csv "$tmp/run1/alerts/open-alerts.csv")
echo "$csv" | grep -Eq '(^|,)"?[=@+][^,]*' && {
    echo "$csv" | grep -E '(^|,)"?[=@+]' | head -3
    fail "a formula cell is not neutralised"
}
echo "$csv" | grep -q "'=HYPERLINK" || fail "the formula author is missing or not neutralised"
grep -rq '4821-7730\|5555-1234\|rachel.m@example.com\|월드컵로 212\|2026112300123' \
    "$tmp/run1/alerts" "$tmp/run1/reports" && fail "personal data not masked"
head -c 3 "$tmp/run1/alerts/open-alerts.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "no BOM"
echo "ok 2 - XSS and formulas inert, PII masked, BOM"

# ---- 3. a rerun finds nothing new ------------------------------------------------------------
folders1=$(ls -d "$tmp/run1/alerts/"*/ | wc -l)
"$hugi" --config "$conf" scan 2>"$tmp/err2" || fail "rerun failed: $(cat "$tmp/err2")"
ids "$tmp/run1" >"$tmp/ids2"
cmp -s "$tmp/ids1" "$tmp/ids2" || { diff "$tmp/ids1" "$tmp/ids2"; fail "rerun changed the alerts"; }
folders2=$(ls -d "$tmp/run1/alerts/"*/ | wc -l)
[ "$folders1" = "$folders2" ] || fail "rerun wrote a run folder without new alerts"
echo "ok 3 - rerun: no new alerts"

# ---- 4. an edited review: one "edited" alert -------------------------------------------------
python3 - "$tmp/shop/products/charger.html" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
old = "충전하다가 본체가 뜨거워지면서 타는 냄새가 났어요."
assert old in s
s = s.replace(old, "충전하다가 본체가 뜨거워지면서 타는 냄새가 났고 연기까지 났어요.", 1)
open(p, "w", encoding="utf-8").write(s)
PY
touch -d '+1 minute' "$tmp/shop/products/charger.html" 2>/dev/null || touch "$tmp/shop/products/charger.html"
"$hugi" --config "$conf" scan 2>"$tmp/err3" || fail "scan after edit failed: $(cat "$tmp/err3")"
ids "$tmp/run1" >"$tmp/ids3"
new=$(comm -13 "$tmp/ids2" "$tmp/ids3")
[ "$(echo "$new" | grep -c .)" = 1 ] || fail "expected one new alert after the edit, got: $new"
echo "$new" | grep -q '^edited e-' || fail "the new alert is not an edited one: $new"
echo "ok 4 - edited review: one edited alert"

# ---- 5. a source down: exit 3, the others done -------------------------------------------------
dead=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sed "s|^url = \${DEMO_BASE}/community/feed.xml|url = http://127.0.0.1:$dead/feed.xml|" "$conf" >"$tmp/down.conf"
DEMO_DIR=$tmp/down "$hugi" --config "$tmp/down.conf" scan >/dev/null 2>"$tmp/err4"
rc=$?
[ $rc -eq 3 ] || fail "a dead source: exit $rc, expected 3 ($(cat "$tmp/err4"))"
grep -q "community" "$tmp/err4" || fail "the summary does not name the failed source: $(cat "$tmp/err4")"
nd=$(DEMO_DIR=$tmp/down "$hugi" --config "$tmp/down.conf" alerts --format jsonl | wc -l)
[ "$nd" -ge 5 ] || fail "the other sources were not scanned ($nd alerts)"
echo "ok 5 - a source down: exit 3, $nd alerts from the others"

# ---- 6. the lock: a held lock makes a scan exit 1, or wait -----------------------------------
mkdir -p "$tmp/lock"
touch "$tmp/lock/hugi.db.lock"
flock "$tmp/lock/hugi.db.lock" sleep 3 &
holder=$!
sleep 0.5
DEMO_DIR=$tmp/lock "$hugi" --config "$conf" scan 2>"$tmp/err5"
rc=$?
[ $rc -eq 1 ] || fail "scan with the lock held: exit $rc, expected 1"
grep -q "another scan is running" "$tmp/err5" || fail "no clear message: $(cat "$tmp/err5")"
start=$(date +%s.%N)
DEMO_DIR=$tmp/lock "$hugi" --config "$conf" scan --wait 20 2>"$tmp/err6" || fail "scan --wait failed: $(cat "$tmp/err6")"
end=$(date +%s.%N)
wait $holder
python3 -c "import sys; sys.exit(0 if $end - $start >= 1.5 else 1)" || fail "scan --wait did not wait"
# two real scans at once on a fresh store: both finish, the alerts are those of one scan
DEMO_DIR=$tmp/two "$hugi" --config "$conf" scan --wait 120 2>"$tmp/err7a" &
a=$!
DEMO_DIR=$tmp/two "$hugi" --config "$conf" scan --wait 120 2>"$tmp/err7b" &
b=$!
wait $a || fail "first of two scans failed: $(cat "$tmp/err7a")"
wait $b || fail "second of two scans failed: $(cat "$tmp/err7b")"
ids "$tmp/two" | cmp -s - "$tmp/ids1" || fail "two scans at once gave other alerts"
echo "ok 6 - lock: exit 1 with a message, --wait waits, two scans at once agree"

# ---- 7. alerts, ack, report from the store ---------------------------------------------------
export DEMO_DIR=$tmp/run1
first=$(head -1 "$tmp/ids3" | cut -d' ' -f2)
second=$(sed -n 2p "$tmp/ids3" | cut -d' ' -f2)
grep -q "$first" "$tmp/run1/alerts/open-alerts.csv" || fail "$first not in open-alerts.csv"
HUGI_NOW=2026-11-23T11:30:00Z "$hugi" --config "$conf" ack "$first" "$second" --by 지우 --note "환불 완료" 2>"$tmp/err8" ||
    fail "ack failed: $(cat "$tmp/err8")"
grep -q "$first" "$tmp/run1/alerts/open-alerts.csv" && fail "an acked alert is still in open-alerts.csv"
"$hugi" --config "$conf" alerts --open --format jsonl | grep -q "\"$first\"" &&
    fail "alerts --open lists an acked alert"
"$hugi" --config "$conf" alerts --format jsonl | grep "\"$first\"" | grep -q '"acked_by":"지우"' ||
    fail "the ack is not recorded"
"$hugi" --config "$conf" ack "$first" 2>"$tmp/err9" || fail "a second ack failed"
grep -q "already" "$tmp/err9" || fail "a second ack does not say so"
"$hugi" --config "$conf" ack r-000000000000 2>"$tmp/err10"
[ $? -eq 1 ] || fail "ack of an unknown id did not exit 1"
grep -q "no alert 'r-000000000000'" "$tmp/err10" || fail "unknown id message: $(cat "$tmp/err10")"
HUGI_NOW=2026-11-23T11:30:00Z "$hugi" --config "$conf" report --format md >"$tmp/digest.md" ||
    fail "report from the store failed"
grep -q '| 2.5 h |' "$tmp/digest.md" || fail "no average response time in the digest: $(sed -n 5,9p "$tmp/digest.md")"
"$hugi" --config "$conf" report --out "$tmp/rep" --product P-TMB02 || fail "report --out failed"
[ -s "$tmp/rep/digest.html" ] && [ -s "$tmp/rep/digest.md" ] || fail "report --out wrote no digest"
grep -q '데일리 텀블러' "$tmp/rep/digest.md" || fail "the product's name is not in its digest"
echo "ok 7 - alerts, ack (open-alerts.csv rewritten, response time), report from the store"

# ---- 8. the webhook: posted after a scan with new urgent alerts; a dead one loses nothing ----
hookout=$tmp/hook.out
python3 "$src/tests/http_server.py" --post-fail 1 --post-log "$hookout" --timeout 60 >"$tmp/hook.port" &
hook=$!
for _ in $(seq 50); do [ -s "$tmp/hook.port" ] && break; sleep 0.1; done
[ -s "$tmp/hook.port" ] || { kill $hook 2>/dev/null; fail "the webhook test server gave no port within 5 s"; }
{ cat "$conf"; printf '[notify]\nwebhook = http://127.0.0.1:%s/hook\nwebhook_retries = 2\n' "$(cat "$tmp/hook.port")"; } >"$tmp/hook.conf"
DEMO_DIR=$tmp/hook "$hugi" --config "$tmp/hook.conf" scan 2>"$tmp/err11" ||
    fail "scan with a webhook (one 500, then 200) failed: $(cat "$tmp/err11")"
kill $hook 2>/dev/null
[ "$(wc -l <"$hookout")" = 2 ] || fail "expected a retry and one delivery, got $(wc -l <"$hookout") posts"
tail -1 "$hookout" | python3 -c 'import sys, json
b = json.load(sys.stdin)
assert b["text"].startswith("hugi: "), b["text"]
assert any(a["severity"] == "critical" for a in b["alerts"])
assert all(a["severity"] in ("critical", "high") for a in b["alerts"])' || fail "webhook body: $(tail -c 300 "$hookout")"
grep -q '4821-7730' "$hookout" && fail "the webhook carries unmasked personal data"
DEMO_DIR=$tmp/hookdead "$hugi" --config "$tmp/hook.conf" scan 2>"$tmp/err12"
rc=$?
[ $rc -eq 3 ] || fail "a dead webhook: exit $rc, expected 3"
grep -q "webhook" "$tmp/err12" || fail "a dead webhook is not reported: $(cat "$tmp/err12")"
[ "$(ids "$tmp/hookdead" | wc -l)" -ge 5 ] && ls "$tmp/hookdead/alerts/"*-run*/alerts.csv >/dev/null ||
    fail "a dead webhook lost alerts"
echo "ok 8 - webhook: retried, Slack-style body, masked; a dead one reported (exit 3), nothing lost"

# ---- 9. kill -9 at random points --------------------------------------------------------------
# the reference: an uninterrupted scan of the edited shop
DEMO_DIR=$tmp/ref "$hugi" --config "$conf" scan 2>/dev/null || fail "reference scan failed"
ids "$tmp/ref" >"$tmp/ref.ids"
t0=$(date +%s%N)
DEMO_DIR=$tmp/timing "$hugi" --config "$conf" scan 2>/dev/null
t1=$(date +%s%N)
span=$(((t1 - t0) / 1000000)) # ms one scan takes here
[ $span -gt 0 ] || span=1
killed=0
for i in $(seq "$trials"); do
    d=$tmp/k$i
    DEMO_DIR=$d "$hugi" --config "$conf" scan 2>/dev/null &
    pid=$!
    ms=$((RANDOM % (span + 1)))
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    if kill -9 $pid 2>/dev/null; then killed=$((killed + 1)); fi
    wait $pid 2>/dev/null
    DEMO_DIR=$d timeout 120 "$hugi" --config "$conf" scan 2>"$tmp/errk" ||
        fail "trial $i: the scan after kill -9 at ${ms}ms failed: $(cat "$tmp/errk")"
    ids "$d" | cmp -s - "$tmp/ref.ids" || {
        ids "$d" | diff "$tmp/ref.ids" -
        fail "trial $i: kill -9 at ${ms}ms: alerts differ from an uninterrupted run"
    }
    rm -rf "$d"
done
echo "ok 9 - kill -9 at random points: $trials trials ($killed killed mid-scan, scan ≈ ${span}ms), alerts exact"

# ---- 10. killed after the commit, before the run folder: the next scan writes the folder -------
# HUGI_TEST_CRASH_AFTER_COMMIT makes scan _exit(137) right after its alerts are committed and
# before alerts/<stamp>-run<N>/ exists (test-only hook in cli/cmd_scan.c).
d=$tmp/lostdir
DEMO_DIR=$d HUGI_TEST_CRASH_AFTER_COMMIT=1 "$hugi" --config "$conf" scan 2>/dev/null
rc=$?
[ $rc -eq 137 ] || fail "the crash hook did not fire (exit $rc)"
ls -d "$d/alerts/"*-run* >/dev/null 2>&1 && fail "a run folder exists although the scan died first"
ids "$d" >"$tmp/lost.store"
[ -s "$tmp/lost.store" ] || fail "the killed scan committed no alerts"
DEMO_DIR=$d "$hugi" --config "$conf" scan -v 2>"$tmp/errl" ||
    fail "the scan after the crash failed: $(cat "$tmp/errl")"
grep -q "recovered .* of interrupted run 1 into" "$tmp/errl" ||
    fail "-v does not say what was recovered: $(cat "$tmp/errl")"
rd=$(ls -d "$d/alerts/"*-run1 2>/dev/null)
[ -n "$rd" ] && [ -s "$rd/alerts.csv" ] || fail "run 1's folder was not recovered: $(ls "$d/alerts")"
python3 -c 'import sys, json
for l in open(sys.argv[1]): a = json.loads(l); print(a["kind"], a["id"])' "$rd/alerts.jsonl" |
    sort | cmp -s - "$tmp/lost.store" || fail "the recovered folder does not hold run 1's alerts"
[ "$(ls -d "$d/alerts/"*-run* | wc -l)" -eq 1 ] || fail "extra run folders: $(ls "$d/alerts")"
snap() { (cd "$d/alerts" && find . -path './*-run*' -type f -exec md5sum {} + | sort); }
snap >"$tmp/snap1"
DEMO_DIR=$d "$hugi" --config "$conf" scan -v 2>"$tmp/errl3" || fail "the third scan failed"
grep -q "recovered" "$tmp/errl3" && fail "a second recovery rewrote: $(cat "$tmp/errl3")"
snap | cmp -s - "$tmp/snap1" || fail "the third scan changed the run folders"
echo "ok 10 - killed between commit and run folder: the next scan writes it from the store, once"
