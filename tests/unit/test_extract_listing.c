/* SPDX-License-Identifier: MIT
 * Unit tests for the listing heuristic (fetchers/src/extract_listing.c): each rating form it
 * reads, labels and table headers, the refusals, and hostile shapes (deep nesting, wide lists,
 * nested candidate lists past the scan budget) that must end quickly with nothing. */
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

#include "hugi/extract.h"

#define MAXR 8

struct got {
    size_t n;
    double rating[MAXR];
    char *author[MAXR], *text[MAXR], *date_raw[MAXR];
    long likes[MAXR];
};

static char *dup_or_null(const char *s)
{
    return s ? hugi_strdup(s) : NULL;
}

static hugi_rc keep(const struct hugi_review *r, void *ctx)
{
    struct got *g = ctx;
    if (g->n < MAXR) {
        g->rating[g->n] = r->rating;
        g->author[g->n] = dup_or_null(r->author);
        g->text[g->n] = dup_or_null(r->text);
        g->date_raw[g->n] = dup_or_null(r->date_raw);
        g->likes[g->n] = r->likes;
    }
    g->n++;
    return HUGI_OK;
}

static void got_free(struct got *g)
{
    for (size_t i = 0; i < MAXR && i < g->n; i++) {
        free(g->author[i]);
        free(g->text[i]);
        free(g->date_raw[i]);
    }
    memset(g, 0, sizeof *g);
}

/* Runs hugi_extract on html with the preset; returns the rc, fills g and res. */
static hugi_rc run(const char *html, size_t len, enum hugi_extract_preset p, struct got *g,
                   struct hugi_extract_result *res)
{
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.preset = p;
    o.fetched_at = hugi_time_from_civil(2026, 1, 15, 0, 0, 0);
    o.name = "t.html";
    struct hugi_err err;
    memset(g, 0, sizeof *g);
    return hugi_extract(html, len, &o, keep, g, res, &err);
}

/* Two review items around `a` and `b` (the markup that carries each one's rating), with a text
 * and an author so that they read as reviews; returns the two ratings. */
static void two_ratings(const char *a, const char *b, double *ra, double *rb)
{
    char html[4096];
    snprintf(html, sizeof html,
             "<html><body><ul class=\"review-list\">"
             "<li class=\"review-item\">%s<span class=\"author\">Kim</span>"
             "<p class=\"review-text\">Arrived quickly and works well so far.</p></li>"
             "<li class=\"review-item\">%s<span class=\"author\">Lee</span>"
             "<p class=\"review-text\">The lid leaks when the bag tips over.</p></li>"
             "</ul></body></html>",
             a, b);
    struct got g;
    struct hugi_extract_result res;
    hugi_rc rc = run(html, strlen(html), HUGI_PRESET_AUTO, &g, &res);
    assert_int_equal(rc, HUGI_OK);
    assert_int_equal(res.used, HUGI_PRESET_LISTING);
    assert_int_equal(g.n, 2);
    *ra = g.rating[0];
    *rb = g.rating[1];
    hugi_extract_result_release(&res);
    got_free(&g);
}

