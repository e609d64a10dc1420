/* SPDX-License-Identifier: MIT
 * Unit tests for the rules extraction round seventeen added (fetchers/src/extract_*.c): people
 * kept in a table of their own anywhere in the document and referred to by id, chat messages
 * addressed by their timestamp (`ts`, `thread_ts`), tables kept by columns (pandas' split and
 * columns forms, column arrays), JSON strings under `value`, canned-answer lists refused, Astro
 * island props, Alpine `x-data` literals with single-quoted strings, pages inside an iframe's
 * `srcdoc`, and a large columnar export with a large people table in bounded time. Each case
 * differs from the round's fixtures (tests/data/extract) in names and nesting, so the rule is
 * tested, not the page. */
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

static void test_people_tables(void **state)
{
    (void)state;
    struct lines l;
    /* a key naming an author by id (`submitted_by`) into a list named for nobody in particular */
    const char *a = "{\"feedback\":[{\"id\":1,\"text\":\"Soft and warm\",\"rating\":5,"
                    "\"submitted_by\":41},{\"id\":2,\"text\":\"Shrank\",\"rating\":2,"
                    "\"submitted_by\":42}],\"crew\":[{\"id\":41,\"name\":\"Iris\"},{\"id\":42,"
                    "\"name\":\"Bo\"}]}";
    assert_int_equal(run(a, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Iris\",\"rating\":5"));
    assert_true(has(&l, "\"author\":\"Bo\",\"rating\":2"));
    /* an author given as a bare id, the people keyed by id in an object */
    const char *b = "{\"data\":{\"rows\":[{\"comment\":\"Fast delivery\",\"stars\":4,"
                    "\"author\":\"p-1\"},{\"comment\":\"Broken lid\",\"stars\":1,\"author\":"
                    "\"p-2\"}],\"folks\":{\"p-1\":{\"nickname\":\"sun\"},\"p-2\":{\"nickname\":"
                    "\"moon\"}}}}";
    assert_int_equal(run(b, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"sun\""));
    assert_true(has(&l, "\"author\":\"moon\""));
    /* a people list keyed by the name the items refer to them by (`customerNo` in both) */
    const char *e = "{\"reviews\":[{\"body\":\"Warm\",\"score\":5,\"customerNo\":3},{"
                    "\"body\":\"Thin\",\"score\":2,\"customerNo\":4}],\"customers\":[{"
                    "\"customerNo\":3,\"customerName\":\"Yu\"},{\"customerNo\":4,"
                    "\"customerName\":\"Ha\"}]}";
    assert_int_equal(run(e, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Ha\",\"rating\":2"));
    /* an id of a requester, the table a helpdesk sideloads */
    const char *c = "{\"ratings\":[{\"id\":7,\"comment\":\"Slow answer\",\"score\":2,"
                    "\"requester_id\":9},{\"id\":8,\"comment\":\"Great help\",\"score\":5,"
                    "\"requester_id\":10}],\"users\":[{\"id\":9,\"name\":\"Ana\"},{\"id\":10,"
                    "\"name\":\"Ken\"}]}";
    assert_int_equal(run(c, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Ana\""));
    /* a list of reviews is no table of people: an author string that is another item's id
     * stays as it is */
    const char *d = "{\"reviews\":[{\"id\":\"Mo\",\"text\":\"Nice\",\"rating\":4,\"author\":"
                    "\"Lu\"},{\"id\":\"Lu\",\"text\":\"Good\",\"rating\":5,\"author\":\"Mo\"}]}";
    assert_int_equal(run(d, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Lu\",\"rating\":4"));
}

static void test_thread_ts(void **state)
{
    (void)state;
    struct lines l;
    const char *s = "{\"messages\":[{\"type\":\"message\",\"text\":\"Parcel lost again\","
                    "\"user\":\"UAAA1\",\"ts\":\"1760000000.000100\",\"thread_ts\":"
                    "\"1760000000.000100\",\"user_profile\":{\"display_name\":\"kim\"}},{\"type\":"
                    "\"message\",\"text\":\"Mine too\",\"user\":\"UBBB2\",\"ts\":"
                    "\"1760000100.000200\",\"thread_ts\":\"1760000000.000100\",\"parent_user_id\":"
                    "\"UAAA1\",\"user_profile\":{\"display_name\":\"lee\"}}]}";
    assert_int_equal(run(s, &l, NULL), 2);
    assert_true(has(&l, "\"id\":\"1760000000.000100\""));
    assert_true(has(&l, "\"parent_id\":\"1760000000.000100\""));
    assert_false(has(&l, "\"parent_id\":\"UAAA1\""));
}

