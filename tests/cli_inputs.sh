#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What the data cases cannot express (they feed stdin from a file, and have no store): standard
# input that cannot be read is a failure (exit 1, one message), never a success with nothing done
# or a "partial"; the alerts table names the time zone of its due times.
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
exit $fail
