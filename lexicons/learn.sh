#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make lexicons: regenerates the shipped GENERATED lexicons from the development data beside the
# project (HUGI_SHARED_DIR, default ../shared), reproducibly (same data → same bytes):
#   en-base.tsv, emoji.tsv   derived from data/lexicon-sources by derive.py
#   ko-learned.tsv           hugi lexicon learn on data/ko (NSMC rated + binary, app reviews
#                            twice: nearer to shop reviews than films, so they weigh double)
#                            with the options of learn-opts.sh (bench/accuracy.sh uses them too)
#   ko-domain.tsv            film-vs-app terms (the scorer's film offset): NSMC (rated and
#                            binary) against the app reviews, ko_domain_learn in learn-opts.sh
#   en-learned.tsv           hugi lexicon learn on data/en (UCI amazon, yelp, imdb)
# The hand-written files (en-rules, ko-rules, ko-seed) are not touched.
# usage: lexicons/learn.sh HUGI_BINARY [OUT_DIR]
set -euo pipefail
hugi=$(readlink -f "${1:?usage: learn.sh HUGI_BINARY [OUT_DIR]}")
here="$(cd "$(dirname "$0")" && pwd)"
out="${2:-$here}"
shared="${HUGI_SHARED_DIR:-$here/../../shared}"
if [ ! -d "$shared/data" ]; then
    echo "learn.sh: no development data in $shared (set HUGI_SHARED_DIR)" >&2
    exit 1
fi
ko="$shared/data/ko"
en="$shared/data/en"
export LC_ALL=C.UTF-8
python3 "$here/derive.py" "$shared" "$out"
# The refinement passes score with the rule lexicons, so learned weights fit the rules.
rules=(--lexicon "$here/en-rules.tsv" --lexicon "$out/en-base.tsv" --lexicon "$here/ko-rules.tsv"
       --lexicon "$here/ko-seed.tsv" --lexicon "$out/emoji.tsv")
# Learning needs only the rule-free settings; the shipped lexicons are not loaded by learn.
lx="$here"
# shellcheck source=learn-opts.sh
source "$here/learn-opts.sh"
"$hugi" lexicon learn "${KO_LEARN[@]}" "${rules[@]}" \
    --rated "$ko/nsmc-dev-rated.tsv" --rated "$ko/nsmc-dev.tsv" --rated "$ko/apps-dev-rated.tsv" --rated "$ko/apps-dev-rated.tsv" \
    --out "$out/ko-learned.tsv"
ko_domain_learn "$hugi" "$out/ko-domain.tsv" "$ko/nsmc-dev-rated.tsv" "$ko/nsmc-dev.tsv" \
    -- "$ko/apps-dev-rated.tsv"
"$hugi" lexicon learn "${EN_LEARN[@]}" "${rules[@]}" \
    --rated "$en/uci-amazon.tsv" --rated "$en/uci-yelp.tsv" --rated "$en/uci-imdb.tsv" \
    --out "$out/en-learned.tsv"
wc -l "$out"/{en-base,emoji,ko-learned,ko-domain,en-learned}.tsv