static void test_columnar(void **state)
{
    (void)state;
    struct lines l;
    const char *split = "{\"columns\":[\"text\",\"rating\",\"user\"],\"index\":[0,1],\"data\":"
                        "[[\"Works well\",4,\"Al\"],[\"Died fast\",1,\"Bea\"]]}";
    assert_int_equal(run(split, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"Bea\",\"rating\":1"));
    const char *cols = "{\"out\":{\"body\":{\"a\":\"Lovely\",\"b\":\"Meh\"},\"score\":{\"a\":5,"
                       "\"b\":3}}}";
    assert_int_equal(run(cols, &l, NULL), 2);
    assert_true(has(&l, "\"rating\":3"));
    const char *arr = "{\"content\":[\"Good\",\"Bad\",\"Ok\"],\"grade\":[5,1,3],\"writer\":["
                      "\"x\",\"y\",\"z\"]}";
    assert_int_equal(run(arr, &l, NULL), 3);
    assert_true(has(&l, "\"author\":\"z\",\"rating\":3"));
    /* columns of unequal length, or naming no text, are no table of reviews */
    hugi_rc rc;
    assert_int_equal(run("{\"content\":[\"Good\",\"Bad\"],\"grade\":[5]}", &l, &rc), 0);
    assert_int_equal(run("{\"day\":[\"2025-01-01\",\"2025-01-02\"],\"sales\":[3,4]}", &l, &rc), 0);
}

static void test_small_json_rules(void **state)
{
    (void)state;
    struct lines l;
    /* a JSON string under `value` (a metafield) */
    const char *mf =
        "{\"metafields\":[{\"key\":\"reviews\",\"value\":\"[{\\\"body\\\":\\\"Nice "
        "mug\\\",\\\"rating\\\":5},{\\\"body\\\":\\\"Chipped\\\",\\\"rating\\\":1}]\"}]}";
    assert_int_equal(run(mf, &l, NULL), 2);
    assert_true(has(&l, "\"text\":\"Chipped\""));
    /* a helpdesk's canned answers are no reviews */
    hugi_rc rc;
    assert_int_equal(run("{\"macros\":[{\"title\":\"Refund\",\"description\":\"Say sorry and "
                         "refund\",\"created_at\":\"2025-01-01\"},{\"title\":\"Delay\","
                         "\"description\":\"Explain the delay\",\"created_at\":\"2025-01-02\"}]}",
                         &l, &rc),
                     0);
}

static void test_html_islands(void **state)
{
    (void)state;
    struct lines l;
    /* Astro: every value a [kind, value] pair, an array of kind 1 */
    const char *astro =
        "<html><body><astro-island props=\"{&quot;list&quot;:[1,[[0,{&quot;text&quot;:[0,"
        "&quot;Bright colours&quot;],&quot;rating&quot;:[0,5]}],[0,{&quot;text&quot;:[0,"
        "&quot;Faded after a wash&quot;],&quot;rating&quot;:[0,2]}]]]}\"></astro-island>"
        "</body></html>";
    assert_int_equal(run(astro, &l, NULL), 2);
    assert_true(has(&l, "\"rating\":2"));
    /* Alpine: a script object literal, single-quoted strings with a double quote inside */
    const char *alp = "<html><body><div x-data=\"{ items: [ { body: 'Says &quot;hi&quot; "
                      "kindly', score: 4 }, { body: 'It\\'s loud', score: 2 } ] }\"></div></body>"
                      "</html>";
    assert_int_equal(run(alp, &l, NULL), 2);
    assert_true(has(&l, "Says \\\"hi\\\" kindly"));
    assert_true(has(&l, "It's loud"));
    /* petite-vue's v-scope, a component called with its state */
    const char *pv = "<html><body><div v-scope=\"Widget({ list: [ { body: 'Crisp', score: 5 }, "
                     "{ body: 'Soggy', score: 1 } ] })\"></div></body></html>";
    assert_int_equal(run(pv, &l, NULL), 2);
    assert_true(has(&l, "\"text\":\"Soggy\""));
    /* an iframe's srcdoc page */
    const char *sd = "<html><body><iframe srcdoc=\"&lt;script type=&quot;application/ld+json"
                     "&quot;&gt;{&quot;@type&quot;:&quot;Review&quot;,&quot;reviewBody&quot;:"
                     "&quot;Solid hinge&quot;,&quot;reviewRating&quot;:{&quot;ratingValue&quot;:"
                     "4}}&lt;/script&gt;\"></iframe></body></html>";
    assert_int_equal(run(sd, &l, NULL), 1);
    assert_true(has(&l, "\"text\":\"Solid hinge\""));
}

