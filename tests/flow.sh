#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one multi-step case: a directory with
#   script         bash, run in a scratch copy of the directory with $HUGI set to the binary
#   expected.out   what the script prints (stdout and stderr together), byte for byte
# Used where one hugi call is not enough (import, then export what the store holds).
# HUGI_UPDATE_GOLDEN=1 rewrites expected.out instead of comparing.
set -u
hugi=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$dir"/. "$tmp"/
cd "$tmp" || exit 2
export HUGI="$hugi" HUGI_NOW=${HUGI_NOW:-2026-01-15T00:00:00Z} LC_ALL=C.UTF-8 TZ=UTC
unset HUGI_CONFIG
timeout 120 bash -eu script >out 2>&1
rc=$?
echo "exit $rc" >>out
if [ "${HUGI_UPDATE_GOLDEN:-}" = 1 ]; then
    cp out "$dir/expected.out"
    echo "updated $dir"
    exit 0
fi
if ! diff -u "$dir/expected.out" out; then
    echo "output differs (above)"
    exit 1
fi
