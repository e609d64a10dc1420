/* SPDX-License-Identifier: MIT
 * Unit tests for the rules extraction round fourteen added (fetchers/src/extract_*.c): ASP.NET
 * dates, Nuxt 3 devalue payloads, '&&&'-chunked AJAX answers, replies naming their parent by
 * post number, federated handles, approval counts with more words, liked/disliked parts one
 * level down, masked names under *name keys; and in the listing: periods as no dates, a plural
 * widget prefix, helpful-count buttons, bold titles, score pictures, verdict cards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "hugi/extract.h"

#include "extract_rounds.h"

static void test_aspnet_dates(void **state)
{
    (void)state;
    int64_t t = 0, now = hugi_time_from_civil(2026, 1, 15, 0, 0, 0);
    assert_true(hugi_extract_date("/Date(1709601630000)/", 21, now, &t));
    assert_int_equal(t, hugi_time_from_civil(2024, 3, 5, 1, 20, 30));
    /* the offset says where the writer was; the milliseconds are UTC */
    const char *z = "/Date(1709256030000+0900)/";
    assert_true(hugi_extract_date(z, strlen(z), now, &t));
    assert_int_equal(t, hugi_time_from_civil(2024, 3, 1, 1, 20, 30));
    const char *bad[] = {"/Date()/", "/Date(12x)/", "/Date(1709601630000+09)/", "Date(1)"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(hugi_extract_date(bad[i], strlen(bad[i]), now, &t));
}

static void test_devalue(void **state)
{
    (void)state;
    char eb[120];
    hugi_rc rc;
    /* indices followed, reactive boxes opened, a Date read as its string, a cycle cut */
    const char *p = "[[\"ShallowReactive\",1],{\"list\":2,\"self\":1},[3],{\"no\":4,\"text\":5,"
                    "\"at\":6},7,\"good\",[\"Date\",\"2024-03-05T00:00:00Z\"]]";
    yajl_val v = x_json_parse(p, strlen(p), eb, sizeof eb);
    assert_non_null(v);
    yajl_val d = x_json_devalue(v, &rc);
    assert_int_equal(rc, HUGI_OK);
    assert_non_null(d);
    yajl_val item = x_jpath(d, "list");
    assert_true(YAJL_IS_ARRAY(item) && item->u.array.len == 1);
    item = item->u.array.values[0];
    assert_string_equal(x_jstr(x_jget(item, "text")), "good");
    assert_string_equal(x_jstr(x_jget(item, "no")), "7");
    assert_string_equal(x_jstr(x_jget(item, "at")), "2024-03-05T00:00:00Z");
    x_json_free(d);
    x_json_free(v);
    /* an ordinary array of reviews is no payload */
    const char *plain = "[{\"text\":\"a\",\"rating\":4},{\"text\":\"b\",\"rating\":2}]";
    v = x_json_parse(plain, strlen(plain), eb, sizeof eb);
    assert_null(x_json_devalue(v, &rc));
    x_json_free(v);
    /* a value shared from everywhere: the expansion stops at its budget */
    char big[4096];
    size_t n = (size_t)snprintf(big, sizeof big, "[[\"Reactive\",1]");
    for (int i = 1; i < 60; i++)
        n +=
            (size_t)snprintf(big + n, sizeof big - n, ",[%d,%d,%d,%d]", i + 1, i + 1, i + 1, i + 1);
    snprintf(big + n, sizeof big - n, ",\"x\"]");
    v = x_json_parse(big, strlen(big), eb, sizeof eb);
    assert_non_null(v);
    d = x_json_devalue(v, &rc);
    assert_int_equal(rc, HUGI_OK);
    x_json_free(d);
    x_json_free(v);
}