static void test_forms_and_ratings(void **state)
{
    (void)state;
    struct lines l;
    /* SurveyMonkey-style pages of questions named by their wording */
    const char *sm = "{\"data\":[{\"id\":\"s1\",\"pages\":[{\"questions\":[{\"heading\":\"How "
                     "satisfied were you? (1-5)\",\"answers\":[{\"simple_text\":\"3\"}]},{"
                     "\"heading\":\"Why did you give that score?\",\"answers\":[{\"text\":\"Slow "
                     "courier\"}]}]}]},{\"id\":\"s2\",\"pages\":[{\"questions\":[{\"heading\":"
                     "\"How satisfied were you? (1-5)\",\"answers\":[{\"simple_text\":\"5\"}]},{"
                     "\"heading\":\"Why did you give that score?\",\"answers\":[{\"text\":\"All "
                     "good\"}]}]}]}]}";
    assert_int_equal(run(sm, &l, NULL), 2);
    assert_true(has(&l, "\"id\":\"s1\""));
    assert_true(has(&l, "\"rating\":3"));
    assert_true(has(&l, "\"text\":\"Slow courier\""));
    /* Google Forms-style answers keyed by question id, titled by the form's items, the
     * responses under a name refused for a shop's answers */
    const char *gf = "{\"form\":{\"items\":[{\"title\":\"Comments?\",\"questionItem\":{"
                     "\"question\":{\"questionId\":\"q2\"}}},{\"title\":\"Rating (1-5)\","
                     "\"questionItem\":{\"question\":{\"questionId\":\"q1\"}}}]},\"responses\":[{"
                     "\"responseId\":\"g1\",\"answers\":{\"q1\":{\"questionId\":\"q1\","
                     "\"textAnswers\":{\"answers\":[{\"value\":\"2\"}]}},\"q2\":{\"questionId\":"
                     "\"q2\",\"textAnswers\":{\"answers\":[{\"value\":\"Too sweet\"}]}}}}]}";
    assert_int_equal(run(gf, &l, NULL), 1);
    assert_true(has(&l, "\"id\":\"g1\""));
    assert_true(has(&l, "\"rating\":2"));
    assert_true(has(&l, "\"text\":\"Too sweet\""));
    /* a ticket's numeric satisfaction rating with words is the review, known by the ticket */
    const char *tk = "{\"tickets\":[{\"id\":77,\"subject\":\"Lost\",\"csat\":{\"score\":4,"
                     "\"comment\":\"Found it fast\",\"agent\":{\"id\":5}}},{\"id\":78,\"subject\":"
                     "\"Broken\",\"csat\":{\"score\":1,\"comment\":\"Still broken\"}}]}";
    assert_int_equal(run(tk, &l, NULL), 2);
    assert_true(has(&l, "\"id\":\"77\""));
    assert_true(has(&l, "\"text\":\"Found it fast\""));
    /* a rating offered but not given (a word, not a number) makes no review of a ticket */
    hugi_rc rc;
    assert_int_equal(run("{\"tickets\":[{\"id\":1,\"description\":\"Where is it\","
                         "\"satisfaction_rating\":{\"score\":\"offered\",\"comment\":\"x\"}}]}",
                         &l, &rc),
                     0);
}

