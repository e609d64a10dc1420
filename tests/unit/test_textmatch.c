/* SPDX-License-Identifier: MIT
 * textmatch: normaliser offsets and folding, matcher kinds and spans, loader errors, negation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/textmatch.h"

static void norm(struct hugi_tm_text *t, const char *s)
{
    assert_int_equal(hugi_tm_normalize(t, s, strlen(s), NULL), HUGI_OK);
}

static void test_normalize_folds(void **state)
{
    (void)state;
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    norm(&t, "  Ｇｏｏｏｏｏｄ!!!!  ㅋㅋㅋㅋㅋ\t 좋아요\xff ");
    /* full width folds to ASCII, the run of o is cut to two, white space collapses */
    assert_string_equal(t.s, "good!! ㅋㅋ 좋아요\xef\xbf\xbd");
    assert_int_equal(t.nbad, 1);
    assert_true(t.nelong >= 3);
    assert_true(t.nhangul > 0);
    /* offsets point into the original */
    assert_int_equal(t.orig[0], 2);
    assert_int_equal(t.orig[t.len], strlen("  Ｇｏｏｏｏｏｄ!!!!  ㅋㅋㅋㅋㅋ\t 좋아요\xff "));
    norm(&t, "Na\xc3\xafve caf\xc3\xa9 \xe2\x80\x9cgreat\xe2\x80\x9d don\xe2\x80\x99t "
             "\xe2\x9d\xa4\xef\xb8\x8f");
    assert_string_equal(t.s, "naive cafe \"great\" don't \xe2\x9d\xa4");
    norm(&t, "");
    assert_int_equal(t.len, 0);
    norm(&t, "a\0b");
    hugi_tm_text_release(&t);
}

static void test_normalize_nul_and_offsets(void **state)
{
    (void)state;
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    const char in[] = "x\0\0y";
    assert_int_equal(hugi_tm_normalize(&t, in, 4, NULL), HUGI_OK);
    assert_int_equal(t.len, 3);
    assert_memory_equal(t.s, "x y", 3);
    assert_int_equal(t.orig[2], 3);
    hugi_tm_text_release(&t);
}

/* neg_en: an English negator word of the built-in rules, as neg_before sees words; without it
 * nothing Latin negates before (the scorer then looks only at 안/못). */
static void test_normalize_neg_en(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool neg;
    } cases[] = {{"It is NOT good", true},
                 {"don't buy", true},
                 {"don\u2019t buy", true},
                 {"never again", true},
                 {"nothing works", true},
                 {"a nice to", false},
                 {"great phone", false},
                 {"no", true},
                 {"좋아요 안 좋아요", false},
                 {"notthr", true},
                 {"nota", true},
                 {"t-bone", false},
                 {"isnt bad", true},
                 {"t'n", false},
                 {"nobody, nowhere", true},
                 {"knot", false},
                 {"dont\xed\x95\x9c", true}};
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(hugi_tm_normalize(&t, cases[i].s, strlen(cases[i].s), NULL), HUGI_OK);
        if (t.neg_en != cases[i].neg)
            fail_msg("neg_en of '%s' is %d", cases[i].s, t.neg_en);
        /* without it, no offset is negated before by a Latin word */
        if (!t.neg_en)
            for (uint32_t a = 0; a <= t.len; a++) {
                struct hugi_tm_match sp;
                if (hugi_tm_negated_before(&t, a, NULL, &sp) != HUGI_TM_NEG_NONE)
                    assert_true(sp.end <= t.len && (unsigned char)t.s[sp.start] >= 0x80);
            }
    }
    hugi_tm_text_release(&t);
}

struct got {
    char buf[512];
    size_t n;
    const struct hugi_tm_dict *d;
    const struct hugi_tm_text *t;
    struct hugi_tm_match ms[64]; /* the first matches as reported */
    size_t nms;
};

static int collect(void *ctx, const struct hugi_tm_match *m)
{
    struct got *g = ctx;
    const struct hugi_tm_entry *e = hugi_tm_dict_entry(g->d, m->entry);
    size_t n = strlen(e->term);
    if (g->n + n + 2 < sizeof(g->buf)) {
        memcpy(g->buf + g->n, e->term, n);
        g->n += n;
        g->buf[g->n++] = '|';
        g->buf[g->n] = '\0';
    }
    assert_int_equal(m->end - m->start, e->len);
    assert_memory_equal(g->t->s + m->start, e->term, e->len);
    if (g->nms < sizeof(g->ms) / sizeof(g->ms[0]))
        g->ms[g->nms++] = *m;
    return 0;
}

