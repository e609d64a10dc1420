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
#include <time.h>

#include "extract_int.h"
#include "hugi/extract.h"

#include "extract_rounds.h"

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
    assert_int_equal(date_of("한 달 전", now), now - 30 * 86400);
    /* a month of a year is its first day, unless it says when someone joined */
    assert_int_equal(date_of("November 2024", now), T(2024, 11, 1, 0, 0, 0));
    assert_int_equal(date_of("2024년 10월", now), T(2024, 10, 1, 0, 0, 0));
    assert_int_equal(date_of("Member since March 2019", now), HUGI_NO_TIME);
    assert_int_equal(date_of("Joined Oct 2020", now), HUGI_NO_TIME);
    assert_int_equal(date_of("2019년 3월 가입", now), HUGI_NO_TIME);
    assert_int_equal(date_of("한달 전", now), now - 30 * 86400);
    assert_int_equal(date_of("두 시간 전", now), now - 7200);
    assert_int_equal(date_of("하루 전", now), now - 86400);
    assert_int_equal(date_of("이틀 전", now), now - 2 * 86400);
    assert_int_equal(date_of("일주일 전", now), now - 7 * 86400);
    assert_int_equal(date_of("한참 전", now), HUGI_NO_TIME);
    assert_int_equal(date_of("202401051430", now), T(2024, 1, 5, 14, 30, 0));
    assert_int_equal(date_of("20240105143005", now), T(2024, 1, 5, 14, 30, 5));
    assert_int_equal(date_of("20241305143005", now), HUGI_NO_TIME); /* month 13 */
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
    /* Spanish, Italian, Portuguese, Dutch and German relative forms, "one" as a word */
    assert_int_equal(date_of("hace 3 días", now), now - 3 * 86400);
    assert_int_equal(date_of("hace un mes", now), now - 2592000);
    assert_int_equal(date_of("3 giorni fa", now), now - 3 * 86400);
    assert_int_equal(date_of("2 settimane fa", now), now - 2 * 604800);
    assert_int_equal(date_of("há 2 dias", now), now - 2 * 86400);
    assert_int_equal(date_of("5 uur geleden", now), now - 5 * 3600);
    assert_int_equal(date_of("vor einem Tag", now), now - 86400);
    assert_int_equal(date_of("il y a une semaine", now), now - 604800);
    /* Polish and Russian month names, genitive and nominative, Cyrillic capitals folded */
    assert_int_equal(date_of("8 maja 2016", now), T(2016, 5, 8, 0, 0, 0));
    assert_int_equal(date_of("12 pa\xc5\xba"
                             "dziernika 2023",
                             now),
                     T(2023, 10, 12, 0, 0, 0));
    assert_int_equal(date_of("8 \xd0\xbc\xd0\xb0\xd1\x8f 2016 \xd0\xb3.", now),
                     T(2016, 5, 8, 0, 0, 0));
    assert_int_equal(date_of("3 \xd0\xaf\xd0\xbd\xd0\xb2\xd0\xb0\xd1\x80\xd1\x8f 2024", now),
                     T(2024, 1, 3, 0, 0, 0));
    /* no year: never after the fetch time */
    assert_int_equal(date_of("Mar 5", now), T(2025, 3, 5, 0, 0, 0));
    assert_int_equal(date_of("Jan 19", now), T(2026, 1, 19, 0, 0, 0));
    assert_int_equal(date_of("3월 5일", now), T(2025, 3, 5, 0, 0, 0));
    /* two-digit years with dots: the recent reading ("24.03.05" Korean, "05.03.24" German) */
    assert_int_equal(date_of("24.03.05.", now), T(2024, 3, 5, 0, 0, 0));
    assert_int_equal(date_of("05.03.24", now), T(2024, 3, 5, 0, 0, 0));
    assert_int_equal(date_of("05.03.2024", now), T(2024, 3, 5, 0, 0, 0));
    assert_int_equal(date_of("2024-03-05T10:00:00+09:00", now), T(2024, 3, 5, 1, 0, 0));
    assert_int_equal(date_of("March 5, 2024", now), T(2024, 3, 5, 0, 0, 0));
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
    assert_float_equal(rating_of("별점 5점 중 3점", 0), 3.0, 1e-9);
    assert_float_equal(rating_of("2 stars", 0), 2.0, 1e-9);
    assert_float_equal(rating_of("star-4", 0), 4.0, 1e-9);
    assert_float_equal(rating_of("rating-45", 0), 4.5, 1e-9);
    assert_float_equal(rating_of("width: 80%", 0), 4.0, 1e-9);
    assert_float_equal(rating_of("5つ星のうち4つ星で評価しました", 0), 4.0, 1e-9);
    assert_float_equal(rating_of("評価: 星 5.0 個（良い）", 0), 5.0, 1e-9);
    assert_float_equal(rating_of("7", 10), 3.5, 1e-9);
    assert_float_equal(rating_of("\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x86", 0),
                       4.0, 1e-9);
    assert_float_equal(rating_of("\xe2\x98\x85 \xe2\x98\x85 \xe2\x98\x85", 0), 3.0, 1e-9);
    assert_float_equal(rating_of("\xe2\x98\x85\xe2\x98\x86\xe2\x98\x86\xe2\x98\x86\xe2\x98\x86\xe2"
                                 "\x98\x86\xe2\x98\x86\xe2\x98\x86\xe2\x98\x86\xe2\x98\x86",
                                 0),
                       1.0, 1e-9);
    assert_float_equal(rating_of("\xe2\x98\x86\xe2\x98\x86", 0), -1, 1e-9);
    assert_float_equal(rating_of("\xe2\x98\x85 great", 0), -1, 1e-9);
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
    x_json_free(root);
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
    x_json_free(v);
    /* too deep */
    char deep[2000];
    memset(deep, '[', 1000);
    memset(deep + 1000, ']', 999);
    deep[1999] = 0;
    assert_null(x_json_parse(deep, strlen(deep), eb, sizeof eb));
}

