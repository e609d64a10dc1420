#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fetch benchmark: a generated local shop of N product pages (~30 KB each, a schema.org Product in
# JSON-LD with 10 reviews) served by nginx on 127.0.0.1 (own config, random port, stopped at the
# end), fetched in the same run by
#   - hugi fetch (16 at once, politeness off: --robots ignore --delay 0 --per-host 16)
#   - Scrapy 2.8 (Debian python3-scrapy) parsing each page with extruct's JSON-LD, 16 at once
#   - curl --parallel --parallel-max 16, the near-physical reference (no parsing)
# and prints wall time, pages/s, peak RSS and the ratios. Needs: nginx-light, python3-scrapy,
# python3-extruct, curl (scripts/deps.sh bench). Usage: bench_fetch.sh HUGI [PAGES] [RUNS]
set -euo pipefail
hugi=$(readlink -f "${1:-build/cli/hugi}")
pages=${2:-1000}
runs=${3:-3}
py=/usr/bin/python3 # Debian's, where python3-scrapy lives (not a pyenv shim)
for tool in nginx curl "$py"; do
    command -v "$tool" >/dev/null || { echo "bench_fetch: '$tool' missing (scripts/deps.sh bench)"; exit 1; }
done
"$py" -c 'import scrapy, extruct' 2>/dev/null || { echo "bench_fetch: python3-scrapy/python3-extruct missing"; exit 1; }

tmp=$(mktemp -d)
chmod 755 "$tmp"
nginx_pid=
cleanup() {
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# ---- the site -------------------------------------------------------------------------------
mkdir -p "$tmp/site/p"
"$py" - "$tmp/site/p" "$pages" <<'EOF'
import json, random, sys
out, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(7)
words = ("delivery fast slow box damaged great quality size small large price cheap refund "
         "service friendly colour fabric soft broken works perfect again recommend never").split()
filler = " ".join(rnd.choice(words) for _ in range(3000))
for i in range(n):
    reviews = [{
        "@type": "Review",
        "author": {"@type": "Person", "name": "Customer %d-%d" % (i, k)},
        "datePublished": "2024-01-%02d" % (k + 1),
        "reviewRating": {"@type": "Rating", "ratingValue": 1 + (i + k) % 5, "bestRating": 5},
        "name": "Review %d of product %d" % (k, i),
        "reviewBody": " ".join(rnd.choice(words) for _ in range(60)),
    } for k in range(10)]
    product = {"@context": "https://schema.org", "@type": "Product", "name": "Product %d" % i,
               "sku": "SKU-%05d" % i,
               "aggregateRating": {"@type": "AggregateRating", "ratingValue": 3.9, "reviewCount": 10},
               "review": reviews}
    body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Product %d</title>\n"
            "<script type=\"application/ld+json\">%s</script></head><body>\n<h1>Product %d</h1>\n"
            % (i, json.dumps(product), i))
    while len(body) < 30000:
        body += "<p>%s</p>\n" % filler[rnd.randrange(0, 2000):][:900]
    body += "</body></html>\n"
    with open("%s/%d.html" % (out, i), "w") as f:
        f.write(body)
EOF
chmod -R a+rX "$tmp/site"
size_kb=$(du -sk "$tmp/site/p" | cut -f1)

# ---- nginx on a random free port ------------------------------------------------------------
port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$tmp/ngx/logs"
cat >"$tmp/ngx/nginx.conf" <<EOF
worker_processes 1;
pid $tmp/ngx/nginx.pid;
error_log $tmp/ngx/logs/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $tmp/ngx/body;
    proxy_temp_path $tmp/ngx/proxy;
    fastcgi_temp_path $tmp/ngx/fastcgi;
    uwsgi_temp_path $tmp/ngx/uwsgi;
    scgi_temp_path $tmp/ngx/scgi;
    types { text/html html; }
    keepalive_requests 100000;
    server {
        listen 127.0.0.1:$port;
        root $tmp/site;
    }
}
EOF
nginx -p "$tmp/ngx" -e "$tmp/ngx/logs/error.log" -c "$tmp/ngx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$port/p/0.html" && break
    sleep 0.1
done
base="http://127.0.0.1:$port/p"
for i in $(seq 0 $((pages - 1))); do echo "$base/$i.html"; done >"$tmp/urls"
for i in $(seq 0 $((pages - 1))); do printf 'url = "%s/%d.html"\noutput = /dev/null\n' "$base" "$i"; done >"$tmp/curl.cfg"

# ---- Scrapy + extruct -----------------------------------------------------------------------
cat >"$tmp/spider.py" <<'EOF'
import sys
import extruct
import scrapy
from scrapy.crawler import CrawlerProcess

urls = [l.strip() for l in open(sys.argv[1]) if l.strip()]
count = {"pages": 0, "reviews": 0}

