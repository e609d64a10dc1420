/* SPDX-License-Identifier: MIT
 * robots.txt matching after RFC 9309: group selection, longest match, Allow on ties, `*` and `$`,
 * percent-encoding, and the examples of the RFC (§2.2.2, §5). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "hugi/fetch.h"

static bool allowed(const char *txt, const char *agent, const char *path)
{
    struct hugi_robots *r = hugi_robots_parse(txt, strlen(txt), agent);
    assert_non_null(r);
    bool ok = hugi_robots_allowed(r, path, strlen(path));
    hugi_robots_free(r);
    return ok;
}

static void test_rfc_groups(void **state)
{
    (void)state;
    /* RFC 9309 §5.1, simplified: ExampleBot gets its group, others the star group */
    const char *txt = "User-Agent: *\n"
                      "Disallow: *.gif$\n"
                      "Disallow: /example/\n"
                      "Allow: /publications/\n"
                      "\n"
                      "User-Agent: foobot\n"
                      "Disallow:/\n"
                      "Allow:/example/page.html\n"
                      "Allow:/example/allowed.gif\n"
                      "\n"
                      "User-Agent: barbot\n"
                      "User-Agent: bazbot\n"
                      "Disallow: /example/page.html\n"
                      "\n"
                      "User-Agent: quxbot\n";
    assert_false(allowed(txt, "hugi", "/example/x"));
    assert_false(allowed(txt, "hugi", "/a/b.gif"));
    assert_true(allowed(txt, "hugi", "/a/b.gif?x"));
    assert_true(allowed(txt, "hugi", "/publications/x"));
    assert_true(allowed(txt, "hugi", "/"));
    assert_false(allowed(txt, "foobot", "/"));
    assert_false(allowed(txt, "FooBot", "/x"));
    assert_true(allowed(txt, "foobot", "/example/page.html"));
    assert_true(allowed(txt, "foobot", "/example/allowed.gif"));
    assert_false(allowed(txt, "bazbot", "/example/page.html"));
    assert_true(allowed(txt, "bazbot", "/example/other.html"));
    assert_true(allowed(txt, "barbot", "/a/b.gif"));   /* own group, star rules do not apply */
    assert_true(allowed(txt, "quxbot", "/example/x")); /* empty group: all allowed */
}

static void test_longest_match(void **state)
{
    (void)state;
    /* §2.2.2: the most specific (longest) match wins; Allow wins a tie */
    const char *txt = "user-agent: hugi\nallow: /p\ndisallow: /\n";
    assert_true(allowed(txt, "hugi", "/page"));
    assert_false(allowed(txt, "hugi", "/x"));
    const char *tie = "User-agent: hugi\nAllow: /folder\nDisallow: /folder\n";
    assert_true(allowed(tie, "hugi", "/folder/page"));
    const char *t2 = "User-agent: hugi\nAllow: /page\nDisallow: /*.html\n";
    assert_false(allowed(t2, "hugi", "/page.html"));
    assert_true(allowed(t2, "hugi", "/page"));
    const char *t3 = "User-agent: hugi\nAllow: /$\nDisallow: /\n";
    assert_true(allowed(t3, "hugi", "/"));
    assert_false(allowed(t3, "hugi", "/page.htm"));
    const char *t4 = "User-agent: hugi\nDisallow: /*/reviews\n";
    assert_false(allowed(t4, "hugi", "/p/123/reviews?page=2"));
    assert_true(allowed(t4, "hugi", "/reviews"));
    const char *t5 = "User-agent: hugi\nDisallow: /a*b*c$\n";
    assert_false(allowed(t5, "hugi", "/axxbyyc"));
    assert_true(allowed(t5, "hugi", "/axxbyycd"));
    assert_false(allowed(t5, "hugi", "/abcbc"));
}

