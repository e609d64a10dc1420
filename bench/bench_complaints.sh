#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Complaints stage: (1) the cost of complaint categories next to scoring the same texts (target:
# categories add at most 30% to scoring time); (2) per-product aggregation (recurring, spikes,
# emerging phrases) over 1M synthetic reviews (target: at most 2 s). Usage: bench_complaints.sh HUGI
set -uo pipefail
hugi=${1:?usage: bench_complaints.sh HUGI}
here="$(cd "$(dirname "$0")/.." && pwd)"
export HUGI_DATADIR=${HUGI_DATADIR:-$here}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shared=${HUGI_SHARED_DIR:-/work/shared/data}

secs() { # runs "$@" with stdout to /dev/null, prints wall seconds
    local s e
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s.%N)
    echo "$e - $s" | bc -l
}

# ---- (1) categories vs scoring -------------------------------------------------------------
texts=$work/texts.txt
if [ -r "$shared/ko/apps-dev-rated.tsv" ]; then
    { cut -f2 "$shared/ko/apps-dev-rated.tsv"; cut -f2 "$shared/ko/nsmc-dev.tsv"
      cut -f2 "$shared"/en/uci-*.tsv; } >"$texts"
    src="shared dev texts"
else
    python3 - "$texts" <<'PY'
import random, sys
random.seed(1)
w = "배송이 안 와요|너무 좋아요|포장이 찢어져서 왔어요|앱이 자꾸 튕겨요|가격 대비 괜찮아요|고객센터 연락이 안 돼요|the battery died after a week|great value|arrived late and damaged".split("|")
with open(sys.argv[1], "w") as f:
    for i in range(60000):
        f.write(" ".join(random.choice(w) for _ in range(random.randint(1, 4))) + "\n")
PY
    src="synthetic texts"
