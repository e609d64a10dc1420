#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every long option that `hugi score|eval|lexicon --help` prints is documented in
# docs/hugi-<name>.md (git's t0450 idea).
set -u
hugi=$1
root=$2
fail=0
for cmd in score eval lexicon; do
    doc="$root/docs/hugi-$cmd.md"
    [ -f "$doc" ] || { echo "missing $doc"; fail=1; continue; }
    for opt in $("$hugi" "$cmd" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
        grep -q -- "$opt" "$doc" || { echo "$doc does not mention $opt"; fail=1; }
    done
done
exit $fail
