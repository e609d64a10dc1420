/* SPDX-License-Identifier: MIT
 * Regression tests for the defects review13 found in session eleven's rules (en11: facts.c, the
 * negator reach past "a single", take_not_long, repaired; ko11: the glued degree adverb): each
 * timed case failed before its fix (the commit naming the defect says which). Scored with the
 * shipped lexicons, which hold the words the rules ask. */
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
#include "hugi/sent.h"

static struct hugi_sent *model;

static int setup(void **state)
{
    (void)state;
    struct hugi_err err;
    model = hugi_sent_new();
    if (!model)
        return -1;
    if (hugi_sent_load_defaults(model, HUGI_SOURCE_DIR, &err) != HUGI_OK ||
        hugi_sent_build(model, &err) != HUGI_OK) {
        fprintf(stderr, "%s (%s)\n", err.msg, err.where);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hugi_sent_free(model);
    return 0;
}

/* Scores text[0..len) with the listed path (evidence) or the summed one; the CPU seconds it
 * took, the score in *score. */
static double timed_score(const char *text, size_t len, bool summed, double *score)
{
    struct hugi_err err;
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    r.no_evidence = summed;
    clock_t t0 = clock();
    assert_int_equal(hugi_sent_score(model, text, len, &r, &err), HUGI_OK);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    *score = r.score;
    hugi_sent_result_release(&r);
    return secs;
}

/* pre + unit * n + post, scored once: the CPU seconds */
static double score_repeated(const char *pre, const char *unit, int n, const char *post,
                             double *score)
{
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    assert_int_equal(hugi_buf_addstr(&b, pre), HUGI_OK);
    for (int i = 0; i < n; i++)
        assert_int_equal(hugi_buf_addstr(&b, unit), HUGI_OK);
    assert_int_equal(hugi_buf_addstr(&b, post), HUGI_OK);
    double secs = timed_score(b.data, b.len, false, score);
    hugi_buf_release(&b);
    return secs;
}

static double score_of(const char *text)
{
    double s;
    timed_score(text, strlen(text), false, &s);
    return s;
}

/* "haven't had a single issue" (textmatch.c neg_before, en11): skipping "a single" set the
 * word count back to the first word, so the next "single" was skipped again: "not a single a
 * single ... a single" let every learned "a" walk back to the text's start (1 MB: minutes). */
static void test_a_single_chain_linear(void **state)
{
    (void)state;
    double score;
    double secs = score_repeated("not ", "a single ", 40000, "issue", &score);
    assert_true(secs < 10.0);
    /* the rule itself holds */
    assert_true(score_of("Simple app. Haven't had a single issue.") > 0);
}

/* "didn't take long" (take_not_long, en11) made a text with "long", "worked", "looked" or
 * "slept" alone look for exclaiming negators (negation_exclaims), whose walk over the next
 * twelve words read a run of words joined by hyphens in full for every negator inside it. */
static void test_take_not_long_joined_linear(void **state)
{
    (void)state;
    double score;
    assert_true(score_repeated("", "didnt-take-long-", 40000, "", &score) < 10.0);
}

/* repaired() (en9, its reach widened in en11) and lesser_comparison() walked back over a whole
 * run of words joined by hyphens for each complaint word (or "better") inside it ("never looked
 * better", en11's never_this_degree, asks both this and negation_exclaims). */
static void test_walk_back_joined_linear(void **state)
{
    (void)state;
    double score;
    assert_true(score_repeated("", "awful-", 60000, "", &score) < 10.0);
    assert_true(score < 0);
    assert_true(score_repeated("", "no-refund-", 40000, "", &score) < 10.0);
    assert_true(score_repeated("", "better-", 60000, "", &score) < 10.0);
    assert_true(score_repeated("", "never-looked-better-", 30000, "", &score) < 10.0);
    /* the rules hold */
    assert_true(score_of("Support sorted out my billing mess the same day.") > 0);
    assert_true(score_of("I've never had better pizza.") > 0);
}

/* A Korean text with its spacing left out (ko11's glued degree adverb, and the older negator
 * looks around a term): the looks at the rest of the word (neg_after) and the word before
 * (neg_before) read the whole spaceless run for each term inside it. */
static void test_spaceless_korean_linear(void **state)
{
    (void)state;
    double score;
    assert_true(score_repeated("", "트러블하나도없어요", 20000, "", &score) < 10.0);
    assert_true(score_repeated("", "자극이전혀없어요", 20000, "", &score) < 10.0);
    assert_true(score_of("트러블하나도없어요") > 0);
}

/* never_this_degree (en10, widened in en11 to "worked", "slept" and any comparative) took
 * "after" for a comparative by its -ter: "it never worked after the update" read as "never
 * worked better", a record, so the negator was dropped and "worked" counted as praise. */
static void test_never_worked_after(void **state)
{
    (void)state;
    assert_true(score_of("It never worked after the update.") < 0);
    assert_true(score_of("The kids were never looked after properly.") < 0);
    /* the rule holds */
    assert_true(score_of("Our dog's coat has never looked shinier.") > 0);
    assert_true(score_of("I've never slept better.") > 0);
}

/* The summed path (--format score) and the listed one (evidence) give the same score on each
 * rule of the session the en11 tests lack a case of. */
static void test_paths_agree(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Support sorted out my billing mess and cleared up all the dry patches.",
        "Not a single complaint, not one single issue.",
        "My bill dropped, the fees were lower, and they cut my monthly bill in half.",
        "They refunded within a day, no refund needed after that.",
        "The chair creaks like an old floor. I like a good steak.",
        "트러블하나도없어요 자극이전혀없어요 소음이 거의않나요",
        "took 99999999999999999999 minutes, within 4294967296 hours",
    };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        double listed, summed;
        timed_score(texts[k], strlen(texts[k]), false, &listed);
        timed_score(texts[k], strlen(texts[k]), true, &summed);
        if (listed != summed)
            fail_msg("paths differ on '%s': %f vs %f", texts[k], listed, summed);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_single_chain_linear),
        cmocka_unit_test(test_take_not_long_joined_linear),
        cmocka_unit_test(test_walk_back_joined_linear),
        cmocka_unit_test(test_spaceless_korean_linear),
        cmocka_unit_test(test_never_worked_after),
        cmocka_unit_test(test_paths_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
