#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Accuracy floor of the shipped scorer on hugi's own hand-written shop reviews
# (tests/data/score-shop, written before the shop tuning and not edited to fit it).
# usage: sent_shop.sh HUGI FILE FLOOR   (FLOOR = measured accuracy minus 2 points)
set -euo pipefail
hugi=$1 file=$2 floor=$3
line=$("$hugi" eval --no-speed "$file" | head -n 1)
acc=$(printf '%s\n' "$line" | sed -n 's/.* accuracy=\([0-9.]*\) .*/\1/p')
[ -n "$acc" ] || { echo "no accuracy in: $line" >&2; exit 1; }
echo "$line (floor $floor)"
awk -v a="$acc" -v f="$floor" 'BEGIN { exit !(a + 0 >= f + 0) }' || {
    echo "accuracy $acc is below the floor $floor" >&2
    exit 1
}
