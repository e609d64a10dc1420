/* SPDX-License-Identifier: MIT
 * Session eleven's fast paths of the scorer (speed12; bench/README.md "Session eleven:
 * throughput (speed12)"), each against what it must not change:
 *   - neg_after's tables of Korean literals are tried only at the literals that an index of
 *     their first syllable names, in the table's order, and its look at the rest of a word stops
 *     a fixed reach past the term (and at a clause break): every literal of every table still
 *     negates in its place (written out here: a literal the index lost would fail), and of all
 *     11,172 syllables in each place only the tables' own first syllables do;
 *   - the summed walk (hugi_tm_match_split) finds a state's children by the labels kept in the
 *     children's own hot records (a count of up to SMALL_FANOUT = 12 scanned, more hashed):
 *     every match is the one hugi_tm_match_append() finds through the plain label array, for
 *     states of 1 to 16 children of one- to four-byte code points;
 *   - the walk skips listing a position's not-summed matches where a word character follows
 *     and every one of them needs a word end (HOT_ENDB): the same matches as append() for
 *     every kind of entry, on chains that mix them, before every kind of next character. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/textmatch.h"

/* hugi_tm_negated_after(end of `word`) on `text` (which starts with `word`); `at` NULL: not
 * negated, "": negated, else the negator's span must start at the first `at` after the word. */
static void after_at(struct hugi_tm_text *t, const char *text, const char *word, const char *at)
{
    struct hugi_err err;
    assert_int_equal(hugi_tm_normalize(t, text, strlen(text), &err), HUGI_OK);
    struct hugi_tm_match sp = {0, 0, 0};
    enum hugi_tm_neg r = hugi_tm_negated_after(t, (uint32_t)strlen(word), NULL, &sp);
    if (!at) {
        if (r != HUGI_TM_NEG_NONE)
            fail_msg("negated after: %s", text);
        return;
    }
    if (r != HUGI_TM_NEG_AFTER)
        fail_msg("not negated after: %s", text);
    if (!*at)
        return;
    const char *p = strstr(t->s + strlen(word), at);
    assert_non_null(p);
    if (sp.start != (uint32_t)(p - t->s))
        fail_msg("negator of %s at %u, not %u", text, sp.start, (unsigned)(p - t->s));
}

/* textmatch.c's tables, written out */
static const char *const post_rest[] = {"지않", "지 않", "지못",    "지 못",   "지도않",
                                        "진않", "진 않", "지는않",  "지도 않", "않",
                                        "없",   "아니",  "지 아니", "지도 못"};
static const char *const post_next[] = {"않",    "없",    "아니",  "못하",  "못해",  "못했", "못함",
                                        "못 하", "못 해", "못 했", "못 할", "못 함", "몬"};
static const char *const degree[] = {"거의", "전혀", "하나도", "1도",  "일도",   "별로", "그다지",
                                     "딱히", "싹",   "절대",   "결코", "절대로", "아예", "하나",
                                     "많이", "다",   "좀",     "확",   "꽤",     "금방"};
static const char *const dep_noun[] = {"점이 ",   "점은 ", "점도 ", "점 ",   "부분이 ", "부분은 ",
                                       "부분도 ", "부분 ", "곳이 ", "곳은 ", "곳도 ",   "데가 ",
                                       "데는 ",   "건 ",   "게 ",   "거 ",   "것이 ",   "것은 ",
                                       "것도 ",   "일이 ", "일은 ", "일도 ", "적이 ",   "적도 "};
static const char *const little[] = {"적고", "적은", "적음",   "적네",   "적다",
                                     "적었", "적습", "적어요", "적어서", "적어 "};
