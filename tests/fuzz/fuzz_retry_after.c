/* SPDX-License-Identifier: MIT
 * Fuzzes the Retry-After parser (server-controlled header) and query-parameter setting with
 * server-controlled cursors: no crash, no leak, and a parsed delay is never negative. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/fetch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    double secs = -1;
    if (hugi_fetch_retry_after_parse((const char *)data, size, 1700000000, &secs) && secs < 0)
        abort();
    /* a cursor from a page becomes a query parameter value */
    char *v = malloc(size + 1);
    if (!v)
        return 0;
    memcpy(v, data, size);
    v[size] = '\0';
    char *url = NULL;
    struct hugi_err err;
    if (hugi_fetch_url_set_param("https://shop.test/reviews?page=1&cursor=x", "cursor", v, &url,
                                 &err) == HUGI_OK &&
        !strstr(url, "https://shop.test/reviews?page=1&cursor="))
        abort();
    free(url);
    free(v);
    return 0;
}
