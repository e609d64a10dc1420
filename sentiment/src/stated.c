/* SPDX-License-Identifier: MIT
 * Ratings the writer states in the text: "10/10", "2 out of 5", "one star", "★★★★☆",
 * "5점 만점에 4점", "별 하나", "0점 드립니다". A stated score is the most direct evidence a review
 * carries, and the n-grams around it mislead: "10점 만점에 2점" is full of the learned praise of
 * "만점" (full marks). Read on the normalised text (NFKC, Latin folded, digits ASCII).
 *
 * Korean scores without their scale are ambiguous: a film's 평점 runs to 10, a shop's 별점 to
 * 5, so "평점 5점" is praise in one and faint in the other. Such a score counts only where both
 * scales agree: 0-2 is low on either, 9-10 and 100 are high (they exceed 5). A score that is taken
 * away ("1점 뺀 이유", "별 하나 빼고") is the rest of a high rating, and is not read. */
#include "stated.h"
#include "scan.h"

#include "hugi/core.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool at(const char *s, size_t len, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    return i <= len && len - i >= n && memcmp(s + i, lit, n) == 0;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A number at s[i]: digits with at most one decimal ("4.5"); its end in *e. */
static bool number_at(const char *s, size_t len, size_t i, double *v, size_t *e)
{
    size_t j = i;
    double x = 0;
    while (j < len && is_digit(s[j]) && j - i < 4)
        x = x * 10 + (s[j++] - '0');
    if (j == i || (j < len && is_digit(s[j])))
        return false;
    if (j + 1 < len && s[j] == '.' && is_digit(s[j + 1])) {
        x += (s[j + 1] - '0') / 10.0;
        j += 2;
        if (j < len && is_digit(s[j]))
            return false;
    }
    *v = x;
    *e = j;
    return true;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
    while (i < len && s[i] == ' ')
        i++;
    return i;
}

/* English number words of a star count. */
static const struct {
    const char *w;
    double v;
} en_num[] = {{"zero", 0}, {"no", 0},    {"half a", 0.5}, {"one", 1},  {"a single", 1},
              {"two", 2},  {"three", 3}, {"four", 4},     {"five", 5}, {NULL, 0}};

/* English number words of a score out of ten or five ("ten out of ten", "two out of five"). */
static const char *const en_ten[] = {"zero", "one",   "two",   "three", "four", "five",
                                     "six",  "seven", "eight", "nine",  "ten",  NULL};

/* A number word of en_ten (or digits) at s[i] as a whole word: its value and end. */
static bool ten_word_at(const char *s, size_t len, size_t i, double *v, size_t *e)
{
    for (size_t w = 0; en_ten[w]; w++) {
        size_t n = strlen(en_ten[w]);
        if (i + n <= len && !memcmp(s + i, en_ten[w], n) && (i + n == len || !is_alpha(s[i + n]))) {
            *v = (double)w;
            *e = i + n;
            return true;
        }
    }
    return false;
}

/* Korean counts of stars: 하나/한 개, 두 개, 세 개, 네 개, 다섯 (개), 반 개. */
static const struct {
    const char *w;
    double v;
} ko_num[] = {{"\xed\x95\x98\xeb\x82\x98", 1},    /* 하나 */
              {"\xed\x95\x9c \xea\xb0\x9c", 1},   /* 한 개 */
              {"\xed\x95\x9c\xea\xb0\x9c", 1},    /* 한개 */
              {"\xeb\x91\x90 \xea\xb0\x9c", 2},   /* 두 개 */
              {"\xeb\x91\x90\xea\xb0\x9c", 2},    /* 두개 */
              {"\xec\x84\xb8 \xea\xb0\x9c", 3},   /* 세 개 */
              {"\xec\x84\xb8\xea\xb0\x9c", 3},    /* 세개 */
              {"\xeb\x84\xa4 \xea\xb0\x9c", 4},   /* 네 개 */
              {"\xeb\x84\xa4\xea\xb0\x9c", 4},    /* 네개 */
              {"\xeb\x8b\xa4\xec\x84\xaf", 5},    /* 다섯 */
              {"\xeb\xb0\x98 \xea\xb0\x9c", 0.5}, /* 반 개 */
              {"\xeb\xb0\x98\xea\xb0\x9c", 0.5},  /* 반개 */
              {NULL, 0}};

