#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs every built fuzz_* harness for FUZZ_SECONDS (default 60) each, seeded from
# tests/fuzz/corpus/<name>/ when present. Exits non-zero on the first finding.
set -euo pipefail
bdir=${1:-build-fuzz}
secs=${2:-60}
here="$(cd "$(dirname "$0")" && pwd)"
status=0
for bin in "$bdir"/tests/fuzz/fuzz_*; do
    [ -x "$bin" ] || continue
    name=$(basename "$bin")
    name=${name#fuzz_}
    work=$(mktemp -d)
    seeds=()
    [ -d "$here/corpus/$name" ] && seeds=("$here/corpus/$name")
    dict=()
    [ -f "$here/$name.dict" ] && dict=(-dict="$here/$name.dict")
    echo "fuzz $name: ${secs}s"
    if ! "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$work/" "${dict[@]}" "$work" "${seeds[@]}" >"$work/log" 2>&1; then
        echo "fuzz $name: FOUND a problem; log and input in $work"
        tail -30 "$work/log"
        status=1
    else
        grep -E '^(#[0-9]+|Done)' "$work/log" | tail -1
        rm -rf "$work"
    fi
done
exit $status
