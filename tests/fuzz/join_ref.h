/* SPDX-License-Identifier: MIT
 * The complaint matcher's joined view as it was built before the 16-byte runs (session seven):
 * one byte at a time. fuzz_complaint_join and unit/complaint_image check that
 * hugi_complaint_join_ gives exactly these bytes and source offsets. A copy kept as the
 * reference, not used by hugi itself. */
#ifndef HUGI_JOIN_REF_H
#define HUGI_JOIN_REF_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static bool ref_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool ref_starts(const char *f, size_t flen, size_t pos, const char *s)
{
    size_t n = strlen(s);
    return pos + n <= flen && memcmp(f + pos, s, n) == 0;
}

static bool ref_misspelt_an(const char *t, size_t n, size_t p)
{
    static const char *const verbs[] = {"돼", "되", "됨", "됩", "됬", "됐",   "와",
                                        "왔", "오", "옴", "열", "켜", "보내", "들어"};
    if (!ref_starts(t, n, p, "않"))
        return false;
    size_t q = p + strlen("않");
    if (q < n && t[q] == ' ')
        q++;
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (ref_starts(t, n, q, verbs[i]))
            return true;
    return false;
}

/* ts[0..tl) joined into od (room 2 * tl + 1) with sr (room 2 * tl + 1); returns the length. */
static size_t ref_join(const char *ts, size_t tl, char *od, uint32_t *sr)
{
    size_t outl = 0;
    for (size_t i = 0; i < tl; i++) {
        unsigned char b = (unsigned char)ts[i];
        if (b - 0x80u < 0x40u) {
            sr[outl] = (uint32_t)i;
            od[outl++] = ts[i];
            continue;
        }
        if (ts[i] == ' ' &&
            !(i > 0 && i + 1 < tl &&
              (ref_alnum((unsigned char)ts[i - 1]) || ref_alnum((unsigned char)ts[i + 1]))))
            continue;
        if (i + 2 < tl && (unsigned char)ts[i] == 0xEF && (unsigned char)ts[i + 1] == 0xBF &&
            (unsigned char)ts[i + 2] == 0xBD) {
            size_t j = i + 3;
            while (j < tl && ts[j] == ' ')
                j++;
            bool ascii_both = outl > 0 && ref_alnum((unsigned char)od[outl - 1]) && j < tl &&
                              ref_alnum((unsigned char)ts[j]);
            if (ascii_both) {
                sr[outl] = (uint32_t)i;
                od[outl++] = ' ';
            }
            i += 2;
            continue;
        }
        if (outl > 0 && od[outl - 1] != ' ') {
            unsigned char prev = (unsigned char)od[outl - 1];
            unsigned char cur = (unsigned char)ts[i];
            if ((ref_alnum(prev) && cur >= 0xC0) || (prev >= 0x80 && ref_alnum(cur))) {
                sr[outl] = (uint32_t)i;
                od[outl++] = ' ';
            }
        }
        if ((unsigned char)ts[i] == 0xEC && i + 2 < tl && (unsigned char)ts[i + 1] == 0x95 &&
            (unsigned char)ts[i + 2] == 0x8A && ref_misspelt_an(ts, tl, i)) {
            static const char an[] = "안";
            for (size_t k = 0; k < 3; k++) {
                sr[outl] = (uint32_t)(i + k);
                od[outl++] = an[k];
            }
            i += 2;
            continue;
        }
        sr[outl] = (uint32_t)i;
        od[outl++] = ts[i];
    }
    sr[outl] = (uint32_t)tl;
    od[outl] = '\0';
    return outl;
}

#endif
