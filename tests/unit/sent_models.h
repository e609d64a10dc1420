/* SPDX-License-Identifier: MIT
 * The two models the scorer's rule tests run against, loaded once per test program: the
 * hand-written rule lexicons alone (a learned lexicon cannot hide a broken rule) and the shipped
 * defaults; and the helpers that score a text and look for a rule in its evidence. Included by
 * test_sent.c and test_sent_en10.c. */
#ifndef HUGI_TEST_SENT_MODELS_H
#define HUGI_TEST_SENT_MODELS_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "hugi/sent.h"

static struct hugi_sent *rules_model;
static struct hugi_sent *full_model;

static inline struct hugi_sent *load(bool full)
{
    struct hugi_sent *m = hugi_sent_new();
    struct hugi_err err;
    assert_non_null(m);
    if (full) {
        if (hugi_sent_load_defaults(m, HUGI_SOURCE_DIR, &err) != HUGI_OK)
            fail_msg("%s (%s)", err.msg, err.where);
    } else {
        static const char *const files[] = {"en-rules.tsv", "en-base.tsv", "ko-rules.tsv",
                                            "ko-seed.tsv", "emoji.tsv"};
        for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
            char path[1024];
            snprintf(path, sizeof(path), "%s/lexicons/%s", HUGI_SOURCE_DIR, files[i]);
            if (hugi_sent_load_file(m, path, &err) != HUGI_OK)
                fail_msg("%s (%s)", err.msg, err.where);
        }
    }
    assert_int_equal(hugi_sent_build(m, &err), HUGI_OK);
    return m;
}

static inline int setup(void **state)
{
    (void)state;
    rules_model = load(false);
    full_model = load(true);
    return 0;
}

static inline int teardown(void **state)
{
    (void)state;
    hugi_sent_free(rules_model);
    hugi_sent_free(full_model);
    return 0;
}

static inline double score_with(const struct hugi_sent *m, const char *text,
                                struct hugi_sent_result *r)
{
    struct hugi_err err;
    assert_int_equal(hugi_sent_score(m, text, strlen(text), r, &err), HUGI_OK);
    return r->score;
}

static inline double rs(const char *text)
{
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    double s = score_with(rules_model, text, &r);
    hugi_sent_result_release(&r);
    return s;
}

/* What the whole-text evidence `name` ("service terms", "price direction", ...) added to the
 * text's raw score with the rule lexicons: the sum of its items, 0 when there is none. */
static inline double whole_weight(const char *text, const char *name)
{
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    score_with(rules_model, text, &r);
    double w = 0;
    for (size_t i = 0; i < r.nev; i++)
        if (r.ev[i].entry == UINT32_MAX && !strcmp(r.ev[i].term, name))
            w += r.ev[i].weight;
    hugi_sent_result_release(&r);
    return w;
}

/* Has the evidence item of span (the first occurrence in text) every bit of rule? */
static inline bool has_rule(const char *text, const char *span, uint32_t rule)
{
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    score_with(rules_model, text, &r);
    bool found = false;
    for (size_t i = 0; i < r.nev; i++) {
        const struct hugi_sent_evidence *e = &r.ev[i];
        if (e->end - e->start == strlen(span) && !memcmp(text + e->start, span, strlen(span)) &&
            (e->rules & rule) == rule)
            found = true;
    }
    hugi_sent_result_release(&r);
    return found;
}

/* Do both scoring paths (with the evidence listed, and summed without it) give every text the
 * same score with the shipped lexicons? */
static inline void paths_agree(const char *const *texts, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        struct hugi_sent_result a, b;
        hugi_sent_result_init(&a);
        hugi_sent_result_init(&b);
        b.no_evidence = true;
        double with_ev = score_with(full_model, texts[k], &a);
        double summed = score_with(full_model, texts[k], &b);
        if (with_ev != summed)
            fail_msg("paths differ on '%s': %f vs %f", texts[k], with_ev, summed);
        hugi_sent_result_release(&a);
        hugi_sent_result_release(&b);
    }
}

/* the weight of the stated rating spanning `span` in `text` under the shipped defaults (NAN when
 * none is read there); the listed and summed paths must agree on the score */
static inline double stated_weight(const char *text, const char *span)
{
    struct hugi_sent_result r, q;
    hugi_sent_result_init(&r);
    hugi_sent_result_init(&q);
    q.no_evidence = true;
    double listed = score_with(full_model, text, &r);
    double summed = score_with(full_model, text, &q);
    assert_true(fabs(listed - summed) < 1e-6);
    double w = NAN;
    const char *at = strstr(text, span);
    for (size_t i = 0; at && i < r.nev; i++) {
        const struct hugi_sent_evidence *e = &r.ev[i];
        if (e->term && !strcmp(e->term, "stated rating") && e->start == (uint32_t)(at - text) &&
            e->end == e->start + strlen(span))
            w = e->weight;
    }
    hugi_sent_result_release(&r);
    hugi_sent_result_release(&q);
    return w;
}

#endif