/* Script literals: JavaScript's own words and unquoted keys in page state, and a Nuxt 2 state
 * function whose parameters stand for its call's arguments. Broken forms fail cleanly. */
static void test_js_literals(void **state)
{
    (void)state;
    char eb[200];
    size_t end = 0;
    const char *s = "{a:1,\"b\":undefined,c:void 0,d:!0,e:!1,f:new Date(17),g:unknown};rest";
    yajl_val v = x_json_read_prefix(s, strlen(s), &end, eb, sizeof eb);
    assert_non_null(v);
    assert_int_equal(end, strlen(s) - 5);
    double d;
    assert_true(x_jnum(x_jget(v, "a"), &d) && d == 1);
    assert_true(YAJL_IS_NULL(x_jget(v, "b")) && YAJL_IS_NULL(x_jget(v, "c")));
    assert_true(YAJL_IS_TRUE(x_jget(v, "d")) && YAJL_IS_FALSE(x_jget(v, "e")));
    assert_true(x_jnum(x_jget(v, "f"), &d) && d == 17);
    assert_true(YAJL_IS_NULL(x_jget(v, "g")));
    x_json_free(v);
    /* plain JSON files stay strict about bare words */
    assert_null(x_json_parse("{\"a\":undefined}", 15, eb, sizeof eb));
    const char *call = "(function(a,b,c){return {x:a,y:[b,c],z:\"}\"}}(5,\"two\"));";
    v = x_json_read_js_call(call, strlen(call), &end, eb, sizeof eb);
    assert_non_null(v);
    assert_true(x_jnum(x_jget(v, "x"), &d) && d == 5);
    assert_string_equal(x_jstr(x_jget(v, "y")->u.array.values[0]), "two");
    assert_true(YAJL_IS_NULL(x_jget(v, "y")->u.array.values[1])); /* no argument: undefined */
    assert_string_equal(x_jstr(x_jget(v, "z")), "}");
    x_json_free(v);
    static const char *const bad[] = {"(function(a){return {x:a}}", "(function(a{return 1}(2))",
                                      "(function(a){return}(1))", "(function(", "(function(a,){"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        v = x_json_read_js_call(bad[i], strlen(bad[i]), &end, eb, sizeof eb);
        x_json_free(v);
    }
}

static const char *field_of(const char *key)
{
    const char *f = x_field_for_key(key, strlen(key), NULL);
    return f ? f : "-";
}

/* Column and key names: exact names in several languages, then the words inside a name, with
 * what belongs to somebody else (a reply) or is not a field value (ids, counts) ruled out. */
