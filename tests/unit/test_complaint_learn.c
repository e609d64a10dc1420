/* SPDX-License-Identifier: MIT
 * Unit tests of the learned complaint categories (complaints/src/learned.c) on a tiny synthetic
 * corpus: a feature that predicts a category gets a positive weight and a threshold; the model
 * adds the category only in a complaint context and names its features as evidence; critical
 * categories are never learned; the same rows give the same bytes; the model file reads back to
 * the same model; malformed model lines fail with file:line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/complaint.h"

/* delivery and app_crash (normal), safety (critical); a cue for app words gives context */
static struct hugi_complaint_tax *small_tax(void)
{
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    assert_non_null(t);
    struct hugi_err err;
    int d, a, s;
    assert_int_equal(hugi_complaint_tax_add_category(t, "delivery", false, &d, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "app_crash", false, &a, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "safety", true, &s, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, d, "배송이늦", 12, NULL, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, a, "오류", 6, NULL, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, s, "화재", 6, NULL, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_cue(t, "app", "앱", 3, NULL, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_cue(t, "app", "app", 3, NULL, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, a, "{app} + 오류", 14, NULL, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    return t;
}

static uint64_t bit(const struct hugi_complaint_tax *t, const char *key)
{
    int i = hugi_complaint_tax_find(t, key, strlen(key));
    assert_true(i >= 0);
    return (uint64_t)1 << i;
}

/* The corpus: app reviews where 튕겨 (crashing, which no pattern has) means app_crash, app
 * reviews about other things, late deliveries, and fires (safety, critical). */
static void add_corpus(struct hugi_complaint_learner *l, const struct hugi_complaint_tax *t)
{
    static const char *const filler[] = {"진짜",     "너무", "매번", "오늘도",
                                         "어제부터", "계속", "정말", "또"};
    struct hugi_err err;
    char text[256];
    for (int i = 0; i < 64; i++) {
        const char *f = filler[i % 8], *g = filler[(i / 8) % 8];
        uint64_t gold;
        switch (i % 4) {
        case 0:
            snprintf(text, sizeof text, "%s 앱이 %s 튕겨요", f, g);
            gold = bit(t, "app_crash");
            break;
        case 1:
            snprintf(text, sizeof text, "%s 앱 디자인이 %s 촌스러워요", f, g);
            gold = 0;
            break;
        case 2:
            snprintf(text, sizeof text, "%s 배송이 늦어요 %s", f, g);
            gold = bit(t, "delivery");
            break;
        default:
            snprintf(text, sizeof text, "%s 충전기에서 화재가 %s 났어요", f, g);
            gold = bit(t, "safety");
            break;
        }
        assert_int_equal(hugi_complaint_learner_add(l, text, strlen(text), gold, 0, &err), HUGI_OK);
    }
    /* English rows: "crashing" is app_crash */
    for (int i = 0; i < 16; i++) {
        snprintf(text, sizeof text, i % 2 ? "the app keeps crashing %s" : "the app looks dated %s",
                 i % 4 < 2 ? "today" : "again");
        uint64_t gold = i % 2 ? bit(t, "app_crash") : 0;
        assert_int_equal(hugi_complaint_learner_add(l, text, strlen(text), gold, 1, &err), HUGI_OK);
    }
}

static struct hugi_complaint_model *train(const struct hugi_complaint_tax *t, const bool *use)
{
    struct hugi_complaint_learn_opts o;
    hugi_complaint_learn_opts_init(&o);
    struct hugi_complaint_learner *l = hugi_complaint_learner_new(t, &o);
    assert_non_null(l);
    add_corpus(l, t);
    assert_int_equal(hugi_complaint_learner_rows(l), 80);
    struct hugi_complaint_model *m = NULL;
    struct hugi_err err;
    assert_int_equal(hugi_complaint_learner_train(l, use, &m, &err), HUGI_OK);
    assert_non_null(m);
    hugi_complaint_learner_free(l);
    return m;
}

static char *model_text(const struct hugi_complaint_model *m, const struct hugi_complaint_tax *t,
                        size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    struct hugi_err err;
    assert_int_equal(hugi_complaint_model_write(m, t, f, "test corpus", &err), HUGI_OK);
    fclose(f);
    /* a copy, not `buf` itself: GCC 12 at -O2 takes a pointer that open_memstream() stored in
     * this frame's `buf` for one into the frame (-Wdangling-pointer in the callers) */
    char *text = malloc(n + 1);
    assert_non_null(text);
    memcpy(text, buf, n + 1);
    free(buf);
    *len = n;
    return text;
}

/* The weight of feature `feat` for category `cat` in a written model, or NAN. */
static double weight_of(const char *text, const char *cat, const char *feat)
{
    char key[128];
    snprintf(key, sizeof key, "w\t%s\t", cat);
    for (const char *p = text; (p = strstr(p, key)) != NULL; p++) {
        if (p != text && p[-1] != '\n')
            continue;
        char *end;
        double w = strtod(p + strlen(key), &end);
        size_t fl = strcspn(end + 1, "\n");
        if (*end == '\t' && fl == strlen(feat) && memcmp(end + 1, feat, fl) == 0)
            return w;
    }
    return NAN;
}

static void test_predictive_feature_learned(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = small_tax();
    struct hugi_complaint_model *m = train(t, NULL);
    size_t len;
    char *text = model_text(m, t, &len);
    assert_non_null(strstr(text, "# generated, do not edit"));
    /* 튕 predicts app_crash: a positive weight, and the category has an add threshold */
    double w = weight_of(text, "app_crash", "튕");
    assert_false(isnan(w));
    assert_true(w > 0);
    double we = weight_of(text, "app_crash", "crashing");
    assert_false(isnan(we));
    assert_true(we > 0);
    const char *line = strstr(text, "cat\tapp_crash\t");
    assert_non_null(line);
    char *end;
    strtod(line + strlen("cat\tapp_crash\t"), &end);
    assert_true(*end == '\t');
    assert_true(end[1] != '-'); /* a threshold, not "-" */
    /* safety (critical) is never learned, however predictive 화재 is */
    assert_null(strstr(text, "cat\tsafety"));
    assert_null(strstr(text, "w\tsafety"));
    free(text);
    hugi_complaint_model_free(m);
    hugi_complaint_tax_free(t);
}

static void test_model_adds_in_context(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = small_tax();
    hugi_complaint_tax_set_model(t, train(t, NULL));
    assert_non_null(hugi_complaint_tax_model(t));
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    struct hugi_err err;
    /* an app text (the cue gives context) that no pattern categorises */
    const char *s = "앱이 자꾸 튕겨서 못 쓰겠어요";
    assert_int_equal(hugi_complaint_categorize(t, s, strlen(s), &m, &err), HUGI_OK);
    assert_true(m.context);
    assert_true(m.cats & bit(t, "app_crash"));
    assert_true(m.learned & bit(t, "app_crash"));
    /* the evidence names the learned features, the span is the strongest one's occurrence */
    struct hugi_buf j;
    hugi_buf_init(&j, 0);
    assert_int_equal(hugi_complaint_evidence_json(t, &m, s, strlen(s), &j), HUGI_OK);
    assert_non_null(strstr(j.data, "\"learned\":["));
    assert_non_null(strstr(j.data, "튕"));
    hugi_buf_release(&j);
    assert_int_equal(m.nspans, 1);
    assert_true(m.spans[0].feat[0] >= 0);
    const char *top = hugi_complaint_model_feature(hugi_complaint_tax_model(t), m.spans[0].feat[0]);
    assert_non_null(top);
    assert_int_equal(m.spans[0].end - m.spans[0].start, strlen(top));
    /* English, same rule */
    s = "the app is crashing all the time";
    assert_int_equal(hugi_complaint_categorize(t, s, strlen(s), &m, &err), HUGI_OK);
    assert_true(m.learned & bit(t, "app_crash"));
    /* no complaint context (no category, no cue): the model adds nothing */
    s = "자꾸 튕겨요";
    assert_int_equal(hugi_complaint_categorize(t, s, strlen(s), &m, &err), HUGI_OK);
    assert_false(m.context);
    assert_int_equal(m.cats, 0);
    /* a pattern hit stays a pattern hit (no "learned" evidence) */
    s = "배송이 늦어요";
    assert_int_equal(hugi_complaint_categorize(t, s, strlen(s), &m, &err), HUGI_OK);
    assert_int_equal(m.cats, bit(t, "delivery"));
    assert_int_equal(m.learned, 0);
    assert_int_equal(m.spans[0].feat[0], -1);
    /* detached: patterns only again */
    hugi_complaint_tax_set_model(t, NULL);
    s = "앱이 자꾸 튕겨서 못 쓰겠어요";
    assert_int_equal(hugi_complaint_categorize(t, s, strlen(s), &m, &err), HUGI_OK);
    assert_int_equal(m.cats, 0);
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
}

static void test_deterministic_and_round_trip(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = small_tax();
    struct hugi_complaint_model *a = train(t, NULL), *b = train(t, NULL);
    size_t la, lb;
    char *ta = model_text(a, t, &la), *tb = model_text(b, t, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(ta, tb, la);
    /* read back: the same model, the same bytes */
    struct hugi_complaint_model *c = NULL;
    struct hugi_err err;
    assert_int_equal(hugi_complaint_model_parse(&c, t, ta, la, "mem", &err), HUGI_OK);
    size_t lc;
    char *tc = model_text(c, t, &lc);
    assert_int_equal(la, lc);
    assert_memory_equal(ta, tc, la);
    assert_int_equal(hugi_complaint_model_size(a), hugi_complaint_model_size(c));
    /* trained without half the rows: another model */
    bool use[80];
    for (int i = 0; i < 80; i++)
        use[i] = i % 2 == 0;
    struct hugi_complaint_model *d = train(t, use);
    size_t ld;
    char *td = model_text(d, t, &ld);
    assert_true(ld != la || memcmp(ta, td, la) != 0);
    free(ta);
    free(tb);
    free(tc);
    free(td);
    hugi_complaint_model_free(a);
    hugi_complaint_model_free(b);
    hugi_complaint_model_free(c);
    hugi_complaint_model_free(d);
    hugi_complaint_tax_free(t);
}

/* A hand-edited weight with more decimals than the writer keeps (2.20122461 is written 2.2012)
 * sorts where its written value sorts, so writing the re-read file gives the same bytes: the
 * order once depended on the unrounded value (fuzz_complaint_model found it). */
static void test_round_trip_of_rounded_weights(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = small_tax();
    const char *txt = "cat\tapp_crash\t0\t0\t-\n"
                      "w\tapp_crash\t2.2012\tcall\n"
                      "w\tapp_crash\t2.20122461\tsays\n"
                      "w\tapp_crash\t2.20118\taaa\n";
    struct hugi_complaint_model *a = NULL, *b = NULL;
    struct hugi_err err;
    assert_int_equal(hugi_complaint_model_parse(&a, t, txt, strlen(txt), "h.tsv", &err), HUGI_OK);
    size_t la, lb;
    char *ta = model_text(a, t, &la);
    assert_int_equal(hugi_complaint_model_parse(&b, t, ta, la, "again", &err), HUGI_OK);
    char *tb = model_text(b, t, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(ta, tb, la);
    /* equal written weights: by feature */
    const char *x = strstr(ta, "\taaa\n"), *y = strstr(ta, "\tcall\n"), *z = strstr(ta, "\tsays\n");
    assert_non_null(x);
    assert_true(x < y && y < z);
    free(ta);
    free(tb);
    hugi_complaint_model_free(a);
    hugi_complaint_model_free(b);
    hugi_complaint_tax_free(t);
}

static void test_thresholds_and_veto(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = small_tax();
    /* hand-written: app_crash adds at score >= 0, vetoes pattern hits under -1 */
    const char *txt = "# a comment\n"
                      "cat\tapp_crash\t-2\t0\t-1\n"
                      "cat\tdelivery\t0\t-\t-\n"
                      "cat\tsafety\t5\t-10\t-\n" /* critical: ignored */
                      "cat\tunknown\t0\t0\t-\n"  /* not in this taxonomy: skipped */
                      "w\tapp_crash\t2.5\t튕겨\n"
                      "w\tapp_crash\t-3\t디자인\n"
                      "w\tsafety\t9\t충전\n"
                      "w\tunknown\t1\tx\n";
    struct hugi_complaint_model *m = NULL;
    struct hugi_err err;
    assert_int_equal(hugi_complaint_model_parse(&m, t, txt, strlen(txt), "h.tsv", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_model_size(m), 2);
    hugi_complaint_tax_set_model(t, m);
    struct hugi_complaint_match mm;
    hugi_complaint_match_init(&mm);
    const char *s = "앱이 튕겨요"; /* -2 + 2.5 >= 0: added */
    assert_int_equal(hugi_complaint_categorize(t, s, strlen(s), &mm, &err), HUGI_OK);
    assert_int_equal(mm.cats, bit(t, "app_crash"));
    s = "앱 디자인 오류"; /* pattern hit, -2 - 3 < -1: vetoed */
    assert_int_equal(hugi_complaint_categorize(t, s, strlen(s), &mm, &err), HUGI_OK);
    assert_int_equal(mm.cats, 0);
    assert_int_equal(mm.vetoed, bit(t, "app_crash"));
    s = "충전기 화재"; /* critical: never vetoed, never added by the model */
    assert_int_equal(hugi_complaint_categorize(t, s, strlen(s), &mm, &err), HUGI_OK);
    assert_int_equal(mm.cats, bit(t, "safety"));
    assert_int_equal(mm.learned, 0);
    hugi_complaint_match_release(&mm);
    hugi_complaint_tax_free(t);
}

static void test_parse_errors(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = small_tax();
    static const char *const bad[] = {
        "cat\tapp_crash\t1\n",                                /* too few fields */
        "cat\tapp_crash\tx\t0\t-\n",                          /* bad number */
        "cat\tapp_crash\tnan\t0\t-\n",                        /* not finite */
        "cat\tapp_crash\t0\t0\t-\ncat\tapp_crash\t0\t0\t-\n", /* twice */
        "cat\tapp_crash\t0\t0\t-\nw\tapp_crash\t1\t\n",       /* empty feature */
        "cat\tapp_crash\t0\t0\t-\nw\tapp_crash\t1\t\xff\n",   /* not UTF-8 */
        "x\ty\n",                                             /* unknown line */
        "w\tapp_crash\t1\tab\ncat\tapp_crash\t0\t0\t-\n",     /* weight before its cat */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct hugi_complaint_model *m = (struct hugi_complaint_model *)1;
        struct hugi_err err;
        hugi_err_clear(&err);
        assert_int_equal(hugi_complaint_model_parse(&m, t, bad[i], strlen(bad[i]), "b.tsv", &err),
                         HUGI_E_PARSE);
        assert_null(m);
        assert_true(strncmp(err.where, "b.tsv:", 6) == 0);
    }
    struct hugi_complaint_model *m = NULL;
    struct hugi_err err;
    assert_int_equal(hugi_complaint_model_load(&m, t, "/nonexistent/learned.tsv", &err), HUGI_E_IO);
    hugi_complaint_tax_free(t);
}

/* The shipped model (off by default: outside the lexicon folder) loads for the shipped
 * taxonomy, holds no critical category, and keeps the critical checklist's answers. */
static void test_shipped_model(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = NULL;
    struct hugi_err err;
    assert_int_equal(hugi_complaint_tax_load(&t, HUGI_SOURCE_DIR "/lexicons/complaints", &err),
                     HUGI_OK);
    struct hugi_complaint_model *m = NULL;
    assert_int_equal(
        hugi_complaint_model_load(&m, t, HUGI_SOURCE_DIR "/lexicons/complaints-learned.tsv", &err),
        HUGI_OK);
    assert_true(hugi_complaint_model_size(m) > 0);
    hugi_complaint_tax_set_model(t, m);
    struct hugi_complaint_match mm;
    hugi_complaint_match_init(&mm);
    static const char *const crit[] = {"드라이기에서 불이 났어요", "소비자원에 신고하겠습니다",
                                       "개인정보가 유출됐어요", "the charger caught fire"};
    for (size_t i = 0; i < sizeof crit / sizeof crit[0]; i++) {
        assert_int_equal(hugi_complaint_categorize(t, crit[i], strlen(crit[i]), &mm, &err),
                         HUGI_OK);
        assert_true(mm.cats & hugi_complaint_tax_critical_mask(t));
        assert_int_equal(mm.learned & hugi_complaint_tax_critical_mask(t), 0);
    }
    /* happy texts stay without a category */
    const char *s = "배송 빨라요 포장도 꼼꼼해요";
    assert_int_equal(hugi_complaint_categorize(t, s, strlen(s), &mm, &err), HUGI_OK);
    assert_int_equal(mm.cats, 0);
    hugi_complaint_match_release(&mm);
    hugi_complaint_tax_free(t);
}

/* A critical model (a "critical<TAB>add" line before its categories, as `learn --critical`
 * writes): it only adds a critical category the patterns missed, only in a complaint context,
 * never removes one (no veto, whatever the file says), and its evidence names the features. */
static void test_critical_model_adds_only(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = small_tax();
    const char *txt = "critical\tadd\n"
                      "cat\tsafety\t-2\t0\t5\n" /* a veto of 5 would drop every hit: ignored */
                      "w\tsafety\t3\t연기\n";
    struct hugi_complaint_model *m = NULL;
    struct hugi_err err;
    assert_int_equal(hugi_complaint_model_parse(&m, t, txt, strlen(txt), "c.tsv", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_model_size(m), 1);
    /* written back with its marker, so it reads back to the same model */
    size_t len;
    char *back = model_text(m, t, &len);
    assert_non_null(strstr(back, "\ncritical\tadd\ncat\tsafety\t-2.0000\t0.0000\t-\n"));
    free(back);
    hugi_complaint_tax_set_model(t, m);
    struct hugi_complaint_match mm;
    hugi_complaint_match_init(&mm);
    /* a complaint context (the app cue) in a negative text: added, learned, evidence names the
     * feature */
    assert_true(hugi_complaint_tax_gated(t));
    const char *s = "앱 켜니까 연기 나요";
    assert_int_equal(hugi_complaint_categorize_gated(t, s, strlen(s), NULL, true, &mm, &err),
                     HUGI_OK);
    assert_int_equal(mm.cats, bit(t, "safety"));
    assert_int_equal(mm.learned, bit(t, "safety"));
    struct hugi_buf j;
    hugi_buf_init(&j, 0);
    assert_int_equal(hugi_complaint_evidence_json(t, &mm, s, strlen(s), &j), HUGI_OK);
    assert_non_null(strstr(j.data, "\"learned\":[\"연기\"]"));
    assert_non_null(strstr(j.data, "\"text\":\"연기\""));
    hugi_buf_release(&j);
    /* the gate closed (a text not negative, or of unknown sentiment): never added */
    s = "앱 켜니까 연기 나요";
    assert_int_equal(hugi_complaint_categorize_gated(t, s, strlen(s), NULL, false, &mm, &err),
                     HUGI_OK);
    assert_int_equal(mm.cats, 0);
    assert_int_equal(mm.learned, 0);
    assert_int_equal(hugi_complaint_categorize(t, s, strlen(s), &mm, &err), HUGI_OK);
    assert_int_equal(mm.cats, 0);
    /* no cue and no category: no context, nothing added however high the score */
    s = "연기 좋아요";
    assert_int_equal(hugi_complaint_categorize_gated(t, s, strlen(s), NULL, true, &mm, &err),
                     HUGI_OK);
    assert_int_equal(mm.cats, 0);
    assert_int_equal(mm.learned, 0);
    /* a pattern hit scoring under the file's veto stays: a critical model never removes */
    s = "충전기 화재";
    assert_int_equal(hugi_complaint_categorize_gated(t, s, strlen(s), NULL, true, &mm, &err),
                     HUGI_OK);
    assert_int_equal(mm.cats, bit(t, "safety"));
    assert_int_equal(mm.learned, 0);
    assert_int_equal(mm.vetoed, 0);
    /* patterns do not depend on the gate: a critical pattern fires closed or open */
    assert_int_equal(hugi_complaint_categorize_gated(t, s, strlen(s), NULL, false, &mm, &err),
                     HUGI_OK);
    assert_int_equal(mm.cats, bit(t, "safety"));
    /* a normal category's pattern hit beside it is untouched, gate open or closed */
    s = "앱 오류";
    assert_int_equal(hugi_complaint_categorize_gated(t, s, strlen(s), NULL, true, &mm, &err),
                     HUGI_OK);
    assert_int_equal(mm.cats, bit(t, "app_crash"));
    assert_int_equal(hugi_complaint_categorize_gated(t, s, strlen(s), NULL, false, &mm, &err),
                     HUGI_OK);
    assert_int_equal(mm.cats, bit(t, "app_crash"));
    /* a critical pattern already fired: the model adds no second critical category (here the
     * only one it holds is the one found, so the text keeps exactly the pattern's) */
    s = "앱에서 연기 나고 화재";
    assert_int_equal(hugi_complaint_categorize_gated(t, s, strlen(s), NULL, true, &mm, &err),
                     HUGI_OK);
    assert_int_equal(mm.cats & bit(t, "safety"), bit(t, "safety"));
    assert_int_equal(mm.learned, 0);
    hugi_complaint_match_release(&mm);
    hugi_complaint_tax_free(t);
}

/* learn --critical: the critical categories only, no veto; the file carries the marker. */
static void test_learn_critical(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = small_tax();
    struct hugi_complaint_learn_opts o;
    hugi_complaint_learn_opts_init(&o);
    o.critical = true;
    o.veto = true; /* asked for, never given to a critical category */
    o.min_precision = 0.9;
    struct hugi_complaint_learner *l = hugi_complaint_learner_new(t, &o);
    assert_non_null(l);
    add_corpus(l, t);
    struct hugi_err err;
    /* fires in the formal register and in English: the endings and function words are in
     * safety rows only, so a learner that kept them would weigh them */
    static const char *const formal[] = {"충전기에서 화재가 났습니다", "어제 화재가 났습니다",
                                         "the charger is on fire", "this is a fire to the room"};
    for (int i = 0; i < 16; i++) {
        const char *f = formal[i % 4];
        assert_int_equal(hugi_complaint_learner_add(l, f, strlen(f), bit(t, "safety"), i % 5, &err),
                         HUGI_OK);
    }
    struct hugi_complaint_model *m = NULL;
    assert_int_equal(hugi_complaint_learner_train(l, NULL, &m, &err), HUGI_OK);
    hugi_complaint_learner_free(l);
    size_t len;
    char *text = model_text(m, t, &len);
    assert_non_null(strstr(text, "\ncritical\tadd\n"));
    assert_non_null(strstr(text, "\ncat\tsafety\t"));
    assert_null(strstr(text, "app_crash"));
    assert_null(strstr(text, "delivery"));
    double w = weight_of(text, "safety", "화재");
    assert_false(isnan(w));
    assert_true(w > 0);
    /* register-only features are not learned by the critical learner (session seven, critgate): no
     * ending or function word of the formal rows gets a weight; their topic words do */
    assert_false(isnan(weight_of(text, "safety", "났습")));
    assert_false(isnan(weight_of(text, "safety", "charger")));
    static const char *const reg[] = {"습니다", "습니", "니다", "the", "is", "to the", "this is"};
    for (size_t i = 0; i < sizeof reg / sizeof reg[0]; i++)
        assert_true(isnan(weight_of(text, "safety", reg[i])));
    /* no veto threshold, an add threshold */
    const char *line = strstr(text, "\ncat\tsafety\t") + 1;
    const char *nl = strchr(line, '\n');
    assert_true(nl - line > 2 && memcmp(nl - 2, "\t-", 2) == 0);
    assert_true(nl[-3] != '\t'); /* the add threshold is a number, not "-" */
    /* the same file without the marker: safety ignored (a model of the other categories never
     * touches the critical ones) */
    const char *cat = strstr(text, "\ncat\t") + 1;
    struct hugi_complaint_model *m2 = NULL;
    assert_int_equal(hugi_complaint_model_parse(&m2, t, cat, strlen(cat), "n.tsv", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_model_size(m2), 0);
    hugi_complaint_model_free(m2);
    free(text);
    hugi_complaint_model_free(m);
    hugi_complaint_tax_free(t);
}

/* The generated critical model (off by default: outside the lexicon folder) loads, holds only
 * critical categories, adds one the patterns miss in a complaint and leaves praise alone. */
static void test_shipped_critical_model(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = NULL;
    struct hugi_err err;
    assert_int_equal(hugi_complaint_tax_load(&t, HUGI_SOURCE_DIR "/lexicons/complaints", &err),
                     HUGI_OK);
    struct hugi_complaint_model *m = NULL;
    assert_int_equal(hugi_complaint_model_load(
                         &m, t, HUGI_SOURCE_DIR "/lexicons/complaints-learned-critical.tsv", &err),
                     HUGI_OK);
    assert_true(hugi_complaint_model_size(m) > 1000);
    hugi_complaint_tax_set_model(t, m);
    struct hugi_complaint_match mm;
    hugi_complaint_match_init(&mm);
    static const char *const crit[] = {"드라이기에서 불이 났어요", "소비자원에 신고하겠습니다",
                                       "개인정보가 유출됐어요", "the charger caught fire"};
    for (size_t i = 0; i < sizeof crit / sizeof crit[0]; i++) {
        assert_int_equal(hugi_complaint_categorize(t, crit[i], strlen(crit[i]), &mm, &err),
                         HUGI_OK);
        assert_true(mm.cats & hugi_complaint_tax_critical_mask(t));
        /* only critical categories are ever learned by it */
        assert_int_equal(mm.learned & ~hugi_complaint_tax_critical_mask(t), 0);
    }
    const char *s = "배송 빨라요 포장도 꼼꼼해요";
    assert_int_equal(hugi_complaint_categorize(t, s, strlen(s), &mm, &err), HUGI_OK);
    assert_int_equal(mm.cats, 0);
    hugi_complaint_match_release(&mm);
    hugi_complaint_tax_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_predictive_feature_learned),
        cmocka_unit_test(test_model_adds_in_context),
        cmocka_unit_test(test_deterministic_and_round_trip),
        cmocka_unit_test(test_round_trip_of_rounded_weights),
        cmocka_unit_test(test_thresholds_and_veto),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_shipped_model),
        cmocka_unit_test(test_critical_model_adds_only),
        cmocka_unit_test(test_learn_critical),
        cmocka_unit_test(test_shipped_critical_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
