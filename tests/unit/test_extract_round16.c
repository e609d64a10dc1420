/* SPDX-License-Identifier: MIT
 * Unit tests for the rules extraction round sixteen added (fetchers/src/extract_*.c): values
 * wrapped in their types (DynamoDB, Firestore), authors kept elsewhere in the document (JSON:API
 * `included`, a normalised store's `users.byId`), an Apollo cache inside page data, thread
 * placeholders, JSON-LD ratings by @id, CSV product lists and stated scales, short Korean dates,
 * microformats2 ratings on p-best, podcast feeds, SVG sprite stars, definition-list heads, HAL
 * and OData next links, and the errors bad input gives. Each case differs from the round's
 * fixtures (tests/data/extract) in names and nesting, so the rule is tested, not the page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/extract.h"

#include "extract_rounds.h"

static void test_typed_values(void **state)
{
    (void)state;
    struct lines l;
    /* DynamoDB: a map holding the author, a list beside; numbers as strings */
    const char *dyn = "{\"Items\":[{\"id\":{\"S\":\"a1\"},\"body\":{\"S\":\"Loud fan\"},"
                      "\"score\":{\"N\":\"2\"},\"user\":{\"M\":{\"nickname\":{\"S\":\"Mo\"}}},"
                      "\"tags\":{\"L\":[{\"S\":\"noise\"}]}},{\"id\":{\"S\":\"a2\"},\"body\":{"
                      "\"S\":\"Quiet\"},\"score\":{\"N\":\"5\"},\"user\":{\"M\":{\"nickname\":{"
                      "\"S\":\"Jo\"}}},\"tags\":{\"L\":[]}}]}";
    assert_int_equal(run(dyn, &l, NULL), 2);
    assert_true(has(&l, "\"id\":\"a1\",\"author\":\"Mo\",\"rating\":2"));
    /* Firestore: documents replaced by their fields, a mapValue author */
    const char *fs =
        "{\"documents\":[{\"name\":\"projects/p/databases/(default)/documents/r/x1\",\"fields\":{"
        "\"text\":{\"stringValue\":\"Cold soup\"},\"stars\":{\"integerValue\":\"1\"},\"author\":"
        "{\"mapValue\":{\"fields\":{\"displayName\":{\"stringValue\":\"Lu\"}}}}}},{\"name\":"
        "\"projects/p/databases/(default)/documents/r/x2\",\"fields\":{\"text\":{\"stringValue\":"
        "\"Great tea\"},\"stars\":{\"integerValue\":\"4\"},\"author\":{\"mapValue\":{\"fields\":{"
        "\"displayName\":{\"stringValue\":\"Ba\"}}}}}}]}";
    assert_int_equal(run(fs, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Lu\",\"rating\":1"));
    /* one stray {"S": …} is no export: the object stays an object */
    assert_int_equal(run("{\"reviews\":[{\"text\":\"Fine\",\"rating\":4,\"size\":{\"S\":\"x\"}},"
                         "{\"text\":\"Bad\",\"rating\":1}]}",
                         &l, NULL),
                     2);
}

