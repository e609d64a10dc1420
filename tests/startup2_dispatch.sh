#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every subcommand `hugi --help` lists dispatches from the lean hugi, whether it runs there or in
# hugi-full, and says exactly what hugi-full says when run under the same argv[0] (getopt's
# messages show it): the same stdout, stderr and exit code for each one's --help, `hugi help
# NAME`, and the global options and mistakes around them.
# usage: startup2_dispatch.sh HUGI HUGI_FULL
set -u
hugi=$1 full=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
fail=0
n=0
# same ARGS...: the lean hugi and hugi-full (as argv[0] "$hugi") agree
same() {
    "$hugi" "$@" </dev/null >"$tmp/l.out" 2>"$tmp/l.err"
    local lrc=$?
    (exec -a "$hugi" "$full" "$@") </dev/null >"$tmp/f.out" 2>"$tmp/f.err"
    local frc=$?
    n=$((n + 1))
    if [ $lrc != $frc ] || ! cmp -s "$tmp/l.out" "$tmp/f.out" || ! cmp -s "$tmp/l.err" "$tmp/f.err"; then
        echo "FAIL: hugi $*: lean rc $lrc, full rc $frc"
        diff "$tmp/l.out" "$tmp/f.out" | head -5
        diff "$tmp/l.err" "$tmp/f.err" | head -5
        fail=1
        return 1
    fi
    return 0
}
cmds=$("$hugi" --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NF > 1 { print $1 }')
for want in scan fetch extract import export score eval lexicon complaints report alerts ack version help; do
    grep -qx "$want" <<<"$cmds" || { echo "FAIL: '$want' missing from hugi --help"; fail=1; }
done
for c in $cmds; do
    if same "$c" --help; then
        line=$(head -1 "$tmp/l.out")
        [ "$c" = help ] && c=SUBCOMMAND
        case $line in
        "usage: hugi "*"$c"*) ;;
        *) echo "FAIL: hugi $c --help starts '$line'"; fail=1 ;;
        esac
        [ -s "$tmp/l.err" ] && { echo "FAIL: hugi $c --help wrote to stderr"; fail=1; }
    fi
    same help "$c"
    same -q --config "$tmp/none.conf" "$c" -h
done
same
same -h
same --help
same --version
same version
same -V
same --bogus
same bogus
same help bogus
same scan --bogus
same score --bogus
same export --format nope
same score --format score 'good' '별로예요'
same -v --store "$tmp/none.db" export
[ $fail = 0 ] && echo "startup2_dispatch: OK ($n argument lists)"
exit $fail