static const char *run(struct hugi_tm_dict *d, struct hugi_tm_text *t, struct got *g,
                       const char *text)
{
    norm(t, text);
    memset(g, 0, sizeof(*g));
    g->d = d;
    g->t = t;
    size_t total = hugi_tm_match(d, t, collect, g);
    /* the array form gives the same matches in the same order */
    struct hugi_tm_match *arr = NULL;
    size_t n = 0, cap = 0;
    struct hugi_err err;
    assert_int_equal(hugi_tm_match_append(d, t, &arr, &n, &cap, &err), HUGI_OK);
    assert_int_equal(n, total);
    for (size_t i = 0; i < g->nms; i++) {
        assert_int_equal(arr[i].start, g->ms[i].start);
        assert_int_equal(arr[i].end, g->ms[i].end);
        assert_int_equal(arr[i].entry, g->ms[i].entry);
    }
    free(arr);
    return g->buf;
}

static void test_match_kinds(void **state)
{
    (void)state;
    const char *lex = "# test\n"
                      "good\t2\n"
                      "disappoint\t-2\tprefix\n"
                      "좋\t1\n"
                      "배송\t0\tprefix,tag,tag=delivery\n"
                      "not good\t-2\n"
                      ":)\t1\n"
                      "ly\t0\tsuffix\n"
                      "\xe2\x9d\xa4\t2\n";
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    struct hugi_err err;
    assert_int_equal(hugi_tm_dict_load_mem(d, lex, strlen(lex), "t.tsv", &err), HUGI_OK);
    assert_int_equal(hugi_tm_dict_build(d, &err), HUGI_OK);
    assert_int_equal(hugi_tm_dict_count(d), 8);
    assert_int_equal(hugi_tm_dict_learned_maxlen(d), 0); /* none flagged learned */
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    struct got g;
    assert_string_equal(run(d, &t, &g, "GOOD goodness not good"), "good|not good|good|");
    assert_string_equal(run(d, &t, &g, "Disappointed, undisappointed"), "disappoint|");
    assert_string_equal(run(d, &t, &g, "안좋아요 배송이 빨라요 택배송"), "좋|배송|");
    assert_string_equal(run(d, &t, &g, "nice:) truly fly"), ":)|ly|ly|");
    assert_string_equal(run(d, &t, &g, "\xe2\x9d\xa4\xef\xb8\x8f\xe2\x9d\xa4"),
                        "\xe2\x9d\xa4|\xe2\x9d\xa4|");
    uint32_t id = hugi_tm_dict_find(d, "배송", strlen("배송"), HUGI_TM_TAG);
    assert_int_not_equal(id, UINT32_MAX);
    assert_string_equal(hugi_tm_dict_entry(d, id)->tag, "delivery");
    assert_int_equal(hugi_tm_dict_find(d, "배송", strlen("배송"), HUGI_TM_POL), UINT32_MAX);
    hugi_tm_text_release(&t);
    hugi_tm_dict_free(d);
    /* the longest learned term (the scorer's rule-word index relies on it, sent.c) */
    const char *lex2 = "good\t1\tlearned\nvery long learned phrase\t1\tlearned\n"
                       "a much longer rule phrase than both\t2\trule\n";
    d = hugi_tm_dict_new();
    assert_int_equal(hugi_tm_dict_load_mem(d, lex2, strlen(lex2), "l.tsv", &err), HUGI_OK);
    assert_int_equal(hugi_tm_dict_build(d, &err), HUGI_OK);
    assert_int_equal(hugi_tm_dict_learned_maxlen(d), strlen("very long learned phrase"));
    hugi_tm_dict_free(d);
}

/* A hand-written Hangul phrase also stands without the spaces between its syllables (reviews
 * drop them): a twin entry flagged HUGI_TM_F_SPACELESS; none for learned entries, roles other
 * than polarity, joins shorter than three syllables or spaces beside non-Hangul. */
