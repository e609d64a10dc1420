/* SPDX-License-Identifier: MIT
 * Regression tests for the defects review10 found in session nine's changes: each case failed
 * before its fix (the commit naming the defect says which). */
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
#include "hugi/sent.h"

struct seen {
    size_t n;
    char last_parent[64];
};

static hugi_rc keep(const struct hugi_review *r, void *ctx)
{
    struct seen *s = ctx;
    s->n++;
    snprintf(s->last_parent, sizeof s->last_parent, "%s", r->parent_id ? r->parent_id : "");
    return HUGI_OK;
}

/* A forum topic's replies name their parent by post number (extract_json.c numbered_parent):
 * 8000 replies to posts the page does not hold cost 8000² item visits before the fix (minutes
 * under ASan); the last post, answering post 1, still finds its parent. */
static void test_numbered_parent_linear(void **state)
{
    (void)state;
    enum { N = 8000 };
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    assert_int_equal(hugi_buf_addstr(&b, "{\"post_stream\":{\"posts\":["), HUGI_OK);
    for (int i = 1; i <= N; i++) {
        int to = i == N ? 1 : N + 100 + i;
        assert_int_equal(hugi_buf_addf(&b,
                                       "%s{\"id\":\"p%d\",\"text\":\"good pan number %d\","
                                       "\"post_number\":%d,\"reply_to_post_number\":%d}",
                                       i > 1 ? "," : "", i, i, i, to),
                         HUGI_OK);
    }
    assert_int_equal(hugi_buf_addstr(&b, "]}}"), HUGI_OK);
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.name = "t";
    struct seen s;
    memset(&s, 0, sizeof s);
    struct hugi_err err;
    struct hugi_extract_result res;
    clock_t t0 = clock();
    hugi_rc rc = hugi_extract(b.data, b.len, &o, keep, &s, &res, &err);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    hugi_extract_result_release(&res);
    hugi_buf_release(&b);
    assert_int_equal(rc, HUGI_OK);
    assert_int_equal(s.n, N);
    assert_string_equal(s.last_parent, "p1");
    /* linear: well under a second without sanitizers; quadratic: minutes */
    assert_true(secs < 20.0);
}

/* A page's JSON list led by an object of small whole numbers (a pager: `{"page":1,"pages":2}`)
 * read as a Nuxt devalue payload (extract_devalue.c devalue_shape) lost its reviews: the
 * indices were followed, the list rebuilt as {"page": <review 1>, "pages": <review 2>}. In a
 * payload every object holds indices only; here the reviews hold strings. */
static void test_devalue_not_a_pager(void **state)
{
    (void)state;
    char eb[120];
    hugi_rc rc;
    const char *p = "[{\"page\":1,\"pages\":2},{\"text\":\"great pan\",\"rating\":5},"
                    "{\"text\":\"the lid cracked\",\"rating\":1}]";
    yajl_val v = x_json_parse(p, strlen(p), eb, sizeof eb);
    assert_non_null(v);
    yajl_val d = x_json_devalue(v, &rc);
    assert_int_equal(rc, HUGI_OK);
    assert_null(d);
    x_json_free(d);
    x_json_free(v);
    /* a payload whose root is an object of indices still is one */
    const char *q = "[{\"data\":1},{\"reviews\":2},[3],{\"text\":4,\"rating\":5},\"good\",4]";
    v = x_json_parse(q, strlen(q), eb, sizeof eb);
    assert_non_null(v);
    d = x_json_devalue(v, &rc);
    assert_non_null(d);
    assert_string_equal(x_jstr(x_jget(x_jpath(d, "data.reviews")->u.array.values[0], "text")),
                        "good");
    x_json_free(d);
    x_json_free(v);
}

/* A long Korean text of complaint words each denied after them (냄새 없어요, ko9's prepare):
 * each denied span was inserted into the rule words' list by walking it back from its end, the
 * text's length squared (60000 of them: half a minute under ASan); a merge is linear. */
static void test_ko_denied_linear(void **state)
{
    (void)state;
    static const char lex[] = "냄새\t-1.0\trule\n좋아요\t1.0\trule\n";
    struct hugi_sent *m = hugi_sent_new();
    struct hugi_err err;
    assert_non_null(m);
    assert_int_equal(hugi_sent_load_mem(m, lex, sizeof(lex) - 1, "t", &err), HUGI_OK);
    assert_int_equal(hugi_sent_build(m, &err), HUGI_OK);
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    for (int i = 0; i < 60000; i++)
        assert_int_equal(hugi_buf_addstr(&b, "좋아요 냄새 없어요 "), HUGI_OK);
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    clock_t t0 = clock();
    assert_int_equal(hugi_sent_score(m, b.data, b.len, &r, &err), HUGI_OK);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_true(r.score > 0);
    /* and the denial still reads as praise in a short text */
    hugi_sent_result_release(&r);
    hugi_sent_result_init(&r);
    assert_int_equal(hugi_sent_score(m, "냄새 없어요", strlen("냄새 없어요"), &r, &err), HUGI_OK);
    assert_true(r.score > 0);
    hugi_sent_result_release(&r);
    hugi_buf_release(&b);
    hugi_sent_free(m);
    assert_true(secs < 10.0);
}

/* Every negated word asked whether a rule phrase had used its negator up (sent.c consumed())
 * by reading all the text's phrases: a long text of phrases and negations ("no problems, not
 * bad") cost its length squared, and ko9 asks once more per denied Korean word. The phrases are
 * in end order: only those ending between the negator and the word are read. */
static void test_consumed_linear(void **state)
{
    (void)state;
    static const char lex[] = "no problems\t1.5\trule\nbad\t-1.5\trule\nproblems\t-1.0\trule\n"
                              "냄새 없\t1.0\trule\n냄새\t-1.0\trule\n";
    struct hugi_sent *m = hugi_sent_new();
    struct hugi_err err;
    assert_non_null(m);
    assert_int_equal(hugi_sent_load_mem(m, lex, sizeof(lex) - 1, "t", &err), HUGI_OK);
    assert_int_equal(hugi_sent_build(m, &err), HUGI_OK);
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    for (int i = 0; i < 40000; i++)
        assert_int_equal(hugi_buf_addstr(&b, "no problems, not bad. 냄새 없어요 냄새 안 나요 "),
                         HUGI_OK);
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    clock_t t0 = clock();
    assert_int_equal(hugi_sent_score(m, b.data, b.len, &r, &err), HUGI_OK);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_true(r.score > 0);
    /* the phrase still uses its negator up: "no problems" is praise, "problems" not turned */
    hugi_sent_result_release(&r);
    hugi_sent_result_init(&r);
    assert_int_equal(hugi_sent_score(m, "no problems", 11, &r, &err), HUGI_OK);
    assert_true(r.score > 0);
    hugi_sent_result_release(&r);
    hugi_buf_release(&b);
    hugi_sent_free(m);
    assert_true(secs < 10.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbered_parent_linear),
        cmocka_unit_test(test_devalue_not_a_pager),
        cmocka_unit_test(test_ko_denied_linear),
        cmocka_unit_test(test_consumed_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
