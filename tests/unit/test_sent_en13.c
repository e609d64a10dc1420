/* SPDX-License-Identifier: MIT
 * Session twelve's English mechanisms (en13; bench/README.md "Session twelve: English (en13)"):
 * services whose praise or complaint is told as facts. One test per mechanism on the
 * hand-written rule lexicons only (a learned lexicon cannot hide a broken rule), the learned
 * weights a statement reads on the shipped lexicons, and the two scoring paths agreeing on every
 * text here. */
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

/* Is the complaint word span (its first occurrence) turned by a rule (counted as praise)? */
static bool turned(const char *text, const char *span)
{
    return has_rule(text, span, HUGI_SENT_R_NEGATED);
}

/* Does a learned entry count at the span (its first occurrence) with the shipped lexicons? */
static bool learned_at(const char *text, const char *span)
{
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    score_with(full_model, text, &r);
    const char *at = strstr(text, span);
    assert_non_null(at);
    bool found = false;
    for (size_t i = 0; i < r.nev; i++) {
        const struct hugi_sent_evidence *e = &r.ev[i];
        if (e->start == (size_t)(at - text) && e->end - e->start == strlen(span) &&
            (e->rules & HUGI_SENT_R_LEARNED))
            found = true;
    }
    hugi_sent_result_release(&r);
    return found;
}

/* facts.c: the terms of a service kept (as quoted, on schedule, under budget, no charge) or
 * broken (more than quoted, behind schedule, a term kept denied) */
static void test_terms_kept(void **state)
{
    (void)state;
    assert_true(terms("The plumber charged exactly what he quoted.") > 0);
    assert_true(terms("Came to less than we were quoted") > 0);
    assert_true(terms("Done as quoted, no surprises") > 0);
    assert_true(terms("They charged double what he quoted") < 0);
    assert_true(terms("The bill came to more than they quoted") < 0);
    assert_true(terms("The work wasn't done as quoted") < 0);
    assert_true(terms("Locksmith quoted sixty on the phone") == 0);
    assert_true(terms("Finished two weeks ahead of schedule and under budget") > 0);
    assert_true(terms("Four months behind schedule") < 0);
    assert_true(terms("The job went over budget") < 0);
    assert_true(terms("They didn't take the old one away as agreed") < 0);
    assert_true(terms("Delivered on the day as booked") > 0);
    assert_true(terms("Reprinted it at no charge") > 0);
    assert_true(terms("Fitted a new valve at no additional cost") > 0);
    assert_true(terms("and didnt charge for the callout") > 0);
    assert_true(terms("He wouldn't charge us for the second visit") > 0);
    /* a device that does not charge, a card charged unasked */
    assert_true(terms("It didn't charge for me") == 0);
    assert_true(terms("The battery won't charge for long") == 0);
    assert_true(terms("My phone didn't charge overnight") == 0);
    assert_true(terms("They charged my card without asking") == 0);
    assert_true(terms("Gave us spare keys without asking") > 0);
    assert_true(terms("Cut exactly the length I asked for") > 0);
    assert_true(terms("Not what I asked for") < 0);
    assert_true(terms("He took off six inches when I asked for a trim") == 0);
}

/* facts.c: extras and care beyond the job, and a job left undone */
static void test_extras(void **state)
{
    (void)state;
    assert_true(terms("Cleared the gutters while he was up there") > 0);
    assert_true(terms("Fixed a broken spring while she was at it") > 0);
    assert_true(terms("Reheeled both pairs while I waited.") > 0);
    assert_true(terms("They chatted while I waited forty minutes") == 0);
    assert_true(terms("Took the time to show me how to style it") > 0);
    assert_true(terms("They took their time") == 0);
    assert_true(terms("The vet called that evening to check on her") > 0);
    assert_true(terms("I had to call twice to check on my order") == 0);
    assert_true(terms("The fitters hoovered up after themselves") > 0);
    assert_true(terms("Took the old one away and ran a test cycle") > 0);
    assert_true(terms("Took every bag of clippings away with him") > 0);
    assert_true(terms("The tow truck took my car away") == 0);
    assert_true(terms("IT support closed my ticket without fixing anything") < 0);
    assert_true(terms("The cleaner left without finishing the bathroom") < 0);
}

