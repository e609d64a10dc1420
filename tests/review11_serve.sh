#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/serve_shop.sh when the shop's server never answers (here a "server" that only sleeps):
# serve_shop stops the test with a message naming the port and the wait, exit 1, within its
# bounded wait, instead of carrying on against a dead address.
# usage: review11_serve.sh SOURCE_DIR
set -u
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
t0=$SECONDS
out=$(bash -c '. "$1/tests/serve_shop.sh"
timeout() { echo "$BASHPID" >"$2/stand-in.pid"; exec sleep 30; }
serve_shop "$1" "$2" 30 2
echo "carried on with DEMO_BASE=$DEMO_BASE"' _ "$src" "$tmp" 2>&1)
rc=$?
took=$((SECONDS - t0))
[ "$rc" = 1 ] || { echo "FAIL: serve_shop with a dead server: exit $rc, want 1"; fail=1; }
case $out in
*"carried on"*) echo "FAIL: the test went on after the server never answered: $out"; fail=1 ;;
esac
case $out in
*"did not answer on 127.0.0.1:"*"within 2 s"*) ;;
*) echo "FAIL: no message naming the server's address and wait: '$out'"; fail=1 ;;
esac
[ "$took" -le 10 ] || { echo "FAIL: serve_shop waited ${took} s, its bound is 2 s"; fail=1; }
# the sleeping stand-in was stopped with it
pid=$(cat "$tmp/stand-in.pid" 2>/dev/null)
if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "FAIL: the server that never answered ($pid) still runs"
    kill "$pid"
    fail=1
fi
[ "$fail" = 0 ] && echo "ok - a server that never answers fails the test at once, with a message"
exit $fail
