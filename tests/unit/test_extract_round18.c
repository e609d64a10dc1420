/* SPDX-License-Identifier: MIT
 * Unit tests for the rules extraction round eighteen added (fetchers/src/extract_*.c): a data
 * warehouse's query answer (`schema.fields` beside `rows[].f[].v`) read as rows, epoch seconds in
 * scientific notation, a person referred to by `<verb>_by` or by a `…Key` into a map of people,
 * names read last (`who`, `when`, `quote`, `fullName`, `date_reviewed`, an id named first),
 * objects holding a text, a time or an attribution line, CSV sheets of questions and answers or
 * of stock grades, and in page markup test hooks, a tooltip's day over an age and a score over
 * its scale. Each case differs from the round's fixtures (tests/data/extract) in names and
 * nesting, so the rule is tested, not the page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hugi/extract.h"

#include "extract_rounds.h"

static void test_schema_rows(void **state)
{
    (void)state;
    struct lines l;
    /* the schema names the columns, each row's cells their values in order */
    const char *q =
        "{\"schema\":{\"fields\":[{\"name\":\"comment\",\"type\":\"STRING\"},{"
        "\"name\":\"score\",\"type\":\"INTEGER\"},{\"name\":\"posted\",\"type\":"
        "\"TIMESTAMP\"}]},\"rows\":[{\"f\":[{\"v\":\"Lid leaks\"},{\"v\":\"2\"},{\"v\":"
        "\"1.7408736E9\"}]},{\"f\":[{\"v\":\"Holds heat\"},{\"v\":\"5\"},{\"v\":null}]}]}";
    assert_int_equal(run(q, &l, NULL), 2);
    assert_true(has(&l, "\"rating\":2,\"date\":\"2025-03-02T00:00:00Z\""));
    assert_true(has(&l, "\"text\":\"Holds heat\""));
    /* a query answer of sales figures names no review column: nothing */
    const char *s = "{\"schema\":{\"fields\":[{\"name\":\"region\"},{\"name\":\"revenue\"}]},"
                    "\"rows\":[{\"f\":[{\"v\":\"north\"},{\"v\":\"1200\"}]},{\"f\":[{\"v\":"
                    "\"south\"},{\"v\":\"900\"}]}]}";
    hugi_rc rc;
    assert_int_equal(run(s, &l, &rc), 0);
    /* a row shorter than the schema is no row of it: the answer is not reshaped */
    const char *b = "{\"schema\":{\"fields\":[{\"name\":\"comment\"},{\"name\":\"score\"}]},"
                    "\"rows\":[{\"f\":[{\"v\":\"Lid leaks\"}]}]}";
    assert_int_equal(run(b, &l, &rc), 0);
    /* E9 is seconds, E12 milliseconds; anything else is no epoch */
    int64_t now = hugi_time_from_civil(2026, 1, 15, 0, 0, 0), t;
    assert_true(hugi_extract_date("1.7408736E9", 11, now, &t));
    assert_int_equal(t, hugi_time_from_civil(2025, 3, 2, 0, 0, 0));
    assert_true(hugi_extract_date("1.7408736E12", 12, now, &t));
    assert_int_equal(t, hugi_time_from_civil(2025, 3, 2, 0, 0, 0));
    assert_false(hugi_extract_date("1.7408736E5", 11, now, &t));
}