fi
n=$(wc -l <"$texts")
cat_s=$(secs "$hugi" complaints --categorize --format tsv <"$texts")
printf 'categories: %d texts (%s) in %.2f s = %.0f texts/s\n' "$n" "$src" "$cat_s" "$(echo "$n / $cat_s" | bc -l)"
if echo x | "$hugi" score >/dev/null 2>&1; then
    # CPU seconds (user + system: what the job costs, less sensitive than wall time to the other
    # jobs on a shared machine), start-up and lexicon loading included, on the texts five times
    # over (2-3 s a run: a 63,000-text run of ~0.6 s, counted in 10 ms, swung by 10 points);
    # `score` and `score --categories` alternate, HUGI_BENCH_ROUNDS times each (default 8), and
    # the medians count; the median of each round's own ratio is printed too (bench/README.md,
    # "Session seven: categories' share by CPU time")
    rounds=${HUGI_BENCH_ROUNDS:-8}
    long=$work/texts5.txt
    for i in 1 2 3 4 5; do cat "$texts"; done >"$long"
    cpu_s() {
        /usr/bin/time -f '%U %S' -o "$work/t" "$@" --format tsv <"$long" >/dev/null 2>&1
        awk '{ print $1 + $2 }' "$work/t"
    }
    median() { sort -n | awk '{ a[NR] = $1 } END { print NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
    "$hugi" score --categories </dev/null >/dev/null 2>&1 # the images cached before timing
    : >"$work/s"
    : >"$work/c"
    for i in $(seq "$rounds"); do
        cpu_s "$hugi" score >>"$work/s"
        cpu_s "$hugi" score --categories >>"$work/c"
    done
    score_s=$(median <"$work/s")
    both_s=$(median <"$work/c")
    paired=$(paste "$work/s" "$work/c" | awk '{ print 100 * ($2 - $1) / $1 }' | median)
    printf 'scoring:    %d texts (x5) in %.2f s CPU; with --categories %.2f s (medians of %d alternated runs): categories add %.1f%% (target <= 30%%; median of the rounds'"'"' own ratios %.1f%%)\n' \
        "$((n * 5))" "$score_s" "$both_s" "$rounds" "$(echo "100 * ($both_s - $score_s) / $score_s" | bc -l)" "$paired"
    # the learned category model (off by default: lexicons/complaints-learned.tsv), turned on in
    # a copy of the lexicons: what it would cost (docs/complaints.md, "Learned categories")
    if [ -r "$here/lexicons/complaints-learned.tsv" ]; then
        mkdir -p "$work/dl/lexicons/complaints"
        cp -r "$here/lexicons/." "$work/dl/lexicons/"
        cp "$here/lexicons/complaints-learned.tsv" "$work/dl/lexicons/complaints/learned.tsv"
        HUGI_DATADIR=$work/dl "$hugi" score --categories </dev/null >/dev/null 2>&1
        : >"$work/l"
        for i in 1 2 3; do
            HUGI_DATADIR=$work/dl cpu_s "$hugi" score --categories >>"$work/l"
        done
        learned_s=$(median <"$work/l")
        printf 'learned:    with the learned model turned on %.2f s (median of 3): categories add %.0f%%\n' \
            "$learned_s" "$(echo "100 * ($learned_s - $score_s) / $score_s" | bc -l)"
    fi
else
    echo "scoring:    hugi score not available in this build; ratio not measured"
fi

# ---- (2) aggregation over 1M reviews -------------------------------------------------------
big=$work/big.jsonl
python3 - "$big" <<'PY'
import json, random, sys
random.seed(2)
cats = ["delivery", "defect", "refund", "service", "app_crash", "price"]
neg = ["배송이 안 와요", "불량이에요 환불해 주세요", "the zipper broke", "고객센터 답변 없음", "앱이 튕겨요"]
pos = ["좋아요", "잘 쓰고 있어요", "great", "만족합니다", "예뻐요"]
day0 = 1735689600  # 2025-01-01
with open(sys.argv[1], "w") as f:
    for i in range(1000000):
        t = day0 + int(i * 365 * 86400 / 1000000)
        bad = random.random() < 0.15
        c = [random.choice(cats)] if bad else []
        txt = random.choice(neg if bad else pos) + (" %d" % (i % 997))
        f.write('{"source":"s","product":"P1","id":"%d","rating":%d,"date":"%s","text":%s,"label":"%s","categories":%s}\n' % (
            i, 1 if bad else 5,
            __import__("time").strftime("%Y-%m-%dT%H:%M:%SZ", __import__("time").gmtime(t)),
            json.dumps(txt, ensure_ascii=False), "neg" if bad else "pos", json.dumps(c)))
PY
out=$( { /usr/bin/time -f 'maxrss %M KiB' "$hugi" complaints -v --input "$big" --now 2026-01-01 --format jsonl >/dev/null; } 2>&1 )
echo "$out" | sed -n 's/^hugi: //p'
echo "$out" | grep maxrss
agg=$(echo "$out" | sed -n 's/.*groups in \([0-9.]*\) s/\1/p')
printf 'aggregation over 1M reviews of one product: %s s (target <= 2 s)\n' "${agg:-?}"

# ---- (3) the same from the store --------------------------------------------------------------
if "$hugi" import --help >/dev/null 2>&1 && echo x | "$hugi" import --help 2>&1 | grep -q store; then
    imp=$(secs "$hugi" import --store "$work/big.db" "$big")
    printf 'store: imported 1M reviews in %.1f s\n' "$imp"
    out=$( { /usr/bin/time -f 'maxrss %M KiB' "$hugi" complaints -v --store "$work/big.db" \
        --product P1 --now 2026-01-01 --format jsonl --dry-run >/dev/null; } 2>&1 )
    echo "$out" | sed -n 's/^hugi: //p'
    echo "$out" | grep maxrss
    agg=$(echo "$out" | sed -n 's/.*groups in \([0-9.]*\) s/\1/p')
    rd=$(echo "$out" | sed -n 's/.*from the store in \([0-9.]*\) s/\1/p')
    printf 'from the store (window + 90 days of history read): read %s s + aggregation %s s\n' \
        "${rd:-?}" "${agg:-?}"
else
    echo "store: hugi import not available in this build; store route not measured"
fi

