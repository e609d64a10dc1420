#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sentiment: accuracy on data not learned from (bench/accuracy.sh), the npm peers' accuracy on
# the same files, then speed (sentences/s, loop and whole process), startup and memory against
# npm `sentiment` (AFINN) and `vader-sentiment` on the same input in this run. bench/README.md.
# usage: bench/bench_sentiment.sh HUGI_BINARY
set -uo pipefail
hugi=$(readlink -f "${1:-build/cli/hugi}")
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${HUGI_SHARED_DIR:-$root/../shared}"
tools="$shared/tools"
export LC_ALL=C.UTF-8
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export HUGI_CACHE_DIR="$tmp/cache" # the lexicon image cache: the bench's own
peers=0
if [ -d "$tools" ] && command -v node >/dev/null; then
    PEERS_DIR="${PEERS_DIR:-$root/../.peers}"
    export PEERS_DIR
    [ -d "$PEERS_DIR/npm/node_modules/vader-sentiment" ] || bash "$tools/install_peers.sh" >/dev/null 2>&1
    [ -d "$PEERS_DIR/npm/node_modules/vader-sentiment" ] && peers=1
fi

echo "-- accuracy, hugi (learned lexicons rebuilt without the measured part; see accuracy.sh)"
bash "$root/bench/accuracy.sh" "$hugi" | grep -E '^[^ ].*accuracy' | sed -E 's#^[^ ]*/([^/ ]+:)#\1#'
if [ $peers = 1 ] && [ -d "$shared/data/en" ]; then
    for p in vader sentiment; do
        echo "-- accuracy, npm $p (eval_labels.py, score > 0 pos, < 0 neg, 0 wrong)"
        python3 "$tools/eval_labels.py" --cmd "node $tools/peer_score.js $p" \
            "$shared/data/en/uci-amazon.tsv" "$shared/data/en/uci-yelp.tsv" \
            "$shared/data/en/uci-imdb.tsv" "$shared/data/ko/nsmc-dev.tsv" --scale 10 2>/dev/null |
            grep accuracy | sed -E 's#^[^ ]*/([^/ ]+:)#\1#; s/ items.*//'
    done
fi

# Speed corpus: ~100-byte sentences, English and Korean review lines cut or joined to ~100
# bytes, repeated to N lines.
N=${BENCH_LINES:-400000}
if [ -d "$shared/data" ]; then
    cut -f2 "$shared/data/en/"uci-*.tsv "$shared/data/ko/nsmc-dev.tsv" >"$tmp/src.txt"
else
    printf 'Great phone, the battery lasts all day and the screen is bright.\n배송 빠르고 포장도 꼼꼼해요 재구매 의사 있습니다 너무 좋아요\n' >"$tmp/src.txt"
fi
awk -v n="$N" '{ line = line (line == "" ? "" : " ") $0; if (length(line) >= 90) { print substr(line, 1, 110); line = "" } }
     END { }' "$tmp/src.txt" >"$tmp/base.txt"
