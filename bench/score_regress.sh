#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Score invariant for speed work on the scorer: runs two hugi binaries (a reference, e.g. main's,
# and a candidate) over the same regression corpus and checks that every line gets the same
# score, label, language and raw sum (raw within 1e-6: summation order may change), and the same
# evidence (compared as a multiset: the order of items of equal weight may differ).
# Not part of `make test`: it needs ../shared/data for most of its corpus (skipped without it).
# usage: bench/score_regress.sh REFERENCE_HUGI CANDIDATE_HUGI [EXTRA_HUGI_ARGS...]
#    or: bench/score_regress.sh --image HUGI [EXTRA_HUGI_ARGS...]
#        the same binary with the lexicons parsed from the TSVs (HUGI_LEXICON_CACHE=0) as the
#        reference, and loaded from a compiled image (a fresh cache, written first) as candidate
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${HUGI_SHARED_DIR:-$root/../shared}"
export LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "$1" = --image ]; then
    bin=$(readlink -f "$2")
    shift 2
    printf '#!/bin/sh\nHUGI_LEXICON_CACHE=0 exec "%s" "$@"\n' "$bin" >"$tmp/ref.sh"
    printf '#!/bin/sh\nHUGI_LEXICON_CACHE=1 HUGI_CACHE_DIR="%s" exec "%s" "$@"\n' "$tmp/cache" "$bin" >"$tmp/new.sh"
    chmod +x "$tmp/ref.sh" "$tmp/new.sh"
    ref=$tmp/ref.sh
    new=$tmp/new.sh
    "$new" score -v "$@" </dev/null 2>&1 | grep 'image written' >/dev/null || { echo "score_regress: no image written"; exit 1; }
    "$new" score -v "$@" </dev/null 2>&1 | grep 'image .* loaded' >/dev/null || { echo "score_regress: image not used"; exit 1; }
    echo "score_regress: reference = TSVs parsed, candidate = compiled image ($(ls "$tmp/cache"))"
else
    ref=$(readlink -f "$1")
    new=$(readlink -f "$2")
    shift 2
fi
c="$tmp/corpus.txt"
: >"$c"
if [ -d "$shared/data" ]; then
    cut -f2- "$shared/data/ko/"*.tsv "$shared/data/en/"uci-*.tsv >>"$c"
fi
for f in "$root"/tests/data/score*/*/stdin; do cat "$f" >>"$c"; done
cut -f2- "$root"/tests/data/score-shop/*.tsv "$root"/tests/data/score-expect/*.tsv >>"$c"
# odd inputs: empty, invalid UTF-8, NULs become line content, emoji only, jamo only, full-width,
# capitals, accents, compatibility forms, mixed scripts, very long lines
python3 - "$c" <<'PY'
import random, sys
random.seed(11)
out = open(sys.argv[1], "ab")
lines = [b"", b" ", b"\t\t", b"\xff\xfe\xfd", b"\xc3\x28 good", b"\xed\xa0\x80 \xe2\x82", b"a\x00b not bad",
         "😀😀😀".encode(), "👍️👍".encode(), "❤️❤️ 최고".encode(), "ㅋㅋㅋㅋㅋㅋ".encode(), "ㅠㅠㅠㅠ".encode(),
         "ㅎㅎ ㅜㅜ ;;;".encode(), "ＧＯＯＤ 좋아요".encode(), "ＧＯＯＤ but ＢＡＤ".encode(), "NOT GOOD AT ALL!!!".encode(),
         "naïve café résumé great".encode(), "ﬁne ﬂawless ①②".encode(), "Ⅳ ㎏ ㈜ 좋아".encode(),
         "가 좋지 않아요".encode(), "안좋아요 좋지않아요 별로 안 좋".encode(), "I don’t like it “at all”".encode(),
         "sooooo goooood!!!!!".encode(), "Ｉ ＬＯＶＥ ＩＴ".encode(), "ΑΒΓ δέλτα Привет ХОРОШО".encode(),
         "日本語 良い 中文 好".encode(), "\u00a0 spaced\u3000out \u200bzero\u200dwidth".encode(),
         "너무 좋은데 배송이 느려요ㅠㅠ".encode(), "왜 이렇게 느려요??".encode(), "Great!!! but, however, no problems".encode()]
alph = list("가나다라마바사아자차카타파하좋아요별로안못없않지만는데 ") + list("abcdefghij ABCDEF!?.,") + ["ㅋ", "ㅠ", "😀", "é", "Ａ", "\ufe0f"]
for i in range(400):
    n = random.randint(1, 200)
    lines.append("".join(random.choice(alph) for _ in range(n)).encode())
for i in range(200):
    b = bytes(random.randint(1, 255) for _ in range(random.randint(1, 150)))
    lines.append(b.replace(b"\n", b" ").replace(b"\r", b" "))
lines.append(("좋아요 별로 " * 20000).encode())
lines.append(("great but bad not good " * 20000).encode())
lines.append("😀".encode() * 50000)
for l in lines:
    out.write(l + b"\n")
PY
n=$(wc -l <"$c")
fail=0
for fmt in jsonl score tsv; do
    "$ref" score "$@" --format "$fmt" --evidence 0 <"$c" >"$tmp/ref.$fmt" 2>/dev/null || true
    "$new" score "$@" --format "$fmt" --evidence 0 <"$c" >"$tmp/new.$fmt" 2>/dev/null || true
    if cmp -s "$tmp/ref.$fmt" "$tmp/new.$fmt"; then
        echo "score_regress: --format $fmt: $n lines identical"
    elif [ "$fmt" = jsonl ]; then
        python3 - "$tmp/ref.jsonl" "$tmp/new.jsonl" <<'PY' || fail=1
import json, sys
a = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read().split("\n")
b = open(sys.argv[2], encoding="utf-8", errors="surrogateescape").read().split("\n")
if len(a) != len(b):
    print("score_regress: jsonl: line counts differ", len(a), len(b)); sys.exit(1)
bad = order = 0
for i, (x, y) in enumerate(zip(a, b)):
    if x == y:
        continue
    p, q = json.loads(x), json.loads(y)
    ok = (p["score"] == q["score"] and p["label"] == q["label"] and p["lang"] == q["lang"]
          and abs(p["raw"] - q["raw"]) <= 1e-6)
    key = lambda e: json.dumps(e, sort_keys=True)
    if ok and sorted(map(key, p["evidence"])) != sorted(map(key, q["evidence"])):
        ok = False
    if not ok:
        bad += 1
        if bad <= 5:
            print("line", i + 1, "\n  ref", x[:400], "\n  new", y[:400])
    else:
        order += 1
print(f"score_regress: --format jsonl: {len(a) - 1} lines, {bad} differ, {order} equal up to "
      "raw <= 1e-6 / evidence order")
sys.exit(1 if bad else 0)
PY
    else
        echo "score_regress: --format $fmt differs:"
        diff "$tmp/ref.$fmt" "$tmp/new.$fmt" | head -10
        [ "$fmt" = tsv ] && echo "(tsv: evidence order of equal weights may differ; see jsonl)" || fail=1
    fi
done
[ $fail = 0 ] && echo "score_regress: OK" || { echo "score_regress: FAILED"; exit 1; }
