/* SPDX-License-Identifier: MIT
 * libFuzzer, differential: the scorer's 16-byte scans (sentiment/src/scan.h) against plain
 * loops. On the raw bytes, at every offset: SSE2 block = byte-by-byte. On the normalised text:
 * the marks found block by block = those found by stepping from lead byte to lead byte with
 * the rule the per-text pass used before the scans (a clause break, or the 3-byte keys EC 95 xx,
 * EC 97 86, EB AA xx). The stated-rating anchors ("star", 별, a digit or E2) against memmem and
 * memchr. And hugi_tm_text.neg_en: without it, only 안/못 negate before (neg_before). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../sentiment/src/scan.h"
#include "hugi/core.h"
#include "hugi/textmatch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_blocks(const unsigned char *u, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (scan_marks16(u, len, i) != scan_marks16_plain(u, len, i))
            abort();
    /* the stated-rating anchors, against memmem/memchr as hugi_sent_stated_find had them */
    struct scan_stated f = scan_stated(u, len), g = {false, false, false};
    const char *s = (const char *)u;
    g.star_en = len >= 4 && hugi_memmem(s, len, "star", 4) != NULL;
    g.star_ko = len >= 3 && hugi_memmem(s, len, "\xeb\xb3\x84", 3) != NULL;
    for (const char *d = "0123456789\xe2"; *d && !g.digit; d++)
        g.digit = memchr(s, *d, len) != NULL;
    if (f.star_en != g.star_en || f.star_ko != g.star_ko || f.digit != g.digit)
        abort();
    for (size_t i = 0; i <= len; i++)
        for (int ko = 0; ko < 2; ko++)
            if (scan_stated_next(u, len, i, ko) != scan_stated_next_plain(u, len, i, ko))
                abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_blocks(data, size);
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    struct hugi_err err;
    if (hugi_tm_normalize(&t, (const char *)data, size, &err) != HUGI_OK)
        abort();
    const unsigned char *u = (const unsigned char *)t.s;
    size_t len = t.len;
    check_blocks(u, len);
    /* stepping by lead bytes, as the pass did */
    uint32_t *want = malloc((len + 1) * sizeof(*want));
    size_t nwant = 0;
    if (!want)
        abort();
    for (size_t i = 0; i < len;) {
        unsigned c = u[i];
        uint32_t key = i + 3 <= len ? (uint32_t)u[i] << 16 | (uint32_t)u[i + 1] << 8 | u[i + 2] : 0;
        if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' || key >> 8 == 0xEC95 ||
            key == 0xEC9786 || key == 0xECA081 || key == 0xEC82AC || key == 0xECA484 ||
            key >> 8 == 0xEBAA)
            want[nwant++] = (uint32_t)i;
        i += c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    /* neg_en false: nothing but 안/못 (glued, or one space before) negates before */
    if (!t.neg_en)
        for (uint32_t a = 0; a <= len; a++) {
            struct hugi_tm_match sp;
            if (hugi_tm_negated_before(&t, a, NULL, &sp) == HUGI_TM_NEG_NONE)
                continue;
            bool ko = (a >= 3 && (sp.start == a - 3 || (a >= 4 && sp.start == a - 4))) &&
                      sp.end == sp.start + 3 &&
                      (!memcmp(u + sp.start, "\xec\x95\x88", 3) ||
                       !memcmp(u + sp.start, "\xeb\xaa\xbb", 3));
            if (!ko)
                abort();
        }
    size_t k = 0;
    for (size_t i0 = 0; i0 < len; i0 += 16)
        for (uint32_t m = scan_marks16(u, len, i0); m; m &= m - 1) {
            size_t i = i0 + (size_t)__builtin_ctz(m);
            if (k >= nwant || want[k] != i)
                abort();
            k++;
        }
    if (k != nwant)
        abort();
    free(want);
    hugi_tm_text_release(&t);
    return 0;
}