/* facts.c: done at the first go, overnight, on time; the trouble still there */
static void test_timely(void **state)
{
    (void)state;
    assert_true(terms("Mower starts on the first pull now") > 0);
    assert_true(terms("It worked first time") > 0);
    assert_true(terms("Fixed in one visit") > 0);
    assert_true(terms("It didn't work on the first try") < 0);
    assert_true(terms("The first time I used it, it broke") == 0);
    assert_true(terms("Turned my files around overnight") > 0);
    assert_true(terms("Left it charging overnight") == 0);
    assert_true(terms("Filed everything two weeks early") > 0);
    assert_true(terms("Photos came two weeks sooner than promised") > 0);
    assert_true(terms("The parts came later than they said") < 0);
    assert_true(terms("Got it in before the deadline") > 0);
    assert_true(terms("Our accountant missed the deadline") < 0);
    assert_true(terms("The cleaner left early") == 0);
    assert_true(terms("The stump is still there") < 0);
    assert_true(terms("Is the shop still there on the corner?") == 0);
}

/* facts.c: a thing working again after the job, a thing given free */
static void test_working_again(void **state)
{
    (void)state;
    assert_true(terms("The sink drains again") > 0);
    assert_true(terms("I can reach the top shelf again") > 0);
    assert_true(terms("It stopped working again") == 0);
    assert_true(terms("I can't use it again") == 0);
    assert_true(terms("They threw in a new strap") > 0);
    assert_true(terms("They threw in the towel after a week") == 0);
}

/* facts.c: the trouble gone, told with a negator */
static void test_trouble_gone(void **state)
{
    (void)state;
    assert_true(terms("Regrouted the shower; no more mould in the corners.") > 0);
    assert_true(terms("No more drips") > 0);
    assert_true(terms("It took no more than a week") == 0);
    assert_true(terms("No more free refills") == 0);
    /* review15: the reviewer done with the company is no trouble gone (+3.2 on main 5b05123) */
    assert_true(terms("No more dealing with this company ever again.") == 0);
    assert_true(terms("no more buying from them") == 0);
    assert_true(terms("No more leaking taps") > 0);
    assert_true(terms("We haven't seen a single mouse since.") > 0);
    assert_true(terms("There's been no smell in the yard since") > 0);
    assert_true(terms("Haven't heard from them since.") == 0);
    assert_true(terms("It hasn't been the same since") == 0);
    assert_true(terms("We haven't been back since") == 0);
    assert_true(terms("No reply since") == 0);
    /* review15: a particular one not seen again is a no-show, not a trouble gone (on main
     * 5b05123 these were +3.2 of praise); a trouble told definite still is */
    assert_true(terms("Haven't seen the engineer since.") == 0);
    assert_true(terms("We haven't seen our deposit since") == 0);
    assert_true(terms("I haven't seen that plumber since") == 0);
    assert_true(terms("We haven't had the problem since.") > 0);
}

/* sent.c repaired(): the trouble a service took away, told in the other orders */
static void test_trouble_removed(void **state)
{
    (void)state;
    /* a verb of removal with its particle */
    assert_true(turned("The tree surgeon took down the dead oak", "dead"));
    assert_true(turned("They pulled out the rotten post", "rotten"));
    assert_false(turned("The dead oak fell on the shed", "dead"));
    /* got ... out */
    assert_true(turned("Got the red wine stain out of the rug", "stain"));
    /* the repair after its object, denied or not */
    assert_true(turned("Landlord had the broken fridge replaced", "broken"));
    assert_true(turned("The leak was fixed", "leak"));
    assert_false(turned("The leak wasn't fixed", "leak"));
    assert_false(turned("The leak came back", "leak"));
    /* the wrong object is the complaint, not the trouble */
    assert_false(turned("Gardener cut down the wrong hedge.", "wrong"));
    assert_false(turned("They replaced the wrong part", "wrong"));
    /* review15: a repair judged is no repair of the trouble ("The repair was useless." scored
     * +0.06 on main 5b05123: the noun read as the verb three words back); a relative clause
     * still is one */
    assert_false(turned("The repair was useless.", "useless"));
    assert_false(turned("The fix was terrible.", "terrible"));
    assert_true(turned("They fixed what was broken.", "broken"));
    /* more repair verbs */
    assert_true(turned("They cleared the blocked drain", "blocked"));
    assert_true(turned("He patched the leaking pipe", "leaking"));
}

