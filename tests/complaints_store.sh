#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `hugi complaints` on the store: import reviews, raise groups, then see them stored and cooling
# down (second run "seen"), and raised again after the cool-down. In a build without the store
# stage it checks that the command says so and points to --input.
set -u
hugi=$1
data=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export HUGI_NOW=2026-01-15T00:00:00Z
fail=0
out=$("$hugi" complaints 2>&1)
if printf '%s' "$out" | grep -q 'store stage is not in this build'; then
    printf '%s' "$out" | grep -q -- '--input' || { echo "FAIL: no hint to --input: $out"; exit 1; }
    echo "store stage not built: checked the message"
    exit 0
fi
"$hugi" import --store t.db "$data/groups-jsonl/input.jsonl" >/dev/null 2>&1
[ -s t.db ] || { echo "FAIL: import wrote no store"; exit 1; }
first=$("$hugi" complaints --store t.db --format jsonl 2>/dev/null)
n=$(printf '%s\n' "$first" | grep -c '"fresh":true')
[ "$n" -ge 4 ] || { echo "FAIL: expected fresh groups, got: $first"; fail=1; }
printf '%s\n' "$first" | grep -q '"key":"spike|P1|delivery"' || { echo "FAIL: no delivery spike"; fail=1; }
printf '%s\n' "$first" | grep -q '"key":"emerging|P2|배터리부풀"' || { echo "FAIL: no emerging phrase"; fail=1; }
# each stored group carries its worst member's severity (schema 3); a safety group is critical
sev=$(python3 -c 'import sqlite3,sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT key, severity FROM complaint_groups ORDER BY key").fetchall()
print(";".join("%s=%s" % r for r in rows))' t.db 2>&1)
case "$sev" in *"=None"*|"") echo "FAIL: a group stored without severity: $sev"; fail=1 ;; esac
printf '%s' "$sev" | grep -q '|safety=critical' || { echo "FAIL: safety group not critical: $sev"; fail=1; }
second=$("$hugi" complaints --store t.db --format jsonl 2>/dev/null)
if printf '%s\n' "$second" | grep -q '"fresh":true'; then
    echo "FAIL: raised twice within the cool-down: $second"
    fail=1
fi
later=$("$hugi" complaints --store t.db --now 2026-01-19 --since 2026-01-08 --format jsonl 2>/dev/null)
printf '%s\n' "$later" | grep -q '"fresh":true' || { echo "FAIL: not raised after the cool-down"; fail=1; }
# --dry-run reads but does not write: a new store stays without groups
"$hugi" import --store d.db "$data/groups-jsonl/input.jsonl" >/dev/null 2>&1
"$hugi" complaints --store d.db --dry-run >/dev/null 2>&1
again=$("$hugi" complaints --store d.db --format jsonl 2>/dev/null)
printf '%s\n' "$again" | grep -q '"fresh":false' && { echo "FAIL: --dry-run wrote groups"; fail=1; }
exit $fail
