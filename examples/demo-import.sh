#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make demo: imports the bundled seller-centre exports (reviews we wrote ourselves, Korean and
# English, some angry, some happy) into a fresh store under demo-out/, then a later export where
# some reviews were edited, and says what the store holds and where it is.
# examples/demo.sh runs this when `hugi scan` is not built (the scorer or complaints missing).
set -euo pipefail
hugi=$(readlink -f "${1:-build/cli/hugi}")
here="$(cd "$(dirname "$0")" && pwd)"
out=demo-out
rm -rf "$out"
mkdir -p "$out"
store="$(pwd)/$out/hugi.db"
rel=$(realpath --relative-to=. "$here")
run() { "$hugi" --store "$store" "$@"; }

echo "hugi demo: $("$hugi" version | head -1)"
echo
echo "== 1. the seller-centre export of 2026-01-10 (30 reviews, 3 products)"
run import --source smartstore --tz +09:00 "$rel/demo-export.csv"
echo
echo "== 2. the next export: 4 reviews edited by their authors, 3 new"
run import --source smartstore --tz +09:00 "$rel/demo-export-2.csv"
echo
echo "== 3. the same export again: nothing new, nothing lost, no duplicates"
run import --source smartstore --tz +09:00 "$rel/demo-export-2.csv"
echo
echo "== what the store holds"
run export | python3 -c '
import json, sys
from collections import Counter
rows = [json.loads(l) for l in sys.stdin]
per = Counter(r["product"] for r in rows)
low = Counter(r["product"] for r in rows if r["rating"] is not None and r["rating"] <= 2)
print("%d reviews, %d edited since first seen" % (len(rows), sum(r["edited"] for r in rows)))
for p in sorted(per):
    print("  product %s: %d reviews, %d rated 1-2 stars" % (p, per[p], low[p]))
print("edited reviews (current version):")
for r in rows:
    if r["edited"]:
        print("  %s %s %s* v%d: %s" % (r["product"], r["id"], int(r["rating"]), r["version"], r["text"][:60]))
'
echo
echo "store: $store"
echo "try:   build/cli/hugi --store $out/hugi.db export --product 1001 --format csv"
