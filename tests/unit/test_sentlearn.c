/* SPDX-License-Identifier: MIT
 * The learner's options (n-grams across a space, neutral terms) and the refinement passes
 * (L2 toward 0 or toward the starting weights, averaged weights), on small made-up texts. */
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

/* Learns from the texts (each `times` times) and returns the written lexicon (caller frees). */
static char *learn(const struct hugi_sent_learn_opts *o, const char *const *pos, size_t npos,
                   const char *const *neg, size_t nneg, int times)
{
    struct hugi_sent_learner *l = hugi_sent_learner_new(o);
    assert_non_null(l);
    for (int k = 0; k < times; k++) {
        for (size_t i = 0; i < npos; i++)
            assert_int_equal(hugi_sent_learner_add(l, pos[i], strlen(pos[i]), 1, NULL), HUGI_OK);
        for (size_t i = 0; i < nneg; i++)
            assert_int_equal(hugi_sent_learner_add(l, neg[i], strlen(neg[i]), -1, NULL), HUGI_OK);
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(hugi_sent_learner_write(l, f, NULL, NULL, NULL), HUGI_OK);
    fclose(f);
    hugi_sent_learner_free(l);
    return buf;
}

/* Does the lexicon text hold a line starting with term<TAB>? */
static bool has_term(const char *lex, const char *term)
{
    size_t n = strlen(term);
    for (const char *p = lex; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (!strncmp(p, term, n) && p[n] == '\t')
            return true;
    return false;
}

static const char *const pos_texts[] = {"돈 아깝지 않아요 최고", "정말 좋은 영화", "재밌어요 강추"};
static const char *const neg_texts[] = {"돈 아까워요", "시간 아까운 영화", "지루해요 비추"};

static void test_across(void **state)
{
    (void)state;
    struct hugi_sent_learn_opts o = {.min_count = 1, .min_z = 0.001};
    char *within = learn(&o, pos_texts, 3, neg_texts, 3, 5);
    assert_true(has_term(within, "아까"));
    assert_false(has_term(within, "돈 아"));
    free(within);
    o.across = 3;
    char *across = learn(&o, pos_texts, 3, neg_texts, 3, 5);
    /* last syllable(s) of one eojeol + first of the next, at most 3 syllables in all */
    assert_true(has_term(across, "돈 아"));
    assert_true(has_term(across, "돈 아까"));
    assert_true(has_term(across, "말 좋은"));
    assert_true(has_term(across, "정말 좋"));
    assert_false(has_term(across, "정말 좋은"));
    assert_false(has_term(across, "돈 아까워"));
    /* only across one space between Hangul: not over a sentence break */
    assert_false(has_term(across, "고 재"));
    free(across);
}

static bool has_line(const char *lex, const char *line)
{
    return strstr(lex, line) != NULL;
}

static void test_eojeol(void **state)
{
    (void)state;
    struct hugi_sent_learn_opts o = {.min_count = 1, .min_z = 0.001};
    char *plain = learn(&o, pos_texts, 3, neg_texts, 3, 5);
    assert_false(has_line(plain, "아까워요\t"));
    free(plain);
    o.eojeol = true;
    char *lex = learn(&o, pos_texts, 3, neg_texts, 3, 5);
    /* whole words of 2+ syllables as exact terms, besides the n-grams */
    assert_true(has_line(lex, "\n아까워요\t-"));
    assert_true(has_line(lex, "exact,learned"));
    assert_true(has_line(lex, "\n아까\t"));
    /* one syllable is no word feature: 돈 stays an `any` n-gram only */
    const char *p = strstr(lex, "\n돈\t");
    assert_non_null(p);
    assert_null(strstr(p + 1, "\n돈\t"));
    /* the exact term scores the whole word only */
    struct hugi_sent *m = hugi_sent_new();
    struct hugi_err err;
    static const char one[] = "아까워요\t-2\texact,learned\n";
    assert_int_equal(hugi_sent_load_mem(m, one, sizeof(one) - 1, "t", &err), HUGI_OK);
    assert_int_equal(hugi_sent_build(m, &err), HUGI_OK);
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    assert_int_equal(hugi_sent_score(m, "돈 아까워요", strlen("돈 아까워요"), &r, &err), HUGI_OK);
    assert_true(r.raw < 0);
    assert_int_equal(hugi_sent_score(m, "돈아까워요", strlen("돈아까워요"), &r, &err), HUGI_OK);
    assert_true(r.raw == 0);
    hugi_sent_result_release(&r);
    hugi_sent_free(m);
    free(lex);
}

static void test_hangul_only(void **state)
{
    (void)state;
    static const char *const pos[] = {"좋아요!! good", "최고 10점"};
    static const char *const neg[] = {"별로... bad", "최악 1점"};
    struct hugi_sent_learn_opts o = {.min_count = 1, .min_z = 0.001};
    char *all = learn(&o, pos, 2, neg, 2, 5);
    assert_true(has_term(all, "good"));
    assert_true(has_term(all, "!!"));
    free(all);
    o.hangul_only = true;
    char *lex = learn(&o, pos, 2, neg, 2, 5);
    assert_false(has_term(lex, "good"));
    assert_false(has_term(lex, "bad"));
    assert_false(has_term(lex, "!!"));
    assert_false(has_term(lex, "..."));
    assert_false(has_term(lex, "10"));
    assert_true(has_term(lex, "좋아"));
    assert_true(has_term(lex, "최악"));
    free(lex);
}

/* --hangul-punct: a word's last syllables with the symbols right after it, Hangul-led only */
static void test_hangul_punct(void **state)
{
    (void)state;
    static const char *const pos[] = {"좋다.. 최고!", "재밌어요!! good!"};
    static const char *const neg[] = {"별로다?? 싫어", "지루함... bad."};
    struct hugi_sent_learn_opts o = {.min_count = 1, .min_z = 0.001, .hangul_only = true};
    char *plain = learn(&o, pos, 2, neg, 2, 5);
    assert_false(has_term(plain, "다.."));
    assert_false(has_term(plain, "고!"));
    free(plain);
    o.hangul_punct = true;
    char *lex = learn(&o, pos, 2, neg, 2, 5);
    /* the last one or two syllables with the first one or two symbols (runs are cut to two) */
    assert_true(has_term(lex, "다."));
    assert_true(has_term(lex, "다.."));
    assert_true(has_term(lex, "좋다.."));
    assert_true(has_term(lex, "최고!"));
    assert_true(has_term(lex, "어요!!"));
    assert_true(has_term(lex, "로다??"));
    assert_true(has_term(lex, "루함.."));
    /* never without Hangul before it, nor across a space, nor three syllables */
    assert_false(has_term(lex, "!"));
    assert_false(has_term(lex, "good!"));
    assert_false(has_term(lex, "d."));
    assert_false(has_term(lex, "밌어요!"));
    assert_false(has_term(lex, "다.. 최"));
    /* the plain n-grams are still there */
    assert_true(has_term(lex, "재밌"));
    free(lex);
}

/* --select: after refining, only the n terms that add most over the texts are written again,
 * with their naive-Bayes weights */
static void test_select(void **state)
{
    (void)state;
    static const char *const pos[] = {"배송 빠르고 좋아요", "좋아요 최고", "빠르고 좋네요",
                                      "희귀템 좋아요"};
    static const char *const neg[] = {"배송 늦어요 별로", "별로예요", "늦고 별로", "파손 별로"};
    struct hugi_sent_learn_opts o = {.min_count = 1, .min_z = 0.001, .hangul_only = true};
    struct hugi_sent_learner *l = hugi_sent_learner_new(&o);
    assert_non_null(l);
    for (int k = 0; k < 5; k++)
        for (size_t i = 0; i < 4; i++) {
            assert_int_equal(hugi_sent_learner_add(l, pos[i], strlen(pos[i]), 1, NULL), HUGI_OK);
            assert_int_equal(hugi_sent_learner_add(l, neg[i], strlen(neg[i]), -1, NULL), HUGI_OK);
        }
    char *nb = NULL;
    size_t nblen = 0;
    FILE *f = open_memstream(&nb, &nblen);
    assert_non_null(f);
    assert_int_equal(hugi_sent_learner_write(l, f, NULL, NULL, NULL), HUGI_OK);
    fclose(f);
    struct hugi_sent *m = hugi_sent_new();
    struct hugi_err err;
    assert_int_equal(hugi_sent_load_mem(m, nb, nblen, "nb", &err), HUGI_OK);
    assert_int_equal(hugi_sent_build(m, &err), HUGI_OK);
    size_t kept = 0;
    assert_int_equal(hugi_sent_learner_select(l, m, 4, &kept, &err), HUGI_OK);
    assert_int_equal(kept, 4);
    hugi_sent_free(m);
    char *sel = NULL;
    size_t sellen = 0;
    size_t nw = 0;
    f = open_memstream(&sel, &sellen);
    assert_non_null(f);
    assert_int_equal(hugi_sent_learner_write(l, f, NULL, &nw, NULL), HUGI_OK);
    fclose(f);
    assert_int_equal(nw, 4);
    /* frequent and strong beats strong and rare: 별로 and 좋 (in four of the texts) stay, 희귀
     * and 파손 (one text, as clear) go, and so does 요 (frequent but in both classes) */
    assert_true(has_term(sel, "별로"));
    assert_true(has_term(sel, "좋"));
    assert_false(has_term(sel, "요"));
    assert_false(has_term(sel, "희귀"));
    assert_false(has_term(sel, "파손"));
    /* each kept line is the naive-Bayes line as it was */
    for (const char *p = sel; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        if (*p == '#')
            continue;
        size_t n = strcspn(p, "\n");
        char line[256];
        assert_true(n + 2 < sizeof(line));
        line[0] = '\n';
        memcpy(line + 1, p, n);
        line[n + 1] = '\n';
        line[n + 2] = '\0';
        assert_non_null(strstr(nb, line));
    }
    free(nb);
    free(sel);
    hugi_sent_learner_free(l);
}

/* A corpus of one feature: the prior leaves nothing for the rest (log 0): no NaN weight is
 * written, the output loads back (found by fuzz_learn). */
static void test_tiny_corpus(void **state)
{
    (void)state;
    static const char *const pos[] = {"안", "안"};
    static const char *const neg[] = {"안"};
    struct hugi_sent_learn_opts o = {.min_count = 1, .min_z = 0.001, .hangul_only = true};
    char *lex = learn(&o, pos, 2, neg, 1, 1);
    assert_null(strstr(lex, "nan"));
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    struct hugi_err err;
    assert_int_equal(hugi_tm_dict_load_mem(d, lex, strlen(lex), "learned", &err), HUGI_OK);
    hugi_tm_dict_free(d);
    free(lex);
}

static void test_neutral(void **state)
{
    (void)state;
    static const char *const pos[] = {"갤럭시 최고예요", "좋아요 최고"};
    static const char *const neg[] = {"아이폰에서 튕겨요", "아이폰 업데이트 후 튕김"};
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    struct hugi_err err;
    static const char neu[] = "아이폰\t0\ttag=neutral\n갤럭시\t0\ttag=neutral\n";
    assert_int_equal(hugi_tm_dict_load_mem(d, neu, sizeof(neu) - 1, "neutral", &err), HUGI_OK);
    assert_int_equal(hugi_tm_dict_build(d, &err), HUGI_OK);
    struct hugi_sent_learn_opts o = {.min_count = 1, .min_z = 0.001, .across = 3};
    char *plain = learn(&o, pos, 2, neg, 2, 5);
    assert_true(has_term(plain, "아이폰"));
    assert_true(has_term(plain, "폰에"));
    free(plain);
    o.neutral = d;
    char *lex = learn(&o, pos, 2, neg, 2, 5);
    /* nothing that overlaps a neutral term is learned, the rest is */
    assert_false(has_term(lex, "아이폰"));
    assert_false(has_term(lex, "이폰"));
    assert_false(has_term(lex, "폰에"));
    assert_false(has_term(lex, "시 최"));
    assert_false(has_term(lex, "갤"));
    assert_true(has_term(lex, "에서"));
    assert_true(has_term(lex, "튕"));
    assert_true(has_term(lex, "최고"));
    free(lex);
    hugi_tm_dict_free(d);
}

/* A model of the given learned lexicon text (no rule words). */
static struct hugi_sent *model_of(const char *lex)
{
    struct hugi_sent *m = hugi_sent_new();
    struct hugi_err err;
    assert_int_equal(hugi_sent_load_mem(m, lex, strlen(lex), "learned", &err), HUGI_OK);
    assert_int_equal(hugi_sent_build(m, &err), HUGI_OK);
    return m;
}

static float weight_of(const struct hugi_sent *m, const char *term)
{
    const struct hugi_tm_dict *d = hugi_sent_dict(m);
    uint32_t id = hugi_tm_dict_find(d, term, strlen(term), HUGI_TM_POL);
    assert_true(id != UINT32_MAX);
    return hugi_tm_dict_entry(d, id)->weight;
}

static const char small_lex[] = "빠르\t0.1\tany,learned\n"
                                "늦\t0.1\tany,learned\n"
                                "배송\t0.5\tany,learned\n";
static const char *const rtexts[] = {"배송 빠르네요", "배송 늦어요", "빠르고 좋아요",
                                     "늦게 왔어요"};
static const size_t rlens[] = {19, 16, 19, 16};
static const signed char rpols[] = {1, -1, 1, -1};

static void test_refine(void **state)
{
    (void)state;
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(rlens[i], strlen(rtexts[i]));
    struct hugi_err err;
    /* no passes: nothing changes */
    struct hugi_sent *m = model_of(small_lex);
    struct hugi_sent_refine_opts o = {.epochs = 0};
    assert_int_equal(hugi_sent_refine(m, rtexts, rlens, rpols, 4, &o, &err), HUGI_OK);
    assert_true(fabsf(weight_of(m, "늦") - 0.1f) < 1e-6f);
    hugi_sent_free(m);
    /* plain passes: the weights follow the labels; 배송 (both classes) shrinks */
    m = model_of(small_lex);
    o = (struct hugi_sent_refine_opts){.epochs = 20, .rate = 0.5, .l2 = 0.02};
    assert_int_equal(hugi_sent_refine(m, rtexts, rlens, rpols, 4, &o, &err), HUGI_OK);
    float fast = weight_of(m, "빠르"), late = weight_of(m, "늦"), deliv = weight_of(m, "배송");
    assert_true(fast > 0.5f);
    assert_true(late < -0.5f);
    assert_true(fabsf(deliv) < 0.5f);
    /* the scorer sees the new weights (hot copy and dictionary agree) */
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    assert_int_equal(hugi_sent_score(m, "늦어요", strlen("늦어요"), &r, &err), HUGI_OK);
    assert_true(r.raw < -0.5);
    hugi_sent_free(m);
    /* averaged: the same direction, reproducible */
    float avg[2];
    for (int k = 0; k < 2; k++) {
        m = model_of(small_lex);
        o = (struct hugi_sent_refine_opts){.epochs = 20, .rate = 0.5, .l2 = 0.02, .average = true};
        assert_int_equal(hugi_sent_refine(m, rtexts, rlens, rpols, 4, &o, &err), HUGI_OK);
        avg[k] = weight_of(m, "빠르");
        assert_true(weight_of(m, "늦") < -0.3f);
        hugi_sent_free(m);
    }
    assert_true(avg[0] > 0.3f && avg[0] == avg[1]);
    /* strong shrinkage toward the starting weights keeps them near it; toward 0 it does not */
    m = model_of(small_lex);
    o = (struct hugi_sent_refine_opts){.epochs = 5, .rate = 0.05, .l2 = 15, .to_prior = true};
    assert_int_equal(hugi_sent_refine(m, rtexts, rlens, rpols, 4, &o, &err), HUGI_OK);
    assert_true(fabsf(weight_of(m, "배송") - 0.5f) < 0.15f);
    hugi_sent_free(m);
    m = model_of(small_lex);
    o.to_prior = false;
    assert_int_equal(hugi_sent_refine(m, rtexts, rlens, rpols, 4, &o, &err), HUGI_OK);
    assert_true(fabsf(weight_of(m, "배송")) < 0.3f);
    /* one class only: nothing to fit */
    static const signed char allpos[] = {1, 1, 1, 1};
    float before = weight_of(m, "늦");
    o.epochs = 3;
    assert_int_equal(hugi_sent_refine(m, rtexts, rlens, allpos, 4, &o, &err), HUGI_OK);
    assert_true(weight_of(m, "늦") == before);
    /* out-of-range entry ids are ignored */
    hugi_sent_set_weight(m, UINT32_MAX, 3.0f);
    hugi_sent_result_release(&r);
    hugi_sent_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_across),       cmocka_unit_test(test_eojeol),
        cmocka_unit_test(test_hangul_only),  cmocka_unit_test(test_tiny_corpus),
        cmocka_unit_test(test_neutral),      cmocka_unit_test(test_refine),
        cmocka_unit_test(test_hangul_punct), cmocka_unit_test(test_select),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
