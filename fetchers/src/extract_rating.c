/* SPDX-License-Identifier: MIT
 * Ratings out of text and attributes: "4,7 su 5", "4.5 out of 5", "4/5", "5.0 star rating",
 * "별점 4점", "5점 만점에 4점", "2 stars", class names "star-4" / "rating-45", widths "80%",
 * "5つ星のうち4つ" (Japanese puts the scale first). Everything ends on the 1..5 scale; a text with
 * no number, or a zero, is no rating (null), never a rating of 0. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

bool hugi_extract_rating_scale(double value, double best, double worst, double *out)
{
    if (!(best > 0) || !isfinite(best))
        best = 5;
    if (!isfinite(value) || !(value > 0) || value > best * 1.0001)
        return false;
    (void)worst;
    double r = best == 5 ? value : value / best * 5.0;
    if (r < 1)
        r = 1;
    *out = round(r * 100.0) / 100.0;
    return true;
}

struct rnum {
    double v;
    size_t start, end;
    bool decimal;
};

static size_t numbers(const char *s, size_t len, struct rnum *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < cap;) {
        if (!(s[i] >= '0' && s[i] <= '9')) {
            i++;
            continue;
        }
        size_t j = i;
        double v = 0;
        while (j < len && s[j] >= '0' && s[j] <= '9' && j - i < 12)
            v = v * 10 + (s[j++] - '0');
        bool dec = false;
        /* "4.7" and "4,7" (Italian, German, French write a comma) */
        if (j + 1 < len && (s[j] == '.' || s[j] == ',') && s[j + 1] >= '0' && s[j + 1] <= '9') {
            j++;
            double f = 0.1;
            while (j < len && s[j] >= '0' && s[j] <= '9') {
                v += (s[j++] - '0') * f;
                f /= 10;
            }
            dec = true;
        }
        out[n].v = v;
        out[n].start = i;
        out[n].end = j;
        out[n].decimal = dec;
        n++;
        i = j;
    }
    return n;
}

static bool between_has(const char *s, size_t a, size_t b, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = a; i + n <= b; i++)
        if (memcmp(s + i, w, n) == 0)
            return true;
    return false;
}

static void lower_ascii(const char *s, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++)
        out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
}

/* A rating drawn in star glyphs: "★★★★☆" (filled of filled + empty), "★★★★" (filled, on the
 * scale). Anything else in the text but spaces means it is not a rating. */
static bool stars(const char *s, size_t len, double scale, double *out)
{
    int full = 0, empty = 0, half = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] == ' ') {
            i++;
            continue;
        }
        /* U+2605 BLACK STAR, U+2606 WHITE STAR, U+2B50 STAR, U+2729-272F outlined stars */
        if (len - i >= 3 && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x98 &&
            ((unsigned char)s[i + 2] == 0x85 || (unsigned char)s[i + 2] == 0x86)) {
            if ((unsigned char)s[i + 2] == 0x85)
                full++;
            else
                empty++;
            i += 3;
            continue;
        }
        if (len - i >= 3 && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0xAD &&
            (unsigned char)s[i + 2] == 0x90) {
            full++;
            i += 3;
            continue;
        }
        /* U+00BD ½ after the stars: "★★★★½" is 4.5 */
        if (len - i >= 2 && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xBD &&
            full && !half) {
            half = 1;
            i += 2;
            continue;
        }
        return false;
    }
    if (!full)
        return false;
    if (empty)
        return hugi_extract_rating_scale(full + 0.5 * half, full + half + empty, 0, out);
    return hugi_extract_rating_scale(full + 0.5 * half, scale, 0, out);
}

/* A rating spelled as one English number word, alone or before "star(s)": Google's Business
 * Profile API sends `"starRating": "FOUR"`, some widgets "Five stars". Only the whole text: a word
 * inside a sentence ("one of the best") is no rating. */
static bool number_word(const char *low, size_t len, double scale, double *out)
{
    static const char *const words[] = {"one", "two", "three", "four", "five"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t wl = strlen(words[i]);
        if (len < wl || memcmp(low, words[i], wl) != 0)
            continue;
        const char *rest = low + wl;
        size_t rn = len - wl;
        while (rn && (*rest == ' ' || *rest == '_' || *rest == '-')) {
            rest++;
            rn--;
        }
        if (rn == 0 || (rn == 4 && !memcmp(rest, "star", 4)) ||
            (rn == 5 && !memcmp(rest, "stars", 5)))
            return hugi_extract_rating_scale((double)(i + 1), scale, 0, out);
    }
    return false;
}

bool hugi_extract_rating(const char *s0, size_t len0, double scale, double *out)
{
    size_t len;
    const char *s = hugi_str_trim(s0, len0, &len);
    if (!len || len > 400)
        return false;
    char low[401];
    lower_ascii(s, len, low);
    if (!(scale > 0))
        scale = 5;
    struct rnum n[8];
    size_t nn = numbers(low, len, n, 8);
    if (nn == 0)
        return number_word(low, len, scale, out) || stars(s, len, scale, out);
    /* Japanese: "5つ星のうち4つ" — the scale comes first, the rating after のうち. */
    for (size_t i = 0; i + 1 < nn; i++) {
        if (between_has(low, n[i].end, n[i + 1].start, "\xe3\x81\xae\xe3\x81\x86\xe3\x81\xa1") ||
            between_has(low, n[i].end, n[i + 1].start, "\xeb\xa7\x8c\xec\xa0\x90") || /* 만점 */
            between_has(low, n[i].end, n[i + 1].start, "\xec\xa4\x91"))               /* 중 */
            return hugi_extract_rating_scale(n[i + 1].v, n[i].v, 0, out);
    }
    /* "X out of Y", "X/Y", "X of Y", "X su Y", "X von Y", "X sur Y", "X av Y", "X af Y",
     * "X de Y", "X van Y", "X из Y". */
    static const char *const ofs[] = {"out of", "/",  "of", "su",        "von",
                                      "sur",    "av", "af", "de",        "van",
                                      "di",     "em", "z",  "p\xc3\xa5", "\xd0\xb8\xd0\xb7"};
    for (size_t i = 0; i + 1 < nn; i++) {
        size_t a = n[i].end, b = n[i + 1].start;
        while (a < b && low[a] == ' ')
            a++;
        while (b > a && low[b - 1] == ' ')
            b--;
        for (size_t k = 0; k < sizeof ofs / sizeof ofs[0]; k++) {
            size_t kn = strlen(ofs[k]);
            if (b - a == kn && memcmp(low + a, ofs[k], kn) == 0 && n[i + 1].v >= n[i].v &&
                n[i + 1].v <= 100)
                return hugi_extract_rating_scale(n[i].v, n[i + 1].v, 0, out);
        }
    }
    struct rnum *r = &n[0];
    double v = r->v;
    /* "width: 80%" on a star bar. */
    size_t k = r->end;
    while (k < len && low[k] == ' ')
        k++;
    if (k < len && low[k] == '%')
        return hugi_extract_rating_scale(v / 100.0 * scale, scale, 0, out);
    /* Class names like "rating-45" / "stars_35" mean 4.5 / 3.5 on a 5 scale. */
    if (!r->decimal && v > scale && v <= scale * 10 && (int)v % 5 == 0 && r->start > 0 &&
        (low[r->start - 1] == '-' || low[r->start - 1] == '_'))
        v /= 10;
    return hugi_extract_rating_scale(v, scale, 0, out);
}