static const char *const gone[] = {"사라지", "사라졌", "사라져", "사라짐", "줄었", "줄어"};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_every_literal(void **state)
{
    (void)state;
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    t.ko_wide = true;
    char buf[256];
    /* right after the term, and after one linking syllable (the longest of them are found as
     * the next word: any span) */
    for (size_t i = 0; i < N(post_rest); i++) {
        snprintf(buf, sizeof buf, "재미%s다", post_rest[i]);
        after_at(&t, buf, "재미", "");
        snprintf(buf, sizeof buf, "재미가%s다", post_rest[i]);
        after_at(&t, buf, "재미", "");
    }
    /* the next word */
    for (size_t i = 0; i < N(post_next); i++) {
        snprintf(buf, sizeof buf, "재미 %s다", post_next[i]);
        after_at(&t, buf, "재미", post_next[i]);
    }
    for (size_t i = 0; i < N(degree); i++) {
        /* a degree adverb before the negator, after a noun, after a dependent noun, and after
         * a modified noun (ko_modified_noun looks past it too) */
        snprintf(buf, sizeof buf, "소음 %s 없어요", degree[i]);
        after_at(&t, buf, "소음", "없어요");
        snprintf(buf, sizeof buf, "아쉬운 점이 %s 없어요", degree[i]);
        after_at(&t, buf, "아쉬운", "없어요");
        snprintf(buf, sizeof buf, "좋은 제품은 %s 없어요", degree[i]);
        after_at(&t, buf, "좋은", "없어요");
        /* and before each of the tables after it */
        for (size_t k = 0; k < N(little); k++) {
            snprintf(buf, sizeof buf, "소음 %s %s다", degree[i], little[k]);
            after_at(&t, buf, "소음", little[k]);
        }
        for (size_t k = 0; k < N(gone); k++) {
            snprintf(buf, sizeof buf, "각질이 %s %s요", degree[i], gone[k]);
            after_at(&t, buf, "각질이", gone[k]);
        }
        snprintf(buf, sizeof buf, "냄새 %s 안 나요", degree[i]);
        after_at(&t, buf, "냄새", "안 나요");
    }
    for (size_t i = 0; i < N(dep_noun); i++) {
        snprintf(buf, sizeof buf, "아쉬운 %s없어요", dep_noun[i]);
        after_at(&t, buf, "아쉬운", "없어요");
    }
    for (size_t i = 0; i < N(little); i++) {
        snprintf(buf, sizeof buf, "소음 %s다", little[i]);
        after_at(&t, buf, "소음", little[i]);
    }
    for (size_t i = 0; i < N(gone); i++) {
        snprintf(buf, sizeof buf, "각질이 %s요", gone[i]);
        after_at(&t, buf, "각질이", gone[i]);
    }
    after_at(&t, "냄새 안 나요", "냄새", "안 나요");
    after_at(&t, "냄새 안나요", "냄새", "안나요");
    after_at(&t, "소리가 안 나와요", "소리가", NULL);
    /* the rest of a word: a literal after a long rest is out of reach, the next word after a
     * rest of three syllables too */
    after_at(&t, "재미가있는지도 않다", "재미", NULL);
    after_at(&t, "재미가있는 없다", "재미", NULL);
    after_at(&t, "재미가 없다", "재미", "없다");
    /* a clause break ends the word: the next one is not looked at */
    static const char *const breaks[] = {"재미. 없다", "재미! 없다", "재미? 없다", "재미, 없다",
                                         "재미; 없다"};
    for (size_t i = 0; i < N(breaks); i++)
        after_at(&t, breaks[i], "재미", NULL);
    hugi_tm_text_release(&t);
}

static bool in(const char *syl, const char *const *set, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!strcmp(syl, set[k]))
            return true;
    return false;
}

