#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `hugi fetch` end to end against tests/http_server.py (started here on 127.0.0.1 with a random
# port and a time limit, stopped on exit): exit codes, messages, -o, pagination, Retry-After.
set -u
hugi=$1
here="$(cd "$(dirname "$0")" && pwd)"
tmp=$(mktemp -d)
python3 "$here/http_server.py" --timeout 60 >"$tmp/port" &
srv=$!
trap 'kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(head -1 "$tmp/port")
[ -n "$port" ] || { echo "test server did not start"; exit 1; }
base="http://127.0.0.1:$port"
fail=0
check() { # description, expected, actual
    if [ "$2" != "$3" ]; then
        echo "FAIL: $1: expected [$2], got [$3]"
        fail=1
    else
        echo "ok: $1"
    fi
}

# docs/hugi-fetch.md lists every option of --help
for opt in $("$hugi" fetch --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    grep -qE -- "\`$opt( |\`)" "$here/../docs/hugi-fetch.md" ||
        { echo "FAIL: $opt not in docs/hugi-fetch.md"; fail=1; }
done

out=$("$hugi" fetch --raw "$base/ok" 2>"$tmp/err"); rc=$?
check "plain fetch" "hello|0" "$out|$rc"

"$hugi" fetch --raw "$base/private/x" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "robots.txt refusal exit code" 1 "$rc"
check "robots.txt refusal message" \
    "hugi: error: cannot fetch: disallowed by robots.txt ($base/private/x)" "$(cat "$tmp/err")"
check "refused page not written" "" "$(cat "$tmp/out")"

"$hugi" fetch --raw --robots ignore "$base/private/x" >"$tmp/out" 2>/dev/null; rc=$?
check "--robots ignore" "secret|0" "$(cat "$tmp/out")|$rc"

"$hugi" fetch --raw --delay 0 "$base/ok" "$base/nothing" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "partial exit code" 3 "$rc"
check "404 message names the URL" "hugi: error: cannot fetch: HTTP 404 ($base/nothing)" \
    "$(cat "$tmp/err")"

"$hugi" fetch --raw --delay 0 --page-param page --pages 5 -o "$tmp/pages" "$base/pages" 2>"$tmp/err"
rc=$?
check "5 pages by number" "5|0" "$(grep -o '"page": [0-9]' "$tmp/pages" | wc -l)|$rc"

start=$(date +%s.%N)
"$hugi" fetch --raw "$base/retry429?ra=2&t=cli" >"$tmp/out" 2>"$tmp/err"; rc=$?
took=$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || python3 -c "print($(date +%s.%N) - $start)")
check "429 then 200" "ok after 429|0" "$(cat "$tmp/out")|$rc"
check "waited Retry-After" 1 "$(python3 -c "print(1 if $took >= 2 else 0)")"

"$hugi" fetch --raw --retries 0 --max-size 100000 "$base/bomb?mb=4" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "gzip bomb stopped" "1" "$rc"
grep -q "response larger than 100000 bytes" "$tmp/err" || { echo "FAIL: bomb message: $(cat "$tmp/err")"; fail=1; }

"$hugi" fetch --raw "$base/tofile" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "redirect to file:// refused" 1 "$rc"
grep -q "redirect to 'file:///etc/passwd' refused" "$tmp/err" || { echo "FAIL: file message: $(cat "$tmp/err")"; fail=1; }

"$hugi" fetch --raw -v --etag '"v1"' "$base/etag" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "304 not modified" "|0" "$(cat "$tmp/out")|$rc"
grep -q "etag: not modified" "$tmp/err" || { echo "FAIL: 304 message: $(cat "$tmp/err")"; fail=1; }

# reviews: JSON-LD pages chained by rel=next, YouTube pages chained by nextPageToken
out=$("$hugi" fetch --delay 0 --pages 10 "$base/shop" 2>"$tmp/err"); rc=$?
check "3 JSON-LD pages by next link: reviews" "6|0" "$(echo "$out" | grep -c '"text":"page [123] review [01]"')|$rc"
check "last page's review present" 1 "$(echo "$out" | grep -c '"author":"buyer1","rating":5,"date":"2024-01-07T00:00:00Z"')"
check "source defaults to the host" 6 "$(echo "$out" | grep -c '"source":"127.0.0.1"')"
out=$("$hugi" fetch --delay 0 --pages 2 "$base/shop" 2>/dev/null)
check "--pages caps the pages" 4 "$(echo "$out" | grep -c '"text":"page')"
out=$("$hugi" fetch --delay 0 --pages 10 --preset youtube --cursor-param pageToken \
    --source-name yt --product kettle "$base/youtube" 2>"$tmp/err"); rc=$?