/* After a Korean score: the score is taken away, it is the scale ("만점"), or others gave it
 * ("1점 주는 분들은 알바", "10점 준 사람들"): not the writer's rating. */
static bool ko_taken_away(const char *s, size_t len, size_t i)
{
    static const char *const away[] = {
        "\xeb\xba\x80",                                     /* 뺀 */
        "\xeb\xb9\xbc",                                     /* 빼 */
        "\xeb\xba\x90",                                     /* 뺐 */
        "\xea\xb0\x90\xec\xa0\x90",                         /* 감점 */
        "\xea\xb9\x8e",                                     /* 깎 */
        "\xec\xb0\xa8\xea\xb0\x90",                         /* 차감 */
        "\xeb\xa7\x88\xec\x9d\xb4\xeb\x84\x88\xec\x8a\xa4", /* 마이너스 */
        "\xeb\xa7\x8c\xec\xa0\x90",                         /* 만점 */
        "\xec\xb0\xa8\xec\x9d\xb4",                         /* 차이 */
        /* a score others gave: "1점 주는 분들", "10점 준 사람", "10점을 준거냐", "별점테러" */
        "\xec\xa3\xbc\xeb\x8a\x94",              /* 주는 */
        "\xec\xa3\xbc\xec\x8b\xa0",              /* 주신 */
        "\xec\xa3\xbc\xec\x8b\x9c",              /* 주시 */
        "\xec\xa4\x80\xeb\x93\xaf",              /* 준듯 */
        "\xec\xa4\x80 \xeb\x93\xaf",             /* 준 듯 */
        "\xec\xa4\x80\xea\xb1\xb0",              /* 준거 */
        "\xec\xa4\x80 \xea\xb1\xb0",             /* 준 거 */
        "\xec\xa4\x80\xea\xb1\xb4",              /* 준건 */
        "\xec\xa4\x80 \xea\xb1\xb4",             /* 준 건 */
        "\xec\xa4\x80\xec\x82\xac\xeb\x9e\x8c",  /* 준사람 */
        "\xec\xa4\x80 \xec\x82\xac\xeb\x9e\x8c", /* 준 사람 */
        "\xec\xa4\x80\xeb\xb6\x84",              /* 준분 */
        "\xec\xa4\x80 \xeb\xb6\x84",             /* 준 분 */
        "\xec\xa4\x80\xeb\x86\x88",              /* 준놈 */
        "\xec\xa4\x80 \xeb\x86\x88",             /* 준 놈 */
        "\xec\xa4\x80 \xec\x9d\xb4",             /* 준 이 (이들) */
        "\xed\x85\x8c\xeb\x9f\xac",              /* 테러 */
        "\xec\x95\x8c\xeb\xb0\x94",              /* 알바 */
        /* a score the writer meant to give and did not: "5점 주려다가", "5점 주고 싶었는데" */
        "\xec\xa3\xbc\xeb\xa0\xa4",                          /* 주려 */
        "\xec\xa4\x84\xeb\xa0\xa4",                          /* 줄려 */
        "\xec\xa4\x84\xea\xb9\x8c",                          /* 줄까 */
        "\xec\xa3\xbc\xea\xb3\xa0 \xec\x8b\xb6\xec\x97\x88", /* 주고 싶었 */
        /* session twelve (ko12), the app reviews' ways of withholding or adding one: "별 하나가
         * 빠진 이유", "별하나 뺏습니다", "별 하나는 안 눌렀어요", "1점 덜 드려요", "별 한개 더
         * 드립니다" (the rest of the rating is given, not this) */
        "\xeb\xb9\xa0\xec\xa7\x84",  /* 빠진 */
        "\xeb\xb9\xa0\xec\xa1\x8c",  /* 빠졌 */
        "\xeb\xba\x8f",              /* 뺏 */
        "\xeb\x8d\x9c",              /* 덜 */
        "\xec\x95\x88 \xeb\x88\x8c", /* 안 눌 */
        "\xec\x95\x88\xeb\x88\x8c",  /* 안눌 */
        "\xeb\x8d\x94 \xeb\x93\x9c", /* 더 드 */
        "\xeb\x8d\x94 \xec\xa4\x8d", /* 더 줍 */
        "\xeb\x8d\x94 \xec\xa4\x84", /* 더 줄 */
        /* a rating that was ("원래 별 다섯개였는데 …", "첨에 진짜 별5개였는데"): the past */
        "\xec\x98\x80",             /* 였 */
        "\xec\x9d\xb4\xec\x97\x88", /* 이었 */
        /* a score others gave or a site shows, with incredulity (session twelve, read off the
         * cross-fitted NSMC and app reviews' stated ratings that opposed their label): "9점이나
         * 되네", "10점이라니", "1점이라는 평점은", "평점 1점이길래", "10점에 가깝네", "9점이 넘네",
         * "10점 준애들", "1점 준 인간들", "1점 준게 12개", "10점을 안 주실 듯" */
        "\xec\x9d\xb4\xeb\x82\x98",                 /* 이나 */
        "\xec\x9d\xb4\xeb\x9d\xbc\xeb\x8b\x88",     /* 이라니 */
        "\xec\x9d\xb4\xeb\x9d\xbc\xeb\x8a\x94",     /* 이라는 */
        "\xec\x9d\xb4\xea\xb8\xb8\xeb\x9e\x98",     /* 이길래 */
        "\xec\x97\x90\x20\xea\xb0\x80\xea\xb9\x9d", /* 에 가깝 */
        "\xec\x9d\xb4\x20\xeb\x84\x98",             /* 이 넘 */
        "\xec\xa4\x80\xec\x95\xa0",                 /* 준애 */
        "\xec\xa4\x80\x20\xec\x95\xa0",             /* 준 애 */
        "\xec\xa4\x80\x20\xec\x9d\xb8",             /* 준 인 */
        "\xec\xa4\x80\x20\xeb\xa9\x8d",             /* 준 멍 */
        "\xec\xa4\x80\x20\xeb\x84\x98",             /* 준 넘 */
        "\xec\xa4\x80\xea\xb2\x8c",                 /* 준게 */
        "\xec\xa4\x80\x20\xea\xb2\x8c",             /* 준 게 */
        "\xec\x95\x88\x20\xec\xa3\xbc",             /* 안 주 */
        "\xec\x95\x88\xec\xa3\xbc",                 /* 안주 */
        "\xec\x95\x88\x20\xec\xa4\x80",             /* 안 준 */
        "\xec\x95\x88\xec\xa4\x80",                 /* 안준 */
        NULL};
    i = skip_spaces(s, len, i);
    /* "1점만 뺄게요", "별 하나는 빼고", "별 하나가 빠진": one particle may come first */
    static const char *const particle[] = {"\xeb\xa7\x8c" /* 만 */, "\xec\x9d\x80" /* 은 */,
                                           "\xeb\x8a\x94" /* 는 */, "\xec\x9d\x84" /* 을 */,
                                           "\xeb\xa5\xbc" /* 를 */, "\xea\xb0\x80" /* 가 */,
                                           "\xec\x9d\xb4" /* 이 */, NULL};
    for (int pass = 0; pass < 2; pass++) {
        for (const char *const *a = away; *a; a++)
            if (at(s, len, i, *a))
                return true;
        bool moved = false;
        for (const char *const *p = particle; *p && !pass && !moved; p++)
            if (at(s, len, i, *p) && !at(s, len, i, "\xeb\xa7\x8c\xec\xa0\x90")) {
                i = skip_spaces(s, len, i + strlen(*p));
                moved = true;
            }
        if (!moved)
            break;
    }
    return false;
}