static void test_person_refs(void **state)
{
    (void)state;
    struct lines l;
    /* `added_by` names who made the record, into a list of people; `updated_by` names nobody */
    const char *a = "{\"notes\":[{\"body\":\"Zip broke\",\"rating\":2,\"added_by\":\"m1\","
                    "\"updated_by\":\"m9\"},{\"body\":\"Warm coat\",\"rating\":5,\"added_by\":"
                    "\"m2\",\"updated_by\":\"m9\"}],\"staff\":[{\"id\":\"m1\",\"name\":\"Ola\"},{"
                    "\"id\":\"m2\",\"name\":\"Per\"},{\"id\":\"m9\",\"name\":\"Admin\"}]}";
    assert_int_equal(run(a, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Ola\""));
    assert_true(has(&l, "\"author\":\"Per\""));
    assert_false(has(&l, "\"author\":\"Admin\""));
    /* a `memberKey` into a map of people whose tier sits under a rating name */
    const char *b = "{\"list\":[{\"text\":\"Fresh\",\"score\":5,\"memberKey\":\"k1\"},{\"text\":"
                    "\"Stale\",\"score\":1,\"memberKey\":\"k2\"}],\"memberMap\":{\"k1\":{"
                    "\"nickname\":\"bora\",\"grade\":\"VIP\"},\"k2\":{\"nickname\":\"dami\","
                    "\"grade\":\"NEW\"}}}";
    assert_int_equal(run(b, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"bora\",\"rating\":5"));
    assert_true(has(&l, "\"author\":\"dami\",\"rating\":1"));
}

static void test_names_read_last(void **state)
{
    (void)state;
    struct lines l;
    /* who/when/quote; an id named first; a score kept with its parts */
    const char *a = "{\"items\":[{\"id_review\":\"r7\",\"who\":\"Ines\",\"when\":\"2025-04-02\","
                    "\"quote\":\"Sturdy frame\",\"score\":{\"total\":4,\"comfort\":2}},{"
                    "\"id_review\":\"r8\",\"who\":\"Jo\",\"when\":\"2025-04-01\",\"quote\":"
                    "\"Wobbly legs\",\"score\":{\"total\":2,\"comfort\":3}}]}";
    assert_int_equal(run(a, &l, NULL), 2);
    assert_true(has(&l, "\"id\":\"r7\",\"author\":\"Ines\",\"rating\":4,\"date\":\"2025-04-02"));
    assert_true(has(&l, "\"text\":\"Wobbly legs\""));
    /* a list of sayings is no list of reviews */
    const char *q = "{\"quotes\":[{\"quote\":\"Stay hungry\",\"author\":\"A\",\"date\":"
                    "\"2005-06-12\"},{\"quote\":\"Less is more\",\"author\":\"B\",\"date\":"
                    "\"1947-01-01\"}]}";
    hugi_rc rc;
    assert_int_equal(run(q, &l, &rc), 0);
    /* the day the review says it was written before the day its record was made; clipped
     * contents (`rvwCnts`); the general text before the pros */
    const char *b = "{\"data\":[{\"rvwCnts\":\"Good fit\",\"scr\":4,\"date_created\":"
                    "\"2025-05-09\",\"date_reviewed\":\"2025-05-01\"},{\"rvwCnts\":\"Too big\","
                    "\"scr\":2,\"date_created\":\"2025-05-09\",\"date_reviewed\":\"2025-04-20\"}],"
                    "\"reviews\":[]}";
    assert_int_equal(run(b, &l, NULL), 2);
    assert_true(has(&l, "\"rating\":4,\"date\":\"2025-05-01"));
    const char *c = "{\"reviews\":[{\"prosText\":\"Fast\",\"generalComments\":\"Solid tool\","
                    "\"overallRating\":5,\"reviewer\":{\"fullName\":\"Dee K\"}},{\"prosText\":"
                    "\"Cheap\",\"generalComments\":\"Crashes daily\",\"overallRating\":1,"
                    "\"reviewer\":{\"fullName\":\"Al B\"}}]}";
    assert_int_equal(run(c, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Dee K\""));
    assert_true(has(&l, "\"text\":\"Crashes daily\""));
}

static void test_value_objects(void **state)
{
    (void)state;
    struct lines l;
    const char *a = "{\"reviews\":[{\"body\":{\"full\":\"Great bagels\",\"lang\":\"en\"},"
                    "\"stars\":5,\"postedAt\":{\"localDate\":\"2025-03-05\",\"utcDateTime\":"
                    "\"2025-03-04T23:30:00Z\"},\"authorLine\":{\"text\":\"Mo K.\"}},{\"body\":{"
                    "\"full\":\"Cold coffee\",\"lang\":\"en\"},\"stars\":2,\"postedAt\":{"
                    "\"utcDateTime\":\"2025-03-01T10:00:00Z\"},\"authorLine\":{\"text\":\"Lu\"}}]}";
    assert_int_equal(run(a, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Mo K.\",\"rating\":5,\"date\":\"2025-03-04T23:30:00Z\""));
    assert_true(has(&l, "\"text\":\"Cold coffee\""));
}

