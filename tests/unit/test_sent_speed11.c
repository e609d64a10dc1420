/* SPDX-License-Identifier: MIT
 * Session ten's fast paths of the scorer (speed11; bench/README.md "Session ten: throughput
 * (speed11)"), each against what it must not change:
 *   - the negator, verb-of-opinion and contrast word lists are looked up behind a filter of
 *     first letter and length: every listed word is still found (before a term, and in the
 *     text's neg_en flag), words of the same letters and lengths that are not listed are not;
 *   - neg_after's tables of Korean literals (dependent nouns, degree adverbs, 적다, 안 나) are
 *     tried behind a filter of their third byte: every literal still counts where it did;
 *   - the per-state marks of the summed path are 2 bytes with a 14-bit generation that wraps
 *     every 16,383 texts: the same texts score the same before and after the wrap;
 *   - the film values are kept as an index into their distinct values (or, beyond 32,768 of
 *     them, one double a state as before): the summed path gives the listed path's film offset,
 *     to the bit, in both forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/sent.h"
#include "hugi/textmatch.h"

/* ---- English word lists -------------------------------------------------------------------- */

/* The built-in English negators (textmatch.c's list, written out here: a word the filter lost
 * would fail below). */
static const char *const negators[] = {
    "no",      "not",     "nor",     "none",    "dont",    "isnt",    "cant",    "wont",
    "aint",    "lack",    "never",   "didnt",   "wasnt",   "arent",   "hasnt",   "hadnt",
    "lacks",   "doubt",   "doubts",  "cannot",  "nobody",  "doesnt",  "werent",  "hardly",
    "barely",  "havent",  "neednt",  "mustnt",  "lacked",  "rarely",  "seldom",  "without",
    "neither", "nothing", "couldnt", "wouldnt", "nowhere", "lacking", "shouldnt"};

/* Same first letters and lengths as negators, none of them one (nor a prefix of one). */
static const char *const near_misses[] = {
    "nu",     "nut",    "nice",   "dent",   "ink",     "cart",    "wand",
    "also",   "lamb",   "newer",  "delta",  "walls",   "dozen",   "curled",
    "hazard", "barrel", "reader", "seller", "wishful", "nuclear", "shoulder"};

static size_t find(const struct hugi_tm_text *t, const char *w)
{
    const char *p = strstr(t->s, w);
    assert_non_null(p);
    return (size_t)(p - t->s);
}

static void test_negator_words(void **state)
{
    (void)state;
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    struct hugi_err err;
    char buf[128];
    for (size_t i = 0; i < sizeof negators / sizeof negators[0]; i++) {
        snprintf(buf, sizeof buf, "it %s good", negators[i]);
        assert_int_equal(hugi_tm_normalize(&t, buf, strlen(buf), &err), HUGI_OK);
        assert_true(t.neg_en);
        struct hugi_tm_match sp;
        size_t g = find(&t, "good");
        assert_int_equal(hugi_tm_negated_before(&t, (uint32_t)g, NULL, &sp), HUGI_TM_NEG_BEFORE);
        assert_int_equal(sp.start, 3);
        assert_int_equal(sp.end, 3 + strlen(negators[i]));
        /* as the prefix of a longer word the text may still hold one (neg_en is a "may") */
        snprintf(buf, sizeof buf, "%sish", negators[i]);
        assert_int_equal(hugi_tm_normalize(&t, buf, strlen(buf), &err), HUGI_OK);
        assert_true(t.neg_en);
    }
    for (size_t i = 0; i < sizeof near_misses / sizeof near_misses[0]; i++) {
        snprintf(buf, sizeof buf, "it %s good", near_misses[i]);
        assert_int_equal(hugi_tm_normalize(&t, buf, strlen(buf), &err), HUGI_OK);
        assert_false(t.neg_en);
        size_t g = find(&t, "good");
        assert_int_equal(hugi_tm_negated_before(&t, (uint32_t)g, NULL, NULL), HUGI_TM_NEG_NONE);
    }
    hugi_tm_text_release(&t);
}

