/* SPDX-License-Identifier: MIT
 * Session ten's English rules (en10; bench/README.md "Session ten: English (en10)"), one test
 * per rule, on the hand-written rule lexicons only (a learned lexicon cannot hide a broken rule),
 * and the two scoring paths (with and without evidence) agreeing on every text here with the
 * shipped lexicons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "hugi/sent.h"

#include "sent_models.h"

/* Does the evidence hold span at all (the first occurrence in text)? */
static bool counted(const char *text, const char *span)
{
    return has_rule(text, span, 0);
}

/* complaint_free / free_of_praise: "hassle free", "charisma-free" */
static void test_word_free(void **state)
{
    (void)state;
    assert_true(has_rule("Hassle free rental", "Hassle", HUGI_SENT_R_NEGATED));
    assert_true(rs("Hassle free rental, quick pickup") > 0);
    assert_true(has_rule("A stress-free stay", "stress", HUGI_SENT_R_NEGATED));
    /* with a space, only nouns of trouble: "worst free app" is no absence */
    assert_false(has_rule("The worst free app ever", "worst", HUGI_SENT_R_NEGATED));
    assert_true(rs("The worst free app ever") < 0);
    /* a praise word before "-free" is absent, and that "free" praises nothing */
    assert_true(has_rule("The lead man is charisma-free", "charisma", HUGI_SENT_R_NEGATED));
    assert_false(counted("The lead man is charisma-free", "free"));
    assert_true(rs("The lead man is charisma-free") < 0);
    /* "freedom", "freebie" are other words */
    assert_false(has_rule("hassle freedom", "hassle", HUGI_SENT_R_NEGATED));
}

/* resolved_after: "allergies cleared up", "the pain went away" */
static void test_resolved_after(void **state)
{
    (void)state;
    assert_true(has_rule("My dog's allergies cleared up", "allergies", HUGI_SENT_R_NEGATED));
    assert_true(rs("My dog's allergies cleared up in two weeks") > 0);
    assert_true(rs("The pain went away after a week") > 0);
    assert_true(rs("The smell has completely disappeared") > 0);
    assert_true(rs("The rash is gone") > 0);
    /* a negator on the way leaves the complaint */
    assert_false(has_rule("The pain never went away", "pain", HUGI_SENT_R_NEGATED));
    assert_true(rs("The pain never went away") < 0);
    assert_true(rs("The smell hasn't disappeared") < 0);
    /* "gone" only as an end: "gone bad" is none */
    assert_false(has_rule("The awful sauce has gone bad", "awful", HUGI_SENT_R_NEGATED));
}

/* praise_over_complaints: a praise interjection over nothing but complaints */
static void test_praise_over_complaints(void **state)
{
    (void)state;
    const char *t = "Great, the app logged me out again and deleted my draft. Thanks a lot.";
    assert_true(has_rule(t, "Great", HUGI_SENT_R_NEGATED | HUGI_SENT_R_RULE));
    assert_true(has_rule(t, "Thanks", HUGI_SENT_R_NEGATED | HUGI_SENT_R_RULE));
    assert_true(rs(t) < 0);
    assert_true(rs("Brilliant. It crashed again.") < 0);
    /* praise beside the interjection: meant */
    assert_true(rs("Great, the room was spotless and the staff were lovely") > 0);
    assert_false(has_rule("Great, the room was spotless but the wifi was awful", "Great",
                          HUGI_SENT_R_NEGATED));
    /* a complaint a negator turns is none */
    assert_true(rs("Great, it doesn't crash anymore.") > 0);
    /* "Great, but ...": a verdict, not an interjection */
    assert_false(has_rule("Great, but the battery is awful", "Great", HUGI_SENT_R_NEGATED));
    /* nothing to be sarcastic about */
    assert_true(rs("Thanks a lot.") > 0);
    assert_true(rs("Arrived on time. Thanks a lot.") > 0);
}