static void test_field_names(void **state)
{
    (void)state;
    assert_string_equal(field_of("reviewText"), "text");
    assert_string_equal(field_of("Star Rating"), "rating");
    assert_string_equal(field_of("\xed\x8f\x89\xec\xa0\x90"), "rating"); /* 평점 */
    assert_string_equal(field_of("\xeb\xa6\xac\xeb\xb7\xb0 \xeb\x82\xb4\xec\x9a\xa9"),
                        "text"); /* 리뷰 내용 */
    assert_string_equal(field_of("\xc3\x9c"
                                 "berschrift"),
                        "title"); /* Überschrift */
    assert_string_equal(field_of("Review Stars"), "rating");
    assert_string_equal(field_of("Review Created (UTC)"), "date");
    assert_string_equal(field_of("reviewerNickName"), "author");
    assert_string_equal(field_of("\xea\xb5\xac\xeb\xa7\xa4\xec\x9e\x90 \xec\x9d\xb4\xeb\xa6\x84"),
                        "author"); /* 구매자 이름 */
    /* round twelve: a zoned date before the local one, a published version's stem, clipped
     * and platform names */
    int r1 = 0, r2 = 0;
    assert_string_equal(x_field_for_key("date_gmt", 8, &r1), "date");
    assert_string_equal(x_field_for_key("date", 4, &r2), "date");
    assert_true(r1 < r2);
    assert_string_equal(field_of("review_text_published"), "text");
    assert_string_equal(field_of("five_star_rating_published"), "rating");
    assert_string_equal(field_of("date_published"), "date");
    assert_string_equal(field_of("recomRegDts"), "date");
    assert_string_equal(field_of("postngId"), "id");
    assert_string_equal(field_of("parent_article_no"), "-");
    assert_string_equal(field_of("objectID"), "id");
    assert_string_equal(field_of("comment_rank"), "rating");
    assert_string_equal(field_of("like_num"), "likes");
    assert_string_equal(field_of("Review Consumer User"), "author");
    assert_string_equal(field_of("lastModified"), "date");
    assert_string_equal(field_of("modifiedBy"), "-");
    assert_string_equal(field_of("replyContent"), "-");
    assert_string_equal(field_of("developerResponse"), "-");
    assert_string_equal(field_of("userId"), "-");
    assert_string_equal(field_of("reviewCount"), "-");
    assert_string_equal(field_of("startDate"), "-");
    assert_string_equal(field_of("@context"), "-");
    /* a product's name is the review's product when no id is given (never its author) */
    assert_string_equal(field_of("productName"), "product");
    assert_string_equal(field_of("productNo"), "product");
    assert_string_equal(field_of("writerMemberId"), "author");
    assert_string_equal(field_of("buyerFeedback"), "text");
    assert_string_equal(field_of("buyerEval"), "rating");
    assert_string_equal(field_of("evaluationId"), "id");
    /* clipped words of Korean shops' back ends */
    assert_string_equal(field_of("gdasCont"), "text");
    assert_string_equal(field_of("gdasScrVal"), "rating");
    assert_string_equal(field_of("evlPnt"), "rating");
    assert_string_equal(field_of("mbrNickNm"), "author");
    assert_string_equal(field_of("wrtr_nm"), "author");
    assert_string_equal(field_of("regDt"), "date");
    assert_string_equal(field_of("gdasSeq"), "id");
    assert_string_equal(field_of("itemReviewNo"), "id");
    assert_string_equal(field_of("ordNo"), "-");
    assert_string_equal(field_of("mbrNo"), "-");
    assert_string_equal(field_of("dlvCont"), "-");
    assert_string_equal(field_of("qnaCont"), "-");
    assert_string_equal(field_of("replyCont"), "-");
    assert_string_equal(field_of("prdNm"), "-");
    /* the comment answered, never the review's own id */
    assert_string_equal(field_of("parentCommentId"), "parent_id");
    assert_string_equal(field_of("reply_to_reply_id"), "parent_id");
    assert_string_equal(field_of("in_reply_to_id"), "parent_id");
    assert_string_equal(field_of("replyCommentCount"), "-");
    assert_string_equal(field_of("written_date"), "date");
    assert_string_equal(field_of("extendedText"), "text");
    assert_string_equal(field_of("promoEndDate"), "-");
    assert_string_equal(field_of("end_time"), "-");
    assert_string_equal(field_of("\xea\xb5\xac\xeb\xa7\xa4\xec\x9d\xbc\xec\x9e\x90"),
                        "date"); /* 구매일자 */
}