static void test_raising_and_contrast_words(void **state)
{
    (void)state;
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    struct hugi_err err;
    char buf[128];
    /* a verb of opinion lets the negator reach 6 words back, not 3 */
    static const char *const raising[] = {"feel",    "once",    "think",  "guess",
                                          "doubt",   "reckon",  "doubts", "thought",
                                          "believe", "suppose", "imagine"};
    for (size_t i = 0; i < sizeof raising / sizeof raising[0]; i++) {
        snprintf(buf, sizeof buf, "i dont %s it was very good", raising[i]);
        assert_int_equal(hugi_tm_normalize(&t, buf, strlen(buf), &err), HUGI_OK);
        assert_true(t.raising);
        size_t g = find(&t, "good");
        assert_int_equal(hugi_tm_negated_before(&t, (uint32_t)g, NULL, NULL), HUGI_TM_NEG_BEFORE);
    }
    snprintf(buf, sizeof buf, "i dont tell it was very good");
    assert_int_equal(hugi_tm_normalize(&t, buf, strlen(buf), &err), HUGI_OK);
    assert_false(t.raising);
    assert_int_equal(hugi_tm_negated_before(&t, (uint32_t)find(&t, "good"), NULL, NULL),
                     HUGI_TM_NEG_NONE);
    /* a contrast word between ends the negator's reach; a word of its letters does not */
    static const char *const contrast[] = {"but", "yet", "though", "however", "although"};
    for (size_t i = 0; i < sizeof contrast / sizeof contrast[0]; i++) {
        snprintf(buf, sizeof buf, "not %s good", contrast[i]);
        assert_int_equal(hugi_tm_normalize(&t, buf, strlen(buf), &err), HUGI_OK);
        assert_int_equal(hugi_tm_negated_before(&t, (uint32_t)find(&t, "good"), NULL, NULL),
                         HUGI_TM_NEG_NONE);
    }
    static const char *const other[] = {"bus", "yes", "thorny", "howling", "altitude"};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
        snprintf(buf, sizeof buf, "not %s good", other[i]);
        assert_int_equal(hugi_tm_normalize(&t, buf, strlen(buf), &err), HUGI_OK);
        assert_int_equal(hugi_tm_negated_before(&t, (uint32_t)find(&t, "good"), NULL, NULL),
                         HUGI_TM_NEG_BEFORE);
    }
    hugi_tm_text_release(&t);
}

/* ---- Korean literal tables ----------------------------------------------------------------- */

/* hugi_tm_negated_after(word end) on `text`, the word being the text's first; the negator's
 * span must start at the first byte of `at` in the text. */
static void after_at(struct hugi_tm_text *t, const char *text, const char *word, const char *at)
{
    struct hugi_err err;
    assert_int_equal(hugi_tm_normalize(t, text, strlen(text), &err), HUGI_OK);
    struct hugi_tm_match sp = {0, 0, 0};
    enum hugi_tm_neg r = hugi_tm_negated_after(t, (uint32_t)strlen(word), NULL, &sp);
    if (!at) {
        assert_int_equal(r, HUGI_TM_NEG_NONE);
        return;
    }
    if (r != HUGI_TM_NEG_AFTER)
        fail_msg("not negated after: %s", text);
    const char *p = strstr(t->s + strlen(word), at);
    assert_non_null(p);
    assert_int_equal(sp.start, (uint32_t)(p - t->s));
}

