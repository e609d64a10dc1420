/* SPDX-License-Identifier: MIT
 * Unit tests for the extraction helpers: date forms, rating forms and scales, the JSON path
 * subset, and hugi_extract() on small inline inputs (dedupe, negative cases, errors). */
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

static int64_t T(int y, int mo, int d, int h, int mi, int s)
{
    return hugi_time_from_civil(y, mo, d, h, mi, s);
}

static int64_t date_of(const char *s, int64_t now)
{
    int64_t t = HUGI_NO_TIME;
    if (!hugi_extract_date(s, strlen(s), now, &t))
        return HUGI_NO_TIME;
    return t;
}

static void test_dates(void **state)
{
    (void)state;
    int64_t now = T(2026, 1, 20, 9, 0, 0);
    assert_int_equal(date_of("2024-01-15", now), T(2024, 1, 15, 0, 0, 0));
    assert_int_equal(date_of("2024-01-15T09:30:00+09:00", now), T(2024, 1, 15, 0, 30, 0));
    assert_int_equal(date_of("2020-06-25T06:14:19.000Z", now), T(2020, 6, 25, 6, 14, 19));
    assert_int_equal(date_of("2024-03-28 02:29:36", now), T(2024, 3, 28, 2, 29, 36));
    assert_int_equal(date_of("1595068319", now), 1595068319);
    assert_int_equal(date_of("1595068319.0", now), 1595068319);
    assert_int_equal(date_of("1446353039660", now), 1446353039);
    assert_int_equal(date_of("01/15/2024", now), T(2024, 1, 15, 0, 0, 0));
    assert_int_equal(date_of("15/01/2024", now), T(2024, 1, 15, 0, 0, 0));
    assert_int_equal(date_of("15.01.2024", now), T(2024, 1, 15, 0, 0, 0));
    assert_int_equal(date_of("2024.01.15.", now), T(2024, 1, 15, 0, 0, 0));
    assert_int_equal(date_of("2024년 1월 15일", now), T(2024, 1, 15, 0, 0, 0));
    assert_int_equal(date_of("2024년 1월 15일 오후 3:05", now), T(2024, 1, 15, 15, 5, 0));
    assert_int_equal(date_of("24.1.15.월", now), T(2024, 1, 15, 0, 0, 0));
    assert_int_equal(date_of("1.11.일", now), T(2026, 1, 11, 0, 0, 0));
    /* no year and later in the year than the fetch: last year */
    assert_int_equal(date_of("12.31.수", now), T(2025, 12, 31, 0, 0, 0));
    assert_int_equal(date_of("3일 전", now), now - 3 * 86400);
    assert_int_equal(date_of("어제", now), now - 86400);
    assert_int_equal(date_of("방금", now), now);
    assert_int_equal(date_of("2 hours ago", now), now - 7200);
    assert_int_equal(date_of("a day ago", now), now - 86400);
    assert_int_equal(date_of("3日前", now), now - 3 * 86400);
    assert_int_equal(date_of("2016年5月8日", now), T(2016, 5, 8, 0, 0, 0));
    assert_int_equal(date_of("2016年5月8日 午前10:00", now), T(2016, 5, 8, 10, 0, 0));
    assert_int_equal(date_of("2012/04/28", now), T(2012, 4, 28, 0, 0, 0));
    assert_int_equal(date_of("Nov 03, 2015", now), T(2015, 11, 3, 0, 0, 0));
    assert_int_equal(date_of("3 November 2015", now), T(2015, 11, 3, 0, 0, 0));
    assert_int_equal(date_of("January 5, 2024 at 3:15 pm", now), T(2024, 1, 5, 15, 15, 0));
    assert_int_equal(date_of("3. März 2024", now), T(2024, 3, 3, 0, 0, 0));
    assert_int_equal(date_of("15 janv. 2024", now), T(2024, 1, 15, 0, 0, 0));
    assert_int_equal(date_of("12 december 2023", now), T(2023, 12, 12, 0, 0, 0));
    assert_int_equal(date_of("5 maj 2022", now), T(2022, 5, 5, 0, 0, 0));
    assert_int_equal(date_of("20240115", now), T(2024, 1, 15, 0, 0, 0));
    /* not dates */
    assert_int_equal(date_of("", now), HUGI_NO_TIME);
    assert_int_equal(date_of("hello", now), HUGI_NO_TIME);
    assert_int_equal(date_of("2024-02-30", now), HUGI_NO_TIME);
    assert_int_equal(date_of("13/45/2024", now), HUGI_NO_TIME);
    assert_int_equal(date_of("Version 18.4.0", now), HUGI_NO_TIME);
}