awk -v n="$N" '{ a[NR] = $0 } END { for (i = 0; i < n; i++) print a[i % NR + 1] }' "$tmp/base.txt" >"$tmp/corpus.txt"
bytes=$(wc -c <"$tmp/corpus.txt")
echo "-- speed: $N lines, $((bytes / N)) bytes a line on average, one core"
t0=$(date +%s.%N)
loop=$(HUGI_LOOP_SECONDS=1 "$hugi" score --format score <"$tmp/corpus.txt" 2>&1 >/dev/null | awk '/LOOP_SECONDS/ { print $2 }')
t1=$(date +%s.%N)
hugi_loop=$(awk -v n="$N" -v s="$loop" 'BEGIN { printf "%.0f", n / s }')
hugi_proc=$(awk -v n="$N" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
echo "hugi score --format score: ${hugi_loop} sentences/s in the loop, ${hugi_proc}/s whole process"
"$hugi" score --format tsv <"$tmp/corpus.txt" >/dev/null 2>&1
t0=$(date +%s.%N); "$hugi" score --format tsv <"$tmp/corpus.txt" >/dev/null; t1=$(date +%s.%N)
echo "hugi score --format tsv (with evidence): $(awk -v n="$N" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }') sentences/s whole process"
if [ $peers = 1 ]; then
    sloop=$(node "$tools/peer_score.js" sentiment <"$tmp/corpus.txt" 2>&1 >/dev/null | awk '/LOOP_SECONDS/ { print $2 }')
    s_rate=$(awk -v n="$N" -v s="$sloop" 'BEGIN { printf "%.0f", n / s }')
    head -n 20000 "$tmp/corpus.txt" >"$tmp/small.txt"
    vloop=$(node "$tools/peer_score.js" vader <"$tmp/small.txt" 2>&1 >/dev/null | awk '/LOOP_SECONDS/ { print $2 }')
    v_rate=$(awk -v s="$vloop" 'BEGIN { printf "%.0f", 20000 / s }')
    echo "npm sentiment (AFINN): ${s_rate} sentences/s in its loop; hugi/sentiment = $(awk -v a="$hugi_loop" -v b="$s_rate" 'BEGIN { printf "%.1fx", a / b }')"
    echo "npm vader-sentiment: ${v_rate} sentences/s in its loop (20000 lines); hugi/vader = $(awk -v a="$hugi_loop" -v b="$v_rate" 'BEGIN { printf "%.0fx", a / b }')"
fi
echo "-- startup and memory"
# Two ways to load: the TSVs parsed and built (HUGI_LEXICON_CACHE=0), and the compiled image
# mapped from a cache warmed by one run (lexicons/README.md "Compiled image"). Each figure is
# the mean of 10 whole processes; "load" is what hugi -v reports for loading alone.
startup() { # label, hugi args...
    local label=$1 mode
    shift
    for mode in tsv image; do
        local cache=1
        [ $mode = tsv ] && cache=0
        HUGI_LEXICON_CACHE=$cache "$hugi" score "$@" --format score </dev/null 2>/dev/null
        local t0 t1 load
        t0=$(date +%s.%N)
        for i in 1 2 3 4 5 6 7 8 9 10; do HUGI_LEXICON_CACHE=$cache "$hugi" score "$@" --format score </dev/null; done
        t1=$(date +%s.%N)
        load=$(HUGI_LEXICON_CACHE=$cache "$hugi" score -v "$@" </dev/null 2>&1 | grep -o 'in [0-9.]* ms' | head -1)
        echo "startup $label, $mode: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 100 }') ms whole process (load $load)"
    done
}
startup "($("$hugi" score -v </dev/null 2>&1 | grep -o '[0-9]* lexicon entries' | head -1))"
# lexicon load for 100,000 entries: a Korean lexicon learned here with a low threshold (n-grams
# as the shipped one has, so the automaton is as deep), alone and on top of the shipped files;
# without ../shared data, 100,000 generated words
if [ -d "$shared/data/ko" ]; then
    "$hugi" lexicon learn --min-count 2 --max-terms 100000 --min-z 0.01 \
        --rated "$shared/data/ko/nsmc-dev-rated.tsv" --rated "$shared/data/ko/nsmc-dev.tsv" \
        --rated "$shared/data/ko/apps-dev-rated.tsv" -o "$tmp/big.tsv" 2>/dev/null
else
    awk 'BEGIN { srand(7); for (i = 0; i < 100000; i++) { w = ""; n = 2 + int(rand() * 8);
         for (k = 0; k < n; k++) w = w sprintf("%c", 97 + int(rand() * 26));
         printf "%s%d\t%.2f\n", w, i, rand() * 4 - 2 } }' >"$tmp/big.tsv"
fi
n_big=$(grep -vc '^#' "$tmp/big.tsv")
startup "with ${n_big} entries (learned, no shipped lexicons)" --no-default-lexicons --lexicon "$tmp/big.tsv"
n_all=$(( $(cat "$root"/lexicons/*.tsv | grep -vc '^#') + n_big ))
startup "with ~${n_all} entries (shipped + ${n_big})" --lexicon "$tmp/big.tsv"
# `hugi help`: `version` is run by hugi-full since session nine (bench_startup.sh compares both)
t0=$(date +%s.%N); for i in 1 2 3 4 5 6 7 8 9 10; do "$hugi" help >/dev/null; done; t1=$(date +%s.%N)
echo "(hugi help, no lexicons, for the process start-up alone: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 100 }') ms)"
if [ -x /usr/bin/time ]; then
    rss=$(/usr/bin/time -f %M "$hugi" score --format tsv <"$tmp/corpus.txt" 2>&1 >/dev/null | tail -1)
    echo "max RSS scoring $N lines: $((rss / 1024)) MiB"
    # flat memory on a big stream: 16x the corpus through a pipe
    rss=$(for i in $(seq 16); do cat "$tmp/corpus.txt"; done | /usr/bin/time -f %M "$hugi" score --format score 2>&1 >/dev/null | tail -1)
    echo "max RSS scoring $((16 * bytes / 1048576)) MiB of input: $((rss / 1024)) MiB"
fi
