/* SPDX-License-Identifier: MIT
 * libFuzzer: the date and rating parsers (free text from pages). */
#include <stddef.h>
#include <stdint.h>

#include "hugi/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int64_t t;
    double r;
    hugi_extract_date((const char *)data, size, 1700000000, &t);
    hugi_extract_date((const char *)data, size, HUGI_NO_TIME, &t);
    hugi_extract_rating((const char *)data, size, 5, &r);
    hugi_extract_rating((const char *)data, size, 10, &r);
    return 0;
}