/* never_this_degree: "never looked this clear" */
static void test_never_this_degree(void **state)
{
    (void)state;
    assert_false(has_rule("My skin has never looked this clear", "clear", HUGI_SENT_R_NEGATED));
    assert_true(rs("My skin has never looked this clear") > 0);
    assert_true(rs("I have never felt this relaxed") > 0);
    assert_true(rs("I have never felt this disappointed") < 0);
    /* a determiner "this" after another verb: the negator denies */
    assert_true(has_rule("I have never had this problem", "problem", HUGI_SENT_R_NEGATED));
    assert_true(rs("I have never had this problem") > 0);
}

/* textmatch: a negator before make/makes/made reaches the clause the causative opens */
static void test_causative_reach(void **state)
{
    (void)state;
    const char *t = "The instructor never makes you feel stupid for asking";
    assert_true(has_rule(t, "stupid", HUGI_SENT_R_NEGATED));
    assert_true(rs(t) > 0);
    assert_true(has_rule("It doesn't make you look cool", "cool", HUGI_SENT_R_NEGATED));
}

/* praise_expired: "fun for about an hour, then ..." */
static void test_praise_expired(void **state)
{
    (void)state;
    const char *t = "The game is fun for about an hour, then it gets repetitive";
    assert_true(has_rule(t, "fun", HUGI_SENT_R_NEGATED | HUGI_SENT_R_RULE));
    assert_true(rs(t) < 0);
    assert_true(rs("Worked great for two weeks until the update") < 0);
    assert_true(rs("Comfortable for a day, then the straps dig in") < 0);
    /* a span that praises, or one the text does not leave */
    assert_false(has_rule("Fun for hours, then more fun", "Fun", HUGI_SENT_R_NEGATED));
    assert_false(has_rule("Great for a day trip", "Great", HUGI_SENT_R_NEGATED));
    assert_false(has_rule("Great for two weeks of camping", "Great", HUGI_SENT_R_NEGATED));
}

/* taste_condition / redirected: "if you want X" */
static void test_taste_condition(void **state)
{
    (void)state;
    /* a yardstick where the text sends the reader elsewhere */
    assert_false(counted("If you want great pizza, go elsewhere, this isn't it", "great"));
    assert_false(counted("If you are looking for a good headset, keep looking", "good"));
    /* where it recommends, the taste's praise stays */
    assert_true(counted("If you want great pizza, try this place", "great"));
    assert_true(rs("If you want great pizza, try this place") > 0);
    /* sarcasm: an ordeal or being + a complaint after the taste verb */
    const char *t = "If you enjoy waiting on hold for an hour, this is the company for you";
    assert_true(has_rule(t, "enjoy", HUGI_SENT_R_NEGATED));
    assert_true(rs(t) < 0);
    assert_true(rs("If you like being ignored by rude staff, come here") < 0);
    /* a complaint word alone names a genre */
    assert_false(
        has_rule("If you love death and decay, this is the one", "love", HUGI_SENT_R_NEGATED));
    assert_true(rs("If you like horror, you'll love this") > 0);
}

/* cannot_be_more: "couldn't be more pleased" */
static void test_cannot_be_more(void **state)
{
    (void)state;
    assert_false(has_rule("I couldn't be more pleased", "pleased", HUGI_SENT_R_NEGATED));
    assert_true(rs("I couldn't be more pleased") > 0);
    assert_true(rs("Could not be more disappointed") < 0);
    assert_true(rs("Couldn't have been happier with the result") > 0);
    assert_true(rs("I couldn't be more wrong about this place") < 0);
    /* other verbs after "be": the negator denies */
    assert_true(has_rule("It can't be trusted", "trusted", HUGI_SENT_R_NEGATED));
    assert_true(has_rule("It could not be good", "good", HUGI_SENT_R_NEGATED));
}

/* star_in_run: a run of star glyphs is a stated rating, not stars of praise */
static void test_star_run(void **state)
{
    (void)state;
    assert_true(rs("\xE2\xAD\x90\xE2\xAD\x90") < 0);
    assert_true(rs("\xE2\xAD\x90\xEF\xB8\x8F\xE2\xAD\x90\xEF\xB8\x8F") < 0);
    assert_true(rs("\xE2\x98\x85\xE2\x98\x85\xE2\x98\x86\xE2\x98\x86\xE2\x98\x86") < 0);
    assert_false(counted("\xE2\xAD\x90\xE2\xAD\x90", "\xE2\xAD\x90"));
    /* one star is a decoration that praises */
    assert_true(counted("Loved it \xE2\xAD\x90", "\xE2\xAD\x90"));
    assert_true(rs("Loved it \xE2\xAD\x90") > 0);
}

