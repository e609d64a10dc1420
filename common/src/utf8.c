/* SPDX-License-Identifier: MIT
 * UTF-8 decoding and repair. Input from the outside (pages, exports, stdin) is repaired here once,
 * so later stages can assume valid UTF-8: invalid bytes become U+FFFD (one per byte, as WHATWG
 * decoders do), NUL bytes are dropped. */
#include "hugi/core.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t hugi_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c = u[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

size_t hugi_utf8_encode(uint32_t cp, char out[4])
{
    unsigned char *o = (unsigned char *)out;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The forms hugi_utf8_decode accepts, tested on the bytes without decoding: the second byte's
 * range excludes the overlong forms (E0 80-9F, F0 80-8F), the surrogates (ED A0-BF) and what
 * lies past U+10FFFF (F4 90-BF); C0, C1 and F5-FF never lead. ASCII is skipped eight bytes at a
 * time. A third of the instructions of decoding every code point (the lexicon image's strings,
 * 1.9 MB, are checked at every start: bench/README.md "Session thirteen: start-up
 * (startup17)"); unit/core checks it against decoding. */
bool hugi_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            while (len - i >= 8) {
                uint64_t w;
                memcpy(&w, s + i, 8);
                if (w & 0x8080808080808080ull)
                    break;
                i += 8;
            }
            continue;
        }
        size_t left = len - i;
        if (c - 0xE0u < 16u) {
            /* the second byte's range by lead: E0 A0-BF, ED 80-9F, the others 80-BF */
            static const unsigned char lo3[16] = {0xA0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                                                  0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80};
            static const unsigned char span3[16] = {0x1F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F,
                                                    0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x1F, 0x3F, 0x3F};
            if (left < 3 || (unsigned)(s[i + 1] - lo3[c - 0xE0u]) > span3[c - 0xE0u] ||
                (s[i + 2] & 0xC0) != 0x80)
                return false;
            i += 3;
        } else if (c >= 0xC2 && c <= 0xDF) {
            if (left < 2 || (s[i + 1] & 0xC0) != 0x80)
                return false;
            i += 2;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (left < 4)
                return false;
            unsigned b = s[i + 1];
            if (b < (c == 0xF0 ? 0x90u : 0x80u) || b > (c == 0xF4 ? 0x8Fu : 0xBFu) ||
                (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80)
                return false;
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

size_t hugi_utf8_ncp(const char *s, size_t len)
{
    size_t i = 0, n = 0;
    uint32_t cp;
    while (i < len) {
        size_t k = (unsigned char)s[i] < 0x80 ? 1 : hugi_utf8_decode(s + i, len - i, &cp);
        i += k ? k : 1;
        n++;
    }
    return n;
}

size_t hugi_utf8_prefix(const char *s, size_t len, size_t max_ncp)
{
    size_t i = 0, n = 0;
    uint32_t cp;
    while (i < len && n < max_ncp) {
        size_t k = (unsigned char)s[i] < 0x80 ? 1 : hugi_utf8_decode(s + i, len - i, &cp);
        i += k ? k : 1;
        n++;
    }
    return i;
}

hugi_rc hugi_utf8_repair(const char *s, size_t len, struct hugi_buf *out, size_t *nbad)
{
    size_t bad = 0, i = 0, run = 0;
    uint32_t cp;
    hugi_rc rc = hugi_buf_grow(out, len);
    if (rc)
        return rc;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t n = hugi_utf8_decode(s + i, len - i, &cp);
            if (n) {
                i += n;
                continue;
            }
        } else if (c != 0) {
            i++;
            continue;
        }
        /* flush the good run, then replace (or drop a NUL) */
        if ((rc = hugi_buf_add(out, s + run, i - run)))
            return rc;
        if (c != 0) {
            if ((rc = hugi_buf_add(out, "\xEF\xBF\xBD", 3)))
                return rc;
            bad++;
        }
        i++;
        run = i;
    }
    if ((rc = hugi_buf_add(out, s + run, i - run)))
        return rc;
    if (nbad)
        *nbad = bad;
    return HUGI_OK;
}

/* Whether every code point of valid UTF-8 s is in a range where NFC changes nothing whatever
 * surrounds it: below U+0300 (ASCII, Latin-1, Latin Extended: precomposed, no combining marks,
 * no composition exclusions), Hangul compatibility jamo, precomposed Hangul syllables (a lone
 * syllable is NFC; only a following conjoining jamo, outside these ranges, would compose),
 * general punctuation U+2010..U+2027, symbols U+2600..U+27BF, full-width forms and emoji. */
static bool nfc_stable(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = hugi_utf8_decode(s + i, len - i, &cp);
        if (!k)
            return false;
        i += k;
        if (cp < 0x300 || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x3131 && cp <= 0x318E) ||
            (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2600 && cp <= 0x27BF) ||
            (cp >= 0xFF01 && cp <= 0xFF5E) || (cp >= 0x1F300 && cp <= 0x1FAFF))
            continue;
        return false;
    }
    return true;
}

hugi_rc hugi_utf8_nfc(const char *s, size_t len, char **out, size_t *out_len, size_t *nbad)
{
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_rc rc = hugi_buf_grow(&b, len + 1); /* one allocation for the usual, valid text */
    if (!rc)
        rc = hugi_utf8_repair(s, len, &b, nbad);
    if (rc) {
        hugi_buf_release(&b);
        return rc;
    }
    char *txt = hugi_buf_detach(&b, NULL);
    if (!txt)
        return HUGI_E_NOMEM;
    /* Text made only of characters that neither decompose canonically nor combine with a
     * neighbour is already NFC: skip utf8proc for it (most English and Korean reviews). */
    size_t n = strlen(txt);
    if (nfc_stable(txt, n)) {
        *out = txt;
        if (out_len)
            *out_len = n;
        return HUGI_OK;
    }
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)txt, (utf8proc_ssize_t)n, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0) {
        /* cannot happen on repaired input except OOM; keep the repaired text rather than fail */
        free(nfc);
        if (r == UTF8PROC_ERROR_NOMEM) {
            free(txt);
            return HUGI_E_NOMEM;
        }
        *out = txt;
        if (out_len)
            *out_len = n;
        return HUGI_OK;
    }
    free(txt);
    *out = (char *)nfc;
    if (out_len)
        *out_len = (size_t)r;
    return HUGI_OK;
}