static void test_csv_column_groups(void **state)
{
    (void)state;
    struct lines l;
    /* the reply group's date ranks above the review's, but the text's group wins */
    const char *csv = "Note Body,Note Created At,Review Body,Review Written Date,Review Stars\n"
                      "Thanks!,2025-02-02,Solid build,2025-01-01,5\n";
    struct hugi_extract_result res;
    assert_int_equal(extract_run(csv, HUGI_PRESET_CSV, hugi_time_from_civil(2026, 1, 15, 0, 0, 0),
                                 &l, &res, NULL),
                     1);
    hugi_extract_result_release(&res);
    assert_true(has(&l, "\"text\":\"Solid build\""));
    assert_true(has(&l, "\"date\":\"2025-01-01T00:00:00Z\""));
}

static void test_board_rows(void **state)
{
    (void)state;
    struct lines l;
    /* bare rows of a linked subject, a score, a masked writer and a date */
    const char *rows = "<tr><td><a href=\"/r/2\">Smells great and lasts</a></td><td>"
                       "\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x86</td><td>"
                       "jo***</td><td>2025-10-02</td></tr><tr><td><a href=\"/r/1\">Bottle "
                       "arrived cracked</a></td><td>\xe2\x98\x85\xe2\x98\x86\xe2\x98\x86\xe2\x98"
                       "\x86\xe2\x98\x86</td><td>mi***</td><td>2025-10-01</td></tr>";
    assert_int_equal(run(rows, &l, NULL), 2);
    assert_true(has(&l, "\"author\":\"jo***\",\"rating\":4"));
    /* the same rows without a score are a question board's */
    const char *qna = "<tr><td><a href=\"/q/2\">Is it vegan</a></td><td>jo***</td><td>"
                      "2025-10-02</td></tr><tr><td><a href=\"/q/1\">When back in stock</a></td>"
                      "<td>mi***</td><td>2025-10-01</td></tr>";
    hugi_rc rc;
    assert_int_equal(run(qna, &l, &rc), 0);
}

/* 20,000 reviews as column arrays, each author a reference into a table of 20,000 people: one
 * reshape and one index, not a scan of the table a review (seconds under the sanitizers when
 * linear; minutes when quadratic). */
/* head, then n items formatted with fmt from their index (used once or twice; with mod, from
 * 1 + index % mod), comma-joined */
static void add_items(struct hugi_buf *b, const char *head, const char *fmt, int n, int mod)
{
    assert_int_equal(hugi_buf_addstr(b, head), HUGI_OK);
    char tmp[96];
    for (int i = 0; i < n; i++) {
        int v = mod ? 1 + i % mod : i;
        int k = snprintf(tmp, sizeof tmp, fmt, v, v);
        assert_int_equal(hugi_buf_add(b, ",", i ? 1 : 0), HUGI_OK);
        assert_int_equal(hugi_buf_add(b, tmp, (size_t)k), HUGI_OK);
    }
}

static void test_large_columnar_people(void **state)
{
    (void)state;
    enum { N = 20000 };
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    add_items(&b, "{\"reviews\":{\"text\":[", "\"Review number %d is fine\"", N, 0);
    add_items(&b, "],\"rating\":[", "%d", N, 5);
    add_items(&b, "],\"posted_by\":[", "\"u%d\"", N, 0);
    add_items(&b, "]},\"people\":[", "{\"id\":\"u%d\",\"name\":\"Person %d\"}", N, 0);
    assert_int_equal(hugi_buf_addstr(&b, "]}"), HUGI_OK);
    bool named;
    double secs;
    size_t n = run_large(&b, "\"author\":\"Person 0\"", &named, &secs);
    assert_int_equal(n, N);
    assert_true(named);
    assert_true(secs < 60.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_people_tables),     cmocka_unit_test(test_thread_ts),
        cmocka_unit_test(test_columnar),          cmocka_unit_test(test_small_json_rules),
        cmocka_unit_test(test_html_islands),      cmocka_unit_test(test_large_columnar_people),
        cmocka_unit_test(test_forms_and_ratings), cmocka_unit_test(test_csv_column_groups),
        cmocka_unit_test(test_board_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