static void test_spaceless_twins(void **state)
{
    (void)state;
    const char *lex = "잘 받았\t1.2\trule\n"
                      "안 돼\t-1\trule\n"
                      "돈 아까\t-1.5\tlearned\n"
                      "왜 이렇게\t0\tbooster\n"
                      "good 배송\t1\n"
                      "흠잡을 데 없\t2.5\trule\n";
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    struct hugi_err err;
    assert_int_equal(hugi_tm_dict_load_mem(d, lex, strlen(lex), "t.tsv", &err), HUGI_OK);
    assert_int_equal(hugi_tm_dict_build(d, &err), HUGI_OK);
    /* six lines, four twins: 잘받았 and 흠잡을데없 joined, 안 됐 fused (ko9), 안 됨 (ko13) */
    assert_int_equal(hugi_tm_dict_count(d), 10);
    uint32_t id = hugi_tm_dict_find(d, "잘받았", strlen("잘받았"), HUGI_TM_POL);
    assert_int_not_equal(id, UINT32_MAX);
    const struct hugi_tm_entry *e = hugi_tm_dict_entry(d, id);
    assert_true(e->flags & HUGI_TM_F_SPACELESS);
    assert_true(e->flags & HUGI_TM_F_RULE);
    assert_true(fabsf(e->weight - 1.2f) < 1e-6f);
    assert_int_equal(e->line, 1); /* the line it was made from */
    assert_int_not_equal(hugi_tm_dict_find(d, "흠잡을데없", strlen("흠잡을데없"), HUGI_TM_POL),
                         UINT32_MAX);
    assert_int_equal(hugi_tm_dict_find(d, "안돼", strlen("안돼"), HUGI_TM_POL), UINT32_MAX);
    assert_int_equal(hugi_tm_dict_find(d, "돈아까", strlen("돈아까"), HUGI_TM_POL), UINT32_MAX);
    assert_int_equal(hugi_tm_dict_find(d, "왜이렇게", strlen("왜이렇게"), HUGI_TM_BOOSTER),
                     UINT32_MAX);
    assert_int_equal(hugi_tm_dict_find(d, "good배송", strlen("good배송"), HUGI_TM_POL), UINT32_MAX);
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    struct got g;
    assert_string_equal(run(d, &t, &g, "잘받았어요 흠잡을데없네요"), "잘받았|흠잡을데없|");
    assert_string_equal(run(d, &t, &g, "잘 받았어요"), "잘 받았|");
    hugi_tm_text_release(&t);
    hugi_tm_dict_free(d);
}

/* ko9: a hand-written Hangul polarity term ending in a stem or 아/어 syllable also stands with a
 * final consonant fused into it (값어치 하 → 값어치 합니다, 비싸 → 비쌌어요), joined too where it
 * has spaces; not a noun's last syllable (하자, 최고), not learned or exact terms. */
static void test_fused_twins(void **state)
{
    (void)state;
    const char *lex = "값어치 하\t1.5\trule\n"
                      "비싸\t-1\trule\n"
                      "하자\t-1.5\trule\n"
                      "좋아\t1\tlearned\n"
                      "최고\t3\trule\n"
                      "아까워\t-2\trule\n"
                      "예쁘\t1.5\texact\n";
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    struct hugi_err err;
    assert_int_equal(hugi_tm_dict_load_mem(d, lex, strlen(lex), "t.tsv", &err), HUGI_OK);
    assert_int_equal(hugi_tm_dict_build(d, &err), HUGI_OK);
    /* 값어치 하: itself, 값어치하, 한 할 함 합 and their joined forms (10); 비싸: itself, 싼 쌀 쌈
     * 쌉 쌌 (6); 아까워, 아까웠 and (ko13) the noun ending 아까움 (3); 하자, 좋아, 최고, 예쁘 alone
     * (4) */
    assert_int_equal(hugi_tm_dict_count(d), 23);
    uint32_t id = hugi_tm_dict_find(d, "값어치 합", strlen("값어치 합"), HUGI_TM_POL);
    assert_int_not_equal(id, UINT32_MAX);
    const struct hugi_tm_entry *e = hugi_tm_dict_entry(d, id);
    assert_true(e->flags & HUGI_TM_F_FUSED);
    assert_true(e->flags & HUGI_TM_F_RULE);
    assert_true(fabsf(e->weight - 1.5f) < 1e-6f);
    id = hugi_tm_dict_find(d, "값어치합", strlen("값어치합"), HUGI_TM_POL);
    assert_int_not_equal(id, UINT32_MAX);
    assert_true(hugi_tm_dict_entry(d, id)->flags & HUGI_TM_F_SPACELESS);
    assert_int_not_equal(hugi_tm_dict_find(d, "비쌌", strlen("비쌌"), HUGI_TM_POL), UINT32_MAX);
    assert_int_not_equal(hugi_tm_dict_find(d, "아까웠", strlen("아까웠"), HUGI_TM_POL), UINT32_MAX);
    assert_int_equal(hugi_tm_dict_find(d, "하잔", strlen("하잔"), HUGI_TM_POL), UINT32_MAX);
    assert_int_equal(hugi_tm_dict_find(d, "최곤", strlen("최곤"), HUGI_TM_POL), UINT32_MAX);
    assert_int_equal(hugi_tm_dict_find(d, "좋았", strlen("좋았"), HUGI_TM_POL), UINT32_MAX);
    assert_int_equal(hugi_tm_dict_find(d, "예쁜", strlen("예쁜"), HUGI_TM_POL), UINT32_MAX);
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    struct got g;
    assert_string_equal(run(d, &t, &g, "값어치 합니다 비쌌어요"), "값어치 합|비쌌|");
    assert_string_equal(run(d, &t, &g, "값어치합니다"), "값어치합|");
    hugi_tm_text_release(&t);
    hugi_tm_dict_free(d);
}