static void test_rating_forms(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        double ra, rb;
    } cases[] = {
        {"<div class=\"star-rating\" aria-label=\"Rated 4 out of 5\"></div>",
         "<div class=\"star-rating\" aria-label=\"Rated 2 out of 5\"></div>", 4, 2},
        {"<span class=\"stars star-4\"></span>", "<span class=\"stars star-1\"></span>", 4, 1},
        {"<span class=\"rating rating-45\"></span>", "<span class=\"rating rating-30\"></span>",
         4.5, 3},
        {"<span class=\"score_5\"></span>", "<span class=\"score_2\"></span>", 5, 2},
        {"<div class=\"rating\"><span style=\"width: 80%\"></span></div>",
         "<div class=\"rating\"><span style=\"width:20%\"></span></div>", 4, 1},
        {"<div class=\"point\"><img src=\"s5.gif\" alt=\"5\xec\xa0\x90\"></div>",
         "<div class=\"point\"><img src=\"s3.gif\" alt=\"3\xec\xa0\x90\"></div>", 5, 3},
        /* 평점5 as text, without any class */
        {"<em>\xed\x8f\x89\xec\xa0\x90"
         "5</em>",
         "<em>\xed\x8f\x89\xec\xa0\x90"
         "1</em>",
         5, 1},
        /* 별점 4점 */
        {"<span>\xeb\xb3\x84\xec\xa0\x90 4\xec\xa0\x90</span>",
         "<span>\xeb\xb3\x84\xec\xa0\x90 2\xec\xa0\x90</span>", 4, 2},
        /* ★★★★☆ and ★★☆☆☆ */
        {"<span>\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x86</span>",
         "<span>\xe2\x98\x85\xe2\x98\x85\xe2\x98\x86\xe2\x98\x86\xe2\x98\x86</span>", 4, 2},
        {"<div data-score=\"5\"></div>", "<div data-score=\"3\"></div>", 5, 3},
        {"<div class=\"stars\"><i class=\"star on\"></i><i class=\"star on\"></i><i class=\"star "
         "on\"></i><i class=\"star off\"></i><i class=\"star off\"></i></div>",
         "<div class=\"stars\"><i class=\"star on\"></i><i class=\"star off\"></i><i class=\"star "
         "off\"></i><i class=\"star off\"></i><i class=\"star off\"></i></div>",
         3, 1},
        /* 5점 만점에 4점 */
        {"<span class=\"grade\">5\xec\xa0\x90 \xeb\xa7\x8c\xec\xa0\x90\xec\x97\x90 "
         "4\xec\xa0\x90</span>",
         "<span class=\"grade\">5\xec\xa0\x90 \xeb\xa7\x8c\xec\xa0\x90\xec\x97\x90 "
         "1\xec\xa0\x90</span>",
         4, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double ra = NAN, rb = NAN;
        two_ratings(cases[i].a, cases[i].b, &ra, &rb);
        if (fabs(ra - cases[i].ra) > 0.001 || fabs(rb - cases[i].rb) > 0.001)
            fail_msg("case %zu: got %g, %g; want %g, %g", i, ra, rb, cases[i].ra, cases[i].rb);
    }
    /* a generated class name with a number inside is no rating */
    double ra = 0, rb = 0;
    two_ratings("<div class=\"star-rating_starRating__4rrcf\"></div>",
                "<div class=\"star-rating_starRating__4rrcf\"></div>", &ra, &rb);
    assert_true(isnan(ra) && isnan(rb));
    /* a bare "4.5 / 5" is a rating, a photo counter "1 / 3" is not */
    two_ratings("<span>4.5 / 5</span>", "<span>2 / 5</span>", &ra, &rb);
    assert_true(fabs(ra - 4.5) < 0.001 && fabs(rb - 2) < 0.001);
    two_ratings("<div class=\"photos\"><img src=\"a.jpg\"><span>1 / 3</span></div>",
                "<span>2 / 3</span>", &ra, &rb);
    assert_true(isnan(ra) && isnan(rb));
}

