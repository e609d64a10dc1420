#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `hugi score --categories` scores texts in batches (cli/cmd_score.c, bench/README.md "Session
# eight"): the output must be what scoring and categorising each text on its own gives, in input
# order, across batch ends (64 lines, 1 MB of text, end of input, arguments). Checked against
# the unbatched paths: `score` alone for the score columns, `complaints --categorize` for the
# categories, so the test holds whatever the lexicons say. Usage: score_batch.sh HUGI
set -u
hugi=${1:?usage: score_batch.sh HUGI}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HUGI_CACHE_DIR=$work/cache LC_ALL=C.UTF-8
fail=0
# 300 lines: complaints, praise, English, empty lines, CRLF, broken UTF-8, a line over 1 MB
# (ends a batch early), no newline after the last
words=("배송이 너무 늦게 왔어요" "포장이 찢어져서 왔어요" "앱이 자꾸 튕겨요 짜증나" "가격 대비 좋아요"
    "고객센터 연락이 안 돼요" "환불해 주세요 불량이에요" "the battery died after a week"
    "great value, fast shipping" "arrived late and damaged" "사이즈가 안 맞아요 교환 원해요")
{
    for i in $(seq 1 300); do
        case $((i % 23)) in
        0) printf '\n' ;;
        5) printf '%s %s\r\n' "${words[i % 10]}" "${words[(i * 7) % 10]}" ;;
        9) printf '\xff\xfe %s \xc3\n' "${words[i % 10]}" ;;
        17) if [ "$i" = 201 ]; then head -c 1100000 /dev/zero | tr '\0' 'a'; printf ' %s\n' "${words[3]}"
            else printf '%s\n' "${words[i % 10]}"; fi ;;
        *) printf '%s %s %s\n' "${words[i % 10]}" "${words[(i * 3) % 10]}" "${words[(i * 7) % 10]}" ;;
        esac
    done
    printf '%s' "${words[4]}"
} >"$work/in"
"$hugi" score --categories --format tsv <"$work/in" >"$work/both" || fail=1
"$hugi" score --format tsv <"$work/in" >"$work/score" || fail=1
"$hugi" complaints --categorize --format tsv <"$work/in" >"$work/cats" || fail=1
n=$(wc -l <"$work/both")
if [ "$n" != 301 ]; then
    echo "score --categories: $n lines for 301 texts"
    fail=1
fi
if ! cmp -s <(sed 's/\t[^\t]*$//' "$work/both") "$work/score"; then
    echo "score --categories: the score columns differ from score's"
    diff <(sed 's/\t[^\t]*$//' "$work/both") "$work/score" | head -5
    fail=1
fi
if ! cmp -s <(awk -F'\t' '{ print $NF }' "$work/both") <(cut -f1 "$work/cats"); then
    echo "score --categories: the categories differ from complaints --categorize's"
    diff <(awk -F'\t' '{ print $NF }' "$work/both") <(cut -f1 "$work/cats") | head -5
    fail=1
fi
# jsonl: the same objects as score's with the categories added before the closing brace
"$hugi" score --categories --format jsonl <"$work/in" >"$work/both.jsonl" || fail=1
"$hugi" score --format jsonl <"$work/in" >"$work/score.jsonl" || fail=1
if ! cmp -s <(sed 's/,"categories":.*}$/}/' "$work/both.jsonl") "$work/score.jsonl"; then
    echo "score --categories --format jsonl: the scores differ from score's"
    fail=1
fi
if [ "$(grep -c '"categories":\[' "$work/both.jsonl")" != 301 ]; then
    echo "score --categories --format jsonl: not every line has its categories"
    fail=1
fi
# arguments (70: a batch and a part) give the lines stdin gives
args=()
for i in $(seq 1 70); do args+=("${words[i % 10]} ${words[(i * 3) % 10]}"); done
"$hugi" score --categories "${args[@]}" >"$work/argv" || fail=1
printf '%s\n' "${args[@]}" | "$hugi" score --categories >"$work/argv.stdin" || fail=1
if ! cmp -s "$work/argv" "$work/argv.stdin"; then
    echo "score --categories TEXT...: differs from the same texts on stdin"
    fail=1
fi
[ "$(wc -l <"$work/argv")" = 70 ] || { echo "score --categories TEXT...: not 70 lines"; fail=1; }
exit $fail
