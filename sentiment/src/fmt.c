/* SPDX-License-Identifier: MIT
 * Fixed-point printing of scores and weights without printf, with printf's digits. */
#include <math.h>
#include <stdio.h>

#include "hugi/sent.h"

hugi_rc hugi_sent_fmt_fixed(struct hugi_buf *o, double v, int dec, bool plus)
{
    static const double scale[7] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    /* printf rounds the exact binary value, ties to even. x = |v| * 10^dec carries one rounding
     * error, below 2^-53 * 1e8 ~ 1e-8 while x < 1e8: away from a tie (frac within 1e-6 of .5)
     * the digits are the same; near one, for larger x, NaN and infinities, and for other dec,
     * printf itself decides. */
    if (dec < 0 || dec > 6)
        return hugi_buf_addf(o, plus ? "%+.*f" : "%.*f", dec, v);
    double x = fabs(v) * scale[dec];
    double fl = floor(x);
    double frac = x - fl;
    if (!(x < 1e8) || fabs(frac - 0.5) < 1e-6)
        return hugi_buf_addf(o, plus ? "%+.*f" : "%.*f", dec, v);
    unsigned long long n = (unsigned long long)fl + (frac > 0.5);
    char b[32];
    size_t k = sizeof b;
    for (int i = 0; i < dec; i++, n /= 10)
        b[--k] = (char)('0' + n % 10);
    if (dec > 0)
        b[--k] = '.';
    do
        b[--k] = (char)('0' + n % 10);
    while (n /= 10);
    if (signbit(v))
        b[--k] = '-';
    else if (plus)
        b[--k] = '+';
    return hugi_buf_add(o, b + k, sizeof b - k);
}