/* The word-at-a-time validity check agrees with hugi_utf8_valid on every prefix of mixed text,
 * truncated sequences and stray bytes included. */
static void test_utf8_valid(void **state)
{
    (void)state;
    static const char *const samples[] = {
        "plain ascii text that is longer than eight bytes",
        "caf\xc3\xa9 and \xed\x95\x9c\xea\xb8\x80 mixed with ascii runs of various lengths",
        "\xf0\x9f\x98\x80\xf0\x9f\x98\x80 emoji",
        "bad \xc3 then ascii",
        "overlong \xc0\xaf here",
        "surrogate \xed\xa0\x80 here",
        "cp949 \xb0\xa1\xb3\xaa bytes",
    };
    for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++) {
        size_t n = strlen(samples[k]);
        for (size_t cut = 0; cut <= n; cut++)
            for (size_t st = 0; st < 9 && st <= cut; st++)
                assert_int_equal(x_utf8_valid(samples[k] + st, cut - st),
                                 hugi_utf8_valid(samples[k] + st, cut - st));
    }
}

/* The arena reader: what yajl_tree gave, plus the tolerance real pages need. */
static void test_json_reader(void **state)
{
    (void)state;
    char eb[200];
    const char *s = "{\"s\": \"\\ud83d\\ude00|\\ud800|\\u0000|\\'|\\q|\\/|\\u00e9\", "
                    "\"n\": [1, -2.5e3, 0,], \"o\": {\"t\": true, \"f\": false, \"z\": null,},"
                    " \"s\": \"second\"}";
    yajl_val v = x_json_read(s, strlen(s), eb, sizeof eb);
    assert_non_null(v);
    assert_true(YAJL_IS_OBJECT(v));
    /* a repeated key is kept twice, in order, as yajl_tree does: x_jget finds the first */
    assert_int_equal(v->u.object.len, 4);
    assert_string_equal(x_jstr(x_jget(v, "s")),
                        "\xf0\x9f\x98\x80|\xef\xbf\xbd|\xef\xbf\xbd|'|q|/|\xc3\xa9");
    yajl_val n = x_jget(v, "n");
    assert_true(YAJL_IS_ARRAY(n));
    assert_int_equal(n->u.array.len, 3);
    assert_string_equal(n->u.array.values[1]->u.number.r, "-2.5e3");
    assert_true(n->u.array.values[1]->u.number.d == -2500.0);
    assert_true(YAJL_IS_TRUE(x_jpath(v, "o.t")));
    assert_true(YAJL_IS_FALSE(x_jpath(v, "o.f")));
    assert_true(YAJL_IS_NULL(x_jpath(v, "o.z")));
    x_json_free(v);
    /* empty containers */
    v = x_json_read("[{},[]]", 7, eb, sizeof eb);
    assert_non_null(v);
    assert_int_equal(v->u.array.len, 2);
    assert_int_equal(v->u.array.values[0]->u.object.len, 0);
    x_json_free(v);
    /* what stays an error, with a place */
    static const char *const bad[] = {"{\"a\" 1}", "[1 2]", "{\"a\":}", "\"open",
                                      "[1,,2]",    "tru",   "[1]x",     "{1:2}",
                                      "-",         "1.",    "[",        "{\"a\":1,"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        eb[0] = 0;
        assert_null(x_json_read(bad[i], strlen(bad[i]), eb, sizeof eb));
        assert_true(eb[0] != 0);
    }
    assert_non_null(strstr((x_json_read("[1 2]", 5, eb, sizeof eb), eb), "at byte 3"));
    assert_non_null(strstr((x_json_read("[1,", 3, eb, sizeof eb), eb), "premature end"));
    x_json_free(NULL);
}

