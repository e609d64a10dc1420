/* SPDX-License-Identifier: MIT
 * Regression tests for the defects review12 found in session ten's English rules (sent.c en10)
 * and extraction round sixteen (extract_json.c): each case failed before its fix (the commit naming
 * the defect says which). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hugi/core.h"
#include "hugi/extract.h"
#include "hugi/sent.h"

/* Scores text with m; returns the CPU seconds it took and the score in *score. */
static double timed_score(const struct hugi_sent *m, const char *text, size_t len, double *score)
{
    struct hugi_err err;
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    clock_t t0 = clock();
    assert_int_equal(hugi_sent_score(m, text, len, &r, &err), HUGI_OK);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    *score = r.score;
    hugi_sent_result_release(&r);
    return secs;
}

/* Scores `unit` repeated n times with the lexicon lex; returns the CPU seconds it took and the
 * score in *score. */
static double score_repeated(const char *lex, const char *unit, int n, double *score)
{
    struct hugi_sent *m = hugi_sent_new();
    struct hugi_err err;
    assert_non_null(m);
    assert_int_equal(hugi_sent_load_mem(m, lex, strlen(lex), "t", &err), HUGI_OK);
    assert_int_equal(hugi_sent_build(m, &err), HUGI_OK);
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    for (int i = 0; i < n; i++)
        assert_int_equal(hugi_buf_addstr(&b, unit), HUGI_OK);
    double secs = timed_score(m, b.data, b.len, score);
    hugi_buf_release(&b);
    hugi_sent_free(m);
    return secs;
}

static double score_one(const char *lex, const char *text)
{
    double s;
    score_repeated(lex, text, 1, &s);
    return s;
}

static const char lex[] = "great\t1.0\trule\nawful\t-1.0\trule\nlove\t1.0\trule\n";

/* "If you like great pizza, ..." (taste_condition): each praise word after a taste verb asked
 * redirected() whether the text held a complaint word or a negator outside the clause by reading
 * every rule word and then every word of the whole text: the text's length squared. */
static void test_taste_condition_linear(void **state)
{
    (void)state;
    double score;
    double secs = score_repeated(lex, "if you like great pizza, come here. ", 30000, &score);
    assert_true(score > 0);
    /* the rule itself still holds: a yardstick with a complaint elsewhere does not count */
    assert_true(score_one(lex, "if you like great pizza, it is awful here") < 0);
    assert_true(secs < 10.0);
}

/* "Looks great" (surface praise, complaint_beside): each asked whether any complaint word was in
 * the text by reading all the text's rule words: the count of them squared. */
static void test_surface_praise_linear(void **state)
{
    (void)state;
    double score;
    double secs = score_repeated(lex, "it looks great. ", 60000, &score);
    assert_true(score > 0);
    assert_true(secs < 10.0);
}

/* A run of rule words joined by hyphens ("great-great-…-great used to be …") is one word to the
 * en10 rules' walks to the word before or after a match, so every match inside it walked the
 * whole run: 36 s for 80,000 (release). The walks now stop at EN10_WORD_MAX bytes (integrator,
 * after review12 measured it). With the shipped lexicons, which hold the words the rules ask. */
static void test_joined_words_linear(void **state)
{
    (void)state;
    struct hugi_sent *m = hugi_sent_new();
    struct hugi_err err;
    assert_non_null(m);
    if (hugi_sent_load_defaults(m, HUGI_SOURCE_DIR, &err) != HUGI_OK)
        fail_msg("%s (%s)", err.msg, err.where);
    assert_int_equal(hugi_sent_build(m, &err), HUGI_OK);
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    assert_int_equal(hugi_buf_addstr(&b, "the best of "), HUGI_OK);
    for (int i = 0; i < 40000; i++)
        assert_int_equal(hugi_buf_addstr(&b, "great-"), HUGI_OK);
    assert_int_equal(hugi_buf_addstr(&b, "great used to be for a day claims to"), HUGI_OK);
    double score;
    double secs = timed_score(m, b.data, b.len, &score);
    assert_true(score > 0);
    hugi_buf_release(&b);
    hugi_sent_free(m);
    assert_true(secs < 10.0);
}

/* "Love how great it is" (sarcastic_love): for each of six words after "love how", every rule
 * word of the text was read for one starting there: the count of them squared. */
static void test_sarcastic_love_linear(void **state)
{
    (void)state;
    double score;
    double secs = score_repeated(lex, "i love how it is great. ", 40000, &score);
    assert_true(score > 0);
    assert_true(secs < 10.0);
}

struct authors {
    size_t n;
    char last_author[64];
};

static hugi_rc keep_author(const struct hugi_review *r, void *ctx)
{
    struct authors *a = ctx;
    a->n++;
    snprintf(a->last_author, sizeof a->last_author, "%s", r->author ? r->author : "");
    return HUGI_OK;
}

/* Items naming their people by two ids in turn (`buyerId`, `writerId`: extract_json.c
 * referenced_author): the one table looked up was kept for one word at a time, so each item
 * searched the whole document for `buyers`, then again for `writers` (and re-indexed a table
 * found): 12000 reviews kept by id cost minutes under ASan. The table is kept per word now;
 * the last review's writer is still found. */
static void test_referenced_tables_linear(void **state)
{
    (void)state;
    enum { N = 12000 };
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    assert_int_equal(hugi_buf_addstr(&b, "{\"reviews\":{"), HUGI_OK);
    for (int i = 1; i <= N; i++)
        assert_int_equal(hugi_buf_addf(&b,
                                       "%s\"r%d\":{\"body\":\"good pan number %d works\","
                                       "\"stars\":5,\"buyerId\":\"b%d\",\"writerId\":\"w%d\"}",
                                       i > 1 ? "," : "", i, i, i, i),
                         HUGI_OK);
    assert_int_equal(hugi_buf_addf(&b, "},\"writers\":{\"w%d\":{\"name\":\"Kim Minji\"}}}", N),
                     HUGI_OK);
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.name = "t";
    struct authors a;
    memset(&a, 0, sizeof a);
    struct hugi_err err;
    struct hugi_extract_result res;
    clock_t t0 = clock();
    hugi_rc rc = hugi_extract(b.data, b.len, &o, keep_author, &a, &res, &err);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    hugi_extract_result_release(&res);
    hugi_buf_release(&b);
    assert_int_equal(rc, HUGI_OK);
    assert_int_equal(a.n, N);
    assert_string_equal(a.last_author, "Kim Minji");
    assert_true(secs < 20.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_taste_condition_linear),
        cmocka_unit_test(test_surface_praise_linear),
        cmocka_unit_test(test_sarcastic_love_linear),
        cmocka_unit_test(test_joined_words_linear),
        cmocka_unit_test(test_referenced_tables_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
