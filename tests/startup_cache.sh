#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The lexicon image cache through the CLI: written on first use and used after; an edited
# lexicon (same size, same mtime) never gets the old image; a corrupted or truncated image is
# refused (-v says why) and the scores stay right; HUGI_LEXICON_CACHE=0 writes nothing.
set -u
hugi=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HUGI_CACHE_DIR="$tmp/cache" HUGI_LEXICON_CACHE=1 LC_ALL=C.UTF-8
fail=0
check() { # what, want, got
    if [ "$2" != "$3" ]; then
        echo "FAIL: $1: want '$2', got '$3'"
        fail=1
    fi
}
printf 'good\t2.0\nbad\t-2.0\n' >"$tmp/a.tsv"
run() { "$hugi" score --no-default-lexicons --lexicon "$tmp/a.tsv" --format score "$@" good; }
check "first run" "0.7184" "$(run)"
n=$(ls "$tmp/cache" | grep -c '\.img$')
check "image written" 1 "$n"
"$hugi" score -v --no-default-lexicons --lexicon "$tmp/a.tsv" good 2>"$tmp/err" >/dev/null
grep -q 'image .* loaded and checked' "$tmp/err" || { echo "FAIL: image not used"; cat "$tmp/err"; fail=1; }
# edited in place: same size, same mtime
touch -r "$tmp/a.tsv" "$tmp/ref"
printf 'good\t-2.0\nbad\t+2.0\n' >"$tmp/a.tsv"
touch -r "$tmp/ref" "$tmp/a.tsv"
check "edited lexicon" "-0.7184" "$(run)"
# every image corrupted: refused, said with -v, scores still right
for f in "$tmp"/cache/*.img; do printf '\x55' | dd of="$f" bs=1 seek=5000 conv=notrunc 2>/dev/null; done
"$hugi" score -v --no-default-lexicons --lexicon "$tmp/a.tsv" --format score good 2>"$tmp/err" >"$tmp/out"
check "corrupted image" "-0.7184" "$(cat "$tmp/out")"
grep -q 'image not used.*checksum' "$tmp/err" || { echo "FAIL: no -v reason"; cat "$tmp/err"; fail=1; }
# truncated
for f in "$tmp"/cache/*.img; do head -c 3000 "$f" >"$f.t" && mv "$f.t" "$f"; done
check "truncated image" "-0.7184" "$(run)"
check "rewritten" "-0.7184" "$(run)"
# an image others may write could change after its checks: refused, scores still right
chmod 666 "$tmp"/cache/*.img
"$hugi" score -v --no-default-lexicons --lexicon "$tmp/a.tsv" --format score good 2>"$tmp/err" >"$tmp/out"
check "image writable by others" "-0.7184" "$(cat "$tmp/out")"
grep -q 'image not used.*writable by others' "$tmp/err" || { echo "FAIL: no -v reason for mode"; cat "$tmp/err"; fail=1; }
# images are written 0600, into a folder only this user may write
rm -f "$tmp"/cache/*.img
run >/dev/null
check "image mode" "600" "$(stat -c %a "$tmp"/cache/*.img)"
# a leftover temporary file of a killed writer is cleared once it is an hour old
touch -d '2 hours ago' "$tmp/cache/lexicon-0.img.tmp99999"
printf 'good\t1.0\n' >"$tmp/b.tsv"
"$hugi" score --no-default-lexicons --lexicon "$tmp/b.tsv" good >/dev/null
[ -e "$tmp/cache/lexicon-0.img.tmp99999" ] && { echo "FAIL: stale temporary image kept"; fail=1; }
# a folder others may write: no image goes there
chmod 777 "$tmp/cache"
rm -f "$tmp"/cache/*.img
"$hugi" score -v --no-default-lexicons --lexicon "$tmp/a.tsv" good 2>"$tmp/err" >/dev/null
n=$(ls "$tmp/cache" | grep -c '\.img$')
check "no image in a shared folder" 0 "$n"
grep -q 'not written.*only' "$tmp/err" || { echo "FAIL: no -v reason for folder"; cat "$tmp/err"; fail=1; }
chmod 700 "$tmp/cache"
# cache off: nothing written
rm -rf "$tmp/cache"
HUGI_LEXICON_CACHE=0 "$hugi" score --no-default-lexicons --lexicon "$tmp/a.tsv" good >/dev/null
[ -e "$tmp/cache" ] && { echo "FAIL: cache written with HUGI_LEXICON_CACHE=0"; fail=1; }
# compile --out makes an image of the named lexicons
"$hugi" lexicon compile --no-default-lexicons --lexicon "$tmp/a.tsv" --out "$tmp/x.img" >"$tmp/out"
check "compile" "$tmp/x.img	2 entries" "$(cat "$tmp/out")"
head -c 8 "$tmp/x.img" | grep -q 'HUGI-LXI' || { echo "FAIL: no image magic"; fail=1; }
# a lexicon that can be read once (a pipe: process substitution, /dev/stdin): its bytes are
# keyed and parsed from one read, with the cache on and off (review16)
for c in 1 0; do
    got=$(HUGI_LEXICON_CACHE=$c "$hugi" score --no-default-lexicons --format score \
        --lexicon <(printf 'good\t2.0\nbad\t-2.0\n') good)
    check "lexicon from a pipe, cache $c" "0.7184" "$got"
done
[ $fail = 0 ] && echo "startup_cache: OK"
exit $fail
