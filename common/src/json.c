/* SPDX-License-Identifier: MIT
 * JSON output helpers. Output is always valid UTF-8 JSON whatever the input bytes were. */
#include "hugi/core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

hugi_rc hugi_json_str(struct hugi_buf *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    hugi_rc rc = hugi_buf_grow(out, len + 2);
    if (rc)
        return rc;
    hugi_buf_addc(out, '"');
    size_t i = 0, run = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            i++;
            continue;
        }
        uint32_t cp = 0;
        size_t n = 0;
        if (c >= 0x80) {
            n = hugi_utf8_decode(s + i, len - i, &cp);
            if (n && cp != 0x2028 && cp != 0x2029) {
                i += n;
                continue;
            }
        }
        if ((rc = hugi_buf_add(out, s + run, i - run)))
            return rc;
        char esc[8];
        const char *e = esc;
        size_t elen = 2;
        switch (c) {
        case '"':
            e = "\\\"";
            break;
        case '\\':
            e = "\\\\";
            break;
        case '\n':
            e = "\\n";
            break;
        case '\r':
            e = "\\r";
            break;
        case '\t':
            e = "\\t";
            break;
        case '\b':
            e = "\\b";
            break;
        case '\f':
            e = "\\f";
            break;
        default:
            if (c < 0x20) {
                memcpy(esc, "\\u00", 4);
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
                elen = 6;
            } else if (n) { /* U+2028 / U+2029 */
                memcpy(esc, cp == 0x2028 ? "\\u2028" : "\\u2029", 6);
                elen = 6;
            } else {
                e = "\xEF\xBF\xBD";
                elen = 3;
            }
        }
        if ((rc = hugi_buf_add(out, e, elen)))
            return rc;
        i += n ? n : 1;
        run = i;
    }
    if ((rc = hugi_buf_add(out, s + run, i - run)))
        return rc;
    return hugi_buf_addc(out, '"');
}

hugi_rc hugi_json_strz(struct hugi_buf *out, const char *s)
{
    if (!s)
        return hugi_buf_add(out, "null", 4);
    return hugi_json_str(out, s, strlen(s));
}

/* %.{prec}g of v into tmp (prec 1..17 fits its 40 bytes), and whether it reads back as v */
static bool json_num_reads_back(double v, int prec, char tmp[static 40])
{
    prec = prec < 1 ? 1 : prec > 17 ? 17 : prec; /* tells the compiler the output fits */
    snprintf(tmp, 40, "%.*g", prec, v);
    return strtod(tmp, NULL) == v;
}

hugi_rc hugi_json_num(struct hugi_buf *out, double v)
{
    if (!isfinite(v))
        return hugi_buf_add(out, "null", 4);
    if (fabs(v) < 1e15 && v == (double)(long long)v) /* range first: the cast is UB beyond it */
        return hugi_buf_addf(out, "%lld", (long long)v);
    /* The shortest %g of 6 to 17 digits that reads back as v. Whether a precision reads back
     * grows with the precision (more digits only come nearer), so after the short 6 a binary
     * search over 7..17 finds the same precision as trying each in turn, in 4 tries instead of
     * up to 11; each try is a snprintf and a strtod, most of a `score --format jsonl` line. */
    char tmp[40];
    if (json_num_reads_back(v, 6, tmp))
        return hugi_buf_addstr(out, tmp);
    int lo = 7, hi = 17; /* 17 significant digits always read back */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (json_num_reads_back(v, mid, tmp))
            hi = mid;
        else
            lo = mid + 1;
    }
    json_num_reads_back(v, lo, tmp);
    return hugi_buf_addstr(out, tmp);
}
