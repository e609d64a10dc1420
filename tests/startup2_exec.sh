#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Where the lean hugi finds hugi-full: $HUGI_EXEC_PATH, else the same place relative to its own
# folder as the kernel resolved it (/proc/self/exe: a copied tree works, a symlink to hugi
# works). A missing or unrunnable hugi-full is one error naming its path, exit 1, nothing on
# stdout; the lean subcommands never need it.
# usage: startup2_exec.sh HUGI HUGI_FULL
set -u
hugi=$1 full=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
unset HUGI_EXEC_PATH
fail=0
check() { # what, want, got
    if [ "$2" != "$3" ]; then
        echo "FAIL: $1: want '$2', got '$3'"
        fail=1
    fi
}
# run OUT-PREFIX BINARY ARGS...: stdout, stderr in files, prints the exit code
run() {
    local o=$1
    shift
    "$@" </dev/null >"$tmp/$o.out" 2>"$tmp/$o.err"
    echo $?
}
# hugi-full relative to hugi, as built (the installed layout's: bin/ and libexec/hugi/)
rel=$(realpath --relative-to="$(dirname "$(readlink -f "$hugi")")" "$(dirname "$(readlink -f "$full")")")

# $HUGI_EXEC_PATH names the folder
check "exec path: rc" 1 "$(HUGI_EXEC_PATH="$tmp/none" run a "$hugi" scan --help)"
check "exec path: error" "hugi: error: cannot run $tmp/none/hugi-full (it runs 'hugi scan'): No such file or directory" "$(cat "$tmp/a.err")"
check "exec path: stdout" "" "$(cat "$tmp/a.out")"
check "help NAME: rc" 1 "$(HUGI_EXEC_PATH="$tmp/none" run a "$hugi" help fetch)"
check "help NAME: error" "hugi: error: cannot run $tmp/none/hugi-full (it runs 'hugi fetch'): No such file or directory" "$(cat "$tmp/a.err")"
check "--version: rc" 1 "$(HUGI_EXEC_PATH="$tmp/none" run a "$hugi" -q --version)"
check "--version: error" "hugi: error: cannot run $tmp/none/hugi-full (it runs 'hugi version'): No such file or directory" "$(cat "$tmp/a.err")"
# the lean subcommands run without it
check "score without hugi-full" 0 "$(HUGI_EXEC_PATH="$tmp/none" run a "$hugi" score --format score good)"
grep -qx '0\.[0-9]*' "$tmp/a.out" || { echo "FAIL: score printed '$(cat "$tmp/a.out")'"; fail=1; }
check "lexicon --help without hugi-full" 0 "$(HUGI_EXEC_PATH="$tmp/none" run a "$hugi" lexicon --help)"
check "help without hugi-full" 0 "$(HUGI_EXEC_PATH="$tmp/none" run a "$hugi" help)"
# and the folder it names is used
mkdir -p "$tmp/x"
cp "$full" "$tmp/x/hugi-full"
check "exec path used" 0 "$(HUGI_EXEC_PATH="$tmp/x" run a "$hugi" version)"
grep -q '^libcurl ' "$tmp/a.out" || { echo "FAIL: version via \$HUGI_EXEC_PATH: $(cat "$tmp/a.out" "$tmp/a.err")"; fail=1; }

# a tree copied elsewhere, without hugi-full: the error names where it was looked for
mkdir -p "$tmp/p/bin"
cp "$hugi" "$tmp/p/bin/hugi"
check "copied, no hugi-full: rc" 1 "$(run a "$tmp/p/bin/hugi" export --help)"
check "copied, no hugi-full: error" "hugi: error: cannot run $tmp/p/bin/$rel/hugi-full (it runs 'hugi export'): No such file or directory" "$(cat "$tmp/a.err")"
# not executable
mkdir -p "$tmp/p/bin/$rel"
cp "$full" "$tmp/p/bin/$rel/hugi-full"
chmod a-x "$tmp/p/bin/$rel/hugi-full"
check "not executable: rc" 1 "$(run a "$tmp/p/bin/hugi" export --help)"
check "not executable: error" "hugi: error: cannot run $tmp/p/bin/$rel/hugi-full (it runs 'hugi export'): Permission denied" "$(cat "$tmp/a.err")"
# in place: runs; through a symlink (elsewhere) too, since the kernel's path is followed
chmod a+x "$tmp/p/bin/$rel/hugi-full"
check "copied tree" 0 "$(run a "$tmp/p/bin/hugi" export --help)"
grep -q '^usage: hugi export' "$tmp/a.out" || { echo "FAIL: copied tree: $(head -2 "$tmp/a.out" "$tmp/a.err")"; fail=1; }
mkdir -p "$tmp/links"
ln -s "$tmp/p/bin/hugi" "$tmp/links/hugi"
check "symlink" 0 "$(run a "$tmp/links/hugi" export --help)"
grep -q '^usage: hugi export' "$tmp/a.out" || { echo "FAIL: symlink: $(head -2 "$tmp/a.out" "$tmp/a.err")"; fail=1; }
# exit codes come through the exec as they are
check "exit code 2 through exec" 2 "$(run a "$tmp/links/hugi" export --format nope)"
[ $fail = 0 ] && echo "startup2_exec: OK"
exit $fail