static void test_csv_sheets(void **state)
{
    (void)state;
    struct lines l;
    hugi_rc rc;
    /* questions beside answers and no rating column: a FAQ */
    const char *faq = "\xec\xa7\x88\xeb\xac\xb8,\xeb\x8b\xb5\xeb\xb3\x80,\xeb\x93\xb1\xeb\xa1\x9d"
                      "\xec\x9d\xbc\n"
                      "\xeb\xb0\xb0\xec\x86\xa1\xec\x9d\x80 \xec\x96\xb8\xec\xa0\x9c?,2\xec\x9d"
                      "\xbc \xec\x95\x88\xec\x97\x90 \xeb\xb3\xb4\xeb\x82\xb4\xec\x9a\x94,"
                      "2025-01-02\n";
    struct hugi_extract_result res;
    assert_int_equal(extract_run(faq, HUGI_PRESET_CSV, 0, &l, &res, &rc), 0);
    hugi_extract_result_release(&res);
    /* a grade of letters and no words: a stock sheet's rows; a 0 with a writer: unrated */
    const char *stock = "sku,grade,notes,updated\nA1,B,,2025-01-02\nA2,A,,2025-01-03\n";
    assert_int_equal(extract_run(stock, HUGI_PRESET_CSV, 0, &l, &res, &rc), 0);
    hugi_extract_result_release(&res);
    /* a ticket list with descriptions, by priority and without a rating */
    const char *tickets =
        "id,subject,description,priority,created\n1,Login,Cannot sign in after "
        "the update,High,2025-01-02\n2,Refund,Money not back yet,Low,2025-01-03\n";
    assert_int_equal(extract_run(tickets, HUGI_PRESET_CSV, 0, &l, &res, &rc), 0);
    hugi_extract_result_release(&res);
    const char *unrated = "writer,rating,date\nab***,0,2025-01-02\ncd***,0,2025-01-03\n";
    assert_int_equal(extract_run(unrated, HUGI_PRESET_CSV, 0, &l, &res, &rc), 2);
    hugi_extract_result_release(&res);
}

