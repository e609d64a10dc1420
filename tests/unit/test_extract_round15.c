/* SPDX-License-Identifier: MIT
 * Unit tests for the rules extraction round fifteen added (fetchers/src/extract_*.c): Excel's
 * ="…" cell guards, markup in titles and names, the Play Developer API's "Title\tText", API
 * error answers, JSONL files of mixed record types and enveloped records, saved YouTube pages
 * in one array, XHTML feed content and paragraph breaks, the App Store feed's app entry, a
 * publication's own posts in RSS, Atom and JSON Feed, and Excel's XML Spreadsheet 2003. */
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

static void test_csv_guards(void **state)
{
    (void)state;
    struct lines l;
    assert_int_equal(run("Review ID;Author;Rating;Review;Date\n=\"007\";Ann;4;Good \"bag\";"
                         "=\"2024-01-05\"\n",
                         &l, NULL),
                     1);
    assert_true(has(&l, "\"id\":\"007\""));
    assert_true(has(&l, "\"date\":\"2024-01-05T00:00:00Z\""));
    /* a formula that is no guard stays as written */
    assert_int_equal(run("id,text,rating\n=\"a\"&\"b\",Nice one,5\n", &l, NULL), 1);
    assert_true(has(&l, "\"id\":\"=\\\"a\\\"&\\\"b\\\"\""));
}

static void test_json_rules(void **state)
{
    (void)state;
    struct lines l;
    hugi_rc rc;
    /* a search API's highlights and escapes in titles and names */
    assert_int_equal(run("{\"items\":[{\"title\":\"<b>Mug</b> &amp; lid\",\"description\":\"Lid "
                         "leaks\",\"bloggername\":\"<b>Kim</b>\",\"postdate\":\"20240112\"},"
                         "{\"title\":\"Mug\",\"description\":\"Fine\",\"bloggername\":\"Lee\","
                         "\"postdate\":\"20240113\"}]}",
                         &l, NULL),
                     2);
    assert_true(has(&l, "\"title\":\"Mug & lid\""));
    assert_true(has(&l, "\"author\":\"Kim\""));
    /* the Play Developer API's "Title\tText"; a lone leading tab is no title */
    assert_int_equal(run("{\"reviews\":[{\"reviewId\":\"a\",\"comments\":[{\"userComment\":{"
                         "\"text\":\"Broken\\tWidget stays blank\",\"starRating\":2}}]},"
                         "{\"reviewId\":\"b\",\"comments\":[{\"userComment\":{\"text\":"
                         "\"\\tGood\",\"starRating\":5}}]}]}",
                         &l, NULL),
                     2);
    assert_true(has(&l, "\"title\":\"Broken\",\"text\":\"Widget stays blank\""));
    assert_true(has(&l, "\"title\":null,\"text\":\"Good\""));
    /* an API's error answer fails, naming the message; data beside an "ok" error does not */
    assert_int_equal(run("{\"error\":{\"code\":403,\"message\":\"quota exceeded\"}}", &l, &rc), 0);
    assert_int_not_equal(rc, HUGI_OK);
    assert_int_equal(run("{\"message\":\"Forbidden\",\"error\":403}", &l, &rc), 0);
    assert_int_not_equal(rc, HUGI_OK);
    assert_int_equal(run("{\"data\":{\"comments\":[{\"id\":1,\"text\":\"lid leaks\","
                         "\"create_time\":1711500000},{\"id\":2,\"text\":\"same\","
                         "\"create_time\":1711500001}]},\"error\":{\"code\":\"ok\"}}",
                         &l, &rc),
                     2);
    assert_int_equal(rc, HUGI_OK);
    /* saved YouTube pages side by side */
    const char *yt = "[{\"kind\":\"youtube#commentThreadListResponse\",\"nextPageToken\":\"P2\","
                     "\"items\":[{\"kind\":\"youtube#commentThread\",\"id\":\"c1\",\"snippet\":{"
                     "\"topLevelComment\":{\"id\":\"c1\",\"snippet\":{\"textOriginal\":\"one\","
                     "\"authorDisplayName\":\"@a\"}}}}]},"
                     "{\"kind\":\"youtube#commentThreadListResponse\",\"items\":[{\"kind\":"
                     "\"youtube#commentThread\",\"id\":\"c2\",\"snippet\":{\"topLevelComment\":{"
                     "\"id\":\"c2\",\"snippet\":{\"textOriginal\":\"two\",\"authorDisplayName\":"
                     "\"@b\"}}}}]}]";
    assert_int_equal(run(yt, &l, NULL), 2);
    assert_true(has(&l, "\"text\":\"two\""));
}

