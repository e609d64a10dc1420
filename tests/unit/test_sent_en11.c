/* SPDX-License-Identifier: MIT
 * Session eleven's English mechanisms (en11; bench/README.md "Session eleven: English (en11)"),
 * one test per mechanism, on the hand-written rule lexicons only (a learned lexicon cannot hide
 * a broken rule), and the two scoring paths (with and without evidence) agreeing on every text
 * here with the shipped lexicons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "hugi/sent.h"

#include "sent_models.h"

/* the weights the rules add (sentiment/src/facts.h) */
#define HUGI_SENT_COST_W 3.2

/* the named whole-text evidence ("time taken") with the rule lexicons (sent_models.h) */
static double whole(const char *text, const char *name)
{
    return whole_weight(text, name);
}

static bool counted(const char *text, const char *span)
{
    return has_rule(text, span, 0);
}

static double timed(const char *text)
{
    return whole(text, "time taken");
}

/* facts.c: how long a thing took, told as a fact */
static void test_time_taken(void **state)
{
    (void)state;
    /* quick: a few minutes after take or in/within; within an hour; the same day after a
     * service verb */
    assert_true(timed("Setup took five minutes.") > 0);
    assert_true(timed("It took a couple of minutes to pair") > 0);
    assert_true(timed("Opened an account in ten minutes from my phone") > 0);
    assert_true(timed("Refund arrived within minutes") > 0);
    assert_true(timed("Got a call back within the hour") > 0);
    assert_true(timed("The engineer came the same afternoon") > 0);
    assert_true(timed("Same day delivery, no fuss") > 0);
    /* slow: a whole day, days or weeks to + a verb of service, a long take */
    assert_true(timed("Setup took me an entire afternoon") < 0);
    assert_true(timed("Ten days to deliver a letter") < 0);
    assert_true(timed("It took three weeks to get a reply") < 0);
    assert_true(timed("It took 40 minutes to get our food") < 0);
    assert_true(timed("Setup took thirty seconds") > 0);
    assert_true(timed("The dashboard takes forty seconds to load") < 0);
    /* a service done within a day or two, or the next day */
    assert_true(timed("Refunded within a day") > 0);
    assert_true(timed("It arrived in two days") > 0);
    assert_true(timed("They replied within 24 hours") > 0);
    assert_true(timed("The engineer came the next morning") > 0);
    assert_false(counted("Refunded within a day", "Refunded"));
    assert_true(timed("It broke within a day") == 0);
    assert_true(timed("Returned it the next day") == 0);
    assert_true(timed("It came in nine days") == 0);
    /* the old trouble: "used to take" */
    assert_true(timed("Invoicing used to take me a whole day, now it's twenty minutes") > 0);
    /* denied, ordinal, or no frame: nothing */
    assert_true(timed("It didn't take five minutes to break") == 0);
    assert_true(timed("The film picks up in the second half") == 0);
    assert_true(timed("Returned it the same day") == 0);
    assert_true(timed("We waited twenty minutes") == 0);
    assert_true(timed("The battery died within a week") == 0);
    /* Korean texts are left alone */
    assert_true(timed("배송 took five minutes 빨라요 좋아요 최고예요 만족합니다") == 0);
    /* and the statement carries the text with no polar word */
    assert_true(rs("Setup took five minutes.") > 0);
    assert_true(rs("Setup took me an entire afternoon.") < 0);
}

/* like_compares: "like a/an" after a word that is not its subject compares */
static void test_like_compares(void **state)
{
    (void)state;
    assert_false(counted("The headphones sound like a tin can", "like"));
    assert_false(counted("It fits like a child's small", "like"));
    assert_false(counted("The hinge creaks like an old floor", "like"));
    assert_true(rs("The headphones sound like a tin can") <= 0);
    /* the verb: a subject, an auxiliary or a contraction before it */
    assert_true(counted("I like a good strong coffee", "like"));
    assert_true(counted("You'd like a place like this", "like"));
    assert_true(counted("The kids really like a bath time story", "like"));
    /* similes of praise keep it */
    assert_true(counted("Slept like a baby", "like"));
    assert_true(counted("Fits like a glove", "like"));
}

/* never_this_degree: never + a verb of seeming + a comparative */
static void test_never_comparative(void **state)
{
    (void)state;
    assert_false(
        has_rule("Our dog's coat has never looked shinier", "shinier", HUGI_SENT_R_NEGATED));
    assert_true(rs("Our dog's coat has never looked shinier") > 0);
    assert_true(rs("I have never slept better") > 0);
    assert_true(rs("My skin has never felt softer") > 0);
    /* never + a verb of seeming with no degree: denied as before */
    assert_true(has_rule("It never looked good", "good", HUGI_SENT_R_NEGATED));
    assert_true(rs("It never looked good") < 0);
    /* "could not be simpler" keeps its reading (the shared comparative) */
    assert_true(rs("Setup could not be simpler") > 0);
}