static void test_labels_and_tables(void **state)
{
    (void)state;
    /* dt/dd labels: 작성자 / 작성일; 도움돼요 3 for likes; 옵션 is no text */
    const char *dl = "<html><body><div class=\"rvw_list\">"
                     "<div class=\"rvw_item\"><dl><dt>\xec\x9e\x91\xec\x84\xb1\xec\x9e\x90</dt>"
                     "<dd>hong**</dd><dt>\xec\x9e\x91\xec\x84\xb1\xec\x9d\xbc</dt><dd>2024.02.01"
                     "</dd></dl><p>\xec\x98\xb5\xec\x85\x98: \xeb\xb8\x94\xeb\x9e\x99</p>"
                     "<p>\xeb\xb0\xb0\xec\x86\xa1 \xeb\xb9\xa0\xeb\xa5\xb4\xea\xb3\xa0 "
                     "\xec\xa2\x8b\xec\x95\x84\xec\x9a\x94</p><span>\xeb\x8f\x84\xec\x9b\x80"
                     "\xeb\x8f\xbc\xec\x9a\x94 3</span></div>"
                     "<div class=\"rvw_item\"><dl><dt>\xec\x9e\x91\xec\x84\xb1\xec\x9e\x90</dt>"
                     "<dd>kim**</dd><dt>\xec\x9e\x91\xec\x84\xb1\xec\x9d\xbc</dt><dd>2024.01.20"
                     "</dd></dl><p>\xeb\x84\x88\xeb\xac\xb4 \xec\x9e\x91\xec\x95\x84\xec\x9a\x94"
                     "</p></div></div></body></html>";
    struct got g;
    struct hugi_extract_result res;
    assert_int_equal(run(dl, strlen(dl), HUGI_PRESET_AUTO, &g, &res), HUGI_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.author[0], "hong**");
    assert_string_equal(g.date_raw[0], "2024.02.01");
    assert_string_equal(g.text[0], "\xeb\xb0\xb0\xec\x86\xa1 \xeb\xb9\xa0\xeb\xa5\xb4\xea\xb3\xa0 "
                                   "\xec\xa2\x8b\xec\x95\x84\xec\x9a\x94");
    assert_int_equal(g.likes[0], 3);
    assert_int_equal(g.likes[1], -1);
    hugi_extract_result_release(&res);
    got_free(&g);

    /* a table whose header row names the columns (English, no classes) */
    const char *tbl = "<html><body><div id=\"reviews\"><table><tr><th>No</th><th>Subject</th>"
                      "<th>Name</th><th>Date</th><th>Rating</th></tr>"
                      "<tr><td>2</td><td>Great fit</td><td>Ann</td><td>2024-03-02</td><td>5</td>"
                      "</tr><tr><td>1</td><td>Seams came apart</td><td>Bo</td><td>2024-02-11</td>"
                      "<td>1</td></tr></table></div></body></html>";
    assert_int_equal(run(tbl, strlen(tbl), HUGI_PRESET_AUTO, &g, &res), HUGI_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.author[1], "Bo");
    assert_string_equal(g.text[1], "Seams came apart");
    assert_true(g.rating[0] == 5 && g.rating[1] == 1);
    hugi_extract_result_release(&res);
    got_free(&g);
}

static void test_refusals(void **state)
{
    (void)state;
    static const char *const pages[] = {
        /* product cards with prices */
        "<ul class=\"review-products\"><li class=\"review-card\"><a href=\"/p/1\">Mug</a>"
        "<span class=\"rating star-4\"></span><span>$12.00</span><time datetime=\"2024-01-01\">"
        "</time></li><li class=\"review-card\"><a href=\"/p/2\">Cup</a><span class=\"rating "
        "star-5\"></span><span>$9.50</span><time datetime=\"2024-01-02\"></time></li></ul>",
        /* Q&A */
        "<ul class=\"qna-list\"><li class=\"review-q\"><p>Is it dishwasher safe?</p><span "
        "class=\"author\">Jo</span></li><li class=\"review-q\"><p>Does it come in blue?</p>"
        "<span class=\"author\">Al</span></li></ul>",
        /* a rating histogram */
        "<div class=\"review-histogram\"><div class=\"row\"><span>5 stars</span><span "
        "class=\"bar\" style=\"width:70%\"></span></div><div class=\"row\"><span>4 stars</span>"
        "<span class=\"bar\" style=\"width:20%\"></span></div></div>",
        /* the same text in every item */
        "<ul class=\"comments\"><li class=\"comment\"><b class=\"author\">A</b><p>Reply</p></li>"
        "<li class=\"comment\"><b class=\"author\">B</b><p>Reply</p></li></ul>",
        /* one review is no list */
        "<div class=\"reviews\"><div class=\"review\"><span class=\"author\">Kim</span><p>Good "
        "value for the price.</p></div></div>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        struct got g;
        struct hugi_extract_result res;
        hugi_rc rc = run(pages[i], strlen(pages[i]), HUGI_PRESET_LISTING, &g, &res);
        if (rc != HUGI_E_PARSE || g.n != 0)
            fail_msg("page %zu: rc %d, %zu reviews", i, (int)rc, g.n);
        hugi_extract_result_release(&res);
        got_free(&g);
    }
}