static void test_json_rules(void **state)
{
    (void)state;
    struct lines l;
    hugi_rc rc;
    /* '&&&' chunks carrying review markup */
    const char *chunks =
        "&&&\n[\"script\",\"x()\"]\n&&&\n[\"append\",\"#list\",\"<div class=\\\"review-item\\\">"
        "<span class=\\\"author\\\">Kim</span><span class=\\\"rating\\\" data-rating=\\\"4\\\">"
        "</span><p class=\\\"review-text\\\">Arrived quickly and works well.</p></div>\"]\n&&&\n"
        "[\"append\",\"#list\",\"<div class=\\\"review-item\\\"><span class=\\\"author\\\">Lee"
        "</span><span class=\\\"rating\\\" data-rating=\\\"2\\\"></span><p class=\\\"review-text"
        "\\\">The lid leaks when the bag tips.</p></div>\"]\n";
    assert_int_equal(run(chunks, &l, &rc), 2);
    assert_true(has(&l, "\"author\":\"Lee\""));
    assert_int_equal(run("&&&\n[\"loaded\"]\n", &l, &rc), 0);
    assert_int_equal(rc, HUGI_E_NOTFOUND);
    /* reply_to_post_number names the sibling whose post_number it is */
    const char *forum =
        "{\"posts\":[{\"id\":11,\"username\":\"a\",\"cooked\":\"<p>First post here.</p>\","
        "\"created_at\":\"2024-03-05T09:00:00Z\",\"post_number\":1,\"reply_to_post_number\":null},"
        "{\"id\":12,\"username\":\"b\",\"cooked\":\"<p>A reply to it.</p>\",\"created_at\":"
        "\"2024-03-05T10:00:00Z\",\"post_number\":2,\"reply_to_post_number\":1}]}";
    assert_int_equal(run(forum, &l, &rc), 2);
    assert_true(has(&l, "\"id\":\"12\",") && has(&l, "\"parent_id\":\"11\""));
    /* a federated handle; a bare one stays the username */
    const char *fed = "[{\"id\":\"1\",\"content\":\"<p>Arrived dented.</p>\",\"created_at\":"
                      "\"2024-03-05T12:00:00Z\",\"account\":{\"username\":\"maya\",\"acct\":"
                      "\"maya@other.example\"}},{\"id\":\"2\",\"content\":\"<p>Mine too.</p>\","
                      "\"created_at\":\"2024-03-05T13:00:00Z\",\"in_reply_to_id\":\"1\","
                      "\"account\":{\"username\":\"lo\",\"acct\":\"lo\"}}]";
    assert_int_equal(run(fed, &l, &rc), 2);
    assert_true(has(&l, "\"author\":\"maya@other.example\"") && has(&l, "\"author\":\"lo\""));
    /* approvals counted with more words; never the disapprovals */
    const char *likes =
        "{\"reviews\":[{\"id\":1,\"rating\":5,\"content\":\"Great value.\",\"helpfulFalseCount\":"
        "9,\"helpfulTrueCount\":12},{\"id\":2,\"rating\":2,\"content\":\"Too small.\","
        "\"helpfulVotesCount\":3}]}";
    assert_int_equal(run(likes, &l, &rc), 2);
    assert_true(has(&l, "\"likes\":12") && has(&l, "\"likes\":3"));
    /* liked and disliked parts one level down: both are the text */
    const char *parts = "{\"cards\":[{\"reviewScore\":9,\"textDetails\":{\"positiveText\":"
                        "\"Kind staff.\",\"negativeText\":\"Pricey breakfast.\"}},{\"reviewScore\":"
                        "4,\"textDetails\":{\"negativeText\":\"Noisy street.\"}}]}";
    assert_int_equal(run(parts, &l, &rc), 2);
    assert_true(has(&l, "\"text\":\"Kind staff.\\nPricey breakfast.\""));
    assert_true(has(&l, "\"text\":\"Noisy street.\""));
    /* a masked name under a *name key is the author, and makes unrated page data reviews */
    const char *page =
        "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":{\"data\":[{\"id\":1,"
        "\"contents\":\"Fresh and tasty.\",\"ownerName\":\"\xea\xb9\x80*\xec\x98\x81\","
        "\"registeredAt\":\"2024-03-05T08:00:00\"},{\"id\":2,\"contents\":\"Box was crushed.\","
        "\"ownerName\":\"ab***\",\"registeredAt\":\"2024-03-04T08:00:00\"}]}}</script>";
    assert_int_equal(run(page, &l, &rc), 2);
    assert_true(has(&l, "\"author\":\"ab***\""));
    /* ... but an unmasked owner's name is no author, and an article list stays none */
    const char *articles =
        "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":{\"data\":[{\"id\":1,"
        "\"contents\":\"How to descale a kettle.\",\"ownerName\":\"Jo Park\",\"registeredAt\":"
        "\"2024-03-05T08:00:00\"},{\"id\":2,\"contents\":\"Five teas for winter.\",\"ownerName\":"
        "\"Jo Park\",\"registeredAt\":\"2024-03-04T08:00:00\"}]}}</script>";
    assert_int_equal(run(articles, &l, &rc), 0);
}

/* Two list items around a and b, each with its own text. */
static size_t two_items(const char *wrap_open, const char *a, const char *b, struct lines *l)
{
    char html[6000];
    snprintf(html, sizeof html, "<html><body>%s%s%s</div></body></html>", wrap_open, a, b);
    hugi_rc rc;
    return run(html, l, &rc);
}

static void test_listing_rules(void **state)
{
    (void)state;
    struct lines l;
    /* a period is no review date: a reward list gives nothing */
    assert_int_equal(
        two_items("<div class=\"review_event\"><ul class=\"review_benefit_list\">",
                  "<li class=\"benefit_item\"><span class=\"tit\">Photo review</span><span "
                  "class=\"desc\">500 points for a photo review</span><span>2024.03.01 ~ "
                  "2024.03.31</span></li>",
                  "<li class=\"benefit_item\"><span class=\"tit\">Best review</span><span "
                  "class=\"desc\">A coupon for ten reviewers</span><span>2024.03.01 ~ "
                  "2024.03.31</span></li></ul>",
                  &l),
        0);
    /* a helpful button with its count in a child; a bold title; a score picture */
    const char *ia =
        "<li class=\"review-item\"><img class=\"grade\" src=\"/img/point_5.gif\"><span "
        "class=\"author\">Kim</span> <b><span>Works great</span></b><p class=\"review-text\">"
        "Arrived quickly and works well so far.</p><button class=\"btn_help\">"
        "\xeb\x8f\x84\xec\x9b\x80\xeb\x8f\xbc\xec\x9a\x94 <span class=\"num\">8</span></button>"
        "</li>";
    const char *ib =
        "<li class=\"review-item\"><img class=\"grade\" src=\"/img/point_2.gif\"><span "
        "class=\"author\">Lee</span> <b><span>Leaks</span></b><p class=\"review-text\">The lid "
        "leaks when the bag tips over.</p><button class=\"btn_help\">"
        "\xeb\x8f\x84\xec\x9b\x80\xeb\x8f\xbc\xec\x9a\x94 <span class=\"num\">0</span></button>"
        "</li></ul>";
    assert_int_equal(two_items("<div><ul class=\"review-list\">", ia, ib, &l), 2);
    assert_true(has(&l, "\"rating\":5") && has(&l, "\"rating\":2"));
    assert_true(has(&l, "\"likes\":8") && has(&l, "\"likes\":0"));
    assert_true(has(&l, "\"title\":\"Works great\"") && has(&l, "\"title\":\"Leaks\""));
    /* a bold label with its value after it is no title */
    const char *la = "<li class=\"review-item\"><span class=\"stars\" data-rating=\"4\"></span>"
                     "<span class=\"author\">Kim</span><div><b>Color:</b> Black</div><p class="
                     "\"review-text\">Arrived quickly and works well so far.</p></li>";
    const char *lb = "<li class=\"review-item\"><span class=\"stars\" data-rating=\"2\"></span>"
                     "<span class=\"author\">Lee</span><div><b>Color:</b> Blue</div><p class="
                     "\"review-text\">The lid leaks when the bag tips over.</p></li></ul>";
    assert_int_equal(two_items("<div><ul class=\"review-list\">", la, lb, &l), 2);
    assert_false(has(&l, "\"title\":\"Color"));
    /* verdict cards: no class names a review; the verdict is no text */
    const char *va =
        "<div class=\"card\"><div class=\"head\"><img src=\"icon_thumbsUp.png\"><div class=\"t\">"
        "Recommended</div></div><div class=\"body\"><div class=\"date_posted\">Posted: 5 March"
        "</div>Clever puzzles that never feel unfair.</div><div class=\"author\">lumen</div>"
        "</div>";
    const char *vb =
        "<div class=\"card\"><div class=\"head\"><img src=\"icon_thumbsDown.png\"><div class=\"t\">"
        "Not Recommended</div></div><div class=\"body\"><div class=\"date_posted\">Posted: 28 "
        "February</div>Crashes on launch every time since the patch.</div><div class=\"author\">"
        "grumble</div></div>";
    assert_int_equal(two_items("<div class=\"cards\">", va, vb, &l), 2);
    assert_false(has(&l, "Recommended"));
    assert_true(has(&l, "\"date\":\"2025-03-05T00:00:00Z\""));
    /* the same cards without a verdict or a thumb: nothing says they are reviews */
    const char *na = "<div class=\"card\"><div class=\"body\"><div class=\"date_posted\">Posted: "
                     "5 March</div>Clever puzzles that never feel unfair.</div><div class=\"x\">"
                     "lumen</div></div>";
    const char *nb = "<div class=\"card\"><div class=\"body\"><div class=\"date_posted\">Posted: "
                     "28 February</div>Crashes on launch every time since.</div><div class=\"x\">"
                     "grumble</div></div>";
    assert_int_equal(two_items("<div class=\"cards\">", na, nb, &l), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aspnet_dates),
        cmocka_unit_test(test_devalue),
        cmocka_unit_test(test_json_rules),
        cmocka_unit_test(test_listing_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
