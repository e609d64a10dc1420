#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The PostgreSQL store against the SQLite one, in the same run: N generated reviews (default
# 100,000; BENCH_PG_N) imported into a fresh store, imported again (every review "unchanged", the
# rescan path), then exported; each on a SQLite file and on a throwaway PostgreSQL server on
# loopback (tests/pg_server.sh: no fsync, so this measures hugi's statements and the round trips,
# not the disk). Prints wall seconds, CPU seconds of hugi and reviews/s for each, the ratios, and
# whether both exports are byte-identical (they must be: same calls, same results).
#   bench_pg.sh HUGI
set -euo pipefail
hugi=$(readlink -f "$1")
here="$(cd "$(dirname "$0")" && pwd)"
n=${BENCH_PG_N:-100000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hugi-bench-pg.XXXXXX")
state=$tmp/pg
cleanup() {
    bash "$here/../tests/pg_server.sh" stop "$state" || true
    rm -rf "$tmp"
}
trap cleanup EXIT
rc=0
bash "$here/../tests/pg_server.sh" start "$state" >/dev/null || rc=$?
if [ "$rc" = 77 ]; then
    echo "skipped: no PostgreSQL server programs (scripts/deps.sh test installs them)"
    exit 0
fi
[ "$rc" = 0 ] || { echo "the PostgreSQL server did not start"; exit 1; }
uri=$(cat "$state/uri")
psql_bin=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -1)
"$psql_bin" -q "$uri" -c "CREATE DATABASE bench"
pg=${uri%/*}/bench
python3 "$here/gen_reviews.py" "$n" >"$tmp/reviews.jsonl"
echo "input: $n reviews; load average $(cut -d' ' -f1 /proc/loadavg)"
export HUGI_NOW=2026-01-15T00:00:00Z

# measure OUT CMD...: "wall cpu" of CMD (stdout to OUT); cpu is the child's user + system
measure() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
with open(sys.argv[1], "wb") as out:
    subprocess.run(sys.argv[2:], check=True, stdout=out, stderr=subprocess.DEVNULL)
wall = time.monotonic() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.2f %.2f" % (wall, ru.ru_utime + ru.ru_stime))
PY
}

printf '%-26s %10s %10s %10s %12s %8s\n' step sqlite_s pg_s pg_cpu_s pg_reviews/s pg/sqlite
for step in import reimport export; do
    case $step in
    import | reimport)
        a=$(measure /dev/null "$hugi" import --store "$tmp/s.db" "$tmp/reviews.jsonl")
        b=$(measure /dev/null "$hugi" import --store "$pg" "$tmp/reviews.jsonl")
        ;;
    export)
        a=$(measure "$tmp/s.jsonl" "$hugi" export --store "$tmp/s.db")
        b=$(measure "$tmp/p.jsonl" "$hugi" export --store "$pg")
        ;;
    esac
    awk -v s="$step" -v a="$a" -v b="$b" -v n="$n" 'BEGIN {
        split(a, x, " "); split(b, y, " ");
        printf "%-26s %10.2f %10.2f %10.2f %12d %7.1fx\n", s, x[1], y[1], y[2], n / y[1], y[1] / x[1] }'
done
if cmp -s "$tmp/s.jsonl" "$tmp/p.jsonl"; then
    echo "exports identical: $(wc -l <"$tmp/s.jsonl") reviews"
else
    echo "EXPORTS DIFFER"
    exit 1
fi
