#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What the data cases cannot express (they feed stdin from a file, and have no store): standard
# input that cannot be read is a failure (exit 1, one message), never a success with nothing done
# or a "partial"; the alerts table names the time zone of its due times, and with [alerts]
# timezone shows them in that zone while the alert files keep UTC.
#   cli_inputs.sh HUGI
set -u
hugi=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # NAME WANT_RC WANT_STDERR_SUBSTRING -- command...
    local name=$1 want=$2 msg=$3
    shift 4
    "$@" <"$tmp" >"$tmp.out" 2>"$tmp.err"
    local rc=$?
    if [ "$rc" != "$want" ] || ! grep -qF -- "$msg" "$tmp.err"; then
        echo "FAIL $name: exit $rc (want $want), stderr:"
        cat "$tmp.err"
        fail=1
    fi
    rm -f "$tmp.out" "$tmp.err"
}
check "score, stdin a directory" 1 "cannot read stdin: Is a directory" -- "$hugi" score
check "score --format score, stdin a directory" 1 "cannot read stdin" -- "$hugi" score --format score
check "eval -, stdin a directory" 1 "cannot read '-': Is a directory" -- "$hugi" eval --no-speed -
check "categorize, stdin a directory" 1 "cannot read standard input: Is a directory" -- \
    "$hugi" complaints --categorize
check "report --input -, stdin a directory" 1 "Is a directory" -- "$hugi" report --input -
# The alerts table's due times are UTC like the files': its header says so (a helpdesk in
# Seoul would otherwise read 10:00 as its own morning).
"$hugi" --store "$tmp/s.db" import --format jsonl /dev/null >/dev/null 2>&1
if ! "$hugi" --store "$tmp/s.db" alerts --format table 2>"$tmp.err" | head -1 | grep -qF "DUE (UTC)"; then
    echo "FAIL alerts table: no 'DUE (UTC)' in its header"
    cat "$tmp.err"
    fail=1
fi
rm -f "$tmp.err"
# With [alerts] timezone the table shows each due time in that zone and names it, while the files
# (alerts JSONL/CSV, open-alerts.csv) keep UTC with Z: scan a saved page of the demo shop, then
# compare every table row with its JSONL record shifted by the offset.
root=$(cd "$(dirname "$0")/.." && pwd)
for zone in "KST 32400" "-05:00 -18000"; do
    set -- $zone
    d="$tmp/z$2"
    mkdir -p "$d"
    printf '[store]\npath = s.db\n[source "charger"]\nurl = file://%s\npreset = jsonld\nproduct = P\n[alerts]\ndir = alerts\ntimezone = %s\n' \
        "$root/examples/demo-shop/products/charger.html" "$1" >"$d/h.conf"
    HUGI_NOW=2026-01-15T00:00:00Z "$hugi" --config "$d/h.conf" scan >/dev/null 2>"$tmp.err" ||
        { echo "FAIL timezone $1: scan failed"; cat "$tmp.err"; fail=1; continue; }
    "$hugi" --config "$d/h.conf" alerts --format table >"$d/table" 2>"$tmp.err"
    "$hugi" --config "$d/h.conf" alerts --format jsonl >"$d/jsonl" 2>>"$tmp.err"
    want_head="DUE ($1)"
    [ "$1" = KST ] || want_head="DUE (-05:00)"
    head -1 "$d/table" | grep -qF "$want_head" || { echo "FAIL timezone $1: header $(head -1 "$d/table")"; fail=1; }
    rows=0
    while IFS= read -r line; do
        id=$(printf '%s' "$line" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
        due=$(printf '%s' "$line" | sed -n 's/.*"due":"\([^"]*\)".*/\1/p')
        case $due in *Z) ;; *) echo "FAIL timezone $1: JSONL due '$due' is not UTC"; fail=1 ;; esac
        want=$(date -u -d "@$(($(date -u -d "$due" +%s) + $2))" '+%Y-%m-%d %H:%M')
        grep -q "^$id .* $want[! ]" "$d/table" || { echo "FAIL timezone $1: $id due $due, table:"; grep "^$id" "$d/table"; fail=1; }
        rows=$((rows + 1))
    done <"$d/jsonl"
    [ "$rows" -ge 3 ] || { echo "FAIL timezone $1: only $rows alerts"; fail=1; }
    # the machine files: every due field of the CSVs is UTC ISO-8601 with Z
    for f in "$d"/alerts/open-alerts.csv "$d"/alerts/*/alerts.csv; do
        col=$(head -1 "$f" | tr ',' '\n' | grep -nx due | cut -d: -f1)
        bad=$(tail -n +2 "$f" | cut -d, -f"$col" | grep -cvE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$')
        [ "$bad" = 0 ] || { echo "FAIL timezone $1: $bad due fields of $f not UTC"; fail=1; }
    done
done
rm -f "$tmp.err"
exit $fail
