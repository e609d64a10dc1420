#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make bench: runs every bench/bench_*.sh with the hugi binary; each prints its own figures and
# ratios against the peers it measures in the same run. Results go to stdout (and bench/README.md
# explains them).
set -uo pipefail
hugi=$(readlink -f "${1:-build/cli/hugi}")
here="$(cd "$(dirname "$0")" && pwd)"
status=0
for b in "$here"/bench_*.sh; do
    [ -f "$b" ] || continue
    echo "== $(basename "$b" .sh)"
    bash "$b" "$hugi" || { echo "(failed: $b)"; status=1; }
done
exit $status