static void test_korean_literals(void **state)
{
    (void)state;
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    t.ko_wide = true;
    char buf[256];
    /* a dependent noun after the modifier, then the negator */
    static const char *const dep[] = {"점이 ",   "점은 ",   "점도 ", "점 ",   "부분이 ",
                                      "부분은 ", "부분도 ", "부분 ", "곳이 ", "곳은 ",
                                      "곳도 ",   "데가 ",   "데는 ", "건 ",   "게 ",
                                      "거 ",     "것이 ",   "것은 ", "것도 "};
    for (size_t i = 0; i < sizeof dep / sizeof dep[0]; i++) {
        snprintf(buf, sizeof buf, "아쉬운 %s없어요", dep[i]);
        after_at(&t, buf, "아쉬운", "없어요");
    }
    /* a degree adverb between the word and its negator */
    static const char *const degree[] = {"거의", "전혀",   "하나도", "1도", "일도",
                                         "별로", "그다지", "딱히",   "싹"};
    for (size_t i = 0; i < sizeof degree / sizeof degree[0]; i++) {
        snprintf(buf, sizeof buf, "소음 %s 없어요", degree[i]);
        after_at(&t, buf, "소음", "없어요");
    }
    /* 적다 after a noun */
    static const char *const little[] = {"적고",   "적은",     "적음",   "적네",   "적다",
                                         "적었다", "적습니다", "적어요", "적어서", "적어 좋아요"};
    for (size_t i = 0; i < sizeof little / sizeof little[0]; i++) {
        snprintf(buf, sizeof buf, "소음 %s", little[i]);
        after_at(&t, buf, "소음", "적");
    }
    /* 안 나 after a noun, not 안 나와 */
    after_at(&t, "냄새 안 나요", "냄새", "안 나요");
    after_at(&t, "냄새 안나요", "냄새", "안나요");
    after_at(&t, "냄새 전혀 안 나요", "냄새", "안 나요");
    after_at(&t, "소리가 안 나와요", "소리가", NULL);
    /* none of the tables */
    after_at(&t, "소음 적당해요", "소음", NULL);
    after_at(&t, "아쉬운 점이 많아요", "아쉬운", NULL);
    after_at(&t, "소음 거의 들려요", "소음", NULL);
    after_at(&t, "좋은 날", "좋은", NULL);
    /* every syllable as the next word: only the post-negators' first syllables negate there */
    for (uint32_t cp = 0xAC00; cp <= 0xD7A3; cp++) {
        char syl[4] = {(char)(0xE0 | cp >> 12), (char)(0x80 | (cp >> 6 & 0x3F)),
                       (char)(0x80 | (cp & 0x3F)), 0};
        snprintf(buf, sizeof buf, "소음 %s다", syl);
        /* 없다 않다 몬다 (ko_post_next), 적다 (the 적다 table) */
        bool neg =
            !strcmp(syl, "없") || !strcmp(syl, "않") || !strcmp(syl, "몬") || !strcmp(syl, "적");
        after_at(&t, buf, "소음", neg ? syl : NULL);
    }
    hugi_tm_text_release(&t);
}

/* ---- the summed path's marks across the generation wrap ----------------------------------- */

static const char *const wrap_texts[] = {
    "배송 빠르고 포장도 꼼꼼해요 재구매 의사 있습니다 너무 좋아요",
    "좋아요 좋아요 좋아요 별로 안 좋아요 좋지 않아요",
    "재미없다 재미없다 재미없다 진짜 재미없다",
    "아쉬운 점이 하나도 없어요 최고예요 최고예요",
    "영화 보다가 잤어요 연기는 좋은데 스토리가 별로",
    "Great phone, the battery lasts all day and the screen is bright.",
    "not bad at all, but not great either",
    "냄새 안 나요 소음 적고 만족합니다 만족합니다",
};