static bool add(struct hugi_sent_stated *out, size_t *n, size_t max, size_t a, size_t b, double v,
                double scale)
{
    if (*n >= max || scale <= 0 || v < 0 || v > scale)
        return false;
    out[*n] = (struct hugi_sent_stated){(uint32_t)a, (uint32_t)b, v, scale};
    (*n)++;
    return true;
}

/* A Korean score "N점" without its scale: low on both scales or high beyond 5, else nothing. */
static bool ko_unscaled(double v, double *scale)
{
    if (v <= 2) {
        *scale = 10;
        return true;
    }
    if (v == 9 || v == 10) {
        *scale = 10;
        return true;
    }
    if (v == 100) {
        *scale = 100;
        return true;
    }
    return false;
}

static const char JEOM[] = "\xec\xa0\x90";                /* 점 */
static const char MANJEOM[] = "\xeb\xa7\x8c\xec\xa0\x90"; /* 만점 */
static const char STAR_KO[] = "\xeb\xb3\x84";             /* 별 */

/* Whether the word before s[i] counts something off ("day 3/10", "part 1/5", "episode 2/10",
 * "version 2/10", "#2/10", "3일차 2/5"): a fraction of a series, not a rating. */
static bool counted_before(const char *s, size_t i)
{
    /* Korean counters only as a word's end (일차, 회차), so 영화 (film) stays a rating's */
    static const char *const words[] = {"day",
                                        "week",
                                        "part",
                                        "page",
                                        "step",
                                        "episode",
                                        "ep",
                                        "chapter",
                                        "season",
                                        "round",
                                        "level",
                                        "lesson",
                                        "version",
                                        "ver",
                                        "no",
                                        "number",
                                        "item",
                                        "size",
                                        "book",
                                        "volume",
                                        "vol",
                                        "disc",
                                        "track",
                                        "game",
                                        "\xec\x9d\xbc\xec\xb0\xa8" /* 일차 */,
                                        "\xed\x9a\x8c\xec\xb0\xa8" /* 회차 */,
                                        NULL};
    size_t k = i;
    while (k > 0 && s[k - 1] == ' ')
        k--;
    if (k > 0 && s[k - 1] == '#')
        return true;
    size_t w = k;
    while (w > 0 && (is_alpha(s[w - 1]) || (unsigned char)s[w - 1] >= 0x80))
        w--;
    for (const char *const *p = words; *p; p++) {
        size_t n = strlen(*p);
        if (k - w >= n && memcmp(s + k - n, *p, n) == 0 &&
            (k - w == n || (unsigned char)s[k - n] >= 0x80))
            return true;
    }
    return false;
}