static char *repeat(const char *unit, size_t times, const char *head, const char *tail, size_t *len)
{
    size_t ul = strlen(unit), hl = strlen(head), tl = strlen(tail);
    char *s = malloc(hl + ul * times + tl + 1);
    assert_non_null(s);
    memcpy(s, head, hl);
    for (size_t i = 0; i < times; i++)
        memcpy(s + hl + i * ul, unit, ul);
    memcpy(s + hl + ul * times, tail, tl + 1);
    *len = hl + ul * times + tl;
    return s;
}

/* Generated class names: a heading before the list names it. A tab bar naming reviews and Q&A
 * side by side says nothing of which panel follows (it refused the list under "구매 후기");
 * Q&A alone still refuses it. */
static void test_heading_tab_bar(void **state)
{
    (void)state;
    static const char *const head[] = {
        /* 구매 후기, then tabs 구매 후기 3 | 상품 문의 2 */
        "<h3 class=\"css-h8\">\xea\xb5\xac\xeb\xa7\xa4 \xed\x9b\x84\xea\xb8\xb0</h3>"
        "<div class=\"css-t9\"><a href=\"#r\">\xea\xb5\xac\xeb\xa7\xa4 \xed\x9b\x84\xea\xb8\xb0 "
        "3</a> <a href=\"#q\">\xec\x83\x81\xed\x92\x88 \xeb\xac\xb8\xec\x9d\x98 2</a></div>",
        /* 구매 후기, then 상품 문의 2 alone */
        "<h3 class=\"css-h8\">\xea\xb5\xac\xeb\xa7\xa4 \xed\x9b\x84\xea\xb8\xb0</h3>"
        "<div class=\"css-t9\"><a href=\"#q\">\xec\x83\x81\xed\x92\x88 \xeb\xac\xb8\xec\x9d\x98 "
        "2</a></div>"};
    for (int k = 0; k < 2; k++) {
        struct hugi_buf hb;
        hugi_buf_init(&hb, 0);
        hugi_buf_addstr(&hb, "<html><body><div class=\"css-a1\">");
        hugi_buf_addstr(&hb, head[k]);
        hugi_buf_addstr(&hb, "<ul class=\"css-c3\">");
        for (int i = 0; i < 3; i++) {
            char item[300];
            snprintf(item, sizeof item,
                     "<li class=\"css-d4\"><span class=\"css-e5\">kim%d**</span><span "
                     "class=\"css-f6\">2024.01.1%d</span><p class=\"css-g7\">Arrived quickly, "
                     "works well, item %d</p></li>",
                     i, i, i);
            hugi_buf_addstr(&hb, item);
        }
        hugi_buf_addstr(&hb, "</ul></div></body></html>");
        size_t len;
        char *page = hugi_buf_detach(&hb, &len);
        struct got g;
        struct hugi_extract_result res;
        hugi_rc rc = run(page, len, HUGI_PRESET_LISTING, &g, &res);
        if (k == 0) {
            assert_int_equal(rc, HUGI_OK);
            assert_int_equal(g.n, 3);
        } else {
            assert_int_not_equal(rc, HUGI_OK);
            assert_int_equal(g.n, 0);
        }
        hugi_extract_result_release(&res);
        got_free(&g);
        free(page);
    }
}

