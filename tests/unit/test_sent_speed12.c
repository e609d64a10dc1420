/* SPDX-License-Identifier: MIT
 * Session eleven's fast paths of the scorer (speed12; bench/README.md "Session eleven:
 * throughput (speed12)"), each against what it must not change:
 *   - neg_after's tables of Korean literals are tried behind a 256-bit filter of their first
 *     syllable (the three tables after a degree adverb behind the union of theirs), and its look
 *     at the rest of a word stops a fixed reach past the term: every literal of every table
 *     still negates in its place (written out here: a literal a filter lost would fail), and of
 *     all 11,172 syllables in each place only the tables' own first syllables do. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_literal),
        cmocka_unit_test(test_every_syllable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
