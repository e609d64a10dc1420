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

median() { # file of figures
    sort -g "$1" | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
best_median() { # file of figures -> "best X ms, median Y ms"
    echo "best $(sort -g "$1" | head -1 | awk '{ printf "%.2f", $1 }') ms, median $(median "$1") ms"
}
# CPU ms (user + sys) per process of: binary args..., over $rounds x $per processes: less
# moved by the other helpers' load than wall time (bash's `times`: its children's totals)
cpu_ms() {
    local i
    for ((i = 0; i < rounds * per; i++)); do "$@" </dev/null >/dev/null 2>&1; done
    times >"$tmp/times" # in this shell: a pipeline's would be a child's, with no children
    tail -1 "$tmp/times" | awk -v n=$((rounds * per)) '{ split($1, u, /[ms]/); split($2, s, /[ms]/)
        printf "%.2f", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 / n }'
}
# label, args...: $rounds rounds of $per processes of each binary, one of each in turn so that
# load from the rest of the machine falls on both alike; a round's figure is its mean
compare() {
    local label=$1 r i t0 t1 l f lsum fsum
    shift
    : >"$tmp/lean" && : >"$tmp/full"
    "$hugi" "$@" </dev/null >/dev/null 2>&1 # warm: page cache, lexicon image
    for ((r = 0; r < rounds; r++)); do
        lsum=0 fsum=0
        for ((i = 0; i < per; i++)); do
            t0=${EPOCHREALTIME/[.,]/}
            "$hugi" "$@" </dev/null >/dev/null 2>&1
            t1=${EPOCHREALTIME/[.,]/}
            lsum=$((lsum + t1 - t0))
            "$full" "$@" </dev/null >/dev/null 2>&1
            t0=${EPOCHREALTIME/[.,]/}
            fsum=$((fsum + t0 - t1))
        done
        awk -v s="$lsum" -v n="$per" 'BEGIN { printf "%.3f\n", s / n / 1000 }' >>"$tmp/lean"
        awk -v s="$fsum" -v n="$per" 'BEGIN { printf "%.3f\n", s / n / 1000 }' >>"$tmp/full"
    done
    l=$(median "$tmp/lean")
    f=$(median "$tmp/full")
    echo "$label: hugi $(best_median "$tmp/lean"); $peer $(best_median "$tmp/full");" \
        "hugi - $peer (medians) $(awk -v a="$l" -v b="$f" 'BEGIN { printf "%+.2f ms", a - b }')"
    echo "  CPU per process: hugi $(cpu_ms "$hugi" "$@") ms, $peer $(cpu_ms "$full" "$@") ms"
}
echo "-- whole processes, $rounds rounds x $per each, one of each in turn (ms per process;"
echo "   \$EPOCHREALTIME around each, so bash's fork and exec are in both figures)"
compare "score </dev/null (image cached)" score
compare "help (no lexicons)" help
compare "--version (hugi execs hugi-full)" --version
compare "scan --help (hugi execs hugi-full)" scan --help