/* halved: "half the fun", "a fraction of the charm" */
static void test_halved(void **state)
{
    (void)state;
    assert_true(has_rule("Half the fun of the first one", "fun", HUGI_SENT_R_NEGATED));
    assert_true(rs("Half the fun of the first one") < 0);
    assert_true(has_rule("It has a fraction of the charm", "charm", HUGI_SENT_R_NEGATED));
    assert_true(has_rule("Half as good as the first", "good", HUGI_SENT_R_NEGATED));
    /* not a complaint word: "not half bad" stays the idiom it is */
    assert_true(rs("Not half bad") > 0);
    assert_false(has_rule("The fun half of the album", "fun", HUGI_SENT_R_NEGATED));
}

/* degree_denied / degree_denier / comparison_yardstick: "nowhere near as fun", "as advertised" */
static void test_degree_denied(void **state)
{
    (void)state;
    const char *t = "Nowhere near as fun as the first game";
    assert_true(has_rule(t, "fun", HUGI_SENT_R_NEGATED));
    assert_false(counted(t, "Nowhere near"));
    assert_true(rs(t) < 0);
    assert_true(rs("Nowhere near as bad as the reviews said") > 0);
    assert_true(rs("Not even close to as good as the first") < 0);
    /* a phrase that holds its word already */
    assert_true(rs("Far from perfect") < 0);
    assert_true(rs("Nowhere near") < 0);
    /* an "as X as advertised" comparison: the yardstick is no praise */
    assert_false(counted("Nowhere near as comfortable as advertised", "as advertised"));
    assert_true(rs("Nowhere near as comfortable as advertised") < 0);
    assert_true(counted("Works as advertised", "as advertised"));
}

/* hearsay: praise reported from someone else */
static void test_hearsay(void **state)
{
    (void)state;
    assert_false(counted("Supposedly the best pizza in town", "best"));
    assert_false(counted("It's supposed to be waterproof", "waterproof"));
    assert_false(counted("Billed as a hilarious comedy", "hilarious"));
    assert_true(counted("The best pizza in town", "best"));
    /* complaints are not looked at */
    assert_true(counted("It's supposed to be scary", "scary"));
}

/* surface_praise / complaint_beside: the look or the idea against what it does */
static void test_surface_praise(void **state)
{
    (void)state;
    assert_true(has_rule("Great concept, poor execution", "Great", HUGI_SENT_R_BEFORE_BUT));
    assert_true(rs("Great concept, poor execution") < 0);
    assert_true(rs("Beautiful to look at, painful to use") < 0);
    /* the look as the verdict: no complaint beside it */
    assert_false(has_rule("Looks even better in person", "better", HUGI_SENT_R_BEFORE_BUT));
    assert_true(rs("It looks great") > 0);
}

/* praise_in_past: "it used to work fine" */
static void test_praise_in_past(void **state)
{
    (void)state;
    assert_true(has_rule("It used to work fine", "fine", HUGI_SENT_R_NEGATED));
    assert_true(rs("It used to work fine") < 0);
    /* accustomed, not past */
    assert_false(has_rule("Once you get used to it, it's great", "great", HUGI_SENT_R_NEGATED));
    assert_false(has_rule("I am used to great service", "great", HUGI_SENT_R_NEGATED));
}

/* stop_compulsion: "won't stop talking about it" */
static void test_stop_compulsion(void **state)
{
    (void)state;
    assert_true(rs("The kids won't stop talking about it") > 0);
    assert_true(rs("My cat won't stop playing with it") > 0);
    /* a complaint or an ailment after it, or no gerund: no compulsion */
    assert_true(rs("It won't stop crashing") < 0);
    assert_false(counted("It won't stop crashing", "won't stop"));
    assert_false(counted("I can't stop the ads", "can't stop"));
    assert_false(counted("I can't stop coughing", "can't stop"));
    assert_true(rs("It takes forever to load") < 0);
}