class Reviews(scrapy.Spider):
    name = "reviews"
    def start_requests(self):
        for u in urls:
            yield scrapy.Request(u, callback=self.parse)
    def parse(self, response):
        data = extruct.extract(response.text, base_url=response.url, syntaxes=["json-ld"])
        count["pages"] += 1
        for item in data.get("json-ld", []):
            for r in item.get("review", []) if isinstance(item, dict) else []:
                count["reviews"] += 1
                yield {"author": (r.get("author") or {}).get("name"), "text": r.get("reviewBody")}

p = CrawlerProcess(settings={
    "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "DOWNLOAD_DELAY": 0,
    "ROBOTSTXT_OBEY": False, "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "ERROR",
    "TELNETCONSOLE_ENABLED": False, "COOKIES_ENABLED": False, "RETRY_ENABLED": False,
})
p.crawl(Reviews)
p.start()
with open(sys.argv[2], "w") as f:
    f.write("%d %d\n" % (count["pages"], count["reviews"]))
EOF

# ---- measuring: wall time and the child's peak RSS ------------------------------------------
measure() { # label, command...
    "$py" - "$@" <<'EOF'
import resource, subprocess, sys, time
label, cmd = sys.argv[1], sys.argv[2:]
t = time.monotonic()
p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
el = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB
if p.returncode != 0:
    sys.stderr.write(p.stderr.decode(errors="replace")[-2000:])
    sys.exit("%s failed with exit code %d" % (label, p.returncode))
print("%s %.3f %d" % (label, el, rss))
EOF
}

hugi_mode=raw
hugi_args=(fetch --robots ignore --delay 0 --per-host 16 --concurrency 16 -i "$tmp/urls")
if "$hugi" fetch --robots ignore --delay 0 --preset jsonld "$base/0.html" >/dev/null 2>&1; then
    hugi_mode=extract
    hugi_args+=(--preset jsonld -o /dev/null)
else
    hugi_args+=(--raw -o /dev/null)
fi

best() { # label runs command... → "label secs rss" of the fastest run (peak RSS of all runs)
    local label=$1 n=$2
    shift 2
    local bs= brss=0 line s r
    for _ in $(seq "$n"); do
        line=$(measure "$label" "$@")
        s=$(echo "$line" | cut -d' ' -f2)
        r=$(echo "$line" | cut -d' ' -f3)
        if [ -z "$bs" ] || "$py" -c "import sys; sys.exit(0 if $s < $bs else 1)"; then bs=$s; fi
        [ "$r" -gt "$brss" ] && brss=$r
    done
    echo "$label $bs $brss"
}

echo "site: $pages pages, $((size_kb / 1024)) MiB, nginx 127.0.0.1:$port; best of $runs runs each"
r_hugi=$(best hugi "$runs" "$hugi" "${hugi_args[@]}")
r_scrapy=$(best scrapy "$runs" "$py" "$tmp/spider.py" "$tmp/urls" "$tmp/scrapy.count")
r_curl=$(best curl "$runs" curl -s --parallel --parallel-max 16 -K "$tmp/curl.cfg")

# the same work done? (one more hugi run, output kept)
if [ "$hugi_mode" = extract ]; then
    "$hugi" "${hugi_args[@]/\/dev\/null/$tmp/hugi.jsonl}" 2>/dev/null
    echo "reviews found: hugi $(wc -l <"$tmp/hugi.jsonl"), scrapy+extruct $(cut -d' ' -f2 "$tmp/scrapy.count") (expected $((pages * 10)))"
fi
"$py" - "$pages" "$hugi_mode" "$r_hugi" "$r_scrapy" "$r_curl" <<'EOF'
import sys
pages, mode = int(sys.argv[1]), sys.argv[2]
rows = {}
for a in sys.argv[3:]:
    label, secs, rss = a.split()
    rows[label] = (float(secs), int(rss))
desc = {"hugi": "hugi fetch (%s)" % ("fetch + JSON-LD extract" if mode == "extract" else "fetch only, --raw"),
        "scrapy": "scrapy + extruct json-ld", "curl": "curl --parallel (no parsing)"}
print("%-34s %8s %10s %10s" % ("tool", "seconds", "pages/s", "peak RSS"))
for k in ("hugi", "scrapy", "curl"):
    s, r = rows[k]
    print("%-34s %8.2f %10.0f %7.1f MiB" % (desc[k], s, pages / s, r / 1024))
hs, hr = rows["hugi"]
ss, sr = rows["scrapy"]
cs, cr = rows["curl"]
print("hugi vs scrapy: %.1fx pages/s (target >= 3x), %.1fx less peak RSS (target >= 5x)"
      % (ss / hs, sr / hr))
print("hugi vs curl: %.2fx curl's pages/s, %.1fx curl's peak RSS" % (cs / hs, hr / cr))
if mode != "extract":
    print("note: extraction is not in this hugi build; its figure is fetch only, scrapy's "
          "includes extruct parsing")
EOF
