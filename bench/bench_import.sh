#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Import speed and memory: a generated JSONL of N reviews (default 1,000,000; BENCH_IMPORT_N)
# into a fresh store with `hugi import`, then again (every review "unchanged"), against a peer
# measured in the same run: the Python 3 stdlib loop a user would write instead (json.loads per
# line, INSERT OR IGNORE into SQLite with a UNIQUE(source, id), one transaction).
# Prints wall seconds, CPU seconds and peak RSS of each (best wall of BENCH_IMPORT_RUNS runs,
# default 3, since the machine is shared), and the ratios.
#   bench_import.sh HUGI
set -euo pipefail
hugi=$(readlink -f "$1")
here="$(cd "$(dirname "$0")" && pwd)"
n=${BENCH_IMPORT_N:-1000000}
runs=${BENCH_IMPORT_RUNS:-3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hugi-bench-import.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "generating $n reviews..."
python3 "$here/gen_reviews.py" "$n" >"$tmp/reviews.jsonl"
echo "input: $(du -h "$tmp/reviews.jsonl" | cut -f1), $n lines; load average $(cut -d' ' -f1 /proc/loadavg)"

cat >"$tmp/peer.py" <<'PY'
# The same job in the Python a user would write: dedupe by (source, id), keep every field,
# NFC-normalise text, index by product and date, one transaction.
import json, sqlite3, sys, unicodedata
nfc = lambda s: unicodedata.normalize("NFC", s) if isinstance(s, str) else s
db = sqlite3.connect(sys.argv[2])
db.execute("PRAGMA journal_mode=WAL")
db.execute("CREATE TABLE IF NOT EXISTS reviews(source TEXT, id TEXT, product TEXT, author TEXT,"
           " rating REAL, date TEXT, lang TEXT, title TEXT, text TEXT, UNIQUE(source, id))")
db.execute("CREATE INDEX IF NOT EXISTS reviews_product ON reviews(product, date)")
with open(sys.argv[1], encoding="utf-8") as f, db:
    db.executemany("INSERT OR IGNORE INTO reviews VALUES(?,?,?,?,?,?,?,?,?)",
                   ((r.get("source"), str(r.get("id")), r.get("product"), nfc(r.get("author")),
                     r.get("rating"), r.get("date"), r.get("lang"), nfc(r.get("title")),
                     nfc(r.get("text")))
                    for r in map(json.loads, f)))
PY

# Runs a command alone and prints "wall cpu maxrss_kib" (getrusage of the child).
measure() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
wall = time.monotonic() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.2f %.2f %d" % (wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss))
PY
}

# best_of CMD...: the run with the lowest wall time, as "wall cpu rss"; DB is removed first
best_of() {
    local best="" line
    for _ in $(seq 1 "$runs"); do
        rm -f "$tmp"/h.db* "$tmp"/p.db*
        line=$(measure "$@")
        if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
            best=$line
        fi
    done
    echo "$best"
}
read -r hw hc hr < <(best_of "$hugi" --store "$tmp/h.db" import -q "$tmp/reviews.jsonl")
read -r uw uc ur < <(measure "$hugi" --store "$tmp/h.db" import -q "$tmp/reviews.jsonl")
count=$("$hugi" --store "$tmp/h.db" export | wc -l)
read -r pw pc pr < <(best_of python3 "$tmp/peer.py" "$tmp/reviews.jsonl" "$tmp/p.db")

awk -v n="$n" -v hw="$hw" -v hc="$hc" -v hr="$hr" -v uw="$uw" -v uc="$uc" -v ur="$ur" \
    -v pw="$pw" -v pc="$pc" -v pr="$pr" -v count="$count" 'BEGIN {
    printf "%-34s %8s %8s %10s %12s\n", "", "wall s", "cpu s", "peak MiB", "reviews/s"
    printf "%-34s %8.2f %8.2f %10.1f %12.0f\n", "hugi import (new store)", hw, hc, hr/1024, n/hw
    printf "%-34s %8.2f %8.2f %10.1f %12.0f\n", "hugi import again (all unchanged)", uw, uc, ur/1024, n/uw
    printf "%-34s %8.2f %8.2f %10.1f %12.0f\n", "peer: python3 json+sqlite3", pw, pc, pr/1024, n/pw
    printf "hugi vs peer: %.2fx the speed (wall), %.2fx less CPU, %.2fx the peak memory\n", pw/hw, pc/hc, hr/pr
    if (n == 1000000)
        printf "targets (1M reviews, <= 10 s, <= 64 MiB): %s\n", (hw <= 10 && hr/1024 <= 64) ? "met" : "NOT met (wall time depends on the load average above; cpu s is the machine-independent part)"
    printf "stored: %d reviews (expected %d)\n", count, n
}'