static void test_marks_wrap(void **state)
{
    (void)state;
    struct hugi_err err;
    struct hugi_sent *m = hugi_sent_new();
    assert_non_null(m);
    assert_int_equal(hugi_sent_load_defaults(m, HUGI_SOURCE_DIR, &err), HUGI_OK);
    assert_int_equal(hugi_sent_build(m, &err), HUGI_OK);
    enum { N = sizeof wrap_texts / sizeof wrap_texts[0] };
    double first[N];
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    r.no_evidence = true;
    /* 16,383 texts a generation: 2,100 rounds of 8 pass the wrap once */
    for (int round = 0; round < 2100; round++)
        for (size_t k = 0; k < N; k++) {
            assert_int_equal(hugi_sent_score(m, wrap_texts[k], strlen(wrap_texts[k]), &r, &err),
                             HUGI_OK);
            if (round == 0)
                first[k] = r.raw;
            else if (memcmp(&first[k], &r.raw, sizeof r.raw))
                fail_msg("round %d text %zu: %.17g, first %.17g", round, k, r.raw, first[k]);
        }
    /* and a fresh result agrees */
    struct hugi_sent_result q;
    hugi_sent_result_init(&q);
    q.no_evidence = true;
    for (size_t k = 0; k < N; k++) {
        assert_int_equal(hugi_sent_score(m, wrap_texts[k], strlen(wrap_texts[k]), &q, &err),
                         HUGI_OK);
        assert_memory_equal(&q.raw, &first[k], sizeof q.raw);
    }
    hugi_sent_result_release(&q);
    hugi_sent_result_release(&r);
    hugi_sent_free(m);
}

/* ---- film values: distinct-value index, and the plain array beyond 32,768 values ---------- */

/* A model of n film terms 가나다<i> (tag=film, distinct weights 0.6 .. 1.4) and one polarity
 * word; each text names one film term, whose film-ness alone is its own capped weight: the
 * summed path (the per-state values) and the listed path (the weights of the matches) must
 * give the same film offset, to the bit. */
static void film_model_check(size_t n)
{
    struct hugi_buf lex;
    hugi_buf_init(&lex, 0);
    hugi_buf_addstr(&lex, "좋아\t2.0\tany\n");
    for (size_t i = 0; i < n; i++)
        hugi_buf_addf(&lex, "가나다%zu\t%.6f\tany,tag,tag=film\n", i,
                      0.6 + 0.8 * (double)i / (double)n);
    struct hugi_err err;
    struct hugi_sent *m = hugi_sent_new();
    assert_non_null(m);
    assert_int_equal(hugi_sent_load_mem(m, lex.data, lex.len, "film.tsv", &err), HUGI_OK);
    assert_int_equal(hugi_sent_build(m, &err), HUGI_OK);
    struct hugi_sent_result sum, list;
    hugi_sent_result_init(&sum);
    hugi_sent_result_init(&list);
    sum.no_evidence = true;
    char buf[128];
    for (size_t i = 0; i < n; i += n / 97 + 1) {
        snprintf(buf, sizeof buf, "좋아 가나다%zu 좋아", i);
        assert_int_equal(hugi_sent_score(m, buf, strlen(buf), &sum, &err), HUGI_OK);
        assert_int_equal(hugi_sent_score(m, buf, strlen(buf), &list, &err), HUGI_OK);
        assert_memory_equal(&sum.raw, &list.raw, sizeof sum.raw);
        /* the offset is there: the film review item in the listed path's evidence */
        bool film = false;
        for (size_t k = 0; k < list.nev; k++)
            film = film || !strcmp(list.ev[k].term, "film review");
        assert_true(film);
    }
    hugi_sent_result_release(&sum);
    hugi_sent_result_release(&list);
    hugi_sent_free(m);
    hugi_buf_release(&lex);
}

static void test_film_index(void **state)
{
    (void)state;
    film_model_check(500);
}

static void test_film_plain_beyond_index(void **state)
{
    (void)state;
    film_model_check(40000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_negator_words),   cmocka_unit_test(test_raising_and_contrast_words),
        cmocka_unit_test(test_korean_literals), cmocka_unit_test(test_marks_wrap),
        cmocka_unit_test(test_film_index),      cmocka_unit_test(test_film_plain_beyond_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