/* ko13: the noun ending -ㅁ goes on the stem of a term written in its 아/어 form (부러져 →
 * 부러짐, 불편해 → 불편함, 아까워 → 아까움, 안 돼 → 안 됨, joined too): reviews end a plain fact
 * so ("초릿대 부러짐"). Not 빠 (색이 빠 is 빠지-, no 쁨), not a learned term. */
static void test_fused_noun_ending(void **state)
{
    (void)state;
    const char *lex = "부러져\t-2\trule\n"
                      "불편해\t-2\trule\n"
                      "아까워\t-2\trule\n"
                      "잘 돼\t1.2\trule\n"
                      "머리가 아파\t-2\trule\n"
                      "색이 빠\t-1.8\trule\n"
                      "튕겨\t-1\tlearned\n";
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    struct hugi_err err;
    assert_int_equal(hugi_tm_dict_load_mem(d, lex, strlen(lex), "t.tsv", &err), HUGI_OK);
    assert_int_equal(hugi_tm_dict_build(d, &err), HUGI_OK);
    static const char *const twins[] = {"부러짐", "불편함",      "아까움",
                                        "잘 됨",  "머리가 아픔", "머리가아픔"};
    for (size_t i = 0; i < sizeof(twins) / sizeof(twins[0]); i++) {
        uint32_t id = hugi_tm_dict_find(d, twins[i], strlen(twins[i]), HUGI_TM_POL);
        assert_int_not_equal(id, UINT32_MAX);
        assert_true(hugi_tm_dict_entry(d, id)->flags & HUGI_TM_F_FUSED);
    }
    assert_int_equal(hugi_tm_dict_find(d, "색이 쁨", strlen("색이 쁨"), HUGI_TM_POL), UINT32_MAX);
    assert_int_equal(hugi_tm_dict_find(d, "튕김", strlen("튕김"), HUGI_TM_POL), UINT32_MAX);
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    struct got g;
    assert_string_equal(run(d, &t, &g, "초릿대 부러짐 자리가 불편함"), "부러짐|불편함|");
    hugi_tm_text_release(&t);
    hugi_tm_dict_free(d);
}

/* Matches at one end: longer first; entries of one term in file order, whatever the order of
 * the terms in the file (the automaton is built from the sorted terms). */
static void test_match_order(void **state)
{
    (void)state;
    const char *lex = "b\t1\tany\nab\t1\tany\nb\t2\tany,booster\na\t1\tany\nzab\t1\tany\n";
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    struct hugi_err err;
    assert_int_equal(hugi_tm_dict_load_mem(d, lex, strlen(lex), "o.tsv", &err), HUGI_OK);
    assert_int_equal(hugi_tm_dict_build(d, &err), HUGI_OK);
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    struct got g;
    assert_string_equal(run(d, &t, &g, "xab zab"), "a|ab|b|b|a|zab|ab|b|b|");
    assert_int_equal(g.nms, 9);
    static const uint32_t ids[] = {3, 1, 0, 2, 3, 4, 1, 0, 2};
    for (size_t i = 0; i < 9; i++)
        assert_int_equal(g.ms[i].entry, ids[i]);
    assert_int_equal(hugi_tm_dict_find(d, "b", 1, HUGI_TM_BOOSTER), 2);
    assert_int_equal(hugi_tm_dict_find(d, "b", 1, HUGI_TM_POL), 0);
    hugi_tm_text_release(&t);
    hugi_tm_dict_free(d);
}

