/* SPDX-License-Identifier: MIT
 * libFuzzer, differential: hugi_sent_fmt_fixed() against snprintf("%.*f" / "%+.*f"). Input: a
 * double (8 bytes, any bits) and a byte for the decimals (0-7) and the sign flag. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/sent.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 9)
        return 0;
    double v;
    memcpy(&v, data, sizeof v);
    int dec = data[8] & 7;
    bool plus = (data[8] & 8) != 0;
    /* also the value scaled into the range the fast path takes */
    double vs[2] = {v, isfinite(v) ? fmod(v, 20000.0) : v};
    for (int i = 0; i < 2; i++) {
        char want[512];
        snprintf(want, sizeof want, plus ? "%+.*f" : "%.*f", dec, vs[i]);
        struct hugi_buf b;
        hugi_buf_init(&b, 0);
        if (hugi_sent_fmt_fixed(&b, vs[i], dec, plus) != HUGI_OK || b.len != strlen(want) ||
            memcmp(b.data, want, b.len) != 0)
            abort();
        hugi_buf_release(&b);
    }
    return 0;
}