/* every syllable in each place the filters guard: only the tables' first syllables negate */
static void test_every_syllable(void **state)
{
    (void)state;
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    t.ko_wide = true;
    char buf[256];
    /* after a modifier, before 없어요: a dependent noun of one syllable or a degree adverb */
    static const char *const dep_or_degree[] = {"점", "건", "게", "거", "싹",
                                                "다", "좀", "확", "꽤"};
    /* a next word of one syllable that negates itself */
    static const char *const post_next_first[] = {"없", "않", "몬"};
    /* the next word, after a degree adverb: ko_post_next, 적다 and 줄어 */
    static const char *const next_neg[] = {"없", "않", "몬", "적", "줄"};
    for (uint32_t cp = 0xAC00; cp <= 0xD7A3; cp++) {
        char syl[4] = {(char)(0xE0 | cp >> 12), (char)(0x80 | (cp >> 6 & 0x3F)),
                       (char)(0x80 | (cp & 0x3F)), 0};
        snprintf(buf, sizeof buf, "아쉬운 %s 없어요", syl);
        after_at(&t, buf, "아쉬운",
                 in(syl, post_next_first, N(post_next_first))
                     ? syl
                     : (in(syl, dep_or_degree, N(dep_or_degree)) ? "없어요" : NULL));
        snprintf(buf, sizeof buf, "소음 거의 %s어요", syl);
        after_at(&t, buf, "소음", in(syl, next_neg, N(next_neg)) ? syl : NULL);
        snprintf(buf, sizeof buf, "소음 %s어요", syl);
        after_at(&t, buf, "소음", in(syl, next_neg, N(next_neg)) ? syl : NULL);
    }
    hugi_tm_text_release(&t);
}

/* ---- the walk's labels in the hot records ------------------------------------------------ */

/* one- to four-byte code points, 16 of them (UTF-8), four-byte ones among the first 12 (the
 * scanned children) */
static const char *const kids[] = {"😀", "a", "é", "좋", "🙃", "z",  "ж",  "가",
                                   "𝄞", "0", "ß", "𐍈",  "א",    "힣", "中", "ア"};

/* split against append() on text: the listed matches are append()'s not-summed ones, with
 * their index among all, and every end with summed matches has a position whose state counts
 * them. */
static void check_split(const struct hugi_tm_dict *d, const char *text)
{
    struct hugi_err err;
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    assert_int_equal(hugi_tm_normalize(&t, text, strlen(text), &err), HUGI_OK);
    struct hugi_tm_match *all = NULL, *arr = NULL;
    uint32_t *gidx = NULL;
    struct hugi_tm_pos *pos = NULL;
    size_t nall = 0, capall = 0, n = 0, cap = 0, npos = 0, cappos = 0, total = 0;
    assert_int_equal(hugi_tm_match_append(d, &t, &all, &nall, &capall, &err), HUGI_OK);
    assert_int_equal(
        hugi_tm_match_split(d, &t, &arr, &gidx, &n, &cap, &pos, &npos, &cappos, &total, &err),
        HUGI_OK);
    assert_int_equal(total, nall);
    size_t k = 0;
    for (size_t q = 0; q < nall; q++) {
        if (hugi_tm_dict_summed(d, all[q].entry))
            continue;
        if (k >= n)
            fail_msg("%s: match %zu of %zu not listed", text, q, nall);
        assert_int_equal(arr[k].start, all[q].start);
        assert_int_equal(arr[k].end, all[q].end);
        assert_int_equal(arr[k].entry, all[q].entry);
        assert_int_equal(gidx[k], q);
        k++;
    }
    if (k != n)
        fail_msg("%s: %zu listed, %zu not summed", text, n, k);
    const struct hugi_tm_sum *sums = hugi_tm_dict_sums(d);
    size_t p = 0;
    for (size_t i = 0; i < nall;) {
        size_t j = i, summed = 0;
        for (; j < nall && all[j].end == all[i].end; j++)
            summed += hugi_tm_dict_summed(d, all[j].entry);
        if (summed) {
            assert_true(p < npos);
            assert_int_equal(pos[p].end, all[i].end);
            assert_int_equal(sums[pos[p].state].cnt, summed);
            p++;
        }
        i = j;
    }
    assert_int_equal(p, npos);
    free(all);
    free(arr);
    free(gidx);
    free(pos);
    hugi_tm_text_release(&t);
}

