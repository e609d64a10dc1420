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
 * or EB AA xx (못 몬)? Continuation bytes (80..BF) are none of these, so testing every byte finds
 * the code points that stepping from lead byte to lead byte finds. */
static inline bool scan_is_mark(const unsigned char *u, size_t j, size_t len)
{
    unsigned c = u[j];
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n')
        return true;
    if (j + 3 > len)
        return false;
    return (c == 0xEC && (u[j + 1] == 0x95 || (u[j + 1] == 0x97 && u[j + 2] == 0x86))) ||
           (c == 0xEB && u[j + 1] == 0xAA);
}

/* The marks among bytes i .. i+15 of u: bit k for byte i+k (none at or after len). */
static inline uint32_t scan_marks16_plain(const unsigned char *u, size_t len, size_t i)
{
    uint32_t m = 0;
    for (size_t k = 0; k < 16 && i + k < len; k++)
        m |= (uint32_t)scan_is_mark(u, i + k, len) << k;
    return m;
}

static inline uint32_t scan_marks16(const unsigned char *u, size_t len, size_t i)
{
#if defined(__SSE2__)
    /* the three loads stay inside the text: the last 17 bytes go the plain way */
    if (i + 18 <= len) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 1));
        __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 2));
        __m128i p = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8('.')),
                                              _mm_cmpeq_epi8(a, _mm_set1_epi8('!'))),
                                 _mm_or_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8('?')),
                                              _mm_cmpeq_epi8(a, _mm_set1_epi8(';'))));
        p = _mm_or_si128(p, _mm_cmpeq_epi8(a, _mm_set1_epi8('\n')));
        __m128i ec = _mm_cmpeq_epi8(a, _mm_set1_epi8((char)0xEC));
        __m128i eb = _mm_cmpeq_epi8(a, _mm_set1_epi8((char)0xEB));
        __m128i ec2 = _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8((char)0x95)),
                                   _mm_and_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8((char)0x97)),
                                                 _mm_cmpeq_epi8(c, _mm_set1_epi8((char)0x86))));
        __m128i eb2 = _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xAA));
        p = _mm_or_si128(p, _mm_or_si128(_mm_and_si128(ec, ec2), _mm_and_si128(eb, eb2)));
        return (uint32_t)_mm_movemask_epi8(p);
    }
#endif
    return scan_marks16_plain(u, len, i);
}

#endif
