#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The lean hugi neither names (ELF NEEDED, readelf) nor loads (ldd: what the dynamic loader
# resolves, dependencies of dependencies included) libcurl, libxml2 or libpq; hugi-full does,
# which shows these checks can see them.
# usage: startup2_libs.sh HUGI HUGI_FULL
set -u
hugi=$1 full=$2
fail=0
heavy='libcurl|libxml2|libpq'
lean_ldd=$(ldd "$hugi") || { echo "FAIL: ldd $hugi"; exit 1; }
full_ldd=$(ldd "$full") || { echo "FAIL: ldd $full"; exit 1; }
grep -q 'libc\.so' <<<"$lean_ldd" || { echo "FAIL: ldd shows no libc for $hugi"; fail=1; }
if grep -E "$heavy" <<<"$lean_ldd"; then
    echo "FAIL: the lean hugi loads the lines above"
    fail=1
fi
for lib in libcurl libxml2 libpq; do
    grep -q "$lib" <<<"$full_ldd" || { echo "FAIL: hugi-full does not load $lib"; fail=1; }
done
if command -v readelf >/dev/null; then
    lean_needed=$(readelf -d "$hugi" | grep NEEDED)
    grep -q 'libc\.so' <<<"$lean_needed" || { echo "FAIL: readelf: no NEEDED libc"; fail=1; }
    if grep -E "$heavy" <<<"$lean_needed"; then
        echo "FAIL: the lean hugi needs the lines above"
        fail=1
    fi
    readelf -d "$full" | grep NEEDED | grep -q libcurl || { echo "FAIL: readelf: hugi-full needs no libcurl"; fail=1; }
fi
echo "lean hugi: $(wc -l <<<"$lean_ldd") ldd lines, hugi-full: $(wc -l <<<"$full_ldd")"
[ $fail = 0 ] && echo "startup2_libs: OK"
exit $fail