static void test_referenced_authors(void **state)
{
    (void)state;
    struct lines l;
    /* JSON:API: the relationship named `user`, the resource in `included` */
    const char *ja = "{\"data\":[{\"type\":\"ratings\",\"id\":\"1\",\"attributes\":{\"comment\":"
                     "\"Seat too hard\",\"stars\":2},\"relationships\":{\"user\":{\"data\":{"
                     "\"type\":\"people\",\"id\":\"p9\"}}}},{\"type\":\"ratings\",\"id\":\"2\","
                     "\"attributes\":{\"comment\":\"Comfy\",\"stars\":5},\"relationships\":{"
                     "\"user\":{\"data\":{\"type\":\"people\",\"id\":\"p8\"}}}}],\"included\":["
                     "{\"type\":\"people\",\"id\":\"p8\",\"attributes\":{\"name\":\"Ines\"}},"
                     "{\"type\":\"people\",\"id\":\"p9\",\"attributes\":{\"name\":\"Raf\"}}]}";
    assert_int_equal(run(ja, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Raf\",\"rating\":2"));
    assert_true(has(&l, "\"author\":\"Ines\",\"rating\":5"));
    /* JSON:API resources typed as products are no reviews */
    const char *jp = "{\"data\":[{\"type\":\"articles\",\"id\":\"1\",\"attributes\":{\"body\":"
                     "\"Ten tips\",\"rating\":4,\"author\":\"Ed\"}},{\"type\":\"articles\","
                     "\"id\":\"2\",\"attributes\":{\"body\":\"More tips\",\"rating\":5,"
                     "\"author\":\"Ed\"}}]}";
    hugi_rc rc;
    assert_int_equal(run(jp, &l, &rc), 0);
    /* an entity adapter's `entities`, found under the plural of `authorId` */
    const char *na = "{\"state\":{\"authors\":{\"ids\":[7],\"entities\":{\"7\":{\"id\":7,"
                     "\"nickname\":\"Hana\"}}},\"reviewList\":[{\"authorId\":7,\"content\":"
                     "\"Soft towel\",\"rating\":5},{\"authorId\":8,\"content\":\"Thin\","
                     "\"rating\":2}]}}";
    assert_int_equal(run(na, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Hana\",\"rating\":5"));
    assert_true(has(&l, "\"author\":null,\"rating\":2"));
}

