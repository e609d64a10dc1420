#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs every built fuzz_* harness for FUZZ_SECONDS (default 60) each, seeded from
# tests/fuzz/corpus/<name>/ when present and from the test inputs under tests/data that the
# harness parses (see test_seeds), so a fixture is not kept twice. The corpus holds only seeds
# no test has, e.g. crash reproducers. Exits non-zero on the first finding.
set -euo pipefail
bdir=${1:-build-fuzz}
secs=${2:-60}
here="$(cd "$(dirname "$0")" && pwd)"
data="$(cd "$here/../data" && pwd)"

# The test inputs that seed harness $1, one path a line.
test_seeds() {
    shopt -s nullglob
    local f=()
    case "$1" in
    html) f=("$data"/extract/*/*.html) ;;
    jsonld) f=("$data"/extract/*/*.json) ;;
    feeds) f=("$data"/extract/*/*.xml "$data"/extract/*/*.csv "$data"/extract/*/*.tsv
              "$data"/extract/*/*.html "$data"/extract/*/*.json "$data"/extract/*/stdin) ;;
    csv) f=("$data"/import/*/*.csv "$data"/import/*/*.tsv "$data"/import-flow/*/*.csv) ;;
    review_json) f=("$data"/import/*/*.jsonl "$data"/import-flow/*/*.jsonl) ;;
    esac
    shopt -u nullglob
    [ ${#f[@]} -eq 0 ] || printf '%s\n' "${f[@]}"
}

status=0
for bin in "$bdir"/tests/fuzz/fuzz_*; do
    [ -x "$bin" ] || continue
    name=$(basename "$bin")
    name=${name#fuzz_}
    work=$(mktemp -d)
    seeds=()
    [ -d "$here/corpus/$name" ] && seeds=("$here/corpus/$name")
    # libFuzzer takes directories as corpora: gather the test inputs in one, named after
    # their test case so equal file names do not collide
    mkdir "$work/tests"
    while IFS= read -r f; do
        case_dir=$(basename "$(dirname "$f")")
        cp "$f" "$work/tests/${case_dir}_$(basename "$f")"
    done < <(test_seeds "$name")
    [ -n "$(ls -A "$work/tests")" ] && seeds+=("$work/tests")
    dict=()
    [ -f "$here/$name.dict" ] && dict=(-dict="$here/$name.dict")
    echo "fuzz $name: ${secs}s"
    mkdir "$work/new"
    # an image is never under 256 KiB (its dense root table): at 64 KiB libFuzzer would cut every
    # seed image and only the size check would ever be reached
    maxlen=65536
    case $name in *_image) maxlen=524288 ;; esac
    if ! "$bin" -max_total_time="$secs" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$work/" "${dict[@]}" "$work/new" "${seeds[@]}" >"$work/log" 2>&1; then
        echo "fuzz $name: FOUND a problem; log and input in $work"
        tail -30 "$work/log"
        status=1
    else
        grep -E '^(#[0-9]+|Done)' "$work/log" | tail -1
        rm -rf "$work"
    fi
done
exit $status
