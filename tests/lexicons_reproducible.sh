#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `make lexicons` reproduces the shipped learned lexicons byte for byte: lexicons/learn.sh run
# with this build's hugi into a scratch folder must give exactly the committed files. The learner's
# refinement scores with the rules, so a rule change that is not followed by `make lexicons`
# leaves the shipped files stale (sessions eleven and twelve shipped such files unnoticed); this
# test makes that a failure. Skipped (77) without the development data in ../shared.
# usage: lexicons_reproducible.sh HUGI_BINARY PROJECT_DIR
set -u
hugi=$1
proj=$2
shared="${HUGI_SHARED_DIR:-$proj/../shared}"
if [ ! -d "$shared/data/ko" ] || [ ! -d "$shared/data/en" ]; then
    echo "no development data in $shared: skipped"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! HUGI_SHARED_DIR="$shared" bash "$proj/lexicons/learn.sh" "$hugi" "$tmp" >"$tmp/log" 2>&1; then
    cat "$tmp/log"
    echo "lexicons/learn.sh failed"
    exit 1
fi
fail=0
for f in en-base emoji ko-learned ko-domain en-learned; do
    if ! cmp -s "$tmp/$f.tsv" "$proj/lexicons/$f.tsv"; then
        echo "lexicons/$f.tsv is not what make lexicons gives now ($(diff "$tmp/$f.tsv" "$proj/lexicons/$f.tsv" | grep -c '^<') lines differ): run make lexicons and commit the result"
        fail=1
    fi
done
[ $fail = 0 ] && echo "the five generated lexicons are reproduced byte for byte"
exit $fail
