/* SPDX-License-Identifier: MIT
 * Fuzzes the readers of report input lines and alert JSONL (hugi report --input, alert files
 * read back), then writes what parsed as JSON and CSV again. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "hugi/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct hugi_err err;
    struct hugi_report_input in;
    if (hugi_report_input_parse(s, size, &in, &err) == HUGI_OK)
        hugi_report_input_release(&in);
    struct hugi_alert a;
    if (hugi_alert_from_json(s, size, &a, &err) == HUGI_OK) {
        struct hugi_buf b;
        hugi_buf_init(&b, 0);
        (void)hugi_alert_to_json(&a, true, &b);
        (void)hugi_alert_csv_row(&a, true, &b);
        hugi_buf_release(&b);
        hugi_alert_release(&a);
    }
    return 0;
}
