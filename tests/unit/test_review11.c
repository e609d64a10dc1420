/* SPDX-License-Identifier: MIT
 * Regression tests for the defects review11 fixed in the extractors: each case failed before
 * its fix (the commit naming the defect says which). ASP.NET dates before 1970 and with an
 * offset, the listing's scale kept across its second reading on 10, a count of every helpfulness
 * vote read as likes, the Play Console's last-update date, every worksheet of an XML
 * Spreadsheet 2003 export; authors referenced by id found through an index (integrator). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract_int.h"
#include "hugi/extract.h"

#include "extract_rounds.h"

/* "/Date(-1500)/" is 1.5 s before the epoch: -2 s, not -1 (division toward zero); "/Date(0)/"
 * is the epoch itself; the offset never moves the UTC milliseconds. */
static void test_aspnet_dates(void **state)
{
    (void)state;
    int64_t t = 1, now = hugi_time_from_civil(2026, 1, 15, 0, 0, 0);
    const char *neg = "/Date(-1500)/";
    assert_true(hugi_extract_date(neg, strlen(neg), now, &t));
    assert_int_equal(t, -2);
    const char *negz = "/Date(-86400000-0500)/";
    assert_true(hugi_extract_date(negz, strlen(negz), now, &t));
    assert_int_equal(t, -86400);
    const char *zero = "/Date(0)/";
    assert_true(hugi_extract_date(zero, strlen(zero), now, &t));
    assert_int_equal(t, 0);
    const char *kst = "/Date(1700000000000+0900)/";
    assert_true(hugi_extract_date(kst, strlen(kst), now, &t));
    assert_int_equal(t, 1700000000);
    const char *frac = "/Date(1700000000999)/";
    assert_true(hugi_extract_date(frac, strlen(frac), now, &t));
    assert_int_equal(t, 1700000000);
    /* malformed ones are no date (the reader then warns, quoting the value) */
    const char *bad[] = {"/Date(-)/", "/Date(--5)/", "/Date(5+09000)/", "/Date(5+0960)/",
                         "/Date(5 )/"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(hugi_extract_date(bad[i], strlen(bad[i]), now, &t));
    /* through the JSON reader: the date, and a warning quoting a bad one */
    struct lines l;
    struct hugi_extract_result res;
    hugi_rc rc;
    const char *body = "{\"reviews\":[{\"id\":\"a\",\"text\":\"Old but gold\",\"rating\":5,"
                       "\"created\":\"\\/Date(-1500)\\/\"},{\"id\":\"b\",\"text\":\"Meh\","
                       "\"rating\":2,\"created\":\"/Date(12x)/\"}]}";
    assert_int_equal(extract_run(body, HUGI_PRESET_AUTO, now, &l, &res, &rc), 2);
    assert_int_equal(rc, HUGI_OK);
    assert_int_equal(l.n, 2);
    assert_non_null(strstr(l.out, "\"date\":\"1969-12-31T23:59:58Z\""));
    /* naming the list and the item (the JSON reader knows no more of the path there) */
    assert_string_equal(res.warning, "cannot parse date '/Date(12x)/' (t: reviews[1])");
    hugi_extract_result_release(&res);
    /* and in JSONL, the line */
    const char *jl = "{\"id\":\"a\",\"text\":\"Good\",\"rating\":5,\"created\":\"/Date(0)/\"}\n"
                     "{\"id\":\"b\",\"text\":\"Bad\",\"rating\":1,\"created\":\"/Date(x)/\"}\n";
    assert_int_equal(extract_run(jl, HUGI_PRESET_AUTO, now, &l, &res, &rc), 2);
    assert_string_equal(res.warning, "cannot parse date '/Date(x)/' (t: line 2)");
    hugi_extract_result_release(&res);
}

/* The listing's second reading of a list on 10 (rescale_group) hands back the scale it was
 * given, not 5. */
static void test_listing_scale_restored(void **state)
{
    (void)state;
    const char *page =
        "<html><body><ul class=\"review_list\">"
        "<li class=\"item\" data-review-url=\"r-1\"><div class=\"c-review-block\">"
        "<span class=\"guest\">Lena</span><span class=\"date\">Reviewed: 3 October 2024</span>"
        "<h3 class=\"c-review-block__title\">Good base for the old town</h3>"
        "<div class=\"bui-review-score__badge\">8.0</div>"
        "<p class=\"c-review__body\">Friendly staff and a quiet room.</p></div></li>"
        "<li class=\"item\" data-review-url=\"r-2\"><div class=\"c-review-block\">"
        "<span class=\"guest\">Omar</span><span class=\"date\">Reviewed: 21 September 2024</span>"
        "<h3 class=\"c-review-block__title\">Not as pictured</h3>"
        "<div class=\"bui-review-score__badge\">4.0</div>"
        "<p class=\"c-review__body\">Mould in the bathroom, no air conditioning.</p></div></li>"
        "</ul></body></html>";
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    struct hugi_extract_result res;
    memset(&res, 0, sizeof res);
    struct hugi_err err;
    hugi_err_clear(&err);
    struct lines l;
    memset(&l, 0, sizeof l);
    /* a caller reading on 4 (not the default 5): 8.0 is over it, so the list is read on 10 */
    struct xctx x = {.o = &o,
                     .cb = keep,
                     .cbctx = &l,
                     .res = &res,
                     .err = &err,
                     .name = "t",
                     .now = hugi_time_from_civil(2026, 1, 15, 0, 0, 0),
                     .scale = 4};
    assert_int_equal(x_html_listing(&x, page, strlen(page)), HUGI_OK);
    assert_int_equal(l.n, 2);
    assert_non_null(strstr(l.out, "\"rating\":4,")); /* 8.0 of 10 */
    free(x.seen);
    free(x.page_product);
    hugi_extract_result_release(&res);
    assert_true(x.scale == 4);
}

/* helpfulTotalCount counts every helpfulness vote (helpful and not): the likes are the helpful
 * ones only, and a total alone is no likes. */
static void test_helpful_total_not_likes(void **state)
{
    (void)state;
    struct lines l;
    assert_int_equal(run("{\"reviews\":[{\"id\":\"a\",\"text\":\"Fits well\",\"rating\":5,"
                         "\"helpfulTotalCount\":10,\"helpfulCount\":3},"
                         "{\"id\":\"b\",\"text\":\"Too small\",\"rating\":2,"
                         "\"helpfulTotalCount\":7,\"helpfulCount\":1}]}",
                         &l, NULL),
                     2);
    assert_true(has(&l, "\"likes\":3"));
    assert_true(has(&l, "\"likes\":1"));
    assert_false(has(&l, "\"likes\":10"));
    assert_int_equal(run("{\"reviews\":[{\"id\":\"a\",\"text\":\"Fits well\",\"rating\":5,"
                         "\"helpfulTotalCount\":10},"
                         "{\"id\":\"b\",\"text\":\"Too small\",\"rating\":2,"
                         "\"helpfulTotalCount\":7}]}",
                         &l, NULL),
                     2);
    assert_false(has(&l, "\"likes\":10"));
    assert_false(has(&l, "\"likes\":7"));
    /* the same mistake under other names: every vote cast, or the votes against */
    const char *names[] = {"helpfulVotesTotal", "totalHelpfulVotes", "helpfulnessVoteCount",
                           "totalVoteCount",    "voteCount",         "helpfulAllCount",
                           "helpfulnessCount"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char body[400];
        snprintf(body, sizeof body,
                 "{\"reviews\":[{\"id\":\"a\",\"text\":\"Fits well\",\"rating\":5,\"%s\":10},"
                 "{\"id\":\"b\",\"text\":\"Too small\",\"rating\":2,\"%s\":7}]}",
                 names[i], names[i]);
        assert_int_equal(run(body, &l, NULL), 2);
        if (has(&l, "\"likes\":10"))
            fail_msg("%s read as likes", names[i]);
    }
}

/* Reviewers edit their Play reviews: the date is the last update's, the submit time when no
 * update is given. */
static void test_play_console_last_update(void **state)
{
    (void)state;
    struct lines l;
    assert_int_equal(
        run("Package Name,Review Submit Date and Time,Review Submit Millis Since Epoch,"
            "Review Last Update Date and Time,Review Last Update Millis Since Epoch,Star Rating,"
            "Review Title,Review Text\n"
            "kr.shop,2024-05-01T10:00:00Z,1714557600000,2024-05-03T12:00:00Z,1714737600000,2,,"
            "Edited after the fix\n"
            "kr.shop,2024-05-02T08:30:00Z,1714638600000,,,5,,Never edited\n",
            &l, NULL),
        2);
    assert_true(has(&l, "\"date\":\"2024-05-03T12:00:00Z\""));
    assert_true(has(&l, "\"date\":\"2024-05-02T08:30:00Z\""));
    assert_false(has(&l, "\"date\":\"2024-05-01T10:00:00Z\""));
    /* the millis columns alone */
    assert_int_equal(run("Package Name,Review Submit Millis Since Epoch,"
                         "Review Last Update Millis Since Epoch,Star Rating,Review Text\n"
                         "kr.shop,1714557600000,1714737600000,2,Edited\n"
                         "kr.shop,1714638600000,,5,Never edited\n",
                         &l, NULL),
                     2);
    assert_true(has(&l, "\"date\":\"2024-05-03T12:00:00Z\""));
    assert_true(has(&l, "\"date\":\"2024-05-02T08:30:00Z\""));
}

#define SHEET_HEAD                                                                                 \
    "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n"                        \
    "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" "                            \
    "xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n"
#define CELL(t) "<Cell><Data ss:Type=\"String\">" t "</Data></Cell>"
#define REVIEWS_SHEET(name, id, text)                                                              \
    "<Worksheet ss:Name=\"" name "\"><Table>"                                                      \
    "<Row>" CELL("Review ID") CELL("Rating")                                                       \
        CELL("Review") "</Row>"                                                                    \
                       "<Row>" CELL(id) "<Cell><Data ss:Type=\"Number\">4</Data></Cell>" CELL(     \
                           text) "</Row>"                                                          \
                                 "</Table></Worksheet>\n"

/* Every worksheet is read: a workbook's summary sheet first, or a sheet a month. */
static void test_spreadsheet_every_sheet(void **state)
{
    (void)state;
    struct lines l;
    hugi_rc rc;
    assert_int_equal(run(SHEET_HEAD REVIEWS_SHEET("May", "M-1", "Sturdy frame")
                             REVIEWS_SHEET("June", "J-1", "Missing two screws") "</Workbook>",
                         &l, &rc),
                     2);
    assert_int_equal(rc, HUGI_OK);
    assert_true(has(&l, "\"id\":\"M-1\""));
    assert_true(has(&l, "\"id\":\"J-1\""));
    /* a sheet of figures first: no review field in its header */
    assert_int_equal(run(SHEET_HEAD "<Worksheet ss:Name=\"Summary\"><Table><Row>" CELL("Month")
                             CELL("Count") "</Row><Row>" CELL("May")
                                 CELL("1") "</Row></Table></Worksheet>\n" REVIEWS_SHEET(
                                     "Reviews", "R-1", "Sturdy frame") "</Workbook>",
                         &l, &rc),
                     1);
    assert_int_equal(rc, HUGI_OK);
    assert_true(has(&l, "\"id\":\"R-1\""));
    /* no sheet with reviews: the first sheet's error stands */
    assert_int_equal(run(SHEET_HEAD "<Worksheet ss:Name=\"Summary\"><Table><Row>" CELL("Month")
                             CELL("Count") "</Row></Table></Worksheet></Workbook>",
                         &l, &rc),
                     0);
    assert_int_not_equal(rc, HUGI_OK);
    /* and it names the sheet */
    struct hugi_extract_result res;
    const char *fig = SHEET_HEAD "<Worksheet ss:Name=\"Summary\"><Table><Row>" CELL("Month")
        CELL("Count") "</Row></Table></Worksheet></Workbook>";
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.name = "t";
    struct hugi_err err;
    assert_int_equal(hugi_extract(fig, strlen(fig), &o, NULL, NULL, &res, &err), HUGI_E_PARSE);
    assert_string_equal(err.where, "t: worksheet 'Summary': line 1");
    hugi_extract_result_release(&res);
}

/* A cell's ss:Index far out of range (the least long) is no layout to follow, and no
 * arithmetic overflow either: the cell stays where it stands. */
static void test_spreadsheet_index_range(void **state)
{
    (void)state;
    struct lines l;
    hugi_rc rc;
    assert_int_equal(
        run(SHEET_HEAD
            "<Worksheet ss:Name=\"R\"><Table>"
            "<Row>" CELL("Review ID") CELL("Rating") CELL(
                "Review") "</Row>"
                          "<Row>" CELL(
                              "A-1") "<Cell><Data ss:Type=\"Number\">4</Data></Cell>"
                                     "<Cell ss:Index=\"-9223372036854775808\"><Data "
                                     "ss:Type=\"String\">"
                                     "Sturdy "
                                     "frame</Data></Cell></Row></Table></Worksheet></Workbook>",
            &l, &rc),
        1);
    assert_int_equal(rc, HUGI_OK);
    assert_true(has(&l, "\"text\":\"Sturdy frame\""));
}

/* An API's error answer fails naming the key that holds the error as the answer spells it. */
static void test_api_error_path(void **state)
{
    (void)state;
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.name = "t";
    struct hugi_err err;
    hugi_err_clear(&err);
    struct hugi_extract_result res;
    const char *many = "{\"errors\":[{\"message\":\"Quota exceeded\",\"code\":429}],"
                       "\"requestId\":\"r1\"}";
    assert_int_equal(hugi_extract(many, strlen(many), &o, NULL, NULL, &res, &err), HUGI_E_PARSE);
    assert_string_equal(err.where, "t: $.errors[0]");
    assert_non_null(strstr(err.msg, "Quota exceeded"));
    hugi_extract_result_release(&res);
    const char *one = "{\"status\":403,\"Error\":\"Forbidden\"}";
    assert_int_equal(hugi_extract(one, strlen(one), &o, NULL, NULL, &res, &err), HUGI_E_PARSE);
    assert_string_equal(err.where, "t: $.Error");
    hugi_extract_result_release(&res);
}

/* counts the reviews `r<i>` whose author is `P<total - 1 - i>` */
struct authors {
    int total;
    size_t n, right;
};

static hugi_rc author_check(const struct hugi_review *r, void *ctx)
{
    struct authors *a = ctx;
    char want[32];
    int i = r->id && r->id[0] == 'r' ? atoi(r->id + 1) : -1;
    snprintf(want, sizeof want, "P%d", a->total - 1 - i);
    a->n++;
    a->right += r->author && strcmp(r->author, want) == 0;
    return HUGI_OK;
}

/* Authors kept apart from the reviews and pointed at by id (JSON:API's `included`, a
 * normalised store's `users.byId`) were found by scanning the table once per review: a
 * 20,000-review answer took 2.7 s, and the time grew with the square of the list. Now an index
 * sorted once answers each review. Its answers are the scan's: the first resource in document
 * order with that type and id and a name, a resource of another type with the same id never. */
static void test_referenced_authors(void **state)
{
    (void)state;
    struct lines l;
    struct hugi_extract_result res;
    hugi_rc rc;
    const char *api =
        "{\"data\":[{\"type\":\"reviews\",\"id\":\"r1\",\"attributes\":{\"body\":\"Sturdy and "
        "quiet\",\"rating\":5},\"relationships\":{\"author\":{\"data\":{\"type\":\"customers\","
        "\"id\":\"7\"}}}},{\"type\":\"reviews\",\"id\":\"r2\",\"attributes\":{\"body\":\"Wobbles "
        "a lot\",\"rating\":2},\"relationships\":{\"author\":{\"data\":{\"type\":\"customers\","
        "\"id\":\"8\"}}}}],\"included\":[{\"type\":\"products\",\"id\":\"7\",\"attributes\":"
        "{\"name\":\"Desk\"}},{\"type\":\"customers\",\"id\":\"7\",\"attributes\":{\"country\":"
        "\"KR\"}},{\"type\":\"customers\",\"id\":\"7\",\"attributes\":{\"display-name\":\"Mina\"}},"
        "{\"type\":\"customers\",\"id\":\"7\",\"attributes\":{\"display-name\":\"Later\"}},"
        "{\"type\":\"customers\",\"id\":\"8\",\"attributes\":{\"display-name\":\"Joon\"}}]}";
    assert_int_equal(extract_run(api, HUGI_PRESET_AUTO, 0, &l, &res, &rc), 2);
    hugi_extract_result_release(&res);
    assert_true(has(&l, "\"id\":\"r1\",\"author\":\"Mina\""));
    assert_true(has(&l, "\"id\":\"r2\",\"author\":\"Joon\""));

    enum { N = 40000 };
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    assert_int_equal(hugi_buf_addstr(&b, "{\"data\":["), HUGI_OK);
    for (int i = 0; i < N; i++)
        assert_int_equal(hugi_buf_addf(&b,
                                       "%s{\"type\":\"reviews\",\"id\":\"r%d\",\"attributes\":"
                                       "{\"body\":\"good lamp number %d\",\"rating\":4},"
                                       "\"relationships\":{\"author\":{\"data\":{\"type\":"
                                       "\"customers\",\"id\":\"c%d\"}}}}",
                                       i ? "," : "", i, i, N - 1 - i),
                         HUGI_OK);
    assert_int_equal(hugi_buf_addstr(&b, "],\"included\":["), HUGI_OK);
    for (int i = 0; i < N; i++)
        assert_int_equal(hugi_buf_addf(&b,
                                       "%s{\"type\":\"customers\",\"id\":\"c%d\",\"attributes\":"
                                       "{\"display-name\":\"P%d\"}}",
                                       i ? "," : "", i, i),
                         HUGI_OK);
    assert_int_equal(hugi_buf_addstr(&b, "]}"), HUGI_OK);
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.name = "t";
    struct authors au = {N, 0, 0};
    struct hugi_err err;
    clock_t t0 = clock();
    rc = hugi_extract(b.data, b.len, &o, author_check, &au, &res, &err);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    hugi_extract_result_release(&res);
    hugi_buf_release(&b);
    assert_int_equal(rc, HUGI_OK);
    assert_int_equal(au.n, N);
    assert_int_equal(au.right, N);
    /* linear: a few seconds under the sanitizers; the scan: minutes */
    assert_true(secs < 30.0);

    /* a normalised store: the first entry of a key answers, even when it names nobody */
    const char *store =
        "{\"reviews\":[{\"id\":\"a\",\"text\":\"Crisp sound\",\"rating\":5,\"userId\":\"u1\"},"
        "{\"id\":\"b\",\"text\":\"Hums at night\",\"rating\":2,\"userId\":\"u2\"}],"
        "\"users\":{\"byId\":{\"u1\":{\"nickname\":\"하늘\"},\"u2\":{\"grade\":\"GOLD\"},"
        "\"u2\":{\"nickname\":\"shadow\"}}}}";
    assert_int_equal(extract_run(store, HUGI_PRESET_AUTO, 0, &l, &res, &rc), 2);
    hugi_extract_result_release(&res);
    assert_true(has(&l, "\"id\":\"a\",\"author\":\"하늘\""));
    assert_true(has(&l, "\"id\":\"b\",\"author\":null"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aspnet_dates),
        cmocka_unit_test(test_listing_scale_restored),
        cmocka_unit_test(test_helpful_total_not_likes),
        cmocka_unit_test(test_play_console_last_update),
        cmocka_unit_test(test_spreadsheet_every_sheet),
        cmocka_unit_test(test_api_error_path),
        cmocka_unit_test(test_spreadsheet_index_range),
        cmocka_unit_test(test_referenced_authors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
