#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Start-up of the lean `hugi` against hugi-full, the same program linking libcurl, libxml2 and
# libpq as the single hugi did before session nine (bench/README.md "Session nine"): the
# libraries each loads, then whole processes of `hugi score </dev/null` (lexicon image cached),
# `hugi help`, `hugi --version` and `hugi scan --help`, the two alternated in rounds so that load
# from the other helpers on this machine hits both alike.
# usage: bench/bench_startup.sh HUGI_BINARY [ROUNDS] [PROCESSES_PER_ROUND]
set -uo pipefail
hugi=$(readlink -f "${1:-build/cli/hugi}")
rounds=${2:-8}
per=${3:-20}
# HUGI_BENCH_PEER: another binary in hugi-full's place (e.g. a build of main before session nine)
full=$(readlink -f "${HUGI_BENCH_PEER:-$(dirname "$hugi")/../libexec/hugi/hugi-full}")
[ -x "$full" ] || { echo "no hugi-full at $full"; exit 1; }
peer=hugi-full
[ -n "${HUGI_BENCH_PEER:-}" ] && peer="peer ($HUGI_BENCH_PEER)"
export LC_ALL=C.UTF-8
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export HUGI_CACHE_DIR="$tmp/cache"

echo "-- libraries loaded (ldd lines, vdso and the loader included)"
echo "hugi: $(ldd "$hugi" | wc -l); $peer: $(ldd "$full" | wc -l)"
for lib in libcurl libxml2 libpq; do
    ldd "$hugi" | grep -q "$lib" && echo "hugi loads $lib (it should not)"
done

# ms per process over $per runs of: binary args... (stdin /dev/null, output dropped)
per_process() {
    local t0 t1 i
    t0=$(date +%s%N)
    for ((i = 0; i < per; i++)); do "$@" </dev/null >/dev/null 2>&1; done
    t1=$(date +%s%N)
    awk -v a="$t0" -v b="$t1" -v n="$per" 'BEGIN { printf "%.2f\n", (b - a) / 1e6 / n }'
}
best_median() { # file of figures -> "best X ms, median Y ms"
    sort -g "$1" | awk '{ v[NR] = $1 } END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "best %.2f ms, median %.2f ms", v[1], m }'
}
# label, args...: both binaries alternated, $rounds rounds of $per processes each
compare() {
    local label=$1 r
    shift
    : >"$tmp/lean" && : >"$tmp/full"
    "$hugi" "$@" </dev/null >/dev/null 2>&1 # warm: page cache, lexicon image
    for ((r = 0; r < rounds; r++)); do
        per_process "$hugi" "$@" >>"$tmp/lean"
        per_process "$full" "$@" >>"$tmp/full"
    done
    local l f
    l=$(sort -g "$tmp/lean" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    f=$(sort -g "$tmp/full" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    echo "$label: hugi $(best_median "$tmp/lean"); $peer $(best_median "$tmp/full");" \
        "hugi - $peer (medians) $(awk -v a="$l" -v b="$f" 'BEGIN { printf "%+.2f ms", a - b }')"
}
echo "-- whole processes, $rounds rounds x $per, alternated (ms per process)"
compare "score </dev/null (image cached)" score
compare "help (no lexicons)" help
compare "--version (hugi execs hugi-full)" --version
compare "scan --help (hugi execs hugi-full)" scan --help
