#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make complaint-model: learns the complaint categories' linear models from the hand-labelled sets
# in tests/data, reading the '@ref' rows' texts from the development data beside the project
# (HUGI_SHARED_DIR, default ../shared; without it the script stops: those 840 rows would be left
# out and the model would differ). Same data and lexicons -> same bytes. Never learned from: the
# unlabelled pool complaints-domains.tsv and the held-out sets blind9, blind11 and probe17b
# (unseen estimates); the categories' model also leaves out blind6 and food5 (its own unseen
# estimates when it was measured).
#   lexicons/complaints-learned.tsv           the non-critical categories' model
#   lexicons/complaints-learned-critical.tsv  the critical categories' model (--critical, session
#                                             seven: recall first, threshold at cross-validated
#                                             precision 0.95, all features)
# Both are OFF by default: the taxonomy loads lexicons/complaints/learned.tsv and
# learned-critical.tsv only (docs/complaints.md, "Learned categories" and "Learned critical
# categories (session seven)", say why they are off and how to turn them on).
# usage: lexicons/complaints-learn.sh HUGI_BINARY [OUT_FILE [CRITICAL_OUT_FILE]]
set -euo pipefail
hugi=$(readlink -f "${1:?usage: complaints-learn.sh HUGI_BINARY [OUT_FILE]}")
here="$(cd "$(dirname "$0")" && pwd)"
out="${2:-$here/complaints-learned.tsv}"
cout="${3:-$here/complaints-learned-critical.tsv}"
shared="${HUGI_SHARED_DIR:-$here/../../shared}"
if [ ! -r "$shared/data/ko/apps-dev-rated.tsv" ]; then
    echo "complaints-learn.sh: no development data in $shared (set HUGI_SHARED_DIR)" >&2
    exit 1
fi
export LC_ALL=C.UTF-8
sets=()
csets=()
for f in "$here"/../tests/data/complaints-*.tsv; do
    case "$f" in *-domains.tsv | *-blind9.tsv | *-blind11.tsv | *-probe17b.tsv) continue ;; esac
    csets+=("$f")
    case "$f" in *-blind6.tsv | *-food5.tsv) continue ;; esac
    sets+=("$f")
done
# the patterns the thresholds are fitted to: the lexicons as shipped, without any learned model
lex=$(mktemp -d)
trap 'rm -rf "$lex"' EXIT
cp "$here"/complaints/*.tsv "$lex"/
rm -f "$lex/learned.tsv" "$lex/learned-critical.tsv"
HUGI_SHARED_DIR="$shared" "$hugi" complaints learn --lexicons "$lex" --out "$out" "${sets[@]}"
HUGI_SHARED_DIR="$shared" "$hugi" complaints learn --lexicons "$lex" --critical \
    --max-features 100000 --min-precision 0.95 --out "$cout" "${csets[@]}"
wc -l "$out" "$cout"