/* At a digit: "N/M", "N out of M", "N star(s)", "N점", "M점 만점에 N점". */
static size_t at_number(const char *s, size_t len, size_t i, struct hugi_sent_stated *out,
                        size_t *n, size_t max)
{
    double v, m;
    size_t e;
    if (!number_at(s, len, i, &v, &e)) {
        /* past the whole run: its last digits are no number of their own ("100001점") */
        while (i < len && is_digit(s[i]))
            i++;
        return i;
    }
    /* part of a longer token: a date "2024/10/10", a version "v2", a price "1,000" */
    if (i > 0 && (is_alpha(s[i - 1]) || s[i - 1] == '/' || s[i - 1] == ',' || s[i - 1] == '-' ||
                  s[i - 1] == '.' || s[i - 1] == ':'))
        return e;
    size_t j = skip_spaces(s, len, e);
    if (j < len && s[j] == '/' && counted_before(s, i)) /* "day 3/10", "part 1/5", "#2/10" */
        return e;
    if (j < len && s[j] == '/') {
        size_t k = skip_spaces(s, len, j + 1), e2;
        if (number_at(s, len, k, &m, &e2) && (m == 5 || m == 10 || m == 100) &&
            !(e2 < len &&
              (s[e2] == '/' || is_alpha(s[e2]) || s[e2] == ',' || s[e2] == '.' ||
               is_digit(s[e2])) &&
              !(s[e2] == '.' && (e2 + 1 >= len || s[e2 + 1] == ' ')))) {
            /* "4/5" may be a date (April 5): on the 5 scale only before a stop or "star" */
            size_t k2 = skip_spaces(s, len, e2);
            bool ok = m != 5 || k2 >= len || s[k2] == '!' || s[k2] == '.' || s[k2] == ',' ||
                      s[k2] == ')' || at(s, len, k2, "star") || at(s, len, k2, STAR_KO) ||
                      at(s, len, k2, JEOM);
            if (ok && add(out, n, max, i, e2, v, m))
                return e2;
        }
        return e;
    }
    if (at(s, len, j, "out of ") || at(s, len, j, "outta ")) {
        size_t k = skip_spaces(s, len, j + (s[j + 3] == ' ' ? 7 : 6)), e2;
        if (number_at(s, len, k, &m, &e2) && (m == 5 || m == 10 || m == 100) &&
            add(out, n, max, i, e2, v, m))
            return e2;
        return e;
    }
    if (at(s, len, j, "star") || at(s, len, j, "-star")) {
        size_t k = j + (s[j] == '-' ? 5 : 4);
        if (k < len && s[k] == 's')
            k++;
        if (k < len && is_alpha(s[k]))
            return k; /* "1 started", "2 starters" */
        /* "the 5 star reviews are fake": stars of other reviews */
        size_t k2 = skip_spaces(s, len, k);
        if (at(s, len, k2, "review") || at(s, len, k2, "rating"))
            return k;
        add(out, n, max, i, k, v > 5 ? 5 : v, 5);
        return k;
    }
    if (at(s, len, j, JEOM)) {
        size_t k = j + 3;
        /* "10점 만점에 8점", "5점 만점 중 4점": the scale, then the score */
        size_t k1 = skip_spaces(s, len, k);
        if (at(s, len, k1, MANJEOM)) {
            size_t p = skip_spaces(s, len, k1 + 6);
            /* 에, 중, 에서: at most two syllables before the score */
            for (int syl = 0; syl < 2 && p + 3 <= len && (unsigned char)s[p] >= 0xEA &&
                              (unsigned char)s[p] <= 0xED && !is_digit(s[p]);
                 syl++)
                p = skip_spaces(s, len, p + 3);
            double sc;
            size_t e2;
            if (number_at(s, len, p, &sc, &e2) && at(s, len, skip_spaces(s, len, e2), JEOM) &&
                (v == 5 || v == 10 || v == 100)) {
                size_t end = skip_spaces(s, len, e2) + 3;
                if (!ko_taken_away(s, len, end) && add(out, n, max, i, end, sc, v))
                    return end;
            }
            return k;
        }
        if (ko_taken_away(s, len, k))
            return k;
        double scale;
        if (ko_unscaled(v, &scale))
            add(out, n, max, i, k, v, scale);
        return k;
    }
    return e;
}

