#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# hugi scan on a local site of PRODUCTS products × REVIEWS reviews (default 100 × 1,000): JSON-LD
# product pages of 100 reviews each, newest first, linked by rel=next, served by Python's
# http.server on 127.0.0.1 (which answers If-Modified-Since with 304). Measures the first full
# scan (fetch, extract, store, score, complaints, alerts, digest), then a rescan with nothing new,
# which must cost at most 5% of the first (conditional GET on each first page, stop at known).
# The peer: fetching the same pages with curl (no parsing), measured in the same run.
# usage: bench_scan.sh HUGI [PRODUCTS] [REVIEWS]
set -euo pipefail
hugi=$1
products=${2:-100}
reviews=${3:-1000}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
export HUGI_NOW=2026-11-23T09:00:00Z HUGI_DATADIR=$here
unset HUGI_CONFIG

python3 - "$tmp/site" "$tmp/hugi.conf" "$products" "$reviews" <<'PY'
import datetime as dt, html, json, os, random, sys
out, conf, nprod, nrev = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(42)
now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)
good = ["배송 빠르고 품질 좋아요", "가격 대비 만족합니다", "재구매 의사 있어요 강추", "Works great, love it",
        "디자인이 예쁘고 튼튼해요", "Exactly as described, fast shipping", "포장 꼼꼼하고 좋아요"]
bad = ["배송이 너무 늦어요", "한 번 쓰고 고장났어요 불량입니다", "사이즈가 안 맞아요 교환 원해요",
       "Broke after two days, very disappointed", "포장이 엉망이라 파손돼서 왔어요", "환불 요청했는데 답이 없어요",
       "Terrible quality, want a refund"]
per_page = 100
pages = (nrev + per_page - 1) // per_page
lines = ["[store]", "path = ${BENCH_DIR}/hugi.db", "[fetch]", "delay = 0", "per_host = 8",
         "concurrency = 16", "max_pages = 1000", "retries = 1",
         "[alerts]", "dir = ${BENCH_DIR}/alerts", "[report]", "dir = ${BENCH_DIR}/reports"]
for p in range(nprod):
    pid = "P%03d" % p
    os.makedirs(os.path.join(out, pid), exist_ok=True)
    revs = []
    for i in range(nrev):
        neg = rnd.random() < 0.2
        text = rnd.choice(bad if neg else good)
        stars = rnd.choice([1, 2]) if neg else rnd.choice([4, 5, 5])
        t = now - dt.timedelta(minutes=i * 20 + rnd.randint(0, 19))
        revs.append({"@type": "Review", "@id": "%s-r%05d" % (pid, i),
                     "author": {"@type": "Person", "name": "user%d" % rnd.randint(1, 99999)},
                     "datePublished": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
                     "reviewRating": {"@type": "Rating", "ratingValue": stars},
                     "reviewBody": "%s (#%d)" % (text, i)})
    for pg in range(pages):
        chunk = revs[pg * per_page:(pg + 1) * per_page]
        ld = {"@context": "https://schema.org", "@type": "Product", "name": "Product %s" % pid,
              "review": chunk}
        nxt = '<link rel="next" href="page%d.html">' % (pg + 2) if pg + 1 < pages else ""
        with open(os.path.join(out, pid, "page%d.html" % (pg + 1)), "w", encoding="utf-8") as f:
            f.write('<!DOCTYPE html><html><head><meta charset="utf-8">%s'
                    '<script type="application/ld+json">%s</script></head><body></body></html>'
                    % (nxt, json.dumps(ld, ensure_ascii=False)))
    lines += ['[product "%s"]' % pid, "name = Product %s" % pid,
              '[source "s%s"]' % pid, "url = ${BENCH_BASE}/%s/page1.html" % pid,
              "preset = jsonld", "product = %s" % pid]
with open(conf, "w") as f:
    f.write("\n".join(lines) + "\n")
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
timeout 3600 python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/site" >/dev/null 2>&1 &
server=$!
up=
for _ in $(seq 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && { up=1; break; }
    sleep 0.1
done
[ -n "$up" ] || { echo "bench_scan: error: the HTTP server did not answer on 127.0.0.1:$port within 10 s" >&2; kill $server 2>/dev/null; exit 1; }
export BENCH_BASE=http://127.0.0.1:$port BENCH_DIR=$tmp/out
npages=$(find "$tmp/site" -name 'page*.html' | wc -l)

now() { date +%s.%N; }
# the peer: the same pages with curl, 8 at a time (transfer only)
t0=$(now)
find "$tmp/site" -name 'page*.html' | sed "s|$tmp/site|$BENCH_BASE|" |
    awk '{print "url = \"" $0 "\"\noutput = \"/dev/null\""}' >"$tmp/curl.cfg"
curl -s -Z --parallel-max 8 -K "$tmp/curl.cfg" 2>/dev/null
t1=$(now)
"$hugi" --config "$tmp/hugi.conf" scan || { rc=$?; [ $rc -eq 3 ] || exit $rc; }
t2=$(now)
"$hugi" --config "$tmp/hugi.conf" scan
t3=$(now)
"$hugi" --config "$tmp/hugi.conf" alerts --format jsonl >"$tmp/alerts.jsonl"
python3 - "$t0" "$t1" "$t2" "$t3" "$products" "$reviews" "$npages" "$(wc -l <"$tmp/alerts.jsonl")" <<'PY'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:5])
prod, rev, pages, alerts = map(int, sys.argv[5:9])
curl, first, rescan = t1 - t0, t2 - t1, t3 - t2
n = prod * rev
print(f"site: {prod} products x {rev} reviews = {n} reviews on {pages} pages")
print(f"curl, the pages only (peer):     {curl:8.2f} s")
print(f"hugi scan, first (full):         {first:8.2f} s  ({n / first:,.0f} reviews/s, {alerts} alerts)")
print(f"hugi scan, rescan (nothing new): {rescan:8.2f} s  = {100 * rescan / first:.1f}% of the first (limit 5%)")
sys.exit(0 if rescan <= 0.05 * first else 1)
PY
