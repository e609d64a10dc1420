#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every option `hugi CMD --help` prints is documented in docs/hugi-CMD.md (git's
# t0450-txt-doc-vs-help idea), for the subcommands of the reports stage.
# usage: doc_vs_help.sh HUGI SOURCE_DIR
set -u
hugi=$1
src=$2
fail=0
for cmd in report alerts ack scan; do
    doc=$src/docs/hugi-$cmd.md
    [ -f "$doc" ] || { echo "missing $doc"; fail=1; continue; }
    for opt in $("$hugi" "$cmd" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
        grep -q -- "\`$opt" "$doc" || { echo "$cmd: $opt is not in $doc"; fail=1; }
    done
done
[ $fail -eq 0 ] && echo "ok: report, alerts, ack and scan options all documented"
exit $fail
