/* SPDX-License-Identifier: MIT
 * Byte scans of normalised text (valid UTF-8, hugi_tm_normalize) that the scorer runs once per
 * text, 16 bytes at a time with SSE2 where the compiler has it, a plain loop otherwise and for a
 * text's last bytes. Both give the same bits (tests/fuzz/fuzz_scan.c compares them). Private to
 * the sentiment stage. */
#ifndef HUGI_SENT_SCAN_H
#define HUGI_SENT_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Is byte j of u (len bytes) one the per-text pass looks at: a clause break (. ! ? ; \n), or
 * the lead byte of a syllable that may be a Korean negator, EC 95 xx (안 않 아-니), EC 97 86 (없)
 * or EB AA xx (못 몬), or (the scorer's wider reach, ko_wide) EC A0 81 (적: 소음 적고), EC 82 AC
 * (사-라: 각질이 사라졌어요) or EC A4 84 (줄: 소음이 줄었어요)? Continuation bytes (80..BF) are
 * none of these, so testing every byte finds the code points that stepping from lead byte to
 * lead byte finds. */
static inline bool scan_is_mark(const unsigned char *u, size_t j, size_t len)
{
    unsigned c = u[j];
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n')
        return true;
    if (j + 3 > len)
        return false;
    unsigned c1 = u[j + 1], c2 = u[j + 2];
    return (c == 0xEC && (c1 == 0x95 || (c1 == 0x97 && c2 == 0x86) || (c1 == 0xA0 && c2 == 0x81) ||
                          (c1 == 0x82 && c2 == 0xAC) || (c1 == 0xA4 && c2 == 0x84))) ||
           (c == 0xEB && c1 == 0xAA);
}

/* The marks among bytes i .. i+15 of u: bit k for byte i+k (none at or after len). */
static inline uint32_t scan_marks16_plain(const unsigned char *u, size_t len, size_t i)
{
    uint32_t m = 0;
    for (size_t k = 0; k < 16 && i + k < len; k++)
        m |= (uint32_t)scan_is_mark(u, i + k, len) << k;
    return m;
}

#if defined(__SSE2__)
/* The marks among bytes j .. j+15 of u, which has at least j + 18 bytes. */
static inline uint32_t scan_marks16_sse2(const unsigned char *u, size_t j)
{
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(u + j));
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(u + j + 1));
    __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(u + j + 2));
    __m128i p = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8('.')), _mm_cmpeq_epi8(a, _mm_set1_epi8('!'))),
        _mm_or_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8('?')), _mm_cmpeq_epi8(a, _mm_set1_epi8(';'))));
    p = _mm_or_si128(p, _mm_cmpeq_epi8(a, _mm_set1_epi8('\n')));
    __m128i ec = _mm_cmpeq_epi8(a, _mm_set1_epi8((char)0xEC));
    __m128i eb = _mm_cmpeq_epi8(a, _mm_set1_epi8((char)0xEB));
    __m128i ec2 = _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8((char)0x95)),
                               _mm_and_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8((char)0x97)),
                                             _mm_cmpeq_epi8(c, _mm_set1_epi8((char)0x86))));
    /* 적 사 줄 (ko_wide) */
    ec2 = _mm_or_si128(ec2, _mm_and_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xA0)),
                                          _mm_cmpeq_epi8(c, _mm_set1_epi8((char)0x81))));
    ec2 = _mm_or_si128(ec2, _mm_and_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8((char)0x82)),
                                          _mm_cmpeq_epi8(c, _mm_set1_epi8((char)0xAC))));
    ec2 = _mm_or_si128(ec2, _mm_and_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xA4)),
                                          _mm_cmpeq_epi8(c, _mm_set1_epi8((char)0x84))));
    __m128i eb2 = _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xAA));
    p = _mm_or_si128(p, _mm_or_si128(_mm_and_si128(ec, ec2), _mm_and_si128(eb, eb2)));
    return (uint32_t)_mm_movemask_epi8(p);
}
#endif

static inline uint32_t scan_marks16(const unsigned char *u, size_t len, size_t i)
{
#if defined(__SSE2__)
    /* the three loads stay inside the text */
    if (i + 18 <= len)
        return scan_marks16_sse2(u, i);
    if (i < len && len >= 18) {
        /* near the end: the block ending 18 bytes before it, shifted, for bytes up to len - 3;
         * the last two can only be punctuation (a syllable needs three bytes) */
        size_t j = len - 18;
        uint32_t m = scan_marks16_sse2(u, j) >> (i - j);
        for (size_t k = i > len - 2 ? i : len - 2; k < len && k < i + 16; k++)
            m |= (uint32_t)scan_is_mark(u, k, len) << (k - i);
        return m;
    }
#endif
    return scan_marks16_plain(u, len, i);
}

