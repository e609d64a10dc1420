#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Renders a digest to PNG with headless Chromium (when installed; skipped otherwise) and checks
# that the page loaded, drew something, and ran no script from a review.
# usage: render_digest.sh HUGI INPUT.jsonl [OUT.png]
set -u
hugi=$1
input=$2
[ -x /usr/bin/chromium ] || { echo "chromium not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${3:-$tmp/digest.png}
HUGI_NOW=${HUGI_NOW:-2026-01-15T00:00:00Z} "$hugi" report --input "$input" --format html \
    >"$tmp/digest.html" || { echo "hugi report failed"; exit 1; }
# a review in the input holds <script>alert(1)</script>: it must stay text
if grep -q '<script' "$tmp/digest.html"; then
    echo "a <script> element reached the HTML"
    exit 1
fi
timeout 90 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --window-size=1100,1600 --screenshot="$out" \
    "file://$tmp/digest.html" >"$tmp/log" 2>&1
if [ ! -s "$out" ]; then
    echo "chromium wrote no screenshot"
    tail -5 "$tmp/log"
    exit 1
fi
size=$(stat -c %s "$out")
# an empty white page compresses to a few kB; the digest's cards and charts do not
if [ "$size" -lt 30000 ]; then
    echo "screenshot suspiciously small ($size bytes)"
    exit 1
fi
echo "rendered $out ($size bytes)"