check "5 YouTube pages by cursor" "5|0" "$(echo "$out" | grep -c '"source":"yt","product":"kettle","id":"c[1-5]"')|$rc"
check "textOriginal, not textDisplay" 0 "$(echo "$out" | grep -c '<b>')"
out=$("$hugi" fetch "$base/krshop" 2>"$tmp/err"); rc=$?
check "EUC-KR page declared only in Content-Type" \
    '"author":"김민수","rating":1|"text":"배송이 너무 늦어요"|0' \
    "$(echo "$out" | grep -o '"author":"김민수","rating":1')|$(echo "$out" | grep -o '"text":"[^"]*"')|$rc"
"$hugi" fetch --delay 0 "$base/ok" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a page without reviews is an error naming it" 1 "$rc"
grep -q "$base/ok" "$tmp/err" || { echo "FAIL: no URL in: $(cat "$tmp/err")"; fail=1; }
"$hugi" fetch -s shop "$base/ok" >/dev/null 2>&1; rc=$?
check "--source without config is a usage error" 2 "$rc"

# --source NAME: the config's [source] and [fetch] (as `hugi scan` reads them), options win
cat >"$tmp/hugi.conf" <<CONF
[fetch]
delay = 0
max_pages = 2

[source "shop"]
url = $base/shop
product = kettle
lang = fr

[source "yt"]
url = $base/youtube
preset = youtube
cursor_param = pageToken
pages = 10

[source "echo"]
url = $base/echo
header = X-Api-Key: \${HUGI_TEST_KEY}
param = lang=ko

[source "priv"]
url = $base/private/x
robots = ignore

[source "paged"]
url = $base/pages
page_param = page
pages = 3
CONF
chmod 600 "$tmp/hugi.conf"
export HUGI_TEST_KEY=s3cret # the config loader expands it (and refuses the file without it)
out=$("$hugi" fetch --config "$tmp/hugi.conf" -s shop 2>"$tmp/err"); rc=$?
check "--source: url, product, [fetch] max_pages" "4|0" \
    "$(echo "$out" | grep -c '"source":"shop","product":"kettle",.*"text":"page [12] review')|$rc"
out=$("$hugi" fetch --config "$tmp/hugi.conf" -s shop --pages 5 --product mug 2>/dev/null)
check "--source: --pages and --product win" 6 \
    "$(echo "$out" | grep -c '"source":"shop","product":"mug",')"
check "--source: lang for reviews that state none" 6 "$(echo "$out" | grep -c '"lang":"fr"')"
out=$(HUGI_CONFIG="$tmp/hugi.conf" "$hugi" fetch -s shop "$base/krshop" 2>/dev/null); rc=$?
check "--source: a URL given replaces the source's" '"source":"shop","product":"kettle"|1|0' \
    "$(echo "$out" | grep -o '"source":"shop","product":"kettle"')|$(echo "$out" | grep -c '배송이')|$rc"
out=$("$hugi" fetch --config "$tmp/hugi.conf" -s yt 2>/dev/null); rc=$?
check "--source: preset, cursor_param, pages" "5|0" "$(echo "$out" | grep -c '"source":"yt",')|$rc"
out=$("$hugi" fetch --config "$tmp/hugi.conf" -s yt --pages 2 2>/dev/null)
check "--source: --pages over the source's pages" 2 "$(echo "$out" | grep -c '"id":"c[12]"')"
out=$("$hugi" fetch --config "$tmp/hugi.conf" -s echo --raw -H 'X-More: 1' \
    2>"$tmp/err"); rc=$?
check "--source: \${ENV} in a header, param, -H added" '"x-api-key": "s3cret"|"x-more": "1"|lang=ko|0' \
    "$(echo "$out" | grep -o '"x-api-key": "[^"]*"')|$(echo "$out" | grep -o '"x-more": "[^"]*"')|$(echo "$out" | grep -o 'lang=ko')|$rc"
out=$("$hugi" fetch --config "$tmp/hugi.conf" -s priv --raw 2>/dev/null); rc=$?
check "--source: robots = ignore" "secret|0" "$out|$rc"
"$hugi" fetch --config "$tmp/hugi.conf" -s priv --raw --robots obey >/dev/null 2>&1; rc=$?
check "--source: --robots obey wins" 1 "$rc"
"$hugi" fetch --config "$tmp/hugi.conf" -s paged --raw -o "$tmp/pages" 2>/dev/null; rc=$?
check "--source: page_param and pages" "3|0" "$(grep -o '"page": [0-9]' "$tmp/pages" | wc -l)|$rc"
"$hugi" fetch --config "$tmp/hugi.conf" -s paged --raw --page-param p --pages 2 \
    -o "$tmp/pages" 2>/dev/null; rc=$?
check "--source: --page-param wins" '2|0' "$(grep -o '"page": 1' "$tmp/pages" | wc -l)|$rc"
"$hugi" fetch --config "$tmp/hugi.conf" -s nosuch >/dev/null 2>"$tmp/err"; rc=$?
check "--source: unknown name" "2|hugi: error: no [source \"nosuch\"] in $tmp/hugi.conf" \
    "$rc|$(cat "$tmp/err")"

# TLS is verified: a self-signed server fails, and works with its certificate as --ca-file
if openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" >/dev/null 2>&1; then
    python3 "$here/http_server.py" --timeout 30 --tls "$tmp/cert.pem" "$tmp/key.pem" >"$tmp/tport" &
    tsrv=$!
    for _ in $(seq 50); do [ -s "$tmp/tport" ] && break; sleep 0.1; done
    if ! [ -s "$tmp/tport" ]; then
        echo "FAIL: the TLS test server gave no port within 5 s"
        kill $tsrv 2>/dev/null
        exit 1
    fi
    tbase="https://127.0.0.1:$(head -1 "$tmp/tport")"
    "$hugi" fetch --raw --retries 0 "$tbase/ok" >"$tmp/out" 2>"$tmp/err"; rc=$?
    check "self-signed certificate refused" "1|" "$rc|$(cat "$tmp/out")"
    grep -qi "certificate" "$tmp/err" || { echo "FAIL: TLS message: $(cat "$tmp/err")"; fail=1; }
    out=$("$hugi" fetch --raw --ca-file "$tmp/cert.pem" "$tbase/ok" 2>"$tmp/err"); rc=$?
    check "--ca-file" "hello|0" "$out|$rc"
    kill $tsrv 2>/dev/null
    wait $tsrv 2>/dev/null
else
    echo "FAIL: openssl could not make a test certificate"
    fail=1
fi

"$hugi" fetch --raw --delay abc "$base/ok" >/dev/null 2>&1; rc=$?
check "bad --delay is a usage error" 2 "$rc"

exit $fail