static void test_extract_small(void **state)
{
    (void)state;
    const int64_t now = T(2026, 1, 20, 0, 0, 0);
    struct lines l;
    struct hugi_extract_result res;
    hugi_rc rc;
    /* the same review in two JSON-LD blocks: once */
    const char *two = "<script type=\"application/ld+json\">{\"@type\":\"Review\",\"author\":\"A\","
                      "\"reviewBody\":\"good\",\"reviewRating\":{\"ratingValue\":\"4\"}}</script>"
                      "<script type=\"application/ld+json\">{\"@type\":\"Review\",\"author\":\"A\","
                      "\"reviewBody\":\"good\",\"reviewRating\":{\"ratingValue\":\"4\"}}</script>";
    assert_int_equal(extract_run(two, HUGI_PRESET_AUTO, now, &l, &res, &rc), 1);
    assert_int_equal(res.nduplicates, 1);
    assert_int_equal(res.used, HUGI_PRESET_JSONLD);
    hugi_extract_result_release(&res);
    /* AggregateRating under itemprop="reviews": no review */
    const char *agg =
        "<div itemscope itemtype=\"http://schema.org/Recipe\"><div itemprop=\"reviews\" "
        "itemscope itemtype=\"http://schema.org/AggregateRating\"><span "
        "itemprop=\"ratingValue\">2.8</span></div></div>";
    assert_int_equal(extract_run(agg, HUGI_PRESET_AUTO, now, &l, &res, &rc), 0);
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
    assert_int_equal(extract_run(euc, HUGI_PRESET_AUTO, now, &l, &res, &rc), 1);
    assert_non_null(strstr(l.out, "\"text\":\"좋아요\""));
    assert_string_equal(res.charset, "CP949");
    hugi_extract_result_release(&res);
    /* nothing known */
    extract_run("just words", HUGI_PRESET_JSONL, now, &l, &res, &rc);
    assert_int_equal(rc, HUGI_E_PARSE);
    hugi_extract_result_release(&res);
}

struct refs_seen {
    size_t n, resolved;
};

static hugi_rc check_refs(const struct hugi_review *r, void *ctx)
{
    struct refs_seen *c = ctx;
    char want[64];
    snprintf(want, sizeof want, "%zu", c->n);
    const char *p = r->product ? strstr(r->product, "SKU") : NULL;
    const char *a = r->author ? strstr(r->author, "Name ") : NULL;
    if (p && a && strcmp(p + 3, want) == 0 && strcmp(a + 5, want) == 0)
        c->resolved++;
    c->n++;
    return HUGI_OK;
}

/* A large @graph whose reviews each point at their own author and product node: every
 * reference resolved, in time linear in the page (it used to rescan the document per review:
 * 35 s for 20000 reviews). */
static void test_jsonld_many_refs(void **state)
{
    (void)state;
    enum { N = 20000 };
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_rc rc = hugi_buf_addf(&b, "<script type=\"application/ld+json\">{\"@graph\":[");
    for (size_t i = 0; !rc && i < N; i++)
        rc = hugi_buf_addf(&b,
                           "{\"@type\":\"Review\",\"reviewBody\":\"text %zu\",\"reviewRating\":"
                           "{\"ratingValue\":4},\"author\":{\"@id\":\"#a%zu\"},"
                           "\"itemReviewed\":{\"@id\":\"#p%zu\"}},",
                           i, i, i);
    for (size_t i = 0; !rc && i < N; i++)
        rc = hugi_buf_addf(&b,
                           "{\"@id\":\"#a%zu\",\"@type\":\"Person\",\"name\":\"Name %zu\"},"
                           "{\"@id\":\"#p%zu\",\"@type\":\"Product\",\"sku\":\"SKU%zu\"}%s",
                           i, i, i, i, i + 1 < N ? "," : "");
    if (!rc)
        rc = hugi_buf_addf(&b, "]}</script>");
    assert_int_equal(rc, HUGI_OK);
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.name = "t";
    struct hugi_extract_result res;
    struct hugi_err err;
    struct refs_seen c = {0};
    clock_t t0 = clock();
    rc = hugi_extract(b.data, b.len, &o, check_refs, &c, &res, &err);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_int_equal(rc, HUGI_OK);
    assert_int_equal(c.n, N);
    assert_int_equal(c.resolved, N);
    assert_true(secs < 5.0);
    hugi_extract_result_release(&res);
    hugi_buf_release(&b);
}

/* Script code with a million `= {` that are not JSON: each is tried and fails at its first
 * token, in time linear in the page (each attempt used to allocate a block the size of the rest
 * of the script, up to 4 MiB: minutes under ASan for 4 MB). */
