#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The lean `hugi` finds hugi-full once installed under a prefix other than the configured one
# (`make install PREFIX=...` is `cmake --install build --prefix ...`):
#   1. the default layout (relative bin/ and libexec/): the test build itself installed into a
#      temporary prefix;
#   2. an absolute CMAKE_INSTALL_LIBEXECDIR, which does not move with the prefix: a build of its
#      own (no sanitizers, no tests: ~30 s on 2 cores) installed into another temporary prefix;
#      hugi-full stays inside that build tree while built.
# Each runs `hugi scan --help` through the installed lean binary: exit 0 and the usage.
# usage: review11_install.sh SOURCE_DIR BUILD_DIR C_COMPILER
set -u
src=$1 build=$2 cc=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset HUGI_EXEC_PATH
export LC_ALL=C.UTF-8
fail=0
# scan_help WHAT HUGI: runs HUGI scan --help from another folder
scan_help() {
    local rc
    (cd / && "$2" scan --help) >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" != 0 ] || ! grep -q '^usage: hugi scan' "$tmp/out"; then
        echo "FAIL: $1: hugi scan --help exit $rc: $(head -c 300 "$tmp/err")"
        fail=1
    else
        echo "ok - $1"
    fi
}

cmake --install "$build" --prefix "$tmp/rel" >"$tmp/install.log" 2>&1 ||
    { echo "FAIL: install of the test build: $(tail -5 "$tmp/install.log")"; exit 1; }
scan_help "default layout, installed under another prefix" "$tmp/rel/bin/hugi"

abs=$tmp/abs/lib/hugi-exec
cmake -S "$src" -B "$tmp/b" -DCMAKE_C_COMPILER="$cc" -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE= \
    -DCMAKE_INSTALL_LIBEXECDIR="$abs" >"$tmp/configure.log" 2>&1 ||
    { echo "FAIL: configure: $(tail -5 "$tmp/configure.log")"; exit 1; }
cmake --build "$tmp/b" -j2 --target hugi >"$tmp/build.log" 2>&1 ||
    { echo "FAIL: build: $(tail -20 "$tmp/build.log")"; exit 1; }
[ -n "$(find "$tmp/b" -name hugi-full -type f)" ] ||
    { echo "FAIL: hugi-full was built outside its build tree $tmp/b"; fail=1; }
scan_help "absolute libexec, in the build tree" "$tmp/b/cli/hugi"
cmake --install "$tmp/b" --prefix "$tmp/p/deeper" >"$tmp/install.log" 2>&1 ||
    { echo "FAIL: install: $(tail -5 "$tmp/install.log")"; exit 1; }
[ -x "$abs/hugi/hugi-full" ] || { echo "FAIL: hugi-full not installed in $abs/hugi"; fail=1; }
rm -rf "$tmp/b" # the installed hugi must not lean on the build tree's copy
scan_help "absolute libexec, installed under another prefix" "$tmp/p/deeper/bin/hugi"
exit $fail
