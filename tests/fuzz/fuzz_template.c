/* SPDX-License-Identifier: MIT
 * Fuzzes the reply-template parser (hugi_template_check), and on the same bytes the PII masker
 * and the 350-character fitter: all three read text staff or customers wrote. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "hugi/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct hugi_err err;
    hugi_err_clear(&err);
    (void)hugi_template_check(s, size, "fuzz.txt", &err);

    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    size_t n = 0;
    if (hugi_report_mask_pii(s, size, &b, &n) == HUGI_OK && b.len > size * 12 + 64)
        abort(); /* a marker per input byte at most */
    hugi_buf_release(&b);

    bool ell;
    size_t keep = hugi_reply_fit(s, size, 40, &ell);
    if (keep > size)
        abort();
    hugi_buf_init(&b, 0);
    (void)hugi_report_csv_field(&b, s, size);
    hugi_buf_release(&b);
    return 0;
}