/* textmatch: "a single" right before the word does not use up the negator's reach */
static void test_a_single(void **state)
{
    (void)state;
    assert_true(has_rule("Haven't had a single issue", "issue", HUGI_SENT_R_NEGATED));
    assert_true(has_rule("havent had a single issue", "issue", HUGI_SENT_R_NEGATED));
    assert_true(has_rule("I didn't find one single flaw", "flaw", HUGI_SENT_R_NEGATED));
    assert_true(rs("Haven't had a single issue") > 0);
    /* no negator: a single bad night is bad */
    assert_false(has_rule("We had a single bad night", "bad", HUGI_SENT_R_NEGATED));
    /* the words after the emphatic one reach as before: three words back from "problem" */
    assert_false(has_rule("Didn't buy a single thing and the problem stayed", "problem",
                          HUGI_SENT_R_NEGATED));
}

/* remedy_word: a remedy denied is no praise */
static void test_remedy_denied(void **state)
{
    (void)state;
    assert_false(has_rule("No refund.", "refund", HUGI_SENT_R_NEGATED));
    assert_true(rs("No refund.") < 0);
    assert_true(rs("They won't refund it.") < 0);
    assert_true(rs("Never got my money back.") < 0);
    /* a complaint that is no remedy is still turned by its negator */
    assert_true(has_rule("No problems at all", "problems", HUGI_SENT_R_NEGATED) ||
                rs("No problems at all") > 0);
    assert_true(has_rule("It never broke", "broke", HUGI_SENT_R_NEGATED));
}

/* take_not_long and facts.c: "didn't take long" */
static void test_take_not_long(void **state)
{
    (void)state;
    assert_true(timed("Installation doesn't take long") > 0);
    assert_true(timed("it didnt take long") > 0);
    assert_true(rs("Installation doesn't take long") > 0);
    /* another verb: "didn't last long" is no quickness */
    assert_true(timed("The battery didn't last long") == 0);
    assert_true(rs("The battery didn't last long") <= 0);
}

/* facts.c: which way a price went */
static void test_price_direction(void **state)
{
    (void)state;
    const char *const down[] = {"My bill dropped by a third", "My electricity bill went down",
                                "They cut my monthly bill in half",
                                "Fees were lower than at my old bank",
                                "Lower fees than anyone else"};
    const char *const up[] = {"The price went up again", "They doubled the price",
                              "Prices have gone up", "Rent went up by 200 a month",
                              "The subscription price increased without notice"};
    for (size_t i = 0; i < sizeof down / sizeof down[0]; i++) {
        if (!(whole(down[i], "price direction") > 0 && rs(down[i]) > 0))
            fail_msg("not read as a price going down: %s", down[i]);
    }
    for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
        if (!(whole(up[i], "price direction") < 0 && rs(up[i]) < 0))
            fail_msg("not read as a price going up: %s", up[i]);
    }
    /* one statement for two cost nouns before one direction */
    double one = whole("The subscription price increased", "price direction");
    assert_true(one < -0.9 * HUGI_SENT_COST_W && one > -1.1 * HUGI_SENT_COST_W);
    /* the word of direction tells the price, not a fall */
    assert_false(counted("My bill dropped by a third", "dropped"));
    /* no cost noun, a negator between, or cutting costs (quality cut): none */
    assert_true(whole("Lower quality than before", "price direction") == 0);
    assert_true(whole("The price hasn't gone up in years", "price direction") == 0);
    assert_true(whole("They cut costs and it shows", "price direction") == 0);
    assert_true(
        whole("I dropped my phone and the bill for the repair was huge", "price direction") == 0);
}

/* praise_over_complaints: a complaint told as a fact under a praise interjection */
static void test_sarcasm_over_facts(void **state)
{
    (void)state;
    const char *t = "Wow, ten days to deliver a letter. Impressive.";
    assert_true(has_rule(t, "Impressive", HUGI_SENT_R_NEGATED | HUGI_SENT_R_RULE));
    assert_true(rs(t) < 0);
    assert_true(rs("Great, the price went up again.") < 0);
    /* a quick time is no complaint: the praise is meant */
    assert_false(
        has_rule("Setup took five minutes. Impressive.", "Impressive", HUGI_SENT_R_NEGATED));
    assert_true(rs("Setup took five minutes. Impressive.") > 0);
}

static void test_paths_agree(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Setup took five minutes, and support answered within the hour.",
        "Invoicing used to take me a whole day, now it's twenty minutes.",
        "Wow, ten days to deliver a letter-sized envelope. Impressive.",
        "It took 40 minutes to get our food and it was cold.",
        "Lovely packaging, shame the headphones sound like a tin can.",
        "Our dog's coat has never looked shinier, and she slept like a baby.",
        "The dashboard takes forty seconds to load.",
        "Simple app, does one thing and does it well. Haven't had a single issue.",
        "It didn't take long at all, and they never refunded the deposit.",
        "No refund, no reply, and it didn't take long for the hinge to snap.",
        "Switched carriers and my bill dropped by a third, with better signal at home.",
        "Won't be renewing, the price doubled and the features stayed the same.",
        "Wow, ten days to deliver a letter-sized envelope. Impressive.",
        "Great, the price went up again. Took three weeks to get a reply. Amazing.",
    };
    paths_agree(texts, sizeof(texts) / sizeof(texts[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time_taken),        cmocka_unit_test(test_like_compares),
        cmocka_unit_test(test_never_comparative), cmocka_unit_test(test_a_single),
        cmocka_unit_test(test_remedy_denied),     cmocka_unit_test(test_take_not_long),
        cmocka_unit_test(test_price_direction),   cmocka_unit_test(test_sarcasm_over_facts),
        cmocka_unit_test(test_paths_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
