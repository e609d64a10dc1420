/* SPDX-License-Identifier: MIT
 * Session eleven's English negation over learned function words (en12; bench/README.md "Session
 * eleven: English (en12)"), on the shipped lexicons (the mechanism is about learned entries),
 * and the two scoring paths agreeing on every text here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "hugi/sent.h"

#include "sent_models.h"

/* The evidence of the span (its first occurrence in text) with the shipped model: its rules, 0
 * when it is not counted. */
static uint32_t learned_rules(const char *text, const char *span)
{
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    score_with(full_model, text, &r);
    uint32_t rules = 0;
    const char *at = strstr(text, span);
    assert_non_null(at);
    for (size_t i = 0; i < r.nev; i++) {
        const struct hugi_sent_evidence *e = &r.ev[i];
        if (e->start == (size_t)(at - text) && e->end - e->start == strlen(span) &&
            (e->rules & HUGI_SENT_R_LEARNED))
            rules |= e->rules;
    }
    hugi_sent_result_release(&r);
    return rules;
}

/* A negator does not turn a learned function word ("had a", "we" learned without a negated
 * twin): left out there; where not negated it counts as learned. A content word is still turned
 * (its negated twin, or its flip), and a function word's negated twin still counts. */
static void test_function_words_not_turned(void **state)
{
    (void)state;
    assert_int_equal(learned_rules("They never had a spare part in stock.", "had a"), 0);
    assert_int_equal(learned_rules("I would not trust him with anything.", "him"), 0);
    assert_true(learned_rules("They had a spare part in stock.", "had a") != 0);
    assert_false(learned_rules("They had a spare part in stock.", "had a") & HUGI_SENT_R_NEGATED);
    assert_true(learned_rules("wouldnt change a thing about this place", "thing") &
                HUGI_SENT_R_NEGATED);
    assert_true(learned_rules("I would not recommend this hotel", "recommend this") &
                HUGI_SENT_R_NEGATED);
    assert_true(learned_rules("The doctor didn't rush me at all.", "me") & HUGI_SENT_R_NEGATED);
}

static void test_paths_agree(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "They never had a spare part in stock and we were not told why.",
        "I would not trust him with anything, and it is not as if there was a sign.",
        "The nurse explained everything and the doctor didn't rush me at all.",
        "wouldnt change a thing about this place",
        "Couldn't fault them, not a single thing to complain about at all.",
        "It doesn't live up to the original in any way, and I won't be back.",
        "I would not recommend this to any of my friends, not at all.",
        "No one at the desk knew where our booking had gone.",
    };
    paths_agree(texts, sizeof(texts) / sizeof(texts[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_function_words_not_turned),
        cmocka_unit_test(test_paths_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