static double rating_of(const char *s, double scale)
{
    double v = NAN;
    if (!hugi_extract_rating(s, strlen(s), scale, &v))
        return -1;
    return v;
}

static void test_ratings(void **state)
{
    (void)state;
    assert_float_equal(rating_of("4,7 su 5", 0), 4.7, 1e-9);
    assert_float_equal(rating_of("4.5 out of 5 stars", 0), 4.5, 1e-9);
    assert_float_equal(rating_of("8/10", 0), 4.0, 1e-9);
    assert_float_equal(rating_of("5.0 star rating", 0), 5.0, 1e-9);
    assert_float_equal(rating_of("별점 4점", 0), 4.0, 1e-9);
    assert_float_equal(rating_of("5점 만점에 4점", 0), 4.0, 1e-9);
    assert_float_equal(rating_of("2 stars", 0), 2.0, 1e-9);
    assert_float_equal(rating_of("star-4", 0), 4.0, 1e-9);
    assert_float_equal(rating_of("rating-45", 0), 4.5, 1e-9);
    assert_float_equal(rating_of("width: 80%", 0), 4.0, 1e-9);
    assert_float_equal(rating_of("5つ星のうち4つ星で評価しました", 0), 4.0, 1e-9);
    assert_float_equal(rating_of("評価: 星 5.0 個（良い）", 0), 5.0, 1e-9);
    assert_float_equal(rating_of("7", 10), 3.5, 1e-9);
    assert_float_equal(rating_of("4.0", 0), 4.0, 1e-9);
    /* no rating: never 0 */
    assert_float_equal(rating_of("0", 0), -1, 0);
    assert_float_equal(rating_of("no stars yet", 0), -1, 0);
    assert_float_equal(rating_of("", 0), -1, 0);
    assert_float_equal(rating_of("9", 5), -1, 0);
    double out;
    assert_true(hugi_extract_rating_scale(80, 100, 0, &out));
    assert_float_equal(out, 4.0, 1e-9);
    assert_false(hugi_extract_rating_scale(0, 5, 0, &out));
}

struct collect {
    char buf[4096];
    size_t n;
};

static int collect_cb(yajl_val v, void *ctx)
{
    struct collect *c = ctx;
    const char *s = x_jstr(v);
    size_t l = strlen(c->buf);
    snprintf(c->buf + l, sizeof c->buf - l, "%s%s", c->n++ ? "," : "", s ? s : "?");
    return 0;
}

static const char *jp(const char *path, const char *json)
{
    static struct collect c;
    memset(&c, 0, sizeof c);
    char eb[200];
    yajl_val root = x_json_parse(json, strlen(json), eb, sizeof eb);
    assert_non_null(root);
    hugi_rc rc = x_jsonpath_eval(path, root, collect_cb, &c, eb, sizeof eb);
    yajl_tree_free(root);
    if (rc)
        return "ERROR";
    return c.buf;
}

static void test_jsonpath(void **state)
{
    (void)state;
    const char *doc = "{\"a\":{\"b\":[{\"c\":\"x\"},{\"c\":\"y\"},{\"d\":1}]},"
                      "\"k\":{\"c\":\"z\"},\"odd key\":\"q\"}";
    assert_string_equal(jp("$.a.b[*].c", doc), "x,y");
    assert_string_equal(jp("$.a.b[0].c", doc), "x");
    assert_string_equal(jp("$.a.b[-2].c", doc), "y");
    assert_string_equal(jp("$..c", doc), "x,y,z");
    assert_string_equal(jp("$['odd key']", doc), "q");
    assert_string_equal(jp("a.b[2].d", doc), "1");
    assert_string_equal(jp("$.k.*", doc), "z");
    assert_string_equal(jp("$.nope[*]", doc), "");
    assert_string_equal(jp("$.a[", doc), "ERROR");
    assert_string_equal(jp("$.a.", doc), "ERROR");
    assert_string_equal(jp("$[x]", doc), "ERROR");
}

static void test_json_tolerance(void **state)
{
    (void)state;
    char eb[200];
    /* raw newline inside a string, a comment, a CDATA wrapper */
    const char *s = "//<![CDATA[\n{\"a\": \"line1\nline2\" /* note */}\n//]]>";
    yajl_val v = x_json_parse(s, strlen(s), eb, sizeof eb);
    assert_non_null(v);
    assert_string_equal(x_jstr(x_jget(v, "a")), "line1\nline2");
    yajl_tree_free(v);
    /* too deep */
    char deep[2000];
    memset(deep, '[', 1000);
    memset(deep + 1000, ']', 999);
    deep[1999] = 0;
    assert_null(x_json_parse(deep, strlen(deep), eb, sizeof eb));
}