static void test_agent_and_comments(void **state)
{
    (void)state;
    const char *txt = "\xEF\xBB\xBF# comment\n"
                      "User-agent: Hugi/1.0 # with version\n"
                      "Disallow: /private # keep out\r\n"
                      "Sitemap: https://example.com/sitemap.xml\n"
                      "Crawl-delay: 2.5\n"
                      "junk line without colon\n"
                      "User-agent: *\n"
                      "Disallow: /\n";
    assert_false(allowed(txt, "hugi", "/private/1"));
    assert_true(allowed(txt, "hugi", "/public"));
    assert_false(allowed(txt, "otherbot", "/public"));
    struct hugi_robots *r = hugi_robots_parse(txt, strlen(txt), "hugi");
    assert_true(hugi_robots_crawl_delay(r) > 2.4 && hugi_robots_crawl_delay(r) < 2.6);
    hugi_robots_free(r);
    /* "hugibot" is another product, not us */
    assert_true(allowed("User-agent: hugibot\nDisallow: /\n", "hugi", "/x"));
    /* rules before any user-agent line belong to no group */
    assert_true(allowed("Disallow: /\n", "hugi", "/x"));
    /* groups for the same agent are merged (§2.2.1) */
    const char *merged = "User-agent: hugi\nDisallow: /a\n\nUser-agent: x\nDisallow: /\n\n"
                         "User-agent: hugi\nDisallow: /b\n";
    assert_false(allowed(merged, "hugi", "/a"));
    assert_false(allowed(merged, "hugi", "/b"));
    assert_true(allowed(merged, "hugi", "/c"));
    /* empty Disallow is no rule */
    assert_true(allowed("User-agent: *\nDisallow:\n", "hugi", "/x"));
    /* robots.txt itself is always allowed */
    assert_true(allowed("User-agent: *\nDisallow: /\n", "hugi", "/robots.txt"));
}

static void test_percent_encoding(void **state)
{
    (void)state;
    /* §2.2.2: non-ASCII in patterns compares percent-encoded; hex case does not matter */
    const char *txt = "User-agent: *\nDisallow: /후기\nDisallow: /a%3cd\n";
    assert_false(allowed(txt, "hugi", "/%ED%9B%84%EA%B8%B0/1"));
    assert_false(allowed(txt, "hugi", "/%ed%9b%84%ea%b8%b0"));
    assert_false(allowed(txt, "hugi", "/a%3Cd"));
    assert_true(allowed(txt, "hugi", "/abc"));
}

static void test_fixed(void **state)
{
    (void)state;
    struct hugi_robots *a = hugi_robots_new_all(true);
    struct hugi_robots *d = hugi_robots_new_all(false);
    assert_true(hugi_robots_allowed(a, "/x", 2));
    assert_false(hugi_robots_allowed(d, "/x", 2));
    assert_true(hugi_robots_allowed(d, "/robots.txt", 11));
    assert_true(hugi_robots_crawl_delay(a) < 0);
    hugi_robots_free(a);
    hugi_robots_free(d);
    hugi_robots_free(NULL);
    /* empty and NULL bodies allow all */
    struct hugi_robots *e = hugi_robots_parse(NULL, 0, "hugi");
    assert_true(hugi_robots_allowed(e, "/", 1));
    hugi_robots_free(e);
}

static void test_size_limit(void **state)
{
    (void)state;
    /* §2.5: content after 500 KiB is ignored */
    size_t n = 600 * 1024;
    char *big = malloc(n + 64);
    memset(big, '\n', n);
    memcpy(big, "User-agent: *\n", 14);
    const char *tail = "Disallow: /late\n";
    memcpy(big + n - strlen(tail), tail, strlen(tail));
    struct hugi_robots *r = hugi_robots_parse(big, n, "hugi");
    assert_true(hugi_robots_allowed(r, "/late", 5));
    hugi_robots_free(r);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc_groups),
        cmocka_unit_test(test_longest_match),
        cmocka_unit_test(test_agent_and_comments),
        cmocka_unit_test(test_percent_encoding),
        cmocka_unit_test(test_fixed),
        cmocka_unit_test(test_size_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