/* At "별": "별 하나", "별 다섯 개", "별 1개", "별점 4점" (a star score above 5 is on 10). */
static size_t at_star_ko(const char *s, size_t len, size_t i, struct hugi_sent_stated *out,
                         size_t *n, size_t max)
{
    size_t j = i + 3;
    bool jeom = at(s, len, j, JEOM);
    if (jeom)
        j += 3;
    j = skip_spaces(s, len, j);
    double v;
    size_t e;
    if (number_at(s, len, j, &v, &e)) {
        size_t k = skip_spaces(s, len, e);
        if (!at(s, len, k, JEOM) && !at(s, len, k, "\xea\xb0\x9c" /* 개 */))
            return e;
        size_t end = k + 3;
        /* stars run to 5; "별점 8점" is a film's 10 */
        if (v <= 10 && !ko_taken_away(s, len, end))
            add(out, n, max, i, end, v, v > 5 ? 10 : 5);
        return end;
    }
    if (jeom)
        return j;
    for (size_t w = 0; ko_num[w].w; w++)
        if (at(s, len, j, ko_num[w].w)) {
            size_t end = j + strlen(ko_num[w].w);
            if (at(s, len, end, " \xea\xb0\x9c")) /* 다섯 개 */
                end += 4;
            else if (at(s, len, end, "\xea\xb0\x9c")) /* 다섯개 */
                end += 3;
            if (!ko_taken_away(s, len, end))
                add(out, n, max, i, end, ko_num[w].v, 5);
            return end;
        }
    return j;
}