struct lines {
    char out[8192];
    size_t n;
};

static hugi_rc keep(const struct hugi_review *r, void *ctx)
{
    struct lines *l = ctx;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_rc rc = hugi_review_to_json(r, &b);
    if (!rc) {
        size_t have = strlen(l->out);
        snprintf(l->out + have, sizeof l->out - have, "%s", b.data);
    }
    hugi_buf_release(&b);
    l->n++;
    return rc;
}

static size_t run(const char *body, enum hugi_extract_preset p, struct lines *l,
                  struct hugi_extract_result *res, hugi_rc *rcp)
{
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.preset = p;
    o.name = "t";
    o.fetched_at = T(2026, 1, 20, 0, 0, 0);
    memset(l, 0, sizeof *l);
    struct hugi_err err;
    hugi_rc rc = hugi_extract(body, strlen(body), &o, keep, l, res, &err);
    if (rcp)
        *rcp = rc;
    return l->n;
}

static void test_extract_small(void **state)
{
    (void)state;
    struct lines l;
    struct hugi_extract_result res;
    hugi_rc rc;
    /* the same review in two JSON-LD blocks: once */
    const char *two = "<script type=\"application/ld+json\">{\"@type\":\"Review\",\"author\":\"A\","
                      "\"reviewBody\":\"good\",\"reviewRating\":{\"ratingValue\":\"4\"}}</script>"
                      "<script type=\"application/ld+json\">{\"@type\":\"Review\",\"author\":\"A\","
                      "\"reviewBody\":\"good\",\"reviewRating\":{\"ratingValue\":\"4\"}}</script>";
    assert_int_equal(run(two, HUGI_PRESET_AUTO, &l, &res, &rc), 1);
    assert_int_equal(res.nduplicates, 1);
    assert_int_equal(res.used, HUGI_PRESET_JSONLD);
    hugi_extract_result_release(&res);
    /* AggregateRating under itemprop="reviews": no review */
    const char *agg =
        "<div itemscope itemtype=\"http://schema.org/Recipe\"><div itemprop=\"reviews\" "
        "itemscope itemtype=\"http://schema.org/AggregateRating\"><span "
        "itemprop=\"ratingValue\">2.8</span></div></div>";
    assert_int_equal(run(agg, HUGI_PRESET_AUTO, &l, &res, &rc), 0);
    assert_int_equal(rc, HUGI_OK);
    assert_int_equal(res.used, HUGI_PRESET_MICRODATA);
    hugi_extract_result_release(&res);
    /* App Store JSON with a bad content */
    const char *bad =
        "{\"feed\":{\"entry\":[{\"im:rating\":{\"label\":\"5\"},\"content\":{\"label\":\"ok\"}},"
        "{\"im:rating\":{\"label\":\"1\"},\"content\":{\"label\":[1]}}]}}";
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.name = "page.json";
    struct hugi_err err;
    memset(&l, 0, sizeof l);
    rc = hugi_extract(bad, strlen(bad), &o, keep, &l, &res, &err);
    assert_int_equal(rc, HUGI_E_PARSE);
    assert_string_equal(err.where, "page.json: $.feed.entry[1].content");
    assert_string_equal(err.msg, "expected a string");
    hugi_extract_result_release(&res);
    /* EUC-KR declared in meta: converted */
    const char *euc =
        "<meta charset=\"euc-kr\"><div itemscope itemtype=\"http://schema.org/Review\">"
        "<span itemprop=\"reviewBody\">\xc1\xc1\xbe\xc6\xbf\xe4</span></div>";
    assert_int_equal(run(euc, HUGI_PRESET_AUTO, &l, &res, &rc), 1);
    assert_non_null(strstr(l.out, "\"text\":\"좋아요\""));
    assert_string_equal(res.charset, "CP949");
    hugi_extract_result_release(&res);
    /* nothing known */
    run("just words", HUGI_PRESET_JSONL, &l, &res, &rc);
    assert_int_equal(rc, HUGI_E_PARSE);
    hugi_extract_result_release(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),         cmocka_unit_test(test_ratings),
        cmocka_unit_test(test_jsonpath),      cmocka_unit_test(test_json_tolerance),
        cmocka_unit_test(test_extract_small),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