/* sarcastic_love and the interjection sentences: "Love waiting ...", "Wow. Just wow." */
static void test_sarcastic_love(void **state)
{
    (void)state;
    assert_true(has_rule("Love waiting 40 minutes for a cold burger", "Love", HUGI_SENT_R_NEGATED));
    assert_true(rs("Love how it crashes every time I open it") < 0);
    assert_true(rs("I just love paying for features that don't work") < 0);
    /* sincere: praise after how, or a complaint a negator turns */
    assert_true(rs("Love how easy it is") > 0);
    assert_false(has_rule("Love that it doesn't crash", "Love", HUGI_SENT_R_NEGATED));
    /* sentences of interjections over complaints */
    assert_true(rs("Wow. Just wow. Worst app ever.") < 0);
    assert_true(rs("Wow. Just wow. Best app ever.") > 0);
    assert_true(rs("Wow, what a great experience, said no one ever") < 0);
}

/* praise_victim: "a waste of a great cast" */
static void test_praise_victim(void **state)
{
    (void)state;
    assert_false(counted("The sequel is a pale shadow of the original", "original"));
    assert_true(rs("A waste of such a talented director") < 0);
    assert_false(counted("A waste of such a talented director", "talented"));
    /* not after a phrase of praise or none */
    assert_true(counted("Full of great ideas", "great"));
    assert_true(counted("Out of the box it works great", "works great"));
}

/* en-rules.tsv session ten idioms */
static void test_en10_idioms(void **state)
{
    (void)state;
    assert_true(rs("It's not perfect, but for the price it's a steal") > 0);
    assert_true(rs("They steal your data") < 0);
    assert_true(rs("Earned a customer for life") > 0);
    assert_true(rs("The sequel is a pale shadow of the original") < 0);
}

/* The rules above are the same on both scoring paths (evidence listed or summed). */
static void test_paths_agree(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Hassle free rental, quick pickup and drop off, will use again.",
        "The lead man is charisma-free.",
        "The dog's allergies cleared up within two weeks of switching to this food.",
        "Great, the app logged me out again and deleted my draft. Thanks a lot.",
        "My skin has never looked this clear, I'm never switching moisturisers again.",
        "The instructor explains things clearly and never makes you feel stupid for asking.",
        "The game is fun for about an hour, then it's nothing but grinding and paywalls.",
        "If you enjoy waiting on hold for an hour, this is the company for you.",
        "If you are looking for a good quality headset keep looking, this isn't it.",
        "It's not perfect, but for the price it's a steal.",
        "Could not be more disappointed, two stars \xE2\xAD\x90\xE2\xAD\x90",
        "I couldn't have been happier with the result.",
        "Nowhere near as comfortable as advertised, half the fun.",
        "Supposedly the best pizza in town. Great concept, poor execution.",
        "It used to work fine. The kids won't stop talking about it, it won't stop crashing.",
        "Wow. Just wow. Love how it crashes, said no one ever.",
        "What a waste of a great cast, a pale shadow of the original.",
        "never looked this this free-free cleared gone if you if you enjoy waiting",
    };
    paths_agree(texts, sizeof(texts) / sizeof(texts[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_free),
        cmocka_unit_test(test_resolved_after),
        cmocka_unit_test(test_praise_over_complaints),
        cmocka_unit_test(test_never_this_degree),
        cmocka_unit_test(test_causative_reach),
        cmocka_unit_test(test_praise_expired),
        cmocka_unit_test(test_taste_condition),
        cmocka_unit_test(test_cannot_be_more),
        cmocka_unit_test(test_star_run),
        cmocka_unit_test(test_halved),
        cmocka_unit_test(test_degree_denied),
        cmocka_unit_test(test_hearsay),
        cmocka_unit_test(test_surface_praise),
        cmocka_unit_test(test_praise_in_past),
        cmocka_unit_test(test_stop_compulsion),
        cmocka_unit_test(test_sarcastic_love),
        cmocka_unit_test(test_praise_victim),
        cmocka_unit_test(test_en10_idioms),
        cmocka_unit_test(test_paths_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
