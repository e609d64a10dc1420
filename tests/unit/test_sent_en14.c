/* SPDX-License-Identifier: MIT
 * Session thirteen's English mechanisms (en14; bench/README.md "Session thirteen: English
 * (en14)"): reviews of services and products whose verdict is told as outcomes. One test per
 * mechanism on the hand-written rule lexicons only (a learned lexicon cannot hide a broken
 * rule), and the two scoring paths agreeing on every text here with the shipped lexicons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "hugi/sent.h"

#include "sent_models.h"

/* What the whole-text evidence "service terms" added to the text's raw score with the rule
 * lexicons: the sum of its items, 0 when there is none. */
static double terms(const char *text)
{
    return whole_weight(text, "service terms");
}

/* sent.c fact_add: a statement before the text's contrast weighs as its clause does (main
 * counted it in full, +3.2, wherever it stood) */
static void test_fact_contrast(void **state)
{
    (void)state;
    double before = terms("Finished two weeks early but the tiles are already cracking.");
    double alone = terms("Finished two weeks early.");
    double after = terms("The tiles looked rough but it was finished two weeks early.");
    assert_true(alone > 0);
    assert_true(before > 0 && before < alone);
    assert_true(after > alone);
}

/* facts.c hearsay(), clause_negated(): a term the business claimed is no finding; "hardly"
 * denies it (main: +3.2 each) */
static void test_hearsay(void **state)
{
    (void)state;
    assert_true(terms("It came in under budget.") > 0);
    assert_true(terms("They claimed it was under budget") == 0);
    assert_true(terms("It was supposedly as quoted") == 0);
    assert_true(terms("Allegedly on schedule") == 0);
    assert_true(terms("Hardly as quoted.") < 0);
    assert_true(terms("Barely on schedule") < 0);
}

/* sent.c holds_praise(): a trouble-gone statement over a word of praise is a good thing
 * denied (main: +3.2) */
static void test_denied_praise(void **state)
{
    (void)state;
    assert_true(terms("We haven't had hot water since.") < 0);
    assert_true(terms("Haven't had a good night's sleep since.") < 0);
    assert_true(terms("No more good coffee.") < 0);
    assert_true(terms("We haven't had a leak since.") > 0);
    assert_true(terms("No more drips.") > 0);
    /* not a trouble statement: the charge denial keeps its sign */
    assert_true(terms("He didn't charge for the nice extras") > 0);
}

/* facts.c since_step: the job told after "since" (main read only a clause ending there) */
static void test_since_job(void **state)
{
    (void)state;
    assert_true(terms("Haven't had a single damp patch since they redid the gutters.") > 0);
    assert_true(terms("We haven't seen a mouse since the second visit") > 0);
    assert_true(terms("We haven't heard from them since they took the deposit") == 0);
    assert_true(terms("Haven't seen the engineer since he took the money") == 0);
}

/* facts.c symptom(), terms_add_ended; sent.c rule_weight: a trouble ended is praise and its
 * complaint words are the statement's */
static void test_trouble_ended(void **state)
{
    (void)state;
    assert_true(terms("My husband has stopped snoring since we swapped pillows") > 0);
    assert_true(terms("The rattle stopped.") > 0);
    assert_true(rs("The rattle stopped.") > 0);
    assert_true(terms("It stopped working after a week") == 0);
    assert_true(terms("It stopped charging") == 0);
    assert_true(terms("It still hasn't stopped leaking") < 0);
    assert_true(rs("It still hasn't stopped leaking") < 0);
}

/* facts.c not_needed(): a remedy not needed, told of the past */
static void test_not_needed(void **state)
{
    (void)state;
    const char *t = "Had it serviced there three times and never had to go back for the same "
                    "fault.";
    assert_true(terms(t) > 0);
    assert_true(rs(t) > 0);
    assert_true(terms("We didn't have to wait at all") > 0);
    assert_true(terms("Haven't needed to call them since") > 0);
    assert_true(terms("You don't have to recharge it as often") == 0);
    assert_true(terms("I have never had to deal with such rude staff before") == 0);
    assert_true(terms("Never had to go back until this year") == 0);
    assert_true(terms("We had to go back twice") == 0);
}

/* facts.c lasting(); sent.c prepare: a thing lasting in use, not under a negator, not a wait,
 * not in a sentence with a complaint word */
static void test_lasting(void **state)
{
    (void)state;
    assert_true(terms("Two years on and it still holds a charge.") > 0);
    assert_true(terms("The soles still look new after a winter.") > 0);
    assert_true(terms("I've used the same razor for two years.") > 0);
    assert_true(terms("We have stayed here every August since 2019.") > 0);
    assert_true(terms("Had it for a year and it broke.") == 0);
    assert_true(terms("It's been a month and I still can't get used to it.") == 0);
    assert_true(terms("Our deposit is still being held three months after we moved out.") == 0);
    assert_true(terms("Three months and they still haven't processed my claim.") == 0);
    assert_true(terms("I bought it two years ago.") == 0);
}

/* facts.c rate_noun(): a rate is a price where a determiner or a money word is before it */
static void test_rate(void **state)
{
    (void)state;
    assert_true(whole_weight("The broker found us a rate a full point lower than our bank.",
                             "price direction") > 0);
    assert_true(whole_weight("Our interest rate went up again.", "price direction") < 0);
    assert_true(whole_weight("The frame rate dropped.", "price direction") == 0);
    assert_true(whole_weight("I'd rate it higher if it worked.", "price direction") == 0);
}

static void test_paths_agree(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Finished two weeks early but the tiles are already cracking.",
        "They claimed it was under budget, then sent a bill for double.",
        "Hardly as quoted.",
        "We haven't had hot water since the boiler was fitted.",
        "Haven't had a single damp patch since they redid the gutters.",
        "My husband has stopped snoring since we swapped to this pillow.",
        "The rattle stopped, but the engine light is still on.",
        "Had it serviced there three times and never had to go back for the same fault.",
        "It still hasn't stopped leaking and they never had to pay for anything.",
        "Two years on and it still holds a charge.",
        "The broker found us a rate a full point lower, but the fees went up.",
        "Had it for a year and it broke. We've used the same cleaner for six years though.",
    };
    paths_agree(texts, sizeof(texts) / sizeof(texts[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fact_contrast), cmocka_unit_test(test_hearsay),
        cmocka_unit_test(test_denied_praise), cmocka_unit_test(test_since_job),
        cmocka_unit_test(test_trouble_ended), cmocka_unit_test(test_not_needed),
        cmocka_unit_test(test_lasting),       cmocka_unit_test(test_rate),
        cmocka_unit_test(test_paths_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
