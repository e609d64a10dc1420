#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Accuracy of `hugi score` on data it did NOT learn from (bench/README.md, "Sentiment"):
#   Korean: learn on nsmc-dev-rated.tsv + the odd lines of apps-dev-rated.tsv (twice: the app
#           reviews weigh double, as in lexicons/learn.sh); measure on
#           nsmc-dev.tsv (disjoint) and the even lines of apps-dev-rated.tsv (1-2 vs 4-5 stars).
#   English: leave one UCI set out: learn on the other two, measure on it.
# usage: bench/accuracy.sh HUGI_BINARY   (needs HUGI_SHARED_DIR or ../shared)
set -euo pipefail
hugi=$(readlink -f "${1:-build/cli/hugi}")
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${HUGI_SHARED_DIR:-$root/../shared}"
[ -d "$shared/data" ] || { echo "accuracy.sh: no $shared/data, skipped"; exit 0; }
ko="$shared/data/ko"; en="$shared/data/en"; lx="$root/lexicons"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
rules=(--lexicon "$lx/en-rules.tsv" --lexicon "$lx/en-base.tsv" --lexicon "$lx/ko-rules.tsv"
       --lexicon "$lx/ko-seed.tsv" --lexicon "$lx/emoji.tsv")
awk 'NR % 2 == 1' "$ko/apps-dev-rated.tsv" >"$tmp/apps-learn.tsv"
awk 'NR % 2 == 0' "$ko/apps-dev-rated.tsv" >"$tmp/apps-test.tsv"
"$hugi" lexicon learn --min-count 4 --max-terms 80000 --min-z 1.0 --refine 5 --rate 0.02 "${rules[@]}" \
    --rated "$ko/nsmc-dev-rated.tsv" --rated "$tmp/apps-learn.tsv" --rated "$tmp/apps-learn.tsv" --out "$tmp/ko-learned.tsv"
base=(--no-default-lexicons --lexicon "$lx/en-rules.tsv" --lexicon "$lx/en-base.tsv"
      --lexicon "$lx/ko-rules.tsv" --lexicon "$lx/ko-seed.tsv" --lexicon "$lx/emoji.tsv")
"$hugi" eval "${base[@]}" --lexicon "$tmp/ko-learned.tsv" "$ko/nsmc-dev.tsv" ${ERRORS:+--errors $ERRORS} | sed -n '1p;/mistakes/,$p'
"$hugi" eval "${base[@]}" --lexicon "$tmp/ko-learned.tsv" --scale 5 "$tmp/apps-test.tsv" ${ERRORS:+--errors $ERRORS} | sed -n '1p;/mistakes/,$p' | sed "s#$tmp/#apps-dev-rated(even lines) #"
for t in amazon yelp imdb; do
    others=()
    for o in amazon yelp imdb; do [ $o = $t ] || others+=(--rated "$en/uci-$o.tsv"); done
    "$hugi" lexicon learn --min-count 3 --max-terms 20000 --min-z 1.0 --refine 5 --rate 0.02 "${rules[@]}" "${others[@]}" --out "$tmp/en-$t.tsv"
    "$hugi" eval "${base[@]}" --lexicon "$tmp/en-$t.tsv" "$en/uci-$t.tsv" ${ERRORS:+--errors $ERRORS} | sed -n '1p;/mistakes/,$p'
done