static void expect_error(const char *lex, const char *where, const char *msg_part)
{
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    struct hugi_err err;
    hugi_err_clear(&err);
    assert_int_not_equal(hugi_tm_dict_load_mem(d, lex, strlen(lex), "x.tsv", &err), HUGI_OK);
    assert_string_equal(err.where, where);
    assert_non_null(strstr(err.msg, msg_part));
    hugi_tm_dict_free(d);
}

static void test_loader_errors(void **state)
{
    (void)state;
    expect_error("good\t1\nbad\n", "x.tsv:2", "expected term<TAB>weight");
    expect_error("# c\n\ngood\tx1\n", "x.tsv:3", "bad weight");
    expect_error("good\t1\tweird\n", "x.tsv:1", "unknown flag 'weird'");
    expect_error("\t1\n", "x.tsv:1", "empty term");
    expect_error("a\t1\tpol\textra\n", "x.tsv:1", "too many fields");
    expect_error("a\t\n", "x.tsv:1", "weight");
    expect_error("a\xff\t1\n", "x.tsv:1", "UTF-8");
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    struct hugi_err err;
    assert_int_equal(hugi_tm_dict_load_file(d, "/nonexistent/x.tsv", &err), HUGI_E_IO);
    assert_string_equal(err.where, "/nonexistent/x.tsv");
    hugi_tm_dict_free(d);
}

static enum hugi_tm_neg neg_of_(const char *text, const char *term, bool ko_wide)
{
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    t.ko_wide = ko_wide;
    norm(&t, text);
    const char *p = strstr(t.s, term);
    assert_non_null(p);
    uint32_t a = (uint32_t)(p - t.s);
    enum hugi_tm_neg r = hugi_tm_negated(&t, a, a + (uint32_t)strlen(term), NULL, NULL);
    hugi_tm_text_release(&t);
    return r;
}

static enum hugi_tm_neg neg_of(const char *text, const char *term)
{
    return neg_of_(text, term, false);
}

/* the scorer's and learner's reach (ko_wide) */
static enum hugi_tm_neg neg_wide(const char *text, const char *term)
{
    return neg_of_(text, term, true);
}

