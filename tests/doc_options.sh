#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A subcommand's page lists every option its --help prints (git's t0450 idea):
#   doc_options.sh HUGI SUBCOMMAND DOCS_DIR
set -u
hugi=$1
cmd=$2
page=$3/hugi-$cmd.md
[ -f "$page" ] || { echo "missing $page"; exit 1; }
status=0
for opt in $("$hugi" "$cmd" --help | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u); do
    if ! grep -qF -- "\`$opt" "$page"; then
        echo "$page does not document $opt"
        status=1
    fi
done
exit $status
