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
# Wall clock and CPU time (user + sys of the child) for the best of 3 runs: on a shared machine
# the wall clock carries other processes' load, the CPU time does not; both are printed, and
# the ratio is given for both (extruct's CPU time is time.process_time of its loop).
read -r best cpu < <(python3 - "$hugi" "$work/hugi.out" "${list[@]}" <<'PY'
import os, resource, subprocess, sys, time
hugi, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
bw = bc = 1e9
for _ in range(3):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(out, "wb") as f:
        subprocess.run([hugi, "extract", "-q", *files], stdout=f, check=True)
    t1 = time.perf_counter()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    bw = min(bw, t1 - t0)
    bc = min(bc, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
print(bw, bc)
PY
)
t0=$(date +%s.%N)
"$hugi" extract -q "${files[@]}" >/dev/null
t1=$(date +%s.%N)
single=$(python3 -c "print(round($mb / ($t1 - $t0), 1))")
nrev=$(($(wc -l <"$work/hugi.out") / rounds))
hugi_mbs=$(python3 -c "print(round($mb * $rounds / $best, 1))")
hugi_cpu_mbs=$(python3 -c "print(round($mb * $rounds / $cpu, 1))")
best=$(python3 -c "print($best / $rounds)")
cpu=$(python3 -c "print($cpu / $rounds)")
echo "extract: $pages pages, $(python3 -c "print(round($mb,2))") MB, hugi $nrev reviews per pass, ${hugi_mbs} MB/s wall, ${hugi_cpu_mbs} MB/s CPU (one pass with process start-up: ${single} MB/s)"

# Debian's extruct lives in the system Python (a pyenv python3 earlier in PATH lacks it).
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
if "$py" -c "import extruct" 2>/dev/null; then
    ex=$("$py" - "$work" <<'PY'
import glob, sys, time, extruct
files = sorted(glob.glob(sys.argv[1] + "/*.html"))
docs = [open(f, encoding="utf-8").read() for f in files]
t0 = time.perf_counter()
c0 = time.process_time()
n = 0
for d in docs:
    data = extruct.extract(d, syntaxes=["json-ld", "microdata"], uniform=True)
    for item in data["json-ld"]:
        n += len(item.get("review", []))
t = time.perf_counter() - t0
c = time.process_time() - c0
print(f"{t} {c} {n}")
PY
)
    read -r ex_t ex_c ex_n <<<"$ex"
    ex_mbs=$(python3 -c "print(round($mb / $ex_t, 1))")
    ex_cpu_mbs=$(python3 -c "print(round($mb / $ex_c, 1))")
    ratio=$(python3 -c "print(round($ex_t / $best, 1))")
    cratio=$(python3 -c "print(round($ex_c / $cpu, 1))")
    echo "extract: extruct (json-ld + microdata) $ex_n JSON-LD reviews in ${ex_t}s = ${ex_mbs} MB/s wall, ${ex_cpu_mbs} MB/s CPU"
    echo "extract: hugi / extruct = ${ratio}x wall, ${cratio}x CPU (target >= 10x, >= 200 MB/s)"
else
    echo "extract: python3-extruct not installed (scripts/deps.sh bench); no peer figure"
fi