static void test_script_state_many_attempts(void **state)
{
    (void)state;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_rc rc = hugi_buf_addstr(&b, "<html><p>x</p><script>");
    for (size_t i = 0; !rc && i < (1u << 20); i++)
        rc = hugi_buf_addstr(&b, "a={x");
    if (!rc)
        rc = hugi_buf_addstr(&b, "</script></html>");
    assert_int_equal(rc, HUGI_OK);
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.name = "t";
    struct hugi_extract_result res;
    struct hugi_err err;
    struct refs_seen c = {0};
    clock_t t0 = clock();
    rc = hugi_extract(b.data, b.len, &o, check_refs, &c, &res, &err);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_int_equal(rc, HUGI_E_NOTFOUND);
    assert_int_equal(c.n, 0);
    assert_true(secs < 20.0);
    hugi_extract_result_release(&res);
    hugi_buf_release(&b);
}

/* 100,000 state functions that never close, and 20,000 nested in each other, in one script:
 * the first failure ends the look for more (each would scan the rest of the script again). */
static void test_script_state_functions(void **state)
{
    (void)state;
    static const char *const unit[] = {"a=(function(){return {x:'", "a=(function(){"};
    for (size_t u = 0; u < 2; u++) {
        struct hugi_buf b;
        hugi_buf_init(&b, 0);
        hugi_rc rc = hugi_buf_addstr(&b, "<html><p>x</p><script>");
        for (size_t i = 0; !rc && i < (u ? 20000u : 100000u); i++)
            rc = hugi_buf_addstr(&b, unit[u]);
        if (!rc)
            rc = hugi_buf_addstr(&b, "</script></html>");
        assert_int_equal(rc, HUGI_OK);
        struct hugi_extract_opts o;
        hugi_extract_opts_init(&o);
        o.name = "t";
        struct hugi_extract_result res;
        struct hugi_err err;
        struct refs_seen c = {0};
        clock_t t0 = clock();
        rc = hugi_extract(b.data, b.len, &o, check_refs, &c, &res, &err);
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        assert_int_equal(rc, HUGI_E_NOTFOUND);
        assert_int_equal(c.n, 0);
        assert_true(secs < 20.0);
        hugi_extract_result_release(&res);
        hugi_buf_release(&b);
    }
}

/* 100,000 tags that never close ("<a x=\"" to the end of the page): the look for component
 * props in data-* attributes reads to the end once, not once per '<' (minutes for 1 MB). */
static void test_unclosed_tags(void **state)
{
    (void)state;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_rc rc = hugi_buf_addstr(&b, "<html><body>");
    for (size_t i = 0; !rc && i < 100000; i++)
        rc = hugi_buf_addstr(&b, "<a x=\"");
    assert_int_equal(rc, HUGI_OK);
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.name = "t";
    struct hugi_extract_result res;
    struct hugi_err err;
    struct refs_seen c = {0};
    clock_t t0 = clock();
    rc = hugi_extract(b.data, b.len, &o, check_refs, &c, &res, &err);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_int_not_equal(rc, HUGI_OK);
    assert_int_equal(c.n, 0);
    assert_true(secs < 5.0);
    hugi_extract_result_release(&res);
    hugi_buf_release(&b);
}

struct parts_seen {
    size_t n, longest, joined;
};

static hugi_rc count_parts(const struct hugi_review *r, void *ctx)
{
    struct parts_seen *c = ctx;
    size_t l = r->text ? strlen(r->text) : 0;
    c->n++;
    if (l > c->longest)
        c->longest = l;
    if (r->text && strchr(r->text, '\n'))
        c->joined++;
    return HUGI_OK;
}

/* A listing whose reviews print their body in parts of one class ("Liked" / "Disliked"), one
 * review's parts long (over 600 KB each, as a single text may be up to 4 MiB): the parts are
 * joined as far as they fit, the page is read, not failed with "limit exceeded". */