static void test_negation(void **state)
{
    (void)state;
    assert_int_equal(neg_of("안좋아요", "좋"), HUGI_TM_NEG_BEFORE);
    assert_int_equal(neg_of("별로 안 좋아요", "좋"), HUGI_TM_NEG_BEFORE);
    assert_int_equal(neg_of("못 믿겠다", "믿"), HUGI_TM_NEG_BEFORE);
    assert_int_equal(neg_of("좋지않아요", "좋"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("좋지 않아요", "좋"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("재미없어요", "재미"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("재미가 없어요", "재미"), HUGI_TM_NEG_AFTER);
    /* 못 before 하다 after a noun: the noun is what is not done (만족 못 했어요) */
    assert_int_equal(neg_of("만족 못 했어요", "만족"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("만족 못 해요", "만족"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("만족 못 할 듯", "만족"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("만족 못 함", "만족"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("만족 또 했어요", "만족"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("좋은 건 아니에요", "좋"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("좋아요 정말", "좋"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("안전하고 좋아요", "좋"), HUGI_TM_NEG_NONE);
    /* a degree adverb between a noun and its negator (ko8, ko_wide): 거의 없, 전혀 안 나 */
    assert_int_equal(neg_wide("발열이 거의 없어요", "발열"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_wide("자극 하나도 없었어요", "자극"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_wide("발열이 거의 매일 나요", "발열"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_wide("가려움이 싹 없어졌어요", "가려움"), HUGI_TM_NEG_AFTER);
    /* 안 나 after a noun: it does not come up; not 안 나와요 (it does not work) */
    assert_int_equal(neg_wide("냄새 안 나요", "냄새"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_wide("약품 냄새 전혀 안나요", "냄새"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_wide("소리가 안 나와요", "소리"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_wide("냄새 안나가요", "냄새"), HUGI_TM_NEG_NONE);
    /* a dependent noun after a modifier (ko9, ko_wide): the modifier is what is denied */
    assert_int_equal(neg_wide("아쉬운 점이 하나도 없네요", "아쉬운"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_wide("불편한 부분 없어요", "불편"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_wide("아쉬운 점이 많아요", "아쉬운"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("아쉬운 점이 없네요", "아쉬운"), HUGI_TM_NEG_NONE);
    /* 적다 after a noun: little of it (ko9, ko_wide); not 적당, 적어도 */
    assert_int_equal(neg_wide("소음 적고 조용해요", "소음"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_wide("효과가 적어요", "효과"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_wide("가격 적당해요", "가격"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_wide("소음 적어도 괜찮아요", "소음"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("효과가 적어요", "효과"), HUGI_TM_NEG_NONE);
    /* without ko_wide (the complaint stage reads these itself) neither holds */
    assert_int_equal(neg_of("발열이 거의 없어요", "발열"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("냄새 안 나요", "냄새"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("it is not very good", "good"), HUGI_TM_NEG_BEFORE);
    assert_int_equal(neg_of("it isn't good", "good"), HUGI_TM_NEG_BEFORE);
    assert_int_equal(neg_of("I don\xe2\x80\x99t like it", "like"), HUGI_TM_NEG_BEFORE);
    assert_int_equal(neg_of("no problems at all", "problems"), HUGI_TM_NEG_BEFORE);
    assert_int_equal(neg_of("not bad, good", "good"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("not cheap but good", "good"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("nothing is good", "good"), HUGI_TM_NEG_BEFORE);
    assert_int_equal(neg_of("notable good", "good"), HUGI_TM_NEG_NONE);
}

/* ko11: the spacing left out between a degree adverb and its negator (하나도없어요, 전혀없음)
 * or between the term and both (트러블하나도없어요): the negator still reaches the term, with
 * ko_wide only; a degree adverb glued to anything but 없/않/아니 (전혀다른) does not negate */
static void test_negation_glued_degree(void **state)
{
    (void)state;
    assert_int_equal(neg_wide("트러블 하나도없어요", "트러블"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_wide("자극이 전혀없음", "자극"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_wide("트러블하나도없어요", "트러블"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_wide("자극이전혀없어요", "자극"), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_wide("소음이 거의않나요", "소음"), HUGI_TM_NEG_AFTER);
    /* the spaced forms keep their reading (ko8) */
    assert_int_equal(neg_wide("트러블 하나도 없어요", "트러블"), HUGI_TM_NEG_AFTER);
    /* glued to another word, or no negator after the adverb */
    assert_int_equal(neg_wide("디자인이 전혀다른 물건", "디자인"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_wide("트러블 하나도남김없이", "트러블"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_wide("트러블이하나도", "트러블"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_wide("자극적이에요", "자극"), HUGI_TM_NEG_NONE);
    /* without ko_wide (the complaint stage) unchanged */
    assert_int_equal(neg_of("트러블 하나도없어요", "트러블"), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("트러블하나도없어요", "트러블"), HUGI_TM_NEG_NONE);
    /* the span given is the negator's syllable */
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    t.ko_wide = true;
    norm(&t, "트러블하나도없어요");
    struct hugi_tm_match sp;
    assert_int_equal(hugi_tm_negated(&t, 0, 9, NULL, &sp), HUGI_TM_NEG_AFTER);
    assert_int_equal(sp.start, 18);
    assert_int_equal(sp.end, 21);
    hugi_tm_text_release(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_folds),
        cmocka_unit_test(test_normalize_nul_and_offsets),
        cmocka_unit_test(test_normalize_neg_en),
        cmocka_unit_test(test_match_kinds),
        cmocka_unit_test(test_loader_errors),
        cmocka_unit_test(test_negation),
        cmocka_unit_test(test_match_order),
        cmocka_unit_test(test_spaceless_twins),
        cmocka_unit_test(test_fused_twins),
        cmocka_unit_test(test_fused_noun_ending),
        cmocka_unit_test(test_negation_glued_degree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
