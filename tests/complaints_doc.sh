#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs/hugi-complaints.md lists every option `hugi complaints --help` shows (git's t0450 idea);
# with a second argument "learn", every option of `hugi complaints learn --help`.
set -u
hugi=$1
here="$(cd "$(dirname "$0")" && pwd)"
doc="$here/../docs/hugi-complaints.md"
fail=0
opts=$("$hugi" complaints ${2:-} --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
[ -n "$opts" ] || { echo "FAIL: no options in --help"; exit 1; }
for opt in $opts; do
    grep -qE -- "\`$opt( |\`)" "$doc" || { echo "FAIL: $opt not in docs/hugi-complaints.md"; fail=1; }
done
exit $fail
