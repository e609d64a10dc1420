/* SPDX-License-Identifier: MIT
 * Regression tests for the defects review14 found in extraction round seventeen
 * (fetchers/src/extract_*.c): each case failed before its fix (the commit naming the defect says
 * which). The inputs are generated hostile documents; each must be read in bounded time. */
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

/* Extracts the body in b and releases it; the CPU seconds it took (printed as what's), the count
 * in *n. */
static double timed_run(struct hugi_buf *b, const char *what, size_t *n)
{
    struct lines *l = calloc(1, sizeof *l);
    assert_non_null(l);
    clock_t t0 = clock();
    *n = run(b->data, l, NULL);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    free(l);
    hugi_buf_release(b);
    fprintf(stderr, "%s: %.2f s\n", what, secs);
    return secs;
}

static void add(struct hugi_buf *b, const char *s)
{
    assert_int_equal(hugi_buf_addstr(b, s), HUGI_OK);
}

/* Google Forms responses (answers keyed by question id) beside a form whose items each carry many
 * keys: every answer looked its question's title up by reading up to 512 items, each by its keys
 * (x_jget), twice a response: the answers times the form's size. */
static void test_form_titles_linear(void **state)
{
    (void)state;
    enum { ITEMS = 500, KEYS = 400, RESP = 400, ANS = 40 };
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    char tmp[160];
    add(&b, "{\"form\":{\"items\":[");
    for (int i = 0; i < ITEMS; i++) {
        add(&b, i ? ",{" : "{");
        for (int k = 0; k < KEYS; k++) {
            snprintf(tmp, sizeof tmp, "\"k%d\":0,", k);
            add(&b, tmp);
        }
        snprintf(
            tmp, sizeof tmp,
            "\"title\":\"Question %d\",\"questionItem\":{\"question\":{\"questionId\":\"x%d\"}}}",
            i, i);
        add(&b, tmp);
    }
    add(&b, "]},\"responses\":[");
    for (int r = 0; r < RESP; r++) {
        snprintf(tmp, sizeof tmp, "%s{\"responseId\":\"r%d\",\"answers\":{", r ? "," : "", r);
        add(&b, tmp);
        for (int a = 0; a < ANS; a++) {
            snprintf(tmp, sizeof tmp,
                     "%s\"q%d\":{\"textAnswers\":{\"answers\":[{\"value\":\"Answer %d\"}]}}",
                     a ? "," : "", a, a);
            add(&b, tmp);
        }
        add(&b, "}}");
    }
    add(&b, "]}");
    size_t n;
    assert_true(timed_run(&b, "form titles", &n) < 5.0);
}

/* A JSON string of escapes whose closing quote is far away: each escape searched again from
 * itself for the quote (the string's length times its escapes: 14 s under ASan for 800,000
 * escapes, 0.8 s for 200,000). */
static void test_escape_run_linear(void **state)
{
    (void)state;
    enum { ESC = 800000 };
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    add(&b, "{\"reviews\":[{\"rating\":5,\"text\":\"");
    for (int i = 0; i < ESC; i++)
        add(&b, "a\\n");
    add(&b, "\"}]}");
    size_t n;
    assert_true(timed_run(&b, "escapes", &n) < 5.0);
    assert_int_equal(n, 1);
}

/* A shop's export sideloads its products beside the people ({id, name, price}): the products
 * were taken for a table of people, so a review's author given by id became the product of that
 * id ("Blue Mug"), or a bare author id was turned into a product's name. Goods (an entry with a
 * price, a SKU, a stock or a brand) are no people. */
static void test_products_are_no_people(void **state)
{
    (void)state;
    struct lines l;
    const char *a =
        "{\"products\":[{\"id\":7,\"name\":\"Blue Mug\",\"price\":12.5,\"sku\":\"BM-1\"},{\"id\":8,"
        "\"name\":\"Red Cup\",\"price\":9,\"sku\":\"RC-2\"}],\"reviews\":[{\"id\":\"r1\","
        "\"submitted_by\":7,\"body\":\"Lovely mug, keeps warm\",\"rating\":5},{\"id\":\"r2\","
        "\"submitted_by\":8,\"body\":\"Chipped on arrival\",\"rating\":1}],\"shoppers\":[{\"id\":7,"
        "\"name\":\"Ann\"},{\"id\":8,\"name\":\"Bo\"}]}";
    assert_int_equal(run(a, &l, NULL), 2);
    assert_false(has(&l, "Blue Mug"));
    assert_true(has(&l, "\"author\":\"Ann\",\"rating\":5"));
    assert_true(has(&l, "\"author\":\"Bo\",\"rating\":1"));
    const char *b = "{\"reviews\":[{\"id\":\"r1\",\"author\":\"7\",\"body\":\"Lovely mug\","
                    "\"rating\":5},{\"id\":\"r2\",\"author\":\"8\",\"body\":\"Chipped\","
                    "\"rating\":1}],\"products\":[{\"id\":\"7\",\"name\":\"Blue Mug\",\"stock\":3},"
                    "{\"id\":\"8\",\"name\":\"Red Cup\",\"brand\":\"Acme\"}]}";
    assert_int_equal(run(b, &l, NULL), 2);
    assert_false(has(&l, "Blue Mug"));
    assert_false(has(&l, "Red Cup"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_form_titles_linear),
        cmocka_unit_test(test_escape_run_linear),
        cmocka_unit_test(test_products_are_no_people),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
