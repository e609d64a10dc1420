#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one data-driven test case: a directory with
#   cmd            the hugi arguments, one shell-quoted line (e.g. extract --preset jsonld input.html)
#   stdin          optional, fed to standard input
#   expected.out   standard output, byte for byte
#   expected.err   optional: standard error, byte for byte
#   expected.rc    optional: the exit code (default 0)
# HUGI_UPDATE_GOLDEN=1 rewrites the expected files from what hugi printed instead of comparing.
set -u
hugi=$1
dir=$2
cd "$dir" || exit 2
export HUGI_NOW=${HUGI_NOW:-2026-01-15T00:00:00Z} LC_ALL=C.UTF-8 TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
eval "set -- $(cat cmd)"
if [ -f stdin ]; then
    timeout 60 "$hugi" "$@" <stdin >"$tmp/out" 2>"$tmp/err"
else
    timeout 60 "$hugi" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
fi
rc=$?
if [ "${HUGI_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$tmp/out" expected.out
    if [ -s "$tmp/err" ] || [ -f expected.err ]; then cp "$tmp/err" expected.err; fi
    if [ $rc -ne 0 ] || [ -f expected.rc ]; then echo $rc >expected.rc; fi
    echo "updated $dir"
    exit 0
fi
want_rc=0
[ -f expected.rc ] && want_rc=$(cat expected.rc)
fail=0
if [ "$rc" != "$want_rc" ]; then
    echo "exit code $rc, expected $want_rc"
    fail=1
fi
if ! diff -u expected.out "$tmp/out"; then
    echo "stdout differs (above)"
    fail=1
fi
if [ -f expected.err ] && ! diff -u expected.err "$tmp/err"; then
    echo "stderr differs (above)"
    fail=1
fi
if [ $fail -ne 0 ]; then
    echo "--- stderr:"
    head -c 4000 "$tmp/err"
fi
exit $fail