static void test_nested_apollo(void **state)
{
    (void)state;
    struct lines l;
    const char *html =
        "<html><body><script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":{"
        "\"pageProps\":{\"apolloState\":{\"ROOT_QUERY\":{\"__typename\":\"Query\"},"
        "\"ProductReview:1\":{\"__typename\":\"ProductReview\",\"id\":\"1\",\"text\":\"Zip broke\","
        "\"stars\":2,\"writer\":{\"__ref\":\"Member:m1\"}},\"ProductReview:2\":{\"__typename\":"
        "\"ProductReview\",\"id\":\"2\",\"text\":\"Roomy bag\",\"stars\":5,\"writer\":{\"__ref\":"
        "\"Member:m2\"}},\"Member:m1\":{\"__typename\":\"Member\",\"nickname\":\"Ola\"},"
        "\"Member:m2\":{\"__typename\":\"Member\",\"nickname\":\"Eun\"}}}}}</script></body></html>";
    assert_int_equal(run(html, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Ola\",\"rating\":2"));
}

static void test_json_small_rules(void **state)
{
    (void)state;
    struct lines l;
    /* a thread's placeholders neither count nor come out */
    const char *th = "{\"thread\":{\"post\":{\"uri\":\"at://a/p/1\",\"record\":{\"text\":\"Q?\"}},"
                     "\"replies\":[{\"$type\":\"app.bsky.feed.defs#blockedPost\",\"uri\":"
                     "\"at://b/p/2\",\"blocked\":true},{\"post\":{\"uri\":\"at://c/p/3\","
                     "\"author\":{\"handle\":\"c.example\"},\"record\":{\"text\":\"Same here\","
                     "\"createdAt\":\"2025-01-02T00:00:00Z\"}},\"replies\":[]}]}}";
    assert_int_equal(run(th, &l, NULL), 1);
    assert_true(has(&l, "\"id\":\"at://c/p/3\""));
    /* an updated time never wins over the created one; a recommendation's id is the id */
    assert_int_equal(run("{\"reviews\":[{\"recommendationid\":\"77\",\"review\":\"Fun\","
                         "\"time_updated\":1700000500,\"time_created\":1700000000},"
                         "{\"recommendationid\":\"78\",\"review\":\"Dull\",\"time_created\":"
                         "1700000000}]}",
                         &l, NULL),
                     2);
    assert_true(has(&l, "\"id\":\"77\""));
    assert_true(has(&l, "\"date_raw\":\"1700000000\""));
    assert_false(has(&l, "1700000500"));
    /* HAL and OData next links */
    assert_int_equal(run("{\"_links\":{\"next\":{\"href\":\"https://a.example/r?p=2\"}},"
                         "\"_embedded\":{\"items\":[{\"text\":\"Good\",\"rating\":5},{\"text\":"
                         "\"Bad\",\"rating\":1}]}}",
                         &l, NULL),
                     2);
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    struct hugi_err err;
    struct hugi_extract_result res;
    const char *od = "{\"value\":[{\"text\":\"Good\",\"rating\":5},{\"text\":\"Bad\",\"rating\":"
                     "1}],\"@odata.nextLink\":\"https://a.example/r?$skip=2\"}";
    assert_int_equal(hugi_extract(od, strlen(od), &o, keep, &l, &res, &err), HUGI_OK);
    assert_non_null(res.next_url);
    assert_string_equal(res.next_url, "https://a.example/r?$skip=2");
    hugi_extract_result_release(&res);
    /* a JSON-LD Rating referred to by @id */
    const char *ld = "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"Review\","
                     "\"reviewBody\":\"Nice\",\"reviewRating\":{\"@id\":\"_:r\"}},{\"@type\":"
                     "\"Rating\",\"@id\":\"_:r\",\"ratingValue\":8,\"bestRating\":10}]}</script>";
    assert_int_equal(run(ld, &l, NULL), 1);
    assert_true(has(&l, "\"rating\":4"));
}

static void test_csv_rules(void **state)
{
    (void)state;
    struct lines l;
    /* a product list: a price column */
    hugi_rc rc;
    assert_int_equal(run("name,description,price,rating\nMug,Keeps tea hot,12.00,4.5\nCup,"
                         "Small cup,8.00,4.1\n",
                         &l, &rc),
                     0);
    assert_int_equal(rc, HUGI_OK);
    /* the scale the header states wins over the values' (7 and 9 could be either) */
    assert_int_equal(run("Comment,Score (0-10)\nGood,9\nOkay,7\n", &l, NULL), 2);
    assert_true(has(&l, "\"rating\":4.5"));
    assert_int_equal(run("Comment,Rating / 5\nGood,4\nOkay,2\n", &l, NULL), 2);
    assert_true(has(&l, "\"rating\":4"));
    /* a question asking what to do better is the text; "Submitted" the date */
    assert_int_equal(run("Submitted,Rating,What should we do better?\n2025-02-01,3,Faster "
                         "shipping\n",
                         &l, NULL),
                     1);
    assert_true(has(&l, "\"date\":\"2025-02-01T00:00:00Z\""));
    assert_true(has(&l, "\"text\":\"Faster shipping\""));
}

static void test_dates(void **state)
{
    (void)state;
    int64_t t, now = hugi_time_from_civil(2026, 1, 15, 0, 0, 0);
    assert_true(hugi_extract_date("25.12.7", 7, now, &t));
    assert_int_equal(t, hugi_time_from_civil(2025, 12, 7, 0, 0, 0));
    assert_true(hugi_extract_date("24.3.9", 6, now, &t));
    assert_int_equal(t, hugi_time_from_civil(2024, 3, 9, 0, 0, 0));
    assert_false(hugi_extract_date("18.4.0", 6, now, &t));  /* a version */
    assert_false(hugi_extract_date("25.13.7", 7, now, &t)); /* no month 13 */
}

static void test_html_rules(void **state)
{
    (void)state;
    struct lines l;
    /* h-review: <data value> on the scale p-best gives */
    const char *hr = "<div class=\"h-review\"><span class=\"p-author\">Al</span><data class=\""
                     "p-rating\" value=\"3\">3</data><data class=\"p-best\" value=\"4\">4</data>"
                     "<p class=\"e-content\">Fair pho</p></div><div class=\"h-review\"><span "
                     "class=\"p-author\">Bo</span><data class=\"p-rating\" value=\"5\"></data>"
                     "<p class=\"e-content\">Best pho</p></div>";
    assert_int_equal(run(hr, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Al\",\"rating\":3.75"));
    assert_true(has(&l, "\"author\":\"Bo\",\"rating\":5"));
    /* SVG sprite stars, four lit of five */
    char page[4096];
    const char *full = "<svg><use href=\"#i-star-full\"></use></svg>";
    const char *none = "<svg><use xlink:href=\"sprite.svg#i-star-off\"></use></svg>";
    snprintf(page, sizeof page,
             "<ul class=\"reviews\"><li class=\"review\"><span class=\"stars\">%s%s%s%s%s</span>"
             "<span class=\"author\">Kim</span><span class=\"date\">2025-03-01</span><p "
             "class=\"text\">Sturdy frame, easy to build.</p></li><li class=\"review\"><span "
             "class=\"stars\">%s%s%s%s%s</span><span class=\"author\">Lee</span><span "
             "class=\"date\">2025-03-02</span><p class=\"text\">Wobbles a bit on tiles.</p></li>"
             "</ul>",
             full, full, full, full, none, full, full, none, none, none);
    assert_int_equal(run(page, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Kim\",\"rating\":4"));
    assert_true(has(&l, "\"author\":\"Lee\",\"rating\":2"));
    /* a definition list: the <dt> before each <dd> holds title and author */
    const char *dl = "<div class=\"reviews\"><dl><dt><a href=\"/r/1\">Great kettle</a> by "
                     "<b>Ann</b></dt><dd><span class=\"rating\" data-rating=\"5\"></span>Boils "
                     "fast and quiet. <span class=\"date\">2025-04-01</span></dd><dt><a href=\""
                     "/r/2\">Leaks</a> by <b>Ben</b></dt><dd><span class=\"rating\" data-rating="
                     "\"1\"></span>Drips from the spout. <span class=\"date\">2025-04-03</span>"
                     "</dd></dl></div>";
    assert_int_equal(run(dl, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Ann\""));
    assert_true(has(&l, "\"title\":\"Leaks\""));
}

static void test_feeds(void **state)
{
    (void)state;
    struct lines l;
    /* episodes with audio enclosures: no reviews; an image enclosure is no recording */
    const char *pod = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>Ep 2"
                      "</title><description>Talk</description><enclosure url=\"a.mp3\" "
                      "type=\"audio/mpeg\"/></item><item><title>Ep 1</title><description>Talk"
                      "</description><enclosure url=\"b.m4a\" type=\"audio/mp4\"/></item>"
                      "</channel></rss>";
    assert_int_equal(run(pod, &l, NULL), 0);
    const char *img = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><guid>1"
                      "</guid><description>Photo of my broken lid</description><enclosure "
                      "url=\"a.jpg\" type=\"image/jpeg\"/></item><item><guid>2</guid>"
                      "<description>Mine too</description><enclosure url=\"b.jpg\" type=\""
                      "image/jpeg\"/></item></channel></rss>";
    assert_int_equal(run(img, &l, NULL), 2);
}

static void test_bad_input(void **state)
{
    (void)state;
    struct lines l;
    hugi_rc rc;
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.name = "t.json";
    struct hugi_err err;
    struct hugi_extract_result res;
    /* truncated typed export: one error naming the place, no crash */
    const char *bad = "{\"Items\":[{\"text\":{\"S\":\"a\"},\"n\":{\"N\":";
    memset(&l, 0, sizeof l);
    rc = hugi_extract(bad, strlen(bad), &o, keep, &l, &res, &err);
    hugi_extract_result_release(&res);
    assert_int_not_equal(rc, HUGI_OK);
    assert_non_null(strstr(err.where, "t.json"));
    /* wrappers nested past any sensible depth stay bounded */
    char deep[8192];
    size_t n = 0;
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(deep + n, sizeof deep - n, "{\"M\":");
    n += (size_t)snprintf(deep + n, sizeof deep - n, "1");
    for (int i = 0; i < 200; i++)
        deep[n++] = '}';
    deep[n] = 0;
    run(deep, &l, &rc);
    (void)rc;
    /* a relationship pointing nowhere leaves the author null */
    assert_int_equal(run("{\"data\":[{\"type\":\"reviews\",\"id\":\"1\",\"attributes\":{\"body\":"
                         "\"Nice\",\"rating\":5},\"relationships\":{\"author\":{\"data\":null}}},"
                         "{\"type\":\"reviews\",\"id\":\"2\",\"attributes\":{\"body\":\"Meh\","
                         "\"rating\":3},\"relationships\":{\"author\":{\"data\":{\"type\":\"u\","
                         "\"id\":\"9\"}}}}],\"included\":[{\"type\":\"u\"}]}",
                         &l, NULL),
                     2);
    assert_true(has(&l, "\"author\":null"));
}

static void test_chat_and_forms(void **state)
{
    (void)state;
    struct lines l;
    /* a chat export: a join skipped, profile names over opaque ids, ts dates, a reference */
    const char *chat =
        "[{\"type\":\"message\",\"subtype\":\"channel_leave\",\"user\":\"U9\",\"text\":\"left\","
        "\"ts\":\"1700000000.000100\"},{\"type\":\"message\",\"user\":\"U7AB\",\"text\":\"Lid "
        "cracked again\",\"ts\":\"1700000100.000200\",\"user_profile\":{\"display_name\":"
        "\"rita\"}},{\"type\":\"message\",\"user\":\"U8CD\",\"text\":\"Same here\",\"ts\":"
        "\"1700000200.000300\",\"user_profile\":{\"display_name\":\"sam\"}}]";
    assert_int_equal(run(chat, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"rita\""));
    assert_true(has(&l, "\"date\":\"2023-11-14T22:15:00Z\""));
    assert_false(has(&l, "left"));
    /* text runs and a sender; a reply by reference */
    const char *tg = "{\"messages\":[{\"id\":1,\"type\":\"message\",\"from\":\"Ana\",\"date\":"
                     "\"2025-01-01T10:00:00\",\"text\":[\"See \",{\"type\":\"bold\",\"text\":"
                     "\"this\"},\" crack\"]},{\"id\":2,\"type\":\"message\",\"from\":\"Bo\","
                     "\"date\":\"2025-01-01T11:00:00\",\"text\":\"Ouch\",\"reference\":{"
                     "\"messageId\":\"1\"}}]}";
    assert_int_equal(run(tg, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Ana\""));
    assert_true(has(&l, "\"text\":\"See this crack\""));
    assert_true(has(&l, "\"parent_id\":\"1\""));
    /* a materialised path names the parent; a top comment's path names none */
    const char *lm = "{\"comments\":[{\"comment\":{\"id\":5,\"content\":\"Top one\",\"path\":"
                     "\"0.5\"}},{\"comment\":{\"id\":9,\"content\":\"A reply\",\"path\":"
                     "\"0.5.9\"}}]}";
    assert_int_equal(run(lm, &l, NULL), 2);
    assert_true(has(&l, "\"id\":\"9\""));
    assert_true(has(&l, "\"parent_id\":\"5\""));
    /* a form's answers, each under its field's ref */
    const char *tf = "{\"items\":[{\"response_id\":\"t1\",\"submitted_at\":\"2025-06-10T10:00:00Z"
                     "\",\"answers\":[{\"field\":{\"ref\":\"score\"},\"type\":\"number\","
                     "\"number\":4},{\"field\":{\"ref\":\"feedback\"},\"type\":\"text\","
                     "\"text\":\"Quick delivery\"}]},{\"response_id\":\"t2\",\"submitted_at\":"
                     "\"2025-06-11T10:00:00Z\",\"answers\":[{\"field\":{\"ref\":\"score\"},"
                     "\"type\":\"number\",\"number\":2},{\"field\":{\"ref\":\"feedback\"},"
                     "\"type\":\"text\",\"text\":\"Late\"}]}]}";
    assert_int_equal(run(tf, &l, NULL), 2);
    assert_true(has(&l, "\"id\":\"t1\""));
    assert_true(has(&l, "\"rating\":4"));
    assert_true(has(&l, "\"text\":\"Quick delivery\""));
}

static void test_page_data_wrappers(void **state)
{
    (void)state;
    struct lines l;
    /* Angular's TransferState escapes */
    const char *ng = "<script id=\"s\" type=\"application/json\">{&q;k&q;:{&q;reviews&q;:[{&q;"
                     "text&q;:&q;Tom &a; Jerry&q;,&q;rating&q;:5},{&q;text&q;:&q;Meh&q;,&q;"
                     "rating&q;:2}]}}</script>";
    assert_int_equal(run(ng, &l, NULL), 2);
    assert_true(has(&l, "\"text\":\"Tom & Jerry\""));
    /* a response kept as a string under `payload` */
    const char *emb = "{\"status\":200,\"payload\":\"{\\\"reviews\\\":[{\\\"text\\\":\\\"Nice "
                      "mug\\\",\\\"rating\\\":5},{\\\"text\\\":\\\"Chipped\\\",\\\"rating\\\":"
                      "1}]}\"}";
    assert_int_equal(run(emb, &l, NULL), 2);
    assert_true(has(&l, "\"text\":\"Chipped\""));
    /* a string that only starts like JSON stays a string */
    hugi_rc rc;
    run("{\"data\":\"{not json at all, really}\"}", &l, &rc);
    assert_int_equal(l.n, 0);
}

static void test_third_set(void **state)
{
    (void)state;
    struct lines l;
    /* JSON-LD reviews nested inside the AggregateRating are reviews; the aggregate is none */
    const char *ld = "<script type=\"application/ld+json\">{\"@type\":\"Product\",\"name\":\"Cap\","
                     "\"aggregateRating\":{\"@type\":\"AggregateRating\",\"ratingValue\":4,"
                     "\"reviewCount\":1,\"review\":{\"@type\":\"Review\",\"reviewBody\":\"Fits "
                     "well\",\"reviewRating\":{\"ratingValue\":4}}}}</script>";
    assert_int_equal(run(ld, &l, NULL), 1);
    assert_true(has(&l, "\"text\":\"Fits well\""));
    /* a meta line: "by NAME" and a date between separators */
    const char *ml = "<section class=\"reviews\"><div class=\"review\"><p>Rating: 5/5 | by Ann "
                     "Lee | March 3, 2025</p><p>Sharp knife, holds its edge for weeks.</p></div>"
                     "<div class=\"review\"><p>Rating: 1/5 | by Bo | March 9, 2025</p><p>Handle "
                     "cracked in the dishwasher.</p></div></section>";
    assert_int_equal(run(ml, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Ann Lee\""));
    assert_true(has(&l, "\"date\":\"2025-03-09T00:00:00Z\""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_values),       cmocka_unit_test(test_referenced_authors),
        cmocka_unit_test(test_nested_apollo),      cmocka_unit_test(test_json_small_rules),
        cmocka_unit_test(test_csv_rules),          cmocka_unit_test(test_dates),
        cmocka_unit_test(test_html_rules),         cmocka_unit_test(test_feeds),
        cmocka_unit_test(test_bad_input),          cmocka_unit_test(test_chat_and_forms),
        cmocka_unit_test(test_page_data_wrappers), cmocka_unit_test(test_third_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