static void test_hostile(void **state)
{
    (void)state;
    struct got g;
    struct hugi_extract_result res;
    size_t len;
    /* 40,000 review-ish siblings without text: nothing, quickly */
    char *wide = repeat("<li class=\"review-item\"><span class=\"rating star-4\"></span></li>",
                        40000, "<ul class=\"reviews\">", "</ul>", &len);
    assert_int_equal(run(wide, len, HUGI_PRESET_LISTING, &g, &res), HUGI_E_PARSE);
    assert_int_equal(g.n, 0);
    hugi_extract_result_release(&res);
    free(wide);
    /* candidate lists nested in each other's items, 300 deep, many times: past the scan
     * budget, so nothing (and a warning), never a quadratic walk */
    size_t dl;
    char *open = repeat("<div class=\"review\"><span class=\"author\">K</span><p>text here</p>"
                        "<time datetime=\"2024-01-01\"></time><div class=\"review\">",
                        300, "", "", &dl);
    char *close = repeat("</div></div>", 300, "", "", &dl);
    size_t ol = strlen(open), cl = strlen(close);
    char *unit = malloc(ol + cl + 1);
    assert_non_null(unit);
    memcpy(unit, open, ol);
    memcpy(unit + ol, close, cl + 1);
    char *deep = repeat(unit, 20, "<html><body>", "</body></html>", &len);
    hugi_rc rc = run(deep, len, HUGI_PRESET_AUTO, &g, &res);
    assert_true(rc == HUGI_OK || rc == HUGI_E_NOTFOUND);
    assert_true(g.n < 100000);
    hugi_extract_result_release(&res);
    got_free(&g);
    free(open);
    free(close);
    free(unit);
    free(deep);
    /* a class value of 200 KB on an ancestor of 3,000 two-item lists: its names are read once,
     * not once per list (that took seconds) */
    {
        struct hugi_buf hb;
        hugi_buf_init(&hb, 0);
        hugi_buf_addstr(&hb, "<html><body><div class=\"review ");
        for (int i = 0; i < 200000 / 8; i++)
            hugi_buf_addstr(&hb, "xxxxxxx ");
        hugi_buf_addstr(&hb, "\">");
        for (int i = 0; i < 3000; i++)
            hugi_buf_addstr(&hb, "<div><span>a</span><span>b</span></div>");
        hugi_buf_addstr(&hb, "</div></body></html>");
        char *page = hugi_buf_detach(&hb, &len);
        clock_t t0 = clock();
        assert_int_equal(run(page, len, HUGI_PRESET_LISTING, &g, &res), HUGI_E_PARSE);
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        assert_true(secs < 2.0);
        assert_int_equal(g.n, 0);
        hugi_extract_result_release(&res);
        free(page);
    }
    /* 3,000 two-item lists below a section after 100,000 comments, and a sibling holding
     * 100,000 more: each list looks for a heading before its ancestors among a few nodes only
     * (every comment once per list took seconds) */
    {
        struct hugi_buf hb;
        hugi_buf_init(&hb, 0);
        hugi_buf_addstr(&hb, "<html><body><div><div>");
        for (int i = 0; i < 100000; i++)
            hugi_buf_addstr(&hb, "<!---->");
        hugi_buf_addstr(&hb, "</div>");
        for (int i = 0; i < 100000; i++)
            hugi_buf_addstr(&hb, "<!---->");
        hugi_buf_addstr(&hb, "<section>");
        for (int i = 0; i < 3000; i++)
            hugi_buf_addstr(&hb, "<ul><li>good item here</li><li>other text x</li></ul>");
        hugi_buf_addstr(&hb, "</section></div></body></html>");
        char *page = hugi_buf_detach(&hb, &len);
        clock_t t0 = clock();
        assert_int_equal(run(page, len, HUGI_PRESET_LISTING, &g, &res), HUGI_E_PARSE);
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        assert_true(secs < 2.0);
        assert_int_equal(g.n, 0);
        hugi_extract_result_release(&res);
        free(page);
    }
    /* 3,000 links under one 200 KB class value: the pager test reads it once */
    {
        struct hugi_buf hb;
        hugi_buf_init(&hb, 0);
        hugi_buf_addstr(&hb, "<html><body><div class=\"");
        for (int i = 0; i < 200000 / 8; i++)
            hugi_buf_addstr(&hb, "xxxxxxx ");
        hugi_buf_addstr(&hb, "\">");
        for (int i = 0; i < 3000; i++)
            hugi_buf_addstr(&hb, "<a href=\"/p\">a</a>");
        hugi_buf_addstr(&hb, "</div></body></html>");
        char *page = hugi_buf_detach(&hb, &len);
        clock_t t0 = clock();
        assert_int_equal(run(page, len, HUGI_PRESET_LISTING, &g, &res), HUGI_E_PARSE);
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        assert_true(secs < 2.0);
        assert_int_equal(g.n, 0);
        hugi_extract_result_release(&res);
        free(page);
    }
    /* a board table of 1,500 rows with no header cells, white space between the rows: the
     * header row is looked for near the top only (the whole table per row was cubic) */
    {
        struct hugi_buf hb;
        hugi_buf_init(&hb, 0);
        hugi_buf_addstr(&hb, "<html><body><table class=\"review-table\">\n");
        for (int i = 0; i < 1500; i++) {
            char row[200];
            snprintf(row, sizeof row,
                     "<tr><td>\xea\xb9\x80**</td><td>2024.01.02</td><td>good thing number %d "
                     "here</td></tr>\n",
                     i);
            hugi_buf_addstr(&hb, row);
        }
        hugi_buf_addstr(&hb, "</table></body></html>");
        char *page = hugi_buf_detach(&hb, &len);
        clock_t t0 = clock();
        assert_int_equal(run(page, len, HUGI_PRESET_LISTING, &g, &res), HUGI_OK);
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        assert_true(secs < 2.0);
        assert_int_equal(g.n, 1500);
        assert_string_equal(g.author[0], "\xea\xb9\x80**");
        hugi_extract_result_release(&res);
        got_free(&g);
        free(page);
    }
    /* an author field of 300,000 dashes in each item: the leading dashes go at once (one byte
     * at a time took seconds) */
    {
        struct hugi_buf hb;
        hugi_buf_init(&hb, 0);
        hugi_buf_addstr(&hb, "<html><body><div class=\"reviews\">");
        for (int i = 0; i < 3; i++) {
            hugi_buf_addstr(&hb, "<div class=\"review\"><span class=\"author\">");
            for (int k = 0; k < 300000 / 10; k++)
                hugi_buf_addstr(&hb, "----------");
            char tail[160];
            snprintf(
                tail, sizeof tail,
                "Kim</span><span class=\"date\">2024-01-0%d</span><p>text %d is here</p></div>",
                i + 1, i);
            hugi_buf_addstr(&hb, tail);
        }
        hugi_buf_addstr(&hb, "</div></body></html>");
        char *page = hugi_buf_detach(&hb, &len);
        clock_t t0 = clock();
        assert_int_equal(run(page, len, HUGI_PRESET_LISTING, &g, &res), HUGI_OK);
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        assert_true(secs < 2.0);
        assert_int_equal(g.n, 3);
        assert_string_equal(g.author[0], "Kim");
        hugi_extract_result_release(&res);
        got_free(&g);
        free(page);
    }
    /* a large list: every review, in order; the same words twice in one list are kept (two
     * customers may write the same thing) */
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_buf_addstr(&b, "<ul class=\"review_list\">");
    for (int i = 0; i < 3000; i++) {
        char item[400];
        snprintf(item, sizeof item,
                 "<li class=\"review\"><span class=\"nick\">ab****</span><span "
                 "class=\"date\">2024.01.15</span><p class=\"txt\">Fine product number %d, "
                 "would buy again</p><span class=\"star-%d\"></span></li>",
                 i / 2, 1 + i % 5);
        hugi_buf_addstr(&b, item);
    }
    hugi_buf_addstr(&b, "</ul>");
    char *big = hugi_buf_detach(&b, &len);
    hugi_rc rc2 = run(big, len, HUGI_PRESET_AUTO, &g, &res);
    assert_int_equal(rc2, HUGI_OK);
    assert_int_equal(res.used, HUGI_PRESET_LISTING);
    assert_int_equal(g.n, 3000);
    assert_int_equal(res.nreviews, 3000);
    assert_true(g.rating[0] == 1 && g.rating[1] == 2 && g.rating[4] == 5);
    assert_string_equal(g.text[1], "Fine product number 0, would buy again");
    hugi_extract_result_release(&res);
    got_free(&g);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rating_forms), cmocka_unit_test(test_labels_and_tables),
        cmocka_unit_test(test_refusals),     cmocka_unit_test(test_heading_tab_bar),
        cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
