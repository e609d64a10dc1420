#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Crash safety of the store: kill -9 `hugi import` at random points (≥ 20 trials), rerun it, and
# check that the store ends exactly as an uninterrupted run leaves it: every review once, every
# edit once, history intact, no run left "running", SQLite integrity and foreign keys clean.
#   store_kill9.sh HUGI [TRIALS] [N]
set -euo pipefail
hugi=$(readlink -f "$1")
trials=${2:-20}
n=${3:-4000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export HUGI_NOW=2026-01-15T00:00:00Z
unset HUGI_CONFIG

# A: n reviews; B: edits of the first n/4 and n/4 new ones
python3 - "$n" <<'PY'
import json, sys
n = int(sys.argv[1])
words = ["배송", "포장", "품질", "sound", "battery", "좋아요", "별로", "great", "broken", "환불"]
with open("a.jsonl", "w") as a, open("b.jsonl", "w") as b:
    for i in range(n):
        r = {"source": "s%d" % (i % 3), "product": "P%d" % (i % 7), "id": str(i),
             "rating": 1 + i % 5, "text": " ".join(words[(i + k) % 10] for k in range(8)) + " #%d" % i}
        a.write(json.dumps(r, ensure_ascii=False) + "\n")
        if i < n // 4:
            r["text"] += " (edited)"
            b.write(json.dumps(r, ensure_ascii=False) + "\n")
    for i in range(n, n + n // 4):
        b.write(json.dumps({"source": "s0", "product": "P1", "id": str(i), "rating": 3,
                            "text": "new review %d" % i}, ensure_ascii=False) + "\n")
PY
printf '[store]\nbatch = 50\n' > hugi.conf

check() {
    python3 - "$1" "$n" <<'PY'
import sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
q = lambda s: c.execute(s).fetchone()[0]
want = {"reviews": n + n // 4, "edited": n // 4, "history": n // 4, "running": 0,
        "integrity": "ok", "fk": 0, "dups": 0}
got = {"reviews": q("SELECT count(*) FROM reviews"),
       "edited": q("SELECT count(*) FROM reviews WHERE version > 1"),
       "history": q("SELECT count(*) FROM review_versions"),
       "running": q("SELECT count(*) FROM runs WHERE status = 'running'"),
       "integrity": q("PRAGMA integrity_check"),
       "fk": len(c.execute("PRAGMA foreign_key_check").fetchall()),
       "dups": q("SELECT count(*) FROM (SELECT source, rid FROM reviews GROUP BY 1, 2 HAVING count(*) > 1)")}
if q("SELECT max(version) FROM reviews") != 2:
    got["maxversion"] = q("SELECT max(version) FROM reviews")
if got != want:
    print("store wrong:", got, "want", want)
    sys.exit(1)
PY
}

# how long an uninterrupted import takes, to spread the kill points over it
start=$(date +%s%N)
"$hugi" --store ref.db import -q a.jsonl
"$hugi" --store ref.db import -q b.jsonl
dur_ms=$((($(date +%s%N) - start) / 2000000))
[ "$dur_ms" -lt 20 ] && dur_ms=20
check ref.db

killed=0
for t in $(seq 1 "$trials"); do
    rm -f t.db t.db-wal t.db-shm
    for f in a.jsonl b.jsonl; do
        # a random point in [0, 1.1 x duration): some before the store exists, some mid-batch,
        # some mid-commit, a few after the end
        delay=$((RANDOM % (dur_ms * 11 / 10 + 1)))
        "$hugi" --store t.db import -q "$f" &
        pid=$!
        sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
        if kill -9 "$pid" 2>/dev/null; then
            killed=$((killed + 1))
        fi
        wait "$pid" 2>/dev/null || true
        # the rerun finishes the work
        "$hugi" --store t.db import -q "$f"
    done
    if ! check t.db; then
        echo "trial $t failed"
        exit 1
    fi
done
echo "kill -9: $trials trials, $killed imports killed mid-run, store exact every time"
# a sanity check that the kills mostly landed while the import ran (timing varies with load)
[ "$killed" -ge $((trials / 4)) ] || { echo "too few kills landed mid-run ($killed)"; exit 1; }
