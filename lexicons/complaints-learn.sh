#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make complaint-model: learns the complaint categories' linear model from the hand-labelled sets
# in tests/data (every complaints-*.tsv but the unseen-data estimates blind6 and food5, which are
# never learned from), reading the '@ref' rows' texts from the development data beside the project
# (HUGI_SHARED_DIR, default ../shared). Same data and lexicons -> same bytes.
#   lexicons/complaints-learned.tsv   the model, OFF by default: the taxonomy loads a model only
#                                     from lexicons/complaints/learned.tsv (docs/complaints.md,
#                                     "Learned categories", says why it is off and how to turn it on)
# usage: lexicons/complaints-learn.sh HUGI_BINARY [OUT_FILE]
set -euo pipefail
hugi=$(readlink -f "${1:?usage: complaints-learn.sh HUGI_BINARY [OUT_FILE]}")
here="$(cd "$(dirname "$0")" && pwd)"
out="${2:-$here/complaints-learned.tsv}"
shared="${HUGI_SHARED_DIR:-$here/../../shared}"
if [ ! -r "$shared/data/ko/apps-dev-rated.tsv" ]; then
    echo "complaints-learn.sh: no development data in $shared (set HUGI_SHARED_DIR)" >&2
    exit 1
fi
export LC_ALL=C.UTF-8
sets=()
for f in "$here"/../tests/data/complaints-*.tsv; do
    case "$f" in *-blind6.tsv | *-food5.tsv) continue ;; esac
    sets+=("$f")
done
# the patterns the thresholds are fitted to: the lexicons as shipped, without any learned model
lex=$(mktemp -d)
trap 'rm -rf "$lex"' EXIT
cp "$here"/complaints/*.tsv "$lex"/
rm -f "$lex/learned.tsv"
HUGI_SHARED_DIR="$shared" "$hugi" complaints learn --lexicons "$lex" --out "$out" "${sets[@]}"
wc -l "$out"