/* What hugi_sent_stated_find looks for before anything else, in one pass: "star" (star_en), 별
 * (EB B3 84, star_ko), and a digit or an E2 byte (the lead of ★ ☆ ⭐; digit). */
struct scan_stated {
    bool star_en, star_ko, digit;
};

static inline void scan_stated_plain(const unsigned char *u, size_t len, size_t i,
                                     struct scan_stated *f)
{
    for (; i < len; i++) {
        unsigned c = u[i];
        f->digit |= (c >= '0' && c <= '9') || c == 0xE2;
        f->star_en |=
            c == 's' && i + 4 <= len && u[i + 1] == 't' && u[i + 2] == 'a' && u[i + 3] == 'r';
        f->star_ko |= c == 0xEB && i + 3 <= len && u[i + 1] == 0xB3 && u[i + 2] == 0x84;
    }
}

#if defined(__SSE2__)
/* The anchors starting at bytes i .. i+15 of u (which has at least i + 19 bytes), or-ed into
 * acc: digits and E2, "star", 별. */
static inline void scan_stated_sse2(const unsigned char *u, size_t i, __m128i acc[3])
{
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 1));
    __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 2));
    __m128i d = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 3));
    /* a - '0' <= 9 unsigned: a digit */
    __m128i z = _mm_sub_epi8(a, _mm_set1_epi8('0'));
    acc[0] = _mm_or_si128(acc[0], _mm_cmpeq_epi8(_mm_min_epu8(z, _mm_set1_epi8(9)), z));
    acc[0] = _mm_or_si128(acc[0], _mm_cmpeq_epi8(a, _mm_set1_epi8((char)0xE2)));
    acc[1] =
        _mm_or_si128(acc[1], _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8('s')),
                                                         _mm_cmpeq_epi8(b, _mm_set1_epi8('t'))),
                                           _mm_and_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8('a')),
                                                         _mm_cmpeq_epi8(d, _mm_set1_epi8('r')))));
    acc[2] = _mm_or_si128(acc[2],
                          _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8((char)0xEB)),
                                                      _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xB3))),
                                        _mm_cmpeq_epi8(c, _mm_set1_epi8((char)0x84))));
}
#endif

static inline struct scan_stated scan_stated(const unsigned char *u, size_t len)
{
    struct scan_stated f = {false, false, false};
    size_t i = 0;
#if defined(__SSE2__)
    /* the four loads stay inside the text */
    __m128i acc[3] = {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128()};
    for (; i + 19 <= len; i += 16)
        scan_stated_sse2(u, i, acc);
    if (len >= 19 && i < len - 3) {
        /* the last bytes: one more block ending at the end, overlapping (the flags only add
         * up), then the three starts it leaves */
        scan_stated_sse2(u, len - 19, acc);
        i = len - 3;
    }
    f.digit = _mm_movemask_epi8(acc[0]) != 0;
    f.star_en = _mm_movemask_epi8(acc[1]) != 0;
    f.star_ko = _mm_movemask_epi8(acc[2]) != 0;
#endif
    scan_stated_plain(u, len, i, &f);
    return f;
}

/* Where hugi_sent_stated_find has something to look at, from byte i on: a digit, an E2 byte,
 * or (star_ko) 별. len when nowhere. Every other byte is one it steps over. */
static inline bool scan_stated_at(const unsigned char *u, size_t len, size_t j, bool star_ko)
{
    unsigned c = u[j];
    return (c >= '0' && c <= '9') || c == 0xE2 ||
           (star_ko && c == 0xEB && j + 3 <= len && u[j + 1] == 0xB3 && u[j + 2] == 0x84);
}

static inline size_t scan_stated_next_plain(const unsigned char *u, size_t len, size_t i,
                                            bool star_ko)
{
    while (i < len && !scan_stated_at(u, len, i, star_ko))
        i++;
    return i;
}

static inline size_t scan_stated_next(const unsigned char *u, size_t len, size_t i, bool star_ko)
{
#if defined(__SSE2__)
    /* 별 is often there (별로: "not much"), and the loop then went byte by byte over the text */
    __m128i ko = star_ko ? _mm_set1_epi8(-1) : _mm_setzero_si128();
    for (; i + 18 <= len; i += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 1));
        __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 2));
        __m128i z = _mm_sub_epi8(a, _mm_set1_epi8('0'));
        __m128i m = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(z, _mm_set1_epi8(9)), z),
                                 _mm_cmpeq_epi8(a, _mm_set1_epi8((char)0xE2)));
        __m128i k = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8((char)0xEB)),
                                                _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xB3))),
                                  _mm_cmpeq_epi8(c, _mm_set1_epi8((char)0x84)));
        m = _mm_or_si128(m, _mm_and_si128(k, ko));
        int bits = _mm_movemask_epi8(m);
        if (bits)
            return i + (size_t)__builtin_ctz((unsigned)bits);
    }
#endif
    return scan_stated_next_plain(u, len, i, star_ko);
}

#endif