/* sent.c fixed_later(): the trouble told first, then repaired by "it" or "the problem" */
static void test_fixed_later(void **state)
{
    (void)state;
    assert_true(turned(
        "The tap had been dripping for months. The plumber sorted it in ten minutes.", "dripping"));
    assert_true(
        turned("My boiler was leaking on Christmas Eve and they fixed it the same day", "leaking"));
    assert_false(turned("The tap was dripping. I had to fix it myself.", "dripping"));
    assert_false(turned("The tap was dripping. They said they fixed it.", "dripping"));
    assert_false(turned("The tap was dripping and they never fixed it", "dripping"));
    assert_false(turned("They fixed it and the tap is dripping again", "dripping"));
}

/* review15: the repair told later turns the one trouble "it" stands for, the last complaint
 * told before it, in its sentence or the one before; not every complaint of the text (on main
 * 5b05123 "Worst experience ever. Horrible, incompetent staff. They eventually fixed it." scored
 * +0.92: every complaint word before "fixed it" was counted as a trouble repaired) */
static void test_fixed_later_reach(void **state)
{
    (void)state;
    static const char *const staff =
        "Worst experience ever. Horrible, incompetent staff. They eventually fixed it.";
    assert_false(turned(staff, "Worst"));
    assert_false(turned(staff, "Horrible"));
    assert_false(
        turned("The technician was rude and useless, but he fixed it eventually.", "rude"));
    static const char *const both =
        "Terrible service and a rude engineer. The boiler was leaking. They fixed it.";
    assert_false(turned(both, "Terrible"));
    assert_false(turned(both, "rude"));
    assert_true(turned(both, "leaking"));
    /* the other complaint words of the trouble's clause */
    assert_true(
        turned("The mechanic found a slow oil leak the last garage missed and fixed it.", "leak"));
    static const char *const verdicts[] = {
        staff,
        "Terrible service, awful attitude, overpriced. They fixed it after three visits.",
        "The technician was rude and useless, but he fixed it eventually.",
    };
    for (size_t k = 0; k < sizeof verdicts / sizeof verdicts[0]; k++) {
        struct hugi_sent_result r;
        hugi_sent_result_init(&r);
        if (score_with(full_model, verdicts[k], &r) >= 0)
            fail_msg("'%s' scored %f", verdicts[k], r.score);
        hugi_sent_result_release(&r);
    }
}

/* A statement reads its own words: the learned weights inside it are left out (cov), and a
 * negator a denial of charge has read brings no learned blame */
static void test_statement_reads_its_words(void **state)
{
    (void)state;
    assert_false(learned_at("He cleared the gutters while he was up there.", "there"));
    assert_true(learned_at("He left the ladder up there.", "there"));
    assert_false(learned_at("The plumber sorted it and didn't charge for the callout", "didn"));
    assert_true(learned_at("The plumber didn't fix the tap", "didn"));
}

static void test_paths_agree(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "The plumber found the leak under the sink, replaced the trap and charged exactly what "
        "he quoted.",
        "Roofer replaced the cracked slates and cleared out the gutters while he was up there.",
        "our kitchen tap had been dripping for months. the plumber sorted it in ten minutes and "
        "didnt charge for the callout",
        "Pest control treated the whole house and we haven't seen a single mouse since.",
        "The tiler regrouted the whole shower and sealed it; no more mould in the corners.",
        "Landlord had the broken fridge replaced within two days of me reporting it.",
        "Appliance installer plumbed in the dishwasher, took the old one away and ran a test.",
        "IT support closed my ticket without fixing anything, twice.",
        "They didn't take the old one away as agreed and charged double what he quoted.",
        "Hairdresser cut exactly the length I asked for and took the time to show me how.",
        "The tree surgeon took down the dead oak and ground out the stump the same day.",
        "It didn't charge for me. No more than a week later it was dead.",
        "Lawnmower repair shop cleaned the carburettor and it starts on the first pull again.",
        "Photographer delivered two weeks sooner than promised and threw in a print.",
        "The accountant missed the deadline and the stump is still there",
    };
    paths_agree(texts, sizeof(texts) / sizeof(texts[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_terms_kept),
        cmocka_unit_test(test_extras),
        cmocka_unit_test(test_timely),
        cmocka_unit_test(test_working_again),
        cmocka_unit_test(test_trouble_gone),
        cmocka_unit_test(test_trouble_removed),
        cmocka_unit_test(test_fixed_later),
        cmocka_unit_test(test_fixed_later_reach),
        cmocka_unit_test(test_statement_reads_its_words),
        cmocka_unit_test(test_paths_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
