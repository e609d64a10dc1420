#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The complaint taxonomy's image cache through the CLI: the first run parses and writes
# complaints-KEY.img (mode 600), the next maps it (-v says so) with the same output; a corrupted
# image is refused (-v says why), the lexicons parsed and the image rewritten; HUGI_LEXICON_CACHE=0
# writes nothing; `score --categories` prints the same with and without the cache.
# Usage: complaint_image.sh HUGI DATADIR (DATADIR/lexicons/complaints: tests/data/complaint_image)
set -u
hugi=${1:?hugi} data=${2:?datadir}
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 HUGI_LEXICON_CACHE=1 HUGI_CACHE_DIR="$tmp/cache"
fail=0
printf '배송이 안 와요\n배송이 빨라요\n배터리가 고장났어요\n앱이 자꾸 꺼져요 튕겨요\n충전하다 불이 났어요 화재 위험\nthe battery broke but late delivery\n앱 오류\n배송 걱정했는데 빨리 왔어요\n' >"$tmp/texts"
run() { HUGI_DATADIR="$data" "$hugi" complaints --categorize --format jsonl -v <"$tmp/texts" >"$tmp/out.$1" 2>"$tmp/err.$1"; }

run 1 || { echo "FAIL: first run"; cat "$tmp/err.1"; exit 1; }
grep -q '"delivery"' "$tmp/out.1" && grep -q '"safety"' "$tmp/out.1" || { echo "FAIL: categories missing"; fail=1; }
img=$(ls "$tmp"/cache/complaints-*.img 2>/dev/null)
[ -n "$img" ] || { echo "FAIL: no image written"; exit 1; }
[ "$(stat -c %a "$img")" = 600 ] || { echo "FAIL: image mode $(stat -c %a "$img")"; fail=1; }
run 2
grep -q 'complaint image .* loaded' "$tmp/err.2" || { echo "FAIL: image not used"; cat "$tmp/err.2"; fail=1; }
cmp -s "$tmp/out.1" "$tmp/out.2" || { echo "FAIL: output differs with the image"; fail=1; }

# a corrupted image: refused, parsed instead, rewritten
printf '\x55' | dd of="$img" bs=1 seek=5000 conv=notrunc 2>/dev/null
run 3
grep -q 'complaint image not used.*checksum' "$tmp/err.3" || { echo "FAIL: corruption not reported"; cat "$tmp/err.3"; fail=1; }
cmp -s "$tmp/out.1" "$tmp/out.3" || { echo "FAIL: output differs after a corrupted image"; fail=1; }
run 4
grep -q 'complaint image .* loaded' "$tmp/err.4" || { echo "FAIL: image not rewritten"; fail=1; }
cmp -s "$tmp/out.1" "$tmp/out.4" || { echo "FAIL: output differs with the rewritten image"; fail=1; }

# an edited lexicon names another image; the old one is not used
mkdir -p "$tmp/d2/lexicons"
cp -r "$data/lexicons/complaints" "$tmp/d2/lexicons/"
printf '빨라요\n' >>"$tmp/d2/lexicons/complaints/delivery.tsv"
HUGI_DATADIR="$tmp/d2" "$hugi" complaints --categorize -v <"$tmp/texts" >"$tmp/out.5" 2>"$tmp/err.5"
grep -q '^delivery	배송이 빨라요' "$tmp/out.5" || { echo "FAIL: edited lexicon not parsed"; cat "$tmp/out.5"; fail=1; }
[ "$(ls "$tmp"/cache/complaints-*.img | wc -l)" = 2 ] || { echo "FAIL: edited lexicon's image not written"; fail=1; }

# cache off: nothing written
HUGI_LEXICON_CACHE=0 HUGI_CACHE_DIR="$tmp/off" HUGI_DATADIR="$data" "$hugi" complaints --categorize --format jsonl <"$tmp/texts" >"$tmp/out.6"
cmp -s "$tmp/out.1" "$tmp/out.6" || { echo "FAIL: output differs with the cache off"; fail=1; }
[ -e "$tmp/off" ] && { echo "FAIL: cache written with HUGI_LEXICON_CACHE=0"; fail=1; }

# score --categories with the shipped lexicons: cached twice and parsed, the same
for f in tsv jsonl; do
    HUGI_DATADIR="$here" "$hugi" score --categories --format $f <"$tmp/texts" >"$tmp/s1.$f"
    HUGI_DATADIR="$here" "$hugi" score --categories --format $f <"$tmp/texts" >"$tmp/s2.$f"
    HUGI_LEXICON_CACHE=0 HUGI_DATADIR="$here" "$hugi" score --categories --format $f <"$tmp/texts" >"$tmp/s3.$f"
    cmp -s "$tmp/s1.$f" "$tmp/s2.$f" && cmp -s "$tmp/s1.$f" "$tmp/s3.$f" ||
        { echo "FAIL: score --categories --format $f differs with the cache"; fail=1; }
done
grep -q '	delivery$' "$tmp/s1.tsv" || { echo "FAIL: score --categories lost its categories"; fail=1; }
[ $fail = 0 ] && echo "complaint image cache: ok"
exit $fail
