/* SPDX-License-Identifier: MIT
 * Fuzzes the robots.txt parser and matcher: the input up to the first NUL byte is robots.txt,
 * the rest is a path to check against it. Nothing may crash, leak or read out of bounds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/fetch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *txt = (const char *)data;
    const char *nul = memchr(txt, '\0', size);
    size_t tlen = nul ? (size_t)(nul - txt) : size;
    const char *path = nul ? nul + 1 : "/";
    size_t plen = nul ? size - tlen - 1 : 1;
    /* the product token comes first (bounded), so matching by agent is exercised too */
    struct hugi_robots *r = hugi_robots_parse(txt, tlen, "hugi");
    if (!r)
        return 0;
    (void)hugi_robots_allowed(r, path, plen);
    (void)hugi_robots_allowed(r, "/", 1);
    (void)hugi_robots_crawl_delay(r);
    hugi_robots_free(r);
    return 0;
}
