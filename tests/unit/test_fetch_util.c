/* SPDX-License-Identifier: MIT
 * The fetcher's pure helpers: Retry-After (seconds and the three HTTP-date forms), backoff with
 * jitter, setting query parameters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "hugi/fetch.h"

static bool ra(const char *s, int64_t now, double *out)
{
    return hugi_fetch_retry_after_parse(s, strlen(s), now, out);
}

static void test_retry_after(void **state)
{
    (void)state;
    double d = -1;
    assert_true(ra("120", 0, &d));
    assert_true(d == 120);
    assert_true(ra("  0 ", 0, &d));
    assert_true(d == 0);
    assert_true(ra("99999999999999999999999", 0, &d));
    assert_true(d >= 1e12);
    /* Sun, 06 Nov 1994 08:49:37 GMT = 784111777 (RFC 9110 §5.6.7 example) */
    int64_t t = 784111777;
    assert_true(ra("Sun, 06 Nov 1994 08:49:37 GMT", t - 30, &d));
    assert_true(d == 30);
    assert_true(ra("Sunday, 06-Nov-94 08:49:37 GMT", t - 30, &d));
    assert_true(d == 30);
    assert_true(ra("Sun Nov  6 08:49:37 1994", t - 30, &d));
    assert_true(d == 30);
    assert_true(ra("Sun, 06 Nov 1994 08:49:37 GMT", t + 100, &d)); /* past: now */
    assert_true(d == 0);
    assert_false(ra("", 0, &d));
    assert_false(ra("-5", 0, &d));
    assert_false(ra("1.5", 0, &d));
    assert_false(ra("soon", 0, &d));
    assert_false(
        ra("Sun, 06 Nov 1994 08:49:37 GMT and a very long tail of text that goes on", 0, &d));
}

static void test_backoff(void **state)
{
    (void)state;
    uint64_t rng = 12345;
    for (int a = 1; a <= 6; a++) {
        double full = 0.5 * (double)(1 << (a - 1));
        if (full > 4)
            full = 4;
        for (int k = 0; k < 100; k++) {
            double d = hugi_fetch_backoff(a, 0.5, 4, &rng);
            assert_true(d >= full / 2 && d <= full);
        }
    }
    /* reproducible for one seed, different for another */
    uint64_t r1 = 7, r2 = 7, r3 = 8;
    double a = hugi_fetch_backoff(3, 1, 60, &r1);
    assert_true(a == hugi_fetch_backoff(3, 1, 60, &r2));
    assert_true(a != hugi_fetch_backoff(3, 1, 60, &r3));
    uint64_t r0 = 0; /* a zero state is repaired, not stuck */
    assert_true(hugi_fetch_backoff(1000, 1, 30, &r0) <= 30);
    assert_true(r0 != 0);
}

static void test_url_param(void **state)
{
    (void)state;
    char *u = NULL;
    struct hugi_err err;
    assert_int_equal(hugi_fetch_url_set_param("https://x.test/r?page=1&a=b", "page", "2", &u, &err),
                     HUGI_OK);
    assert_string_equal(u, "https://x.test/r?a=b&page=2");
    free(u);
    assert_int_equal(hugi_fetch_url_set_param("https://x.test/r", "cursor", "a b/=&", &u, &err),
                     HUGI_OK);
    assert_string_equal(u, "https://x.test/r?cursor=a+b%2f%3d%26");
    free(u);
    assert_int_equal(
        hugi_fetch_url_set_param("https://x.test/r?pages=3#frag", "page", "4", &u, &err), HUGI_OK);
    assert_string_equal(u, "https://x.test/r?pages=3&page=4#frag");
    free(u);
    assert_int_equal(hugi_fetch_url_set_param("not a url", "page", "4", &u, &err), HUGI_E_PARSE);
    assert_null(u);
    assert_string_equal(err.where, "not a url");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_retry_after),
        cmocka_unit_test(test_backoff),
        cmocka_unit_test(test_url_param),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
