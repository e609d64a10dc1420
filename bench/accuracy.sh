#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Accuracy of `hugi score` on data it did NOT learn from (bench/README.md, "Sentiment").
# The shipped lexicons learn from every development file (lexicons/learn.sh); the figures here
# come from cross-fitting with the same options, each measured text left out of the learning:
#   Korean: 2 folds. nsmc-dev.tsv and apps-dev-rated.tsv are each cut in two halves (odd and
#           even lines); fold k learns on nsmc-dev-rated.tsv + the other half of nsmc-dev.tsv +
#           the other half of the app reviews (twice: they weigh double, as in learn.sh), and is
#           measured on half k of nsmc-dev.tsv and of the app reviews (1-2 vs 4-5 stars). The
#           printed figure of a set is over both halves (every text measured once). The
#           film-vs-app terms (ko-domain.tsv, the film offset) are learned from the same texts.
#   English: leave one UCI set out: learn on the other two, measure on it.
# Every measurement loads what hugi ships besides the lexicon re-learned: the rule files and
# the OTHER language's shipped learned lexicon (it learned nothing from the measured texts, and
# it is loaded with every text: a Korean lexicon's "!" or "good" would score English reviews).
# usage: bench/accuracy.sh HUGI_BINARY   (needs HUGI_SHARED_DIR or ../shared; ERRORS=N lists
#        the N most confident mistakes of each measured part)
set -euo pipefail
hugi=$(readlink -f "${1:-build/cli/hugi}")
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${HUGI_SHARED_DIR:-$root/../shared}"
[ -d "$shared/data" ] || { echo "accuracy.sh: no $shared/data, skipped"; exit 0; }
ko="$shared/data/ko"; en="$shared/data/en"; lx="$root/lexicons"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
# the learning options: the same as lexicons/learn.sh (kept in one place there)
# shellcheck source=../lexicons/learn-opts.sh
source "$lx/learn-opts.sh"
rules=(--lexicon "$lx/en-rules.tsv" --lexicon "$lx/en-base.tsv" --lexicon "$lx/ko-rules.tsv"
       --lexicon "$lx/ko-seed.tsv" --lexicon "$lx/emoji.tsv")
base=(--no-default-lexicons "${rules[@]}")
for h in 1 2; do
    awk -v h=$h 'NR % 2 == h % 2' "$ko/nsmc-dev.tsv" >"$tmp/nsmc-$h.tsv"
    awk -v h=$h 'NR % 2 == h % 2' "$ko/apps-dev-rated.tsv" >"$tmp/apps-$h.tsv"
done
# one eval: prints its first line (and mistakes), keeps n and right for the total
run_eval() { # NAME SHOWN_AS EVAL_ARGS...
    local name=$1 shown=$2; shift 2
    "$hugi" eval "${base[@]}" "$@" ${ERRORS:+--errors $ERRORS} >"$tmp/out"
    sed -n '1p;/mistakes/,$p' "$tmp/out" | sed -E "1s#^[^ ]*:#$shown:#"
    awk -v name="$name" 'NR == 1 { for (i = 1; i <= NF; i++) { split($i, kv, "=");
        if (kv[1] == "n") n = kv[2]; if (kv[1] == "accuracy") a = kv[2] }
        printf "%s %d %.0f\n", name, n, n * a }' "$tmp/out" >>"$tmp/tally"
}
: >"$tmp/tally"
for h in 1 2; do
    o=$((3 - h))
    "$hugi" lexicon learn -q "${KO_LEARN[@]}" "${rules[@]}" \
        --rated "$ko/nsmc-dev-rated.tsv" --rated "$tmp/nsmc-$o.tsv" \
        --rated "$tmp/apps-$o.tsv" --rated "$tmp/apps-$o.tsv" --out "$tmp/ko-learned-$h.tsv"
    # the film-vs-app terms (the scorer's film offset) from the same texts
    ko_domain_learn "$hugi" "$tmp/ko-domain-$h.tsv" "$ko/nsmc-dev-rated.tsv" "$tmp/nsmc-$o.tsv" \
        -- "$tmp/apps-$o.tsv"
    kol=(--lexicon "$lx/en-learned.tsv" --lexicon "$tmp/ko-learned-$h.tsv"
         --lexicon "$tmp/ko-domain-$h.tsv")
    run_eval nsmc "nsmc-dev.tsv (half $h of 2)" "${kol[@]}" "$tmp/nsmc-$h.tsv"
    run_eval apps "apps-dev-rated.tsv (half $h of 2)" "${kol[@]}" --scale 5 "$tmp/apps-$h.tsv"
done
awk '{ n[$1] += $2; r[$1] += $3 } END {
    printf "nsmc-dev.tsv: n=%d accuracy=%.4f (2-fold cross-fit)\n", n["nsmc"], r["nsmc"] / n["nsmc"];
    printf "apps-dev-rated.tsv 1-2 vs 4-5 stars: n=%d accuracy=%.4f (2-fold cross-fit)\n", n["apps"], r["apps"] / n["apps"] }' "$tmp/tally"
for t in amazon yelp imdb; do
    others=()
    for o in amazon yelp imdb; do [ $o = $t ] || others+=(--rated "$en/uci-$o.tsv"); done
    "$hugi" lexicon learn -q "${EN_LEARN[@]}" "${rules[@]}" "${others[@]}" --out "$tmp/en-$t.tsv"
    run_eval "$t" "uci-$t.tsv" --lexicon "$tmp/en-$t.tsv" --lexicon "$lx/ko-learned.tsv" \
        --lexicon "$lx/ko-domain.tsv" "$en/uci-$t.tsv"
done