/* At an English number word followed by "star(s)": "one star", "zero stars", "five-star". */
static size_t at_word(const char *s, size_t len, size_t i, struct hugi_sent_stated *out, size_t *n,
                      size_t max, bool out_of)
{
    if (i > 0 && is_alpha(s[i - 1]))
        return i + 1;
    /* "ten out of ten", "two out of five" (session nine, en9): the words of "10 out of 10";
     * not "nine out of ten people/times" (a share of something else) */
    double v, m;
    size_t e, e2;
    if (out_of && ten_word_at(s, len, i, &v, &e)) {
        size_t j = skip_spaces(s, len, e);
        if (at(s, len, j, "out of ")) {
            size_t k = skip_spaces(s, len, j + 7);
            if (ten_word_at(s, len, k, &m, &e2) && (m == 5 || m == 10) && v <= m) {
                size_t k2 = skip_spaces(s, len, e2);
                if (!(k2 < len && is_alpha(s[k2]) && !at(s, len, k2, "would") &&
                      !at(s, len, k2, "for") && !at(s, len, k2, "from") &&
                      !at(s, len, k2, "stars"))) {
                    add(out, n, max, i, e2, v, m);
                    return e2;
                }
            }
        }
    }
    for (size_t w = 0; en_num[w].w; w++) {
        if (!at(s, len, i, en_num[w].w))
            continue;
        size_t j = i + strlen(en_num[w].w);
        if (j < len && s[j] == '-')
            j++;
        else
            j = skip_spaces(s, len, j);
        if (!at(s, len, j, "star"))
            continue;
        size_t k = j + 4;
        if (k < len && s[k] == 's')
            k++;
        if (k < len && is_alpha(s[k]))
            continue; /* "starting", "stare" */
        size_t k2 = skip_spaces(s, len, k);
        if (at(s, len, k2, "review") || at(s, len, k2, "rating") || at(s, len, k2, "hotel") ||
            at(s, len, k2, "restaurant"))
            return k;
        add(out, n, max, i, k, en_num[w].v, 5);
        return k;
    }
    return i + 1;
}

static const char BLACK[] = "\xe2\x98\x85", WHITE[] = "\xe2\x98\x86", EMOJI[] = "\xe2\xad\x90";

/* The rating a run of star glyphs in t[a..b) gives: the filled ones of the run's length (of 5
 * when there is no empty one). One star glyph is a decoration; a run of 2-10 with at most 5
 * filled is a rating. False otherwise. */
static bool glyph_rating(const char *t, size_t a, size_t b, double *v, double *scale)
{
    size_t full = 0, empty = 0;
    for (size_t j = a; j + 3 <= b; j++) {
        if (at(t, b, j, BLACK) || at(t, b, j, EMOJI))
            full++;
        else if (at(t, b, j, WHITE))
            empty++;
    }
    size_t total = full + empty;
    if (total < 2 || total > 10 || full > 5)
        return false;
    *v = (double)full;
    *scale = empty ? (double)total : 5;
    return true;
}

/* A run of star glyphs: ★★★★☆ (black and white stars), ⭐⭐⭐ (emoji, with or without VS16).
 * The normaliser cuts a run of one code point to two ("★★★★" reads "★★"), so the run is counted
 * in the original text when there is one (orig and map: the normaliser's offsets). */
static size_t at_glyphs(const char *s, size_t len, size_t i, const char *orig, const uint32_t *map,
                        struct hugi_sent_stated *out, size_t *n, size_t max)
{
    static const char VS16[] = "\xef\xb8\x8f";
    size_t j = i;
    while (at(s, len, j, BLACK) || at(s, len, j, EMOJI) || at(s, len, j, WHITE) ||
           at(s, len, j, VS16))
        j += 3;
    if (j == i)
        return i + 1;
    double v, scale;
    if (orig && map ? glyph_rating(orig, map[i], map[j], &v, &scale)
                    : glyph_rating(s, i, j, &v, &scale))
        add(out, n, max, i, j, v, scale);
    return j;
}

/* Whether a number in s[st) was cut by the normaliser, which keeps two of a run of one code point
 * ("1000점" reads "100점", "3/10000" reads "3/100"): its digits in the original are more than
 * in s. Such a number is no rating. */