static void test_walk_fanout(void **state)
{
    (void)state;
    /* state "q<f>" has f children (1..16: scanned up to 12, hashed beyond), each a term */
    static char lex[16384];
    size_t o = 0;
    for (int f = 1; f <= 16; f++)
        for (int k = 0; k < f; k++)
            o += (size_t)snprintf(lex + o, sizeof lex - o, "q%c%s\t1\tany\n", 'a' + f, kids[k]);
    struct hugi_err err;
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    assert_int_equal(hugi_tm_dict_load_mem(d, lex, o, "t", &err), HUGI_OK);
    assert_int_equal(hugi_tm_dict_build(d, &err), HUGI_OK);
    size_t ne = hugi_tm_dict_count(d);
    float *val = malloc(ne * sizeof(*val));
    assert_non_null(val);
    for (int summed = 0; summed < 2; summed++) {
        for (size_t i = 0; i < ne; i++)
            val[i] = summed ? 1.0f : NAN;
        assert_int_equal(hugi_tm_dict_sum_prepare(d, val, NULL, NULL, &err), HUGI_OK);
        char text[256];
        for (int f = 1; f <= 16; f++)
            for (int k = 0; k < 16; k++) {
                /* each child (k < f: a match), a code point that is none of them (k >= f),
                 * and glued runs that fail back to the root and start again */
                snprintf(text, sizeof text, "q%c%s q%c%sq%c%s%sq%c", 'a' + f, kids[k], 'a' + f,
                         kids[k], 'a' + f, kids[(k + 1) % 16], kids[k], 'a' + f);
                check_split(d, text);
            }
    }
    free(val);
    hugi_tm_dict_free(d);
}

/* ---- positions where a word goes on ----------------------------------------------------- */

static void test_word_end_skip(void **state)
{
    (void)state;
    /* exact and suffix entries (word end needed), prefix and any (not), terms ending in a word
     * character or not, chains that mix them (od any under good exact; 좋아 exact under 좋아
     * any of another term), Hangul and Latin */
    static const char lex[] = "good\t1\texact\n"
                              "od\t0.5\tany\n"
                              "ood\t0.5\tsuffix\n"
                              "goo\t1\tprefix\n"
                              "bad\t-1\texact\n"
                              "ad\t-1\tsuffix\n"
                              "bad!\t-1\texact\n"
                              "d!\t-1\texact\n"
                              "^^\t1\texact\n"
                              "좋아\t1\texact\n"
                              "아\t0.5\tsuffix\n"
                              "싫어\t-1\tsuffix\n"
                              "별로\t-1\tprefix\n"
                              "로\t0.5\tany\n"
                              "x9\t1\texact\n"
                              "café\t1\texact\n";
    struct hugi_err err;
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    assert_int_equal(hugi_tm_dict_load_mem(d, lex, sizeof lex - 1, "t", &err), HUGI_OK);
    assert_int_equal(hugi_tm_dict_build(d, &err), HUGI_OK);
    size_t ne = hugi_tm_dict_count(d);
    float *val = malloc(ne * sizeof(*val));
    assert_non_null(val);
    /* the words, each followed by every kind of character */
    static const char *const words[] = {"good", "ood",  "bad", "bad!", "^^",  "좋아",
                                        "싫어", "별로", "x9",  "café", "goo", "od"};
    static const char *const after[] = {"",  " ", "a", "Z", "0", "좋", "ㅋ",
                                        "é", "!", "^", "😀", "-", "中", "\xed\x9f\xbf"};
    /* nothing summed, then every other entry (only kind any can be) */
    for (int mode = 0; mode < 2; mode++) {
        for (size_t i = 0; i < ne; i++)
            val[i] = mode == 1 && i % 2 ? 1.0f : NAN;
        assert_int_equal(hugi_tm_dict_sum_prepare(d, val, NULL, NULL, &err), HUGI_OK);
        char text[128];
        for (size_t w = 0; w < N(words); w++)
            for (size_t a = 0; a < N(after); a++) {
                snprintf(text, sizeof text, "%s%s %s%s%s", words[w], after[a], words[w], after[a],
                         words[w]);
                check_split(d, text);
            }
    }
    free(val);
    hugi_tm_dict_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_literal),
        cmocka_unit_test(test_every_syllable),
        cmocka_unit_test(test_walk_fanout),
        cmocka_unit_test(test_word_end_skip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