static void test_listing_long_text_parts(void **state)
{
    (void)state;
    static const char *const who[] = {"Rosa", "Ilya", "Dana"};
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_rc rc = hugi_buf_addstr(&b, "<html><body><ul class=\"stay-reviews\">");
    for (size_t i = 0; !rc && i < 3; i++) {
        rc = hugi_buf_addf(&b,
                           "<li class=\"stay-review\"><span class=\"stay-review__author\">%s</span>"
                           "<span class=\"stay-review__date\">Reviewed: %zu May 2024</span>"
                           "<div class=\"stay-review__score-badge\">%zu.0</div>",
                           who[i], i + 3, i + 6);
        for (size_t part = 0; !rc && part < 2; part++) {
            rc = hugi_buf_addf(&b,
                               "<p class=\"stay-review__line\"><span class=\"stay-review__label\">"
                               "%s</span> <span class=\"stay-review__body\">",
                               part ? "Disliked" : "Liked");
            for (size_t k = 0; !rc && k < (i ? 1u : 20000u); k++)
                rc = hugi_buf_addstr(&b, part ? "The room was small and the bed hard. "
                                              : "Great breakfast with a view of the harbour. ");
            if (!rc)
                rc = hugi_buf_addstr(&b, "</span></p>");
        }
        if (!rc)
            rc = hugi_buf_addstr(&b, "</li>");
    }
    if (!rc)
        rc = hugi_buf_addstr(&b, "</ul></body></html>");
    assert_int_equal(rc, HUGI_OK);
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.name = "t";
    o.preset = HUGI_PRESET_LISTING;
    struct hugi_extract_result res;
    struct hugi_err err;
    struct parts_seen c = {0};
    rc = hugi_extract(b.data, b.len, &o, count_parts, &c, &res, &err);
    assert_int_equal(rc, HUGI_OK);
    assert_int_equal(c.n, 3);
    assert_true(c.longest > 600000);
    assert_int_equal(c.joined, 2); /* the short ones joined; the long one's parts do not fit */
    hugi_extract_result_release(&res);
    hugi_buf_release(&b);
}

/* The field-name table extract and import share: normalisation, ranks, export-only names. */
static void test_shared_field_table(void **state)
{
    (void)state;
    int rank = -1;
    assert_int_equal(hugi_extract_field_of_name("Star Rating", 11, 0, &rank), HUGI_XF_RATING);
    assert_int_equal(rank, 1);
    assert_int_equal(hugi_extract_field_of_name("\xef\xbb\xbfreview_id", 12, 0, NULL), HUGI_XF_ID);
    assert_int_equal(hugi_extract_field_of_name("\xeb\xa6\xac\xeb\xb7\xb0 \xeb\x82\xb4\xec\x9a\xa9",
                                                13, 0, NULL),
                     HUGI_XF_TEXT); /* 리뷰 내용 */
    assert_int_equal(hugi_extract_field_of_name("User ID", 7, HUGI_XF_HEADER, NULL),
                     HUGI_XF_AUTHOR);
    assert_int_equal(hugi_extract_field_of_name("userId", 6, 0, NULL), HUGI_XF_NONE);
    assert_int_equal(hugi_extract_field_of_name("\xec\x83\x81\xed\x92\x88\xeb\xaa\x85", 9, 0, NULL),
                     HUGI_XF_PRODUCT_NAME); /* 상품명 */
    assert_int_equal(hugi_extract_field_of_name("date_raw", 8, 0, NULL), HUGI_XF_DATE_RAW);
    assert_int_equal(hugi_extract_field_of_name("foo", 3, 0, NULL), HUGI_XF_NONE);
    assert_int_equal(hugi_extract_field_of_name("", 0, 0, NULL), HUGI_XF_NONE);
    assert_string_equal(hugi_extract_field_name(HUGI_XF_PARENT_ID), "parent_id");
    assert_null(hugi_extract_field_name(HUGI_XF_COUNT));
    char out[4];
    assert_int_equal(hugi_extract_name_norm("Rating", 6, out, sizeof out), 3);
    assert_string_equal(out, "rat");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_ratings),
        cmocka_unit_test(test_jsonpath),
        cmocka_unit_test(test_json_tolerance),
        cmocka_unit_test(test_json_reader),
        cmocka_unit_test(test_js_literals),
        cmocka_unit_test(test_field_names),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_extract_small),
        cmocka_unit_test(test_jsonld_many_refs),
        cmocka_unit_test(test_script_state_many_attempts),
        cmocka_unit_test(test_script_state_functions),
        cmocka_unit_test(test_unclosed_tags),
        cmocka_unit_test(test_listing_long_text_parts),
        cmocka_unit_test(test_shared_field_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
