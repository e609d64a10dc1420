#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The import/export flows (tests/data/import-flow/<case>/script, run by tests/flow.sh on SQLite)
# once more with each `--store NAME.db` a fresh database on the PostgreSQL test server
# (HUGI_TEST_PG_URI): the same commands must print the same, byte for byte. Only stores the
# script creates (imports into) move; one it only reads stays a missing file. A case that looks at
# the store file itself (a name.db outside --store) is about SQLite and is left out.
# usage: pg_flows.sh HUGI FLOW_DIR...
set -u
hugi=$1
shift
. "$(dirname "$0")/pg_common.sh"
pg_need_fixture
export HUGI="$hugi" HUGI_NOW=2026-01-15T00:00:00Z
failed=0
ran=0
for dir in "$@"; do
    case=$(basename "$dir")
    if grep -v -- '--store' "$dir/script" | grep -q '\.db'; then
        echo "- $case: looks at the SQLite file itself, not run here"
        continue
    fi
    rm -rf "$tmp/case"
    mkdir "$tmp/case"
    cp -r "$dir"/. "$tmp/case"/
    # the stores the script creates (by importing); a name only read stays a file name, so a
    # missing store is the same error either way
    for name in $(grep -- ' import ' "$dir/script" | grep -o -- '--store [A-Za-z0-9_]*\.db' |
        awk '{print $2}' | sort -u); do
        db=hugi_f_$$_$(echo "${case}_${name%.db}" | tr -c 'A-Za-z0-9_\n' '_')
        pg_create_db "$db"
        sed -i "s|--store $name\\b|--store $pg_base/$db|g" "$tmp/case/script"
    done
    (cd "$tmp/case" && timeout 120 bash -eu script >out 2>&1; echo "exit $?" >>out)
    ran=$((ran + 1))
    if diff -u "$dir/expected.out" "$tmp/case/out"; then
        echo "ok - $case"
    else
        echo "FAIL - $case: output on PostgreSQL differs from the SQLite golden (above)"
        failed=1
    fi
done
[ "$ran" -gt 0 ] || fail "no flow ran"
exit $failed