static bool digits_cut(const struct hugi_sent_stated *st, const char *s, const char *orig,
                       const uint32_t *map)
{
    for (size_t j = st->start; j < st->end;) {
        if (!is_digit(s[j])) {
            j++;
            continue;
        }
        size_t a = j;
        while (j < st->end && is_digit(s[j]))
            j++;
        /* code points of the original span (a full-width digit folds to one byte too) */
        size_t cps = 0;
        for (size_t o = map[a]; o < map[j]; o++)
            cps += ((unsigned char)orig[o] & 0xC0) != 0x80;
        if (cps > j - a)
            return true;
    }
    return false;
}

/* An English rating the writer would have given: "would have given it five stars if it
 * worked", "I wanted to give 5/5": a wish the rest of the review takes back, not a verdict.
 * Looked for in the few words before the rating at s[i]. */
static bool en_wished(const char *s, size_t i)
{
    static const char *const wish[] = {
        "would have ", "would've ",     "could have ", "could've ", "should have ",
        "wanted to ",  "was going to ", "was gonna ",  "would of ", "was about to ",
        NULL};
    size_t from = i > 40 ? i - 40 : 0;
    for (const char *const *w = wish; *w; w++)
        if (hugi_memmem(s + from, i - from, *w, strlen(*w)))
            return true;
    return false;
}

size_t hugi_sent_stated_find(const char *s, size_t len, const char *orig, const uint32_t *map,
                             struct hugi_sent_stated *out, size_t max)
{
    /* most texts state no rating: the word forms are looked for only where their anchor word
     * is in the text at all, and the byte loop is one table test */
    struct scan_stated f = scan_stated((const unsigned char *)s, len);
    bool star_en = f.star_en, star_ko = f.star_ko;
    /* "ten out of ten" (at_word) has no "star": its "out of " opens the word forms too */
    bool out_of = !f.digit && len >= 14 && hugi_memmem(s, len, "ut of ", 6);
    star_en = star_en || out_of;
    if (!star_en && !star_ko && !f.digit)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < len && n < max;) {
        /* without "star", only digits, E2 and 별 start something: the rest is skipped 16 bytes
         * at a time (with it, most letters may start a number word) */
        if (!star_en) {
            i = scan_stated_next((const unsigned char *)s, len, i, star_ko);
            if (i >= len)
                break;
        }
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') {
            size_t before = n;
            i = at_number(s, len, i, out, &n, max);
            if (n > before && ((orig && map && digits_cut(&out[n - 1], s, orig, map)) ||
                               en_wished(s, out[n - 1].start)))
                n = before;
        } else if (c == 0xE2 && i + 3 <= len &&
                   ((s[i + 1] == '\x98' && (s[i + 2] == '\x85' || s[i + 2] == '\x86')) ||
                    (s[i + 1] == '\xad' && s[i + 2] == '\x90'))) {
            i = at_glyphs(s, len, i, orig, map, out, &n, max);
        } else if (star_ko && c == 0xEB && at(s, len, i, STAR_KO)) {
            size_t before = n;
            i = at_star_ko(s, len, i, out, &n, max);
            if (n > before && orig && map && digits_cut(&out[n - 1], s, orig, map))
                n = before;
        } else if (star_en &&
                   (c == 'z' || c == 'n' || c == 'h' || c == 'o' || c == 'a' || c == 't' ||
                    c == 'f' || c == 's' || c == 'e') &&
                   (i == 0 || !is_alpha(s[i - 1]))) {
            size_t before = n;
            i = at_word(s, len, i, out, &n, max, out_of);
            if (n > before && en_wished(s, out[n - 1].start))
                n = before;
        } else {
            i++;
        }
    }
    return n;
}

double hugi_sent_stated_weight(const struct hugi_sent_stated *st)
{
    /* the scale's 60 % is the middle: 3 of 5 and 6 of 10 say nothing, 5/5 and 10/10 weigh
     * +STATED_W, 1 of 5 and 2 of 10 (and below) -STATED_W */
    if (st->scale <= 0)
        return 0;
    double r = st->value / st->scale;
    double x = (r - 0.6) / 0.4;
    if (x > 1)
        x = 1;
    if (x < -1)
        x = -1;
    return x * HUGI_SENT_STATED_W;
}