static void test_listing_cues(void **state)
{
    (void)state;
    struct lines l;
    /* generated classes, cards named by an analytics hook; the day in a tooltip over the age */
    const char *a =
        "<div><div data-automation=\"reviewCard\" class=\"q1\"><span class=\"z9\" role=\"img\" "
        "aria-label=\"4 of 5 stars\"></span><p class=\"x2\">The blender crushes ice in seconds, a "
        "bit loud.</p><time "
        "class=\"posted-date\" title=\"Apr 02, 2025 9:10 AM\">9 months ago</time></div><div "
        "data-automation=\"reviewCard\" class=\"q1\"><span class=\"z9\" role=\"img\" "
        "aria-label=\"2 of 5 stars\"></span><p "
        "class=\"x2\">The jar cracked after a month of smoothies.</p><time class=\"posted-date\" "
        "title=\"Mar 28, 2025 6:00 PM\">10 months ago</time></div></div>";
    assert_int_equal(run(a, &l, NULL), 2);
    assert_true(has(&l, "\"rating\":4,\"date\":\"2025-04-02T09:10:00Z\""));
    /* a score whose scale sits in a rating element of its own */
    const char *b = "<ul class=\"reviews\"><li class=\"review\"><span class=\"rating\"><b>7</b>"
                    "<span class=\"rating-scale\">/10</span></span><span class=\"date\">2025-02-"
                    "03</span><p class=\"text\">Good story, weak ending.</p></li><li class=\""
                    "review\"><span class=\"rating\"><b>2</b><span class=\"rating-scale\">/10"
                    "</span></span><span class=\"date\">2025-02-01</span><p class=\"text\">"
                    "Boring from start to end.</p></li></ul>";
    assert_int_equal(run(b, &l, NULL), 2);
    assert_true(has(&l, "\"rating\":3.5"));
    assert_true(has(&l, "\"rating\":1,"));
    /* "by NAME" in the date's line */
    const char *c =
        "<section id=\"reviews\"><div class=\"card\"><div class=\"stars\">"
        "\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x86\xe2\x98\x86</div><p>"
        "Strong handle but a thin lid.</p><span>by Ivo \xc2\xb7 May 2, 2025</span></div>"
        "<div class=\"card\"><div class=\"stars\">\xe2\x98\x85\xe2\x98\x86\xe2\x98"
        "\x86\xe2\x98\x86\xe2\x98\x86</div><p>Rusted after the first wash.</p><span>"
        "by Eda \xc2\xb7 May 1, 2025</span></div></section>";
    assert_int_equal(run(c, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Ivo\""));
    assert_true(has(&l, "\"author\":\"Eda\""));
    /* a link to the review's own page, before the text, is its title where classes say nothing */
    const char *d =
        "<div><div data-qa=\"review-item\" class=\"a1\"><a class=\"b2\" href=\"/user/ann\">"
        "Ann</a><span class=\"c3\" role=\"img\" aria-label=\"5 of 5 stars\"></span><a "
        "class=\"d4\" href=\"/reviews/r-11\">Quiet and fast</a><p class=\"e5\">The printer "
        "is quiet and the first page comes out fast.</p><span class=\"f6\">2025-06-01</span>"
        "</div><div data-qa=\"review-item\" class=\"a1\"><a class=\"b2\" href=\"/user/bo\">Bo"
        "</a><span class=\"c3\" role=\"img\" aria-label=\"1 of 5 stars\"></span><a class=\"d4"
        "\" href=\"/reviews/r-12\">Jams daily</a><p class=\"e5\">Paper jams every day since the "
        "second week of use.</p><span class=\"f6\">2025-05-30</span></div></div>";
    assert_int_equal(run(d, &l, NULL), 2);
    assert_true(has(&l, "\"title\":\"Quiet and fast\""));
    assert_true(has(&l, "\"author\":\"Bo\""));
}

/* 20,000 rows of a warehouse's answer, each writer a `created_by` into a map of 20,000 people:
 * one reshape and one index, not a scan of the map a row (seconds under the sanitizers when
 * linear; minutes when quadratic). */
static void add_rows(struct hugi_buf *b, const char *head, const char *fmt, int n)
{
    assert_int_equal(hugi_buf_addstr(b, head), HUGI_OK);
    char tmp[160];
    for (int i = 0; i < n; i++) {
        int k = snprintf(tmp, sizeof tmp, fmt, i, 1 + i % 5, i);
        assert_int_equal(hugi_buf_add(b, ",", i ? 1 : 0), HUGI_OK);
        assert_int_equal(hugi_buf_add(b, tmp, (size_t)k), HUGI_OK);
    }
}

static void test_large_schema_rows_people(void **state)
{
    (void)state;
    enum { N = 20000 };
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    add_rows(&b,
             "{\"schema\":{\"fields\":[{\"name\":\"review_text\"},{\"name\":\"stars\"},{\"name\":"
             "\"created_by\"}]},\"rows\":[",
             "{\"f\":[{\"v\":\"Review %d reads fine\"},{\"v\":\"%d\"},{\"v\":\"p%d\"}]}", N);
    add_rows(&b, "],\"profiles\":{", "\"p%d\":{\"name\":\"Person %d %d\"}", N);
    assert_int_equal(hugi_buf_addstr(&b, "}}"), HUGI_OK);
    bool named;
    double secs;
    size_t n = run_large(&b, "\"author\":\"Person 1 0\"", &named, &secs);
    assert_int_equal(n, N);
    assert_true(named);
    assert_true(secs < 60.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_rows),
        cmocka_unit_test(test_person_refs),
        cmocka_unit_test(test_names_read_last),
        cmocka_unit_test(test_value_objects),
        cmocka_unit_test(test_csv_sheets),
        cmocka_unit_test(test_listing_cues),
        cmocka_unit_test(test_large_schema_rows_people),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
