#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What the data cases cannot express (they feed stdin from a file): standard input that cannot be
# read is a failure (exit 1, one message), never a success with nothing done or a "partial".
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
exit $fail