static void test_jsonl_types(void **state)
{
    (void)state;
    struct lines l;
    assert_int_equal(run("{\"type\":\"product\",\"name\":\"Mug\",\"description\":\"Hot 6h\"}\n"
                         "{\"type\":\"review\",\"id\":\"r1\",\"body\":\"Warm 3h\",\"rating\":3}\n"
                         "{\"type\":\"stats\",\"average_rating\":3.5}\n",
                         &l, NULL),
                     1);
    assert_true(has(&l, "\"id\":\"r1\""));
    assert_int_equal(run("{\"event\":\"order.paid\",\"data\":{\"order\":{\"note\":\"gift\"}}}\n"
                         "{\"event\":\"review.created\",\"data\":{\"review\":{\"id\":\"w1\","
                         "\"rating\":5,\"content\":\"Comfy\"}}}\n",
                         &l, NULL),
                     1);
    assert_true(has(&l, "\"id\":\"w1\""));
    /* one type throughout is no mix: every line is read as before */
    assert_int_equal(run("{\"type\":\"verified\",\"text\":\"Good\",\"rating\":5}\n"
                         "{\"type\":\"verified\",\"text\":\"Bad\",\"rating\":1}\n",
                         &l, NULL),
                     2);
}

static void test_feeds(void **state)
{
    (void)state;
    struct lines l;
    /* XHTML content keeps its paragraphs apart; a source line break after </p> is no second */
    assert_int_equal(run("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                         "<entry><id>e1</id><author><name>A</name></author><content "
                         "type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>One.</p>"
                         "<p>Two.</p></div></content></entry></feed>",
                         &l, NULL),
                     1);
    assert_true(has(&l, "\"text\":\"One.\\nTwo.\""));
    assert_int_equal(run("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><guid>g"
                         "</guid><description>&lt;p&gt;One.&lt;/p&gt;\n  &lt;p&gt;Two.&lt;/p&gt;"
                         "</description></item></channel></rss>",
                         &l, NULL),
                     1);
    assert_true(has(&l, "\"text\":\"One.\\nTwo.\""));
    /* a shop's own posts: every entry under a category, one author, none rated */
    const char *posts = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                        "<entry><id>n1</id><author><name>Shop</name></author><category "
                        "term=\"launch\"/><summary>New kettle</summary></entry><entry><id>n2"
                        "</id><author><name>Shop</name></author><category term=\"news\"/>"
                        "<summary>Holiday hours</summary></entry></feed>";
    assert_int_equal(run(posts, &l, NULL), 0);
    /* the same by two people is a comment feed */
    const char *two = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                      "<entry><id>n1</id><author><name>Ann</name></author><category "
                      "term=\"x\"/><summary>Kettle leaks</summary></entry><entry><id>n2"
                      "</id><author><name>Bo</name></author><category term=\"x\"/>"
                      "<summary>Mine too</summary></entry></feed>";
    assert_int_equal(run(two, &l, NULL), 2);
    const char *jf = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":["
                     "{\"id\":\"1\",\"content_text\":\"Spring range\",\"date_published\":"
                     "\"2024-03-01T00:00:00Z\",\"tags\":[\"launch\"],\"authors\":[{\"name\":"
                     "\"Shop\"}]},{\"id\":\"2\",\"content_text\":\"App 2.0\",\"date_published\":"
                     "\"2024-03-02T00:00:00Z\",\"tags\":[\"app\"],\"authors\":[{\"name\":"
                     "\"Shop\"}]}]}";
    assert_int_equal(run(jf, &l, NULL), 0);
    /* App Store feed: the entry naming and pricing the app is no review */
    assert_int_equal(
        run("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:im=\""
            "http://itunes.apple.com/rss\"><entry><id>app</id><title>X</title><im:name>X"
            "</im:name><im:price amount=\"0\">Get</im:price><summary>Shop.</summary></entry>"
            "<entry><id>r1</id><title>Bad</title><content type=\"text\">Freezes</content>"
            "<im:rating>1</im:rating><author><name>n</name></author></entry></feed>",
            &l, NULL),
        1);
    assert_true(has(&l, "\"id\":\"r1\""));
}

static void test_spreadsheet(void **state)
{
    (void)state;
    struct lines l;
    const char *x =
        "<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\""
        " xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet ss:Name=\"R\">"
        "<Table><Row><Cell><Data ss:Type=\"String\">Author</Data></Cell><Cell><Data>Rating"
        "</Data></Cell><Cell><Data>Review</Data></Cell></Row><Row><Cell><Data>Hye</Data></Cell>"
        "<Cell><Data>4</Data></Cell><Cell><Data>Say \"ok\", fine</Data></Cell></Row><Row>"
        "<Cell ss:Index=\"2\"><Data>2</Data></Cell><Cell><Data>No name</Data></Cell></Row>"
        "</Table></Worksheet></Workbook>";
    assert_int_equal(run(x, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Hye\",\"rating\":4"));
    assert_true(has(&l, "\"text\":\"Say \\\"ok\\\", fine\""));
    assert_true(has(&l, "\"author\":null,\"rating\":2"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_guards),  cmocka_unit_test(test_json_rules),
        cmocka_unit_test(test_jsonl_types), cmocka_unit_test(test_feeds),
        cmocka_unit_test(test_spreadsheet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
