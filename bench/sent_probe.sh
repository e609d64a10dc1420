#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Where the scorer's time goes a line (normalise / automaton walk / walk with the line's states
# already cached / whole score), in thread CPU time: bench/sent_probe.c against the release
# build's libraries, on the first 20,000 lines of bench_sentiment.sh's speed corpus (or
# LINES_FILE). Not part of `make bench` (bench/README.md, "Session eight: throughput (speed9)").
# usage: bench/sent_probe.sh [BUILD_DIR] [LINES_FILE] [PASSES]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build=$(readlink -f "${1:-$root/build}")
shared="${HUGI_SHARED_DIR:-$root/../shared}"
export LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for a in sentiment/libhugi_sent.a common/libhugi_core.a; do
    [ -f "$build/$a" ] || { echo "sent_probe: no $build/$a (make build first)"; exit 2; }
done
${CC:-cc} -O3 -std=c17 -I"$root/sentiment/include" -I"$root/common/include" \
    "$root/bench/sent_probe.c" "$build/sentiment/libhugi_sent.a" "$build/common/libhugi_core.a" \
    -lutf8proc -lm -o "$tmp/probe"
lines=${2:-}
if [ -z "$lines" ]; then
    # the speed corpus of bench_sentiment.sh: review lines cut or joined to ~100 bytes
    lines="$tmp/lines.txt"
    if [ -d "$shared/data" ]; then
        cut -f2 "$shared/data/en/"uci-*.tsv "$shared/data/ko/nsmc-dev.tsv" >"$tmp/src.txt"
    else
        printf 'Great phone, the battery lasts all day and the screen is bright.\n배송 빠르고 포장도 꼼꼼해요 재구매 의사 있습니다 너무 좋아요\n' >"$tmp/src.txt"
    fi
    awk '{ line = line (line == "" ? "" : " ") $0; if (length(line) >= 90) { print substr(line, 1, 110); line = "" } }' \
        "$tmp/src.txt" | awk '{ a[NR] = $0 } END { for (i = 0; i < 20000; i++) print a[i % NR + 1] }' >"$lines"
fi
"$tmp/probe" "$root" "$lines" "${3:-5}" 2>/dev/null
