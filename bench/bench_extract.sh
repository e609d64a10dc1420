#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Extraction speed: ~200 generated product pages of ~30 KB, each with a JSON-LD Product holding
# 10 reviews and the same 10 reviews as microdata, read by `hugi extract` (auto-detect, one
# process for all pages, output to /dev/null) and by Debian's python3-extruct restricted to the
# json-ld and microdata syntaxes (one Python process for all pages, as a user would script it).
# Prints MB/s for both and the ratio. Usage: bench/bench_extract.sh path/to/hugi
set -euo pipefail
hugi=${1:?usage: bench_extract.sh HUGI}
pages=${PAGES:-200}
rounds=${ROUNDS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$pages" <<'PY'
import os, random, sys, json
out, n = sys.argv[1], int(sys.argv[2])
random.seed(7)
words = ("fast quiet sturdy light broke late refund size small large colour great poor box "
         "delivery arrived excellent cheap value battery lasts returned again love hate").split()
filler = "<div class=\"nav\"><ul>" + "".join(f"<li><a href=\"/c/{i}\">Category {i}</a></li>" for i in range(60)) + "</ul></div>"
for p in range(n):
    revs = []
    for r in range(10):
        text = " ".join(random.choice(words) for _ in range(random.randint(20, 60)))
        revs.append({"@type": "Review", "author": {"@type": "Person", "name": f"user{p}_{r}"},
                     "datePublished": f"2024-0{1 + r % 9}-1{r % 10}",
                     "reviewBody": text,
                     "reviewRating": {"@type": "Rating", "ratingValue": str(1 + (p + r) % 5), "bestRating": "5"}})
    ld = {"@context": "https://schema.org", "@type": "Product", "name": f"Product {p}",
          "aggregateRating": {"@type": "AggregateRating", "ratingValue": "4.2", "reviewCount": "10"},
          "review": revs}
    md = "".join(
        f'<div itemprop="review" itemscope itemtype="https://schema.org/Review">'
        f'<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">{r["author"]["name"]}</span></span>'
        f'<meta itemprop="datePublished" content="{r["datePublished"]}">'
        f'<div itemprop="reviewRating" itemscope itemtype="https://schema.org/Rating"><meta itemprop="ratingValue" content="{r["reviewRating"]["ratingValue"]}"></div>'
        f'<p itemprop="reviewBody">{r["reviewBody"]}</p></div>' for r in revs)
    body = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Product {p}</title>'
            f'<script type="application/ld+json">{json.dumps(ld)}</script>'
            f'<style>body{{font-family:sans-serif}}</style></head><body>{filler}'
            f'<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Product {p}</h1>{md}</div>')
    pad = 30000 - len(body.encode())
    if pad > 0:
        body += "<div class=\"footer\">" + ("<p>Lorem ipsum dolor sit amet, consectetur adipiscing.</p>" * (pad // 57 + 1)) + "</div>"
    body += "</body></html>"
    open(os.path.join(out, f"page{p:04d}.html"), "w").write(body)
PY

bytes=$(cat "$work"/*.html | wc -c)
mb=$(python3 -c "print($bytes/1e6)")
files=("$work"/*.html)
# hugi: the page list $rounds times in one process (extruct's timing below excludes Python's
# start-up and imports, so hugi's process start-up, ~10 ms of dynamic linking, is amortised
# the same way); best of 3 runs.
list=()
for _ in $(seq "$rounds"); do list+=("${files[@]}"); done
best=999
for _ in 1 2 3; do
    t0=$(date +%s.%N)
    "$hugi" extract -q "${list[@]}" >"$work/hugi.out"
    t1=$(date +%s.%N)
    best=$(python3 -c "print(min($best, $t1 - $t0))")
done
t0=$(date +%s.%N)
"$hugi" extract -q "${files[@]}" >/dev/null
t1=$(date +%s.%N)
single=$(python3 -c "print(round($mb / ($t1 - $t0), 1))")
nrev=$(($(wc -l <"$work/hugi.out") / rounds))
hugi_mbs=$(python3 -c "print(round($mb * $rounds / $best, 1))")
best=$(python3 -c "print($best / $rounds)")
echo "extract: $pages pages, $(python3 -c "print(round($mb,2))") MB, hugi $nrev reviews per pass, ${hugi_mbs} MB/s (one pass with process start-up: ${single} MB/s)"

# Debian's extruct lives in the system Python (a pyenv python3 earlier in PATH lacks it).
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
if "$py" -c "import extruct" 2>/dev/null; then
    ex=$("$py" - "$work" <<'PY'
import glob, sys, time, extruct
files = sorted(glob.glob(sys.argv[1] + "/*.html"))
docs = [open(f, encoding="utf-8").read() for f in files]
t0 = time.perf_counter()
n = 0
for d in docs:
    data = extruct.extract(d, syntaxes=["json-ld", "microdata"], uniform=True)
    for item in data["json-ld"]:
        n += len(item.get("review", []))
t = time.perf_counter() - t0
print(f"{t} {n}")
PY
)
    ex_t=${ex% *}
    ex_n=${ex#* }
    ex_mbs=$(python3 -c "print(round($mb / $ex_t, 1))")
    ratio=$(python3 -c "print(round($ex_t / $best, 1))")
    echo "extract: extruct (json-ld + microdata) $ex_n JSON-LD reviews in ${ex_t}s = ${ex_mbs} MB/s"
    echo "extract: hugi / extruct = ${ratio}x (target >= 10x, >= 200 MB/s)"
else
    echo "extract: python3-extruct not installed (scripts/deps.sh bench); no peer figure"
fi
